"""Form widgets and fields for relations to large collections, and the panel that places them.

A select lists every row: with 100,000 people the timeline entry form took 56 s and 13.7 MB.
These widgets render only the records already chosen and add more through Wagtail's own chooser
modal, which searches and paginates on the server.

Many-to-many relations (a timeline entry's people, statements and sources; a person's sources)
keep their ``ParentalManyToManyField``: ``MultipleChooser`` replaces only the widget of its
``ModelMultipleChoiceField`` and posts the chosen ids as that field expects, so validation,
saving, revisions and every reader (site, API, export, importer) stay as they are. The other way,
a through model per relation edited with ``MultipleChooserPanel``, would have changed the schema
and all those readers for the same screen; it would only add an order, which no reader uses.
The modal is Wagtail's: the widget unpacks the telepath definition of the single chooser Wagtail
gives a ``ForeignKey`` to the same model and calls its ``openModal(…, {multiple: true})``, as
``MultipleChooserPanel`` does.

Restricted people keep their place in a form but not their name: a member of staff without the
permission to see them reads "Restricted record", and the link is posted back unchanged, so
saving the form never drops it. ``ChooserPanel`` hands the widgets the user they render for,
and labels the records the same way when two revisions are compared (:mod:`.compare`).
"""

import functools

from django import forms
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.panels import FieldPanel
from wagtail.admin.telepath import JSContext
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page
from wagtail.snippets.widgets import AdminSnippetChooser

from .compare import LabelledForeignObjectComparison, LabelledM2MFieldComparison

# The add button of each relation's chooser, a whole phrase per model: pasting the plural name
# after "Add" left the noun undeclined ("Добавить: люди" for "Добавить людей"). Any other model
# reads "Add", under the field's own label.
ADD_LABELS = {
    "archive.person": _("Add people"),
    "archive.source": _("Add sources"),
    "archive.statementpage": _("Add statements"),
}


def is_hidden_from(record, user) -> bool:
    """Whether ``record`` is a restricted person that ``user`` may not see. Without a user,
    it is hidden: a widget that was not told who reads it shows no restricted name."""
    hidden_from = getattr(record, "is_hidden_from", None)
    return hidden_from is not None and hidden_from(user)


def as_pk(model, value):
    """``value`` as the model's primary key, or ``ValidationError`` if it cannot be one: not a
    number, or beyond the column's range, which the database would refuse."""
    field = model._meta.pk
    pk = field.to_python(value)
    field.run_validators(pk)
    return pk


def record_label(record, user) -> str:
    """How a chosen record reads in a form or a chooser's answer."""
    if is_hidden_from(record, user):
        return str(_("Restricted record"))
    if isinstance(record, Page):
        return record.get_admin_display_title()
    return str(record)


# Wagtail's own words for a snippet chooser's buttons, translated by its catalogues (and
# locale/wagtail/az/); not marked here, so that makemessages leaves them to Wagtail's.
CHOOSER_WORDS = {
    "choose_one_text": "Choose %(object)s",
    "choose_another_text": "Choose another %(object)s",
    "link_to_chosen_text": "Edit this %(object)s",
}


def word_choosers(form) -> None:
    """Word the buttons of ``form``'s snippet choosers ("Choose place") in the active language.
    Wagtail 8 words them when it makes the widget: once per form class, at start-up, in
    English for every reader. Each form's widgets are its own copies. A label begins with a
    capital, as Wagtail's image chooser's does: Azerbaijani and Turkish put the lower-case
    name first ("yer seç")."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, AdminSnippetChooser):
            name = widget.model_class._meta.verbose_name
            for attribute, words in CHOOSER_WORDS.items():
                setattr(widget, attribute, capfirst(gettext(words) % {"object": name}))


def word_chooser_tabs() -> None:
    """Word the first tab of every chooser modal (images, documents, snippets) in the reader's
    language: Wagtail 8 words it with ``gettext`` when its module is imported, so it read
    "Search" in every language. Called from ``apps.ready()``, before the choosers' views are
    made from their viewsets."""
    ChooserViewSet.search_tab_label = _("Search")


class ChosenRecordsField(forms.ModelMultipleChoiceField):
    """The records of a many-to-many relation. An id beyond the key's range is an invalid
    choice, as "abc" is: Django would hand it to the database, which fails (a 500)."""

    def _check_values(self, value):
        for pk in value:
            try:
                as_pk(self.queryset.model, pk)
            except forms.ValidationError:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                ) from None
        return super()._check_values(value)


register_form_field_override(ParentalManyToManyField, override={"form_class": ChosenRecordsField})


class PersonChooser(AdminSnippetChooser):
    """The chooser of one person (a family member, a possible duplicate), naming a restricted
    one only to staff who may see it."""

    for_user = None

    def get_display_title(self, instance):
        return record_label(instance, self.for_user)

    def get_value_data_from_instance(self, instance):
        data = super().get_value_data_from_instance(instance)
        if is_hidden_from(instance, self.for_user):
            data["edit_url"] = ""
        return data


class MultipleChooser(forms.Widget):
    """The records chosen for a many-to-many relation, each a hidden input with its label and
    a remove button, and a button that opens Wagtail's chooser modal to add more."""

    template_name = "archive/admin/widgets/multiple_chooser.html"
    for_user = None

    def __init__(self, model, attrs=None):
        super().__init__(attrs)
        self.model = model

    @cached_property
    def model_class(self):
        return resolve_model_string(self.model)

    @cached_property
    def chooser(self):
        """The widget Wagtail gives a single ``ForeignKey`` to the model: its modal is ours."""
        if issubclass(self.model_class, Page):
            return AdminPageChooser(target_models=[self.model_class])
        return self.model_class.snippet_viewset.chooser_viewset.widget_class()

    @cached_property
    def chooser_js(self) -> tuple[JSContext, object]:
        """The chooser packed for telepath, and the scripts that unpack it."""
        context = JSContext()
        return context, context.pack(self.chooser)

    @property
    def media(self):
        own = forms.Media(
            js=["archive/admin/multiple_chooser.js"],
            css={"all": ["archive/admin/multiple_chooser.css"]},
        )
        return self.chooser_js[0].media + own

    def value_from_datadict(self, data, files, name):
        # Blanks are no choice: the item template's empty input, posted by a client that does
        # not know <template> content is inert.
        return [pk for pk in data.getlist(name) if pk]

    def value_omitted_from_data(self, data, files, name):
        # Removing every record posts nothing, which means "none", as for a multiple select.
        return False

    def chosen_records(self, value) -> list:
        """The records ``value`` names, in its order; ids that name nothing are left out (a form
        shown again after an error may hold anything)."""
        pks = []
        for item in value or []:
            pk = getattr(item, "pk", item)
            try:
                pks.append(as_pk(self.model_class, pk))
            except forms.ValidationError:
                continue
        records = self.model_class._default_manager.in_bulk(pks)
        return [records[pk] for pk in dict.fromkeys(pks) if pk in records]

    def chosen_item(self, record, urls: AdminURLFinder) -> dict:
        hidden = is_hidden_from(record, self.for_user)
        return {
            "id": record.pk,
            "label": record_label(record, self.for_user),
            # A restricted record's edit page answers 404 to those who may not see it.
            "edit_url": None if hidden else urls.get_edit_url(record),
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        urls = AdminURLFinder(self.for_user)
        context["chosen"] = [self.chosen_item(r, urls) for r in self.chosen_records(value)]
        context["chooser_definition"] = self.chooser_js[1]
        context["add_label"] = ADD_LABELS.get(self.model_class._meta.label_lower, _("Add"))
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # Django's default form renderer does not read the project's template folder.
        context = self.get_context(name, value, self.build_attrs(self.attrs, attrs))
        return mark_safe(render_to_string(self.template_name, context))  # noqa: S308


class ChooserPanel(FieldPanel):
    """A relation edited through a chooser: a ``MultipleChooser`` for a many-to-many field (a
    ``ForeignKey`` to a snippet or page gets Wagtail's single chooser already), told which user
    it renders for so that it names restricted people only to those who may see them."""

    def get_form_options(self):
        options = super().get_form_options()
        if self.widget is None and self.db_field.many_to_many:
            options["widgets"] = {self.field_name: MultipleChooser(self.db_field.related_model)}
        return options

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is not None and self.request is not None:
                # The form's widgets are its own copies, so this concerns this form only.
                self.bound_field.field.widget.for_user = self.request.user

        def get_comparison(self):
            """Wagtail's comparison of two revisions of the relation, naming each record as
            the form does."""
            if not self.is_shown():
                return []
            field = self.panel.db_field
            comparison = (
                LabelledM2MFieldComparison
                if field.many_to_many
                else LabelledForeignObjectComparison
            )
            user = self.request.user if self.request is not None else None
            label = functools.partial(record_label, user=user)
            return [functools.partial(comparison, field, label=label)]
