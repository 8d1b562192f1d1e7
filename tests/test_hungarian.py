"""Hungarian as official documents write it (hep_xl.export.hungarian)."""

from __future__ import annotations

import datetime as dt

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.export import hungarian as hu


@pytest.mark.parametrize("word,art", [
    ("1. melléklet", "az"), ("2. melléklet", "a"), ("5. pont", "az"), ("10. pont", "a"), ("11. sor", "a"),
    ("15. mutató", "a"), ("50. mutató", "az"), ("51. mutató", "az"), ("100. mutató", "a"), ("500 fő", "az"),
    ("1000 fő", "az"), ("1 500 fő", "az"), ("2000 fő", "a"), ("5000 fő", "az"), ("10 000 fő", "a"),
    ("I. célcsoport", "az"), ("II. célcsoport", "a"), ("IV. célcsoport", "a"), ("V. célcsoport", "az"),
    ("EMMI rendelet", "az"), ("SZMSZ", "az"), ("KSH", "a"), ("HEP Fórum", "a"), ("TeIR", "a"),
    ("Értékeink", "az"), ("óvoda", "az"), ("ülés", "az"), ("célok", "a"), ("„Célok” rész", "a"),
])
def test_the_article_is_chosen_from_the_word(word, art):
    assert hu.article(word) == art
    assert hu.with_article(word, capital=True).startswith(art.capitalize() + " ")


def test_legal_citation_puts_the_title_first():
    cat = load_catalog()
    assert hu.citation(cat.title) == ("a helyi esélyegyenlőségi program elkészítésének részletes szabályairól szóló "
                                      "2/2012. (VI. 5.) EMMI rendelet")
    assert hu.citation("2003. évi CXXV. törvény az egyenlő bánásmódról és az esélyegyenlőség előmozdításáról") == \
        "az egyenlő bánásmódról és az esélyegyenlőség előmozdításáról szóló 2003. évi CXXV. törvény"
    assert hu.citation("Helyi rendelet") == "Helyi rendelet"


def test_section_references_dates_and_deadlines():
    assert hu.section_ref("3.2") == "3.2. pont" and hu.section_ref("3.2.a") == "3.2. pont a) alpont"
    assert hu.section_ref("8.a") == "8. pont a) alpont"
    assert hu.format_deadline("2026.12.31") == "2026. december 31."
    assert hu.format_deadline("2027. június 30.") == "2027. június 30."
    assert hu.format_deadline(dt.date(2025, 8, 31)) == "2025. augusztus 31."
    assert hu.format_deadline("folyamatos") == "folyamatos" and hu.format_deadline("") == ""
    assert hu.period(2025, 2029) == "2025–2029"


def test_issuing_body_by_legal_status():
    assert hu.issuing_body("Példafalva", "község") == "Példafalva Község Önkormányzata"
    assert hu.issuing_body("Kaba", "város") == "Kaba Város Önkormányzata"
    assert hu.issuing_body("Miskolc", "megyeszékhely, megyei jogú város") == "Miskolc Megyei Jogú Város Önkormányzata"
    assert hu.issuing_body("Kitaláltfalva", "") == "Kitaláltfalva Önkormányzata"
    assert hu.issuing_body("Kaba", "város", typed=" Kaba Város Önkormányzata ") == "Kaba Város Önkormányzata"
    assert hu.genitive("Példafalva Község Önkormányzata") == "Példafalva Község Önkormányzatának"
    assert hu.genitive("Önkormányzat") == ""
