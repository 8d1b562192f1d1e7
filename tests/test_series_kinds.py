"""One definition per series kind (catalog ``SERIES_KINDS``): what a value of the kind may be is
written once and used by the workbook's data validation, by ``hep-xl fill`` and by the validator.

The Excel condition the writer puts on a row is evaluated here for sample values (a tiny
evaluator for the few functions it uses), so the three cannot drift apart."""

from __future__ import annotations

import math
import re
from pathlib import Path

import openpyxl
import pytest

from hep_xl.catalog import SERIES_KINDS, load_catalog, value_rule
from hep_xl.fill import plan_fill
from hep_xl.workbook.a1 import from_a1
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import blank_hep, write_workbook

CAT = load_catalog()
SAMPLES = (0, 1, 2497, -12, 12.5, 116.75, 100, 100.5, -0.5, 1000.25)


def _excel(formula: str, value) -> bool:
    """Evaluate a data-validation formula of the writer for one value in its top-left cell."""
    expr = formula.lstrip("=")
    expr = re.sub(r"\$?[A-Z]{1,3}\$?\d+", "x", expr)
    expr = re.sub(r'x="[^"]*"', "False", expr)  # the "nincs adat" text: not a number here
    expr = re.sub(r"(?<![<>=])=(?!=)", "==", expr)
    expr = (expr.replace("AND(", "_and(").replace("OR(", "_or(").replace("ISNUMBER(", "_isnum(")
            .replace("INT(", "math.floor("))
    return bool(eval(expr, {"math": math, "_and": lambda *a: all(a), "_or": lambda *a: any(a),  # noqa: S307
                            "_isnum": lambda v: isinstance(v, (int, float)), "x": value}))


def _row(result, series_id: str) -> int:
    """The 1-based row of a series in the indicator table."""
    return from_a1(result.cells[("indicator", series_id, 2020)].cell)[0] + 1


def test_every_kind_has_one_rule():
    for kind in SERIES_KINDS:
        rule = value_rule(kind)
        assert rule.what and rule.example and rule.number_format
    with pytest.raises(KeyError):
        value_rule("no_such_kind")


@pytest.fixture(scope="module")
def blank_dv(tmp_path_factory) -> tuple[Path, dict[int, str]]:
    """The blank workbook and each indicator row's data-validation formula (row -> formula)."""
    path = tmp_path_factory.mktemp("kinds") / "ures.xlsx"
    write_workbook(blank_hep("Példafalva", "12344", 2025), path)
    ws = openpyxl.load_workbook(path)["1. Mutatók"]
    by_row = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type != "custom":  # the source, day and note columns: guidance, not values
            continue
        for rng in dv.sqref.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                by_row[row] = dv.formula1
    return path, by_row


def test_the_workbook_fill_and_the_validator_accept_the_same_values(blank_dv, tmp_path):
    path, by_row = blank_dv
    result = read_workbook(path)
    for sd in CAT.series_rows:
        formula = by_row[_row(result, sd.id)]
        rule = value_rule(sd.kind, sd.counted)
        for v in SAMPLES:
            assert _excel(formula, v) == rule.accepts(v), (sd.id, v, formula)


def test_an_average_count_may_be_a_fraction_everywhere(blank_dv, tmp_path):
    """A quarterly average (registered jobseekers: 116,75) is right for the validator (IND-010), so
    the workbook's own check and hep-xl fill accept it too; a count at a date does not."""
    path, by_row = blank_dv
    result = read_workbook(path)
    avg = CAT.series_by_id["registered_jobseekers"]
    at_date = CAT.series_by_id["resident_population"]
    assert avg.counted == "average" and at_date.counted == "at_date"
    assert _excel(by_row[_row(result, avg.id)], 116.75)
    assert not _excel(by_row[_row(result, at_date.id)], 2497.5)

    data = tmp_path / "adat.csv"
    data.write_text("Azonosító;2020\nregistered_jobseekers;116,75\nresident_population;2497,5\n", encoding="utf-8")
    plan = plan_fill(read_workbook(path), [data])
    assert [(c.series_id, c.new) for c in plan.changes] == [("registered_jobseekers", 116.75)]
    assert len(plan.problems) == 1 and "resident_population" in plan.problems[0].reason

    from hep_xl.validate import validate_hep

    hep = blank_hep("Példafalva", "12344", 2025)
    hep.series("registered_jobseekers").values[2020] = 116.75
    hep.series("resident_population").values[2020] = 2497.5
    ids = {(f.rule_id, f.field) for f in validate_hep(hep).findings if f.rule_id.startswith("IND-01")}
    assert ids == {("IND-010", "resident_population")}
