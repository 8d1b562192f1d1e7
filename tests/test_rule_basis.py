"""Every rule's severity and the sentence of the text it comes from are catalog data: each quoted
sentence is checked word for word against the texts in ``shared/seeds`` (the decree and the Fórum
page), every rule has its basis, and ``hep-xl validate --explain RULE-ID`` shows it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.cli import main
from hep_xl.validate import RULES

ROOT = Path(__file__).resolve().parents[1]
CAT = load_catalog()
SEED_FILES = {"decree": "2-2012-EMMI-rendelet.txt", "forum_page": "HEP-Forum.txt"}


def _seeds() -> Path:
    """``shared/seeds`` beside the checkout (or beside the main checkout of a git worktree)."""
    try:
        from .seeds import find_seeds  # the suite's finder, where present
    except ImportError:
        find_seeds = None
    if find_seeds is not None and find_seeds() is not None:
        return find_seeds()
    common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    for base in (ROOT.parent, Path(common).parent.parent if common else ROOT.parent):
        if (base / "shared" / "seeds").is_dir():
            return base / "shared" / "seeds"
    raise AssertionError("shared/seeds not found beside the checkout: the decree text is needed")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    folder = _seeds()
    return {src: _flat((folder / name).read_text(encoding="utf-8")) for src, name in SEED_FILES.items()}


def test_every_registered_rule_has_its_basis_and_no_other():
    assert set(RULES) == set(CAT.rule_by_id)
    for r in RULES.values():
        b = r.basis()
        assert b.severity in ("error", "warning", "info") and b.ref and b.reason, r.id
        assert b.quote or b.summary, r.id
        # a rule module may still name a fallback severity: then it must be the catalog's
        assert r.code_severity is None or r.code_severity.value == b.severity, r.id


def test_quoted_sentences_are_the_texts_own_words(seeds):
    quoted = 0
    for b in CAT.rules:
        if b.quote:
            assert CAT.source_by_id[b.source].text_at_hand, b.id
            assert _flat(b.quote) in seeds[b.source], (b.id, b.quote)
            quoted += 1
    assert quoted >= 30
    for a in (*CAT.amendments, CAT.repealed):
        assert _flat(a.quote) in seeds["decree"], a.quote


def test_laws_not_at_hand_are_summarised_never_quoted():
    for b in CAT.rules:
        if not CAT.source_by_id[b.source].text_at_hand:
            assert not b.quote and b.summary, b.id


def test_text_date_and_amendments_of_the_catalog_version(seeds):
    assert CAT.text_date == "2017-09-19" and "2017.09.19." in seeds["decree"]
    assert CAT.repealed.date == "2021-08-02" and CAT.repealed.by.startswith("24/2021. (VII. 30.) BM")
    acts = [(a.part, a.act) for a in CAT.amendments]
    assert ("1. melléklet", "12/2015. (II. 27.) EMMI rendelet 4. §") in acts
    assert ("2. melléklet 5. pont 5.2. alpont", "19/2017. (IX. 18.) EMMI rendelet 20. § d) pont") in acts


def test_severities_follow_the_words_of_the_forum_page():
    """The issue's reading of the Fórum page: "javasolt összetétele" → warning, "alakíthatunk …
    (opcionális)" → information, a law (Szt. 58/B. § (2)) → error; footnote 3 → information."""
    sev = {r.id: r.severity.value for r in RULES.values()}
    assert (sev["FOR-001"], sev["FOR-006"], sev["FOR-007"], sev["CHK-006"]) == ("warning", "info", "error", "info")
    assert "javasolt összetétele" in CAT.rule_by_id["FOR-001"].quote
    assert "(opcionális)" in CAT.rule_by_id["FOR-006"].quote
    assert "58/B. § (2)" in CAT.rule_by_id["FOR-007"].ref
    assert "példálózó" in CAT.rule_by_id["CHK-006"].quote


def test_forum_roles_record_recommendation_or_law():
    roles = CAT.role_by_id
    assert all(r.basis == "recommended" for r in CAT.forum_roles if r.id != "social_policy_round_table")
    table = roles["social_policy_round_table"]
    assert (table.basis, table.law, table.expected, table.min_population) == (
        "law", "1993. évi III. törvény (Szt.) 58/B. § (2)", "above_population", 2000)
    assert {r.id for r in CAT.forum_roles if r.expected == "always"} == {"mayor", "notary", "hep_referent"}
    assert roles["nationality_self_government_leaders"].expected == "nationality_self_government"


def test_explain_prints_severity_source_and_sentence(capsys):
    assert main(["validate", "--explain", "for-001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("FOR-001 – ") and "Súlyosság: figyelmeztetés" in out
    assert "„A HEP Fórumok javasolt összetétele:”" in out and "a település polgármestere" in out
    assert main(["validate", "--explain", "IND-040", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Severity: warning" in out and "employment_substitute_support_recipients" in out and "Szt. 35. § (3)" in out
    assert main(["validate", "--explain", "VER-001"]) == 0
    out = capsys.readouterr().out
    assert "12/2015. (II. 27.) EMMI rendelet 4. §" in out and "2021.08.02." in out


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_can_be_explained(rule_id, capsys):
    assert main(["validate", "--explain", rule_id]) == 0
    out = capsys.readouterr().out
    basis = CAT.rule_by_id[rule_id]
    assert rule_id in out and (basis.quote or basis.summary) in out


def test_explain_unknown_rule_and_no_file_exit_2(capsys):
    assert main(["validate", "--explain", "FOR-099"]) == 2
    err = capsys.readouterr().err
    assert "ismeretlen szabály" in err and "FOR-001" in err and "Traceback" not in err
    assert main(["validate"]) == 2
    assert "legalább egy munkafüzetet" in capsys.readouterr().err


def test_fill_help_lists_the_derived_indicators_of_the_catalog(capsys):
    """The indicators fill computes are the catalog's derivations (16 too), not a list in code."""
    with pytest.raises(SystemExit):
        main(["fill", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    numbers = ", ".join(str(i.number) for i in CAT.indicators if i.derivation is not None)
    assert numbers == "2, 4, 8, 16, 28, 29"
    assert f"({numbers})" in out
