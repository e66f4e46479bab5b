"""How the OpenAPI schema describes the archive's API (drf-spectacular)."""

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from . import guide
from .pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from .renderers import CSVRenderer, JSONLDRenderer

API_PREFIX = "/api/v1/"

ERROR_SCHEMA = {
    "type": "object",
    "description": "`detail` for the request as a whole, or a list of reasons per parameter.",
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
    },
}
ERRORS = {
    400: "A parameter is malformed, out of range or not one of its choices; the body says which.",
    404: "No public record answers to this address, or the page is past the last one.",
    406: "None of the formats in Accept is available here.",
    429: "Too many requests from this address; wait as long as Retry-After says.",
}
# What the incremental sync (changed_since, deletions) may answer besides.
SYNC_ERRORS = {
    503: "With changed_since: the history of changes is being prepared after a large import; "
    "try again later.",
}
LIST_NOTE = (
    "\n\nPaginated: numbered pages (`page`, `page_size` up to 200), or `mode=cursor` to crawl the "
    "whole list. Formats: JSON, JSON-LD (`format=jsonld`), and CSV (`format=csv`), which streams "
    "every matching record without pages."
)
DETAIL_NOTE = (
    "\n\nA record that is a draft, restricted or unpublished answers 404, like one that never "
    "existed. With another language chosen, the record's translation answers where there is one."
)


def only_public_api(endpoints):
    """Describe the versioned public API only, not the admin's internal endpoints."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


# What drf-spectacular leaves undescribed: DRF's format suffix and the addresses' own parts.
PARAMETER_DESCRIPTIONS = {
    "format": "The answer's format: json (the default), jsonld (schema.org linked data) or, on "
    "lists, csv (every matching record, streamed). The Accept header chooses as well.",
    "id": "The record's id.",
    "slug": "The record's slug, as in its page's address.",
    "public_id": "The person's permanent identifier (public_id), with or without its hyphens.",
}


def with_guide(result, generator, request, public):
    """The guide to the API as the schema's description (see guide.py), and every parameter
    described."""
    result["info"]["description"] = guide.markdown(request)
    for path_item in result["paths"].values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    parameter["description"] = PARAMETER_DESCRIPTIONS[parameter["name"]]
    return result


class ArchiveAutoSchema(AutoSchema):
    """Adds what every archive endpoint shares: the ``lang`` parameter, the formats, and the
    error answers."""

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "lang",
                str,
                enum=[code for code, _name in settings.LANGUAGES],
                description="Language of the answer; before the language cookie and "
                "Accept-Language.",
            ),
        ]

    def get_operation_id(self):
        operation_id = super().get_operation_id()
        for key in ("slug", "public_id"):
            if f"{{{key}}}" in self.path:
                return f"{operation_id}_by_{key}"
        return operation_id

    def get_description(self):
        description = super().get_description()
        if self.method != "GET" or not hasattr(self.view, "action"):
            return description
        return description + (LIST_NOTE if self.view.action == "list" else DETAIL_NOTE)

    def get_response_serializers(self):
        serializer = super().get_response_serializers()
        if isinstance(serializer, dict):
            return serializer
        also = SYNC_ERRORS if getattr(self.view, "action", None) == "list" else {}
        return described_responses(serializer, self.view.get_renderers(), also)


# The parameters of cursor pages, for the endpoints that describe them by hand.
CURSOR_PARAMETERS = [
    OpenApiParameter(
        "cursor",
        {"type": "string", "maxLength": 200},
        description="Where a page starts: copy it from the next or previous link.",
    ),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        description=f"Records per page, {DEFAULT_PAGE_SIZE} unless given; at most {MAX_PAGE_SIZE}.",
    ),
]


def described_responses(success, renderers=(), also: dict[int, str] | None = None) -> dict:
    """The answers an endpoint gives: ``success`` in each format it offers, and the errors,
    with those ``also`` describes."""
    responses = {(200, "application/json"): success}
    if any(isinstance(renderer, JSONLDRenderer) for renderer in renderers):
        responses[(200, JSONLDRenderer.media_type)] = OpenApiTypes.OBJECT
    if any(isinstance(renderer, CSVRenderer) for renderer in renderers):
        responses[(200, CSVRenderer.media_type)] = OpenApiTypes.STR
    for status, description in {**ERRORS, **(also or {})}.items():
        responses[(status, "application/json")] = OpenApiResponse(
            response=ERROR_SCHEMA, description=description
        )
    return responses
