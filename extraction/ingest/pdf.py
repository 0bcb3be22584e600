"""Reader for PDF files: text layer to paragraphs and tables in reading order.

pypdfium2 reads the text layer (a few milliseconds a page). Tables are found by pdfplumber's
table finder on pages that draw ruling lines, the only pages where it can find anything, fed
with PDFium's paths and characters (``pdf_grid``); pdfplumber itself, several times slower,
reads only a page whose geometry ``pdf_grid`` cannot take. Printed lines are rebuilt into
paragraphs from their geometry (see ``starts_paragraph``); running headers, footers and page
numbers are dropped.
"""

from __future__ import annotations

import bisect
import ctypes
import io
import itertools
import math
import re
import statistics
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from extraction.errors import CorruptFile, EncryptedFile, FileTooLarge, NoTextLayer
from extraction.ingest.legacy import detect, font_encoding, has_legacy_markers, to_unicode
from extraction.ingest.ocr import (
    OcrLine,
    OcrOptions,
    page_image,
    read_page,
    unavailable_reason,
)
from extraction.ingest.pdf_grid import chars_in, leaves_ink, ruling_edges, table_rows
from extraction.language import is_vietnamese
from extraction.types import Block, Paragraph, SourceText, Table

MEDIA_TYPE = "application/pdf"

# A document with fewer printable characters than this per page has no real text layer; nor
# has one where most pages are a picture covering the page with fewer characters than
# _SCAN_CHARS (a scan that carries only a signature stamp or a page number as text).
_MIN_CHARS_PER_PAGE = 20
_SCAN_CHARS = 200
_SCAN_COVER = 0.5
# Running headers and footers live in this many rows at the top and at the bottom of a page.
_EDGE_ROWS = 2
# A text repeated at the page edges on this share of pages (and at least twice) is running.
_RUNNING_SHARE = 0.6
# A gap wider than this many line heights between two runs of text splits a row in columns.
_COLUMN_GAP = 1.5
# A line whose characters are this much wider than the page's usual ones may hide such a gap.
_SUSPECT_DENSITY = 1.25
# A line that starts this many line heights right of the column's left edge is indented.
_INDENT = 1.0
# Lines further apart than this many typical line pitches belong to different paragraphs.
_PARAGRAPH_GAP = 1.5

_SOFT_HYPHEN = "\u00ad"
# PDFium joins a line that ends in a hyphen glued to a word with the next line, and puts one
# of these in place of the hyphen ("COVID\ufffe19"); the hyphen's own character is lost. In
# Vietnamese such a hyphen is real (COVID-19, 2021-2025, QĐ-UBND), so it is put back.
_PDFIUM_HYPHENS = "\ufffe\x02"
# Control characters a text layer may carry (PostgreSQL refuses NUL in text); after the
# PDFium hyphens above are put back.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_PDFIUM_LINE = re.compile(f"[^\\r\\n{_PDFIUM_HYPHENS}]+[{_PDFIUM_HYPHENS}]?|[{_PDFIUM_HYPHENS}]")
_SENTENCE_END = (".", ":", ";", "!", "?")
_ENUMERATOR = re.compile(
    r"""^(?:
        \d{1,2}(?:\.\d{1,2})*[.)]\s      # 1.  2.1.  3)
      | [a-zđ][.)]\s                     # a)  đ)
      | [IVXLC]{1,6}[.)]\s               # I.  IV.
      | [-+•–—*]                         # bullets
      | Điều\s+\d+[a-zđ]?[.:]             # Điều 3.
      | (?:Chương|Mục|Phần)\s+[\dIVXLC]+(?:[.:]|$)
    )""",
    re.VERBOSE,
)
_DASH_CONTINUATION = re.compile(r"^[-–]\s*[\da-zđ]")
# Fills the place of the characters a legacy font's text loses in conversion (a private-use
# character that no PDF text uses).
_LEGACY_PAD = "\ue000"
# PDFium is not thread-safe, and the service may read several uploads at once.
_PDFIUM_LOCK = threading.Lock()
# Work caps of one PDF, so one file cannot hold a worker for minutes: page objects (paths,
# glyph runs, images) and characters per page, objects in the whole file, and the seconds
# spent reading it. A dense official page draws a few thousand objects and 5,000 characters.
MAX_OBJECTS_PER_PAGE = 50_000
MAX_OBJECTS = 1_000_000
MAX_CHARS_PER_PAGE = 100_000
MAX_SECONDS = 120.0
_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?[-–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–—]?$", re.I)


@dataclass(frozen=True, slots=True)
class Line:
    """A printed line and its box, in points; ``top`` grows downwards from the page's top.

    ``first_word`` is the width of the line's first word, to tell whether it would have fitted
    at the end of the line before. ``is_spread`` marks a row that joins runs of text far
    apart, such as the two columns of a document's header block ("UỶ BAN NHÂN DÂN      CỘNG
    HOÀ XÃ HỘI ..."): it is never joined with its neighbours.
    """

    text: str
    left: float
    right: float
    top: float
    bottom: float
    page: int
    first_word: float
    is_spread: bool = False
    # Read by OCR: the words with their confidences (ocr.py); a text layer has none.
    words: tuple[tuple[str, float], ...] = ()

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Column:
    """The horizontal extent that full lines of text fill, and the usual first-line indent."""

    left: float
    right: float
    indent: float | None = None


@dataclass(frozen=True, slots=True)
class _Page:
    number: int
    rows: tuple[Line, ...]
    has_ruling: bool
    is_scan: bool = False
    notes: tuple[str, ...] = ()
    # Read from PDFium on a page with ruling lines; None where pdfplumber must read them.
    tables: tuple[_FoundTable, ...] | None = None


@dataclass(frozen=True, slots=True)
class _FoundTable:
    left: float
    top: float
    right: float
    bottom: float
    rows: tuple[tuple[str, ...], ...]

    def holds(self, line: Line) -> bool:
        return (
            self.top <= line.middle <= self.bottom
            and line.left < self.right
            and line.right > self.left
        )


@dataclass(slots=True)
class Budget:
    """What one PDF may still cost: objects left and a deadline on a monotonic timer (a
    duration, not the date: the core still never reads the calendar)."""

    objects_left: int = MAX_OBJECTS
    max_seconds: float = MAX_SECONDS
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = time.monotonic()

    def spend_objects(self, count: int, page: int) -> None:
        if count > MAX_OBJECTS_PER_PAGE:
            raise FileTooLarge(f"page {page} of the PDF draws more than {MAX_OBJECTS_PER_PAGE} objects, the "
                               "limit; print the document to a new PDF and upload that")
        self.objects_left -= count
        if self.objects_left < 0:
            raise FileTooLarge("the PDF draws more objects than the limit allows; split it or print it to "
                               "a new PDF and upload that")

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.max_seconds:
            raise FileTooLarge(f"reading the PDF took more than {self.max_seconds:.0f} s, the limit; split "
                               "it or print it to a new PDF and upload that")


def read_pdf(data: bytes, *, max_pages: int = 500, ocr: OcrOptions | None = None,
             max_seconds: float = MAX_SECONDS) -> SourceText:
    """Read a PDF's text layer into paragraphs and tables, in reading order.

    Scanned pages, and pages whose text layer fails the Vietnamese check although they
    print text (a font without a usable Unicode map), are read by OCR (``ocr``; see
    ``read_by_ocr``). Text in TCVN3 and VNI fonts is converted by its font's name.

    Raises EncryptedFile, CorruptFile, FileTooLarge (more than ``max_pages`` pages, or more
    pages to OCR than ``ocr.max_pages``, too many objects or characters, more than
    ``max_seconds`` of reading the text layer), OcrFailed and NoTextLayer (a scan that OCR
    could not read, or OCR not available).
    """
    _check_complete(data)
    budget = Budget(max_seconds=max_seconds)
    pages = _read_pages(data, max_pages, budget)
    pages, conversions = read_by_ocr(data, pages, ocr or OcrOptions())
    _check_text_layer(pages, conversions)
    margins = running_texts(pages) + tuple(note for page in pages for note in page.notes)
    pages = drop_running_rows(pages)
    tables = _read_tables(data, pages, budget)
    blocks = _assemble(pages, tables)
    return SourceText(
        blocks=tuple(blocks),
        media_type=MEDIA_TYPE,
        page_count=len(pages),
        margins=margins,
        conversions=conversions,
    )


# --- reading pages with pypdfium2 -----------------------------------------------------------


def _check_complete(data: bytes) -> None:
    # PDFium silently repairs a truncated file and returns whatever pages survived; every
    # complete PDF (incremental updates included) ends with an %%EOF marker.
    if b"%%EOF" not in data[-2048:]:
        raise CorruptFile(
            "the PDF is truncated (it has no end-of-file marker); download or export it "
            "again and upload the complete file"
        )


def _read_pages(data: bytes, max_pages: int, budget: Budget) -> list[_Page]:
    with _PDFIUM_LOCK:
        return _read_pages_locked(data, max_pages, budget)


def _read_pages_locked(data: bytes, max_pages: int, budget: Budget) -> list[_Page]:
    document = _open(data)
    try:
        count = len(document)
        if count > max_pages:
            raise FileTooLarge(
                f"the PDF has {count} pages, more than the limit of {max_pages}; split it "
                "into smaller files and upload them one by one"
            )
        pages = []
        for index in range(count):
            budget.check_time()
            pages.append(_read_page(document, index, budget))
        return pages
    finally:
        document.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFile(
                "the PDF is password-protected; save a copy without the password and upload that"
            ) from error
        raise CorruptFile(
            "the PDF is damaged and cannot be read; download or export it again and "
            "upload the new file"
        ) from error


def _read_page(document: pdfium.PdfDocument, index: int, budget: Budget) -> _Page:
    try:
        page = document[index]
    except pdfium.PdfiumError as error:  # a damaged page tree (found by the upload fuzz test)
        raise _damaged_page(index) from error
    try:
        budget.spend_objects(_count_objects(page), index + 1)
        textpage = page.get_textpage()
        try:
            if textpage.count_chars() > MAX_CHARS_PER_PAGE:
                raise FileTooLarge(f"page {index + 1} of the PDF holds more than {MAX_CHARS_PER_PAGE} "
                                   "characters; split the document or print it to a new PDF")
            lines = _text_lines(textpage, page.get_height(), index + 1)
            if has_legacy_markers(" ".join(line.text for line in lines)):
                fonts = _legacy_fonts(textpage)
                if fonts:
                    lines = _text_lines(textpage, page.get_height(), index + 1, fonts)
            has_ruling = _has_ruling(page)
            tables = _fast_tables(page, textpage) if has_ruling else None
        finally:
            textpage.close()
        printable = sum(len(line.text.replace(" ", "")) for line in lines)
        is_scan = printable < _SCAN_CHARS and _is_covered_by_image(page)
        notes = annotation_texts(page)
    except pdfium.PdfiumError as error:
        raise _damaged_page(index) from error
    finally:
        page.close()
    rows = tuple(merge_rows(lines))
    return _Page(number=index + 1, rows=rows, has_ruling=has_ruling, is_scan=is_scan, notes=notes,
                 tables=tables)


# A stamp is a short annotation; a page's first ones and their first characters are enough.
_MAX_NOTES = 32
_MAX_NOTE_CHARS = 200
_MAX_NOTE_BYTES = 1024 * 1024


def annotation_texts(page: pdfium.PdfPage) -> tuple[str, ...]:
    """The texts (``/Contents``) of a page's annotations: a secrecy mark added as a stamp or
    a text box annotation is not in the text layer, and the secrecy check must see it."""
    texts = []
    for index in range(min(pdfium_c.FPDFPage_GetAnnotCount(page.raw), _MAX_NOTES)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
        if not annot:
            continue
        try:
            size = pdfium_c.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
            if 2 < size <= _MAX_NOTE_BYTES:  # PDFium writes nothing into a smaller buffer
                buffer = ctypes.create_string_buffer(size)
                pdfium_c.FPDFAnnot_GetStringValue(
                    annot, b"Contents", ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size)
                texts.append(buffer.raw[: size - 2].decode("utf-16-le", errors="replace")[:_MAX_NOTE_CHARS])
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return tuple(text for text in texts if text.strip())


def _count_objects(page: pdfium.PdfPage) -> int:
    """The page's objects, those inside form XObjects too (one form can hold a million paths
    and count as one at the top level); counting stops just past the per-page cap."""
    return sum(1 for _ in itertools.islice(page.get_objects(), MAX_OBJECTS_PER_PAGE + 1))


def _damaged_page(index: int) -> CorruptFile:
    return CorruptFile(f"page {index + 1} of the PDF is damaged; export the PDF again and upload it")


def _is_covered_by_image(page: pdfium.PdfPage) -> bool:
    width, height = page.get_size()
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        left, bottom, right, top = image.get_bounds()
        if (right - left) * (top - bottom) >= _SCAN_COVER * width * height:
            return True
    return False


def _text_lines(
    textpage: pdfium.PdfTextPage,
    height: float,
    number: int,
    fonts: dict[int, tuple[str, bool]] | None = None,
) -> list[Line]:
    """PDFium's lines (it breaks where the baseline changes), each with its box.

    ``fonts`` maps the index of each character set in a TCVN3 or VNI font to its encoding
    (``_legacy_fonts``); those characters are converted to Unicode.
    """
    text = textpage.get_text_range()
    if fonts:
        text = _convert_legacy(text, fonts)
    last_index = textpage.count_chars() - 1
    found = []
    for match in _PDFIUM_LINE.finditer(text):
        stripped = match.group().strip()
        if not stripped:
            continue
        first = match.start() + match.group().index(stripped[0])
        last = first + len(stripped) - 1
        word_end = first + len(stripped.split(maxsplit=1)[0]) - 1
        left, bottom, _, top = textpage.get_charbox(min(first, last_index), loose=True)
        _, bottom2, right, top2 = textpage.get_charbox(min(last, last_index), loose=True)
        word_right = textpage.get_charbox(min(word_end, last_index), loose=True)[2]
        line = Line(
            text=_CONTROL.sub(" ", re.sub(f"[{_PDFIUM_HYPHENS}]", "-", stripped)).replace(_LEGACY_PAD, ""),
            left=left,
            right=right,
            top=height - max(top, top2),
            bottom=height - min(bottom, bottom2),
            page=number,
            first_word=word_right - left,
        )
        found.append((line, first, last))
    return _mark_inner_gaps(textpage, found)


def _mark_inner_gaps(
    textpage: pdfium.PdfTextPage, lines: list[tuple[Line, int, int]]
) -> list[Line]:
    # PDFium joins "Số: /UBND-KT" and "Lào Cai, ngày ..." into one line with a single space
    # although a wide gap separates them. Only lines whose characters are unusually wide on
    # average can hide such a gap, so only those are scanned character by character.
    densities = [_density(line) for line, _, _ in lines]
    usual = statistics.median(densities) if densities else 0.0
    return [
        replace(line, is_spread=True)
        if density > _SUSPECT_DENSITY * usual and _has_wide_gap(textpage, line, first, last)
        else line
        for (line, first, last), density in zip(lines, densities, strict=True)
    ]


def _density(line: Line) -> float:
    return (line.right - line.left) / len(line.text) / line.height


def _has_wide_gap(textpage: pdfium.PdfTextPage, line: Line, first: int, last: int) -> bool:
    previous_right: float | None = None
    text = textpage.get_text_range(first, last - first + 1)
    for offset, char in enumerate(text):
        if char.isspace():
            continue
        left, _, right, _ = textpage.get_charbox(first + offset, loose=True)
        if previous_right is not None and left - previous_right > _COLUMN_GAP * line.height:
            return True
        previous_right = right
    return False


def _legacy_fonts(textpage: pdfium.PdfTextPage) -> dict[int, tuple[str, bool]]:
    """The characters of a page set in a TCVN3 or VNI font: index → (encoding, upper).

    The font's name is its ``/BaseFont`` ("ABCDEF+.VnTime"), as a PDF viewer shows it.
    """
    found = {}
    names: dict[int | None, tuple[str | None, bool]] = {}
    for index in range(textpage.count_chars()):
        text_object = pdfium_c.FPDFText_GetTextObject(textpage.raw, index)
        font = pdfium_c.FPDFTextObj_GetFont(text_object) if text_object else None
        key = ctypes.cast(font, ctypes.c_void_p).value if font else None
        if key not in names:
            names[key] = font_encoding(_base_font_name(font) if font else None)
        encoding, upper = names[key]
        if encoding:
            found[index] = (encoding, upper)
    return found


def _base_font_name(font: Any) -> str:
    buffer = ctypes.create_string_buffer(256)
    size = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    return buffer.raw[: max(min(size, len(buffer)) - 1, 0)].decode("latin-1")


def _convert_legacy(text: str, fonts: dict[int, tuple[str, bool]]) -> str:
    """Convert each word set in a legacy font.

    PDFium's text has one index per character, which the character boxes use; a converted
    word is shorter (VNI's "aù" is "á"), so it is padded to its old length with a character
    that ``_text_lines`` removes from the line's text.
    """

    def convert(word: re.Match[str]) -> str:
        font = fonts.get(word.start())
        if font is None:
            return word.group()
        encoding, upper = font
        converted = unicodedata.normalize("NFC", to_unicode(word.group(), encoding, upper=upper))
        return converted + _LEGACY_PAD * (len(word.group()) - len(converted))

    return re.sub(r"\S+", convert, text)


def _has_ruling(page: pdfium.PdfPage) -> bool:
    """True when the page draws two vertical and two horizontal strokes, as a table grid does.

    Cheap (no text layout), so pdfplumber's table finder runs only on pages that pass. Word
    puts white boxes behind shaded words; only paths that leave ink count.
    """
    vertical = horizontal = 0
    for path in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)):
        left, bottom, right, top = path.get_bounds()
        is_thin_x, is_thin_y = right - left < 3, top - bottom < 3
        if (is_thin_x and is_thin_y) or not leaves_ink(path):
            continue
        vertical += 0 if is_thin_y else (1 if is_thin_x else 2)
        horizontal += 0 if is_thin_x else (1 if is_thin_y else 2)
        if vertical >= 2 and horizontal >= 2:
            return True
    return False


def merge_rows(lines: Iterable[Line]) -> list[Line]:
    """Merge lines printed at the same height into one row, left to right, top to bottom.

    Example: "Nơi nhận:" on the left and "KT. CHỦ TỊCH" on the right of the signature block
    become the row "Nơi nhận: KT. CHỦ TỊCH", as pdfplumber prints them.
    """
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: (line.top, line.left)):
        if rows and _same_height(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [_row(sorted(parts, key=lambda part: part.left)) for parts in rows]


def _same_height(a: Line, b: Line) -> bool:
    return abs(a.middle - b.middle) < 0.4 * min(a.height, b.height)


def _row(parts: list[Line]) -> Line:
    gaps = (b.left - a.right for a, b in zip(parts, parts[1:], strict=False))
    return Line(
        text=" ".join(part.text for part in parts),
        left=parts[0].left,
        right=max(part.right for part in parts),
        top=min(part.top for part in parts),
        bottom=max(part.bottom for part in parts),
        page=parts[0].page,
        first_word=parts[0].first_word,
        is_spread=any(part.is_spread for part in parts)
        or any(gap > _COLUMN_GAP * parts[0].height for gap in gaps),
        words=tuple(word for part in parts for word in part.words),
    )


def _check_text_layer(pages: list[_Page], tried: tuple[str, ...] = ()) -> None:
    if not pages:
        raise CorruptFile("the PDF has no pages; export it again and upload the new file")
    printable = sum(len(row.text.replace(" ", "")) for page in pages for row in page.rows)
    scans = sum(page.is_scan for page in pages)
    if printable < _MIN_CHARS_PER_PAGE * len(pages) or scans > len(pages) / 2:
        if any(step.startswith("OCR of") for step in tried):
            raise NoTextLayer(
                "the PDF looks scanned and OCR found (almost) no text on it either; scan the "
                "paper again (300 dpi, straight, black on white) and upload the new file"
            )
        why = "; ".join(tried) + "; " if tried else ""
        raise NoTextLayer(
            f"the PDF has (almost) no text layer, it looks scanned; {why}run OCR on it first "
            "(for example ocrmypdf -l vie) and upload the result"
        )


# --- OCR of scanned pages and broken text layers ---------------------------------------------

def read_by_ocr(
    data: bytes, pages: list[_Page], options: OcrOptions
) -> tuple[list[_Page], tuple[str, ...]]:
    """Read scanned pages and pages with a broken text layer by OCR; say what was done.

    Nothing is read when OCR is switched off or not installed: the pages stay as they are
    and the reason is returned, so that the text-layer check refuses a scan with today's
    clear error. More pages to read than ``options.max_pages`` is refused before any is read.
    """
    wanted = pages_needing_ocr(pages)
    if not wanted:
        return pages, ()
    reason = "OCR is switched off" if not options.enabled else unavailable_reason(options.languages)
    if reason:
        return pages, (f"OCR not available: {reason}",)
    if len(wanted) > options.max_pages:
        raise FileTooLarge(
            f"the PDF has {len(wanted)} scanned pages to read by OCR, more than the limit of "
            f"{options.max_pages}; split it into smaller files and upload them one by one"
        )
    todo = wanted if options.first_pages is None else wanted[: options.first_pages]
    read = {}
    for done, page in enumerate(todo, start=1):
        read[page.number] = replace(_ocr_page(data, page.number, options), notes=page.notes)
        if options.progress is not None:
            options.progress(done, len(todo))
    pages = [read.get(page.number, page) for page in pages]
    note = f"OCR of {len(todo)} page(s) with tesseract ({'+'.join(options.languages)})"
    if len(todo) < len(wanted):
        note += f"; {len(wanted) - len(todo)} more page(s) left unread"
    return pages, (note,)


def pages_needing_ocr(pages: Sequence[_Page]) -> list[_Page]:
    """Scanned pages, and pages whose text layer is garbled (a font without a usable Unicode
    map): it fails the Vietnamese check, is not in a legacy encoding, and either holds
    characters no real text has (control characters, letters of other scripts) or belongs to
    a document whose whole text fails the check (which would be refused unread). A page in
    English or of figures in a Vietnamese document keeps its text layer (and its tables)."""
    texts = {page.number: " ".join(row.text for row in page.rows) for page in pages}
    doubtful = [
        page for page in pages if page.is_scan or not _clearly_vietnamese(texts[page.number])
    ]
    if not doubtful:
        return []
    document_fails = not is_vietnamese(" ".join(texts.values()))
    return [
        page
        for page in doubtful
        if page.is_scan or _is_garbled(texts[page.number], document_fails=document_fails)
    ]


def _is_garbled(text: str, *, document_fails: bool) -> bool:
    if not text.strip() or is_vietnamese(text) or detect(text) is not None:
        return False
    visible = len(text) - text.count(" ")
    return document_fails or len(_ODD.findall(text)) >= _GARBLED_SHARE * visible


# Characters a real text layer does not hold: controls, private use, replacement characters,
# and letters beyond Latin and Vietnamese ("7ӌ1+ L¿O CAI" for "TỈNH LÀO CAI").
_ODD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u0250-\u1e9f\u1efa-\u1fff"
                  "\u2c00-\uffff\u00bf\u00ac\u00a4\u00a6]")
_GARBLED_SHARE = 0.05


# Letters only Vietnamese writes (ă đ ĩ ũ ơ ư and the tone-marked vowels of U+1EA0-U+1EF9).
_VIETNAMESE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169"
                              "\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
# A page where this share of the characters are such letters needs no closer look.
_CLEARLY_VIETNAMESE_SHARE = 0.03


def _clearly_vietnamese(text: str) -> bool:
    """A fast pass for the usual page: many letters that only Vietnamese in Unicode has (a
    broken Unicode map or a legacy font yields none). Pages that fail get the full check."""
    letters = len(text) - text.count(" ")
    return len(_VIETNAMESE_ONLY.findall(text)) >= _CLEARLY_VIETNAMESE_SHARE * max(letters, 1)


def _ocr_page(data: bytes, number: int, options: OcrOptions) -> _Page:
    scale = options.dpi / 72
    image = _render_gray(data, number, scale)
    lines = read_page(image, dpi=options.dpi, scale=scale, page=number, options=options)
    rows = tuple(merge_rows(_ocr_line(line, number) for line in lines))
    return _Page(number=number, rows=rows, has_ruling=False)


def _ocr_line(line: OcrLine, number: int) -> Line:
    return Line(
        text=line.text,
        left=line.left,
        right=line.right,
        top=line.top,
        bottom=line.bottom,
        page=number,
        first_word=line.first_word_right - line.left,
        words=line.words,
    )


def _render_gray(data: bytes, number: int, scale: float) -> bytes:
    """Page ``number`` rendered in grayscale, as a PGM image (tesseract reads it from stdin)."""
    with _PDFIUM_LOCK:
        document = _open(data)
        try:
            page = document[number - 1]
            try:
                bitmap = page.render(scale=scale, grayscale=True)
                width, height, stride = bitmap.width, bitmap.height, bitmap.stride
                buffer = bytes(bitmap.buffer)
            finally:
                page.close()
        finally:
            document.close()
    rows = b"".join(buffer[row * stride : row * stride + width] for row in range(height))
    return page_image(rows, width, height)


# --- running headers, footers and page numbers ----------------------------------------------


def drop_running_rows(pages: Sequence[_Page]) -> list[_Page]:
    """Drop page numbers ("- 2 -", "Trang 2/5") and text repeated at the edges of most pages."""
    running = _running_keys(pages)
    return [
        replace(page, rows=tuple(row for row in page.rows if not _is_running(row, page, running)))
        for page in pages
    ]


def running_texts(pages: Sequence[_Page]) -> tuple[str, ...]:
    """The text of the rows ``drop_running_rows`` drops, each once: a secrecy mark printed at
    the top of every page is a running header, and the secrecy check must still see it."""
    running = _running_keys(pages)
    texts = (row.text for page in pages for row in page.rows if _is_running(row, page, running))
    return tuple(dict.fromkeys(texts))


def _edge_rows(page: _Page) -> set[Line]:
    return set(page.rows[:_EDGE_ROWS]) | set(page.rows[-_EDGE_ROWS:])


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _running_keys(pages: Sequence[_Page]) -> set[str]:
    counts = Counter(
        key for page in pages for key in {_running_key(row.text) for row in _edge_rows(page)}
    )
    needed = max(2, math.ceil(_RUNNING_SHARE * len(pages)))
    return {key for key, count in counts.items() if count >= needed}


def _is_running(row: Line, page: _Page, running: set[str]) -> bool:
    if row not in _edge_rows(page):
        return False
    return bool(_PAGE_NUMBER.match(row.text)) or _running_key(row.text) in running


# --- paragraphs --------------------------------------------------------------------------------


def body_column(lines: Sequence[Line]) -> Column:
    """The column most lines start at and (nearly all) end before."""
    lefts = Counter(round(line.left / 2) for line in lines)
    bucket = lefts.most_common(1)[0][0]
    left = min(line.left for line in lines if round(line.left / 2) == bucket)
    rights = sorted(line.right for line in lines)
    right = rights[int(0.9 * (len(rights) - 1))]
    indents = Counter(
        round((line.left - left) / 2) for line in lines if _is_indented(line, Column(left, right))
    )
    indent = 2.0 * indents.most_common(1)[0][0] if indents else None
    return Column(left=left, right=right, indent=indent)


def typical_pitch(lines: Sequence[Line]) -> float:
    """The usual distance between the tops of consecutive lines on a page."""
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page]
    positive = [pitch for pitch in pitches if pitch > 0]
    return statistics.median(positive) if positive else math.inf


def starts_paragraph(previous: Line, line: Line, column: Column, pitch: float) -> bool:
    """Whether ``line`` begins a new paragraph rather than continuing ``previous``.

    A new paragraph begins at an enumerator ("1.", "a)", "-", "Điều 3."), after a line that
    ends a sentence short of the right edge when this one does not go on in lower case,
    after a line that stopped short although the next word would have fitted, at a
    first-line indent (and at the second of two lines at the usual first-line indent) and
    at a wide vertical gap. Rows of a two-column block are paragraphs
    of their own.
    """
    return (
        previous.is_spread
        or line.is_spread
        or _starts_with_enumerator(previous, line)
        or _ends_sentence_short(previous, line, column)
        or _had_room_for(previous, line, column)
        or (_is_indented(line, column) and not _is_indented(previous, column))
        or (_at_first_line_indent(previous, column) and _at_first_line_indent(line, column))
        or (line.page == previous.page and line.top - previous.top > _PARAGRAPH_GAP * pitch)
    )


def _starts_with_enumerator(previous: Line, line: Line) -> bool:
    # A dash before a digit or a lower-case word is a wrapped "2021 - 2025" or "kinh tế -
    # xã hội" unless the line before ended a sentence or a list item.
    if _ENUMERATOR.match(line.text) is None:
        return False
    if _DASH_CONTINUATION.match(line.text):
        return previous.text.endswith(_SENTENCE_END)
    return True


def _ends_sentence_short(previous: Line, line: Line, column: Column) -> bool:
    # After a full stop, colon or semicolon, a little less room than the next word needs is
    # enough: the line most likely ended there on purpose. A justified line that reaches the
    # right edge was wrapped even after a full stop: "... sau khi nổ." + "Công khai, minh
    # bạch ..." is one paragraph in local-f01.pdf.
    if not previous.text.endswith(_SENTENCE_END) or line.text[:1].islower():
        return False
    return column.right - previous.right > 0.85 * _room_needed(line)


def _had_room_for(previous: Line, line: Line, column: Column) -> bool:
    # The wrap rule of every word processor: a line ends early only when the next word does
    # not fit. A point of slack absorbs rounding in the boxes.
    return column.right - previous.right > _room_needed(line) + 1.0


def _room_needed(line: Line) -> float:
    """The width of the line's first word with a space before it (a space is about 0.3 em)."""
    return line.first_word + 0.3 * line.height


def _is_indented(line: Line, column: Column) -> bool:
    return line.left - column.left > _INDENT * line.height


def _at_first_line_indent(line: Line, column: Column) -> bool:
    # Continuation lines go back to the left edge, so two lines in a row at the document's
    # usual first-line indent are two paragraphs (a heading in two lines, say).
    return column.indent is not None and abs(line.left - column.left - column.indent) < 2


def join_lines(lines: Sequence[Line], column: Column) -> list[tuple[str, int]]:
    """Join wrapped lines into paragraphs; returns each paragraph's text and first page.

    Example: "Công tác quản lý nhà nước về vật liệu nổ công nghiệp (VLNCN), tiền chất" and
    "thuốc nổ (TCTN) thời gian vừa qua, ..." become one paragraph.
    """
    return [
        (join_wrapped([line.text for line in group]), group[0].page)
        for group in _paragraph_lines(lines, column)
    ]


def _paragraph_lines(lines: Sequence[Line], column: Column) -> list[list[Line]]:
    pitch = typical_pitch(lines)
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not starts_paragraph(groups[-1][-1], line, column, pitch):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def join_wrapped(texts: Sequence[str]) -> str:
    """Join the lines of one paragraph: with a space, or with nothing after a hyphen.

    A soft hyphen is dropped ("phát tri\\u00ad" + "ển" gives "phát triển"); a hard one
    glued to a word is kept ("COVID-" + "19" gives "COVID-19").
    """
    joined = texts[0]
    for text in texts[1:]:
        if joined.endswith(_SOFT_HYPHEN):
            joined = joined[:-1] + text
        elif re.search(r"\w-$", joined):
            joined += text
        else:
            joined += " " + text
    return joined


# --- tables ----------------------------------------------------------------------------------


def _read_tables(data: bytes, pages: Sequence[_Page], budget: Budget) -> dict[int, list[_FoundTable]]:
    """The tables of the pages with ruling lines: those read from PDFium while reading the
    page, the others by pdfplumber."""
    tables = {page.number: list(page.tables) for page in pages if page.has_ruling and page.tables is not None}
    left = [page.number for page in pages if page.has_ruling and page.tables is None]
    return tables | _plumber_tables(data, left, budget)


def _fast_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[_FoundTable, ...] | None:
    """The page's tables, found by pdfplumber's table finder in PDFium's paths and read from
    PDFium's characters (``pdf_grid``); None where the page needs pdfplumber itself."""
    edges = ruling_edges(page)
    if edges is None:
        return None
    tables = table_rows(edges)
    if not tables:
        return ()
    chars = chars_in(textpage, page.get_height(), [box for box, _ in tables])
    if chars is None:
        return None
    return tuple(_found_table(box, rows, chars) for box, rows in tables)


def _found_table(
    box: tuple[float, ...], rows: Sequence[Sequence[tuple[float, ...] | None]], chars: Sequence[dict[str, Any]]
) -> _FoundTable:
    left, top, right, bottom = box
    index = _CharIndex([char for char in chars if _centre_in(char, box)])
    texts = tuple(tuple(_cell_text(index, cell) for cell in row) for row in rows)
    return _FoundTable(left, top, right, bottom, texts)


class _CharIndex:
    """A table's characters sorted by the height of their centre, so that each cell looks
    only at the characters of its own rows instead of the whole table's."""

    def __init__(self, chars: Sequence[dict[str, Any]]) -> None:
        self._chars = chars
        self._by_middle = sorted(((char["top"] + char["bottom"]) / 2, i) for i, char in enumerate(chars))
        self._middles = [middle for middle, _ in self._by_middle]
        self._centres = [(char["x0"] + char["x1"]) / 2 for char in chars]

    def inside(self, box: tuple[float, ...]) -> list[dict[str, Any]]:
        """The characters whose centre is in ``box`` (as ``_centre_in`` tells), in the page's
        order (pdfplumber's text layout breaks ties by it)."""
        left, top, right, bottom = box
        first = bisect.bisect_left(self._middles, top)
        last = bisect.bisect_right(self._middles, bottom)
        found = sorted(i for _, i in self._by_middle[first:last] if left <= self._centres[i] <= right)
        return [self._chars[i] for i in found]


def _plumber_tables(data: bytes, page_numbers: Sequence[int], budget: Budget) -> dict[int, list[_FoundTable]]:
    if not page_numbers:
        return {}
    import pdfplumber  # slow to import and to run: only for pages pdf_grid cannot read

    tables = {}
    with pdfplumber.open(io.BytesIO(data)) as document:
        for number in page_numbers:
            budget.check_time()
            tables[number] = _page_tables(document.pages[number - 1])
    return tables


def _page_tables(page: Any) -> list[_FoundTable]:
    page = page.filter(_leaves_plumber_ink)
    return [
        _found_table(table.bbox, [row.cells for row in table.rows], page.chars)
        for table in page.find_tables()
    ]


def _leaves_plumber_ink(obj: dict[str, Any]) -> bool:
    """pdfplumber's version of ``leaves_ink``: invisible boxes must not make table edges."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke"):
        return not _is_white_plumber(obj.get("stroking_color"))
    return bool(obj.get("fill")) and not _is_white_plumber(obj.get("non_stroking_color"))


def _is_white_plumber(color: Any) -> bool:
    values = color if isinstance(color, tuple | list) else (color,)
    if len(values) == 4:  # CMYK: white has no ink at all
        return all(isinstance(v, int | float) and v < 0.1 for v in values)
    return all(isinstance(v, int | float) and v > 0.9 for v in values)


def _cell_text(chars: _CharIndex, box: tuple[float, ...] | None) -> str:
    """A cell's paragraphs, joined with " / " (wrapped lines inside a paragraph with spaces)."""
    if box is None:
        return ""
    from pdfplumber.utils.text import chars_to_textmap

    left, top, right, bottom = box
    inside = chars.inside(box)
    if not inside:
        return ""
    lines = [
        _plumber_line(item)
        for item in chars_to_textmap(inside).extract_text_lines(strip=True, return_chars=True)
        if item["text"].strip()
    ]
    if not lines:
        return ""
    padding = min(line.left for line in lines) - left
    column = Column(left=left + padding, right=right - padding)
    return " / ".join(text for text, _ in join_lines(lines, column))


def _centre_in(char: dict[str, Any], box: tuple[float, ...]) -> bool:
    left, top, right, bottom = box
    return (
        left <= (char["x0"] + char["x1"]) / 2 <= right
        and top <= (char["top"] + char["bottom"]) / 2 <= bottom
    )


def _plumber_line(item: dict[str, Any]) -> Line:
    chars = [char for char in item["chars"] if not char["text"].isspace()]
    word = item["text"].split(maxsplit=1)[0]
    word_right = chars[min(len(word), len(chars)) - 1]["x1"]
    return Line(
        text=item["text"],
        left=item["x0"],
        right=item["x1"],
        top=item["top"],
        bottom=item["bottom"],
        page=0,
        first_word=word_right - item["x0"],
    )


# --- assembling blocks -------------------------------------------------------------------------


def _assemble(pages: Sequence[_Page], tables: dict[int, list[_FoundTable]]) -> list[Block]:
    body = [
        [row for row in page.rows if not any(t.holds(row) for t in tables.get(page.number, []))]
        for page in pages
    ]
    all_rows = [row for rows in body for row in rows]
    column = body_column(all_rows) if all_rows else Column(0, 0)
    blocks: list[Block] = []
    pending: list[Line] = []
    for page, rows in zip(pages, body, strict=True):
        for item in _in_reading_order(rows, tables.get(page.number, [])):
            if isinstance(item, Line):
                pending.append(item)
                continue
            blocks.extend(_paragraphs(pending, column))
            pending = []
            blocks.append(Table(rows=item.rows, page=page.number))
    blocks.extend(_paragraphs(pending, column))
    return blocks


def _in_reading_order(
    rows: Sequence[Line], tables: Sequence[_FoundTable]
) -> Iterator[Line | _FoundTable]:
    items: list[tuple[float, Line | _FoundTable]] = [(row.top, row) for row in rows]
    items += [(table.top, table) for table in tables]
    return (item for _, item in sorted(items, key=lambda pair: pair[0]))


def _paragraphs(lines: Sequence[Line], column: Column) -> list[Paragraph]:
    if not lines:
        return []
    return [
        Paragraph(
            text=join_wrapped([line.text for line in group]),
            page=group[0].page,
            words=tuple(word for line in group for word in line.words),
        )
        for group in _paragraph_lines(lines, column)
    ]
