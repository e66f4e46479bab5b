"""Uploads through the real admin forms: content must match the name, size is limited, and
documents are never served in a way a browser would run."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

HOSTILE_HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
HOSTILE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
)
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def upload_document(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_image(client, name: str, content: bytes):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content",
    [
        ("report.pdf", HOSTILE_HTML),
        ("notes.txt", HOSTILE_HTML),
        ("names.csv", b"family,given\n" + HOSTILE_SVG),
        ("letter.docx", HOSTILE_HTML),
        ("photo.png", HOSTILE_SVG),
        ("photo.jpg", png_bytes()),
    ],
)
def test_a_document_whose_content_does_not_match_its_name_is_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_document_of_an_unaccepted_type_is_refused(admin_client):
    response = upload_document(admin_client, "page.html", HOSTILE_HTML)

    assert response.status_code == 200
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_an_oversized_document_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload_document(admin_client, "long.txt", b"a line of text\n" * 100)

    assert response.status_code == 200
    assert not Document.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, disposition",
    [
        ("names.csv", "family,given\nMəmmədov,Əli\n".encode(), "attachment"),
        ("report.pdf", MINIMAL_PDF, "inline"),
        ("notes.txt", b"Plain notes.\n", "inline"),
    ],
)
def test_accepted_documents_are_served_without_sniffing_or_scripts(
    admin_client, client, name, content, disposition
):
    assert upload_document(admin_client, name, content).status_code == 302
    document = Document.objects.get()

    response = client.get(document.url)

    assert response.status_code == 200
    assert "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content",
    [("photo.png", HOSTILE_HTML), ("drawing.svg", HOSTILE_SVG), ("photo.jpg", png_bytes())],
)
def test_an_image_that_is_not_what_its_name_says_is_refused(admin_client, name, content):
    response = upload_image(admin_client, name, content)

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_an_oversized_image_is_refused_and_a_real_one_accepted(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10
    refused = upload_image(admin_client, "photo.png", png_bytes())
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    accepted = upload_image(admin_client, "photo.png", png_bytes())

    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert Image.objects.count() == 1
