"""hep-xl new knows every settlement by its KSH record: the name alone or the code alone is enough,
a name it does not know gets the closest names, a malformed code, a wrong check digit, an empty name
or a name and code of two different settlements are refused with exit code 2 and no file."""

from __future__ import annotations

import pytest

from hep_xl.cli import main
from hep_xl.workbook.reader import read_workbook


def _new(tmp_path, *args):
    out = tmp_path / "k.xlsx"
    return main(["new", *args, "--start-year", "2025", "-o", str(out)]), out


def test_name_alone_fills_code_and_county_and_names_the_district(tmp_path, capsys):
    code, out = _new(tmp_path, "--settlement", "Kaba")
    assert code == 0
    st = read_workbook(out).hep.settlement
    assert (st.name, st.ksh_code, st.county) == ("Kaba", "02307", "Hajdú-Bihar")
    assert st.population is None  # the register's figure is of 2018: never written in as current
    text = capsys.readouterr().out
    assert f"elkészült: {out}" in text
    assert "Püspökladányi járás" in text and "KSH Helységnévtár 2018" in text
    assert "5 584 fő (2018. január 1.)" in text
    assert "roma" in text


def test_code_alone_is_enough(tmp_path):
    code, out = _new(tmp_path, "--ksh-code", "02307")
    assert code == 0
    st = read_workbook(out).hep.settlement
    assert (st.name, st.ksh_code, st.county) == ("Kaba", "02307", "Hajdú-Bihar")


def test_name_in_any_letter_case_gets_the_official_spelling(tmp_path):
    code, out = _new(tmp_path, "--settlement", "budapest xi. kerület")
    assert code == 0
    st = read_workbook(out).hep.settlement
    assert (st.name, st.county) == ("Budapest 11. ker.", "Budapest")


@pytest.mark.parametrize("args,words", [
    (["--ksh-code", "02308"], ["02308", "ellenőrző szám", "7", "02307"]),
    (["--ksh-code", "2307"], ["2307", "öt számjegy"]),
    (["--ksh-code", "0230A"], ["0230A", "öt számjegy"]),
    (["--settlement", "  "], ["üres"]),
    (["--settlement", "", "--ksh-code", "02307"], ["üres"]),
    ([], ["--settlement", "--ksh-code"]),
    (["--settlement", "Kabaa"], ["Kabaa", "Kaba"]),
    (["--settlement", "Komlo"], ["Komló", "Kömlő", "--ksh-code"]),
    (["--settlement", "Kaba", "--ksh-code", "26213"], ["26213", "Szigetmonostor", "Kaba", "02307"]),
    (["--settlement", "Kaba", "--ksh-code", "10898"], ["Kaba", "02307"]),
    (["--ksh-code", "10898"], ["10898", "--settlement"]),
])
def test_refused_with_exit_2_and_no_file(tmp_path, capsys, args, words):
    code, out = _new(tmp_path, *args)
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("hiba: ") and "Traceback" not in err
    for w in words:
        assert w in err, (w, err)
    assert not out.exists()


def test_fictional_settlement_with_a_valid_code_is_made_and_said_to_be_unregistered(tmp_path, capsys):
    code, out = _new(tmp_path, "--settlement", "Példafalva", "--ksh-code", "10898")
    assert code == 0
    st = read_workbook(out).hep.settlement
    assert (st.name, st.ksh_code, st.county) == ("Példafalva", "10898", "")
    assert "nem szerepel" in capsys.readouterr().out


def test_the_issue_command_without_a_start_year_makes_next_years_programme(tmp_path, capsys):
    """`hep-xl new --settlement Kaba -o k.xlsx`: the programme starts next year unless told."""
    import datetime as dt

    out = tmp_path / "k.xlsx"
    assert main(["new", "--settlement", "Kaba", "-o", str(out)]) == 0
    st = read_workbook(out).hep.settlement
    start = dt.date.today().year + 1
    assert (st.ksh_code, st.county, st.period_start, st.period_end) == ("02307", "Hajdú-Bihar", start, start + 4)
    assert f"{start}–{start + 4}" in capsys.readouterr().out
