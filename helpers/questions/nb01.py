"""Questions of notebooks/01_nationwide_response.ipynb.

Expected values are computed from data/ with the short pandas a student could write; nothing here
imports a notebook-specific module.
"""

from __future__ import annotations

from ..catalog import load
from ..checks import QuestionSet

_q = QuestionSet("01")


# The letters of the prediction's choices: about how many times as many counties.
COUNTY_GROWTH_LETTERS = {"a": 2, "b": 4, "c": 7}


def _counties_in_force(agreements, sheet) -> int:
    on = agreements[(agreements.first_seen <= sheet) & (agreements.last_seen >= sheet)]
    return on.county_fips.nunique()


def _county_growth_letter() -> str:
    """As the notebook counts it: an agreement is in force from the first to the last sheet listing it or a copy."""
    listings = load("agreements_287g")
    dates = listings.groupby("agreement_id").agg(first_seen=("first_listed", "min"), last_seen=("last_listed", "max"))
    agreements = listings[listings.counts_as_agreement].join(dates, on="agreement_id")
    sheets = load("agreements_287g_totals").snapshot_date
    january = sheets[sheets.between("2025-01-01", "2025-01-31")].max()
    ratio = _counties_in_force(agreements, sheets.max()) / _counties_in_force(agreements, january)
    return min(COUNTY_GROWTH_LETTERS, key=lambda letter: abs(COUNTY_GROWTH_LETTERS[letter] - ratio))


_q.add(
    "predict-counties",
    "choice",
    _county_growth_letter,
    [
        "Run the cell above this one: it prints both counts of counties and how many times as many that is.",
        "Divide the latest count of counties by the count of January 2025, and pick the closest choice. Then move "
        "the map's slider between January 2025 and the latest month to see the spread.",
    ],
    "Right. Agreements spread from a small set of counties, mostly in the South, to several times as many "
    "counties, including in the Midwest.",
    example='"a"',
)
_q.add(
    "field-model",
    "choice",
    "b",
    [
        "Reread the table of the kinds of cooperation: which model works outside the jail?",
        "Two of the three models act on people already in a jail.",
    ],
    "The task force model lets ICE-trained local officers question and arrest people for immigration "
    "violations during their regular work in the field; the other two act inside the jail.",
    example='"a"',
)


def _latest_by_state():
    by_state_month = load("agreements_287g_by_state_month")
    last = by_state_month[by_state_month.snapshot_date == by_state_month.snapshot_date.max()]
    return last.groupby("state_abbr").n_agreements.sum()


def _florida_share() -> float:
    by_state = _latest_by_state()
    return float(100 * by_state["FL"] / by_state.sum())


_q.add(
    "florida-share",
    "number",
    _florida_share,
    [
        "Filter `by_state` to Florida (`state_abbr == \"FL\"`), then divide its `n_agreements` by the sum over all states.",
        "Multiply by 100 to get a percentage; the denominator is every state and territory on the sheet, "
        "the same total as ICE's latest sheet.",
    ],
    "Right: that is Florida's share of every agreement on ICE's latest sheet.",
    tolerance=0.02,
    example="12.5",
)


def _wisconsin_rank() -> int:
    states = load("states").state_abbr
    by_state = _latest_by_state()
    ranks = by_state[by_state.index.isin(states)].rank(method="min", ascending=False)
    return int(ranks["WI"])


_q.add(
    "wisconsin-rank",
    "number",
    _wisconsin_rank,
    [
        "Use `ranked.set_index(\"state_abbr\").loc[\"WI\", \"rank\"]`, or rank `n_agreements` with "
        "`.rank(method=\"min\", ascending=False)`.",
        "Tied states share the best place among them: counting bars from the top can give a larger number.",
    ],
    "Right. With method=\"min\", tied states share the best place among them.",
    example="10",
)
_q.add(
    "ddor-absence",
    "bool",
    False,
    [
        "How many rows of ICE's 2017 table were recovered, out of how many?",
        "The table's coverage says what kind of sample it is; what does a missing row tell you about a sample?",
    ],
    "Right: only a partial sample of ICE's table was recovered, mostly from news coverage, so a place that "
    "is missing may simply not have been reported. Absence from a partial sample means nothing.",
    example="True",
)
QUESTIONS = _q.questions
