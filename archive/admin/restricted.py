"""What staff without the permission to see restricted records may not see, in the admin.

Editors lack ``archive.view_restricted_person``; for them a restricted person does not exist:
its rows are left out of every listing, report, usage page and dashboard panel, and every URL
about it answers 404."""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, When
from django.db.models.functions import Cast
from django.db.models.lookups import Regex
from django.http import Http404
from django.urls import URLPattern
from wagtail.models import ModelLogEntry

from archive.models import Person
from archive.models.people import may_see_restricted


def is_visible_to(user, record) -> bool:
    """Whether ``user`` may see ``record``, as the database holds it now (a record in hand may
    have been restricted since it was read)."""
    if not isinstance(record, Person) or may_see_restricted(user):
        return True
    return Person.objects.visible_to(user).filter(pk=record.pk).exists()


def about_visible_records(rows, user, prefix=""):
    """``rows`` of a generic relation (log entries, workflow states, task states, references),
    without those about a person ``user`` may not see: a restricted one, or one deleted since,
    whose entries' labels may still name a restricted person.

    ``prefix`` leads from a row to its ``content_type`` and ``object_id`` fields. A row about a
    person is kept if a public person has its id: a probe of the people's primary key per row
    read, so that the latest 50 rows cost 50 probes, and a count that stops at 1,001 rows
    (archive/admin/pagination.py). Matched against lists of the restricted and the
    deleted people, the site history's first page read all 2,000,000 log entries of 1,000,000
    people (5.5 s, bench/RESULTS.md)."""
    if may_see_restricted(user):
        return rows
    object_id = OuterRef(f"{prefix}object_id")
    # Generic relations hold ids as text. Only a number is cast, so that no row's text can
    # make the cast fail.
    person_id = Case(When(Regex(object_id, r"^[0-9]{1,9}$"), then=Cast(object_id, IntegerField())))
    public = Person.objects.visible_to(user).filter(pk=person_id)
    person_type = ContentType.objects.get_for_model(Person)
    return rows.filter(~Q(**{f"{prefix}content_type": person_type}) | Exists(public))


def mark_history_deleted(sender, instance, **kwargs):
    """Marks the history of a deleted person ``deleted``, as Wagtail marks a deleted page's,
    however it was deleted (Wagtail logs only the deletions made through its actions)."""
    person_type = ContentType.objects.get_for_model(Person)
    ModelLogEntry.objects.filter(content_type=person_type, object_id=str(instance.pk)).update(
        deleted=True
    )


def hiding_restricted(pattern: URLPattern) -> URLPattern:
    """``pattern``, answering 404 for a restricted record to staff who may not see it, if the
    view is about one record (edit, history, usage, preview, revisions, workflow, lock ...)."""
    if "pk" not in pattern.pattern.regex.groupindex:
        return pattern
    view = pattern.callback

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not Person.objects.visible_to(request.user).filter(pk=kwargs["pk"]).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return URLPattern(pattern.pattern, guarded, pattern.default_args, pattern.name)
