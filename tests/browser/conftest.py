"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live
server, on the transactional test database (SQLite or PostgreSQL alike).

Between its calls, Playwright's sync API marks an asyncio event loop as running in this thread.
Django then refuses ORM calls here (its async-safety check), and, worse, hands out a different
database connection than the one the test database was set up on, which loses pytest-django's
serialized rollback. Rather than silence the check with DJANGO_ALLOW_ASYNC_UNSAFE, every database
step happens while Playwright is stopped: the restore, the demo and ``site_content`` before the
browser starts, the flush after it has stopped. Tests get what they need from ``site_content``
as plain values, and an ORM call in a test body fails loudly.

Each test gets a site of its own: the live server's database is flushed after it (pytest-django's
transactional test), and the restore, the demo and the module's content are paid again for the
next. A module whose tests only read the site builds it once instead, and opens one browser for
all its tests: it overrides ``live_site`` with ``site_for_module`` and ``browser`` with
``launched_chromium()``, both at module scope, and builds its ``site_content`` (module scope too)
inside ``live_site.building()``::

    @pytest.fixture(scope="module")
    def live_site(site_for_module):
        return site_for_module

    @pytest.fixture(scope="module")
    def site_content(live_site):
        with live_site.building():
            return build_the_content()

    @pytest.fixture(scope="module")
    def browser(site_content):
        with launched_chromium() as chromium:
            yield chromium
"""

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections
from django.test.utils import modify_settings
from django.utils import translation
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


class SiteForModule:
    """The live server over the demo archive for the tests of one module that only read it."""

    def __init__(self, server, django_db_blocker):
        self.url = server.url
        self._django_db_blocker = django_db_blocker

    @contextmanager
    def building(self):
        """Database access, committed as the live server sees it, in the language and with the
        empty caches a test starts with."""
        with self._django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
            for cache in caches.all():
                cache.clear()
            yield


@pytest.fixture(scope="session")
def _server_for_modules(django_db_setup):
    """The live server of ``site_for_module`` (pytest-django's ``live_server`` would make
    each test that names it transactional)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    if connections["default"].vendor == "sqlite":  # see ``live_site``
        httpd = server.thread.httpd
        httpd.set_app(one_request_at_a_time(httpd.get_app()))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site_for_module(_server_for_modules, django_db_blocker):
    """``live_site`` built once for a module whose tests only read the site (see above).

    What the migrations made is restored, and the demo loaded, as for a transactional test
    with serialized rollback; after the module the database is flushed as after such a test,
    so the module runs among the transactional tests (tests/shared_rows.py)."""
    from archive.demo import load_demo

    connection = connections["default"]
    site = SiteForModule(_server_for_modules, django_db_blocker)
    host = _server_for_modules.thread.host
    # Open while the module runs: the live server's threads reach the database through it.
    with django_db_blocker.unblock(), modify_settings(ALLOWED_HOSTS={"append": host}):
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
        with site.building():
            load_demo(languages=["en"])  # as ``live_site``
        yield site
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=True,  # as TransactionTestCase with serialized rollback
        )


@pytest.fixture
def site_content(live_site):
    """What a test module adds to the demo archive before the browser starts; modules override
    it and return the values their tests need (addresses, names)."""
    return None


@contextmanager
def launched_chromium():
    """Debian's Chromium, driven by Playwright until the block ends."""
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
def browser(site_content):
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def new_context(browser, live_site):
    """Opens browser contexts (separate sessions: an editor, a visitor ...) on the live server;
    they close after the test (a module's browser outlives it)."""
    opened = []

    def open_context(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=live_site.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


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
