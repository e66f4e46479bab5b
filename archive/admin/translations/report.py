"""Reports > Translations: for one kind of record and one language, each original with the state
of its translation: missing, not translated yet, out of date (its original changed since), up
to date, or translated outside the translation editor. Filtered by state, with counts.

One query gives a page of rows and their states, one more the counts, whatever the number of
records: the states are subqueries the database answers per row (a probe of the
(translation_key, locale) index for the translation, of wagtail-localize's tables for its
strings). People are not in it (``scope``): no listing here names every person."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Exists, OuterRef, Subquery, Value, When
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from archive.models import (
    Event,
    Family,
    Organisation,
    Place,
    ReportedFigure,
    Source,
    TimelineEntry,
)

from .scope import may_translate

# Pages are one kind: statements, about and methodology, the home page and the index.
KINDS = {
    "page": Page,
    "timelineentry": TimelineEntry,
    "event": Event,
    "place": Place,
    "source": Source,
    "reportedfigure": ReportedFigure,
    "family": Family,
    "organisation": Organisation,
}


class State:
    MISSING = "missing"
    NOT_TRANSLATED = "not_translated"
    OUT_OF_DATE = "out_of_date"
    UP_TO_DATE = "up_to_date"
    OUTSIDE_EDITOR = "outside_editor"

    # With a context: "Missing" is also a person's fate, another word in Azerbaijani.
    choices = [
        (MISSING, pgettext_lazy("translation state", "Missing")),
        (NOT_TRANSLATED, pgettext_lazy("translation state", "Not translated yet")),
        (OUT_OF_DATE, pgettext_lazy("translation state", "Out of date")),
        (UP_TO_DATE, pgettext_lazy("translation state", "Up to date")),
        (OUTSIDE_EDITOR, pgettext_lazy("translation state", "Translated outside the editor")),
    ]
    labels = dict(choices)


def _kind_choices():
    return [(key, model._meta.verbose_name_plural.capitalize()) for key, model in KINDS.items()]


def _language_choices():
    default = Locale.get_default()
    return [
        (locale.language_code, locale.get_display_name())
        for locale in Locale.objects.exclude(pk=default.pk).order_by("language_code")
    ]


class TranslationStateFilterSet(WagtailFilterSet):
    # Kind and language choose the rows and their states (TranslationsReportView.get_queryset).
    kind = django_filters.ChoiceFilter(
        label=_("Records"), choices=_kind_choices, empty_label=None, method="chosen_already"
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=_language_choices, empty_label=None, method="chosen_already"
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=State.choices, field_name="translation_state"
    )

    class Meta:
        model = Page  # unused: the view gives the queryset of the kind chosen
        fields = []

    def chosen_already(self, queryset, name, value):
        return queryset


def originals_of(model):
    """The records of ``model`` translations are made from: those in the default locale."""
    originals = model.objects.filter(locale=Locale.get_default())
    if model is Page:
        originals = originals.filter(depth__gt=1)  # the root is no page of the site
    return originals


def with_translation_state(rows, locale):
    """``rows`` (originals) with ``translation_state`` in ``locale`` and ``translation_pk``."""
    versions = rows.model.objects.filter(translation_key=OuterRef("translation_key"), locale=locale)
    # wagtail-localize's record of the translation, and its strings with no translation (yet,
    # or since the original changed) and with one.
    segments = StringSegment.objects.filter(
        source__object_id=OuterRef("translation_key"), source__locale_id=OuterRef("locale_id")
    )
    translated = Exists(
        StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale=locale,
            has_error=False,
        )
    )
    return rows.annotate(
        translation_pk=Subquery(versions.values("pk")[:1]),
        translation_state=Case(
            When(~Exists(versions), then=Value(State.MISSING)),
            When(
                ~Exists(
                    Translation.objects.filter(
                        source__object_id=OuterRef("translation_key"),
                        source__locale_id=OuterRef("locale_id"),
                        target_locale=locale,
                        enabled=True,
                    )
                ),
                then=Value(State.OUTSIDE_EDITOR),
            ),
            When(~Exists(segments.filter(~translated)), then=Value(State.UP_TO_DATE)),
            When(Exists(segments.filter(translated)), then=Value(State.OUT_OF_DATE)),
            default=Value(State.NOT_TRANSLATED),
        ),
    )


def edit_url(row, pk) -> str:
    """The edit view of the record ``pk`` of ``row``'s kind (for a translation: its editor)."""
    if isinstance(row, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    return reverse(row.snippet_viewset.get_url_name("edit"), args=[pk])


class ActionColumn(Column):
    """What to do about the row (its ``accessor`` says): translate it into the language, or open
    its translation."""

    cell_template_name = "archive/admin/translations/action_cell.html"


class TranslationsReportView(ReportView):
    page_title = _("Translations")
    header_icon = "wagtail-localize-language"
    index_url_name = "archive_translations"
    index_results_url_name = "archive_translations_results"
    results_template_name = "archive/admin/translations/report_results.html"
    filterset_class = TranslationStateFilterSet
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _chosen(self, name, choices):
        valid = self.filters.is_valid() and self.filters.form.cleaned_data.get(name)
        return valid or next(iter(choices()), (None,))[0]

    @cached_property
    def kind(self):
        return KINDS[self._chosen("kind", _kind_choices)]

    @cached_property
    def locale(self):
        """The language chosen; None while the archive has no language but the default."""
        return Locale.objects.filter(
            language_code=self._chosen("language", _language_choices)
        ).first()

    def get_queryset(self):
        if self.locale is None:
            return self.kind.objects.none()
        return with_translation_state(originals_of(self.kind), self.locale).order_by("pk")

    @property
    def columns(self):
        return [
            TitleColumn("title", label=_("Original"), accessor=str, url_name=None),
            Column(
                "translation_state",
                label=_("State"),
                accessor=lambda row: State.labels[row.translation_state],
            ),
            ActionColumn("action", label=_("Action"), accessor=self.action_for),
        ]

    def action_for(self, row) -> dict:
        """The action cell of ``row``: a link and its label, or nothing."""
        language = self.locale
        if not may_translate(self.request.user, row):
            return {}
        if row.translation_state == State.OUTSIDE_EDITOR:
            return {
                "post": reverse("archive_translations_adopt"),
                "fields": {
                    "kind": self._chosen("kind", _kind_choices),
                    "pk": row.pk,
                    "language": language.language_code,
                },
                "label": _("Edit side by side"),
            }
        if row.translation_state != State.MISSING:
            return {"url": edit_url(row, row.translation_pk), "label": _("Open the translation")}
        if isinstance(row, Page):
            url = reverse("wagtail_localize:submit_page_translation", args=[row.pk])
        else:
            meta = row._meta
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[meta.app_label, meta.model_name, row.pk],
            )
        query = {"select_locale": language.language_code, "next": self.request.get_full_path()}
        return {
            "url": f"{url}?{urlencode(query)}",
            "label": _("Translate into %(language)s") % {"language": language.get_display_name()},
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counted = {}
        if self.locale is not None:
            rows = self.get_queryset().order_by()  # grouped by state alone
            counted = dict(
                rows.values("translation_state")
                .annotate(n=Count("pk"))
                .values_list("translation_state", "n")
            )
        context["state_counts"] = [(label, counted.get(state, 0)) for state, label in State.choices]
        context["language"] = self.locale.get_display_name() if self.locale else ""
        return context
