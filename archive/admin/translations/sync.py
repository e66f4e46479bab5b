"""A change to an original marks its translations out of date.

wagtail-localize keeps what it translates from (a ``TranslationSource``: the original's
strings, each translated or not per language) and, left alone, refreshes it only when someone
presses "Sync translated snippets". Here it is refreshed whenever a change to the original
reaches readers: when a record without drafts is saved, when a draft is published. Strings
that changed are then untranslated in every language, which the report shows as out of date
and the editor shows as empty; strings that did not change keep their translations. The
translations themselves stay as they were until translated again and published."""

from django.db.models.signals import post_save
from wagtail.models import DraftStateMixin
from wagtail.signals import page_published, published
from wagtail_localize.models import TranslationSource

from .scope import is_translated


def refresh_source(sender, instance, **kwargs):
    """Refreshes the strings translated from ``instance``, if it is the original of some."""
    if not is_translated(type(instance)):
        return
    if kwargs.get("signal") is post_save and isinstance(instance, DraftStateMixin):
        return  # a draft changes nothing that readers see: its publication does
    if TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).exists():
        TranslationSource.update_or_create_from_instance(instance)


def connect_source_refresh() -> None:
    post_save.connect(refresh_source, dispatch_uid="translation_source_saved")
    published.connect(refresh_source, dispatch_uid="translation_source_published")
    page_published.connect(refresh_source, dispatch_uid="translation_source_page_published")
