"""The outline of a document: its lines as a tree of enumerated items.

Vietnamese directive documents nest their content with a small set of markers, e.g.::

    I. NHIỆM VỤ, GIẢI PHÁP        roman
    1. Bộ Kế hoạch và Đầu tư:      arabic
    a) Chủ trì, phối hợp ...       letter
    - Xây dựng ...                 dash
    + Hỗ trợ ...                   plus

The order of nesting is not fixed (a plan may put "-" above "a)"), so the tree is built the way
a reader does it: a marker style seen before closes the items down to its level; a new style
opens a deeper level. Unnumbered paragraphs under a lead-in that ends with ":" (or under a
heading that only names a body) belong to it; other unnumbered paragraphs stand on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extraction.types import Span

# (style, pattern) in the order they are tried; the pattern must match at the start of a line
# and its group "body" is where the item's own text begins.
# a page number or running folio on a line of its own: "2", "- 3 -", "Trang 4", "4/12"
PAGE_NUMBER = re.compile(r"(?:[-–]\s*)?(?:[Tt]rang\s+)?\d{1,3}(?:\s*[-–])?(?:\s*/\s*\d{1,3})?")

MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (style, re.compile(pattern))
    for style, pattern in (
        (
            "part",
            r"^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d+|thứ\s+\w+)\b[.:]?\s*(?P<body>.*)$",
        ),
        ("section", r"^(?:MỤC|Mục)\s+(?:[IVXLC]+|\d+)\b[.:]?\s*(?P<body>.*)$"),
        ("article", r"^Điều\s+\d+[a-z]?\s*[.:]\s*(?P<body>.*)$"),
        ("roman", r"^(?!V/[vV])(?:[IVX]{1,5})\s*[.\-/)]\s*(?P<body>\S.*)$"),
        # "A. MỤC TIÊU", "B. NHIỆM VỤ, GIẢI PHÁP": sections lettered in capitals
        ("capital", r"^[A-HK-UW-ZĐ]\.\s+(?P<body>[A-ZĐÀ-Ỹ].*)$"),
        ("decimal", r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+(?P<body>\S.*)$"),
        ("arabic", r"^\d{1,3}\s*(?:[.)/]|-(?=\s))\s*(?P<body>\S.*)$"),
        ("paren_roman", r"^\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)\s*(?P<body>\S.*)$"),
        ("paren_num", r"^\(\d{1,2}\)\s*(?P<body>\S.*)$"),
        ("paren_letter", r"^\([a-zđ]\)\s*(?P<body>\S.*)$"),
        ("letter", r"^[a-zđ]\s*\)\s*(?P<body>\S.*)$"),
        # "a.1)", "b.2.": lettered points numbered under their letter
        ("letter_number", r"^[a-zđ]\.\d{1,2}\s*[.)]\s*(?P<body>\S.*)$"),
        # "Thứ nhất, các bộ, ngành ...": the ordinal words of a notice's points
        (
            "ordinal",
            r"^Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười(?:\s+(?:một|hai|ba))?)\s*[,:.]\s*(?P<body>\S.*)$",
        ),
        ("letter_dot", r"^[a-zđ]\.\s+(?P<body>\S.*)$"),
        ("dash", r"^[-–—]\s*(?P<body>\S.*)$"),
        ("plus", r"^\+\s*(?P<body>\S.*)$"),
        # the bullets of word processors' symbol fonts too ("➢", "❖", "Ø" is Wingdings' arrow)
        # ... and those a PDF or Word export leaves in the private use area ("\uf0b7", "\uf0a7")
        ("bullet", r"^(?:[•●▪◦*➢➤►▶❖◆◇■□○✓✔§\uf020-\uf0ff]|Ø(?=\s))\s*(?P<body>\S.*)$"),
    )
)

# A table row is rendered as cells joined by " | " (see normalize.py); one copied from a word
# processor or a spreadsheet into plain text keeps its cells apart with tabs.
CELL_SEPARATOR = " | "
TAB_GAP = re.compile(r"\S\t+(?=\S)")


def is_row(content: str) -> bool:
    """Whether a line is a table row: cells joined by " | ", or three cells or more between tabs
    (one tab alone is rather the gap after an item's number: "1.\tBộ Tài chính ..."; a group row
    "I\tNhóm nhiệm vụ về thể chế\t\t\t" ends on the tabs of its empty cells)."""
    if CELL_SEPARATOR in content:
        return True
    gaps = len(TAB_GAP.findall(content))
    return gaps >= 2 or (gaps == 1 and content.count("\t") >= 3)


@dataclass(slots=True)
class Node:
    """One line of the document in the outline tree."""

    style: str  # a MARKERS style, "para" for an unnumbered paragraph, "row" for a table row
    line: Span  # the whole line
    body: Span  # the line without its marker
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    def body_text(self, text: str) -> str:
        return text[self.body.start : self.body.end]

    def ancestors(self) -> list[Node]:
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out


def marker_of(line: str) -> tuple[str, int]:
    """The marker style of a line and where its body starts: ``("letter", 3)`` for "a) Rà soát"."""
    for style, pattern in MARKERS:
        m = pattern.match(line)
        if m:
            if style == "decimal":
                # "1.1." and "1.1.1." are two levels: the deeper nests under the shallower
                style = f"decimal{line[: m.start('body')].strip().rstrip('.').count('.') + 1}"
            return style, m.start("body")
    return "para", 0


def iter_lines(text: str) -> list[Span]:
    """The non-empty lines of a text as spans (without surrounding whitespace)."""
    spans, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            spans.append(Span(start, start + len(stripped)))
        pos += len(raw) + 1
    return spans


def is_heading(body: str) -> bool:
    """A line that titles what follows instead of saying something.

    "III. TỔ CHỨC THỰC HIỆN", "1. Sở Công Thương", "Nhiệm vụ trọng tâm" are headings;
    "1. Bộ Tài chính rà soát ... ." is not.
    """
    stripped = body.strip().rstrip(":").strip()
    if not stripped:
        return True
    letters = [c for c in stripped if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    if stripped.endswith((".", ";", ",")):
        return False
    if stripped.startswith("Về ") and len(stripped.split()) <= 20:
        return True
    return len(stripped.split()) <= 12 and ", " not in stripped


def opens_block(node: Node, text: str) -> bool:
    """Whether following unnumbered paragraphs belong under this node: a lead-in ending in
    ":", a heading, or an item that only names bodies ("2. Các bộ, ngành")."""
    from extraction.grammar import names_only

    body = node.body_text(text).rstrip()
    if body.endswith(":"):
        return True
    if node.style == "para":
        return False
    return is_heading(body) or names_only(text, node.body.start, node.body.end)


# A line of only punctuation ("-----", "*") separates the header's parts; it carries no content.
RULE_LINE = re.compile(r"^[\W_]+$")
# A scan's or a copy's running header or footer between items: the page's number or folio
# ("Trang 2/7", "- 3 -") or the document's symbol alone ("06/CT-UBND"; the header's "Số: ..." is
# no running line).
RUNNING_LINE = re.compile(rf"{PAGE_NUMBER.pattern}|\d{{1,5}}[/-][A-ZĐ0-9/.\-]*[A-ZĐ][A-ZĐ0-9/.\-]*")
# A marker alone on its line ("I.", "2.") numbers the next line (PDF and web copies split them).
LONE_MARKER = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}|[a-zđ])\s*[.)]$")


def build_outline(text: str, lines: list[Span] | None = None) -> list[Node]:
    """Parse the lines of ``text`` into a forest of :class:`Node` (the roots, in order)."""
    roots: list[Node] = []
    stack: list[Node] = []
    pending: Span | None = None
    for line in lines if lines is not None else iter_lines(text):
        content = text[line.start : line.end]
        if RULE_LINE.match(content) or RUNNING_LINE.fullmatch(content.strip()):
            continue
        if LONE_MARKER.match(content):
            pending = line
            continue
        node = _node(text, line, pending)
        pending = None
        _attach(node, stack, roots, text)
    return roots


def _node(text: str, line: Span, marker: Span | None) -> Node:
    content = text[line.start : line.end]
    if marker is not None:
        style, _ = marker_of(text[marker.start : marker.end] + " x")
        return Node(style=style, line=Span(marker.start, line.end), body=line)
    if is_row(content):
        return Node(style="row", line=line, body=line)
    style, offset = marker_of(content)
    return Node(style=style, line=line, body=Span(line.start + offset, line.end))


def _attach(node: Node, stack: list[Node], roots: list[Node], text: str) -> None:
    if node.style in ("para", "row"):
        if opens_block(node, text) and stack and stack[-1].style == "para":
            stack.pop()  # a new lead-in paragraph closes the previous one
        if stack and opens_block(stack[-1], text):
            parent = stack[-1]
        else:
            # A paragraph after a finished item stands beside that item.
            if stack and stack[-1].style not in ("para", "row"):
                stack.pop()
            parent = stack[-1] if stack else None
        _add_child(node, parent, roots)
        if opens_block(node, text) and node.style == "para":
            stack.append(node)
        return
    styles = [n.style for n in stack]
    if node.style in styles:
        del stack[styles.index(node.style) :]
    elif node.style in RANKED and _seen_beside(node.style, stack, roots):
        # "Điều 2." after the items of a lead-in under "Điều 1.": an article stands beside the
        # article before it, never under that article's items (probe BZ)
        del stack[_depth_of(node.style, stack) :]
    else:
        while stack and stack[-1].style in ("para", "row") and not opens_block(stack[-1], text):
            stack.pop()
    _add_child(node, stack[-1] if stack else None, roots)
    stack.append(node)


# the divisions of a legal text, highest first: an article is never an item's child
RANKED = ("part", "section", "article")


def _seen_beside(style: str, stack: list[Node], roots: list[Node]) -> bool:
    """Whether a node of ``style`` already stands at the top or under a node of the stack."""
    return any(n.style == style for n in roots) or any(c.style == style for n in stack for c in n.children)


def _depth_of(style: str, stack: list[Node]) -> int:
    """How much of the stack a new ``style`` node keeps: up to the deepest node of a higher
    division or the deepest node that already holds one of its kind."""
    higher = RANKED[: RANKED.index(style)]
    keep = 0
    for i, n in enumerate(stack):
        if n.style in higher or any(c.style == style for c in n.children):
            keep = i + 1
    return keep


def _add_child(node: Node, parent: Node | None, roots: list[Node]) -> None:
    node.parent = parent
    (parent.children if parent is not None else roots).append(node)


def walk(nodes: list[Node]) -> list[Node]:
    """All nodes of a forest in document order."""
    out: list[Node] = []
    for node in nodes:
        out.append(node)
        out.extend(walk(node.children))
    return out
