"""A real Varnish (Debian's, with varnish-modules' xkey) in front of gunicorn, configured by the
sample deploy/varnish.vcl: a publish shows through it at once, an unpublish answers 404 at once,
and an unrelated page stays a Varnish hit. Each change is made in a process of its own, then the
database's changed keys are purged (manage.py purge_shared_cache), as cron or the admin does.

Needs PostgreSQL (processes share its database). Without varnishd the test fails: `make test`
installs it (.ci/ensure-debian-packages)."""

import http.client
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from bench.serving import Server, free_port, manage
from bench.serving import served_environment as production_environment
from tests.servers import published_person, run_python

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish.vcl"

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL: processes cannot share the in-memory SQLite test database",
    ),
    pytest.mark.django_db,
]


class Varnish:
    """varnishd in the foreground on ``port``, in front of 127.0.0.1:``backend``."""

    def __init__(self, port: int, backend: int, workdir: Path):
        self.port, self.workdir = port, workdir
        self.vcl = workdir / "varnish.vcl"
        self.vcl.write_text(VCL.read_text().replace('.port = "8000"', f'.port = "{backend}"'))

    def __enter__(self):
        varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
        assert os.path.exists(varnishd), "varnishd is missing: apt-get install varnish"
        command = [varnishd, "-F", "-a", f"127.0.0.1:{self.port}", "-f", str(self.vcl)]
        command += ["-n", str(self.workdir / "state"), "-s", "malloc,32m", "-T", "none"]
        command += ["-j", "none"]  # no separate user: the test's own directory is root's
        self.log = open(self.workdir / "varnishd.log", "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(100):
            if self.process.poll() is not None:
                log = (self.workdir / "varnishd.log").read_text()
                raise RuntimeError(f"varnishd stopped:\n{log}")
            try:
                self.request("GET", "/healthz")
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("varnishd did not start listening")

    def __exit__(self, *exc_info):
        self.process.terminate()
        self.process.wait(timeout=15)
        self.log.close()

    def request(self, method: str, path: str):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path)
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()

    def get(self, path: str):
        return self.request("GET", path)


def kept(varnish, path: str) -> None:
    varnish.get(path)
    status, headers, _ = varnish.get(path)
    assert (status, headers.get("x-shared-cache")) == (200, "hit"), (path, headers)


def test_varnish_shows_a_publish_and_an_unpublish_at_once_and_keeps_other_pages(
    served_database, tmp_path
):
    varnish_port = free_port()
    env = production_environment(
        served_database, FRONTEND_CACHE_URL=f"http://127.0.0.1:{varnish_port}"
    )
    with (
        Server(free_port(), env, log=tmp_path / "server.log") as server,
        Varnish(varnish_port, server.port, tmp_path) as varnish,
    ):
        pk, name = published_person(env)
        other, other_name = published_person(env)
        page, other_page, api = f"/en/people/{pk}/", f"/en/people/{other}/", f"/api/v1/people/{pk}/"
        manage(env, "purge_shared_cache")  # what making them wrote
        for path in (page, other_page, api):
            kept(varnish, path)
        _, headers, _ = varnish.get(page)
        assert "s-maxage=" in headers["cache-control"] and "public" in headers["cache-control"]

        code = f"from archive.models import Person\np = Person.objects.get(pk={pk})\n"
        run_python(env, code + "p.family_name = 'Republished'\np.save_revision().publish()")
        manage(env, "purge_shared_cache")
        republished = varnish.get(page)
        unrelated = varnish.get(other_page)

        run_python(env, code + "p.unpublish()")
        manage(env, "purge_shared_cache")
        unpublished, unpublished_api = varnish.get(page), varnish.get(api)

        assert republished[0] == 200 and b"Republished" in republished[2]
        assert unrelated[1]["x-shared-cache"] == "hit" and other_name.encode() in unrelated[2]
        assert unpublished[0] == unpublished_api[0] == 404
        assert varnish.get(other_page)[1]["x-shared-cache"] == "hit"
        assert name  # the page named the person before it was renamed
