"""Deadline attachment: which time phrase governs a task, as a learned choice among candidates.

The rules (:func:`extraction.components.task_deadline`) take the table cell, else the task's own
governing phrase, else the nearest lead-in's or heading's. Documents break that order: a task
with two of its own phrases ("trình trước ngày 15/6 ..., ban hành trong tháng 7"), a lead-in's
deadline that its "lưu ý" points do not share, a day that is only an event. The attacher scores
every candidate the rules could have chosen — each time phrase of the task's own text, its
cell, each lead-in or heading above it, and "no deadline" — and the best one wins.

Each candidate becomes a feature text (marker words, as in :mod:`models.candidates`): where it
comes from, its kind, whether the rules chose it, its place among the task's phrases, the
words before it, whether its day is before the issue date. The rules' choice is one feature
among them, so the model learns when to leave it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from extraction.types import Deadline, DeadlineKind, TaskDraft

ATTACH, OTHER = "ATTACH", "OTHER"
ATTACH_LABELS = (ATTACH, OTHER)
WORDS_BEFORE = 3  # words read before a phrase, and at its start
WORD = re.compile(r"[^\W\d_]+")  # words, not numbers: a day says nothing about its role


@dataclass(frozen=True, slots=True)
class DeadlineCandidate:
    """One deadline a task could have; ``deadline`` has document offsets."""

    deadline: Deadline
    source: str  # own | cell | context | none
    features: str


def deadline_key(deadline: Deadline) -> tuple[str, str | None]:
    """What the scorer compares: the kind and the date."""
    return (str(deadline.kind), deadline.date.isoformat() if deadline.date else None)


def deadline_candidates(
    text: str,
    draft: TaskDraft,
    issued: date | None,
    rules_choice: Deadline,
    in_force: date | None = None,
    events: tuple[Any, ...] = (),
) -> list[DeadlineCandidate]:
    """Every deadline the task could take, ``rules_choice`` (what giaoviec_deadlines_v1 chose)
    marked among their features; ``in_force`` as for :func:`extraction.deadlines.find_deadlines`."""
    from extraction.deadlines import find_deadlines, governing_deadline, parse_deadline

    chosen = deadline_key(rules_choice)
    found: list[tuple[Deadline, str, list[str]]] = []
    own_text = text[draft.span.start : draft.span.end]
    own = find_deadlines(own_text, issued=issued, in_force=in_force, events=events)
    for i, d in enumerate(own):
        place = "only" if len(own) == 1 else ("first" if i == 0 else ("last" if i == len(own) - 1 else "mid"))
        found.append((_shifted(d, draft.span.start), "own", [f"__place_{place}", *_words(own_text, d, "own")]))
    if draft.deadline_cell is not None:
        cell = draft.deadline_cell
        in_cell = parse_deadline(text[cell.start : cell.end], issued=issued, in_force=in_force, events=events)
        found.append((_shifted(in_cell, cell.start), "cell", []))
    for depth, context in enumerate(reversed(draft.deadline_context)):
        context_text = text[context.start : context.end]
        inherited = governing_deadline(context_text, issued=issued, in_force=in_force, events=events)
        if inherited.kind != DeadlineKind.NONE:
            marks = [f"__depth_{min(depth, 3)}", *_words(context_text, inherited, "context")]
            found.append((_shifted(inherited, context.start), "context", marks))
    found.append((Deadline.none(), "none", []))
    shared = _shared_features(draft, own, found)
    return [
        DeadlineCandidate(d, source, _features(d, source, marks, shared, chosen, issued)) for d, source, marks in found
    ]


def _shared_features(draft: TaskDraft, own: list[Deadline], found: list[Any]) -> list[str]:
    contexts = sum(1 for _, source, _ in found if source == "context")
    return [
        f"__own_count_{min(len(own), 3)}",
        f"__context_count_{min(contexts, 2)}",
        "__has_cell" if draft.deadline_cell is not None else "__no_cell",
        f"__lead_{draft.lead_source}",
    ]


def _features(
    d: Deadline,
    source: str,
    own_marks: list[str],
    shared: list[str],
    chosen: tuple[str, str | None],
    issued: date | None,
) -> str:
    marks = [f"__src_{source}", f"__kind_{d.kind}", *shared, *own_marks]
    if deadline_key(d) == chosen:
        marks.append("__rule_choice")
    if d.recurrence:
        marks.append(f"__every_{d.recurrence}")
    if d.warnings:
        marks.append("__warned")
    if issued and d.date and d.date < issued:
        marks.append("__before_issue")
    return " ".join(marks)


def _words(text: str, d: Deadline, source: str) -> list[str]:
    """The words just before a time phrase and its first words ("hồ sơ | hoàn thành trước"),
    marked by place and source: "own_w1_án" is the word right before an own phrase."""
    if d.span is None:
        return []
    before = WORD.findall(text[: d.span.start].lower())[-WORDS_BEFORE:]
    head = WORD.findall(text[d.span.start : d.span.end].lower())[:WORDS_BEFORE]
    return [f"{source}_w{len(before) - i}_{w}" for i, w in enumerate(before)] + [
        f"{source}_h{i + 1}_{w}" for i, w in enumerate(head)
    ]


def _shifted(deadline: Deadline, offset: int) -> Deadline:
    from extraction.components import shift_deadline

    return shift_deadline(deadline, offset)


def drops_the_first_due_day(chosen: Deadline, rules_choice: Deadline) -> bool:
    """Whether ``chosen`` is the rules' cycle without the first due day the rules read from the
    text ("hằng quý (trước ngày 20 của tháng cuối quý)"): GUIDELINES asks for that day, and the
    dev corpus has too few dated cycles for a model to learn it."""
    recurring = DeadlineKind.RECURRING
    return (
        chosen.kind is recurring
        and rules_choice.kind is recurring
        and chosen.date is None
        and rules_choice.date is not None
    )


def best_candidate(candidates: list[DeadlineCandidate], scores: list[float]) -> tuple[DeadlineCandidate, float]:
    """The candidate scored highest; on a tie the earlier, which keeps the rules' order."""
    index = max(range(len(candidates)), key=lambda i: (scores[i], -i))
    return candidates[index], scores[index]


def attachment_examples(doc: Any, min_sim: float) -> list[tuple[str, str]]:
    """(feature text, ATTACH | OTHER) for every candidate of every rules task that matches a
    gold task (token Dice >= ``min_sim``): ATTACH where the candidate's kind and date are the
    gold deadline's."""
    from extraction.pipeline import PipelineConfig, annotate, read_document
    from models.scorer import scorer

    sc = scorer()
    document = read_document(doc.text.encode("utf-8"), "text/plain")
    spacy_doc, info = annotate(document, config=PipelineConfig())
    state = spacy_doc._.giaoviec
    drafts = [{"text": state.text[d.span.start : d.span.end]} for d in state.drafts]
    out = []
    for i, j in sc.match(doc.tasks, drafts, min_sim):
        gold = sc.dl(doc.tasks[i])
        key = (gold.get("kind") or "none", gold.get("date") or None)
        candidates = deadline_candidates(
            state.text, state.drafts[j], info.issued, state.deadlines[j], state.in_force, state.events
        )
        for candidate in candidates:
            out.append((candidate.features, ATTACH if deadline_key(candidate.deadline) == key else OTHER))
    return out


__all__ = [
    "ATTACH",
    "ATTACH_LABELS",
    "DeadlineCandidate",
    "OTHER",
    "attachment_examples",
    "best_candidate",
    "deadline_candidates",
    "deadline_key",
]
