"""Text repair and matching keys for the names found in TeIR / KSH exports.

Two kinds of damage are common in downloaded tables:

* the Latin-1/Latin-2 mix-up: a Latin-2 (or Windows-1250) "ő"/"ű" shown through a Latin-1 code page
  becomes "õ"/"û" ("fõváros", "Gyõr", "Ápolási díjban részesítettek" survives, "nõk" does not);
  Hungarian never uses õ/û, so they are mapped back;
* UTF-8 read as a one-byte code page ("KÃ¶zgyÃ³gy…", "fĹ‘"): the bytes are re-encoded and decoded
  as UTF-8 when that gives clean text.
"""

from __future__ import annotations

import re
import unicodedata

_LATIN1_MIXUP = str.maketrans({"õ": "ő", "Õ": "Ő", "û": "ű", "Û": "Ű"})
# characters that start a UTF-8 sequence when shown through cp1252/latin-1 or cp1250
_UTF8_MARKERS = re.compile(r"[ÃÂÅÄĂĹ][\x80-\xbf\u0080-\u02ff\u2010-\u203a\u20ac\u2122]")
_DASHES = str.maketrans({"–": "-", "—": "-", "‒": "-", "−": "-", "\u00a0": " ", "\u202f": " ",
                         "\u2009": " ", "„": '"', "”": '"', "“": '"', "’": "'"})
_UNIT_SUFFIX = re.compile(
    r"\s*[\(\[]\s*(fő|fo|db|%|‰|százalék|szazalek|ezrelék|ezrelek|fő/db|ezer fő|év|ev)\s*[\)\]]\s*$")


def repair_mojibake(text: str) -> str:
    """Undo the usual code-page damage in a Hungarian text (see the module docstring)."""
    if not text:
        return text
    if _UTF8_MARKERS.search(text):
        for enc in ("cp1252", "latin-1", "cp1250", "iso-8859-2"):
            try:
                fixed = text.encode(enc).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if len(fixed) < len(text):
                text = fixed
                break
    return text.translate(_LATIN1_MIXUP)


def clean_text(raw) -> str:
    """A cell as repaired, single-spaced text ("" for blank)."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = unicodedata.normalize("NFC", repair_mojibake(str(raw)))
    return re.sub(r"\s+", " ", text.translate(_DASHES)).strip()


def exact_key(text: str) -> str:
    """Case- and whitespace-insensitive key (accents kept)."""
    s = clean_text(text).casefold()
    s = re.sub(r"\s*([/\-])\s*", r"\1", s)  # "munkanélküli/ nyilvántartott", "15 - 17"
    return s.rstrip(" .:;")


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def loose_key(text: str) -> str:
    """Also accent-insensitive, without a trailing unit such as "(fő)" or "[db]"."""
    s = exact_key(text)
    s = _UNIT_SUFFIX.sub("", s)
    s = strip_accents(s)
    s = re.sub(r"[\"'`]", "", s)
    return s.rstrip(" .:;,")


def header_key(text) -> str:
    return loose_key(clean_text(text))
