"""wagtail-localize's admin URLs, kept within the translation workflow's scope.

Its views check little of what this archive needs: the translators' permission alone lets one
translate any translatable record (people included, restricted ones too, whose names and
biographies would then show in the editor, the PO file and the report); its snippets API lists
every row of a model (100,000 people, unpaginated); and a PO upload without a file, or one that
is no PO file made for the translation, answers 500. ``guarded_localize_urls`` is registered in
place of its ``register_admin_urls`` hook (archive/wagtail_hooks.py): the same URLs and views,
each answering 404 about a record outside the scope (``scope.is_translated``), 403 to a
submission by someone who may not edit the record, and a form error to a bad upload."""

import functools
import tempfile

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize import wagtail_hooks as localize
from wagtail_localize.models import Translation, TranslationSource

from .scope import is_translated, may_translate

SUBMISSIONS = {"submit_snippet_translation", "submit_page_translation"}
# Its report of the translations made, superseded by the archive's (``report``), which also
# lists what is missing; its own names any record translated, people too.
SUPERSEDED = {"translations_report", "translations_report_results"}


def _model_named_by(kwargs):
    """The model a localize URL is about, from its arguments; None for the report and the
    JavaScript catalogue, which are about no record."""
    if "model_name" in kwargs:
        return get_snippet_model_from_url_params(kwargs["app_label"], kwargs["model_name"])
    if "translation_id" in kwargs:
        source = get_object_or_404(Translation, pk=kwargs["translation_id"]).source
        return source.specific_content_type.model_class()
    if "translation_source_id" in kwargs:
        source = get_object_or_404(TranslationSource, pk=kwargs["translation_source_id"])
        return source.specific_content_type.model_class()
    if "page_id" in kwargs:
        return Page
    return None


def _within_scope(view, name):
    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        model = _model_named_by(kwargs)
        if name in SUPERSEDED or (model is not None and not is_translated(model)):
            raise Http404
        if name in SUBMISSIONS and not may_translate(request.user, _record(model, kwargs)):
            raise PermissionDenied
        if name == "upload_pofile" and not _is_po_file_for(request, kwargs["translation_id"]):
            return redirect(get_valid_next_url_from_request(request) or request.path)
        return view(request, *args, **kwargs)

    return guarded


def _record(model, kwargs):
    if model is Page:
        return get_object_or_404(Page, pk=kwargs["page_id"]).specific
    return get_object_or_404(model, pk=kwargs["pk"])


def _is_po_file_for(request, translation_id) -> bool:
    """Whether the upload is a PO file made for this translation (its export names it); if
    not, says why in a message."""
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a PO file to upload."))
        return False
    # polib reads a string that names a file as that file: give it the upload as a file.
    with tempfile.NamedTemporaryFile(suffix=".po") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        try:
            catalogue = polib.pofile(copy.name)
        except (OSError, UnicodeDecodeError, ValueError):
            catalogue = None
    upload.seek(0)
    if catalogue is None:
        messages.error(request, _("This file is not a PO file."))
        return False
    expected = str(get_object_or_404(Translation, pk=translation_id).uuid)
    if catalogue.metadata.get("X-WagtailLocalize-TranslationID") != expected:
        messages.error(
            request, _("This PO file was not exported from this translation: download it here.")
        )
        return False
    return True


def guarded_localize_urls():
    patterns = localize.register_admin_urls()
    for resolver in patterns:
        for pattern in resolver.url_patterns:
            pattern.callback = _within_scope(pattern.callback, pattern.name)
    return patterns
