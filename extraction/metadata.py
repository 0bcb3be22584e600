"""Document metadata from the header and the signature block.

A Vietnamese directive opens with a fixed header (Nghị định 30/2020/NĐ-CP, Quy định 66-QĐ/TW)::

    BAN CHẤP HÀNH TRUNG ƯƠNG            issuing body
    ĐẢNG CỘNG SẢN VIỆT NAM
    Số 212-KL/TW                        number / symbol
    Hà Nội, ngày 18 tháng 11 năm 2025   place and date of issue
    KẾT LUẬN CỦA BỘ CHÍNH TRỊ, ...      type, author and title

and closes with a signature block ("T/M BỘ CHÍNH TRỊ Trần Cẩm Tú"). Texts cut from web pages
may lack the header; then the first sentence often names the document ("... vừa ký Công điện
số 114/CĐ-TTg ngày 19/7/2025").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from importlib import resources

from extraction.bodies import BodyDirectory, fold
from extraction.lexicon import cue_pattern
from extraction.secrecy import describe, find_mark, read_stamp_line
from extraction.secrecy import fold as fold_mark
from extraction.types import DocumentInfo

HEADER_LINES = 16
TRAILER_LINES = 40
NATIONAL_MOTTO = re.compile(
    r"CỘNG\s+HÒA\s+XÃ\s+HỘI|CỘNG\s+HOÀ\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|Độc lập|-{3,}|\|",
    re.IGNORECASE,
)
MOTTO_WORDS = re.compile(r"CỘNG\s+H[OÒ]\s*[AÀ]\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN", re.IGNORECASE)
# "Số: 07/CT-TTg", and with the year of a legal document: "Số: 45/2025/NQ-HĐND"
NUMBER = re.compile(r"\bSố\s*:?\s*(\d{1,5})\s*([-/])\s*((?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)*)")
NAMED_NUMBER = re.compile(r"\bsố\s+(\d{1,5}\s*[-/]\s*(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)+)")
ISSUE_DATE = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})",
    re.IGNORECASE,
)
PLACE_DATE = re.compile(r"^[^,|]{2,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
SIGN_FOR = re.compile(r"\b(?:T/M|TM\.|KT\.|K/T|Q\.|TL\.|TUQ\.)\s*")
CENTRAL_ORGANS = ("BỘ CHÍNH TRỊ", "BAN BÍ THƯ", "BAN CHẤP HÀNH TRUNG ƯƠNG")


@cache
def document_types() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(name, symbol codes) of every document type in ``data/document_types.tsv``."""
    rows = []
    for line in _data_lines("document_types.tsv"):
        name, _, codes = line.partition("\t")
        rows.append((name, tuple(c for c in codes.split("|") if c)))
    return tuple(rows)


@cache
def surnames() -> frozenset[str]:
    return frozenset(_data_lines("surnames.tsv"))


def _data_lines(name: str) -> list[str]:
    text = resources.files("extraction").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_metadata(text: str, *, issued: date | None = None, margins: Sequence[str] = ()) -> DocumentInfo:
    """All metadata of a document; ``issued`` overrides the date found in the text.

    ``margins`` (page headers and footers, text boxes) are read for the secrecy mark only; the
    mark is looked for in the whole header zone and below it (``extraction.secrecy``).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    header = lines[:HEADER_LINES]
    number = find_number(header)
    mark = find_mark(text, margins)
    return DocumentInfo(
        type=find_type(header, number),
        number=number,
        issued=issued or find_issue_date(header),
        issuer=find_issuer(header, lines[-TRAILER_LINES:]),
        signer=find_signer(lines[-TRAILER_LINES:]) or find_signer(_before_annexes(lines)) or _news_signer(header),
        secrecy=mark.level if mark else None,
        title=find_title(header),
        secrecy_note=describe(mark) if mark else None,
    )


def find_number(header: list[str]) -> str | None:
    """ "Số: 07/CT-TTg" → "07/CT-TTg"; "Số 2449 -CV/ĐU" → "2449-CV/ĐU"; "Số: /UBND-KT" → None."""
    for line in header:
        m = NUMBER.search(line)
        if m:
            return "".join(m.groups())
    for line in [_annex_text(header) or "", *header[:6]]:
        m = NAMED_NUMBER.search(line)
        if m:
            return re.sub(r"\s+", "", m.group(1))
    return None


def find_type(header: list[str], number: str | None) -> str | None:
    """The type from the title line ("KẾT LUẬN", "KẾ HOẠCH QUỐC GIA"), else from the symbol."""
    names = [name for name, _ in document_types()]
    for line in header:
        if NUMBER.search(line) or NATIONAL_MOTTO.search(line):
            continue
        for name in sorted(names, key=len, reverse=True):
            if line.upper().startswith(name.upper()) and (line[: len(name)].isupper() or line is header[0]):
                return name
    if any(line.startswith("V/v") for line in header):
        return "Công văn"
    return _type_from_symbol(number) or _type_named_in_text(header)


def _type_from_symbol(number: str | None) -> str | None:
    if not number:
        return None
    codes = re.split(r"[-/]", number)[1:]
    for name, symbol_codes in document_types():
        if any(code in symbol_codes for code in codes):
            return name
    return None


def _type_named_in_text(header: list[str]) -> str | None:
    for line in header[:3]:
        for name, _ in document_types():
            if re.search(rf"\b{name}\b", line):
                return name
    return None


def find_issue_date(header: list[str]) -> date | None:
    """ "Hà Nội, ngày 10 tháng 12 năm 2025" → 2025-12-10; without a place-and-date line, the
    date that follows the document's own number ("Công điện số 114/CĐ-TTg ngày 19/7/2025").
    Other dates in the opening lines (meetings, cited documents) are not the issue date."""
    cells = [cell.strip() for line in header for cell in HEADER_CELL_GAP.split(line)]
    for cell in cells:
        m = PLACE_DATE.search(cell)
        if m and _date_of(m):
            return _date_of(m)
    for line in [_annex_text(header) or "", *header[:6]]:
        numbered = NAMED_NUMBER.search(line)
        m = ISSUE_DATE.search(line, numbered.end()) if numbered else None
        if m and m.start() - numbered.end() < 12 and _date_of(m):
            return _date_of(m)
    return None


# what parts the cells of a header line: a bar, a tab, or the run of spaces "pdftotext -layout"
# puts between the two columns ("Số: 1125/KH-BGDĐT            Hà Nội, ngày 14 tháng 8 năm 2026")
COLUMN_GAP = r"\t+|[^\S\n]{3,}"  # tabs, or the run of spaces a layout leaves between two columns
HEADER_CELL_GAP = re.compile(rf"\s+\|\s+|{COLUMN_GAP}")


# Years an issue date can have: the state's documents begin in 1945; a later year than this is
# a typing slip or a hostile file ("năm 9999" would overflow every deadline computed from it).
ISSUE_YEARS = range(1945, 2200)


def _date_of(m: re.Match[str]) -> date | None:
    day, month, year = (int(g) for g in m.groups() if g is not None)
    if year not in ISSUE_YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


CENTRAL_AUTHOR = re.compile(r"^(?:\S+\s+){0,3}?CỦA\s+((?:BỘ CHÍNH TRỊ|BAN BÍ THƯ)(?:,\s*(?:BỘ CHÍNH TRỊ|BAN BÍ THƯ))?)")
ANNEXED_TO = re.compile(r"^\((?:Ban hành\s+)?[Kk]èm theo\b(?P<rest>.*)")
SIGNED_BY = re.compile(r"^(?P<organ>[^,.]{3,60}?)\s+(?P<name>[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*){1,3})\s+(?:vừa\s+)?ký\b")


def find_issuer(header: list[str], trailer: list[str] = ()) -> str | None:
    """The issuing body: the Politburo or Secretariat named as author in the title, the organ
    printed at the top of the header, the organ of an annexed decision, or the signing body."""
    for line in header:
        m = CENTRAL_AUTHOR.match(line)
        if m:
            return _organ_case(m.group(1))
    organ = _header_organ(header)
    if organ in (None, *CENTRAL_ORGANS):
        organ = _signing_organ(trailer) or _annex_organ(header) or _news_organ(header) or organ
    if organ is None:
        # a text cut from its header: "..., Bộ Chính trị kết luận như sau:" names its author
        speaker = next((m for line in header[:4] if (m := SPEAKER.search(line))), None)
        return speaker.group("who") if speaker else None
    board = _signing_board(trailer)
    elected = EXECUTIVE_COMMITTEE.match(organ)
    if board and elected:
        # "BAN CHẤP HÀNH HỘI LHPN TỈNH CÀ MAU" signed "TM. BAN THƯỜNG VỤ": its Standing Board (probe BL)
        return f"{BOARD_NAMES[board]} {_organ_case(organ[elected.end() :])}"
    if board and PARTY_COMMITTEE.search(organ) and not organ.startswith(board):
        # "T/M BAN THƯỜNG VỤ" under "TỈNH ỦY LÀO CAI": its Standing Board issues
        return f"{BOARD_NAMES[board]} {_organ_case(organ)}"
    return _organ_case(organ)


# the elected committee of a mass organisation heading its documents ("BCH ĐOÀN TNCS HỒ CHÍ MINH TỈNH ...")
EXECUTIVE_COMMITTEE = re.compile(r"(?:BAN CHẤP HÀNH|BCH)\s+(?!ĐẢNG BỘ)(?=\S)")
BOARD_NAMES = {"BAN THƯỜNG VỤ": "Ban Thường vụ", "THƯỜNG TRỰC": "Thường trực", "BAN CHẤP HÀNH": "Ban Chấp hành"}


# A Party committee's standing board or standing members sign for it ("T/M BAN THƯỜNG VỤ").
PARTY_COMMITTEE = re.compile(r"(?:ĐẢNG|TỈNH|THÀNH|HUYỆN|QUẬN) [UỦ][ỶY]\b")


def _signing_board(trailer: list[str]) -> str | None:
    return _signed_for(trailer, SIGNING_BOARD)


SIGNING_BOARD = re.compile(r"^(?:T/M|TM\.?)\s*(BAN THƯỜNG VỤ|THƯỜNG TRỰC)\b")
SIGNING_CENTRAL_ORGAN = re.compile(r"^T/M\s+((?:BỘ CHÍNH TRỊ|BAN BÍ THƯ|BAN CHẤP HÀNH TRUNG ƯƠNG))")


def _signed_for(trailer: list[str], pattern: re.Pattern[str]) -> str | None:
    """The organ a signature line signs for ("T/M BAN BÍ THƯ" → "BAN BÍ THƯ"), if ``pattern`` reads one."""
    return next((m.group(1) for line in trailer if (m := pattern.match(line))), None)


# The central organ that speaks in a text cut from its header.
SPEAKER = re.compile(
    r"(?P<who>Bộ Chính trị, Ban Bí thư|Bộ Chính trị|Ban Bí thư|Thủ tướng Chính phủ)\s+"
    r"(?:đã\s+|vừa\s+)?(?:kết luận|có ý kiến|yêu cầu|chỉ thị|có Công điện|thống nhất kết luận)"
)
# A sub-organ printed under its parent: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI / VĂN PHÒNG" is the Văn phòng
# Ủy ban nhân dân tỉnh Lào Cai; "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI / THÀNH ỦY" is the Thành ủy Hà Nội.
SUB_ORGAN = re.compile(r"^(?:VĂN PHÒNG|BAN THƯỜNG VỤ|THƯỜNG TRỰC|BAN THƯỜNG TRỰC)$")
# "VĂN PHÒNG BỘ", "THANH TRA BỘ" under the ministry's line: that ministry's office
OWN_SUB_ORGAN = re.compile(r"^(?P<organ>VĂN PHÒNG|THANH TRA) (?P<head>BỘ|ỦY BAN NHÂN DÂN|UBND|TỈNH ỦY|TỈNH UỶ)$")
PARTY_UNIT = re.compile(r"^ĐẢNG BỘ (?:TỈNH|THÀNH PHỐ)\s+(?P<place>.+)$")
OWN_PLACE = re.compile(r"\s(?:TỈNH|THÀNH PHỐ)\s+\S")
COMMUNE_ORGAN = re.compile(
    r"^(?:ĐẢNG [UỦ][ỶY]|(?:ỦY|UỶ) BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN) (?:XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN) \S"
)
PARTY_OF_AN_ORGAN = re.compile(r"^ĐẢNG [UỦ][ỶY] \S")
LOCAL_COMMITTEE = re.compile(r"^(?:THÀNH|HUYỆN|QUẬN|THỊ) [UỦ][ỶY] \S")
PROVINCE_COMMITTEE = re.compile(r"^(?:TỈNH|THÀNH) [UỦ][ỶY] \S")
COUNCIL = re.compile(r"^(?:HỘI ĐỒNG NHÂN DÂN|HĐND) \S")
MINISTRY = re.compile(r"^BỘ \S")
MINISTRY_UNIT = re.compile(r"^(?:TỔNG CỤC|CỤC|VỤ|VIỆN|TRUNG TÂM|BAN) \S")
DEPARTMENT = re.compile(r"^SỞ \S")
# units that issue under their own name below a ministry or a department
OWN_NAMED_UNIT = re.compile(r"^(?:BỆNH VIỆN|TRUNG TÂM|TRƯỜNG|ĐẠI HỌC|HỌC VIỆN|VIỆN|CHI CỤC|CỤC|BAN QUẢN LÝ) \S")


def _place_of_department(parent: str) -> str | None:
    """The place a department's line names after its own name: "SỞ Y TẾ THANH HÓA" → "THANH HÓA"
    (the directory knows "Sở Y tế")."""
    words = parent.split()
    directory = BodyDirectory.load()
    for cut in range(len(words) - 1, 1, -1):
        if directory.lookup(" ".join(words[:cut])):
            place = " ".join(words[cut:])
            return place.removeprefix("TỈNH ").removeprefix("THÀNH PHỐ ") or None
    return None


# the first word(s) of an organ printed under its parent
CHILD_HEAD = re.compile(r"^(?:BAN|SỞ|VĂN PHÒNG|CỤC|VỤ|TRUNG TÂM|HỘI ĐỒNG|ĐẢNG [UỦ][ỶY]) ")
LOCAL_PARENT = re.compile(r"^(?:ỦY|UỶ) BAN NHÂN DÂN (?P<unit>TỈNH|THÀNH PHỐ)\s+(?P<place>.+)$")


def _compose(parent: str, child: str) -> str:
    """The issuing organ printed as a parent line and a child line."""
    parent = re.sub(r"^UBND\b", "ỦY BAN NHÂN DÂN", parent)
    parent = re.sub(r"\bMTTQ\b", "MẶT TRẬN TỔ QUỐC", parent)
    parent = re.sub(r"^HĐND\b", "HỘI ĐỒNG NHÂN DÂN", parent)
    if SUB_ORGAN.match(child):
        return f"{child} {parent}"
    own = OWN_SUB_ORGAN.match(child)
    if own and parent.startswith(own["head"] + " "):
        return f"{own['organ']} {parent}"  # "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG / VĂN PHÒNG BỘ"
    party = PARTY_UNIT.match(parent)
    if parent.startswith("ĐẢNG BỘ ") and not party and PARTY_OF_AN_ORGAN.match(child):
        return child  # "ĐẢNG BỘ CHÍNH PHỦ / ĐẢNG ỦY BỘ TÀI CHÍNH": the ministry's own committee (probe BU)
    if party and LOCAL_COMMITTEE.match(child):
        return child  # "ĐẢNG BỘ TỈNH KHÁNH HÒA / THÀNH ỦY NHA TRANG": the city's own committee
    if party and (
        re.fullmatch(r"(?:TỈNH|THÀNH) [UỦ][ỶY]", child)
        or child.endswith((" TỈNH", " THÀNH PHỐ"))
        or re.search(r" (?:TỈNH|THÀNH) [UỦ][ỶY]$", child)
    ):
        # "ĐẢNG BỘ TỈNH LÀO CAI / ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH" → "... tỉnh Lào Cai";
        # "ĐẢNG BỘ TỈNH THÁI NGUYÊN / BAN TỔ CHỨC TỈNH ỦY" → "Ban Tổ chức Tỉnh ủy Thái Nguyên"
        return f"{child} {party['place']}"
    if party and child.startswith(("BAN ", "ỦY BAN ", "UỶ BAN ")):
        # "ĐẢNG BỘ TỈNH NINH BÌNH / BAN CHẤP HÀNH" → "Ban Chấp hành Đảng bộ tỉnh Ninh Bình";
        # "ĐẢNG BỘ TỈNH NGHỆ AN / BAN CHỈ ĐẠO ..." → "Ban Chỉ đạo ... tỉnh Nghệ An" (probes BC, BD)
        owner = parent if child == "BAN CHẤP HÀNH" else parent.removeprefix("ĐẢNG BỘ ")
        return f"{child} {owner}"
    if COMMUNE_ORGAN.match(child):
        return child  # "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI / ỦY BAN NHÂN DÂN XÃ TÂN PHÚ": the commune's own
    if not party and OWN_PLACE.search(child) and not OWN_PLACE.search(parent):
        return child  # "HỘI LHPN VIỆT NAM / BAN CHẤP HÀNH HỘI LHPN TỈNH CÀ MAU": the child names its place (probe BL)
    if MINISTRY.match(parent) and MINISTRY_UNIT.match(child):
        return child  # "BỘ Y TẾ / CỤC QUẢN LÝ DƯỢC": a ministry's department issues under its own name
    if (MINISTRY.match(parent) or DEPARTMENT.match(parent)) and OWN_NAMED_UNIT.match(child):
        # "SỞ Y TẾ THANH HÓA / BỆNH VIỆN ĐA KHOA TỈNH" → "Bệnh viện Đa khoa tỉnh Thanh Hóa": a hospital,
        # school or centre issues under its own name, with its province when it ends on "tỉnh" (probe BH)
        place = _place_of_department(parent)
        return f"{child} {place}" if place and child.endswith((" TỈNH", " THÀNH PHỐ")) else child
    committee = PROVINCE_COMMITTEE.match(parent) or COUNCIL.match(parent)
    if committee and child.startswith(("BAN ", "ỦY BAN ", "UỶ BAN ", "VĂN PHÒNG")):
        # "TỈNH ỦY LÂM ĐỒNG / BAN TỔ CHỨC" → "Ban Tổ chức Tỉnh ủy Lâm Đồng"; "HĐND TỈNH LÂM ĐỒNG /
        # BAN VĂN HÓA - XÃ HỘI" → "Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh Lâm Đồng"
        return f"{child} {parent}"
    local = LOCAL_PARENT.match(parent)
    if local and child.startswith(("SỞ ", "BAN ")) and child.endswith(" " + local["unit"]):
        return f"{child} {local['place']}"  # "UBND TỈNH NINH BÌNH / BAN CHỈ ĐẠO ... ĐỀ ÁN 06 TỈNH" (probe BV)
    if local and child.startswith(("SỞ ", "BAN ")):
        return f"{child} {local['unit']} {local['place']}"
    if local and re.fullmatch(r"THANH TRA (?:TỈNH|THÀNH PHỐ)", child):
        return f"{child} {local['place']}"  # "UBND TỈNH QUẢNG NGÃI / THANH TRA TỈNH" (probe BO)
    if child.startswith(parent + " "):
        return child  # "KIỂM TOÁN NHÀ NƯỚC / KIỂM TOÁN NHÀ NƯỚC KHU VỰC II": the child names itself in full
    return f"{parent} {child}"


def _signing_organ(trailer: list[str]) -> str | None:
    """ "T/M BAN BÍ THƯ Trần Cẩm Tú" → "BAN BÍ THƯ"."""
    return _signed_for(trailer, SIGNING_CENTRAL_ORGAN)


def _annex_text(header: list[str]) -> str | None:
    for i, line in enumerate(header):
        m = ANNEXED_TO.match(line)
        if m:
            return " ".join([m.group("rest")] + header[i + 1 : i + 3]).split(")")[0]
    return None


def _annex_organ(header: list[str]) -> str | None:
    """ "(Kèm theo Quyết định số 419/QĐ-TTg ngày ... của Thủ tướng Chính phủ)" → its author."""
    annex = _annex_text(header)
    m = re.search(r"\bcủa\s+(.+)$", annex or "")
    return m.group(1).strip().upper() if m else None


def _news_organ(header: list[str]) -> str | None:
    m = SIGNED_BY.match(header[0]) if header else None
    return m.group("organ").upper() if m else None


def _header_organ(header: list[str]) -> str | None:
    if not any(MOTTO_WORDS.search(line) or NUMBER.search(line) for line in header[:6]):
        return None  # a text cut from its header: the first line is a title, not an organ
    parts: list[str] = []
    for line in header[:4]:
        line = line.replace(" / ", " ")
        if ANNEXED_TO.match(line) or ISSUE_DATE.search(line):
            break
        cut = NATIONAL_MOTTO.search(line)
        piece = (line[: cut.start()] if cut else line).strip(" -/")
        if NUMBER.search(piece) or not piece or not piece.isupper() or read_stamp_line(piece, fold_mark(piece)):
            # (a secrecy stamp under the organ, "BỘ CÔNG AN / MẬT", is no word of its name; probe BK)
            if parts:
                break
            continue
        parts.append(piece)
    if not parts:
        return None
    if len(parts) == 3 and CHILD_HEAD.match(parts[1]):
        # "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI / BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH / MỤC TIÊU QUỐC GIA": a
        # child on two lines (probe AZ)
        parts = [parts[0], f"{parts[1]} {parts[2]}"]
    elif len(parts) == 3 and re.match(r"(?:TỈNH|THÀNH PHỐ)\s", parts[2]):
        # "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO / VIỆN KIỂM SÁT NHÂN DÂN / TỈNH NGHỆ AN": the child and its place
        parts = [parts[0], f"{parts[1]} {parts[2]}"]
    elif len(parts) == 3:  # "ỦY BAN NHÂN DÂN / TỈNH NGHỆ AN / SỞ TÀI CHÍNH": a parent on two lines
        parts = [f"{parts[0]} {parts[1]}", parts[2]]
    organ = _compose(parts[0], parts[1]) if len(parts) == 2 else " ".join(parts)
    organ = re.sub(r"^UBND\b", "ỦY BAN NHÂN DÂN", organ)
    for central in CENTRAL_ORGANS:
        if organ.startswith(central) and organ != central:
            return _party_organ(organ[len(central) :].strip())
    return organ


def _party_organ(organ: str) -> str:
    """ "VĂN PHÒNG" under "BAN CHẤP HÀNH TRUNG ƯƠNG" is the Văn phòng Trung ương Đảng."""
    if organ == "VĂN PHÒNG":
        return "VĂN PHÒNG TRUNG ƯƠNG ĐẢNG"
    return f"{organ} TRUNG ƯƠNG"


# Words that keep their capitals inside a name written in sentence case.
PROPER_FORMS = {
    "chính phủ": "Chính phủ",
    "trung ương": "Trung ương",
    "đảng": "Đảng",
    "quốc hội": "Quốc hội",
    "bộ chính trị": "Bộ Chính trị",
    "ban bí thư": "Ban Bí thư",
    "việt nam": "Việt Nam",
    "ủy ban mặt trận tổ quốc": "Ủy ban Mặt trận Tổ quốc",
    "mặt trận tổ quốc": "Mặt trận Tổ quốc",
    "ban thường trực": "Ban Thường trực",
    "ban thường vụ": "Ban Thường vụ",
    "hội đồng nhân dân": "Hội đồng nhân dân",
    "ủy ban nhân dân": "Ủy ban nhân dân",
}
PROPER = re.compile(r"\b(" + "|".join(PROPER_FORMS) + r")\b")


def _organ_case(organ: str) -> str:
    """ "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" → "Ủy ban nhân dân tỉnh Lào Cai"."""
    directory = BodyDirectory.load()
    # its abbreviations written out first: "BCH ĐOÀN TNCS HỒ CHÍ MINH", "HỘI LHPN" (probe BL)
    organ = re.sub(r"(?<!\w)[A-ZĐ]{2,}(?!\w)", lambda m: (directory.written_out(m[0]) or m[0]).upper(), organ)
    text = " ".join(organ.lower().replace("uỷ", "ủy").split())
    text = PROPER.sub(lambda m: PROPER_FORMS[m.group(0)], text)
    # the place after the last unit word: "... hội đồng nhân dân tỉnh lâm đồng" (not "xã hội ...")
    text = re.sub(
        r"^(.*)\b(tỉnh ủy|tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|thành ủy|huyện ủy|quận ủy|thị ủy)"
        r"\s+(.+)$",
        lambda m: f"{m[1]}{m[2].capitalize() if m[2].endswith('ủy') else m[2]} {m[3].title()}",
        text,
    )
    # an organ's own name: "ban văn hóa - xã hội" → "Ban Văn hóa - Xã hội"
    text = re.sub(
        r"^(ban|phòng|sở|cục|vụ|chi cục|trung tâm|bệnh viện|trường|viện|học viện) (?!thường )(\w)",
        lambda m: f"{m[1]} {m[2].upper()}",
        text,
    )
    text = re.sub(r"(?<=\w) - (\w)", lambda m: f" - {m[1].upper()}", text)
    text = re.sub(r"\b(khu vực|vùng) ([ivx]+)\b", lambda m: f"{m[1]} {m[2].upper()}", text)  # "khu vực II"
    text = text[0].upper() + text[1:]
    # the directory knows how a body spells its name ("BỘ Y TẾ" → "Bộ Y tế", not "Bộ y tế")
    board = re.match(r"(Ban Chấp hành|Ban Thường vụ) (.+)$", text, re.IGNORECASE)
    if board and not directory.lookup(text) and directory.lookup(board[2]):
        # "Ban Chấp hành Hội Liên hiệp Phụ nữ tỉnh Cà Mau": the board of a body the directory knows
        return f"{BOARD_NAMES[board[1].upper()]} {directory.canonical(board[2])}"
    if directory.lookup(text):
        canonical = directory.canonical(text)
        # its spelling, not another of its names: "Ban Chấp hành Đảng bộ tỉnh Ninh Bình" as printed,
        # though the directory calls it "Tỉnh ủy Ninh Bình"
        return canonical if fold(canonical).lower() == fold(text).lower() else text
    office = re.match(r"(Văn phòng|Thanh tra|Đảng ủy) (.+)$", text)
    if office and directory.lookup(office[2]):  # "Văn phòng Bộ Nông nghiệp và Môi trường", "Đảng ủy Bộ Tài chính"
        return f"{office[1]} {directory.canonical(office[2])}"
    return text


def find_signer(trailer: list[str]) -> str | None:
    """The signer's name: the last full name in the signature block ("Trần Cẩm Tú"), not in an
    annex after it ("PHỤ LỤC ... | UBND TP. Hà Nội |": probe BJ)."""
    for line in reversed(trailer[: _annex_start(trailer)]):
        if NUMBERED_ROW.match(line):
            continue  # "1 | ... | UBND TP. Hà Nội": a table's row, not a signature
        # a two-column block keeps its columns apart with a bar, a tab or a run of spaces
        for part in reversed(SIGNATURE_COLUMN_GAP.split(line)):
            name = _trailing_name(part)
            if name:
                return name
    return None


NUMBERED_ROW = re.compile(r"^\s*\d+(?:\.\d+)*\s*\|")
SIGNATURE_COLUMN_GAP = re.compile(rf"\s*[|/]\s*|{COLUMN_GAP}")
# (a regulation a decision issues starts after the decision's signature too: "QUY CHẾ ... (Ban hành kèm
# theo Quyết định số ...)"; probe CF)
ANNEX_HEADING = re.compile(
    r"^\s*(?:PHỤ LỤC|Phụ lục)\b|^\s*\((?:Ban hành )?[Kk]èm theo (?:Quyết định|Nghị quyết|Kế hoạch)"
)


def _before_annexes(lines: list[str]) -> list[str]:
    """The last lines before the first annex after the header: a long annex table pushes the
    signature block out of the document's last lines (gov-03, prov-01)."""
    regulation = next(
        (i for i, line in enumerate(lines) if i >= REGULATION_AFTER and REGULATION_TITLE.match(line)), len(lines)
    )
    return lines[: min(_annex_start(lines, after=HEADER_LINES), regulation)][-TRAILER_LINES:]


# the title of a regulation a decision issues, printed after the decision's signature (probe CF)
REGULATION_TITLE = re.compile(r"^\s*(?:QUY CHẾ|QUY ĐỊNH)\s*$")
REGULATION_AFTER = 8  # a document that is itself a regulation prints its title in its first lines


def _annex_start(lines: list[str], after: int = 0) -> int:
    """Where the first annex heading ("PHỤ LỤC", "Phụ lục") at or after line ``after`` stands, or
    the number of lines: the one test of where an annex begins, for the trailer and the text."""
    return next((i for i, line in enumerate(lines) if i >= after and ANNEX_HEADING.match(line)), len(lines))


def _news_signer(header: list[str]) -> str | None:
    m = SIGNED_BY.match(header[0]) if header else None
    return m.group("name") if m and m.group("name").split()[0] in surnames() else None


RECIPIENT_LINE = re.compile(r"^\s*(?:[-+•]\s*|Nơi nhận\b)")


def _trailing_name(line: str) -> str | None:
    words = line.strip(" .;,").split()
    for size in (4, 3, 5, 2):
        if len(words) < size:
            continue
        candidate = words[-size:]
        if candidate[0] in surnames() and all(_is_name_word(w) for w in candidate):
            before = words[:-size]
            if not before or SIGN_FOR.search(line) or all(w.isupper() for w in before):
                return " ".join(candidate)
            if before[-1][-1] in ".;" and RECIPIENT_LINE.match(line):
                # "- Lưu: VT, KGVX. Lâm Thị Hoài Thương": the columns of a two-column block merged
                # into one line, the name after the last recipient (probes BT, BV, BY)
                return " ".join(candidate)
            if cue_pattern("rank").fullmatch(" ".join(before)):
                return " ".join(candidate)  # "Trung tướng Nguyễn Văn Long"
    return None


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def find_secrecy(header: list[str]) -> str | None:
    """The secrecy level of the header's lines ("MẬT" → "Mật"), however the mark is written;
    see ``extraction.secrecy``."""
    mark = find_mark("\n".join(header))
    return mark.level if mark else None


def find_title(header: list[str]) -> str | None:
    """The summary: "về ..." after the type, or the "V/v ..." line of an official letter."""
    for i, line in enumerate(header):
        if line.startswith("V/v"):
            parts = [line[3:].strip()]
            for nxt in header[i + 1 : i + 4]:
                if nxt.startswith(("Kính gửi", "-")) or len(nxt.split()) > 12 or ISSUE_DATE.search(nxt):
                    break  # the place and date line may follow the summary in a one-column copy
                if MOTTO_WORDS.search(nxt):
                    break  # the national motto of the right column, copied after the summary
                parts.append(nxt)
            return " ".join(parts)
        m = re.match(r"^(?:VỀ|về)\s+\S", line)
        if m:
            return line[0].lower() + line[1:].lower() if line.isupper() else line
    return _title_after_type(header)


def _title_after_type(header: list[str]) -> str | None:
    """The summary on the line after the type ("NGHỊ QUYẾT" / "Quy định mức chi hỗ trợ ..."), when
    it does not open with "về"."""
    types = tuple(name.upper() for name, _ in document_types())
    for i, line in enumerate(header[:-1]):
        words = line.split()
        # "NGHỊ QUYẾT", "CHƯƠNG TRÌNH HÀNH ĐỘNG": the type alone on its line, in capitals
        if not line.isupper() or len(words) > 4 or not " ".join(words).startswith(types):
            continue
        summary = header[i + 1].strip()
        if summary and not summary.isupper() and not summary.endswith(":") and not NOT_A_SUMMARY.match(summary):
            return summary
    return None


# what follows a type line and is no summary: a basis, a number, a date, an addressee, an opening
NOT_A_SUMMARY = re.compile(
    r"(?:Căn cứ|Số\b|Kính gửi|Ngày\b|Tại\b|Thực hiện|Trên cơ sở|Để\b|\(|[\w ]+, ngày|Điều\s+\d|[IVX]+\.|\d+\.)"
)
