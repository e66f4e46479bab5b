"""Synthetic remembrance records and families for the demo, each visibly flagged as such.

The report the archive starts from names no victim, so the demo never presents a person as
real: every record made here is generated, marked ``is_synthetic``, and says so on its page."""

from __future__ import annotations

import datetime
import random

from wagtail.models import Locale

from archive import synthetic_names
from archive.models import Event, Family, FamilyMembership, Person, Place, Precision

from . import wording
from .translating import translation

FATES = [
    (Person.Fate.KILLED, 50),
    (Person.Fate.WOUNDED, 20),
    (Person.Fate.CAPTIVE, 10),
    (Person.Fate.MISSING, 5),
    (Person.Fate.RELEASED, 5),
    (Person.Fate.SURVIVED, 10),
]
PEOPLE_PER_FAMILY = 40  # one synthetic family for every 40 synthetic records
MEMBERS_PER_FAMILY = 4


def synthetic_person(number: int, event: Event, place: Place, locale: Locale) -> Person:
    """One generated record, flagged synthetic. Deterministic in ``number``.

    It has no biography: the page's synthetic banner, in the reader's language, says what
    such a record is."""
    rng = random.Random(number)  # noqa: S311 - reproducible demo data, not secrets
    sex = rng.choice([Person.Sex.FEMALE, Person.Sex.MALE])
    given, family = synthetic_names.draw(rng, female=sex == Person.Sex.FEMALE)
    fate = rng.choices([f for f, _ in FATES], weights=[w for _, w in FATES])[0]
    born = datetime.date(rng.randint(1910, 1991), rng.randint(1, 12), rng.randint(1, 28))
    person = Person(
        family_name=family.azerbaijani,
        given_name=given.azerbaijani,
        sex=sex,
        born=born,
        born_precision=rng.choice([Precision.DAY, Precision.YEAR]),
        fate=fate,
        fate_date=datetime.date(1992, 2, 26),
        fate_date_precision=Precision.DAY,
        fate_place=place,
        residence=place,
        event=event,
        verification=Person.Verification.UNVERIFIED,
        is_synthetic=True,
        external_id=f"synthetic-{number}",
        locale=locale,
        live=True,
        has_unpublished_changes=False,
    )
    person.update_derived_fields()  # bulk_create skips save()
    return person


def generate_synthetic_people(count: int, event: Event, place: Place, batch: int = 2000) -> int:
    """Create synthetic-1 … synthetic-N, skipping those already there; returns how many were new."""
    if count <= 0:
        return 0
    locale = Locale.get_default()
    existing = set(
        Person.objects.filter(external_id__startswith="synthetic-").values_list(
            "external_id", flat=True
        )
    )
    wanted = [n for n in range(1, count + 1) if f"synthetic-{n}" not in existing]
    for start in range(0, len(wanted), batch):
        Person.objects.bulk_create(
            synthetic_person(n, event, place, locale) for n in wanted[start : start + batch]
        )
    return len(wanted)


def generate_synthetic_families(synthetic_people: int, languages: list[str]) -> None:
    """Group synthetic records sharing a family name into synthetic families, in English and
    translated into ``languages``: one for every ``PEOPLE_PER_FAMILY`` records, at most one
    per name in :data:`wording.SYNTHETIC_FAMILIES`, of the first ``MEMBERS_PER_FAMILY``
    records bearing the name."""
    wanted = min(synthetic_people // PEOPLE_PER_FAMILY, len(wording.SYNTHETIC_FAMILIES))
    names = list(wording.SYNTHETIC_FAMILIES.items())[:wanted]
    for family_name, titles in names:
        family = Family.objects.filter(name=titles["en"], locale=Locale.get_default()).first()
        if family is None:
            bearers = Person.objects.filter(
                is_synthetic=True, family_name__in=[family_name, _feminine(family_name)]
            ).order_by("pk")[:MEMBERS_PER_FAMILY]
            if not bearers:
                continue
            family = Family.objects.create(
                name=titles["en"],
                locale=Locale.get_default(),
                notes=wording.SYNTHETIC_FAMILY_NOTES["en"],
            )
            FamilyMembership.objects.bulk_create(
                FamilyMembership(family=family, person=person, sort_order=n)
                for n, person in enumerate(bearers)
            )
        for language in languages:
            translation(
                family,
                language,
                {"name": titles[language], "notes": wording.SYNTHETIC_FAMILY_NOTES[language]},
            )


def _feminine(family_name: str) -> str:
    return synthetic_names.feminine(synthetic_names.Name(family_name, "", "")).azerbaijani
