"""The one place rules are registered. A rule is one function decorated with :func:`rule`; it
receives a :class:`Context` and yields :class:`Hit` objects (where and what), which the engine turns
into :class:`~.findings.Finding` objects carrying the rule's ID and severity.

A rule's severity is catalog data (``rules.json`` of the catalog version): it follows the words of
the text the rule comes from, and the catalog records that text's sentence beside it
(:meth:`Rule.basis`, shown by ``hep-xl validate --explain RULE-ID``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field

from ..catalog import Catalog, RuleBasis, load_catalog
from ..model import Hep
from .config import ValidationConfig
from .findings import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    area: str  # settlement | annex1 | annex2 | annex3 | forum | read
    func: Callable[[Context], Iterable[Hit]]
    code_severity: Severity | None = None  # only for a rule the catalog does not list (yet)

    def basis(self, catalog: Catalog | None = None) -> RuleBasis | None:
        """What the catalog records about this rule: severity, source, reference, sentence."""
        return (catalog or load_catalog()).rule_by_id.get(self.id)

    def severity_in(self, catalog: Catalog | None = None) -> Severity:
        basis = self.basis(catalog)
        if basis is not None:
            return Severity(basis.severity)
        return self.code_severity or Severity.ERROR

    @property
    def severity(self) -> Severity:
        """The severity in the default catalog version."""
        return self.severity_in()


RULES: dict[str, Rule] = {}


def rule(rule_id: str, area: str, severity: Severity | None = None):
    """Register ``func`` as the check for ``rule_id``; messages live in :mod:`.messages`, the
    severity and its source sentence in the catalog's ``rules.json`` (``severity`` here is only a
    fallback for a rule the catalog does not list yet)."""

    def decorate(func):
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, area, func, severity)
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

    @property
    def today(self) -> dt.date:
        """The date the record is checked at (``ValidationConfig.as_of``, default: today)."""
        return self.config.as_of or dt.date.today()
