"""Who is asked to act, by name: the lead and co-operating bodies of a task draft.

:mod:`extraction.grammar` finds where the names are written; this module reads them: splits a
phrase into bodies ("Bộ Tài chính, Bộ Nội vụ và các cơ quan liên quan"), distributes shared
heads (:mod:`extraction.addressees`), expands the document's own abbreviations and gives each
body its canonical name from the directory (:mod:`extraction.bodies`).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

from extraction.addressees import Place, as_committee, distribute, localise, place_names
from extraction.bodies import CENTRAL_KINDS, BodyDirectory
from extraction.grammar import (
    GROUP_LABEL,
    PLURAL,
    UNIT_CODE,
    find_all_directed,
    inside_brackets,
    noun_phrase_end,
    starts_with_body,
)
from extraction.lexicon import cue_pattern, cues
from extraction.types import Body, Roles, Span, TaskDraft


# A list of names breaks before a new name: "Bộ Tài chính, Bộ Nội vụ và Ủy ban nhân dân ...".
def split_names(phrase: str) -> list[str]:
    """Split a noun phrase listing several bodies into names.

    "Các bộ, ngành và Ủy ban nhân dân các tỉnh" → ["Các bộ, ngành", "Ủy ban nhân dân các tỉnh"].
    """
    # a list of addressees on lines of their own keeps no bullet: "Kính gửi: - Các bệnh viện ...;"
    parts = [p.strip(" ,;.\n\t-+•") for p in re.split(r"\s*;\s*", GROUP_LABEL_COLON.sub("", phrase))]
    parts = [piece for part in parts for piece in _split_alternatives(part)]
    names: list[str] = []
    for part in parts:
        names.extend(_distribute(part) or _split_on_heads(part))
    return _carry_title([n for n in names if n])


def _carry_title(names: list[str]) -> list[str]:
    """A person's title written once before bodies of one kind heads each of them: "Bộ trưởng
    Bộ Quốc phòng, Bộ Công an" is the minister of each (cues.tsv: person_title)."""
    comrades = COMRADES.match(names[0]) if len(names) > 1 else None
    title = cue_pattern("person_title").match(names[0], comrades.end()) if comrades else None
    rest = names[0][title.end() :].split() if title else []
    if not rest or not rest[0][:1].isupper():
        return names
    if not all(name.split()[0] == rest[0] for name in names[1:]):
        return names
    if any(cue_pattern("person_title").match(name) for name in names[1:]):
        return names  # "Bộ trưởng Bộ Y tế, Bộ trưởng Bộ Công an": each has its own title
    return [names[0], *(f"{title.group(0)} {name}" for name in names[1:])]


# "Các đồng chí Giám đốc Sở Y tế, Sở Xây dựng": the title may follow who is addressed
COMRADES = re.compile(r"(?:các\s+)?(?:đồng\s+chí\s+)?", re.IGNORECASE)


# "Các đơn vị: Cục A, Cục B": the label before the colon names no body of its own
GROUP_LABEL_COLON = re.compile(rf"^[Cc]ác\s+(?:{GROUP_LABEL})(?:\s+(?:bao\s+)?gồm)?\s*:\s*(?=[A-ZĐ])")
ALTERNATIVE_NAMES = re.compile(r"(?<=\w)/(?=[A-ZĐ])")


def _split_alternatives(part: str) -> list[str]:
    """ "Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh" names two bodies; "Sở Văn
    hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao" names one body by the names it bears in
    different provinces (the same head word on both sides) and stays one name."""
    pieces = ALTERNATIVE_NAMES.split(part)
    heads = {piece.split()[0] for piece in pieces if piece.split()}
    return [part] if len(pieces) > 1 and len(heads) == 1 else pieces


# "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ", "các Bộ: Tài chính, Tư pháp": one head, several bodies.
DISTRIBUTED = re.compile(
    r"^[Cc]ác\s+(?P<head>Đảng [uủ][ỷy]|Bộ|Sở|Ban|Ủy ban nhân dân|Uỷ ban nhân dân)"
    r"(?:\s*:\s*|\s+(?=(?:Bộ|Sở|Ban|Ủy ban|Uỷ ban|Tổng cục|Cục)\s+[A-ZĐ]))(?P<items>[A-ZĐ].*)$"
)


def _distribute(part: str) -> list[str]:
    m = DISTRIBUTED.match(part)
    if m is None:
        return _committees_of_places(part)
    items = [i.strip(" ,;.") for i in re.split(r",\s*", m.group("items")) if i.strip(" ,;.")]
    if len(items) < 2 or not all(i[0].isupper() for i in items):
        return []
    return [f"{m.group('head')} {item}" for item in items]


# "Các tỉnh ủy Đắk Lắk, Gia Lai, Lâm Đồng": one Party committee per place named
COMMITTEES_OF_PLACES = re.compile(r"^(?:[Cc]ác\s+)?(?P<head>[Tt]ỉnh [uủ][ỷy]|[Tt]hành [uủ][ỷy])\s+(?P<items>[A-ZĐ].*)$")


def _committees_of_places(part: str) -> list[str]:
    m = COMMITTEES_OF_PLACES.match(part)
    if m is None:
        return []
    items = [i.strip() for i in re.split(r",\s*|\s+và\s+", m["items"]) if i.strip()]
    if len(items) < 2 or not all(w[0].isupper() for item in items for w in item.split()):
        return []
    head = m["head"][0].upper() + m["head"][1:]
    return [f"{head} {item}" for item in items]


# "Các Ban Quản lý rừng phòng hộ Kon Chiêng, Đak Đoa, Mang Yang": a head that ends in a lower-case
# word, then places; "Các Công ty TNHH MTV Thủy lợi Bắc Nghệ An, Nam Nghệ An" (probe BE, 2026-12-07)
HEAD_OF_PLACES = re.compile(r"^[Cc]ác\s+(?P<first>[^,;]+),\s*(?P<rest>[^;]+)$")
MAX_PLACE_WORDS = 4


def _described_head_of_places(part: str) -> list[str]:
    m = HEAD_OF_PLACES.match(part)
    if m is None or ":" in m["first"]:
        return []  # "các tổ dân phố: Đông Hải, Tây Sơn": a list after a colon, which addressees.distribute reads
    words = m["first"].split()
    k = len(words)
    while k > 0 and words[k - 1][0].isupper():
        k -= 1  # the capitalised words that end the first name: its place
    head, first = " ".join(words[:k]), " ".join(words[k:])
    # a head of two words or more: "các xã A, B" are places the addressee rules read
    if not 0 < len(words) - k <= MAX_PLACE_WORDS or k < 2 or not words[k - 1][0].islower():
        return []
    if not starts_with_body(head):
        return []
    rest = [i.strip(" .") for i in re.split(r",\s*|\s+và\s+", m["rest"]) if i.strip(" .")]
    if not all(word[0].isupper() for place in rest for word in place.split()) or any(
        starts_with_body(place) for place in rest
    ):
        return []
    return [f"{head} {place}" for place in (first, *rest)]


def _split_on_heads(part: str) -> list[str]:
    merged: list[str] = []
    for piece, separator in _split_outside_brackets(part):
        piece = piece.strip(" ,;.")
        if not piece:
            continue
        # "các Sở, Ban, ngành liên quan": a bare head lists categories, it is not a name; so do
        # lower-case kinds sharing one qualifier: "các tỉnh ủy, thành ủy, đảng ủy trực thuộc TW".
        if merged and (BARE_HEAD.match(merged[-1]) or ("," in separator and _common_kinds(merged[-1], piece))):
            merged[-1] = f"{merged[-1]}, {piece}"
        elif merged and "và" in separator and JOINT_OFFICE.match(merged[-1]):
            merged[-1] = f"{merged[-1]} và {piece}"
        else:
            merged.append(piece)
    return merged


# One office serves two organs: "Văn phòng HĐND và UBND phường", "Văn phòng Đoàn đại biểu Quốc hội
# và Hội đồng nhân dân tỉnh".
JOINT_OFFICE = re.compile(r"^(?:Văn phòng|VP)\s+(?:Hội đồng nhân dân|HĐND|Đoàn đại biểu Quốc hội|Đoàn ĐBQH)$")


def _split_outside_brackets(part: str) -> list[tuple[str, str]]:
    """(piece, the separator before it) at name breaks, never inside "(...)"."""
    pieces, start, separator = [], 0, ""
    directory = BodyDirectory.load()
    for m in _name_breaker().finditer(part):
        if inside_brackets(part, 0, m.start()) or directory.name_phrase_around(part, m.end() - 1):
            continue  # "Cục Văn thư và Lưu trữ nhà nước": "văn thư và lưu trữ" is one field of a name
        pieces.append((part[start : m.start()], separator))
        start, separator = m.end(), m.group(0)
    pieces.append((part[start:], separator))
    return pieces


def _common_kinds(previous: str, piece: str) -> bool:
    previous = PLURAL.sub("", previous)
    return previous.islower() and piece[:1].islower()


# one word, but not an acronym or a unit's code, which name a body ("VNPT và Sở X", "C02 và ...")
BARE_HEAD = re.compile(r"^(?:[Cc]ác\s+|[Nn]hững\s+)?(?![A-ZĐ]{2,}$|[A-ZĐ]{1,3}\d{2,3}$)\w+$")


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
    # "Ủy ban nhân dân xã, phường và đơn vị có liên quan", "các cơ quan liên quan và địa phương":
    # after a place or a closing qualifier the "và" starts another
    closed = "|".join(f"(?<=\\b{w})" for w in (*PLACE_WORDS, *CLOSING_QUALIFIERS))
    return re.compile(rf"(?:,\s*(?=(?:{generic})(?!\w))|(?:{closed})\s+và\s+(?=(?:{generic}|địa phương)(?!\w)))")


PLACE_WORDS = ("xã", "phường", "tỉnh", "huyện", "phố", "khu", "trấn")
CLOSING_QUALIFIERS = ("liên quan",)


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
                "cổng",
            )
            else h[0].upper() + h[1:]
        )
        for h in heads
        if h not in ("các", "thủ trưởng")
    )
    lower = "|".join(re.escape(h) for h in heads if h != "các")
    generic = "|".join(re.escape(h) for h in sorted(cues("list_head"), key=len, reverse=True))
    comma = "|".join(re.escape(h) for h in sorted(cues("comma_head"), key=len, reverse=True))
    # a place named as an actor starts a name of its own: "Hà Nội, Thành phố Hồ Chí Minh, Đà Nẵng"
    places = "|".join(re.escape(name) for name in place_names())
    # "Cục Quản lý đê điều và Phòng, chống thiên tai": "Phòng, chống" is work, not an office
    not_body = "|".join(re.escape(p) for p in sorted(cues("non_body"), key=len, reverse=True))
    return re.compile(
        rf"(?:,\s*|\s+và\s+)(?!(?i:{not_body})(?!\w))(?=(?:{capitalised})(?!\w)|[Cc]ác\s+(?:{lower})(?!\w)|(?:{comma})(?!\w)|(?:{places})(?!\w))"
        rf"|\s+và\s+(?=(?:{generic})(?!\w))"
    )


# "vật liệu nổ công nghiệp (VLNCN)": a document defines its own abbreviations.
# an acronym: "VLNCN", "BQLDA", "CMC"
ACRONYM = re.compile(r"[A-ZĐ]{2,10}")
DEFINITION = re.compile(rf"\((?P<abbr>{ACRONYM.pattern}|{UNIT_CODE.pattern})\)")


def document_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations a document defines, checked by their initials.

    "... quản lý vật liệu nổ công nghiệp (VLNCN), tiền chất thuốc nổ (TCTN)" →
    {"VLNCN": "vật liệu nổ công nghiệp", "TCTN": "tiền chất thuốc nổ"}.
    """
    found: dict[str, str] = {}
    for m in DEFINITION.finditer(text):
        abbr = m.group("abbr")
        before = _line_before(text, m.start())
        if UNIT_CODE.fullmatch(abbr):  # "Cục Cảnh sát hình sự (C02)": a code, no initials
            named = _body_ending_at(before)
            if named:
                found.setdefault(abbr, named)
            continue
        words = before.replace(",", " ").split()
        for size in range(len(abbr), 1, -1):
            tail = words[-size:]
            if len(tail) == size and _initials(tail) == abbr.replace("Đ", "D"):
                found.setdefault(abbr, " ".join(tail))
                break
        else:
            # "Ban Quản lý dự án đầu tư xây dựng tỉnh (BQLDA)": the name the initials open
            named = _name_opened_by(before, abbr)
            if named:
                found.setdefault(abbr, named)
    for m in SHORT_FORM.finditer(text):
        # "Ban Quản lý dự án ... dân dụng và công nghiệp tỉnh (Ban QLDA DD&CN tỉnh)", "Ban Chỉ đạo
        # phòng thủ dân sự quốc gia (BCĐ PTDS quốc gia)": a short form of words and acronyms (probes BS, BW)
        short = " ".join(m.group("short").split())
        named = _body_ending_at(_line_before(text, m.start()))
        if named and len(named.split()) > len(short.split()) and _opens_alike(named, short):
            found.setdefault(short, named)
    for m in [*NAMED_DEFINITION.finditer(text), *HEADED_ACRONYM.finditer(text)]:
        short = m.group("short").strip()
        if not ACRONYM_WORD.search(short) and not (len(short.split()) >= 2 and starts_with_body(short)):
            continue  # "(gọi tắt là Sở)": a bare head would rename every other "Sở ..." of the text
        if PLURAL.match(short):
            continue  # "(sau đây gọi tắt là các bộ, địa phương)": a generic addressee, kept as written (probe BK)
        named = _name_shortened_to(_line_before(text, m.start()), short)
        if named:
            found.setdefault(short, named)
    for role, named in _roles_played(text):
        found.setdefault(role, named)
    for m in UNDEFINED_ACRONYM.finditer(text):
        short = f"{m['head']} {m['abbr']}"
        if short not in found and m["abbr"] not in found:
            named = _spelled_out_elsewhere(text, m["head"], m["abbr"])
            if named:
                found[short] = named
    return found


def _roles_played(text: str) -> list[tuple[str, str]]:
    """The body a project role stands for, where the text says it in brackets: "Ban Quản lý dự
    án ... tỉnh (Chủ đầu tư)" or "Chủ đầu tư (Ban Quản lý dự án ... tỉnh)"; a later "Chủ đầu tư"
    alone is that body (probe BJ; the roles are cues.tsv: project_role)."""
    roles = cue_pattern("project_role")
    out = []
    for m in re.finditer(r"\((?P<inside>[^()]{3,140})\)", text):
        inside = m["inside"].strip()
        if roles.fullmatch(inside):  # "Name (Chủ đầu tư)"
            named = _body_ending_at(_line_before(text, m.start()))
            if named:
                out.append((inside[0].upper() + inside[1:], named))
        elif starts_with_body(inside) and inside[0].isupper():  # "Chủ đầu tư (Name)"
            before = text[max(0, m.start() - 40) : m.start()].rstrip()
            role = roles.search(before)
            if role and role.end() == len(before):
                out.append((role.group(0)[0].upper() + role.group(0)[1:], inside))
    return out


def _body_ending_at(before: str) -> str | None:
    """The name of a body that ends a stretch of text: from the first capitalised word that opens
    one ("Tham gia đoàn có Ban Quản lý dự án ... tỉnh" → "Ban Quản lý dự án ... tỉnh")."""
    before = re.split(r"[;:)]", before)[-1]  # "Sở: Xây dựng, Tài chính; Ban Quản lý ..." lists others first
    for m in re.finditer(r"(?<!\w)[A-ZĐÀ-Ỹ]", before):
        if before[m.start()].isupper() and starts_with_body(before[m.start() :]):
            return before[m.start() :].strip(" ,;")
    return None


# "Cục VTLTNN" in a table of a text that writes "Cục Văn thư và Lưu trữ nhà nước" elsewhere
UNDEFINED_ACRONYM = re.compile(
    r"(?<!\w)(?P<head>Cục|Vụ|Viện|Ban|Sở|Trung tâm|Văn phòng|Chi cục|Tổng cục)\s+(?P<abbr>[A-ZĐ]{3,10})(?!\w)"
)


def _spelled_out_elsewhere(text: str, head: str, abbr: str) -> str | None:
    """The name after ``head`` somewhere in ``text`` whose words' initials, "và" left out, spell
    ``abbr``: "Cục Văn thư và Lưu trữ nhà nước" for "Cục VTLTNN"."""
    key = abbr.replace("Đ", "D")
    for m in re.finditer(rf"(?<!\w){re.escape(head)}\s+", text):
        words, initials = [], ""
        for word in re.findall(r"[^\s,;.()]+", text[m.end() : m.end() + 160]):
            words.append(word)
            if word.lower() != "và":
                initials += _initials([word])
            if not key.startswith(initials):
                break
            if initials == key:
                return f"{head} {' '.join(words)}"
    return None


# "... (sau đây gọi tắt là Ban QLDA)", "(gọi tắt là Sở)", "(viết tắt là BQL)"
NAMED_DEFINITION = re.compile(
    r"\(\s*(?:sau đây\s+)?(?:được\s+)?(?:gọi\s+(?:tắt\s+)?là|viết\s+tắt\s+là)\s*:?\s*[“\"]?"
    r"(?P<short>[A-ZĐ][^()“”\"]{1,40}?)[”\"]?\s*\)",
    re.IGNORECASE,
)


# "Vụ Kế hoạch - Tài chính (Vụ KHTC)": a head word and an acronym in brackets
HEADED_ACRONYM = re.compile(r"\((?P<short>[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][a-zà-ỹđ]+)?\s+[A-ZĐ]{2,10})\)")
ACRONYM_WORD = re.compile(rf"(?<!\w){ACRONYM.pattern}(?!\w)")
# a short form in brackets with an acronym among its words: "(Ban QLDA DD&CN tỉnh)", "(BCĐ PTDS quốc gia)"
SHORT_FORM = re.compile(
    r"\((?P<short>(?=[^()]*(?<![\w&])[A-ZĐ]{2,10}[&\-]?[A-ZĐ]*\s)[A-ZĐ][\w&\-]*(?:\s+[\w&\-]+){1,5})\)"
)


def _opens_alike(named: str, short: str) -> bool:
    """Whether a short form opens as its full name does: the same head word ("Ban QLDA ..." for
    "Ban Quản lý ..."), or an acronym of its first words ("BCĐ ..." for "Ban Chỉ đạo ...")."""
    first = short.split()[0]
    if first == named.split()[0]:
        return True
    return bool(ACRONYM.fullmatch(first)) and _initials(named.split()[: len(first)]) == first.replace("Đ", "D")


def _line_before(text: str, pos: int) -> str:
    return text[max(0, pos - 160) : pos].split("\n")[-1].split("(")[-1].rstrip()


def _initials(words: list[str]) -> str:
    """ "Ban Quản lý dự án" → "BQLDA": each word's first letter without its tone mark."""
    return "".join(unicodedata.normalize("NFD", w[0])[0] for w in words).upper().replace("Đ", "D")


def _name_opened_by(before: str, abbr: str) -> str | None:
    """The capitalised name whose first words' initials spell ``abbr``, up to the bracket."""
    words = list(re.finditer(r"\S+", before))
    key = abbr.replace("Đ", "D")
    for i in range(len(words) - len(abbr), -1, -1):
        run = [w.group(0) for w in words[i : i + len(abbr)]]
        if run[0][0].isupper() and _initials(run) == key:
            return before[words[i].start() :].strip(" ,;")
    return None


def _name_shortened_to(before: str, short: str) -> str | None:
    """The full name a short form stands for: from the last place its head word ("Ban" of "Ban
    QLDA") opens a name, or the name its initials open ("BQLDA"), up to the bracket."""
    if ACRONYM.fullmatch(short):
        return _name_opened_by(before, short)
    head = short.split()[0]
    at = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(head)}(?!\w)", before)]
    named = before[at[-1] :].strip(" ,;") if at else ""
    return named if named and named != short and len(named.split()) > len(short.split()) else None


def expand_abbreviations(name: str, abbreviations: dict[str, str]) -> str:
    """The name with the document's own abbreviations written out: an acronym wherever it stands
    ("UBND tỉnh" style), a short name of words ("Ban Chỉ đạo", defined "(sau đây gọi tắt là Ban
    Chỉ đạo)") only when it is the whole name, so "Ban Chỉ đạo Trung ương ..." keeps its words."""
    if not abbreviations:
        return name
    whole = abbreviations.get(" ".join(name.split()))
    if whole is not None:
        return whole
    acronyms = [short for short in abbreviations if ACRONYM_WORD.search(short)]
    if not acronyms:
        return name
    return re.sub(
        r"\b(" + "|".join(map(re.escape, acronyms)) + r")\b",
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
    lead = _named(_bodies(text, lead_span, at, abbreviations, use_directory=False), at, where, abbreviations)
    if draft.lead is not None:
        lead += tuple(b for b in _singled_out(text, draft.lead, at) if b.name not in {x.name for x in lead})
    support = _bodies(text, support_span, at, abbreviations, use_directory=True)
    for directed in find_all_directed(text, draft.span.start, draft.span.end):
        if support_span is None or directed.start >= support_span.end or directed.end <= support_span.start:
            support += _directed_bodies(text, directed, at, abbreviations)
    leads = {b.name for b in lead}
    return Roles(
        lead=lead,
        support=tuple(b for b in _named(support, at, where, abbreviations) if b.name not in leads),
        lead_source=draft.lead_source,
    )


# "các bộ, ngành, cơ quan chủ quản, nhất là ACV cần khẩn trương ...": members the group's
# addressee singles out, named in the directory (tb-01; probe CG)
SINGLED_AFTER_GROUP = re.compile(r",?\s*(?:nhất là|đặc biệt là)\s+(?P<names>[A-ZĐ][^;.:()]{1,160}?),?\s+(?=[a-zđà-ỹ])")


def _singled_out(text: str, lead: Span, at: date | None) -> tuple[Body, ...]:
    """The directory's bodies a group's lead singles out right after it ("..., nhất là EVN, PVN,
    Viettel, khẩn trương ..."); none where a name is one the directory does not know."""
    m = SINGLED_AFTER_GROUP.match(text, lead.end)
    if m is None:
        return ()
    found = BodyDirectory.load().find(m["names"], at=at)
    covered = sum(b.span.end - b.span.start for b in found if b.span is not None)
    if not found or not all(b.in_directory for b in found) or covered < 0.8 * len(m["names"].replace(",", "").replace(" ", "")):
        return ()
    return tuple(Body(b.name, None, True) for b in found)


# a lower-case gloss, or the acronym a document defines for the name: "Ban Quản lý dự án đầu tư
# xây dựng tỉnh (BQLDA)", or who advises the body: "UBND tỉnh (Sở Nội vụ tham mưu)"
GLOSS = re.compile(
    rf"\((?=[a-zđà-ỹ])[^()]*\)|\({ACRONYM.pattern}\)|\({UNIT_CODE.pattern}\)|\([^()]*\btham mưu\s*\)"
    # a short name with its place: "Viễn thông Hà Nội (VNPT Hà Nội)" (probe CH)
    rf"|\({ACRONYM.pattern}(?:\s+[A-ZĐ]\w*){{1,3}}\)"
)


ELLIPTIC_HEAD = re.compile(r"^(?P<head>Sở|Bộ|Tập đoàn|Tổng công ty)\s+\S")


@cache
def _member_post() -> re.Pattern[str]:
    """A committee post after a dash at the end of a name (cues.tsv: member_label)."""
    return re.compile(rf"\s*[-–]\s*(?:{cue_pattern('member_label').pattern})\s*$", re.IGNORECASE)


def _elliptic_list(name: str) -> list[str] | None:
    """A head written once over several names: "Sở Tài chính, Xây dựng, Công Thương" → three
    Sở; "Tập đoàn FPT, CMC" → two Tập đoàn. None when a later item has a head of its own or is
    no proper name."""
    m = ELLIPTIC_HEAD.match(name)
    parts = [p.strip() for p in re.split(r"\s*,\s*", name)]
    if m is None or len(parts) < 2 or in_directory(name) or in_directory(f"{parts[0]}, {parts[1]}"):
        return None  # "Sở Văn hóa, Thể thao và Du lịch" is one name with a comma
    rest = parts[1:]
    if " và " in rest[-1]:
        return None  # "Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam" lists fields in one name
    if not all(p[:1].isupper() and not starts_with_body(p) and p != p.upper() or ACRONYM.fullmatch(p) for p in rest):
        return None
    return [parts[0], *(f"{m['head']} {p}" for p in rest)]


def _directed_bodies(text: str, directed: Span, at: date | None, abbreviations: dict[str, str]) -> tuple[Body, ...]:
    """The bodies a lead is told to direct, when the list opens with a named body: "chỉ đạo Cục
    Thú y" and "chỉ đạo Ban Quản lý khu kinh tế và các sở, ngành liên quan" (the whole list)
    take part in the work; "chỉ đạo các cơ quan liên quan" only says how the lead works."""
    bodies = _bodies(text, directed, at, abbreviations, use_directory=True)
    named = [
        b.span is not None and text[b.span.start : b.span.start + 1].isupper() and not PLURAL_GROUP.search(b.name)
        for b in bodies
    ]
    if named and named[0]:
        return bodies
    # "chỉ đạo các cơ quan chuyên môn Bộ Quốc phòng": a name right after a generic one, with no
    # comma or "và" between, says whose they are
    return tuple(
        b
        for i, (b, is_named) in enumerate(zip(bodies, named))
        if is_named and not (i > 0 and _right_after(text, bodies[i - 1], b))
    )


# a capitalised kind over many places is a group, not a named body: "Ủy ban nhân dân các xã,
# phường", "Trạm Y tế xã, phường", "Công an cấp xã" (probes BE, BF, BD, 2026-12-07)
_PLACE_KIND = r"(?:xã|phường|tỉnh|thành phố|huyện|quận|thị xã|thị trấn|đặc khu)"
PLURAL_GROUP = re.compile(
    rf"(?<!\w)(?:các|cấp\s+{_PLACE_KIND})(?!\w)|(?<!\w){_PLACE_KIND}\s*(?:,|và|/)\s*{_PLACE_KIND}(?!\w)", re.IGNORECASE
)


def _right_after(text: str, previous: Body, body: Body) -> bool:
    if previous.span is None or body.span is None:
        return False
    return not text[previous.span.end : body.span.start].strip()


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
    # a lower-case gloss after a name says what it is, not another body: "Sở Nội vụ (cơ quan
    # thường trực)", "(theo phạm vi, lĩnh vực)"; blanked so that offsets stay those of the text
    phrase = GLOSS.sub(lambda m: " " * len(m.group(0)), text[span.start : span.end])
    # "Các đơn vị (gồm): Sở A, Sở B": the label names no body of its own (blanked, as above)
    phrase = GROUP_LABEL_COLON.sub(lambda m: " " * len(m.group(0)), phrase)
    # "Đồng chí Giám đốc Sở Tài chính - Ủy viên": the post held on a committee is no part of who
    phrase = _member_post().sub(lambda m: " " * len(m.group(0)), phrase)
    if span.label == "described":
        # one addressee described up to its duty ("Các cơ quan quản lý nhà nước, tổ chức, cá nhân
        # liên quan có trách nhiệm"): the description is the name, neither split nor cut
        name = expand_abbreviations(phrase.strip(" ,;.:"), abbreviations)
        return (Body(canonical_name(name, at=at), span, in_directory(name)),)
    names = split_names(phrase.strip(" ,;.:")) if ALTERNATIVE_NAMES.search(phrase) else []
    if len(names) == 1 and ALTERNATIVE_NAMES.search(names[0]):
        # "Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao tỉnh, thành phố ...": one body
        # by its names in different provinces, kept as the document writes it
        name = expand_abbreviations(names[0], abbreviations)
        return (Body(name, span, in_directory(name)),)
    # before the kinds a head distributes, which read "Ban Đak Đoa"; split_names, the fallback
    # below, is reached only when this found nothing, so it does not look again
    places = _described_head_of_places(phrase.strip(" ,;.:"))
    if places:
        return tuple(Body(canonical_name(name, at=at), span, in_directory(name)) for name in places)
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
        found = [_read_to_its_end(phrase, b, found, at) for b in found]
        found = found + _uncovered_names(phrase, found, at)
        found.sort(key=lambda b: b.span.start if b.span else 0)
        bodies = []
        for b in found:
            start = span.start + b.span.start
            pieces = split_generic_list(text[start : span.start + b.span.end]) if use_directory else []
            if len(pieces) < 2:
                whole = Span(start, span.start + b.span.end, span.label)
                bodies.append(Body(canonical_name(b.name, at=at), whole, b.in_directory))
                continue
            cursor = start
            for piece in pieces:  # "Ủy ban nhân dân tỉnh, chủ rừng": the directory read one generic
                at_piece = text.find(piece, cursor, span.end)
                cursor = at_piece + len(piece)
                bodies.append(
                    Body(canonical_name(piece, at=at), Span(at_piece, cursor, span.label), in_directory(piece))
                )
        return tuple(bodies)
    names = split_names(phrase)
    if use_directory:
        names = [piece for name in names for piece in split_generic_list(name)]
    bodies = []
    for written in names:
        name = _cut_at_predicate(written)
        if not name:
            continue
        elliptic = _elliptic_list(name)
        if elliptic is not None:  # "Sở Tài chính, Xây dựng, Công Thương": one head over three names
            start = span.start + max(phrase.find(name), 0)
            bodies.extend(
                Body(canonical_name(full, at=at), Span(start, start + len(name), span.label), in_directory(full))
                for full in elliptic
            )
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


def _named(
    bodies: tuple[Body, ...], at: date | None, where: Place | None, abbreviations: dict[str, str]
) -> tuple[Body, ...]:
    """A place named as an actor is its People's Committee; a province's body named bare in a
    document about that province takes its name; a short name the document defines ("Vụ KHTC",
    "Ban Chỉ đạo") is the name it stands for."""
    out = []
    for body in bodies:
        name = localise(as_committee(_glossed(expand_abbreviations(_unmarked(body.name), abbreviations))), where)
        if name != body.name:
            body = Body(canonical_name(name, at=at), body.span, in_directory(name))
        if body.name not in {b.name for b in out}:
            out.append(body)
    return tuple(out)


# "Nhà đầu tư (Tập đoàn Đèo Cả)": a common role glossed with the proper name of who plays it.
GLOSSED_ROLE = re.compile(r"^(?P<role>[^()]{3,40}?)\s*\((?P<name>[A-ZĐ]\w*(?:\s+[^\s(),;]+){1,12})\)$")


def _glossed(name: str) -> str:
    """The proper name a common role is glossed with: "Nhà đầu tư (Tập đoàn Đèo Cả)" → "Tập đoàn
    Đèo Cả". A named body glossed with another ("Trung tâm Dịch vụ việc làm (Sở Nội vụ)") and a
    plural role over a list ("các doanh nghiệp (VNPT, Viettel)") keep their words."""
    duty = DUTY_GLOSS.fullmatch(name)
    if duty is not None:  # "Sở X (Cơ quan thường trực Ban Chỉ huy ...)": the gloss says what it does
        return duty["name"]
    m = GLOSSED_ROLE.match(name)
    if m is not None and cue_pattern("member_label").fullmatch(m["role"]):
        return m["name"]  # "Phó Trưởng ban (Giám đốc Sở Nội vụ)": the office holding the post (probe BN)
    if m is None or PLURAL.match(m["role"]) or any(w[:1].isupper() for w in m["role"].split()[1:]):
        return name
    if in_directory(m["role"]):  # "Công an tỉnh (Phòng Cảnh sát môi trường)": a body and its unit
        return m["role"]
    return m["name"]


DUTY_GLOSS = re.compile(
    r"(?P<name>.+?)\s*\((?:là\s+)?(?:cơ quan|đơn vị|bộ phận)\s+(?:thường trực|đầu mối|tham mưu|giúp việc)[^()]*\)",
    re.IGNORECASE,
)


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
        if any(s < m.end() and start < e for s, e in covered):
            continue
        if ACRONYM.fullmatch(piece):
            # "Tập đoàn FPT, CMC": a bare acronym after a name shares that name's head
            head = _head_before(phrase, start, found)
            if head is not None:
                out.append(Body(f"{head} {piece}", Span(start, start + len(piece), "generic"), False))
            continue
        if len(re.sub(r"\W", "", piece)) >= 4:
            out.append(
                Body(canonical_name(piece, at=at), Span(start, start + len(piece), "generic"), in_directory(piece))
            )
    return out


def _head_before(phrase: str, start: int, found: list[Body]) -> str | None:
    """The head word ("Tập đoàn", "Tổng công ty") of the name just before ``start``, when only a
    comma stands between."""
    before = [b for b in found if b.span is not None and b.span.end <= start]
    if not before:
        return None
    previous = max(before, key=lambda b: b.span.end if b.span else 0)
    assert previous.span is not None
    m = ELLIPTIC_HEAD.match(phrase[previous.span.start : previous.span.end])
    between = phrase[previous.span.end : start].strip()
    return m["head"] if m is not None and between == "," else None


# the lower-case words that go on a name up to the next comma, bracket or list word
NAME_GOES_ON = re.compile(r"\s+(?=[^\W\d_])(?P<words>[^,;()]+?)\s*(?=[,;()]|\s+(?:và|cùng|với)\s|$)")


def _read_to_its_end(phrase: str, body: Body, found: list[Body], at: date | None) -> Body:
    """A name the directory only read (it does not know it) stops at a word that can open a
    predicate; inside the phrase of names nothing but the name goes on: "Chi cục Trồng trọt và
    Bảo vệ thực vật", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn" (probe BE)."""
    if body.in_directory or body.span is None:
        return body
    m = NAME_GOES_ON.match(phrase, body.span.end)
    if m is None or not m["words"][0].islower():
        return body
    end = m.end("words")
    if any(b.span is not None and body.span.end <= b.span.start < end for b in found):
        return body
    name = phrase[body.span.start : end]
    return Body(canonical_name(name, at=at), Span(body.span.start, end, body.span.label), False)


def directory_split(phrase: str, at: date | None) -> list[Body] | None:
    """The bodies the directory reads in a phrase, when they account for (almost) all of it.

    "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ" → three kinds of body, as the
    directory knows them; a phrase it only partly knows is split by grammar instead.
    """
    from extraction.bodies import BodyDirectory

    bodies = _of_places([b for b in BodyDirectory.load().find(phrase, at=at) if b.span is not None], phrase)
    if not bodies:
        return None
    covered = sum(len(re.sub(r"\W", "", phrase[b.span.start : b.span.end])) for b in bodies)
    total = len(re.sub(r"\W", "", phrase))
    return bodies if total and covered / total >= DIRECTORY_COVERAGE else None


# "Sở Y tế các tỉnh, thành phố trực thuộc Trung ương": a department of every province named
PLACE_GROUP = re.compile(r"(?:các|những)\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|địa phương)\b", re.IGNORECASE)


def _of_places(bodies: list[Body], phrase: str) -> list[Body]:
    """A body followed, with nothing between, by a group of places is that body in each place:
    "Sở Y tế các tỉnh, thành phố" is one addressee, not "Sở Y tế" and the provinces."""
    merged: list[Body] = []
    for body in bodies:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.span is not None
            and body.span is not None
            and not phrase[previous.span.end : body.span.start].strip()
            and PLACE_GROUP.match(phrase, body.span.start)
            and previous.span.label not in CENTRAL_KINDS
        ):
            span = Span(previous.span.start, body.span.end, previous.span.label)
            merged[-1] = Body(phrase[span.start : span.end], span, in_directory=False)
            continue
        merged.append(body)
    return merged


def in_directory(name: str) -> bool:
    """Whether the directory knows the name (generic addressees like "các cơ quan liên quan" count)."""
    from extraction.bodies import BodyDirectory

    return bool(BodyDirectory.load().lookup(name))


def canonical_name(name: str, *, at: date | None = None) -> str:
    """The directory's canonical name for a written name (abbreviations expanded), with single
    spaces and without a footnote number glued to its last word ("Sở Tài chính1")."""
    from extraction.bodies import BodyDirectory

    return BodyDirectory.load().canonical(_unmarked(name), at=at)


def _unmarked(name: str) -> str:
    return FOOTNOTE_MARK.sub("", " ".join(name.split()))


# a scan's or a copy's footnote number right after a lower-case letter: "Sở Tài chính1 chủ trì"
FOOTNOTE_MARK = re.compile(r"(?<=[a-zà-ỹđ])\d{1,2}$")


# --- bodies named again by reference --------------------------------------------------------------

# "Ủy ban nhân dân hai xã nêu trên", "Chủ tịch UBND hai địa phương nêu trên", "Các đơn vị nêu trên":
# bodies the text named before, named again by their kind and how many (probe BW)
REFERENCE = re.compile(
    r"^(?P<title>.*?)(?<!\w)(?:các|những|(?P<count>hai|ba|bốn|năm|[2-9]))\s+"
    r"(?P<kind>xã|phường|địa phương|đơn vị|cơ quan)\s+(?:nêu trên|nói trên|trên)$",
    re.IGNORECASE,
)
PLACE_NAMED = re.compile(r"(?<!\w)(?P<kind>(?i:xã|phường))[^\S\n]+(?P<name>[A-ZĐ]\w*(?:[^\S\n]+[A-ZĐ]\w*){0,3})")
COUNTS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5}
# how far back "các đơn vị nêu trên" looks for the tasks it means
REFERENCE_REACH = 4


def resolve_references(text: str, drafts: list[TaskDraft], roles: list[Roles]) -> list[Roles]:
    """Roles with the bodies named by reference written out: "Ủy ban nhân dân hai xã nêu trên"
    after "... làm việc với UBND xã Kim Liên và xã Vạn An" is Ủy ban nhân dân xã Kim Liên and
    Ủy ban nhân dân xã Vạn An; "Các đơn vị nêu trên" are the leads of the tasks just above. A
    reference the text does not settle stays as written, for the reviewer."""
    from dataclasses import replace

    out = list(roles)
    for i, role in enumerate(roles):
        lead = _written_out(text, drafts, roles, i, role.lead)
        support = _written_out(text, drafts, roles, i, role.support)
        if lead != role.lead or support != role.support:
            out[i] = replace(role, lead=lead, support=support)
    return out


def _written_out(
    text: str, drafts: list[TaskDraft], roles: list[Roles], i: int, bodies: tuple[Body, ...]
) -> tuple[Body, ...]:
    out: list[Body] = []
    for body in bodies:
        m = REFERENCE.match(body.name)
        meant = _referred_to(text, drafts, roles, i, m) if m else None
        out.extend(b for b in meant or [body] if b.name not in {o.name for o in out})
    return tuple(out)


def _referred_to(text: str, drafts: list[TaskDraft], roles: list[Roles], i: int, m: re.Match[str]) -> list[Body] | None:
    written = (m["count"] or "").lower()
    count = COUNTS.get(written) or (int(written) if written.isdigit() else None)
    kind = m["kind"].lower()
    if kind in ("xã", "phường", "địa phương"):
        places: list[str] = []
        for place in PLACE_NAMED.finditer(text, 0, drafts[i].span.start):
            if kind != "địa phương" and place["kind"].lower() != kind:
                continue
            named = f"{place['kind'].lower()} {place['name']}"
            places = [p for p in places if p != named] + [named]
        if count is None or len(places) < count:
            return None
        title = m["title"].strip() or "Ủy ban nhân dân"
        return [Body(f"{title} {place}", None, True) for place in places[-count:]]
    leads: list[Body] = []
    for j in range(i - 1, max(-1, i - 1 - (count or REFERENCE_REACH)), -1):
        if not roles[j].lead or any(PLURAL.match(b.name) or REFERENCE.match(b.name) for b in roles[j].lead):
            break  # a group, or bodies named by reference themselves: what is meant is not settled
        leads = [b for b in roles[j].lead if b.name not in {x.name for x in leads}] + leads
        if count is not None and len(leads) >= count:
            break
    if not leads or (count is not None and len(leads) != count):
        return None
    return leads


# --- a commune's bodies named bare in a document about that commune -----------------------------

# "Đề nghị Đảng ủy xã tập trung ..." under "KẾT LUẬN ... TẠI BUỔI LÀM VIỆC VỚI ĐẢNG ỦY XÃ HƯƠNG BÌNH"
BARE_COMMUNE_BODY = re.compile(
    r"^(?P<body>.*?(?:Đảng ủy|Đảng uỷ|Ủy ban nhân dân|Hội đồng nhân dân|Công an|Ban Chỉ huy quân sự"
    r"|Ủy ban Mặt trận Tổ quốc Việt Nam))\s+(?P<kind>xã|phường)$"
)
TITLE_COMMUNE = re.compile(
    r"(?<!\w)(?P<kind>xã|phường|XÃ|PHƯỜNG)[^\S\n]+(?!HỘI\b)"
    r"(?P<name>[A-ZĐÀ-Ỹ][^\s,.;:()]*(?:[^\S\n]+(?!VÀ\b|VỀ\b|ĐẢNG\b)[A-ZĐÀ-Ỹ][^\s,.;:()]*){0,3})"
)
OWN_COMMUNE = re.compile(r"(?<!\w)(?:xã|phường|đặc khu)\s", re.IGNORECASE)
TITLE_REACH = 900  # the header and title of a document, where it says which commune it is about


def completed_commune_names(text: str, roles: list[Roles], issuer: str | None = None) -> list[Roles]:
    """A commune's body named bare ("Đảng ủy xã", "Bí thư Đảng ủy phường") in a document whose
    title names one commune of that kind takes its name: "Đảng ủy xã Hương Bình" (probe CE). A
    commune's own document names its own bodies bare, as a province's names "Sở Y tế" (probe BX)."""
    from dataclasses import replace

    if issuer and OWN_COMMUNE.search(issuer):
        return roles
    named: dict[str, set[str]] = {}
    for m in TITLE_COMMUNE.finditer(text[:TITLE_REACH]):
        named.setdefault(m["kind"].lower(), set()).add(m["name"].title() if m["name"].isupper() else m["name"])
    if not any(len(names) == 1 for names in named.values()):
        return roles

    def complete(bodies: tuple[Body, ...]) -> tuple[Body, ...]:
        out = []
        for body in bodies:
            m = BARE_COMMUNE_BODY.match(body.name)
            names = named.get(m["kind"], set()) if m else set()
            out.append(
                Body(f"{body.name} {next(iter(names))}", body.span, body.in_directory) if len(names) == 1 else body
            )
        return tuple(out)

    return [replace(r, lead=complete(r.lead), support=complete(r.support)) for r in roles]
