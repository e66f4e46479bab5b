"""Template tags of the editors' admin."""

from django import template

from archive.admin.bulk.footer import offered_buttons

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def offered_bulk_action_choices(context, app_label, model_name):
    """The bulk action buttons of a listing's footer, less those the user may not use."""
    return {"buttons": offered_buttons(context["request"].user, app_label, model_name)}
