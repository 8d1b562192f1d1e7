"""``attekintes.xlsx``: the overview as an Excel workbook (xlsxwriter).

* *Áttekintés*: the summary as an Excel table (filter buttons on every column), conditional
  formats for completeness, errors, target groups without a measure and late measures, a link per
  row to the settlement's workbook and one to its HTML page;
* *Összehasonlítás*: each settlement's latest value of every key indicator (a table);
* *Statisztika*: minimum, quartiles, median and maximum per key indicator, and one native chart
  per key indicator (the settlements' values smallest to largest, the quartiles and the median as
  lines) whose series point at *Diagramadatok* (hidden), the same numbers sorted per indicator.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..catalog import load_catalog
from ..validate.findings import AREA_LABELS, AREAS
from .compare import Comparison
from .entry import FINDING_SHEETS, Entry
from .html import sort_text, unit_suffix

SUMMARY, COMPARE, STATS, CHART_DATA = "Áttekintés", "Összehasonlítás", "Statisztika", "Diagramadatok"
SUMMARY_TABLE, COMPARE_TABLE, STATS_TABLE = "Attekintes", "Osszehasonlitas", "Statisztika"
FIRST_ROW = 3  # the tables' header row (0-based); rows above hold the title and the legend
STAT_ROWS = (("minimum", "Minimum"), ("q1", "Alsó kvartilis"), ("median", "Medián"), ("q3", "Felső kvartilis"),
             ("maximum", "Maximum"))
CHART_BLOCK = 5  # Diagramadatok columns per key indicator: name, value, Q1, median, Q3


def _link(source: str, out_dir: Path) -> str:
    """An Excel hyperlink to a file: relative to the overview workbook where it can be."""
    try:
        return "external:" + os.path.relpath(source, out_dir).replace("/", "\\")
    except ValueError:  # another drive (Windows)
        return "external:" + source


def summary_columns(cat) -> list[tuple[str, str]]:
    """(header, kind) of the summary table, in order; kind picks the cell format."""
    cols = [("Település", "text"), ("KSH-kód", "text"), ("Vármegye", "text"), ("Járás", "text"),
            ("Kezdő év", "int"), ("Záró év", "int"), ("Elfogadás", "date"), ("Utolsó felülvizsgálat", "date")]
    cols += [(f"Teljesség: {AREA_LABELS['hu'][a]}", "score") for a in (*AREAS, "overall")]
    for s in FINDING_SHEETS:
        cols += [(f"{s}: hiba", "errors"), (f"{s}: figyelmeztetés", "int")]
    cols += [("Hiba összesen", "errors"), ("Figyelmeztetés összesen", "int")]
    for g in cat.target_groups:
        cols += [(f"{g.id}. problémák", "int"), (f"{g.id}. intézkedések", "measures")]
    cols += [("Lejárt határidejű intézkedés", "late"), ("Munkafüzet", "link"), ("Oldal", "link")]
    return cols


def write_xlsx(path: Path, entries: list[Entry], comparison: Comparison, meta: dict, out_dir: Path) -> None:
    import xlsxwriter

    cat = load_catalog(entries[0].catalog_version) if entries else load_catalog()
    wb = xlsxwriter.Workbook(str(path), {"default_date_format": "yyyy.mm.dd."})
    wb.set_properties({"title": "Helyi esélyegyenlőségi programok áttekintése", "author": meta["generator"],
                       "comments": f"Viszonyítási nap: {meta['reference_date'].isoformat()}"})
    f = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "note": wb.add_format({"italic": True, "font_color": "#57606a"}),
        "header": wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#EEF2F6",
                                 "border": 1}),
        "text": wb.add_format({"valign": "top"}),
        "int": wb.add_format({"num_format": "0", "valign": "top"}),
        "date": wb.add_format({"num_format": "yyyy.mm.dd.", "valign": "top"}),
        "score": wb.add_format({"num_format": "0%", "valign": "top"}),
        "num": wb.add_format({"num_format": "#,##0.00", "valign": "top"}),
        "link": wb.add_format({"font_color": "#0B57A4", "underline": 1, "valign": "top"}),
        "red": wb.add_format({"bg_color": "#FDE7E4", "font_color": "#B3261E", "bold": True}),
        "yellow": wb.add_format({"bg_color": "#FFF4D6", "font_color": "#8A5A00"}),
        "green": wb.add_format({"bg_color": "#E6F4EA", "font_color": "#1A7F37"}),
    }
    f["errors"] = f["measures"] = f["late"] = f["int"]
    _summary(wb, f, cat, entries, meta, out_dir)
    _comparison(wb, f, entries, comparison, meta)
    wb.close()


def _summary(wb, f, cat, entries, meta, out_dir) -> None:
    ws = wb.add_worksheet(SUMMARY)
    cols = summary_columns(cat)
    ws.write(0, 0, "Helyi esélyegyenlőségi programok áttekintése", f["title"])
    ws.write(1, 0, f"{len(entries)} település · készült: {meta['generated'].strftime('%Y.%m.%d.')} · "
                   f"viszonyítási nap (lejárt határidő): {meta['reference_date'].strftime('%Y.%m.%d.')} · "
                   f"KSH-kód, vármegye, járás: {meta['identity_sources']} · {meta['generator']}", f["note"])
    rows = []
    for e in entries:
        row = [e.name, e.identity.ksh_code, e.identity.county, e.identity.district, e.period_start, e.period_end,
               e.adoption_date, e.last_review]
        row += [e.scores.get(a, 0.0) for a in (*AREAS, "overall")]
        for s in FINDING_SHEETS:
            c = e.counts.get(s, {})
            row += [c.get("error", 0), c.get("warning", 0)]
        row += [e.total("error"), e.total("warning")]
        for g in cat.target_groups:
            row += [e.problems_per_group[g.id], e.measures_per_group[g.id]]
        row += [len(e.late_measures), None, None]
        rows.append(row)
    last = FIRST_ROW + max(len(rows), 1)
    ws.add_table(FIRST_ROW, 0, last, len(cols) - 1, {
        "name": SUMMARY_TABLE, "style": "Table Style Light 9", "autofilter": True,
        "columns": [{"header": h, "header_format": f["header"], "format": f[k if k != "link" else "text"]}
                    for h, k in cols]})
    for r, (e, row) in enumerate(zip(entries, rows), start=FIRST_ROW + 1):
        for c, ((_, kind), value) in enumerate(zip(cols, row)):
            if kind == "link":
                continue
            if value is None or value == "":
                ws.write_blank(r, c, None, f[kind])
            elif kind == "date":
                ws.write_datetime(r, c, value, f["date"])
            elif kind == "text":  # never a formula, whatever the clerk typed
                ws.write_string(r, c, value, f["text"])
            else:
                ws.write_number(r, c, value, f[kind])
        ws.write_url(r, len(cols) - 2, _link(e.source, out_dir), f["link"], os.path.basename(e.source),
                     tip="A munkafüzet megnyitása")
        ws.write_url(r, len(cols) - 1, "external:" + e.page.replace("/", "\\"), f["link"], "HTML-oldal",
                     tip="A település oldala az áttekintésben")
    if entries:
        first, end = FIRST_ROW + 1, FIRST_ROW + len(entries)
        for c, (_, kind) in enumerate(cols):
            if kind == "score":
                ws.conditional_format(first, c, end, c, {"type": "cell", "criteria": "<", "value": 0.5,
                                                         "format": f["red"]})
                ws.conditional_format(first, c, end, c, {"type": "cell", "criteria": "between", "minimum": 0.5,
                                                         "maximum": 0.9999, "format": f["yellow"]})
                ws.conditional_format(first, c, end, c, {"type": "cell", "criteria": ">=", "value": 1,
                                                         "format": f["green"]})
            elif kind == "errors":
                ws.conditional_format(first, c, end, c, {"type": "cell", "criteria": ">", "value": 0,
                                                         "format": f["red"]})
            elif kind == "measures":
                ws.conditional_format(first, c, end, c, {"type": "cell", "criteria": "==", "value": 0,
                                                         "format": f["red"]})
            elif kind == "late":
                ws.conditional_format(first, c, end, c, {"type": "cell", "criteria": ">", "value": 0,
                                                         "format": f["yellow"]})
    widths = {"text": 14, "int": 9, "date": 11, "score": 14, "errors": 9, "measures": 10, "late": 11, "link": 16}
    for c, (_h, kind) in enumerate(cols):
        ws.set_column(c, c, 22 if c == 0 else widths[kind])
    ws.set_row(FIRST_ROW, 60)
    ws.freeze_panes(FIRST_ROW + 1, 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_print_scale(60)  # readable on A4: the columns continue on the next page, names repeated
    ws.repeat_rows(FIRST_ROW)
    ws.repeat_columns(0)
    ws.set_footer("&L&A&R&P. oldal / &N")


def _comparison(wb, f, entries, comparison: Comparison, meta) -> None:
    stats = comparison.stats
    # -- Összehasonlítás: one row per settlement
    ws = wb.add_worksheet(COMPARE)
    ws.write(0, 0, f"{meta['key_title']}: legutóbbi érték településenként", f["title"])
    ws.write(1, 0, meta["key_source"], f["note"])
    cols = [("Település", "text"), ("KSH-kód", "text"), ("Vármegye", "text")]
    for s in stats:
        cols += [(s.label + unit_suffix(s.label, s.unit), "num"), (f"{s.label}: év", "int")]
    ws.add_table(FIRST_ROW, 0, FIRST_ROW + max(len(entries), 1), len(cols) - 1, {
        "name": COMPARE_TABLE, "style": "Table Style Light 9",
        "columns": [{"header": h, "header_format": f["header"], "format": f[k]} for h, k in cols]})
    for r, (e, pos) in enumerate(zip(entries, comparison.positions), start=FIRST_ROW + 1):
        ws.write_string(r, 0, e.name, f["text"])
        ws.write_string(r, 1, e.identity.ksh_code, f["text"])
        ws.write_string(r, 2, e.identity.county, f["text"])
        for k, s in enumerate(stats):
            p = pos.get(s.id)
            if p:
                ws.write_number(r, 3 + 2 * k, p.value, f["num"])
                ws.write_number(r, 4 + 2 * k, p.year, f["int"])
    ws.set_column(0, 0, 22)
    ws.set_column(1, 2, 14)
    ws.set_column(3, len(cols) - 1, 13)
    ws.set_row(FIRST_ROW, 75)
    ws.freeze_panes(FIRST_ROW + 1, 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_print_scale(70)
    ws.repeat_rows(FIRST_ROW)
    ws.repeat_columns(0)

    st = wb.add_worksheet(STATS)  # before the chart data, so the sheets come in reading order

    # -- Diagramadatok (hidden): per key indicator, the settlements sorted by value, with the quartile lines
    data = wb.add_worksheet(CHART_DATA)
    data.hide()
    data.write(0, 0, "A Statisztika lap diagramjainak adatai (mutatónként érték szerint növekvő sorrendben)", f["note"])
    spans = {}
    for k, s in enumerate(stats):
        c0 = k * CHART_BLOCK
        named = sorted(((e.name, pos[s.id].value) for e, pos in zip(entries, comparison.positions) if s.id in pos),
                       key=lambda t: (t[1], sort_text(t[0])))
        data.write(1, c0, s.label, f["header"])
        for j, h in enumerate(("Település", "Érték", "Alsó kvartilis", "Medián", "Felső kvartilis")):
            data.write(2, c0 + j, h, f["header"])
        for i, (name, value) in enumerate(named, start=3):
            data.write_string(i, c0, name, f["text"])
            data.write_number(i, c0 + 1, value, f["num"])
            for j, q in enumerate((s.q1, s.median, s.q3), start=2):
                data.write_number(i, c0 + j, q, f["num"])
        spans[s.id] = (c0, 3, 2 + len(named))
        data.set_column(c0, c0, 20)
        data.set_column(c0 + 1, c0 + CHART_BLOCK - 1, 11)

    # -- Statisztika: the distribution per key indicator, and the charts
    st.write(0, 0, f"{meta['key_title']}: eloszlás a {len(entries)} településen", f["title"])
    st.write(1, 0, "Kvartilisek: lineáris interpoláció (mint a KVARTILIS.TARTALMAZ és a MEDIÁN függvény). "
                   f"A diagramok adatai a rejtett „{CHART_DATA}” lapon vannak.", f["note"])
    heads = ["Mutató", "Egység", "Települések", *(label for _, label in STAT_ROWS)]
    st.add_table(FIRST_ROW, 0, FIRST_ROW + max(len(stats), 1), len(heads) - 1, {
        "name": STATS_TABLE, "style": "Table Style Light 9",
        "columns": [{"header": h, "header_format": f["header"],
                     "format": f["text"] if i < 2 else f["int"] if i == 2 else f["num"]} for i, h in enumerate(heads)]})
    for r, s in enumerate(stats, start=FIRST_ROW + 1):
        st.write(r, 0, s.label, f["text"])
        st.write(r, 1, s.unit, f["text"])
        st.write_number(r, 2, s.n, f["int"])
        for j, (attr, _) in enumerate(STAT_ROWS, start=3):
            v = getattr(s, attr)
            if v is not None:
                st.write_number(r, j, v, f["num"])
    st.set_column(0, 0, 62)
    st.set_column(1, len(heads) - 1, 12)
    st.set_row(FIRST_ROW, 30)
    top = FIRST_ROW + len(stats) + 3
    for k, s in enumerate(stats):
        c0, r0, r1 = spans[s.id]
        if r1 < r0:
            continue
        chart = wb.add_chart({"type": "column"})
        ref = lambda c, r0=r0, r1=r1: [CHART_DATA, r0, c, r1, c]  # noqa: E731
        chart.add_series({"name": "Érték", "categories": ref(c0), "values": ref(c0 + 1),
                          "fill": {"color": "#7FA7D0"}, "gap": 40})
        lines = wb.add_chart({"type": "line"})
        for j, (label, color, dash) in enumerate((("Alsó kvartilis", "#57606A", "dash"), ("Medián", "#16324F", "solid"),
                                                  ("Felső kvartilis", "#57606A", "dash")), start=2):
            lines.add_series({"name": label, "categories": ref(c0), "values": ref(c0 + j),
                              "line": {"color": color, "width": 1.5, "dash_type": dash}, "marker": {"type": "none"}})
        chart.combine(lines)
        chart.set_title({"name": s.label + unit_suffix(s.label, s.unit), "name_font": {"size": 11}})
        chart.set_x_axis({"num_font": {"rotation": -45, "size": 8}})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 760, "height": 300})
        st.insert_chart(top + k * 16, 0, chart)
    st.set_landscape()
    st.set_paper(9)
    st.fit_to_pages(1, 0)
