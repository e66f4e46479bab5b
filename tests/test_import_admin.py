"""Importing people through the admin: upload, preview with the error report, confirm."""

import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from archive.importers.columns import COLUMNS
from archive.models import Person
from tests.factories import PersonFactory, user_in
from tests.test_import_people import csv_bytes, person_row

UPLOAD = reverse("import_people:upload")


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, settings):
    imports = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    imports["OPTIONS"] = {"location": tmp_path / "uploads"}
    settings.STORAGES = {**settings.STORAGES, "imports": imports}
    return tmp_path / "uploads"


def upload(client, data: bytes, name="people.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data, "text/csv")})


@pytest.mark.django_db
def test_moderator_uploads_sees_a_preview_and_imports_drafts(
    moderator_client, moderator, upload_dir
):
    uploaded = upload(moderator_client, csv_bytes([person_row(1), person_row(2, given="Tofiq")]))
    preview = moderator_client.get(uploaded.url)

    assert preview.status_code == 200
    assert "Tofiq" in preview.content.decode()
    assert "2 new records" in preview.content.decode()
    assert not Person.objects.exists()

    confirmed = moderator_client.post(uploaded.url, {})

    assert confirmed.url.startswith(reverse("wagtailsnippets_archive_person:list") + "?imported=")
    assert list(upload_dir.iterdir()) == []  # the upload is gone once imported
    people = Person.objects.all()
    assert len(people) == 2
    assert all(not p.live and p.latest_revision.user == moderator for p in people)


@pytest.mark.django_db
def test_preview_reports_every_bad_row_and_refuses_to_import_them_without_consent(
    moderator_client,
):
    data = csv_bytes([person_row(1, fate="dead"), person_row(2), person_row(3, born="soon")])
    uploaded = upload(moderator_client, data)

    preview = moderator_client.get(uploaded.url).content.decode()
    refused = moderator_client.post(uploaded.url, {})

    assert "“dead” is not one of" in preview and "“soon” is not a date" in preview
    assert refused.status_code == 200
    assert "Some rows have errors" in refused.content.decode()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_valid_only_imports_the_good_rows_and_rejects_download_has_the_bad(moderator_client):
    uploaded = upload(moderator_client, csv_bytes([person_row(1, fate="dead"), person_row(2)]))
    rejects = moderator_client.get(uploaded.url + "rejects.csv")

    moderator_client.post(uploaded.url, {"valid_only": "on"})

    assert Person.objects.get().external_id == "list-2"
    text = rejects.content.decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",reason")
    assert "list-1" in text and "list-2" not in text


@pytest.mark.django_db
def test_publish_box_publishes_the_records(moderator_client):
    uploaded = upload(moderator_client, csv_bytes([person_row(1)]))
    moderator_client.post(uploaded.url, {"publish": "on", "reason": "The 1992 list."})
    assert Person.objects.public().count() == 1


@pytest.mark.django_db
def test_badly_encoded_file_gets_a_form_error_not_a_crash(moderator_client):
    data = "external_id,given_name,fate\nl-1,Jürgen,killed\n".encode("latin-1")
    response = upload(moderator_client, data)
    assert response.status_code == 200
    assert "not UTF-8" in response.content.decode()


@pytest.mark.django_db
def test_file_without_required_columns_gets_a_form_error(moderator_client):
    response = upload(moderator_client, b"given_name\nAli\n")
    assert "Required columns are missing: external_id, fate" in response.content.decode()


@pytest.mark.django_db
def test_editors_can_neither_open_the_import_nor_see_it_in_the_menu(editor_client):
    refused = editor_client.get(UPLOAD)
    # Wagtail answers a permission error in its admin with a redirect and a message.
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert UPLOAD not in home


@pytest.mark.django_db
def test_moderators_find_the_import_in_the_menu(moderator_client):
    assert UPLOAD in moderator_client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_an_upload_is_only_visible_to_the_session_that_made_it(moderator_client, client):
    uploaded = upload(moderator_client, csv_bytes([person_row(1)]))
    client.force_login(user_in("Moderators", "other"))
    assert client.get(uploaded.url).status_code == 404


def imported(client, rows, **options):
    """Upload and import ``rows``; the response of the import (a redirect to its listing)."""
    uploaded = upload(client, csv_bytes(rows))
    return client.post(uploaded.url, options)


@pytest.mark.django_db
def test_after_importing_the_listing_shows_exactly_the_imported_records(moderator_client):
    PersonFactory(family_name="Earlierova")
    first = imported(moderator_client, [person_row(1, family="Firstova")])
    second = imported(moderator_client, [person_row(2, family="Secondova")])

    listing = moderator_client.get(second.url).content.decode()

    assert "Secondova" in listing
    assert "Firstova" not in listing and "Earlierova" not in listing
    assert "Firstova" in moderator_client.get(first.url).content.decode()


@pytest.mark.django_db
def test_a_forged_import_filter_shows_nothing_rather_than_failing(moderator_client):
    PersonFactory(family_name="Earlierova")
    listing = reverse("wagtailsnippets_archive_person:list")

    response = moderator_client.get(listing, {"imported": "forged:token"})

    assert response.status_code == 200
    assert "Earlierova" not in response.content.decode()


@pytest.mark.django_db
def test_publish_everything_from_an_import_publishes_only_its_records(moderator_client):
    earlier = PersonFactory(live=False)
    response = imported(moderator_client, [person_row(1), person_row(2)])
    [message] = response.wsgi_request._messages
    publish = next(
        button.split('href="')[1].split('"')[0].replace("&amp;", "&")
        for button in str(message.message).split("<a ")[1:]
        if "bulk" in button
    )

    confirmation = moderator_client.get(publish)
    moderator_client.post(publish)

    assert 'data-bulk-count="2"' in confirmation.content.decode()
    assert set(Person.objects.filter(live=True).values_list("external_id", flat=True)) == {
        "list-1",
        "list-2",
    }
    earlier.refresh_from_db()
    assert not earlier.live
    assert parse_qs(urlparse(publish).query)["next"] == [response.url]


@pytest.mark.django_db
def test_the_upload_page_lists_every_column(moderator_client):
    page = moderator_client.get(UPLOAD).content.decode()

    assert all(f"<code>{column.name}</code>" in page for column in COLUMNS)
    assert "docs/import-export.md" not in page


@pytest.mark.django_db
def test_templates_hold_every_column_and_import_as_they_are(moderator_client):
    names = [column.name for column in COLUMNS]
    as_csv = moderator_client.get(reverse("import_people:template", args=["csv"]))
    as_xlsx = moderator_client.get(reverse("import_people:template", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active

    assert as_csv.content.decode("utf-8-sig").strip() == ",".join(names)
    assert [cell.value for cell in sheet[1]] == names
    assert moderator_client.get(reverse("import_people:template", args=["pdf"])).status_code == 404


@pytest.mark.django_db
def test_editors_cannot_download_the_templates(editor_client):
    response = editor_client.get(reverse("import_people:template", args=["csv"]))
    assert response.status_code == 302


@pytest.mark.django_db
def test_preview_reports_every_problem_of_a_row(moderator_client):
    # A bad fate (a cell), a birth after the date of fate (the record's own checks) and an
    # identifier an earlier row has: three problems, all on row 3.
    rows = [person_row(1), person_row(1, fate="dead", born="1995", died="1992-02-26")]
    preview = moderator_client.get(upload(moderator_client, csv_bytes(rows)).url)
    errors = [error for error in preview.context["errors"] if error.row == 3]

    assert {error.column for error in errors} == {"fate", "external_id", "fate_date"}


@pytest.mark.django_db
def test_publishing_an_import_asks_for_its_reason(moderator_client):
    uploaded = upload(moderator_client, csv_bytes([person_row(1)]))
    response = moderator_client.post(uploaded.url, {"publish": "on"})

    assert response.status_code == 200
    assert "Give the reason for this import" in response.content.decode()
    assert not Person.objects.exists()
