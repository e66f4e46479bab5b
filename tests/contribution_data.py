"""Contributions for tests: what a visitor's form sends, and contributions already stored."""

from __future__ import annotations

import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from archive.contributions.abuse import started_token
from archive.models import Contribution

SECRET_EMAIL = "private.contributor@example.net"


def form_data(**overrides) -> dict:
    """A message form as a person fills it in, opened a minute ago."""
    data = {
        "name": "Leyla Visitor",
        "show_name": "on",
        "email": SECRET_EMAIL,
        "relationship": "niece",
        "text": "He taught me to ride a bicycle.",
        "consent": "on",
        "website": "",
        "started": started_token(time.time() - 60),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def jpeg(width: int = 400, height: int = 300, *, exif: bool = False, name="photo.jpg"):
    picture = Image.new("RGB", (width, height), (120, 40, 40))
    written = io.BytesIO()
    extra = {}
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "SecretCamera"  # Make
        tags[0x9286] = "Taken at 40.1N 46.8E"  # UserComment
        extra["exif"] = tags.tobytes()
    picture.save(written, format="JPEG", **extra)
    return SimpleUploadedFile(name, written.getvalue(), content_type="image/jpeg")


def stored(person, kind=Contribution.Kind.MESSAGE, status=Contribution.Status.PENDING, **fields):
    """A contribution as the form would have stored it, in ``status``."""
    values = {
        "kind": kind,
        "status": status,
        "person": person,
        "language": "en",
        "name": "Stored Visitor",
        "show_name": True,
        "email": SECRET_EMAIL,
        "relationship": "neighbour",
        "consented_at": timezone.now(),
        "text": f"A stored {kind} ({status}).",
    }
    if status != Contribution.Status.PENDING:
        values["decided_at"] = timezone.now()
    if status == Contribution.Status.REJECTED:
        values["rejection_reason"] = "Not about this person."
    values.update(fields)
    return Contribution.objects.create(**values)
