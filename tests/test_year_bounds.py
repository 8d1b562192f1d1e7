"""One range of years (``model.MIN_YEAR``–``model.MAX_YEAR``) for everything that reads or offers a
year: a year cell, a year column header, a year in a TeIR/KSH export, the JSON schema, the
workbook's data validation and ``hep-xl new --start-year``. They used to be three ranges."""

from __future__ import annotations

import re

import jsonschema
import openpyxl
import pytest

from hep_xl.cli import main
from hep_xl.export.schema import build_schema
from hep_xl.fill.plan import parse_source_year
from hep_xl.fill.sources import year_of_header
from hep_xl.model import MAX_YEAR, MIN_YEAR
from hep_xl.values import ValueProblem, parse_year
from hep_xl.workbook.reader import _year_of

INSIDE = (MIN_YEAR, MIN_YEAR + 1, 2025, MAX_YEAR - 1, MAX_YEAR)
OUTSIDE = (MIN_YEAR - 1, MAX_YEAR + 1)


def _parse_year_ok(y: int) -> bool:
    try:
        return parse_year(y) == y
    except ValueProblem:
        return False


@pytest.mark.parametrize("year", INSIDE + OUTSIDE)
def test_every_reader_of_a_year_takes_the_same_range(year):
    expected = MIN_YEAR <= year <= MAX_YEAR
    assert _parse_year_ok(year) is expected
    assert (_year_of(year) == year) is expected
    assert (_year_of(f"{year}.") == year) is expected
    assert (parse_source_year(year) == year) is expected
    assert (parse_source_year(f"{year}. év") == year) is expected
    assert (year_of_header(year) == year) is expected
    assert (year_of_header(f"{year}. év") == year) is expected


def test_the_schema_takes_the_same_years():
    schema = build_schema()
    pattern = re.compile(_find(schema, "propertyNames")["pattern"])
    for year in range(1000, 3000):
        assert bool(pattern.match(str(year))) is (MIN_YEAR <= year <= MAX_YEAR), year


def _find(node, key):
    if isinstance(node, dict):
        if key in node:
            return node[key]
        for v in node.values():
            found = _find(v, key)
            if found is not None:
                return found
    elif isinstance(node, list):
        for v in node:
            found = _find(v, key)
            if found is not None:
                return found
    return None


def test_the_workbook_offers_the_same_years(blank_workbook):
    ws = openpyxl.load_workbook(blank_workbook)["Településadatok"]
    years = [dv for dv in ws.data_validations.dataValidation if dv.type == "whole" and dv.formula1 != "0"]
    assert years and all((int(dv.formula1), int(dv.formula2)) == (MIN_YEAR, MAX_YEAR) for dv in years)


def test_new_takes_the_same_start_years(tmp_path, capsys):
    args = ["new", "--settlement", "Kaba", "--history-years", "5"]
    assert main([*args, "--start-year", str(MAX_YEAR + 1), "-o", str(tmp_path / "a.xlsx")]) == 2
    assert f"{MIN_YEAR}" in capsys.readouterr().err
    assert main([*args, "--start-year", "1990", "-o", str(tmp_path / "b.xlsx")]) == 0
    assert jsonschema  # the schema test above validates with the published pattern
