"""The active model never lowers the pipeline's dev-corpus scores (issue 7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.loaders import PACKAGE_DIR, active_model_dir

pytestmark = [pytest.mark.corpus, pytest.mark.slow]
METRICS = ("task_f1", "lead_f1", "support_f1", "accept_as_is")


def test_active_model_scores_at_least_rules_on_dev(shared_dir: Path, monkeypatch) -> None:
    from models.evaluate import evaluate

    monkeypatch.delenv("GIAOVIEC_MODELS_DIR", raising=False)
    model = active_model_dir(PACKAGE_DIR)
    assert model is not None, "models/ACTIVE names no version; activate one (giaoviec models activate)"
    dev = shared_dir / "corpus" / "dev"
    rules = json.loads(evaluate(dev, model_dir=None, as_json=True))
    with_model = json.loads(evaluate(dev, model_dir=model, as_json=True))
    for metric in METRICS:
        assert with_model[metric] >= rules[metric], f"{metric}: {with_model[metric]} < {rules[metric]}"
