"""backup and restore: the whole archive into one file and back into an empty database."""

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import ModelLogEntry, Page, Revision, TaskState, WorkflowState

from archive import models
from archive.backup import create_backup, restore_backup
from archive.demo import LANGUAGES
from tests.contribution_data import stored
from tests.factories import PersonFactory, user_in


def png_bytes() -> bytes:
    out = io.BytesIO()
    PillowImage.new("RGB", (3, 2), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def build_content():
    from archive.demo import load_demo

    load_demo()
    editor = user_in("Editors", "editor")
    user_in("Moderators", "moderator")
    published = PersonFactory(family_name="Məmmədov", given_name="Əli", external_id="list-1")
    published.save_revision(user=editor).publish()
    published.occupation = "teacher"
    published.save_revision(user=editor)  # an unpublished change to a published record
    draft = PersonFactory(family_name="Draftova", live=False, external_id="list-2")
    draft.save_revision(user=editor)
    draft.get_workflow().start(draft, editor)  # submitted for moderation
    PersonFactory(family_name="Hiddenova", visibility=models.Person.Visibility.RESTRICTED)
    models.Testimony.objects.create(person=published, text="He taught at the school.")
    family = models.Family.objects.create(name="the Mammadov family")
    models.FamilyMembership.objects.create(family=family, person=published)
    Image.objects.create(title="photo", file=ImageFile(io.BytesIO(png_bytes()), name="photo.png"))
    document = Document(title="list")
    document.file.save("list.csv", ContentFile(b"external_id\nlist-1\n"))
    document.save()
    sent = stored(published, kind=models.Contribution.Kind.PHOTO)
    sent.photo.save("sent.png", ContentFile(png_bytes()))


def snapshot() -> dict:
    """What a restore must bring back, in a form two databases can be compared by."""
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in (
                models.Person,
                models.Testimony,
                models.Family,
                models.FamilyMembership,
                models.ReportedFigure,
                models.TimelineEntry,
                models.Source,
                Revision,
                WorkflowState,
                TaskState,
                ModelLogEntry,
                Page,
                User,
            )
        },
        "people": sorted(
            (p.family_name, p.live, p.visibility, p.has_unpublished_changes, p.occupation)
            for p in models.Person.objects.all()
        ),
        "latest": sorted(
            (p.family_name, p.latest_revision and p.latest_revision.content["occupation"])
            for p in models.Person.objects.select_related("latest_revision")
        ),
        "workflow": sorted(
            (s.status, s.content_object.family_name, s.requested_by.username)
            for s in WorkflowState.objects.all()
        ),
        "pages": sorted(
            (p.url_path, p.live, p.title, p.specific_class.__name__) for p in Page.objects.all()
        ),
        "users": sorted(
            (u.username, u.password, sorted(u.groups.values_list("name", flat=True)))
            for u in User.objects.all()
        ),
        "files": sorted(
            (item.file.name, item.file.open("rb").read())
            for item in [*Image.objects.all(), *Document.objects.all()]
        ),
        "photos sent": sorted(
            (c.email, c.photo.name, c.photo.open("rb").read())
            for c in models.Contribution.objects.all()
        ),
    }


@pytest.fixture(scope="module")
def archive_backup(django_db_setup, django_db_blocker, tmp_path_factory):
    """A backup of a built archive, made in a transaction rolled back afterwards, so every test
    starts from a freshly migrated database."""
    work = tmp_path_factory.mktemp("backup")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=work / "media", CONTRIBUTIONS_ROOT=work / "contributions"),
        transaction.atomic(),
    ):
        build_content()
        expected = snapshot()
        create_backup(work / "archive.zip")
        transaction.set_rollback(True)
    return work / "archive.zip", expected


@pytest.fixture(autouse=True)
def forget_cached_rows():
    # Restoring changes ids under Django's content type cache and Wagtail's cached site roots;
    # the test's rollback changes them back.
    yield
    ContentType.objects.clear_cache()
    cache.clear()


@pytest.mark.django_db
def test_restore_into_a_fresh_database_brings_everything_back(archive_backup, settings, tmp_path):
    path, expected = archive_backup
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    settings.CONTRIBUTIONS_ROOT = tmp_path / "restored-contributions"

    restore_backup(path)

    assert snapshot() == expected
    assert expected["photos sent"]
    assert expected["counts"]["Person"] == 3 and expected["counts"]["WorkflowState"] == 1


@pytest.mark.django_db
def test_restored_archive_keeps_its_public_and_private_records_apart(
    archive_backup, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    restore_backup(archive_backup[0])

    assert list(models.Person.objects.public().values_list("family_name", flat=True)) == [
        "Məmmədov"
    ]
    # The demo's statement in each of its languages, each in its language's page tree.
    statements = models.StatementPage.objects.live().public().select_related("locale")
    assert sorted(statement.locale.language_code for statement in statements) == sorted(LANGUAGES)
    assert all(s.url_path.endswith("/statements/turkiye-mfa-2026/") for s in statements)


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_records(archive_backup):
    PersonFactory(family_name="Precious")
    with pytest.raises(CommandError, match=r"not empty \(it holds people\)"):
        call_command("restore", str(archive_backup[0]), stdout=io.StringIO())
    assert models.Person.objects.get().family_name == "Precious"


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    path = tmp_path / "notes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(path), stdout=io.StringIO())


@pytest.mark.django_db
def test_restore_refuses_media_paths_that_leave_the_media_folder(archive_backup, tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive_backup[0]) as source, zipfile.ZipFile(path, "w") as evil:
        for item in source.infolist():
            evil.writestr(item, source.read(item))
        evil.writestr("media/../../outside.txt", "x")
    with pytest.raises(CommandError, match="outside the media folder"):
        call_command("restore", str(path), stdout=io.StringIO())
    assert not models.Person.objects.exists()


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_a_newer_version(archive_backup, tmp_path):
    path = tmp_path / "newer.zip"
    with zipfile.ZipFile(archive_backup[0]) as source, zipfile.ZipFile(path, "w") as newer:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append(["archive", "9999_from_the_future"])
                data = json.dumps(manifest)
            newer.writestr(item, data)
    with pytest.raises(CommandError, match="archive.9999_from_the_future"):
        call_command("restore", str(path), stdout=io.StringIO())


@pytest.mark.django_db
def test_backup_command_writes_one_zip_with_data_and_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    document = Document(title="d")
    document.file.save("note.txt", ContentFile(b"bytes"))
    document.save()

    call_command("backup", str(tmp_path / "b.zip"), stdout=io.StringIO())

    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        names = set(archive.namelist())
        assert {"manifest.json", "types.json", "data.json"} <= names
        assert archive.read("media/documents/note.txt") == b"bytes"
    assert not (tmp_path / "b.zip.partial").exists()
