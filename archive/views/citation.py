"""A person's permanent address, and the record's citation to download (BibTeX, CSL-JSON)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language

from archive.models import Person
from archive.models.identifiers import read_public_id
from archive.models.merges import kept_person
from archive.site.citation import person_citation

FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", "bibtex"),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "csl_json"),
}


def person_permalink(request, public_id: str):
    """The person's page, in the reader's language. Temporary (302): the address is the
    permanent one, not the page it leads to; a record merged into another answers 301 to
    that one's permanent address (see :func:`kept_person`)."""
    public_id = read_public_id(public_id)
    if public_id is None:
        raise Http404
    person = in_reader_language(Person.objects.public().filter(public_id=public_id))
    if person is None:
        # A record merged into another: its identifier now names that one, for good.
        kept = kept_person(public_id=public_id)
        if kept is None:
            raise Http404
        return redirect(kept.get_permalink(), permanent=True)
    return redirect("archive:person_detail", person.pk)


def person_citation_file(request, pk: str, extension: str):
    content_type, style = FORMATS[extension]
    person = _public_person(pk=pk)
    response = HttpResponse(getattr(person_citation(request, person), style)(), content_type)
    filename = f"{person.public_id}-{get_language()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def in_reader_language(versions) -> Person | None:
    """The version of a record in the reader's language where it has one, else the original
    (a record has a version in a few languages at most)."""
    versions = list(versions.select_related("locale").order_by("pk"))
    in_language = [v for v in versions if v.locale.language_code == get_language()]
    return (in_language or versions or [None])[0]


def _public_person(**lookup) -> Person:
    if None in lookup.values():
        raise Http404
    return get_object_or_404(Person.objects.public(), **lookup)
