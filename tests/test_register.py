"""The bundled KSH register (Helységnévtár 2018): lookups by code and by name with suggestions,
county and district, population with its year, nationality self-governments, the source.

Expected values were read by hand from ``shared/data/ksh_helysegnevtar_2018.csv``."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from hep_xl import register
from hep_xl.validate.ksh import is_valid


def test_every_row_is_there_and_every_code_passes_the_check_digit():
    places = register.places()
    assert len(places) == 3175
    assert len({p.ksh_code for p in places}) == 3175
    assert all(is_valid(p.ksh_code) for p in places)
    assert sum("roma" in p.nationality_self_governments for p in places) == 1097
    assert len(register.counties()) == 20 and "Budapest" in register.counties()


def test_package_data_is_the_shared_file_with_its_readme():
    files = resources.files("hep_xl.register")
    text = files.joinpath("ksh_helysegnevtar_2018.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows[0]["ksh_code"] == "17376" and rows[0]["name"] == "Aba"
    readme = files.joinpath("README.md").read_text(encoding="utf-8")
    assert "1 January 2018" in readme and "CC0" in readme and "Központi Statisztikai Hivatal" in readme


def test_kaba_by_code_and_by_name():
    kaba = register.by_code("02307")
    assert kaba is not None and kaba.name == "Kaba"
    assert (kaba.county_name, kaba.district_name, kaba.status) == ("Hajdú-Bihar", "Püspökladányi járás", "város")
    assert (kaba.population, kaba.population_year) == (5584, 2018)
    assert kaba.population_text == "5 584 fő (2018. január 1.)"
    assert kaba.nationality_self_governments == ("roma",)
    assert register.find("Kaba").place == kaba and register.find("  kaba ").place == kaba
    line = kaba.describe()
    assert "02307" in line and "Hajdú-Bihar vármegye" in line and "Püspökladányi járás" in line
    assert register.SOURCE in line and "2018. január 1." in line


def test_codes_and_names_it_does_not_know():
    assert register.by_code("02308") is None and register.by_code("1234") is None and register.by_code("") is None
    assert register.by_code("13578") is None  # Budapest as a whole: the register lists its districts
    assert not register.find("Példafalva").found and register.find("Példafalva").suggestions == ()


@pytest.mark.parametrize("typed,first", [("Kabaa", "Kaba"), ("Debrecn", "Debrecen"),
                                         ("Hajduszoboszlo", "Hajdúszoboszló"), ("pécs", "Pécs")])
def test_close_names_are_suggested(typed, first):
    found = register.find(typed)
    assert (found.place.name if found.place else found.suggestions[0].name) == first


def test_names_that_differ_only_by_accents_are_ambiguous():
    found = register.find("Komlo")
    assert not found.found and {p.name for p in found.suggestions[:2]} == {"Komló", "Kömlő"}
    assert register.find("Komló").place.ksh_code != register.find("Kömlő").place.ksh_code


def test_budapest_districts_written_any_common_way():
    eleven = register.find("Budapest 11. ker.").place
    assert eleven is not None and eleven.county_name == "Budapest"
    for typed in ("Budapest XI. kerület", "budapest xi.", "Budapest 11. kerület"):
        assert register.find(typed).place == eleven, typed
    assert not register.find("Budapest").found and len(register.find("Budapest", limit=23).suggestions) == 23


def test_county_and_district_lists():
    assert len(register.in_district("Püspökladányi járás")) == 12 == len(register.in_district("Püspökladányi"))
    hb = register.in_county("Hajdú-Bihar")
    assert len(hb) == 82 and all(p.county == "Hajdú-Bihar" for p in hb)
    assert len(register.in_county("Budapest")) == 23
    assert register.in_county("Csongrád-Csanád") == register.in_county("Csongrád")  # renamed in 2020


def test_county_and_name_comparison():
    kaba = register.by_code("02307")
    for typed in ("Hajdú-Bihar", "hajdú-bihar vármegye", "Hajdú-Bihar megye"):
        assert register.same_county(kaba, typed), typed
    assert not register.same_county(kaba, "Békés")
    assert register.same_name(kaba, "KABA") and not register.same_name(kaba, "Kába")


def test_by_name_is_find_without_suggestions():
    assert register.by_name("Kaba") == register.by_code("02307") == register.find("KABA").place
    assert register.by_name("Komlo") is None and register.by_name("Példafalva") is None
    assert register.by_name("Budapest XI. kerület").name == "Budapest 11. ker."
