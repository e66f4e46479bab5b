"""What staff without the permission to see restricted records may not see, in the admin."""

import functools

from django.http import Http404
from django.urls import URLPattern

from archive.models import Person


def visible_people(user, people=None):
    """The records a member of staff may see: restricted ones only with the permission."""
    people = Person.objects.all() if people is None else people
    if user.has_perm("archive.view_restricted_person"):
        return people
    return people.filter(visibility=Person.Visibility.PUBLIC)


def hiding_restricted(pattern: URLPattern) -> URLPattern:
    """``pattern``, answering 404 for a restricted record to staff who may not see it, if the
    view is about one record (edit, history, usage, preview, revisions, workflow, lock ...)."""
    if "pk" not in pattern.pattern.regex.groupindex:
        return pattern
    view = pattern.callback

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not visible_people(request.user).filter(pk=kwargs["pk"]).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return URLPattern(pattern.pattern, guarded, pattern.default_args, pattern.name)
