"""``{% memo %}``: a template fragment rendered once per content generation (registered by
``archive/templatetags/archive_site.py``)."""

from __future__ import annotations

from django import template
from django.urls import get_script_prefix
from django.utils.translation import get_language

from .values import remembered


def memo(parser, token):
    """``{% memo "name" value … %}…{% endmemo %}``: the enclosed fragment, rendered once per
    content generation, language and combination of the values given, then kept in memory
    (see :mod:`archive.caching.values`).

    Only for fragments that are the same for every visitor given those values, such as the
    footer, or the navigation given its items: never for anything that depends on the visitor
    or on what the page shows beyond the values listed, nor for anything showing people or
    families (a fragment is kept while they change)."""
    name, *values = (parser.compile_filter(bit) for bit in token.split_contents()[1:])
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, name, values)


class MemoNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context):
        values = (value.resolve(context) for value in self.values)
        return remembered(
            "fragment",
            lambda: self.nodelist.render(context),
            self.name.resolve(context),
            get_language(),
            get_script_prefix(),
            *(tuple(value) if isinstance(value, list) else value for value in values),
            request=context.get("request"),
            depends_on=(),
        )
