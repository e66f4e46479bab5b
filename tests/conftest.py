import pytest

from tests.factories import user_in


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
