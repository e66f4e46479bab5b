"""Importing people through the admin: upload a CSV or XLSX file, check the preview and the
row-level report, then import (all rows, or the valid ones only), as drafts unless published.

The upload page explains every column (from :mod:`archive.importers.columns`) and offers a template
CSV and XLSX. After an import the people listing opens filtered to exactly the records it created,
updated or published (the ``imported`` filter: the history entries the importing user wrote while
it ran, named by a signed token so that the address cannot be bent to other entries), with a
button to publish them all through the bulk moderation path.

Only moderators (and superusers) may import. An import can update any record whose external_id
the file names, restricted ones included, which editors may not even see; and a moderator should
look at a list before it enters the archive in bulk.
"""

from __future__ import annotations

import csv
import io
import secrets
from datetime import timedelta
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import ModelLogEntry

from archive.importers.columns import COLUMNS
from archive.importers.csv_xlsx import MAX_FILE_SIZE, ImportFileError, read_table, write_rejects
from archive.importers.people import check_header, check_rows
from archive.importers.service import ImportReport, import_people

PERMISSION = "archive.publish_person"
# Uploads wait between the preview and the import in the "imports" storage: nowhere the web
# server serves, and, with media in a bucket, where every app server finds them (the preview
# and the import may be answered by different machines; memorial/media.py).
UPLOAD_LIFETIME = timedelta(days=1)
SESSION_KEY = "archive_people_imports"
PREVIEW_ROWS = 10
# History entries an import writes: one per record it created, updated or published.
IMPORT_ACTIONS = ("wagtail.create", "wagtail.edit", "wagtail.publish")
IMPORT_SALT = "archive.import_people"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("UTF-8 CSV or XLSX, at most %(size)d MB. The columns are described below.")
        % {"size": MAX_FILE_SIZE // 2**20},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.table = read_table(upload, size=upload.size)
            check_header(self.table.header)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class ConfirmForm(forms.Form):
    valid_only = forms.BooleanField(
        label=_("Import the valid rows and leave out the rows with errors"), required=False
    )
    publish = forms.BooleanField(
        label=_("Publish the imported records"),
        required=False,
        help_text=_("Leave unticked to import them as drafts, to be reviewed and published."),
    )
    reason = forms.CharField(
        label=_("Reason for this import"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Shown to the public in the history of each record the import publishes, "
            "e.g. the list the file comes from. Needed to publish."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["reason"] = (cleaned_data.get("reason") or "").strip()
        if cleaned_data.get("publish") and not cleaned_data["reason"]:
            self.add_error("reason", _("Give the reason for this import: it is published."))
        return cleaned_data


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("import_people:upload"), "label": _("Import people")},
        ]


class UploadView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "archive/admin/import_upload.html"
    form_class = UploadForm
    page_title = _("Import people")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=COLUMNS, **kwargs)

    def form_valid(self, form):
        _remove_stale_uploads()
        token = secrets.token_urlsafe(16)
        upload = form.cleaned_data["file"]
        upload.seek(0)
        waiting().save(token, ContentFile(upload.read()))
        uploads = self.request.session.get(SESSION_KEY, {})
        uploads[token] = upload.name
        self.request.session[SESSION_KEY] = uploads
        return redirect("import_people:preview", token=token)


class PreviewView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    """The first rows, every row's errors, and the confirm form; posting it imports."""

    template_name = "archive/admin/import_preview.html"
    form_class = ConfirmForm
    page_title = _("Import people")
    header_icon = "upload"

    def setup(self, request, *args, token, **kwargs):
        super().setup(request, *args, **kwargs)
        self.token = token

    def dispatch(self, request, *args, **kwargs):
        self.filename = request.session.get(SESSION_KEY, {}).get(self.token)
        if self.filename is None or not waiting().exists(self.token):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.filename

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.filename}]

    def table(self):
        with waiting().open(self.token, "rb") as upload:
            return read_table(io.BytesIO(upload.read()))

    def get_context_data(self, **kwargs):
        table = self.table()
        valid, errors = check_rows(table)
        return super().get_context_data(
            header=table.header,
            preview_rows=[cells for _number, cells in table.rows[:PREVIEW_ROWS]],
            row_count=len(table.rows),
            errors=errors,
            invalid_rows=len({error.row for error in errors}),
            new=sum(1 for row in valid if row.existing is None),
            updated=sum(1 for row in valid if row.existing is not None and row.changed),
            unchanged=sum(1 for row in valid if row.existing is not None and not row.changed),
            rejects_url=reverse("import_people:rejects", args=[self.token]),
            **kwargs,
        )

    def form_valid(self, form):
        started = timezone.now()
        report = import_people(
            self.table(),
            valid_only=form.cleaned_data["valid_only"],
            publish=form.cleaned_data["publish"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        if report.summary is None:
            form.add_error(
                "valid_only",
                _("Some rows have errors. Correct the file, or tick this box to leave them out."),
            )
            return self.form_invalid(form)
        _forget(self.request, self.token)
        token = import_token(self.request.user, started, timezone.now())
        listing = imported_listing_url(token)
        summary = report.summary
        imported = len(report.table.rows) - len(report.rejected_rows)
        messages.success(
            self.request,
            ngettext(
                "Imported %(count)d row: %(created)d new, %(updated)d updated, "
                "%(unchanged)d unchanged; %(duplicates)d flagged as possible duplicates.",
                "Imported %(count)d rows: %(created)d new, %(updated)d updated, "
                "%(unchanged)d unchanged; %(duplicates)d flagged as possible duplicates.",
                imported,
            )
            % {
                "count": imported,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "duplicates": summary.possible_duplicates,
            },
            buttons=[
                messages.button(
                    publish_url(token, listing), _("Publish everything from this import")
                ),
                *duplicates_button(token, summary.possible_duplicates),
            ],
        )
        return redirect(listing)


class RejectsView(PreviewView):
    """The rows with errors, as CSV with a reason column, to correct and upload again."""

    def get(self, request, *args, **kwargs):
        table = self.table()
        _valid, errors = check_rows(table)
        out = io.StringIO()
        write_rejects(out, table.header, ImportReport(table, errors).rejected_rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="rejected-rows.csv"'
        return response

    def post(self, request, *args, **kwargs):
        raise Http404


class TemplateFileView(ImportPermissionMixin, View):
    """An empty list with every column's header, as CSV or XLSX, to fill in and upload."""

    def get(self, request, *args, file_format, **kwargs):
        names = [column.name for column in COLUMNS]
        if file_format == "csv":
            out = io.StringIO()
            out.write("\ufeff")  # so that spreadsheets read the file as UTF-8
            csv.writer(out).writerow(names)
            content, content_type = out.getvalue(), "text/csv; charset=utf-8"
        elif file_format == "xlsx":
            content = _xlsx(names)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            raise Http404
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="people-template.{file_format}"'
        return response


def _xlsx(header: list[str]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(header)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def import_token(user, started, finished) -> str:
    """Names one import: who ran it, and when it started and finished; signed, so that the
    listing filter it goes into cannot be pointed at other people's history entries."""
    return signing.dumps(
        [user.pk, started.isoformat(), finished.isoformat()], salt=IMPORT_SALT, compress=True
    )


def _read_import_token(token: str):
    """Who ran the import ``token`` names, and when it started and finished; None for a
    token that was not made here."""
    try:
        user_id, started, finished = signing.loads(token, salt=IMPORT_SALT)
        started, finished = parse_datetime(started), parse_datetime(finished)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if started is None or finished is None:
        return None
    return user_id, started, finished


def imported_people(people, token: str):
    """The records of ``people`` the import named by ``token`` created, updated or published;
    none for a token that was not made here."""
    read = _read_import_token(token)
    if read is None:
        return people.none()
    user_id, started, finished = read
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(people.model),
        user_id=user_id,
        action__in=IMPORT_ACTIONS,
        timestamp__range=(started, finished),
    )
    return people.filter(pk__in=entries.values(pk=Cast("object_id", IntegerField())))


class ImportedFilter(django_filters.CharFilter):
    """The people listing's ``imported`` filter: the records of one import."""

    def filter(self, people, value):
        return imported_people(people, value) if value else people


class ImportedFilterAdapter(BaseFilterAdapter):
    """Names the import by when it finished in the listing's active filters, rather than by
    its token (a hundred signed characters); registered in wagtail_hooks.py."""

    def get_active_filters(self):
        read = _read_import_token(self.value)
        if read is None:
            named = _("an unknown import")
        else:
            named = formats.date_format(timezone.localtime(read[2]), "DATETIME_FORMAT")
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            named,
            self.get_url_without_filter_param(self.name),
        )


def imported_listing_url(token: str) -> str:
    return reverse("wagtailsnippets_archive_person:list") + "?" + urlencode({"imported": token})


def duplicates_button(token: str, flagged: int) -> list:
    """The import's possible duplicates, each linked to its comparison (archive/admin/merge/)."""
    if not flagged:
        return []
    url = reverse("archive_possible_duplicates") + "?" + urlencode({"imported": token})
    return [messages.button(url, _("Compare the possible duplicates"))]


def publish_url(token: str, listing: str) -> str:
    """The bulk approval of every record in the import's listing (Wagtail's "select all")."""
    query = urlencode({"id": "all", "imported": token, "next": listing})
    return reverse("wagtail_bulk_action", args=["archive", "person", "approve"]) + "?" + query


def _forget(request, token: str) -> None:
    waiting().delete(token)
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads


def waiting():
    """Where uploaded files wait for their import."""
    return storages["imports"]


def _remove_stale_uploads() -> None:
    storage, oldest = waiting(), timezone.now() - UPLOAD_LIFETIME
    try:
        _folders, names = storage.listdir("")
    except FileNotFoundError:  # nothing uploaded on this machine yet
        return
    for name in names:
        if storage.get_modified_time(name) < oldest:
            storage.delete(name)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class PeopleImportViewSet(ViewSet):
    """Registered in the Archive menu group (wagtail_hooks.py)."""

    name = "import_people"
    url_prefix = "import-people"
    icon = "upload"
    menu_label = _("Import people")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", UploadView.as_view(), name="upload"),
            path("template.<str:file_format>", TemplateFileView.as_view(), name="template"),
            path("<str:token>/", PreviewView.as_view(), name="preview"),
            path("<str:token>/rejects.csv", RejectsView.as_view(), name="rejects"),
        ]
