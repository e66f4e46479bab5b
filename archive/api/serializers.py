"""How each public record reads in the API.

Records name each other through small summaries (id, a label, and the link to the full record),
so a client can follow links without guessing URLs. Nothing here queries the database: the views
hand over rows already shaped with ``select_related``/``prefetch_related``.

Every record serializer is a :class:`RecordSerializer`: DRF's declarations, which the OpenAPI
schema, the CSV columns and the tests read, written out by a plan made once per class (see
"Writing records" at the end)."""

import functools
import inspect
import operator

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import reverse as django_reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import RelatedField
from wagtail.rich_text import expand_db_html

from archive.models import (
    Contribution,
    Event,
    Family,
    FamilyMembership,
    FateEvent,
    Organisation,
    PartialDate,
    Person,
    Place,
    Precision,
    ReportedFigure,
    Source,
    StatementPage,
    Testimony,
    TimelineEntry,
)
from archive.models.media import RENDITION_WIDTHS, PersonMedia

from . import languages, links


def address(request, view_name: str, *args, query: dict | None = None) -> str:
    """The canonical, absolute address of an API view: it keeps none of the request's
    parameters (DRF's reverse() would carry ``format`` over into every link)."""
    url = links.base_address(request) + django_reverse(view_name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def file_address(request, url: str) -> str:
    """A stored file's address: as the storage gives it when that is absolute already."""
    return url if "://" in url else links.base_address(request) + url


class LinkField(serializers.HyperlinkedIdentityField):
    """A record's canonical address: its list's address, then its id (see urls.resource())."""

    def __init__(self, resource: str):
        self.resource = resource
        super().__init__(view_name=f"api:{resource}-detail")

    def to_representation(self, record):
        return self.represent(record, Writing(self.context))

    def represent(self, record, writing) -> str:
        return f"{writing.list_address(self.resource)}{record.pk}/"


@functools.cache
def _choice_labels(model, field_name: str, language: str | None) -> dict:
    """The labels of a field's choices in ``language``, the active language when first asked
    (translations do not change while a process runs)."""
    return {value: str(text) for value, text in model._meta.get_field(field_name).flatchoices}


class WholeRecordField(serializers.Field):
    """A value worked out from the whole record (``source="*"``), read only; ``represent()`` is
    what the API's record writer calls too, with the writing context it shares across a page."""

    def __init__(self):
        super().__init__(source="*", read_only=True)

    def to_representation(self, record):
        return self.represent(record, Writing(self.context))


@extend_schema_field(OpenApiTypes.STR)
class LabelField(WholeRecordField):
    """The display label of a choice, in the request's language."""

    def __init__(self, choice_field: str):
        self.choice_field = choice_field
        super().__init__()

    def represent(self, record, writing) -> str:
        # Django's get_FOO_display() translates every label of the field on each call, which
        # made up a fifth of a page of people; here each is translated once per language.
        labels = _choice_labels(self.parent.Meta.model, self.choice_field, writing.language)
        value = getattr(record, self.choice_field)
        return labels.get(value, str(value))


def label(choice_field: str) -> LabelField:
    return LabelField(choice_field)


@extend_schema_field(
    {
        "type": "boolean",
        "description": "True when the record has no public version in the answer's language: "
        "its text is its original's (in the language `locale` names, on full records).",
    }
)
class FallbackField(WholeRecordField):
    """Whether a record's text is a fallback to its original."""

    def represent(self, record, writing) -> bool:
        return writing.versions.is_fallback(record)


@extend_schema_field(
    {
        "type": "string",
        "format": "uri",
        "nullable": True,
        "description": "The record's page on the public site, in the answer's language; null "
        "where the site has no page of its own for it (events without a home page).",
    }
)
class PageField(WholeRecordField):
    """The address of a record's public page."""

    def represent(self, record, writing) -> str | None:
        return writing.page_address(record)


@extend_schema_field({"type": "string", "format": "uri"})
class PermalinkField(WholeRecordField):
    """A person's permanent address: it names the record through merges, restores and
    re-imports, and leads to its page in the reader's language."""

    def represent(self, record, writing) -> str:
        return writing.base + record.get_permalink()


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
    approximate = serializers.BooleanField(
        help_text=_(
            "The source gives the date as an estimate (c. 1950): the true date may lie outside it."
        )
    )
    display = serializers.CharField(source="__str__", help_text=_("As read in the language."))


@functools.lru_cache(maxsize=4096)
def _date_representation(date: PartialDate, language: str | None) -> dict:
    # Formatting a date in the language is the dearest part of it; people share their dates.
    return {
        "value": date.iso(),
        "precision": date.precision,
        "earliest": date.earliest.isoformat(),
        "latest": date.latest.isoformat(),
        "approximate": date.approximate,
        "display": str(date),
    }


@extend_schema_field(PartialDateSerializer)
class PartialDateField(serializers.Field):
    def to_representation(self, date):
        return self.represent(date, Writing(self.context))

    def represent(self, date, writing) -> dict:
        return dict(_date_representation(date, writing.language))


def partial_date(source: str) -> PartialDateField:
    return PartialDateField(source=source, read_only=True, allow_null=True)


class InLanguageList(serializers.ListSerializer):
    """Records named inside another, each in its version in the answer's language."""

    def get_attribute(self, instance):
        items = super().get_attribute(instance)
        if isinstance(items, models.Manager):
            items = items.all()
        versions = Writing(self.context).versions
        return [versions.of(item) for item in items]


class RecordSerializer(serializers.ModelSerializer):
    """A model's record, written by a plan made once for the class (see "Writing records").
    Named inside another record, it is written in its version in the answer's language (see
    languages.py), by the plan and by DRF's own writing alike."""

    def __init_subclass__(cls, **kwargs):
        # Each serializer declares a Meta of its own: this one option is given to them all.
        super().__init_subclass__(**kwargs)
        cls.Meta.list_serializer_class = InLanguageList

    def to_representation(self, record):
        return _write(_plan(type(self)), record, self.writing)

    def get_attribute(self, instance):
        record = super().get_attribute(instance)
        return None if record is None else Writing(self.context).versions.of(record)

    @functools.cached_property
    def writing(self) -> "Writing":
        return Writing(self.context, self)


# Summaries: how one record names another.


class PlaceSummarySerializer(RecordSerializer):
    url = LinkField("place")
    page_url = PageField()
    fallback = FallbackField()

    class Meta:
        model = Place
        fields = ["id", "name", "url", "page_url", "fallback"]


class PersonSummarySerializer(RecordSerializer):
    url = LinkField("person")
    page_url = PageField()
    fallback = FallbackField()
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "is_synthetic", "url", "page_url", "fallback"]


class FamilySummarySerializer(RecordSerializer):
    url = LinkField("family")
    page_url = PageField()
    fallback = FallbackField()

    class Meta:
        model = Family
        fields = ["id", "name", "url", "page_url", "fallback"]


class EventSummarySerializer(RecordSerializer):
    url = LinkField("event")
    page_url = PageField()
    fallback = FallbackField()

    class Meta:
        model = Event
        fields = ["id", "name", "slug", "url", "page_url", "fallback"]


class SourceSummarySerializer(RecordSerializer):
    url = LinkField("source")
    page_url = PageField()
    fallback = FallbackField()

    class Meta:
        model = Source
        fields = ["id", "title", "url", "page_url", "fallback"]


class StatementSummarySerializer(RecordSerializer):
    url = LinkField("statement")
    page_url = PageField()
    fallback = FallbackField()

    class Meta:
        model = StatementPage
        fields = ["id", "title", "slug", "url", "page_url", "fallback"]


class OrganisationSerializer(RecordSerializer):
    kind_label = label("kind")
    fallback = FallbackField()

    class Meta:
        model = Organisation
        fields = ["id", "name", "country", "kind", "kind_label", "fallback"]


def locale_field() -> serializers.CharField:
    return serializers.CharField(
        source="locale.language_code",
        read_only=True,
        help_text=_("The language of this version of the record."),
    )


# Full records.


class PlaceSerializer(RecordSerializer):
    url = LinkField("place")
    page_url = PageField()
    fallback = FallbackField()
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
            "page_url",
            "fallback",
            "name",
            "alternative_names",
            "parent",
            "latitude",
            "longitude",
            "locale",
        ]


class SourceSerializer(RecordSerializer):
    url = LinkField("source")
    page_url = PageField()
    fallback = FallbackField()
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
            "page_url",
            "fallback",
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
        return file_address(self.context["request"], source.document.url)


class EventSerializer(RecordSerializer):
    url = LinkField("event")
    page_url = PageField()
    fallback = FallbackField()
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
            "page_url",
            "fallback",
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


class MembershipSerializer(RecordSerializer):
    family = FamilySummarySerializer(read_only=True)
    relationship_label = label("relationship")

    class Meta:
        model = FamilyMembership
        fields = ["family", "relationship", "relationship_label"]


class TestimonySerializer(RecordSerializer):
    source = SourceSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Testimony
        fields = ["text", "given_by", "given_on", "source"]


class FateEventSerializer(RecordSerializer):
    kind_label = label("kind")
    date = partial_date("event_date")
    place = PlaceSummarySerializer(read_only=True, allow_null=True)
    source = SourceSummarySerializer(read_only=True, allow_null=True)
    certainty_label = label("certainty")

    class Meta:
        model = FateEvent
        fields = [
            "kind",
            "kind_label",
            "date",
            "place",
            "source",
            "certainty",
            "certainty_label",
            "note",
        ]


class PersonSerializer(RecordSerializer):
    url = LinkField("person")
    page_url = PageField()
    public_id = serializers.CharField(
        source="shown_public_id",
        read_only=True,
        help_text=_(
            "The record's permanent identifier: kept when the record is merged into another, "
            "restored or imported again, when `id` may change. Also an address: "
            "/api/v1/people/{public_id}/."
        ),
    )
    permalink = PermalinkField()
    fallback = FallbackField()
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
    families = MembershipSerializer(source="shown_memberships", many=True, read_only=True)
    sources = SourceSummarySerializer(source="shown_sources", many=True, read_only=True)
    testimonies = TestimonySerializer(source="shown_testimonies", many=True, read_only=True)
    fate_events = FateEventSerializer(
        source="shown_fate_events",
        many=True,
        read_only=True,
        help_text=_(
            "What happened to the person, event by event, in order; `fate` sums them up "
            "(the last event that changes it) when there are any."
        ),
    )
    photo = serializers.SerializerMethodField()
    locale = locale_field()

    class Meta:
        model = Person
        fields = [
            "id",
            "public_id",
            "url",
            "page_url",
            "permalink",
            "fallback",
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
            "fate_events",
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
        return file_address(self.context["request"], person.photo.file.url)


class PersonContributionSerializer(RecordSerializer):
    """A remembrance message or photo a visitor sent and a moderator approved. Nothing else of
    what visitors send is public, and their e-mail addresses never are."""

    url = LinkField("contribution")
    kind_label = label("kind")
    contributor = serializers.CharField(
        source="shown_name",
        read_only=True,
        allow_null=True,
        help_text=_("The contributor's name, if they chose to show it; otherwise null."),
    )
    photo = serializers.SerializerMethodField()
    rights = serializers.CharField(
        read_only=True,
        help_text=_(
            "On what terms a photo was shared: `own` (the contributor took it or holds its "
            "rights), `permission` (its rights holder allowed it) or `family` (a family photo "
            "the family agrees to share); empty for a message."
        ),
    )
    rights_label = label("rights")
    approved_at = serializers.DateTimeField(source="decided_at", read_only=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "url",
            "kind",
            "kind_label",
            "contributor",
            "relationship",
            "text",
            "photo",
            "photo_width",
            "photo_height",
            "rights",
            "rights_label",
            "approved_at",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_photo(self, contribution):
        if not contribution.photo:
            return None
        return address(self.context["request"], "contribution_photo", contribution.pk)


MEDIA_HELP = _(
    "The record's photos and scanned documents, in the order shown: each with its "
    "alternative text, caption, source, rights statement and consent; an image with renditions "
    "(widths in pixels), a document with its address, type and size."
)


class MediaSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField(help_text=_("`image` or `document`."))
    source = SourceSummarySerializer(read_only=True, allow_null=True)
    consent_label = serializers.CharField(source="get_consent_display", read_only=True)
    is_synthetic = serializers.BooleanField(
        source="shows_synthetic",
        read_only=True,
        help_text=_("A generated placeholder, or one of a synthetic record: not a real one."),
    )
    image = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()

    class Meta:
        # Every attachment model has these fields (archive.models.media.RecordMedia).
        model = PersonMedia
        fields = [
            "kind",
            "alt_text",
            "caption",
            "source",
            "rights",
            "consent",
            "consent_label",
            "is_synthetic",
            "image",
            "document",
        ]

    def get_kind(self, item) -> str:
        return "image" if item.image_id else "document"

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "width": {"type": "integer"},
                "height": {"type": "integer"},
                "renditions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "width": {"type": "integer"},
                            "height": {"type": "integer"},
                            "url": {"type": "string", "format": "uri"},
                        },
                    },
                },
            },
        }
    )
    def get_image(self, item):
        if not item.image_id:
            return None
        request = self.context["request"]
        renditions = item.image.get_renditions(*(f"width-{w}" for w in RENDITION_WIDTHS))
        return {
            "width": item.image.width,
            "height": item.image.height,
            "renditions": [
                {
                    "width": rendition.width,
                    "height": rendition.height,
                    "url": file_address(request, rendition.url),
                }
                for rendition in renditions.values()
            ],
        }

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "url": {"type": "string", "format": "uri"},
                "title": {"type": "string"},
                "type": {"type": "string"},
                "size": {"type": "integer", "nullable": True},
            },
        }
    )
    def get_document(self, item):
        if not item.document_id:
            return None
        document = item.document
        return {
            "url": file_address(self.context["request"], document.url),
            "title": document.title,
            "type": document.file_extension.lower(),
            "size": document.file_size,
        }


def media_field():
    return MediaSerializer(source="shown_media", many=True, read_only=True, help_text=MEDIA_HELP)


class PersonDetailSerializer(PersonSerializer):
    biography = RichTextField(read_only=True)
    contributions = PersonContributionSerializer(
        source="shown_contributions", many=True, read_only=True
    )
    media = media_field()

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "biography", "contributions", "media"]


class ContributionSerializer(PersonContributionSerializer):
    person = PersonSummarySerializer(read_only=True)

    class Meta(PersonContributionSerializer.Meta):
        fields = [*PersonContributionSerializer.Meta.fields, "person"]


class FamilyMemberSerializer(RecordSerializer):
    person = PersonSummarySerializer(read_only=True)
    relationship_label = label("relationship")

    class Meta:
        model = FamilyMembership
        fields = ["person", "relationship", "relationship_label"]


class FamilySerializer(RecordSerializer):
    url = LinkField("family")
    page_url = PageField()
    fallback = FallbackField()
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
        fields = [
            "id",
            "url",
            "page_url",
            "fallback",
            "name",
            "whole_family_killed",
            "members",
            "locale",
        ]


class FamilyDetailSerializer(FamilySerializer):
    media = media_field()

    class Meta(FamilySerializer.Meta):
        fields = [*FamilySerializer.Meta.fields, "media"]


class StatementSerializer(RecordSerializer):
    url = LinkField("statement")
    page_url = PageField()
    fallback = FallbackField()
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
            "fallback",
            "page_url",
            "fallback",
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
    media = media_field()

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "body", "media"]


class TimelineEntrySerializer(RecordSerializer):
    url = LinkField("timeline")
    page_url = PageField()
    fallback = FallbackField()
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
            "page_url",
            "fallback",
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
    media = media_field()

    class Meta(TimelineEntrySerializer.Meta):
        fields = [*TimelineEntrySerializer.Meta.fields, "body", "media"]


class FigureSerializer(RecordSerializer):
    """A reported figure is a claim: its value, who gives it, and where it was published."""

    url = LinkField("figure")
    page_url = PageField()
    fallback = FallbackField()
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
            "page_url",
            "fallback",
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
    url = serializers.URLField(help_text=_("The record in the API."))
    page_url = serializers.URLField(
        allow_null=True, help_text=_("The record's page on the public site, where it has one.")
    )
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


# Writing records.
#
# DRF builds a serializer's fields anew for every request (a deep copy of the declarations plus
# the model introspection of ModelSerializer) and reads each value through generic lookups that
# test every step for mappings and callables. Pages keep their written records per content
# generation (views.written()), but a CSV export writes every record, and every change of content
# has each page written again: at 100,000 people DRF wrote a person in 0.17 ms, the plan in
# 0.07 ms (writing all of them for a CSV export: about 17 s against 7 s). A plan is made once
# per serializer class from DRF's own fields: one function per field that reads the value
# directly and represents it as the field does. Values a plain read cannot reach fall back to
# the field's own get_attribute(), so missing and null values behave exactly as in DRF.


class Writing:
    """What writing records needs from the request, found once per serializer: the language,
    the addresses of the lists, and the serializer (for its method fields)."""

    def __init__(self, context: dict, serializer=None):
        self.context = context
        self.serializer = serializer
        self.language = translation.get_language()
        self.pages = links.PageAddresses(context["request"])
        self.versions = languages.Versions(context["request"], self.language)
        self.base = self.pages.base
        self._list_addresses: dict[str, str] = {}

    def list_address(self, resource: str) -> str:
        # A page names hundreds of records: each list's address is made once.
        address = self._list_addresses.get(resource)
        if address is None:
            address = self.base + django_reverse(f"api:{resource}-list")
            self._list_addresses[resource] = address
        return address

    def page_address(self, record) -> str | None:
        return self.pages.of(record)


@functools.cache
def _plan(serializer_class) -> tuple:
    fields = serializer_class().fields
    return tuple((name, _writer(field)) for name, field in fields.items() if not field.write_only)


def _write(plan: tuple, record, writing: Writing) -> dict:
    data = {}
    for name, write in plan:
        try:
            value = write(record, writing)
        except SkipField:
            continue
        data[name] = value
    return data


def _writer(field):
    """``write(record, writing)``: the field's value in ``record``, represented."""
    if isinstance(field, serializers.SerializerMethodField):
        method = getattr(type(field.parent), field.method_name)
        return lambda record, writing: method(writing.serializer, record)
    if isinstance(field, RelatedField) and not isinstance(field, LinkField):
        raise TypeError(f"{field.parent.__class__.__name__}.{field.field_name}: not supported")
    read = _reader(field)
    if isinstance(field, serializers.ListSerializer):
        plan = _plan(type(field.child))

        def write_many(record, writing):
            items = read(record)
            if isinstance(items, models.Manager):
                items = items.all()
            of = writing.versions.of
            return [_write(plan, of(item), writing) for item in items]

        return write_many
    if isinstance(field, RecordSerializer):
        plan = _plan(type(field))

        def write_one(record, writing):
            value = read(record)
            return None if value is None else _write(plan, writing.versions.of(value), writing)

        return write_one
    if isinstance(field, (LinkField, WholeRecordField, PartialDateField)):
        represent = field.represent

        def write_own(record, writing):
            value = read(record)
            return None if value is None else represent(value, writing)

        return write_own
    to_representation = _PLAIN.get(type(field).to_representation, field.to_representation)

    def write(record, writing):
        value = read(record)
        return None if value is None else to_representation(value)

    return write


# What DRF's own to_representation() of these fields does, without the method call.
_PLAIN = {
    serializers.CharField.to_representation: str,
    serializers.IntegerField.to_representation: int,
    serializers.FloatField.to_representation: float,
}


def _reader(field):
    """``read(record)``: the value ``field.source`` names."""
    if field.source == "*":
        return _itself
    model = field.parent.Meta.model
    first = field.source_attrs[0]
    if inspect.isfunction(inspect.getattr_static(model, first, None)):
        # A method as the source: DRF calls it.
        return field.get_attribute
    get = operator.attrgetter(field.source)

    def read(record):
        try:
            return get(record)
        except (AttributeError, KeyError, ObjectDoesNotExist):
            return field.get_attribute(record)

    return read


def _itself(record):
    return record
