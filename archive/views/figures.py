"""Reported figures beside documented counts. The two are different things and are never merged:
a reported figure is someone's claim, with its source; a documented count is how many public
records the archive holds in the same category."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext

from archive.models import Event, ReportedFigure, figure_rows
from archive.site import structured_data


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
