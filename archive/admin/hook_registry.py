"""Replacing a hook another app registered. Wagtail has no public way to withdraw one, so this
edits its registry (``wagtail.hooks._hooks``); the tests of each replacement fail if the
original comes back (tests/test_admin_queries.py, tests/test_translation_workflow.py)."""

from wagtail import hooks


def replace_hook(name: str, original, replacement=None) -> None:
    """Registers ``replacement`` for hook ``name`` in the place of ``original``, in its order;
    without a replacement, withdraws ``original``."""
    registered = hooks._hooks.setdefault(name, [])
    registered[:] = [
        (replacement, order) if fn is original else (fn, order)
        for fn, order in registered
        if fn is not original or replacement is not None
    ]
