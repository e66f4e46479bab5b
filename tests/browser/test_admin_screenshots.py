"""Screenshots of the main admin screens at 1280 px in each admin language, kept as test
artifacts (test-artifacts/screenshots/admin/) for people to look at: what no assertion catches,
a label left in English, a column cut off, a layout that breaks in Russian."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "az", "tr", "ru"]


@pytest.fixture
def site_content(live_site, staff):
    """A moderator per language, each with that admin language chosen in their profile, and
    records for the screens to show."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    from archive.models import Family, FamilyMembership, Person
    from tests.browser.conftest import STAFF_PASSWORD
    from tests.factories import PersonFactory, user_in

    family = Family.objects.create(name="The Mammadov family", locale_id=1)
    people = []
    for n, given in enumerate(["Aynur", "Elchin", "Gulnar", "Rauf", "Sevinj", "Tural"]):
        person = PersonFactory(
            family_name="Mammadov",
            given_name=given,
            visibility=Person.Visibility.RESTRICTED if n == 5 else Person.Visibility.PUBLIC,
        )
        FamilyMembership.objects.create(family=family, person=person, relationship="child")
        people.append(person.pk)
    for language in LANGUAGES:
        user = user_in("Moderators", f"moderator-{language}")
        user.set_password(STAFF_PASSWORD)
        user.save()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    assert get_user_model().objects.filter(username__startswith="moderator-").count() == 4
    return {
        "dashboard": "/admin/",
        "people": "/admin/snippets/archive/person/",
        "person-edit": f"/admin/snippets/archive/person/edit/{people[0]}/",
        "person-history": f"/admin/snippets/archive/person/history/{people[0]}/",
        "family-edit": f"/admin/snippets/archive/family/edit/{family.pk}/",
        "timeline": "/admin/snippets/archive/timelineentry/",
        "pages": "/admin/pages/",
        "import": "/admin/import-people/",
        "site-history": "/admin/reports/site-history/",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_admin_screens_render_in_each_language(signed_in, site_content, screenshots, language):
    page = signed_in(f"moderator-{language}")
    folder = screenshots / "admin"
    folder.mkdir(exist_ok=True)
    for name, address in site_content.items():
        response = page.goto(address)
        assert response.status == 200, address
        expect(page.locator("html")).to_have_attribute("lang", language)
        page.screenshot(path=folder / f"{language}-{name}.png", full_page=True)
