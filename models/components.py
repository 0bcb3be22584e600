"""spaCy components that put a trained model into the extraction pipeline.

    giaoviec_task_detector_v1    after giaoviec_segment_v1: drops drafts the model is sure
                                 are not tasks, adds body paragraphs/sentences it is sure are
    giaoviec_role_classifier_v1  after giaoviec_roles_v1: fills a missing lead and adds
                                 co-operating bodies the rules did not read
    giaoviec_deadline_attacher_v1  after giaoviec_deadlines_v1: chooses which time phrase
                                 governs each task among those the rules could have chosen

Both read and write ``doc._.giaoviec`` exactly as the rules components do (``drafts``,
``roles``), so ``extraction.proposal`` needs no change. ``model_dir`` is a trained version's
folder (``models/v001``); empty means the active version (``models/ACTIVE``). The model loads
on the first document, not when the pipeline is built, so a pipeline start stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components import document_text, shared_state
from models.classifiers import Predict, load_classifier
from models.examples import LEAD, SUPPORT, TASK, mentions_of

# Chosen on the held-out split and the dev corpus (docs/models.md): adding missed paragraphs
# raised recall on news summaries but cost more precision on real directives, so it is off.
DEFAULT_KEEP = 0.15
DEFAULT_ADD = 0.95
DEFAULT_ROLE = 0.7


def resolve_model_dir(model_dir: str) -> Path:
    from models.loaders import active_model_dir

    if model_dir:
        return Path(model_dir)
    active = active_model_dir()
    if active is None:
        raise FileNotFoundError(
            "no model version is active; run giaoviec models activate VERSION, "
            "or leave the model components out of the pipeline"
        )
    return active


class _Lazy:
    """A classifier loaded on first use."""

    def __init__(self, model_dir: str, part: str) -> None:
        self.model_dir = model_dir
        self.part = part
        self._predict: Predict | None = None

    def __call__(self, texts: list[str]) -> list[dict[str, float]]:
        if self._predict is None:
            self._predict = load_classifier(resolve_model_dir(self.model_dir) / self.part)
        return self._predict(texts)


@Language.factory(
    "giaoviec_task_detector_v1",
    requires=["doc._.giaoviec"],
    assigns=["doc.spans", "doc._.giaoviec"],
    default_config={
        "model_dir": "",
        "keep_threshold": DEFAULT_KEEP,
        "add_missed": False,
        "add_threshold": DEFAULT_ADD,
    },
)
def make_task_detector(
    nlp: Language,
    name: str,
    model_dir: str,
    keep_threshold: float,
    add_missed: bool,
    add_threshold: float,
) -> TaskDetector:
    return TaskDetector(_Lazy(model_dir, "task_detector"), keep_threshold, add_threshold if add_missed else None)


class TaskDetector:
    """Re-scores the segmenter's drafts and, with ``add_threshold`` set, proposes the body text
    it missed."""

    def __init__(self, predict: _Lazy, keep_threshold: float, add_threshold: float | None) -> None:
        self.predict = predict
        self.keep_threshold = keep_threshold
        self.add_threshold = add_threshold

    def __call__(self, doc: Doc) -> Doc:
        from models.candidates import task_candidates

        state = shared_state(doc)
        text = document_text(doc)
        candidates = task_candidates(text, state.drafts)
        scores = [p[TASK] for p in self.predict([c.features for c in candidates])] if candidates else []
        kept = [
            c.draft for c, p in zip(candidates, scores, strict=True) if c.draft is not None and p >= self.keep_threshold
        ]
        added = (
            self._added(text, candidates, scores, kept, self.add_threshold) if self.add_threshold is not None else []
        )
        drafts = sorted(kept + added, key=lambda d: d.span.start)
        state.drafts = drafts
        state.task_scores = {(c.span.start, c.span.end): round(p, 4) for c, p in zip(candidates, scores, strict=True)}
        spans = [
            s
            for d in drafts
            if (s := doc.char_span(d.span.start, d.span.end, label="TASK", alignment_mode="expand")) is not None
        ]
        doc.spans["tasks"] = spans
        return doc

    def _added(
        self, text: str, candidates: list[Any], scores: list[float], kept: list[Any], threshold: float
    ) -> list[Any]:
        """New drafts: a free paragraph when it scores high, else its high-scoring sentences."""
        from extraction.grammar import find_lead, find_support
        from extraction.types import TaskDraft

        chosen = []
        blocks = {(c.span.start, c.span.end): p for c, p in zip(candidates, scores, strict=True) if c.kind == "block"}
        for c, p in zip(candidates, scores, strict=True):
            if c.draft is not None or p < threshold:
                continue
            if c.kind == "sentence" and any(
                s <= c.span.start and c.span.end <= e and bp >= threshold for (s, e), bp in blocks.items()
            ):
                continue
            chosen.append(c.span)
        out = []
        for span in chosen:
            before = [d for d in kept if d.span.start < span.start]
            inherited = before[-1] if before else None
            lead = find_lead(text, span.start, span.end)
            out.append(
                TaskDraft(
                    span=span,
                    origin="model",
                    lead=lead,
                    support=find_support(text, span.start, span.end),
                    inherited_lead=(inherited.lead or inherited.inherited_lead) if inherited else None,
                    lead_source="own" if lead else ("inherited" if inherited else "none"),
                )
            )
        return out


@Language.factory(
    "giaoviec_role_classifier_v1",
    requires=["doc._.giaoviec"],
    assigns=["doc._.giaoviec"],
    default_config={"model_dir": "", "threshold": DEFAULT_ROLE},
)
def make_role_classifier(nlp: Language, name: str, model_dir: str, threshold: float) -> RoleClassifier:
    return RoleClassifier(_Lazy(model_dir, "role_classifier"), threshold)


class RoleClassifier:
    """Fills in what the rules left out: a lead where they found none, co-operating bodies
    they did not read. It never removes a body the rules named. ``doc._.giaoviec
    ["role_changes"]`` lists, per task, the fields it changed (for the proposal's provenance)."""

    def __init__(self, predict: _Lazy, threshold: float) -> None:
        self.predict = predict
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        state = shared_state(doc)
        text = document_text(doc)
        issued = state.issued
        roles, changes, evidence = [], [], []
        for draft, role in zip(state.drafts, state.roles, strict=True):
            # every mention is scored: the rules' own bodies too, for the calibration's evidence
            mentions = mentions_of(text, _TaskView(draft.span, role.lead, role.support), issued)
            probs = self.predict([m.features for m in mentions]) if mentions else []
            updated = self._review(role, mentions, probs)
            roles.append(updated)
            changes.append([f for f in ("lead", "support") if getattr(updated, f) != getattr(role, f)])
            evidence.append(_evidence(updated, mentions, probs))
        state.role_changes = changes
        state.role_evidence = evidence
        state.roles = roles
        return doc

    def _review(self, role: Any, mentions: list[Any], probs: list[dict[str, float]]) -> Any:
        """The task's roles with a missing lead and missed co-operating bodies filled in."""
        from extraction.types import Body

        named = {b.name for b in role.lead} | {b.name for b in role.support}
        spans = [b.span for b in (*role.lead, *role.support) if b.span is not None]
        lead: tuple[Body, ...] = role.lead
        support = list(role.support)
        for m, p in zip(mentions, probs, strict=True):
            if m.source != "directory" or _already_named(m.body.name, named) or _inside(m.body.span, spans):
                continue
            if not lead and p[LEAD] >= self.threshold:
                lead = (m.body,)
                named.add(m.body.name)
            elif p[SUPPORT] >= self.threshold:
                support.append(m.body)
                named.add(m.body.name)
        return replace(role, lead=lead, support=tuple(support))


def _inside(span: Any, spans: list[Any]) -> bool:
    """Whether a mention lies within a body the rules named ("Trạm Y tế" in "Trạm Y tế các xã"):
    it is part of that name, not another body."""
    return span is not None and any(s.start <= span.start and span.end <= s.end for s in spans)


def _already_named(name: str, named: set[str]) -> bool:
    """Whether ``name`` is a body already named, or a list of them ("các Bộ, cơ quan liên quan"
    when "các Bộ" and "cơ quan liên quan" are, or "các bộ, cơ quan, địa phương" when "các bộ" and
    "cơ quan, địa phương" are): adding it again would repeat them."""
    known = {_bare(part) for n in named for part in re.split(r"[,;]", n) if part.strip()}
    return all(_bare(part) in known for part in re.split(r"[,;]", name) if part.strip())


def _bare(name: str) -> str:
    return re.sub(r"^(?:các|những)\s+", "", name.strip().casefold())


def _evidence(role: Any, mentions: list[Any], probs: list[dict[str, float]]) -> Any:
    """What the classifier thought of the bodies the rules named, and of those they did not."""
    from extraction.types import RoleEvidence

    leads = {b.name for b in role.lead}
    supports = {b.name for b in role.support}

    def extreme(pick: Any, field: str, keep: Any) -> float | None:
        values = [p[field] for m, p in zip(mentions, probs, strict=True) if keep(m.body.name)]
        return round(pick(values), 4) if values else None

    return RoleEvidence(
        named_lead=extreme(min, LEAD, lambda n: n in leads),
        named_support=extreme(min, SUPPORT, lambda n: n in supports),
        other_lead=extreme(max, LEAD, lambda n: n not in leads | supports),
        other_support=extreme(max, SUPPORT, lambda n: n not in leads | supports),
    )


class _TaskView:
    """The fields of a task that :func:`mentions_of` reads."""

    def __init__(self, span: Any, lead: Any, support: Any) -> None:
        self.span = span
        self.lead = lead
        self.support = support


@Language.factory(
    "giaoviec_deadline_attacher_v1",
    requires=["doc._.giaoviec"],
    assigns=["doc._.giaoviec"],
    default_config={"model_dir": ""},
)
def make_deadline_attacher(nlp: Language, name: str, model_dir: str) -> DeadlineAttacher:
    return DeadlineAttacher(_Lazy(model_dir, "deadline_attacher"))


class DeadlineAttacher:
    """Scores every deadline each task could take (:mod:`models.attachment`) and keeps the
    best: the rules' choice is one of its features, so it changes a deadline only where what
    it learned outweighs that. ``deadline_changes`` records where it did, for provenance."""

    def __init__(self, predict: _Lazy) -> None:
        self.predict = predict

    def __call__(self, doc: Doc) -> Doc:
        from models.attachment import ATTACH, best_candidate, deadline_candidates, deadline_key, drops_the_first_due_day

        state = shared_state(doc)
        per_task = [
            deadline_candidates(state.text, draft, state.issued, rules_choice, state.in_force, state.events)
            for draft, rules_choice in zip(state.drafts, state.deadlines, strict=True)
        ]
        flat = [c.features for candidates in per_task for c in candidates]
        scores = iter([p[ATTACH] for p in self.predict(flat)] if flat else [])
        deadlines, changes = [], []
        for candidates, rules_choice in zip(per_task, state.deadlines, strict=True):
            best, _ = best_candidate(candidates, [next(scores) for _ in candidates])
            changed = deadline_key(best.deadline) != deadline_key(rules_choice) and not drops_the_first_due_day(
                best.deadline, rules_choice
            )
            deadlines.append(best.deadline if changed else rules_choice)
            changes.append(changed)
        state.deadlines = deadlines
        state.deadline_changes = changes
        return doc


@Language.factory(
    "giaoviec_mention_tagger_v1",
    requires=["doc._.giaoviec"],
    assigns=["doc._.giaoviec"],
    default_config={"model_dir": ""},
)
def make_mention_tagger(nlp: Language, name: str, model_dir: str) -> MentionCheck:
    return MentionCheck(model_dir)


class MentionCheck:
    """Reads each task's named bodies with the body-mention tagger (``mentions.crf``) and
    records how sure it is that each name is exactly one mention where the text writes it
    (``name_evidence``, which the calibration reads).

    It does not change a name. Letting the tagger's boundary win where it doubts the grammar's
    (P < 0.1) and is sure of its own (P > 0.3) was measured leaving one family out: 1 lead
    better, 12 worse (it cuts names with commas, "Viện Văn hóa, Nghệ thuật, ...", and the
    names a shared head distributes); lead F1 0.925 → 0.913. So the grammar's name stands.
    """

    def __init__(self, model_dir: str) -> None:
        self.model_dir = model_dir
        self._tagger: Any = None

    def __call__(self, doc: Doc) -> Doc:
        self.check_state(shared_state(doc))
        return doc

    def check_state(self, state: Any) -> None:
        """Record the tagger's view of every task's names in ``state`` (``PipelineState``)."""
        from extraction.types import NameEvidence

        if self._tagger is None:
            from models.mentions import MentionTagger

            self._tagger = MentionTagger.load(resolve_model_dir(self.model_dir))
        windows: dict[tuple[int, int], Any] = {}
        state.name_evidence = [
            NameEvidence(
                lead=self._lowest(state.text, role.lead, windows),
                support=self._lowest(state.text, role.support, windows),
            )
            for role in state.roles
        ]

    def _lowest(self, text: str, bodies: Any, windows: dict[tuple[int, int], Any]) -> float | None:
        """The lowest probability of the bodies' names as written (None: none is written)."""
        lowest = None
        for body in bodies:
            if body.span is None:
                continue
            start, end = _line_window(text, body.span)
            if (start, end) not in windows:
                windows[(start, end)] = self._tagger.analyse(text[start:end])
            p = windows[(start, end)].span_probability(body.span.start - start, body.span.end - start)
            lowest = p if lowest is None else min(lowest, p)
        return round(lowest, 4) if lowest is not None else None


# The tagger reads a name with its line around it, as it was trained on task texts.
WINDOW_CHARS = 300


def _line_window(text: str, span: Any) -> tuple[int, int]:
    """The line around ``span`` without its list marker ("a) ", as gold task texts are
    written), at most ``WINDOW_CHARS`` either side of the span, cut at spaces."""
    from extraction.structure import marker_of

    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    line_start += min(marker_of(text[line_start:line_end])[1], span.start - line_start)
    start = max(line_start, span.start - WINDOW_CHARS)
    end = min(line_end, span.end + WINDOW_CHARS)
    if start > line_start and text[start - 1] != " ":
        start = text.find(" ", start, span.start) + 1 or span.start
    return start, end


@Language.factory(
    "giaoviec_confidence_v1",
    requires=["doc._.giaoviec"],
    assigns=["doc._.giaoviec"],
    default_config={"model_dir": ""},
)
def make_confidence(nlp: Language, name: str, model_dir: str) -> ConfidenceComponent:
    return ConfidenceComponent(model_dir)


class ConfidenceComponent:
    """Calibrated probabilities per task and field (``doc._.giaoviec.field_confidence``)
    and the fields a reviewer must look at (``["needs_review"]``), from the evidence the other
    components left (:mod:`models.calibration`)."""

    def __init__(self, model_dir: str) -> None:
        self.model_dir = model_dir
        self._calibrator: Any = None

    def __call__(self, doc: Doc) -> Doc:
        from models.calibration import CALIBRATION_FILE, Calibrator, task_features

        if self._calibrator is None:
            self._calibrator = Calibrator.load(resolve_model_dir(self.model_dir) / CALIBRATION_FILE)
        state = shared_state(doc)
        text = document_text(doc)
        confidence = [self._calibrator.probabilities(task_features(state, i, text)) for i in range(len(state.drafts))]
        state.field_confidence = confidence
        state.needs_review = [self._calibrator.needs_review(c) for c in confidence]
        return doc
