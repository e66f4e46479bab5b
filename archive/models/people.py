"""Remembrance records of individual people, and the families they belonged to."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.admin import display
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from archive.alphabets import collated, starting_with
from archive.name_search import search_names
from archive.names import name_keys

from .base import (
    LocalizedQuerySet,
    ModeratedSnippet,
    PublishableQuerySet,
    TranslatableSnippet,
    without_direction_controls_anywhere,
)
from .dates import (
    PartialDate,
    Precision,
    normalise_fields,
    partial_date_fields,
    validate_not_future,
    validate_range,
)
from .holds import HAS_HELD_FIELDS, HELD_BY_COLUMN, Hold, PublicPeople, has_held_fields, revealed
from .identifiers import LENGTH, new_public_id, shown_public_id
from .media import attached_in_memory

# Where a person was born, lived and met their fate: what makes them a person of a place.
PLACE_COLUMNS = ("birth_place", "residence", "fate_place")
BIOGRAPHY_FEATURES = ["bold", "italic", "link", "ol", "ul"]
VIEW_RESTRICTED = "archive.view_restricted_person"


def may_see_restricted(user) -> bool:
    """Whether ``user`` may see restricted records (staff with the permission); without a
    user, no one may."""
    return user is not None and user.has_perm(VIEW_RESTRICTED)


class PersonQuerySet(PublishableQuerySet):
    def public(self):
        """Live, unexpired records of people none of whose versions is restricted.

        Restriction belongs to the person, in every language: a published translation of a
        restricted record is hidden with it. Checked here rather than copied to every
        translation on save, because a restriction also arrives by publishing a revision, by
        an import that bypasses ``save()``, or by translating a record later. At 100,000
        people on PostgreSQL it costs the memorial page one probe of the (translation_key,
        locale) index (0.15 ms in all); listings a hash anti-join over the restricted keys.

        A hold in effect on the whole record (:mod:`archive.models.holds`) hides it as a
        restriction does. A hold on fields blanks them on every row this returns
        (``PublicPeople``); ``revealing()`` keeps them out of filters and counts."""
        restricted = Person.objects.restricted()
        public = (
            super()
            .public()
            .filter(visibility=Person.Visibility.PUBLIC)
            .exclude(translation_key__in=restricted.values("translation_key"))
            .exclude(translation_key__in=Hold.objects.whole_records().held_keys())
            .annotate(**{HAS_HELD_FIELDS: has_held_fields()})
        )
        public._iterable_class = PublicPeople
        return public

    def revealing(self, *columns: str):
        """Only people none of whose ``columns`` is held from the public (see
        :func:`archive.models.holds.revealed`): for filters on those columns. Columns no hold
        covers (the place of fate) narrow nothing."""
        return self.filter(*(revealed(column) for column in columns if column in HELD_BY_COLUMN))

    def restricted(self):
        return self.filter(visibility=Person.Visibility.RESTRICTED)

    def visible_to(self, user):
        """The records ``user`` may see in the admin: restricted ones only with the
        permission; drafts and every other state are staff's to see."""
        if may_see_restricted(user):
            return self
        return self.filter(visibility=Person.Visibility.PUBLIC)

    def for_listing(self):
        return self.select_related("fate_place", "residence", "photo")

    def in_alphabet(self, *first, language: str | None = None):
        """In the alphabet of ``language`` (the active one by default; see
        :mod:`archive.alphabets`): family name, given name, then the id, so that page N of a
        listing is the same page every time. ``first`` sorts before them (a search's rank).

        On PostgreSQL a partial index per language (migration 0009) holds the public people
        in this order, so a page is a walk of it, as in byte order before (bench/RESULTS.md)."""
        language = language or get_language()
        return self.order_by(
            *first, collated("family_name", language), collated("given_name", language), "id"
        )

    def filed_under(self, letter: str, language: str | None = None):
        """People whose family name the A–Z bar of ``language`` files under ``letter``."""
        return self.filter(starting_with("family_name", letter, language or get_language()))

    def at_places(self, place_ids: list[int], columns: tuple[str, ...] = PLACE_COLUMNS):
        """People whose place in one of ``columns`` (by default born, living or meeting their
        fate) is one of ``place_ids``; with ``Place.objects.group_ids_within(place)``, the
        people of a place and of every place within it."""
        # A residence a family's hold keeps from the public places no one (holds.revealed).
        named = (
            models.Q(**{f"{column}__in": place_ids})
            & (revealed(column) if column in HELD_BY_COLUMN else models.Q())
            for column in columns
        )
        return self.filter(reduce(or_, named))

    def search_names(self, query: str):
        """People whose names match ``query`` in any spelling or script, best matches first.

        See :mod:`archive.name_search` for the matching and the ranking."""
        return search_names(self, query)


class Person(ModeratedSnippet):
    """A remembrance record: one person, killed, wounded, captured, missing or surviving."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        UNKNOWN = "unknown", _("Not recorded")

    class Fate(models.TextChoices):
        # The neutral form ("Убит(а)"): for a person whose sex is not recorded, and where the
        # label stands alone (admin filters, the API's fate_label). The public pages use
        # Person.fate_label, whose words agree with the person's sex.
        KILLED = "killed", pgettext_lazy("fate", "Killed")
        DIED_OF_WOUNDS = "died_of_wounds", pgettext_lazy("fate", "Died of wounds")
        WOUNDED = "wounded", pgettext_lazy("fate", "Wounded")
        CAPTIVE = "captive", pgettext_lazy("fate", "Taken captive")
        MISSING = "missing", pgettext_lazy("fate", "Missing")
        RELEASED = "released", pgettext_lazy("fate", "Released from captivity")
        SURVIVED = "survived", pgettext_lazy("fate", "Survived")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Unverified")
        ONE_SOURCE = "one_source", _("One source")
        CORROBORATED = "corroborated", _("Corroborated")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        RESTRICTED = "restricted", _("Restricted to staff")

    DEAD = (Fate.KILLED, Fate.DIED_OF_WOUNDS)

    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    given_name = models.CharField(_("given name"), max_length=150)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    name_original = models.CharField(
        _("name in original script"), max_length=300, blank=True, help_text=_("e.g. Cyrillic")
    )
    alternative_spellings = models.TextField(
        _("alternative spellings"), blank=True, help_text=_("One spelling per line.")
    )
    name_key = models.TextField(editable=False, blank=True, db_index=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    born, born_precision, born_approximate = partial_date_fields(_("date of birth"))
    stated_age = models.PositiveSmallIntegerField(
        _("stated age"), null=True, blank=True, help_text=_("Age at the time, when no birth date.")
    )
    age = models.PositiveSmallIntegerField(
        _("age at the time"), null=True, blank=True, editable=False, db_index=True
    )
    birth_place = models.ForeignKey(
        "archive.Place",
        verbose_name=_("place of birth"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    residence = models.ForeignKey(
        "archive.Place",
        verbose_name=_("place of residence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    fate = models.CharField(_("fate"), max_length=16, choices=Fate.choices, db_index=True)
    fate_date, fate_date_precision, fate_date_approximate = partial_date_fields(_("date of fate"))
    fate_place = models.ForeignKey(
        "archive.Place",
        verbose_name=_("place of fate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.ForeignKey(
        "archive.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    biography = RichTextField(_("biography"), blank=True, features=BIOGRAPHY_FEATURES)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sources = ParentalManyToManyField("archive.Source", verbose_name=_("sources"), blank=True)
    verification = models.CharField(
        _("verification"),
        max_length=16,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
        db_index=True,
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
        help_text=_("Restricted records are for staff only: living people, or families who asked."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic record"),
        default=False,
        help_text=_("Generated for demonstration or testing; not a real person."),
    )
    external_id = models.CharField(
        _("external identifier"),
        max_length=100,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The identifier in the list this record was imported from."),
    )
    public_id = models.CharField(
        _("permanent identifier"),
        max_length=LENGTH,
        db_index=True,
        editable=False,
        default=new_public_id,
        help_text=_("Names this record in citations and permanent links; never changes."),
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("possible duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Set by an import when another record has the same name and birth year or family. "
            "Check both records, then clear this field."
        ),
    )

    objects = PersonQuerySet.as_manager()

    search_fields = [
        index.SearchField("family_name", boost=3),
        index.SearchField("given_name", boost=2),
        index.SearchField("patronymic"),
        index.SearchField("name_original"),
        index.SearchField("alternative_spellings"),
        index.SearchField("name_key"),
        index.AutocompleteField("family_name"),
        index.FilterField("fate"),
        index.FilterField("visibility"),
        index.FilterField("live"),
    ]

    class Meta(ModeratedSnippet.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name", "id"]
        permissions = [("view_restricted_person", _("Can see restricted remembrance records"))]
        # A translation of a record is the same record: it keeps the original's identifier.
        constraints = [
            models.UniqueConstraint(
                fields=["public_id", "locale"], name="person_public_id_once_per_language"
            )
        ]
        indexes = [
            # The public in name order, with what public() and the index's filters read, so a
            # page or a count of the public index is a walk of this index alone: page 1,000
            # of ids in 22 ms at 100,000 people, where sorting the table took 600 ms.
            models.Index(
                fields=[
                    "family_name",
                    "given_name",
                    "id",
                    "locale",
                    "translation_key",
                    "expire_at",
                    "fate",
                    "sex",
                    "age",
                ],
                condition=models.Q(live=True, visibility="public"),
                name="person_public_order",
            ),
            # The public with what the index's filters choose by (fate, sex, age) and what
            # public() and localized() read: counting those a filter selects is a walk of this
            # index alone, where a count of the killed read half the table (110 ms to 25 ms at
            # 100,000 people, on the first visit after a change).
            models.Index(
                fields=["fate", "sex", "age", "locale", "translation_key", "expire_at"],
                condition=models.Q(live=True, visibility="public"),
                name="person_public_facets",
            ),
            # The same for the documented counts beside reported figures, which leave out
            # synthetic records: without them the count read every row to find none.
            models.Index(
                fields=["event", "fate", "sex", "age", "locale", "translation_key", "expire_at"],
                condition=models.Q(live=True, visibility="public", is_synthetic=False),
                name="person_documented_facets",
            ),
            # The admin listing's default order, so its first page at 100,000 rows needs no sort;
            # with what the admin's name search tests, so that it can walk this order without
            # reading the table (archive.name_search.NameSearchPages).
            models.Index(
                fields=["family_name", "given_name", "id"],
                include=["name_key", "visibility", "locale"],
                name="person_name_order",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_restricted(self) -> bool:
        return self.visibility == self.Visibility.RESTRICTED

    def is_hidden_from(self, user) -> bool:
        """Whether this record, as it is in hand, is restricted and ``user`` may not see it."""
        return self.is_restricted and not may_see_restricted(user)

    def get_absolute_url(self) -> str:
        return reverse("archive:person_detail", args=[self.pk])

    @property
    def shown_public_id(self) -> str:
        return shown_public_id(self.public_id)

    def get_permalink(self) -> str:
        """The address that names this record for good: the site answers it in the reader's
        language with wherever the record is now."""
        return reverse("person_permalink", args=[self.shown_public_id])

    def with_content_json(self, content):
        # The identifier belongs to the record, not to a version of it: an older revision
        # (one saved before identifiers existed, say) must not bring back another.
        obj = super().with_content_json(content)
        obj.public_id = self.public_id
        return obj

    @property
    @display(description=_("Name"))  # the admin listing's column heading
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.patronymic, self.family_name) if p)

    @property
    def birth_date(self) -> PartialDate | None:
        return PartialDate.stored(self, "born")

    @property
    @display(description=_("date of fate"))
    def date_of_fate(self) -> PartialDate | None:
        return PartialDate.stored(self, "fate_date")

    @property
    def is_dead(self) -> bool:
        return self.fate in self.DEAD

    @property
    def fate_label(self) -> str:
        """The fate in words that agree with the person's sex where the language makes them
        (Russian "Убит", "Убита"), and in the neutral form when the sex is not recorded."""
        labels = FATE_LABELS_BY_SEX.get(self.sex) or dict(self.Fate.choices)
        return str(labels.get(self.fate, self.fate))

    @property
    def age_is_estimate(self) -> bool:
        """Whether the age comes from a date the source only estimates ("born c. 1950"): it is
        then shown as "about 42". Filters and counts use it as it is, as they use stated ages,
        which are estimates too; a decade gives no age at all (see computed_age())."""
        if self.stated_age is not None or self.age is None:
            return False
        return any(date and date.approximate for date in (self.birth_date, self.date_of_fate))

    def computed_age(self) -> int | None:
        """The stated age, or whole years from birth to fate when both are known to the year
        (perhaps approximately: see age_is_estimate)."""
        if self.stated_age is not None:
            return self.stated_age
        born, fate = self.birth_date, self.date_of_fate
        if not born or not fate or Precision.DECADE in (born.precision, fate.precision):
            return None
        if born.precision == Precision.DAY and fate.precision == Precision.DAY:
            before_birthday = (fate.value.month, fate.value.day) < (
                born.value.month,
                born.value.day,
            )
            return fate.value.year - born.value.year - before_birthday
        return fate.earliest.year - born.earliest.year

    def get_preview_template(self, request, mode_name):
        return "archive/people/person_detail.html"

    def get_preview_context(self, request, mode_name):
        return {"person": self, "is_preview": True, "media": attached_in_memory(self)}

    def clean(self):
        super().clean()
        normalise_fields(self, "born", "fate_date")
        validate_not_future(self.birth_date, "born")
        if self.is_dead:
            validate_not_future(self.date_of_fate, "fate_date")
        validate_range(self.birth_date, self.date_of_fate, "fate_date")

    def copy_for_translation(self, locale, exclude_fields=None):
        # The external identifier names the imported record, which stays the original.
        return super().copy_for_translation(
            locale, exclude_fields=[*(exclude_fields or []), "external_id", "possible_duplicate_of"]
        )

    def update_derived_fields(self) -> None:
        """Fill the columns computed from others: the name search keys, the age and, from
        the fate events, the summary fate.

        ``save()`` calls it; bulk writers, which bypass ``save()``, call it themselves. It also
        drops direction-override characters from every text, which could garble a page."""
        without_direction_controls_anywhere(self)
        self.name_key = name_keys(
            self.family_name,
            self.given_name,
            self.patronymic,
            self.name_original,
            *self.alternative_spellings.splitlines(),
        )
        self.derive_fate()
        self.age = self.computed_age()

    def derive_fate(self) -> None:
        """With fate events (:mod:`.fate_events`), the summary fate is the one they leave,
        with that event's date and place where it has them; without, the fate stays as typed
        or imported. An edit form's or a revision's events are read as they stand in memory,
        before they are saved."""
        if self.pk is None and "fate_events" not in getattr(self, "_cluster_related_objects", {}):
            return
        events = sorted(self.fate_events.all(), key=lambda event: event.sort_order or 0)
        deciding = deciding_event(events)
        if deciding is None:
            return
        self.fate = deciding.summary
        if deciding.date:
            self.fate_date = deciding.date
            self.fate_date_precision = deciding.date_precision
            self.fate_date_approximate = deciding.date_approximate
        if deciding.place_id:
            self.fate_place_id = deciding.place_id

    def save(self, *args, **kwargs):
        self.update_derived_fields()
        super().save(*args, **kwargs)


def deciding_event(events: list):
    """Of a sequence of fate events, in the order given, the one whose summary fate the
    person is left with: the last that changes it (``FateEvent.summary``); None when none
    does (an identification or a burial keeps the fate before it)."""
    return next((event for event in reversed(events) if event.summary), None)


def fate_from_events(events: list) -> str | None:
    """The summary fate a sequence of fate events leaves, None when none changes it."""
    deciding = deciding_event(events)
    return deciding.summary if deciding else None


# The fate said of a woman and of a man. Languages whose words do not agree with the sex
# translate all three contexts alike.
FATE_LABELS_BY_SEX = {
    Person.Sex.FEMALE: {
        Person.Fate.KILLED: pgettext_lazy("fate of a woman", "Killed"),
        Person.Fate.DIED_OF_WOUNDS: pgettext_lazy("fate of a woman", "Died of wounds"),
        Person.Fate.WOUNDED: pgettext_lazy("fate of a woman", "Wounded"),
        Person.Fate.CAPTIVE: pgettext_lazy("fate of a woman", "Taken captive"),
        Person.Fate.MISSING: pgettext_lazy("fate of a woman", "Missing"),
        Person.Fate.RELEASED: pgettext_lazy("fate of a woman", "Released from captivity"),
        Person.Fate.SURVIVED: pgettext_lazy("fate of a woman", "Survived"),
    },
    Person.Sex.MALE: {
        Person.Fate.KILLED: pgettext_lazy("fate of a man", "Killed"),
        Person.Fate.DIED_OF_WOUNDS: pgettext_lazy("fate of a man", "Died of wounds"),
        Person.Fate.WOUNDED: pgettext_lazy("fate of a man", "Wounded"),
        Person.Fate.CAPTIVE: pgettext_lazy("fate of a man", "Taken captive"),
        Person.Fate.MISSING: pgettext_lazy("fate of a man", "Missing"),
        Person.Fate.RELEASED: pgettext_lazy("fate of a man", "Released from captivity"),
        Person.Fate.SURVIVED: pgettext_lazy("fate of a man", "Survived"),
    },
}


class OfPersonQuerySet(models.QuerySet):
    def public(self):
        """Rows of public people only (testimonies, family memberships)."""
        return self.filter(person__in=Person.objects.public())


class Testimony(Orderable):
    """Words about a person, and who gave them."""

    person = ParentalKey(Person, related_name="testimonies", on_delete=models.CASCADE)
    text = models.TextField(_("testimony"))
    given_by = models.CharField(_("given by"), max_length=255, blank=True)
    given_on = models.DateField(_("given on"), null=True, blank=True)
    source = models.ForeignKey(
        "archive.Source",
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OfPersonQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")


class FamilyQuerySet(LocalizedQuerySet):
    def public(self):
        """A family is public when at least one of its members is."""
        return self.with_member_among(Person.objects.public())

    def with_member_among(self, people: models.QuerySet):
        """Families at least one of whose members is one of ``people``."""
        return self.filter(models.Exists(people.filter(memberships__family=models.OuterRef("pk"))))


class Family(TranslatableSnippet):
    """A family, its members, and whether it was killed entirely."""

    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. the Mammadov family"))
    whole_family_killed = models.BooleanField(_("whole family killed"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    objects = FamilyQuerySet.as_manager()

    search_fields = [index.SearchField("name")]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("family")
        verbose_name_plural = _("families")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:family_detail", args=[self.pk])


class FamilyMembership(Orderable):
    class Relationship(models.TextChoices):
        HEAD = "head", _("Head of family")
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Sibling")
        GRANDPARENT = "grandparent", _("Grandparent")
        GRANDCHILD = "grandchild", _("Grandchild")
        OTHER = "other", _("Other relative")

    family = ParentalKey(Family, related_name="memberships", on_delete=models.CASCADE)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    relationship = models.CharField(
        _("relationship"), max_length=12, choices=Relationship.choices, default=Relationship.OTHER
    )

    objects = OfPersonQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("family member")
        constraints = [
            models.UniqueConstraint(fields=["family", "person"], name="one_membership_per_family")
        ]

    @property
    def relationship_label(self) -> str:
        """The relationship in words that agree with the member's sex where the language has
        them (Russian "Жена", "Муж" for a spouse), else the neutral form ("Супруг(а)")."""
        labels = RELATIONSHIP_LABELS_BY_SEX.get(self.person.sex) or dict(self.Relationship.choices)
        return str(labels.get(self.relationship, self.relationship))


# The relationship said of a woman and of a man; "head of family" and "other relative" have
# forms of their own too where the language's adjectives agree (Russian "Другая родственница").
RELATIONSHIP_LABELS_BY_SEX = {
    Person.Sex.FEMALE: {
        FamilyMembership.Relationship.HEAD: pgettext_lazy("relative, a woman", "Head of family"),
        FamilyMembership.Relationship.SPOUSE: pgettext_lazy("relative, a woman", "Spouse"),
        FamilyMembership.Relationship.CHILD: pgettext_lazy("relative, a woman", "Child"),
        FamilyMembership.Relationship.PARENT: pgettext_lazy("relative, a woman", "Parent"),
        FamilyMembership.Relationship.SIBLING: pgettext_lazy("relative, a woman", "Sibling"),
        FamilyMembership.Relationship.GRANDPARENT: pgettext_lazy(
            "relative, a woman", "Grandparent"
        ),
        FamilyMembership.Relationship.GRANDCHILD: pgettext_lazy("relative, a woman", "Grandchild"),
        FamilyMembership.Relationship.OTHER: pgettext_lazy("relative, a woman", "Other relative"),
    },
    Person.Sex.MALE: {
        FamilyMembership.Relationship.HEAD: pgettext_lazy("relative, a man", "Head of family"),
        FamilyMembership.Relationship.SPOUSE: pgettext_lazy("relative, a man", "Spouse"),
        FamilyMembership.Relationship.CHILD: pgettext_lazy("relative, a man", "Child"),
        FamilyMembership.Relationship.PARENT: pgettext_lazy("relative, a man", "Parent"),
        FamilyMembership.Relationship.SIBLING: pgettext_lazy("relative, a man", "Sibling"),
        FamilyMembership.Relationship.GRANDPARENT: pgettext_lazy("relative, a man", "Grandparent"),
        FamilyMembership.Relationship.GRANDCHILD: pgettext_lazy("relative, a man", "Grandchild"),
        FamilyMembership.Relationship.OTHER: pgettext_lazy("relative, a man", "Other relative"),
    },
}
