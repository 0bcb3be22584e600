"""Reader for plain-text files: one paragraph per non-blank line, kept exactly as written."""

from __future__ import annotations

import codecs
import re

from extraction.errors import CorruptFile, EmptyInput
from extraction.ingest.legacy import decode_bytes
from extraction.secrecy import MAX_HEADER_LINES
from extraction.structure import PAGE_NUMBER, is_row
from extraction.types import Paragraph, SourceText

MEDIA_TYPE = "text/plain"

# Control characters that never occur in a real text file (tab, LF, CR and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# More than this share of control characters means the bytes are not text at all.
_MAX_CONTROL_SHARE = 0.001


def read_text(data: bytes) -> SourceText:
    """Read a text file into one Paragraph per non-blank line (no page numbers).

    Lines keep their spaces and marks as written, so offsets in the normalised text match the
    file (after NFC). Example: ``b"Kính gửi:\\n\\n- Sở Tài chính;\\n"`` gives the paragraphs
    ``"Kính gửi:"`` and ``"- Sở Tài chính;"``.
    """
    # A stray control character (a NUL among 1,000 letters) becomes a space: the offsets stay
    # those of the file, and PostgreSQL, which refuses NUL in text, never sees one.
    text = _CONTROL.sub(" ", decode_text(data))
    lines = [line for line in split_lines(text) if line.strip()]
    joined = join_wrapped_lines(rejoined_table_rows(lines))
    paragraphs = tuple(Paragraph(line) for line in joined)
    if not paragraphs:
        raise EmptyInput("the text file is empty; upload a file that contains the document's text")
    return SourceText(blocks=paragraphs, media_type=MEDIA_TYPE, margins=joined_header_lines(lines, joined))


def joined_header_lines(lines: list[str], joined: list[str]) -> tuple[str, ...]:
    """The header's lines that joining merged into the line before ("Số 12-KL/TW" +
    "tuyệt mật"), kept as they were written for the secrecy check."""
    kept = set(joined[:MAX_HEADER_LINES])
    return tuple(line for line in lines[:MAX_HEADER_LINES] if line not in kept)


# A line that stops mid-sentence and a next line that goes on in lower case: a text copied from
# a PDF with its line breaks ("... việc theo dõi, đôn\nđốc, kiểm tra ...").
_OPEN_END = re.compile(r"[^.:;!?)\]\"”'…]\s*$")
_ITEM = re.compile(r"^\s*(?:[a-zđ][).]\s|[a-zđ]\)|[a-zđ]\.\d{1,2}\s*[.)]|[-+•]\s)")


# how a table row's cells are joined in a text file (normalize.CELL_SEPARATOR)
_CELL = " | "


def _two_rows(previous: str, line: str) -> bool:
    """Two table rows: "STT | ... | Thời hạn trình" ends on a word that seems to dangle, yet the
    row "1 | Nghị định ..." under it is a row of its own (probe BF, 2026-12-07)."""
    return _CELL in previous and _CELL in line


def _continues(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and stripped[0].islower() and not _ITEM.match(line)


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Join lines broken inside a sentence; each join puts one space where the break was.

    "Quy chế theo dõi, đôn" + "đốc, kiểm tra việc thực hiện" → one line. Lines that end a
    sentence or open an item ("a) ...", "- ...") stay apart, so ordinary files are unchanged.
    Linear in the text's length: a paragraph is gathered as a list of lines and joined once,
    and only its last line is looked at (a 1 MB file without final punctuation is one
    paragraph, and re-reading it at every line took minutes).
    """
    out: list[str] = []
    current: list[str] = []
    lines = _without_page_furniture(lines)
    width = wrap_width(lines) or _width_of_certain_wraps(lines)
    in_body = False  # the header's lines (a title without a full stop) take no capital line
    for line in lines:
        if (
            current
            and not _two_rows(current[-1], line)
            and (
                _open_ended(current)
                and (
                    _continues(line)
                    or in_body
                    and (_dangles(current[-1], line) or _goes_on_with_a_number(line) and not is_row(current[-1]))
                )
                or in_body
                and _wrapped_before(current[-1], line, width)
                or _numbers_the_line(current[-1], line)
                or YEARS_BROKEN_OFF.search(current[-1])
                and YEARS_GO_ON.match(line)
            )
        ):
            # "1." alone on its line, then "Công an tỉnh": one item
            current[-1] = current[-1].rstrip()
            current.append(line.lstrip())
        else:
            if current:
                out.append(" ".join(current))
            current = [line]
        in_body = in_body or line.rstrip().endswith((".", ":", ";"))
    if current:
        out.append(" ".join(current))
    return out


def _without_page_furniture(lines: list[str]) -> list[str]:
    """The lines without a PDF's page numbers and running headers after the document's own
    header: "... trước ngày ¶ Trang 1/3 ¶ Chỉ thị số 03/CT-UBND ngày 20/01/2026 của ... ¶
    20/3/2026." is one sentence (probe BR). A running header is a line printed again next to
    a page number."""
    numbers = {i for i, line in enumerate(lines) if PAGE_NUMBER.fullmatch(line.strip())}
    near = {j for i in numbers for j in (i - 1, i + 1) if 0 <= j < len(lines) and j not in numbers}
    printed = [lines[j].strip() for j in near]
    running = {j for j in near if printed.count(lines[j].strip()) >= 2 and len(lines[j].strip()) >= MIN_RUNNING_CHARS}
    return [line for i, line in enumerate(lines) if i not in numbers and i not in running]


MIN_RUNNING_CHARS = 12


# a line that goes on a sentence with a number that opens no item: "... tầm nhìn đến năm ¶ 2045 tập
# trung ...", "... trước ngày ¶ 20/3/2026." ("1. ...", "1.2. ...", "(3) ..." open items)
NUMBER_GOES_ON = re.compile(r"[ ]*\d[\d.,]*(?:[/\-]\d|[ ]+[^\W\d])")


# "... an toàn trường học năm học" ¶ "2026 - 2027 như sau:": the years of a school year or a term
# broken off their words, even before the body begins (probe BY)
YEARS_BROKEN_OFF = re.compile(r"(?<!\w)(?:năm học|giai đoạn|nhiệm kỳ|năm)\s*$", re.IGNORECASE)
YEARS_GO_ON = re.compile(r"\s*(?:19|20)\d{2}(?!\d)")


def _goes_on_with_a_number(line: str) -> bool:
    return bool(NUMBER_GOES_ON.match(line)) and not _NUMBERED.match(line) and not is_row(line)


def _width_of_certain_wraps(lines: list[str]) -> int | None:
    """The wrap width measured on the lines a lower-case line certainly goes on (a PDF copy
    whose other lines, a table's or a list's, spread the lengths too much for wrap_width)."""
    body = next((i for i, line in enumerate(lines) if line.rstrip().endswith((".", ":", ";"))), len(lines))
    lengths = sorted(  # in the body: a header's title wraps at its own, narrower width
        len(previous.rstrip())
        for previous, line in zip(lines[body:], lines[body + 1 :], strict=False)
        if _continues(line) and _OPEN_END.search(previous) and len(previous.strip()) >= MIN_WRAPPED_CHARS
    )
    if len(lengths) < MIN_CERTAIN_WRAPS or lengths[-1] < MIN_PAGE_WIDTH:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if width * WRAP_BAND <= n <= width)
    return width if near >= len(lengths) * 0.6 else None


MIN_CERTAIN_WRAPS = 3
MIN_PAGE_WIDTH = 60  # a page's line holds at least this many characters


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at (a scan's OCR text, a copy from a fixed-width
    screen), when most of its long lines end near one length; None for a text with a paragraph
    per line, whose lengths spread."""
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.strip()) >= MIN_WRAPPED_CHARS)
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if width * WRAP_BAND <= n <= width)
    return width if near >= len(lengths) * 0.6 else None


MIN_WRAPPED_CHARS = 30
MIN_WRAPPED_LINES = 8
WRAP_BAND = 0.8


def _wrapped_before(previous: str, line: str, width: int | None) -> bool:
    """Whether a line still goes on the sentence the line before broke at the wrap width, though
    it opens with a capital ("..., đồng thời gửi ¶ Sở Tài chính để tổng hợp.", "các KKT, ¶ KCN
    và ...") or follows a semicolon: the line before fills the width and ends on a word or a
    comma; the line opens no item and is no heading."""
    if width is None or len(previous.rstrip()) < width * WRAP_BAND:
        return False
    end = previous.rstrip()[-1:]
    if end == ";":
        return _continues(line)  # "... Nghị quyết số 140/NQ-CP; ¶ trong đó lưu ý ...": after a semicolon
    if end != "," and not end.isalnum():
        return False  # a sentence, a lead-in or a bracket ends there
    words = line.split()
    if WRAPPED_COMPOUND.match(line):
        return True  # "... kinh tế ¶ - xã hội ...": the wrap fell on a compound's dash
    heading = line.isupper() and len(words) >= 3  # "KCN, CCN." goes on; "II. NHIỆM VỤ CỤ THỂ" does not
    return bool(words) and not heading and not _BARE_MARKER.fullmatch(words[0]) and not _ITEM.match(line)


WRAPPED_COMPOUND = re.compile(r"\s*[-–]\s+[a-zđà-ỹ]")
# a word no sentence or name ends with: "1. Giao Sở Nông nghiệp và ¶ Môi trường chủ trì ...",
# "..., trình ¶ Ủy ban nhân dân tỉnh trước ngày ..."
DANGLING_WORD = re.compile(
    r"(?<!\S)(?:và|hoặc|của|với|cho|các|những|tại|trên|về|theo|đến|từ|để|là|trong|trình|gửi)\s*$"
)
_NUMBERED = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]{1,5}\.|\(\d{1,2}\))\s")


def _dangles(previous: str, line: str) -> bool:
    """Whether the line before stops on a word that needs the next one, which then goes on the
    sentence even with a capital (unless it opens an item)."""
    return bool(DANGLING_WORD.search(previous)) and not _ITEM.match(line) and not _NUMBERED.match(line)


# an item's marker with nothing after it: "1.", "a)", "II.", "(3)"
_BARE_MARKER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|[a-zđ][.)]|\(\d{1,2}\))")


def _numbers_the_line(previous: str, line: str) -> bool:
    """Whether the line before is an item's marker alone ("1." then "Công an tỉnh ..."); a bare
    number with no dot is a page number ("2" between two items), as the outline reads it
    (structure.LONE_MARKER)."""
    marker = previous.strip()
    return bool(_BARE_MARKER.fullmatch(marker)) and not marker.isdigit()


def _open_ended(paragraph: list[str]) -> bool:
    """Whether a paragraph may go on: it ends mid-sentence and is not an all-capitals heading.

    Once a lower-case line has been joined, the paragraph is no longer all capitals, so only a
    paragraph of one line needs the ``isupper`` test.
    """
    last = paragraph[-1]
    return bool(_OPEN_END.search(last[-64:])) and not (len(paragraph) == 1 and last.isupper())


def split_lines(text: str) -> list[str]:
    """Split on line feeds only (CRLF counts as one); other separators stay inside lines."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM); UTF-16, TCVN3, VNI or Windows-1258 only when UTF-8
    cannot be.

    Raises CorruptFile when no encoding gives text without binary control characters.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data, "utf-16")
    try:
        return _checked(data, "utf-8-sig")
    except CorruptFile:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(data, utf16)
    # An old file typed in a TCVN3 or VNI font: its bytes only read right through their table.
    legacy = decode_bytes(data)
    if legacy is not None:
        return legacy
    # Windows-1258 is the legacy Vietnamese Windows code page; tone marks come as combining
    # characters, which NFC in normalize.py composes.
    return _checked(data, "cp1258")


def looks_like_text(data: bytes) -> bool:
    """True when ``decode_text`` would accept the bytes."""
    try:
        decode_text(data)
    except CorruptFile:
        return False
    return True


def _checked(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise CorruptFile(
            "the text file is neither UTF-8, UTF-16 nor Windows-1258; save it as UTF-8 and upload it again"
        ) from error
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise CorruptFile("the file holds binary data, not text; upload the document as PDF, DOCX or UTF-8 text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from where the zero bytes fall (ASCII-heavy text)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


# --- tables a PDF converter wrote line by line ----------------------------------------------------


def rejoined_table_rows(lines: list[str]) -> list[str]:
    """Tables as one line per row with their cells joined by " | ": a table laid out with spaces
    (``pdftotext -layout``) is cut into its header's columns, and a row whose cells wrapped onto
    lines of their own with the first cell empty ("1 | Ban hành Bộ tiêu chí | Vụ Học sinh, sinh |
    ..." over " | an toàn, thân thiện | viên | ...") gets those words back in each cell (probes BT,
    BY). Other lines are kept as they are."""
    return _continuations_merged(_layout_tables_as_rows([line for line in lines if not MARKDOWN_RULE.match(line)]))


# the rule under a Markdown table's header, "|---|---|" or "| :--- | ---: |": no row of the table (probe CG)
MARKDOWN_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*$")


def _split_cells(line: str) -> list[str] | None:
    """The cells of a row written with bars or tabs, or None for a line that is no row."""
    if "|" in line and line.count("|") >= 2:
        cells = line.split("|")
    elif line.count("\t") >= 2:
        cells = line.split("\t")
    else:
        return None
    return [cell.strip() for cell in cells]


ROW_NUMBER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.?|[a-zđ][.)])")


def _continuations_merged(lines: list[str]) -> list[str]:
    out: list[str] = []
    previous: list[str] | None = None  # the cells of the numbered row being built
    for line in lines:
        cells = _split_cells(line)
        if cells is not None and previous is not None and not cells[0] and len(cells) == len(previous):
            previous = [f"{p} {c}".strip() if c else p for p, c in zip(previous, cells, strict=True)]
            out[-1] = _CELL.join(previous).strip()
            continue
        numbered = cells is not None and bool(cells[0]) and ROW_NUMBER.fullmatch(cells[0]) is not None
        previous = cells if numbered else None
        out.append(line)
    return out


# the text of one cell of a table laid out with spaces: words apart by single spaces, up to a gap
LAYOUT_PIECE = re.compile(r"\S+(?: \S+)*")
LAYOUT_HEADER = re.compile(r"^\s*(?:S?TT|Số\s+TT)\s{2,}\S.*\s{2,}\S", re.IGNORECASE)
LAYOUT_ROLE = re.compile(r"chủ\s+trì|thực\s+hiện|phối\s+hợp", re.IGNORECASE)
MIN_LAYOUT_COLUMNS = 3


def _layout_tables_as_rows(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "|" in line or "\t" in line or not LAYOUT_HEADER.match(line) or not LAYOUT_ROLE.search(line):
            out.append(line)
            i += 1
            continue
        starts = [m.start() for m in LAYOUT_PIECE.finditer(line)]
        if len(starts) < MIN_LAYOUT_COLUMNS:
            out.append(line)
            i += 1
            continue
        out.append(_CELL.join(_cut(line, starts)))
        i += 1
        rows: list[list[str]] = []
        while i < len(lines) and _fits(lines[i], starts):
            cells = _cut(lines[i], starts)
            if cells[0] or not rows:
                rows.append(cells)
            else:
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
            i += 1
        out.extend(_CELL.join(cells) for cells in rows)
    return out


def _fits(line: str, starts: list[int]) -> bool:
    """Whether a line lies in the columns: its pieces each open near a column's start, and it
    opens with a row number or in a later column (a continuation)."""
    pieces = list(LAYOUT_PIECE.finditer(line))
    if not pieces or "|" in line or "\t" in line:
        return False
    first = pieces[0]
    if first.start() < starts[1] - 1 and not ROW_NUMBER.fullmatch(first.group(0)):
        return False
    # a long cell pushes the rest of its row right of the header's columns by a few characters
    return len(pieces) <= len(starts) and all(any(abs(p.start() - s) <= LAYOUT_SLACK for s in starts) for p in pieces)


LAYOUT_SLACK = 8


def _cut(line: str, starts: list[int]) -> list[str]:
    """The text of each column: every piece goes to the column whose start is nearest to its own."""
    cells = [""] * len(starts)
    for piece in LAYOUT_PIECE.finditer(line):
        column = min(range(len(starts)), key=lambda k: abs(starts[k] - piece.start()))
        cells[column] = f"{cells[column]} {piece.group(0)}".strip()
    return cells
