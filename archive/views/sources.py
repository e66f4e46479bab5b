"""The bibliography: every source that something public cites."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext

from archive.models import Person, ReportedFigure, Source, StatementPage, Testimony, TimelineEntry

from . import structured_data


def publicly_cited_sources():
    """Sources cited by a public record, page, entry or figure. A source cited only by a draft
    or a restricted record stays private with it: its title may name the person."""
    public_people = Person.objects.public()
    cited = (
        Q(pk__in=public_people.values("sources"))
        | Q(pk__in=Testimony.objects.filter(person__in=public_people).values("source"))
        | Q(pk__in=TimelineEntry.objects.public().values("sources"))
        | Q(pk__in=StatementPage.objects.live().public().values("sources"))
        | Q(pk__in=ReportedFigure.objects.values("source"))
    )
    return Source.objects.localized().filter(cited)


def sources(request):
    listed = publicly_cited_sources().select_related("document")
    title = gettext("Sources")
    context = {
        "title": title,
        "description": gettext("The sources the archive's records, figures and pages cite."),
        "sources": listed,
    }
    context["structured_data"] = structured_data.collection(
        request, title, [(source.title, f"#source-{source.pk}") for source in listed]
    )
    return render(request, "archive/sources.html", context)
