"""The contributions' menu item and dashboard panel, for moderators only."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from archive.models import Contribution
from archive.models.contributions import may_moderate


class ContributionsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_moderate(request.user)


def menu_item() -> ContributionsMenuItem:
    return ContributionsMenuItem(
        _("Contributions"), reverse("archive_contributions"), icon_name="mail", order=250
    )


class AwaitingContributionsPanel(Component):
    """How many contributions wait for a moderator, with a link to them."""

    name = "archive_awaiting_contributions"
    order = 90
    template_name = "archive/admin/contributions/panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        waiting = Contribution.objects.visible_to(self.user).awaiting().count()
        return {"waiting": waiting, "url": reverse("archive_contributions")}


def add_panel(request, panels) -> None:
    if may_moderate(request.user):
        panels.append(AwaitingContributionsPanel(request.user))
