"""The public "request a correction or removal" form, general or on a memorial page.

A request opens a hold request (status "requested, under review") in the moderators' admin,
and every moderator is told by e-mail; nothing is hidden or changed until a moderator places a
hold. The requester's e-mail address is kept for the moderators alone. Works without
JavaScript; a field people never see catches most robots (a request with it filled in is
thanked and dropped), and each address may send a few requests an hour."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from archive.admin.holds.mail import tell_moderators
from archive.caching.limits import SharedCounter
from archive.models import Hold, Person
from memorial.security import client_address

REQUESTS = SharedCounter("hold-requests")
REQUESTS_PER_HOUR = 5
HOUR = 60 * 60

FIELD_CHOICES = [
    ("photo", _("Photo")),
    ("biography", _("Biography")),
    ("birth_date", _("Date of birth")),
    ("residence", _("Place of residence")),
]


class HoldRequestForm(forms.Form):
    record = forms.CharField(
        label=_("Which record"),
        max_length=300,
        help_text=_("The person's name, or the address of their page."),
    )
    asked_for = forms.ChoiceField(
        label=_("What are you asking for?"),
        choices=Hold.AskedFor.choices,
        widget=forms.RadioSelect,
    )
    fields = forms.MultipleChoiceField(
        label=_("Which details should be removed?"),
        choices=FIELD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("Your request"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is wrong or what should be removed, and why."),
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    relationship = forms.CharField(
        label=_("Your relationship to the person"),
        max_length=200,
        help_text=_("For example: daughter, brother, the person themselves, lawyer."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("So that a moderator can answer you. It is never published."),
    )
    # Hidden from people (and from screen readers); robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, person: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        if person is not None:
            del self.fields["record"]

    def clean(self):
        data = super().clean()
        if data.get("asked_for") == Hold.AskedFor.REMOVE_FIELDS and not data.get("fields"):
            self.add_error("fields", gettext("Choose the details to remove."))
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def hold(self) -> Hold:
        """The hold request, saved."""
        data = self.cleaned_data
        chosen = set(data["fields"]) if data["asked_for"] == Hold.AskedFor.REMOVE_FIELDS else set()
        return Hold.objects.create(
            person=self.person,
            record_named="" if self.person else data["record"],
            status=Hold.Status.REQUESTED,
            reason=Hold.Reason.FAMILY_REQUEST,
            asked_for=data["asked_for"],
            whole_record=not chosen,
            **{f"hides_{field}": field in chosen for field, _label in FIELD_CHOICES},
            requester_name=data["name"],
            requester_relationship=data["relationship"],
            requester_email=data["email"],
            message=data["message"],
        )


def request_hold(request, pk: int | None = None):
    """The form (GET), or a request sent (POST): saved, moderators told, then the thanks."""
    person = None
    if pk is not None:
        person = Person.objects.public().filter(pk=pk).first()
        if person is None:
            raise Http404
    if request.method == "POST":
        form = HoldRequestForm(request.POST, person=person)
        if form.is_valid():
            if form.is_robot:
                return redirect("archive:hold_request_sent")
            address = client_address(request)
            if REQUESTS.value(address) >= REQUESTS_PER_HOUR:
                return too_many(request)
            REQUESTS.step(address, HOUR)
            notify(request, form.hold())
            return redirect("archive:hold_request_sent")
        status = 400
    else:
        form, status = HoldRequestForm(person=person), 200
    context = {
        "form": form,
        "person": person,
        "title": gettext("Request a correction or removal"),
        "description": gettext(
            "Ask the archive's moderators to correct a record, or to remove it or some of "
            "its details from public view."
        ),
    }
    return render(request, "archive/holds/request.html", context, status=status)


def request_sent(request):
    context = {"title": gettext("Your request has been sent")}
    return render(request, "archive/holds/sent.html", context)


def too_many(request):
    response = render(
        request,
        "429.html",
        {"message": gettext("Too many requests from your address."), "minutes": HOUR // 60},
        status=429,
    )
    response["Retry-After"] = str(HOUR)
    return response


def notify(request, hold: Hold) -> None:
    """Tell the moderators, in the site's language, where to review the request. The
    requester's address is not in the e-mail: it stays in the admin."""
    edit = reverse("wagtailsnippets_archive_hold:edit", args=[hold.pk])
    with override(settings.LANGUAGE_CODE):
        subject = gettext("New request: %(record)s") % {"record": hold.person or hold.record_named}
        body = "\n\n".join(
            [
                gettext("A visitor asked for: %(asked)s.")
                % {"asked": hold.get_asked_for_display()},
                gettext("Relationship: %(relationship)s")
                % {"relationship": hold.requester_relationship},
                hold.message,
                gettext("Review it here: %(url)s")
                % {"url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + edit},
            ]
        )
    tell_moderators(subject, body)
