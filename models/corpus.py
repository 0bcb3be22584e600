"""The project's annotated documents: reading them, splitting them, fingerprinting them.

A corpus folder holds ``NAME.txt`` + ``NAME.gold.json`` pairs in the format of
``shared/corpus/GUIDELINES.md``. The split is by document and stable: a document's name
decides whether it is held out, so adding documents never moves old ones between splits.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extraction.secrecy import refuse_top_secret
from models.errors import BadCorpus

HELD_OUT_PERCENT = 25


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One annotated document: its text (NFC, as the extractor reads it) and its gold."""

    name: str
    text: str
    gold: dict[str, Any]
    path: Path

    @property
    def tasks(self) -> list[dict[str, Any]]:
        tasks: list[dict[str, Any]] = self.gold.get("tasks", [])
        return tasks


def read_corpus(folders: Iterable[Path]) -> list[GoldDocument]:
    """Every annotated document in ``folders`` (not recursive), sorted by name.

    Raises TopSecret for a text marked (or possibly marked) Tuyệt mật: nothing is trained.
    """
    docs = []
    for folder in folders:
        if not folder.is_dir():
            raise BadCorpus(f"{folder} is not a folder; pass a folder of NAME.txt + NAME.gold.json")
        for gold_path in sorted(folder.glob("*.gold.json")):
            name = gold_path.name[: -len(".gold.json")]
            txt = gold_path.with_name(name + ".txt")
            if not txt.is_file():
                raise BadCorpus(f"{gold_path} has no text beside it; add {txt.name}")
            try:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as e:
                raise BadCorpus(f"{gold_path} is not valid JSON ({e}); fix the file") from None
            if not isinstance(gold.get("tasks"), list):
                raise BadCorpus(f"{gold_path} has no 'tasks' list; see GUIDELINES.md")
            text = unicodedata.normalize("NFC", txt.read_text(encoding="utf-8"))
            refuse_top_secret(text, name=str(txt))  # never trained on, nor fingerprinted
            docs.append(GoldDocument(name, text, gold, txt))
    if not docs:
        names = ", ".join(str(f) for f in folders)
        raise BadCorpus(f"no NAME.gold.json in {names}; annotate documents or pull them from Label Studio")
    return sorted(docs, key=lambda d: d.name)


def is_held_out(name: str, percent: int = HELD_OUT_PERCENT) -> bool:
    """Whether a document belongs to the held-out evaluation split (decided by its name)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


def split(docs: list[GoldDocument], percent: int = HELD_OUT_PERCENT) -> tuple[list[GoldDocument], list[GoldDocument]]:
    """(training documents, held-out documents)."""
    train = [d for d in docs if not is_held_out(d.name, percent)]
    held = [d for d in docs if is_held_out(d.name, percent)]
    return train, held


def data_hash(docs: Iterable[GoldDocument]) -> str:
    """sha256 over the names, texts and gold of ``docs``: which data a model saw."""
    h = hashlib.sha256()
    for doc in sorted(docs, key=lambda d: d.name):
        h.update(doc.name.encode("utf-8") + b"\0")
        h.update(doc.text.encode("utf-8") + b"\0")
        h.update(json.dumps(doc.gold, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\0")
    return h.hexdigest()
