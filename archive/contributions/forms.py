"""The forms visitors contribute with: a remembrance message, a photo, a correction or added
fact (each on a person's page) and a person missing from the archive (on the people index).

What every one asks for (a name, shown or not, an e-mail address that is never published, the
relationship to the person, consent) and every check against abuse is in ContributionForm."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from archive.models import Contribution, Person

from . import abuse
from .photos import checked_photo

MAX_TEXT = 5000


class ContributionForm(forms.ModelForm):
    """What every contribution carries, and the checks every one passes."""

    kind: str = ""
    text_label = _("Your message")
    text_help = ""

    name = forms.CharField(label=_("Your name"), max_length=150)
    show_name = forms.BooleanField(
        label=_("Show my name with what I send"),
        required=False,
        help_text=_("Leave this unticked to appear as “a visitor”."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Never published. We write to you only about what you send."),
    )
    relationship = forms.CharField(
        label=_("Your relationship to the person"),
        max_length=150,
        help_text=_("For example: daughter, neighbour, classmate. It is shown with what you send."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the archive keeps what I send, that moderators read it, and that, "
            "if they approve it, it is published with my relationship to the person (and my "
            "name, if I chose to show it)."
        ),
    )
    # The honeypot: hidden from people (visually and from assistive technology), filled in by
    # machines that fill in every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Contribution
        fields = ["name", "show_name", "email", "relationship", "text"]

    def __init__(self, *args, person: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["text"].label = self.text_label
        self.fields["text"].help_text = self.text_help
        self.fields["text"].max_length = MAX_TEXT
        self.fields["text"].widget.attrs["maxlength"] = MAX_TEXT
        # A fresh token each time the form is shown, the refused one included.
        self.initial["started"] = abuse.started_token()
        self._sent_started = ""
        if self.is_bound:
            key = self.add_prefix("started")
            self._sent_started = self.data.get(key, "")
            self.data = self.data.copy()
            self.data[key] = self.initial["started"]

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError(gettext("This field must be left empty."))
        return ""

    def clean_started(self) -> str:
        seconds = abuse.seconds_since_started(self._sent_started)
        if seconds is None:
            raise forms.ValidationError(
                gettext("This form has expired. Please check what you wrote and send it again.")
            )
        if abuse.too_fast(seconds):
            raise forms.ValidationError(
                gettext("The form was sent too quickly. Please check it and send it again.")
            )
        return ""

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        limit = settings.CONTRIBUTION_MAX_LINKS
        if abuse.count_links(text) > limit:
            raise forms.ValidationError(
                ngettext(
                    "Please include at most %(limit)d link.",
                    "Please include at most %(limit)d links.",
                    limit,
                )
                % {"limit": limit}
            )
        return text

    def save(self, commit: bool = True) -> Contribution:
        contribution = super().save(commit=False)
        self.fill(contribution)
        if commit:
            contribution.save()
        return contribution

    def fill(self, contribution: Contribution) -> None:
        """Set what the visitor does not type: the kind, the person, the language, when."""
        contribution.kind = self.kind
        contribution.person = self.person
        contribution.language = get_language()
        contribution.consented_at = timezone.now()


class MessageForm(ContributionForm):
    kind = Contribution.Kind.MESSAGE
    text_label = _("Your remembrance message")
    text_help = _("Plain text; links are not made clickable.")


class PhotoForm(ContributionForm):
    kind = Contribution.Kind.PHOTO
    text_label = _("What the photo shows")
    text_help = _("Who is in it, where and when it was taken, if you know.")

    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("A JPEG, PNG or WebP image, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    rights = forms.ChoiceField(
        label=_("Rights to the photo"),
        choices=Contribution.Rights.choices,
        widget=forms.RadioSelect,
    )

    class Meta(ContributionForm.Meta):
        fields = [*ContributionForm.Meta.fields, "rights"]

    def clean_photo(self):
        return checked_photo(self.cleaned_data["photo"])

    def fill(self, contribution: Contribution) -> None:
        super().fill(contribution)
        checked = self.cleaned_data["photo"]
        contribution.photo_width, contribution.photo_height = checked.width, checked.height
        contribution.photo.save(checked.file.name, checked.file, save=False)


class CorrectionForm(ContributionForm):
    kind = Contribution.Kind.CORRECTION
    text_label = _("The correction or the fact to add")
    text_help = _("What is wrong or missing in the record, and what it should say.")
    source_required = True

    class Meta(ContributionForm.Meta):
        fields = [*ContributionForm.Meta.fields, "source"]
        labels = {"source": _("Where this is known from")}
        help_texts = {"source": _("A document, a publication, a list, or who told you and when.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = self.source_required
        self.fields["source"].max_length = 1000
        self.fields["source"].widget.attrs.update(maxlength=1000, rows=3)


class MissingPersonForm(CorrectionForm):
    kind = Contribution.Kind.MISSING_PERSON
    text_label = _("What you know about them")
    text_help = _("When and where they were born, what happened to them, their family.")
    source_required = False

    class Meta(CorrectionForm.Meta):
        fields = [
            "family_name",
            "given_name",
            "patronymic",
            "fate",
            *CorrectionForm.Meta.fields,
        ]
        labels = {
            **CorrectionForm.Meta.labels,
            "family_name": _("Their family name"),
            "given_name": _("Their given name"),
            "patronymic": _("Their patronymic"),
            "fate": _("What happened to them"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_name"].required = True
        self.fields["fate"].choices = [("", gettext("Not known")), *Person.Fate.choices]
        self.fields["relationship"].help_text = _("For example: daughter, neighbour, classmate.")


FORMS = {
    Contribution.Kind.MESSAGE: MessageForm,
    Contribution.Kind.PHOTO: PhotoForm,
    Contribution.Kind.CORRECTION: CorrectionForm,
}
