"""Reading an uploaded table (CSV or XLSX) into rows of text, and writing rejected rows back.

Everything that can be wrong with a file as a whole (too big, not UTF-8, not a workbook) raises
:class:`ImportFileError` with a message meant for the person who made the file, before any row
is looked at.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from django.utils.translation import gettext as _

# Checked before a byte is parsed. A list of 100,000 people is about 10 MB as CSV.
MAX_FILE_SIZE = 20 * 1024 * 1024
# An XLSX file is a zip archive; a small one can unpack to gigabytes (a "zip bomb").
MAX_UNPACKED_XLSX = 200 * 1024 * 1024

UTF8_BOM = b"\xef\xbb\xbf"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls and other old Office files
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class ImportFileError(Exception):
    """The file cannot be read as a table at all; the message says why and what to do."""


@dataclass
class ImportTable:
    """The header cells and the data rows of a file, each row with its spreadsheet row number."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_table(file: BinaryIO, size: int | None = None) -> ImportTable:
    """Read a CSV (UTF-8, with or without a byte order mark) or XLSX file, told apart by content."""
    if size is None:
        size = file.seek(0, io.SEEK_END)
    file.seek(0)
    if size > MAX_FILE_SIZE:
        raise ImportFileError(
            _("The file is %(size)s MB; the largest file accepted is %(limit)s MB.")
            % {"size": f"{size / 2**20:.1f}", "limit": MAX_FILE_SIZE // 2**20}
        )
    data = file.read()
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data)
    if data.startswith(OLE_MAGIC):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read. Save the sheet as XLSX or as CSV UTF-8.")
        )
    return _read_csv(data)


def _read_csv(data: bytes) -> ImportTable:
    if data.startswith(UTF16_BOMS):
        raise ImportFileError(
            _("The file is UTF-16 text. Save it as “CSV UTF-8 (comma delimited)” and try again.")
        )
    try:
        text = data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFileError(
            _(
                "The file is not UTF-8 text (byte 0x%(byte)02X on line %(line)d). Save it as "
                "“CSV UTF-8 (comma delimited)” and try again; other encodings are refused because "
                "they would garble names."
            )
            % {"byte": data[error.start], "line": line}
        ) from error
    if "\x00" in text:
        raise ImportFileError(_("The file contains NUL bytes, so it is not a CSV text file."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV cannot be read near line %(line)d: %(reason)s.")
            % {"line": reader.line_num, "reason": error}
        ) from error
    return _table(records)


def _delimiter(text: str) -> str:
    # Spreadsheets in many European locales save "CSV" with semicolons.
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count)


def _read_xlsx(data: bytes) -> ImportTable:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from error
    if unpacked > MAX_UNPACKED_XLSX:
        raise ImportFileError(
            _("The workbook unpacks to more than %(limit)s MB, which is more than a list needs.")
            % {"limit": MAX_UNPACKED_XLSX // 2**20}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            records = [
                [_cell_text(value) for value in row]
                for row in workbook.worksheets[0].iter_rows(values_only=True)
            ]
        finally:
            workbook.close()
    # openpyxl reports damaged workbooks with whatever its parsers raise.
    except Exception as error:
        raise ImportFileError(
            _("The file is not a readable XLSX workbook (%(reason)s).")
            % {"reason": type(error).__name__}
        ) from error
    return _table(records)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(records: list[list[str]]) -> ImportTable:
    if not records:
        raise ImportFileError(_("The file is empty."))
    header = list(records[0])
    while header and not str(header[-1]).strip():
        header.pop()
    # Row numbers as a spreadsheet shows them: the header is row 1.
    rows = [
        (number, list(cells))
        for number, cells in enumerate(records[1:], start=2)
        if any(str(cell).strip() for cell in cells)
    ]
    return ImportTable(header=header, rows=rows)


def write_rejects(file: io.TextIOBase, header: list[str], rows: Iterable[tuple[list[str], str]]):
    """Write rejected rows as CSV (UTF-8 with a byte order mark, so spreadsheets read Cyrillic
    correctly): the file's own columns, then a ``reason`` column. Cells are written as they came,
    so the corrected file can be imported again."""
    file.write("\ufeff")
    writer = csv.writer(file)
    writer.writerow([*header, "reason"])
    for cells, reason in rows:
        writer.writerow([*cells[: len(header)], *[""] * (len(header) - len(cells)), reason])
