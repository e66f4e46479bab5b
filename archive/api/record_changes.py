"""``/api/v1/people/{id}/changes/``, and the same for timeline entries and statements: the
public history of changes of one record (see :mod:`archive.record_history`), newest first."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import APIView

from archive.models import PublishedChange
from archive.record_history import shown_entries

from . import views
from .pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, checked_page_size
from .renderers import JSONRenderer
from .schema import described_responses
from .serializers import address


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text=_("The field's name, as in the record."))
    label = serializers.CharField(help_text=_("The field's name in the answer's language."))
    old = serializers.CharField(help_text=_("The value before, as the site shows it."))
    new = serializers.CharField(help_text=_("The value after, as the site shows it."))


class ChangeSourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(help_text=_("The source in the API."))


class ChangeSerializer(serializers.Serializer):
    published_at = serializers.DateTimeField()
    action = serializers.ChoiceField(choices=PublishedChange.Action.choices)
    action_label = serializers.CharField()
    first_publication = serializers.BooleanField(
        help_text=_("The record's first publication: its values were not public before.")
    )
    reason = serializers.CharField(help_text=_("Why the record was changed; may be empty."))
    source = ChangeSourceSerializer(
        allow_null=True, help_text=_("The source behind the change, where one is named.")
    )
    changes = FieldChangeSerializer(many=True)


class ChangePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ChangeSerializer(many=True)


class ChangePages(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return checked_page_size(request)


PAGE_PARAMETERS = [
    OpenApiParameter("page", int, description="The page number, from 1."),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        description=f"Changes per page, {DEFAULT_PAGE_SIZE} unless given; at most {MAX_PAGE_SIZE}.",
    ),
]


class RecordChangesView(views.ArchiveAPIMixin, APIView):
    """The published changes of one record, newest first: when each was published, the public
    fields it changed (their values before and after, as the site shows them), the reason
    given and the source behind it. Imports appear as entries with the import's reason.

    Only what the public may see appears: no restricted field or value, ever. A record that is
    not public answers 404, like its detail; with another language chosen, its translation's
    history answers where there is one."""

    renderer_classes = [JSONRenderer]
    records: type[views.ArchiveViewSet] = views.PersonViewSet

    def accepted_parameters(self) -> set[str]:
        return super().accepted_parameters() | {parameter.name for parameter in PAGE_PARAMETERS}

    @extend_schema(
        parameters=[*PAGE_PARAMETERS, OpenApiParameter("id", int, OpenApiParameter.PATH)],
        responses=described_responses(ChangePageSerializer),
    )
    def get(self, request, pk: int):
        viewset = self.records(request=request, language=self.language, format_kwarg=None)
        found = viewset.found([("pk", pk)]).get(("pk", pk))
        if not found:
            raise Http404
        record = viewset.queryset.model.objects.get(pk=found["id"])
        entries = PublishedChange.objects.of(record).select_related("source")
        pages = ChangePages()
        page = pages.paginate_queryset(entries, request, self)
        return pages.get_paginated_response(
            [self.represent(entry, changes) for entry, changes in shown_entries(record, page)]
        )

    def represent(self, entry: PublishedChange, changes) -> dict:
        source = entry.shown_source
        return {
            "published_at": entry.published_at,
            "action": entry.action,
            "action_label": entry.get_action_display(),
            "first_publication": entry.first,
            "reason": entry.reason,
            "source": source
            and {
                "id": source.pk,
                "title": source.title,
                "url": address(self.request, "api:source-detail", source.pk),
            },
            "changes": [
                {"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in changes
            ],
        }


class PersonChangesView(RecordChangesView):
    __doc__ = RecordChangesView.__doc__
    records = views.PersonViewSet


class TimelineEntryChangesView(RecordChangesView):
    __doc__ = RecordChangesView.__doc__
    records = views.TimelineViewSet


class StatementChangesView(RecordChangesView):
    __doc__ = RecordChangesView.__doc__
    records = views.StatementViewSet
