"""Addresses of the API, included under /api/ by the project."""

from django.urls import path, re_path, register_converter
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from . import contributions, views

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


register_converter(RecordId, "record_id")
register_converter(Slug, "any_slug")


def resource(prefix: str, viewset, basename: str, *, by_slug: bool = False):
    """A list and a detail by id (and by slug); ids are tried first, so a slug made of digits
    only is reached by the record's id."""
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
    if by_slug:
        routes.append(
            path(
                f"v1/{prefix}/<any_slug:slug>/",
                viewset.as_view({"get": "retrieve"}, basename=basename, detail=True),
                name=f"{basename}-detail-by-slug",
            )
        )
    return routes


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api:root"), name="latest"),
    path("v1/", views.RootView.as_view(), name="root"),
    path("v1/search/", views.SearchView.as_view(), name="search"),
    path("v1/deletions/", views.DeletionsView.as_view(), name="deletions"),
    *resource("people", views.PersonViewSet, "person"),
    *resource("families", views.FamilyViewSet, "family"),
    *resource("statements", views.StatementViewSet, "statement", by_slug=True),
    *resource("timeline", views.TimelineViewSet, "timeline", by_slug=True),
    *resource("sources", views.SourceViewSet, "source"),
    *resource("figures", views.FigureViewSet, "figure"),
    *resource("events", views.EventViewSet, "event", by_slug=True),
    *resource("places", views.PlaceViewSet, "place"),
    *resource("contributions", contributions.ContributionViewSet, "contribution"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    # Last: so an address without its final slash is still redirected to the one with it.
    re_path(r"^[\s\S]*/$", views.not_found),
]
