"""Two real app processes (gunicorn, production settings) sharing one PostgreSQL database and one
Redis: no stale page after a publish, a 503 while the database is unreachable (cached pages
included), and recovery."""

import os
import uuid

import pytest
import redis
from django.db import connection, connections

from bench.serving import (
    Server,
    create_database,
    drop_database,
    free_port,
    manage,
    served_environment,
)

REDIS_URL = "redis://127.0.0.1:6379/5"  # a database number no one else here uses

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL: processes cannot share the in-memory SQLite test database",
    ),
    # Makes pytest-django create the test database, which the servers' database is copied from.
    pytest.mark.django_db,
]


def redis_is_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker, tmp_path_factory):
    """A copy of the migrated test database with the demo content, and two servers on it."""
    if not redis_is_up():
        if os.environ.get("CI"):
            pytest.fail("Redis is not answering on 127.0.0.1:6379")
        pytest.skip("needs Redis on 127.0.0.1:6379")
    template = connection.settings_dict["NAME"]  # the test database, once it is set up
    name = f"{template}_faults"
    with django_db_blocker.unblock():
        connections.close_all()  # a template database must have no open sessions
        url = create_database(os.environ["DATABASE_URL"], name, template=template)
    prefix = f"faults-{uuid.uuid4().hex[:8]}"
    env = served_environment(url, REDIS_URL, CACHE_KEY_PREFIX=prefix, CONN_MAX_AGE="60")
    logs = tmp_path_factory.mktemp("servers")
    # Free ports, so that two runs of the suite on one machine do not meet.
    first = Server(free_port(), env, log=logs / "first.log")
    second = Server(free_port(), env, log=logs / "second.log")
    try:
        manage(env, "load_demo")
        first.start()
        second.start()
        yield {"env": env, "first": first, "second": second, "name": name}
    finally:
        first.stop()
        second.stop()
        drop_database(os.environ["DATABASE_URL"], name)
        store = redis.Redis.from_url(REDIS_URL)
        for key in store.scan_iter(f"{prefix}:*"):
            store.delete(key)


def set_home_introduction(env, text: str, publish: bool) -> None:
    """Change the English home page from a third process, as an editor's admin request would."""
    action = "revision.publish()" if publish else "None"
    manage(
        env,
        "shell",
        "-c",
        "from archive.models import HomePage\n"
        "home = HomePage.objects.get(locale__language_code='en')\n"
        f"home.introduction = {text!r}\n"
        "revision = home.save_revision()\n"
        f"{action}\n",
    )


def warm(server, path="/en/"):
    server.get(path)
    status, headers, _ = server.get(path)
    assert (status, headers.get("x-cache")) == (200, "hit"), path


def test_a_publish_is_visible_through_every_process_at_once(shared):
    first, second = shared["first"], shared["second"]
    warm(first)
    warm(second)

    set_home_introduction(shared["env"], "Published from a third process.", publish=True)

    for server in (second, first):
        status, headers, body = server.get("/en/")
        assert status == 200
        assert b"Published from a third process." in body
        assert headers["x-cache"] == "miss"


def test_a_draft_saved_elsewhere_reaches_neither_process(shared):
    first, second = shared["first"], shared["second"]
    warm(first)

    set_home_introduction(shared["env"], "An unapproved draft.", publish=False)

    for server in (first, second):
        status, _, body = server.get("/en/")
        assert status == 200
        assert b"An unapproved draft." not in body


def test_production_responses_carry_hsts_and_the_content_security_policy(shared):
    status, headers, _ = shared["first"].get("/en/", {"X-Forwarded-Proto": "https"})

    assert status == 200
    assert "max-age=31536000" in headers["strict-transport-security"]
    assert "script-src 'self';" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def set_connections_allowed(name: str, allowed: bool) -> None:
    from bench.serving import admin_connection

    with admin_connection(os.environ["DATABASE_URL"]) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [name],
            )


def test_database_outage_answers_503_then_recovers_by_itself(shared):
    server = shared["first"]
    warm(server)

    set_connections_allowed(shared["name"], False)
    try:
        page = server.get(f"/en/?visit={uuid.uuid4().hex}")
        api = server.get(f"/api/v1/people/?visit={uuid.uuid4().hex}")
        ready = server.get("/readyz")
        alive = server.get("/healthz")
        # Whether the kept copy is still current is the database's to say: none is served.
        cached = server.get("/en/")
    finally:
        set_connections_allowed(shared["name"], True)
    after = server.get(f"/en/?visit={uuid.uuid4().hex}")

    for status, headers, body in (page, api, cached):
        assert status == 503
        assert headers["retry-after"] == "30"
        assert b"briefly unavailable" in body
    assert ready[0] == 503
    assert alive[0] == 200
    assert after[0] == 200
    assert server.get("/readyz")[0] == 200
