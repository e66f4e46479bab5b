"""Editing in the admin: dates typed as known, the person form's groups and families, messages
that say what happened, and the admin in the site's languages."""

import datetime
import html
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield
from wagtail.users.models import UserProfile

from archive.models import Family, FamilyMembership, Person, Precision, StatementPage
from tests.admin_forms import person_form
from tests.factories import (
    EventFactory,
    FigureFactory,
    PersonFactory,
    SourceFactory,
    TimelineEntryFactory,
)


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for the module: its tests read it, and what one writes is rolled
    back after it (tests/shared_rows.py)."""


PERSON_ADD = "wagtailsnippets_archive_person:add"
PERSON_EDIT = "wagtailsnippets_archive_person:edit"


def snippet_edit_url(instance):
    return reverse(f"wagtailsnippets_archive_{instance._meta.model_name}:edit", args=[instance.pk])


def page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, url):
    """What a browser would post back from the edit form at ``url``, untouched."""
    html = client.get(url).content.decode()
    form_id = "page-edit-form" if "/pages/" in url else "w-editor-form"
    return querydict_from_html(html, form_id=form_id)


def shown_value(client, url, name):
    html = client.get(url).content.decode()
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no text box named {name}"
    value = re.search(r'value="([^"]*)"', match[0])
    return value[1] if value else ""


def messages_of(response):
    """The messages' text, without the buttons Wagtail renders into them."""
    return [
        html.unescape(str(message).split("<span")[0]).strip()
        for message in get_messages(response.wsgi_request)
    ]


# Each form with partial dates: a record to edit, and per date what is typed, what is stored
# (the earliest day and the precision) and what the form shows again.
TYPED_DATES = {
    "person": (
        lambda: PersonFactory(),
        {
            "born": ("1950", datetime.date(1950, 1, 1), Precision.YEAR, "1950"),
            "fate_date": ("26.02.1992", datetime.date(1992, 2, 26), Precision.DAY, "1992-02-26"),
        },
    ),
    "timeline entry": (
        lambda: TimelineEntryFactory(),
        {
            "start": ("1992-02", datetime.date(1992, 2, 1), Precision.MONTH, "1992-02"),
            "end": ("spring 1993", datetime.date(1993, 3, 1), Precision.SEASON, "spring 1993"),
        },
    ),
    "event": (
        lambda: EventFactory(),
        {
            "start": ("1988", datetime.date(1988, 1, 1), Precision.YEAR, "1988"),
            "end": ("1990s", datetime.date(1990, 1, 1), Precision.DECADE, "199X"),
        },
    ),
    "source": (
        lambda: SourceFactory(),
        {"published": ("195X", datetime.date(1950, 1, 1), Precision.DECADE, "195X")},
    ),
    "reported figure": (
        lambda: FigureFactory(),
        {"as_of": ("1992-02-26", datetime.date(1992, 2, 26), Precision.DAY, "1992-02-26")},
    ),
    "statement": (
        lambda: StatementPage.objects.get(slug="turkiye-mfa-2026"),
        {"issued": ("2026-02", datetime.date(2026, 2, 1), Precision.MONTH, "2026-02")},
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("form", TYPED_DATES)
def test_typed_dates_are_stored_at_their_precision_and_shown_again_as_typed(
    admin_client, demo, form
):
    make, dates = TYPED_DATES[form]
    record = make()
    url = page_edit_url(record) if form == "statement" else snippet_edit_url(record)
    data = edit_form(admin_client, url)
    for name, (typed, *_) in dates.items():
        data[name] = typed
    if form == "statement":  # the body's blocks are drawn by script, so not in the HTML form
        data.update(nested_form_data({"body": streamfield([])}))

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    record = type(record).objects.get(pk=record.pk)
    if hasattr(record, "get_latest_revision_as_object"):
        record = record.get_latest_revision_as_object()
    for name, (_typed, day, precision, shown) in dates.items():
        assert (getattr(record, name), getattr(record, f"{name}_precision")) == (day, precision)
        assert shown_value(admin_client, url, name) == shown


@pytest.mark.django_db
def test_an_approximate_year_is_stored_as_approximate_and_shown_again_as_typed(editor_client):
    response = editor_client.post(reverse(PERSON_ADD), person_form(born="ca. 1950"))

    person = Person.objects.get(family_name="Testova")
    assert response.status_code == 302
    assert (person.born, person.born_precision, person.born_approximate) == (
        datetime.date(1950, 1, 1),
        Precision.YEAR,
        True,
    )
    assert shown_value(editor_client, snippet_edit_url(person), "born") == "c. 1950"


@pytest.mark.django_db
def test_retyping_an_approximate_date_as_exact_clears_the_mark(editor_client):
    person = PersonFactory(
        born=datetime.date(1950, 1, 1), born_precision="year", born_approximate=True
    )
    url = snippet_edit_url(person)
    data = edit_form(editor_client, url)
    data["born"] = "1950"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert not Person.objects.get(pk=person.pk).get_latest_revision_as_object().born_approximate


@pytest.mark.django_db
def test_a_year_typed_on_a_new_person_is_a_year(editor_client):
    response = editor_client.post(reverse(PERSON_ADD), person_form(born="1950"))

    person = Person.objects.get(family_name="Testova")
    assert response.status_code == 302
    assert (person.born, person.born_precision) == (datetime.date(1950, 1, 1), Precision.YEAR)
    assert person.birth_date.iso() == "1950"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("31.02.1950", "“31.02.1950” is not a date such as"),
        ("c. 19500", "“c. 19500” is not a date such as"),
        ("26/02/1950", "“26/02/1950” is not a date such as"),
        ("x" * 500, "is not a date such as"),
    ],
)
def test_a_date_that_cannot_be_read_is_a_form_error(editor_client, typed, error):
    response = editor_client.post(reverse(PERSON_ADD), person_form(born=typed))

    assert response.status_code == 200
    assert error in response.context["form"].errors["born"][0]
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_date_error_is_in_the_editors_language(editor_client, editor):
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "ru"})

    response = editor_client.post(reverse(PERSON_ADD), person_form(born="26/02/1950"))

    assert "«26/02/1950» — не дата; пишите так:" in response.content.decode()


@pytest.mark.django_db
def test_an_end_before_the_start_is_a_form_error(admin_client):
    entry = TimelineEntryFactory()
    url = snippet_edit_url(entry)
    data = edit_form(admin_client, url)
    data["start"], data["end"] = "1992", "1991-12"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "The end date cannot be before the start date." in str(response.context["form"].errors)


PERSON_GROUPS = [
    "Name",
    "Birth",
    "Fate",
    "Places",
    "Life",
    "Family",
    "Sources and testimonies",
    "Visibility",
]


def panel_headings(html):
    return re.findall(r"data-panel-heading-text>\s*([^<]+?)\s*<", html)


@pytest.mark.django_db
def test_person_form_groups_come_in_reading_order(editor_client):
    html = editor_client.get(reverse(PERSON_ADD)).content.decode()

    headings = [heading for heading in panel_headings(html) if heading in PERSON_GROUPS]

    assert headings == PERSON_GROUPS


@pytest.mark.django_db
def test_date_of_birth_sits_under_birth_not_under_sex(editor_client):
    html = editor_client.get(reverse(PERSON_ADD)).content.decode()

    birth, fate = (
        html.index("data-panel-heading-text>Birth<"),
        html.index("data-panel-heading-text>Fate<"),
    )
    assert birth < html.index('name="born"') < fate
    assert html.index('name="sex"') < birth


def memberships(*rows, initial=0):
    data = {"family_memberships-TOTAL_FORMS": str(len(rows))}
    data["family_memberships-INITIAL_FORMS"] = str(initial)
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"family_memberships-{index}-{key}"] = value
    return data


@pytest.mark.django_db
def test_a_family_is_added_from_the_person_form(editor_client):
    family = Family.objects.create(name="The Testov family")

    response = editor_client.post(
        reverse(PERSON_ADD),
        {
            **person_form(),
            **memberships({"family": family.pk, "relationship": "child"}),
            "action-submit": "Submit",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get(family_name="Testova")
    assert list(person.memberships.values_list("family__name", "relationship")) == [
        ("The Testov family", "child")
    ]


@pytest.mark.django_db
def test_family_links_of_a_live_person_are_saved_at_once_with_a_draft(editor_client):
    person = PersonFactory()
    old, new = Family.objects.create(name="Old family"), Family.objects.create(name="New family")
    kept = FamilyMembership.objects.create(family=old, person=person, relationship="spouse")
    url = snippet_edit_url(person)
    data = edit_form(editor_client, url)
    data.update(
        memberships(
            {"id": kept.pk, "family": old.pk, "relationship": "spouse", "DELETE": "on"},
            {"family": new.pk, "relationship": "parent"},
            initial=1,
        )
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert list(person.memberships.values_list("family__name", flat=True)) == ["New family"]
    assert Person.objects.get(pk=person.pk).live  # the record itself waits for moderation


@pytest.mark.django_db
def test_the_same_family_twice_is_a_form_error(editor_client):
    person = PersonFactory()
    family = Family.objects.create(name="Once family")
    FamilyMembership.objects.create(family=family, person=person)
    url = snippet_edit_url(person)
    data = edit_form(editor_client, url)  # the row of the family, and a blank one
    data["family_memberships-1-family"] = family.pk

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert person.memberships.count() == 1


@pytest.mark.django_db
def test_a_stale_form_naming_a_family_already_linked_is_a_form_error(editor_client):
    person = PersonFactory()
    family = Family.objects.create(name="Stale family")
    FamilyMembership.objects.create(family=family, person=person)
    url = snippet_edit_url(person)
    data = edit_form(editor_client, url)
    # As if the form had been opened before the family was linked elsewhere.
    data.update(memberships({"family": family.pk, "relationship": "child"}))

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "This person is already a member of “Stale family”." in response.content.decode()
    assert person.memberships.count() == 1


@pytest.mark.django_db
def test_the_person_form_shows_the_families_with_their_relationship(editor_client):
    person = PersonFactory()
    family = Family.objects.create(name="Shown family")
    FamilyMembership.objects.create(family=family, person=person, relationship="sibling")

    html = editor_client.get(snippet_edit_url(person)).content.decode()

    assert "Shown family" in html
    assert re.search(r'<option value="sibling" selected>', html)


@pytest.mark.django_db
def test_messages_say_a_new_person_is_a_draft(editor_client):
    response = editor_client.post(reverse(PERSON_ADD), person_form(family_name="Draftova"))

    assert messages_of(response) == [
        "Person 'Synthetic Draftova' created as a draft; it is not public yet."
    ]


@pytest.mark.django_db
def test_messages_say_a_draft_of_a_live_person_leaves_the_public_version(editor_client):
    person = PersonFactory(family_name="Liveova")
    url = snippet_edit_url(person)

    response = editor_client.post(url, edit_form(editor_client, url))

    assert messages_of(response) == [
        f"Draft of Person '{person}' saved; "
        "the public version stays as it is until this draft is published."
    ]


@pytest.mark.django_db
def test_messages_say_a_person_was_submitted_for_moderation(editor_client):
    response = editor_client.post(
        reverse(PERSON_ADD), {**person_form(family_name="Submitova"), "action-submit": "Submit"}
    )

    assert messages_of(response) == [
        "Person 'Synthetic Submitova' created and submitted for moderation."
    ]


@pytest.mark.django_db
def test_messages_say_a_person_was_published(moderator_client):
    response = moderator_client.post(
        reverse(PERSON_ADD), {**person_form(family_name="Publishova"), "action-publish": "1"}
    )

    assert messages_of(response) == ["Person 'Synthetic Publishova' created and published."]


@pytest.mark.django_db
def test_messages_say_an_approved_person_was_published(client, editor, moderator):
    client.force_login(editor)
    client.post(
        reverse(PERSON_ADD), {**person_form(family_name="Approvova"), "action-submit": "Submit"}
    )
    person = Person.objects.get(family_name="Approvova")
    client.force_login(moderator)
    url = snippet_edit_url(person)

    response = client.post(
        url,
        {
            **edit_form(client, url),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        },
    )

    assert Person.objects.get(pk=person.pk).live
    assert messages_of(response) == [f"Person '{person}' approved and published."]


@pytest.mark.django_db
def test_messages_say_an_unpublished_person_is_no_longer_public(moderator_client):
    person = PersonFactory(family_name="Unpublishova")

    response = moderator_client.post(
        reverse("wagtailsnippets_archive_person:unpublish", args=[person.pk])
    )

    assert not Person.objects.get(pk=person.pk).live
    assert messages_of(response) == [f"'{person}' unpublished; it is no longer public."]


def speaking(user, language):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})


@pytest.mark.django_db
def test_the_admin_in_azerbaijani_uses_wagtails_labels_and_a_dotted_capital_i(
    editor_client, editor
):
    speaking(editor, "az")
    person = PersonFactory()

    html = editor_client.get(snippet_edit_url(person)).content.decode()
    listing = editor_client.get(reverse("wagtailsnippets_archive_person:list")).content.decode()

    assert "Düzəliş edilir" in html  # "Editing", from Wagtail's own az_AZ catalogue
    assert "İnsan" in html and "Insan" not in html
    assert "İnsanlar" in listing and "Insanlar" not in listing


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "wagtail_label"),
    [("tr", "Taslağı kaydet"), ("ru", "Сохранить черновик")],  # "Save draft"
)
def test_the_admin_in_turkish_and_russian_uses_wagtails_labels(
    editor_client, editor, language, wagtail_label
):
    speaking(editor, language)

    html = editor_client.get(snippet_edit_url(PersonFactory())).content.decode()

    assert wagtail_label in html
