"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live
server, on the transactional test database (SQLite or PostgreSQL alike)."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio event loop running in this thread, so Django's
# async-safety check would refuse the ORM calls the tests make between browser steps (loading the
# demo, flushing the database afterwards). Nothing here runs concurrently with those calls; the
# live server answers from its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

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


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Debian's chromium is not installed (run .ci/ensure-chromium)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_site(live_server, django_db_serialized_rollback):
    """The live server with the demo archive loaded.

    Serialized rollback restores what the migrations made (locales, the root page, the Editors
    and Moderators groups and their workflow), which a transactional test's flush removes."""
    from archive.demo import load_demo

    load_demo()
    return live_server


@pytest.fixture
def new_context(browser, live_site):
    """Opens browser contexts (separate sessions: an editor, a visitor ...) on the live server,
    closed after the test."""
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
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots():
    directory = ARTIFACTS / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory
