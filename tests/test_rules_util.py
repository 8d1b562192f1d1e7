"""The rule modules' shared helpers (hep_xl/validate/rules/_util.py), called directly: the date
arithmetic the Fórum and monitoring rules count with (29 February, the last day of a month), how a
number and a date are shown, the date up to which something is due, and the readings of a name, a
cell and a measure's monitoring. Every expected value is worked out from the calendar by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.model import NO_DATA, MonitoringRecord
from hep_xl.validate.rules._util import (
    add_months,
    add_years,
    cell_name,
    done_in_monitoring,
    fmt_date,
    fmt_num,
    is_number,
    latest_role,
    same_person,
    until,
)
from hep_xl.workbook.reader import CellRef

from .rule_check import context
from .test_validate_fixtures import clean_hep

CAT = load_catalog()
D = dt.date


def test_a_number_is_an_int_or_a_float_not_a_bool_nor_no_data():
    assert [is_number(v) for v in (0, 3, -2.5, 0.0)] == [True] * 4
    assert [is_number(v) for v in (True, False, NO_DATA, None, "3", D(2025, 1, 1))] == [False] * 6


@pytest.mark.parametrize("day,years,expected", [
    (D(2025, 2, 10), 2, D(2027, 2, 10)),
    (D(2027, 2, 1), -2, D(2025, 2, 1)),
    (D(2024, 2, 29), 1, D(2025, 2, 28)),   # no 29 February in 2025: the day before 1 March
    (D(2024, 2, 29), 2, D(2026, 2, 28)),
    (D(2024, 2, 29), 4, D(2028, 2, 29)),   # 2028 is a leap year again
    (D(2024, 2, 29), -1, D(2023, 2, 28)),
    (D(2024, 3, 1), 1, D(2025, 3, 1)),
    (D(2025, 12, 31), 0, D(2025, 12, 31)),
])
def test_add_years_keeps_the_day_and_takes_28_february_for_29(day, years, expected):
    assert add_years(day, years) == expected


@pytest.mark.parametrize("day,months,expected", [
    (D(2025, 7, 10), -6, D(2025, 1, 10)),
    (D(2025, 7, 10), 6, D(2026, 1, 10)),    # across the year's end forwards
    (D(2026, 1, 15), -1, D(2025, 12, 15)),  # and backwards
    (D(2025, 12, 15), 1, D(2026, 1, 15)),
    (D(2025, 12, 31), 3, D(2026, 3, 31)),   # the monitoring's look-back of 2025
    (D(2025, 12, 31), 12, D(2026, 12, 31)),
    (D(2025, 12, 31), -24, D(2023, 12, 31)),
    (D(2025, 3, 5), 0, D(2025, 3, 5)),
    # clamped to the month's last day: 31, then 30, 29, 28
    (D(2025, 5, 31), -1, D(2025, 4, 30)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),    # leap year
    (D(2025, 1, 31), 1, D(2025, 2, 28)),
    (D(2025, 8, 31), -6, D(2025, 2, 28)),
    (D(2025, 12, 31), 2, D(2026, 2, 28)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 2, 29), 1, D(2024, 3, 29)),    # the day is kept where the month has it
])
def test_add_months_moves_the_month_and_clamps_the_day(day, months, expected):
    assert add_months(day, months) == expected


def test_add_months_past_the_calendar_raises_with_the_day():
    day = D(9999, 12, 1)
    with pytest.raises(ValueError) as raised:
        add_months(day, 1)  # year 10000: no day of that month exists
    assert raised.value.args == (day,)
    assert add_months(D(9999, 11, 30), 1) == D(9999, 12, 30)


@pytest.mark.parametrize("value,expected", [
    (3, "3"), (0, "0"), (-12, "-12"), (3.0, "3"), (2520.0, "2520"),
    (2.5, "2,5"), (-0.5, "-0,5"), (2.456, "2,46"), (2.10, "2,1"), (1234.5, "1234,5"),
    (100.001, "100"),  # two decimals: 100.00, the zeros and the point dropped, not the integer's zeros
    (10.004, "10"),
    (10**400, "1" + "0" * 400),  # an int is written as it is, never through a float (none is that large)
    (True, "True"), (None, "None"), ("12 fő", "12 fő"), (NO_DATA, str(NO_DATA)),
])
def test_fmt_num_writes_a_decimal_comma_and_at_most_two_decimals(value, expected):
    assert fmt_num(value) == expected


def test_fmt_date_is_the_hungarian_dotted_date_or_nothing():
    assert fmt_date(D(2025, 3, 5)) == "2025.03.05."
    assert fmt_date(None) == ""


def _ctx(period_end, as_of):
    hep = clean_hep()
    hep.settlement.period_end = period_end
    return context(hep, as_of=as_of)


def test_until_is_the_validation_date_but_not_after_the_programme_s_last_day():
    assert until(_ctx(2029, D(2029, 6, 1))) == D(2029, 6, 1)
    assert until(_ctx(2029, D(2029, 12, 31))) == D(2029, 12, 31)
    assert until(_ctx(2029, D(2030, 1, 1))) == D(2029, 12, 31)
    assert until(_ctx(2029, D(2040, 5, 5))) == D(2029, 12, 31)


@pytest.mark.parametrize("period_end", [None, 0, 10000, 10**20, "2029"])
def test_until_without_a_usable_end_year_is_the_validation_date(period_end):
    # None: not filled in; 0 and 10000: no such year (ValueError); 10**20: OverflowError; a text: TypeError
    assert until(_ctx(period_end, D(2040, 5, 5))) == D(2040, 5, 5)


def test_same_person_ignores_letter_case_and_spacing_but_not_letters():
    assert same_person("Kovács Ildikó", "  kovács   ILDIKÓ ")
    assert same_person("Straße Anna", "STRASSE anna")  # casefold, not lower
    assert not same_person("Kovács Ildikó", "Kovács Ildi")
    assert not same_person("Kovács Ildikó", "Kovacs Ildiko")
    assert not same_person("KovácsIldikó", "Kovács Ildikó")
    # nobody is the same person as an empty name, not even another empty name
    assert not same_person("", "")
    assert not same_person("  ", "\t")
    assert not same_person("Kovács Ildikó", "")


def test_cell_name_names_the_sheet_and_cell_or_nothing_without_a_cell_map():
    hep = clean_hep()
    key = ("indicators", "resident_population", 2024)
    cells = {key: CellRef("1. Mutatók", "K30")}
    assert cell_name(context(hep, cells=cells), key) == "1. Mutatók!K30"
    assert cell_name(context(hep, cells=cells), ("indicators", "resident_population", 2023)) == ""
    assert cell_name(context(hep, cells={}), key) == ""
    assert cell_name(context(hep, cells=None), key) == ""


def _record(year, status, group="III", number=1):
    return MonitoringRecord(group, number, year, status)


def test_done_in_monitoring_reads_the_latest_record_s_status():
    hep = clean_hep()
    assert done_in_monitoring(hep, CAT, "III", 1) is None  # no record at all
    # listed out of year order: the latest is the 2027 row
    hep.progress = [_record(2027, " MEGVALÓSULT "), _record(2025, "folyamatban"), _record(2026, "elmaradt")]
    assert done_in_monitoring(hep, CAT, "III", 1) is True
    hep.progress = [_record(2027, "folyamatban"), _record(2026, "megvalósult")]
    assert done_in_monitoring(hep, CAT, "III", 1) is False
    hep.progress = [_record(2027, "kész")]  # not a status of the list
    assert done_in_monitoring(hep, CAT, "III", 1) is False
    hep.progress = [_record(2027, "megvalósult", group="II")]
    assert done_in_monitoring(hep, CAT, "III", 1) is None  # another measure's record
    assert done_in_monitoring(hep, CAT, "II", 2) is None
    assert done_in_monitoring(hep, CAT, "II", 1) is True
    hep.progress = [_record(2027, "megvalósult", number=None)]
    assert done_in_monitoring(hep, CAT, "III", None) is None


def test_latest_role_is_the_catalog_role_of_the_latest_record_s_status():
    hep = clean_hep()
    assert latest_role(hep, CAT, "III", 1) is None  # no record
    hep.progress = [_record(2026, "megvalósult"), _record(2027, "Törölve")]
    assert latest_role(hep, CAT, "III", 1) == "cancelled"
    hep.progress.append(_record(None, "elmaradt"))  # a row without a year comes last (Hep.progress_of)
    assert latest_role(hep, CAT, "III", 1) == "missed"
    hep.progress = [_record(2027, "kész")]  # not a status of the catalog's list
    assert latest_role(hep, CAT, "III", 1) == ""
