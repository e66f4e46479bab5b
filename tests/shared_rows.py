"""Rows a module's tests share, made once for the module instead of once for each test.

Loading the demo costs about 1,300 queries, and some modules build an archive on top of it for
each of their tests, which then only read it. A module-scoped fixture makes such rows inside
the ``module_rows`` fixture (tests/conftest.py)::

    @pytest.fixture(scope="module")
    def _archive_rows(module_rows):
        with module_rows():
            return build_the_archive()

    @pytest.fixture
    def archive(db, _archive_rows):
        return shared(_archive_rows)

``module_rows`` opens a transaction before the module's first test that needs it; each test
then runs in a savepoint of it (pytest-django's ``db`` nests in the open transaction, as Django's
``TestCase.setUpTestData`` does), so what a test writes is rolled back after it and the next test
finds the rows as built; the transaction is rolled back after the module. Within a module, the
tests that do not use the shared rows run first (``run_sharing_tests_last``), so none sees rows
it did not ask for, and ``check_test`` fails a test that would."""

import copy
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import translation

_open = False


@contextmanager
def kept_for_module(django_db_blocker, at_start):
    """The module's transaction, open while the module's sharing tests run; yields what its
    fixtures build their rows in. ``at_start`` runs inside it before anything is built."""
    global _open
    with django_db_blocker.unblock():
        kept = transaction.atomic()
        # Marked as Django's TestCase marks its own: code that keeps nothing computed inside a
        # transaction tells a test's transaction from the application's by this mark
        # (archive/caching/tokens.py).
        kept._from_testcase = True
        kept.__enter__()
        at_start()
    _open = True

    @contextmanager
    def building():
        """Database access, in the language and with the empty caches a test starts with."""
        with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
            at_start()  # again: a test's end may have changed what it set
            for cache in caches.all():
                cache.clear()
            yield

    try:
        yield building
    finally:
        _open = False
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            kept.__exit__(None, None, None)


def shared(rows):
    """A test's own copy of what a module's fixture built: model instances a test changes in
    memory do not carry the change to the next test (Django's ``TestData`` does the same)."""
    return copy.deepcopy(rows)


def run_sharing_tests_last(items) -> None:
    """Within each module, the tests that use ``module_rows`` run after the others; modules
    keep their order, and transactional tests stay after all others, where pytest-django put
    them: their flush empties what the migrations made (locales, groups, the root page) for
    every test that follows on the same process."""
    position, group, module_position = {}, {}, {}
    for index, item in enumerate(items):
        position[id(item)] = index
        group[id(item)] = (_is_transactional(item), item.path)
        module_position.setdefault(group[id(item)], index)
    items.sort(
        key=lambda item: (
            group[id(item)][0],
            module_position[group[id(item)]],
            "module_rows" in item.fixturenames,
            position[id(item)],
        )
    )


def _is_transactional(item) -> bool:
    """A transactional test, or one of a browser module's, whose site is flushed after the
    module as a transactional test's is after the test (tests/browser/conftest.py)."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in item.fixturenames for name in ("transactional_db", "live_server", "site_for_module")
    )


def check_test(request) -> None:
    """Fail a database test that would run inside rows it did not ask for, and a transactional
    test that asks for them (its flush would empty them)."""
    asks = "module_rows" in request.fixturenames
    transactional = _is_transactional(request.node)
    if _open and not asks:
        pytest.fail("a test that does not use module_rows ran inside a module's shared rows")
    if asks and transactional:
        pytest.fail("module_rows cannot hold the rows of a transactional test")
