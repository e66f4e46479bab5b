"""Every URL pattern of the Wagtail admin, and ways to fill in its arguments, for the crawls in
test_admin_restricted.py and test_admin_hostile.py."""

import io
import re
import zipfile
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Patterns a crawl must not request: signing out ends the session, the error test raises on
# purpose, and the password-reset links need a token mailed to the user.
SKIPPED = {"wagtailadmin_logout", "wagtailadmin_error_test"}
SKIPPED_PREFIXES = ("admin/password_reset/",)


@dataclass(frozen=True)
class AdminPattern:
    route: str  # the full route, with Django's converters or regex groups left in
    name: str  # the namespaced name, "" for the catch-all
    arguments: tuple[str, ...]

    def fill(self, values: dict[str, object]) -> str:
        """The path with each argument replaced by ``values[argument]``."""
        path = self.route
        for argument in self.arguments:
            value = str(values[argument])
            path = re.sub(rf"<(?:\w+:)?{argument}>", lambda _m, v=value: v, path)
            path = re.sub(rf"\(\?P<{argument}>[^)]*\)", lambda _m, v=value: v, path)
        # What is left of a regex route: its anchors and escaped dots.
        return "/" + path.replace("^", "").replace("$", "").replace("\\.", ".")


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = namespace + pattern.name if pattern.name else ""
            yield route, name


def admin_patterns() -> list[AdminPattern]:
    """Every pattern under /admin/ except the catch-all and the ones in SKIPPED."""
    found = []
    for route, name in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or route.startswith(SKIPPED_PREFIXES):
            continue
        if not name or name in SKIPPED or route.endswith(".*/$"):
            continue
        arguments = tuple(
            dict.fromkeys(
                re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
            )
        )
        found.append(AdminPattern(route, name, arguments))
    return found


def response_text(response) -> str:
    """What a response shows, whatever its format: HTML, JSON, CSV or the cells of an XLSX."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "".join(
                book.read(name).decode("utf-8", "replace")
                for name in book.namelist()
                if name.endswith(".xml")
            )
    return content.decode("utf-8", "replace")
