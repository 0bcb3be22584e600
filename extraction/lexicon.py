"""Cue words from ``data/cues.tsv``, loaded once and compiled into patterns.

Example: ``cue_pattern("assign")`` matches "Giao", "đề nghị", "Yêu cầu" at a word boundary.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    text = resources.files("extraction").joinpath("data/cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, phrase = line.split("\t", 1)
        table.setdefault(category, []).append(phrase.strip().lower())
    return {k: tuple(v) for k, v in table.items()}


def cues(category: str) -> tuple[str, ...]:
    """All phrases of one category, e.g. ``cues("lead")`` → ("chủ trì", "có trách nhiệm", ...)."""
    return _cues().get(category, ())


@cache
def cue_pattern(category: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """One regex matching any phrase of ``category`` as whole words, longest first."""
    phrases = sorted(cues(category), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w/])(?:{alternatives})(?!\w)", flags)


@cache
def compound_readings() -> dict[str, str]:
    """Two-syllable words ending in a one-syllable predicate cue, and how the grammar reads them
    (``data/compounds.tsv``): "chương trình" → "noun", "giải trình" → "verb"."""
    text = resources.files("extraction").joinpath("data/compounds.tsv").read_text(encoding="utf-8")
    readings = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, reading = line.split("\t")
            readings[word] = reading.strip()
    return readings
