"""Secrecy marks (độ mật): "MẬT", "TỐI MẬT", "TUYỆT MẬT", found however they are written.

A mark is stamped under the number and symbol (Nghị định 30/2020/NĐ-CP, Phụ lục I), often at
the top of every page, sometimes in a text box, a table cell or a page header. Detection fails
closed, because a Tuyệt mật document must never be stored (Quy chế 08-QC/TW, Điều 5):

* every piece of text is *folded* before it is compared (``fold``): NFKD, no invisible or
  zero-width characters, no diacritics in any composition or tone placement, look-alike
  Cyrillic and Greek letters read as Latin, lower case, and every kind of space and punctuation
  as one space: ``"TUYỆT\\u00a0MẬT."``, ``"Tuyệt\\u200b mật (A)"`` and ``"- TUYỆT  MẬT -"`` all
  read as the level Tuyệt mật;
* in the header zone (up to the body's first sentence, at least ``HEADER_LINES`` lines) and in
  the margins (page headers and footers, text boxes, a PDF's running rows), a mark counts
  alone, broken over two lines, or beside other header text on the same line
  (``"ĐẢNG CỘNG SẢN VIỆT NAM    TUYỆT MẬT"``);
* further down, a line that holds only a mark counts (a stamp at the top of a later page; a
  table cell "Tuyệt mật" in a list of documents does not);
* a fragment that may be a mark but is not clearly one level ("TUY MẬT", "Độ mật:" without a
  level, a letter that disagrees with the level, two marks that disagree) makes the document
  the highest level it could be, and the mark says so (``SecrecyMark.reason``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extraction.errors import TopSecret
from extraction.types import SecrecyMark

TOP_SECRET = "Tuyệt mật"
RANKS = {"Mật": 1, "Tối mật": 2, "Tuyệt mật": 3}
HEADER_LINES = 16
# The header zone ends where the body begins, but never looks further than this.
MAX_HEADER_LINES = 80
# A line of this many words with lower-case letters is a sentence: the body has begun.
BODY_WORDS = 12
# Fragments longer than this (folded) are sentences, never a mark or a piece of one.
_MAX_FRAGMENT = 120
# "Độ mật:" followed by more words than this is a sentence about secrecy, not a label.
_MAX_LABEL_WORDS = 2
# Below the header a stamp is a line of its own; longer lines are not even folded.
_MAX_STAMP_LINE = 60

# Where a header line splits into pieces: table cells, lines of a cell, tabs, wide gaps.
_FRAGMENT_BREAK = re.compile(r"\s+\|\s+|\s+/\s+|\t|\s{2,}")
_LIST_ITEM = re.compile(r"^\s*(?:[-+•–—*]\s*|\w{1,4}[.)]\s)")
_CLAUSE_END = re.compile(r"[;,:]\s*$")


@dataclass(frozen=True, slots=True)
class _Words:
    """The folded word lists of ``data/secrecy.tsv``."""

    levels: dict[str, str]
    letters: dict[str, str]
    leads: tuple[str, ...]
    not_secret: frozenset[str]
    headers: tuple[str, ...]
    not_before: frozenset[str]


@cache
def _words() -> _Words:
    rows: dict[str, list[tuple[str, str]]] = {}
    for line in _data_lines("secrecy.tsv"):
        kind, words, meaning = (line.split("\t") + ["", ""])[:3]
        rows.setdefault(kind, []).append((words, meaning))
    return _Words(
        levels={w.replace(" ", ""): m for w, m in rows["level"]},
        letters=dict(rows["letter"]),
        leads=tuple(w for w, _ in rows["lead"]),
        not_secret=frozenset(w for w, _ in rows["not_secret"]),
        headers=tuple(w for w, _ in rows["header"]),
        not_before=frozenset(w for w, _ in rows["not_before"]),
    )


def _data_lines(name: str) -> list[str]:
    text = resources.files("extraction").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _fold_table(*, keep_newline: bool = False) -> dict[int, str | None]:
    """str.translate table: marks and invisible characters go, spaces and punctuation become
    a space, look-alike letters become Latin. Built once over the Basic Multilingual Plane."""
    if keep_newline:
        return {**_fold_table(), ord("\n"): "\n"}
    table: dict[int, str | None] = {}
    for code in range(0x10000):
        category = unicodedata.category(chr(code))
        if category[0] == "M" or category == "Cf":
            table[code] = None
        elif category[0] in "ZCPS":
            table[code] = " "
    # Hangul fillers render as nothing but are letters (Lo): a known way to hide a space.
    for code in (0x115F, 0x1160, 0x3164, 0xFFA0):
        table[code] = None
    for line in _data_lines("confusables.tsv"):
        char, latin = line.split("\t")
        table[ord(char)] = latin
    table[ord("Đ")] = table[ord("đ")] = "d"
    return table


def fold(text: str) -> str:
    """The letters and digits of ``text`` as plain lower-case ASCII-like words.

    Example: ``fold("TUYỆT\\u00a0MẬT (A).")`` is ``"tuyet mat a"``.
    """
    folded = unicodedata.normalize("NFKD", text).translate(_fold_table()).lower()
    return " ".join(folded.split())


# --- where to look ---------------------------------------------------------------------------


def header_zone_end(lines: Sequence[str]) -> int:
    """How many of ``lines`` (non-blank, stripped) form the header: up to the first sentence
    of the body (included), at least ``HEADER_LINES`` and at most ``MAX_HEADER_LINES``."""
    for index, line in enumerate(lines[:MAX_HEADER_LINES]):
        if index >= 3 and _is_sentence(line):
            return min(len(lines), max(HEADER_LINES, index + 1))
    return min(len(lines), MAX_HEADER_LINES)


def _is_sentence(line: str) -> bool:
    """A sentence of the body; the summary under the type ("về việc ...") is not one."""
    words = line.split()
    if len(words) < BODY_WORDS or line.lower().startswith(("về ", "v/v", "(")) or " | " in line:
        return False  # the summary, or a row of the header table
    return sum(w[:1].islower() for w in words) >= len(words) // 2


def _fragments(lines: Iterable[str]) -> list[tuple[str, str]]:
    """(raw, folded) of each piece of each line, in order; empty pieces left out."""
    pieces = []
    for line in lines:
        for raw in _FRAGMENT_BREAK.split(line):
            folded = fold(raw)
            if folded and len(folded) <= _MAX_FRAGMENT:
                pieces.append((raw.strip(), folded))
    return pieces


# --- reading one fragment --------------------------------------------------------------------


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = _words()
    leads = "|".join(re.escape(w) for w in words.leads)
    level = r"(?P<level>tuyet ?mat|toi ?mat|mat)"
    letter = r"(?: (?P<letter>[abc]))?"
    exact = re.compile(rf"^(?:(?:{leads}) )*{level}{letter}$")
    labelled = re.compile(r"^(?:muc )?do mat(?: (?P<rest>.*))?$")
    suffix = re.compile(r"(?P<level>tuyet ?mat|toi ?mat)(?: (?P<letter>[abc]))?$"
                        r"|(?:^|(?P<word>\S+) )(?P<plain>mat)(?: (?P<plain_letter>[abc]))?$")
    prefix = re.compile(rf"^{level}{letter} (?P<rest>.+)$")
    return exact, labelled, suffix, prefix


def _level_of(words: str) -> str:
    return _words().levels[words.replace(" ", "")]


def _mark(raw: str, level: str, letter: str | None, *, reason: str | None = None) -> SecrecyMark:
    """The mark of ``level``; a letter that disagrees makes it the higher of the two."""
    if letter:
        lettered = _words().letters[letter]
        if lettered != level:
            level = max(level, lettered, key=RANKS.__getitem__)
            reason = reason or f"the level and the letter ({letter.upper()}) disagree"
    return SecrecyMark(level=level, words=raw, is_ambiguous=reason is not None, reason=reason)


def _ambiguous(raw: str, why: str) -> SecrecyMark:
    return SecrecyMark(level=TOP_SECRET, words=raw, is_ambiguous=True, reason=why)


def _is_fragment_of_level(word: str) -> bool:
    """ "TUY", "TỐ", "T." before "MẬT": a level word cut short."""
    return 0 < len(word) < 5 and ("tuyet".startswith(word) or "toi".startswith(word))


def _plain_with_previous(raw: str, letter: str | None, previous: str) -> SecrecyMark | None:
    """A bare "MẬT": the end of "TUYỆT / MẬT" broken over two pieces, the end of a word such
    as "BẢO / MẬT" (no mark), or a mark alone."""
    last = previous.rsplit(" ", 1)[-1] if previous else ""
    if last in _words().not_before or _has_breve(raw):
        return None
    if last in ("tuyet", "toi"):
        return _mark(f"{last.upper()} {raw}", _level_of(f"{last} mat"), letter)
    if _is_fragment_of_level(last) and not re.search(r"\d", previous):
        # (a piece with a number is the document's number: "Số 468-TB/TU" ends on its symbol, no
        # cut level; probe CE)
        return _ambiguous(raw, f'"{raw}" follows "{last.upper()}", which may be cut from a level')
    return _mark(raw, "Mật", letter)


def read_header_fragment(raw: str, folded: str, previous: str = "") -> SecrecyMark | None:
    """The mark in one piece of the header zone or the margins, if any; ``previous`` is the
    folded piece before it (a mark may be broken over two pieces)."""
    exact, labelled, suffix, prefix = _patterns()
    words = _words()
    m = exact.match(folded)
    if m:
        if m.group("level") == "mat":
            return _plain_with_previous(raw, m.group("letter"), previous)
        return _mark(raw, _level_of(m.group("level")), m.group("letter"))
    m = labelled.match(folded)
    if m and len((m.group("rest") or "").split()) <= _MAX_LABEL_WORDS:  # longer: a sentence on secrecy
        rest = m.group("rest") or ""
        if rest in words.not_secret:
            return None
        if rest in words.letters:
            return _mark(raw, words.letters[rest], None)
        return _ambiguous(raw, f'"{raw}" names no level that can be read')
    head, _, last = folded.rpartition(" ")
    if last == "mat" and _is_fragment_of_level(head.replace(" ", "")):
        return _ambiguous(raw, f'"{raw}" may be a level cut short')
    for header in words.headers:
        if folded.startswith(header + " ") and exact.match(folded[len(header) + 1 :]):
            return read_header_fragment(raw, folded[len(header) + 1 :])
    if not _is_upper(raw) or folded.startswith(("ve ", "v v ")):
        return None  # a title or a sentence about secret documents, not a stamp
    return _beside_header_text(raw, folded, suffix, prefix)


def _beside_header_text(raw: str, folded: str, suffix: re.Pattern[str],
                        prefix: re.Pattern[str]) -> SecrecyMark | None:
    """A mark on the same line as other header text, in capitals like the header itself."""
    words = _words()
    m = suffix.search(folded)
    if m and m.group("level"):
        return _mark(raw, _level_of(m.group("level")), m.group("letter"))
    if m and m.group("plain") and (m.group("word") or "") not in words.not_before:
        return _mark(raw, "Mật", m.group("plain_letter"))
    m = prefix.match(folded)
    if m and m.group("rest").startswith(words.headers):
        return _mark(raw, _level_of(m.group("level")), m.group("letter"))
    return None


def read_stamp_line(raw: str, folded: str, previous: str = "") -> SecrecyMark | None:
    """A mark below the header: only a line that is nothing but a mark, either in capitals or
    not written as an item of a list ("- Tuyệt mật;" in a list of levels is not a stamp)."""
    exact = _patterns()[0]
    m = exact.match(folded)
    if not m:
        return None
    if not _is_upper(raw) and (_LIST_ITEM.match(raw) or _CLAUSE_END.search(raw)):
        return None
    if m.group("level") == "mat":
        return _plain_with_previous(raw, m.group("letter"), previous)
    return _mark(raw, _level_of(m.group("level")), m.group("letter"))


def _has_breve(raw: str) -> bool:
    """ "MẶT", "MẮT" (a with a breve: face, eye) are other words than "MẬT"; a mark written
    without any diacritics ("MAT") still counts."""
    return "\u0306" in unicodedata.normalize("NFD", raw)


def _is_upper(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


# --- the document ----------------------------------------------------------------------------


def find_mark(text: str, margins: Sequence[str] = ()) -> SecrecyMark | None:
    """The secrecy mark of a document (its normalised text and its margins), or None.

    Example: a header line ``"ĐẢNG CỘNG SẢN VIỆT NAM\\u00a0 TUYỆT MẬT."`` gives
    ``SecrecyMark(level="Tuyệt mật", ...)``.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    zone_end = header_zone_end(lines)
    found = _marks(_fragments(lines[:zone_end]), read_header_fragment)
    found += _marks(_fragments(margins), read_header_fragment)
    found += _stamps([line for line in lines[zone_end:] if len(line) <= _MAX_STAMP_LINE])
    return verdict(found)


def _stamps(lines: list[str]) -> list[SecrecyMark]:
    """Stamp lines among short ``lines``, folded in one pass (a long text has many)."""
    if not lines:
        return []
    joined = unicodedata.normalize("NFKD", "\n".join(lines)).translate(_fold_table(keep_newline=True))
    folded = joined.lower().split("\n")
    marks = []
    for index, letters in enumerate(folded):
        if "mat" in letters:  # every level ends in "mat"; most lines are left here
            previous = " ".join(folded[index - 1].split()) if index else ""
            mark = read_stamp_line(lines[index], " ".join(letters.split()), previous)
            if mark is not None:
                marks.append(mark)
    return marks


FragmentReader = Callable[[str, str, str], SecrecyMark | None]


def _marks(fragments: list[tuple[str, str]], read: FragmentReader) -> list[SecrecyMark]:
    marks = []
    previous = ""
    for raw, folded in fragments:
        mark = read(raw, folded, previous)
        if mark is not None:
            marks.append(mark)
        previous = folded
    return marks


def verdict(marks: Sequence[SecrecyMark]) -> SecrecyMark | None:
    """One mark for the document: the highest found; two levels that disagree are said so."""
    if not marks:
        return None
    top = max(marks, key=lambda m: (RANKS[m.level], m.is_ambiguous))
    levels = sorted({m.level for m in marks}, key=RANKS.__getitem__)
    if len(levels) > 1 and not top.is_ambiguous:
        return SecrecyMark(level=top.level, words=top.words, is_ambiguous=True,
                           reason=f"the document carries marks of different levels ({', '.join(levels)})")
    return top


def describe(mark: SecrecyMark) -> str:
    """What the service says about a mark: ``'"TUY MẬT" may be a level cut short; the document
    is treated as Tuyệt mật, the highest level it could be'``."""
    if not mark.is_ambiguous:
        return f'the document is marked {mark.level} ("{mark.words}")'
    return f"{mark.reason}; the document is treated as {mark.level}, the highest level it could be"


def refuse_top_secret(text: str, margins: Sequence[str] = (), *, name: str = "the document") -> None:
    """TopSecret if the text carries (or may carry) a Tuyệt mật mark; nothing else happens."""
    mark = find_mark(text, margins)
    if mark is not None and mark.level == TOP_SECRET:
        raise TopSecret(
            f"{name}: {describe(mark)}. A Tuyệt mật document is not put on the system, and "
            "nothing was stored (Quy chế 08-QC/TW, Điều 5)",
            mark=mark,
        )
