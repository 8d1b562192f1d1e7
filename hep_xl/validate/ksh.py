"""The KSH settlement identifier (településazonosító törzsszám): five digits, the last a check digit."""

from __future__ import annotations

_WEIGHTS = (1, 3, 7, 9)


def check_digit(first_four: str) -> int:
    """d5 = (1*d1 + 3*d2 + 7*d3 + 9*d4) mod 10 (13578 Budapest, 30456 Miskolc, 25584 Győr)."""
    return sum(w * int(d) for w, d in zip(_WEIGHTS, first_four)) % 10


def is_well_formed(code: str) -> bool:
    return len(code) == 5 and code.isascii() and code.isdigit()


def is_valid(code: str) -> bool:
    """Five digits whose last digit is the KSH check digit (e.g. 15130 Debrecen, 19415 Pécs)."""
    return is_well_formed(code) and check_digit(code[:4]) == int(code[4])
