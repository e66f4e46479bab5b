"""The files of records the public may not see (sealed: :mod:`archive.media_files`), to staff
only, and the check Wagtail's document view makes first. Anyone else is answered as missing,
so an address says nothing of what it held."""

from __future__ import annotations

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.cache import never_cache
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from archive.models.media import restricted_people_show, withheld_from_public
from archive.models.people import may_see_restricted
from memorial.media import is_sealed

ADMIN_ACCESS = "wagtailadmin.access_admin"


def may_read(user, *, image=None, document=None) -> bool:
    """Staff may read a withheld file; one a restricted person shows (or one held whole),
    only staff who may see restricted records."""
    if not user.has_perm(ADMIN_ACCESS):
        return False
    if restricted_people_show(image=image, document=document):
        return may_see_restricted(user)
    return True


@never_cache
def sealed_file(request, name: str):
    """A sealed original, rendition or document, by its stored name."""
    if not is_sealed(name) or not request.user.has_perm(ADMIN_ACCESS):
        raise Http404
    owner = _owner(name)
    if owner is None or not may_read(request.user, **owner) or not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def _owner(name: str) -> dict | None:
    Image, Document = get_image_model(), get_document_model()
    image = Image.objects.filter(file=name).first()
    if image is None:
        rendition = Image.get_rendition_model().objects.filter(file=name).first()
        image = rendition.image if rendition else None
    if image is not None:
        return {"image": image}
    document = Document.objects.filter(file=name).first()
    return {"document": document} if document else None


def withhold_document(document, request):
    """Wagtail's ``before_serve_document`` hook: a record's document that no public record
    shows is answered as missing to anyone but staff (sealed or not yet)."""
    if withheld_from_public(document=document) and not may_read(request.user, document=document):
        raise Http404
