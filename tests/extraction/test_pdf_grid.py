"""Tables read from PDFium's paths and characters (pdf_grid) come out as pdfplumber reads them."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from files_factory import drawn_table_pdf_bytes, pdf_bytes

from extraction.ingest import PDF, read_source
from extraction.ingest import pdf as pdf_reader
from extraction.types import Table

TASK_TABLE = [
    ["TT", "Nội dung nhiệm vụ", "Chủ trì", "Thời hạn"],
    ["1", "Tổ chức rà soát quy hoạch\nkhoáng sản", "Sở Xây dựng", "Quý II"],
    ["2", "Báo cáo kết quả thực hiện", "Sở Công Thương", "Thường xuyên"],
]
EXPECTED_ROWS = (
    ("TT", "Nội dung nhiệm vụ", "Chủ trì", "Thời hạn"),
    ("1", "Tổ chức rà soát quy hoạch / khoáng sản", "Sở Xây dựng", "Quý II"),
    ("2", "Báo cáo kết quả thực hiện", "Sở Công Thương", "Thường xuyên"),
)


def _no_pdfplumber(*args: Any, **kwargs: Any) -> None:
    raise AssertionError("pdfplumber.open was called")


def _tables(data: bytes) -> list[Table]:
    return [block for block in read_source(data, PDF).blocks if isinstance(block, Table)]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(pdf_bytes(["Kế hoạch như sau:", TASK_TABLE]), id="reportlab grid"),
        pytest.param(drawn_table_pdf_bytes(TASK_TABLE), id="filled rules"),
        pytest.param(drawn_table_pdf_bytes(TASK_TABLE, borders="stroked"), id="white boxes"),
        pytest.param(drawn_table_pdf_bytes(TASK_TABLE, shaded_header=True), id="shaded header"),
    ],
)
def test_pdf_grid_reads_ruled_table_without_pdfplumber(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(pdfplumber, "open", _no_pdfplumber)
    tables = _tables(data)
    assert len(tables) == 1
    assert tables[0].rows[0] == EXPECTED_ROWS[0]
    assert tables[0].rows[2] == EXPECTED_ROWS[2]
    assert tables[0].rows[1][1].replace(" / ", " ") == "Tổ chức rà soát quy hoạch khoáng sản"


@pytest.mark.parametrize(
    "data",
    [
        pdf_bytes(["Kế hoạch như sau:", TASK_TABLE, "Các sở thực hiện."], justify=True, font_size=14),
        drawn_table_pdf_bytes(TASK_TABLE),
        drawn_table_pdf_bytes(TASK_TABLE, borders="stroked"),
        drawn_table_pdf_bytes(TASK_TABLE, shaded_header=True),
    ],
    ids=["reportlab grid", "filled rules", "white boxes", "shaded header"],
)
def test_pdf_grid_matches_pdfplumber(data: bytes) -> None:
    document = pdfium.PdfDocument(data)
    page = document[0]
    fast = pdf_reader._fast_tables(page, page.get_textpage())
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        slow = pdf_reader._page_tables(plumber.pages[0])
    assert fast is not None
    assert [table.rows for table in fast] == [table.rows for table in slow]
    for got, want in zip(fast, slow, strict=True):
        assert (got.left, got.top, got.right, got.bottom) == pytest.approx(
            (want.left, want.top, want.right, want.bottom), abs=0.01
        )


def test_pdf_grid_leaves_a_table_inside_a_form_to_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    # PDFium gives a form XObject's paths in the form's own coordinates.
    opened = []
    real_open = pdfplumber.open
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    tables = _tables(drawn_table_pdf_bytes(TASK_TABLE, in_form=True))
    assert opened == [1]
    assert [table.rows for table in tables] == [_tables(drawn_table_pdf_bytes(TASK_TABLE))[0].rows]
