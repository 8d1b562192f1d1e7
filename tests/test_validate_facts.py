"""What the validator says, checked for its content: the numbers in a message are the right ones,
a value at a bound is accepted, a wrong check digit lowers the settlement score.

Each test starts from the clean model of ``test_validate_fixtures`` (no findings) and changes one
fact; the expected values were worked out by hand from the change.
"""

from __future__ import annotations

from hep_xl.validate import validate_hep
from hep_xl.validate.ksh import check_digit, is_valid, is_well_formed

from .test_validate_fixtures import clean_hep

MALE, FEMALE = "permanent_population.male_share", "permanent_population.female_share"


def _findings(hep, rule_id):
    return [f for f in validate_hep(hep).findings if f.rule_id == rule_id]


def test_percentages_of_exactly_0_and_100_are_in_range():
    hep = clean_hep()
    # a share of 100 % (every unemployed person registered long-term) and one of 0 % are real values
    pct = [sid for sid, s in hep.indicators.items() if s.values and all(v == 4.5 for v in s.values.values())]
    assert len(pct) >= 2
    hep.indicators[pct[0]].values[2022] = 100
    hep.indicators[pct[1]].values[2022] = 0
    assert _findings(hep, "IND-012") == []
    hep.indicators[pct[0]].values[2022] = 100.01
    hep.indicators[pct[1]].values[2022] = -0.01
    assert {f.field for f in _findings(hep, "IND-012")} == {pct[0], pct[1]}


def test_sex_share_message_names_the_male_and_the_female_share_each_in_its_place():
    hep = clean_hep()
    hep.indicators[MALE].values[2023] = 40.2   # female stays 51.4: together 91.6
    (f,) = _findings(hep, "IND-014")
    hu = f.message("hu")
    assert "a férfiak (40,2%) és a nők (51,4%) aránya együtt 91,6%" in hu, hu
    en = f.message("en")
    assert "male (40,2%) and female (51,4%) shares add up to 91,6%" in en, en


def test_ksh_check_digit_examples_from_the_helysegnevtar():
    # (code, valid): real settlement codes of the KSH Helységnévtár and each with its last digit changed
    for code in ("13578", "30456", "25584", "15130", "19415", "02820", "17376"):  # 02820 Abaújlak, 17376 Aba
        assert is_valid(code), code
        assert check_digit(code[:4]) == int(code[4])
        wrong = code[:4] + str((int(code[4]) + 1) % 10)
        assert is_well_formed(wrong) and not is_valid(wrong), wrong
    for bad in ("1234", "123456", "1234a", "１２３４５", " 1234", ""):
        assert not is_well_formed(bad) and not is_valid(bad), bad


def test_a_wrong_check_digit_lowers_the_settlement_score():
    hep = clean_hep()
    assert validate_hep(hep).scores["settlement"] == 1.0
    hep.settlement.ksh_code = "12345"  # well formed, wrong check digit (12344 is right)
    report = validate_hep(hep)
    assert [f.rule_id for f in report.findings if f.rule_id.startswith("SET")] == ["SET-003"]
    assert report.scores["settlement"] < 1.0
