"""The edit forms of the archive's snippets: their panels and base form classes, which the
snippet viewsets (:mod:`.viewsets`) hand to Wagtail as their ``edit_handler``, so that models
import nothing from the admin. Page types keep their ``content_panels`` on the page model,
where Wagtail's page editor reads them."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
)

from archive.models.media import media_panel

from .change_reasons import PersonChangeForm, TimelineEntryChangeForm, reason_panel
from .forms import ArchiveAdminForm, PartialDatesForm
from .panels import ChosenLinksInlinePanel, FamilyMembershipsPanel, PartialDatesInlinePanel
from .widgets import ChooserPanel

EVENT = ObjectList(
    [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("place"),
        FieldPanel("summary"),
    ],
    base_form_class=PartialDatesForm,
)


FIGURE = ObjectList(
    [
        FieldPanel("event"),
        FieldRowPanel([FieldPanel("counts"), FieldPanel("custom_label")]),
        FieldRowPanel([FieldPanel("qualifier"), FieldPanel("value")]),
        FieldPanel("attributed_to"),
        FieldPanel("source"),
        FieldPanel("as_of"),
        FieldPanel("sort_order"),
    ],
    base_form_class=PartialDatesForm,
)


# In the order an editor reads a list entry: who, born when, what happened, where, family.
PERSON = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("family_name"),
                        FieldPanel("given_name"),
                        FieldPanel("patronymic"),
                    ]
                ),
                FieldPanel("name_original"),
                FieldPanel("alternative_spellings"),
                FieldPanel("sex"),
            ],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("born"), FieldPanel("stated_age")])], heading=_("Birth")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("fate"), FieldPanel("fate_date")]),
                FieldRowPanel([FieldPanel("fate_place"), FieldPanel("event")]),
                PartialDatesInlinePanel(
                    "fate_events",
                    heading=_("Fate events"),
                    panels=[
                        FieldRowPanel(
                            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("certainty")]
                        ),
                        FieldRowPanel([FieldPanel("place"), FieldPanel("source")]),
                        FieldPanel("note"),
                    ],
                ),
            ],
            heading=_("Fate"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("birth_place"), FieldPanel("residence")])],
            heading=_("Places"),
        ),
        MultiFieldPanel(
            [FieldPanel("occupation"), FieldPanel("biography"), FieldPanel("photo")],
            heading=_("Life"),
        ),
        media_panel(),
        FamilyMembershipsPanel(heading=_("Family")),
        MultiFieldPanel(
            [
                ChooserPanel("sources"),
                FieldPanel("verification"),
                ChosenLinksInlinePanel("testimonies", heading=_("Testimonies")),
            ],
            heading=_("Sources and testimonies"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("visibility"),
                FieldPanel("is_synthetic"),
                FieldPanel("external_id"),
                ChooserPanel("possible_duplicate_of"),
            ],
            heading=_("Visibility"),
        ),
        reason_panel(),
        PublishingPanel(),
    ],
    base_form_class=PersonChangeForm,
)


FAMILY = ObjectList(
    [
        FieldPanel("name"),
        FieldPanel("whole_family_killed"),
        FieldPanel("notes"),
        ChosenLinksInlinePanel(
            "memberships",
            heading=_("Members"),
            panels=[ChooserPanel("person"), FieldPanel("relationship")],
        ),
        media_panel(),
    ],
    base_form_class=ArchiveAdminForm,
)


PLACE = ObjectList(
    [
        FieldPanel("name"),
        FieldPanel("alternative_names"),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("coordinates")),
    ]
)


ORGANISATION = ObjectList([FieldPanel("name"), FieldPanel("country"), FieldPanel("kind")])


SOURCE = ObjectList(
    [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("author")]),
        FieldPanel("url"),
        MultiFieldPanel(
            [
                FieldPanel("published"),
                FieldPanel("accessed"),
            ],
            heading=_("dates"),
        ),
        FieldPanel("language"),
        FieldPanel("document"),
        FieldPanel("notes"),
    ],
    base_form_class=PartialDatesForm,
)


TIMELINE_ENTRY = ObjectList(
    [
        FieldPanel("title"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            ],
            heading=_("When"),
        ),
        FieldPanel("category"),
        FieldPanel("event"),
        FieldPanel("place"),
        FieldPanel("summary"),
        FieldPanel("body"),
        ChooserPanel("related_statements"),
        ChooserPanel("related_people"),
        ChooserPanel("sources"),
        media_panel(),
        reason_panel(),
        PublishingPanel(),
    ],
    base_form_class=TimelineEntryChangeForm,
)
