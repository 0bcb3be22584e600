"""Reader for DOCX files: body paragraphs and tables in document order.

The body XML is walked directly (python-docx's paragraph text skips tracked insertions and
smart tags, and Word puts "NAM" of "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in a smart tag).
Text boxes, page headers and footers are not part of the body; their text is kept apart as
the document's margins (``SourceText.margins``), which only the secrecy check reads: a mark
stamped in a text box or a page header counts.
"""

from __future__ import annotations

import io
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
    "Nơi nhận:" + "- Như trên;" becomes "Nơi nhận: / - Như trên;".
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
    for child in _children(body):
        if child.tag == _P:
            for line in paragraph_text(child).split("\n"):
                if line.strip():
                    yield Paragraph(text=line)
        elif child.tag == _TBL:
            rows = _table_rows(child)
            if rows:
                yield Table(rows=rows)


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


def _table_rows(table: BaseOxmlElement) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in _children(table):
        if row.tag == _TR:
            cells = tuple(_cell_text(cell) for cell in _children(row) if cell.tag == _TC)
            if any(cells):
                rows.append(cells)
    return tuple(rows)


def _cell_text(cell: BaseOxmlElement) -> str:
    """A cell's non-empty lines (paragraphs, line breaks, nested tables) joined with " / "."""
    return " / ".join(_cell_lines(cell))


def _cell_lines(element: BaseOxmlElement) -> Iterator[str]:
    for child in _children(element):
        if child.tag == _P:
            lines = paragraph_text(child).split("\n")
        elif child.tag == _TBL:
            lines = [cell for row in _table_rows(child) for cell in row]
        else:
            continue
        yield from (line.strip() for line in lines if line.strip())
