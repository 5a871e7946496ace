"""Questions of notebooks/04_minnesota_surge.ipynb.

Expected numbers are computed from data/ by the short pandas a student could write, with the surge's
dates read from the fact sheet the way the notebook reads them.
"""

from __future__ import annotations

import pandas as pd

from .. import cite
from ..catalog import load
from ..checks import QuestionSet

ANOKA = "27003"  # Anoka County: one jail, and open detainers that move the share
OPEN = "no_lift_reason_recorded"  # a detainer still open: no outcome yet


def _surge() -> tuple[pd.Timestamp, pd.Timestamp]:
    """Launch and announced end of "Metro Surge", as the fact sheet dates them."""
    start = cite.fact("metro_surge_start_2025").date
    end = cite.fact("metro_surge_end_announced_2026").date
    return pd.Timestamp(start), pd.Timestamp(end)


def _collateral_trend() -> tuple[str, ...]:
    """'rose' (and its synonyms) if the collateral share was higher during the surge than before it."""
    arrests = load("mn_arrests_daily_by_type")
    start, end = _surge()
    daily = arrests.pivot(index="date", columns="apprehension_type", values="arrests")
    before, during = daily.loc[: start - pd.Timedelta(days=1)], daily.loc[start:end]
    share_before = before["Collateral"].sum() / before.sum().sum()
    share_during = during["Collateral"].sum() / during.sum().sum()
    if share_during > share_before * 1.1:
        return ("rose", "rise", "it rose", "up", "went up", "increased", "increase", "higher", "grew")
    if share_during < share_before * 0.9:
        return ("fell", "fall", "it fell", "down", "went down", "decreased", "decrease", "lower", "dropped")
    return ("stayed the same", "stayed about the same", "the same", "same", "unchanged")


def _declined_share_with_outcome(facility_fips: str | None = None) -> float:
    detainers = load("mn_surge_detainers_by_facility_outcome")
    if facility_fips:
        detainers = detainers[detainers["county_fips"] == facility_fips]
    by = detainers.groupby("outcome")["detainers"].sum()
    return float(100 * by["declined_by_local_agency"] / (by.sum() - by[OPEN]))


def _transferred_share_with_outcome() -> float:
    by = load("mn_surge_detainers_by_facility_outcome").groupby("outcome")["detainers"].sum()
    return float(100 * by["booked_into_ice_detention"] / (by.sum() - by[OPEN]))


def _mn_tx_surge_ratio() -> float:
    """Minnesota's ICE arrests per 100,000 residents in the surge window, divided by Texas's."""
    start, end = _surge()
    daily = load("arrests_daily_by_state")
    population = load("ice_arrests_by_state_2025_26").set_index("state_name")["population_2025"]
    during = daily[daily["date"].between(start, end)].groupby("state_name")["arrests"].sum()
    rate = during / population.loc[during.index] * 100_000
    return float(rate["Minnesota"] / rate["Texas"])


_q = QuestionSet("04")
_q.add(
    "collateral-trend",
    "text",
    _collateral_trend,
    [
        "Look at the dashed (collateral) line against the solid (targeted) one, or read the table's "
        "`collateral_pct` column: compare 'before' with 'during'.",
        "The share divides collateral arrests by all arrests in the period. Write one word in quotes: "
        '"rose", "fell" or "stayed the same".',
    ],
    "Right. The table's `collateral_pct` column gives the share in each period; on the chart, collateral arrests "
    "multiply much more than targeted ones.",
    example='"rose"',
)
_q.add(
    "anoka-declined-share",
    "number",
    lambda: _declined_share_with_outcome(ANOKA),
    [
        'Keep Anoka\'s rows: `detainers[detainers["county_fips"] == "27003"]`, then add up `detainers` by '
        "`outcome` with `groupby`, as the Hennepin cell of section 2 does.",
        "The denominator is the detainers WITH an outcome: all of Anoka's detainers minus the ones whose outcome "
        "is `no_lift_reason_recorded` (still open). Multiply by 100 for a percent.",
        "Check with the facility explorer: choose Anoka and 'its detainers with an outcome'. A smaller answer means "
        "you divided by all detainers, open ones included.",
    ],
    "Right. Leaving out the open detainers shrinks the denominator, so the same count is a larger share.",
    tolerance=0.01,
    example="45.2",
)
_q.add(
    "transferred-share",
    "number",
    _transferred_share_with_outcome,
    [
        "`by_outcome` already adds up every facility's detainers by outcome. Transfers are "
        '`by_outcome["booked_into_ice_detention"]`.',
        "Divide by the detainers with an outcome: `by_outcome.sum()` minus the open ones "
        '(`by_outcome["no_lift_reason_recorded"]`). Multiply by 100.',
    ],
    "Right. Same denominator as question 1, a different numerator: transfers instead of refusals.",
    tolerance=0.01,
    example="45.2",
)
_q.add(
    "what-data-show",
    "choice",
    "b",
    [
        "Which statement is a count you saw in this lesson, and which are claims about causes, people's records or "
        "danger?",
        "Compare the number of detainers that ended in a transfer with the number of arrests in section 5.",
    ],
    "Right. The counts show that few arrests came through jails; they cannot show why, or whether community "
    "arrests are riskier.",
    example='"a"',
)
_q.add(
    "mn-tx-surge-ratio",
    "number",
    _mn_tx_surge_ratio,
    [
        "Choose 'During the surge' in the state explorer and hover over the Minnesota and Texas bars; divide "
        "Minnesota's rate by Texas's.",
        "Divide rates, not arrest counts: a number far below one means you divided counts. In code: keep "
        '`rates[rates["period"] == "during"]`, index it by `state_name`, and divide the two `per_100k` values.',
    ],
    "Right. Per resident the two states were about level, although Texas recorded many more arrests.",
    tolerance=0.02,
    example="2.5",
)
QUESTIONS = _q.questions
