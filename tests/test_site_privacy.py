"""Nothing unpublished or restricted reaches a public page, count, feed or the sitemap."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from archive.models import (
    Event,
    Family,
    FamilyMembership,
    Organisation,
    Person,
    StatementIndexPage,
    StatementPage,
)
from archive.models import Testimony as PersonTestimony  # not collected as a test class
from tests.factories import (
    DocumentedPersonFactory,
    PersonFactory,
    SourceFactory,
    TimelineEntryFactory,
)


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for the module: its tests read it, and what one writes is rolled
    back after it (tests/shared_rows.py)."""


@pytest.fixture
def hidden_people(db):
    """A draft and a restricted record, with names that appear nowhere else. Documented (not
    synthetic) records: counts leave synthetic ones out anyway, so only real ones show that
    the counts leave hidden records out."""
    event = Event.objects.filter(slug="khojaly-massacre").first()
    return [
        DocumentedPersonFactory(
            family_name="Draftova", given_name="Zülfiyyə", live=False, event=event
        ),
        DocumentedPersonFactory(
            family_name="Restrictov",
            given_name="Zakir",
            visibility=Person.Visibility.RESTRICTED,
            event=event,
        ),
    ]


def sitemap_text(client) -> str:
    """The sitemap index and every sitemap it lists."""
    index = client.get("/sitemap.xml").content.decode()
    parts = [index]
    for location in re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", index):
        parts.append(client.get(location).content.decode())
    return "\n".join(parts)


def assert_absent(html: str, *names: str) -> None:
    for name in names:
        assert name not in html


@pytest.mark.django_db
def test_private_person_is_answered_exactly_like_a_missing_one(client, demo, hidden_people):
    for person in hidden_people:
        response = client.get(person.get_absolute_url())
        missing = client.get(f"/en/people/{person.pk + 1000}/")

        assert response.status_code == missing.status_code == 404
        own = response.content.decode().replace(f"/people/{person.pk}/", "/people/X/")
        other = missing.content.decode().replace(f"/people/{person.pk + 1000}/", "/people/X/")
        assert own == other
        assert_absent(own, person.family_name)


@pytest.mark.django_db
def test_private_people_are_absent_from_index_search_and_a_to_z(client, demo, hidden_people):
    PersonFactory(family_name="Shownova", given_name="Aynur")

    pages = [
        client.get("/en/people/").content.decode(),
        client.get("/en/people/", {"q": "Draftova"}).content.decode(),
        client.get("/en/people/", {"q": "Restrictov"}).content.decode(),
        client.get("/en/search/", {"q": "Draftova Restrictov"}).content.decode(),
        client.get("/en/search/", {"q": "Zakir"}).content.decode(),
    ]

    assert "Shownova" in pages[0]
    assert "1 record<" in pages[0]
    assert ">D</a>" not in pages[0] and ">R</a>" not in pages[0]
    assert "0 records<" in pages[1] and "0 records<" in pages[2]
    for html in pages:
        # The queries are echoed back in the search box; the records' other names are not.
        assert_absent(html, "Zülfiyyə", "Zakir Restrictov", "Draftova Zülfiyyə")


@pytest.mark.django_db
def test_private_people_are_not_counted_on_the_home_and_figures_pages(client, demo, hidden_people):
    home = client.get("/en/").content.decode()
    figures = client.get("/en/figures/").content.decode()

    assert "0 public records in this archive" in home
    assert "1 public record in this archive" not in home
    documented = re.findall(r'<td class="number documented">(\d+)</td>', figures)
    assert documented and set(documented) == {"0"}


@pytest.mark.django_db
def test_family_page_shows_only_public_members(client, demo, hidden_people):
    family = Family.objects.create(name="The mixed family")
    shown = PersonFactory(given_name="Visible", family_name="Member")
    for person in [shown, *hidden_people]:
        FamilyMembership.objects.create(family=family, person=person)

    html = client.get(family.get_absolute_url()).content.decode()

    assert "Visible Member" in html
    assert_absent(html, "Draftova", "Restrictov")
    assert html.count('class="person-card"') == 1


@pytest.mark.django_db
def test_family_of_only_private_members_is_not_found_nor_offered(client, demo, hidden_people):
    family = Family.objects.create(name="The hidden family")
    FamilyMembership.objects.create(family=family, person=hidden_people[1])

    assert client.get(family.get_absolute_url()).status_code == 404
    assert "The hidden family" not in client.get("/en/people/").content.decode()
    assert family.get_absolute_url() not in sitemap_text(client)


@pytest.mark.django_db
def test_sitemap_lists_public_addresses_in_every_language_and_nothing_private(
    client, demo, hidden_people
):
    shown = PersonFactory()

    text = sitemap_text(client)

    for language in ("en", "az", "tr", "ru"):
        assert f"/{language}/people/{shown.pk}/" in text
        assert f"/{language}/statements/turkiye-mfa-2026/" in text
        assert f"/{language}/timeline/" in text
    for person in hidden_people:
        assert f"/people/{person.pk}/" not in text


@pytest.fixture
def draft_statement(demo):
    index = StatementIndexPage.objects.get(slug="statements")
    statement = StatementPage(
        title="Unpublished draft statement",
        slug="unpublished-draft",
        issuer=Organisation.objects.first(),
        issued=datetime.date(2026, 2, 27),
        summary="Not yet checked.",
        live=False,
    )
    index.add_child(instance=statement)
    return statement


@pytest.mark.django_db
def test_draft_statement_is_absent_everywhere(client, draft_statement):
    pages = [
        client.get("/en/").content.decode(),
        client.get("/en/statements/").content.decode(),
        client.get("/en/feeds/statements/").content.decode(),
        client.get("/en/search/", {"q": "Unpublished draft"}).content.decode(),
        sitemap_text(client),
    ]

    assert client.get("/en/statements/unpublished-draft/").status_code == 404
    for html in pages:
        assert_absent(html, "Unpublished draft statement", "unpublished-draft")


@pytest.mark.django_db
def test_draft_timeline_entry_is_absent_everywhere(client, demo):
    event = Event.objects.get(slug="khojaly-massacre")
    TimelineEntryFactory(title="Unchecked entry", slug="unchecked", live=False, event=event)

    pages = [
        client.get("/en/").content.decode(),
        client.get("/en/timeline/").content.decode(),
        client.get("/en/feeds/timeline/").content.decode(),
        client.get("/en/search/", {"q": "Unchecked"}).content.decode(),
    ]

    for html in pages:
        assert_absent(html, "Unchecked entry")


@pytest.mark.django_db
def test_feeds_list_published_items(client, demo):
    statements = client.get("/en/feeds/statements/")
    timeline = client.get("/en/feeds/timeline/")

    assert statements["Content-Type"].startswith("application/atom+xml")
    assert "/en/statements/turkiye-mfa-2026/" in statements.content.decode()
    assert "/en/timeline/#entry-khojaly-massacre" in timeline.content.decode()


@pytest.mark.django_db
def test_source_cited_only_by_a_private_record_stays_private(client, demo, hidden_people):
    private = SourceFactory(title="Letter from the Restrictov family")
    hidden_people[1].sources.add(private)
    hidden_people[1].save()
    PersonTestimony.objects.create(person=hidden_people[0], text="…", source=private)

    pages = [
        client.get("/en/sources/").content.decode(),
        client.get("/en/search/", {"q": "Letter"}).content.decode(),
    ]

    assert "News report on Türkiye" in pages[0]
    for html in pages:
        assert_absent(html, "Letter from the Restrictov family")


@pytest.mark.django_db
def test_a_restricted_persons_published_translation_is_hidden_with_it(client, demo):
    original = DocumentedPersonFactory(
        family_name="Gizlinova", visibility=Person.Visibility.RESTRICTED
    )
    translation = original.copy_for_translation(Locale.objects.get(language_code="az"))
    translation.visibility, translation.live = Person.Visibility.PUBLIC, True
    translation.save()

    for language in ("en", "az"):
        assert client.get(f"/{language}/people/{translation.pk}/").status_code == 404
        assert "Gizlinova" not in client.get(f"/{language}/people/").content.decode()
    assert f"/people/{translation.pk}/" not in sitemap_text(client)


@pytest.mark.django_db
def test_an_expired_record_is_hidden_before_the_scheduler_runs(client, demo):
    person = DocumentedPersonFactory(
        family_name="Expiredova", expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert person.live
    assert client.get(person.get_absolute_url()).status_code == 404
    assert "Expiredova" not in client.get("/en/people/").content.decode()


@pytest.mark.django_db
def test_synthetic_records_are_flagged_wherever_a_person_is_named(client, demo):
    synthetic = PersonFactory(family_name="Nümunəva", given_name="Qorxmaz")
    family = Family.objects.create(name="The flagged family")
    FamilyMembership.objects.create(family=family, person=synthetic)
    entry = TimelineEntryFactory(title="An entry naming people")
    entry.related_people.add(synthetic)
    entry.save()
    flagged = "Qorxmaz Nümunəva (synthetic record)"

    for language in ("en", "az", "tr", "ru"):
        timeline = client.get(f"/{language}/timeline/").content.decode()
        people_line = timeline.split(f"/{language}/people/{synthetic.pk}/")[1].split("</p>")[0]
        assert "tag--synthetic" in people_line
    page = client.get(f"/en/people/{synthetic.pk}/").content.decode()
    assert f'<meta property="og:title" content="{flagged}">' in page
    for address in ("/en/people/?q=Nümunəva", family.get_absolute_url()):
        item_list = client.get(address).context["structured_data"]["mainEntity"]
        assert [item["name"] for item in item_list["itemListElement"]] == [flagged]
    family_data = client.get(f"/api/v1/families/{family.pk}/?format=jsonld").json()
    assert family_data["itemListElement"][0]["disambiguatingDescription"].startswith(
        "Synthetic record"
    )


@pytest.mark.django_db
def test_direction_controls_are_dropped_from_every_text(demo):
    person = DocumentedPersonFactory(
        given_name="\u202eAli",
        biography="<p>Born \u202ein Khojaly\u2066.</p>",
        occupation="\u202dteacher",
    )
    person.refresh_from_db()
    statement = StatementPage.objects.live().first()
    statement.summary = "Said \u202e backwards"
    statement.save_revision().publish()
    statement.refresh_from_db()

    assert (person.given_name, person.biography, person.occupation) == (
        "Ali",
        "<p>Born in Khojaly.</p>",
        "teacher",
    )
    assert statement.summary == "Said  backwards"


@pytest.mark.django_db
def test_a_private_pages_password_is_locked_after_too_many_wrong_ones(client, settings, demo):
    page = StatementPage.objects.live().first()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="right"
    )
    form = f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    wrong = {"password": "wrong", "return_url": page.url}

    answers = [client.post(form, wrong).status_code for _ in range(settings.LOGIN_FAILURE_LIMIT)]
    locked = client.post(form, {"password": "right", "return_url": page.url})

    assert answers == [200] * settings.LOGIN_FAILURE_LIMIT
    assert locked.status_code == 429
    assert "Retry-After" in locked


@pytest.mark.django_db
def test_a_right_password_still_opens_a_private_page(client, demo):
    page = StatementPage.objects.live().first()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="right"
    )
    form = f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    opened = client.post(form, {"password": "right", "return_url": page.url})

    assert opened.status_code == 302
    assert page.summary in client.get(page.url).content.decode()
