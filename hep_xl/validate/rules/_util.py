"""Small helpers shared by the rule modules."""

from __future__ import annotations

import datetime as dt

from ...model import NO_DATA


def is_number(value) -> bool:
    return value is not NO_DATA and isinstance(value, (int, float)) and not isinstance(value, bool)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def fmt_num(value) -> str:
    """A number as a Hungarian reader writes it: decimal comma, at most two decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%Y.%m.%d.") if day else ""
