"""The bibliography: every source that something public cites."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext

from archive.models import Source
from archive.site import structured_data


def sources(request):
    listed = Source.objects.public().localized().select_related("document")
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
