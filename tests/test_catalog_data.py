"""Data checks for the emmi-2012 catalog JSON files (decree 2/2012. (VI. 5.) EMMI and the HEP Fórum).

Plain JSON loading only: these tests check the transcription itself, not the loader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .seeds import candidates, declared_absent, find_seeds

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "hep_xl" / "catalog" / "emmi_2012"
DECREE_FILE = "2-2012-EMMI-rendelet.txt"

SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
SERIES_KINDS = {"count", "signed_count", "percent", "percent_open", "index", "rate_per_1000"}
SERIES_UNITS = {"fő", "%", "db", "‰", "index"}
FREQUENCIES = {"éves", "negyedéves", "népszámlálási adat"}

MULTI_SERIES = {3: 14, 5: 3, 8: 2, 9: 2, 10: 10, 16: 2, 59: 2, 62: 2}
TOTAL_SERIES = 91  # 54 single-series indicators + 37 sub-indicators of the eight above
ITEMS_PER_CHAPTER = {"1": 2, "2": 3, "3": 39, "4": 25, "5": 12, "6": 11, "7": 13, "8": 6, "9": 2}
TOTAL_ITEMS = 113
CONCLUSIONS = {"3.9": "I", "4.5": "II", "5.8": "III", "6.5": "IV", "7.4": "V"}


def load(name: str) -> dict:
    with open(CATALOG / name, encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def indicators() -> list[dict]:
    return load("indicators.json")["indicators"]


@pytest.fixture(scope="module")
def checklist() -> dict:
    return load("checklist.json")


@pytest.fixture(scope="module")
def action_plan() -> dict:
    return load("action_plan.json")


@pytest.fixture(scope="module")
def forum() -> dict:
    return load("forum.json")


@pytest.fixture(scope="module")
def decree() -> str:
    """The decree text; missing is a failure (CI always has ../shared), unless HEP_XL_SEEDS=absent."""
    if declared_absent():
        pytest.skip("HEP_XL_SEEDS=absent: this machine has no decree text (shared/seeds)")
    seeds = find_seeds()
    assert seeds is not None and (seeds / DECREE_FILE).is_file(), (
        f"decree text {DECREE_FILE} not found (looked in: {', '.join(map(str, candidates()))}); "
        "set HEP_XL_SEEDS to its folder, or HEP_XL_SEEDS=absent on a machine without it")
    return (seeds / DECREE_FILE).read_text(encoding="utf-8")


def by_number(indicators: list[dict]) -> dict[int, dict]:
    return {i["number"]: i for i in indicators}


# -- Annex 1 ---------------------------------------------------------------------------------
def test_62_indicators_in_order_with_unique_ids(indicators):
    assert [i["number"] for i in indicators] == list(range(1, 63))
    ids = [i["id"] for i in indicators]
    assert len(set(ids)) == 62
    assert all(SNAKE.match(i) for i in ids), ids


def test_series_counts(indicators):
    for ind in indicators:
        expected = MULTI_SERIES.get(ind["number"], 1)
        assert len(ind["series"]) == expected, (ind["number"], len(ind["series"]))
    total = sum(len(i["series"]) for i in indicators)
    assert total == TOTAL_SERIES, f"expected exactly 91 series, found {total}"


def test_series_shape(indicators):
    for ind in indicators:
        series_ids = [s["id"] for s in ind["series"]]
        assert len(set(series_ids)) == len(series_ids), ind["number"]
        part_ids = []
        for s in ind["series"]:
            assert SNAKE.match(s["id"]), s
            assert s["unit"] in SERIES_UNITS, s
            assert s["kind"] in SERIES_KINDS, s
            assert s["name"].strip() and not s["name"].startswith("="), s
            for role in ("numerator", "denominator"):
                if role in s:
                    part = s[role]
                    assert SNAKE.match(part["id"]) and part["name"] and part["unit"] in SERIES_UNITS
                    part_ids.append(part["id"])
        assert len(set(part_ids)) == len(part_ids), ind["number"]
        assert not set(part_ids) & set(series_ids), ind["number"]
        if len(ind["series"]) == 1:
            only = ind["series"][0]
            assert only["id"] == "total" and only["name"] == ind["name"], ind["number"]


def test_indicator_fields(indicators, checklist):
    sections = {i["id"] for ch in checklist["chapters"] for i in ch["items"]
                if i["level"] == "section"}
    for ind in indicators:
        assert ind["frequency"] in FREQUENCIES, ind["number"]
        assert ind["source"].startswith("TeIR – ") and "\n" not in ind["source"], ind["number"]
        assert ind["name"] and ind["content"], ind["number"]
        assert ind["sections"] and set(ind["sections"]) <= sections, ind["number"]
        if ind["unit"] == "":
            assert all(s["unit"] in {"fő", "db", "‰", "index"} for s in ind["series"])


def test_sample_indicators(indicators):
    n = by_number(indicators)
    assert n[6]["name"] == "Állandó vándorlások egyenlege"
    assert n[6]["unit"] == "" and n[6]["frequency"] == "éves"
    assert n[6]["series"][0]["kind"] == "rate_per_1000" and n[6]["series"][0]["unit"] == "‰"
    assert n[7]["series"][0]["kind"] == "signed_count"
    assert n[4]["series"][0]["kind"] == "index"
    assert n[2]["series"][0]["kind"] == "percent_open"
    assert n[56]["source"] == "TeIR – Szociális ágazat adatai (KSH, MÁK) OSAP 1206"
    assert n[16]["frequency"] == "népszámlálási adat"
    assert n[5]["frequency"] == "népszámlálási adat"
    assert all(n[k]["frequency"] == "negyedéves" for k in range(8, 16))
    first = n[3]["series"][0]
    assert (first["name"], first["unit"], first["kind"]) == ("Állandó népesség száma", "fő", "count")
    assert all(s["unit"] == "%" and s["kind"] == "percent" for s in n[3]["series"][1:])
    assert n[3]["unit"] == "fő és százalék"
    assert n[20]["unit"] == "db" and n[20]["series"][0]["unit"] == "db"


def test_ratios_and_derivations(indicators):
    n = by_number(indicators)
    for k in (8, 28, 29):
        for s in n[k]["series"]:
            assert "numerator" in s and "denominator" in s, k
        assert n[k]["derivation"]["kind"] == "ratio_percent"
    male = n[8]["series"][0]
    assert male["numerator"] == {
        "id": "male_jobseekers",
        "name": "Regisztrált munkanélküli/nyilvántartott álláskereső férfiak száma",
        "unit": "fő",
        "counted": "average",  # a quarterly count: the yearly value is the mean of four quarters
    }
    assert male["denominator"]["id"] == "male_population_15_64"
    assert male["denominator"]["name"] == "Állandó népességből 15-64 éves férfiak száma"
    assert "80111-5-01" in n[28]["series"][0]["numerator"]["name"]
    assert "80111-5-02" in n[28]["series"][0]["denominator"]["name"]
    assert "80112-6-01" in n[29]["series"][0]["numerator"]["name"]
    assert "80112-6-02" in n[29]["series"][0]["denominator"]["name"]
    assert n[2]["derivation"]["kind"] == "previous_year_percent"
    assert n[4]["derivation"]["kind"] == "ageing_index"
    assert n[2]["derivation"]["base"] == "resident_population"
    assert n[4]["derivation"]["numerator"] == ["permanent_population.male_65_plus_share",
                                               "permanent_population.female_65_plus_share"]
    # 16 is "=100-" the share with at least 8 grades: the complement is recorded as its own row
    assert n[16]["derivation"]["kind"] == "complement_percent"
    assert [s["complement"]["name"] for s in n[16]["series"]] == [
        "15-X éves férfi legalább általános iskola 8. évfolyam a megfelelő korúak százalékában",
        "15-X éves nő legalább általános iskola 8. évfolyam a megfelelő korúak százalékában"]
    with_derivation = sorted(i["number"] for i in indicators if "derivation" in i)
    assert with_derivation == [2, 4, 8, 16, 28, 29]


def test_indicator_texts_match_decree(indicators, decree):
    n = by_number(indicators)
    for ind in indicators:
        for line in ind["content"].split("\n"):
            assert line in decree, (ind["number"], line)
    for k in (1, 4, 6, 11, 47, 56, 61):
        assert n[k]["name"] in decree, k
    for s in n[3]["series"] + n[10]["series"] + n[59]["series"] + n[62]["series"]:
        assert s["name"] in decree, s
    assert "Egészségkárosodott személyek szociális járadékaiban részesülők nemenként" in n[62]["name"]


# -- Annex 2 ---------------------------------------------------------------------------------
def test_chapters_and_item_counts(checklist):
    assert checklist["title"] == "A helyi esélyegyenlőségi program helyzetelemzésének tartalmi elemei"
    chapters = checklist["chapters"]
    assert [c["number"] for c in chapters] == [str(k) for k in range(1, 10)]
    assert {c["number"]: len(c["items"]) for c in chapters} == ITEMS_PER_CHAPTER
    assert sum(len(c["items"]) for c in chapters) == TOTAL_ITEMS
    assert chapters[0]["title"] == "Jogszabályi háttér bemutatása"
    groups = {c["number"]: c["target_group"] for c in chapters}
    assert groups == {"1": None, "2": None, "3": "I", "4": "II", "5": "III", "6": "IV", "7": "V",
                      "8": None, "9": None}


def test_item_structure(checklist):
    ids = []
    for ch in checklist["chapters"]:
        current = None
        for item in ch["items"]:
            ids.append(item["id"])
            if item["level"] == "section":
                assert item["parent"] is None
                assert re.fullmatch(rf"{ch['number']}\.\d+", item["id"]), item
                current = item["id"]
            else:
                assert item["level"] == "point"
                expected_parent = current or ch["number"]
                assert item["parent"] == expected_parent, item
                assert re.fullmatch(rf"{re.escape(expected_parent)}\.[a-z]", item["id"]), item
    assert len(ids) == len(set(ids))
    assert "5.2" in ids and "5.24" not in ids
    assert [i for i in ids if i.startswith("8.")] == [f"8.{c}" for c in "abcdef"]
    assert [i for i in ids if i.startswith("9.")] == ["9.a", "9.b"]


def test_conclusion_sections(checklist):
    marked = {i["id"]: i["conclusions_of"] for ch in checklist["chapters"] for i in ch["items"]
              if "conclusions_of" in i}
    assert marked == CONCLUSIONS


def test_checklist_texts_match_decree(checklist, decree):
    items = {i["id"]: i for ch in checklist["chapters"] for i in ch["items"]}
    for item in items.values():
        assert item["text"] in decree, item["id"]
    assert items["5.2"]["text"].startswith("A munkaerő-piaci és családi feladatok összeegyeztetését")
    assert items["3.9"]["text"] == ("Következtetések: problémák beazonosítása, fejlesztési "
                                    "lehetőségek meghatározása.")
    assert checklist["illustrative_note"] in decree
    assert checklist["illustrative_note"].startswith("A tartalmi elemek listájának 3.1-től 7.4-ig")
    for ch in checklist["chapters"]:
        assert f"{ch['number']}. {ch['title']}" in decree


# -- Annex 3 ---------------------------------------------------------------------------------
def test_action_plan_columns(action_plan):
    assert action_plan["title"] == "A helyi esélyegyenlőségi program intézkedési terve"
    cols = action_plan["columns"]
    assert len(cols) == 11
    assert [c["letter"] for c in cols] == [None] + list("ABCDEFGHIJ")
    assert [c["id"] for c in cols] == ["number", "title", "problem", "goal", "alignment", "content",
                                       "responsible", "deadline", "indicators", "resources",
                                       "sustainability"]
    assert cols[0]["heading"] == "Intézkedés sorszáma"
    assert cols[9]["heading"].endswith("(humán, pénzügyi, technikai)")


def test_action_plan_target_groups(action_plan):
    groups = action_plan["target_groups"]
    assert [(g["id"], g["key"], g["chapter"], g["conclusions_section"]) for g in groups] == [
        ("I", "deep_poverty_roma", "3", "3.9"), ("II", "children", "4", "4.5"),
        ("III", "women", "5", "5.8"), ("IV", "elderly", "6", "6.5"), ("V", "disabled", "7", "7.4"),
    ]
    assert groups[0]["name"] == "A mélyszegénységben élők és a romák esélyegyenlősége"


def test_action_plan_texts_match_decree(action_plan, decree):
    flat = decree.replace("\n(humán", " (humán")
    for c in action_plan["columns"]:
        assert c["heading"] in flat, c
    for g in action_plan["target_groups"]:
        assert f"{g['id']}. {g['name']}" in decree, g


# -- HEP Fórum -------------------------------------------------------------------------------
def test_forum(forum):
    assert forum["title"] == "Helyi Esélyegyenlőségi Programért Felelős Fórum"
    assert len(forum["tasks"]) == 6
    assert len(forum["operation"]) == 4
    assert not any("összetétele" in t for t in forum["operation"])
    assert forum["rules"] == {"meeting_interval_years": 2, "minutes_required": True,
                              "working_group_report_interval_years": 1,
                              "working_groups_population_threshold": 2000}
    members, invitees = forum["member_roles"], forum["invitee_roles"]
    assert len(members) == 13
    assert len(invitees) == 6
    ids = [r["id"] for r in members + invitees]
    assert len(ids) == len(set(ids)) and all(SNAKE.match(i) for i in ids)
    # the whole list is the page's recommended composition ("A HEP Fórumok javasolt összetétele");
    # the Szociálpolitikai Kerekasztal above 2 000 inhabitants is also required by law (Szt. 58/B. § (2))
    assert {r["basis"] for r in invitees} == {"recommended"}
    assert [r["id"] for r in members if r["basis"] == "law"] == ["social_policy_round_table"]
    expected = [r["id"] for r in members if r.get("expected") == "always"]
    assert expected == ["mayor", "notary", "hep_referent"]
    assert not any("expected" in r for r in invitees)
    thresholds = [(r["id"], r["min_population"]) for r in members if "min_population" in r]
    assert thresholds == [("social_policy_round_table", 2000)]
    assert members[0]["name"] == "a település polgármestere"
    for r in members + invitees:
        assert not r["name"].endswith((",", ".")), r


# -- what the validator reads besides the decree's own lists ----------------------------------------
def test_illustrative_points_are_those_under_3_1_to_7_4(checklist):
    """Footnote 3: the lists under points 3.1–7.4 are illustrative; the points of 8 and 9 are not."""
    flagged = [(ch["number"], i["id"]) for ch in checklist["chapters"] for i in ch["items"] if i.get("illustrative")]
    assert len(flagged) == 69
    assert {c for c, _ in flagged} == {"3", "4", "5", "6", "7"}
    for ch in checklist["chapters"]:
        for i in ch["items"]:
            assert i.get("illustrative", False) == (i["level"] == "point" and ch["number"] in "34567"), i["id"]


def test_every_count_says_how_it_is_counted(indicators):
    """Whole numbers only for counts at a date or over the year; averages (the quarterly 8–15 and
    the "átlagos száma" of 54, 55, 57, 58, 59; "Éves mutató (vagy átlag)" of 28, 29, 34–37) may be
    fractions."""
    n = by_number(indicators)
    averages = set()
    for ind in indicators:
        for s in ind["series"]:
            parts = [s] + [s[r] for r in ("numerator", "denominator", "complement") if r in s]
            for part in parts:
                if part.get("kind", "count") == "count":
                    assert part["counted"] in ("at_date", "in_year", "average"), (ind["number"], part["id"])
                    if part["counted"] == "average":
                        averages.add(ind["number"])
    assert averages == {8, 9, 10, 11, 12, 13, 14, 15, 28, 29, 34, 35, 36, 37, 54, 55, 57, 58, 59}
    for k in (54, 55, 57, 58):
        assert "átlagos száma" in n[k]["content"], k
    assert all(n[k]["frequency"] == "negyedéves" for k in range(8, 16))
    assert n[30]["series"][0]["counted"] == "at_date" and "december 31-én" in n[30]["content"]


def test_consistency_pairs_name_known_series_and_their_rows(indicators):
    doc = load("indicators.json")
    ids = set()
    for ind in indicators:
        single = len(ind["series"]) == 1
        for s in ind["series"]:
            ids.add(ind["id"] if single and s["id"] == "total" else f"{ind['id']}.{s['id']}")
            for r in ("numerator", "denominator", "complement"):
                if r in s:
                    ids.add(f"{ind['id']}.{s[r]['id']}")
    pairs = doc["consistency"]
    assert len(pairs) == 11
    for c in pairs:
        assert c["kind"] in ("at_most", "sum_equals", "share_of_population")
        assert set(c["parts"]) | {c["whole"]} | set(c.get("shares", ())) <= ids, c
        assert c["ref"].startswith("1. melléklet") and c["reason"], c
    laws = [c for c in pairs if "Szt." in c["ref"]]
    assert [(c["parts"], c["whole"]) for c in laws] == [
        (["employment_substitute_support_recipients"], "jobseekers_with_active_age_benefit")]
    assert doc["census_years"] == [2011, 2022]
    assert [s["rule"] for s in doc["share_sums"]] == ["IND-014", "IND-015"]


def test_action_plan_columns_have_roles(action_plan):
    roles = {c["letter"]: c["role"] for c in action_plan["columns"]}
    assert roles == {None: "sequence", "A": "name", "B": "problem_reference", "C": "text", "D": "text",
                     "E": "text", "F": "responsible_party", "G": "due_date", "H": "success_indicator",
                     "I": "resources", "J": "text"}


def test_catalog_version_records_its_text(decree):
    meta = load("catalog.json")
    assert meta["text_date"] == "2017-09-19" and "2017.09.19." in decree
    assert meta["programme"] == {"period_years": 5, "review_interval_years": 2}
    assert "öt évre szóló intézkedési tervet" in decree
    flat = " ".join(decree.split())
    for a in meta["amendments"] + [meta["repealed"]]:
        assert " ".join(a["quote"].split()) in flat, a


def test_charts_are_practice_data_over_known_series():
    """charts.json is labelled as not the decree's; each chart illustrates a known Annex 2 item with
    series of one unit, every chapter 2–7 gets at least one, and the list has at least eight."""
    from hep_xl.catalog import load_catalog

    raw = json.loads((ROOT / "hep_xl" / "catalog" / "emmi_2012" / "charts.json").read_text(encoding="utf-8"))
    assert raw["source"].startswith("Nem a rendelet része")
    cat = load_catalog()
    assert [c.id for c in cat.charts] == [c["id"] for c in raw["charts"]]
    assert len(cat.charts) >= 8
    assert {c.section.split(".")[0] for c in cat.charts} >= {"2", "3", "4", "5", "6", "7"}
    for c in cat.charts:
        assert c.section in cat.checklist_by_id and c.kind in ("line", "bar")
        assert len({cat.series_by_id[s].unit for s in c.series}) == 1, c.id
