"""The bundled sample HEP (Példafalva): complete, internally consistent, and round-trips through the
real workbook writer and reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hep_xl import register
from hep_xl.catalog import load_catalog
from hep_xl.model import NO_DATA, STATUS_DONE, STATUS_NOT_RELEVANT, Hep
from hep_xl.sample import build_sample_hep
from hep_xl.sample import generate_indicators as gen
from hep_xl.validate import ValidationConfig, validate, validate_hep
from hep_xl.validate.ksh import is_valid
from hep_xl.values import parse_date_text
from hep_xl.workbook import layout as L
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import write_workbook

CAT = load_catalog()
PP = "permanent_population."


@pytest.fixture(scope="module")
def hep() -> Hep:
    return build_sample_hep()


def values(hep: Hep, sid: str) -> dict:
    return hep.indicators[sid].values


# -- settlement ----------------------------------------------------------------------------------

def test_settlement(hep):
    st = hep.settlement
    assert (st.name, st.ksh_code, st.county) == ("Példafalva", "10898", "Borsod-Abaúj-Zemplén")
    assert is_valid(st.ksh_code)  # the KSH check digit (hep_xl.validate.ksh, checked on real codes)
    # fictional: no settlement of the KSH register has the code or the name
    assert register.by_code(st.ksh_code) is None and not register.find(st.name).found
    assert 2000 < st.population < 2600
    assert (st.period_start, st.period_end) == (2025, 2029)
    assert st.adoption_date == dt.date(2025, 2, 26)
    assert st.resolution_number == "18/2025. (II. 26.) Kt. határozat"
    previous = st.adoption_date
    assert len(st.review_dates) == 2  # the two-year reviews of a five-year programme
    for review in st.review_dates:
        assert previous < review <= previous.replace(year=previous.year + 2)
        previous = review
    assert st.review_dates[-1].replace(year=st.review_dates[-1].year + 2) > dt.date(st.period_end, 12, 31)
    assert st.author_name and "@" in st.author_email and st.author_phone
    assert hep.years == L.default_years(2025, 5) == [2020, 2021, 2022, 2023, 2024]
    assert hep.catalog_version == CAT.version


def test_build_is_deterministic_and_independent():
    a, b = build_sample_hep(), build_sample_hep()
    assert a == b
    a.indicators["resident_population"].values[2020] = 1
    a.measures[0].title = "x"
    assert b == build_sample_hep()


# -- Annex 1 ---------------------------------------------------------------------------------------

def test_every_series_and_year_filled(hep):
    assert set(hep.indicators) == {s.id for s in CAT.series_rows}
    for s in CAT.series_rows:
        series = hep.indicators[s.id]
        assert set(series.values) == set(hep.years), s.id
        assert series.source and series.retrieved == dt.date(2025, 1, 15), s.id
        if any(v is NO_DATA for v in series.values.values()):
            assert series.note, f"{s.id}: nincs adat megjegyzés nélkül"


def test_census_indicators_only_2022(hep):
    census = [s for s in CAT.series_rows
              if CAT.indicator_by_number[s.indicator_number].frequency == "népszámlálási adat"]
    assert {s.indicator_number for s in census} == {5, 16}
    for s in census:
        series = hep.indicators[s.id]
        for year, v in series.values.items():
            assert (v is not NO_DATA) == (year == 2022), (s.id, year)
        assert series.note == "népszámlálási adat: csak a 2022. évi népszámlálás"


def test_few_no_data_outside_census(hep):
    gaps = [(sid, y) for sid, s in hep.indicators.items() for y, v in s.values.items()
            if v is NO_DATA and CAT.series_by_id[sid].indicator_number not in (5, 16)]
    assert 1 <= len(gaps) <= 3, gaps


def test_value_kinds(hep):
    for s in CAT.series_rows:
        for year, v in hep.indicators[s.id].values.items():
            if v is NO_DATA:
                continue
            assert isinstance(v, (int, float)) and not isinstance(v, bool)
            if s.kind == "count":
                assert isinstance(v, int) and v >= 0, (s.id, year, v)
            elif s.kind == "signed_count":
                assert isinstance(v, int), (s.id, year, v)
            elif s.kind == "percent":
                assert 0 <= v <= 100, (s.id, year, v)
            elif s.kind in ("percent_open", "index"):
                assert v >= 0, (s.id, year, v)


def test_no_implausible_jumps(hep):
    for sid, series in hep.indicators.items():
        nums = [series.values[y] for y in hep.years]
        for a, b in zip(nums, nums[1:]):
            if a is NO_DATA or b is NO_DATA or a == 0 or b == 0:
                continue
            assert max(abs(a), abs(b)) / min(abs(a), abs(b)) <= 3, (sid, a, b)


def test_population_change_agrees_with_population(hep):
    pop = values(hep, "resident_population")
    change = values(hep, "resident_population_change")
    previous = {**pop, 2019: gen.RESIDENT[2019]}
    for y in hep.years:
        assert change[y] == round(pop[y] / previous[y - 1] * 100, 2), y
    assert all(pop[a] > pop[b] for a, b in zip(hep.years, hep.years[1:]))  # slowly falling
    assert pop[hep.years[-1]] == hep.settlement.population


def test_population_shares_add_up(hep):
    bands = ("0_14", "15_17", "18_59", "60_64", "65_plus")
    for y in hep.years:
        male, female = values(hep, PP + "male_share")[y], values(hep, PP + "female_share")[y]
        assert abs(male + female - 100) <= 0.02, y
        for sex, total in (("male", male), ("female", female)):
            band_sum = sum(values(hep, f"{PP}{sex}_{b}_share")[y] for b in bands)
            assert abs(band_sum - total) <= 0.05, (sex, y)
        assert values(hep, PP + "age_0_2_share")[y] < (values(hep, PP + "male_0_14_share")[y]
                                                         + values(hep, PP + "female_0_14_share")[y])


def test_ageing_index_agrees_with_age_shares(hep):
    for y in hep.years:
        old = values(hep, PP + "male_65_plus_share")[y] + values(hep, PP + "female_65_plus_share")[y]
        young = values(hep, PP + "male_0_14_share")[y] + values(hep, PP + "female_0_14_share")[y]
        assert values(hep, "ageing_index")[y] == round(old / young * 100, 2), y


def test_ratios_agree_with_numerator_and_denominator(hep):
    ratios = {s.of for s in CAT.series_rows if s.role == "numerator"}
    assert {CAT.series_by_id[r].indicator_number for r in ratios} == {8, 28, 29}
    for rid in ratios:
        num = next(s.id for s in CAT.series_rows if s.role == "numerator" and s.of == rid)
        den = next(s.id for s in CAT.series_rows if s.role == "denominator" and s.of == rid)
        for y in hep.years:
            n, d = values(hep, num)[y], values(hep, den)[y]
            assert d > 0 and values(hep, rid)[y] == round(n / d * 100, 2), (rid, y)


def test_unemployment_parts_match_totals(hep):
    ur = "unemployment_rate_by_sex."
    bands = [s.id for s in CAT.series_rows if s.indicator_number == 10]
    assert len(bands) == 10
    for y in hep.years:
        total = values(hep, "registered_jobseekers")[y]
        assert sum(values(hep, b)[y] for b in bands) == total, y
        assert values(hep, ur + "male_jobseekers")[y] + values(hep, ur + "female_jobseekers")[y] == total
        assert values(hep, "long_term_jobseekers")[y] <= total
        assert values(hep, ur + "male_population_15_64")[y] == round(
            values(hep, PP + "population")[y] * sum(values(hep, f"{PP}male_{b}_share")[y]
                                                    for b in ("15_17", "18_59", "60_64")) / 100)


def test_census_15_17_matches_age_shares(hep):
    total = sum(values(hep, f"population_15_17.age_{a}")[2022] for a in (15, 16, 17))
    share = values(hep, PP + "male_15_17_share")[2022] + values(hep, PP + "female_15_17_share")[2022]
    assert total == round(values(hep, PP + "population")[2022] * share / 100)


def test_committed_csv_is_up_to_date():
    assert gen.CSV_PATH.read_text(encoding="utf-8") == gen.render_csv(), \
        "futtassa: python -m hep_xl.sample.generate_indicators"


# -- Annex 2 and conclusions -------------------------------------------------------------------------

def test_every_checklist_item_written(hep):
    assert set(hep.checklist) == set(CAT.checklist_by_id)
    narratives = set()
    for item in CAT.checklist_items:
        e = hep.checklist[item.id]
        assert e.status in (STATUS_DONE, STATUS_NOT_RELEVANT), item.id
        assert len(e.narrative) >= 60 and e.narrative.count(".") >= 1, item.id
        narratives.add(e.narrative)
        if item.conclusions_of:
            assert e.status == STATUS_DONE
    assert len(narratives) == len(CAT.checklist_items)  # no copy-paste
    assert hep.checklist["2.3"].data_gaps
    assert sum(bool(e.data_gaps) for e in hep.checklist.values()) >= 5


def test_problems_and_conclusions(hep):
    ids = [p.problem_id for p in hep.problems]
    assert len(ids) == len(set(ids)) == 15
    for g in CAT.target_groups:
        mine = hep.problems_of(g.id)
        assert 2 <= len(mine) <= 4
        assert [p.problem_id for p in mine] == [f"{g.id}-{i}" for i in range(1, len(mine) + 1)]
        narrative = hep.checklist[g.conclusions_section].narrative
        for p in mine:
            assert p.title and p.opportunity
            assert p.problem_id in narrative, (g.conclusions_section, p.problem_id)


# -- Annex 3 ----------------------------------------------------------------------------------------

def test_measures(hep):
    problems = {p.problem_id: p for p in hep.problems}
    attrs = [c.id for c in CAT.columns]
    kinds = set()
    for g in CAT.target_groups:
        mine = hep.measures_of(g.id)
        assert len(mine) >= 2
        assert [m.number for m in mine] == list(range(1, len(mine) + 1))
        for m in mine:
            for a in attrs:
                assert getattr(m, a) not in ("", None), (g.id, m.number, a)
            assert problems[m.problem].target_group == g.id
            assert any(ch.isdigit() for ch in m.indicators)
            deadline = m.deadline if isinstance(m.deadline, dt.date) else parse_date_text(m.deadline)
            kinds.add(type(m.deadline).__name__ if isinstance(m.deadline, dt.date) else
                      ("text_month" if any(c.isalpha() for c in m.deadline) else "text_numeric"))
            assert 2025 <= deadline.year <= 2029
    assert kinds == {"date", "text_month", "text_numeric"}
    # measures are listed group by group (the order the workbook keeps them in)
    order = [g.id for g in CAT.target_groups]
    assert [order.index(m.target_group) for m in hep.measures] == sorted(
        order.index(m.target_group) for m in hep.measures)
    addressed = {m.problem for m in hep.measures}
    for p in hep.problems:
        assert (p.problem_id in addressed) != bool(p.deferral_reason), p.problem_id


# -- Fórum --------------------------------------------------------------------------------------

def test_forum(hep):
    fo, pop, st = hep.forum, hep.settlement.population, hep.settlement
    roles = {m.role for m in fo.members}
    assert roles <= set(CAT.role_by_id)
    assert {r.id for r in CAT.forum_roles if r.expected == "always"} <= roles
    assert {r.id for r in CAT.forum_roles if r.min_population and pop > r.min_population} <= roles
    assert "nationality_self_government_leaders" in roles  # the Roma self-government of the story
    assert all(m.name and m.organisation for m in fo.members)
    # the responsible persons of intervention areas are members, never permanent invitees
    for m in fo.members:
        assert bool(m.responsible_area) == (CAT.role_by_id[m.role].kind == "member"), m.name
    dates = [m.date for m in fo.meetings]
    assert dates == sorted(dates) and len(dates) == 6
    end = dt.date(st.period_end, 12, 31)
    # a meeting before the adoption and before each review, within the months before it
    for event in (st.adoption_date, *st.review_dates):
        assert any(0 <= (event - d).days <= 183 for d in dates), event
    for a, b in zip(dates + [end], dates[1:] + [end]):
        assert b <= a.replace(year=a.year + CAT.forum_rules.meeting_interval_years)
    assert all(m.attendees and m.minutes_ref and m.agenda for m in fo.meetings)
    members = {m.name for m in fo.members}
    for m in fo.meetings:  # the minutes list as many attendees as they count
        names, count = m.attendees.rsplit(" (", 1)
        listed = [n.strip() for n in names.split(",")]
        assert count == f"{len(listed)} fő)", m.date
        assert all(n in members for n in listed), (m.date, set(listed) - members)
    assert len(fo.working_groups) == 2
    for wg in fo.working_groups:
        assert wg.name and wg.leader and wg.target_group in {g.id for g in CAT.target_groups}
        assert wg.leader in members
        # yearly reports up to the end of the programme, the last one at the last meeting
        assert end.replace(year=end.year - 1) <= wg.last_report <= dates[-1]


def test_one_story_in_time(hep):
    """Data retrieved before the Fórum's first meeting, which proposes the plan the council adopts;
    every later record after the adoption and inside the programme period."""
    st = hep.settlement
    retrieved = {s.retrieved for s in hep.indicators.values()}
    assert retrieved == {dt.date(2025, 1, 15)}
    first = hep.forum.meetings[0].date
    assert max(retrieved) < first < st.adoption_date
    assert "2025. január 15-én" in hep.checklist["2.3"].narrative
    end = dt.date(st.period_end, 12, 31)
    later = [*st.review_dates, *(m.date for m in hep.forum.meetings[1:]),
             *(w.last_report for w in hep.forum.working_groups)]
    assert all(st.adoption_date < d <= end for d in later)


def test_counts_that_contain_each_other_agree(hep):
    """Every consistency pair of the catalog holds exactly in the sample, e.g. recipients of the
    employment substitute support (55) never more than the jobseekers entitled to it (14)."""
    def v(sid, y):
        return hep.indicators[sid].values.get(y)

    for c in CAT.consistency:
        for y in hep.years:
            vals = [v(s, y) for s in (*c.parts, c.whole, *c.shares)]
            if any(x is None or x is NO_DATA for x in vals):
                continue
            parts, whole = sum(v(s, y) for s in c.parts), v(c.whole, y)
            if c.kind == "at_most":
                assert parts <= whole, (c.parts, y)
            elif c.kind == "sum_equals":
                assert parts == whole, (c.parts, y)
            else:
                assert parts == round(whole * sum(v(s, y) for s in c.shares) / 100), (c.parts, y)


def test_housing_support_counts_persons(hep):
    """Indicator 60 counts persons ("összes támogatásban részesített személy"), not households."""
    persons = hep.indicators["housing_maintenance_support_recipients"]
    assert "személy" in persons.note and "háztartás" not in persons.note.split("személy")[0]
    assert f"{persons.values[2024]} személy" in hep.checklist["3.3"].narrative


@pytest.mark.parametrize("as_of", [None, dt.date(2025, 3, 1), dt.date(2027, 6, 1), dt.date(2031, 1, 1)])
def test_sample_validates_clean_on_any_day(hep, as_of):
    """No error and no warning, whenever it is validated: only the three true informations (a
    fictional code, a 2025 programme on the repealed decree's catalog, the listed data gap)."""
    report = validate_hep(hep, config=ValidationConfig(as_of=as_of))
    assert {(f.rule_id, f.severity.value) for f in report.findings} == {
        ("SET-013", "info"), ("VER-001", "info"), ("IND-003", "info")}, [f.message() for f in report.findings]
    assert report.scores["overall"] == 1.0


# -- workbook round trip ------------------------------------------------------------------------------

def test_round_trip_through_workbook(hep, tmp_path: Path):
    path = tmp_path / "peldafalva.xlsx"
    write_workbook(hep, path)
    result = read_workbook(path)
    assert result.issues == []
    assert result.hep == hep
    assert {f.rule_id for f in validate(result).findings} == {"SET-013", "VER-001", "IND-003"}


def test_fill_records_the_day_the_data_were_downloaded(tmp_path: Path):
    """hep-xl fill --retrieved: the clerk fills on another day than the download's; the rows keep
    the download's date (the demo fills the sample with its 15 January 2025 data so)."""
    from hep_xl.cli import main
    from hep_xl.excel.build import write_any
    from hep_xl.sample.exports.make_exports import export_paths

    blank = build_sample_hep()
    blank.indicators = {}
    path = tmp_path / "minta.xlsx"
    write_any(blank, path)
    assert main(["fill", str(path), *map(str, export_paths()), "--retrieved", "2025.01.15"]) == 0
    assert {s.retrieved for s in read_workbook(path).hep.indicators.values()} == {dt.date(2025, 1, 15)}
    assert main(["fill", str(path), *map(str, export_paths()), "--retrieved", "tegnap"]) == 2
