"""Text widths for laying out tables: column widths come from the content.

The document is set in Arial (LibreOffice uses the metric-compatible Liberation Sans), whose advance
widths are Helvetica's: they are read from the Adobe font metrics (AFM) that matplotlib ships
(``mpl-data/fonts/pdfcorefonts``), glyph names mapped to characters with fontTools' Adobe Glyph
List. Nothing is rendered, and the numbers do not depend on the fonts of the machine.

:func:`column_widths` is the automatic table layout of HTML and word processors: every column at
least as wide as its longest unbreakable word (so no word needs to break), the rest of the width
shared in proportion to how much more each column's text would take on one line.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

FONT = "Arial"
_AFM = {False: "Helvetica.afm", True: "Helvetica-Bold.afm"}
_DEFAULT_WIDTH = 556  # an average lower-case letter, for a character the metrics do not cover
_WIDE = 1000  # CJK and other wide characters
# where a line may break inside a run of text: spaces, and after a hyphen or dash (the line then
# ends with the hyphen, as a hyphenated word would)
_BREAKS = re.compile(r"[ \t\n]+|(?<=[-–—])")
# an AFM character metrics line: "C 97 ; WX 556 ; N a ; B 36 -15 530 538 ;"
_GLYPH, _ADVANCE = re.compile(r"(?:^|;)\s*N\s+(\S+)"), re.compile(r"(?:^|;)\s*WX\s+(\d+)")
CELL_PADDING = 2 * 57  # twips: the tables' left and right cell margins
SAFETY = 1.06  # the widths are Arial's; a little air for rounding and bold headers


def _afm_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")  # its data folder, without importing matplotlib
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is needed for the font metrics")
    return Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "pdfcorefonts"


@lru_cache(maxsize=2)
def _widths(bold: bool) -> dict[str, int]:
    from fontTools.agl import toUnicode

    out: dict[str, int] = {}
    in_metrics = False
    for line in (_afm_dir() / _AFM[bold]).read_text(encoding="latin-1").splitlines():
        if line.startswith("StartCharMetrics"):
            in_metrics = True
            continue
        if line.startswith("EndCharMetrics"):
            break
        if not in_metrics:
            continue
        name, width = _GLYPH.search(line), _ADVANCE.search(line)
        char = toUnicode(name.group(1)) if name else ""
        if len(char) == 1 and width:
            out[char] = int(width.group(1))
    out["\u00a0"] = out[" "]
    out.setdefault("\u2212", out["-"])
    return out


@lru_cache(maxsize=65536)
def _units(text: str, bold: bool) -> int:
    """The advance width of ``text`` in thousandths of an em (cached: table words repeat)."""
    widths = _widths(bold)
    units = 0
    for c in text:
        w = widths.get(c)
        if w is None:
            w = _WIDE if ord(c) >= 0x2E80 else _DEFAULT_WIDTH
        units += w
    return units


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points."""
    if len(text) > 64:  # a long text: its words are what repeats
        space = _units(" ", bold)
        units = sum(_units(w, bold) for w in text.split(" ")) + space * text.count(" ")
    else:
        units = _units(text, bold)
    return units * size_pt / 1000


def words(text: str) -> list[str]:
    """The pieces of ``text`` no line may break inside."""
    return [w for w in _BREAKS.split(text) if w]


@lru_cache(maxsize=65536)
def _extent(text: str, bold: bool) -> tuple[int, int]:
    """(longest unbreakable word, longest line) of ``text`` in thousandths of an em (cached: a
    table's texts — names, units, numbers — repeat from table to table and document to document)."""
    word = max((_units(w, bold) for w in words(text)), default=0)
    space = _units(" ", bold)
    line = max((sum(_units(w, bold) for w in ln.split(" ")) + space * ln.count(" ") for ln in text.split("\n")),
               default=0)
    return word, line


def longest_word(text: str, size_pt: float, bold: bool = False) -> float:
    return _extent(text, bold)[0] * size_pt / 1000


def longest_line(text: str, size_pt: float, bold: bool = False) -> float:
    return _extent(text, bold)[1] * size_pt / 1000


def _twips(points: float) -> int:
    return int(points * 20 * SAFETY) + CELL_PADDING


def column_widths(columns: list[list[tuple[str, float, bool]]], total: int, *, fill: bool = True) -> list[int]:
    """Widths (twips) for a table ``total`` twips wide. ``columns[j]`` lists column j's texts as
    (text, font size in points, bold). Every column gets at least its longest word; when even that
    does not fit, the minimums are scaled down (the words must then break, with hyphens). ``fill``
    spreads what is left over the columns (a table as wide as the page)."""
    mins, maxs = [], []
    for col in columns:
        word = line = 0.0
        for text, size, bold in col:
            w, ln = _extent(text, bold)
            word, line = max(word, w * size), max(line, ln * size)
        mins.append(_twips(word / 1000))
        maxs.append(max(mins[-1], _twips(line / 1000)))
    if sum(mins) >= total:
        scale = total / sum(mins)
        return _exact([m * scale for m in mins], total)
    if sum(maxs) <= total:
        if not fill:
            return [int(m) for m in maxs]
        extra = total - sum(maxs)
        return _exact([m + extra * m / sum(maxs) for m in maxs], total)
    room = total - sum(mins)
    want = [mx - mn for mn, mx in zip(mins, maxs)]
    return _exact([mn + room * w / sum(want) for mn, w in zip(mins, want)], total)


def _exact(widths: list[float], total: int) -> list[int]:
    """Whole twips adding up to ``total`` exactly."""
    out = [int(w) for w in widths]
    out[-1] += total - sum(out)
    return out


__all__ = ["FONT", "text_width", "words", "longest_word", "column_widths", "CELL_PADDING"]
