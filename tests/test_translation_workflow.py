"""The translation workflow through the real admin (docs/translation.md): editors translate
what they may edit, side by side with the original; translations pass moderation; a change to
an original marks its translations out of date in the report; PO files go out and come back."""

import json
import re
from html import unescape
from io import StringIO

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Locale, Page, WorkflowState
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation

from archive.models import ContentPage, Family, Person, Place, TimelineEntry
from tests.admin_forms import entry_form
from tests.factories import EventFactory, PersonFactory, PlaceFactory, TimelineEntryFactory

SUBMIT = "wagtail_localize:submit_snippet_translation"
REPORT = "archive_translations"


@pytest.fixture
def azerbaijani(db):
    for code in ("tr", "ru"):
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get_or_create(language_code="az")[0]


def submit_url(record):
    return reverse(SUBMIT, args=["archive", record._meta.model_name, record.pk])


def translate(client, record, locale):
    """Asks for a translation of ``record`` into ``locale`` as the listing's button does, and
    returns the translation made."""
    response = client.post(submit_url(record), {"locales": [locale.pk]})
    assert response.status_code == 302, response.content[:2000]
    return type(record).objects.get(translation_key=record.translation_key, locale=locale)


def edit_url(record):
    if isinstance(record, Page):
        return reverse("wagtailadmin_pages:edit", args=[record.pk])
    return reverse(record.snippet_viewset.get_url_name("edit"), args=[record.pk])


def editor_props(client, translation):
    """What wagtail-localize's editor is given: every string of the original beside the URL
    that saves its translation."""
    edit = edit_url(translation)
    page = client.get(edit)
    assert page.status_code == 200
    props = re.search(r'data-props="([^"]*)"', page.content.decode()).group(1)
    return page, json.loads(unescape(props))


def fill_strings(client, props, translations: dict):
    for segment in props["segments"]:
        if segment["type"] == "string" and segment["source"] in translations:
            response = client.put(
                segment["editUrl"],
                urlencode({"value": translations[segment["source"]]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in (200, 201), response.content


def report_states(client, kind, language="az"):
    """The report's rows for ``kind`` in ``language``: {original: state}."""
    response = client.get(reverse(f"{REPORT}_results"), {"kind": kind, "language": language})
    assert response.status_code == 200
    states = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", response.content.decode(), re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        if cells:
            original, state = (re.sub(r"<[^>]+>", "", cell).strip() for cell in cells[:2])
            states[original] = state
    return states


@pytest.mark.django_db
def test_editor_translates_an_entry_side_by_side_and_it_is_live_only_once_a_moderator_approves(
    client, editor, moderator, azerbaijani
):
    entry = TimelineEntryFactory(title="Siege of the town", summary="The town was cut off.")
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_archive_timelineentry:list"))
    assert submit_url(entry) in listing.content.decode()

    translation = translate(client, entry, azerbaijani)
    assert not translation.live  # a draft: the original is what readers see meanwhile

    page, props = editor_props(client, translation)
    sources = {segment.get("source") for segment in props["segments"]}
    assert {"Siege of the town", "The town was cut off."} <= sources
    assert "archive-submit-translation" in page.content.decode()
    fill_strings(
        client,
        props,
        {
            "Siege of the town": "Şəhərin mühasirəsi",
            "The town was cut off.": "Şəhər təcrid edildi.",
        },
    )

    edit = reverse("wagtailsnippets_archive_timelineentry:edit", args=[translation.pk])
    response = client.post(edit, {"archive-submit-translation": "1"})
    assert response.status_code == 302
    translation.refresh_from_db()
    assert not translation.live
    state = WorkflowState.objects.for_instance(translation).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not TimelineEntry.objects.public().filter(pk=translation.pk).exists()

    client.force_login(moderator)
    approve = reverse(
        "wagtailsnippets_archive_timelineentry:workflow_action",
        args=(translation.pk, "approve", translation.current_workflow_task_state.pk),
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)

    shown = (
        TimelineEntry.objects.public().localized("az").get(translation_key=entry.translation_key)
    )
    assert shown.pk == translation.pk
    assert (shown.title, shown.summary) == ("Şəhərin mühasirəsi", "Şəhər təcrid edildi.")
    assert entry.slug == shown.slug  # the entry keeps its address in every language


@pytest.mark.django_db
def test_editor_translates_a_page_and_it_passes_the_page_workflow(
    client, editor, moderator, azerbaijani
):
    home = Page.objects.get(depth=2)
    about = home.add_child(
        instance=ContentPage(
            title="About this archive",
            slug="about-archive",
            body=[("paragraph", RichText("<p>Who keeps the archive.</p>"))],
        )
    )
    about.save_revision().publish()
    client.force_login(editor)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[about.pk]),
        {"locales": [azerbaijani.pk]},
    )
    assert response.status_code == 302, response.content[:2000]
    translation = about.get_translation(azerbaijani)
    assert not translation.live

    _, props = editor_props(client, translation)
    fill_strings(
        client,
        props,
        {"About this archive": "Arxiv haqqında", "Who keeps the archive.": "Arxivi kim saxlayır."},
    )
    assert (
        client.post(edit_url(translation), {"archive-submit-translation": "1"}).status_code == 302
    )
    translation = ContentPage.objects.get(pk=translation.pk)
    assert not translation.live
    assert translation.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(moderator)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(translation.pk, "approve", translation.current_workflow_task_state.pk),
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)

    translation = ContentPage.objects.get(pk=translation.pk)
    assert (translation.live, translation.title) == (True, "Arxiv haqqında")
    assert "Arxivi kim saxlayır." in str(translation.body)


@pytest.mark.django_db
def test_a_change_to_a_published_translation_waits_for_approval_while_readers_keep_the_old(
    client, editor, moderator, azerbaijani
):
    entry = TimelineEntryFactory(title="Siege", summary="The town was cut off.")
    client.force_login(editor)
    translation = translate(client, entry, azerbaijani)
    _, props = editor_props(client, translation)
    fill_strings(
        client, props, {"Siege": "Mühasirə", "The town was cut off.": "Şəhər təcrid edildi."}
    )
    edit = reverse("wagtailsnippets_archive_timelineentry:edit", args=[translation.pk])
    client.post(edit, {"archive-submit-translation": "1"})
    approve_as(client, moderator, translation)

    client.force_login(editor)
    fill_strings(client, props, {"Siege": "Şəhərin mühasirəsi"})
    client.post(edit, {"archive-submit-translation": "1"})

    public = TimelineEntry.objects.public()
    assert public.get(pk=translation.pk).title == "Mühasirə"
    approve_as(client, moderator, translation)
    assert public.get(pk=translation.pk).title == "Şəhərin mühasirəsi"


def approve_as(client, moderator, record):
    record = type(record).objects.get(pk=record.pk)
    client.force_login(moderator)
    approve = reverse(
        record.snippet_viewset.get_url_name("workflow_action"),
        args=(record.pk, "approve", record.current_workflow_task_state.pk),
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)


@pytest.mark.django_db
def test_editor_cannot_publish_a_translation_directly(client, editor, azerbaijani):
    entry = TimelineEntryFactory(title="Curfew")
    client.force_login(editor)
    translation = translate(client, entry, azerbaijani)
    _, props = editor_props(client, translation)
    fill_strings(client, props, {"Curfew": "Komendant saatı"})

    edit = reverse("wagtailsnippets_archive_timelineentry:edit", args=[translation.pk])
    client.post(edit, {"action": "publish"})  # refused: Wagtail sends the editor home
    translation.refresh_from_db()
    assert (translation.live, translation.title) == (False, "Curfew")


@pytest.mark.django_db
def test_a_change_to_the_original_shows_its_translation_out_of_date_in_the_report(
    client, editor, moderator, azerbaijani
):
    entry = TimelineEntryFactory(title="Evacuation", summary="People left on foot.")
    untouched = TimelineEntryFactory(title="Never translated")
    client.force_login(editor)
    translation = translate(client, entry, azerbaijani)
    assert report_states(client, "timelineentry")[str(entry)] == "Not translated yet"
    assert report_states(client, "timelineentry")[str(untouched)] == "Missing"

    _, props = editor_props(client, translation)
    fill_strings(
        client, props, {"Evacuation": "Təxliyə", "People left on foot.": "İnsanlar piyada getdi."}
    )
    assert report_states(client, "timelineentry")[str(entry)] == "Up to date"

    client.force_login(moderator)  # the original changes, and is published
    edit = reverse("wagtailsnippets_archive_timelineentry:edit", args=[entry.pk])
    response = client.post(
        edit,
        {
            **entry_form(title="Evacuation", summary="People left on foot, in the snow."),
            "change_reason": "A witness recalled the snow.",
            "action-publish": "1",
        },
    )
    assert response.status_code == 302, response.content[:3000]

    client.force_login(editor)
    assert report_states(client, "timelineentry")[str(entry)] == "Out of date"
    _, props = editor_props(client, translation)
    assert "People left on foot, in the snow." in {s.get("source") for s in props["segments"]}
    assert report_states(client, "timelineentry")[str(untouched)] == "Missing"


@pytest.mark.django_db
def test_a_draft_of_the_original_leaves_its_translations_up_to_date(client, editor, azerbaijani):
    entry = TimelineEntryFactory(title="Ceasefire")
    client.force_login(editor)
    translation = translate(client, entry, azerbaijani)
    _, props = editor_props(client, translation)
    fill_strings(client, props, {"Ceasefire": "Atəşkəs", "A test entry.": "Sınaq qeydi."})

    edit = reverse("wagtailsnippets_archive_timelineentry:edit", args=[entry.pk])
    client.post(edit, entry_form(title="Ceasefire broken"))  # saved as a draft only

    assert report_states(client, "timelineentry")[str(entry)] == "Up to date"


@pytest.mark.django_db
def test_po_export_then_import_fills_the_translation(client, editor, azerbaijani):
    place = PlaceFactory(name="Khojaly", alternative_names="Xocalı\nХоджалы")
    client.force_login(editor)
    translation = translate(client, place, azerbaijani)
    record = Translation.objects.get(target_locale=azerbaijani)

    exported = client.get(reverse("wagtail_localize:download_pofile", args=[record.pk]))
    assert exported.status_code == 200
    catalogue = polib.pofile(exported.content.decode())
    assert "Khojaly" in {entry.msgid for entry in catalogue}
    for entry in catalogue:
        entry.msgstr = {"Khojaly": "Xocalı"}.get(entry.msgid, entry.msgid)

    edit = reverse("wagtailsnippets_archive_place:edit", args=[translation.pk])
    upload = SimpleUploadedFile(
        "place-az.po", str(catalogue).encode(), "text/x-gettext-translation"
    )
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[record.pk]), {"file": upload, "next": edit}
    )
    assert response.status_code == 302
    assert report_states(client, "place")["Khojaly"] == "Up to date"

    # Places have no drafts: whoever may edit them publishes, translations as originals.
    assert client.post(edit, {"action": "publish"}).status_code == 302
    translation.refresh_from_db()
    assert translation.name == "Xocalı"
    assert Place.objects.localized("az").get(translation_key=place.translation_key).name == "Xocalı"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "Choose a PO file"),
        (b"\xff\xfe not text", "not a PO file"),
        (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', "not exported"),
    ],
)
def test_a_bad_po_upload_is_refused_with_a_reason_and_changes_nothing(
    client, editor, azerbaijani, content, why
):
    place = PlaceFactory(name="Shusha")
    client.force_login(editor)
    translate(client, place, azerbaijani)
    record = Translation.objects.get(target_locale=azerbaijani)
    data = {"next": reverse(REPORT)}
    if content is not None:
        data["file"] = SimpleUploadedFile("bad.po", content)

    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[record.pk]), data, follow=True
    )

    assert response.status_code == 200
    assert why in response.content.decode()
    assert report_states(client, "place")["Shusha"] == "Not translated yet"


@pytest.mark.django_db
def test_editors_translate_only_what_they_may_edit(client, editor, moderator, azerbaijani):
    event = EventFactory(name="Khojaly massacre")
    client.force_login(editor)
    refused = client.post(submit_url(event), {"locales": [azerbaijani.pk]})
    assert refused.url == reverse("wagtailadmin_home")  # Wagtail's answer to PermissionDenied
    assert not event.get_translations().exists()

    client.force_login(moderator)
    assert translate(client, event, azerbaijani).name == "Khojaly massacre"


@pytest.mark.django_db
def test_people_are_not_translated_through_the_workflow(client, moderator, azerbaijani):
    restricted = PersonFactory(family_name="Hiddenova", visibility=Person.Visibility.RESTRICTED)
    client.force_login(moderator)

    listing = client.get(reverse("wagtailsnippets_archive_person:list"))
    assert "Hiddenova" in listing.content.decode()
    assert submit_url(restricted) not in listing.content.decode()
    assert client.get(submit_url(restricted)).status_code == 404
    api = reverse("wagtail_localize:snippets_api_listing", args=["archive", "person"])
    assert client.get(api).status_code == 404
    assert not Person.objects.filter(locale=azerbaijani).exists()


@pytest.mark.django_db
def test_report_is_for_translators_only(client, azerbaijani):
    outsider = get_user_model().objects.create_user("outsider", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(reverse(REPORT)).url == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_report_asks_the_same_queries_for_a_page_of_three_families_and_of_fifty(
    client, editor, azerbaijani
):
    def add_families(count):
        Family.objects.bulk_create(
            Family(name=f"Family {n}", locale=Locale.get_default()) for n in range(count)
        )

    def queries_for_report():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(REPORT), {"kind": "family", "language": "az"})
        return len(queries), response.content.decode().count("Translate into")

    client.force_login(editor)
    add_families(3)
    client.get(reverse(REPORT), {"kind": "family", "language": "az"})
    with_three, shown = queries_for_report()
    assert shown == 3
    add_families(60)
    assert queries_for_report() == (with_three, 50)
    counts = client.get(reverse(f"{REPORT}_results"), {"kind": "family", "language": "az"})
    assert "Missing: 63;" in counts.content.decode()


@pytest.mark.django_db
def test_report_answers_while_the_archive_has_only_its_default_language(client, editor):
    client.force_login(editor)
    response = client.get(reverse(REPORT), {"kind": "family", "language": "az"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_translation_made_outside_the_editor_is_adopted_with_its_text(
    client, editor, azerbaijani
):
    place = PlaceFactory(name="Khojaly", alternative_names="Xocalı")
    copy = place.copy_for_translation(azerbaijani)
    copy.name = "Xocalı"  # translated; its alternative names were left as in the original
    copy.save()
    client.force_login(editor)
    assert report_states(client, "place")[str(place)] == "Translated outside the editor"

    response = client.post(
        reverse("archive_translations_adopt"),
        {"kind": "place", "pk": place.pk, "language": "az"},
    )
    assert response.url == reverse("wagtailsnippets_archive_place:edit", args=[copy.pk])

    assert report_states(client, "place")[str(place)] == "Out of date"  # the names to check
    _, props = editor_props(client, copy)
    fill_strings(client, props, {"Xocalı": "Xocalı"})
    assert report_states(client, "place")[str(place)] == "Up to date"


@pytest.mark.django_db
def test_adopt_translations_adopts_every_copy_once(azerbaijani):
    place, entry = PlaceFactory(name="Khojaly"), TimelineEntryFactory(title="Siege")
    for record, field, text in ((place, "name", "Xocalı"), (entry, "title", "Mühasirə")):
        copy = record.copy_for_translation(azerbaijani)
        setattr(copy, field, text)
        copy.save()

    call_command("adopt_translations", stdout=StringIO())
    call_command("adopt_translations", stdout=StringIO())

    assert Translation.objects.filter(target_locale=azerbaijani).count() == 2
    strings = StringTranslation.objects.filter(locale=azerbaijani)
    assert set(strings.values_list("data", flat=True)) == {"Xocalı", "Mühasirə"}
