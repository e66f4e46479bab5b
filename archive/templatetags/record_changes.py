"""``{% record_changes record %}``: the section "Changes to this record" of a person's,
timeline entry's or statement's page (see :mod:`archive.record_history`)."""

from django import template

from archive.models import PublishedChange
from archive.record_history import shown_entries

register = template.Library()


@register.inclusion_tag("includes/record_changes.html", takes_context=True)
def record_changes(context, record) -> dict:
    """The record's published changes, newest first; nothing in a preview (an editor's draft
    is no published change)."""
    if context.get("is_preview") or record is None or not record.pk:
        return {"entries": None}
    entries = PublishedChange.objects.of(record).select_related("source")
    return {"entries": shown_entries(record, entries), "request": context.get("request")}
