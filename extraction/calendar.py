"""Working days and working hours of Vietnamese Party and State offices.

A day is a working day unless it is a weekly rest day (thứ Bảy, Chủ nhật: Quyết định
188/1999/QĐ-TTg), a public holiday (Bộ luật Lao động 2019, Điều 112, via the ``holidays``
package) or a day off announced for the year (``data/calendar/vn-YYYY.json``: extra Tết days,
swapped days). The announced schedule wins over both: a make-up Saturday (ngày làm bù) is a
working day. Working hours come from ``data/calendar/week.json`` (08:00–12:00, 13:00–17:00)
unless ``hours`` is given.

Times are Vietnamese wall-clock time (UTC+7, no daylight saving): a naive ``datetime`` is read
as such, an aware one is converted to UTC+7 first. Nothing here reads the clock.

Example: a document issued on Thursday 12/02/2026 reaches its 3rd working day on 24/02/2026,
because 14/02–22/02/2026 is the Tết holiday::

    >>> default_calendar().add_working_days(date(2026, 2, 12), 3)
    datetime.date(2026, 2, 24)
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from extraction.errors import BadArgument

__all__ = [
    "VIETNAM_TZ",
    "WeekRule",
    "WorkCalendar",
    "YearSchedule",
    "default_calendar",
    "load_schedule",
    "load_week_rule",
]

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")

Hours = tuple[tuple[time, time], ...]

# A calendar with no working day in ten years is misconfigured; stop instead of looping.
_MAX_GAP_DAYS = 3660
_DATA = "data/calendar"


@dataclass(frozen=True, slots=True)
class WeekRule:
    """Weekly rest days (``date.weekday()`` → name) and the default working hours."""

    rest_days: tuple[tuple[int, str], ...]
    hours: Hours
    source: str


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """The announced days off and make-up working days of one year.

    ``days_off`` and ``working_days`` pair a date with the reason shown to officers, e.g.
    ``(date(2026, 1, 10), "Làm bù cho thứ Sáu 02/01/2026")``.
    """

    year: int
    source: str
    note: str
    days_off: tuple[tuple[date, str], ...]
    working_days: tuple[tuple[date, str], ...]


class WorkCalendar:
    """Answers "is this a working day?" and counts working days and hours.

    ``schedules`` are applied in order, so a later file overrides an earlier one on the same
    date. ``public_holidays=False`` leaves out the ``holidays`` package, for a province that
    lists every day off itself.
    """

    def __init__(
        self,
        schedules: Iterable[YearSchedule] = (),
        *,
        hours: Sequence[tuple[time, time]] | None = None,
        week: WeekRule | None = None,
        public_holidays: bool = True,
    ) -> None:
        self._week = week or _bundled_week_rule()
        self._rest_days = dict(self._week.rest_days)
        self._hours = _check_hours(tuple(hours) if hours is not None else self._week.hours)
        self._overrides: dict[date, str | None] = {}
        self._years: set[int] = set()
        for schedule in schedules:
            self._apply(schedule)
        self._public = _public_holidays() if public_holidays else None

    @classmethod
    def from_files(
        cls,
        paths: Iterable[str | Path],
        *,
        hours: Sequence[tuple[time, time]] | None = None,
        include_bundled: bool = False,
    ) -> WorkCalendar:
        """A calendar from a province's own ``vn-YYYY.json``-style files.

        With ``include_bundled`` the national files are read first and the given ones win.
        """
        own = [load_schedule(Path(p).read_text(encoding="utf-8"), origin=str(p)) for p in paths]
        bundled = list(_bundled_schedules()) if include_bundled else []
        return cls([*bundled, *own], hours=hours)

    def _apply(self, schedule: YearSchedule) -> None:
        self._years.add(schedule.year)
        for day, reason in schedule.days_off:
            self._overrides[day] = reason
        for day, _ in schedule.working_days:
            self._overrides[day] = None

    @property
    def hours(self) -> Hours:
        """The working periods of a working day, e.g. ``((08:00, 12:00), (13:00, 17:00))``."""
        return self._hours

    @property
    def scheduled_years(self) -> frozenset[int]:
        """Years with an announced schedule; other years use the statutory holidays only."""
        return frozenset(self._years)

    # --- days ----------------------------------------------------------------------------

    def non_working_reason(self, d: date) -> str | None:
        """Why ``d`` is not a working day, or None when it is one.

        >>> default_calendar().non_working_reason(date(2026, 2, 17))
        'Tết Nguyên đán'
        """
        d = _as_date(d)
        if d in self._overrides and self._overrides[d] is None:
            return None  # a make-up working day (ngày làm bù) wins over the weekend
        rest = self._rest_days.get(d.weekday())
        if rest is not None:
            return rest
        announced = self._overrides.get(d)
        if announced is not None:
            return announced
        return self._public.get(d) if self._public is not None else None

    def is_working_day(self, d: date) -> bool:
        return self.non_working_reason(d) is None

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d``; for ``n == 0``, ``d`` or the next working day.

        "Trong thời hạn 3 ngày làm việc" from Thursday 12/02/2026 ends on 24/02/2026.
        """
        if n < 0:
            raise BadArgument(f"the number of working days must be 0 or more, not {n}")
        d = _as_date(d)
        days = self._working_days_from(d if n == 0 else d + timedelta(days=1))
        for _ in range(max(n, 1) - 1):
            next(days)
        return next(days)

    def working_days_between(self, a: date, b: date) -> int:
        """How many working days lie in ``(a, b]``; negative when ``b`` is before ``a``."""
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        return sum(self.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))

    def working_day_on_or_before(self, d: date) -> date:
        """``d`` if it is a working day, else the last working day before it."""
        d = _as_date(d)
        for i in range(_MAX_GAP_DAYS):
            if self.is_working_day(d - timedelta(days=i)):
                return d - timedelta(days=i)
        raise BadArgument(f"no working day in the {_MAX_GAP_DAYS} days before {d}")

    def non_working_days(self, a: date, b: date) -> tuple[tuple[date, str], ...]:
        """The days in ``(a, b]`` that are not working days, each with its reason."""
        a, b = _as_date(a), _as_date(b)
        days = (a + timedelta(days=i) for i in range(1, (b - a).days + 1))
        return tuple((d, r) for d in days if (r := self.non_working_reason(d)) is not None)

    def _working_days_from(self, d: date) -> Iterator[date]:
        """Working days on or after ``d``, in order, without end."""
        gap = 0
        while gap < _MAX_GAP_DAYS:
            if self.is_working_day(d):
                gap = 0
                yield d
            else:
                gap += 1
            d += timedelta(days=1)
        raise BadArgument(f"no working day in the {_MAX_GAP_DAYS} days up to {d}")

    # --- hours ---------------------------------------------------------------------------

    def is_working_time(self, t: datetime) -> bool:
        """Whether ``t`` falls on a working day inside a working period ``[start, end)``."""
        t = _local(t)
        return self.is_working_day(t.date()) and any(s <= t.time() < e for s, e in self._hours)

    def add_working_hours(self, t: datetime, hours: float) -> datetime:
        """The moment when ``hours`` working hours have passed since ``t``.

        "Xác nhận tiếp nhận trong thời hạn 4 giờ làm việc": a task sent at 15:00 on Friday
        13/02/2026 must be acknowledged by 10:00 on Monday 23/02/2026 (after Tết). With
        ``hours == 0`` the result is ``t`` itself in working time, else the next opening.
        """
        if not (math.isfinite(hours) and hours >= 0):
            raise BadArgument(f"the number of working hours must be 0 or more, not {hours}")
        t = _local(t)
        remaining = timedelta(hours=hours)
        for start, end in self._working_periods_from(t):
            begin = max(start, t)
            if remaining <= end - begin:
                return begin + remaining
            remaining -= end - begin
        raise AssertionError("unreachable: _working_periods_from never ends")

    def working_hours_between(self, a: datetime, b: datetime) -> float:
        """Working hours between ``a`` and ``b``; negative when ``b`` is before ``a``."""
        a, b = _local(a), _local(b)
        if b < a:
            return -self.working_hours_between(b, a)
        total = timedelta(0)
        for start, end in self._working_periods_from(a):
            if start >= b:
                break
            total += min(end, b) - max(start, a)
        return total / timedelta(hours=1)

    def _working_periods_from(self, t: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working periods that end after ``t``, in order, without end."""
        for day in self._working_days_from(t.date()):
            for s, e in self._hours:
                end = datetime.combine(day, e, tzinfo=t.tzinfo)
                if end > t:
                    yield datetime.combine(day, s, tzinfo=t.tzinfo), end


@cache
def default_calendar() -> WorkCalendar:
    """The national calendar: the bundled weekly rule and every bundled ``vn-YYYY.json``."""
    return WorkCalendar(_bundled_schedules())


# --- loading -----------------------------------------------------------------------------------


def load_schedule(text: str, *, origin: str = "<string>") -> YearSchedule:
    """Parse one year's schedule (the JSON of ``data/calendar/vn-2026.json``)."""
    raw = _parse_json(text, origin)
    try:
        year = int(raw["year"])
        days_off = tuple(pair for entry in raw["days_off"] for pair in _expand_range(entry, origin))
        working = tuple(
            (date.fromisoformat(e["date"]), str(e["reason"])) for e in raw["working_days"]
        )
        schedule = YearSchedule(
            year, str(raw["source"]), str(raw.get("note", "")), days_off, working
        )
    except (KeyError, TypeError, ValueError) as e:
        raise BadArgument(f"{origin}: not a valid calendar file ({e!r})") from e
    _check_year(schedule, origin)
    return schedule


def load_week_rule(text: str, *, origin: str = "<string>") -> WeekRule:
    """Parse the weekly rule (the JSON of ``data/calendar/week.json``)."""
    raw = _parse_json(text, origin)
    try:
        rest = tuple(sorted((int(k), str(v)) for k, v in raw["rest_days"].items()))
        hours = tuple((time.fromisoformat(s), time.fromisoformat(e)) for s, e in raw["hours"])
        return WeekRule(rest, _check_hours(hours), str(raw["source"]))
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise BadArgument(f"{origin}: not a valid weekly rule ({e!r})") from e


def _parse_json(text: str, origin: str) -> dict[str, Any]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise BadArgument(f"{origin}: not valid JSON ({e})") from e
    if not isinstance(raw, dict):
        raise BadArgument(f"{origin}: expected a JSON object")
    return raw


def _expand_range(entry: dict[str, Any], origin: str) -> Iterator[tuple[date, str]]:
    first, last = date.fromisoformat(entry["from"]), date.fromisoformat(entry["to"])
    if last < first:
        raise BadArgument(f"{origin}: day-off range ends before it starts ({first} > {last})")
    for i in range((last - first).days + 1):
        yield first + timedelta(days=i), str(entry["reason"])


def _check_year(schedule: YearSchedule, origin: str) -> None:
    for d, _ in (*schedule.days_off, *schedule.working_days):
        if d.year != schedule.year:
            raise BadArgument(f"{origin}: {d} is not in {schedule.year}")


def _check_hours(hours: Hours) -> Hours:
    """Working periods must be non-empty, ordered and must not overlap."""
    if not hours:
        raise BadArgument("a working day needs at least one working period")
    previous_end = time.min
    for start, end in hours:
        if not previous_end <= start < end:
            raise BadArgument(f"working periods must be ordered and not overlap: {hours}")
        previous_end = end
    return hours


def _read_bundled(name: str) -> str:
    return resources.files("extraction").joinpath(f"{_DATA}/{name}").read_text(encoding="utf-8")


@cache
def _bundled_week_rule() -> WeekRule:
    return load_week_rule(_read_bundled("week.json"), origin="week.json")


@cache
def _bundled_schedules() -> tuple[YearSchedule, ...]:
    folder = resources.files("extraction").joinpath(_DATA)
    names = sorted(f.name for f in folder.iterdir() if f.name.startswith("vn-"))
    return tuple(load_schedule(_read_bundled(n), origin=n) for n in names)


def _as_date(d: date) -> date:
    # A datetime is a date, but it never equals one: compare days as plain dates.
    return d.date() if isinstance(d, datetime) else d


def _local(t: datetime) -> datetime:
    return t if t.tzinfo is None else t.astimezone(VIETNAM_TZ)


def _public_holidays() -> Any:
    """The statutory holidays of Viet Nam from the ``holidays`` package, imported here rather
    than at the top: the package takes 0.1 s to import, and extracting a document builds no
    calendar (only the service and the clocks do)."""
    import holidays

    return holidays.country_holidays("VN", language="vi")
