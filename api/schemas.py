"""Request bodies of the API (responses are plain JSON built by the services; see docs/api.md)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extraction.types import DeadlineKind

Recurrence = Literal["monthly", "quarterly", "half-yearly", "yearly"]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginIn(_Body):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class DeadlineIn(_Body):
    """A deadline as the reviewer sets it: the words, the kind and the date they mean."""

    text: str | None = None
    kind: DeadlineKind = DeadlineKind.NONE
    date: dt.date | None = None
    recurrence: Recurrence | None = None

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "kind": str(self.kind),
                "date": self.date.isoformat() if self.date else None, "recurrence": self.recurrence}


class ProposalPatch(_Body):
    """A decision on a proposal; ``version`` may come in the If-Match header instead."""

    status: Literal["accepted", "edited", "rejected"]
    version: int | None = None
    text: str | None = Field(None, min_length=1)
    lead: list[str] | None = None
    support: list[str] | None = None
    deadline: DeadlineIn | None = None

    def changes(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name in ("text", "lead", "support"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.deadline is not None:
            out["deadline"] = self.deadline.to_json()
        return out


class ProposalCreate(_Body):
    """A task added by hand from a selection ``[start, end)`` of the document's text."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str | None = None
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    deadline: DeadlineIn = Field(default_factory=DeadlineIn)


class AcceptAllIn(_Body):
    min_confidence: float | None = Field(None, ge=0, le=1)


class RejectIn(_Body):
    reason: str | None = Field(None, max_length=2000)
