"""The report says what is wrong in the clerk's words: a blank cell is "missing", not "not a date"."""

from __future__ import annotations

from hep_xl.validate import validate_hep

from .test_validate_fixtures import clean_hep


def _texts(hep, rule_id: str) -> list[str]:
    return [f.text("hu") for f in validate_hep(hep).findings if f.rule_id == rule_id]


def test_a_blank_deadline_is_missing_not_a_wrong_date():
    hep = clean_hep()
    hep.measures[0].deadline = ""
    (text,) = _texts(hep, "ACT-007")
    assert "hiányzik" in text and "(„”)" not in text and "nem dátum" not in text
    hep.measures[0].deadline = "jövőre"
    (text,) = _texts(hep, "ACT-007")
    assert "„jövőre”" in text and "nem dátum" in text


def test_a_blank_indicator_is_missing_not_unmeasurable():
    hep = clean_hep()
    hep.measures[0].indicators = ""
    (text,) = _texts(hep, "ACT-010")
    assert "hiányzik" in text and "(„”)" not in text
