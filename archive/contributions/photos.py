"""Photos visitors send, checked as every upload is and stored without what they carry besides
the picture.

The type is read from the content, never from the name or the browser's word for it; Pillow
must then open and verify it as that type. Its size and dimensions are bounded. The picture is
written out again from its pixels, upright, so no metadata (EXIF with a camera's location,
XMP, comments, a thumbnail of another picture) survives, and under a name of our making (the
visitor's file name can carry a name or a date they did not mean to publish)."""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

# What the content may be, as the filetype library names it, and how it is written again.
ACCEPTED = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}
SNIFF_BYTES = 8 * 1024
MIN_SIDE, MAX_SIDE = 200, 8000
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedPhoto:
    file: ContentFile
    width: int
    height: int


def checked_photo(upload) -> CheckedPhoto:
    """``upload`` as a clean picture, or a ValidationError saying what is wrong with it."""
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise forms.ValidationError(
            _("The photo is too large: at most %(megabytes)d MB, please.")
            % {"megabytes": limit // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    kind = filetype.guess_extension(upload.read(SNIFF_BYTES))
    if kind not in ACCEPTED:
        raise forms.ValidationError(
            _("Send the photo as a JPEG, PNG or WebP image."), code="not_an_image"
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.verify()
            upload.seek(0)
            image = Image.open(upload)
            if image.format != ACCEPTED[kind]:
                raise OSError("the content changed its mind")
            _check_dimensions(*image.size)
            image.load()
    except forms.ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning) as error:
        raise forms.ValidationError(
            _("The photo cannot be read as an image."), code="unreadable"
        ) from error
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    if ACCEPTED[kind] == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    written = io.BytesIO()
    # Nothing but the pixels: no exif=, icc_profile= or other info is passed on.
    image.save(written, format=ACCEPTED[kind], quality=90)
    name = f"{uuid.uuid4().hex}.{kind}"
    return CheckedPhoto(ContentFile(written.getvalue(), name=name), image.width, image.height)


def _check_dimensions(width: int, height: int) -> None:
    if width < MIN_SIDE or height < MIN_SIDE:
        raise forms.ValidationError(
            _("The photo is too small: at least %(side)d pixels on each side, please.")
            % {"side": MIN_SIDE},
            code="too_small",
        )
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise forms.ValidationError(
            _("The photo has too many pixels: at most %(side)d on each side, please.")
            % {"side": MAX_SIDE},
            code="too_many_pixels",
        )
