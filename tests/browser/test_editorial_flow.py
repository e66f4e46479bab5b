"""From an editor's form to a visitor's search: the whole path a remembrance record takes, through
the real Wagtail admin and the public site, in a browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import user_in

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-passphrase"
# Entered in Azerbaijani Latin; the visitor types the Russian-style transliteration.
FAMILY_NAME, GIVEN_NAME = "Məmmədova", "Gülşən"
FULL_NAME = f"{GIVEN_NAME} {FAMILY_NAME}"
SEARCHED_AS = "Mamedova"


@pytest.fixture
def site_content(live_site):
    """An editor and a moderator who sign in with a password."""
    for group, username in (("Editors", "editor"), ("Moderators", "moderator")):
        user = user_in(group, username)
        user.set_password(PASSWORD)
        user.save()


def sign_in(page: Page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Memorial Archive", level=1)).to_be_visible()


def search_people(page: Page, query: str) -> None:
    page.goto("/en/")
    page.get_by_role("searchbox", name="Find a person by name").fill(query)
    page.get_by_role("button", name="Search names").click()
    expect(page.get_by_role("heading", name="People", level=1)).to_be_visible()


def test_editor_submits_a_person_a_moderator_publishes_it_and_a_visitor_finds_it(new_context):
    # The editor creates the record through the admin form and submits it for moderation.
    editor = new_context().new_page()
    sign_in(editor, "editor")
    editor.get_by_role("button", name="Archive").click()
    editor.get_by_role("link", name="People").click()
    expect(editor.get_by_role("heading", name="People", level=1)).to_be_visible()
    editor.get_by_role("link", name="Add person").first.click()
    editor.get_by_role("textbox", name="Family name").fill(FAMILY_NAME)
    editor.get_by_role("textbox", name="Given name").fill(GIVEN_NAME)
    editor.get_by_role("combobox", name="Sex").select_option(label="Female")
    editor.get_by_role("combobox", name="Fate").select_option(label="Killed")
    editor.get_by_role("textbox", name="Date of fate").fill("1992-02-26")
    editor.get_by_role("checkbox", name="Synthetic record").check()
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Moderators approval").click()
    message = editor.get_by_role("status")
    expect(message).to_contain_text(f"Person '{FULL_NAME}' created and submitted for moderation.")
    edit_link = message.get_by_role("link", name="Edit")
    person_id = re.search(r"/edit/(\d+)/", edit_link.get_attribute("href")).group(1)

    # Before approval the visitor finds nothing, by search or by address.
    visitor = new_context().new_page()
    search_people(visitor, SEARCHED_AS)
    expect(visitor.get_by_role("heading", name="0 records", exact=True)).to_be_visible()
    expect(visitor.get_by_role("link", name=FULL_NAME)).to_have_count(0)
    response = visitor.goto(f"/en/people/{person_id}/")
    assert response.status == 404

    # The moderator approves and publishes it from the review list on the dashboard.
    moderator = new_context().new_page()
    sign_in(moderator, "moderator")
    review = moderator.get_by_role("region", name="1 item awaiting moderation")
    review.get_by_role("link", name=FULL_NAME).click()
    expect(moderator.get_by_role("heading", name=FULL_NAME)).to_be_visible()
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish").click()
    expect(moderator.get_by_role("status")).to_contain_text(
        f"Person '{FULL_NAME}' approved and published."
    )
    record_row = moderator.get_by_role("row").filter(
        has=moderator.locator(f'a[href$="/person/edit/{person_id}/"]')
    )
    expect(record_row).to_contain_text("live")

    # The visitor now finds it under another spelling and opens the memorial page.
    search_people(visitor, SEARCHED_AS)
    expect(visitor.get_by_role("heading", name="1 record", exact=True)).to_be_visible()
    visitor.get_by_role("link", name=FULL_NAME).click()
    expect(visitor).to_have_url(re.compile(rf"/en/people/{person_id}/$"))
    expect(visitor.get_by_role("heading", name=FULL_NAME, level=1)).to_be_visible()
    banner = visitor.get_by_role("note").filter(has_text="Synthetic record.")
    expect(banner).to_contain_text("does not describe a real person")
    expect(visitor.get_by_role("main")).to_contain_text("Killed, 26 February 1992")
