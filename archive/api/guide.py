"""The guide to the API (``guide.md``): the OpenAPI description's text, and as HTML the top of
``/api/docs/``, readable without JavaScript. What depends on the settings (the rate limit, the
cache lifetime, the licence, the site's address) is filled in when it is served."""

from pathlib import Path

from django.conf import settings
from django.template import Context, Engine
from markdown_it import MarkdownIt
from rest_framework.settings import api_settings

from .pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

GUIDE = Path(__file__).with_name("guide.md")
# Where examples point when no request names the site (the schema written from the command line).
DEVELOPMENT_BASE = "http://127.0.0.1:8000"


def markdown(request=None) -> str:
    """The guide as Markdown, with the addresses of the site ``request`` reached."""
    base = settings.PUBLIC_BASE_URL or (
        request.build_absolute_uri("/").rstrip("/") if request else DEVELOPMENT_BASE
    )
    values = {
        "api": f"{base}/api/v1/",
        "rate": api_settings.DEFAULT_THROTTLE_RATES.get("anon") or "unlimited",
        "max_age": settings.API_CACHE_MAX_AGE,
        "page_size": DEFAULT_PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE,
        "licence_name": settings.DATA_LICENCE_NAME,
        "licence_url": settings.DATA_LICENCE_URL,
    }
    template = Engine(autoescape=False).from_string(GUIDE.read_text(encoding="utf-8"))
    return template.render(Context(values, autoescape=False))


def html(request=None) -> str:
    """The guide as HTML (raw HTML in the Markdown is not passed through)."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown(request))
