"""Character offsets between Python and Label Studio, converted explicitly.

Python counts offsets in code points (``str`` indices). JavaScript strings count UTF-16 code
units, so a character outside the Basic Multilingual Plane ("📌", "𠀀") is one Python
character but two JavaScript ones. Label Studio 1.23's text editor builds its content with
``[...text]`` and therefore stores code-point offsets (checked in a browser, see
``docs/models.md``); versions up to 1.9 stored UTF-16 offsets (issues #1347, #4988). The unit
is a setting (``GIAOVIEC_LABEL_STUDIO_OFFSETS=codepoint|utf16``), and every offset that crosses
the boundary goes through :func:`to_unit` or :func:`from_unit`, never unconverted.

NFC and NFD spell "Bộ" with 2 or 3 code points: offsets are only valid against the exact string
they were counted on. giaoviec pushes the NFC text it extracted and pulls that same string back.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

CODEPOINT, UTF16 = "codepoint", "utf16"
UNITS = (CODEPOINT, UTF16)


def _utf16_prefix(text: str) -> list[int]:
    """``prefix[i]`` = UTF-16 length of ``text[:i]``."""
    return [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]


def to_unit(text: str, offsets: list[int], unit: str) -> list[int]:
    """Python offsets into ``text`` as offsets in ``unit``.

    ``to_unit("📌 Giao Bộ", [2, 6], "utf16")`` → ``[3, 7]``.
    """
    _check(unit)
    if unit == CODEPOINT:
        return list(offsets)
    prefix = _utf16_prefix(text)
    return [prefix[i] for i in offsets]


def from_unit(text: str, offsets: list[int], unit: str) -> list[int]:
    """Offsets in ``unit`` as Python offsets; ValueError for one that falls inside a character.

    ``from_unit("📌 Giao Bộ", [3, 7], "utf16")`` → ``[2, 6]``.
    """
    _check(unit)
    if unit == CODEPOINT:
        for i in offsets:
            if not 0 <= i <= len(text):
                raise ValueError(f"offset {i} is outside the text (length {len(text)})")
        return list(offsets)
    prefix = _utf16_prefix(text)
    out = []
    for i in offsets:
        j = bisect_left(prefix, i)
        if j >= len(prefix) or prefix[j] != i:
            raise ValueError(f"UTF-16 offset {i} splits a character outside the BMP")
        out.append(j)
    return out


def _check(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"unknown offset unit {unit!r}; use one of {', '.join(UNITS)}")
