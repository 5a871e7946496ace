"""Questions of notebooks/02_minnesota_in_context.ipynb."""

from __future__ import annotations

from ..catalog import load
from ..checks import QuestionSet
from ..minnesota import mn_agreements

_q = QuestionSet("02")


def _mn_in_force() -> int:
    return int(mn_agreements()["in_force"].sum())


_q.add(
    "agreements-in-force",
    "number",
    _mn_in_force,
    [
        "The table under the map lists every Minnesota agreement and its status.",
        "Count the rows whose status is 'on ICE's latest sheet' (city police agreements count too).",
    ],
    "Right: that many agreements of Minnesota agencies, sheriffs and two city police departments, are on ICE's latest sheet.",
    example="3",
)


def _dropped_county() -> str:
    a = mn_agreements()
    return str(a.loc[~a["in_force"], "county_name"].iloc[0])


_q.add(
    "dropped-county",
    "text",
    _dropped_county,
    [
        'On the map, look for the yellow county ("287(g) disappeared from ICE\'s list").',
        "It is in the south-west, on the Iowa border.",
    ],
    "Right: both of that county's agreements were signed in March 2025 and had disappeared from ICE's list by "
    "December 2025. ICE's sheets do not say why: a listing that disappears may have ended, been re-signed, or been "
    "dropped by error.",
    example='"Hennepin"',
)
_q.add(
    "licences-2017",
    "choice",
    "b",
    [
        "Find the driver's licence row in the chart of claims: what colour is it in 2017?",
        "When did the law that removed the proof-of-status rule take effect?",
    ],
    "In 2017 Minnesota required proof of lawful presence for a driver's licence; the law that changed this "
    "was signed in March 2023 and took effect on 1 October 2023. The essay's claim was false when written and "
    "became true only in October 2023.",
    example='"a"',
)


def plain_average_foreign_born() -> float:
    """The unweighted mean of the 87 county foreign-born shares, ACS 2012–2016 (the wrong statewide figure)."""
    return float(load("mn_county_indicators")["foreign_born_pct_acs_2012_2016"].mean())


_q.add(
    "plain-average",
    "number",
    plain_average_foreign_born,
    [
        'Load the county table with `load("mn_county_indicators")` and take the column '
        "`foreign_born_pct_acs_2012_2016`.",
        "`.mean()` of that column is the plain average: every county counts once, whatever its size. Give the "
        "percent as a number, like 4.2.",
    ],
    "Right: the plain average of the county shares is far below the population-weighted statewide share in the "
    "table, because most of Minnesota's counties are small and have few residents born abroad. Question 5 asks "
    "which of the two figures describes Minnesotans.",
    tolerance=0.03,
    example="4.2",
)
_q.add(
    "why-weight",
    "choice",
    "a",
    [
        "Minnesota's counties range from a few thousand residents to more than a million.",
        "What would a plain average of 87 county shares give Lake of the Woods County compared with Hennepin?",
    ],
    "A plain average gives every county the same say, so small rural counties would pull the statewide "
    "share down; weighting by population counts every resident once.",
    example='"b"',
)
_q.add(
    "association",
    "choice",
    "c",
    [
        "What kind of comparison is it: an experiment, a before-and-after study, or a description of counties at one time?",
        "Could something else explain both which sheriffs signed and who lives in the county?",
    ],
    "It is a description. Counties whose sheriffs signed are mostly rural with few immigrants; that tells us "
    "where agreements were signed, not what the agreements do. Notebooks 04–06 look at studies designed to "
    "estimate effects.",
    example='"a"',
)
QUESTIONS = _q.questions
