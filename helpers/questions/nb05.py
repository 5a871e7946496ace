"""Questions of notebooks/05_community_stability.ipynb.

Expected values are computed from data/ with the same pandas steps a student runs in the notebook.
"""

from __future__ import annotations

import pandas as pd

from ..catalog import load
from ..checks import QuestionSet

BANDS = [0, 25_000, 100_000, 250_000, 1_000_000, float("inf")]
LABELS = ["under 25k", "25k-100k", "100k-250k", "250k-1M", "1M+"]


def county_frame(year: int = 2017) -> pd.DataFrame:
    """The notebook's county table: good crime reports, `has_287g` and `pop_band`."""
    treated = set(load("wapo_287g_agency_years").query("year == @year").county_fips.dropna())
    states = load("states")[["state_fips", "census_region"]]
    rates = load("county_crime_ucr").query("year == @year")
    frame = load("county_indicators").merge(states, on="state_fips").merge(rates, on="county_fips")
    frame = frame[frame.reporting_quality.isin([1, 2])].copy()
    frame["has_287g"] = frame.county_fips.isin(treated)
    frame["pop_band"] = pd.cut(frame.population_acs_2011_2015, BANDS, labels=LABELS, right=False)
    return frame


def _gap(frame: pd.DataFrame) -> float:
    means = frame.groupby("has_287g").violent_crime_per_100k.mean()
    return float(means[True] - means[False])


def naive_gap() -> float:
    return _gap(county_frame())


def gap_one_stratum() -> float:
    frame = county_frame()
    return _gap(frame[frame.pop_band == "100k-250k"])


def within_size_region() -> float:
    """The weighted within-stratum gap by size and region, by plain groupby (weights: 287(g) counties)."""
    frame = county_frame()
    keys = ["pop_band", "census_region"]
    cells = frame.groupby([*keys, "has_287g"], observed=True).violent_crime_per_100k.agg(["mean", "size"]).unstack()
    both = cells.dropna(subset=[("mean", True), ("mean", False)])
    gaps = both[("mean", True)] - both[("mean", False)]
    weights = both[("size", True)] / both[("size", True)].sum()
    return float((gaps * weights).sum())


def predicted_letter() -> str:
    """(a) grows, (b) stays about the same, (c) shrinks by more than half."""
    naive, within = naive_gap(), within_size_region()
    if abs(within) > 1.1 * abs(naive):
        return "a"
    return "c" if abs(within) < 0.5 * abs(naive) else "b"


_q = QuestionSet("05")
_q.add(
    "predict-gap",
    "choice",
    predicted_letter,
    [
        "Look at the ladder chart: compare the square (naive gap) with the circle for 'size and region'.",
        "Shrinking by more than half means the within-strata gap is less than half of the naive gap.",
    ],
    "Right. Most of the naive gap came from comparing large, mostly Southern counties with small ones. What is "
    "left is small next to the naive gap.",
    example='"b"',
)
_q.add(
    "gap-one-stratum",
    "number",
    gap_one_stratum,
    [
        'Keep only the rows with `frame.pop_band == "100k-250k"`, then group by `has_287g` and take the mean of '
        "`violent_crime_per_100k`.",
        "The gap is the mean for True minus the mean for False. It is also the row 100k-250k of `by_size`.",
    ],
    "Right: this is the gap inside one stratum, one of the pieces the weighted gap averages.",
    tolerance=0.01,
    example="12.5",
)
_q.add(
    "naive-gap",
    "number",
    naive_gap,
    [
        "Read the sentence printed under the naive comparison, or the variable `naive_gap`.",
        "It is the mean of the 287(g) counties minus the mean of all other counties with good reports, in 2017.",
    ],
    "Right: that is the naive gap. The strata show where most of it comes from.",
    tolerance=0.02,
    example="50",
)
_q.add(
    "reverse-percent",
    "number",
    lambda: 100 * (1 / (1 - 40 / 100) - 1),
    [
        "A fall of 40 percent multiplies the outcome by 0.6. What change takes 0.6 back to 1?",
        "Compute 100 × (1 ÷ (1 + p/100) − 1) with p = −40; flipping the sign (+40) is the common mistake.",
    ],
    "Right: a fall of 40 percent is undone by a rise of about 67 percent. Reversing a percent change is not "
    "flipping its sign.",
    tolerance=0.01,
    example="40",
)
_q.add(
    "causal-design",
    "choice",
    "b",
    [
        "A causal claim needs a comparison that stands in for 'the same places without the policy'. Which design "
        "compares the same counties before and after a change?",
        "A one-year comparison cannot tell the policy from other differences; a survey records what people say; "
        "a count of re-arrests has no comparison at all.",
    ],
    "Right: Hausman's event study follows the same counties before and after they stopped honoring detainers and "
    "compares them with counties that had not changed yet.",
    example='"a"',
)
_q.add(
    "who",
    "choice",
    "b",
    [
        "Find R16 in the explorer or a table and read its population and period.",
        "The study used a victim survey and looked at one group of victims.",
    ],
    "Right: the estimate applies to Hispanic crime victims during the Secure Communities rollout (2008–2013), not "
    "to every resident, and not to Minnesota today.",
    example='"a"',
)
QUESTIONS = _q.questions
