"""How each public record reads in the API.

Records name each other through small summaries (id, a label, and the link to the full record),
so a client can follow links without guessing URLs. Nothing here queries the database: the views
hand over rows already shaped with ``select_related``/``prefetch_related``."""

import functools

from django.urls import reverse as django_reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from archive.models import (
    Event,
    Family,
    FamilyMembership,
    Organisation,
    Person,
    Place,
    Precision,
    ReportedFigure,
    Source,
    StatementPage,
    Testimony,
    TimelineEntry,
)


def address(request, view_name: str, *args, query: dict | None = None) -> str:
    """The canonical, absolute address of an API view: it keeps none of the request's
    parameters (DRF's reverse() would carry ``format`` over into every link)."""
    url = request.build_absolute_uri(django_reverse(view_name, args=args))
    return f"{url}?{urlencode(query)}" if query else url


@functools.cache
def _list_path(resource: str) -> str:
    # A page names hundreds of records; one reverse() each would cost more than the rest.
    return django_reverse(f"api:{resource}-list")


class LinkField(serializers.HyperlinkedIdentityField):
    """A record's canonical address: its list's address, then its id (see urls.resource())."""

    def __init__(self, resource: str):
        self.resource = resource
        super().__init__(view_name=f"api:{resource}-detail")

    def get_url(self, obj, view_name, request, format):
        return request.build_absolute_uri(f"{_list_path(self.resource)}{obj.pk}/")


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.Field):
    """The display label of a choice, in the request's language."""

    def __init__(self, choice_field: str):
        self.choice_field = choice_field
        super().__init__(source="*", read_only=True)

    @functools.cached_property
    def labels(self) -> dict:
        # Django's get_FOO_display() translates every label of the field on each call, which
        # made up a fifth of a page of people; here only the one shown is translated.
        field = self.parent.Meta.model._meta.get_field(self.choice_field)
        return dict(field.flatchoices)

    def to_representation(self, record):
        value = getattr(record, self.choice_field)
        return str(self.labels.get(value, value))


def label(choice_field: str) -> LabelField:
    return LabelField(choice_field)


@extend_schema_field(OpenApiTypes.STR)
class RichTextField(serializers.Field):
    """Rich text as display HTML, with the archive's internal links turned into addresses."""

    def to_representation(self, value):
        return expand_db_html(value) if value else ""


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class LinesField(serializers.Field):
    """A text field holding one item per line, as a list."""

    def to_representation(self, value):
        return [line.strip() for line in value.splitlines() if line.strip()]


class PartialDateSerializer(serializers.Serializer):
    """A date no more precise than it is known: "1992-02" is February 1992, "199X" the 1990s.

    Describes PartialDateField in the schema; the field itself builds the same dictionary
    directly, which is several times faster on a page of records."""

    value = serializers.CharField(source="iso", help_text=_("ISO 8601 / EDTF at the precision."))
    precision = serializers.ChoiceField(choices=Precision.choices)
    earliest = serializers.DateField(help_text=_("The first day the date can mean."))
    latest = serializers.DateField(help_text=_("The last day the date can mean."))
    display = serializers.CharField(source="__str__", help_text=_("As read in the language."))


@extend_schema_field(PartialDateSerializer)
class PartialDateField(serializers.Field):
    def to_representation(self, date):
        return {
            "value": date.iso(),
            "precision": date.precision,
            "earliest": date.earliest.isoformat(),
            "latest": date.latest.isoformat(),
            "display": str(date),
        }


def partial_date(source: str) -> PartialDateField:
    return PartialDateField(source=source, read_only=True, allow_null=True)


# Summaries: how one record names another.


class PlaceSummarySerializer(serializers.ModelSerializer):
    url = LinkField("place")

    class Meta:
        model = Place
        fields = ["id", "name", "url"]


class PersonSummarySerializer(serializers.ModelSerializer):
    url = LinkField("person")
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "is_synthetic", "url"]


class FamilySummarySerializer(serializers.ModelSerializer):
    url = LinkField("family")

    class Meta:
        model = Family
        fields = ["id", "name", "url"]


class EventSummarySerializer(serializers.ModelSerializer):
    url = LinkField("event")

    class Meta:
        model = Event
        fields = ["id", "name", "slug", "url"]


class SourceSummarySerializer(serializers.ModelSerializer):
    url = LinkField("source")

    class Meta:
        model = Source
        fields = ["id", "title", "url"]


class StatementSummarySerializer(serializers.ModelSerializer):
    url = LinkField("statement")

    class Meta:
        model = StatementPage
        fields = ["id", "title", "slug", "url"]


class OrganisationSerializer(serializers.ModelSerializer):
    kind_label = label("kind")

    class Meta:
        model = Organisation
        fields = ["id", "name", "country", "kind", "kind_label"]


def locale_field() -> serializers.CharField:
    return serializers.CharField(
        source="locale.language_code",
        read_only=True,
        help_text=_("The language of this version of the record."),
    )


# Full records.


class PlaceSerializer(serializers.ModelSerializer):
    url = LinkField("place")
    alternative_names = LinesField()
    parent = PlaceSummarySerializer(read_only=True, allow_null=True)
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)
    locale = locale_field()

    class Meta:
        model = Place
        fields = [
            "id",
            "url",
            "name",
            "alternative_names",
            "parent",
            "latitude",
            "longitude",
            "locale",
        ]


class SourceSerializer(serializers.ModelSerializer):
    url = LinkField("source")
    kind_label = label("kind")
    web_address = serializers.CharField(source="url", read_only=True)
    published = partial_date("published_date")
    document = serializers.SerializerMethodField()
    locale = locale_field()

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "title",
            "kind",
            "kind_label",
            "publisher",
            "author",
            "attribution",
            "web_address",
            "published",
            "accessed",
            "language",
            "document",
            "notes",
            "locale",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_document(self, source):
        if not source.document_id:
            return None
        return self.context["request"].build_absolute_uri(source.document.url)


class EventSerializer(serializers.ModelSerializer):
    url = LinkField("event")
    start = partial_date("start_date")
    end = partial_date("end_date")
    place = PlaceSummarySerializer(read_only=True, allow_null=True)
    links = serializers.SerializerMethodField()
    locale = locale_field()

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "start",
            "end",
            "place",
            "summary",
            "links",
            "locale",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "description": "Lists of the event's records.",
            "properties": {
                name: {"type": "string", "format": "uri"}
                for name in ("people", "figures", "timeline", "statements")
            },
            "required": ["people", "figures", "timeline", "statements"],
        }
    )
    def get_links(self, event):
        request = self.context["request"]
        return {
            name: address(request, f"api:{resource}-list", query={"event": event.pk})
            for name, resource in (
                ("people", "person"),
                ("figures", "figure"),
                ("timeline", "timeline"),
                ("statements", "statement"),
            )
        }


class MembershipSerializer(serializers.ModelSerializer):
    family = FamilySummarySerializer(read_only=True)
    relationship_label = label("relationship")

    class Meta:
        model = FamilyMembership
        fields = ["family", "relationship", "relationship_label"]


class TestimonySerializer(serializers.ModelSerializer):
    source = SourceSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Testimony
        fields = ["text", "given_by", "given_on", "source"]


class PersonSerializer(serializers.ModelSerializer):
    url = LinkField("person")
    is_synthetic = serializers.BooleanField(
        read_only=True,
        help_text=_("True when the record was generated and describes no real person."),
    )
    name = serializers.CharField(source="display_name", read_only=True)
    alternative_spellings = LinesField()
    sex_label = label("sex")
    born = partial_date("birth_date")
    birth_place = PlaceSummarySerializer(read_only=True, allow_null=True)
    residence = PlaceSummarySerializer(read_only=True, allow_null=True)
    age = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Age at the time of the fate.")
    )
    fate_label = label("fate")
    fate_date = partial_date("date_of_fate")
    fate_place = PlaceSummarySerializer(read_only=True, allow_null=True)
    event = EventSummarySerializer(read_only=True, allow_null=True)
    verification_label = label("verification")
    families = MembershipSerializer(source="memberships", many=True, read_only=True)
    sources = SourceSummarySerializer(many=True, read_only=True)
    testimonies = TestimonySerializer(many=True, read_only=True)
    photo = serializers.SerializerMethodField()
    locale = locale_field()

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "is_synthetic",
            "name",
            "family_name",
            "given_name",
            "patronymic",
            "name_original",
            "alternative_spellings",
            "sex",
            "sex_label",
            "born",
            "birth_place",
            "residence",
            "age",
            "fate",
            "fate_label",
            "fate_date",
            "fate_place",
            "event",
            "occupation",
            "verification",
            "verification_label",
            "families",
            "sources",
            "testimonies",
            "photo",
            "locale",
            "last_published_at",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_photo(self, person):
        if not person.photo_id:
            return None
        return self.context["request"].build_absolute_uri(person.photo.file.url)


class PersonDetailSerializer(PersonSerializer):
    biography = RichTextField(read_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "biography"]


class FamilyMemberSerializer(serializers.ModelSerializer):
    person = PersonSummarySerializer(read_only=True)
    relationship_label = label("relationship")

    class Meta:
        model = FamilyMembership
        fields = ["person", "relationship", "relationship_label"]


class FamilySerializer(serializers.ModelSerializer):
    url = LinkField("family")
    members = FamilyMemberSerializer(
        source="public_memberships",
        many=True,
        read_only=True,
        help_text=_("Members whose records are public."),
    )
    locale = locale_field()

    class Meta:
        model = Family
        # Not the editors' notes: the family's public page does not show them either.
        fields = ["id", "url", "name", "whole_family_killed", "members", "locale"]


class StatementSerializer(serializers.ModelSerializer):
    url = LinkField("statement")
    page_url = serializers.SerializerMethodField()
    issuer = OrganisationSerializer(read_only=True)
    issued = partial_date("issued_date")
    kind_label = label("kind")
    sources = SourceSummarySerializer(many=True, read_only=True)
    related_events = EventSummarySerializer(many=True, read_only=True)
    locale = locale_field()

    class Meta:
        model = StatementPage
        fields = [
            "id",
            "url",
            "page_url",
            "slug",
            "title",
            "issuer",
            "issued",
            "date_note",
            "kind",
            "kind_label",
            "original_language",
            "summary",
            "sources",
            "related_events",
            "locale",
            "first_published_at",
            "last_published_at",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_page_url(self, page):
        return page.get_full_url(self.context["request"])


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"type": {"type": "string"}, "value": {}},
            "required": ["type", "value"],
        },
    }
)
class BodyField(serializers.Field):
    """A page body as a list of blocks; rich text becomes display HTML."""

    def to_representation(self, body):
        return [
            {
                "type": block.block_type,
                "value": expand_db_html(block.value.source)
                if block.block_type == "paragraph"
                else block.block.get_api_representation(block.value),
            }
            for block in body
        ]


class StatementDetailSerializer(StatementSerializer):
    body = BodyField(read_only=True)

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "body"]


class TimelineEntrySerializer(serializers.ModelSerializer):
    url = LinkField("timeline")
    start = partial_date("start_date")
    end = partial_date("end_date")
    category_label = label("category")
    place = PlaceSummarySerializer(read_only=True, allow_null=True)
    event = EventSummarySerializer(read_only=True, allow_null=True)
    related_statements = StatementSummarySerializer(
        source="public_statements", many=True, read_only=True
    )
    related_people = PersonSummarySerializer(source="public_people", many=True, read_only=True)
    sources = SourceSummarySerializer(many=True, read_only=True)
    locale = locale_field()

    class Meta:
        model = TimelineEntry
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "start",
            "end",
            "when",
            "category",
            "category_label",
            "summary",
            "place",
            "event",
            "related_statements",
            "related_people",
            "sources",
            "locale",
            "last_published_at",
        ]


class TimelineEntryDetailSerializer(TimelineEntrySerializer):
    body = RichTextField(read_only=True)

    class Meta(TimelineEntrySerializer.Meta):
        fields = [*TimelineEntrySerializer.Meta.fields, "body"]


class FigureSerializer(serializers.ModelSerializer):
    """A reported figure is a claim: its value, who gives it, and where it was published."""

    url = LinkField("figure")
    event = EventSummarySerializer(read_only=True)
    counts_label = label("counts")
    qualifier_label = label("qualifier")
    source = SourceSummarySerializer(read_only=True)
    as_of = partial_date("as_of_date")
    documented_count = serializers.SerializerMethodField()
    locale = locale_field()

    class Meta:
        model = ReportedFigure
        fields = [
            "id",
            "url",
            "event",
            "counts",
            "counts_label",
            "label",
            "value",
            "qualifier",
            "qualifier_label",
            "qualified_value",
            "attributed_to",
            "source",
            "as_of",
            "documented_count",
            "locale",
        ]

    @extend_schema_field(
        {
            "type": "integer",
            "nullable": True,
            "description": "How many public records of the archive fall in the same category; "
            "null where no category of record matches. Never merged with the reported value.",
        }
    )
    def get_documented_count(self, figure):
        return self.context["documented_counts"][figure.event_id].get(figure.counts)


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    url = serializers.URLField()
    is_synthetic = serializers.BooleanField(
        help_text=_("True for generated records of people; false for every other record.")
    )


class SearchGroupSerializer(serializers.Serializer):
    type = serializers.CharField(help_text=_("The list the hits come from, e.g. people."))
    results = SearchHitSerializer(many=True)
    has_more = serializers.BooleanField(help_text=_("More hits than shown; follow `more`."))
    more = serializers.URLField(help_text=_("The full list of hits, filtered with q."))


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    groups = SearchGroupSerializer(many=True)
