"""OCR of PDF pages with Debian's tesseract (``tesseract-ocr``, ``-vie``, ``-script-viet``).

A page is rendered by pypdfium2 (pdf.py) to a grayscale image and piped to the ``tesseract``
program, which answers in TSV: one row per word with its box and its confidence. The words are
grouped into tesseract's lines, each with its box in points, so the PDF reader rebuilds
paragraphs from them exactly as it does from a text layer, and every character keeps its page.

Running the program (rather than a binding) is the ingestion of bytes: no settings, clock or
database are read. ``OMP_THREAD_LIMIT=1`` keeps one page on one core, which is faster on a
busy machine than tesseract's own threads.
"""

from __future__ import annotations

import csv
import functools
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from extraction.errors import OcrFailed
from extraction.language import is_vietnamese

# vie: the Vietnamese language model; Vietnamese: the script model (tesseract-ocr-script-viet),
# which knows every diacritic combination and rescues words outside vie's word list.
LANGUAGES = ("vie", "Vietnamese")
# Tesseract reads 300 dpi best; a scan made at 150 dpi is rendered at 300 all the same.
RENDER_DPI = 300

# Only what tesseract needs: the service's environment (secrets included) stays out.
_ENV = {"OMP_THREAD_LIMIT": "1", "LC_ALL": "C.UTF-8"}
# A page read with a lower mean word confidence is checked for being turned.
_TURNED_BELOW = 0.6
# Below this confidence (in %), a word without a letter or digit is taken for a speck.
_SPECK_CONFIDENCE = 60.0

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """How scanned pages and broken text layers are read (plain values; the service sets them).

    ``max_pages``: more pages to OCR than this is refused (FileTooLarge) before any is read.
    ``first_pages``: read only the first pages that need OCR (the service's upload checks: the
    secrecy mark, number and date are on the first page), leaving the rest empty for the
    extraction job, which reads them all; None reads every page.
    ``page_timeout_s``: one page taking longer is refused (OcrFailed). ``review_below``: words
    with a lower confidence (0 to 1) are marked for the reviewer. ``progress(done, total)`` is
    called after each page ("đang nhận dạng trang 3/12").
    """

    enabled: bool = True
    languages: tuple[str, ...] = LANGUAGES
    dpi: int = RENDER_DPI
    max_pages: int = 100
    first_pages: int | None = None
    page_timeout_s: float = 120.0
    review_below: float = 0.6
    progress: Progress | None = None


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line tesseract read: its words with their confidences, and its box in points."""

    words: tuple[tuple[str, float], ...]
    left: float
    top: float
    right: float
    bottom: float
    first_word_right: float

    @property
    def text(self) -> str:
        return " ".join(word for word, _ in self.words)


def unavailable_reason(languages: tuple[str, ...] = LANGUAGES) -> str | None:
    """Why OCR cannot run here (no tesseract, a language missing), or None when it can."""
    installed = installed_languages()
    if installed is None:
        return "tesseract is not installed (Debian packages tesseract-ocr, tesseract-ocr-vie)"
    missing = [language for language in languages if language not in installed]
    if missing:
        return f"tesseract lacks the language data {', '.join(missing)} (tesseract-ocr-vie, -script-viet)"
    return None


@functools.cache
def installed_languages() -> frozenset[str] | None:
    """The language models tesseract has, or None when there is no tesseract program."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def tesseract_version() -> str | None:
    """The first line of ``tesseract --version`` (for the health check), or None."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (done.stdout or done.stderr).splitlines()
    return lines[0].strip() if lines else None


def page_image(pixels: bytes, width: int, height: int) -> bytes:
    """A grayscale page (``width`` × ``height`` bytes) as the PGM image tesseract reads.

    The page is smoothed with a 3 × 3 mean first: scanner grain and dust specks fade below
    tesseract's threshold while strokes, rendered at 300 dpi, stay whole. On the test scans
    (tests/extraction/test_ocr.py) this halves the character errors at 150 dpi (6.7 % to
    3.6 %) and costs about 0.1 s a page.
    """
    import numpy as np

    page = np.frombuffer(pixels, dtype=np.uint8).reshape(height, width).astype(np.uint16)
    padded = np.pad(page, 1, mode="edge")
    total = np.zeros_like(page)
    for dy in range(3):
        for dx in range(3):
            total += padded[dy : dy + height, dx : dx + width]
    smoothed = (total // 9).astype(np.uint8)
    return b"P5 %d %d 255\n" % (width, height) + smoothed.tobytes()


def read_page(image: bytes, *, dpi: int, scale: float, page: int, options: OcrOptions) -> list[OcrLine]:
    """Read a page image; a page that reads badly is checked for being turned (a landscape
    or upside-down scan) and read again the right way up.

    Tesseract's orientation detection (``--psm 0``) costs about a second, so it runs only
    where the first reading fails the Vietnamese check (an upside-down page reads as
    "uIS queu 1 uaÁnBN" with a mean confidence of 0.63) or its mean word confidence is below
    ``_TURNED_BELOW``.
    """
    lines = read_image(image, dpi=dpi, scale=scale, page=page, options=options)
    text = " ".join(line.text for line in lines)
    if mean_confidence(lines) >= _TURNED_BELOW and is_vietnamese(text):
        return lines
    turn = orientation(image, dpi=dpi, options=options)
    if not turn:
        return lines
    upright = read_image(rotate_image(image, turn), dpi=dpi, scale=scale, page=page, options=options)
    return upright if mean_confidence(upright) > mean_confidence(lines) else lines


def mean_confidence(lines: list[OcrLine]) -> float:
    confidences = [confidence for line in lines for _, confidence in line.words]
    return sum(confidences) / len(confidences) if confidences else 0.0


def orientation(image: bytes, *, dpi: int, options: OcrOptions) -> int:
    """How many degrees clockwise the page must turn to stand upright (0, 90, 180, 270);
    0 when tesseract cannot tell (too few letters)."""
    program = shutil.which("tesseract") or "tesseract"
    try:
        done = subprocess.run(
            [program, "stdin", "stdout", "--psm", "0", "--dpi", str(dpi)],
            input=image, capture_output=True, timeout=options.page_timeout_s, env=_ENV,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return 0
    found = re.search(r"^Rotate:\s*(\d+)", done.stdout.decode("utf-8", "replace"), re.M)
    return int(found.group(1)) % 360 if found and done.returncode == 0 else 0


def rotate_image(image: bytes, clockwise: int) -> bytes:
    """A PGM image (``page_image``) turned ``clockwise`` degrees (a multiple of 90)."""
    import numpy as np

    header, pixels = image.split(b"\n", 1)
    _, width, height, _ = header.split()
    page = np.frombuffer(pixels, dtype=np.uint8).reshape(int(height), int(width))
    turned = np.ascontiguousarray(np.rot90(page, -(clockwise // 90)))
    return b"P5 %d %d 255\n" % (turned.shape[1], turned.shape[0]) + turned.tobytes()


def read_image(
    image: bytes, *, dpi: int, scale: float, page: int, options: OcrOptions
) -> list[OcrLine]:
    """Read one page image (PGM or PNG bytes) into lines; boxes in points (pixels / ``scale``).

    Raises OcrFailed when tesseract fails or runs past ``options.page_timeout_s``.
    """
    program = shutil.which("tesseract") or "tesseract"
    command = [
        program, "stdin", "stdout",
        "-l", "+".join(options.languages),
        "--dpi", str(dpi),
        "--psm", "3",
        "tsv",
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command, input=image, capture_output=True, timeout=options.page_timeout_s, env=_ENV
        )
    except subprocess.TimeoutExpired as error:
        raise OcrFailed(
            f"reading page {page} by OCR took longer than {options.page_timeout_s:.0f} s; "
            "split the scan into smaller files, or scan it at 300 dpi in black and white"
        ) from error
    except OSError as error:
        raise OcrFailed(f"OCR could not start ({error}); check the tesseract installation") from error
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise OcrFailed(f"OCR failed on page {page} ({detail[0]}); scan the page again")
    return parse_tsv(done.stdout.decode("utf-8", "replace"), scale)


def parse_tsv(tsv: str, scale: float) -> list[OcrLine]:
    """Tesseract's TSV (level 5 rows are words) grouped into its lines, in reading order."""
    lines: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in csv.DictReader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and not _is_speck(row):
            key = (row["block_num"], row["par_num"], row["line_num"])
            lines.setdefault(key, []).append(row)
    return [_line(words, scale) for words in lines.values()]


def _is_speck(row: dict[str, str]) -> bool:
    """A "word" of punctuation only that tesseract is unsure of: dust or grain read as "_",
    "~", "." or "`". Real punctuation alone (a list's "-") is read with high confidence."""
    text = (row.get("text") or "").strip()
    if any(char.isalnum() for char in text):
        return False
    return not text or float(row.get("conf") or 0) < _SPECK_CONFIDENCE


def _line(words: list[dict[str, str]], scale: float) -> OcrLine:
    boxes = [
        (int(w["left"]), int(w["top"]), int(w["left"]) + int(w["width"]), int(w["top"]) + int(w["height"]))
        for w in words
    ]
    return OcrLine(
        words=tuple(
            (unicodedata.normalize("NFC", w["text"].strip()), max(float(w["conf"]), 0.0) / 100)
            for w in words
        ),
        left=min(box[0] for box in boxes) / scale,
        top=min(box[1] for box in boxes) / scale,
        right=max(box[2] for box in boxes) / scale,
        bottom=max(box[3] for box in boxes) / scale,
        first_word_right=boxes[0][2] / scale,
    )
