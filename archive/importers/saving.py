"""Saving checked rows: new records in bulk, changed ones through Wagtail's own revision API.

A list can hold 100,000 people. Saving each through ``save_revision()`` costs several queries a
record, so new records are written in batches instead: the rows, their sources and family
memberships, one revision each (with the content ``save_revision()`` would store), the pointers
to that revision and the history entries the admin shows. Records that already exist go through
``save_revision()`` and ``publish()`` one by one, which also keeps a live record's public version
untouched until its imported changes are published.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Locale, ModelLogEntry, Revision
from wagtail.search.backends import get_search_backends

from archive.caching import content_changed
from archive.models import Family, FamilyMembership, Person, Source
from archive.models.dates import PartialDate, Precision
from archive.names import fold

from .people import PersonRow

BATCH = 1000


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    families_created: int = 0
    possible_duplicates: int = 0


class PeopleWriter:
    """Writes checked rows; call inside a transaction, which :func:`import_people` opens."""

    def __init__(self, *, publish: bool = False, user=None, progress: Callable | None = None):
        self.publish = publish
        self.user = user
        self.progress = progress or (lambda done, total: None)
        self.now = timezone.now()
        # One shared identifier groups the whole import's history entries as one action.
        self.action_uuid = uuid.uuid4()
        self.summary = ImportSummary()

    def write(self, rows: list[PersonRow]) -> ImportSummary:
        self.families = self._families({row.family for row in rows if row.family})
        new = [row for row in rows if row.existing is None]
        done = 0
        for start in range(0, len(new), BATCH):
            self._create(new[start : start + BATCH])
            done += len(new[start : start + BATCH])
            self.progress(done, len(rows))
        for row in rows:
            if row.existing is not None:
                self._update(row)
                done += 1
                if done % BATCH == 0 or done == len(rows):
                    self.progress(done, len(rows))
        self._memberships([row for row in rows if row.family])
        self.summary.possible_duplicates = flag_possible_duplicates([row.person for row in new])
        content_changed()
        return self.summary

    def _families(self, names: set[str]) -> dict[str, int]:
        """Family ids by case-folded name; families the file names for the first time are added."""
        locale = Locale.get_default()
        found: dict[str, int] = {}
        for pk, name in (
            Family.objects.filter(locale=locale).order_by("pk").values_list("pk", "name")
        ):
            found.setdefault(name.casefold(), pk)
        missing = {name.casefold(): name for name in names if name.casefold() not in found}
        created = Family.objects.bulk_create(
            Family(name=name, locale=locale) for name in missing.values()
        )
        found.update((family.name.casefold(), family.pk) for family in created)
        self.summary.families_created = len(created)
        return found

    def _create(self, rows: list[PersonRow]) -> None:
        people = [row.person for row in rows]
        locale = Locale.get_default()
        for person in people:
            person.locale = locale
            person.live = self.publish
            person.has_unpublished_changes = not self.publish
            if self.publish:
                person.first_published_at = person.last_published_at = self.now
            person.update_derived_fields()
        Person.objects.bulk_create(people)

        through = Person.sources.through
        through.objects.bulk_create(
            through(person_id=row.person.pk, source_id=source_id)
            for row in rows
            for source_id in row.source_ids or ()
        )
        for row in rows:
            # Set in memory, so that serializing the revision needs no query per record.
            row.person.sources = [Source(pk=pk) for pk in row.source_ids or ()]
            row.person.testimonies = []

        content_type = people[0].get_content_type()
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=content_type,
                base_content_type=people[0].get_base_content_type(),
                object_id=str(person.pk),
                user=self.user,
                created_at=self.now,
                content=person.serializable_data(),
                object_str=str(person),
            )
            for person in people
        )
        for person, revision in zip(people, revisions, strict=True):
            person.latest_revision = revision
            person.live_revision = revision if self.publish else None
        Person.objects.bulk_update(people, ["latest_revision", "live_revision"])
        ModelLogEntry.objects.bulk_create(self._log_entries(people, content_type))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(Person, people)
        self.summary.created += len(people)

    def _log_entries(self, people, content_type):
        actions = ["wagtail.create", "wagtail.publish"] if self.publish else ["wagtail.create"]
        return [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(person.pk),
                label=str(person),
                action=action,
                user=self.user,
                revision=person.latest_revision,
                uuid=self.action_uuid,
                timestamp=self.now,
                content_changed=True,
                data={},
            )
            for person in people
            for action in actions
        ]

    def _update(self, row: PersonRow) -> None:
        existing = row.existing
        if not row.changed:
            if self.publish and existing.has_unpublished_changes:
                existing.latest_revision.publish(user=self.user, skip_permission_checks=True)
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
            return
        person = row.person
        if row.source_ids is not None:
            person.sources = [Source(pk=pk) for pk in row.source_ids]
        if person.live and not self.publish:
            # A revision only: the public keeps seeing the published version until a
            # moderator publishes this one.
            person.save_revision(user=self.user, clean=False, log_action=True)
        else:
            person.save()
            revision = person.save_revision(user=self.user, clean=False, log_action=True)
            if self.publish:
                revision.publish(user=self.user, skip_permission_checks=True)
        self.summary.updated += 1

    def _memberships(self, rows: list[PersonRow]) -> None:
        existing = {
            (membership.family_id, membership.person_id): membership
            for membership in FamilyMembership.objects.filter(
                person__in=[row.person.pk for row in rows]
            )
        }
        new, changed = [], []
        for row in rows:
            key = (self.families[row.family.casefold()], row.person.pk)
            membership = existing.get(key)
            if membership is None:
                new.append(FamilyMembership(family_id=key[0], person_id=key[1]))
                membership = new[-1]
            elif membership.relationship != row.relationship:
                changed.append(membership)
            membership.relationship = row.relationship
        FamilyMembership.objects.bulk_create(new, batch_size=BATCH)
        FamilyMembership.objects.bulk_update(changed, ["relationship"], batch_size=BATCH)


def duplicate_keys(family_name: str, given_name: str, born: PartialDate | None, families) -> set:
    """What two records share when they are likely the same person: the folded family and
    given name, and the birth year or a family."""
    name = fold(f"{family_name} {given_name}")
    if not name:
        return set()
    keys = {("family", name, family_id) for family_id in families}
    if born and born.precision != Precision.DECADE:
        keys.add(("born", name, born.earliest.year))
    return keys


def flag_possible_duplicates(people: list[Person]) -> int:
    """Point each of ``people`` that resembles an earlier record at the earliest such record.

    Every record is a candidate, drafts and restricted ones included: the flag is for editors.
    Reads every record's name once, so a list of 100,000 costs seconds, not queries."""
    if not people:
        return 0
    families = defaultdict(set)
    for person_id, family_id in FamilyMembership.objects.values_list("person_id", "family_id"):
        families[person_id].add(family_id)
    first_with_key: dict[tuple, int] = {}
    records = Person.objects.order_by("pk").values_list(
        "pk", "family_name", "given_name", "born", "born_precision"
    )
    for pk, family_name, given_name, born, precision in records.iterator(chunk_size=5000):
        for key in duplicate_keys(
            family_name, given_name, PartialDate.of(born, precision), families[pk]
        ):
            first_with_key.setdefault(key, pk)
    flagged = []
    for person in people:
        keys = duplicate_keys(
            person.family_name, person.given_name, person.birth_date, families[person.pk]
        )
        earlier = [first_with_key[key] for key in keys if first_with_key[key] < person.pk]
        if earlier:
            person.possible_duplicate_of_id = min(earlier)
            flagged.append(person)
    Person.objects.bulk_update(flagged, ["possible_duplicate_of"], batch_size=BATCH)
    return len(flagged)
