"""Edit forms of the archive's own: one text box per partial date, and a person's families.

The snippet viewsets (:mod:`.viewsets`) name these as their edit handler's ``base_form_class``,
and the app attaches the page's (``archive/apps.py``); Wagtail builds each edit form on top of
it. Models import nothing from the admin."""

from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, BoundField, inlineformset_factory
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.widgets import BaseChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from archive.models import Family, FamilyMembership, Person
from archive.models.dates import PartialDate, PartialDateTextField, Precision, partial_date_names
from archive.models.people import fate_from_events, may_see_restricted

from .widgets import word_choosers


class PartialDatesMixin:
    """Each partial date of the model is edited as one text box (see ``PartialDateTextField``)
    instead of a date picker and a precision select: "1950" is kept, and shown again, as the
    year 1950, "c. 1950" as approximately 1950. The ``<name>_precision`` and
    ``<name>_approximate`` columns are set from what was typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = partial_date_names(self._meta.model)
        self.partial_dates = [name for name in names if name in self.fields]
        for name in self.partial_dates:
            date_field = self.fields[name]
            self.fields[name] = PartialDateTextField(
                label=date_field.label, required=date_field.required
            )
            self.initial[name] = PartialDate.stored(self.instance, name)

    def clean(self):
        cleaned_data = super().clean()
        for name in self.partial_dates:
            if name not in self.cleaned_data:
                continue
            date = self.cleaned_data[name]
            # The model's clean() then snaps the day to the start of the period and checks ranges.
            setattr(self.instance, f"{name}_precision", date.precision if date else Precision.DAY)
            setattr(self.instance, f"{name}_approximate", bool(date and date.approximate))
            self.cleaned_data[name] = date.value if date else None
        return cleaned_data


def linked_ids(instance, name: str) -> list:
    """The ids of the records ``instance`` links through its field ``name``, as it stands
    before the form changes it."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return [record.pk for record in field.value_from_object(instance)]
    return [getattr(instance, field.attname)]


def limit_people_to_visible(form, user) -> None:
    """The fields of ``form`` that link people accept only those ``user`` may see, and those
    the record links already: a restricted person shows to an editor as "Restricted record"
    and is posted back unchanged, so saving keeps it; posting another one's id by hand is an
    invalid choice, as for a record that does not exist."""
    if may_see_restricted(user):
        return
    for name, field in form.fields.items():
        people = getattr(field, "queryset", None)
        if people is None or people.model is not Person:
            continue
        linked = people.filter(pk__in=linked_ids(form.instance, name))
        field.queryset = people.visible_to(user) | linked


class ChosenPeopleMixin:
    """Every field linking people, in the form and in its inline rows (a family's members),
    limited by :func:`limit_people_to_visible` to those the form's user may see. Wagtail hands
    the user to the form only (``for_user``), not to the forms of its rows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        word_choosers(self)
        limit_people_to_visible(self, self.for_user)
        for formset in self.formsets.values():
            for row in formset.forms:
                limit_people_to_visible(row, self.for_user)


class KnownRecordBoundField(BoundField):
    """A chooser's value as the record itself, where its row's formset has read it
    (``known_records``): the chooser then shows it without reading it again."""

    def value(self):
        value = super().value()
        known = getattr(self.form, "known_records", {}).get(self.name, {})
        return known.get(str(value), value)


class ChosenLinksFormSet(BaseChildFormSet):
    """The rows of an inline panel whose links are choosers (a fate event's place and source,
    a testimony's source, a family member): each chooser would read its record by itself, a
    query per row and link, 2 × 40 for a person with 40 fate events; these rows read each
    link's records in one query for all the rows."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.bound_field_class = KnownRecordBoundField  # before any field is bound
        word_choosers(form)
        return form

    @property
    def empty_form(self):
        """The row a script copies to add one (Django makes it anew at each reading)."""
        form = super().empty_form
        word_choosers(form)
        return form

    @cached_property
    def forms(self):
        rows = super().forms
        for name, field in self.form.base_fields.items():
            if isinstance(field.widget, BaseChooser) and hasattr(field, "queryset"):
                self._read_links(rows, name, field.queryset.model)
        return rows

    @staticmethod
    def _read_links(rows, name: str, model) -> None:
        values = {str(row[name].value()) for row in rows}
        ids = [value for value in values if value.isdigit() and len(value) < 19]
        records = model._default_manager.in_bulk(ids) if ids else {}
        known = {str(pk): record for pk, record in records.items()}
        for row in rows:
            row.known_records = {**getattr(row, "known_records", {}), name: known}


class ArchiveAdminForm(ChosenPeopleMixin, WagtailAdminModelForm):
    pass


class PartialDatesForm(PartialDatesMixin, ArchiveAdminForm):
    pass


class PartialDatesPageForm(PartialDatesMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        word_choosers(self)  # the reason's source, on a statement's form


class PartialDatesChildForm(PartialDatesMixin, WagtailAdminModelForm):
    """The rows of an inline panel with partial dates (a person's fate events)."""


FAMILY_MEMBERSHIPS = "family_memberships"
FATE_EVENTS = "fate_events"


class FamilyMembershipFormSet(BaseInlineFormSet):
    def clean(self):
        """Django checks that no two rows name the same family; this also checks the person's
        memberships that are not rows of this post (a stale or hand-made form), which the
        database would otherwise refuse with an error page."""
        super().clean()
        if not self.instance.pk:
            return
        shown = [form.instance.pk for form in self.initial_forms if form.instance.pk]
        taken = set(
            self.instance.memberships.exclude(pk__in=shown).values_list("family_id", flat=True)
        )
        for form in self.forms:
            family = form.cleaned_data.get("family") if form.cleaned_data else None
            if family and family.pk in taken and not self._should_delete_form(form):
                raise ValidationError(
                    _("This person is already a member of “%(family)s”."),
                    params={"family": family},
                    code="duplicate_membership",
                )


def family_memberships_formset():
    """The rows of a person's families: the family, chosen, and the relationship."""
    return inlineformset_factory(
        Person,
        FamilyMembership,
        form=WagtailAdminModelForm,
        formset=FamilyMembershipFormSet,
        fields=["family", "relationship"],
        widgets={"family": AdminSnippetChooser(Family)},
        extra=1,
        can_delete=True,
    )


class PersonForm(PartialDatesForm):
    """A person's record, and the families they belong to.

    A membership hangs on the family (its ``ParentalKey``), so it is not part of the person's
    revisions: families are reference data, and the rows here are saved at once, even when the
    person is saved as a draft. The rows are offered to those who may change families."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.for_user and self.for_user.has_perm("archive.change_family")):
            return
        if self.is_bound and f"{FAMILY_MEMBERSHIPS}-TOTAL_FORMS" not in self.data:
            return  # a post without the rows (an older form, a script) leaves them as they are
        # Among the form's formsets, Wagtail validates, re-renders and resaves them with the rest.
        self.formsets[FAMILY_MEMBERSHIPS] = family_memberships_formset()(
            self.data if self.is_bound else None,
            instance=self.instance,
            prefix=FAMILY_MEMBERSHIPS,
        )

    def is_valid(self):
        return super().is_valid() and self.fate_agrees_with_events()

    def fate_agrees_with_events(self) -> bool:
        """With fate events, the summary fate is the one they leave (``Person.derive_fate``
        sets it on save): a summary that contradicts them is a form error naming it."""
        events = self.formsets.get(FATE_EVENTS)
        if events is None:
            return True
        rows = [
            form
            for form in events.forms
            if form.cleaned_data and not events._should_delete_form(form)
        ]
        rows.sort(key=lambda form: form.cleaned_data.get("ORDER") or 0)
        derived = fate_from_events([form.instance for form in rows])
        if derived is None or derived == self.cleaned_data.get("fate"):
            return True
        self.add_error(
            "fate",
            _("The fate events leave this person “%(fate)s”: choose that, or change the events.")
            % {"fate": dict(Person.Fate.choices)[derived]},
        )
        return False

    def save(self, commit=True):
        person = super().save(commit=commit)
        memberships = self.formsets.get(FAMILY_MEMBERSHIPS)
        if memberships is not None and person.pk:
            memberships.instance = person
            memberships.save()
        return person
