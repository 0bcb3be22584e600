"""Tests for ``extraction.deadlines``: the grammar of Vietnamese deadlines and its normaliser.

Phrases come from the dev corpus gold (``shared/corpus/dev``), the reference texts
(``shared/reference``: Quy chế 08-QC/TW, the Hải Phòng draft, Kết luận 226-KL/TW) and common
phrasings of directive documents. Expected values follow ``shared/corpus/GUIDELINES.md``.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.deadlines import find_deadlines, governing_deadline, parse_deadline
from extraction.types import Deadline, DeadlineKind

D, P, R, REL, N = (
    DeadlineKind.DATE,
    DeadlineKind.PERIOD,
    DeadlineKind.RECURRING,
    DeadlineKind.RELATIVE,
    DeadlineKind.NONE,
)
ISSUED = date(2025, 11, 20)  # a Thursday

# (phrase, issue date) → (kind, date, recurrence)
PHRASES: list[tuple[str, date | None, DeadlineKind, date | None, str | None]] = [
    # --- dev corpus gold -------------------------------------------------------------------
    ("trước ngày 20 tháng 10 năm 2024", date(2024, 10, 14), D, date(2024, 10, 20), None),
    (
        "trước khi trình Thủ tướng Chính phủ xem xét, quyết định",
        date(2024, 10, 14),
        REL,
        None,
        None,
    ),
    ("trong quý III năm 2012", date(2012, 3, 2), P, date(2012, 9, 30), None),
    ("trong quý IV năm 2012", date(2012, 3, 2), P, date(2012, 12, 31), None),
    ("trong quý II năm 2012", date(2012, 3, 2), P, date(2012, 6, 30), None),
    ("Hàng năm", date(2012, 3, 2), R, None, "yearly"),
    ("2017 - 2020", date(2017, 4, 5), P, date(2020, 12, 31), None),
    ("2017 -2020", date(2017, 4, 5), P, date(2020, 12, 31), None),
    ("2018 - 2020", date(2017, 4, 5), P, date(2020, 12, 31), None),
    ("2017 - 2018", date(2017, 4, 5), P, date(2018, 12, 31), None),
    ("định kỳ 5 năm", date(2024, 11, 19), R, None, None),
    ("hằng năm", date(2024, 11, 19), R, None, "yearly"),
    (
        "định kỳ hằng năm báo cáo tình hình thực hiện, gửi về Bộ Tài nguyên và Môi trường trước ngày 25 tháng 12",
        date(2024, 11, 19),
        R,
        date(2024, 12, 25),
        "yearly",
    ),
    ("Năm 2025 và các năm tiếp theo", date(2025, 11, 18), R, None, "yearly"),
    ("Năm 2026 và các năm tiếp theo", date(2025, 11, 18), R, None, "yearly"),
    (
        "khi Chính phủ và các Bộ, ngành ban hành các văn bản quy định chi tiết, hướng dẫn thi hành",
        date(2025, 11, 18),
        REL,
        None,
        None,
    ),
    (
        "định kỳ trước ngày 30 tháng 11 hàng năm",
        date(2025, 11, 24),
        R,
        date(2025, 11, 30),
        "yearly",
    ),
    ("Quý III Năm 2026", date(2025, 11, 24), P, date(2026, 9, 30), None),
    ("Quý IV/2025- Quý II/2026", date(2025, 11, 24), P, date(2026, 6, 30), None),
    ("trước 19h00’ hằng ngày và đột xuất khi cần thiết", date(2025, 11, 21), R, None, None),
    ("báo cáo 02 lần/ngày (trước 9h00’ và 16h00’)", date(2025, 11, 21), R, None, None),
    ("sau khi nước rút", date(2025, 11, 21), REL, None, None),
    ("ít nhất 10 ngày", None, REL, None, None),
    ("định kỳ, đột xuất", None, R, None, None),
    ("xong trong quý II/2026", None, P, date(2026, 6, 30), None),
    ("hoàn thành trong tháng 11/2025", date(2025, 11, 18), P, date(2025, 11, 30), None),
    ("từ nay đến tháng 6/2027", date(2025, 12, 1), P, date(2027, 6, 30), None),
    ("trước ngày 30/12/2025", date(2025, 12, 1), D, date(2025, 12, 30), None),
    ("Trong thời hạn 5 năm", date(2025, 11, 19), REL, date(2030, 11, 19), None),
    ("Trong thời hạn 10 năm", date(2025, 11, 19), REL, date(2035, 11, 19), None),
    ("trước ngày 25/6/2025", None, D, date(2025, 6, 25), None),
    ("trong năm 2025", None, P, date(2025, 12, 31), None),
    ("đến hết tháng 10/2025", None, P, date(2025, 10, 31), None),
    ("ngay trong tháng 5/2025", None, P, date(2025, 5, 31), None),
    ("định kỳ", None, R, None, None),
    (
        "ngay sau khi các văn bản quy phạm pháp luật có hiệu lực từ 1/7/2025",
        None,
        REL,
        date(2025, 7, 1),
        None,
    ),
    ("phấn đấu hoàn thành trước ngày 15/7/2025", None, D, date(2025, 7, 15), None),
    ("phấn đấu hoàn thành trước ngày 15/8/2025", None, D, date(2025, 8, 15), None),
    ("hoàn thành trong tháng 5/2025", None, P, date(2025, 5, 31), None),
    ("trong thời hạn 5 năm", None, REL, None, None),
    ("hoàn thành trước ngày 5/6/2025", None, D, date(2025, 6, 5), None),
    ("hoàn thành trước ngày 15/6/2025", None, D, date(2025, 6, 15), None),
    ("trước ngày 20/6/2025", None, D, date(2025, 6, 20), None),
    ("trước ngày 05 tháng 12 năm 2025", date(2025, 11, 29), D, date(2025, 12, 5), None),
    ("trước ngày 10 tháng 12 năm 2025", date(2025, 11, 29), D, date(2025, 12, 10), None),
    ("trong tháng 11 năm 2025", date(2025, 11, 28), P, date(2025, 11, 30), None),
    ("trong tháng 12 năm 2025", date(2025, 11, 28), P, date(2025, 12, 31), None),
    ("trong năm 2027", date(2025, 11, 28), P, date(2027, 12, 31), None),
    (
        "trong tuần ngày 15 đến ngày 31 tháng 12 năm 2025",
        date(2025, 11, 28),
        P,
        date(2025, 12, 31),
        None,
    ),
    # --- reference texts (Quy chế 08-QC/TW of 5/11/2025, Hải Phòng draft, 226-KL/TW) -------
    ("trong thời hạn 3 ngày làm việc", date(2025, 11, 5), REL, date(2025, 11, 10), None),
    ("trong thời hạn 1 ngày làm việc kể từ khi tiếp nhận", date(2025, 11, 5), REL, None, None),
    (
        "trong thời hạn 4 giờ làm việc kể từ khi nhiệm vụ được chuyển đến",
        date(2025, 11, 5),
        REL,
        None,
        None,
    ),
    ("trong vòng 8 giờ làm việc, kể từ thời điểm tiếp nhận", date(2025, 11, 5), REL, None, None),
    ("chậm nhất 3 ngày làm việc sau thời điểm kết thúc", date(2025, 11, 5), REL, None, None),
    ("chậm nhất 5 ngày làm việc sau thời điểm kết thúc", date(2025, 11, 5), REL, None, None),
    (
        "Trong thời hạn 10 ngày làm việc kể từ ngày nhận được phản hồi",
        date(2025, 11, 5),
        REL,
        None,
        None,
    ),
    ("định kỳ theo tháng, quý, năm", date(2025, 11, 5), R, None, "monthly"),
    ("Định kỳ hằng tháng, quý, 6 tháng, năm", date(2025, 11, 5), R, None, "monthly"),
    ("báo cáo định kỳ hằng tháng, hàng quý hoặc đột xuất", date(2025, 11, 5), R, None, "monthly"),
    ("Hằng quý và hằng năm", date(2025, 11, 5), R, None, "quarterly"),
    ("ngày 20/12 hằng năm", date(2025, 11, 5), R, date(2025, 12, 20), "yearly"),
    ("Định kỳ ngày cuối cùng hằng tháng", date(2025, 11, 5), R, date(2025, 11, 30), "monthly"),
    (
        "Định kỳ 07 giờ 00 phút ngày 01 hằng tháng",
        date(2025, 11, 5),
        R,
        date(2025, 12, 1),
        "monthly",
    ),
    ("Định kỳ ngày cuối cùng mỗi Quý", date(2025, 11, 5), R, date(2025, 12, 31), "quarterly"),
    ("Hằng năm", date(2025, 12, 10), R, None, "yearly"),
    # --- days ------------------------------------------------------------------------------
    ("trước ngày 25/6/2026", ISSUED, D, date(2026, 6, 25), None),
    ("chậm nhất ngày 31/12", ISSUED, D, date(2025, 12, 31), None),
    ("chậm nhất ngày 15/3", ISSUED, D, date(2026, 3, 15), None),
    ("ngày 15 tháng 3 năm 2026", ISSUED, D, date(2026, 3, 15), None),
    ("trước 30-6-2026", ISSUED, D, date(2026, 6, 30), None),
    ("trước ngày 15.12.2025", ISSUED, D, date(2025, 12, 15), None),
    ("Trước ngày Quốc khánh 02/9/2025", date(2025, 8, 1), D, date(2025, 9, 2), None),
    ("trước Quốc khánh", ISSUED, D, date(2026, 9, 2), None),
    ("trước 17 giờ ngày 25/11/2025", ISSUED, D, date(2025, 11, 25), None),
    ("Đến 12h00 ngày 21/11/2025", ISSUED, D, date(2025, 11, 21), None),
    ("chậm nhất là ngày 10/01/2026", ISSUED, D, date(2026, 1, 10), None),
    ("không muộn hơn ngày 30/6/2026", ISSUED, D, date(2026, 6, 30), None),
    ("hạn chót ngày 31/3/2026", ISSUED, D, date(2026, 3, 31), None),
    ("từ nay đến ngày 30/6/2026", ISSUED, D, date(2026, 6, 30), None),
    ("trong ngày 22/11/2025", ISSUED, D, date(2025, 11, 22), None),
    ("Thời gian hoàn thành: 30/6/2026", ISSUED, D, date(2026, 6, 30), None),
    ("Thời hạn hoàn thành: trước 31/12/2025", ISSUED, D, date(2025, 12, 31), None),
    ("trước 30/6", ISSUED, D, date(2026, 6, 30), None),
    ("đến hết ngày 15/12/2025", ISSUED, D, date(2025, 12, 15), None),
    ("trước ngày 25 tháng 12", ISSUED, D, date(2025, 12, 25), None),
    ("30/6/2026", ISSUED, D, date(2026, 6, 30), None),
    ("Trước ngày 15/01/2026", ISSUED, D, date(2026, 1, 15), None),
    ("Thời gian: 30/6/2026", ISSUED, D, date(2026, 6, 30), None),
    ("gia hạn đến ngày 31/12/2025", ISSUED, D, date(2025, 12, 31), None),
    # --- periods ---------------------------------------------------------------------------
    ("trong tháng 6/2026", ISSUED, P, date(2026, 6, 30), None),
    ("trong tháng 2/2028", ISSUED, P, date(2028, 2, 29), None),
    ("trong tháng 12", ISSUED, P, date(2025, 12, 31), None),
    ("trong tháng 3", ISSUED, P, date(2026, 3, 31), None),
    ("tháng 12/2025", ISSUED, P, date(2025, 12, 31), None),
    ("Tháng 01/2026", ISSUED, P, date(2026, 1, 31), None),
    ("tháng 6 năm 2026", ISSUED, P, date(2026, 6, 30), None),
    ("quý I/2026", ISSUED, P, date(2026, 3, 31), None),
    ("Quý 4/2025", ISSUED, P, date(2025, 12, 31), None),
    ("quý IV năm 2025", ISSUED, P, date(2025, 12, 31), None),
    ("trong Quý I năm 2026", ISSUED, P, date(2026, 3, 31), None),
    ("quý II", ISSUED, P, date(2026, 6, 30), None),
    ("quý IV", ISSUED, P, date(2025, 12, 31), None),
    ("Quý III-IV/2026", ISSUED, P, date(2026, 12, 31), None),
    ("từ quý IV/2025 đến quý II/2026", ISSUED, P, date(2026, 6, 30), None),
    ("tháng 11-12/2025", ISSUED, P, date(2025, 12, 31), None),
    ("từ tháng 10 đến tháng 12 năm 2025", ISSUED, P, date(2025, 12, 31), None),
    ("6 tháng đầu năm 2026", ISSUED, P, date(2026, 6, 30), None),
    ("sáu tháng cuối năm 2026", ISSUED, P, date(2026, 12, 31), None),
    ("9 tháng đầu năm 2026", ISSUED, P, date(2026, 9, 30), None),
    ("nửa đầu năm 2027", ISSUED, P, date(2027, 6, 30), None),
    ("cuối năm 2025", ISSUED, P, date(2025, 12, 31), None),
    ("cuối năm", ISSUED, P, date(2025, 12, 31), None),
    ("năm 2026", ISSUED, P, date(2026, 12, 31), None),
    ("Năm 2026", ISSUED, P, date(2026, 12, 31), None),
    ("2026", ISSUED, P, date(2026, 12, 31), None),
    ("trong năm 2026", ISSUED, P, date(2026, 12, 31), None),
    ("giai đoạn 2026 - 2030", ISSUED, P, date(2030, 12, 31), None),
    ("2025 - 2030", ISSUED, P, date(2030, 12, 31), None),
    ("2021–2025", ISSUED, P, date(2025, 12, 31), None),
    ("từ năm 2026 đến năm 2030", ISSUED, P, date(2030, 12, 31), None),
    ("từ nay đến hết năm 2025", ISSUED, P, date(2025, 12, 31), None),
    ("từ nay đến cuối năm 2025", ISSUED, P, date(2025, 12, 31), None),
    ("đến tháng 6/2027", ISSUED, P, date(2027, 6, 30), None),
    ("hoàn thành cuối tháng 6/2026", ISSUED, P, date(2026, 6, 30), None),
    ("vào tuần cuối tháng 01/2026", ISSUED, P, date(2026, 1, 31), None),
    ("vào cuối quý IV/2025", ISSUED, P, date(2025, 12, 31), None),
    ("Tiến độ: Quý II/2026", ISSUED, P, date(2026, 6, 30), None),
    ("Năm 2025-2026", ISSUED, P, date(2026, 12, 31), None),
    ("chậm nhất trong tháng 12/2025", ISSUED, P, date(2025, 12, 31), None),
    # "trước" a period: the day before it starts (as "trước Tết" in the brief of issue #deadlines)
    ("trước Tết Nguyên đán", ISSUED, P, date(2026, 2, 16), None),
    ("trước Tết Nguyên đán", date(2026, 3, 1), P, date(2027, 2, 5), None),
    ("trước Tết Nguyên đán Bính Ngọ 2026", ISSUED, P, date(2026, 2, 16), None),
    ("trước Tết", ISSUED, P, date(2026, 2, 16), None),
    ("trước tháng 6/2026", ISSUED, P, date(2026, 5, 31), None),
    ("trước năm 2030", ISSUED, P, date(2029, 12, 31), None),
    ("hoàn thành trước quý III/2026", ISSUED, P, date(2026, 6, 30), None),
    ("trước Đại hội XIV", ISSUED, P, None, None),
    ("trước Đại hội Đảng toàn quốc lần thứ XIV", ISSUED, P, None, None),
    ("từ ngày 15/12 đến ngày 31/12/2025", ISSUED, P, date(2025, 12, 31), None),
    # --- recurring -------------------------------------------------------------------------
    ("hằng tháng", ISSUED, R, None, "monthly"),
    ("hàng tháng", ISSUED, R, None, "monthly"),
    ("mỗi tháng", ISSUED, R, None, "monthly"),
    ("hằng quý", ISSUED, R, None, "quarterly"),
    ("hàng quý", ISSUED, R, None, "quarterly"),
    ("mỗi quý", ISSUED, R, None, "quarterly"),
    ("định kỳ 6 tháng", ISSUED, R, None, "half-yearly"),
    ("định kỳ sáu tháng", ISSUED, R, None, "half-yearly"),
    ("6 tháng một lần", ISSUED, R, None, "half-yearly"),
    ("định kỳ 3 tháng", ISSUED, R, None, "quarterly"),
    ("hàng năm", ISSUED, R, None, "yearly"),
    ("mỗi năm", ISSUED, R, None, "yearly"),
    ("trước ngày 25 hằng tháng", ISSUED, R, date(2025, 11, 25), "monthly"),
    ("trước ngày 10 hằng tháng", ISSUED, R, date(2025, 12, 10), "monthly"),
    ("định kỳ hằng quý, 6 tháng, năm", ISSUED, R, None, "quarterly"),
    ("định kỳ 6 tháng, hằng năm", ISSUED, R, None, "half-yearly"),
    ("5 năm một lần", ISSUED, R, None, None),
    ("định kỳ 2 năm/lần", ISSUED, R, None, None),
    ("3 năm/lần", ISSUED, R, None, None),
    ("từ năm 2026 trở đi", ISSUED, R, None, "yearly"),
    ("hằng ngày", ISSUED, R, None, None),
    ("hàng ngày", ISSUED, R, None, None),
    ("hằng tuần", ISSUED, R, None, None),
    ("02 lần/ngày", ISSUED, R, None, None),
    ("1 lần/tháng", ISSUED, R, None, "monthly"),
    ("2 lần/năm", ISSUED, R, None, "half-yearly"),
    ("4 lần/năm", ISSUED, R, None, "quarterly"),
    ("một lần mỗi năm", ISSUED, R, None, "yearly"),
    ("06 tháng/lần", ISSUED, R, None, "half-yearly"),
    ("Hằng năm, trước ngày 15/12", ISSUED, R, date(2025, 12, 15), "yearly"),
    ("trước 19h00’ hằng ngày", ISSUED, R, None, None),
    ("trước ngày 25 tháng 12 hằng năm", ISSUED, R, date(2025, 12, 25), "yearly"),
    ("trước ngày 25 tháng 12 hằng năm", date(2025, 12, 26), R, date(2026, 12, 25), "yearly"),
    ("đến ngày 20/12 hằng năm", ISSUED, R, date(2025, 12, 20), "yearly"),
    ("ngày cuối cùng hằng tháng", ISSUED, R, date(2025, 11, 30), "monthly"),
    ("ngày cuối cùng mỗi quý", ISSUED, R, date(2025, 12, 31), "quarterly"),
    # --- relative --------------------------------------------------------------------------
    (
        "trong thời hạn 3 ngày làm việc kể từ ngày ban hành",
        date(2026, 2, 12),  # Tết Bính Ngọ lies between: 14/02-22/02/2026
        REL,
        date(2026, 2, 24),
        None,
    ),
    ("trong 5 ngày làm việc kể từ ngày ký", date(2025, 10, 3), REL, date(2025, 10, 10), None),
    ("trong vòng 10 ngày", ISSUED, REL, date(2025, 11, 30), None),
    ("trong vòng 10 ngày kể từ ngày ký", ISSUED, REL, date(2025, 11, 30), None),
    ("sau khi Kết luận được ban hành 30 ngày", ISSUED, REL, date(2025, 12, 20), None),
    ("trong 5 năm kể từ ngày ký", ISSUED, REL, date(2030, 11, 20), None),
    ("trong thời hạn 30 ngày kể từ ngày 1/12/2025", ISSUED, REL, date(2025, 12, 31), None),
    ("trong thời hạn 2 tháng kể từ ngày ký", date(2025, 11, 30), REL, date(2026, 1, 30), None),
    ("trong 2 tuần", ISSUED, REL, date(2025, 12, 4), None),
    ("trong thời hạn mười ngày kể từ ngày ký", ISSUED, REL, date(2025, 11, 30), None),
    ("trong thời hạn không quá 15 ngày", ISSUED, REL, date(2025, 12, 5), None),
    (
        "trong thời hạn 30 ngày kể từ ngày Quyết định này có hiệu lực",
        ISSUED,
        REL,
        None,
        None,
    ),
    ("sau khi Đề án được cấp có thẩm quyền phê duyệt", ISSUED, REL, None, None),
    (
        "trong 24 giờ đầu kể từ khi lực lượng đến được hiện trường",
        ISSUED,
        REL,
        None,
        None,
    ),
    # a deadline cell writes a month or a quarter in short
    ("12/2026", ISSUED, P, date(2026, 12, 31), None),
    ("QII/2026", ISSUED, P, date(2026, 6, 30), None),
    ("Q4/2026", ISSUED, P, date(2026, 12, 31), None),
    # --- none ------------------------------------------------------------------------------
    ("thường xuyên", ISSUED, N, None, None),
    ("Thường xuyên", ISSUED, N, None, None),
    ("lâu dài", ISSUED, N, None, None),
    ("Liên tục", ISSUED, N, None, None),
    ("", ISSUED, N, None, None),
]


@pytest.mark.parametrize(("phrase", "issued", "kind", "due", "recurrence"), PHRASES)
def test_deadlines_parse_phrase(
    phrase: str,
    issued: date | None,
    kind: DeadlineKind,
    due: date | None,
    recurrence: str | None,
) -> None:
    got = parse_deadline(phrase, issued=issued)
    assert (got.kind, got.date, got.recurrence) == (kind, due, recurrence)


def test_deadlines_phrase_table_is_large() -> None:
    assert len(PHRASES) >= 150
    assert len({(p, i) for p, i, *_ in PHRASES}) == len(PHRASES)


@pytest.mark.parametrize("phrase", ["thường xuyên", "Lâu dài", "  ", ""])
def test_deadlines_parse_none_has_no_text(phrase: str) -> None:
    assert parse_deadline(phrase, issued=ISSUED) == Deadline.none()


def test_deadlines_parse_keeps_the_whole_phrase_as_text() -> None:
    got = parse_deadline("  Quý IV/2025- Quý II/2026 ", issued=ISSUED)
    assert got.text == "Quý IV/2025- Quý II/2026"
    assert got.span is not None and (got.span.start, got.span.end) == (2, 26)


# (task text, issue date) → (kind, date) of the governing deadline
GOVERNING: list[tuple[str, date | None, DeadlineKind, date | None]] = [
    (
        "Bộ Tài chính thực hiện nghiêm các ý kiến chỉ đạo của Lãnh đạo Chính phủ tại các Thông "
        "báo kết luận số 09/TB-VPCP ngày 11 tháng 01 năm 2024; số 328/TB-VPCP ngày 16 tháng 7 "
        "năm 2024 và cuộc họp ngày 22 tháng 8 năm 2024; hoàn thiện dự thảo Đề án, trình Thủ "
        "tướng Chính phủ xem xét, quyết định trước ngày 20 tháng 10 năm 2024.",
        date(2024, 10, 14),
        D,
        date(2024, 10, 20),
    ),
    (
        "Yêu cầu các tỉnh uỷ, thành uỷ thực hiện nghiêm Kết luận số 150-KL/TW, ngày 14/4/2025 "
        "của Bộ Chính trị và Hướng dẫn số 31-HD/BTCTW, ngày 23/4/2025 của Ban Tổ chức Trung "
        "ương, hoàn thành trong tháng 11/2025.",
        date(2025, 11, 1),
        P,
        date(2025, 11, 30),
    ),
    (
        "Theo Tờ trình số 03-TTr/ĐU, ngày 17/10/2025 của Đảng ủy, Văn phòng báo cáo Ban Thường "
        "vụ trước ngày 25/12/2025.",
        date(2025, 11, 1),
        D,
        date(2025, 12, 25),
    ),
    (
        "Bộ Nông nghiệp và Môi trường căn cứ Nghị định 06/2022/NĐ-CP ngày 7/1/2022 của Chính "
        "phủ, hoàn thiện dự thảo Thông tư, ban hành trong quý I/2026.",
        ISSUED,
        P,
        date(2026, 3, 31),
    ),
    (
        "Tại phiên họp ngày 14/11/2025, Thủ tướng Chính phủ yêu cầu Bộ Công an báo cáo kết quả trước ngày 30/11/2025.",
        ISSUED,
        D,
        date(2025, 11, 30),
    ),
    (
        "Đưa vào hoạt động cấp xã mới từ ngày 1/7/2025, phấn đấu hoàn thành trước ngày 15/7/2025.",
        None,
        D,
        date(2025, 7, 15),
    ),
    (
        "Tham mưu việc ban hành đầy đủ các nghị định; dự thảo các văn bản liên quan cần hoàn "
        "chỉnh trước ngày 01/6/2025 và ban hành trước ngày 25/6/2025.",
        None,
        D,
        date(2025, 6, 25),
    ),
    (
        "Hoàn thiện phương án nhân sự báo cáo Bộ Chính trị, Ban Bí thư xem xét, quyết định "
        "trước ngày 20/6/2025 (phấn đấu hoàn thành trước ngày 15/6/2025).",
        None,
        D,
        date(2025, 6, 20),
    ),
    (
        "Thực hiện giám sát và đánh giá các hoạt động thích ứng với biến đổi khí hậu trong phạm "
        "vi quản lý, định kỳ hằng năm báo cáo tình hình thực hiện, gửi về Bộ Tài nguyên và Môi "
        "trường trước ngày 25 tháng 12 để tổng hợp.",
        date(2024, 11, 19),
        R,
        date(2024, 12, 25),
    ),
    (
        "Trong thời hạn 5 năm, cơ quan, tổ chức đảng phải hoàn thành việc chỉnh lý tài liệu "
        "theo Quy định số 270-QĐ/TW, ngày 06/12/2014 đối với tài liệu hình thành trước ngày "
        "Quy định này có hiệu lực thi hành.",
        date(2025, 11, 19),
        REL,
        date(2030, 11, 19),
    ),
    (
        "Theo quy chế, sau khi nghị quyết, chỉ thị, thông báo, kết luận của Bộ Chính trị được "
        "ban hành, trong thời hạn 3 ngày làm việc, Văn phòng Trung ương Đảng phân loại nhiệm vụ.",
        date(2025, 11, 5),
        REL,
        None,
    ),
    (
        "Thực hiện nghiêm chế độ báo cáo định kỳ, đột xuất theo quy định tại Điều 17 Thông tư "
        "số 23/2024/TT-BCT ngày 07/11/2024 của Bộ Công Thương.",
        None,
        R,
        None,
    ),
    (
        "Bộ Tư pháp tổng hợp, báo cáo Thủ tướng Chính phủ trước ngày 10 tháng 12 năm 2025.",
        date(2025, 11, 29),
        D,
        date(2025, 12, 10),
    ),
    (
        "Hàng năm, tiến hành rà soát các KCN để bố trí đủ hạn mức. Đến năm 2015, hoàn thành "
        "chương trình hỗ trợ có mục tiêu từ ngân sách trung ương.",
        date(2012, 3, 2),
        R,
        None,
    ),
    (
        "Đề án phải được thực hiện trong năm 2026, bảo đảm đúng tiến độ.",
        ISSUED,
        P,
        date(2026, 12, 31),
    ),
    (
        "Hội nghị sơ kết diễn ra vào ngày 14/11/2025; các sở định kỳ hằng quý báo cáo kết quả.",
        ISSUED,
        R,
        None,
    ),
    # a list of quarters ends with its last
    ("Hoàn thành trong Quý I và Quý II/2026.", ISSUED, P, date(2026, 6, 30)),
    ("Hoàn thành trong quý I, II năm 2026.", ISSUED, P, date(2026, 6, 30)),
    # a yearly cycle that names its month or quarter carries its first due date (GUIDELINES)
    ("Báo cáo kết quả vào tháng 12 hằng năm.", ISSUED, R, date(2025, 12, 31)),
    ("Tổng kết công tác Quý III hằng năm.", ISSUED, R, date(2026, 9, 30)),
    ("Báo cáo tháng 6 và tháng 12 hằng năm.", ISSUED, R, date(2025, 12, 31)),
    # a day and month without a year at the end of a sentence
    ("Sở Tài chính tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12.", ISSUED, D, date(2025, 12, 15)),
    # "6 tháng, năm" is the half-yearly and yearly reporting cycle
    ("Sở Nội vụ báo cáo Thủ tướng Chính phủ 6 tháng, năm.", ISSUED, R, None),
    # counted from the issue date however the document names itself
    ("Báo cáo trong vòng 05 ngày làm việc kể từ ngày ban hành văn bản này.", ISSUED, REL, date(2025, 11, 27)),
    ("Báo cáo trong thời hạn 07 ngày kể từ ngày ký Công văn này.", ISSUED, REL, date(2025, 11, 27)),
    # a completion that names an event does not outrank a date
    ("Các đảng ủy cơ sở hoàn thành đại hội chi bộ trước ngày 31/3/2026.", ISSUED, D, date(2026, 3, 31)),
    # the date the work is completed by wins over the year it is carried out in
    (
        "Thành lập đoàn công tác hỗ trợ các thành phố xây dựng Đề án, hoàn thành trong tháng 12 năm 2025, "
        "triển khai thực hiện trong năm 2026.",
        ISSUED,
        P,
        date(2025, 12, 31),
    ),
    # on the same day, the calendar day wins over the period that ends there
    (
        "Sớm bàn giao trong năm 2025 dự án nạo vét luồng tàu, hoàn thiện thủ tục trước ngày 31 tháng 12 năm 2025.",
        ISSUED,
        D,
        date(2025, 12, 31),
    ),
    # a passive before a comma describes its own clause, not the deadline after it
    (
        "Ban hành Kế hoạch thu nhận mẫu hài cốt liệt sĩ chưa xác định được danh tính, hoàn thành trong "
        "tháng 12 năm 2025.",
        ISSUED,
        P,
        date(2025, 12, 31),
    ),
]


def test_deadlines_a_regular_government_meeting_names_its_month() -> None:
    text = "Bộ Nội vụ chủ trì tổng hợp, báo cáo Chính phủ tại Phiên họp Chính phủ thường kỳ tháng 01 năm 2026."
    got = governing_deadline(text, issued=date(2025, 12, 1))
    assert (got.kind, got.date) == (DeadlineKind.PERIOD, date(2026, 1, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giao Chính phủ trình Quốc hội tại kỳ họp thứ hai dự án Luật Đầu tư công (sửa đổi).", None),
        ("Chính phủ báo cáo Quốc hội tại kỳ họp cuối năm 2027 về kết quả thực hiện Nghị quyết.", date(2027, 12, 31)),
        ("Sở Nội vụ trình Hội đồng nhân dân tỉnh trước kỳ họp thường lệ cuối năm 2027.", date(2027, 12, 31)),
        # the part of the year the session falls in (deadline_year_parts.tsv)
        (
            "Ủy ban nhân dân tỉnh báo cáo tại kỳ họp thường lệ giữa năm 2027 của Hội đồng nhân dân tỉnh.",
            date(2027, 6, 30),
        ),
    ],
)
def test_deadlines_a_council_session_is_a_period(text: str, expected: date | None) -> None:
    # GUIDELINES: a period "trước Đại hội XIV" has no known date; a session in a named year ends with it
    got = governing_deadline(text, issued=date(2026, 11, 10))
    assert (got.kind, got.date) == (DeadlineKind.PERIOD, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bộ Công an hoàn thiện hồ sơ dự án Luật, trình Chính phủ tháng 7 năm 2027.", date(2027, 7, 31)),
        ("Bộ Công an hoàn thiện hồ sơ, trình Thủ tướng Chính phủ quý III năm 2027.", date(2027, 9, 30)),
        ("Sở Nội vụ tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy tháng 10/2027.", date(2027, 10, 31)),
    ],
)
def test_deadlines_the_month_of_a_submission_to_a_named_body_is_its_deadline(text: str, expected: date) -> None:
    got = governing_deadline(text, issued=date(2027, 3, 1))
    assert (got.kind, got.date) == (DeadlineKind.PERIOD, expected)


def test_deadlines_a_monthly_cycle_due_on_a_day_of_the_next_month_carries_its_first_due_date() -> None:
    text = "Định kỳ hằng tháng, cập nhật kết quả giám định trên Hệ thống trước ngày 10 của tháng sau."
    got = governing_deadline(text, issued=date(2027, 5, 12))
    assert (got.kind, got.recurrence, got.date) == (DeadlineKind.RECURRING, "monthly", date(2027, 6, 10))
    # without a monthly cycle the phrase sets no deadline this grammar reads
    assert (
        governing_deadline("Báo cáo kết quả trước ngày 10 tháng sau.", issued=date(2027, 5, 12)).kind
        is DeadlineKind.NONE
    )


def test_deadlines_a_report_made_theo_dinh_ky_recurs() -> None:
    got = governing_deadline("Báo cáo kết quả thực hiện theo định kỳ về Sở.", issued=date(2027, 5, 12))
    assert got.kind is DeadlineKind.RECURRING
    assert governing_deadline("Thanh tra các cơ sở theo định kỳ.", issued=date(2027, 5, 12)).kind is DeadlineKind.NONE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Các sở, ngành triển khai thực hiện giai đoạn 2026 - 2030.", date(2030, 12, 31)),
        ("Tổ chức sơ kết năm 2025.", None),  # the year reviewed, not a deadline
        ("Xây dựng chương trình giai đoạn 2026 - 2030.", None),  # names the programme
    ],
)
def test_deadlines_a_phase_the_work_is_carried_out_in_is_a_period(text: str, expected: date | None) -> None:
    got = governing_deadline(text, issued=date(2027, 5, 12))
    assert got.date == expected and (got.kind is DeadlineKind.PERIOD) == (expected is not None)


def test_deadlines_a_session_only_mentioned_is_no_deadline() -> None:
    for text in (
        "Sở Y tế báo cáo kết quả kỳ họp thứ 10 của Hội đồng nhân dân tỉnh.",
        "Các bộ rà soát các luật được ban hành tại Kỳ họp thứ 10 để sớm soạn thảo văn bản quy định chi tiết.",
    ):
        assert governing_deadline(text, issued=date(2026, 11, 10)).kind is DeadlineKind.NONE


def test_deadlines_two_days_of_one_yearly_cycle_give_the_next_of_them() -> None:
    issued = date(2025, 12, 1)
    for text, due in (
        ("Sở Tài chính báo cáo kết quả trước ngày 30/6 và 31/12 hằng năm.", date(2025, 12, 31)),
        ("Sở Xây dựng báo cáo trước ngày 20/6, 20/12 hằng năm.", date(2025, 12, 20)),
        ("Sở Nội vụ báo cáo trước ngày 15/6 và ngày 15/12 hằng năm.", date(2025, 12, 15)),
    ):
        got = governing_deadline(text, issued=issued)
        # two days a year recur every half year, as local-07's gold writes "01/6 và 15/11 hằng năm"
        assert (got.kind, got.date, got.recurrence) == (DeadlineKind.RECURRING, due, "half-yearly"), text


def test_deadlines_a_first_period_then_a_recurrence() -> None:
    text = "Ủy ban nhân dân các tỉnh công bố danh mục dự án trong tháng 01 năm 2026 và cập nhật hằng quý."
    got = governing_deadline(text, issued=date(2025, 12, 1))
    assert (got.kind, got.date, got.recurrence) == (DeadlineKind.RECURRING, date(2026, 1, 31), "quarterly")


@pytest.mark.parametrize(("text", "issued", "kind", "due"), GOVERNING)
def test_deadlines_governing_prefers_the_completion_deadline(
    text: str, issued: date | None, kind: DeadlineKind, due: date | None
) -> None:
    got = governing_deadline(text, issued=issued)
    assert (got.kind, got.date) == (kind, due)


MENTIONS_ONLY = [
    "Yêu cầu các tỉnh uỷ thực hiện nghiêm Kết luận số 150-KL/TW, ngày 14/4/2025 của Bộ Chính trị.",
    "Bộ Tài chính căn cứ Luật Bảo vệ Môi trường 2020 và Nghị định 06/2022/NĐ-CP ngày 07 tháng "
    "01 năm 2022 của Chính phủ để phân công nhiệm vụ.",
    "Tại phiên họp ngày 14/11/2025, Bộ Chính trị đã cho ý kiến về Đề án.",
    "Các văn bản quy phạm pháp luật có hiệu lực từ ngày 1/7/2025.",
    "Tổng hợp số liệu tính đến ngày 31/12/2024.",
    "Điều chỉnh quy hoạch hạ tầng viễn thông trong khu công nghiệp đến năm 2030.",
    "Căn cứ Kế hoạch quốc gia thích ứng với biến đổi khí hậu giai đoạn 2021 - 2030, tầm nhìn "
    "2050, các bộ xây dựng dự toán kinh phí.",
    "Đối với các nhiệm vụ được giao trong năm 2025, tiếp tục rà soát kỹ, bảo đảm hoàn thành đúng tiến độ.",
    "Cụ thể hóa Chương trình hành động thành các kế hoạch 5 năm và hằng năm để triển khai.",
    "Phối hợp tham gia kiểm tra liên ngành định kỳ, đột xuất về an toàn lao động.",
    "UBND xã, phường thực hiện trực ban phòng chống thiên tai 24/24.",
    "Hướng dẫn Chủ đầu tư hoàn thiện quy hoạch 1/500 theo quy định.",
    "Trước mắt nâng cao năng lực sản xuất than trong nước.",
    "Trong 5 năm qua, tỉnh đã đạt nhiều kết quả quan trọng.",
    "Bảo đảm các cơ quan cấp tỉnh, cấp xã sau khi sáp nhập hoạt động thông suốt.",
    "Thường xuyên cập nhật tình hình, tiến độ triển khai lấy ý kiến.",
    "Lấy ý kiến về dự thảo sửa đổi Hiến pháp năm 2013 bảo đảm công khai, minh bạch.",
    "Nghiên cứu, quán triệt Nghị quyết Hội nghị Trung ương 11 khoá XIII (từ ngày 04/5 đến ngày "
    "14/5/2025) đến cán bộ, đảng viên.",
    "Ban chỉ đạo hoàn thành cam kết giảm phát thải ròng bằng không vào năm 2050.",
    # a remark on the time left, not a deadline
    "Từ nay đến hết năm 2025 chỉ còn gần 2 tháng, khối lượng công việc còn lớn.",
    "Thời gian từ nay đến tháng 6/2026 không còn nhiều, các cơ quan cần quyết liệt hơn.",
    # "hằng năm" right after a document's name is part of the name, not a recurrence
    "Nâng tỷ lệ hộ dùng nước sạch theo Nghị quyết hằng năm của Hội đồng nhân dân tỉnh.",
]


@pytest.mark.parametrize("text", MENTIONS_ONLY)
def test_deadlines_find_skips_mentioned_dates(text: str) -> None:
    assert find_deadlines(text, issued=date(2025, 5, 25)) == []
    assert governing_deadline(text, issued=date(2025, 5, 25)) == Deadline.none()


@pytest.mark.parametrize(
    "text",
    [
        "Định kỳ tổng hợp báo cáo kết quả, đề xuất giải pháp điều chỉnh.",
        "Ban Tuyên giáo định kỳ tổ chức sơ kết, tổng kết việc thực hiện.",
        "Các sở định kỳ báo cáo Ủy ban nhân dân tỉnh.",
    ],
)
def test_deadlines_bare_periodic_next_to_reporting_work_recurs(text: str) -> None:
    # GUIDELINES: "định kỳ" is recurring, with recurrence null; bare, only beside reporting work
    found = governing_deadline(text, issued=ISSUED)
    assert (found.kind, found.date, found.recurrence) == (R, None, None)


def test_deadlines_periodic_after_a_plan_noun_still_recurs() -> None:
    # "ngân sách hằng tháng" names a budget; "định kỳ" says the report recurs
    found = governing_deadline("Sở Xây dựng báo cáo tình hình thu ngân sách định kỳ hằng tháng.", issued=ISSUED)
    assert (found.kind, found.recurrence) == (R, "monthly")
    assert governing_deadline("Sở Tài chính lập dự toán ngân sách hằng năm.", issued=ISSUED).kind is N


def test_deadlines_striving_for_a_date_sets_it_through_a_passive() -> None:
    text = "Đẩy nhanh giải ngân vốn đầu tư công, phấn đấu giải ngân 100% kế hoạch vốn được giao trước ngày 31/01/2026."
    assert governing_deadline(text, issued=ISSUED).date == date(2026, 1, 31)
    # without an aim the passive still says which things ("các nhiệm vụ được giao trong năm 2025")
    assert governing_deadline("Rà soát các nhiệm vụ được giao trong năm 2025.", issued=ISSUED).kind is N


def test_deadlines_a_phase_in_a_clause_of_its_own_is_a_period() -> None:
    # GUIDELINES: "Giai đoạn 2026 - 2030 (và những năm tiếp theo)" is a period ending 2030-12-31
    for text in (
        "Bộ Tài chính triển khai hỗ trợ doanh nghiệp, giai đoạn 2027 - 2030.",
        "Bộ Xây dựng thực hiện: Giai đoạn 2027 - 2030 và những năm tiếp theo.",
    ):
        found = governing_deadline(text, issued=ISSUED)
        assert (found.kind, found.date) == (P, date(2030, 12, 31)), text
    # right after a noun it names the programme's span
    assert governing_deadline("Bộ Tài chính triển khai chương trình giai đoạn 2027 - 2030.", issued=ISSUED).kind is N


def test_deadlines_within_the_week_or_the_day_of_issue() -> None:
    week = governing_deadline("Bộ Tài chính báo cáo Thủ tướng Chính phủ trong tuần.", issued=ISSUED)
    assert (week.kind, week.date) == (P, date(2025, 11, 23))  # the Sunday of the week of issue
    day = governing_deadline("Chủ tịch UBND các xã di dời dân ngay trong ngày.", issued=ISSUED)
    assert (day.kind, day.date) == (D, ISSUED)
    # a day named after it, or a noun, is no "day of issue"
    assert governing_deadline("Bộ Y tế trực 24/24 trong ngày nghỉ lễ.", issued=ISSUED).kind is N


def test_deadlines_a_report_sent_about_a_plan_still_recurs() -> None:
    text = "Tổng hợp, báo cáo kết quả thực hiện Kế hoạch về UBND tỉnh 6 tháng và hằng năm."
    assert governing_deadline(text, issued=ISSUED).recurrence == "half-yearly"
    assert governing_deadline("Xây dựng kế hoạch 5 năm và hằng năm.", issued=ISSUED).kind is N


def test_deadlines_a_count_back_from_an_event_has_no_date() -> None:
    text = "Ủy ban Pháp luật và Tư pháp gửi hồ sơ chậm nhất 20 ngày trước ngày khai mạc Kỳ họp."
    found = governing_deadline(text, issued=ISSUED)
    assert (found.kind, found.date) == (REL, None)


def test_deadlines_bare_periodic_without_reporting_work_is_no_deadline() -> None:
    assert governing_deadline("Định kỳ kiểm tra thiết bị phòng cháy tại trụ sở.", issued=ISSUED) == Deadline.none()


def test_deadlines_periodic_or_ad_hoc_after_theo_recurs_whatever_the_work() -> None:
    adverb = governing_deadline(
        "Thanh tra tỉnh thanh tra việc khai thác cát theo định kỳ hoặc đột xuất.", issued=ISSUED
    )
    assert (adverb.kind, adverb.text) == (R, "định kỳ hoặc đột xuất")
    # without "theo" the words only say which inspections are meant
    kinds = governing_deadline("Tham gia kiểm tra liên ngành định kỳ, đột xuất về an toàn lao động.", issued=ISSUED)
    assert kinds == Deadline.none()


def test_deadlines_a_first_date_then_a_recurrence_is_one_recurring_deadline() -> None:
    found = governing_deadline(
        "Các ngân hàng báo cáo kết quả trước ngày 20 tháng 11 năm 2025 và hằng tháng.", issued=ISSUED
    )
    assert (found.kind, found.date, found.recurrence) == (R, date(2025, 11, 20), "monthly")
    assert found.text == "trước ngày 20 tháng 11 năm 2025 và hằng tháng"


def test_deadlines_a_counted_range_is_relative_to_its_event() -> None:
    found = governing_deadline(
        "Xây dựng sàn giao dịch trong 18-24 tháng kể từ khi phương án chi tiết được chấp thuận.", issued=ISSUED
    )
    assert (found.kind, found.date) == (DeadlineKind.RELATIVE, None)
    assert found.text.startswith("trong 18-24 tháng")


def test_deadlines_find_lists_every_deadline_in_text_order() -> None:
    text = (
        "Dự thảo các văn bản liên quan cần hoàn chỉnh trước ngày 01/6/2025 và ban hành trước "
        "ngày 25/6/2025; định kỳ hằng quý báo cáo Bộ Chính trị."
    )
    found = find_deadlines(text, issued=date(2025, 5, 17))
    assert [(d.kind, d.date, d.recurrence) for d in found] == [
        (D, date(2025, 6, 1), None),
        (D, date(2025, 6, 25), None),
        (R, None, "quarterly"),
    ]
    assert [d.text for d in found] == [
        "trước ngày 01/6/2025",
        "trước ngày 25/6/2025",
        "định kỳ hằng quý",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Báo cáo trước ngày 25/6/2026.", "trước ngày 25/6/2026"),
        (
            "Cấp tỉnh phấn đấu hoàn thành trước ngày 15/8/2025.",
            "phấn đấu hoàn thành trước ngày 15/8/2025",
        ),
        ("(hoàn thành trong tháng 11/2025)", "hoàn thành trong tháng 11/2025"),
        ("Thời gian hoàn thành trước ngày 30/12/2025.", "hoàn thành trước ngày 30/12/2025"),
        ("báo cáo UBND tỉnh trước 19h00’ hằng ngày.", "trước 19h00’ hằng ngày"),
    ],
)
def test_deadlines_text_includes_the_leading_words(text: str, expected: str) -> None:
    got = governing_deadline(text, issued=date(2025, 5, 1))
    assert got.text == expected
    assert got.span is not None and text[got.span.start : got.span.end] == expected


@pytest.mark.parametrize(
    ("phrase", "due", "warning"),
    [
        ("31/2/2026", None, "no day 31/2/2026"),
        ("trước ngày 31/2/2026", None, "no day 31/2/2026"),
        ("ngày 30/13/2025", None, "no day 30/13"),
        ("25/6/26", date(2026, 6, 25), "two-digit year 26"),
        ("trước ngày 25/6/2024", date(2024, 6, 25), "before the issue date"),
    ],
)
def test_deadlines_bad_dates_keep_the_text_and_warn(phrase: str, due: date | None, warning: str) -> None:
    got = parse_deadline(phrase, issued=ISSUED)
    assert got.kind is D
    assert got.text == phrase
    assert got.date == due
    assert any(warning in w for w in got.warnings)


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("chậm nhất ngày 31/12", D),
        ("trong tháng 12", P),
        ("trong thời hạn 3 ngày làm việc kể từ ngày ký", REL),
        ("trước Tết Nguyên đán", P),
    ],
)
def test_deadlines_unknown_issue_date_leaves_date_empty(phrase: str, kind: DeadlineKind) -> None:
    got = parse_deadline(phrase, issued=None)
    assert (got.kind, got.date) == (kind, None)
    assert got.warnings


@pytest.mark.parametrize(
    ("phrase", "issued"),
    [
        ("trong thời hạn 999 năm kể từ ngày 1/1/9999", ISSUED),
        ("trước quý I/0001", ISSUED),
        ("trong 999 năm", date(9999, 12, 31)),
        ("quý IV", date(1, 1, 1)),
    ],
)
def test_deadlines_out_of_range_years_leave_date_empty(phrase: str, issued: date) -> None:
    got = parse_deadline(phrase, issued=issued)
    assert got.date is None
    assert any("out of range" in w for w in got.warnings)


def test_deadlines_unreadable_phrase_is_none_with_a_warning() -> None:
    got = parse_deadline("Tùy theo tình hình thực tế", issued=ISSUED)
    assert got.kind is N
    assert got.date is None
    assert got.text == "Tùy theo tình hình thực tế"
    assert got.warnings


def test_deadlines_a_cell_timed_by_an_event_is_relative() -> None:
    for cell in ("Khi có tình huống", "Khi có yêu cầu của cấp trên", "Ngay sau khi có quyết định"):
        got = parse_deadline(cell, issued=ISSUED)
        assert (got.kind, got.date, got.text) == (REL, None, cell)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        # GUIDELINES: following a schedule is relative with no date; saying when work starts is none
        ("Theo kế hoạch", REL),
        ("Theo kế hoạch riêng", REL),
        ("Theo tiến độ dự án", REL),
        ("Từ năm 2026", N),
        ("Triển khai từ 01/7/2025", N),
        ("Từ nay đến hết năm 2025", P),
        ("từ năm 2026 trở đi", R),
    ],
)
def test_deadlines_cell_conventions(cell: str, kind: DeadlineKind) -> None:
    got = parse_deadline(cell, issued=ISSUED)
    assert got.kind is kind
    assert got.kind is not REL or got.date is None


_WORDS = st.sampled_from(
    "trước ngày tháng năm quý hằng hàng định kỳ trong thời hạn làm việc kể từ khi sau "
    "ban hành Tết Đại hội XIV IV 6 31 2 13 2025 26 999 0001 9999 / - , . ; ( ) : hết đến từ nay "
    "lần".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=25).map(" ".join), st.none() | st.dates())
def test_deadlines_never_raise_and_spans_slice_the_text(text: str, issued: date | None) -> None:
    found = find_deadlines(text, issued=issued)
    starts = [d.span.start for d in found if d.span is not None]
    assert starts == sorted(starts)
    for d in found:
        assert d.span is not None and text[d.span.start : d.span.end] == d.text
    assert governing_deadline(text, issued=issued).kind in DeadlineKind
    assert parse_deadline(text, issued=issued).kind in DeadlineKind


def test_deadlines_every_rule_of_the_grammar_has_a_reader():
    from extraction import deadlines

    assert set(deadlines._grammar().rules) <= set(deadlines._HANDLERS)


def test_deadlines_a_rule_without_a_reader_fails_loudly(monkeypatch):
    from extraction import deadlines

    deadlines._grammar.cache_clear()
    monkeypatch.delitem(deadlines._HANDLERS, "day_range")
    try:
        with pytest.raises(LookupError, match="day_range"):
            deadlines._grammar()
    finally:
        deadlines._grammar.cache_clear()


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        # a list of months ends with its last
        ("Bộ Xây dựng trình Chính phủ trong tháng 11 và tháng 12 năm 2026.", DeadlineKind.PERIOD, date(2026, 12, 31)),
        ("Các bộ báo cáo trong tháng 11, tháng 12/2026.", DeadlineKind.PERIOD, date(2026, 12, 31)),
        # the year of issue
        ("Bộ Y tế hoàn thành trong năm nay.", DeadlineKind.PERIOD, date(2026, 12, 31)),
        ("Bộ Y tế hoàn thành trong 6 tháng cuối năm nay.", DeadlineKind.PERIOD, date(2026, 12, 31)),
        # a mention of this year is no deadline
        ("Kết quả giải ngân năm nay còn thấp.", DeadlineKind.NONE, None),
        # the month, quarter and week of issue (Tuesday 10/11/2026: the week ends on Sunday 15/11)
        ("Bộ Y tế hoàn thành trong tháng này.", DeadlineKind.PERIOD, date(2026, 11, 30)),
        ("Bộ Y tế hoàn thành trong quý này.", DeadlineKind.PERIOD, date(2026, 12, 31)),
        ("Các tỉnh tổ chức tổng vệ sinh, xong trong tuần này.", DeadlineKind.PERIOD, date(2026, 11, 15)),
        # a ceiling counts only from its anchor
        ("Bộ Y tế ban hành hướng dẫn, không quá 10 ngày kể từ ngày ký.", DeadlineKind.RELATIVE, date(2026, 11, 20)),
        ("Các dự án có thời gian thực hiện không quá 2 năm được ưu tiên.", DeadlineKind.NONE, None),
    ],
)
def test_deadlines_lists_of_months_and_this_year(text: str, kind: DeadlineKind, due: date | None) -> None:
    got = governing_deadline(text, issued=date(2026, 11, 10))
    assert (got.kind, got.date) == (kind, due)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sau khi trình Thủ tướng Chính phủ, Bộ Tài chính công bố danh mục.", DeadlineKind.RELATIVE),
        # "giải trình", "quá trình" hold the event word "trình" as a syllable of another word
        ("Sau khi nghe giải trình của các sở, ngành, Sở Xây dựng rà soát phương án.", DeadlineKind.NONE),
        ("Khi quá trình sắp xếp kết thúc, Sở Nội vụ tổng hợp.", DeadlineKind.RELATIVE),
        ("Khi quá trình sắp xếp hoàn tất, Sở Nội vụ tổng hợp.", DeadlineKind.NONE),
        # a count after "sau khi" is counted from an event only when the clause names one
        ("Sau khi nghe Ban Nội chính báo cáo kết quả 3 năm thực hiện, Văn phòng theo dõi.", DeadlineKind.NONE),
        ("Sau khi Quyết định được ban hành 30 ngày, Sở Nội vụ tổng hợp.", DeadlineKind.RELATIVE),
        ("Sau khi nghe Bộ trưởng trình bày Tờ trình, Ủy ban Thường vụ Quốc hội kết luận.", DeadlineKind.NONE),
    ],
)
def test_deadlines_an_event_word_inside_a_compound_names_no_event(text: str, kind: DeadlineKind) -> None:
    assert governing_deadline(text, issued=date(2026, 11, 10)).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a day before the issue date right after an event verb says which things, not when
        ("Sở Tư pháp rà soát các hợp đồng ký trước ngày 01/01/2026.", DeadlineKind.NONE),
        ("Sở Tài chính rà soát các văn bản ban hành trước ngày 01/7/2026.", DeadlineKind.NONE),
        # a day after the issue date, or another verb, is a deadline
        ("Sở Tư pháp ký hợp đồng trước ngày 01/12/2026.", DeadlineKind.DATE),
        ("Sở Tư pháp trình Bộ trước ngày 01/01/2026.", DeadlineKind.DATE),
        ("Các hộ kinh doanh đăng ký trước ngày 01/01/2026.", DeadlineKind.DATE),
    ],
)
def test_deadlines_a_past_day_after_an_event_verb_dates_a_thing(text: str, kind: DeadlineKind) -> None:
    assert governing_deadline(text, issued=date(2026, 11, 10)).kind == kind


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Công an thành phố báo cáo trước ngày 25 của tháng cuối quý.", date(2026, 12, 25)),
        ("Sở Xây dựng báo cáo trước ngày 20 tháng cuối mỗi quý.", date(2026, 12, 20)),
        ("Sở Xây dựng báo cáo trước ngày 01 của tháng đầu quý.", date(2027, 1, 1)),
        ("Sở Xây dựng báo cáo vào tháng cuối quý.", None),
    ],
)
def test_deadlines_a_month_of_every_quarter_recurs_quarterly(text: str, due: date | None) -> None:
    got = governing_deadline(text, issued=date(2026, 12, 2))
    assert (got.kind, got.recurrence, got.date) == (DeadlineKind.RECURRING, "quarterly", due)


def test_deadlines_a_named_quarter_is_no_cycle() -> None:
    got = governing_deadline("Sở X báo cáo trước ngày 10 tháng đầu quý IV/2026.", issued=date(2026, 12, 2))
    assert got.recurrence is None


def test_deadlines_six_months_and_every_year_recur_half_yearly() -> None:
    got = governing_deadline("Sở Tài chính báo cáo 6 tháng và hằng năm.", issued=date(2026, 10, 14))
    assert (got.kind, got.recurrence) == (DeadlineKind.RECURRING, "half-yearly")


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        # a full date without "ngày"
        ("Tổ chức nạo vét kênh mương, xong trước 31 tháng 12 năm 2026.", DeadlineKind.DATE, date(2026, 12, 31)),
        ("Báo cáo kết quả về Bộ chậm nhất 15 tháng 12 năm 2026.", DeadlineKind.DATE, date(2026, 12, 15)),
        # the anchor of a count ends before a purpose
        (
            "Gửi về Bộ trong thời hạn 15 ngày kể từ ngày ký văn bản này để tổng hợp, báo cáo Thủ tướng Chính phủ.",
            DeadlineKind.RELATIVE,
            date(2026, 11, 25),
        ),
    ],
)
def test_deadlines_dates_without_ngay_and_anchors_before_a_purpose(text: str, kind: DeadlineKind, due: date) -> None:
    got = governing_deadline(text, issued=date(2026, 11, 10))
    assert (got.kind, got.date) == (kind, due)


def test_deadlines_a_cycle_then_its_day_in_brackets() -> None:
    got = governing_deadline(
        "Ủy ban nhân dân các tỉnh báo cáo tình hình thị trường định kỳ hằng tháng (trước ngày 25).",
        issued=date(2026, 11, 16),
    )
    assert (got.kind, got.recurrence, got.date) == (DeadlineKind.RECURRING, "monthly", date(2026, 11, 25))


def test_deadlines_receiving_the_document_is_an_event_and_an_opening_clause_ends_at_its_comma() -> None:
    text = "Ngay sau khi nhận được Công văn này, Ủy ban nhân dân các tỉnh phổ biến nội dung đến các cơ quan."
    got = governing_deadline(text, issued=ISSUED)
    assert (got.kind, got.date, got.text) == (REL, None, "Ngay sau khi nhận được Công văn này")


def test_deadlines_a_time_in_a_cited_documents_title_is_no_deadline() -> None:
    text = (
        "Thực hiện Công văn số 4120/UBND-NC ngày 15/11/2025 của Ủy ban nhân dân tỉnh về việc bảo đảm an ninh "
        "trật tự dịp cuối năm, Ủy ban nhân dân xã yêu cầu các cơ quan thực hiện:"
    )
    assert find_deadlines(text, issued=ISSUED) == []
    # the same words outside a title are a deadline
    assert governing_deadline("Công an xã bảo đảm an ninh trật tự dịp cuối năm.", issued=ISSUED).kind is P
    # a report's topic after "về" is its title too; "về" + a body is where it goes
    cited = "Xét Báo cáo số 45/BC-SCT của Sở Công Thương về tình hình cung cầu hàng hóa dịp Tết Nguyên đán, Chủ tịch chỉ đạo:"
    assert find_deadlines(cited, issued=ISSUED) == []
    sent = "Các sở gửi Báo cáo số 12/BC-STC về Sở Tài chính trước ngày 15/12/2025."
    assert governing_deadline(sent, issued=ISSUED).date == date(2025, 12, 15)


def test_deadlines_a_work_programmes_time_of_submission_and_a_half_year_and_whole_year_report() -> None:
    assert governing_deadline("Sở Nội vụ trình Đề án, thời gian trình: Tháng 3/2026.", issued=ISSUED).date == date(
        2026, 3, 31
    )
    got = governing_deadline("Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh 6 tháng và cả năm.", issued=ISSUED)
    assert (got.kind, got.recurrence) == (R, "half-yearly")


def test_deadlines_a_cycle_wins_over_a_period_with_no_date() -> None:
    text = "Hằng năm, báo cáo kết quả thực hiện Nghị quyết tại kỳ họp thường lệ cuối năm của Hội đồng nhân dân tỉnh."
    got = governing_deadline(text, issued=ISSUED)
    assert (got.kind, got.recurrence) == (R, "yearly")


def test_deadlines_nightly_patrols_recur_and_a_school_day_printed_with_its_date_is_a_day() -> None:
    assert governing_deadline("Công an xã tuần tra hằng đêm tại các địa bàn trọng điểm.", issued=ISSUED).kind is R
    got = governing_deadline("Các trường hoàn thành sửa chữa phòng học trước ngày khai giảng 05/9/2026.", issued=ISSUED)
    assert (got.kind, got.date) == (D, date(2026, 9, 5))


def test_deadlines_a_monthly_report_due_on_a_day_at_the_end_of_a_sentence() -> None:
    got = governing_deadline("Các đơn vị báo cáo kết quả hằng tháng, trước ngày 25.", issued=date(2026, 3, 10))
    assert (got.kind, got.date, got.recurrence) == (R, date(2026, 3, 25), "monthly")


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Ngày 15/4/2026: Sở Nội vụ trình Ủy ban nhân dân tỉnh dự thảo Đề án.", D, date(2026, 4, 15)),
        ("Tháng 5/2026: các sở, ngành hoàn thiện hồ sơ.", P, date(2026, 5, 31)),
        ("Quý III/2026: tổ chức sơ kết.", P, date(2026, 9, 30)),
    ],
)
def test_deadlines_a_timeline_step_opens_with_its_time_and_a_colon(
    text: str, kind: DeadlineKind, expected: date
) -> None:
    got = governing_deadline(text, issued=ISSUED)
    assert (got.kind, got.date) == (kind, expected)


def test_deadlines_a_time_opening_a_sentence_without_a_colon_is_only_mentioned() -> None:
    # the colon makes the label: a day that only dates the past is not the item's deadline
    assert find_deadlines("Ngày 15/4/2026 Sở Nội vụ đã tổ chức hội nghị triển khai.", issued=ISSUED) == []


def test_deadlines_a_day_after_a_purpose_that_hands_the_work_on_is_the_next_bodys() -> None:
    text = "Các sở gửi báo cáo về Sở Nội vụ trước ngày 15/12/2025 để tổng hợp, báo cáo Bộ Nội vụ trước ngày 25/12/2025."
    assert governing_deadline(text, issued=ISSUED).date == date(2025, 12, 15)
    # with no day of its own before the purpose, the day after it is still the task's
    later = "Sở Tài chính tham mưu để Ủy ban nhân dân tỉnh ban hành Quyết định trước ngày 25/12/2025."
    assert governing_deadline(later, issued=ISSUED).date == date(2025, 12, 25)
    # a day the text only cites does not count as the task's own
    cited = "Thực hiện Công văn ngày 10/10/2025 để bảo đảm tiến độ, các sở báo cáo trước ngày 20/12/2025."
    assert governing_deadline(cited, issued=ISSUED).date == date(2025, 12, 20)


@pytest.mark.parametrize(
    "text",
    [
        "Sở Văn hóa chuẩn bị chương trình, hoàn thành trước ngày khai mạc 10 ngày.",
        "Các đơn vị gửi hồ sơ trước kỳ họp 20 ngày.",
        "Ban Tổ chức gửi tài liệu trước khi tổ chức Đại hội 30 ngày.",
    ],
)
def test_deadlines_a_count_after_the_event_it_goes_back_from_is_relative(text: str) -> None:
    got = governing_deadline(text, issued=ISSUED)
    assert (got.kind, got.date) == (REL, None)
    assert got.text is not None and got.text.endswith("ngày")


def test_deadlines_a_day_the_work_is_due_by_wins_over_a_period_the_text_places_something_in() -> None:
    text = (
        "Chỉ đạo Sở Xây dựng tổng hợp số liệu về các dự án dự kiến khởi công trong năm 2026; "
        "gửi báo cáo về Bộ Xây dựng trước ngày 30/6/2026."
    )
    assert governing_deadline(text, issued=ISSUED).date == date(2026, 6, 30)
    # a completion still wins, and of two days the later one ("phấn đấu" the earlier)
    done = "Hoàn thành trong năm 2026; báo cáo kết quả trước ngày 30/6/2026."
    assert governing_deadline(done, issued=ISSUED).date == date(2026, 12, 31)
    aim = "Báo cáo trước ngày 20/6/2026 (phấn đấu trước ngày 15/6/2026)."
    assert governing_deadline(aim, issued=ISSUED).date == date(2026, 6, 20)


def test_deadlines_a_target_the_body_must_ensure_sets_a_deadline_through_a_passive() -> None:
    got = governing_deadline("Sở Tư pháp bảo đảm sổ hộ tịch được số hóa trước ngày 30/9/2026.", issued=ISSUED)
    assert got.date == date(2026, 9, 30)
    # a passive event or assignment verb still only describes
    assert (
        governing_deadline("Bảo đảm thực hiện các văn bản được ban hành trước ngày 1/7/2026.", issued=ISSUED).kind is N
    )
    assert governing_deadline("Bảo đảm các nhiệm vụ được giao trong năm 2026 đúng tiến độ.", issued=ISSUED).kind is N


def test_deadlines_a_days_number_apart_from_its_monthly_cycle_is_its_first_due_day() -> None:
    text = "Các xã báo cáo tình hình dịch bệnh hằng tháng về Sở (qua Văn phòng Sở) trước ngày 20."
    got = governing_deadline(text, issued=ISSUED)
    assert (got.kind, got.recurrence, got.date) == (R, "monthly", date(2025, 11, 20))
    # with no cycle, a day with no month is no deadline this grammar reads
    assert governing_deadline("Các sở báo cáo trước ngày 20.", issued=ISSUED).kind is N


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("tối thiểu mỗi quý 01 đợt", "quarterly"),
        ("kiểm tra mỗi tháng 01 lần", "monthly"),
        ("kiểm tra 02 đợt/năm", "half-yearly"),
    ],
)
def test_deadlines_the_cycle_then_how_often_in_it_recurs(text: str, recurrence: str) -> None:
    got = governing_deadline(text, issued=ISSUED)
    assert (got.kind, got.recurrence) == (R, recurrence)


def test_deadlines_a_count_in_a_sentence_that_opens_with_a_case_runs_from_the_case() -> None:
    case = "Khi phát hiện ổ dịch, phối hợp tổ chức khoanh vùng; báo cáo Sở trong vòng 24 giờ."
    assert (governing_deadline(case, issued=ISSUED).kind, governing_deadline(case, issued=ISSUED).date) == (REL, None)
    # with no case, the count runs from the issue date
    plain = governing_deadline("Các sở báo cáo trong 05 ngày làm việc.", issued=ISSUED)
    assert (plain.kind, plain.date) == (REL, date(2025, 11, 27))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trình Ban Chấp hành Trung ương vào trung tuần tháng 4/2026.", date(2026, 4, 20)),
        ("Báo cáo Bộ Chính trị vào đầu tháng 3/2026.", date(2026, 3, 10)),
        ("Tổ chức hội nghị vào giữa tháng 4/2026.", date(2026, 4, 20)),
        # before the last third is by the month's end, not the day before the third begins
        ("Hoàn thành trước cuối tháng 6/2026.", date(2026, 6, 30)),
    ],
)
def test_deadlines_a_third_of_a_month_ends_on_its_last_day(text: str, expected: date) -> None:
    got = governing_deadline(text, issued=ISSUED)
    assert (got.kind, got.date) == (P, expected)


def test_deadlines_an_event_with_its_month_or_its_school_year_and_printed_day() -> None:
    session = governing_deadline("Trình Hội đồng nhân dân tỉnh tại kỳ họp chuyên đề tháng 4/2026.", issued=ISSUED)
    assert (session.kind, session.date) == (P, date(2026, 4, 30))
    school = governing_deadline("Hoàn thành trước ngày khai giảng năm học 2026 - 2027 (05/9/2026).", issued=ISSUED)
    assert (school.kind, school.date) == (D, date(2026, 9, 5))


def test_deadlines_before_an_event_with_its_own_subject_is_relative() -> None:
    for text in (
        "Thu hoạch sớm diện tích lúa trước khi bão đổ bộ.",
        "Sửa chữa các tuyến đường trước khi mùa mưa bão bắt đầu.",
    ):
        got = governing_deadline(text, issued=ISSUED)
        assert (got.kind, got.date) == (REL, None)


def test_deadlines_a_labelled_time_limit_counts_from_its_anchor() -> None:
    got = governing_deadline("Thời hạn: 30 ngày kể từ ngày ký.", issued=ISSUED)
    assert (got.kind, got.date) == (REL, date(2025, 12, 20))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quán triệt Kế hoạch đến 100% đảng viên trong kỳ sinh hoạt chi bộ tháng 3/2026.", date(2026, 3, 31)),
        ("Báo cáo tại Hội nghị Ban Chấp hành Đảng bộ tỉnh tháng 12/2026.", date(2026, 12, 31)),
    ],
)
def test_deadlines_a_meeting_with_its_month_is_that_month(text: str, expected: date) -> None:
    got = governing_deadline(text, issued=ISSUED)
    assert (got.kind, got.date) == (P, expected)
    # without its month a meeting dates nothing
    assert governing_deadline("Tổ chức Hội nghị sơ kết.", issued=ISSUED).kind is N


@pytest.mark.parametrize(
    ("text", "in_force"),
    [
        ("Điều 4. Quyết định này có hiệu lực thi hành kể từ ngày ký.", date(2026, 1, 20)),
        ("Quyết định có hiệu lực kể từ ngày ban hành.", date(2026, 1, 20)),
        ("Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 12/QĐ-UBND.", date(2026, 1, 20)),
        ("Kế hoạch này có hiệu lực từ ngày 01/02/2026.", date(2026, 2, 1)),
        ("Quyết định này có hiệu lực thi hành từ ngày 15 tháng 3 năm 2026.", date(2026, 3, 15)),
        ("Luật Đất đai có hiệu lực từ ngày 01/8/2024.", None),  # a law it cites
        ("Quyết định này có hiệu lực sau khi được thông qua.", None),
    ],
)
def test_deadlines_the_day_the_document_takes_effect(text, in_force):
    from extraction.deadlines import in_force_date

    assert in_force_date(text, issued=date(2026, 1, 20)) == in_force


def test_deadlines_a_count_from_entry_into_force_resolves_where_that_day_is_known():
    text = "Giao Ủy ban nhân dân các xã kiện toàn bộ phận một cửa trong vòng 30 ngày kể từ ngày Quyết định này có hiệu lực."
    unknown = governing_deadline(text, issued=date(2026, 1, 20))
    assert (unknown.kind, unknown.date) == (DeadlineKind.RELATIVE, None) and unknown.warnings
    known = governing_deadline(text, issued=date(2026, 1, 20), in_force=date(2026, 2, 1))
    assert (known.kind, known.date, known.warnings) == (DeadlineKind.RELATIVE, date(2026, 3, 3), ())


def test_deadlines_a_decision_in_force_on_signing_dates_counts_from_its_entry_into_force():
    from extraction.pipeline import extract

    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 156/QĐ-UBND\nGia Lai, ngày 20 tháng 01 năm 2026\nQUYẾT ĐỊNH\n"
        "Điều 1. Giao Sở Tư pháp rà soát văn bản trong vòng 20 ngày kể từ ngày Quyết định có hiệu lực thi hành.\n"
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
        "Nơi nhận:\n- Như Điều 1;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n"
    )
    tasks = extract(text.encode(), "text/plain").tasks
    assert [(t.deadline.kind, t.deadline.date) for t in tasks] == [(DeadlineKind.RELATIVE, date(2026, 2, 9))]


@pytest.mark.parametrize(
    ("phrase", "kind", "day", "recurrence"),
    [
        ("Hằng năm, bắt đầu từ năm 2027", DeadlineKind.RECURRING, None, "yearly"),  # a start is no deadline
        ("Hằng năm, từ năm 2027", DeadlineKind.RECURRING, None, "yearly"),
        ("Năm 2027", DeadlineKind.PERIOD, date(2027, 12, 31), None),
    ],
)
def test_deadlines_a_cell_that_says_when_a_cycle_starts(phrase, kind, day, recurrence):
    got = parse_deadline(phrase, issued=date(2026, 11, 16))
    assert (got.kind, got.date, got.recurrence) == (kind, day, recurrence)


@pytest.mark.parametrize("part", ["sáng", "chiều", "tối"])
def test_deadlines_an_event_on_a_part_of_a_day(part):
    got = governing_deadline(
        f"Ủy ban nhân dân xã tổ chức lễ mít tinh vào {part} ngày 02/02/2026.", issued=date(2026, 1, 5)
    )
    assert (got.kind, got.date) == (DeadlineKind.DATE, date(2026, 2, 2))


def test_deadlines_before_the_end_of_a_year_is_its_last_day():
    got = governing_deadline("Sở Nội vụ tổng kết công tác thi đua trước cuối năm 2026.", issued=date(2026, 8, 20))
    assert (got.kind, got.date) == (DeadlineKind.PERIOD, date(2026, 12, 31))
    got = governing_deadline("Sở Nội vụ hoàn thành trước 6 tháng cuối năm 2026.", issued=date(2026, 3, 20))
    assert got.date == date(2026, 6, 30)  # before its months begin


def test_deadlines_a_lunar_day_glossed_with_its_solar_day():
    got = governing_deadline(
        "Hoàn thành việc thăm hỏi, tặng quà các đối tượng chính sách trước ngày 23 tháng Chạp (tức ngày 10/02/2026).",
        issued=date(2026, 1, 20),
    )
    assert (got.kind, got.date) == (DeadlineKind.DATE, date(2026, 2, 10))
    assert (
        governing_deadline("Đã tổ chức ngày 23 tháng Chạp (tức ngày 10/02/2026).", issued=date(2026, 1, 20)).date
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Sở Giáo dục và Đào tạo hoàn thành việc rà soát trong học kỳ I năm học 2026 - 2027.",
        "Các trường tổ chức thi trong năm học 2026 - 2027.",
        "Các trường tổng kết vào cuối năm học 2026 - 2027.",
    ],
)
def test_deadlines_a_school_year_or_term_is_a_period_of_unknown_end(text):
    got = governing_deadline(text, issued=date(2026, 8, 20))
    assert (got.kind, got.date) == (DeadlineKind.PERIOD, None)


def test_deadlines_a_printed_day_beats_the_school_year_it_names():
    got = governing_deadline(
        "Sở ban hành Hướng dẫn nhiệm vụ năm học 2026 - 2027 trước ngày 15/8/2026.", issued=date(2026, 7, 1)
    )
    assert (got.kind, got.date) == (DeadlineKind.DATE, date(2026, 8, 15))


@pytest.mark.parametrize(
    "text, issued, day",
    [
        (
            "Hội Liên hiệp Phụ nữ tỉnh trao tặng 50 mái ấm trước Ngày Phụ nữ Việt Nam 20/10/2026.",
            date(2026, 9, 1),
            date(2026, 10, 20),
        ),
        ("Sở Y tế hoàn thành trước Ngày Thầy thuốc Việt Nam.", date(2026, 3, 10), date(2027, 2, 27)),
        ("Sở Giáo dục và Đào tạo tổng kết trước Ngày Nhà giáo Việt Nam.", date(2026, 9, 10), date(2026, 11, 20)),
    ],
)
def test_deadlines_a_commemorative_day(text, issued, day):
    got = governing_deadline(text, issued=issued)
    assert (got.kind, got.date) == (DeadlineKind.DATE, day)


@pytest.mark.parametrize("cue", ["xuyên suốt", "trong suốt", "suốt"])
def test_deadlines_throughout_a_month_is_that_period(cue):
    got = governing_deadline(f"Tỉnh đoàn tuyên truyền {cue} tháng 11/2026.", issued=date(2026, 10, 1))
    assert (got.kind, got.date) == (DeadlineKind.PERIOD, date(2026, 11, 30))


@pytest.mark.parametrize(
    "text, issued, day",
    [
        (
            "Cục Khí tượng Thủy văn cung cấp bản tin vào thứ Hai và thứ Năm hằng tuần.",
            date(2025, 12, 22),
            date(2025, 12, 22),
        ),
        ("Sở Y tế báo cáo trước 15 giờ thứ Sáu hằng tuần.", date(2026, 1, 28), date(2026, 1, 30)),
        ("Các xã báo cáo định kỳ hằng tuần (trước 15 giờ 00 ngày thứ Năm).", date(2026, 6, 5), date(2026, 6, 11)),
        ("Các đơn vị báo cáo vào Chủ nhật hằng tuần.", date(2026, 6, 5), date(2026, 6, 7)),
        ("Sở Nội vụ báo cáo hằng tuần.", date(2026, 6, 5), None),
    ],
)
def test_deadlines_a_weekly_cycle_that_names_its_day_carries_its_first_due_day(text, issued, day):
    got = governing_deadline(text, issued=issued)
    assert (got.kind, got.date, got.recurrence) == (DeadlineKind.RECURRING, day, None)


def test_deadlines_a_day_something_still_stands_at_is_no_deadline():
    text = "Đối với các khoản chi đã được giao dự toán nhưng đến ngày 30/6/2026 chưa phân bổ, các bộ thực hiện thu hồi."
    assert governing_deadline(text, issued=date(2026, 6, 10)).kind is DeadlineKind.NONE


def test_deadlines_reporting_cycles_with_their_days_in_brackets():
    issued = date(2026, 2, 10)
    got = governing_deadline(
        "Sở Nội vụ báo cáo định kỳ 6 tháng (trước ngày 20/6) và năm (trước ngày 15/12).", issued=issued
    )
    assert (got.kind, got.date, got.recurrence) == (DeadlineKind.RECURRING, date(2026, 6, 20), "half-yearly")
    got = governing_deadline(
        "Sở Tư pháp báo cáo định kỳ hằng quý (trước ngày 20/3) và năm (trước ngày 15/12).", issued=issued
    )
    assert (got.kind, got.date, got.recurrence) == (DeadlineKind.RECURRING, date(2026, 3, 20), "quarterly")
    # a day with its year in brackets is a day
    got = governing_deadline("Sở Y tế hoàn thành trong năm (trước ngày 15/12/2026).", issued=issued)
    assert (got.kind, got.date) == (DeadlineKind.DATE, date(2026, 12, 15))


def test_deadlines_counted_from_an_event_the_document_dates() -> None:
    """ "chậm nhất 70 ngày trước ngày bầu cử" with "Ngày bầu cử: Chủ nhật, ngày 15/3/2026" elsewhere
    in the document (probes BU, BW, BX); no day, or two different ones, leave the date unknown."""
    from extraction.deadlines import event_days

    document = (
        "Cuộc bầu cử được tổ chức vào Chủ nhật, ngày 15/3/2026. Dự án dự kiến khởi công ngày 15/5/2026.\n"
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 20/5/2026 về bầu cử."
    )
    issued = date(2025, 12, 1)
    events = event_days(document, issued=issued)
    for text, kind, due in (
        ("Ủy ban bầu cử ấn định khu vực bỏ phiếu chậm nhất 70 ngày trước ngày bầu cử.", "relative", date(2026, 1, 4)),
        ("Văn phòng tổng hợp kết quả trong 15 ngày kể từ ngày bầu cử.", "relative", date(2026, 3, 30)),
        (
            "Sở Xây dựng thẩm định, hoàn thành trước ngày khởi công Dự án ít nhất 03 ngày.",
            "relative",
            date(2026, 5, 12),
        ),
        ("Xã bàn giao mặt bằng sạch trước ngày khởi công Dự án.", "relative", date(2026, 5, 15)),
        ("Sở Y tế chuẩn bị trước ngày khai trương Trung tâm.", "none", None),  # the document dates no opening
    ):
        got = governing_deadline(text, issued=issued, events=events)
        assert (got.kind, got.date) == (kind, due), text
    # the words between may describe the event, years included; a deadline of their own may not
    described = event_days(
        "Cuộc bầu cử đại biểu Quốc hội khóa XVI nhiệm kỳ 2026 - 2031 được tổ chức vào Chủ nhật, ngày 15/3/2026.\n"
        "Các thôn lập danh sách cử tri, gửi tổ bầu cử trước ngày 31/01/2026.",
        issued=issued,
    )
    got = governing_deadline("Báo cáo trong 15 ngày kể từ ngày bầu cử.", issued=issued, events=described)
    assert got.date == date(2026, 3, 30)
    # an event day in the past, or after "số ...", dates nothing to come
    assert (
        governing_deadline(
            "Báo cáo trong 10 ngày kể từ ngày bầu cử.",
            issued=issued,
            events=event_days("Ngày bầu cử là ngày 15/3/2025.", issued=issued),
        ).date
        is None
    )


def test_deadlines_averted_times_as_of_days_and_listed_cycles() -> None:
    """Probes BV, BW, BT, BZ."""
    issued = date(2025, 11, 5)
    # "không để dồn vào cuối năm": when the work must not slip to
    text = "Các chủ đầu tư thanh toán ngay khi có khối lượng nghiệm thu, không để dồn vào cuối năm."
    assert governing_deadline(text, issued=issued).kind is DeadlineKind.NONE
    # the day figures stand at, already past, is no deadline; a day to come still is
    assert (
        governing_deadline("Chi cục Thuế rà soát nợ thuế đến thời điểm 31/10/2025.", issued=issued).kind
        is DeadlineKind.NONE
    )
    assert governing_deadline("Chi cục Thuế rà soát nợ thuế đến hết ngày 31/12/2025.", issued=issued).date == date(
        2025, 12, 31
    )
    # two cycles with days of their own are first due on the earlier day to come
    got = governing_deadline(
        "Sở Nội vụ báo cáo định kỳ 6 tháng (trước ngày 10/6) và hằng năm (trước ngày 10/12).", issued=issued
    )
    assert (got.kind, got.date) == (DeadlineKind.RECURRING, date(2025, 12, 10))
    # a due day after "nhiệm vụ ..." is no plan's name
    got = governing_deadline(
        "Các đơn vị cập nhật tiến độ thực hiện nhiệm vụ trên Hệ thống trước ngày 20 hằng tháng.", issued=issued
    )
    assert (got.kind, got.date) == (DeadlineKind.RECURRING, date(2025, 11, 20))
    # "kể từ ngày ký Công điện này"
    got = governing_deadline(
        "Tỉnh báo cáo trong 05 ngày làm việc kể từ ngày ký Công điện này.", issued=date(2025, 11, 17)
    )
    assert got.date == date(2025, 11, 24)


def test_deadlines_cycles_in_a_season_with_bracketed_days_and_every_few_hours() -> None:
    """Probes BS, BV, BX, BY."""
    issued = date(2026, 3, 10)
    got = governing_deadline(
        "Các xã báo cáo tiến độ trồng rừng về Sở trước ngày 20 hằng tháng, từ tháng 4 đến tháng 10/2026.", issued=issued
    )
    assert (got.kind, got.date) == (DeadlineKind.RECURRING, date(2026, 4, 20))
    got = governing_deadline(
        "Các thành viên báo cáo kết quả định kỳ hằng tháng trong mùa mưa bão (từ tháng 8 đến hết tháng 12).",
        issued=issued,
    )
    assert (got.kind, got.recurrence) == (DeadlineKind.RECURRING, "monthly")
    got = governing_deadline(
        "Vụ Pháp chế định kỳ 6 tháng (trước ngày 15/12/2026 và trước ngày 15/6/2027) báo cáo kết quả về Bộ.",
        issued=date(2026, 8, 14),
    )
    assert (got.kind, got.date, got.recurrence) == (DeadlineKind.RECURRING, date(2026, 12, 15), "half-yearly")
    assert governing_deadline("Bộ Y tế báo cáo tình hình 6 giờ/lần.", issued=issued).kind is DeadlineKind.RECURRING
    # a school year is no span of calendar years; its new year's opening day, printed, is the day
    assert parse_deadline("Năm học 2026 - 2027", issued=issued).date is None
    got = governing_deadline(
        "Tỉnh bảo đảm học sinh đến trường trước ngày khai giảng năm học mới 05/9/2026.", issued=issued
    )
    assert got.date == date(2026, 9, 5)
    got = governing_deadline(
        "Đoàn Thanh niên hỗ trợ cử tri tại các điểm bỏ phiếu trong ngày bầu cử 15/3/2026.", issued=date(2025, 11, 20)
    )
    assert got.date == date(2026, 3, 15)
    # the end of a storm and an order are events the work waits for
    assert (
        governing_deadline("Bộ Công Thương khôi phục cấp điện ngay sau khi bão tan.", issued=issued).kind
        is DeadlineKind.RELATIVE
    )


def test_deadlines_supplies_that_last_and_events_published() -> None:
    """Probes CC, CH."""
    issued = date(2025, 12, 8)
    text = "Chủ tịch UBND các xã chuẩn bị lương thực cho người dân, bảo đảm đủ dùng tối thiểu trong 07 ngày."
    assert governing_deadline(text, issued=issued).kind is DeadlineKind.NONE
    assert governing_deadline("Sở Y tế báo cáo trong 07 ngày.", issued=issued).kind is DeadlineKind.RELATIVE
    got = governing_deadline("Sở Nội vụ tổ chức hội nghị ngay sau khi Báo cáo PAPI được công bố.", issued=issued)
    assert got.kind is DeadlineKind.RELATIVE
