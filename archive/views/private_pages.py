"""The password form of a private page, under the admin sign-in's lockout: wrong passwords
count as failed sign-ins for that restriction from that address (see memorial.security)."""

from __future__ import annotations

from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext
from wagtail import views as wagtail_views

from memorial.security import sign_in_refused


def authenticate_with_password(request, page_view_restriction_id: int, page_id: int):
    who = f"page-view-restriction:{page_view_restriction_id}"
    if request.method == "POST":
        refused = sign_in_refused(
            request, who, gettext("Too many wrong passwords for this page from your address.")
        )
        if refused:
            return refused
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code == 200:  # the form again: refused
        user_login_failed.send(__name__, credentials={"username": who}, request=request)
    return response
