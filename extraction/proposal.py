"""The annotated ``Doc`` as a :class:`Proposal`, and a proposal as the JSON contract.

The JSON contract (``giaoviec extract --format json``; more fields may be added, none renamed)::

    {"document": {"type", "number", "issued", "issuer", "signer", "secrecy", "title"},
     "tasks": [{"id", "text", "lead": [...], "support": [...],
                "deadline": {"text", "kind", "date", "recurrence"},
                "confidence", "source": {"start", "end", "page"}}],
     "pipeline": {"version", "components"}}
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc

from extraction.calendar import default_calendar
from extraction.clocks import document_clocks, load_profile, task_clocks, task_status
from extraction.quality import find_product, quality_flags
from extraction.types import Deadline, Document, DocumentInfo, Proposal, Span, TaskProposal

# How sure the rules are of a lead, by where it came from (measured on the dev corpus,
# lead agreement per source; see models/README.md).
LEAD_CONFIDENCE = {"own": 0.92, "table": 0.92, "inherited": 0.88, "document": 0.7, "none": 0.45}
NO_TASK_REASON = (
    "no sentence or item of the document assigns work to a body "
    "(no 'giao', 'đề nghị', 'yêu cầu', 'chủ trì', 'có trách nhiệm' ... in its operative part)"
)


def build_proposal(
    doc: Doc,
    document: Document,
    info: DocumentInfo,
    *,
    pipeline_version: str,
    components: tuple[str, ...],
    model_version: str | None = None,
    review_below: float = 0.6,
) -> Proposal:
    """The proposal of an annotated doc; ``review_below``: OCR'd words with a lower confidence
    are listed for the reviewer."""
    state = doc._.giaoviec
    text = document.text
    # the fields a learned component changed, per task (models.components; empty by rules)
    changed = [
        [*fields, *(["deadline"] if deadline_changed else [])]
        for fields, deadline_changed in zip(
            state.role_changes or [()] * len(state.drafts),
            state.deadline_changes or [False] * len(state.drafts),
            strict=True,
        )
    ]
    # calibrated probabilities per field, when a trained model has a calibration (models/)
    calibrated = state.field_confidence or [None] * len(state.drafts)
    review = state.needs_review or [()] * len(state.drafts)
    tasks = []
    for index, (draft, roles, deadline, fields, probabilities, needs_review) in enumerate(
        zip(state.drafts, state.roles, state.deadlines, changed, calibrated, review, strict=True), start=1
    ):
        task_text = text[draft.span.start : draft.span.end]
        cell = draft.product_cell
        product = find_product(task_text, text[cell.start : cell.end] if cell else None)
        ocr_words = document.offsets.ocr_words_in(draft.span.start, draft.span.end)
        tasks.append(
            TaskProposal(
                id=f"t{index}",
                span=draft.span,
                text=task_text,
                lead=roles.lead,
                support=roles.support,
                deadline=deadline,
                # calibrated: the probability that the whole proposal is right as it stands
                confidence=probabilities["accept"]
                if probabilities and "accept" in probabilities
                else _confidence(roles.lead_source, bool(roles.lead), deadline),
                field_confidence=tuple(sorted(probabilities.items())) if probabilities else (),
                needs_review=tuple(needs_review),
                page=document.offsets.page_at(draft.span.start),
                provenance=(
                    ("text", "giaoviec_segment_v1"),
                    ("lead", _by("lead", fields, model_version) or f"giaoviec_roles_v1:{roles.lead_source}"),
                    ("support", _by("support", fields, model_version) or "giaoviec_roles_v1"),
                    ("deadline", _by("deadline", fields, model_version) or "giaoviec_deadlines_v1"),
                    ("flags", "giaoviec.quality"),
                ),
                product=product,
                flags=quality_flags(
                    task_text,
                    lead=roles.lead,
                    deadline=deadline,
                    issuer=info.issuer,
                    product=product,
                ),
                ocr_confidence=min((w.confidence for w in ocr_words), default=None),
                uncertain_words=tuple(
                    Span(w.start, w.end, f"{w.confidence:.2f}")
                    for w in ocr_words
                    if w.confidence < review_below
                ),
            )
        )
    return Proposal(
        document=info,
        tasks=tuple(tasks),
        pipeline_version=pipeline_version,
        components=components,
        reason=None if tasks else NO_TASK_REASON,
        warnings=tuple(w for t in tasks for w in t.deadline.warnings),
        model_version=model_version,
    )


LEARNED_BY = {
    "lead": "giaoviec_role_classifier_v1",
    "support": "giaoviec_role_classifier_v1",
    "deadline": "giaoviec_deadline_attacher_v1",
}


def _by(field: str, changed: tuple[str, ...] | list[str], model_version: str | None) -> str | None:
    """Provenance of a field a learned component changed: the component and the model."""
    return f"{LEARNED_BY[field]}:{model_version}" if field in changed else None


def _confidence(lead_source: str, has_lead: bool, deadline: Deadline) -> float:
    score = LEAD_CONFIDENCE.get(lead_source, 0.5) if has_lead else LEAD_CONFIDENCE["none"]
    if deadline.warnings:
        score -= 0.1
    return round(max(score, 0.05), 2)


def _ocr_json(task: TaskProposal) -> dict[str, Any]:
    """How sure the OCR was of the task's words: the lowest confidence, and the words below
    the review threshold, with offsets into the document text (as ``source``)."""
    base = task.span.start
    return {
        "confidence": round(task.ocr_confidence or 0.0, 3),
        "uncertain": [
            {
                "start": word.start,
                "end": word.end,
                "text": task.text[word.start - base : word.end - base],
                "confidence": float(word.label),
            }
            for word in task.uncertain_words
        ],
    }


def deadline_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "text": deadline.text,
        "kind": str(deadline.kind),
        "date": deadline.date.isoformat() if deadline.date else None,
        "recurrence": deadline.recurrence,
        **({"warnings": list(deadline.warnings)} if deadline.warnings else {}),
    }


def to_json(proposal: Proposal, *, now: datetime | None = None) -> dict[str, Any]:
    """The proposal in the JSON contract.

    With the issue date known, each task carries its regulation clocks (Quy chế 08 Art. 6,
    counted from the issue day); with ``now`` given, also its status against the deadline.
    """
    info = proposal.document
    out: dict[str, Any] = {
        "document": document_json(info),
        "tasks": [_task_json(task, issued=info.issued, now=now) for task in proposal.tasks],
        "pipeline": {
            "version": proposal.pipeline_version,
            "components": list(proposal.components),
            "model": proposal.model_version,
        },
    }
    if info.issued is not None:
        out["document"]["clocks"] = {
            key: due.due.isoformat()
            for key, due in document_clocks(
                info.issued, profile=load_profile(), calendar=default_calendar()
            ).items()
        }
    if proposal.reason:
        out["reason"] = proposal.reason
    return out


def document_json(info: DocumentInfo) -> dict[str, Any]:
    """The document's metadata in the JSON contract."""
    return {
        "type": info.type,
        "number": info.number,
        "issued": info.issued.isoformat() if info.issued else None,
        "issuer": info.issuer,
        "signer": info.signer,
        "secrecy": info.secrecy,
        "title": info.title,
    }


def _task_json(task: TaskProposal, *, issued: date | None, now: datetime | None) -> dict[str, Any]:
    out = {
        "id": task.id,
        "text": task.text,
        "lead": [body.name for body in task.lead],
        "support": [body.name for body in task.support],
        "deadline": deadline_json(task.deadline),
        "confidence": task.confidence,
        "source": {"start": task.span.start, "end": task.span.end, "page": task.page},
        "provenance": dict(task.provenance),
        "product": task.product,
        "flags": [{"name": f.name, "ok": f.ok, "words": f.words} for f in task.flags],
    }
    if task.field_confidence:
        out["field_confidence"] = dict(task.field_confidence)
        out["needs_review"] = list(task.needs_review)
    if task.ocr_confidence is not None:
        out["ocr"] = _ocr_json(task)
    if issued is not None:
        deadline = (
            task.deadline.date if task.deadline.date and task.deadline.date >= issued else None
        )
        clocks = task_clocks(
            assigned=issued, deadline=deadline, profile=load_profile(), calendar=default_calendar()
        )
        out["clocks"] = clocks.to_json()
        if now is not None:
            out["status"] = str(
                task_status(clocks, now=now, profile=load_profile(), calendar=default_calendar())
            )
    return out
