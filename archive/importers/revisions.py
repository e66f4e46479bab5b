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

from django.db.models import DateField, DateTimeField, Field
from django.utils.encoding import is_protected_type
from modelcluster.models import (
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_field_value,
)

# pre_save() implementations that only return the attribute, unless the field sets auto_now(_add).
_PLAIN_PRE_SAVE = {Field.pre_save, DateField.pre_save, DateTimeField.pre_save}


def revision_content(obj) -> dict:
    """``obj.serializable_data()``, for a clusterable model instance."""
    readers, child_relations, m2m_fields = _plan(type(obj))
    if any(getattr(obj, name).all() for name in child_relations):
        return obj.serializable_data()
    content = {key: read(obj) for key, read in readers}
    for name in child_relations:
        content[name] = []
    for name in m2m_fields:
        content[name] = [child.pk for child in getattr(obj, name).all()]
    return content


@functools.cache
def _plan(model) -> tuple[list, list[str], list[str]]:
    pk_field = model._meta.pk
    # A child of multi-table inheritance stores its parent's key, as modelcluster does.
    while pk_field.remote_field and pk_field.remote_field.parent_link:
        pk_field = pk_field.remote_field.model._meta.pk
    fields = [("pk", pk_field)]
    fields += [(field.name, field) for field in model._meta.fields if field.serialize]
    readers = [(key, _reader(field)) for key, field in fields]
    child_relations = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
    m2m_fields = [field.name for field in get_all_child_m2m_relations(model) if field.serialize]
    return readers, child_relations, m2m_fields


def _reader(field):
    attname = field.attname
    if field.remote_field is not None:
        return lambda obj: getattr(obj, attname)
    plain = type(field).pre_save in _PLAIN_PRE_SAVE and not (
        getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    )
    if not plain:
        return functools.partial(get_field_value, field)
    as_string = type(field).value_to_string is Field.value_to_string

    def read(obj):
        value = getattr(obj, attname)
        if isinstance(value, datetime.datetime):
            return get_field_value(field, obj)  # made aware and UTC
        if is_protected_type(value):
            return value
        return str(value) if as_string else field.value_to_string(obj)

    return read
