"""read(write(model)) == model for any model: property-based, through the real writer and reader."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hep_xl.catalog import load_catalog
from hep_xl.model import (
    NO_DATA,
    ChecklistEntry,
    Forum,
    ForumMeeting,
    ForumMember,
    Frame,
    FrameText,
    Hep,
    IndicatorSeries,
    Measure,
    Problem,
    Settlement,
    WorkingGroup,
)
from hep_xl.workbook import layout as L
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import write_workbook

CAT = load_catalog()
GROUPS = [g.id for g in CAT.target_groups]
ROLE_IDS = [r.id for r in CAT.forum_roles]

# Hungarian text as clerks write it: accented letters (ő, ű included), punctuation, digits, inner newlines.
_ALPHABET = st.sampled_from(list("aábcdeéfghiíjklmnoóöőpqrstuúüűvwxyzAÁEÉOÓÖŐUÚÜŰ0123456789 .,;:-–()„”/%=\n"))
text = st.text(_ALPHABET, max_size=40).map(str.strip)
long_text = st.one_of(text, st.text(_ALPHABET, min_size=2000, max_size=6000).map(str.strip))
# built, not filtered: a filter that rejects most draws fails Hypothesis' health check at random
nonempty = st.builds(lambda first, rest: (first + rest).rstrip(), st.sampled_from(list("aábcdeéőűAÉ0")), text)
dates = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))
# statistics carry at most a few decimals; xlsx stores 15+ significant digits
numbers = st.one_of(st.integers(-10**9, 10**9),
                    st.builds(lambda whole, frac: round(whole + frac / 10_000, 4),
                              st.integers(-10**6, 10**6), st.integers(1, 9_999)))


@st.composite
def heps(draw) -> Hep:
    start = draw(st.integers(2010, 2035))
    history = draw(st.integers(5, 7))
    years = list(range(start - history, start))
    settlement = Settlement(
        name=draw(text), ksh_code=draw(st.from_regex(r"\A[0-9]{5}\Z")), county=draw(text),
        population=draw(st.none() | st.integers(0, 2_000_000)), period_start=start, period_end=start + 4,
        adoption_date=draw(st.none() | dates), resolution_number=draw(text),
        review_dates=draw(st.lists(dates, max_size=2)), author_name=draw(text), author_email=draw(text),
        author_phone=draw(text),
    )
    indicators = {}
    for sd in draw(st.lists(st.sampled_from(CAT.series_rows), max_size=8, unique=True)):
        values = draw(st.dictionaries(st.sampled_from(years), st.one_of(numbers, st.just(NO_DATA)),
                                      max_size=len(years)))
        series = IndicatorSeries(sd.id, values, draw(text), draw(st.none() | dates), draw(long_text))
        if series.values or series.source or series.retrieved or series.note:
            indicators[sd.id] = series
    checklist = {}
    for item in draw(st.lists(st.sampled_from(CAT.checklist_items), max_size=6, unique=True)):
        # dropdown cells hold what the clerk typed, typos and letter case included
        statuses = st.sampled_from(L.CHECKLIST_STATUSES)
        status = draw(st.one_of(statuses, statuses.map(str.upper), text))
        entry = ChecklistEntry(item.id, status, draw(long_text), draw(text))
        if not (entry.status or entry.narrative or entry.data_gaps):
            continue
        checklist[item.id] = entry
    groups_as_typed = st.one_of(st.sampled_from(GROUPS), st.sampled_from(GROUPS).map(str.lower), text)
    problems = [Problem(draw(nonempty), draw(groups_as_typed), draw(text), draw(text), draw(text))
                for _ in range(draw(st.integers(0, 4)))]
    measures = []
    for g in GROUPS:  # the reader returns measures grouped in target-group order
        for _ in range(draw(st.integers(0, 2))):
            measures.append(Measure(g, draw(st.none() | st.integers(1, 99)), draw(nonempty), draw(text), draw(text),
                                    draw(text), draw(long_text), draw(text), draw(st.one_of(dates, text)),
                                    draw(text), draw(text), draw(text), draw(text), draw(text), draw(text)))
    forum = Forum(
        members=[ForumMember(draw(nonempty), draw(st.sampled_from(ROLE_IDS) | st.just("")), draw(text), draw(text))
                 for _ in range(draw(st.integers(0, 3)))],
        meetings=[ForumMeeting(draw(dates), draw(text), draw(text), draw(text))
                  for _ in range(draw(st.integers(0, 2)))],
        working_groups=[WorkingGroup(draw(nonempty), draw(text), draw(groups_as_typed), draw(st.none() | dates))
                        for _ in range(draw(st.integers(0, 2)))],
    )
    frame = Frame(draw(text), {p.id: FrameText(p.id, t) for p in draw(st.lists(st.sampled_from(CAT.written_parts),
                                                                                  max_size=4, unique=True))
                               if (t := draw(long_text))})
    return Hep(CAT.version, settlement, years, indicators, checklist, problems, measures, forum, frame)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(heps())
def test_read_write_round_trip(hep: Hep):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hep.xlsx"
        write_workbook(hep, path)
        result = read_workbook(path)
    assert result.issues == []
    assert result.hep == hep
