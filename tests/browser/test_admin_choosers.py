"""An editor links people to a timeline entry through the multiple chooser, in a browser."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_editorial_flow import PASSWORD, sign_in
from tests.factories import PersonFactory, user_in

pytestmark = pytest.mark.browser


@pytest.fixture
def site_content(live_site):
    editor = user_in("Editors", "editor")
    editor.set_password(PASSWORD)
    editor.save()
    PersonFactory(family_name="Məmmədov", given_name="Tofiq")
    PersonFactory(family_name="Məmmədov", given_name="Rauf")
    PersonFactory(family_name="Həsənov", given_name="Elşən")


def new_entry_choosing_people(page, title: str, start: str, summary: str, search: str):
    """The editor's new timeline entry, filled in, with the people chooser open and searched for
    ``search``; the chooser's dialog."""
    sign_in(page, "editor")
    page.goto("/admin/snippets/archive/timelineentry/add/")
    page.get_by_role("textbox", name="Title").fill(title)
    page.get_by_role("textbox", name="Start date").fill(start)
    page.get_by_role("textbox", name="Summary").fill(summary)
    page.get_by_role("button", name="Add people").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox", name="Search term").fill(search)
    return modal


def test_editor_chooses_two_people_for_a_timeline_entry_by_another_spelling(new_context):
    page = new_context().new_page()
    modal = new_entry_choosing_people(
        page, "Chosen people", "1992-02-26", "A test entry.", search="Mamedov"
    )
    expect(modal.get_by_text("Tofiq Məmmədov")).to_be_visible()
    expect(modal.get_by_text("Elşən Həsənov")).to_have_count(0)
    modal.get_by_role("checkbox", name="Tofiq Məmmədov").check()
    modal.get_by_role("checkbox", name="Rauf Məmmədov").check()
    modal.get_by_role("button", name="Confirm selection").click()

    chosen = page.locator("#id_related_people [data-multiple-chooser-list]")
    expect(chosen.get_by_role("link", name="Tofiq Məmmədov")).to_be_visible()
    expect(chosen.get_by_role("link", name="Rauf Məmmədov")).to_be_visible()
    remove = (
        chosen.locator("[data-multiple-chooser-item]")
        .filter(has_text="Rauf")
        .get_by_role("button", name="Remove")
    )
    # An icon's button: its SVG, given no size, was drawn 300 px wide across the row.
    assert remove.bounding_box()["width"] < 60
    remove.click()

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("Chosen people")
    chosen = page.locator("#id_related_people [data-multiple-chooser-list]")
    expect(chosen.get_by_role("link", name="Tofiq Məmmədov")).to_be_visible()
    expect(chosen.get_by_role("link", name="Rauf Məmmədov")).to_have_count(0)
