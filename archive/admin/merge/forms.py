"""The forms of a merge: the other record, chosen with the person chooser (never a select of
every person), and the choice of each field's value with the reason for the merge."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from archive.merging import BOTH, KEPT, REMOVED, check_pair
from archive.models import Person

from ..widgets import PersonChooser, word_choosers


class OtherRecordForm(forms.Form):
    """The record to compare with."""

    other = forms.ModelChoiceField(
        label=_("The other record"),
        queryset=Person.objects.none(),
        help_text=_(
            "Search by name in any spelling or script; the id and dates tell namesakes apart."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["other"]
        field.queryset = Person.objects.visible_to(user)
        field.widget = PersonChooser(Person)
        field.widget.for_user = user
        word_choosers(self)


def choice_field_name(name: str) -> str:
    return f"choose_{name}"


class MergeForm(forms.Form):
    """A choice per field whose two values differ (as :attr:`ComparedField.default` proposes),
    and the reason, which the kept record's public history shows."""

    reason = forms.CharField(
        label=_("Reason for the merge"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Shown to the public in the kept record's history of changes, e.g. the source that "
            "shows both records name one person."
        ),
    )

    def __init__(self, *args, kept: Person, removed: Person, compared, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept, self.removed, self.user = kept, removed, user
        self.compared = [field for field in compared if field.differs]
        for field in self.compared:
            choices = [(KEPT, field.kept or _("(none)")), (REMOVED, field.removed or _("(none)"))]
            if field.both_allowed:
                choices.append((BOTH, _("Both, one per line")))
            self.fields[choice_field_name(field.name)] = forms.ChoiceField(
                label=field.label,
                choices=choices,
                initial=field.default,
                widget=forms.RadioSelect,
                required=False,  # none chosen: the default, as the form showed it checked
            )

    def clean(self):
        cleaned = super().clean()
        try:
            check_pair(self.kept, self.removed, self.user)
        except ValidationError as refused:
            raise forms.ValidationError(refused.messages) from refused
        return cleaned

    def rows(self):
        """Each compared field with its radio buttons, for the side-by-side table."""
        return [(field, self[choice_field_name(field.name)]) for field in self.compared]

    @property
    def choices(self) -> dict[str, str]:
        return {
            field.name: self.cleaned_data[choice_field_name(field.name)] or field.default
            for field in self.compared
        }
