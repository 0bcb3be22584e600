"""Calibrated confidence: the logistic fit, the reliability table, and the component."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from models.calibration import FIELDS, MODELLED, Calibrator, fit, reliability


def _rows(n: int, seed: int = 0):
    """Rows whose true P(right) is 0.95 when 'strong' is set and 0.4 otherwise."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        strong = rng.random() < 0.6
        p = 0.95 if strong else 0.4
        labels = {name: int(rng.random() < p) for name in FIELDS}
        rows.append(({"bias": 1.0, "strong": float(strong)}, labels))
    return rows


def test_calibration_fit_recovers_the_true_probabilities():
    calibrator = fit(_rows(4000))
    strong = calibrator.probabilities({"bias": 1.0, "strong": 1.0})
    weak = calibrator.probabilities({"bias": 1.0, "strong": 0.0})
    for name in FIELDS:
        assert strong[name] == pytest.approx(0.95, abs=0.03)
        assert weak[name] == pytest.approx(0.4, abs=0.05)
    assert calibrator.needs_review(weak) == list(FIELDS)
    assert calibrator.needs_review(strong) == []


def test_calibration_fields_without_labels_are_left_out():
    rows = [({"bias": 1.0}, {"task": i % 2, "lead": None, "support": None, "deadline": None}) for i in range(20)]
    assert set(fit(rows).weights) == {"task"}


def test_calibration_reliability_table_and_ece():
    pairs = [(0.9, 1)] * 9 + [(0.9, 0)] + [(0.3, 1)] * 3 + [(0.3, 0)] * 7
    table = reliability(pairs)
    assert table.ece == pytest.approx(0.0, abs=1e-9)
    assert [(r[2], r[4]) for r in table.rows] == [(10, 0.3), (10, 0.9)]
    overconfident = reliability([(0.95, 1)] * 5 + [(0.95, 0)] * 5)
    assert overconfident.ece == pytest.approx(0.45)


def test_calibration_saves_and_loads(tmp_path: Path):
    calibrator = fit(_rows(500))
    calibrator.save(tmp_path / "calibration.json")
    again = Calibrator.load(tmp_path / "calibration.json")
    features = {"bias": 1.0, "strong": 1.0}
    assert again.probabilities(features) == calibrator.probabilities(features)
    assert json.loads((tmp_path / "calibration.json").read_text())["review_below"] == 0.9


@pytest.mark.slow
def test_calibration_trained_model_gives_each_proposal_field_probabilities(tiny_corpus: Path, models_root: Path, shared_dir: Path) -> None:
    from models.evaluate import propose_json
    from models.train import train

    # twelve documents: enough for the out-of-fold calibration (two per fold)
    extra = sorted((shared_dir / "corpus" / "dev").glob("party-0*.txt"))[:4]
    folder = tiny_corpus.parent / "calibration-corpus"
    folder.mkdir(exist_ok=True)
    for path in [*tiny_corpus.glob("*"), *extra, *[p.with_name(p.stem + ".gold.json") for p in extra]]:
        (folder / path.name).write_bytes(path.read_bytes())
    result = train([folder], root=models_root, held_out_percent=0, evaluate_held_out=False)
    assert (result.path / "calibration.json").is_file()
    assert result.meta["calibration"]["rows"] > 0
    text = (shared_dir / "corpus" / "dev" / "party-01.txt").read_bytes()
    out = propose_json(text, filename="party-01.txt", model_dir=result.path)
    assert out["tasks"]
    for task in out["tasks"]:
        assert set(task["field_confidence"]) <= set(MODELLED) and "task" in task["field_confidence"]
        assert 0.0 <= task["confidence"] <= 1.0
        # the proposal's confidence: the probability that it is right as it stands
        assert task["confidence"] == task["field_confidence"]["accept"]
        below = [f for f, p in task["field_confidence"].items() if p < 0.9]
        assert task["needs_review"] == [f for f in FIELDS if f in below]


def test_calibration_pipeline_without_learned_components_still_runs(tmp_path: Path):
    """A pipeline assembled from the model config with every learned component left out is the
    rules pipeline, and it runs."""
    from extraction.pipeline import COMPONENTS, PipelineConfig, extract
    from models.loaders import pipeline_text

    config = PipelineConfig(pipeline=pipeline_text(tmp_path, parts=()), model_dir=str(tmp_path))
    assert config.components == COMPONENTS
    text = "Giao Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp rà soát các quy định, hoàn thành trước ngày 30/6/2026.".encode()
    proposal = extract(text, "text/plain", config=config)
    assert [b.name for b in proposal.tasks[0].lead] == ["Bộ Tài chính"]
    assert proposal.tasks[0].field_confidence == ()
