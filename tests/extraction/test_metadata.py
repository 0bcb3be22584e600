"""Header and signature-block metadata."""

from datetime import date

import pytest

from extraction.metadata import find_number, find_secrecy, find_signer, find_type, read_metadata

PARTY = """BAN CHẤP HÀNH TRUNG ƯƠNG
ĐẢNG CỘNG SẢN VIỆT NAM
---------------
Số 212-KL/TW
Hà Nội, ngày 18 tháng 11 năm 2025
KẾT LUẬN CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ ĐỊNH HƯỚNG XÂY DỰNG TIÊU CHUẨN
Tại phiên họp ngày 14/11/2025, Bộ Chính trị, Ban Bí thư kết luận như sau:
1. Giao Đảng uỷ Quốc hội lãnh đạo, chỉ đạo ban hành Nghị quyết.
Nơi nhận:
- Lưu Văn phòng Trung ương Đảng.
T/M BỘ CHÍNH TRỊ Trần Cẩm Tú
"""

LETTER = """UỶ BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc
Số: /UBND-KT Lào Cai, ngày tháng năm 2026
V/v tăng cường công tác quản
lý vật liệu nổ công nghiệp
Kính gửi:
- Các Sở, ngành;
Chủ tịch Uỷ ban nhân dân tỉnh yêu cầu các cơ quan triển khai thực hiện tốt các nhiệm vụ như sau:
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Thành Sinh
"""


def test_metadata_party_conclusion():
    info = read_metadata(PARTY)
    assert info.type == "Kết luận"
    assert info.number == "212-KL/TW"
    assert info.issued == date(2025, 11, 18)
    assert info.issuer == "Bộ Chính trị, Ban Bí thư"
    assert info.signer == "Trần Cẩm Tú"
    assert info.secrecy is None


def test_metadata_official_letter_without_number_or_date():
    info = read_metadata(LETTER)
    assert info.type == "Công văn"
    assert info.number is None
    assert info.issued is None
    assert info.issuer == "Ủy ban nhân dân tỉnh Lào Cai"
    assert info.signer == "Nguyễn Thành Sinh"
    assert info.title == "tăng cường công tác quản lý vật liệu nổ công nghiệp"


def test_metadata_issued_argument_overrides():
    assert read_metadata(LETTER, issued=date(2026, 3, 2)).issued == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Số: 07/CT-TTg", "07/CT-TTg"),
        ("Số 2449 -CV/ĐU", "2449-CV/ĐU"),
        ("Số: 1147-QĐ/BTGDVTW", "1147-QĐ/BTGDVTW"),
        ("Số: 310/KH-UBND | Hà Nội, ngày 24 tháng 11 năm 2025", "310/KH-UBND"),
        ("Số:           /UBND-KT", None),
    ],
)
def test_metadata_number(line, number):
    assert find_number([line]) == number


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["CHỈ THỊ", "VỀ VIỆC CHẤN CHỈNH"], "Chỉ thị"),
        (["KẾ HOẠCH QUỐC GIA"], "Kế hoạch"),
        (["Số: 114/CĐ-TTg"], "Công điện"),
        (["Số: 12/QĐ-UBND"], "Quyết định"),
    ],
)
def test_metadata_type(header, kind):
    from extraction.metadata import find_number as number_of

    assert find_type(header, number_of(header)) == kind


@pytest.mark.parametrize(
    ("line", "level"),
    [("MẬT", "Mật"), ("TỐI MẬT", "Tối mật"), ("TUYỆT MẬT", "Tuyệt mật"), ("Độ mật: Mật", "Mật")],
)
def test_metadata_secrecy(line, level):
    assert find_secrecy(["BỘ CÔNG AN", line, "Số: 1/CT-BCA"]) == level


def test_metadata_signer_on_signature_line_and_not_in_recipients():
    assert find_signer(["KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Thị Diệu Thúy"]) == "Trần Thị Diệu Thúy"
    assert find_signer(["- Bộ Tài chính;", "- Lưu: VT."]) is None


def test_metadata_news_style_text():
    info = read_metadata(
        "Thủ tướng Chính phủ Phạm Minh Chính vừa ký Công điện số 114/CĐ-TTg ngày 19/7/2025 về việc ứng phó sự cố.\n1. Bộ Quốc phòng chủ trì."
    )
    assert (info.type, info.number, info.issued, info.issuer, info.signer) == (
        "Công điện",
        "114/CĐ-TTg",
        date(2025, 7, 19),
        "Thủ tướng Chính phủ",
        "Phạm Minh Chính",
    )


def test_metadata_issuer_in_capitals_takes_the_directory_spelling():
    # "BỘ Y TẾ" lower-cased would read "Bộ y tế"; the directory spells it "Bộ Y tế"
    info = read_metadata(
        "BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 120/KH-BYT\nHà Nội, ngày 05 tháng 11 năm 2025\nKẾ HOẠCH\nPhòng, chống dịch bệnh\n"
    )
    assert info.issuer == "Bộ Y tế"


def test_metadata_district_and_commune_issuers_keep_their_place_capitals():
    info = read_metadata(
        "ỦY BAN NHÂN DÂN\nHUYỆN TRIỆU PHONG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/CV-UBND\nTriệu Phong, ngày 05 tháng 11 năm 2025\n"
    )
    assert info.issuer == "Ủy ban nhân dân huyện Triệu Phong"


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        # a sub-organ printed under its parent
        (
            ["UBND TỈNH LÀO CAI", "VĂN PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 1/TB-VPUBND"],
            "Văn phòng Ủy ban nhân dân tỉnh Lào Cai",
        ),
        (["TỈNH ỦY THANH HÓA", "BAN THƯỜNG VỤ", "*", "Số: 12-KL/TU"], "Ban Thường vụ Tỉnh ủy Thanh Hóa"),
        (["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH ỦY", "*", "Số: 12-CT/TU"], "Thành ủy Hà Nội"),
        (
            ["UBND TỈNH LÂM ĐỒNG", "SỞ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/KH-SYT"],
            "Sở Y tế tỉnh Lâm Đồng",
        ),
        # "VĂN PHÒNG BỘ" under its ministry: that ministry's office, spelt as the directory spells it
        (
            ["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "VĂN PHÒNG BỘ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 87/TB-VP"],
            "Văn phòng Bộ Nông nghiệp và Môi trường",
        ),
        (
            ["UBND TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/KH-UBND"],
            "Ủy ban nhân dân tỉnh Lâm Đồng",
        ),
        # ... also when the parent runs over two lines
        (["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "SỞ TÀI CHÍNH", "Số: 4521/STC-QLNS"], "Sở Tài chính tỉnh Nghệ An"),
        # a Party board under its province's Party organisation; a city committee names itself
        (["ĐẢNG BỘ TỈNH THÁI NGUYÊN", "BAN TỔ CHỨC TỈNH ỦY", "Số 08-HD/BTCTU"], "Ban Tổ chức Tỉnh ủy Thái Nguyên"),
        (["ĐẢNG BỘ TỈNH KHÁNH HÒA", "THÀNH ỦY NHA TRANG", "*", "Số 87-KL/ThU"], "Thành ủy Nha Trang"),
        # a Party committee's own organ under it
        (["TỈNH ỦY LÂM ĐỒNG", "BAN TỔ CHỨC", "Số 05-HD/BTCTU"], "Ban Tổ chức Tỉnh ủy Lâm Đồng"),
        (["THÀNH ỦY HÀ NỘI", "VĂN PHÒNG", "Số 12-CV/VPTU"], "Văn phòng Thành ủy Hà Nội"),
        (["ĐẢNG ỦY XÃ TÂN HIỆP", "BAN THƯỜNG VỤ", "Số 12-KH/ĐU"], "Ban Thường vụ Đảng ủy xã Tân Hiệp"),
        (
            ["HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG", "BAN VĂN HÓA - XÃ HỘI", "Số: 87/BC-VHXH"],
            "Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh Lâm Đồng",
        ),
        # a ministry's department issues under its own name
        (["BỘ Y TẾ", "CỤC QUẢN LÝ DƯỢC", "Số: 120/QĐ-QLD"], "Cục Quản lý dược"),
        (
            ["ỦY BAN MTTQ VIỆT NAM", "TỈNH QUẢNG NGÃI", "BAN THƯỜNG TRỰC", "Số 156/KH-MTTQ-BTT"],
            "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ngãi",
        ),
        # a board under a province's Party organisation, printed as it is (probes BC, BD, AZ)
        (["ĐẢNG BỘ TỈNH NINH BÌNH", "BAN CHẤP HÀNH", "*", "Số 08-NQ/TU"], "Ban Chấp hành Đảng bộ tỉnh Ninh Bình"),
        (
            ["ĐẢNG BỘ TỈNH NGHỆ AN", "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ", "*", "Số 05-TB/BCĐ"],
            "Ban Chỉ đạo phát triển khoa học, công nghệ tỉnh Nghệ An",
        ),
        # a hospital under its department issues under its own name, with the department's province
        (
            ["SỞ Y TẾ THANH HÓA", "BỆNH VIỆN ĐA KHOA TỈNH", "-------", "Số: 58/KH-BV"],
            "Bệnh viện Đa khoa tỉnh Thanh Hóa",
        ),
        (
            ["SỞ Y TẾ TỈNH ĐỒNG NAI", "TRUNG TÂM KIỂM SOÁT BỆNH TẬT TỈNH", "Số: 12/KH-KSBT"],
            "Trung tâm Kiểm soát bệnh tật tỉnh Đồng Nai",
        ),
        # ... and a child organ printed over two lines
        (
            ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH", "MỤC TIÊU QUỐC GIA", "Số: 05/QĐ-BCĐ"],
            "Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh Quảng Ngãi",
        ),
        # a text cut from its header names its author where it speaks
        (["Tại phiên họp ngày 17/7/2025, Bộ Chính trị kết luận như sau:", "- Thống nhất chủ trương."], "Bộ Chính trị"),
    ],
)
def test_metadata_issuer_from_a_two_line_header_or_the_speaker(header, issuer):
    from extraction.metadata import find_issuer

    assert find_issuer(header) == issuer


@pytest.mark.parametrize(
    ("header", "trailer", "issuer"),
    [
        # a commune's organ printed under its province is the commune's own
        (
            ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", "Số: 45/KH-UBND"],
            [],
            "Ủy ban nhân dân xã Tân Phú",
        ),
        # a Party committee's Standing Board signs for it
        (
            ["TỈNH ỦY LÀO CAI", "*", "Số: 12-TB/TU"],
            ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"],
            "Ban Thường vụ Tỉnh ủy Lào Cai",
        ),
        (
            ["ĐẢNG BỘ TỈNH NGHỆ AN", "ĐẢNG ỦY XÃ NGHĨA ĐÀN", "*", "Số: 15-TB/ĐU"],
            ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"],
            "Ban Thường vụ Đảng ủy xã Nghĩa Đàn",
        ),
        # ... not a People's Committee, whose members sign "T/M ỦY BAN NHÂN DÂN"
        (
            ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: 12/KH-UBND"],
            ["T/M ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            "Ủy ban nhân dân tỉnh Lào Cai",
        ),
    ],
)
def test_metadata_issuer_of_a_commune_and_of_a_standing_board(header, trailer, issuer):
    from extraction.metadata import find_issuer

    assert find_issuer(header, trailer) == issuer


def test_metadata_number_with_the_year_of_a_legal_document():
    assert find_number(["HỘI ĐỒNG NHÂN DÂN TỈNH BẮC NINH", "Số: 45/2025/NQ-HĐND"]) == "45/2025/NQ-HĐND"


def test_metadata_a_letters_summary_stops_at_the_place_and_date_line():
    from extraction.metadata import find_title

    header = [
        "SỞ TÀI CHÍNH",
        "Số: 4521/STC-QLNS",
        "V/v xây dựng dự toán ngân sách",
        "nhà nước năm 2027",
        "Nghệ An, ngày 18 tháng 11 năm 2026",
        "Kính gửi: Ủy ban nhân dân các xã, phường.",
    ]
    assert find_title(header) == "xây dựng dự toán ngân sách nhà nước năm 2027"


def test_metadata_a_letters_summary_stops_at_the_national_motto():
    from extraction.metadata import find_title

    header = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH QUẢNG TRỊ",
        "Số: 2345/UBND-KT",
        "V/v triển khai Nghị định số 175/2025/NĐ-CP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quảng Trị, ngày 20 tháng 10 năm 2025",
    ]
    assert find_title(header) == "triển khai Nghị định số 175/2025/NĐ-CP"


def test_metadata_the_summary_on_the_line_after_the_type():
    from extraction.metadata import find_title

    header = [
        "HỘI ĐỒNG NHÂN DÂN",
        "TỈNH QUẢNG TRỊ",
        "Số: 45/2025/NQ-HĐND",
        "Quảng Trị, ngày 10 tháng 12 năm 2025",
        "NGHỊ QUYẾT",
        "Quy định mức chi hỗ trợ công tác phổ cập giáo dục",
        "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG TRỊ",
    ]
    assert find_title(header) == "Quy định mức chi hỗ trợ công tác phổ cập giáo dục"
    # an operative line after the type is no summary
    assert find_title(["QUYẾT ĐỊNH", "Điều 2. Tổ chức thực hiện"]) is None
    assert find_title(["KẾ HOẠCH", "Căn cứ Luật Tổ chức chính quyền địa phương;"]) is None


def test_metadata_signer_before_a_long_annex_and_not_in_its_rows():
    from extraction.metadata import read_metadata

    head = "THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 512/QĐ-TTg\nHà Nội, ngày 16 tháng 3 năm 2026\nQUYẾT ĐỊNH\n"
    body = "".join(f"{i}. Bộ Tài chính theo dõi dự án số {i}.\n" for i in range(1, 20))
    body += "Điều 1. Bộ Tài chính theo dõi, tổng hợp tình hình giải ngân.\nNơi nhận:\n- Lưu: VT.\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nHồ Đức Phớc\n"
    annex = "PHỤ LỤC\nSTT | Nội dung | Cơ quan chủ trì\n" + "".join(
        f"{i} | Hoàn thành bàn giao mặt bằng dự án số {i} | UBND TP. Hà Nội\n" for i in range(1, 50)
    )
    assert read_metadata(head + body + annex).signer == "Hồ Đức Phớc"
    assert read_metadata(head + body + annex[:200]).signer == "Hồ Đức Phớc"
    # an annex heading in sentence case starts an annex as well
    assert read_metadata(head + body + annex.replace("PHỤ LỤC", "Phụ lục")).signer == "Hồ Đức Phớc"


def test_metadata_a_secrecy_stamp_under_the_organ_and_a_rank_before_the_signer():
    text = (
        "BỘ CÔNG AN\nMẬT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 218/KH-BCA-C02\nHà Nội, ngày 05 tháng 5 năm 2026\n"
        "KẾ HOẠCH\nMở đợt cao điểm tấn công, trấn áp tội phạm\n1. Cục Tài chính bảo đảm kinh phí.\n"
        "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrung tướng Nguyễn Văn Long\n"
    )
    info = read_metadata(text)
    assert (info.issuer, info.secrecy, info.signer) == ("Bộ Công an", "Mật", "Nguyễn Văn Long")


def test_metadata_a_mass_organisation_s_committee_its_standing_board_and_a_highland_signer():
    text = (
        "BCH ĐOÀN TNCS HỒ CHÍ MINH\nTỈNH GIA LAI\nSố: 112-CTr/TĐTN-PT\nGia Lai, ngày 10 tháng 02 năm 2027\n"
        "CHƯƠNG TRÌNH\nTháng Thanh niên năm 2027\n1. Văn phòng Tỉnh đoàn bố trí kinh phí.\n"
        "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nPHÓ BÍ THƯ\nRơ Châm Hlim\n"
    )
    info = read_metadata(text)
    assert (info.issuer, info.signer) == (
        "Ban Thường vụ Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Gia Lai",
        "Rơ Châm Hlim",
    )
    women = "HỘI LHPN VIỆT NAM\nBAN CHẤP HÀNH HỘI LHPN TỈNH CÀ MAU\nSố: 21/KH-HPN\nCà Mau, ngày 05 tháng 3 năm 2027\nKẾ HOẠCH\n"
    assert (
        read_metadata(women + "1. Văn phòng Hội bố trí kinh phí.\n").issuer
        == "Ban Chấp hành Hội Liên hiệp Phụ nữ tỉnh Cà Mau"
    )


@pytest.mark.parametrize(
    "header, issuer",
    [
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nTHANH TRA TỈNH\n", "Thanh tra tỉnh Quảng Ngãi"),
        ("KIỂM TOÁN NHÀ NƯỚC\nKIỂM TOÁN NHÀ NƯỚC KHU VỰC II\n", "Kiểm toán nhà nước khu vực II"),
        (
            "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO\nVIỆN KIỂM SÁT NHÂN DÂN\nTỈNH NGHỆ AN\n",
            "Viện kiểm sát nhân dân tỉnh Nghệ An",
        ),
    ],
)
def test_metadata_an_inspectorate_an_audit_region_and_a_provincial_procuracy_issue_under_their_own_names(
    header, issuer
):
    text = (
        header
        + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 52/KL-TTr\nQuảng Ngãi, ngày 16 tháng 6 năm 2026\nKẾT LUẬN\n1. Sở Y tế rà soát.\n"
    )
    assert read_metadata(text).issuer == issuer


def test_metadata_two_column_blocks_laid_out_with_spaces_or_merged_into_recipient_lines():
    """pdftotext -layout keeps the header's columns apart with spaces; pdfplumber merges the
    signature column into the "Nơi nhận" lines (probes BT, BV, BY)."""
    head = "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1125/KH-BGDĐT" + " " * 25 + "Hà Nội, ngày 14 tháng 8 năm 2026\nKẾ HOẠCH\n"
    body = (
        "Thực hiện Chỉ thị số 31/CT-TTg ngày 20/7/2026 của Thủ tướng Chính phủ:\n1. Vụ Pháp chế rà soát các quy định.\n"
    )
    merged = "Nơi nhận: TL. GIÁM ĐỐC\n- Như trên; CHÁNH VĂN PHÒNG\n- Lưu: VT, VP. Lê Thị Thu Hà\n"
    layout = "Nơi nhận:" + " " * 30 + "KT. CHỦ TỊCH\n- Sở Xây dựng;" + " " * 30 + "Trần Thị Ngọc Lan\n- Lưu: VT, KT.\n"
    assert read_metadata(head + body + merged).issued == date(2026, 8, 14)
    assert read_metadata(head + body + merged).signer == "Lê Thị Thu Hà"
    assert read_metadata(head + body + layout).signer == "Trần Thị Ngọc Lan"
    # a recipient's line with no name after it names no signer
    assert find_signer(["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]) is None


def test_metadata_a_ministry_party_committee_and_a_steering_committee_named_for_its_province():
    """Probes BU, BV."""
    party = (
        "ĐẢNG BỘ CHÍNH PHỦ\nĐẢNG ỦY BỘ TÀI CHÍNH\n*\nSố 12-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Hà Nội, ngày 05 tháng 12 năm 2025\nKẾ HOẠCH\n1. Văn phòng Đảng ủy theo dõi.\nT/M ĐẢNG ỦY\nBÍ THƯ\nLê Văn An\n"
    )
    assert read_metadata(party).issuer == "Đảng ủy Bộ Tài chính"
    board = (
        "UBND TỈNH NINH BÌNH\nBAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ\nVÀ ĐỀ ÁN 06 TỈNH\nSố: 07/QĐ-BCĐ\n"
        "Ninh Bình, ngày 15 tháng 12 năm 2025\nQUYẾT ĐỊNH\nĐiều 1. Giao Sở Khoa học và Công nghệ thành lập Tổ giúp việc.\n"
    )
    assert read_metadata(board).issuer.lower() == "ban chỉ đạo chuyển đổi số và đề án 06 tỉnh ninh bình"


def test_metadata_a_mat_stamp_under_a_party_number_ending_in_tu():
    """ "Số 468-TB/TU" then "MẬT": the number's symbol is no cut "TUYỆT" (probe CE)."""
    text = (
        "TỈNH ỦY CAO BẰNG\nSố 468-TB/TU\nMẬT\nCao Bằng, ngày 24 tháng 02 năm 2026\nTHÔNG BÁO\n"
        "Văn phòng Tỉnh ủy theo dõi, đôn đốc, báo cáo Thường trực Tỉnh ủy.\n"
    )
    assert read_metadata(text).secrecy == "Mật"


def test_metadata_the_signer_of_a_decision_that_issues_a_regulation():
    """The regulation printed after the decision's signature pushes it out of the last lines (probe CF)."""
    head = "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 47/2025/QĐ-UBND\nGia Lai, ngày 20 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
    decision = "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\nNơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Hữu Quang\n"
    regulation = "QUY CHẾ\nPHỐI HỢP GIỮA SỞ TƯ PHÁP VÀ CÔNG AN TỈNH\n" + "".join(
        f"Điều {i}. Nội dung {i}\nSở Tư pháp phối hợp với Công an tỉnh thực hiện nội dung {i}.\n" for i in range(1, 40)
    )
    assert read_metadata(head + decision + regulation).signer == "Nguyễn Hữu Quang"
