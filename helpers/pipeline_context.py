"""Context for the Minnesota pipeline: arrests per resident by state, ICE's headcount, and the data's limits.

Arrest counts by state (January 2025 – July 2026) are ICE's FOIA records counted by Mike Konczal; the
headcount is OPM's monthly workforce files compiled by the Deportation Data Project: every ICE employee,
not only officers. The last part collects the places where these sources disagree with each other or
with public claims, so a reader can see how much a definition matters.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import charts, maps
from .catalog import load
from .enforcement_pipeline import Solution, claim_parts
from .facts import CONFIDENCE_PHRASES, fact
from .text import day, month, n, pct

MINNESOTA_FIPS = "27"
ST_PAUL_AOR = ("MN", "IA", "NE", "ND", "SD")
DRIVE_MONTHLY_GROWTH = (
    0.02  # a month-on-month rise above 2% marks the hiring drive (before August 2025 no month moved by more than 2%)
)


def arrests_by_state() -> pd.DataFrame:
    """ICE arrests and arrests per 100,000 residents by state; DC has no population, so no rate."""
    return load("ice_arrests_by_state_2025_26")


def arrests_summary(table: pd.DataFrame | None = None) -> dict[str, object]:
    """Minnesota's rate and rank, the rate of all states together, and the St. Paul AOR states' rates."""
    table = arrests_by_state() if table is None else table
    rated = table.dropna(subset=["arrests_per_100k"])
    mn = table.set_index("state_abbr").loc["MN"]
    top = rated.loc[rated["arrests_per_100k"].idxmax()]
    aor = table[table["state_abbr"].isin(ST_PAUL_AOR)].sort_values("arrests_per_100k", ascending=False)
    return {
        "window_start": table["window_start"].min(),
        "window_end": table["window_end"].max(),
        "total": int(table["arrests"].sum()),
        "mn_arrests": int(mn["arrests"]),
        "mn_rate": float(mn["arrests_per_100k"]),
        "mn_rank": int(mn["rank_per_capita"]),
        "n_ranked": int(rated.shape[0]),
        "states_rate": 100_000 * rated["arrests"].sum() / rated["population_2025"].sum(),
        "top_state": str(top["state_name"]),
        "top_rate": float(top["arrests_per_100k"]),
        "aor_rates": list(zip(aor["state_name"], aor["arrests_per_100k"], strict=True)),
        "dc_arrests": int(table.set_index("state_abbr").loc["DC", "arrests"]),
    }


def arrests_map(table: pd.DataFrame | None = None) -> alt.LayerChart:
    """States shaded by ICE arrests per 100,000 residents, Minnesota outlined; DC grey (no population)."""
    table = arrests_by_state() if table is None else table
    s = arrests_summary(table)
    return maps.state_choropleth(
        table,
        value="arrests_per_100k",
        legend_title="Per 100,000 residents",
        highlight=MINNESOTA_FIPS,
        tooltip=[
            ("arrests_per_100k", "Arrests per 100,000 residents", "Q"),
            ("arrests", "Arrests", "Q"),
            ("rank_per_capita", "Rank per resident (1 = highest)", "Q"),
        ],
        title=(
            f"Minnesota ranked {s['mn_rank']} of {s['n_ranked']} states in ICE arrests per resident: "
            f"{n(s['mn_rate'], 1)} per 100,000"
        ),
        subtitle=[
            'ICE arrests for civil immigration violations (ICE\'s "administrative arrests") per 100,000 residents,',
            f"{day(s['window_start'])} to {day(s['window_end'])}, by the state where ICE recorded the arrest; "
            "Minnesota outlined.",
            "District of Columbia in grey: the source gives it no population, so no rate "
            f"({n(s['dc_arrests'])} arrests).",
        ],
        description=(
            f"Choropleth of the 50 states by ICE arrests per 100,000 residents from {month(s['window_start'])} to "
            f"{month(s['window_end'])}. {s['top_state']} is highest at {n(s['top_rate'])}; Minnesota, outlined, has "
            f"{n(s['mn_rate'], 1)}, close to the middle; the states together have {n(s['states_rate'])}."
        ),
    )


def rate_ratio(state: str, other: str) -> float:
    """One state's ICE arrests per 100,000 residents divided by another's (USPS codes, e.g. 'MN', 'WI')."""
    rates = arrests_by_state().set_index("state_abbr")["arrests_per_100k"]
    return float(rates[state] / rates[other])


def ratio_solution() -> Solution:
    """The worked answer to question 6 (Minnesota's rate against Wisconsin's), computed from data/."""
    rates = arrests_by_state().set_index("state_abbr")["arrests_per_100k"]
    return Solution(
        f"**About {rate_ratio('MN', 'WI'):.1f}.** The map's title gives Minnesota's rate, {n(rates['MN'], 1)} per "
        f"100,000 residents; hovering over Wisconsin shows {n(rates['WI'])} (unrounded, {n(rates['WI'], 1)}). "
        f"{n(rates['MN'], 1)} / {n(rates['WI'], 1)} = {rate_ratio('MN', 'WI'):.2f}. In code: "
        '`context.rate_ratio("MN", "WI")`. Both rates count arrests by where ICE recorded them, not where people lived.'
    )


def arrests_text() -> str:
    """The sentence under the map: Minnesota's count, rate and rank, and its St. Paul-area neighbours' rates."""
    s = arrests_summary()
    others = "; ".join(f"{name} {n(rate)}" for name, rate in s["aor_rates"] if name != "Minnesota")
    return (
        f"From {day(s['window_start'])} to {day(s['window_end'])} ICE recorded {n(s['mn_arrests'])} arrests in "
        f"Minnesota, {n(s['mn_rate'], 1)} per 100,000 residents, rank {s['mn_rank']} of {s['n_ranked']}; the states "
        f"together had {n(s['states_rate'])}. Rates in the other states of ICE's St. Paul area: {others}."
    )


def ice_headcount() -> pd.DataFrame:
    """ICE's on-board employees each month (OPM), all occupations."""
    table = load("dhs_staffing_monthly")
    return table[table["component_label"] == "ICE"][["month", "n_employees"]].reset_index(drop=True)


def headcount_summary(table: pd.DataFrame | None = None) -> dict[str, object]:
    """First, pre-drive and last headcount, and how much of the rise came in the final months."""
    table = ice_headcount() if table is None else table
    series = table.set_index("month")["n_employees"]
    first, last = series.iloc[0], series.iloc[-1]
    # The hiring drive starts after the last month before the first month-on-month rise of more than 2%.
    growth = series.pct_change()
    drive_start = growth[growth > DRIVE_MONTHLY_GROWTH].index[0] - pd.offsets.MonthBegin(1)
    before = series.loc[drive_start]
    return {
        "first_month": series.index[0],
        "first": int(first),
        "drive_start": drive_start,
        "before_drive": int(before),
        "last_month": series.index[-1],
        "last": int(last),
        "rise": int(last - first),
        "rise_in_drive": int(last - before),
        "share_of_rise_in_drive": 100 * (last - before) / (last - first),
    }


def headcount_chart(table: pd.DataFrame | None = None) -> alt.LayerChart:
    """Line of ICE employees per month with the hiring drive shaded."""
    table = ice_headcount() if table is None else table
    s = headcount_summary(table)
    line = charts.line_chart(
        table,
        x="month",
        y="n_employees",
        title=(
            f"ICE's workforce grew from {n(s['before_drive'])} in {month(s['drive_start'])} to {n(s['last'])} in "
            f"{month(s['last_month'])}"
        ),
        subtitle=[
            f"On-board ICE employees of every occupation (not only officers) each month, {month(s['first_month'])} to "
            f"{month(s['last_month'])}, from OPM's workforce files.",
            f"Shaded: the hiring drive, from {month(s['drive_start'])}, the last month before the first monthly rise of "
            f"more than {DRIVE_MONTHLY_GROWTH:.0%}.",
        ],
        description=(
            f"Line of ICE's employees by month: flat near {n(s['first'])} from 2021 to {month(s['drive_start'])}, "
            f"then a climb to {n(s['last'])} by {month(s['last_month'])}."
        ),
        x_title="Month",
        y_title="ICE employees (all occupations)",
        height=240,
    )
    return charts.mark_period(
        line, s["drive_start"].strftime("%Y-%m-%dT00:00:00"), s["last_month"].strftime("%Y-%m-%dT00:00:00"), "Hiring"
    )


def headcount_text() -> str:
    """The sentence under the headcount chart."""
    h = headcount_summary()
    return (
        f"ICE had {n(h['first'])} employees in {month(h['first_month'])} and {n(h['last'])} in "
        f"{month(h['last_month'])}; {pct(h['share_of_rise_in_drive'], 0)} of that rise came after "
        f"{month(h['drive_start'])}."
    )


def workforce_definitions() -> pd.DataFrame:
    """Two counts of ICE's workforce that measure different things, side by side, each with how sure it is.

    DHS's numbers are the agency's claims: the fact sheet's "verified" says the source reports them, not
    that anyone checked them, and the table says so in words.
    """
    s = headcount_summary()
    opm = {
        "Source and date": "OPM workforce files (table dhs_staffing_monthly)",
        "What the label means": "Computed in this notebook",
    }
    return pd.DataFrame(
        [
            {
                "Whose number": "OPM",
                "What": f"All ICE employees, {month(s['first_month'])}",
                "Count": n(s["first"]),
                **opm,
            },
            {
                "Whose number": "OPM",
                "What": f"All ICE employees, {month(s['last_month'])}",
                "Count": n(s["last"]),
                **opm,
            },
            {
                "Whose number": "DHS and ICE",
                "What": "Officers and agents before the 2025 hiring",
                **claim_parts("ice_workforce_before_2025"),
            },
            {
                "Whose number": "DHS and ICE",
                "What": "Officers and agents, January 2026",
                **claim_parts("ice_workforce_2026_01"),
            },
            {
                "Whose number": "DHS and ICE",
                "What": "New officers and agents hired in under a year",
                **claim_parts("ice_new_hires_2026_01"),
            },
        ]
    )


def book_out_total_definition() -> dict[str, object]:
    """ICE's 'Total' book-outs: in FY2021–FY2023 it equals the listed releases; from FY2024 it also counts removals.

    The data dictionary says 'Total' includes removals; the numbers show that is true only from FY2024.
    A trend of 'Total' across October 2023 would show a jump that is a change of definition.
    """
    table = load("ice_book_outs_monthly")
    rows = table[table["criminality"] == "Total"]
    wide = rows.pivot(index="month", columns="release_reason", values="n_book_outs").fillna(0)
    releases = wide[["Bonded Out", "Order of Recognizance", "Order of Supervision", "Paroled"]].sum(axis=1)
    releases += wide.get("Court Ordered", 0)
    gap = (wide["Total"] - releases).abs()
    fy = rows.drop_duplicates("month").set_index("month")["fiscal_year"]
    by_fy = gap.groupby(fy).max()
    sep, octo = pd.Timestamp("2023-09-01"), pd.Timestamp("2023-10-01")
    return {
        "max_gap_fy2021_2023": int(by_fy.loc[2021:2023].max()),
        "min_gap_from_fy2024": int(gap[fy >= 2024].min()),
        "total_sep_2023": int(wide.loc[sep, "Total"]),
        "total_oct_2023": int(wide.loc[octo, "Total"]),
        "releases_oct_2023": int(releases.loc[octo]),
    }


NOTEBOOK_TABLES = [
    "ice_book_ins_monthly",
    "ice_detained_population_monthly",
    "ice_book_outs_monthly",
    "ice_removals_by_fiscal_year",
    "st_paul_aor_facility_population",
    "mn_ice_facility_daily_population",
    "mn_arrests_daily_by_type",
    "mn_detainers_monthly",
    "mn_surge_detainers_by_facility_outcome",
    "mn_surge_detention_outcomes",
    "ice_arrests_by_state_2025_26",
    "dhs_staffing_monthly",
]


def caveats_matching(*words: str) -> pd.DataFrame:
    """The catalogue's caveats, for the tables this notebook charts, that mention any of `words`."""
    from .enforcement_pipeline import caveats_table

    table = caveats_table(NOTEBOOK_TABLES)
    hit = table["Caveat"].str.lower().apply(lambda text: any(w.lower() in text for w in words))
    return table[hit].drop_duplicates("Caveat").reset_index(drop=True)


def definitions_markdown() -> str:
    """Three places in this notebook's own tables where a definition changes the number."""
    from .pipeline_minnesota import detainer_change

    d = book_out_total_definition()
    ch = detainer_change("2025-01-20", "2025-10-19")
    return "\n".join(
        [
            f"- **ICE's 'Total' book-outs changed meaning.** Until September 2023 it equals the listed releases (never "
            f"more than {n(d['max_gap_fy2021_2023'])} apart); from October 2023 it also counts removals. It jumps from "
            f"{n(d['total_sep_2023'])} in September 2023 to {n(d['total_oct_2023'])} in October, when releases were "
            f"{n(d['releases_oct_2023'])}: a change of definition, not of detention.",
            f"- **Detainer growth depends on what is counted.** A Star Tribune analysis reported statewide detainer "
            f"requests {claim('mn_detainer_requests_change_2025')} in the first nine months of the new administration, "
            f"against the same period a year earlier. This notebook's table, detainers for people held in Minnesota "
            f"facilities from {day(ch['start'])} to {day(ch['end'])}, shows {n(ch['now'])} against {n(ch['before'])} a "
            f"year earlier, up {pct(ch['change_pct'], 0)}. The two analyses probably define the window or the "
            "detainers differently; the report does not say which.",
            '- **FY2019\'s "Non-Criminal"** is not "Other Immigration Violator": it includes people with pending charges.',
        ]
    )


def release_revisions_text() -> str:
    """How often ICE's later spreadsheets printed a different number for the same month."""
    rev = release_revisions()
    return (
        f"Of {n(rev['values'])} monthly book-in values, {n(rev['printed_more_than_once'])} were printed in more than "
        f"one ICE spreadsheet, and for {n(rev['with_disagreement'])} of those at least one spreadsheet printed a number "
        "more than 3 percent away from the others; this notebook keeps the latest agreeing value."
    )


def release_revisions() -> dict[str, int]:
    """How often ICE's later spreadsheets printed a different number for the same month (more than 3% off)."""
    table = load("ice_book_ins_monthly")
    several = table[table["n_releases_with_value"] > 1]
    disagree = several[several["n_releases_agreeing"] < several["n_releases_with_value"]]
    return {"values": len(table), "printed_more_than_once": len(several), "with_disagreement": len(disagree)}


def claim(key: str) -> str:
    """A fact's number in its own words with its source and confidence, e.g. 'up 63% (Star Tribune …; *reported…*)'."""
    f = fact(key)
    head = f.value_text or f.statement
    where = "; ".join(
        x for x in (f.source_text, CONFIDENCE_PHRASES.get(f.confidence, CONFIDENCE_PHRASES["unlabelled"])) if x
    )
    return f"{head} ({where})"
