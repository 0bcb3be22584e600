"""Text classifiers behind both components, in two backends with one interface.

* ``spacy``: a spaCy ``textcat`` (bag of words and word pairs, exclusive labels) — trains on
  CPU in seconds, loads in a fraction of a second, a few hundred kB on disk.
* ``transformers``: a sequence classifier fine-tuned from a local pretrained checkpoint
  (``--checkpoint DIR`` with the model and its tokenizer; nothing is downloaded).

A trained classifier is a folder; :func:`load_classifier` tells the backends apart by its
files (``config.cfg`` for spaCy, ``config.json`` for transformers) and returns a function
from feature texts to label probabilities.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from models.errors import MissingDependency

Predict = Callable[[Sequence[str]], list[dict[str, float]]]
SPACY_EPOCHS = 12


def train_spacy(
    examples: Sequence[tuple[str, str]],
    labels: Sequence[str],
    out: Path,
    *,
    epochs: int = SPACY_EPOCHS,
    seed: int = 0,
) -> None:
    """Train a spaCy textcat on (feature text, label) pairs and save it to ``out``."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch  # type: ignore[attr-defined]

    fix_random_seed(seed)
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 65536,
            }
        },
    )
    for label in labels:
        textcat.add_label(label)  # type: ignore[attr-defined]
    data = [
        Example.from_dict(nlp.make_doc(text), {"cats": {lb: float(lb == label) for lb in labels}})
        for text, label in examples
    ]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for batch in minibatch(data, size=16):  # type: ignore[no-untyped-call]
            nlp.update(batch, sgd=optimizer, drop=0.1)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)


def train_transformers(
    examples: Sequence[tuple[str, str]],
    labels: Sequence[str],
    out: Path,
    *,
    checkpoint: Path,
    epochs: int = 3,
    seed: int = 0,
    max_length: int = 128,
) -> None:
    """Fine-tune a sequence classifier from the local ``checkpoint`` and save it to ``out``."""
    torch, transformers = _training_stack()
    AutoModelForSequenceClassification, AutoTokenizer = (
        transformers.AutoModelForSequenceClassification,
        transformers.AutoTokenizer,
    )

    _quiet_transformers()
    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(str(checkpoint), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(checkpoint),
        local_files_only=True,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={lb: i for i, lb in enumerate(labels)},
        ignore_mismatched_sizes=True,  # a checkpoint's own head is replaced by one for our labels
    )
    index = {lb: i for i, lb in enumerate(labels)}
    data = list(examples)
    rng = random.Random(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
    model.train()
    for _ in range(epochs):
        rng.shuffle(data)
        for start in range(0, len(data), 16):
            batch = data[start : start + 16]
            enc = tokenizer(
                [t for t, _ in batch],
                truncation=True,
                max_length=max_length,
                padding=True,
                return_tensors="pt",
            )
            target = torch.tensor([index[lb] for _, lb in batch])
            loss = model(**enc, labels=target).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))


def load_classifier(path: Path) -> Predict:
    """The trained classifier in ``path`` as ``predict(texts) -> [{label: probability}]``."""
    if (path / "config.cfg").is_file():
        return _spacy_predictor(path)
    if (path / "config.json").is_file():
        return _transformers_predictor(path)
    raise FileNotFoundError(f"{path} holds no trained classifier (no config.cfg or config.json)")


def _spacy_predictor(path: Path) -> Predict:
    import spacy

    nlp = spacy.load(path)

    def predict(texts: Sequence[str]) -> list[dict[str, float]]:
        return [dict(doc.cats) for doc in nlp.pipe(texts, batch_size=64)]

    return predict


def _training_stack() -> tuple[Any, Any]:
    """torch and transformers, which live in the training environment (``.venv-train``, the
    ``train`` extra), not in the service's: importing them costs the service seconds at start."""
    try:
        import torch
        import transformers
    except ImportError:
        raise MissingDependency(
            "the transformers backend needs torch and transformers: use .venv-train (made by scripts/setup) "
            'or pip install -e ".[train]"'
        ) from None
    return torch, transformers


def _transformers_predictor(path: Path, max_length: int = 128) -> Predict:
    torch, transformers = _training_stack()
    AutoModelForSequenceClassification, AutoTokenizer = (
        transformers.AutoModelForSequenceClassification,
        transformers.AutoTokenizer,
    )

    _quiet_transformers()
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True)
    model.eval()
    id2label = model.config.id2label

    def predict(texts: Sequence[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        with torch.no_grad():
            enc = tokenizer(list(texts), truncation=True, max_length=max_length, padding=True, return_tensors="pt")
            probs = model(**enc).logits.softmax(-1).tolist()
        return [{id2label[i]: p for i, p in enumerate(row)} for row in probs]

    return predict


def _quiet_transformers() -> None:
    """No progress bars or load reports on stderr (the CLI prints its own summary)."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
