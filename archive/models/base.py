"""What moderated collections share: drafts, revisions, locking, preview, workflow, locales."""

import functools

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models.functions import Now
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from archive.names import without_direction_controls


def optional_link(model: str, label, related_name: str = "+") -> models.ForeignKey:
    """An optional link to a record of reference data (a place, a source, an event): left
    empty when unknown, and emptied when that record is deleted."""
    return models.ForeignKey(
        model,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


def localize(rows: models.QuerySet, language_code: str | None = None) -> models.QuerySet:
    """One row per translation group: the active language's version where there is one,
    otherwise the default locale's original. One query, whatever the number of rows.

    A translation replaces the original only when it passes the same filters as ``rows``, so a
    draft translation never hides a published original; call it right after ``public()``."""
    language_code = language_code or translation.get_language() or "en"
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if language_code == default_code:
        # Found by the database within the query, which costs less than asking for it first.
        return rows.filter(locale=_locale_id(default_code))
    # The locales are asked for first, so that the query names them: for a locale it cannot
    # see, PostgreSQL expects half the rows to be in it, and read all 100,000 people to find
    # the few Azerbaijani translations (200 ms, where the index of locales finds them at once).
    locales = dict(
        Locale.objects.filter(language_code__in=(default_code, language_code)).values_list(
            "language_code", "pk"
        )
    )
    default, active = locales.get(default_code), locales.get(language_code)
    if active is None:  # a language without a locale of its own: the originals remain
        return rows.filter(locale=default)
    # The translated groups are read once, as a set each row is looked up in, which keeps
    # the rows in the order of the index they are read by (an anti-join would not).
    translated = rows.filter(locale=active).values("translation_key")
    return rows.filter(
        models.Q(locale=active)
        | models.Q(locale=default) & ~models.Q(translation_key__in=translated)
    )


def _locale_id(language_code: str) -> models.Subquery:
    return models.Subquery(Locale.objects.filter(language_code=language_code).values("pk")[:1])


def kept_as_in_original(*fields: str) -> list[SynchronizedField]:
    """What a translation keeps as its original has it, for wagtail-localize (a model's
    ``override_translatable_fields``): slugs, which address the record in every language, and
    links to other translatable records. A link stays the original record, read in the reader's
    language by its ``translation_key`` (``localize``); wagtail-localize would otherwise copy
    each linked place, event or source into the language, with the original's words."""
    return [SynchronizedField(field) for field in fields]


def unexpired() -> models.Q:
    """Not past ``expire_at``, compared with the database's clock, so a record is hidden the
    moment it expires and not only once the scheduler (``publish_scheduled``) unpublishes it."""
    return models.Q(expire_at__isnull=True) | models.Q(expire_at__gt=Now())


def without_direction_controls_anywhere(instance: models.Model) -> None:
    """Drop bidirectional override and isolate characters (U+202A-202E, U+2066-2069) from
    every text field of ``instance``, rich text and stream blocks included: one left open
    reverses the rest of the page around it (a name, a biography, a title)."""
    streams, texts = _text_fields(type(instance))
    for field in streams:
        blocks = field.get_prep_value(getattr(instance, field.attname))
        cleaned = _without_controls(blocks)
        if cleaned != blocks:
            setattr(instance, field.attname, field.to_python(cleaned))
    for attname in texts:
        value = getattr(instance, attname)
        if isinstance(value, str):
            setattr(instance, attname, without_direction_controls(value))


@functools.cache
def _text_fields(model) -> tuple[list, list[str]]:
    """A model's stream fields, and the attnames of its text fields: found once per model (an
    import cleans 100,000 people, and asking each field its class took a tenth of it)."""
    fields = model._meta.concrete_fields
    streams = [field for field in fields if isinstance(field, StreamField)]
    texts = [
        field.attname for field in fields if isinstance(field, (models.CharField, models.TextField))
    ]
    return streams, texts


def _without_controls(value):
    if isinstance(value, str):
        return without_direction_controls(value)
    if isinstance(value, list):
        return [_without_controls(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_controls(item) for key, item in value.items()}
    return value


class DirectionSafeText(models.Model):
    """Saves its text without bidirectional controls (see
    :func:`without_direction_controls_anywhere`): editors' forms, imports and publishing a
    revision all pass through ``save()``."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        without_direction_controls_anywhere(self)
        super().save(*args, **kwargs)


class LocalizedQuerySet(models.QuerySet):
    def localized(self, language_code: str | None = None):
        """See :func:`localize`."""
        return localize(self, language_code)

    def in_groups_of(self, rows: models.QuerySet):
        """The rows whose translation group holds one of ``rows``: reference data is public
        where something public uses it, in every language, so ``localized()`` may come
        before or after."""
        return self.filter(translation_key__in=rows.values("translation_key"))

    def public(self):
        """What anonymous visitors may see. Reference data (events, figures) is public as soon
        as an editor saves it; models whose rows may be hidden narrow this."""
        return self.all()


class PublishableQuerySet(LocalizedQuerySet):
    def public(self):
        """What anonymous visitors may see: the live version of published records that have
        not expired."""
        return self.filter(unexpired(), live=True)


class ModeratedSnippet(
    DirectionSafeText,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A snippet that editors draft and moderators publish."""

    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s"
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )

    objects = PublishableQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    @property
    def publication_status(self) -> str:
        if not self.live:
            return _("draft")
        return _("live + draft") if self.has_unpublished_changes else _("live")


class TranslatableSnippet(DirectionSafeText, TranslatableMixin, index.Indexed, ClusterableModel):
    """Reference data (places, sources, organisations): published as soon as saved."""

    objects = LocalizedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True
