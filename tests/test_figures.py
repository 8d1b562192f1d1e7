"""The charts: the catalog's list drawn from the model (hep_xl.export.figures)."""

from __future__ import annotations

import subprocess
import sys

from hep_xl.catalog import load_catalog
from hep_xl.export import figures
from hep_xl.model import NO_DATA
from hep_xl.sample import build_sample_hep
from hep_xl.workbook.writer import blank_hep

CAT = load_catalog()


def test_chart_data_is_the_models_series_with_gaps_where_no_number_is():
    hep = build_sample_hep()
    chart = next(c for c in CAT.charts if len(c.series) > 1)
    first = hep.indicators[chart.series[0]]
    first.values[hep.years[1]] = NO_DATA
    del first.values[hep.years[2]]
    data = figures.chart_data(hep, chart)
    assert data.years == tuple(hep.years) and data.kind == chart.kind and data.title == chart.title
    assert [s.label for s in data.series] == list(chart.labels)
    assert data.series[0].values[1] is None and data.series[0].values[2] is None
    assert data.series[1].values == tuple(float(hep.indicators[chart.series[1]].values[y]) for y in hep.years)
    assert data.indicators == tuple(dict.fromkeys(CAT.series_by_id[s].indicator_number for s in chart.series))
    # nothing to draw: no chart
    assert figures.chart_data(blank_hep("Üres", "12344", 2025), chart) is None
    assert figures.charts_of(blank_hep("Üres", "12344", 2025)) == []
    assert [c.id for c in figures.charts_of(build_sample_hep())] == [c.id for c in CAT.charts]


def test_a_picture_is_the_same_bytes_for_the_same_data_and_other_bytes_for_other_data():
    hep = build_sample_hep()
    chart = CAT.charts[0]
    a = figures.png_of(figures.draw(figures.chart_data(hep, chart)))
    assert a[:8] == b"\x89PNG\r\n\x1a\n"
    assert figures.png_of(figures.draw(figures.chart_data(build_sample_hep(), chart))) == a
    hep.indicators[chart.series[0]].values[hep.years[0]] += 100
    assert figures.png_of(figures.draw(figures.chart_data(hep, chart))) != a


def test_the_cli_and_the_macros_do_not_import_matplotlib():
    code = ("import sys, hep_xl.cli, hep_xl.macros, hep_xl.export.docx_doc, hep_xl.export.figures; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
