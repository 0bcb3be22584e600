"""Tests for extraction/calendar.py: days off, working days and working hours."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from pathlib import Path

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.calendar import (
    VIETNAM_TZ,
    WorkCalendar,
    YearSchedule,
    default_calendar,
    load_schedule,
)
from extraction.errors import BadArgument

CAL = default_calendar()
PROPERTY = settings(max_examples=150, deadline=None)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 6, 30))
moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 6, 30))
working_hours = st.floats(min_value=0, max_value=120, allow_nan=False, allow_infinity=False)


def _bundled_json(name: str) -> dict[str, object]:
    text = resources.files("extraction").joinpath(f"data/calendar/{name}").read_text("utf-8")
    return dict(json.loads(text))


# --- the days off of 2025 and 2026 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2026, 1, 1), "Tết Dương lịch"),
        (date(2026, 1, 2), "Tết Dương lịch (nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026)"),
        (date(2026, 2, 14), "Thứ Bảy"),
        (date(2026, 2, 15), "Chủ nhật"),
        (date(2026, 2, 16), "Tết Nguyên đán"),
        (date(2026, 2, 17), "Tết Nguyên đán"),
        (date(2026, 2, 20), "Tết Nguyên đán"),
        (date(2026, 2, 22), "Chủ nhật"),
        (date(2026, 4, 26), "Chủ nhật"),
        (date(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (date(2026, 4, 30), "Ngày Chiến thắng"),
        (date(2026, 5, 1), "Ngày Quốc tế Lao động"),
        (date(2026, 8, 31), "Quốc khánh (nghỉ hoán đổi, làm bù thứ Bảy 22/8/2026)"),
        (date(2026, 9, 1), "Quốc khánh"),
        (date(2026, 9, 2), "Quốc khánh"),
    ],
)
def test_calendar_days_off_2026(day: date, reason: str) -> None:
    assert CAL.non_working_reason(day) == reason
    assert not CAL.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 10),  # make-up Saturday for 02/01 (Văn bản 12729/VPCP-KGVX)
        date(2026, 8, 22),  # make-up Saturday for 31/8 (Thông báo 9441/TB-BNV)
        date(2026, 2, 13),  # the Friday before Tết
        date(2026, 2, 23),  # the Monday after Tết
        date(2026, 4, 28),
        date(2026, 9, 3),
    ],
)
def test_calendar_working_days_2026(day: date) -> None:
    assert CAL.is_working_day(day)
    assert CAL.non_working_reason(day) is None


def test_calendar_hung_kings_day_2026_is_10th_of_3rd_lunar_month() -> None:
    # Tết (1/1 âm lịch) is 17/02/2026 and 10/3 âm lịch is Sunday 26/04/2026, so the day off
    # moves to Monday 27/04 (Bộ luật Lao động 2019, Điều 111 khoản 3).
    lunar = holidays.country_holidays("VN", years=2026, language="vi")
    assert lunar.get(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert lunar.get(date(2026, 4, 26)) == "Ngày Giỗ Tổ Hùng Vương"
    assert date(2026, 4, 26).weekday() == 6
    assert CAL.non_working_reason(date(2026, 4, 27)) == "Giỗ Tổ Hùng Vương (nghỉ bù)"


@pytest.mark.parametrize(
    ("day", "is_working"),
    [
        (date(2025, 1, 24), True),
        (date(2025, 1, 27), False),
        (date(2025, 1, 31), False),
        (date(2025, 2, 3), True),
        (date(2025, 4, 7), False),  # Giỗ Tổ
        (date(2025, 4, 26), True),  # make-up Saturday for Friday 02/5/2025
        (date(2025, 5, 2), False),
        (date(2025, 9, 1), False),
        (date(2025, 9, 2), False),
        (date(2025, 9, 3), True),
    ],
)
def test_calendar_days_2025(day: date, is_working: bool) -> None:
    assert CAL.is_working_day(day) is is_working


def test_calendar_years_without_a_schedule_use_statutory_holidays() -> None:
    assert 2028 not in CAL.scheduled_years
    assert {2025, 2026, 2027} <= CAL.scheduled_years
    assert not CAL.is_working_day(date(2028, 1, 1))
    assert not CAL.is_working_day(date(2028, 5, 1))


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_calendar_data_files_cover_every_statutory_holiday(year: int) -> None:
    # The announced schedule alone must give every weekday holiday the package knows, so the
    # result does not depend on the installed version of ``holidays``.
    data_only = WorkCalendar(
        [s for s in _bundled_schedules() if s.year == year], public_holidays=False
    )
    package = holidays.country_holidays("VN", years=year)
    missing = [d for d in package if d.weekday() < 5 and data_only.is_working_day(d)]
    assert missing == []


def _bundled_schedules() -> list[YearSchedule]:
    names = [f"vn-{y}.json" for y in (2025, 2026, 2027)]
    return [load_schedule(json.dumps(_bundled_json(n)), origin=n) for n in names]


@pytest.mark.parametrize("name", ["vn-2025.json", "vn-2026.json", "vn-2027.json"])
def test_calendar_data_files_name_their_sources(name: str) -> None:
    raw = _bundled_json(name)
    assert "Bộ luật Lao động 2019" in str(raw["source"])
    assert str(raw["note"]).strip()
    entries = [*raw["days_off"], *raw["working_days"]]  # type: ignore[misc]
    assert all(e["basis"] and isinstance(e["certain"], bool) for e in entries)


# --- the data file wins --------------------------------------------------------------------------


def _province_file(
    tmp_path: Path, days_off: list[dict[str, str]], working: list[dict[str, str]]
) -> Path:
    path = tmp_path / "hai-phong-2026.json"
    content = {"year": 2026, "source": "thử nghiệm", "days_off": days_off, "working_days": working}
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def test_calendar_from_files_adds_a_province_day_off(tmp_path: Path) -> None:
    off = [{"from": "2026-05-13", "to": "2026-05-13", "reason": "Ngày nghỉ của thành phố"}]
    cal = WorkCalendar.from_files([_province_file(tmp_path, off, [])], include_bundled=True)
    assert cal.non_working_reason(date(2026, 5, 13)) == "Ngày nghỉ của thành phố"
    assert cal.non_working_reason(date(2026, 2, 17)) == "Tết Nguyên đán"


def test_calendar_data_file_wins_over_package(tmp_path: Path) -> None:
    working = [
        {"date": "2026-04-30", "reason": "Làm việc"},
        {"date": "2026-05-16", "reason": "Làm bù"},
    ]
    cal = WorkCalendar.from_files([_province_file(tmp_path, [], working)], include_bundled=True)
    assert cal.is_working_day(date(2026, 4, 30))  # a public holiday in the package
    assert cal.is_working_day(date(2026, 5, 16))  # a Saturday
    assert not cal.is_working_day(date(2026, 5, 17))


_WRONG_YEAR = {
    "year": 2026,
    "source": "x",
    "days_off": [],
    "working_days": [{"date": "2027-01-02", "reason": "x"}],
}
_BACKWARDS = {
    "year": 2026,
    "source": "x",
    "days_off": [{"from": "2026-02-20", "to": "2026-02-16", "reason": "x"}],
    "working_days": [],
}
_NO_SOURCE = {"year": 2026, "days_off": [], "working_days": []}


@pytest.mark.parametrize(
    "content",
    ["not json", "[]", *(json.dumps(c) for c in (_WRONG_YEAR, _BACKWARDS, _NO_SOURCE))],
)
def test_calendar_from_files_rejects_bad_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadArgument, match="bad.json"):
        WorkCalendar.from_files([path])


# --- working days --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 2, 12), 3, date(2026, 2, 24)),  # across Tết
        (date(2026, 2, 12), 0, date(2026, 2, 12)),
        (date(2026, 2, 14), 0, date(2026, 2, 23)),
        (date(2026, 2, 13), 1, date(2026, 2, 23)),
        (date(2025, 4, 25), 1, date(2025, 4, 26)),  # the make-up Saturday counts
        (date(2025, 12, 31), 1, date(2026, 1, 5)),
        (date(2026, 6, 30), 5, date(2026, 7, 7)),
    ],
)
def test_calendar_add_working_days(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


def test_calendar_add_working_days_rejects_negative() -> None:
    with pytest.raises(BadArgument):
        CAL.add_working_days(date(2026, 2, 12), -1)


def test_calendar_working_days_between_skips_tet() -> None:
    assert CAL.working_days_between(date(2026, 2, 12), date(2026, 2, 24)) == 3
    assert CAL.working_days_between(date(2026, 2, 24), date(2026, 2, 12)) == -3
    skipped = CAL.non_working_days(date(2026, 2, 12), date(2026, 2, 24))
    assert [d.day for d, _ in skipped] == [14, 15, 16, 17, 18, 19, 20, 21, 22]


def test_calendar_accepts_datetimes_as_days() -> None:
    assert not CAL.is_working_day(datetime(2026, 2, 17, 9, 0))


def test_calendar_working_day_on_or_before() -> None:
    assert CAL.working_day_on_or_before(date(2026, 2, 22)) == date(2026, 2, 13)
    assert CAL.working_day_on_or_before(date(2026, 2, 13)) == date(2026, 2, 13)


@PROPERTY
@given(days, st.integers(min_value=1, max_value=400))
def test_calendar_add_then_count_round_trips(start: date, n: int) -> None:
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@PROPERTY
@given(days)
def test_calendar_add_zero_working_days_is_the_day_or_the_next(start: date) -> None:
    result = CAL.add_working_days(start, 0)
    assert CAL.is_working_day(result)
    assert (result == start) is CAL.is_working_day(start)
    assert CAL.working_days_between(start, result) == (0 if result == start else 1)


@PROPERTY
@given(days, st.integers(min_value=0, max_value=400))
def test_calendar_add_working_days_lands_on_working_day(start: date, n: int) -> None:
    assert CAL.is_working_day(CAL.add_working_days(start, n))


@PROPERTY
@given(days, days, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_calendar_add_working_days_is_monotonic(a: date, b: date, m: int, n: int) -> None:
    a, b = min(a, b), max(a, b)
    m, n = min(m, n), max(m, n)
    assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)
    assert CAL.add_working_days(a, m) <= CAL.add_working_days(a, n)


@PROPERTY
@given(days, days, days)
def test_calendar_working_days_between_adds_up(a: date, b: date, c: date) -> None:
    total = CAL.working_days_between(a, b) + CAL.working_days_between(b, c)
    assert total == CAL.working_days_between(a, c)


# --- working hours -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (datetime(2026, 2, 13, 15, 0), 4, datetime(2026, 2, 23, 10, 0)),  # across Tết
        (datetime(2026, 2, 24, 9, 0), 4, datetime(2026, 2, 24, 14, 0)),  # over lunch
        (datetime(2026, 2, 24, 16, 0), 8, datetime(2026, 2, 25, 16, 0)),
        (datetime(2026, 2, 24, 8, 0), 4, datetime(2026, 2, 24, 12, 0)),
        (datetime(2026, 2, 24, 12, 30), 0, datetime(2026, 2, 24, 13, 0)),
        (datetime(2026, 2, 24, 10, 0), 0, datetime(2026, 2, 24, 10, 0)),
        (datetime(2026, 2, 24, 17, 0), 0, datetime(2026, 2, 25, 8, 0)),
        (datetime(2026, 2, 24, 6, 0), 1.5, datetime(2026, 2, 24, 9, 30)),
    ],
)
def test_calendar_add_working_hours(start: datetime, hours: float, expected: datetime) -> None:
    assert CAL.add_working_hours(start, hours) == expected


def test_calendar_add_working_hours_converts_aware_times_to_vietnam() -> None:
    start = datetime(2026, 2, 24, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội
    assert CAL.add_working_hours(start, 4) == datetime(2026, 2, 24, 14, 0, tzinfo=VIETNAM_TZ)


@pytest.mark.parametrize("hours", [-1.0, float("nan"), float("inf")])
def test_calendar_add_working_hours_rejects_bad_amounts(hours: float) -> None:
    with pytest.raises(BadArgument):
        CAL.add_working_hours(datetime(2026, 2, 24, 9, 0), hours)


def test_calendar_working_hours_are_configurable() -> None:
    cal = WorkCalendar(hours=((time(7, 30), time(11, 30)), (time(13, 30), time(16, 30))))
    assert cal.add_working_hours(datetime(2026, 2, 24, 7, 0), 4) == datetime(2026, 2, 24, 11, 30)
    assert cal.add_working_hours(datetime(2026, 2, 24, 11, 0), 1) == datetime(2026, 2, 24, 14, 0)


@pytest.mark.parametrize(
    "hours",
    [(), ((time(8), time(12)), (time(11), time(17))), ((time(13), time(12)),)],
)
def test_calendar_rejects_bad_working_hours(hours: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(BadArgument):
        WorkCalendar(hours=hours)


def test_calendar_working_hours_between() -> None:
    assert CAL.working_hours_between(datetime(2026, 2, 13, 15), datetime(2026, 2, 23, 10)) == 4
    assert CAL.working_hours_between(datetime(2026, 2, 23, 10), datetime(2026, 2, 13, 15)) == -4


@PROPERTY
@given(moments, working_hours)
def test_calendar_add_working_hours_lands_in_working_hours(start: datetime, hours: float) -> None:
    result = CAL.add_working_hours(start, hours)
    assert CAL.is_working_day(result.date())
    assert any(s <= result.time() <= e for s, e in CAL.hours)
    if hours == 0:
        assert CAL.is_working_time(result)


@PROPERTY
@given(moments, working_hours)
def test_calendar_add_then_count_working_hours_round_trips(start: datetime, hours: float) -> None:
    result = CAL.add_working_hours(start, hours)
    assert CAL.working_hours_between(start, result) == pytest.approx(hours, abs=1e-6)


@PROPERTY
@given(moments, moments, working_hours, working_hours)
def test_calendar_add_working_hours_is_monotonic(
    a: datetime, b: datetime, g: float, h: float
) -> None:
    a, b = min(a, b), max(a, b)
    g, h = min(g, h), max(g, h)
    assert CAL.add_working_hours(a, h) <= CAL.add_working_hours(b, h)
    assert CAL.add_working_hours(a, g) <= CAL.add_working_hours(a, h)
    assert CAL.add_working_hours(a, h) >= a


@PROPERTY
@given(moments, st.integers(min_value=1, max_value=30))
def test_calendar_working_hours_of_whole_days(start: datetime, n: int) -> None:
    # From a working day's opening, n working days of 8 hours end at the n-th day's close.
    opening = datetime.combine(CAL.add_working_days(start.date(), 0), time(8))
    end = CAL.add_working_hours(opening, 8 * n)
    assert end == datetime.combine(CAL.add_working_days(opening.date(), n - 1), time(17))
    assert end - opening >= timedelta(hours=8 * n)
