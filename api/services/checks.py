"""Checks of a reviewed task, run on the server on every change: one consistent deadline, and
the quality flags (one lead, the "six clear" of Kết luận 226-KL/TW) computed again.

A deadline's kind and date go together (``shared/corpus/GUIDELINES.md``):

    date given, kind "none"          → kind "date" (a date implies its kind)
    kind "date" or "period", no date → refused (InvalidDeadline, 422)
    recurrence with a kind other than "recurring" → refused
    kind "none"                      → no recurrence

so a record such as ``{"kind": "none", "date": "2026-12-31"}`` can never be stored or published.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from api.errors import InvalidDeadline
from api.services.bodies import directory
from extraction.quality import quality_flags
from extraction.types import Body, Deadline, DeadlineKind

NEEDS_DATE = ("date", "period")
# The review store's warnings that come from the model's reading of the text: once a person has
# changed the field they are about, they no longer hold.
MODEL_WARNINGS = {"deadline": "deadline", "lead_from_document": "lead"}


def consistent_deadline(deadline: dict[str, Any]) -> dict[str, Any]:
    """The deadline with its kind following its date, or InvalidDeadline when they contradict."""
    kind = str(deadline.get("kind") or "none")
    day = deadline.get("date") or None
    recurrence = deadline.get("recurrence") or None
    if day and kind == "none":
        kind = "date"
    if kind in NEEDS_DATE and not day:
        raise InvalidDeadline(
            f"a deadline of kind {kind!r} needs its date; pick the date or change the kind",
            field="deadline.date", kind=kind)
    if recurrence and kind != "recurring":
        raise InvalidDeadline(
            f"a recurrence ({recurrence!r}) belongs to a deadline of kind 'recurring', not {kind!r}",
            field="deadline.recurrence", kind=kind)
    return {"text": deadline.get("text"), "kind": kind, "date": day, "recurrence": recurrence}


def deadline_problem(deadline: dict[str, Any]) -> str | None:
    """Why a stored deadline could not be published as it is, or None."""
    try:
        consistent_deadline(deadline)
    except InvalidDeadline as error:
        return error.message
    return None


def in_directory(name: str) -> bool:
    """Whether the directory knows ``name``: an entry, or one generic addressee as written."""
    if directory().lookup(name):
        return True
    found = directory().find(name)
    if len(found) != 1 or not found[0].in_directory or found[0].span is None:
        return False
    return found[0].span.text_of(name.strip()) == name.strip()


def task_flags(*, text: str, lead: list[str], support: list[str], deadline: dict[str, Any],
               product: str | None, issuer: str | None, old_flags: list[dict[str, Any]],
               changed: set[str], confidence: float | None) -> list[dict[str, Any]]:
    """The flags of a task after a change, as the API stores them (``{name, ok, words}``).

    The quality checks are computed from the fields as they are now; the model's own warnings
    stay only while the field they are about is unchanged.
    """
    leads = tuple(Body(name=n, in_directory=in_directory(n)) for n in lead)
    flags = quality_flags(text, lead=leads, deadline=_deadline(deadline), issuer=issuer,
                          product=product)
    out = [{"name": f.name, "ok": f.ok, "words": f.words} for f in flags]
    if not lead:
        out.append({"name": "no_lead", "ok": False, "words": None})
    unknown = [n for n in (*lead, *support) if not in_directory(n)]
    if unknown:
        out.append({"name": "body_not_in_directory", "ok": False, "words": "; ".join(unknown)})
    for flag in old_flags:
        field = MODEL_WARNINGS.get(flag.get("name", ""))
        if field and field not in changed:
            out.append(flag)
    if confidence is not None and not changed and any(f.get("name") == "low_confidence" for f in old_flags):
        out.append({"name": "low_confidence", "ok": False, "words": None})
    return out


def _deadline(deadline: dict[str, Any]) -> Deadline:
    day = deadline.get("date")
    kind = deadline.get("kind") or "none"
    return Deadline(text=deadline.get("text"), kind=DeadlineKind(kind),
                    date=date.fromisoformat(day) if day else None,
                    recurrence=deadline.get("recurrence"))
