"""A person's permanent address, and the record's citation to download (BibTeX, CSL-JSON)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language

from archive.models import MergedRecord, Person
from archive.models.identifiers import read_public_id
from archive.site.citation import person_citation

FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", "bibtex"),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "csl_json"),
}


def person_permalink(request, public_id: str):
    """The person's page, in the reader's language, wherever the record is now. Temporary
    (302): the address is the permanent one, not the page it leads to."""
    public_id = read_public_id(public_id)
    if public_id is None:
        raise Http404
    person = in_reader_language(Person.objects.public().filter(public_id=public_id))
    if person is None:
        person = _public_person(pk=merged_into(public_id))
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


def merged_into(public_id: str | None) -> int | None:
    """The record a person named ``public_id`` was merged into, following merges of merges."""
    merges = MergedRecord.objects.filter(model=Person._meta.label_lower)
    found = merges.filter(public_id=public_id).values_list("merged_into", flat=True).first()
    seen = set()
    while found is not None and found not in seen:
        seen.add(found)
        onward = merges.filter(record_id=found).values_list("merged_into", flat=True).first()
        if onward is None:
            return found
        found = onward
    return found


def _public_person(**lookup) -> Person:
    if None in lookup.values():
        raise Http404
    return get_object_or_404(Person.objects.public(), **lookup)
