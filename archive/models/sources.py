from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .base import LocalizedQuerySet, TranslatableSnippet
from .dates import PartialDate, normalise_fields, partial_date_fields
from .searchable import Searchable


def _model(name: str) -> type[models.Model]:
    # The models that cite sources and name issuers import this module.
    return apps.get_app_config("archive").get_model(name)


class OrganisationQuerySet(LocalizedQuerySet):
    def public(self):
        """Organisations that issued a public statement, in every language."""
        issuers = self.model.objects.filter(
            pk__in=_model("StatementPage").objects.public().values("issuer")
        )
        return self.in_groups_of(issuers)


class Organisation(TranslatableSnippet):
    """Who issues statements: a ministry, a parliament, an international body."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government or ministry")
        PARLIAMENT = "parliament", _("Parliament")
        INTERNATIONAL = "international", _("International organisation")
        NGO = "ngo", _("Non-governmental organisation")
        MEDIA = "media", _("News organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    country = models.CharField(_("country"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)

    objects = OrganisationQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        # What the admin listing filters on, so a search can be filtered too.
        index.FilterField("country"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SourceQuerySet(LocalizedQuerySet):
    def public(self):
        """Sources cited by a public record, testimony, fate event, page, entry or figure, in
        every language. A source cited only by a draft or a restricted record stays private
        with it: its title may name the person."""
        cited = (
            models.Q(pk__in=_model("Person").objects.public().values("sources"))
            | models.Q(pk__in=_model("Testimony").objects.public().values("source"))
            | models.Q(pk__in=_model("FateEvent").objects.public().values("source"))
            | models.Q(pk__in=_model("TimelineEntry").objects.public().values("sources"))
            | models.Q(pk__in=_model("StatementPage").objects.public().values("sources"))
            | models.Q(pk__in=_model("ReportedFigure").objects.public().values("source"))
            | media_sources()
        )
        return self.in_groups_of(self.model.objects.filter(cited))


def media_sources() -> models.Q:
    """Sources of the photos and documents of public records (:mod:`.media`)."""
    return models.Q(
        *(
            models.Q(pk__in=_model(name).objects.public().values("source"))
            for name in ("PersonMedia", "FamilyMedia", "TimelineEntryMedia", "StatementMedia")
        ),
        _connector=models.Q.OR,
    )


class Source(Searchable, TranslatableSnippet):
    """A citation. Every figure and claim in the archive points to one."""

    searched_fields = ("title", "publisher", "author")

    class Kind(models.TextChoices):
        OFFICIAL_STATEMENT = "official_statement", _("Official statement")
        NEWS_REPORT = "news_report", _("News report")
        TESTIMONY = "testimony", _("Testimony")
        GOVERNMENT_LIST = "government_list", _("Government list")
        COURT_RECORD = "court_record", _("Court record")
        NGO_REPORT = "ngo_report", _("NGO report")
        BOOK = "book", _("Book")
        ARCHIVAL_DOCUMENT = "archival_document", _("Archival document")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    publisher = models.CharField(
        _("publisher"), max_length=255, blank=True, help_text=_("Leave empty when unknown.")
    )
    author = models.CharField(_("author"), max_length=255, blank=True)
    url = models.URLField(_("web address"), max_length=1000, blank=True)
    published, published_precision, published_approximate = partial_date_fields(_("date published"))
    accessed = models.DateField(_("date accessed"), null=True, blank=True)
    language = models.CharField(_("language of the source"), max_length=35, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("attached document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = SourceQuerySet.as_manager()

    search_fields = [
        index.SearchField("title"),
        index.SearchField("publisher"),
        index.SearchField("author"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def published_date(self) -> PartialDate | None:
        return PartialDate.stored(self, "published")

    @property
    def attribution(self) -> str:
        """How the source is named in running text: "news report on the commemoration"."""
        return self.publisher or self.title

    def clean(self):
        super().clean()
        normalise_fields(self, "published")
