"""Tests for extraction/clocks.py: the time limits of Quy chế 08-QC/TW and of Hải Phòng."""

from __future__ import annotations

import dataclasses
import inspect
import json
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import clocks
from extraction.calendar import default_calendar
from extraction.clocks import (
    ClockRule,
    RegulationProfile,
    TaskStatus,
    clock_report,
    document_clocks,
    load_profile,
    task_clocks,
    task_status,
)
from extraction.errors import BadArgument

CAL = default_calendar()
Q08 = load_profile("quy-che-08")
HP = load_profile("hai-phong")


def _rules(profile: RegulationProfile) -> list[ClockRule]:
    fields = ("classification", "acknowledgement", "objection", "feedback", "evaluation")
    single = [getattr(profile, f) for f in (*fields, "overdue_reminder", "silence_reminder")]
    bands = [b.final for b in profile.bands]
    periodic = [profile.periodic_with_deadline, profile.periodic_without_deadline]
    finals = [p.final for p in periodic if p is not None]
    return [r for r in (*single, *bands, *finals) if r is not None]


# --- the profiles --------------------------------------------------------------------------------


def test_clocks_default_profile_is_quy_che_08() -> None:
    assert load_profile() is Q08
    assert Q08.name == "quy-che-08"
    assert {"quy-che-08", "hai-phong"} <= set(clocks.bundled_profiles())


@pytest.mark.parametrize("profile", [Q08, HP], ids=["quy-che-08", "hai-phong"])
def test_clocks_profiles_cite_an_article_for_every_clock(profile: RegulationProfile) -> None:
    articles = [r.article for r in _rules(profile)]
    articles += [b.article for b in profile.bands]
    articles += [
        p.article for p in (profile.periodic_with_deadline, profile.periodic_without_deadline) if p
    ]
    articles += [r.article for r in profile.reports] + [profile.status.article]
    assert articles
    assert all(a.startswith("Điều ") for a in articles)


def test_clocks_quy_che_08_numbers_match_article_6() -> None:
    limits = {
        name: (rule.amount, rule.unit.value, rule.article)
        for name in ("classification", "acknowledgement", "objection", "feedback", "evaluation")
        if (rule := getattr(Q08, name)) is not None
    }
    assert limits == {
        "classification": (3, "working_days", "Điều 6 khoản 1 điểm a"),
        "acknowledgement": (4, "working_hours", "Điều 6 khoản 2 điểm a"),
        "objection": (8, "working_hours", "Điều 6 khoản 2 điểm a"),
        "feedback": (1, "working_days", "Điều 6 khoản 1 điểm b"),
        "evaluation": (3, "working_days", "Điều 6 khoản 3"),
    }
    bands = [
        (b.below_months, [c.fraction for c in b.checkpoints], b.final.amount) for b in Q08.bands
    ]
    assert bands == [(1, [], 3), (3, [0.5], 3), (6, [0.5, 0.75], 5)]
    assert Q08.periodic_with_deadline is not None
    assert Q08.periodic_with_deadline.when.months == tuple(range(1, 13))
    assert Q08.overdue_reminder is None and Q08.silence_reminder is None


def test_clocks_hai_phong_numbers_match_the_draft() -> None:
    assert HP.acknowledgement is None and HP.objection is None and HP.evaluation is None
    assert HP.bands == ()
    reminder = HP.overdue_reminder
    assert reminder is not None
    assert (reminder.amount, reminder.unit) == (7, clocks.Unit.WORKING_DAYS)
    assert reminder.article == "Điều 8 khoản 1 điểm d"
    assert HP.silence_reminder is not None
    assert (HP.silence_reminder.amount, HP.silence_reminder.unit) == (14, clocks.Unit.DAYS)
    assert HP.feedback is not None and HP.feedback.amount == 10
    assert HP.periodic_without_deadline is not None
    assert HP.periodic_without_deadline.when.months == (3, 6, 9, 12)
    report_times = [(r.when.day, r.at.hour if r.at else None) for r in HP.reports]
    assert report_times == [(1, 7), (1, 7)]


def test_clocks_profiles_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Q08.name = "other"  # type: ignore[misc]


def _bundled_text(name: str) -> str:
    return resources.files("extraction").joinpath(f"data/profiles/{name}.json").read_text("utf-8")


def test_clocks_load_profile_from_a_province_file(tmp_path: Path) -> None:
    raw = json.loads(_bundled_text("quy-che-08"))
    raw["name"] = "tinh-thu"
    raw["clocks"]["classification"]["amount"] = 5
    path = tmp_path / "tinh-thu.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    profile = load_profile(str(path))
    assert profile.name == "tinh-thu"
    due = document_clocks(date(2026, 3, 2), profile=profile, calendar=CAL)["classification"].due
    assert due == date(2026, 3, 9)


@pytest.mark.parametrize(
    ("change", "content"),
    [
        ("not json", "{"),
        ("negative", None),
        ("fraction of a day", None),
        ("unknown unit", None),
    ],
)
def test_clocks_load_profile_rejects_bad_files(
    tmp_path: Path, change: str, content: str | None
) -> None:
    raw = json.loads(_bundled_text("quy-che-08"))
    rule = raw["clocks"]["classification"]
    if change == "negative":
        rule["amount"] = -1
    elif change == "fraction of a day":
        rule["amount"] = 1.5
    elif change == "unknown unit":
        rule["unit"] = "fortnights"
    path = tmp_path / "bad.json"
    path.write_text(content if content is not None else json.dumps(raw), encoding="utf-8")
    with pytest.raises(BadArgument, match="bad.json"):
        load_profile(str(path))


def test_clocks_load_profile_rejects_unknown_names() -> None:
    with pytest.raises(BadArgument, match="quy-che-08"):
        load_profile("da-nang")


# --- document clocks -----------------------------------------------------------------------------


def test_clocks_document_issued_before_tet_is_classified_after_it() -> None:
    due = document_clocks(date(2026, 2, 12), profile=Q08, calendar=CAL)["classification"]
    assert due.due == date(2026, 2, 24)
    assert due.rule.article == "Điều 6 khoản 1 điểm a"
    reasons = {d: r for d, r in due.skipped}
    assert reasons[date(2026, 2, 17)] == "Tết Nguyên đán"
    assert reasons[date(2026, 2, 14)] == "Thứ Bảy"
    assert len(due.skipped) == 9


@pytest.mark.parametrize(
    ("issued", "expected"),
    [(date(2026, 2, 12), date(2026, 2, 12)), (date(2026, 2, 14), date(2026, 2, 23))],
)
def test_clocks_hai_phong_updates_the_system_on_the_issue_day(issued: date, expected: date) -> None:
    # "ngay sau khi ban hành văn bản" (Điều 5 khoản 1): the same day, or the next working day.
    assert document_clocks(issued, profile=HP, calendar=CAL)["classification"].due == expected


# --- task clocks ---------------------------------------------------------------------------------


def test_clocks_acknowledgement_and_objection_count_working_hours() -> None:
    task = task_clocks(
        assigned=datetime(2026, 2, 13, 15, 0), deadline=None, profile=Q08, calendar=CAL
    )
    assert task.acknowledgement_due == datetime(2026, 2, 23, 10, 0)
    assert task.objection_due == datetime(2026, 2, 24, 10, 0)
    assert task.feedback_due == date(2026, 2, 25)


def test_clocks_objection_runs_from_the_actual_acknowledgement() -> None:
    task = task_clocks(
        assigned=datetime(2026, 2, 23, 8, 0),
        deadline=None,
        profile=Q08,
        calendar=CAL,
        acknowledged=datetime(2026, 2, 23, 8, 30),
    )
    assert task.objection_due == datetime(2026, 2, 24, 8, 30)


def test_clocks_assignment_day_without_hour_leaves_hour_clocks_out() -> None:
    task = task_clocks(
        assigned=date(2026, 3, 2), deadline=date(2026, 3, 20), profile=Q08, calendar=CAL
    )
    assert task.acknowledgement_due is None and task.objection_due is None
    assert [c.due for c in task.checkpoints] == [date(2026, 3, 25)]


def test_clocks_deadline_before_assignment_is_refused() -> None:
    with pytest.raises(BadArgument, match="before the assignment"):
        task_clocks(
            assigned=datetime(2026, 3, 2, 9), deadline=date(2026, 3, 1), profile=Q08, calendar=CAL
        )


@pytest.mark.parametrize(
    ("assigned", "deadline", "expected"),
    [
        # < 1 month: the result, at the latest 3 working days after the end (Art. 6.2.b(1)).
        (date(2026, 3, 2), date(2026, 3, 20), [("final", date(2026, 3, 25))]),
        (date(2026, 3, 2), date(2026, 4, 1), [("final", date(2026, 4, 6))]),
        # 1–3 months: half-way, then 3 working days after the end (Art. 6.2.b(2)); 30/4 is off.
        (
            date(2026, 3, 2),
            date(2026, 4, 2),
            [("progress", date(2026, 3, 18)), ("final", date(2026, 4, 7))],
        ),
        (
            date(2026, 3, 2),
            date(2026, 4, 30),
            [("progress", date(2026, 4, 1)), ("final", date(2026, 5, 6))],
        ),
        # 3–6 months: ½, ¾ (30/5 is a Saturday: moved to Monday), 5 working days after the end.
        (
            date(2026, 2, 24),
            date(2026, 6, 30),
            [
                ("progress", date(2026, 4, 28)),
                ("progress", date(2026, 6, 1)),
                ("final", date(2026, 7, 7)),
            ],
        ),
    ],
)
def test_clocks_quy_che_08_checkpoints_by_duration(
    assigned: date, deadline: date, expected: list[tuple[str, date]]
) -> None:
    task = task_clocks(assigned=assigned, deadline=deadline, profile=Q08, calendar=CAL)
    assert [(c.kind, c.due) for c in task.checkpoints] == expected


def test_clocks_evaluation_is_due_3_working_days_after_each_update() -> None:
    task = task_clocks(
        assigned=date(2026, 3, 2), deadline=date(2026, 4, 30), profile=Q08, calendar=CAL
    )
    assert task.evaluation_dues == (date(2026, 4, 6), date(2026, 5, 11))


def test_clocks_long_tasks_update_monthly() -> None:
    task = task_clocks(
        assigned=date(2026, 1, 5), deadline=date(2026, 12, 31), profile=Q08, calendar=CAL
    )
    dues = [c.due for c in task.checkpoints]
    assert len(dues) == 12
    assert {c.kind for c in task.checkpoints} == {"periodic"}
    assert dues[:3] == [
        date(2026, 2, 2),
        date(2026, 3, 2),
        date(2026, 3, 31),
    ]  # 31/1, 28/2 are Saturdays
    assert all(CAL.is_working_day(d) for d in dues)


def test_clocks_task_without_deadline_updates_for_the_horizon() -> None:
    task = task_clocks(assigned=date(2026, 3, 2), deadline=None, profile=Q08, calendar=CAL)
    assert len(task.checkpoints) == 12
    assert task.overdue_reminder_due is None


def test_clocks_hai_phong_task_with_deadline() -> None:
    task = task_clocks(
        assigned=datetime(2026, 2, 24, 9), deadline=date(2026, 6, 30), profile=HP, calendar=CAL
    )
    dues = [(c.kind, c.due) for c in task.checkpoints]
    # Last day of each month, moved back to a working day (28/02 Saturday, 30/04 holiday, 31/05
    # Sunday), then "ngay sau khi hoàn thành" on the deadline (Điều 6 khoản 1).
    assert dues == [
        ("periodic", date(2026, 2, 27)),
        ("periodic", date(2026, 3, 31)),
        ("periodic", date(2026, 4, 29)),
        ("periodic", date(2026, 5, 29)),
        ("final", date(2026, 6, 30)),
    ]
    assert task.overdue_reminder_due == date(2026, 7, 9)  # 7 working days (Điều 8 khoản 1 điểm d)
    assert task.acknowledgement_due is None
    assert task.evaluation_dues == ()


def test_clocks_hai_phong_task_without_deadline_reports_quarterly() -> None:
    task = task_clocks(assigned=datetime(2026, 2, 24, 9), deadline=None, profile=HP, calendar=CAL)
    assert [c.due for c in task.checkpoints] == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    ]
    assert [c.reminder_due for c in task.checkpoints][0] == date(2026, 4, 14)


PROPERTY = settings(max_examples=150, deadline=None)


@PROPERTY
@given(
    st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 6, 30)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=500)),
    st.sampled_from([Q08, HP]),
)
def test_clocks_checkpoints_are_ordered_working_days(
    assigned: date, length: int | None, profile: RegulationProfile
) -> None:
    deadline = None if length is None else assigned + timedelta(days=length)
    task = task_clocks(assigned=assigned, deadline=deadline, profile=profile, calendar=CAL)
    dues = [c.due for c in task.checkpoints]
    assert dues == sorted(dues)
    assert all(CAL.is_working_day(d) and d > assigned for d in dues if d != deadline)
    if deadline is None:
        return
    kinds = [c.kind for c in task.checkpoints]
    # Tasks under 6 months end with a final update (Art. 6.2.b(1)–(3)); longer ones only
    # update periodically (b(4)). Hải Phòng always ends with one (Điều 6 khoản 1 điểm a).
    if profile is HP or "periodic" not in kinds:
        assert kinds[-1] == "final"
    assert all(c.due <= deadline for c in task.checkpoints if c.kind == "progress")
    assert all(c.due >= deadline for c in task.checkpoints if c.kind == "final")


# --- status --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "now", "status"),
    [
        (date(2026, 3, 20), datetime(2026, 3, 1, 9), TaskStatus.ON_TRACK),
        (date(2026, 3, 20), datetime(2026, 3, 12, 9), TaskStatus.ON_TRACK),
        (date(2026, 3, 20), datetime(2026, 3, 13, 9), TaskStatus.DUE_SOON),
        (date(2026, 3, 20), datetime(2026, 3, 19, 9), TaskStatus.NEARLY_OVERDUE),
        (date(2026, 3, 20), datetime(2026, 3, 20, 23, 59), TaskStatus.NEARLY_OVERDUE),
        (date(2026, 3, 20), datetime(2026, 3, 21, 0, 0), TaskStatus.OVERDUE),
        # Ten calendar days, but only one working day (23/02) after Tết.
        (date(2026, 2, 23), datetime(2026, 2, 13, 9), TaskStatus.NEARLY_OVERDUE),
        (None, datetime(2026, 3, 1, 9), TaskStatus.NO_DEADLINE),
    ],
)
def test_clocks_task_status(deadline: date | None, now: datetime, status: TaskStatus) -> None:
    assert task_status(deadline, now=now, profile=Q08, calendar=CAL) == status
    assert task_status(deadline, now=now, profile=Q08, calendar=CAL) == status.value


def test_clocks_task_status_reads_aware_times_in_vietnam() -> None:
    # 17:30 UTC on 20/03 is already 00:30 on 21/03 in Hà Nội: the deadline has passed.
    now = datetime(2026, 3, 20, 17, 30, tzinfo=UTC)
    assert task_status(date(2026, 3, 20), now=now, profile=Q08, calendar=CAL) == "overdue"


def test_clocks_task_status_of_task_clocks() -> None:
    task = task_clocks(
        assigned=datetime(2026, 3, 2, 9), deadline=date(2026, 3, 20), profile=Q08, calendar=CAL
    )
    assert task_status(task, now=datetime(2026, 3, 25, 9), profile=Q08, calendar=CAL) == "overdue"


# --- the report ----------------------------------------------------------------------------------


def test_clocks_report_to_json_is_serialisable() -> None:
    report = clock_report(
        issued=date(2026, 2, 12),
        profile=Q08,
        calendar=CAL,
        assigned=datetime(2026, 2, 24, 9),
        deadline=date(2026, 6, 30),
        now=datetime(2026, 6, 25, 10),
    )
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert [d["key"] for d in data["dues"]] == [
        "classification",
        "acknowledgement",
        "objection",
        "feedback",
    ]
    assert data["dues"][0]["due"] == "2026-02-24"
    assert data["dues"][0]["amount"] == 3
    assert data["dues"][1]["due"] == "2026-02-24T14:00:00"
    assert {"date": "2026-02-17", "reason": "Tết Nguyên đán"} in data["dues"][0]["skipped"]
    assert data["status"] == "due_soon"
    assert data["unscheduled_years"] == []


def test_clocks_report_names_years_without_a_schedule() -> None:
    report = clock_report(issued=date(2028, 12, 28), profile=Q08, calendar=CAL)
    assert report.unscheduled_years == (2028, 2029)
    assert report.task is None and report.status is None


def test_clocks_never_reads_the_clock() -> None:
    source = inspect.getsource(clocks)
    assert not any(call in source for call in ("today()", "now()", "utcnow()", "time.time("))
