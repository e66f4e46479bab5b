"""Liveness and readiness probes, and what visitors get while the database is away."""

import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults
from django.views.decorators.cache import never_cache

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


@never_cache
def healthz(request):
    """The process is up and answering. Touches neither the database nor the cache."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def readyz(request):
    """Ready for traffic: the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_DOWN:
        return HttpResponse("database unavailable\n", content_type="text/plain", status=503)
    return HttpResponse("ready\n", content_type="text/plain")


def service_unavailable(request):
    """A friendly 503 rendered without a request context, so it needs no database."""
    response = HttpResponse(
        render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}), status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """The 500 handler, except that a lost database answers 503 and asks to come back later.

    Django calls it inside the ``except`` block around the failing view or middleware, so the
    exception is still current; Django logs it before calling us. The connection is closed at the
    end of the request and, with ``CONN_HEALTH_CHECKS``, a later request reconnects by itself."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return service_unavailable(request)
    return defaults.server_error(request)
