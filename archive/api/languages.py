"""Records in the answer's language, those named inside others included.

A list shows each record's version in the answer's language where it has been translated
(``localize()``). A record names others (a person their places, event, sources and families;
an entry its statements and people), and those are written in their version in that language
too, where it is public. Every record and every record named says with ``fallback`` whether
its text is its original's, for want of a version in the answer's language."""

from __future__ import annotations

from django.db.models import Model
from wagtail.models import Locale, TranslatableMixin

from archive.caching import depends_on_tables, remembered


class Versions:
    """The public versions of records in one language, found once per request and content
    generation for each model."""

    def __init__(self, request, language: str):
        self.request, self.language = request, language
        self._found = request.__dict__.setdefault("_archive_versions", {})

    def of(self, record: Model) -> Model:
        """``record`` in the language, or ``record`` itself where it has no public version in
        it (or is not translatable)."""
        if not isinstance(record, TranslatableMixin) or not self.is_fallback(record):
            return record
        return self._versions(type(record)).get(record.translation_key, record)

    def is_fallback(self, record: Model) -> bool:
        return record.locale_id != self._locale_id()

    def _locale_id(self) -> int | None:
        key = ("locale", self.language)
        if key not in self._found:
            self._found[key] = remembered(
                "api-locale-id",
                lambda: (
                    Locale.objects.filter(language_code=self.language)
                    .values_list("pk", flat=True)
                    .first()
                ),
                self.language,
                request=self.request,
                depends_on=(),
            )
        return self._found[key]

    def _versions(self, model: type[Model]) -> dict:
        key = (model, self.language)
        if key not in self._found:
            locale_id = self._locale_id()
            self._found[key] = remembered(
                f"api-versions:{model._meta.label}",
                lambda: {
                    row.translation_key: row
                    for row in model.objects.public().filter(locale_id=locale_id)
                },
                self.language,
                request=self.request,
                depends_on=depends_on_tables(model._meta.db_table),
            )
        return self._found[key]
