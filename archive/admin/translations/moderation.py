"""Translations pass the moderation their originals pass.

wagtail-localize's editor offers "Publish" to those who may publish and nothing else, so an
editor's translation could never reach a moderator. Its page carries a "Submit to moderation"
form as well (templates/wagtail_localize/admin/edit_translation.html), for records with a
workflow (timeline entries, pages): the translated strings are saved as a draft revision of the
translation (what readers see of it stays as it is), which enters the record's workflow, where
moderators approve it or ask for changes as they do for any draft. Records without drafts
(places, sources, events ...) are saved by whoever may edit them, translations as originals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState
from wagtail_localize.models import Translation

SUBMIT = "archive-submit-translation"


def translation_editing(instance) -> Translation | None:
    """The translation wagtail-localize's editor edits ``instance`` through, if any."""
    return Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).first()


def moderation_of(instance) -> dict | None:
    """What the editor's page says about ``instance``'s moderation: its workflow and the state
    it is in; None when it has no workflow."""
    workflow = getattr(instance, "get_workflow", lambda: None)()
    if workflow is None:
        return None
    return {"workflow": workflow, "state": instance.current_workflow_state, "submit": SUBMIT}


def submit_translation(request, instance):
    """A ``before_edit_snippet`` and ``before_edit_page`` hook, run before wagtail-localize's:
    answers the editor's "Submit to moderation". The edit view has checked that the user may
    edit ``instance``."""
    if request.method != "POST" or SUBMIT not in request.POST:
        return None
    translation = translation_editing(instance)
    moderation = moderation_of(instance)
    if translation is None or moderation is None:
        return None
    # A draft revision only: wagtail-localize's save_target(publish=False) writes the strings
    # into the record itself, which for a translation already published is what readers see.
    translated = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    try:
        translated.save_revision(user=request.user)
    except ValidationError:
        messages.error(
            request,
            _("Some translations are not valid for their fields: correct them, then submit."),
        )
        return redirect(request.path)

    instance = type(instance).objects.get(pk=instance.pk)  # with the revision just saved
    state = moderation["state"]
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(request.user)
    elif state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        moderation["workflow"].start(instance, request.user)
    # A state already in progress reviews the latest revision, which is now this one.
    messages.success(
        request,
        _("The %(language)s translation of '%(record)s' was submitted to moderation.")
        % {"language": translation.target_locale.get_display_name(), "record": instance},
    )
    return redirect(request.path)
