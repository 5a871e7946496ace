"""287(g) agreements over time, nationally and by state: computations and their charts.

Pure functions compute tables from data/ (and raise `NoData` with a plain message for an empty
selection); chart functions draw them with the series' builders. Notebooks 00 and 01 use them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import charts
from .catalog import load
from .text import day, n
from .widgets import NoData


def national_totals() -> pd.DataFrame:
    """Agreements and agencies on each of ICE's sheets (one row per snapshot date)."""
    return load("agreements_287g_totals")[["snapshot_date", "n_agreements", "n_agencies"]]


def latest_total() -> tuple[pd.Timestamp, int]:
    """Date and number of agreements of ICE's latest sheet in data/."""
    totals = national_totals()
    last = totals.loc[totals["snapshot_date"].idxmax()]
    return last["snapshot_date"], int(last["n_agreements"])


def total_on_or_before(when: str) -> tuple[pd.Timestamp, int]:
    """The sheet closest before (or on) a date, and its number of agreements."""
    totals = national_totals()
    earlier = totals[totals["snapshot_date"] <= pd.Timestamp(when)]
    if earlier.empty:
        raise NoData(f"ICE's sheets in data/ start on {day(totals['snapshot_date'].min())}; pick a later date.")
    row = earlier.loc[earlier["snapshot_date"].idxmax()]
    return row["snapshot_date"], int(row["n_agreements"])


def state_options() -> list[tuple[str, str]]:
    """(state name, postal code) for every state and DC, including states with no agreement."""
    states = load("states").sort_values("state_name")
    return list(zip(states["state_name"], states["state_abbr"], strict=True))


def state_monthly(state_abbr: str) -> pd.DataFrame:
    """A state's agreements in force at the end of each month, summed over the three models."""
    by_month = load("agreements_287g_by_state_month")
    rows = by_month[by_month["state_abbr"] == state_abbr]
    if rows.empty:
        names = dict((abbr, name) for name, abbr in state_options())
        raise NoData(
            f"ICE's sheets list no 287(g) agreement in {names.get(state_abbr, state_abbr)} at any month-end "
            "from 2021 to 2026. Pick another state."
        )
    return rows.groupby("month", as_index=False)["n_agreements"].sum()


def national_chart(totals: pd.DataFrame) -> alt.Chart:
    """Line of agreements on each ICE sheet, 2021–2026."""
    first, last = totals.iloc[0], totals.iloc[-1]
    return charts.line_chart(
        totals,
        x="snapshot_date",
        y="n_agreements",
        title=f"287(g) agreements went from {n(first.n_agreements)} to {n(last.n_agreements)} in {_years(first.snapshot_date, last.snapshot_date)} years, almost all of the rise after January 2025",
        subtitle=f"Agreements on each copy of ICE's list of participating agencies, {day(first.snapshot_date)} to {day(last.snapshot_date)}",
        description=(
            f"Line chart of 287(g) agreements listed by ICE on {len(totals)} dates. The count stays between about "
            f"{n(totals[totals.snapshot_date < '2025-01-01'].n_agreements.min())} and "
            f"{n(totals[totals.snapshot_date < '2025-01-01'].n_agreements.max())} from 2021 to 2024, then climbs "
            f"steeply through 2025 to {n(last.n_agreements)} on {day(last.snapshot_date)}."
        ),
        x_title="Date of ICE's sheet",
        y_title="Agreements listed",
    )


def _years(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """Whole years between two dates, in words for a title ("5")."""
    return f"{(end - start).days / 365.25:.0f}"


def state_chart(monthly: pd.DataFrame, state_name: str) -> alt.Chart:
    """Line of one state's agreements at each month-end."""
    last = monthly.iloc[-1]
    peak = monthly.loc[monthly["n_agreements"].idxmax()]
    return charts.line_chart(
        monthly,
        x="month",
        y="n_agreements",
        title=f"{state_name}: {n(last.n_agreements)} agreements at the end of the data",
        subtitle="287(g) agreements on ICE's last sheet of each month (all three models added together)",
        description=(
            f"Line chart of 287(g) agreements in {state_name} by month from {monthly.month.min():%B %Y} to "
            f"{monthly.month.max():%B %Y}; the highest month-end count is {n(peak.n_agreements)} "
            f"in {peak.month:%B %Y} and the last is {n(last.n_agreements)}."
        ),
        x_title="Month",
        y_title="Agreements listed at month-end",
        height=220,
    )


def state_view(state_abbr: str) -> alt.Chart:
    """What the state explorer shows: the chosen state's monthly line."""
    names = {abbr: name for name, abbr in state_options()}
    return state_chart(state_monthly(state_abbr), names.get(state_abbr, state_abbr))
