"""What the learned components look at: task candidates and body mentions, as feature texts.

The task detector scores *candidates*: the segmenter's drafts, and the paragraphs and
sentences of the document's body that no draft covers ("Ban Bí thư chỉ đạo các cơ quan thực
hiện ..." in a news summary, which the rules miss). The role classifier scores *mentions*:
each body named in a task, with the words around it.

Both become one feature text each: marker words (``__draft``, ``__h_mục``) followed by the
words themselves, so a bag-of-words model and a transformer read the same input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extraction.segment import body_range
from extraction.structure import is_heading, iter_lines, marker_of
from extraction.types import Body, Span, TaskDraft

SENTENCE_END = re.compile(r"(?<=[.!?;])[\"”]?\s+(?=[\"“]?[A-ZĐÀ-Ỹ])")
CONTEXT_WORDS = 8
MIN_WORDS = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    """A piece of text that may be a task; ``kind`` is draft | block | sentence."""

    span: Span
    kind: str
    features: str
    draft: TaskDraft | None = None


def blocks(text: str) -> list[Span]:
    """The paragraphs of the document's body, wrapped lines joined.

    A line continues the one before when that one does not end a sentence or a lead-in
    (".", ";", ":", "!", "?") and it does not start a numbered item ("a)", "2.", "-").
    """
    lines = iter_lines(text)
    start, end = body_range(text, lines)
    out: list[Span] = []
    for line in lines[start:end]:
        content = text[line.start : line.end]
        if out and _continues(text[out[-1].start : out[-1].end], content):
            out[-1] = Span(out[-1].start, line.end)
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str) -> bool:
    if previous.rstrip().endswith((".", ";", ":", "!", "?")) or is_heading(previous):
        return False
    return marker_of(line)[0] == "para"


def sentences(text: str, block: Span) -> list[Span]:
    """The sentences of a block (split after ".", ";", "!" or "?" before a capital)."""
    pieces, start = [], block.start
    for m in SENTENCE_END.finditer(text, block.start, block.end):
        pieces.append(Span(start, m.start() + (1 if text[m.start()] in '"”' else 0)))
        start = m.end()
    pieces.append(Span(start, block.end))
    return [p for p in pieces if p.end > p.start]


def _words(text: str) -> int:
    return len(text.split())


def _heading_before(text: str, offset: int, headings: Sequence[Span]) -> str:
    """The words of the nearest heading before ``offset``, as ``__h_`` markers."""
    words: list[str] = []
    for h in headings:
        if h.start >= offset:
            break
        words = text[h.start : h.end].lower().split()[-4:]
    return " ".join(f"__h_{w.strip('.,:;()')}" for w in words if w.strip(".,:;()"))


def _markers(text: str, span: Span, kind: str, origin: str | None) -> str:
    content = text[span.start : span.end]
    style = marker_of(content)[0]
    parts = [f"__{kind}", f"__style_{style}"]
    if origin:
        parts.append(f"__origin_{origin}")
    if content.rstrip().endswith(":"):
        parts.append("__colon")
    if _words(content) > 60:
        parts.append("__long")
    return " ".join(parts)


def feature_text(text: str, span: Span, kind: str, headings: Sequence[Span], origin: str | None) -> str:
    """Markers, the nearest heading and the candidate's own words."""
    heading = _heading_before(text, span.start, headings)
    words = " ".join(text[span.start : span.end].split())
    return f"{_markers(text, span, kind, origin)} {heading} {words}".replace("  ", " ")


def task_candidates(text: str, drafts: Iterable[TaskDraft]) -> list[Candidate]:
    """The drafts, then every body paragraph or sentence that overlaps no draft."""
    drafts = list(drafts)
    body = blocks(text)
    headings = [b for b in body if is_heading(text[b.start : b.end])]
    out = [Candidate(d.span, "draft", feature_text(text, d.span, "draft", headings, d.origin), d) for d in drafts]
    taken = [d.span for d in drafts]
    for block in body:
        if any(_overlaps(block, t) for t in taken) or _words(text[block.start : block.end]) < MIN_WORDS:
            continue
        if is_heading(text[block.start : block.end]):
            continue
        out.append(Candidate(block, "block", feature_text(text, block, "block", headings, None)))
        parts = sentences(text, block)
        if len(parts) > 1:
            out.extend(
                Candidate(p, "sentence", feature_text(text, p, "sentence", headings, None))
                for p in parts
                if _words(text[p.start : p.end]) >= MIN_WORDS
            )
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


@dataclass(frozen=True, slots=True)
class Mention:
    """A body named in (or inherited by) a task, with the feature text the classifier reads."""

    body: Body
    features: str
    source: str  # rules_lead | rules_support | directory


def mention_features(text: str, task: Span, mention: Span | None, source: str) -> str:
    """Words before the name, the name between markers, words after; plus where it came from.

    "... Giao <e> Bộ Tài chính </e> chủ trì, phối hợp với ..." — the words "Giao" before and
    "chủ trì" after are what tell a lead from a co-operating body.
    """
    if mention is None or not (task.start <= mention.start and mention.end <= task.end):
        inside = "__outside"
        left = right = ""
        name = ""
    else:
        inside = "__inside"
        left = " ".join(text[task.start : mention.start].split()[-CONTEXT_WORDS:])
        right = " ".join(text[mention.end : task.end].split()[:CONTEXT_WORDS])
        name = " ".join(text[mention.start : mention.end].split())
    first = (
        "__first" if mention is not None and not text[task.start : mention.start].strip(" -+.()0123456789abcdđ") else ""
    )
    return " ".join(p for p in (f"__src_{source}", inside, first, left, "<e>", name, "</e>", right) if p)


def task_mentions(
    text: str, task: Span, lead: Sequence[Body], support: Sequence[Body], found: Sequence[Body]
) -> list[Mention]:
    """The rules' lead and co-operating bodies and the directory's finds in the task, once each
    (by position; a body the rules inherited from a lead-in has its span outside the task)."""
    out: list[Mention] = []
    seen: set[tuple[int, int] | str] = set()
    for source, bodies in (("rules_lead", lead), ("rules_support", support), ("directory", found)):
        for body in bodies:
            key: tuple[int, int] | str = (body.span.start, body.span.end) if body.span else body.name
            if key in seen or body.name in {m.body.name for m in out}:
                continue
            seen.add(key)
            out.append(Mention(body, mention_features(text, task, body.span, source), source))
    return out
