"""The API's formats: JSON, CSV tables and schema.org JSON-LD.

Records are kept already written as JSON (see :class:`Written`), and an answer splices them in
as they are. A CSV export is the whole filtered list, streamed in chunks straight from the
database cursor, so a 100,000-row export holds one chunk in memory at a time."""

import csv
import json
import uuid
from collections.abc import Iterable, Iterator
from itertools import islice

from django.http import StreamingHttpResponse
from django.utils import translation
from rest_framework import renderers, serializers
from rest_framework.renderers import BaseRenderer

from archive.exporting import safe_cell

from . import jsonld

CHUNK_SIZE = 250


class Written(bytes):
    """A record as JSONRenderer writes it, kept so. Unpickling 50 records and encoding them
    again cost more than anything else a page of records from the cache did."""

    @classmethod
    def of(cls, record: dict) -> "Written":
        return cls(renderers.JSONRenderer().render(record))


def parsed(data):
    """``data`` with every Written record in it decoded."""
    if isinstance(data, Written):
        return json.loads(data)
    if isinstance(data, dict):
        return {key: parsed(value) for key, value in data.items()}
    if isinstance(data, list):
        return [parsed(value) for value in data]
    return data


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON, with Written records spliced in unchanged: the same bytes as rendering
    their data would give, since compact JSON does not depend on where a value sits. Asked
    to indent, it renders everything afresh."""

    # Stands for each Written record while the rest is rendered: a random text that nothing
    # else in an answer holds.
    _mark = "\0" + uuid.uuid4().hex
    _rendered_mark = json.dumps(_mark).encode()

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            data = parsed(data)
        records = []
        rendered = super().render(
            self._marked(data, records), accepted_media_type, renderer_context
        )
        if not records:
            return rendered
        pieces = rendered.split(self._rendered_mark)
        spliced = [pieces[0]]
        for record, piece in zip(records, pieces[1:], strict=True):
            spliced += (record, piece)
        return b"".join(spliced)

    def _marked(self, data, records: list):
        if isinstance(data, Written):
            records.append(data)
            return self._mark
        if isinstance(data, dict):
            return {key: self._marked(value, records) for key, value in data.items()}
        if isinstance(data, list):
            if all(type(value) is Written for value in data):  # a page of records
                records += data
                return [self._mark] * len(data)
            return [self._marked(value, records) for value in data]
        return data


class CSVRenderer(BaseRenderer):
    """Chosen by ``?format=csv`` or ``Accept: text/csv``; see :func:`csv_response`."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # The list views answer CSV with csv_response() before DRF would render anything.
        raise NotImplementedError("CSV is streamed by csv_response().")


class JSONLDRenderer(JSONRenderer):
    """schema.org linked data, chosen by ``?format=jsonld`` or ``Accept: application/ld+json``."""

    media_type = "application/ld+json"
    format = "jsonld"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = renderer_context["view"]
        linked = jsonld.document(parsed(data), view.linked_data, view.language)
        return super().render(linked, accepted_media_type, renderer_context)


def csv_response(view, rows, filename: str) -> StreamingHttpResponse:
    """Stream every row of ``rows`` as CSV, as the view writes it (its ``csv_lines()``), in the
    language of the request."""
    language = translation.get_language()
    written = view.csv_lines(rows)

    def lines() -> Iterator[str]:
        with translation.override(language):
            yield from written

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def serialized_csv_lines(view, rows) -> Iterator[str]:
    """The header, then every row of ``rows`` as the view's serializer writes it, flattened
    (see :func:`csv_cell`), chunk by chunk."""
    columns = csv_columns(view.get_serializer_class()(context=view.get_serializer_context()))
    yield csv_header(columns)
    for chunk in chunks(rows.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        yield from csv_lines(columns, view.get_serializer(chunk, many=True).data)


def csv_columns(serializer: serializers.Serializer) -> list[tuple[str, bool]]:
    """(name, is_link) for each column: a linked record gets a second column with its id."""
    columns = []
    for name, field in serializer.fields.items():
        columns.append((name, False))
        if isinstance(field, serializers.Serializer) and "id" in field.fields:
            columns.append((name, True))
    return columns


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


_WRITER = csv.writer(_Echo())


def csv_header(columns: list[tuple[str, bool]]) -> str:
    return _WRITER.writerow([f"{name}_id" if is_link else name for name, is_link in columns])


def csv_lines(columns: list[tuple[str, bool]], records: Iterable[dict]) -> Iterator[str]:
    for record in records:
        yield _WRITER.writerow(
            [
                safe_cell(_id_of(record[name]) if is_link else csv_cell(record[name]))
                for name, is_link in columns
            ]
        )


def _id_of(value: dict | None):
    return value["id"] if value else ""


def csv_cell(value) -> str | int | float:
    """One value as a table cell: a linked record by its label, a list joined by "; "."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(csv_cell(item)) for item in value)
    if isinstance(value, dict):
        return _label(value)
    return value


def _label(value: dict) -> str:
    if "precision" in value:  # a partial date, "~" marking an approximate one as EDTF does
        return value["value"] + ("~" if value["approximate"] else "")
    if "kind_label" in value:  # a fate event: what happened, then when, where known
        date = value.get("date")
        return value["kind_label"] + (f" {_label(date)}" if date else "")
    for key in ("name", "title", "text"):
        if key in value:
            return value[key]
    nested = [item for item in value.values() if isinstance(item, dict)]
    if nested:
        return _label(nested[0])
    return "; ".join(str(item) for item in value.values())


def chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
