"""Turning what clerks type into numbers, dates and "no data" — and saying so when it is ambiguous.

Shared by the workbook reader, the validator (deadlines written as text) and the indicator filler
(TeIR/KSH exports with decimal commas and space thousands separators).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from .model import MAX_YEAR, MIN_YEAR, NO_DATA, IndicatorValue, is_year, normalize_number


class ValueProblem(ValueError):
    """A value that cannot be read unambiguously; the message is Hungarian and says what to do."""


# What clerks write for "no data" (compared after casefolding and stripping dots/spaces)
_NO_DATA_WORDS = {"nincsadat", "na", "n/a", "nodata", "-", "–", "—", "..", "...", "x", "nincs", "nd"}
_SPACES = "\u00a0\u202f\u2009 '"  # NBSP, narrow NBSP, thin space, space, apostrophe grouping

MONTHS_HU = {
    "január": 1, "február": 2, "március": 3, "április": 4, "május": 5, "június": 6,
    "július": 7, "augusztus": 8, "szeptember": 9, "október": 10, "november": 11, "december": 12,
}
_MONTH_ABBR = {name[:3]: n for name, n in MONTHS_HU.items()}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12}

_NUMERIC_DATE = re.compile(r"^(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})\s*\.?$")
_TEXT_DATE = re.compile(r"^(\d{4})\s*\.?\s*([a-záéíóöőúüű]+)\.?\s*(\d{1,2})\s*\.?\s*(?:-?\s*(?:ig|éig|jéig|áig))?$")
_ROMAN_DATE = re.compile(r"^(\d{4})\s*\.\s*([ivx]+)\s*\.\s*(\d{1,2})\s*\.?$")
EXCEL_EPOCH_1900 = dt.date(1899, 12, 30)
# beyond this a value is a typo, not a statistic (and a spreadsheet cannot hold it exactly anyway)
MAX_NUMBER = 1e15
EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)


def is_no_data(text: str) -> bool:
    key = text.strip().casefold().replace(" ", "").replace(".", "") or text.strip()
    return key in _NO_DATA_WORDS or text.strip() in _NO_DATA_WORDS


def parse_number(text: str) -> int | float:
    """Parse a number as Hungarian clerks and KSH exports write it.

    Accepts a decimal comma ("12,5"), space/NBSP thousands separators ("1 234", "1 234,5"),
    a decimal point when unambiguous ("12.5"), a leading sign, and a trailing "%". Rejects
    ambiguous forms such as "1.234" (thousands dot or decimal point?) and "1,234,5".
    """
    s = text.strip()
    if s.endswith("%"):
        s = s[:-1].strip()
    for ch in _SPACES:
        s = s.replace(ch, "")
    s = s.replace("\u2212", "-")  # minus sign
    if not s:
        raise ValueProblem("üres érték")
    if not re.fullmatch(r"[+-]?[0-9.,]+", s):
        raise ValueProblem(f"nem szám: „{text.strip()}” (pl. 1 234 vagy 12,5)")
    sign = -1 if s.startswith("-") else 1
    s = s.lstrip("+-")
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        # "1.234,5": dots group thousands, comma is decimal (the Hungarian print form)
        if commas == 1 and s.rfind(",") > s.rfind(".") and re.fullmatch(r"\d{1,3}(\.\d{3})+,\d+", s):
            s = s.replace(".", "").replace(",", ".")
        else:
            raise ValueProblem(f"nem egyértelmű szám: „{text.strip()}” (tizedesvesszőt használjon, pl. 1234,5)")
    elif commas:
        if commas > 1:
            raise ValueProblem(f"nem egyértelmű szám: „{text.strip()}” (pl. 1234,5)")
        s = s.replace(",", ".")
    elif dots and (dots > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", s)):
        raise ValueProblem(
            f"nem egyértelmű szám: „{text.strip()}” (ezres tagolás vagy tizedespont? "
            "Írja így: 1234 vagy 1,234)")
    if not re.fullmatch(r"\d+(\.\d+)?|\d*\.\d+", s):
        raise ValueProblem(f"nem szám: „{text.strip()}”")
    value = float(s) * sign
    if not math.isfinite(value) or abs(value) >= MAX_NUMBER:
        raise ValueProblem(f"túl nagy szám: „{text.strip()[:20]}…”")
    return normalize_number(value) if "." not in s else value


def parse_indicator_value(raw) -> IndicatorValue | None:
    """A cell of the Annex 1 table: number, NO_DATA, or None for blank. Raises ValueProblem."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise ValueProblem("logikai érték szám helyett")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw) or abs(raw) >= MAX_NUMBER:
            raise ValueProblem(f"túl nagy szám: {raw:.3g}")
        return normalize_number(raw)
    if isinstance(raw, str):
        if not raw.strip():
            return None
        if is_no_data(raw):
            return NO_DATA
        return parse_number(raw)
    raise ValueProblem(f"nem szám: {raw!r}")


def excel_serial_to_date(serial: float, date1904: bool = False) -> dt.date:
    epoch = EXCEL_EPOCH_1904 if date1904 else EXCEL_EPOCH_1900
    if not date1904 and serial < 61:
        # the 1900 system counts a 29 February 1900 that never was (serial 60); before it, days
        # are counted from 1899-12-31 (serial 1 is 1900-01-01, as Excel shows it)
        if int(serial) == 60:
            raise ValueProblem("nem létező dátum: 1900. február 29. (az Excel 60. napja)")
        epoch = EXCEL_EPOCH_1900 + dt.timedelta(days=1)
    try:
        return epoch + dt.timedelta(days=int(serial))
    except OverflowError:
        raise ValueProblem(f"nem dátum: {serial}") from None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def parse_date_text(text: str) -> dt.date:
    """Parse the date forms clerks write: "2027.06.30", "2027. 06. 30.", "2027-06-30",
    "2027. június 30.", "2027. jún. 30.", "2027. VI. 30.", "2027. június 30-ig". Raises ValueProblem."""
    s = _fold(text)
    m = _NUMERIC_DATE.match(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _ROMAN_DATE.match(s)
        if m and m.group(2) in _ROMAN:
            y, mo, d = int(m.group(1)), _ROMAN[m.group(2)], int(m.group(3))
        else:
            m = _TEXT_DATE.match(s)
            if not m:
                raise ValueProblem(f"nem dátum: „{text.strip()}” (pl. 2027.06.30 vagy 2027. június 30.)")
            word = m.group(2)
            month = MONTHS_HU.get(word) or (_MONTH_ABBR.get(word[:3]) if len(word) >= 3 else None)
            if month is None:
                raise ValueProblem(f"ismeretlen hónap: „{text.strip()}” (pl. 2027. június 30.)")
            y, mo, d = int(m.group(1)), month, int(m.group(3))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueProblem(f"nem létező dátum: „{text.strip()}”") from None


def parse_date(raw, date1904: bool = False) -> dt.date | None:
    """A date cell: a real date, an Excel serial number, or text in a Hungarian form."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, bool):
        raise ValueProblem("logikai érték dátum helyett")
    if isinstance(raw, (int, float)):
        if is_year(raw):  # a year typed into a date cell
            raise ValueProblem(f"évszám, nem dátum: {int(raw)} (írja így: {int(raw)}.12.31)")
        if 1 <= raw < 2_958_466:
            return excel_serial_to_date(raw, date1904)
        raise ValueProblem(f"nem dátum: {raw}")
    if isinstance(raw, str):
        return parse_date_text(raw) if raw.strip() else None
    raise ValueProblem(f"nem dátum: {raw!r}")


def parse_int(raw) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        if not raw.strip():
            return None
        raw = parse_number(raw.strip().rstrip("."))  # "2024." as clerks write years
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise ValueProblem(f"nem egész szám: {raw!r}")
    value = normalize_number(raw)
    if not isinstance(value, int):
        raise ValueProblem(f"nem egész szám: {raw}")
    return value


def parse_year(raw) -> int | None:
    """A year cell ("2025", "2025.", 2025): a whole number between MIN_YEAR and MAX_YEAR."""
    year = parse_int(raw)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem(f"nem évszám: {year} (pl. 2025)")
    return year


def parse_text(raw) -> str:
    """Text cells: strip surrounding whitespace; numbers typed into a text cell become text."""
    if raw.__class__ is str:  # the common case, first
        return (raw.replace("\r\n", "\n") if "\r" in raw else raw).strip()
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.strftime("%Y.%m.%d")
    return str(raw).replace("\r\n", "\n").strip()
