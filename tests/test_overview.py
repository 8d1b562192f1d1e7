"""hep-xl overview: twelve real workbooks of different settlements with different defects, read,
validated and summarised; the pages parsed back, attekintes.xlsx read back with openpyxl.

The browser tests (tests/test_overview_browser.py) open the same overview in Chromium.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
from openpyxl import load_workbook

from hep_xl.catalog import load_catalog
from hep_xl.cli import main as cli
from hep_xl.derive import derivations
from hep_xl.model import normalize_number
from hep_xl.sample import build_sample_hep
from hep_xl.validate import validate
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import write_workbook

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = dt.date(2025, 6, 30)  # before every deadline of the sample settlement

# Real settlements (KSH Helységnévtár 2018): four counties, three each.
SETTLEMENTS = [
    ("Kaba", "02307", "Hajdú-Bihar"), ("Nádudvar", "28103", "Hajdú-Bihar"), ("Püspökladány", "10162", "Hajdú-Bihar"),
    ("Edelény", "10728", "Borsod-Abaúj-Zemplén"), ("Encs", "33048", "Borsod-Abaúj-Zemplén"),
    ("Szikszó", "21351", "Borsod-Abaúj-Zemplén"), ("Abádszalók", "12441", "Jász-Nagykun-Szolnok"),
    ("Kunhegyes", "22567", "Jász-Nagykun-Szolnok"), ("Tiszafüred", "29726", "Jász-Nagykun-Szolnok"),
    ("Bátonyterenye", "33534", "Nógrád"), ("Pásztó", "07409", "Nógrád"), ("Szécsény", "06628", "Nógrád"),
]
UNREADABLE = "serult.xlsx"


def _recompute_derived(hep) -> None:
    """Derived series from their inputs, as ``hep-xl fill`` computes them."""
    def number(sid, year):
        s = hep.indicators.get(sid)
        v = s.values.get(year) if s else None
        return v if isinstance(v, (int, float)) else None

    for d in derivations(load_catalog()):
        for year in hep.years:
            v = d.compute(number, year)
            if isinstance(v, (int, float)):
                hep.series(d.target).values[year] = v


def _change(hep, sid: str, f) -> None:
    values = hep.series(sid).values
    for y, v in values.items():
        if isinstance(v, (int, float)):
            values[y] = normalize_number(f(v, y))


def _vary(hep, k: int) -> None:
    """Settlement k's own figures, consistent with each other (derived series recomputed)."""
    if k == 0:
        return
    _change(hep, "resident_population", lambda v, y: round(v * (1 + 0.35 * k) * (1 - 0.002 * k * (y - 2019))))
    for sex in ("male", "female"):
        d = round(0.25 * k, 2)
        _change(hep, f"permanent_population.{sex}_0_14_share", lambda v, y, d=d: round(v - d, 2))
        _change(hep, f"permanent_population.{sex}_65_plus_share", lambda v, y, d=d: round(v + d, 2))
        _change(hep, f"unemployment_rate_by_sex.{sex}_jobseekers", lambda v, y: round(v * (1 + 0.12 * k)))
        _change(hep, f"no_primary_education_share.{sex}_at_least_primary_share", lambda v, y: round(v - 0.6 * k, 2))
    _change(hep, "net_migration", lambda v, y: round(v + 0.8 * k - 4, 1))
    _recompute_derived(hep)


def _defect(hep, name: str) -> None:
    st = hep.settlement
    if name == "Nádudvar":  # target group III without a measure
        hep.measures = [m for m in hep.measures if m.target_group != "III"]
    elif name == "Püspökladány":  # three deadlines before the reference date
        for m in hep.measures:
            if (m.target_group, m.number) in (("I", 1), ("I", 2), ("III", 1)):
                m.deadline = dt.date(2025, 3, 31)
    elif name == "Edelény":
        st.ksh_code = "10729"  # wrong check digit
    elif name == "Encs":  # Annex 1 gaps
        for sid in list(hep.indicators)[30:40]:
            hep.indicators[sid].values.clear()
    elif name == "Szikszó":  # no notary in the Fórum, no meetings
        hep.forum.members = [m for m in hep.forum.members if m.role != "notary"]
        hep.forum.meetings = []
    elif name == "Abádszalók":  # unwritten situation analysis
        for item in ("2.1", "2.2", "3.1", "3.2"):
            hep.checklist[item].narrative = ""
    elif name == "Tiszafüred":
        hep.measures[0].deadline = "folyamatos"
    elif name == "Bátonyterenye":
        st.adoption_date, st.resolution_number, st.review_dates = None, "", []
    elif name == "Pásztó":  # a stated ageing index that its inputs contradict
        for y in hep.series("ageing_index").values:
            hep.series("ageing_index").values[y] = 999
    elif name == "Szécsény":
        hep.measures[1].problem = "I-9"  # an unknown problem


_CORPUS: dict = {}  # built once per session, also for tests/test_overview_browser.py


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict:
    """The twelve workbooks (and one damaged file), and their overview built by the CLI."""
    if not _CORPUS:
        _CORPUS.update(_build_corpus(tmp_path_factory.mktemp("overview")))
    return _CORPUS


def _build_corpus(base: Path) -> dict:
    src = base / "munkafuzetek"
    paths = {}
    for k, (name, code, county) in enumerate(SETTLEMENTS):
        hep = build_sample_hep()
        hep.settlement.name, hep.settlement.ksh_code, hep.settlement.county = name, code, county
        _vary(hep, k)
        _defect(hep, name)
        folder = src / county.split("-")[0].lower()
        folder.mkdir(parents=True, exist_ok=True)
        paths[name] = folder / (f"{name} HEP.xlsx" if name == "Püspökladány" else f"{name}_HEP.xlsx")
        write_workbook(hep, paths[name])
    # a value a clerk typed that the reader cannot read (READ-001)
    kun = paths["Kunhegyes"]
    cell = read_workbook(kun).cells[("indicator", "housing_stock", 2023)]
    wb = load_workbook(kun)
    wb[cell.sheet][cell.cell] = "1.234"
    wb.save(kun)
    (src / UNREADABLE).write_bytes(b"nem munkafuzet")
    out = base / "attekintes"
    code = cli(["overview", str(src), "-o", str(out), "--reference-date", REFERENCE.isoformat(), "--jobs", "2"])
    reports = {name: validate(read_workbook(p)) for name, p in paths.items()}
    return {"src": src, "out": out, "paths": paths, "code": code, "reports": reports}


def _page(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def _rows(out: Path) -> dict[str, object]:
    doc = _page(out / "index.html")
    return {r.xpath("string(th)").strip(): r for r in doc.xpath("//table[@id='osszesito']/tbody/tr")}


def _settlement_page(corpus, name: str):
    row = _rows(corpus["out"])[name]
    href = row.xpath("string(th/a/@href)")
    return corpus["out"] / href, _page(corpus["out"] / href)


def test_cli_writes_the_page_set_and_exits_1_for_the_damaged_file(corpus, capsys):
    out = corpus["out"]
    assert corpus["code"] == 1  # one input could not be read
    for rel in ("index.html", "osszehasonlitas.html", "attekintes.xlsx", "assets/attekintes.css",
                "assets/attekintes.js"):
        assert (out / rel).is_file(), rel
    assert len(list((out / "telepulesek").glob("*.html"))) == 12
    assert not [p for p in out.rglob(".*")], "temporary files left behind"
    doc = _page(out / "index.html")
    unreadable = doc.xpath("//section[@aria-labelledby='unreadable-h']//tbody/tr")
    assert len(unreadable) == 1 and UNREADABLE in unreadable[0].text_content()
    assert "nem olvasható Excel-munkafüzet" in unreadable[0].text_content()


def test_summary_row_per_settlement_with_register_columns(corpus):
    rows = _rows(corpus["out"])
    assert sorted(rows) == sorted(n for n, _, _ in SETTLEMENTS)
    for name, code, county in SETTLEMENTS:
        cells = [c.text_content().strip() for c in rows[name].xpath("td")]
        expected_code = "10729" if name == "Edelény" else code  # a wrong check digit: not in the register
        assert cells[0] == expected_code and cells[1] == county, (name, cells[:3])
        assert rows[name].get("data-county") == county
    assert "2025–2029" in rows["Kaba"].text_content()


def test_district_and_source_come_from_the_register(corpus):
    """The register's district for a code it knows (read here straight from its CSV); the workbook's
    values, without a district, for a code it does not know (Edelény's wrong check digit)."""
    import csv

    with open(ROOT / "hep_xl" / "register" / "ksh_helysegnevtar_2018.csv", encoding="utf-8") as fh:
        districts = {r["ksh_code"]: r["district"] for r in csv.DictReader(fh)}
    rows = _rows(corpus["out"])
    for name, code, _ in SETTLEMENTS:
        district = rows[name].xpath("td")[2].text_content().strip()
        assert district == ("–" if name == "Edelény" else f"{districts[code]} járás"), name
    legend = (corpus["out"] / "index.html").read_text(encoding="utf-8")
    assert "KSH Helységnévtár 2018" in legend and "a munkafüzet Településadatok lapja" in legend


def test_completeness_errors_and_warnings_are_the_validators(corpus):
    rows = _rows(corpus["out"])
    head = _page(corpus["out"] / "index.html").xpath("//table[@id='osszesito']/thead/tr[2]/th")
    labels = [h.text_content().strip() for h in head]
    overall = 7 + labels.index("Összesen")  # the first "Összesen" is the completeness one
    total = 7 + len(labels) - 5 - 1  # the errors/warnings "Összesen" precedes the five groups
    for name, report in corpus["reports"].items():
        cells = rows[name].xpath("td")
        assert cells[overall - 1].text_content().strip() == f"{round(report.scores['overall'] * 100)}%", name
        c = report.counts_by_severity()
        shown = cells[total - 1].text_content().replace("hiba", "").replace("figyelmeztetés", "").split("/")
        assert [int(x) for x in shown] == [c["error"], c["warning"]], name


def test_summary_at_a_glance(corpus):
    reports = corpus["reports"]
    items = [li.text_content().split() for li in _page(corpus["out"] / "index.html").xpath("//ul[@class='glance']/li")]
    assert [int(words[0]) for words in items] == [
        sum(r.has_errors for r in reports.values()), 1, 1,
        sum(round(r.scores["overall"] * 100) == 100 for r in reports.values())]


def test_target_group_without_measure_and_late_measures(corpus):
    rows = _rows(corpus["out"])
    groups = rows["Nádudvar"].xpath("td[contains(@class, 'pm')]")
    assert [g.text_content().split("(")[0].strip() for g in groups] == ["3 / 3", "3 / 3", "3 / 0", "3 / 3", "3 / 2"]
    assert "gap" in groups[2].get("class") and "nincs intézkedés" in groups[2].text_content()
    assert rows["Püspökladány"].get("data-late") == "3"
    assert all(rows[n].get("data-late") == "0" for n in rows if n != "Püspökladány")
    path, page = _settlement_page(corpus, "Püspökladány")
    late = page.xpath("//li[contains(@class, 'late')]")
    assert sorted(li.xpath("string(strong)") for li in late) == ["I/1", "I/2", "III/1"]
    assert all("2025. március 31." in li.text_content() for li in late)
    assert "2025. június 30." in page.text_content()  # the reference date is stated


def test_later_reference_date_makes_more_measures_late(tmp_path, corpus):
    from hep_xl.overview import build_overview

    result = build_overview([str(corpus["paths"]["Kaba"])], tmp_path / "o", reference_date=dt.date(2027, 1, 1),
                            jobs=1)
    late = sorted(m.label for m in result.entries[0].late_measures)
    sample = build_sample_hep()
    done = {f"{r.target_group}/{r.measure_number}" for r in sample.progress if r.status == "megvalósult"
            and r is sample.progress_of(r.target_group, r.measure_number)[-1]}
    passed = sorted(f"{m.target_group}/{m.number}" for m in sample.measures
                    if isinstance(m.deadline, dt.date) and m.deadline < dt.date(2027, 1, 1)
                    or isinstance(m.deadline, str) and m.deadline[:4] == "2026")
    expected = [k for k in passed if k not in done]
    assert late == expected and late
    assert set(passed) & done  # a measure past its deadline that the monitoring says is done is not late


def test_settlement_page_findings_by_sheet_with_cells(corpus):
    _, page = _settlement_page(corpus, "Edelény")
    assert page.xpath("string(//h1)") == "Edelény"
    sheet = page.xpath("//section[@class='sheet'][h3[starts-with(normalize-space(.), 'Településadatok')]]")[0]
    rows = [[c.text_content().strip() for c in tr.xpath("td")] for tr in sheet.xpath(".//tbody/tr")]
    assert ["B5", "hiba", "SET-003"] in [r[:3] for r in rows]
    f = next(f for f in corpus["reports"]["Edelény"].findings if f.rule_id == "SET-003")
    assert any(r[3] == f.text("hu") for r in rows)

    _, page = _settlement_page(corpus, "Kunhegyes")
    cell = read_workbook(corpus["paths"]["Kaba"]).cells[("indicator", "housing_stock", 2023)]
    sheet = page.xpath(f"//section[@class='sheet'][h3[starts-with(normalize-space(.), '{cell.sheet}')]]")[0]
    rows = [[c.text_content().strip() for c in tr.xpath("td")] for tr in sheet.xpath(".//tbody/tr")]
    assert [cell.cell, "hiba", "READ-001"] in [r[:3] for r in rows]

    _, page = _settlement_page(corpus, "Szikszó")
    text = page.text_content()
    assert "FOR-001" in text and "FOR-003" in text


def test_problems_and_their_measures(corpus):
    _, page = _settlement_page(corpus, "Szécsény")
    group = page.xpath("//section[@aria-labelledby='cs-I']")[0]
    rows = {tr.xpath("string(th)"): tr for tr in group.xpath(".//tbody/tr")}
    assert [li.xpath("string(strong)") for li in rows["I-1"].xpath(".//li")] == ["I/1"]
    assert "nincs hozzá intézkedés" in rows["I-2"].text_content()  # its measure now names I-9
    assert "I/2" in group.xpath("string(.//p[contains(., 'nem kötött')]/following-sibling::ul[1])")
    _, page = _settlement_page(corpus, "Nádudvar")
    assert "nincs intézkedése" in page.xpath("string(//section[@aria-labelledby='cs-III'])")


def test_key_indicators_are_computed_from_their_inputs(corpus):
    """Pásztó's workbook states an ageing index of 999; the overview shows the decree's formula."""
    from hep_xl.overview.build import summarize_file

    entry = summarize_file((str(corpus["paths"]["Pásztó"]), REFERENCE))
    hep = read_workbook(corpus["paths"]["Pásztó"]).hep
    y = hep.years[-1]
    shares = {s: hep.indicators[f"permanent_population.{s}"].values[y]
              for s in ("male_65_plus_share", "female_65_plus_share", "male_0_14_share", "female_0_14_share")}
    expected = round((shares["male_65_plus_share"] + shares["female_65_plus_share"])
                     / (shares["male_0_14_share"] + shares["female_0_14_share"]) * 100, 2)
    assert entry.key("ageing_index").latest == (y, expected) and expected != 999
    assert "IND-021" in {f.rule_id for f in corpus["reports"]["Pásztó"].findings}
    _, page = _settlement_page(corpus, "Pásztó")
    fig = page.xpath("//figure[contains(@class, 'key')][.//strong[. = 'Öregedési index']]")[0]
    assert "999" not in fig.xpath("string(.//table)") and "Számított" in fig.text_content()


def _latest(corpus, series_kind: str) -> list[float]:
    from hep_xl.overview.build import summarize_file

    values = []
    for p in corpus["paths"].values():
        latest = summarize_file((str(p), REFERENCE)).key(series_kind).latest
        if latest:
            values.append(latest[1])
    return values


def test_comparison_quartiles_match_an_independent_computation(corpus):
    from hep_xl.overview.build import summarize_file
    from hep_xl.overview.compare import compare

    entries = [summarize_file((str(p), REFERENCE)) for p in corpus["paths"].values()]
    comparison = compare(entries, load_catalog().key_indicators)
    for stat in comparison.stats:
        values = [e.key(stat.id).latest[1] for e in entries if e.key(stat.id).latest]
        q1, med, q3 = statistics.quantiles(values, n=4, method="inclusive")
        assert (stat.n, stat.minimum, stat.maximum) == (len(values), min(values), max(values))
        assert stat.q1 == pytest.approx(q1) and stat.median == pytest.approx(med) and stat.q3 == pytest.approx(q3)
        for _e, pos in zip(entries, comparison.positions):
            p = pos[stat.id]
            assert p.rank == 1 + sum(v > p.value for v in values)
            assert p.band == ("low" if p.value < q1 else "high" if p.value > q3 else "middle")
    # the ageing index differs between the settlements: the comparison has something to show
    assert len(set(_latest(corpus, "ageing_index"))) == 12


def test_comparison_page_table_and_charts(corpus):
    doc = _page(corpus["out"] / "osszehasonlitas.html")
    keys = load_catalog().key_indicators
    stats_rows = doc.xpath("//table[contains(@class, 'stats')]/tbody/tr")
    assert [r.xpath("string(th)") for r in stats_rows] == [k.label for k in keys]
    assert len(doc.xpath("//svg[contains(@class, 'ranking')]")) == len(keys)
    bars = doc.xpath("//section[@id='m-ageing_index']//*[local-name()='rect' and contains(@class, 'bar')]")
    assert len(bars) == 12
    table = doc.xpath("//table[@id='osszehasonlitas']")[0]
    assert len(table.xpath("tbody/tr")) == 12 and len(table.xpath("tfoot/tr")) == 3


def test_attekintes_xlsx_read_back(corpus):
    out = corpus["out"]
    wb = load_workbook(out / "attekintes.xlsx")
    assert wb.sheetnames == ["Áttekintés", "Összehasonlítás", "Statisztika", "Diagramadatok"]
    assert wb["Diagramadatok"].sheet_state == "hidden"
    ws = wb["Áttekintés"]
    table = ws.tables["Attekintes"]
    assert table.autoFilter is not None and table.autoFilter.ref == table.ref
    first, last = table.ref.split(":")
    header_row = int("".join(ch for ch in first if ch.isdigit()))
    headers = [c.value for c in ws[header_row]]
    assert headers[:4] == ["Település", "KSH-kód", "Vármegye", "Járás"]
    rows = list(ws.iter_rows(min_row=header_row + 1, max_row=int("".join(ch for ch in last if ch.isdigit()))))
    assert len(rows) == 12
    by_name = {r[0].value: r for r in rows}
    col = {h: i for i, h in enumerate(headers)}
    for name, report in corpus["reports"].items():
        r = by_name[name]
        assert r[col["Teljesség: Összesen"]].value == pytest.approx(report.scores["overall"])
        assert r[col["Hiba összesen"]].value == report.counts_by_severity()["error"]
        link = r[col["Munkafüzet"]].hyperlink
        assert (out / unquote(link.target.replace("\\", "/"))).resolve() == corpus["paths"][name].resolve(), name
        page = r[col["Oldal"]].hyperlink.target.replace("\\", "/")
        assert (out / page).is_file()
    assert by_name["Nádudvar"][col["III. intézkedések"]].value == 0
    assert by_name["Püspökladány"][col["Lejárt határidejű intézkedés"]].value == 3
    # conditional formats on the completeness, error, measure and late columns
    ranges = {str(cf.sqref): [r.operator for r in cf.rules] for cf in ws.conditional_formatting}
    letter = lambda h: ws.cell(row=header_row, column=col[h] + 1).column_letter  # noqa: E731
    span = lambda h: f"{letter(h)}{header_row + 1}:{letter(h)}{header_row + 12}"  # noqa: E731
    assert sorted(ranges[span("Teljesség: Összesen")]) == ["between", "greaterThanOrEqual", "lessThan"]
    assert ranges[span("Hiba összesen")] == ["greaterThan"]
    assert ranges[span("III. intézkedések")] == ["equal"]
    assert ranges[span("Lejárt határidejű intézkedés")] == ["greaterThan"]

    # the charts: one per key indicator, their series pointing at the sorted chart data
    keys = load_catalog().key_indicators
    charts = wb["Statisztika"]._charts
    assert len(charts) == len(keys)
    data = wb["Diagramadatok"]
    stats = {r[0].value: r for r in wb["Statisztika"].iter_rows(min_row=header_row + 1, max_row=header_row + len(keys))}
    for k, chart in zip(keys, charts):
        values_ref = chart.series[0].val.numRef.f
        cats_ref = chart.series[0].cat.strRef.f
        lines = chart._charts[1].series
        values = _cells(data, values_ref)
        assert values == sorted(_latest(corpus, k.id)), k.id
        names = _cells(data, cats_ref)
        assert sorted(names) == sorted(n for n, _, _ in SETTLEMENTS)
        q1, med, q3 = (stats[k.label][j].value for j in (4, 5, 6))
        assert [set(_cells(data, s.val.numRef.f)) for s in lines] == [{q1}, {med}, {q3}]
        assert all(_ref_rows(s.val.numRef.f) == _ref_rows(values_ref) for s in lines)


def _ref_rows(ref: str) -> str:
    return ref.split("!")[1].replace("$", "").translate(str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _cells(ws, ref: str) -> list:
    sheet, rng = ref.split("!")
    assert sheet.strip("'") == ws.title
    return [c.value for row in ws[rng.replace("$", "")] for c in row]


def test_rerun_replaces_the_pages(tmp_path, corpus):
    from hep_xl.overview import build_overview

    out = tmp_path / "o"
    build_overview([str(p) for p in corpus["paths"].values()], out, reference_date=REFERENCE, jobs=1)
    assert len(list((out / "telepulesek").iterdir())) == 12
    build_overview([str(corpus["paths"]["Kaba"])], out, reference_date=REFERENCE, jobs=1)
    assert [p.name for p in (out / "telepulesek").iterdir()] == ["kaba.html"]
    assert len(_rows(out)) == 1
    assert sorted(p.name for p in out.iterdir()) == ["assets", "attekintes.xlsx", "index.html",
                                                     "osszehasonlitas.html", "telepulesek"]


def test_leftovers_of_a_killed_run_are_removed(tmp_path, corpus):
    from hep_xl.overview import build_overview

    out = tmp_path / "o"
    (out / ".telepulesek.abc123" / "x.html").parent.mkdir(parents=True)
    (out / ".telepulesek.abc123" / "x.html").write_text("félkész")
    (out / ".index.html.k2j4.tmp").write_text("félkész")
    (out / "assets").mkdir()
    (out / "assets" / ".attekintes.css.q1w2.tmp").write_text("félkész")
    (out / "sajat.txt").write_text("a felhasználóé")
    build_overview([str(corpus["paths"]["Kaba"])], out, reference_date=REFERENCE, jobs=1)
    assert sorted(p.name for p in out.iterdir()) == ["assets", "attekintes.xlsx", "index.html",
                                                     "osszehasonlitas.html", "sajat.txt", "telepulesek"]
    assert sorted(p.name for p in (out / "assets").iterdir()) == ["attekintes.css", "attekintes.js"]


def test_output_folder_inside_the_input_folder_is_not_read(tmp_path, corpus):
    src = _three(corpus, tmp_path)
    (src / UNREADABLE).unlink()
    for _ in range(2):  # the second run finds the first run's attekintes.xlsx in the input folder
        assert cli(["overview", str(src), "-o", str(src / "attekintes"), "--jobs", "1"]) == 0
    assert sorted(_rows(src / "attekintes")) == ["Kaba", "Nádudvar", "Pásztó"]


def test_a_folder_holding_someone_else_s_index_html_is_not_overwritten_without_force(tmp_path, corpus, capsys):
    """-o names a folder whose index.html (or telepulesek/, attekintes.xlsx …) hep_xl did not write:
    refused, nothing changed, until --force; the folder of an earlier overview is refreshed as before."""
    out = tmp_path / "honlap"
    out.mkdir()
    (out / "index.html").write_text("<html><body>a település honlapja</body></html>", encoding="utf-8")
    (out / "telepulesek").mkdir()
    (out / "telepulesek" / "kaba.html").write_text("saját oldal", encoding="utf-8")
    kaba = str(corpus["paths"]["Kaba"])
    assert cli(["overview", kaba, "-o", str(out), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{out / 'index.html'}: a mappában már van ilyen nevű fájl, amelyet nem a hep-xl overview készített" in err
    assert "--force" in err
    assert (out / "index.html").read_text(encoding="utf-8") == "<html><body>a település honlapja</body></html>"
    assert (out / "telepulesek" / "kaba.html").read_text(encoding="utf-8") == "saját oldal"
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "telepulesek"]
    # only the names the overview writes count: a folder with other files is written into
    other = tmp_path / "mentor"
    other.mkdir()
    (other / "jegyzet.txt").write_text("a mentoré", encoding="utf-8")
    assert cli(["overview", kaba, "-o", str(other), "--jobs", "1"]) == 0
    assert cli(["overview", kaba, "-o", str(other), "--jobs", "1"]) == 0  # its own overview: refreshed
    assert (other / "jegyzet.txt").read_text(encoding="utf-8") == "a mentoré"
    capsys.readouterr()
    assert cli(["overview", kaba, "-o", str(out), "--jobs", "1", "--force"]) == 0
    assert "Kaba" in (out / "index.html").read_text(encoding="utf-8")


def test_same_settlement_twice_gets_two_pages(tmp_path, corpus):
    from hep_xl.overview import build_overview

    copy = tmp_path / "masik" / "Kaba_HEP.xlsx"
    copy.parent.mkdir()
    copy.write_bytes(corpus["paths"]["Kaba"].read_bytes())
    result = build_overview([str(corpus["paths"]["Kaba"]), str(copy)], tmp_path / "o", reference_date=REFERENCE,
                            jobs=1)
    assert sorted(e.page for e in result.entries) == ["telepulesek/kaba-2.html", "telepulesek/kaba.html"]


def test_no_input_and_bad_reference_date(tmp_path, capsys):
    assert cli(["overview", str(tmp_path / "nincs"), "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr()
    assert "a fájl vagy mappa nem található" in err.out and "áttekintés nem készült" in err.err
    assert not (tmp_path / "o").exists()
    (tmp_path / "ures").mkdir()
    assert cli(["overview", str(tmp_path / "ures"), "-o", str(tmp_path / "o")]) == 2
    assert "nincs bemeneti munkafüzet" in capsys.readouterr().err
    assert cli(["overview", str(tmp_path), "-o", str(tmp_path / "o"), "--reference-date", "holnap"]) == 2
    assert "--reference-date: nem dátum: „holnap”" in capsys.readouterr().err


# -- packaging: pandas only in the overview extra ----------------------------------------------

def _requirement_closure(requirements: list[str]) -> set[str]:
    """The distributions a list of requirements installs on this platform: transitively, through
    the installed distributions' metadata, markers (platform, extras) evaluated."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen: set[str] = set()
    todo = [r for r in map(Requirement, requirements) if r.marker is None or r.marker.evaluate({"extra": ""})]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen or name == "hep-xl":  # hep-xl: a self-reference such as hep_xl[overview]
            continue
        seen.add(name)
        try:
            requires = metadata.distribution(req.name).requires or ()
        except metadata.PackageNotFoundError:
            continue
        for sub in map(Requirement, requires):
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in ("", *req.extras)):
                todo.append(sub)
    return seen


def test_base_install_has_no_pandas_and_the_overview_extra_brings_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = _requirement_closure(project["dependencies"])
    assert "xlwings" in base and "python-calamine" in base  # the closure is really computed
    assert "pandas" not in base and "jinja2" not in base, sorted(base)
    # numpy comes with matplotlib (the Word document's charts): xlwings then imports both on every
    # ribbon click (bench_macros.py measures it; README, Benchmarks)
    assert {"matplotlib", "numpy"} <= base
    overview = _requirement_closure(project["optional-dependencies"]["overview"])
    assert {"pandas", "numpy", "jinja2"} <= overview


BLOCK_PANDAS = "import sys; sys.modules['pandas'] = None; from hep_xl.cli import main; sys.exit(main(sys.argv[1:]))"


def test_without_the_extra_overview_says_how_to_install_it(tmp_path, corpus):
    proc = subprocess.run([sys.executable, "-c", BLOCK_PANDAS, "overview", str(corpus["paths"]["Kaba"]),
                           "-o", str(tmp_path / "o")], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert 'pip install "hep_xl[overview]"' in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o").exists()
    proc = subprocess.run([sys.executable, "-c", BLOCK_PANDAS, "validate", str(corpus["paths"]["Kaba"])],
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr


# -- hep-xl convert writes the overview into its output folder -------------------------------------

def _three(corpus, tmp_path) -> Path:
    src = tmp_path / "be"
    src.mkdir()
    for name in ("Kaba", "Nádudvar", "Pásztó"):
        (src / corpus["paths"][name].name).write_bytes(corpus["paths"][name].read_bytes())
    (src / UNREADABLE).write_bytes(b"nem munkafuzet")
    return src


def test_convert_writes_the_overview_linking_the_archived_files(tmp_path, corpus, capsys):
    src = _three(corpus, tmp_path)
    out = tmp_path / "archiv"
    assert cli(["convert", str(src), "--out", str(out), "--to", "json", "--jobs", "1"]) == 1
    printed = capsys.readouterr().out
    assert f"Áttekintés (3 település): {out / 'index.html'}, {out / 'attekintes.xlsx'}" in printed
    rows = _rows(out)
    assert sorted(rows) == ["Kaba", "Nádudvar", "Pásztó"]
    doc = _page(out / "index.html")
    assert UNREADABLE in doc.xpath("string(//section[@aria-labelledby='unreadable-h'])")
    page_path = out / rows["Kaba"].xpath("string(th/a/@href)")
    link = _page(page_path).xpath("//dt[. = 'Archivált változatok']/following-sibling::dd[1]/a")[0]
    assert link.text == "JSON" and (page_path.parent / unquote(link.get("href"))).resolve() == out / "Kaba_HEP.json"
    # a second run skips the unchanged workbooks and still shows all three
    assert cli(["convert", str(src), "--out", str(out), "--to", "json", "--jobs", "1"]) == 1
    assert "változatlan" in capsys.readouterr().err and sorted(_rows(out)) == ["Kaba", "Nádudvar", "Pásztó"]


def test_convert_bag_holds_the_overview(tmp_path, corpus, capsys):
    import bagit

    src = _three(corpus, tmp_path)
    (src / UNREADABLE).unlink()
    out = tmp_path / "bag"
    assert cli(["convert", str(src), "--out", str(out), "--to", "json", "--bag", "--jobs", "2"]) == 0
    bag = bagit.Bag(str(out))
    bag.validate()
    assert {"data/index.html", "data/attekintes.xlsx", "data/osszehasonlitas.html"} <= set(bag.payload_entries())
    assert any(p.startswith("data/telepulesek/") for p in bag.payload_entries())


def test_convert_without_overview_or_without_the_extra(tmp_path, corpus, capsys):
    src = _three(corpus, tmp_path)
    (src / UNREADABLE).unlink()
    out = tmp_path / "a"
    assert cli(["convert", str(src), "--out", str(out), "--to", "json", "--no-overview", "--jobs", "1"]) == 0
    assert not (out / "index.html").exists() and "Áttekintés" not in capsys.readouterr().out
    proc = subprocess.run([sys.executable, "-c", BLOCK_PANDAS, "convert", str(src), "--out", str(tmp_path / "b"),
                           "--to", "json", "--jobs", "1"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert 'Áttekintés nem készült: az áttekintéshez hiányzik a(z) pandas csomag; telepítse: pip install ' \
           '"hep_xl[overview]"' in proc.stdout
    assert (tmp_path / "b" / "Kaba_HEP.json").is_file() and not (tmp_path / "b" / "index.html").exists()


@pytest.mark.skipif(not __import__("tests.render", fromlist=["have_pdftools"]).have_pdftools(),
                    reason="LibreOffice/poppler nincs telepítve")
def test_attekintes_xlsx_opens_and_prints_in_libreoffice(tmp_path, corpus):
    from tests.render import page_count, pdf_text, to_pdf

    pdf = to_pdf(corpus["out"] / "attekintes.xlsx", tmp_path)
    text = pdf_text(pdf)
    for name, _, _ in SETTLEMENTS:
        assert name in text
    for k in load_catalog().key_indicators:  # the charts' titles (and the statistics table)
        assert text.count(k.label) >= 2, k.label
    assert "A Statisztika lap diagramjainak adatai" not in text  # the hidden chart data is not printed
    assert 3 <= page_count(pdf) <= 12


def test_text_that_looks_like_a_formula_stays_text_in_attekintes_xlsx(tmp_path):
    from hep_xl.overview import build_overview

    hep = build_sample_hep()
    hep.settlement.name, hep.settlement.county = '=HYPERLINK("http://x")', "+Vármegye"
    write_workbook(hep, tmp_path / "furcsa.xlsx")
    build_overview([str(tmp_path / "furcsa.xlsx")], tmp_path / "o", reference_date=REFERENCE, jobs=1)
    wb = load_workbook(tmp_path / "o" / "attekintes.xlsx")
    for sheet in ("Áttekintés", "Összehasonlítás"):
        ws = wb[sheet]
        cells = [c for row in ws.iter_rows() for c in row if c.value in (hep.settlement.name, "+Vármegye")]
        assert len(cells) == 2 and all(c.data_type == "s" for c in cells), sheet
    names = [c for row in wb["Diagramadatok"].iter_rows() for c in row if c.value == hep.settlement.name]
    assert names and all(c.data_type == "s" for c in names)


def test_a_measure_whose_latest_record_is_cancelled_or_done_is_not_late():
    """The overview reads a measure's monitoring as MON-002 does: its latest record (Hep.progress_of)
    settles it when done ("megvalósult") or cancelled ("törölve"); done in 2025 and missed
    ("elmaradt") in 2026 is late again."""
    from hep_xl.model import MonitoringRecord
    from hep_xl.overview.entry import summarize
    from hep_xl.validate import validate_hep

    from .test_validate_fixtures import clean_hep

    hep = clean_hep()  # five measures I/1 … V/1, each due 2027-06-30
    for group, statuses in (("I", ("megvalósult",)), ("II", ("törölve",)), ("III", ("megvalósult", "elmaradt")),
                            ("IV", ("folyamatban",))):
        hep.progress += [MonitoringRecord(group, 1, 2025 + k, s) for k, s in enumerate(statuses)]
    entry = summarize(hep, validate_hep(hep), "x.xlsx", dt.date(2028, 1, 1))
    assert [m.label for m in entry.late_measures] == ["III/1", "IV/1", "V/1"]
