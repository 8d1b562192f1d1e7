"""A complete, clean HEP model for the validator tests (every rule satisfied), and its own test.

Validator tests break one rule at a time on top of this model, write it with the real writer and
read it back with the real reader. Values were chosen by hand to be consistent: indicator 2 is
pop(y)/pop(y-1)*100 of indicator 1, the ageing index is (9.5+12.7)/(7.0+6.8)*100 = 160.9, the age
shares add up to 100.0, the unemployment rates are jobseekers/population*100; the jobseekers by sex
(8) and by age band (10) add up to all jobseekers (13, 10…14), the education groups (9: 5 + 3) stay
below it; the 15-, 16- and 17-year-olds (5: 26 each) are 3.1 % (1.6 + 1.5) of the 2 510 permanent
residents of 2022; the settlement's population is indicator 1 of 2024.

The settlement is a real one, Szigetmonostor (KSH 26213, Pest, 2 519 inhabitants in the KSH
Helységnévtár 2018, no nationality self-government), so the register checks pass. Its record covers
the whole programme period 2025–2029: a Fórum meeting before the adoption and before each of the two
reviews, never two years apart, working-group reports every year up to the last one in 2029; so it
is clean whatever day it is validated on. The only finding is VER-001: a programme starting in 2025
built on the catalog of the decree repealed in 2021.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hep_xl.catalog import load_catalog
from hep_xl.model import (
    ChecklistEntry,
    Forum,
    ForumMeeting,
    ForumMember,
    FrameText,
    Hep,
    IndicatorSeries,
    Measure,
    Problem,
    Settlement,
    WorkingGroup,
)
from hep_xl.validate import validate
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import write_workbook

YEARS = [2020, 2021, 2022, 2023, 2024]
POP = [2600, 2580, 2560, 2540, 2520]
SHARES = {  # permanent_population.* shares of the whole population, %
    "male_share": 48.6, "female_share": 51.4, "age_0_2_share": 2.6,
    "male_0_14_share": 7.0, "female_0_14_share": 6.8, "male_15_17_share": 1.6, "female_15_17_share": 1.5,
    "male_18_59_share": 27.0, "female_18_59_share": 26.5, "male_60_64_share": 3.5,
    "female_60_64_share": 3.9, "male_65_plus_share": 9.5, "female_65_plus_share": 12.7,
}
MALE_JOBSEEKERS, FEMALE_JOBSEEKERS = [5, 6, 6, 7, 7], [5, 5, 6, 6, 7]  # together 10, 11, 12, 13, 14
AGE_BANDS = ("under_20", "age_20_24", "age_25_29", "age_30_34", "age_35_39", "age_40_44", "age_45_49",
             "age_50_54", "age_55_59", "over_59")


def _rate(numbers, population):
    return {y: round(n / population * 100, 2) for y, n in zip(YEARS, numbers)}


SPECIAL = {
    "resident_population": dict(zip(YEARS, POP)),
    "resident_population_change": {2020: 99.5, **{y: round(POP[i] / POP[i - 1] * 100, 2)
                                                 for i, y in enumerate(YEARS) if i}},
    "ageing_index": dict.fromkeys(YEARS, 160.9),
    "net_migration": dict.fromkeys(YEARS, -2.5),
    "natural_increase": dict.fromkeys(YEARS, -12),
    "unemployment_rate_by_sex.male_jobseekers": dict(zip(YEARS, MALE_JOBSEEKERS)),
    "unemployment_rate_by_sex.male_population_15_64": dict.fromkeys(YEARS, 850),
    "unemployment_rate_by_sex.male_rate": _rate(MALE_JOBSEEKERS, 850),
    "unemployment_rate_by_sex.female_jobseekers": dict(zip(YEARS, FEMALE_JOBSEEKERS)),
    "unemployment_rate_by_sex.female_population_15_64": dict.fromkeys(YEARS, 830),
    "unemployment_rate_by_sex.female_rate": _rate(FEMALE_JOBSEEKERS, 830),
    **{f"jobseekers_by_age.{b}": {y: 1 + (i if b == "under_20" else 0) for i, y in enumerate(YEARS)}
       for b in AGE_BANDS},
    "jobseekers_by_education.primary_school": dict.fromkeys(YEARS, 5),
    "jobseekers_by_education.below_primary_school": dict.fromkeys(YEARS, 3),
    "population_15_17.age_15": {2022: 26}, "population_15_17.age_16": {2022: 26},
    "population_15_17.age_17": {2022: 26},
    "kindergarten_demand_ratio.applicants": dict.fromkeys(YEARS, 70),
    "kindergarten_demand_ratio.places": dict.fromkeys(YEARS, 75),
    "kindergarten_demand_ratio": dict.fromkeys(YEARS, 93.33),
    "special_needs_kindergarten_demand_ratio.applicants": dict.fromkeys(YEARS, 3),
    "special_needs_kindergarten_demand_ratio.places": dict.fromkeys(YEARS, 4),
    "special_needs_kindergarten_demand_ratio": dict.fromkeys(YEARS, 75.0),
    "permanent_population.population": dict(zip(YEARS, [2550, 2530, 2510, 2490, 2470])),
}


def clean_hep() -> Hep:
    cat = load_catalog()
    hep = Hep(
        catalog_version=cat.version,
        settlement=Settlement(
            name="Szigetmonostor", ksh_code="26213", county="Pest", population=2520, period_start=2025,
            period_end=2029, adoption_date=dt.date(2025, 2, 27),
            resolution_number="12/2025. (II. 27.) Kt. határozat",
            review_dates=[dt.date(2027, 2, 15), dt.date(2029, 2, 10)],
            author_name="Kiss Anna", author_email="kiss.anna@szigetmonostor.hu", author_phone="+36 1 234 5678"),
        years=list(YEARS),
    )
    for ind in cat.indicators:
        for sd in ind.rows:
            sub = sd.id.split(".", 1)[1] if "." in sd.id else ""
            if sd.id in SPECIAL:
                values = dict(SPECIAL[sd.id])
            elif sd.role == "complement":  # 16: the share is 100 − this (the series get 4.5 below)
                values = dict.fromkeys(YEARS, 95.5)
            elif sd.indicator_number == 3 and sub in SHARES:
                values = dict.fromkeys(YEARS, SHARES[sub])
            elif sd.kind == "percent":
                values = dict.fromkeys(YEARS, 4.5)
            else:
                values = {y: 10 + i for i, y in enumerate(YEARS)}
            if ind.is_census:
                values = {2022: values[2022]}
            hep.indicators[sd.id] = IndicatorSeries(sd.id, values, source="TeIR", retrieved=dt.date(2025, 1, 10))
    for item in cat.checklist_items:
        hep.checklist[item.id] = ChecklistEntry(item.id, "kész", f"A(z) {item.id} pont helyzetleírása.")
    for g in cat.target_groups:
        hep.problems.append(Problem(f"{g.id}-1", g.id, f"{g.short_name}: feltárt probléma",
                                    "fejlesztési lehetőség"))
        hep.measures.append(Measure(
            g.id, 1, f"{g.short_name} – intézkedés", f"{g.id}-1", "cél", "Településfejlesztési Koncepció",
            "tartalom", "polgármester", dt.date(2027, 6, 30), "20 fő bevonása évente", "500 000 Ft pályázat",
            "a program lezárása után a költségvetésből", "járási hivatal", "kevés jelentkező",
            "személyes megkeresés"))
    for part in cat.written_parts:  # the Word document's frame texts
        hep.frame.texts[part.id] = FrameText(part.id, f"{part.heading}: a település szövege.")
    hep.problems.append(Problem("I-2", "I", "második probléma", "", "forráshiány miatt a következő ciklusban"))
    hep.forum = Forum(
        members=[ForumMember("Nagy Péter", "mayor"), ForumMember("Dr. Szabó Éva", "notary"),
                 ForumMember("Kiss Anna", "hep_referent"),
                 ForumMember("Tóth Gábor", "social_policy_round_table"),
                 ForumMember("Kovács Ildikó", "public_service_institution_representatives", "Óvoda", "gyermekek")],
        meetings=[ForumMeeting(dt.date(2024, 3, 15), "8 fő", "12/2024.", "helyzetelemzés"),
                  ForumMeeting(dt.date(2025, 2, 10), "9 fő", "4/2025.", "intézkedési terv"),
                  ForumMeeting(dt.date(2027, 2, 1), "8 fő", "3/2027.", "felülvizsgálat"),
                  ForumMeeting(dt.date(2029, 1, 25), "7 fő", "2/2029.", "felülvizsgálat")],
        working_groups=[WorkingGroup("Gyermek munkacsoport", "Kovács Ildikó", "II", dt.date(2029, 1, 25))],
    )
    return hep


def write_and_read(hep: Hep, path: Path):
    write_workbook(hep, path)
    return read_workbook(path)


def test_clean_model_has_no_errors_or_warnings(tmp_path):
    result = write_and_read(clean_hep(), tmp_path / "tiszta.xlsx")
    report = validate(result)
    assert [f for f in report.findings if f.severity.value != "info"] == []
    assert [(f.rule_id, f.location) for f in report.findings] == [("VER-001", "Településadatok!B8")]
    assert report.scores["overall"] == 1.0
    assert not report.has_errors


def test_clean_sample_workbook_has_zero_errors(tmp_path):
    from hep_xl.sample import build_sample_hep

    report = validate(write_and_read(build_sample_hep(), tmp_path / "minta.xlsx"))
    assert [f.message() for f in report.findings if f.severity.value == "error"] == []
    assert not report.has_errors
