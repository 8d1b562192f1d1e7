"""Texts that cannot be archived as they are: characters XML cannot hold, and texts longer than an
Excel cell (:func:`hep_xl.limits.text_problem`, the same rule the JSON schema applies). The JSON
export refuses such a document; these rules say so first, at the cell."""

from __future__ import annotations

import dataclasses

from ... import limits
from ..findings import Severity
from ..registry import Context, hit, rule

_RECORDS = (("problems", lambda h: h.problems), ("measures", lambda h: h.measures),
            ("members", lambda h: h.forum.members), ("meetings", lambda h: h.forum.meetings),
            ("working_groups", lambda h: h.forum.working_groups))
_SHOWN = 60


def texts(hep):
    """(cell-map key, field, text) for every text the model holds."""
    st = hep.settlement
    for f in dataclasses.fields(st):
        value = getattr(st, f.name)
        if isinstance(value, str):
            yield ("settlement", f.name), f.name, value
    for sid, s in hep.indicators.items():
        for attr in ("source", "note"):
            yield ("indicator", sid, attr), f"{sid}/{attr}", getattr(s, attr)
    for item_id, e in hep.checklist.items():
        for attr in ("status", "narrative", "data_gaps"):
            yield ("checklist", item_id, attr), attr, getattr(e, attr)
    for key, items in _RECORDS:
        for n, item in enumerate(items(hep)):
            for f in dataclasses.fields(item):
                value = getattr(item, f.name)
                if isinstance(value, str) and not (key == "measures" and f.name == "target_group"):
                    yield (key, n, f.name), f.name, value  # (a measure's group is its table, not typed)


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def _problems(ctx: Context, kind: str):
    for key, field, text in texts(ctx.hep):
        found = limits.text_problem(text) if text else None
        if found and found[0] == kind:
            _, number, code = found
            yield key, field, text, number, code


@rule("TXT-001", "read", Severity.ERROR)
def control_character(ctx: Context):
    for key, field, text, position, code in _problems(ctx, "control"):
        yield hit(key, field, _shown(text), position=position, code=code)


@rule("TXT-002", "read", Severity.ERROR)
def text_too_long(ctx: Context):
    for key, field, text, length, _ in _problems(ctx, "length"):
        yield hit(key, field, _shown(text), length=f"{length:,}".replace(",", " "),
                  limit=f"{limits.MAX_TEXT_CHARS:,}".replace(",", " "))


def text_problems(result) -> list[tuple[str, str, str]]:
    """(sheet, cell, Hungarian message) of every text a read workbook cannot archive (for the
    export's and the batch's messages, which otherwise could only name a JSON path)."""
    from ...catalog import load_catalog
    from .. import DEFAULT_CONFIG, RULES, Context, _locate
    from ..findings import Finding

    ctx = Context(result.hep, load_catalog(result.hep.catalog_version), DEFAULT_CONFIG, result.cells)
    out = []
    for rule_id in ("TXT-001", "TXT-002"):
        r = RULES[rule_id]
        for h in r.func(ctx):
            sheet, cell = _locate(h, ctx.cells)
            f = Finding(r.id, r.severity, sheet, cell, h.field, h.value, h.params)
            out.append((sheet, cell, f.text("hu")))
    return out
