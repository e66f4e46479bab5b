"""Sealing the files of records the public may not see.

Wagtail serves images and their renditions straight from the media storage (the proxy's
``/media/``, or the bucket), with no check of who asks, and a view restriction on a collection
covers documents only. So the archive keeps the file of a record's image or document where the
public cannot read it whenever no public record shows it (:mod:`archive.models.media` says
which do): it renames the file ``sealed-…``, which the media storages keep apart and serve
only through :func:`archive.views.media.sealed_file` to staff (:mod:`memorial.media`).

- **Sealing** moves the original to a new, random sealed name and deletes its renditions, so
  every address the site ever showed of it (``original_images/…``, ``images/….width-800.jpg``)
  answers 404 at once: a record restricted, held, unpublished or deleted after its photo was
  public leaves nothing of it readable. Renditions made later (the admin's thumbnails, a
  preview) take the sealed name, so they are sealed too.
- **Unsealing** (a record published again) moves it back under a new random name: an address
  handed to staff while it was sealed never becomes a public one.

Each write that can change what the public sees of a record schedules one pass after its
transaction commits (:func:`connect_sealing`); writes that bypass ``save()`` (imports, bulk
actions) and expiry run it through ``manage.py seal_record_media`` (cron, like
``refresh_public_records``) or call :func:`schedule_sealing`."""

from __future__ import annotations

import logging
import posixpath
import re

from django.core.files.base import File
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished, published, unpublished

from archive.models.media import (
    public_document_ids,
    public_image_ids,
    record_document_ids,
    record_image_ids,
)
from memorial.media import SEALED_MARK, is_sealed, random_name

logger = logging.getLogger(__name__)
# A sealed document keeps its name after the mark: "documents/sealed-<hex>-certificate.pdf".
SEALED_DOCUMENT = re.compile(rf"^{SEALED_MARK}[0-9a-f]+-")


def seal_record_media() -> dict[str, int]:
    """Seal every record's file the public may not see, unseal every sealed one it may; return
    how many of each. Four to ten queries when nothing changes, whatever the archive's size."""
    Image, Document = get_image_model(), get_document_model()
    images = _sealed_ids(Image)
    public_images = public_image_ids()
    documents = _sealed_ids(Document)
    public_documents = public_document_ids()
    moves = {
        "images sealed": _move_all(Image, record_image_ids() - public_images - images, True),
        "images unsealed": _move_all(Image, images & public_images, False),
        "documents sealed": _move_all(
            Document, record_document_ids() - public_documents - documents, True
        ),
        "documents unsealed": _move_all(Document, documents & public_documents, False),
    }
    return moves


def _sealed_ids(model) -> set[int]:
    folder = "original_images" if model is get_image_model() else "documents"
    return set(
        model.objects.filter(file__startswith=f"{folder}/{SEALED_MARK}").values_list(
            "pk", flat=True
        )
    )


def _move_all(model, ids: set[int], sealed: bool) -> int:
    moved = 0
    for pk in sorted(ids):
        with transaction.atomic():
            # Locked, and asked again: another server's pass may have moved it meanwhile.
            instance = model.objects.select_for_update().filter(pk=pk).first()
            if instance is not None and is_sealed(instance.file.name) != sealed:
                moved += _move(instance, sealed)
    return moved


def _move(instance, sealed: bool) -> int:
    """Store ``instance``'s file under a new name, sealed or not, and forget the old name and
    every rendition; 0 when the file is missing (nothing to move: its name is kept)."""
    storage, old = instance.file.storage, instance.file.name
    if not storage.exists(old):
        logger.warning("Not moving %s %s: its file %s is missing", instance, instance.pk, old)
        return 0
    with storage.open(old, "rb") as content:
        new = storage.save(_new_name(instance, old, sealed), File(content))
    type(instance).objects.filter(pk=instance.pk).update(file=new)
    if hasattr(instance, "renditions"):
        # Each delete removes the rendition's file and cached row (Wagtail's signals).
        for rendition in instance.renditions.all():
            rendition.delete()
    transaction.on_commit(lambda: storage.delete(old))
    return 1


def _new_name(instance, old: str, sealed: bool) -> str:
    folder, base = posixpath.split(old)
    if isinstance(instance, get_image_model()):
        return random_name(folder, posixpath.splitext(base)[1], sealed)
    # A document keeps its name, which its download carries.
    base = SEALED_DOCUMENT.sub("", base)
    if sealed:
        return f"{random_name(folder, '', sealed=True)}-{base}"
    return f"{folder}/{base}"


def schedule_sealing(**kwargs) -> None:
    """Run :func:`seal_record_media` once when the current transaction commits (at once
    outside one), however many writes ask for it: one pass sees them all."""
    waiting = transaction.get_connection().run_on_commit
    if any(getattr(callback, "pending", False) for _ids, callback, *_rest in waiting):
        return

    def seal():
        seal.pending = False
        seal_record_media()

    seal.pending = True
    # Robust: the write has committed whatever happens here; a failure is logged, and the
    # next pass (or the cron job) does the work.
    transaction.on_commit(seal, robust=True)


def connect_sealing() -> None:
    """Schedule a pass after each write that can change which records' files are public."""
    from archive.models import (
        Family,
        FamilyMedia,
        FamilyMembership,
        Hold,
        Person,
        PersonMedia,
        StatementMedia,
        StatementPage,
        TimelineEntry,
        TimelineEntryMedia,
    )

    for model in (
        Person,
        Family,
        FamilyMembership,
        TimelineEntry,
        StatementPage,
        Hold,
        PersonMedia,
        FamilyMedia,
        TimelineEntryMedia,
        StatementMedia,
    ):
        post_save.connect(schedule_sealing, sender=model, dispatch_uid=f"seal_{model.__name__}")
        post_delete.connect(schedule_sealing, sender=model, dispatch_uid=f"unseal_{model.__name__}")
    for signal in (published, unpublished, page_published, page_unpublished):
        signal.connect(schedule_sealing, dispatch_uid=f"seal_on_{id(signal)}")
