from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from .base import TranslatableSnippet


class Place(TranslatableSnippet):
    """A town, village, district or region; places nest (Khojaly within Karabakh)."""

    name = models.CharField(_("name"), max_length=200)
    alternative_names = models.TextField(
        _("alternative names"),
        blank=True,
        help_text=_("Other spellings and scripts, one per line (Xocalı, Ходжалы)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("within"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("alternative_names"),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("coordinates")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("alternative_names"),
        index.AutocompleteField("name"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.parent}" if self.parent_id else self.name
