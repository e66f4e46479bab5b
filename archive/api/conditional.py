"""Caching headers for successful reads, and 304 Not Modified for a client whose copy is current.

The ETag is a hash of the rendered body, so it changes whenever anything in the answer changes,
related records and translations included. Last-Modified is sent where it is cheap and honest: on
a single record with a publication time. Lists have none, because a record leaving a list (being
unpublished or restricted) moves no timestamp."""

import datetime

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date


def finish(request, response, last_modified: datetime.datetime | None = None):
    """Add Cache-Control, ETag and Last-Modified to a successful GET or HEAD, and answer 304
    when the request's If-None-Match or If-Modified-Since shows the client has it already."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
    timestamp = int(last_modified.timestamp()) if last_modified else None
    if timestamp:
        response.headers["Last-Modified"] = http_date(timestamp)
    if response.streaming:
        return response
    if hasattr(response, "render"):
        response.render()
    set_response_etag(response)
    return get_conditional_response(
        request, etag=response.headers.get("ETag"), last_modified=timestamp, response=response
    )
