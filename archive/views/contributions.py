"""Visitors' contributions: the forms on a person's page and the people index, and the photos
moderators approved.

The forms are pages of their own, so that the memorial page carries no CSRF token and stays
in the anonymous response cache; these are never cached (each holds a token). They work
without JavaScript: a form answers with its errors, or sends the visitor to a page saying
what happens next."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from archive.contributions import abuse, mail
from archive.contributions.forms import FORMS, MissingPersonForm
from archive.models import Contribution, Person
from archive.models.contributions import may_moderate
from memorial.security import client_address, too_many

TITLES = {
    Contribution.Kind.MESSAGE: gettext_lazy("Share a remembrance of %(name)s"),
    Contribution.Kind.PHOTO: gettext_lazy("Send a photo of %(name)s"),
    Contribution.Kind.CORRECTION: gettext_lazy("Suggest a correction to the record of %(name)s"),
}


def _refused(request):
    """The 429 answer once this address has sent too many forms, else None."""
    minutes = abuse.send_refused(client_address(request))
    if minutes is None:
        return None
    return too_many(
        request,
        minutes * 60,
        _(
            "You have sent many contributions in a short time. Everything you sent before has "
            "been kept for the moderators."
        ),
    )


def _handle(request, form_class, *, person, template, context):
    if request.method == "POST":
        refused = _refused(request)
        if refused:
            return refused
        form = form_class(request.POST, request.FILES, person=person)
        if form.is_valid():
            contribution = form.save()
            mail.notify_moderators(contribution)
            return redirect("archive:contribution_sent")
        status = 400
    else:
        form, status = form_class(person=person), 200
    return render(request, template, {**context, "form": form}, status=status)


@never_cache
def contribute(request, pk: int, kind: str):
    """A message, a photo or a correction about a public person."""
    form_class = FORMS.get(kind)
    if form_class is None:
        raise Http404
    person = get_object_or_404(Person.objects.public(), pk=pk)
    title = TITLES[kind] % {"name": person.display_name}
    return _handle(
        request,
        form_class,
        person=person,
        template="archive/contributions/form.html",
        context={"title": title, "person": person, "kind": kind},
    )


@never_cache
def missing_person(request):
    """A person the visitor knows of who is not in the archive."""
    return _handle(
        request,
        MissingPersonForm,
        person=None,
        template="archive/contributions/form.html",
        context={"title": _("Tell us about a person missing from the archive")},
    )


def sent(request):
    return render(request, "archive/contributions/sent.html", {"title": _("Thank you for writing")})


def photo(request, pk: int):
    """A contributed photo: approved ones to anyone, others to moderators only; anything else
    is answered as missing, so an address says nothing of a photo waiting or refused."""
    public = Contribution.objects.public().filter(kind=Contribution.Kind.PHOTO)
    found = public.filter(pk=pk).first()
    private = False
    if found is None and may_moderate(request.user):
        found = Contribution.objects.visible_to(request.user).filter(pk=pk).first()
        private = True
    if found is None or not found.photo:
        raise Http404
    response = FileResponse(found.photo.open("rb"), content_type=_content_type(found.photo.name))
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


def _content_type(name: str) -> str:
    extension = name.rpartition(".")[2]
    return {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}[extension]
