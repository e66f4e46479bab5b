"""Incremental sync: which records of each list changed in their public form, and which left
public view, since a given moment (``?changed_since=`` on every list, and ``/deletions/``).

What is public is decided by each model's ``public()`` alone, and what a record's public form
is, by the serializer alone: nothing here repeats either. A record's form is kept as a
fingerprint of its JSON (:class:`~archive.models.PublicRecord`, one per list, language and
record), and a refresh compares the records as they are with their fingerprints: a record
that is public now and was not, or whose JSON differs, is stamped as changed; one that was
public and is not (unpublished, restricted, held, expired, deleted, merged, or replaced in
its language's list by a translation), as gone. So whatever made the change, the admin, a
bulk action, the importer's COPY, a command, the scheduler, an expiry passing or raw SQL, it
shows in the comparison, on PostgreSQL and SQLite alike. Each record's entry in a list it
has left says only that it left, and where it was merged into: nothing about why.

A refresh runs when a sync is asked for and the content has changed since the last one (its
generation or the token of all people: :func:`archive.caching.content_version`), or from
``manage.py refresh_public_records``.
Small lists are compared whole. People and families are many, so only the records the change
log names are compared: :mod:`archive.api.changelog` has the database note every row written
to the tables their records are made of (``MADE_OF``), whatever wrote it. A test compares
the tables each list's ``public()`` and serializer read with these (tests/test_api_sync.py),
so that a table added to either is not forgotten here.

Changes are stamped with the refresh's time and ordered by a sequence number. A client that
passes the ``until`` of its last sync as the next ``changed_since`` (and ``since``) misses
nothing: changes made while it synced are stamped by a later refresh, after ``until``."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.db.models.functions import Now
from django.http import HttpRequest
from django.utils import timezone, translation
from rest_framework.request import Request
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from archive.caching import content_version
from archive.models import (
    Contribution,
    Event,
    Family,
    FamilyMembership,
    FateEvent,
    Hold,
    LoggedChange,
    MergedRecord,
    Person,
    Place,
    PublicRecord,
    Source,
    SyncState,
    Testimony,
)
from archive.models.base import localize
from archive.models.media import FamilyMedia, PersonMedia

from .links import PageAddresses

EVERYTHING = "*"
# Records written and fingerprinted at a time.
CHUNK = 500


def _logged(source: str) -> QuerySet:
    """The values the refresh under way has claimed from the change log for ``source``."""
    return LoggedChange.objects.filter(claimed=True, source=source).values("value")


def source_name(model: type[Model], column: str) -> str:
    return f"{model._meta.db_table}.{column}"


def _in_groups(model: type[Model], source: str) -> QuerySet:
    """The translation keys of the rows of ``model`` that ``source`` names."""
    return model.objects.filter(pk__in=_logged(source)).values("translation_key")


def _same(model: type[Model]) -> Callable[[str], Q]:
    """The records themselves, and every version of them: restricting one version hides
    them all, and publishing a translation replaces the original in its language's list."""
    return lambda source: (
        Q(pk__in=_logged(source)) | Q(translation_key__in=_in_groups(model, source))
    )


def _through(*paths: str, model: type[Model]) -> Callable[[str], Q]:
    """Records that reach a row of ``model`` (or a version of it) by any of ``paths``."""

    def affected(source: str) -> Q:
        keys = _in_groups(model, source)
        found = Q()
        for path in paths:
            found |= Q(**{f"{path}__translation_key__in": keys})
        return found

    return affected


def _own(source: str) -> Q:
    return Q(pk__in=_logged(source))


# What the records of the large lists are made of: for each watched column, the records of the
# list that a row written there may change. A Person's record shows its places, event, photo,
# sources, testimonies, families, photos and documents; a family's its name, its public members,
# photos and documents.
MADE_OF: dict[str, dict[tuple[type[Model], str], Callable[[str], Q]]] = {
    "person": {
        (Person, "id"): _same(Person),
        (Person.sources.through, "person_id"): _own,
        (Testimony, "person_id"): _own,
        (FamilyMembership, "person_id"): _own,
        (Contribution, "person_id"): _own,
        (FateEvent, "person_id"): _own,
        (PersonMedia, "person_id"): _own,
        (Place, "id"): _through(
            "birth_place", "residence", "fate_place", "fate_events__place", model=Place
        ),
        (Event, "id"): _through("event", model=Event),
        (Source, "id"): _through(
            "sources", "testimonies__source", "fate_events__source", "media__source", model=Source
        ),
        (Family, "id"): _through("memberships__family", model=Family),
        (get_image_model(), "id"): lambda source: (
            Q(photo__in=_logged(source)) | Q(media__image__in=_logged(source))
        ),
        (get_document_model(), "id"): lambda source: Q(media__document__in=_logged(source)),
        # A hold placed or lifted hides or shows the person, or some of their fields.
        (Hold, "person_id"): lambda source: Q(translation_key__in=_in_groups(Person, source)),
    },
    "family": {
        (Family, "id"): _same(Family),
        (FamilyMembership, "family_id"): _own,
        (FamilyMedia, "family_id"): _own,
        (Source, "id"): _through("media__source", model=Source),
        (get_image_model(), "id"): lambda source: Q(media__image__in=_logged(source)),
        (get_document_model(), "id"): lambda source: Q(media__document__in=_logged(source)),
        (Person, "id"): _through("memberships__person", model=Person),
        (Hold, "person_id"): _through("memberships__person", model=Person),
    },
}
# A change to these has every list compared whole.
EVERYTHING_WHEN = [(Locale, "id")]


def watched_columns() -> dict[str, set[str]]:
    """The columns the change log notes, by table."""
    columns: dict[str, set[str]] = {}
    for model, column in [*EVERYTHING_WHEN, *(key for made in MADE_OF.values() for key in made)]:
        columns.setdefault(model._meta.db_table, set()).add(column)
    return columns


class _Unhosted(HttpRequest):
    """The request records are fingerprinted with: one fixed host, so that a fingerprint is
    the same whichever host a client names (their records differ by that alone)."""

    def get_host(self) -> str:
        return "records.invalid"


def refresh(lists: Iterable[tuple[str, type]], *, budget: int | None = None) -> SyncState:
    """Bring the public records of ``lists`` (list name, viewset) up to date with the content,
    and say how far they are: as of the last refresh that completed.

    Nothing is done if they are up to date already, if another refresh is under way (its
    result shows on the next request), or if it would take more than ``budget`` records
    written (a record in one language each): a request must not run for minutes after an
    import of 100,000 people; ``manage.py refresh_public_records``, with no budget, does that."""
    generation = content_version()
    state, _created = SyncState.objects.get_or_create(pk=1)
    if generation is not None and state.generation == generation:
        return state
    with transaction.atomic():
        locked = SyncState.objects.select_for_update(skip_locked=True).filter(pk=1).first()
        if locked is None or (generation is not None and locked.generation == generation):
            return locked or state
        if not _Refresh(locked, dict(lists)).run(generation, budget):
            transaction.set_rollback(True)  # the change log's rows wait for the next one
            return state
    return locked


class _Refresh:
    def __init__(self, state: SyncState, lists: dict[str, type]):
        self.state = state
        self.lists = lists
        self.request = Request(_Unhosted())
        self.changed: list[PublicRecord] = []
        self.created: list[PublicRecord] = []

    def run(self, generation: str | None, budget: int | None) -> bool:
        """Compare, stamp and save; False, with nothing done, if that would take more than
        ``budget`` records written."""
        state = self.state
        checked_at = SyncState.objects.annotate(now=Now()).values_list("now", flat=True)[0]
        LoggedChange.objects.filter(claimed=False).update(claimed=True)
        if state.checked_at:
            self._claim_expired(since=state.checked_at)
        self._claim_moved_event_pages()
        sources = set(LoggedChange.objects.filter(claimed=True).values_list("source", flat=True))
        everything = (
            state.checked_at is None
            or EVERYTHING in sources
            or any(source_name(*key) in sources for key in EVERYTHING_WHEN)
        )
        selections = {
            kind: None if everything else self._named(kind, viewset, sources)
            for kind, viewset in self.lists.items()
        }
        if budget is not None and self._cost(selections) > budget:
            return False
        self.stamp = timezone.now()
        if state.stamped_at and self.stamp <= state.stamped_at:
            self.stamp = state.stamped_at + datetime.timedelta(microseconds=1)
        self.sequence = state.sequence
        for kind, named in selections.items():
            if named == []:
                continue
            for language, _name in settings.LANGUAGES:
                self._compare(kind, self.lists[kind], language, named)
        PublicRecord.objects.bulk_create(self.created, batch_size=CHUNK)
        PublicRecord.objects.bulk_update(
            self.changed,
            ["present", "fingerprint", "merged_into", "changed_at", "sequence"],
            batch_size=CHUNK,
        )
        LoggedChange.objects.filter(claimed=True).delete()
        state.generation = generation or ""
        state.checked_at = checked_at
        state.stamped_at = self.stamp
        state.started_at = state.started_at or self.stamp
        state.sequence = self.sequence
        state.save()
        return True

    def _cost(self, selections: dict[str, list[int] | None]) -> int:
        """About how many records comparing ``selections`` writes: every row of a list compared
        whole, the rows named of the others, in every language."""
        rows = 0
        for kind, named in selections.items():
            rows += self.lists[kind].queryset.model.objects.count() if named is None else len(named)
        return rows * len(settings.LANGUAGES)

    def _claim_expired(self, since: datetime.datetime) -> None:
        """Note the watched records whose ``expire_at`` has passed since the last refresh: they
        left the public without any row being written."""
        for kind in MADE_OF.values():
            for model, column in kind:
                if column != "id" or not hasattr(model, "expire_at"):
                    continue
                expired = model.objects.filter(expire_at__gt=since, expire_at__lte=Now())
                LoggedChange.objects.bulk_create(
                    LoggedChange(source=source_name(model, "id"), value=pk, claimed=True)
                    for pk in expired.values_list("pk", flat=True)
                )

    def _claim_moved_event_pages(self) -> None:
        """Note the events whose home page moved, as if their rows had been written.

        Records name an event with the address of its home page, which the page tree decides
        (a home page published, unpublished, restricted or moved, a site's root changed), and
        the change log does not watch it: the few addresses are compared whole instead."""
        now = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                pages = PageAddresses(self.request).event_pages()
            now[language] = {str(key): path for key, path in pages.items()}
        before = self.state.event_pages
        moved = {
            key
            for language, pages in now.items()
            for key in set(pages) | set(before.get(language, {}))
            if pages.get(key) != before.get(language, {}).get(key)
        }
        self.state.event_pages = now
        LoggedChange.objects.bulk_create(
            LoggedChange(source=source_name(Event, "id"), value=pk, claimed=True)
            for pk in Event.objects.filter(translation_key__in=moved).values_list("pk", flat=True)
        )

    def _named(self, kind: str, viewset, sources: set[str]) -> list[int] | None:
        """The ids of the records of ``kind`` the change log names, deleted ones included, or
        None for a list compared whole."""
        made_of = MADE_OF.get(kind)
        if made_of is None:
            return None
        model = viewset.queryset.model
        named: set[int] = set()
        for (source_model, column), affected in made_of.items():
            source = source_name(source_model, column)
            if source not in sources:
                continue
            # One query per source: PostgreSQL plans each as a probe of an index, and the
            # union of them all as a scan of the table (0.3 s at 100,000 people).
            named.update(model.objects.filter(affected(source)).values_list("pk", flat=True))
            if source_model is model and column == "id":
                named.update(_logged(source).values_list("value", flat=True))
        return sorted(named)

    def _compare(self, kind: str, viewset, language: str, named: list[int] | None) -> None:
        """Compare the records ``named`` (all of them when None) of ``kind`` in ``language``
        with their fingerprints, and stamp those that changed, appeared or left. Only public
        records are written (view.write() reads the list's own rows), so a named record that
        is not written is not public."""
        view = viewset(request=self.request, language=language, format_kwarg=None, kwargs={})
        view.action = "retrieve"  # the fullest form of each record: the detail's
        known = PublicRecord.objects.filter(kind=kind, language=language)
        with translation.override(language):
            if named is None and kind not in MADE_OF:  # a small list: in one go
                self._fingerprint(kind, viewset, language, view.write(None), known)
                return
            if named is None:
                public = localize(view.public_rows(), language).values_list("pk", flat=True)
                present = known.filter(present=True).values_list("record_id", flat=True)
                named = sorted(set(public).union(present))
            for start in range(0, len(named), CHUNK):
                chunk = named[start : start + CHUNK]
                written = view.write(chunk)
                self._fingerprint(
                    kind, viewset, language, written, known.filter(record_id__in=chunk)
                )

    def _fingerprint(self, kind, viewset, language, written: dict, known: QuerySet) -> None:
        """Stamp the records ``written`` that are new or changed against ``known``, and those
        of ``known`` that were public and are not written (not public now)."""
        previous = {record.record_id: record for record in known}
        for pk, record in written.items():
            fingerprint = hashlib.md5(record, usedforsecurity=False).hexdigest()
            self._saw(kind, language, pk, fingerprint, previous)
        self._left(
            viewset,
            language,
            [record for pk, record in previous.items() if record.present and pk not in written],
        )

    def _left(self, viewset, language: str, left: list[PublicRecord]) -> None:
        merged = self._merged_into(viewset, language, [record.record_id for record in left])
        for record in left:
            record.merged_into = merged.get(record.record_id)
            self.changed.append(self._stamped(record, present=False, fingerprint=""))

    def _saw(self, kind, language, pk, fingerprint, previous) -> None:
        record = previous.get(pk)
        if record is None:
            record = PublicRecord(kind=kind, language=language, record_id=pk)
            self.created.append(self._stamped(record, present=True, fingerprint=fingerprint))
        elif not record.present or record.fingerprint != fingerprint:
            record.merged_into = None
            self.changed.append(self._stamped(record, present=True, fingerprint=fingerprint))

    def _stamped(self, record: PublicRecord, *, present: bool, fingerprint: str) -> PublicRecord:
        self.sequence += 1
        record.present, record.fingerprint = present, fingerprint
        record.changed_at, record.sequence = self.stamp, self.sequence
        return record

    def _merged_into(self, viewset, language: str, ids: list[int]) -> dict[int, int]:
        """For records among ``ids`` that were merged, the record they went into, as this
        language's list shows it, where that is public."""
        model = viewset.queryset.model
        merges = dict(
            MergedRecord.objects.filter(
                model=model._meta.label_lower, record_id__in=ids
            ).values_list("record_id", "merged_into")
        )
        if not merges:
            return {}
        public = localize(viewset(language=language).public_rows(), language)
        shown = dict(
            public.filter(
                translation_key__in=model.objects.filter(pk__in=merges.values()).values(
                    "translation_key"
                )
            ).values_list("translation_key", "pk")
        )
        keys = dict(
            model.objects.filter(pk__in=merges.values()).values_list("pk", "translation_key")
        )
        return {
            pk: shown[keys[target]]
            for pk, target in merges.items()
            if target in keys and keys[target] in shown
        }
