"""More than one app server on one PostgreSQL database: an editor's session is good on every
server, and the scheduler run by cron on every server at once publishes each record once."""

import datetime
import http.client
import io
import json
import os
import re
import subprocess
import sys
from urllib.parse import urlencode

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from archive.single_run import lock_key
from bench.serving import ROOT, Server, database_url, free_port, served_environment
from tests.factories import PersonFactory
from tests.servers import run_python

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL: processes cannot share the in-memory SQLite test database",
    ),
    pytest.mark.django_db,
]


def request(server, method: str, path: str, cookies: dict, fields: dict | None = None):
    """One request with ``cookies``; returns the status, the Location and the cookies set."""
    headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    body = None
    if fields is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode(fields)
    client = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        client.request(method, path, body=body, headers=headers)
        response = client.getresponse()
        response.read()
        set_cookies = response.headers.get_all("Set-Cookie") or []
        new = dict(re.match(r"([^=]+)=([^;]*)", cookie).groups() for cookie in set_cookies)
        return response.status, response.getheader("Location", ""), new
    finally:
        client.close()


def test_an_editor_signed_in_on_one_server_is_signed_in_on_another_until_signing_out_there(
    served_database, tmp_path
):
    env = served_environment(served_database)  # no REDIS_URL: nothing shared but the database
    with (
        Server(free_port(), env, log=tmp_path / "first.log") as first,
        Server(free_port(), env, log=tmp_path / "second.log") as second,
    ):
        _, _, cookies = request(first, "GET", "/admin/login/", {})
        token = cookies["csrftoken"]
        credentials = {"username": "editor", "password": "pw", "csrfmiddlewaretoken": token}
        status, _, signed_in = request(first, "POST", "/admin/login/", cookies, credentials)
        assert status == 302 and signed_in.get("sessionid")
        cookies.update(signed_in)

        assert request(second, "GET", "/admin/", cookies)[0] == 200
        signed_out = request(
            second, "POST", "/admin/logout/", cookies, {"csrfmiddlewaretoken": cookies["csrftoken"]}
        )
        assert signed_out[0] == 302

        status, location, _ = request(first, "GET", "/admin/", cookies)
        assert status == 302 and location.startswith("/admin/login/")


def schedule(person, when):
    revision = person.save_revision()
    revision.approved_go_live_at = when
    revision.content["go_live_at"] = when.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])


def publish_scheduled() -> str:
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


def test_publish_scheduled_leaves_the_work_to_a_run_already_under_way():
    person = PersonFactory(live=False)
    schedule(person, timezone.now() - datetime.timedelta(minutes=1))
    this_database = database_url(os.environ["DATABASE_URL"], connection.settings_dict["NAME"])
    key = lock_key("publish_scheduled")

    # A run on another server holds the job's lock.
    with psycopg.connect(this_database, autocommit=True) as other_server:
        assert other_server.execute("SELECT pg_try_advisory_lock(%s)", [key]).fetchone()[0]
        said = publish_scheduled()
        person.refresh_from_db()
        assert "leaving the work to it" in said
        assert not person.live
        other_server.execute("SELECT pg_advisory_unlock(%s)", [key])  # the other run ends

    assert "leaving the work to it" not in publish_scheduled()
    person.refresh_from_db()
    assert person.live


SCHEDULE = """
import datetime, json
from django.utils import timezone
from tests.factories import PersonFactory
from tests.test_scaling_servers import schedule
past = timezone.now() - datetime.timedelta(minutes=1)
due = []
for n in range({count}):
    person = PersonFactory(live=False, family_name=f"Scheduledov{{n}}")
    schedule(person, past)
    due.append(person.pk)
expiring = PersonFactory(family_name="Expiringova", expire_at=past)
print(json.dumps({{"due": due, "expiring": expiring.pk}}))
"""

HISTORY = """
import json
from wagtail.models import ModelLogEntry
ids = {ids}
entries = ModelLogEntry.objects.filter(
    content_type__model="person", object_id__in=[str(pk) for pk in ids],
    action__in=["wagtail.publish.scheduled", "wagtail.unpublish.scheduled"],
)
print(json.dumps({{
    "history": sorted([int(e.object_id), e.action] for e in entries),
    "live": sorted(Person.objects.filter(pk__in=ids, live=True).values_list("pk", flat=True)),
}}))
Person.objects.filter(pk__in=ids).delete()
"""


def test_publish_scheduled_run_on_two_servers_at_once_publishes_each_record_once(served_database):
    env = served_environment(served_database)
    made = json.loads(run_python(env, SCHEDULE.format(count=30)).splitlines()[-1])
    command = [sys.executable, "manage.py", "publish_scheduled"]

    runs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    ids = [*made["due"], made["expiring"]]
    found = json.loads(run_python(env, HISTORY.format(ids=ids)).splitlines()[-1])
    assert found["history"] == sorted(
        [[pk, "wagtail.publish.scheduled"] for pk in made["due"]]
        + [[made["expiring"], "wagtail.unpublish.scheduled"]]
    )
    assert found["live"] == sorted(made["due"])
