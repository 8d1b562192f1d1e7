"""Small helpers shared by the rule modules."""

from __future__ import annotations

import datetime as dt
from typing import TypeGuard

from ...catalog import Catalog
from ...model import NO_DATA, Hep, MonitoringRecord


def is_number(value: object) -> TypeGuard[int | float]:
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


def until(ctx) -> dt.date:
    """The date up to which something can be overdue: the validation date, but not after the end
    of the programme period (a finished programme owes no more reviews or meetings)."""
    period_end = ctx.hep.settlement.period_end
    try:
        end = dt.date(period_end, 12, 31) if period_end is not None else None
    except (TypeError, ValueError, OverflowError):
        end = None
    return min(ctx.today, end) if end else ctx.today


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (negative: back), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise ValueError(day)


def same_person(a: str, b: str) -> bool:
    """Two names of one person as a clerk types them: letter case and spacing ignored."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split()) != ""


def cell_name(ctx, key: tuple) -> str:
    """Where a value sits, for a message naming a second cell: "1. Mutatók!K30", or "" without a
    cell map (a model read from JSON)."""
    ref = ctx.cells.get(key) if ctx.cells else None
    return f"{ref.sheet}!{ref.cell}" if ref is not None else ""


def latest_record(hep: Hep, target_group: str, number: int | None) -> MonitoringRecord | None:
    """A measure's latest monitoring record (the last of :meth:`Hep.progress_of`: by year, a row
    without a year last), or None."""
    records = hep.progress_of(target_group, number)
    return records[-1] if records else None


def role_of(cat: Catalog, record: MonitoringRecord | None) -> str | None:
    """The catalog role of ``record``'s status: "done", "cancelled", …; "" for a status the catalog
    does not know; None for no record."""
    if record is None:
        return None
    status = cat.status_of(record.status)
    return status.role if status is not None else ""


def latest_role(hep: Hep, cat: Catalog, target_group: str, number: int | None) -> str | None:
    """The catalog role of a measure's latest monitoring record's status (:func:`latest_record`,
    :func:`role_of`); None when the measure has no monitoring record."""
    return role_of(cat, latest_record(hep, target_group, number))


SETTLED_ROLES = ("done", "cancelled")  # a measure past its deadline is not late when its latest record says so


def done_in_monitoring(hep: Hep, cat: Catalog, target_group: str, number: int | None) -> bool | None:
    """Whether a measure's latest monitoring record has the catalog's done status; None when the
    measure has no monitoring record."""
    role = latest_role(hep, cat, target_group, number)
    return None if role is None else role == "done"
