"""The Annex 1 rules (IND-001 … IND-042), one rule at a time on the clean model (tests/rule_check.py):
what each yields, where it points and what its message says.

Expected values are worked out by hand from the catalog (emmi-2012: five years of history, census
years 2011 and 2022, the share sums, derivations and containment pairs of ``indicators.json``) and
from the clean model of ``test_validate_fixtures`` (years 2020–2024; a plain count series such as
40 ``museums`` holds 10, 11, 12, 13, 14; census series only 2022). Boundaries are tested with
numbers a float holds exactly (0.25, 1.5, 125.0 …), so "exactly at the tolerance" means exactly.
"""

from __future__ import annotations

from dataclasses import replace

from hep_xl.catalog import Consistency, ShareSum, load_catalog
from hep_xl.model import NO_DATA
from hep_xl.validate.config import ValidationConfig
from hep_xl.validate.registry import RULES, Context
from hep_xl.validate.rules import indicators
from hep_xl.workbook.reader import CellRef, ReadIssue

from .rule_check import AS_OF, context, hits, messages
from .test_validate_fixtures import clean_hep

CAT = load_catalog()
IND_RULES = ("IND-001", "IND-002", "IND-003", "IND-004", "IND-010", "IND-011", "IND-012", "IND-013",
             "IND-014", "IND-015", "IND-020", "IND-021", "IND-022", "IND-023", "IND-030", "IND-040",
             "IND-041", "IND-042")
MUSEUMS = "Muzeális intézmények száma"  # indicator 40, series "museums"
JOBSEEKERS = "Regisztrált munkanélküliek/nyilvántartott álláskeresők száma"  # 13, "registered_jobseekers"
MALE, FEMALE = "permanent_population.male_share", "permanent_population.female_share"
AGE_SHARES = tuple(f"permanent_population.{s}_{a}_share" for a in ("0_14", "15_17", "18_59", "60_64", "65_plus")
                   for s in ("male", "female"))


def found(rule_id, hep, **kw):
    return [(h.key, h.field, h.value, h.params) for h in hits(rule_id, hep, **kw)]


def values(hep, sid):
    return hep.indicators[sid].values


def name(sid):
    return CAT.series_by_id[sid].name


def shifted(hep, delta):
    """The model with every year column (and value) moved by ``delta`` years."""
    hep.years = [y + delta for y in hep.years]
    for s in hep.indicators.values():
        s.values = {y + delta: v for y, v in s.values.items()}
    return hep


def test_the_clean_model_breaks_no_indicator_rule():
    hep = clean_hep()
    for rule_id in IND_RULES:
        assert hits(rule_id, hep) == [], rule_id


# -- completeness: IND-001 … IND-004 ------------------------------------------------------------------

def test_missing_years_are_listed_per_series_at_the_first_missing_year_in_the_decrees_order():
    hep = clean_hep()
    for y in (2023, 2021):
        del values(hep, "museums")[y]
    del values(hep, "resident_population")[2020]  # the first year
    del values(hep, "housing_stock")[2024]  # the last year
    assert found("IND-001", hep) == [
        (("indicator", "resident_population", 2020), "resident_population", None,
         {"number": 1, "name": "Lakónépesség száma", "years": "2020", "census": False}),
        (("indicator", "museums", 2021), "museums", None,
         {"number": 40, "name": MUSEUMS, "years": "2021, 2023", "census": False}),
        (("indicator", "housing_stock", 2024), "housing_stock", None,
         {"number": 42, "name": "Lakásállomány", "years": "2024", "census": False}),
    ]
    assert messages("IND-001", hep)[1] == (
        "40. mutató – Muzeális intézmények száma: hiányzik az érték (2021, 2023). Írja be a számot, vagy ha "
        "nincs adat, írja be: „nincs adat”, és a Megjegyzés oszlopban indokolja.")


def test_a_series_absent_from_the_model_lacks_every_year_and_no_data_is_not_missing():
    hep = clean_hep()
    del hep.indicators["museums"]
    values(hep, "housing_stock")[2022] = NO_DATA
    assert found("IND-001", hep) == [
        (("indicator", "museums", 2020), "museums", None,
         {"number": 40, "name": MUSEUMS, "years": "2020, 2021, 2022, 2023, 2024", "census": False})]


def test_a_census_series_needs_only_the_census_year():
    hep = clean_hep()
    hep.indicators["population_15_17.age_16"].values = {2021: 26, 2023: 26}  # not the census year 2022
    assert found("IND-001", hep) == [
        (("indicator", "population_15_17.age_16", 2022), "population_15_17.age_16", None,
         {"number": 5, "name": "16 éves gyermekek száma", "years": "2022", "census": True})]


def test_the_latest_census_year_among_the_columns_is_the_one_needed():
    hep = clean_hep()
    hep.years = list(range(2011, 2025))  # both census years, 2011 and 2022, are columns
    assert hits("IND-001", hep) == []  # the annual series need only 2020–2024; the census ones 2022
    assert indicators.census_year(context(hep)) == 2022
    values(hep, "population_15_17.age_15")[2011] = 30
    del values(hep, "population_15_17.age_15")[2022]
    assert [(h.key, h.params["years"]) for h in hits("IND-001", hep)] == [
        (("indicator", "population_15_17.age_15", 2022), "2022")]


def test_without_a_census_year_among_the_columns_any_number_or_a_stated_gap_will_do():
    hep = shifted(clean_hep(), -3)  # 2017–2021: neither 2011 nor 2022
    assert indicators.census_year(context(hep)) is None
    assert [indicators.window(context(hep))] == [[2017, 2018, 2019, 2020, 2021]]
    for rule_id in IND_RULES:  # the census series hold a number (in 2019): nothing lacks
        assert hits(rule_id, hep) == [], rule_id
    hep.indicators["population_15_17.age_15"].values = {}  # nothing at all: the last year is asked
    hep.indicators["population_15_17.age_16"].values = {2020: NO_DATA, 2018: NO_DATA}
    hep.indicators["population_15_17.age_17"].values = {2018: NO_DATA, 2019: 26}
    assert [(h.key, h.params["years"], h.params["census"]) for h in hits("IND-001", hep)] == [
        (("indicator", "population_15_17.age_15", 2021), "2021", True)]
    # the first stated gap (in the order typed) is the year asked for; no note: IND-002
    assert [(h.key, h.params["years"]) for h in hits("IND-002", hep)] == [
        (("indicator", "population_15_17.age_16", "note"), "2020")]
    hep.indicators["population_15_17.age_16"].note = "nincs népszámlálás"
    assert [(h.key, h.value, h.params["years"]) for h in hits("IND-003", hep)] == [
        (("indicator", "population_15_17.age_16", 2020), NO_DATA, "2020")]


def test_a_missing_year_column_is_not_a_missing_value():
    hep = clean_hep()
    hep.years = [2020, 2021, 2023, 2024]
    del values(hep, "museums")[2022]
    assert hits("IND-001", hep) == []


def test_a_cell_the_reader_could_not_read_is_left_to_read_001():
    hep = clean_hep()
    for y in (2021, 2023):
        del values(hep, "museums")[y]
    cells = {("indicator", "museums", 2021): CellRef("1. Mutatók", "H50"),
             ("indicator", "museums", 2023): CellRef("1. Mutatók", "J50")}
    issue = ReadIssue("1. Mutatók", "H50", "museums", "1O", "nem szám")
    assert [(h.key, h.params["years"]) for h in hits("IND-001", hep, cells=cells, issues=[issue])] == [
        (("indicator", "museums", 2023), "2023")]
    # the same cell on another sheet is another cell; without a cell map nothing can be matched
    other = ReadIssue("2. Helyzetelemzés", "H50", "x", "1O", "nem szám")
    assert [h.params["years"] for h in hits("IND-001", hep, cells=cells, issues=[other])] == ["2021, 2023"]
    assert [h.params["years"] for h in hits("IND-001", hep, issues=[issue])] == ["2021, 2023"]
    assert [h.params["years"] for h in hits("IND-001", hep, cells=cells)] == ["2021, 2023"]
    values(hep, "museums")[2023] = 13  # the only missing year is the unreadable one: nothing to add
    assert hits("IND-001", hep, cells=cells, issues=[issue]) == []


def test_no_data_without_a_note_asks_for_the_note_with_a_note_it_is_a_data_gap_to_show():
    hep = clean_hep()
    values(hep, "museums")[2023] = NO_DATA
    values(hep, "museums")[2021] = NO_DATA
    values(hep, "population_15_17.age_15")[2022] = NO_DATA
    hep.indicators["population_15_17.age_15"].note = " \t"  # only spaces: no note
    assert found("IND-002", hep) == [
        (("indicator", "population_15_17.age_15", "note"), "population_15_17.age_15", None,
         {"number": 5, "name": "15 éves gyermekek száma", "years": "2022"}),
        (("indicator", "museums", "note"), "museums", None, {"number": 40, "name": MUSEUMS, "years": "2021, 2023"}),
    ]
    assert messages("IND-002", hep)[1] == (
        "40. mutató – Muzeális intézmények száma: „nincs adat” szerepel (2021, 2023), de a Megjegyzés üres. "
        "Írja le, miért hiányzik az adat (pl. „a KSH nem közöl településsoros adatot”).")
    assert [h.key for h in hits("IND-003", hep)] == []
    hep.indicators["museums"].note = "  a KSH nem közöl adatot \n"
    assert [h.key for h in hits("IND-002", hep)] == [("indicator", "population_15_17.age_15", "note")]
    assert found("IND-003", hep) == [
        (("indicator", "museums", 2021), "museums", NO_DATA,
         {"number": 40, "name": MUSEUMS, "years": "2021, 2023", "note": "a KSH nem közöl adatot",
          "section": "2.3"})]
    assert messages("IND-003", hep) == [
        "40. mutató – Muzeális intézmények száma: nincs adat (2021, 2023); indoklás: a KSH nem közöl adatot. "
        "Az adathiányt a helyzetelemzésben (2.3) is mutassa be."]


def test_series_status_says_what_a_series_lacks_and_whether_it_is_complete():
    hep = clean_hep()
    values(hep, "museums")[2021] = NO_DATA
    del values(hep, "housing_stock")[2024]
    values(hep, "housing_stock")[2022] = NO_DATA
    hep.indicators["housing_stock"].note = "indok"
    values(hep, "public_libraries")[2020] = NO_DATA
    hep.indicators["public_libraries"].note = "indok"
    ctx = context(hep)
    ids = ("museums", "housing_stock", "public_libraries", "population_15_17.age_15", "public_library_holdings")
    status = {sid: indicators.series_status(ctx, CAT.series_by_id[sid], CAT.indicator_of(sid)) for sid in ids}
    years = [2020, 2021, 2022, 2023, 2024]
    assert status == {
        "museums": {"needed": years, "missing": [], "no_data": [2021], "note": "", "census": False,
                    "complete": False},
        "housing_stock": {"needed": years, "missing": [2024], "no_data": [2022], "note": "indok", "census": False,
                          "complete": False},
        "public_libraries": {"needed": years, "missing": [], "no_data": [2020], "note": "indok", "census": False,
                             "complete": True},
        "population_15_17.age_15": {"needed": [2022], "missing": [], "no_data": [], "note": "", "census": True,
                                    "complete": True},
        "public_library_holdings": {"needed": years, "missing": [], "no_data": [], "note": "", "census": False,
                                    "complete": True},
    }


def test_fewer_year_columns_than_five_ending_with_the_last_closed_year():
    hep = clean_hep()
    hep.years = [2021, 2022, 2023, 2024]
    assert found("IND-004", hep) == [
        (("table", "indicators"), "years", "2021, 2022, 2023, 2024", {"minimum": 5, "lacking": "2020"})]
    assert messages("IND-004", hep) == [
        "Az 1. melléklet legalább 5 egymást követő év adatait kéri az utolsó lezárt évvel bezárólag; hiányzó "
        "évoszlopok: 2020. Készítsen új munkafüzetet (hep-xl new)."]
    hep.years = [2019, 2020, 2022, 2023, 2024]  # five columns, but 2021 is not one of them
    assert found("IND-004", hep) == [
        (("table", "indicators"), "years", "2019, 2020, 2022, 2023, 2024", {"minimum": 5, "lacking": "2021"})]
    hep.years = []
    assert found("IND-004", hep) == [(("table", "indicators"), "years", "", {"minimum": 5, "lacking": ""})]
    assert indicators.window(context(hep)) == []
    hep.years = list(range(2015, 2025))  # more than five is fine
    assert hits("IND-004", hep) == []


# -- plausibility of single values: IND-010 … IND-013 ------------------------------------------------

def test_a_count_is_not_negative_and_whole_where_it_is_counted_at_a_date():
    hep = clean_hep()
    values(hep, "museums").update({2024: -1, 2020: 10.5, 2022: 0, 2023: NO_DATA})  # years in sorted order
    values(hep, "registered_jobseekers").update({2021: 12.5, 2022: -0.25})  # an average: a fraction is fine
    values(hep, "natural_increase")[2021] = -12.5  # not a count (IND-011's)
    del hep.indicators["resident_population"]  # a series absent from the model is skipped
    assert found("IND-010", hep) == [
        (("indicator", "registered_jobseekers", 2022), "registered_jobseekers", -0.25,
         {"number": 13, "name": JOBSEEKERS, "year": 2022, "shown": "-0,25"}),
        (("indicator", "museums", 2020), "museums", 10.5,
         {"number": 40, "name": MUSEUMS, "year": 2020, "shown": "10,5"}),
        (("indicator", "museums", 2024), "museums", -1, {"number": 40, "name": MUSEUMS, "year": 2024, "shown": "-1"}),
    ]
    assert messages("IND-010", hep)[1] == (
        "40. mutató – Muzeális intézmények száma, 2020: a(z) 10,5 érték nem lehet ez a darabszám. A darabszám nem "
        "negatív, és egész szám, ha egy időpontban vagy egy év alatt számolt (pl. 1234); csak az átlag "
        "(negyedéves adatok éves átlaga, „átlagos száma”) lehet tört (pl. 116,75).")


def test_a_signed_count_is_whole_and_may_be_negative():
    hep = clean_hep()
    values(hep, "natural_increase").update({2021: -12.5, 2022: -13, 2023: 0})
    values(hep, "museums")[2021] = 10.5  # a count: IND-010's
    assert found("IND-011", hep) == [
        (("indicator", "natural_increase", 2021), "natural_increase", -12.5,
         {"number": 7, "name": "Természetes szaporodás", "year": 2021, "shown": "-12,5"})]
    assert messages("IND-011", hep) == [
        "7. mutató – Természetes szaporodás, 2021: a(z) -12,5 érték nem egész szám (pl. -12 vagy 8)."]


def test_a_percentage_lies_between_0_and_100_inclusive():
    hep = clean_hep()
    values(hep, MALE).update({2021: 100.5, 2024: -0.5})
    values(hep, FEMALE).update({2021: 100, 2022: 0})
    values(hep, "kindergarten_demand_ratio")[2021] = 150.0  # percent_open: above 100 is fine
    assert found("IND-012", hep) == [
        (("indicator", MALE, 2021), MALE, 100.5,
         {"number": 3, "name": name(MALE), "year": 2021, "shown": "100,5"}),
        (("indicator", MALE, 2024), MALE, -0.5, {"number": 3, "name": name(MALE), "year": 2024, "shown": "-0,5"}),
    ]
    assert messages("IND-012", hep)[0] == (
        "3. mutató – Állandó népesség, férfiak aránya, 2021: 100,5 nem lehet százalék; 0 és 100 közötti "
        "számot írjon (pl. 48,5).")


def test_a_ratio_above_100_or_an_index_may_be_anything_but_negative():
    hep = clean_hep()
    values(hep, "resident_population_change").update({2021: -0.5, 2022: 0})
    values(hep, "kindergarten_demand_ratio").update({2021: 150.0})
    values(hep, "ageing_index")[2024] = -1
    values(hep, "net_migration")[2021] = -30  # a rate per 1000 may be negative
    values(hep, MALE)[2021] = -0.5  # a percentage: IND-012's
    assert found("IND-013", hep) == [
        (("indicator", "resident_population_change", 2021), "resident_population_change", -0.5,
         {"number": 2, "name": "Lakónépesség számának változása", "year": 2021, "shown": "-0,5"}),
        (("indicator", "ageing_index", 2024), "ageing_index", -1,
         {"number": 4, "name": "Öregedési index", "year": 2024, "shown": "-1"}),
    ]
    assert messages("IND-013", hep)[1] == "4. mutató – Öregedési index, 2024: a(z) -1 érték nem lehet negatív."


# -- share sums: IND-014, IND-015 ---------------------------------------------------------------------

def test_male_and_female_shares_add_up_to_100_within_the_tolerance():
    hep = clean_hep()
    values(hep, MALE).update({2020: 50.0, 2022: 47.0, 2024: 50.0})
    values(hep, FEMALE).update({2020: 51.5, 2022: 51.5, 2024: 51.5})  # 101.5, 98.5, 101.5
    assert hits("IND-014", hep, share_sum_tolerance=1.5) == []  # exactly at the tolerance
    assert found("IND-014", hep, share_sum_tolerance=1.25) == [
        (("indicator", FEMALE, y), FEMALE, 51.5,
         {"year": y, "male": m, "female": "51,5", "total": t, "tolerance": "1,25"})
        for y, m, t in ((2020, "50", "101,5"), (2022, "47", "98,5"), (2024, "50", "101,5"))]
    assert messages("IND-014", hep, share_sum_tolerance=1.25)[0] == (
        "2020: a férfiak (50%) és a nők (51,5%) aránya együtt 101,5%, nem 100% (eltérés legfeljebb 1,25 "
        "százalékpont lehet). Valószínűleg elírás.")
    # the default tolerance is one percentage point
    assert [h.params["year"] for h in hits("IND-014", hep)] == [2020, 2022, 2024]
    values(hep, FEMALE)[2022] = NO_DATA  # a share not given: nothing to add up
    del values(hep, MALE)[2024]
    assert [h.params["year"] for h in hits("IND-014", hep)] == [2020]


def _exact_age_shares(hep, year):
    """Age shares for ``year`` that add up to exactly 100 (0.25 steps)."""
    for sid, v in zip(AGE_SHARES, (7.0, 6.75, 1.5, 1.5, 27.0, 26.5, 3.5, 4.0, 9.5, 12.75)):
        values(hep, sid)[year] = v


def test_the_ten_age_shares_add_up_to_100_within_their_tolerance():
    hep = clean_hep()
    for y in (2020, 2023):
        _exact_age_shares(hep, y)
    values(hep, "permanent_population.male_18_59_share")[2020] = 25.5  # 98.5
    values(hep, "permanent_population.female_65_plus_share")[2023] = 14.25  # 101.5
    assert hits("IND-015", hep, age_share_sum_tolerance=1.5) == []
    first = AGE_SHARES[0]
    assert found("IND-015", hep, age_share_sum_tolerance=1.25) == [
        (("indicator", first, y), first, 7.0,
         {"year": y, "total": t, "tolerance": "1,25", "number": 3, "count": 10, "expected": "100"})
        for y, t in ((2020, "98,5"), (2023, "101,5"))]
    assert messages("IND-015", hep, age_share_sum_tolerance=1.25)[1] == (
        "2023: a(z) 3. mutató korcsoportos arányai (nemenként, 10 érték) együtt 101,5%, nem 100% "
        "(tűrés 1,25 százalékpont).")
    assert hits("IND-015", hep) == []  # the default tolerance is 1.5 points
    values(hep, "permanent_population.female_65_plus_share")[2023] = 14.5  # 101.75
    assert [h.params["year"] for h in hits("IND-015", hep)] == [2023]
    values(hep, "permanent_population.female_60_64_share")[2023] = NO_DATA
    assert hits("IND-015", hep) == []


def test_a_share_sum_the_catalog_lacks_or_that_names_unknown_series_is_not_checked():
    hep = clean_hep()
    values(hep, MALE)[2020] = 60.0
    values(hep, AGE_SHARES[0])[2020] = 20.0
    cfg = ValidationConfig(as_of=AS_OF)
    for rule_id in ("IND-014", "IND-015"):
        assert len(hits(rule_id, hep)) == 1, rule_id
        no_sums = Context(hep, replace(CAT, share_sums=()), cfg)
        assert list(RULES[rule_id].func(no_sums)) == [], rule_id
        unknown = (ShareSum(rule_id, ("no_such_series", MALE), 100), )
        ctx = Context(hep, replace(CAT, share_sums=unknown), cfg)
        assert list(RULES[rule_id].func(ctx)) == [], rule_id


# -- derivations: IND-020 … IND-023 -------------------------------------------------------------------

def test_population_change_against_the_population_of_indicator_1():
    hep = clean_hep()
    values(hep, "resident_population")[2024] = 3175  # 3175 / 2540 × 100 = 125.0 exactly
    values(hep, "resident_population_change")[2024] = 125.5
    assert hits("IND-020", hep, population_change_tolerance=0.5) == []
    assert found("IND-020", hep, population_change_tolerance=0.25) == [
        (("indicator", "resident_population_change", 2024), "resident_population_change", 125.5,
         {"year": 2024, "shown": "125,5", "expected": "125", "number": 2, "base_number": 1,
          "population": "3175", "previous": "2540"})]
    assert messages("IND-020", hep, population_change_tolerance=0.25) == [
        "2024: a(z) 2. mutató értéke 125,5, de a(z) 1. mutatóból 3175 / 2540 × 100 = 125. Javítsa valamelyik "
        "értéket."]
    values(hep, "resident_population_change")[2024] = 124.5  # below as much as above
    assert [h.params["shown"] for h in hits("IND-020", hep, population_change_tolerance=0.25)] == ["124,5"]
    assert hits("IND-020", hep) == [hits("IND-020", hep, population_change_tolerance=0.25)[0]]  # default 0.15


def test_population_change_is_not_compared_where_it_cannot_be_computed():
    hep = clean_hep()
    # 2020 (the first column) has no previous year; a zero population in 2021 makes 2022 uncomputable
    values(hep, "resident_population_change")[2020] = 500.0
    values(hep, "resident_population")[2021] = 0
    values(hep, "resident_population_change")[2024] = 200.0  # 2520 / 2540 × 100 = 99.21
    assert found("IND-020", hep) == [
        (("indicator", "resident_population_change", 2021), "resident_population_change", 99.23,
         {"year": 2021, "shown": "99,23", "expected": "0", "number": 2, "base_number": 1,
          "population": "0", "previous": "2600"}),
        (("indicator", "resident_population_change", 2024), "resident_population_change", 200.0,
         {"year": 2024, "shown": "200", "expected": "99,21", "number": 2, "base_number": 1,
          "population": "2520", "previous": "2540"}),
    ]
    hep = clean_hep()
    values(hep, "resident_population_change")[2022] = NO_DATA
    values(hep, "resident_population")[2023] = NO_DATA  # 2023 and 2024 are not computable
    values(hep, "resident_population_change")[2024] = 200.0
    assert hits("IND-020", hep) == []


def _exact_ageing_inputs(hep, year):
    """(10 + 15) / (10 + 10) × 100 = 125.0 exactly."""
    for sid, v in (("male_65_plus", 10.0), ("female_65_plus", 15.0), ("male_0_14", 10.0), ("female_0_14", 10.0)):
        values(hep, f"permanent_population.{sid}_share")[year] = v


def test_the_ageing_index_against_the_shares_relative_tolerance():
    hep = clean_hep()
    _exact_ageing_inputs(hep, 2023)
    formula = CAT.indicator_by_number[4].derivation.formula
    for stated in (156.25, 93.75):  # 125 ± 25 % of 125 = 31.25
        values(hep, "ageing_index")[2023] = stated
        assert hits("IND-021", hep, ageing_index_rel_tolerance=0.25) == [], stated
    for stated, shown in ((156.5, "156,5"), (93.5, "93,5")):
        values(hep, "ageing_index")[2023] = stated
        assert found("IND-021", hep, ageing_index_rel_tolerance=0.25) == [
            (("indicator", "ageing_index", 2023), "ageing_index", stated,
             {"year": 2023, "shown": shown, "expected": "125", "formula": formula, "base_number": 3})]


def test_the_ageing_index_against_the_shares_absolute_floor():
    hep = clean_hep()
    _exact_ageing_inputs(hep, 2023)
    values(hep, "ageing_index")[2023] = 127.0
    assert hits("IND-021", hep, ageing_index_rel_tolerance=0.0, ageing_index_abs_tolerance=2.0) == []
    values(hep, "ageing_index")[2023] = 127.25
    assert [h.key for h in hits("IND-021", hep, ageing_index_rel_tolerance=0.0, ageing_index_abs_tolerance=2.0)] == [
        ("indicator", "ageing_index", 2023)]
    # the larger of the two counts: 2 points here, 0 % of 125
    assert hits("IND-021", hep, ageing_index_rel_tolerance=0.01, ageing_index_abs_tolerance=2.25) == []


def test_the_ageing_index_message_shows_the_computed_index_to_one_decimal():
    hep = clean_hep()
    values(hep, "ageing_index")[2023] = 150  # (9.5 + 12.7) / (7.0 + 6.8) × 100 = 160.87, shown 160,9
    formula = CAT.indicator_by_number[4].derivation.formula
    assert messages("IND-021", hep) == [
        f"2023: az öregedési index 150, de a(z) 3. mutató arányaiból 160,9 adódik (számítás: {formula})."]
    values(hep, "permanent_population.male_0_14_share")[2023] = 0
    values(hep, "permanent_population.female_0_14_share")[2023] = 0  # no children: no index to compare
    assert hits("IND-021", hep) == []


def test_a_ratio_against_its_numerator_and_denominator():
    hep = clean_hep()
    kg = "kindergarten_demand_ratio"
    values(hep, f"{kg}.applicants")[2023] = 60
    values(hep, f"{kg}.places")[2023] = 80  # 75.0 exactly
    values(hep, kg)[2023] = 75.5
    assert hits("IND-022", hep, ratio_tolerance=0.5) == []
    assert found("IND-022", hep, ratio_tolerance=0.25) == [
        (("indicator", kg, 2023), kg, 75.5,
         {"number": 28, "name": name(kg), "year": 2023, "shown": "75,5", "expected": "75",
          "numerator": "60", "denominator": "80"})]
    values(hep, kg)[2023] = 74.5
    assert [h.params["shown"] for h in hits("IND-022", hep, ratio_tolerance=0.25)] == ["74,5"]
    # several: in the decree's order (8 before 28), each at its own cell
    values(hep, "unemployment_rate_by_sex.male_rate")[2020] = 5.0  # 5 / 850 × 100 = 0.59
    assert found("IND-022", hep)[0] == (
        ("indicator", "unemployment_rate_by_sex.male_rate", 2020), "unemployment_rate_by_sex.male_rate", 5.0,
        {"number": 8, "name": name("unemployment_rate_by_sex.male_rate"), "year": 2020, "shown": "5",
         "expected": "0,59", "numerator": "5", "denominator": "850"})
    assert [h.key for h in hits("IND-022", hep)] == [("indicator", "unemployment_rate_by_sex.male_rate", 2020),
                                                     ("indicator", kg, 2023)]
    assert messages("IND-022", hep)[1] == f"28. mutató – {name(kg)}, 2023: 74,5, de 60 / 80 × 100 = 75."
    values(hep, f"{kg}.places")[2023] = 0  # no places: nothing to compare
    assert len(hits("IND-022", hep)) == 1


def test_a_share_against_100_minus_its_complement():
    hep = clean_hep()
    m, f = "no_primary_education_share.male_share", "no_primary_education_share.female_share"
    values(hep, "no_primary_education_share.male_at_least_primary_share")[2022] = 90.0  # 100 − 90 = 10
    values(hep, m)[2022] = 10.5
    assert hits("IND-023", hep, ratio_tolerance=0.5) == []
    assert found("IND-023", hep, ratio_tolerance=0.25) == [
        (("indicator", m, 2022), m, 10.5,
         {"number": 16, "name": name(m), "year": 2022, "shown": "10,5", "expected": "10", "base": "90"})]
    values(hep, m)[2022] = 9.5
    values(hep, "no_primary_education_share.female_at_least_primary_share")[2022] = 80.0  # 100 − 80 = 20; 4.5
    assert [(h.key, h.params["shown"]) for h in hits("IND-023", hep, ratio_tolerance=0.25)] == [
        (("indicator", m, 2022), "9,5"), (("indicator", f, 2022), "4,5")]
    assert messages("IND-023", hep)[1] == f"16. mutató – {name(f)}, 2022: 4,5, de 100 − 80 = 20."
    values(hep, "no_primary_education_share.male_at_least_primary_share")[2022] = NO_DATA
    assert [h.key for h in hits("IND-023", hep)] == [("indicator", f, 2022)]


def test_each_derivation_rule_compares_only_its_own_kind():
    hep = clean_hep()
    values(hep, "resident_population_change")[2023] = 50.0
    values(hep, "ageing_index")[2023] = 50.0
    values(hep, "kindergarten_demand_ratio")[2023] = 50.0
    values(hep, "no_primary_education_share.male_share")[2022] = 50.0
    rule_ids = ("IND-020", "IND-021", "IND-022", "IND-023")
    assert {rule_id: [h.key[1] for h in hits(rule_id, hep)] for rule_id in rule_ids} == {
        "IND-020": ["resident_population_change"], "IND-021": ["ageing_index"],
        "IND-022": ["kindergarten_demand_ratio"], "IND-023": ["no_primary_education_share.male_share"]}


# -- jumps: IND-030 -----------------------------------------------------------------------------------

def test_a_more_than_threefold_change_either_way_is_suspicious():
    hep = clean_hep()
    values(hep, "museums").update({2022: 34, 2023: 11})  # 11 → 34 → 11: both more than 3×
    values(hep, "housing_stock").update({2022: 33})  # 11 → 33: exactly 3×
    assert found("IND-030", hep) == [
        (("indicator", "museums", y), "museums", b,
         {"number": 40, "name": MUSEUMS, "year": y, "shown": s, "previous": p, "factor": "3"})
        for y, b, s, p in ((2022, 34, "34", "11"), (2023, 11, "11", "34"))]
    assert messages("IND-030", hep)[0] == (
        "40. mutató – Muzeális intézmények száma, 2022: 34, az előző évben 11 (több mint 3-szoros változás). "
        "Ellenőrizze, nem elírás-e.")
    # 2.5×: 11 → 33 and 33 → 13 (2.54×) count too
    assert [(h.key, h.params["factor"]) for h in hits("IND-030", hep, jump_factor=2.5)] == [
        (("indicator", "museums", 2022), "2,5"), (("indicator", "museums", 2023), "2,5"),
        (("indicator", "housing_stock", 2022), "2,5"), (("indicator", "housing_stock", 2023), "2,5")]


def test_small_values_jump_naturally():
    hep = clean_hep()
    values(hep, "museums").update({2022: 34})
    assert len(hits("IND-030", hep, jump_min_value=34)) == 1  # the larger value is exactly the floor
    assert hits("IND-030", hep, jump_min_value=34.25) == []
    values(hep, "kindergarten_sites").update({2021: 1, 2022: 21, 2023: 1})  # 21 > 20: both jumps count
    assert [h.key for h in hits("IND-030", hep, jump_min_value=21)] == [
        ("indicator", "kindergarten_sites", 2022), ("indicator", "kindergarten_sites", 2023),
        ("indicator", "museums", 2022)]


def test_zero_negative_missing_and_not_a_number_are_not_jumps():
    hep = clean_hep()
    values(hep, "museums").update({2021: 0, 2022: 40, 2023: 0})  # 10 → 0 → 40 → 0 → 14
    values(hep, "housing_stock").update({2021: -20, 2022: 40, 2023: NO_DATA, 2024: 300})
    del values(hep, "public_libraries")[2021]
    values(hep, "public_libraries").update({2022: 50, 2023: 40})
    assert hits("IND-030", hep) == []


def test_jumps_are_looked_for_in_counts_percentages_ratios_and_indices_only():
    hep = clean_hep()
    del hep.indicators["resident_population"]  # a series absent from the model is skipped
    values(hep, "permanent_population.age_0_2_share")[2021] = 30.0  # percent: 2.6 → 30 → 2.6
    values(hep, "kindergarten_demand_ratio")[2024] = 300.0  # percent_open
    values(hep, "ageing_index")[2021] = 600.0  # index
    values(hep, "museums")[2024] = 50  # count
    values(hep, "net_migration").update({2021: 1, 2022: 50})  # a rate per 1000: not looked at
    values(hep, "natural_increase").update({2021: 1, 2022: 50})  # a signed count: not looked at
    assert [h.key for h in hits("IND-030", hep)] == [
        ("indicator", "permanent_population.age_0_2_share", 2021),
        ("indicator", "permanent_population.age_0_2_share", 2022),
        ("indicator", "ageing_index", 2021), ("indicator", "ageing_index", 2022),
        ("indicator", "kindergarten_demand_ratio", 2024), ("indicator", "museums", 2024)]


# -- containment pairs: IND-040 … IND-042 -------------------------------------------------------------

EDU = "jobseekers_by_education.primary_school"  # + below_primary_school (3) at most all jobseekers (13)


def pair(kind, part):
    return next(c for c in CAT.consistency if c.kind == kind and c.parts[0] == part)


def test_parts_may_exceed_a_whole_of_averages_by_the_absolute_tolerance():
    hep = clean_hep()
    values(hep, EDU)[2020] = 8  # 8 + 3 = 11 against 10: 1 over, the absolute tolerance
    assert hits("IND-040", hep) == []
    values(hep, EDU)[2020] = 8.25  # 11.25: 1.25 over
    c = pair("at_most", EDU)
    assert found("IND-040", hep) == [
        (("indicator", EDU, 2020), EDU, 11.25,
         {"year": 2020, "parts": "9", "part_name": CAT.indicator_by_number[9].name, "sum": "11,25",
          "whole_number": 13, "whole_name": JOBSEEKERS, "whole": "10", "whole_at": "",
          "ref": "1. melléklet 9. és 13. sor", "reason": c.reason})]
    assert messages("IND-040", hep) == [
        f"2020: {CAT.indicator_by_number[9].name} (9. mutató) 11,25, több mint {JOBSEEKERS} (13. mutató): 10 – "
        f"{c.reason} (1. melléklet 9. és 13. sor). Ellenőrizze mindkét értéket."]
    assert hits("IND-040", hep, containment_abs_tolerance=1.25) == []
    values(hep, EDU)[2020] = 0  # far below the whole: fine
    assert hits("IND-040", hep) == []


def test_parts_may_exceed_a_whole_of_averages_by_the_relative_tolerance():
    hep = clean_hep()
    values(hep, "registered_jobseekers")[2024] = 100
    values(hep, EDU)[2024] = 122  # 122 + 3 = 125: 25 over, 25 % of 100
    assert hits("IND-040", hep, containment_rel_tolerance=0.25) == []
    values(hep, EDU)[2024] = 122.5
    assert [(h.key, h.params["sum"]) for h in hits("IND-040", hep, containment_rel_tolerance=0.25)] == [
        (("indicator", EDU, 2024), "125,5")]
    assert hits("IND-040", hep, containment_rel_tolerance=0.25, containment_abs_tolerance=25.5) == []


def test_whole_number_counts_contain_each_other_exactly_and_the_message_names_the_wholes_cell():
    hep = clean_hep()
    part = "special_needs_primary_classes"  # 21, at most 22 (primary_classes: 10 … 14)
    values(hep, part)[2021] = 11  # equal: fine
    assert hits("IND-040", hep, containment_abs_tolerance=5.0) == []
    values(hep, part)[2021] = 12
    values(hep, "special_needs_kindergarten_groups")[2024] = 15  # 25, at most 24 (kindergarten_groups: 14)
    cells = {("indicator", "primary_classes", 2021): CellRef("1. Mutatók", "H40")}
    got = found("IND-040", hep, containment_abs_tolerance=5.0, cells=cells)
    assert [(k, f, v, p["part_name"], p["parts"], p["whole_number"], p["whole"], p["whole_at"])
            for k, f, v, p in got] == [
        (("indicator", part, 2021), part, 12, name(part), "21", 22, "11", ", 1. Mutatók!H40"),
        (("indicator", "special_needs_kindergarten_groups", 2024), "special_needs_kindergarten_groups", 15,
         name("special_needs_kindergarten_groups"), "25", 24, "14", "")]
    assert messages("IND-040", hep, cells=cells)[0] == (
        "2021: Az általános iskolai osztályok száma a gyógypedagógiai oktatásban (21. mutató) 12, több mint "
        "Az általános iskolai osztályok száma (22. mutató, 1. Mutatók!H40): 11 – a 22. sor az osztályokat "
        "„gyógypedagógiai oktatással együtt” számolja (1. melléklet 21. és 22. sor). Ellenőrizze mindkét értéket.")
    values(hep, "primary_classes")[2021] = NO_DATA  # nothing to compare
    values(hep, "special_needs_kindergarten_groups")[2024] = NO_DATA
    assert hits("IND-040", hep) == []


def test_parts_add_up_to_their_total_within_the_tolerance():
    hep = clean_hep()
    sex, age = "unemployment_rate_by_sex.male_jobseekers", "jobseekers_by_age.under_20"
    values(hep, sex).update({2020: 6, 2021: 5})  # 6 + 5 = 11 against 10, 5 + 5 = 10 against 11: 1 off
    assert hits("IND-041", hep) == []
    values(hep, sex).update({2020: 6.25, 2021: 4.5, 2024: 8.25})  # 11.25, 9.5 (1.5 off), 15.25 against 14
    values(hep, age)[2020] = 4  # 4 + 9 = 13 against 10
    c = pair("sum_equals", sex)
    got = found("IND-041", hep)
    assert [(k, v, p["sum"], p["whole"]) for k, _, v, p in got] == [
        (("indicator", sex, 2020), 11.25, "11,25", "10"), (("indicator", sex, 2021), 9.5, "9,5", "11"),
        (("indicator", sex, 2024), 15.25, "15,25", "14"), (("indicator", age, 2020), 13, "13", "10")]
    assert got[0] == (("indicator", sex, 2020), sex, 11.25,
                      {"year": 2020, "parts": "8", "part_name": CAT.indicator_by_number[8].name, "sum": "11,25",
                       "whole_number": 13, "whole_name": JOBSEEKERS, "whole": "10", "whole_at": "",
                       "ref": "1. melléklet 8. és 13. sor", "reason": c.reason})
    assert messages("IND-041", hep)[0] == (
        f"2020: a(z) 8. mutató részei együtt 11,25, de {JOBSEEKERS} (13. mutató) 10 – {c.reason} "
        "(1. melléklet 8. és 13. sor). Ellenőrizze az értékeket.")
    assert [h.params["year"] for h in hits("IND-041", hep, containment_abs_tolerance=1.25)] == [2021, 2020]
    values(hep, "registered_jobseekers")[2020] = NO_DATA
    assert [h.params["year"] for h in hits("IND-041", hep, containment_abs_tolerance=1.25)] == [2021]


def test_the_15_to_17_year_olds_against_their_share_of_the_permanent_population():
    hep = clean_hep()
    parts = ("population_15_17.age_15", "population_15_17.age_16", "population_15_17.age_17")
    values(hep, parts[0])[2022] = 40  # 40 + 26 + 26 = 92; 2510 × (1.6 + 1.5) / 100 = 77.81, ± 7.78
    c = pair("share_of_population", parts[0])
    assert found("IND-042", hep) == [
        (("indicator", parts[0], 2022), parts[0], 92,
         {"year": 2022, "parts": "5", "part_name": "15-17 évesek száma", "sum": "92", "whole_number": 3,
          "whole_name": "Állandó népesség száma", "whole": "2510", "whole_at": "", "ref": "1. melléklet 5. és 3. sor",
          "reason": c.reason, "share": "3,1", "expected": "78"})]
    assert messages("IND-042", hep) == [
        f"2022: a(z) 5. mutató szerint 92 fő, a(z) 3. mutató 15–17 éves aránya (3,1%) és az állandó népesség "
        f"(2510) szerint kb. 78 – {c.reason} (1. melléklet 5. és 3. sor). Ellenőrizze az értékeket."]


def test_the_15_to_17_year_olds_boundaries():
    hep = clean_hep()
    parts = ("population_15_17.age_15", "population_15_17.age_16", "population_15_17.age_17")
    values(hep, "permanent_population.population")[2022] = 2000
    values(hep, "permanent_population.male_15_17_share")[2022] = 1.5
    values(hep, "permanent_population.female_15_17_share")[2022] = 2.5  # 2000 × 4 % = 80 exactly

    def set_parts(a, b, c):
        for sid, v in zip(parts, (a, b, c)):
            values(hep, sid)[2022] = v

    for total in ((30, 30, 30), (20, 25, 25)):  # 90, 70: 10 off, 12.5 % of 80
        set_parts(*total)
        assert hits("IND-042", hep, population_estimate_rel_tolerance=0.125) == [], total
    for total, shown in (((30, 30, 31), "91"), ((20, 24, 25), "69")):
        set_parts(*total)
        assert [(h.params["sum"], h.params["expected"], h.params["share"])
                for h in hits("IND-042", hep, population_estimate_rel_tolerance=0.125)] == [(shown, "80", "4")]
    set_parts(28, 28, 29)  # 85: 5 off, the absolute tolerance when it is the larger
    assert hits("IND-042", hep, population_estimate_rel_tolerance=0.0, containment_abs_tolerance=5.0) == []
    set_parts(28, 28, 30)
    assert len(hits("IND-042", hep, population_estimate_rel_tolerance=0.0, containment_abs_tolerance=5.0)) == 1
    assert hits("IND-042", hep, population_estimate_rel_tolerance=0.125, containment_abs_tolerance=5.0) == []
    values(hep, "permanent_population.female_15_17_share")[2022] = NO_DATA  # a share not given
    assert hits("IND-042", hep, population_estimate_rel_tolerance=0.0) == []


def test_each_containment_rule_checks_only_its_own_kind_of_pair():
    hep = clean_hep()
    values(hep, "registered_jobseekers")[2022] = 1  # below every part: only "sum_equals" objects
    assert {r: sorted({h.key[1] for h in hits(r, hep)}) for r in ("IND-040", "IND-041", "IND-042")} == {
        "IND-040": sorted({EDU, "jobseeker_assistance_recipients", "jobseekers_entitled_to_benefit",
                           "jobseekers_with_active_age_benefit", "long_term_jobseekers"}),
        "IND-041": ["jobseekers_by_age.under_20", "unemployment_rate_by_sex.male_jobseekers"],
        "IND-042": []}



def test_a_series_absent_from_the_model_is_nothing_to_compare():
    hep = clean_hep()
    del hep.indicators["resident_population"]  # the input of 2
    del hep.indicators[MALE]  # a share of IND-014
    del hep.indicators["registered_jobseekers"]  # the whole of most containment pairs
    values(hep, "resident_population_change")[2023] = 50.0
    for rule_id in ("IND-014", "IND-020", "IND-040", "IND-041"):
        assert hits(rule_id, hep) == [], rule_id
    st = indicators.series_status(context(hep), CAT.series_by_id[MALE], CAT.indicator_by_number[3])
    assert st == {"needed": [2020, 2021, 2022, 2023, 2024], "missing": [2020, 2021, 2022, 2023, 2024],
                  "no_data": [], "note": "", "census": False, "complete": False}


def test_series_status_is_worked_out_once_per_context():
    hep = clean_hep()
    ctx = context(hep)
    sd, ind = CAT.series_by_id["museums"], CAT.indicator_by_number[40]
    first = indicators.series_status(ctx, sd, ind)
    assert indicators.series_status(ctx, sd, ind) is first
    assert first["complete"] is True


def _with_pairs(hep, *pairs):
    return Context(hep, replace(CAT, consistency=pairs), ValidationConfig(as_of=AS_OF))


def test_a_pair_whose_parts_belong_to_several_indicators_names_each_once_in_order():
    # the catalog's pairs have their parts in one indicator; the rule takes any the catalog gives
    hep = clean_hep()
    c = Consistency("at_most", ("housing_stock", "museums", "public_libraries"), "resident_population",
                    "próba", "próba")  # 42, 40, 38: 14 + 14 + 14 against 2520
    values(hep, "resident_population")[2024] = 30
    got = list(RULES["IND-040"].func(_with_pairs(hep, c)))
    assert [(h.key, h.params["parts"], h.params["part_name"], h.params["sum"]) for h in got] == [
        (("indicator", "housing_stock", 2024), "38, 40, 42", "Lakásállomány", "42")]


def test_a_single_part_is_named_by_its_series_not_its_indicator():
    hep = clean_hep()
    part = "unemployment_rate_by_sex.male_jobseekers"  # a row of indicator 8 (the rates by sex)
    c = Consistency("at_most", (part,), "registered_jobseekers", "próba", "próba")
    values(hep, part)[2020] = 20  # more than all jobseekers (10)
    got = list(RULES["IND-040"].func(_with_pairs(hep, c)))
    assert [(h.key, h.params["parts"], h.params["part_name"]) for h in got] == [
        (("indicator", part, 2020), "8", "Regisztrált munkanélküli/nyilvántartott álláskereső férfiak száma")]
