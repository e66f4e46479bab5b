"""A memorial page with photos and a scanned document in a real browser: no serious
accessibility violation, nothing wider than a 360-pixel phone, every figure kept in print.
Screenshots go to test-artifacts/."""

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from archive.models import PersonMedia
from tests.browser.test_public_pages import serious_violations
from tests.factories import DocumentedPersonFactory, SourceFactory
from tests.test_record_media import attach, new_document, new_image

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 780}


@pytest.fixture
def site_content(live_site):
    person = DocumentedPersonFactory(family_name="Mediaphone", given_name="Aysel")
    source = SourceFactory(title="A generated placeholder album, for testing")
    for number in range(2):
        attach(
            PersonMedia,
            person,
            image=new_image(),
            alt_text=f"Generated placeholder {number + 1}, grey",
            caption="A long caption that has to wrap on a phone without widening the page at all",
            source=source,
            rights="The archive's own work",
            consent=PersonMedia.Consent.ARCHIVE,
            is_synthetic=True,
        )
    attach(PersonMedia, person, document=new_document(), caption="Generated placeholder scan")
    return SimpleNamespace(memorial=f"/en/people/{person.pk}/")


def test_a_memorial_page_with_photos_fits_a_phone_reads_well_and_prints(
    new_context, site_content, screenshots
):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    assert page.goto(site_content.memorial).status == 200
    expect(page.get_by_role("heading", name="Photos and documents")).to_be_visible()
    expect(page.get_by_role("img", name="Generated placeholder 1, grey")).to_have_count(1)
    expect(page.get_by_role("link", name="Generated placeholder scan")).to_be_visible()
    page.screenshot(path=screenshots / "memorial-media-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.emulate_media(media="print")
    expect(page.locator(".record-media__figure")).to_have_count(3)
    page.screenshot(path=screenshots / "memorial-media-print.png", full_page=True)
    page = new_context(viewport=PHONE).new_page()  # axe needs JavaScript
    page.goto(site_content.memorial)
    assert serious_violations(page) == []
