"""Task segmentation: which pieces of a document assign work, and the context each inherits.

Follows ``shared/corpus/GUIDELINES.md``: one task per enumerated item that asks for work; a
lead-in's addressee, co-operating bodies and deadline pass down to its items; a sentence that
gives different bodies different work is split; every row of a task table is a task; legal
bases, assessments, approvals and the execution clause are not tasks.

The output is a list of :class:`TaskDraft` — spans only. Naming the bodies and normalising the
deadline are later steps (``roles``, ``deadlines``), so this module stays about structure.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from extraction.grammar import (
    CASE_OPENING,
    CONDITION_THEN,
    HONORIFIC,
    LEAD_ROLE_AFTER,
    PLURAL,
    PURPOSE_OPENING,
    URGING,
    assign_after_topic,
    cooperates_alone,
    find_agent_lead,
    find_bracketed_roles,
    find_directed,
    find_lead,
    find_support,
    find_support_before_cue,
    inside_brackets,
    named_heading,
    names_only,
    noun_phrase_end,
    opening_clause_ends,
    skip_adverbial,
    starts_with_body,
    topic_label_end,
    trim_np,
)
from extraction.lexicon import cue_pattern
from extraction.structure import (
    PAGE_NUMBER,
    Node,
    build_outline,
    is_heading,
    is_row,
    iter_lines,
    marker_of,
)
from extraction.types import Span, TaskDraft


# Where the body of a document ends: the recipients or the signature block (cues.tsv: trailer).
def _is_trailer(line: str) -> bool:
    return cue_pattern("trailer").match(line) is not None


CLAUSE_BREAK = re.compile(r"(?<=;)\s+(?=\S)")
HEADER_SCAN_LINES = 30
MIN_PROSE_WORDS = 14
LONG_LEAD_IN_WORDS = 40
ARTICLE_TITLE_WORDS = 12


@dataclass(frozen=True, slots=True)
class Context:
    """What a node inherits from the nodes above it."""

    addressee: Span | None = None
    addressee_source: str = "none"
    support: Span | None = None
    deadline_spans: tuple[Span, ...] = ()
    operative: bool | None = None
    plan_needs_body: bool = False
    # A plan's "Mục đích, yêu cầu" states requirements; a notice's "Một số yêu cầu", with no
    # purpose section anywhere, lists requests to bodies.
    requirements_are_background: bool = True


def segment(text: str) -> list[TaskDraft]:
    """All task drafts of a normalised document text, in document order."""
    lines = iter_lines(text)
    start, end = body_range(text, lines)
    body = lines[start:end] + annex_lines(text, lines[end:])
    document_addressee = find_document_addressee(text, lines[:start])
    has_task_table = any(_is_task_table_header(text, line) for line in body)
    has_assignment_section = has_task_table or any(_is_assignment_heading(text, line) for line in body)
    drafts: list[TaskDraft] = []
    outline_lines: list[Span] = []
    columns: TableColumns | None = None  # a task table's columns stay in force across group rows
    body, table_rows = _table_rows(text, body)
    for run in _runs(text, body, table_rows):
        is_rows = run[0].start in table_rows or is_row(text[run[0].start : run[0].end])
        if is_rows and (_is_table_run(text, run) or columns is not None):
            found, columns = table_drafts(text, run, columns)
            drafts.extend(found)
        elif columns is not None and all(
            _is_group_row(text, line) or PAGE_NUMBER.fullmatch(text[line.start : line.end].strip()) for line in run
        ):
            continue  # "II. HOÀN THIỆN CƠ CHẾ ..." or a page number ("7", "- 3 -") between the rows of one table
        else:
            columns = None
            outline_lines.extend(run)
    outline = build_outline(text, outline_lines)
    root_context = Context(
        addressee=document_addressee,
        addressee_source="document" if document_addressee else "none",
        requirements_are_background=_has_purpose_heading(text, outline),
    )
    drafts.extend(
        d
        for d in _visit_siblings(text, outline, root_context, has_assignment_section)
        if not _introduces_a_table(text, d)
    )
    drafts.sort(key=lambda d: d.span.start)
    return [_addressed_politely(text, d, document_addressee) for d in drafts]


# "Bộ Y tế đề nghị Quý cơ quan ...": the letter's addressee, named politely (probe CB)
POLITE = re.compile(r"Quý\s+(?:cơ quan|Ủy ban|Uỷ ban|Bộ|Sở|đơn vị|Ban|Cục|Tập đoàn|Tổng công ty)")


def _addressed_politely(text: str, draft: TaskDraft, addressee: Span | None) -> TaskDraft:
    """The draft with a lead that names the letter's addressee politely ("Quý cơ quan") replaced
    by the addressee of "Kính gửi"."""
    if addressee is None:
        return draft
    changes = {
        field: addressee
        for field in ("lead", "inherited_lead")
        if (span := getattr(draft, field)) is not None and POLITE.fullmatch(text, span.start, span.end)
    }
    return replace(draft, **changes) if changes else draft


def _introduces_a_table(text: str, draft: TaskDraft) -> bool:
    """A lead-in that ends with its colon right above a task table ("Giao chỉ tiêu ... cho Ủy ban
    nhân dân các xã, phường như sau:" over "STT | Xã, phường | ..."): the rows are the work (probe BV)."""
    if not text[draft.span.start : draft.span.end].rstrip().endswith(":"):
        return False
    start = draft.span.end
    while start < len(text) and text[start] in " \t\n:":
        start += 1
    end = text.find("\n", start)
    line = Span(start, len(text) if end < 0 else end)
    return _is_task_table_header(text, line)


# --- the body of the document ------------------------------------------------------------------


def body_range(text: str, lines: list[Span], start: int | None = None) -> tuple[int, int]:
    """Indices ``[start, end)`` of the lines between the header and the signature block."""
    if start is None:
        after_recipients = _after_recipients(text, lines[:HEADER_SCAN_LINES])
        start = next(
            (
                i
                for i, line in enumerate(lines[:HEADER_SCAN_LINES])
                if i >= after_recipients
                and (_is_prose(text[line.start : line.end]) or _is_task_table_header(text, line))
            ),
            after_recipients,
        )
        # "Đảng ủy Chính phủ:" right before the first item names who does it: the body begins there
        if start > after_recipients and _names_the_first_items(text[lines[start - 1].start : lines[start - 1].end]):
            start -= 1
        # a numbered row ("1.1 | ...") reads as an item: the table's header row above it belongs too
        while start > after_recipients and all(is_row(text[lines[i].start : lines[i].end]) for i in (start - 1, start)):
            start -= 1
    end = len(lines)
    for i in range(start, len(lines)):
        if _is_trailer(text[lines[i].start : lines[i].end]):
            end = i
            break
    return start, end


def _names_the_first_items(line: str) -> bool:
    """A short line that ends with a colon and opens with a body ("Đảng ủy Chính phủ:")."""
    stripped = line.strip()
    return (
        stripped.endswith(":") and not stripped.isupper() and len(stripped.split()) <= 12 and starts_with_body(stripped)
    )


def _after_recipients(text: str, header: list[Span]) -> int:
    """Index of the first line after the "Kính gửi:" list (0 when there is none)."""
    for i, line in enumerate(header):
        if text.startswith("Kính gửi", line.start):
            j = i + 1
            while j < len(header) and re.match(r"^[-+•]\s", text[header[j].start : header[j].end]):
                j += 1
            return j
    return 0


# An annex issued with the document begins after the signature: "QUY CHẾ", "PHỤ LỤC", ...
ANNEX_TITLE = re.compile(r"^(?:PHỤ LỤC|QUY CHẾ|QUY ĐỊNH|KẾ HOẠCH|CHƯƠNG TRÌNH|DANH MỤC|ĐỀ ÁN|HƯỚNG DẪN)\b")


def annex_lines(text: str, trailer: list[Span]) -> list[Span]:
    """The lines of annexes that follow the signature block (empty when there is none)."""
    for i, line in enumerate(trailer):
        if ANNEX_TITLE.match(text[line.start : line.end]):
            rest = trailer[i:]
            _, end = body_range(text, rest, start=0)
            return rest[:end] + annex_lines(text, rest[end:]) if end < len(rest) else rest
    return []


def _is_prose(line: str) -> bool:
    """Whether a line belongs to the body: a numbered item or article, or a long sentence."""
    if BODY_MARKER.match(line):
        return True
    words = line.split()
    letters = [c for c in line if c.isalpha()]
    mostly_upper = letters and sum(c.isupper() for c in letters) / len(letters) > 0.6
    if mostly_upper or line.startswith(("Kính gửi", "V/v", "Số")):
        return False
    if LEAD_IN_LINE.search(line) or (line.rstrip().endswith(":") and cue_pattern("assign").search(line)):
        return True  # "Chủ tịch UBND tỉnh kết luận như sau:", "Đề nghị Đảng ủy xã tập trung:" open a short body
    return len(words) >= MIN_PROSE_WORDS and not is_row(line)


# A lead-in that introduces the items after it: "... kết luận như sau:", "... các nhiệm vụ sau:"
LEAD_IN_LINE = re.compile(r"\bsau\s*:\s*$")
BODY_MARKER = re.compile(
    r"^(?:(?:\d{1,2}|[IVX]+)\s*[.)]|\(\d{1,2}\)|[A-HK-UW-ZĐ]\.\s+(?=[A-ZĐÀ-Ỹ]{2})|Điều\s+\d+|Chương\s+[IVX\d]+|Phần\s+[IVX\d]+)\s*\S"
)


def find_document_addressee(text: str, header: list[Span]) -> Span | None:
    """The addressees after "Kính gửi:" in the header, as one span."""
    for i, line in enumerate(header):
        content = text[line.start : line.end]
        m = re.match(r"^Kính gửi\s*:\s*(?:\|\s*)?", content)
        if not m:
            continue
        last = header[-1] if i + 1 < len(header) else line
        start = line.start + m.end()
        if start >= line.end and i + 1 < len(header):
            start = header[i + 1].start
        return Span(start, last.end, "addressee")
    return None


def _runs(text: str, lines: list[Span], table_rows: set[int] = frozenset()) -> list[list[Span]]:
    """Consecutive lines grouped by whether they are table rows."""
    runs: list[list[Span]] = []
    rows: list[bool] = []
    for line in lines:
        row = line.start in table_rows or is_row(text[line.start : line.end])
        if runs and rows[-1] == row:
            runs[-1].append(line)
        else:
            runs.append([line])
            rows.append(row)
    return runs


def _table_rows(text: str, lines: list[Span]) -> tuple[list[Span], set[int]]:
    """The lines with each row of a task table as one: a cell written on several lines ("2 | Rà
    soát các văn bản sau: ¶ - Văn bản A; ¶ - Văn bản B. | Vụ Pháp chế | ...") ends its row where
    the row has as many cells as the header; a numbered row whose empty cells were trimmed ("2 |
    Tổ chức tập huấn, gồm:") is a row of its table all the same (probe BT). Returned with the starts
    of the rows that :func:`is_row` alone would not see."""
    out: list[Span] = []
    rows: set[int] = set()
    width = 0  # cells of the task table's header in force; 0 outside a table
    i = 0
    while i < len(lines):
        line = lines[i]
        content = text[line.start : line.end]
        if _is_task_table_header(text, line):
            width = len(_cells(text, line))
        elif width and ROW_NUMBER.match(content) and len(_cells(text, line)) < width:
            end = _row_end(text, lines, i, width)
            line = Span(line.start, lines[end].end)
            rows.add(line.start)
            i = end
        elif (
            width
            and not is_row(content)
            and not _is_group_row(text, line)
            and not PAGE_NUMBER.fullmatch(content.strip())
        ):
            width = 0
        out.append(line)
        i += 1
    return out, rows


# the number a table row opens with: "2\t...", "1.1 | ...", "| 3 | ..."
ROW_NUMBER = re.compile(r"^(?:\|\s*)?\d{1,2}(?:\.\d{1,2})*\.?\s*(?:\t|\|\s)")
MAX_CELL_LINES = 12


def _row_end(text: str, lines: list[Span], first: int, width: int) -> int:
    """The last line of the row that opens at ``lines[first]``: the line that gives it as many cells
    as the header; ``first`` itself when no line within reach does (the row's empty cells were
    trimmed) or another row opens first."""
    for j in range(first + 1, min(len(lines), first + MAX_CELL_LINES)):
        content = text[lines[j].start : lines[j].end]
        if ROW_NUMBER.match(content) or _is_group_row(text, lines[j]):
            return first
        cells = len(_cells(text, Span(lines[first].start, lines[j].end)))
        if cells == width:
            return j
        if cells > width:
            return first
    return first


# --- task tables ----------------------------------------------------------------------------------

# ("Chỉ tiêu giao năm 2026": the targets a decision assigns; probe BP)
TASK_COLUMN = re.compile(r"nhiệm vụ|nội dung|hoạt động|công việc|đề án|tên|chỉ tiêu", re.IGNORECASE)
TASK_NAME_COLUMN = re.compile(r"tên\b", re.IGNORECASE)
# who does the row's work: "Cơ quan thực hiện", or the units a table lists first ("Tên xã | Chỉ tiêu
# giao ...", probe BP)
AGENT_COLUMN = re.compile(
    r"(?:cơ quan|đơn vị|bộ phận)\s+(?:thực hiện|đầu mối)"
    r"|^\s*(?:tên\s+)?(?:xã|phường|xã,\s*phường|đơn vị|cơ quan|địa phương)\s*$",
    re.IGNORECASE,
)
UNITS_FIRST = re.compile(r"^\s*(?:tên\s+)?(?:xã|phường|xã,\s*phường|phường,\s*xã|đơn vị|địa phương)\s*$", re.IGNORECASE)
SUPPORT_COLUMN = re.compile(r"phối hợp", re.IGNORECASE)
DEADLINE_COLUMN = re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành", re.IGNORECASE)
PRODUCT_COLUMN = re.compile(r"sản phẩm|đầu ra|kết quả", re.IGNORECASE)
CELL_MARKER = re.compile(r"^(?:[-+.•]\s*|\d{1,2}[.)]\s+|[a-zđ]\)\s*)")


@dataclass(frozen=True, slots=True)
class TableColumns:
    task: int
    lead: int
    support: int | None
    deadline: int | None
    product: int | None


CELL_BAR = re.compile(r"(?:(?<=\s)|^)\|(?=\s|$)|\t")  # each tab of a row copied with tabs ends a cell


def _cells(text: str, line: Span) -> list[Span]:
    """The cells of a table row "a | b | c" as spans (a row may begin with empty cells: "| | c")."""
    content = text[line.start : line.end]
    bounds = [-1] + [m.start() for m in CELL_BAR.finditer(content)] + [len(content)]
    cells = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        part = content[left + 1 : right]
        stripped = part.strip()
        offset = line.start + left + 1 + (part.find(stripped) if stripped else 0)
        # a dash or dots says the cell is empty: "| Bộ Tài chính | - | 12/2026 |"
        size = 0 if EMPTY_CELL.fullmatch(stripped) else len(stripped)
        cells.append(Span(offset, offset + size))
    return cells


EMPTY_CELL = re.compile(r"[-–—.…/x×]+")


def table_columns(headers: list[str]) -> TableColumns | None:
    """Which columns hold the task, lead, support, deadline and product, from the header row."""
    lead = next((i for i, h in enumerate(headers) if re.search("chủ trì", h, re.I)), None)
    if lead is None:
        # "Cơ quan thực hiện", "Đơn vị thực hiện" name the lead when no column says "chủ trì"
        lead = next((i for i, h in enumerate(headers) if AGENT_COLUMN.search(h)), None)
    if lead is None:
        return None
    tasks = [i for i, h in enumerate(headers) if i != lead and TASK_COLUMN.search(h) and not AGENT_COLUMN.search(h)]
    # the task before its lead, as most tables put it; after it where the units come first
    task_candidates = [i for i in tasks if i < lead] or [i for i in tasks if i > lead][:1]
    if not task_candidates and UNITS_FIRST.match(headers[lead]) and len(headers) > lead + 1:
        # "STT | Xã, phường | Tỷ lệ tham gia bảo hiểm y tế (%)": the targets a decision sets each
        # unit, one row per unit; the unit's cell stands for the row (probe BV)
        task_candidates = [lead]
    if not task_candidates:
        return None

    def first(pattern: re.Pattern[str]) -> int | None:
        return next((i for i, h in enumerate(headers) if i != lead and pattern.search(h)), None)

    # a wide table names each task and then details it ("Tên nhiệm vụ | Nội dung thực hiện"):
    # the task is the name cell (issue 12); else the last task-like column before the lead's
    named = [i for i in task_candidates if TASK_NAME_COLUMN.match(headers[i].strip())]
    return TableColumns(
        task=named[0] if named else task_candidates[-1],
        lead=lead,
        support=first(SUPPORT_COLUMN),
        deadline=first(DEADLINE_COLUMN),
        product=first(PRODUCT_COLUMN),
    )


def _is_task_table_header(text: str, line: Span) -> bool:
    content = text[line.start : line.end]
    if not is_row(content):
        return False
    cells = _cells(text, line)
    return not _numbered_row(text, cells) and table_columns([text[c.start : c.end] for c in cells]) is not None


def _numbered_row(text: str, cells: list[Span]) -> bool:
    """A row that opens with its number ("2 | Xây dựng đề án ... | Sở Y tế (chủ trì) | ..."): a
    table's row, never its header, whatever words its cells hold (probe CD)."""
    number = _number_cell(text, cells)
    return number is not None and NUMBER_CELL.fullmatch(text[number.start : number.end].strip()) is not None


NUMBER_CELL = re.compile(r"\d{1,3}(?:\.\d{1,2})*\.?")


def _is_table_run(text: str, run: list[Span]) -> bool:
    return any(_is_task_table_header(text, line) for line in run)


def _is_group_row(text: str, line: Span) -> bool:
    """A row that groups a table's rows under a heading: "I. NÂNG CAO NHẬN THỨC", short and
    mostly upper case."""
    content = text[line.start : line.end]
    if TAB_GROUP_ROW.match(content):
        return True  # "I\tNhóm nhiệm vụ về thể chế": numbered in the first column of a row copied with tabs
    if SECTION_GROUP_LINE.match(content) and len(content.split()) <= GROUP_LINE_WORDS:
        return True  # "I. Về thể chế", "a) Về thể chế": a merged row in sentence case (probe CD)
    letters = [c for c in content if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters) and len(content.split()) <= 25


TAB_GROUP_ROW = re.compile(r"[IVXLC]{1,5}\.?\t+[^\t]{3,200}$")
SECTION_GROUP_LINE = re.compile(r"^(?:[IVX]{1,5}|[A-ZĐ]|[a-zđ])\s*[.)]\s+[^|\t]+$")
GROUP_LINE_WORDS = 12


def table_drafts(
    text: str, rows: list[Span], columns: TableColumns | None = None
) -> tuple[list[TaskDraft], TableColumns | None]:
    """One draft per row of a task table (after its header row, or under the columns of the
    table it continues), and the columns in force after the last row."""
    drafts: list[TaskDraft] = []
    group_time: Span | None = None  # "I | QUÝ I |  |  | ": the time of the rows under it
    names: list[str] = []  # the header row's cells, for a second header row under it
    for index, row in enumerate(rows):
        cells = _cells(text, row)
        header = None if _numbered_row(text, cells) else table_columns([text[c.start : c.end] for c in cells])
        if header is not None:
            columns, names = header, [text[c.start : c.end] for c in cells]
            continue
        sub_header = _sub_header(text, cells, names)
        if sub_header is not None:
            columns = sub_header
            continue
        if columns is None or len(cells) <= columns.lead:
            continue
        task = _strip_cell_marker(text, cells[columns.task])
        following = _cells(text, rows[index + 1]) if index + 1 < len(rows) else []
        after = _number_cell(text, following)
        next_number = text[after.start : after.end] if after else ""
        if _titles_a_group(text, cells, columns.task, next_number):
            group_time = task if GROUP_TIME.match(text, task.start, task.end) else None
            continue
        if task.end - task.start < 8:
            continue
        if drafts and (_continues_a_cell(text, cells, columns) or _continues_a_row(text, cells, columns, task)):
            continue  # " | Luật Dữ liệu |  |  | ": the words of the row above that wrapped
        above = drafts[-1] if drafts and _numbered(text, cells) else None
        # "Nt" (như trên): the cell says the same as the one above it (probe BT)
        same = {i for i, c in enumerate(cells) if SAME_AS_ABOVE.fullmatch(text, c.start, c.end)} if above else set()
        lead, marked_support = roles_in_cell(text, _nonempty(cells[columns.lead]))
        if above and columns.lead in same:
            lead, marked_support = above.lead, above.support
        support = _cell(cells, columns.support) or marked_support
        if above and columns.support in same:
            support = above.support
        deadline = _cell(cells, columns.deadline)
        if above and columns.deadline in same:
            deadline = above.deadline_cell
        drafts.append(
            TaskDraft(
                span=task,
                origin="table_row",
                # a cell merged over several rows is written once, in the first of them
                lead=lead or (above.lead if above else None),
                lead_source="table",
                support=support,
                deadline_cell=deadline or (above.deadline_cell if above and not lead else None) or group_time,
                product_cell=_cell(cells, columns.product),
            )
        )
    return drafts, columns


SAME_AS_ABOVE = re.compile(r"[-–]?\s*(?:[Nn]t|NT|[Nn]hư trên)\s*[-–]?\.?")


def _sub_header(text: str, cells: list[Span], names: list[str]) -> TableColumns | None:
    """The columns of a header written on two rows: "TT | Nội dung | Đơn vị thực hiện | | Thời
    gian" over " | | Chủ trì | Phối hợp | " (the second row names what the first row spans)."""
    if not names or _numbered(text, cells):
        return None
    below = [text[c.start : c.end] for c in cells]
    if not any(below) or any(len(name.split()) > SUB_HEADER_WORDS for name in below):
        return None
    merged = [(below[i] if i < len(below) and below[i] else name) for i, name in enumerate(names)]
    columns = table_columns(merged)
    return columns if columns is not None and below[columns.lead : columns.lead + 1] != [""] else None


SUB_HEADER_WORDS = 4


def _continues_a_row(text: str, cells: list[Span], columns: TableColumns, task: Span) -> bool:
    """A row with no number and no lead whose task cell goes on in lower case: several cells of
    the row above wrapped onto it (" | trực tuyến về ... | | | Quy hoạch và Điều tra ...")."""
    return (
        not _numbered(text, cells)
        and _cell(cells, columns.lead) is None
        and text[task.start : task.start + 1].islower()
    )


def _numbered(text: str, cells: list[Span]) -> bool:
    return bool(cells) and bool(text[cells[0].start : cells[0].end].strip())


def _number_cell(text: str, cells: list[Span]) -> Span | None:
    """The cell a group row's number stands in: the first; in a row written "| I | ... |" the bar
    before it opens the row (a row that goes on below, "| trực tuyến ... | |", holds no number)."""
    if not cells:
        return None
    first = cells[0]
    if first.start == first.end and text.startswith("|", first.start) and len(cells) > 1:
        return cells[1]
    return first


def _continues_a_cell(text: str, cells: list[Span], columns: TableColumns) -> bool:
    """A row with neither number nor any cell but the task's (and the product's): the cells
    of the row above wrapped onto it."""
    wrapped = (columns.task, columns.product)
    return all(not text[c.start : c.end].strip() for i, c in enumerate(cells) if i not in wrapped)


# a group row titled by a time: "QUÝ I", "Tháng 3", "Năm 2027", "6 tháng cuối năm"
GROUP_TIME = re.compile(r"\s*(?:tháng\s+\d|quý\s+[IV1-4]|năm\s+20\d\d|6 tháng)", re.IGNORECASE)


GROUP_NUMBER = re.compile(r"[IVXLC]{1,6}|[A-ZĐ]")


def _titles_a_group(text: str, cells: list[Span], task_column: int, next_number: str = "") -> bool:
    """A row whose other cells are empty titles the rows under it when it is numbered with a
    Roman numeral or a capital ("I | Nhóm nhiệm vụ, giải pháp về ... |  |  | ") or when the
    next row numbers itself under it ("1 | Cải cách thể chế |  | " before "1.1 | ...")."""
    number_cell = _number_cell(text, cells)
    if task_column == 0 or number_cell is None or number_cell == cells[task_column]:
        return False
    number = text[number_cell.start : number_cell.end].strip().rstrip(".")
    others = [c for i, c in enumerate(cells) if i != task_column and c != number_cell]
    if any(text[c.start : c.end].strip() for c in others):
        return False
    return GROUP_NUMBER.fullmatch(number) is not None or (
        number.isdigit() and next_number.strip().startswith(f"{number}.")
    )


def _strip_cell_marker(text: str, cell: Span) -> Span:
    m = CELL_MARKER.match(text[cell.start : cell.end])
    return Span(cell.start + m.end(), cell.end) if m else cell


def _nonempty(span: Span) -> Span | None:
    return span if span.end > span.start else None


def _cell(cells: list[Span], index: int | None) -> Span | None:
    if index is None or index >= len(cells):
        return None
    return _nonempty(cells[index])


# --- the outline --------------------------------------------------------------------------------


def _is_assignment_heading(text: str, line: Span) -> bool:
    """A heading such as "III. TỔ CHỨC THỰC HIỆN" or "Điều 5. Trách nhiệm thi hành"."""
    content = text[line.start : line.end]
    body = content[marker_of(content)[1] :]
    return is_heading(body) and _heading_kind(body) == "assignment"


def _heading_kind(body: str) -> str | None:
    """ "assignment" for "Tổ chức thực hiện", "operative" for "Nhiệm vụ, giải pháp",
    "background" for "Mục đích, yêu cầu" or "Đánh giá tình hình", None otherwise."""
    lowered = body.lower()
    if PRINCIPLE_HEADING.match(_unqualified(lowered)):
        return "background"  # "Nguyên tắc phân công, phối hợp": principles, whatever they are of (probe CF)
    if "tổ chức thực hiện" in lowered or "phân công" in lowered or "trách nhiệm" in lowered:
        return "assignment"
    operative = cue_pattern("operative_heading").search(lowered)
    # a background section is titled by its subject: "Mục đích, yêu cầu", "Về đánh giá tình hình"
    background = cue_pattern("non_operative_heading").match(_unqualified(lowered))
    if operative and (not background or operative.start() < background.start()):
        return "operative"
    qualifier = len(lowered) - len(_unqualified(lowered))
    if operative and background and re.search(r";|\bvà\b", lowered[qualifier + background.end() : operative.start()]):
        # "Về tình hình kinh tế - xã hội; nhiệm vụ, giải pháp thời gian tới": the section asks too (probe BS)
        return "operative"
    if background:
        return "background"
    if cue_pattern("needs_body_heading").match(lowered):
        return "needs_body"
    return None


PRINCIPLE_HEADING = re.compile(r"(?:nguyên tắc|mục đích|mục tiêu|quan điểm|phạm vi|đối tượng|giải thích từ ngữ)(?!\w)")


def _has_purpose_heading(text: str, nodes: list[Node]) -> bool:
    """Whether a heading of the outline states the document's purpose ("Mục đích", "Mục tiêu")."""
    for node in nodes:
        body = node.body_text(text).strip()
        if is_heading(body) and cue_pattern("purpose_heading").match(_unqualified(body.lower())):
            return True
        if _has_purpose_heading(text, node.children):
            return True
    return False


def _unqualified(lowered: str) -> str:
    """A heading without the words that only qualify it: "về", "những", "một số", "các"."""
    return re.sub(r"^(?:về|những|một số|các)\s+", "", lowered)


def _is_requests_heading(body: str) -> bool:
    """ "Yêu cầu", "Một số yêu cầu": the heading names nothing but requests."""
    return cue_pattern("requests_heading").fullmatch(_unqualified(body.lower()).rstrip(" :.")) is not None


def _visit(text: str, node: Node, ctx: Context, has_assignment_section: bool) -> list[TaskDraft]:
    body = node.body_text(text).strip()
    if not body or not any(c.isalpha() for c in body):
        return _visit_children(text, node, ctx, has_assignment_section)
    fields = labelled_fields(text, node) or inline_fields(text, node)
    if fields and body.isupper() and "task" not in fields:
        fields = {}  # "II. THỜI GIAN, ĐỊA ĐIỂM ¶ - Thời gian: ... ¶ - Địa điểm: ...": a section about the event
    if fields and ctx.operative is not False and not _describes_an_event(text, fields):
        return [_fields_draft(text, node, fields, ctx)]
    if _is_heading_node(text, node, body):
        return _visit_children(
            text,
            node,
            _heading_context(text, node, body, ctx, has_assignment_section),
            has_assignment_section,
        )
    if body.endswith(":") and node.children:
        return _visit_lead_in(text, node, body, ctx, has_assignment_section)
    if _titles_assigned_points(text, node, body):
        group_ctx = replace(ctx, deadline_spans=ctx.deadline_spans + (node.body,))
        return _visit_children(text, node, group_ctx, has_assignment_section)
    drafts = _task_drafts(text, node, ctx) if _is_task(text, node, body, ctx) else []
    declared = _roles_for_its_points(text, node, drafts)
    if declared is not None:
        return _visit_children(text, node, declared(ctx), has_assignment_section)
    child_ctx = ctx
    if drafts and drafts[0].lead is not None:
        child_ctx = replace(ctx, addressee=drafts[0].lead, addressee_source="inherited")
    return drafts + _visit_children(text, node, child_ctx, has_assignment_section)


# what may follow the bodies a heading declares: its role words and closing marks
ROLES_TAIL = re.compile(r"(?:[\s,;.:)]|(?:đơn vị|cơ quan)\s+|chủ trì|phối hợp(?:\s+với)?)*", re.IGNORECASE)


def _roles_for_its_points(text: str, node: Node, drafts: list[TaskDraft]) -> Callable[[Context], Context] | None:
    """How the points under a heading inherit the roles it declares after its topic, when it
    declares nothing else: "1. Chỉ số Chi phí gia nhập thị trường (đơn vị chủ trì: Sở Tài chính;
    đơn vị phối hợp: Thuế tỉnh)", "3. Chỉ số Tính minh bạch: Văn phòng UBND tỉnh chủ trì, phối hợp
    với Sở Tư pháp" over "- ..." points (probe BN). The heading is no task of its own."""
    if not node.children or len(drafts) != 1 or drafts[0].lead is None:
        return None
    lead = drafts[0].lead
    opener = re.search(r"[(:]", text[node.body.start : lead.start])
    if opener is None:
        return None  # the lead opens the heading: "1. Sở Tài chính chủ trì, phối hợp ...: ..." assigns
    support = drafts[0].support or _declared_support(text, lead.end, node.body.end)
    declared_end = max(lead.end, support.end if support else 0)
    if ROLES_TAIL.fullmatch(text, declared_end, node.body.end) is None:
        return None  # work follows the roles: "... (Sở X chủ trì) rà soát ..."
    return lambda ctx: replace(ctx, addressee=lead, addressee_source="inherited", support=support or ctx.support)


def _declared_support(text: str, start: int, end: int) -> Span | None:
    """The bodies after "phối hợp với" that end a heading's declaration of roles."""
    m = cue_pattern("support").search(text, start, end)
    names = _skip_blank(text, m.end()) if m is not None else end
    if m is None or not starts_with_body(text[names:end]):
        return None
    return trim_np(text, Span(names, end, "support"))


def _titles_assigned_points(text: str, node: Node, body: str) -> bool:
    """ "1. Hoàn thành mục tiêu ... trong năm 2025" over points that each name who does them
    ("a) Bộ Xây dựng chỉ đạo ...", "b) Giao Bộ Tài chính ..."): the item titles the group (its
    deadline passes down), it assigns nothing of its own."""
    if node.style == "para" or len(node.children) < 2 or body.endswith(":"):
        return False
    if find_lead(text, node.body.start, node.body.end) is not None:
        return False
    return all(_names_its_actor(text, child) for child in node.children)


def _names_its_actor(text: str, node: Node) -> bool:
    lead = find_lead(text, node.body.start, node.body.end)
    return lead is not None and not REPORTED.match(text, lead.end)


def _visit_children(text: str, node: Node, ctx: Context, has_assignment_section: bool) -> list[TaskDraft]:
    return _visit_siblings(text, node.children, ctx, has_assignment_section)


def _visit_siblings(text: str, nodes: list[Node], ctx: Context, has_assignment_section: bool) -> list[TaskDraft]:
    """Visit nodes in order; an unnumbered paragraph with no subject continues the addressee
    of the paragraph before it ("Bộ Chính trị giao X ... . ¶ Bảo đảm ...")."""
    out: list[TaskDraft] = []
    origins: list[int] = []  # the sibling each draft of ``out`` came from
    current = ctx
    introduced = ctx  # what a paragraph that introduces the items after it ("... sau:") passes on
    for i, node in enumerate(nodes):
        shared_time = _shared_deadline_line(text, node) if out else None
        if shared_time is not None:  # "a) ... ¶ b) ... ¶ Thời gian hoàn thành các nhiệm vụ trên: ..."
            covered = _covered_siblings(nodes, i)
            out = [
                replace(d, deadline_cell=shared_time) if origins[k] in covered and d.deadline_cell is None else d
                for k, d in enumerate(out)
            ]
            continue
        time_line = _deadline_line(text, node) if out else None
        if time_line is not None and _closes_the_points(nodes, i):
            # "a) Các bộ ... ¶ b) Ủy ban nhân dân các tỉnh ... ¶ c) Thời gian hoàn thành: ...": the time
            # of every point of the item, as a lead-in's time is (a point's own time still wins)
            out = [
                replace(d, deadline_context=(*d.deadline_context, time_line))
                if nodes[origins[k]].style == node.style
                else d
                for k, d in enumerate(out)
            ]
            continue
        time_line = time_line if out and out[-1].deadline_cell is None else None
        if time_line is not None:  # "1. Sở Tài chính ... ¶ Thời gian hoàn thành: trước ngày 15/12"
            out[-1] = replace(out[-1], deadline_cell=time_line)
            continue
        # (only the item just before: a project's title that gave no task does not pass this
        # paragraph to the last point of the project above it; probe BD)
        if out and origins[-1] == i - 1 and _continues_item(text, nodes, i):
            out[-1] = replace(out[-1], span=Span(out[-1].span.start, node.body.end))
            continue
        if i > 0 and _titles_after_type_line(text, nodes[i - 1], node):
            continue
        if node.style != "para":
            current = introduced  # a numbered item takes its addressee from above, not from a paragraph
        elif not node.children:
            introduced = _introduced(text, node, ctx)
        drafts = _visit(text, node, current, has_assignment_section)
        out.extend(drafts)
        origins.extend([i] * len(drafts))
        own = [d for d in drafts if d.lead is not None and d.lead_source == "own"]
        if node.style == "para" and own:
            current = replace(ctx, addressee=own[-1].lead, addressee_source="inherited")
    return out


def _titles_after_type_line(text: str, previous: Node, node: Node) -> bool:
    """ "KẾ HOẠCH ¶ Thực hiện chuyển đổi số ... năm 2027": the line under an annexed document's
    type line is its title, not a task."""
    kind = previous.body_text(text).strip()
    return (
        node.style == "para"
        and not node.children
        and kind.isupper()
        and len(kind.split()) <= 4
        and ANNEX_TITLE.match(kind) is not None
    )


def _named_directed(text: str, body: Span) -> Span | None:
    """The named body a lead-in tells its lead to direct ("Giao Đảng ủy Ủy ban nhân dân tỉnh lãnh
    đạo, chỉ đạo Ủy ban nhân dân tỉnh:"): it takes part in every point below; a generic one
    ("chỉ đạo các cơ quan liên quan:") only says how the lead works."""
    directed = find_directed(text, body.start, body.end)
    return directed if directed is not None and text[directed.start].isupper() else None


def _introduced(text: str, node: Node, ctx: Context) -> Context:
    """The context a paragraph ending in a colon gives the numbered items after it: the body its
    last sentence asks to act ("... Để làm tốt việc này, yêu cầu cấp uỷ, tổ chức đảng các cấp
    tập trung thực hiện tốt một số nhiệm vụ sau:")."""
    if not node.body_text(text).rstrip().endswith(":"):
        return ctx
    lead = _lead_in_addressee(text, node)
    return ctx if lead is None else replace(ctx, addressee=lead, addressee_source="inherited")


def _lead_in_addressee(text: str, node: Node) -> Span | None:
    """Who a lead-in asks to act: its subject, else the subject of its last sentence (a long
    preamble ending "... Để làm tốt việc này, yêu cầu cấp uỷ các cấp thực hiện tốt ... sau:").
    An issuing statement ("Ủy ban nhân dân Tỉnh ban hành Kế hoạch ... như sau:") names none."""
    lead = find_lead(text, node.body.start, node.body.end)
    if lead is not None and _reports_or_approves(text, lead):
        lead = None  # "Ban Bí thư cơ bản đồng tình ...; đề nghị Ban Thường vụ Tỉnh ủy ... sau:" (probe BI)
    body = node.body_text(text)
    # the last sentence first, then its last clause: "...; Chủ tịch UBND các xã, phường thực hiện"
    # would lose the addressees before the semicolon
    for last in (body.rfind(". "), body.rfind("; ")):
        if lead is not None or last <= 0:
            continue
        lead = find_lead(text, node.body.start + last + 2, node.body.end)
        if lead is not None and _reports_or_approves(text, lead):
            return None  # "Đồng chí X đã phát biểu kết luận như sau:" reports, it assigns nothing
    if lead is not None and (_issues(text, lead.end, node.body.end) or PLAN_INTRODUCED.search(body)):
        return None
    if lead is not None and _asks_no_one(text, lead.end, node.body.end):
        return None  # "Tổng Thanh tra Chính phủ kiến nghị, yêu cầu như sau:": the speaker (probe BO)
    return lead


def _asks_no_one(text: str, start: int, end: int) -> bool:
    """Whether only assigning verbs follow a lead-in's subject before its colon: it speaks."""
    verbs = cue_pattern("assign").pattern
    only_verbs = rf"\s*(?:{verbs})(?:\s*(?:,|và)\s*(?:{verbs}))*\s*(?:như\s+)?(?:sau)?\s*:\s*"
    # ("Bộ trưởng Bộ Y tế yêu cầu thực hiện các nhiệm vụ sau:": the work, and still no one; probe BZ)
    only_work = rf"\s*(?:{verbs})\s+{WORK_WITH_NO_ONE.pattern}"
    return any(re.fullmatch(p, text[start:end], re.IGNORECASE) for p in (only_verbs, only_work))


WORK_WITH_NO_ONE = re.compile(
    r"(?:tập\s+trung\s+)?(?:thực\s+hiện|triển\s+khai(?:\s+thực\s+hiện)?)(?:\s+tốt)?\s+(?:các|một\s+số|những)\s+"
    r"(?:nhiệm\s+vụ|nội\s+dung|giải\s+pháp|biện\s+pháp)[^:;]{0,60}?(?:như\s+)?sau\s*:\s*"
)


# "Sở Giáo dục và Đào tạo xây dựng Kế hoạch như sau:": the issuer introduces its own plan;
# "Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn công tác tuyên truyền như sau:", its guidance (probe BC)
PLAN_INTRODUCED = re.compile(
    # (its grounds may be listed with semicolons: "Căn cứ ...; căn cứ ..., Ban X xây dựng Kế hoạch như sau:")
    r"^(?!.*\b(?:giao|yêu cầu|đề nghị)\b)[^:]*"
    r"\b(?:(?:xây dựng|ban hành|triển khai)\s+(?:kế hoạch|chương trình)|hướng\s+dẫn)\b"
    # "... với các nội dung sau:", "... các nội dung cụ thể như sau:" (probe BG)
    r"[^:;]{0,120}?\b(?:như\s+sau|(?:với\s+)?(?:các|những)\s+nội\s+dung"
    r"(?:\s+(?:chủ yếu|cụ thể|chính))?(?:\s+như)?\s+sau)\s*:\s*$",
    re.IGNORECASE,
)


def _issues(text: str, pos: int, end: int) -> bool:
    """Whether the subject ending at ``pos`` issues the document rather than receiving work:
    "Ủy ban nhân dân Tỉnh ban hành Kế hoạch ...", "Ban Chỉ đạo thống nhất kết luận như sau:"
    (an issuing phrase within the next few words, none of them an assigning verb)."""
    pos = _skip_blank(text, pos)
    for _ in range(ISSUING_REACH_WORDS + 1):
        if cue_pattern("issuing").match(text, pos, end):
            return True
        if cue_pattern("assign").match(text, pos, end):
            return False
        space = text.find(" ", pos, end)
        if space < 0:
            return False
        pos = space + 1
    return False


# "thống nhất", "đã thống nhất": the words an issuer puts before "kết luận như sau"
ISSUING_REACH_WORDS = 3


# An item described by labelled fields, as plans write them:
#   1. Phổ biến Luật Việc làm
#   - Nội dung thực hiện: ...   - Cơ quan chủ trì: ...   - Thời gian thực hiện: ...
FIELD_LABEL = re.compile(
    r"^(?P<label>nội dung(?: thực hiện| công việc| khắc phục)?|nhiệm vụ(?: cụ thể)?|công việc(?: cụ thể)?|"
    # a remedy plan's work after an inspection: "- Biện pháp khắc phục: Rà soát hồ sơ ..."
    r"(?:biện pháp|giải pháp)(?: khắc phục| thực hiện)?|yêu cầu khắc phục|"
    r"cơ quan (?:chủ trì|thực hiện|phối hợp)(?: trình| soạn thảo)?|cơ quan trình|chủ trì|phối hợp|"
    r"đơn vị (?:chủ trì|thực hiện|phối hợp)|"
    r"thời gian(?: thực hiện| hoàn thành| trình)?|thời hạn(?: hoàn thành| trình)?|"
    r"tiến độ(?: thực hiện)?|sản phẩm|kết quả(?: đầu ra)?|"
    # fields that describe the work without a role or a time: kept out of the tasks
    r"đơn vị chịu (?:sự )?giám sát|đối tượng(?: giám sát| kiểm tra)?|địa điểm|hình thức|phạm vi)\s*:\s*",
    re.IGNORECASE,
)


# a short label of any words before a colon: "Hoạt động: ...", "Biện pháp xử lý: ..."
OTHER_LABEL = re.compile(r"^[^\W\d][^:;,.()\n]{1,40}:\s*(?=\S)")


def labelled_fields(text: str, node: Node) -> dict[str, Span]:
    """The fields of an item whose children are "Label: value" lines, keyed by kind."""
    fields: dict[str, Span] = {}
    unlabelled = []
    for child in node.children:
        m = FIELD_LABEL.match(child.body_text(text))
        if m is None:
            if child.style != "para" and any(c.isalpha() for c in child.body_text(text)):
                unlabelled.append(child)  # an item of its own, not a heading or paragraph after the block
            continue
        fields.setdefault(_field_kind(m), Span(child.body.start + m.end(), child.body.end))
    other_label = OTHER_LABEL.match(unlabelled[0].body_text(text)) if len(unlabelled) == 1 else None
    if other_label is not None and "task" not in fields and "lead" in fields:
        # "- Hoạt động: Mở 02 lớp tập huấn ..." beside "- Đơn vị chủ trì: ...": the one line whose
        # label is not a field's is the work
        fields["task"] = Span(unlabelled[0].body.start + other_label.end(), unlabelled[0].body.end)
    elif unlabelled and "task" not in fields:
        # "- Xây dựng Kho dữ liệu ... ¶ - Thời gian hoàn thành: Quý II/2027": items with a
        # time line, not a block of fields (the time line goes with the item before it)
        return {}
    return fields if {"lead", "deadline"} & fields.keys() else {}


# "Đề án X — Cơ quan chủ trì trình: Sở Tài chính — Thời gian trình: Tháng 3/2026": the fields of
# a work programme's item on its own line, after a dash, a full stop or a semicolon
FIELD_IN_LINE = re.compile(r"(?:\s+[—–-]\s+|[.;]\s+)(?=" + FIELD_LABEL.pattern.removeprefix("^") + ")", re.IGNORECASE)


def inline_fields(text: str, node: Node) -> dict[str, Span]:
    """The fields an item writes on its own line, keyed by kind (the text before them is the
    task); only when they name the lead."""
    body = node.body
    cuts = list(FIELD_IN_LINE.finditer(text, body.start, body.end))
    if not cuts:
        return {}
    fields = {"task": Span(body.start, cuts[0].start())}
    for i, cut in enumerate(cuts):
        end = cuts[i + 1].start() if i + 1 < len(cuts) else body.end
        label = FIELD_LABEL.match(text[cut.end() : end])
        value = text[cut.end() + label.end() : end].rstrip(" .;") if label else ""
        if label and value:
            start = cut.end() + label.end()
            fields.setdefault(_field_kind(label), Span(start, start + len(value)))
    return fields if "lead" in fields else {}


def _role_field(body: str) -> bool:
    """A line that only gives a field of the work above it ("Đơn vị chủ trì: Sở Nội vụ.",
    "Thời hạn hoàn thành: Quý III/2026"): no task of its own."""
    label = FIELD_LABEL.match(body)
    return label is not None and _field_kind(label) != "task"


def _field_kind(label: re.Match[str]) -> str:
    """What a FIELD_LABEL match labels: task, support, lead, product, deadline or other."""
    name = label.group("label").lower()
    if name.startswith(("nội dung", "nhiệm vụ", "công việc", "biện pháp", "giải pháp", "yêu cầu")):
        return "task"
    if "phối hợp" in name:
        return "support"
    if name.startswith(("đơn vị chịu", "đối tượng", "địa điểm", "hình thức", "phạm vi")):
        return "other"
    if name.startswith(("cơ quan", "đơn vị", "chủ trì")):
        return "lead"
    if name.startswith(("sản phẩm", "kết quả")):
        return "product"
    return "deadline"  # thời gian, thời hạn, tiến độ


# A line that gives the time of every item above it: "Thời gian hoàn thành các nhiệm vụ trên: trước
# ngày 31/12/2025", "Các nội dung nêu trên hoàn thành trước ngày 31/12/2025."
_THE_ITEMS_ABOVE = r"(?:các|những)\s+(?:nhiệm vụ|nội dung|công việc)\s+(?:nêu\s+)?trên"
SHARED_DEADLINE_LINE = re.compile(
    rf"^(?:(?:thời gian|thời hạn)(?:\s+(?:hoàn thành|thực hiện))?\s+{_THE_ITEMS_ABOVE}\s*:\s*"
    rf"|{_THE_ITEMS_ABOVE}\s+(?=hoàn thành\b))",
    re.IGNORECASE,
)


def _shared_deadline_line(text: str, node: Node) -> Span | None:
    """The time a line gives every item above it (SHARED_DEADLINE_LINE), as a cell."""
    m = SHARED_DEADLINE_LINE.match(node.body_text(text))
    if m is None or node.children:
        return None
    value = node.body_text(text)[m.end() :].rstrip(" .;")
    return Span(node.body.start + m.end(), node.body.start + m.end() + len(value)) if value else None


def _covered_siblings(nodes: list[Node], i: int) -> set[int]:
    """The siblings a shared time line after them covers: the lead-in just before it with its
    points, else the run of numbered items just before it."""
    if i > 0 and nodes[i - 1].children:
        return {i - 1}
    covered: set[int] = set()
    for j in range(i - 1, -1, -1):
        if nodes[j].style == "para":
            break
        covered.add(j)
    return covered


def _closes_the_points(nodes: list[Node], i: int) -> bool:
    """Whether a time line is the last of a run of points marked as it is ("c)" after "a)" and
    "b)"), so it gives their item's time rather than the time of the point before it."""
    style = nodes[i].style
    if style in ("para", "dash", "bullet", "plus") or (i + 1 < len(nodes) and nodes[i + 1].style == style):
        return False
    return i >= 2 and nodes[i - 1].style == style and nodes[i - 2].style == style


def _deadline_line(text: str, node: Node) -> Span | None:
    """The value of a line that only gives the time of the item before it: "Thời gian hoàn
    thành: trước ngày 15/12/2026"."""
    m = FIELD_LABEL.match(node.body_text(text))
    if m is None or _field_kind(m) != "deadline" or node.children:
        return None
    value = node.body_text(text)[m.end() :].rstrip(" .;")
    return Span(node.body.start + m.end(), node.body.start + m.end() + len(value))


def _describes_an_event(text: str, fields: dict[str, Span]) -> bool:
    """Fields that name no one and whose content asks for no work describe an event ("1. Thời
    gian: từ ngày 01/11 ... ¶ 2. Nội dung: Ngày hội gồm phần lễ và phần hội"; probe BL)."""
    if "lead" in fields or "support" in fields or "task" not in fields:
        return False
    task = fields["task"]
    return find_lead(text, task.start, task.end) is None and not _opens_with_action(text, task.start, task.end)


def _fields_draft(text: str, node: Node, fields: dict[str, Span], ctx: Context) -> TaskDraft:
    lead, marked_support = roles_in_cell(text, fields.get("lead"))
    return TaskDraft(
        span=fields.get("task", node.body),
        origin="fields",
        lead=lead,
        lead_source="table" if lead else ctx.addressee_source,
        inherited_lead=ctx.addressee,
        support=fields.get("support") or marked_support,
        deadline_cell=fields.get("deadline"),
        product_cell=fields.get("product"),
        deadline_context=ctx.deadline_spans,
    )


LEAD_MARK = re.compile(r"\(\s*chủ trì\s*\)", re.IGNORECASE)


def _after_lead_mark(text: str, lead: Span, end: int) -> Span | None:
    """The bodies listed after "(chủ trì)" that closes the lead's name: they co-operate."""
    pos = lead.end
    while pos < end and text[pos] == " ":
        pos += 1
    mark = LEAD_MARK.match(text, pos)
    if mark is None:
        return None
    rest = _skip_blank(text, mark.end())
    if not starts_with_body(text[rest:end]):
        return None
    np_end = noun_phrase_end(text, rest)
    return trim_np(text, Span(rest, np_end, "support")) if np_end is not None and np_end <= end else None


def roles_in_cell(text: str, cell: Span | None) -> tuple[Span | None, Span | None]:
    """(lead, co-operating bodies) of a cell or field that names who does the work: "Sở Nông
    nghiệp và Môi trường (chủ trì); Sở Tư pháp, Ủy ban nhân dân các xã" and "Bộ Chỉ huy Quân
    sự tỉnh chủ trì, phối hợp với Ủy ban nhân dân các xã" name both; a plain list is the lead."""
    if cell is None:
        return None, None
    content = text[cell.start : cell.end]
    both = LEAD_THEN_PARTNERS.match(content) or LEAD_THEN_LABELLED_PARTNERS.match(content)
    if both is not None:  # "Sở Tư pháp chủ trì; Trung tâm Trợ giúp pháp lý phối hợp", "Sở X; phối hợp: Sở Y"
        return (
            Span(cell.start + both.start("lead"), cell.start + both.end("lead"), "lead"),
            Span(cell.start + both.start("support"), cell.start + both.end("support"), "support"),
        )
    mark = LEAD_MARK.search(text, cell.start, cell.end)
    if mark is not None:
        rest = _skip_blank(text, mark.end())
        while rest < cell.end and text[rest] in ";,":
            rest = _skip_blank(text, rest + 1)
        support = Span(rest, cell.end, "support") if rest < cell.end else None
        return trim_np(text, Span(cell.start, mark.start(), "lead")), support
    # one clause "X chủ trì, phối hợp với Y" or "X phối hợp với Y tổ chức" (probes BL, BN); several
    # ("X chủ trì ...; Y, Z chủ động ...") name several leads
    if re.search(r"chủ trì|phối hợp", content, re.IGNORECASE) and ";" not in content:
        lead = find_lead(text, cell.start, cell.end)
        if lead is not None:
            return lead, (
                find_support(text, cell.start, cell.end)
                or find_support_before_cue(text, cell.start, cell.end)
                or _support_to_cell_end(text, cell)
            )
    return cell, None


LEAD_THEN_PARTNERS = re.compile(
    r"\s*(?P<lead>[^;()]+?)\s+chủ trì\s*;\s*(?P<support>[^;()]+?)\s+phối hợp\s*[.;]?\s*$", re.IGNORECASE
)
LEAD_THEN_LABELLED_PARTNERS = re.compile(
    r"\s*(?P<lead>[^;():]+?)\s*;\s*phối hợp\s*:\s*(?P<support>[^;()]+?)\s*[.;]?\s*$", re.IGNORECASE
)


def _support_to_cell_end(text: str, cell: Span) -> Span | None:
    """ "..., phối hợp với Ủy ban nhân dân các xã, phường." — the names run to the cell's end."""
    m = re.search(r"phối hợp(?:\s+(?:với|cùng))?\s+", text[cell.start : cell.end], re.IGNORECASE)
    if m is None or not starts_with_body(text[cell.start + m.end() : cell.end]):
        return None
    return trim_np(text, Span(cell.start + m.end(), cell.end, "support"))


def _continues_item(text: str, nodes: list[Node], i: int) -> bool:
    """An unnumbered paragraph between two items of one list, naming no body of its own,
    continues the item before it: "(2) Nâng cao ... ¶ Theo dõi sát ... ¶ (3) ..."."""
    node = nodes[i]
    if node.style != "para" or node.children or i == 0 or i + 1 >= len(nodes):
        return False
    before, after = nodes[i - 1], nodes[i + 1]
    if before.style == "para" or before.style != after.style or before.children:
        return False
    return find_lead(text, node.body.start, node.body.end) is None


def _is_article_title(node: Node, body: str) -> bool:
    """ "Điều 11. Sửa đổi, bổ sung Quy chế": an article's title, short and without a full stop,
    titles the paragraphs under or after it; it assigns nothing itself."""
    return (
        node.style == "article"
        and len(body.split()) <= ARTICLE_TITLE_WORDS
        and not body.rstrip().endswith((".", ";", ":"))
        and not starts_with_body(body)  # "Điều 3. Sở Tài chính hướng dẫn thực hiện" assigns
        and not cue_pattern("assign").search(body)
    )


def _is_heading_node(text: str, node: Node, body: str) -> bool:
    if node.style == "para" and not node.children:
        return _is_bare_section_title(body)
    if node.children and _is_article_title(node, body):
        return True
    if node.children and (names_only(text, node.body.start, node.body.end) or _duty_heading(body)):
        return True
    if body.endswith(":") and find_lead(text, node.body.start, node.body.end) is not None:
        return False  # "2. Văn phòng Trung ương Đảng có trách nhiệm:" names who does the points
    if _heading_kind(body) is not None and (is_heading(body) or _titles_a_section(node, body)):
        return True
    if cue_pattern("assign", case_sensitive=True).search(body) or (
        not body.isupper()
        and not body.startswith("Về ")
        and cue_pattern("predicate", case_sensitive=True).search(body, 1)
    ):
        return False  # "Bộ Chính trị giao Ban Tổ chức Trung ương:" is a lead-in, not a title
    return is_heading(body) and not cue_pattern("assign").match(body)


def _titles_a_section(node: Node, body: str) -> bool:
    """ "1. Nhiệm vụ, giải pháp", "2. Mục đích, yêu cầu": a short item over points that opens with
    a section's name titles them, commas and all."""
    title = _unqualified(body.strip(" :").lower())
    return (
        bool(node.children)
        and len(title.split()) <= SECTION_TITLE_WORDS
        and not title.endswith((".", ";"))
        and any(cue_pattern(kind).match(title) for kind in ("operative_heading", "non_operative_heading"))
    )


SECTION_TITLE_WORDS = 8


def _is_bare_section_title(body: str) -> bool:
    """An unnumbered line that only titles a section: "Tổ chức thực hiện", "Mục tiêu"."""
    title = body.strip(" :").lower()
    return bool(SECTION_TITLE.fullmatch(title) or cue_pattern("non_operative_heading").fullmatch(title))


SECTION_TITLE = re.compile(r"tổ chức thực hiện|phân công (?:thực hiện|nhiệm vụ)|trách nhiệm thực hiện")


def _heading_context(text: str, node: Node, body: str, ctx: Context, has_assignment_section: bool) -> Context:
    named = (
        named_heading(text, node.body.start, node.body.end)
        if names_only(text, node.body.start, node.body.end)
        else None
    )
    # "Yêu cầu các bộ, ngành:" asks the bodies it names; it is not the section "Yêu cầu"
    kind = "operative" if named is not None else _heading_kind(body)
    if kind == "background" and not ctx.requirements_are_background and _is_requests_heading(body):
        kind = "operative"
    operative = ctx.operative
    plan_needs_body = ctx.plan_needs_body
    if kind == "background":
        operative = False
    elif kind in ("operative", "assignment"):
        operative = True
        plan_needs_body = kind == "operative" and has_assignment_section
    elif kind == "needs_body":
        # "Kinh phí thực hiện": only sentences that name a body assign work there.
        operative, plan_needs_body = True, True
    addressee, source = ctx.addressee, ctx.addressee_source
    duty = _duty_heading(body)
    if duty:
        start = node.body.start + duty.start("who")
        named = trim_np(text, Span(start, node.body.end))
        if named is not None:
            addressee, source = named, "inherited"
    elif named is not None:
        addressee, source = named, "inherited"
        plan_needs_body = False
    return replace(
        ctx,
        addressee=addressee,
        addressee_source=source,
        deadline_spans=ctx.deadline_spans + (node.body,),
        operative=operative,
        plan_needs_body=plan_needs_body,
    )


# "Trách nhiệm của các tổ chức, doanh nghiệp ..." titles the duties of those it names.
# ("Trách nhiệm chung của các thành viên Ban Chỉ đạo"; "Nhiệm vụ cụ thể đối với từng chỉ số" is a topic, probe CC)
DUTY_HEADING = re.compile(
    r"^(?:Trách nhiệm|Nhiệm vụ)(?:,\s*quyền hạn)?"
    r"(?:\s+(?:chung|cụ thể|riêng)\s+của|\s+của|\s+đối với)\s+(?P<who>\S.*)$",
    re.IGNORECASE,
)


def _duty_heading(body: str) -> re.Match[str] | None:
    """A heading that titles the duties of the bodies it names (and names a body)."""
    duty = DUTY_HEADING.match(body)
    return duty if duty is not None and starts_with_body(duty["who"]) else None


def _visit_lead_in(text: str, node: Node, body: str, ctx: Context, has_assignment_section: bool) -> list[TaskDraft]:
    lead = _lead_in_addressee(text, node)
    # the co-operating bodies of the sentence that asks, not of an account before it ("... đã khảo
    # sát ... và làm việc với Sở Giáo dục và Đào tạo. Ban báo cáo kết quả như sau:")
    asking = _asking_sentence(text, node.body)
    support = find_support(text, asking.start, asking.end) or _named_directed(text, node.body)
    if lead is None and _concludes(text, node.body):
        support = None  # "... làm việc với Ban Quản lý Khu kinh tế. Thường trực Tỉnh ủy kết luận như sau:"
    own: list[TaskDraft] = []
    if _introduces_principles(body):
        # "Triển khai ... theo một số nguyên tắc chính sau:": one task, its points are content
        return _task_drafts(text, node, ctx) if _is_task(text, node, body, ctx) else []
    if _lead_in_is_also_task(text, node, body, lead, ctx):
        # its own work goes to whom it asks ("..., yêu cầu Bộ Y tế, ... hoàn thành ..., trong đó lưu ý ...:")
        asked = ctx if lead is None else replace(ctx, addressee=lead, addressee_source="inherited")
        own = _task_drafts(text, node, asked)
    # A lead-in passes its deadline down, but not a task whose points only detail its
    # deliverable ("... trước ngày 20/10/2024. Trong đó lưu ý:"), nor points it only asks to
    # pay attention to ("..., trong đó lưu ý một số nội dung sau:"), nor a narrative opening.
    passes_deadline = (
        not own and not cue_pattern("not_task").match(body) and not _narrates(body) and not _points_to_attention(body)
    )
    child_ctx = replace(
        ctx,
        addressee=lead or ctx.addressee,
        addressee_source="inherited" if lead else ctx.addressee_source,
        support=support or ctx.support,
        # points to pay attention to inherit no deadline at all (GUIDELINES: "they do not inherit
        # the parent's deadline", which is the one its own lead-ins gave it)
        deadline_spans=()
        if _points_to_attention(body)
        else ctx.deadline_spans + ((_asking_sentence(text, node.body),) if passes_deadline else ()),
        operative=True if (ctx.operative is None and lead) or _requests(body, ctx) else ctx.operative,
        plan_needs_body=ctx.plan_needs_body and lead is None,
    )
    return own + _visit_children(text, node, child_ctx, has_assignment_section)


def _asking_sentence(text: str, body: Span) -> Span:
    """The last sentence of a lead-in, the one that asks: "Theo dự báo, từ nay đến cuối tháng 7
    có mưa lớn. Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:" passes no deadline from the forecast."""
    breaks = list(SENTENCE_BREAK.finditer(text, body.start, body.end))
    sentence = Span(breaks[-1].end(), body.end) if breaks else body
    purpose = PURPOSE_OPENING.match(text, _skip_blank(text, sentence.start))
    if purpose is not None and text[purpose.end() : purpose.end() + 1].isspace():
        # "Để bảo đảm cung ứng xăng dầu dịp cuối năm 2025 ..., Bộ trưởng chỉ thị:": when the aim
        # falls is no deadline of the items
        return Span(skip_adverbial(text, sentence.start), sentence.end)
    return sentence


def _concludes(text: str, body: Span) -> bool:
    """Whether a lead-in ends by announcing the conclusions ("... kết luận như sau:"): the
    bodies its account of the meeting names take no part in the work below."""
    asking = _asking_sentence(text, body)
    return cue_pattern("issuing").search(text, asking.start, asking.end) is not None


# "Chính phủ yêu cầu:", "Thủ tướng Chính phủ đề nghị các bộ, ngành:" — a lead-in that asks
REQUEST_LEAD_IN = re.compile(r"^(?:[^.;:]{0,80}\s)?(?:yêu cầu|đề nghị)(?:\s[^.;:]{0,120})?:\s*$", re.IGNORECASE)


def _urged_in_background(text: str, node: Node, body: str, ctx: Context) -> bool:
    """A body told to act inside a background section ("2. Về kết quả thực hiện các dự án ...:
    Bộ Xây dựng khẩn trương hoàn thành thủ tục đầu tư, báo cáo ... trong tháng 12"): its subject
    is a body and an urging word ("khẩn trương", "cần", "phải") follows it. A report of what was
    done is no such paragraph, nor anything in a plan, whose purpose and requirements sections
    state what the work must achieve and urge no one."""
    if _narrates(body) or node.children:
        return False
    lead = find_lead(text, node.body.start, node.body.end)
    if lead is None:
        return False
    given = _assigned_at_start(body)
    if given is not None and lead.start <= node.body.start + given:
        return True  # "1. Về tình hình an ninh trật tự" / "Giao (Yêu cầu) Công an phường tăng cường tuần tra ..."
    if ctx.requirements_are_background:
        return False
    # "Sở Tài chính khẩn trương ...", "Sở Tài chính chủ trì, phối hợp với ...": told to act
    return lead.start == node.body.start and (
        URGING.match(text, lead.end) is not None or LEAD_ROLE_AFTER.match(text, lead.end) is not None
    )


def _assigned_at_start(body: str) -> int | None:
    """Where the object of an opening assigning word (cues.tsv: assign) starts: "Giao X ...",
    "Đồng thời giao X ...", "Yêu cầu X ...", "Đề nghị X ..." assign in so many words, whatever
    section they are in."""
    given = cue_pattern("assign").match(body)
    if given is None:
        return None
    rest = body[given.end() :]
    return given.end() + len(rest) - len(rest.lstrip()) if rest[:1].isspace() else None


def _requests(body: str, ctx: Context) -> bool:
    """Whether a lead-in inside a background section ("1. Về tình hình kinh tế - xã hội") asks
    for work all the same: its points are tasks."""
    return ctx.operative is False and REQUEST_LEAD_IN.match(body) is not None


def _introduces_principles(body: str) -> bool:
    """ "... theo một số nguyên tắc chính sau:" (cues.tsv: principles) in the lead-in's last words."""
    tail = re.search(r"(?:^|\s)(\S+(?:\s+\S+){0,3})\s+(?:như\s+)?sau\s*:\s*$", body)
    return tail is not None and cue_pattern("principles").search(tail.group(1)) is not None


def _work_before_attention(body: str) -> bool:
    """Whether a lead-in states work of its own before "; trong đó lưu ý ... sau:"."""
    if not _points_to_attention(body):
        return False
    attention = cue_pattern("attention").search(body)
    return attention is not None and len(body[: attention.start()].split()) >= MIN_WORK_WORDS


# "Giải quyết dứt điểm chế độ": a piece of work takes a few words
MIN_WORK_WORDS = 4


def _points_to_attention(body: str) -> bool:
    """ "..., trong đó lưu ý một số nội dung trọng tâm như sau:" in the lead-in's last clause."""
    last_clause = re.split(r"[.;]", body.rstrip(" :"))[-1]
    return cue_pattern("attention").search(last_clause) is not None


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t,":
        pos += 1
    return pos


def _lead_in_is_also_task(text: str, node: Node, body: str, lead: Span | None, ctx: Context) -> bool:
    """A lead-in that assigns work of its own before introducing its points:
    "Các đồng chí Bộ trưởng ... chỉ đạo thực hiện ... ; trong đó lưu ý các nội dung sau:".
    One that only introduces them ("... yêu cầu các cơ quan thực hiện tốt các nhiệm vụ sau:")
    is not a task. A short item of work whose points are only what to pay attention to is a task
    too: "a) Giải quyết dứt điểm chế độ ...; trong đó lưu ý một số nội dung sau:"."""
    if _work_before_attention(body):
        return _is_task(text, node, body, ctx)
    if len(body.split()) <= LONG_LEAD_IN_WORDS or ";" not in body:
        return False
    if not (lead or cue_pattern("predicate").match(body)):
        return False
    if lead is not None and all(lead.start <= node.body.start + i < lead.end for i, ch in enumerate(body) if ch == ";"):
        return False  # "... yêu cầu Giám đốc các sở; Chủ tịch UBND các xã thực hiện ...:" lists whom it asks
    return _is_task(text, node, body, ctx)


def _is_task(text: str, node: Node, body: str, ctx: Context) -> bool:
    if ctx.operative is False and not _urged_in_background(text, node, body, ctx):
        return False
    if body.isupper() or (body.startswith("(") and body.endswith(")")):
        return False
    if _is_article_title(node, body) or (node.style == "article" and cue_pattern("enacting").match(body)):
        return False  # "Điều 1. Thành lập Ban Chỉ đạo ...": the decision's own act
    if _boilerplate(body) or FEEDBACK_OFFER.match(body) or ANNEX_POINTER.match(body):
        return False
    contact = CONTACT.search(body) and CONTACT_DETAIL.search(body)
    if TABLE_HEADER_ROW.match(body) or (contact and not cue_pattern("assign").search(body)):
        return False  # a blank form's header row; where to send a report and whom to call
    if _allocates(text, node, body) or _background_label(body) or _member_line(body) or _role_field(body):
        return False
    if _assesses_after_years(text, node) or (SANCTION.search(body) and not cue_pattern("assign").search(body)):
        return False
    span = node.body
    blocked = cue_pattern("not_task").match(text, _after_topic(text, span.start))
    if (
        blocked
        and not _works_on_a_basis(text, node)
        and not _case_then_work(text, node, ctx, blocked)
        and assign_after_topic(text, blocked.start(), span.end) is None  # "Việc ... giao X chủ trì"
        # "Việc ... do X thực hiện", with no addressee above
        and (ctx.addressee is not None or find_agent_lead(text, blocked.start(), span.end) is None)
    ):
        assignment = _after_approval(text, node.body)
        if assignment is None:
            return False
        span = assignment  # "Đồng ý chủ trương ...; giao Bộ Xây dựng ...": the assignment counts
    own_lead = find_lead(text, span.start, span.end) or find_bracketed_roles(text, span.start, span.end)[0]
    if own_lead is None and ctx.addressee is None:
        own_lead = find_agent_lead(text, span.start, span.end)
    if own_lead is not None and _reports_or_approves(text, own_lead):
        # "Bộ Tài chính đã ...", "Ban Bí thư đánh giá cao ...": a report or praise, no work,
        # unless an assignment follows it ("Phó Thủ tướng đồng ý về nguyên tắc; giao Bộ X ...")
        # ... or a request after the account ("UBND tỉnh nhận được Công văn số ... . Giao Sở X ..."; probe CB),
        # unless it is a lead-in to the items below ("... Chủ tịch UBND tỉnh yêu cầu ... như sau:", local-f01)
        assignment = _after_approval(text, span) or _request_after_account(text, span)
        if assignment is None:
            return False
        span = assignment
        own_lead = find_lead(text, span.start, span.end)
    if ctx.plan_needs_body and own_lead is None and ctx.addressee_source != "inherited":
        own_lead = _lead_of_a_later_clause(text, span)
        if own_lead is None and _assignment_after_narrative(text, span) is None:
            return False  # "Kinh phí ... bố trí trong dự toán ... . Giao Sở Tài chính ..." assigns
    if node.style == "para" and _only_asks_to_implement(text, span, own_lead):
        return False  # the unnumbered closing "Đề nghị các đơn vị triển khai thực hiện./."
    if node.style == "para" and node.parent is None and ctx.operative is None:
        if own_lead is None and ctx.addressee_source == "document":
            # a letter's "Đề nghị tổng hợp ..., gửi về Sở ...", or its request after an account
            # ("Thời gian qua, ... cơ bản bảo đảm. Giao Sở Công Thương tham mưu ..."; probe CB)
            return _asks_the_addressee(body) or _request_after_account(text, span) is not None
        if own_lead is None:  # "Dự án chưa đủ điều kiện. Yêu cầu Sở X chủ trì đánh giá ...": the request
            request = _after_narrative(text, span)
            return request is not None and _explicit_assignment(text[request.start : request.end])
        return _explicit_assignment(text[span.start : span.end]) or _verb_follows(text, own_lead)
    return (
        own_lead is not None
        or (_opens_with_action(text, span.start, span.end) and not _forbids_with_no_one_asked(text, span, ctx))
        or _work_of_a_named_addressee(text, node, body, ctx)
        or _assignment_after_narrative(text, span) is not None
    )


# What befalls who breaks the rules: "Tổ chức đảng, đảng viên vi phạm Quy định này, tùy theo mức
# độ, bị xem xét, xử lý kỷ luật ..." states a sanction, it asks no one (probe BU)
SANCTION = re.compile(
    r"\b(?:vi phạm|không thực hiện)\b[^.;]{0,150}?\b(?:sẽ\s+)?bị\s+(?:xem xét|xử lý|kỷ luật|truy cứu|xử phạt)",
    re.IGNORECASE,
)


# "Bộ Tài chính: 266.360.000 VNĐ bằng tiền mặt.": a share of the funds, no work
ALLOCATION = re.compile(
    r"[^:;]{2,120}:\s*(?:khoảng\s+|tổng cộng\s+)?\d[\d.,]*\s*(?:đồng|VNĐ|VND|USD|EUR|triệu|tỷ|nghìn)(?!\w)",
    re.IGNORECASE,
)


def _allocates(text: str, node: Node, body: str) -> bool:
    """A share of the funds ("Bộ Tài chính: 266.360.000 VNĐ"), not a measure that recovers or pays
    an amount ("a) Thu hồi nộp ngân sách các khoản chi sai chế độ: 2.318 triệu đồng."; probe BO)."""
    return bool(ALLOCATION.match(body)) and not _opens_with_action(text, node.body.start, node.body.end)


BACKGROUND_LABEL = re.compile(r"(?P<label>[^:;.\n]{3,60}):\s*(?P<rest>\S.*)", re.DOTALL)


def _background_label(body: str) -> bool:
    """A paragraph labelled by a background subject ("Về tồn tại, hạn chế: ...", "Nguyên nhân
    chủ yếu: ...", "Mục tiêu: ...") assesses or states; unless what follows assigns work."""
    m = BACKGROUND_LABEL.match(body)
    if m is None or len(m["label"].split()) > 8:
        return False
    label = _unqualified(m["label"].lower().strip())
    if _is_requests_heading(m["label"]) or not cue_pattern("non_operative_heading").match(label):
        return False
    return not cue_pattern("assign").match(m["rest"])


def _work_of_a_named_addressee(text: str, node: Node, body: str, ctx: Context) -> bool:
    """An item under a heading or lead-in that names its addressee is that body's work
    whatever its verb ("1.2. Sở Y tế: a) Nghiệm thu các công trình ...", GUIDELINES: the addressee
    passes down to every sub-item); a statement, heading or label is not, nor a point under a
    lead-in that names no one ("Nguồn kinh phí ... như sau: - Kinh phí ... được bố trí ...")."""
    if ctx.addressee_source != "inherited" or node.children or node.parent is None:
        return False
    parent = node.parent.body
    if node.style == "para" and (node.parent.children[0] is not node or not names_only(text, parent.start, parent.end)):
        # the first paragraph under a heading that is only a name is its work ("8. Ủy ban nhân dân
        # phường X" / "Chỉnh trang đô thị ..."); later ones may close the document ("Trên đây là ...")
        return False
    if (
        text[parent.start : parent.end].rstrip().endswith(":")
        and find_lead(text, parent.start, parent.end) is None
        and named_heading(text, parent.start, parent.end) is None
    ):
        return False  # the points of a lead-in that names no one
    return (
        len(body.split()) >= 3
        and body[:1].isupper()
        and not body.rstrip().endswith(":")
        and not is_heading(body)
        and not _narrates(body)
        and not FIELD_LABEL.match(body)
        and not starts_with_body(body)  # names with no predicate list bodies, they do no work
        and not BODIES_NOT_WORK.match(body)
    )


BASIS = re.compile(r"căn cứ\b", re.IGNORECASE)


def _after_approval(text: str, span: Span) -> Span | None:
    """The assignment that follows an approval, praise or assessment in the same item: "Đồng ý
    chủ trương điều chỉnh dự án; giao Bộ Xây dựng hoàn thiện hồ sơ ..." → "giao Bộ Xây dựng ...".
    None when the item does not open with one, or assigns nothing after it."""
    if not _opens_with_approval(text, span) or BASIS.match(text, span.start):
        return None
    for _, boundary in _breaks(text, span):
        lead = find_lead(text, boundary, span.end) if boundary > span.start else None
        # the next clause assigns: "giao X ...", "Yêu cầu X ...", or opens with its subject
        if (
            lead is not None
            and _lead_text(text, boundary, span.end) is not None
            and (cue_pattern("assign").match(text, boundary) or lead.start == boundary)
        ):
            return Span(boundary, span.end)
    return None


def _opens_with_approval(text: str, span: Span) -> bool:
    """ "Đồng ý ...", or a speaker's approval or report: "Phó Thủ tướng đồng ý ...", "Bộ X đã ..."."""
    if cue_pattern("not_task").match(text, _after_topic(text, span.start)):
        return True
    lead = find_lead(text, span.start, span.end)
    return lead is not None and _reports_or_approves(text, lead)


def _after_topic(text: str, pos: int) -> int:
    """Where an item starts after its topic label: "Về gói tín dụng: Đồng ý ..." → "Đồng ý"."""
    pos = _skip_blank(text, pos)
    topic = topic_label_end(text[pos : pos + 420])
    return pos if topic is None else pos + topic


def _asks_the_addressee(body: str) -> bool:
    """ "Đề nghị tổng hợp kết quả rà soát, gửi về Sở ...": a request with no body named asks the
    letter's addressee ("Kính gửi")."""
    asked = cue_pattern("assign").match(body)
    if asked is None:
        return False
    rest = body[asked.end() :].lstrip(" :")
    return bool(rest[:1].islower()) and not starts_with_body(rest)


def _reports_or_approves(text: str, lead: Span) -> bool:
    """Whether the words after a lead report, approve or describe instead of assigning ("X đã
    ...", "X phê duyệt ...", "Đoàn kiểm tra gồm: Trưởng đoàn là ...")."""
    after = lead.end + 1
    if text[lead.start : lead.end].endswith(" gồm"):
        # "gồm" stays in a lead because a list of actors may follow it ("Các đơn vị gồm: Sở A, Sở B
        # có trách nhiệm ..."); a team's members follow it too
        after = lead.end - len("gồm")
    return bool(REPORTED.match(text, lead.end) or cue_pattern("not_task_after_lead").match(text, after))


# "Tổ giúp việc do Giám đốc Sở X làm Tổ trưởng; thành viên gồm ...": who a team is made of (probe CF)
COMPOSITION = re.compile(
    r"^[^;.]{0,80}?\bdo\s+[^;.]{3,120}?\s+làm\s+(?:Tổ trưởng|Trưởng ban|Trưởng đoàn|Chủ tịch|Thư ký)\b"
    r"|^thành viên gồm\b",
    re.IGNORECASE,
)


def _member_line(body: str) -> bool:
    """ "Trưởng Ban: Chủ tịch Ủy ban nhân dân tỉnh.": a post of a membership list (cues.tsv:
    member_label); or a team's composition (COMPOSITION)."""
    post = cue_pattern("member_label").match(body)
    return (post is not None and body[post.end() :].lstrip().startswith(":")) or COMPOSITION.match(body) is not None


def _case_then_work(text: str, node: Node, ctx: Context, blocked: re.Match[str]) -> bool:
    """An item whose opening word only seems to exclude it: "1. Trường hợp phát sinh khó khăn,
    vướng mắc, các cơ quan, đơn vị kịp thời báo cáo ..." (a body acts after the case; as in
    party-08's "Trong quá trình thực hiện, nếu có vướng mắc, các tỉnh ủy ... báo cáo"), and
    "a) Phê duyệt kế hoạch vận hành ..." under a heading that names its body ("1. Cục Điện lực")."""
    if node.style == "para":
        return False
    word = blocked.group(0).lower()
    if word == "phê duyệt":
        return ctx.addressee_source == "inherited" and ctx.addressee is not None
    if word != "trường hợp":
        return False
    if CONDITION_THEN.match(text[node.body.start : node.body.end]):
        return False  # "Trường hợp ... thì ...": a rule for the case
    lead = find_lead(text, node.body.start, node.body.end)
    return lead is not None and lead.start > blocked.end()


def _works_on_a_basis(text: str, node: Node) -> bool:
    """An item "Căn cứ Phụ lục kèm theo, giao nhiệm vụ ...", "Căn cứ nội dung Kế hoạch ..., các
    bộ ... xây dựng ...": the basis only opens the work that follows its comma, unlike a legal
    basis ("Căn cứ Luật ... ;"), which ends with a semicolon and asks nothing after it. A closing
    paragraph ("Căn cứ văn bản này, các cơ quan ... triển khai thực hiện./.") is no item."""
    start, end = node.body.start, node.body.end
    if node.style == "para" and node.parent is None:
        return False  # the closing "Căn cứ văn bản này, ..."; under a body's heading it is its work
    if not BASIS.match(text, start) or text[start:end].rstrip().endswith(";"):
        return False
    lead = find_lead(text, start, end)
    if lead is not None and lead.start > start:
        return True
    return any(
        cue_pattern(category).match(text, opening)
        for opening in opening_clause_ends(text, start, end)
        for category in ("action", "assign", "predicate")  # "Căn cứ chức năng, nhiệm vụ, xây dựng ..."
    )


def _opens_with_action(text: str, start: int, end: int) -> bool:
    """An item that asks for work opens with a verb, possibly after an adverbial:
    "Rà soát ...", "Hằng năm, tiến hành ...". "Nhiệm vụ giao có thời hạn." (a definition) and
    "Cấp giao nhiệm vụ, người giao nhiệm vụ." (a field list) do not."""

    def acts_at(opening: int | None) -> bool:
        if opening is None or BODIES_NOT_WORK.match(text, opening):
            return False
        return any(cue_pattern(category).match(text, opening) for category in ("predicate", "action", "assign"))

    if acts_at(start) or acts_at(skip_adverbial(text, start)):
        return True
    return any(acts_at(p) for p in opening_clause_ends(text, start, end)) or acts_at(_after_time(text, start, end))


def _forbids_with_no_one_asked(text: str, span: Span, ctx: Context) -> bool:
    """A prohibition is work only for the bodies a lead-in or the letter asks ("Bộ Tài chính đề
    nghị các bộ ...: 1. Không mua sắm ...", probe BK); in a regulation that asks no one it is a rule
    ("Không thực hiện việc giải mật tài liệu ... trong trường hợp ...", party-06)."""
    return (
        ctx.addressee is None and cue_pattern("prohibition").match(text, skip_adverbial(text, span.start)) is not None
    )


# "Tổ chức, doanh nghiệp hoạt động trong lĩnh vực ..." lists kinds of body ("tổ chức" is the noun)
BODIES_NOT_WORK = re.compile(r"tổ chức\s*,\s*(?:cá nhân|doanh nghiệp|cơ quan|đơn vị)", re.IGNORECASE)


def _after_time(text: str, start: int, end: int) -> int | None:
    """After a time phrase that opens the item: "Định kỳ hằng quý báo cáo ..." → "báo cáo"."""
    from extraction.deadlines import find_deadlines

    head = text[start : min(end, start + 80)]
    found = find_deadlines(head, issued=None)
    if found and found[0].span is not None and not head[: found[0].span.start].strip(" ,"):
        pos = start + found[0].span.end
        while pos < end and text[pos] in " ,":
            pos += 1
        bracket = re.match(r"\([^()]{1,60}\)[\s,]*", text[pos:end])  # "Định kỳ hằng tuần (vào thứ Sáu) báo cáo ..."
        if bracket:
            return pos + bracket.end()
        looking_back = LOOKING_BACK.match(text, start + found[0].span.start, end)
        # "Sau 8 năm thực hiện Nghị quyết số 19-NQ/TW, số lượng ... giảm ...": the clause after the comma
        return start + found[0].span.start + looking_back.end() if looking_back else pos
    return None


# the years a policy has run, looking back: "Sau 12 năm thực hiện, ...", "Qua 5 năm triển khai Nghị quyết, ..."
ELAPSED_OPENING = re.compile(
    r"(?:sau|qua)\s+(?:hơn\s+)?\d{1,2}\s+(?:năm|tháng)\s+(?:triển khai\s+)?(?:thực hiện|triển khai)[^,.;:]{0,160},\s*",
    re.IGNORECASE,
)


def _assesses_after_years(text: str, node: Node) -> bool:
    """An assessment after the years a policy has run: "Sau 12 năm thực hiện, nhận thức của các cấp
    ủy ... có chuyển biến tích cực." (probe BI); "Sau 6 tháng thực hiện, Vụ X tổ chức sơ kết" acts."""
    elapsed = ELAPSED_OPENING.match(text, node.body.start, node.body.end)
    if elapsed is None:
        return False
    lead = find_lead(text, elapsed.end(), node.body.end)
    return lead is None or lead.start != elapsed.end()


# a time counted after something, then the clause it opens: "Sau 8 năm thực hiện Nghị quyết ..., "
LOOKING_BACK = re.compile(r"sau\s+[^,.;:]{2,160},\s*", re.IGNORECASE)


# The execution clause and the office's cover sentence are not tasks (GUIDELINES.md).
BOILERPLATE = re.compile(
    # ("Sở Y tế trả lời để Bệnh viện biết, thực hiện./.", the last line of a reply; probe CB)
    r"chịu trách nhiệm thi hành|có hiệu lực (?:thi hành|kể từ)|(?:thông báo|trả lời) để .{0,120}\bbiết"
    # "... và các cơ quan, đơn vị có liên quan căn cứ Quyết định thi hành./." (probe CF)
    r"|căn cứ (?:Quyết định|Nghị quyết|Chỉ thị)(?: này)? (?:thi hành|thực hiện)\s*\.",
    re.IGNORECASE,
)


def _boilerplate(body: str) -> bool:
    """The execution or entry-into-force clause, not a time counted from it ("Trong thời hạn 30
    ngày kể từ ngày Quyết định này có hiệu lực thi hành, Sở X ban hành ...")."""
    return any(not COUNTED_FROM.search(body, max(0, m.start() - 60), m.start()) for m in BOILERPLATE.finditer(body))


COUNTED_FROM = re.compile(r"(?:kể từ|từ|tính từ|sau)\s+(?:ngày|khi)\b[^.;]*$", re.IGNORECASE)


# The execution clause of a closing paragraph, after its addressee: "(Yêu cầu các sở, ngành) triển
# khai thực hiện nghiêm túc Chỉ thị này./.", "(Đề nghị các đơn vị) quan tâm, triển khai thực hiện."
# It asks for the document's own work, already proposed item by item (a numbered item that asks
# the same is a task, GUIDELINES.md).
IMPLEMENT_ONLY = re.compile(
    r"[\s,]*(?:(?:có trách nhiệm|quan tâm|biết|nghiêm túc|khẩn trương|chủ động|phối hợp|chỉ đạo)[\s,]+)*"
    r"(?:tổ chức\s+)?(?:triển khai\s+)?(?:thực hiện|triển khai)"
    r"(?:\s+(?:nghiêm túc|nghiêm|có hiệu quả|đầy đủ|kịp thời|khẩn trương))?"
    # the document by its type, "này" or not: "... nghiêm túc triển khai thực hiện Chương trình./." (probe BL)
    r"(?:\s+(?:(?:văn bản|chỉ thị|kết luận|thông báo|công văn|kế hoạch|quyết định|nghị quyết|chương trình|"
    r"hướng dẫn|đề án)(?:\s+này)?"
    r"|(?:các\s+)?nội dung (?:nêu\s+)?trên))?"
    r"(?:\s+(?:nghiêm túc|có hiệu quả))?[\s./;]*",
    re.IGNORECASE,
)
# "Giao nhiệm vụ cụ thể theo Phụ lục kèm theo Nghị quyết này.": the rows of the annex are the tasks
ANNEX_POINTER = re.compile(
    # (not "Các sở, ngành được giao nhiệm vụ tại Phụ lục xây dựng kế hoạch ...": those it names act; probe BP)
    r"(?:[^.;:]{0,60}\s)?(?<!được\s)(?:giao|phân công)\s+(?:các\s+)?nhiệm vụ\b"
    r"[^.;:]{0,60}?\b(?:theo|tại)\s+(?:các\s+)?phụ lục\b[^.;:]*[.;]?\s*$",
    re.IGNORECASE,
)
# a table's header row, numbered by its first cell: "STT | Tên dự án | Địa điểm | ..."
TABLE_HEADER_ROW = re.compile(r"(?:S|Số\s*)?TT\s*(?:\||\t)", re.IGNORECASE)
# the contact lines of a letter: "Thông tin chi tiết xin liên hệ đồng chí ..., điện thoại: ..."
CONTACT = re.compile(r"\b(?:xin\s+)?liên\s+hệ\b", re.IGNORECASE)
CONTACT_DETAIL = re.compile(r"\b(?:điện\s+thoại|ĐT|email|thư\s+điện\s+tử)\b|[\w.\-]+@[\w\-]+\.\w", re.IGNORECASE)
# ... or what stands now: "Tỉnh Gia Lai hiện có trên 1,07 triệu ha đất lâm nghiệp, ..." (probe BP)
# ... or what it has not done or was granted: "Thường trực Tỉnh ủy chưa xem xét nội dung này", "Xã được
# công nhận đạt chuẩn nông thôn mới nâng cao năm 2024" (probe CE)
REPORTED = re.compile(
    r"\s*(?:đã|vừa|sẽ|hiện có|hiện còn|chưa|nhận được"
    r"|được(?:\s+(?!giao\b|phân công\b)\S+){0,6}?\s+(?:công nhận|tặng|trao|khen thưởng|xếp loại|đánh giá cao))\s",
    re.IGNORECASE,
)
# The closing offer of help: "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các
# cơ quan phản ánh về Sở X ..." asks for feedback, it assigns no work (the dev gold leaves it out;
# "... các tỉnh ủy tổng hợp, báo cáo Ban X" is a duty to report, a task).
FEEDBACK_OFFER = re.compile(
    r"(?:trong quá trình\b[^.;:]{0,80}?,?\s*)?(?:nếu|trường hợp|khi)\s+(?:có\s+)?(?:có|phát sinh|gặp)?\s*"
    r"(?:khó khăn|vướng mắc)[^.;]{0,160}?\b(?:phản ánh|liên hệ)\b",
    re.IGNORECASE,
)


def _only_asks_to_implement(text: str, span: Span, lead: Span | None) -> bool:
    """Whether a paragraph, or the request after its account ("Trên đây là Kế hoạch ... . Yêu
    cầu các sở, ngành nghiêm túc triển khai thực hiện./."), only asks to implement."""
    if lead is None:
        request = _assignment_after_narrative(text, span)
        if request is None:
            return False
        span, lead = request, find_lead(text, request.start, request.end)
    if lead is None:
        return False
    # "... triển khai thực hiện nghiêm túc Kế hoạch này. Trong quá trình thực hiện, nếu có khó khăn,
    # vướng mắc, kịp thời báo cáo ...": the closing offer of help after it asks nothing more
    offer = FEEDBACK_CLOSE.search(text, lead.end, span.end)
    return IMPLEMENT_ONLY.fullmatch(text, lead.end, offer.start() if offer else span.end) is not None


FEEDBACK_CLOSE = re.compile(
    r"(?<=[.;])\s+(?:[Tt]rong quá trình|[Qq]uá trình)\b[^.;:]{0,80}?,?\s*(?:nếu|trường hợp|khi)\s+(?:có\s+)?"
    r"(?:phát sinh\s+|gặp\s+)?(?:khó khăn|vướng mắc)"
)


def _narrates(body: str) -> bool:
    """ "Bộ Tài chính đã nghiêm túc thực hiện ...": a report of what was done (cues.tsv: reported)."""
    return cue_pattern("reported").search(body[:120]) is not None


def _named_pieces(text: str, pieces: list[Span], ctx: Context) -> list[Span]:
    """Where a plan's items need a body, a clause naming none joins the next clause that names
    one: "Quy hoạch vùng sản xuất tập trung; UBND xã chỉ đạo ..." is one task of the commune."""
    if not ctx.plan_needs_body or ctx.addressee_source == "inherited":
        return pieces
    merged: list[Span] = []
    held: int | None = None
    for i, piece in enumerate(pieces):
        start = piece.start if held is None else held
        following = pieces[i + 1] if i + 1 < len(pieces) else None
        if (
            following is not None
            and find_lead(text, piece.start, piece.end) is None
            and _body_opens(text, following.start, following.end)
        ):
            held = start
            continue
        merged.append(Span(start, piece.end, piece.label))
        held = None
    return merged


def _lead_of_a_later_clause(text: str, span: Span) -> Span | None:
    """A body that opens a clause after a semicolon and acts: "Quy hoạch vùng sản xuất tập
    trung; Ủy ban nhân dân xã chỉ đạo Phòng Kinh tế xây dựng đề án ..." names who does it."""
    for semicolon in re.finditer(r";\s*", text[span.start : span.end]):
        start = span.start + semicolon.end()
        if inside_brackets(text, span.start, start):
            continue  # "(Sở Nội vụ chủ trì; Sở Tài chính phối hợp)": roles in a bracket
        lead = _body_opens(text, start, span.end)
        if lead is not None:
            return lead
    return None


def _body_opens(text: str, start: int, end: int) -> Span | None:
    """The lead of a clause that opens with a named body, not a group ("...; các địa phương
    nghiên cứu ..." only adds a remark)."""
    lead = find_lead(text, start, end)
    return lead if lead is not None and lead.start == start and not PLURAL.match(text[start:end]) else None


def _verb_follows(text: str, lead: Span) -> bool:
    """Whether a verb the cue lists lack follows the lead ("Ủy ban nhân dân các tỉnh giải ngân
    hết vốn ..."), as underthesea's POS tagger reads it."""
    from extraction.pos import verb_at

    after = _skip_blank(text, lead.end)
    return after < len(text) and text[after].islower() and verb_at(text[lead.start : after + 40], after - lead.start)


def _explicit_assignment(body: str) -> bool:
    """A free-standing paragraph assigns work only when it says so, not when it narrates."""
    if _narrates(body) and not cue_pattern("assign").match(body):
        return False
    return bool(cue_pattern("predicate", case_sensitive=True).search(body))


# Inline enumerations inside one item: "Bộ Công an: (1) ...; (2) ..." (also (i), (ii) ...).
INLINE_MARKER = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[:;]))\((?:\d{1,2}|[ivx]{1,4})\)\s+")


def _inline_items(text: str, piece: Span) -> tuple[Span, list[Span]] | None:
    """(the lead-in, the items) of an item that enumerates separate work inline, or None.

    It splits when the lead-in only names the addressee ("Bộ Công an: (1) ...; (2) ...",
    "Giao Đảng uỷ Chính phủ: (i) ...") or when every item names its own lead ("Khẩn trương ban
    hành ...: (1) Thanh tra Chính phủ ban hành ...; (2) Bộ Công an ..."); an enumeration that
    describes one deliverable ("... với 05 chức năng chính: (i) ...; (ii) ...") stays one task.
    """
    markers = list(INLINE_MARKER.finditer(text, piece.start, piece.end))
    if markers:
        # one level: "(1) ... (5) ... với 05 chức năng: (i) ...; (ii) ..." splits at (1)..(5) only
        digits = text[markers[0].start() + 1].isdigit()
        markers = [m for m in markers if text[m.start() + 1].isdigit() == digits]
    if len(markers) < 2:
        return None
    lead_in = Span(piece.start, markers[0].start())
    if not text[lead_in.start : lead_in.end].rstrip().endswith(":"):
        return None
    bounds = [m.end() for m in markers] + [piece.end]
    items = [
        _trim(text, Span(start, _item_end(text, start, next_marker)))
        for start, next_marker in zip(bounds, [m.start() for m in markers[1:]] + [piece.end], strict=False)
    ]
    items = [i for i in items if i.end > i.start]
    addressee = find_lead(text, lead_in.start, lead_in.end)
    names_addressee = addressee is not None and (
        not text[addressee.end : lead_in.end].strip(" :,")
        or DUTY_INTRO.fullmatch(text[addressee.end : lead_in.end].strip(" :,")) is not None
    )
    own_leads = all(find_lead(text, i.start, i.end) is not None for i in items)
    if not (names_addressee or own_leads):
        return None
    return lead_in, items


# "Sở Y tế có trách nhiệm: (i) ...; (ii) ...": the addressee and its duty, then separate work
DUTY_INTRO = re.compile(
    r"(?:có|chịu) trách nhiệm|lãnh đạo,? chỉ đạo|chỉ đạo|tập trung(?: thực hiện)?|chủ trì(?: thực hiện)?"
    r"|thực hiện(?: tốt)?(?: (?:các|một số|những))?(?: nhiệm vụ| nội dung)?(?: sau)?",
    re.IGNORECASE,
)


def _item_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ;,.\t":
        end -= 1
    return end


def _task_drafts(text: str, node: Node, ctx: Context) -> list[TaskDraft]:
    drafts = []
    body = _after_approval(text, node.body) or _after_narrative(text, node.body) or node.body
    pieces = _named_pieces(text, split_assignments(text, body), ctx)
    opening = _time_opening(text, pieces)
    for piece in pieces:
        if FEEDBACK_OFFER.match(text, piece.start, piece.end) and piece.start > node.body.start:
            continue  # "... thực hiện nghiêm. Trong quá trình thực hiện, nếu có vướng mắc, ...": no work
        inline = _inline_items(text, piece)
        if inline is not None:
            drafts.extend(_inline_drafts(text, node, ctx, *inline))
            continue
        lead = find_lead(text, piece.start, piece.end) or _lead_after_statement(text, piece)
        if lead is None and ctx.plan_needs_body:
            lead = _lead_of_a_later_clause(text, piece)
        if lead is not None and HONORIFIC.match(text, lead.start) and ctx.addressee_source == "document":
            lead = None  # "đề nghị Quý Ủy ban ...": the body the letter is addressed to ("Kính gửi:")
        support = find_support(text, piece.start, piece.end)
        if lead is None:  # "Rà soát ... (Sở X chủ trì, phối hợp với Sở Y; hoàn thành ...)"
            lead, bracket_support = find_bracketed_roles(text, piece.start, piece.end)
            support = bracket_support or support
            if lead is None and ctx.addressee is None:  # "... do Sở X chủ trì thực hiện", with no addressee above
                lead = find_agent_lead(text, piece.start, piece.end)
        else:  # "Sở Y tế (chủ trì), Sở Tài chính, Bảo hiểm xã hội tỉnh tổ chức ..."
            support = support or _after_lead_mark(text, lead, piece.end)
        support = support or find_support_before_cue(text, piece.start, piece.end)
        drafts.append(
            TaskDraft(
                span=piece,
                origin="item" if node.style != "para" else "paragraph",
                lead=lead,
                support=support,
                inherited_lead=ctx.addressee,
                lead_source="own" if lead else ctx.addressee_source,
                inherited_support=ctx.support,
                deadline_context=ctx.deadline_spans + _shared_opening(text, opening, piece),
            )
        )
    return drafts


# "Trước ngày 25/12/2025, Bộ Y tế ...; Bộ Giáo dục và Đào tạo ...": a time that opens the sentence
TIME_OPENING = re.compile(r"(?:trước|chậm nhất|trong|đến hết|từ nay đến|ngay sau khi)\s", re.IGNORECASE)


def _time_opening(text: str, pieces: list[Span]) -> Span | None:
    """The time phrase that opens the first of several clauses split from one sentence."""
    if len(pieces) < 2 or not TIME_OPENING.match(text, pieces[0].start):
        return None
    lead = find_lead(text, pieces[0].start, pieces[0].end)
    return Span(pieces[0].start, lead.start) if lead is not None and lead.start > pieces[0].start else None


def _shared_opening(text: str, opening: Span | None, piece: Span) -> tuple[Span, ...]:
    """The opening time for a later clause of the same sentence (no full stop between)."""
    if opening is None or piece.start <= opening.end or SENTENCE_BREAK.search(text, opening.end, piece.start):
        return ()
    return (opening,)


SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-ZĐÀ-Ỹ])")
COPULA = re.compile(r"\slà\s")


def _lead_after_statement(text: str, piece: Span) -> Span | None:
    """The lead of an item that opens with a statement and assigns in its next sentence:
    "Phát triển cụm công nghiệp là nhiệm vụ quan trọng. Ủy ban nhân dân tỉnh yêu cầu các sở ..."."""
    first = SENTENCE_BREAK.search(text, piece.start, piece.end)
    if first is None:
        return None
    # "Phát triển ... là nhiệm vụ quan trọng." opens with a verb, yet only states
    if _opens_with_action(text, piece.start, first.start()) and not COPULA.search(text, piece.start, first.start()):
        return None
    return find_lead(text, first.end(), piece.end)


def _request_after_account(text: str, span: Span) -> Span | None:
    """The request after an account that is no lead-in of items (:func:`_assignment_after_narrative`)."""
    request = _assignment_after_narrative(text, span)
    if request is None or text[request.start : request.end].rstrip().endswith(":"):
        return None
    return request


def _after_narrative(text: str, span: Span) -> Span | None:
    """The request of an item that opens with an account of the situation and names no actor
    before it (:func:`_assignment_after_narrative`); None for an item that opens acting."""
    lead = find_lead(text, span.start, span.end)
    if (lead is not None and not _reports_or_approves(text, lead)) or _opens_with_action(text, span.start, span.end):
        return None
    return _assignment_after_narrative(text, span)


def _assignment_after_narrative(text: str, span: Span) -> Span | None:
    """The part of an item from the first sentence that explicitly assigns, when the item opens
    by describing the situation: "Các tỉnh phía Bắc liên tiếp chịu ảnh hưởng của bão. Yêu cầu
    các địa phương chủ động ..." is the request, not the account of the storms."""
    for sentence_break in SENTENCE_BREAK.finditer(text, span.start, span.end):
        start = sentence_break.end()
        lead = find_lead(text, start, span.end)
        if lead is None:
            continue
        # "Giao Sở X ...", or a speaker first: "Chủ tịch UBND tỉnh giao Sở X ...", "Bộ Xây dựng đề nghị ..."
        if cue_pattern("assign").match(text[start : span.end].lower()) or cue_pattern(
            "assign", case_sensitive=True
        ).search(text, start, lead.start):
            return Span(start, span.end)
    # within the sentence, after the comma that closes the account: "Dự án còn vướng mặt bằng, đề
    # nghị Ủy ban nhân dân tỉnh ...", "Thời gian còn lại không nhiều, các bộ, cơ quan phải ..."
    if CLOSING.match(text, span.start):
        return None  # "Trên đây là Chỉ thị ..., yêu cầu ... thực hiện nghiêm túc": the execution clause
    listed_until = sentence = span.start
    for start, opens_sentence in _clause_starts(text, span):
        sentence = start if opens_sentence else sentence
        lead = find_lead(text, start, span.end)
        if lead is None or start < listed_until or _inside_quotes(text, sentence, start) or _quotes(text, lead):
            continue
        if cue_pattern("assign").match(text[start : span.end].lower()):
            return Span(start, span.end)
        if lead.start == start:
            if OBLIGED.match(text, lead.end) or (opens_sentence and _acts_after(text, lead)):
                return Span(start, span.end)
            listed_until = lead.end  # the commas of a list of bodies open no clause
    return None


def _acts_after(text: str, lead: Span) -> bool:
    """Whether a sentence that opens with its lead goes on to act: "Đến nay Dự án đã hoàn thành
    60% khối lượng. Bộ Xây dựng đôn đốc nhà thầu ..." (not "Bộ Xây dựng đã báo cáo ...")."""
    if _reports_or_approves(text, lead):
        return False
    return cue_pattern("predicate", case_sensitive=True).match(text, _skip_blank(text, lead.end)) is not None


def _clause_starts(text: str, span: Span) -> list[tuple[int, bool]]:
    """Where a sentence (True) or a comma's clause (False) starts inside ``span``."""
    sentences = {m.end() for m in SENTENCE_BREAK.finditer(text, span.start, span.end)}
    commas = {m.end() for m in CLAUSE_COMMA.finditer(text, span.start, span.end)}
    starts = [(pos, pos in sentences) for pos in sorted(sentences | commas)]
    return [(pos, opens) for pos, opens in starts if not inside_brackets(text, span.start, pos)]


def _inside_quotes(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened in its sentence (a quote left open by a
    typing slip does not run past the sentence)."""
    return text.count("“", start, pos) > text.count("”", start, pos)


def _quotes(text: str, lead: Span) -> bool:
    """A slogan is no body's name: "nhà thầu trên tinh thần “tất cả vì tổ quốc ...”"."""
    return any(q in text[lead.start : lead.end] for q in "“”\"'’")


# The document's closing summary: "Trên đây là Chỉ thị về ...", "Trên đây là kết luận của ..."
CLOSING = re.compile(r"Trên đây là\b", re.IGNORECASE)
# (a semicolon too: "Tiến độ giải ngân còn thấp; giao Sở Tài chính ..."; probe BQ)
CLAUSE_COMMA = re.compile(r"[,;]\s+")
# a duty written after its subject: "các bộ, cơ quan phải ...", "... cần ...", "... có trách nhiệm ..."
OBLIGED = re.compile(r"\s+(?:phải|cần|có trách nhiệm|chịu trách nhiệm)(?!\w)")


def _inline_drafts(text: str, node: Node, ctx: Context, lead_in: Span, items: list[Span]) -> list[TaskDraft]:
    """Each inline item is a task of its own lead, else of the lead-in's addressee; the lead-in's
    deadline governs the items that state none."""
    addressee = find_lead(text, lead_in.start, lead_in.end)
    drafts = []
    for item in items:
        lead = find_lead(text, item.start, item.end)
        drafts.append(
            TaskDraft(
                span=item,
                origin="inline_item",
                lead=lead,
                support=find_support(text, item.start, item.end),
                inherited_lead=addressee or ctx.addressee,
                lead_source="own" if lead else ("inherited" if addressee else ctx.addressee_source),
                inherited_support=None if addressee else ctx.support,
                deadline_context=(*ctx.deadline_spans, lead_in),
            )
        )
    return drafts


def split_assignments(text: str, span: Span) -> list[Span]:
    """Split an item where a sentence gives a different body its own work.

    "Bộ Nông nghiệp ... có văn bản gửi Bộ Tài chính. Bộ Tài chính, Bộ Nông nghiệp ... thống
    nhất ..." → two spans. Sentences of the same lead stay together.
    """
    pieces: list[Span] = []
    start = span.start
    current_lead = _lead_text(text, span.start, span.end)
    for end_of_previous, boundary in _breaks(text, span):
        # "...; đồng thời Cục X tăng cường ...": the connective opens the other body's clause
        subject = boundary + (m.end() if (m := ALSO.match(text[boundary : boundary + 20])) else 0)
        lead = _lead_text(text, subject, span.end) or _lead_after_case(text, subject, span.end)
        if lead is None or lead == current_lead or _co_operates(text, subject, span.end):
            continue
        if _its_head_answers(text, subject):
            continue  # "...; người đứng đầu chịu trách nhiệm trực tiếp về kết quả": the same work (probes BW, BZ)
        if text[end_of_previous - 1] == ";" and not _names_body(text, subject, span.end):
            continue
        if not _is_clause(text, start, end_of_previous):
            continue
        if not text[boundary].isupper() and text[end_of_previous - 1] != ";":
            continue
        pieces.append(Span(start, end_of_previous))
        start, current_lead = subject, lead
    pieces.append(Span(start, span.end))
    return [_trim(text, p) for p in pieces if p.end > p.start]


ALSO = re.compile(r"(?:đồng thời|bên cạnh đó|ngoài ra|trong đó),?\s+", re.IGNORECASE)
# the head of the body that does the work, answering for it: "người đứng đầu", "Thủ trưởng đơn vị",
# "Chi cục trưởng" after "Chi cục Thuế ..."
HEAD_OF_IT = re.compile(
    r"(?:người\s+đứng\s+đầu|thủ\s+trưởng(?:\s+(?:các\s+)?(?:cơ\s+quan|đơn\s+vị))?"
    r"|(?:chi\s+cục|tổng\s+cục|cục|vụ|viện)\s+trưởng)(?=\s+(?:phải\s+)?chịu\s+trách\s+nhiệm)",
    re.IGNORECASE,
)


def _its_head_answers(text: str, subject: int) -> bool:
    """Whether a clause says that the head of the body doing the work answers for it, named by
    the post alone (a head named with the body, "Chủ tịch UBND xã A chịu trách nhiệm ...", is a
    lead of its own)."""
    return HEAD_OF_IT.match(text, subject) is not None


def _co_operates(text: str, start: int, end: int) -> bool:
    """ "...; Sở Tài chính, Bảo hiểm xã hội tỉnh phối hợp tổ chức ...": the clause names the
    co-operating bodies of the same work, it assigns none of its own."""
    lead = find_lead(text, start, end)
    return lead is not None and cooperates_alone(text, _skip_blank(text, lead.end), end)


def _breaks(text: str, span: Span) -> list[tuple[int, int]]:
    """(end of a clause, start of the next) inside a span: sentence ends as underthesea finds
    them (it knows "v.v.", "TP." and numbered dates) and clause ends at ";"."""
    # a clause inside brackets is part of its item ("(Sở X chủ trì; Sở Y phối hợp; ...)")
    breaks = [
        (m.start(), m.end())
        for m in CLAUSE_BREAK.finditer(text, span.start, span.end)
        if not inside_brackets(text, span.start, m.start())
    ]
    cursor = span.start
    for sentence in sentence_splitter()(text[span.start : span.end]):
        found = text.find(sentence, cursor, span.end)
        if found < 0:
            continue
        cursor = found + len(sentence)
        if found > span.start:
            previous_end = found
            while previous_end > span.start and text[previous_end - 1].isspace():
                previous_end -= 1
            breaks.append((previous_end, found))
    return sorted(set(breaks))


@cache
def sentence_splitter() -> Callable[[str], list[str]]:
    """underthesea's ``sent_tokenize``, loaded from its own module file.

    ``import underthesea`` also loads its word segmentation, POS, chunking and NER pipelines
    (0.2 s of every CLI start) that extraction never calls; the sentence splitter is a module of
    its own that needs only the standard library and its abbreviation list. If a release moves
    the module, the package import stands in (slower, same answers).
    """
    package = importlib.util.find_spec("underthesea")
    folders = package.submodule_search_locations if package else None
    module_file = Path(folders[0], "pipeline", "sent_tokenize", "__init__.py") if folders else None
    if module_file is None or not module_file.is_file():
        from underthesea import sent_tokenize

        return sent_tokenize
    spec = importlib.util.spec_from_file_location("giaoviec_underthesea_sent_tokenize", module_file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    splitter: Callable[[str], list[str]] = module.sent_tokenize
    return splitter


def _lead_after_case(text: str, start: int, end: int) -> str | None:
    """The lead of a sentence that opens with a case: "Quá thời hạn nêu trên mà nhà đầu tư không
    hoàn thiện hồ sơ, Sở Công Thương tham mưu ..." gives Sở Công Thương work of its own (probe
    BD); "Trường hợp ... thì ..." states a condition of the same task."""
    if not CASE_OPENING.match(text, start) or CONDITION_THEN.match(text[start:end]):
        return None
    sentence_end = SENTENCE_BREAK.search(text, start, end)
    comma = text.find(", ", start, sentence_end.start() if sentence_end else end)
    if comma < 0:
        return None
    lead = find_lead(text, comma + 2, end)
    return _lead_text(text, comma + 2, end) if lead is not None and lead.start == comma + 2 else None


def _lead_text(text: str, start: int, end: int) -> str | None:
    """The lead of a clause, when the clause assigns work to it (not "X đã ...", "X phê duyệt")."""
    if cue_pattern("not_task").match(text, start):
        return None  # "...; trường hợp ... thì ...": a condition of the same task
    lead = find_lead(text, start, end)
    if lead is None or _reports_or_approves(text, lead):
        return None
    return text[lead.start : lead.end].lower()


def _is_clause(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] says something (has a predicate), not only lists names; "Các chi
    bộ tổ dân phố tổ chức sinh hoạt ..." acts with a verb the predicate cues lack."""
    if cue_pattern("predicate", case_sensitive=True).search(text, start + 1, end) is not None:
        return True
    predicate = noun_phrase_end(text, start) if starts_with_body(text[start:end]) else None
    return predicate is not None and start < predicate < end


# Heads too general to open a new clause after ";" ("; tổ chức Hội nghị ..." is the same body's work).
WEAK_HEADS = re.compile(r"^(?:các\s+|những\s+)?(?:tổ chức|cơ quan|đơn vị|cấp|lực lượng|doanh nghiệp)\b", re.IGNORECASE)


def _names_body(text: str, start: int, end: int) -> bool:
    lead = find_lead(text, start, end)
    if lead is None or lead.start - start >= 40:
        return False
    return text[lead.start].isupper() or not WEAK_HEADS.match(text[lead.start : lead.end])


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return Span(start, end, span.label)
