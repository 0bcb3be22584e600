"""Addressees written as a shared head over a list, places as actors, bare local bodies
(made-up sentences; GUIDELINES.md "lead")."""

from datetime import date

import pytest

from extraction.addressees import as_committee, distribute, document_place, localise, place
from extraction.pipeline import extract
from extraction.roles import in_directory


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        (
            "Ủy ban nhân dân các tỉnh, thành phố: Lạng Sơn, Huế",
            ["Ủy ban nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân thành phố Huế"],
        ),
        ("các Bộ: Tài chính, Xây dựng", ["Bộ Tài chính", "Bộ Xây dựng"]),
        # items set apart by semicolons keep their commas, and each item takes the head
        (
            "Văn phòng Trung ương Đảng; các Đảng ủy: Chính phủ; Mặt trận Tổ quốc, các đoàn thể Trung ương; "
            "Bộ Tư pháp và các cấp ủy",
            [
                "Văn phòng Trung ương Đảng",
                "Đảng ủy Chính phủ",
                "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương",
                "Đảng ủy Bộ Tư pháp",
                "các cấp ủy",
            ],
        ),
        # without semicolons an item with its own head ends the list
        ("các Bộ: Tài chính, Xây dựng và Ủy ban nhân dân các tỉnh", ["Bộ Tài chính", "Bộ Xây dựng", "Ủy ban nhân dân các tỉnh"]),
        (
            "Bí thư Tỉnh ủy và Chủ tịch UBND các tỉnh: Cao Bằng, Điện Biên",
            [
                "Bí thư Tỉnh ủy Cao Bằng",
                "Bí thư Tỉnh ủy Điện Biên",
                "Chủ tịch UBND tỉnh Cao Bằng",
                "Chủ tịch UBND tỉnh Điện Biên",
            ],
        ),
        (
            "Bí thư Tỉnh ủy và Chủ tịch UBND các tỉnh, thành phố: Hà Nội, Sơn La",
            [
                "Bí thư Thành ủy Hà Nội",
                "Bí thư Tỉnh ủy Sơn La",
                "Chủ tịch UBND thành phố Hà Nội",
                "Chủ tịch UBND tỉnh Sơn La",
            ],
        ),
        ("Thành phố Hải Phòng và các tỉnh Quảng Ninh, Lào Cai", ["Thành phố Hải Phòng", "tỉnh Quảng Ninh", "tỉnh Lào Cai"]),
        # a ministry has no office in each province: a comma was dropped before the provinces
        (
            "Bộ Xây dựng, Bộ Quốc phòng các tỉnh Ninh Bình, Hưng Yên",
            ["Bộ Xây dựng", "Bộ Quốc phòng", "tỉnh Ninh Bình", "tỉnh Hưng Yên"],
        ),
        ("Sở Y tế các tỉnh Ninh Bình, Hưng Yên", ["Sở Y tế tỉnh Ninh Bình", "Sở Y tế tỉnh Hưng Yên"]),
        (
            "các Bộ: Nông nghiệp và Môi trường, Công an và các cơ quan liên quan",
            ["Bộ Nông nghiệp và Môi trường", "Bộ Công an", "các cơ quan liên quan"],
        ),
        ("Các Bộ, cơ quan liên quan và các Tập đoàn: Điện lực Việt Nam, Dầu khí Việt Nam",
         ["Các Bộ", "cơ quan liên quan", "Tập đoàn Điện lực Việt Nam", "Tập đoàn Dầu khí Việt Nam"]),
    ],
)
def test_addressees_shared_head_distributes_over_its_list(phrase, names):
    assert distribute(phrase, in_directory) == names


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        ("UBND xã Quảng Ngọc, xã Quảng Bình", ["UBND xã Quảng Ngọc", "UBND xã Quảng Bình"]),
        ("Ủy ban nhân dân phường A và phường B", ["Ủy ban nhân dân phường A", "Ủy ban nhân dân phường B"]),
        ("Công an xã A, xã B và xã C", ["Công an xã A", "Công an xã B", "Công an xã C"]),
    ],
)
def test_addressees_a_head_over_places_that_repeat_their_unit_distributes(phrase, names):
    assert distribute(phrase) == names
    assert distribute("Sở Tài chính tỉnh Nghệ An") is None


@pytest.mark.parametrize(
    "phrase",
    ["các Bộ, ngành", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "các tỉnh ủy, thành ủy", "các Ban Đảng Trung ương"],
)
def test_addressees_categories_are_not_distributed(phrase):
    assert distribute(phrase, in_directory) is None


@pytest.mark.parametrize(
    ("name", "committee"),
    [
        ("tỉnh Quảng Trị", "Ủy ban nhân dân tỉnh Quảng Trị"),
        ("Thành phố Đà Nẵng", "Ủy ban nhân dân thành phố Đà Nẵng"),
        ("Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("Thủ đô Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
        ("Bộ Xây dựng", "Bộ Xây dựng"),
        ("tỉnh Không Có", "tỉnh Không Có"),
    ],
)
def test_addressees_place_as_actor_is_its_peoples_committee(name, committee):
    assert as_committee(name) == committee


def test_addressees_bare_local_body_takes_the_documents_province():
    text = (
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 1/TB-VPCP\nTHÔNG BÁO\n"
        "KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC VỚI LÃNH ĐẠO TỈNH QUẢNG NGÃI\n"
        "Nội dung.\n"
    )
    where = document_place(text)
    assert where == place("Quảng Ngãi")
    assert localise("Thường trực Tỉnh ủy", where) == "Thường trực Tỉnh ủy Quảng Ngãi"
    assert localise("Ủy ban nhân dân tỉnh", where) == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert localise("Bộ Tài chính", where) == "Bộ Tài chính"


def test_addressees_a_title_in_sentence_case_names_the_province_too():
    text = (
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 1/TB-VPCP\nTHÔNG BÁO\n"
        "Kết luận của Phó Thủ tướng Chính phủ tại buổi làm việc với lãnh đạo tỉnh Quảng Trị\n"
        "Phó Thủ tướng kết luận như sau:\n"
    )
    where = document_place(text)
    assert where == place("Quảng Trị")
    # a post held in the body, and the province named as the actor
    assert localise("Đồng chí Bí thư Tỉnh ủy", where) == "Đồng chí Bí thư Tỉnh ủy Quảng Trị"
    assert localise("Chủ tịch Ủy ban nhân dân tỉnh", where) == "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị"
    assert localise("Tỉnh", where) == "Ủy ban nhân dân tỉnh Quảng Trị"


def test_addressees_provincial_or_multi_province_documents_have_no_single_place():
    own = "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 5/KH-UBND\nKẾ HOẠCH\nvề việc X tại tỉnh Lào Cai\n"
    many = "VĂN PHÒNG CHÍNH PHỦ\nTHÔNG BÁO\nKẾT LUẬN VỀ CÁC TỈNH HÀ GIANG, TỈNH LẠNG SƠN\n"
    assert document_place(own) is None
    assert document_place(many) is None


NOTICE = """VĂN PHÒNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 900/TB-VPCP
Hà Nội, ngày 10 tháng 11 năm 2025
THÔNG BÁO
KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC VỚI THƯỜNG TRỰC TỈNH ỦY NGHỆ AN
II. NHIỆM VỤ THỜI GIAN TỚI
1. Ủy ban nhân dân các tỉnh, thành phố: Nghệ An, Hà Nội khẩn trương hoàn thành việc giải phóng mặt bằng.
2. Các tỉnh Hà Tĩnh, Lâm Đồng đẩy nhanh tiến độ lập báo cáo nghiên cứu khả thi.
3. Ngân hàng Nhà nước Việt Nam và các ngân hàng thương mại quyết liệt triển khai gói tín dụng.
4. Đề nghị Thường trực Tỉnh ủy tập trung lãnh đạo thực hiện các nhiệm vụ trên.
5. Giao Phó Thủ tướng Chính phủ Trần Văn A trước ngày 15 tháng 12 năm 2025 kiểm tra, đôn đốc các bộ.
"""


def test_addressees_in_the_pipeline():
    tasks = extract(NOTICE.encode("utf-8"), "text/plain").tasks
    leads = [[b.name for b in t.lead] for t in tasks]
    assert leads[0] == ["Ủy ban nhân dân tỉnh Nghệ An", "Ủy ban nhân dân thành phố Hà Nội"]
    assert leads[1] == ["Ủy ban nhân dân tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Lâm Đồng"]
    # a body's name ends where its predicate ("quyết liệt") or a deadline phrase starts
    assert "quyết liệt" not in " ".join(leads[2])
    assert leads[3] == ["Thường trực Tỉnh ủy Nghệ An"]
    assert leads[4] == ["Phó Thủ tướng Chính phủ Trần Văn A"]


@pytest.mark.parametrize(
    ("sentence", "support"),
    [
        ("Giao Bộ Nông nghiệp và Môi trường chỉ đạo Cục Thú y kiểm soát chặt chẽ tiến độ.", ["Cục Thú y"]),
        # a generic body directed is not listed (the gold lists named bodies)
        ("Giao Bộ Tài chính chỉ đạo các cơ quan liên quan rà soát các quy định.", []),
        # "Ban Quản lý dự án" is a whole name ("dự" stops other names: "dự thảo", "dự toán")
        (
            "Giao Bộ Y tế chỉ đạo Ban Quản lý dự án, Bệnh viện Bạch Mai thúc đẩy công tác mua sắm.",
            ["Ban Quản lý dự án", "Bệnh viện Bạch Mai"],
        ),
        # a name right after a generic one says whose units they are
        (
            "Giao Quân ủy Trung ương chủ trì, chỉ đạo các cơ quan chuyên môn Bộ Quốc phòng phối hợp với "
            "Văn phòng Trung ương Đảng triển khai các giải pháp.",
            ["Văn phòng Trung ương Đảng"],
        ),
        # a list that opens with a named body is listed whole, its generic tail included
        (
            "Giao Bộ Tài chính chỉ đạo Cục Thuế và các cơ quan liên quan rà soát các quy định.",
            ["Cục Thuế", "các cơ quan liên quan"],
        ),
    ],
)
def test_roles_directed_body_is_support(sentence, support):
    task = extract(sentence.encode("utf-8"), "text/plain").tasks[0]
    assert [b.name for b in task.support] == support
    assert task.lead and task.lead[0].name not in support


@pytest.mark.parametrize(
    ("sentence", "support"),
    [
        # after a closing qualifier "và" starts another body
        (
            "Bộ Nông nghiệp và Môi trường chủ trì, phối hợp với các cơ quan liên quan và địa phương có rừng xây dựng đề án.",
            ["các cơ quan liên quan", "địa phương có rừng"],
        ),
        # "thuộc" links a group to the body it belongs to, also after "liên quan"
        (
            "Bộ Y tế phối hợp chặt chẽ với các cơ quan liên quan thuộc Bộ Xây dựng, Bộ Quốc phòng hoàn thành dự án.",
            ["các cơ quan liên quan thuộc Bộ Xây dựng", "Bộ Quốc phòng"],
        ),
        # "và" before "đại biểu" starts another addressee
        (
            "Thường trực Hội đồng nhân dân tỉnh phối hợp với các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát.",
            ["các Tổ đại biểu", "đại biểu Hội đồng nhân dân tỉnh"],
        ),
        # a province's tax office is no province acting
        (
            "Sở Tài chính phối hợp với Thuế tỉnh Nghệ An, Kho bạc Nhà nước khu vực X tăng cường quản lý thu ngân sách.",
            ["Thuế tỉnh Nghệ An", "Kho bạc Nhà nước khu vực X"],
        ),
        # a bare acronym after a named group shares its head
        (
            "Bộ Khoa học và Công nghệ chủ trì, phối hợp với các bộ, ngành, Tập đoàn FPT, CMC hoàn thành đề án.",
            ["các bộ, ngành", "Tập đoàn FPT", "Tập đoàn CMC"],
        ),
    ],
)
def test_roles_co_operating_lists_split_where_a_body_ends(sentence, support):
    task = extract(sentence.encode("utf-8"), "text/plain").tasks[0]
    assert [b.name for b in task.support] == support


def test_roles_a_lead_in_passes_down_the_named_body_it_directs():
    text = (
        "Ban Thường vụ Tỉnh ủy kết luận như sau:\n"
        "1. Giao Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh:\n"
        "- Xây dựng kịch bản tăng trưởng năm 2027.\n"
        "- Đẩy nhanh giải ngân vốn đầu tư công.\n"
        "2. Giao Đảng ủy UBND tỉnh chỉ đạo các cơ quan liên quan:\n"
        "- Rà soát các dự án chậm tiến độ.\n"
    )
    tasks = extract(text.encode("utf-8"), "text/plain").tasks
    assert [[b.name for b in t.support] for t in tasks] == [["Ủy ban nhân dân tỉnh"], ["Ủy ban nhân dân tỉnh"], []]
    assert all([b.name for b in t.lead] == ["Đảng ủy Ủy ban nhân dân tỉnh"] for t in tasks)


def test_roles_names_drop_a_footnote_number_and_doubled_spaces():
    text = "Sở Tài chính1 chủ trì, phối hợp với Sở Nông nghiệp và Môi trường2, các địa  phương rà soát kinh phí."
    task = extract(text.encode("utf-8"), "text/plain").tasks[0]
    assert [b.name for b in task.lead] == ["Sở Tài chính"]
    assert [b.name for b in task.support] == ["Sở Nông nghiệp và Môi trường", "các địa phương"]


def test_roles_a_steering_board_leads_without_directing_itself():
    task = extract("Ban Chỉ đạo Phòng thủ dân sự tỉnh theo dõi chặt chẽ diễn biến của bão.".encode(), "text/plain").tasks[0]
    assert [b.name for b in task.lead] == ["Ban Chỉ đạo Phòng thủ dân sự tỉnh"]
    assert task.support == ()


def test_roles_unmarked_paragraph_continues_the_previous_addressee():
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Các tỉnh ủy, thành ủy cụ thể hóa hướng dẫn này phù hợp với thực tiễn địa phương.\n"
        "Bố trí kinh phí, trang bị phương tiện phục vụ công tác biên soạn Bản tin.\n"
    )
    tasks = extract(text.encode("utf-8"), "text/plain").tasks
    assert len(tasks) == 2
    assert [b.name for b in tasks[1].lead] == [b.name for b in tasks[0].lead] != []


def test_segment_inline_enumeration_gives_each_item_its_own_task():
    text = (
        "III. NHIỆM VỤ\n"
        "1. Bộ Công an: (1) Tiếp tục mở rộng Trung tâm Dữ liệu quốc gia, hoàn thành trước ngày 10/12/2026; "
        "(2) Tham mưu ban hành Nghị định về công dân số; "
        "(3) Phát triển ứng dụng định danh với 03 chức năng chính: (i) Lưu trữ dữ liệu; (ii) Xác thực điện tử; (iii) Thanh toán.\n"
        "2. Khẩn trương ban hành chiến lược dữ liệu, hoàn thành trong tháng 12/2026: (1) Thanh tra Chính phủ ban hành chiến lược của ngành; "
        "(2) Bộ Tư pháp ban hành chiến lược của ngành.\n"
    )
    tasks = extract(text.encode("utf-8"), "text/plain").tasks
    texts = [t.text for t in tasks]
    assert len(tasks) == 5, texts
    assert [b.name for t in tasks[:3] for b in t.lead] == ["Bộ Công an"] * 3
    # the enumeration inside one deliverable stays in its task
    assert "(i) Lưu trữ dữ liệu" in texts[2] and "(iii) Thanh toán" in texts[2]
    assert [t.lead[0].name for t in tasks[3:]] == ["Thanh tra Chính phủ", "Bộ Tư pháp"]
    # an item's own deadline, else the lead-in's
    assert tasks[0].deadline.date.isoformat() == "2026-12-10"
    assert tasks[1].deadline.kind == "none"
    assert tasks[3].deadline.date.isoformat() == "2026-12-31"


PLAN = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 12/KH-UBND
KẾ HOẠCH
Chuyển đổi số cho doanh nghiệp
Ủy ban nhân dân Tỉnh ban hành Kế hoạch chuyển đổi số cho các doanh nghiệp với các nội dung như sau:
I. NHIỆM VỤ, GIẢI PHÁP
1. Đẩy mạnh truyền thông về chuyển đổi số cho các doanh nghiệp trên địa bàn.
II. TỔ CHỨC THỰC HIỆN
Các sở, ngành thực hiện nhiệm vụ tại Phụ lục kèm theo.
TM. ỦY BAN NHÂN DÂN
PHỤ LỤC
STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành
I. NÂNG CAO NHẬN THỨC
1 | Triển khai nền tảng đào tạo trực tuyến cho doanh nghiệp | Sở Khoa học và Công nghệ | Sở Tài chính | Quý IV/2026
II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH
2 | Xây dựng bộ tiêu chí đánh giá chuyển đổi số doanh nghiệp | Sở Công Thương | Sở Nội vụ | Thường xuyên
"""


def test_segment_task_table_continues_across_group_rows_and_issuer_is_not_addressee():
    tasks = extract(PLAN.encode("utf-8"), "text/plain").tasks
    rows = [t for t in tasks if t.text.startswith(("Triển khai nền tảng", "Xây dựng bộ tiêu chí"))]
    assert [t.lead[0].name for t in rows] == ["Sở Khoa học và Công nghệ", "Sở Công Thương"]
    assert [b.name for b in rows[1].support] == ["Sở Nội vụ"]
    assert rows[0].deadline.date.isoformat() == "2026-12-31"
    # "Ủy ban nhân dân Tỉnh ban hành Kế hoạch ...:" issues the plan; its unnamed items are not its tasks
    assert not any(t.text.startswith("Đẩy mạnh truyền thông") for t in tasks)


def test_segment_lead_in_naming_its_body_overrides_a_duty_heading():
    text = (
        "Điều 18. Trách nhiệm của các cơ quan, tổ chức\n"
        "1. Các cơ quan đảng có trách nhiệm chia sẻ thông tin dữ liệu với Văn phòng Trung ương Đảng.\n"
        "2. Văn phòng Trung ương Đảng có trách nhiệm:\n"
        "a) Chủ trì, phối hợp với các cơ quan đảng ở Trung ương tổ chức triển khai việc chia sẻ dữ liệu.\n"
        "b) Chủ trì, xây dựng, ban hành Khung kiến trúc dữ liệu.\n"
    )
    tasks = extract(text.encode("utf-8"), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks[1:]] == [["Văn phòng Trung ương Đảng"]] * 2


def test_bodies_department_abbreviations_are_expanded():
    from extraction.roles import canonical_name

    assert canonical_name("Sở KH&CN") == "Sở Khoa học và Công nghệ"
    assert canonical_name("Sở GD&ĐT") == "Sở Giáo dục và Đào tạo"


def test_segment_preamble_last_sentence_names_the_addressee_of_the_items():
    text = (
        "Trẻ em có hoàn cảnh đặc biệt cần được chăm lo. Để làm tốt việc này, yêu cầu cấp uỷ, tổ chức đảng, "
        "chính quyền, đoàn thể các cấp tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau:\n"
        "1. Đổi mới mô hình chăm sóc trẻ em có hoàn cảnh đặc biệt.\n"
        "2. Bảo đảm mọi trẻ bị bỏ rơi đều được tiếp nhận kịp thời.\n"
    )
    tasks = extract(text.encode("utf-8"), "text/plain").tasks
    assert len(tasks) == 2
    for task in tasks:
        assert [b.name for b in task.lead] == ["cấp uỷ", "tổ chức đảng", "chính quyền, đoàn thể các cấp"]


def test_segment_a_reported_conclusion_names_no_addressee():
    text = (
        "Hội nghị đã đánh giá kết quả công tác. Đồng chí Nguyễn Văn A, Chánh Văn phòng Trung ương Đảng "
        "đã phát biểu kết luận Hội nghị như sau:\n"
        "1. Nâng cao chất lượng công tác tham mưu, tổng hợp.\n"
    )
    tasks = extract(text.encode("utf-8"), "text/plain").tasks
    assert all("Chánh Văn phòng" not in b.name for t in tasks for b in t.lead)


LABELLED = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 15/KH-UBND
Lào Cai, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Triển khai Luật Việc làm
III. NHIỆM VỤ CỤ THỂ
1. Phổ biến Luật Việc làm
a) Nhiệm vụ: Tổ chức phổ biến Luật Việc làm cho cán bộ, công chức.
b) Cơ quan thực hiện: Sở Nội vụ.
c) Cơ quan phối hợp: Sở Tư pháp.
d) Thời gian: Quý II năm 2026.
2. Rà soát văn bản
- Đơn vị chủ trì: Sở Tư pháp.
- Đơn vị phối hợp: Sở Nội vụ.
- Thời gian thực hiện: trước ngày 30/6/2026.
- Nội dung: Rà soát các văn bản quy phạm pháp luật của tỉnh.
"""


def test_segment_labelled_fields_give_task_lead_support_and_deadline():
    tasks = extract(LABELLED.encode("utf-8"), "text/plain").tasks
    assert [t.text for t in tasks] == [
        "Tổ chức phổ biến Luật Việc làm cho cán bộ, công chức.",
        "Rà soát các văn bản quy phạm pháp luật của tỉnh.",
    ]
    assert [(t.lead[0].name, t.support[0].name) for t in tasks] == [("Sở Nội vụ", "Sở Tư pháp"), ("Sở Tư pháp", "Sở Nội vụ")]
    assert [str(t.deadline.date) for t in tasks] == ["2026-06-30", "2026-06-30"]


DIRECTIVE = """THỦ TƯỚNG CHÍNH PHỦ
Số: 20/CT-TTg
Hà Nội, ngày 5 tháng 5 năm 2026
CHỈ THỊ
Thực hiện Quyết định số 99/QĐ-TTg ngày 1/1/2025 của Thủ tướng Chính phủ, Thủ tướng Chính phủ yêu cầu:
1. Mục tiêu: Hoàn thành mục tiêu phủ sóng 5G trên toàn quốc.
2. Bộ Khoa học và Công nghệ cần đẩy nhanh việc cấp phép băng tần.
3. Đối với Bộ Tài chính: Bố trí đủ kinh phí cho chương trình.
4. Các địa phương phải rà soát quy hoạch hạ tầng viễn thông.
5. Đồng ý chủ trương đầu tư Dự án Trung tâm dữ liệu quốc gia.
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Nguyễn Văn B
"""


def test_segment_directives_without_a_cue_verb_are_tasks_goals_and_approvals_are_not():
    proposal = extract(DIRECTIVE.encode("utf-8"), "text/plain")
    leads = [[b.name for b in t.lead] for t in proposal.tasks]
    assert leads == [["Bộ Khoa học và Công nghệ"], ["Bộ Tài chính"], ["Các địa phương"]]
    assert not any(t.text.startswith(("Mục tiêu", "Hoàn thành mục tiêu", "Đồng ý")) for t in proposal.tasks)
    # the document's own number and issuer, from its header, not the decision it cites
    assert proposal.document.number == "20/CT-TTg"
    assert proposal.document.issuer == "Thủ tướng Chính phủ"


def test_roles_a_generic_addressee_described_up_to_its_duty_is_one_name():
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Các cơ quan quản lý nhà nước, tổ chức, cá nhân liên quan có trách nhiệm chấp hành nghiêm quy định về tài nguyên nước.\n"
        "2. Các đơn vị cấp nước sạch trên địa bàn tỉnh có trách nhiệm\n"
        "a) Đầu tư mở rộng mạng lưới cấp nước.\n"
        "3. Tất cả lực lượng tham gia thực hiện Kế hoạch này phải tuân thủ quy định an toàn.\n"
        "4. Các sở, ngành chủ động rà soát quy định, phải báo cáo kết quả trước ngày 15/12/2026.\n"
    )
    leads = [[b.name for b in t.lead] for t in extract(text.encode("utf-8"), "text/plain").tasks]
    assert leads == [
        ["Các cơ quan quản lý nhà nước, tổ chức, cá nhân liên quan"],
        ["Các đơn vị cấp nước sạch trên địa bàn tỉnh"],
        ["Tất cả lực lượng tham gia thực hiện Kế hoạch này"],
        # a comma before the duty opens a second clause: the name ends at its predicate
        ["Các sở, ngành"],
    ]


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        # a common role glossed with the proper name of who plays it is that name
        ("Yêu cầu Nhà đầu tư (Tập đoàn Đèo Cả) rà soát kế hoạch thi công.", ["Tập đoàn Đèo Cả"]),
        # a named body glossed with its parent keeps its words
        (
            "1. Trung tâm Dịch vụ việc làm (Sở Nội vụ) tổ chức tư vấn việc làm.",
            ["Trung tâm Dịch vụ việc làm (Sở Nội vụ)"],
        ),
    ],
)
def test_roles_a_glossed_role_takes_the_proper_name(sentence, lead):
    task = extract(sentence.encode("utf-8"), "text/plain").tasks[0]
    assert [b.name for b in task.lead] == lead


def test_roles_a_department_of_every_province_is_one_addressee():
    text = "3. Đề nghị Sở Y tế các tỉnh, thành phố trực thuộc Trung ương:\n- Tham mưu ban hành kế hoạch phòng, chống dịch bệnh.\n"
    task = extract(text.encode("utf-8"), "text/plain").tasks[0]
    assert [b.name for b in task.lead] == ["Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"]


def test_roles_a_list_of_local_units_is_read_whole():
    # "Trạm Y tế các xã" is one addressee: its head is not read again as another body
    text = "1. Sở Công Thương chủ trì, phối hợp với Sở Tài chính, Trạm Y tế các xã, Công an tỉnh kiểm tra.\n"
    task = extract(text.encode("utf-8"), "text/plain").tasks[0]
    assert [b.name for b in task.support] == ["Sở Tài chính", "Trạm Y tế các xã", "Công an tỉnh"]


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        # a lower-case gloss says what the body is, it names no other body
        ("1. Sở Nội vụ (cơ quan thường trực) tổng hợp báo cáo kết quả.", ["Sở Nội vụ"]),
        ("1. Giao Đảng uỷ Chính phủ, Đảng uỷ Quốc hội (theo phạm vi, lĩnh vực) chủ trì rà soát.", ["Đảng ủy Chính phủ", "Đảng ủy Quốc hội"]),
    ],
)
def test_roles_a_lower_case_gloss_is_no_body(sentence, lead):
    task = extract(sentence.encode("utf-8"), "text/plain").tasks[0]
    assert [b.name for b in task.lead] == lead


def test_segment_prohibitions_are_tasks():
    text = "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành thực hiện các nội dung sau:\n- Không tổ chức đi thăm, chúc Tết cấp trên.\n- Tuyệt đối không để xảy ra tình trạng thiếu hàng.\n"
    tasks = extract(text.encode("utf-8"), "text/plain").tasks
    assert [t.text for t in tasks] == ["Không tổ chức đi thăm, chúc Tết cấp trên.", "Tuyệt đối không để xảy ra tình trạng thiếu hàng."]


@pytest.mark.parametrize(
    ("sentence", "lead", "support"),
    [
        # the co-operating bodies named before their cue
        (
            "1. Sở Y tế chủ trì, Sở Tài chính và Bảo hiểm xã hội tỉnh phối hợp tổ chức khám sức khỏe.",
            ["Sở Y tế"],
            ["Sở Tài chính", "Bảo hiểm xã hội tỉnh"],
        ),
        # "(chủ trì)" marks the lead of a list; the others co-operate
        (
            "1. Sở Y tế (chủ trì), Sở Tài chính, Bảo hiểm xã hội tỉnh tổ chức khám sức khỏe.",
            ["Sở Y tế"],
            ["Sở Tài chính", "Bảo hiểm xã hội tỉnh"],
        ),
        # a clause naming only the co-operating bodies does not split the task
        (
            "1. Giao Sở Y tế chủ trì; Sở Tài chính, Bảo hiểm xã hội tỉnh phối hợp tổ chức khám sức khỏe.",
            ["Sở Y tế"],
            ["Sở Tài chính", "Bảo hiểm xã hội tỉnh"],
        ),
    ],
)
def test_roles_inline_role_patterns(sentence, lead, support):
    [task] = extract(sentence.encode("utf-8"), "text/plain").tasks
    assert ([b.name for b in task.lead], [b.name for b in task.support]) == (lead, support)


def test_roles_fields_and_cells_that_name_both_roles():
    text = (
        "KẾ HOẠCH\nPhòng chống thiên tai\nIII. TỔ CHỨC THỰC HIỆN\n"
        "1. Diễn tập phòng chống thiên tai\n- Nội dung: Tổ chức diễn tập ứng phó bão lũ cấp tỉnh.\n"
        "- Cơ quan thực hiện: Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp với Ủy ban nhân dân các xã, phường.\n"
        "- Thời gian: Quý II/2026.\n"
        "2. Rà soát khu dân cư vùng sạt lở\n- Chủ trì: Sở Nông nghiệp và Môi trường.\n"
        "- Phối hợp: Sở Xây dựng, Ủy ban nhân dân các xã.\n- Thời gian thực hiện: Theo kế hoạch.\n"
        "PHỤ LỤC\nSTT | Nội dung | Cơ quan thực hiện | Thời gian\n"
        "1 | Cập nhật bản đồ rủi ro thiên tai | Sở Nông nghiệp và Môi trường (chủ trì); Sở Tư pháp, "
        "Ủy ban nhân dân các xã | Tháng 12 hằng năm\n"
    )
    tasks = extract(text.encode("utf-8"), "text/plain", issued=date(2025, 11, 10)).tasks
    assert [([b.name for b in t.lead], [b.name for b in t.support], t.deadline.kind.value) for t in tasks] == [
        (["Bộ Chỉ huy Quân sự tỉnh"], ["Ủy ban nhân dân các xã, phường"], "period"),
        (["Sở Nông nghiệp và Môi trường"], ["Sở Xây dựng", "Ủy ban nhân dân các xã"], "relative"),
        (["Sở Nông nghiệp và Môi trường"], ["Sở Tư pháp", "Ủy ban nhân dân các xã"], "recurring"),
    ]


@pytest.mark.parametrize(
    ("sentence", "lead", "support"),
    [
        # a province or city named as an actor is its People's Committee, in a list too
        ("1. Đà Nẵng khẩn trương hoàn thành dự án trong năm 2026.", ["Ủy ban nhân dân thành phố Đà Nẵng"], []),
        (
            "1. Hà Nội, Thành phố Hồ Chí Minh, Đà Nẵng nghiên cứu, thí điểm mô hình.",
            ["Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "Ủy ban nhân dân thành phố Đà Nẵng"],
            [],
        ),
        ("1. Ủy ban nhân dân tỉnh Bắc Ninh, Hưng Yên rà soát quy hoạch.", ["Ủy ban nhân dân tỉnh Bắc Ninh", "Ủy ban nhân dân tỉnh Hưng Yên"], []),
        # a name ends with its sentence (an abbreviation's full stop is no sentence end)
        ("1. Giao UBND TP. Hồ Chí Minh phối hợp với Bộ Y tế. Hoàn thành trong tháng 12/2025.", ["Ủy ban nhân dân Thành phố Hồ Chí Minh"], ["Bộ Y tế"]),
        # members and working groups are addressees
        ("1. Các thành viên Ban Chỉ đạo chịu trách nhiệm theo dõi lĩnh vực được phân công.", ["Các thành viên Ban Chỉ đạo"], []),
    ],
)
def test_roles_places_members_and_sentence_ends(sentence, lead, support):
    text = "THÔNG BÁO\nKết luận của Thủ tướng Chính phủ về các công trình, dự án trọng điểm\n" + sentence
    [task] = extract(text.encode("utf-8"), "text/plain", issued=date(2025, 12, 1)).tasks
    assert ([b.name for b in task.lead], [b.name for b in task.support]) == (lead, support)


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        # a shared head over a list after a colon, lower-case kinds and places included
        ("1. Các sở: Xây dựng, Công Thương phối hợp kiểm tra.", ["Sở Xây dựng", "Sở Công Thương"]),
        ("1. Giao UBND các huyện: Văn Chấn, Trấn Yên rà soát.", ["Ủy ban nhân dân huyện Văn Chấn", "Ủy ban nhân dân huyện Trấn Yên"]),
        ("1. Các địa phương: Hà Tĩnh, Huế chủ động sơ tán người dân.", ["Ủy ban nhân dân tỉnh Hà Tĩnh", "Ủy ban nhân dân thành phố Huế"]),
        ("1. Các địa phương (Hà Tĩnh, Huế) chủ động sơ tán người dân.", ["Ủy ban nhân dân tỉnh Hà Tĩnh", "Ủy ban nhân dân thành phố Huế"]),
        # a head written once over several names
        ("1. Sở Tài chính, Xây dựng, Công Thương rà soát các dự án.", ["Sở Tài chính", "Sở Xây dựng", "Sở Công Thương"]),
        # ... but a name with a comma inside is one name
        ("1. Bộ Văn hóa, Thể thao và Du lịch tổ chức lễ hội.", ["Bộ Văn hóa, Thể thao và Du lịch"]),
    ],
)
def test_roles_shared_heads_over_lists(sentence, lead):
    text = "THÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân tỉnh về công tác phòng, chống thiên tai\n" + sentence
    [task] = extract(text.encode("utf-8"), "text/plain", issued=date(2025, 12, 1)).tasks
    assert [b.name for b in task.lead] == lead


def test_roles_one_body_by_its_names_in_different_provinces_is_one_lead():
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao các tỉnh, thành phố chủ trì rà soát quy hoạch.\n"
        "2. Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh tuần tra khu vực biên giới.\n"
    )
    tasks = extract(text.encode("utf-8"), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao các tỉnh, thành phố"],
        ["Bộ Chỉ huy Quân sự tỉnh", "Ban Chỉ huy Bộ đội Biên phòng tỉnh"],
    ]


TIMED_TABLE = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 12/KH-UBND
Lào Cai, ngày 10 tháng 01 năm 2027
KẾ HOẠCH
Triển khai chương trình công tác năm 2027
STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm
I | QUÝ I |  |  |  |
1 | Xây dựng Đề án phát triển du lịch cộng đồng | Sở Văn hóa, Thể thao và Du lịch | Sở Tài chính |  | Đề án
2 | Tổ chức Hội nghị phổ biến luật mới cho cán bộ cấp xã | Sở Tư pháp chủ trì; Sở Nội vụ phối hợp | | Quý II/2027 | Hội nghị
3 | Xây dựng, vận hành cơ sở dữ liệu | Sở Khoa học và Công nghệ | Sở Tài chính | Năm 2027 | Cơ sở dữ liệu
 | về chuyển đổi số của tỉnh |  |  |  | được vận hành
TM. ỦY BAN NHÂN DÂN
"""


def test_segment_task_table_rows_take_a_group_time_and_roles_written_in_one_cell():
    tasks = extract(TIMED_TABLE.encode("utf-8"), "text/plain").tasks
    assert len(tasks) == 3  # the wrapped line of row 3 is no task of its own
    # "I | QUÝ I": the time of the rows under it that have none
    assert (tasks[0].deadline.kind.value, tasks[0].deadline.date) == ("period", date(2027, 3, 31))
    # "X chủ trì; Y phối hợp" in the lead column
    assert [b.name for b in tasks[1].lead] == ["Sở Tư pháp"]
    assert [b.name for b in tasks[1].support] == ["Sở Nội vụ"]


def test_roles_a_gloss_that_says_what_a_body_does_is_not_its_name():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nSố: 12/UBND-KT\nQuảng Trị, ngày 10 tháng 9 năm 2027\nCÔNG VĂN\n"
        "1. Giao Sở Nông nghiệp và Môi trường (Cơ quan thường trực Ban Chỉ huy Phòng thủ dân sự tỉnh) chủ trì, "
        "phối hợp với Công an tỉnh theo dõi chặt chẽ diễn biến của áp thấp nhiệt đới.\n"
    )
    (task,) = extract(text.encode("utf-8"), "text/plain").tasks
    assert [b.name for b in task.lead] == ["Sở Nông nghiệp và Môi trường"]


def test_segment_a_letters_request_that_names_no_body_asks_its_addressee():
    text = (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 123/SGDĐT-GDTrH\nVinh, ngày 10 tháng 9 năm 2027\nCÔNG VĂN\n"
        "Kính gửi: Hiệu trưởng các trường trung học phổ thông.\n"
        "Đề nghị tổng hợp kết quả rà soát theo Mẫu số 01 đính kèm, gửi về Sở trước 16h00 ngày 25/9/2027.\n"
        "Các nhà trường phối hợp với Ủy ban nhân dân cấp xã vận động học sinh đã bỏ học trở lại lớp.\n"
    )
    tasks = extract(text.encode("utf-8"), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Hiệu trưởng các trường trung học phổ thông"],
        ["Các nhà trường"],
    ]
    assert tasks[0].deadline.date == date(2027, 9, 25)


SHAPED_TABLE = """ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ -------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
Số: 25/KH-UBND | Quảng Trị, ngày 15 tháng 01 năm 2026
KẾ HOẠCH
Phòng, chống thiên tai năm 2026
PHỤ LỤC
TT | Nội dung công việc | Đơn vị thực hiện | | Thời gian thực hiện
 | | Chủ trì | Phối hợp |
1 | Rà soát, cập nhật phương án ứng phó thiên tai theo các cấp độ rủi ro | Sở Nông nghiệp và Môi trường | Các sở, ngành | Quý I/2026
2 | Xây dựng hệ thống giám sát tài nguyên nước liên tỉnh, bảo đảm kết nối dữ liệu | Sở Khoa học và Công nghệ | Sở Tài chính; Trung tâm | Năm 2027
 | trực tuyến về hệ thống cơ sở dữ liệu quốc gia | | Điều tra tài nguyên nước | |
3 | Rà soát, sắp xếp tổ chức bên trong các cơ quan chuyên môn | UBND tỉnh (Sở Nội vụ tham mưu) | Các sở, ban, ngành | Trước 30/6/2026
4 | Sơ tán, di dời dân cư ở khu vực nguy hiểm khi có bão, lũ | Công an tỉnh | Các xã, phường | Khi có tình huống
"""


def test_segment_task_table_shapes_of_converted_documents():
    tasks = extract(SHAPED_TABLE.encode("utf-8"), "text/plain").tasks
    # the letterhead row is no task; the row wrapped over several cells is none either
    assert len(tasks) == 4
    # a header on two rows: "Đơn vị thực hiện" over "Chủ trì | Phối hợp"
    assert [b.name for b in tasks[0].support] == ["Các sở, ngành"]
    # who advises the lead is no part of its name
    assert [b.name for b in tasks[2].lead] == ["Ủy ban nhân dân tỉnh"]
    # an event times the work (GUIDELINES: relative)
    assert tasks[3].deadline.kind.value == "relative"
