"""Throughput of the body matcher on the shared dev corpus.

Prints figures only: documents matched per second and body names found per second
(``BodyDirectory.find`` on every ``*.txt`` of the dev corpus), the time for a 20-page
document (the dev texts joined and cut to 60,000 characters, about 3,000 a page) and the
time to load the directory. No document text or body name is printed.

    python bench/bodies_bench.py [--corpus ../shared/corpus/dev] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from extraction.bodies import BodyDirectory

_DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
_PAGE = 3_000  # characters on a printed page of a directive
_PAGES = 20


def _best(texts: list[str], directory: BodyDirectory, repeat: int) -> tuple[float, int]:
    """(best seconds for one pass over ``texts``, bodies found in a pass)."""
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(len(directory.find(text)) for text in texts)
        best = min(best, time.perf_counter() - start)
    return best, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=_DEFAULT_CORPUS, help="dev corpus folder")
    parser.add_argument("--repeat", type=int, default=5, help="passes; the best one counts")
    args = parser.parse_args()

    start = time.perf_counter()
    directory = BodyDirectory.load()
    load_ms = 1000 * (time.perf_counter() - start)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    if not texts:
        parser.error(f"no *.txt in {args.corpus}")
    directory.find(texts[0])  # warm up

    seconds, bodies = _best(texts, directory, args.repeat)
    joined = "\n".join(texts)
    long_document = (joined * (1 + _PAGE * _PAGES // len(joined)))[: _PAGE * _PAGES]
    long_seconds, _ = _best([long_document], directory, args.repeat)
    chars = sum(len(t) for t in texts)
    lines = [
        f"documents matched:   {len(texts) / seconds:10,.0f} /s  ({len(texts)} documents, "
        f"{chars:,} characters)",
        f"body names found:    {bodies / seconds:10,.0f} /s  ({bodies} in a pass)",
        f"characters scanned:  {chars / seconds:10,.0f} /s",
        f"20-page document:    {1000 * long_seconds:10.1f} ms  ({len(long_document):,} characters)",
        f"directory load:      {load_ms:10.1f} ms  ({len(directory):,} entries)",
    ]
    print("\n".join(lines))  # noqa: T201 - the figures are this script's output


if __name__ == "__main__":
    main()
