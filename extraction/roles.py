"""Who is asked to act: the addressee (lead) and the co-operating bodies of a piece of text.

The grammar of assignment in Vietnamese directives is regular enough to read with a few rules:

* subject first: "Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp rà soát ..." — the noun phrase
  before the first predicate is the lead;
* assignment verb first: "Giao Văn phòng Trung ương Đảng hướng dẫn ...", "Đề nghị X ...",
  "Bộ Chính trị yêu cầu các cấp ủy ..." — the noun phrase after the verb is the lead;
* co-operation: "phối hợp (chặt chẽ) với Y, Z ..." — the noun phrase after it is support.

A noun phrase ends at the first lower-case predicate (``cues.tsv``: predicate). Names of bodies
are capitalised ("Ban Chỉ đạo", "Bộ Kế hoạch và Đầu tư"), so a lower-case predicate is a verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from extraction.addressees import KIND, Place, as_committee, distribute, localise
from extraction.lexicon import cue_pattern, cues
from extraction.types import Body, Span

if TYPE_CHECKING:
    from extraction.segment import TaskDraft

WORD = re.compile(r"\S+")
# Adverbial openings that stand before the subject: "Trên cơ sở đó, Bộ Tư pháp tổng hợp ...".
ADVERBIAL = re.compile(
    r"^(?:trên cơ sở|trong|về|đối với|sau khi|để|quá trình|trường hợp|khi|trước mắt|"
    r"đồng thời|theo|căn cứ|ngay sau|tại|từ|hằng năm|hàng năm|định kỳ)\b[^:;.]{0,200}?(?:,\s+|\bthì\s+)",
    re.IGNORECASE,
)
CONDITION_THEN = re.compile(r"^[^.;:]{0,160}?\bthì\s+", re.IGNORECASE)
# Words after which a subject noun phrase stops being a name: "... theo chức năng, nhiệm vụ".
NP_TAIL = re.compile(
    r"\s*(?:,\s*)?\b(?:theo chức năng|trong phạm vi|theo thẩm quyền|căn cứ|trong quá trình|"
    r"trong thời gian|theo nhiệm vụ|theo lĩnh vực|theo quy định)\b.*$|\s*\((?:theo|trong)\b[^)]*\).*$|[\s,;:]+$",
    re.IGNORECASE,
)
MAX_NP_WORDS = 30


def _body_head() -> re.Pattern[str]:
    return cue_pattern("body_head")


def _predicate() -> re.Pattern[str]:
    return cue_pattern("predicate", case_sensitive=True)


def starts_with_body(text: str) -> bool:
    """Whether ``text`` opens with the head of a body's name ("Bộ", "Sở", "Các cơ quan", ...).

    "Báo Nhân Dân" does, "Báo cáo Bộ Chính trị ..." does not: a predicate wins over a head.
    """
    if cue_pattern("non_body").match(text) or cue_pattern("predicate").match(text):
        return False
    if ORGANISE_VERB.match(text):
        return False
    plural = PLURAL.match(text)
    if plural:
        # "Các Bộ, ngành" names bodies; "Các Báo cáo trên", "các nguồn" do not.
        return starts_with_body(text[plural.end() :])
    return _body_head().match(text) is not None


PLURAL = re.compile(r"^(?:các|những|tất cả(?: các)?)\s+", re.IGNORECASE)


# "Tổ chức công bố quy hoạch ..." organises; "Tổ chức, doanh nghiệp ...", "tổ chức đảng" are bodies.
ORGANISE_VERB = re.compile(
    r"^tổ chức\s+(?!đảng|chính trị|xã hội|cá nhân|có\b|được\b|tín dụng|hội\b|và\b|thuộc\b|trong\b|liên quan)[a-zđà-ỹ]",
    re.IGNORECASE,
)


def noun_phrase_end(text: str, start: int) -> int | None:
    """End of the noun phrase that starts at ``start``: the first lower-case predicate after it.

    "Ban Tuyên giáo và Dân vận Trung ương xây dựng chương trình" → the offset of "xây dựng".
    Returns None when no predicate follows within ``MAX_NP_WORDS`` words.
    """
    head = _body_head().match(text, start)
    # The head itself is part of the name: "Chủ đầu tư", not the predicate "đầu tư"; so is the
    # word after an organ's head: "Ban xây dựng đảng", "Ban Chỉ đạo".
    search_from = head.end() if head else start
    if head and ORGAN_HEAD.fullmatch(head.group(0)):
        word = WORD.match(text, _skip_spaces(text, search_from))
        search_from = word.end() if word else search_from
    limit = _word_limit(text, start, MAX_NP_WORDS)
    colon = text.find(":", start, limit)
    if colon > start and LIST_HEAD_BEFORE_COLON.search(text, start, colon) and text[colon + 1 : colon + 3].strip()[:1].isupper():
        # "Các Bộ: Công Thương, Xây dựng:" — the colon opens the list a shared head distributes over
        limit = _word_limit(text, start, MAX_NP_WORDS * 2)
        colon = text.find(":", colon + 1, limit)
    if colon > start:
        # "Doanh nghiệp, cộng đồng, tổ chức, cá nhân: Quan tâm ..." — the colon closes the name.
        limit = colon
    verbs = (
        _predicate(),
        cue_pattern("assign", case_sensitive=True),
        cue_pattern("np_stop", case_sensitive=True),
        cue_pattern("not_task_after_lead", case_sensitive=True),
    )
    found = [s for s in (_first_lower(p, text, search_from, limit) for p in verbs) if s is not None]
    tense = _first_lower(cue_pattern("tense", case_sensitive=True), text, search_from, limit)
    plural = PLURAL.match(text[start:limit])
    if tense is not None and PROPER_WORD.search(
        text, start + (plural.end() if plural else 0), tense
    ):
        # "Bộ Tài chính đã thực hiện ...": a tense marker after a proper name ends it; after a
        # common noun it opens a relative clause ("cơ quan, tổ chức đã xác định bí mật ...").
        found.append(tense)
    if found:
        return min(found)
    return colon if colon > start else None


LIST_HEAD_BEFORE_COLON = re.compile(rf"[Cc]ác\s+(?:{KIND})\s*$")
# "được giao chủ trì", "được Bộ Chính trị phân công": a passive that qualifies the name.
STRONG_PREDICATE = re.compile(r"(?:có trách nhiệm|chịu trách nhiệm|phải)(?!\w)")
ORGAN_HEAD = re.compile(r"ban|sở|cục|vụ|ủy ban|uỷ ban|phòng|trung tâm|viện", re.IGNORECASE)
# "nhà đầu tư", "nhà cung cấp": an agent noun, not a predicate.
AGENT_BEFORE = re.compile(r"\bnhà\s+$")
PASSIVE_BEFORE = re.compile(r"\b(?:được|bị)\s+(?:[A-ZĐ][\w ]{0,40}?\s+|(?:[^\W\d_]+\s+){1,3})?$")
ORGANISE_BEFORE = re.compile(r"tổ chức\s+$")


PROPER_WORD = re.compile(r"(?<!\w)[A-ZĐÀ-Ỹ]\w*")


def _first_lower(pattern: re.Pattern[str], text: str, start: int, limit: int) -> int | None:
    """The first lower-case match; "được giao chủ trì" qualifies a name, it does not end it."""
    for m in pattern.finditer(text, start, limit):
        if text[m.start()].isupper():
            continue
        before = text[max(start, m.start() - 40) : m.start()]
        # "có trách nhiệm", "phải" always open the predicate, even after a passive qualifier
        strong = STRONG_PREDICATE.match(text, m.start())
        if not strong and (PASSIVE_BEFORE.search(before) or AGENT_BEFORE.search(before)):
            continue
        organise = ORGANISE_BEFORE.search(before)
        # "Ban Chỉ đạo ... tổ chức theo dõi": "tổ chức" opens the predicate.
        return m.start() - len(organise.group(0)) if organise else m.start()
    return None


def _word_limit(text: str, start: int, words: int) -> int:
    end = start
    for i, m in enumerate(WORD.finditer(text, start)):
        if i >= words:
            break
        end = m.end()
    return end


def trim_np(text: str, span: Span) -> Span | None:
    """Cut trailing qualifiers and punctuation from a noun phrase span."""
    phrase = text[span.start : span.end]
    cut = NP_TAIL.search(phrase)
    end = span.start + (cut.start() if cut else len(phrase))
    return Span(span.start, end, span.label) if end > span.start else None


def skip_adverbial(text: str, start: int) -> int:
    """Offset after an opening adverbial phrase ("Trên cơ sở đó, ...") or "... thì".

    "Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương ..." → the
    offset of "Bộ Tài chính": after a genitive list ("của X, Y") the last comma is the break.
    """
    rest = text[start:]
    condition = CONDITION_THEN.match(rest)
    if condition and _opens_subject(rest, condition.end()):
        return start + condition.end()
    opening = ADVERBIAL.match(rest)
    if opening is None:
        colon = re.match(r"^Về [^:]{3,200}:\s*", rest)
        return start + colon.end() if colon else start
    # the subject stands before the first predicate that follows the opening
    reach = min(ADVERBIAL_REACH, _predicate_offset(rest, opening.end()))
    breaks = [m.end() for m in re.finditer(r",\s+", rest[:reach])]
    candidates = [b for b in breaks if b >= opening.end() - 2 and _opens_subject(rest, b)]
    if candidates and " của " in rest[: candidates[0]]:
        return start + candidates[-1]
    if _opens_subject(rest, opening.end()):
        return start + opening.end()
    return start + candidates[0] if candidates else start


def opening_clause_ends(text: str, start: int, end: int) -> list[int]:
    """Where the clause may begin after an adverbial opening: "Hằng năm, tiến hành ...",
    "Theo chức năng, nhiệm vụ, tăng cường ..." (each comma within reach, when the text does
    open with an adverbial or a condition)."""
    rest = text[start:end]
    if not (ADVERBIAL.match(rest) or CONDITION_THEN.match(rest)):
        return []
    condition = CONDITION_THEN.match(rest)
    ends = [start + m.end() for m in re.finditer(r",\s+", rest[:ADVERBIAL_REACH])]
    return ends + ([start + condition.end()] if condition else [])


def _opens_subject(text: str, pos: int) -> bool:
    return starts_with_body(text[pos:]) or _assign_at(text, pos) is not None


def _predicate_offset(text: str, start: int = 1) -> int:
    """Offset of the first lower-case predicate at or after ``start``."""
    found = _first_lower(_predicate(), text, start, len(text))
    return found if found is not None else len(text)


ADVERBIAL_REACH = 200


def names_only(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] only names bodies: "1. Bộ Kế hoạch và Đầu tư:" does."""
    if not starts_with_body(text[start:end]):
        return False
    np_end = noun_phrase_end(text, start)
    return (
        np_end is None
        or np_end >= end
        or text[np_end] == ":"
        and not text[np_end + 1 : end].strip()
    )


def _assign_at(text: str, pos: int) -> re.Match[str] | None:
    return cue_pattern("assign").match(text, pos)


def find_lead(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The lead noun phrase of a task or lead-in, or None when it names no one.

    "Giao Đảng uỷ Quốc hội lãnh đạo, chỉ đạo ban hành ..." → "Đảng uỷ Quốc hội";
    "Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị triển khai ..." → "các cơ quan, đơn vị".
    """
    end = len(text) if end is None else end
    pos = skip_adverbial(text, start)
    assign = _assign_at(text, pos)
    if assign is None:
        assign = _assign_after_subject(text, pos, end)
    if assign is not None:
        np_start = _skip_spaces(text, assign.end())
        if not starts_with_body(text[np_start:end]):
            return None
        return _noun_phrase(text, np_start, end, "lead")
    if not starts_with_body(text[pos:end]):
        return None
    return _noun_phrase(text, pos, end, "lead")


def _assign_after_subject(text: str, pos: int, end: int) -> re.Match[str] | None:
    """ "Bộ Chính trị giao X ...", "Ủy ban nhân dân Thành phố yêu cầu X ...": an issuer speaking."""
    if not starts_with_body(text[pos:end]):
        return None
    np_end = noun_phrase_end(text, pos)
    if np_end is None or np_end >= end:
        return None
    m = cue_pattern("assign", case_sensitive=True).match(text, np_end)
    if m and _assign_target_follows(text, m.end(), end):
        return m
    return None


def _assign_target_follows(text: str, pos: int, end: int) -> bool:
    return starts_with_body(text[_skip_spaces(text, pos) : end])


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t,":
        pos += 1
    return pos


def _noun_phrase(text: str, start: int, end: int, label: str) -> Span | None:
    np_end = noun_phrase_end(text, start)
    if np_end is None or np_end > end:
        return None
    return trim_np(text, Span(start, np_end, label))


def find_support(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The co-operating bodies after "phối hợp với": "phối hợp với Bộ Tư pháp rà soát" → "Bộ Tư pháp"."""
    end = len(text) if end is None else end
    m = cue_pattern("support").search(text, start, end)
    if m is None:
        return None
    np_start = _skip_spaces(text, m.end())
    if not starts_with_body(text[np_start:end]):
        return None
    return _noun_phrase(text, np_start, end, "support")


def find_directed(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The body a lead is told to direct: "Giao Bộ X chỉ đạo Cục Y rà soát ..." → "Cục Y"
    (GUIDELINES.md: Y takes part in the work and is listed with the co-operating bodies)."""
    end = len(text) if end is None else end
    for m in cue_pattern("directed").finditer(text, start, end):
        np_start = _skip_spaces(text, m.end())
        if starts_with_body(text[np_start:end]):
            return _noun_phrase(text, np_start, end, "support")
    return None


# A list of names breaks before a new name: "Bộ Tài chính, Bộ Nội vụ và Ủy ban nhân dân ...".
def split_names(phrase: str) -> list[str]:
    """Split a noun phrase listing several bodies into names.

    "Các bộ, ngành và Ủy ban nhân dân các tỉnh" → ["Các bộ, ngành", "Ủy ban nhân dân các tỉnh"].
    """
    parts = [p.strip(" ,;.") for p in re.split(r"\s*;\s*|(?<=\w)/(?=[A-ZĐ])", phrase)]
    names: list[str] = []
    for part in parts:
        names.extend(_distribute(part) or _split_on_heads(part))
    return [n for n in names if n]


# "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ", "các Bộ: Tài chính, Tư pháp": one head, several bodies.
DISTRIBUTED = re.compile(
    r"^[Cc]ác\s+(?P<head>Đảng [uủ][ỷy]|Bộ|Sở|Ban|Ủy ban nhân dân|Uỷ ban nhân dân)"
    r"(?:\s*:\s*|\s+(?=(?:Bộ|Sở|Ban|Ủy ban|Uỷ ban|Tổng cục|Cục)\s+[A-ZĐ]))(?P<items>[A-ZĐ].*)$"
)


def _distribute(part: str) -> list[str]:
    m = DISTRIBUTED.match(part)
    if m is None:
        return []
    items = [i.strip(" ,;.") for i in re.split(r",\s*", m.group("items")) if i.strip(" ,;.")]
    if len(items) < 2 or not all(i[0].isupper() for i in items):
        return []
    return [f"{m.group('head')} {item}" for item in items]


def _split_on_heads(part: str) -> list[str]:
    merged: list[str] = []
    for piece, separator in _split_outside_brackets(part):
        piece = piece.strip(" ,;.")
        if not piece:
            continue
        # "các Sở, Ban, ngành liên quan": a bare head lists categories, it is not a name; so do
        # lower-case kinds sharing one qualifier: "các tỉnh ủy, thành ủy, đảng ủy trực thuộc TW".
        if merged and (
            BARE_HEAD.match(merged[-1]) or ("," in separator and _common_kinds(merged[-1], piece))
        ):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    return merged


def _split_outside_brackets(part: str) -> list[tuple[str, str]]:
    """(piece, the separator before it) at name breaks, never inside "(...)"."""
    pieces, start, separator = [], 0, ""
    for m in _name_breaker().finditer(part):
        if part.count("(", 0, m.start()) > part.count(")", 0, m.start()):
            continue
        pieces.append((part[start : m.start()], separator))
        start, separator = m.end(), m.group(0)
    pieces.append((part[start:], separator))
    return pieces


def _common_kinds(previous: str, piece: str) -> bool:
    previous = PLURAL.sub("", previous)
    return previous.islower() and piece[:1].islower()


BARE_HEAD = re.compile(r"^(?:các\s+|những\s+)?\w+$", re.IGNORECASE)


def split_generic_list(name: str) -> list[str]:
    """Co-operating bodies are listed with commas even before common nouns:
    "Ủy ban nhân dân tỉnh, chủ rừng, cơ quan liên quan" → three names; lower-case kinds that
    share one qualifier stay together ("cơ quan, đơn vị có liên quan")."""
    pieces = _generic_comma().split(name)
    merged: list[str] = []
    for piece in (p.strip(" ,;.") for p in pieces):
        if not piece:
            continue
        if merged and SHARED_KIND.fullmatch(PLURAL.sub("", merged[-1])):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    return merged


# Kinds of unit written bare before a qualifier they share: "cơ quan, đơn vị có liên quan".
SHARED_KIND = re.compile(r"cơ quan|đơn vị|tổ chức|địa phương|cá nhân|ngành|sở|ban")


@cache
def _generic_comma() -> re.Pattern[str]:
    generic = "|".join(re.escape(h) for h in sorted(cues("list_head"), key=len, reverse=True))
    return re.compile(rf",\s*(?=(?:{generic})(?!\w))")


@cache
def _name_breaker() -> re.Pattern[str]:
    """A comma or "và" before a capitalised head ("..., Bộ Nội vụ") or a plural group ("các sở")."""
    heads = sorted(cues("body_head"), key=len, reverse=True)
    # "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ" is one formula, not two addressees.
    capitalised = "|".join(
        re.escape(
            h.upper()
            if " " not in h
            and len(h) <= 5
            and h.isalpha()
            and h
            not in (
                "bộ",
                "sở",
                "ban",
                "cục",
                "vụ",
                "viện",
                "đài",
                "báo",
                "hội",
                "đoàn",
                "phòng",
                "cấp",
            )
            else h[0].upper() + h[1:]
        )
        for h in heads
        if h not in ("các", "thủ trưởng")
    )
    lower = "|".join(re.escape(h) for h in heads if h != "các")
    generic = "|".join(re.escape(h) for h in sorted(cues("list_head"), key=len, reverse=True))
    comma = "|".join(re.escape(h) for h in sorted(cues("comma_head"), key=len, reverse=True))
    return re.compile(
        rf"(?:,\s*|\s+và\s+)(?=(?:{capitalised})(?!\w)|[Cc]ác\s+(?:{lower})(?!\w)|(?:{comma})(?!\w))"
        rf"|\s+và\s+(?=(?:{generic})(?!\w))"
    )


@dataclass(frozen=True, slots=True)
class Roles:
    """The named lead and co-operating bodies of one task, and where the lead came from."""

    lead: tuple[Body, ...]
    support: tuple[Body, ...]
    lead_source: str


# "vật liệu nổ công nghiệp (VLNCN)": a document defines its own abbreviations.
DEFINITION = re.compile(r"\((?P<abbr>[A-ZĐ]{2,10})\)")


def document_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations a document defines, checked by their initials.

    "... quản lý vật liệu nổ công nghiệp (VLNCN), tiền chất thuốc nổ (TCTN)" →
    {"VLNCN": "vật liệu nổ công nghiệp", "TCTN": "tiền chất thuốc nổ"}.
    """
    found: dict[str, str] = {}
    for m in DEFINITION.finditer(text):
        abbr = m.group("abbr")
        before = text[max(0, m.start() - 120) : m.start()].split("\n")[-1].split("(")[-1]
        words = before.replace(",", " ").split()
        for size in range(len(abbr), 1, -1):
            tail = words[-size:]
            if len(tail) == size and "".join(w[0] for w in tail).upper().replace(
                "Đ", "D"
            ) == abbr.replace("Đ", "D"):
                found.setdefault(abbr, " ".join(tail))
                break
    return found


def expand_abbreviations(name: str, abbreviations: dict[str, str]) -> str:
    if not abbreviations:
        return name
    return re.sub(
        r"\b(" + "|".join(map(re.escape, abbreviations)) + r")\b",
        lambda m: abbreviations[m.group(1)],
        name,
    )


def resolve_roles(
    text: str,
    draft: TaskDraft,
    *,
    at: date | None = None,
    abbreviations: dict[str, str] | None = None,
    where: Place | None = None,
) -> Roles:
    """Name the bodies of a task draft: its own lead, else the one it inherits.

    "Chủ trì, phối hợp với Bộ Tư pháp ..." under "1. Bộ Tài chính:" → lead Bộ Tài chính,
    support Bộ Tư pháp.
    """
    lead_span = draft.lead or draft.inherited_lead
    support_span = draft.support or (draft.inherited_support if draft.lead is None else None)
    abbreviations = abbreviations or {}
    # Co-operating bodies are read with the directory (a list of distinct bodies: "Bộ Kế hoạch
    # và Đầu tư, Bộ Tài chính và các bộ, cơ quan liên quan"); a lead only when the directory
    # knows every part, else by grammar, because an addressee is one description more often
    # than a list ("Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ").
    lead = _named(_bodies(text, lead_span, at, abbreviations, use_directory=False), at, where)
    support = _bodies(text, support_span, at, abbreviations, use_directory=True)
    directed = find_directed(text, draft.span.start, draft.span.end)
    if directed is not None and (support_span is None or directed.start >= support_span.end or directed.end <= support_span.start):
        # a named body only: the gold lists "chỉ đạo Cục Thú y", not "chỉ đạo các cơ quan liên quan"
        support += tuple(
            b
            for b in _bodies(text, directed, at, abbreviations, use_directory=True)
            if b.span is not None and text[b.span.start : b.span.start + 1].isupper()
        )
    leads = {b.name for b in lead}
    return Roles(
        lead=lead,
        support=tuple(b for b in _named(support, at, where) if b.name not in leads),
        lead_source=draft.lead_source,
    )


def _bodies(
    text: str,
    span: Span | None,
    at: date | None,
    abbreviations: dict[str, str],
    *,
    use_directory: bool,
) -> tuple[Body, ...]:
    if span is None:
        return ()
    phrase = text[span.start : span.end]
    distributed = distribute(phrase, in_directory)
    if distributed is not None:
        return tuple(
            Body(canonical_name(full, at=at), span, in_directory(full))
            for name in distributed
            if (full := expand_abbreviations(_cut_at_predicate(name), abbreviations))
        )
    found = directory_split(phrase, at)
    if found is not None and not use_directory and not all(b.in_directory for b in found):
        found = None  # a lead the directory only partly knows is read by grammar
    if found is not None:
        found = found + _uncovered_names(phrase, found, at)
        found.sort(key=lambda b: b.span.start if b.span else 0)
        bodies = []
        for b in found:
            start = span.start + b.span.start
            pieces = split_generic_list(text[start : span.start + b.span.end]) if use_directory else []
            if len(pieces) < 2:
                bodies.append(Body(b.name, Span(start, span.start + b.span.end, span.label), b.in_directory))
                continue
            cursor = start
            for piece in pieces:  # "Ủy ban nhân dân tỉnh, chủ rừng": the directory read one generic
                at_piece = text.find(piece, cursor, span.end)
                cursor = at_piece + len(piece)
                bodies.append(Body(canonical_name(piece, at=at), Span(at_piece, cursor, span.label), in_directory(piece)))
        return tuple(bodies)
    names = split_names(phrase)
    if use_directory:
        names = [piece for name in names for piece in split_generic_list(name)]
    bodies = []
    for written in names:
        name = _cut_at_predicate(written)
        if not name:
            continue
        offset = phrase.find(name)
        start = span.start + max(offset, 0)
        full = expand_abbreviations(name, abbreviations)
        bodies.append(
            Body(
                name=canonical_name(full, at=at),
                span=Span(start, start + len(name), span.label),
                in_directory=in_directory(full),
            )
        )
    return tuple(bodies)


def _named(bodies: tuple[Body, ...], at: date | None, where: Place | None) -> tuple[Body, ...]:
    """A place named as an actor is its People's Committee; a province's body named bare in a
    document about that province takes its name."""
    out = []
    for body in bodies:
        name = localise(as_committee(body.name), where)
        if name != body.name:
            body = Body(canonical_name(name, at=at), body.span, in_directory(name))
        if body.name not in {b.name for b in out}:
            out.append(body)
    return tuple(out)


def _cut_at_predicate(name: str) -> str:
    """ "Sở Nội vụ chủ trì tham mưu ..." (a table cell) → "Sở Nội vụ"."""
    end = noun_phrase_end(name, 0)
    # a name that opens with a predicate's word is kept whole ("cấp uỷ": "cấp" also means "grant")
    return (name[:end] if end else name).strip(" ,;.:")


DIRECTORY_COVERAGE = 0.85


def _uncovered_names(phrase: str, found: list[Body], at: date | None) -> list[Body]:
    """List items the directory did not read: "cấp uỷ, tổ chức đảng, chính quyền" → "cấp uỷ"."""
    covered = [(b.span.start, b.span.end) for b in found if b.span is not None]
    out = []
    for m in re.finditer(r"[^,;]+", phrase):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        piece = m.group(0).strip(" .:")
        if len(re.sub(r"\W", "", piece)) < 4 or any(s < m.end() and start < e for s, e in covered):
            continue
        out.append(Body(canonical_name(piece, at=at), Span(start, start + len(piece), "generic"), in_directory(piece)))
    return out


def directory_split(phrase: str, at: date | None) -> list[Body] | None:
    """The bodies the directory reads in a phrase, when they account for (almost) all of it.

    "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ" → three kinds of body, as the
    directory knows them; a phrase it only partly knows is split by grammar instead.
    """
    from extraction.bodies import BodyDirectory

    bodies = [b for b in BodyDirectory.load().find(phrase, at=at) if b.span is not None]
    if not bodies:
        return None
    covered = sum(len(re.sub(r"\W", "", phrase[b.span.start : b.span.end])) for b in bodies)
    total = len(re.sub(r"\W", "", phrase))
    return bodies if total and covered / total >= DIRECTORY_COVERAGE else None


def in_directory(name: str) -> bool:
    """Whether the directory knows the name (generic addressees like "các cơ quan liên quan" count)."""
    from extraction.bodies import BodyDirectory

    return bool(BodyDirectory.load().lookup(name))


def canonical_name(name: str, *, at: date | None = None) -> str:
    """The directory's canonical name for a written name (abbreviations expanded)."""
    from extraction.bodies import BodyDirectory

    return BodyDirectory.load().canonical(name, at=at)
