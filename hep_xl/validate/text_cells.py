"""The cells whose text the JSON export refuses (rules TXT-001 and TXT-002 alone), for the messages
of ``export json`` and ``convert``, which otherwise could only name a JSON path."""

from __future__ import annotations

from ..catalog import load_catalog
from . import RULES, Context, ValidationConfig, run_rules

TEXT_RULES = frozenset({"TXT-001", "TXT-002"})


def text_problems(result) -> list[tuple[str, str, str]]:
    """(sheet, cell, Hungarian message) of every text of a read workbook that cannot be archived."""
    config = ValidationConfig(disabled_rules=frozenset(RULES) - TEXT_RULES)
    ctx = Context(result.hep, load_catalog(result.hep.catalog_version), config, result.cells)
    return [(f.sheet, f.cell, f.text("hu")) for f in run_rules(ctx)]
