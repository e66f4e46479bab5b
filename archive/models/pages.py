"""Editorial pages: the event home page, statements and their index, about/methodology pages.

Each page builds its own context in ``get_context()`` from the models' querysets; how a page is
described to search engines (schema.org) is the site's (``{% page_structured_data %}``)."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, PageManager, PanelPlaceholder
from wagtail.query import PageQuerySet
from wagtail.search import index

from archive.caching import COUNTS, depends_only_on

from .base import DirectionSafeText, kept_as_in_original, unexpired
from .dates import PartialDate, normalise_fields, partial_date_fields
from .events import Event
from .figures import figure_rows
from .media import StatementMedia, attached_in_memory, media_panel
from .searchable import Searchable
from .sources import Organisation
from .timeline import TimelineEntry

LATEST_STATEMENTS = 3
TIMELINE_HIGHLIGHTS = 6
STATEMENTS_PER_PAGE = 20


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


class StatementPageQuerySet(ArchivePageQuerySet):
    def for_listing(self):
        """As statements are listed (home page, index, feed): newest first, with what each
        summary shows."""
        return self.select_related("issuer", "locale").order_by("-issued", "-pk")


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
    override_translatable_fields = kept_as_in_original("event")
    subpage_types = ["archive.StatementIndexPage", "archive.ContentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event home page")

    def get_context(self, request, *args, **kwargs):
        # Of people it shows only the documented counts: kept while editors work on people's
        # biographies and sources, and correct their names.
        depends_only_on(request, COUNTS)
        context = super().get_context(request, *args, **kwargs)
        event = (
            Event.objects.public()
            .select_related("place__parent__parent")
            .filter(pk=self.event_id)
            .first()
        )
        timeline = TimelineEntry.objects.public().localized().filter(event=event)
        context.update(
            event=event,
            figures=figure_rows(event) if event else [],
            latest_statements=StatementPage.objects.public()
            .descendant_of(self)
            .for_listing()[:LATEST_STATEMENTS],
            statement_index=StatementIndexPage.objects.child_of(self)
            .public()
            .select_related("locale")
            .first(),
            timeline=timeline.order_by("start", "pk")[:TIMELINE_HIGHLIGHTS] if event else [],
            description=self.search_description or self.introduction,
        )
        return context


class StatementFilterForm(forms.Form):
    """The statement index's filters, offering only the issuers, countries and years that its
    public statements have."""

    issuer = forms.ModelChoiceField(
        label=_("Issued by"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Any issuer"),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Organisation.objects.filter(
            pk__in=statements.values("issuer")
        )
        countries = statements.exclude(issuer__country="").values_list("issuer__country", flat=True)
        self.fields["country"].choices = [
            ("", gettext("Any country")),
            *((country, country) for country in sorted(set(countries))),
        ]
        years = statements.dates("issued", "year", order="DESC")
        self.fields["year"].choices = [
            ("", gettext("Any year")),
            *((day.year, day.year) for day in years),
        ]

    def filter(self, statements):
        data = self.cleaned_data
        if data["issuer"]:
            statements = statements.filter(issuer=data["issuer"])
        if data["country"]:
            statements = statements.filter(issuer__country=data["country"])
        if data["year"]:
            statements = statements.filter(issued__year=data["year"])
        return statements


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
        context = super().get_context(request, *args, **kwargs)
        statements = StatementPage.objects.child_of(self).public()
        form = StatementFilterForm(request.GET or None, statements=statements)
        listed = statements
        if form.is_bound:
            listed = form.filter(statements) if form.is_valid() else statements.none()
        context.update(
            form=form,
            page_obj=Paginator(listed.for_listing(), STATEMENTS_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            description=self.search_description or self.introduction,
        )
        return context


class StatementPage(Searchable, ArchivePage, Page):
    """An official statement: who issued it, when, what it says, and where that is recorded."""

    searched_fields = ("title", "summary")

    template = "archive/pages/statement_page.html"
    objects = PageManager.from_queryset(StatementPageQuerySet)()

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
    issued, issued_precision, issued_approximate = partial_date_fields(
        _("date issued"), required=True
    )
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

    override_translatable_fields = kept_as_in_original("issuer")

    # The admin's panels are named by path, as Wagtail names its own on Page: the admin imports
    # the models, so the models import nothing from it. The edit form, one box per partial
    # date, is attached by the admin too (archive/apps.py), as Wagtail's admin attaches Page's.
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
        PanelPlaceholder("archive.admin.widgets.ChooserPanel", ["sources"], {}),
        media_panel(),
        FieldPanel("related_events"),
        PanelPlaceholder(
            "archive.admin.panels.TimelineLinksPanel", [], {"heading": _("On the timeline")}
        ),
        # Fields of the admin's form (archive.admin.change_reasons), not of the page.
        MultiFieldPanel(
            [FieldPanel("change_reason"), FieldPanel("change_source")],
            heading=_("Reason for this change"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["archive.StatementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            sources=list(self.sources.all()),
            timeline_entries=self.timeline_entries.public().localized(),
            media=(
                attached_in_memory(self)
                if getattr(request, "is_preview", False)
                else StatementMedia.objects.filter(statement=self).for_display()
            ),
            description=self.search_description or self.summary,
        )
        return context

    @property
    def issued_date(self) -> PartialDate:
        return PartialDate.stored(self, "issued")

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
        context = super().get_context(request, *args, **kwargs)
        context["description"] = self.search_description
        return context
