from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import RichTextField
from wagtail.search import index

from .base import ModeratedSnippet, PublishableQuerySet, kept_as_in_original
from .dates import DateRange, PartialDate, partial_date_fields
from .media import attached_in_memory
from .searchable import Searchable


class TimelineEntryQuerySet(PublishableQuerySet):
    def with_public_links(self):
        """Entries with what every surface shows of them, in four queries: place, event,
        locale, sources, and their public statements and people as ``public_statements`` and
        ``public_people`` (a link to a hidden record is never shown)."""
        get_model = apps.get_app_config("archive").get_model
        return self.select_related("place", "event", "locale").prefetch_related(
            "sources",
            models.Prefetch(
                "related_statements",
                get_model("StatementPage").objects.public().select_related("locale"),
                to_attr="public_statements",
            ),
            models.Prefetch(
                "related_people", get_model("Person").objects.public(), to_attr="public_people"
            ),
        )

    def with_media(self):
        """With each entry's photos and documents as ``shown_media`` (two queries more)."""
        shown = apps.get_app_config("archive").get_model("TimelineEntryMedia").objects
        return self.prefetch_related(
            models.Prefetch("media", shown.for_display(), to_attr="shown_media")
        )


class TimelineEntry(Searchable, DateRange, ModeratedSnippet):
    """A dated entry on an event's timeline: what happened, its context, its commemoration."""

    searched_fields = ("title", "summary")

    class Category(models.TextChoices):
        EVENT = "event", _("Event")
        CONTEXT = "context", _("Context")
        COMMEMORATION = "commemoration", _("Commemoration")
        LEGAL = "legal", _("Legal")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)
    start, start_precision, start_approximate = partial_date_fields(_("start date"), required=True)
    end, end_precision, end_approximate = partial_date_fields(_("end date"))
    summary = models.TextField(_("summary"))
    body = RichTextField(_("body"), blank=True)
    place = models.ForeignKey(
        "archive.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.EVENT
    )
    event = models.ForeignKey(
        "archive.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="timeline_entries",
    )
    related_statements = ParentalManyToManyField(
        "archive.StatementPage",
        verbose_name=_("related statements"),
        blank=True,
        related_name="timeline_entries",
    )
    related_people = ParentalManyToManyField(
        "archive.Person", verbose_name=_("related people"), blank=True, related_name="+"
    )
    sources = ParentalManyToManyField("archive.Source", verbose_name=_("sources"), blank=True)

    objects = TimelineEntryQuerySet.as_manager()
    override_translatable_fields = kept_as_in_original("slug", "place", "event")
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("live"),
    ]

    class Meta(ModeratedSnippet.Meta):
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.start_date}: {self.title}"

    @property
    def anchor(self) -> str:
        """The entry's fragment identifier on the timeline page."""
        return f"entry-{self.slug or self.pk}"

    def get_absolute_url(self) -> str:
        return f"{reverse('archive:timeline')}#{self.anchor}"

    @property
    def distinct_end_date(self) -> PartialDate | None:
        """The end date, when the entry spans a range rather than one date."""
        if self.end_date and self.end_date != self.start_date:
            return self.end_date
        return None

    @property
    def when(self) -> str:
        """The date or range as precisely as it is known: "27 September 1992 – 10 November 2020"."""
        if self.distinct_end_date:
            return f"{self.start_date} – {self.distinct_end_date}"
        return str(self.start_date)

    def get_preview_template(self, request, mode_name):
        return "archive/timeline/entry_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"entry": self, "is_preview": True, "media": attached_in_memory(self)}

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify(self.title)[:120]
