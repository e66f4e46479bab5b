"""The side panel's previews: each previewable record and page renders in the panel as visitors
would see it, with the banners an editor must not miss; only the admin's own origin may frame
them (the header tests are in test_security_headers.py)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from archive.models import ContentPage, Person, StatementPage
from tests.factories import PersonFactory, TimelineEntryFactory


def preview_in_panel(client, edit_url: str, preview_url: str, extra: dict | None = None):
    """What the side panel does: post the edit form as it stands, then load the preview."""
    html = client.get(edit_url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    form_id = soup.select_one("form[data-edit-form]")["id"]
    form = querydict_from_html(html, form_id=form_id).copy()
    # Wagtail's helper reads a ticked checkbox without a value as "", which Django reads as
    # unticked; a browser sends "on".
    for box in soup.select("input[type=checkbox][checked]"):
        if form.get(box["name"]) == "":
            form[box["name"]] = "on"
    form.update(extra or {})
    posted = client.post(preview_url, form)
    assert posted.json()["is_valid"], posted.content
    return client.get(preview_url, {"in_preview_panel": "true"})


def snippet_preview(client, record):
    name = f"wagtailsnippets_archive_{record._meta.model_name}"
    return preview_in_panel(
        client,
        reverse(f"{name}:edit", args=[record.pk]),
        reverse(f"{name}:preview_on_edit", args=[record.pk]),
    )


def page_preview(client, page: Page):
    # The browser builds stream fields' inputs with JavaScript; the preview gets them empty.
    streams = {
        field.name: streamfield([])
        for field in page._meta.get_fields()
        if isinstance(field, StreamField)
    }
    return preview_in_panel(
        client,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        nested_form_data(streams),
    )


@pytest.mark.django_db
def test_person_preview_shows_the_synthetic_banner(editor_client):
    person = PersonFactory(family_name="Previewova", is_synthetic=True)

    response = snippet_preview(editor_client, person)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Previewova" in content
    assert "banner--synthetic" in content
    assert "banner--restricted" not in content


@pytest.mark.django_db
def test_person_preview_shows_the_restricted_banner_to_moderators(moderator_client):
    person = PersonFactory(family_name="Hiddenova", visibility=Person.Visibility.RESTRICTED)

    response = snippet_preview(moderator_client, person)

    assert response.status_code == 200
    assert "Hiddenova" in response.content.decode()
    assert "banner--restricted" in response.content.decode()


@pytest.mark.django_db
def test_timeline_entry_preview_renders_the_entry(editor_client):
    entry = TimelineEntryFactory(title="Previewed events of the night")

    response = snippet_preview(editor_client, entry)

    assert response.status_code == 200
    assert "Previewed events of the night" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", [StatementPage, ContentPage])
def test_page_preview_renders_the_page(admin_client, demo, model):
    page = model.objects.first()

    response = page_preview(admin_client, page)

    assert response.status_code == 200
    assert page.title in response.content.decode()
