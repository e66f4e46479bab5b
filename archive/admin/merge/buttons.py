"""Where a moderator starts a merge: a person's listing row and edit page, the people listing's
header (the possible duplicates), and the log message the merge leaves in both records'
histories."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from archive.merging import merge_allowed
from archive.models import Person


def merge_buttons(person: Person, user) -> list[Button]:
    """ "Merge with a duplicate…" and, for a flagged record, "Compare with its possible
    duplicate" (the import's flag: the earlier record is the one kept by default)."""
    if not isinstance(person, Person) or not merge_allowed(user):
        return []
    buttons = [
        Button(
            _("Merge with a duplicate…"),
            reverse("archive_merge_choose", args=[person.pk]),
            icon_name="resubmit",
            priority=60,
        )
    ]
    if person.possible_duplicate_of_id:
        buttons.append(
            Button(
                _("Compare with its possible duplicate"),
                reverse("archive_merge_compare", args=[person.possible_duplicate_of_id, person.pk]),
                icon_name="resubmit",
                priority=61,
            )
        )
    return buttons


def listing_buttons(snippet, user, next_url=None):
    """The ``register_snippet_listing_buttons`` hook."""
    yield from merge_buttons(snippet, user)


class MergeButtonsMixin:
    """The person's edit view: the merge buttons in the header's "more" menu."""

    @property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *merge_buttons(self.object, self.request.user)]


class DuplicatesButtonMixin:
    """The people listing: a header button to the possible duplicates an import flagged."""

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if merge_allowed(self.request.user):
            buttons.append(
                Button(
                    _("Possible duplicates"),
                    reverse("archive_possible_duplicates"),
                    icon_name="resubmit",
                    priority=70,
                )
            )
        return buttons


class MergeFormatter(LogFormatter):
    """The log entry a merge leaves on both records: which record went into which."""

    label = _("Merge")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        removed, kept = data.get("removed", {}), data.get("kept", {})
        if removed.get("restricted"):
            # Whoever reads the kept record's history may not see restricted records.
            return _(
                "Merged a restricted record (#%(removed_id)s) into %(kept)s (#%(kept_id)s)"
            ) % {
                "removed_id": removed.get("id", ""),
                "kept": kept.get("title", ""),
                "kept_id": kept.get("id", ""),
            }
        return _(
            "Merged %(removed)s (#%(removed_id)s, %(public_id)s) into %(kept)s (#%(kept_id)s)"
        ) % {
            "removed": removed.get("title", ""),
            "removed_id": removed.get("id", ""),
            "public_id": removed.get("public_id", ""),
            "kept": kept.get("title", ""),
            "kept_id": kept.get("id", ""),
        }
