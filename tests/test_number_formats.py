"""The indicator values as a Hungarian clerk reads them: 2 497, 12,5 and −12, from Excel's own format
codes (``#,##0``, ``0.0``: Excel, LibreOffice and Gnumeric put the locale's separators in), shown
by LibreOffice with a hu-HU locale and by Gnumeric (``ssconvert``) under a Hungarian locale set as
Windows sets it (a space, not glibc's dot, groups the thousands), each saving the text it shows.
The number formats themselves are chosen per series kind (hep_xl.catalog.value_rule)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hep_xl.model import NO_DATA
from hep_xl.workbook import SHEETS
from hep_xl.workbook.writer import blank_hep, write_workbook

from .render import convert_many, locale_xcu

EXPECTED = {"resident_population": "2 497", "permanent_population.male_share": "12,5",
            "natural_increase": "−12", "registered_jobseekers": "116,75", "housing_stock": "1 012"}
SPACES = "\u00a0\u202f\u2009"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    hep = blank_hep("Példafalva", "10898", 2025)
    for sid, value in (("resident_population", 2497), ("permanent_population.male_share", 12.5),
                       ("natural_increase", -12), ("registered_jobseekers", 116.75), ("housing_stock", 1012)):
        hep.series(sid).values[2020] = value
    hep.series("nursery_enrolled").values[2020] = NO_DATA
    return write_workbook(hep, tmp_path_factory.mktemp("formatumok") / "szamok.xlsx")


def _shown(rows: list[list[str]]) -> dict[str, str]:
    """The shown 2020 value of each series row (first column: the hidden id)."""
    header = next(r for r in rows if "2020" in r)
    col = header.index("2020")
    out = {}
    for r in rows:
        if r and r[0] in EXPECTED:
            text = r[col]
            for ch in SPACES:
                text = text.replace(ch, " ")
            out[r[0]] = text
    return out


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) nincs telepítve")
def test_libreoffice_with_a_hungarian_locale_shows_them_as_a_clerk_expects(workbook, tmp_path):
    # sheet -1: every sheet in a file of its own; token 9 "true": the text as shown
    target = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1038,false,true,true,false,false,-1"
    convert_many([workbook], tmp_path, target, profile_xcu=locale_xcu("hu-HU"))
    sheet = tmp_path / f"{workbook.stem}-{SHEETS.indicators}.csv"
    assert sheet.exists(), sorted(p.name for p in tmp_path.iterdir())
    with open(sheet, encoding="utf-8", newline="") as fh:
        assert _shown(list(csv.reader(fh, delimiter=";"))) == EXPECTED


def _windows_hungarian_locale(folder: Path) -> dict[str, str] | None:
    """Environment variables for a hu_HU.UTF-8 locale as Hungarian Windows has it: decimal comma,
    thousands grouped by a no-break space (glibc's hu_HU groups by a dot), compiled with localedef."""
    source = Path("/usr/share/i18n/locales/hu_HU")
    if not shutil.which("localedef") or not source.exists():
        return None
    text = source.read_text(encoding="utf-8")
    # (Gnumeric groups by the monetary separator, so both are set)
    text = re.sub(r"^thousands_sep\s.*$", 'thousands_sep "<U00A0>"', text, flags=re.M)
    text = re.sub(r"^mon_thousands_sep\s.*$", 'mon_thousands_sep "<U00A0>"', text, flags=re.M)
    (folder / "hu_win").write_text(text, encoding="utf-8")
    (folder / "locales").mkdir()
    proc = subprocess.run(["localedef", "-i", str(folder / "hu_win"), "-f", "UTF-8",
                           str(folder / "locales" / "hu_HU.UTF-8")], capture_output=True, text=True,
                          env={**os.environ, "I18NPATH": str(source.parent.parent)})
    if not (folder / "locales" / "hu_HU.UTF-8").is_dir():
        pytest.fail(f"localedef: {proc.stdout} {proc.stderr}")
    return {"LOCPATH": str(folder / "locales"), "LC_ALL": "hu_HU.UTF-8", "LANG": "hu_HU.UTF-8"}


@pytest.mark.skipif(not shutil.which("ssconvert"), reason="Gnumeric (ssconvert) nincs telepítve")
def test_gnumeric_shows_them_the_same(workbook, tmp_path):
    env = _windows_hungarian_locale(tmp_path)
    if env is None:
        pytest.skip("a glibc hu_HU helyi beállítás forrása (locales csomag) nincs telepítve")
    out = tmp_path / "gn.%s.txt"
    subprocess.run(["ssconvert", "-S", "-T", "Gnumeric_stf:stf_assistant",
                    "-O", "format=preserve separator=; quoting-mode=never", str(workbook), str(out)],
                   capture_output=True, text=True, env={**os.environ, **env}, check=True, timeout=120)
    sheet = tmp_path / f"gn.{SHEETS.indicators}.txt"
    rows = [line.split(";") for line in sheet.read_text(encoding="utf-8").splitlines()]
    assert _shown(rows) == EXPECTED
