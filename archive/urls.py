"""The public site's Django views. Included inside i18n_patterns, before Wagtail's page tree."""

from django.urls import path, re_path

from .models.identifiers import ADDRESS_PATTERN
from .views import (
    citation,
    contributions,
    feeds,
    figures,
    holds,
    people,
    places,
    private_pages,
    search,
    sources,
    timeline,
)

app_name = "archive"

urlpatterns = [
    path("people/", people.person_list, name="person_list"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    re_path(
        rf"^people/(?P<public_id>{ADDRESS_PATTERN})/$",
        citation.person_permalink,
        name="person_by_public_id",
    ),
    re_path(
        r"^people/(?P<pk>[0-9]{1,18})/citation\.(?P<extension>bib|json)$",
        citation.person_citation_file,
        name="person_citation",
    ),
    path("people/<int:pk>/request/", holds.request_hold, name="person_hold_request"),
    path("request-a-correction/", holds.request_hold, name="hold_request"),
    path("request-a-correction/sent/", holds.request_sent, name="hold_request_sent"),
    path(
        "people/<int:pk>/contribute/<slug:kind>/",
        contributions.contribute,
        name="contribute",
    ),
    path("people/missing-person/", contributions.missing_person, name="missing_person"),
    path("contributions/sent/", contributions.sent, name="contribution_sent"),
    path("families/<int:pk>/", people.family_detail, name="family_detail"),
    path("places/", places.place_list, name="place_list"),
    path("places/<int:pk>/", places.place_detail, name="place_detail"),
    path("timeline/", timeline.timeline, name="timeline"),
    path("timeline/<int:pk>/changes/", timeline.entry_changes, name="timeline_entry_changes"),
    path("figures/", figures.figures, name="figures"),
    path("sources/", sources.sources, name="sources"),
    path("search/", search.search, name="search"),
    path("feeds/statements/", feeds.StatementFeed(), name="statement_feed"),
    path("feeds/timeline/", feeds.TimelineFeed(), name="timeline_feed"),
    # Wagtail's own address for the form, answered here first (see private_pages).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        private_pages.authenticate_with_password,
    ),
]
