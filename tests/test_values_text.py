"""parse_text and the smaller readers of values.py, each case with the value a clerk expects."""

from __future__ import annotations

import datetime as dt

import pytest

from hep_xl.model import NO_DATA
from hep_xl.values import (
    ValueProblem,
    excel_serial_to_date,
    is_no_data,
    parse_date,
    parse_date_text,
    parse_indicator_value,
    parse_int,
    parse_number,
    parse_text,
    parse_year,
)


@pytest.mark.parametrize("raw,text", [
    ("  Példafalva  ", "Példafalva"),
    ("első sor\r\nmásodik sor", "első sor\nmásodik sor"),        # Windows line ends become \n
    ("  első\r\nmásodik\r\n", "első\nmásodik"),
    ("belső  szóköz marad", "belső  szóköz marad"),
    ("\tTabbal\n", "Tabbal"),
    (None, ""),
    ("", ""),
    (12344, "12344"),                 # a number typed into a text cell
    (12344.0, "12344"),               # …which a spreadsheet stores as a float
    (12.5, "12.5"),
    (-3.0, "-3"),
    (0.0, "0"),
    (dt.date(2025, 2, 27), "2025.02.27"),   # a date typed into a text cell, Hungarian order
    (dt.datetime(2025, 2, 27, 13, 45), "2025.02.27"),
    (True, "True"),
])
def test_parse_text(raw, text):
    got = parse_text(raw)
    assert got == text and type(got) is str


def test_parse_text_keeps_a_str_subclass_value_as_text():
    class Cell(str):
        pass

    assert parse_text(Cell(" a\r\nb ")) == "a\nb"


@pytest.mark.parametrize("word", ["nincs adat", "Nincs adat", "NINCS ADAT", "n.a.", "N/A", "na", "-", "–", "—", "..",
                                  "...", "x", "nincs", "nd", " nincs adat ", "no data", "n. a."])
def test_no_data_words(word):
    assert is_no_data(word)
    assert parse_indicator_value(word) is NO_DATA


@pytest.mark.parametrize("word", ["0", "nincs adatunk", "adat", "nan", "?", "12", "xx", "n"])
def test_not_no_data(word):
    assert not is_no_data(word)


@pytest.mark.parametrize("text,value", [
    ("1 234 567", 1234567), ("1.234.567,5", 1234567.5), ("+7", 7), ("12,50 %", 12.5), (".5", 0.5), ("0,5", 0.5),
    ("1'234", 1234), ("1\u202f234", 1234), ("1\u2009234", 1234), ("99,05", 99.05), ("-0", 0),
    ("999999999999999", 999999999999999),
])
def test_more_numbers(text, value):
    got = parse_number(text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("text,why", [
    ("1.234", "nem egyértelmű"), ("1,234,5", "nem egyértelmű"), ("1,2.3", "nem egyértelmű"),
    ("1.2.3", "nem egyértelmű"), ("12a", "nem szám"), ("%", "üres"), (" ", "üres"), ("1e5", "nem szám"),
    ("1000000000000000", "túl nagy"), ("--5", "nem szám"), (".", "nem szám"), ("1,", "nem szám"),
])
def test_refused_numbers_say_why(text, why):
    with pytest.raises(ValueProblem, match=why):
        parse_number(text)


def test_indicator_cells_of_every_type():
    assert parse_indicator_value(None) is None and parse_indicator_value("") is None
    assert parse_indicator_value(12) == 12 and type(parse_indicator_value(12.0)) is int
    assert parse_indicator_value(12.5) == 12.5
    assert parse_indicator_value("1 234") == 1234
    assert parse_indicator_value(999_999_999_999_999) == 999_999_999_999_999
    for bad, why in ((True, "logikai"), (False, "logikai"), (1e15, "túl nagy"), (-1e15, "túl nagy"),
                     (float("nan"), "túl nagy"), (dt.date(2024, 1, 1), "nem szám")):
        with pytest.raises(ValueProblem, match=why):
            parse_indicator_value(bad)


def test_excel_serials_in_both_date_systems():
    # 1900 system: serial 1 is 1900-01-01 (Excel's phantom 1900-02-29 makes the epoch 1899-12-30)
    assert excel_serial_to_date(61) == dt.date(1900, 3, 1)
    assert excel_serial_to_date(45658) == dt.date(2025, 1, 1)
    assert excel_serial_to_date(45658.75) == dt.date(2025, 1, 1)  # the time of day is dropped
    # before March 1900 Excel counts a 29 February 1900 that never was (Lotus 1-2-3's leap year):
    # serial 1 is 1900-01-01, 59 is 1900-02-28, 60 is the phantom day, 61 is 1900-03-01
    assert excel_serial_to_date(1) == dt.date(1900, 1, 1)
    assert excel_serial_to_date(59) == dt.date(1900, 2, 28)
    assert excel_serial_to_date(59.5) == dt.date(1900, 2, 28)
    with pytest.raises(ValueProblem, match="1900. február 29."):
        excel_serial_to_date(60)
    assert excel_serial_to_date(60, date1904=True) == dt.date(1904, 3, 1)  # no phantom day in 1904
    # 1904 system: serial 0 is 1904-01-01, and the same day is 1462 lower
    assert excel_serial_to_date(0, date1904=True) == dt.date(1904, 1, 1)
    assert excel_serial_to_date(45658 - 1462, date1904=True) == dt.date(2025, 1, 1)
    with pytest.raises(ValueProblem):
        excel_serial_to_date(1e12)


def test_dates_from_cells_of_every_type():
    assert parse_date(None) is None and parse_date("") is None and parse_date("   ") is None
    assert parse_date(dt.datetime(2027, 6, 30, 8, 0)) == dt.date(2027, 6, 30)
    assert parse_date(dt.date(2027, 6, 30)) == dt.date(2027, 6, 30)
    assert parse_date(46568.5) == dt.date(2027, 6, 30)
    assert parse_date(1) == dt.date(1900, 1, 1) and parse_date(1.5) == dt.date(1900, 1, 1)
    assert parse_date(2_958_465) == dt.date(9999, 12, 31)
    assert parse_date("2027. június 30.") == dt.date(2027, 6, 30)
    assert parse_date(1899) == dt.date(1905, 3, 13)  # below 1900: not a year, a serial
    assert parse_date(2201) == dt.date(1906, 1, 9)
    for bad, why in ((True, "logikai"), (2_958_466, "nem dátum"), (0, "nem dátum"), (0.5, "nem dátum"),
                     (1900, "évszám"), (2200, "évszám"), (2025.0, "évszám"), ([2025], "nem dátum")):
        with pytest.raises(ValueProblem, match=why):
            parse_date(bad)


@pytest.mark.parametrize("text,day", [
    ("2027/06/30", dt.date(2027, 6, 30)), ("2027.6.3", dt.date(2027, 6, 3)), ("2027. 6. 3", dt.date(2027, 6, 3)),
    ("  2027.06.30.  ", dt.date(2027, 6, 30)), ("2027. JÚNIUS 30.", dt.date(2027, 6, 30)),
    ("2027. december 31-ig", dt.date(2027, 12, 31)), ("2027. márc. 1.", dt.date(2027, 3, 1)),
    ("2027. szept. 1.", dt.date(2027, 9, 1)), ("2027. I. 15.", dt.date(2027, 1, 15)),
    ("2027. ix. 1", dt.date(2027, 9, 1)), ("2027 június 30", dt.date(2027, 6, 30)),
    ("2028. február 29.", dt.date(2028, 2, 29)), ("2027. május 1-jéig", dt.date(2027, 5, 1)),
])
def test_more_hungarian_dates(text, day):
    assert parse_date_text(text) == day


@pytest.mark.parametrize("text,why", [
    ("folyamatos", "nem dátum"), ("2027. juni 30.", "ismeretlen hónap"), ("2027. ju 30.", "ismeretlen hónap"),
    ("2027. XIII. 1.", "ismeretlen hónap"), ("2027.13.01", "nem létező dátum"),
    ("2027. február 29.", "nem létező dátum"),
    ("30.06.2027", "nem dátum"), ("2027. június", "nem dátum"),
])
def test_refused_dates_say_why(text, why):
    with pytest.raises(ValueProblem, match=why):
        parse_date_text(text)


def test_whole_numbers_and_years():
    assert parse_int(None) is None and parse_int("") is None and parse_int("  ") is None
    assert parse_int("2 520") == 2520 and parse_int(2520.0) == 2520 and parse_int("2024.") == 2024
    assert type(parse_int(2520.0)) is int
    for bad in ("2,5", 2.5, True, "abc", [1], "2024X", "2024.X"):
        with pytest.raises(ValueProblem):
            parse_int(bad)
    assert parse_year(1900) == 1900 and parse_year(2200) == 2200 and parse_year(None) is None
    for bad in (1899, 2201, "0"):
        with pytest.raises(ValueProblem, match="nem évszám"):
            parse_year(bad)


@pytest.mark.parametrize("call,message", [
    (lambda: parse_number("  "), "üres érték"),
    (lambda: parse_number("%"), "üres érték"),
    (lambda: parse_number("12a"), "nem szám: „12a” (pl. 1 234 vagy 12,5)"),
    (lambda: parse_number("1.234"), "nem egyértelmű szám: „1.234” (ezres tagolás vagy tizedespont? "
                                    "Írja így: 1234 vagy 1,234)"),
    (lambda: parse_number("1,234,5"), "nem egyértelmű szám: „1,234,5” (pl. 1234,5)"),
    (lambda: parse_number("1.2345,6"), "nem egyértelmű szám: „1.2345,6” (tizedesvesszőt használjon, pl. 1234,5)"),
    (lambda: parse_number("1,5.000"), "nem egyértelmű szám: „1,5.000” (tizedesvesszőt használjon, pl. 1234,5)"),
    (lambda: parse_number("12345678901234567890123"), "túl nagy szám: „12345678901234567890…”"),
    (lambda: parse_indicator_value(True), "logikai érték szám helyett"),
    (lambda: parse_indicator_value(1e300), "túl nagy szám: 1e+300"),
    (lambda: parse_date(True), "logikai érték dátum helyett"),
    (lambda: parse_date(2027), "évszám, nem dátum: 2027 (írja így: 2027.12.31)"),
    (lambda: parse_date(-5), "nem dátum: -5"),
    (lambda: excel_serial_to_date(1e12), "nem dátum: 1000000000000.0"),
    (lambda: excel_serial_to_date(60), "nem létező dátum: 1900. február 29. (az Excel 60. napja)"),
    (lambda: parse_date_text("folyamatos"), "nem dátum: „folyamatos” (pl. 2027.06.30 vagy 2027. június 30.)"),
    (lambda: parse_date_text("2027. juni 30."), "ismeretlen hónap: „2027. juni 30.” (pl. 2027. június 30.)"),
    (lambda: parse_date_text("2027.02.30"), "nem létező dátum: „2027.02.30”"),
    (lambda: parse_int(2.5), "nem egész szám: 2.5"),
    (lambda: parse_int([1]), "nem egész szám: [1]"),
    (lambda: parse_year(1899), "nem évszám: 1899 (pl. 2025)"),
])
def test_messages_say_exactly_what_is_wrong(call, message):
    with pytest.raises(ValueProblem) as exc:
        call()
    assert str(exc.value) == message


@pytest.mark.parametrize("text,value", [("45%", 45), ("45 %", 45), ("100%", 100), ("-12,5%", -12.5)])
def test_a_trailing_percent_sign_is_only_the_sign(text, value):
    assert parse_number(text) == value


def test_a_year_as_clerks_write_it():
    assert parse_int("2024.") == 2024 and parse_int(" 2 024 ") == 2024
    assert parse_year("2024.") == 2024
