"""The same document as PDF, DOCX and text gives the same proposals."""

import sys
from pathlib import Path

import pytest

from extraction.pipeline import extract
from extraction.proposal import to_json

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "extraction"))
from files_factory import docx_bytes, pdf_bytes  # noqa: E402


def _summary(data: bytes, filename: str) -> list[tuple[str, list[str], list[str], str | None]]:
    out = to_json(extract(data, filename=filename))
    return [
        (" ".join(t["text"].split()), t["lead"], t["support"], t["deadline"]["date"])
        for t in out["tasks"]
    ]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("original", "text"), [("local-f01.pdf", "local-f01.txt"), ("local-f04.docx", "local-f04.txt")]
)
def test_corpus_original_file_matches_its_text(shared_dir, original, text):
    dev = shared_dir / "corpus" / "dev"
    from_original = _summary((dev / "files" / original).read_bytes(), original)
    from_text = _summary((dev / text).read_bytes(), text)
    assert len(from_original) == len(from_text) > 20
    assert from_original == from_text


BLOCKS = [
    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    "Số: 12/KH-UBND",
    "Lào Cai, ngày 10 tháng 12 năm 2025",
    "KẾ HOẠCH",
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về tăng cường quản lý khoáng sản trên địa bàn, "
    "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai thực hiện các nhiệm vụ sau:",
    "1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Công an tỉnh rà soát các điểm khai thác "
    "trái phép, báo cáo Ủy ban nhân dân tỉnh trước ngày 25/6/2026.",
    "2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch trong quý I/2026.",
    [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        [
            "1",
            "Kiểm tra các bến bãi tập kết cát",
            "Công an tỉnh",
            "Ủy ban nhân dân các xã, phường",
            "Hằng quý",
        ],
    ],
    "Nơi nhận:",
    "- Lưu: VT.",
]


def test_corpus_pdf_and_docx_of_same_content_agree():
    from_pdf = _summary(pdf_bytes(BLOCKS), "ke-hoach.pdf")
    from_docx = _summary(docx_bytes(BLOCKS), "ke-hoach.docx")
    assert from_pdf == from_docx
    assert [lead for _, lead, _, _ in from_docx] == [
        ["Sở Nông nghiệp và Môi trường"],
        ["Sở Tài chính"],
        ["Công an tỉnh"],
    ]
    assert from_docx[0][3] == "2026-06-25"
