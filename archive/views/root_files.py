"""What browsers and crawlers ask for at the site's root, whatever its pages link to."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ONE_DAY = 24 * 60 * 60


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def favicon(request):
    # Browsers that ignore the page's <link rel="icon"> still ask for /favicon.ico.
    return HttpResponsePermanentRedirect(static("archive/favicon.svg"))


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def robots(request):
    # The admin and the API's own pages are not for search engines; the sitemap lists
    # every public page.
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
