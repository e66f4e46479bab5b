"""Everything the archive keeps of its public content, and when it stops being current.

- :mod:`.generation`: the content generation, which the database replaces with every change
  to public content but people's and families' records.
- :mod:`.dependencies`: the tokens of people's and families' records, of all of them
  (``people``), of their lists, counts and letters (``lists``, ``counts``, ``letters``), which
  the database replaces instead; :mod:`.tokens`: reading them, once per request, and what a response
  depends on (``depends_only_on``).
- :mod:`.middleware`: whole responses to anonymous visitors, stored beside their tokens.
- :mod:`.values`: named values computed from public content, once per version of it
  (``remembered``, ``remembered_items``, ``remembered_here``).
- :mod:`.fragments`: the ``{% memo %}`` template fragment, a value of the same kind.
- :mod:`.limits`: counters every worker shares (the sign-in lockout), and the cache the rate
  limits count in.

Views and models ask for values by name and say what else they vary with; only this package
builds cache keys. It imports no model."""

from .dependencies import COUNTS, LETTERS, LISTS, PEOPLE, depends_on_tables, family_key, person_key
from .fragments import memo
from .middleware import AnonymousCacheMiddleware
from .tokens import content_version, current_generation, depends_only_on
from .values import remembered, remembered_here, remembered_items

__all__ = [
    "COUNTS",
    "LETTERS",
    "LISTS",
    "PEOPLE",
    "AnonymousCacheMiddleware",
    "content_version",
    "current_generation",
    "depends_on_tables",
    "depends_only_on",
    "family_key",
    "person_key",
    "memo",
    "remembered",
    "remembered_here",
    "remembered_items",
]
