"""Reader for PDF files: text layer to paragraphs and tables in reading order.

pypdfium2 reads the text layer (a few milliseconds a page). pdfplumber, which is about a
hundred times slower, runs only on pages that draw ruling lines, the only pages where its
table finder can find anything. Printed lines are rebuilt into paragraphs from their
geometry (see ``starts_paragraph``); running headers, footers and page numbers are dropped.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import math
import re
import statistics
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from extraction.errors import CorruptFile, EncryptedFile, FileTooLarge, NoTextLayer
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


def read_pdf(data: bytes, *, max_pages: int = 500, max_seconds: float = MAX_SECONDS) -> SourceText:
    """Read a PDF's text layer into paragraphs and tables, in reading order.

    Raises EncryptedFile, CorruptFile, FileTooLarge (more than ``max_pages`` pages, too many
    objects or characters, more than ``max_seconds`` of work) and NoTextLayer (a scan
    without OCR).
    """
    _check_complete(data)
    budget = Budget(max_seconds=max_seconds)
    pages = _read_pages(data, max_pages, budget)
    _check_text_layer(pages)
    pages = drop_running_rows(pages)
    tables = _read_tables(data, [page.number for page in pages if page.has_ruling], budget)
    blocks = _assemble(pages, tables)
    return SourceText(blocks=tuple(blocks), media_type=MEDIA_TYPE, page_count=len(pages))


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
        finally:
            textpage.close()
        has_ruling = _has_ruling(page)
        printable = sum(len(line.text.replace(" ", "")) for line in lines)
        is_scan = printable < _SCAN_CHARS and _is_covered_by_image(page)
    except pdfium.PdfiumError as error:
        raise _damaged_page(index) from error
    finally:
        page.close()
    rows = tuple(merge_rows(lines))
    return _Page(number=index + 1, rows=rows, has_ruling=has_ruling, is_scan=is_scan)


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


def _text_lines(textpage: pdfium.PdfTextPage, height: float, number: int) -> list[Line]:
    """PDFium's lines (it breaks where the baseline changes), each with its box."""
    text = textpage.get_text_range()
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
            text=_CONTROL.sub(" ", re.sub(f"[{_PDFIUM_HYPHENS}]", "-", stripped)),
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


def _has_ruling(page: pdfium.PdfPage) -> bool:
    """True when the page draws two vertical and two horizontal strokes, as a table grid does.

    Cheap (no text layout), so pdfplumber's table finder runs only on pages that pass. Word
    puts white boxes behind shaded words; only paths that leave ink count.
    """
    vertical = horizontal = 0
    for path in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)):
        left, bottom, right, top = path.get_bounds()
        is_thin_x, is_thin_y = right - left < 3, top - bottom < 3
        if (is_thin_x and is_thin_y) or not _leaves_ink(path):
            continue
        vertical += 0 if is_thin_y else (1 if is_thin_x else 2)
        horizontal += 0 if is_thin_x else (1 if is_thin_y else 2)
        if vertical >= 2 and horizontal >= 2:
            return True
    return False


def _leaves_ink(path: pdfium.PdfObject) -> bool:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(path.raw, fill_mode, stroke)
    if stroke.value:
        return not _is_white(pdfium_c.FPDFPageObj_GetStrokeColor, path)
    return bool(fill_mode.value) and not _is_white(pdfium_c.FPDFPageObj_GetFillColor, path)


def _is_white(get_color: Any, path: pdfium.PdfObject) -> bool:
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not get_color(path.raw, red, green, blue, alpha):
        return False
    return alpha.value == 0 or min(red.value, green.value, blue.value) > 230


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
    )


def _check_text_layer(pages: list[_Page]) -> None:
    if not pages:
        raise CorruptFile("the PDF has no pages; export it again and upload the new file")
    printable = sum(len(row.text.replace(" ", "")) for page in pages for row in page.rows)
    scans = sum(page.is_scan for page in pages)
    if printable < _MIN_CHARS_PER_PAGE * len(pages) or scans > len(pages) / 2:
        raise NoTextLayer(
            "the PDF has (almost) no text layer, it looks scanned; run OCR on it first "
            "(for example ocrmypdf -l vie) and upload the result"
        )


# --- running headers, footers and page numbers ----------------------------------------------


def drop_running_rows(pages: Sequence[_Page]) -> list[_Page]:
    """Drop page numbers ("- 2 -", "Trang 2/5") and text repeated at the edges of most pages."""
    running = _running_keys(pages)
    return [
        replace(page, rows=tuple(row for row in page.rows if not _is_running(row, page, running)))
        for page in pages
    ]


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
    pitch = typical_pitch(lines)
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not starts_paragraph(groups[-1][-1], line, column, pitch):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [(join_wrapped([line.text for line in group]), group[0].page) for group in groups]


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


# --- tables with pdfplumber ----------------------------------------------------------------


def _read_tables(data: bytes, page_numbers: Sequence[int], budget: Budget) -> dict[int, list[_FoundTable]]:
    if not page_numbers:
        return {}
    import pdfplumber  # slow to import and to run: only for pages that draw ruling lines

    tables = {}
    with pdfplumber.open(io.BytesIO(data)) as document:
        for number in page_numbers:
            budget.check_time()
            tables[number] = _page_tables(document.pages[number - 1])
    return tables


def _page_tables(page: Any) -> list[_FoundTable]:
    page = page.filter(_leaves_plumber_ink)
    found = []
    for table in page.find_tables():
        left, top, right, bottom = table.bbox
        rows = tuple(
            tuple(_cell_text(page.chars, cell) for cell in row.cells) for row in table.rows
        )
        found.append(_FoundTable(left, top, right, bottom, rows))
    return found


def _leaves_plumber_ink(obj: dict[str, Any]) -> bool:
    """pdfplumber's version of ``_leaves_ink``: invisible boxes must not make table edges."""
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


def _cell_text(chars: Sequence[dict[str, Any]], box: tuple[float, ...] | None) -> str:
    """A cell's paragraphs, joined with " / " (wrapped lines inside a paragraph with spaces)."""
    if box is None:
        return ""
    from pdfplumber.utils.text import chars_to_textmap

    left, top, right, bottom = box
    inside = [
        char
        for char in chars
        if left <= (char["x0"] + char["x1"]) / 2 <= right
        and top <= (char["top"] + char["bottom"]) / 2 <= bottom
    ]
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
    return [Paragraph(text=text, page=page) for text, page in join_lines(lines, column)]
