"""Bringing a translation made outside the editor (the demo's, a copy edited by hand) into it,
so that it is edited side by side with its original and marked out of date when that changes.

Its text becomes the translation of the original's strings, matched by where each string is
(the field, the stream block, the place within a rich text: a copy keeps its original's
structure). A string left as in the original is taken as not translated yet, which is what an
untranslated copy holds; a string whose place the copy no longer has stays to translate."""

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

from .report import KINDS, State, edit_url, originals_of, with_translation_state
from .scope import may_translate


def adopt(original, translation, user=None) -> Translation:
    """wagtail-localize's record of ``translation`` (of ``original``), with its strings."""
    if isinstance(original, Page):
        original, translation = original.specific, translation.specific
    source, _ = TranslationSource.update_or_create_from_instance(original)
    written = defaultdict(list)
    for value in extract_segments(translation):
        if isinstance(value, StringSegmentValue):
            written[value.path].append(value.string.data)
    for segment in source.stringsegment_set.select_related("context", "string").order_by("order"):
        here = written.get(segment.context.path)
        text = here.pop(0) if here else None
        if text and text != segment.string.data:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "last_translated_by": user,
                },
            )
    tracked, _ = Translation.objects.update_or_create(
        source=source, target_locale=translation.locale, defaults={"enabled": True}
    )
    return tracked


@require_POST
def adopt_view(request):
    """The report's "Edit side by side": adopts one translation and opens it in the editor."""
    model = KINDS.get(request.POST.get("kind"))
    if model is None:
        raise Http404
    original = get_object_or_404(model, pk=request.POST.get("pk"), locale=Locale.get_default())
    locale = get_object_or_404(Locale, language_code=request.POST.get("language"))
    translation = get_object_or_404(model, translation_key=original.translation_key, locale=locale)
    if not may_translate(request.user, original):
        raise PermissionDenied
    adopt(original, translation, request.user)
    return redirect(edit_url(original, translation.pk))


def adopt_everything(user=None) -> int:
    """Adopts every translation made outside the editor, of every kind in every language (after
    ``load_demo``, say); returns how many."""
    adopted = 0
    for model in KINDS.values():
        for locale in Locale.objects.exclude(pk=Locale.get_default().pk):
            rows = with_translation_state(originals_of(model), locale)
            for original in rows.filter(translation_state=State.OUTSIDE_EDITOR):
                adopt(original, model.objects.get(pk=original.translation_pk), user)
                adopted += 1
    return adopted
