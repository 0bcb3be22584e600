"""The outline parser: markers, nesting, lead-ins and headings."""

import pytest

from extraction.structure import build_outline, is_heading, marker_of, walk


@pytest.mark.parametrize(
    ("line", "style"),
    [
        ("I. NHIỆM VỤ, GIẢI PHÁP", "roman"),
        ("IV- TỔ CHỨC THỰC HIỆN", "roman"),
        ("1. Bộ Tài chính:", "arabic"),
        ("1.2. Rà soát quy định", "decimal2"),
        ("1.2.3. Rà soát quy định", "decimal3"),
        ("a) Chủ trì, phối hợp", "letter"),
        ("đ) Phối hợp với các Bộ", "letter"),
        ("a.1) Nâng cấp mạng truyền số liệu", "letter_number"),
        ("b.2. Bảo đảm an toàn thông tin", "letter_number"),
        ("- Xây dựng kết cấu hạ tầng", "dash"),
        ("+ Hỗ trợ lập quy hoạch", "plus"),
        ("(1) Tích cực, chủ động", "paren_num"),
        ("(iv) Giao Bộ Công Thương", "paren_roman"),
        ("Điều 3. Tổ chức thực hiện", "article"),
        ("Chương V TỔ CHỨC THỰC HIỆN", "part"),
        ("Thứ nhất, các bộ, ngành rà soát", "ordinal"),
        ("Thứ mười hai: Bộ Xây dựng", "ordinal"),
        ("Thứ trưởng Nguyễn Văn A", "para"),
        ("V/v tăng cường công tác quản lý", "para"),
        ("Bộ Tài chính chủ trì rà soát.", "para"),
        ("100. Bộ Xây dựng rà soát văn bản", "arabic"),
        ("2- Sở Y tế kiểm tra", "arabic"),
        ("2025-2030 là giai đoạn", "para"),
        ("➢ Sở Y tế kiểm tra", "bullet"),
        ("❖ Công an tỉnh xử lý", "bullet"),
        ("Ø Công an tỉnh xử lý", "bullet"),
        ("✓ Công an tỉnh xử lý", "bullet"),
    ],
)
def test_structure_marker_styles(line, style):
    assert marker_of(line)[0] == style


def _tree(text):
    return [(len(n.ancestors()), n.style, n.body_text(text)) for n in walk(build_outline(text))]


def test_structure_nests_by_first_seen_order():
    text = "1. Bộ Kế hoạch và Đầu tư:\na) Chủ trì rà soát.\n- Xây dựng đề án.\nb) Hằng năm báo cáo.\n2. Bộ Công Thương:\n- Chủ trì đánh giá."
    assert _tree(text) == [
        (0, "arabic", "Bộ Kế hoạch và Đầu tư:"),
        (1, "letter", "Chủ trì rà soát."),
        (2, "dash", "Xây dựng đề án."),
        (1, "letter", "Hằng năm báo cáo."),
        (0, "arabic", "Bộ Công Thương:"),
        (1, "dash", "Chủ trì đánh giá."),
    ]


def test_structure_paragraph_under_lead_in_belongs_to_it():
    text = "5. Bộ Tài chính:\nChủ trì, phối hợp với các Bộ nghiên cứu chính sách.\n6. Bộ Nội vụ:"
    tree = _tree(text)
    assert tree[1] == (1, "para", "Chủ trì, phối hợp với các Bộ nghiên cứu chính sách.")
    assert tree[2][0] == 0


def test_structure_paragraph_after_finished_item_stands_beside_it():
    text = "9. Các Bộ chỉ đạo thực hiện tốt chỉ thị này.\nBộ Kế hoạch và Đầu tư chịu trách nhiệm theo dõi."
    assert [depth for depth, _, _ in _tree(text)] == [0, 0]


def test_structure_lone_marker_numbers_next_line():
    text = "IV.\nPHÂN CÔNG NHIỆM VỤ\n1.\nSở Công Thương:\n- Chủ trì điều phối nguồn hàng."
    assert _tree(text) == [
        (0, "roman", "PHÂN CÔNG NHIỆM VỤ"),
        (1, "arabic", "Sở Công Thương:"),
        (2, "dash", "Chủ trì điều phối nguồn hàng."),
    ]


def test_structure_running_lines_between_items_are_skipped():
    # a scan's folio or the document's symbol repeated at a page's head keeps the items together
    tree = _tree("1. Sở Y tế:\na) Kiểm tra an toàn thực phẩm.\nTrang 2/7\n06/CT-UBND\nb) Giám sát ngộ độc.")
    assert [(depth, style) for depth, style, _ in tree] == [(0, "arabic"), (1, "letter"), (1, "letter")]


def test_structure_rule_lines_are_skipped():
    assert _tree("BAN CHẤP HÀNH TRUNG ƯƠNG\n---------------\nSố 212-KL/TW") == [
        (0, "para", "BAN CHẤP HÀNH TRUNG ƯƠNG"),
        (0, "para", "Số 212-KL/TW"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("TỔ CHỨC THỰC HIỆN", True),
        ("Sở Công Thương", True),
        ("Về các kiến nghị, đề xuất", True),
        ("Bộ Tài chính rà soát, hoàn thiện dự thảo Nghị định.", False),
        ("Chủ trì, phối hợp với các Bộ, ngành liên quan rà soát các quy định hiện hành", False),
    ],
)
def test_structure_is_heading(body, expected):
    assert is_heading(body) is expected
