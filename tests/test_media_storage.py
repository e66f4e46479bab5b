"""Media in an S3-compatible bucket (memorial/media.py), tried against a real S3 server (moto's,
started by the test): uploads through the real admin land in the bucket, pages and the API link
to images there and the public can read them, documents and waiting import files cannot be read
by their bucket address, a restricted document stays behind Wagtail's check, and backups carry
the bucket's files and restore them into another bucket."""

import io
import json
import re
import subprocess
import sys
import uuid
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from archive.backup import create_backup, restore_backup
from bench.serving import http_get, s3_server
from memorial.media import origin, public_base, s3_storages
from memorial.settings.base import BASE_DIR
from tests.factories import PersonFactory
from tests.test_import_people import csv_bytes, person_row

REGION = "us-east-1"


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    with s3_server(tmp_path_factory.mktemp("s3") / "moto.log") as address:
        yield address


def use_bucket(settings, endpoint: str) -> str:
    """Keep media in a new bucket on ``endpoint``, as settings do with MEDIA_S3_BUCKET set."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    media_url = public_base(name, endpoint, REGION, "") + "/"
    settings.STORAGES = {**settings.STORAGES, **s3_storages(name, endpoint, REGION, media_url)}
    settings.MEDIA_URL = media_url
    for policy in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_ADMIN"):
        directives = getattr(settings, policy)
        img_src = f"{directives['img-src']} {origin(media_url)}"
        setattr(settings, policy, {**directives, "img-src": img_src})
    call_command("prepare_media_bucket", stdout=io.StringIO())
    return name


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "memorial-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "memorial-test")
    return use_bucket(settings, s3_endpoint)


def bucket_keys(name: str) -> list[str]:
    client = default_storage.connection.meta.client
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return sorted(item["Key"] for item in listed)


def jpeg_bytes(size=(900, 1200)) -> bytes:
    out = io.BytesIO()
    PillowImage.new("RGB", size, (40, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def admin_upload(client, kind: str, name: str, content: bytes, collection=None):
    collection = collection or Collection.get_first_root_node()
    response = client.post(
        f"/admin/{kind}/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": collection.pk},
    )
    assert response.status_code == 302, response.content[:2000]


@pytest.mark.django_db
def test_an_image_uploaded_in_the_admin_is_shown_from_the_bucket_on_the_page_and_in_the_api(
    bucket, editor_client, settings
):
    visitor = Client()
    admin_upload(editor_client, "images", "portrait.jpg", jpeg_bytes())
    image = Image.objects.get()
    person = PersonFactory(photo=image)

    page = visitor.get(f"/en/people/{person.pk}/")
    src = re.search(r'<figure class="person__photo">\s*<img src="([^"]+)"', page.text)[1]
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', page.text)[1]
    api_photo = visitor.get(f"/api/v1/people/{person.pk}/").json()["photo"]

    assert src.startswith(settings.MEDIA_URL + "images/")  # a rendition, made on the page's demand
    assert og_image.startswith(settings.MEDIA_URL + "images/")
    assert api_photo == settings.MEDIA_URL + image.file.name
    status, served = http_get(src)
    assert status == 200
    assert PillowImage.open(io.BytesIO(served)).size == (480, 640)
    assert http_get(api_photo) == (200, image.file.open("rb").read())
    assert origin(settings.MEDIA_URL) in page["Content-Security-Policy"].split("img-src")[1]
    assert set(bucket_keys(bucket)) == {
        image.file.name,
        *(r.file.name for r in image.renditions.all()),
    }


@pytest.mark.django_db
def test_documents_are_private_in_the_bucket_and_a_restricted_one_is_served_only_to_those_allowed(
    bucket, moderator_client, settings
):
    visitor = Client()
    restricted = Collection.get_first_root_node().add_child(name="Restricted papers")
    CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.LOGIN
    )
    admin_upload(moderator_client, "documents", "open-list.csv", b"name\nOne\n")
    admin_upload(moderator_client, "documents", "closed-list.csv", b"name\nTwo\n", restricted)
    open_list = Document.objects.get(collection=Collection.get_first_root_node())
    closed_list = Document.objects.get(collection=restricted)

    assert (
        visitor.get(open_list.url).getvalue() == b"name\nOne\n"
    )  # read from the bucket by the app
    assert visitor.get(closed_list.url).status_code == 302  # to sign in
    assert moderator_client.get(closed_list.url).getvalue() == b"name\nTwo\n"
    for document in (open_list, closed_list):
        assert document.file.name in bucket_keys(bucket)
        assert http_get(settings.MEDIA_URL + document.file.name)[0] == 403


@pytest.mark.django_db
def test_a_people_import_waits_in_the_bucket_unreadable_by_the_public_and_is_removed_after(
    bucket, moderator_client, settings
):
    uploaded = moderator_client.post(
        reverse("import_people:upload"),
        {"file": SimpleUploadedFile("people.csv", csv_bytes([person_row(1)]), "text/csv")},
    )
    token = uploaded.url.rstrip("/").rpartition("/")[2]

    assert bucket_keys(bucket) == [f"imports/{token}"]
    assert http_get(f"{settings.MEDIA_URL}imports/{token}")[0] == 403
    assert moderator_client.get(uploaded.url).status_code == 200  # another server would find it
    moderator_client.post(uploaded.url, {"valid_only": "on"})
    assert bucket_keys(bucket) == []


@pytest.mark.django_db
def test_a_backup_carries_the_buckets_files_and_a_restore_puts_them_into_another_bucket(
    bucket, settings, s3_endpoint, tmp_path
):
    with transaction.atomic():  # rolled back: the restore needs an empty database
        image = Image.objects.create(
            title="photo", file=ImageFile(io.BytesIO(jpeg_bytes((30, 20))), name="photo.jpg")
        )
        rendition = image.get_rendition("max-10x10")
        document = Document(title="list")
        document.file.save("list.csv", ContentFile(b"external_id\nlist-1\n"))
        document.save()
        stored = {name: default_storage.open(name).read() for name in bucket_keys(bucket)}
        create_backup(tmp_path / "archive.zip")
        transaction.set_rollback(True)
    # An import waiting in the bucket is no part of the archive.
    storages["imports"].save("waiting", ContentFile(b"name\n"))

    with zipfile.ZipFile(tmp_path / "archive.zip") as archive:
        media = {n.removeprefix("media/") for n in archive.namelist() if n.startswith("media/")}
    assert media == {image.file.name, rendition.file.name, document.file.name} == set(stored)

    second = use_bucket(settings, s3_endpoint)
    restore_backup(tmp_path / "archive.zip")

    assert {name: default_storage.open(name).read() for name in bucket_keys(second)} == stored
    assert http_get(Image.objects.get().file.url)[0] == 200
    assert http_get(settings.MEDIA_URL + document.file.name)[0] == 403


def test_settings_keep_media_in_the_bucket_the_environment_names():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.STORAGES['default'], s.STORAGES['imports']['OPTIONS']['location'],"
        " s.MEDIA_URL, s.CONTENT_SECURITY_POLICY['img-src']]))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "memorial.settings.base",
        "MEDIA_S3_BUCKET": "archive-media",
        "MEDIA_S3_ENDPOINT_URL": "https://objects.example.org",
        "MEDIA_S3_PUBLIC_URL": "https://media.example.org/archive",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    default, imports_location, media_url, img_src = json.loads(result.stdout)

    assert default["BACKEND"] == "memorial.media.MediaBucket"  # S3Storage, sealed files apart
    assert default["OPTIONS"]["bucket_name"] == "archive-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://objects.example.org"
    assert default["OPTIONS"]["custom_domain"] == "media.example.org/archive"
    assert imports_location == "imports"
    assert media_url == "https://media.example.org/archive/"
    assert img_src == "'self' data: https://media.example.org"
