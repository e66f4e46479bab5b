"""A visitor sends a remembrance message, a moderator approves it, and the visitor sees it on
the memorial page: in a browser, the visitor's without JavaScript."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MESSAGE = "He carried water for the whole street every morning."


@pytest.fixture
def site_content(live_site, staff, settings):
    from tests.factories import PersonFactory

    # Fast enough for a browser driven by a test, slow enough to be checked.
    settings.CONTRIBUTION_MIN_SECONDS = 1
    person = PersonFactory(family_name="Contributova", given_name="Synthetic")
    return {"url": person.get_absolute_url(), "name": person.display_name}


def test_a_visitor_sends_a_message_a_moderator_approves_it_and_the_visitor_sees_it(
    new_context, signed_in, site_content, screenshots
):
    visitor = new_context(java_script_enabled=False).new_page()
    visitor.goto(site_content["url"])
    visitor.get_by_role("link", name="Share a remembrance").click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Share a remembrance")
    visitor.get_by_role("textbox", name="Your name").fill("Leyla Visitor")
    visitor.get_by_role("checkbox", name="Show my name with what I send").check()
    visitor.get_by_role("textbox", name="Your e-mail address").fill("leyla@example.net")
    visitor.get_by_role("textbox", name="Your relationship to the person").fill("niece")
    visitor.get_by_role("textbox", name="Your remembrance message").fill(MESSAGE)
    visitor.wait_for_timeout(1100)  # the form's minimum time, as a person would take
    # Without consent the form comes back with what was written and says what is missing.
    visitor.get_by_role("button", name="Send to the moderators").click()
    expect(visitor.get_by_role("alert")).to_contain_text("Please correct what is marked below.")
    expect(visitor.get_by_role("textbox", name="Your remembrance message")).to_have_value(MESSAGE)
    visitor.get_by_role("checkbox", name="I agree that the archive keeps").check()
    visitor.screenshot(path=screenshots / "contribution-form.png", full_page=True)
    visitor.wait_for_timeout(1100)
    visitor.get_by_role("button", name="Send to the moderators").click()
    expect(visitor.get_by_role("heading", name="Thank you for writing")).to_be_visible()

    visitor.goto(site_content["url"])
    expect(visitor.get_by_text(MESSAGE)).to_have_count(0)

    moderator = signed_in("moderator")
    panel = moderator.get_by_role("region", name="1 contribution from visitors awaits moderation")
    panel.get_by_role("link", name="Read and decide").click()
    moderator.get_by_role("link", name="Remembrance message").click()
    expect(moderator.get_by_text("leyla@example.net")).to_be_visible()
    moderator.screenshot(path=screenshots / "contribution-review.png", full_page=True)
    moderator.get_by_role("button", name="Approve and publish").click()
    expect(moderator.get_by_text("Approved: it is now on the person's page.")).to_be_visible()

    visitor.goto(site_content["url"])
    section = visitor.get_by_role("region", name="Remembered by visitors")
    expect(section.get_by_text(MESSAGE)).to_be_visible()
    expect(section).to_contain_text("Leyla Visitor (niece)")
    expect(visitor.get_by_text("leyla@example.net")).to_have_count(0)
    visitor.screenshot(path=screenshots / "contribution-approved.png", full_page=True)
