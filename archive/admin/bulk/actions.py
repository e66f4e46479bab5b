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
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from archive.admin.restricted import visible_people
from archive.models import Person, TimelineEntry

from .moderation import BulkModeration, Outcome

# Records named on a confirmation page; the rest are counted.
NAMED = 5
# Larger ids cannot be a record's (a bigint key); the database would refuse the lookup.
MAX_ID = 2**63 - 1


class ModerationBulkAction(SnippetBulkAction):
    template_name = "archive/admin/bulk/confirm.html"
    # The model permission (Wagtail's permission policy) the whole action needs.
    permission_action = "change"
    # What the confirmation page asks and its button says, and what happened, by count.
    question = ""
    button = ""

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
            return visible_people(self.request.user, records)
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
        return {
            # Wagtail's BulkAction would list every selected record; only its form's context.
            **FormView.get_context_data(self, **kwargs),
            "count": count,
            "named": list(records.order_by("pk")[:NAMED]),
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
        count = len(outcome.done)
        if count:
            messages.success(self.request, self.done_message(count) % self.counted(count))
        if outcome.unchanged:
            messages.info(
                self.request,
                self.unchanged_message(outcome.unchanged) % self.counted(outcome.unchanged),
            )
        if outcome.refused:
            messages.warning(
                self.request,
                ngettext(
                    "%(count)d %(model)s left as it was: locked by someone else, or awaiting "
                    "a step of the workflow you may not approve.",
                    "%(count)d %(model)s left as they were: locked by someone else, or awaiting "
                    "a step of the workflow you may not approve.",
                    outcome.refused,
                )
                % self.counted(outcome.refused),
            )

    def counted(self, count: int) -> dict:
        meta = self.model._meta
        return {
            "count": count,
            "model": meta.verbose_name if count == 1 else meta.verbose_name_plural,
        }

    def done_message(self, count: int) -> str:
        raise NotImplementedError

    def unchanged_message(self, count: int) -> str:
        raise NotImplementedError


class SubmitBulkAction(ModerationBulkAction):
    display_name = _("Submit for moderation")
    action_type = "submit"
    aria_label = _("Submit the selected records for moderation")
    action_priority = 10
    question = _("Submit these records to the moderators for approval?")
    button = _("Yes, submit")

    def execute(self, moderation, records):
        return moderation.submit(records)

    def done_message(self, count):
        return ngettext(
            "%(count)d %(model)s submitted for moderation.",
            "%(count)d %(model)s submitted for moderation.",
            count,
        )

    def unchanged_message(self, count):
        return ngettext(
            "%(count)d %(model)s left as it was: already awaiting moderation, or published "
            "with no changes.",
            "%(count)d %(model)s left as they were: already awaiting moderation, or published "
            "with no changes.",
            count,
        )


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

    def execute(self, moderation, records):
        return moderation.publish(records)

    def done_message(self, count):
        return ngettext("%(count)d %(model)s published.", "%(count)d %(model)s published.", count)

    def unchanged_message(self, count):
        return ngettext(
            "%(count)d %(model)s left as it was: already published, with no changes.",
            "%(count)d %(model)s left as they were: already published, with no changes.",
            count,
        )


class UnpublishBulkAction(ModerationBulkAction):
    display_name = _("Unpublish")
    action_type = "unpublish"
    aria_label = _("Unpublish the selected records")
    action_priority = 12
    permission_action = "publish"
    classes = {"serious"}
    question = _("Take these records off the public site? They stay in the archive as drafts.")
    button = _("Yes, unpublish")

    def execute(self, moderation, records):
        return moderation.unpublish(records)

    def done_message(self, count):
        return ngettext(
            "%(count)d %(model)s unpublished.", "%(count)d %(model)s unpublished.", count
        )

    def unchanged_message(self, count):
        return ngettext(
            "%(count)d %(model)s left as it was: not published.",
            "%(count)d %(model)s left as they were: not published.",
            count,
        )


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

    @classproperty
    def models(cls):
        return [Person]

    def permitted(self, user):
        return super().permitted(user) and user.has_perm("archive.view_restricted_person")

    def execute(self, moderation, records):
        return moderation.restrict(records, Person.Visibility.RESTRICTED)

    def done_message(self, count):
        return ngettext(
            "%(count)d %(model)s restricted to staff.",
            "%(count)d %(model)s restricted to staff.",
            count,
        )

    def unchanged_message(self, count):
        return ngettext(
            "%(count)d %(model)s left as it was: already restricted.",
            "%(count)d %(model)s left as they were: already restricted.",
            count,
        )


BULK_ACTIONS = [SubmitBulkAction, ApproveBulkAction, UnpublishBulkAction, RestrictBulkAction]
