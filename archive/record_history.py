"""The public history of changes: writing an entry when a record is published, and reading
entries in the reader's language (see :class:`archive.models.PublishedChange`).

Writing. :func:`record_published` takes the records just published, writes each as the API
writes it for the public (the detail serializer, on the rows of the model's ``public()``, in
the record's own language), keeps the values the public sees, and compares them with the
snapshot of the record's previous entry. Every way of publishing calls it in the transaction
that publishes: Wagtail's ``published`` signal (the editor's Publish, a workflow's approval,
the scheduler, bulk moderation's one-by-one path), bulk moderation's batch path and the
importer. Issue 13 (merging duplicates) calls it for the record kept, with ``always=True``
inside ``reason_for(..., action=PublishedChange.Action.MERGED)``, once the duplicate is merged
(and says in the reason which record was merged into it, if that one was public).

Records public before the history began have no entry to compare with: ``manage.py
start_record_history`` keeps their public values once, in entries not shown (``BASELINE``).

The reason and source, the first given of: the latest :class:`RevisionReason` given since the
last entry (the edit form keeps it with the revision it saves, :func:`keep_revision_reason`);
the comment of the moderator who approved the revision published (Wagtail's "Approve with
comment", from the editor or the dashboard); what :func:`reason_for` says around the
publishing (a bulk approval's form, an import, a merge). So a reason is asked once: bulk
approval asks only for the published records whose editors gave none (:func:`without_reason`).

Reading. :func:`shown_entries` gives each entry's changed fields with their labels and values
as the site shows them, in the active language. What the public may not see now is left out of
every entry, old ones included: fields a family's hold keeps from the public now
(``held_columns``), and linked records no longer public (a person restricted since); a linked
record is named as it reads now in the reader's language."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import groupby

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext
from rest_framework.request import Request
from wagtail.models import Page, Revision, TaskState

from archive.api.sync import CHUNK, _Unhosted
from archive.api.views import PersonViewSet, StatementViewSet, TimelineViewSet
from archive.importers.bulk import insert_rows
from archive.models import (
    Event,
    Family,
    FamilyMembership,
    FateEvent,
    Organisation,
    PartialDate,
    Person,
    Place,
    PublishedChange,
    RevisionReason,
    Source,
    StatementPage,
    TimelineEntry,
)
from archive.models.base import localize
from archive.models.holds import held_columns

# The records with a public history, and the API list that writes each.
VIEWSETS = {Person: PersonViewSet, TimelineEntry: TimelineViewSet, StatementPage: StatementViewSet}

# What the API writes that is no value of the record's own: addresses, versions, publication
# stamps, and the forms derived from other fields (a choice's label is shown from its value).
NOT_VALUES = {
    "id",
    "public_id",
    "url",
    "page_url",
    "permalink",
    "fallback",
    "locale",
    "slug",
    "name",
    "when",
    "first_published_at",
    "last_published_at",
    # What visitors sent, approved by a moderator: listed on the page beside the record, not
    # a value of it.
    "contributions",
}
RICH_TEXT = {"biography", "body"}


@dataclass(frozen=True)
class Reason:
    text: str
    source: Source | None = None
    action: str = PublishedChange.Action.PUBLISHED


_given: ContextVar[Reason | None] = ContextVar("publishing_reason", default=None)


@contextmanager
def reason_for(text: str, source: Source | None = None, action: str = "published") -> Iterator:
    """Whatever is published inside is recorded with this reason and source (a bulk
    approval, an import, a merge), unless an editor gave one with the revision published."""
    token = _given.set(Reason(text, source, action))
    try:
        yield
    finally:
        _given.reset(token)


# Writing.


def record_published(
    model,
    ids: list[int],
    *,
    revisions: dict[int, int] | None = None,
    always: bool = False,
    first: dict[int, dict | None] | None = None,
) -> int:
    """Write an entry for each of the records ``ids`` of ``model`` whose public values are
    not those of its last entry (or that has none: its first publication); with ``always``,
    for each one public even if nothing shown changed (a merge). Records not public are left
    out. Returns how many entries were written.

    ``first`` gives the public values (None for a record not public) of records published for
    the first time that have nothing to look up: no earlier entry, no reason given with a
    revision, no approval. The records an import adds are such, their values worked out from
    the rows it holds (:mod:`archive.importers.first_entries`); the others are written by the
    API's serializer."""
    if model not in VIEWSETS:
        return 0
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        written += _record_chunk(model, chunk, revisions or {}, always, first or {})
    return written


def _record_chunk(
    model, ids: list[int], revisions: dict[int, int], always: bool, first: dict[int, dict | None]
) -> int:
    others = [pk for pk in ids if pk not in first]
    written = public_values(model, others)
    now = {pk: found for pk in ids if (found := written.get(pk, first.get(pk))) is not None}
    previous = _latest_entries(model, list(written))
    given = _given.get()
    reasons = _revision_reasons(model, list(written), previous)
    comments = _approval_comments(model, list(written), previous)
    published_at = timezone.now()
    label = model._meta.label_lower
    action = str(given.action if given else PublishedChange.Action.PUBLISHED)
    entries = []
    for pk, values in now.items():
        before = previous.get(pk)
        changes = [] if before is None else changed_fields(before["snapshot"], values)
        if before is not None and not changes and not always:
            continue
        reason = reasons.get(pk) or comments.get(pk) or given or Reason("")
        entries.append(
            {
                "model": label,
                "record_id": pk,
                "published_at": published_at,
                "action": action,
                "first": before is None,
                "reason": reason.text,
                "source_id": reason.source and reason.source.pk,
                "changes": changes,
                "snapshot": values,
                "revision_id": revisions.get(pk),
            }
        )
    # By COPY, as plain rows: an import publishes a hundred thousand records at once.
    insert_rows(PublishedChange, entries)
    return len(entries)


def public_values(model, ids: list[int]) -> dict[int, dict]:
    """The public values of the records ``ids`` (at most a ``CHUNK``) that are public, each
    written in its own language, by field."""
    languages = model.objects.filter(pk__in=ids).values_list("pk", "locale__language_code")
    values = {}
    for language, rows in groupby(sorted(languages, key=lambda row: row[1]), lambda row: row[1]):
        pks = [pk for pk, _language in rows]
        view = VIEWSETS[model](
            request=Request(_Unhosted()), language=language, format_kwarg=None, kwargs={}
        )
        view.action = "retrieve"  # the fullest form: the detail's
        with translation.override(language):
            for pk, written in view.write(pks).items():
                values[pk] = _kept(json.loads(written))
    return values


def _kept(record: dict) -> dict:
    """The values of an API record that the history compares and shows."""
    return {
        name: _value(name, value)
        for name, value in record.items()
        if name not in NOT_VALUES and not name.endswith("_label")
    }


def _value(name: str, value):
    if name in RICH_TEXT:
        return _text(value)
    if isinstance(value, dict):
        return _summary(value)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [_summary(item) for item in value]
    return value


def _summary(value: dict) -> dict:
    """A linked record as its id and label, a date as its earliest day, precision and
    approximation; a family membership, a testimony and a photo or document as what the page
    shows of them."""
    if "precision" in value:
        return {k: value[k] for k in ("earliest", "precision", "approximate")}
    if "family" in value:
        return {**_summary(value["family"]), "relationship": value["relationship"]}
    if "text" in value:
        return {"text": value["text"], "given_by": value["given_by"]}
    if "certainty" in value:  # a fate event
        linked = {k: value[k] and _summary(value[k]) for k in ("date", "place", "source")}
        return {"kind": value["kind"], "certainty": value["certainty"], **linked}
    if "alt_text" in value:  # a photo or document: what it shows, not its files' addresses,
        # which change whenever sealing moves them (archive.media_files)
        document = value["document"] or {}
        label = value["caption"] or value["alt_text"] or document.get("title", "")
        return {"kind": value["kind"], "label": label}
    return {"id": value["id"], "label": value.get("name") or value.get("title") or ""}


def _text(value) -> str:
    """Rich text, or a page body's blocks, as the words a reader reads."""
    if isinstance(value, list):
        return "\n\n".join(filter(None, (_text(block.get("value")) for block in value)))
    if isinstance(value, dict):
        return "\n".join(filter(None, (_text(item) for item in value.values())))
    if isinstance(value, str):
        # strip_tags() parses HTML, a third of the time an import's history took: only
        # where there is some.
        return " ".join((strip_tags(value) if "<" in value else value).split())
    return ""


def _identity(value):
    """What says whether two values are the same: a linked record's id, not its label (a
    place renamed is no change of the person who lived there)."""
    if isinstance(value, list):
        return [_identity(item) for item in value]
    if isinstance(value, dict) and "id" in value:
        return [value["id"], value.get("relationship")]
    return value


def changed_fields(before: dict, after: dict) -> list[dict]:
    """The fields whose values differ, in the order the record shows them."""
    names = [*after, *(name for name in before if name not in after)]
    return [
        {"field": name, "old": before.get(name), "new": after.get(name)}
        for name in names
        if _identity(before.get(name)) != _identity(after.get(name))
    ]


def _latest_entries(model, ids: list[int]) -> dict[int, dict]:
    latest: dict[int, dict] = {}
    entries = PublishedChange.objects.filter(model=model._meta.label_lower, record_id__in=ids)
    for entry in entries.order_by("record_id", "-published_at", "-pk").values(
        "record_id", "snapshot", "revision_id"
    ):
        latest.setdefault(entry["record_id"], entry)
    return latest


def _revision_reasons(model, ids: list[int], previous: dict[int, dict]) -> dict[int, Reason]:
    """The latest reason given with a revision of each record since its last entry."""
    content_type = ContentType.objects.get_for_model(model)
    given = RevisionReason.objects.filter(
        revision__content_type=content_type, revision__object_id__in=[str(pk) for pk in ids]
    ).select_related("source")
    found: dict[int, Reason] = {}
    for reason in given.order_by("revision_id").annotate(object_id=models.F("revision__object_id")):
        pk = int(reason.object_id)
        since = (previous.get(pk) or {}).get("revision_id") or 0
        if reason.revision_id > since:
            found[pk] = Reason(reason.reason, reason.source)
    return found


def _approval_comments(model, ids: list[int], previous: dict[int, dict]) -> dict[int, Reason]:
    """The comment of the latest approval, with one, of a revision of each record since its
    last entry."""
    content_type = ContentType.objects.get_for_model(model)
    approvals = (
        TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            revision__content_type=content_type,
            revision__object_id__in=[str(pk) for pk in ids],
        )
        .exclude(comment="")
        .order_by("revision_id", "finished_at", "pk")
        .values_list("revision__object_id", "revision_id", "comment")
    )
    found: dict[int, Reason] = {}
    for object_id, revision_id, comment in approvals:
        pk = int(object_id)
        if revision_id > ((previous.get(pk) or {}).get("revision_id") or 0):
            found[pk] = Reason(comment.strip())
    return found


def without_reason(records: models.QuerySet) -> models.QuerySet:
    """``records`` (people, timeline entries or pages) with no reason given with a revision
    since their last published change: those a publication of theirs must be given one for."""
    labels = [model._meta.label_lower for model in VIEWSETS if issubclass(model, records.model)]
    last_published_revision = (
        # Inside ``given`` below: the record is two queries out.
        PublishedChange.objects.filter(
            model__in=labels, record_id=models.OuterRef(models.OuterRef("pk"))
        )
        .order_by("-published_at", "-pk")
        .values("revision_id")[:1]
    )
    given = RevisionReason.objects.filter(
        revision__base_content_type=ContentType.objects.get_for_model(records.model),
        revision__object_id=Cast(models.OuterRef("pk"), models.CharField()),
        revision_id__gt=Coalesce(models.Subquery(last_published_revision), 0),
    )
    return records.filter(~models.Exists(given))


def pending_reason(record) -> bool:
    """Whether a reason was given with a revision of ``record`` not yet published."""
    model = Page if isinstance(record, Page) else type(record)
    return not without_reason(model.objects.filter(pk=record.pk)).exists()


def on_published(sender, instance, revision=None, **kwargs) -> None:
    """Wagtail's ``published`` signal: the record just published."""
    record = instance.specific if isinstance(instance, Page) else instance
    revisions = {record.pk: revision.pk} if revision is not None else None
    record_published(type(record), [record.pk], revisions=revisions)


def keep_revision_reason(sender, instance: Revision, created: bool, **kwargs) -> None:
    """Keep the reason the edit form gave its record (``change_reason``) with the revision
    saved from it. The record is the object ``save_revision()`` was called on, which the
    revision holds already: nothing is read for revisions saved any other way."""
    field = Revision._meta.get_field("content_object")
    if not created or not field.is_cached(instance):
        return
    reason = getattr(field.get_cached_value(instance), "change_reason", None)
    if reason is not None and reason.text:
        RevisionReason.objects.create(revision=instance, reason=reason.text, source=reason.source)


# Reading.


@dataclass(frozen=True)
class ShownChange:
    field: str
    label: str
    old: str
    new: str


# The model of the records each field links to, and the attribute that names one.
LINKED = {
    "birth_place": (Place, "name"),
    "residence": (Place, "name"),
    "fate_place": (Place, "name"),
    "place": (Place, "name"),
    "event": (Event, "name"),
    "related_events": (Event, "name"),
    "sources": (Source, "title"),
    "issuer": (Organisation, "name"),
    "related_statements": (StatementPage, "title"),
    "related_people": (Person, "display_name"),
    "families": (Family, "name"),
}


class LinkedNames:
    """The names of linked records as a reader of the active language reads them now, and
    None for those no longer public (a person restricted since: an old entry must not name
    them). Each record is looked up once per reading."""

    def __init__(self):
        self.found: dict[tuple, str | None] = {}

    def __call__(self, name: str, pk: int) -> str | None:
        model, attribute = LINKED[name]
        key = (model, pk)
        if key not in self.found:
            public = model.objects.public()
            group = public.filter(pk=pk).values("translation_key")
            shown = localize(public.filter(translation_key__in=group)).first()
            self.found[key] = None if shown is None else str(getattr(shown, attribute))
        return self.found[key]


def shown_entries(record, entries) -> list[tuple[PublishedChange, list[ShownChange]]]:
    """``entries`` of ``record`` with the changes of each the public may see; an entry all
    of whose changes are withheld or hidden now is left out (its reason would tell of them)."""
    entries = list(entries)
    names = LinkedNames()
    # A source is private until something public cites it (its title may name a person):
    # each entry's ``shown_source`` is its source where the public may see it, else None.
    cited = {entry.source_id for entry in entries if entry.source_id}
    public = set(Source.objects.public().filter(pk__in=cited).values_list("pk", flat=True))
    for entry in entries:
        entry.shown_source = entry.source if entry.source_id in public else None
    # A hold on a photo, a biography, a date of birth (and the age it gives) or a residence:
    # no entry shows them, old or new. The API's field names are the columns' (born, age...).
    withheld = held_columns(record) if isinstance(record, Person) else {}
    shown = [(entry, shown_changes(entry, type(record), withheld, names)) for entry in entries]
    return [(entry, changes) for entry, changes in shown if changes or not entry.changes]


def shown_changes(
    entry: PublishedChange, model, withheld: dict, names: LinkedNames
) -> list[ShownChange]:
    """The changes of ``entry`` (of a record of ``model``) the public may see, labelled and
    written as the site shows them, in the active language: not those of the ``withheld``
    fields. A change whose values read the same once the linked records no longer public
    are left out is left out too."""
    shown = []
    for change in entry.changes:
        name = change["field"]
        if name in withheld:
            continue
        old = shown_value(model, name, _still_public(name, change["old"], names))
        new = shown_value(model, name, _still_public(name, change["new"], names))
        if old != new:
            shown.append(ShownChange(name, field_label(model, name), old, new))
    return shown


def _still_public(name: str, value, names: LinkedNames):
    """``value`` with each linked record named as it reads now, and those no longer public
    left out."""
    if name not in LINKED or not value:
        return value
    if isinstance(value, list):
        linked = [_still_public(name, item, names) for item in value]
        return [item for item in linked if item is not None]
    label = names(name, value["id"])
    return None if label is None else {**value, "label": label}


# Fields the API names otherwise than the model: its label is that of these.
_LABELLED_AS = {
    "born": (Person, "born"),
    "fate_date": (Person, "fate_date"),
    "families": (Family, None),
}


def field_label(model, name: str) -> str:
    owner, field = _LABELLED_AS.get(name, (model, name))
    if field is None:
        return capfirst(owner._meta.verbose_name_plural)
    try:
        found = owner._meta.get_field(field)
    except FieldDoesNotExist:
        return capfirst(name.replace("_", " "))
    if found.one_to_many:  # rows of their own (testimonies, fate events): their plural name
        return capfirst(found.related_model._meta.verbose_name_plural)
    return capfirst(found.verbose_name)


def shown_value(model, name: str, value) -> str:
    """A value as the site shows it, in the active language; "none" for no value."""
    if value in (None, "", []):
        return gettext("none")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return "; ".join(shown_value(model, name, item) for item in value)
    if isinstance(value, dict):
        if "precision" in value:
            earliest = datetime.date.fromisoformat(value["earliest"])
            return str(PartialDate.of(earliest, value["precision"], value["approximate"]))
        if "text" in value:
            return f"{value['given_by']}: {value['text']}" if value["given_by"] else value["text"]
        if "relationship" in value:
            relationship = _choice(FamilyMembership, "relationship")
            return f"{value['label']} ({relationship.get(value['relationship'], '')})"
        if "certainty" in value:  # a fate event: what happened, when, where, how certain
            shown = [_choice(FateEvent, "kind").get(value["kind"], value["kind"])]
            if value["date"]:
                shown.append(shown_value(model, name, value["date"]))
            if value["place"]:
                shown.append(value["place"]["label"])
            shown.append(_choice(FateEvent, "certainty").get(value["certainty"], ""))
            return ", ".join(shown)
        return value["label"]
    if name == "photo":
        return value.rsplit("/", 1)[-1]
    choices = _choice(model, name)
    return str(choices.get(value, value))


def _choice(model, name: str) -> dict:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return {}
    return {key: str(label) for key, label in field.flatchoices}
