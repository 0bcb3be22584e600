"""Exports of published tasks for office staff: CSV and XLSX, one row per task (its newest
revision), filtered by document, lead, deadline range and status.

Rows come from the signed records, so a Mật or Tối mật document's tasks have no content,
product or bodies here either (QC 08 Art. 5.2). A cell that starts like a formula is prefixed
with ``'`` so that a spreadsheet shows it instead of running it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from api.db.session import Database
from api.services import feed
from api.services.auth import Principal, require_role

EXPORT_ROLES = feed.TASK_READ_ROLES

# (column header, how to read it from a record)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("task_id", "task_id"),
    ("revision", "revision"),
    ("document_id", "document.id"),
    ("document_name", "document.name"),
    ("document_number", "document.number"),
    ("document_symbol", "document.symbol"),
    ("document_summary", "document.summary"),
    ("issued", "document.issued"),
    ("signer", "document.signer"),
    ("secrecy", "document.secrecy"),
    ("task_count", "document.task_count"),
    ("issuing_body", "issuing_body"),
    ("assigning_body", "assigning_body"),
    ("monitoring_body", "monitoring_body"),
    ("content", "task.content"),
    ("product", "task.product"),
    ("lead", "lead"),
    ("support", "support"),
    ("deadline", "deadline.date"),
    ("deadline_text", "deadline.text"),
    ("deadline_kind", "deadline.kind"),
    ("recurrence", "deadline.recurrence"),
    ("status", "status"),
    ("results", "results"),
    ("evaluation", "evaluation"),
    ("priority", "group.priority"),
    ("scope", "group.scope"),
    ("acknowledgement_due", "clocks.acknowledgement_due"),
    ("objection_due", "clocks.objection_due"),
    ("published_at", "published_at"),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ExportFilter:
    document_id: int | None = None
    lead: str | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    status: str | None = None

    def keeps(self, record: dict[str, Any]) -> bool:
        if self.document_id is not None and record["document"]["id"] != self.document_id:
            return False
        if self.lead and not any(self.lead.casefold() in name.casefold() for name in record["lead"] or ()):
            return False
        if self.status and record["status"] != self.status:
            return False
        due = record["deadline"]["date"]
        if self.deadline_from and (due is None or due < self.deadline_from.isoformat()):
            return False
        return not (self.deadline_to and (due is None or due > self.deadline_to.isoformat()))


def export_rows(db: Database, principal: Principal, *, filters: ExportFilter) -> list[list[Any]]:
    """The header and one row per published task that passes the filter."""
    require_role(principal, EXPORT_ROLES, action="export published tasks")
    with db.session(read_only=True) as session:
        records = [r.record for r in session.scalars(feed.latest_revisions(session, principal.org_id))]
    rows: list[list[Any]] = [[name for name, _ in COLUMNS]]
    rows.extend([_cell(_get(record, path)) for _, path in COLUMNS] for record in records if filters.keeps(record))
    return rows


def to_csv(rows: list[list[Any]]) -> str:
    """UTF-8 with a byte order mark, so that Excel opens Vietnamese text correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def to_xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("tasks")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _get(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
