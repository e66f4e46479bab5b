"""Production settings serve every kind of page once static files are collected, and refuse to
start, saying why, when they are not (every page would otherwise answer 500)."""

import os
import subprocess
import sys

import pytest

from bench.serving import ROOT, Server, free_port
from bench.serving import served_environment as production_environment
from tests.servers import published_person

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL: processes cannot share the in-memory SQLite test database",
)

PAGES = (
    "/en/",
    "/az/",
    "/en/people/",
    "/en/people/?fate=killed",
    "/en/search/?q=khojaly",
    "/en/timeline/",
    "/en/sources/",
    "/en/feeds/timeline/",
    "/api/v1/people/",
    "/api/v1/timeline/",
    "/sitemap.xml",
    "/robots.txt",
)


def production(database_url, static_root) -> dict:
    return production_environment(
        database_url,
        DJANGO_SETTINGS_MODULE="memorial.settings.production",
        STATIC_ROOT=str(static_root),
    )


def test_production_refuses_to_start_without_collected_static_files(served_database, tmp_path):
    env = production(served_database, tmp_path / "static")
    server = Server(free_port(), env, log=tmp_path / "log")

    with pytest.raises(RuntimeError, match="exited"):
        server.start()

    assert "Static files are not collected" in (tmp_path / "log").read_text()


def test_production_serves_every_kind_of_page_once_static_files_are_collected(
    served_database, tmp_path
):
    env = production(served_database, tmp_path / "static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    pk, _ = published_person(env)

    with Server(free_port(), env, log=tmp_path / "log") as server:
        answers = {path: server.get(path) for path in (*PAGES, f"/en/people/{pk}/")}
        missing = server.get("/en/no-such-page/")
        api_missing = server.get("/api/v1/people/999999999/")
        stylesheet = server.get(
            answers["/en/"][2].decode().split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        )

    assert {path: status for path, (status, _, _) in answers.items() if status != 200} == {}
    assert missing[0] == api_missing[0] == 404
    assert b"<html" in missing[2]  # the site's own 404 page, rendered with its style sheet
    assert stylesheet[0] == 200
