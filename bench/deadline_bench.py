"""Throughput of the deadline grammar on the shared dev corpus.

Prints figures only: deadline phrases normalised per second (``parse_deadline`` on every gold
deadline text of the dev corpus) and sentences scanned per second (``find_deadlines`` on every
sentence of the dev texts). No document text is printed.

    python bench/deadline_bench.py [--corpus ../shared/corpus/dev] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from extraction.deadlines import find_deadlines, parse_deadline

_DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n+")

Item = tuple[str, date | None]


def _issued(gold: dict[str, object]) -> date | None:
    doc = gold.get("doc")
    if not isinstance(doc, dict) or not doc.get("issued"):
        return None
    return date.fromisoformat(str(doc["issued"]))


def _load(corpus: Path) -> tuple[list[Item], list[Item], int]:
    """Gold deadline phrases, dev sentences (each with its issue date), number of documents."""
    phrases: list[Item] = []
    sentences: list[Item] = []
    golds = sorted(corpus.glob("*.gold.json"))
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        issued = _issued(gold)
        for task in gold.get("tasks", []):
            text = (task.get("deadline") or {}).get("text")
            if text:
                phrases.append((text, issued))
        body = path.with_name(path.name.removesuffix(".gold.json") + ".txt")
        sentences += [
            (s, issued) for s in _SENTENCE_END.split(body.read_text(encoding="utf-8")) if s.strip()
        ]
    return phrases, sentences, len(golds)


def _rate(items: list[Item], run: Callable[[str, date | None], object], repeat: int) -> float:
    """Best items-per-second over ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text, issued in items:
            run(text, issued)
        best = min(best, time.perf_counter() - start)
    return len(items) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=_DEFAULT_CORPUS, help="dev corpus folder")
    parser.add_argument("--repeat", type=int, default=5, help="passes; the best one counts")
    args = parser.parse_args()

    phrases, sentences, documents = _load(args.corpus)
    parse_deadline("trước ngày 25/6/2026", issued=None)  # load the lexicon and compile once
    phrase_rate = _rate(phrases, lambda t, i: parse_deadline(t, issued=i), args.repeat)
    sentence_rate = _rate(sentences, lambda t, i: find_deadlines(t, issued=i), args.repeat)
    chars = sum(len(t) for t, _ in sentences)
    whole_corpus_ms = 1000 * len(sentences) / sentence_rate
    lines = [
        f"phrases normalised:   {phrase_rate:10,.0f} /s  ({len(phrases)} gold deadline texts)",
        f"sentences scanned:    {sentence_rate:10,.0f} /s  ({len(sentences)} sentences, "
        f"{chars:,} characters, {documents} documents)",
        f"characters scanned:   {sentence_rate * chars / len(sentences):10,.0f} /s",
        f"per document (mean):  {whole_corpus_ms / documents:10.2f} ms",
    ]
    print("\n".join(lines))  # noqa: T201 - the figures are this script's output


if __name__ == "__main__":
    main()
