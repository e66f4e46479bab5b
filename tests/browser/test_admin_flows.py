"""Editors and moderators at work in the real admin, in a browser: linking a person to families
through the searchable chooser, a timeline entry from an editor's draft to the public timeline,
50 imported drafts approved in one bulk action, and partial dates typed as they are known.

Each flow saves a screenshot of its key screen at 1280 px (see ``screenshots`` in conftest).
What the database holds is read at the end of a flow through the ``from_database`` fixture.
"""

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import Page, expect

from tests.browser.test_admin_choosers import new_entry_choosing_people
from tests.browser.test_editorial_flow import PASSWORD, sign_in
from tests.factories import PersonFactory, user_in

pytestmark = pytest.mark.browser

IMPORTED = 50


@pytest.fixture
def from_database(site_content):
    """Runs a function of ORM calls, once the browser has done its part, and returns its result.

    While Playwright runs, Django refuses the ORM in the test's thread, and would hand out
    another connection there (see conftest). The function runs in a thread of its own, on the
    connection the test database was set up on, taken here before the browser starts: on
    SQLite the one the live server shares, on PostgreSQL one that sees what it committed. No
    second connection is opened (on SQLite in memory it could not even be closed).

    Tests name it before ``new_context``, so that it is set up before Playwright starts; once
    Playwright runs, ``ensure_connection`` here fails loudly."""
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()

    def run(query):
        connections[DEFAULT_DB_ALIAS] = connection
        connection.inc_thread_sharing()
        try:
            return query()
        finally:
            connection.dec_thread_sharing()

    def in_thread(query):
        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(run, query).result()

    return in_thread


@pytest.fixture
def site_content(live_site):
    """Staff who sign in with a password, a person to link, a family to link them to, and
    three drafts an editor might try to approve."""
    from archive.models import Family

    for group, username in (("Editors", "editor"), ("Moderators", "moderator")):
        user = user_in(group, username)
        user.set_password(PASSWORD)
        user.save()
    tofiq = PersonFactory(family_name="Məmmədov", given_name="Tofiq")
    PersonFactory(family_name="Həsənov", given_name="Elşən")
    drafts = [PersonFactory(family_name="Qaralama", live=False) for _ in range(3)]
    Family.objects.create(name="The Karimov family")
    return {"person_id": tofiq.pk, "draft_ids": [draft.pk for draft in drafts]}


def family_section(page: Page):
    return page.get_by_role("region", name="Family", exact=True)


def test_editor_links_a_person_found_in_another_script_to_two_families(
    from_database, new_context, site_content, screenshots
):
    from archive.models import FamilyMembership

    page = new_context().new_page()
    sign_in(page, "editor")

    # From a new family's form: the member is found by the Russian spelling of the name.
    page.goto("/admin/snippets/archive/family/add/")
    page.get_by_role("textbox", name="Name").fill("The Mammadov family")
    page.get_by_role("button", name="Add family member").click()
    page.get_by_role("button", name="Choose person").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox", name="Search term").fill("Мамедов")
    expect(modal.get_by_role("link", name="Tofiq Məmmədov")).to_be_visible()
    expect(modal.get_by_text("Elşən Həsənov")).to_have_count(0)
    page.screenshot(path=screenshots / "flow-family-person-chooser.png")
    modal.get_by_role("link", name="Tofiq Məmmədov").click()
    expect(modal).to_be_hidden()
    page.get_by_role("combobox", name="Relationship").select_option(label="Head of family")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Family 'The Mammadov family' created.")

    # From the person's form: the Family section lists that family and adds a second one.
    page.goto(f"/admin/snippets/archive/person/edit/{site_content['person_id']}/")
    families = family_section(page)
    expect(families.get_by_text("The Mammadov family")).to_be_visible()
    families.get_by_role("button", name="Choose family").click()
    modal.get_by_role("textbox", name="Search term").fill("karimov")
    # Once the search has run, its results replace the list of every family.
    expect(modal.get_by_text("There is 1 match")).to_be_visible()
    modal.get_by_role("link", name="The Karimov family").click()
    expect(modal).to_be_hidden()
    # The last row is the empty one, for a family not yet linked.
    families.get_by_role("combobox", name="Relationship").last.select_option(label="Spouse")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("Draft of Person 'Tofiq Məmmədov' saved")
    families = family_section(page)
    expect(families.get_by_text("The Mammadov family")).to_be_visible()
    expect(families.get_by_text("The Karimov family")).to_be_visible()
    families.get_by_role("heading", name="Family", exact=True).scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "flow-person-family-section.png")

    memberships = from_database(
        lambda: set(
            FamilyMembership.objects.filter(person_id=site_content["person_id"]).values_list(
                "family__name", "relationship"
            )
        )
    )
    assert memberships == {("The Mammadov family", "head"), ("The Karimov family", "spouse")}


def test_editor_submits_a_timeline_entry_with_a_person_and_a_moderator_publishes_it(
    new_context, screenshots
):
    editor = new_context().new_page()
    modal = new_entry_choosing_people(
        editor, "Shelling of the town", "1992-02", "The town is shelled for days.", search="Мамедов"
    )
    # The results replace the unfiltered list (and its checkboxes) once the search has run.
    expect(modal.get_by_text("Elşən Həsənov")).to_have_count(0)
    modal.get_by_role("checkbox", name="Tofiq Məmmədov").check()
    modal.get_by_role("button", name="Confirm selection").click()
    expect(modal).to_be_hidden()
    chosen = editor.locator("#id_related_people [data-multiple-chooser-list]")
    expect(chosen.get_by_role("link", name="Tofiq Məmmədov")).to_be_visible()
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Moderators approval").click()
    expect(editor.get_by_role("status")).to_contain_text(
        "Timeline entry 'February 1992: Shelling of the town' created and submitted for moderation."
    )

    # Not public while it awaits moderation.
    visitor = new_context().new_page()
    visitor.goto("/en/timeline/")
    expect(visitor.get_by_role("main")).not_to_contain_text("Shelling of the town")

    moderator = new_context().new_page()
    sign_in(moderator, "moderator")
    waiting = moderator.get_by_role("region", name="1 item awaiting moderation")
    moderator.screenshot(path=screenshots / "flow-dashboard-awaiting-moderation.png")
    waiting.get_by_role("link", name="February 1992: Shelling of the town").click()
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator.get_by_role("status")).to_contain_text(
        "Timeline entry 'February 1992: Shelling of the town' approved and published."
    )

    visitor.goto("/en/timeline/")
    entry = visitor.get_by_role("article", name="Shelling of the town")
    expect(entry).to_contain_text("People: Tofiq Məmmədov")
    entry.get_by_role("link", name="Tofiq Məmmədov").click()
    expect(visitor.get_by_role("heading", name="Tofiq Məmmədov", level=1)).to_be_visible()


def people_csv(count: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["external_id", "family_name", "given_name", "fate", "born", "is_synthetic"])
    for number in range(count):
        writer.writerow(
            [f"flow-{number:03d}", "Əliyev", f"Imported {number:02d}", "killed", "1950", "yes"]
        )
    return out.getvalue().encode()


def test_moderator_imports_50_drafts_and_approves_them_all_in_one_bulk_action(
    from_database, new_context, screenshots
):
    from archive.models import Person

    page = new_context().new_page()
    sign_in(page, "moderator")
    page.get_by_role("button", name="Archive").click()
    page.get_by_role("link", name="Import people").click()
    page.get_by_label("CSV or XLSX file").set_input_files(
        files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": people_csv(IMPORTED)}]
    )
    page.get_by_role("button", name="Upload and preview").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text(f"{IMPORTED} new records")
    expect(main).to_contain_text("0 rows with errors")
    main.get_by_role("button", name="Import", exact=True).click()

    # The import lands on a listing of exactly the records it created, all drafts.
    expect(page.get_by_role("status")).to_contain_text(f"Imported {IMPORTED} rows: {IMPORTED} new")
    expect(page.get_by_text(f"There are {IMPORTED} matches")).to_be_visible()
    # The listing's filter names the import by its time, not by the token in the address.
    token = parse_qs(urlsplit(page.url).query)["imported"][0]
    active_filters = page.locator(".w-active-filters")
    expect(active_filters).to_contain_text("From the import:")
    expect(active_filters).not_to_contain_text(token[:20])
    expect(main.get_by_text("Tofiq Məmmədov")).to_have_count(0)
    page.get_by_role("checkbox", name="Select all").check()
    footer = page.locator("[data-bulk-action-footer]")
    expect(footer).to_contain_text(f"All {IMPORTED}")
    page.screenshot(path=screenshots / "flow-imported-drafts-selected.png")
    footer.get_by_role("link", name="Approve and publish").click()

    expect(main).to_contain_text(f"{IMPORTED} people selected.")
    page.screenshot(path=screenshots / "flow-bulk-approve-confirmation.png")
    main.get_by_role("button", name="Yes, approve and publish").click()
    expect(page.get_by_role("status").first).to_contain_text(f"{IMPORTED} people published.")

    live = from_database(
        lambda: Person.objects.filter(external_id__startswith="flow-", live=True).count()
    )
    assert live == IMPORTED


def test_editor_is_offered_only_the_bulk_submission_of_drafts(
    from_database, new_context, site_content
):
    from archive.models import Person

    page = new_context().new_page()
    sign_in(page, "editor")
    page.goto("/admin/snippets/archive/person/?q=Qaralama")
    expect(page.get_by_text("There are 3 matches")).to_be_visible()
    page.get_by_role("checkbox", name="Select all").check()
    # The footer offers an editor what an editor may do: submit, not approve or restrict.
    footer = page.locator("[data-bulk-action-footer]")
    expect(footer.get_by_role("link")).to_have_text(["Submit for moderation"])
    footer.get_by_role("link", name="Submit the selected records for moderation").click()
    page.get_by_role("button", name="Yes, submit").click()
    expect(page.get_by_role("status").first).to_contain_text("3 people submitted for moderation.")

    live = from_database(
        lambda: Person.objects.filter(pk__in=site_content["draft_ids"], live=True).count()
    )
    assert live == 0


def test_editor_types_partial_dates_and_sees_them_again_as_typed(
    from_database, new_context, screenshots
):
    from archive.models import Person, Precision

    page = new_context().new_page()
    sign_in(page, "editor")
    page.goto("/admin/snippets/archive/person/add/")
    page.get_by_role("textbox", name="Family name").fill("Quliyev")
    page.get_by_role("textbox", name="Given name").fill("Vüqar")
    page.get_by_role("combobox", name="Fate").select_option(label="Killed")
    born = page.get_by_role("textbox", name="Date of birth")
    fate_date = page.get_by_role("textbox", name="Date of fate")

    # A date that cannot be read is refused with the ways to write one.
    born.fill("26/02/1950")
    fate_date.fill("1992-02")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("“26/02/1950” is not a date such as")).to_be_visible()

    # An estimate is kept as one.
    born.fill("ca. 1950")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("created as a draft")
    expect(born).to_have_value("c. 1950")
    expect(fate_date).to_have_value("1992-02")

    born.fill("195X")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("saved")
    expect(born).to_have_value("195X")

    born.fill("1950")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("saved")
    expect(born).to_have_value("1950")
    expect(fate_date).to_have_value("1992-02")
    born.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "flow-person-partial-dates.png")

    person = from_database(lambda: Person.objects.get(given_name="Vüqar"))
    assert (person.born.isoformat(), person.born_precision) == ("1950-01-01", Precision.YEAR)
    assert not person.born_approximate
    assert (person.fate_date.isoformat(), person.fate_date_precision) == (
        "1992-02-01",
        Precision.MONTH,
    )
