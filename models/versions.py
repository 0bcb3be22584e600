"""Activating a model version: only one that scores at least as well as the active one.

Controlled AI (Quy chế 08, Art. 18): a new model goes live only when it is measured to be no
worse. Both candidates are scored by the shared scorer on the same evaluation set (the held-out
split of the corpus unless folders are given); rules only stands in when no model is active.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.corpus import GoldDocument, read_corpus, split
from models.errors import ModelRefused
from models.loaders import active_version, models_dir, set_active, version_dir

# The candidate must not be lower on either. Both count over ALL gold tasks: lead_f1 and the
# other field scores count only matched tasks, so a model that drops tasks could raise them.
GATES = ("task_f1", "accept_as_is")


@dataclass(frozen=True, slots=True)
class Activation:
    version: str
    previous: str | None
    candidate: dict[str, Any]
    incumbent: dict[str, Any]
    forced: bool

    def summary(self) -> str:
        figures = ", ".join(f"{k} {self.incumbent[k]} -> {self.candidate[k]}" for k in GATES)
        was = self.previous or "rules only"
        forced = " (forced)" if self.forced else ""
        return f"{self.version} is active{forced}; was {was}: {figures}"


def evaluation_set(gold: list[Path] | None) -> list[GoldDocument]:
    from models.train import default_corpus

    if gold:
        return read_corpus(gold)
    _, held = split(read_corpus(default_corpus()))
    return held


def activate(
    version: str, *, force: bool = False, gold: list[Path] | None = None, root: Path | None = None
) -> Activation:
    """Score ``version`` and the active model on the evaluation set; activate or refuse."""
    from models.evaluate import evaluate_documents

    root = root or models_dir()
    candidate_dir = version_dir(version, root)
    previous = active_version(root)
    docs = evaluation_set(gold)
    candidate = evaluate_documents(docs, model_dir=candidate_dir)
    incumbent = evaluate_documents(docs, model_dir=version_dir(previous, root) if previous else None)
    worse = [k for k in GATES if candidate[k] < incumbent[k]]
    if worse and not force:
        figures = ", ".join(f"{k} {candidate[k]} < {incumbent[k]}" for k in worse)
        raise ModelRefused(
            f"{version} scores below {previous or 'the rules-only pipeline'} on "
            f"{len(docs)} evaluation documents ({figures}); improve it, or pass --force"
        )
    set_active(version, root)
    return Activation(version, previous, candidate, incumbent, forced=bool(worse))
