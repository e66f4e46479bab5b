"""Editorial pages: the event home page, statements and their index, about/methodology pages."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from archive.admin.forms import PartialDatesPageForm
from archive.admin.panels import TimelineLinksPanel
from archive.admin.widgets import ChooserPanel

from .base import DirectionSafeText, unexpired
from .dates import PartialDate, normalise_fields, partial_date_fields
from .searchable import Searchable


class QuotationBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("said by"), help_text=_("Who said or wrote it."))
    source = blocks.CharBlock(label=_("where"), required=False)

    class Meta:
        icon = "openquote"
        template = "archive/blocks/quotation.html"
        label = _("Attributed quotation")


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    credit = blocks.CharBlock(label=_("credit"), required=False)

    class Meta:
        icon = "image"
        template = "archive/blocks/figure.html"
        label = _("Image")


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul", "h2", "h3"]
    )
    quotation = QuotationBlock()
    image = FigureBlock()


class ArchivePageQuerySet(PageQuerySet):
    def public(self):
        """What anonymous visitors may see: live pages, not past ``expire_at`` (before the
        scheduler unpublishes them), outside any section with a view restriction (Wagtail's
        own ``public()``)."""
        return super().public().filter(unexpired(), live=True)


ArchivePageManager = PageManager.from_queryset(ArchivePageQuerySet)


def public_pages() -> ArchivePageQuerySet:
    """Public pages of every type, for what lists pages whatever their type (sitemap, menus)."""
    return ArchivePageQuerySet(Page).order_by("path").public()


class ArchivePage(DirectionSafeText):
    """What the archive's page types share: text saved without direction controls, and a
    page past its ``expire_at`` answered as missing before the scheduler unpublishes it."""

    class Meta:
        abstract = True

    def route(self, request, path_components):
        # By the database's clock, which public() and the content generation read: by this
        # server's, were it behind, a page could be rendered and cached under the generation
        # that already counts its expiry, and served until the next change.
        if (
            not path_components
            and self.expire_at
            and not Page.objects.filter(unexpired(), pk=self.pk).exists()
        ):
            raise Http404
        return super().route(request, path_components)


def public_context(page: Page, request) -> dict:
    """What the public page shows besides its own fields (built in :mod:`archive.views.pages`)."""
    from archive.views.pages import context_for  # the view layer imports these models

    return context_for(page, request)


class HomePage(ArchivePage, Page):
    """The front page of one commemorated event."""

    template = "archive/pages/home_page.html"
    objects = ArchivePageManager()

    event = models.ForeignKey(
        "archive.Event",
        verbose_name=_("event"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("event"), FieldPanel("introduction")]
    subpage_types = ["archive.StatementIndexPage", "archive.ContentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event home page")

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), **public_context(self, request)}


class StatementIndexPage(ArchivePage, Page):
    template = "archive/pages/statement_index_page.html"
    objects = ArchivePageManager()
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["archive.HomePage"]
    subpage_types = ["archive.StatementPage"]

    class Meta:
        verbose_name = _("statements index")

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), **public_context(self, request)}


class StatementPage(Searchable, ArchivePage, Page):
    """An official statement: who issued it, when, what it says, and where that is recorded."""

    searched_fields = ("title", "summary")

    template = "archive/pages/statement_page.html"
    objects = ArchivePageManager()

    class Kind(models.TextChoices):
        PRESS_STATEMENT = "press_statement", _("Press statement")
        RESOLUTION = "resolution", _("Resolution")
        SPEECH = "speech", _("Speech")
        DECLARATION = "declaration", _("Declaration")

    issuer = models.ForeignKey(
        "archive.Organisation",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    issued, issued_precision = partial_date_fields(_("date issued"), required=True)
    date_note = models.CharField(
        _("note on the date"),
        max_length=255,
        blank=True,
        help_text=_("How the date is known, when it is inferred."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PRESS_STATEMENT
    )
    original_language = models.CharField(_("language of the original"), max_length=35, blank=True)
    summary = models.TextField(_("summary"))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    sources = ParentalManyToManyField("archive.Source", verbose_name=_("sources"), blank=True)
    related_events = ParentalManyToManyField(
        "archive.Event", verbose_name=_("related events"), blank=True, related_name="statements"
    )

    base_form_class = PartialDatesPageForm
    content_panels = Page.content_panels + [
        FieldPanel("issuer"),
        MultiFieldPanel(
            [
                FieldPanel("issued"),
                FieldPanel("date_note"),
            ],
            heading=_("Date"),
        ),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("original_language")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        ChooserPanel("sources"),
        FieldPanel("related_events"),
        TimelineLinksPanel(heading=_("On the timeline")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["archive.StatementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), **public_context(self, request)}

    @property
    def issued_date(self) -> PartialDate:
        return PartialDate.of(self.issued, self.issued_precision)

    def clean(self):
        super().clean()
        normalise_fields(self, "issued")


class ContentPage(ArchivePage, Page):
    """About, methodology and other pages editors write."""

    template = "archive/pages/content_page.html"
    objects = ArchivePageManager()

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["archive.HomePage", "archive.ContentPage"]

    class Meta:
        verbose_name = _("content page")

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), **public_context(self, request)}
