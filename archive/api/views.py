"""The API's endpoints. Each viewset names the public rows of one model and how to shape them;
what they share (language, checks on the query string, formats, caching) is in ArchiveAPIMixin.

The docstrings of the viewsets are the endpoint descriptions in the OpenAPI schema and docs."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch, Subquery
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Locale

from archive.caching import (
    LISTS,
    PEOPLE,
    content_version,
    depends_only_on,
    family_key,
    person_key,
    remembered_here,
    remembered_items,
)
from archive.fastpaths.related_rows import (
    attach,
    attach_lists,
    directory,
    place_directory,
    with_places,
)
from archive.models import (
    Contribution,
    Event,
    Family,
    FamilyMembership,
    Person,
    Place,
    PublicRecord,
    ReportedFigure,
    Source,
    StatementPage,
    SyncState,
    TimelineEntry,
    documented_counts,
)
from archive.models.base import localize
from archive.models.media import FamilyMedia, PersonMedia, StatementMedia, TimelineEntryMedia
from archive.models.merges import kept_person
from archive.names import query_tokens

from . import (
    conditional,
    filters,
    guide,
    jsonld,
    links,
    name_search_pages,
    people_csv,
    person_relations,
    sync,
)
from . import serializers as api
from .media import attach_media
from .pagination import ArchivePagination, ChangeCursor
from .params import check_parameters, check_query_string, chosen_language
from .renderers import (
    CSVRenderer,
    JSONLDRenderer,
    JSONRenderer,
    Written,
    csv_response,
    serialized_csv_lines,
)
from .schema import CURSOR_PARAMETERS, SYNC_ERRORS, ArchiveAutoSchema, described_responses

# A stale generation's records are never read again; they only wait to expire, so not long.
RECORD_SECONDS = 10 * 60


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, which leaves a list that asks for no filter as it is without
    building and validating a form of every filter (a good part of an unfiltered page)."""

    def filter_queryset(self, request, queryset, view):
        names = view.filterset_class.base_filters
        if not any(name in names for name in request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


class ArchiveAPIMixin:
    """Language, query-string checks, JSON errors and caching headers, for every endpoint."""

    schema = ArchiveAutoSchema()
    language = None
    last_modified = None
    sync_state = None

    def dispatch(self, request, *args, **kwargs):
        # The answer's language is activated for this request only (see initial()).
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_string(request)
        check_parameters(request, self.accepted_parameters())
        self.language = chosen_language(request)
        translation.activate(self.language)
        request.LANGUAGE_CODE = self.language

    def accepted_parameters(self) -> set[str]:
        """The query parameters this endpoint knows (those its schema describes): the
        language, and the format where there is more than one."""
        return {"lang", "format"} if len(self.renderer_classes) > 1 else {"lang"}

    def synced(self) -> SyncState:
        """The incremental sync's records, brought up to date as far as a request may (see
        :mod:`.sync`); 503 while they have never been."""
        self.sync_state = sync.refresh(SYNCED, budget=settings.API_SYNC_REQUEST_BUDGET)
        if self.sync_state.started_at is None:
            raise SyncPending
        return self.sync_state

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.status_code >= 400:
            # Errors are JSON whatever format was asked for: a CSV or JSON-LD error is no use.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Accept", "Accept-Language"))
        if self.language:
            response.headers["Content-Language"] = self.language
        response = conditional.finish(request, response, self.last_modified)
        if self.sync_state and self.sync_state.generation != content_version(request):
            # Changes not yet in the sync's history (a large one, or a refresh under way): no
            # cache may keep this answer past the refresh that brings them, which starts no new
            # content generation.
            patch_cache_control(response, no_cache=True)
        return response


class ArchiveViewSet(ArchiveAPIMixin, viewsets.ReadOnlyModelViewSet):
    """A list and a detail of one kind of public record."""

    renderer_classes = [JSONRenderer, JSONLDRenderer, CSVRenderer]
    pagination_class = ArchivePagination
    filter_backends = [FilterBackend]
    # Subclasses set ``queryset`` to name their model for the schema; rows come from public_rows().
    queryset = None
    detail_serializer_class = None
    default_ordering: tuple[str, ...] = ("pk",)
    # The attribute that names a record in search results.
    label_attribute = "name"
    # schema.org description of one record (see jsonld.py).
    linked_data = None
    # The cache's key of one record by id (archive.caching.person_key), for the records whose
    # pages keep while others change; the others depend on all people and families.
    record_key = None
    # What the numbered pages of the list are chosen and counted by, besides the content
    # (archive.caching.LISTS, for lists that read only the columns it watches).
    list_depends_on: tuple[str, ...] = (PEOPLE,)

    def depends_on(self, pk) -> tuple[str, ...]:
        """What the record ``pk`` depends on besides the content generation."""
        return (PEOPLE,) if self.record_key is None else (self.record_key(pk),)

    def public_rows(self):
        """Every public row of the model, in every language: the only definition of public
        the viewset uses, the model's ``public()``."""
        return self.queryset.model.objects.public()

    def accepted_parameters(self) -> set[str]:
        accepted = super().accepted_parameters()
        if self.action == "list":
            accepted |= set(self.filterset_class.base_filters)
            accepted |= {
                parameter["name"]
                for parameter in self.paginator.get_schema_operation_parameters(self)
            }
        return accepted

    def shaped(self, rows):
        """The rows with everything the serializer reads fetched in a constant number of
        queries."""
        return rows.select_related("locale")

    def completed(self, records: list) -> list:
        """``records``, once fetched, with what the serializer reads and ``shaped()`` leaves
        out, in a constant number of queries. Every page, record and CSV chunk passes here
        on its way to the serializer (see get_serializer())."""
        return records

    def get_queryset(self):
        # Built once per process and content generation: building them took a third of a page
        # of records from the cache. They depend on nothing in the request, but may on the
        # content: Wagtail's public() reads the pages' view restrictions as it builds the query.
        rows = remembered_here(
            "api-rows",
            lambda: type(self)(language=self.language).ordered_public_rows(),
            type(self),
            self.language,
            request=self.request,
            depends_on=(),
        )
        return rows.all()  # a clone: the queryset itself is shared by the process's requests

    def ordered_public_rows(self):
        rows = localize(self.public_rows(), self.language)
        return self.shaped(rows).order_by(*self.default_ordering)

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class:
            return self.detail_serializer_class
        return self.serializer_class

    def get_serializer(self, *args, **kwargs):
        if args:
            many = kwargs.get("many", False)
            records = self.completed(list(args[0]) if many else [args[0]])
            args = (records if many else records[0], *args[1:])
        return super().get_serializer(*args, **kwargs)

    def csv_lines(self, rows) -> Iterator[str]:
        """The CSV of ``rows`` (``?format=csv``), piece by piece: the serializer's records,
        flattened."""
        return serialized_csv_lines(self, rows)

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action == "list":
            return renderers
        return [renderer for renderer in renderers if not isinstance(renderer, CSVRenderer)]

    def retrieve(self, request, *args, **kwargs):
        """The record the address names (by id or slug), in the chosen language where it has
        been translated. Anything not public is simply not found."""
        key = next(key for key in ("pk", "slug", "public_id") if key in self.kwargs)
        lookup = (key, self.kwargs[key])
        if self.record_key and key == "pk":
            depends_only_on(self.request, *self.depends_on(lookup[1]))
        # Which record an address names changes only with the content, like the record.
        found = remembered_items(
            "api-found",
            [lookup],
            self.found,
            type(self),
            self.language,
            request=self.request,
            depends_on=lambda named: self.depends_on(named[1]) if named[0] == "pk" else (PEOPLE,),
        ).get(lookup)
        written = self.written([found["id"]]) if found else []
        if not written:
            raise Http404
        self.last_modified = found.get("last_published_at")
        return Response(written[0])

    def found(self, lookups: list[tuple[str, str]]) -> dict[tuple, dict]:
        """The id (and publication time, if the model has one) of the public record each
        ``(field, value)`` of ``lookups`` names, in the language asked where it has been
        translated; none for an address that names no public record."""
        model = self.get_queryset().model
        stamped = any(field.name == "last_published_at" for field in model._meta.concrete_fields)
        columns = ("id", "last_published_at") if stamped else ("id",)
        answers = {}
        for field, value in lookups:
            named = self.public_rows().filter(**{field: value}).order_by("pk")
            rows = self.get_queryset().filter(
                translation_key=Subquery(named.values("translation_key")[:1])
            )
            row = rows.prefetch_related(None).values(*columns).first()
            if row:
                answers[field, value] = row
        return answers

    def list(self, request, *args, **kwargs):
        rows = self.filter_queryset(self.get_queryset())
        if isinstance(request.accepted_renderer, CSVRenderer):
            if "changed_since" in request.query_params:
                raise ValidationError(
                    {"format": [_("Changes come as JSON or JSON-LD pages, not as CSV.")]}
                )
            return csv_response(self, rows, request.path.rstrip("/").rsplit("/", 1)[-1])
        # The page is chosen by ids; the records on it are written once per content generation.
        page = self.paginate_queryset(rows.prefetch_related(None).values("id"))
        return self.get_paginated_response(self.written([row["id"] for row in page]))

    def written(self, ids: list[int]) -> list[Written]:
        """The records ``ids`` as the serializer writes them, rendered as JSON, in that order.

        Each written record is kept in the cache under the content generation and its own
        token, or all people's (see depends_on()), so any change to what it shows, a publish,
        unpublish or restriction included, forgets it. Only
        records of public rows are ever written here (the ids come from ``public_rows()``, the
        rows again from get_queryset()), and the key holds all a record's text depends on
        besides the content: the serializer, the language and the site's address. A record
        gone between the two queries (unpublished meanwhile) is left out."""
        found = remembered_items(
            "api-record",
            ids,
            self.write,
            self.get_serializer_class().__qualname__,
            self.language,
            links.base_address(self.request),
            request=self.request,
            seconds=RECORD_SECONDS,
            depends_on=self.depends_on,
        )
        return [found[pk] for pk in ids if pk in found]

    def write(self, ids: list[int] | None) -> dict[int, Written]:
        """The public records ``ids`` (every one, with None), written; others are left out."""
        if ids is None:
            fetched = list(self.get_queryset())
        else:
            rows = {row.pk: row for row in self.get_queryset().filter(pk__in=ids)}
            fetched = [rows[pk] for pk in ids if pk in rows]
        records = self.get_serializer(fetched, many=True).data
        return {row.pk: Written.of(record) for row, record in zip(fetched, records, strict=True)}


class PersonViewSet(ArchiveViewSet):
    """Remembrance records of people: those killed, wounded, taken captive, missing or who
    survived.

    Only published records open to the public appear; restricted records and drafts do not,
    anywhere. Records generated for demonstration carry `"is_synthetic": true` and describe no
    real person. `age` is the age at the time of the fate (at death, for those killed)."""

    queryset = Person.objects.none()
    serializer_class = api.PersonSerializer
    detail_serializer_class = api.PersonDetailSerializer
    filterset_class = filters.PersonFilter
    default_ordering = ("family_name", "given_name", "pk")
    label_attribute = "display_name"
    linked_data = staticmethod(jsonld.person)
    record_key = staticmethod(person_key)
    # Its filters, ordering and search read only what lists read (caching.dependencies).
    list_depends_on = (LISTS,)

    def retrieve(self, request, *args, **kwargs):
        """A record merged into another answers 301 with that one's address (by id, or by
        permanent identifier), where the merged record was public; see the guide's "Sync"."""
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            if "public_id" in self.kwargs:
                kept = kept_person(public_id=self.kwargs["public_id"])
                named = ("api:person-detail-by-public-id", kept and kept.shown_public_id)
            else:
                kept = kept_person(record_id=self.kwargs["pk"])
                named = ("api:person-detail", kept and kept.pk)
            if kept is None:
                raise
            query = request.META.get("QUERY_STRING")
            location = api.address(request, *named) + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(location)

    def paginate_queryset(self, queryset):
        # Searched by name alone, a page at a time and counted up to 1,000 (the guide's
        # "Pages and cursors"); ``queryset`` (the whole search, filtered above) is not read.
        query = name_search_pages.searched_by_name_alone(self.request)
        if query is None:
            return super().paginate_queryset(queryset)
        self.paginator.active = name_search_pages.NameSearchNumberedPages()
        searched = name_search_pages.NameSearchList(self.get_queryset(), query)
        return super().paginate_queryset(searched)

    def csv_lines(self, rows) -> Iterator[str]:
        # Written from plain rows: a million people are not a million serialized records.
        return people_csv.lines(self, rows)

    def shaped(self, rows):
        # No joins: completed() gives the page its places, events, photos and locales, which
        # costs less than planning and reading a seven-way join.
        return rows

    def completed(self, people):
        ids = [person.pk for person in people]
        attach(people, "locale", directory=directory(Locale, self.request))
        with_places(self.request, *people)
        attach(people, "event", directory=directory(Event, self.request))
        attach(people, "photo")
        sources = directory(Source, self.request)
        citations = list(person_relations.citations(ids))
        attach(citations, "source", directory=sources)
        attach_lists(people, "shown_sources", citations, item="source")
        testimonies = list(person_relations.testimonies(ids))
        attach(testimonies, "source", directory=sources)
        attach_lists(people, "shown_testimonies", testimonies)
        fate_events = list(person_relations.fate_events(ids))
        attach(fate_events, "source", directory=sources)
        attach(fate_events, "place", directory=place_directory(self.request))
        attach_lists(people, "shown_fate_events", fate_events)
        attach_lists(
            people,
            "shown_memberships",
            person_relations.memberships(ids).select_related("family"),
        )
        if self.action == "retrieve":  # only the full record lists them
            attach_media(people, PersonMedia)
            attach_lists(
                people,
                "shown_contributions",
                Contribution.objects.public()
                .filter(person_id__in=ids)
                .order_by("decided_at", "pk"),
            )
        return people


class FamilyViewSet(ArchiveViewSet):
    """Families, with those of their members whose records are public.

    A family appears once at least one of its members' records is public."""

    queryset = Family.objects.none()
    serializer_class = api.FamilySerializer
    detail_serializer_class = api.FamilyDetailSerializer
    filterset_class = filters.FamilyFilter
    default_ordering = ("name", "pk")
    linked_data = staticmethod(jsonld.family)
    record_key = staticmethod(family_key)

    def shaped(self, rows):
        members = FamilyMembership.objects.public()
        return (
            super()
            .shaped(rows)
            .prefetch_related(
                Prefetch(
                    "memberships", members.select_related("person"), to_attr="public_memberships"
                )
            )
        )

    def completed(self, families):
        if self.action == "retrieve":
            attach_media(families, FamilyMedia)
        return families


class StatementViewSet(ArchiveViewSet):
    """Official statements that commemorate or condemn the events: who issued them, when, what
    they say, and where that is recorded.

    A statement is also found by its page slug. `page_url` is its page on the public site."""

    queryset = StatementPage.objects.none()
    serializer_class = api.StatementSerializer
    detail_serializer_class = api.StatementDetailSerializer
    filterset_class = filters.StatementFilter
    default_ordering = ("-issued", "pk")
    label_attribute = "title"
    linked_data = staticmethod(jsonld.statement)

    def shaped(self, rows):
        return (
            super()
            .shaped(rows)
            .select_related("issuer")
            .prefetch_related("sources", "related_events")
        )

    def completed(self, statements):
        if self.action == "retrieve":
            attach_media(statements, StatementMedia)
        return statements


class TimelineViewSet(ArchiveViewSet):
    """Dated entries of the timeline: the events, their context and their commemoration.

    Dates are as precise as they are known. `from` and `to` take 1992, 1992-02 or 1992-02-26
    and honour each entry's precision: `from=1992-02-26` finds an entry dated only "February
    1992", and an entry spanning autumn 2020 is found from any day inside it. An entry is also
    found by its slug."""

    queryset = TimelineEntry.objects.none()
    serializer_class = api.TimelineEntrySerializer
    detail_serializer_class = api.TimelineEntryDetailSerializer
    filterset_class = filters.TimelineFilter
    default_ordering = ("start", "pk")
    label_attribute = "title"
    linked_data = staticmethod(jsonld.timeline_entry)

    def shaped(self, rows):
        return rows.with_public_links()

    def completed(self, entries):
        if self.action == "retrieve":
            attach_media(entries, TimelineEntryMedia)
        return entries


class SourceViewSet(ArchiveViewSet):
    """Sources: the reports, lists, documents and testimonies that records and figures cite.

    `attribution` is how the source is named in running text ("according to …")."""

    queryset = Source.objects.none()
    serializer_class = api.SourceSerializer
    filterset_class = filters.SourceFilter
    default_ordering = ("title", "pk")
    label_attribute = "title"
    linked_data = staticmethod(jsonld.source)

    def shaped(self, rows):
        return super().shaped(rows).select_related("document")


class FigureViewSet(ArchiveViewSet):
    """Reported figures: what someone says was counted, with who says it (`attributed_to`) and
    where it was published (`source`). A figure is a claim, never a bare number.

    Beside each, `documented_count` is how many public records of the archive fall in the same
    category. The two answer different questions and are never merged."""

    queryset = ReportedFigure.objects.none()
    serializer_class = api.FigureSerializer
    filterset_class = filters.FigureFilter
    default_ordering = ("event", "sort_order", "pk")
    label_attribute = "label"
    linked_data = staticmethod(jsonld.figure)

    def shaped(self, rows):
        return super().shaped(rows).select_related("event", "source")

    def get_serializer(self, *args, **kwargs):
        if args:
            figures = args[0] if kwargs.get("many") else [args[0]]
            # Two queries per event on the page, however many figures it reports.
            counts = {event: documented_counts(event) for event in {f.event_id for f in figures}}
            kwargs["context"] = {**self.get_serializer_context(), "documented_counts": counts}
        return super().get_serializer(*args, **kwargs)


class EventViewSet(ArchiveViewSet):
    """Commemorated events. Each links to the lists of its people, figures, timeline and
    statements. An event is also found by its slug, e.g. `khojaly-massacre`."""

    queryset = Event.objects.none()
    serializer_class = api.EventSerializer
    filterset_class = filters.EventFilter
    default_ordering = ("start", "pk")
    linked_data = staticmethod(jsonld.event)

    def shaped(self, rows):
        return super().shaped(rows).select_related("place")


class PlaceViewSet(ArchiveViewSet):
    """Places: towns, villages, districts and regions, each within its `parent`, with
    coordinates where they are known."""

    queryset = Place.objects.none()
    serializer_class = api.PlaceSerializer
    filterset_class = filters.PlaceFilter
    default_ordering = ("name", "pk")
    linked_data = staticmethod(jsonld.place)

    def shaped(self, rows):
        return super().shaped(rows).select_related("parent")


SEARCHED = (
    ("people", "person", PersonViewSet),
    ("families", "family", FamilyViewSet),
    ("statements", "statement", StatementViewSet),
    ("timeline", "timeline", TimelineViewSet),
    ("sources", "source", SourceViewSet),
    ("figures", "figure", FigureViewSet),
    ("events", "event", EventViewSet),
    ("places", "place", PlaceViewSet),
)


# Each list, by the name its records' ``type`` carries in deletions, for the incremental sync.
SYNCED = tuple((resource, viewset) for _name, resource, viewset in SEARCHED)


class SyncPending(APIException):
    status_code = 503
    default_detail = _("The history of changes is being prepared; try again in a few minutes.")
    default_code = "sync_pending"


class SearchParameters(serializers.Serializer):
    q = serializers.CharField(
        max_length=filters.MAX_QUERY_LENGTH,
        trim_whitespace=False,
        help_text="What to look for, at most 200 characters: names of people (in any spelling "
        "or script), titles, summaries and places.",
        error_messages={"max_length": "Query too long: at most {max_length} characters, please."},
    )
    limit = serializers.IntegerField(
        min_value=1, max_value=50, default=10, help_text="Hits per kind of record, at most 50."
    )

    def validate_q(self, query: str) -> str:
        # Blanks or punctuation alone would match every record of every kind.
        if not any(character.isalnum() for character in query):
            raise serializers.ValidationError(_("Give at least one letter or digit to look for."))
        return query


class SearchView(ArchiveAPIMixin, APIView):
    """Search every kind of public record at once.

    Names of people are matched however they are spelt or transliterated (Məmmədov, Mammadov,
    Мамедов); other records by their titles, summaries and names. Hits come in groups, one per
    kind of record, each with a link (`more`) to its full, paginated list."""

    renderer_classes = [JSONRenderer]

    def accepted_parameters(self) -> set[str]:
        return super().accepted_parameters() | set(SearchParameters().fields)

    @extend_schema(
        parameters=[SearchParameters], responses=described_responses(api.SearchResultsSerializer)
    )
    def get(self, request):
        parameters = SearchParameters(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        query, limit = parameters.validated_data["q"], parameters.validated_data["limit"]
        groups = [self.group(*searched, query, limit) for searched in SEARCHED]
        return Response({"query": query, "groups": groups})

    def group(self, name, resource, viewset, query, limit):
        view = viewset(request=self.request, language=self.language)
        rows = localize(view.public_rows(), self.language).order_by(*view.default_ordering)
        found = view.filterset_class(data={"q": query}, queryset=rows, request=self.request).qs
        hits = (
            name_search_pages.first_people(rows, query, limit + 1)
            if viewset is PersonViewSet and query_tokens(query)
            else list(found[: limit + 1])
        )
        pages = links.PageAddresses(self.request)
        return {
            "type": name,
            "results": [
                {
                    "id": hit.pk,
                    "label": getattr(hit, view.label_attribute),
                    "url": api.address(self.request, f"api:{resource}-detail", hit.pk),
                    "page_url": pages.of(hit),
                    "is_synthetic": getattr(hit, "is_synthetic", False),
                }
                for hit in hits[:limit]
            ],
            "has_more": len(hits) > limit,
            "more": api.address(self.request, f"api:{resource}-list", query={"q": query}),
        }


class DeletionParameters(serializers.Serializer):
    since = serializers.DateTimeField(
        help_text="Records that left public view after this moment (ISO 8601, UTC unless an "
        "offset is given): the `until` of your last sync."
    )
    type = serializers.ChoiceField(
        choices=[resource for resource, _viewset in SYNCED],
        required=False,
        help_text="Only records of this list: person, family, statement, timeline (entries), "
        "source, figure, event or place.",
    )


class DeletionSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="The list the record was in: person, family, ...")
    id = serializers.IntegerField()
    merged_into = serializers.IntegerField(
        allow_null=True,
        help_text="The record of the same list it was merged into, where that is public; "
        "otherwise null.",
    )


class DeletionPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="The next page; null on the last.")
    previous = serializers.URLField(allow_null=True)
    results = DeletionSerializer(many=True)
    until = serializers.DateTimeField(
        help_text="Every record that left public view up to this moment is in these pages. "
        "Pass it as since next time."
    )


class Gone(APIException):
    status_code = 410
    default_code = "gone"


class DeletionsView(ArchiveAPIMixin, APIView):
    """Records that left public view, for mirrors: the type and id of each record that was in a
    list (in the chosen language) and is no longer, since `since`, in the order they left.

    A record leaves when it is unpublished, restricted, held, past its expiry, deleted or merged
    into another (then `merged_into` names that one), and a list in one language when a
    translation takes its place there (the translation comes among the list's changes). Nothing
    else is said about it. Deletions are kept since the sync's history began: an older `since`
    answers 410, and the mirror should crawl the lists afresh."""

    renderer_classes = [JSONRenderer]

    def accepted_parameters(self) -> set[str]:
        return (
            super().accepted_parameters()
            | set(DeletionParameters().fields)
            | {parameter.name for parameter in CURSOR_PARAMETERS}
        )

    @extend_schema(
        parameters=[DeletionParameters, *CURSOR_PARAMETERS],
        responses=described_responses(
            DeletionPageSerializer,
            also={
                410: "`since` is older than the sync's history: crawl the lists afresh.",
                503: SYNC_ERRORS[503].removeprefix("With changed_since: "),
            },
        ),
    )
    def get(self, request):
        parameters = DeletionParameters(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        since = parameters.validated_data["since"]
        state = self.synced()
        if since < state.started_at:
            raise Gone(
                _("Deletions are kept since %(start)s; crawl the lists afresh.")
                % {"start": state.started_at.isoformat()}
            )
        left = PublicRecord.objects.filter(
            language=self.language, present=False, changed_at__gt=since
        )
        if "type" in parameters.validated_data:
            left = left.filter(kind=parameters.validated_data["type"])
        pages = ChangeCursor(state.stamped_at)
        rows = left.values("kind", "record_id", "merged_into", "sequence")
        page = pages.paginate_queryset(rows, request, self)
        return pages.get_paginated_response(
            [
                {"type": row["kind"], "id": row["record_id"], "merged_into": row["merged_into"]}
                for row in page
            ]
        )


class RootView(ArchiveAPIMixin, APIView):
    """Where everything in version 1 of the API is: one link per list, the search, the OpenAPI
    schema and its documentation."""

    renderer_classes = [JSONRenderer]

    @extend_schema(
        responses=described_responses(
            OpenApiResponse(
                response={
                    "type": "object",
                    "additionalProperties": {"type": "string", "format": "uri"},
                }
            )
        )
    )
    def get(self, request):
        links = {
            name: api.address(request, f"api:{resource}-list")
            for name, resource, _viewset in SEARCHED
        }
        for name in ("deletions", "search", "schema", "docs"):
            links[name] = api.address(request, f"api:{name}")
        return Response(links)


class DocsView(SpectacularSwaggerSplitView):
    """The guide to the API, then Swagger UI's reference. The split view serves Swagger UI's
    start-up script as a file: the site's CSP allows no inline script."""

    url_name = "api:schema"
    template_name = "api/docs.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if "script" not in request.GET:
            response.data["guide"] = guide.html(request)
            response.data["schema_url"] = self._get_schema_url(request)
        return response


def not_found(request, *args, **kwargs):
    """Any other address under /api/ ending in a slash: a JSON 404, like the API's own."""
    return JsonResponse({"detail": gettext("Not found.")}, status=404)
