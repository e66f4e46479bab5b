"""What the public pages show of visitors' contributions."""

from django import template

from archive.fastpaths.prepared import PreparedQuery
from archive.models import Contribution

register = template.Library()

# Prepared, as every other query of the memorial page is (archive.views.people.person_detail).
_approved = PreparedQuery(lambda pk: Contribution.objects.of_person(pk))


@register.simple_tag
def approved_contributions(person) -> list[Contribution]:
    """The approved messages and photos about ``person``, oldest approval first; none for a
    record that is not saved (a preview of a new one)."""
    if not person.pk:
        return []
    return _approved(person.pk)
