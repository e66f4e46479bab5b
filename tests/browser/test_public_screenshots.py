"""The demo's key pages in each of its four languages on a phone and a desktop, kept as
screenshots (test-artifacts/screenshots/public/) for people to look at: what no assertion
catches, a heading that breaks badly, a label crowding the layout. What can be asserted is: the
page is served in its language and nothing is wider than the screen, which is where long
Azerbaijani and Russian words first show (a word too long for a 360 px phone scrolls the whole
page sideways). test_public_pages.py checks the English site's other pages the same way."""

import pytest
from playwright.sync_api import expect

from archive.demo import LANGUAGES
from tests.browser.conftest import launched_chromium
from tests.browser.test_public_pages import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SCREENS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="module")
def live_site(site_for_module):
    """One site for the module: its tests only read it (see conftest)."""
    return site_for_module


@pytest.fixture(scope="module")
def site_content(live_site):
    """The demo in every language, with synthetic records and families; the key pages'
    addresses, the language prefix left out."""
    from archive.demo import load_demo
    from archive.demo.synthetic import PEOPLE_PER_FAMILY
    from archive.models import Person, StatementPage

    with live_site.building():
        load_demo(synthetic_people=PEOPLE_PER_FAMILY)
        # A member of a family, so that the page shows the family's name as well.
        person = Person.objects.public().filter(memberships__isnull=False).order_by("pk").first()
        statement = StatementPage.objects.get(locale__language_code="en")
        return {
            "home": "",
            "person": f"people/{person.pk}/",
            "statement": f"statements/{statement.slug}/",
            "timeline": "timeline/",
        }


@pytest.fixture(scope="module")
def browser(site_content):
    with launched_chromium() as chromium:
        yield chromium


@pytest.mark.parametrize("screen", SCREENS)
def test_key_pages_fit_the_screen_in_each_language(new_context, site_content, screenshots, screen):
    width = SCREENS[screen]["width"]
    page = new_context(viewport=SCREENS[screen]).new_page()
    folder = screenshots / "public"
    folder.mkdir(exist_ok=True)
    too_wide = {}
    for language in LANGUAGES:
        for name, path in site_content.items():
            address = f"/{language}/{path}"
            response = page.goto(address)
            assert response.status == 200, address
            expect(page.locator("html")).to_have_attribute("lang", language)
            page.screenshot(path=folder / f"{language}-{name}-{width}.png", full_page=True)
            scrolled = page.evaluate("document.documentElement.scrollWidth")
            if scrolled > width:
                too_wide[address] = scrolled

    assert not too_wide, f"wider than {width} px: {too_wide}"
