"""Saving checked rows in batches, with a revision for each record as Wagtail keeps them.

A list can hold 100,000 people. Saving each through ``save_revision()`` and ``publish()`` costs
a dozen queries a record, so records are written in batches of a thousand instead: the rows,
their sources, one revision each with the content ``save_revision()`` would store
(``serializable_data()``), the pointers to it and the history entries the admin shows. Only a
record whose latest revision holds changes its row does not (an editor's unpublished draft) goes
through Wagtail's own ``save_revision()`` and ``publish()``, so that no editor's work is lost or
published unseen.

On PostgreSQL new records take their ids from the table's sequence before they are written, so
each row goes in once, already pointing at its revision and at the record it may duplicate;
rewriting 100,000 fresh rows to add those pointers would cost as much again. New rows of every
table go in by ``COPY`` there (:mod:`.bulk`), and revision content is built by
:func:`.revisions.revision_content`, which gives what ``serializable_data()`` gives, faster.

Wagtail's search index is not updated for records saved in batches: nothing in the archive
searches people through it (the admin, the site and the API match ``name_key``), and indexing
would take most of an import's time. ``manage.py update_index`` rebuilds it.
"""

from __future__ import annotations

import functools
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Max, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Locale, ModelLogEntry, Revision

from archive.models import Family, FamilyMembership, Person, Source
from archive.models.dates import Precision
from archive.names import fold

from .bulk import BATCH, allocate_ids, insert_objects, insert_rows, quoted, set_columns
from .people import PersonRow
from .revisions import revision_content

# Records written from which an import refreshes the planner's statistics (PostgreSQL).
ANALYZE_AFTER = BATCH


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    families_created: int = 0
    possible_duplicates: int = 0


def _batches(rows: list) -> list[list]:
    return [rows[start : start + BATCH] for start in range(0, len(rows), BATCH)]


class PeopleWriter:
    """Writes checked rows; call inside a transaction, which :func:`import_people` opens."""

    def __init__(self, *, publish: bool = False, user=None, progress: Callable | None = None):
        self.publish = publish
        self.user = user
        self.user_id = user.pk if user is not None else None
        self.progress = progress or (lambda done, total: None)
        self.now = timezone.now()
        # One shared identifier groups the whole import's history entries as one action.
        self.action_uuid = uuid.uuid4()
        self.summary = ImportSummary()
        # The records this import published, whose public history it writes, and the rows of
        # those it added.
        self.published: list[int] = []
        self.added: list[PersonRow] = []

    def write(self, rows: list[PersonRow]) -> ImportSummary:
        self.families = self._families({row.family for row in rows if row.family})
        new, changed, to_publish, one_by_one = self._sorted(rows)
        self.duplicates = DuplicateIndex() if new else None
        done = self.summary.unchanged
        for step, groups in (
            (self._create, _batches(new)),
            (self._update, _batches(changed)),
            (self._publish_latest, _batches(to_publish)),
            (self._update_one, [[row] for row in one_by_one]),
        ):
            for group in groups:
                step(group)
                done += len(group)
                self.progress(done, len(rows))
        self._memberships([row for row in rows if row.family])
        if self.publish:
            self.published = [row.person.pk for row in new + changed + to_publish + one_by_one]
            self.added = new
        return self.summary

    def plan(self, rows: list[PersonRow]) -> ImportSummary:
        """What :meth:`write` would report for ``rows``, worked out without writing anything:
        a dry run. Writing 100,000 changed records only to roll them back took most of a dry
        run's time (each changed row a new entry in every index of the person table)."""
        found, missing = self._family_ids({row.family for row in rows if row.family})
        # Families and records the import would add get ids no saved one has, in the order
        # write() would give them, which is all that flagging duplicates compares.
        self.families = found | {key: -n for n, key in enumerate(missing, start=1)}
        self.summary.families_created = len(missing)
        new, changed, to_publish, one_by_one = self._sorted(rows)
        if new:
            self.duplicates = DuplicateIndex()
            first_id = (Person.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
            for pk, row in enumerate(new, start=first_id):
                row.person.update_derived_fields()  # as _create() does before flagging
                family = self.families.get(row.family.casefold())
                if self.duplicates.earlier(row.person, pk, family) is not None:
                    self.summary.possible_duplicates += 1
        self.summary.created = len(new)
        self.summary.updated = len(changed) + len(to_publish) + len(one_by_one)
        return self.summary

    def _sorted(self, rows: list[PersonRow]) -> tuple[list, list, list, list]:
        """The rows to create, to update, to publish as they are and to save one by one through
        Wagtail (see :meth:`_update_one`); counts the unchanged ones."""
        new, changed, to_publish, one_by_one = [], [], [], []
        for row in rows:
            existing = row.existing
            publishing = self.publish and existing is not None and existing.has_unpublished_changes
            if existing is None:
                new.append(row)
            elif not (row.changed or publishing):
                self.summary.unchanged += 1
            elif not existing.row_is_current:
                one_by_one.append(row)
            elif row.changed:
                changed.append(row)
            else:
                to_publish.append(row)
        return new, changed, to_publish, one_by_one

    def refresh_statistics(self) -> None:
        """``ANALYZE`` the tables a large import filled, on PostgreSQL; call after committing.

        Autovacuum would, but only a while later; until then the planner sees the tables as they
        were and can choose plans a hundred times slower (a list of people took 333 ms before,
        3 ms after)."""
        written = self.summary.created + self.summary.updated
        if connection.vendor != "postgresql" or written < ANALYZE_AFTER:
            return
        filled = [Person, Person.sources.through, Revision, ModelLogEntry, Family, FamilyMembership]
        with connection.cursor() as cursor:
            for model in filled:
                cursor.execute(f"ANALYZE {quoted(model._meta.db_table)}")

    def _families(self, names: set[str]) -> dict[str, int]:
        """Family ids by case-folded name; families the file names for the first time are added."""
        found, missing = self._family_ids(names)
        # One locale for all: asked per family, it was a query each (200,000 at 1,000,000 people).
        locale = Locale.get_default()
        created = Family.objects.bulk_create(
            Family(name=name, locale=locale) for name in missing.values()
        )
        found.update((family.name.casefold(), family.pk) for family in created)
        self.summary.families_created = len(created)
        return found

    @staticmethod
    def _family_ids(names: set[str]) -> tuple[dict[str, int], dict[str, str]]:
        """The ids of the families already in the archive by case-folded name, and the names
        the archive does not have yet, by case-folded name."""
        found: dict[str, int] = {}
        families = Family.objects.filter(locale=Locale.get_default()).order_by("pk")
        for pk, name in families.values_list("pk", "name"):
            found.setdefault(name.casefold(), pk)
        missing = {name.casefold(): name for name in names if name.casefold() not in found}
        return found, missing

    def _create(self, rows: list[PersonRow]) -> None:
        people = [row.person for row in rows]
        locale = Locale.get_default()
        for person in people:
            person.locale = locale
            person.live, person.has_unpublished_changes = False, True
            person.testimonies = []  # in memory, like the sources below
            person.fate_events = []
            person.media = []
            person.update_derived_fields()
        self._sources_in_memory(rows)
        ids = allocate_ids(Person, len(people))
        if ids is not None:
            for person, pk in zip(people, ids, strict=True):
                person.pk = pk
            self._flag_duplicates(rows)
            revisions = self._save_revisions(people, "wagtail.create")
            self._point_in_memory(people, revisions)
            insert_objects(Person, people)
        else:
            Person.objects.bulk_create(people)
            flagged = self._flag_duplicates(rows)
            revisions = self._save_revisions(people, "wagtail.create")
            set_columns(Person, people, self._point_in_memory(people, revisions))
            set_columns(Person, flagged, ["possible_duplicate_of"])
        self._store_sources(rows, replace=False)
        self.summary.created += len(people)

    def _flag_duplicates(self, rows: list[PersonRow]) -> list[Person]:
        flagged = [
            row.person
            for row in rows
            if self.duplicates.flag(row.person, self.families.get(row.family.casefold()))
        ]
        self.summary.possible_duplicates += len(flagged)
        return flagged

    def _update(self, rows: list[PersonRow]) -> None:
        """Changed records whose row is what their latest revision holds."""
        # A published record gets a draft revision only: the public keeps seeing the published
        # version until a moderator publishes this one.
        rewritten = [row for row in rows if self.publish or not row.person.live]
        revision_only = [row.person for row in rows if row.person.live and not self.publish]
        for row in rows:
            row.person.update_derived_fields()
        self._sources_in_memory([row for row in rows if row.source_ids is not None])
        self._store_sources([row for row in rewritten if row.source_ids is not None], replace=True)
        people = [row.person for row in rows]
        # Each row is written once, with its new values and its pointers together: an UPDATE
        # that changes an indexed column writes a new entry in every one of the table's indexes.
        pointers = self._point_in_memory(people, self._save_revisions(people, "wagtail.edit"))
        fields = {name for row in rewritten for name in row.fields} | {"name_key", "age"}
        set_columns(Person, [row.person for row in rewritten], sorted(fields | set(pointers)))
        set_columns(Person, revision_only, pointers)
        self.summary.updated += len(rows)

    def _publish_latest(self, rows: list[PersonRow]) -> None:
        """Unchanged drafts whose row holds their latest revision: publishing is bookkeeping."""
        people = [row.person for row in rows]
        self._mark_published(people, live_revision=F("latest_revision"))
        insert_rows(
            ModelLogEntry,
            self._log_entries(
                people, [person.latest_revision_id for person in people], ["wagtail.publish"]
            ),
        )
        self.summary.updated += len(people)

    def _update_one(self, rows: list[PersonRow]) -> None:
        """A record with an editor's unpublished draft, through Wagtail's own API."""
        [row] = rows
        person = row.person
        if row.source_ids is not None:
            person.sources = [Source(pk=pk) for pk in row.source_ids]
        if person.live and not self.publish:
            person.save_revision(user=self.user, clean=False, log_action=True)
        else:
            person.save()
            revision = person.save_revision(user=self.user, clean=False, log_action=True)
            if self.publish:
                revision.publish(user=self.user, skip_permission_checks=True)
        self.summary.updated += 1

    @staticmethod
    def _sources_in_memory(rows: list[PersonRow]) -> None:
        # Where serializing a revision finds them, without a query per record.
        for row in rows:
            row.person.sources = [Source(pk=pk) for pk in row.source_ids or ()]

    @staticmethod
    def _store_sources(rows: list[PersonRow], replace: bool) -> None:
        through = Person.sources.through
        if replace:
            through.objects.filter(person__in=[row.person.pk for row in rows]).delete()
        insert_rows(
            through,
            [
                {"person_id": row.person.pk, "source_id": source_id}
                for row in rows
                for source_id in row.source_ids or ()
            ],
        )

    def _save_revisions(self, people: list[Person], action: str) -> list[int]:
        """What ``save_revision()`` (and ``publish()``) record, for a whole batch at once: the
        revisions and the history entries. Returns the revisions' ids; the caller points the
        rows at them."""
        if not people:
            return []
        content_type = people[0].get_content_type()
        base_content_type = people[0].get_base_content_type()
        revisions = insert_rows(
            Revision,
            [
                {
                    "content_type_id": content_type.pk,
                    "base_content_type_id": base_content_type.pk,
                    "object_id": str(person.pk),
                    "user_id": self.user_id,
                    "created_at": self.now,
                    "content": revision_content(person),
                    "object_str": str(person),
                    "approved_go_live_at": None,
                }
                for person in people
            ],
            with_ids=True,
        )
        actions = [action, "wagtail.publish"] if self.publish else [action]
        insert_rows(ModelLogEntry, self._log_entries(people, revisions, actions))
        return revisions

    def _point_in_memory(self, people: list[Person], revisions: list[int]) -> list[str]:
        """Make the records' latest revision these ones, and when publishing their live one too,
        with what ``publish()`` sets besides, in memory; the fields the caller then writes."""
        for person, revision in zip(people, revisions, strict=True):
            person.latest_revision_id = revision
            if self.publish:
                person.live_revision_id = revision
                person.live, person.has_unpublished_changes = True, False
                person.first_published_at = person.first_published_at or self.now
                person.last_published_at = self.now
            else:
                person.has_unpublished_changes = True
        if self.publish:
            return [
                "latest_revision",
                "live_revision",
                "live",
                "has_unpublished_changes",
                "first_published_at",
                "last_published_at",
            ]
        return ["latest_revision", "has_unpublished_changes"]

    def _mark_published(self, people: list[Person], **changes) -> None:
        """One UPDATE for the whole batch, setting what ``publish()`` sets besides the revision."""
        Person.objects.filter(pk__in=[person.pk for person in people]).update(
            live=True,
            has_unpublished_changes=False,
            first_published_at=Coalesce(F("first_published_at"), Value(self.now)),
            last_published_at=self.now,
            **changes,
        )

    def _log_entries(self, people, revisions: list[int], actions: list[str]) -> list[dict]:
        if not people:
            return []
        content_type = people[0].get_content_type()
        return [
            {
                "content_type_id": content_type.pk,
                "object_id": str(person.pk),
                "label": str(person),
                "action": action,
                "user_id": self.user_id,
                "revision_id": revision,
                "uuid": self.action_uuid,
                "timestamp": self.now,
                "content_changed": action != "wagtail.publish",
                "deleted": False,
                "data": {},
            }
            for person, revision in zip(people, revisions, strict=True)
            for action in actions
        ]

    def _memberships(self, rows: list[PersonRow]) -> None:
        # Records this import added have no memberships yet: only the others are looked up.
        existing = {
            (membership.family_id, membership.person_id): membership
            for membership in FamilyMembership.objects.filter(
                person__in=[row.person.pk for row in rows if row.existing is not None]
            )
        }
        new, changed = [], []
        for row in rows:
            key = (self.families[row.family.casefold()], row.person.pk)
            membership = existing.get(key)
            if membership is None:
                new.append(
                    {"family_id": key[0], "person_id": key[1], "relationship": row.relationship}
                )
            elif membership.relationship != row.relationship:
                membership.relationship = row.relationship
                changed.append(membership)
        insert_rows(FamilyMembership, new)
        set_columns(FamilyMembership, changed, ["relationship"])


def duplicate_keys(name: str, born, precision: str, families) -> set[tuple]:
    """What two records share when they are likely the same person: the folded family and
    given name (``name``), and the birth year or a family."""
    if not name:
        return set()
    keys = {("family", name, family_id) for family_id in families}
    # Dates are stored as the first day they can mean, so the year is the earliest year.
    if born and precision != Precision.DECADE:
        keys.add(("born", name, born.year))
    return keys


class DuplicateIndex:
    """Which record came first with each likely-duplicate key: every record in the archive,
    drafts and restricted ones included (the flag is for editors), then each new record as it
    is flagged. Reads every record's name once: a list of 100,000 costs seconds, not queries."""

    def __init__(self):
        families = defaultdict(set)
        for person_id, family_id in FamilyMembership.objects.values_list("person_id", "family_id"):
            families[person_id].add(family_id)
        self.folded = functools.cache(lambda family, given: fold(f"{family} {given}"))
        self.first: dict[tuple, int] = {}
        records = Person.objects.order_by("pk").values_list(
            "pk", "family_name", "given_name", "born", "born_precision"
        )
        for pk, family_name, given_name, born, precision in records.iterator(chunk_size=5000):
            name = self.folded(family_name, given_name)
            for key in duplicate_keys(name, born, precision, families[pk]):
                self.first.setdefault(key, pk)

    def flag(self, person: Person, family_id: int | None) -> bool:
        """Point ``person`` (with its id, and its family if any) at the earliest record it
        resembles; say whether there was one."""
        earlier = self.earlier(person, person.pk, family_id)
        if earlier is not None:
            person.possible_duplicate_of_id = earlier
        return earlier is not None

    def earlier(self, person: Person, pk: int, family_id: int | None) -> int | None:
        """The earliest record before ``pk`` that ``person`` (saved as ``pk``, in that family if
        any) resembles, or None; ``person`` is then the first with its keys not yet taken."""
        name = self.folded(person.family_name, person.given_name)
        families = {family_id} if family_id else set()
        keys = duplicate_keys(name, person.born, person.born_precision, families)
        earlier = [self.first[key] for key in keys if self.first.get(key, pk) < pk]
        for key in keys:
            self.first.setdefault(key, pk)
        return min(earlier) if earlier else None
