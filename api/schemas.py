"""Request bodies of the API (responses are plain JSON built by the services; see docs/api.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

from api.errors import InvalidRequest
from extraction.types import DeadlineKind

Recurrence = Literal["monthly", "quarterly", "half-yearly", "yearly"]

# Row ids and versions are 32-bit integers in both databases; anything larger is a 422, not a 500.
MAX_INT = 2**31 - 1
# Dates a request may carry (issue dates, deadline filters): wide, yet far from date.max, so
# adding a review window or a deadline never overflows (issued=9999-12-31 gave a 500).
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
BoundedDate = Annotated[dt.date, Field(ge=MIN_DATE, le=MAX_DATE)]
Id = Annotated[int, Path(ge=1, le=MAX_INT)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginIn(_Body):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class DeadlineIn(_Body):
    """A deadline as the reviewer sets it: the words, the kind and the date they mean."""

    text: str | None = None
    kind: DeadlineKind = DeadlineKind.NONE
    date: BoundedDate | None = None
    recurrence: Recurrence | None = None

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "kind": str(self.kind),
                "date": self.date.isoformat() if self.date else None, "recurrence": self.recurrence}


class ProposalPatch(_Body):
    """A decision on a proposal; ``version`` may come in the If-Match header instead."""

    status: Literal["accepted", "edited", "rejected"]
    version: int | None = Field(None, ge=0, le=MAX_INT)
    text: str | None = Field(None, min_length=1)
    lead: list[str] | None = None
    support: list[str] | None = None
    deadline: DeadlineIn | None = None
    product: str | None = Field(None, max_length=2000, description="What the task must deliver; null clears it.")
    start: int | None = Field(None, ge=0, le=MAX_INT, description="A new span [start, end) in the text; "
                                                                "the task's words follow it unless text is given.")
    end: int | None = Field(None, gt=0, le=MAX_INT)

    def changes(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if (self.start is None) != (self.end is None):
            raise InvalidRequest("give both start and end to move a task's span, or neither")
        if self.start is not None and self.end is not None:
            out["span"] = (self.start, self.end)
        for name in ("text", "lead", "support"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.deadline is not None:
            out["deadline"] = self.deadline.to_json()
        if "product" in self.model_fields_set:
            out["product"] = self.product.strip() or None if self.product else None
        return out


class ProposalCreate(_Body):
    """A task added by hand from a selection ``[start, end)`` of the document's text."""

    start: int = Field(ge=0, le=MAX_INT)
    end: int = Field(gt=0, le=MAX_INT)
    text: str | None = None
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    deadline: DeadlineIn = Field(default_factory=DeadlineIn)
    product: str | None = Field(None, max_length=2000)


class DocumentPatch(_Body):
    """Corrections of a document's metadata before publishing; each given field replaces the
    stored one (null clears it). A corrected issue date moves the review window."""

    type: str | None = Field(None, max_length=100, description='"Kết luận", "Chỉ thị", ...')
    number: str | None = Field(None, max_length=100, description='Number and symbol, "226-KL/TW".')
    issued: dt.date | None = Field(None, description="Issue date YYYY-MM-DD.")
    issuer: str | None = Field(None, max_length=300)
    signer: str | None = Field(None, max_length=200)
    secrecy: Literal["Mật", "Tối mật", "Tuyệt mật"] | None = Field(
        None, description="null: not secret. Tuyệt mật is refused (QC 08 Art. 5).")

    def changes(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name in self.model_fields_set:
            value = getattr(self, name)
            out[name] = value.strip() or None if isinstance(value, str) and name != "secrecy" else value
        return out


class UndoIn(_Body):
    version: int | None = Field(None, ge=0, le=MAX_INT, description="The version read (or If-Match).")


class CommentIn(_Body):
    text: str = Field(min_length=1, max_length=2000)


class AcceptAllIn(_Body):
    min_confidence: float | None = Field(None, ge=0, le=1)


class RejectIn(_Body):
    reason: str | None = Field(None, max_length=2000)


class TaskDeadlineIn(_Body):
    date: BoundedDate | None = None
    text: str | None = Field(None, max_length=500)
    kind: DeadlineKind = DeadlineKind.NONE
    recurrence: Recurrence | None = None

    def to_json(self) -> dict[str, object]:
        return {"date": self.date.isoformat() if self.date else None, "text": self.text,
                "kind": str(self.kind), "recurrence": self.recurrence}


class TaskCorrection(_Body):
    """A correction of a published task (approver); each given field replaces the current one,
    and a new signed revision goes to the feed. ``revision`` may come in If-Match instead."""

    revision: int | None = Field(None, ge=1, le=MAX_INT, description="The revision read (optimistic locking).")
    reason: str | None = Field(None, max_length=2000, description="Why; kept in the audit log.")
    content: str | None = Field(None, min_length=1, max_length=20000)
    product: str | None = Field(None, max_length=2000)
    lead: list[str] | None = None
    support: list[str] | None = None
    deadline: TaskDeadlineIn | None = None
    priority: Literal["important", "regular", "urgent"] | None = None
    scope: Literal["national", "sector", "local"] | None = None
    status: Literal["not_started", "in_progress", "completed", "completed_late", "not_completed"] | None = None
    results: str | None = Field(None, max_length=20000)
    evaluation: str | None = Field(None, max_length=20000)

    def changes(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name in self.model_fields_set - {"revision", "reason"}:
            value = getattr(self, name)
            if name == "deadline":
                value = value.to_json() if value is not None else TaskDeadlineIn().to_json()
            elif value is None and name in ("content", "lead", "support", "priority", "status"):
                continue  # these cannot be emptied
            out[name] = value
        return out


class WebhookIn(_Body):
    url: str = Field(min_length=8, max_length=2000, description="http(s) URL that receives the POSTs.")
    secret: str = Field(min_length=16, max_length=200, description="Shared secret of the HMAC signature.")


# Every error is a problem (api/problems.py); documented once for every route as "default".
PROBLEM_SCHEMA: dict[str, object] = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "code", "detail_vi"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "code": {"type": "string"}, "detail_vi": {"type": "string"},
        "instance": {"type": "string"},
    },
}
PROBLEM_RESPONSES: dict[int | str, dict[str, object]] = {
    "default": {"description": "A problem (RFC 9457): 4xx for a refused request, 500 `internal`.",
                "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}}},
}
