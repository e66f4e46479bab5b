"""The translation workflow's own admin pages (wagtail-localize's are in ``guard``)."""

from django.urls import path

from .adopt import adopt_view
from .report import TranslationsReportView

urlpatterns = [
    path("translations/", TranslationsReportView.as_view(), name="archive_translations"),
    path(
        "translations/results/",
        TranslationsReportView.as_view(results_only=True),
        name="archive_translations_results",
    ),
    path("translations/adopt/", adopt_view, name="archive_translations_adopt"),
]
