"""import(export(h)) == h: every model the strategies build survives the archive format.

The other direction (export(import(x)) == x, tests/test_export_json.py) cannot see a field that
export loses — the lost field is lost on both sides of that comparison. Here the model is the
reference: written to JSON bytes, parsed, imported, it must come back equal, for the models of both
property tests (the workbook round trip's and the JSON document's).

The one normalisation the format documents is applied to the expected model: numbers keep 15
significant digits (what a workbook cell keeps; the JSON strategy draws floats with 17)."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings

from hep_xl.export.json_doc import check_document, hep_from_dict, hep_to_dict, to_json_bytes
from hep_xl.model import ChecklistEntry, Hep, normalize_number

from . import test_export_json, test_roundtrip
from .test_validate_fixtures import clean_hep

_SETTINGS = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _15_digits(hep: Hep) -> Hep:
    out = copy.deepcopy(hep)
    for series in out.indicators.values():
        series.values = {y: normalize_number(float(f"{v:.15g}")) if isinstance(v, float) else v
                         for y, v in series.values.items()}
    return out


def _through_json(hep: Hep) -> Hep:
    doc = json.loads(to_json_bytes(hep_to_dict(hep)))
    check_document(doc)
    return hep_from_dict(doc)


@_SETTINGS
@given(test_roundtrip.heps())
def test_workbook_strategy_models_survive_export_then_import(hep):
    assert _through_json(hep) == hep


@_SETTINGS
@given(test_export_json.heps())
def test_json_strategy_models_survive_export_then_import(hep):
    assert _through_json(hep) == _15_digits(hep)


def test_every_checklist_field_survives_on_its_own():
    """A checklist entry with only a status, only a narrative, only data gaps: each kept."""
    hep = clean_hep()
    hep.checklist = {
        "1.1": ChecklistEntry("1.1", "kész", "", ""),
        "1.2": ChecklistEntry("1.2", "", "csak kifejtés", ""),
        "2.1": ChecklistEntry("2.1", "", "", "a 2024. évi adat hiányzik (KSH)"),
    }
    back = _through_json(hep)
    assert back.checklist == hep.checklist
    assert back == hep
