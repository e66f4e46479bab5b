"""The bulk actions a listing's footer offers: only those the user may take.

Wagtail's footer (its ``bulk_action_choices`` tag, in Wagtail 8.0) lists every action registered
for the model whoever looks, and refuses on click: editors were offered Approve, Unpublish,
Restrict and Delete. Wagtail has no hook to narrow that list, so the footer template is ours
(``templates/wagtailadmin/bulk_actions/footer.html``) and calls :func:`offered_buttons`, which
lays the buttons out as Wagtail does (the first four, then "More") from the offered actions.
"""

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.widgets import Button, ButtonWithDropdown
from wagtail.admin.widgets.button import ListingButton
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction

# Buttons shown side by side; the rest go under "More" (Wagtail's number).
SIDE_BY_SIDE = 4


def is_offered(action, user, model) -> bool:
    """Whether the footer offers ``action`` to ``user`` on a listing of ``model``."""
    if hasattr(action, "offered_to"):
        return action.offered_to(user, model)
    if issubclass(action, SnippetDeleteBulkAction):
        return policy_registry.get_by_type(model).user_has_permission(user, "delete")
    # Wagtail's other actions (pages moved or deleted, images, documents, users) are allowed
    # or not record by record, and their confirmation says which records are refused.
    return True


def offered_buttons(user, app_label: str, model_name: str) -> list[Button]:
    model = apps.get_model(app_label, model_name)
    actions = sorted(
        (
            action
            for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
            if is_offered(action, user, model)
        ),
        key=lambda action: action.action_priority,
    )

    def url(action):
        # No "next": Wagtail's script adds it, as the listing stands when the button is clicked.
        return reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])

    def attrs(action):
        return {"aria-label": action.aria_label, "data-bulk-action-button": ""}

    buttons = [
        ListingButton(
            action.display_name,
            url(action),
            attrs=attrs(action),
            priority=action.action_priority,
            classname=" ".join(action.classes | {"bulk-action-btn"}),
        )
        for action in actions[:SIDE_BY_SIDE]
    ]
    if more := actions[SIDE_BY_SIDE:]:
        buttons.append(
            ButtonWithDropdown(
                label=_("More"),
                attrs={"title": _("More bulk actions")},
                classname="button button-secondary button-small",
                buttons=[
                    Button(
                        label=action.display_name,
                        url=url(action),
                        attrs=attrs(action),
                        priority=action.action_priority,
                    )
                    for action in more
                ],
            )
        )
    return buttons
