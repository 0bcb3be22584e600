"""Score the pipeline — rules only, or with a trained model — with the shared scorer.

``evaluate(gold_dir)`` runs the pipeline on every ``NAME.txt`` that has a ``NAME.gold.json``,
writes the proposals to a temporary folder and hands both to ``shared/eval/score.py``; the
figures are the scorer's own, never recomputed here.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from models.corpus import GoldDocument
from models.errors import BadCorpus
from models.loaders import ALL_PARTS, pipeline_config
from models.scorer import run_scorer, score_summary


def propose(data: bytes, *, filename: str, model_dir: Path | None, parts: tuple[str, ...] = ALL_PARTS) -> Any:
    """The :class:`~extraction.types.Proposal` of one file, with the model in ``model_dir``
    or rules only (so a model can be scored before it is active)."""
    from extraction.pipeline import PipelineConfig, read_document
    from extraction.pipeline import propose as propose_document

    config = pipeline_config(model_dir, parts=parts) if model_dir is not None else PipelineConfig()
    document = read_document(data, filename=filename)
    return propose_document(document, config=config), document


def propose_json(
    data: bytes, *, filename: str, model_dir: Path | None, parts: tuple[str, ...] = ALL_PARTS
) -> dict[str, Any]:
    """The proposal of one file in the JSON contract, with ``pipeline.model`` set."""
    from extraction.proposal import to_json

    proposal, _ = propose(data, filename=filename, model_dir=model_dir, parts=parts)
    return to_json(proposal)


def predict_folder(
    texts: Iterable[Path], pred: Path, *, model_dir: Path | None, parts: tuple[str, ...] = ALL_PARTS
) -> None:
    """Write ``pred/NAME.json`` for every text file."""
    pred.mkdir(parents=True, exist_ok=True)
    for txt in texts:
        out = propose_json(txt.read_bytes(), filename=txt.name, model_dir=model_dir, parts=parts)
        (pred / f"{txt.stem}.json").write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


def gold_texts(gold: Path) -> list[Path]:
    texts = [p.with_name(p.name[: -len(".gold.json")] + ".txt") for p in sorted(gold.glob("*.gold.json"))]
    if not texts:
        raise BadCorpus(f"no NAME.gold.json in {gold}; pass a folder annotated per GUIDELINES.md")
    return texts


def evaluate(
    gold: Path,
    *,
    model_dir: Path | None,
    as_json: bool = False,
    per_doc: bool = False,
    parts: tuple[str, ...] = ALL_PARTS,
) -> str:
    """The scorer's report for the pipeline on ``gold`` (what ``giaoviec evaluate`` prints)."""
    with tempfile.TemporaryDirectory(prefix="giaoviec-eval-") as tmp:
        predict_folder(gold_texts(gold), Path(tmp), model_dir=model_dir, parts=parts)
        return run_scorer(gold, Path(tmp), as_json=as_json, per_doc=per_doc)


def evaluate_documents(
    docs: list[GoldDocument], *, model_dir: Path | None, parts: tuple[str, ...] = ALL_PARTS
) -> dict[str, Any]:
    """The scorer's summary on a list of documents (e.g. the held-out split)."""
    with tempfile.TemporaryDirectory(prefix="giaoviec-split-") as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for doc in docs:
            (gold / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
            (gold / f"{doc.name}.gold.json").write_text(json.dumps(doc.gold, ensure_ascii=False), encoding="utf-8")
        pred = Path(tmp) / "pred"
        predict_folder(gold_texts(gold), pred, model_dir=model_dir, parts=parts)
        return score_summary(gold, pred)
