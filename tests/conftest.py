import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import translation

from archive.caching.dependencies import WATCHED
from tests import shared_rows
from tests.factories import user_in


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's, which sets up the databases its collected tests name, and serializes
    what the migrations made where a test restores it: here also for a browser module's
    ``site_for_module`` (tests/browser/conftest.py), which restores it as such a test does but
    names no database fixture of pytest-django's (each would make its tests transactional)."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    if not django_db_use_migrations:
        _disable_migrations()
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    if any("site_for_module" in item.fixturenames for item in request.session.items):
        aliases.add("default")
        serialized_aliases.add("default")
    with django_db_blocker.unblock():
        databases = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            keepdb=django_db_keepdb and not django_db_createdb,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(databases, verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with empty caches: no throttle counts, cached responses or sign-in
    failures left over from the test before."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request to /ru/ leaves Russian active in
    the thread after the response, which would otherwise carry over into the next test."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def _uses_database(item) -> bool:
    return bool(item.get_closest_marker("django_db") or "_django_db_helper" in item.fixturenames)


def _changes_per_statement():
    """On PostgreSQL the content generation and the tokens of all people and of their lists
    change as a transaction commits, and a test's transaction never does: within it, they
    change with each statement instead (archive/caching/generation.py, dependencies.py)."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            watching = [f"archive_{key}_changed{end}" for key in WATCHED for end in ("", "_update")]
            triggers = ["archive_content_changed", "archive_people_changed", *watching]
            cursor.execute(f"SET CONSTRAINTS {', '.join(triggers)} IMMEDIATE")


@pytest.fixture(autouse=True)
def _content_generation_per_statement(request):
    """See ``_changes_per_statement``."""
    if _uses_database(request.node) and connection.vendor == "postgresql":
        request.getfixturevalue("_django_db_helper")
        _changes_per_statement()


@pytest.fixture(scope="module")
def module_rows(django_db_setup, django_db_blocker):
    """Rows made once for a module's tests (see tests/shared_rows.py)."""
    with shared_rows.kept_for_module(django_db_blocker, _changes_per_statement) as building:
        yield building


@pytest.hookimpl(trylast=True)  # after pytest's own grouping by parametrized fixtures
def pytest_collection_modifyitems(items):
    shared_rows.run_sharing_tests_last(items)


@pytest.fixture(autouse=True)
def _module_rows_only_where_asked(request):
    if _uses_database(request.node):
        shared_rows.check_test(request)


@pytest.fixture
def editor(db):
    return user_in("Editors", "editor")


@pytest.fixture
def moderator(db):
    return user_in("Moderators", "moderator")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def statements_index(db):
    from tests.factories import statements_index

    return statements_index()


@pytest.fixture
def demo(db):
    """The demo's English originals: the site as an archive reads before anything in it is
    translated. Its translations would quadruple the cost of every test that reads the site
    in English (see ``load_demo``); ``demo_in_every_language`` loads them."""
    from archive.demo import load_demo

    load_demo(languages=["en"])


@pytest.fixture(scope="module")
def _demo_for_module(module_rows):
    from archive.demo import load_demo

    with module_rows():
        load_demo(languages=["en"])


@pytest.fixture
def demo_once(db, _demo_for_module):
    """``demo``, loaded once for all the tests of a module that ask for it (see
    tests/shared_rows.py); a module whose tests only read the demo, or write what each test's
    rollback undoes, makes it its ``demo``."""


@pytest.fixture
def demo_in_every_language(db):
    from archive.demo import load_demo

    load_demo()


@pytest.fixture(scope="session")
def served_database(django_db_setup):
    """A PostgreSQL database of its own, migrated, with the demo content and an editor, for
    app processes started by the test (see tests/servers.py). It is migrated afresh rather than
    copied from the test database, which a transactional test may have flushed (the copy then
    lacked Wagtail's root page and the demo could not load)."""
    from bench.serving import create_database, drop_database, manage, served_environment
    from tests.servers import run_python

    name = f"{connection.settings_dict['NAME']}_served"
    url = create_database(os.environ["DATABASE_URL"], name)
    env = served_environment(url)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    run_python(env, "from tests.factories import user_in; user_in('Editors', 'editor')")
    yield url
    drop_database(os.environ["DATABASE_URL"], name)


@pytest.fixture
def commits(db, django_capture_on_commit_callbacks):
    """Run what waits for the commit (the sealing of record media, say) at the end of each block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
