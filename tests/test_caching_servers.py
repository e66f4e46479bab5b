"""Caches that cannot serve what was unpublished, and limits every worker shares, tried on real
processes (gunicorn, production settings) sharing one PostgreSQL database: two servers keeping
their caches in their own memory, and a server whose Redis comes back from an old dump. Each
change is made by a management command in a process of its own."""

import http.client
import os
import re
import shutil
import subprocess
import time
import uuid
from urllib.parse import urlencode

import pytest
import redis

from bench.serving import Server, free_port
from bench.serving import served_environment as production_environment
from tests.servers import published_person, run_python

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL: processes cannot share the in-memory SQLite test database",
    ),
    pytest.mark.django_db,
]


def unpublish(env, pk: int) -> None:
    run_python(env, f"from archive.models import Person\nPerson.objects.get(pk={pk}).unpublish()")


def warm(server, path):
    server.get(path)
    status, headers, _ = server.get(path)
    assert (status, headers.get("x-cache")) == (200, "hit"), path
    return headers.get("etag") or headers.get("last-modified")


def assert_gone(server, path, validator):
    """``path`` answers 404, also to a client revalidating the copy it holds."""
    status, headers, _ = server.get(path)
    assert (status, headers.get("x-cache")) == (404, "miss"), (server.port, path)
    if validator:
        asks = "If-None-Match" if validator.startswith(('"', 'W/"')) else "If-Modified-Since"
        assert server.get(path, {asks: validator})[0] == 404


def test_two_servers_keeping_their_caches_in_memory_never_serve_an_unpublished_person(
    served_database, tmp_path
):
    env = production_environment(served_database)  # no REDIS_URL: each process's own memory
    with (
        Server(free_port(), env, log=tmp_path / "first.log") as first,
        Server(free_port(), env, log=tmp_path / "second.log") as second,
    ):
        pk, name = published_person(env)
        page, api, listing = f"/en/people/{pk}/", f"/api/v1/people/{pk}/", f"/en/people/?q={name}"
        servers = (first, second)
        etags = {(server, path): warm(server, path) for server in servers for path in (page, api)}
        for server in (first, second):
            warm(server, listing)
            assert page.encode() in server.get(listing)[2]

        unpublish(env, pk)

        for server in (first, second):
            assert_gone(server, page, etags[server, page])
            assert_gone(server, api, etags[server, api])
            status, _, listed = server.get(listing)
            assert status == 200
            assert page.encode() not in listed


@pytest.fixture
def redis_server(tmp_path):
    """A Redis of this test's own, on a free port, saving its dump in ``tmp_path``."""
    if not shutil.which("redis-server"):
        pytest.skip("needs Debian's redis-server")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp_path)]
    command += ["--dbfilename", "dump.rdb", "--save", ""]
    process = None

    def start():
        nonlocal process
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis(port=port)
        for _ in range(50):
            try:
                if client.ping():
                    return client
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop():
        process.terminate()
        process.wait(timeout=10)

    client = start()
    yield {"url": f"redis://127.0.0.1:{port}/0", "client": client, "start": start, "stop": stop}
    stop()


def test_redis_restarted_from_a_dump_saved_before_an_unpublish_serves_no_stale_page(
    served_database, redis_server, tmp_path
):
    env = production_environment(served_database, redis_server["url"])
    with Server(free_port(), env, log=tmp_path / "server.log") as server:
        pk, _ = published_person(env)
        page = f"/en/people/{pk}/"
        etag = warm(server, page)
        redis_server["client"].save()  # the dump holds the page as cached while it was public

        unpublish(env, pk)
        redis_server["stop"]()
        redis_server["start"]()
        assert redis_server["client"].dbsize() > 0  # the old entries are back

        assert_gone(server, page, etag)


# Limits: the counts of every worker add up.


def post_form(server, path, fields: dict, cookies: dict):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    try:
        connection.request("POST", path, body=urlencode(fields), headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def csrf_token(server) -> str:
    _, headers, body = server.get("/admin/login/")
    cookie = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)
    assert re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    return cookie


@pytest.fixture
def two_servers(served_database, tmp_path):
    env = production_environment(
        served_database, SEARCH_ANON_RATE="6/minute", LOGIN_FAILURE_LIMIT="5"
    )
    run_python(env, "from django.core.cache import caches\ncaches['limits'].clear()")
    with (
        Server(free_port(), env, log=tmp_path / "first.log") as first,
        Server(free_port(), env, log=tmp_path / "second.log") as second,
    ):
        yield first, second


def test_searches_counted_by_two_servers_without_redis_add_up_to_one_limit(two_servers):
    statuses = [
        two_servers[n % 2].get(f"/en/search/?q=name{n}{uuid.uuid4().hex[:4]}")[0] for n in range(7)
    ]

    assert statuses == [200] * 6 + [429]


def test_sign_in_failures_on_two_servers_without_redis_lock_at_the_sixth_attempt(two_servers):
    token = csrf_token(two_servers[0])
    # A name of its own: the lockout lasts in the served database, which the other servers'
    # tests share, and "editor" signs in there (test_scaling_servers.py).
    fields = {"username": "locked-out", "password": "wrong", "csrfmiddlewaretoken": token}

    statuses = [
        post_form(two_servers[n % 2], "/admin/login/", fields, {"csrftoken": token})
        for n in range(6)
    ]

    assert statuses == [200] * 5 + [429]
