"""Questions of notebooks/03_from_arrest_to_deportation.ipynb."""

from __future__ import annotations

from ..checks import QuestionSet
from ..pipeline_context import rate_ratio
from ..pipeline_minnesota import declined_in_county, detainer_peak


def _peak_month() -> tuple[str, ...]:
    """The peak month in the ways a reader may write it: 'February 2026', 'Feb 2026', 'February', '2026-02'.

    The check ignores capitals and extra spaces; the month's name alone is accepted too, since the question
    asks for the month the chart highlights.
    """
    m = detainer_peak()["month"]
    return (f"{m:%B %Y}", f"{m:%b %Y}", f"{m:%b. %Y}", f"{m:%B}", f"{m:%b}", f"{m:%Y-%m}", f"{m:%m/%Y}", f"{m:%B, %Y}")


def _mn_to_wi_ratio() -> float:
    return rate_ratio("MN", "WI")


def _hennepin_declined() -> int:
    return declined_in_county("27053")


_q = QuestionSet("03")
_q.add(
    "detainer-peak-month",
    "text",
    _peak_month,
    [
        "Look at the bar chart of detainers per month: which bar is in the highlight colour? Write the month in "
        'quotes in any of these forms: "May 2025", "May", "2025-05".',
        "The pale bar at the end is a partial month: it does not count. Hover over the tallest full bar; the "
        "tooltip names its month.",
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
    "mn-wi-ratio",
    "number",
    _mn_to_wi_ratio,
    [
        "Minnesota's rate is in the map's title. Hover over Wisconsin, east of Minnesota: the tooltip gives its "
        "arrests per 100,000 residents.",
        "Divide Minnesota's rate by Wisconsin's: the answer is how many times as high Minnesota's rate is.",
    ],
    "Right. Neighbouring states can differ a lot: the rate counts arrests where ICE recorded them, and Minnesota "
    "had the surge. The map alone cannot say why two states differ.",
    tolerance=0.05,
    example="1.5",
)
QUESTIONS = _q.questions
