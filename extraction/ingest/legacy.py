"""Legacy Vietnamese font encodings (TCVN3 and VNI-Windows) to Unicode.

Before Unicode, Vietnamese offices typed in fonts whose code points were reused Latin-1
letters: in TCVN3 (".VnTime") "á" is byte 0xB8 and shows as "¸" to any Unicode reader; in
VNI ("VNI-Times") "á" is "a" followed by "ù". A file keeps those bytes; a DOCX or a PDF text
layer keeps the Windows-1252 characters of those bytes, with the font's name beside them. The
tables are data files (``data/legacy_tcvn3.tsv``, ``data/legacy_vni.tsv``, written by
``scripts/legacy-tables``). TCVN3 "H" fonts (".VnTimeH") show the lower-case codes as
capitals, so their text is converted and then upper-cased.

Conversion is run by run where the font is known (DOCX runs, PDF characters) and for the
whole text otherwise, when the converted text passes the Vietnamese check and the original
does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

from extraction.language import is_vietnamese, score_vietnamese
from extraction.types import Block, Paragraph, SourceText, Table

TCVN3 = "TCVN3"
VNI = "VNI"
ENCODINGS = (TCVN3, VNI)
_TABLE_FILES = {TCVN3: "legacy_tcvn3.tsv", VNI: "legacy_vni.tsv"}

# ".VnTime", ".VnArialH", "VnTimes" (without the dot, as some copies name it); "VNI-Times",
# "VNI Helve". An "H" at the end of a TCVN3 font name marks the capitals-only variant.
_TCVN3_FONT = re.compile(r"^\.?Vn[A-Z]")
_VNI_FONT = re.compile(r"^VNI[- _]", re.IGNORECASE)
_UPPER_FONT = re.compile(r"H(?:\s*(?:Bold|Italic|Regular|,.*))?$")


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """The legacy encoding a font name implies, and whether it is an all-capitals "H" font.

    ``font_encoding(".VnTimeH") == ("TCVN3", True)``; ``font_encoding("Times New Roman")`` is
    ``(None, False)``. A PDF subset prefix ("ABCDEF+.VnTime") is ignored.
    """
    if not font:
        return None, False
    name = font.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", font) else font
    if _TCVN3_FONT.match(name):
        return TCVN3, bool(_UPPER_FONT.search(name))
    if _VNI_FONT.match(name):
        return VNI, False
    return None, False


@cache
def _rows(encoding: str) -> tuple[tuple[bytes, str], ...]:
    path = resources.files("extraction").joinpath("data", _TABLE_FILES[encoding])
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        legacy, points, _ = line.split("\t")
        char = "".join(chr(int(point[2:], 16)) for point in points.split())
        rows.append((bytes.fromhex(legacy), char))
    return tuple(rows)


def _stored_form(legacy: bytes) -> str:
    """Legacy bytes as they reach us in text: the Latin-1 character of each byte.

    A DOCX or a PDF stores what Windows-1252 makes of the bytes, which is the same from 0xA0
    on, where the letters of both encodings lie. Below, Windows-1252 has punctuation (“ ” –
    … •) that stays punctuation: only glibc's full TCVN table puts capitals there, which the
    .VnTime fonts never used.
    """
    return legacy.decode("latin-1")


@cache
def _decoder(encoding: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = {_stored_form(legacy): char for legacy, char in _rows(encoding)}
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(key) for key in keys)), table


@cache
def _encoder(encoding: str) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for legacy, char in _rows(encoding):
        out.setdefault(char, legacy)
    return out


def to_unicode(text: str, encoding: str, *, upper: bool = False) -> str:
    """Text in a legacy encoding (its bytes as Latin-1 characters) as Unicode.

    ``to_unicode("Giao Së Tµi chÝnh", "TCVN3") == "Giao Sở Tài chính"``. TCVN3's separate
    tone marks come out as combining characters, which NFC (normalize.py) composes.
    """
    pattern, table = _decoder(encoding)
    converted = pattern.sub(lambda match: table[match.group()], text)
    return converted.upper() if upper else converted


def from_unicode(text: str, encoding: str) -> bytes:
    """Unicode text as legacy bytes (for round trips and test files); ValueError if it can't."""
    import unicodedata

    table = _encoder(encoding)
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            out += table[char]
        elif ord(char) < 0x80:
            out.append(ord(char))
        else:
            raise ValueError(f"{char!r} has no {encoding} code")
    return bytes(out)


def looks_encoded(text: str) -> bool:
    """False when the text holds characters no legacy font can store (it is Unicode already)."""
    return all(ord(char) < 0x100 or char in _CP1252_HIGH for char in text)


_CP1252_HIGH = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


def detect(text: str) -> str | None:
    """The legacy encoding the text is in, judged from its characters; None if Unicode.

    Real Vietnamese in Unicode holds letters beyond Latin-1 (ư, ơ, đ, ạ ...) on almost every
    line, so only a text without them is a candidate; it is converted when the converted text
    passes the Vietnamese check with more common syllables than the text as it is. Where
    both encodings pass, the one with more common syllables wins.
    """
    if not looks_encoded(text) or text.isascii():
        return None
    common = score_vietnamese(text).common
    best: tuple[float, str] | None = None
    for encoding in ENCODINGS:
        converted = to_unicode(text, encoding)
        score = score_vietnamese(converted).common
        if score > common and is_vietnamese(converted) and (best is None or score > best[0]):
            best = (score, encoding)
    return best[1] if best else None


def decode_bytes(data: bytes) -> str | None:
    """A text file's bytes in TCVN3 or VNI as Unicode, or None when they are neither."""
    text = data.decode("latin-1")
    encoding = detect(text)
    return to_unicode(text, encoding) if encoding else None


def convert_source(source: SourceText) -> SourceText | None:
    """The whole source converted, when its characters show a legacy encoding; else None."""
    encoding = detect("\n".join(_block_texts(source.blocks)))
    if encoding is None:
        return None
    blocks = tuple(_convert_block(block, encoding) for block in source.blocks)
    return replace(
        source, blocks=blocks, conversions=(*source.conversions, f"{encoding} → Unicode")
    )


def _block_texts(blocks: Iterable[Block]) -> Iterable[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            yield from (cell for row in block.rows for cell in row)


def _convert_block(block: Block, encoding: str) -> Block:
    if isinstance(block, Paragraph):
        return replace(block, text=to_unicode(block.text, encoding))
    rows = tuple(tuple(to_unicode(cell, encoding) for cell in row) for row in block.rows)
    return Table(rows=rows, page=block.page)


# --- DOCX runs ---------------------------------------------------------------------------------


def convert_docx_runs(document: Any) -> int:
    """Convert, in place, the text of every run of a python-docx document set in a legacy font.

    A run's font is its own (``w:rFonts``), else its character style's, else its paragraph
    style's, else the document default. Returns how many runs were converted, so that a
    Unicode document with one TCVN3 table is converted run by run and nothing else changes.
    """
    from docx.oxml.ns import qn  # python-docx loads only where a DOCX is read

    style_fonts, default = _docx_style_fonts(document)
    converted = 0
    for paragraph in document.element.body.iter(qn("w:p")):
        paragraph_font = style_fonts.get(_child_val(paragraph, "w:pPr", "w:pStyle")) or default
        for run in paragraph.iter(qn("w:r")):
            font = (
                _run_font(run)
                or style_fonts.get(_child_val(run, "w:rPr", "w:rStyle"))
                or paragraph_font
            )
            encoding, upper = font_encoding(font)
            if encoding is None:
                continue
            texts = list(run.iter(qn("w:t")))
            if not looks_encoded("".join(t.text or "" for t in texts)):
                continue  # already Unicode in a legacy-named font (Word converts some)
            for element in texts:
                element.text = to_unicode(element.text or "", encoding, upper=upper)
            converted += 1
    return converted


def _child_val(element: Any, *path: str) -> str | None:
    from docx.oxml.ns import qn

    for tag in path:
        element = element.find(qn(tag))
        if element is None:
            return None
    value: str | None = element.get(qn("w:val"))
    return value


def _run_font(run: Any) -> str | None:
    from docx.oxml.ns import qn

    fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is None:
        return None
    value: str | None = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
    return value


def _docx_style_fonts(document: Any) -> tuple[dict[str | None, str], str | None]:
    """Each style's font (following ``basedOn``) and the document's default font."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    own: dict[str, str] = {}
    based: dict[str, str] = {}
    for style in styles.iter(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        font = _run_font(style)
        if font:
            own[style_id] = font
        parent = _child_val(style, "w:basedOn")
        if parent:
            based[style_id] = parent
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    default = _run_font(defaults) if defaults is not None else None
    default = own.get("Normal") or default

    def resolve(style_id: str, depth: int = 0) -> str | None:
        if style_id in own or depth > 20:
            return own.get(style_id)
        return resolve(based[style_id], depth + 1) if style_id in based else None

    fonts: dict[str | None, str] = {
        style_id: font for style_id in {*own, *based} if (font := resolve(style_id))
    }
    return fonts, default


@cache
def _markers() -> frozenset[str]:
    """Characters of legacy text that Unicode Vietnamese (or ordinary punctuation) never uses:
    TCVN3's "¸", "µ", "§", VNI's "ø", "ù", "ï" ..."""
    stored = {char for encoding in ENCODINGS for legacy, _ in _rows(encoding) for char in
              _stored_form(legacy)}
    vietnamese = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
    return frozenset(char for char in stored if ord(char) >= 0xA0 and char not in vietnamese)


def has_legacy_markers(text: str, *, at_least: int = 3) -> bool:
    """Whether a text holds a few characters that only legacy-font text holds."""
    return len(_marker_pattern().findall(text)) >= at_least


@cache
def _marker_pattern() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(_markers()))) + "]")
