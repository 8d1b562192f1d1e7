"""Tunable tolerances of the validator (the decree gives the rules; these say how strictly to read data).

Facts of the texts (the review interval, census years, thresholds, which series add up) are catalog
data, not settings: see :mod:`hep_xl.catalog`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ValidationConfig:
    # year-on-year change larger than this factor (either direction) is flagged as a likely typo
    jump_factor: float = 3.0
    # ...but only when the larger of the two values is at least this (small counts jump naturally)
    jump_min_value: float = 20.0
    # male + female share of the population must be 100 within this many percentage points
    share_sum_tolerance: float = 1.0
    # the age-group shares (0–14, 15–17, 18–59, 60–64, 65+ for both sexes) must add up to 100 within
    age_share_sum_tolerance: float = 1.5
    # indicator 2 (population change, %) against pop(y)/pop(y-1)*100, absolute percentage points
    population_change_tolerance: float = 0.15
    # ageing index (4) against the shares of indicator 3: relative tolerance, plus an absolute floor
    ageing_index_rel_tolerance: float = 0.03
    ageing_index_abs_tolerance: float = 0.5
    # ratio indicators (8, 28, 29) against numerator/denominator*100, and 16 against 100 − its
    # complement: absolute percentage points
    ratio_tolerance: float = 0.15
    # counts that contain each other (catalog "consistency" pairs): a part may exceed its whole, and
    # parts may miss their total, by this many (persons, …) or this share of the whole, whichever is
    # larger (quarterly averages and data from different offices differ a little)
    containment_abs_tolerance: float = 1.0
    containment_rel_tolerance: float = 0.02
    # a count estimated from a share of the population (15–17-year-olds of indicator 5 against the
    # 15–17 shares of indicator 3): relative tolerance (census day against year end)
    population_estimate_rel_tolerance: float = 0.1
    # the settlement sheet's population against indicator 1 of the last year: relative tolerance
    population_rel_tolerance: float = 0.0
    # "a felülvizsgálatok és az új HEP elfogadása előtt … ülésezik": a Fórum meeting at most this
    # many months before a review or an adoption counts as the meeting before it
    meeting_before_months: int = 6
    # the monitoring: the Fórum reviews a year's interventions, and its working groups report on the
    # year, within this many months after the year's end (a January or February meeting)
    yearly_review_months: int = 3
    # the date the record is checked at (what is overdue); None: today. Nothing is due after the
    # end of the programme period.
    as_of: dt.date | None = None
    # rule IDs to skip entirely
    disabled_rules: frozenset[str] = field(default_factory=frozenset)


DEFAULT_CONFIG = ValidationConfig()
