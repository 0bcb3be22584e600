"""The grammar of assignment: where a task's lead, co-operating bodies and directed bodies are
written, as character spans (names are read from them by :mod:`extraction.roles`).

Vietnamese directives are regular enough to read with a few rules:

* subject first: "Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp rà soát ..." — the noun phrase
  before the first predicate is the lead;
* assignment verb first: "Giao Văn phòng Trung ương Đảng hướng dẫn ...", "Đề nghị X ...",
  "Bộ Chính trị yêu cầu các cấp ủy ..." — the noun phrase after the verb is the lead;
* co-operation: "phối hợp (chặt chẽ) với Y, Z ..." — the noun phrase after it is support;
* direction: "Giao X chỉ đạo Y ..." — Y takes part in the work (support).

A noun phrase ends at the first lower-case predicate (``cues.tsv``: predicate). Names of bodies
are capitalised ("Ban Chỉ đạo", "Bộ Kế hoạch và Đầu tư"), so a lower-case predicate is a verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from extraction.addressees import KIND, place
from extraction.bodies import BodyDirectory
from extraction.lexicon import compound_readings, cue_pattern
from extraction.types import Span

WORD = re.compile(r"\S+")
PURPOSE_OPENING = cue_pattern("purpose")
CASE_OPENING = cue_pattern("condition")
# Adverbial openings that stand before the subject: "Trên cơ sở đó, Bộ Tư pháp tổng hợp ...", and
# every purpose and condition cue ("Để ...,", "Quá thời hạn ... mà ...,").
ADVERBIAL = re.compile(
    rf"^(?:{PURPOSE_OPENING.pattern}|{CASE_OPENING.pattern}|"
    r"trên cơ sở|trong|về|đối với|sau|quá trình|trước mắt|là|"
    # the end of a step the work follows: "Kết thúc giám sát, Đoàn giám sát hoàn thiện báo cáo ..." (probe BQ)
    r"kết thúc|khi kết thúc|"
    r"đồng thời|theo(?!\s+dõi)|căn cứ|ngay|tại|từ|trước|chậm nhất|(?:hằng|hàng) (?:năm|quý|tháng|tuần|ngày)|"
    r"định kỳ|kể từ|tính từ|bắt đầu từ|với|ngoài ra|do đó|vì vậy|qua đó|cùng với|dựa trên|thời gian tới|"
    # connectives that order a list: "Thứ hai, Sở X chủ trì ...", "Bên cạnh đó, ..."
    r"thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|bên cạnh đó|mặt khác|tiếp theo|đặc biệt|"
    r"trước hết|cuối cùng|riêng|"
    # what the letter answers or carries out: "Thực hiện chỉ đạo của Thủ tướng ..., Bộ X đề nghị ..."
    r"thực hiện|triển khai|tiếp theo|phúc đáp)"
    r"\b[^:;.]{0,200}?(?:,\s+|\bthì\s+)",
    re.IGNORECASE,
)
CYCLE_OPENING = re.compile(r"(?:(?:hằng|hàng|mỗi) (?:năm|quý|tháng|tuần|ngày)|định kỳ)\s+", re.IGNORECASE)
CONDITION_THEN = re.compile(r"^[^.;:]{0,160}?\bthì\s+", re.IGNORECASE)
# Words after which a subject noun phrase stops being a name: "... theo chức năng, nhiệm vụ".
NP_TAIL = re.compile(
    r"\s*(?:,\s*)?\b(?:theo chức năng|trong phạm vi|theo thẩm quyền|căn cứ|trong quá trình|theo khu vực|theo địa bàn|"
    r"trong thời gian|theo nhiệm vụ|theo lĩnh vực|theo quy định|về nội dung|về việc)\b.*$|\s*\((?:theo|trong)\b[^)]*\).*$|[\s,;:]+$"
    # a preposition left hanging where the predicate cut the phrase: "cơ quan liên quan trong"
    r"|(?:[\s,]+(?:trong|tại|về|của|với|cho|từ|đến|và|hoặc))+[\s,;:]*$",
    re.IGNORECASE,
)
MAX_NP_WORDS = 30
MAX_LIST_WORDS = 90


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
    honorific = HONORIFIC.match(text)
    if honorific:  # "Quý Ủy ban", "Quý cơ quan": the addressee of a letter, politely
        return starts_with_body(text[honorific.end() :])
    return (
        _body_head().match(text) is not None
        or _opens_with_place(text)
        or _opens_with_short_name(text)
        or UNIT_CODE.match(text) is not None
    )


# "Quý" before a body ("đề nghị Quý Ủy ban chỉ đạo ...") addresses the letter's recipient; before
# a numeral it is a quarter ("Quý IV/2026"), which no body head follows
HONORIFIC = re.compile(r"Quý\s+(?![IVX]+\b)(?=[^\W\d])")
ACRONYM = re.compile(r"[A-ZĐ][A-ZĐ&-]{1,9}(?![\w&])")
# the code of a unit of the police or the army, defined by its name in brackets ("Cục Cảnh sát hình
# sự (C02)") and then written alone ("phối hợp với C02 ..."; probe BK)
UNIT_CODE = re.compile(r"[A-ZĐ]{1,3}\d{2,3}(?!\w)")


def _opens_with_short_name(text: str) -> bool:
    """A body written by its acronym ("NHNN chủ trì ...", "BHXH tỉnh phối hợp ...", "TTKSBT chủ
    trì ...": the directory or lexicon.tsv spells it out) or by a one-word name the directory
    knows ("Viettel Quảng Trị ...")."""
    from extraction.bodies import BodyDirectory

    m = ACRONYM.match(text)
    if m is None:
        # a short name of one word the directory knows ("Viettel Quảng Trị, VNPT Quảng Trị ...")
        word = BRAND.match(text)
        return word is not None and bool(BodyDirectory.load().lookup(word.group(0)))
    directory = BodyDirectory.load()
    words = directory.written_out(m.group(0))
    if words is not None and words[:1].isupper() and starts_with_body(words):
        return True  # "TTKSBT chủ trì ...": an abbreviation of lexicon.tsv that opens a body's name
    window = text[: _word_limit(text, 0, 4)].split("\n")[0]
    return any(b.span is not None and b.span.start == 0 and b.span.end >= m.end() for b in directory.find(window))


BRAND = re.compile(r"[A-ZĐ][a-zđ]+[A-Za-zđĐ]*(?![\w&])")
CAPITALISED_WORDS = re.compile(r"[A-ZĐÀ-Ỹ]\w*(?:\s+[A-ZĐÀ-Ỹ]\w*){0,3}")


def _opens_with_place(text: str) -> bool:
    """A province or city named as an actor: "Đà Nẵng khẩn trương ...", "Hà Nội, Thành phố Hồ
    Chí Minh nghiên cứu ..." (it stands for its People's Committee)."""
    m = CAPITALISED_WORDS.match(text)
    return m is not None and place(m.group(0)) is not None


# "Mỗi tổ chức thành viên chọn ..." addresses each of a group as "các" does (probe BL)
PLURAL = re.compile(r"^(?:các|những|mỗi|tất cả(?: các)?)\s+", re.IGNORECASE)
# "yêu cầu Lãnh đạo các sở, ngành ...": after an assigning verb, "lãnh đạo" heads the people who
# lead those bodies; elsewhere it is the verb "lead" ("Lãnh đạo các cấp ủy triển khai ...").
LEADERSHIP = re.compile(r"[Ll]ãnh đạo\s+(?=(?:các|những)\s|[A-ZĐ])")


def _leadership_target(text: str) -> bool:
    m = LEADERSHIP.match(text)
    return m is not None and starts_with_body(text[m.end() :])


# "Tổ chức công bố quy hoạch ..." organises; "Tổ chức, doanh nghiệp ...", "tổ chức đảng" are bodies.
ORGANISE_VERB = re.compile(
    r"^tổ chức\s+(?!đảng|cơ sở đảng|chính trị|xã hội|cá nhân|thành viên|có\b|được\b|tín dụng"
    r"|hội\b(?!\s+(?:nghị|thảo|thi|diễn|chợ))|và\b|thuộc\b|trong\b|liên quan)[a-zđà-ỹ]",
    re.IGNORECASE,
)


def noun_phrase_end(text: str, start: int) -> int | None:
    """End of the noun phrase that starts at ``start``: the first lower-case predicate after it.

    "Ban Tuyên giáo và Dân vận Trung ương xây dựng chương trình" → the offset of "xây dựng".
    Returns None when no predicate follows within ``MAX_NP_WORDS`` words, unless those words
    list names ("Ban Tổ chức Trung ương; Ủy ban Kiểm tra Trung ương; Đảng ủy Chính phủ; ..."):
    a list may run to ``MAX_LIST_WORDS``.
    """
    found = _noun_phrase_end_within(text, start, MAX_NP_WORDS)
    if found is None and _lists_names(text, start, _word_limit(text, start, MAX_NP_WORDS)):
        found = _noun_phrase_end_within(text, start, MAX_LIST_WORDS)
    known = _known_name_end(text, start)
    if known is None:
        return found
    if found is not None and found < known:
        # a name the directory knows holds a word a predicate list has: "Hội đồng bầu cử quốc
        # gia ban hành ..." (probe BU)
        return known
    if found is None and _clause_words(text, known) >= 2:
        # a verb the cue lists lack ("Sở Tư pháp mở chuyên mục ..."): the name the directory
        # knows ends where a lower-case word follows it; two words left are rather a qualifier
        # ("các chi bộ, đảng bộ cơ sở")
        return known
    if found is not None and found > known and "," in text[known:found] and "\n" not in text[known:found]:
        # the predicate found lies past a clause of a verb the lists lack ("Bộ Công an điều
        # tra, làm rõ nguyên nhân, xử lý ...")
        return known
    if found is not None and found > known and SENTENCE_END.match(text, found) and _clause_words(text, known) >= 3:
        # the name would run to its sentence's end: "Bộ Tài chính cấp kinh phí cho các địa phương."
        return known
    return found


def _clause_words(text: str, pos: int) -> int:
    """How many words stand between ``pos`` and the end of its clause."""
    clause = re.match(r"[^,;:.\n]*", text[pos:])
    return len(clause.group(0).split()) if clause else 0


# Words that carry a known name on rather than open its predicate.
NAME_GOES_ON = re.compile(
    r"(?:và|cùng|hoặc|với|các|của|thuộc|trực thuộc|tỉnh|thành phố|huyện|quận|xã|phường|liên quan|có liên quan"
    # "cấp tỉnh" goes on; "cấp kinh phí" is a verb
    r"|cấp(?=\s+(?:tỉnh|huyện|xã|phường|quận|trung ương|cơ sở|bộ|thành phố|ủy|uỷ)))(?!\w)"
)


def _known_name_end(text: str, start: int) -> int | None:
    """Where a body the directory knows, written at ``start``, ends when a lower-case word that
    does not carry the name on follows it; None otherwise."""
    from extraction.bodies import BodyDirectory

    window = text[start : _word_limit(text, start, 20)].split("\n")[0]
    first = next((b for b in BodyDirectory.load().find(window) if b.span is not None), None)
    if first is None or first.span is None or first.span.start != 0 or not first.in_directory:
        return None
    if first.span.label == "generic":  # "các cơ quan chủ quản dữ liệu": a description goes on
        return None
    end = start + first.span.end
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after == end or after >= len(text) or not text[after].islower() or NAME_GOES_ON.match(text, after):
        return None
    return end


def _lists_names(text: str, start: int, limit: int) -> bool:
    """Whether text[start:limit] is a list of at least three names, each opening with a body or a
    capital, the last one possibly cut by the limit."""
    pieces = re.split(r"\s*[,;]\s*", text[start:limit])
    return len(pieces) >= 3 and all(piece[:1].isupper() or starts_with_body(piece) for piece in pieces[:-1])


# a plural group keeps the place it is in: "các trường học trên địa bàn xã" (as the dev gold writes it)
PLACE_OF_A_GROUP = "trên địa bàn"


def _noun_phrase_end_within(text: str, start: int, words: int) -> int | None:
    plural = PLURAL.match(text[start:])
    head = _body_head().match(text, start + (plural.end() if plural else 0))
    # The head itself is part of the name: "(các) chủ đầu tư", not the predicate "đầu tư"; so is
    # the word after an organ's head: "Ban xây dựng đảng", "Ban Chỉ đạo".
    search_from = head.end() if head else start
    leadership = LEADERSHIP.match(text, start)
    if leadership and head is None:
        search_from = leadership.end()
    if head and ORGAN_HEAD.fullmatch(head.group(0)):
        word_start = _skip_spaces(text, search_from)
        word = WORD.match(text, word_start)
        # a kind in lower case names no organ: "các sở tập trung ..." acts ("các ban chỉ đạo" and
        # "các ủy ban ..." are organs whatever the case)
        acts = (
            head.group(0).lower() in LOWER_KINDS
            and text[word_start : word_start + 1].islower()
            and _predicate().match(text, word_start)
            and not cue_pattern("organ_function", case_sensitive=True).match(text, word_start)
        )
        search_from = word.end() if word and not acts else search_from
    limit = _word_limit(text, start, words)
    sentence_end = SENTENCE_END.search(text, start, limit)
    if sentence_end is not None:
        # "làm việc với Bộ Y tế về công tác y tế. Sau khi nghe ...": a name ends with its sentence
        limit = sentence_end.start()
    colon = text.find(":", start, limit)
    opened = start  # where the list a colon opens starts ("... và các xã: Cam Lộ, ..." opens a second one)
    while (
        colon > start
        and LIST_HEAD_BEFORE_COLON.search(text, opened, colon)
        and text[colon + 1 : colon + 3].strip()[:1].isupper()
    ):
        # "Các Bộ: Công Thương, Xây dựng:" — the colon opens the list a shared head distributes over
        limit = _word_limit(text, start, words * 2)
        opened = colon + 1
        colon = text.find(":", colon + 1, limit)
    if colon > start:
        # "Doanh nghiệp, cộng đồng, tổ chức, cá nhân: Quan tâm ..." — the colon closes the name.
        limit = colon
    verbs = (
        _predicate(),
        cue_pattern("assign", case_sensitive=True),
        cue_pattern("np_stop", case_sensitive=True, without=PLACE_OF_A_GROUP if plural else ""),
        cue_pattern("not_task_after_lead", case_sensitive=True),
    )
    found = [s for s in (_first_lower(p, text, search_from, limit, phrase_start=start) for p in verbs) if s is not None]
    organise = ORGANISE_AFTER_NAME.search(text, search_from, limit)
    if organise is not None:
        found.append(organise.start())
    for marker in (cue_pattern("tense", case_sensitive=True), COPULA):
        at = _first_lower(marker, text, search_from, limit)
        if at is not None and PROPER_WORD.search(text, start + (plural.end() if plural else 0), at):
            # "Bộ Tài chính đã thực hiện ...", "Sở Khoa học và Công nghệ là cơ quan thường trực":
            # a tense marker or a copula after a proper name ends it; after a common noun it
            # opens a relative clause ("cơ quan, tổ chức đã xác định bí mật ...", "Các chủ
            # rừng là tổ chức").
            found.append(at)
    stop = min(found) if found else colon if colon > start else sentence_end.start() if sentence_end else None
    if stop is None:
        # no predicate from the lists and no sentence break ahead: only a verb the tagger reads
        return _unlisted_verb(text, start, search_from, limit)
    unlisted = _unlisted_verb(text, start, search_from, stop)
    return unlisted if unlisted is not None else stop


# A name is complete after a proper word or a place: "Cục Quản lý Dược", "Ủy ban nhân dân các tỉnh";
# and after its bracket: "Công an tỉnh (Phòng Cảnh sát môi trường) thanh tra ..." (probe BE)
NAME_COMPLETE_BEFORE = re.compile(
    r"(?:\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu|địa phương)|(?P<qualifier>\bliên quan)"
    r"|\b(?P<proper>\w+)|\))\s+$"
)
NOUN_TAGS = frozenset({"N", "Np"})
# A verb the tagger is asked about has two syllables in lower case ("sắp xếp"): the last syllable of
# a name ("Bộ Y tế", "Sở Tài chính") or one before "và" never starts one, and the tagger (loaded on
# first use) is spared for most names.
TWO_WORDS = re.compile(r"(?!(?:và|của|các|cho|với|thuộc|tại|trong)\s)([^\W\d_]+)\s+([^\W\d_]+)(?!\w)")


CONNECTORS = frozenset({"và", "của", "các", "cho", "với", "thuộc", "tại", "trong", "hoặc"})


def _two_lower_syllables(text: str, pos: int, stop: int) -> bool:
    m = TWO_WORDS.match(text, pos, stop)
    return m is not None and m.group(1).islower() and m.group(2).islower() and m.group(2) not in CONNECTORS


def _completes_a_name(text: str, start: int, at: int) -> bool:
    """Whether a place word ("tỉnh", "xã"), a closing qualifier ("liên quan") or a capitalised
    word stands right before ``at``, or the name is a plural list of kinds ("Các bộ, ngành",
    "các địa phương")."""
    if GENERIC_LIST.fullmatch(text, start, at):
        return True
    end = start + len(text[start:at].rstrip())
    plural = PLURAL.match(text[start:end])
    opening = start + (plural.end() if plural else 0)
    heads = list(_body_head().finditer(text, opening, end))
    one_name = not re.search(r"[,;]|\svà\s", text[opening:end])  # not a list: "Bộ X, các cơ quan thông tấn"
    if one_name and len(heads) >= 2 and heads[0].start() == opening and heads[-1].end() == end:
        # the organ a unit belongs to ends its name: "Văn phòng Đảng ủy lắp đặt ...", "Ban Tuyên
        # giáo Tỉnh đoàn thiết kế ..." (probe BL); a head alone takes its name ("Trung tâm phát triển ...")
        return True
    m = NAME_COMPLETE_BEFORE.search(text, start, at)
    return m is not None and (m["proper"] is None or m["proper"][0].isupper())


def _after_qualifier(text: str, start: int, at: int) -> bool:
    """Whether a closing qualifier ends the name before ``at`` ("các sở, ngành liên quan"):
    the tagger reads the qualifier as a verb, yet the name is complete."""
    m = NAME_COMPLETE_BEFORE.search(text, start, at)
    return m is not None and m["qualifier"] is not None


_GENERIC_KIND = (
    r"(?:bộ|ngành|địa phương|cơ quan|đơn vị|tỉnh|thành phố|huyện|xã|phường|doanh nghiệp|sở|ban|"
    r"cấp (?:ủy|uỷ)|tổ chức (?:cơ sở )?đảng)"
)
# kinds that end a list without a qualifier ("cơ quan chủ quản", "đơn vị thi công" qualify theirs)
_BARE_LAST_KIND = r"(?:bộ|ngành|địa phương|sở|cấp (?:ủy|uỷ)|tổ chức (?:cơ sở )?đảng)"
# party committees and organisations take no qualifier either: "Các cấp ủy coi đây là ..."
_PARTY_KIND = r"(?:cấp (?:ủy|uỷ)|tổ chức (?:cơ sở )?đảng)"
# "Các bộ, ngành, địa phương ": a plural list of kinds is a complete (generic) addressee; one kind
# alone may take a qualifier ("các cơ quan chủ quản dữ liệu"), except "các địa phương"
GENERIC_LIST = re.compile(
    rf"(?:[Cc]ác|[Nn]hững)\s+(?:(?:{_GENERIC_KIND}\s*,\s*(?:các\s+)?)+{_BARE_LAST_KIND}|{_PARTY_KIND}|địa phương)\s+",
    re.IGNORECASE,
)


def _unlisted_verb(text: str, start: int, search_from: int, stop: int) -> int | None:
    """Where a verb that no cue list holds ends a name before ``stop``: a lower-case word that
    underthesea's POS tagger reads as a verb, right after a complete name that it reads as a
    noun ("Ủy ban nhân dân các tỉnh sắp xếp lại ...", "Cục Quản lý Dược thanh tra, kiểm tra").
    After a verb of the name ("Ban Chỉ đạo phòng, chống thiên tai") or a common noun ("doanh
    nghiệp hoạt động trong lĩnh vực ...") the name goes on."""
    from extraction.pos import tag_before, verb_at

    candidates = [
        m.start()
        for m in re.finditer(r"(?<=\s)[^\W\d_]", text[search_from:stop])
        if text[search_from + m.start()].islower()
    ]
    candidates = [
        search_from + c
        for c in candidates
        if _completes_a_name(text, start, search_from + c)
        and _two_lower_syllables(text, search_from + c, stop)
        and not NAME_GOES_ON.match(text, search_from + c)
        and not PASSIVE_BEFORE.search(text, start, search_from + c)
        and not inside_brackets(text, start, search_from + c)
        and not _inside_a_head(text, search_from + c)
        and not _name_word_at(text, search_from + c, start)  # "Cảnh sát điều tra", "Tổ kiểm tra ..."
    ]
    if not candidates:
        return None
    phrase = text[start : _word_limit(text, stop, 6)]
    for at in candidates:
        kinds = GENERIC_LIST.fullmatch(text, start, at) is not None
        if verb_at(phrase, at - start, one_syllable=kinds) and (
            tag_before(phrase, at - start) in NOUN_TAGS
            or _after_qualifier(text, start, at)
            or text[start:at].rstrip().endswith(")")
        ):
            return at
    return None


# "Các đơn vị: Cục A, Cục B ...": a label for the full names after its colon
GROUP_LABEL = r"đơn vị|cơ quan"


def _inside_a_head(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` ends a head with the word before it: "ban" in "Ban cán sự
    đảng Ủy ban nhân dân thành phố" is the second syllable of "Ủy ban"."""
    before = re.search(r"(\S+)\s+$", text[max(0, pos - 20) : pos])
    if before is None:
        return False
    head = _body_head().match(text, pos - len(before.group(0)))
    return head is not None and head.end() > pos


# "Các Bộ: ...", "Các đơn vị gồm: Sở A, Sở B có trách nhiệm ..."
# (a qualifier may stand between the kind and its colon: "Chủ tịch UBND các phường ven biển: Sơn Trà, An Hải"; probe CH)
# ("các cơ quan liên quan: Tăng cường ..." names a group, then its work: local-f04)
PLACE_KIND = r"xã|phường|tỉnh|thành phố|thôn|tổ dân phố|địa phương"
LIST_HEAD_BEFORE_COLON = re.compile(
    rf"[Cc]ác\s+(?:(?:{PLACE_KIND})(?:\s+[a-zđà-ỹ]+){{1,3}}|(?:{KIND}|{GROUP_LABEL})(?:\s+(?:bao\s+)?gồm)?)\s*$"
)
# "được giao chủ trì", "được Bộ Chính trị phân công": a passive that qualifies the name.
STRONG_PREDICATE = re.compile(r"(?:có trách nhiệm|chịu trách nhiệm|phải)(?!\w)")
ORGAN_HEAD = re.compile(r"ban|sở|cục|vụ|ủy ban|uỷ ban|phòng|trung tâm|viện|đoàn", re.IGNORECASE)
LOWER_KINDS = frozenset({"sở", "cục", "phòng"})
# "nhà đầu tư", "nhà cung cấp": an agent noun, not a predicate.
AGENT_BEFORE = re.compile(r"\bnhà\s+$")
# ("chịu sự" right before: "các cơ quan, đơn vị chịu sự giám sát", those supervised; probe BQ)
PASSIVE_BEFORE = re.compile(r"\b(?:được|bị)\s+(?:[A-ZĐ][\w ]{0,40}?\s+|(?:[^\W\d_]+\s+){1,3})?$|\bchịu sự\s+$")
ORGANISE_BEFORE = re.compile(r"tổ chức\s+$")
# "Các bộ, ngành, địa phương tổ chức tổng rà soát ...", "Thanh tra thành phố tổ chức thanh tra":
# right after a name "tổ chức" + a word that makes no organisation of it is the verb "organise";
# after a comma, "và", "các" or "Ban" it is a body ("cơ quan, tổ chức", "Ban tổ chức").
ORGANISE_AFTER_NAME = re.compile(
    r"(?<![,;(]\s)(?<!và\s)(?<!các\s)(?<!Các\s)(?<!ban\s)(?<!Ban\s)(?<!những\s)(?<=[\w)]\s)"
    + ORGANISE_VERB.pattern.removeprefix("^"),
    re.IGNORECASE,  # "Phòng Kinh tế tổ chức Lễ ra quân": an event's name is capitalised
)


PROPER_WORD = re.compile(r"(?<!\w)[A-ZĐÀ-Ỹ]\w*")
COPULA = re.compile(r"(?<!\w)là(?!\w)")
# A full stop that ends a sentence, not an abbreviation's ("TP. Hồ Chí Minh", "Tp. Huế").
SENTENCE_END = re.compile(r"(?<![A-ZĐ])(?<![A-ZĐ][A-Za-zĐđ])\.\s+(?=[A-ZĐÀ-Ỹ])")


def _name_word_at(text: str, at: int, phrase_start: int) -> bool:
    """Whether a verb-like word at ``at`` is a word of the name that opens at ``phrase_start``: a
    name phrase of lexicon.tsv ("Giáo dục thường xuyên", "Cảnh sát điều tra"), a unit's field
    ("... công trình xây dựng chủ trì"), a board's job ("Tổ kiểm tra liên ngành") or a qualifier
    that points at where the assignment is written ("được giao nhiệm vụ tại Phụ lục")."""
    return (
        BodyDirectory.load().name_phrase_around(text, at)
        or _names_a_field(text, at)
        or _names_a_board(text, at, phrase_start)
        or POINTED_QUALIFIER.match(text, at) is not None
    )


def _names_a_field(text: str, at: int) -> bool:
    """Whether the activities at ``at`` have no object: the unit's role ("chủ trì", "phối hợp",
    "có trách nhiệm") or the end of the line follows them, so they end the unit's name. (Another
    verb after them is no sign: "Các Sở chủ động kiểm tra xử lý vi phạm" omits a comma.)"""
    run = _field_run().match(text, at)
    return run is not None and ROLE_OR_LINE_END.match(text, run.end()) is not None


# a board or team named by what it does: "Hội đồng thẩm định ...", "Tổ kiểm tra liên ngành", "Đoàn
# giám sát" (probe BN); not a post ("Trưởng ban kiểm tra, đôn đốc ...")
BOARD_BEFORE = re.compile(r"(?<![Tt]rưởng\s)(?<![Pp]hó\s)(?<!\w)(?:[Hh]ội đồng|[Tt]ổ|[Đđ]oàn|[Tt]iểu ban|[Bb]an)\s+$")


def _names_a_board(text: str, at: int, start: int) -> bool:
    """Whether the activity at ``at`` follows a board's head word, so it names the board."""
    return _field_run().match(text, at) is not None and BOARD_BEFORE.search(text, max(start, at - 20), at) is not None


@cache
def _field_run() -> re.Pattern[str]:
    field = cue_pattern("field", case_sensitive=True).pattern
    return re.compile(rf"{field}(?:[^\S\n]+{field})*")


# the unit's role: cues.tsv's lead phrases ("chủ trì", "có trách nhiệm", ...) or "phối hợp"
ROLE_OR_LINE_END = re.compile(rf"[^\S\n]*(?:$|\n|:|{cue_pattern('lead', case_sensitive=True).pattern}|phối hợp(?!\w))")


def _first_lower(
    pattern: re.Pattern[str], text: str, start: int, limit: int, *, phrase_start: int | None = None
) -> int | None:
    """The first lower-case match; "được giao chủ trì" qualifies a name, it does not end it.

    ``phrase_start`` (default ``start``): how far back a two-syllable word may begin, when the
    search starts past the phrase's first words ("Trung tâm Trợ | giúp pháp lý": "giúp" is the
    second syllable of the name's word "Trợ giúp")."""
    for m in pattern.finditer(text, start, limit):
        if text[m.start()].isupper() or _name_word_at(text, m.start(), start if phrase_start is None else phrase_start):
            continue  # "Trung tâm Giáo dục thường xuyên": the words of a name
        word_start, reading = _compound_at(text, m, start if phrase_start is None else phrase_start)
        if reading == "noun":  # "Ban Quản lý chương trình ...": the cue is inside a noun
            continue
        if reading == "verb":  # "Bộ X giải trình ...": the predicate is the whole word
            if text[word_start].isupper() or word_start < start:
                continue  # "Văn phòng Đăng ký đất đai": a capitalised word of a name
            return word_start
        before = text[max(start, m.start() - 40) : m.start()]
        # "có trách nhiệm", "phải" always open the predicate, even after a passive qualifier
        strong = STRONG_PREDICATE.match(text, m.start())
        if not strong and (PASSIVE_BEFORE.search(before) or AGENT_BEFORE.search(before)):
            continue
        organise = ORGANISE_BEFORE.search(before)
        # "Ban Chỉ đạo ... tổ chức theo dõi": "tổ chức" opens the predicate.
        return m.start() - len(organise.group(0)) if organise else m.start()
    return None


PREVIOUS_SYLLABLE = re.compile(r"(\w+)\s+$")
PREVIOUS_TWO_SYLLABLES = re.compile(r"(\w+\s+\w+)\s+$")
NEXT_SYLLABLE = re.compile(r"\s+(\w+)")


def _compound_at(text: str, m: re.Match[str], start: int) -> tuple[int, str | None]:
    """(start of the word, its reading) where a one-syllable cue is a syllable of a two-syllable
    word of compounds.tsv: "chương trình", "giao thông" (nouns), "giải trình" (a verb), or the
    end of a longer noun ("công nghệ thông tin")."""
    readings = compound_readings()
    cue = " ".join(m.group(0).split()).lower()
    two_before = PREVIOUS_TWO_SYLLABLES.search(text, max(0, m.start() - 24), m.start())
    if two_before and readings.get(f"{' '.join(two_before.group(1).split())} {cue}".lower()) == "noun":
        return two_before.start(1), "noun"
    before = PREVIOUS_SYLLABLE.search(text, max(start, m.start() - 12), m.start())
    if " " in m.group(0).strip():
        if before and readings.get(f"{before.group(1)} {cue}".lower()) == "noun":
            return before.start(1), "noun"  # "chủ đầu tư": a longer noun that ends in a two-syllable cue
        return m.start(), None
    after = NEXT_SYLLABLE.match(text, m.end())
    if after and readings.get(f"{m.group(0)} {after.group(1)}".lower()) == "noun":
        return m.start(), "noun"
    if before is None:
        return m.start(), None
    return before.start(1), readings.get(f"{before.group(1)} {m.group(0)}".lower())


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
    opened = _unclosed_bracket(phrase)
    if opened is not None:  # "Các chủ rừng là tổ chức (các Ban quản lý rừng ...": the gloss is not the name
        phrase = phrase[:opened]
    cut = NP_TAIL.search(phrase)
    end = span.start + (cut.start() if cut else len(phrase))
    return Span(span.start, end, span.label) if end > span.start else None


def _unclosed_bracket(phrase: str) -> int | None:
    """Where the first "(" that the phrase does not close opens, if any."""
    stack = []
    for i, char in enumerate(phrase):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            stack.pop()
    return stack[0] if stack else None


# A topic label before the assignment: "Về <what was raised>: <who does what>".
# "Về X:" titles a topic; "Về X, Ban Thường vụ yêu cầu Y lãnh đạo, chỉ đạo:" asks Y, it is no label
# (a lead-in that ends with its colon is no label: "Về định hướng thời gian tới, các cấp ủy ... cần
# thực hiện tốt một số nội dung sau:" names the addressee of the items under it)
TOPIC_LABEL = re.compile(r"^Về (?![^:\n]*,\s[^:\n]*\b(?:yêu cầu|đề nghị)\b)[^:\n]{3,400}:[^\S\n]*(?=\S)")
# A proposal answered under its own label: "Đối với đề nghị của xã X về ...: Giao Sở Tài chính ...",
# "- Đề nghị hỗ trợ kinh phí xây dựng trường ...: Đồng ý ...; giao ..."
PROPOSAL_TOPIC = re.compile(
    r"^(?P<intro>(?:về|đối với)\s+(?:các\s+|những\s+)?)?(?:nội dung\s+)?(?:đề nghị|kiến nghị|đề xuất)"
    r"(?P<of>\s+(?:về|của))?\s+(?P<rest>(?![^:\n]*,\s[^:\n]*\b(?:yêu cầu|đề nghị)\b)[^:\n]{3,400}):\s*",
    re.IGNORECASE,
)


def topic_label_end(text: str) -> int | None:
    """Where the clause starts after a topic label ("Về X:", a proposal answered), or None. A bare
    "Đề nghị X:" is a label only when X is no body ("Đề nghị các bộ, ngành: ..." asks them)."""
    topic = TOPIC_LABEL.match(text)
    if topic and not _list_head_after_comma(text, topic.end()):
        return topic.end()
    proposal = PROPOSAL_TOPIC.match(text)
    if proposal is None:
        return None
    if proposal["intro"] or proposal["of"] or not starts_with_body(proposal["rest"]):
        return proposal.end()
    if ANSWER_AFTER_PROPOSAL.match(text, proposal.end()):
        # "(2) Đề nghị Ủy ban nhân dân tỉnh bổ sung biên chế: Giao Sở Nội vụ tham mưu ...": a request
        # answered after its colon (probe CE)
        return proposal.end()
    return None


ANSWER_AFTER_PROPOSAL = re.compile(r"(?:Giao|giao|Đồng ý|đồng ý|Thống nhất|thống nhất|Yêu cầu|yêu cầu)\s")


def _list_head_after_comma(text: str, colon_end: int) -> bool:
    """Whether the colon of "Về X, <head>: A, B" opens a list a head after the topic's comma
    distributes ("Về bảo đảm an ninh, Bộ trưởng các Bộ: Quốc phòng, Công an tập trung:"; probe BS)."""
    comma = text.rfind(", ", 0, colon_end)
    if comma < 0:
        return False
    head = text[comma + 2 : colon_end].rstrip(": ")
    return starts_with_body(head) and LIST_HEAD_BEFORE_COLON.search(head) is not None


# Any other label before a colon: "Đẩy mạnh rà soát, hoàn thiện thể chế: Các bộ khẩn trương ...".
LABEL = re.compile(r"^[^:;()\n]{3,200}:\s*")


def _label_end(text: str) -> int | None:
    """Where the clause starts after a label that names no actor, or None.

    "Về" labels a topic whatever follows; another label counts only when it opens with no actor
    or assigning verb of its own and a body opens the clause after its colon ("Bộ Xây dựng:
    Khẩn trương ..." names its actor before the colon; "Khẩn trương trình ban hành: Chương
    trình ..." lists things after it)."""
    topic = topic_label_end(text)
    if topic is not None:
        return topic
    label = LABEL.match(text)
    if label is None or _opens_subject(text, 0) or cue_pattern("assign").search(text, 0, label.end()):
        return None
    if _list_head_after_comma(text, label.end()):
        return None  # "Về ..., Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Gia Lai ...": the colon opens the list
    after = text[label.end() :]
    return label.end() if starts_with_body(after) or cue_pattern("assign").match(after.lower()) else None


def _speaker_after_purpose(rest: str, after_opening: int) -> int | None:
    """Where the speaker of a purpose's request starts: the last clause before the assigning verb
    that opens with a body ("Để chủ động phòng, chống dịch bệnh và bảo đảm công tác khám bệnh,
    chữa bệnh, Sở Y tế đề nghị các đơn vị ..."), whatever verbs the purpose holds."""
    assign = cue_pattern("assign", case_sensitive=True)
    limit = min(len(rest), ADVERBIAL_REACH)
    sentence_end = SENTENCE_END.search(rest, 0, limit)
    at = _first_lower(assign, rest, after_opening, sentence_end.start() if sentence_end else limit)
    if at is None:
        return None
    breaks = [m.end() for m in re.finditer(r",\s+", rest[:at]) if m.end() >= after_opening - 2]
    speakers = [b for b in breaks if _opens_subject(rest, b) and not rest[noun_phrase_end(rest, b) or b : at].strip()]
    return speakers[-1] if speakers else None


def skip_adverbial(text: str, start: int) -> int:
    """Offset after an opening adverbial phrase ("Trên cơ sở đó, ...") or "... thì".

    "Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương ..." → the
    offset of "Bộ Tài chính": after a genitive list ("của X, Y") the last comma is the break.
    """
    rest = text[start:]
    label = _label_end(rest)
    if label is not None:  # "Về đề nghị ... của tỉnh: giao Bộ Tài chính chủ trì ...": the topic names no actor
        # what follows the topic may open with its own adverbial or label ("Về vốn: để bảo đảm
        # tiến độ, Bộ Tài chính ...", "Về X: tăng số lượng cấp phó: giao Bộ Nội vụ ...")
        return skip_adverbial(text, start + label) if label > 0 else start
    condition = CONDITION_THEN.match(rest)
    if condition and _opens_subject(rest, condition.end()):
        return start + condition.end()
    opening = ADVERBIAL.match(rest)
    if opening is None:
        return start
    cycle = CYCLE_OPENING.match(rest)
    if cycle is not None and _predicate().match(rest, cycle.end()):
        return start  # "hằng tháng báo cáo Bộ Chính trị, Ban Bí thư ...": the cycle of the work, no subject
    if (PURPOSE_OPENING.match(rest, opening.end()) or CASE_OPENING.match(rest, opening.end())) and ADVERBIAL.match(
        rest[opening.end() :]
    ):
        # a purpose or a case after the opening: "Thực hiện Luật ..., để bảo đảm ..., Bộ Tài chính đề
        # nghị ...", "Trong quá trình thực hiện, nếu cần sửa đổi, bổ sung ..., Bộ Tài chính báo cáo ..."
        return skip_adverbial(text, start + opening.end())
    # the subject stands before the first predicate that follows the opening; a purpose may
    # join several ("Để khắc phục hạn chế, đẩy mạnh chuyển đổi số, Ban Bí thư yêu cầu ...")
    joined = PURPOSE_OPENING.match(opening.group(0)) is not None
    if joined:
        speaker = _speaker_after_purpose(rest, opening.end())
        if speaker is not None:
            return start + speaker
    reach = min(ADVERBIAL_REACH, _predicate_offset(rest, opening.end(), after_comma=not joined))
    sentence_end = SENTENCE_END.search(rest, 0, reach)
    if sentence_end is not None:  # the subject stands in the opening's own sentence
        reach = sentence_end.start()
    # "..., Bộ Tài chính đề nghị UBND các tỉnh, thành phố ...": objects follow the assigning verb
    # (not a noun: "đáp ứng yêu cầu nhiệm vụ", cues noun_word)
    at = _first_lower(cue_pattern("assign", case_sensitive=True), rest, opening.end(), reach)
    if at is not None and cue_pattern("assign", case_sensitive=True).match(rest, at):
        reach = at
    breaks = [m.end() for m in re.finditer(r",\s+", rest[:reach])]
    candidates = [b for b in breaks if b >= opening.end() - 2 and _opens_subject(rest, b)]
    if candidates and _genitive_list_before(rest, candidates[0]):
        # the subject opens at the last name that starts a list afresh (a capital or "các"):
        # "Trên cơ sở ý kiến của Bộ Tài chính, Ủy ban nhân dân các tỉnh, thành phố quyết định ..."
        fresh = [b for b in candidates if rest[b].isupper() or PLURAL.match(rest[b:])]
        chosen = fresh[-1] if fresh else candidates[-1]
        np_end = noun_phrase_end(rest, chosen)
        if not fresh and np_end is not None and rest[chosen:np_end].rstrip().endswith(","):
            # "Trên cơ sở đề xuất của các cơ quan, đơn vị, tham mưu ...": the list ends the opening
            # and the item names no subject of its own (probe BV)
            return start + np_end
        return start + chosen
    if _opens_subject(rest, opening.end()):
        return start + opening.end()
    return start + candidates[0] if candidates else start


def _genitive_list_before(text: str, comma: int) -> bool:
    """Whether the comma at ``comma`` is inside a list of bodies after "của" ("đề nghị của các
    Bộ, cơ quan liên quan, Bộ Tài chính ..."), not after a genitive of a thing ("Danh mục của
    Đề án, các Bộ ...")."""
    genitive = text.rfind(" của ", 0, comma)
    return genitive >= 0 and starts_with_body(text[genitive + len(" của ") : comma])


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


def inside_brackets(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a bracket opened after ``start`` and not yet closed."""
    return text.count("(", start, pos) > text.count(")", start, pos)


def _predicate_offset(text: str, start: int = 1, *, after_comma: bool = True) -> int:
    """Offset of the first lower-case predicate at or after ``start``, outside brackets: in
    "Căn cứ Kế hoạch ... (cập nhật), các bộ xây dựng ..." the predicate is "xây dựng". Without
    ``after_comma``, a predicate right after a comma is passed over (it joins the one before)."""

    def passed_over(found: int) -> bool:
        return inside_brackets(text, start, found) or (not after_comma and text[:found].rstrip().endswith(","))

    found = _first_lower(_predicate(), text, start, len(text))
    while found is not None and passed_over(found):
        found = _first_lower(_predicate(), text, found + 1, len(text))
    return found if found is not None else len(text)


ADVERBIAL_REACH = 200


def names_only(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] only names bodies: "1. Bộ Kế hoạch và Đầu tư:" does."""
    return named_heading(text, start, end) is not None


# What an addressee heading may say around the names: "Đề nghị: X", "Giao X", "Đối với X",
# "X có trách nhiệm:".
# ("Kiến nghị Chủ tịch Ủy ban nhân dân tỉnh": an inspection's recommendations to whom; probe BO)
# (in capitals too: "I. ĐỐI VỚI CÁC SỞ GIÁO DỤC VÀ ĐÀO TẠO", probe BZ)
HEADING_INTRO = re.compile(
    r"(?:Đề nghị|Kính đề nghị|Kiến nghị|Giao|Yêu cầu|Đối với|ĐỀ NGHỊ|KIẾN NGHỊ|GIAO|YÊU CẦU|ĐỐI VỚI)\s*:?\s+"
)
# who heads the body named, in a bracket after its name
HEADING_GLOSS = re.compile(r"\([^()]{3,120}\)\s*:?\s*")
HEADING_TAIL = re.compile(r"\s*,?\s*(?:có|chịu)\s+trách\s+nhiệm(?:\s+thực\s+hiện)?(?:\s+(?:như\s+)?sau)?\s*:?\s*$")


# what a heading says a body is, after its name: "– cơ quan chủ trì", "là cơ quan thường trực ..."
ROLE_APPOSITION = re.compile(
    r"\s*(?:[–-]|,|\blà)\s*(?:cơ quan|đơn vị)\s+(?:chủ trì|thường trực|đầu mối|tham mưu)(?!\w)[^:;.]*:?\s*$",
    re.IGNORECASE,
)
# a qualifier that picks out some of the bodies named: "được giao chỉ tiêu", "được giao nhiệm vụ tại Phụ lục"
PASSIVE_QUALIFIER = re.compile(r"được\s+(?:giao|phân công)\b[^:;.]*:?\s*", re.IGNORECASE)
# ... pointing at where the assignment is written: "được giao nhiệm vụ tại Phụ lục", "được giao chỉ tiêu
# theo Quyết định này", "được phân công theo Kế hoạch này"
POINTED_QUALIFIER = re.compile(
    r"được\s+(?:giao|phân công)(?:\s+(?:nhiệm vụ|chỉ tiêu|chủ trì))?\s+(?:tại|theo|nêu tại|nêu trong)\s", re.IGNORECASE
)


def named_heading(text: str, start: int, end: int) -> Span | None:
    """The names of an item that only names bodies, or None: "1. Bộ Kế hoạch và Đầu tư:",
    "9. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "Giao Sở Xây dựng", "11. Các đơn vị
    cấp nước sạch trên địa bàn thành phố có trách nhiệm" name their bodies and nothing else."""
    intro = HEADING_INTRO.match(text, start, end)
    if intro is not None:
        start = intro.end()
    if not starts_with_body(text[start:end]):
        return None
    bracket = text.find("(", start, end)
    if bracket > start and HEADING_GLOSS.fullmatch(text, bracket, end) and starts_with_body(text[start:bracket]):
        end = bracket  # "2. Tiểu ban An ninh - Trật tự (Trưởng Tiểu ban: Giám đốc Công an tỉnh)": who heads it
    apposition = ROLE_APPOSITION.search(text, start, end)
    if apposition is not None and starts_with_body(text[start : apposition.start()]):
        # "3. Sở Công Thương – cơ quan chủ trì", "2. Sở Y tế là cơ quan thường trực" (probe BP)
        return trim_np(text, Span(start, apposition.start(), "lead"))
    np_end = noun_phrase_end(text, start)
    if np_end is None or np_end >= end:
        return trim_np(text, Span(start, end, "lead"))
    rest = text[np_end:end]
    if PASSIVE_QUALIFIER.fullmatch(rest):
        # "1. Ủy ban nhân dân các xã được giao chỉ tiêu": those the qualifier picks out (probe BP)
        return trim_np(text, Span(start, end, "described"))
    if rest.startswith(":") and not rest[1:].strip():
        return trim_np(text, Span(start, np_end, "lead"))
    tail = HEADING_TAIL.search(rest)
    copula = COPULA.search(rest, 0, tail.start()) if tail is not None else None
    if copula is not None:  # "Sở X là Cơ quan thường trực của Ban Chỉ đạo, có trách nhiệm:": the body is Sở X
        return trim_np(text, Span(start, np_end + copula.start(), "lead"))
    if tail is not None and not _predicate().search(rest[: tail.start()]):
        # "X có trách nhiệm", and "Các đơn vị cấp nước sạch trên địa bàn thành phố có trách
        # nhiệm": a qualifier that stopped the noun phrase still belongs to the name when no
        # predicate follows it
        return trim_np(text, Span(start, np_end + tail.start(), "described"))
    return None


def _assign_at(text: str, pos: int) -> re.Match[str] | None:
    return cue_pattern("assign").match(text, pos)


# "Đối với X: ..." names the body the rest of the item asks to act.
ADDRESSED = re.compile(
    r"(?P<intro>(?:(?:Riêng\s+)?(?:Đối với|đối với)|Riêng)\s+)(?P<who>[^:;.\n]{2,120}?)\s*:\s*(?=\S)"
)
# "Riêng" singles one body out of a group before its own predicate (probe BM)
SINGLED_OUT = re.compile(r"[Rr]iêng\s+")


def find_lead(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The lead noun phrase of a task or lead-in, or None when it names no one.

    "Giao Đảng uỷ Quốc hội lãnh đạo, chỉ đạo ban hành ..." → "Đảng uỷ Quốc hội";
    "Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị triển khai ..." → "các cơ quan, đơn vị".
    """
    end = len(text) if end is None else end
    addressed = ADDRESSED.match(text, start, end)
    if addressed and starts_with_body(text[addressed.end("intro") : end]):
        named = _named_after_group(text, addressed, end)
        if named is not None:
            return named
        # "Đối với Bộ Tài chính: Bố trí đủ kinh phí ...": the body the colon closes is the lead
        return trim_np(text, Span(addressed.end("intro"), addressed.end("who"), "lead"))
    urged = _urged_after_doi_voi(text, start, end)
    if urged is not None:
        return urged
    singled = SINGLED_OUT.match(text, start, end)
    if singled and starts_with_body(text[singled.end() : end]):
        start = singled.end()  # "Riêng Ủy ban nhân dân các xã A, B khẩn trương ...": one body of a group
    pos = skip_adverbial(text, start)
    assign = _assign_at(text, pos)
    if assign is None:
        assign = _assign_after_subject(text, pos, end) or assign_after_topic(text, pos, end)
    if assign is not None:
        np_start = _skip_spaces(text, assign.end())
        if not _assign_target(text[np_start:end]):
            return _given_to(text, assign, np_start, end)
        return _noun_phrase(text, np_start, end, "lead")
    if not starts_with_body(text[pos:end]):
        return None
    subject = _described_subject(text, pos, end) or _noun_phrase(text, pos, end, "lead")
    return _member_named(text, subject, end) or subject


# "Phó Trưởng ban là Giám đốc Sở X chịu trách nhiệm ...", "Thành viên là Giám đốc Sở Y: tham mưu ...":
# a committee post held by the office named after "là" (probe BN)
MEMBER_IS = re.compile(r"\s+là\s+")


def _member_named(text: str, subject: Span | None, end: int) -> Span | None:
    """The office that holds a committee post the subject names, when the text says which."""
    if subject is None or not cue_pattern("member_label").fullmatch(text, subject.start, subject.end):
        return None
    copula = MEMBER_IS.match(text, subject.end, end)
    if copula is None or not starts_with_body(text[copula.end() : end]):
        return None
    return _noun_phrase(text, copula.end(), end, "lead")


# "Giao chỉ tiêu tuyển quân năm 2026 cho Ủy ban nhân dân các xã, phường": what is given, then to whom
GIVEN_TO = re.compile(r"\scho\s+")


def _given_to(text: str, assign: re.Match[str], start: int, end: int) -> Span | None:
    """The body "giao <what> cho X" gives its object to (probe BJ), in the verb's clause."""
    if assign.group(0).lower() != "giao":
        return None
    clause_end = CLAUSE_END.search(text, start, end)
    limit = min(clause_end.start() if clause_end else end, start + ADVERBIAL_REACH)
    to = GIVEN_TO.search(text, start, limit)
    if to is None or "," in text[start : to.start()] or not _assign_target(text[to.end() : end]):
        return None
    if PLURAL.match(text[to.end() : end]):
        return None  # "giao nhiệm vụ cụ thể cho các cơ quan chức năng cùng phối hợp": a group's share (gov-09)
    # the name may close the sentence: "... cho Ủy ban nhân dân các xã, phường."
    whole = Span(to.end(), _sentence_end(text, to.end(), end), "lead")
    return _noun_phrase(text, to.end(), end, "lead") or trim_np(text, whole)


def _sentence_end(text: str, start: int, end: int) -> int:
    m = SENTENCE_END.search(text, start, end)
    if m:
        return m.start()
    while end > start and text[end - 1] in " .;":  # not text[:end].rstrip(): text is the whole document
        end -= 1
    return end


# "Đối với các chủ đầu tư cần nhanh chóng dọn dẹp mặt bằng ...": with no colon, "đối với" opens the
# subject of an urging word
DOI_VOI = re.compile(r"(?:Đối với|đối với)\s+")
# the words that urge a body to act right after its name ("X cần ...", "X phải ...", "X khẩn trương ...")
URGING = re.compile(r"\s*(?:cần|phải|khẩn trương|cần khẩn trương|phải khẩn trương)(?!\w)")


def _urged_after_doi_voi(text: str, start: int, end: int) -> Span | None:
    intro = DOI_VOI.match(text, start, end)
    if intro is None or not starts_with_body(text[intro.end() : end]):
        return None
    np_end = noun_phrase_end(text, intro.end())
    if np_end is None or np_end > end or ":" in text[intro.end() : np_end] or not URGING.match(text, np_end):
        return None
    return trim_np(text, Span(intro.end(), np_end, "lead"))


def _named_after_group(text: str, addressed: re.Match[str], end: int) -> Span | None:
    """The body named after the colon of a group's label: "Đối với các sở, ngành: Sở Xây dựng
    kiểm tra ..." asks Sở Xây dựng (the group only sorts the items)."""
    if not PLURAL.match(addressed.group("who")):
        return None
    after = _skip_spaces(text, addressed.end())
    rest = text[after:end]
    if not rest or not rest[0].isupper() or PLURAL.match(rest) or not starts_with_body(rest):
        return None
    lead = find_lead(text, after, end)
    return lead if lead is not None and lead.start == after else None


def _described_subject(text: str, start: int, end: int) -> Span | None:
    """A generic subject described up to its duty: "Các cơ quan quản lý nhà nước, tổ chức, cá
    nhân liên quan có trách nhiệm ...", "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ
    theo Kế hoạch này có trách nhiệm ...": what stands before "có trách nhiệm" / "phải" describes
    who, when the subject is a plural kind of body and nothing between reads as a clause of its
    own (a comma-separated predicate, a purpose, an assignment)."""
    plural = PLURAL.match(text[start:end])
    if plural is None or not text[start + plural.end()].islower():
        return None  # checked first: find_lead reads most subjects' noun phrase again after this
    np_end = noun_phrase_end(text, start)
    if np_end is None:
        return None
    duty = STRONG_PREDICATE.search(text, np_end, min(end, _word_limit(text, np_end, DESCRIBED_WORDS)))
    if duty is None or duty.start() == np_end:
        return None
    between = text[np_end : duty.start()]
    if re.search(r"[.;:()“”\"]", between) or PURPOSE.search(between) or _assign_or_support(between):
        return None
    if between.rstrip().endswith(","):  # "Các sở chủ động rà soát, phải báo cáo ...": a second clause
        return None
    if any(_first_lower(_predicate(), piece, 0, len(piece)) is not None for piece in between.split(",")[1:]):
        return None
    # "Các sở, ngành liên quan theo chức năng, nhiệm vụ có trách nhiệm ...": the manner is no part of who (probe BW)
    return trim_np(text, Span(start, np_end + len(between.rstrip()), "described"))


# How far a description may run before its duty, in words.
DESCRIBED_WORDS = 15
PURPOSE = re.compile(r"(?<!\w)(?:để|nhằm|bảo đảm|đảm bảo)(?!\w)")


def _assign_or_support(phrase: str) -> bool:
    return any(cue_pattern(kind).search(phrase) for kind in ("assign", "support"))


def _assign_after_subject(text: str, pos: int, end: int) -> re.Match[str] | None:
    """ "Bộ Chính trị giao X ...", "Ủy ban nhân dân Thành phố yêu cầu X ...": an issuer speaking."""
    if not starts_with_body(text[pos:end]):
        return None
    np_end = noun_phrase_end(text, pos)
    if np_end is None or np_end >= end:
        return None
    # "Sở Nội vụ phân công công chức theo dõi ...": an issuer's own staffing; "Phân công Sở X ..."
    # opening an item assigns
    m = cue_pattern("assign", case_sensitive=True, without="phân công").match(text, np_end)
    if m and _assign_target_follows(text, m.end(), end):
        return m
    return _coordinated_assign(text, np_end, end)


COORDINATION = re.compile(r",?\s+(?:và|đồng thời)\s+")


def _coordinated_assign(text: str, np_end: int, end: int) -> re.Match[str] | None:
    """A lead-in whose speaker first sets the tasks out, then hands them on: "Ban Chấp hành Đảng
    bộ tỉnh đề ra một số nhiệm vụ, giải pháp chủ yếu và giao các cấp ủy, tổ chức đảng ... tổ chức
    thực hiện:". Only in a lead-in (the colon ends it): in a task, "X kiểm tra ... và yêu cầu Y
    khắc phục" keeps X as its lead."""
    colon = text.find(":", np_end, end)
    if colon < 0 or text[colon + 1 : end].strip():
        return None
    clause_end = CLAUSE_END.search(text, np_end, colon)
    limit = clause_end.start() if clause_end else colon
    assign = cue_pattern("assign", case_sensitive=True, without="phân công")
    for joint in COORDINATION.finditer(text, np_end, limit):
        m = assign.match(text, joint.end())
        if m and _assign_target_follows(text, m.end(), end):
            return m
    return None


CLAUSE_END = re.compile(r"[;:\n]|\.\s")


def assign_after_topic(text: str, pos: int, end: int) -> re.Match[str] | None:
    """ "Việc tổ chức hội nghị sơ kết giao Văn phòng UBND tỉnh chủ trì ...": the assigning verb
    after a topic (no actor before it, unlike "Bộ Chính trị giao X"), in the topic's clause."""
    if not cue_pattern("topic").match(text, pos, end):
        return None
    clause_end = CLAUSE_END.search(text, pos, end)
    limit = clause_end.start() if clause_end else end
    assign = cue_pattern("assign", case_sensitive=True)
    at = _first_lower(assign, text, pos, limit)  # not "được giao", "bàn giao", "giao thông"
    m = assign.match(text, at) if at is not None else None
    return m if m and _assign_target_follows(text, m.end(), end) else None


def _assign_target_follows(text: str, pos: int, end: int) -> bool:
    return _assign_target(text[_skip_spaces(text, pos) : end])


def _assign_target(text: str) -> bool:
    """Whether an assigning verb's object names bodies (or those who lead them); the lead's own
    staff are none ("phân công công chức chuyên trách cập nhật ...", "phân công Phó Giám đốc phụ
    trách theo dõi ...": the lead hands its work down; probes BO, BP, BQ)."""
    return (starts_with_body(text) or _leadership_target(text)) and not OWN_STAFF.match(text)


# the lead's own people, named by no organ: "công chức kiểm lâm", "thành viên", "Phó Giám đốc phụ trách"
OWN_STAFF = re.compile(
    r"(?:[Cc]ác\s+)?(?:[Cc]ông chức|[Cc]án bộ|[Vv]iên chức|[Cc]huyên viên|[Tt]hành viên|[Nn]hân viên)(?!\w)"
    r"(?!(?:\s+[^\s,;.]+){0,2}\s+[A-ZĐ])"
    r"|(?:Phó\s+)?(?:Giám đốc|Trưởng phòng|Trưởng ban|Chánh Văn phòng)\s+(?:phụ trách|được phân công)(?!\w)"
    # "Phân công đồng chí cấp ủy viên phụ trách chuyển đổi số" (probe CA)
    r"|(?:(?:các\s+)?đồng chí\s+)?cấp\s+ủy\s+viên(?!\w)"
)


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t,:":  # "giao: Đảng ủy ..." names its object after a colon
        pos += 1
    return pos


def _noun_phrase(text: str, start: int, end: int, label: str) -> Span | None:
    np_end = noun_phrase_end(text, start)
    if np_end is None or np_end > end:
        return None
    if label == "lead" and SENTENCE_END.match(text, np_end):
        return None  # names that end their sentence with no predicate are no subject (a list of recipients)
    return trim_np(text, Span(start, np_end, label))


CO_LEAD_BEFORE = re.compile(r"(?<!\w)đồng\s+$", re.IGNORECASE)


def find_support(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The co-operating bodies after "phối hợp với": "phối hợp với Bộ Tư pháp rà soát" → "Bộ Tư pháp"."""
    end = len(text) if end is None else end
    for m in cue_pattern("support").finditer(text, start, end):
        if CO_LEAD_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "đồng chủ trì cùng X": X leads too
        np_start = _skip_spaces(text, m.end())
        if starts_with_body(text[np_start:end]):
            return _noun_phrase(text, np_start, end, "support") or _to_clause_end(text, np_start, end)
        if m.group(0).lower() != BARE_TOGETHER:
            return None
    return None


def _to_clause_end(text: str, start: int, end: int) -> Span | None:
    """Co-operating bodies that close their sentence with no predicate after them: "..., với sự
    phối hợp của Ủy ban nhân dân tỉnh Khánh Hòa." (probe BS)."""
    clause = re.match(r"[^;.\n]*", text[start:end])
    if clause is None or not clause.group(0).strip() or len(clause.group(0).split()) > CLOSING_SUPPORT_WORDS:
        return None
    return trim_np(text, Span(start, start + len(clause.group(0)), "support"))


CLOSING_SUPPORT_WORDS = 12


# "Sở Tài chính cùng Sở Xây dựng hoàn thiện ...": the second body works with the first (probe BW);
# "Công an tỉnh và Sở Y tế cùng xây dựng ..." acts together, so a bare "cùng" before no body reads on
BARE_TOGETHER = "cùng"


def find_directed(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The body a lead is told to direct: "Giao Bộ X chỉ đạo Cục Y rà soát ..." → "Cục Y"
    (GUIDELINES.md: Y takes part in the work and is listed with the co-operating bodies)."""
    return next(_directed(text, start, len(text) if end is None else end), None)


def find_all_directed(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Every body a lead is told to direct: "X lãnh đạo, chỉ đạo Chính phủ ban hành ...; chỉ đạo Bộ
    Công an chủ trì ..." → "Chính phủ", "Bộ Công an" (probe BI)."""
    return list(_directed(text, start, len(text) if end is None else end))


def _directed(text: str, start: int, end: int) -> Iterator[Span]:
    """The directed bodies in text order, read one at a time (find_directed needs only the first)."""
    for m in cue_pattern("directed").finditer(text, start, end):
        if _leaders_noun(text, m):
            continue  # "ý kiến chỉ đạo của Lãnh đạo Chính phủ", "yêu cầu Lãnh đạo các sở": the leaders
        if re.search(r"(?<!\w)ban\s+$", text[max(0, m.start() - 5) : m.start()], re.IGNORECASE):
            continue  # "Ban Chỉ đạo Phòng thủ dân sự tỉnh theo dõi ...": a board's name, not the verb
        np_start = _skip_spaces(text, m.end())
        if starts_with_body(text[np_start:end]) and (span := _noun_phrase(text, np_start, end, "support")):
            yield span


def _leaders_noun(text: str, cue: re.Match[str]) -> bool:
    """Whether "lãnh đạo" names the leaders rather than the act of leading: capitalised inside a
    sentence ("yêu cầu Lãnh đạo các sở"; "Lãnh đạo, chỉ đạo ..." opening an item leads), or
    after "của", "tham mưu", "báo cáo" (LEADERS_AFTER)."""
    if not cue.group(0).lower().startswith("lãnh đạo"):
        return False
    before = text[max(0, cue.start() - 16) : cue.start()]
    # (a line's first word follows the line before: "... tỉnh\nLãnh đạo, chỉ đạo X" leads)
    return (text[cue.start()].isupper() and re.search(r"\w[^\S\n]+$", before) is not None) or LEADERS_AFTER.search(
        before
    ) is not None


# words after which "lãnh đạo" names the leaders one advises or reports to: "tham mưu lãnh đạo Bộ
# tổng kết ..." (probe BK), "báo cáo lãnh đạo Sở", "ý kiến chỉ đạo của lãnh đạo ..."
LEADERS_AFTER = re.compile(r"\b(?:của|tham mưu(?:\s+cho)?|báo cáo|giúp|xin ý kiến)\s+$")


# "Rà soát ... (Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nội vụ; hoàn thành trong năm
# 2026)." — a plan's item names its roles in a closing bracket.
# the bracket closes the text, or only a short clause follows it ("(Bộ X chủ trì), hoàn thành
# trong quý III năm 2027.")
CLOSING_BRACKET = re.compile(r"\((?P<inside>[^()]{4,400})\)(?:\s*,\s*[^()]{0,80}?)?[\s.;,]*$")
LABELLED_LEAD = re.compile(r"(?:(?:cơ quan|đơn vị)\s+)?chủ trì\s*:\s*", re.IGNORECASE)
LABELLED_SUPPORT = re.compile(r"(?:(?:cơ quan|đơn vị)\s+)?phối hợp\s*:\s*", re.IGNORECASE)
SUPPORT_AFTER = re.compile(r"(?:^|;\s*)(?P<names>[^;:]+?)\s+phối hợp\s*(?=;|$)")


# "Xây dựng cơ sở dữ liệu ... do Sở Nội vụ chủ trì thực hiện": the body the work is done by
AGENT = re.compile(r"(?<!\w)do\s+")
# the lead's role word right after its name: "Sở Tài chính chủ trì, ...", "Sở X có trách nhiệm ..."
LEAD_ROLE_AFTER = re.compile(r"\s*,?\s*(?:" + cue_pattern("lead").pattern + ")")
AGENT_ACTS = re.compile(LEAD_ROLE_AFTER.pattern + r"|\s*,?\s*thực hiện(?!\w)")


def find_agent_lead(text: str, start: int, end: int) -> Span | None:
    """The lead named as the agent of the work, "do X chủ trì (thực hiện)", or None."""
    for m in AGENT.finditer(text, start, end):
        if not starts_with_body(text[m.end() : end]) or PURPOSE_OPENING.search(text, start, m.start()):
            continue  # "... để triển khai các nhiệm vụ của Kế hoạch do Thành phố thực hiện": a purpose's detail
        lead = _noun_phrase(text, m.end(), end, "lead")
        # "do Sở X chủ trì (thực hiện)", "do Phòng X thực hiện": a named body and its role; not a
        # clause that only says who manages something ("các dự án do địa phương quản lý")
        if lead is not None and text[lead.start].isupper() and AGENT_ACTS.match(text, lead.end, end):
            return lead
    return None


def find_bracketed_roles(text: str, start: int, end: int) -> tuple[Span | None, Span | None]:
    """(lead, co-operating bodies) named in a bracket that closes the text, when it says who
    leads: "(Sở X chủ trì, phối hợp với Sở Y; ...)", "(Sở X chủ trì; Sở Y, Sở Z phối hợp)",
    "(Cơ quan chủ trì: Sở X; cơ quan phối hợp: Sở Y; thời gian: 2026)"."""
    bracket = CLOSING_BRACKET.search(text, start, end)
    if bracket is None or not re.search(r"chủ trì", bracket["inside"], re.IGNORECASE):
        return None, None
    inner_start, inner_end = bracket.start("inside"), bracket.end("inside")
    return _bracket_field(text, inner_start, inner_end, LABELLED_LEAD, "lead") or find_lead(
        text, inner_start, inner_end
    ), _bracket_support(text, inner_start, inner_end)


def _bracket_field(text: str, start: int, end: int, label: re.Pattern[str], kind: str) -> Span | None:
    m = label.search(text, start, end)
    if m is None:
        return None
    return trim_np(text, Span(m.end(), _field_end(text, m.end(), end), kind))


def _field_end(text: str, start: int, end: int) -> int:
    """Where a labelled field ends: at the semicolon before the next label, not at one between
    its names ("Cơ quan chủ trì: các sở, ban, ngành; UBND các xã, phường; thời gian: ...")."""
    stop = text.find(";", start, end)
    while stop > 0:
        following = text.find(";", stop + 1, end)
        piece = text[stop + 1 : following if following > 0 else end].strip()
        if ":" in piece or not starts_with_body(piece):
            return stop
        stop = following
    return end


def _bracket_support(text: str, start: int, end: int) -> Span | None:
    labelled = _bracket_field(text, start, end, LABELLED_SUPPORT, "support")
    if labelled is not None:
        return labelled
    after = SUPPORT_AFTER.search(text[start:end])
    if after is not None and starts_with_body(after["names"].strip()):
        names_start = start + after.start("names")
        return trim_np(text, Span(names_start, start + after.end("names"), "support"))
    return find_support(text, start, end)


LEAD_THEN_SUPPORT = re.compile(r"chủ trì\s*[,;]\s*", re.IGNORECASE)


def find_support_before_cue(text: str, start: int, end: int) -> Span | None:
    """Co-operating bodies named before their cue: "Sở Y tế chủ trì, Sở Tài chính và Bảo hiểm
    xã hội tỉnh phối hợp tổ chức khám ..." → "Sở Tài chính và Bảo hiểm xã hội tỉnh"."""
    m = LEAD_THEN_SUPPORT.search(text, start, end)
    if m is None or not starts_with_body(text[m.end() : end]):
        return None
    if not (text[m.end()].isupper() or PLURAL.match(text[m.end() : end])):
        return None  # "cơ quan chủ trì, cơ quan phối hợp" names roles, not bodies
    np_end = noun_phrase_end(text, m.end())
    if np_end is None or np_end >= end or not cooperates_alone(text, np_end, end):
        return None
    return trim_np(text, Span(m.end(), np_end, "support"))


def cooperates_alone(text: str, pos: int, end: int) -> bool:
    """Whether "phối hợp" at ``pos`` has no partner after it ("... phối hợp tổ chức khám"), so the
    subject co-operates; "phối hợp với Bộ Y tế" and "phối hợp Bộ Y tế" name the partner."""
    m = re.match(r"phối hợp(?:\s*,)?\s+", text[pos:end], re.IGNORECASE)
    if m is None:
        return False
    after = text[pos + m.end() : end]
    return not re.match(r"(?:với|cùng)(?!\w)", after) and not starts_with_body(after)
