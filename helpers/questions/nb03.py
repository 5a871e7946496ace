"""Questions of notebooks/03_from_arrest_to_deportation.ipynb."""

from __future__ import annotations

from ..checks import QuestionSet
from ..pipeline_context import arrests_summary
from ..pipeline_minnesota import detainer_outcomes, detainer_peak


def _peak_month() -> str:
    """The peak month as 'February 2026' (the check ignores capitals)."""
    return f"{detainer_peak()['month']:%B %Y}"


def _hennepin_declined() -> int:
    table = detainer_outcomes()
    rows = table[(table["county_fips"] == "27053") & (table["outcome"] == "declined_by_local_agency")]
    return int(rows["detainers"].sum())


_q = QuestionSet("03")
_q.add(
    "detainer-peak-month",
    "text",
    _peak_month,
    [
        "Look at the bar chart of detainers per month: which bar is in the highlight colour?",
        'Give the month and year in words, in quotes, like "May 2025". The pale bar at the end is a partial month: it '
        "does not count.",
    ],
    "Right. Most of that month's detainers were prepared on one day, and the month is still the highest without it.",
    example='"May 2025"',
)
_q.add(
    "detainer-peak-context",
    "choice",
    "b",
    [
        "Read the facts printed under the detainer chart: what did the federal government say about county jails that month?",
        "The surge began two months earlier, and the Attorney General's opinion is from a year earlier.",
    ],
    "Right: on 4 February 2026 Tom Homan tied the withdrawal of more agents to access to county jails (verified); "
    "detainers jumped that month. The data cannot say that one caused the other.",
    example='"a"',
)
_q.add(
    "hennepin-declined",
    "number",
    _hennepin_declined,
    [
        "Use the detainer explorer: choose Hennepin County.",
        "Read the blue segment ('Declined by the local agency'), or the number in the explorer's title.",
    ],
    "Right: Hennepin County's jail declined more surge detainers than any other Minnesota facility.",
    example="50",
)
_q.add(
    "oiv-meaning",
    "choice",
    "b",
    [
        "ICE's three classes are: a conviction, a pending criminal charge, and neither.",
        "The chart's subtitle defines the class.",
    ],
    "Right: 'Other Immigration Violator' is ICE's class for people with no criminal conviction and no pending "
    "criminal charge recorded; it says nothing about the immigration case itself.",
    example='"a"',
)
_q.add(
    "partial-year",
    "choice",
    "c",
    [
        "How far does each fiscal year's bar run? The label above a pale bar says so.",
        "A fair comparison uses the same number of days of each year.",
    ],
    "Right: FY2026's bar covers only October to early April. At the same point of the year, FY2026 was ahead of FY2025.",
    example='"a"',
)
_q.add(
    "mn-arrest-rate",
    "number",
    lambda: arrests_summary()["mn_rate"],
    [
        "Hover over Minnesota on the map; the tooltip gives arrests per 100,000 residents.",
        "The map's title prints the number too.",
    ],
    "Right: close to the middle of the 50 states, far below Texas.",
    tolerance=0.01,
    example="250.5",
)
QUESTIONS = _q.questions
