"""The settlement-sheet rules (SET-001 … SET-014, VER-001), one rule at a time on the clean model
(tests/rule_check.py): what each yields, where it points and what its message says.

Worked out by hand from the clean model (tests/test_validate_fixtures.py): Szigetmonostor, KSH 26213
(check digit 1·2 + 3·6 + 7·2 + 9·1 = 43 → 3), Pest, 2 520 inhabitants = indicator 1 of 2024,
programme 2025–2029, adopted 2025-02-27, reviewed 2027-02-15 and 2029-02-10. The catalog
(emmi-2012): five-year programme, a review at least every two years, the decree repealed on
2021-08-02 by 24/2021. (VII. 30.) BM rendelet 6. §. The register facts used here were looked up in
the bundled KSH Helységnévtár 2018 (hep_xl/register/ksh_helysegnevtar_2018.csv): 02307 Kaba
(Hajdú-Bihar), 14216 Budapest 11. ker. (county "főváros"), 34245 Algyő (Csongrád).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hep_xl import register
from hep_xl.catalog import load_catalog
from hep_xl.validate.config import ValidationConfig
from hep_xl.validate.registry import RULES, Context
from hep_xl.validate.rules.settlement import registered_place
from hep_xl.workbook.reader import CellRef

from .rule_check import context, hits, keys, messages
from .test_validate_fixtures import clean_hep

D = dt.date
SOURCE = "KSH Helységnévtár 2018 (2018. január 1-jei állapot)"
SOURCE_EN = "KSH Gazetteer of Hungary 2018 (as of 1 January 2018)"
UNREGISTERED = "99990"  # check digit 9 + 27 + 63 + 81 = 180 → 0; no settlement has it
SETTLEMENT_RULES = ("SET-001", "SET-002", "SET-003", "SET-004", "SET-005", "SET-006", "SET-007", "SET-008",
                    "SET-009", "SET-010", "SET-011", "SET-012", "SET-013", "SET-014")
SZIGETMONOSTOR = {"register_name": "Szigetmonostor", "register_code": "26213", "register_county": "Pest",
                  "source": SOURCE, "source_en": SOURCE_EN}


def found(rule_id, hep, **kw):
    return [(h.key, h.field, h.value, h.params) for h in hits(rule_id, hep, **kw)]


def with_settlement(**changes):
    hep = clean_hep()
    for name, value in changes.items():
        setattr(hep.settlement, name, value)
    return hep


def test_the_clean_model_breaks_no_settlement_rule():
    hep = clean_hep()
    for rule_id in SETTLEMENT_RULES:
        assert hits(rule_id, hep) == [], rule_id
    assert all(RULES[r].area == "settlement" for r in (*SETTLEMENT_RULES, "VER-001"))


# -- SET-001, SET-006: required fields, adoption data -------------------------------------------------

def test_every_required_field_left_empty_is_named_in_the_sheets_order():
    hep = with_settlement(name="", ksh_code="", county="", population=None, period_start=None, period_end=None,
                          author_name="")
    assert found("SET-001", hep) == [
        (("settlement", "name"), "name", None, {"label": "Település neve", "example": "pl. Kisháza"}),
        (("settlement", "ksh_code"), "ksh_code", None,
         {"label": "KSH településazonosító törzsszám",
          "example": "öt számjegy, az utolsó az ellenőrző szám, pl. 02307 (Kaba)"}),
        (("settlement", "county"), "county", None, {"label": "Vármegye", "example": "pl. Borsod-Abaúj-Zemplén"}),
        (("settlement", "population"), "population", None, {"label": "Lakónépesség (fő)", "example": ""}),
        (("settlement", "period_start"), "period_start", None,
         {"label": "A program időszakának kezdő éve", "example": ""}),
        (("settlement", "period_end"), "period_end", None,
         {"label": "A program időszakának záró éve", "example": "öt évre szóló program: kezdő év + 4"}),
        (("settlement", "author_name"), "author_name", None,
         {"label": "Készítő / kapcsolattartó neve", "example": ""}),
    ]
    msgs = messages("SET-001", hep)
    assert msgs[0] == "Hiányzik: Település neve. Töltse ki (pl. Kisháza)."
    assert msgs[3] == "Hiányzik: Lakónépesség (fő). Töltse ki."  # no example: no empty brackets
    # the adoption data and the contact's e-mail and phone are not asked before adoption
    assert hits("SET-001", with_settlement(adoption_date=None, resolution_number="", author_email="",
                                           author_phone="", review_dates=[])) == []


def test_a_zero_population_is_a_value_not_a_blank():
    assert hits("SET-001", with_settlement(population=0, period_start=0)) == []


def test_adoption_data_is_asked_for_after_the_councils_decision():
    hep = with_settlement(adoption_date=None, resolution_number="")
    assert found("SET-006", hep) == [
        (("settlement", "adoption_date"), "adoption_date", None,
         {"label": "Elfogadás dátuma", "example": "pl. 2024.02.28"}),
        (("settlement", "resolution_number"), "resolution_number", None,
         {"label": "Képviselő-testületi határozat száma", "example": "pl. 12/2024. (II. 28.) Kt. határozat"}),
    ]
    assert messages("SET-006", hep)[0] == ("Még üres: Elfogadás dátuma. A képviselő-testületi döntés után "
                                           "töltse ki (pl. 2024.02.28).")
    assert keys("SET-006", with_settlement(resolution_number="")) == [("settlement", "resolution_number")]


# -- SET-002, SET-003: the KSH code ---------------------------------------------------------------------

def test_a_code_that_is_not_five_ascii_digits_is_malformed():
    for code in ("2621", "262130", "2621a", "２６２１３", " 26213"):
        assert found("SET-002", with_settlement(ksh_code=code)) == [
            (("settlement", "ksh_code"), "ksh_code", code, {})], code
        assert hits("SET-003", with_settlement(ksh_code=code)) == [], code  # no check digit to check
    assert messages("SET-002", with_settlement(ksh_code="2621")) == [
        "A KSH településazonosító törzsszám („2621”) nem öt számjegyből áll. Példa: 02307 (Kaba)."]
    assert hits("SET-002", with_settlement(ksh_code="")) == []  # empty: SET-001's


def test_a_wrong_check_digit_names_the_right_one():
    hep = with_settlement(ksh_code="26214")
    assert found("SET-003", hep) == [(("settlement", "ksh_code"), "ksh_code", "26214",
                                      {"expected": 3, "example": "26213"})]
    assert messages("SET-003", hep) == [
        "A KSH-kód („26214”) ellenőrző száma (utolsó számjegye) nem stimmel: az első négy számjegyhez 3 "
        "tartozna (26213). Ellenőrizze a kódot a KSH helységnévtárában."]
    # 0230: 0 + 6 + 21 + 0 = 27 → 7 (Kaba's 02307)
    assert found("SET-003", with_settlement(ksh_code="02301"))[0][3] == {"expected": 7, "example": "02307"}
    assert hits("SET-003", with_settlement(ksh_code="")) == []


# -- SET-004: five years ----------------------------------------------------------------------------------

def test_a_period_of_other_than_five_years_names_the_end_year_it_needs():
    for end in (2030, 2028, 2025):
        assert found("SET-004", with_settlement(period_end=end)) == [
            (("settlement", "period_end"), "period_end", end, {"start": 2025, "expected": 2029, "years": 5})]
    assert messages("SET-004", with_settlement(period_end=2030)) == [
        "A program 5 évre szól: 2025 kezdő évhez 2029 záró év tartozik (most: 2030)."]
    assert hits("SET-004", with_settlement(period_start=2026, period_end=2030)) == []


def test_a_period_with_one_end_missing_is_not_measured():
    assert hits("SET-004", with_settlement(period_start=None)) == []
    assert hits("SET-004", with_settlement(period_end=None)) == []


# -- SET-005: at least every two years -------------------------------------------------------------------

def test_a_first_review_one_day_after_two_years_from_adoption_is_late():
    # adopted 2025-02-27: the first review is due by 2027-02-27
    assert hits("SET-005", with_settlement(review_dates=[D(2027, 2, 27), D(2029, 2, 10)])) == []
    hep = with_settlement(review_dates=[D(2027, 2, 28), D(2029, 2, 10)])
    assert found("SET-005", hep) == [
        (("settlement", "review_dates", 0), "review_dates", D(2027, 2, 28),
         {"index": 1, "previous": "2025.02.27.", "previous_kind": "elfogadás", "years": 2,
          "latest": "2027.02.27."})]
    assert messages("SET-005", hep) == [
        "A(z) 1. felülvizsgálat (2027.02.28.) több mint 2 évvel követi az előzőt (elfogadás: 2025.02.27.); "
        "legkésőbb 2027.02.27. kellene."]


def test_a_second_review_is_measured_from_the_first():
    # first review 2027-02-15: the second is due by 2029-02-15
    assert hits("SET-005", with_settlement(review_dates=[D(2027, 2, 15), D(2029, 2, 15)])) == []
    assert found("SET-005", with_settlement(review_dates=[D(2027, 2, 15), D(2029, 2, 16)])) == [
        (("settlement", "review_dates", 1), "review_dates", D(2029, 2, 16),
         {"index": 2, "previous": "2027.02.15.", "previous_kind": "1. felülvizsgálat", "years": 2,
          "latest": "2029.02.15."})]


def test_both_reviews_late_are_both_reported_in_date_order():
    hep = with_settlement(review_dates=[D(2027, 3, 1), D(2029, 3, 2)])
    assert [(h.key, h.params["previous"], h.params["latest"]) for h in hits("SET-005", hep)] == [
        (("settlement", "review_dates", 0), "2025.02.27.", "2027.02.27."),
        (("settlement", "review_dates", 1), "2027.03.01.", "2029.03.01.")]


def test_without_an_adoption_date_the_first_review_has_nothing_to_follow():
    hep = with_settlement(adoption_date=None, review_dates=[D(2027, 2, 15), D(2029, 2, 16)])
    assert keys("SET-005", hep) == [("settlement", "review_dates", 1)]
    assert hits("SET-005", with_settlement(adoption_date=None, review_dates=[D(2028, 6, 1)])) == []


def test_reviews_outside_the_programme_are_left_to_set_007():
    # before the adoption and after the period end: neither is a step of the programme's reviews
    hep = with_settlement(review_dates=[D(2024, 1, 1), D(2027, 2, 15), D(2029, 2, 10), D(2032, 1, 1)])
    assert hits("SET-005", hep) == []


def test_the_previous_review_is_named_by_its_place_in_the_list():
    """A review before the adoption is the 1st in the list; the programme's own reviews are the 2nd and
    the 3rd: the 3rd follows the "2. felülvizsgálat", as the sheet numbers them."""
    hep = with_settlement(review_dates=[D(2024, 12, 1), D(2027, 2, 15), D(2029, 3, 1)])
    assert [(h.key, h.params["index"], h.params["previous_kind"]) for h in hits("SET-005", hep)] == [
        (("settlement", "review_dates", 2), 3, "2. felülvizsgálat")]
    # typed out of order: the later review (the 1st in the list) follows the 2nd of the list
    hep = with_settlement(review_dates=[D(2029, 2, 16), D(2027, 2, 15)])
    assert [(h.key, h.params["index"], h.params["previous_kind"]) for h in hits("SET-005", hep)] == [
        (("settlement", "review_dates", 0), 1, "2. felülvizsgálat")]


def test_reviews_on_the_adoption_day_and_on_the_periods_last_day_are_the_programmes():
    # on the adoption day: the next review is measured from it, not from the adoption
    hep = with_settlement(review_dates=[D(2025, 2, 27), D(2027, 2, 28)])
    assert [(h.params["previous_kind"], h.params["latest"]) for h in hits("SET-005", hep)] == [
        ("1. felülvizsgálat", "2027.02.27.")]
    # on the period's last day: a review more than two years after the one before it is late
    hep = with_settlement(review_dates=[D(2027, 2, 15), D(2029, 12, 31)])
    assert [(h.key, h.params["latest"]) for h in hits("SET-005", hep)] == [
        (("settlement", "review_dates", 1), "2029.02.15.")]


def test_a_period_beyond_the_calendar_bounds_no_review_outside_it():
    # period_end 10000 is not a calendar year: no end to measure against, the reviews all count
    hep = with_settlement(period_end=10000, review_dates=[D(2027, 2, 15), D(2029, 2, 10), D(2032, 1, 1)])
    assert keys("SET-005", hep) == [("settlement", "review_dates", 2)]
    assert hits("SET-007", hep) == []


def test_a_non_date_among_the_reviews_is_skipped():
    hep = with_settlement(review_dates=[D(2027, 2, 15), None, D(2029, 2, 16)])
    assert [(h.key, h.params["index"], h.params["previous_kind"]) for h in hits("SET-005", hep)] == [
        (("settlement", "review_dates", 2), 3, "1. felülvizsgálat")]


# -- SET-007: inside the adopted programme ------------------------------------------------------------------

def test_a_review_on_the_adoption_day_or_the_periods_last_day_is_inside():
    assert hits("SET-007", with_settlement(review_dates=[D(2025, 2, 27), D(2029, 12, 31)])) == []


def test_a_review_before_adoption_or_after_the_period_is_outside_in_date_order():
    hep = with_settlement(review_dates=[D(2030, 1, 1), D(2025, 2, 26)])
    assert found("SET-007", hep) == [
        (("settlement", "review_dates", 1), "review_dates", D(2025, 2, 26),
         {"index": 2, "limit": "2025.02.27.", "side": "az elfogadás", "relation": "előtt"}),
        (("settlement", "review_dates", 0), "review_dates", D(2030, 1, 1),
         {"index": 1, "limit": "2029.12.31.", "side": "a programidőszak vége", "relation": "után"}),
    ]
    assert messages("SET-007", hep) == [
        "A(z) 2. felülvizsgálat dátuma (2025.02.26.) az elfogadás (2025.02.27.) előtt van; a felülvizsgálat az "
        "elfogadott program időszakában történik. Ellenőrizze a dátumot.",
        "A(z) 1. felülvizsgálat dátuma (2030.01.01.) a programidőszak vége (2029.12.31.) után van; a "
        "felülvizsgálat az elfogadott program időszakában történik. Ellenőrizze a dátumot."]


def test_without_adoption_date_or_period_that_side_is_open():
    assert hits("SET-007", with_settlement(adoption_date=None, review_dates=[D(2020, 1, 1)])) == []
    assert hits("SET-007", with_settlement(period_end=None, review_dates=[D(2040, 1, 1)])) == []
    assert hits("SET-007", with_settlement(period_start=None, review_dates=[D(2040, 1, 1)])) == []
    # no adoption date: a review after the period is still outside it
    assert keys("SET-007", with_settlement(adoption_date=None, review_dates=[D(2030, 1, 1)])) == [
        ("settlement", "review_dates", 0)]


# -- SET-008: in date order -------------------------------------------------------------------------------

def test_a_review_earlier_than_the_one_before_it_is_out_of_order():
    hep = with_settlement(review_dates=[D(2029, 2, 10), D(2027, 2, 15)])
    assert found("SET-008", hep) == [
        (("settlement", "review_dates", 1), "review_dates", D(2027, 2, 15), {"index": 2, "previous": "2029.02.10."})]
    assert messages("SET-008", hep) == [
        "A(z) 2. felülvizsgálat (2027.02.15.) korábbi, mint az előző (2029.02.10.); írja a dátumokat időrendben."]


def test_the_same_date_twice_is_not_out_of_order_and_each_step_is_compared():
    assert hits("SET-008", with_settlement(review_dates=[D(2027, 2, 15), D(2027, 2, 15)])) == []
    hep = with_settlement(review_dates=[D(2029, 1, 1), D(2028, 1, 1), D(2027, 1, 1)])
    assert [(h.key, h.params["previous"]) for h in hits("SET-008", hep)] == [
        (("settlement", "review_dates", 1), "2029.01.01."), (("settlement", "review_dates", 2), "2028.01.01.")]
    # a gap (no date) is not a step
    assert hits("SET-008", with_settlement(review_dates=[D(2029, 1, 1), None, D(2027, 1, 1)])) == []
    assert hits("SET-008", with_settlement(review_dates=[None, D(2027, 1, 1)])) == []
    assert hits("SET-008", with_settlement(review_dates=[D(2029, 1, 1), None])) == []


# -- SET-009: a review due -----------------------------------------------------------------------------------

def test_no_review_since_adoption_is_overdue_up_to_the_period_end():
    hep = with_settlement(review_dates=[])
    # as of 2030-01-10, but nothing is due after the period's end: "today" is 2029-12-31
    assert found("SET-009", hep) == [
        (("settlement", "adoption_date"), "review_dates", D(2025, 2, 27),
         {"kind": "Az elfogadás", "years": 2, "due": "2027.02.27.", "today": "2029.12.31."})]
    assert messages("SET-009", hep) == [
        "Az elfogadás (2025.02.27.) után 2 éven belül, legkésőbb 2027.02.27. felülvizsgálat következik, de "
        "2029.12.31. napig nincs újabb felülvizsgálat beírva."]


def test_a_review_is_overdue_the_day_after_it_was_due():
    hep = with_settlement(review_dates=[])
    assert hits("SET-009", hep, as_of=D(2027, 2, 27)) == []
    assert [h.params["today"] for h in hits("SET-009", hep, as_of=D(2027, 2, 28))] == ["2027.02.28."]


def test_the_latest_review_starts_the_next_two_years():
    hep = with_settlement(review_dates=[D(2027, 2, 15), D(2025, 6, 1)])  # the latest typed first
    assert hits("SET-009", hep, as_of=D(2029, 2, 15)) == []
    assert found("SET-009", hep, as_of=D(2029, 2, 16)) == [
        (("settlement", "review_dates", 0), "review_dates", D(2027, 2, 15),
         {"kind": "Az utolsó felülvizsgálat", "years": 2, "due": "2029.02.15.", "today": "2029.02.16."})]
    assert messages("SET-009", hep, as_of=D(2029, 2, 16))[0].startswith("Az utolsó felülvizsgálat (2027.02.15.)")


def test_a_review_outside_the_programme_does_not_restart_the_two_years():
    hep = with_settlement(review_dates=[D(2024, 6, 1), D(2030, 6, 1)])
    assert keys("SET-009", hep) == [("settlement", "adoption_date")]


def test_without_adoption_nothing_is_due_and_without_period_end_today_counts():
    assert hits("SET-009", with_settlement(adoption_date=None, review_dates=[])) == []
    hep = with_settlement(period_end=None, review_dates=[D(2029, 2, 10)])
    assert [h.params["today"] for h in hits("SET-009", hep, as_of=D(2031, 2, 11))] == ["2031.02.11."]
    assert hits("SET-009", hep, as_of=D(2031, 2, 10)) == []


# -- SET-010: the population twice ---------------------------------------------------------------------------

def test_a_population_other_than_indicator_1_of_the_last_year_is_reported():
    hep = with_settlement(population=2521)
    assert found("SET-010", hep) == [
        (("settlement", "population"), "population", 2521,
         {"number": 1, "name": "Lakónépesség száma", "year": 2024, "annex1": "2520", "where": "Lakónépesség száma"})]
    assert messages("SET-010", hep) == [
        "A Településadatok lakónépessége 2521 fő, az 1. mutató (Lakónépesség száma) 2024. évi értéke 2520 fő "
        "(Lakónépesség száma). A kettő ugyanaz az adat: javítsa valamelyiket."]


def test_the_population_tolerance_is_relative_to_indicator_1():
    # 0.125 × 2520 = 315 exactly: 2520 ± 315 is inside, one more is not
    for population, expected in ((2835, []), (2205, []), (2836, [("settlement", "population")]),
                                 (2204, [("settlement", "population")])):
        assert keys("SET-010", with_settlement(population=population),
                    population_rel_tolerance=0.125) == expected, population


def test_the_indicator_cell_is_named_when_there_is_a_cell_map():
    hep = with_settlement(population=2500)
    cells = {("indicator", "resident_population", 2024): CellRef("1. Mutatók", "J5")}
    assert [h.params["where"] for h in hits("SET-010", hep, cells=cells)] == ["1. Mutatók!J5"]


def test_a_fractional_indicator_value_is_shown_with_a_decimal_comma():
    hep = with_settlement(population=2500)
    hep.indicators["resident_population"].values[2024] = 2520.5
    assert [h.params["annex1"] for h in hits("SET-010", hep)] == ["2520,5"]


def test_nothing_to_compare_is_not_a_difference():
    from hep_xl.model import NO_DATA

    assert hits("SET-010", with_settlement(population=None)) == []
    hep = with_settlement(population=2500)
    hep.indicators["resident_population"].values[2024] = NO_DATA
    assert hits("SET-010", hep) == []
    hep = with_settlement(population=2500)
    del hep.indicators["resident_population"].values[2024]
    assert hits("SET-010", hep) == []
    hep = with_settlement(population=2500)
    del hep.indicators["resident_population"]
    assert hits("SET-010", hep) == []
    hep = with_settlement(population=2500)
    hep.years = []
    assert hits("SET-010", hep) == []


# -- SET-011 … SET-014: the KSH register --------------------------------------------------------------------

def test_the_registered_place_is_the_codes_when_the_code_is_valid():
    assert registered_place(context(clean_hep())).name == "Szigetmonostor"
    assert registered_place(context(with_settlement(ksh_code="26214"))) is None  # wrong check digit
    assert registered_place(context(with_settlement(ksh_code=UNREGISTERED))) is None
    # the register would find " 26213" (it strips the code), but that is not a valid code (SET-002's)
    assert register.by_code(" 26213").name == "Szigetmonostor"
    assert registered_place(context(with_settlement(ksh_code=" 26213"))) is None


def test_a_name_of_another_registered_settlement_names_its_code_too():
    hep = with_settlement(name="Kaba")
    assert found("SET-011", hep) == [
        (("settlement", "name"), "name", "Kaba", {"code": "26213", "also": "; Kaba kódja 02307", **SZIGETMONOSTOR})]
    assert messages("SET-011", hep) == [
        f"A(z) 26213 KSH-kód a {SOURCE} szerint Szigetmonostor (Pest) kódja, nem „Kaba”; Kaba kódja 02307. "
        "Javítsa a nevet vagy a kódot."]


def test_a_misspelt_name_is_reported_without_another_code():
    hep = with_settlement(name="Szigetmonostorr")
    assert found("SET-011", hep) == [(("settlement", "name"), "name", "Szigetmonostorr",
                                      {"code": "26213", "also": "", **SZIGETMONOSTOR})]
    assert messages("SET-011", hep) == [
        f"A(z) 26213 KSH-kód a {SOURCE} szerint Szigetmonostor (Pest) kódja, nem „Szigetmonostorr”. "
        "Javítsa a nevet vagy a kódot."]


def test_the_name_is_compared_ignoring_case_and_spacing_and_only_when_there_is_a_name_and_a_place():
    for name in ("szigetmonostor", " SZIGETMONOSTOR  ", "", "   "):
        assert hits("SET-011", with_settlement(name=name)) == [], name
    for code in ("26214", UNREGISTERED, "", " 26213"):
        assert hits("SET-011", with_settlement(name="Kaba", ksh_code=code)) == [], code


def test_a_budapest_district_is_named_in_budapest():
    hep = with_settlement(ksh_code="14216", name="Budapest XI. kerület", county="Pest")
    assert hits("SET-011", hep) == []  # the register's "Budapest 11. ker."
    assert found("SET-012", hep) == [
        (("settlement", "county"), "county", "Pest",
         {"code": "14216", "register_name": "Budapest 11. ker.", "register_code": "14216",
          "register_county": "Budapest", "source": SOURCE, "source_en": SOURCE_EN})]
    assert hits("SET-012", with_settlement(ksh_code="14216", name="Budapest 11. ker.", county="Budapest")) == []


def test_a_county_other_than_the_registers_is_reported():
    hep = with_settlement(county="Heves")
    assert found("SET-012", hep) == [(("settlement", "county"), "county", "Heves", {"code": "26213", **SZIGETMONOSTOR})]
    assert messages("SET-012", hep) == [
        f"A(z) 26213 kódú Szigetmonostor a {SOURCE} szerint Pest vármegyében van, nem „Heves” vármegyében."]


def test_the_county_may_be_written_with_its_suffix_or_its_new_name():
    for county in ("pest", "Pest vármegye", "Pest megye", "", "  "):
        assert hits("SET-012", with_settlement(county=county)) == [], county
    algyo = dict(ksh_code="34245", name="Algyő")
    assert hits("SET-012", with_settlement(county="Csongrád-Csanád", **algyo)) == []
    for code in ("26214", UNREGISTERED):
        assert hits("SET-012", with_settlement(county="Heves", ksh_code=code)) == [], code


def test_a_valid_code_the_register_does_not_list_for_an_unknown_name():
    hep = with_settlement(ksh_code=UNREGISTERED, name="Kitaláltfalva")
    assert found("SET-013", hep) == [(("settlement", "ksh_code"), "ksh_code", UNREGISTERED,
                                      {"source": SOURCE, "source_en": SOURCE_EN})]
    assert messages("SET-013", hep) == [
        f"A(z) {UNREGISTERED} kód ellenőrző száma helyes, de a kód nem szerepel a {SOURCE} adatai között. Ha a "
        "település 2018 után kapta, vagy kitalált (minta)település, nincs teendő; különben ellenőrizze a kódot."]
    assert hits("SET-014", hep) == []
    # a registered code, an invalid code, or a registered name: not SET-013's
    for changes in ({"name": "Kitaláltfalva"}, {"ksh_code": "99991", "name": "Kitaláltfalva"},
                    {"ksh_code": UNREGISTERED}):
        assert hits("SET-013", with_settlement(**changes)) == [], changes


def test_a_registered_name_with_an_unregistered_code_names_its_registered_code():
    hep = with_settlement(ksh_code=UNREGISTERED)
    assert found("SET-014", hep) == [(("settlement", "ksh_code"), "ksh_code", UNREGISTERED, SZIGETMONOSTOR)]
    assert messages("SET-014", hep) == [
        f"A {SOURCE} szerint Szigetmonostor (Pest) KSH-kódja 26213, nem {UNREGISTERED}."]
    assert hits("SET-013", hep) == []
    kaba = with_settlement(ksh_code=UNREGISTERED, name="kaba")
    assert [h.params["register_code"] for h in hits("SET-014", kaba)] == ["02307"]
    # an invalid code (SET-003's) or a registered one (SET-011's) is not this rule's
    assert hits("SET-014", with_settlement(ksh_code="99991")) == []
    assert hits("SET-014", with_settlement(name="Kaba")) == []
    assert register.by_code(UNREGISTERED) is None


# -- VER-001: the version of the rules --------------------------------------------------------------------

VER_PARAMS = {"title": "2/2012. (VI. 5.) EMMI rendelet", "version": "emmi-2012", "date": "2021.08.02.",
              "by": "24/2021. (VII. 30.) BM rendelet 6. §", "text_date": "2017.09.19."}


def test_a_programme_starting_after_the_repeal_is_told_so():
    assert found("VER-001", clean_hep()) == [(("settlement", "period_start"), "period_start", 2025, VER_PARAMS)]
    assert messages("VER-001", clean_hep()) == [
        "A program 2025-ben kezdődik, de a munkafüzet a(z) 2/2012. (VI. 5.) EMMI rendelet szerint készül "
        "(katalógus: emmi-2012, szövegállapot: 2017.09.19.), amelyet a 24/2021. (VII. 30.) BM rendelet 6. § "
        "2021.08.02. napjával hatályon kívül helyezett. Az új program tartalmára az új rendelet az irányadó."]


def test_the_first_year_after_the_repeal_is_the_first_told():
    # repealed on 2021-08-02: a 2021 programme started under the decree, a 2022 one did not
    assert hits("VER-001", with_settlement(period_start=2021)) == []
    assert keys("VER-001", with_settlement(period_start=2022)) == [("settlement", "period_start")]
    assert keys("VER-001", with_settlement(period_start=9999)) == [("settlement", "period_start")]


def test_a_start_year_that_is_no_calendar_year_or_missing_is_not_compared():
    for start in (None, 0, 10000, 2025.0, "2025"):
        assert hits("VER-001", with_settlement(period_start=start)) == [], start


def _ver_001_under(catalog, start: int) -> list:
    """VER-001 on the clean model with another catalog (a version the loader could give)."""
    hep = with_settlement(period_start=start)
    ctx = Context(hep, catalog, ValidationConfig(as_of=D(2030, 1, 10)))
    return [(h.key, h.value, h.params) for h in RULES["VER-001"].func(ctx)]


def test_a_programme_starting_on_the_day_of_the_repeal_starts_after_it():
    """"… hatályon kívül helyezte 2026. január 1. napjával": from that day the decree is no longer in
    force, so a programme starting on 1 January 2026 follows the new rules."""
    cat = load_catalog()
    on_new_year = replace(cat, repealed=replace(cat.repealed, date="2026-01-01"))
    assert [k for k, _, _ in _ver_001_under(on_new_year, 2026)] == [("settlement", "period_start")]
    assert _ver_001_under(on_new_year, 2025) == []
    # repealed on 2 January: a programme starting on 1 January of that year started the day before
    second_of_january = replace(cat, repealed=replace(cat.repealed, date="2026-01-02"))
    assert _ver_001_under(second_of_january, 2026) == []
    assert [k for k, _, _ in _ver_001_under(second_of_january, 2027)] == [("settlement", "period_start")]


def test_a_catalog_without_repeal_or_text_date():
    cat = load_catalog()
    assert _ver_001_under(replace(cat, repealed=None), 2025) == []
    assert [p["text_date"] for _, _, p in _ver_001_under(replace(cat, text_date=""), 2025)] == [""]
