"""Every URL pattern of the Wagtail admin, an archive whose ids fill in their arguments, and
the text of any response, for the crawls in test_admin_restricted.py and test_admin_hostile.py."""

import io
import re
import zipfile
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail_localize.models import Translation, TranslationSource

from archive.models import Family, FamilyMembership, Person, PersonMedia
from tests.factories import (
    DocumentedPersonFactory,
    EventFactory,
    PersonFactory,
    PlaceFactory,
    SourceFactory,
    TimelineEntryFactory,
    user_in,
)

# Patterns a crawl must not request: signing out ends the session, the error test raises on
# purpose, and the password-reset links need a token mailed to the user.
SKIPPED = {"wagtailadmin_logout", "wagtailadmin_error_test"}
SKIPPED_PREFIXES = ("admin/password_reset/",)


@dataclass(frozen=True)
class AdminPattern:
    route: str  # the full route, with Django's converters or regex groups left in
    name: str  # the namespaced name, "" for the catch-all
    arguments: tuple[str, ...]

    def fill(self, values: dict[str, object]) -> str:
        """The path with each argument replaced by ``values[argument]``."""
        path = self.route
        for argument in self.arguments:
            value = str(values[argument])
            path = re.sub(rf"<(?:\w+:)?{argument}>", lambda _m, v=value: v, path)
            path = re.sub(rf"\(\?P<{argument}>[^)]*\)", lambda _m, v=value: v, path)
        # What is left of a regex route: its anchors and escaped dots.
        return "/" + path.replace("^", "").replace("$", "").replace("\\.", ".")


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = namespace + pattern.name if pattern.name else ""
            yield route, name


def admin_patterns() -> list[AdminPattern]:
    """Every pattern under /admin/ except the catch-all and the ones in SKIPPED."""
    found = []
    for route, name in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or route.startswith(SKIPPED_PREFIXES):
            continue
        if not name or name in SKIPPED or route.endswith(".*/$"):
            continue
        arguments = tuple(
            dict.fromkeys(
                re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
            )
        )
        found.append(AdminPattern(route, name, arguments))
    return found


def response_text(response) -> str:
    """What a response shows, whatever its format: HTML, JSON, CSV or the cells of an XLSX."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "".join(
                book.read(name).decode("utf-8", "replace")
                for name in book.namelist()
                if name.endswith(".xml")
            )
    return content.decode("utf-8", "replace")


MARKER = "Zqxmarkova"
# The URL names of listings that export CSV and XLSX, and of those that search.
EXPORTS = re.compile(r"(:list|:index|^wagtailadmin_reports:)")
SEARCHES = re.compile(r"(list|index|results|choose|search|^wagtailadmin_reports:)")


class Archive:
    """A restricted, documented person linked from every kind of record, with the ids a crawl
    fills into URL patterns."""

    def __init__(self):
        from wagtail.documents.models import Document
        from wagtail.images.models import Image

        self.editor = user_in("Editors", "editor")
        self.moderator = user_in("Moderators", "moderator")
        self.superuser = get_user_model().objects.create_superuser("admin", "", "pw")
        self.place = PlaceFactory(name="Crawl place")
        self.source = SourceFactory(title="Crawl source")
        self.event = EventFactory(name="Crawl event")
        # The files' titles name the person, as an editor's upload often does.
        self.image = Image.objects.create(title=f"Portrait of {MARKER}", file=get_test_image_file())
        self.document = Document.objects.create(
            title=f"{MARKER} certificate", file=ContentFile(b"%PDF-1.4", name="certificate.pdf")
        )
        self.home = Page.objects.get(depth=2)

        self.person = DocumentedPersonFactory(
            family_name=MARKER,
            given_name="Restricta",
            visibility=Person.Visibility.RESTRICTED,
            residence=self.place,
            birth_place=self.place,
            event=self.event,
            photo=self.image,
            biography=f'<p><a linktype="page" id="{self.home.pk}">{MARKER} home</a></p>',
            live=False,
        )
        self.person.sources.add(self.source)
        PersonMedia.objects.create(
            person=self.person, document=self.document, rights="Public domain", consent="official"
        )
        self.person.save_revision(user=self.editor, log_action=True)
        self.person.save_revision(user=self.moderator, log_action=True).publish(user=self.moderator)
        # Submitted by the editor while it was public, restricted by a moderator since.
        self.workflow_state = self.person.get_workflow().start(self.person, self.editor)
        self.task_state = self.workflow_state.current_task_state
        self.person.locked, self.person.locked_by = True, self.moderator
        self.person.save(update_fields=["locked", "locked_by"])

        self.family = Family.objects.create(name="Crawl family", locale=self.place.locale)
        FamilyMembership.objects.create(family=self.family, person=self.person)
        self.entry = TimelineEntryFactory(title="Crawl entry")
        self.entry.related_people.add(self.person)
        self.entry.save_revision(user=self.editor, log_action=True)
        self.duplicate = PersonFactory(family_name="Crawlova", possible_duplicate_of=self.person)
        # A translation of the restricted person in wagtail-localize's tables, as one made
        # before people were left out of the translation workflow would be.
        source, _ = TranslationSource.get_or_create_from_instance(self.person)
        azerbaijani, _ = Locale.objects.get_or_create(language_code="az")
        self.translation = Translation.objects.create(source=source, target_locale=azerbaijani)
        for record in (self.person, self.family, self.entry, self.duplicate):
            ReferenceIndex.create_or_update_for_object(record)

    def records(self):
        """The record each snippet namespace's ``pk`` stands for."""
        return {
            "person": self.person,
            "family": self.family,
            "timelineentry": self.entry,
            "place": self.place,
            "source": self.source,
            "event": self.event,
        }

    def values(self, name: str) -> dict:
        pk = self.person.pk
        for model, record in self.records().items():
            if f"_archive_{model}:" in name:
                pk = record.pk
        return {
            "pk": pk,
            "object_id": self.person.pk,
            "other": self.duplicate.pk,  # the record a merge compares with (admin/merge/)
            "page_id": self.home.pk,
            "parent_page_id": self.home.pk,
            "page_to_move_id": self.home.pk,
            "destination_id": self.home.pk,
            "page_pk": self.home.pk,
            "workflow_pk": self.workflow_state.workflow_id,
            "revision_id": self.person.latest_revision_id,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
            "action_name": "approve",
            "action": "delete",
            "task_state_id": self.task_state.pk,
            "task_id": self.task_state.task_id,
            "workflow_state_id": self.workflow_state.pk,
            "app_label": "archive",
            "model_name": "person",
            "app_name": "archive",
            "content_type_app_name": "archive",
            "content_type_model_name": "person",
            "collection_id": self.image.collection_id,
            "image_id": self.image.pk,
            "document_id": self.document.pk,
            "doc_id": self.document.pk,
            "uploaded_file_id": 1,
            "redirect_id": 1,
            "session_id": 1,
            "filter_spec": "original",
            "token": "unknown",
            "file_format": "csv",
            "translation_id": self.translation.pk,
            "translation_source_id": self.translation.source_id,
            "string_segment_id": self.translation.source.stringsegment_set.first().pk,
            "overridable_segment_id": 1,
            "mode": "default",
        }

    def urls(self):
        """Every admin URL filled with this archive's ids; listings also searched for the name
        and exported; bulk actions on people once per registered action."""
        # The lower-case search is not echoed back as the marker, yet finds the record.
        search = MARKER.lower()[:-1]
        for pattern in admin_patterns():
            path = pattern.fill(self.values(pattern.name))
            if pattern.name == "wagtail_bulk_action":
                for action in bulk_action_registry.get_bulk_actions_for_model("archive", "person"):
                    yield path.replace("/delete/", f"/{action.action_type}/") + (
                        f"?id={self.person.pk}"
                    )
                continue
            yield path + (f"?id={self.person.pk}" if "chosen_multiple" in pattern.name else "")
            if pattern.name.startswith("wagtailsnippets_archive_person:") and pattern.arguments:
                # The record that names the restricted one as its possible duplicate.
                yield pattern.fill({**self.values(pattern.name), "pk": self.duplicate.pk})
            if EXPORTS.search(pattern.name):
                yield path + "?export=csv"
                yield path + "?export=xlsx"
            if SEARCHES.search(pattern.name):
                yield path + f"?q={search}&label={search}"
