"""A PDF page's table grids and characters read with pypdfium2, in pdfplumber's terms.

pdfplumber finds tables from the page's ruling lines, but to get them it has pdfminer parse
every object of the page, characters included: about 75 ms for a page of a ruled table,
most of the reading time of a document with tables. PDFium has already parsed the page, so
its path objects are turned here into the edges pdfplumber would make (the same rules: a
one-segment path is a line, an axis-aligned closed four-segment path a rectangle, anything
else a curve), and pdfplumber's own functions (``pdfplumber.table``) turn the edges into
cells, so the cells come out as pdfplumber computes them. The characters inside the tables
are PDFium's, with boxes as pdfminer draws them (from the baseline down to the font's
descent, one font size high).

Coordinates are pdfplumber's: points from the page's top left corner, ``top`` growing
downwards. Each reader returns None on a page it cannot read the way pdfplumber would (a
rotated or shifted page, paths inside a form XObject, rotated text); the caller then asks
pdfplumber.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator, Sequence
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

Edge = dict[str, Any]
Char = dict[str, Any]
Box = tuple[float, float, float, float]
# pdfplumber's TableSettings defaults, which ``page.find_tables()`` uses.
_SNAP = _JOIN = _INTERSECTION = 3
_MIN_EDGE_PREFILTER = 1
_MIN_EDGE = 3


def leaves_ink(path: pdfium.PdfObject) -> bool:
    """Whether a path object leaves ink: Word puts white boxes behind shaded words, and
    those must not count as ruling lines."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(path.raw, fill_mode, stroke)
    if stroke.value:
        return not _is_white(pdfium_c.FPDFPageObj_GetStrokeColor, path)
    return bool(fill_mode.value) and not _is_white(pdfium_c.FPDFPageObj_GetFillColor, path)


def _is_white(get_color: Any, path: pdfium.PdfObject) -> bool:
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not get_color(path.raw, red, green, blue, alpha):
        return False
    return alpha.value == 0 or min(red.value, green.value, blue.value) > 230


# --- edges ------------------------------------------------------------------------------------


def ruling_edges(page: pdfium.PdfPage) -> list[Edge] | None:
    """The edges of the page's inked paths, as pdfplumber's ``page.edges`` lists them (lines,
    then rectangles, then curves); None where the page's geometry is not plain."""
    height = _plain_height(page)
    if height is None:
        return None
    lines: list[Edge] = []
    rects: list[Edge] = []
    curves: list[Edge] = []
    for path in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)):
        if path.level > 0:  # PDFium gives a form's paths in the form's own coordinates
            return None
        if not leaves_ink(path):
            continue
        subpaths = _subpaths(path)
        if subpaths is None:
            return None
        for shape, points in subpaths:
            _add_edges(shape, [(x, height - y) for x, y in points], lines, rects, curves)
    return lines + rects + curves


def _plain_height(page: pdfium.PdfPage) -> float | None:
    """The page's height where pdfplumber's and PDFium's coordinates agree: no rotation, and
    a MediaBox at the origin that the CropBox does not cut."""
    media = page.get_mediabox(fallback_ok=False)
    if page.get_rotation() != 0 or media is None or media[:2] != (0, 0):
        return None
    if page.get_cropbox() != media:
        return None
    return float(media[3])


def _subpaths(path: pdfium.PdfObject) -> list[tuple[str, list[tuple[float, float]]]] | None:
    """The path's subpaths in pdfminer's terms: the operators ("m", "l", "c", "h") and one
    point for each, in page coordinates (y upwards)."""
    matrix = pdfium_c.FS_MATRIX()
    count = pdfium_c.FPDFPath_CountSegments(path.raw)
    if count < 0 or not pdfium_c.FPDFPageObj_GetMatrix(path.raw, matrix):
        return None
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    for kind, point, closes in _segments(path, count, matrix):
        if kind == "m":
            subpaths.append(("", []))
        if not subpaths:
            return None
        shape, points = subpaths[-1]
        shape += kind + ("h" if closes else "")
        points += [point] + ([points[0]] if closes else [])
        subpaths[-1] = (shape, points)
    return subpaths


def _segments(
    path: pdfium.PdfObject, count: int, matrix: Any
) -> Iterator[tuple[str, tuple[float, float], bool]]:
    # PDFium splits a Bézier curve into three segments, pdfminer keeps one operator with
    # its end point: the first two are skipped.
    x, y = ctypes.c_float(), ctypes.c_float()
    bezier_points = 0
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path.raw, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        closes = bool(pdfium_c.FPDFPathSegment_GetClose(segment))
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier_points += 1
            if bezier_points % 3 and not closes:
                continue
        point = (
            matrix.a * x.value + matrix.c * y.value + matrix.e,
            matrix.b * x.value + matrix.d * y.value + matrix.f,
        )
        yield _SEGMENT_KINDS.get(kind, "c"), point, closes


_SEGMENT_KINDS = {
    pdfium_c.FPDF_SEGMENT_MOVETO: "m",
    pdfium_c.FPDF_SEGMENT_LINETO: "l",
    pdfium_c.FPDF_SEGMENT_BEZIERTO: "c",
}


def _add_edges(
    shape: str,
    points: list[tuple[float, float]],
    lines: list[Edge],
    rects: list[Edge],
    curves: list[Edge],
) -> None:
    """pdfminer's ``paint_path`` and pdfplumber's ``obj_to_edges`` for one subpath, with the
    points already top-down (pdfminer's comparisons do not care which way y grows)."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]  # a redundant "l" before "h"
    if shape in ("mlh", "ml"):
        lines.append(_line_edge(points[0], points[1]))
    elif shape in ("mlllh", "mllll") and _is_rectangle(points):
        rects.extend(_rect_edges(points[0], points[2]))
    elif shape.startswith("m"):
        curves.extend(_curve_edges(points))


def _is_rectangle(points: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
    return last == points[0] and (
        (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
        or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
    )


def _line_edge(p0: tuple[float, float], p1: tuple[float, float]) -> Edge:
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((p0[1], p1[1]))
    # pdfplumber calls every line that is not exactly horizontal vertical, a slanted one too.
    orientation = "h" if top == bottom else "v"
    return _edge("line", x0, x1, top, bottom, orientation)


def _rect_edges(corner: tuple[float, float], opposite: tuple[float, float]) -> list[Edge]:
    x0, x1 = sorted((corner[0], opposite[0]))
    top, bottom = sorted((corner[1], opposite[1]))
    height = bottom - top
    return [
        _edge("rect_edge", x0, x1, top, top, "h"),
        _edge("rect_edge", x0, x1, top + height, top + height, "h"),
        _edge("rect_edge", x0, x0, top, bottom, "v"),
        _edge("rect_edge", x1, x1, top, bottom, "v"),
    ]


def _curve_edges(points: list[tuple[float, float]]) -> list[Edge]:
    edges = []
    for p0, p1 in zip(points, points[1:], strict=False):
        x0, x1 = sorted((p0[0], p1[0]))
        top, bottom = sorted((p0[1], p1[1]))
        orientation = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
        edges.append(_edge("curve_edge", x0, x1, top, bottom, orientation))
    return edges


def _edge(kind: str, x0: float, x1: float, top: float, bottom: float, orientation: str | None) -> Edge:
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }


# --- cells ------------------------------------------------------------------------------------


def table_rows(edges: list[Edge]) -> list[tuple[Box, list[list[Box | None]]]]:
    """Each table's box and its rows of cell boxes (None where a merged cell spans), as
    ``page.find_tables()`` finds them with the default settings."""
    from pdfplumber import table as plumber_table  # imported only for pages with ruling lines
    from pdfplumber.utils import filter_edges

    edges = filter_edges(edges, "v", min_length=_MIN_EDGE_PREFILTER) + filter_edges(
        edges, "h", min_length=_MIN_EDGE_PREFILTER
    )
    edges = plumber_table.merge_edges(edges, _SNAP, _SNAP, _JOIN, _JOIN)
    edges = filter_edges(edges, min_length=_MIN_EDGE)
    intersections = plumber_table.edges_to_intersections(edges, _INTERSECTION, _INTERSECTION)
    cells = plumber_table.intersections_to_cells(intersections)
    tables = [plumber_table.Table(None, group) for group in plumber_table.cells_to_tables(cells)]
    return [(table.bbox, [row.cells for row in table.rows]) for table in tables]


# --- characters -------------------------------------------------------------------------------


def chars_in(textpage: pdfium.PdfTextPage, height: float, boxes: Sequence[Box]) -> list[Char] | None:
    """The page's characters that may fall in ``boxes``, as pdfplumber's ``page.chars``
    gives them (text, x0, x1, top, bottom, doctop, upright); None if one is not upright.

    A page of a table holds a few thousand characters, so this loop is kept lean: one call
    into PDFium for each character outside the boxes, three for each one inside.
    """
    left, top, right, bottom = _union(boxes)
    count = textpage.count_chars()
    texts = _char_texts(textpage, count)
    loose = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    fonts = _FontCache(textpage)
    raw = textpage.raw
    get_box, get_origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    # The box in PDF coordinates (y upwards), to compare without converting each character.
    low, high = height - bottom, height - top
    chars = []
    for index in range(count):
        get_box(raw, index, loose)
        if loose.left > right or loose.right < left or loose.top < low or loose.bottom > high:
            continue
        text = texts[index]
        if text.isspace() and pdfium_c.FPDFText_IsGenerated(raw, index):
            continue  # a space PDFium puts in a wide gap: pdfminer has no character there
        font = fonts.of(index)
        if font is None:
            return None
        get_origin(raw, index, origin_x, origin_y)
        chars.append(_char(text, loose, height - origin_y.value, font))
    return chars


def _union(boxes: Sequence[Box]) -> Box:
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


def _char_texts(textpage: pdfium.PdfTextPage, count: int) -> str:
    """One character for each index: the page's text in one call, or character by character
    where the text does not line up with the indexes (a character beyond the BMP)."""
    text = textpage.get_text_range()
    if len(text) != count:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index)) for index in range(count))
    # PDFium reports a hyphen that ends a line as one of these (see pdf.py); pdfminer as "-".
    return text.replace("\ufffe", "-").replace("\x02", "-")


def _char(text: str, loose: Any, baseline: float, font: tuple[float, float]) -> Char:
    # PDFium's loose box has the advance width pdfminer uses, but it spans the font's
    # ascent to descent, stretched over accents; pdfminer's box starts at the descent below
    # the baseline and is one font size high.
    size, descent = font
    bottom = baseline - descent
    top = bottom - size
    return {
        "text": text,
        "x0": loose.left,
        "x1": loose.right,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "upright": True,
    }


class _FontCache:
    """The height and descent (in points on the page) of each text object's characters:
    all of one object's characters share its font, size and matrix."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self._textpage = textpage
        self._by_object: dict[bytes, tuple[float, float] | None] = {}
        self._matrix = pdfium_c.FS_MATRIX()

    def of(self, index: int) -> tuple[float, float] | None:
        text_object = pdfium_c.FPDFText_GetTextObject(self._textpage.raw, index)
        if not text_object:
            return None
        key = bytes(text_object)  # the object's address: cheaper than a cast to an integer
        if key not in self._by_object:
            self._by_object[key] = self._measure(index, text_object)
        return self._by_object[key]

    def _measure(self, index: int, text_object: Any) -> tuple[float, float] | None:
        matrix = self._matrix
        if not pdfium_c.FPDFText_GetMatrix(self._textpage.raw, index, matrix):
            return None
        # pdfminer's "upright"; a rotated or mirrored glyph's box is drawn another way.
        if not (matrix.a * matrix.d > 0 and matrix.b == 0 and matrix.c == 0):
            return None
        size = pdfium_c.FPDFText_GetFontSize(self._textpage.raw, index)
        descent = ctypes.c_float()
        font = pdfium_c.FPDFTextObj_GetFont(text_object)
        if not font or not pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), descent):
            return None
        return size * matrix.d, descent.value * matrix.d
