"""Questions of notebooks/_template.ipynb: one checked question of each common kind (predict, code, choice).

Expected values are computed from data/ by the pandas a student could write in the template.
"""

from __future__ import annotations

from ..catalog import load
from ..checks import QuestionSet

# The letters of Question 1's choices.
MODEL_LETTERS = {"Jail Enforcement Model": "a", "Task Force Model": "b", "Warrant Service Officer": "c"}


def _mn_top_model() -> str:
    by_state_month = load("agreements_287g_by_state_month")
    latest_rows = by_state_month[by_state_month.month == by_state_month.month.max()]
    minnesota = latest_rows[latest_rows.state_abbr == "MN"]
    return MODEL_LETTERS[minnesota.set_index("model")["n_agreements"].idxmax()]


def _mn_agreements() -> int:
    county_latest = load("agreements_287g_county_latest")
    return int(county_latest[county_latest.state_abbr == "MN"].n_agreements.sum())


_q = QuestionSet("tpl")
_q.add(
    "mn-top-model",
    "choice",
    _mn_top_model,
    ["Run the chart cell below this one: the longest bar is the most common model."],
    "Right: that model has the longest bar in the chart.",
    example='"a"',
)
_q.add(
    "mn-agreements",
    "number",
    _mn_agreements,
    [
        "Each row of `mn_287g` is one county; the column `n_agreements` counts its agreements.",
        "Add the column up: `mn_287g.n_agreements.sum()`. `len(mn_287g)` counts counties, not agreements.",
    ],
    "Right: the sum of `n_agreements` over Minnesota's counties.",
    example="50",
)
_q.add(
    "describe",
    "choice",
    "b",
    ["One function returns data, one marks answers; the third explains a table."],
    "`describe` shows a table's source, licence, coverage and caveats.",
    example='"a"',
)
QUESTIONS = _q.questions
