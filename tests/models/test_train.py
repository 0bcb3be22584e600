"""Training both components with spaCy on a tiny corpus, and the version folder it writes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from models.classifiers import load_classifier
from models.corpus import data_hash, read_corpus
from models.loaders import list_versions


def test_train_spacy_tiny_corpus_in_seconds(tiny_corpus: Path, models_root: Path) -> None:
    from models.train import train

    started = time.perf_counter()
    result = train([tiny_corpus], root=models_root, epochs=4)
    assert time.perf_counter() - started < 60
    assert result.version == "v001" and result.path == models_root / "v001"
    meta = json.loads((result.path / "meta.json").read_text(encoding="utf-8"))
    assert meta["backend"] == "spacy"
    assert meta["data_sha256"] == data_hash(read_corpus([tiny_corpus]))
    assert meta["training_seconds"] > 0 and meta["size_bytes"] > 10_000
    assert (result.path / "mentions.crf").stat().st_size > 0
    assert set(meta["examples"]["task_detector"]) == {"TASK", "OTHER"}
    assert set(meta["held_out"]) == {"rules", "model"}
    assert 0 <= meta["held_out"]["model"]["task_f1"] <= 1
    card = (models_root / "cards" / "v001.md").read_text(encoding="utf-8")
    assert "v001" in card and meta["data_sha256"][:16] in card
    predict = load_classifier(result.path / "task_detector")
    [scores] = predict(["__draft __style_arabic Giao Bộ Tài chính rà soát danh mục dự án."])
    assert set(scores) == {"TASK", "OTHER"} and sum(scores.values()) == pytest.approx(1.0)
    assert [v.version for v in list_versions(models_root)] == ["v001"]


def test_train_cli_prints_version_and_figures(tiny_corpus: Path, models_root: Path, run_cli) -> None:
    out = run_cli("train", "--corpus", str(tiny_corpus), "--epochs", "2")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("v001: spacy") and "held-out rules" in out.stdout
    assert (models_root / "v001" / "role_classifier" / "config.cfg").is_file()


def test_train_cli_held_out_zero_trains_on_every_document(tiny_corpus: Path, models_root: Path, run_cli) -> None:
    import json

    out = run_cli("train", "--corpus", str(tiny_corpus), "--epochs", "2", "--held-out", "0")
    assert out.returncode == 0, out.stderr
    meta = json.loads((models_root / "v001" / "meta.json").read_text(encoding="utf-8"))
    assert meta["held_out_documents"] == []
    assert len(meta["train_documents"]) == len(list(tiny_corpus.glob("*.gold.json")))
    assert "held-out rules" not in out.stdout


def test_train_transformers_needs_checkpoint(tiny_corpus: Path, models_root: Path, run_cli) -> None:
    out = run_cli("train", "--corpus", str(tiny_corpus), "--backend", "transformers")
    assert out.returncode == 2
    assert "--checkpoint" in out.stderr
