"""Translations of the demo's records and pages, stored as Wagtail stores them.

Each translation is a copy made by Wagtail's ``copy_for_translation`` (same ``translation_key``,
its own locale; pages under the translated parent), with its text in the new language, links to
translatable records pointed at their translations in that language (as wagtail-localize's
synchronisation points them), and then published through a revision like any editor's work. So
the admin, the translation workflow and the public site all find them as they find an editor's."""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin


def translation(original, language: str, fields: dict):
    """``original``'s translation into ``language``, made the first time with ``fields``."""
    locale = Locale.objects.get(language_code=language)
    found = original.get_translation_or_none(locale)
    if found is not None:
        return found
    copy = original.copy_for_translation(locale)  # a page: saved, a draft under its parent
    for name, value in fields.items():
        setattr(copy, name, value)
    _point_links_at_translations(copy, locale)
    if isinstance(copy, Page):
        copy.save_revision().publish()
        return copy
    if isinstance(copy, DraftStateMixin):
        # The copy carries the original's publishing state; it is published afresh below.
        copy.live, copy.live_revision = False, None
        copy.first_published_at = copy.last_published_at = None
    copy.save()
    if isinstance(copy, DraftStateMixin):
        copy.save_revision().publish()
    return copy


def _point_links_at_translations(copy, locale: Locale) -> None:
    """Each link to a translatable record leads to its translation in ``locale`` where there
    is one (a translated entry names the translated place), else to the record itself."""
    for field in copy._meta.get_fields():
        target = field.related_model
        if field.auto_created or not (
            isinstance(target, type) and issubclass(target, TranslatableMixin)
        ):
            continue
        if isinstance(field, models.ForeignKey) and not field.remote_field.parent_link:
            linked = getattr(copy, field.name)
            if linked is not None and field.name != "alias_of":
                setattr(copy, field.name, linked.get_translation_or_none(locale) or linked)
        elif isinstance(field, ParentalManyToManyField):
            linked = getattr(copy, field.name).all()
            setattr(copy, field.name, [r.get_translation_or_none(locale) or r for r in linked])
