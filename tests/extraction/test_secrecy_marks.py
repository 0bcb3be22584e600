"""Secrecy marks however they are written (issue 14, finding 1): the fifteen Tuyệt mật variants
that got through, marks in DOCX and PDF margins, ambiguous marks, words that are not marks,
and generated variants and headers (hypothesis)."""

import io
import sys
import unicodedata
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.errors import InputError, TopSecret
from extraction.metadata import read_metadata
from extraction.pipeline import extract, read_document
from extraction.secrecy import find_mark, fold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from files_factory import docx_bytes, pdf_bytes  # noqa: E402
from secrecy_variants import (  # noqa: E402
    ADDRESSEES,
    INVISIBLE,
    LINES,
    SAMPLE,
    SPACES,
    VARIANTS,
    top_secret_variants,
    with_line,
)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_secrecy_probe_variants_are_refused_before_extraction(name):
    data = VARIANTS[name].encode("utf-8")
    with pytest.raises(TopSecret) as caught:
        extract(data, filename="ket-luan.txt")  # what `giaoviec extract` runs
    assert caught.value.code == "E010"
    assert caught.value.mark.level == "Tuyệt mật"
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("ТUYỆТ МẬТ", "Tuyệt mật"),  # Cyrillic Т and М
        ("ＴＵＹỆＴ　ＭẬＴ", "Tuyệt mật"),  # full width letters, ideographic space
        ("TUYET MAT", "Tuyệt mật"),  # no diacritics at all
        ("TUYÊT MÂT", "Tuyệt mật"),  # a missing dot below
        ("TỐI\u2009MẬT", "Tối mật"),
        ("tối\u202fmật", "Tối mật"),
        ("[MẬT]", "Mật"),
        ("Độ mật: B", "Tối mật"),
        ("TÀI LIỆU TỐI MẬT", "Tối mật"),
    ],
)
def test_secrecy_mark_spellings(line, level):
    mark = find_mark(with_line(line))
    assert mark is not None and mark.level == level and not mark.is_ambiguous


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("TUY MẬT", "cut short"),
        ("T. MẬT", "cut short"),
        ("Độ mật:", "names no level"),
        ("MẬT (A)", "disagree"),
        ("TỐI MẬT (A)", "disagree"),
    ],
)
def test_secrecy_ambiguous_mark_is_the_highest_level_and_says_so(line, why):
    mark = find_mark(with_line(line))
    assert mark is not None and mark.level == "Tuyệt mật" and mark.is_ambiguous
    assert why in mark.reason
    with pytest.raises(TopSecret, match="highest level it could be"):
        read_document(with_line(line).encode(), filename="x.txt")


def test_secrecy_marks_that_disagree_give_the_higher_and_say_so():
    text = with_line("MẬT") + "TỐI MẬT\n"
    info = read_metadata(text)
    assert info.secrecy == "Tối mật"
    assert "different levels (Mật, Tối mật)" in info.secrecy_note


@pytest.mark.parametrize(
    "line",
    [
        "CHỈ THỊ VỀ TĂNG CƯỜNG CÔNG TÁC BẢO MẬT",
        "VỀ BẢO VỆ BÍ MẬT NHÀ NƯỚC",
        "V/v bảo vệ tài liệu tuyệt mật",
        "Độ mật: Thường",
    ],
)
def test_secrecy_words_that_are_not_a_mark(line):
    assert find_mark(with_line(line, at=4)) is None


def test_secrecy_list_of_levels_in_the_body_is_not_a_mark():
    body = "Các độ mật gồm:\n- Tuyệt mật;\n- Tối mật;\n- Mật.\n1 | Kết luận 12 | Tuyệt mật\n"
    assert find_mark(SAMPLE + body) is None


# --- DOCX and PDF margins ------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_BOX = (
    f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
    "<w:txbxContent><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:txbxContent>"
    "</v:textbox></v:shape></w:pict></w:r>"
)


def _docx(where: str, mark: str = "TUYỆT MẬT") -> bytes:
    document = new_docx()
    for line in LINES:
        document.add_paragraph(line)
    section = document.sections[0]
    if where == "header":
        section.header.paragraphs[0].text = mark
    elif where == "footer":
        section.footer.paragraphs[0].text = mark
    elif where == "text box":
        document.paragraphs[2]._p.append(parse_xml(TEXT_BOX.format(mark)))
    elif where == "text box in the header":
        section.header.paragraphs[0]._p.append(parse_xml(TEXT_BOX.format(mark)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("where", ["header", "footer", "text box", "text box in the header"])
def test_secrecy_docx_mark_outside_the_body_counts(where):
    data = _docx(where)
    with pytest.raises(TopSecret):
        read_document(data, filename="x.docx")
    document = read_document(_docx(where, mark="MẬT"), filename="x.docx")
    assert "MẬT" not in document.text.splitlines()  # not in the body text
    assert read_metadata(document.text, margins=document.margins).secrecy == "Mật"


def test_secrecy_docx_mark_in_a_table_cell_counts():
    blocks = [[["BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 999-KL/TW\nTUYỆT MẬT", "ĐẢNG CỘNG SẢN VIỆT NAM"]], *LINES[3:]]
    with pytest.raises(TopSecret):
        read_document(docx_bytes(blocks), filename="x.docx")


def test_secrecy_pdf_mark_on_every_page_counts():
    data = pdf_bytes(LINES * 6, header="TUYỆT MẬT")
    with pytest.raises(TopSecret):
        read_document(data, filename="x.pdf")


def test_secrecy_pdf_mark_in_a_table_cell_counts():
    blocks = [[["BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM"], ["Số 999-KL/TW\nTỐI MẬT", "Hà Nội"]],
              *LINES[3:]]
    document = read_document(pdf_bytes(blocks), filename="x.pdf")
    assert read_metadata(document.text, margins=document.margins).secrecy == "Tối mật"


# --- generated ---------------------------------------------------------------------------------

@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(top_secret_variants())
def test_secrecy_generated_top_secret_variants_are_found(text):
    mark = find_mark(text)
    assert mark is not None and mark.level == "Tuyệt mật", (text[:300], mark)


@settings(max_examples=60, deadline=None)
@given(top_secret_variants())
def test_secrecy_generated_variants_refused_through_read_document(text):
    with pytest.raises(TopSecret):
        read_document(text.encode("utf-8"), filename="x.txt")


def test_secrecy_fold_examples():
    assert fold("TUYỆT\u00a0MẬT (A).") == "tuyet mat a"
    assert fold("Độ\u200b mật:\tTỐI  MẬT") == "do mat toi mat"
    assert fold(unicodedata.normalize("NFD", "Uỷ ban")) == fold("Ủy ban") == "uy ban"


# --- the metadata parser under fuzz -------------------------------------------------------------

HEADER_PIECES = st.sampled_from(LINES[:8] + ["MẬT", "TỐI MẬT", "Độ mật:", "V/v bảo mật", "Số: /UBND-KT",
                                             "ngày 31 tháng 2 năm 2025", "T/M BAN BÍ THƯ", "| |", "/"])
# Letters of the marks in every form, every kind of space, invisible characters, separators.
ALPHABET = sorted(set("TUYỆTMẬTỐIĐộmậttuyệtốiaAbBcC0123456789:;.,()-–|/*[]“”ΜМТ\n\t ")
                  | set(SPACES) - {"", "  "} | set(INVISIBLE) - {""} | set(unicodedata.normalize("NFD", "ỆẬỐộ")))
ANY_TEXT = st.text(alphabet=ALPHABET, max_size=80)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(HEADER_PIECES, ANY_TEXT), max_size=20))
def test_secrecy_metadata_parser_fuzzed(lines):
    """Any text: metadata comes back (never an exception), with a known level or none, and a
    note exactly when there is a level."""
    text = "\n".join(lines)
    info = read_metadata(text)
    assert info.secrecy in (None, "Mật", "Tối mật", "Tuyệt mật")
    assert (info.secrecy is None) == (info.secrecy_note is None)
    assert read_metadata(text) == info


def test_secrecy_pdf_mark_in_an_annotation_counts():
    from files_factory import FONT, _register_font
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(FONT, 11)
    for index, line in enumerate(LINES):
        canvas.drawString(60, 780 - index * 16, line[:90])
    canvas.textAnnotation("TUYỆT MẬT", Rect=(400, 780, 560, 820))
    canvas.showPage()
    canvas.save()
    with pytest.raises(TopSecret):
        read_document(buffer.getvalue(), filename="x.pdf")


def test_secrecy_sentence_about_levels_in_the_header_zone_is_not_a_mark():
    text = with_line("Độ mật của văn bản do người đứng đầu cơ quan ban hành xác định", at=6)
    assert find_mark(text) is None


NOT_MARKS = ["CHỈ THỊ VỀ CÔNG TÁC BẢO MẬT", "V/v bảo vệ bí mật nhà nước", "Độ mật: Thường",
             "Kính gửi: Ban Cơ yếu Chính phủ", "- Các đồng chí Ủy viên Trung ương Đảng;", "MẶT TRẬN TỔ QUỐC VIỆT NAM",
             "ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM | ĐẢNG CỘNG SẢN VIỆT NAM", "Quy chế bảo mật thông tin"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES[:6] + NOT_MARKS + ADDRESSEES), min_size=1, max_size=25), st.sampled_from(SPACES))
def test_secrecy_generated_headers_without_a_mark_have_none(lines, space):
    text = "\n".join(line.replace(" ", space or " ") for line in lines) + "\n" + "\n".join(LINES[6:])
    assert find_mark(text) is None, text[:400]
