import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import translation

from tests.factories import user_in


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


@pytest.fixture(autouse=True)
def _content_generation_per_statement(request):
    """On PostgreSQL the content generation and the tokens of all people and of their lists
    change as a transaction commits, and a test's transaction never does: within it, they
    change with each statement instead (archive/caching/generation.py, dependencies.py)."""
    uses_database = request.node.get_closest_marker("django_db") or (
        "_django_db_helper" in request.fixturenames
    )
    if not uses_database or connection.vendor != "postgresql":
        return
    request.getfixturevalue("_django_db_helper")
    if connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(
                "SET CONSTRAINTS archive_content_changed, archive_people_changed,"
                " archive_lists_changed, archive_lists_changed_update,"
                " archive_counts_changed, archive_counts_changed_update IMMEDIATE"
            )


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
