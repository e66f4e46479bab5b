"""The queue of contributions and the screen where a moderator decides about one.

Only moderators see these screens (``archive.moderate_contribution``), and contributions about
restricted people only those who may see those records. Every decision is a form: it works
without JavaScript."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from archive.contributions import decisions
from archive.models import Contribution, Person
from archive.models.contributions import may_moderate

PER_PAGE = 50


def _moderator_only(request) -> None:
    if not may_moderate(request.user):
        raise PermissionDenied


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (the contributor reads it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class CorrectionDraftForm(forms.ModelForm):
    """The corrected record's fields a correction most often changes, from its latest
    revision; the rest is changed in the record's editor."""

    class Meta:
        model = Person
        fields = list(decisions.CORRECTABLE)


class MissingPersonDraftForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = list(decisions.DRAFTED_FROM_MISSING)


def queue(request):
    _moderator_only(request)
    status = request.GET.get("status", Contribution.Status.PENDING)
    if status not in Contribution.Status.values:
        status = Contribution.Status.PENDING
    rows = (
        Contribution.objects.visible_to(request.user)
        .filter(status=status)
        .select_related("person")
        .order_by("submitted_at", "pk")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "archive/admin/contributions/queue.html",
        {
            "page_title": _("Contributions"),
            "header_icon": "mail",
            "page_obj": page,
            "status": status,
            "statuses": Contribution.Status.choices,
        },
    )


def _draft_form(contribution: Contribution, data=None):
    if contribution.kind == Contribution.Kind.CORRECTION and contribution.person_id:
        record = contribution.person.get_latest_revision_as_object()
        return CorrectionDraftForm(data, instance=record, prefix="draft")
    if contribution.kind == Contribution.Kind.MISSING_PERSON:
        initial = {name: getattr(contribution, name) for name in decisions.DRAFTED_FROM_MISSING}
        return MissingPersonDraftForm(data, initial=initial, prefix="draft")
    return None


def review(request, pk: int, reject_form=None, draft_form=None, status=200):
    _moderator_only(request)
    contribution = get_object_or_404(
        Contribution.objects.visible_to(request.user).select_related("person", "decided_by"),
        pk=pk,
    )
    pending = contribution.status == Contribution.Status.PENDING
    context = {
        "page_title": str(contribution),
        "header_icon": "mail",
        "contribution": contribution,
        "pending": pending,
        "may_approve": pending and contribution.kind in Contribution.SHOWN_KINDS,
        "reject_form": reject_form or RejectForm(),
        "draft_form": draft_form or (_draft_form(contribution) if pending else None),
    }
    return TemplateResponse(
        request, "archive/admin/contributions/review.html", context, status=status
    )


@require_POST
def decide(request, pk: int, action: str):
    _moderator_only(request)
    contribution = get_object_or_404(Contribution.objects.visible_to(request.user), pk=pk)
    try:
        if action == "approve":
            decisions.approve(contribution, request.user)
            messages.success(request, _("Approved: it is now on the person's page."))
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                return review(request, pk, reject_form=form, status=400)
            decisions.reject(contribution, request.user, form.cleaned_data["reason"])
            messages.success(request, _("Rejected; the contributor has been told why."))
        elif action == "draft":
            form = _draft_form(contribution, request.POST)
            if form is None or not form.is_valid():
                return review(request, pk, draft_form=form, status=400)
            changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
            if contribution.kind == Contribution.Kind.CORRECTION:
                record = decisions.draft_correction(contribution, request.user, changes)
            else:
                record = decisions.draft_missing_person(contribution, request.user, changes)
            messages.success(
                request,
                _("A draft of the record has been saved. Check it, then submit it for moderation."),
            )
            return redirect(reverse("wagtailsnippets_archive_person:edit", args=[record.pk]))
        else:
            raise PermissionDenied
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("archive_contribution_review", pk)
    return redirect(f"{reverse('archive_contributions')}?status=pending")
