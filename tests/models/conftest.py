"""A tiny corpus (synthetic documents from corpus/tools/synthesize.py) and a temporary models dir."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _synthesize():
    spec = importlib.util.spec_from_file_location("synthesize", ROOT / "corpus" / "tools" / "synthesize.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def write_corpus(folder: Path, count: int, seed: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    synth = _synthesize()
    for i in range(count):
        text, gold = synth.write_document(rng, i)
        (folder / f"tiny-{seed}-{i:02d}.txt").write_text(text, encoding="utf-8")
        (folder / f"tiny-{seed}-{i:02d}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight annotated documents (some fall in the held-out split)."""
    return write_corpus(tmp_path_factory.mktemp("tiny-corpus"), 8, seed=3)


@pytest.fixture(scope="session")
def tiny_gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three other documents, used as an evaluation set."""
    return write_corpus(tmp_path_factory.mktemp("tiny-gold"), 3, seed=11)


@pytest.fixture
def models_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "models"
    root.mkdir()
    monkeypatch.setenv("GIAOVIEC_MODELS_DIR", str(root))
    return root


def _bad_model(root: Path, version: str, corpus: Path) -> Path:
    """A model trained with every task labelled OTHER: it drops the tasks it sees."""
    from models.classifiers import train_spacy
    from models.corpus import read_corpus
    from models.examples import build_examples

    out = root / version
    examples = build_examples(read_corpus([corpus]))
    flipped = [(text, "OTHER") for text, _ in examples.task] + [("zzz", "TASK")]
    train_spacy(flipped, ("TASK", "OTHER"), out / "task_detector", epochs=10)
    train_spacy(examples.role, ("LEAD", "SUPPORT", "NEITHER"), out / "role_classifier", epochs=2)
    (out / "meta.json").write_text(json.dumps({"version": version, "backend": "spacy"}), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def bad_model():
    """Builds a model version that drops every task: ``bad_model(root, "v001", corpus)``."""
    return _bad_model
