"""Quality flags of a proposed task: one lead, and the "six clear" of Kết luận 226-KL/TW.

Every task must be clear on who (rõ người), what (rõ việc), when (rõ thời gian), responsibility
(rõ trách nhiệm), authority (rõ thẩm quyền) and product (rõ sản phẩm), with one lead body.
Each flag carries the words that justify it, so the review screen can show them beside the
proposal: ``Flag("when", ok=True, words="trước ngày 25/6/2026")``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from extraction.types import Body, Deadline, DeadlineKind, Flag

CENTRAL = re.compile(
    r"Trung ương|Chính phủ|Quốc hội|Bộ Chính trị|Ban Bí thư|^Bộ\s|^Các bộ|Tập đoàn|Ngân hàng Nhà nước",
    re.I,
)
LOCAL = re.compile(
    r"\btỉnh\b|\bthành phố\b|Tỉnh ủy|Thành ủy|Tỉnh uỷ|Thành uỷ|\bxã\b|\bphường\b|\bhuyện\b", re.I
)


@cache
def _words(category: str) -> tuple[str, ...]:
    text = resources.files("extraction").joinpath("data/quality.tsv").read_text(encoding="utf-8")
    rows = (
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
    return tuple(sorted((phrase for cat, phrase in rows if cat == category), key=len, reverse=True))


@cache
def _pattern(category: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in _words(category))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def find_product(text: str, cell: str | None = None) -> str | None:
    """The deliverable of a task: a table's product cell, or the document after a verb of making.

    "Chủ trì xây dựng Đề án kiện toàn tổ chức bộ máy, trình Thủ tướng" → "Đề án kiện toàn tổ
    chức bộ máy".
    """
    if cell:
        return cell.strip(" .;")
    for verb in _pattern("product_verb").finditer(text):
        if re.search(r"(?:ngày|kể từ|khi)\s+$", text[max(0, verb.start() - 8) : verb.start()]):
            continue  # "kể từ ngày ban hành văn bản" dates the task, it makes nothing
        noun = _pattern("product").match(text, _skip(text, verb.end()))
        if noun:
            end = re.search(
                r"[,;.:(]|\s(?:trình|báo cáo|gửi|trước|trong|để|nhằm)\s", text[noun.end() :]
            )
            stop = noun.end() + (end.start() if end else min(len(text) - noun.end(), 80))
            return text[noun.start() : stop].strip()
    return None


def _skip(text: str, pos: int) -> int:
    m = re.match(r"\s*(?:và\s+)?(?:trình\s+)?(?:các\s+|những\s+|một\s+số\s+)?", text[pos:])
    return pos + (m.end() if m else 0)


def quality_flags(
    text: str,
    *,
    lead: tuple[Body, ...],
    deadline: Deadline,
    issuer: str | None,
    product: str | None,
) -> tuple[Flag, ...]:
    """The one-lead check and the six clear flags of one task."""
    verb = re.search(r"(?<!\w)\w+", text)
    standing = _pattern("standing").search(text)
    responsibility = _pattern("responsibility").search(text)
    names = "; ".join(b.name for b in lead) or None
    unknown = [b.name for b in lead if not b.in_directory]
    return (
        Flag("one_lead", len(lead) == 1, names),
        Flag("lead_in_directory", not unknown, "; ".join(unknown) or names),
        Flag("who", bool(lead), names),
        Flag(
            "what", verb is not None and len(text.split()) >= 4, text[: min(len(text), 60)] or None
        ),
        _when(deadline, standing),
        Flag(
            "responsibility",
            bool(responsibility) or len(lead) == 1,
            responsibility.group(0) if responsibility else names,
        ),
        _authority(text, lead, issuer),
        Flag("product", product is not None, product),
    )


def _when(deadline: Deadline, standing: re.Match[str] | None) -> Flag:
    if deadline.kind != DeadlineKind.NONE:
        return Flag("when", True, deadline.text)
    # a standing duty ("có trách nhiệm", "thường xuyên") is clear without a date (GUIDELINES.md)
    return Flag("when", standing is not None, standing.group(0) if standing else None)


def _authority(text: str, lead: tuple[Body, ...], issuer: str | None) -> Flag:
    """A provincial body cannot assign work to central bodies; it may only request it."""
    if not issuer or not lead:
        return Flag("authority", True, issuer)
    request = _pattern("request").search(text)
    outside = [
        b.name
        for b in lead
        if LOCAL.search(issuer) and CENTRAL.search(b.name) and not LOCAL.search(b.name)
    ]
    if outside and not request:
        return Flag("authority", False, f"{issuer} → {'; '.join(outside)}")
    return Flag("authority", True, request.group(0) if request else issuer)
