"""Questions of notebooks/00_start_here.ipynb."""

from __future__ import annotations

from ..catalog import load
from ..checks import QuestionSet
from ..policy287g import latest_total

_q = QuestionSet("00")
_q.add(
    "latest-agreements",
    "number",
    lambda: latest_total()[1],
    [
        "Look for the sentence printed under the first section: it names the latest sheet.",
        "Hover over the last point of the line chart; the tooltip shows the exact count.",
    ],
    "Right: that is the count on ICE's latest sheet in data/.",
    example="1000",
)
_q.add(
    "run-cell",
    "choice",
    "b",
    ["The keys are written in the first section of this notebook."],
    "Shift + Enter runs the cell and selects the next one.",
    example='"a"',
)


def _top_state() -> str:
    by_month = load("agreements_287g_by_state_month")
    last = by_month[by_month["snapshot_date"] == by_month["snapshot_date"].max()]
    name = str(last.groupby("state_name")["n_agreements"].sum().idxmax())
    abbr = load("states").set_index("state_name").loc[name, "state_abbr"]
    return (name, str(abbr))  # the full name or the postal code


_q.add(
    "top-state",
    "text",
    _top_state,
    [
        "Choose the largest states in the explorer and compare the last point of each line.",
        "It is a southern border state.",
    ],
    "Right: its agencies held the most agreements on ICE's latest sheet.",
    example='"Ohio"',
)
QUESTIONS = _q.questions
