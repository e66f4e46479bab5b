"""Reported figures (what others say was counted) beside documented counts (what the archive's
public records add up to). The two are shown side by side and never merged."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from archive.caching import COUNTS, remembered

from .base import TranslatableSnippet, kept_as_in_original
from .dates import PartialDate, normalise_fields, partial_date_fields
from .fate_events import FateEvent
from .holds import revealed
from .people import Family, Person

CHILD_UNDER = 18
ELDERLY_FROM = 60
# The age groups of the people index's filter and of the figures page's chart, by age at the time.
# Read with revealed("age"): a person whose date of birth a hold keeps from the public is in
# none of them, their age unknown to the public (archive.models.holds).
AGE_GROUPS = {
    "child": models.Q(age__lt=CHILD_UNDER),
    "adult": models.Q(age__gte=CHILD_UNDER, age__lt=ELDERLY_FROM),
    "elderly": models.Q(age__gte=ELDERLY_FROM),
}
AGE_UNKNOWN = "unknown"


class ReportedFigure(TranslatableSnippet):
    class Counts(models.TextChoices):
        KILLED = "killed", _("Killed")
        KILLED_WOMEN = "killed_women", _("Killed: women")
        KILLED_CHILDREN = "killed_children", _("Killed: children")
        KILLED_ELDERLY = "killed_elderly", _("Killed: elderly")
        INJURED = "injured", _("Injured")
        CAPTURED = "captured", _("Taken captive")
        MISSING = "missing", _("Missing")
        FAMILIES_WIPED_OUT = "families_wiped_out", _("Families wiped out")
        CUSTOM = "custom", _("Other (give a label)")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        ABOUT = "about", _("about")
        AT_LEAST = "at_least", _("at least")
        UP_TO = "up_to", _("up to")

    event = models.ForeignKey(
        "archive.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="figures"
    )
    counts = models.CharField(_("what is counted"), max_length=24, choices=Counts.choices)
    custom_label = models.CharField(_("label"), max_length=200, blank=True)
    value = models.PositiveIntegerField(_("value"))
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    attributed_to = models.CharField(
        _("attributed to"),
        max_length=255,
        help_text=_("Whose figure it is: “Azerbaijani figures”."),
    )
    source = models.ForeignKey(
        "archive.Source", verbose_name=_("source"), on_delete=models.PROTECT, related_name="figures"
    )
    as_of, as_of_precision, as_of_approximate = partial_date_fields(_("as of"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    override_translatable_fields = kept_as_in_original("event", "source")

    search_fields = [
        index.SearchField("custom_label"),
        index.SearchField("attributed_to"),
        # What the admin listing filters on, so a search can be filtered too.
        index.FilterField("event"),
        index.FilterField("counts"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        ordering = ["event", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.qualified_value}"

    @property
    def label(self) -> str:
        """The source's own wording where given ("seriously injured"), else the category."""
        return self.custom_label or self.get_counts_display()

    @property
    def qualified_value(self) -> str:
        """The value grouped as the language writes numbers (1,275; 1.275; 1 275), after its
        qualifier ("about 1,275")."""
        value = formats.number_format(self.value, force_grouping=True)
        if self.qualifier == self.Qualifier.EXACT:
            return value
        return f"{self.get_qualifier_display()} {value}"

    @property
    def as_of_date(self) -> PartialDate | None:
        return PartialDate.stored(self, "as_of")

    @property
    def documented_count(self) -> int | None:
        """The count of public records in this category, or None where none maps."""
        return documented_counts(self.event_id).get(self.counts)

    def clean(self):
        super().clean()
        normalise_fields(self, "as_of")
        if self.counts == self.Counts.CUSTOM and not self.custom_label.strip():
            raise ValidationError({"custom_label": _("Give a label for a custom figure.")})


@dataclass(frozen=True)
class FigureRow:
    figure: ReportedFigure
    documented: int | None


def figure_rows(event) -> list[FigureRow]:
    """An event's public reported figures, each with the matching documented count (three
    queries), for the figures page and the event's home page."""
    counts = documented_counts(event.pk)
    figures = (
        ReportedFigure.objects.public()
        .localized()
        .filter(event__translation_key=event.translation_key)
        .select_related("source")
    )
    return [FigureRow(figure, counts.get(figure.counts)) for figure in figures]


def documented_counts(event_id: int | None) -> dict[str, int]:
    """Every documented count for an event: two queries whatever the number of records, made
    once per content generation and language (so a publish or unpublish counts at once).

    Synthetic records are never evidence, so they are never counted beside a reported figure."""
    counts = remembered(
        "documented-counts",
        lambda: _count(event_id),
        event_id,
        translation.get_language(),
        depends_on=(COUNTS,),
    )
    return dict(counts)  # the remembered one is shared


def documented_people(event_id: int | None):
    """The records a documented count counts: an event's public people, less the synthetic
    ones (never evidence). Every count beside a reported figure, and every chart of them,
    starts here."""
    return Person.objects.public().filter(event_id=event_id, is_synthetic=False)


def documented_breakdown(event_id: int | None) -> dict[str, dict[str, int]]:
    """An event's documented people by fate, by age group (:data:`AGE_GROUPS`, or
    :data:`AGE_UNKNOWN`) and by sex, each a mapping of value to count without the empty ones:
    one query, made once per content generation and language as :func:`documented_counts` is.

    One pass counting every cell: at 100,000 people on PostgreSQL 85 ms (229 ms in Azerbaijani,
    where localized() looks for translations), where a grouped query per chart took 214 ms
    (569 ms)."""
    return remembered(
        "documented-breakdown",
        lambda: _breakdown(event_id),
        event_id,
        translation.get_language(),
        depends_on=(COUNTS,),
    )


def _breakdown(event_id: int | None) -> dict[str, dict[str, int]]:
    cells = [
        *(("fate", fate, models.Q(fate=fate)) for fate in Person.Fate.values),
        *(("age", group, rule & revealed("age")) for group, rule in AGE_GROUPS.items()),
        ("age", AGE_UNKNOWN, models.Q(age__isnull=True) | ~revealed("age")),
        *(("sex", sex, models.Q(sex=sex)) for sex in Person.Sex.values),
    ]
    counted = (
        documented_people(event_id)
        .localized()
        .aggregate(
            **{
                f"cell{i}": models.Count("pk", filter=rule)
                for i, (_chart, _value, rule) in enumerate(cells)
            }
        )
    )
    breakdown = {"fate": {}, "age": {}, "sex": {}}
    for i, (chart, value, _rule) in enumerate(cells):
        if counted[f"cell{i}"]:
            breakdown[chart][value] = counted[f"cell{i}"]
    return breakdown


def _had_event(kind: str) -> models.Exists:
    return models.Exists(FateEvent.objects.filter(person=models.OuterRef("pk"), kind=kind))


def ever_wounded_and_alive() -> models.Q:
    """Counted as injured: left wounded, or wounded on the way to a fate other than death (wounded,
    then taken captive and released). Whoever died of the wounds or was killed counts as killed."""
    return models.Q(fate=Person.Fate.WOUNDED) | (
        _had_event(FateEvent.Kind.WOUNDED) & ~models.Q(fate__in=Person.DEAD)
    )


def ever_taken_captive() -> models.Q:
    """Counted as taken captive: whoever is captive, released or still missing (the reported
    figure of hostages takes in the missing), or whose fate events say they were taken captive at
    some time, whatever followed (killed in captivity, say)."""
    return models.Q(
        fate__in=[Person.Fate.CAPTIVE, Person.Fate.MISSING, Person.Fate.RELEASED]
    ) | _had_event(FateEvent.Kind.TAKEN_CAPTIVE)


def _count(event_id: int | None) -> dict[str, int]:
    documented = documented_people(event_id)
    people = documented.localized()
    dead = models.Q(fate__in=Person.DEAD)
    counted = people.aggregate(
        killed=models.Count("pk", filter=dead),
        killed_women=models.Count("pk", filter=dead & models.Q(sex=Person.Sex.FEMALE)),
        killed_children=models.Count("pk", filter=dead & AGE_GROUPS["child"] & revealed("age")),
        killed_elderly=models.Count("pk", filter=dead & AGE_GROUPS["elderly"] & revealed("age")),
        injured=models.Count("pk", filter=ever_wounded_and_alive()),
        captured=models.Count("pk", filter=ever_taken_captive()),
        missing=models.Count("pk", filter=models.Q(fate=Person.Fate.MISSING)),
    )
    # A family counts through a member who is public and documented, not through members
    # hidden or synthetic (they make it no less "wiped out", but they are not the evidence).
    counted["families_wiped_out"] = (
        Family.objects.with_member_among(documented)
        .filter(whole_family_killed=True)
        .localized()
        .count()
    )
    return counted
