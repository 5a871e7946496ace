"""Questions of notebooks/04_community_stability.ipynb."""

from __future__ import annotations

from .. import county_compare as cc
from ..checks import QuestionSet

_q = QuestionSet("04")
_q.add(
    "causal-design",
    "choice",
    "b",
    [
        "A causal claim needs a comparison that stands in for 'the same places without the policy'. Which design "
        "compares the same counties before and after a change?",
        "A matched comparison at one point in time cannot tell whether the policy or something else about the "
        "places made the difference; a survey records what people say; a count of re-arrests has no comparison at all.",
    ],
    "Hausman's event study follows the same counties before and after they stopped honouring detainers and "
    "compares them with counties that had not (yet) changed, and checks that the two groups moved alike before. "
    "The others describe associations, stated intentions or a count with no comparison.",
    example='"a"',
)


def _naive_gap() -> float:
    return cc.compare(cc.county_frame(2017), "violent_crime_per_100k", "none").naive_gap


_q.add(
    "naive-gap",
    "number",
    _naive_gap,
    [
        "Read the sentence printed under 'First, the naive comparison', or the title of the ladder chart.",
        "It is the mean of the 287(g) counties minus the mean of all other counties, in reported violent crimes "
        "per 100,000 residents, for 2017 and counties with good reporting.",
    ],
    "Right: that is the naive gap. It is large, and the next steps show where most of it comes from.",
    tolerance=0.03,
    example="50",
)


def _share_size() -> float:
    return 100 * cc.compare(cc.county_frame(2017), "violent_crime_per_100k", "pop").share_confounding


_q.add(
    "share-size",
    "number",
    _share_size,
    [
        "Use the explorer: set 'Compare within' to 'Population size' and read the last sentence above the chart.",
        "Share = (naive gap − gap within population bands) ÷ naive gap, times 100.",
    ],
    "Right: comparing counties of similar population size alone removes most of the naive gap, because large "
    "counties report more crime and most 287(g) counties were large.",
    tolerance=0.05,
    example="40",
)
_q.add(
    "who",
    "choice",
    "b",
    [
        "Open the card of finding R16 with the card explorer and read the line 'Who'.",
        "The study used a victimisation survey and looked at one group of victims.",
    ],
    "The estimate applies to Hispanic crime victims in U.S. counties during the Secure Communities rollout "
    "(2008–2013), not to every resident, not to Minnesota today.",
    example='"a"',
)
_q.add(
    "flat-crime",
    "choice",
    "a",
    [
        "Police records count only crimes that someone reports. What happens to the count if more crimes "
        "happen but fewer are reported?",
        "Compare findings R14 and R16: one counts offences known to police, the other asks victims whether they reported.",
    ],
    "If victims report less, crimes known to police can stay flat even while victimisation rises. That is why "
    "studies that use only police records can miss effects on immigrant victims.",
    example='"a"',
)
_q.add(
    "status",
    "text",
    ("secondary", "secondary: context only", "secondary context only"),
    [
        "Look at the 'Verification' control of the evidence explorer, or the Status column of a table.",
        "It is the status the explorer hides by default and never counts in a summary.",
    ],
    "Right: 'secondary' findings were read only in third-party coverage: leads, not established findings.",
    example='"verified"',
)
QUESTIONS = _q.questions
