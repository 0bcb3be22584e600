"""`giaoviec extract PATH`: propose the tasks of one document."""

from __future__ import annotations

import json
import shutil
import textwrap
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from api.cli import cli
from api.cli.options import output_format_option, parse_date, parse_datetime
from extraction.errors import MissingFile


@cli.command("extract")
@click.argument("path")
@output_format_option
@click.option(
    "--issued",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Issue date to use when the document prints none (or to override it).",
)
@click.option(
    "--now",
    callback=parse_datetime,
    metavar="YYYY-MM-DDTHH:MM",
    help="The moment at which each task's status (due soon, overdue) is computed; default: now.",
)
def extract_command(path: str, output_format: str, issued: date | None, now: datetime | None) -> None:
    """Propose the tasks that the document at PATH (PDF, DOCX or text) assigns."""
    from extraction.calendar import VIETNAM_TZ
    from extraction.pipeline import extract
    from extraction.proposal import to_json
    from models.loaders import pipeline_config

    now = now or datetime.now(VIETNAM_TZ)
    data = read_input(path)
    proposal = to_json(extract(data, filename=path, issued=issued, config=pipeline_config()), now=now)
    if output_format == "json":
        click.echo(json.dumps(proposal, ensure_ascii=False, indent=1))
    else:
        click.echo(render_table(proposal))


def read_input(path: str) -> bytes:
    """The bytes of the file at ``path``, or an InputError that says what is wrong."""
    file = Path(path)
    if not file.exists():
        raise MissingFile(f"no such file: {path}; check the path")
    if file.is_dir():
        raise MissingFile(f"{path} is a directory; give the path of one document")
    try:
        return file.read_bytes()
    except PermissionError:
        raise MissingFile(f"cannot read {path}: permission denied") from None


def render_table(proposal: dict[str, Any]) -> str:
    """A readable summary for a terminal: the document, then one block per task."""
    width = max(60, min(shutil.get_terminal_size((100, 20)).columns, 120))
    doc = proposal["document"]
    head = [
        f"{doc.get('type') or '?'} {doc.get('number') or ''}  ngày {doc.get('issued') or '?'}",
        f"Cơ quan ban hành: {doc.get('issuer') or '?'}   Người ký: {doc.get('signer') or '?'}",
    ]
    if doc.get("secrecy"):
        head.append(f"Độ mật: {doc['secrecy']}")
    lines = head + ["=" * width]
    if not proposal["tasks"]:
        lines.append(f"Không có nhiệm vụ: {proposal.get('reason', '')}")
    for task in proposal["tasks"]:
        lines.extend(_task_block(task, width))
    lines.append(f"{len(proposal['tasks'])} nhiệm vụ đề xuất — {proposal['pipeline']['version']}")
    return "\n".join(lines)


def _task_block(task: dict[str, Any], width: int) -> list[str]:
    deadline = task["deadline"]
    when = deadline["date"] or deadline["text"] or "—"
    if deadline["kind"] != "none":
        when = f"{when} ({deadline['kind']}{', ' + deadline['recurrence'] if deadline['recurrence'] else ''})"
    fields = [
        ("Chủ trì", "; ".join(task["lead"]) or "—"),
        ("Phối hợp", "; ".join(task["support"]) or "—"),
        ("Thời hạn", when),
        ("Độ tin cậy", f"{task['confidence']:.2f}   trang {task['source']['page'] or '—'}"),
    ]
    wrapped = textwrap.wrap(task["text"], width - 6) or [""]
    block = [f"{task['id']:>4}  {wrapped[0]}"] + [f"      {line}" for line in wrapped[1:]]
    block += [f"      {label}: {value}" for label, value in fields]
    return block + ["-" * width]
