"""Questions of notebooks/05_local_economies.ipynb."""

from __future__ import annotations

from .. import economies as ec
from ..checks import QuestionSet

_q = QuestionSet("05")
_q.add(
    "causal-design",
    "choice",
    "b",
    [
        "A causal claim needs a comparison that stands in for 'the same places without the policy'. Which option "
        "compares changes in places that got a program with changes in places that did not have it yet?",
        "A comparison at one point in time, a city's own tally and two weeks of one state's data all lack a group "
        "that shows what would have happened otherwise.",
    ],
    "East and co-authors use the staggered rollout of Secure Communities: places that got the program are compared "
    "with places that did not have it yet, so fixed differences between places cancel out. The others describe "
    "associations or levels with no such comparison.",
    example='"a"',
)


def _income_row() -> dict:
    summary = ec.gap_summary()
    return summary.set_index("column").loc["median_household_income_acs_2011_2015"].to_dict()


_q.add(
    "naive-income-gap",
    "number",
    lambda: _income_row()["naive_gap"],
    [
        "Read the sentence printed under 'First, the naive comparison', or the title of the ladder chart.",
        "It is the mean median household income of the 287(g) counties minus that of all other counties, in dollars "
        "of 2015 (no dollar sign, no commas needed).",
    ],
    "Right: the counties with a 287(g) agreement were richer on average, before comparing like with like.",
    tolerance=0.03,
    example="5000",
)
_q.add(
    "income-share",
    "number",
    lambda: 100 * _income_row()["share_confounding"],
    [
        "Read the list printed under the table of Wong's and our gaps: it gives the share for each outcome.",
        "Share = (naive gap − gap within population size × region) ÷ naive gap, times 100.",
    ],
    "Right: almost all of the naive income gap came from comparing large metropolitan counties with small ones.",
    tolerance=0.05,
    example="40",
)
_q.add(
    "income-survives",
    "bool",
    lambda: bool(_income_row()["survives"]),
    [
        "Look at the income panel of the survival chart: does the line through the circle cross the dashed zero line?",
        "The verdict column of `ec.gap_summary()` says it in words.",
    ],
    "Right: among counties of similar size and region the income gap's interval includes zero, so the naive gap does "
    "not survive.",
    example="True",
)
_q.add(
    "wong-unit",
    "text",
    ("percentage points", "percentage point", "points", "pp"),
    [
        "A rate is already a percentage. Is the difference between two percentages measured in percent of the rate, or "
        "in the rate's own units?",
        "Read the unit the table records for finding R03 (the worked example prints it).",
    ],
    "Right: a difference between two rates is measured in percentage points; the report's word 'percent' is "
    "ambiguous, and the two readings differ several-fold.",
    example='"percent"',
)
_q.add(
    "jail-null",
    "choice",
    "a",
    [
        "Which kind of ICE arrest does local police cooperation (287(g) jail agreements, honouring detainers) feed?",
        "A null result for one outcome does not prove there are no effects at all; and check the paper's venue and "
        "geography on its card.",
    ],
    "Right: jail-based arrests are the channel local cooperation feeds. Finding no spending effect there ties the "
    "spending drop to visible community enforcement, not to jail cooperation. It is a working paper about states.",
    example='"b"',
)
_q.add(
    "minneapolis",
    "choice",
    "b",
    [
        "Open the card of finding R81 with the card explorer and read 'How measured' and 'How sure'.",
        "Is there a comparison group? Who produced the figure, and is it verified in their own text?",
    ],
    "Right: it is the City of Minneapolis's own preliminary estimate, verified in the city's text, built from "
    "administrative figures and voluntary surveys; the city calls its totals likely undercounts.",
    example='"a"',
)
QUESTIONS = _q.questions
