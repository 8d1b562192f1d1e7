"""Synthetic but realistic filled HEPs (deterministic per seed): a test and benchmark corpus.

Every Annex 1 series has values for every year (a few "nincs adat"), every Annex 2 item a
narrative of a few sentences, each target group problems and measures, the Fórum members and
meetings. Text uses Hungarian letters (ő, ű), newlines and the occasional long paragraph.
"""

from __future__ import annotations

import datetime as dt
import random

from hep_xl.catalog import DEFAULT_VERSION, load_catalog
from hep_xl.model import (
    NO_DATA,
    ChecklistEntry,
    Forum,
    ForumMeeting,
    ForumMember,
    FrameText,
    Hep,
    IndicatorSeries,
    Measure,
    Problem,
    Settlement,
    WorkingGroup,
    default_years,
)

_WORDS = ("önkormányzat", "esélyegyenlőség", "gyermekjóléti", "szolgáltatás", "közfoglalkoztatás",
          "hátrányos", "helyzetű", "lakosság", "települési", "támogatás", "időskorúak", "fogyatékkal",
          "élők", "nők", "foglalkoztatás", "óvoda", "iskola", "egészségügyi", "ellátás", "szegregátum",
          "lakhatás", "közlekedés", "akadálymentesítés", "pályázat", "együttműködés", "civil",
          "szervezet", "ügyintézés", "tanácsadás", "családsegítő", "rendezvény", "képzés", "felzárkózás",
          "munkanélküliség", "segély", "védőnő", "háziorvos", "közösségi", "ház", "fűtés", "tűzifa")
_NAMES = ("Kovács", "Szabó", "Tóth", "Horváth", "Kiss", "Molnár", "Németh", "Farkas", "Balogh", "Papp",
          "Lakatos", "Takács", "Juhász", "Oláh", "Mészáros", "Simon", "Rácz", "Fekete", "Szűcs", "Győri")
_FIRST = ("Ödön", "Éva", "Zsófia", "Gergő", "Anikó", "Lőrinc", "Józsefné", "Ilona", "Béla", "Tünde")
_PLACES = ("Kisháza", "Nagyőr", "Alsóbükk", "Felsőszőlős", "Tiszaűr", "Dombóvölgy", "Rétfalu", "Erdőhát")


def _sentence(rng: random.Random, n: int | None = None) -> str:
    words = [rng.choice(_WORDS) for _ in range(n or rng.randint(6, 16))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraphs(rng: random.Random, k: int, sentences: tuple[int, int] = (2, 5)) -> str:
    return "\n".join(" ".join(_sentence(rng) for _ in range(rng.randint(*sentences))) for _ in range(k))


def synthetic_hep(seed: int = 0, *, start_year: int = 2025, history_years: int = 5,
                  catalog_version: str = DEFAULT_VERSION) -> Hep:
    rng = random.Random(seed)
    cat = load_catalog(catalog_version)
    name = f"{rng.choice(_PLACES)}{'' if seed == 0 else f' {seed}'}"
    population = rng.randint(300, 25000)
    years = default_years(start_year, history_years)
    st = Settlement(name=name, ksh_code=f"{rng.randint(10000, 35999)}", county="Borsod-Abaúj-Zemplén",
                    population=population, period_start=start_year, period_end=start_year + 4,
                    adoption_date=dt.date(start_year - 1, rng.randint(1, 12), rng.randint(1, 28)),
                    resolution_number=f"{rng.randint(1, 120)}/{start_year - 1}. (II. 28.) Kt. határozat",
                    review_dates=[dt.date(start_year + 1, 6, 30)],
                    author_name=f"{rng.choice(_NAMES)} {rng.choice(_FIRST)}",
                    author_email="hep@example.hu", author_phone="+36 1 234 5678")
    hep = Hep(catalog_version=cat.version, settlement=st, years=years)
    for sd in cat.series_rows:
        values = {}
        for y in years:
            if rng.random() < 0.04:
                values[y] = NO_DATA
            elif sd.kind in ("percent", "percent_open"):
                values[y] = round(rng.uniform(0, 100), 1)
            elif sd.kind == "index":
                values[y] = round(rng.uniform(50, 150), 2)
            elif sd.kind == "rate_per_1000":
                values[y] = round(rng.uniform(-12, 12), 1)
            elif sd.kind == "signed_count":
                values[y] = rng.randint(-200, 200)
            else:
                values[y] = rng.randint(0, population)
        hep.indicators[sd.id] = IndicatorSeries(
            sd.id, values, source="TeIR / KSH", retrieved=dt.date(start_year - 1, 1, 15),
            note="a 2021. évi adat becsült" if rng.random() < 0.1 else "")
    for item in cat.checklist_items:
        hep.checklist[item.id] = ChecklistEntry(
            item.id, status=rng.choice(("kész", "kész", "kész", "folyamatban")),
            narrative=_paragraphs(rng, rng.randint(1, 3)),
            data_gaps="Az adat nem érhető el a TeIR-ben." if rng.random() < 0.15 else "")
    for g in cat.target_groups:
        n_problems = rng.randint(2, 4)
        for k in range(1, n_problems + 1):
            hep.problems.append(Problem(f"{g.id}-{k}", g.id, _sentence(rng, 8), _sentence(rng, 10)))
        for _ in range(1, rng.randint(2, 4) + 1):
            hep.measures.append(Measure(
                g.id, number=len(hep.measures) + 1, title=_sentence(rng, 5)[:-1],
                problem=f"{g.id}-{rng.randint(1, n_problems)}", goal=_sentence(rng, 12),
                alignment="Gazdasági Program, Településfejlesztési Koncepció", content=_paragraphs(rng, 2),
                responsible="polgármester", deadline=(dt.date(start_year + rng.randint(0, 4), 12, 31)
                                                      if rng.random() < 0.7 else "folyamatos"),
                indicators=_sentence(rng, 6), resources="Önkormányzati forrás, pályázat",
                sustainability=_sentence(rng, 9), partners="Család- és Gyermekjóléti Szolgálat, civil szervezetek",
                risks=_sentence(rng, 8), risk_mitigation=_sentence(rng, 8)))
    roles = [r.id for r in cat.forum_roles if r.kind == "member"]
    hep.forum = Forum(
        members=[ForumMember(f"{rng.choice(_NAMES)} {rng.choice(_FIRST)}", roles[i % len(roles)],
                             "Polgármesteri Hivatal", rng.choice(cat.target_groups).short_name)
                 for i in range(rng.randint(6, 12))],
        meetings=[ForumMeeting(dt.date(start_year - 1 + i, 3, 15), "a tagok többsége",
                               f"{i + 1}/{start_year - 1 + i}. jkv.", _sentence(rng, 10)) for i in range(3)],
        working_groups=[WorkingGroup(f"{g.short_name} munkacsoport", rng.choice(_NAMES), g.id,
                                     dt.date(start_year - 1, 11, 30)) for g in cat.target_groups[:2]],
    )
    for part in cat.written_parts:  # the Word document's frame: what the clerk wrote for each part
        hep.frame.texts[part.id] = FrameText(part.id, _paragraphs(rng, rng.randint(1, 3)))
    return hep
