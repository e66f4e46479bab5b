"""Sealed files in an S3-compatible bucket (moto's server, as tests/test_media_storage.py): a
restricted record's photo, already public in the bucket with its renditions, leaves the public
prefixes for ``sealed/``, which the bucket's policy keeps private; staff read it through the
app; backups carry it; and on one machine, a backup carries the sealed folder too."""

from __future__ import annotations

import re
import zipfile

import pytest
from django.test import Client

from archive.backup import create_backup
from archive.models import Person, PersonMedia
from bench.serving import http_get
from memorial.media import is_sealed
from tests.factories import DocumentedPersonFactory
from tests.test_media_storage import bucket, bucket_keys, s3_endpoint  # noqa: F401 (fixtures)
from tests.test_record_media import attach, new_image


@pytest.mark.django_db
def test_a_restricted_records_photo_leaves_the_buckets_public_prefixes(
    bucket,  # noqa: F811
    commits,
    moderator_client,
    settings,
    tmp_path,
):
    with commits():
        person = DocumentedPersonFactory()
        image = attach(PersonMedia, person, image=new_image()).image
    page = Client().get(f"/en/people/{person.pk}/").text
    shown = re.findall(r'(https?://[^" ,]+/images/[^" ,]+)', page)
    assert shown and all(http_get(address)[0] == 200 for address in shown)
    original = settings.MEDIA_URL + image.file.name
    assert http_get(original)[0] == 200

    with commits():
        person.visibility = Person.Visibility.RESTRICTED
        person.save()

    image.refresh_from_db()
    assert is_sealed(image.file.name)
    assert all(http_get(address)[0] in (403, 404) for address in [original, *shown])
    keys = bucket_keys(bucket)
    assert keys == [f"sealed/{image.file.name}"]
    assert http_get(f"{settings.MEDIA_URL}sealed/{image.file.name}")[0] == 403
    response = moderator_client.get(image.file.url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"\x89PNG"
    create_backup(tmp_path / "archive.zip")
    with zipfile.ZipFile(tmp_path / "archive.zip") as archive:
        assert f"media/{image.file.name}" in archive.namelist()


@pytest.mark.django_db
def test_a_backup_on_one_machine_carries_the_sealed_files(commits, tmp_path):
    with commits():
        draft = DocumentedPersonFactory(live=False)
        image = attach(PersonMedia, draft, image=new_image()).image
    image.refresh_from_db()
    assert is_sealed(image.file.name)
    create_backup(tmp_path / "archive.zip")
    with zipfile.ZipFile(tmp_path / "archive.zip") as archive:
        assert f"media/{image.file.name}" in archive.namelist()
