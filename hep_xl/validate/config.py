"""Tunable tolerances of the validator (the decree gives the rules; these say how strictly to read data)."""

from __future__ import annotations

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
    # the HEP is reviewed at least every this many years (settlement sheet review dates)
    review_interval_years: int = 2
    # census years; census indicators only need the latest one inside the year columns
    census_years: tuple[int, ...] = (2011, 2022)
    # rule IDs to skip entirely
    disabled_rules: frozenset[str] = field(default_factory=frozenset)


DEFAULT_CONFIG = ValidationConfig()
