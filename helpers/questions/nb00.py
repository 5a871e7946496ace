"""Questions of notebooks/00_start_here.ipynb.

Expected values are computed from data/ by the pandas a student could write in the notebook, where
`latest_rows` is the newest month of `agreements_287g_by_state_month`.
"""

from __future__ import annotations

import pandas as pd

from ..catalog import load
from ..checks import QuestionSet

# The letters of Question 4's choices.
MODEL_LETTERS = {"Jail Enforcement Model": "a", "Task Force Model": "b", "Warrant Service Officer": "c"}


def _latest_rows() -> pd.DataFrame:
    by_state_month = load("agreements_287g_by_state_month")
    return by_state_month[by_state_month.month == by_state_month.month.max()]


def _top_state() -> tuple[str, str]:
    latest_rows = _latest_rows()
    name = latest_rows.groupby("state_name")["n_agreements"].sum().idxmax()
    abbr = latest_rows.loc[latest_rows.state_name == name, "state_abbr"].iloc[0]
    return (str(name), str(abbr))  # the full name or the postal code


def _top_model_january_2025() -> str:
    by_model = load("agreements_287g_by_model")
    january = by_model[by_model.snapshot_date.between("2025-01-01", "2025-01-31")]
    last_sheet = january[january.snapshot_date == january.snapshot_date.max()]
    return MODEL_LETTERS[last_sheet.set_index("model")["n_agreements"].idxmax()]


_q = QuestionSet("00")
_q.add(
    "states-latest",
    "number",
    lambda: _latest_rows().state_abbr.nunique(),
    [
        "Pick the column that names the state, e.g. `latest_rows.state_abbr`, and add `.nunique()` to count "
        "its different values.",
        "`len(latest_rows)` counts rows, and a state has one row per model. Count distinct postal codes instead.",
    ],
    "Right: each postal code counted once, territories included.",
    example="12",
)
_q.add(
    "top-state",
    "text",
    _top_state,
    [
        'Add up per state: `latest_rows.groupby("state_name")["n_agreements"].sum()`, then look for the largest '
        "value, or add `.idxmax()` to get its label.",
        "`.sort_values()` puts the largest last. It is a large southern border state.",
    ],
    "Right: its agencies held the most agreements on ICE's newest sheet.",
    example='"Ohio"',
)
_q.add(
    "not-verified",
    "choice",
    "b",
    [
        "Reread the table of labels in section 2: its last column says whether a label is stated as fact.",
        "A number that looks right is not the same as a source that was read. The series keeps the label and "
        "shows the fact as context.",
    ],
    "Right: it is shown with its label, as context, and never stated as fact.",
    example='"a"',
)
_q.add(
    "top-model-jan-2025",
    "choice",
    _top_model_january_2025,
    [
        "Run the chart cell below this one and look at the three lines in January 2025, before the steep climb.",
        "One line is still at zero in January 2025: that model was not in use then. Compare the other two.",
    ],
    "Right: it was the most common model on the last sheet of January 2025. The task force model was not in use yet.",
    example='"a"',
)
QUESTIONS = _q.questions
