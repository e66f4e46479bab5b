"""Where uploaded files live: in MEDIA_ROOT on this machine, or, with several app servers, in one
S3-compatible bucket (AWS S3, MinIO, Ceph, ...) that every server reads and writes through
django-storages, when ``MEDIA_S3_BUCKET`` names it.

In the bucket, only Wagtail's images (originals under ``original_images/``, renditions under
``images/``) are for anyone to read: pages and the API link to them there (or to a CDN in front
of the bucket, ``MEDIA_S3_PUBLIC_URL``). Everything else stays private to the app's credentials:
documents, which the app serves itself after Wagtail's privacy check (``/documents/<id>/...``;
a document in a collection with a view restriction must not be readable by its bucket address),
people's import files waiting between the admin's preview and import (``imports/``), and the
photos visitors sent (``contributions/``), which the app serves once a moderator approved them. The
bucket policy that says so is ``public_read_policy()``; ``manage.py prepare_media_bucket`` puts it.

Sealed files: the images and documents of records the public may not see (restricted, held,
unpublished: :mod:`archive.media_files` decides and renames them) carry ``sealed-`` at the start
of their file name, and every storage here keeps such a file where nothing serves it to the
public: under ``SEALED_MEDIA_ROOT`` on this machine (outside ``MEDIA_ROOT``, which the proxy
serves), under ``sealed/`` in the bucket (outside the public policy). Their address is the
app's ``/media/sealed/<name>``, which checks the reader is staff. A rendition's name begins with
its original's, so a sealed image's renditions are sealed too, whoever asks Wagtail for them.
Originals are uploaded under a random name (``original_images/<20 hex digits>.jpg``), so no one
can guess the address of one the site never showed.
"""

from __future__ import annotations

import os
import posixpath
import secrets
import tempfile
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils._os import safe_join
from storages.backends.s3 import S3Storage

S3_BACKEND = "storages.backends.s3.S3Storage"
MEDIA_BUCKET_BACKEND = "memorial.media.MediaBucket"
# What a sealed file's name starts with, and where a bucket keeps sealed files.
SEALED_MARK = "sealed-"
SEALED_PREFIX = "sealed"
ORIGINAL_IMAGES = "original_images"
# Wagtail's upload folders for images and their renditions: the public reads these.
PUBLIC_PREFIXES = ("original_images/", "images/")
IMPORTS_PREFIX = "imports"
CONTRIBUTIONS_PREFIX = "contributions"
# People's import files on one machine: nowhere the web server serves.
LOCAL_IMPORTS_DIR = f"{tempfile.gettempdir()}/memorial-imports"


def public_base(bucket: str, endpoint_url: str, region: str, public_url: str) -> str:
    """The address the bucket's public files are read at, without a trailing slash: the CDN's
    when given, else the S3 server's own, the bucket as the first part of the path (the form
    every S3-compatible server accepts), else AWS's address of the bucket."""
    if public_url:
        return public_url.rstrip("/")
    if endpoint_url:
        return f"{endpoint_url.rstrip('/')}/{bucket}"
    host = f"{bucket}.s3.{region}.amazonaws.com" if region else f"{bucket}.s3.amazonaws.com"
    return f"https://{host}"


def origin(address: str) -> str:
    """``scheme://host[:port]`` of an address: what a Content-Security-Policy names."""
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"


def s3_storages(bucket: str, endpoint_url: str, region: str, media_url: str) -> dict:
    """Django's STORAGES entries for media in ``bucket``, whose public files are read at
    ``media_url`` (``public_base()``): "default" (images and documents), "imports" (import
    files waiting for confirmation) and "contributions" (photos visitors sent). Credentials
    come from the environment (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``) or the
    machine's role, as boto3 finds them.
    """
    base = urlsplit(media_url.rstrip("/"))
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        # Addresses are written, not signed: the public files are public, and a signed address
        # would expire inside cached pages. The private ones are never linked to.
        "custom_domain": base.netloc + base.path,
        "url_protocol": f"{base.scheme}:",
        "querystring_auth": False,
        # A new upload never replaces another file of the same name (as on the filesystem).
        "file_overwrite": False,
        # What may be read is the bucket policy's business (public_read_policy), not each
        # object's: many S3-compatible servers, and new AWS buckets, refuse object ACLs.
        "default_acl": None,
        "addressing_style": "path" if endpoint_url else None,
    }
    return {
        "default": {"BACKEND": MEDIA_BUCKET_BACKEND, "OPTIONS": options},
        "imports": {"BACKEND": S3_BACKEND, "OPTIONS": {**options, "location": IMPORTS_PREFIX}},
        "contributions": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {**options, "location": CONTRIBUTIONS_PREFIX},
        },
    }


def local_imports_storage() -> dict:
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": LOCAL_IMPORTS_DIR, "directory_permissions_mode": 0o700},
    }


class ContributionsFolder(FileSystemStorage):
    """The photos visitors sent, on this machine: CONTRIBUTIONS_ROOT, read when used, as the
    default storage reads MEDIA_ROOT (so a test, or a restore, may point it elsewhere)."""

    def __init__(self, **options):
        super().__init__(base_url=None, directory_permissions_mode=0o700, **options)

    @property
    def base_location(self):
        return settings.CONTRIBUTIONS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def public_read_policy(bucket: str) -> dict:
    """The bucket policy that lets anyone read images and renditions, and nothing else."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
            }
        ],
    }


def is_sealed(name: str) -> bool:
    """Whether the stored file ``name`` is sealed: an original whose name, or a rendition whose
    original's name, begins with ``sealed-`` (only :mod:`archive.media_files` names them so)."""
    return posixpath.basename(name).startswith(SEALED_MARK)


def random_name(folder: str, extension: str, sealed: bool = False) -> str:
    """A new name in ``folder`` that no one can guess (80 random bits)."""
    return f"{folder}/{SEALED_MARK if sealed else ''}{secrets.token_hex(10)}{extension.lower()}"


class Sealable:
    """What both media storages share: random names for uploaded originals, the app's address
    of sealed files, and sealed files listed beside the others (backups walk ``listdir``)."""

    def generate_filename(self, filename):
        folder, base = posixpath.split(filename)
        if folder == ORIGINAL_IMAGES:
            filename = random_name(folder, posixpath.splitext(base)[1])
        return super().generate_filename(filename)

    def url(self, name, *args, **kwargs):
        if is_sealed(name):
            return reverse("sealed_media", args=[name])
        return super().url(name, *args, **kwargs)

    def listdir(self, path):
        directories, files = super().listdir(path)
        sealed_directories, sealed_files = self.sealed_listdir(path)
        return sorted({*directories, *sealed_directories}), sorted({*files, *sealed_files})


class MediaFolder(Sealable, FileSystemStorage):
    """Media on this machine: ``MEDIA_ROOT``, sealed files in ``SEALED_MEDIA_ROOT``."""

    def path(self, name):
        if is_sealed(name):
            return safe_join(os.path.abspath(settings.SEALED_MEDIA_ROOT), name)
        return super().path(name)

    def _save(self, name, content):
        if is_sealed(name):  # a storage of their own, which gives the name relative to it
            sealed = FileSystemStorage(
                location=settings.SEALED_MEDIA_ROOT, directory_permissions_mode=0o700
            )
            return sealed._save(name, content)
        return super()._save(name, content)

    def sealed_listdir(self, path):
        folder = safe_join(os.path.abspath(settings.SEALED_MEDIA_ROOT), path)
        if not os.path.isdir(folder):
            return [], []
        entries = list(os.scandir(folder))
        return [e.name for e in entries if e.is_dir()], [e.name for e in entries if e.is_file()]


class MediaBucket(Sealable, S3Storage):
    """Media in the bucket; sealed files under ``sealed/``, which the public policy leaves out."""

    def _normalize_name(self, name):
        if is_sealed(name):
            name = f"{SEALED_PREFIX}/{name}"
        return super()._normalize_name(name)

    def listdir(self, path):
        directories, files = super().listdir(path)
        if not path.strip("/"):  # the sealed folder is listed as the folders it holds
            directories = [d for d in directories if d != SEALED_PREFIX]
        return directories, files

    def sealed_listdir(self, path):
        return S3Storage.listdir(self, f"{SEALED_PREFIX}/{path}")
