"""The KSH register of settlements: every Hungarian settlement and Budapest district as the KSH
Helységnévtár lists it on 1 January 2018 (package data, ``ksh_helysegnevtar_2018.csv``; README
beside it).

Small on purpose: look a settlement up by its KSH code (:func:`by_code`), by name (:func:`by_name`), or by
name with suggestions for a name it does not know (:func:`find`), list a county or a district
(:func:`in_county`, :func:`in_district`), and read its population *with its year*, its district and
its local nationality self-governments from the :class:`Place`. Wherever a value from here is shown,
:data:`SOURCE` goes with it; a population is never shown without :data:`REFERENCE_DATE`.

Nothing here checks a code's check digit (:mod:`hep_xl.validate.ksh` does); an unknown or malformed
code is simply not found.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Place", "Lookup", "SOURCE", "SOURCE_EN", "REGISTER_YEAR", "REFERENCE_DATE", "by_code", "by_name", "find",
           "suggest", "in_county", "in_district", "counties", "places", "same_county", "same_name",
           "format_count"]

REGISTER_YEAR = 2018
REFERENCE_DATE = dt.date(2018, 1, 1)
SOURCE = "KSH Helységnévtár 2018 (2018. január 1-jei állapot)"
SOURCE_EN = "KSH Gazetteer of Hungary 2018 (as of 1 January 2018)"
_CSV = "ksh_helysegnevtar_2018.csv"
_CAPITAL = "főváros"  # the county column of the Budapest districts
# counties renamed since 2018: the register's name -> names also accepted
_COUNTY_ALIASES = {"Csongrád": ("Csongrád-Csanád",), _CAPITAL: ("Budapest", "Budapest főváros")}
_SUFFIXES = (" vármegye", " megye")


def format_count(n: int) -> str:
    """A whole number as Hungarian text writes it: 5 584."""
    return f"{n:,}".replace(",", " ")


@dataclass(frozen=True)
class Place:
    """One row of the register."""

    ksh_code: str
    name: str
    status: str  # jogállás: község, város, …
    county: str  # megye as in 2018 ("főváros" for a Budapest district)
    district_code: str
    district: str  # járás name, e.g. "Püspökladányi"
    district_seat: str
    office_type: str
    office_seat: str
    area_ha: int
    population: int  # on REFERENCE_DATE
    dwellings: int  # on REFERENCE_DATE
    nationality_self_governments: tuple[str, ...]  # e.g. ("roma", "német")

    @property
    def county_name(self) -> str:
        """The county as the settlement sheet's *Vármegye* field holds it ("Budapest" for a district)."""
        return "Budapest" if self.county == _CAPITAL else self.county

    @property
    def district_name(self) -> str:
        """The district as written in full: "Püspökladányi járás" ("Budapest 01. ker." for Budapest)."""
        return self.district if self.county == _CAPITAL else f"{self.district} járás"

    @property
    def population_year(self) -> int:
        return REFERENCE_DATE.year

    @property
    def population_text(self) -> str:
        """The population with its date, never as a current figure: "5 584 fő (2018. január 1.)"."""
        return f"{format_count(self.population)} fő (2018. január 1.)"

    def describe(self) -> str:
        """One line for a person, with the source: code, county, district, 2018 population."""
        where = "Budapest" if self.county == _CAPITAL else f"{self.county_name} vármegye, {self.district_name}"
        return (f"{self.name} (KSH {self.ksh_code}): {where}; lakónépesség {self.population_text} "
                f"– forrás: {SOURCE}")


@dataclass(frozen=True)
class Lookup:
    """The answer to a name: ``place`` when exactly one settlement has it, else ``suggestions``
    (the closest names; several when the name is ambiguous)."""

    query: str
    place: Place | None
    suggestions: tuple[Place, ...] = ()

    @property
    def found(self) -> bool:
        return self.place is not None


def _key(text: str) -> str:
    """Case, spacing and Unicode form folded; accents kept (Komló is not Kömlő)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _fold(text: str) -> str:
    """Also without accents, for suggestions."""
    return "".join(c for c in unicodedata.normalize("NFD", _key(text)) if unicodedata.category(c) != "Mn")


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
_DISTRICT = re.compile(r"^budapest[\s,]+([ivxl]+|\d{1,2})\.?\s*(?:ker\.?|kerület)?$")


def _roman(text: str) -> int | None:
    values = [_ROMAN[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total or None


def _canonical(name: str) -> str:
    """A Budapest district written any common way ("Budapest XI. kerület", "budapest 11. ker")
    as the register writes it ("budapest 11. ker."); other names as :func:`_key`."""
    key = _key(name)
    m = _DISTRICT.match(key)
    if m:
        num = int(m.group(1)) if m.group(1).isdigit() else _roman(m.group(1))
        if num and 1 <= num <= 23:
            return f"budapest {num:02d}. ker."
    return key


class _Register:
    def __init__(self, rows: list[Place]):
        self.places = tuple(rows)
        self.code = {p.ksh_code: p for p in rows}
        self.name: dict[str, list[Place]] = {}
        self.folded: dict[str, list[Place]] = {}
        for p in rows:
            self.name.setdefault(_key(p.name), []).append(p)
            self.folded.setdefault(_fold(p.name), []).append(p)


def _int(text: str) -> int:
    return int(text) if text.strip() else 0


@lru_cache(maxsize=1)
def _register() -> _Register:
    text = resources.files(__name__).joinpath(_CSV).read_text(encoding="utf-8")
    rows = [Place(r["ksh_code"], r["name"], r["status"], r["county"], r["district_code"], r["district"],
                  r["district_seat"], r["office_type"], r["office_seat"], _int(r["area_ha"]),
                  _int(r["population_2018"]), _int(r["dwellings_2018"]),
                  tuple(x for x in r["nationality_self_governments"].split(";") if x))
            for r in csv.DictReader(io.StringIO(text))]
    return _Register(rows)


def places() -> tuple[Place, ...]:
    """Every settlement and Budapest district, in the register's order (by name)."""
    return _register().places


def by_code(code: str) -> Place | None:
    """The settlement with this five-digit KSH code ("02307" is Kaba), or None."""
    return _register().code.get(str(code).strip())


def suggest(name: str, limit: int = 5) -> tuple[Place, ...]:
    """The registered names closest to ``name``: those it starts (or, without accents, equals),
    then the most similar spellings."""
    reg, folded = _register(), _fold(_canonical(name))
    if not folded:
        return ()
    out: list[Place] = list(reg.folded.get(folded, []))
    out += [p for p in reg.places if _fold(p.name).startswith(folded) and p not in out]
    for close in difflib.get_close_matches(folded, list(reg.folded), n=limit, cutoff=0.75):
        out += [p for p in reg.folded[close] if p not in out]
    return tuple(out[:limit])


def by_name(name: str) -> Place | None:
    """The one settlement called ``name`` (as :func:`find` matches it), or None; no suggestions
    are looked for (fast: what a validator asks of every workbook)."""
    exact = _register().name.get(_canonical(name), [])
    return exact[0] if len(exact) == 1 else None


def find(name: str, limit: int = 5) -> Lookup:
    """The settlement called ``name`` (letter case and spacing ignored, accents not); when none or
    several are, the closest names as suggestions."""
    exact = _register().name.get(_canonical(name), [])
    if len(exact) == 1:
        return Lookup(name, exact[0])
    return Lookup(name, None, tuple(exact) or suggest(name, limit))


def in_county(county: str) -> tuple[Place, ...]:
    """The settlements of a county (its 2018 or current name; "Budapest" gives the districts)."""
    return tuple(p for p in places() if same_county(p, county))


def in_district(district: str) -> tuple[Place, ...]:
    """The settlements of a district ("Püspökladányi" or "Püspökladányi járás")."""
    key = _key(district).removesuffix(" járás")
    return tuple(p for p in places() if _key(p.district) == key)


def counties() -> tuple[str, ...]:
    """The county names as the settlement sheet holds them, in alphabetical order."""
    return tuple(sorted({p.county_name for p in places()}))


def same_county(place: Place, typed: str) -> bool:
    """Whether ``typed`` names the place's county ("Hajdú-Bihar", "hajdú-bihar vármegye", and for
    Csongrád also "Csongrád-Csanád")."""
    key = _key(typed)
    for suffix in _SUFFIXES:
        key = key.removesuffix(suffix)
    names = (place.county, *_COUNTY_ALIASES.get(place.county, ()))
    return key in {_key(n) for n in names}


def same_name(place: Place, typed: str) -> bool:
    """Whether ``typed`` is the place's name (letter case and spacing ignored; Budapest districts
    also as "Budapest XI. kerület")."""
    return _canonical(typed) == _key(place.name)
