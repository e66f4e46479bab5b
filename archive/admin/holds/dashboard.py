"""The moderators' dashboard panel of holds: requests awaiting review, and holds in effect whose
review date (an embargo's end) has come."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from archive.models import Hold

from .mail import PLACES_HOLDS

SHOWN = 20


class HoldsPanel(Component):
    name = "archive_holds"
    order = 90
    template_name = "archive/admin/holds/holds_panel.html"

    def render_html(self, parent_context=None):
        user = parent_context["request"].user
        if not user.has_perm(f"archive.{PLACES_HOLDS}"):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        holds = Hold.objects.select_related("person")
        return {
            "heading": _("Holds"),
            "requested": list(holds.awaiting_review().order_by("requested_on", "pk")[:SHOWN]),
            "due": list(holds.due(today)[:SHOWN]),
            "in_effect": holds.in_effect().count(),
        }
