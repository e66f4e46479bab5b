"""Uploaded documents must be what their names say they are.

Wagtail already checks a document's extension and size, and an image's content (Pillow opens and
verifies it, and its format must match its extension; SVG is not an accepted image format). A
document's content is not checked, so a page of HTML or SVG with a script in it could be uploaded
as ``report.pdf`` or ``notes.txt``. This form reads the first bytes and refuses such files."""

import re

import filetype
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

SNIFF_BYTES = 64 * 1024
# What content each accepted extension may have, as named by the filetype library. Office files
# are zip archives; a generic zip is accepted for them, as some writers order its entries freely.
BINARY_KINDS = {
    "pdf": {"pdf"},
    "png": {"png"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "xlsx": {"xlsx", "zip"},
    "docx": {"docx", "zip"},
    "odt": {"odt", "zip"},
}
TEXT_KINDS = {"txt", "csv"}
# Markup a browser could be talked into running, anywhere near the start of a text file.
MARKUP = re.compile(rb"<\s*(?:!doctype|html|script|svg|iframe|object|embed|\?xml)\b", re.I)


def content_problem(extension: str, head: bytes) -> str | None:
    """Why ``head`` (a file's first bytes) cannot be a ``.extension`` document, or None."""
    extension = extension.lower()
    if extension in TEXT_KINDS:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is not an error.
            if error.start < len(head) - 3:
                return _("A text file must be plain UTF-8 text.")
        if b"\x00" in head:
            return _("A text file must be plain UTF-8 text.")
        if MARKUP.search(head):
            return _("A text file may not contain HTML, SVG or XML markup.")
        return None
    if extension in BINARY_KINDS:
        if filetype.guess_extension(head) not in BINARY_KINDS[extension]:
            return _("The file's content is not a .%(extension)s file.") % {"extension": extension}
        return None
    return _("Documents of this type are not accepted.")


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, plus a check that the content matches the extension."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            extension = upload.name.rpartition(".")[2]
            upload.seek(0)
            problem = content_problem(extension, upload.read(SNIFF_BYTES))
            upload.seek(0)
            if problem:
                raise forms.ValidationError(problem, code="invalid_content")
        return upload
