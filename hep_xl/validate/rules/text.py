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
            ("working_groups", lambda h: h.forum.working_groups), ("reports", lambda h: h.forum.reports),
            ("progress", lambda h: h.progress))
_SHOWN = 60


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _names(obj) -> tuple[str, ...]:
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def texts(hep):
    """(cell-map key, field, text) for every text the model holds."""
    st = hep.settlement
    for name in _names(st):
        value = getattr(st, name)
        if isinstance(value, str):
            yield ("settlement", name), name, value
    for sid, s in hep.indicators.items():
        yield ("indicator", sid, "source"), f"{sid}/source", s.source
        yield ("indicator", sid, "note"), f"{sid}/note", s.note
    for item_id, e in hep.checklist.items():
        for attr in ("status", "narrative", "data_gaps"):
            yield ("checklist", item_id, attr), attr, getattr(e, attr)
    for key, items in _RECORDS:
        for n, item in enumerate(items(hep)):
            for name in _names(item):
                value = getattr(item, name)
                if isinstance(value, str) and not (key == "measures" and name == "target_group"):
                    yield (key, n, name), name, value  # (a measure's group is its table, not typed)
    yield ("frame", "issuing_body"), "issuing_body", hep.frame.issuing_body
    for part_id, t in hep.frame.texts.items():
        yield ("frame", part_id, "text"), "text", t.text


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def _all_problems(ctx: Context) -> list:
    """Every text with a problem, found once for both rules: one search over all texts joined by
    line feeds (allowed inside a text) answers the common case, a clean workbook, at once."""
    found = ctx.cache.get("text_problems")
    if found is None:
        items = [(k, f, t) for k, f, t in texts(ctx.hep) if t]
        joined = "\n".join(t for _, _, t in items)
        suspicious = limits.has_control(joined) or any(len(t) > limits.MAX_TEXT_CHARS for _, _, t in items)
        found = []
        if suspicious:
            for key, field, text in items:
                problem = limits.text_problem(text)
                if problem:
                    found.append((key, field, text, *problem))
        ctx.cache["text_problems"] = found
    return found


def _problems(ctx: Context, kind: str):
    for key, field, text, what, number, code in _all_problems(ctx):
        if what == kind:
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
