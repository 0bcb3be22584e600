"""Write the synthetic part of the corpus: directives in the style of real ones, with their gold.

Every document this writes is invented (``doc.source`` says "synthetic"); DATASHEET.md counts
them apart from the real texts. The generator is seeded, so running it again writes the same
files::

    .venv/bin/python corpus/tools/synthesize.py --out corpus/synthetic --count 48 --seed 7

Each document mixes what GUIDELINES.md calls tasks (items and sentences that assign work,
lead-ins that pass their addressee down, standing duties) with what it calls not tasks (legal
bases, assessments of past results, praise, approvals, encouragement, goals, principles, the
execution clause, the recipients list), so a model learns the boundary, not the template.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

CENTRAL = [
    "Bộ Tài chính",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Khoa học và Công nghệ",
    "Bộ Công an",
    "Bộ Quốc phòng",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
    "Bộ Xây dựng",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
    "Ngân hàng Nhà nước Việt Nam",
    "Bộ Ngoại giao",
]
PARTY = [
    "Ban Tổ chức Trung ương",
    "Ban Tuyên giáo và Dân vận Trung ương",
    "Ủy ban Kiểm tra Trung ương",
    "Văn phòng Trung ương Đảng",
    "Ban Nội chính Trung ương",
    "Ban Chính sách, chiến lược Trung ương",
    "Đảng ủy Chính phủ",
    "Đảng ủy Quốc hội",
    "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương",
]
PROVINCE = [
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Công an tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Thanh tra tỉnh",
    "Sở Văn hóa, Thể thao và Du lịch",
]
GENERIC = {
    "central": ["các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "các bộ, ngành, địa phương"],
    "party": ["các cấp ủy, tổ chức đảng", "các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương"],
    "province": ["các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"],
}
ISSUERS = {
    "central": [("Thủ tướng Chính phủ", "THỦ TƯỚNG CHÍNH PHỦ", "TTg", "Hà Nội")],
    "party": [
        ("Ban Bí thư", "BAN CHẤP HÀNH TRUNG ƯƠNG", "TW", "Hà Nội"),
        ("Bộ Chính trị", "BAN CHẤP HÀNH TRUNG ƯƠNG", "TW", "Hà Nội"),
    ],
    "province": [
        ("Ủy ban nhân dân tỉnh Ninh Bình", "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "UBND", "Ninh Bình"),
        ("Ủy ban nhân dân tỉnh Lào Cai", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "UBND", "Lào Cai"),
        ("Ủy ban nhân dân tỉnh Đắk Lắk", "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "UBND", "Đắk Lắk"),
    ],
}
SIGNERS = [
    "Nguyễn Văn Hùng",
    "Trần Thị Mai",
    "Lê Quang Vinh",
    "Phạm Minh Tuấn",
    "Hoàng Thu Hà",
    "Đỗ Đức Thắng",
    "Vũ Thị Lan",
    "Bùi Văn Long",
]
TYPES = {
    "central": [("Chỉ thị", "CT"), ("Công văn", "VPCP-KSTT"), ("Quyết định", "QĐ")],
    "party": [("Kết luận", "KL"), ("Chỉ thị", "CT"), ("Thông báo", "TB")],
    "province": [("Kế hoạch", "KH"), ("Chỉ thị", "CT"), ("Công văn", "UBND-KT")],
}
# Work that a body is asked to do (verb phrase, lower case, no final full stop).
ACTIONS = [
    "xây dựng Đề án nâng cao hiệu quả quản lý nợ công giai đoạn 2026 - 2030",
    "rà soát, sửa đổi, bổ sung quy định về phân cấp quản lý cán bộ",
    "hoàn thiện cơ sở dữ liệu về cán bộ, công chức, viên chức và kết nối với cơ sở dữ liệu quốc gia",
    "tổ chức sơ kết 3 năm thực hiện Nghị quyết về phát triển khoa học, công nghệ và chuyển đổi số",
    "hướng dẫn các địa phương triển khai thống nhất mô hình chính quyền hai cấp",
    "triển khai ứng dụng trí tuệ nhân tạo trong giải quyết thủ tục hành chính",
    "kiểm tra, giám sát việc quản lý, sử dụng đất đai tại các dự án chậm tiến độ",
    "nghiên cứu, đề xuất cơ chế đặc thù thu hút nguồn nhân lực chất lượng cao",
    "đẩy nhanh tiến độ giải ngân vốn đầu tư công, bảo đảm đúng quy định",
    "tổng kết việc thi hành Luật Phòng, chống tham nhũng và kiến nghị sửa đổi",
    "xây dựng kế hoạch tuyên truyền, phổ biến nội dung Kết luận đến cán bộ, đảng viên và nhân dân",
    "chủ động nắm tình hình, xử lý dứt điểm các vụ việc khiếu nại, tố cáo đông người",
    "sắp xếp, kiện toàn tổ chức bộ máy các đơn vị sự nghiệp công lập trực thuộc",
    "ban hành quy chế phối hợp trong quản lý, vận hành hệ thống theo dõi nhiệm vụ",
    "rà soát danh mục dự án sử dụng vốn ngân sách, cắt giảm các dự án không hiệu quả",
    "bố trí đủ kinh phí thực hiện chính sách hỗ trợ người có công",
    "tăng cường công tác phòng, chống dịch bệnh trong mùa mưa lũ",
    "hoàn thành việc số hóa hồ sơ, tài liệu lưu trữ có giá trị sử dụng thường xuyên",
    "xây dựng bộ tiêu chí đánh giá mức độ hài lòng của người dân đối với dịch vụ công",
    "đánh giá tác động của việc điều chỉnh giá điện đối với sản xuất và đời sống",
    "chuẩn bị nội dung Hội nghị toàn quốc quán triệt, triển khai Nghị quyết",
    "cập nhật đầy đủ, kịp thời tình hình thực hiện nhiệm vụ lên hệ thống theo dõi, đánh giá",
    "xây dựng phương án bảo đảm an ninh trật tự phục vụ các sự kiện chính trị quan trọng",
    "rà soát, đánh giá đội ngũ cán bộ diện cấp ủy quản lý trước khi bổ nhiệm lại",
]
PAST = [
    "đã hoàn thành việc sắp xếp đơn vị hành chính cấp xã",
    "đã triển khai nhiều giải pháp thúc đẩy tăng trưởng kinh tế",
    "đã chủ động tham mưu ban hành nhiều văn bản quan trọng",
    "đã cơ bản hoàn thành các chỉ tiêu kinh tế - xã hội của năm",
]
WEAKNESSES = [
    "Tuy nhiên, việc giải ngân vốn đầu tư công ở một số nơi còn chậm, chưa đáp ứng yêu cầu.",
    "Bên cạnh đó, công tác phối hợp giữa các cơ quan có lúc chưa chặt chẽ, thiếu đồng bộ.",
    "Một số nhiệm vụ được giao còn chậm tiến độ, chất lượng tham mưu chưa cao.",
]
PRINCIPLES = [
    "Việc theo dõi, đôn đốc nhiệm vụ phải bảo đảm công khai, minh bạch, đúng quy định.",
    "Mỗi nhiệm vụ chỉ giao cho một cơ quan chủ trì, bảo đảm rõ người, rõ việc, rõ thời gian.",
    "Thông tin trên hệ thống có giá trị như văn bản giấy trong trao đổi giữa các cơ quan.",
]
GOALS = [
    "Phấn đấu đến năm 2030, 100% hồ sơ công việc được xử lý trên môi trường mạng.",
    "Đến hết năm 2027, tỷ lệ thủ tục hành chính được giải quyết đúng hạn đạt trên 98%.",
    "Mục tiêu là nâng cao chất lượng, hiệu quả hoạt động của hệ thống chính trị.",
]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass
class Doc:
    lines: list[str] = field(default_factory=list)
    tasks: list[dict[str, object]] = field(default_factory=list)

    def add(self, line: str = "") -> None:
        self.lines.append(line)

    def task(self, line: str, text: str, lead: list[str], support: list[str], deadline: dict) -> None:
        """Add a line and record ``text`` (a verbatim part of it) as a gold task."""
        assert text in line, (text, line)
        self.lines.append(line)
        self.tasks.append({"text": text, "lead": lead, "support": support, "deadline": deadline})


def no_deadline() -> dict[str, object]:
    return {"text": None, "kind": "none", "date": None, "recurrence": None}


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline(rng: random.Random, issued: date) -> tuple[str, dict[str, object]]:
    """A deadline phrase and its gold normalisation (GUIDELINES.md, Fields)."""
    kind = rng.choice(["date", "date", "month", "quarter", "year", "quarterly", "yearly", "none", "none"])
    due = issued + timedelta(days=rng.randint(20, 300))
    if kind == "date":
        phrase = f"trước ngày {due.day}/{due.month}/{due.year}"
        return phrase, {"text": phrase, "kind": "date", "date": due.isoformat(), "recurrence": None}
    if kind == "month":
        phrase = f"trong tháng {due.month}/{due.year}"
        return phrase, {
            "text": phrase,
            "kind": "period",
            "date": last_day(due.year, due.month).isoformat(),
            "recurrence": None,
        }
    if kind == "quarter":
        q = (due.month - 1) // 3 + 1
        phrase = f"trong quý {ROMAN[q]}/{due.year}"
        return phrase, {
            "text": phrase,
            "kind": "period",
            "date": last_day(due.year, q * 3).isoformat(),
            "recurrence": None,
        }
    if kind == "year":
        phrase = f"trong năm {due.year}"
        return phrase, {"text": phrase, "kind": "period", "date": f"{due.year}-12-31", "recurrence": None}
    if kind == "quarterly":
        return "định kỳ hằng quý", {
            "text": "định kỳ hằng quý",
            "kind": "recurring",
            "date": None,
            "recurrence": "quarterly",
        }
    if kind == "yearly":
        return "hằng năm", {"text": "hằng năm", "kind": "recurring", "date": None, "recurrence": "yearly"}
    return "", no_deadline()


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def with_deadline(action: str, phrase: str) -> str:
    return (
        f"{action}, hoàn thành {phrase}" if phrase.startswith("trước") else (f"{action} {phrase}" if phrase else action)
    )


def write_document(rng: random.Random, index: int) -> tuple[str, dict[str, object]]:
    level = rng.choice(["central", "party", "province"])
    bodies = {"central": CENTRAL, "party": PARTY + CENTRAL[:4], "province": PROVINCE}[level]
    issuer, header, code, place = rng.choice(ISSUERS[level])
    doc_type, type_code = rng.choice(TYPES[level])
    issued = date(2025, 1, 1) + timedelta(days=rng.randint(0, 420))
    number = (
        f"{rng.randint(5, 480)}/{type_code}-{code}" if level != "party" else f"{rng.randint(5, 480)}-{type_code}/{code}"
    )
    signer = rng.choice(SIGNERS)
    d = Doc()
    d.add(header)
    d.add(f"Số: {number}")
    d.add(f"{place}, ngày {issued.day} tháng {issued.month} năm {issued.year}")
    d.add("")
    d.add(doc_type.upper())
    d.add(f"về {rng.choice(ACTIONS)}")
    d.add("")
    if doc_type == "Quyết định" or rng.random() < 0.3:
        d.add("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
        d.add(f"Căn cứ Quy chế làm việc của {issuer};")
    used = rng.sample(bodies, min(len(bodies), 9))
    d.add(
        f"Năm qua, {rng.choice(used)} {rng.choice(PAST)}, góp phần quan trọng vào kết quả chung. "
        + rng.choice(WEAKNESSES)
    )
    if rng.random() < 0.5:
        d.add(f"{issuer} đánh giá cao {rng.choice(used)} {rng.choice(PAST)}.")
    if rng.random() < 0.5:
        d.add(rng.choice(GOALS))
    if rng.random() < 0.4:
        d.add(rng.choice(PRINCIPLES))
    d.add(f"Để khắc phục những hạn chế trên, {issuer} yêu cầu các cơ quan, đơn vị thực hiện tốt các nội dung sau:")
    actions = rng.sample(ACTIONS, len(ACTIONS))
    n_items = rng.randint(5, 9)
    for item in range(1, n_items + 1):
        lead = used[item % len(used)]
        support = rng.sample([b for b in used if b != lead], rng.randint(1, 2))
        action = actions.pop()
        phrase, gold = deadline(rng, issued)
        style = rng.randint(0, 9)
        if style == 0:
            line = f"{item}. {lead} chủ trì, phối hợp với {', '.join(support)} {with_deadline(action, phrase)}."
            d.task(line, line.split(" ", 1)[1], [lead], support, gold)
        elif style == 1:
            line = f"{item}. Giao {lead} {with_deadline(action, phrase)}."
            d.task(line, line.split(" ", 1)[1], [lead], [], gold)
        elif style == 2:
            line = f"{item}. Đề nghị {lead} phối hợp chặt chẽ với {support[0]} {with_deadline(action, phrase)}."
            d.task(line, line.split(" ", 1)[1], [lead], support[:1], gold)
        elif style == 3:
            d.add(f"{item}. {lead}:")
            second = actions.pop()
            first = f"a) Chủ trì, phối hợp với {' và '.join(support)} {with_deadline(action, phrase)}."
            d.task(first, first[3:], [lead], support, gold)
            line = f"b) {cap(second)}."
            d.task(line, line[3:], [lead], [], no_deadline())
        elif style == 4:
            line = f"{item}. {lead} có trách nhiệm {action}."
            d.task(line, line.split(" ", 1)[1], [lead], [], no_deadline())
        elif style == 5:
            generic = rng.choice(GENERIC[level])
            d.add(f"{item}. {cap(generic)} tập trung thực hiện các nhiệm vụ sau:")
            for sub in ("a", "b"):
                act = actions.pop()
                p2, g2 = deadline(rng, issued)
                line = f"{sub}) {cap(with_deadline(act, p2))}."
                d.task(line, line[3:], [generic], [], g2)
        elif style == 6:
            due = phrase or f"trước ngày 30/12/{issued.year}"
            line = f"{item}. {lead} khẩn trương {action}, báo cáo {issuer} {due}."
            gold = (
                gold
                if phrase
                else {
                    "text": f"trước ngày 30/12/{issued.year}",
                    "kind": "date",
                    "date": f"{issued.year}-12-30",
                    "recurrence": None,
                }
            )
            d.task(line, line.split(" ", 1)[1], [lead], [], gold)
        elif style == 7:
            # narrative and approval: no work is assigned
            d.add(f"{item}. {lead} {rng.choice(PAST)} theo chỉ đạo của {issuer}.")
            d.add(f"Đồng ý chủ trương {action}.")
        elif style == 8:
            d.add(f"{item}. Khuyến khích các doanh nghiệp, tổ chức xã hội tham gia {action}.")
            line = f"Yêu cầu {lead} {with_deadline(actions.pop(), phrase)}."
            d.task(line, line, [lead], [], gold)
        else:
            line = f"{item}. {lead} tiếp tục chỉ đạo {action}; định kỳ 6 tháng một lần báo cáo kết quả về {support[0]}."
            d.task(
                line,
                line.split(" ", 1)[1],
                [lead],
                [],
                {"text": "định kỳ 6 tháng một lần", "kind": "recurring", "date": None, "recurrence": "half-yearly"},
            )
    if doc_type == "Quyết định":
        d.add("Quyết định này có hiệu lực kể từ ngày ký.")
        d.add("Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này.")
    else:
        d.add(f"{issuer} thông báo để các cơ quan, đơn vị biết, thực hiện.")
    d.add("")
    d.add("Nơi nhận:")
    d.add("- Như trên;")
    d.add("- Lưu: VT.")
    d.add("")
    d.add("T/M " + issuer.upper() if level == "party" else "KT. CHỦ TỊCH" if level == "province" else "THỦ TƯỚNG")
    d.add(signer)
    text = "\n".join(d.lines) + "\n"
    gold = {
        "doc": {
            "type": doc_type,
            "number": number,
            "issued": issued.isoformat(),
            "issuer": issuer,
            "signer": signer,
            "secrecy": None,
            "source": "synthetic: corpus/tools/synthesize.py (invented text, not a real document)",
        },
        "tasks": d.tasks,
    }
    return text, gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("corpus/synthetic"))
    ap.add_argument("--count", type=int, default=48)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(1, args.count + 1):
        text, gold = write_document(rng, i)
        name = f"syn-{i:03d}"
        (args.out / f"{name}.txt").write_text(text, encoding="utf-8")
        (args.out / f"{name}.gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
