"""The derived indicators (2, 4, 8, 16, 28, 29) computed from their inputs, with values worked out by
hand: numbers, a blank input, "nincs adat" in exactly one input (either position) or in all,
a zero denominator, and the rounding to two decimals the workbook shows."""

from __future__ import annotations

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.derive import DECIMALS, DerivationError, derivations
from hep_xl.model import NO_DATA

CAT = load_catalog()
MALE_65, FEMALE_65, MALE_0, FEMALE_0 = (f"permanent_population.{s}_share" for s in
                                        ("male_65_plus", "female_65_plus", "male_0_14", "female_0_14"))


def by_target() -> dict:
    """The derivations by target series, built inside each test (so a mutation test sees them built)."""
    return {d.target: d for d in derivations(CAT)}


def getter(values: dict):
    """``get(series, year)`` over {(series, year): value}; absent means a blank cell."""
    return lambda sid, year: values.get((sid, year))


def test_the_catalog_defines_these_derivations():
    BY_TARGET = by_target()
    assert set(BY_TARGET) == {
        "resident_population_change", "ageing_index", "unemployment_rate_by_sex.male_rate",
        "unemployment_rate_by_sex.female_rate", "no_primary_education_share.male_share",
        "no_primary_education_share.female_share", "kindergarten_demand_ratio",
        "special_needs_kindergarten_demand_ratio"}
    assert DECIMALS == 2
    d = by_target()["resident_population_change"]
    assert d.inputs == ("resident_population",) and d.previous_year_of == "resident_population"
    assert BY_TARGET["ageing_index"].inputs == (MALE_65, FEMALE_65, MALE_0, FEMALE_0)
    assert BY_TARGET["kindergarten_demand_ratio"].inputs == ("kindergarten_demand_ratio.applicants",
                                                            "kindergarten_demand_ratio.places")
    assert BY_TARGET["special_needs_kindergarten_demand_ratio"].inputs == (
        "special_needs_kindergarten_demand_ratio.applicants", "special_needs_kindergarten_demand_ratio.places")
    for sex in ("male", "female"):
        assert BY_TARGET[f"unemployment_rate_by_sex.{sex}_rate"].inputs == (
            f"unemployment_rate_by_sex.{sex}_jobseekers", f"unemployment_rate_by_sex.{sex}_population_15_64")
        assert BY_TARGET[f"no_primary_education_share.{sex}_share"].inputs == (
            f"no_primary_education_share.{sex}_at_least_primary_share",)
    for d in BY_TARGET.values():
        ind = CAT.indicator_of(d.target)
        assert d.formula == ind.derivation.formula and d.formula
        assert d.previous_year_of is None or d.target == "resident_population_change"


def test_population_change_is_this_year_over_last_year():
    d = by_target()["resident_population_change"]
    pop = {("resident_population", 2020): 2497, ("resident_population", 2021): 2466}
    assert d.compute(getter(pop), 2021) == 98.76          # 2466 / 2497 × 100 = 98.7585…
    assert d.compute(getter(pop), 2020) is None           # 2019 is blank
    assert d.compute(getter({**pop, ("resident_population", 2019): NO_DATA}), 2020) is NO_DATA
    assert d.compute(getter({**pop, ("resident_population", 2021): NO_DATA}), 2021) is NO_DATA
    assert d.compute(getter({("resident_population", 2021): 2500, ("resident_population", 2020): 2500}), 2021) == 100
    with pytest.raises(DerivationError) as exc:
        d.compute(getter({("resident_population", 2021): 5, ("resident_population", 2020): 0}), 2021)
    assert str(exc.value) == "nem számítható: az előző évi érték nevezője 0"


def test_ageing_index_sums_numerator_and_denominator_shares():
    d = by_target()["ageing_index"]
    v = {(MALE_65, 2022): 9.5, (FEMALE_65, 2022): 12.7, (MALE_0, 2022): 7.0, (FEMALE_0, 2022): 6.8}
    assert d.compute(getter(v), 2022) == 160.87           # 22.2 / 13.8 × 100 = 160.869…
    for sid in (MALE_65, FEMALE_65, MALE_0, FEMALE_0):  # one input "nincs adat": no index, no crash
        assert d.compute(getter({**v, (sid, 2022): NO_DATA}), 2022) is NO_DATA, sid
        assert d.compute(getter({k: x for k, x in v.items() if k[0] != sid}), 2022) is None, sid
    with pytest.raises(DerivationError) as exc:
        d.compute(getter({**v, (MALE_0, 2022): 0, (FEMALE_0, 2022): 0}), 2022)
    assert str(exc.value) == "nem számítható: az öregedési index (0–14 évesek aránya) nevezője 0"


@pytest.mark.parametrize("target", ["unemployment_rate_by_sex.male_rate", "unemployment_rate_by_sex.female_rate",
                                    "kindergarten_demand_ratio", "special_needs_kindergarten_demand_ratio"])
def test_ratios_with_numbers_blanks_and_no_data_in_one_input(target):
    d = by_target()[target]
    num, den = d.inputs
    v = {(num, 2022): 60, (den, 2022): 850}
    assert d.compute(getter(v), 2022) == 7.06              # 60 / 850 × 100 = 7.0588…
    assert d.compute(getter({(num, 2022): 75, (den, 2022): 75}), 2022) == 100
    assert type(d.compute(getter({(num, 2022): 75, (den, 2022): 75}), 2022)) is int
    assert d.compute(getter({(num, 2022): 1, (den, 2022): 3}), 2022) == 33.33
    # exactly one input is "nincs adat" (either one), the other a number: the ratio is "nincs adat"
    assert d.compute(getter({(num, 2022): NO_DATA, (den, 2022): 850}), 2022) is NO_DATA
    assert d.compute(getter({(num, 2022): 60, (den, 2022): NO_DATA}), 2022) is NO_DATA
    assert d.compute(getter({(num, 2022): NO_DATA, (den, 2022): NO_DATA}), 2022) is NO_DATA
    # a blank input: nothing to compute
    assert d.compute(getter({(num, 2022): 60}), 2022) is None
    assert d.compute(getter({(den, 2022): 850}), 2022) is None
    assert d.compute(getter({(num, 2022): NO_DATA}), 2022) is None
    with pytest.raises(DerivationError) as exc:
        d.compute(getter({(num, 2022): 3, (den, 2022): 0}), 2022)
    assert str(exc.value) == f"nem számítható: „{CAT.series_by_id[target].name}” nevezője 0"


@pytest.mark.parametrize("target", ["no_primary_education_share.male_share", "no_primary_education_share.female_share"])
def test_complement_is_100_minus_its_base(target):
    d = by_target()[target]
    (base,) = d.inputs
    assert d.compute(getter({(base, 2022): 95.5}), 2022) == 4.5
    assert d.compute(getter({(base, 2022): 100}), 2022) == 0
    assert d.compute(getter({(base, 2022): 87.123}), 2022) == 12.88  # 12.877 rounded
    assert d.compute(getter({(base, 2022): NO_DATA}), 2022) is NO_DATA
    assert d.compute(getter({}), 2022) is None
