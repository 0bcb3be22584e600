"""Benchmark: giaoviec's extraction against bare pdfplumber and pypdfium2, on the same PDFs.

Every ``shared/corpus/dev/*.txt`` is rendered to a PDF with reportlab (cached in the temp
directory), then timed in one run on the same files:

    a  pdfplumber: ``page.extract_text()`` for every page (bare text, no layout repair)
    b  pypdfium2: ``get_text_range()`` for every page (bare text, no layout repair)
    c  ``read_source`` + ``normalize`` (giaoviec's ingestion)
    d  ``extraction.extract(data, "application/pdf")`` (the whole pipeline, rules only)
    e  the same with the shipped model (``models/ACTIVE``: task detector, role classifier,
       calibrated confidence), as ``giaoviec extract`` and the service run it

and one document of about 20 pages (dev texts put together) through both pipelines, and the
start of the CLI (``giaoviec extract --help`` and one text extracted, in a new process).
Each figure is the best of ``--repeat`` runs. It prints figures only and asserts nothing.

    python bench/extract_bench.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "extraction")]

from files_factory import blocks_from_text, pdf_bytes  # type: ignore[import-not-found]  # noqa: E402

from extraction.errors import GiaoviecError  # noqa: E402
from extraction.ingest import PDF, read_source  # noqa: E402
from extraction.normalize import normalize  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
CACHE = Path(tempfile.gettempdir()) / "giaoviec-bench"
# Bump when the rendering changes, so that cached PDFs are made again.
RENDERING = "v1"
LONG_DOCUMENT_PAGES = 20


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    data: bytes
    pages: int


def report(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def render(name: str, text: str) -> Sample:
    """The text as a justified 14 pt A4 PDF (as Vietnamese documents are set), cached."""
    key = hashlib.sha256(f"{RENDERING}\n{text}".encode()).hexdigest()[:16]
    path = CACHE / f"{name}-{key}.pdf"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf_bytes(blocks_from_text(text), justify=True, font_size=14))
    data = path.read_bytes()
    document = pdfium.PdfDocument(data)
    try:
        return Sample(name=name, data=data, pages=len(document))
    finally:
        document.close()


def bare_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            page.extract_text()


def bare_pypdfium2(data: bytes) -> None:
    document = pdfium.PdfDocument(data)
    try:
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        document.close()


def ingestion(data: bytes) -> None:
    normalize(read_source(data, PDF))


def whole_pipeline(config: Any = None) -> Callable[[bytes], None] | str:
    """``extraction.extract`` as a function of the bytes, or why it cannot run yet."""
    try:
        from extraction import extract
    except ImportError as error:
        return f"extraction.extract cannot be imported yet ({error})"

    def run(data: bytes) -> None:
        extract(data, PDF, config=config)

    try:
        run(render("warm-up", "Kính gửi: Sở Tài chính.\nGiao Sở Tài chính chủ trì.\n").data)
    except NotImplementedError as error:
        return f"extraction.extract is not implemented yet ({error})"
    except GiaoviecError:
        pass  # the pipeline runs; a tiny text may well be refused
    return run


def best_time(run: Callable[[bytes], None], samples: Sequence[Sample], repeat: int) -> float:
    """Seconds for one pass over all samples, best of ``repeat``; refused documents count."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for sample in samples:
            try:
                run(sample.data)
            except GiaoviecError:
                pass  # timed all the same: refusing a document is work too
        best = min(best, time.perf_counter() - start)
    return best


def long_document(texts: Sequence[str]) -> Sample:
    """Dev texts one after the other until they fill at least ``LONG_DOCUMENT_PAGES`` pages."""
    for count in range(1, len(texts) + 1):
        # Texts put together fill fewer pages than apart: no page break between them.
        sample = render("long", "\n".join(texts[:count]))
        if sample.pages >= LONG_DOCUMENT_PAGES:
            break
    return sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best is kept)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is missing: the benchmark needs the shared dev corpus")
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))}
    samples = [render(name, text) for name, text in texts.items()]
    pages = sum(sample.pages for sample in samples)
    report(f"{len(samples)} documents, {pages} pages (reportlab renderings, cache {CACHE})")

    pipeline = whole_pipeline()
    runs: dict[str, Callable[[bytes], None]] = {
        "a pdfplumber extract_text": bare_pdfplumber,
        "b pypdfium2 get_text_range": bare_pypdfium2,
        "c read_source + normalize": ingestion,
    }
    if callable(pipeline):
        runs["d extraction.extract"] = pipeline
    shipped = shipped_pipeline()
    if callable(shipped):
        runs["e extract, shipped model"] = shipped
    times = {label: best_time(run, samples, args.repeat) for label, run in runs.items()}
    for label, seconds in times.items():
        _report_speed(label, seconds, samples)
    if not callable(pipeline):
        report(f"{'d extraction.extract':40} skipped: {pipeline}")
    _report_ratios(times)

    # pdfplumber's table finder runs on pages with ruling lines only; without them:
    plain = [sample for sample in samples if " | " not in texts[sample.name]]
    for label in ("b pypdfium2 get_text_range", "c read_source + normalize"):
        _report_speed(label + ", no tables", best_time(runs[label], plain, args.repeat), plain)

    long = long_document(list(texts.values()))
    long_ingest = best_time(ingestion, [long], args.repeat)
    report(f"long document: {long.pages} pages; read_source + normalize {long_ingest:.3f} s")
    if callable(pipeline):
        report(f"long document: whole pipeline {best_time(pipeline, [long], args.repeat):.3f} s")
    if callable(shipped):
        report(f"long document: shipped model {best_time(shipped, [long], args.repeat):.3f} s")
    else:
        report(f"{'e extract, shipped model':40} skipped: {shipped}")
    _report_cli_start(args.repeat)


def shipped_pipeline() -> Callable[[bytes], None] | str:
    """The pipeline with the active model, or why there is none."""
    from models.loaders import active_model_dir, pipeline_config

    if active_model_dir() is None:
        return "no active model (models/ACTIVE)"
    return whole_pipeline(pipeline_config())


def _report_cli_start(repeat: int) -> None:
    """Wall time of a new ``giaoviec`` process: ``--help``, and one short text extracted."""
    cli = Path(sys.executable).with_name("giaoviec")
    sample = CACHE / "cli-sample.txt"
    sample.write_text("ỦY BAN NHÂN DÂN TỈNH A\nSố: 1/TB-UBND\nA, ngày 2 tháng 3 năm 2026\nTHÔNG BÁO\n"
                      "Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát kinh phí, báo cáo "
                      "trước ngày 30/6/2026.\n", encoding="utf-8")
    for label, args in (("--help", ["extract", "--help"]), ("extract a short text", ["extract", str(sample)])):
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([str(cli), *args], capture_output=True, check=False)
            best = min(best, time.perf_counter() - start)
        report(f"CLI start, {label:30} {best:.3f} s")


def _report_speed(label: str, seconds: float, samples: Sequence[Sample]) -> None:
    pages = sum(sample.pages for sample in samples)
    report(
        f"{label:40} {seconds:7.3f} s  {pages / seconds:8.1f} pages/s  "
        f"{len(samples) / seconds:7.1f} docs/s  {1000 * seconds / pages:6.2f} ms/page"
    )


def _report_ratios(times: dict[str, float]) -> None:
    a, b, c = (times[key] for key in sorted(times)[:3])
    d = times.get("d extraction.extract")
    report(f"ratio c/b (ingestion / bare pypdfium2): {c / b:6.2f}")
    report(f"ratio c/a (ingestion / bare pdfplumber): {c / a:6.2f}")
    if d is not None:
        report(f"ratio d/a (pipeline / bare pdfplumber): {d / a:6.2f}")
        report(f"ratio d/b (pipeline / bare pypdfium2): {d / b:6.2f}")
    e = times.get("e extract, shipped model")
    if e is not None and d is not None:
        report(f"ratio e/d (shipped model / rules only): {e / d:6.2f}")


if __name__ == "__main__":
    main()
