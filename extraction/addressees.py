"""Addressees written as a shared head over a list, and places named as actors.

Directives save words by sharing one head across several bodies, and Government notices name a
province when they mean its People's Committee (GUIDELINES.md, "lead"):

* ``"Các Bộ: Công Thương, Xây dựng"`` → Bộ Công Thương, Bộ Xây dựng;
* ``"Ủy ban nhân dân các tỉnh, thành phố: Lạng Sơn, Huế"`` → Ủy ban nhân dân tỉnh Lạng Sơn,
  Ủy ban nhân dân thành phố Huế (each place's own unit, from the province table);
* ``"Bí thư Tỉnh ủy và Chủ tịch UBND các tỉnh: A, B"`` → four addressees;
* ``"Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai"`` (as the actor) → the three People's
  Committees;
* ``"Thường trực Tỉnh ủy"`` in a central document about one province P → Thường trực Tỉnh ủy P.

Everything here works on names the grammar already delimited; it never decides who the lead
is, only how a delimited phrase spells its bodies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extraction.bodies import fold, is_central

PROVINCE_KINDS = ("tỉnh", "thành phố")
LOCAL_UNITS = ("huyện", "quận", "thị xã", "xã", "phường")
# every unit a place is written with ("xã Quảng Ngọc", "đặc khu Phú Quốc")
PLACE_UNITS = (*PROVINCE_KINDS, *LOCAL_UNITS, "đặc khu", "thị trấn")
# Heads that a list distributes over, and the kinds they are written with ("các <kind>").
KIND = (
    r"tỉnh\s*,\s*thành phố|thành phố\s*,\s*tỉnh|tỉnh(?:\s*/\s*thành phố)?|thành phố|"
    r"[Bb]ộ|[Ss]ở|Ban|Đảng [uủ][ỷy]|Tập đoàn|Tổng công ty|Ngân hàng|Cục|Tổng cục|Viện|Trường|Báo|Đài|"
    # local units and places: "UBND các huyện: Văn Chấn, Trấn Yên", "các địa phương: Hà Tĩnh, Huế"
    r"huyện|quận|thị xã|xã|phường|địa phương|"
    # villages and residential groups of a commune: "Trưởng các thôn: Bàu Sen, Phước Lợi", "các TDP: Đông
    # Hải, Tây Sơn" (probe BX)
    r"thôn|tổ dân phố|TDP|bản|ấp|khu phố"
)
DISTRIBUTED = re.compile(
    # "các tỉnh: A, B", "các Bộ Tài chính, Xây dựng", "các địa phương (Ninh Bình, Hải Phòng)"
    rf"(?:^|(?<=\s))(?P<head>[^,;:]*?)\s*\b[Cc]ác\s+(?P<kind>{KIND})"
    # ("các phường ven biển: Sơn Trà, An Hải": a qualifier before the colon picks the places out; probe CH)
    rf"(?P<colon>(?:\s+[a-zđà-ỹ]+){{0,3}}\s*:\s*|\s*\(\s*(?=[A-ZĐÀ-Ỹ][^()]*\)\s*$)|\s+(?=[A-ZĐÀ-Ỹ]))(?P<items>.+)$"
)
ITEM_BREAK = re.compile(r"\s*[,;]\s*|\s+và\s+")
COMMUNE_KINDS = frozenset({"xã", "phường", "đặc khu", "thị trấn", "thôn", "tổ dân phố", "tdp", "bản", "ấp", "khu phố"})
# a head that is a body's full name, not a kind a place completes: "Sở Nội vụ", "Công an tỉnh"
COMPLETE_HEAD = re.compile(r"^Sở\s+[A-ZĐ]|\s(?:tỉnh|thành phố)$")
# An item with a head of its own is a name of its own: "các Ban Quản lý dự án và Ủy ban nhân dân
# các xã" is not "Ban Ủy ban nhân dân các xã" (unless the directory knows the joined name).
OWN_HEAD = re.compile(
    r"^(?:Ủy ban|Uỷ ban|UBND|Hội đồng|HĐND|Sở|Bộ|Ban|Cục|Tổng cục|Viện|Trường|Tập đoàn|Tổng công ty|"
    r"Ngân hàng|Văn phòng|Đảng [uủ][ỷy]|Tỉnh [uủ][ỷy]|Thành [uủ][ỷy]|Công an|Chủ tịch|Giám đốc|Thủ trưởng)\b"
)
LIST_BREAK = re.compile(r"\s*[,;]\s*")
SEMICOLON_BREAK = re.compile(r"\s*;\s*")
AND = re.compile(r"\s+và\s+")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    unit: str  # "tỉnh" or "thành phố"


@cache
def _places() -> dict[str, Place]:
    """Every province and centrally-run city (before and after the 2025 merger), by folded name."""
    text = resources.files("extraction").joinpath("data/bodies/provinces.tsv").read_text(encoding="utf-8")
    header: list[str] | None = None
    places: dict[str, Place] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        place = Place(row["name"], row["unit"])
        places.setdefault(fold(row["name"]), place)
    return places


def place_names() -> list[str]:
    """The written names of every province and city, longest first (for patterns)."""
    return sorted({p.name for p in _places().values()}, key=len, reverse=True)


def place(name: str) -> Place | None:
    """The province or city called ``name`` ("Huế", "Hồ Chí Minh"), or None."""
    return _places().get(fold(name.strip(" .")))


def distribute(phrase: str, known: Callable[[str], bool] = lambda name: False) -> list[str] | None:
    """The names a shared head spells over a list, or None when the phrase has no such list.

    Other names in the phrase, before or after the list, are kept as written. ``known`` tells
    whether the directory knows a name, so that "Bộ Nông nghiệp và Phát triển nông thôn" stays
    one item while "tỉnh A và tỉnh B" are two.
    """
    m = DISTRIBUTED.search(phrase)
    if m is None:
        return _repeated_units(phrase)
    word = m.group("kind").split(",")[0].split("/")[0].strip()
    items, rest = _capitalised_items(
        m.group("items").rstrip(" )") if "(" in m.group("colon") else m.group("items"),
        # a commune's or ward's name may open with a head's word ("các phường: Trường Vinh, Thành
        # Vinh"; probe BQ): under those kinds every capitalised item is a place
        # ("Na Ngoi và Keng Đu" are two communes: "và" joins no name of one; probe CA)
        lambda item: (
            place(item) is not None or known(f"{word} {item}") or (word.lower() in COMMUNE_KINDS and " và " not in item)
        ),
        by_semicolons=bool(m.group("colon").strip()) and ";" in m.group("items"),
    )
    if not items or (len(items) < 2 and not m.group("colon").strip()):
        return None
    before, heads = _heads(m.group("head"))
    kind = m.group("kind")
    if is_central(m.group("head")) and word.lower() in PROVINCE_KINDS:
        # "Bộ Quốc phòng các tỉnh Ninh Bình, Hưng Yên": the writer dropped a comma before the provinces
        before, heads = [m.group("head").strip(" ,")], [""]
    before = [p for p in ITEM_BREAK.split(phrase[: m.start("head")].strip(" ,;")) if p.strip()] + before
    names = [name for head in heads for item in items if (name := _spell(head, kind, item))]
    if not names:
        return None
    return [*before, *names, *_rest_under_the_head(heads, rest, known)]


# "... và phường Ayun Pa", "... và các xã: Cam Lộ, Hiếu Giang": what follows a list of communes under
# the same head names more of them (probe CA)
OTHER_COMMUNE = re.compile(r"^(?:xã|phường|đặc khu|thị trấn)\s+[A-ZĐÀ-Ỹ]")
COMMUNES_AGAIN = re.compile(r"^các\s+(?:xã|phường|đặc khu|thị trấn)\s*:")


def _rest_under_the_head(heads: list[str], rest: list[str], known: Callable[[str], bool]) -> list[str]:
    """The names after a list that its head also governs: another commune with its own unit, or a
    second list of communes; the rest as written."""
    if len(heads) != 1 or not heads[0] or not rest:
        return rest
    if COMMUNES_AGAIN.match(rest[0]):
        again = distribute(f"{heads[0]} {', '.join(rest)}", known)
        return again if again is not None else rest
    if OTHER_COMMUNE.match(rest[0]):
        return [f"{heads[0]} {rest[0]}", *_rest_under_the_head(heads, rest[1:], known)]
    return rest


# "UBND xã Quảng Ngọc, xã Quảng Bình", "Công an phường A và phường B": a head over places that
# each repeat their unit
_UNIT = "(?:" + "|".join(PLACE_UNITS) + ")"
_PLACE_NAME = r"[A-ZĐÀ-Ỹ][^\s,;]*(?:\s+[A-ZĐÀ-Ỹ0-9][^\s,;]*)*"
REPEATED_UNITS = re.compile(
    rf"(?P<head>\S.*?)\s+(?P<places>{_UNIT}\s+{_PLACE_NAME}(?:\s*(?:,|và)\s*{_UNIT}\s+{_PLACE_NAME})+)\s*"
)
PLACE_BREAK = re.compile(rf"\s*(?:,|\bvà)\s*(?={_UNIT}\s)")


def _repeated_units(phrase: str) -> list[str] | None:
    m = REPEATED_UNITS.fullmatch(phrase.strip(" ,;."))
    if m is None or not OWN_HEAD.match(m["head"]) or re.search(rf"\b{_UNIT}$", m["head"]):
        return None
    before, heads = _heads(m["head"])  # "Sở Tài chính và Ủy ban nhân dân xã A, xã B"
    return before + [f"{head} {place_name}" for head in heads for place_name in PLACE_BREAK.split(m["places"])]


def _capitalised_items(
    text: str, whole: Callable[[str], bool], *, by_semicolons: bool = False
) -> tuple[list[str], list[str]]:
    """The list items (capitalised) and what follows them ("và các cơ quan liên quan").

    A list after a colon whose items are set apart by semicolons keeps the commas inside its
    items and every item ("các Đảng uỷ: Chính phủ; Mặt trận Tổ quốc, các đoàn thể Trung ương;
    Bộ Tư pháp") — the head is the writer's explicit choice for each."""
    breaks = SEMICOLON_BREAK if by_semicolons else LIST_BREAK
    pieces = [piece.strip(" .") for part in breaks.split(text.strip(" .:")) for piece in _and_split(part, whole)]
    items: list[str] = []
    for i, piece in enumerate(pieces):
        if not piece:
            continue
        own_head = not by_semicolons and OWN_HEAD.match(piece) and not whole(piece)
        # "Giám đốc các sở GDĐT, Hiệu trưởng các trường đại học": a group of its own ends the list (probe BZ)
        group = not by_semicolons and re.search(r"(?<!\w)các\s", piece)
        if not piece[0].isupper() or own_head or group:
            return items, [p for p in pieces[i:] if p]
        items.append(piece)
    return items, []


def _and_split(part: str, whole: Callable[[str], bool]) -> list[str]:
    """Split at "và" unless the joined words name one body: "Nông nghiệp và PTNT và các đơn vị
    liên quan" → ["Nông nghiệp và PTNT", "các đơn vị liên quan"]."""
    pieces = AND.split(part)
    merged = [pieces[0]]
    for piece in pieces[1:]:
        joined = f"{merged[-1]} và {piece}"
        if piece[:1].isupper() and whole(joined.strip(" .")):
            merged[-1] = joined
        else:
            merged.append(piece)
    return merged


def _heads(head: str) -> tuple[list[str], list[str]]:
    """(names before the list, the heads it distributes over).

    "Thành phố Hà Nội và" → (["Thành phố Hà Nội"], [""]);
    "Bí thư Tỉnh ủy và Chủ tịch Ủy ban nhân dân" → ([], ["Bí thư Tỉnh ủy", "Chủ tịch Ủy ban nhân dân"]).
    """
    head = head.strip(" ,")
    if not head:
        return [], [""]
    if AND.search(head) and re.search(r"\s+và$", head) is None:
        heads = [h.strip() for h in AND.split(head)]
        # a head that names its body in full stays one name: "Sở Nội vụ và Ủy ban nhân dân các xã:
        # A, B" is Sở Nội vụ and two committees (probe BQ)
        complete = [h for h in heads[:-1] if COMPLETE_HEAD.search(h)]
        return complete, [h for h in heads if h not in complete]
    trailing = re.search(r"(?:,|\s+và)$", head)
    if trailing:
        before = [p.strip() for p in ITEM_BREAK.split(head[: trailing.start()]) if p.strip()]
        return before, [""]
    return [], [head]


def _spell(head: str, kind: str, item: str) -> str | None:
    """One distributed name: the head, the kind (a place's own unit), the item."""
    kinds = [k.strip() for k in re.split(r"[,/]", kind)]
    if kinds[0].lower() in PROVINCE_KINDS:
        found = place(item)
        unit = found.unit if found else kinds[0].lower()
        if found is None and len(kinds) > 1:
            return None  # "các tỉnh, thành phố: X" with X no place we know: leave it to the grammar
        name = found.name if found else item
        if re.search(r"(?:Tỉnh|Thành) [uủ][ỷy]$", head):
            committee = "Thành ủy" if unit == "thành phố" else "Tỉnh ủy"
            return f"{head[: -len('Tỉnh ủy')]}{committee} {name}".strip()
        return f"{head} {unit} {name}".strip()
    if kinds[0] == "địa phương":  # a place named as an actor is its People's Committee
        found = place(item)
        return f"{head} Ủy ban nhân dân {found.unit} {found.name}".strip() if found else None
    if kinds[0] in LOCAL_UNITS:
        return f"{head} {kinds[0]} {item}".strip()
    word = kind[0].upper() + kind[1:]
    return f"{head} {word} {item}".strip()


# A place alone as the actor of a sentence: "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh ...".
PLACE_ALONE = re.compile(r"^(?:(?P<unit>[Tt]ỉnh|[Tt]hành phố|TP\.?|[Tt]hủ đô)\s+)?(?P<name>[A-ZĐÀ-Ỹ][\w\s\-]*)$")


# a commune, ward or special zone named alone ("Xã Tiên Lữ" in a table of communes; probe BP)
COMMUNE_ALONE = re.compile(
    r"^(?P<unit>Xã|Phường|Đặc khu)\s+(?P<name>[A-ZĐÀ-Ỹ0-9][\w\-]*(?:\s+[A-ZĐÀ-Ỹ0-9][\w\-]*){0,3})$"
)


def as_committee(name: str) -> str:
    """A province, city or commune named as an actor means its People's Committee."""
    commune = COMMUNE_ALONE.match(name.strip())
    if commune is not None:
        return f"Ủy ban nhân dân {commune['unit'].lower()} {commune['name']}"
    m = PLACE_ALONE.match(name.strip())
    if m is None:
        return name
    found = place(m.group("name"))
    if found is None:
        return name
    return f"Ủy ban nhân dân {found.unit} {found.name}"


# The bodies every province has, written without the province's name.
# a post held in the body may open the name: "Đồng chí Bí thư Tỉnh ủy", "Chủ tịch Ủy ban nhân dân tỉnh"
POST = r"(?:(?:đồng chí\s+)?(?:Phó\s+)?(?:Bí thư|Chủ tịch)\s+)?"
BARE_LOCAL = re.compile(
    rf"^{POST}(?:(?:Ban Thường vụ|Thường trực|Ban Chấp hành|Văn phòng)\s+)?(?:Tỉnh|Thành) [uủ][ỷy]$|"
    rf"^{POST}(?:Thường trực\s+)?(?:Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)\s+(?:tỉnh|thành phố)$",
    re.IGNORECASE,
)
# the province itself named as the actor: "Tỉnh hoàn thiện hồ sơ ..." (its People's Committee)
BARE_PROVINCE = re.compile(r"^(?:Tỉnh|Thành phố)$")
CENTRAL_HEADER = re.compile(
    r"^(?:VĂN PHÒNG CHÍNH PHỦ|CHÍNH PHỦ|THỦ TƯỚNG CHÍNH PHỦ|BAN CHẤP HÀNH TRUNG ƯƠNG|BỘ CHÍNH TRỊ|"
    r"BAN BÍ THƯ|VĂN PHÒNG TRUNG ƯƠNG ĐẢNG|BỘ [A-ZĐÀ-Ỹ ,]+)\b"
)
PLACE_WORD = re.compile(
    r"\b(?:tỉnh|thành phố|Tỉnh|Thành Phố|Thành phố)(?:\s+[UỦuủ][ỷyỶY])?\s+(?P<name>[A-ZĐÀ-Ỹ][\w]*(?:\s+[A-ZĐÀ-Ỹ][\w]*){0,3})"
)
TITLE_LINES = 12


def document_place(text: str) -> Place | None:
    """The one province a central document is about (a Government notice on province P), or None.

    Read from the header: the issuer is central and the title names exactly one place.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:TITLE_LINES]
    if not lines or not CENTRAL_HEADER.match(lines[0]):
        return None
    title = [line for i, line in enumerate(lines[1:], 1) if _is_upper(line) or _follows_the_type(lines, i)]
    found = {p for line in title for p in _places_in(line.title())}
    return found.pop() if len(found) == 1 else None


def _follows_the_type(lines: list[str], i: int) -> bool:
    """A title in sentence case right under the document's type ("THÔNG BÁO" / "Kết luận của Phó
    Thủ tướng ... tại buổi làm việc với lãnh đạo tỉnh Quảng Trị"), as texts copied from the web
    write it."""
    return DOCUMENT_TYPE_LINE.fullmatch(lines[i - 1]) is not None and len(lines[i]) <= 300


DOCUMENT_TYPE_LINE = re.compile(r"THÔNG BÁO|KẾT LUẬN|CHỈ THỊ|NGHỊ QUYẾT|QUYẾT ĐỊNH|KẾ HOẠCH|CÔNG ĐIỆN|CÔNG VĂN")


def _is_upper(line: str) -> bool:
    """A header or title line ("THÔNG BÁO", "KẾT LUẬN CỦA ... TỈNH THANH HÓA")."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _places_in(line: str) -> list[Place]:
    out = []
    for m in PLACE_WORD.finditer(line):
        words = m.group("name").split()
        for size in range(len(words), 0, -1):
            found = place(" ".join(words[:size]))
            if found:
                out.append(found)
                break
    return out


def localise(name: str, where: Place | None) -> str:
    """A province's body named bare in a document about that province takes its name."""
    if where is not None and BARE_PROVINCE.match(name.strip()):
        return f"Ủy ban nhân dân {where.unit} {where.name}"
    if where is None or not BARE_LOCAL.match(name.strip()):
        return name
    if re.search(r"(?:tỉnh|thành phố)$", name, re.IGNORECASE):
        head = re.sub(r"\s+(?:tỉnh|thành phố)$", "", name, flags=re.IGNORECASE)
        return f"{head} {where.unit} {where.name}"
    committee = "Thành ủy" if where.unit == "thành phố" else "Tỉnh ủy"
    head = re.sub(r"(?:Tỉnh|Thành) [uủ][ỷy]$", committee, name, flags=re.IGNORECASE)
    return f"{head} {where.name}"
