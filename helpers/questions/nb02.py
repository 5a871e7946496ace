"""Questions of notebooks/02_minnesota_in_context.ipynb.

Every expected value is computed from data/ by the pandas a student could write in the notebook:
no notebook-specific helper is called, and nothing is loaded until a question is checked.
"""

from __future__ import annotations

import pandas as pd

from ..catalog import load
from ..checks import QuestionSet

_q = QuestionSet("02")


def minnesota_acs() -> pd.DataFrame:
    """Minnesota's rows of the ACS 2017–2021 county table (as `mn_acs` in the notebook)."""
    acs = load("county_foreign_born_acs2017_21")
    return acs[acs.state_abbr == "MN"]


def statewide_share() -> float:
    """Share of Minnesotans born abroad, ACS 2017–2021: all foreign-born residents over all residents."""
    mn = minnesota_acs()
    return float(100 * mn.foreign_born.sum() / mn.acs_population.sum())


def weighted_vs_plain() -> str:
    """'above' if the statewide (population-weighted) share exceeds the plain average of county shares."""
    return "above" if statewide_share() > minnesota_acs().foreign_born_pct.mean() else "below"


def counties_above_state() -> str:
    """(a) most counties, (b) about half, (c) only a few are above the statewide share."""
    mn = minnesota_acs()
    share_above = (mn.foreign_born_pct > statewide_share()).mean()
    return "a" if share_above > 0.6 else "b" if share_above >= 0.4 else "c"


def latest_mn_agreements() -> pd.DataFrame:
    """Agreements of Minnesota agencies on ICE's latest sheet (as `on_latest` in the notebook)."""
    listings = load("agreements_287g")
    return listings[(listings.state_abbr == "MN") & listings.on_latest_sheet]


def sheriff_counties_share() -> float:
    """Population-weighted share born abroad (ACS 2017–2021) of the counties whose sheriffs are on the latest sheet."""
    sheriffs = latest_mn_agreements()
    counties = sheriffs.loc[sheriffs.agency_type == "County", "county_name"].unique()
    mn = minnesota_acs()
    mine = mn[mn.county_name.isin(counties)]
    return float(100 * mine.foreign_born.sum() / mine.acs_population.sum())


_q.add(
    "weighted-vs-plain",
    "text",
    weighted_vs_plain,
    [
        "Compare the two numbers the cell printed: the plain average in the cell before, the statewide share here.",
        "The large Twin Cities counties have the largest shares born abroad; counting people gives them more weight.",
    ],
    "Right. Most immigrants live in a few large counties, so counting every person once pulls the statewide "
    "share far above the plain average of the county shares.",
    example='"above"',
)
_q.add(
    "counties-above-state",
    "choice",
    counties_above_state,
    [
        "Look at the bar chart above: count the bars that reach past the dashed line.",
        "The statewide share counts people, and most people born abroad live in a few large counties. How many "
        "counties can be above a figure pulled up by a few?",
    ],
    "Right: only a few counties are above the statewide share. A share weighted by population can sit above "
    "most of the counties it is made from.",
    example='"b"',
)
_q.add(
    "sheriff-counties-share",
    "number",
    sheriff_counties_share,
    [
        "Keep the counties in the list: `mine = mn_acs[mn_acs.county_name.isin(counties_now)]`.",
        "Weight by people, as in section 3: `100 * mine.foreign_born.sum() / mine.acs_population.sum()`. Give the "
        "percent as a number, like 4.2.",
    ],
    "Right. These counties have a much smaller share born abroad than the state. That describes where "
    "agreements were signed; it says nothing about what the agreements do.",
    tolerance=0.02,
    example="4.2",
)
_q.add(
    "agreements-on-latest",
    "number",
    lambda: len(latest_mn_agreements()),
    [
        "The first cell of section 1 prints it.",
        "Count the rows of `on_latest`: `len(on_latest)`. City police agreements count too.",
    ],
    "Right: that many agreements of Minnesota agencies, sheriffs and two city police departments, are on ICE's "
    "latest sheet.",
    example="3",
)
_q.add(
    "ag-opinion",
    "choice",
    "c",
    [
        "Who passes a statute, and who makes a ruling? Neither is the Attorney General.",
        "Section 2 says what an opinion is: the state's top lawyer's reading of the law.",
    ],
    "Right: an opinion guides state and local officials, but it is not a statute and not a court ruling. A "
    "court could read the law differently, and ICE's sheet can still list an agreement a county board never "
    "approved.",
    example='"a"',
)
QUESTIONS = _q.questions
