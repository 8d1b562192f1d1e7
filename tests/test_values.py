"""What clerks and exports type, read as numbers and dates — and what is refused, with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from hep_xl.model import NO_DATA
from hep_xl.values import ValueProblem, parse_date, parse_date_text, parse_indicator_value, parse_number


@pytest.mark.parametrize("text,value", [
    ("12,5", 12.5), ("1 234", 1234), ("1\u00a0234,5", 1234.5), ("1.234,5", 1234.5), ("12.5", 12.5),
    ("-3", -3), ("\u22123", -3), ("45 %", 45), ("0", 0), ("0,0", 0.0),
])
def test_numbers_as_clerks_write_them(text, value):
    got = parse_number(text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("text", ["1.234", "1,234,5", "12a", "", "9" * 400, "1" * 16])
def test_ambiguous_or_absurd_numbers_are_refused(text):
    with pytest.raises(ValueProblem):
        parse_number(text)


def test_indicator_cells():
    assert parse_indicator_value("n.a.") is NO_DATA and parse_indicator_value("–") is NO_DATA
    assert parse_indicator_value("  ") is None and parse_indicator_value(7.0) == 7
    for bad in (float("inf"), 1e300, True):
        with pytest.raises(ValueProblem):
            parse_indicator_value(bad)


@pytest.mark.parametrize("text,day", [
    ("2027.06.30", dt.date(2027, 6, 30)), ("2027. 06. 30.", dt.date(2027, 6, 30)),
    ("2027-06-30", dt.date(2027, 6, 30)), ("2027. június 30.", dt.date(2027, 6, 30)),
    ("2027. jún. 30.", dt.date(2027, 6, 30)), ("2028. XII. 31.", dt.date(2028, 12, 31)),
    ("2027. június 30-ig", dt.date(2027, 6, 30)),
])
def test_hungarian_dates(text, day):
    assert parse_date_text(text) == day


def test_dates_from_cells():
    assert parse_date(46568) == dt.date(2027, 6, 30)
    assert parse_date(45106, date1904=True) == dt.date(2027, 6, 30)
    for bad in ("2027. február 30.", "folyamatos", 2958000.0, -5):
        with pytest.raises(ValueProblem):
            parse_date(bad, date1904=True)
    with pytest.raises(ValueProblem, match="évszám, nem dátum: 2027"):
        parse_date(2027)  # a year typed into a date cell is not 1905.07.19


def test_years():
    from hep_xl.values import parse_year

    assert parse_year("2025.") == 2025 and parse_year(2025.0) == 2025 and parse_year("") is None
    for bad in (10000, "1899", "2025,5"):
        with pytest.raises(ValueProblem):
            parse_year(bad)
