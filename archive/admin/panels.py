"""Edit-form panels of the archive's own."""

from django.utils.functional import cached_property
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import (
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    Panel,
    get_form_for_model,
)

from .forms import FAMILY_MEMBERSHIPS, ChosenLinksFormSet, PartialDatesChildForm


class TimelineLinksPanel(Panel):
    """On a statement's form: the timeline entries that cite it. The link itself is kept on
    the entry (its "related statements"), so each entry leads to its own form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "archive/admin/timeline_links_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            entries = self.instance.timeline_entries.order_by("start") if self.instance.pk else []
            urls = AdminURLFinder(self.request.user)
            context["entries"] = [(entry, urls.get_edit_url(entry)) for entry in entries]
            return context


class ChosenLinksInlinePanel(InlinePanel):
    """An inline panel whose rows' choosers read their records in one query per link
    (:class:`archive.admin.forms.ChosenLinksFormSet`), however many rows there are."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = ChosenLinksFormSet
        return options


class PlainFieldsPanel(MultiFieldPanel):
    """One row of an inline panel drawn as plain fields: each its label, errors, input and
    help, in the rows its ``FieldRowPanel`` children lay out. Wagtail draws each field of a
    row as a panel of its own (anchors, wrappers, a comment button that an inline row
    disables): 19 KB a fate event, where this draws 12 KB, and 15 to 20 % less of the person
    form's CPU with six events at 100,000 people (``PlainRowsInlinePanel``; bench/RESULTS.md)."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "archive/admin/plain_fields_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rows"] = [
                child.visible_children if isinstance(child.panel, FieldRowPanel) else [child]
                for child in self.visible_children
            ]
            return context


class PlainRowsInlinePanel(ChosenLinksInlinePanel):
    """An inline panel whose rows are :class:`PlainFieldsPanel`: for rows of a few short
    fields that a record may have many of (a person's fate events)."""

    @cached_property
    def child_edit_handler(self):
        rows = PlainFieldsPanel(self.panel_definitions, heading=self.heading)
        return rows.bind_to_model(self.db_field.related_model)


class PartialDatesInlinePanel(PlainRowsInlinePanel):
    """An inline panel whose rows edit each partial date as one text box, as the record's own
    form does (:class:`archive.admin.forms.PartialDatesMixin`)."""

    def get_form_options(self):
        options = super().get_form_options()
        # Wagtail sets a row form of its own only to defer required fields (for drafts).
        deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
        options["formsets"][self.relation_name]["form"] = get_form_for_model(
            self.db_field.related_model,
            form_class=PartialDatesChildForm,
            **({"defer_required_on_fields": deferred} if deferred else {}),
        )
        return options


class FamilyMembershipsPanel(Panel):
    """On a person's form: the families they belong to, each chosen with its relationship.

    The rows are a formset of :class:`archive.admin.forms.PersonForm`; where that form has none
    (the user may not change families) the panel is not shown."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "archive/admin/family_memberships_panel.html"

        @property
        def memberships(self):
            return self.form.formsets.get(FAMILY_MEMBERSHIPS)

        def is_shown(self):
            return self.memberships is not None and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["formset"] = self.memberships
            return context
