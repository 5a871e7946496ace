"""Questions of notebooks/02_minnesota_in_context.ipynb."""

from __future__ import annotations

from ..checks import QuestionSet
from ..minnesota import mn_agreements, state_shares

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
        "On the map, look for the yellow county.",
        "It is in the south-west, on the Iowa border.",
    ],
    "Right: both of that county's agreements were signed in March 2025 and had left ICE's list by December 2025.",
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


def _state_fb_2012_2016() -> float:
    s = state_shares()
    return float(s.loc[s["column"] == "foreign_born_pct_acs_2012_2016", "state_pct"].iloc[0])


_q.add(
    "state-foreign-born",
    "number",
    _state_fb_2012_2016,
    [
        "The table of statewide shares lists one row per indicator and ACS vintage.",
        "Read the row 'Born outside the U.S., ACS 2012–2016' (a percent, e.g. 4.2).",
    ],
    "Right: weighting each county's share by its population gives the statewide share for ACS 2012–2016.",
    tolerance=0.02,
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
