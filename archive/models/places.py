from functools import reduce
from operator import or_

from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .base import LocalizedQuerySet, TranslatableSnippet, kept_as_in_original
from .searchable import Searchable

# Country, region, district, town, village, quarter: the deepest nesting a public place is
# shown within. A deeper ancestor would be left out of public lists, never a hidden place shown.
MOST_NESTED = 6


class PlaceQuerySet(LocalizedQuerySet):
    def public(self):
        """Places a public record, entry or event is in, and the places those lie within, in
        every language. A place named only by a hidden record stays hidden with it.

        The places in use are found once (see :func:`_used`), then their ancestors by
        :meth:`containing`."""
        used = self.model.objects.filter(_used())
        return self.in_groups_of(self.model.objects.containing(used))

    def containing(self, places: models.QuerySet):
        """The places that are one of ``places`` or have one of them within them: a walk up
        at most ``MOST_NESTED`` parents from each of ``places``, over the places table alone."""
        here = models.OuterRef("pk")
        within = models.Q(pk=here)
        for depth in range(1, MOST_NESTED):
            within |= models.Q(**{"__".join(["parent"] * depth): here})
        return self.filter(models.Exists(places.filter(within)))

    def group_ids_within(self, place_id: int) -> list[int]:
        """The ids of the place ``place_id`` and of every place within it (Khojaly within
        Karabakh within Azerbaijan), at any depth up to ``MOST_NESTED``, each in every
        language: the places a filter by the place, or its page, takes in.

        Read as three columns of the whole places table and walked here: places are few (some
        200 at 100,000 people). The walk goes by translation group, since a translation's
        parent may be the original's parent or a translation of it."""
        rows = list(self.model.objects.order_by().values_list("pk", "parent_id", "translation_key"))
        group = {pk: key for pk, _parent, key in rows}
        within = {group[place_id]} if place_id in group else set()
        for _depth in range(1, MOST_NESTED):
            deeper = {key for _pk, parent, key in rows if group.get(parent) in within} - within
            if not deeper:
                break
            within |= deeper
        return sorted(pk for pk, _parent, key in rows if key in within)

    def named_by(self, people: models.QuerySet, *columns: str):
        """The places one of ``people`` has in one of ``columns`` (birth_place, residence,
        fate_place): a probe of each column's index per place (see :func:`_first_from_here`),
        where reading the columns of every person is a scan of the table."""
        return self.filter(_any_named_by(people, columns))


def _any_named_by(people: models.QuerySet, columns) -> models.Q:
    return reduce(or_, (_first_from_here(people, column) for column in columns))


def _used() -> models.Q:
    """Something public is at the place: a person born, living or meeting their fate there,
    something that happened to a person there (a fate event), a timeline entry or an event
    (few: read whole)."""
    get_model = apps.get_app_config("archive").get_model
    people = get_model("Person").objects.public()
    return (
        _any_named_by(people, ("birth_place", "residence", "fate_place"))
        | models.Q(pk__in=get_model("FateEvent").objects.public().values("place"))
        | models.Q(pk__in=get_model("TimelineEntry").objects.public().values("place"))
        | models.Q(pk__in=get_model("Event").objects.public().values("place"))
    )


def _first_from_here(people: models.QuerySet, column: str) -> models.Q:
    """One of ``people`` has this place in ``column``, asked as "the first of their places in
    ``column``, from this one on, is this one".

    Both are one probe of the column's index, but only this one is planned as such. Asked
    as ``EXISTS (... WHERE column = place)``, PostgreSQL plans for a typical place, and where
    nearly every person shares one (Khojaly, as residence and place of fate), it expects a
    match within the first rows and scans the table instead, through all 100,000 people for
    each place nobody public names: minutes for 200 places. An ordered walk of the index
    from the place on is the only sensible plan for ``ORDER BY column LIMIT 1``, and it stops
    at the first public person there, or just after the place's hidden ones (milliseconds).
    Reading the column of every public person instead costs a scan per column (a second)."""
    here = models.OuterRef("pk")
    # A place named only by a residence that a hold keeps from the public is not named.
    first = (
        people.revealing(column)
        .filter(**{f"{column}__gte": here})
        .order_by(column)
        .values(column)[:1]
    )
    return models.Q(pk=models.Subquery(first))


class Place(Searchable, TranslatableSnippet):
    """A town, village, district or region; places nest (Khojaly within Karabakh)."""

    searched_fields = ("name", "alternative_names")

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
    override_translatable_fields = kept_as_in_original("parent")

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

    def get_absolute_url(self) -> str:
        return reverse("archive:place_detail", args=[self.pk])

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None
