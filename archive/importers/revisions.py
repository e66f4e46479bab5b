"""A record's revision content, as ``serializable_data()`` gives it, at a fraction of the cost.

modelcluster's ``serializable_data()`` asks every field for its value through ``pre_save()``,
``value_to_string()`` and a time-zone check, which for 100,000 imported people took longer than
writing them. Most fields need none of that: their value is the attribute itself, or its string.
Which fields those are is worked out once per model; the others, and records with child objects,
still go through modelcluster, so the result is the same (tests compare the two).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

from django.db.models import Field
from modelcluster.models import (
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_field_value,
)

from .bulk import plain_pre_save


def revision_content(obj) -> dict:
    """``obj.serializable_data()``, for a clusterable model instance."""
    plan = _plan(type(obj))
    if any(getattr(obj, name).all() for name in plan.child_relations):
        return obj.serializable_data()
    values = plan.read(obj)
    content = dict(zip(plan.keys, values, strict=True))
    for n, key, field, kept in plan.checks:
        if type(values[n]) not in kept:
            content[key] = get_field_value(field, obj)
    for name in plan.child_relations:
        content[name] = []
    for name in plan.m2m_fields:
        content[name] = [child.pk for child in getattr(obj, name).all()]
    return content


@dataclass(frozen=True)
class _Plan:
    keys: list[str]
    read: Callable  # every field's attribute at once
    # Which values are taken as they are: (index, key, field, the types kept as they are).
    checks: list[tuple[int, str, Field, frozenset]]
    child_relations: list[str]
    m2m_fields: list[str]


# Values serializable_data() takes as they are (is_protected_type()); a date and time goes
# through modelcluster, which makes it aware and UTC.
_PROTECTED = frozenset({type(None), int, bool, float, Decimal, datetime.date, datetime.time})


@functools.cache
def _plan(model) -> _Plan:
    pk_field = model._meta.pk
    # A child of multi-table inheritance stores its parent's key, as modelcluster does.
    while pk_field.remote_field and pk_field.remote_field.parent_link:
        pk_field = pk_field.remote_field.model._meta.pk
    fields = [("pk", pk_field)]
    fields += [(field.name, field) for field in model._meta.fields if field.serialize]
    checks = []
    for n, (key, field) in enumerate(fields):
        if field.remote_field is not None:
            continue  # its id, whatever the type
        if not plain_pre_save(field):
            kept = frozenset()
        elif type(field).value_to_string is Field.value_to_string:
            kept = _PROTECTED | {str}  # which it would turn into itself
        else:
            kept = _PROTECTED
        checks.append((n, key, field, kept))
    return _Plan(
        keys=[key for key, _field in fields],
        read=attrgetter(*(field.attname for _key, field in fields)),
        checks=checks,
        child_relations=[rel.get_accessor_name() for rel in get_all_child_relations(model)],
        m2m_fields=[field.name for field in get_all_child_m2m_relations(model) if field.serialize],
    )
