"""Reported figures beside documented counts. The two are different things and are never merged:
a reported figure is someone's claim, with its source; a documented count is how many public
records the archive holds in the same category."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext

from archive.models import Event, ReportedFigure, documented_counts
from archive.site import structured_data


@dataclass(frozen=True)
class FigureRow:
    figure: ReportedFigure
    documented: int | None


def figure_rows(event: Event) -> list[FigureRow]:
    """An event's reported figures, each with the matching documented count (three queries)."""
    counts = documented_counts(event.pk)
    figures = (
        ReportedFigure.objects.public()
        .localized()
        .filter(event__translation_key=event.translation_key)
        .select_related("source")
    )
    return [FigureRow(figure, counts.get(figure.counts)) for figure in figures]


def figures(request):
    with_figures = Event.objects.filter(figures__in=ReportedFigure.objects.public())
    events = Event.objects.public().in_groups_of(with_figures).localized()
    title = gettext("Figures")
    context = {
        "title": title,
        "description": gettext(
            "Figures reported by others, each with its source, beside the number of public "
            "records in this archive."
        ),
        "events": [(event, figure_rows(event)) for event in events],
    }
    context["structured_data"] = structured_data.webpage(request, title, context["description"])
    return render(request, "archive/figures.html", context)
