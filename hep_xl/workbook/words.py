"""Hungarian words the workbook's texts are built with (from numbers and lists of the catalog)."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def every(years: int) -> str:
    """"évente", "kétévente", … (the Hungarian for once every ``years`` years)."""
    words = {1: "évente", 2: "kétévente", 3: "háromévente", 4: "négyévente", 5: "ötévente"}
    return words.get(years, f"{years} évente")


def letters(columns) -> str:
    """"A–J": the letters of the decree's lettered columns, first to last."""
    lettered = [c.letter for c in columns if c.letter]
    return f"{lettered[0]}–{lettered[-1]}" if lettered else ""


def choices(values: list[str]) -> str:
    """"I, II, III, IV vagy V"."""
    return ", ".join(values[:-1]) + f" vagy {values[-1]}" if len(values) > 1 else "".join(values)


def count_word(n: int) -> str:
    """"két" for 2 (the form before a noun: "két évvel"), the digits above five."""
    return {1: "egy", 2: "két", 3: "három", 4: "négy", 5: "öt"}.get(n, str(n))
