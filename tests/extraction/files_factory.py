"""Builds real PDF, DOCX and zip files for the ingestion tests (and the benchmark).

A block is either a paragraph (a string) or a table (a list of rows of cell strings; a cell
may hold several paragraphs separated by ``"\\n"``). PDFs are rendered with reportlab in
DejaVuSans, which has every Vietnamese glyph; DOCX files are built with python-docx.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.shared import Pt
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.flowables import Flowable

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "DejaVuSans"

Row = Sequence[str]
Block = str | Sequence[Row]


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _flowables(blocks: Sequence[Block], style: ParagraphStyle) -> list[Flowable]:
    out: list[Flowable] = []
    for block in blocks:
        if isinstance(block, Flowable):  # a PageBreak, say, passed through as it is
            out.append(block)
            continue
        if isinstance(block, str):
            out.append(Paragraph(_escape(block), style))
            continue
        # Wide tables get a small font, or narrow columns would break words in two.
        size = style.fontSize if len(block[0]) <= 4 else 7
        cell_style = ParagraphStyle(
            "cell",
            parent=style,
            firstLineIndent=0,
            spaceAfter=0,
            fontSize=size,
            leading=size * 1.25,
        )
        rows = [
            [[Paragraph(_escape(p), cell_style) for p in cell.split("\n")] for cell in row]
            for row in block
        ]
        table = Table(rows, repeatRows=0)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        out.append(table)
    return out


def pdf_bytes(
    blocks: Sequence[Block],
    *,
    header: str | None = None,
    page_numbers: bool = False,
    encrypt: str | None = None,
    font_size: float = 12,
    justify: bool = False,
) -> bytes:
    """Render blocks to an A4 PDF; ``header`` is drawn on top of every page."""
    _register_font()
    style = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=font_size,
        leading=font_size * 1.3,
        firstLineIndent=10 * mm,
        spaceAfter=4,
        alignment=TA_JUSTIFY if justify else TA_LEFT,
    )

    def decorate(canvas: Any, doc: SimpleDocTemplate) -> None:
        canvas.setFont(FONT, 10)
        if header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, header)
        if page_numbers:
            canvas.drawCentredString(A4[0] / 2, 10 * mm, f"- {doc.page} -")

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        encrypt=encrypt,
    )
    doc.build(_flowables(blocks, style), onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def lines_pdf_bytes(lines: Sequence[str], *, left: float = 85, leading: float = 16) -> bytes:
    """One A4 page with each string drawn as one printed line, flush left, as given."""
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(FONT, 12)
    for index, line in enumerate(lines):
        canvas.drawString(left, A4[1] - 80 - index * leading, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def drawn_table_pdf_bytes(
    rows: Sequence[Row], *, borders: str = "filled", in_form: bool = False, shaded_header: bool = False
) -> bytes:
    """One A4 page with a table drawn line by line, as word processors draw them, between
    two lines of text. ``borders``: "filled" draws each rule as a thin filled rectangle
    (Word), "stroked" as a stroked line over white boxes behind every cell (which must not
    count as rules); ``in_form`` draws the rules inside a form XObject; ``shaded_header``
    fills the first row grey behind its text."""
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(FONT, 12)
    canvas.drawString(85, A4[1] - 80, "Kế hoạch triển khai nhiệm vụ năm 2026 như sau:")
    widths = [40.0, 200.0, 110.0, 90.0][: len(rows[0])]
    lefts = [85 + sum(widths[:i]) for i in range(len(widths) + 1)]
    tops = [A4[1] - 100 - 40 * i for i in range(len(rows) + 1)]
    if in_form:
        canvas.beginForm("rules")
    _draw_grid(canvas, lefts, tops, borders, shaded_header)
    if in_form:
        canvas.endForm()
        canvas.doForm("rules")
    canvas.setFillGray(0)
    for row_index, row in enumerate(rows):
        for column, cell in enumerate(row):
            for line_index, line in enumerate(cell.split("\n")):
                canvas.drawString(lefts[column] + 5, tops[row_index] - 15 - 14 * line_index, line)
    canvas.drawString(85, tops[-1] - 30, "Các sở, ngành tổ chức thực hiện nghiêm túc.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_grid(canvas: Any, lefts: list[float], tops: list[float], borders: str, shaded_header: bool) -> None:
    if shaded_header:
        canvas.setFillGray(0.8)
        canvas.rect(lefts[0], tops[1], lefts[-1] - lefts[0], tops[0] - tops[1], stroke=0, fill=1)
    if borders == "stroked":
        canvas.setFillGray(1)
        for top, bottom in zip(tops, tops[1:], strict=False):
            for left, right in zip(lefts, lefts[1:], strict=False):
                canvas.rect(left + 1, bottom + 1, right - left - 2, top - bottom - 2, stroke=0, fill=1)
        canvas.setLineWidth(0.5)
        for y in tops:
            canvas.line(lefts[0], y, lefts[-1], y)
        for x in lefts:
            canvas.line(x, tops[0], x, tops[-1])
        return
    canvas.setFillGray(0)
    for y in tops:
        canvas.rect(lefts[0], y - 0.25, lefts[-1] - lefts[0], 0.5, stroke=0, fill=1)
    for x in lefts:
        canvas.rect(x - 0.25, tops[-1], 0.5, tops[0] - tops[-1], stroke=0, fill=1)


def image_pdf_bytes(pages: int = 2, stamp: str | None = None) -> bytes:
    """A PDF whose pages hold only a picture, as a scanner makes them.

    ``stamp`` is drawn as real text on each page, as a digital signature stamp is.
    """
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    picture = Image.new("L", (400, 560), 255)
    ImageDraw.Draw(picture).rectangle((40, 40, 360, 80), fill=0)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    _register_font()
    for _ in range(pages):
        canvas.drawImage(ImageReader(picture), 0, 0, width=A4[0], height=A4[1])
        if stamp:
            canvas.setFont(FONT, 8)
            canvas.drawString(40, 40, stamp)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


Runs = Callable[[str], list[tuple[str, str | None]]]


def docx_bytes(blocks: Sequence[Block], *, runs: Runs | None = None) -> bytes:
    """Build a DOCX with the blocks in order; a table cell's ``"\\n"`` starts a new paragraph.

    ``runs`` splits a paragraph's text into runs, each with its font name (None: the style's);
    it is how the legacy-font tests type a document in .VnTime or VNI-Times.
    """
    document = new_docx()
    document.styles["Normal"].font.size = Pt(13)

    def fill(paragraph: Any, text: str) -> None:
        if runs is None:
            paragraph.text = text
            return
        for part, font in runs(text):
            run = paragraph.add_run(part)
            if font:
                run.font.name = font

    for block in blocks:
        if isinstance(block, str):
            fill(document.add_paragraph(), block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for row, cells in zip(table.rows, block, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                first, *rest = text.split("\n")
                fill(cell.paragraphs[0], first)
                for extra in rest:
                    fill(cell.add_paragraph(), extra)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb_docx(unpacked_mb: int = 20) -> bytes:
    """A valid DOCX with one extra member of ``unpacked_mb`` MB of zeros (ratio about 1000)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes(["Kính gửi các sở."]))) as source:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                target.writestr(item, source.read(item))
            with target.open("word/media/bomb.bin", "w") as bomb:
                chunk = bytes(1024 * 1024)
                for _ in range(unpacked_mb):
                    bomb.write(chunk)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A plain zip archive with the given members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def png_bytes() -> bytes:
    """A tiny real PNG image."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def ole_bytes(streams: Sequence[str]) -> bytes:
    """Bytes that start like an OLE compound file and name the given streams.

    Enough for the sniffer and the DOCX reader, which only look at the magic number and the
    directory names (UTF-16LE); a password-protected DOCX has ``EncryptionInfo`` and
    ``EncryptedPackage``, a legacy ``.doc`` has ``WordDocument``.
    """
    magic = bytes.fromhex("D0CF11E0A1B11AE1")
    names = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in streams)
    return magic + bytes(504) + names + bytes(1024)


def blocks_from_text(text: str) -> list[Block]:
    """Blocks for rendering a reference ``.txt``: runs of lines with " | " become tables."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    for line in text.splitlines():
        if " | " in line:
            rows.append(line.split(" | "))
            continue
        if rows:
            blocks.append(_padded(rows))
            rows = []
        if line.strip():
            blocks.append(line)
    if rows:
        blocks.append(_padded(rows))
    return blocks


def _padded(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


def scanned_pdf_bytes(
    pdf: bytes,
    *,
    dpi: int,
    angle: float = 0.6,
    grain: float = 25.0,
    specks: float = 0.002,
    seed: int = 7,
    turn: int = 0,
) -> bytes:
    """The pages of a PDF as a scanner gives them back: a grayscale picture per page at
    ``dpi``, turned by ``angle`` degrees, with sensor grain (Gaussian, ``grain`` grey levels)
    and ``specks`` of the pixels dust-black or dropped-out white, and no text layer. ``turn``
    (90, 180, 270) lays the page on its side or upside down, as a careless scan does."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    randomness = np.random.default_rng(seed)
    document = pdfium.PdfDocument(pdf)
    pictures = []
    for page in document:
        picture = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        picture = picture.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        picture = picture.rotate(turn, expand=True) if turn else picture
        pixels = np.asarray(picture, dtype=np.float32)
        pixels = pixels + randomness.normal(0.0, grain, pixels.shape)
        flips = randomness.random(pixels.shape)
        pixels[flips < specks / 2] = 0
        pixels[(flips >= specks / 2) & (flips < specks)] = 255
        pictures.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    document.close()
    buffer = io.BytesIO()
    pictures[0].save(buffer, "PDF", save_all=True, append_images=pictures[1:], resolution=dpi)
    return buffer.getvalue()


def broken_unicode_map_pdf(pdf: bytes) -> bytes:
    """The PDF with its fonts' Unicode maps unlinked, as in a file whose text layer reads
    "7ӌ1+ L¿O CAI": the glyphs print right, the text layer is the subset's glyph codes.

    The key is renamed in place (same length), so the cross-reference offsets stay valid.
    """
    assert b"/ToUnicode" in pdf
    return pdf.replace(b"/ToUnicode", b"/ToUnicodX")
