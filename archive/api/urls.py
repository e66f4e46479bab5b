"""Addresses of the API, included under /api/ by the project."""

from django.urls import path, re_path, register_converter
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from archive.models.identifiers import ADDRESS_PATTERN, read_public_id

from . import contributions, record_changes, views

app_name = "api"


class RecordId:
    """Database ids: digits, short enough to fit a 64-bit column (longer ones are not found)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class Slug:
    """Slugs in any script, without control characters or punctuation."""

    regex = r"[-\w]{1,255}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class PublicId:
    """A person's permanent identifier, in groups of four or not (see models.identifiers)."""

    regex = ADDRESS_PATTERN

    def to_python(self, value):
        public_id = read_public_id(value)
        if public_id is None:
            raise ValueError(value)
        return public_id

    def to_url(self, value):
        return value


register_converter(RecordId, "record_id")
register_converter(PublicId, "public_id")
register_converter(Slug, "any_slug")


def resource(prefix: str, viewset, basename: str, *, also_by: str | None = None):
    """A list and a detail by id, and by another key where ``also_by`` names it (slug, or
    public_id); ids are tried first, so a slug made of digits only is reached by the record's
    id."""
    routes = [
        path(
            f"v1/{prefix}/",
            viewset.as_view({"get": "list"}, basename=basename, detail=False),
            name=f"{basename}-list",
        ),
        path(
            f"v1/{prefix}/<record_id:pk>/",
            viewset.as_view({"get": "retrieve"}, basename=basename, detail=True),
            name=f"{basename}-detail",
        ),
    ]
    if also_by:
        converter = {"slug": "any_slug", "public_id": "public_id"}[also_by]
        routes.append(
            path(
                f"v1/{prefix}/<{converter}:{also_by}>/",
                viewset.as_view({"get": "retrieve"}, basename=basename, detail=True),
                name=f"{basename}-detail-by-{also_by.replace('_', '-')}",
            )
        )
    return routes


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api:root"), name="latest"),
    path("v1/", views.RootView.as_view(), name="root"),
    path("v1/search/", views.SearchView.as_view(), name="search"),
    path("v1/deletions/", views.DeletionsView.as_view(), name="deletions"),
    *resource("people", views.PersonViewSet, "person", also_by="public_id"),
    *resource("families", views.FamilyViewSet, "family"),
    *resource("statements", views.StatementViewSet, "statement", also_by="slug"),
    *resource("timeline", views.TimelineViewSet, "timeline", also_by="slug"),
    *resource("sources", views.SourceViewSet, "source"),
    *resource("figures", views.FigureViewSet, "figure"),
    *resource("events", views.EventViewSet, "event", also_by="slug"),
    *resource("places", views.PlaceViewSet, "place"),
    *(
        path(f"v1/{prefix}/<record_id:pk>/changes/", view.as_view(), name=f"{basename}-changes")
        for prefix, basename, view in (
            ("people", "person", record_changes.PersonChangesView),
            ("timeline", "timeline", record_changes.TimelineEntryChangesView),
            ("statements", "statement", record_changes.StatementChangesView),
        )
    ),
    *resource("contributions", contributions.ContributionViewSet, "contribution"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    # Last: so an address without its final slash is still redirected to the one with it.
    re_path(r"^[\s\S]*/$", views.not_found),
]
