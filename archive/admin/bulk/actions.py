"""Bulk moderation in the people, timeline and page listings: submit, approve, unpublish,
restrict.

Each is one of Wagtail's bulk actions (a button in the listing's footer, a confirmation page, a
POST), registered in ``wagtail_hooks.py``. Wagtail's base class loads every selected record for
its confirmation page and acts on them one by one; these name the count and a few records, and
hand the selection to :class:`.moderation.BulkModeration` (pages: ``PageModeration``).

A selection is the ids in the address, or ``id=all`` with the listing's own filters and search
(Wagtail's "select all in listing"; for pages, Wagtail's own reading of it: the children of the
listed page, or its descendants found by the search). Records the user may not see are not part
of it: they are neither acted on nor named, exactly as if they did not exist.

The footer offers each action only to staff who may take it (:meth:`offered_to`, read by
:mod:`.footer`): an editor sees "Submit for moderation", a moderator all of them.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import number_format
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page
from wagtail.permissions import policy_registry

from archive.admin.change_reasons import REASON_REQUIRED, BulkReasonForm
from archive.admin.widgets import as_pk, record_label
from archive.models import Person, TimelineEntry
from archive.record_history import reason_for, without_reason

from .moderation import BulkModeration, Outcome, PageModeration

REASONS_GIVEN = _(
    "Every published record selected has the reason its editor gave, which its history "
    "shows: nothing is needed here. A reason given here goes only to records without one."
)
# Records named on a confirmation page; the rest are counted.
NAMED = 5
# Larger ids cannot be a record's (a bigint key); the database would refuse the lookup.
MAX_ID = 2**63 - 1
SNIPPETS = [Person, TimelineEntry]


def counted(sentence, count: int) -> str:
    """``sentence``, an ``ngettext_lazy`` keyed on "count", said of ``count`` records; its
    ``%(number)s`` is the count written as the language groups digits ("10 000" in Russian)."""
    return sentence % {"count": count, "number": number_format(count, force_grouping=True)}


class ModerationBulkAction(BulkAction):
    template_name = "archive/admin/bulk/confirm.html"
    # The permission (on the model, or on some page) the whole action needs.
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
        Page: ngettext_lazy("%(number)s page selected.", "%(number)s pages selected.", "count"),
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
        Page: ngettext_lazy(
            "%(number)s page left as it was: locked by someone else, outside the sections you "
            "may do this in, or awaiting a step of the workflow you may not approve.",
            "%(number)s pages left as they were: locked by someone else, outside the sections "
            "you may do this in, or awaiting a step of the workflow you may not approve.",
            "count",
        ),
    }

    @classproperty
    def models(cls):
        return [*SNIPPETS, Page]

    @classmethod
    def offered_to(cls, user, model) -> bool:
        """Whether ``user`` may take this action on records of ``model``: on a page, if they
        may somewhere in the tree (each page is checked as it is acted on)."""
        return policy_registry.get_by_type(model).user_has_permission(user, cls.permission_action)

    @cached_property
    def is_pages(self) -> bool:
        return issubclass(self.model, Page)

    def dispatch(self, request, *args, **kwargs):
        if not self.offered_to(request.user, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def selected(self) -> QuerySet:
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            listed = self.get_all_objects_in_listing_query(self.request.GET.get("childOf"))
            return self.visible(self.model.objects.filter(pk__in=listed))
        try:
            pks = {int(pk) for pk in ids}
        except ValueError as error:
            raise BadRequest("Record ids are numbers.") from error
        if not pks or not all(0 < pk <= MAX_ID for pk in pks):
            raise BadRequest("Record ids are positive numbers.")
        return self.visible(self.model.objects.filter(pk__in=pks))

    def visible(self, records: QuerySet) -> QuerySet:
        user = self.request.user
        if self.model is Person:
            return records.visible_to(user)
        if self.is_pages:
            # The pages the user's explorer shows; the root is no page.
            explorable = policy_registry.get_by_type(Page).explorable_instances(user)
            return records.filter(depth__gt=1, pk__in=explorable.values("pk"))
        return records

    def get_all_objects_in_listing_query(self, parent_id):
        """The ids the listing shows with the request's filters and search, on every page."""
        if self.is_pages:
            if parent_id is not None:
                try:
                    parent_id = as_pk(Page, parent_id)
                except ValidationError as error:
                    raise BadRequest("The listed page's id is a number.") from error
                get_object_or_404(Page, pk=parent_id)
            # Wagtail's own (it reads no more of the action than its model and request).
            return PageBulkAction.get_all_objects_in_listing_query(self, parent_id)
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
        named = records.order_by("pk")[:NAMED]
        return {
            # Wagtail's BulkAction would list every selected record; only its form's context.
            **FormView.get_context_data(self, **kwargs),
            "count": count,
            "selected": counted(self.selected_said[self.model], count),
            "named": [record_label(record, self.request.user) for record in named],
            "others": count - len(named),
            "question": self.question,
            "button": self.button,
            "action_classes": " ".join(self.classes),
            "next": self.next_url,
            "submit_url": self.request.get_full_path(),
            "model_opts": self.model._meta,
            "header_icon": "doc-empty-inverse"
            if self.is_pages
            else self.model.snippet_viewset.icon,
        }

    def form_valid(self, form):
        records = self.selected()
        if self.is_pages:
            moderation = PageModeration(self.request.user)
        else:
            moderation = BulkModeration(self.model, self.request.user)
        with transaction.atomic():
            outcome = self.execute(moderation, records)
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
        Page: ngettext_lazy(
            "%(number)s page submitted for moderation.",
            "%(number)s pages submitted for moderation.",
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
        Page: ngettext_lazy(
            "%(number)s page left as it was: already awaiting moderation, or published with "
            "no changes.",
            "%(number)s pages left as they were: already awaiting moderation, or published "
            "with no changes.",
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
        Page: ngettext_lazy("%(number)s page published.", "%(number)s pages published.", "count"),
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
        Page: ngettext_lazy(
            "%(number)s page left as it was: already published, with no changes.",
            "%(number)s pages left as they were: already published, with no changes.",
            "count",
        ),
    }

    @classproperty
    def models(cls):
        return SNIPPETS

    form_class = BulkReasonForm

    def execute(self, moderation, records):
        return moderation.publish(records)

    @cached_property
    def reason_needed(self) -> bool:
        """Whether a published record selected has no reason from its editor: the reason
        given here is for those (the others keep their editors')."""
        return without_reason(self.selected().filter(live=True)).exists()

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.reason_needed:
            form.fields["change_reason"].help_text = REASONS_GIVEN
        return form

    def form_valid(self, form):
        """Publish with the reason given, which a change to a published record needs unless
        its editor gave one."""
        text = form.cleaned_data["change_reason"].strip()
        if not text and self.reason_needed:
            form.add_error("change_reason", REASON_REQUIRED)
            return self.form_invalid(form)
        with reason_for(text, form.cleaned_data["change_source"]):
            return super().form_valid(form)


class PublishPagesBulkAction(ApproveBulkAction):
    """Approving pages, under the name of Wagtail's own page action "publish", which it replaces
    in the page listings (registered after it): Wagtail's publishes at once and cancels the
    workflow under way, bypassing the moderators' review of what was submitted."""

    action_type = "publish"

    @classproperty
    def models(cls):
        return [Page]


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
        Page: ngettext_lazy(
            "%(number)s page unpublished.", "%(number)s pages unpublished.", "count"
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
        Page: ngettext_lazy(
            "%(number)s page left as it was: not published.",
            "%(number)s pages left as they were: not published.",
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

    @classmethod
    def offered_to(cls, user, model):
        return super().offered_to(user, model) and user.has_perm("archive.view_restricted_person")

    def execute(self, moderation, records):
        return moderation.restrict(records, Person.Visibility.RESTRICTED)


BULK_ACTIONS = [
    SubmitBulkAction,
    ApproveBulkAction,
    PublishPagesBulkAction,
    UnpublishBulkAction,
    RestrictBulkAction,
]
