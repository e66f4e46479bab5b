"""Bulk actions on people without the restricted records a member of staff may not see.

Wagtail's confirmation pages name every selected record, including those the user may not act
on ("You don't have permission to delete this person ..."), so walking ids would recover
restricted names. Every bulk action registered for people, Wagtail's or ours, is dispatched
through :func:`bulk_action`, which leaves those records out as if they did not exist."""

from django.apps import apps
from django.http import Http404
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from archive.models import Person
from archive.models.people import may_see_restricted


class WithoutRestrictedPeople:
    def get_queryset(self, model, object_ids):
        # Called on the instance, though Wagtail declares it a class method; filtering the
        # records it returns keeps whatever shape a subclass gave them.
        people = super().get_queryset(model, object_ids)
        if may_see_restricted(self.request.user):
            return people
        visible = [person for person in people if not person.is_restricted]
        if not visible:
            raise Http404
        return visible


def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk action dispatcher, with :class:`WithoutRestrictedPeople` mixed into the
    actions on people."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    if model is Person:
        action_class = type(action_class.__name__, (WithoutRestrictedPeople, action_class), {})
    return action_class(request, model).dispatch(request)
