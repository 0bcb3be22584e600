"""`giaoviec clocks`: the regulation's deadlines for a document issued on a given day.

    giaoviec clocks --issued 2026-02-12
    giaoviec clocks --issued 12/02/2026 --profile hai-phong --deadline 2026-06-30
    giaoviec clocks --issued 2026-02-12 --assigned "2026-02-24 09:00" --format json

The command parses its options and calls ``extraction.clocks.clock_report``; this module only
renders the result. Table output is for officers (Vietnamese), JSON is the stable contract.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

import click

from api.cli import cli
from api.cli.options import output_format_option, parse_date, parse_datetime

if TYPE_CHECKING:
    from extraction.clocks import ClockReport, Due, TaskClocks, TaskStatus

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_UNITS = {"working_days": "ngày làm việc", "working_hours": "giờ làm việc", "days": "ngày"}
_STATUS = {
    "on_track": "trong hạn",
    "due_soon": "đến hạn",
    "nearly_overdue": "sắp quá hạn",
    "overdue": "quá hạn",
    "no_deadline": "không có thời hạn",
}


@cli.command("clocks")
@click.option(
    "--issued",
    callback=parse_date,
    metavar="DATE",
    required=True,
    help="Issue date of the document.",
)
@click.option(
    "--profile",
    default="quy-che-08",
    show_default=True,
    help="Regulation profile: quy-che-08, hai-phong, or the path of a province's JSON file.",
)
@click.option(
    "--assigned",
    callback=parse_datetime,
    metavar="DATETIME",
    help="When a task was sent to its lead body; without it the task's clocks in hours are "
    "left out and its time runs from the issue day.",
)
@click.option(
    "--deadline", callback=parse_date, metavar="DATE", help="The task's deadline; omit for none."
)
@click.option(
    "--now",
    callback=parse_datetime,
    metavar="DATETIME",
    help="Show the task's status (due soon, overdue, ...) at this moment.",
)
@output_format_option
def clocks_command(
    issued: date,
    profile: str,
    assigned: datetime | None,
    deadline: date | None,
    now: datetime | None,
    output_format: str,
) -> None:
    """Print the regulation's deadlines for a document issued on --issued."""
    from extraction.calendar import default_calendar
    from extraction.clocks import clock_report, load_profile
    from extraction.errors import BadArgument

    try:
        regulation = load_profile(profile)
    except BadArgument as e:
        raise click.BadParameter(e.message, param_hint="--profile") from e
    try:
        report = clock_report(
            issued=issued,
            profile=regulation,
            calendar=default_calendar(),
            assigned=assigned,
            deadline=deadline,
            now=now,
        )
    except BadArgument as e:
        raise click.BadParameter(e.message, param_hint="--assigned/--deadline") from e
    if output_format == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(report))


# --- table ---------------------------------------------------------------------------------


def render_table(report: ClockReport) -> str:
    """The report as Vietnamese lines, each due with the days off it skipped."""
    lines = [
        f"{report.profile.title} [{report.profile.name}]",
        f"Văn bản ban hành: {_day(report.issued)}",
    ]
    for due in report.dues:
        lines.extend(["", *_due_lines(due)])
    if report.task is not None:
        lines.extend(["", *_task_lines(report.task, report.status)])
    if report.reports:
        lines.extend(["", "Báo cáo định kỳ (lần tới):"])
        lines.extend(f"  {_moment(at)}  {r.label} ({r.article})" for at, r in report.reports)
    for year in report.unscheduled_years:
        lines.append(
            f"Lưu ý: chưa có lịch nghỉ công bố cho năm {year}; chỉ tính ngày nghỉ theo luật."
        )
    return "\n".join(lines)


def _due_lines(due: Due) -> list[str]:
    rule = due.rule
    amount = f"{rule.amount:g} {_UNITS[rule.unit.value]}"
    lines = [
        f"{rule.label}: {amount} ({rule.article})",
        f"  từ {_moment(due.start)} → hạn {_moment(due.due)}",
    ]
    if due.skipped:
        lines.append(f"  bỏ qua: {_skipped(due.skipped)}")
    return lines


def _task_lines(task: TaskClocks, status: TaskStatus | None) -> list[str]:
    deadline = _day(task.deadline) if task.deadline else "không có"
    lines = [f"Nhiệm vụ giao {_moment(task.assigned)}, thời hạn: {deadline}"]
    if status is not None:
        lines.append(f"  tình trạng: {_STATUS[status.value]}")
    if task.checkpoints:
        lines.append("Mốc cập nhật:")
    for point in task.checkpoints:
        follow = [f"đánh giá trước {_day(point.evaluation_due)}"] if point.evaluation_due else []
        follow += [f"đôn đốc từ {_day(point.reminder_due)}"] if point.reminder_due else []
        suffix = f" — {'; '.join(follow)}" if follow else ""
        lines.append(f"  {_day(point.due)}  {point.label} ({point.article}){suffix}")
    return lines


def _skipped(days: Iterable[tuple[date, str]]) -> str:
    """``16/02–20/02 Tết Nguyên đán``: consecutive days with one reason share a range."""
    runs: list[tuple[date, date, str]] = []
    for day, reason in days:
        if runs and runs[-1][2] == reason and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day, reason)
        else:
            runs.append((day, day, reason))
    return ", ".join(f"{a:%d/%m} {r}" if a == b else f"{a:%d/%m}–{b:%d/%m} {r}" for a, b, r in runs)


def _day(d: date) -> str:
    return f"{_WEEKDAYS[d.weekday()]} {d:%d/%m/%Y}"


def _moment(t: date | datetime) -> str:
    return f"{_day(t)} {t:%H:%M}" if isinstance(t, datetime) else _day(t)
