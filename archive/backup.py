"""The whole archive in one file, and back.

A backup is a zip archive holding

- ``manifest.json``: what made it (format version, the migrations applied, row counts);
- ``types.json``: the content types and permissions, from ``dumpdata``, loaded first because
  everything else points to them;
- ``data.json``: every other row of every model the site keeps: content in every state (drafts
  and restricted records included), revisions, workflow states, history, users and groups, the
  page tree, images and documents;
- ``media/...``: every file under MEDIA_ROOT;
- ``contributions/...``: every file under CONTRIBUTIONS_ROOT, the photos visitors sent (kept
  apart from the media, which the public may fetch; see archive/models/contributions.py).

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
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

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
CONTRIBUTIONS_PREFIX = "contributions/"


def _file_roots() -> dict[str, Path]:
    """Each folder of files a backup holds, by its name in the backup."""
    return {
        MEDIA_PREFIX: Path(settings.MEDIA_ROOT),
        CONTRIBUTIONS_PREFIX: Path(settings.CONTRIBUTIONS_ROOT),
    }


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
            for prefix, root in _file_roots().items():
                if root.is_dir():
                    for file in sorted(root.rglob("*")):
                        if file.is_file():
                            archive.write(file, prefix + file.relative_to(root).as_posix())
    partial.replace(path)
    return counts


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


def _media_members(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, Path]]:
    """Each file of the backup's folders, and where it is restored to."""
    roots = _file_roots()
    members = []
    for member in archive.infolist():
        prefix = next((p for p in roots if member.filename.startswith(p)), None)
        if prefix is None or member.is_dir():
            continue
        relative = PurePosixPath(member.filename[len(prefix) :])
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise BackupError(
                f"The backup holds a file outside the media folder: {member.filename}"
            )
        members.append((member, roots[prefix].joinpath(*relative.parts)))
    return members


def restore_backup(path: Path) -> dict[str, int]:
    """Restore the backup at ``path`` into this (empty) database, MEDIA_ROOT and
    CONTRIBUTIONS_ROOT; return the row
    counts now in the database. Nothing is changed if anything fails before the end."""
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
            for member, target in media:
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as source, target.open("wb") as out:
                    while chunk := source.read(1 << 20):
                        out.write(chunk)
    call_command("rebuild_references_index", verbosity=0)
    call_command("update_index", verbosity=0)
    return _counts()
