"""The editors' screens of photos, documents, fate events and merges, through the real admin:
a person's fate events drawn as plain rows, the statement's source chooser and the merge's
person chooser in the admin's language, and the image and document libraries without the
files of records an editor may not see."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset

from archive.models import FateEvent, Hold, Person, PersonMedia, StatementMedia
from tests.admin_forms import person_form
from tests.admin_language import chooser_words, in_language
from tests.factories import PersonFactory, SourceFactory, statement_drafts

pytestmark = pytest.mark.django_db

LANGUAGES = ["az", "tr", "ru"]
KINDS = ["wounded", "taken_captive", "released", "missing", "identified", "killed"]


def edit_url(person) -> str:
    return reverse("wagtailsnippets_archive_person:edit", args=[person.pk])


@pytest.fixture
def six_events():
    person = PersonFactory(family_name="Eventova", fate="killed")
    source = SourceFactory(title="A list of the wounded")
    person.fate_events = [
        FateEvent(kind=kind, certainty="reported", source=source, sort_order=order)
        for order, kind in enumerate(KINDS)
    ]
    person.save()
    return person


def fate_event_row(html: str, index: int) -> str:
    start = html.index(f'id="inline_child_fate_events-{index}"')
    following = html.find(f'id="inline_child_fate_events-{index + 1}"', start)
    end = following if following > 0 else html.index("EMPTY_FORM_TEMPLATE", start)
    return html[start:end]


def test_fate_event_rows_are_plain_fields_not_a_panel_per_field(editor_client, six_events):
    html = editor_client.get(edit_url(six_events)).content.decode()
    source = six_events.fate_events.first().source_id

    for index in range(len(KINDS)):
        row = fate_event_row(html, index)
        for field in ("kind", "date", "certainty", "place", "source", "note"):
            assert f'name="fate_events-{index}-{field}"' in row
        assert f'name="fate_events-{index}-source" value="{source}"' in row
        # Wagtail's panel of each field: its wrapper ids and a comment button the row disables.
        assert "data-field-wrapper" not in row
        assert "w-field__comment-button" not in row
        assert len(row) < 13_000  # Wagtail's panels drew 19 KB a row
    template = html[html.index('id="id_fate_events-EMPTY_FORM_TEMPLATE"') :]
    assert 'name="fate_events-__prefix__-date"' in template[: template.index("</template>")]


def test_a_fate_events_error_shows_in_its_row(editor_client):
    events = inline_formset(
        [{"kind": "killed", "date": "31.02.1992", "certainty": "reported", "note": ""}]
    )
    data = person_form(family_name="Errorova", fate_events=events)
    response = editor_client.post(reverse("wagtailsnippets_archive_person:add"), data)
    html = response.content.decode()

    assert response.status_code == 200
    row = html[html.index('id="inline_child_fate_events-0"') :]
    assert "w-field--error" in row[: row.index('name="fate_events-0-date"')]
    assert not Person.objects.filter(family_name="Errorova").exists()


@pytest.fixture
def statement(statements_index, moderator):
    page = statement_drafts(statements_index, moderator, count=1)[0]
    StatementMedia.objects.create(
        statement=page,
        image=get_image_model().objects.create(title="A scan", file=get_test_image_file()),
        alt_text="A scanned statement",
        source=SourceFactory(title="The ministry's site"),
        rights="Public domain",
        consent="official",
    )
    page.save_revision(user=moderator)  # the edit form shows the latest revision
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statements_media_source_chooser_is_worded_in_the_admins_language(
    client, moderator, statement, language
):
    client = in_language(client, moderator, language)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[statement.pk])).content.decode()

    assert 'name="media-0-source"' in html
    assert "Choose source" not in html
    assert chooser_words(StatementMedia._meta.get_field("source").related_model, language) in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_merges_person_chooser_is_worded_in_the_admins_language(client, moderator, language):
    person = PersonFactory(family_name="Mergova")
    client = in_language(client, moderator, language)
    html = client.get(reverse("archive_merge_choose", args=[person.pk])).content.decode()

    assert "Choose person" not in html
    assert chooser_words(Person, language) in html


@pytest.fixture
def files():
    """A restricted person's portrait, a whole-record hold's attached photo and a restricted
    person's document, each titled with the person's name, and a public person's photo."""
    Image, Document = get_image_model(), get_document_model()
    restricted = PersonFactory(family_name="Librarova", visibility=Person.Visibility.RESTRICTED)
    held = PersonFactory(family_name="Heldova")
    Hold.objects.create(person=held, status="in_effect", whole_record=True, requester_name="A son")
    public = PersonFactory(family_name="Openova")
    made = {
        "portrait": Image.objects.create(title="Portrait of Librarova", file=get_test_image_file()),
        "held photo": Image.objects.create(title="Heldova at home", file=get_test_image_file()),
        "certificate": Document.objects.create(
            title="Librarova certificate", file=ContentFile(b"%PDF-1.4", name="certificate.pdf")
        ),
        "public photo": Image.objects.create(title="Openova in 1990", file=get_test_image_file()),
    }
    Person.objects.filter(pk=restricted.pk).update(photo=made["portrait"])
    shown = {"rights": "Public domain", "consent": "family", "alt_text": "A photo"}
    PersonMedia.objects.create(person=held, image=made["held photo"], **shown)
    PersonMedia.objects.create(person=restricted, document=made["certificate"], **shown)
    PersonMedia.objects.create(person=public, image=made["public photo"], **shown)
    return made


HIDDEN = ("Portrait of Librarova", "Heldova at home", "Librarova certificate")


def library_screens() -> list[str]:
    return [
        reverse("wagtailimages:index"),
        reverse("wagtailimages:index") + "?q=Librarova",
        reverse("wagtailimages:index") + "?q=Heldova",
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:choose_results") + "?q=Librarova",
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs_chooser:choose"),
        "/admin/api/main/images/",
        "/admin/api/main/documents/",
    ]


def test_an_editor_never_reads_a_restricted_records_file_title(editor_client, files):
    for url in library_screens():
        response = editor_client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not [title for title in HIDDEN if title in text], url
    assert "Openova in 1990" in editor_client.get(reverse("wagtailimages:index")).content.decode()


def test_an_editor_cannot_open_a_restricted_records_file(editor_client, files):
    image, document = files["portrait"], files["certificate"]
    for url in (
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages:delete", args=[image.pk]),
        reverse("wagtailimages_chooser:chosen", args=[image.pk]),
        reverse("wagtaildocs:edit", args=[document.pk]),
        f"/admin/api/main/images/{image.pk}/",
        f"/admin/api/main/documents/{document.pk}/",
    ):
        response = editor_client.get(url, follow=True)
        assert not re.search(r"Librarova", response.content.decode()), url
    assert get_image_model().objects.filter(pk=image.pk).exists()


def test_a_moderator_finds_every_file_in_the_libraries(moderator_client, files):
    images = moderator_client.get(reverse("wagtailimages:index")).content.decode()
    documents = moderator_client.get(reverse("wagtaildocs:index")).content.decode()
    chooser = moderator_client.get(reverse("wagtailimages_chooser:choose")).content.decode()

    assert all(title in images + documents for title in HIDDEN)
    assert "Portrait of Librarova" in chooser
    response = moderator_client.get(reverse("wagtailimages:edit", args=[files["portrait"].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_image_choosers_tabs_read_in_the_admins_language(client, editor, language):
    # Wagtail words the first tab with gettext at import: "Search" in every language.
    client = in_language(client, editor, language)
    html = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]

    tabs = dict(re.findall(r'id="tab-label-(\w+)"[^>]*>\s*([^<]+?)\s*<', html))
    with translation.override(language):
        assert tabs == {
            "search": translation.gettext("Search"),
            "upload": translation.gettext("Upload"),
        }
    assert tabs["search"] != "Search"


def test_a_photos_consent_reads_with_a_dotted_capital_i_in_turkish(client, editor):
    # A label is its field's name with a capital first letter: Python's "i".upper() is "I".
    client = in_language(client, editor, "tr")
    html = client.get(reverse("wagtailsnippets_archive_person:add")).content.decode()

    assert "İzin" in html
    assert not re.search(r"\bIzin\b", html)
