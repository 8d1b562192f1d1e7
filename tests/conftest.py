"""Shared fixtures: real workbooks written by the real writer into a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hep_xl.workbook.writer import blank_hep, write_workbook

os.environ.setdefault("HEP_XL_LANG", "hu")


def soffice_available() -> bool:
    return shutil.which("soffice") is not None


needs_soffice = pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) nincs telepítve")


@pytest.fixture
def blank_workbook(tmp_path: Path) -> Path:
    """A blank template for a sample settlement, as ``hep-xl new`` writes it."""
    path = tmp_path / "ures.xlsx"
    write_workbook(blank_hep("Példafalva", "12344", 2025), path)
    return path


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """What ``make demo`` writes (the sample filled from its export files, validated, exported), once
    per test session: the Word document tests read the council's document as the demo makes it."""
    from hep_xl.demo import run

    out = tmp_path_factory.mktemp("demo") / "demo-output"
    assert run(out) == 0
    return out
