"""The document-frame rules (DOC-001 … DOC-004), one rule at a time on the clean model
(tests/rule_check.py): what each yields, where it points and what its message says."""

from __future__ import annotations

from hep_xl.catalog import load_catalog

from .rule_check import hits, keys, messages
from .test_validate_fixtures import clean_hep

CAT = load_catalog()


def test_the_clean_model_breaks_no_document_rule():
    hep = clean_hep()
    for rule_id in ("DOC-001", "DOC-002", "DOC-003", "DOC-004"):
        assert hits(rule_id, hep) == [], rule_id


def test_an_empty_required_part_is_named_with_its_guidance_an_empty_optional_part_is_not():
    hep = clean_hep()
    required = next(p for p in CAT.written_parts if not p.optional)
    optional = [p for p in CAT.written_parts if p.optional]
    hep.frame.texts[required.id].text = "   \n"
    for part in optional:
        hep.frame.texts[part.id].text = ""
    found = hits("DOC-001", hep)
    assert [(h.key, h.field, h.value) for h in found] == [(("frame", required.id, "text"), "text", None)]
    assert found[0].params == {"part": required.heading, "guidance": required.guidance}
    assert messages("DOC-001", hep) == [f"„{required.heading}”: a Word-dokumentum e részének szövege üres. "
                                        f"{required.guidance}"]


def test_a_part_missing_from_the_model_counts_as_empty():
    hep = clean_hep()
    required = [p for p in CAT.written_parts if not p.optional]
    del hep.frame.texts[required[-1].id]
    assert keys("DOC-001", hep) == [("frame", required[-1].id, "text")]


def test_partners_and_risks_are_asked_of_each_measure_by_its_label():
    hep = clean_hep()
    hep.measures[1].partners = " "
    hep.measures[3].risks = ""
    hep.measures[3].risk_mitigation = ""
    second, fourth = hep.measures[1], hep.measures[3]
    assert [(h.key, h.field, h.value, h.params) for h in hits("DOC-002", hep)] == [
        (("measures", 1, "partners"), "partners", None, {"measure": f"{second.target_group}/1"})]
    assert [(h.key, h.params) for h in hits("DOC-003", hep)] == [
        (("measures", 3, "risks"), {"measure": f"{fourth.target_group}/1"})]
    # no risk named: nothing to mitigate
    assert hits("DOC-004", hep) == []
    assert messages("DOC-002", hep)[0].startswith(f"A(z) {second.target_group}/1 intézkedés Partnerek oszlopa üres")


def test_a_named_risk_without_its_mitigation_is_reported():
    hep = clean_hep()
    hep.measures[0].risk_mitigation = ""
    hep.measures[0].risks = " "  # no risk, so nothing to mitigate; the measures after it are still read
    hep.measures[2].risk_mitigation = "\t"
    assert [(h.key, h.field) for h in hits("DOC-004", hep)] == [
        (("measures", 2, "risk_mitigation"), "risk_mitigation")]
