"""Citing a person's record: a sentence in the Chicago style for web pages, BibTeX and CSL-JSON.

Each names the record by its permanent identifier and permanent address (the permalink), which
outlive a merge into another record, a restore and a re-import, and dates it by its last
publication. No date of access is written: a page is kept for every reader until the record
changes, so a reader's own day could not be; reference managers add it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language, gettext
from wagtail.models import Site

from archive.api.links import base_address

# BibTeX's special characters, each written so that LaTeX prints it.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _BIBTEX_ESCAPES))


@dataclass(frozen=True)
class Citation:
    title: str
    archive: str
    identifier: str
    permalink: str
    modified: object  # an aware datetime, or None
    synthetic: bool

    @property
    def key(self) -> str:
        return f"memorial-{self.identifier.replace('-', '')}"

    def text(self) -> str:
        """The citation as a sentence, in the active language."""
        parts = {"title": self.title, "archive": self.archive, "identifier": self.identifier}
        sentence = gettext("“%(title)s.” %(archive)s, record %(identifier)s.") % parts
        if self.modified:
            when = formats.date_format(self.modified, "DATE_FORMAT")
            sentence += " " + gettext("Last modified %(date)s.") % {"date": when}
        if self.synthetic:  # a copied citation keeps saying so
            sentence += " " + self.synthetic_note()
        return f"{sentence} {self.permalink}"

    def bibtex(self) -> str:
        fields = {
            "title": "{" + _bibtex(self.title) + "}",  # kept as written: names keep their case
            "organization": _bibtex(self.archive),
            "howpublished": r"\url{" + self.permalink + "}",
            "url": self.permalink,
            "note": _bibtex(self.note()),
        }
        if self.modified:
            fields["year"] = str(self.modified.year)
            fields["date"] = self.modified.date().isoformat()
        lines = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return f"@misc{{{self.key},\n{lines}\n}}\n"

    def csl_json(self) -> str:
        item = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "container-title": self.archive,
            "publisher": self.archive,
            "archive": self.archive,
            "archive_location": self.identifier,
            "URL": self.permalink,
            "language": get_language(),
            "note": self.note(),
        }
        if self.modified:
            day = self.modified.date()
            item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
        return json.dumps([item], ensure_ascii=False, indent=2) + "\n"

    def note(self) -> str:
        note = gettext("Record %(identifier)s.") % {"identifier": self.identifier}
        return f"{note} {self.synthetic_note()}" if self.synthetic else note

    def synthetic_note(self) -> str:
        return gettext("Synthetic record generated to demonstrate the archive; not a real person.")


def person_citation(request, person) -> Citation:
    site = Site.find_for_request(request)
    return Citation(
        title=person.display_name,
        archive=(site.site_name if site and site.site_name else settings.WAGTAIL_SITE_NAME),
        identifier=person.shown_public_id,
        permalink=base_address(request) + person.get_permalink(),
        modified=person.last_published_at,
        synthetic=person.is_synthetic,
    )


def _bibtex(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_ESCAPES[match.group()], text)
