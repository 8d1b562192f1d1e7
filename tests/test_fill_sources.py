"""Export readers, indicator matching and broken exports: per-row problems, the rest is filled."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from hep_xl.catalog import load_catalog
from hep_xl.cli import main
from hep_xl.fill import plan_fill
from hep_xl.fill.match import Matcher, MatchError
from hep_xl.fill.sources import read_export
from hep_xl.fill.text import repair_mojibake
from hep_xl.model import NO_DATA
from hep_xl.workbook.reader import read_workbook


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_catalog())


def test_mojibake_repair():
    assert repair_mojibake("fõváros, Gyõr, nyugdíjszerû") == "főváros, Győr, nyugdíjszerű"
    assert repair_mojibake("KÃ¶zgyÃ³gyellÃ¡tÃ¡si") == "Közgyógyellátási"  # UTF-8 read as Latin-1
    assert repair_mojibake("Közgyógyellátási".encode().decode("cp1250")) == "Közgyógyellátási"
    assert repair_mojibake("Ápolási díj") == "Ápolási díj"


def test_matching_by_id_name_and_code(matcher):
    assert matcher.resolve("resident_population") == "resident_population"
    assert matcher.resolve("PERMANENT_POPULATION.male_share") == "permanent_population.male_share"
    assert matcher.resolve("", "  LAKÓNÉPESSÉG   száma (fő) ") == "resident_population"
    assert matcher.resolve("", "lakonepesseg szama") == "resident_population"
    assert matcher.resolve("", "Nyugdíjban, nyugdíjszerû ellátásban részesülõ nõk száma") == "female_pensioners"
    assert matcher.resolve("", "Ápolási díjban részesítettek száma",
                           "Ápolási díj, alanyi jogon: támogatásban részesítettek átlagos száma") \
        == "carers_allowance_recipients.entitled"
    assert matcher.resolve("", "80111-5-02 Óvodai férőhelyek száma") == "kindergarten_demand_ratio.places"
    assert matcher.resolve("", "Óvodai férőhelyek száma") == "kindergarten_demand_ratio.places"
    assert matcher.resolve("", "Állandó népességből 15–64 éves férfiak száma") \
        == "unemployment_rate_by_sex.male_population_15_64"


def test_ambiguous_name_names_both_candidates(matcher):
    with pytest.raises(MatchError) as exc:
        matcher.resolve("", "Munkanélküliségi ráta nemek szerint")
    msg = str(exc.value)
    assert "nem egyértelmű" in msg
    assert "unemployment_rate_by_sex.male_rate" in msg and "unemployment_rate_by_sex.female_rate" in msg
    with pytest.raises(MatchError, match="ismeretlen mutató: „Teljesen más”"):
        matcher.resolve("", "Teljesen más")


def test_wide_cp1250_semicolon_csv(tmp_path):
    p = tmp_path / "ksh.csv"
    p.write_bytes((
        "Lakásállomány és könyvtárak\r\n\r\n"
        ";2020;2021;2022\r\n"
        "Lakásállomány;1 012;1 013;1 013\r\n"
        "A nyilvános könyvtárak egységeinek száma (leltári állomány);11 240;\"11 305\";..\r\n"
        "Állandó vándorlások egyenlege;-5,11;-3,98;\r\n"
        "Forrás: KSH\r\n").encode("cp1250"))
    src = read_export(p)
    assert src.encoding == "Windows-1250" and src.layout == "wide"
    assert [ln.name for ln in src.lines] == ["Lakásállomány",
                                            "A nyilvános könyvtárak egységeinek száma (leltári állomány)",
                                            "Állandó vándorlások egyenlege"]
    assert [v.raw for v in src.lines[1].values] == ["11 240", "11 305", ".."]
    assert src.lines[2].values[1].location == "6. sor, „2021” oszlop"


def test_utf16_tab_separated_long(tmp_path):
    p = tmp_path / "excel_unicode.txt"
    p.write_text("Azonosító\tÉv\tÉrték\nhousing_stock\t2020\t1012\n", encoding="utf-16")
    src = read_export(p)
    assert src.layout == "long" and src.lines[0].ident == "housing_stock"
    assert src.lines[0].values[0].raw == "1012"


def _csv(path: Path, text: str, encoding="utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_broken_exports_report_rows_and_fill_the_rest(blank_workbook, tmp_path, capsys):
    bad = _csv(tmp_path / "hibas.csv", (
        "Település,Mutató,Év,Érték\n"
        "Példafalva,Lakásállomány,2020,1012\n"                      # 2: ok
        "Példafalva,Nemlétező mutató,2020,5\n"                      # 3: unknown indicator
        "Példafalva,Munkanélküliségi ráta nemek szerint,2020,5\n"   # 4: ambiguous
        "Példafalva,Lakásállomány,2015,999\n"                       # 5: year out of range
        "Példafalva,Lakásállomány,2021,sok\n"                       # 6: non-numeric
        "Példafalva,Lakásállomány,2022,\"1.013\"\n"                 # 7: ambiguous number
        "Példafalva,Lakásállomány,2020,1012\n"                      # 8: duplicate (same value)
        "Példafalva,Múzeális intézmények száma,2020,1\n"            # 9: ok
        "Példafalva,Múzeális intézmények száma,2020,2\n"            # 10: contradicting duplicate
        "Szomszédfalva,Lakásállomány,2023,800\n"                    # 11: another settlement
        "Példafalva,Óvodai feladatellátási helyek száma,2020,-1\n"  # 12: negative count
        "Példafalva,Lakásállomány,2024,1016\n"))                    # 13: ok
    mixed = tmp_path / "vegyes.csv"  # a UTF-8 file with one Windows-1250 line and one broken line
    mixed.write_bytes("Mutató;2020;2021\n".encode() + "Közművelődési intézmények száma;1;1\n".encode()
                      + "Védőnői álláshelyek száma;2;2\n".encode("cp1250")
                      + b"Lak\x81s\x98llom\x90ny;1;1\n")
    binary = tmp_path / "nem_csv.csv"
    binary.write_bytes(b"\x00\x01\x02\xff" * 50)
    noheader = _csv(tmp_path / "fejlec_nelkul.csv", "a,b,c\n1,2,3\n")

    code = main(["fill", str(blank_workbook), str(bad), str(mixed), str(binary), str(noheader)])
    assert code == 1
    out = capsys.readouterr().out
    problems = [ln.strip() for ln in out.splitlines() if ln.startswith("  ")]

    def has(prefix, *words):
        return any(p.startswith(prefix) and all(w in p for w in words) for p in problems)

    assert has("hibas.csv, 3. sor: ismeretlen mutató: „Nemlétező mutató”")
    assert has("hibas.csv, 4. sor: nem egyértelmű mutatónév", "male_rate", "female_rate")
    assert has("hibas.csv, 5. sor: a(z) 2015. év kívül esik a munkafüzet évein (2020–2024)")
    assert has("hibas.csv, 6. sor: nem szám: „sok”")
    assert has("hibas.csv, 7. sor: nem egyértelmű szám: „1.013”")
    assert has("hibas.csv, 8. sor: ismétlődő adat: housing_stock 2020", "hibas.csv, 2. sor")
    assert has("hibas.csv, 10. sor: ellentmondó ismétlődő adat: museums 2020", "egyik sem")
    assert has("hibas.csv, 11. sor: más település adata („Szomszédfalva”)")
    assert has("hibas.csv, 12. sor:", "nem negatív egész szám")
    assert has("vegyes.csv, 4. sor: a sor karakterkódolása nem ismerhető fel")
    assert has("nem_csv.csv: nem szöveges (CSV) fájl")
    assert has("fejlec_nelkul.csv: nem található fejléc")
    assert "kihagyott adat: 12" in out

    hep = read_workbook(blank_workbook).hep
    assert hep.indicators["housing_stock"].values == {2020: 1012, 2024: 1016}
    assert "museums" not in hep.indicators  # contradicting duplicates: neither value
    assert hep.indicators["community_culture_institutions"].values == {2020: 1, 2021: 1}
    assert hep.indicators["health_visitor_posts"].values == {2020: 2, 2021: 2}  # the cp1250 line
    assert "kindergarten_sites" not in hep.indicators


def test_wide_xlsx_with_sub_indicators_and_no_data(blank_workbook, tmp_path):
    p = tmp_path / "ksh.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    ws = wb.add_worksheet("Munka1")
    ws.write_row(0, 0, ["KSH STADAT tábla"])
    ws.write_row(2, 0, ["Megnevezés", "Részmutató", 2020, 2021, 2022])
    ws.write_row(3, 0, ["Megváltozott munkaképességû személyek ellátásaiban részesülõk nemenként/Egészségkárosodott "
                        "személyek szociális járadékaiban részesülõk nemenként",
                        "Megváltozott munkaképességû személyek ellátásaiban részesülõ férfiak száma", 48, 46, 44])
    ws.write_row(4, 0, ["", "Megváltozott munkaképességű személyek ellátásaiban részesülő nők száma", 39, "..", 37])
    ws.write_row(5, 0, ["15-17 évesek száma", "", 1, 2, 3])  # indicator name of 3 sub-indicators
    wb.add_worksheet("Jelmagyarázat").write(0, 0, ".. = nincs adat")
    wb.close()
    result = read_workbook(blank_workbook)
    plan = plan_fill(result, [p])
    assert [str(pr) for pr in plan.problems] == [
        "ksh.xlsx, Munka1!A6: nem egyértelmű mutatónév: „15-17 évesek száma” – lehet „15 éves gyermekek "
        "száma” (population_15_17.age_15), „16 éves gyermekek száma” (population_15_17.age_16) vagy "
        "„17 éves gyermekek száma” (population_15_17.age_17); adja meg a részmutatót vagy az azonosítót; "
        "a sor kimaradt"]
    values = {(c.series_id, c.year): c.new for c in plan.changes}
    assert values[("reduced_work_capacity_benefit_recipients.male", 2021)] == 46
    assert values[("reduced_work_capacity_benefit_recipients.female", 2021)] is NO_DATA
    ch = next(c for c in plan.changes if c.series_id.endswith(".female") and c.year == 2022)
    assert ch.provenance == "ksh.xlsx, Munka1!E5" and str(ch.cell) == "1. Mutatók!H" + ch.cell.cell[1:]
    # the plan is pure: nothing was written
    assert read_workbook(blank_workbook).hep.indicators == {}


def test_zero_denominator_is_a_problem_not_a_value(blank_workbook, tmp_path):
    p = _csv(tmp_path / "ovoda.csv", "Azonosító,2020\nkindergarten_demand_ratio.applicants,5\n"
                                     "kindergarten_demand_ratio.places,0\n")
    plan = plan_fill(read_workbook(blank_workbook), [p])
    assert [c.series_id for c in plan.changes] == ["kindergarten_demand_ratio.applicants",
                                                   "kindergarten_demand_ratio.places"]
    assert len(plan.problems) == 1 and "nevezője 0" in plan.problems[0].reason


def test_missing_datafile_is_a_command_line_error(blank_workbook, tmp_path, capsys):
    before = blank_workbook.read_bytes()
    assert main(["fill", str(blank_workbook), str(tmp_path / "nincs.csv")]) == 2
    assert "nem található adatfájl" in capsys.readouterr().err
    assert blank_workbook.read_bytes() == before


def test_not_a_workbook_is_exit_2(tmp_path, capsys):
    fake = tmp_path / "nem.xlsx"
    fake.write_text("szöveg")
    data = _csv(tmp_path / "a.csv", "Azonosító,2020\nhousing_stock,1\n")
    assert main(["fill", str(fake), str(data)]) == 2
    assert "hiba:" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1250"])
def test_encodings_with_and_without_bom(encoding):
    from hep_xl.fill.sources import decode_bytes

    text = "Mutató;2020\nLakónépesség száma;2 497\nIdősek nappali ellátása;31\n"
    assert decode_bytes(text.encode(encoding))[0] == text
