"""Questions of notebooks/01_nationwide_response.ipynb.

Expected values are computed from data/ with the short pandas a student could write; nothing here
imports a notebook-specific module.
"""

from __future__ import annotations

from ..catalog import load
from ..checks import QuestionSet

_q = QuestionSet("01")


def _latest_by_model():
    by_model = load("agreements_287g_by_model")
    return by_model[by_model.snapshot_date == by_model.snapshot_date.max()].set_index("model").n_agreements


def _task_force_above_jail() -> bool:
    latest = _latest_by_model()
    return bool(latest["Task Force Model"] > latest["Jail Enforcement Model"])


_q.add(
    "predict-task-force",
    "bool",
    _task_force_above_jail,
    [
        "Look at the right end of the chart: which line is highest on the latest sheet?",
        "The dashed lines tell the models apart; hover over the last point of each line to read its value.",
    ],
    "Right. The task force model, which ICE's sheets did not list before 2025, is now the largest model.",
    example="True",
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
