"""Cross-validation: train on some documents, score on the others, never on what was seen.

``cross_validate(gold, folds=...)`` splits the documents of ``gold`` by document, either into
``K`` folds (round-robin over the sorted names, so a fold is stable when documents are added
at the end) or one family at a time (the family is the name's prefix before the last ``-``:
``gov-03`` → ``gov``, ``local-f01`` → ``local``). For each fold it trains the learned
components on the other folds plus the extra corpus folders (the project's own ``corpus/``),
runs the pipeline on the fold's documents and keeps the proposals. Figures come from the
shared scorer, per fold and pooled over all folds' proposals: every document is scored by a
model that never saw it.

The pooled proposals are also what the confidence calibration is fitted on
(:mod:`models.calibration`), for the same reason.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.corpus import GoldDocument, read_corpus
from models.errors import BadCorpus

FAMILY = re.compile(r"^(?P<family>.+?)-(?:f?\d+|[^-]+)$")


def family_of(name: str) -> str:
    """The family of a document name: ``gov-03`` → ``gov``, ``party2-01`` → ``party2``."""
    match = FAMILY.match(name)
    return match.group("family") if match else name


@dataclass(frozen=True, slots=True)
class Fold:
    name: str
    test: tuple[GoldDocument, ...]


def k_folds(docs: list[GoldDocument], k: int) -> list[Fold]:
    """``k`` folds by document, round-robin over the names."""
    if k < 2 or k > len(docs):
        raise BadCorpus(f"--cv {k} needs between 2 and {len(docs)} folds for {len(docs)} documents")
    ordered = sorted(docs, key=lambda d: d.name)
    return [Fold(f"fold-{i + 1}", tuple(ordered[i::k])) for i in range(k)]


def family_folds(docs: list[GoldDocument]) -> list[Fold]:
    """One fold per family, leaving that family out of training."""
    families: dict[str, list[GoldDocument]] = {}
    for doc in sorted(docs, key=lambda d: d.name):
        families.setdefault(family_of(doc.name), []).append(doc)
    if len(families) < 2:
        raise BadCorpus("--cv family needs documents of at least two families (gov-01, party-01, ...)")
    return [Fold(name, tuple(members)) for name, members in sorted(families.items())]


def make_folds(docs: list[GoldDocument], cv: str) -> list[Fold]:
    """Folds for ``--cv K`` or ``--cv family``."""
    if cv == "family":
        return family_folds(docs)
    if not cv.isdigit():
        raise BadCorpus(f"--cv takes a number of folds or 'family', not {cv!r}")
    return k_folds(docs, int(cv))


@dataclass
class CrossValidation:
    """Per-fold and pooled figures of the shared scorer, and where the proposals are."""

    folds: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    pooled: dict[str, Any] = field(default_factory=dict)
    predictions: Path | None = None
    calibration: dict[str, Any] = field(default_factory=dict)


def cross_validate(
    gold: Path,
    *,
    cv: str = "5",
    extra: list[Path] | None = None,
    rules_only: bool = False,
    keep_predictions: Path | None = None,
    train_fold: Callable[[list[GoldDocument], Path], Path] | None = None,
    calibrate: bool = True,
) -> CrossValidation:
    """Train and score each fold; pooled figures over every fold's held-out proposals.

    ``extra`` corpus folders always join the training data (they are never scored here).
    ``rules_only`` scores the pipeline without learned components (nothing is trained), so
    the two are comparable fold by fold. ``keep_predictions`` keeps the proposals
    (``NAME.json``) for calibration.
    """
    from models.calibration import calibration_report
    from models.evaluate import predict_folder
    from models.scorer import score_summary

    docs = read_corpus([gold])
    extra_docs = read_corpus(extra) if extra else []
    train = train_fold or (lambda fold_docs, root: _train_fold(fold_docs, root, calibrate=calibrate))
    result = CrossValidation()
    with tempfile.TemporaryDirectory(prefix="giaoviec-cv-") as tmp:
        pred = keep_predictions or Path(tmp) / "pred"
        pred.mkdir(parents=True, exist_ok=True)
        for fold in make_folds(docs, cv):
            test_names = {d.name for d in fold.test}
            model_dir = None
            if not rules_only:
                training = [d for d in docs if d.name not in test_names] + extra_docs
                model_dir = train(training, Path(tmp) / "models" / fold.name)
            predict_folder([d.path for d in fold.test], pred, model_dir=model_dir)
            result.folds.append((fold.name, score_summary(_gold_subset(fold.test, Path(tmp) / fold.name), pred)))
        result.pooled = score_summary(gold, pred)
        result.calibration = calibration_report(gold, pred)
        result.predictions = keep_predictions
    return result


def _train_fold(docs: list[GoldDocument], root: Path, *, calibrate: bool = True) -> Path:
    """Train the learned components on ``docs`` into a throw-away version folder. Without
    ``calibrate`` the proposals are the same, only their confidence is the rules' own."""
    from models.train import train

    folders = _as_folders(docs, root / "corpus")
    trained = train(folders, root=root / "versions", held_out_percent=0, evaluate_held_out=False, calibrate=calibrate)
    return trained.path


def _as_folders(docs: list[GoldDocument], root: Path) -> list[Path]:
    """``docs`` written as one corpus folder (names made unique: two folders may share one)."""
    root.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(docs):
        stem = f"{i:04d}-{doc.name}"
        (root / f"{stem}.txt").write_text(doc.text, encoding="utf-8")
        (root / f"{stem}.gold.json").write_text(json.dumps(doc.gold, ensure_ascii=False), encoding="utf-8")
    return [root]


def _gold_subset(docs: tuple[GoldDocument, ...], folder: Path) -> Path:
    """A folder with just these documents' gold and text, for per-fold figures."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        for suffix in (".txt", ".gold.json"):
            source = doc.path.with_name(doc.name + suffix)
            shutil.copyfile(source, folder / source.name)
    return folder


FIGURES = (
    "task_f1",
    "lead_f1",
    "support_f1",
    "deadline_kind_acc",
    "deadline_date_acc",
    "accept_as_is",
)


def format_report(result: CrossValidation) -> str:
    """A table: one line per fold, then the pooled figures."""
    head = f"{'fold':14s} {'docs':>4s} {'gold':>5s} " + " ".join(f"{k[:12]:>12s}" for k in FIGURES)
    lines = [head]
    for name, summary in [*result.folds, ("pooled", result.pooled)]:
        figures = " ".join(f"{summary[k]:12.4f}" for k in FIGURES)
        lines.append(f"{name:14s} {summary['documents']:4d} {summary['gold_tasks']:5d} {figures}")
    calibration = result.calibration
    if calibration.get("ece"):
        ece = ", ".join(f"{k} {v:.4f}" for k, v in calibration["ece"].items())
        lines.append(f"expected calibration error: {ece}")
        lines.append(
            f"proposals with every field >= 0.9: {calibration['sure']}, right {calibration['sure_right']}"
        )
    return "\n".join(lines) + "\n"
