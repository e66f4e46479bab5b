"""What the public pages show of visitors' contributions."""

from django import template

from archive.models import Contribution

register = template.Library()


@register.simple_tag
def approved_contributions(person) -> list[Contribution]:
    """The approved messages and photos about ``person``, oldest approval first; none for a
    record that is not public (a preview of a draft)."""
    if not person.pk:
        return []
    return list(Contribution.objects.of_person(person.pk))
