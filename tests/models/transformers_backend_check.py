"""The transformers backend, trained from a tiny BERT built here from a config (no download)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory: pytest.TempPathFactory, tiny_corpus: Path) -> Path:
    """A random-weight BERT with a word vocabulary from the tiny corpus, saved as a checkpoint."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    words = sorted(
        {w.lower() for p in tiny_corpus.glob("*.txt") for w in p.read_text("utf-8").split()}
        | {"__draft", "__block", "__sentence", "<e>", "</e>"}
    )
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(specials + words) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True, strip_accents=False)
    tokenizer.save_pretrained(str(folder))
    config = BertConfig(
        vocab_size=len(specials) + len(words),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=160,
    )
    BertForSequenceClassification(config).save_pretrained(str(folder))
    return folder


def test_train_transformers_tiny_bert(tiny_corpus: Path, tiny_gold: Path, tiny_bert: Path, models_root: Path) -> None:
    from models.classifiers import load_classifier
    from models.evaluate import propose_json
    from models.train import train

    result = train(
        [tiny_corpus],
        backend="transformers",
        checkpoint=tiny_bert,
        root=models_root,
        epochs=1,
        evaluate_held_out=False,
    )
    meta = json.loads((result.path / "meta.json").read_text(encoding="utf-8"))
    assert meta["backend"] == "transformers" and meta["checkpoint"] == str(tiny_bert)
    for part, labels in (("task_detector", {"TASK", "OTHER"}), ("role_classifier", {"LEAD", "SUPPORT", "NEITHER"})):
        assert (result.path / part / "config.json").is_file()
        [probs] = load_classifier(result.path / part)(["__draft Giao Bộ Tài chính <e> Bộ Tư pháp </e>"])
        assert set(probs) == labels and sum(probs.values()) == pytest.approx(1.0, abs=1e-5)
    # the pipeline runs with it and records the model version in the proposal
    doc = next(tiny_gold.glob("*.txt"))
    out = propose_json(doc.read_bytes(), filename=doc.name, model_dir=result.path)
    assert out["pipeline"]["model"] == "v001"
    assert "giaoviec_task_detector_v1" in out["pipeline"]["components"]
