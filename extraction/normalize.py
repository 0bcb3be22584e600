"""Normalisation: ``SourceText`` to ``Document``, the one text every later step reads.

Every paragraph becomes one line and every table row one line with its cells joined by
``" | "`` (how the reference ``.txt`` files render tables). Text is NFC; tone marks are kept
as written (``uỷ`` stays ``uỷ``, ``ủy`` stays ``ủy``). Lines of a ``text/plain`` source are kept
exactly, so offsets into the Document are offsets into the file (after NFC).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from extraction.types import (
    CellRange,
    Document,
    OcrWord,
    OffsetMap,
    Paragraph,
    SourceText,
    Table,
)

CELL_SEPARATOR = " | "

# Kept in step with extraction.ingest.text.MEDIA_TYPE; importing it would load the PDF and
# DOCX libraries into every process that only normalises text.
_PLAIN_TEXT = "text/plain"
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# A zero-width space before a capital that follows a small letter ("Công\u200bThương") stands
# for the space a web page or editor left out; inside a word ("TUY\u200bỆT") it is only dropped.
_WORD_BREAK = re.compile("(?<=[^\\W\\d_])\u200b(?=[^\\W\\d_])")
_WHITESPACE = re.compile(r"\s+")

Cleaner = Callable[[str], str]


def normalize(source: SourceText) -> Document:
    """Build the normalised text of a source and its map back to pages and table cells.

    Example: a Table row ("1", "Tổ chức triển khai", "Sở Tài chính") becomes the line
    ``1 | Tổ chức triển khai | Sở Tài chính`` and three CellRanges.
    """
    clean = _keep_as_written if source.media_type == _PLAIN_TEXT else clean_line
    builder = _TextBuilder()
    table_index = 0
    for block in source.blocks:
        if isinstance(block, Paragraph):
            builder.add_line(clean(block.text), block.page, block.words)
        else:
            builder.add_table(table_index, block, clean)
            table_index += 1
    document = builder.build(source.media_type)
    margins = tuple(unicodedata.normalize("NFC", text) for text in source.margins)
    return replace(document, margins=margins) if margins else document


def clean_line(text: str) -> str:
    """NFC, no zero-width characters or soft hyphens, single spaces, no outer spaces.

    Example: ``"Số:\\u00a0\\u00a0 /UBND\\u200b-KT "`` gives ``"Số: /UBND-KT"``.
    """
    # Invisible characters go before NFC: one between a vowel and its tone mark would stop
    # the two from composing.
    text = unicodedata.normalize("NFC", _without_invisible(text))
    return _WHITESPACE.sub(" ", text).strip()


def _keep_as_written(text: str) -> str:
    """NFC with its spacing kept, but no invisible characters (a soft hyphen or a zero-width
    space inside "Công an tỉnh" would split the name) and no-break spaces as plain spaces."""
    return unicodedata.normalize("NFC", _without_invisible(text)).replace("\u00a0", " ")


def _without_invisible(text: str) -> str:
    return _INVISIBLE.sub("", _WORD_BREAK.sub(_space_between_words, text))


def _space_between_words(m: re.Match[str]) -> str:
    before, after = m.string[m.start() - 1], m.string[m.end()]
    return " " if before.islower() and after.isupper() else ""


def table_lines(table: Table, clean: Cleaner) -> list[tuple[int, list[tuple[int, str]]]]:
    """The rows of a table to print, each as (row, [(column, cell text), ...]).

    Empty cells at the end of a row are left out, and rows with no text; empty cells before
    text stay, so that a column keeps its place (the task table's "Chủ trì" column is found
    by its index in the header row).
    """
    printed = []
    for index, row in enumerate(table.rows):
        cells = [(col, clean(cell)) for col, cell in enumerate(row)]
        while cells and not cells[-1][1]:
            cells.pop()
        if cells:
            printed.append((index, cells))
    return printed


def locate_words(
    text: str, words: tuple[tuple[str, float], ...], offset: int = 0
) -> list[OcrWord]:
    """Where each OCR'd word lies in its (cleaned) paragraph, shifted by ``offset``.

    The paragraph was built from the words in order (joined with a space, or with nothing
    after a hyphen), so each is found after the one before; one that cleaning removed is left
    out.
    """
    found = []
    cursor = 0
    for word, confidence in words:
        word = clean_line(word)
        start = text.find(word, cursor) if word else -1
        if start < 0:
            continue
        cursor = start + len(word)
        found.append(OcrWord(offset + start, offset + cursor, confidence))
    return found


class _TextBuilder:
    """Accumulates lines and records where pages and table cells start."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._page_starts: list[int] = []
        self._page_numbers: list[int] = []
        self._cells: list[CellRange] = []
        self._ocr_words: list[OcrWord] = []

    def add_line(
        self, text: str, page: int | None, words: tuple[tuple[str, float], ...] = ()
    ) -> None:
        if not text.strip():
            return
        self._mark_page(page)
        self._ocr_words.extend(locate_words(text, words, self._length))
        self._append(text + "\n")

    def add_table(self, index: int, table: Table, clean: Cleaner) -> None:
        lines = table_lines(table, clean)
        if lines:
            self._mark_page(table.page)
        for row, cells in lines:
            for position, (col, text) in enumerate(cells):
                if position:
                    self._append(CELL_SEPARATOR)
                end = self._length + len(text)
                self._cells.append(CellRange(index, row, col, self._length, end))
                self._append(text)
            self._append("\n")

    def build(self, media_type: str) -> Document:
        offsets = OffsetMap(
            page_starts=tuple(self._page_starts),
            page_numbers=tuple(self._page_numbers),
            cells=tuple(self._cells),
            ocr_words=tuple(self._ocr_words),
        )
        return Document(text="".join(self._parts), offsets=offsets, media_type=media_type)

    def _mark_page(self, page: int | None) -> None:
        if page is not None and (not self._page_numbers or self._page_numbers[-1] != page):
            self._page_starts.append(self._length)
            self._page_numbers.append(page)

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)
