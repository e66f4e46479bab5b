"""Response headers that limit what a page may load, and limits on abusive request rates."""

from __future__ import annotations

import math
import re

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.throttling import BaseThrottle

from archive.api.throttling import AnonymousRateThrottle
from archive.caching.limits import SharedCounter


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy and a Permissions-Policy to every response.

    Public pages and the API get ``CONTENT_SECURITY_POLICY`` (no inline script at all); the
    Wagtail admin, which still relies on inline scripts and styles, gets the looser
    ``CONTENT_SECURITY_POLICY_ADMIN``. A response that already carries a policy keeps it
    (Wagtail serves documents with ``default-src 'none'``).

    No page may be framed (``frame-ancestors 'none'``), except previews, which the admin shows
    in its side panel: the site's own origin may frame those (``PREVIEW_FRAME_ANCESTORS``). A
    preview is either the simulated request Wagtail runs through this middleware for the
    record's public address (``request.is_preview``), or a response Wagtail itself marked as
    framable by its own origin (``X-Frame-Options: SAMEORIGIN``: its preview views, including
    the "preview not available" page, and block previews)."""

    def __init__(self, get_response):
        self.get_response = get_response
        framable = {"frame-ancestors": settings.PREVIEW_FRAME_ANCESTORS}
        # (admin?, preview?) -> policy
        self.policies = {
            (admin, preview): _policy({**directives, **(framable if preview else {})})
            for admin, directives in (
                (False, settings.CONTENT_SECURITY_POLICY),
                (True, settings.CONTENT_SECURITY_POLICY_ADMIN),
            )
            for preview in (False, True)
        }

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response["X-Frame-Options"] = "SAMEORIGIN"
        preview = response.get("X-Frame-Options") == "SAMEORIGIN"
        admin = request.path_info.startswith("/admin/")
        response.setdefault("Content-Security-Policy", self.policies[admin, preview])
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def too_many(request, retry_after: int, message: str):
    """The 429 page: ``message``, and how many minutes to wait (also as ``Retry-After``)."""
    response = render(
        request,
        "429.html",
        {"message": message, "minutes": math.ceil(retry_after / 60)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def client_address(request) -> str:
    """The visitor's address as every limit here and in the API sees it: the connection's,
    or, behind ``TRUSTED_PROXIES`` reverse proxies, the one the outermost of them recorded."""
    return BaseThrottle().get_ident(request)


# Admin sign-in: failures counted per (username, address) by a counter every worker shares.
LOGIN_FAILURES = SharedCounter("login-failures")


def _who(request, username: str) -> str:
    return f"{username.strip().casefold()}|{client_address(request)}"


@receiver(user_login_failed)
def _count_login_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    who = _who(request, credentials.get("username", ""))
    lockout = settings.LOGIN_LOCKOUT_MINUTES * 60
    if LOGIN_FAILURES.step(who, lockout) >= settings.LOGIN_FAILURE_LIMIT:
        LOGIN_FAILURES.keep(who, lockout)  # the lockout runs from the last failure


@receiver(user_logged_in)
def _forget_login_failures(sender, request, user, **kwargs):
    if request is not None:
        LOGIN_FAILURES.forget(_who(request, user.get_username()))


class AdminLoginThrottleMiddleware:
    """Refuses sign-in attempts for a username from an address after too many failures.

    ``LOGIN_FAILURE_LIMIT`` failures lock that username, from that address, for
    ``LOGIN_LOCKOUT_MINUTES``; the visitor sees why and for how long. A successful sign-in
    clears the count. Counting per address as well as per name keeps an attacker from locking a
    real editor out from everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info == reverse("wagtailadmin_login"):
            refused = sign_in_refused(
                request,
                request.POST.get("username", ""),
                _("Too many failed sign-in attempts for this account from your address."),
            )
            if refused:
                return refused
        return self.get_response(request)


def sign_in_refused(request, username: str, message: str):
    """The 429 answer once ``username`` has failed ``LOGIN_FAILURE_LIMIT`` times from this
    address (see _count_login_failure), else None. The private pages' password form uses it
    too, naming the page's restriction as the username."""
    if LOGIN_FAILURES.value(_who(request, username)) >= settings.LOGIN_FAILURE_LIMIT:
        return too_many(request, settings.LOGIN_LOCKOUT_MINUTES * 60, message)
    return None


# Public search: the same anonymous throttle the API uses, with its own rate.


class SearchThrottle(AnonymousRateThrottle):
    scope = "search"


class SearchRateLimitMiddleware:
    """Limits how often an anonymous visitor may run a search on the public site.

    Applies to ``/<language>/search/`` and ``/<language>/people/`` when they carry a query
    (``q``); the rate is ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["search"]``. The API has its
    own throttle."""

    searches = re.compile(r"^/[a-z]{2}(?:-[a-z]+)?/(?:search|people)/$")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET.get("q") and self.searches.match(request.path_info):
            throttle = SearchThrottle()
            if not throttle.allow_request(request, None):
                return too_many(
                    request,
                    math.ceil(throttle.wait() or 1),
                    _("You have searched very often in a short time."),
                )
        return self.get_response(request)
