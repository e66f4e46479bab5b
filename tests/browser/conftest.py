"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live
server, on the transactional test database (SQLite or PostgreSQL alike).

Between its calls, Playwright's sync API marks an asyncio event loop as running in this thread.
Django then refuses ORM calls here (its async-safety check), and, worse, hands out a different
database connection than the one the test database was set up on, which loses pytest-django's
serialized rollback. Rather than silence the check with DJANGO_ALLOW_ASYNC_UNSAFE, every database
step happens while Playwright is stopped: the restore, the demo and ``site_content`` before the
browser starts, the flush after it has stopped. Tests get what they need from ``site_content``
as plain values, and an ORM call in a test body fails loudly."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Waits end as soon as their condition holds; the limits are generous for a loaded CI machine,
# where the Wagtail admin can take seconds to answer.
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)


def chromium_path() -> str | None:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if os.access(found, os.X_OK) else None


def one_request_at_a_time(app):
    """``app``, answering one request at a time, its response read whole inside the lock."""
    lock = threading.Lock()

    def serve(environ, start_response):
        with lock:
            response = app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                if hasattr(response, "close"):
                    response.close()

    return serve


@pytest.fixture
def live_site(live_server, django_db_serialized_rollback):
    """The live server with the demo archive loaded.

    Serialized rollback restores what the migrations made (locales, the root page, the Editors
    and Moderators groups and their workflow), which a transactional test's flush removes.

    On SQLite the test database lives in memory, and Django hands the live server's request
    threads the test's own connection: two requests at once (the admin's editing-session ping
    beside a form's save, say) interleave their savepoints on it and fail at random ("no such
    savepoint"). There the server answers one request at a time."""
    from django.db import connection

    from archive.demo import load_demo

    if connection.vendor == "sqlite":
        httpd = live_server.thread.httpd
        httpd.set_app(one_request_at_a_time(httpd.get_app()))
    load_demo(languages=["en"])  # as the ``demo`` fixture: tests needing more load it
    return live_server


@pytest.fixture
def site_content(live_site):
    """What a test module adds to the demo archive before the browser starts; modules override
    it and return the values their tests need (addresses, names)."""
    return None


@pytest.fixture
def browser(site_content):
    executable = chromium_path()
    if executable is None:
        message = "Debian's chromium is missing: bash .ci/ensure-debian-packages chromium"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, live_site):
    """Opens browser contexts (separate sessions: an editor, a visitor ...) on the live server."""

    def open_context(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=live_site.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        return context

    # Closing the browser closes its contexts.
    return open_context


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture(scope="session")
def screenshots():
    directory = ARTIFACTS / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


# Signing in to the admin. Staff accounts are made before the browser starts (see above).
STAFF_PASSWORD = "a-long-test-passphrase"
STAFF = {"editor": "Editors", "moderator": "Moderators"}


@pytest.fixture
def staff(live_site):
    """An editor, a moderator and a superuser who sign in with ``STAFF_PASSWORD``; their
    usernames are "editor", "moderator" and "admin"."""
    from django.contrib.auth import get_user_model

    from tests.factories import user_in

    for username, group in STAFF.items():
        user = user_in(group, username)
        user.set_password(STAFF_PASSWORD)
        user.save()
    get_user_model().objects.create_superuser("admin", "", STAFF_PASSWORD)


@pytest.fixture
def signed_in(new_context):
    """Opens a page in a new session signed in to the admin as ``username``."""

    def sign_in(username: str, **context_options):
        page = new_context(**context_options).new_page()
        page.goto("/admin/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(STAFF_PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_url(lambda url: "/admin/login/" not in url)
        return page

    return sign_in
