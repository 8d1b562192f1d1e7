"""The one place rules are registered. A rule is one function decorated with :func:`rule`; it
receives a :class:`Context` and yields :class:`Hit` objects (where and what), which the engine turns
into :class:`~.findings.Finding` objects carrying the rule's ID and severity."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Callable, Iterable

from ..catalog import Catalog
from ..model import Hep
from .config import ValidationConfig
from .findings import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    area: str  # settlement | annex1 | annex2 | annex3 | forum | read
    severity: Severity
    func: Callable[["Context"], Iterable["Hit"]]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, area: str, severity: Severity):
    """Register ``func`` as the check for ``rule_id``; messages live in :mod:`.messages`."""

    def decorate(func):
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, area, severity, func)
        return func

    return decorate


@dataclass
class Hit:
    """What a rule found: a cell-map key (or an explicit sheet/cell), the field, the value, params."""

    key: tuple | None = None
    field: str = ""
    value: object = None
    params: dict = dc_field(default_factory=dict)
    sheet: str | None = None
    cell: str | None = None


def hit(key: tuple | None, field: str = "", value=None, **params) -> Hit:
    return Hit(key, field, value, params)


@dataclass
class Context:
    hep: Hep
    catalog: Catalog
    config: ValidationConfig
    cells: dict | None = None  # ReadResult.cells, or None for a model without a workbook
    read_issues: list = dc_field(default_factory=list)
    cache: dict = dc_field(default_factory=dict)
