"""An external oracle for the reader: workbooks that another spreadsheet program saved, read back
to the values that program shows.

* Microsoft Excel: four files Excel 2007 saved, from XlsxWriter's test corpus
  (tests/data/excel_made/SOURCE.md gives source and licence): the 1900 and the 1904 date system,
  defined names, an Excel table. What Excel shows in each cell is known from XlsxWriter's tests.
* LibreOffice Calc: a HEP workbook saved again by Calc with the 1904 date system (the 1900 case is
  tests/test_render.py::test_a_workbook_saved_by_libreoffice_reads_the_same).
* Gnumeric: Gnumeric reads our workbook and its values are ours (ssconvert to CSV); a workbook
  Gnumeric saved keeps the defined names, values and date system. Gnumeric does not keep Excel
  tables, so the HEP reader refuses such a file with a message that says which table is missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from hep_xl.cli import main as cli
from hep_xl.values import ValueProblem, excel_serial_to_date, parse_date
from hep_xl.workbook import layout as L
from hep_xl.workbook.reader import CalamineSource, HepReadError, read_workbook
from hep_xl.workbook.writer import WriteOptions, write_workbook

from .conftest import needs_soffice
from .render import convert
from .test_validate_fixtures import clean_hep

EXCEL_MADE = Path(__file__).resolve().parent / "data" / "excel_made"
needs_gnumeric = pytest.mark.skipif(shutil.which("ssconvert") is None,
                                    reason="Gnumeric (ssconvert) nincs telepítve")

# what Excel shows in A1:A6 (XlsxWriter's test_date_1904_01.py / _02.py) and the serials it stored
DATES_1900 = [dt.date(1900, 1, 1), dt.date(1902, 9, 26), dt.date(1913, 9, 8), dt.date(1927, 5, 18),
              dt.date(2173, 10, 14), dt.date(4637, 11, 26)]
DATES_1904 = [dt.date(1904, 1, 1), dt.date(1906, 9, 27), dt.date(1917, 9, 9), dt.date(1931, 5, 19),
              dt.date(2177, 10, 15), dt.date(4641, 11, 27)]
SERIALS = [1, 1000, 5000, 10000, 100000, 1000000]
SERIALS_1904 = [0, *SERIALS[1:]]


def _stored_serials(path: Path) -> list[float]:
    """The numbers Excel wrote into Sheet1's A column (the raw <v> of each cell)."""
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    return [float(v) for v in re.findall(r'<c r="A\d+"[^>]*><v>([^<]+)</v>', xml)]


# -- Microsoft Excel ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name,date1904,serials,dates", [
    ("date_1904_01.xlsx", False, SERIALS, DATES_1900),
    ("date_1904_02.xlsx", True, SERIALS_1904, DATES_1904),
])
def test_excel_made_dates_in_both_date_systems(name, date1904, serials, dates):
    path = EXCEL_MADE / name
    source = CalamineSource(str(path))
    assert source.date1904 is date1904
    assert _stored_serials(path) == serials
    # our serial arithmetic gives the day Excel shows, in both systems
    assert [excel_serial_to_date(s, date1904) for s in serials] == dates
    # and the cells as the reader gets them: a date, or a refusal — never a wrong day
    for row, expected in enumerate(dates):
        raw = source.cell("Sheet1", row, 0)
        try:
            got = parse_date(raw, source.date1904)
        except ValueProblem:
            # python-calamine hands the 1904 system's day 0 over as a time of day (00:00); a HEP
            # date is never 1904-01-01, and a refusal with a reason is not a wrong value
            assert (date1904, row) == (True, 0), (name, row, raw)
            continue
        assert got == expected, (name, row, raw)


def test_excel_made_defined_names():
    source = CalamineSource(str(EXCEL_MADE / "defined_name01.xlsx"))
    names = source.defined_names
    assert names["Abc"] == "Sheet1!$A$1" and names["_Egg"] == "Sheet1!$A$1" and names["_Fog"] == "Sheet1!$A$1"
    assert names["Baz"] == "0.98"
    assert not [n for n in names if n.startswith("_xlnm.")]  # print areas and filters are not ours
    assert source.sheet_names == {"Sheet1", "Sheet2", "Sheet 3"}
    assert source.cell("Sheet1", 0, 5) == "Auto" and source.cell("Sheet1", 0, 6) == "Filter"


def test_excel_made_table_with_a_total_row():
    source = CalamineSource(str(EXCEL_MADE / "table08.xlsx"))
    t = source.table("Table1")
    assert t is not None and t.sheet == "Sheet1"
    assert t.headers == ["Column1", "Column2", "Column3", "Column4"]
    assert (t.first_row, t.first_col) == (3, 2)  # data from C4: the header row C3 is not data
    assert len(t.rows) == 10  # C4:F13; the total row (row 14) is not a data row
    assert source.table("Nincs") is None


# -- LibreOffice Calc --------------------------------------------------------------------------------

@needs_soffice
def test_a_1904_workbook_saved_by_libreoffice_reads_the_same(tmp_path):
    hep = clean_hep()
    src = tmp_path / "in" / "mac.xlsx"
    src.parent.mkdir()
    write_workbook(hep, src, options=WriteOptions(date_1904=True))
    saved = convert(src, tmp_path / "out", "xlsx:Calc MS Excel 2007 XML")
    with zipfile.ZipFile(saved) as zf:
        workbook_xml = zf.read("xl/workbook.xml").decode()
        assert "LibreOffice" in zf.read("docProps/app.xml").decode()
    assert re.search(r'date1904="(1|true)"', workbook_xml)  # Calc kept the 1904 system
    result = read_workbook(saved)
    assert result.date1904 is True and result.issues == []
    assert result.hep == hep
    assert result.hep.settlement.adoption_date == dt.date(2025, 2, 27)
    assert result.hep.forum.meetings[0].date == dt.date(2024, 3, 15)


# -- Gnumeric ----------------------------------------------------------------------------------------

def _ssconvert(src: Path, dst: str, export_type: str) -> None:
    proc = subprocess.run(["ssconvert", f"--export-type={export_type}", *(["-S"] if "%" in dst else []),
                           str(src), dst], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def _fits(a: float, b: float) -> bool:
    """Equal to 15 significant digits (Gnumeric prints 17: 99.21 as 99.20999999999999)."""
    return float(f"{a:.15g}") == float(f"{b:.15g}")


@needs_gnumeric
def test_gnumeric_reads_our_values(tmp_path):
    hep = clean_hep()
    path = tmp_path / "hep.xlsx"
    write_workbook(hep, path)
    _ssconvert(path, str(tmp_path / "lap_%s.csv"), "Gnumeric_stf:stf_csv")
    with open(tmp_path / f"lap_{L.SHEETS.indicators}.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == L.IND_ID)
    header = rows[header_at]
    year_cols = {int(h): i for i, h in enumerate(header) if h.isdigit()}
    assert sorted(year_cols) == hep.years
    seen = set()
    for r in rows[header_at + 1:]:
        if not r or r[0] not in hep.indicators:
            continue
        series = hep.indicators[r[0]]
        seen.add(r[0])
        for year, col in year_cols.items():
            want = series.values.get(year)
            if want is None:
                assert r[col] == "", (r[0], year, r[col])
            else:
                assert _fits(float(r[col]), want), (r[0], year, r[col], want)
    assert seen == set(hep.indicators)
    with open(tmp_path / f"lap_{L.SHEETS.settlement}.csv", encoding="utf-8", newline="") as fh:
        shown = {r[0]: r[1] for r in csv.reader(fh) if len(r) > 1}
    assert shown["Település neve"] == hep.settlement.name
    assert shown["KSH településazonosító törzsszám"] == hep.settlement.ksh_code
    assert shown["Lakónépesség (fő)"] == "2520" and shown["Elfogadás dátuma"] == "2025/02/27"


@needs_gnumeric
@pytest.mark.parametrize("date1904", [False, True])
def test_a_workbook_saved_by_gnumeric_keeps_names_values_and_date_system(tmp_path, date1904):
    hep = clean_hep()
    src = tmp_path / "hep.xlsx"
    write_workbook(hep, src, options=WriteOptions(date_1904=date1904))
    saved = tmp_path / "gnumeric.xlsx"
    _ssconvert(src, str(saved), "Gnumeric_Excel:xlsx2")
    source = CalamineSource(str(saved))
    assert source.date1904 is date1904

    def named(name):
        sheet, ref = source.defined_names[name].split("!")
        col, row = re.fullmatch(r"\$([A-Z]+)\$(\d+)", ref).groups()
        return source.cell(sheet.strip("'"), int(row) - 1, ord(col) - ord("A"))

    st = hep.settlement
    assert named("hep_settlement_name") == st.name and named("hep_ksh_code") == st.ksh_code
    assert named("hep_population") == st.population
    assert parse_date(named("hep_adoption_date"), source.date1904) == st.adoption_date
    assert parse_date(named("hep_review_date_1"), source.date1904) == st.review_dates[0]


@needs_gnumeric
def test_the_hep_reader_says_which_table_gnumeric_dropped(tmp_path, capsys):
    src = tmp_path / "hep.xlsx"
    write_workbook(clean_hep(), src)
    saved = tmp_path / "gnumeric.xlsx"
    _ssconvert(src, str(saved), "Gnumeric_Excel:xlsx2")
    with zipfile.ZipFile(saved) as zf:
        assert not [n for n in zf.namelist() if n.startswith("xl/tables/")]  # Gnumeric keeps no Excel table
    with pytest.raises(HepReadError, match=f"hiányzik a\\(z\\) „{L.INDICATORS_TABLE}” Excel-táblázat"):
        read_workbook(saved)
    assert cli(["validate", str(saved)]) == 2
    err = capsys.readouterr().err
    assert "gnumeric.xlsx" in err and "Excel-táblázat" in err and "Traceback" not in err
