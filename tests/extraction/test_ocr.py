"""OCR of scanned PDFs and broken text layers, with Debian's tesseract (scripts/setup).

The scans are made here: a dev text rendered to a PDF, then each page turned into a picture
at 150 or 300 dpi with a light rotation, grain and specks (files_factory.scanned_pdf_bytes).
Each scan is read once per module: OCR takes seconds a page.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from extraction.errors import FileTooLarge, NoTextLayer, OcrFailed
from extraction.ingest import PDF, read_source
from extraction.ingest.ocr import OcrOptions, parse_tsv, unavailable_reason
from extraction.language import is_vietnamese
from extraction.normalize import normalize
from extraction.pipeline import PipelineConfig, extract, propose
from extraction.proposal import to_json
from tests.extraction.files_factory import (
    blocks_from_text,
    broken_unicode_map_pdf,
    pdf_bytes,
    scanned_pdf_bytes,
)

pytestmark = pytest.mark.slow

# Two pages with four gold tasks: short enough for CI, long enough for a page break.
DEV_DOCUMENT = "prov-02"


@cache
def _text_pdf(shared: str) -> bytes:
    text = Path(shared, "corpus", "dev", f"{DEV_DOCUMENT}.txt").read_text(encoding="utf-8")
    return pdf_bytes(blocks_from_text(text))


@cache
def _read(shared: str, kind: str):
    text_pdf = _text_pdf(shared)
    data = {
        "text": text_pdf,
        "scan300": lambda: scanned_pdf_bytes(text_pdf, dpi=300),
        "scan150": lambda: scanned_pdf_bytes(text_pdf, dpi=150, angle=-0.5),
        "broken": lambda: broken_unicode_map_pdf(text_pdf),
    }[kind]
    data = data() if callable(data) else data
    progress: list[tuple[int, int]] = []
    source = read_source(data, PDF, ocr=OcrOptions(progress=lambda *done: progress.append(done)))
    return data, source, normalize(source), progress


def character_error_rate(reference: str, read: str) -> float:
    """Edit distance between the texts (spaces collapsed) over the reference's length."""
    a, b = " ".join(reference.split()), " ".join(read.split())
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1] / len(a)


def _task_f1(shared_dir, expected: dict, got: dict) -> float:
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    matched = score.match(expected["tasks"], got["tasks"], 0.5)
    return score.f1(len(matched), len(got["tasks"]), len(expected["tasks"]))[2]


def test_ocr_is_installed():
    # scripts/setup installs tesseract-ocr, tesseract-ocr-vie and tesseract-ocr-script-viet
    assert unavailable_reason() is None


def test_ocr_text_pdf_is_not_read_by_ocr(shared_dir):
    _, source, document, progress = _read(str(shared_dir), "text")
    assert source.conversions == ()
    assert progress == []
    assert document.offsets.ocr_words == ()


@pytest.mark.parametrize(("kind", "limit"), [("scan300", 0.02), ("scan150", 0.05)])
def test_ocr_character_error_rate(shared_dir, kind, limit):
    _, _, reference, _ = _read(str(shared_dir), "text")
    _, source, document, progress = _read(str(shared_dir), kind)
    assert source.conversions and source.conversions[0].startswith("OCR of 2 page(s)")
    assert progress == [(1, 2), (2, 2)]
    rate = character_error_rate(reference.text, document.text)
    print(f"{kind}: character error rate {rate:.4f}")
    assert rate <= limit


def test_ocr_pages_and_confidences_are_kept(shared_dir):
    _, _, reference, _ = _read(str(shared_dir), "text")
    _, _, document, _ = _read(str(shared_dir), "scan300")
    assert document.offsets.page_numbers == reference.offsets.page_numbers == (1, 2)
    # the second page starts at the same words in both readings
    start = document.offsets.page_starts[1]
    reference_start = reference.offsets.page_starts[1]
    assert document.text[start : start + 30] == reference.text[reference_start : reference_start + 30]
    words = document.offsets.ocr_words
    assert len(words) > 300
    assert all(0.0 <= word.confidence <= 1.0 for word in words)
    assert all(document.text[word.start : word.end].strip() for word in words)
    assert sum(word.confidence for word in words) / len(words) > 0.85


def test_ocr_proposals_match_the_text_version(shared_dir):
    text_pdf, _, _, _ = _read(str(shared_dir), "text")
    _, _, document, _ = _read(str(shared_dir), "scan300")
    expected = to_json(extract(text_pdf, PDF))
    got = to_json(propose(document))
    assert expected["tasks"]
    f1 = _task_f1(shared_dir, expected, got)
    print(f"task F1 of the 300 dpi scan's proposals against the text PDF's: {f1:.3f}")
    assert f1 >= 0.95
    # each proposal carries the lowest word confidence of its span
    for task in got["tasks"]:
        assert 0.0 <= task["ocr"]["confidence"] <= 1.0
        for word in task["ocr"]["uncertain"]:
            assert word["confidence"] < 0.6
            assert document.text[word["start"] : word["end"]] == word["text"]


def test_ocr_reads_a_text_layer_whose_unicode_map_is_broken(shared_dir):
    _, _, reference, _ = _read(str(shared_dir), "text")
    broken, source, document, _ = _read(str(shared_dir), "broken")
    layer = normalize(read_source(broken, PDF, ocr=OcrOptions(enabled=False))).text
    # the text layer is garbage beyond ASCII ("\x01NG B T\x04NH L\x05O CAI")
    assert character_error_rate(reference.text, layer) > 0.15
    assert not is_vietnamese(layer)
    assert source.conversions[0].startswith("OCR of 2 page(s)")
    assert character_error_rate(reference.text, document.text) <= 0.02


def test_ocr_off_keeps_the_clear_scan_error(shared_dir):
    scan, _, _, _ = _read(str(shared_dir), "scan150")
    with pytest.raises(NoTextLayer, match="looks scanned; OCR not available: OCR is switched off"):
        extract(scan, PDF, config=PipelineConfig(ocr=OcrOptions(enabled=False)))


def test_ocr_broken_layer_without_ocr_is_refused_saying_what_was_tried(shared_dir):
    from extraction.errors import NotVietnamese

    broken, _, _, _ = _read(str(shared_dir), "broken")
    with pytest.raises(NotVietnamese, match="after OCR not available"):
        extract(broken, PDF, config=PipelineConfig(ocr=OcrOptions(enabled=False)))


def test_ocr_page_cap_refuses_before_reading(shared_dir):
    scan, _, _, _ = _read(str(shared_dir), "scan150")
    progress: list[tuple[int, int]] = []
    options = OcrOptions(max_pages=1, progress=lambda *done: progress.append(done))
    with pytest.raises(FileTooLarge, match="2 scanned pages to read by OCR, more than the limit of 1"):
        read_source(scan, PDF, ocr=options)
    assert progress == []


def test_ocr_page_time_limit(shared_dir):
    scan, _, _, _ = _read(str(shared_dir), "scan150")
    with pytest.raises(OcrFailed, match="page 1 by OCR took longer than"):
        read_source(scan, PDF, ocr=OcrOptions(page_timeout_s=0.05))


def test_ocr_parse_tsv_groups_words_into_lines():
    tsv = "\n".join(
        [
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "4\t1\t1\t1\t1\t0\t10\t10\t300\t20\t-1\t",
            "5\t1\t1\t1\t1\t1\t10\t10\t100\t20\t96.5\tGiao",
            "5\t1\t1\t1\t1\t2\t120\t12\t80\t18\t41.0\tSở",
            "5\t1\t1\t1\t2\t1\t10\t40\t90\t20\t90\tTài",
        ]
    )
    first, second = parse_tsv(tsv, scale=2.0)
    assert first.text == "Giao Sở" and second.text == "Tài"
    assert first.words == (("Giao", 0.965), ("Sở", 0.41))
    assert (first.left, first.top, first.right, first.bottom) == (5.0, 5.0, 100.0, 15.0)
    assert first.first_word_right == 55.0
    assert unicodedata.is_normalized("NFC", first.text)


def test_ocr_leaves_english_and_figures_pages_to_their_text_layer(shared_dir):
    from reportlab.platypus import PageBreak

    vietnamese = Path(shared_dir, "corpus", "dev", "local-f05.txt").read_text(encoding="utf-8")
    english = "The council will review the budget next year, item by item, with the agencies."
    figures = [[str(n), f"{n * 1234:,}", f"{n * 7.5:.1f}"] for n in range(1, 12)]
    blocks = [*blocks_from_text(vietnamese), PageBreak(), english, english, PageBreak(), figures]
    source = read_source(pdf_bytes(blocks), PDF)
    assert source.page_count == 3
    assert source.conversions == ()
    assert any(block.__class__.__name__ == "Table" and block.page == 3 for block in source.blocks)


def _page(number: int, text: str, *, is_scan: bool = False):
    from extraction.ingest.pdf import Line, _Page

    line = Line(text=text, left=72, right=500, top=100, bottom=112, page=number, first_word=30)
    return _Page(number=number, rows=(line,) if text else (), has_ruling=False, is_scan=is_scan)


def test_ocr_pages_needing_ocr():
    from extraction.ingest.pdf import pages_needing_ocr

    vietnamese = "Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan triển khai thực hiện. " * 4
    english = "The council will review the budget next year, item by item, with the agencies."
    garbled = "7\u04cc1+ L\u00bfO CAI \u04cc\u04c9 B\u00bfN NH\u04cc\u04c9 D\u04cc\u04c9 T\u04cc\u04c9H"
    ascii_garbage = "TQMH LQR CAI UQ BAN NHQN DQN TQMH GIAR SR TQI CHQNH CHQ TRQ"
    number = lambda pages: [page.number for page in pages_needing_ocr(pages)]  # noqa: E731
    assert number([_page(1, vietnamese), _page(2, english), _page(3, "1 2 3 4 5 6 7 8")]) == []
    assert number([_page(1, vietnamese), _page(2, garbled), _page(3, "", is_scan=True)]) == [2, 3]
    # a document whose whole text layer fails the check is read by OCR even without odd
    # characters: refused unread otherwise
    assert number([_page(1, ascii_garbage), _page(2, ascii_garbage)]) == [1, 2]
    # a page in a legacy font is converted, not read by OCR
    from extraction.ingest.legacy import TCVN3, from_unicode

    legacy = from_unicode(vietnamese, TCVN3).decode("latin-1")
    assert number([_page(1, vietnamese), _page(2, legacy)]) == []


@pytest.mark.parametrize("turn", [90])  # 180 passes too (measured); one keeps CI short
def test_ocr_turned_page_is_read_upright(shared_dir, turn):
    text = Path(shared_dir, "corpus", "dev", "local-f05.txt").read_text(encoding="utf-8")
    text_pdf = pdf_bytes(blocks_from_text(text))
    reference = normalize(read_source(text_pdf, PDF)).text
    scan = scanned_pdf_bytes(text_pdf, dpi=200, turn=turn)
    read = normalize(read_source(scan, PDF)).text
    # the header table's cells come out in another order from a scan: compare the words
    expected, got = Counter(reference.split()), Counter(read.split())
    assert sum((expected & got).values()) / sum(expected.values()) >= 0.95
