"""Cue words from ``data/cues.tsv``, loaded once and compiled into patterns.

Example: ``cue_pattern("assign")`` matches "Giao", "đề nghị", "Yêu cầu" at a word boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources


def data_rows(name: str) -> Iterator[list[str]]:
    """The rows of ``extraction/data/<name>`` (tab-separated), cells stripped, comments skipped."""
    text = resources.files("extraction").joinpath(f"data/{name}").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


# categories whose phrases belong to a wider one too, so that each phrase is written once: a
# prohibition ends a name as any predicate does
PART_OF = {"prohibition": "predicate"}


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for category, phrase in data_rows("cues.tsv"):
        table.setdefault(category, []).append(phrase.lower())
    for part, whole in PART_OF.items():
        table.setdefault(whole, []).extend(table.get(part, []))
    return {k: tuple(v) for k, v in table.items()}


def cues(category: str) -> tuple[str, ...]:
    """All phrases of one category, e.g. ``cues("lead")`` → ("chủ trì", "có trách nhiệm", ...)."""
    return _cues().get(category, ())


@cache
def cue_pattern(category: str, *, case_sensitive: bool = False, without: str = "") -> re.Pattern[str]:
    """One regex matching any phrase of ``category`` (but ``without``) as whole words, longest first."""
    phrases = sorted((p for p in cues(category) if p != without), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w/])(?:{alternatives})(?!\w)", flags)


@cache
def compound_readings() -> dict[str, str]:
    """Two-syllable words with a one-syllable predicate cue as a syllable, and how the grammar
    reads them (``data/compounds.tsv``): "chương trình", "giao thông" → "noun", "giải trình" →
    "verb"."""
    readings = {word: reading for word, reading in data_rows("compounds.tsv")}
    # words the tagger reads differently by position (so compounds.tsv leaves them out) that are
    # a name's words in a directive ("các đơn vị sự nghiệp công lập", cues.tsv: name_word) and other words
    # read as nouns ("đáp ứng yêu cầu", cues.tsv: noun_word)
    readings.update((word.lower(), "noun") for category in ("name_word", "noun_word") for word in cues(category))
    return readings
