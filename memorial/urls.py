from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from archive import health
from archive.models.identifiers import ADDRESS_PATTERN
from archive.sitemaps import sitemaps
from archive.views import citation, contributions, media, root_files

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("favicon.ico", root_files.favicon),
    path("robots.txt", root_files.robots),
    # Before Wagtail's admin, to replace the views that would show restricted records.
    path("admin/", include("archive.admin.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("archive.api.urls")),
    # A person's permanent address: no language in it, the reader's is chosen on the way.
    re_path(
        rf"^people/(?P<public_id>{ADDRESS_PATTERN})/$",
        citation.person_permalink,
        name="person_permalink",
    ),
    # Photos visitors sent: approved ones to anyone, others to moderators (one address each).
    path("contributions/photos/<int:pk>/", contributions.photo, name="contribution_photo"),
    # Files of records the public may not see, to staff (memorial/media.py): outside /media/,
    # which the proxy answers from MEDIA_ROOT.
    path("sealed-media/<path:name>", media.sealed_file, name="sealed_media"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

SITEMAPS = sitemaps()
urlpatterns += [
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("archive.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A lost database answers 503 with a page that needs none; other errors stay 500.
handler500 = "archive.health.server_error"
