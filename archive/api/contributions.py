"""Visitors' contributions in the API: the approved remembrance messages and photos, at
``/api/v1/contributions/`` (``?person=`` for one person's) and inside each person's record.

Public means ``Contribution.objects.public()``: approved, a message or a photo, about a public
person. Pending and rejected contributions, corrections and reports of missing people are not
found here at all, and no contributor's e-mail address is in any of it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from archive.models import Contribution

from . import filters
from . import serializers as api
from .pagination import ArchivePagination
from .renderers import JSONRenderer
from .views import ArchiveViewSet


class ContributionFilter(filters.ArchiveFilterSet):
    person = filters.record_id(_("Contributions about this person."), field_name="person")
    kind = filters.choice(
        [(kind.value, kind.label) for kind in Contribution.SHOWN_KINDS],
        _("`message` or `photo`."),
    )
    ordering = filters.ordering(("decided_at", "approved_at"), ("id", "id"))
    search_fields = ("text",)

    class Meta:
        model = Contribution
        fields: list[str] = []


class ContributionPagination(ArchivePagination):
    """Numbered or cursor pages. No ``changed_since``: mirrors see approved contributions
    change in the records of their people, which the incremental sync follows."""

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        return [parameter for parameter in parameters if parameter["name"] != "changed_since"]


class ContributionViewSet(ArchiveViewSet):
    """Remembrance messages and photos that visitors sent about a person, published once a
    moderator approved them, oldest approval first.

    `contributor` is the visitor's name only if they chose to show it; their e-mail address is
    never published. `photo` is the address of the photo itself."""

    queryset = Contribution.objects.none()
    serializer_class = api.ContributionSerializer
    filterset_class = ContributionFilter
    renderer_classes = [JSONRenderer]
    pagination_class = ContributionPagination
    default_ordering = ("decided_at", "pk")
    label_attribute = "text"

    def ordered_public_rows(self):
        # Contributions are not translated: each is in the words its contributor wrote.
        return self.public_rows().select_related("person").order_by(*self.default_ordering)

    def found(self, lookups):
        rows = self.public_rows()
        return {
            (field, value): {"id": row["id"]}
            for field, value in lookups
            for row in rows.filter(**{field: value}).values("id")[:1]
        }
