"""What the public may read of visitors' contributions: approved messages and photos of public
people, never a contributor's e-mail address, never what waits or was refused; and photos,
checked like every upload, kept where only the approval check can hand them out."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from archive.exporting import export_archive
from archive.models import Contribution
from tests.contribution_data import SECRET_EMAIL, form_data, jpeg, stored
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def person(db):
    return PersonFactory(family_name="Privatova")


def public_texts(client, person, tmp_path) -> dict[str, str]:
    """Every public surface that could show a contribution, or a contributor, as text."""
    texts = {}
    for language in ("en", "az", "tr", "ru"):
        texts[f"page {language}"] = client.get(f"/{language}/people/{person.pk}/").content.decode()
        texts[f"index {language}"] = client.get(f"/{language}/people/").content.decode()
    for address in (
        f"{API}/people/{person.pk}/",
        f"{API}/people/",
        f"{API}/people/?format=jsonld",
        f"{API}/contributions/",
        f"{API}/contributions/?person={person.pk}",
        f"{API}/search/?q=Privatova",
        "/en/feeds/statements/",
        "/en/feeds/timeline/",
        "/sitemap.xml",
        "/en/search/?q=Privatova",
    ):
        texts[address] = client.get(address).content.decode()
    table = client.get(f"{API}/people/", {"format": "csv"})
    texts["api csv"] = b"".join(table.streaming_content).decode()
    for contribution in Contribution.objects.all():
        answer = client.get(f"{API}/contributions/{contribution.pk}/")
        texts[f"api contribution {contribution.pk}"] = answer.content.decode()
    export_archive(tmp_path)
    for path in sorted(tmp_path.iterdir()):
        texts[f"export {path.name}"] = path.read_text(encoding="utf-8")
    return texts


def test_a_contributors_email_appears_nowhere_public(client, person, tmp_path):
    for status in Contribution.Status.values:
        stored(person, status=status, text=f"Words {status}.")
    client.post(f"/en/people/{person.pk}/contribute/message/", form_data())

    texts = public_texts(client, person, tmp_path)

    assert "Words approved." in texts["page en"]
    assert "Words approved." in texts[f"{API}/people/{person.pk}/"]
    assert not [surface for surface, text in texts.items() if SECRET_EMAIL in text]
    assert not [surface for surface, text in texts.items() if "private.contributor" in text]


def test_pending_rejected_and_drafted_contributions_are_invisible_everywhere(
    client, person, tmp_path
):
    hidden = [
        stored(person, status=Contribution.Status.PENDING, text="Pending words."),
        stored(person, status=Contribution.Status.REJECTED, text="Rejected words."),
        stored(
            person,
            kind=Contribution.Kind.CORRECTION,
            status=Contribution.Status.DRAFTED,
            text="Drafted words.",
        ),
    ]

    texts = public_texts(client, person, tmp_path)

    for words in ("Pending words.", "Rejected words.", "Drafted words."):
        assert not [surface for surface, text in texts.items() if words in text], words
    for contribution in hidden:
        assert client.get(f"{API}/contributions/{contribution.pk}/").status_code == 404
    assert client.get(f"{API}/people/{person.pk}/").json()["contributions"] == []


def test_an_approved_contribution_leaves_with_its_person(client, person):
    contribution = stored(person, status=Contribution.Status.APPROVED, text="Shown words.")
    assert client.get(f"{API}/contributions/{contribution.pk}/").status_code == 200

    person.unpublish()

    assert client.get(f"{API}/contributions/{contribution.pk}/").status_code == 404
    assert client.get(f"{API}/contributions/").json()["results"] == []


def test_the_api_lists_a_persons_approved_contributions_as_the_guide_says(client, person):
    other = PersonFactory()
    mine = stored(person, status=Contribution.Status.APPROVED, show_name=False)
    stored(other, status=Contribution.Status.APPROVED)

    listed = client.get(f"{API}/contributions/", {"person": person.pk}).json()
    record = client.get(f"{API}/people/{person.pk}/").json()

    (result,) = listed["results"]
    assert result["id"] == mine.pk
    assert result["contributor"] is None
    assert result["relationship"] == "neighbour"
    assert result["person"]["id"] == person.pk
    assert [c["id"] for c in record["contributions"]] == [mine.pk]
    assert "email" not in result and "status" not in result
    refused = client.get(f"{API}/contributions/", {"person": "me"})
    assert refused.status_code == 400


# Photos


def send_photo(client, person, upload, **fields):
    return client.post(
        f"/en/people/{person.pk}/contribute/photo/",
        {**form_data(text="My uncle in 1985.", rights="own"), "photo": upload, **fields},
    )


def test_a_photo_is_stored_outside_the_public_media_without_its_metadata(client, person):
    response = send_photo(client, person, jpeg(exif=True, name="Uncle Ali 1985 Khojaly.jpg"))

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    path = Path(contribution.photo.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "Uncle" not in path.name
    with Image.open(path) as image:
        assert not image.getexif()
        assert (image.width, image.height) == (400, 300)
    assert b"SecretCamera" not in path.read_bytes()


def test_a_pending_photo_cannot_be_fetched_and_an_approved_one_can(client, person):
    send_photo(client, person, jpeg())
    contribution = Contribution.objects.get()
    address = f"/contributions/photos/{contribution.pk}/"
    media_address = f"{settings.MEDIA_URL}{contribution.photo.name}"

    pending = client.get(address, follow=True)
    assert pending.status_code == 404
    assert not pending["Content-Type"].startswith("image/")
    assert client.get(media_address, follow=True).status_code == 404

    contribution.status = Contribution.Status.APPROVED
    contribution.save()

    approved = client.get(address)
    assert approved.status_code == 200
    assert approved["Content-Type"] == "image/jpeg"
    assert approved["X-Content-Type-Options"] == "nosniff"
    assert b"".join(approved.streaming_content)[:3] == b"\xff\xd8\xff"
    record = client.get(f"{API}/contributions/{contribution.pk}/").json()
    assert record["photo"].endswith(address)
    assert address in client.get(person.get_absolute_url()).content.decode()


def picture_bytes(fmt: str, size=(400, 300)) -> bytes:
    written = io.BytesIO()
    Image.new("RGB", size, (10, 10, 10)).save(written, format=fmt)
    return written.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "JPEG, PNG or WebP"),
        ("photo.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "JPEG, PNG or WebP"),
        ("photo.jpg", picture_bytes("GIF"), "JPEG, PNG or WebP"),
        ("photo.jpg", picture_bytes("JPEG")[:200], "cannot be read"),
        ("photo.png", picture_bytes("PNG", (150, 150)), "too small"),
        ("photo.png", picture_bytes("PNG", (8001, 200)), "too many pixels"),
    ],
)
def test_a_photo_is_checked_by_its_content(client, person, name, content, error):
    response = send_photo(client, person, SimpleUploadedFile(name, content))

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_png_named_jpg_is_kept_as_the_png_it_is(client, person):
    send_photo(client, person, SimpleUploadedFile("photo.jpg", picture_bytes("PNG")))

    assert Contribution.objects.get().photo.name.endswith(".png")


def test_a_photo_over_the_size_limit_is_refused(client, person, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024

    response = send_photo(client, person, jpeg(1200, 900))

    assert response.status_code == 400
    assert "too large" in response.content.decode()
