"""The public site's Django views. Included inside i18n_patterns, before Wagtail's page tree."""

from django.urls import path

from .views import feeds, figures, people, places, private_pages, search, sources, timeline

app_name = "archive"

urlpatterns = [
    path("people/", people.person_list, name="person_list"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("families/<int:pk>/", people.family_detail, name="family_detail"),
    path("places/", places.place_list, name="place_list"),
    path("places/<int:pk>/", places.place_detail, name="place_detail"),
    path("timeline/", timeline.timeline, name="timeline"),
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
