"""Wagtail admin views replaced at Wagtail's own paths: so that restricted people stay hidden
from staff who may not see them, and where Wagtail answers 500 to an id it accepted.

``memorial/urls.py`` includes these patterns just before Wagtail's admin: Django resolves the
first pattern that matches, so these views answer Wagtail's paths, while ``reverse()`` of
Wagtail's URL names keeps giving the same paths. Wagtail's ``register_admin_urls`` hook cannot
do this, as it appends after the views it would replace. The patterns carry the decorators
Wagtail gives its own (admin access, its 404 page, no caching)."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .bulk_restricted import bulk_action
from .malformed_ids import PageChosenMultipleView
from .reports import VisibleWorkflowTasksView, VisibleWorkflowView
from .site_history import VisibleLogEntriesView
from .usage import VisibleDocumentUsageView, VisibleImageUsageView, VisiblePageUsageView


def _report(route, view_class):
    return [
        path(f"reports/{route}/", view_class.as_view()),
        path(f"reports/{route}/results/", view_class.as_view(results_only=True)),
    ]


urlpatterns = [
    *_report("workflow", VisibleWorkflowView),
    *_report("workflow_tasks", VisibleWorkflowTasksView),
    *_report("site-history", VisibleLogEntriesView),
    path("pages/<int:page_id>/usage/", VisiblePageUsageView.as_view()),
    path("images/usage/<int:image_id>/", VisibleImageUsageView.as_view()),
    path("documents/usage/<int:document_id>/", VisibleDocumentUsageView.as_view()),
    path("choose-page/chosen-multiple/", PageChosenMultipleView.as_view()),
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action),
]

for decorator in (require_admin_access, display_custom_404, never_cache):
    urlpatterns = decorate_urlpatterns(urlpatterns, decorator)
