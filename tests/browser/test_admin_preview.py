"""The side preview panel of the admin's edit forms shows the record as visitors would see it,
with the banners staff must not miss."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def site_content(live_site, staff):
    from archive.models import Person
    from tests.factories import PersonFactory

    synthetic = PersonFactory(family_name="Panelova", given_name="Aynur")
    restricted = PersonFactory(
        family_name="Hiddenova", given_name="Leyla", visibility=Person.Visibility.RESTRICTED
    )
    return {"synthetic": synthetic.pk, "restricted": restricted.pk}


def open_preview_panel(page: Page, person_id: int):
    page.goto(f"/admin/snippets/archive/person/edit/{person_id}/")
    page.get_by_role("button", name="Toggle preview").click()
    return page.frame_locator("#w-preview-iframe")


def test_editor_sees_a_person_and_the_synthetic_banner_in_the_side_preview(signed_in, site_content):
    preview = open_preview_panel(signed_in("editor"), site_content["synthetic"])

    expect(preview.get_by_role("heading", name="Aynur Panelova", level=1)).to_be_visible()
    expect(preview.get_by_role("note")).to_contain_text("Synthetic record.")


def test_moderator_sees_the_restricted_banner_in_the_side_preview(signed_in, site_content):
    preview = open_preview_panel(signed_in("moderator"), site_content["restricted"])

    expect(preview.get_by_role("heading", name="Leyla Hiddenova", level=1)).to_be_visible()
    expect(preview.get_by_text("Restricted record.")).to_be_visible()
