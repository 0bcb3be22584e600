"""Deadlines of assigned tasks: find them in a task's text and normalise them.

Example: ``governing_deadline("... trình Thủ tướng Chính phủ trước ngày 20 tháng 10 năm 2024.",
issued=date(2024, 10, 14))`` gives ``Deadline(kind=date, date=2024-10-20)``, while the date of a
cited document in the same sentence ("Thông báo số 09/TB-VPCP ngày 11 tháng 01 năm 2024") is
not a deadline.

The grammar has three tiers, tried on every text:

* time expressions: a day, a month, a quarter, a part of a year, a year, a range of them, a named
  event ("Tết Nguyên đán") and recurrences ("hằng quý", "định kỳ 6 tháng", "02 lần/ngày");
* counted relative deadlines ("trong thời hạn 3 ngày làm việc kể từ ngày ban hành");
* event clauses ("sau khi nước rút", "trước khi trình Thủ tướng Chính phủ").

A day, month, quarter or year counts as a deadline only after a cue ("trước", "chậm nhất",
"trong", "đến hết", "hoàn thành", "Thời hạn:"). Without one ("Kết luận số 150-KL/TW, ngày
14/4/2025", "tại phiên họp ngày 14/11/2025"), or after "từ" (an effective date) or "tính đến"
(a cut-off), it is a mention. ``parse_deadline`` reads one phrase such as a table cell, where no
cue is needed. The words come from ``data/deadline_*.tsv``; the meaning of
each kind is ``shared/corpus/GUIDELINES.md`` "deadline.kind".
"""

from __future__ import annotations

import calendar as gregorian
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache

from extraction.lexicon import compound_readings, cues, data_rows
from extraction.types import Deadline, DeadlineKind, Span

__all__ = ["find_deadlines", "governing_deadline", "parse_deadline"]

_LABEL = "deadline"
_DATED_KINDS = (DeadlineKind.DATE, DeadlineKind.PERIOD)


# --- lexicon ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    """A time unit: its approximate length in days and the recurrence it makes after "hằng"."""

    name: str
    days: float
    recurrence: str | None


# an event that dates a deadline only with the day the text prints ("trước ngày khai giảng 05/9/2026")
PRINTED_ONLY = "printed"


@dataclass(frozen=True, slots=True)
class _Event:
    """A named event: ``when`` is "MM-DD", "holiday:<name>" (the holidays package), "year",
    PRINTED_ONLY or None."""

    kind: DeadlineKind
    when: str | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    units: dict[str, _Unit]
    numbers: dict[str, int]
    roman: dict[str, int]
    year_parts: dict[str, tuple[int, int]]
    month_parts: dict[str, int]
    events: dict[str, _Event]
    cues: dict[str, tuple[str, ...]]

    def cue(self, role: str) -> tuple[str, ...]:
        return self.cues.get(role, ())


@cache
def _lexicon() -> _Lexicon:
    units = {
        phrase.lower(): _Unit(unit, float(days), None if rec == "-" else rec)
        for phrase, unit, days, rec in data_rows("deadline_units.tsv")
    }
    cues: dict[str, list[str]] = {}
    for role, phrase in data_rows("deadline_cues.tsv"):
        cues.setdefault(role, []).append(phrase.lower())
    return _Lexicon(
        units=units,
        numbers={word.lower(): int(value) for word, value in data_rows("deadline_numbers.tsv")},
        roman={numeral.upper(): int(value) for numeral, value in data_rows("deadline_roman.tsv")},
        year_parts={
            phrase.lower(): (int(first), int(last)) for phrase, first, last in data_rows("deadline_year_parts.tsv")
        },
        month_parts={phrase.lower(): int(last) for phrase, last in data_rows("deadline_month_parts.tsv")},
        events={
            name.lower(): _Event(DeadlineKind(kind), None if when == "-" else when)
            for name, kind, when in data_rows("deadline_events.tsv")
        },
        cues={role: tuple(phrases) for role, phrases in cues.items()},
    )


# --- grammar ---------------------------------------------------------------------------------


def _alt(phrases: Iterable[str]) -> str:
    """A non-capturing alternation of phrases, longest first, any whitespace between words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


@dataclass(frozen=True, slots=True)
class _Grammar:
    """Compiled patterns. ``rules`` maps a rule name to its pattern, tried in that order."""

    rules: dict[str, re.Pattern[str]]
    gates: dict[str, tuple[tuple[str, ...], ...]]
    item: re.Pattern[str]
    cue: re.Pattern[str]
    start: re.Pattern[str]
    cutoff: re.Pattern[str]
    passive: re.Pattern[str]
    obligation: re.Pattern[str]
    case_opening: re.Pattern[str]
    hand_on: re.Pattern[str]
    ensure: re.Pattern[str]
    plan_before: re.Pattern[str]
    plan_near: re.Pattern[str]
    doctype_before: re.Pattern[str]
    report_before: re.Pattern[str]
    report_word: re.Pattern[str]
    report_after: re.Pattern[str]
    remaining_after: re.Pattern[str]
    past_before: re.Pattern[str]
    averted_before: re.Pattern[str]
    event_word: re.Pattern[str]
    self_anchor: re.Pattern[str]
    effective: re.Pattern[str]
    in_force: re.Pattern[str]
    back_anchor: re.Pattern[str]
    none_word: re.Pattern[str]
    full_day: tuple[re.Pattern[str], ...]


_FLAGS = re.IGNORECASE


@cache
def _grammar() -> _Grammar:
    """The compiled grammar, built from the lexicon on first use."""
    lex = _lexicon()
    cue = lex.cue
    rules = _time_rules(lex) | _recurrence_rules(lex) | _relative_rules(lex)
    unread = sorted(set(rules) - set(_HANDLERS))
    if unread:
        raise LookupError(f"deadline rules without a reader in _HANDLERS: {', '.join(unread)}")
    compiled = {name: re.compile(pattern, _FLAGS) for name, pattern in rules.items()}
    cue_groups = "|".join(
        rf"(?P<{role}>{_alt(cue(role))})"
        for role in ("label", "done", "latest", "before", "until", "horizon", "at", "within")
    )
    time_of_day = r"(?:\d{1,2}\s*(?:h|giờ)\s*(?:\d{2})?\s*(?:phút|’|')?\s*,?\s*)?"

    def ending(words: str, tail: str = "") -> re.Pattern[str]:
        """Words at the very end of a left context ("... kế hoạch 5 năm và ")."""
        return re.compile(rf"(?<!\w){words}{tail}\s*,?\s*$", _FLAGS)

    return _Grammar(
        rules=compiled,
        gates=_gates(lex),
        item=re.compile(_recurrence_item(lex), _FLAGS),
        cue=re.compile(
            rf"(?<!\w)(?:(?P<prefix>{_alt(cue('done'))})\s+)?(?:{cue_groups})"
            rf"(?:\s+{_alt(cue('cue_tail'))}){{0,2}}\s*(?:là\s*)?:?\s*{time_of_day}$",
            _FLAGS,
        ),
        start=ending(_alt(cue("start")), r"(?:\s+ngày)?"),
        cutoff=ending(_alt(cue("cutoff")), r"(?:\s+hết)?(?:\s+ngày)?"),
        passive=ending(_alt(cue("passive")), r"\s+(?P<verb>\w+(?:\s+\w+)?)"),
        obligation=ending(_alt(cue("obligation"))),
        hand_on=re.compile(rf"(?<!\w){_alt(cues('purpose'))}(?!\w)", _FLAGS),
        ensure=re.compile(rf"(?<!\w){_alt(cue('ensure'))}(?!\w)", _FLAGS),
        case_opening=re.compile(
            rf"\s*(?:[-+•*]\s*|[\da-zđ]{{1,3}}[.)]\s*)?(?:{_alt(cues('condition'))})(?!\w)", _FLAGS
        ),
        plan_before=ending(_alt(cue("plan"))),
        # "kế hoạch 5 năm và hằng năm" names a plan; "Kế hoạch trước ngày 10/12 hằng năm" sets a day
        # "kế hoạch 5 năm và hằng năm" names a plan; "báo cáo kết quả thực hiện Kế hoạch về UBND
        # tỉnh 6 tháng và hằng năm" sends a report somewhere, and that recurs
        plan_near=ending(_alt(cue("plan")), r"(?:\s+(?!(?:ngày|về|cho|lên|tới)(?!\w))\S+){0,4}"),
        doctype_before=ending(_alt(cue("doctype"))),
        report_before=ending(_alt(cue("report"))),
        # up to two words between: "định kỳ tổ chức sơ kết", "định kỳ tổng hợp báo cáo"
        report_word=re.compile(rf"(?<!\w){_alt(cue('report'))}(?!\w)", _FLAGS),
        report_after=re.compile(rf"^\s*(?:\S+\s+){{0,2}}{_alt(cue('report'))}(?!\w)", _FLAGS),
        remaining_after=re.compile(rf"\s*,?\s*{_alt(cue('remaining'))}(?!\w)", _FLAGS),
        past_before=ending(_alt(cue("past")), r"(?:\s+\S+){0,2}"),
        averted_before=ending(_alt(cue("averted")), r"(?:\s+[^\s\d]+){0,4}"),
        event_word=re.compile(rf"(?<!\w){_alt(cue('event'))}(?!\w)", _FLAGS),
        self_anchor=re.compile(
            rf"^\s*(?:ngày\s+)?(?:{_alt(cue('doctype'))}(?:\s+này)?\s+(?:được\s+)?)?"
            # "kể từ ngày ký", "... ngày ban hành văn bản này", "... ngày ký Công văn này"
            rf"{_alt(cue('self_event'))}(?:\s+(?:{_alt(cue('self_event_tail'))}|{_alt(cue('doctype'))})(?:\s+này)?)?\s*$",
            _FLAGS,
        ),
        effective=re.compile(rf"(?<!\w){_alt(cue('effective'))}(?!\w)", _FLAGS),
        # "Quyết định này có hiệu lực thi hành kể từ ngày ký", "Kế hoạch có hiệu lực từ ngày 01/02/2027"
        in_force=re.compile(
            rf"(?<!\w)(?:{_alt(cue('doctype'))}|văn bản)(?:\s+này)?\s+{_alt(cue('effective'))}"
            rf"\s+(?:kể\s+)?từ\s+(?P<anchor>[^.;\n]{{1,80}})",
            _FLAGS,
        ),
        back_anchor=ending(rf"{_alt(cue('back_anchor'))}\s+(?P<anchor>[^.;:\n]{{1,400}}?)"),
        none_word=re.compile(rf"(?<!\w){_alt(cue('none'))}(?!\w)", _FLAGS),
        full_day=(compiled["day_num"], compiled["day_text"]),
    )


_QUARTER = r"(?:IV|I{1,3}|[1-4])(?!\w)"
_RANGE_SEP = r"\s*(?:-|–|—|đến|tới)\s*"


def _year_tail(slash: str, word: str) -> str:
    """A year after a month or quarter: "/2026", "-2026", " năm 2026"."""
    return rf"(?:\s*[/.\-]\s*(?P<{slash}>\d{{4}})|\s*(?:,\s*)?năm\s+(?P<{word}>\d{{4}}))"


def _time_rules(lex: _Lexicon) -> dict[str, str]:
    """Days, months, quarters, parts of a year, years, their ranges and named events."""
    day_end = (
        r"(?P<d>\d{1,2})(?:\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}))?"
        r"|\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y2>\d{4}))?)"
    )
    quarter = rf"qu[ýí]\s+{_QUARTER}"
    return {
        "day_range": (
            r"(?<!\w)(?:(?P<from>từ)\s+)?ngày\s+\d{1,2}(?:\s*[/.\-]\s*\d{1,2})?"
            rf"{_RANGE_SEP}(?:ngày\s+)?{day_end}"
        ),
        "day_num": (
            r"(?:(?<!\w)ngày\s+)?(?<![\w/.\-])(?P<d>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m>\d{1,2})"
            r"\s*(?P=s)\s*(?P<y>\d{4}|\d{2})(?!\d)(?!/\d)"
        ),
        "day_text": (
            # "ngày" may go unsaid before a full date: "xong trước 31 tháng 12 năm 2026"
            r"(?:(?<!\w)ngày\s+|(?<![\w/.\-])(?=\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4}))"
            r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
            r"(?:\s*(?:,\s*)?năm\s+(?P<y>\d{4})|\s*[/,]\s*(?P<y2>\d{4}))?(?!\s*[/\-]?\s*\d)"
        ),
        # a full stop after the month ends the sentence ("trước ngày 15/12."); one before a digit is a year
        "day_dm": r"(?<!\w)ngày\s+(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?![\d/\-]|\.\d)",
        "dm_bare": r"(?<![\w/.\-])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\w/\-]|\.\d)",
        "month_range": (
            r"(?<!\w)(?:(?P<from>từ)\s+)?tháng\s+(?P<m1>\d{1,2})(?:\s*[/.\-]\s*\d{4})?"
            # a list of months ends with its last: "trong tháng 11 và tháng 12 năm 2026"
            rf"(?:{_RANGE_SEP}|\s*(?:,|và)\s*)(?:tháng\s+)?(?P<m>\d{{1,2}})"
            r"\s*(?:[/.\-]\s*|(?:,\s*)?năm\s+)(?P<y>\d{4})"
        ),
        # "vào trung tuần tháng 4/2025", "đầu tháng 3/2025": a third of the month (month_parts.tsv)
        "month_part": (
            rf"(?<!\w)(?P<part>{_alt(lex.month_parts)})\s+tháng\s+(?P<m>\d{{1,2}}){_year_tail('y', 'y2')}?(?![\d/])"
        ),
        "month": rf"(?<!\w)tháng\s+(?P<m>\d{{1,2}}){_year_tail('y', 'y2')}?(?![\d/])",
        "quarter_range": (
            # a list of quarters ends with its last: "Quý I và Quý II/2026", "quý I, II năm 2026"
            rf"(?<!\w)(?:(?P<from>từ)\s+)?(?P<q1>{quarter}){_year_tail('y1', 'y1b')}?"
            rf"(?:{_RANGE_SEP}|\s*(?:,|và)\s*)(?:qu[ýí]\s+)?(?P<q>{_QUARTER}){_year_tail('y', 'y2')}"
        ),
        "quarter": rf"(?<!\w)(?P<q>{quarter}){_year_tail('y', 'y2')}?",
        "year_part": (rf"(?<!\w)(?P<part>{_alt(lex.year_parts)})\s+năm(?:\s+(?P<y>\d{{4}})|\s+nay(?!\w))?(?![\d/])"),
        # the year, quarter, month or week of issue: "hoàn thành trong năm nay", "trong tháng này"
        "this_period": r"(?<!\w)(?P<unit>năm|quý|quí|tháng|tuần)\s+(?:nay|này)(?!\w)",
        # "báo cáo ... trong tuần", "di dời dân ngay trong ngày": the week or the day of issue
        "this_unit": r"(?<=trong\s)(?P<unit>tuần|ngày)(?=\s*(?:[.;,)]|$))",
        "year_range": (
            rf"(?<!\w)(?:(?P<lead>{_alt(lex.cue('range_lead'))}|từ)\s+)?(?:năm\s+)?"
            rf"(?<![\d/.\-])(?P<y1>(?:19|20)\d{{2}}){_RANGE_SEP}(?:năm\s+)?"
            r"(?P<y>(?:19|20)\d{2})(?![\d/])"
        ),
        "year": r"(?<!\w)năm\s+(?P<y>(?:19|20)\d{2})(?![\d/])",
        "year_bare": r"(?<![\w/.\-])(?P<y>(?:19|20)\d{2})(?![\w/])",
        "event": (
            rf"(?<!\w)(?P<at>tại\s+)?(?:ngày\s+)?(?:lễ\s+)?(?P<ev>{_alt(lex.events)})(?!\w)"
            rf"(?:\s+{_alt(lex.cue('lunar_stem'))}\s+{_alt(lex.cue('lunar_branch'))}(?!\w))?"
            r"(?:\s+(?:lần\s+thứ\s+\d{1,2}|(?:lần\s+thứ\s+)?[IVXL]{1,6})(?!\w))?"
            rf"(?:\s+thứ\s+(?:\d{{1,2}}|nhất|{_alt(lex.numbers)})(?!\w))?(?:\s+(?:thường\s+lệ|chuyên\s+đề|bất\s+thường))?"
            # the month it is held in: "kỳ họp chuyên đề tháng 4/2025", "Hội nghị Ban Chấp hành Đảng bộ
            # tỉnh tháng 12/2026", "phiên họp tháng 12 năm 2026"
            r"(?:(?:\s+[^\s\d,.;:()/]+){0,6}?\s+tháng\s+(?P<mo>\d{1,2})(?:\s*[/.\-]\s*|\s+năm\s+)(?P<moy>\d{4})(?![\d/]))?"
            r"(?:\s+(?:(?P<part>cuối|giữa)\s+)?(?:năm\s+)?(?P<y>\d{4})(?![\d/]))?"
            # "khai giảng năm học 2026 - 2027 (05/9/2026)": the school year, then the printed day
            r"(?:\s+năm\s+học\s+(?:\d{4}\s*[-–]\s*\d{4}|mới))?"
            r"(?:\s*\(?\s*(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})"
            r"(?:\s*[/.\-]\s*(?P<yy>\d{4}))?(?![\d/]))?"
        ),
    }


def _number(lex: _Lexicon) -> str:
    return rf"(?:\d{{1,3}}|{_alt(lex.numbers)})"


def _recurring_units(lex: _Lexicon) -> str:
    return _alt(p for p, u in lex.units.items() if u.name in _RECURRING_UNITS)


def _recurrence_item(lex: _Lexicon) -> str:
    """One item of a recurrence list: "hằng quý", "6 tháng", "năm"."""
    return (
        rf"(?:{_alt(lex.cue('every'))}\s+)?(?:(?P<n>{_number(lex)})\s+)?"
        rf"(?P<unit>{_recurring_units(lex)})(?!\w)(?!\s*\d)"
    )


def _recurrence_rules(lex: _Lexicon) -> dict[str, str]:
    """Recurrences: "hằng quý", "định kỳ hằng quý, 6 tháng, năm", "02 lần/ngày" ..."""
    every, periodic = _alt(lex.cue("every")), _alt(lex.cue("periodic"))
    units, number = _recurring_units(lex), _number(lex)
    months = _alt(p for p, u in lex.units.items() if u.name in ("month", "quarter"))
    item = re.sub(r"\?P<\w+>", "?:", _recurrence_item(lex))
    once = r"(?:\s*/\s*lần|\s+(?:một|1)\s+lần)"
    return {
        "rec_day_of": (rf"(?<!\w)ngày\s+(?P<d>\d{{1,2}})(?:\s+của)?\s+{every}\s+(?P<unit>{months})(?!\w)"),
        # "hằng tháng (trước ngày 25)", "hằng quý, chậm nhất ngày 15": the cycle, then its day
        "rec_unit_day": (
            rf"(?<!\w){every}\s+(?P<unit>{months})\s*(?:\(|,)\s*(?:trước|chậm nhất(?:\s+là)?|vào)?\s*"
            rf"ngày\s+(?P<d>\d{{1,2}})(?![\d/\-]|\.\d|\s+tháng)(?:\s*\))?"
        ),
        "rec_last_day": (rf"(?<!\w)ngày\s+cuối(?:\s+cùng)?(?:\s+của)?\s+(?:{every}\s+)?(?P<unit>{units})(?!\w)"),
        "rec_list": (
            # "báo cáo 6 tháng, năm", "6 tháng và cả năm": the reporting cycle needs no cue word
            rf"(?<!\w)(?:{periodic}\s+(?:theo\s+)?{item}|{every}\s+{units}(?!\w)(?!\s*\d)"
            rf"|(?:6|sáu)\s+tháng(?=\s*(?:,|và)\s*(?:{every}\s+|cả\s+)?năm(?!\w)(?!\s*\d)))"
            rf"(?:\s*(?:,|và|hoặc|/)\s*(?:cả\s+)?{item})*{once}?"
        ),
        "rec_per": (
            rf"(?<!\w)(?P<n>{number})\s+(?:lần|đợt)\s*(?:/|một|mỗi|trong\s+(?:một|1)|trên)\s*"
            rf"(?P<unit>{units})(?!\w)"
        ),
        # "mỗi quý 01 đợt", "hằng năm 02 lần": the cycle first, then how often in it
        "rec_each_per": (
            rf"(?<!\w)(?:mỗi|{every})\s+(?P<unit>{units})\s+(?:ít nhất\s+|tối thiểu\s+)?"
            rf"(?P<n>{number})\s+(?:lần|đợt)(?!\w)"
        ),
        # (every few hours too: "định kỳ 03 giờ một lần cung cấp bản tin", probe BS)
        "rec_every_n": rf"(?<!\w)(?P<n>{number})\s+(?P<unit>{units}|giờ){once}(?!\w)",
        # "Tháng 12 hằng năm", "tháng 6 và tháng 12 hằng năm", "Quý IV hằng năm": a yearly cycle that
        # names its month or quarter (GUIDELINES: the first due date on or after the issue date)
        "rec_month_of": (
            rf"(?<!\w)(?<!\d\s)(?:(?:tháng\s+(?P<m>\d{{1,2}})|qu[ýí]\s+(?P<q>{_QUARTER}))"
            rf"(?:\s*(?:,|và)\s*(?:tháng\s+\d{{1,2}}|qu[ýí]\s+{_QUARTER}))*)\s+(?:hằng|hàng)\s+năm(?!\w)"
        ),
        # "hằng tháng ... trước ngày 10 của tháng sau": the day each month's report is due
        "rec_next_month_day": (
            r"(?<!\w)ngày\s+(?P<d>\d{1,2})\s+(?:của\s+)?tháng\s+(?:sau|tiếp\s+theo|kế\s+tiếp)(?!\w)"
        ),
        # "báo cáo hằng tháng về Sở (qua Văn phòng Sở) trước ngày 20": a day with no month, apart
        # from its monthly cycle
        "rec_cycle_day": (
            r"(?<!\w)(?:trước|chậm nhất(?:\s+là)?|vào)\s+ngày\s+(?P<d>\d{1,2})"
            r"(?![\d/\-]|\.\d|\s*(?:tháng|của|,?\s*hằng|,?\s*hàng))"
        ),
        # "trước ngày 25 của tháng cuối quý": the same month of every quarter
        "rec_month_of_quarter": (
            rf"(?<!\w)(?:ngày\s+(?P<d>\d{{1,2}})\s+(?:của\s+)?)?tháng\s+(?P<which>đầu|cuối|thứ\s+hai)"
            rf"\s+(?:của\s+)?(?:{every}\s+)?qu[ýí](?!\s*(?:[IVX]+\b|\d|sau|tới|trước))"
        ),
        "rec_periodic": rf"(?<!\w){periodic}(?!\w)(?:\s*(?:,|hoặc|và)\s*{_alt(lex.cue('ad_hoc'))})?",
        # a cycle with its day in brackets: "định kỳ 6 tháng (trước ngày 20/6) và năm (trước ngày 15/12)",
        # "hằng quý (trước ngày 20/3)" (GUIDELINES: a recurrence that names its day carries its first
        # due date; probe BP)
        "rec_cycle_bracket_day": (
            rf"(?<!\w){_recurrence_item(lex)}\s*\(\s*(?:trước|chậm nhất(?:\s+là)?|vào)?\s*(?:ngày\s+)?"
            r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?![\d/.\-])\s*\)"
        ),
        # the days of a weekly cycle: "vào thứ Hai và thứ Năm hằng tuần", "trước 15 giờ thứ Sáu hằng
        # tuần", "hằng tuần (trước 15 giờ 00 ngày thứ Năm)" (GUIDELINES: a recurrence that names its day
        # in the cycle carries its first due date; probes AZ, BD, BJ, BK, BP)
        "rec_weekday": (
            rf"(?<!\w)(?:{_WEEKDAYS}(?:\s*(?:,|và)\s*{_WEEKDAYS})*\s+(?:của\s+)?(?:hằng|hàng|mỗi)\s+tuần"
            rf"|(?:hằng|hàng|mỗi)\s+tuần\s*(?:\(|,)[^()\n]{{0,30}}?{_WEEKDAYS}(?:\s*\))?)(?!\w)"
        ),
        "onward": (rf"(?<!\w)(?:từ\s+)?năm\s+(?P<y>\d{{4}})\s*,?\s+{_alt(lex.cue('onward'))}(?!\w)"),
    }


def _relative_rules(lex: _Lexicon) -> dict[str, str]:
    """Counted relative deadlines and event clauses; a range counts to its end ("trong 18-24
    tháng kể từ ...": 24 months)."""
    cue = lex.cue
    number, units = _number(lex), _alt(lex.units)
    bare_khi = r"(?<!đến\s)(?<!tới\s)khi"  # "cho đến khi" is "until", not an event clause
    return {
        "rel_count": (
            rf"(?<!\w)(?P<lead>{_alt(cue('relative') + cue('lead_time') + cue('ceiling'))})\s+"
            rf"(?:{_alt(cue('ceiling'))}\s+)?(?:{number}\s*[-–]\s*)?(?P<n>{number})\s+(?P<unit>{units})(?!\w)"
            r"(?!\s*(?:đầu|cuối)\s+năm)(?!\s*[/\d])"
            rf"(?P<past>\s+{_alt(cue('past_tail'))}(?!\w))?"
            rf"(?:\s+{_alt(cue('count_tail'))}(?!\w))?"
            # the anchor ends before a purpose: "... kể từ ngày ký văn bản này để tổng hợp, báo cáo"
            rf"(?:\s*,?\s*{_alt(cue('anchor'))}\s+(?P<anchor>(?:(?!\s(?:để|nhằm)\s)[^,.;:()\n]){{1,120}}))?"
        ),
        "rel_after": (
            rf"(?<!\w)sau\s+khi\s+(?P<anchor>[^,.;:()\n]{{1,80}}?)\s+(?P<n>{number})\s+"
            rf"(?P<unit>{units})(?!\w)"
        ),
        # counted back from an event named first: "trước ngày khai mạc 10 ngày", "trước kỳ họp 20 ngày"
        "rel_before": (
            r"(?<!\w)trước\s+(?P<anchor>(?:ngày|khi|kỳ|phiên|hội|đại)(?!\w)[^,.;:()\n\d]{1,80}?)\s+"
            rf"(?:{_alt(cue('lead_time'))}\s+)?(?P<n>{number})\s+(?P<unit>{units})(?!\w)(?!\s*[/\d])"
        ),
        # "trước ngày khởi công Dự án": a day of the document's own event, kept where it gives the day
        "before_event_day": (r"(?<!\w)trước\s+(?P<anchor>ngày\s+[^,.;:()\n\d]{2,60}?)(?=\s*(?:[,.;:()\n]|$))"),
        "rel_event": (
            rf"(?<!\w)(?P<lead>{_alt(p for p in cue('event_lead') if p != 'khi')}|{bare_khi})"
            r"\s+(?!\d)(?P<clause>[^.;:()\n]{1,150})"
        ),
    }


def _gates(lex: _Lexicon) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Words a rule cannot match without: each group needs one of its words in the text.

    Checking them with ``in`` on the lower-cased text skips most rules on most sentences.
    """
    count = (_DIGIT, *lex.numbers)
    every = lex.cue("every")
    return {
        "day_range": (("ngày",), (_DIGIT,)),
        "day_num": ((_DIGIT,),),
        "day_text": (("tháng",), (_DIGIT,)),
        "day_dm": (("ngày",), (_DIGIT,)),
        "dm_bare": (("/",), (_DIGIT,)),
        "month_range": (("tháng",), (_DIGIT,)),
        "month": (("tháng",), (_DIGIT,)),
        "month_part": (("tháng",), (_DIGIT,), tuple({p.split()[0] for p in lex.month_parts})),
        "quarter_range": (("quý", "quí"),),
        "quarter": (("quý", "quí"),),
        "year_part": (("năm",), tuple({p.split()[-1] for p in lex.year_parts})),
        "this_period": (("nay", "này"),),
        "this_unit": (("trong tuần", "trong ngày"),),
        "year_range": ((_DIGIT,),),
        "onward": (("năm",), (_DIGIT,)),
        "year": (("năm",), (_DIGIT,)),
        "year_bare": ((_DIGIT,),),
        "event": (tuple({name.split()[0] for name in lex.events}),),
        "rec_day_of": (("ngày",), every),
        "rec_unit_day": (("ngày",), every),
        "rec_last_day": (("cuối",),),
        "rec_list": ((*every, "định", "tháng"),),
        "rec_per": (("lần", "đợt"),),
        "rec_each_per": (("lần", "đợt"), ("mỗi", *every)),
        "rec_every_n": (("lần",),),
        "rec_month_of": (("năm",), ("tháng", "quý", "quí")),
        "rec_month_of_quarter": (("tháng",), ("quý", "quí")),
        "rec_next_month_day": (("ngày",), ("sau", "tiếp", "kế")),
        "rec_cycle_day": (("ngày",), ("hằng tháng", "hàng tháng", "mỗi tháng")),
        "rec_periodic": (("định",),),
        "rec_weekday": (("tuần",), ("thứ", "chủ nhật")),
        "rec_cycle_bracket_day": (("(",), ("tháng", "quý", "quí", "năm")),
        "rel_count": (count,),
        "rel_after": (("sau",), count),
        "rel_before": (("trước",), count),
        "before_event_day": (("trước ngày",),),
        "rel_event": (("khi", "ngày"),),
    }


_YEARS = range(1900, 3000)  # the years a directive can mean; any other is a typo
# the days of the week as written, Monday (thứ Hai) first: date.weekday() numbers them so
WEEKDAY_NAMES = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")
_WEEKDAYS = r"(?:ngày\s+)?(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)"
_DIGIT = "0-9"
_HAS_DIGIT = re.compile(r"\d")
_RECURRING_UNITS = frozenset({"day", "week", "month", "quarter", "half_year", "year"})
_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


# --- calendar arithmetic ---------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, gregorian.monthrange(year, month)[1])


def _day(year: int, month: int, day: int, warnings: list[str]) -> date | None:
    """The day, or None with a warning when it does not exist ("31/2/2026")."""
    try:
        return date(year, month, day)
    except ValueError:
        warnings.append(f"there is no day {day}/{month}/{year}; the date is left empty")
        return None


def _year(digits: str, warnings: list[str]) -> int | None:
    """A four-digit year, or a two-digit one read as 20xx with a warning ("25/6/26")."""
    if len(digits) == 2:
        warnings.append(f"two-digit year {digits} read as 20{digits}")
        return 2000 + int(digits)
    if int(digits) not in _YEARS:
        warnings.append(f"the year {digits} is out of range; the date is left empty")
        return None
    return int(digits)


def _next_day_of_year(month: int, day: int, issued: date | None, warnings: list[str]) -> date | None:
    """A day written without a year: the issue year, or the next one if it has passed."""
    if issued is None:
        warnings.append("no year is given and the issue date is unknown")
        return None
    found = _day(issued.year, month, day, warnings)
    if found is not None and found < issued:
        found = _day(issued.year + 1, month, day, warnings)
    return found


def _year_of_period(last_month: int, issued: date | None, warnings: list[str]) -> int | None:
    """The year of a month or quarter written without one: it must not have ended at issue."""
    if issued is None:
        warnings.append("no year is given and the issue date is unknown")
        return None
    return issued.year if last_month >= issued.month else issued.year + 1


def _add_months(start: date, months: int) -> date:
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    return date(year, month, min(start.day, gregorian.monthrange(year, month)[1]))


def _add_working_time(start: date, count: int, unit: str) -> date:
    """``count`` working days or hours after the day ``start`` (counting from the next day)."""
    # Imported here: the calendar loads its holiday tables on first use.
    from extraction.calendar import default_calendar

    work = default_calendar()
    if unit == "working_day":
        return work.add_working_days(start, count)
    return work.add_working_hours(datetime.combine(start + timedelta(days=1), time.min), count).date()


def _add_duration(start: date, count: int, unit: _Unit) -> date:
    if unit.name in ("working_day", "working_hour"):
        return _add_working_time(start, count, unit.name)
    if unit.name == "hour":
        return start + timedelta(days=math.ceil(count / 24))
    if unit.name in ("day", "week"):
        return start + timedelta(days=count * round(unit.days))
    return _add_months(start, count * _MONTHS[unit.name])


@cache
def _holiday(name: str, year: int) -> date | None:
    """First day of a Vietnamese public holiday in ``year`` ("Lunar New Year" → Tết)."""
    import holidays  # imported on first use: building the holiday tables is slow

    table = holidays.country_holidays("VN", years=year, language="en_US")
    days = sorted(day for day, holiday in table.items() if holiday == name)
    return days[0] if days else None


def _event_day(when: str, year: int | None, issued: date | None) -> date | None:
    """The day of an event, in ``year`` or else the first one on or after the issue date."""
    if when == "year":  # "kỳ họp cuối năm 2027": the year is all that is known
        return date(year, 12, 31) if year is not None else None
    years = [year] if year is not None else ([issued.year, issued.year + 1] if issued else [])
    for candidate in years:
        if when.startswith("holiday:"):
            found = _holiday(when.removeprefix("holiday:"), candidate)
        else:
            month, day = (int(part) for part in when.split("-"))
            found = date(candidate, month, day)
        if found is not None and (year is not None or issued is None or found >= issued):
            return found
    return None


# --- candidates ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Hit:
    """One expression the grammar matched, before its context is judged."""

    start: int
    end: int
    kind: DeadlineKind
    rule: str
    due: date | None = None
    recurrence: str | None = None
    warnings: list[str] = field(default_factory=list)
    begins: date | None = None  # first day of a period, for "trước" + period
    needs_cue: bool = True
    tier: int = 0  # 0 time expression, 1 counted relative, 2 event clause
    yearless_day: bool = False  # a day written without its year: may join a recurrence
    size: int = 0  # length of the expression itself, before it is widened over its cue
    is_over: bool = False  # a period that ended before the issue date: a mention, not a deadline
    is_pending: bool = False  # a day with no cue: kept only if it joins a recurrence
    # a count from the day the document takes effect ("trong vòng 30 ngày kể từ ngày Quyết định
    # này có hiệu lực"): resolved where the caller knows that day (:func:`in_force_date`)
    from_in_force: tuple[int, _Unit] | None = None
    # a count from or back from an event of the document's own ("chậm nhất 70 ngày trước ngày bầu
    # cử", "trong 05 ngày sau ngày bầu cử"): the event's words, the signed count and its unit,
    # resolved where the document gives the event's day (:func:`event_days`)
    from_event: tuple[str, int, _Unit] | None = None
    event_only: bool = False  # "trước ngày khởi công Dự án": a deadline only if the event's day is known

    def deadline(self, text: str) -> Deadline:
        return Deadline(
            text=text[self.start : self.end],
            kind=self.kind,
            date=self.due,
            recurrence=self.recurrence,
            span=Span(self.start, self.end, _LABEL),
            warnings=tuple(self.warnings),
        )


def _group(m: re.Match[str], *names: str) -> str | None:
    for name in names:
        value = m.groupdict().get(name)
        if value:
            return value
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _lexicon().numbers[" ".join(word.lower().split())]


def _unit(word: str) -> _Unit:
    return _lexicon().units[" ".join(word.lower().split())]


def _quarter(token: str) -> int | None:
    value = int(token) if token.isdigit() else _lexicon().roman.get(token.upper())
    return value if value is not None and 1 <= value <= 4 else None


def _period(m: re.Match[str], rule: str, begins: date | None, ends: date | None, ws: list[str]) -> _Hit:
    return _Hit(m.start(), m.end(), DeadlineKind.PERIOD, rule, ends, begins=begins, warnings=ws)


def _full_day(m: re.Match[str], issued: date | None, ws: list[str]) -> tuple[date | None, bool]:
    """The day of a day pattern (groups d, m/m2, y/y2) and whether its year was missing."""
    d, mo = int(m["d"]), int(_group(m, "m", "m2") or 0)
    year = _group(m, "y", "y2")
    if not 1 <= mo <= 12 or not 1 <= d <= 31:
        ws.append(f"there is no day {d}/{mo}; the date is left empty")
        return None, year is None
    if year is None:
        return _next_day_of_year(mo, d, issued, ws), True
    full_year = _year(year, ws)
    return (_day(full_year, mo, d, ws) if full_year else None), False


def _hit_day(m: re.Match[str], rule: str, issued: date | None) -> _Hit | None:
    ws: list[str] = []
    if rule == "dm_bare" and not (1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31):
        return None  # "24/24", "1/500": not a day at all
    found, yearless = _full_day(m, issued, ws)
    return _Hit(m.start(), m.end(), DeadlineKind.DATE, rule, found, warnings=ws, yearless_day=yearless)


def _hit_day_range(m: re.Match[str], issued: date | None) -> _Hit:
    ws: list[str] = []
    last, _ = _full_day(m, issued, ws)
    hit = _period(m, "day_range", None, last, ws)
    hit.needs_cue = not m["from"]
    return hit


def _hit_month(m: re.Match[str], rule: str, issued: date | None) -> _Hit | None:
    ws: list[str] = []
    month = int(m["m"])
    first_month = int(m["m1"]) if rule == "month_range" else month
    if not 1 <= month <= 12 or not 1 <= first_month <= 12:
        return None
    digits = _group(m, "y", "y2")
    year = _year(digits, ws) if digits else _year_of_period(month, issued, ws)
    if year is None:
        return _period(m, rule, None, None, ws)
    begins, ends = date(year, first_month, 1), _month_end(year, month)
    if rule == "month_part":  # "trung tuần tháng 4/2025": days 11 to 20
        last_day = _lexicon().month_parts[" ".join(m["part"].lower().split())]
        # "trước cuối tháng 6" is due by the end of the part, not the day before it begins
        begins, ends = None, ends.replace(day=min(last_day, ends.day))
    hit = _period(m, rule, begins, ends, ws)
    hit.needs_cue = not _group(m, "from")
    return hit


def _hit_quarter(m: re.Match[str], rule: str, issued: date | None) -> _Hit | None:
    ws: list[str] = []
    q = _quarter(m["q"].split()[-1])
    first_q = _quarter(m["q1"].split()[-1]) if rule == "quarter_range" else q
    if q is None or first_q is None:
        return None
    digits = _group(m, "y", "y2")
    year = _year(digits, ws) if digits else _year_of_period(3 * q, issued, ws)
    if year is None:
        return _period(m, rule, None, None, ws)
    first_digits = _group(m, "y1", "y1b")
    first_year = _year(first_digits, ws) if first_digits else year
    if first_year is None:
        return _period(m, rule, None, None, ws)
    hit = _period(m, rule, date(first_year, 3 * first_q - 2, 1), _month_end(year, 3 * q), ws)
    hit.needs_cue = not _group(m, "from")
    return hit


def _hit_year_part(m: re.Match[str], issued: date | None) -> _Hit:
    ws: list[str] = []
    first, last = _lexicon().year_parts[" ".join(m["part"].lower().split())]
    if m["y"]:
        year = _year(m["y"], ws)
    elif issued is None:
        ws.append("no year is given and the issue date is unknown")
        year = None
    else:
        year = issued.year
    if year is None:
        return _period(m, "year_part", None, None, ws)
    # "trước cuối năm 2026" is due by the end of the year, as "trước cuối tháng 6" is (probe BJ);
    # "trước 6 tháng cuối năm" the day before its months begin
    begins = None if first == last else date(year, first, 1)
    return _period(m, "year_part", begins, _month_end(year, last), ws)


def _hit_this_period(m: re.Match[str], issued: date | None) -> _Hit:
    """ "năm nay", "quý này", "tháng này", "tuần này": the period of issue, from its first day to
    its last (a week from Monday to Sunday)."""
    if issued is None:
        return _period(m, "this_period", None, None, [f"'{m.group(0)}' and the issue date is unknown"])
    unit = m["unit"].lower()
    if unit == "tuần":
        monday = issued - timedelta(days=issued.weekday())
        return _period(m, "this_period", monday, monday + timedelta(days=6), [])
    months = {"năm": 12, "tháng": 1}.get(unit, 3)
    first = _period_start(issued, months)
    return _period(m, "this_period", first, _add_months(first, months) - timedelta(days=1), [])


def _hit_this_unit(m: re.Match[str], issued: date | None) -> _Hit:
    """ "trong tuần" is the week of issue (a period); "trong ngày" the day of issue (a date)."""
    if m["unit"].lower() == "tuần":
        return _hit_this_period(m, issued)
    ws = [] if issued else [f"'{m.group(0)}' and the issue date is unknown"]
    return _Hit(m.start(), m.end(), DeadlineKind.DATE, "this_unit", issued, warnings=ws)


SCHOOL_YEAR_BEFORE = re.compile(r"(?<!\w)năm\s+học(?:\s+\d{4}\s*[-–]\s*)?\s*$", re.IGNORECASE)


def _hit_year(m: re.Match[str], rule: str) -> _Hit:
    first_year = int(m["y1"]) if rule == "year_range" else int(m["y"])
    hit = _period(m, rule, date(first_year, 1, 1), date(int(m["y"]), 12, 31), [])
    hit.needs_cue = not (rule == "year_range" and (m["lead"] or "").lower() == "từ")
    return hit


def _hit_event(m: re.Match[str], issued: date | None) -> _Hit | None:
    ws: list[str] = []
    event = _lexicon().events[" ".join(m["ev"].lower().split())]
    if event.when == PRINTED_ONLY and not m["d"] and not m["mo"]:
        return None  # "đến thời điểm khai giảng năm học sau": a day of the school year only when printed
    if m["d"]:  # "Quốc khánh 02/9/2025": the printed day wins
        d, mo, digits = int(m["d"]), int(m["m"]), m["yy"] or m["y"]
        year = _year(digits, ws) if digits else None
        if digits is None:
            day = _next_day_of_year(mo, d, issued, ws)
        else:
            day = _day(year, mo, d, ws) if year else None
        return _Hit(m.start(), m.end(), DeadlineKind.DATE, "event", day, warnings=ws)
    if m["mo"]:  # "tại kỳ họp chuyên đề tháng 4/2025"
        month, held = int(m["mo"]), _year(m["moy"], ws)
        if held is not None and 1 <= month <= 12:
            hit = _Hit(m.start(), m.end(), DeadlineKind.PERIOD, "event", _month_end(held, month), warnings=ws)
            hit.needs_cue = not m["at"]
            return hit
    year = _year(m["y"], ws) if m["y"] else None
    if event.when is None or (m["y"] and year is None) or (event.when == "year" and year is None):
        day = None  # "trước Đại hội XIV": a known event with no known date
    else:
        day = _event_day(event.when, year, issued)
        if event.when == "year" and day is not None and m["part"]:
            # "kỳ họp thường lệ giữa năm 2026": the part of the year it falls in (year_parts.tsv)
            day = _month_end(day.year, _lexicon().year_parts[m["part"].lower()][1])
        if day is None:
            ws.append("the event's date cannot be worked out for that year")
    begins = None if event.when == "year" else day  # "trước kỳ họp cuối năm 2027" ends with the year
    hit = _Hit(m.start(), m.end(), event.kind, "event", day, begins=begins, warnings=ws)
    hit.needs_cue = not m["at"]  # "trình Quốc hội tại kỳ họp thứ hai": the session is when
    return hit


def _recurrence_of(interval_days: float) -> str | None:
    """The recurrence value of an interval: 91 days → quarterly, 5 years → None."""
    for unit in _lexicon().units.values():
        if unit.recurrence and abs(interval_days - unit.days) <= 0.05 * unit.days:
            return unit.recurrence
    return None


def _hit_recurrence(m: re.Match[str], rule: str, issued: date | None) -> _Hit:
    ws: list[str] = []
    hit = _Hit(m.start(), m.end(), DeadlineKind.RECURRING, rule, warnings=ws)
    if rule == "rec_list":
        intervals = [
            (_count(i["n"]) if i["n"] else 1) * _unit(i["unit"]).days for i in _grammar().item.finditer(m.group())
        ]
        hit.recurrence = _recurrence_of(min(intervals)) if intervals else None
    elif rule in ("rec_per", "rec_each_per"):
        hit.recurrence = _recurrence_of(_unit(m["unit"]).days / max(_count(m["n"]), 1))
    elif rule == "rec_every_n":
        hit.recurrence = _recurrence_of(_count(m["n"]) * _unit(m["unit"]).days)
    elif rule in ("rec_day_of", "rec_unit_day", "rec_last_day"):
        unit = _unit(m["unit"])
        hit.recurrence = unit.recurrence
        hit.due = _first_due(unit, int(m["d"]) if rule != "rec_last_day" else None, issued, ws)
    elif rule == "rec_month_of":
        hit.needs_cue = False
        months = sorted(
            {int(n) for n in re.findall(r"tháng\s+(\d{1,2})", m.group(), re.IGNORECASE)}
            | {3 * _QUARTER_NUMBERS[q.upper()] for q in re.findall(rf"qu[ýí]\s+({_QUARTER})", m.group(), re.IGNORECASE)}
        )
        # "tháng 6 và tháng 12 hằng năm" comes twice a year
        hit.recurrence = {2: "half-yearly", 4: "quarterly"}.get(len(months), "yearly") if len(months) > 1 else "yearly"
        dues = [d for d in (_first_yearly_due(month, issued, ws) for month in months) if d is not None]
        hit.due = min(dues) if dues else None
    elif rule == "rec_month_of_quarter":
        hit.recurrence = "quarterly"
        month = {"đầu": 0, "thứ hai": 1}.get(re.sub(r"\s+", " ", m["which"].lower()), 2)
        hit.due = _first_due(_unit("quý"), int(m["d"]), issued, ws, month=month) if m["d"] else None
    elif rule == "rec_weekday":
        hit.due = _first_weekday(m.group(), issued, ws)
    elif rule == "rec_cycle_bracket_day":
        n = _count(m["n"]) if m["n"] else 1
        hit.recurrence = _recurrence_of(n * _unit(m["unit"]).days)
        hit.due = _next_day_of_year(int(m["m"]), int(m["d"]), issued, ws)
    elif rule == "onward":
        hit.recurrence = "yearly"
        hit.needs_cue = False
    return hit


def _cycles_within_a_season(hits: list[_Hit], text: str) -> list[_Hit]:
    """A cycle that runs through a span of months ("trước ngày 20 hằng tháng, từ tháng 4 đến tháng
    10/2026", "định kỳ hằng tháng trong mùa mưa bão (từ tháng 8 đến hết tháng 12)") recurs: the
    span says when, and the cycle is first due in it (probes BV, BX)."""
    cycles = [h for h in hits if h.kind is DeadlineKind.RECURRING]
    if not cycles:
        return hits
    out = []
    for hit in hits:
        begins = _season_start(hit, text) if hit.kind is DeadlineKind.PERIOD else None
        near = [c for c in cycles if _same_clause(text, c, hit)]
        if begins is None or not near:
            out.append(hit)
            continue
        for cycle in near:
            while cycle.due is not None and cycle.due < begins and cycle.recurrence == "monthly":
                cycle.due = _add_months(cycle.due, 1)
    return out


def _cycles_with_bracketed_days(hits: list[_Hit], text: str) -> list[_Hit]:
    """A cycle with its due days in brackets after it ("Định kỳ 6 tháng (trước ngày 15/12/2026 và
    trước ngày 15/6/2027)") is first due on the first of them (probe BY; GUIDELINES: a recurring
    deadline that names its day carries its first due date)."""
    dropped: set[int] = set()
    for cycle in (h for h in hits if h.kind is DeadlineKind.RECURRING and h.due is None):
        inside = [
            h
            for h in hits
            if h.kind is DeadlineKind.DATE and h.due is not None and BRACKET_OPENED.fullmatch(text, cycle.end, h.start)
        ]
        if inside:
            cycle.due = min(h.due for h in inside if h.due)
            dropped.update(id(h) for h in inside)
    return [h for h in hits if id(h) not in dropped]


# from the end of a cycle to a day inside the bracket right after it
BRACKET_OPENED = re.compile(r"\s*\([^()]{0,80}")


SEASON_FROM = re.compile(r"(?<!\w)từ\s+tháng\s+(?P<m>\d{1,2})\s*$", re.IGNORECASE)


def _season_start(hit: _Hit, text: str) -> date | None:
    """The first day of a span of months the hit ends: "từ tháng 4 đến tháng 10/2026" itself, or
    "đến hết tháng 12" after "từ tháng 8"."""
    if hit.due is None:
        return None
    if text[hit.start : hit.end].lower().startswith("từ ") and hit.begins is not None:
        return hit.begins
    opened = SEASON_FROM.search(text, max(0, hit.start - 20), hit.start)
    if opened is None or not 1 <= int(opened["m"]) <= 12:
        return None
    return date(hit.due.year, int(opened["m"]), 1)


def _first_of_listed_cycles(hits: list[_Hit], text: str) -> None:
    """Cycles listed with their own days ("định kỳ 6 tháng (trước ngày 10/6) và hằng năm (trước
    ngày 10/12)") are one reporting duty: each is first due on the earliest of their days (probe BV)."""
    cycles = sorted((h for h in hits if h.rule == "rec_cycle_bracket_day" and h.due), key=lambda h: h.start)
    groups: list[list[_Hit]] = []
    for hit in cycles:
        if groups and DAY_LIST_JOIN.fullmatch(text, groups[-1][-1].end, hit.start):
            groups[-1].append(hit)
        else:
            groups.append([hit])
    for group in groups:
        first = min(h.due for h in group if h.due)
        for hit in group:
            hit.due = first


def _first_weekday(phrase: str, issued: date | None, ws: list[str]) -> date | None:
    """The first of the weekdays a weekly cycle names ("thứ Hai và thứ Năm hằng tuần") on or
    after the issue date."""
    if issued is None:
        ws.append("the first due day cannot be worked out without the issue date")
        return None
    named = {
        WEEKDAY_NAMES.index(" ".join(w.lower().split()))
        for w in re.findall(r"thứ\s+\w+|chủ\s+nhật", phrase, re.I)
        if " ".join(w.lower().split()) in WEEKDAY_NAMES
    }
    return min((issued + timedelta(days=(day - issued.weekday()) % 7) for day in named), default=None)


_QUARTER_NUMBERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _first_yearly_due(month: int, issued: date | None, ws: list[str]) -> date | None:
    """The last day of ``month`` this year, or next year when it has passed by the issue date."""
    if issued is None:
        ws.append("the first due day cannot be worked out without the issue date")
        return None
    if not 1 <= month <= 12:
        return None
    for year in (issued.year, issued.year + 1):
        due = date(year, month, gregorian.monthrange(year, month)[1])
        if due >= issued:
            return due
    return None


def _period_start(day: date, months: int) -> date:
    """First day of the month, quarter (3), half-year (6) or year (12) that holds ``day``."""
    return date(day.year, 1 + (day.month - 1) // months * months, 1)


def _first_due(unit: _Unit, day: int | None, issued: date | None, ws: list[str], *, month: int = 0) -> date | None:
    """First due day of "ngày 25 hằng tháng" (day given) or "ngày cuối hằng quý" (day None) on or
    after the issue date; ``month`` counts months into each period ("ngày 25 của tháng cuối quý":
    2)."""
    if issued is None:
        ws.append("the first due day cannot be worked out without the issue date")
        return None
    if unit.name == "day" or unit.name == "week":
        return issued
    months = _MONTHS[unit.name]
    period_start = _period_start(issued, months)
    for step in range(2):
        begin = _add_months(period_start, step * months + month)
        if day is None:
            due = _add_months(begin, months) - timedelta(days=1)
        else:
            due = date(begin.year, begin.month, min(day, gregorian.monthrange(begin.year, begin.month)[1]))
        if due >= issued:
            return due
    return None


def _anchor_date(anchor: str, issued: date | None, ws: list[str]) -> date | None:
    """The day a relative deadline counts from: a printed date, the issue date, or unknown."""
    g = _grammar()
    for pattern in g.full_day:
        m = pattern.search(anchor)
        if m and _group(m, "y", "y2"):
            found, _ = _full_day(m, issued, ws)
            return found
    if g.self_anchor.match(anchor):
        if issued is None:
            ws.append("counted from the issue date, which is unknown")
        return issued
    if g.effective.search(anchor):
        ws.append(UNKNOWN_IN_FORCE)
    return None


UNKNOWN_IN_FORCE = "counted from the day the document takes effect, which the text does not give"


def _hit_relative(m: re.Match[str], rule: str, text: str, issued: date | None) -> _Hit | None:
    ws: list[str] = []
    if rule == "rel_count" and m["past"]:
        return None  # "trong 5 năm qua" looks back
    if rule == "rel_count" and LASTING_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return None  # "bảo đảm đủ dùng tối thiểu trong 07 ngày": how long supplies last (probe CH)
    if rule == "rel_after" and not _names_an_event(m["anchor"]):
        return None  # "sau khi nghe ... báo cáo kết quả 3 năm thực hiện": no event to count from
    hit = _Hit(m.start(), m.end(), DeadlineKind.RELATIVE, rule, warnings=ws, needs_cue=False, tier=1)
    g = _grammar()
    if rule == "rel_count" and (m["lead"].lower() in _lexicon().cue("lead_time")):
        return hit  # "ít nhất 10 ngày" before some event: never resolved
    anchor = m["anchor"]
    before = BEFORE_AN_EVENT.match(text, m.end()) if rule == "rel_count" and anchor is None else None
    if before is not None:  # "chậm nhất 20 ngày trước ngày khai mạc Kỳ họp": counted back from an event
        hit.from_event = (before["event"], -_count(m["n"]), _unit(m["unit"]))
        return hit
    if rule == "rel_count" and anchor is None and re.sub(r"\s+", " ", m["lead"].lower()) in _lexicon().cue("ceiling"):
        return None  # "không quá 10 ngày kể từ ngày ký" counts; "thời gian thực hiện không quá 2 năm" describes

    if anchor is not None:
        base = _anchor_date(anchor, issued, ws)
    else:
        back = g.back_anchor.search(_clause_before(text, m.start(), reach=400))
        base = _anchor_date(back["anchor"], issued, ws) if back else None if _in_a_case(text, m.start()) else issued
    if base is not None:
        hit.due = _add_duration(base, _count(m["n"]), _unit(m["unit"]))
    elif anchor is not None and g.effective.search(anchor):
        hit.from_in_force = (_count(m["n"]), _unit(m["unit"]))
    elif anchor is not None:  # "trong 15 ngày kể từ ngày bầu cử"
        hit.from_event = (anchor, _count(m["n"]), _unit(m["unit"]))
    return hit


def _hit_before_event(m: re.Match[str], rule: str, text: str, issued: date | None) -> _Hit | None:
    """ "trước ngày khởi công Dự án ít nhất 03 ngày", "trước ngày bầu cử": counted back from an event
    the document names; with no count, a deadline only where the document gives the event's day."""
    if rule == "before_event_day" and not EVENT_WORDS.match(m["anchor"]):
        return None  # "trước ngày Quyết định này có hiệu lực", "trước ngày 15": no event of its own
    hit = _Hit(m.start(), m.end(), DeadlineKind.RELATIVE, rule, needs_cue=False)
    if rule == "before_event_day":
        hit.from_event = (m["anchor"], 0, _lexicon().units["ngày"])
        hit.event_only = True
    else:
        hit.from_event = (m["anchor"], -_count(m["n"]), _unit(m["unit"]))
    return hit


def _in_a_case(text: str, start: int) -> bool:
    """Whether the sentence around ``start`` opens with a case ("Khi phát hiện ổ dịch, ...",
    "Trường hợp phát hiện vi phạm, ..."): a count in it runs from the case."""
    sentence = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1)
    return _grammar().case_opening.match(text, sentence) is not None


LASTING_BEFORE = re.compile(
    r"(?<!\w)(?:đủ\s+(?:dùng|dự\s+trữ|cung\s+cấp|sử\s+dụng)|dự\s+trữ)(?:\s+\S+){0,2}\s*$", re.IGNORECASE
)
BEFORE_AN_EVENT = re.compile(r"\s+trước(?!\w)(?:\s+(?P<event>[^,.;:()\n\d]{1,80}))?", re.IGNORECASE)


def _hit_event_clause(m: re.Match[str], text: str, issued: date | None) -> _Hit | None:
    g = _grammar()
    clause = m["clause"]
    words = clause.split()
    head = " ".join(words[:10])
    if not _names_an_event(head) or g.past_before.search(_clause_before(text, m.start())):
        return None
    end = m.start("clause") + len(" ".join(words[:15]))
    comma = clause.find(",")
    if comma > 0 and not text[: m.start()].strip(" -+*•0123456789.)"):
        end = min(end, m.start("clause") + comma)  # "Ngay sau khi nhận được Công văn này, X ...": the opening
    hit = _Hit(m.start(), end, DeadlineKind.RELATIVE, "rel_event", needs_cue=False, tier=2)
    for pattern in g.full_day:
        day = pattern.search(clause)
        if day and _group(day, "y", "y2"):
            hit.due, _ = _full_day(day, issued, hit.warnings)
            break
    return hit


def _names_an_event(clause: str) -> bool:
    """Whether an event word stands in ``clause`` as a word of its own: "sau khi trình ..." does,
    "sau khi nghe giải trình ..." and "quá trình" do not (two-syllable words of compounds.tsv)."""
    return any(_stands_alone(clause, m) for m in _grammar().event_word.finditer(clause))


def _stands_alone(clause: str, word: re.Match[str]) -> bool:
    """Whether the event word ``word`` of ``clause`` is no syllable of a compound around it."""
    compounds = {*compound_readings(), *_lexicon().cue("event_compound")}
    found = word.group(0).lower()
    before = re.search(r"(\w+)\s+$", clause[: word.start()])
    after = re.match(r"\s+(\w+)", clause[word.end() :])
    return not (
        (before is not None and f"{before[1].lower()} {found}" in compounds)
        or (after is not None and f"{found} {after[1].lower()}" in compounds)
    )


def _clause_before(text: str, start: int, reach: int = 200) -> str:
    """Text of the same sentence before ``start`` (at most ``reach`` characters)."""
    left = text[max(0, start - reach) : start]
    cut = max(left.rfind(c) for c in ".;\n")
    opened = left.rfind("(")
    if opened > left.rfind(")"):  # inside a bracket the clause starts at it; a closed one is part of it
        cut = max(cut, opened)
    return left[cut + 1 :]


def _raw_hits(text: str, issued: date | None, lenient: bool) -> Iterator[_Hit]:
    g = _grammar()
    lower = text.lower()
    has_digit = _HAS_DIGIT.search(text) is not None
    for rule, pattern in g.rules.items():
        if rule == "year_bare" and not lenient:
            continue
        if not all(_any_in(words, lower, has_digit) for words in g.gates[rule]):
            continue
        for m in pattern.finditer(text):
            hit = _hit(m, rule, text, issued)
            if hit is not None:
                hit.size = hit.end - hit.start
                yield hit


def _any_in(words: tuple[str, ...], lower: str, has_digit: bool) -> bool:
    return any(has_digit if w == _DIGIT else w in lower for w in words)


def _hit(m: re.Match[str], rule: str, text: str, issued: date | None) -> _Hit | None:
    return _HANDLERS[rule](m, rule, text, issued)


_Handler = Callable[[re.Match[str], str, str, "date | None"], "_Hit | None"]
# Which reader turns a rule's match into a hit: one row per rule of the grammar, checked when the
# grammar is built (a rule without a reader is an error, never a silent default).
_HANDLERS: dict[str, _Handler] = {
    **dict.fromkeys(("day_num", "day_text", "day_dm", "dm_bare"), lambda m, r, t, i: _hit_day(m, r, i)),
    "day_range": lambda m, r, t, i: _hit_day_range(m, i),
    **dict.fromkeys(("month", "month_range", "month_part"), lambda m, r, t, i: _hit_month(m, r, i)),
    **dict.fromkeys(("quarter", "quarter_range"), lambda m, r, t, i: _hit_quarter(m, r, i)),
    "year_part": lambda m, r, t, i: _hit_year_part(m, i),
    # "năm học 2026 - 2027" runs from September to May: a school year, no span of calendar years
    **dict.fromkeys(
        ("year", "year_bare", "year_range"),
        lambda m, r, t, i: None if SCHOOL_YEAR_BEFORE.search(t, 0, m.start()) else _hit_year(m, r),
    ),
    "event": lambda m, r, t, i: _hit_event(m, i),
    "this_period": lambda m, r, t, i: _hit_this_period(m, i),
    "this_unit": lambda m, r, t, i: _hit_this_unit(m, i),
    **dict.fromkeys(
        (
            "rec_day_of",
            "rec_unit_day",
            "rec_every_n",
            "rec_each_per",
            "rec_last_day",
            "rec_list",
            "rec_month_of",
            "rec_month_of_quarter",
            "rec_per",
            "rec_periodic",
            "rec_weekday",
            "rec_cycle_bracket_day",
            "onward",
        ),
        lambda m, r, t, i: _hit_recurrence(m, r, i),
    ),
    **dict.fromkeys(("rel_count", "rel_after"), _hit_relative),
    # never resolved (the event's day is not in the text); as a time expression it wins over "trước kỳ họp"
    **dict.fromkeys(("rel_before", "before_event_day"), _hit_before_event),
    "rel_event": lambda m, r, t, i: _hit_event_clause(m, t, i),
    **dict.fromkeys(("rec_next_month_day", "rec_cycle_day"), lambda m, r, t, i: _hit_next_month_day(m, r, t, i)),
}


def _hit_next_month_day(m: re.Match[str], rule: str, text: str, issued: date | None) -> _Hit | None:
    """ "ngày 10 của tháng sau", "trước ngày 20" in a monthly cycle ("định kỳ hằng tháng"): the
    first day 10 on or after the issue date; without a monthly cycle it is no deadline this
    grammar reads."""
    if not MONTHLY.search(text):
        return None
    ws: list[str] = []
    hit = _Hit(m.start(), m.end(), DeadlineKind.RECURRING, rule, warnings=ws)
    hit.recurrence = "monthly"
    hit.due = _first_due(_unit("tháng"), int(m["d"]), issued, ws)
    return hit


MONTHLY = re.compile(r"(?<!\w)(?:hằng|hàng|mỗi)\s+tháng(?!\w)", re.IGNORECASE)


# --- context ---------------------------------------------------------------------------------


# The title of a cited document runs from its "về việc" to the clause's end: "Thực hiện Công văn
# số 4120/UBND-NC ngày 15/11/2025 của UBND tỉnh về việc bảo đảm an ninh trật tự dịp cuối năm, ...".
# "Xét Báo cáo số 45/BC-SCT của Sở Công Thương về tình hình ... dịp Tết, ...": a document's number
# (with its "/"), then a lower-case topic after "về" (a capital is where a report goes: "gửi Báo cáo
# số 12/BC-STC về Sở Tài chính trước ...").
CITED_TITLE_BEFORE = re.compile(
    r"\bsố\s+\d+/[^\s,;]*[^,;.]{0,120}?\s(?:về việc|V/v|về(?=\s+(?-i:[a-zđà-ỹ])))\s[^,;.:]*$", re.IGNORECASE
)
CITED_TITLE_REACH = 250


# a lunar day glossed with its solar day, up to the solar day: "ngày 23 tháng Chạp (tức ngày " (probe BI)
LUNAR_GLOSS_BEFORE = re.compile(
    r"(?:ngày\s+)?\d{1,2}\s+tháng\s+\S+(?:\s+năm\s+\S+(?:\s+\S+)?)?\s*(?:âm lịch\s*)?"
    r"\(\s*tức(?:\s+là)?\s+(?:ngày\s+)?$",
    re.IGNORECASE,
)
UNIT_WORD_BEFORE = re.compile(r"(?:năm|tháng|quý|ngày)\s*$", re.IGNORECASE)


def _judge(hit: _Hit, text: str, issued: date | None, lenient: bool) -> _Hit | None:
    """Keep a hit that is a deadline, widened over its cue; drop mentions and start dates."""
    if not lenient and _grammar().remaining_after.match(text, hit.end):
        return None  # "Từ nay đến hết năm 2025 chỉ còn gần 2 tháng": a remark on the time left
    if not lenient and CITED_TITLE_BEFORE.search(text, max(0, hit.start - CITED_TITLE_REACH), hit.start):
        return None  # "Công văn số 41/UBND ... về việc bảo đảm an ninh dịp cuối năm": a cited title
    if not lenient and _grammar().averted_before.search(_clause_before(text, hit.start, reach=90)):
        return None  # "không để dồn vào cuối năm": when the work must not slip to
    if hit.tier > 0:
        return hit
    if hit.kind is DeadlineKind.RECURRING:
        return _widen(hit, text) if lenient or _is_recurrence(hit, text) else None
    if hit.rule == "event" and not hit.needs_cue and _is_descriptive(_clause_before(text, hit.start, reach=90)):
        return None  # "các luật được ban hành tại Kỳ họp thứ 10": which laws, not when
    if not hit.needs_cue:
        # "(từ ngày 04/5 đến ngày 14/5/2025)": a period already over; it still hides its days
        hit.is_over = not lenient and bool(issued and hit.due and hit.due < issued)
        return _widen(hit, text)
    g = _grammar()
    left = _clause_before(text, hit.start, reach=90)
    # (the clause before a solar day in "(tức ngày ...)" starts at the bracket: test for "tức" first)
    wide = text[max(0, hit.start - 90) : hit.start] if "tức" in left.lower() else ""
    glossed = LUNAR_GLOSS_BEFORE.search(wide) if wide else None
    if glossed:  # "trước ngày 23 tháng Chạp (tức ngày 10/02/2026)": the solar day takes the lunar one's cue
        gloss_start = hit.start - len(wide) + glossed.start()
        # blanked, so that the left context still ends where the solar day starts
        left = _clause_before(text, gloss_start, reach=90) + " " * (hit.start - gloss_start)
    # "bắt đầu từ năm 2027": a bare year's own unit word stands between it and the start cue
    unit_less = UNIT_WORD_BEFORE.sub("", left)
    if g.cutoff.search(left) or g.start.search(left) or g.start.search(unit_less):
        return None
    cue = g.cue.search(left)
    if cue is None and hit.kind is DeadlineKind.PERIOD and _phase_of_its_own(text, hit, left):
        # "..., giai đoạn 2027 - 2030": the span of the work in a clause of its own (GUIDELINES:
        # a period); "chương trình giai đoạn 2027 - 2030" only names the programme
        return hit
    listed = LISTED_AFTER_A_DAY.search(left) if cue is None and hit.yearless_day else None
    if listed and g.cue.search(left[: listed.start()]):
        # "trước ngày 30/6 và 31/12 hằng năm": listed with a day its cue governs; kept only if
        # it joins a recurrence
        hit.is_pending = not lenient
        return hit
    if cue is None and hit.yearless_day and hit.rule != "dm_bare":
        hit.is_pending = not lenient  # "ngày 25/6 và ngày 20/12 hằng năm"
        return hit
    if cue is None and not left.strip() and STEP_LABEL_AFTER.match(text, hit.end):
        return hit  # "Ngày 15/4/2026: Sở Nội vụ trình ...": a timeline step opens with its day
    if cue is None:
        return hit if lenient and hit.rule != "dm_bare" else None
    if not _is_deadline_cue(cue, left[: cue.start()], hit):
        return None
    if cue["before"] and issued and hit.due and hit.due < issued and _dates_a_thing(left[: cue.start()]):
        return None  # "rà soát các hợp đồng ký trước ngày 01/01/2026": which contracts, not when
    if (cue["horizon"] or cue["until"]) and issued and hit.due and hit.due < issued:
        return None  # "rà soát nợ thuế đến thời điểm 31/12/2025": the day the figures stand at (probe BZ)
    hit.start -= len(left) - cue.start()
    if cue["before"] and hit.kind is DeadlineKind.PERIOD and hit.begins is not None:
        hit.due = hit.begins - timedelta(days=1)  # "trước Tết": the day before it starts
    return hit


# A time that opens its item and is followed by a colon labels the item: a step of a timeline.
STEP_LABEL_AFTER = re.compile(r"\s*:")


def _phase_of_its_own(text: str, hit: _Hit, left: str) -> bool:
    """Whether a "giai đoạn ..." span opens its clause (after a comma, a colon or nothing)."""
    return text[hit.start : hit.end].lower().startswith("giai đoạn") and PHASE_OPENS.search(left) is not None


# "..., giai đoạn 2027 - 2030", "triển khai thực hiện giai đoạn 2026 - 2030": the span of the work
PHASE_OPENS = re.compile(r"(?:^|[,:]|\b(?:thực hiện|triển khai))\s*$", re.IGNORECASE)


def _is_deadline_cue(cue: re.Match[str], before_cue: str, hit: _Hit) -> bool:
    g = _grammar()
    if (cue["horizon"] or cue["until"]) and g.plan_before.search(before_cue):
        return False  # "nhiệm vụ từ nay đến tháng 6/2027" names the tasks of a period
    if (cue["horizon"] or cue["at"]) and hit.rule == "year" and not cue["prefix"]:
        return False  # "đến năm 2030", "vào năm 2050": a target, not a deadline
    # "các nhiệm vụ được giao trong năm 2025" describes the tasks; "được hoàn thành" does not
    return not _is_descriptive(before_cue)


def _widen(hit: _Hit, text: str) -> _Hit:
    """Take the cue words in front of a hit into its text ("trước 19h00’ hằng ngày")."""
    left = _clause_before(text, hit.start, reach=90)
    cue = _grammar().cue.search(left)
    if cue is not None:
        hit.start -= len(left) - cue.start()
    return hit


def _is_recurrence(hit: _Hit, text: str) -> bool:
    g = _grammar()
    left = _clause_before(text, hit.start, reach=90)
    if hit.rule == "rec_periodic":  # a bare "định kỳ" counts only next to reporting work
        scheduled = any(word in text[hit.start : hit.end].lower() for word in _lexicon().cue("ad_hoc"))
        if scheduled and text[max(0, hit.start - 5) : hit.start].lower() == "theo ":
            # "thanh tra ... theo định kỳ hoặc đột xuất" says when the work recurs, whatever the
            # work; "kiểm tra liên ngành định kỳ, đột xuất" only says which inspections
            return True
        right = text[hit.end : hit.end + 40]
        if left.rstrip().lower().endswith("theo") and g.report_word.search(left):
            return True  # "Báo cáo kết quả thực hiện theo định kỳ về Sở": the report recurs
        return bool(g.report_before.search(left) or g.report_after.search(right))
    if left.rstrip().endswith(","):
        return True  # "tổng hợp kết quả thực hiện nhiệm vụ, hằng quý gửi Bộ Nội vụ": a clause of its own
    periodic = text[hit.start : hit.end].lower().startswith("định kỳ")
    if (
        hit.rule in ("rec_list", "rec_day_of", "rec_unit_day", "rec_last_day")
        and g.plan_near.search(left)
        and not periodic
        # "cập nhật tiến độ thực hiện nhiệm vụ trên Hệ thống trước ngày 20 hằng tháng": a due day (probe BT)
        and not (hit.rule == "rec_day_of" and g.cue.search(left))
    ):
        return False  # "kế hoạch 5 năm và hằng năm", "nhiệm vụ hằng năm"; "thu ngân sách định kỳ hằng tháng" recurs
    if g.doctype_before.search(left):
        return False  # "theo Nghị quyết hằng năm của Hội đồng nhân dân" names a document
    # "dự toán ngân sách được giao hằng năm" describes the budget
    return not _is_descriptive(left)


def _dates_a_thing(before_cue: str) -> bool:
    """Whether an event verb ("ký", "ban hành", "phê duyệt") stands right before the cue, so
    that the day says when the things were signed or approved."""
    tail = re.search(r"(?:\w+\s+)?\w+\s*$", before_cue)
    if tail is None:
        return False
    words = tail[0].rstrip()
    # the event word ends the words and is no syllable of another word ("đăng ký")
    return any(m.end() == len(words) and _stands_alone(words, m) for m in _grammar().event_word.finditer(words))


def _is_descriptive(left: str) -> bool:
    """Whether ``left`` ends in a passive or past verb that makes what follows a description.

    "các nhiệm vụ được giao ...", "đã ban hành ..." describe; "được hoàn thành ..." and
    "phải được thực hiện ..." still set a deadline; so does the clause after a comma ("... liệt
    sĩ chưa xác định được danh tính, hoàn thành trong tháng 11 năm 2025").
    """
    if left.rstrip().endswith(","):
        return False
    g = _grammar()
    passive = g.passive.search(left)
    if passive is None:
        return False
    if passive["verb"].lower().startswith(_lexicon().cue("complete")):
        return False
    before = left[: passive.start()]
    if any(aim in before.lower() for aim in _lexicon().cue("aim")):
        return False  # "phấn đấu giải ngân 100% kế hoạch vốn được giao trước ngày ..."
    verb = passive["verb"].lower()
    if _names_the_target(before) and not (g.event_word.fullmatch(verb) or verb.startswith("giao")):
        return False  # "bảo đảm sổ hộ tịch được số hóa trước ngày 30/9/2026"
    return g.obligation.search(before) is None


def _names_the_target(before: str) -> bool:
    """Whether the clause before a passive says what the body must ensure ("bảo đảm ...")."""
    clause = before[max(before.rfind(c) for c in ".;:\n") + 1 :]
    return _grammar().ensure.search(clause) is not None


def _without_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """Longest hit first within each tier; lower tiers win over higher ones."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.tier, -h.size, h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _merge_recurrences(hits: list[_Hit], text: str) -> list[_Hit]:
    """Join a recurrence and a day without a year in one clause: "trước ngày 25/12 hằng năm"."""
    out = list(hits)
    recurrences = [h for h in hits if h.kind is DeadlineKind.RECURRING and h.due is None]
    # "định kỳ trước ngày 30 tháng 11 hàng năm": the day joins "hàng năm", not "định kỳ"
    for rec in sorted(recurrences, key=lambda h: h.recurrence is None):
        days = [h for h in out if h.yearless_day and h.kind is DeadlineKind.DATE]
        near = [d for d in days if _same_clause(text, rec, d)]
        # "trước ngày 20 tháng 11 năm 2025 và hằng tháng": the first report's day, then each month
        near = near or [
            h for h in out if h.kind in _DATED_KINDS and h.due and FIRST_THEN_EVERY.fullmatch(text, h.end, rec.start)
        ]
        if not near or rec not in out:
            continue
        day = min(near, key=lambda d: min(abs(d.start - rec.end), abs(rec.start - d.end)))
        cycle = _days_of_one_cycle(text, near, day)
        # "trước ngày 30/6 và 31/12 hằng năm": the first due day is the next of them (GUIDELINES)
        first = min(cycle, key=lambda d: d.due or date.max)
        merged = replace(
            rec,
            is_pending=False,
            # two days of a yearly cycle recur every half year (local-07's gold: "01/6 và 15/11 hằng năm")
            recurrence="half-yearly" if len(cycle) == 2 and rec.recurrence == "yearly" else rec.recurrence,
            start=min(rec.start, *(d.start for d in cycle)),
            end=max(rec.end, *(d.end for d in cycle)),
            due=first.due,
            warnings=rec.warnings + first.warnings,
        )
        out = [h for h in out if h is not rec and h not in cycle] + [merged]
    return sorted(out, key=lambda h: h.start)


def _days_of_one_cycle(text: str, near: list[_Hit], day: _Hit) -> list[_Hit]:
    """``day`` and the days without a year listed with it ("30/6 và 31/12", "15/6, 15/12")."""
    listed = sorted((d for d in near if d.yearless_day), key=lambda d: d.start)
    if day not in listed:
        return [day]
    i = listed.index(day)
    lo = hi = i
    while lo > 0 and DAY_LIST_JOIN.fullmatch(text, listed[lo - 1].end, listed[lo].start):
        lo -= 1
    while hi + 1 < len(listed) and DAY_LIST_JOIN.fullmatch(text, listed[hi].end, listed[hi + 1].start):
        hi += 1
    return listed[lo : hi + 1]


LISTED_AFTER_A_DAY = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{4})?\s*(?:,|và|,\s*và)\s*(?:ngày\s+)?$")
DAY_LIST_JOIN = re.compile(r"\s*(?:,|và|,\s*và)\s*(?:ngày\s+)?")
# What joins a dated deadline to the recurrence that follows it.
# "trong tháng 01 năm 2026 và cập nhật hằng quý": up to two words of the repeated work between
FIRST_THEN_EVERY = re.compile(r"\s*(?:,\s*)?(?:và|sau đó|rồi)\s+(?:[^\W\d_]+\s+){0,2}?(?:định kỳ\s+)?")


def _same_clause(text: str, a: _Hit, b: _Hit) -> bool:
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    between = text[lo:hi] if lo <= hi else ""
    return len(between) <= 160 and not any(c in between for c in ".;\n")


def _warn_early(hit: _Hit, issued: date | None) -> None:
    if issued and hit.due and hit.kind in _DATED_KINDS and hit.due < issued:
        hit.warnings.append(f"the deadline {hit.due.isoformat()} is before the issue date")


def _scan(
    text: str, issued: date | None, *, lenient: bool, in_force: date | None = None, events: tuple[EventDay, ...] = ()
) -> list[_Hit]:
    notes: list[str] = []
    if issued is not None and issued.year not in _YEARS:
        notes.append(f"the issue date {issued.isoformat()} is out of range and was ignored")
        issued = None
    judged = (_judge(h, text, issued, lenient) for h in _raw_hits(text, issued, lenient))
    kept = [h for h in _without_overlaps([h for h in judged if h is not None]) if not h.is_over]
    hits = _cycles_within_a_season([h for h in _merge_recurrences(kept, text) if not h.is_pending], text)
    hits = _cycles_with_bracketed_days(hits, text)
    _first_of_listed_cycles(hits, text)
    for hit in hits:
        if hit.from_in_force and in_force is not None:
            hit.due = _add_duration(in_force, *hit.from_in_force)
            hit.warnings = [w for w in hit.warnings if w != UNKNOWN_IN_FORCE]
        if hit.from_event and hit.due is None:
            hit.due = _from_event_day(*hit.from_event, events, issued)
        hit.warnings.extend(notes)
        _warn_early(hit, issued)
    return [h for h in hits if not (h.event_only and h.due is None)]


# --- the days of the document's own events ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventDay:
    """A full day the document prints, with the words before it in its sentence (lower case):
    "Ngày bầu cử: Chủ nhật, ngày 15/3/2026" → ("ngày bầu cử: chủ nhật, ngày ", 2026-03-15)."""

    before: str
    day: date


# what may stand between an event's words and its day: "dự kiến khởi công ngày 15/5/2026", "Cuộc
# bầu cử đại biểu Quốc hội khóa XVI được tổ chức vào Chủ nhật, ngày 15/3/2026"; not a number or
# a cited document ("... Kế hoạch số 12/KH-UBND ngày ...")
EVENT_REACH = 160
EVENT_GAP = 120
# an event named by what happens on it: "ngày bầu cử", "ngày khởi công Dự án" (not "ngày Quốc khánh",
# a named day of deadline_events.tsv, nor "ngày Quyết định này có hiệu lực")
EVENT_WORDS = re.compile(r"(?:ngày\s+)?(?P<words>[a-zđà-ỹ]+\s+[a-zđà-ỹ]+)(?!\w)")


def event_days(text: str, *, issued: date | None) -> tuple[EventDay, ...]:
    """Every full day the document prints, with what comes before it, for counts from its events."""
    out = []
    for pattern in _grammar().full_day:
        for m in pattern.finditer(text):
            if not _group(m, "y", "y2"):
                continue
            day, _ = _full_day(m, issued, [])
            if day is None or (issued is not None and day < issued):
                continue  # an event already held sets no deadline to come
            left = text[max(0, m.start() - EVENT_REACH) : m.start()]
            left = left[max(left.rfind(c) for c in ".;\n") + 1 :]
            out.append(EventDay(" ".join(left.lower().split()) + " ", day))
    return tuple(out)


def _from_event_day(
    anchor: str, count: int, unit: _Unit, events: tuple[EventDay, ...], issued: date | None
) -> date | None:
    """The day ``count`` units from the day the document gives for the event ``anchor`` names;
    None where it gives none, or two different ones."""
    named = EVENT_WORDS.match(anchor.strip())
    if named is None or (count < 0 and unit.name in ("working_day", "working_hour")):
        return None
    words = named["words"]
    if _grammar().self_anchor.match(words):
        return None  # the issue date, read elsewhere
    key = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)(?P<gap>.{{0,{EVENT_GAP}}})$")
    days = {e.day for e in events if (m := key.search(e.before)) and _only_describes(m["gap"])}
    if len(days) != 1:
        return None
    return _add_duration(days.pop(), count, unit)


# what may not stand between an event's words and a day for the day to be the event's: a number
# other than a year ("Kế hoạch số 12/KH-UBND ngày ..."), an act that dates a document, or a
# deadline of its own ("gửi tổ bầu cử trước ngày 31/01/2026")
NOT_AN_EVENT_GAP = re.compile(r"(?<!\w)(?:số|ban hành|ký|tại|trước|chậm nhất|hoàn thành|gửi|báo cáo)(?!\w)")
YEAR_IN_GAP = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _only_describes(gap: str) -> bool:
    """Whether the words between an event's name and a day only describe the event ("đại biểu
    Quốc hội khóa XVI ... nhiệm kỳ 2026 - 2031 được tổ chức vào Chủ nhật,")."""
    return not NOT_AN_EVENT_GAP.search(gap) and not re.search(r"\d", YEAR_IN_GAP.sub("", gap))


# --- public API ------------------------------------------------------------------------------


def find_deadlines(
    text: str, *, issued: date | None, in_force: date | None = None, events: tuple[EventDay, ...] = ()
) -> list[Deadline]:
    """Every deadline expression in ``text``, in text order, with spans relative to ``text``.

    Dates that are only mentioned (of cited documents, meetings, start dates) are left out.
    Example: "hoàn chỉnh trước ngày 01/6/2025 và ban hành trước ngày 25/6/2025" gives two
    ``date`` deadlines. ``in_force``: the day the document takes effect, where known
    (:func:`in_force_date`), for counts from it.
    """
    return [hit.deadline(text) for hit in _scan(text, issued, lenient=False, in_force=in_force, events=events)]


def in_force_date(text: str, *, issued: date | None) -> date | None:
    """The day the document itself takes effect, where its text says so: "Quyết định này có
    hiệu lực thi hành kể từ ngày ký" → the issue date; "... có hiệu lực từ ngày 01/02/2027" →
    that day. A law or decree it cites ("Luật Đất đai có hiệu lực từ ...") is not the document."""
    g = _grammar()
    for m in g.in_force.finditer(text):
        anchor = re.split(r",|\s(?:và|đến|thay thế)\s", m["anchor"])[0]  # "... ngày ký và thay thế ..."
        if g.self_anchor.match(anchor):
            return issued
        for pattern in g.full_day:
            day = pattern.match(anchor)
            if day and _group(day, "y", "y2"):
                found, _ = _full_day(day, issued, [])
                return found
    return None


def governing_deadline(
    text: str, *, issued: date | None, in_force: date | None = None, events: tuple[EventDay, ...] = ()
) -> Deadline:
    """The deadline that governs a task: ``Deadline.none()`` when the text gives none.

    A day or period wins over a recurrence, which wins over a relative deadline; among days and
    periods the latest wins ("trước ngày 20/6/2025 (phấn đấu hoàn thành trước ngày 15/6/2025)"
    → 2025-06-20); a day before the issue date comes last, as it is more likely a past event.
    Example: "... theo Kết luận số 150-KL/TW, ngày 14/4/2025 ..., hoàn thành trong tháng
    11/2025" → period 2025-11-30.
    """
    found = _own_days(find_deadlines(text, issued=issued, in_force=in_force, events=events), text, issued)
    return _choose(found, issued) if found else Deadline.none()


def _own_days(found: list[Deadline], text: str, issued: date | None) -> list[Deadline]:
    """Without the later days that follow the task's own day ("trước ngày ...") behind a purpose
    that hands the work on: "gửi Sở Nội vụ trước ngày 15/12/2026 để tổng hợp, báo cáo Ủy ban nhân
    dân tỉnh trước ngày 20/12/2026" is due on the 15th; the 20th is the department's."""
    hand_on = _grammar().hand_on
    first_day = None
    own = []
    for d in sorted(found, key=lambda d: d.span.start if d.span else 0):
        dated = d.kind in _DATED_KINDS and d.date is not None and d.span is not None
        if (
            dated
            and first_day is not None
            and d.date > first_day.date
            and hand_on.search(text, first_day.span.end, d.span.start)
        ):
            continue
        if first_day is None and _limits_to_a_day(d) and d.date and d.span and (issued is None or d.date >= issued):
            first_day = d  # a day the work is due by, not one already past that the text only cites
        own.append(d)
    return own


def parse_deadline(
    phrase: str, *, issued: date | None, in_force: date | None = None, events: tuple[EventDay, ...] = ()
) -> Deadline:
    """Normalise one phrase, such as a table cell: no cue word is needed.

    Examples: "Quý IV/2025- Quý II/2026" → period 2026-06-30; "2025 - 2030" → period
    2030-12-31; "Hàng năm" → recurring yearly; "Thường xuyên" → ``Deadline.none()``.
    """
    stripped = phrase.strip()
    if not stripped:
        return Deadline.none()
    start = phrase.index(stripped)
    if FOLLOWS_A_SCHEDULE.match(stripped):
        return Deadline(text=stripped, kind=DeadlineKind.RELATIVE, span=Span(start, start + len(stripped), _LABEL))
    hits = _scan(_spelled_out(stripped), issued, lenient=True, in_force=in_force, events=events)
    if not hits:
        if _grammar().none_word.search(stripped):
            return Deadline.none()
        return Deadline(
            text=stripped,
            kind=DeadlineKind.NONE,
            span=Span(start, start + len(stripped), _LABEL),
            warnings=("no deadline could be read from this phrase",),
        )
    best = _choose([hit.deadline(_spelled_out(stripped)) for hit in hits], issued)
    if best.kind in _DATED_KINDS and ONLY_STARTS.match(stripped):
        best = Deadline.none()  # "Từ năm 2026": when the work starts, not when it is due
    return replace(best, text=stripped, span=Span(start, start + len(stripped), _LABEL))


# A cell writes a month or a quarter in short: "12/2026" is "tháng 12/2026", "QII/2026" and
# "Q2/2026" are "Quý II/2026" (a deadline column says what the numbers are).
CELL_MONTH = re.compile(r"^(?P<month>0?[1-9]|1[0-2])\s*/\s*(?P<year>20\d{2})$")
CELL_QUARTER = re.compile(r"^Q\.?\s*(?P<quarter>IV|I{1,3}|[1-4])\s*/\s*(?P<year>20\d{2})$", re.IGNORECASE)
QUARTER_NUMERALS = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _spelled_out(cell: str) -> str:
    month = CELL_MONTH.match(cell)
    if month:
        return f"tháng {month['month']}/{month['year']}"
    quarter = CELL_QUARTER.match(cell)
    if quarter:
        numeral = quarter["quarter"].upper()
        return f"Quý {QUARTER_NUMERALS.get(numeral, numeral)}/{quarter['year']}"
    return cell


# GUIDELINES: "Theo kế hoạch (riêng)", "theo lộ trình", "theo tiến độ ..." are relative with no
# date; a cell that only says when the work starts ("Từ năm 2026", "Triển khai từ 01/7/2025") is none.
# a cell that times the work by a schedule or an event: "Theo kế hoạch", "Khi có tình huống",
# "Ngay sau khi có quyết định" (GUIDELINES: relative, date null)
FOLLOWS_A_SCHEDULE = re.compile(
    r"^(?:theo\s+(?:kế hoạch|lộ trình|tiến độ)|(?:ngay\s+)?(?:sau\s+)?khi\s+có)(?!\w)", re.IGNORECASE
)
ONLY_STARTS = re.compile(
    r"^(?:(?:triển khai|thực hiện|bắt đầu)\s+)?từ\s+(?!nay(?!\w))(?:(?!đến|tới|[–—-]).)*$", re.IGNORECASE
)


def _choose(found: list[Deadline], issued: date | None) -> Deadline:
    """The governing deadline among a task's own (see ``governing_deadline``). A date that the
    text says the work is completed by ("hoàn thành trong tháng 12 năm 2025, triển khai thực
    hiện trong năm 2026") wins over dates it only says the work happens in; on the same day a
    calendar day wins over the period that ends there."""
    completes = [_completes(d) for d in found]
    limits = [_limits_to_a_day(d) and _after_the_later_periods(d, found) for d in found]

    def rank(indexed: tuple[int, Deadline]) -> tuple[int, int, int, int, int, int]:
        index, d = indexed
        if d.kind in _DATED_KINDS:
            if d.date is None:  # "Hằng năm, báo cáo ... tại kỳ họp thường lệ": the cycle says more
                return (1, 1, 0, 0, 0, index)
            if issued and d.date and d.date < issued:
                return (4, 0, 0, -d.date.toordinal(), 0, index)  # more likely a past event than a deadline
            day = d.kind is DeadlineKind.DATE
            # only a dated completion wins: "hoàn thành đại hội ... trước ngày 31/3/2026" names an event;
            # then a day the work must be done by ("gửi báo cáo trước ngày 30/6/2026") wins over a
            # period the text only places something in ("các dự án khởi công trong năm 2026")
            done = completes[index] and d.date is not None
            return (0, -done, -limits[index], -d.date.toordinal() if d.date else 0, -day, index)
        if d.kind is DeadlineKind.RECURRING:
            return (1, 0, 0, 0 if d.date else (1 if d.recurrence else 2), 0, index)
        return (2 if d.date else 3, 0, 0, 0, 0, index)

    return min(enumerate(found), key=rank)[1]


def _limits_to_a_day(deadline: Deadline) -> bool:
    """Whether the deadline is a day with a word that makes it the last one ("trước ngày ...",
    "chậm nhất ngày ...")."""
    words = (deadline.text or "").lower()
    cues = (*_lexicon().cue("before"), *_lexicon().cue("latest"))
    return deadline.kind is DeadlineKind.DATE and any(words.startswith(cue) for cue in cues)


def _after_the_later_periods(day: Deadline, found: list[Deadline]) -> bool:
    """Whether every period that ends after ``day`` is written before it: "các dự án khởi công
    trong năm 2026; gửi báo cáo trước ngày 30/6/2026" places the projects, then sets the day;
    "hoàn thành hồ sơ trước ngày 15/3/2026, trình phê duyệt trong quý II" is a later step."""
    start = day.span.start if day.span else 0
    return all(
        p.span is not None and p.span.start < start
        for p in found
        if p.kind is DeadlineKind.PERIOD and p.date and day.date and p.date > day.date
    )


def _completes(deadline: Deadline) -> bool:
    """Whether the deadline's words open with a completion verb ("hoàn thành trước ...")."""
    words = (deadline.text or "").lower()
    return any(words.startswith(cue) for cue in _lexicon().cue("complete"))
