"""The screens of a merge: choose the other record, compare and confirm, the possible
duplicates to check, and what a past merge kept of the record it removed.

Moderators only (:func:`archive.merging.merge_allowed`): an editor's request answers 403.
A person the user may not see answers 404, as everywhere in the admin. Each screen reads the
same few queries whatever the size of the archive (tests/test_merging_admin.py counts them)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from archive.merging import check_pair, compared_fields, merge_allowed, merge_people
from archive.models import Hold, Person, PersonMerge
from archive.models.people import may_see_restricted

from ..import_people import imported_people
from .forms import MergeForm, OtherRecordForm

PER_PAGE = 50


def _moderator_only(request) -> None:
    if not merge_allowed(request.user):
        raise PermissionDenied


def _person(request, pk: int) -> Person:
    people = Person.objects.visible_to(request.user).select_related(
        "locale", "birth_place", "residence", "fate_place", "event", "photo", "locked_by"
    )
    return get_object_or_404(people, pk=pk)


def choose(request, pk: int):
    """The first step: the record to compare this one with."""
    _moderator_only(request)
    kept = _person(request, pk)
    form = OtherRecordForm(request.GET or None, user=request.user)
    if form.is_valid():
        return redirect("archive_merge_compare", kept.pk, form.cleaned_data["other"].pk)
    context = {
        "page_title": _("Merge with a duplicate"),
        "page_subtitle": str(kept),
        "header_icon": "user",
        "kept": kept,
        "form": form,
        "media": form.media,
    }
    return TemplateResponse(request, "archive/admin/merge/choose.html", context)


def compare(request, pk: int, other: int):
    """Both records side by side, a choice per field that differs, and what else the merge
    moves; the merge itself when the form is sent."""
    _moderator_only(request)
    kept, removed = _person(request, pk), _person(request, other)
    compared = compared_fields(kept, removed)
    form = MergeForm(
        request.POST or None, kept=kept, removed=removed, compared=compared, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            merge_people(
                kept,
                removed,
                choices=form.choices,
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as refused:
            form.add_error(None, refused.messages)
        else:
            messages.success(
                request,
                _("%(removed)s was merged into %(kept)s.") % {"removed": removed, "kept": kept},
                buttons=[
                    messages.button(
                        reverse("archive_merges_of", args=[kept.pk]), _("Merges into this record")
                    )
                ],
            )
            return redirect("wagtailsnippets_archive_person:edit", kept.pk)
    try:
        check_pair(kept, removed, request.user)
        refused = None
    except ValidationError as error:
        refused = error.messages
    context = {
        "page_title": _("Compare and merge"),
        "page_subtitle": str(kept),
        "header_icon": "user",
        "kept": kept,
        "removed": removed,
        "form": form,
        "same": [field for field in compared if not field.differs],
        "refused": refused,
        "sides": [_side(kept), _side(removed)],
        "restricted": kept.is_restricted or removed.is_restricted,
        "published": kept.live or removed.live,
        "translations": _translations(kept, removed),
    }
    return TemplateResponse(request, "archive/admin/merge/compare.html", context)


def _side(person: Person) -> dict:
    """What the comparison shows of one record besides its fields: what the merge moves."""
    counts = Person.objects.filter(pk=person.pk).aggregate(
        sources=Count("sources", distinct=True),
        testimonies=Count("testimonies", distinct=True),
        fate_events=Count("fate_events", distinct=True),
        media=Count("media", distinct=True),
        memberships=Count("memberships", distinct=True),
        contributions=Count("contributions", distinct=True),
    )
    holds = Hold.objects.in_effect().filter(person__translation_key=person.translation_key)
    return {
        "person": person,
        "counts": counts,
        "holds": holds.count(),
        "merges": list(PersonMerge.objects.filter(kept=person).values("pk", "removed_name")),
    }


def _translations(kept: Person, removed: Person) -> list[dict]:
    """What becomes of each language version of the removed record."""
    versions = Person.objects.filter(
        translation_key__in=[kept.translation_key, removed.translation_key]
    ).select_related("locale")
    kept_locales = {v.locale_id for v in versions if v.translation_key == kept.translation_key}
    return [
        {"version": version, "joins": version.locale_id not in kept_locales}
        for version in versions
        if version.translation_key == removed.translation_key and version.pk != removed.pk
    ]


def duplicates(request):
    """The records an import flagged as possible duplicates, each with the record it may
    duplicate and a link to compare them; ``imported`` narrows them to one import's."""
    _moderator_only(request)
    flagged = Person.objects.visible_to(request.user).filter(possible_duplicate_of__isnull=False)
    if not may_see_restricted(request.user):  # nor a restricted record they may duplicate
        flagged = flagged.filter(possible_duplicate_of__visibility=Person.Visibility.PUBLIC)
    if token := request.GET.get("imported"):
        flagged = imported_people(flagged, token)
    rows = flagged.select_related("possible_duplicate_of", "locale").order_by(
        "family_name", "given_name", "pk"
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    context = {
        "page_title": _("Possible duplicates"),
        "header_icon": "user",
        "page_obj": page,
        "imported": token,
    }
    return TemplateResponse(request, "archive/admin/merge/duplicates.html", context)


def merges_of(request, pk: int):
    """The merges into a person: who merged what, why, the values chosen, and the removed
    record's content and revisions as they were kept."""
    _moderator_only(request)
    person = _person(request, pk)
    merges = PersonMerge.objects.filter(Q(kept=person)).select_related("merged_by")
    context = {
        "page_title": _("Merges into this record"),
        "page_subtitle": str(person),
        "header_icon": "history",
        "person": person,
        "merges": merges,
    }
    return TemplateResponse(request, "archive/admin/merge/merges.html", context)
