"""The published task record: what a tracker receives, field by field from Quy chế 08-QC/TW.

Article 5.1 (a document that is not secret) names what a monitoring record carries:

    a) document name, number, symbol, summary, issue date, signer   → ``document``
    b) the body that issued it                                      → ``issuing_body``
    c) the body that assigned the task                              → ``assigning_body``
    d) the body that monitors it                                    → ``monitoring_body``
    đ) the task's content                                           → ``task.content`` (+ ``product``)
    e) the deadline                                                 → ``deadline`` (date and words)
    g) the status                                                   → ``status`` (``not_started`` at first)
    h) results and products                                         → ``results``
    i) the evaluation                                               → ``evaluation``

plus the task group of Article 4 (``group``: with or without deadline, scope, priority,
secrecy), the lead and co-operating bodies, and the clocks of Article 6 from the publication
time (``clocks``). Article 5.2 (Mật, Tối mật): only the document's metadata *without summary*,
the number of tasks, deadlines, results and evaluation: no content, no product, no bodies and
no deadline words (``content_withheld: true``). Article 5.3 (Tuyệt mật): nothing; such a
document is refused at upload.

A record holds no floating-point number, so its canonical JSON (``signing.canonical``) is the
same in every language.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from extraction.calendar import VIETNAM_TZ, default_calendar
from extraction.clocks import load_profile, task_clocks

SCHEMA_ID = "https://giaoviec.vn/schemas/task-record/v1.json"
STATUSES = ("not_started", "in_progress", "completed", "completed_late", "not_completed")
PRIORITIES = ("important", "regular", "urgent")
SCOPES = ("national", "sector", "local")
SECRECY = {None: "normal", "Mật": "secret", "Tối mật": "top_secret"}
# Issuers whose tasks concern the whole country (Art. 4.1.c); anything else is local by default.
CENTRAL_ISSUERS = ("Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Tổng Bí thư", "Trung ương")
# The fields a correction may change (``PATCH /api/v1/tasks/{id}``).
CORRECTABLE = ("content", "product", "lead", "support", "deadline", "priority", "scope", "status",
               "results", "evaluation")

_NUMBER = re.compile(r"^\s*(\d+[A-Za-z]?)\s*-\s*(.+?)\s*$")


def split_number(number: str | None) -> tuple[str | None, str | None]:
    """"226-KL/TW" → ("226", "KL/TW"): the number and the symbol (số, ký hiệu)."""
    if not number:
        return None, None
    match = _NUMBER.match(number)
    return (match.group(1), match.group(2)) if match else (number, None)


def default_scope(issuer: str | None) -> str:
    return "national" if issuer and any(name in issuer for name in CENTRAL_ISSUERS) else "local"


def task_fields(proposal: Any) -> dict[str, Any]:
    """The reviewed task as the fields a record is built from (and a correction changes)."""
    deadline = dict(proposal.deadline or {})
    return {
        "content": proposal.text,
        "product": proposal.product,
        "lead": list(proposal.lead or []),
        "support": list(proposal.support or []),
        "deadline": {"date": deadline.get("date"), "text": deadline.get("text"),
                     "kind": deadline.get("kind") or "none", "recurrence": deadline.get("recurrence")},
        "priority": "regular",
        "scope": None,
        "status": "not_started",
        "results": None,
        "evaluation": None,
    }


# What a Mật or Tối mật task keeps after publishing (Art. 5.2): no content, product, bodies
# or deadline words; a correction may change only the other fields.
WITHHELD = ("content", "product", "lead", "support")


def withhold(fields: dict[str, Any]) -> dict[str, Any]:
    """A secret document's task fields as stored with its revisions: the content left out."""
    return {**fields, "content": None, "product": None, "lead": [], "support": [],
            "deadline": {**(fields.get("deadline") or {}), "text": None}}


def build_record(*, document: Any, fields: dict[str, Any], task_id: int, revision: int,
                 published_at: datetime, published_by: str, monitoring_body: str, task_count: int,
                 origin: str, pipeline_version: str | None) -> dict[str, Any]:
    """The Article 5 record of one task revision (secret documents: Art. 5.2, no content)."""
    is_secret = document.secrecy is not None
    number, symbol = split_number(document.number)
    deadline = fields["deadline"]
    due = date.fromisoformat(deadline["date"]) if deadline.get("date") else None
    return {
        "schema": SCHEMA_ID,
        "task_id": task_id,
        "revision": revision,
        "published_at": published_at.isoformat(),
        "published_by": published_by,
        "document": {
            "id": document.id,
            "name": document.type,
            "number": number,
            "symbol": symbol,
            "summary": None if is_secret else document.title,
            "issued": document.issued.isoformat() if document.issued else None,
            "signer": document.signer,
            "secrecy": document.secrecy,
            "task_count": task_count,
        },
        "issuing_body": document.issuer,
        "assigning_body": document.issuer,
        "monitoring_body": monitoring_body,
        "content_withheld": is_secret,
        "task": None if is_secret else {"content": fields["content"], "product": fields["product"]},
        "lead": None if is_secret else list(fields["lead"]),
        "support": None if is_secret else list(fields["support"]),
        "deadline": {"date": deadline.get("date"), "text": None if is_secret else deadline.get("text"),
                     "kind": deadline.get("kind") or "none", "recurrence": deadline.get("recurrence")},
        "status": fields["status"],
        "results": fields["results"],
        "evaluation": fields["evaluation"],
        "group": {
            "has_deadline": due is not None,
            "scope": fields["scope"] or default_scope(document.issuer),
            "priority": fields["priority"],
            "secrecy": SECRECY.get(document.secrecy, "secret"),
        },
        "clocks": record_clocks(published_at, due),
        "provenance": {"origin": origin, "pipeline_version": pipeline_version},
    }


def record_clocks(published_at: datetime, deadline: date | None) -> dict[str, Any]:
    """Quy chế 08 Art. 6 clocks with the publication as the moment of assignment."""
    assigned = published_at.astimezone(VIETNAM_TZ)
    if deadline is not None and deadline < assigned.date():
        deadline = None  # a deadline already past when published has no checkpoints left
    clocks = task_clocks(assigned=assigned, deadline=deadline, profile=load_profile(),
                         calendar=default_calendar()).to_json()
    return {key: clocks[key] for key in ("assigned", "acknowledgement_due", "objection_due",
                                         "feedback_due", "checkpoints", "overdue_reminder_due")}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_TEXT = {"type": "string"}
_DATE = {"type": "string", "format": "date"}
_MOMENT = {"type": "string", "format": "date-time"}
_BODIES = _nullable({"type": "array", "items": _TEXT})


def _object(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": sorted(properties),
            "additionalProperties": False, **extra}


RECORD_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "giaoviec task record (Quy chế 08-QC/TW, Điều 5)",
    "description": "One published revision of one task. Documents marked Mật or Tối mật carry no "
                   "content (content_withheld: true; Art. 5.2).",
    **_object({
        "schema": {"const": SCHEMA_ID},
        "task_id": {"type": "integer"},
        "revision": {"type": "integer", "minimum": 1},
        "published_at": _MOMENT,
        "published_by": _TEXT,
        "document": _object({
            "id": {"type": "integer"},
            "name": _nullable(_TEXT),
            "number": _nullable(_TEXT),
            "symbol": _nullable(_TEXT),
            "summary": _nullable(_TEXT),
            "issued": _nullable(_DATE),
            "signer": _nullable(_TEXT),
            "secrecy": {"enum": [None, "Mật", "Tối mật"]},
            "task_count": {"type": "integer", "minimum": 0},
        }),
        "issuing_body": _nullable(_TEXT),
        "assigning_body": _nullable(_TEXT),
        "monitoring_body": _TEXT,
        "content_withheld": {"type": "boolean"},
        "task": _nullable(_object({"content": _TEXT, "product": _nullable(_TEXT)})),
        "lead": _BODIES,
        "support": _BODIES,
        "deadline": _object({
            "date": _nullable(_DATE),
            "text": _nullable(_TEXT),
            "kind": {"enum": ["date", "period", "recurring", "relative", "none"]},
            "recurrence": {"enum": [None, "monthly", "quarterly", "half-yearly", "yearly"]},
        }),
        "status": {"enum": list(STATUSES)},
        "results": _nullable(_TEXT),
        "evaluation": _nullable(_TEXT),
        "group": _object({
            "has_deadline": {"type": "boolean"},
            "scope": {"enum": list(SCOPES)},
            "priority": {"enum": list(PRIORITIES)},
            "secrecy": {"enum": ["normal", "secret", "top_secret"]},
        }),
        "clocks": _object({
            "assigned": _MOMENT,
            "acknowledgement_due": _nullable(_MOMENT),
            "objection_due": _nullable(_MOMENT),
            "feedback_due": _nullable(_DATE),
            "overdue_reminder_due": _nullable(_DATE),
            "checkpoints": {"type": "array", "items": _object({
                "due": _DATE, "label": _TEXT, "article": _TEXT, "kind": _TEXT,
                "evaluation_due": _nullable(_DATE), "reminder_due": _nullable(_DATE),
            })},
        }),
        "provenance": _object({"origin": {"enum": ["model", "human"]},
                               "pipeline_version": _nullable(_TEXT)}),
    }),
}
