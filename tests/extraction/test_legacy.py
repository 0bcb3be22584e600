"""Legacy Vietnamese font encodings: TCVN3 (.VnTime) and VNI-Windows to Unicode."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest

from extraction.ingest import DOCX, TEXT, read_source
from extraction.ingest.legacy import (
    ENCODINGS,
    TCVN3,
    VNI,
    _rows,
    decode_bytes,
    detect,
    font_encoding,
    from_unicode,
    to_unicode,
)
from extraction.pipeline import extract
from extraction.proposal import to_json
from tests.extraction.files_factory import blocks_from_text, docx_bytes

BASES = "a ă â e ê i o ô ơ u ư y".split()
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
EVERY_LETTER = [
    case(unicodedata.normalize("NFC", base + tone))
    for base in BASES
    for tone in TONES
    for case in (str.lower, str.upper)
] + ["đ", "Đ"]
# Characters of the dev texts that neither legacy encoding has; typists wrote them this way.
PLAIN = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...",
                       "\u00a0": " ", "°": "o", "²": "2"})  # fmt: skip


def test_legacy_tcvn3_table_is_what_iconv_decodes():
    rows = _rows(TCVN3)
    legacy = b"".join(code for code, _ in rows)
    done = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=legacy, capture_output=True, check=True
    )
    assert done.stdout.decode("utf-8") == "".join(char for _, char in rows)


def test_legacy_tables_cover_every_vietnamese_letter_with_every_tone():
    assert len(EVERY_LETTER) == 146  # 12 vowels x 6 tones x 2 cases, and đ Đ
    for encoding in ENCODINGS:
        letters = {char for _, char in _rows(encoding) if len(char) == 1}
        missing = [c for c in EVERY_LETTER if c not in letters and not c.isascii()]
        assert not missing, (encoding, missing)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_legacy_every_letter_round_trips(encoding):
    for letter in EVERY_LETTER:
        stored = from_unicode(letter, encoding).decode("latin-1")
        back = unicodedata.normalize("NFC", to_unicode(stored, encoding))
        assert back == letter, (encoding, letter, stored, back)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_legacy_all_letters_in_one_text_round_trip(encoding):
    text = " ".join(EVERY_LETTER)
    assert unicodedata.normalize("NFC", to_unicode(
        from_unicode(text, encoding).decode("latin-1"), encoding
    )) == text


def test_legacy_known_words():
    # "Giao Sở Tài chính" as a .VnTime document shows it to a Unicode reader
    assert to_unicode("Giao Së Tµi chÝnh", TCVN3) == "Giao Sở Tài chính"
    assert to_unicode("Giao Sôû Taøi chính", VNI) == "Giao Sở Tài chính"
    # an H font shows the lower-case codes as capitals
    assert to_unicode("uû ban nh©n d©n", TCVN3, upper=True) == "UỶ BAN NHÂN DÂN"


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        (".VnTime", (TCVN3, False)),
        (".VnTimeH", (TCVN3, True)),
        ("ABCDEF+.VnArialH", (TCVN3, True)),
        (".VnTime,Bold", (TCVN3, False)),
        ("VNI-Times", (VNI, False)),
        ("Times New Roman", (None, False)),
        ("Verdana", (None, False)),
        (None, (None, False)),
    ],
)
def test_legacy_font_encoding(font, expected):
    assert font_encoding(font) == expected


def test_legacy_detect_leaves_unicode_and_other_languages_alone():
    assert detect("Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan.") is None
    assert detect("Le conseil municipal a décidé de réviser le budget de l'année.") is None
    assert detect("The council will review the budget next year.") is None


def _dev_text(shared_dir, name="prov-02"):
    return (shared_dir / "corpus" / "dev" / f"{name}.txt").read_text(encoding="utf-8").translate(PLAIN)


def _tasks(data, filename):
    proposal = to_json(extract(data, filename=filename))
    return [
        (t["text"], t["lead"], t["support"], t["deadline"], t["source"]["start"])
        for t in proposal["tasks"]
    ]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_legacy_text_file_gives_the_unicode_proposals(shared_dir, encoding):
    text = _dev_text(shared_dir)
    legacy = from_unicode(text, encoding)
    assert legacy.decode("latin-1") != text
    assert decode_bytes(legacy) is not None
    expected = _tasks(text.encode("utf-8"), "doc.txt")
    assert expected
    assert _tasks(legacy, "doc.txt") == expected


def _vntime_runs(text: str) -> list[tuple[str, str | None]]:
    """Type a text as a .VnTime user did: capitals that .VnTime lacks in .VnTimeH."""
    runs: list[tuple[str, str | None]] = []
    for char in text:
        code = from_unicode(char, TCVN3)
        font, typed = ".VnTime", code
        if code[0] < 0xA0 and not char.isascii():  # not in the .VnTime font: an H font
            font, typed = ".VnTimeH", from_unicode(char.lower(), TCVN3)
        part = typed.decode("latin-1")
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + part, font)
        else:
            runs.append((part, font))
    return runs


def _vni_runs(text: str) -> list[tuple[str, str | None]]:
    return [(from_unicode(text, VNI).decode("latin-1"), "VNI-Times")]


@pytest.mark.parametrize("runs", [_vntime_runs, _vni_runs], ids=["tcvn3", "vni"])
def test_legacy_docx_gives_the_unicode_proposals(shared_dir, runs):
    blocks = blocks_from_text(_dev_text(shared_dir))
    expected = _tasks(docx_bytes(blocks), "doc.docx")
    assert expected
    legacy = docx_bytes(blocks, runs=runs)
    assert _tasks(legacy, "doc.docx") == expected


def test_legacy_docx_mixed_fonts_are_converted_run_by_run():
    def table_in_vntime(text: str) -> list[tuple[str, str | None]]:
        if text.startswith("Sở"):
            return _vntime_runs(text)
        return [(text, "Times New Roman")]

    blocks = [
        "Giao Sở Tài chính chủ trì thực hiện.",
        [["Sở Tài chính", "Sở Xây dựng"]],
        "Ông Bảo Ân, ¸ là tên riêng.",  # a Unicode run keeps even a "¸"
    ]
    source = read_source(docx_bytes(blocks, runs=table_in_vntime), DOCX)
    paragraph, table, last = source.blocks
    assert paragraph.text == "Giao Sở Tài chính chủ trì thực hiện."
    assert [unicodedata.normalize("NFC", c) for c in table.rows[0]] == ["Sở Tài chính", "Sở Xây dựng"]
    assert last.text == "Ông Bảo Ân, ¸ là tên riêng."


def test_legacy_unconvertible_text_is_refused_saying_what_was_tried():
    from extraction.errors import NotVietnamese

    with pytest.raises(NotVietnamese, match="does not look like Vietnamese"):
        extract(b"The council will review the budget next year, item by item." * 3,
                TEXT)


def _legacy_font_pdf(lines: list[tuple[str, str | None]]) -> bytes:
    """One page, a line per (text, encoding): Unicode lines in DejaVu Sans, TCVN3 lines in a
    font named ".VnTimeSeri" and VNI lines in one named "VNI-Times-Mono", as a PDF printed
    from a legacy document names them (the font programs are DejaVu's, renamed in place)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    dejavu = "/usr/share/fonts/truetype/dejavu/"
    fonts = {None: "DejaVuSans", TCVN3: "DejaVuSerif", VNI: "DejaVuSansMono"}
    for name in fonts.values():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, dejavu + name + ".ttf"))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for index, (text, encoding) in enumerate(lines):
        canvas.setFont(fonts[encoding], 12)
        typed = from_unicode(text, encoding).decode("latin-1") if encoding else text
        canvas.drawString(72, 760 - 20 * index, typed)
    canvas.showPage()
    canvas.save()
    # the subset's /BaseFont and /FontName ("/AAAAAA+DejaVuSerif"), same length: offsets hold
    pdf = buffer.getvalue().replace(b"+DejaVuSerif", b"+.VnTimeSeri")
    assert b"+.VnTimeSeri" in pdf
    return pdf.replace(b"+DejaVuSansMono", b"+VNI-Times-Mono")


def test_legacy_pdf_text_layer_is_converted_font_by_font():
    from extraction.ingest import PDF

    lines = [
        ("Giao Sở Tài chính chủ trì thực hiện các nhiệm vụ sau:", None),
        ("Sở Xây dựng phối hợp với các cơ quan liên quan.", TCVN3),
        ("Sở Tư pháp thẩm định văn bản trước ngày 15/9/2025.", VNI),
        ("Ông Bảo Ân ghi ¸ và µ trong một dòng Unicode.", None),
    ]
    source = read_source(_legacy_font_pdf(lines), PDF)
    text = " ".join(unicodedata.normalize("NFC", block.text) for block in source.blocks)
    assert text == " ".join(text for text, _ in lines)
