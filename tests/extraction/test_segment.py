"""Task segmentation on small documents written for each rule of GUIDELINES.md."""

from datetime import date

import pytest

from extraction.grammar import starts_with_body
from extraction.segment import segment, split_assignments
from extraction.types import Span

HEADER = (
    "BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/TB-BTC\nHà Nội, ngày 10 tháng 12 năm 2025\nTHÔNG BÁO\n"
)
TRAILER = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nThứ trưởng\nNguyễn Văn A\n"


def _tasks(body):
    text = HEADER + body + TRAILER
    out = []
    for d in segment(text):
        lead = d.lead or d.inherited_lead
        out.append((text[d.span.start : d.span.end], text[lead.start : lead.end] if lead else None))
    return out


def test_segment_one_task_per_enumerated_item_with_inherited_addressee():
    tasks = _tasks(
        "Để tăng cường công tác quản lý trong thời gian tới, Bộ trưởng yêu cầu các đơn vị thực hiện tốt các nội dung sau:\n"
        "1. Vụ Ngân sách nhà nước:\n"
        "a) Chủ trì rà soát các quy định về phân bổ ngân sách.\n"
        "b) Báo cáo Bộ trưởng kết quả thực hiện.\n"
        "2. Cục Quản lý nợ chủ trì xây dựng đề án quản lý nợ công."
    )
    assert tasks == [
        ("Chủ trì rà soát các quy định về phân bổ ngân sách.", "Vụ Ngân sách nhà nước"),
        ("Báo cáo Bộ trưởng kết quả thực hiện.", "Vụ Ngân sách nhà nước"),
        ("Cục Quản lý nợ chủ trì xây dựng đề án quản lý nợ công.", "Cục Quản lý nợ"),
    ]


def test_segment_lead_in_passes_addressee_down():
    tasks = _tasks(
        "Thời gian qua, công tác quản lý đã đạt được nhiều kết quả tích cực nhưng vẫn còn một số hạn chế cần khắc phục.\n"
        "Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nội dung sau:\n"
        "- Quán triệt sâu sắc các quy định của Đảng.\n"
        "- Kiểm tra, giám sát việc thực hiện."
    )
    assert [lead for _, lead in tasks] == ["các cấp ủy, tổ chức đảng"] * 2
    assert len(tasks) == 2


def test_segment_skips_bases_assessments_approvals_and_execution_clause():
    tasks = _tasks(
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025 và các văn bản hướng dẫn thi hành có liên quan;\n"
        "1. Đồng ý chủ trương xây dựng Đề án phát triển thị trường các-bon tại Việt Nam.\n"
        "2. Bộ Tài chính đã nghiêm túc thực hiện ý kiến chỉ đạo của Lãnh đạo Chính phủ.\n"
        "3. Bộ Tài chính hoàn thiện dự thảo Quyết định, trình Thủ tướng Chính phủ.\n"
        "Điều 4. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Quyết định này."
    )
    assert tasks == [("Bộ Tài chính hoàn thiện dự thảo Quyết định, trình Thủ tướng Chính phủ.", "Bộ Tài chính")]


def test_segment_background_sections_are_not_tasks():
    tasks = _tasks(
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Bảo đảm triển khai đồng bộ các nhiệm vụ.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ chủ trì hướng dẫn, kiểm tra việc thực hiện Kế hoạch."
    )
    assert tasks == [("Sở Nội vụ chủ trì hướng dẫn, kiểm tra việc thực hiện Kế hoạch.", "Sở Nội vụ")]


def test_segment_task_table_rows():
    text = (
        HEADER + "Phụ lục nhiệm vụ kèm theo Kế hoạch này gồm các nhiệm vụ được phân công cụ thể như sau:\n"
        "TT | Nội dung/nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện\n"
        "1 | Xây dựng cơ sở dữ liệu nhiệm vụ | Văn phòng | Sở Tài chính | Quý III năm 2026\n"
        "2 | Tập huấn cán bộ | Sở Nội vụ | Các sở, ngành | Thường xuyên\n" + TRAILER
    )
    drafts = segment(text)
    assert [text[d.span.start : d.span.end] for d in drafts] == [
        "Xây dựng cơ sở dữ liệu nhiệm vụ",
        "Tập huấn cán bộ",
    ]
    first = drafts[0]
    assert text[first.lead.start : first.lead.end] == "Văn phòng"
    assert text[first.support.start : first.support.end] == "Sở Tài chính"
    assert text[first.deadline_cell.start : first.deadline_cell.end] == "Quý III năm 2026"


def test_segment_labelled_fields_make_one_task():
    tasks = _tasks(
        "II. NỘI DUNG\n"
        "1. Phổ biến, giáo dục Luật Việc làm\n"
        "- Nội dung thực hiện: Tổ chức phổ biến Luật Việc làm cho người lao động.\n"
        "- Cơ quan chủ trì: Sở Nội vụ.\n"
        "- Thời gian thực hiện: Năm 2026."
    )
    assert tasks == [("Tổ chức phổ biến Luật Việc làm cho người lao động.", "Sở Nội vụ.")]


def test_segment_document_without_tasks_gives_nothing():
    assert (
        _tasks(
            "Ngày 28 tháng 11 năm 2025, Bộ Tài chính đã tổ chức hội nghị tổng kết công tác năm 2025 với sự tham dự của các đơn vị.\n"
            "Hội nghị đã đánh giá cao kết quả đạt được trong năm."
        )
        == []
    )


def test_segment_split_sentence_giving_work_to_another_body():
    text = (
        "Bộ Nông nghiệp và Phát triển nông thôn khẩn trương có văn bản gửi Bộ Tài chính. "
        "Bộ Tài chính, Bộ Nông nghiệp và Phát triển nông thôn thống nhất về nội dung này."
    )
    pieces = split_assignments(text, Span(0, len(text)))
    assert [text[p.start : p.end] for p in pieces] == [
        "Bộ Nông nghiệp và Phát triển nông thôn khẩn trương có văn bản gửi Bộ Tài chính.",
        "Bộ Tài chính, Bộ Nông nghiệp và Phát triển nông thôn thống nhất về nội dung này.",
    ]


def test_segment_same_lead_stays_one_task():
    text = "Bộ Tài chính rà soát các quy định. Bộ Tài chính báo cáo Thủ tướng Chính phủ."
    assert len(split_assignments(text, Span(0, len(text)))) == 1


def test_segment_annex_after_signature_is_read():
    text = (
        HEADER + "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n" + TRAILER + "QUY CHẾ\nLÀM VIỆC CỦA BỘ\n"
        "Điều 5. Tổ chức thực hiện\n"
        "1. Văn phòng Bộ có trách nhiệm hướng dẫn, kiểm tra việc thực hiện Quy chế này.\n"
    )
    drafts = segment(text)
    assert [text[d.span.start : d.span.end] for d in drafts] == [
        "Văn phòng Bộ có trách nhiệm hướng dẫn, kiểm tra việc thực hiện Quy chế này."
    ]


def test_segment_definitions_and_field_lists_are_not_tasks():
    tasks = _tasks(
        "Điều 4. Phân loại nhiệm vụ\n"
        "1. Nhiệm vụ giao có thời hạn.\n"
        "2. Cấp giao nhiệm vụ, người giao nhiệm vụ.\n"
        "Điều 5. Trách nhiệm thi hành\n"
        "1. Văn phòng Thành ủy có trách nhiệm cập nhật nhiệm vụ lên Hệ thống.\n"
        "2. Hằng năm, tổng hợp tình hình thực hiện nhiệm vụ, báo cáo Ban Thường vụ Thành ủy."
    )
    assert [t for t, _ in tasks] == [
        "Văn phòng Thành ủy có trách nhiệm cập nhật nhiệm vụ lên Hệ thống.",
        "Hằng năm, tổng hợp tình hình thực hiện nhiệm vụ, báo cáo Ban Thường vụ Thành ủy.",
    ]


def test_segment_lead_in_that_only_introduces_points_is_not_a_task():
    tasks = _tasks(
        "Để tăng cường hiệu lực, hiệu quả quản lý nhà nước, bảo đảm an ninh, an toàn tuyệt đối trong công tác quản lý "
        "trên địa bàn toàn tỉnh, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị, địa phương triển khai thực "
        "hiện tốt các nhiệm vụ, công việc như sau:\n"
        "1. Sở Công Thương\n"
        "a) Rà soát các quy định hiện hành về quản lý vật liệu nổ công nghiệp."
    )
    assert tasks == [("Rà soát các quy định hiện hành về quản lý vật liệu nổ công nghiệp.", "Sở Công Thương")]


def test_segment_item_opening_with_a_time_phrase():
    tasks = _tasks(
        "Ban Bí thư yêu cầu các tỉnh ủy, thành ủy thực hiện tốt các nội dung sau:\n"
        "a) Định kỳ hằng quý báo cáo kết quả thực hiện về Văn phòng Trung ương Đảng.\n"
        "b) Trước ngày 30/6/2026, hoàn thành việc rà soát các nhiệm vụ."
    )
    assert [t for t, _ in tasks] == [
        "Định kỳ hằng quý báo cáo kết quả thực hiện về Văn phòng Trung ương Đảng.",
        "Trước ngày 30/6/2026, hoàn thành việc rà soát các nhiệm vụ.",
    ]


def test_segment_task_table_with_an_agent_column():
    text = (
        HEADER
        + "Các cơ quan, đơn vị triển khai thực hiện các nhiệm vụ theo bảng phân công dưới đây một cách nghiêm túc, hiệu quả.\n"
        "STT | Nội dung công việc | Đơn vị thực hiện | Thời gian hoàn thành | Sản phẩm\n"
        "1 | Rà soát danh mục thủ tục hành chính | Văn phòng | Tháng 6/2026 | Báo cáo rà soát\n" + TRAILER
    )
    [draft] = [d for d in segment(text) if d.origin == "table_row"]
    assert text[draft.span.start : draft.span.end] == "Rà soát danh mục thủ tục hành chính"
    assert text[draft.lead.start : draft.lead.end] == "Văn phòng"
    assert text[draft.deadline_cell.start : draft.deadline_cell.end] == "Tháng 6/2026"
    assert text[draft.product_cell.start : draft.product_cell.end] == "Báo cáo rà soát"


def test_segment_condition_clause_stays_with_its_task():
    text = (
        "Giao Đảng uỷ Quốc hội lãnh đạo ban hành Nghị quyết về tiêu chuẩn đô thị; "
        "trường hợp thành lập phường mới trên cơ sở xã phải đạt tiêu chuẩn theo quy định."
    )
    assert len(split_assignments(text, Span(0, len(text)))) == 1


def test_segment_numbered_item_after_a_paragraph_keeps_the_lead_in_addressee():
    tasks = _tasks(
        "2. Yêu cầu các cấp uỷ, tổ chức đảng thực hiện tốt các nội dung sau:\n"
        "2.1. Tập trung lãnh đạo việc chuẩn bị đại hội.\n"
        "Yêu cầu các tỉnh uỷ, thành uỷ thực hiện nghiêm Kết luận số 150-KL/TW.\n"
        "2.2. Tích cực lắng nghe, tiếp thu ý kiến của Nhân dân."
    )
    assert [lead for _, lead in tasks] == [
        "các cấp uỷ, tổ chức đảng",
        "các tỉnh uỷ, thành uỷ",
        "các cấp uỷ, tổ chức đảng",
    ]


def _deadlines(body):
    from extraction.pipeline import extract

    proposal = extract((HEADER + body + TRAILER).encode("utf-8"), "text/plain")
    return [(task.text[:20], task.deadline.kind.value, task.deadline.date) for task in proposal.tasks]


def test_segment_points_to_pay_attention_to_do_not_inherit_the_lead_in_deadline():
    """GUIDELINES: points that only say what to pay attention to ("trong đó lưu ý một số nội
    dung sau") do not inherit the parent's deadline; the points of a lead-in that sets a
    deadline for its items do."""
    items = (
        "\n(1) Cục Tin học rà soát hạ tầng máy chủ dùng chung.\n"
        "(2) Vụ Pháp chế hướng dẫn các đơn vị áp dụng quy trình mới."
    )
    attention = _deadlines(
        "Để hoàn thành dự án trước ngày 30 tháng 6 năm 2026, yêu cầu các đơn vị thuộc Bộ "
        "tiếp tục hoàn thành các công việc còn lại, trong đó lưu ý một số nội dung sau:" + items
    )
    inherited = _deadlines(
        "Từ nay đến ngày 30 tháng 6 năm 2026, yêu cầu các đơn vị thuộc Bộ tập trung thực hiện các nội dung sau:" + items
    )
    # the lead-in states work of its own before the points (a task, as in tb-04)
    assert [kind for _, kind, _ in attention] == ["date", "none", "none"]
    assert [(kind, str(day)) for _, kind, day in inherited] == [("date", "2026-06-30")] * 2


def test_segment_a_short_item_with_points_to_pay_attention_to_is_a_task_and_its_points_inherit_nothing():
    tasks = _deadlines(
        "1. Từ nay đến hết Quý II/2026, các cấp ủy tập trung:\n"
        "a) Giải quyết dứt điểm chế độ đối với cán bộ dôi dư; trong đó lưu ý một số nội dung sau:\n"
        "- Ưu tiên giải quyết trước đối với cán bộ nữ;\n"
        "- Công khai danh sách và mức hỗ trợ."
    )
    assert [(kind, str(day)) for _, kind, day in tasks] == [
        ("period", "2026-06-30"),
        ("none", "None"),
        ("none", "None"),
    ]


def test_segment_a_time_line_after_a_list_gives_every_item_above_it_its_deadline():
    for line in (
        "Thời gian hoàn thành các nhiệm vụ trên: trước ngày 31 tháng 12 năm 2025.",
        "Các nội dung nêu trên hoàn thành trước ngày 31/12/2025.",
    ):
        tasks = _deadlines(
            "Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh thực hiện một số nội dung sau:\n"
            "a) Rà soát các khoản chi thường xuyên chưa thực hiện hết;\n"
            "b) Thu hồi các khoản tạm ứng quá hạn.\n" + line
        )
        assert [(kind, str(day)) for _, kind, day in tasks] == [("date", "2025-12-31")] * 2


def test_segment_addressee_headings_with_a_request_word_or_a_duty_tail_pass_their_bodies_down():
    """ "Đề nghị X", "Giao X", "X (qualifier) có trách nhiệm" on a line of their own only name
    who does the points below: the heading is no task, its points inherit the name."""
    tasks = _tasks(
        "1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh\n"
        "a) Tuyên truyền, vận động nhân dân tham gia bảo vệ nguồn nước.\n"
        "2. Giao Sở Xây dựng\n"
        "a) Chủ trì rà soát quy hoạch cấp nước.\n"
        "3. Các đơn vị cấp nước sạch trên địa bàn tỉnh có trách nhiệm\n"
        "a) Đầu tư mở rộng mạng lưới cấp nước.\n"
        "b) Báo cáo kết quả thực hiện."
    )
    assert tasks == [
        ("Tuyên truyền, vận động nhân dân tham gia bảo vệ nguồn nước.", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Chủ trì rà soát quy hoạch cấp nước.", "Sở Xây dựng"),
        ("Đầu tư mở rộng mạng lưới cấp nước.", "Các đơn vị cấp nước sạch trên địa bàn tỉnh"),
        ("Báo cáo kết quả thực hiện.", "Các đơn vị cấp nước sạch trên địa bàn tỉnh"),
    ]


def test_segment_a_request_heading_is_not_the_section_yeu_cau():
    """ "Yêu cầu các bộ, ngành:" on a line of its own asks those bodies to do the points below;
    only a title such as "Mục đích, yêu cầu" opens a background section."""
    tasks = _tasks(
        "II. NHIỆM VỤ TRỌNG TÂM\n"
        "Yêu cầu các bộ, ngành, địa phương:\n"
        "1. Rà soát danh mục dự án chậm tiến độ.\n"
        "2. Bộ Tài chính bố trí đủ vốn cho các dự án."
    )
    assert tasks == [
        ("Rà soát danh mục dự án chậm tiến độ.", "các bộ, ngành, địa phương"),
        ("Bộ Tài chính bố trí đủ vốn cho các dự án.", "Bộ Tài chính"),
    ]
    assert _tasks("I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức của cán bộ.\n") == []


def test_segment_requests_section_of_a_notice_is_operative():
    """A notice's "II. MỘT SỐ YÊU CẦU" lists requests ("Thứ nhất, các địa phương cần ...") when
    the document has no purpose section; with "I. MỤC ĐÍCH" above it, "II. YÊU CẦU" states a
    plan's requirements and gives no task."""
    points = (
        "II. MỘT SỐ YÊU CẦU\n"
        "Thứ nhất, các địa phương cần chủ động tháo gỡ vướng mắc trong giải phóng mặt bằng.\n"
        "Thứ hai, Bộ Xây dựng khẩn trương rà soát danh mục dự án.\n"
    )
    assert _tasks("I. ĐÁNH GIÁ CHUNG\nCác dự án đã đạt nhiều kết quả.\n" + points) == [
        ("các địa phương cần chủ động tháo gỡ vướng mắc trong giải phóng mặt bằng.", "các địa phương"),
        ("Bộ Xây dựng khẩn trương rà soát danh mục dự án.", "Bộ Xây dựng"),
    ]
    plan = "I. MỤC ĐÍCH\nNâng cao hiệu quả quản lý.\n" + points.replace("MỘT SỐ YÊU CẦU", "YÊU CẦU")
    assert _tasks(plan) == []


def test_segment_an_item_that_opens_with_a_statement_takes_the_lead_of_its_next_sentence():
    """ "Phát triển ... là nhiệm vụ quan trọng. Ủy ban nhân dân tỉnh yêu cầu X ..." asks X; an
    item that opens with work keeps the lead it inherits."""
    tasks = _tasks(
        "II. NHIỆM VỤ\n"
        "1. Phát triển các cụm công nghiệp là nhiệm vụ quan trọng. Ủy ban nhân dân tỉnh yêu cầu "
        "các sở, ngành và Ủy ban nhân dân các xã chủ động tháo gỡ khó khăn.\n"
        "2. Rà soát quy hoạch cụm công nghiệp. Sở Công Thương phối hợp thực hiện.\n"
    )
    assert [lead for _, lead in tasks] == ["các sở, ngành và Ủy ban nhân dân các xã", None]


def test_segment_an_item_over_points_that_each_name_their_actor_only_titles_them():
    """ "1. Hoàn thành mục tiêu ..." whose points each say who acts is the group's title: no
    task of its own, and its deadline passes down; an item whose points name no actor stays."""
    body = (
        "Yêu cầu các bộ, ngành, địa phương:\n"
        "1. Hoàn thành mục tiêu thông xe 500 km đường cao tốc trong năm 2026\n"
        "a) Bộ Xây dựng chỉ đạo các chủ đầu tư đẩy nhanh tiến độ thi công.\n"
        "b) Giao Bộ Tài chính bố trí đủ vốn cho các dự án.\n"
        "2. Tăng cường kiểm tra chất lượng công trình\n"
        "a) Kiểm tra định kỳ các gói thầu.\n"
        "b) Xử lý nghiêm nhà thầu vi phạm."
    )
    texts = [text for text, _ in _tasks(body)]
    assert texts == [
        "Bộ Xây dựng chỉ đạo các chủ đầu tư đẩy nhanh tiến độ thi công.",
        "Giao Bộ Tài chính bố trí đủ vốn cho các dự án.",
        "Tăng cường kiểm tra chất lượng công trình",
        "Kiểm tra định kỳ các gói thầu.",
        "Xử lý nghiêm nhà thầu vi phạm.",
    ]
    first, second = _deadlines(body)[:2]
    assert first[1:] == second[1:] == ("period", date(2026, 12, 31))


def test_segment_a_lead_in_that_introduces_principles_is_one_task():
    """The principles a piece of work follows are its content, not tasks of their own."""
    tasks = _tasks(
        "Để hoàn thành việc sắp xếp, Bộ Chính trị yêu cầu các cấp uỷ, tổ chức đảng thực hiện tốt các nội dung sau:\n"
        "- Triển khai sắp xếp bộ máy theo một số nguyên tắc chính sau:\n"
        "(1) Trung ương tập trung quản lý vĩ mô, xây dựng thể chế.\n"
        "(2) Địa phương quyết định, địa phương làm, địa phương chịu trách nhiệm.\n"
        "- Rà soát, sửa đổi quy chế làm việc."
    )
    assert tasks == [
        ("Triển khai sắp xếp bộ máy theo một số nguyên tắc chính sau:", "các cấp uỷ, tổ chức đảng"),
        ("Rà soát, sửa đổi quy chế làm việc.", "các cấp uỷ, tổ chức đảng"),
    ]


def test_segment_a_notice_preamble_names_its_speaker_not_the_assignee():
    # "Sau khi nghe báo cáo của ..., X thống nhất kết luận như sau:": X concludes, it receives
    # no work, and the bodies that reported are not the subject either
    tasks = _tasks(
        "Sau khi nghe báo cáo của Bộ Tài chính, Bộ Tư pháp, ý kiến phát biểu của các đại biểu dự họp, "
        "Ban Chỉ đạo thống nhất kết luận như sau:\n"
        "1. Khẩn trương hoàn thiện hồ sơ đề án, trình Thủ tướng Chính phủ trong tháng 12 năm 2025.\n"
        "2. Hoàn thiện thể chế về quản lý nợ công: Các bộ khẩn trương trình Chính phủ ban hành các nghị định hướng dẫn."
    )
    assert tasks == [
        ("Khẩn trương hoàn thiện hồ sơ đề án, trình Thủ tướng Chính phủ trong tháng 12 năm 2025.", None),
        (
            "Hoàn thiện thể chế về quản lý nợ công: Các bộ khẩn trương trình Chính phủ ban hành các nghị định hướng dẫn.",
            "Các bộ",
        ),
    ]


def test_segment_an_item_acting_on_a_basis_is_a_task_a_legal_basis_is_not():
    # "Căn cứ X, <who> <does>" inside the operative part asks for work; a legal basis ends with
    # ";" and asks nothing; a closing paragraph "Căn cứ văn bản này, ..." is no item
    tasks = _tasks(
        "Bộ Tài chính yêu cầu các đơn vị thực hiện các nội dung sau:\n"
        "- Căn cứ Quyết định số 246-QĐ/TW, ngày 24/01/2025 của Bộ Chính trị về chức năng, nhiệm vụ, tổ chức bộ máy;\n"
        "- Căn cứ nội dung Kế hoạch quốc gia giai đoạn 2021 - 2030, tầm nhìn 2050 (cập nhật), "
        "các cục, vụ xây dựng kế hoạch của đơn vị.\n"
        "- Căn cứ tình hình thực tế, rà soát, điều chỉnh các quy hoạch trên địa bàn.\n"
        "Căn cứ văn bản này, các cơ quan, đơn vị liên quan triển khai thực hiện./."
    )
    assert tasks == [
        (
            "Căn cứ nội dung Kế hoạch quốc gia giai đoạn 2021 - 2030, tầm nhìn 2050 (cập nhật), "
            "các cục, vụ xây dựng kế hoạch của đơn vị.",
            "các cục, vụ",
        ),
        ("Căn cứ tình hình thực tế, rà soát, điều chỉnh các quy hoạch trên địa bàn.", "các đơn vị"),
    ]


def test_segment_a_long_list_of_addressees_is_one_subject():
    # more than 30 words of names before the predicate: still the subject, not a statement
    tasks = _tasks(
        "1. Giao Ban Tổ chức Trung ương; Uỷ ban Kiểm tra Trung ương; Đảng uỷ các cơ quan Đảng Trung ương; "
        "Đảng uỷ Chính phủ; Đảng uỷ Quốc hội; Đảng uỷ Mặt trận Tổ quốc, các đoàn thể Trung ương và các cơ quan "
        "liên quan theo dõi, kiểm tra việc sắp xếp.\n"
        "2. Ban tuyên giáo tỉnh ủy, thành ủy; các trung tâm chính trị xã, phường, đặc khu; Vụ Lý luận chính trị "
        "và các cơ quan, đơn vị liên quan có trách nhiệm tổ chức thực hiện Quy định này."
    )
    assert [lead for _, lead in tasks] == [
        "Ban Tổ chức Trung ương; Uỷ ban Kiểm tra Trung ương; Đảng uỷ các cơ quan Đảng Trung ương; "
        "Đảng uỷ Chính phủ; Đảng uỷ Quốc hội; Đảng uỷ Mặt trận Tổ quốc, các đoàn thể Trung ương và các cơ quan liên quan",
        "Ban tuyên giáo tỉnh ủy, thành ủy; các trung tâm chính trị xã, phường, đặc khu; Vụ Lý luận chính trị "
        "và các cơ quan, đơn vị liên quan",
    ]


def test_segment_a_roman_numbered_row_with_empty_cells_titles_a_group_of_the_table():
    tasks = _tasks(
        "TT | Nhiệm vụ và giải pháp | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện\n"
        "I | Nhóm nhiệm vụ, giải pháp về hàng hóa trên thị trường các-bon |  |  | \n"
        "1 | Xây dựng kế hoạch giảm nhẹ phát thải khí nhà kính. | Bộ Tài chính | Các bộ, ngành | 2026\n"
        "2 | Xây dựng Quyết định về hạn ngạch phát thải. |  |  | 2027\n"
    )
    assert [task for task, _ in tasks] == [
        "Xây dựng kế hoạch giảm nhẹ phát thải khí nhà kính.",
        "Xây dựng Quyết định về hạn ngạch phát thải.",
    ]


def test_segment_a_wide_table_takes_the_task_name_cell():
    # "Tên nhiệm vụ | Nội dung thực hiện | ...": the name cell is the task (issue 12)
    text = (
        HEADER + "Các cơ quan, đơn vị triển khai thực hiện các nhiệm vụ theo bảng phân công dưới đây.\n"
        "STT | Tên nhiệm vụ | Nội dung thực hiện | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Sản phẩm\n"
        "1 | Xây dựng kho dữ liệu dùng chung | Thu thập, chuẩn hóa dữ liệu của các sở | Sở Khoa học và Công nghệ "
        "| Các sở, ngành | Quý III/2026 | Kho dữ liệu\n" + TRAILER
    )
    [draft] = [d for d in segment(text) if d.origin == "table_row"]
    assert text[draft.span.start : draft.span.end] == "Xây dựng kho dữ liệu dùng chung"
    assert text[draft.lead.start : draft.lead.end] == "Sở Khoa học và Công nghệ"


def test_segment_a_heading_for_an_addressee_passes_it_down():
    # "2. Đối với Thủ đô Hà Nội" heads the items of the capital (its People's Committee), not
    # those of the addressee of the section before
    tasks = _tasks(
        "1. Đối với các bộ, ngành\n"
        "- Xây dựng và ban hành kế hoạch thực hiện Nghị quyết.\n"
        "2. Đối với Thủ đô Hà Nội\n"
        "- Tập trung chỉ đạo các sở, ban, ngành rà soát, bổ sung kế hoạch.\n"
    )
    assert tasks == [
        ("Xây dựng và ban hành kế hoạch thực hiện Nghị quyết.", "các bộ, ngành"),
        ("Tập trung chỉ đạo các sở, ban, ngành rà soát, bổ sung kế hoạch.", "Thủ đô Hà Nội"),
    ]


def test_segment_an_item_names_its_roles_in_a_closing_bracket():
    # a plan's "Nhiệm vụ, giải pháp" item assigned in brackets is a task even when the plan has
    # a "Tổ chức thực hiện" section; a clause inside the bracket does not split the item
    text = (
        HEADER + "II. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Rà soát mạng lưới trường lớp (Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nội vụ; hoàn thành trong năm 2026).\n"
        "2. Tuyển dụng giáo viên (Sở Nội vụ chủ trì; Sở Tài chính, Sở Xây dựng phối hợp; thời gian: 2026-2027).\n"
        "3. Đầu tư cơ sở vật chất (Cơ quan chủ trì: Sở Tài chính; cơ quan phối hợp: Sở Xây dựng; thời gian thực hiện: Quý IV/2026).\n"
        "4. Đẩy mạnh ứng dụng công nghệ thông tin trong dạy học.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Giáo dục và Đào tạo theo dõi, đôn đốc việc thực hiện.\n" + TRAILER
    )
    drafts = segment(text)
    roles = [
        (text[d.lead.start : d.lead.end], text[d.support.start : d.support.end] if d.support else None) for d in drafts
    ]
    assert roles == [
        ("Sở Giáo dục và Đào tạo", "Sở Nội vụ"),
        ("Sở Nội vụ", "Sở Tài chính, Sở Xây dựng"),
        ("Sở Tài chính", "Sở Xây dựng"),
        ("Sở Giáo dục và Đào tạo", None),
    ]


def test_segment_a_bracketed_lead_field_lists_its_bodies_across_semicolons():
    text = (
        HEADER + "1. Số hóa hồ sơ thủ tục hành chính (Cơ quan chủ trì: các sở, ban, ngành; UBND các xã, phường; "
        "thời gian: trong tháng 12/2027).\n" + TRAILER
    )
    (draft,) = segment(text)
    assert text[draft.lead.start : draft.lead.end] == "các sở, ban, ngành; UBND các xã, phường"


def test_segment_a_plans_content_section_needs_a_body_when_another_section_assigns():
    # "Nội dung" titles the work of a plan as "Nhiệm vụ, giải pháp" does
    tasks = _tasks(
        "II. NỘI DUNG\n"
        "1. Tổ chức thăm hỏi, tặng quà các gia đình chính sách, hộ nghèo.\n"
        "2. Xây dựng phương án bảo đảm an ninh trật tự (Công an xã chủ trì).\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Công an xã\n"
        "- Xây dựng phương án bảo đảm an ninh trật tự dịp Tết.\n"
    )
    assert [lead for _, lead in tasks] == ["Công an xã", "Công an xã"]


def test_segment_allocations_and_assessments_under_a_label_are_not_tasks():
    tasks = _tasks(
        "1. Vốn đối ứng:\n"
        "+ Bộ Tài chính: 266.360.000 VNĐ bằng tiền mặt.\n"
        "+ Bộ Xây dựng: khoảng 4.500.000.000 đồng.\n"
        "2. Về tồn tại, hạn chế: Ban Chỉ đạo thẳng thắn chỉ ra những hạn chế cần khắc phục.\n"
        "3. Nguyên nhân chủ yếu: Bộ Nội vụ chưa quyết liệt.\n"
        "4. Về kết quả: giao Bộ Nội vụ tổng hợp, báo cáo.\n"
        "5. Hạn chế khai thác nước dưới đất: Bộ Nông nghiệp và Môi trường rà soát vùng hạn chế.\n"
    )
    assert [lead for _, lead in tasks] == ["Bộ Nội vụ", "Bộ Nông nghiệp và Môi trường"]


def test_segment_work_after_a_basis_and_lettered_numbered_points_are_tasks():
    tasks = _tasks(
        "1. Các sở, ngành tỉnh\n"
        "- Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch thực hiện, gửi về Văn phòng trước ngày 15/12/2026.\n"
        "2. Phát triển hạ tầng số\n"
        "2.1. Hạ tầng kết nối\n"
        "a.1) Nâng cấp mạng truyền số liệu chuyên dùng (Sở Khoa học và Công nghệ chủ trì).\n"
        "a.2) Bảo đảm an toàn thông tin (Công an tỉnh chủ trì).\n"
    )
    assert [(text.split(",")[0].split(" (")[0], lead) for text, lead in tasks] == [
        ("Căn cứ chức năng", "Các sở, ngành tỉnh"),
        ("Nâng cấp mạng truyền số liệu chuyên dùng", "Sở Khoa học và Công nghệ"),
        ("Bảo đảm an toàn thông tin", "Công an tỉnh"),
    ]


def test_segment_a_resolving_committee_assigns_nothing_and_its_targets_are_no_tasks():
    tasks = _tasks(
        "Đảng ủy xã quyết nghị:\n"
        "I. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2027\n"
        "1. Tốc độ tăng giá trị sản xuất đạt 9% trở lên.\n"
        "2. Tỷ lệ hộ nghèo giảm còn dưới 1,5%.\n"
        "II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n"
        "1. UBND xã xây dựng kế hoạch phát triển kinh tế - xã hội năm 2027.\n"
    )
    assert tasks == [("UBND xã xây dựng kế hoạch phát triển kinh tế - xã hội năm 2027.", "UBND xã")]


def test_segment_an_assignment_after_an_approval_is_a_task():
    tasks = _tasks(
        "1. Đồng ý chủ trương điều chỉnh dự án; giao Bộ Xây dựng hoàn thiện hồ sơ, trình Thủ tướng Chính phủ.\n"
        "2. Biểu dương tinh thần của các lực lượng. Yêu cầu Bộ Y tế tiếp tục theo dõi tình hình dịch bệnh.\n"
        "3. Đồng ý chủ trương đầu tư dự án đường cao tốc.\n"
        "4. Thống nhất về nguyên tắc phương án phân kỳ đầu tư như đề xuất của Bộ Xây dựng.\n"
        "5. Quốc hội cơ bản tán thành đánh giá về kết quả thực hiện Kế hoạch năm 2026.\n"
    )
    assert tasks == [
        ("giao Bộ Xây dựng hoàn thiện hồ sơ, trình Thủ tướng Chính phủ.", "Bộ Xây dựng"),
        ("Yêu cầu Bộ Y tế tiếp tục theo dõi tình hình dịch bệnh.", "Bộ Y tế"),
    ]


def test_segment_a_numbered_row_over_its_subrows_titles_a_group():
    tasks = _tasks(
        "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện\n"
        "1 | Cải cách thể chế |  |  | \n"
        "1.1 | Rà soát các quy định về thủ tục hành chính. | Sở Tư pháp | Các sở, ngành | 2026\n"
        "2 | Xây dựng cơ sở dữ liệu dùng chung. | Sở Khoa học và Công nghệ |  | 2027\n"
    )
    assert [task for task, _ in tasks] == [
        "Rà soát các quy định về thủ tục hành chính.",
        "Xây dựng cơ sở dữ liệu dùng chung.",
    ]


def test_segment_every_item_under_a_named_addressee_is_its_work():
    # "1.1." nests under "1.", "1.1.1." under "1.1."; an item whose verb the cue lists lack is
    # still the named addressee's work, so is one opening "Là cơ quan ..." or a timed bracket
    tasks = _tasks(
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Các sở, ngành\n"
        "1.1. Sở Nội vụ:\n"
        "1.1.1. Tiếp nhận, giải quyết thủ tục hành chính đúng hạn.\n"
        "1.1.2. Là cơ quan thường trực, chủ trì theo dõi việc thực hiện Kế hoạch.\n"
        "1.2. Sở Y tế:\n"
        "a) Nghiệm thu các công trình y tế trong quý I/2026.\n"
        "b) Định kỳ hằng tuần (vào thứ Sáu) báo cáo tiến độ về Sở Xây dựng.\n"
    )
    assert tasks == [
        ("Tiếp nhận, giải quyết thủ tục hành chính đúng hạn.", "Sở Nội vụ"),
        ("Là cơ quan thường trực, chủ trì theo dõi việc thực hiện Kế hoạch.", "Sở Nội vụ"),
        ("Nghiệm thu các công trình y tế trong quý I/2026.", "Sở Y tế"),
        ("Định kỳ hằng tuần (vào thứ Sáu) báo cáo tiến độ về Sở Xây dựng.", "Sở Y tế"),
    ]


def test_segment_a_peoples_council_resolution_assigns_its_monitoring():
    tasks = _tasks(
        "Điều 2. Tổ chức thực hiện\n"
        "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.\n"
        "2. Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu Hội đồng "
        "nhân dân tỉnh và các đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\n"
        "3. Sở Nội vụ thông báo kết quả cho các cơ quan; tổng hợp báo cáo Ủy ban nhân dân tỉnh.\n"
    )
    assert [lead for _, lead in tasks] == [
        "Ủy ban nhân dân tỉnh",
        "Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu Hội đồng "
        "nhân dân tỉnh và các đại biểu Hội đồng nhân dân tỉnh",
        "Sở Nội vụ",
    ]


def test_segment_a_list_of_kinds_of_body_is_not_work():
    # "Tổ chức, doanh nghiệp ..." (organisations, businesses) in a list of recipients names bodies;
    # "Tổ chức tập huấn" (organise a training) is work
    tasks = _tasks(
        "1. Tổ chức, doanh nghiệp hoạt động trong lĩnh vực vật liệu nổ công nghiệp.\n"
        "2. Tổ chức tập huấn cho cán bộ làm công tác quản lý vật liệu nổ.\n"
    )
    assert [task for task, _ in tasks] == ["Tổ chức tập huấn cho cán bộ làm công tác quản lý vật liệu nổ."]


def test_segment_an_item_that_recounts_the_situation_before_its_request_is_the_request():
    tasks = _tasks(
        "Bộ trưởng kết luận như sau:\n"
        "1. Các tỉnh phía Bắc liên tiếp chịu ảnh hưởng của bão, gây thiệt hại lớn. Công tác khắc phục còn chậm. "
        "Đề nghị Bộ Nông nghiệp và Môi trường hướng dẫn các địa phương khắc phục hậu quả.\n"
        "2. Về vốn: để bảo đảm tiến độ, Vụ Đầu tư khẩn trương bố trí vốn cho dự án.\n"
        "3. Kết quả giải ngân vốn đầu tư công còn thấp, chưa đạt yêu cầu."
    )
    assert tasks == [
        (
            "Đề nghị Bộ Nông nghiệp và Môi trường hướng dẫn các địa phương khắc phục hậu quả.",
            "Bộ Nông nghiệp và Môi trường",
        ),
        ("Về vốn: để bảo đảm tiến độ, Vụ Đầu tư khẩn trương bố trí vốn cho dự án.", "Vụ Đầu tư"),
    ]


def test_segment_the_closing_offer_of_help_is_no_task():
    tasks = _tasks(
        "1. Sở Giáo dục và Đào tạo tổ chức kiểm tra cuối học kỳ I trước ngày 10/01/2026.\n"
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các Sở Giáo dục và Đào tạo phản ánh về "
        "Bộ Giáo dục và Đào tạo (qua Vụ Giáo dục phổ thông) để được hướng dẫn.\n"
        "2. Các cơ quan, đơn vị nghiêm túc thực hiện. Trường hợp phát sinh vướng mắc, kịp thời báo cáo Bộ trưởng.\n"
        "Trong quá trình thực hiện, nếu có vướng mắc, các sở tổng hợp, báo cáo Bộ trưởng."
    )
    assert tasks == [
        ("Sở Giáo dục và Đào tạo tổ chức kiểm tra cuối học kỳ I trước ngày 10/01/2026.", "Sở Giáo dục và Đào tạo"),
        # the offer inside an item stays with its task (one lead, as the dev gold writes it)
        (
            "Các cơ quan, đơn vị nghiêm túc thực hiện. Trường hợp phát sinh vướng mắc, kịp thời báo cáo Bộ trưởng.",
            "Các cơ quan, đơn vị",
        ),
        # a duty to report what goes wrong is work
        ("Trong quá trình thực hiện, nếu có vướng mắc, các sở tổng hợp, báo cáo Bộ trưởng.", "các sở"),
    ]


def test_segment_a_free_paragraph_whose_verb_no_cue_list_holds_is_a_task():
    text = (
        "NGHỊ QUYẾT\nQUYẾT NGHỊ:\n"
        "Ủy ban nhân dân các tỉnh giải ngân hết vốn đầu tư công năm 2025.\n"
        "Thời gian qua, tình hình kinh tế tiếp tục phục hồi.\n"
    )
    tasks = [(text[d.span.start : d.span.end], d.lead and text[d.lead.start : d.lead.end]) for d in segment(text)]
    assert tasks == [("Ủy ban nhân dân các tỉnh giải ngân hết vốn đầu tư công năm 2025.", "Ủy ban nhân dân các tỉnh")]


def test_segment_task_table_rows_as_pages_and_merged_cells_leave_them():
    """A cell merged over rows is written once; a task cell that wraps leaves a row with nothing
    else; a page number may stand between two rows of one table."""
    text = (
        HEADER + "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
        "1 | Xây dựng Nghị định quy định chi tiết Luật Dữ liệu | Bộ Công an | Bộ Tư pháp | Quý I/2026\n"
        " | cùng các văn bản hướng dẫn |  |  | \n"
        "2 | Xây dựng Thông tư hướng dẫn Nghị định |  |  | \n"
        "7\n"
        "3 | Tập huấn cán bộ làm công tác dữ liệu | Bộ Nội vụ | Các bộ, ngành | 12/2026\n" + TRAILER
    )
    drafts = segment(text)

    def words(span):
        return text[span.start : span.end] if span else None

    assert [(words(d.span), words(d.lead), words(d.deadline_cell)) for d in drafts] == [
        ("Xây dựng Nghị định quy định chi tiết Luật Dữ liệu", "Bộ Công an", "Quý I/2026"),
        ("Xây dựng Thông tư hướng dẫn Nghị định", "Bộ Công an", "Quý I/2026"),
        ("Tập huấn cán bộ làm công tác dữ liệu", "Bộ Nội vụ", "12/2026"),
    ]


def test_segment_a_request_after_an_account_in_one_sentence_or_after_an_approval():
    tasks = _tasks(
        "Phó Thủ tướng kết luận như sau:\n"
        "1. Dự án còn vướng mặt bằng, đề nghị Ủy ban nhân dân tỉnh Lào Cai hoàn thành giải phóng mặt bằng.\n"
        "2. Thời gian còn lại của năm không nhiều, các bộ, cơ quan, địa phương phải tập trung giải ngân.\n"
        "3. Phó Thủ tướng đồng ý về nguyên tắc; giao Bộ Tài chính hướng dẫn tỉnh An Giang thực hiện.\n"
        "4. Kết quả giải ngân còn thấp, chưa đạt yêu cầu, nhất là ở các bộ, cơ quan trung ương.\n"
        "5. Bộ Tài chính cấp kinh phí cho các địa phương.\n"
    )
    assert tasks == [
        ("đề nghị Ủy ban nhân dân tỉnh Lào Cai hoàn thành giải phóng mặt bằng.", "Ủy ban nhân dân tỉnh Lào Cai"),
        ("các bộ, cơ quan, địa phương phải tập trung giải ngân.", "các bộ, cơ quan, địa phương"),
        ("giao Bộ Tài chính hướng dẫn tỉnh An Giang thực hiện.", "Bộ Tài chính"),
        ("Bộ Tài chính cấp kinh phí cho các địa phương.", "Bộ Tài chính"),
    ]


def test_segment_a_clause_request_is_neither_a_slogan_nor_the_closing_summary():
    tasks = _tasks(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Thứ nhất, các bộ, ngành, nhà thầu trên tinh thần “tất cả vì nhân dân, quyết tâm phải rất cao”, "
        "chủ động giải quyết công việc.\n"
        "2. Thứ hai, “làm ngày không đủ, tranh thủ làm đêm, “ăn tranh thủ. Các đồng chí Bí thư, Chủ tịch "
        "Ủy ban nhân dân tỉnh phải thường xuyên động viên người lao động.\n"
        "Trên đây là Chỉ thị về quản lý tài nguyên nước, yêu cầu Giám đốc sở, Chủ tịch Ủy ban nhân dân xã "
        "có trách nhiệm tổ chức thực hiện nghiêm túc Chỉ thị này.\n"
    )
    assert [lead for _, lead in tasks if "quyết tâm" in lead or "tinh thần" in lead] == []
    assert (
        "Các đồng chí Bí thư, Chủ tịch Ủy ban nhân dân tỉnh phải thường xuyên động viên người lao động.",
        "Các đồng chí Bí thư, Chủ tịch Ủy ban nhân dân tỉnh",
    ) in tasks
    assert not any("Chỉ thị này" in text for text, _ in tasks)


def test_segment_items_opening_with_a_connective_name_the_body_after_it():
    tasks = _tasks(
        "- Thứ hai, Sở Công Thương chủ trì kiểm soát thị trường.\n"
        "- Bên cạnh đó, Sở Y tế kiểm tra an toàn thực phẩm.\n"
        "- Mặt khác, Bộ Tài chính rà soát nguồn vốn.\n"
    )
    assert [lead for _, lead in tasks] == ["Sở Công Thương", "Sở Y tế", "Bộ Tài chính"]
    assert _tasks("Bên cạnh những kết quả đạt được, Sở Y tế còn chậm triển khai.\n") == []


def test_segment_an_unnumbered_closing_that_only_asks_to_implement_is_the_execution_clause():
    tasks = _tasks(
        "1. Bệnh viện tỉnh chuẩn bị đủ thuốc, giường bệnh.\n"
        "2. Các sở, ngành tổ chức triển khai thực hiện nghiêm Thông báo này.\n"
        "Yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã triển khai thực hiện "
        "nghiêm túc Thông báo này./.\n"
        "Đề nghị các đơn vị quan tâm, triển khai thực hiện./.\n"
        "Sở Tài chính đề nghị các đơn vị quan tâm, phối hợp thực hiện./.\n"
        "Đề nghị Sở Y tế kiểm tra an toàn thực phẩm và triển khai thực hiện.\n"
        "Trên đây là Kế hoạch giảm nghèo của tỉnh. Yêu cầu các sở, ban, ngành nghiêm túc triển khai thực hiện./.\n"
    )
    assert [lead for _, lead in tasks] == ["Bệnh viện tỉnh", "Các sở, ngành", "Sở Y tế"]


def test_segment_a_short_lead_in_right_after_the_title_opens_the_body():
    tasks = _tasks(
        "Chủ tịch UBND tỉnh kết luận như sau:\n"
        "- Sở Y tế kiểm tra an toàn thực phẩm.\n"
        "- Sở Công Thương phối hợp với Công an tỉnh kiểm soát thị trường.\n"
    )
    assert [lead for _, lead in tasks] == ["Sở Y tế", "Sở Công Thương"]
    assert [
        lead for _, lead in _tasks("(1) Sở Y tế kiểm tra an toàn thực phẩm.\n(2) Sở Xây dựng rà soát hạ tầng.\n")
    ] == [
        "Sở Y tế",
        "Sở Xây dựng",
    ]


def test_segment_a_dash_in_a_cell_leaves_it_empty():
    text = (
        HEADER + "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn\n"
        "1 | Sửa đổi Thông tư hướng dẫn đăng ký doanh nghiệp | Bộ Tài chính | - | 12/2026\n" + TRAILER
    )
    (draft,) = segment(text)
    assert draft.support is None
    assert text[draft.lead.start : draft.lead.end] == "Bộ Tài chính"


def test_segment_a_request_inside_a_background_section_is_operative():
    tasks = _tasks(
        "1. Về tình hình kinh tế - xã hội\n"
        "Kinh tế tiếp tục phục hồi, tăng trưởng đạt khá.\n"
        "Chính phủ yêu cầu:\n"
        "a) Bộ Nội vụ hoàn thiện hồ sơ Nghị định về chế độ tiền lương mới.\n"
    )
    assert [lead for _, lead in tasks] == ["Bộ Nội vụ"]


def test_segment_an_official_by_title_leads():
    tasks = _tasks(
        "e) Tổng Thanh tra Chính phủ chỉ đạo thanh tra việc quản lý vốn đầu tư công.\n"
        "g) Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các tổ chức tín dụng giảm lãi suất.\n"
        "h) Tổng Kiểm toán Nhà nước chỉ đạo kiểm toán các dự án.\n"
    )
    assert [lead for _, lead in tasks] == [
        "Tổng Thanh tra Chính phủ",
        "Thống đốc Ngân hàng Nhà nước Việt Nam",
        "Tổng Kiểm toán Nhà nước",
    ]


def test_segment_quy_addresses_the_letter_s_recipient():
    text = (
        "BỘ Y TẾ\nSố: 6512/BYT-DP\nHà Nội, ngày 12 tháng 11 năm 2026\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
        "Bộ Y tế đề nghị Quý Ủy ban chỉ đạo Sở Y tế tổ chức chiến dịch diệt lăng quăng.\n"
        "Đề nghị Quý Ủy ban bố trí kinh phí địa phương cho công tác phòng, chống dịch.\n" + TRAILER
    )
    drafts = segment(text)
    assert [d.lead for d in drafts] == [None, None]
    assert [text[d.inherited_lead.start : d.inherited_lead.end] for d in drafts] == [
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương."
    ] * 2
    assert not starts_with_body("Quý IV/2026 hoàn thành việc kiểm tra.")


def test_segment_a_time_line_gives_the_item_before_it_its_deadline():
    text = (
        HEADER + "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Tài chính chủ trì tham mưu bố trí kinh phí thực hiện Kế hoạch.\n"
        "Thời gian hoàn thành: trước ngày 15/12/2026.\n"
        "2. Sở Khoa học và Công nghệ\n"
        "- Xây dựng Kho dữ liệu dùng chung của tỉnh.\n"
        "- Thời gian hoàn thành: Quý II/2027.\n"
        "3. Sở Nội vụ hướng dẫn các địa phương triển khai Kế hoạch.\n" + TRAILER
    )
    drafts = segment(text)
    assert [text[d.span.start : d.span.end] for d in drafts] == [
        "Sở Tài chính chủ trì tham mưu bố trí kinh phí thực hiện Kế hoạch.",
        "Xây dựng Kho dữ liệu dùng chung của tỉnh.",
        "Sở Nội vụ hướng dẫn các địa phương triển khai Kế hoạch.",
    ]
    cells = [text[d.deadline_cell.start : d.deadline_cell.end] if d.deadline_cell else None for d in drafts]
    assert cells == ["trước ngày 15/12/2026", "Quý II/2027", None]


def test_segment_an_annexed_plan_s_title_and_a_contact_offer_are_no_tasks():
    tasks = _tasks(
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện chuyển đổi số năm 2027.\n"
        "KẾ HOẠCH\n"
        "Thực hiện chuyển đổi số trong cơ quan nhà nước tỉnh năm 2027\n"
        "1. Sở Nội vụ rà soát tiêu chí chuyển đổi số trong đánh giá cải cách hành chính.\n"
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ Cục Thủy lợi để được hướng dẫn.\n"
    )
    assert [lead for _, lead in tasks] == ["Sở Nội vụ"]


def test_segment_a_pointer_to_the_annex_is_no_task():
    tasks = _tasks(
        "1. Bộ Nội vụ hoàn thiện hồ sơ Nghị định về chế độ tiền lương mới.\n"
        "2. Giao nhiệm vụ cụ thể theo Phụ lục kèm theo Nghị quyết này.\n"
        "3. Giao Bộ Tài chính chủ trì thực hiện các nhiệm vụ tại Phụ lục II.\n"
    )
    assert [lead for _, lead in tasks] == ["Bộ Nội vụ", "Bộ Tài chính"]


def test_segment_regulations_and_programmes_headed_by_articles_and_capital_letters():
    tasks = _tasks(
        "B. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n"
        "1. Tăng cường sự lãnh đạo của Đảng đối với công tác xây dựng pháp luật.\n"
        "C. TỔ CHỨC THỰC HIỆN\n"
        "1. Các quận ủy, huyện ủy, đảng ủy trực thuộc Thành ủy xây dựng kế hoạch thực hiện.\n"
        "Điều 11. Sửa đổi, bổ sung Quy chế\n"
        "Điều 12. Giao Sở Tài chính hướng dẫn thực hiện\n"
    )
    assert [lead for _, lead in tasks] == ["Các quận ủy, huyện ủy, đảng ủy trực thuộc Thành ủy", "Sở Tài chính"]


def test_segment_bullets_of_converted_documents_and_lettered_points_in_brackets():
    tasks = _tasks(
        "Công an tỉnh có trách nhiệm thực hiện các nhiệm vụ sau:\n"
        "\uf0b7 Tổ chức kiểm tra an toàn phòng cháy đối với nhà ở kết hợp kinh doanh.\n"
        "(a) Tổ chức tuyên truyền kỹ năng thoát nạn cho người dân.\n"
    )
    assert [lead for _, lead in tasks] == ["Công an tỉnh", "Công an tỉnh"]


def test_segment_a_lead_in_passes_down_the_deadline_of_its_asking_sentence_only():
    text = (
        HEADER + "Theo dự báo, từ nay đến cuối tháng 7 trên địa bàn tỉnh có khả năng xảy ra mưa lớn. "
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n"
        "- Bộ Chỉ huy Quân sự tỉnh sẵn sàng lực lượng tham gia cứu hộ, cứu nạn.\n" + TRAILER
    )
    (draft,) = segment(text)
    assert [text[s.start : s.end] for s in draft.deadline_context] == ["Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:"]


def test_segment_a_task_table_copied_with_tabs_reads_as_one_with_bars():
    rows = (
        "TT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n"
        "I\tNhóm nhiệm vụ về thể chế\n"
        "1\tXây dựng Nghị định về bảo vệ môi trường\tCục Môi trường\tVụ Pháp chế\tQuý I/2027\n"
        "2\tXây dựng Thông tư hướng dẫn kiểm kê\tCục Biến đổi khí hậu\t\tQuý II/2027\n"
    )
    text = HEADER + "II. NHIỆM VỤ CỤ THỂ\n" + rows + TRAILER
    barred = HEADER + "II. NHIỆM VỤ CỤ THỂ\n" + rows.replace("\t", " | ") + TRAILER
    tabbed = [(text[d.span.start : d.span.end], text[d.lead.start : d.lead.end]) for d in segment(text)]
    assert tabbed == [
        ("Xây dựng Nghị định về bảo vệ môi trường", "Cục Môi trường"),
        ("Xây dựng Thông tư hướng dẫn kiểm kê", "Cục Biến đổi khí hậu"),
    ]
    assert len(segment(barred)) == len(tabbed)
    # one tab after an item's number is no table
    assert [
        d.lead is not None for d in segment(HEADER + "1.\tBộ Tài chính chủ trì rà soát các quy định.\n" + TRAILER)
    ] == [True]


def test_segment_a_short_request_lead_in_opens_the_body():
    tasks = _tasks(
        "Đề nghị Đảng ủy xã Kỳ Hoa tập trung:\n"
        "1. Rà soát, sắp xếp đội ngũ cán bộ, công chức theo vị trí việc làm.\n"
        "2. Đẩy mạnh cải cách hành chính, chuyển đổi số.\n"
    )
    assert [lead for _, lead in tasks] == ["Đảng ủy xã Kỳ Hoa", "Đảng ủy xã Kỳ Hoa"]


def test_segment_fields_that_describe_the_work_stay_in_its_block():
    tasks = _tasks(
        "1. Giám sát việc giải quyết khiếu nại, tố cáo của công dân.\n"
        "- Cơ quan chủ trì: Ban Pháp chế HĐND tỉnh.\n"
        "- Đơn vị chịu sự giám sát: Thanh tra tỉnh, Công an tỉnh.\n"
        "- Thời gian: Quý II/2027.\n"
    )
    assert tasks == [("Giám sát việc giải quyết khiếu nại, tố cáo của công dân.", "Ban Pháp chế HĐND tỉnh.")]


def test_segment_a_body_urged_inside_a_background_section_is_a_task():
    tasks = _tasks(
        "I. ĐÁNH GIÁ CHUNG\n"
        "1. Về kết quả thực hiện các dự án giao thông trọng điểm\n"
        "Bộ Xây dựng khẩn trương hoàn thành thủ tục đầu tư, báo cáo Thủ tướng Chính phủ trong tháng 12 năm 2026.\n"
        "Bộ Xây dựng đã hoàn thành 12 dự án, vượt kế hoạch đề ra.\n"
        "Tỉnh Thanh Hóa cần nỗ lực hơn nữa, khẩn trương khắc phục những tồn tại, hạn chế.\n"
    )
    assert [lead for _, lead in tasks] == ["Bộ Xây dựng", "Tỉnh Thanh Hóa"]


def test_segment_a_lead_in_after_a_context_sentence_keeps_every_addressee_group():
    # the groups the lead-in asks are split by ";": the list, not two clauses
    for opening in (
        "Năm 2026, thiên tai trên địa bàn tỉnh diễn biến phức tạp. Để giảm thiểu thiệt hại",
        "Để chủ động ứng phó",
    ):
        tasks = _tasks(
            f"{opening}, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Giám đốc các sở, Thủ trưởng các ban, ngành cấp tỉnh; "
            "Chủ tịch Ủy ban nhân dân các xã, phường thực hiện tốt các nội dung sau:\n"
            "1. Kiện toàn Ban Chỉ huy phòng thủ dân sự các cấp.\n"
        )
        assert tasks == [
            (
                "Kiện toàn Ban Chỉ huy phòng thủ dân sự các cấp.",
                "Giám đốc các sở, Thủ trưởng các ban, ngành cấp tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường",
            )
        ]


def test_segment_a_plan_item_that_names_its_body_after_the_first_clause_is_one_task():
    # "Nhiệm vụ, giải pháp" of a plan that also has "Tổ chức thực hiện": items need a body
    tasks = _tasks(
        "II. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Quy hoạch vùng sản xuất tập trung; Ủy ban nhân dân xã chỉ đạo Phòng Kinh tế xây dựng đề án vùng "
        "chuyên canh chè.\n"
        "2. Nâng cao chất lượng sản phẩm nông nghiệp.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Ủy ban Kiểm tra Đảng ủy xã thường xuyên kiểm tra việc thực hiện Nghị quyết.\n"
    )
    assert tasks == [
        (
            "Quy hoạch vùng sản xuất tập trung; Ủy ban nhân dân xã chỉ đạo Phòng Kinh tế xây dựng đề án vùng chuyên canh chè.",
            "Ủy ban nhân dân xã",
        ),
        ("Ủy ban Kiểm tra Đảng ủy xã thường xuyên kiểm tra việc thực hiện Nghị quyết.", "Ủy ban Kiểm tra Đảng ủy xã"),
    ]


def test_segment_an_approval_under_a_topic_label_gives_the_assignment_after_it():
    tasks = _tasks(
        "1. Về gói tín dụng: Đồng ý đề xuất của Bộ Xây dựng về việc điều chỉnh quy hoạch. Bộ Xây dựng hoàn "
        "thiện hồ sơ, trình Thủ tướng Chính phủ.\n"
        "2. Về đầu tư: Đồng ý chủ trương điều chỉnh dự án.\n"
    )
    assert tasks == [("Bộ Xây dựng hoàn thiện hồ sơ, trình Thủ tướng Chính phủ.", "Bộ Xây dựng")]


def test_segment_an_unnumbered_section_title_is_no_task():
    tasks = _tasks(
        "Ban Bí thư yêu cầu các tỉnh ủy, thành ủy thực hiện tốt các nội dung sau:\n"
        "1. Xây dựng kế hoạch tổ chức đại hội.\n"
        "Tổ chức thực hiện\n"
        "- Ban Tổ chức Trung ương hướng dẫn thực hiện Chỉ thị.\n"
    )
    assert [task for task, _ in tasks] == [
        "Xây dựng kế hoạch tổ chức đại hội.",
        "Ban Tổ chức Trung ương hướng dẫn thực hiện Chỉ thị.",
    ]


def test_segment_a_bracket_of_roles_before_a_closing_deadline_clause_names_the_lead():
    tasks = _tasks(
        "1. Rà soát quỹ đất cho nhà ở xã hội (Bộ Nông nghiệp và Môi trường chủ trì, phối hợp với Bộ Xây dựng), "
        "hoàn thành trong quý III năm 2027.\n"
    )
    assert [lead for _, lead in tasks] == ["Bộ Nông nghiệp và Môi trường"]


def test_segment_a_connective_after_a_semicolon_opens_another_bodys_task():
    tasks = _tasks(
        "1. Vụ Tín dụng các ngành kinh tế chủ trì tổng hợp kết quả, báo cáo Thống đốc; đồng thời Cục Thanh tra "
        "ngân hàng tăng cường thanh tra việc cho vay.\n"
    )
    assert [lead for _, lead in tasks] == ["Vụ Tín dụng các ngành kinh tế", "Cục Thanh tra ngân hàng"]


def test_segment_agreeing_on_a_time_or_a_content_is_an_approval_not_a_task():
    tasks = _tasks(
        "1. Thống nhất thời gian tổ chức Lễ hội từ ngày 25/6 đến ngày 28/6/2027. Giao Sở Văn hóa, Thể thao và Du "
        "lịch hoàn chỉnh Kế hoạch tổ chức Lễ hội.\n"
        "2. Thống nhất nội dung báo cáo của Sở Tài chính.\n"
    )
    assert tasks == [
        ("Giao Sở Văn hóa, Thể thao và Du lịch hoàn chỉnh Kế hoạch tổ chức Lễ hội.", "Sở Văn hóa, Thể thao và Du lịch")
    ]


def test_segment_an_issuer_introducing_its_plan_names_no_addressee_of_its_items():
    tasks = _tasks(
        "Sở Giáo dục và Đào tạo xây dựng Kế hoạch như sau:\n"
        "II. NỘI DUNG\n"
        "1. Tổ chức dạy học tiếng Anh tăng cường tại các trường trung học cơ sở.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Phòng Giáo dục Trung học:\n"
        "a) Chủ trì xây dựng khung chương trình tiếng Anh tăng cường.\n"
        "IV. KINH PHÍ THỰC HIỆN\n"
        "Kinh phí thực hiện bố trí trong dự toán chi thường xuyên của các đơn vị. Giao Sở Tài chính thẩm định, "
        "bổ sung kinh phí cho các nhiệm vụ phát sinh.\n"
    )
    assert tasks == [
        ("Chủ trì xây dựng khung chương trình tiếng Anh tăng cường.", "Phòng Giáo dục Trung học"),
        ("Giao Sở Tài chính thẩm định, bổ sung kinh phí cho các nhiệm vụ phát sinh.", "Sở Tài chính"),
    ]


def test_segment_an_addressee_with_its_duty_then_an_inline_enumeration_gives_one_task_per_item():
    tasks = _tasks(
        "1. Sở Y tế có trách nhiệm: (i) hướng dẫn, kiểm tra việc thực hiện Kế hoạch; (ii) tổng hợp, báo cáo Ủy "
        "ban nhân dân tỉnh; (iii) tham mưu sơ kết việc thực hiện Kế hoạch.\n"
    )
    assert [task for task, _ in tasks] == [
        "hướng dẫn, kiểm tra việc thực hiện Kế hoạch",
        "tổng hợp, báo cáo Ủy ban nhân dân tỉnh",
        "tham mưu sơ kết việc thực hiện Kế hoạch",
    ]
    assert {lead for _, lead in tasks} == {"Sở Y tế"}


def test_segment_a_topic_then_a_request_passes_the_body_asked_down():
    tasks = _tasks(
        "1. Về nhiệm vụ 6 tháng cuối năm 2027, Ban Thường vụ Tỉnh ủy yêu cầu Ban cán sự đảng Ủy ban nhân dân "
        "tỉnh lãnh đạo, chỉ đạo:\n"
        "- Rà soát, sắp xếp lại các cơ sở nhà, đất dôi dư.\n"
    )
    assert tasks == [("Rà soát, sắp xếp lại các cơ sở nhà, đất dôi dư.", "Ban cán sự đảng Ủy ban nhân dân tỉnh")]


def test_segment_the_bodies_a_meeting_worked_with_take_no_part_in_the_conclusions():
    text = (
        HEADER
        + "Ngày 01/8/2027, Thường trực Tỉnh ủy làm việc với Ban Quản lý Khu kinh tế tỉnh và các cơ quan liên quan. "
        "Thường trực Tỉnh ủy kết luận như sau:\n"
        "1. Đề nghị Ủy ban nhân dân tỉnh tập trung chỉ đạo các nội dung sau:\n"
        "a) Hoàn thành công tác giải phóng mặt bằng Khu công nghiệp Nam Pleiku.\n" + TRAILER
    )
    (draft,) = segment(text)
    assert draft.support is None and draft.inherited_support is None


def test_segment_a_giao_sentence_under_a_background_heading_is_a_task():
    # "1. Về tình hình ..." titles an assessment, but "Giao X ..." assigns in so many words
    tasks = _tasks("1. Về tình hình an ninh trật tự\nGiao Công an phường tăng cường tuần tra, bảo đảm an ninh trật tự.")
    assert [lead for _, lead in tasks] == ["Công an phường"]


def test_segment_a_proposal_answered_under_its_own_label_is_the_assignment_after_it():
    for line in (
        "1. Đối với đề nghị của xã Cam Lộ về hỗ trợ kinh phí xây dựng trường mầm non: Giao Sở Tài chính xem xét.",
        "- Đề nghị hỗ trợ kinh phí xây dựng Trường Mầm non Cam Thành: Giao Sở Tài chính xem xét.",
    ):
        assert [lead for _, lead in _tasks(line)] == ["Sở Tài chính"]
    # an approval under the label is no task; the assignment after it is
    tasks = _tasks(
        "- Đề nghị về bố trí trụ sở làm việc của xã: Đồng ý chủ trương sử dụng trụ sở cũ; "
        "giao Sở Tài chính hướng dẫn xã thực hiện thủ tục."
    )
    assert [lead for _, lead in tasks] == ["Sở Tài chính"]
    # "Đề nghị" + a body asks that body
    assert [lead for _, lead in _tasks("- Đề nghị các bộ, ngành: rà soát các quy định.")] == ["các bộ, ngành"]


def test_segment_an_item_opening_with_a_case_or_an_approval_verb_can_still_be_work():
    case = _tasks(
        "Điều 2. Tổ chức thực hiện\n1. Trường hợp phát sinh khó khăn, vướng mắc, các cơ quan, đơn vị "
        "kịp thời báo cáo Ủy ban nhân dân tỉnh để xem xét, chỉ đạo."
    )
    assert [lead for _, lead in case] == ["các cơ quan, đơn vị"]
    rule = _tasks("Điều 2. Tổ chức thực hiện\n1. Trường hợp cơ quan, đơn vị chậm báo cáo thì bị phê bình.")
    assert rule == []
    approve = _tasks("1. Cục Điện lực\na) Phê duyệt kế hoạch vận hành hệ thống điện tháng 01 năm 2026.")
    assert [lead for _, lead in approve] == ["Cục Điện lực"]
    assert _tasks("Điều 1. Phê duyệt Đề án phát triển du lịch cộng đồng giai đoạn 2026 - 2030.") == []


def test_segment_a_membership_list_and_a_committee_dissolving_itself_are_no_tasks():
    tasks = _tasks(
        "Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh, gồm các thành viên sau:\n"
        "1. Trưởng Ban: Chủ tịch Ủy ban nhân dân tỉnh.\n"
        "2. Phó Trưởng Ban thường trực: Giám đốc Sở Khoa học và Công nghệ.\n"
        "Điều 2. Ban Chỉ đạo tự giải thể sau khi hoàn thành nhiệm vụ."
    )
    assert tasks == []


def test_segment_one_sentence_splits_where_another_body_acts_with_an_unlisted_verb():
    text = (
        "Các chi bộ tổ dân phố tổ chức sinh hoạt chi bộ vào ngày 05 hằng tháng; các chi bộ cơ quan, đơn vị "
        "báo cáo tình hình về Ban Xây dựng Đảng trước ngày 20 hằng tháng."
    )
    pieces = split_assignments(text, Span(0, len(text)))
    assert [text[p.start : p.end][:22] for p in pieces] == ["Các chi bộ tổ dân phố ", "các chi bộ cơ quan, đơ"]


@pytest.mark.parametrize(
    "lead_in",
    [
        # a purpose: when the aim falls is no deadline of the items
        "Để bảo đảm cung ứng đủ xăng dầu dịp cuối năm 2025 và Tết Nguyên đán, Bộ trưởng chỉ thị:",
        # a cited document's title
        "Thực hiện Công văn số 4120/UBND-NC ngày 15/11/2025 của Ủy ban nhân dân tỉnh về việc bảo đảm an ninh "
        "trật tự dịp cuối năm, Bộ trưởng yêu cầu các đơn vị thực hiện tốt các nội dung sau:",
    ],
)
def test_segment_a_time_in_a_lead_ins_purpose_or_cited_title_is_no_deadline_of_its_items(lead_in):
    tasks = _deadlines(lead_in + "\n1. Cục Tin học duy trì chế độ trực 24/24 giờ.")
    assert [kind for _, kind, _ in tasks] == ["none"]


def test_segment_a_decisions_own_act_is_no_task_and_a_section_title_may_hold_a_comma():
    tasks = _tasks(
        "Điều 1. Phê duyệt Đề án phát triển du lịch cộng đồng tỉnh giai đoạn 2026 - 2030 với các nội dung sau:\n"
        "1. Nhiệm vụ, giải pháp\n"
        "a) Hoàn thiện cơ chế, chính sách hỗ trợ phát triển du lịch cộng đồng.\n"
        "2. Tổ chức thực hiện\n"
        "a) Sở Văn hóa, Thể thao và Du lịch\n"
        "- Ban hành Bộ tiêu chí công nhận điểm du lịch cộng đồng của tỉnh.\n"
        "Điều 2. Thành lập Ban Chỉ đạo phát triển du lịch cộng đồng tỉnh."
    )
    # the plan's "Nhiệm vụ, giải pháp" names no body, its work is assigned under "Tổ chức thực hiện"
    assert tasks == [
        ("Ban hành Bộ tiêu chí công nhận điểm du lịch cộng đồng của tỉnh.", "Sở Văn hóa, Thể thao và Du lịch")
    ]


def test_segment_a_work_programmes_item_with_its_fields_on_one_line():
    for line in (
        "1. Kế hoạch thực hiện dự toán ngân sách năm 2026 — Cơ quan chủ trì trình: Sở Tài chính — Thời gian trình: Tháng 3/2026",
        "1. Đề án sắp xếp các đơn vị sự nghiệp công lập. Cơ quan chủ trì trình: Sở Tài chính. Thời gian trình: Tháng 3/2026.",
    ):
        assert [(kind, str(day)) for _, kind, day in _deadlines(line)] == [("period", "2026-03-31")]
        assert [lead for _, lead in _tasks(line)] == ["Sở Tài chính"]
    # a name with a dash inside is no field break
    assert [lead for _, lead in _tasks("1. Vụ Kế hoạch - Tài chính bố trí kinh phí thực hiện.")] == [
        "Vụ Kế hoạch - Tài chính"
    ]


def test_segment_a_lead_ins_account_before_its_asking_sentence_passes_no_co_operating_body():
    text = (
        HEADER + "Ban Văn hóa - Xã hội đã khảo sát thực tế tại 18 trường học và làm việc với Sở Giáo dục và Đào tạo. "
        "Ban kiến nghị như sau:\n1. Đối với Ủy ban nhân dân tỉnh\n- Xem xét ban hành chính sách thu hút giáo viên."
        + TRAILER
    )
    (draft,) = segment(text)
    assert draft.inherited_support is None


def test_segment_trong_do_opens_another_bodys_clause_after_a_semicolon():
    text = "Bộ Tài chính chủ trì hướng dẫn; trong đó Bộ Công Thương bảo đảm nguồn cung xăng dầu."
    pieces = split_assignments(text, Span(0, len(text)))
    assert [text[p.start : p.end] for p in pieces][1].startswith("Bộ Công Thương")


def test_segment_a_time_opening_a_sentence_times_each_bodys_clause_of_it():
    tasks = _deadlines(
        "Phó Thủ tướng kết luận như sau:\n"
        "1. Trước ngày 25/12/2025, Bộ Y tế báo cáo về giá dịch vụ khám bệnh; Bộ Giáo dục và Đào tạo báo cáo về mức học phí.\n"
        "2. Bộ Xây dựng rà soát định mức. Bộ Công Thương kiểm tra thị trường."
    )
    assert [(kind, str(day)) for _, kind, day in tasks] == [
        ("date", "2025-12-25"),
        ("date", "2025-12-25"),
        ("none", "None"),
        ("none", "None"),
    ]


def test_segment_a_basis_under_a_bodys_heading_opens_its_work_and_abbreviations_are_written_out():
    tasks = _tasks(
        "3. Thủ trưởng các đơn vị sự nghiệp trực thuộc\n"
        "Căn cứ Kế hoạch này, xây dựng kế hoạch chi tiết của đơn vị, gửi về Sở trước ngày 15/3/2026."
    )
    assert [lead for _, lead in tasks] == ["Thủ trưởng các đơn vị sự nghiệp trực thuộc"]
    from extraction.pipeline import extract

    (task,) = extract(
        (HEADER + "1. Phòng CSGT Công an tỉnh tăng cường tuần tra kiểm soát." + TRAILER).encode(), "text/plain"
    ).tasks
    assert [b.name for b in task.lead] == ["Phòng Cảnh sát giao thông Công an tỉnh"]


def test_segment_a_cycle_before_a_report_opens_no_subject_and_a_joint_office_is_one_body():
    text = (
        "a) Tiếp nhận, tổng hợp báo cáo của các cấp ủy; hằng tháng báo cáo Bộ Chính trị, Ban Bí thư "
        "tình hình thực hiện chế độ báo cáo."
    )
    assert len(split_assignments(text, Span(0, len(text)))) == 1
    from extraction.pipeline import extract

    body = "1. VP HĐND và UBND xã tổng hợp báo cáo.\n2. Bộ Chỉ huy BĐBP tỉnh tăng cường tuần tra biên giới."
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"],
        ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"],
    ]


def test_segment_a_body_and_a_colon_right_before_the_first_item_names_who_does_it():
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 260-KL/TW\nHà Nội, ngày 22 tháng 12 năm 2025\n"
        "KẾT LUẬN CỦA BỘ CHÍNH TRỊ\nĐảng ủy Chính phủ:\n- Chỉ đạo rà soát, kiện toàn các đơn vị sự nghiệp công lập.\n"
    )
    (draft,) = segment(text)
    lead = draft.lead or draft.inherited_lead
    assert text[lead.start : lead.end] == "Đảng ủy Chính phủ"


def test_segment_a_topic_then_giao_assigns_to_the_body_after_the_verb():
    from extraction.pipeline import extract

    body = (
        "1. Việc tổ chức hội nghị sơ kết giao Văn phòng Bộ chủ trì thực hiện trong tháng 6/2026.\n"
        "2. Công tác kiểm tra giao Thanh tra Bộ chủ trì, thực hiện trong quý II/2026.\n"
        "3. Việc bàn giao tài sản được thực hiện theo quy định.\n"
        "4. Việc được giao Vụ Ngân sách nhà nước thực hiện năm 2025 đã hoàn thành.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Văn phòng Bộ"], ["Thanh tra Bộ"]]
    assert tasks[0].text.startswith("Việc tổ chức hội nghị sơ kết")


def test_segment_a_remedy_plans_field_block_gives_one_task_and_no_field_line_is_a_task():
    from extraction.pipeline import extract

    body = (
        "1. Tồn tại thứ nhất: 05 gói thầu chưa thực hiện thẩm định giá.\n"
        "- Biện pháp khắc phục: Rà soát hồ sơ các gói thầu; bổ sung hồ sơ thẩm định giá.\n"
        "- Đơn vị chủ trì: Vụ Ngân sách nhà nước.\n- Đơn vị phối hợp: Văn phòng Bộ.\n"
        "- Thời hạn hoàn thành: trước ngày 30/5/2026.\n"
        "2. Tổ chức tập huấn nghiệp vụ\n- Hoạt động: Mở 02 lớp tập huấn cho cán bộ.\n"
        "- Đơn vị chủ trì: Thanh tra Bộ.\n- Thời hạn hoàn thành: Quý III/2026.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [t.text for t in tasks] == [
        "Rà soát hồ sơ các gói thầu; bổ sung hồ sơ thẩm định giá.",
        "Mở 02 lớp tập huấn cho cán bộ.",
    ]
    assert [[b.name for b in t.lead] for t in tasks] == [["Vụ Ngân sách nhà nước"], ["Thanh tra Bộ"]]
    assert [[b.name for b in t.support] for t in tasks] == [["Văn phòng Bộ"], []]


def test_segment_requests_under_a_heading_that_reports_the_situation_are_tasks():
    from extraction.pipeline import extract

    body = (
        "1. Về tình hình phòng, chống dịch sốt xuất huyết\n"
        "Số ca mắc tăng 35% so với cùng kỳ.\n"
        "Yêu cầu Cục Y tế dự phòng chỉ đạo tăng cường giám sát, hoàn thành trước ngày 15/10/2026.\n"
        "2. Về kết quả thu ngân sách 9 tháng\n"
        "Vụ Ngân sách nhà nước chủ trì, phối hợp với Cục Thuế rà soát các khoản thu, báo cáo trong tháng 10/2026.\n"
        "Cục Thuế đã hoàn thành 85% dự toán năm.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Cục Y tế dự phòng"], ["Vụ Ngân sách nhà nước"]]


def test_segment_investors_and_creating_conditions_end_names_where_they_should():
    from extraction.pipeline import extract

    body = (
        "1. Vụ Đầu tư chủ trì, phối hợp với Kho bạc Nhà nước và các chủ đầu tư rà soát kế hoạch vốn.\n"
        "2. Đề nghị Kho bạc Nhà nước tạo điều kiện thuận lợi cho các chủ đầu tư.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.support] for t in tasks][0] == ["Kho bạc Nhà nước", "các chủ đầu tư"]
    assert [b.name for b in tasks[1].lead] == ["Kho bạc Nhà nước"]


def test_segment_a_forms_header_row_and_a_letters_contact_lines_are_no_tasks():
    from extraction.pipeline import extract

    body = (
        "1. Báo cáo tình hình các dự án theo Phụ lục I, gửi Bộ Tài chính trước ngày 30/6/2026.\n"
        "Báo cáo gửi về Bộ Tài chính (qua Vụ Đầu tư), số 28 Trần Hưng Đạo, Hà Nội. Thông tin chi tiết xin "
        "liên hệ đồng chí Trần Minh Đức, điện thoại: 024.3976.0271.\n"
        "PHỤ LỤC I\nSTT | Tên dự án | Địa điểm | Chủ đầu tư | Tình trạng | Ghi chú\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [t.text for t in tasks] == [
        "Báo cáo tình hình các dự án theo Phụ lục I, gửi Bộ Tài chính trước ngày 30/6/2026."
    ]


def test_segment_the_closing_request_to_implement_with_an_offer_of_help_is_no_task():
    from extraction.pipeline import extract

    body = (
        "1. Vụ Ngân sách nhà nước tổng hợp, báo cáo Bộ trưởng trước ngày 15/12/2026.\n"
        "Yêu cầu Thủ trưởng các đơn vị triển khai thực hiện nghiêm túc Kế hoạch này. Trong quá trình thực hiện, "
        "nếu có khó khăn, vướng mắc, kịp thời báo cáo Bộ (qua Văn phòng Bộ) để xem xét, giải quyết./.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Vụ Ngân sách nhà nước"]]


def test_segment_names_of_probe_ay_titles_carried_over_a_list_and_groups_with_their_place():
    from extraction.pipeline import extract

    body = (
        "1. Bộ trưởng Bộ Quốc phòng, Bộ Công an chỉ đạo các đơn vị sẵn sàng lực lượng hỗ trợ sơ tán dân.\n"
        "2. Cục Văn thư và Lưu trữ nhà nước chủ trì, phối hợp với các trường học trên địa bàn tỉnh tổ chức tập huấn.\n"
        "3. Chính phủ thống nhất thông qua đề nghị xây dựng Nghị định.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Công an"],
        ["Cục Văn thư và Lưu trữ nhà nước"],
    ]
    assert [b.name for b in tasks[1].support] == ["các trường học trên địa bàn tỉnh"]


def test_segment_giao_cho_and_the_agent_of_the_work_name_the_lead():
    from extraction.pipeline import extract

    body = (
        "1. Giao cho Vụ Ngân sách nhà nước bố trí kinh phí thực hiện.\n"
        "2. Xây dựng cơ sở dữ liệu về cán bộ do Vụ Tổ chức cán bộ chủ trì, phối hợp với Văn phòng Bộ thực hiện, "
        "hoàn thành trong quý III/2026.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Vụ Ngân sách nhà nước"], ["Vụ Tổ chức cán bộ"]]
    assert [b.name for b in tasks[1].support] == ["Văn phòng Bộ"]


def test_segment_probe_ba_agents_traders_and_a_time_counted_from_entry_into_force():
    from extraction.pipeline import extract

    body = (
        "1. Việc thẩm định hồ sơ do Vụ Ngân sách nhà nước thực hiện, hoàn thành trước ngày 15/4/2026.\n"
        "2. Các thương nhân, cửa hàng thuộc đối tượng kiểm tra có trách nhiệm chuẩn bị đầy đủ hồ sơ.\n"
        "3. Trong thời hạn 30 ngày kể từ ngày Quyết định này có hiệu lực thi hành, Vụ Pháp chế ban hành hướng dẫn.\n"
        "4. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Vụ Ngân sách nhà nước"],
        ["Các thương nhân, cửa hàng thuộc đối tượng kiểm tra"],
        ["Vụ Pháp chế"],
    ]


def test_segment_a_stock_preamble_and_a_topic_lead_in_keep_their_addressee():
    from extraction.pipeline import extract

    body = (
        "Để nâng cao hiệu quả công tác, đáp ứng yêu cầu nhiệm vụ trong giai đoạn mới, Bộ Tài chính yêu cầu "
        "các đơn vị thuộc Bộ thực hiện tốt các nhiệm vụ sau:\n"
        "1. Rà soát quy trình nội bộ.\n"
        "2. Về định hướng thời gian tới, Vụ Ngân sách nhà nước cần tập trung thực hiện tốt một số nội dung sau:\n"
        "a) Xây dựng dự toán năm 2027.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    leads = {t.text: [b.name for b in t.lead] for t in tasks}
    assert leads["Rà soát quy trình nội bộ."] == ["các đơn vị thuộc Bộ"]
    assert leads["Xây dựng dự toán năm 2027."] == ["Vụ Ngân sách nhà nước"]


def test_segment_a_case_after_the_opening_still_leaves_the_subject_its_lead():
    from extraction.pipeline import extract

    body = (
        "1. Trong quá trình thực hiện, nếu cần điều chỉnh nhiệm vụ, Vụ Ngân sách nhà nước chủ động báo cáo Bộ trưởng.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Vụ Ngân sách nhà nước"]]


def test_segment_a_paragraph_under_a_heading_that_only_names_a_body_is_its_work():
    from extraction.pipeline import extract

    body = (
        "1. Tiểu ban Nội dung - Tuyên truyền (Trưởng Tiểu ban: Chánh Văn phòng Bộ)\n"
        "- Xây dựng kịch bản chi tiết Lễ khai mạc, trình Ban Tổ chức phê duyệt trước ngày 01/9/2026.\n"
        "2. Vụ Ngân sách nhà nước\n"
        "Chỉnh trang hồ sơ dự toán, hoàn thành trước ngày 20/9/2026.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Tiểu ban Nội dung - Tuyên truyền"],
        ["Vụ Ngân sách nhà nước"],
    ]


def test_segment_a_purpose_with_joined_verbs_leaves_the_speakers_addressee():
    from extraction.grammar import find_lead

    text = (
        "Để chủ động phòng, chống dịch bệnh và bảo đảm công tác khám bệnh, chữa bệnh, Sở Y tế đề nghị "
        "các đơn vị khẩn trương triển khai thực hiện một số nội dung sau:"
    )
    lead = find_lead(text)
    assert lead is not None and text[lead.start : lead.end] == "các đơn vị"


def test_segment_an_assessment_that_opens_with_a_time_looking_back_is_no_task():
    from extraction.pipeline import extract

    body = (
        "1. Sau 8 năm thực hiện Nghị quyết số 19-NQ/TW, số lượng đơn vị sự nghiệp công lập giảm 15,2% so với năm 2017.\n"
        "2. Sau 6 tháng thực hiện, Vụ Tổ chức cán bộ tổ chức sơ kết, báo cáo Bộ trưởng.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Vụ Tổ chức cán bộ"]]


def test_segment_a_heading_that_says_what_the_body_is_names_only_the_body():
    from extraction.grammar import named_heading

    text = "Sở Nông nghiệp và Môi trường là Cơ quan thường trực của Ban Chỉ đạo, có trách nhiệm:"
    span = named_heading(text, 0, len(text))
    assert span is not None and text[span.start : span.end] == "Sở Nông nghiệp và Môi trường"


def test_segment_a_paragraph_that_opens_with_lanh_dao_chi_dao_directs_its_object():
    from extraction.pipeline import extract

    body = "1. Đảng ủy Bộ\nLãnh đạo, chỉ đạo Công đoàn Bộ và Đoàn Thanh niên Bộ đẩy mạnh phong trào thi đua.\n"
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [b.name for b in tasks[0].support] == ["Công đoàn Bộ", "Đoàn Thanh niên Bộ"]


def test_segment_assignments_that_write_out_their_object_or_use_phan_cong():
    from extraction.pipeline import extract

    body = (
        "Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:\n"
        "1. Giao nhiệm vụ cho Sở Nội vụ theo dõi, đôn đốc việc thực hiện.\n"
        "2. Giao trách nhiệm cho Sở Y tế kiểm tra các cơ sở y tế.\n"
        "3. Phân công Sở Xây dựng kiểm tra các công trình.\n"
        "4. Sở Nội vụ phân công công chức theo dõi, tổng hợp kết quả.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Sở Nội vụ"], ["Sở Y tế"], ["Sở Xây dựng"], ["Sở Nội vụ"]]


def test_segment_chi_thi_as_the_verb_of_a_lead_in_and_names_that_end_at_bam_sat():
    from extraction.pipeline import extract

    body = (
        "Để nâng cao chất lượng, Bộ trưởng chỉ thị Thủ trưởng các đơn vị trực thuộc Bộ thực hiện nghiêm các nội dung sau:\n"
        "1. Kiện toàn Hội đồng quản lý chất lượng tại các bệnh viện.\n"
        "Chính phủ yêu cầu các bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương bám sát Nghị quyết số "
        "01/NQ-CP ngày 08 tháng 01 năm 2026 của Chính phủ, thực hiện các nhiệm vụ sau:\n"
        "a) Đẩy mạnh giải ngân vốn đầu tư công.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Thủ trưởng các đơn vị trực thuộc Bộ"],
        ["các bộ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"],
    ]


def test_segment_a_mandate_after_the_name_and_titles_written_for_each_body():
    from extraction.pipeline import extract

    body = (
        "1. Giao Bộ trưởng Bộ Tư pháp, thừa ủy quyền Thủ tướng Chính phủ, thay mặt Chính phủ ký Tờ trình gửi Quốc hội.\n"
        "2. Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an chỉ đạo lực lượng hỗ trợ sơ tán người dân.\n"
        "3. Bộ trưởng Bộ Y tế, Bộ Giáo dục và Đào tạo chỉ đạo bảo đảm thuốc men.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Bộ trưởng Bộ Tư pháp"],
        ["Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Công an"],
        ["Bộ trưởng Bộ Y tế", "Bộ trưởng Bộ Giáo dục và Đào tạo"],
    ]


def test_segment_a_lead_in_that_sets_tasks_out_then_hands_them_on():
    from extraction.pipeline import extract

    body = (
        "Ban Chấp hành Đảng bộ tỉnh đề ra một số nhiệm vụ, giải pháp chủ yếu và giao các cấp ủy, tổ chức đảng, "
        "chính quyền các cấp lãnh đạo, chỉ đạo tổ chức thực hiện:\n"
        "1. Phát triển kinh tế số, khuyến khích doanh nghiệp ứng dụng nền tảng số.\n"
        "2. Sở Y tế kiểm tra các cơ sở và yêu cầu các cơ sở khắc phục sai phạm.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["các cấp ủy, tổ chức đảng", "chính quyền các cấp"],
        ["Sở Y tế"],  # in a task "... và yêu cầu Y ..." leaves the lead where it is
    ]


def test_segment_kinds_of_party_bodies_whose_names_hold_a_verb():
    from extraction.pipeline import extract

    body = (
        "1. Ủy ban Kiểm tra Tỉnh ủy và các ban xây dựng Đảng của Tỉnh ủy tăng cường kiểm tra, giám sát.\n"
        "2. Các cơ quan tham mưu, giúp việc Tỉnh ủy tăng cường kiểm tra, giám sát việc thực hiện Nghị quyết.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Ủy ban Kiểm tra Tỉnh ủy", "các ban xây dựng Đảng của Tỉnh ủy"],
        ["Các cơ quan tham mưu, giúp việc Tỉnh ủy"],
    ]


def test_segment_a_paragraph_that_opens_with_the_state_of_a_project_or_a_decision():
    from extraction.pipeline import extract

    body = (
        "Đến nay Dự án đã hoàn thành 60% khối lượng. Bộ Xây dựng đôn đốc nhà thầu đẩy nhanh tiến độ, hoàn thành trong tháng 6/2026.\n"
        "Dự án chưa đủ điều kiện. Yêu cầu Sở Văn hóa, Thể thao và Du lịch chủ trì đánh giá tác động của Dự án.\n"
        "Tạm dừng xem xét đưa Dự án vào danh mục năm 2026. Yêu cầu Sở Tài chính rà soát lại nhu cầu vốn.\n"
        "Thống nhất đưa Dự án vào danh mục dự án cần lựa chọn nhà đầu tư năm 2026.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [(t.text.split()[0], [b.name for b in t.lead]) for t in tasks] == [
        ("Bộ", ["Bộ Xây dựng"]),
        ("Yêu", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Yêu", ["Sở Tài chính"]),
    ]


def test_segment_a_time_line_that_closes_lettered_points_dates_each_of_them():
    from extraction.pipeline import extract

    body = (
        "2. Rà soát văn bản quy phạm pháp luật liên quan đến Luật\n"
        "a) Các bộ, cơ quan ngang bộ chủ trì rà soát các văn bản thuộc lĩnh vực quản lý.\n"
        "b) Ủy ban nhân dân các tỉnh rà soát các văn bản do địa phương ban hành, hoàn thành trước ngày 15/3/2026.\n"
        "c) Thời gian hoàn thành: Trước ngày 31 tháng 3 năm 2026.\n"
        "3. Sở Tài chính bố trí kinh phí.\n"
        "- Thời gian hoàn thành: trước ngày 30/4/2026.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [t.deadline.date for t in tasks] == [date(2026, 3, 31), date(2026, 3, 15), date(2026, 4, 30)]


def test_segment_a_guidance_that_its_issuer_introduces_names_no_addressee():
    from extraction.pipeline import extract

    body = (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn công tác tuyên truyền như sau:\n"
        "II. NỘI DUNG TUYÊN TRUYỀN\n"
        "1. Sự ra đời của Đảng Cộng sản Việt Nam, bước ngoặt vĩ đại của cách mạng Việt Nam.\n"
        "2. Những thành tựu to lớn, có ý nghĩa lịch sử của công cuộc đổi mới.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Trường Chính trị tỉnh tổ chức tọa đàm khoa học, hoàn thành trước 31/01/2026.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Trường Chính trị tỉnh"]]


def test_segment_a_project_title_between_points_and_a_case_that_hands_work_on():
    from extraction.pipeline import extract

    body = (
        "1. Dự án Khu đô thị sinh thái ven sông Đáy\n"
        "- Sở Xây dựng hoàn thiện quy hoạch chi tiết của Dự án, trình phê duyệt chậm nhất ngày 15/5/2026.\n"
        "- Sở Tài chính xác định sơ bộ tổng chi phí thực hiện Dự án, hoàn thành trong tháng 6 năm 2026.\n"
        "2. Dự án Nhà máy xử lý chất thải rắn tại xã Gia Vân\n"
        "Dự án chưa phù hợp với Quy hoạch tỉnh. Giao Sở Nông nghiệp và Môi trường đề xuất địa điểm thay thế, "
        "báo cáo trước ngày 30/5/2026.\n"
        "3. Dự án Cụm công nghiệp Yên Dương\n"
        "Đề nghị nhà đầu tư hoàn thiện hồ sơ trong thời hạn 30 ngày. Quá thời hạn nêu trên mà nhà đầu tư không hoàn "
        "thiện hồ sơ, Sở Công Thương tham mưu chấm dứt hoạt động của Dự án.\n"
        "4. Thủ tướng Chính phủ gửi lời chia buồn tới gia đình các nạn nhân.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [([b.name for b in t.lead], t.deadline.date) for t in tasks] == [
        (["Sở Xây dựng"], date(2026, 5, 15)),
        (["Sở Tài chính"], date(2026, 6, 30)),
        (["Sở Nông nghiệp và Môi trường"], date(2026, 5, 30)),
        (["nhà đầu tư"], date(2026, 1, 9)),
        (["Sở Công Thương"], None),
    ]


def test_segment_dua_ends_a_name_and_a_meeting_month_dates_a_report():
    from extraction.pipeline import extract

    body = (
        "1. Thanh tra Bộ đưa nội dung an toàn người bệnh vào kế hoạch thanh tra năm 2026.\n"
        "2. Vụ Ngân sách nhà nước tổng hợp, báo cáo Bộ trưởng tại phiên họp tháng 12 năm 2026.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [([b.name for b in t.lead], t.deadline.date) for t in tasks] == [
        (["Thanh tra Bộ"], None),
        (["Vụ Ngân sách nhà nước"], date(2026, 12, 31)),
    ]


def test_segment_event_sections_and_the_directive_itself_are_no_tasks():
    from extraction.pipeline import extract

    body = (
        "II. THỜI GIAN, ĐỊA ĐIỂM\n"
        "- Thời gian: Lễ hội diễn ra từ ngày 24/9/2026 đến hết ngày 27/9/2026.\n"
        "- Địa điểm: Quảng trường Nguyễn Tất Thành.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Tiểu ban Hậu cần - Lễ tân (Trưởng Tiểu ban: Chánh Văn phòng Ủy ban nhân dân tỉnh)\n"
        "- Chuẩn bị giấy mời, danh sách đại biểu, khách mời.\n"
        "2. Vụ Tổ chức cán bộ tổ chức quán triệt Chỉ thị này.\n"
        "Chỉ thị này phổ biến đến chi bộ.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [(t.text.split()[0], [b.name for b in t.lead]) for t in tasks] == [
        ("Chuẩn", ["Tiểu ban Hậu cần - Lễ tân"]),
        ("Vụ", ["Vụ Tổ chức cán bộ"]),
    ]


def test_segment_a_closing_request_to_direct_the_points_above_is_no_task():
    from extraction.pipeline import extract

    body = (
        "1. Vụ Tổ chức cán bộ tổ chức giám sát ca bệnh.\n"
        "Bộ Tài chính đề nghị Ủy ban nhân dân các xã, phường quan tâm, chỉ đạo triển khai khẩn trương các nội dung trên.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Vụ Tổ chức cán bộ"]]


def test_segment_giao_what_to_whom_bodies_acting_together_and_an_approval_before_the_request():
    from extraction.pipeline import extract

    body = (
        "1. Giao chỉ tiêu tuyển quân năm 2026 cho Ủy ban nhân dân các xã, phường.\n"
        "2. Giao kế hoạch vốn năm 2026 cho Vụ Đầu tư để triển khai Dự án.\n"
        "3. Vụ Ngân sách nhà nước và Vụ Đầu tư cùng rà soát danh mục dự án.\n"
        "4. Về nhiệm vụ thời gian tới, Ban Bí thư cơ bản đồng tình với phương hướng, nhiệm vụ năm 2026; "
        "đề nghị Ban Thường vụ Tỉnh ủy Gia Lai quan tâm lãnh đạo, chỉ đạo tốt những nội dung sau:\n"
        "4.1. Chú trọng công tác giảm nghèo bền vững.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Ủy ban nhân dân các xã, phường"],
        ["Vụ Đầu tư"],
        ["Vụ Ngân sách nhà nước", "Vụ Đầu tư"],
        ["Ban Thường vụ Tỉnh ủy Gia Lai"],  # 4.1, from the request after the approval, not "Ban Bí thư"
    ]


def test_segment_a_plan_its_issuer_introduces_and_clauses_that_assign_nothing():
    from extraction.pipeline import extract

    body = (
        "Bộ Tài chính xây dựng Kế hoạch phòng, chống thiên tai năm 2026 với các nội dung sau:\n"
        "I. NHIỆM VỤ TRỌNG TÂM\n"
        "1. Kiện toàn Ban Chỉ huy phòng thủ dân sự các cấp.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Vụ Tổ chức cán bộ phối hợp với các Đoàn kiểm tra liên ngành khi có yêu cầu.\n"
        "2. Ban Chỉ đạo được sử dụng con dấu của Bộ Tài chính trong quá trình hoạt động.\n"
        "3. Văn phòng Bộ niêm yết Thông báo này tại trụ sở.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [([b.name for b in t.lead], [b.name for b in t.support]) for t in tasks] == [
        (["Vụ Tổ chức cán bộ"], ["các Đoàn kiểm tra liên ngành"]),
        (["Văn phòng Bộ"], []),
    ]


def test_segment_assessments_after_years_and_a_team_s_composition_are_no_tasks():
    from extraction.pipeline import extract

    body = (
        "Sau 12 năm thực hiện, nhận thức của các cấp ủy, chính quyền và toàn xã hội về vai trò của văn hóa có chuyển biến.\n"
        "1. Thành phần Đoàn giám sát: Trưởng đoàn là đồng chí Ủy viên Ủy ban Kiểm tra Trung ương.\n"
        "2. Sau 6 tháng thực hiện, Vụ Tổ chức cán bộ tổ chức sơ kết, báo cáo Bộ trưởng.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Vụ Tổ chức cán bộ"]]


def test_segment_a_team_s_members_after_gom_are_no_task_but_a_list_of_actors_is():
    from extraction.pipeline import extract

    body = (
        "1. Đoàn kiểm tra gồm: Trưởng đoàn là Giám đốc Sở Nội vụ; các thành viên là đại diện Sở Tư pháp.\n"
        "2. Tổ công tác gồm các đồng chí: Nguyễn Văn B, Phó Giám đốc Sở Nội vụ, Tổ trưởng; Trần Văn C.\n"
        "3. Các đơn vị gồm: Sở Tư pháp, Sở Tài chính có trách nhiệm rà soát thủ tục hành chính.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [["Sở Tư pháp", "Sở Tài chính"]]


def test_segment_grounds_before_the_plan_s_own_introduction_an_event_s_description_and_the_closing():
    from extraction.pipeline import extract

    head = "TỈNH ỦY PHÚ THỌ\nBAN TUYÊN GIÁO VÀ DÂN VẬN\nSố: 15-KH/BTGDV\nPhú Thọ, ngày 12 tháng 01 năm 2027\nKẾ HOẠCH\ntriển khai công tác dân vận năm 2027\n"
    body = (
        "Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị; căn cứ Chương trình công tác năm 2027 của Ban Thường vụ Tỉnh ủy, "
        "Ban Tuyên giáo và Dân vận Tỉnh ủy xây dựng Kế hoạch như sau:\n"
        "I. THỜI GIAN, NỘI DUNG\n"
        "1. Thời gian: từ ngày 01/11/2027 đến ngày 18/11/2027.\n"
        "2. Nội dung: Ngày hội gồm phần lễ và phần hội.\n"
        "II. NHIỆM VỤ TRỌNG TÂM\n"
        "1. Đổi mới nội dung, phương thức công tác dân vận của cơ quan nhà nước.\n"
        "III. PHÂN CÔNG THỰC HIỆN\n"
        "1. Văn phòng Ban tham mưu tổ chức Hội nghị biểu dương, trước ngày 15/10/2027.\n"
        "Ban Tuyên giáo và Dân vận Tỉnh ủy đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện Kế hoạch./.\n"
    )
    tasks = extract((head + body + TRAILER).encode(), "text/plain").tasks
    assert [t.text for t in tasks] == ["Văn phòng Ban tham mưu tổ chức Hội nghị biểu dương, trước ngày 15/10/2027."]


def test_segment_a_finding_then_a_request_in_one_sentence_and_a_team_s_posts():
    from extraction.pipeline import extract

    body = (
        "Sau khi nghe báo cáo, đồng chí Chủ tịch Hội đồng nhân dân tỉnh kết luận như sau:\n"
        "1. Công tác giải phóng mặt bằng Dự án Khu công nghiệp còn chậm; đề nghị Ủy ban nhân dân tỉnh chỉ đạo đẩy nhanh tiến độ.\n"
        "2. Tiến độ giải ngân vốn đầu tư công còn thấp; giao Sở Tài chính khẩn trương tham mưu điều chuyển vốn.\n"
        "3. Thống nhất trình Hội đồng nhân dân tỉnh tại Kỳ họp thứ năm xem xét chủ trương đầu tư 05 dự án.\n"
        "4. Trưởng đoàn: Bà Nguyễn Thị A, Phó Trưởng Đoàn đại biểu Quốc hội tỉnh.\n"
        "5. Tổ giúp việc: lãnh đạo, chuyên viên Phòng Công tác Quốc hội.\n"
        "6. Kết thúc giám sát, Đoàn giám sát hoàn thiện báo cáo, gửi Ủy ban Thường vụ Quốc hội.\n"
        "7. Các cơ quan, đơn vị chịu sự giám sát chuẩn bị báo cáo theo đề cương.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Ủy ban nhân dân tỉnh"],
        ["Sở Tài chính"],
        ["Đoàn giám sát"],
        ["Các cơ quan, đơn vị chịu sự giám sát"],
    ]


def test_segment_an_inspection_s_recommendations_its_findings_and_its_financial_measures():
    from extraction.pipeline import extract

    body = (
        "Căn cứ kết quả thanh tra, Tổng Thanh tra Chính phủ kiến nghị, yêu cầu như sau:\n"
        "1. Kiến nghị Chủ tịch Ủy ban nhân dân tỉnh\n"
        "a) Chỉ đạo Sở Nội vụ hướng dẫn các xã kiện toàn bộ phận tiếp công dân.\n"
        "2. Kiến nghị Bộ Xây dựng rà soát, sửa đổi quy chuẩn kỹ thuật về nhà ở xã hội.\n"
        "3. Ủy ban Kiểm tra Trung ương nhận thấy: Ban Thường vụ Tỉnh ủy đã vi phạm Quy chế làm việc.\n"
        "4. Về xử lý kinh tế\n"
        "a) Thu hồi nộp ngân sách nhà nước các khoản chi sai chế độ: 2.318 triệu đồng.\n"
        "b) Kiểm sát chặt chẽ việc thi hành án hình sự.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [([b.name for b in t.lead], [b.name for b in t.support]) for t in tasks][:2] == [
        (["Chủ tịch Ủy ban nhân dân tỉnh"], ["Sở Nội vụ"]),
        (["Bộ Xây dựng"], []),
    ]
    texts = [t.text for t in tasks]
    assert not any("nhận thấy" in t for t in texts)
    assert any(t.startswith("Kiểm sát chặt chẽ") for t in texts) and any(t.startswith("Thu hồi nộp") for t in texts)
    assert all(b.name != "Tổng Thanh tra Chính phủ" for t in tasks for b in t.lead)  # the speaker asks, it does no work


def test_segment_an_annex_that_lists_the_units_first_or_heads_its_tasks_chi_tieu():
    from extraction.pipeline import extract

    head = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 85/QĐ-UBND\nNghệ An, ngày 10 tháng 02 năm 2026\nQUYẾT ĐỊNH\n"
    body = "Điều 1. Giao chỉ tiêu xây dựng nông thôn mới năm 2026 cho các xã (chi tiết tại Phụ lục).\n"
    trailer = "Nơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\nPHỤ LỤC\n"
    for table in (
        "STT | Tên xã | Chỉ tiêu giao năm 2026 | Thời gian hoàn thành\n1 | Xã Tiên Lữ | Đạt chuẩn xã nông thôn mới kiểu mẫu | Tháng 11/2026\n",
        "STT | Chỉ tiêu | Đơn vị thực hiện | Thời gian hoàn thành\n1 | Đạt chuẩn xã nông thôn mới kiểu mẫu | Xã Tiên Lữ | Tháng 11/2026\n",
    ):
        tasks = extract((head + body + trailer + table).encode(), "text/plain").tasks
        row = [t for t in tasks if t.text == "Đạt chuẩn xã nông thôn mới kiểu mẫu"]
        assert [[b.name for b in t.lead] for t in row] == [["Ủy ban nhân dân xã Tiên Lữ"]]
        assert row[0].deadline.date == date(2026, 11, 30)


def test_segment_what_a_place_has_now_and_a_closing_offer_of_guidance_are_no_tasks():
    from extraction.pipeline import extract

    body = (
        "Tỉnh Gia Lai hiện có trên 1,07 triệu ha đất lâm nghiệp, tập trung ở các xã phía Tây.\n"
        "Xã Ia Grai hiện có 2.000 ha rừng thông, tập trung ở các thôn phía Bắc.\n"
        "1. Sở Nông nghiệp và Môi trường rà soát bản đồ vùng trọng điểm cháy rừng.\n"
        "Sở Xây dựng đề nghị Ủy ban nhân dân các phường, xã, các chủ đầu tư, nhà thầu quan tâm phối hợp thực hiện; "
        "trong quá trình thực hiện nếu có vướng mắc, liên hệ Sở Xây dựng để được hướng dẫn./.\n"
    )
    tasks = extract((HEADER + body + TRAILER).encode(), "text/plain").tasks
    assert [t.text for t in tasks] == ["Sở Nông nghiệp và Môi trường rà soát bản đồ vùng trọng điểm cháy rừng."]


def test_segment_task_table_rows_with_cells_on_several_lines_trimmed_parent_rows_and_bar_framed_groups():
    """A cell written on several lines ends its row where the row has the header's cells; a
    numbered parent row whose empty cells were trimmed stays in its table; "| I | ... |" titles
    a group (probe BT)."""
    tab = (
        "STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n"
        "1\tTổ chức tập huấn chuyên sâu về Luật\tCục Phòng bệnh\tVăn phòng Bộ\tQuý II/2026\n"
        "2\tRà soát các văn bản liên quan:\n- Xác định văn bản cần sửa đổi;\n- Đề xuất ban hành mới.\tVụ Pháp chế\tCác đơn vị thuộc Bộ\tQuý I/2026\n"
        "3\tTổ chức tập huấn nghiệp vụ, gồm:\n"
        "3.1\tTập huấn cho công chức các bộ\tCục Kiểm tra văn bản\tHọc viện Tư pháp\tQuý III/2026\n"
        "4\tSơ kết 01 năm thi hành Luật\tCục Phòng bệnh\tCác đơn vị thuộc Bộ\tQuý III/2027\n"
    )
    assert _tasks(tab) == [
        ("Tổ chức tập huấn chuyên sâu về Luật", "Cục Phòng bệnh"),
        ("Rà soát các văn bản liên quan:\n- Xác định văn bản cần sửa đổi;\n- Đề xuất ban hành mới.", "Vụ Pháp chế"),
        ("Tập huấn cho công chức các bộ", "Cục Kiểm tra văn bản"),
        ("Sơ kết 01 năm thi hành Luật", "Cục Phòng bệnh"),
    ]
    framed = (
        "| STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |\n"
        "| I | Hoàn thiện thể chế, chính sách |  |  |  |\n"
        "| 1 | Xây dựng Thông tư hướng dẫn cơ chế thử nghiệm | Cục Đổi mới sáng tạo | Vụ Pháp chế | Quý III/2026 |\n"
    )
    assert _tasks(framed) == [("Xây dựng Thông tư hướng dẫn cơ chế thử nghiệm", "Cục Đổi mới sáng tạo")]


def test_segment_task_table_cells_that_say_the_same_as_above():
    """ "Nt" (như trên) in a task table's lead, support or time column (probe BT)."""
    text = (
        HEADER
        + (
            "TT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn\n"
            "1 | Kiểm tra truy xuất nguồn gốc thủy sản | Cục Thủy sản và Kiểm ngư | Vụ Pháp chế | Quý III/2026\n"
            "2 | Thẩm tra, xác nhận nguyên liệu thủy sản | Nt | Nt | Nt\n"
        )
        + TRAILER
    )
    first, second = segment(text)
    assert text[second.lead.start : second.lead.end] == "Cục Thủy sản và Kiểm ngư"
    assert (second.support, second.deadline_cell) == (first.support, first.deadline_cell)


def test_segment_tables_with_sentence_case_groups_rows_that_mention_chu_tri_and_markdown_rules():
    """Probes CD, CG: "I. Về thể chế" between rows groups them; a numbered row whose cell says
    "(chủ trì)" is no header; "|---|---|" under the header is no row."""
    text = (
        HEADER
        + (
            "STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn\n"
            "1 | Nghiên cứu đề xuất thành lập Quỹ nhà ở | Cục Quản lý nhà | Bộ Tài chính | Tháng 10/2026\n"
            "I. Về thể chế\n"
            "2 | Xây dựng đề án luân phiên bác sĩ | Sở Y tế (chủ trì) | Sở Nội vụ | Trước 30/9/2026\n"
            "3 | Kiểm tra tình hình thực hiện Nghị quyết | Thanh tra Bộ | Vụ Pháp chế | Hằng năm\n"
        )
        + TRAILER
    )
    assert [text[d.span.start : d.span.end] for d in segment(text)] == [
        "Nghiên cứu đề xuất thành lập Quỹ nhà ở",
        "Xây dựng đề án luân phiên bác sĩ",
        "Kiểm tra tình hình thực hiện Nghị quyết",
    ]
    from extraction.ingest.text import rejoined_table_rows

    assert rejoined_table_rows(["| TT | Nhiệm vụ |", "|---|---|", "| 1 | Rà soát |"]) == [
        "| TT | Nhiệm vụ |",
        "| 1 | Rà soát |",
    ]


def test_segment_a_letter_s_request_after_its_account_and_its_closing_lines():
    """A one-paragraph letter asks after what it received; a quoted provision and "trả lời để ...
    biết" ask no one; the lead-in after an account is no task of its own (probes CB; local-f01)."""
    letter = (
        HEADER
        + (
            "UBND tỉnh nhận được Công văn số 7001/BCT-ĐTĐL của Bộ Công Thương. Giao Sở Công Thương tham mưu, "
            "báo cáo UBND tỉnh trước ngày 25/11/2025.\n"
            "Theo quy định tại khoản 2 Điều 3 Nghị định số 186/2025/NĐ-CP, Sở Tài chính có trách nhiệm chủ trì thẩm định phương án.\n"
            "Bộ Tài chính trả lời để Ủy ban nhân dân tỉnh biết, thực hiện./.\n"
        )
        + TRAILER
    )
    assert _tasks_of(letter) == [
        ("Giao Sở Công Thương tham mưu, báo cáo UBND tỉnh trước ngày 25/11/2025", "Sở Công Thương")
    ]
    lead_in = (
        HEADER
        + (
            "Công tác quản lý đã được chỉ đạo và đạt nhiều kết quả. Bộ trưởng yêu cầu các đơn vị thực hiện tốt các nhiệm vụ sau:\n"
            "1. Vụ Pháp chế rà soát các quy định.\n"
        )
        + TRAILER
    )
    assert _tasks_of(lead_in) == [("Vụ Pháp chế rà soát các quy định", "Vụ Pháp chế")]


def _tasks_of(text):
    out = []
    for d in segment(text):
        lead = d.lead or d.inherited_lead
        out.append((text[d.span.start : d.span.end].rstrip(". "), text[lead.start : lead.end] if lead else None))
    return out


def test_segment_a_regulation_s_principles_composition_promulgation_and_sanctions():
    """Probe CF: none of these asks anyone."""
    text = (
        HEADER
        + (
            "Ủy ban nhân dân tỉnh ban hành Quyết định ban hành Quy định phân công quản lý cụm công nghiệp.\n"
            "Điều 4. Nguyên tắc phân công, phối hợp\n"
            "1. Bảo đảm sự quản lý thống nhất của Ủy ban nhân dân tỉnh; phân định rõ trách nhiệm của từng cơ quan.\n"
            "Điều 5. Tổ giúp việc\n"
            "1. Tổ giúp việc do Giám đốc Sở Khoa học và Công nghệ làm Tổ trưởng; thành viên gồm lãnh đạo cấp phòng.\n"
            "2. Sở Công Thương chủ trì thẩm định hồ sơ thành lập cụm công nghiệp.\n"
            "Điều 6. Xử lý vi phạm\n"
            "Cơ quan, đơn vị, cá nhân không thực hiện đúng Quy chế này thì tùy theo mức độ bị xem xét trách nhiệm.\n"
            "Điều 7. Các sở, ngành và các cơ quan, đơn vị có liên quan căn cứ Quyết định thi hành./.\n"
        )
        + TRAILER
    )
    assert _tasks_of(text) == [("Sở Công Thương chủ trì thẩm định hồ sơ thành lập cụm công nghiệp", "Sở Công Thương")]
