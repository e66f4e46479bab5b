"""Checks on what a request asks for, made before any view code runs: a query string that is
not UTF-8 or holds control characters is refused, so is a parameter the endpoint does not know,
and the answer's language is chosen."""

import datetime
import unicodedata
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.utils.translation import get_language_from_request
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ParseError, ValidationError


def check_query_string(request) -> None:
    """Refuse percent-encoded bytes that are not UTF-8, and control characters anywhere.

    Django would decode bad bytes to U+FFFD and pass control characters on to the database,
    where PostgreSQL refuses NUL; either way the client should learn what was wrong."""
    raw = request.META.get("QUERY_STRING", "")
    # WSGI hands the raw bytes over as Latin-1 text (PEP 3333).
    data = raw.encode("latin-1", errors="replace")
    for part in data.split(b"&"):
        try:
            unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError as error:
            raise ParseError(_("The query string is not valid UTF-8.")) from error
    for name, values in request.query_params.lists():
        if any(_has_control_character(text) for text in (name, *values)):
            raise ValidationError({name[:40]: [_("Control characters are not allowed.")]})


# Names clients try from other APIs, or from the site's own addresses, and what they mean here.
USE_INSTEAD = {
    "search": "q",
    "query": "q",
    "updated_since": "changed_since",
    "modified_since": "changed_since",
    "age": "age_min, age_max",
    "limit": "page_size",
    "offset": "cursor",
}


def check_parameters(request, accepted: set[str]) -> None:
    """Refuse any parameter that is not one of ``accepted``, naming those that are.

    A misspelt filter that was silently ignored would answer the whole list, which looks like a
    correct answer to a question that was never asked."""
    unknown = sorted(set(request.query_params) - accepted)
    if not unknown:
        return
    accepts = _("This address accepts: %s.") % ", ".join(sorted(accepted))
    reasons = {}
    for name in unknown:
        instead = USE_INSTEAD.get(name, "")
        if instead.split(",")[0] in accepted:
            hint = _("Unknown parameter: use %s.") % instead
        else:
            hint = _("Unknown parameter.")
        reasons[name[:40]] = [f"{hint} {accepts}"]
    raise ValidationError(reasons)


def moment(request, name: str) -> datetime.datetime | None:
    """The ISO 8601 date and time the parameter ``name`` gives (UTC unless it says otherwise),
    or None without it."""
    text = request.query_params.get(name)
    if text is None:
        return None
    try:
        return serializers.DateTimeField().to_internal_value(text)
    except ValidationError as error:
        raise ValidationError({name: error.detail}) from error


def _has_control_character(text: str) -> bool:
    return any(unicodedata.category(character) == "Cc" for character in text)


def chosen_language(request) -> str:
    """``?lang=``, else what Django would choose for a page without a language prefix: the
    site's language cookie, then Accept-Language, then the default language.

    Choosing exactly as Django does keeps the anonymous response cache
    (archive/caching/middleware.py), which keys on Django's choice, from serving one
    language's answer to another."""
    codes = [code for code, _name in settings.LANGUAGES]
    if "lang" in request.query_params:
        language = request.query_params["lang"]
        if language not in codes:
            raise ValidationError({"lang": [_("Choose one of: %s.") % ", ".join(codes)]})
        return language
    return get_language_from_request(request)
