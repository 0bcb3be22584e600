"""Training examples from annotated documents, labelled with the shared scorer's matching.

Task detector: every candidate of :func:`models.candidates.task_candidates` is TASK when its
words match a gold task (token Dice >= the scorer's 0.5), else OTHER.
Role classifier: every mention in a rules task that matches a gold task is LEAD when the gold
lead names it, SUPPORT when the gold co-operating bodies do, else NEITHER.
Deadline attacher: every deadline candidate of such a task is ATTACH when its kind and date are
the gold deadline's, else OTHER (:mod:`models.attachment`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from models.candidates import Mention, task_candidates, task_mentions
from models.corpus import GoldDocument
from models.scorer import scorer

TASK, OTHER = "TASK", "OTHER"
LEAD, SUPPORT, NEITHER = "LEAD", "SUPPORT", "NEITHER"
TASK_LABELS = (TASK, OTHER)
ROLE_LABELS = (LEAD, SUPPORT, NEITHER)
MIN_SIM = 0.5


@dataclass
class Examples:
    """Feature texts and labels for each learned classifier."""

    task: list[tuple[str, str]] = field(default_factory=list)
    role: list[tuple[str, str]] = field(default_factory=list)
    deadline: list[tuple[str, str]] = field(default_factory=list)

    def extend(self, other: Examples) -> None:
        self.task.extend(other.task)
        self.role.extend(other.role)
        self.deadline.extend(other.deadline)


def document_text(raw: str) -> str:
    """The text as the pipeline reads a ``.txt`` file (so offsets agree at inference)."""
    from extraction.pipeline import read_document

    return read_document(raw.encode("utf-8"), "text/plain").text


def best_sim(words: list[str], gold_words: list[list[str]]) -> float:
    dice = scorer().dice
    return max((dice(words, g) for g in gold_words), default=0.0)


def examples_of(doc: GoldDocument) -> Examples:
    """Every kind of example from one annotated document."""
    from extraction.segment import segment
    from models.attachment import attachment_examples

    sc = scorer()
    text = document_text(doc.text)
    gold_words = [sc.tokens(t.get("text", "")) for t in doc.tasks]
    out = Examples()
    for cand in task_candidates(text, segment(text)):
        words = sc.tokens(text[cand.span.start : cand.span.end])
        out.task.append((cand.features, TASK if best_sim(words, gold_words) >= MIN_SIM else OTHER))
    out.role.extend(role_examples(doc, text))
    out.deadline.extend(attachment_examples(doc, MIN_SIM))
    return out


def rules_tasks(text: str) -> tuple[list[Any], Any]:
    """The rules pipeline's task proposals for ``text`` and the document's metadata."""
    from extraction.pipeline import propose
    from extraction.types import Document

    proposal = propose(Document(text))
    return list(proposal.tasks), proposal.document


def mentions_of(text: str, task: Any, issued: Any) -> list[Mention]:
    from extraction.bodies import BodyDirectory
    from extraction.types import Body, Span

    task_text = text[task.span.start : task.span.end]
    found = [
        Body(b.name, Span(task.span.start + b.span.start, task.span.start + b.span.end), b.in_directory)
        for b in BodyDirectory.load().find(task_text, at=issued)
        if b.span is not None
    ]
    return task_mentions(text, task.span, task.lead, task.support, found)


def role_label(name: str, gold: dict[str, Any]) -> str:
    sc = scorer()
    names = sc.name_set([name])
    if names and names <= sc.name_set(gold.get("lead")):
        return LEAD
    if names and names <= sc.name_set(gold.get("support")):
        return SUPPORT
    return NEITHER


def role_examples(doc: GoldDocument, text: str) -> list[tuple[str, str]]:
    sc = scorer()
    tasks, info = rules_tasks(text)
    pairs = sc.match(doc.tasks, [{"text": t.text} for t in tasks], MIN_SIM)
    out = []
    for i, j in pairs:
        for mention in mentions_of(text, tasks[j], info.issued):
            out.append((mention.features, role_label(mention.body.name, doc.tasks[i])))
    return out


def build_examples(docs: list[GoldDocument]) -> Examples:
    out = Examples()
    for doc in docs:
        out.extend(_cached_examples(doc))
    return out


_EXAMPLES: dict[str, Examples] = {}


def _cached_examples(doc: GoldDocument) -> Examples:
    """A document's examples, computed once per process: cross-validation and the
    out-of-fold calibration train on the same documents many times over."""
    import hashlib
    import json

    key = hashlib.sha256(
        (doc.name + "\0" + doc.text + "\0" + json.dumps(doc.gold, sort_keys=True, ensure_ascii=False)).encode()
    ).hexdigest()
    if key not in _EXAMPLES:
        _EXAMPLES[key] = examples_of(doc)
    return _EXAMPLES[key]
