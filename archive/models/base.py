"""What moderated collections share: drafts, revisions, locking, preview, workflow, locales."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.coreutils import get_supported_content_language_variant
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


def localize(rows: models.QuerySet, language_code: str | None = None) -> models.QuerySet:
    """One row per translation group: the active language's version where there is one,
    otherwise the default locale's original. One query, whatever the number of rows.

    A translation replaces the original only when it passes the same filters as ``rows``, so a
    draft translation never hides a published original; call it right after ``public()``.
    The locales are found by the database within that query, which costs less than asking
    for them first."""
    language_code = language_code or translation.get_language() or "en"
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    default = _locale_id(default_code)
    if language_code == default_code:
        return rows.filter(locale=default)
    # A language without a locale of its own finds no translation: the originals remain.
    active = _locale_id(language_code)
    translated = rows.filter(translation_key=models.OuterRef("translation_key"), locale=active)
    return rows.filter(
        models.Q(locale=active) | models.Q(locale=default) & ~models.Exists(translated)
    )


def _locale_id(language_code: str) -> models.Subquery:
    return models.Subquery(Locale.objects.filter(language_code=language_code).values("pk")[:1])


class LocalizedQuerySet(models.QuerySet):
    def localized(self, language_code: str | None = None):
        """See :func:`localize`."""
        return localize(self, language_code)


class PublishableQuerySet(LocalizedQuerySet):
    def public(self):
        """What anonymous visitors may see: the live version of published records."""
        return self.filter(live=True)


class ModeratedSnippet(
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


class TranslatableSnippet(TranslatableMixin, index.Indexed, ClusterableModel):
    """Reference data (places, sources, organisations): published as soon as saved."""

    objects = LocalizedQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True
