"""Edit-form panels of the archive's own."""

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import Panel


class TimelineLinksPanel(Panel):
    """On a statement's form: the timeline entries that cite it. The link itself is kept on
    the entry (its "related statements"), so each entry leads to its own form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "archive/admin/timeline_links_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            entries = self.instance.timeline_entries.order_by("start") if self.instance.pk else []
            urls = AdminURLFinder(self.request.user)
            context["entries"] = [(entry, urls.get_edit_url(entry)) for entry in entries]
            return context
