"""Lead and co-operating bodies from the grammar of assignment."""

import pytest

from extraction.grammar import find_lead, find_support, names_only, starts_with_body
from extraction.pipeline import extract
from extraction.roles import split_names


def _lead(text):
    span = find_lead(text)
    return text[span.start : span.end] if span else None


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp rà soát các quy định.", "Bộ Tài chính"),
        ("Giao Đảng uỷ Quốc hội lãnh đạo, chỉ đạo ban hành Nghị quyết.", "Đảng uỷ Quốc hội"),
        (
            "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội chỉ đạo chuẩn bị hồ sơ.",
            "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội",
        ),
        # the issuer speaking, its object after a colon
        ("Ban Thường vụ Tỉnh ủy giao: Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo rà soát quy hoạch.", "Đảng ủy UBND tỉnh"),
        # verbs of urgent letters and "có + noun" end the subject
        ("Ủy ban nhân dân các xã ven biển kêu gọi tàu thuyền vào nơi trú ẩn.", "Ủy ban nhân dân các xã ven biển"),
        ("Sở Tư pháp có ý kiến về thẩm quyền ban hành văn bản.", "Sở Tư pháp"),
        ("Công an tỉnh kiên quyết xử lý các vi phạm.", "Công an tỉnh"),
        # local units head their own names
        ("Trạm Y tế xã có trách nhiệm giám sát các ca bệnh.", "Trạm Y tế xã"),
        ("Trưởng các thôn tuyên truyền cho người dân.", "Trưởng các thôn"),
        ("Giao Hạt Kiểm lâm tăng cường tuần tra.", "Hạt Kiểm lâm"),
        # "có nhiệm vụ" is a duty like "có trách nhiệm"
        ("Văn phòng Ủy ban nhân dân tỉnh có nhiệm vụ theo dõi, đôn đốc.", "Văn phòng Ủy ban nhân dân tỉnh"),
        # a verb the cue lists lack: the name the directory knows ends before it
        ("Sở Tư pháp mở chuyên mục về nông thôn mới trên báo.", "Sở Tư pháp"),
        ("Bộ Công an điều tra, làm rõ nguyên nhân vụ cháy, xử lý nghiêm các sai phạm.", "Bộ Công an"),
        # ... but not before a word that carries the name on, nor before a short qualifier
        ("Sở Tài chính tỉnh Lào Cai chủ trì rà soát.", "Sở Tài chính tỉnh Lào Cai"),
        ("các chi bộ, đảng bộ cơ sở", None),
        # a time phrase may open the item before its subject
        ("Trước ngày 20/12/2025, Sở Y tế hoàn thành việc rà soát.", "Sở Y tế"),
        ("Chậm nhất ngày 15/01/2026, các sở, ngành gửi báo cáo.", "các sở, ngành"),
        # the word after an organ's head is part of its name: "đoàn kiểm tra", not "kiểm tra"
        ("Giao các đoàn kiểm tra của Bộ Chính trị chủ động nắm tình hình.", "các đoàn kiểm tra của Bộ Chính trị"),
        # a copula after a proper name ends it; after a common noun it describes which ones
        ("Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi.", "Sở Khoa học và Công nghệ"),
        ("Các chủ rừng là tổ chức có trách nhiệm tuần tra.", "Các chủ rừng là tổ chức"),
        # "Theo dõi" (monitor) is a verb, not the adverbial "theo" (according to): no subject here
        ("Theo dõi các cơ quan đảng, Văn phòng Chính phủ thực hiện Quy định này.", None),
        # a gloss in brackets does not stop "tổ chức" from being the predicate
        ("Trung tâm Dịch vụ việc làm (Sở Nội vụ) tổ chức tư vấn việc làm.", "Trung tâm Dịch vụ việc làm (Sở Nội vụ)"),
        (
            "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai và các cơ quan liên quan: Tăng cường giám sát.",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai và các cơ quan liên quan",
        ),
        (
            "Chủ tịch Uỷ ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị, địa phương triển khai thực hiện tốt các nhiệm vụ sau:",
            "các cơ quan, đơn vị, địa phương",
        ),
        (
            "Bộ Chính trị giao Ban Thường vụ các tỉnh ủy, thành ủy chủ động công tác chuẩn bị.",
            "Ban Thường vụ các tỉnh ủy, thành ủy",
        ),
        ("Trên cơ sở đó, Bộ Tư pháp tổng hợp, báo cáo Thủ tướng Chính phủ.", "Bộ Tư pháp"),
        # a topic label names no actor, however long: the lead follows its colon
        (
            "Về đề nghị nghiên cứu, sửa đổi quy định về thủ tục giao đất của tỉnh: giao Bộ Nông nghiệp và "
            "Môi trường chủ trì nghiên cứu, đề xuất phương án xử lý.",
            "Bộ Nông nghiệp và Môi trường",
        ),
        (
            "Về đề nghị Chính phủ chỉ đạo Bộ Xây dựng xem xét, bố trí vốn cho dự án đường ven biển đoạn A - B "
            "trong kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030 từ số vốn không giải ngân hết phải "
            "hoàn trả ngân sách trung ương của dự án BOT đường ven biển đoạn A - B: giao Bộ Tài chính chủ trì xem xét.",
            "Bộ Tài chính",
        ),
        # after a topic label the clause may open with an adverbial or a label of its own
        ("Về vốn: để bảo đảm tiến độ, Bộ Tài chính khẩn trương bố trí vốn cho dự án.", "Bộ Tài chính"),
        (
            "Về đầu tư kho dầu: với vai trò là chủ đầu tư, Tập đoàn Điện lực Việt Nam chủ động làm việc với đối tác.",
            "Tập đoàn Điện lực Việt Nam",
        ),
        ("Về cấp xã: tăng số lượng cấp phó: giao Bộ Nội vụ chủ trì nghiên cứu.", "Bộ Nội vụ"),
        ("Đẩy mạnh cải cách: giao Bộ Nội vụ chủ trì nghiên cứu.", "Bộ Nội vụ"),
        ("Ngoài ra, các bộ, ngành cần chủ động bố trí nguồn lực.", "các bộ, ngành"),
        # a kind in lower case is no organ's head: the verb after it acts; "các ban chỉ đạo" are organs
        ("Ủy ban nhân dân tỉnh yêu cầu các sở tập trung thực hiện.", "các sở"),
        ("Yêu cầu các ban chỉ đạo tập trung thực hiện.", "các ban chỉ đạo"),
        ("Các cục quản lý chuyên ngành tăng cường kiểm tra.", "Các cục quản lý chuyên ngành"),
        # a verb no cue list holds ends a complete name (underthesea's POS tagger reads it) ...
        (
            "Ủy ban nhân dân các tỉnh sắp xếp lại các đơn vị sự nghiệp công lập trước ngày 15/01/2026.",
            "Ủy ban nhân dân các tỉnh",
        ),
        ("Bảo hiểm xã hội tỉnh sơ kết việc thực hiện chính sách.", "Bảo hiểm xã hội tỉnh"),
        # a plural list of kinds is complete too; one kind alone may take a qualifier
        ("Các bộ, ngành bổ sung kế hoạch vốn cho các dự án.", "Các bộ, ngành"),
        ("Các địa phương đẩy nhanh giải ngân.", "Các địa phương"),
        ("Các cơ quan chủ quản dữ liệu cập nhật dữ liệu.", "Các cơ quan chủ quản dữ liệu"),
        ("Các bộ, ngành, cơ quan chủ quản khẩn trương đẩy nhanh tiến độ.", "Các bộ, ngành, cơ quan chủ quản"),
        # offices of central agencies after the 2025 reorganisation, officials by title
        (
            "Thuế tỉnh Bắc Ninh, Hải quan khu vực IV đẩy nhanh tiến độ hoàn thuế.",
            "Thuế tỉnh Bắc Ninh, Hải quan khu vực IV",
        ),
        (
            "Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các tổ chức tín dụng giảm lãi suất.",
            "Thống đốc Ngân hàng Nhà nước Việt Nam",
        ),
        # "ban" after "Ủy" is the head "Ủy ban", not a verb ending the name
        (
            "Ban cán sự đảng Ủy ban nhân dân thành phố chỉ đạo Sở Tư pháp rà soát văn bản.",
            "Ban cán sự đảng Ủy ban nhân dân thành phố",
        ),
        # ... but not a name that goes on in lower case, nor a relative clause
        ("Người đứng đầu lưu trữ lịch sử của Đảng thực hiện các hình thức.", "Người đứng đầu lưu trữ lịch sử của Đảng"),
        ("Thường trực Tỉnh ủy Thanh Hóa lãnh đạo, chỉ đạo thực hiện.", "Thường trực Tỉnh ủy Thanh Hóa"),
        (
            "Ban Chỉ đạo phòng, chống thiên tai tỉnh chủ trì tổ chức diễn tập.",
            "Ban Chỉ đạo phòng, chống thiên tai tỉnh",
        ),
        # the actors of communes and wards: villages, residential groups, officers by post
        ("Các thôn, tổ dân phố rà soát hộ nghèo.", "Các thôn, tổ dân phố"),
        (
            "Chỉ huy trưởng Ban Chỉ huy Quân sự xã xây dựng phương án huy động dân quân.",
            "Chỉ huy trưởng Ban Chỉ huy Quân sự xã",
        ),
        ("Công chức Văn phòng - Thống kê tham mưu kiện toàn Ban Chỉ huy.", "Công chức Văn phòng - Thống kê"),
        # "tổ chức" + an event is the verb, capitalised or not; a recurrence ends the name
        ("Phòng Kinh tế tổ chức Lễ ra quân.", "Phòng Kinh tế"),
        ("Phòng Kinh tế tổ chức hội nghị, hoàn thành trong tháng 12/2025.", "Phòng Kinh tế"),
        ("Phòng Kinh tế định kỳ hằng tháng báo cáo tình hình.", "Phòng Kinh tế"),
        # a body written by its acronym
        ("NHNN chủ trì, phối hợp với Bộ Tài chính rà soát dư nợ tín dụng.", "NHNN"),
        ("BHXH tỉnh chủ trì, phối hợp với Sở Y tế rà soát danh sách.", "BHXH tỉnh"),
        ("Các viện nghiên cứu, trường đại học căn cứ nhiệm vụ, xây dựng đề án.", "Các viện nghiên cứu, trường đại học"),
        # so does a label of the task's subject: the body after its colon acts
        (
            "Tăng cường công tác quản lý, hoàn thiện thể chế về đất đai: Các bộ khẩn trương trình Chính "
            "phủ ban hành các nghị định hướng dẫn.",
            "Các bộ",
        ),
        # ... but a colon inside brackets opens an example, not the clause
        (
            "Bố trí vốn cho các dự án trọng điểm (như: Trung tâm dữ liệu tỉnh, sàn giao dịch công nghệ).",
            None,
        ),
        # ... and a body before the colon is the actor, an assignment in the label too
        ("Sở Tài chính: Khẩn trương tham mưu bố trí kinh phí.", "Sở Tài chính"),
        ("Giao nhiệm vụ như sau: Sở Nội vụ rà soát biên chế.", None),
        # a gloss in brackets that the name does not close is not part of it
        (
            "Các chủ rừng là tổ chức (các Ban quản lý rừng đặc dụng, rừng phòng hộ, các Công ty lâm nghiệp thực hiện rà soát diện tích rừng.",
            "Các chủ rừng là tổ chức",
        ),
        # a project management board is named by its projects
        (
            "Ban Quản lý dự án đầu tư xây dựng số 2 đẩy nhanh tiến độ thi công.",
            "Ban Quản lý dự án đầu tư xây dựng số 2",
        ),
        (
            "Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương rà soát.",
            "Bộ Tài chính",
        ),
        (
            "Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ theo chức năng, nhiệm vụ đề cao trách nhiệm.",
            "Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ",
        ),
        (
            "Ban Chỉ đạo Phòng thủ dân sự quốc gia tổ chức theo dõi công tác tìm kiếm cứu nạn.",
            "Ban Chỉ đạo Phòng thủ dân sự quốc gia",
        ),
        (
            "Các cơ quan, đơn vị được giao chủ trì có trách nhiệm hoàn thành nhiệm vụ.",
            "Các cơ quan, đơn vị được giao chủ trì",
        ),
        (
            "Chủ đầu tư phối hợp chặt chẽ với các đơn vị liên quan hoàn thành nghiệm thu.",
            "Chủ đầu tư",
        ),
        # after an opening phrase, "của" + a thing ends it; "của" + bodies lists them
        (
            "Khi lập danh mục dự án của Chương trình, các Bộ, ngành và địa phương rà soát kỹ.",
            "các Bộ, ngành và địa phương",
        ),
        ("Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính tổng hợp.", "Bộ Tài chính"),
        ("Chủ trì, phối hợp với các Bộ, ngành liên quan rà soát cơ chế.", None),
        # an opening that says what the letter carries out; the bodies after "đề nghị" are its objects
        (
            "Thực hiện chỉ đạo của Thủ tướng Chính phủ tại văn bản số 123/TTg-KTTH ngày 01/3/2027, Bộ Tài chính đề "
            "nghị Ủy ban nhân dân các tỉnh, thành phố rà soát nhu cầu kinh phí.",
            "Ủy ban nhân dân các tỉnh, thành phố",
        ),
        ("Phúc đáp Công văn số 45/UBND-KT của tỉnh, Bộ Xây dựng đề nghị Sở Xây dựng hoàn thiện hồ sơ.", "Sở Xây dựng"),
        ("Báo cáo Bộ Chính trị về tình hình thực hiện.", None),
        # a member ("đảng viên") is no body, and "thì" closes a condition: a rule, not a task
        ("Đảng viên ra nước ngoài từ 12 tháng trở lên thì sinh hoạt tạm thời tại tổ chức đảng.", None),
        ("Hội nghị được đồng chí Thường trực Ban Bí thư dự và chỉ đạo.", None),
    ],
)
def test_roles_find_lead(text, lead):
    assert _lead(text) == lead


@pytest.mark.parametrize(
    ("text", "support"),
    [
        (
            "Chủ trì, phối hợp với các Bộ, ngành liên quan rà soát cơ chế.",
            "các Bộ, ngành liên quan",
        ),
        (
            "Bộ Tài chính chủ trì, phối hợp chặt chẽ với Bộ Tư pháp và Bộ Nội vụ xây dựng đề án.",
            "Bộ Tư pháp và Bộ Nội vụ",
        ),
        (
            "Thường xuyên phối hợp với chính quyền địa phương để bảo đảm an toàn.",
            "chính quyền địa phương",
        ),
        ("Bộ Tài chính rà soát các quy định.", None),
        # working with a body, or guiding it while co-operating, makes it co-operating
        (
            "Giao Sở Xây dựng chủ trì, làm việc với Ủy ban nhân dân huyện A để thống nhất phương án.",
            "Ủy ban nhân dân huyện A",
        ),
        (
            "Sở Tài chính tiếp tục phối hợp, hướng dẫn Sở Y tế trong việc hoàn thiện hồ sơ.",
            "Sở Y tế",
        ),
        # so does agreeing the work with it
        (
            "Sở Tài chính nghiên cứu quy định hiện hành, trao đổi, thống nhất với Sở Tư pháp để xác định rõ thẩm quyền.",
            "Sở Tư pháp",
        ),
        ("Cơ bản thống nhất với Báo cáo của Sở Nội vụ.", None),
        # a preposition the predicate left at the end of the name is not part of it
        (
            "Sở Công Thương tăng cường phối hợp với cơ quan liên quan trong quản lý, kiểm tra hoạt động vận chuyển.",
            "cơ quan liên quan",
        ),
        # "về nội dung ..." after a name says what the co-operation is about
        (
            "Sở Tài chính thống nhất với Sở Tư pháp về nội dung phân công nhiệm vụ tại Đề án.",
            "Sở Tư pháp",
        ),
        # "(các) chủ đầu tư" is a name: "đầu tư" is not its predicate
        (
            "Sở Công Thương phối hợp chặt chẽ với các chủ đầu tư hạ tầng cụm công nghiệp đẩy nhanh giải phóng mặt bằng.",
            "các chủ đầu tư hạ tầng cụm công nghiệp",
        ),
        # a verb no cue list holds after a proper name ends it
        (
            "Thanh tra Bộ phối hợp với Cục Quản lý Dược thanh tra, kiểm tra việc kinh doanh thuốc.",
            "Cục Quản lý Dược",
        ),
        # ... so does one after a closing qualifier or after "địa phương"
        (
            "Giao Thanh tra tỉnh chủ trì, phối hợp với các sở, ngành liên quan thanh tra việc sử dụng đất.",
            "các sở, ngành liên quan",
        ),
        (
            "Công an tỉnh phối hợp với chính quyền địa phương điều tra, xử lý các hành vi vi phạm.",
            "chính quyền địa phương",
        ),
        # "(chủ trì) cùng X": X co-operates
        ("Giao Sở Xây dựng (chủ trì) cùng Sở Tài chính thẩm định hồ sơ điều chỉnh dự toán.", "Sở Tài chính"),
    ],
)
def test_roles_find_support(text, support):
    span = find_support(text)
    assert (text[span.start : span.end] if span else None) == support


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        (
            "Bộ Tài chính, Bộ Nông nghiệp và Phát triển nông thôn",
            ["Bộ Tài chính", "Bộ Nông nghiệp và Phát triển nông thôn"],
        ),
        (
            "Các bộ, ngành và Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
            ["Các bộ, ngành", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"],
        ),
        ("Bộ Kế hoạch và Đầu tư", ["Bộ Kế hoạch và Đầu tư"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        # a portal heads its own name, after a name with a comma inside
        (
            "Sở Văn hóa, Thể thao và Du lịch, Cổng Thông tin điện tử tỉnh",
            ["Sở Văn hóa, Thể thao và Du lịch", "Cổng Thông tin điện tử tỉnh"],
        ),
        (
            "Ban tuyên giáo tỉnh ủy, thành ủy; các trung tâm chính trị xã, phường",
            ["Ban tuyên giáo tỉnh ủy, thành ủy", "các trung tâm chính trị xã, phường"],
        ),
        ("Sở Công Thương, UBND các xã, phường", ["Sở Công Thương", "UBND các xã, phường"]),
        ("Bộ trưởng, Thủ trưởng cơ quan ngang Bộ", ["Bộ trưởng, Thủ trưởng cơ quan ngang Bộ"]),
        # one office serves two organs
        ("Văn phòng HĐND và UBND phường", ["Văn phòng HĐND và UBND phường"]),
        ("Văn phòng Ủy ban nhân dân tỉnh và Sở Nội vụ", ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Nội vụ"]),
        # "/" between two bodies names both; between two names of one kind, one body by its names
        # in different provinces
        (
            "Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh",
            ["Bộ Chỉ huy Quân sự tỉnh", "Ban Chỉ huy Bộ đội Biên phòng tỉnh"],
        ),
        (
            "Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao",
            ["Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao"],
        ),
        # "Phòng, chống" after "và" is work in the name, not an office
        ("Cục Quản lý đê điều và Phòng, chống thiên tai", ["Cục Quản lý đê điều và Phòng, chống thiên tai"]),
        ("Cục Thủy lợi và Phòng Kinh tế", ["Cục Thủy lợi", "Phòng Kinh tế"]),
        # "ban" of "Ủy ban" opens no group of boards ("các ban Trung ương")
        (
            "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội",
            ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "các tổ chức chính trị - xã hội"],
        ),
        # a Party committee's head over the places it names: one committee each
        ("Các tỉnh ủy Đắk Lắk, Gia Lai, Lâm Đồng", ["Tỉnh ủy Đắk Lắk", "Tỉnh ủy Gia Lai", "Tỉnh ủy Lâm Đồng"]),
        ("Thành ủy Hà Nội, Hải Phòng và Huế", ["Thành ủy Hà Nội", "Thành ủy Hải Phòng", "Thành ủy Huế"]),
        # a group label before a colon of full names names no body of its own
        (
            "Các đơn vị: Cục Biến đổi khí hậu, Cục Viễn thám quốc gia",
            ["Cục Biến đổi khí hậu", "Cục Viễn thám quốc gia"],
        ),
    ],
)
def test_roles_split_names(phrase, names):
    assert split_names(phrase) == names


def test_roles_names_only_recognises_addressee_headings():
    text = "Bộ Kế hoạch và Đầu tư:\nChủ trì rà soát."
    assert names_only(text, 0, text.index("\n"))
    other = "Bộ Tài chính rà soát các quy định."
    assert not names_only(other, 0, len(other))


def test_roles_predicate_is_not_a_body():
    assert starts_with_body("Ban Bí thư")
    assert not starts_with_body("Ban hành quy chế")
    assert not starts_with_body("Tổ chức thực hiện Quyết định")


def test_roles_document_abbreviations_are_checked_by_initials():
    from extraction.roles import document_abbreviations, expand_abbreviations

    text = (
        "Công tác quản lý vật liệu nổ công nghiệp (VLNCN), tiền chất thuốc nổ (TCTN) đạt kết quả; "
        "các khu kinh tế ven biển, khu kinh tế cửa khẩu (KKT) phát triển; Ủy ban nhân dân (XYZ)."
    )
    found = document_abbreviations(text)
    assert found == {"VLNCN": "vật liệu nổ công nghiệp", "TCTN": "tiền chất thuốc nổ"}
    assert expand_abbreviations("Các tổ chức hoạt động liên quan đến VLNCN, TCTN", found) == (
        "Các tổ chức hoạt động liên quan đến vật liệu nổ công nghiệp, tiền chất thuốc nổ"
    )


def test_roles_document_abbreviations_of_names_stand_for_the_whole_name():
    from extraction.roles import document_abbreviations

    text = (
        "1. Đề nghị Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh (sau đây gọi tắt là Ban QLDA) "
        "tăng cường nhân lực.\n2. Giao Ban Quản lý dự án đầu tư xây dựng tỉnh (BQLDA) chủ trì.\n"
        "3. Sở Kế hoạch và Đầu tư (sau đây gọi là Sở) phối hợp."
    )
    assert document_abbreviations(text) == {
        "BQLDA": "Ban Quản lý dự án đầu tư xây dựng tỉnh",
        "Ban QLDA": "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
    }
    later = extract(
        (text + "\n4. Ban QLDA khẩn trương hoàn thiện hồ sơ thanh toán.").encode("utf-8"), "text/plain"
    ).tasks[-1]
    assert [b.name for b in later.lead] == ["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"]


def test_roles_a_short_name_of_words_or_a_headed_acronym_stands_for_the_name_it_is_defined_for():
    from extraction.roles import document_abbreviations, expand_abbreviations

    text = (
        "Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh Nghệ An (sau đây gọi tắt là Ban Chỉ đạo).\n"
        "Tham dự có lãnh đạo Vụ Kế hoạch - Tài chính (Vụ KHTC) và Cục Chuyển đổi số.\n"
    )
    found = document_abbreviations(text)
    assert found == {"Ban Chỉ đạo": "Ban Chỉ đạo chuyển đổi số tỉnh Nghệ An", "Vụ KHTC": "Vụ Kế hoạch - Tài chính"}
    # a short name of words is expanded only as a whole name
    assert expand_abbreviations("Ban Chỉ đạo", found) == "Ban Chỉ đạo chuyển đổi số tỉnh Nghệ An"
    assert expand_abbreviations("Ban Chỉ đạo Trung ương về phòng, chống tham nhũng", found) == (
        "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng"
    )
    tasks = extract(
        (text + "1. Cục Chuyển đổi số chủ trì, phối hợp với Vụ KHTC hoàn thiện Kế hoạch.").encode("utf-8"), "text/plain"
    ).tasks
    assert [b.name for b in tasks[-1].support] == ["Vụ Kế hoạch - Tài chính"]


@pytest.mark.parametrize(
    ("name", "pieces"),
    [
        (
            "Ủy ban nhân dân tỉnh, chủ rừng, cơ quan liên quan",
            ["Ủy ban nhân dân tỉnh", "chủ rừng", "cơ quan liên quan"],
        ),
        ("cơ quan, đơn vị có liên quan", ["cơ quan, đơn vị có liên quan"]),
        ("các Bộ, ngành liên quan", ["các Bộ, ngành liên quan"]),
        # after a place, "và" starts another body; between kinds it joins them
        ("Ủy ban nhân dân xã, phường và đơn vị có liên quan", ["Ủy ban nhân dân xã, phường", "đơn vị có liên quan"]),
        ("cơ quan, đơn vị và tổ chức liên quan", ["cơ quan, đơn vị và tổ chức liên quan"]),
    ],
)
def test_roles_support_lists_split_before_common_nouns(name, pieces):
    from extraction.roles import split_generic_list

    assert split_generic_list(name) == pieces


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        # a place name written after a lower-case unit belongs to the name
        ("Ủy ban nhân dân các xã, phường, đặc khu Bạch Long", ["Ủy ban nhân dân các xã, phường, đặc khu Bạch Long"]),
        # "trực thuộc" ties the group to the body after it (it is not only a closing qualifier)
        ("Các đơn vị trực thuộc Bộ Công Thương, Sở Nội vụ", ["Các đơn vị trực thuộc Bộ Công Thương", "Sở Nội vụ"]),
        ("các tỉnh ủy, thành ủy trực thuộc Trung ương", ["các tỉnh ủy, thành ủy trực thuộc Trung ương"]),
    ],
)
def test_roles_generic_names_keep_their_place_name_and_the_body_they_belong_to(phrase, names):
    assert split_names(phrase) == names


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # a cue syllable inside a noun of compounds.tsv ends no name
        (
            "Ban Quản lý chương trình mục tiêu quốc gia tỉnh khẩn trương hoàn thành báo cáo.",
            "Ban Quản lý chương trình mục tiêu quốc gia tỉnh",
        ),
        (
            "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh đẩy nhanh tiến độ.",
            "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh",
        ),
        # ... and a cue that ends a longer noun of it ("công nghệ thông tin")
        (
            "Trung tâm Công nghệ thông tin chủ trì xây dựng chuyên mục về chuyển đổi số.",
            "Trung tâm Công nghệ thông tin",
        ),
        # a review is work: "Tỉnh đoàn tổng kết ..."
        ("Tỉnh đoàn tổng kết chiến dịch tình nguyện hè, báo cáo Thường trực Tỉnh ủy.", "Tỉnh đoàn"),
        # "tăng" is work; a member ("đảng viên") is no body, and "thì" closes a condition
        ("Các cơ quan báo chí tăng thời lượng đưa tin về bão, lũ.", "Các cơ quan báo chí"),
        # "giúp" is work: "X giúp Y sơ kết ..." is X's task
        ("Văn phòng Đảng ủy giúp Ban Thường vụ Đảng ủy sơ kết việc thực hiện Nghị quyết.", "Văn phòng Đảng ủy"),
        (
            "Các đơn vị: Cục Biến đổi khí hậu, Cục Viễn thám quốc gia theo chức năng, nhiệm vụ tăng cường dự báo.",
            "Các đơn vị: Cục Biến đổi khí hậu, Cục Viễn thám quốc gia",
        ),
        # a verb of compounds.tsv is the predicate as a whole word
        ("Trung tâm Phát triển quỹ đất giải trình với Hội đồng nhân dân tỉnh.", "Trung tâm Phát triển quỹ đất"),
        # after an assigning verb, "Lãnh đạo" heads those who lead the bodies it names
        ("Ủy ban nhân dân tỉnh yêu cầu Lãnh đạo các sở, ngành chủ động giải phóng mặt bằng.", "Lãnh đạo các sở, ngành"),
        ("Yêu cầu Lãnh đạo các sở, ngành chủ động giải phóng mặt bằng.", "Lãnh đạo các sở, ngành"),
        # right after a name, "tổ chức" + a word that makes no organisation of it organises
        ("Các bộ, ngành, địa phương tổ chức tổng rà soát hiện trạng dịch vụ công.", "Các bộ, ngành, địa phương"),
        ("Thanh tra tỉnh tổ chức thanh tra việc chấp hành quy định.", "Thanh tra tỉnh"),
        # after a comma, "và", "các" or "Ban" it is a body
        (
            "Các sở, ban, ngành, tổ chức chính trị - xã hội phối hợp tuyên truyền.",
            "Các sở, ban, ngành, tổ chức chính trị - xã hội",
        ),
        ("Sở Nội vụ và tổ chức công đoàn phối hợp tuyên truyền.", "Sở Nội vụ và tổ chức công đoàn"),
        ("Ban tổ chức lễ kỷ niệm chủ trì chuẩn bị hội trường.", "Ban tổ chức lễ kỷ niệm"),
        ("Các tổ chức cơ sở đảng tổ chức quán triệt Nghị quyết.", "Các tổ chức cơ sở đảng"),
        # a capitalised word of a name is no verb, even one that is a verb in lower case
        ("Văn phòng Đăng ký đất đai tỉnh rút ngắn thời gian giải quyết hồ sơ.", "Văn phòng Đăng ký đất đai tỉnh"),
        # ... also when the word begins right after an organ's head ("Trợ giúp": "giúp" is a cue)
        ("Trung tâm Trợ giúp pháp lý nhà nước tăng cường tuyên truyền.", "Trung tâm Trợ giúp pháp lý nhà nước"),
        # grassroots units of the Youth Union, the associations and the trade unions
        ("Các chi hội phụ nữ ấp tổ chức ra quân.", "Các chi hội phụ nữ ấp"),
        ("Các công đoàn cơ sở tổ chức ra quân.", "Các công đoàn cơ sở"),
        ("Yêu cầu các cơ sở Đoàn trực thuộc tổ chức ra quân.", "các cơ sở Đoàn trực thuộc"),
        # a time clause inside the subject ends the name
        (
            "Các Bộ, cơ quan ngang Bộ sau khi Đề án được phê duyệt khẩn trương rà soát dữ liệu.",
            "Các Bộ, cơ quan ngang Bộ",
        ),
        # a purpose after the opening: the subject stands after both
        (
            "Thực hiện Luật Ngân sách nhà nước năm 2025 và Nghị định số 120/2025/NĐ-CP ngày 05 tháng 6 năm 2025 của "
            "Chính phủ, để bảo đảm việc khóa sổ kế toán năm 2025 đúng quy định, Bộ Tài chính đề nghị Ủy ban nhân dân "
            "các tỉnh thực hiện một số nội dung sau:",
            "Ủy ban nhân dân các tỉnh",
        ),
        # a post named as an actor, with the person's name
        ("Giao Thứ trưởng Phùng Đức Tiến trực tiếp chỉ đạo việc xây dựng cơ sở dữ liệu.", "Thứ trưởng Phùng Đức Tiến"),
        ("Phó Giám đốc Sở Y tế Nguyễn Văn Hải theo dõi, đôn đốc.", "Phó Giám đốc Sở Y tế Nguyễn Văn Hải"),
        # a group's label sorts the items; the body named after its colon acts
        ("Đối với các sở, ngành: Sở Xây dựng kiểm tra hiện trạng tuyến đường.", "Sở Xây dựng"),
        ("Đối với các địa phương: tăng cường kiểm tra.", "các địa phương"),
        # with no colon, "đối với" opens the subject of an urging word
        ("Đối với các chủ đầu tư cần nhanh chóng dọn dẹp mặt bằng, khôi phục lại thi công.", "các chủ đầu tư"),
        ("Đối với các dự án chậm tiến độ, Bộ Xây dựng cần rà soát.", "Bộ Xây dựng"),
        ("Cấp ủy các cấp công khai kết quả xếp loại.", "Cấp ủy các cấp"),
        ("Phòng Công nghệ thông tin nâng cấp phần mềm quản lý văn bản.", "Phòng Công nghệ thông tin"),
        # units of the armed forces and of social protection (probe AT)
        ("Giao Hải đội Biên phòng 2 tuần tra vùng biển.", "Hải đội Biên phòng 2"),
        ("Trung tâm Phục vụ hành chính công xã nâng tỷ lệ hồ sơ trực tuyến.", "Trung tâm Phục vụ hành chính công xã"),
        ("Báo Hà Tĩnh mở chuyên mục tuyên truyền.", "Báo Hà Tĩnh"),
        # an abbreviation of lexicon.tsv that opens a body's name
        ("Giao TTKSBT chủ trì, phối hợp với các bệnh viện giám sát ca bệnh.", "TTKSBT"),
        ("TYT các xã, phường tăng cường giám sát dịch bệnh.", "TYT các xã, phường"),
        (
            "Giao Đội Cảnh sát giao thông đường bộ số 1 tuần tra tuyến Quốc lộ 9.",
            "Đội Cảnh sát giao thông đường bộ số 1",
        ),
        ("Đề nghị Khu Quản lý đường bộ II lắp đặt biển cảnh báo.", "Khu Quản lý đường bộ II"),
        ("Giao Cơ sở cai nghiện ma túy tỉnh tiếp nhận người nghiện.", "Cơ sở cai nghiện ma túy tỉnh"),
        # a name's word the tagger reads as a verb where a verb stands (cues.tsv: name_word)
        ("Các đơn vị sự nghiệp công lập rà soát vị trí việc làm.", "Các đơn vị sự nghiệp công lập"),
        # after a genitive list, the subject opens where a list starts afresh (a capital or "các")
        (
            "Trên cơ sở ý kiến của Bộ Tài chính, Ủy ban nhân dân các tỉnh, thành phố quyết định phân bổ vốn.",
            "Ủy ban nhân dân các tỉnh, thành phố",
        ),
        ("Sau khi có ý kiến của Bộ Tư pháp, các bộ, ngành, địa phương rà soát văn bản.", "các bộ, ngành, địa phương"),
        # an enterprise by the one-word name the directory knows, with its branch's place
        ("Viettel Quảng Trị, VNPT Quảng Trị bảo đảm thông tin liên lạc.", "Viettel Quảng Trị, VNPT Quảng Trị"),
        # "theo quy chế" says how a body works, it ends the name
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường theo quy chế phối hợp tổ chức lấy ý kiến.",
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        ),
        # a fund is a body ("Quỹ" heads its name)
        ("Quỹ Bảo vệ và phát triển rừng tỉnh chủ trì rà soát nguồn thu.", "Quỹ Bảo vệ và phát triển rừng tỉnh"),
        # a verb the tagger reads ends a list of party kinds, one syllable will do
        ("Các cấp ủy coi đây là tiêu chí đánh giá cán bộ.", "Các cấp ủy"),
        # a purpose opening may join several aims before the subject
        (
            "Để khắc phục hạn chế, đẩy mạnh chuyển đổi số, Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng "
            "thực hiện tốt các nhiệm vụ sau:",
            "các cấp ủy, tổ chức đảng",
        ),
    ],
)
def test_roles_name_ends_respect_compound_words_and_leadership(text, lead):
    span = find_lead(text)
    assert span is not None and text[span.start : span.end] == lead


def test_roles_lead_verb_is_not_leadership_outside_an_assignment():
    # "Lãnh đạo các cấp ủy ..." opening a sentence is the verb "lead", not a body
    assert find_lead("Lãnh đạo các cấp ủy triển khai Nghị quyết.") is None


def test_roles_a_list_item_with_its_own_head_is_not_distributed():
    from extraction.addressees import distribute

    phrase = "các sở, ngành, các Ban Quản lý dự án và Ủy ban nhân dân các xã, phường"
    assert not any(n.startswith("Ban Ủy ban") for n in distribute(phrase) or [])
    assert distribute("các Ban: Tổ chức, Tuyên giáo") == ["Ban Tổ chức", "Ban Tuyên giáo"]


def test_roles_a_body_led_to_do_the_work_takes_part():
    from extraction.grammar import find_directed

    text = "Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh xây dựng chương trình hành động."
    found = find_directed(text)
    assert found is not None and text[found.start : found.end] == "Ủy ban nhân dân tỉnh"


def test_roles_the_leaders_are_no_body_directed():
    from extraction.grammar import find_directed

    for text in (
        "Bộ Tài chính thực hiện nghiêm các ý kiến chỉ đạo của Lãnh đạo Chính phủ tại Thông báo số 09/TB-VPCP.",
        "Ủy ban nhân dân tỉnh yêu cầu Lãnh đạo các sở, ngành nêu cao tinh thần trách nhiệm.",
    ):
        assert find_directed(text) is None


def test_roles_an_undefined_acronym_after_a_head_spells_a_name_the_text_writes_out():
    from extraction.roles import document_abbreviations

    text = (
        "1. Cục Văn thư và Lưu trữ nhà nước chủ trì hướng dẫn.\n"
        "TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp\n1 | Số hóa tài liệu | Văn phòng Bộ | Cục VTLTNN\n"
    )
    assert document_abbreviations(text)["Cục VTLTNN"] == "Cục Văn thư và Lưu trữ nhà nước"
    # an acronym no name of the text spells stays as written
    assert "Vụ KHTC" not in document_abbreviations("Vụ KHTC tổng hợp.")


def test_roles_addressees_listed_on_lines_of_their_own_keep_no_bullet():
    from extraction.roles import split_names

    phrase = "- Các bệnh viện tuyến tỉnh;\n- Các cơ sở khám bệnh, chữa bệnh ngoài công lập trên địa bàn tỉnh."
    assert split_names(phrase)[0] == "Các bệnh viện tuyến tỉnh"
    assert all(not name.startswith("-") for name in split_names(phrase))


def _roles(body):
    header = "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 15/UBND-KT\nGia Lai, ngày 20 tháng 01 năm 2026\nCÔNG VĂN\n"
    trailer = "\nNơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n"
    return [
        ([b.name for b in t.lead], [b.name for b in t.support])
        for t in extract((header + body + trailer).encode(), "text/plain").tasks
    ]


def test_roles_a_head_that_ends_in_a_common_word_goes_with_each_place_after_it():
    assert _roles(
        "1. Các Ban Quản lý rừng phòng hộ Kon Chiêng, Đak Đoa, Mang Yang tăng cường tuần tra bảo vệ rừng.\n"
        "2. Các Công ty TNHH MTV Thủy lợi Bắc Nghệ An, Nam Nghệ An khẩn trương sửa chữa các công trình.\n"
    ) == [
        (
            [
                "Ban Quản lý rừng phòng hộ Kon Chiêng",
                "Ban Quản lý rừng phòng hộ Đak Đoa",
                "Ban Quản lý rừng phòng hộ Mang Yang",
            ],
            [],
        ),
        (["Công ty TNHH MTV Thủy lợi Bắc Nghệ An", "Công ty TNHH MTV Thủy lợi Nam Nghệ An"], []),
    ]
    assert split_names("Các Sở Tài chính, Xây dựng") == ["Các Sở Tài chính, Xây dựng"]  # no common word ends the head


def test_roles_names_the_directory_only_reads_run_to_their_end_in_a_list():
    assert _roles(
        "1. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Chăn nuôi và Thú y, Chi cục Trồng trọt và Bảo vệ thực vật "
        "hướng dẫn các địa phương.\n"
        "2. Sở Nông nghiệp và Môi trường phối hợp với Sở Y tế, Trung tâm Nước sạch và Vệ sinh môi trường nông thôn kiểm tra.\n"
    ) == [
        (["Sở Nông nghiệp và Môi trường"], ["Chi cục Chăn nuôi và Thú y", "Chi cục Trồng trọt và Bảo vệ thực vật"]),
        (["Sở Nông nghiệp và Môi trường"], ["Sở Y tế", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"]),
    ]


def test_roles_a_body_glossed_with_its_unit_and_co_operation_written_cung():
    assert _roles(
        "1. Công an tỉnh (Phòng Cảnh sát môi trường) chủ trì kiểm tra các cơ sở sản xuất.\n"
        "2. Ban Tổ chức Tỉnh ủy chủ trì, cùng Sở Nội vụ tham mưu cơ chế thu hút nhân lực.\n"
        "3. Sở Khoa học và Công nghệ chủ trì, phối hợp với Viễn thông Gia Lai khảo sát, xóa các điểm lõm sóng.\n"
        "4. Sở Xây dựng phối hợp với Ủy ban nhân dân phường Pleiku khảo sát nhu cầu nhà ở của công nhân.\n"
    ) == [
        (["Công an tỉnh"], []),
        (["Ban Tổ chức Tỉnh ủy"], ["Sở Nội vụ"]),
        (["Sở Khoa học và Công nghệ"], ["Viễn thông Gia Lai"]),
        (["Sở Xây dựng"], ["Ủy ban nhân dân phường Pleiku"]),
    ]


def test_roles_kinds_of_bodies_in_a_table_cell_keep_their_words():
    assert split_names("Các bộ quản lý ngành, lĩnh vực") == ["Các bộ quản lý ngành, lĩnh vực"]


def test_roles_a_kind_over_many_places_directed_by_chi_dao_is_no_co_operating_body():
    assert _roles(
        "1. Sở Y tế chỉ đạo Trạm Y tế xã, phường tăng cường giám sát dịch bệnh.\n"
        "2. Sở Nội vụ chỉ đạo Ủy ban nhân dân các xã, phường rà soát biên chế.\n"
        "3. Sở Y tế chỉ đạo Trung tâm Kiểm soát bệnh tật tỉnh giám sát dịch bệnh.\n"
    ) == [
        (["Sở Y tế"], []),
        (["Sở Nội vụ"], []),
        (["Sở Y tế"], ["Trung tâm Kiểm soát bệnh tật tỉnh"]),  # a named body takes part
    ]


def test_roles_departments_and_teams_of_a_hospital_and_their_verbs():
    assert _roles(
        "1. Khoa Dược: xây dựng danh mục thuốc nguy cơ cao.\n"
        "2. Phòng Điều dưỡng chủ trì, phối hợp với Khoa Kiểm soát nhiễm khuẩn giám sát tuân thủ vệ sinh tay.\n"
        "3. Tổ Quản lý chất lượng tổng hợp báo cáo sự cố y khoa.\n"
        "4. Trung tâm Y tế mua sắm thiết bị.\n"
        "5. Văn phòng Sở làm đầu mối tổng hợp báo cáo sơ kết.\n"
    ) == [
        (["Khoa Dược"], []),
        (["Phòng Điều dưỡng"], ["Khoa Kiểm soát nhiễm khuẩn"]),
        (["Tổ Quản lý chất lượng"], []),
        (["Trung tâm Y tế"], []),
        (["Văn phòng Sở"], []),
    ]
    assert not starts_with_body("Khoa học và công nghệ là động lực phát triển")


def test_roles_every_body_a_lead_is_told_to_direct():
    assert _roles(
        "1. Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo Ủy ban nhân dân tỉnh ban hành kế hoạch; "
        "chỉ đạo Sở Công Thương, Sở Tài chính bảo đảm cung cầu hàng hóa.\n"
    ) == [(["Đảng ủy Ủy ban nhân dân tỉnh"], ["Ủy ban nhân dân tỉnh", "Sở Công Thương", "Sở Tài chính"])]


def test_roles_a_project_role_the_text_defines_in_brackets_names_its_body():
    assert _roles(
        "Tham gia đoàn có Sở Xây dựng; Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh (Chủ đầu tư); "
        "Liên danh Công ty Cổ phần Xây dựng Lâm Viên - Công ty TNHH Hưng Phát (Nhà thầu thi công).\n"
        "1. Chủ đầu tư rà soát, lập lại tiến độ chi tiết từng hạng mục.\n"
        "2. Ủy ban nhân dân xã Nam Hà phối hợp với Chủ đầu tư vận động các hộ dân bàn giao mặt bằng.\n"
        "3. Nhà thầu thi công tăng cường nhân lực, thiết bị.\n"
    ) == [
        (["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"], []),
        (["Ủy ban nhân dân xã Nam Hà"], ["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"]),
        (["Liên danh Công ty Cổ phần Xây dựng Lâm Viên - Công ty TNHH Hưng Phát"], []),
    ]


def test_roles_riêng_singles_out_a_body_of_a_group():
    assert _roles(
        "1. Chủ tịch Ủy ban nhân dân các phường, xã\n"
        "a) Rà soát, lập danh sách hộ dân sống ven sông.\n"
        "b) Riêng Ủy ban nhân dân các xã Cần Giờ, Thạnh An khẩn trương gia cố đê bao tạm.\n"
        "2. Riêng Sở Y tế chuẩn bị cơ số thuốc.\n"
    ) == [
        (["Chủ tịch Ủy ban nhân dân các phường, xã"], []),
        (["Ủy ban nhân dân xã Cần Giờ", "Ủy ban nhân dân xã Thạnh An"], []),
        (["Sở Y tế"], []),
    ]


@pytest.mark.parametrize(
    "prohibition",
    [
        "không được chủ quan, lơ là",
        "không để xảy ra thiệt hại",
        "tuyệt đối không chủ quan",
        "nghiêm cấm việc lấn chiếm",
    ],
)
def test_roles_a_prohibition_ends_a_generic_name(prohibition):
    assert _roles(f"1. Ủy ban nhân dân các phường, xã, đặc khu {prohibition} trong công tác ứng phó.\n") == [
        (["Ủy ban nhân dân các phường, xã, đặc khu"], [])
    ]


@pytest.mark.parametrize(
    "cue", ["chủ trì, hiệp đồng với", "hiệp đồng chặt chẽ với", "chủ trì, cùng với", "chủ trì, phối kết hợp với"]
)
def test_roles_co_operation_in_other_words(cue):
    assert _roles(f"1. Bộ Chỉ huy Quân sự tỉnh {cue} Công an tỉnh xây dựng phương án sơ tán dân.\n") == [
        (["Bộ Chỉ huy Quân sự tỉnh"], ["Công an tỉnh"])
    ]


def test_roles_an_activity_with_no_object_ends_a_unit_s_name():
    assert _roles(
        "1. Giao Phòng Quản lý chất lượng công trình xây dựng chủ trì, phối hợp với Thanh tra Sở kiểm tra công trường.\n"
        "2. Đối với các nhà thầu thi công xây dựng\n"
        "a) Bố trí cán bộ chuyên trách an toàn lao động tại công trường.\n"
        "3. Sở Nội vụ kiểm tra, xử lý vi phạm.\n"
        "4. Các Sở chủ động kiểm tra xử lý vi phạm.\n"
    ) == [
        (["Phòng Quản lý chất lượng công trình xây dựng"], ["Thanh tra Sở"]),
        (["các nhà thầu thi công xây dựng"], []),
        (["Sở Nội vụ"], []),
        (["Các Sở"], []),
    ]


def test_roles_a_company_before_a_works_verb_ends_its_name():
    assert _roles(
        "1. Sở Xây dựng chỉ đạo Công ty TNHH MTV Thoát nước đô thị tỉnh nạo vét, khơi thông cống, kênh, rạch.\n"
    ) == [(["Sở Xây dựng"], ["Công ty TNHH MTV Thoát nước đô thị tỉnh"])]


def test_roles_a_heading_that_declares_roles_passes_them_to_its_points():
    assert _roles(
        "1. Chỉ số Chi phí gia nhập thị trường (đơn vị chủ trì: Sở Tài chính; đơn vị phối hợp: Thuế tỉnh Gia Lai)\n"
        "- Rút ngắn thời gian giải quyết thủ tục đăng ký doanh nghiệp.\n"
        "2. Chỉ số Đào tạo lao động (Sở Nội vụ chủ trì; Sở Giáo dục và Đào tạo phối hợp)\n"
        "- Nâng cao chất lượng đào tạo nghề.\n"
        "3. Chỉ số Tính minh bạch: Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Tư pháp\n"
        "- Cập nhật văn bản trên Cổng Thông tin điện tử tỉnh.\n"
        "4. Chỉ số Chi phí không chính thức: Sở Nội vụ chủ trì, phối hợp với Thanh tra tỉnh rà soát hành vi nhũng nhiễu\n"
        "- Công khai đường dây nóng.\n"
    ) == [
        (["Sở Tài chính"], ["Thuế tỉnh Gia Lai"]),
        (["Sở Nội vụ"], ["Sở Giáo dục và Đào tạo"]),
        (["Văn phòng Ủy ban nhân dân tỉnh"], ["Sở Tư pháp"]),
        (["Sở Nội vụ"], ["Thanh tra tỉnh"]),  # work follows the roles: the heading is a task of its own
        (["Sở Nội vụ"], []),
    ]


def test_roles_abbreviations_of_mass_organisations_are_written_out():
    assert _roles(
        "1. Hội LHPN tỉnh phối hợp với Hội CCB các xã, phường tổ chức tập huấn.\n"
        "2. Hội LHTN Việt Nam tỉnh tổ chức hiến máu.\n"
    ) == [
        (["Hội Liên hiệp Phụ nữ tỉnh"], ["Hội Cựu chiến binh các xã, phường"]),
        (["Hội Liên hiệp Thanh niên Việt Nam tỉnh"], []),
    ]


def test_roles_a_unit_s_code_stands_for_the_name_it_is_defined_by():
    assert _roles(
        "1. Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05) chủ trì, phối hợp với C02 và Công an các địa phương gỡ bỏ các trang mạng giả mạo.\n"
        "2. Cục Cảnh sát hình sự (C02) chủ trì tổng kết đợt cao điểm.\n"
    ) == [
        (
            ["Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"],
            ["Cục Cảnh sát hình sự", "Công an các địa phương"],
        ),
        (["Cục Cảnh sát hình sự"], []),
    ]


def test_roles_a_generic_short_name_is_kept_as_written_and_posts_of_the_state_bank_lead():
    body = (
        "Bộ Tài chính đề nghị các bộ, cơ quan trung ương và Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương "
        "(sau đây gọi tắt là các bộ, địa phương) thực hiện một số nội dung sau:\n"
        "1. Để tiết kiệm chi, các bộ, địa phương rà soát các khoản chi chưa cần thiết.\n"
        "2. Không mua sắm trang thiết bị, ô tô công chưa thực sự cần thiết.\n"
        "3. Các bộ, địa phương không mua sắm xe chuyên dùng.\n"
        "4. Giao Phó Thống đốc Phạm Thanh Hà chỉ đạo Vụ Thanh toán theo dõi việc thực hiện.\n"
    )
    got = _roles(body)
    assert got[0] == (["các bộ, địa phương"], [])
    assert len(got) == 4 and got[1][0] == [
        "các bộ",
        "cơ quan trung ương",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    ]
    assert got[2] == (["Các bộ, địa phương"], [])
    assert got[3] == (["Phó Thống đốc Phạm Thanh Hà"], ["Vụ Thanh toán"])


def test_roles_the_organ_a_unit_belongs_to_ends_its_name_before_a_verb_no_list_holds():
    assert _roles(
        "1. Văn phòng Đảng ủy lắp đặt bảng tin tại trụ sở.\n"
        "2. Ban Tuyên giáo Tỉnh đoàn thiết kế bộ nhận diện Tháng Thanh niên.\n"
        "3. Sở Y tế chủ trì, phối hợp với Sở Thông tin và Truyền thông, các cơ quan thông tấn, báo chí thực hiện tuyên truyền.\n"
    ) == [
        (["Văn phòng Đảng ủy"], []),
        (["Ban Tuyên giáo Tỉnh đoàn"], []),
        (["Sở Y tế"], ["Sở Thông tin và Truyền thông", "các cơ quan thông tấn, báo chí"]),
    ]


def test_roles_each_member_organisation_is_addressed():
    assert _roles(
        "1. Mỗi tổ chức thành viên chọn ít nhất 01 khu dân cư để chỉ đạo điểm.\n"
        "2. Các tổ chức thành viên vận động đoàn viên, hội viên hưởng ứng Ngày hội.\n"
    ) == [(["Mỗi tổ chức thành viên"], []), (["Các tổ chức thành viên"], [])]


def test_roles_a_field_or_cell_that_names_its_partners_without_chu_tri():
    assert _roles(
        "1. Chương trình hiến máu tình nguyện\n"
        "- Thời gian: từ ngày 15/3/2026 đến ngày 20/3/2026.\n"
        "- Đơn vị thực hiện: Hội Liên hiệp Thanh niên Việt Nam tỉnh phối hợp với Bệnh viện Đa khoa tỉnh và Hội Chữ thập đỏ tỉnh tổ chức.\n"
        "2. Ngày hội chuyển đổi số\n"
        "- Thời gian: ngày 14/3/2026.\n"
        "- Đơn vị thực hiện: Sở Nội vụ; phối hợp: Công an tỉnh.\n"
    ) == [
        (["Hội Liên hiệp Thanh niên Việt Nam tỉnh"], ["Bệnh viện Đa khoa tỉnh", "Hội Chữ thập đỏ tỉnh"]),
        (["Sở Nội vụ"], ["Công an tỉnh"]),
    ]


def test_roles_a_committee_post_held_by_an_office_and_the_composition_lines():
    header = "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 15/QĐ-UBND\nGia Lai, ngày 20 tháng 01 năm 2026\nQUYẾT ĐỊNH\n"
    body = (
        "Điều 1. Thành lập Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh, gồm:\n"
        "1. Các thành viên: Giám đốc các Sở: Tài chính, Nội vụ, Y tế; Chánh Văn phòng Ủy ban nhân dân tỉnh.\n"
        "Điều 2. Nhiệm vụ của các thành viên\n"
        "1. Phó Trưởng ban là Giám đốc Sở Nông nghiệp và Môi trường chịu trách nhiệm theo dõi, tổng hợp chung.\n"
        "2. Phó Trưởng ban (Giám đốc Sở Nội vụ) chịu trách nhiệm hướng dẫn rà soát hộ nghèo.\n"
        "3. Thành viên là Giám đốc Sở Tài chính: tham mưu bố trí vốn thực hiện các chương trình.\n"
        "Điều 3. Cơ quan thường trực, tổ giúp việc\n"
        "Sở Nông nghiệp và Môi trường tham mưu thành lập tổ giúp việc.\n"
    )
    trailer = "\nNơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n"
    tasks = extract((header + body + trailer).encode(), "text/plain").tasks
    assert [[b.name for b in t.lead] for t in tasks] == [
        ["Giám đốc Sở Nông nghiệp và Môi trường"],
        ["Giám đốc Sở Nội vụ"],
        ["Giám đốc Sở Tài chính"],
        ["Sở Nông nghiệp và Môi trường"],
    ]


def test_roles_police_units_keep_their_field_and_the_leaders_one_advises_take_no_part():
    assert _roles(
        "1. Công an tỉnh chỉ đạo Phòng Cảnh sát quản lý hành chính về trật tự xã hội rà soát dữ liệu dân cư.\n"
        "2. Văn phòng Cơ quan Cảnh sát điều tra Công an tỉnh hướng dẫn tiếp nhận tố giác.\n"
        "3. Cục Quản lý, giám sát tổ chức tín dụng tăng cường giám sát từ xa.\n"
        "4. Phòng Cảnh sát hình sự tham mưu lãnh đạo Công an tỉnh tổng kết đợt cao điểm.\n"
    ) == [
        (["Công an tỉnh"], ["Phòng Cảnh sát quản lý hành chính về trật tự xã hội"]),
        (["Văn phòng Cơ quan Cảnh sát điều tra Công an tỉnh"], []),
        (["Cục Quản lý, giám sát tổ chức tín dụng"], []),
        (["Phòng Cảnh sát hình sự"], []),
    ]


def test_roles_a_heading_that_says_what_its_body_is_or_which_of_them_and_protected_areas():
    assert _roles(
        "1. Sở Công Thương – cơ quan chủ trì\n"
        "a) Tổ chức hội chợ hàng nông sản.\n"
        "2. Sở Y tế là cơ quan thường trực\n"
        "a) Chuẩn bị cơ số thuốc.\n"
        "3. Ủy ban nhân dân các xã được giao chỉ tiêu\n"
        "a) Xây dựng kế hoạch cụ thể.\n"
        "4. Các sở, ngành được giao nhiệm vụ tại Phụ lục xây dựng kế hoạch chi tiết.\n"
        "5. Vườn quốc gia Pù Mát phối hợp với Ban Quản lý Khu bảo tồn thiên nhiên Pù Huống tuần tra rừng.\n"
        "6. Viện Pasteur Nha Trang theo khu vực được phân công phụ trách hướng dẫn các tỉnh giám sát dịch.\n"
    ) == [
        (["Sở Công Thương"], []),
        (["Sở Y tế"], []),
        (["Ủy ban nhân dân các xã được giao chỉ tiêu"], []),
        (["Các sở, ngành được giao nhiệm vụ tại Phụ lục"], []),
        (["Vườn quốc gia Pù Mát"], ["Ban Quản lý Khu bảo tồn thiên nhiên Pù Huống"]),
        (["Viện Pasteur Nha Trang"], []),
    ]


def test_roles_a_body_named_in_full_before_a_distributed_list_and_the_lead_s_own_staff():
    assert _roles(
        "1. Sở Nội vụ và Ủy ban nhân dân các xã: Diễn Châu, Yên Thành cung cấp hồ sơ cho Đoàn giám sát.\n"
        "2. Sở Y tế chủ trì, phối hợp với Sở Tài chính và Ủy ban nhân dân xã Diễn Châu, xã Yên Thành rà soát số liệu.\n"
        "3. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Kiểm lâm rà soát bản đồ; phân công công chức kiểm lâm bám sát địa bàn.\n"
        "4. Giám đốc Sở Y tế chịu trách nhiệm chỉ đạo chung; phân công Phó Giám đốc phụ trách theo dõi, đôn đốc.\n"
    ) == [
        (["Sở Nội vụ", "Ủy ban nhân dân xã Diễn Châu", "Ủy ban nhân dân xã Yên Thành"], []),
        (["Sở Y tế"], ["Sở Tài chính", "Ủy ban nhân dân xã Diễn Châu", "Ủy ban nhân dân xã Yên Thành"]),
        (["Sở Nông nghiệp và Môi trường"], ["Chi cục Kiểm lâm"]),
        (["Giám đốc Sở Y tế"], []),
    ]
    from extraction.addressees import distribute

    assert distribute("Bí thư Tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Lạng Sơn, Huế") == [
        "Bí thư Tỉnh ủy Lạng Sơn",
        "Bí thư Thành ủy Huế",
        "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
        "Chủ tịch Ủy ban nhân dân thành phố Huế",
    ]


def test_roles_chu_tri_cung_names_partners_unless_the_lead_is_shared_and_wards_named_like_heads():
    assert _roles(
        "1. Sở Nông nghiệp và Môi trường chủ trì cùng Sở Tài chính đề xuất mua sắm trang thiết bị.\n"
        "2. Sở Y tế đồng chủ trì cùng Sở Nội vụ tổ chức hội nghị.\n"
        "3. Sở Y tế chủ trì, phối hợp với Ủy ban nhân dân các phường: Trường Vinh, Thành Vinh rà soát số liệu.\n"
    ) == [
        (["Sở Nông nghiệp và Môi trường"], ["Sở Tài chính"]),
        (["Sở Y tế"], []),
        (["Sở Y tế"], ["Ủy ban nhân dân phường Trường Vinh", "Ủy ban nhân dân phường Thành Vinh"]),
    ]


def test_roles_cung_names_a_partner_committee_posts_and_sentence_final_partners():
    """Probes BS, BU, BV, BW."""
    assert _roles(
        "1. Giao Sở Tài chính cùng Sở Xây dựng hoàn thiện hồ sơ nguồn vốn.\n"
        "2. Công an tỉnh và Sở Y tế cùng xây dựng phương án phối hợp.\n"
        "3. Đồng chí Giám đốc Sở Tài chính - Ủy viên: Chủ trì tham mưu bố trí vốn đối ứng.\n"
        "4. Các đồng chí Giám đốc Sở Y tế, Sở Xây dựng - Ủy viên: Chỉ đạo thực hiện các tiêu chí thuộc ngành.\n"
        "5. Sở Xây dựng khẩn trương khắc phục sạt lở trên quốc lộ 1, với sự phối hợp của Ủy ban nhân dân xã Ia Grai.\n"
        "6. Các sở, ngành liên quan theo chức năng, nhiệm vụ có trách nhiệm hướng dẫn, giải quyết dứt điểm.\n"
        "7. Ban Tổ chức Tỉnh ủy phối hợp với Hội đồng bầu cử quốc gia hướng dẫn công tác nhân sự.\n"
    ) == [
        (["Sở Tài chính"], ["Sở Xây dựng"]),
        (["Công an tỉnh", "Sở Y tế"], []),
        (["Đồng chí Giám đốc Sở Tài chính"], []),
        (["Các đồng chí Giám đốc Sở Y tế", "Giám đốc Sở Xây dựng"], []),
        (["Sở Xây dựng"], ["Ủy ban nhân dân xã Ia Grai"]),
        (["Các sở, ngành liên quan"], []),
        (["Ban Tổ chức Tỉnh ủy"], ["Hội đồng Bầu cử quốc gia"]),
    ]


def test_roles_headings_in_capitals_duty_headings_openings_and_short_forms():
    """Probes BS, BT, BU, BV, BW, BX, BY, BZ."""
    assert _roles(
        "Cùng đi có Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh (Ban QLDA DD&CN tỉnh).\n"
        "I. ĐỐI VỚI CÁC TRƯỜNG ĐẠI HỌC\n"
        "1. Rà soát chương trình đào tạo giáo viên.\n"
        "II. Trách nhiệm chung của các thành viên Ban Chỉ đạo\n"
        "1. Tham dự đầy đủ các cuộc họp; trường hợp vắng mặt phải báo cáo Trưởng ban.\n"
        "III. Tổ chức thực hiện\n"
        "1. Sở Tài chính\n"
        "Trên cơ sở đề xuất của các cơ quan, đơn vị, tham mưu bố trí kinh phí thực hiện Kế hoạch.\n"
        "2. Ban QLDA DD&CN tỉnh hoàn thành phần thô khối nhà lớp học.\n"
        "3. Các sở giáo dục và đào tạo chỉ đạo các cơ sở giáo dục xây dựng kế hoạch.\n"
        "4. Cục Nhà giáo và Cán bộ quản lý giáo dục chủ trì xây dựng Thông tư.\n"
        "5. Trung tâm Phục vụ hành chính công xã số hóa hồ sơ địa chính.\n"
        "6. Chi cục Thuế khu vực phân loại nợ thuế theo quy định.\n"
        "7. Tổ chức, cá nhân vi phạm Kế hoạch này, tùy theo mức độ, bị xem xét, xử lý kỷ luật theo quy định.\n"
    ) == [
        (["CÁC TRƯỜNG ĐẠI HỌC"], []),
        (["các thành viên Ban Chỉ đạo"], []),
        (["Sở Tài chính"], []),
        (["Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh"], []),
        (["Các sở giáo dục và đào tạo"], []),
        (["Cục Nhà giáo và Cán bộ quản lý giáo dục"], []),
        (["Trung tâm Phục vụ hành chính công xã"], []),
        (["Chi cục Thuế khu vực"], []),
    ]


def test_roles_bodies_named_again_by_reference_and_commune_lists():
    """ "Ủy ban nhân dân hai xã nêu trên", "Các đơn vị nêu trên"; villages and residential groups
    after a colon; the office of a commune's council and committee is one body (probes BW, BX)."""
    assert _roles(
        "Kết luận tại buổi làm việc với UBND xã Kim Liên và xã Vạn An.\n"
        "1. Sở Xây dựng thẩm định hồ sơ thiết kế.\n"
        "2. Sở Nông nghiệp và Môi trường hoàn thành thủ tục chuyển mục đích sử dụng rừng.\n"
        "3. Các đơn vị nêu trên báo cáo tiến độ thực hiện về UBND tỉnh.\n"
        "4. Chủ tịch UBND hai xã nêu trên chịu trách nhiệm về tiến độ bàn giao mặt bằng.\n"
        "5. Các đơn vị nêu trên tổ chức đối thoại với các hộ dân.\n"
        "6. Tổ trưởng các TDP: Đông Hải, Tây Sơn lập danh sách cử tri tạm trú.\n"
        "7. Phòng Kinh tế chủ trì, phối hợp với Văn phòng HĐND và UBND xã lập dự toán kinh phí.\n"
        "8. Trưởng các thôn còn lại rà soát nhà ở không an toàn.\n"
    ) == [
        (["Sở Xây dựng"], []),
        (["Sở Nông nghiệp và Môi trường"], []),
        (["Sở Xây dựng", "Sở Nông nghiệp và Môi trường"], []),
        (["Chủ tịch Ủy ban nhân dân xã Kim Liên", "Chủ tịch Ủy ban nhân dân xã Vạn An"], []),
        # the task above names its bodies by reference too: nothing settles which are meant
        (["Các đơn vị nêu trên"], []),
        (["Tổ trưởng tổ dân phố Đông Hải", "Tổ trưởng tổ dân phố Tây Sơn"], []),
        (["Phòng Kinh tế"], ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"]),
        (["Trưởng các thôn còn lại"], []),
    ]


def test_roles_a_topic_before_a_distributed_head_and_a_section_that_assesses_then_asks():
    """ "Về X, Bộ trưởng các Bộ: A, B tập trung:" distributes its head; a section titled "Về tình
    hình ...; nhiệm vụ, giải pháp ..." holds tasks (probe BS); election boards (probe BX)."""
    assert _roles(
        "I. VỀ TÌNH HÌNH KINH TẾ - XÃ HỘI; NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI\n"
        "1. Yêu cầu Chủ tịch Ủy ban nhân dân các xã tập trung thực hiện các nhiệm vụ sau:\n"
        "a) Rà soát, cắt giảm thủ tục hành chính trong lĩnh vực quản lý.\n"
        "II. VỀ MỘT SỐ NHIỆM VỤ CỤ THỂ\n"
        "1. Về bảo đảm an ninh, Bộ trưởng các Bộ: Quốc phòng, Công an tập trung:\n"
        "a) Tăng cường tuần tra, kiểm soát.\n"
        "2. Về khắc phục hậu quả mưa lũ, Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Gia Lai tập trung:\n"
        "a) Sửa chữa nhà ở cho các hộ bị hư hỏng.\n"
        "3. Công an xã phối hợp với các Tổ bầu cử niêm yết danh sách cử tri.\n"
    ) == [
        (["Chủ tịch Ủy ban nhân dân các xã"], []),
        (["Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Công an"], []),
        (["Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa", "Chủ tịch Ủy ban nhân dân tỉnh Gia Lai"], []),
        (["Công an xã"], ["các Tổ bầu cử"]),
    ]


def test_roles_targets_set_each_unit_in_a_table_and_a_council_s_policy_articles():
    """A table of targets per commune is one task per commune, and the lead-in above it is none;
    a People's Council's policy articles decide, and "Điều 2" is no item of "Điều 1"'s list
    (probes BV, BZ)."""
    assert _roles(
        "Điều 1. Giao chỉ tiêu tỷ lệ tham gia bảo hiểm y tế năm 2026 cho Ủy ban nhân dân các xã, phường như sau:\n"
        "STT | Xã, phường | Tỷ lệ dân số tham gia bảo hiểm y tế (%)\n"
        "1 | Phường Pleiku | 96,5\n"
        "2 | Xã Ia Grai | 94,5\n"
        "Điều 2. Nhiệm vụ, giải pháp chủ yếu\n"
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành tập trung thực hiện các nhiệm vụ sau:\n"
        "1. Đẩy nhanh tiến độ giải ngân vốn đầu tư công.\n"
        "Điều 3. Quyết định một số nội dung về cơ chế, chính sách\n"
        "1. Hỗ trợ 30% mức đóng bảo hiểm y tế cho người thuộc hộ cận nghèo.\n"
        "Điều 4. Giao Sở Y tế tổ chức thực hiện.\n"
    ) == [
        (["Ủy ban nhân dân phường Pleiku"], []),
        (["Ủy ban nhân dân xã Ia Grai"], []),
        (["các sở, ngành"], []),
        (["Sở Y tế"], []),
    ]


def test_roles_commune_lists_with_va_requests_answered_and_what_is_not_done():
    """Probes CA, CC, CE, CH."""
    assert _roles(
        "1. Đảng ủy các xã: Mường Xén, Nậm Cắn, Na Ngoi và Keng Đu xây dựng phương án bỏ phiếu sớm.\n"
        "2. Đảng ủy các phường: Đông Hà, Nam Đông Hà và các xã: Cam Lộ, Hiếu Giang chủ động vận động Nhân dân.\n"
        "3. Về đề nghị xây dựng cầu: Thường trực Tỉnh ủy chưa xem xét nội dung này.\n"
        "4. Đề nghị Ủy ban nhân dân tỉnh bổ sung biên chế: Giao Sở Nội vụ tham mưu giải quyết theo quy định.\n"
        "5. Sở Y tế được Bộ Y tế tặng Bằng khen năm 2025.\n"
        "6. Đề nghị Viễn thông Gia Lai (VNPT Gia Lai), Viettel Gia Lai phối hợp với Sở QH-KT mở rộng vùng phủ sóng.\n"
        "7. Sở Nội vụ phối hợp với Sở Tư pháp và Chương trình Phát triển Liên hợp quốc (UNDP) tổ chức tập huấn.\n"
        "8. Công an tỉnh chỉ đạo Phòng Cảnh sát kinh tế ngăn chặn hành vi buôn lậu.\n"
    ) == [
        (["Đảng ủy xã Mường Xén", "Đảng ủy xã Nậm Cắn", "Đảng ủy xã Na Ngoi", "Đảng ủy xã Keng Đu"], []),
        (["Đảng ủy phường Đông Hà", "Đảng ủy phường Nam Đông Hà", "Đảng ủy xã Cam Lộ", "Đảng ủy xã Hiếu Giang"], []),
        (["Sở Nội vụ"], []),
        # the bracket goes; the scorer splits the two names at their comma
        (["Viễn thông Gia Lai , Viettel Gia Lai"], ["Sở Quy hoạch - Kiến trúc"]),
        (["Sở Nội vụ"], ["Sở Tư pháp", "Chương trình Phát triển Liên hợp quốc"]),
        (["Công an tỉnh"], ["Phòng Cảnh sát kinh tế"]),
    ]


def test_roles_a_commune_s_bodies_named_bare_take_the_commune_its_title_names():
    """Probe CE: "Đảng ủy xã" in a notice of a working session with one commune."""
    text = (
        "ĐẢNG BỘ TỈNH QUẢNG TRỊ\nTỈNH ỦY\nSố 512-TB/TU\nQuảng Trị, ngày 10 tháng 3 năm 2026\nTHÔNG BÁO\n"
        "KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY TẠI BUỔI LÀM VIỆC VỚI ĐẢNG ỦY XÃ HƯƠNG BÌNH\n"
        "Đề nghị Đảng ủy xã tập trung lãnh đạo, chỉ đạo thực hiện tốt một số nhiệm vụ sau:\n"
        "- Giải quyết dứt điểm các đơn thư khiếu nại, tố cáo ngay từ cơ sở.\n"
        "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nMa Văn Tuấn\n"
    )
    proposal = extract(text.encode(), "text/plain")
    assert [b.name for b in proposal.tasks[0].lead] == ["Đảng ủy xã Hương Bình"]
    assert proposal.document.signer == "Ma Văn Tuấn"
    # a commune's own document names its own bodies bare (probe BX)
    own = text.replace("ĐẢNG BỘ TỈNH QUẢNG TRỊ\nTỈNH ỦY", "ĐẢNG BỘ TỈNH QUẢNG TRỊ\nĐẢNG ỦY XÃ HƯƠNG BÌNH")
    assert [b.name for b in extract(own.encode(), "text/plain").tasks[0].lead] == ["Đảng ủy xã"]


def test_roles_members_a_group_s_lead_singles_out():
    """ "Các tập đoàn, tổng công ty nhà nước, nhất là EVN, PVN, Viettel, khẩn trương ..." names the
    group and the members it singles out (tb-01's gold; probe CG); a name the directory does not
    know is left to the reviewer."""
    assert _roles(
        "1. Các tập đoàn, tổng công ty nhà nước, nhất là EVN, PVN, Viettel, khẩn trương triển khai các dự án.\n"
        "2. Các doanh nghiệp, nhất là Công ty Hoàng Long, khẩn trương hoàn thành hồ sơ.\n"
    ) == [
        (
            [
                "Các tập đoàn, tổng công ty nhà nước",
                "Tập đoàn Điện lực Việt Nam",
                "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam",
                "Tập đoàn Công nghiệp - Viễn thông Quân đội",
            ],
            [],
        ),
        (["Các doanh nghiệp"], []),
    ]
