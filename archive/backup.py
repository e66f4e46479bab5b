"""The whole archive in one file, and back.

A backup is a zip archive holding

- ``manifest.json``: what made it (format version, the migrations applied, row counts);
- ``types.json``: the content types and permissions, from ``dumpdata``, loaded first because
  everything else points to them;
- ``data.json``: every other row of every model the site keeps: content in every state (drafts
  and restricted records included), revisions, workflow states, history, users and groups, the
  page tree, images and documents;
- ``media/...``: every uploaded file (images, renditions, documents), read from the media storage
  (MEDIA_ROOT, or the bucket: memorial/media.py) and restored into it;
- ``contributions/...``: the photos visitors sent, from the private "contributions" storage
  (CONTRIBUTIONS_ROOT, or the bucket's contributions/; see archive/models/contributions.py).

Left out, because they are rebuilt or worth nothing in another database: sessions, the search
index, the reference index, editing sessions and unsaved form states, temporary uploads, and
what the API's incremental sync has told mirrors (they crawl a restored archive afresh).

Rows keep their ids. Natural keys would spare the content types and permissions, but Wagtail 8
gives the root collection a natural key it cannot look up, and pages one (their URL path) that
would renumber them, while revisions, workflow states and history refer to pages and snippets
by id. So a restore empties the new database completely and loads every row as it was.

A backup restores only into an empty database (freshly migrated, nothing added): restoring
replaces everything in it, so a database that holds anyone's work is refused.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from memorial.media import CONTRIBUTIONS_PREFIX, IMPORTS_PREFIX

FORMAT = "memorial-archive-backup"
VERSION = 1
EXCLUDED = [
    "sessions",
    "wagtailsearch",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "wagtailadmin.editingsession",
    "wagtailadmin.formstate",
    # What the API's mirrors were told: a restored archive starts that history afresh.
    "archive.loggedchange",
    "archive.publicrecord",
    "archive.syncstate",
]
TYPES = ["contenttypes", "auth.permission"]
MEDIA_PREFIX = "media/"
# The storages whose files a backup holds, by their folder in it.
STORED = {MEDIA_PREFIX: "default", f"{CONTRIBUTIONS_PREFIX}/": "contributions"}
# In a bucket, the other storages' folders sit at the top of the default storage: not media.
NOT_MEDIA = {IMPORTS_PREFIX, CONTRIBUTIONS_PREFIX}


class BackupError(Exception):
    """The file is not a backup this version can restore, or the database is not empty."""


def _applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and _backed_up(model)
    }


def _backed_up(model) -> bool:
    label = model._meta.label_lower
    return not any(label == name or label.startswith(f"{name}.") for name in EXCLUDED)


def create_backup(path: Path) -> dict[str, int]:
    """Write the backup to ``path`` (replacing it only once the new file is complete) and
    return the row counts it holds."""
    partial = path.with_name(path.name + ".partial")
    outermost = not connection.in_atomic_block
    with tempfile.TemporaryDirectory() as work, transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table, so the rows agree with each other.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        types, data = Path(work) / "types.json", Path(work) / "data.json"
        call_command("dumpdata", *TYPES, output=str(types), verbosity=0)
        call_command("dumpdata", exclude=EXCLUDED + TYPES, output=str(data), verbosity=0)
        counts = _counts()
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": timezone.now().isoformat(timespec="seconds"),
            "migrations": _applied_migrations(),
            "counts": counts,
        }
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
            archive.write(types, "types.json")
            archive.write(data, "data.json")
            for prefix, alias in STORED.items():
                storage = storages[alias]
                for name in _stored_files(storage):
                    with (
                        storage.open(name, "rb") as source,
                        archive.open(prefix + name, "w", force_zip64=True) as out,
                    ):
                        shutil.copyfileobj(source, out, 1 << 20)
    partial.replace(path)
    return counts


def _stored_files(storage, folder: str = ""):
    """The name of every file in ``storage`` under ``folder``, in a stable order. The import
    files waiting in a bucket's ``imports/`` are an admin session's, not the archive's."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # the folder not made yet: nothing was ever stored
        return
    yield from (folder + name for name in sorted(files))
    for name in sorted(folders):
        if folder or storage is not storages["default"] or name not in NOT_MEDIA:
            yield from _stored_files(storage, f"{folder}{name}/")


def _store(storage, name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Write the backup's ``member`` into ``storage`` as ``name``, replacing a file of that
    name (the storage would otherwise keep both, renaming the new one)."""
    if storage.exists(name):
        storage.delete(name)
    with archive.open(member) as source:
        stored = storage.save(name, File(source, name=name))
    if stored != name:
        raise BackupError(f"The storage kept {name} as {stored}.")


def database_contents() -> list[str]:
    """What the database holds beyond what migrating an empty database creates."""
    found = []
    users = get_user_model().objects.count()
    if users:
        found.append(f"{users} user account{'' if users == 1 else 's'}")
    for model in apps.get_app_config("archive").get_models():
        if not issubclass(model, Page) and _backed_up(model) and model.objects.exists():
            found.append(str(model._meta.verbose_name_plural))
    # Migrating creates the root page and Wagtail's welcome page below it, both plain pages.
    plain = ContentType.objects.get_for_model(Page)
    if (
        Page.objects.filter(depth__gt=2).exists()
        or Page.objects.exclude(content_type=plain).exists()
    ):
        found.append("pages")
    for model in (get_image_model(), get_document_model()):
        if model.objects.exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError("The file has no readable manifest.json: it is not a backup.") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            f"The file is not a version {VERSION} {FORMAT} file "
            f"(it says {manifest.get('format')!r} version {manifest.get('version')!r})."
        )
    return manifest


def _media_members(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, str, PurePosixPath]]:
    """Each stored file of the backup, the storage it goes back to, and its name there."""
    members = []
    for member in archive.infolist():
        prefix = next((p for p in STORED if member.filename.startswith(p)), None)
        if prefix is None or member.is_dir():
            continue
        relative = PurePosixPath(member.filename[len(prefix) :])
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise BackupError(
                f"The backup holds a file outside the media folder: {member.filename}"
            )
        members.append((member, STORED[prefix], relative))
    return members


def restore_backup(path: Path) -> dict[str, int]:
    """Restore the backup at ``path`` into this (empty) database and the storages; return
    the row counts now in the database. Nothing in the database is changed if anything fails
    before the end."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path} is not a readable zip file.") from error
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = read_manifest(archive)
        missing = {tuple(m) for m in manifest["migrations"]} - {
            tuple(m) for m in _applied_migrations()
        }
        if missing:
            names = ", ".join(f"{app}.{name}" for app, name in sorted(missing)[:5])
            raise BackupError(
                "The backup was made by a newer version of the archive: this database lacks "
                f"the migrations {names}. Update the code and migrate, then restore."
            )
        contents = database_contents()
        if contents:
            raise BackupError(
                "The database is not empty (it holds "
                + ", ".join(contents)
                + "). Restore into a new database: create it, run migrate, then restore."
            )
        media = _media_members(archive)
        if not {"types.json", "data.json"} <= set(archive.namelist()):
            raise BackupError("The backup is incomplete: types.json or data.json is missing.")
        fixtures = [archive.extract(name, work) for name in ("types.json", "data.json")]
        with transaction.atomic():
            # What migrating created (content types, permissions, the root and welcome pages,
            # the default site, groups and workflow) is replaced by the backup's own rows.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            ContentType.objects.clear_cache()
            for fixture in fixtures:
                call_command("loaddata", fixture, verbosity=0)
            ContentType.objects.clear_cache()
            # Adds the content types and permissions of models newer than the backup.
            emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
            for member, alias, relative in media:
                _store(storages[alias], relative.as_posix(), archive, member)
    call_command("rebuild_references_index", verbosity=0)
    call_command("update_index", verbosity=0)
    return _counts()
