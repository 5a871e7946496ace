"""Questions of notebooks/06_local_economies.ipynb.

Expected values are computed from data/ with the same few lines of pandas the notebook shows, so an
answer can never drift from what the reader computed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog import load
from ..checks import QuestionSet

INCOME = "median_household_income_acs_2011_2015"
POVERTY = "poverty_pct_acs_2011_2015"
SIZE_BANDS = [0, 25_000, 100_000, 250_000, 1_000_000, np.inf]
SIZE_LABELS = ["under 25k", "25k-100k", "100k-250k", "250k-1M", "1M+"]
STRATUM = "100k-250k · South"


def _frame() -> pd.DataFrame:
    """One row per county, `has_287g` for 2015 and `group` (size band · Census region), as in the notebook."""
    counties = load("county_indicators")
    regions = load("states")[["state_fips", "census_region"]]
    years = load("wapo_287g_agency_years")
    active = years[(years.year == 2015) & years.county_fips.notna()]
    frame = counties.merge(regions, on="state_fips", how="left")
    frame["has_287g"] = frame.county_fips.isin(active.county_fips)
    size = pd.cut(frame.population_acs_2011_2015, SIZE_BANDS, labels=SIZE_LABELS, right=False).astype(str)
    frame["group"] = size + " · " + frame.census_region
    return frame


def naive_gap(outcome: str) -> float:
    means = _frame().groupby("has_287g")[outcome].mean()
    return float(means[True] - means[False])


def within_gap(outcome: str) -> float:
    """Gaps inside each group, averaged with each group weighted by its number of 287(g) counties."""
    frame = _frame()
    by_group = frame.groupby(["group", "has_287g"])[outcome].mean().unstack()
    by_group["gap"] = by_group[True] - by_group[False]
    by_group["n_287g"] = frame[frame.has_287g].groupby("group").size()
    by_group = by_group.dropna(subset=["gap"])
    return float((by_group.gap * by_group.n_287g).sum() / by_group.n_287g.sum())


def stratum_gap(stratum: str = STRATUM, outcome: str = INCOME) -> float:
    frame = _frame()
    means = frame[frame.group == stratum].groupby("has_287g")[outcome].mean()
    return float(means[True] - means[False])


def predicted_letter() -> str:
    """'b' if the within-group income gap is under half the naive one, 'c' if it grew, else 'a'."""
    naive, within = naive_gap(INCOME), within_gap(INCOME)
    if abs(within) < 0.5 * abs(naive):
        return "b"
    return "c" if abs(within) > abs(naive) else "a"


def job_studies() -> int:
    findings = load("research_findings")
    return int(findings[findings.outcome_domain == "labor_market"].study_id.nunique())


_q = QuestionSet("06")
_q.add(
    "predict-within",
    "choice",
    predicted_letter,
    [
        "Compare the two numbers the cell printed: the within-group gap and the naive gap. Is the first much "
        "smaller, about the same, or larger?",
        "Look back at the table `by_group`: inside groups, some gaps are positive and some negative. What happens "
        "when you average numbers of both signs?",
    ],
    "Right: once each 287(g) county is compared only with counties of similar size and region, most of the "
    "income gap disappears. Most of it came from comparing big metro counties with small rural ones.",
    example='"b"',
)
_q.add(
    "stratum-gap",
    "number",
    stratum_gap,
    [
        'Keep only the rows of `frame` whose `group` is "100k-250k · South", then take the mean of `INCOME` '
        "for each value of `has_287g`.",
        "The answer is the mean of the 287(g) counties minus the mean of the others. It is also the `gap` column "
        "of `by_group` in that row. A negative answer means the 287(g) counties earned less.",
    ],
    "Right: in this group, one of the two that hold the most 287(g) counties, the 287(g) counties earned less "
    "than other counties of the same size and region, not more.",
    tolerance=0.01,
    example="-1200",
)
_q.add(
    "poverty-within",
    "number",
    lambda: within_gap(POVERTY),
    [
        "Repeat the income steps with the poverty column: group by `group` and `has_287g`, take the gap in each "
        "group, then the weighted average.",
        "The weights are the number of 287(g) counties in each group, divided by their total. Keep only groups "
        "that have both kinds of county (drop the rows where the gap is missing).",
    ],
    "Right: within groups of similar counties, the poverty gap is much smaller than the naive one. It is the "
    "same number as the poverty row of the table `gaps`, which the kit computed by a second route.",
    tolerance=0.05,  # relative: the table `gaps` shows it rounded to one decimal, which must pass
    example="-0.5",
)
_q.add(
    "causal-design",
    "choice",
    "b",
    [
        "A causal claim needs a comparison that stands in for 'the same places without the policy'. Which option "
        "compares changes in places that got a program with changes in places that did not have it yet?",
        "A comparison at one point in time and a city's own tally both lack a group that shows what would have "
        "happened otherwise.",
    ],
    "Right: the staggered rollout of Secure Communities lets a study compare changes where the program began "
    "with changes where it had not yet begun, so fixed differences between places cancel out.",
    example='"a"',
)
_q.add(
    "wong-unit",
    "text",
    ("percentage points", "percentage point", "points", "pp"),
    [
        "A rate is already a percentage. Is the gap between two percentages measured as a share of the rate, or in "
        "the rate's own units?",
        "Read the `effect_unit` the table records for row R03 (the table of Wong's findings shows it).",
    ],
    "Right: a difference between two rates is measured in percentage points. The report's word 'percent' is "
    "ambiguous, and the two readings differ several-fold.",
    example='"dollars"',
)
_q.add(
    "job-studies",
    "number",
    job_studies,
    [
        'Filter `findings` to the rows whose `outcome_domain` is "labor_market", keeping every label this time.',
        "Count distinct studies with `.study_id.nunique()`, not rows with `len()`.",
    ],
    "Right: several studies fill more than one row, so there are fewer studies than rows.",
    example="12",
)
QUESTIONS = _q.questions
