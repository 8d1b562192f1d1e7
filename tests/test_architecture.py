"""The package's shape: no import cycles, the sheet layout private to the workbook layer, the model
carrying the fields every format derives from."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hep_xl import model
from hep_xl.catalog import available_versions, load_catalog

PACKAGE = Path(__file__).resolve().parents[1] / "hep_xl"

# Modules that may import hep_xl.workbook.layout besides the workbook package itself: the writers
# of the validation report sheet (CLI write-back and ribbon) and the macro-enabled file's builder.
LAYOUT_USERS = {"hep_xl.validate.report_sheet", "hep_xl.validate.writeback", "hep_xl.excel.live",
                "hep_xl.excel.xlsm"}


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (anywhere in the file, lazily or not).

    ``from X import Y`` is an edge to X (running X's ``__init__``) and, where Y is a module, to X.Y:
    the way pylint's cyclic-import check counts it."""
    mods = _modules()
    graph: dict[str, set[str]] = {}
    for mod, (path, is_pkg) in mods.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name in mods)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target in mods and target != mod:
                    edges.add(target)
                edges.update(f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in mods)
        graph[mod] = edges - {mod}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_import_graph_has_no_cycles():
    assert _cycles(import_graph()) == []


def test_cycle_detection_sees_a_package_cycle():
    """The check itself: a child importing its parent package that imports the child is a cycle."""
    graph = {"p": {"p.a"}, "p.a": {"p.b", "p"}, "p.b": set()}
    assert _cycles(graph) == [["p", "p.a"]]


# hep_xl.<package> -> the packages it sits above. A lower layer never imports a higher one: the
# workbook layer writes and reads sheets; the Excel layer adds the macros, the ribbon and the
# choice between .xlsx and .xlsm on top of it.
LOWER_LAYERS = {
    "hep_xl.workbook": {"hep_xl.excel", "hep_xl.validate", "hep_xl.export", "hep_xl.fill", "hep_xl.convert",
                        "hep_xl.commands", "hep_xl.overview", "hep_xl.macros", "hep_xl.cli"},
    "hep_xl.catalog": {"hep_xl.workbook", "hep_xl.excel", "hep_xl.validate", "hep_xl.export", "hep_xl.commands"},
    "hep_xl.model": {"hep_xl.workbook", "hep_xl.excel", "hep_xl.validate", "hep_xl.export", "hep_xl.catalog"},
}


@pytest.mark.parametrize("layer", sorted(LOWER_LAYERS))
def test_lower_layers_do_not_import_higher_ones(layer):
    above = LOWER_LAYERS[layer]
    bad = sorted((m, e) for m, edges in import_graph().items() if m == layer or m.startswith(layer + ".")
                 for e in edges if any(e == a or e.startswith(a + ".") for a in above))
    assert bad == []


def test_layout_is_private_to_the_workbook_layer():
    users = {m for m, edges in import_graph().items() if "hep_xl.workbook.layout" in edges}
    outside = {m for m in users if not m.startswith("hep_xl.workbook")} - LAYOUT_USERS
    assert outside == set(), "the sheet layout is the workbook layer's: use the model's fields instead"


@pytest.mark.parametrize("version", available_versions())
def test_every_action_plan_column_is_a_measure_field(version):
    """Annex 3 columns come from the catalog; the model keeps one typed field per column id."""
    fields = {f.name for f in model.fields_of(model.Measure)}
    assert {c.id for c in load_catalog(version).columns} <= fields


def test_record_fields_are_described():
    """Every field a person fills in has a Hungarian label and a known kind."""
    for cls in (model.Settlement, model.IndicatorSeries, model.ChecklistEntry, model.Problem, model.Measure,
                model.ForumMember, model.ForumMeeting, model.WorkingGroup):
        infos = model.fields_of(cls)
        assert infos, cls
        for f in infos:
            assert f.label.strip() and f.kind in model.FIELD_KINDS, (cls.__name__, f)
