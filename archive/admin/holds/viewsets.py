"""Holds in the admin, for moderators only: the snippet's permissions (``hold``) are given to
the Moderators group alone (:mod:`archive.admin.roles`), so editors neither see the menu
item nor reach a hold's address."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from archive.admin.forms import ArchiveAdminForm
from archive.models import Hold

EDIT_HANDLER = ObjectList(
    [
        MultiFieldPanel([FieldPanel("person"), FieldPanel("record_named")], heading=_("Record")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("reason")]),
                FieldPanel("whole_record"),
                FieldRowPanel(
                    [
                        FieldPanel("hides_photo"),
                        FieldPanel("hides_biography"),
                        FieldPanel("hides_birth_date"),
                        FieldPanel("hides_residence"),
                    ]
                ),
                FieldPanel("review_on"),
            ],
            heading=_("Hold"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("requested_on"), FieldPanel("asked_for")]),
                FieldRowPanel([FieldPanel("requester_name"), FieldPanel("requester_relationship")]),
                FieldPanel("requester_email"),
                FieldPanel("message"),
            ],
            heading=_("Request"),
        ),
    ],
    base_form_class=ArchiveAdminForm,
)


class HoldSnippetViewSet(SnippetViewSet):
    model = Hold
    icon = "lock"
    menu_label = _("Holds")
    edit_handler = EDIT_HANDLER
    list_display = ["__str__", "status", "reason", "requested_on", "review_on"]
    list_filter = ["status", "reason", "whole_record"]
    list_per_page = 50
    copy_view_enabled = False

    def get_queryset(self, request):
        return Hold.objects.select_related("person")
