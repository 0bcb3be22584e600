"""Regulation clocks: when each step of following up an assigned task is due.

The numbers live in profiles, not in code: ``data/profiles/quy-che-08.json`` (the default,
Quy chế 08-QC/TW of the Secretariat) and ``data/profiles/hai-phong.json`` (the draft of the
Hải Phòng city committee); a province adds its own file and passes its path. Every clock in a
profile carries the article it comes from.

Under Quy chế 08 (Art. 6), a document issued on Thursday 12/02/2026 must be classified by
the Central Office within 3 working days, i.e. by 24/02/2026, since 14/02–22/02 is Tết; a task
sent at 09:00 on 24/02 must be acknowledged within 4 working hours (14:00) and objected to
within 8 more (14:00 on 25/02).

Nothing here reads the clock: "now" is always an argument.
"""

from __future__ import annotations

import calendar as _gregorian
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from extraction.calendar import VIETNAM_TZ, WorkCalendar
from extraction.errors import BadArgument

__all__ = [
    "Checkpoint",
    "ClockReport",
    "ClockRule",
    "Due",
    "RegulationProfile",
    "Roll",
    "TaskClocks",
    "TaskStatus",
    "Unit",
    "bundled_profiles",
    "clock_report",
    "document_clocks",
    "load_profile",
    "parse_profile",
    "task_clocks",
    "task_status",
]

_PROFILES = "data/profiles"


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    DAYS = "days"


class Roll(StrEnum):
    """Where a checkpoint that falls on a day off moves to."""

    FORWARD = "forward"  # the next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5)
    BACKWARD = "backward"  # the last working day before it
    NONE = "none"


class TaskStatus(StrEnum):
    """The warnings of Quy chế 08 Art. 18.1.d: đến hạn, sắp quá hạn, quá hạn."""

    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    NEARLY_OVERDUE = "nearly_overdue"
    OVERDUE = "overdue"
    NO_DEADLINE = "no_deadline"


# --- the profile ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClockRule:
    """One time limit, e.g. 3 working days (Quy chế 08, Điều 6 khoản 1 điểm a)."""

    amount: float
    unit: Unit
    label: str
    article: str


@dataclass(frozen=True, slots=True)
class CheckpointRule:
    """An update due after ``fraction`` of the task's time has passed (½, ¾)."""

    fraction: float
    label: str


@dataclass(frozen=True, slots=True)
class UpdateBand:
    """The update schedule of tasks shorter than ``below_months`` (Quy chế 08 Art. 6.2.b)."""

    below_months: int
    checkpoints: tuple[CheckpointRule, ...]
    final: ClockRule
    article: str


@dataclass(frozen=True, slots=True)
class MonthlyDates:
    """A day in some months: ``day=None`` is the month's last day."""

    months: tuple[int, ...]
    day: int | None

    def between(self, a: date, b: date) -> Iterator[date]:
        """The dates in ``(a, b]``, in order."""
        y, m = a.year, a.month
        while (y, m) <= (b.year, b.month):
            if m in self.months:
                last = _gregorian.monthrange(y, m)[1]
                d = date(y, m, min(self.day or last, last))
                if a < d <= b:
                    yield d
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)


@dataclass(frozen=True, slots=True)
class PeriodicRule:
    """Regular updates (monthly, quarterly), with an optional update at the end."""

    when: MonthlyDates
    roll: Roll
    label: str
    article: str
    final: ClockRule | None


@dataclass(frozen=True, slots=True)
class ReportRule:
    """A regular report of the office, e.g. 07:00 on the 1st (Hải Phòng draft, Art. 6.1.c)."""

    when: MonthlyDates
    at: time | None
    label: str
    article: str


@dataclass(frozen=True, slots=True)
class StatusRule:
    """Working days left at which a task turns ``due_soon`` and ``nearly_overdue``."""

    due_soon_working_days: int
    nearly_overdue_working_days: int
    article: str


@dataclass(frozen=True, slots=True)
class RegulationProfile:
    """The clocks of one regulation; a ``None`` clock is one the regulation does not set."""

    name: str
    title: str
    source: str
    note: str
    classification: ClockRule | None
    acknowledgement: ClockRule | None
    objection: ClockRule | None
    feedback: ClockRule | None
    evaluation: ClockRule | None
    overdue_reminder: ClockRule | None
    silence_reminder: ClockRule | None
    bands: tuple[UpdateBand, ...]
    periodic_with_deadline: PeriodicRule | None
    periodic_without_deadline: PeriodicRule | None
    checkpoint_roll: Roll
    horizon_months: int
    status: StatusRule
    reports: tuple[ReportRule, ...]


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Due:
    """When one clock runs out, and the days off it skipped on the way."""

    key: str
    rule: ClockRule
    start: date | datetime
    due: date | datetime
    skipped: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """An update the lead body owes, and what follows it.

    ``kind`` is progress (½, ¾), final (after the deadline) or periodic (monthly,
    quarterly). ``evaluation_due`` is the monitoring body's deadline (Quy chế 08 Art. 6.3);
    ``reminder_due`` the day a reminder goes out if no report came (Hải Phòng Art. 8.1.d).
    """

    due: date
    label: str
    article: str
    kind: str
    evaluation_due: date | None = None
    reminder_due: date | None = None


@dataclass(frozen=True, slots=True)
class TaskClocks:
    """Every clock of one assigned task; ``assigned`` is a date when the hour is unknown."""

    assigned: datetime | date
    deadline: date | None
    acknowledgement_due: datetime | None
    objection_due: datetime | None
    feedback_due: date | None
    checkpoints: tuple[Checkpoint, ...]
    overdue_reminder_due: date | None

    @property
    def evaluation_dues(self) -> tuple[date, ...]:
        return tuple(c.evaluation_due for c in self.checkpoints if c.evaluation_due is not None)

    def to_json(self) -> dict[str, Any]:
        """Every clock of the task with ISO dates; clocks that do not apply are null."""
        def iso(value: date | datetime | None) -> str | None:
            return value.isoformat() if value is not None else None

        return {
            **_task_json(self),
            "acknowledgement_due": iso(self.acknowledgement_due),
            "objection_due": iso(self.objection_due),
            "feedback_due": iso(self.feedback_due),
            "overdue_reminder_due": iso(self.overdue_reminder_due),
        }


@dataclass(frozen=True, slots=True)
class ClockReport:
    """What ``giaoviec clocks`` shows: the document's and, if asked, one task's clocks."""

    profile: RegulationProfile
    issued: date
    dues: tuple[Due, ...]
    task: TaskClocks | None
    status: TaskStatus | None
    reports: tuple[tuple[date | datetime, ReportRule], ...]
    unscheduled_years: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form: English keys, ISO dates, labels as the profile gives them."""
        return {
            "profile": {"name": self.profile.name, "title": self.profile.title},
            "issued": self.issued.isoformat(),
            "dues": [_due_json(d) for d in self.dues],
            "task": _task_json(self.task) if self.task else None,
            "status": self.status.value if self.status else None,
            "reports": [
                {"at": at.isoformat(), "label": r.label, "article": r.article}
                for at, r in self.reports
            ],
            "unscheduled_years": list(self.unscheduled_years),
        }


# --- clocks --------------------------------------------------------------------------------


def document_clocks(
    issued: date, *, profile: RegulationProfile, calendar: WorkCalendar
) -> dict[str, Due]:
    """The clocks that start when a document is issued (Quy chế 08 Art. 6.1.a).

    Issued 12/02/2026 → ``{"classification": Due(..., due=date(2026, 2, 24))}``.
    """
    if profile.classification is None:
        return {}
    due = _run(profile.classification, issued, calendar)
    return {"classification": _due("classification", profile.classification, issued, due, calendar)}


def task_clocks(
    *,
    assigned: datetime | date,
    deadline: date | None,
    profile: RegulationProfile,
    calendar: WorkCalendar,
    acknowledged: datetime | None = None,
    feedback_received: datetime | None = None,
) -> TaskClocks:
    """The clocks of a task sent to its lead body at ``assigned`` (Quy chế 08 Art. 6.2–6.3).

    The objection clock runs from ``acknowledged`` or, if unknown, from the acknowledgement
    deadline; the feedback clock from ``feedback_received`` or the objection deadline. When
    only the day of assignment is known (a ``date``), the clocks in hours stay None.
    """
    start = _day(assigned)
    if deadline is not None and deadline < start:
        raise BadArgument(f"the deadline {deadline} is before the assignment {start}")
    moment = assigned if isinstance(assigned, datetime) else None
    ack = _run_hours(profile.acknowledgement, moment, calendar)
    objection = _run_hours(profile.objection, acknowledged or ack, calendar)
    feedback = _run_days(profile.feedback, feedback_received or objection, calendar)
    return TaskClocks(
        assigned=assigned,
        deadline=deadline,
        acknowledgement_due=ack,
        objection_due=objection,
        feedback_due=feedback,
        checkpoints=_checkpoints(start, deadline, profile, calendar),
        overdue_reminder_due=_run_days(profile.overdue_reminder, deadline, calendar),
    )


def task_status(
    target: TaskClocks | date | None,
    *,
    now: datetime,
    profile: RegulationProfile,
    calendar: WorkCalendar,
) -> TaskStatus:
    """Where a task stands against its deadline (Quy chế 08 Art. 18.1.d).

    The deadline day counts as on time until it ends. With 5 working days left a task is
    "đến hạn" (``due_soon``); on its last working day, "sắp quá hạn" (``nearly_overdue``).
    """
    deadline = target.deadline if isinstance(target, TaskClocks) else target
    if deadline is None:
        return TaskStatus.NO_DEADLINE
    today = (now.astimezone(VIETNAM_TZ) if now.tzinfo else now).date()
    if today > deadline:
        return TaskStatus.OVERDUE
    left = calendar.working_days_between(today, deadline)
    if left <= profile.status.nearly_overdue_working_days:
        return TaskStatus.NEARLY_OVERDUE
    if left <= profile.status.due_soon_working_days:
        return TaskStatus.DUE_SOON
    return TaskStatus.ON_TRACK


def clock_report(
    *,
    issued: date,
    profile: RegulationProfile,
    calendar: WorkCalendar,
    assigned: datetime | None = None,
    deadline: date | None = None,
    now: datetime | None = None,
) -> ClockReport:
    """Everything ``giaoviec clocks`` prints for a document issued on ``issued``.

    Task clocks are added when ``assigned`` or ``deadline`` is given; without ``assigned``
    the task's time runs from the issue day and the clocks in hours are left out.
    """
    dues = list(document_clocks(issued, profile=profile, calendar=calendar).values())
    task = None
    if assigned is not None or deadline is not None:
        sent = assigned or issued
        task = task_clocks(assigned=sent, deadline=deadline, profile=profile, calendar=calendar)
        dues.extend(_task_dues(task, profile, calendar))
    status = None
    if task is not None and now is not None:
        status = task_status(task, now=now, profile=profile, calendar=calendar)
    return ClockReport(
        profile=profile,
        issued=issued,
        dues=tuple(dues),
        task=task,
        status=status,
        reports=_next_reports(issued, profile),
        unscheduled_years=_unscheduled_years(issued, dues, task, calendar),
    )


def _task_dues(task: TaskClocks, profile: RegulationProfile, calendar: WorkCalendar) -> list[Due]:
    """The task's single clocks as ``Due`` rows, each from the moment it starts."""
    rows: list[tuple[str, ClockRule | None, date | datetime | None, date | datetime | None]] = [
        ("acknowledgement", profile.acknowledgement, task.assigned, task.acknowledgement_due),
        ("objection", profile.objection, task.acknowledgement_due, task.objection_due),
        ("feedback", profile.feedback, task.objection_due, task.feedback_due),
        ("overdue_reminder", profile.overdue_reminder, task.deadline, task.overdue_reminder_due),
    ]
    return [
        _due(key, rule, start, due, calendar)
        for key, rule, start, due in rows
        if rule is not None and start is not None and due is not None
    ]


def _due(
    key: str, rule: ClockRule, start: date | datetime, due: date | datetime, calendar: WorkCalendar
) -> Due:
    skipped = calendar.non_working_days(_day(start), _day(due))
    return Due(key=key, rule=rule, start=start, due=due, skipped=skipped)


# --- checkpoints ---------------------------------------------------------------------------


def _checkpoints(
    start: date, deadline: date | None, profile: RegulationProfile, calendar: WorkCalendar
) -> tuple[Checkpoint, ...]:
    if deadline is None:
        points = _periodic(start, None, profile.periodic_without_deadline, profile, calendar)
    elif (band := _band(start, deadline, profile)) is not None:
        points = _banded(start, deadline, band, profile, calendar)
    else:
        points = _periodic(start, deadline, profile.periodic_with_deadline, profile, calendar)
    return tuple(_follow_up(p, deadline, profile, calendar) for p in points)


def _band(start: date, deadline: date, profile: RegulationProfile) -> UpdateBand | None:
    """The band of Quy chế 08 Art. 6.2.b(1)–(3) the task's length falls in, if any."""
    for band in sorted(profile.bands, key=lambda b: b.below_months):
        if deadline < _add_months(start, band.below_months):
            return band
    return None


def _banded(
    start: date,
    deadline: date,
    band: UpdateBand,
    profile: RegulationProfile,
    calendar: WorkCalendar,
) -> list[Checkpoint]:
    """½ and ¾ of the time (calendar days, rounded up), then the final update."""
    span = (deadline - start).days
    points = [
        Checkpoint(
            due=_roll(
                start + timedelta(days=math.ceil(span * cp.fraction)),
                profile.checkpoint_roll,
                calendar,
            ),
            label=cp.label,
            article=band.article,
            kind="progress",
        )
        for cp in band.checkpoints
    ]
    final = _run(band.final, deadline, calendar)
    return [*points, Checkpoint(_day(final), band.final.label, band.final.article, "final")]


def _periodic(
    start: date,
    deadline: date | None,
    rule: PeriodicRule | None,
    profile: RegulationProfile,
    calendar: WorkCalendar,
) -> list[Checkpoint]:
    """Regular updates until the deadline (or the profile's horizon), then the final one."""
    if rule is None:
        return []
    end = deadline or _add_months(start, profile.horizon_months)
    final = _run_days(rule.final, deadline, calendar)
    # The final update replaces the regular ones that would fall on or after the deadline.
    cutoff = deadline if final is not None and deadline is not None else date.max
    days = sorted({_roll(d, rule.roll, calendar) for d in rule.when.between(start, end)})
    points = [
        Checkpoint(d, rule.label, rule.article, "periodic") for d in days if start < d < cutoff
    ]
    if final is not None and rule.final is not None:
        points.append(Checkpoint(final, rule.final.label, rule.final.article, "final"))
    return points


def _follow_up(
    point: Checkpoint, deadline: date | None, profile: RegulationProfile, calendar: WorkCalendar
) -> Checkpoint:
    """Add the monitoring body's evaluation (Art. 6.3) and the silence reminder (HP Art. 8.1.d)."""
    silence = profile.silence_reminder if deadline is None else None
    return Checkpoint(
        due=point.due,
        label=point.label,
        article=point.article,
        kind=point.kind,
        evaluation_due=_run_days(profile.evaluation, point.due, calendar),
        reminder_due=_run_days(silence, point.due, calendar),
    )


def _next_reports(
    issued: date, profile: RegulationProfile
) -> tuple[tuple[date | datetime, ReportRule], ...]:
    """The first occurrence of each regular report after the issue day."""
    found: list[tuple[date | datetime, ReportRule]] = []
    for rule in profile.reports:
        day = next(rule.when.between(issued, _add_months(issued, 12)), None)
        if day is not None:
            found.append((datetime.combine(day, rule.at) if rule.at else day, rule))
    return tuple(found)


def _unscheduled_years(
    issued: date, dues: list[Due], task: TaskClocks | None, calendar: WorkCalendar
) -> tuple[int, ...]:
    """Years the report touches that have no announced schedule (statutory holidays only)."""
    days = [issued, *(_day(d.due) for d in dues)]
    if task is not None:
        days.extend(c.due for c in task.checkpoints)
        days.extend([task.deadline] if task.deadline else [])
    years = range(min(days).year, max(days).year + 1)
    return tuple(y for y in years if y not in calendar.scheduled_years)


# --- running one clock ---------------------------------------------------------------------


def _run(rule: ClockRule, start: date | datetime, calendar: WorkCalendar) -> date | datetime:
    if rule.unit is Unit.WORKING_HOURS:
        if not isinstance(start, datetime):
            raise BadArgument(f"{rule.article}: a clock in working hours needs a start time")
        return calendar.add_working_hours(start, rule.amount)
    if rule.unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(_day(start), int(rule.amount))
    return _day(start) + timedelta(days=int(rule.amount))


def _run_hours(
    rule: ClockRule | None, start: datetime | None, calendar: WorkCalendar
) -> datetime | None:
    if rule is None or start is None:
        return None
    result = _run(rule, start, calendar)
    return result if isinstance(result, datetime) else datetime.combine(result, time.max)


def _run_days(
    rule: ClockRule | None, start: date | datetime | None, calendar: WorkCalendar
) -> date | None:
    if rule is None or start is None:
        return None
    return _day(_run(rule, start, calendar))


def _roll(d: date, roll: Roll, calendar: WorkCalendar) -> date:
    if roll is Roll.FORWARD:
        return calendar.add_working_days(d, 0)
    if roll is Roll.BACKWARD:
        return calendar.working_day_on_or_before(d)
    return d


def _add_months(d: date, months: int) -> date:
    """Same day ``months`` later, or that month's last day (31/01 + 1 month → 28/02)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, _gregorian.monthrange(year, month)[1]))


def _day(t: date | datetime) -> date:
    return t.date() if isinstance(t, datetime) else t


# --- loading profiles ----------------------------------------------------------------------


def bundled_profiles() -> tuple[str, ...]:
    """Names of the bundled profiles, e.g. ``("hai-phong", "quy-che-08")``."""
    folder = resources.files("extraction").joinpath(_PROFILES)
    return tuple(
        sorted(f.name.removesuffix(".json") for f in folder.iterdir() if f.name.endswith(".json"))
    )


def load_profile(name_or_path: str = "quy-che-08") -> RegulationProfile:
    """A bundled profile by name (``"hai-phong"``) or a province's own JSON file by path."""
    if re.fullmatch(r"[a-z0-9-]+", name_or_path) and name_or_path in bundled_profiles():
        return _bundled_profile(name_or_path)
    path = Path(name_or_path)
    if not path.is_file():
        known = ", ".join(bundled_profiles())
        raise BadArgument(f"unknown profile {name_or_path!r}: use one of {known} or a JSON file")
    return parse_profile(path.read_text(encoding="utf-8"), origin=str(path))


@cache
def _bundled_profile(name: str) -> RegulationProfile:
    text = (
        resources.files("extraction")
        .joinpath(f"{_PROFILES}/{name}.json")
        .read_text(encoding="utf-8")
    )
    return parse_profile(text, origin=f"{name}.json")


def parse_profile(text: str, *, origin: str = "<string>") -> RegulationProfile:
    """Parse a profile (the JSON of ``data/profiles/quy-che-08.json``)."""
    try:
        raw = json.loads(text)
        return _profile(raw)
    except (KeyError, TypeError, ValueError, AttributeError) as e:  # JSONDecodeError too
        raise BadArgument(f"{origin}: not a valid regulation profile ({e!r})") from e


def _profile(raw: dict[str, Any]) -> RegulationProfile:
    clocks, updates = raw["clocks"], raw["updates"]
    return RegulationProfile(
        name=str(raw["name"]),
        title=str(raw["title"]),
        source=str(raw["source"]),
        note=str(raw.get("note", "")),
        classification=_clock(clocks["classification"]),
        acknowledgement=_clock(clocks["acknowledgement"]),
        objection=_clock(clocks["objection"]),
        feedback=_clock(clocks["feedback"]),
        evaluation=_clock(clocks["evaluation"]),
        overdue_reminder=_clock(clocks["overdue_reminder"]),
        silence_reminder=_clock(clocks["silence_reminder"]),
        bands=tuple(_update_band(b) for b in updates["bands"]),
        periodic_with_deadline=_periodic_rule(updates["periodic_with_deadline"]),
        periodic_without_deadline=_periodic_rule(updates["periodic_without_deadline"]),
        checkpoint_roll=Roll(updates["checkpoint_roll"]),
        horizon_months=int(updates["horizon_months"]),
        status=StatusRule(
            due_soon_working_days=int(raw["status"]["due_soon_working_days"]),
            nearly_overdue_working_days=int(raw["status"]["nearly_overdue_working_days"]),
            article=str(raw["status"]["article"]),
        ),
        reports=tuple(_report_rule(r) for r in raw["reports"]),
    )


def _clock(raw: dict[str, Any] | None) -> ClockRule | None:
    if raw is None:
        return None
    rule = ClockRule(
        float(raw["amount"]), Unit(raw["unit"]), str(raw["label"]), str(raw["article"])
    )
    if rule.amount < 0 or (rule.unit is not Unit.WORKING_HOURS and not rule.amount.is_integer()):
        raise ValueError(f"{rule.article}: {rule.amount} {rule.unit} is not a valid time limit")
    return rule


def _update_band(raw: dict[str, Any]) -> UpdateBand:
    final = _clock(raw["final"])
    if final is None:
        raise ValueError("an update band needs a final update")
    points = tuple(
        CheckpointRule(float(c["fraction"]), str(c["label"])) for c in raw["checkpoints"]
    )
    return UpdateBand(int(raw["below_months"]), points, final, str(raw["article"]))


def _periodic_rule(raw: dict[str, Any] | None) -> PeriodicRule | None:
    if raw is None:
        return None
    when = _monthly_dates(raw["months"], raw["day"])
    return PeriodicRule(
        when, Roll(raw["roll"]), str(raw["label"]), str(raw["article"]), _clock(raw["final"])
    )


def _report_rule(raw: dict[str, Any]) -> ReportRule:
    at = time.fromisoformat(raw["at"]) if raw.get("at") else None
    return ReportRule(
        _monthly_dates(raw["months"], raw["day"]), at, str(raw["label"]), str(raw["article"])
    )


_MONTH_SETS = {
    "all": tuple(range(1, 13)),
    "quarter_end": (3, 6, 9, 12),
    "quarter_start": (1, 4, 7, 10),
}


def _monthly_dates(months: str | list[int], day: str | int) -> MonthlyDates:
    chosen = _MONTH_SETS[months] if isinstance(months, str) else tuple(int(m) for m in months)
    if not chosen or not all(1 <= m <= 12 for m in chosen):
        raise ValueError(f"months must be within 1–12: {months}")
    if day != "last" and not 1 <= int(day) <= 31:
        raise ValueError(f"day must be 1–31 or 'last': {day}")
    return MonthlyDates(chosen, None if day == "last" else int(day))


# --- JSON ----------------------------------------------------------------------------------


def _due_json(due: Due) -> dict[str, Any]:
    return {
        "key": due.key,
        "label": due.rule.label,
        "article": due.rule.article,
        "amount": int(due.rule.amount) if due.rule.amount.is_integer() else due.rule.amount,
        "unit": due.rule.unit.value,
        "start": due.start.isoformat(),
        "due": due.due.isoformat(),
        "skipped": [{"date": d.isoformat(), "reason": r} for d, r in due.skipped],
    }


def _task_json(task: TaskClocks) -> dict[str, Any]:
    return {
        "assigned": task.assigned.isoformat(),
        "deadline": task.deadline.isoformat() if task.deadline else None,
        "checkpoints": [
            {
                "due": c.due.isoformat(),
                "label": c.label,
                "article": c.article,
                "kind": c.kind,
                "evaluation_due": c.evaluation_due.isoformat() if c.evaluation_due else None,
                "reminder_due": c.reminder_due.isoformat() if c.reminder_due else None,
            }
            for c in task.checkpoints
        ],
    }
