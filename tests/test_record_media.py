"""Photos and scanned documents of records (archive/models/media.py): edited in the admin with
choosers and a required alternative text, shown on the pages as responsive figures with their
credit, given by the API, flagged when synthetic, and never readable by the public once the
record is restricted, held or unpublished: not by page or API, nor by the address of the
original or of a rendition the site once showed (archive/media_files.py)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset

from archive.media_files import seal_record_media
from archive.models import (
    Family,
    FamilyMedia,
    FamilyMembership,
    Hold,
    Person,
    PersonMedia,
    StatementMedia,
    TimelineEntryMedia,
)
from memorial.media import is_sealed
from tests.admin_forms import person_form
from tests.factories import (
    DocumentedPersonFactory,
    PersonFactory,
    SourceFactory,
    TimelineEntryFactory,
    statement_drafts,
)

API = "/api/v1"
PERSON_ADD = "wagtailsnippets_archive_person:add"
WIDTHS = (400, 800, 1200)


def png(size=(1600, 1200), name="scan.png") -> ImageFile:
    data = io.BytesIO()
    PillowImage.new("RGB", size, (120, 110, 100)).save(data, "PNG")
    return ImageFile(io.BytesIO(data.getvalue()), name=name)


def new_image(title="Generated placeholder scan"):
    return get_image_model().objects.create(title=title, file=png())


def new_document(title="Generated placeholder certificate"):
    content = b"%PDF-1.4 generated placeholder"
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(content, name="certificate.pdf"),
        file_size=len(content),  # as the admin's upload form sets it
    )


def attach(model, record, **fields):
    fields.setdefault("alt_text", "A generated grey placeholder in place of a photograph")
    fields.setdefault("rights", "Public domain")
    fields.setdefault("consent", PersonMedia.Consent.PUBLIC_DOMAIN)
    return model.objects.create(**{model.owner: record}, **fields)


@pytest.fixture
def commits(db, django_capture_on_commit_callbacks):
    """Run what waits for the commit (the sealing pass) at the end of each block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def shown(db, commits):
    """A public person with a photo the public page has shown (its renditions exist) and a
    scanned document."""
    with commits():
        person = DocumentedPersonFactory(family_name="Mediaova", given_name="Leyla")
        photo = attach(PersonMedia, person, image=new_image(), caption="A caption of the scan")
        document = attach(PersonMedia, person, document=new_document(), caption="Certificate")
    return person, photo.image, document.document


def stored_path(name: str) -> Path:
    return Path(default_storage.path(name))


def published_addresses(client, person) -> list[str]:
    """The addresses of the person's files that the page and the API give the public."""
    html = client.get(f"/en/people/{person.pk}/").content.decode()
    record = client.get(f"{API}/people/{person.pk}/").json()
    found = set(re.findall(r'(?:src|href)="(/media/[^"]+)"', html))
    found |= set(re.findall(r"(/media/[^ ,\"]+)", html))
    for item in record["media"]:
        if item["image"]:
            found |= {re.sub(r"^https?://[^/]+", "", r["url"]) for r in item["image"]["renditions"]}
    return sorted(found)


def test_an_uploaded_original_gets_a_name_no_one_can_guess(db):
    assert re.fullmatch(r"original_images/[0-9a-f]{20}\.png", new_image().file.name)


def test_a_person_page_shows_each_photo_as_a_responsive_figure_with_its_credit(client, shown):
    person, _image, _document = shown
    source = SourceFactory(title="Family album of the Mediaova family")
    PersonMedia.objects.filter(image__isnull=False).update(
        source=source, rights="© the Mediaova family", consent=PersonMedia.Consent.FAMILY
    )
    html = client.get(f"/en/people/{person.pk}/").content.decode()
    (img,) = re.findall(r"<img [^>]*srcset[^>]*>", html)
    for width in WIDTHS:
        assert f"width-{width}" in img and f" {width}w" in img
    assert 'alt="A generated grey placeholder in place of a photograph"' in img
    assert 'loading="lazy"' in img and 'width="400"' in img and 'height="300"' in img
    assert "sizes=" in img
    figure = html[html.index('<figure class="record-media__figure">') :]
    caption = figure[: figure.index("</figcaption>")]
    assert "A caption of the scan" in caption
    assert "According to" in caption and "Family album of the Mediaova family" in caption
    assert "© the Mediaova family" in caption and "family consent given" in caption


def test_a_scanned_document_is_a_link_saying_its_type_and_size(client, shown):
    person, _image, document = shown
    html = client.get(f"/en/people/{person.pk}/").content.decode()
    assert f'href="{document.url}"' in html
    assert re.search(r"\(PDF, \d+\W+bytes\)", html)


def test_synthetic_media_and_those_of_synthetic_records_are_flagged(client, commits):
    with commits():
        real = DocumentedPersonFactory()
        attach(PersonMedia, real, image=new_image(), is_synthetic=True)
        synthetic_person = PersonFactory()  # synthetic record
        attach(PersonMedia, synthetic_person, image=new_image())
        plain = DocumentedPersonFactory()
        attach(PersonMedia, plain, image=new_image())
    flag = "Synthetic: a generated placeholder, not a real photo"
    for person, flagged in ((real, True), (synthetic_person, True), (plain, False)):
        assert (flag in client.get(f"/en/people/{person.pk}/").content.decode()) is flagged
        (item,) = client.get(f"{API}/people/{person.pk}/").json()["media"]
        assert item["is_synthetic"] is flagged


def test_families_statements_and_timeline_entries_show_their_media(
    client, commits, admin_user, statements_index, rf
):
    with commits():
        member = DocumentedPersonFactory()
        family = Family.objects.create(name="The Mediaov family", locale=member.locale)
        FamilyMembership.objects.create(family=family, person=member)
        attach(FamilyMedia, family, image=new_image(), alt_text="Family in front of a house")
        entry = TimelineEntryFactory(title="An entry with a scan")
        attach(TimelineEntryMedia, entry, document=new_document(), caption="Scanned order")
        (statement,) = statement_drafts(statements_index, admin_user, count=1)
        statement.save_revision().publish()
        attach(StatementMedia, statement, image=new_image(), alt_text="The signed statement")
    assert "Family in front of a house" in client.get(f"/en/families/{family.pk}/").content.decode()
    assert "Scanned order" in client.get("/en/timeline/").content.decode()
    request = rf.get("/")
    request.user = admin_user
    page = statement.serve(request)
    assert "The signed statement" in page.render().content.decode()
    family_record = client.get(f"{API}/families/{family.pk}/").json()
    assert family_record["media"][0]["alt_text"] == "Family in front of a house"
    entry_record = client.get(f"{API}/timeline/{entry.pk}/").json()
    assert entry_record["media"][0]["document"]["type"] == "pdf"
    statement_record = client.get(f"{API}/statements/{statement.pk}/").json()
    assert statement_record["media"][0]["kind"] == "image"


def test_the_api_gives_renditions_alt_caption_source_and_rights(client, shown):
    person, image, _document = shown
    source = SourceFactory(title="Regional archive, fund 7")
    PersonMedia.objects.filter(image=image).update(source=source)
    photo, document = client.get(f"{API}/people/{person.pk}/").json()["media"]
    assert photo["kind"] == "image" and photo["caption"] == "A caption of the scan"
    assert photo["alt_text"].startswith("A generated grey placeholder")
    assert photo["rights"] == "Public domain" and photo["consent"] == "public_domain"
    assert photo["source"]["title"] == "Regional archive, fund 7"
    assert [r["width"] for r in photo["image"]["renditions"]] == list(WIDTHS)
    assert all(r["url"].startswith("http") for r in photo["image"]["renditions"])
    assert document["document"]["type"] == "pdf" and document["document"]["size"] > 0
    # Lists leave them out, as they leave out biographies.
    listed = client.get(f"{API}/people/").json()["results"]
    assert all("media" not in record for record in listed)


def test_restricting_a_person_seals_the_files_the_site_already_showed(
    client, shown, commits, editor, moderator
):
    person, image, document = shown
    addresses = published_addresses(client, person)
    old_files = [stored_path(image.file.name)] + [
        stored_path(rendition.file.name) for rendition in image.renditions.all()
    ]
    assert len(old_files) == 1 + len(WIDTHS) and all(path.exists() for path in old_files)
    assert any("width-800" in address for address in addresses)

    with commits():
        person.visibility = Person.Visibility.RESTRICTED
        person.save()

    image.refresh_from_db()
    document.refresh_from_db()
    assert is_sealed(image.file.name) and is_sealed(document.file.name)
    assert not image.renditions.exists()
    # Every file the public saw is gone from where the proxy or the bucket serves it...
    assert not any(path.exists() for path in old_files)
    media_root = Path(settings.MEDIA_ROOT)
    assert not any(media_root.rglob("sealed-*"))
    # ... and kept where nothing serves it but the app, to those allowed.
    assert Path(default_storage.path(image.file.name)).is_relative_to(settings.SEALED_MEDIA_ROOT)
    sealed_address = image.file.url
    assert sealed_address.startswith("/sealed-media/")
    assert client.get(sealed_address).status_code == 404
    assert client.get(f"/en/people/{person.pk}/").status_code == 404
    assert client.get(f"{API}/people/{person.pk}/").status_code == 404
    assert client.get(document.url).status_code == 404
    client.force_login(editor)  # staff who may not see restricted records
    assert client.get(sealed_address).status_code == 404
    assert client.get(document.url).status_code == 404
    client.force_login(moderator)
    response = client.get(sealed_address)
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(",", " ").split())
    assert client.get(document.url).status_code == 200


def test_a_rendition_made_for_staff_of_a_sealed_image_is_sealed_too(shown, commits):
    person, image, _document = shown
    with commits():
        Person.objects.filter(pk=person.pk).update(live=False)
        seal_record_media()
    image.refresh_from_db()
    thumbnail = image.get_rendition("max-165x165")  # as the admin's listing asks
    assert is_sealed(thumbnail.file.name) and thumbnail.url.startswith("/sealed-media/")
    assert not stored_path(thumbnail.file.name).is_relative_to(settings.MEDIA_ROOT)


def test_a_hold_on_the_photo_keeps_every_image_and_document_and_seals_them(client, shown, commits):
    person, image, document = shown
    with commits():
        Hold.objects.create(
            person=person, status=Hold.Status.IN_EFFECT, whole_record=False, hides_photo=True
        )
    html = client.get(f"/en/people/{person.pk}/").content.decode()
    assert "Mediaova" in html  # the record itself stays public
    assert "record-media" not in html and "A caption of the scan" not in html
    assert client.get(f"{API}/people/{person.pk}/").json()["media"] == []
    image.refresh_from_db()
    document.refresh_from_db()
    assert is_sealed(image.file.name) and is_sealed(document.file.name)
    assert client.get(document.url).status_code == 404


def test_a_drafts_files_are_sealed_and_staff_may_read_them(client, commits, editor):
    with commits():
        draft = DocumentedPersonFactory(live=False)
        image = attach(PersonMedia, draft, image=new_image()).image
    image.refresh_from_db()
    assert is_sealed(image.file.name)
    assert client.get(image.file.url).status_code == 404
    client.force_login(editor)
    assert client.get(image.file.url).status_code == 200


def test_publishing_again_unseals_under_a_name_never_shown_before(shown, commits):
    person, image, _document = shown
    public_name = image.file.name
    with commits():
        person.visibility = Person.Visibility.RESTRICTED
        person.save()
    image.refresh_from_db()
    sealed_name = image.file.name
    with commits():
        person.visibility = Person.Visibility.PUBLIC
        person.save()
    image.refresh_from_db()
    assert not is_sealed(image.file.name)
    assert image.file.name not in (public_name, sealed_name.replace("sealed-", ""))
    assert stored_path(image.file.name).exists() and not stored_path(sealed_name).exists()


def test_a_sealing_pass_with_nothing_to_move_moves_nothing(shown):
    assert set(seal_record_media().values()) == {0}


@pytest.mark.parametrize(
    "name",
    ["original_images/abcdef.png", "sealed-x/../../settings.py", "images/sealed-nothing.png"],
)
def test_the_sealed_address_answers_only_sealed_files_it_knows(admin_client, db, name):
    assert admin_client.get(f"/sealed-media/{name}").status_code == 404


def media_row(image="", document="", alt_text="", **fields):
    return {
        "image": image,
        "document": document,
        "alt_text": alt_text,
        "caption": "",
        "source": "",
        "rights": "Public domain",
        "consent": "public_domain",
        "is_synthetic": "",
        **fields,
    }


def test_an_image_without_alternative_text_is_refused_with_a_form_error(editor_client):
    image = new_image()
    data = person_form(family_name="Alttextova", media=inline_formset([media_row(image.pk)]))
    response = editor_client.post(reverse(PERSON_ADD), data)
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in response.content.decode()
    assert not Person.objects.filter(family_name="Alttextova").exists()


def test_an_editor_attaches_a_photo_and_a_document_through_the_admin(editor_client):
    image, document = new_image(), new_document()
    rows = [
        media_row(image.pk, alt_text="A grey placeholder", caption="First"),
        media_row(document=document.pk, caption="Second"),
    ]
    data = person_form(family_name="Attachova", media=inline_formset(rows))
    response = editor_client.post(reverse(PERSON_ADD), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(family_name="Attachova")
    assert [
        (m.caption, m.image_id, m.document_id) for m in person.media.order_by("sort_order")
    ] == [
        ("First", image.pk, None),
        ("Second", None, document.pk),
    ]


def test_an_attachment_with_neither_or_both_files_is_refused(editor_client):
    image, document = new_image(), new_document()
    for row in (media_row(), media_row(image.pk, document.pk, alt_text="Both")):
        data = person_form(family_name="Neitherova", media=inline_formset([row]))
        response = editor_client.post(reverse(PERSON_ADD), data)
        assert "Choose an image or a document (one of them)." in response.content.decode()
    assert not Person.objects.filter(family_name="Neitherova").exists()


def test_the_edit_form_chooses_files_and_sources_with_choosers_not_selects(editor_client, db):
    html = editor_client.get(reverse(PERSON_ADD)).content.decode()
    for field in ("image", "document", "source"):
        assert f'name="media-__prefix__-{field}"' in html
        assert not re.search(rf'<select[^>]*name="media-__prefix__-{field}"', html)


def test_a_person_pages_queries_do_not_grow_with_its_photos(client, commits):
    def queries(count: int) -> int:
        with commits():
            person = DocumentedPersonFactory()
            for _ in range(count):
                attach(PersonMedia, person, image=new_image(), source=SourceFactory())
        client.get(f"/en/people/{person.pk}/")  # makes the renditions, once
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/en/people/{person.pk}/").status_code == 200
        return len(captured)

    assert queries(1) == queries(4)


def test_a_portrait_already_shown_is_sealed_when_its_person_is_restricted(client, commits):
    with commits():
        person = DocumentedPersonFactory(photo=new_image())
    assert client.get(f"/en/people/{person.pk}/").status_code == 200  # makes its renditions
    image = person.photo
    shown = [stored_path(image.file.name)]
    shown += [stored_path(r.file.name) for r in image.renditions.all()]
    assert len(shown) == 3 and all(path.exists() for path in shown)  # page photo, og:image

    with commits():
        person.visibility = Person.Visibility.RESTRICTED
        person.save()

    image.refresh_from_db()
    assert is_sealed(image.file.name) and not any(path.exists() for path in shown)
    assert client.get(image.file.url).status_code == 404


def test_a_drafts_preview_shows_its_sealed_photo_from_the_staff_only_address(
    editor_client, commits
):
    from tests.test_admin_previews import snippet_preview

    with commits():
        draft = DocumentedPersonFactory(live=False, family_name="Previewmediaova")
        attach(PersonMedia, draft, image=new_image(), alt_text="A placeholder in the preview")
    html = snippet_preview(editor_client, draft).content.decode()
    (img,) = re.findall(r"<img [^>]*srcset[^>]*>", html)
    assert 'alt="A placeholder in the preview"' in img
    sources = re.findall(r'(/sealed-media/[^" ]+)', img)
    assert len(set(sources)) == len(WIDTHS)
    assert editor_client.get(sources[0]).status_code == 200
    editor_client.logout()
    assert editor_client.get(sources[0]).status_code == 404
