"""Validate a HEP: completeness and consistency findings that point at the cell.

``validate(read_result)`` checks a workbook read by :func:`hep_xl.workbook.reader.read_workbook`;
``validate_hep(hep, cells=None)`` checks a model from anywhere (e.g. JSON). Rules live in
:mod:`.rules` (one function per rule ID, registered in :data:`.registry.RULES`); the messages in
:mod:`.messages`. This package is import-light: no openpyxl, pandas, docx or jsonschema here
(writing the report back into the workbook, :mod:`.writeback`, imports openpyxl itself).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..catalog import load_catalog
from ..model import Hep
from ..workbook import sheet_of
from . import rules as _rules  # noqa: F401  (registers every rule)
from .config import DEFAULT_CONFIG, ValidationConfig
from .findings import AREA_LABELS, AREAS, Finding, Report, Severity
from .registry import RULES, Context, Hit, Rule

if TYPE_CHECKING:
    from ..workbook.reader import ReadResult

_RANGE = re.compile(r"^([A-Z]{1,3})(\d+):[A-Z]{1,3}\d+$")


def _first_data_cell(ref: str) -> str:
    """A table range "A5:D25" (header in row 5) -> its first data cell "A6"."""
    m = _RANGE.match(ref)
    return f"{m.group(1)}{int(m.group(2)) + 1}" if m else ref


def _locate(hit: Hit, cells: dict | None) -> tuple[str, str]:
    if hit.sheet is not None:
        return hit.sheet, hit.cell or ""
    key = hit.key
    if key is None:
        return "", ""
    ref = cells.get(key) if cells else None
    if ref is not None:
        return ref.sheet, _first_data_cell(ref.cell) if key[0] == "table" else ref.cell
    return sheet_of(key), ""


def run_rules(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for r in RULES.values():
        if r.id in ctx.config.disabled_rules:
            continue
        severity = r.severity_in(ctx.catalog)
        for h in r.func(ctx):
            sheet, cell = _locate(h, ctx.cells)
            out.append(Finding(r.id, severity, sheet, cell, h.field, h.value, h.params))
    return out


def validate_hep(hep: Hep, cells: dict | None = None, *, config: ValidationConfig | None = None,
                 issues=(), path: str = "") -> Report:
    """Validate a model; ``cells`` (a ReadResult's cell map) lets findings name the A1 cell."""
    from . import scores

    ctx = Context(hep, load_catalog(hep.catalog_version), config or DEFAULT_CONFIG, cells, list(issues))
    return Report(run_rules(ctx), scores.compute(ctx), path)


def validate(result: ReadResult, *, config: ValidationConfig | None = None) -> Report:
    """Validate a workbook as read by the reader; its read issues become READ-001 findings."""
    return validate_hep(result.hep, result.cells, config=config, issues=result.issues, path=result.path)


__all__ = ["validate", "validate_hep", "ValidationConfig", "Report", "Finding", "Severity", "RULES", "Rule",
           "AREAS", "AREA_LABELS"]
