"""spaCy components of the pipeline, registered under versioned names.

Each component does one job to the shared ``Doc`` and records it in ``doc._.giaoviec``, a typed
:class:`~extraction.types.PipelineState`: ``drafts`` (segment), ``roles`` (roles), ``deadlines``
(deadlines), one entry per task in the order of ``drafts``. A change of behaviour gets a new version (``.v2``).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extraction.segment import segment
from extraction.types import Body, Deadline, PipelineState, Span, TaskDraft


def shared_state(doc: Doc) -> PipelineState:
    """The components' shared state (a Doc made outside the pipeline gets a fresh one)."""
    if doc._.giaoviec is None:
        doc._.giaoviec = PipelineState(text=doc.text)
    state: PipelineState = doc._.giaoviec
    return state


def document_text(doc: Doc) -> str:
    """The document's text as the pipeline received it (doc.text is rebuilt on each access)."""
    return shared_state(doc).text


@Language.factory(
    "giaoviec_segment_v1",
    assigns=["doc.spans", "doc._.giaoviec"],
)
def make_segmenter(nlp: Language, name: str) -> SegmentComponent:
    return SegmentComponent()


class SegmentComponent:
    """Finds the task spans (``doc.spans["tasks"]``) and what each inherits."""

    def __call__(self, doc: Doc) -> Doc:
        drafts = segment(document_text(doc))
        spans = []
        for draft in drafts:
            span = doc.char_span(draft.span.start, draft.span.end, label="TASK", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["tasks"] = spans
        shared_state(doc).drafts = drafts
        return doc


@Language.factory("giaoviec_roles_v1", requires=["doc._.giaoviec"], assigns=["doc._.giaoviec"])
def make_roles(nlp: Language, name: str) -> RolesComponent:
    return RolesComponent()


class RolesComponent:
    """Names the lead and co-operating bodies of every task draft."""

    def __call__(self, doc: Doc) -> Doc:
        from extraction.addressees import document_place
        from extraction.roles import completed_commune_names, document_abbreviations, resolve_references, resolve_roles

        state = shared_state(doc)
        text = document_text(doc)
        abbreviations = document_abbreviations(text)
        where = document_place(text)
        roles = [
            resolve_roles(text, draft, at=state.issued, abbreviations=abbreviations, where=where)
            for draft in state.drafts
        ]
        roles = resolve_references(text, state.drafts, continued_leads(text, state.drafts, roles))
        state.roles = completed_commune_names(text, roles, state.issuer)
        return doc


def continued_leads(text: str, drafts: list[TaskDraft], roles: list[Any]) -> list[Any]:
    """A paragraph that names no one, right after a task whose lead it names, continues that
    task's addressee: "2. Các tỉnh ủy ... cụ thể hóa ...\nBố trí kinh phí ..." (the items of a
    list whose markers were lost)."""
    from dataclasses import replace

    out = list(roles)
    for i in range(1, len(drafts)):
        draft, previous = drafts[i], drafts[i - 1]
        if out[i].lead or draft.origin != "paragraph" or not out[i - 1].lead:
            continue
        between = text[previous.span.end : draft.span.start]
        if between.count("\n") > 1 or between.strip(" \n.;:"):
            continue
        out[i] = replace(out[i], lead=out[i - 1].lead, lead_source="continued")
    return out


@Language.factory("giaoviec_deadlines_v1", requires=["doc._.giaoviec"], assigns=["doc._.giaoviec"])
def make_deadlines(nlp: Language, name: str) -> DeadlinesComponent:
    return DeadlinesComponent()


class DeadlinesComponent:
    """Finds and normalises the deadline that governs each task, inheriting a lead-in's."""

    def __call__(self, doc: Doc) -> Doc:
        state = shared_state(doc)
        text = document_text(doc)
        state.deadlines = [
            task_deadline(text, draft, state.issued, state.in_force, state.events) for draft in state.drafts
        ]
        return doc


def task_deadline(text: str, draft: TaskDraft, issued: Any, in_force: Any = None, events: Any = ()) -> Deadline:
    """The task's own deadline; else its table cell's; else the nearest lead-in's or heading's.
    ``in_force``: the day the document takes effect, for counts from it; ``events``: the days the
    document prints (:func:`extraction.deadlines.event_days`), for counts from its events."""
    from extraction.deadlines import governing_deadline, parse_deadline

    if draft.deadline_cell is not None:
        cell = draft.deadline_cell
        found = parse_deadline(text[cell.start : cell.end], issued=issued, in_force=in_force, events=events)
        return shift_deadline(found, cell.start)
    own = governing_deadline(text[draft.span.start : draft.span.end], issued=issued, in_force=in_force, events=events)
    if own.kind != "none":
        return shift_deadline(own, draft.span.start)
    for context in reversed(draft.deadline_context):
        inherited = governing_deadline(
            text[context.start : context.end], issued=issued, in_force=in_force, events=events
        )
        if inherited.kind != "none":
            return shift_deadline(inherited, context.start)
    return Deadline.none()


def shift_deadline(deadline: Deadline, offset: int) -> Deadline:
    """Move a deadline's span from its snippet's offsets to the document's."""
    if deadline.span is None:
        return deadline
    span = Span(deadline.span.start + offset, deadline.span.end + offset, "deadline")
    return Deadline(deadline.text, deadline.kind, deadline.date, deadline.recurrence, span, deadline.warnings)


__all__ = ["Body", "DeadlinesComponent", "RolesComponent", "SegmentComponent", "shift_deadline", "task_deadline"]
