"""The command line speaks Hungarian, argparse's own words too: every --help and every error the
parser makes is scanned for argparse's English; each verb's --help ends with an example; a mistyped
verb gets the closest ones; validate takes folders as convert does; export says how many errors the
exported plan still has (exit 0: a draft may be exported)."""

from __future__ import annotations

import argparse
import re

import pytest

from hep_xl.cli import EXAMPLES, build_parser, main
from hep_xl.excel.build import write_any
from hep_xl.sample import build_sample_hep
from hep_xl.workbook.writer import blank_hep

# argparse's phrases (Python 3.9–3.13) that must never reach a clerk
ENGLISH = ("usage:", "positional arguments", "optional arguments", "options:", "show this help",
           "show program's version", "error:", "invalid choice", "choose from", "the following arguments",
           "are required", "unrecognized arguments", "expected one argument", "expected at least",
           "invalid int value", "ambiguous option", "could match", "not allowed with", "ignored explicit",
           "argument ", "SETTLEMENT", "OUTPUT", "WORKBOOK", "INPUT ", "KSH_CODE", "START_YEAR")
VERBS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def _run(argv, capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return int(code or 0), out.out + out.err


def _english(text: str) -> list[str]:
    return [p for p in ENGLISH if p in text]


def test_every_help_is_hungarian_and_ends_with_an_example(capsys):
    assert set(VERBS) == set(EXAMPLES), "every verb needs an example in hep_xl.cli.EXAMPLES"
    code, top = _run(["--help"], capsys)
    assert code == 0 and not _english(top), _english(top)
    assert "használat: hep-xl" in top and "Példák:" in top
    for verb in VERBS:
        assert EXAMPLES[verb] in top
        code, text = _run([verb, "--help"], capsys)
        assert code == 0 and not _english(text), (verb, _english(text))
        assert f"Példa:\n  {EXAMPLES[verb]}" in text, verb
        assert EXAMPLES[verb].split()[1] == verb


@pytest.mark.parametrize("argv", [
    [],                                                     # no verb
    ["valdate", "x.xlsx"],                                  # mistyped verb
    ["validate", "--format", "xml", "x.xlsx"],               # invalid choice
    ["validate", "--bogus"],                                 # unknown option
    ["validate", "--min-severity"],                          # option without its value
    ["new", "--start-year", "jövőre", "-o", "x.xlsx"],       # not a number
    ["new", "--settlement", "Kaba"],                         # required option missing
    ["export"],                                              # required arguments missing
    ["export", "pdf", "x.xlsx"],                             # invalid choice of a positional
    ["convert", "--o", "x", "y"],                            # ambiguous abbreviation
    ["fill", "x.xlsx"],                                      # one more argument needed
])
def test_every_argparse_error_is_hungarian(argv, capsys):
    code, text = _run(argv, capsys)
    assert code == 2, text
    assert not _english(text), (argv, _english(text), text)
    assert "hep-xl: hibás parancssor:" in text and "használat:" in text


def test_a_mistyped_verb_gets_the_closest_verbs(capsys):
    _, text = _run(["valdate", "x.xlsx"], capsys)
    assert "ismeretlen parancs: „valdate”; erre gondolt: validate?" in text
    _, text = _run(["exprot", "json", "x.xlsx"], capsys)
    assert "erre gondolt: export" in text
    _, text = _run(["zzz"], capsys)
    assert "ismeretlen parancs: „zzz”" in text and "erre gondolt" not in text and "validate" in text


def test_argparse_is_english_again_outside_our_parser():
    """Other argparse users in the same process (pytest itself) keep their own words."""
    build_parser()
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


def test_validate_takes_folders_as_convert_does(tmp_path, capsys):
    folder = tmp_path / "munkafuzetek"
    (folder / "b").mkdir(parents=True)
    write_any(build_sample_hep(), folder / "a.xlsx")
    write_any(blank_hep("Példafalva", "10898", 2025), folder / "b" / "ures.xlsx")
    (folder / "b" / "~$a.xlsx").write_bytes(b"")  # Excel's lock file: not a workbook
    (folder / "jegyzet.txt").write_text("nem munkafüzet")
    code, text = _run(["validate", "--summary", str(folder)], capsys)
    assert code == 1  # the blank workbook has errors
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Fájl" not in line]
    assert [r.split("|")[1].strip() for r in rows] == [str(folder / "a.xlsx"), str(folder / "b" / "ures.xlsx")]
    empty = tmp_path / "ures_mappa"
    empty.mkdir()
    code, text = _run(["validate", str(empty)], capsys)
    assert code == 2 and "nincs .xlsx vagy .xlsm munkafüzet" in text


def test_export_says_how_many_errors_the_plan_still_has(tmp_path, capsys):
    draft = write_any(blank_hep("Példafalva", "10898", 2025), tmp_path / "vazlat.xlsx")
    code, text = _run(["export", "json", str(draft)], capsys)
    assert code == 0
    m = re.search(r"figyelem: a program még (\d+) hibát és (\d+) figyelmeztetést tartalmaz", text)
    assert m and int(m.group(1)) > 0 and "hep-xl validate" in text
    code, text = _run(["export", "docx", str(draft), "-o", str(tmp_path / "vazlat.docx")], capsys)
    assert code == 0 and f"még {m.group(1)} hibát" in text
    clean = write_any(build_sample_hep(), tmp_path / "kesz.xlsx")
    code, text = _run(["export", "json", str(clean)], capsys)
    assert code == 0 and "az ellenőrzés nem talált hibát" in text
    code, text = _run(["export", "json", str(draft), "-o", str(tmp_path / "b.json"), "--no-validate"], capsys)
    assert code == 0 and "hibát" not in text
