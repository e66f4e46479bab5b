"""The timeline: public entries in date order, grouped by year, filterable by category and event."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from archive.models import Event, Precision, TimelineEntry
from archive.site import structured_data


class TimelineFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *TimelineEntry.Category.choices],
    )
    event = forms.ModelChoiceField(
        label=_("Event"), required=False, queryset=Event.objects.none(), empty_label=_("All events")
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        with_entries = Event.objects.filter(timeline_entries__in=entries)
        self.fields["event"].queryset = (
            Event.objects.public().in_groups_of(with_entries).localized()
        )

    def filter(self, entries):
        if self.cleaned_data["category"]:
            entries = entries.filter(category=self.cleaned_data["category"])
        if self.cleaned_data["event"]:
            event = self.cleaned_data["event"]
            entries = entries.filter(event__translation_key=event.translation_key)
        return entries


def public_entries():
    """Public entries in the visitor's language, with what each one shows."""
    return TimelineEntry.objects.public().localized().with_public_links().with_media()


def period(entry: TimelineEntry) -> str:
    """The heading an entry is listed under: its year, or its decade when that is all we know,
    so that an entry dated "the 1990s" is not filed under 1990."""
    start = entry.start_date
    if start.precision == Precision.DECADE:
        return capfirst(str(start))
    return str(start.earliest.year)


def timeline(request):
    entries = public_entries()
    form = TimelineFilterForm(request.GET or None, entries=TimelineEntry.objects.public())
    status = 200
    if form.is_bound:
        if form.is_valid():
            entries = form.filter(entries)
        else:
            entries, status = entries.none(), 400
    entries = list(entries)
    title = gettext("Timeline")
    context = {
        "title": title,
        "description": gettext("What happened, when, and how precisely the date is known."),
        "form": form,
        "periods": [(label, list(group)) for label, group in groupby(entries, key=period)],
        "structured_data": structured_data.timeline(request, title, entries),
    }
    return render(request, "archive/timeline/timeline.html", context, status=status)


def entry_changes(request, pk: int):
    """The public history of changes of one timeline entry (it has no page of its own), in
    whichever language the entry is written; an entry that is not public is answered as
    missing."""
    entry = get_object_or_404(TimelineEntry.objects.public().select_related("locale"), pk=pk)
    context = {"entry": entry, "title": gettext("Changes to “%(title)s”") % {"title": entry.title}}
    return render(request, "archive/timeline/entry_changes.html", context)
