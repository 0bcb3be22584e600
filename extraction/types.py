"""Core value types of the extraction pipeline.

Every type here is a frozen, slotted dataclass: values flow from one stage to the next and are
never mutated. Offsets are character offsets into ``Document.text`` (the normalised text)
unless a docstring says otherwise.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from itertools import takewhile
from typing import Any


class DeadlineKind(StrEnum):
    """The five deadline kinds of ``shared/corpus/GUIDELINES.md``."""

    DATE = "date"
    PERIOD = "period"
    RECURRING = "recurring"
    RELATIVE = "relative"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled range ``[start, end)`` of characters in a text."""

    start: int
    end: int
    label: str = ""

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A normalised deadline: the words that give it and what they mean.

    ``date`` is the day a tracker records (for a period, its last day); ``recurrence`` is one
    of monthly | quarterly | half-yearly | yearly or None. ``warnings`` say why a date was
    left out or is doubtful (an impossible day, a day before the issue date, ...).
    """

    text: str | None
    kind: DeadlineKind
    date: date | None = None
    recurrence: str | None = None
    span: Span | None = None
    warnings: tuple[str, ...] = ()

    @staticmethod
    def none() -> Deadline:
        return Deadline(text=None, kind=DeadlineKind.NONE)


@dataclass(frozen=True, slots=True)
class Body:
    """A body (cơ quan, tổ chức) named in a text, by its canonical name."""

    name: str
    span: Span | None = None
    in_directory: bool = True


# --- ingestion -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of source text, as the reader found it (not yet normalised)."""

    text: str
    page: int | None = None
    # OCR'd paragraphs only: each recognised word and tesseract's confidence in it (0 to 1),
    # in the order the words appear in ``text``.
    words: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rows of cell texts (cells may hold several lines joined by ``" / "``)."""

    rows: tuple[tuple[str, ...], ...]
    page: int | None = None


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class SourceText:
    """What a reader got out of a file: blocks in reading order, before normalisation.

    ``margins`` holds text that is not part of the body but may carry a secrecy mark: page
    headers and footers, text boxes, running rows of a PDF.
    """

    blocks: tuple[Block, ...]
    media_type: str
    page_count: int | None = None
    margins: tuple[str, ...] = ()
    # What reading took beyond the file's own text ("OCR of 3 pages", "TCVN3 → Unicode"), so
    # that a document still refused says what was tried.
    conversions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OcrWord:
    """A word read by OCR: ``[start, end)`` in the normalised text and the OCR's confidence."""

    start: int
    end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class CellRange:
    """Where one table cell lies in the normalised text."""

    table: int
    row: int
    col: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the normalised text back to pages and table cells.

    ``page_starts[i]`` is the offset at which page ``page_numbers[i]`` begins; text before
    the first entry (or when there are no pages, as for ``.txt``) has no page.
    """

    page_starts: tuple[int, ...] = ()
    page_numbers: tuple[int, ...] = ()
    cells: tuple[CellRange, ...] = ()
    ocr_words: tuple[OcrWord, ...] = ()

    def ocr_words_in(self, start: int, end: int) -> tuple[OcrWord, ...]:
        """The OCR'd words that overlap ``[start, end)`` (none for a text layer or a file)."""
        first = bisect.bisect_right([word.end for word in self.ocr_words], start)
        return tuple(takewhile(lambda word: word.start < end, self.ocr_words[first:]))

    def page_at(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.page_starts, offset) - 1
        return self.page_numbers[i] if i >= 0 else None

    def cell_at(self, offset: int) -> CellRange | None:
        for cell in self.cells:
            if cell.start <= offset < cell.end:
                return cell
        return None

    def row_cells(self, table: int, row: int) -> tuple[CellRange, ...]:
        return tuple(c for c in self.cells if c.table == table and c.row == row)


@dataclass(frozen=True, slots=True)
class Document:
    """The normalised text of one document (NFC, one line per paragraph or table row), and the
    text of its margins (``SourceText.margins``), read only for the secrecy mark."""

    text: str
    offsets: OffsetMap = field(default_factory=OffsetMap)
    media_type: str = "text/plain"
    margins: tuple[str, ...] = ()


# --- output ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Header and signature-block metadata of a document."""

    type: str | None = None
    number: str | None = None
    issued: date | None = None
    issuer: str | None = None
    signer: str | None = None
    secrecy: str | None = None
    title: str | None = None
    secrecy_note: str | None = None


@dataclass(frozen=True, slots=True)
class SecrecyMark:
    """A secrecy mark found in a document: its level (Mật, Tối mật, Tuyệt mật) and the words as
    printed. ``reason`` says why the level was taken as the highest it could be when the mark
    is not clearly one level (``is_ambiguous``)."""

    level: str
    words: str
    is_ambiguous: bool = False
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    """One quality check of a task (Kết luận 226-KL/TW "six clear"): passes or not, and why."""

    name: str
    ok: bool
    words: str | None = None


@dataclass(frozen=True, slots=True)
class TaskProposal:
    """One assigned piece of work, as proposed to the office for review.

    ``provenance`` maps a field name (text, lead, support, deadline) to the component that
    filled it, e.g. ``{"lead": "giaoviec_roles_v1"}`` (the controlled-AI rule).
    """

    id: str
    span: Span
    text: str
    lead: tuple[Body, ...]
    support: tuple[Body, ...]
    deadline: Deadline
    confidence: float
    page: int | None = None
    provenance: tuple[tuple[str, str], ...] = ()
    product: str | None = None
    flags: tuple[Flag, ...] = ()
    # calibrated probability per field ("task", "lead", "support", "deadline") and the fields
    # below the review threshold; empty when no calibrated model ran
    field_confidence: tuple[tuple[str, float], ...] = ()
    needs_review: tuple[str, ...] = ()
    # From OCR'd text only: the lowest word confidence in the span, and the words below the
    # review threshold (spans in the normalised text) that the reviewer should check.
    ocr_confidence: float | None = None
    uncertain_words: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Proposal:
    """Everything the pipeline proposes for one document."""

    document: DocumentInfo
    tasks: tuple[TaskProposal, ...]
    pipeline_version: str
    components: tuple[str, ...]
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    model_version: str | None = None


@dataclass(frozen=True, slots=True)
class TaskDraft:
    """A task found in the text, with where to look for its lead, support and deadline.

    ``lead`` and ``support`` are noun phrases in the task itself (or its table cells);
    ``inherited_lead``/``inherited_support`` come from its lead-in, heading or the document's
    addressee; ``deadline_context`` are spans of lead-ins and headings whose deadline the task
    inherits when it states none; ``deadline_cell`` is a table's deadline column.
    """

    span: Span
    origin: str
    lead: Span | None = None
    support: Span | None = None
    inherited_lead: Span | None = None
    lead_source: str = "none"
    inherited_support: Span | None = None
    deadline_context: tuple[Span, ...] = ()
    deadline_cell: Span | None = None
    product_cell: Span | None = None


@dataclass(frozen=True, slots=True)
class Roles:
    """The named lead and co-operating bodies of one task, and where the lead came from."""

    lead: tuple[Body, ...]
    support: tuple[Body, ...]
    lead_source: str


@dataclass(frozen=True, slots=True)
class RoleEvidence:
    """The role classifier's view of one task's bodies named in the directory: the lowest
    lead (support) probability of a body the task names as lead (support), the highest lead
    (support) probability of a body it leaves out. None where there is no such body. The
    calibration reads them: a lead the model doubts, or a body it would have named, is a
    reason to look again."""

    named_lead: float | None = None
    named_support: float | None = None
    other_lead: float | None = None
    other_support: float | None = None


@dataclass(frozen=True, slots=True)
class NameEvidence:
    """The body-mention tagger's view of the names a task gives as written: the lowest
    probability that a lead's (co-operating body's) name is exactly one mention where the text
    writes it. None where the task names no such body in text the tagger read."""

    lead: float | None = None
    support: float | None = None


@dataclass(slots=True)
class PipelineState:
    """What the pipeline's components share on a ``Doc`` (``doc._.giaoviec``), one entry per task
    draft in every list: each component reads what the ones before it wrote.

    Set by the pipeline: ``text`` (the normalised text; spaCy rebuilds ``doc.text`` on every
    access), ``issued``, ``in_force``, ``events``, ``issuer``, ``type``. Then: ``drafts`` (segmenter),
    ``task_scores`` (task detector, by span), ``roles`` (roles), ``role_changes`` (role classifier:
    the fields it changed; ``role_evidence``: what it thought of the task's bodies), ``deadlines``
    (deadlines; ``deadline_changes``: where the deadline attacher changed one),
    ``field_confidence`` and ``needs_review`` (calibration).
    """

    text: str
    issued: date | None = None
    in_force: date | None = None  # the day the document takes effect, where its text says
    events: tuple[Any, ...] = ()  # the days the document prints, for counts from its events (deadlines.EventDay)
    issuer: str | None = None
    type: str | None = None
    drafts: list[TaskDraft] = field(default_factory=list)
    task_scores: dict[tuple[int, int], float] = field(default_factory=dict)
    roles: list[Roles] = field(default_factory=list)
    role_changes: list[list[str]] | None = None
    role_evidence: list[RoleEvidence] | None = None
    name_evidence: list[NameEvidence] | None = None
    deadlines: list[Deadline] = field(default_factory=list)
    deadline_changes: list[bool] | None = None
    field_confidence: list[dict[str, float]] | None = None
    needs_review: list[list[str]] | None = None
