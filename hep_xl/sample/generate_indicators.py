"""Generate ``indicators.csv``, the Annex 1 data of the sample settlement Példafalva.

The numbers are fictional but built from a few base parameters so that they agree with each other
the way real TeIR/KSH data do: indicator 2 from the population series 1, the shares and the ageing
index (3, 4) from age-band head counts, the unemployment rates (8) from the jobseekers and the
15–64 population of indicator 3, the kindergarten ratios (28, 29) from applicants and places, the
age bands of the jobseekers (10) summing to the total (13), every count within the count that
contains it (the catalog's consistency pairs: 9, 11, 12, 14, 15 within 13, 55 within 14, …).

Run once after changing a parameter (the test suite checks the committed file is up to date)::

    python -m hep_xl.sample.generate_indicators
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..catalog import load_catalog
from ..model import NO_DATA, NO_DATA_LABEL, default_years, normalize_number

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "indicators.csv"
START_YEAR = 2025
YEARS = default_years(START_YEAR, 5)  # 2020..2024
CENSUS_YEAR = 2022
RETRIEVED = "2025-01-15"

CENSUS_NOTE = "népszámlálási adat: csak a 2022. évi népszámlálás"
QUARTERLY_NOTE = "negyedéves adat: a táblázatban a négy negyedév átlaga (egészre kerekítve)"

SRC_TSTAR = "TeIR – KSH TSTAR, letöltés 2025.01.15"
SRC_CENSUS = "KSH Népszámlálás 2022 (TeIR), letöltés 2025.01.15"
SRC_NFSZ = "TeIR – NFSZ nyilvántartott álláskeresők, letöltés 2025.01.15"
SRC_KIR = "TeIR – KIR-STAT (Oktatási Hivatal), letöltés 2025.01.15"
SRC_SOCIAL = "TeIR – KSH TSTAR, szociális és gyermekvédelmi statisztika, letöltés 2025.01.15"
SRC_PENSION = "TeIR – NYUFIG (Nyugdíjfolyósító Igazgatóság), letöltés 2025.01.15"
SRC_HEALTH = "TeIR – NEAK / KSH TSTAR egészségügyi adatok, letöltés 2025.01.15"
SRC_CULTURE = "TeIR – KSH kulturális statisztika, letöltés 2025.01.15"

# -- base parameters -------------------------------------------------------------------------

# Resident population (lakónépesség), 2019 for the change of 2020 included.
RESIDENT = {2019: 2521, 2020: 2497, 2021: 2466, 2022: 2445, 2023: 2426, 2024: 2404}

# Permanent population by sex and age band in 2020, then the yearly change of each band.
BANDS = ("0_14", "15_17", "18_59", "60_64", "65_plus")
PERMANENT_2020 = {
    "male": {"0_14": 205, "15_17": 44, "18_59": 700, "60_64": 84, "65_plus": 197},
    "female": {"0_14": 196, "15_17": 41, "18_59": 672, "60_64": 97, "65_plus": 308},
}
PERMANENT_2019_TOTAL = 2569
BAND_CHANGE = {  # per year 2021..2024
    "male": {"0_14": (-5, -4, -6, -5), "15_17": (1, -2, 0, -1), "18_59": (-14, -12, -13, -11),
             "60_64": (1, 2, 0, 1), "65_plus": (3, 2, 4, 3)},
    "female": {"0_14": (-4, -6, -5, -4), "15_17": (-1, 1, -2, 0), "18_59": (-12, -13, -11, -12),
               "60_64": (0, 1, 1, -1), "65_plus": (2, 4, 3, 3)},
}
AGE_0_2 = (68, 66, 63, 62, 59)
NATURAL_INCREASE = (-12, -19, -15, -11, -14)
AGE_15_16_17_CENSUS = (29, 27, 28)  # split of the 2022 15-17 population (census)

JOBSEEKERS = {"male": (78, 71, 60, 57, 61), "female": (69, 66, 58, 55, 56)}
JOBSEEKER_AGE_WEIGHTS = (  # indicator 10 bands, shares of all jobseekers
    ("under_20", 4), ("age_20_24", 10), ("age_25_29", 10), ("age_30_34", 10), ("age_35_39", 11),
    ("age_40_44", 12), ("age_45_49", 12), ("age_50_54", 11), ("age_55_59", 12), ("over_59", 8),
)

PLAIN = {  # series id -> (values 2020..2024, source)
    "jobseekers_by_education.primary_school": ((58, 55, 47, 45, 47), SRC_NFSZ),
    "jobseekers_by_education.below_primary_school": ((12, 11, 9, 9, 10), SRC_NFSZ),
    "jobseeker_assistance_recipients": ((4, 3, 3, 2, 2), SRC_NFSZ),
    "jobseekers_entitled_to_benefit": ((16, 15, 12, 11, 13), SRC_NFSZ),
    # every recipient of the employment substitute support (55) is a registered jobseeker entitled to it
    "jobseekers_with_active_age_benefit": ((60, 54, 46, 43, 45), SRC_NFSZ),
    "long_term_jobseekers": ((62, 58, 49, 46, 48), SRC_NFSZ),
    "after_school_pupils": ((95, 92, 90, 86, 84), SRC_KIR),
    "primary_pupils_grades_1_4": ((98, 96, 93, 91, 88), SRC_KIR),
    "primary_pupils_grades_5_8": ((104, 101, 99, 95, 93), SRC_KIR),
    "primary_school_sites": ((1, 1, 1, 1, 1), SRC_KIR),
    "special_needs_primary_classes": ((0, 0, 0, 0, 0), SRC_KIR),
    "primary_classes": ((8, 8, 8, 8, 8), SRC_KIR),
    "grade_8_completed_day_school": ((24, 25, 22, 23, 21), SRC_KIR),
    "kindergarten_groups": ((4, 4, 4, 4, 4), SRC_KIR),
    "special_needs_kindergarten_groups": ((0, 0, 0, 0, 0), SRC_KIR),
    "kindergarten_enrolled": ((92, 90, 87, 85, 83), SRC_KIR),
    "kindergarten_sites": ((1, 1, 1, 1, 1), SRC_KIR),
    "children_under_protection": ((14, 16, 12, 11, 13), SRC_SOCIAL),
    "endangered_children": ((41, 44, 38, 36, 39), SRC_SOCIAL),
    "health_visitor_posts": ((2, 2, 2, 2, 2), SRC_HEALTH),
    "grade_8_completed_adult_education": ((3, 2, 4, 2, NO_DATA), SRC_KIR),
    "primary_adult_education_students": ((14, 11, 12, 9, 10), SRC_KIR),
    "vocational_adult_education_participants": ((0, 0, 0, 0, 0), SRC_KIR),
    "secondary_vocational_adult_education_participants": ((0, 0, 0, 0, 0), SRC_KIR),
    "grammar_school_adult_education_participants": ((0, 0, 0, 0, 0), SRC_KIR),
    "public_libraries": ((1, 1, 1, 1, 1), SRC_CULTURE),
    "public_library_holdings": ((11240, 11305, 11352, 11398, 11431), SRC_CULTURE),
    "museums": ((1, 1, 1, 1, 1), SRC_CULTURE),
    "community_culture_institutions": ((1, 1, 1, 1, 1), SRC_CULTURE),
    "housing_stock": ((1012, 1013, 1013, 1015, 1016), SRC_TSTAR),
    "adult_gp_services": ((0, 0, 0, 0, 0), SRC_HEALTH),
    "adult_and_child_gp_services": ((2, 2, 2, 2, 2), SRC_HEALTH),
    "paediatric_gp_services": ((0, 0, 0, 0, 0), SRC_HEALTH),
    "paediatricians": ((0, 0, 0, 0, 0), SRC_HEALTH),
    "nursery_enrolled": ((0, 0, 7, 12, 14), SRC_SOCIAL),
    "nursery_institutions": ((0, 0, 1, 1, 1), SRC_SOCIAL),
    "family_workplace_nursery_places": ((0, 0, 0, 0, 0), SRC_SOCIAL),
    "disabled_day_care_recipients": ((0, 0, 0, 0, 0), SRC_SOCIAL),
    "elderly_day_care_recipients": ((22, 20, 24, 25, 25), SRC_SOCIAL),
    "male_pensioners": ((251, 249, 252, 254, 255), SRC_PENSION),
    "female_pensioners": ((402, 405, 407, 409, 411), SRC_PENSION),
    "health_impairment_childcare_support_recipients": ((9, 8, 8, 7, 7), SRC_SOCIAL),
    "employment_substitute_support_recipients": ((58, 52, 44, 41, 43), SRC_SOCIAL),
    "public_healthcare_card_holders": ((88, 86, 83, 81, 80), SRC_SOCIAL),
    "old_age_allowance_recipients": ((6, 5, 5, 7, 8), SRC_SOCIAL),
    "regular_child_protection_allowance_recipients": ((214, 203, 191, 184, 177), SRC_SOCIAL),
    "carers_allowance_recipients.entitled": ((21, 22, 22, 24, 25), SRC_SOCIAL),
    "carers_allowance_recipients.discretionary": ((0, 0, 0, 0, 0), SRC_SOCIAL),
    # persons ("összes támogatásban részesített személy"): the members of 63, 60, 57, 55, 52 households
    "housing_maintenance_support_recipients": ((151, 144, 137, 132, 125), SRC_SOCIAL),
    "debt_reduction_support_recipients": ((0, 0, 0, 0, 0), SRC_SOCIAL),
    "reduced_work_capacity_benefit_recipients.male": ((48, 46, 44, 43, 41), SRC_PENSION),
    "reduced_work_capacity_benefit_recipients.female": ((39, 38, 37, 35, 34), SRC_PENSION),
}
NOTES = {
    "grade_8_completed_adult_education": "2024: nincs adat a KSH-nál (a 2024. évi adat a letöltéskor "
                                         "még nem volt közzétéve)",
    "housing_maintenance_support_recipients": "2015. március 1-jétől a helyi rendelet szerinti lakhatási "
                                              "célú települési támogatásban részesült személyek (a "
                                              "támogatott háztartások tagjai) száma",
    "debt_reduction_support_recipients": "az ellátás 2015. március 1-jén megszűnt; helyi adósságkezelési "
                                         "szolgáltatás nem működik",
    "carers_allowance_recipients.discretionary": "méltányossági ápolási díjat az önkormányzat 2015 óta "
                                                 "nem állapít meg",
    "nursery_enrolled": "a mini bölcsőde 2022. szeptember 1-jén nyílt (14 férőhely)",
    "nursery_institutions": "a mini bölcsőde 2022. szeptember 1-jén nyílt",
}

KINDERGARTEN = {"applicants": (94, 91, 88, 85, 84), "places": (100, 100, 100, 100, 100)}
SN_KINDERGARTEN = {"applicants": (3, 4, 4, 5, 5), "places": (4, 4, 4, 6, 6)}
NO_PRIMARY_EDUCATION_2022 = {"male_share": 7.4, "female_share": 9.1}


# -- derivation --------------------------------------------------------------------------------

def r2(x: float) -> int | float:
    return normalize_number(round(x, 2))


def permanent_counts() -> dict[int, dict[str, dict[str, int]]]:
    counts = {YEARS[0]: {sex: dict(b) for sex, b in PERMANENT_2020.items()}}
    for i, year in enumerate(YEARS[1:]):
        prev = counts[year - 1]
        counts[year] = {sex: {b: prev[sex][b] + BAND_CHANGE[sex][b][i] for b in BANDS} for sex in prev}
    return counts


def jobseeker_age_bands(total: int) -> dict[str, int]:
    """Split ``total`` over the age bands by the weights (largest remainder: the bands sum to total)."""
    weight_sum = sum(w for _, w in JOBSEEKER_AGE_WEIGHTS)
    exact = [(band, total * w / weight_sum) for band, w in JOBSEEKER_AGE_WEIGHTS]
    out = {band: int(x) for band, x in exact}
    rest = total - sum(out.values())
    for band, _x in sorted(exact, key=lambda bx: (-(bx[1] - int(bx[1])), bx[0]))[:rest]:
        out[band] += 1
    return out


def compute() -> dict[str, dict]:
    """series id -> {"values": {year: value}, "source": str, "note": str}."""
    out: dict[str, dict] = {}

    def put(sid: str, values, source: str, note: str = "") -> None:
        vals = {y: (v if v is NO_DATA else normalize_number(v)) for y, v in zip(YEARS, values)}
        out[sid] = {"values": vals, "source": source, "note": note}

    put("resident_population", [RESIDENT[y] for y in YEARS], SRC_TSTAR)
    put("resident_population_change", [r2(RESIDENT[y] / RESIDENT[y - 1] * 100) for y in YEARS], SRC_TSTAR,
        "számított: lakónépesség(év) / lakónépesség(előző év) × 100; 2019: 2 521 fő")

    counts = permanent_counts()
    totals = {y: sum(sum(c.values()) for c in counts[y].values()) for y in YEARS}
    pp = "permanent_population."
    put(pp + "population", [totals[y] for y in YEARS], SRC_TSTAR)
    for sex in ("male", "female"):
        put(f"{pp}{sex}_share", [r2(sum(counts[y][sex].values()) / totals[y] * 100) for y in YEARS], SRC_TSTAR)
    put(pp + "age_0_2_share", [r2(n / totals[y] * 100) for y, n in zip(YEARS, AGE_0_2)], SRC_TSTAR)
    for band in BANDS:
        for sex in ("male", "female"):
            put(f"{pp}{sex}_{band}_share", [r2(counts[y][sex][band] / totals[y] * 100) for y in YEARS],
                SRC_TSTAR)
    put("ageing_index", [
        r2((out[pp + "male_65_plus_share"]["values"][y] + out[pp + "female_65_plus_share"]["values"][y])
           / (out[pp + "male_0_14_share"]["values"][y] + out[pp + "female_0_14_share"]["values"][y]) * 100)
        for y in YEARS], SRC_TSTAR, "számított a 3. mutató korcsoportos arányaiból")

    census_15_17 = counts[CENSUS_YEAR]["male"]["15_17"] + counts[CENSUS_YEAR]["female"]["15_17"]
    assert sum(AGE_15_16_17_CENSUS) == census_15_17, (AGE_15_16_17_CENSUS, census_15_17)
    for age, n in zip((15, 16, 17), AGE_15_16_17_CENSUS):
        put(f"population_15_17.age_{age}", [n if y == CENSUS_YEAR else NO_DATA for y in YEARS], SRC_CENSUS,
            CENSUS_NOTE)

    prev_total = {YEARS[0] - 1: PERMANENT_2019_TOTAL, **totals}
    migration = []
    for y, nat in zip(YEARS, NATURAL_INCREASE):
        migration.append(r2((totals[y] - prev_total[y - 1] - nat) / totals[y] * 1000))
    put("net_migration", migration, SRC_TSTAR, "ezer lakosra jutó egyenleg (ezrelék)")
    put("natural_increase", NATURAL_INCREASE, SRC_TSTAR, "élveszületések és halálozások különbsége (fő)")

    ur = "unemployment_rate_by_sex."
    for sex in ("male", "female"):
        pop = [counts[y][sex]["15_17"] + counts[y][sex]["18_59"] + counts[y][sex]["60_64"] for y in YEARS]
        seekers = JOBSEEKERS[sex]
        put(f"{ur}{sex}_rate", [r2(s / p * 100) for s, p in zip(seekers, pop)], SRC_NFSZ,
            "számított: álláskeresők / 15–64 éves állandó népesség × 100")
        put(f"{ur}{sex}_jobseekers", seekers, SRC_NFSZ, QUARTERLY_NOTE)
        put(f"{ur}{sex}_population_15_64", pop, SRC_TSTAR)

    total_seekers = [m + f for m, f in zip(JOBSEEKERS["male"], JOBSEEKERS["female"])]
    put("registered_jobseekers", total_seekers, SRC_NFSZ, QUARTERLY_NOTE)
    bands = [jobseeker_age_bands(t) for t in total_seekers]
    for band, _ in JOBSEEKER_AGE_WEIGHTS:
        put(f"jobseekers_by_age.{band}", [b[band] for b in bands], SRC_NFSZ)

    for sex, share in NO_PRIMARY_EDUCATION_2022.items():
        put(f"no_primary_education_share.{sex}", [share if y == CENSUS_YEAR else NO_DATA for y in YEARS],
            SRC_CENSUS, CENSUS_NOTE)
        # the census publishes the complement: at least 8 grades of primary school (16 = 100 − it)
        gender = sex.split("_")[0]
        put(f"no_primary_education_share.{gender}_at_least_primary_share",
            [r2(100 - share) if y == CENSUS_YEAR else NO_DATA for y in YEARS], SRC_CENSUS, CENSUS_NOTE)

    for sid, data in (("kindergarten_demand_ratio", KINDERGARTEN),
                      ("special_needs_kindergarten_demand_ratio", SN_KINDERGARTEN)):
        put(sid, [r2(a / p * 100) for a, p in zip(data["applicants"], data["places"])], SRC_KIR,
            "számított: igénylők / férőhelyek × 100")
        put(sid + ".applicants", data["applicants"], SRC_KIR)
        put(sid + ".places", data["places"], SRC_KIR)

    for sid, (values, source) in PLAIN.items():
        note = NOTES.get(sid, "")
        if sid.startswith("jobseekers_") or sid in ("jobseeker_assistance_recipients", "long_term_jobseekers"):
            note = note or QUARTERLY_NOTE
        put(sid, values, source, note)

    catalog_ids = [s.id for s in load_catalog().series_rows]
    missing = set(catalog_ids) - set(out)
    extra = set(out) - set(catalog_ids)
    assert not missing and not extra, (sorted(missing), sorted(extra))
    return {sid: out[sid] for sid in catalog_ids}  # in the decree's order


def _cell(value) -> str:
    if value is NO_DATA:
        return NO_DATA_LABEL
    return repr(value)


def render_csv() -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["series_id", *YEARS, "source", "retrieved", "note"])
    for sid, data in compute().items():
        w.writerow([sid, *(_cell(data["values"][y]) for y in YEARS), data["source"], RETRIEVED, data["note"]])
    return buf.getvalue()


def main() -> None:
    CSV_PATH.write_text(render_csv(), encoding="utf-8")
    print(f"{CSV_PATH} kiírva")


if __name__ == "__main__":
    main()
