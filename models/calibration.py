"""Calibrated confidence: how likely each proposed task, and each of its fields, is right.

The grammar and the learned components leave evidence on the ``Doc`` (where the lead came
from, whether the directory knows every name, the task detector's score, whether a deadline
was inherited or carries a warning ...). :func:`task_features` reads that evidence for one
task; a logistic model per field (task, lead, support, deadline) turns it into a probability.
The models are fitted on **out-of-fold** proposals (:func:`out_of_fold_rows`): each document's
features come from a pipeline trained without it, so the probabilities are those of
documents the model has not seen, which is what calibration means here.

Labels come from the shared scorer: a proposal is a right task when the scorer matches it to
a gold task; its lead (support) is right when the scorer's name sets agree; its deadline when
kind and date both agree. Field probabilities are conditional on the task being right.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from extraction.types import PipelineState
from models.corpus import GoldDocument

FIELDS = ("task", "lead", "support", "deadline")
# "accept": the whole proposal is right (the task, and its lead, support and deadline as they
# are): the proposal's own confidence, what "accept all above 90 %" needs
ACCEPT = "accept"
MODELLED = (*FIELDS, ACCEPT)
CALIBRATION_FILE = "calibration.json"
REVIEW_BELOW = 0.9
L2 = 3.0
Row = tuple[dict[str, float], dict[str, int | None]]


# --- evidence --------------------------------------------------------------------------------


def task_features(state: PipelineState, index: int, text: str) -> dict[str, float]:
    """The evidence for task ``index`` of an annotated Doc's shared state, as named numbers."""
    draft = state.drafts[index]
    roles = state.roles[index]
    deadline = state.deadlines[index]
    changes = (state.role_changes or [()] * len(state.drafts))[index]
    detector = (state.task_scores or {}).get((draft.span.start, draft.span.end))
    body = text[draft.span.start : draft.span.end]
    lead_names = [b.name for b in roles.lead]
    inherited_deadline = deadline.span is not None and not (
        draft.span.start <= deadline.span.start < draft.span.end
    )
    f: dict[str, float] = {
        "bias": 1.0,
        f"origin={draft.origin}": 1.0,
        f"lead_source={roles.lead_source}": 1.0,
        f"leads={min(len(roles.lead), 3)}": 1.0,
        "lead_known": float(bool(roles.lead) and all(b.in_directory for b in roles.lead)),
        "lead_generic": float(any(n[:1].islower() for n in lead_names)),
        "lead_in_text": float(any(n.lower() in body.lower() for n in lead_names)),
        f"supports={min(len(roles.support), 2)}": 1.0,
        "support_known": float(bool(roles.support) and all(b.in_directory for b in roles.support)),
        "cooperate_cue": float("phối hợp" in body.lower()),
        f"deadline={deadline.kind}": 1.0,
        "deadline_warning": float(bool(deadline.warnings)),
        "deadline_inherited": float(inherited_deadline),
        "deadline_in_text": float(deadline.span is not None and not inherited_deadline),
        "length": min(math.log1p(len(body)) / 7.0, 1.5),
        "long": float(len(body) > 600),
        "role_model_changed": float(bool(changes)),
    }
    f[f"type={state.type or 'unknown'}"] = 1.0
    f[f"tasks_in_document={_bucket(len(state.drafts), (3, 10, 25))}"] = 1.0
    f["lead_words"] = min(sum(len(n.split()) for n in lead_names) / 10.0, 2.0)
    f["directs"] = float("chỉ đạo" in body.lower())
    f["inline_list"] = float(bool(re.search(r"\(\d\)|\b[a-d]\)\s", body)))
    f["colon"] = float(":" in body)
    f.update(_role_features(state, index))
    f.update(_name_features(state, index))
    if detector is not None:
        f["detector"] = float(detector)
        f["detector_low"] = float(detector < 0.5)
    else:
        f["no_detector"] = 1.0
    return f


def _role_features(state: PipelineState, index: int) -> dict[str, float]:
    """The role classifier's doubts: each probability, and a flag where there is none."""
    evidence = state.role_evidence[index] if state.role_evidence else None
    out = {}
    for name in ("named_lead", "named_support", "other_lead", "other_support"):
        value = getattr(evidence, name) if evidence is not None else None
        if value is None:
            out[f"no_{name}"] = 1.0
        else:
            out[name] = value
    return out


def _name_features(state: PipelineState, index: int) -> dict[str, float]:
    """The mention tagger's doubts about the names as written, and a flag where it read none."""
    evidence = state.name_evidence[index] if state.name_evidence else None
    out = {}
    for name in ("lead", "support"):
        value = getattr(evidence, name) if evidence is not None else None
        if value is None:
            out[f"no_{name}_name"] = 1.0
        else:
            out[f"{name}_name"] = value
            out[f"{name}_name_doubtful"] = float(value < 0.5)
    return out


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


# --- the model -------------------------------------------------------------------------------


@dataclass
class Calibrator:
    """A logistic model per field over :func:`task_features`."""

    weights: dict[str, dict[str, float]] = field(default_factory=dict)
    review_below: float = REVIEW_BELOW

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        out = {}
        for name, w in self.weights.items():
            z = sum(w.get(k, 0.0) * v for k, v in features.items())
            out[name] = round(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))), 4)
        return out

    def needs_review(self, probabilities: dict[str, float]) -> list[str]:
        return [f for f in FIELDS if f in probabilities and probabilities[f] < self.review_below]

    def save(self, path: Path) -> None:
        data = {"fields": self.weights, "review_below": self.review_below}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Calibrator:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=data["fields"], review_below=data.get("review_below", REVIEW_BELOW))


def fit(rows: Sequence[Row], *, l2: float = L2) -> Calibrator:
    """One L2-regularised logistic regression per field, by Newton's method."""
    names = sorted({k for features, _ in rows for k in features})
    weights = {}
    for name in MODELLED:
        usable = [(f, labels[name]) for f, labels in rows if labels.get(name) is not None]
        if len({y for _, y in usable}) < 2:
            continue
        x = np.array([[f.get(k, 0.0) for k in names] for f, _ in usable])
        y = np.array([float(label) for _, label in usable])
        w = _newton(x, y, l2)
        weights[name] = {k: round(float(v), 6) for k, v in zip(names, w, strict=True) if abs(v) > 1e-9}
    return Calibrator(weights)


def _newton(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> np.ndarray:
    w = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = (x.T * (p * (1 - p))) @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


# --- data ------------------------------------------------------------------------------------


def labelled_rows(doc: GoldDocument, model_dir: Path | None) -> list[Row]:
    """Features and scorer labels of every task the pipeline proposes for ``doc``."""
    from extraction.pipeline import PipelineConfig, annotate, read_document
    from extraction.proposal import build_proposal, to_json
    from models.loaders import ALL_PARTS, pipeline_config
    from models.scorer import scorer

    uncalibrated = tuple(part for part in ALL_PARTS if part != "confidence")  # what is being calibrated
    config = pipeline_config(model_dir, parts=uncalibrated) if model_dir is not None else PipelineConfig()
    document = read_document(doc.text.encode("utf-8"), "text/plain")
    annotated, info = annotate(document, config=config)
    state = annotated._.giaoviec
    proposal = to_json(build_proposal(annotated, document, info, pipeline_version="", components=()))
    sc = scorer()
    predicted = proposal["tasks"]
    matched = dict((j, i) for i, j in sc.match(doc.tasks, predicted, 0.5))
    rows = []
    for j, task in enumerate(predicted):
        features = task_features(state, j, document.text)
        rows.append((features, _labels(sc, task, doc.tasks[matched[j]] if j in matched else None)))
    return rows


def _labels(sc: Any, predicted: dict[str, Any], gold: dict[str, Any] | None) -> dict[str, int | None]:
    if gold is None:
        return {"task": 0, "lead": None, "support": None, "deadline": None, ACCEPT: 0}
    pd, gd = sc.dl(predicted), sc.dl(gold)
    labels: dict[str, int | None] = {
        "task": 1,
        "lead": int(sc.name_set(predicted.get("lead")) == sc.name_set(gold.get("lead"))),
        "support": int(sc.name_set(predicted.get("support")) == sc.name_set(gold.get("support"))),
        "deadline": int(
            (pd.get("kind") or "none") == (gd.get("kind") or "none") and (pd.get("date") or None) == (gd.get("date") or None)
        ),
    }
    labels[ACCEPT] = int(all(labels[name] for name in FIELDS))
    return labels


def out_of_fold_rows(
    docs: list[GoldDocument],
    *,
    folds: int,
    train_classifiers: Callable[[list[GoldDocument], Path], None],
) -> list[Row]:
    """Rows of every document, each from classifiers trained on the other folds."""
    ordered = sorted(docs, key=lambda d: d.name)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="giaoviec-calib-") as tmp:
        for k in range(folds):
            held = ordered[k::folds]
            if not held:
                continue
            rest = [d for d in ordered if d not in held]
            model_dir = Path(tmp) / f"fold-{k}"
            train_classifiers(rest, model_dir)
            for doc in held:
                rows.extend(labelled_rows(doc, model_dir))
    return rows


# --- how well calibrated ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reliability:
    """Reliability table rows (low, high, count, mean confidence, accuracy) and the ECE."""

    rows: tuple[tuple[float, float, int, float, float], ...]
    ece: float
    count: int


def reliability(pairs: Sequence[tuple[float, int]], bins: int = 10) -> Reliability:
    """Expected calibration error over equal-width bins of confidence."""
    table = []
    total = len(pairs)
    ece = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if low <= p < high or (b == bins - 1 and p == 1.0)]
        if not inside:
            continue
        confidence = sum(p for p, _ in inside) / len(inside)
        accuracy = sum(y for _, y in inside) / len(inside)
        ece += len(inside) / total * abs(confidence - accuracy)
        table.append((low, high, len(inside), round(confidence, 4), round(accuracy, 4)))
    return Reliability(tuple(table), round(ece, 4), total)


def calibration_report(gold: Path, predictions: Path) -> dict[str, Any]:
    """ECE per field, and how right the proposals are whose every field is sure (≥ 0.9),
    from proposals written by :func:`models.crossval.cross_validate` (``field_confidence``)."""
    from models.corpus import read_corpus
    from models.scorer import scorer

    sc = scorer()
    pairs: dict[str, list[tuple[float, int]]] = {f: [] for f in MODELLED}
    sure = sure_right = 0
    for doc in read_corpus([gold]):
        path = predictions / f"{doc.name}.json"
        if not path.is_file():
            continue
        predicted = json.loads(path.read_text(encoding="utf-8"))["tasks"]
        matched = dict((j, i) for i, j in sc.match(doc.tasks, predicted, 0.5))
        for j, task in enumerate(predicted):
            confidence = task.get("field_confidence")
            if not confidence:
                continue
            labels = _labels(sc, task, doc.tasks[matched[j]] if j in matched else None)
            for name in MODELLED:
                if name in confidence and labels[name] is not None:
                    pairs[name].append((confidence[name], int(labels[name] or 0)))
            if all(confidence.get(name, 0.0) >= REVIEW_BELOW for name in MODELLED):
                sure += 1
                sure_right += bool(labels[ACCEPT])
    tables = {name: reliability(p) for name, p in pairs.items() if p}
    return {
        "ece": {name: t.ece for name, t in tables.items()},
        "tables": {name: [list(r) for r in t.rows] for name, t in tables.items()},
        "sure": sure,
        "sure_right": round(sure_right / sure, 4) if sure else None,
    }
