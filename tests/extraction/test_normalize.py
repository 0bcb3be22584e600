"""Normalisation: NFC, one line per paragraph or table row, offsets back to pages and cells."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extraction.ingest import DOCX, PDF, TEXT, read_source
from extraction.ingest.text import join_wrapped_lines
from extraction.normalize import clean_line, normalize
from extraction.types import OffsetMap, Paragraph, SourceText, Table

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
TEXTS = sorted(CORPUS.glob("*.txt"))


def _expected_plain(text: str) -> str:
    lines = [line.removesuffix("\r") for line in unicodedata.normalize("NFC", text).split("\n")]
    return "".join(line + "\n" for line in join_wrapped_lines([line for line in lines if line.strip()]))


def _file_lines(text: str) -> str:
    lines = unicodedata.normalize("NFC", text).split("\n")
    return "".join(line.removesuffix("\r") + "\n" for line in lines if line.strip())


@given(
    st.text(
        alphabet=st.sampled_from(
            list("aăâeêioôơuưyđAĐ ,.;:-/\t\n\r") + ["\u0300", "\u0301", "\u0309", "\u0323"]
        ),
        max_size=200,
    ).filter(lambda text: text.strip() != "")
)
def test_normalize_plain_text_is_the_file_in_nfc_without_blank_lines(text: str) -> None:
    document = normalize(read_source(text.encode(), TEXT))
    assert document.text == _expected_plain(text)
    assert document.offsets == OffsetMap()


@pytest.mark.corpus
@pytest.mark.parametrize("path", TEXTS, ids=[path.name for path in TEXTS])
def test_normalize_dev_corpus_text_is_unchanged(path: Path) -> None:
    """Only line breaks inside a sentence become spaces; every other character stays put."""
    data = path.read_bytes()
    text = normalize(read_source(data, TEXT)).text
    assert text == _expected_plain(data.decode())
    assert text.replace("\n", " ") == _file_lines(data.decode()).replace("\n", " ")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Số:\u00a0\u00a0   /UBND\u200b-KT ", "Số: /UBND-KT"),
        ("Kính\tgửi:\u200d  Sở Y tế", "Kính gửi: Sở Y tế"),
        ("Uy\u0309 ban nha\u0302n da\u0302n", "Uỷ ban nhân dân"),  # decomposed -> NFC
        ("Ủy ban và Uỷ ban", "Ủy ban và Uỷ ban"),  # tone-mark placement is kept
        ("phát tri\u00adển", "phát triển"),
    ],
)
def test_normalize_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


def test_normalize_layout_sources_are_cleaned_but_plain_text_is_not() -> None:
    blocks = (Paragraph("Số:   /UBND-KT"), Paragraph("   "), Paragraph("Uỷ ban  nhân dân"))
    assert normalize(SourceText(blocks, DOCX)).text == "Số: /UBND-KT\nUỷ ban nhân dân\n"
    assert normalize(SourceText(blocks, TEXT)).text == "Số:   /UBND-KT\nUỷ ban  nhân dân\n"


def test_normalize_plain_text_loses_invisible_characters_and_no_break_spaces() -> None:
    """A soft hyphen or zero-width space inside a name would split it; spacing stays as written."""
    raw = "Công an tỉ\u00adnh\u00a0xử lý; Sở Công\u200bThương  phối hợp\u200b.\n"
    assert normalize(read_source(raw.encode(), TEXT)).text == "Công an tỉnh xử lý; Sở Công Thương  phối hợp.\n"


def test_normalize_table_rows_and_cell_ranges() -> None:
    table = Table(
        rows=(
            ("TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"),
            ("1", "Tổ chức  rà soát", "Sở Xây dựng", "", "Quý II"),
            ("", "", "+ Báo cáo kết quả", "", ""),
            ("", "", "", "", ""),
        ),
        page=2,
    )
    source = SourceText((Paragraph("Kính gửi:", page=1), table), PDF, page_count=2)
    document = normalize(source)
    assert document.text == (
        "Kính gửi:\n"
        "TT | Nội dung | Chủ trì | Phối hợp | Thời hạn\n"
        "1 | Tổ chức rà soát | Sở Xây dựng |  | Quý II\n"
        " |  | + Báo cáo kết quả\n"
    )
    cells = document.offsets.cells
    assert len(cells) == 5 + 5 + 3
    for cell in cells:
        assert document.text[cell.start : cell.end] == clean_line(table.rows[cell.row][cell.col])
    lead = document.offsets.row_cells(0, 1)[2]
    assert document.text[lead.start : lead.end] == "Sở Xây dựng"
    assert document.offsets.cell_at(lead.start + 3) == lead
    assert document.offsets.cell_at(0) is None


def test_normalize_page_starts() -> None:
    blocks = (
        Paragraph("Trang một", page=1),
        Paragraph("vẫn trang một", page=1),
        Paragraph("Trang hai", page=2),
        Table(rows=(("a", "b"),), page=3),
    )
    document = normalize(SourceText(blocks, PDF, page_count=3))
    offsets = document.offsets
    assert offsets.page_numbers == (1, 2, 3)
    assert [document.text[start:].split("\n")[0] for start in offsets.page_starts] == [
        "Trang một",
        "Trang hai",
        "a | b",
    ]
    assert offsets.page_at(document.text.index("vẫn")) == 1
    assert offsets.page_at(document.text.index("b")) == 3


def test_normalize_table_index_counts_every_source_table() -> None:
    blocks = (Table(rows=(("", ""),)), Paragraph("Giữa"), Table(rows=(("x", "y"),)))
    document = normalize(SourceText(blocks, DOCX))
    assert document.text == "Giữa\nx | y\n"
    assert {cell.table for cell in document.offsets.cells} == {1}
