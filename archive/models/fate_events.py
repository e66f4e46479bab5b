"""A person's fate as a sequence of dated, sourced events: wounded, taken captive, released;
missing, identified, buried. Each event has a partial date, a place, a source and how certain
it is. The summary fate (``Person.fate``), which filters, counts and imports read, is derived
from the events when a person has any (see :meth:`Person.derive_fate`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from .base import optional_link
from .dates import PartialDate, normalise_fields, partial_date_fields, validate_not_future
from .people import OfPersonQuerySet, Person


class FateEvent(Orderable):
    """One thing that happened to a person, as a source tells it."""

    class Kind(models.TextChoices):
        # The neutral form, as Person.Fate's; the pages use kind_label, which agrees with sex.
        WOUNDED = "wounded", pgettext_lazy("fate event", "Wounded")
        TAKEN_CAPTIVE = "taken_captive", pgettext_lazy("fate event", "Taken captive")
        RELEASED = "released", pgettext_lazy("fate event", "Released from captivity")
        MISSING = "missing", pgettext_lazy("fate event", "Went missing")
        IDENTIFIED = "identified", pgettext_lazy("fate event", "Identified")
        BURIED = "buried", pgettext_lazy("fate event", "Buried")
        KILLED = "killed", pgettext_lazy("fate event", "Killed")
        DIED_OF_WOUNDS = "died_of_wounds", pgettext_lazy("fate event", "Died of wounds")
        SURVIVED = "survived", pgettext_lazy("fate event", "Survived")

    class Certainty(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("certainty", "Confirmed")
        PROBABLE = "probable", pgettext_lazy("certainty", "Probable")
        REPORTED = "reported", pgettext_lazy("certainty", "Reported")

    person = ParentalKey(Person, related_name="fate_events", on_delete=models.CASCADE)
    kind = models.CharField(_("what happened"), max_length=16, choices=Kind.choices)
    date, date_precision, date_approximate = partial_date_fields(_("date"))
    place = optional_link("archive.Place", _("place"))
    source = optional_link("archive.Source", _("source"))
    certainty = models.CharField(
        _("certainty"), max_length=12, choices=Certainty.choices, default=Certainty.REPORTED
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = OfPersonQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("fate event")
        verbose_name_plural = _("fate events")

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def event_date(self) -> PartialDate | None:
        return PartialDate.stored(self, "date")

    @property
    def summary(self) -> str | None:
        """The summary fate this event leaves the person with, None when it leaves the one
        before (an identification or a burial follows a death and keeps it)."""
        return SUMMARY_OF_KIND.get(self.kind)

    @property
    def kind_label(self) -> str:
        """What happened, in words that agree with the person's sex where the language makes
        them (Russian "Ранена", "Ранен")."""
        labels = KIND_LABELS_BY_SEX.get(self.person.sex) or dict(self.Kind.choices)
        return str(labels.get(self.kind, self.kind))

    def clean(self):
        super().clean()
        normalise_fields(self, "date")
        validate_not_future(self.event_date, "date")


SUMMARY_OF_KIND = {
    FateEvent.Kind.KILLED: Person.Fate.KILLED,
    FateEvent.Kind.DIED_OF_WOUNDS: Person.Fate.DIED_OF_WOUNDS,
    FateEvent.Kind.WOUNDED: Person.Fate.WOUNDED,
    FateEvent.Kind.TAKEN_CAPTIVE: Person.Fate.CAPTIVE,
    FateEvent.Kind.RELEASED: Person.Fate.RELEASED,
    FateEvent.Kind.MISSING: Person.Fate.MISSING,
    FateEvent.Kind.SURVIVED: Person.Fate.SURVIVED,
}


KIND_LABELS_BY_SEX = {
    Person.Sex.FEMALE: {
        FateEvent.Kind.WOUNDED: pgettext_lazy("fate event of a woman", "Wounded"),
        FateEvent.Kind.TAKEN_CAPTIVE: pgettext_lazy("fate event of a woman", "Taken captive"),
        FateEvent.Kind.RELEASED: pgettext_lazy("fate event of a woman", "Released from captivity"),
        FateEvent.Kind.MISSING: pgettext_lazy("fate event of a woman", "Went missing"),
        FateEvent.Kind.IDENTIFIED: pgettext_lazy("fate event of a woman", "Identified"),
        FateEvent.Kind.BURIED: pgettext_lazy("fate event of a woman", "Buried"),
        FateEvent.Kind.KILLED: pgettext_lazy("fate event of a woman", "Killed"),
        FateEvent.Kind.DIED_OF_WOUNDS: pgettext_lazy("fate event of a woman", "Died of wounds"),
        FateEvent.Kind.SURVIVED: pgettext_lazy("fate event of a woman", "Survived"),
    },
    Person.Sex.MALE: {
        FateEvent.Kind.WOUNDED: pgettext_lazy("fate event of a man", "Wounded"),
        FateEvent.Kind.TAKEN_CAPTIVE: pgettext_lazy("fate event of a man", "Taken captive"),
        FateEvent.Kind.RELEASED: pgettext_lazy("fate event of a man", "Released from captivity"),
        FateEvent.Kind.MISSING: pgettext_lazy("fate event of a man", "Went missing"),
        FateEvent.Kind.IDENTIFIED: pgettext_lazy("fate event of a man", "Identified"),
        FateEvent.Kind.BURIED: pgettext_lazy("fate event of a man", "Buried"),
        FateEvent.Kind.KILLED: pgettext_lazy("fate event of a man", "Killed"),
        FateEvent.Kind.DIED_OF_WOUNDS: pgettext_lazy("fate event of a man", "Died of wounds"),
        FateEvent.Kind.SURVIVED: pgettext_lazy("fate event of a man", "Survived"),
    },
}
