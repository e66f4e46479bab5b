"""What the editorial pages show besides their own fields: the page models' ``get_context``
hands over to these functions, so the queries the public site makes live in one package."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from archive.models import (
    ContentPage,
    Event,
    HomePage,
    Organisation,
    StatementIndexPage,
    StatementPage,
    TimelineEntry,
)
from archive.site import structured_data
from archive.site.languages import page_url

from .figures import figure_rows

LATEST_STATEMENTS = 3
TIMELINE_HIGHLIGHTS = 6
STATEMENTS_PER_PAGE = 20


def context_for(page, request) -> dict:
    builders = {
        HomePage: home,
        StatementIndexPage: statement_index,
        StatementPage: statement,
        ContentPage: content,
    }
    return builders[type(page)](page, request)


def home(page: HomePage, request) -> dict:
    event = (
        Event.objects.public()
        .select_related("place__parent__parent")
        .filter(pk=page.event_id)
        .first()
    )
    statements = StatementPage.objects.public().descendant_of(page)
    context = {
        "event": event,
        "figures": figure_rows(event) if event else [],
        "latest_statements": statements.select_related("issuer", "locale").order_by(
            "-issued", "-pk"
        )[:LATEST_STATEMENTS],
        "statement_index": StatementIndexPage.objects.child_of(page)
        .public()
        .select_related("locale")
        .first(),
        "timeline": TimelineEntry.objects.public()
        .localized()
        .filter(event=event)
        .order_by("start", "pk")[:TIMELINE_HIGHLIGHTS]
        if event
        else [],
        "description": page.search_description or page.introduction,
    }
    context["structured_data"] = (
        structured_data.event(request, event)
        if event
        else structured_data.webpage(request, page.title, kind="WebSite")
    )
    return context


class StatementFilter(forms.Form):
    issuer = forms.ModelChoiceField(
        label=_("Issued by"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Any issuer"),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Organisation.objects.filter(
            pk__in=statements.values("issuer")
        )
        countries = statements.exclude(issuer__country="").values_list("issuer__country", flat=True)
        self.fields["country"].choices = [
            ("", gettext("Any country")),
            *((country, country) for country in sorted(set(countries))),
        ]
        years = statements.dates("issued", "year", order="DESC")
        self.fields["year"].choices = [
            ("", gettext("Any year")),
            *((day.year, day.year) for day in years),
        ]

    def filter(self, statements):
        data = self.cleaned_data
        if data["issuer"]:
            statements = statements.filter(issuer=data["issuer"])
        if data["country"]:
            statements = statements.filter(issuer__country=data["country"])
        if data["year"]:
            statements = statements.filter(issued__year=data["year"])
        return statements


def statement_index(page: StatementIndexPage, request) -> dict:
    statements = StatementPage.objects.child_of(page).public()
    form = StatementFilter(request.GET or None, statements=statements)
    listed = statements
    if form.is_bound:
        listed = form.filter(statements) if form.is_valid() else statements.none()
    listed = listed.select_related("issuer", "locale").order_by("-issued", "-pk")
    page_obj = Paginator(listed, STATEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "form": form,
        "page_obj": page_obj,
        "description": page.search_description or page.introduction,
        "structured_data": structured_data.collection(
            request, page.title, [(s.title, page_url(s, request)) for s in page_obj]
        ),
    }


def statement(page: StatementPage, request) -> dict:
    sources = list(page.sources.all())
    return {
        "sources": sources,
        "timeline_entries": page.timeline_entries.public().localized(),
        "description": page.search_description or page.summary,
        "structured_data": structured_data.statement(request, page, sources),
    }


def content(page: ContentPage, request) -> dict:
    return {
        "description": page.search_description,
        "structured_data": structured_data.webpage(request, page.title, page.search_description),
    }
