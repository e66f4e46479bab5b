"""Reading import files: what is accepted, and the clear errors for what is not."""

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from archive.importers import csv_xlsx
from archive.importers.columns import COLUMNS
from archive.importers.csv_xlsx import ImportFileError, read_table

HEADER = "external_id,family_name,given_name,fate\n"


def table_of(data: bytes):
    return read_table(io.BytesIO(data))


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_csv_with_and_without_byte_order_mark_read_the_same():
    text = HEADER + "a-1,Məmmədov,Əli,killed\n"
    plain = table_of(text.encode())
    with_bom = table_of(b"\xef\xbb\xbf" + text.encode())
    assert plain == with_bom
    assert with_bom.header == ["external_id", "family_name", "given_name", "fate"]
    assert with_bom.rows == [(2, ["a-1", "Məmmədov", "Əli", "killed"])]


def test_semicolon_separated_csv_is_read():
    table = table_of("external_id;given_name;fate\na-1;Əli;killed\n".encode())
    assert table.rows == [(2, ["a-1", "Əli", "killed"])]


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    table = table_of((HEADER + "a-1,X,Y,killed\n,,,\n\na-2,X,Z,killed\n").encode())
    assert [number for number, _cells in table.rows] == [2, 5]


def test_cell_with_line_breaks_stays_one_cell():
    table = table_of((HEADER + 'a-1,X,"Two\nlines",killed\n').encode())
    assert table.rows[0][1][2] == "Two\nlines"


def test_windows_1252_csv_is_refused_naming_the_byte_and_line():
    data = (HEADER + "a-1,Müller,Jürgen,killed\n").encode("cp1252")
    with pytest.raises(ImportFileError, match=r"not UTF-8 .*0xFC on line 2"):
        table_of(data)


def test_utf16_csv_is_refused():
    with pytest.raises(ImportFileError, match="UTF-16"):
        table_of((HEADER + "a-1,X,Y,killed\n").encode("utf-16"))


def test_oversized_file_is_refused_before_it_is_read():
    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the file was read")

    with pytest.raises(ImportFileError, match="50.0 MB; the largest file accepted is 20 MB"):
        read_table(Unreadable(), size=50 * 2**20)


def test_random_bytes_are_refused_as_not_utf8():
    junk = bytes(range(128, 256)) * 100
    with pytest.raises(ImportFileError, match="not UTF-8"):
        table_of(junk)


def test_junk_starting_like_a_zip_is_not_a_workbook():
    with pytest.raises(ImportFileError, match="not a readable XLSX workbook"):
        table_of(b"PK\x03\x04" + b"\x00junk" * 1000)


def test_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a spreadsheet")
    with pytest.raises(ImportFileError, match="not a readable XLSX workbook"):
        table_of(out.getvalue())


def test_workbook_that_unpacks_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(csv_xlsx, "MAX_UNPACKED_XLSX", 1000)
    data = xlsx_bytes([["external_id", "given_name", "fate"], ["a-1", "x" * 5000, "killed"]])
    with pytest.raises(ImportFileError, match="unpacks to more than"):
        table_of(data)


def test_old_excel_file_is_refused_with_advice():
    with pytest.raises(ImportFileError, match="XLSX or as CSV UTF-8"):
        table_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def test_empty_file_is_refused():
    with pytest.raises(ImportFileError, match="empty"):
        table_of(b"  \n")


def test_file_with_nul_bytes_is_refused():
    with pytest.raises(ImportFileError, match="NUL"):
        table_of((HEADER + "a-1,X\x00,Y,killed\n").encode())


def test_xlsx_dates_and_whole_numbers_read_as_text_the_parser_understands():
    import datetime

    data = xlsx_bytes(
        [
            ["external_id", "given_name", "fate", "born", "stated_age", None],
            ["a-1", "Əli", "killed", datetime.datetime(1950, 3, 14), 42.0, None],
            [None, None, None, None, None, None],
        ]
    )
    table = table_of(data)
    assert table.header == ["external_id", "given_name", "fate", "born", "stated_age"]
    assert table.rows == [(2, ["a-1", "Əli", "killed", "1950-03-14", "42", ""])]


def test_rejects_file_keeps_cells_and_adds_a_reason_column():
    out = io.StringIO()
    csv_xlsx.write_rejects(out, ["external_id", "fate"], [(["a-1", "=1+1"], "fate: bad")])
    assert out.getvalue() == "\ufeffexternal_id,fate,reason\r\na-1,=1+1,fate: bad\r\n"


def test_every_import_column_is_documented():
    docs = (Path(__file__).parent.parent / "docs" / "import-export.md").read_text()
    assert [c.name for c in COLUMNS if f"`{c.name}`" not in docs] == []
