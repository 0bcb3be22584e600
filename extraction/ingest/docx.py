"""Reader for DOCX files: body paragraphs and tables in document order.

The body XML is walked directly (python-docx's paragraph text skips tracked insertions and
smart tags, and Word puts "NAM" of "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in a smart tag).
Text boxes, page headers and footers are not part of the body; their text is kept apart as
the document's margins (``SourceText.margins``), which only the secrecy check reads: a mark
stamped in a text box or a page header counts.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from extraction.errors import CorruptFile, EmptyInput, EncryptedFile, FileTooLarge
from extraction.ingest.legacy import convert_docx_runs
from extraction.ingest.zipsafe import MALFORMED_ZIP, read_member
from extraction.types import Block, Paragraph, SourceText, Table

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

# Zip bomb guard: limits on what the zip's central directory says it unpacks to.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
# Small members (styles, settings) can compress better than 1:100 on their own.
_RATIO_FLOOR_BYTES = 1024 * 1024
# Real bytes of the body XML: a 300-page directive with tables has under 10 MB; parsing is
# about ten times the XML in memory, so this keeps one upload under a few hundred MB.
MAX_XML_BYTES = 16 * 1024 * 1024

# python-docx is imported where a DOCX is read (0.07 s that a PDF or text upload does not
# need), so element names are spelt out here as python-docx's ``qn`` spells them.
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def qn(tag: str) -> str:
    """The Clark name of a ``w:`` tag, e.g. ``qn("w:p")``."""
    return _WORD + tag.removeprefix("w:")


_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_TXBX_CONTENT = qn("w:txbxContent")
_TEXT = {
    qn("w:t"): None,
    qn("w:tab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}
# Subtrees whose text is not part of the paragraph: drawings and text boxes (with their
# duplicate fallback copies), deleted text, field instructions, footnote marks.
_SKIP = {
    qn("w:drawing"),
    qn("w:pict"),
    qn("w:object"),
    qn("w:del"),
    qn("w:instrText"),
    qn("w:rPr"),
    qn("w:pPr"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
}


def read_docx(data: bytes, *, max_unpacked: int = MAX_UNPACKED_BYTES) -> SourceText:
    """Read a DOCX body into Paragraph and Table blocks, in document order.

    A table cell's paragraphs are joined with " / ", as in ``local-f04.txt``: the cell
    "Nơi nhận:" + "- Như trên;" becomes "Nơi nhận: / - Như trên;". A document header laid
    out in a table that stacks its lines in cells is read as paragraphs (``is_header_layout``).
    """
    if data.startswith(OLE_MAGIC):
        raise EncryptedFile(
            "the DOCX is password-protected; open it in Word, remove the password "
            "(File > Info > Protect Document) and upload it again"
        )
    check_zip_limits(data, max_unpacked=max_unpacked)
    check_real_sizes(data, max_unpacked=max_unpacked)
    document = _open(data)
    convert_docx_runs(document)  # runs in TCVN3 / VNI fonts become Unicode (legacy.py)
    body: BaseOxmlElement = document.element.body
    blocks = tuple(_blocks(body))
    margins = tuple(margin_texts(document))
    if not blocks:
        raise EmptyInput("the DOCX has no text in its body; upload the document's text")
    return SourceText(blocks=blocks, media_type=MEDIA_TYPE, margins=margins)


def check_zip_limits(data: bytes, *, max_unpacked: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse zip bombs before anything is unpacked, from the central directory's sizes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except MALFORMED_ZIP as error:
        raise _corrupt() from error
    total = sum(member.file_size for member in members)
    if total > max_unpacked:
        raise FileTooLarge(
            f"the DOCX unpacks to {total // 2**20} MB, more than {max_unpacked // 2**20} MB; "
            "remove large pictures or embedded files and upload it again"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise FileTooLarge(
                f"the DOCX member {member.filename} unpacks {ratio:.0f} times larger than it "
                "is stored, as a zip bomb does; save the document again from Word"
            )


def check_real_sizes(data: bytes, *, max_unpacked: int = MAX_UNPACKED_BYTES) -> None:
    """Inflate every member by streaming (``zipsafe.read_member``), counting the bytes that
    really come out: an XML part past ``MAX_XML_BYTES`` or a package past ``max_unpacked`` is
    refused, and a member that inflates to another size or checksum than declared is corrupt.
    After this check the declared sizes are true, so opening the package costs what they say."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except MALFORMED_ZIP as error:
        raise _corrupt() from error
    left = max_unpacked
    for member in members:
        if member.is_dir():
            continue
        is_xml = member.filename.endswith((".xml", ".rels"))
        cap = min(MAX_XML_BYTES, left) if is_xml else left
        what = f"DOCX part {member.filename}"
        left -= len(read_member(data, member, cap=cap, what=what))


def _corrupt() -> CorruptFile:
    return CorruptFile(
        "the DOCX is damaged and cannot be read; open it in Word, save it again and upload "
        "the new file"
    )


def _open(data: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, *MALFORMED_ZIP) as error:
        raise _corrupt() from error
    except SyntaxError as error:  # lxml's XMLSyntaxError, for a damaged document.xml
        raise _corrupt() from error


_HEADER_OR_FOOTER = ("/header", "/footer")


def margin_texts(document: Any) -> Iterator[str]:
    """The lines of every text box (in the body, headers and footers) and of every page
    header and footer, in that order. A text box stored twice (the drawing and its VML
    fallback) gives its lines twice, which the secrecy check does not mind."""
    parts = [document.element] + [
        rel.target_part.element
        for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype.endswith(_HEADER_OR_FOOTER)
    ]
    for part in parts:
        for box in part.iter(_TXBX_CONTENT):
            yield from _cell_lines(box)
    for part in parts[1:]:
        yield from _cell_lines(part)


def _children(element: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Children of a body or cell, with content controls (w:sdt) opened up."""
    for child in element:
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content)
        else:
            yield child


def _blocks(body: BaseOxmlElement) -> Iterator[Block]:
    before_text = True  # no body paragraph yet: a table here is where the header sits
    for child in _children(body):
        if child.tag == _P:
            for line in paragraph_text(child).split("\n"):
                if line.strip():
                    before_text = False
                    yield Paragraph(text=line)
        elif child.tag == _TBL:
            cells = _table_cells(child)
            if is_header_layout(cells, at_top=before_text):
                yield from (Paragraph(text=line) for line in column_lines(cells))
            elif cells:
                yield Table(rows=_joined(cells))


def paragraph_text(paragraph: BaseOxmlElement) -> str:
    """The visible text of a w:p: runs, tabs and breaks; a line break gives "\\n"."""
    return "".join(_texts(paragraph))


def _texts(element: BaseOxmlElement) -> Iterator[str]:
    for child in element:
        if child.tag in _SKIP:
            continue
        if child.tag in _TEXT:
            fixed = _TEXT[child.tag]
            yield (child.text or "") if fixed is None else fixed
        else:
            yield from _texts(child)


Cells = tuple[tuple[tuple[str, ...], ...], ...]  # rows of cells of lines


def _table_rows(table: BaseOxmlElement) -> tuple[tuple[str, ...], ...]:
    return _joined(_table_cells(table))


def _joined(cells: Cells) -> tuple[tuple[str, ...], ...]:
    """Each cell's lines joined with " / " (the convention of ``read_docx``)."""
    return tuple(tuple(" / ".join(cell) for cell in row) for row in cells)


def _table_cells(table: BaseOxmlElement) -> Cells:
    """The rows with text, each cell as its non-empty lines (paragraphs, line breaks, nested
    tables)."""
    rows = []
    for row in _children(table):
        if row.tag == _TR:
            cells = tuple(tuple(_cell_lines(cell)) for cell in _children(row) if cell.tag == _TC)
            if any(cells):
                rows.append(cells)
    return tuple(rows)


# A header laid out in a borderless table puts the issuer and "Số: 1234/BTC-NSNN" one under
# the other in the left cell, the national motto and "Hà Nội, ngày 05 tháng 3 năm 2027" in the
# right. Read row by row that is one line, "BỘ TÀI CHÍNH / Số: ... | CỘNG HÒA ... / Hà Nội, ngày
# ...", and the metadata reader, which looks for each on its own line, loses the issuer and
# the issue date. Such a table is read column by column instead, as the text form prints it.
# A header whose rows already pair its lines (issuer | motto, then "Số:" | place and date, as
# in local-f04.docx) reads well row by row and stays a table, as do the "Kính gửi" and
# signature tables (local-f04.txt prints them as rows) and every task table.
_MOTTO = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.IGNORECASE
)
# "Số: 1234/BTC-NSNN", "Số 212-KL/TW", "Số:     /UBND-KT"
_NUMBER_LINE = re.compile(r"^Số\b")
# "Hà Nội, ngày 05 tháng 3 năm 2027", "Lào Cai, ngày     tháng     năm 2026"
_PLACE_DATE = re.compile(r"^[^,]{2,40},\s*ngày\b")
# The first row of a task table: "STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Thời gian".
_TASK_HEADER = re.compile(
    r"^(?:STT|TT|Số TT|Nội dung|Nhiệm vụ|Công việc|(?:Đơn vị|Cơ quan)?\s*(?:chủ trì|phối hợp)"
    r"|Thời gian|Thời hạn|Tiến độ)\b",
    re.IGNORECASE,
)
_LAYOUT_ROWS = 3
_LAYOUT_COLUMNS = 3


def is_header_layout(cells: Cells, *, at_top: bool) -> bool:
    """Whether a table is a document header laid out in 2 or 3 columns whose cells stack the
    number or the place and date under other lines (see above). It must hold the national
    motto, or a "Số" line if no body paragraph comes before it; a task table never is one."""
    if not 1 <= len(cells) <= _LAYOUT_ROWS:
        return False
    if not 2 <= max(len(row) for row in cells) <= _LAYOUT_COLUMNS:
        return False
    if any(_TASK_HEADER.match(_nfc(cell[0])) for cell in cells[0] if cell):
        return False
    lines = [_nfc(line) for row in cells for cell in row for line in cell]
    numbered = any(_NUMBER_LINE.match(line) for line in lines)
    if not (any(_MOTTO.search(line) for line in lines) or (at_top and numbered)):
        return False
    return any(_stacks_metadata(cell) for row in cells for cell in row)


def _stacks_metadata(cell: tuple[str, ...]) -> bool:
    """A cell of several lines, one of them the number or the place and date."""
    return len(cell) > 1 and any(_is_metadata_line(line) for line in map(_nfc, cell))


def column_lines(cells: Cells) -> Iterator[str]:
    """A layout table's lines column by column, the number and the place and date level with
    each other as the page prints them: every column's lines above its number or date line
    (issuer, then motto), then every column's lines from there down ("Số: ...", "V/v ...",
    then "Hà Nội, ngày ..."). A "V/v" summary under the number thus comes before the date
    line, which ends it, not before the motto, which the title reader would take into it."""
    width = max(len(row) for row in cells)
    columns = [
        [line for row in cells if column < len(row) for line in row[column]]
        for column in range(width)
    ]
    cuts = [_first_metadata_line(lines) for lines in columns]
    for lines, cut in zip(columns, cuts, strict=True):
        yield from lines[:cut]
    for lines, cut in zip(columns, cuts, strict=True):
        yield from lines[cut:]


def _first_metadata_line(lines: list[str]) -> int:
    """Where the number or the place and date line is in a column (its length if nowhere)."""
    return next(
        (i for i, line in enumerate(map(_nfc, lines)) if _is_metadata_line(line)), len(lines)
    )


def _is_metadata_line(line: str) -> bool:
    return bool(_NUMBER_LINE.match(line) or _PLACE_DATE.match(line))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _cell_lines(element: BaseOxmlElement) -> Iterator[str]:
    for child in _children(element):
        if child.tag == _P:
            lines = paragraph_text(child).split("\n")
        elif child.tag == _TBL:
            lines = [cell for row in _table_rows(child) for cell in row]
        else:
            continue
        yield from (line.strip() for line in lines if line.strip())
