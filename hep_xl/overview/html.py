"""The overview's HTML pages, rendered with Jinja2 from the templates beside this module.

A page set that works from a folder (a USB stick): ``index.html`` (the summary table),
``osszehasonlitas.html`` (the comparisons), one page per settlement under ``telepulesek/``, and
one stylesheet and one script under ``assets/``, all linked by relative paths. Nothing is loaded
from the network.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from ..catalog import load_catalog
from ..export.docx_doc import format_date, format_number
from ..validate.findings import AREA_LABELS, AREAS
from .charts import ranking, sparkline, strip
from .compare import Comparison
from .entry import FINDING_SHEETS, Entry

ASSETS_DIR = "assets"
ASSETS = {"css": f"{ASSETS_DIR}/attekintes.css", "js": f"{ASSETS_DIR}/attekintes.js"}
_ASSET_SOURCES = {"css": "overview.css", "js": "overview.js"}
PAGES_DIR = "telepulesek"
FORMAT_LABELS = {"json": "JSON", "docx": "Word", "pdf": "PDF/A"}
AREA_SHORT = {"settlement": "Települési adatok", "annex1": "1. mell.", "annex2": "2. mell.", "annex3": "3. mell.",
              "forum": "Fórum", "overall": "Összesen"}


@dataclass(frozen=True)
class Column:
    key: str
    short: str
    label: str


@dataclass(frozen=True)
class SheetColumn:
    name: str
    short: str


def _num(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        value = round(value, 2)
    return format_number(value)


def unit_suffix(label: str, unit: str) -> str:
    """" (unit)" after a label, unless the label names the unit already ("Öregedési index")."""
    return f" ({unit})" if unit and unit.casefold() not in label.casefold() else ""


def _short_date(day) -> str:
    return day.strftime("%Y.%m.%d.") if isinstance(day, dt.date) else ""


def _iso(day) -> str:
    return day.isoformat() if isinstance(day, dt.date) else ""


def _urlpath(path: str) -> str:
    return quote(path.replace(os.sep, "/"))


def file_href(source: str, page_dir: str) -> str:
    """A link from a page in ``page_dir`` to a file: relative where it can be, else a file URI."""
    try:
        return _urlpath(os.path.relpath(source, page_dir))
    except ValueError:  # another drive (Windows)
        return Path(source).as_uri()


@lru_cache(maxsize=1)
def environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("hep_xl.overview", "templates"),
                             autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters.update(num=_num, date=format_date, shortdate=_short_date, isodate=_iso, urlpath=_urlpath,
                       file_href=file_href, unit_suffix=unit_suffix)
    return env


def asset_text(kind: str) -> str:
    return resources.files(__package__).joinpath("templates", _ASSET_SOURCES[kind]).read_text(encoding="utf-8")


class Renderer:
    """Renders the pages of one overview (the shared context computed once)."""

    def __init__(self, entries: list[Entry], comparison: Comparison, meta: dict, out_dir: Path,
                 display_root: Path | None):
        self.entries, self.comparison, self.out_dir = entries, comparison, out_dir
        self.groups = (load_catalog(entries[0].catalog_version) if entries else load_catalog()).target_groups
        labels = AREA_LABELS["hu"]
        self.common = {
            "meta": meta, "assets": ASSETS, "generator": meta["generator"],
            "areas": [Column(a, AREA_SHORT[a], labels[a]) for a in (*AREAS, "overall")],
            "sheets": [SheetColumn(s, s) for s in FINDING_SHEETS],
            "groups": self.groups, "fmt_labels": FORMAT_LABELS,
        }
        env = environment()
        root = display_root

        def display_path(source: str) -> str:
            if root is None:
                return source
            try:
                return os.path.relpath(source, root)
            except ValueError:
                return source

        env.filters["display_path"] = display_path
        self.env = env

    def index(self, unreadable) -> str:
        counties = sorted({e.identity.county for e in self.entries if e.identity.county}, key=sort_text)
        districts = sorted({e.identity.district for e in self.entries if e.identity.district}, key=sort_text)
        es = self.entries
        glance = {"errors": sum(e.total("error") > 0 for e in es),
                  "gaps": sum(0 in e.measures_per_group.values() for e in es),
                  "late": sum(bool(e.late_measures) for e in es),
                  "complete": sum(round(e.scores.get("overall", 0) * 100) == 100 for e in es)}
        return self.env.get_template("index.html").render(
            **self.common, page="index", root="", page_dir=str(self.out_dir), entries=es,
            unreadable=unreadable, counties=counties, districts=districts, glance=glance)

    def compare(self) -> str:
        ranks = {}
        for s in self.comparison.stats:
            named = [(e.name, pos[s.id].value, pos[s.id].band)
                     for e, pos in zip(self.entries, self.comparison.positions) if s.id in pos]
            ranks[s.id] = ranking(named, s) if named else None
        return self.env.get_template("compare.html").render(
            **self.common, page="compare", root="", page_dir=str(self.out_dir), entries=self.entries,
            comparison=self.comparison, charts=ranks)

    def settlement(self, k: int) -> str:
        e = self.entries[k]
        positions = self.comparison.positions[k]
        keys = []
        for series in e.key_series:
            stats = self.comparison.stat(series.id)
            pos = positions.get(series.id)
            latest = series.latest
            summary = (f"legutóbb {_num(latest[1])} ({latest[0]})" if latest else "nincs adat")
            keys.append({"series": series, "stats": stats, "pos": pos, "summary": summary,
                         "spark": sparkline(series, stats),
                         "strip": strip(pos, stats) if pos else None})
        by_sheet: dict[str, list] = {}
        for f in e.findings:
            by_sheet.setdefault(f.sheet, []).append(f)
        order = {s: i for i, s in enumerate(FINDING_SHEETS)}
        findings_by_sheet = sorted(by_sheet.items(), key=lambda kv: order.get(kv[0], len(order)))
        known = {g.id for g in self.groups}
        page_dir = str((self.out_dir / e.page).parent)
        return self.env.get_template("settlement.html").render(
            **self.common, page="settlement", root="../", page_dir=page_dir, e=e, keys=keys,
            findings_by_sheet=findings_by_sheet, other_problems=[p for p in e.problems if p.group not in known])


def sort_text(text: str) -> str:
    """A sort key close to Hungarian alphabetical order (accented letters right after their base)."""
    import unicodedata

    return unicodedata.normalize("NFD", text.casefold())
