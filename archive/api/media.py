"""The photos and scanned documents of a record in the API (:mod:`archive.models.media`,
written by ``serializers.MediaSerializer``), on its full record only (``/people/<id>/`` and the
other details; lists leave them out, as they leave out biographies). Only public records are
ever written, and of a person only while no hold keeps the photo: each viewset reads them from
the attachment model's ``public()``."""

from __future__ import annotations

from collections import defaultdict

from archive.models.media import RecordMedia


def attach_media(records: list, model: type[RecordMedia]) -> None:
    """Set ``shown_media`` of each of ``records`` to its public photos and documents, in three
    queries whatever their number."""
    owner_id = f"{model.owner}_id"
    grouped = defaultdict(list)
    items = model.objects.public().filter(**{f"{owner_id}__in": [r.pk for r in records]})
    for item in items.for_display():
        grouped[getattr(item, owner_id)].append(item)
    for record in records:
        record.shown_media = grouped[record.pk]
