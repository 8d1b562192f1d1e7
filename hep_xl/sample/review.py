"""Példafalva after its first two-year review (February 2027): the second version of the sample.

What the Fórum's meeting of 10 February 2027 prepared and the council adopted on 24 February 2027
(the sample's first review date), applied to any version of the sample (the built model, or the
workbook ``make demo`` filled):

* one indicator series revised: the KSH revised the housing stock (42.) of 2023 and 2024 after the
  2022 census; the clerk downloaded it again on 15 January 2027
  (``exports/teir_lakasallomany_2027.csv``, written by ``make_exports``);
* one Annex 2 narrative reworded (3.1, the income situation, with the 2025 figures);
* one problem reworded (II-1: the summer camp now runs, the weekend food parcels remain the gap);
* one measure modified (I/1: the adult-education target and deadline, after the first course);
* one measure completed (II/1, the summer camp: its 2026 monitoring record closed as "megvalósult",
  and its indicator column begins "Megvalósult: …" with what was reached);
* one measure added (V/3, sheltered jobs in the association's social cooperative, for problem V-3,
  which the adopted programme deferred to this review; its deferral reason is dropped);
* the Fórum: the social cooperative's chair joins as a member, responsible for the new measure.
"""

from __future__ import annotations

import copy
import datetime as dt

from ..model import ForumMember, Hep, Measure

REVIEW_DATE = dt.date(2027, 2, 24)
REVISED_SERIES = "housing_stock"
REVISED_VALUES = {2023: 1021, 2024: 1023}
REVISED_RETRIEVED = dt.date(2027, 1, 15)
REVISED_NOTE = "a KSH a 2023. és 2024. évi adatot a 2022. évi népszámlálás lakásadatai alapján módosította"

# the rewordings: (old words, new words) in the adopted texts
NARRATIVE_31 = (("a megyei átlag alatt marad", "továbbra is a megyei átlag alatt marad"),
                ("2024-ben 43 fő részesült", "2026-ban 38 fő részesült"),
                ("és 177 gyermek", "és 171 gyermek"),
                ("a Malom közben lakik.", "a Malom közben lakik. A helyi felnőttképzés első csoportjából hét "
                                           "résztvevő talált elsődleges munkaerő-piaci állást."))
PROBLEM_II_1 = (("a szünidei és hétvégi ellátás hiányos.",
                 "a nyári tábor működik, de a hétvégi és az őszi–téli szüneti étkeztetés hiányos."),)
DONE_II_1 = ("Megvalósult: 2025 nyarán 86 gyermek vett részt a nyolchetes táborban, 42 család kapott hétvégi "
             "csomagot. Az eredeti cél: ")
INDICATORS_I_1 = (("legalább 12 fő/év", "legalább 10 fő/év"),)
MEASURE_V_3 = Measure(
    target_group="V", number=3, title="Védett munkahelyek a társulási szociális szövetkezetben",
    problem="V-3",
    goal="Rövid távon: a helyi fogyatékos személyek foglalkoztatási igényeinek felmérése. Hosszú távon: "
         "legalább négy védett munkahely a szociális szövetkezetben.",
    alignment="Országos Fogyatékosügyi Program; a társulás szolgáltatástervezési koncepciója (2026)",
    content="Felmérés a fogyatékos személyek és családjaik körében a családsegítővel; két, majd négy védett "
            "munkahely kialakítása a szociális szövetkezet kertészetében és konyháján; munkahelyi mentor.",
    responsible="polgármester és a szociális szövetkezet elnöke",
    deadline=dt.date(2029, 6, 30),
    indicators="Felmérésben megkeresett háztartások száma legalább 40; védett munkahelyek száma 0-ról 4-re nő.",
    resources="Humán: családsegítő, munkahelyi mentor. Pénzügyi: rehabilitációs foglalkoztatási pályázat, évi "
              "0,8 millió Ft önkormányzati forrás. Technikai: a szövetkezet kertészete és konyhája.",
    sustainability="A munkahelyeket a szövetkezet bevétele és a rehabilitációs bértámogatás tartja fenn.",
    partners="Nagyvölgyi Kistérségi Társulás; Példafalvi Szociális Szövetkezet; járási foglalkoztatási osztály",
    risks="A pályázati forrás elmarad; kevés a jelentkező.",
    risk_mitigation="Önkormányzati alap a költségvetésben; személyes megkeresés a családsegítővel.")


NEW_MEMBER = ForumMember(name="Szabó Rozália", role="action_plan_implementer_representatives",
                         organisation="Példafalvi Szociális Szövetkezet",
                         responsible_area="fogyatékkal élők foglalkoztatása")


def _reworded(text: str, edits) -> str:
    for old, new in edits:
        if old not in text:
            raise ValueError(f"the sample's text has changed: {old!r} not found; update hep_xl.sample.review")
        text = text.replace(old, new, 1)
    return text


# the camp's 2026 monitoring record as the review closed it (the catalog's done status)
CAMP_DONE_STATUS = "megvalósult"
CAMP_DONE_COMMENT = "A tábor és a csomagprogram a költségvetésből folytatódik."


def apply_first_review(hep: Hep, *, revise_indicators: bool = True) -> Hep:
    """A new model: ``hep`` (a version of the sample) as the first review changed it. Without
    ``revise_indicators`` the revised series is left for ``hep-xl fill`` to load from the corrected
    download (what ``make demo`` does)."""
    new = copy.deepcopy(hep)
    if revise_indicators:
        series = new.series(REVISED_SERIES)
        series.values.update(REVISED_VALUES)
        series.retrieved = REVISED_RETRIEVED
        series.note = REVISED_NOTE

    new.checklist["3.1"].narrative = _reworded(new.checklist["3.1"].narrative, NARRATIVE_31)
    problems = {p.problem_id: p for p in new.problems}
    problems["II-1"].title = _reworded(problems["II-1"].title, PROBLEM_II_1)
    problems["V-3"].deferral_reason = ""

    measures = {(m.target_group, m.number): m for m in new.measures}
    adult = measures[("I", 1)]
    adult.deadline = dt.date(2028, 6, 30)
    adult.indicators = _reworded(adult.indicators, INDICATORS_I_1)
    camp = measures[("II", 1)]
    camp.indicators = DONE_II_1 + camp.indicators
    year = new.progress_of("II", 1)[-1]  # the year's record closed at the review
    year.status, year.comment = CAMP_DONE_STATUS, CAMP_DONE_COMMENT
    last_v = max(i for i, m in enumerate(new.measures) if m.target_group == "V")
    new.measures.insert(last_v + 1, copy.deepcopy(MEASURE_V_3))
    members = new.forum.members
    members.insert(next(i for i, m in enumerate(members) if m.role == "law_enforcement_representatives"),
                   copy.deepcopy(NEW_MEMBER))
    return new


def build_reviewed_sample_hep() -> Hep:
    """The sample HEP of Példafalva after its first review (see the module's list)."""
    from . import build_sample_hep

    return apply_first_review(build_sample_hep())


def revised_download_rows() -> list[tuple[str, int, int]]:
    """(series id, year, value) of the corrected download the clerk made for the review."""
    return [(REVISED_SERIES, year, value) for year, value in sorted(REVISED_VALUES.items())]
