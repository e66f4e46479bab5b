"""Everything the archive keeps of its public content, and when it stops being current.

- :mod:`.generation`: the content generation, which the database replaces with every change
  to public content.
- :mod:`.middleware`: whole responses to anonymous visitors, stored beside their generation.
- :mod:`.values`: named values computed from public content, once per generation
  (``remembered``, ``remembered_items``, ``remembered_here``).
- :mod:`.fragments`: the ``{% memo %}`` template fragment, a value of the same kind.
- :mod:`.limits`: counters every worker shares (the sign-in lockout), and the cache the rate
  limits count in.

Views and models ask for values by name and say what else they vary with; only this package
builds cache keys. It imports no model."""

from .fragments import memo
from .generation import current_generation
from .middleware import AnonymousCacheMiddleware
from .values import remembered, remembered_here, remembered_items

__all__ = [
    "AnonymousCacheMiddleware",
    "current_generation",
    "memo",
    "remembered",
    "remembered_here",
    "remembered_items",
]
