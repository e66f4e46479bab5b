"""The public site in a real browser: accessibility (axe-core), reading with JavaScript off, phone
and desktop layouts, and the printed memorial page. Screenshots go to test-artifacts/."""

import re
from types import SimpleNamespace

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import expect

from archive.demo import load_demo
from archive.models import Event, Person, Place, StatementPage
from tests.browser.conftest import launched_chromium
from tests.factories import DocumentedPersonFactory, PersonFactory

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
# Visitors type the Məmmədov of the fixture without diacritics.
SEARCH = "Mamedov"


@pytest.fixture(scope="module")
def live_site(site_for_module):
    """One site for the module: its tests only read it (see conftest)."""
    return site_for_module


@pytest.fixture(scope="module")
def site_content(live_site):
    """A dozen synthetic records, so the index has a list, a few documented ones, so the
    figures page has charts, and the key pages' addresses."""
    with live_site.building():
        load_demo(synthetic_people=12)
        # Named here, not left to the demo's draw of names, since the search below types it.
        person = PersonFactory(family_name="Məmmədov", given_name="Əli")
        # Records counted as documented, so the figures page draws its charts of them too (the
        # demo's own people are synthetic and never counted).
        khojaly = Event.objects.get(slug="khojaly-massacre", locale__language_code="en")
        for fate, sex, age in (
            (Person.Fate.KILLED, Person.Sex.FEMALE, 9),
            (Person.Fate.KILLED, Person.Sex.MALE, 45),
            (Person.Fate.DIED_OF_WOUNDS, Person.Sex.MALE, 67),
            (Person.Fate.MISSING, Person.Sex.UNKNOWN, None),
        ):
            DocumentedPersonFactory(event=khojaly, fate=fate, sex=sex, stated_age=age)
        statement = (
            StatementPage.objects.live()
            .public()
            .get(slug="turkiye-mfa-2026", locale__language_code="en")
        )
        # The addresses are the English ones whatever language an earlier test left active.
        khojaly_place = Place.objects.get(name="Khojaly", locale__language_code="en")
        with translation.override("en"):
            memorial = person.get_absolute_url()
            place = khojaly_place.get_absolute_url()
        return SimpleNamespace(
            memorial_name=person.display_name,
            paths={
                "home": "/en/",
                "people": f"/en/people/?q={SEARCH}",
                "memorial": memorial,
                "timeline": "/en/timeline/",
                "figures": "/en/figures/",
                "statement": statement.url,
                "home-az": "/az/",
                "contribution form": f"{memorial}contribute/photo/",
                "missing person form": "/en/people/missing-person/",
                "places": "/en/places/",
                "place": place,
            },
        )


@pytest.fixture(scope="module")
def browser(site_content):
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def paths(site_content):
    return site_content.paths


def serious_violations(page) -> list[str]:
    results = Axe().run(page).response
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} at "
        + ", ".join(" ".join(node["target"]) for node in rule["nodes"])
        for rule in results["violations"]
        if rule["impact"] in SERIOUS
    ]


def test_key_pages_have_no_serious_or_critical_accessibility_violations(page, paths):
    # One test for all pages: the failure message lists every page's violations at once.
    violations = {}
    for path in paths.values():
        response = page.goto(path)
        assert response.status == 200, path
        violations[path] = serious_violations(page)

    found = {path: rules for path, rules in violations.items() if rules}
    assert not found, "\n".join(f"{path}: {'; '.join(rules)}" for path, rules in found.items())


def test_home_and_memorial_pages_read_and_search_without_javascript(
    new_context, paths, site_content
):
    page = new_context(java_script_enabled=False).new_page()

    page.goto(paths["home"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Khojaly Massacre, 26 February 1992")
    expect(page.get_by_role("main")).to_contain_text("according to", ignore_case=True)
    page.get_by_role("searchbox", name="Find a person by name").fill(SEARCH)
    page.get_by_role("button", name="Search names").click()
    expect(page.get_by_role("heading", name="People", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Məmmədov").first).to_be_visible()

    page.goto(paths["memorial"])
    expect(page.get_by_role("heading", level=1)).to_have_text(site_content.memorial_name)
    expect(page.get_by_role("note")).to_contain_text("Synthetic record.")
    expect(page.get_by_role("main")).to_contain_text("Verification")


def test_key_pages_fit_a_360_pixel_phone_and_a_desktop_screen(page, paths, screenshots):
    overflowing = []
    for size_name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        for name in ("home", "people", "memorial", "timeline", "figures", "statement", "place"):
            page.goto(paths[name])
            page.screenshot(path=screenshots / f"{name}-{size_name}.png", full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                overflowing.append(f"{paths[name]} is {width}px wide at {viewport['width']}px")

    assert not overflowing, "\n".join(overflowing)


def test_memorial_page_prints_the_record_without_the_site_navigation(
    page, paths, site_content, screenshots
):
    page.goto(paths["memorial"])
    page.emulate_media(media="print")

    page.screenshot(path=screenshots / "memorial-print.png", full_page=True)
    page.pdf(path=screenshots / "memorial-print.pdf", format="A4", print_background=True)

    expect(page.get_by_role("heading", level=1)).to_have_text(site_content.memorial_name)
    expect(page.get_by_role("note")).to_contain_text("Synthetic record.")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("banner")).to_be_hidden()


def test_phone_header_keeps_site_name_and_languages_on_one_line(page, paths):
    page.set_viewport_size(PHONE)
    page.goto(paths["home-az"])

    site_name = page.locator(".site-name").bounding_box()
    languages = page.get_by_role("navigation", name="Dil")
    russian = languages.get_by_role("link", name="Русский")
    # Only the code shows, and the link still says which language it leads to.
    expect(russian).to_have_text("RU Русский")
    expect(russian.locator(".languages__code")).to_be_visible()
    box = languages.bounding_box()
    assert box["y"] < site_name["y"] + site_name["height"], "languages fell below the site name"
    assert box["x"] + box["width"] <= PHONE["width"]


TEXT_PAST_THE_EDGE = """() => [...document.querySelectorAll("svg.chart")].flatMap((svg) => {
    const width = svg.getBoundingClientRect().width;
    return [...svg.querySelectorAll("text")]
        .filter((text) => { const box = text.getBBox(); return box.x + box.width > width + 0.5; })
        .map((text) => text.textContent);
})"""


def test_figures_page_draws_each_chart_beside_its_table_on_a_phone_and_in_print(
    page, paths, screenshots
):
    page.set_viewport_size(PHONE)
    page.goto(paths["figures"])
    main = page.get_by_role("main")
    for title in (
        "Reported figures beside public records",
        "Public records by fate",
        "Public records by age at the time",
        "Public records by sex",
    ):
        expect(main.get_by_role("img", name=title)).to_be_visible()
    expect(main.get_by_role("table", name="Public records by sex")).to_be_visible()
    # The phone's 360 pixels hold every label and value, in the language of the longest ones
    # too (SVG text runs off the drawing's edge rather than wrapping).
    for path in (paths["figures"], "/ru/figures/"):
        page.goto(path)
        assert page.evaluate(TEXT_PAST_THE_EDGE) == [], path
    page.goto(paths["figures"])

    page.emulate_media(media="print")
    page.screenshot(path=screenshots / "figures-print.png", full_page=True)
    expect(main.get_by_role("img", name="Public records by fate")).to_be_visible()


def test_a_place_on_the_map_is_a_link_a_keyboard_reaches_and_a_list_repeats(page, paths):
    page.goto(paths["places"])
    figure = page.get_by_role("figure")
    point = figure.get_by_role("link", name="Khojaly")

    point.focus()
    expect(point).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(paths["place"]) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Khojaly")
    # The map again, this place marked, and the same places in words below it.
    expect(page.get_by_role("figure").get_by_role("link", name="Khojaly")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("list", name="Places on the map")).to_contain_text("39.91° N, 46.79° E")
