from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .base import TranslatableSnippet, kept_as_in_original, optional_link
from .dates import DateRange, partial_date_fields
from .searchable import Searchable


class Event(Searchable, DateRange, TranslatableSnippet):
    """A commemorated event. One archive can hold several."""

    searched_fields = ("name", "summary")

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100)
    start, start_precision, start_approximate = partial_date_fields(_("start date"), required=True)
    end, end_precision, end_approximate = partial_date_fields(_("end date"))
    place = optional_link("archive.Place", _("place"), related_name="events")
    summary = models.TextField(_("summary"), blank=True)

    override_translatable_fields = kept_as_in_original("slug", "place")

    search_fields = [index.SearchField("name"), index.SearchField("summary")]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name
