"""Benchmark: seconds per page of OCR at 150 and 300 dpi, and the text-PDF path in the same run.

A dev text (default ``prov-02``, two pages) is rendered to a text PDF, and to scans at 150 and
300 dpi (a light rotation, grain and specks: tests/extraction/files_factory.py). Timed, in one
run on this machine:

    text PDF   ``read_source`` + ``normalize`` of the text PDF (OCR is skipped: its text layer
               is good); compare with bench/extract_bench.py's "c" figure, measured before OCR
               existed, to see that the text path is unchanged within noise
    scan 150   ``read_source`` + ``normalize`` of the 150 dpi scan (every page through OCR)
    scan 300   the same for the 300 dpi scan

Each figure is the best of ``--repeat`` runs, per page. Tesseract runs one page at a time on
one core (OMP_THREAD_LIMIT=1). Prints figures only and asserts nothing.

    python bench/ocr_bench.py [--document prov-02] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "extraction")]

from files_factory import (  # type: ignore[import-not-found]  # noqa: E402
    blocks_from_text,
    pdf_bytes,
    scanned_pdf_bytes,
)

from extraction.ingest import PDF, read_source  # noqa: E402
from extraction.ingest.ocr import tesseract_version  # noqa: E402
from extraction.normalize import normalize  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--document", default="prov-02", help="dev text to render")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (best is kept)")
    args = parser.parse_args()
    text = (CORPUS / f"{args.document}.txt").read_text(encoding="utf-8")
    text_pdf = pdf_bytes(blocks_from_text(text))
    pages = normalize(read_source(text_pdf, PDF)).offsets.page_numbers[-1]
    print(f"{tesseract_version()}; {os.cpu_count()} CPUs; {args.document}: {pages} pages")
    text_seconds = best_of(max(args.repeat, 5), lambda: normalize(read_source(text_pdf, PDF)))
    print(f"text PDF  read_source + normalize: {text_seconds / pages * 1000:8.1f} ms/page")
    for dpi in (150, 300):
        scan = scanned_pdf_bytes(text_pdf, dpi=dpi)
        seconds = best_of(args.repeat, lambda scan=scan: normalize(read_source(scan, PDF)))
        print(f"scan {dpi} dpi  read_source + normalize (OCR): {seconds / pages:8.2f} s/page")


if __name__ == "__main__":
    main()
