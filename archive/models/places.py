from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from .base import LocalizedQuerySet, TranslatableSnippet

# Country, region, district, town, village, quarter: the deepest nesting a public place is
# shown within. A deeper ancestor would be left out of public lists, never a hidden place shown.
MOST_NESTED = 6


class PlaceQuerySet(LocalizedQuerySet):
    def public(self):
        """Places a public record, entry or event is in, and the places those lie within, in
        every language. A place named only by a hidden record stays hidden with it.

        Asked place by place (a probe of each foreign key's index), as places are few and
        people many: reading every public person's three places costs more."""
        here = models.OuterRef("pk")
        within = models.Q()
        for depth in range(1, MOST_NESTED):
            within |= models.Q(**{"__".join(["parent"] * depth): here})
        used_within = self.model.objects.filter(within).filter(_used_at(here))
        used = self.model.objects.filter(_used_at(here) | models.Exists(used_within))
        return self.in_groups_of(used)


def _used_at(place) -> models.Q:
    """Something public is at ``place`` (an expression naming a place's id)."""
    get_model = apps.get_app_config("archive").get_model
    people = (
        get_model("Person")
        .objects.public()
        .filter(
            models.Q(birth_place=place) | models.Q(residence=place) | models.Q(fate_place=place)
        )
    )
    return (
        models.Exists(people)
        | models.Exists(get_model("TimelineEntry").objects.public().filter(place=place))
        | models.Exists(get_model("Event").objects.public().filter(place=place))
    )


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

    objects = PlaceQuerySet.as_manager()

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
