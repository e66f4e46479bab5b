"""Bulk moderation in the people and timeline listings: submit, approve, unpublish, restrict.

Each is one of Wagtail's snippet bulk actions (a button in the listing's footer, a confirmation
page, a POST), registered in ``wagtail_hooks.py``. Wagtail's base class loads every selected
record for its confirmation page and acts on them one by one; these name the count and a few
records, and hand the selection to :class:`.moderation.BulkModeration`, which works in batches.

A selection is the ids in the address, or ``id=all`` with the listing's own filters and search
(Wagtail's "select all in listing"). Records the user may not see are not part of it: they are
neither acted on nor named, exactly as if they did not exist.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest, PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils.formats import number_format
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from archive.models import Person, TimelineEntry

from .moderation import BulkModeration, Outcome

# Records named on a confirmation page; the rest are counted.
NAMED = 5
# Larger ids cannot be a record's (a bigint key); the database would refuse the lookup.
MAX_ID = 2**63 - 1


def counted(sentence, count: int) -> str:
    """``sentence``, an ``ngettext_lazy`` keyed on "count", said of ``count`` records; its
    ``%(number)s`` is the count written as the language groups digits ("10 000" in Russian)."""
    return sentence % {"count": count, "number": number_format(count, force_grouping=True)}


class ModerationBulkAction(SnippetBulkAction):
    template_name = "archive/admin/bulk/confirm.html"
    # The model permission (Wagtail's permission policy) the whole action needs.
    permission_action = "change"
    # What the confirmation page asks and its button says.
    question = ""
    button = ""
    # What happened, counted: one whole sentence per model, never a model name pasted after a
    # number, so that each language declines the noun as the number needs ("5 человек
    # опубликованы", "2 записи хроники опубликованы").
    done_said: dict = {}
    unchanged_said: dict = {}
    selected_said = {
        Person: ngettext_lazy(
            "%(number)s person selected.", "%(number)s people selected.", "count"
        ),
        TimelineEntry: ngettext_lazy(
            "%(number)s timeline entry selected.", "%(number)s timeline entries selected.", "count"
        ),
    }
    refused_said = {
        Person: ngettext_lazy(
            "%(number)s person left as it was: locked by someone else, or awaiting a step of "
            "the workflow you may not approve.",
            "%(number)s people left as they were: locked by someone else, or awaiting a step "
            "of the workflow you may not approve.",
            "count",
        ),
        TimelineEntry: ngettext_lazy(
            "%(number)s timeline entry left as it was: locked by someone else, or awaiting a "
            "step of the workflow you may not approve.",
            "%(number)s timeline entries left as they were: locked by someone else, or awaiting "
            "a step of the workflow you may not approve.",
            "count",
        ),
    }

    @classproperty
    def models(cls):
        return [Person, TimelineEntry]

    def dispatch(self, request, *args, **kwargs):
        if not self.permitted(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def permitted(self, user) -> bool:
        return self.permission_policy.user_has_permission(user, self.permission_action)

    def selected(self) -> QuerySet:
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            return self.visible(self.model.objects.filter(pk__in=self.in_listing()))
        try:
            pks = {int(pk) for pk in ids}
        except ValueError as error:
            raise BadRequest("Record ids are numbers.") from error
        if not pks or not all(0 < pk <= MAX_ID for pk in pks):
            raise BadRequest("Record ids are positive numbers.")
        return self.visible(self.model.objects.filter(pk__in=pks))

    def visible(self, records: QuerySet) -> QuerySet:
        if self.model is Person:
            return records.visible_to(self.request.user)
        return records

    def in_listing(self):
        """The ids the listing shows with the request's filters and search, on every page."""
        # The listing's own view, as its URL builds it, so its filters and search apply as such.
        listing = self.model.snippet_viewset.index_view
        view = listing.view_class(**listing.view_initkwargs)
        view.setup(self.request)
        if view.filters is not None and not view.filters.is_valid():
            raise BadRequest("The listing's filters are not valid.")
        records = view.get_queryset()
        if isinstance(records, QuerySet):
            return records.values("pk")
        return [obj.pk for obj in records]  # search results from a search backend

    def get_context_data(self, **kwargs):
        records = self.selected().order_by()
        count = records.count()
        if not count:
            raise Http404
        named = list(records.order_by("pk")[:NAMED])
        return {
            # Wagtail's BulkAction would list every selected record; only its form's context.
            **FormView.get_context_data(self, **kwargs),
            "count": count,
            "selected": counted(self.selected_said[self.model], count),
            "named": named,
            "others": count - len(named),
            "question": self.question,
            "button": self.button,
            "action_classes": " ".join(self.classes),
            "next": self.next_url,
            "submit_url": self.request.get_full_path(),
            "model_opts": self.model._meta,
            "header_icon": self.model.snippet_viewset.icon,
        }

    def form_valid(self, form):
        records = self.selected()
        with transaction.atomic():
            outcome = self.execute(BulkModeration(self.model, self.request.user), records)
        self.report(outcome)
        return redirect(self.next_url)

    def execute(self, moderation: BulkModeration, records: QuerySet) -> Outcome:
        raise NotImplementedError

    def report(self, outcome: Outcome) -> None:
        """Counts only: a restricted record is never named, whoever reads the message."""
        if outcome.done:
            messages.success(self.request, counted(self.done_said[self.model], len(outcome.done)))
        if outcome.unchanged:
            messages.info(self.request, counted(self.unchanged_said[self.model], outcome.unchanged))
        if outcome.refused:
            messages.warning(self.request, counted(self.refused_said[self.model], outcome.refused))


class SubmitBulkAction(ModerationBulkAction):
    display_name = _("Submit for moderation")
    action_type = "submit"
    aria_label = _("Submit the selected records for moderation")
    action_priority = 10
    question = _("Submit these records to the moderators for approval?")
    button = _("Yes, submit")
    done_said = {
        Person: ngettext_lazy(
            "%(number)s person submitted for moderation.",
            "%(number)s people submitted for moderation.",
            "count",
        ),
        TimelineEntry: ngettext_lazy(
            "%(number)s timeline entry submitted for moderation.",
            "%(number)s timeline entries submitted for moderation.",
            "count",
        ),
    }
    unchanged_said = {
        Person: ngettext_lazy(
            "%(number)s person left as it was: already awaiting moderation, or published "
            "with no changes.",
            "%(number)s people left as they were: already awaiting moderation, or published "
            "with no changes.",
            "count",
        ),
        TimelineEntry: ngettext_lazy(
            "%(number)s timeline entry left as it was: already awaiting moderation, or "
            "published with no changes.",
            "%(number)s timeline entries left as they were: already awaiting moderation, or "
            "published with no changes.",
            "count",
        ),
    }

    def execute(self, moderation, records):
        return moderation.submit(records)


class ApproveBulkAction(ModerationBulkAction):
    display_name = _("Approve and publish")
    action_type = "approve"
    aria_label = _("Approve and publish the selected records")
    action_priority = 11
    permission_action = "publish"
    question = _(
        "Approve and publish these records? Records awaiting moderation are approved through "
        "their workflow; the others are published as they were last saved."
    )
    button = _("Yes, approve and publish")
    done_said = {
        Person: ngettext_lazy(
            "%(number)s person published.", "%(number)s people published.", "count"
        ),
        TimelineEntry: ngettext_lazy(
            "%(number)s timeline entry published.",
            "%(number)s timeline entries published.",
            "count",
        ),
    }
    unchanged_said = {
        Person: ngettext_lazy(
            "%(number)s person left as it was: already published, with no changes.",
            "%(number)s people left as they were: already published, with no changes.",
            "count",
        ),
        TimelineEntry: ngettext_lazy(
            "%(number)s timeline entry left as it was: already published, with no changes.",
            "%(number)s timeline entries left as they were: already published, with no changes.",
            "count",
        ),
    }

    def execute(self, moderation, records):
        return moderation.publish(records)


class UnpublishBulkAction(ModerationBulkAction):
    display_name = _("Unpublish")
    action_type = "unpublish"
    aria_label = _("Unpublish the selected records")
    action_priority = 12
    permission_action = "publish"
    classes = {"serious"}
    question = _("Take these records off the public site? They stay in the archive as drafts.")
    button = _("Yes, unpublish")
    done_said = {
        Person: ngettext_lazy(
            "%(number)s person unpublished.", "%(number)s people unpublished.", "count"
        ),
        TimelineEntry: ngettext_lazy(
            "%(number)s timeline entry unpublished.",
            "%(number)s timeline entries unpublished.",
            "count",
        ),
    }
    unchanged_said = {
        Person: ngettext_lazy(
            "%(number)s person left as it was: not published.",
            "%(number)s people left as they were: not published.",
            "count",
        ),
        TimelineEntry: ngettext_lazy(
            "%(number)s timeline entry left as it was: not published.",
            "%(number)s timeline entries left as they were: not published.",
            "count",
        ),
    }

    def execute(self, moderation, records):
        return moderation.unpublish(records)


class RestrictBulkAction(ModerationBulkAction):
    display_name = _("Restrict")
    action_type = "restrict"
    aria_label = _("Restrict the selected people to staff")
    action_priority = 13
    permission_action = "publish"
    classes = {"serious"}
    question = _(
        "Restrict these records to staff? They leave the public site at once, and only staff "
        "allowed to see restricted records will find them in the admin."
    )
    button = _("Yes, restrict")
    done_said = {
        Person: ngettext_lazy(
            "%(number)s person restricted to staff.",
            "%(number)s people restricted to staff.",
            "count",
        ),
    }
    unchanged_said = {
        Person: ngettext_lazy(
            "%(number)s person left as it was: already restricted.",
            "%(number)s people left as they were: already restricted.",
            "count",
        ),
    }

    @classproperty
    def models(cls):
        return [Person]

    def permitted(self, user):
        return super().permitted(user) and user.has_perm("archive.view_restricted_person")

    def execute(self, moderation, records):
        return moderation.restrict(records, Person.Visibility.RESTRICTED)


BULK_ACTIONS = [SubmitBulkAction, ApproveBulkAction, UnpublishBulkAction, RestrictBulkAction]
