"""Bodies (cơ quan, tổ chức): a directory of known bodies and a fast matcher over text.

The directory is the bundled tables under ``data/bodies/`` (each header names its sources):
``central.tsv`` (Party, State, Government, ministries, agencies, mass organisations, state
enterprises), ``provinces.tsv`` (the 34 provinces from 2025-07-01 and the 63 before, with
successors), ``templates.tsv`` (bodies every province or ministry has, expanded here:
"Ủy ban nhân dân {full}" gives "Ủy ban nhân dân tỉnh Lào Cai" and, without a province,
"Ủy ban nhân dân tỉnh"), ``generic.tsv`` (addressee groups) and ``lexicon.tsv`` (the words the
recognisers use: abbreviations, determiners, generic units, titles, heads of names).

``BodyDirectory.find`` reads a text once into folded word tokens (lower case, one tone-mark
placement, so "Uỷ ban", "ủy ban" and "ỦY BAN" are one key; "UBND" expands to the four words
it stands for) and collects candidates from five readers:

* directory names and aliases (a token trie, longest match at each token);
* elliptic lists that share a head: "các Bộ: Tài chính, Tư pháp" gives "Bộ Tài chính" and
  "Bộ Tư pháp";
* generic addressees: "các bộ, ngành liên quan", "Ủy ban nhân dân các xã, phường";
* a title or sub-body before a body: "Chủ tịch Ủy ban nhân dân tỉnh", "Ban Thường vụ các tỉnh
  ủy, thành ủy";
* names not in the directory, from a capitalised head word: "Vụ Lý luận chính trị".

The longest candidate wins; at equal length the directory wins. A plain trie is used instead
of spaCy's PhraseMatcher because the elliptic lists walk the trie from a head that is not in
the text, and acronyms must match in capitals only; a 20-page document (60,000 characters)
takes about 35 ms, of which spaCy's blank Vietnamese tokenizer alone would take 25 ms
(``bench/bodies_bench.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from extraction.types import Body, Span

__all__ = ["BodyDirectory", "BodyEntry", "fold", "strip_marks"]

DATA_DIR = "data/bodies"
TABLES = ("central.tsv", "provinces.tsv", "templates.tsv", "generic.tsv", "lexicon.tsv")

GENERIC = "generic"
PROVINCE = "province"
OFFICE = "office"
MINISTRY_KINDS = frozenset({"ministry", "ministerial_agency"})

# Old and new tone-mark placement spell the same syllable (shared/eval/score.py does the same).
_TONE_VARIANTS = {
    "uỷ": "ủy", "uý": "úy", "uỳ": "ùy", "uỹ": "ũy", "uỵ": "ụy",
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
}  # fmt: skip
_TONE_AT_END = re.compile("(?:" + "|".join(_TONE_VARIANTS) + r")(?!\w)")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
# Words, single punctuation marks and line breaks: no name runs across a line break.
_TOKEN = re.compile(r"\w+|[^\w\s]|\n")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_CITY_UNIT = "thành phố"

# Which reader a candidate came from, and how it ranks against an overlapping one of equal length.
_PRIORITY = {"list_item": 5, "directory": 4, "composed": 3, "generic": 2, "recognised": 1}
# "Kho bạc Nhà nước tỉnh", "Cục Thuế thành phố": a central agency's branch at a local level is
# another body than the agency, so the level word stretches the known name.
LOCAL_LEVELS = frozenset({("tỉnh",), ("thành", "phố"), ("huyện",), ("quận",), ("thị", "xã"), ("xã",), ("phường",)})


# Kinds of body whose units are named with the body right after them ("các ban đảng Tỉnh ủy").
OWNER_KINDS = frozenset({"local_party_organ", "party_committee", "ministry"})
# Kinds of central body with local branches named after them ("Kho bạc Nhà nước tỉnh", "Ngân hàng
# Chính sách xã hội chi nhánh tỉnh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã"); a ministry has none
# ("Bộ Công an, tỉnh Quảng Trị").
BRANCHING_KINDS = frozenset({"agency", "ministerial_agency", "government_agency", "enterprise", "mass_org"})


def _branch_end(tokens: _Tokens, j: int) -> int | None:
    """The end of the words that make a known name a local branch, read from token ``j``: a
    level word ("Kho bạc Nhà nước tỉnh"), with the place's name or not ("... tỉnh Quảng Trị"),
    or a numbered region ("... khu vực VII"), "chi nhánh" before either or not ("Ngân hàng Nhà
    nước chi nhánh Khu vực 12")."""
    n = len(tokens)
    if tuple(tokens.norm[j : j + 2]) == ("chi", "nhánh"):
        j += 2
    if tuple(tokens.norm[j : j + 2]) == ("khu", "vực"):
        return j + 3 if j + 2 < n and tokens.word[j + 2] else None
    level = next((len(w) for k in (2, 1) if (w := tuple(tokens.norm[j : j + k])) in LOCAL_LEVELS), 0)
    if not level:
        return None
    end = j + level
    while end < n and tokens.word[end] and tokens.cap[end] and not tokens.upper[end]:
        end += 1
    return end


def fold(text: str) -> str:
    """Lower case, one tone-mark placement, one dash; the result has the length of ``text``.

    Example: ``fold("Uỷ ban nhân dân Thành phố")`` gives ``"ủy ban nhân dân thành phố"``.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters ("İ") lower to two code points
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _TONE_AT_END.sub(lambda m: _TONE_VARIANTS[m.group(0)], lowered.translate(_DASHES))


def strip_marks(text: str) -> str:
    """Lower case without diacritics, for search: ``"Ban Tổ chức"`` gives ``"ban to chuc"``."""
    return " ".join(_TOKEN.findall(text.lower().translate(_bare_letters())))


@cache
def _bare_letters() -> dict[int, str]:
    """Latin letters with diacritics (U+00C0 to U+1EFF) to their bare letter: "ổ" to "o"."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0xC0, 0x1F00):
        bare = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if unicodedata.category(c) != "Mn")
        if bare != chr(code) and bare.isascii():
            table[code] = bare
    return table


# --- entries ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BodyEntry:
    """One body of the directory.

    ``valid_to`` is the last day the body existed under this name; ``successor`` is the id of
    the body that took over its work (for a split, the main one; ``note`` says the rest).
    """

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None
    note: str = ""

    def is_valid_at(self, at: date) -> bool:
        starts = self.valid_from is None or self.valid_from <= at
        return starts and (self.valid_to is None or at <= self.valid_to)

    @property
    def is_generic(self) -> bool:
        return self.kind == GENERIC


@dataclass(frozen=True, slots=True)
class _Alias:
    """One spelling of an entry, as the trie stores it."""

    entry: str
    acronyms: tuple[int, ...]  # token positions that must be written in capitals
    needs_capital: bool  # the first word must start with a capital (names, not generic groups)


@dataclass(frozen=True, slots=True)
class _Template:
    id: str
    scope: str
    pattern: str
    generic: tuple[str, ...]
    aliases: tuple[str, ...]
    kind: str
    parent: str | None
    valid_from: date | None
    valid_to: date | None
    successor: str | None
    only: tuple[str, ...]
    note: str

    def applies_to(self, body_id: str) -> bool:
        if f"!{body_id}" in self.only:
            return False
        included = [x for x in self.only if not x.startswith("!")]
        return not included or body_id in included


@dataclass(frozen=True, slots=True)
class _Province:
    entry: BodyEntry
    name: str
    unit: str
    full_name: str

    def values(self) -> dict[str, str]:
        return {
            "full": self.full_name,
            "province": self.name,
            "unit": self.unit,
            "committee": _committee(self.unit),
        }


def _committee(unit: str) -> str:
    # The Party committee of a province is a Tỉnh ủy, of a centrally-run city a Thành ủy.
    return "Thành ủy" if unit == _CITY_UNIT else "Tỉnh ủy"


def _fill(pattern: str, values: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], pattern)


# --- reading the tables ----------------------------------------------------------------------


def _rows(text: str) -> Iterator[dict[str, str]]:
    """The rows of a TSV whose first non-comment line names the columns."""
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        yield dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


def _date(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell else None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def _entry(row: Mapping[str, str], **fixed: str) -> BodyEntry:
    row = {**row, **fixed}
    return BodyEntry(
        id=row["id"],
        name=row["name"],
        kind=row.get("kind", ""),
        aliases=_split(row.get("aliases", "")),
        parent=row.get("parent") or None,
        valid_from=_date(row.get("valid_from", "")),
        valid_to=_date(row.get("valid_to", "")),
        successor=row.get("successor") or None,
        note=row.get("note", ""),
    )


def _provinces(text: str) -> list[_Province]:
    out = []
    for row in _rows(text):
        entry = _entry(row, name=row["full_name"], kind=PROVINCE)
        out.append(_Province(entry, row["name"], row["unit"], row["full_name"]))
    return out


def _templates(text: str) -> list[_Template]:
    return [
        _Template(
            id=row["id"],
            scope=row["scope"],
            pattern=row["pattern"],
            generic=_split(row["generic"]),
            aliases=_split(row["aliases"]),
            kind=row["kind"],
            parent=row["parent"] or None,
            valid_from=_date(row["valid_from"]),
            valid_to=_date(row["valid_to"]),
            successor=row["successor"] or None,
            only=_split(row["only"]),
            note=row["note"],
        )
        for row in _rows(text)
    ]


def _later(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _instantiate(
    template: _Template, base: BodyEntry, values: Mapping[str, str], central: Set[str]
) -> BodyEntry | None:
    """The body ``template`` gives for one province or ministry, or None if the two never met."""
    valid_from = _later(template.valid_from, base.valid_from)
    valid_to = _earlier(template.valid_to, base.valid_to)
    if valid_from and valid_to and valid_from > valid_to:
        return None
    parent = template.parent
    if parent and parent not in central:  # another template: its body in the same province
        parent = f"{parent}.{base.id}"
    return BodyEntry(
        id=f"{template.id}.{base.id}",
        name=_fill(template.pattern, values),
        kind=template.kind,
        aliases=tuple(dict.fromkeys(_fill(a, values) for a in template.aliases)),
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        note=template.note,
    )


def _uses_unit(template: _Template) -> bool:
    return any("{unit}" in g or "{committee}" in g for g in template.generic)


def _generic_forms(template: _Template, central: Set[str], templates: Mapping[str, _Template]) -> list[BodyEntry]:
    """The template's bodies without a province: "Sở Tài chính", "Ủy ban nhân dân tỉnh" and
    "Ủy ban nhân dân thành phố" (ids ``so_tai_chinh``, ``ubnd.tinh``, ``ubnd.thanh_pho``)."""

    def generic_id(template_id: str | None, unit: str) -> str | None:
        if template_id is None or template_id in central:
            return template_id
        other = templates.get(template_id)
        if other is None or not _uses_unit(other):
            return template_id if other is not None and other.generic else None
        return f"{template_id}.{'thanh_pho' if unit == _CITY_UNIT else 'tinh'}"

    if not template.generic:
        return []
    # an alias of the full name that does not name the province works without it too:
    # "Ủy ban Mặt trận Tổ quốc {full}" gives "Ủy ban Mặt trận Tổ quốc tỉnh"
    spellings = [*template.generic]
    if _uses_unit(template):
        spellings += [a.replace("{full}", "{unit}") for a in template.aliases if "{province}" not in a]
    out = []
    for unit in ("tỉnh", _CITY_UNIT) if _uses_unit(template) else ("",):
        values = {"unit": unit, "committee": _committee(unit)}
        names = list(dict.fromkeys(_fill(g, values) for g in spellings))
        out.append(
            BodyEntry(
                id=generic_id(template.id, unit) or template.id,
                name=names[0],
                kind=template.kind,
                aliases=tuple(names[1:]),
                parent=generic_id(template.parent, unit or "tỉnh"),
                valid_from=template.valid_from,
                valid_to=template.valid_to,
                successor=generic_id(template.successor, unit or "tỉnh"),
                note=template.note,
            )
        )
    return out


def _expand(templates: Iterable[_Template], provinces: list[_Province], central: list[BodyEntry]) -> list[BodyEntry]:
    """Every template applied to every province (or ministry) it covers, plus generic forms."""
    ministries = [e for e in central if e.kind in MINISTRY_KINDS]
    central_ids = {e.id for e in central}
    by_id = {t.id: t for t in templates}
    out: list[BodyEntry] = []
    for template in by_id.values():
        if template.scope == PROVINCE:
            out.extend(_generic_forms(template, central_ids, by_id))
            bases = [(p.entry, p.values()) for p in provinces]
        else:
            bases = [(m, {"body": m.name}) for m in ministries]
        for base, values in bases:
            if template.applies_to(base.id):
                entry = _instantiate(template, base, values, central_ids)
                if entry:
                    out.append(entry)
    return out


def _link_successors(
    entries: dict[str, BodyEntry], templates: Iterable[_Template], bases: Mapping[str, BodyEntry]
) -> None:
    """Fill the successor of each expanded body that ended: the template's successor in the same
    province, or the same template in the province that took over, whichever exists next day."""
    by_id = {t.id: t for t in templates}
    for entry_id, entry in list(entries.items()):
        template_id, dot, base_id = entry_id.partition(".")
        template = by_id.get(template_id)
        if not dot or template is None or entry.valid_to is None or base_id not in bases:
            continue
        next_base = bases[base_id].successor
        options = []
        if template.successor:
            options += [f"{template.successor}.{base_id}", f"{template.successor}.{next_base}"]
        options.append(f"{template_id}.{next_base}")
        day_after = entry.valid_to + timedelta(days=1)
        found = [entries[o] for o in options if o in entries]
        current = [e for e in found if e.is_valid_at(day_after)]
        if current or found:
            entries[entry_id] = replace(entry, successor=(current or found)[0].id)


# --- tokens ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tokens:
    """A text as folded word tokens, in parallel lists for speed.

    An abbreviation ("UBND") becomes the tokens of the words it stands for, all with the
    abbreviation's offsets and one ``group``; a match may not start or end inside a group.
    """

    text: str
    norm: list[str] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    cap: list[bool] = field(default_factory=list)
    upper: list[bool] = field(default_factory=list)
    word: list[bool] = field(default_factory=list)
    group: list[int] = field(default_factory=list)
    # per abbreviation's group: (the words it stands for, its end offset incl. a dot it ate)
    expansion: dict[int, tuple[str, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.norm)

    def columns(self) -> tuple[list[Any], ...]:
        return (self.norm, self.start, self.end, self.cap, self.upper, self.word, self.group)

    def is_boundary(self, i: int) -> bool:
        """Whether a match may start at token ``i`` (or end just before it)."""
        return i <= 0 or i >= len(self.norm) or self.group[i] != self.group[i - 1]

    def char_span(self, i: int, j: int) -> tuple[int, int]:
        return self.start[i], self.end[j - 1]

    def wording(self, i: int, j: int) -> str:
        """The text of tokens ``[i, j)`` with abbreviations written out: "UBND các xã" gives
        "Ủy ban nhân dân các xã"."""
        begin, finish = self.char_span(i, j)
        pieces, cursor = [], begin
        for k in range(i, j):
            if self.group[k] in self.expansion and self.is_boundary(k):
                words, stop = self.expansion[self.group[k]]
                pieces.append(self.text[cursor : self.start[k]])
                pieces.append(words)
                cursor = min(stop, max(finish, self.end[k]))
                if cursor < len(self.text) and stop > self.end[k] and self.text[cursor].isalnum():
                    pieces.append(" ")
        pieces.append(self.text[cursor:finish])
        return "".join(pieces).strip()


_END = ""  # the trie key of a terminal node: no token is empty

# A token trie: nested dicts keyed by folded tokens; the values stored at a key's end node sit
# under ``_END``.
_Trie = dict[str, Any]


def _insert(trie: _Trie, key: Iterable[str], value: object) -> None:
    node = trie
    for token in key:
        node = node.setdefault(token, {})
    node.setdefault(_END, []).append(value)


def _ends(node: _Trie, tokens: _Tokens, i: int) -> list[tuple[int, list[Any]]]:
    """Every (end, values) where a key of the trie ``node`` ends, walking from token ``i``."""
    out = []
    norm = tokens.norm
    n = len(norm)
    while i < n:
        child = node.get(norm[i])
        if child is None:
            break
        node = child
        i += 1
        if _END in node:
            out.append((i, node[_END]))
    return out


def _phrases_of(trie: _Trie) -> list[str]:
    """The folded phrases a token trie holds."""
    out = []
    for key, child in trie.items():
        if key == _END:
            out.append("")
            continue
        out.extend(f"{key} {rest}".strip() for rest in _phrases_of(child))
    return out


def _spaced(phrase: str) -> str:
    """A pattern for a phrase of tokens: spaces between words, none needed before a comma
    ("tham mưu , giúp việc" matches "tham mưu, giúp việc")."""
    tokens = phrase.split()
    out = re.escape(tokens[0]) if tokens else ""
    for token in tokens[1:]:
        out += (r"\s*" if not token[0].isalnum() else r"\s+") + re.escape(token)
    return out


# how far around a word a name phrase that covers it is looked for (characters)
NAME_PHRASE_REACH = 40


def _longest(trie: _Trie, tokens: _Tokens, i: int) -> tuple[int, list[Any]] | None:
    found = _ends(trie, tokens, i)
    for end, values in reversed(found):
        if tokens.is_boundary(end):
            return end, values
    return None


def _written_out_head(trie: _Trie, tokens: _Tokens, i: int) -> tuple[int, list[Any]] | None:
    """A written-out abbreviation that opens with a head, as one head: "BTV" is "Ban Thường vụ"."""
    end = i + 1
    while end < len(tokens) and not tokens.is_boundary(end):
        end += 1
    found = _ends(trie, tokens, i) if end > i + 1 else []
    return (end, found[0][1]) if found else None


# --- the lexicon -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Lexicon:
    """The words of ``lexicon.tsv``: one token trie per kind, abbreviations and stop words."""

    abbreviations: dict[str, str] = field(default_factory=dict)
    also_words: set[str] = field(default_factory=set)
    stops: set[str] = field(default_factory=set)
    determiner: _Trie = field(default_factory=dict)
    unit: _Trie = field(default_factory=dict)
    qualifier: _Trie = field(default_factory=dict)
    connector: _Trie = field(default_factory=dict)
    link: _Trie = field(default_factory=dict)
    title: _Trie = field(default_factory=dict)
    list_head: _Trie = field(default_factory=dict)
    head: _Trie = field(default_factory=dict)
    named_head: _Trie = field(default_factory=dict)
    name_phrase: _Trie = field(default_factory=dict)

    def trie(self, kind: str) -> _Trie:
        if kind not in _LEXICON_TRIES:
            raise ValueError(f"lexicon.tsv: unknown kind {kind!r}; known: {sorted(_LEXICON_TRIES)}")
        trie: _Trie = getattr(self, kind)
        return trie

    def starts(self, *kinds: str) -> frozenset[str]:
        """The first tokens of the phrases of ``kinds``: a cheap test before walking a trie."""
        return frozenset(t for kind in kinds for t in self.trie(kind))


_LEXICON_TRIES = frozenset(
    {"determiner", "unit", "qualifier", "connector", "link", "title", "list_head", "head", "named_head", "name_phrase"}
)


def _read_lexicon(text: str) -> _Lexicon:
    lexicon = _Lexicon()
    for row in _rows(text):
        kind, phrase = row["kind"], row["phrase"]
        if kind == "abbreviation":
            lexicon.abbreviations[phrase] = row["value"]
        elif kind == "also_word":
            lexicon.also_words.add(phrase)
        elif kind == "stop":
            lexicon.stops.add(fold(phrase).split()[0])
        else:
            _insert(lexicon.trie(kind), _TOKEN.findall(fold(phrase)), phrase)
    return lexicon


# --- candidates ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    start: int  # token offsets, [start, end)
    end: int
    source: str
    entries: tuple[str, ...] = ()
    inner: _Candidate | None = None  # for "composed": the body after the title
    person: int | None = None  # an office followed by a person's name: where the name starts


# --- the directory ---------------------------------------------------------------------------


# "Tỉnh ủy viên", "Thành ủy viên": a committee's member, named by the committee and "viên"
MEMBER_OF = re.compile(r"\s+viên(?!\w)")


class BodyDirectory:
    """The known bodies and a matcher that finds bodies in text.

    Example::

        bodies = BodyDirectory.load()
        [b.name for b in bodies.find("UBND tỉnh phối hợp với Ban Tổ chức TW")]
        # ["Ủy ban nhân dân tỉnh", "Ban Tổ chức Trung ương"]
    """

    def __init__(self, tables: Mapping[str, str]) -> None:
        """Build a directory from table texts keyed by file name (see ``TABLES``)."""
        self._lexicon = _read_lexicon(tables.get("lexicon.tsv", ""))
        self._entries = self._read_entries(tables)
        self._phrases: _Trie = {}
        self._exact: dict[tuple[str, ...], list[_Alias]] = {}
        for entry in self._entries.values():
            for spelling in (entry.name, *entry.aliases):
                self._add_phrase(entry, spelling)
        self._starts = frozenset(self._phrases)
        self._bare: list[tuple[BodyEntry, list[str]]] | None = None
        phrases = sorted(_phrases_of(self._lexicon.name_phrase), key=len, reverse=True)
        self._name_phrases = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(_spaced, phrases)) + r")(?!\w)") if phrases else None
        )
        self._generic_starts = self._lexicon.starts("determiner", "unit")
        self._determiner_starts = self._lexicon.starts("determiner")
        self._title_starts = self._lexicon.starts("determiner", "title")
        self._head_starts = self._lexicon.starts("head", "named_head")
        self._list_starts = self._lexicon.starts("determiner", "list_head")

    @classmethod
    @cache
    def load(cls) -> BodyDirectory:
        """The bundled directory, read once per process."""
        folder = resources.files("extraction").joinpath(DATA_DIR)
        return cls({name: folder.joinpath(name).read_text(encoding="utf-8") for name in TABLES})

    # -- building

    def _read_entries(self, tables: Mapping[str, str]) -> dict[str, BodyEntry]:
        central = [_entry(r) for r in _rows(tables.get("central.tsv", ""))]
        generic = [_entry(r, kind=GENERIC) for r in _rows(tables.get("generic.tsv", ""))]
        provinces = _provinces(tables.get("provinces.tsv", ""))
        templates = _templates(tables.get("templates.tsv", ""))
        expanded = _expand(templates, provinces, central)
        entries: dict[str, BodyEntry] = {}
        for entry in [*central, *(p.entry for p in provinces), *generic, *expanded]:
            entries.setdefault(entry.id, entry)
        bases = {p.entry.id: p.entry for p in provinces} | {e.id: e for e in central}
        _link_successors(entries, templates, bases)
        return entries

    def _add_phrase(self, entry: BodyEntry, spelling: str) -> None:
        norm, acronyms = self._phrase_tokens(spelling)
        if not norm:
            return
        needs_capital = spelling[:1].isupper() and entry.kind not in (GENERIC, PROVINCE)
        alias = _Alias(entry.id, acronyms, needs_capital)
        _insert(self._phrases, norm, alias)
        self._exact.setdefault(tuple(norm), []).append(alias)

    def _phrase_tokens(self, spelling: str) -> tuple[list[str], tuple[int, ...]]:
        """A directory phrase's folded tokens and which of them are acronyms: what
        ``_tokenize`` gives, without the offsets a phrase does not need (loading the directory
        tokenises some 7,500 phrases, a third of the CLI's start)."""
        raws = _TOKEN.findall(spelling)
        norm = _TOKEN.findall(fold(spelling))
        if len(norm) != len(raws) or any(raw in self._lexicon.abbreviations for raw in raws):
            tokens = self._tokenize(spelling)
            return tokens.norm, tuple(k for k in range(len(tokens)) if tokens.upper[k] and tokens.word[k])
        return norm, tuple(k for k, raw in enumerate(raws) if len(raw) > 1 and raw.isupper() and raw[:1].isalnum())

    # -- reading text

    def _tokenize(self, text: str) -> _Tokens:
        """The folded tokens of ``text``, abbreviations written out (see ``_Tokens``)."""
        folded = fold(text)
        spans = [m.span() for m in _TOKEN.finditer(folded)]
        raws = [text[s:e] for s, e in spans]
        tokens = _Tokens(
            text,
            norm=[folded[s:e] for s, e in spans],
            start=[s for s, _ in spans],
            end=[e for _, e in spans],
            cap=[r[:1].isupper() for r in raws],
            upper=[len(r) > 1 and r.isupper() for r in raws],
            word=[r[:1].isalnum() for r in raws],
            group=list(range(len(spans))),
        )
        abbreviations = self._lexicon.abbreviations
        for k in reversed(range(len(raws) - 2)):
            joined = "".join(raws[k : k + 3])  # "GDNN-GDTX", "CT-XH": the tokenizer splits at the dash
            if raws[k + 1] == "-" and joined in abbreviations and tokens.end[k] == tokens.start[k + 2] - 1:
                _join_next(tokens, k)
                _join_next(tokens, k)
                raws[k : k + 3] = [joined]
        for k in reversed(range(len(raws) - 1)):
            pair = f"{raws[k]} {raws[k + 1]}"  # "TT HĐND": "TT" alone is also "Trung tâm"
            if pair in abbreviations and text[tokens.end[k] : tokens.start[k + 1]] == " ":
                _join_next(tokens, k)
                raws[k : k + 2] = [pair]
        for k in reversed([k for k, raw in enumerate(raws) if raw in abbreviations]):
            if not self._word_in_capitals(raws, k):
                _write_out(tokens, k, abbreviations[raws[k]])
        return tokens

    def _word_in_capitals(self, raws: list[str], k: int) -> bool:
        """Whether ``raws[k]``, an abbreviation that is also a word, is that word: a neighbour is
        a word in capitals that abbreviates nothing ("SỞ TƯ PHÁP", "ĐẦU TƯ"; but "BCH TƯ")."""
        if raws[k] not in self._lexicon.also_words:
            return False
        neighbours = raws[max(0, k - 1) : k] + raws[k + 1 : k + 2]
        return any(len(n) > 1 and n.isupper() and n not in self._lexicon.abbreviations for n in neighbours)

    def _accepts(self, alias: _Alias, tokens: _Tokens, i: int, skip: int = 0) -> bool:
        """Whether the text from token ``i`` is written as ``alias`` requires (capitals).

        ``skip`` leading words of the alias are not in the text (the shared head of a list).
        """
        if alias.needs_capital and skip == 0 and not tokens.cap[i]:
            return False
        return all(tokens.upper[i + k - skip] for k in alias.acronyms if k >= skip)

    def _match_directory(self, tokens: _Tokens) -> dict[int, _Candidate]:
        found: dict[int, _Candidate] = {}
        starts = self._starts
        norm = tokens.norm
        for i in range(len(tokens)):
            if norm[i] not in starts or not tokens.is_boundary(i):
                continue
            for end, aliases in reversed(_ends(self._phrases, tokens, i)):
                if not tokens.is_boundary(end):
                    continue
                ids = tuple(dict.fromkeys(a.entry for a in aliases if self._accepts(a, tokens, i)))
                if ids:
                    found[i] = _Candidate(i, end, "directory", ids)
                    break
        for c in found.values():
            if any(self._entries[e].kind == OFFICE for e in c.entries):
                self._add_person(tokens, c, found)
        return found

    def _add_person(self, tokens: _Tokens, c: _Candidate, found: Mapping[int, _Candidate]) -> None:
        """Stretch an office over the person's name after it: "Phó Thủ tướng Chính phủ Trần
        Hồng Hà" (two to four capitalised words, none in capitals, none opening a known body)."""
        j = c.end
        while j < len(tokens) and j - c.end < 4 and tokens.word[j] and tokens.cap[j]:
            if tokens.upper[j] or j in found:
                break
            j += 1
        if j - c.end >= 2:
            c.person, c.end = c.end, j

    def _match_lists(
        self, tokens: _Tokens, found: dict[int, _Candidate]
    ) -> tuple[list[_Candidate], list[tuple[int, int]]]:
        """Bodies of elliptic lists: "các Bộ: Tài chính, Tư pháp", "các Bộ Tài chính, Tư pháp"."""
        items: list[_Candidate] = []
        heads: list[tuple[int, int]] = []
        determiners, list_heads = self._lexicon.determiner, self._lexicon.list_head
        for i in range(len(tokens)):
            if tokens.norm[i] not in self._list_starts:
                continue
            det = _longest(determiners, tokens, i)
            at = det[0] if det else i
            head = _longest(list_heads, tokens, at)
            if head is None or not tokens.cap[at]:
                continue
            has_colon = head[0] < len(tokens) and tokens.norm[head[0]] == ":"
            node = self._phrases
            for k in range(at, head[0]):
                node = node.get(tokens.norm[k], {})
            if has_colon:
                first = self._list_item(tokens, node, head[0] + 1, head[0] - at, found)
            elif det and at in found:
                first = found[at]
            else:
                continue
            if first is None:
                continue
            group = [first] + self._list_rest(tokens, node, first.end, head[0] - at, found)
            if has_colon:
                items.append(first)
                heads.append((i, head[0] + 1))
            items.extend(group[1:])
        return items, heads

    def _list_rest(
        self, tokens: _Tokens, node: _Trie, pos: int, head_len: int, found: dict[int, _Candidate]
    ) -> list[_Candidate]:
        out = []
        connectors, determiners = self._lexicon.connector, self._lexicon.determiner
        while True:
            pos = _skip_parenthesis(tokens, pos)
            joint = _longest(connectors, tokens, pos)
            if joint is None or _longest(determiners, tokens, joint[0]):
                break
            item = self._list_item(tokens, node, joint[0], head_len, found)
            if item is None:
                break
            out.append(item)
            pos = item.end
        return out

    def _list_item(
        self, tokens: _Tokens, node: _Trie, i: int, head_len: int, found: dict[int, _Candidate]
    ) -> _Candidate | None:
        """One item of an elliptic list: the head's words then the item's, or a full name."""
        if i >= len(tokens) or not tokens.cap[i]:
            return None
        best = found.get(i)
        for end, aliases in reversed(_ends(node, tokens, i) if node else []):
            if best and best.end > end:  # at equal length the list reading wins
                break
            ids = tuple(
                a.entry
                for a in aliases
                if self._accepts(a, tokens, i, head_len) and not self._entries[a.entry].is_generic
            )
            if ids and tokens.is_boundary(end):
                return _Candidate(i, end, "list_item", tuple(dict.fromkeys(ids)))
        if best and not any(self._entries[e].is_generic for e in best.entries):
            return _Candidate(best.start, best.end, "list_item", best.entries)
        return None

    def _match_generic(
        self,
        tokens: _Tokens,
        i: int,
        found: Mapping[int, _Candidate],
        *,
        after_title: bool = False,
    ) -> list[int]:
        """The ends of the generic addressees starting at token ``i``, shortest first.

        The grammar (words from ``lexicon.tsv``): [determiner] unit tail* (connector unit
        tail*)*, where a tail is a qualifier ("liên quan") or a link to a known body ("thuộc Bộ
        Quốc phòng"). Alone, a group needs a determiner, two units, a qualifier or a unit of
        three or more syllables ("các bộ, ngành liên quan", "cơ quan liên quan", "xã, phường,
        đặc khu", "chính quyền địa phương"); after a title one unit will do ("chánh văn phòng
        tỉnh ủy"). A determiner after a connector starts a new group ("các bộ, các địa
        phương"), and so does a connector next to a unit of three or more syllables
        ("chính quyền địa phương và cơ quan liên quan"; "tổ chức xã hội, tổ chức phi chính
        phủ"), as the gold annotation of shared/corpus splits them.
        """
        lex = self._lexicon
        det = _longest(lex.determiner, tokens, i)
        j = det[0] if det else i
        units = qualifiers = longest_unit = 0
        ends = []
        while (unit := self._unit_at(tokens, j)) is not None:
            size = sum(tokens.word[j:unit])  # syllables: "bộ, ngành" is two
            units, longest_unit = units + 1, max(longest_unit, size)
            j, tails = self._tails(tokens, unit, found)
            qualifiers += tails
            stands = after_title or det or units > 1 or qualifiers or longest_unit >= 3
            single = units == 1 and not qualifiers
            if stands and not (single and not after_title and not self._ends_phrase(tokens, j)):
                ends.append(j)
            joint = _longest(lex.connector, tokens, j)
            if joint is None:
                break
            k = joint[0]
            following = self._unit_at(tokens, k)
            if following is None or _longest(lex.determiner, tokens, k):
                break
            if self._names_body(found, k):
                break
            if max(size, sum(tokens.word[k:following])) >= 3:
                break
            j = k
        return ends

    def _tails(self, tokens: _Tokens, j: int, found: Mapping[int, _Candidate]) -> tuple[int, int]:
        """Past the qualifiers and links after a unit: (end, how many)."""
        lex = self._lexicon
        count = 0
        while True:
            qualifier = _longest(lex.qualifier, tokens, j)
            link = _longest(lex.link, tokens, j)
            linked = found[link[0]].end if link is not None and self._names_body(found, link[0]) else None
            if count == 0 and link is None and self._owns_units(tokens, found, j):
                linked = found[j].end  # "các ban đảng Tỉnh ủy": the body the units belong to
            # "các cơ quan trực thuộc Bộ X": the link to a body reads further than the qualifier
            if linked is not None and (qualifier is None or linked > qualifier[0]):
                j = linked
            elif qualifier is not None:
                j = qualifier[0]
            elif (named := self._proper_name_end(tokens, j, found)) is not None:
                j = named  # "các xã, phường, đặc khu Cồn Cỏ": the unit's own name
            else:
                return j, count
            count += 1

    def _proper_name_end(self, tokens: _Tokens, j: int, found: Mapping[int, _Candidate]) -> int | None:
        """The end of a place name written right after a lower-case unit ("đặc khu Cồn Cỏ", "xã
        Tân Lập"): capitalised words that neither start a known body nor stand for one."""
        if j <= 0 or j >= len(tokens) or not tokens.word[j - 1] or tokens.cap[j - 1]:
            return None
        end = j
        while (
            end < len(tokens)
            and tokens.word[end]
            and tokens.cap[end]
            and not tokens.upper[end]
            and tokens.is_boundary(end)
            and end not in found
        ):
            end += 1
        return end if end > j else None

    def _owns_units(self, tokens: _Tokens, found: Mapping[int, _Candidate], j: int) -> bool:
        """Whether a Party committee, People's Committee or ministry named at ``j`` may own the
        units right before it with no "của"/"thuộc": "các ban đảng Tỉnh ủy", "các cơ quan
        chuyên môn UBND tỉnh" (not "các sở, ngành Công an tỉnh": a comma is missing there)."""
        c = found.get(j)
        return (
            c is not None
            and tokens.cap[j]
            and any(self._entries[e].kind in OWNER_KINDS or e.startswith("ubnd.") for e in c.entries)
        )

    def _names_body(self, found: Mapping[int, _Candidate], i: int) -> bool:
        """Whether a known body that is not a generic group starts at token ``i``."""
        c = found.get(i)
        return c is not None and not all(self._entries[e].is_generic for e in c.entries)

    def _unit_at(self, tokens: _Tokens, i: int) -> int | None:
        """The end of a generic unit at ``i``, unless it opens a proper name ("Sở Tài chính")
        or, being one syllable, is the first syllable of another word ("bộ máy", "hội nhập")."""
        lex = self._lexicon
        unit = _longest(lex.unit, tokens, i)
        if unit is None:
            return None
        end = unit[0]
        if end >= len(tokens) or not tokens.word[end]:
            return end
        carries_on = any(_longest(trie, tokens, end) is not None for trie in (lex.qualifier, lex.connector, lex.link))
        if tokens.cap[end]:
            return None if tokens.cap[i] and not carries_on else end
        if end - i > 1 or carries_on or tokens.norm[end] in lex.stops:
            return end
        return None

    def _ends_word(self, tokens: _Tokens, i: int) -> bool:
        """Whether the one-syllable unit at ``i`` ends a longer word: "nội bộ", "đại hội"."""
        unit = _longest(self._lexicon.unit, tokens, i)
        before = i - 1
        head = _longest(self._lexicon.head, tokens, before) if before >= 0 else None
        if head is not None and head[0] > i:
            return True  # "ban" in "Ủy ban Trung ương ...": the second syllable of a head
        return (
            unit is not None
            and unit[0] - i == 1
            and before >= 0
            and tokens.word[before]
            and not tokens.cap[before]
            and tokens.norm[before] not in self._lexicon.stops
        )

    def _ends_phrase(self, tokens: _Tokens, i: int) -> bool:
        return i >= len(tokens) or not tokens.word[i] or tokens.cap[i] or tokens.norm[i] in self._lexicon.stops

    def _compose(
        self,
        tokens: _Tokens,
        i: int,
        found: dict[int, _Candidate],
        named: dict[int, _Candidate],
    ) -> _Candidate | None:
        """A title or sub-body before a body: "Chủ tịch Ủy ban nhân dân các xã, phường",
        "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ"."""
        titles = self._lexicon.title
        det = _longest(self._lexicon.determiner, tokens, i)
        j = det[0] if det else i
        if det and self._names_body(found, j):
            return None  # "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ": a list of known bodies
        bounds = []  # where a body may follow: after each title
        while (title := _longest(titles, tokens, j)) is not None:
            j = title[0]
            bounds.append(j)
            if j < len(tokens) and tokens.norm[j] == "," and _longest(titles, tokens, j + 1):
                j += 1
        options = []
        for k in bounds:
            options += [c for c in (found.get(k), named.get(k)) if c is not None]
            ends = self._match_generic(tokens, k, found, after_title=True)
            if ends:
                options.append(_Candidate(k, ends[-1], "generic"))
        if not options:
            return None
        # the longest body, a known one before a generic group, the earliest at equal rank:
        # "Ban Xây dựng Đảng Đảng ủy | Ủy ban nhân dân tỉnh", not "... Ủy ban nhân dân | tỉnh"
        inner = max(options, key=lambda c: (c.end, _PRIORITY[c.source], -c.start))
        return _Candidate(i, inner.end, "composed", inner=inner)

    def _recognise(self, tokens: _Tokens, i: int, found: dict[int, _Candidate]) -> int | None:
        """The end of a name not in the directory: a capitalised head ("Vụ", "Trung tâm") and
        the words of the name ("Vụ Lý luận chính trị"), or None."""
        if not tokens.cap[i] or tokens.upper[i]:
            return None
        named = _longest(self._lexicon.named_head, tokens, i)
        head = named or _longest(self._lexicon.head, tokens, i) or _written_out_head(self._lexicon.head, tokens, i)
        if head is None:
            return None
        heads, stops = self._lexicon.head, self._lexicon.stops
        # "Ban Quản lý dự án" names a board on its own; "Ban" or "Trung tâm" needs more words
        end, lower_run, k, n = (head[0] if named else None), 0, head[0], len(tokens)
        while k < n:
            word = tokens.norm[k]
            following_name = k + 1 < n and tokens.word[k + 1] and tokens.cap[k + 1]
            starts_body = k + 1 < n and (tokens.norm[k + 1] in heads or k + 1 in found)
            if not tokens.word[k]:
                if word not in ("-", "&") or end is None or not following_name:
                    break
            elif tokens.cap[k]:
                phrase = _longest(self._lexicon.name_phrase, tokens, k)  # "Giáo dục thường xuyên"
                end, lower_run, k = (phrase[0], 0, phrase[0] - 1) if phrase else (k + 1, 0, k)
            elif word == "số" and end is not None and k + 1 < n and tokens.norm[k + 1].isdigit():
                end, lower_run, k = k + 2, 0, k + 1  # "Đội Quản lý thị trường số 5"
            elif word == "và":
                if not following_name or starts_body:
                    break
            elif word in stops or end is None or lower_run >= 4:
                break
            else:
                end, lower_run = k + 1, lower_run + 1
            k += 1
        return end

    def _candidates(self, tokens: _Tokens) -> tuple[list[_Candidate], list[tuple[int, int]]]:
        found = self._match_directory(tokens)
        norm, cap = tokens.norm, tokens.cap
        named = {}
        for i in range(len(tokens)):
            # not inside a written-out abbreviation: "BTV" is "Ban Thường vụ", whose "vụ" is no "Vụ"
            if cap[i] and norm[i] in self._head_starts and tokens.is_boundary(i):
                end = self._recognise(tokens, i, found)
                if end is not None:
                    named[i] = _Candidate(i, end, "recognised")
        for c in found.values():
            # a known name is not stretched over the words after it, unless they name its branch
            branches = any(self._entries[e].kind in BRANCHING_KINDS for e in c.entries)
            branch = _branch_end(tokens, c.end) if branches else None
            if branch is not None:
                named[c.start] = _Candidate(c.start, branch, "recognised")
            else:
                named.pop(c.start, None)
        candidates = [*found.values(), *named.values()]
        units = self._lexicon.unit
        inside_unit_until = 0  # "chính quyền địa phương": no group starts at "địa phương"
        for i in range(len(tokens)):
            if norm[i] in self._generic_starts:
                if norm[i] in self._determiner_starts or (i >= inside_unit_until and not self._ends_word(tokens, i)):
                    for end in self._match_generic(tokens, i, found):
                        candidates.append(_Candidate(i, end, "generic"))
                unit = _longest(units, tokens, i)
                if unit is not None:
                    inside_unit_until = max(inside_unit_until, unit[0])
            if norm[i] in self._title_starts:
                composed = self._compose(tokens, i, found, named)
                if composed is not None:
                    candidates.append(composed)
        items, heads = self._match_lists(tokens, found)
        return candidates + items, heads

    @staticmethod
    def _resolve(
        candidates: list[_Candidate],
        heads: list[tuple[int, int]],
        tokens: _Tokens,
    ) -> list[_Candidate]:
        """Longest (in characters) first, the directory first at equal length, no overlaps,
        in text order."""
        taken = bytearray(len(tokens))
        begins, ends = tokens.start, tokens.end
        for start, end in heads:  # "các Bộ:" is the head of a list, not an addressee
            taken[start:end] = b"\x01" * (end - start)
        chosen = []
        for c in sorted(
            candidates,
            key=lambda c: (begins[c.start] - ends[c.end - 1], -_PRIORITY[c.source], c.start),
        ):
            if any(taken[c.start : c.end]):
                continue
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    # -- naming

    def _pick(self, ids: Iterable[str], at: date | None) -> BodyEntry:
        """The entry an alias means at ``at``: the one in force, else the one that ended last.

        An ended body stays itself, never its successor: the record keeps the body the document
        names (GUIDELINES.md; "Sở Kế hoạch và Đầu tư phối hợp với Sở Tài chính" names two
        parties even after the merger), and ``successor_of`` tells the reviewer who took over.
        """
        entries = [self._entries[i] for i in ids]
        if at is None:
            return next((e for e in entries if e.valid_to is None), entries[0])
        current = [e for e in entries if e.is_valid_at(at)]
        if current:
            return current[0]
        return max(entries, key=lambda e: e.valid_to or date.max)

    def _name(self, c: _Candidate, tokens: _Tokens, at: date | None) -> tuple[str, str, bool]:
        """(name, kind, in_directory) of a chosen candidate."""
        if c.source in ("directory", "list_item"):
            entry = self._pick(c.entries, at)
            if entry.is_generic:
                return tokens.wording(c.start, c.end), GENERIC, True
            if c.person is not None:
                return f"{entry.name} {tokens.wording(c.person, c.end)}", entry.kind, True
            return entry.name, entry.kind, True
        if c.source == "composed" and c.inner is not None:
            title = tokens.wording(c.start, c.inner.start)
            inner, kind, _ = self._name(c.inner, tokens, at)
            return f"{title} {inner}", "composed" if kind != GENERIC else GENERIC, False
        if c.source == "generic":
            return tokens.wording(c.start, c.end), GENERIC, True
        return tokens.wording(c.start, c.end), "recognised", False

    def _search_index(self) -> list[tuple[BodyEntry, list[str]]]:
        # Built on the first search: find() does not need it.
        if self._bare is None:
            self._bare = [
                (entry, [strip_marks(s) for s in (entry.name, *entry.aliases)]) for entry in self._entries.values()
            ]
        return self._bare

    # -- public API

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[BodyEntry]:
        return iter(self._entries.values())

    def get(self, entry_id: str) -> BodyEntry | None:
        """The entry with this id ("bo_tai_chinh", "ubnd.lao_cai"), or None."""
        return self._entries.get(entry_id)

    def find(self, text: str, *, at: date | None = None) -> list[Body]:
        """Every body named in ``text``, in text order, longest match first, no overlaps.

        A known body gets its canonical name (the one in force at ``at`` when given, so a 2026
        text naming "Bộ Kế hoạch và Đầu tư" gives "Bộ Tài chính"); a generic addressee keeps the
        text's wording with abbreviations written out. ``in_directory`` is False for a name read
        from capitalised words ("Vụ Lý luận chính trị", as written) and for a title before a
        body ("Chủ tịch Ủy ban nhân dân tỉnh Lào Cai" is in the directory, "Bộ trưởng Bộ Công
        an" is not). ``Span.label`` is the body's kind ("ministry", "generic", "recognised",
        "composed", ...).

        Example: ``find("các Ban Đảng Trung ương, Văn phòng Trung ương Đảng")`` gives
        "các Ban Đảng Trung ương" (generic) and "Văn phòng Trung ương Đảng".
        """
        tokens = self._tokenize(text)
        candidates, heads = self._candidates(tokens)
        bodies = []
        for c in _drop_echoes(self._resolve(candidates, heads, tokens), tokens):
            name, kind, known = self._name(c, tokens, at)
            start, end = tokens.char_span(c.start, c.end)
            if MEMBER_OF.match(text, end):
                continue  # "Tỉnh ủy viên": a member of the committee, not the committee (probe CA)
            bodies.append(Body(name=name, span=Span(start, end, kind), in_directory=known))
        return bodies

    def name_phrase_around(self, text: str, pos: int) -> bool:
        """Whether a name phrase of lexicon.tsv covers ``text[pos]``: the "thường xuyên" of
        "Giáo dục thường xuyên" is no adverb."""
        if self._name_phrases is None:
            return False
        window = max(0, pos - NAME_PHRASE_REACH)
        folded = fold(text[window : pos + NAME_PHRASE_REACH])
        return any(window + m.start() <= pos < window + m.end() for m in self._name_phrases.finditer(folded))

    def written_out(self, abbreviation: str) -> str | None:
        """The words an abbreviation of lexicon.tsv stands for ("TTKSBT" → "Trung tâm Kiểm soát
        bệnh tật"), or None."""
        return self._lexicon.abbreviations.get(abbreviation)

    def lookup(self, name: str) -> list[BodyEntry]:
        """The entries whose name or alias is ``name`` (any case, either tone-mark placement)."""
        tokens = self._tokenize(name.strip())
        ids = dict.fromkeys(a.entry for a in self._exact.get(tuple(tokens.norm), []))
        return [self._entries[i] for i in ids]

    def canonical(self, name: str, *, at: date | None = None) -> str:
        """The canonical name of ``name`` in force at ``at``.

        "UBKT Trung ương" gives "Ủy ban Kiểm tra Trung ương"; "Ban Tuyên giáo Trung ương" stays
        itself at any date (an ended body is not renamed to its successor).
        A name the directory does not know is returned with abbreviations written out.
        """
        stripped = name.strip()
        tokens = self._tokenize(stripped)
        written = tokens.wording(0, len(tokens)) if len(tokens) else stripped
        entries = self.lookup(stripped)
        if entries:
            entry = self._pick([e.id for e in entries], at)
            return written if entry.is_generic else entry.name
        bodies = self.find(stripped, at=at)
        if len(bodies) == 1 and bodies[0].span and bodies[0].span.text_of(stripped) == stripped:
            return bodies[0].name
        return written

    def successor_of(self, name: str) -> str | None:
        """The canonical name of the body that took over from ``name``, or None if it did not end.

        Example: ``successor_of("Bộ Kế hoạch và Đầu tư")`` gives "Bộ Tài chính".
        """
        ended = [e for e in self.lookup(name) if e.successor and e.successor in self._entries]
        if not ended:
            return None
        return self._entries[ended[0].successor or ""].name

    def search(self, query: str, limit: int = 10) -> list[BodyEntry]:
        """Entries matching ``query`` without regard to case or diacritics, best first.

        Ranks: the whole name or an alias; a prefix of one; the query at a word start; every
        query word at a word start. Within a rank, central bodies before expanded ones, then
        shorter names. Example: "ban to chuc" finds "Ban Tổ chức Trung ương" and the
        "Ban Tổ chức Tỉnh ủy ..." entries.
        """
        wanted = strip_marks(query)
        if not wanted:
            return []
        words = wanted.split()
        ranked = []
        for entry, spellings in self._search_index():
            rank = min((_rank(wanted, words, s) for s in spellings), default=None)
            if rank is not None and rank < 4:
                ranked.append((rank, "." in entry.id, len(entry.name), entry.name, entry))
        ranked.sort(key=lambda r: r[:4])
        return [r[4] for r in ranked[: max(limit, 0)]]


# A ministry is one body for the whole country, with no office per province: "Bộ Quốc phòng
# các tỉnh Ninh Bình, Hưng Yên" is the ministry and the provinces (a comma was dropped), while
# "Sở Y tế các tỉnh" is a department in each province.
CENTRAL_KINDS = frozenset({"ministry"})


def is_central(name: str) -> bool:
    """Whether the directory knows ``name`` as a body of a kind in CENTRAL_KINDS."""
    return any(entry.kind in CENTRAL_KINDS for entry in BodyDirectory.load().lookup(name.strip(" ,")))


def _rank(query: str, words: list[str], spelling: str) -> int:
    """0 exact, 1 prefix, 2 at a word start, 3 every word at a word start, 4 no match."""
    if spelling == query:
        return 0
    if spelling.startswith(query):
        return 1
    if f" {query}" in f" {spelling}":
        return 2
    own = spelling.split()
    if all(any(w.startswith(q) for w in own) for q in words):
        return 3
    return 4


def _join_next(tokens: _Tokens, k: int) -> None:
    """Make tokens ``k`` and ``k + 1`` one token (a two-word or hyphenated abbreviation)."""
    tokens.end[k] = tokens.end[k + 1]
    for column in tokens.columns():
        del column[k + 1]


def _write_out(tokens: _Tokens, k: int, words: str) -> None:
    """Replace the abbreviation at token ``k`` by the tokens of ``words``, all with its offsets;
    a dot right after it is part of it ("TP. Hồ Chí Minh")."""
    start, stop = tokens.start[k], tokens.end[k]
    if k + 1 < len(tokens) and tokens.norm[k + 1] == "." and tokens.start[k + 1] == stop:
        stop = tokens.end[k + 1]
        for column in tokens.columns():
            del column[k + 1]
    norms = _TOKEN.findall(fold(words))
    n, group, end = len(norms), tokens.group[k], tokens.end[k]
    # the words share the abbreviation's offsets and group; capitalised words, not acronyms
    values: tuple[list[Any], ...] = (
        norms, [start] * n, [end] * n, [True] * n, [False] * n, [True] * n, [group] * n,
    )  # fmt: skip
    for column, new in zip(tokens.columns(), values, strict=True):
        column[k : k + 1] = new
    tokens.expansion[group] = (words, stop)


def _drop_echoes(chosen: list[_Candidate], tokens: _Tokens) -> list[_Candidate]:
    """Without a body's abbreviation in brackets right after it: "Tập đoàn Điện lực Việt Nam (EVN)"
    names one body."""
    out: list[_Candidate] = []
    for c in chosen:
        before = out[-1] if out else None
        if (
            before is not None
            and set(c.entries) & set(before.entries)
            and c.start == before.end + 1
            and tokens.norm[c.start - 1] == "("
            and c.end < len(tokens)
            and tokens.norm[c.end] == ")"
        ):
            continue
        out.append(c)
    return out


def _skip_parenthesis(tokens: _Tokens, i: int) -> int:
    """After a short parenthesis ("(EVN)", "(b/c)"), else ``i``."""
    if i < len(tokens) and tokens.norm[i] == "(":
        for k in range(i + 1, min(i + 8, len(tokens))):
            if tokens.norm[k] == ")":
                return k + 1
    return i
