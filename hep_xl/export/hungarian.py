"""Hungarian as official documents write it: numbers, dates, the article, legal citations, section
references and the issuing body's name. Shared by the Word document and its charts.

* numbers: a non-breaking space between thousands, a decimal comma, a real minus sign;
* dates: one form everywhere, "2027. június 30."; a deadline typed as text that reads as a date is
  printed as that date;
* the article is chosen from the word ("az 1.", "a 2.", "az I.", "a II.", "az EMMI", "a KSH");
* a law is cited title first: "a … szabályairól szóló 2/2012. (VI. 5.) EMMI rendelet";
* the issuing body is the settlement's municipality by its legal status in the KSH register
  ("Kaba Város Önkormányzata").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from ..model import NO_DATA, NO_DATA_LABEL
from ..values import MONTHS_HU, ValueProblem, parse_date_text

NBSP = "\u00a0"
NO_VALUE = "–"  # a cell nobody filled (a stated "no data" prints as NO_DATA_LABEL)
_MONTH_NAMES = {n: name for name, n in MONTHS_HU.items()}
_VOWELS = "aáeéiíoóöőuúüű"
# capitals whose Hungarian letter name starts with a vowel (an acronym read letter by letter: "az SZMSZ")
_VOWEL_NAMED_CAPITALS = "AÁEÉFIÍLMNOÓÖŐRSUÚÜŰX"
_ROMAN = dict(zip("IVXLCDM", (1, 5, 10, 50, 100, 500, 1000)))


def format_number(value, blank: str = NO_DATA_LABEL) -> str:
    """Hungarian number formatting: non-breaking space thousands separator, decimal comma.

    Floats are first rounded to 15 significant digits (what Excel keeps), so binary noise such as
    0.1 + 0.2 does not show, and are written out in full (no exponent); zero has no sign. A stated
    "no data" is :data:`NO_DATA_LABEL`; ``None`` (nobody filled it) is ``blank``."""
    if value is NO_DATA:
        return NO_DATA_LABEL
    if value is None:
        return blank
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        value = Decimal(f"{value:.15g}")
        if value == value.to_integral_value():
            value = int(value)
    text = f"{value:,}" if isinstance(value, int) else format(value, ",f")
    if text.lstrip("-").strip("0.,") == "":
        text = "0"  # no "−0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", NBSP).replace("-", "−")


def format_date(value) -> str:
    """A date as "2027. június 30."; text is returned as it is, a missing value as ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.year}. {_MONTH_NAMES[value.month]} {value.day}."
    return str(value)


def as_date(value) -> dt.date | str:
    """A deadline as a date when it is one or its text reads as one ("2026.12.31"), else the text."""
    if isinstance(value, dt.date) or not isinstance(value, str) or not value.strip():
        return value
    try:
        return parse_date_text(value)
    except ValueProblem:
        return value


def format_deadline(value) -> str:
    """One date form in every deadline column: a date, or the clerk's words ("folyamatos")."""
    return format_date(as_date(value))


def _number_takes_az(n: int) -> bool:
    """"az" before a number read aloud: egy, öt, ötven, ötszáz, ezer…, egymillió; "a" before két,
    tíz, száz, kétezer…: the leading group of thousands decides."""
    groups = []
    while n > 0:
        groups.append(n % 1000)
        n //= 1000
    if not groups:
        return False
    lead = groups[-1]
    return lead == 1 or str(lead)[0] == "5"


def _roman_value(text: str) -> int | None:
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        v = _ROMAN[c]
        total += -v if i + 1 < len(text) and _ROMAN[text[i + 1]] > v else v
    return total


def article(word: str) -> str:
    """"a" or "az" for the word that follows: by its first sound (numbers and Roman numerals as read
    aloud, acronyms letter by letter)."""
    w = word.strip().lstrip("„(\"'")
    if not w:
        return "a"
    m = re.match(r"[0-9][0-9 \u00a0.]*", w)
    if m:
        digits = re.sub(r"[ \u00a0]", "", m.group(0)).split(".")[0]
        return "az" if digits and _number_takes_az(int(digits)) else "a"
    head = re.match(r"[A-ZÁÉÍÓÖŐÚÜŰ]+", w)
    if head and (len(head.group(0)) > 1 or not w[1:2].isalpha() or w[1:2].isupper()):
        token = head.group(0)
        roman = _roman_value(token) if not w[len(token):len(token) + 1].isalpha() else None
        if roman is not None:
            return "az" if _number_takes_az(roman) else "a"
        if len(token) > 1 and not w[len(token):len(token) + 1].islower():
            return "az" if token[0] in _VOWEL_NAMED_CAPITALS else "a"
    return "az" if w[0].casefold() in _VOWELS else "a"


def with_article(word: str, capital: bool = False) -> str:
    """The word with its article: "az 1. melléklet", "A II. célcsoport" (``capital``)."""
    a = article(word)
    return f"{a.capitalize() if capital else a} {word}"


def section_ref(item_id: str) -> str:
    """An Annex 2 item as a text refers to it: "3.2" → "3.2. pont", "3.2.a" → "3.2. pont a) alpont"."""
    parts = item_id.split(".")
    if len(parts) >= 2 and parts[-1].isalpha():
        return f"{'.'.join(parts[:-1])}. pont {parts[-1]}) alpont"
    return f"{item_id}. pont"


_ACT = re.compile(r"^(?P<number>.+?\b(?:rendelet|törvény|határozat))\s+(?P<subject>(?:a|az)\s.+)$")


def citation(title: str) -> str:
    """A law's title as a citation puts it: the subject first, "… szóló 2/2012. (VI. 5.) EMMI rendelet".
    A title of another form is returned unchanged."""
    m = _ACT.match(title.strip())
    if not m:
        return title
    return f"{m.group('subject')} szóló {m.group('number')}"


# the municipality of a settlement by its legal status (KSH register, "jogállás")
_BODY_OF_STATUS = {"község": "{name} Község Önkormányzata", "nagyközség": "{name} Nagyközség Önkormányzata",
                   "város": "{name} Város Önkormányzata",
                   "megyei jogú város": "{name} Megyei Jogú Város Önkormányzata",
                   "megyeszékhely, megyei jogú város": "{name} Megyei Jogú Város Önkormányzata"}


def issuing_body(name: str, status: str = "", typed: str = "") -> str:
    """The issuing body's name: what the clerk typed, else the municipality by the settlement's legal
    status ("Példafalva Község Önkormányzata"), else "<name> Önkormányzata"."""
    if typed.strip():
        return typed.strip()
    if not name.strip():
        return ""
    return _BODY_OF_STATUS.get(status, "{name} Önkormányzata").format(name=name.strip())


def genitive(body: str) -> str:
    """"Példafalva Község Önkormányzata" → "Példafalva Község Önkormányzatának" ("" when the name
    does not end in a vowel that takes the possessive suffix)."""
    b = body.strip()
    if b.endswith("a"):
        return b[:-1] + "ának"
    if b.endswith("e"):
        return b[:-1] + "ének"
    return ""


def period(start, end) -> str:
    """A programme period with an en dash: "2025–2029"."""
    if start and end:
        return f"{start}–{end}"
    return str(start or end or "")


__all__ = ["NBSP", "NO_VALUE", "format_number", "format_date", "as_date", "format_deadline", "article",
           "with_article", "section_ref", "citation", "issuing_body", "genitive", "period"]
