"""Ingestion: sniffing media types and reading PDF, DOCX and text files built at run time."""

from __future__ import annotations

import difflib
import io
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from files_factory import (
    docx_bytes,
    image_pdf_bytes,
    lines_pdf_bytes,
    ole_bytes,
    pdf_bytes,
    png_bytes,
    zip_bomb_docx,
    zip_bytes,
)

from extraction.errors import (
    CorruptFile,
    EmptyInput,
    EncryptedFile,
    FileTooLarge,
    NoTextLayer,
    UnsupportedType,
)
from extraction.ingest import DOCX, PDF, TEXT, OcrOptions, read_source, sniff_media_type
from extraction.ingest.docx import check_zip_limits
from extraction.ingest.pdf import Column, Line, join_wrapped, starts_paragraph
from extraction.normalize import normalize
from extraction.types import Paragraph, Table

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"

LONG_PARAGRAPHS = [
    "Công tác quản lý nhà nước về vật liệu nổ công nghiệp, tiền chất thuốc nổ thời gian vừa "
    "qua đã được Ủy ban nhân dân tỉnh chỉ đạo triển khai và đạt được nhiều kết quả tích cực, "
    "góp phần phát triển kinh tế - xã hội, bảo đảm an ninh, trật tự trên địa bàn tỉnh.",
    "1. Sở Công Thương",
    "a) Rà soát các quy định hiện hành về quản lý vật liệu nổ công nghiệp và đề xuất cơ quan "
    "có thẩm quyền sửa đổi, bổ sung cho phù hợp với tình hình thực tế của địa phương.",
    "b) Tăng cường công tác tuyên truyền, phổ biến, hướng dẫn văn bản quy phạm pháp luật đối "
    "với các tổ chức, doanh nghiệp có liên quan; báo cáo kết quả trước ngày 30/6/2026.",
    "- Chủ trì, phối hợp với Công an tỉnh kiểm tra định kỳ các kho bảo quản vật liệu nổ.",
]
TASK_TABLE = [
    ["TT", "Nội dung nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"],
    ["1", "Tổ chức rà soát quy hoạch", "Sở Xây dựng", "Sở Tài chính\nCông an tỉnh", "Quý II"],
    ["2", "Báo cáo kết quả thực hiện", "Sở Công Thương", "", "Thường xuyên"],
]


def _paragraph_texts(blocks: tuple[Paragraph | Table, ...]) -> list[str]:
    return [block.text for block in blocks if isinstance(block, Paragraph)]


# --- sniffing --------------------------------------------------------------------------------


def test_ingest_sniff_trusts_magic_bytes_over_the_name() -> None:
    assert sniff_media_type(pdf_bytes(["Kính gửi các sở."]), "van-ban.txt") == PDF
    assert sniff_media_type(docx_bytes(["Kính gửi các sở."]), "van-ban.pdf") == DOCX


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        ("Kính gửi các sở, ngành.\n".encode(), "van-ban.txt"),
        ("Kính gửi các sở, ngành.\n".encode(), None),
        ("Kính gửi các sở, ngành.\n".encode("utf-16"), "van-ban.txt"),
    ],
)
def test_ingest_sniff_text(data: bytes, filename: str | None) -> None:
    assert sniff_media_type(data, filename) == TEXT


@pytest.mark.parametrize(
    ("data", "filename", "what"),
    [
        (png_bytes(), "anh.png", "PNG"),
        (png_bytes(), "van-ban.pdf", "PNG"),
        (ole_bytes(["WordDocument", "1Table"]), "van-ban.doc", "legacy"),
        (zip_bytes({"a.txt": b"hello"}), "van-ban.zip", "zip"),
        (bytes(range(256)) * 8, "junk.bin", "binary"),
        (bytes(range(256)) * 8, None, "binary"),
    ],
)
def test_ingest_sniff_rejects_other_files(data: bytes, filename: str | None, what: str) -> None:
    with pytest.raises(UnsupportedType) as error:
        sniff_media_type(data, filename)
    assert what in error.value.message
    assert ".docx" in error.value.message or "DOCX" in error.value.message


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf \n"])
def test_ingest_sniff_empty(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        sniff_media_type(data, "van-ban.txt")


def test_ingest_sniff_password_protected_docx_is_docx() -> None:
    data = ole_bytes(["EncryptionInfo", "EncryptedPackage"])
    assert sniff_media_type(data, "van-ban.docx") == DOCX
    with pytest.raises(EncryptedFile) as error:
        read_source(data, DOCX)
    assert "password" in error.value.message


# --- text --------------------------------------------------------------------------------------


def test_ingest_text_one_paragraph_per_line_blank_lines_dropped() -> None:
    data = "Kính gửi:\r\n\r\n  - Sở Tài chính;  \n\t\n- Công an tỉnh.".encode()
    source = read_source(data, TEXT)
    texts = _paragraph_texts(source.blocks)
    assert texts == ["Kính gửi:", "  - Sở Tài chính;  ", "- Công an tỉnh."]
    assert source.page_count is None


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
def test_ingest_text_decodes_vietnamese_encodings(encoding: str) -> None:
    text = "Uỷ ban nhân dân tỉnh yêu cầu các sở thực hiện."
    encoded = _to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    source = read_source(encoded, TEXT)
    assert normalize(source).text == text + "\n"


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 has â, ơ, ư... but writes tone marks as separate combining characters."""
    out = b""
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(mark for mark in decomposed if mark in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone))
        out += (base + tone).encode("cp1258")
    return out


def test_ingest_text_binary_is_corrupt() -> None:
    with pytest.raises(CorruptFile) as error:
        read_source(bytes(range(1, 256)) * 4, TEXT)
    assert "upload" in error.value.message


def test_ingest_read_source_refuses_unknown_media_type() -> None:
    with pytest.raises(UnsupportedType):
        read_source(b"abc", "image/png")


@pytest.mark.parametrize("media_type", [PDF, DOCX, TEXT])
def test_ingest_read_source_empty(media_type: str) -> None:
    with pytest.raises(EmptyInput):
        read_source(b" \n", media_type)


# --- PDF ---------------------------------------------------------------------------------------


def test_ingest_pdf_joins_wrapped_lines_and_drops_running_lines() -> None:
    blocks = LONG_PARAGRAPHS * 10
    data = pdf_bytes(blocks, header="Công văn số 123/UBND-KT", page_numbers=True)
    source = read_source(data, PDF)
    assert source.page_count is not None and source.page_count >= 3
    assert _paragraph_texts(source.blocks) == blocks
    pages = [block.page for block in source.blocks]
    assert pages == sorted(pages) and pages[-1] == source.page_count


def test_ingest_pdf_justified_text() -> None:
    source = read_source(pdf_bytes(LONG_PARAGRAPHS, justify=True, font_size=14), PDF)
    assert _paragraph_texts(source.blocks) == LONG_PARAGRAPHS


def test_ingest_pdf_table_between_paragraphs() -> None:
    data = pdf_bytes([LONG_PARAGRAPHS[0], TASK_TABLE, LONG_PARAGRAPHS[1]])
    blocks = read_source(data, PDF).blocks
    assert [type(block) for block in blocks] == [Paragraph, Table, Paragraph]
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.rows[0] == tuple(TASK_TABLE[0])
    assert table.rows[1][3] == "Sở Tài chính / Công an tỉnh"
    assert table.rows[2][3] == ""


def test_ingest_pdf_encrypted() -> None:
    with pytest.raises(EncryptedFile) as error:
        read_source(pdf_bytes(LONG_PARAGRAPHS, encrypt="mat-khau"), PDF)
    assert "password" in error.value.message


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_ingest_pdf_truncated(cut: float) -> None:
    data = pdf_bytes(LONG_PARAGRAPHS)
    with pytest.raises(CorruptFile):
        read_source(data[: int(len(data) * cut)], PDF)


def test_ingest_pdf_garbage_after_header_is_corrupt() -> None:
    with pytest.raises(CorruptFile):
        read_source(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", PDF)


@pytest.mark.parametrize("stamp", [None, "Người ký: Văn phòng Ủy ban nhân dân tỉnh Lào Cai"])
def test_ingest_pdf_scan_without_text_layer(stamp: str | None) -> None:
    with pytest.raises(NoTextLayer) as error:
        read_source(image_pdf_bytes(stamp=stamp), PDF, ocr=OcrOptions(enabled=False))
    assert "OCR" in error.value.message


def test_ingest_pdf_scan_where_ocr_finds_no_text() -> None:
    with pytest.raises(NoTextLayer) as error:
        read_source(image_pdf_bytes(), PDF)
    assert "OCR found (almost) no text" in error.value.message


def test_ingest_pdf_short_document_has_a_text_layer() -> None:
    source = read_source(pdf_bytes(["Giao Bộ Tài chính chủ trì rà soát."]), PDF)
    assert source.blocks == (Paragraph("Giao Bộ Tài chính chủ trì rà soát.", page=1),)


def test_ingest_pdf_page_limit() -> None:
    with pytest.raises(FileTooLarge) as error:
        read_source(pdf_bytes(LONG_PARAGRAPHS * 6), PDF, max_pages=1)
    assert "split" in error.value.message


def test_ingest_pdf_keeps_a_hyphen_at_the_end_of_a_line() -> None:
    lines = [
        "Kính gửi: Sở Y tế.",
        "Tăng cường kiểm tra việc phòng chống dịch bệnh COVID-",
        "19 trên địa bàn tỉnh trong giai đoạn 2021-",
        "2025 theo Quyết định số 12/QĐ-UBND.",
    ]
    texts = _paragraph_texts(read_source(lines_pdf_bytes(lines), PDF).blocks)
    assert texts == [
        "Kính gửi: Sở Y tế.",
        "Tăng cường kiểm tra việc phòng chống dịch bệnh COVID-19 trên địa bàn tỉnh trong giai "
        "đoạn 2021-2025 theo Quyết định số 12/QĐ-UBND.",
    ]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["tiền chất", "thuốc nổ"], "tiền chất thuốc nổ"),
        (["phát tri\u00ad", "ển"], "phát triển"),
        (["COVID-", "19"], "COVID-19"),
        (["kinh tế -", "xã hội"], "kinh tế - xã hội"),
    ],
)
def test_ingest_pdf_join_wrapped(lines: list[str], joined: str) -> None:
    assert join_wrapped(lines) == joined


def _line(text: str, left: float = 85, right: float = 538, top: float = 100) -> Line:
    return Line(
        text=text,
        left=left,
        right=right,
        top=top,
        bottom=top + 14,
        page=1,
        first_word=7.0 * len(text.split()[0]),
    )


COLUMN = Column(left=85, right=540, indent=36)


@pytest.mark.parametrize(
    ("previous", "line", "is_new"),
    [
        (_line("các quy định hiện hành về quản lý"), _line("vật liệu nổ", top=116), False),
        (_line("các quy định hiện hành về quản lý"), _line("a) Rà soát", top=116), True),
        (_line("các quy định hiện hành về quản lý"), _line("Điều 3. Hiệu lực", top=116), True),
        (_line("trên địa bàn tỉnh.", right=300), _line("Để tăng cường", top=116), True),
        (_line("trên địa bàn tỉnh.", right=539), _line("Công khai", top=116), False),
        (_line("giai đoạn 2021"), _line("- 2025 và các năm", top=116), False),
        (_line("báo cáo kết quả."), _line("- Chủ trì, phối hợp", top=116), True),
        (_line("những người bị"), _line("nạn", left=121, top=116), True),
        (_line("những người bị"), _line("nạn và gia đình", top=140), True),
    ],
)
def test_ingest_pdf_starts_paragraph(previous: Line, line: Line, is_new: bool) -> None:
    assert starts_paragraph(previous, line, COLUMN, pitch=16) is is_new


def test_ingest_pdf_reads_in_parallel_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    data = pdf_bytes([LONG_PARAGRAPHS[0], TASK_TABLE, *LONG_PARAGRAPHS[1:]])
    expected = read_source(data, PDF)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: read_source(data, PDF), range(8)))
    assert all(result == expected for result in results)


@pytest.mark.corpus
def test_ingest_pdf_reference_file_matches_its_text() -> None:
    pdf = CORPUS / "files" / "local-f01.pdf"
    if not pdf.exists():
        pytest.skip("needs shared/corpus/dev/files")
    got = normalize(read_source(pdf.read_bytes(), PDF)).text
    want = (CORPUS / "local-f01.txt").read_text(encoding="utf-8")
    assert difflib.SequenceMatcher(None, want, got, autojunk=False).ratio() > 0.99
    assert got.count("\n") == want.count("\n") + 1  # the PDF starts a paragraph at "Để tăng"


# --- DOCX --------------------------------------------------------------------------------------


def test_ingest_docx_blocks_in_document_order() -> None:
    data = docx_bytes([LONG_PARAGRAPHS[0], TASK_TABLE, LONG_PARAGRAPHS[1]])
    blocks = read_source(data, DOCX).blocks
    assert [type(block) for block in blocks] == [Paragraph, Table, Paragraph]
    assert blocks[0] == Paragraph(LONG_PARAGRAPHS[0])
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.rows[1] == (
        "1",
        "Tổ chức rà soát quy hoạch",
        "Sở Xây dựng",
        "Sở Tài chính / Công an tỉnh",
        "Quý II",
    )


def test_ingest_docx_reads_smart_tags_and_line_breaks() -> None:
    from docx import Document as new_docx

    document = new_docx()
    paragraph = document.add_paragraph("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT ")
    smart_tag = f'<w:smartTag {nsdecls("w")} w:element="place"><w:r><w:t>NAM</w:t></w:r></w:smartTag>'
    paragraph._p.append(parse_xml(smart_tag))
    paragraph.add_run().add_break()
    paragraph.add_run("Độc lập - Tự do - Hạnh phúc")
    buffer = io.BytesIO()
    document.save(buffer)
    texts = _paragraph_texts(read_source(buffer.getvalue(), DOCX).blocks)
    assert texts == ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def test_ingest_docx_zip_bomb() -> None:
    with pytest.raises(FileTooLarge) as error:
        read_source(zip_bomb_docx(), DOCX)
    assert "zip bomb" in error.value.message


def test_ingest_docx_unpacked_size_limit() -> None:
    data = zip_bytes({"word/document.xml": b"x" * 10_000, "word/a.bin": bytes(range(256)) * 40})
    with pytest.raises(FileTooLarge):
        check_zip_limits(data, max_unpacked=5_000)
    check_zip_limits(data)


@pytest.mark.parametrize("cut", [0.3, 0.8])
def test_ingest_docx_truncated(cut: float) -> None:
    data = docx_bytes(LONG_PARAGRAPHS)
    with pytest.raises(CorruptFile):
        read_source(data[: int(len(data) * cut)], DOCX)


def test_ingest_docx_zip_without_document_is_corrupt() -> None:
    with pytest.raises(CorruptFile):
        read_source(zip_bytes({"word/other.xml": b"<x/>"}), DOCX)


def test_ingest_docx_without_text() -> None:
    with pytest.raises(EmptyInput):
        read_source(docx_bytes([""]), DOCX)


# A ministry letter as Word files lay it out: the header and the signature block in
# borderless two-column tables, a cell's lines as separate paragraphs.
HEADER_TABLE = [
    [
        "BỘ TÀI CHÍNH\nSố: 1234/BTC-NSNN\nV/v triển khai dự toán ngân sách năm 2027",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 05 tháng 3 năm 2027",
    ]
]
SIGNATURE_TABLE = [["Nơi nhận:\n- Như trên;\n- Lưu: VT, NSNN.", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nBùi Văn Khắng"]]
LAYOUT_LETTER = [
    HEADER_TABLE,
    "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
    "Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh, thành phố khẩn trương hoàn thành phân bổ "
    "dự toán, báo cáo Bộ Tài chính chậm nhất ngày 20/3.",
    TASK_TABLE,
    SIGNATURE_TABLE,
]


def test_ingest_docx_header_in_a_layout_table_is_read_column_by_column() -> None:
    blocks = read_source(docx_bytes(LAYOUT_LETTER), DOCX).blocks
    assert _paragraph_texts(blocks)[:6] == [
        "BỘ TÀI CHÍNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 1234/BTC-NSNN",
        "V/v triển khai dự toán ngân sách năm 2027",  # the date line after it ends the summary
        "Hà Nội, ngày 05 tháng 3 năm 2027",
    ]
    # the task table and the signature block stay tables, as local-f04.txt prints them
    text = normalize(read_source(docx_bytes(LAYOUT_LETTER), DOCX)).text
    assert "1 | Tổ chức rà soát quy hoạch | Sở Xây dựng | Sở Tài chính / Công an tỉnh | Quý II\n" in text
    assert "Nơi nhận: / - Như trên; / - Lưu: VT, NSNN. | KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Bùi Văn Khắng\n" in text
    assert [type(block) for block in blocks].count(Table) == 2


def test_ingest_docx_header_in_a_layout_table_gives_issuer_and_issue_date() -> None:
    from extraction.pipeline import extract

    proposal = extract(docx_bytes(LAYOUT_LETTER), DOCX)
    info = proposal.document
    assert (info.issuer, info.issued, info.number) == ("Bộ Tài chính", date(2027, 3, 5), "1234/BTC-NSNN")
    assert (info.type, info.signer) == ("Công văn", "Bùi Văn Khắng")
    reply = next(task for task in proposal.tasks if "phân bổ dự toán" in task.text)
    assert reply.deadline.date == date(2027, 3, 20)  # "ngày 20/3" takes the year of issue


@pytest.mark.parametrize(
    "table",
    [
        # rows that already pair the header's lines, as in local-f04.docx
        [
            ["ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
            ["Số: 12/UBND-KT", "", "Lào Cai, ngày 05 tháng 3 năm 2026"],
        ],
        # a two-column task table whose cells stack a dated line
        [["STT\nSố: 1", "Nội dung\nHà Nội, ngày 05 tháng 3 năm 2027"], ["1", "Rà soát quy hoạch"]],
        # the addressee block
        [["Kính gửi:", "- Sở Tài chính;\n- Sở Tư pháp."]],
    ],
)
def test_ingest_docx_other_tables_stay_tables(table: list[list[str]]) -> None:
    blocks = read_source(docx_bytes([table, LONG_PARAGRAPHS[0]]), DOCX).blocks
    assert isinstance(blocks[0], Table)
    assert len(blocks[0].rows) == len(table)


@pytest.mark.corpus
def test_ingest_docx_reference_file_matches_its_text() -> None:
    docx = CORPUS / "files" / "local-f04.docx"
    if not docx.exists():
        pytest.skip("needs shared/corpus/dev/files")
    got = normalize(read_source(docx.read_bytes(), DOCX)).text.splitlines()
    want = (CORPUS / "local-f04.txt").read_text(encoding="utf-8").splitlines()
    # The reference lost "NAM" (python-docx skips smart tags) and kept runs of spaces.
    assert len(got) == len(want)
    assert sum(a == b for a, b in zip(got, want, strict=True)) == len(want) - 2


# --- PDF and DOCX agree ------------------------------------------------------------------------


def test_ingest_pdf_and_docx_give_the_same_text() -> None:
    blocks = [LONG_PARAGRAPHS[0], LONG_PARAGRAPHS[1], TASK_TABLE, *LONG_PARAGRAPHS[2:]]
    from_pdf = normalize(read_source(pdf_bytes(blocks), PDF)).text
    from_docx = normalize(read_source(docx_bytes(blocks), DOCX)).text
    assert from_pdf == from_docx
    assert "2 | Báo cáo kết quả thực hiện | Sở Công Thương |  | Thường xuyên\n" in from_pdf


def test_ingest_zip_member_names_are_checked_before_parsing() -> None:
    data = zip_bomb_docx(unpacked_mb=2)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("word/media/bomb.bin").file_size == 2 * 2**20
    with pytest.raises(FileTooLarge):
        check_zip_limits(data)


def test_ingest_text_rejoins_lines_broken_inside_a_sentence() -> None:
    from extraction.ingest.text import join_wrapped_lines

    assert join_wrapped_lines(
        ["Ban hành Quy chế theo dõi, đôn", "đốc, kiểm tra việc thực hiện.", "Điều 1. Phạm vi"]
    ) == [
        "Ban hành Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện.",
        "Điều 1. Phạm vi",
    ]
    kept = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "1. Sở Tài chính:", "a) rà soát."]
    assert join_wrapped_lines(kept) == kept
    # an item marked "a." opens a line of its own even after a heading without a colon
    kept = ["1. Sở Y tế", "a. Kiểm tra an toàn thực phẩm.", "b. Giám sát ngộ độc."]
    assert join_wrapped_lines(kept) == kept


WRAPPED_AT_70 = [
    "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành thực hiện tốt các",
    "nội dung sau đây để tăng cường công tác quản lý đất đai trên địa bàn:",
    "1. Sở Nông nghiệp và Môi trường rà soát diện tích rừng, đồng thời gửi",
    "Sở Tài chính để tổng hợp, báo cáo Ủy ban nhân dân tỉnh trong tháng 12;",
    "trường hợp vượt thẩm quyền, báo cáo Chủ tịch Ủy ban nhân dân tỉnh xem",
    "xét, quyết định theo quy định của pháp luật về đất đai và lâm nghiệp,",
    "KCN, CCN và các khu kinh tế cửa khẩu trên địa bàn tỉnh theo phân cấp.",
    "2. Sở Tài chính bố trí kinh phí thực hiện nhiệm vụ phát triển kinh tế",
    "- xã hội của các xã miền núi theo kế hoạch được duyệt hằng năm cho cả",
    "giai đoạn, bảo đảm đúng quy định của Luật Ngân sách nhà nước hiện hành.",
    "II. TỔ CHỨC THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM TRONG NĂM 2027 CỦA TỈNH",
]


def test_text_hard_wrapped_at_one_width_rejoins_lines_that_open_with_a_capital():
    from extraction.ingest.text import join_wrapped_lines, wrap_width

    assert wrap_width(WRAPPED_AT_70) is not None
    joined = join_wrapped_lines(WRAPPED_AT_70)
    assert [line.split()[0] for line in joined] == ["Chủ", "1.", "2.", "II."]
    assert "gửi Sở Tài chính để tổng hợp" in joined[1] and "tháng 12; trường hợp" in joined[1]
    assert "kinh tế - xã hội" in joined[2]
    # the header's title takes no capital line: the body's first sentence opens its own
    titled = [
        "THÔNG BÁO",
        "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với Sở Y tế tỉnh",
    ] + WRAPPED_AT_70
    assert join_wrapped_lines(titled)[1] == titled[1]
    # a text with a paragraph per line has no wrap width: a capital there opens a paragraph
    assert (
        wrap_width(["Sở Y tế kiểm tra an toàn thực phẩm trong dịp Tết " + "x" * n for n in range(0, 400, 40)]) is None
    )


def test_text_page_numbers_inside_a_sentence_and_markers_alone_on_their_line():
    from extraction.ingest.text import join_wrapped_lines

    assert join_wrapped_lines(
        ["1. Sở Xây dựng thẩm định thiết kế, hoàn", "- 3 -", "thành trong tháng 5/2025.", "2"]
    ) == [
        "1. Sở Xây dựng thẩm định thiết kế, hoàn thành trong tháng 5/2025.",
    ]
    assert join_wrapped_lines(["1.", "Công an tỉnh", "- Tổ chức kiểm tra.", "a)", "Sở Y tế kiểm tra."]) == [
        "1. Công an tỉnh",
        "- Tổ chức kiểm tra.",
        "a) Sở Y tế kiểm tra.",
    ]


def test_ingest_text_a_line_ending_on_a_word_that_needs_the_next_goes_on_and_a_bare_number_is_a_page() -> None:
    from extraction.ingest.text import join_wrapped_lines

    lines = [
        "Chủ tịch yêu cầu các cơ quan thực hiện như sau:",
        "1. Giao Sở Nông nghiệp và",
        "Môi trường chủ trì xây dựng phương án, trình",
        "Ủy ban nhân dân tỉnh trước ngày 25/3/2026.",
    ]
    assert join_wrapped_lines(lines) == [
        lines[0],
        "1. Giao Sở Nông nghiệp và Môi trường chủ trì xây dựng phương án, trình Ủy ban nhân dân tỉnh trước ngày 25/3/2026.",
    ]
    paged = [
        "Chủ tịch kết luận như sau:",
        "- Sở Tài chính thẩm định đơn giá.",
        "2",
        "Giao Sở Xây dựng đẩy nhanh tiến độ.",
    ]
    assert join_wrapped_lines(paged) == paged[:2] + paged[3:]  # the page's number goes, numbering nothing
    # an item's marker alone on its line still numbers the next one
    assert join_wrapped_lines(["Chủ tịch kết luận như sau:", "1.", "Công an tỉnh tăng cường tuần tra."])[-1] == (
        "1. Công an tỉnh tăng cường tuần tra."
    )


def test_ingest_text_keeps_table_rows_apart_after_a_word_that_seems_to_dangle() -> None:
    from extraction.ingest.text import join_wrapped_lines

    rows = [
        "4. Bộ Tư pháp theo dõi việc thi hành Luật.",
        "STT | Tên văn bản | Cơ quan chủ trì soạn thảo | Thời hạn trình",
        "1 | Nghị định quy định chi tiết Luật Đo lường | Bộ Khoa học và Công nghệ | Tháng 3/2027",
    ]
    assert join_wrapped_lines(rows) == rows
    # a line that ends on "trình" still takes the words it needs when no row is involved
    prose = ["1. Bộ Tư pháp theo dõi.", "2. Bộ Tư pháp rà soát, hoàn thiện hồ sơ, trình", "Thủ tướng Chính phủ."]
    assert join_wrapped_lines(prose) == [
        prose[0],
        "2. Bộ Tư pháp rà soát, hoàn thiện hồ sơ, trình Thủ tướng Chính phủ.",
    ]


def test_text_a_pdf_s_page_break_inside_a_sentence_and_a_line_that_goes_on_with_a_number():
    from extraction.ingest.text import join_wrapped_lines

    running = "Chỉ thị số 03/CT-UBND ngày 20/01/2026 của Chủ tịch UBND tỉnh Quảng Trị"
    lines = [
        "Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:",
        "a) Sở Y tế tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày",
        "Trang 1/3",
        running,
        "20/3/2026.",
        "b) Công an tỉnh chỉ đạo Phòng Cảnh sát kinh tế phối hợp với các lực lượng chức năng đấu",
        "Trang 2/3",
        running,
        "tranh, triệt phá các đường dây buôn bán thực phẩm giả.",
        "c) Sở Công Thương kiểm tra thị trường, tầm nhìn đến năm",
        "2030 tập trung vào các chợ đầu mối.",
        "Lê Hồng Vinh",
        "Trang 3/3",
    ]
    assert join_wrapped_lines(lines) == [
        lines[0],
        "a) Sở Y tế tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 20/3/2026.",
        "b) Công an tỉnh chỉ đạo Phòng Cảnh sát kinh tế phối hợp với các lực lượng chức năng đấu tranh, triệt phá các đường dây buôn bán thực phẩm giả.",
        "c) Sở Công Thương kiểm tra thị trường, tầm nhìn đến năm 2030 tập trung vào các chợ đầu mối.",
        "Lê Hồng Vinh",
    ]
    # a numbered item after an open line still opens its own paragraph
    assert (
        join_wrapped_lines(["Chủ tịch yêu cầu:", "1. Sở Y tế", "2. Sở Tài chính bố trí kinh phí."])[1] == "1. Sở Y tế"
    )


def test_text_the_wrap_width_of_a_pdf_copy_measured_on_its_certain_wraps():
    from extraction.ingest.text import _width_of_certain_wraps, join_wrapped_lines

    lines = [
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành thực hiện tốt các nội dung sau:",
        "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các cơ quan liên quan rà soát các",
        "thủ tục hành chính trong lĩnh vực khoa học, công nghệ và đổi mới sáng tạo, báo cáo Thủ tướng",
        "Chính phủ trong quý III/2026.",
        "STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian",
        "2. Sở Nội vụ hướng dẫn các xã rà soát vị trí việc làm của công chức cấp xã theo quy định",
        "mới của Chính phủ về vị trí việc làm, biên chế công chức trong các cơ quan hành chính",
        "nhà nước, hoàn thành trước ngày 30/6/2026 và báo cáo Ủy ban nhân dân tỉnh kết quả.",
    ]
    assert _width_of_certain_wraps(lines) is not None
    joined = join_wrapped_lines(lines)
    assert joined[1].endswith("báo cáo Thủ tướng Chính phủ trong quý III/2026.")
    # a title in the header wraps narrower: it gives no width
    assert (
        _width_of_certain_wraps(
            [
                "Ban hành các giải pháp kỹ thuật",
                "nâng cao an toàn phòng cháy",
                "đối với các cơ sở cũ",
                "xây dựng trước năm 2020",
            ]
        )
        is None
    )


def test_text_rows_copied_with_tabs_stay_apart_though_they_open_with_a_number():
    from extraction.ingest.text import join_wrapped_lines

    rows = [
        "Ủy ban nhân dân tỉnh ban hành Danh mục nhiệm vụ như sau:",
        "TT\tNhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành",
        "I\tPhát triển hạ tầng số\t\t\t",
        "1\tPhủ sóng di động 4G/5G đến 100% thôn, bản\tSở Khoa học và Công nghệ\tNăm 2026",
        "2\tXây dựng Trung tâm dữ liệu tỉnh\tSở Khoa học và Công nghệ\tNăm 2027",
    ]
    assert join_wrapped_lines(rows) == rows


def test_ingest_text_tables_laid_out_with_spaces_or_wrapped_cell_by_cell_become_rows():
    """pdftotext -layout and converters that write one visual line per row (probes BT, BY)."""
    from extraction.ingest.text import rejoined_table_rows

    layout = [
        " TT    Nội dung nhiệm vụ                         Cơ quan chủ trì         Cơ quan phối hợp            Thời gian",
        " 1     Ban hành Hướng dẫn kỹ thuật phân loại     Sở Nông nghiệp và Môi   Sở Xây dựng; UBND các       Quý III/2026",
        "       chất thải rắn sinh hoạt tại nguồn         trường                  phường, xã",
        " 2     Kiểm tra, xử lý vi phạm                   Công an thành phố       UBND các phường, xã         Hằng năm",
        "Nơi nhận:",
    ]
    assert rejoined_table_rows(layout) == [
        "TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian",
        "1 | Ban hành Hướng dẫn kỹ thuật phân loại chất thải rắn sinh hoạt tại nguồn | Sở Nông nghiệp và Môi trường"
        " | Sở Xây dựng; UBND các phường, xã | Quý III/2026",
        "2 | Kiểm tra, xử lý vi phạm | Công an thành phố | UBND các phường, xã | Hằng năm",
        "Nơi nhận:",
    ]
    wrapped = [
        "TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn",
        "1 | Ban hành Bộ tiêu chí trường học | Vụ Học sinh, sinh | Vụ Giáo dục Phổ thông; | Quý IV/2026",
        " | an toàn, thân thiện | viên | Vụ Pháp chế |",
        "2\tRà soát quy định\tVăn phòng Bộ\tVụ Pháp chế\tQuý I/2026",
        "\tvề kỷ luật người học\t\t\t",
    ]
    assert rejoined_table_rows(wrapped) == [
        wrapped[0],
        "1 | Ban hành Bộ tiêu chí trường học an toàn, thân thiện | Vụ Học sinh, sinh viên"
        " | Vụ Giáo dục Phổ thông; Vụ Pháp chế | Quý IV/2026",
        "2 | Rà soát quy định về kỷ luật người học | Văn phòng Bộ | Vụ Pháp chế | Quý I/2026",
    ]
    # a row of its own with a first cell left empty after an unnumbered row stays apart
    plain = ["Nội dung | Chủ trì | Thời hạn", "Rà soát | Sở Tư pháp | Quý I", " | Sở Nội vụ | Quý II"]
    assert rejoined_table_rows(plain) == plain


def test_ingest_text_the_years_of_a_school_year_broken_off_join_their_line():
    """ "... năm học" ¶ "2026 - 2027 như sau:" is one line, before the body too (probe BY)."""
    from extraction.ingest.text import join_wrapped_lines

    lines = [
        "KẾ HOẠCH",
        "Bộ Giáo dục và Đào tạo ban hành Kế hoạch bảo đảm an toàn trường học năm học",
        "2026 - 2027 như sau:",
    ]
    assert join_wrapped_lines(lines) == [
        "KẾ HOẠCH",
        "Bộ Giáo dục và Đào tạo ban hành Kế hoạch bảo đảm an toàn trường học năm học 2026 - 2027 như sau:",
    ]
