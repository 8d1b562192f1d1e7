"""One source of truth: the validator's rule modules and the export modules (JSON, schema, Word
document, charts, PDF) read the decree's facts from the catalog and write none of them down
themselves — no indicator or series id, no Annex 2 section number, no Annex 3 column letter or id, no
target group or Fórum role id, no document-frame part id; in the rule modules no threshold or year
either (the export modules' large numbers are page measurements: twips, EMU, dots per inch).

The check reads each module's syntax tree: string constants (docstrings aside: prose may cite the
text), attribute names (a measure's columns are reached through their catalog role, never as
``m.deadline``) and large whole numbers. A decree fact that creeps into a rule makes it fail, naming
the module, the line and the fact; the self-test below plants a few to show it would."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

from hep_xl import catalog as catalog_module
from hep_xl import model
from hep_xl.catalog import available_versions, load_catalog

RULES_DIR = Path(__file__).resolve().parents[1] / "hep_xl" / "validate" / "rules"
EXPORT_DIR = Path(__file__).resolve().parents[1] / "hep_xl" / "export"
SECTION = re.compile(r"^\d{1,2}\.[1-9]\d?(\.[a-z])?\.?$")  # "2.3", "3.9", "3.2.a" (never "1.0", a version)
LETTER = re.compile(r"^[A-Z]$")  # a lone column letter
BIG = 100  # a whole number this large in a rule is a threshold or a year (100 itself: per cent)
# the catalog's own vocabularies are names of kinds, not facts of the decree ("ageing_index" is a
# derivation kind as well as indicator 4's id)
VOCABULARIES = {*catalog_module.SERIES_KINDS, *catalog_module.DERIVATION_KINDS, *catalog_module.COUNTED,
                *catalog_module.COLUMN_ROLES, *catalog_module.CONSISTENCY_KINDS, *catalog_module.ROLE_EXPECTED,
                *catalog_module.ROLE_BASES, *catalog_module.COMPONENT_ROLES, *catalog_module.FRAME_CONTENTS,
                *catalog_module.STATUS_ROLES, *catalog_module.MEETING_ROLES,
                *model.FIELD_KINDS}


def _facts() -> dict[str, str]:
    """Every id the catalog versions define, with what it is."""
    out: dict[str, str] = {}
    for version in available_versions():
        cat = load_catalog(version)
        for i in cat.indicators:
            out[i.id] = f"indicator {i.number}"
        for s in cat.series_rows:
            out[s.id] = f"series of indicator {s.indicator_number}"
        for item in cat.checklist_items:
            out[item.id] = "Annex 2 item"
        for g in cat.target_groups:
            out[g.id] = "target group"
            out[g.key] = "target group"
        for c in cat.columns:
            out[c.id] = "Annex 3 column"
            if c.letter:
                out[c.letter] = "Annex 3 column letter"
        for r in cat.forum_roles:
            out[r.id] = "Fórum role"
        for p in cat.frame_parts:
            out.setdefault(p.id, "document frame part")
    return out


def _record_names() -> set[str]:
    """The model's record names as keys ("problem" for a Problem, e.g. in the JSON schema's $defs)."""
    return {c.__name__.lower() for c in vars(model).values() if dataclasses.is_dataclass(c)}


def _other_attributes() -> set[str]:
    """Attribute names of the model and catalog classes other than Measure: ``hep.indicators``,
    ``problem.title`` or ``indicator.number`` are not a measure's columns."""
    names: set[str] = set()
    classes = [c for c in vars(model).values() if dataclasses.is_dataclass(c) and c is not model.Measure]
    classes += [c for c in vars(catalog_module).values() if dataclasses.is_dataclass(c)]
    for cls in classes:
        names |= {f.name for f in dataclasses.fields(cls)}
        names |= {n for n in vars(cls) if not n.startswith("_")}
    return names


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _versions(tree: ast.AST) -> set[int]:
    """The constants given to a ``…VERSION`` name (``SCHEMA_VERSION = "2.1"`` is a version, not section 2.1)."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            and all(isinstance(t, ast.Name) and t.id.endswith("VERSION") for t in node.targets)}


def decree_facts_in(source: str, facts: dict[str, str], columns: set[str], numbers: bool = True
                    ) -> list[tuple[int, str]]:
    """(line, what) for every decree fact written in ``source``. A column id that is also a field
    of another record ("title" of a problem, "indicators" of a HEP) may be named as that field.
    ``numbers``: whole numbers above 100 count as facts (thresholds, years) — for the rule modules;
    the export modules may also name a model record ("problem" for a Problem in the schema's $defs)."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _versions(tree)
    fields = _other_attributes() | (set() if numbers else _record_names())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in skip:
            v = node.value
            if isinstance(v, str):
                text = v.strip()
                if text in VOCABULARIES or (facts.get(text) == "Annex 3 column" and text in fields):
                    continue
                if text in facts:
                    found.append((node.lineno, f"{facts[text]} {text!r}"))
                elif SECTION.match(text):
                    found.append((node.lineno, f"section number {text!r}"))
                elif LETTER.match(text):
                    found.append((node.lineno, f"column letter {text!r}"))
            elif numbers and isinstance(v, int) and not isinstance(v, bool) and abs(v) > BIG:
                found.append((node.lineno, f"number {v}"))
        elif isinstance(node, ast.Attribute) and node.attr in columns:
            found.append((node.lineno, f"Annex 3 column read by name: .{node.attr}"))
    return found


def _measure_columns() -> set[str]:
    ids = {c.id for v in available_versions() for c in load_catalog(v).columns}
    return ids - _other_attributes()


def test_no_decree_fact_is_written_in_the_rule_modules():
    facts, columns = _facts(), _measure_columns()
    assert {"deadline", "responsible", "problem"} <= columns  # what a rule must not read by name
    problems = []
    modules = sorted(RULES_DIR.glob("*.py"))
    assert len(modules) >= 7
    for path in modules:
        for line, what in decree_facts_in(path.read_text(encoding="utf-8"), facts, columns):
            problems.append(f"{path.name}:{line}: {what}")
    assert problems == [], "decree facts belong in the catalog:\n" + "\n".join(problems)


def test_no_decree_fact_is_written_in_the_export_modules():
    facts, columns = _facts(), _measure_columns()
    modules = sorted(EXPORT_DIR.rglob("*.py"))
    assert {"docx_doc.py", "json_doc.py", "schema.py", "figures.py", "builder.py"} <= {m.name for m in modules}
    problems = [f"{path.relative_to(EXPORT_DIR)}:{line}: {what}" for path in modules
                for line, what in decree_facts_in(path.read_text(encoding="utf-8"), facts, columns, numbers=False)]
    assert problems == [], "decree facts belong in the catalog:\n" + "\n".join(problems)


def test_the_check_finds_planted_facts():
    facts, columns = _facts(), _measure_columns()
    planted = '''
"""A docstring may cite 3.2.a and indicator registered_jobseekers."""
SEX = ("permanent_population.male_share", "x")
def f(ctx, m):
    if ctx.hep.settlement.population > 2000:
        return m.deadline, ctx.catalog.checklist_by_id["2.3"], "G", ctx.hep.indicators
'''
    found = {what for _, what in decree_facts_in(planted, facts, columns)}
    assert found == {"series of indicator 3 'permanent_population.male_share'", "number 2000",
                     "Annex 3 column read by name: .deadline", "Annex 2 item '2.3'",
                     "Annex 3 column letter 'G'"}
