"""Holds: a family's request, a review or a legal reason that keeps a record, or some of its
fields, from the public, and the embargoes of records of living people.

A hold belongs to the person in every language, as a restriction does: it names one version
and covers its whole translation group. Only holds in effect hide anything; a visitor's
request (the public "request a correction or removal" form) waits for a moderator, who places
it, declines it or later lifts it. Nothing is ever published by a hold's dates: a review date
or the end of an embargo only reminds a moderator (``remind_holds``).

What the public may see is decided by :meth:`archive.models.people.PersonQuerySet.public`:
a whole-record hold takes the person out of it, as restriction does, and a field hold blanks
the held fields of every row it returns (:class:`PublicPeople`); :meth:`HoldQuerySet.revealing`
keeps the people whose field is held out of the filters and counts that read the field in SQL.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What a field hold can keep from the public, and the columns each one blanks: a held date of
# birth takes the age with it, which would tell the year.
HELD_COLUMNS = {
    "photo": {"photo": None},
    "biography": {"biography": ""},
    "birth_date": {
        "born": None,
        "born_precision": "day",
        "born_approximate": False,
        "stated_age": None,
        "age": None,
    },
    "residence": {"residence": None},
}
# The columns that filters, orderings and counts read in SQL, by the field that holds them.
HELD_BY_COLUMN = {column: field for field, columns in HELD_COLUMNS.items() for column in columns}
# Set by PersonQuerySet.public() on each row: whether any of its fields is held.
HAS_HELD_FIELDS = "has_held_fields"


class HoldQuerySet(models.QuerySet):
    def in_effect(self):
        return self.filter(status=Hold.Status.IN_EFFECT)

    def awaiting_review(self):
        return self.filter(status=Hold.Status.REQUESTED)

    def due(self, on: datetime.date | None = None):
        """Holds in effect whose review date (an embargo's end) has come, oldest first."""
        on = on or timezone.localdate()
        return self.in_effect().filter(review_on__lte=on).order_by("review_on", "pk")

    def whole_records(self):
        return self.in_effect().filter(whole_record=True)

    def of_fields(self):
        return self.in_effect().filter(whole_record=False)

    def holding(self, field: str):
        """Holds in effect that keep ``field`` (a key of ``HELD_COLUMNS``) from the public,
        a whole-record hold included."""
        return self.in_effect().filter(
            models.Q(whole_record=True) | models.Q(**{f"hides_{field}": True})
        )

    def held_keys(self) -> models.QuerySet:
        """The translation keys of the people these holds name (never NULL, which would make
        the NOT IN that excludes them exclude everyone)."""
        return self.filter(person__isnull=False).values("person__translation_key")


class Hold(models.Model):
    """A hold on a person's record, or a visitor's request for one."""

    class Reason(models.TextChoices):
        FAMILY_REQUEST = "family_request", _("Family request")
        UNDER_REVIEW = "under_review", _("Under review")
        LEGAL = "legal", _("Legal reasons")
        EMBARGO = "embargo", _("Embargo: a living person")

    class AskedFor(models.TextChoices):
        CORRECTION = "correction", _("A correction")
        REMOVE_RECORD = "remove_record", _("Removal of the whole record")
        REMOVE_FIELDS = "remove_fields", _("Removal of some details")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested, under review")
        IN_EFFECT = "in_effect", _("In effect")
        LIFTED = "lifted", _("Lifted")
        DECLINED = "declined", _("Declined")

    person = models.ForeignKey(
        "archive.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="holds",
        help_text=_("Any version of the record: the hold covers it in every language."),
    )
    record_named = models.CharField(
        _("record named in the request"),
        max_length=300,
        blank=True,
        help_text=_("The name or address the requester gave, when it names no record here."),
    )
    reason = models.CharField(
        _("reason"), max_length=16, choices=Reason.choices, default=Reason.FAMILY_REQUEST
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    whole_record = models.BooleanField(
        _("hold the whole record"),
        default=True,
        help_text=_("Otherwise only the fields chosen below are kept from the public."),
    )
    hides_photo = models.BooleanField(_("photo"), default=False)
    hides_biography = models.BooleanField(_("biography"), default=False)
    hides_birth_date = models.BooleanField(_("date of birth (and age)"), default=False)
    hides_residence = models.BooleanField(_("place of residence"), default=False)
    asked_for = models.CharField(
        _("asked for"), max_length=16, choices=AskedFor.choices, blank=True
    )
    requested_on = models.DateField(_("requested on"), default=timezone.localdate)
    requester_name = models.CharField(_("requester's name"), max_length=200, blank=True)
    requester_relationship = models.CharField(
        _("requester's relationship to the person"), max_length=200, blank=True
    )
    requester_email = models.EmailField(
        _("requester's e-mail"), blank=True, help_text=_("Never shown to the public.")
    )
    message = models.TextField(_("message"), blank=True)
    review_on = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_(
            "A moderator is reminded on this date (for an embargo, the day it ends); "
            "nothing is published by itself."
        ),
    )
    reminded_on = models.DateField(_("moderators reminded on"), null=True, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = HoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        subject = str(self.person) if self.person_id else self.record_named
        return f"{subject} ({self.get_reason_display()}, {self.get_status_display()})"

    @property
    def held_fields(self) -> list[str]:
        """The fields this hold keeps from the public (every one for a whole record)."""
        return [field for field in HELD_COLUMNS if self.whole_record or self.holds(field)]

    def holds(self, field: str) -> bool:
        return getattr(self, f"hides_{field}")

    def clean(self):
        super().clean()
        if self.status == self.Status.IN_EFFECT and not self.person_id:
            raise ValidationError(
                {"person": _("Choose the record the hold applies to before placing it.")}
            )
        if not self.whole_record and not any(self.holds(field) for field in HELD_COLUMNS):
            raise ValidationError(
                {"whole_record": _("Hold the whole record, or choose at least one field.")}
            )
        if self.reason == self.Reason.EMBARGO:
            if not self.review_on:
                raise ValidationError({"review_on": _("An embargo needs the date it ends.")})
            if self.person_id and self.person.is_dead:
                raise ValidationError({"reason": _("An embargo is for records of living people.")})


def hide_held_fields(person) -> None:
    """Blank on ``person`` (a row of the public) every field a hold in effect keeps from the
    public. Asked only of rows that ``public()`` marked as having one, which few are."""
    if getattr(person, HAS_HELD_FIELDS, False):
        for column, blank in held_columns(person).items():
            setattr(person, column, blank)


def held_columns(person) -> dict[str, object]:
    """The columns of ``person`` that holds in effect keep from the public now, each with the
    blank the public sees instead (the public history of changes leaves them out too)."""
    holds = Hold.objects.of_fields().filter(person__translation_key=person.translation_key)
    return {
        column: blank
        for hold in holds
        for field in hold.held_fields
        for column, blank in HELD_COLUMNS[field].items()
    }


def revealed(column: str) -> models.Q:
    """People whose ``column`` the public may see: for filters, orderings and counts that read
    it in SQL, which would otherwise tell a held value (a held date of birth found by the age
    filter). Whole-record holds are already out of ``public()``."""
    field = HELD_BY_COLUMN[column]
    held = Hold.objects.of_fields().filter(**{f"hides_{field}": True})
    return ~models.Q(translation_key__in=held.held_keys())


def has_held_fields() -> models.Exists:
    """For ``public()``: whether a hold in effect keeps any field of the row's person."""
    return models.Exists(
        Hold.objects.of_fields().filter(person__translation_key=models.OuterRef("translation_key"))
    )


class PublicPeople(ModelIterable):
    """The rows of ``Person.objects.public()``: each as the public may see it, its held
    fields blank. The prepared queries (:mod:`archive.fastpaths.prepared`) call ``finish``
    on the rows they build, so the memorial page shows what this gives."""

    def __iter__(self):
        for person in super().__iter__():
            yield self.finish(person)

    @staticmethod
    def finish(person):
        hide_held_fields(person)
        return person
