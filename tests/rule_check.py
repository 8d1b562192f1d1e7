"""One rule at a time, on a model: what the rule-by-rule tests (``tests/test_rules_*.py``) call.

The workbook tests (``test_validate_rules.py``, ``test_monitoring_rules.py``) break a rule in a real
workbook and assert the finding's cell; every one of them runs the whole validator on a workbook
written and read back. The rule-by-rule tests run a single rule's function on the clean model of
``test_validate_fixtures`` with one thing changed, and assert what the rule yields (key, field, value,
params) and its Hungarian message. They take milliseconds, and each exercises only the rule it
names, so the mutation gate's ``rules`` set (``tests/mutmut_floor.toml``) runs in minutes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hep_xl.catalog import load_catalog
from hep_xl.model import Hep
from hep_xl.validate import Finding
from hep_xl.validate.config import ValidationConfig
from hep_xl.validate.registry import RULES, Context, Hit

# the clean model's record covers the programme period 2025–2029: checked after it, nothing is due
AS_OF = dt.date(2030, 1, 10)


def context(hep: Hep, *, cells: dict | None = None, issues=(), as_of: dt.date | None = AS_OF,
            **config) -> Context:
    """The context the validator would give the rules for ``hep`` (``config``: ValidationConfig fields)."""
    cfg = replace(ValidationConfig(as_of=as_of), **config)
    return Context(hep, load_catalog(hep.catalog_version), cfg, cells, list(issues))


def hits(rule_id: str, hep: Hep, **kw) -> list[Hit]:
    """What the one rule ``rule_id`` yields on ``hep`` (keyword arguments: see :func:`context`)."""
    return list(RULES[rule_id].func(context(hep, **kw)))


def findings(rule_id: str, hep: Hep, **kw) -> list[Finding]:
    """The rule's hits as the findings the report shows (severity from the catalog, no cell map)."""
    rule = RULES[rule_id]
    ctx = context(hep, **kw)
    severity = rule.severity_in(ctx.catalog)
    return [Finding(rule_id, severity, "", "", h.field, h.value, h.params) for h in rule.func(ctx)]


def messages(rule_id: str, hep: Hep, **kw) -> list[str]:
    """The Hungarian messages of the rule's findings."""
    return [f.text() for f in findings(rule_id, hep, **kw)]


def keys(rule_id: str, hep: Hep, **kw) -> list[tuple | None]:
    """Where the rule's hits point (cell-map keys), in the order yielded."""
    return [h.key for h in hits(rule_id, hep, **kw)]
