"""The README's console examples, executed: every ```console block's `$ hep-xl …` commands run on
the sample in a scratch folder, and what they print (stdout and stderr, in order) must be what the
README shows. `$ echo $?` checks the previous command's exit code.

Each block starts from a scenario made here (the files the example's commands name: the filled
sample, the sample exports, a workbook with the README's mistakes, a folder to archive). The
volatile parts are normalised on both sides: the scratch folder's path is shown as
/tmp/readme_ex, and convert's progress lines, whose order depends on which worker finishes first,
are compared without their counters, in sorted order.

When a command's output changes on purpose, rerun the example and correct the README: this test
is what tells you it drifted. A console block this file has no scenario for fails the test.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from hep_xl.cli import main as cli
from hep_xl.excel.build import write_any
from hep_xl.sample import build_sample_hep
from hep_xl.sample.exports.make_exports import export_paths
from hep_xl.workbook.reader import read_workbook

from .conftest import soffice_available

README = Path(__file__).resolve().parents[1] / "README.md"
SHOWN_DIR = "/tmp/readme_ex"  # how the README shows the folder the examples run in
_PROGRESS = re.compile(r"^\[\d+/(\d+)\] ")


@dataclass
class Step:
    command: str  # without the "$ "
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    line: int  # 1-based line of the ```console fence in README.md
    steps: list[Step]

    @property
    def key(self) -> str:
        return self.steps[0].command


def console_blocks(text: str) -> list[Block]:
    blocks, current, start = [], None, 0
    for i, line in enumerate(text.splitlines(), start=1):
        if current is None:
            if line.strip() == "```console":
                current, start = [], i
            continue
        if line.strip() == "```":
            blocks.append(Block(start, current))
            current = None
        elif line.startswith("$ "):
            current.append(Step(line[2:]))
        elif current:
            current[-1].expected.append(line)
        else:
            raise AssertionError(f"README.md:{i}: output before the first $ command of the block")
    return blocks


def normalise(lines: list[str], cwd: Path | None = None) -> list[str]:
    out = []
    for line in lines:
        if cwd is not None:
            for p in {str(cwd.resolve()), str(cwd)}:
                line = line.replace(p, SHOWN_DIR)
        out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    # convert's progress lines: counters dropped, order sorted (workers finish in any order)
    i = 0
    while i < len(out):
        if _PROGRESS.match(out[i]):
            j = i
            while j < len(out) and _PROGRESS.match(out[j]):
                j += 1
            out[i:j] = sorted(_PROGRESS.sub(lambda m: f"[·/{m.group(1)}] ", x) for x in out[i:j])
            i = j
        else:
            i += 1
    return out


# -- scenarios: the files each example's commands work on --------------------------------------------

NEW_ARGS = ["new", "--settlement", "Példafalva", "--ksh-code", "10898", "--start-year", "2025"]


def _quiet(args: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli(args)


def filled_sample(path: Path) -> Path:
    """The sample settlement as `make demo` makes it: the clerk's parts, Annex 1 filled from the exports."""
    hep = build_sample_hep()
    hep.indicators = {}
    write_any(hep, path)
    assert _quiet(["fill", str(path), *map(str, export_paths())]) == 0
    return path


def sample_with_mistakes(filled: Path, path: Path) -> Path:
    """The filled sample with the mistakes the validate example shows, each where a clerk makes it."""
    hep = read_workbook(filled).hep
    hep.settlement.ksh_code = "12345"                                  # wrong check digit
    hep.checklist["4.2"].narrative = ""                                # "nem releváns" without a reason
    group_i = [m for m in hep.measures if m.target_group == "I"]
    group_i[0].indicators = "folyamatos"                               # not measurable
    group_i[2].deadline = "folyamatos"                                 # not a date
    hep.forum.members = [m for m in hep.forum.members if m.role != "notary"]
    adult = hep.indicators["grade_8_completed_adult_education"]  # 33: the 2024 value not yet published
    adult.note = "2024: nincs adat a KSH-nál (a 2024. évi adat a letöltéskor még nem volt közzétéve)"
    write_any(hep, path)
    first = read_workbook(path)
    ref = first.cell("indicator", "housing_stock", 2023)
    wb = openpyxl.load_workbook(path)
    wb[ref.sheet][ref.cell].value = "1.234"                            # thousands dot or decimal point?
    wb.save(path)
    return path


def _setup_new(cwd: Path) -> None:
    pass


def _setup_fill(cwd: Path) -> None:
    assert _quiet([*NEW_ARGS, "-o", str(cwd / "peldafalva.xlsx")]) == 0
    for p in export_paths():
        shutil.copy(p, cwd / p.name)
    # a corrected download: one value differs from the first fill, one name fits two series, one value is text
    (cwd / "javitott.csv").write_text(
        "Mutató;2023;2024\n"
        "Lakónépesség száma;2430;2404\n"
        "Munkanélküliségi ráta nemek szerint;6,2;6,9\n"
        "Lakásállomány;1015;sok\n", encoding="utf-8")


def _setup_validate(cwd: Path) -> None:
    filled_sample(cwd / "peldafalva.xlsx")
    sample_with_mistakes(cwd / "peldafalva.xlsx", cwd / "peldafalva_hibas.xlsx")


def _setup_export(cwd: Path) -> None:
    filled_sample(cwd / "peldafalva.xlsx")


def _setup_bad_json(cwd: Path) -> None:
    import json

    from hep_xl.export.json_doc import hep_to_dict

    doc = hep_to_dict(build_sample_hep())
    doc["extra"] = True
    doc["indicators"]["resident_population"]["values"]["2021"] = "sok"
    doc["settlement"]["name"] = " Példafalva"
    (cwd / "hibas.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")


def _setup_convert(cwd: Path) -> None:
    (cwd / "be" / "a").mkdir(parents=True)
    (cwd / "be" / "b").mkdir()
    filled = filled_sample(cwd / "peldafalva.xlsx")
    shutil.copy(filled, cwd / "be" / "a" / "minta.xlsx")
    shutil.copy(filled, cwd / "be" / "b" / "minta.xlsx")
    sample_with_mistakes(filled, cwd / "be" / "b" / "masik.xlsx")
    (cwd / "be" / "b" / "serult.xlsx").write_bytes(b"ez nem Excel-munkafuzet, csak a neve az")
    filled.unlink()


def _setup_overview(cwd: Path) -> None:
    folder = cwd / "munkafuzetek"
    folder.mkdir()
    filled = filled_sample(folder / "peldafalva.xlsx")
    sample_with_mistakes(filled, folder / "peldafalva_hibas.xlsx")
    (folder / "serult.xlsx").write_bytes(b"ez nem Excel-munkafuzet, csak a neve az")


def _setup_review(cwd: Path) -> None:
    from hep_xl.sample.exports.make_exports import revision_paths
    from hep_xl.sample.review import REVISED_RETRIEVED, apply_first_review

    filled = cwd / "peldafalva.xlsx"  # both versions as make demo makes them
    hep = build_sample_hep()
    hep.indicators = {}
    write_any(hep, filled)
    assert _quiet(["fill", str(filled), *map(str, export_paths()), "--retrieved", "2025-01-15"]) == 0
    reviewed = cwd / "peldafalva_2027.xlsx"
    write_any(apply_first_review(read_workbook(filled).hep, revise_indicators=False), reviewed)
    assert _quiet(["fill", str(reviewed), *map(str, revision_paths()), "--overwrite",
                   "--retrieved", REVISED_RETRIEVED.isoformat()]) == 0
    other = build_sample_hep()
    other.settlement.name, other.settlement.ksh_code = "Kaba", "02307"
    write_any(other, cwd / "kaba.xlsx")


SCENARIOS = {
    "hep-xl new": _setup_new,
    "hep-xl fill": _setup_fill,
    "hep-xl validate": _setup_validate,
    "hep-xl export json": _setup_export,
    "hep-xl import json hibas.json": _setup_bad_json,
    "hep-xl export docx": _setup_export,
    "hep-xl export report": _setup_export,
    "hep-xl convert": _setup_convert,
    "hep-xl overview": _setup_overview,
    "hep-xl review": _setup_review,
}
NEEDS_SOFFICE = {"hep-xl export docx", "hep-xl convert"}  # --pdf goes through LibreOffice


def scenario_for(block: Block) -> str:
    matches = [k for k in SCENARIOS if block.key.startswith(k)]
    assert matches, f"README.md:{block.line}: no scenario for the example `{block.key}`: add one to {__name__}"
    return max(matches, key=len)


BLOCKS = console_blocks(README.read_text(encoding="utf-8"))


def run_block(block: Block, cwd: Path) -> list[tuple[Step, list[str], list[str]]]:
    """Run every step; (step, expected, actual) per step, both normalised."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", HEP_XL_LANG="hu", COLUMNS="200")
    env.pop("HEP_XL_DEBUG", None)
    last = None
    results = []
    for step in block.steps:
        argv = shlex.split(step.command)
        if argv == ["echo", "$?"]:
            actual = [str(last)]
        else:
            assert argv[0] == "hep-xl", f"README.md:{block.line}: only hep-xl commands run here: {step.command}"
            proc = subprocess.run([sys.executable, "-m", "hep_xl", *argv[1:]], cwd=cwd, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
            last = proc.returncode
            actual = proc.stdout.splitlines()
        results.append((step, normalise(step.expected), normalise(actual, cwd)))
    return results


def test_every_console_block_is_an_hep_xl_example():
    assert len(BLOCKS) >= 7
    for block in BLOCKS:
        scenario_for(block)
        assert all(s.command.startswith(("hep-xl ", "echo $?")) for s in block.steps), block


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.line}:{b.key.split(' -')[0][:40]}" for b in BLOCKS])
def test_readme_console_example(block, tmp_path):
    key = scenario_for(block)
    if key in NEEDS_SOFFICE and not soffice_available():
        pytest.skip("LibreOffice (soffice) nincs telepítve: a --pdf példa nem futtatható")
    cwd = tmp_path / "readme_ex"
    cwd.mkdir()
    SCENARIOS[key](cwd)
    for step, expected, actual in run_block(block, cwd):
        assert actual == expected, (f"README.md:{block.line}: `$ {step.command}` prints something else than the "
                                    "README shows; rerun the example and correct the README\n"
                                    + "\n".join(actual))
