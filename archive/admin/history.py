"""A record's history page that shows every action taken on that record, however many records
the action touched.

Wagtail's history view keeps, of the entries sharing an action's identifier (``uuid``) and name,
only the latest (``LogEntryQuerySet.latest_by_uuid_and_action``), so that an edit saved twice
in one request reads once. Its subquery looks for that latest entry among every record's
entries, though, and one import or bulk action gives all its records one identifier
(archive/importers/saving.py, archive/admin/bulk/moderation.py): of 100,000 imported people,
99,999 showed an empty history, and each page scanned the 100,000 entries of the import twice
per entry (1.2 to 1.7 s at 100,000 people, bench/RESULTS.md). Here the latest entry is looked
for among the record's own entries, which is what Wagtail's rule means for a single record."""

from django.db.models import OuterRef, Q, Subquery
from wagtail.log_actions import registry as log_registry
from wagtail.snippets.views.snippets import HistoryView


def latest_by_uuid_and_action_of(entries):
    """``entries`` (one record's history) less those a later entry of the same action and
    ``uuid`` repeats."""
    latest = (
        entries.filter(uuid=OuterRef("uuid"), action=OuterRef("action"))
        .order_by("-timestamp", "-id")
        .values("id")[:1]
    )
    return entries.filter(Q(uuid__isnull=True) | Q(id=Subquery(latest)))


class RecordHistoryView(HistoryView):
    def get_base_queryset(self):
        entries = log_registry.get_logs_for_instance(self.object)
        return self._annotate_queryset(latest_by_uuid_and_action_of(entries))
