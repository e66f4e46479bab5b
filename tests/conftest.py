import pytest
from django.core.cache import cache

from tests.factories import user_in


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: no throttle counts, cached responses or sign-in
    failures left over from the test before."""
    cache.clear()


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
def demo(db):
    from archive.demo import load_demo

    load_demo()
