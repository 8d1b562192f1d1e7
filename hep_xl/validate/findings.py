"""Findings are data first: rule ID, severity, where (sheet, cell, field), the offending value and the
message parameters. The Hungarian (or English) text is rendered from them by :mod:`.messages`."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from dataclasses import field as dc_field

from ..model import NO_DATA, NO_DATA_LABEL


class Severity(enum.Enum):
    """Language-neutral severity; ``label(lang)`` renders the name the user reads."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def label(self, lang: str = "hu") -> str:
        return SEVERITY_LABELS[lang if lang in SEVERITY_LABELS else "hu"][self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Accepts the enum value, the English or the Hungarian name (``hiba``, ``figyelmeztetés``…)."""
        key = text.strip().casefold()
        for sev in cls:
            if key in (sev.value, sev.name.casefold(), *(labels[sev].casefold()
                                                          for labels in SEVERITY_LABELS.values())):
                return sev
        aliases = {"figyelmeztetes": cls.WARNING, "tajekoztatas": cls.INFO}
        if key in aliases:
            return aliases[key]
        raise ValueError(text)


SEVERITY_LABELS = {
    "hu": {Severity.ERROR: "hiba", Severity.WARNING: "figyelmeztetés", Severity.INFO: "tájékoztatás"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}

AREAS = ("settlement", "annex1", "annex2", "annex3", "forum")
AREA_LABELS = {
    "hu": {"settlement": "Településadatok", "annex1": "1. melléklet (mutatók)",
           "annex2": "2. melléklet (példálózó alpontok nélkül)",
           "annex3": "3. melléklet (intézkedési terv)",
           "forum": "HEP Fórum", "overall": "Összesen"},
    "en": {"settlement": "Settlement data", "annex1": "Annex 1 (indicators)",
           "annex2": "Annex 2 (without the illustrative points)",
           "annex3": "Annex 3 (action plan)",
           "forum": "HEP Forum", "overall": "Overall"},
}


def plain_value(value):
    """A value as JSON-friendly data (dates as ISO text, "nincs adat" as its label)."""
    if value is NO_DATA:
        return NO_DATA_LABEL
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    return str(value)


@dataclass
class Finding:
    rule_id: str
    severity: Severity
    sheet: str = ""
    cell: str = ""  # A1 reference; "" when the model has no cell map (e.g. a Hep from JSON)
    field: str = ""
    value: object = None
    params: dict = dc_field(default_factory=dict)

    @property
    def location(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet

    def text(self, lang: str = "hu") -> str:
        """The message without the location prefix."""
        from .messages import render

        return render(self, lang)

    def message(self, lang: str = "hu") -> str:
        """The message the user reads, naming the sheet and cell."""
        loc = self.location
        return f"{loc}: {self.text(lang)}" if loc else self.text(lang)

    def to_dict(self, lang: str = "hu") -> dict:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "severity_label": self.severity.label(lang),
            "sheet": self.sheet,
            "cell": self.cell,
            "field": self.field,
            "value": plain_value(self.value),
            "params": {k: plain_value(v) for k, v in self.params.items()},
            "message": self.message(lang),
        }


@dataclass
class Report:
    findings: list[Finding] = dc_field(default_factory=list)
    scores: dict[str, float] = dc_field(default_factory=dict)  # per area and "overall", 0..1
    path: str = ""

    def counts_by_severity(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for f in self.findings:
            counts[f.severity.value] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def filtered(self, min_severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity.rank >= min_severity.rank]

    def to_dict(self, lang: str = "hu", min_severity: Severity = Severity.INFO) -> dict:
        return {
            "path": self.path,
            "counts": self.counts_by_severity(),
            "has_errors": self.has_errors,
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "findings": [f.to_dict(lang) for f in self.filtered(min_severity)],
        }
