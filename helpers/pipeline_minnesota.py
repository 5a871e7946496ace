"""Minnesota 2025–26: ICE arrests, detainers to Minnesota jails and what the jails did with them.

ICE's own records, released under FOIA to the Deportation Data Project and aggregated by Alyssa Chen
(see data/README.md), data to about 10 March 2026. A detainer is ICE's request that a jail hold a
person (or tell ICE before releasing them); its recorded outcome, booked into ICE custody or declined by
the local agency, is the most direct measure of local cooperation these data offer.
"""

from __future__ import annotations

from functools import cache

import altair as alt
import numpy as np
import pandas as pd

from . import charts
from .catalog import load
from .enforcement_pipeline import mark_surge, surge_window
from .facts import fact
from .text import day, month, n, pct
from .widgets import NoData

TYPE_COLOURS = {"Targeted": charts.OKABE_ITO["blue"], "Collateral": charts.OKABE_ITO["vermillion"]}
OUTCOME_ORDER = [
    "booked_into_ice_detention",
    "declined_by_local_agency",
    "no_longer_in_custody",
    "other_lift_reasons",
    "no_lift_reason_recorded",
]
OUTCOME_LABELS = {
    "booked_into_ice_detention": "Handed to ICE (booked into ICE custody)",
    "declined_by_local_agency": "Declined by the local agency",
    "no_longer_in_custody": "Person had already left custody",
    "other_lift_reasons": "Other recorded reason",
    "no_lift_reason_recorded": "Still open (no outcome yet)",
}
OUTCOME_COLOURS = {
    OUTCOME_LABELS["booked_into_ice_detention"]: charts.OKABE_ITO["vermillion"],
    OUTCOME_LABELS["declined_by_local_agency"]: charts.OKABE_ITO["blue"],
    OUTCOME_LABELS["no_longer_in_custody"]: charts.OKABE_ITO["sky_blue"],
    OUTCOME_LABELS["other_lift_reasons"]: charts.OKABE_ITO["reddish_purple"],
    OUTCOME_LABELS["no_lift_reason_recorded"]: charts.LIGHT_GREY,
}
GROUP_LABELS = {
    "county": "County jails",
    "state_prison": "Minnesota state prisons",
    "federal": "Federal prisons and U.S. Marshals",
    "police": "City police departments",
    "other": "Other (regional jail, youth centre, hospital, private prison)",
}


# --- arrests -----------------------------------------------------------------------------------------


@cache
def _arrests() -> pd.DataFrame:
    table = load("mn_arrests_daily_by_type")
    wide = table.pivot(index="date", columns="apprehension_type", values="arrests").fillna(0).astype(int)
    wide["Total"] = wide["Targeted"] + wide["Collateral"]
    return wide


def arrests_daily() -> pd.DataFrame:
    """Long table: arrests per day by type, with the 7-day average (complete weeks only)."""
    wide = _arrests()
    rows = []
    for kind in ("Targeted", "Collateral"):
        part = pd.DataFrame({"date": wide.index, "type": kind, "arrests": wide[kind].to_numpy()})
        part["avg7"] = part["arrests"].rolling(7, min_periods=7).mean().to_numpy()
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


def arrests_between(start: str | pd.Timestamp, end: str | pd.Timestamp) -> dict[str, int]:
    """Arrests ICE recorded in Minnesota from `start` to `end` (inclusive), by type and in total."""
    part = _arrests().loc[pd.Timestamp(start) : pd.Timestamp(end)]
    return {
        "Targeted": int(part["Targeted"].sum()),
        "Collateral": int(part["Collateral"].sum()),
        "Total": int(part["Total"].sum()),
    }


def arrests_summary() -> dict[str, object]:
    """Before and during the surge: arrests per day and the share that were collateral."""
    wide = _arrests()
    window = surge_window()
    before = wide.loc[: window.start - pd.Timedelta(days=1)]
    during = wide.loc[window.start : window.end_announced]
    peak_day = wide["Total"].idxmax()
    return {
        "first_day": wide.index.min(),
        "last_day": wide.index.max(),
        "per_day_before": before["Total"].mean(),
        "per_day_during": during["Total"].mean(),
        "collateral_share_before": 100 * before["Collateral"].sum() / before["Total"].sum(),
        "collateral_share_during": 100 * during["Collateral"].sum() / during["Total"].sum(),
        "during_total": int(during["Total"].sum()),
        "peak_day": peak_day,
        "peak": int(wide.loc[peak_day, "Total"]),
    }


def arrests_chart() -> alt.LayerChart:
    """Daily arrests (grey bars) with 7-day averages of targeted and collateral arrests; the surge shaded."""
    s = arrests_summary()
    long = arrests_daily()
    totals = _arrests().reset_index()[["date", "Total"]]
    # One tick per month: left to itself Vega ticks every four weeks, and "%b %Y" then prints one month twice.
    x = alt.X(
        "date:T", title="Day of arrest", axis=alt.Axis(format=charts.TIME_FORMAT, labelAngle=0, tickCount="month")
    )
    bars = (
        alt.Chart(totals)
        .mark_bar(color=charts.GREY, opacity=0.45)
        .encode(
            x=x,
            y=alt.Y("Total:Q", title="Arrests per day"),
            tooltip=[
                alt.Tooltip("date:T", title="Day", format="%d %b %Y"),
                alt.Tooltip("Total:Q", title="Arrests that day"),
            ],
        )
    )
    names = list(TYPE_COLOURS)
    lines = (
        alt.Chart(long.dropna(subset=["avg7"]))
        .mark_line()
        .encode(
            x=x,
            y=alt.Y("avg7:Q", title="Arrests per day"),
            color=alt.Color(
                "type:N",
                title="ICE's apprehension type (7-day average)",
                scale=alt.Scale(domain=names, range=list(TYPE_COLOURS.values())),
                legend=alt.Legend(titleLimit=400),
            ),
            strokeDash=alt.StrokeDash(
                "type:N",
                title="ICE's apprehension type (7-day average)",
                scale=alt.Scale(domain=names, range=[[1, 0], [6, 3]]),
                legend=alt.Legend(titleLimit=400),
            ),
            tooltip=[
                alt.Tooltip("date:T", title="Week ending", format="%d %b %Y"),
                alt.Tooltip("type:N", title="Type"),
                alt.Tooltip("avg7:Q", title="7-day average", format=",.1f"),
            ],
        )
    )
    chart = alt.layer(bars, lines).properties(width=charts.WIDTH, height=280)
    chart = charts.finish(
        chart,
        title=(
            f"During the surge ICE recorded about {n(s['per_day_during'])} arrests a day in Minnesota, against "
            f"{n(s['per_day_before'])} before it"
        ),
        subtitle=[
            f"ICE arrests in Minnesota each day (grey bars) and 7-day averages by ICE's apprehension type, "
            f"{day(s['first_day'])} to {day(s['last_day'])} (data end there).",
            '"Collateral": someone ICE came across and arrested who was not the person it was looking for.',
            surge_window().subtitle(),
        ],
        description=(
            f"Daily bars and two 7-day average lines of ICE arrests in Minnesota. Arrests were a handful a day until "
            f"December 2025, peaked at {n(s['peak'])} on {day(s['peak_day'])}, and fell in February 2026; collateral "
            f"arrests were {pct(s['collateral_share_before'], 0)} of arrests before the surge and "
            f"{pct(s['collateral_share_during'], 0)} during it."
        ),
    )
    return mark_surge(chart)


def contested_counts() -> pd.DataFrame:
    """Three counts of surge arrests and one of detentions, side by side, each with who counted what."""
    window = surge_window()
    foia = arrests_between(window.start, window.end_announced)
    foia_all = arrests_between(window.start, _arrests().index.max())
    by_state = load("ice_arrests_by_state_2025_26").set_index("state_abbr").loc["MN"]
    return pd.DataFrame(
        [
            {
                "Who counted": "DHS (Tom Homan, press conference)",
                "What": f"Arrests in the surge, as of {day(fact('metro_surge_arrests_claimed').date)}",
                "Count": fact("metro_surge_arrests_claimed").cite(),
            },
            {
                "Who counted": "Crowdsourced observers",
                "What": "Arrests they witnessed and logged",
                "Count": fact("metro_surge_arrests_observed").cite(),
            },
            {
                "Who counted": "ICE's own arrest records (FOIA)",
                "What": f"Arrests recorded in Minnesota, {day(window.start)} to {day(window.end_announced)}",
                "Count": f"{n(foia['Total'])} arrests (computed from `mn_arrests_daily_by_type`)",
            },
            {
                "Who counted": "ICE's own arrest records (FOIA)",
                "What": f"Same, {day(window.start)} to {day(_arrests().index.max())}",
                "Count": f"{n(foia_all['Total'])} arrests (computed from `mn_arrests_daily_by_type`)",
            },
            {
                "Who counted": "Federal officials",
                "What": "People detained in Minnesota since January 2025",
                "Count": fact("mn_detained_claimed_since_2025").cite(),
            },
            {
                "Who counted": "ICE's own arrest records (FOIA)",
                "What": f"Arrests in Minnesota, {day(by_state['window_start'])} to {day(by_state['window_end'])}",
                "Count": f"{n(by_state['arrests'])} arrests (computed from `ice_arrests_by_state_2025_26`)",
            },
        ]
    )


# --- detainers by month ----------------------------------------------------------------------------


def detainers_monthly() -> pd.DataFrame:
    """Detainer requests ICE prepared for people in Minnesota facilities, per month (March 2026 partial)."""
    table = load("mn_detainers_monthly")
    table["status"] = table["is_partial_month"].map({True: "partial month", False: "full month"})
    return table


def detainer_peak() -> dict[str, object]:
    """The peak month, its busiest single day, and how the month ranks without that day."""
    monthly = detainers_monthly()
    complete = monthly[~monthly["is_partial_month"]].set_index("month")["detainers"]
    peak_month = complete.idxmax()
    daily = load("mn_detainers_daily").set_index("date")["detainers"]
    in_month = daily.loc[peak_month : peak_month + pd.offsets.MonthEnd(0)]
    busiest = in_month.idxmax()
    runner_up = complete.drop(peak_month)
    partial = monthly[monthly["is_partial_month"]].iloc[-1] if monthly["is_partial_month"].any() else None
    return {
        "month": peak_month,
        "detainers": int(complete.loc[peak_month]),
        "busiest_day": busiest,
        "busiest_day_detainers": int(in_month.loc[busiest]),
        "without_busiest_day": int(complete.loc[peak_month] - in_month.loc[busiest]),
        "second_month": runner_up.idxmax(),
        "second": int(runner_up.max()),
        "mean_2024": complete.loc["2024-01-01":"2024-12-01"].mean(),
        "mean_2025": complete.loc["2025-01-01":"2025-12-01"].mean(),
        "partial_month": None if partial is None else partial["month"],
        "partial_detainers": None if partial is None else int(partial["detainers"]),
        "last_day": daily.index.max(),
    }


def detainer_change(first: str, last: str, years_back: int = 1) -> dict[str, object]:
    """Detainers in a date window against the same window a year earlier (for checking published claims)."""
    daily = load("mn_detainers_daily").set_index("date")["detainers"]
    start, end = pd.Timestamp(first), pd.Timestamp(last)
    now = int(daily.loc[start:end].sum())
    before = int(daily.loc[start - pd.DateOffset(years=years_back) : end - pd.DateOffset(years=years_back)].sum())
    return {"start": start, "end": end, "now": now, "before": before, "change_pct": 100 * (now / before - 1)}


def detainers_chart() -> alt.LayerChart:
    """Monthly bars of detainers; the peak month in the highlight colour, the partial month pale and dashed."""
    monthly = detainers_monthly()
    p = detainer_peak()
    monthly["kind"] = np.where(
        monthly["is_partial_month"], "partial month", np.where(monthly["month"] == p["month"], "peak month", "month")
    )
    kinds = ["month", "peak month", "partial month"]
    x = alt.X(
        "yearmonth(month):T",
        title="Month ICE prepared the detainer",
        axis=alt.Axis(format=charts.TIME_FORMAT, labelAngle=0),
    )
    bars = (
        alt.Chart(monthly)
        .mark_bar(strokeWidth=1.2)
        .encode(
            x=x,
            y=alt.Y("detainers:Q", title="Detainer requests per month"),
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(domain=kinds, range=[charts.PALETTE[0], charts.HIGHLIGHT, "#BBD4EA"]),
                legend=alt.Legend(orient="bottom"),
            ),
            stroke=alt.condition("datum.is_partial_month", alt.value(charts.PALETTE[0]), alt.value(None)),
            strokeDash=alt.condition("datum.is_partial_month", alt.value([4, 2]), alt.value([1, 0])),
            tooltip=[
                alt.Tooltip("month:T", title="Month", format="%B %Y"),
                alt.Tooltip("detainers:Q", title="Detainer requests"),
                alt.Tooltip("status:N", title="Coverage"),
            ],
        )
        .properties(width=charts.WIDTH, height=260)
    )
    chart = charts.finish(
        bars,
        title=f"Detainers to Minnesota facilities peaked in {month(p['month'])} at {n(p['detainers'])}",
        subtitle=[
            f"Detainer requests ICE prepared for people held in Minnesota facilities, per month, {month(monthly['month'].min())} "
            f"to {month(monthly['month'].max())}.",
            f"{day(p['busiest_day'])} alone had {n(p['busiest_day_detainers'])}. {month(p['partial_month'])} (pale, dashed) "
            f"runs only to {day(p['last_day'])}.",
            surge_window().subtitle(),
        ],
        description=(
            f"Bar chart of monthly detainer requests to Minnesota facilities. They rise from about {n(p['mean_2024'])} a "
            f"month in 2024 to about {n(p['mean_2025'])} in 2025, dip during the first two months of the surge, and jump to "
            f"{n(p['detainers'])} in {month(p['month'])}, {n(p['busiest_day_detainers'])} of them on {day(p['busiest_day'])}."
        ),
    )
    return mark_surge(chart)


# --- detainer outcomes by jail ----------------------------------------------------------------------


def _group(facility: str, county_fips: object) -> str:
    name = facility.upper()
    if isinstance(county_fips, str) and county_fips:
        return "county"
    if "C.F" in name and name.startswith("MINN"):
        return "state_prison"
    if "FED" in name or "MARSHALS" in name:
        return "federal"
    if "POLICE" in name:
        return "police"
    return "other"


@cache
def detainer_outcomes() -> pd.DataFrame:
    """Surge detainers by facility and outcome, with the facility's kind and (for county jails) county."""
    table = load("mn_surge_detainers_by_facility_outcome")
    counties = load("mn_counties").set_index("county_fips")["county_name"]
    table["group"] = [_group(f, c) for f, c in zip(table["detainer_facility"], table["county_fips"], strict=True)]
    table["county_name"] = table["county_fips"].map(counties)
    table["outcome_text"] = table["outcome"].map(OUTCOME_LABELS)
    table["outcome_rank"] = table["outcome"].map({o: i for i, o in enumerate(OUTCOME_ORDER)})
    table["facility"] = table["detainer_facility"]
    return table


def _shares(rows: pd.DataFrame) -> dict[str, float]:
    total = rows["detainers"].sum()
    by = rows.groupby("outcome")["detainers"].sum().reindex(OUTCOME_ORDER, fill_value=0)
    closed = total - by["no_lift_reason_recorded"]
    return {
        "total": int(total),
        "declined": int(by["declined_by_local_agency"]),
        "booked": int(by["booked_into_ice_detention"]),
        "open": int(by["no_lift_reason_recorded"]),
        "closed": int(closed),
        "declined_share": 100 * by["declined_by_local_agency"] / total if total else np.nan,
        "declined_share_closed": 100 * by["declined_by_local_agency"] / closed if closed else np.nan,
        "booked_share_closed": 100 * by["booked_into_ice_detention"] / closed if closed else np.nan,
    }


def outcome_summary() -> dict[str, object]:
    """All surge detainers and each kind of facility: totals and the shares declined and handed to ICE."""
    table = detainer_outcomes()
    totals = table.groupby("facility")["detainers"].sum()
    declined = table[table["outcome"] == "declined_by_local_agency"].groupby("facility")["detainers"].sum()
    return {
        "all": _shares(table),
        "by_group": {g: _shares(table[table["group"] == g]) for g in GROUP_LABELS},
        "n_facilities": int(totals.size),
        "n_counties": int(table["county_fips"].dropna().nunique()),
        "most_detainers": str(totals.idxmax()),
        "most_declined": str(declined.idxmax()),
        "most_declined_n": int(declined.max()),
    }


def group_table() -> pd.DataFrame:
    """A small table: detainers by kind of facility, with the share declined and handed to ICE."""
    s = outcome_summary()["by_group"]
    return pd.DataFrame(
        [
            {
                "Kind of facility": GROUP_LABELS[g],
                "Detainers": v["total"],
                "Declined by the local agency": v["declined"],
                "Handed to ICE": v["booked"],
                "Still open": v["open"],
                "Declined, % of those with an outcome": round(v["declined_share_closed"], 1),
            }
            for g, v in s.items()
        ]
    )


def _outcome_bars(
    rows: pd.DataFrame, *, title: str, subtitle: list[str], description: str, height: int | None = None
) -> alt.Chart:
    order = rows.groupby("facility")["detainers"].sum().sort_values(ascending=False).index.tolist()
    names = list(OUTCOME_COLOURS)
    chart = (
        alt.Chart(rows[rows["detainers"] > 0])
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            y=alt.Y("facility:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
            x=alt.X("detainers:Q", title="Detainer requests during the surge"),
            color=alt.Color(
                "outcome_text:N",
                title="What happened to the detainer",
                scale=alt.Scale(domain=names, range=list(OUTCOME_COLOURS.values())),
                legend=alt.Legend(columns=2, labelLimit=320, titleLimit=300),
            ),
            order=alt.Order("outcome_rank:Q"),
            tooltip=[
                alt.Tooltip("facility:N", title="Jail or agency (as ICE writes it)"),
                alt.Tooltip("outcome_text:N", title="Outcome"),
                alt.Tooltip("detainers:Q", title="Detainers"),
            ],
        )
        .properties(width=charts.WIDTH - 140, height=height or max(60, 24 * len(order)))
    )
    return charts.finish(chart, title=title, subtitle=subtitle, description=description)


def top_facilities_chart(k: int = 12) -> alt.Chart:
    """Stacked bars of the k facilities with the most surge detainers, by outcome."""
    table = detainer_outcomes()
    s = outcome_summary()
    top = table.groupby("facility")["detainers"].sum().nlargest(k).index
    rows = table[table["facility"].isin(top)]
    hennepin = _shares(table[table["facility"] == s["most_declined"]])
    return _outcome_bars(
        rows,
        title=(
            f"{s['most_declined'].title().replace('Adc', 'ADC')} declined {n(hennepin['declined'])} of its "
            f"{n(hennepin['total'])} surge detainers, more than any other Minnesota facility"
        ),
        subtitle=[
            f"ICE detainer requests during the surge period (December 2025 to early March 2026) for the {k} of "
            f"{s['n_facilities']} Minnesota facilities with the most, by outcome.",
            "Names as ICE writes them. 'Still open' means no outcome was recorded when the data were pulled.",
        ],
        description=(
            f"Stacked horizontal bars for {k} facilities. Of all {n(s['all']['total'])} surge detainers, "
            f"{n(s['all']['declined'])} were declined by the local agency and {n(s['all']['booked'])} ended with the "
            f"person handed to ICE; state prisons' detainers are mostly still open."
        ),
    )


def outcome_options() -> list[tuple[str, str]]:
    """Explorer choices: every Minnesota county (its jail or jails), then the other kinds of facility."""
    counties = load("mn_counties").sort_values("county_name")
    with_data = set(detainer_outcomes()["county_fips"].dropna())
    options = [("All county jails together", "group:county")]
    options += [
        (f"{name} County" + ("" if fips in with_data else " (no detainers recorded)"), fips)
        for name, fips in zip(counties["county_name"], counties["county_fips"], strict=True)
    ]
    options += [(label, f"group:{g}") for g, label in GROUP_LABELS.items() if g != "county"]
    return options


def outcome_view(selection: str) -> alt.Chart:
    """What the detainer-outcome explorer shows: the chosen county's jail(s) or kind of facility."""
    table = detainer_outcomes()
    if selection.startswith("group:"):
        group = selection.split(":", 1)[1]
        if group not in GROUP_LABELS:
            raise NoData(f"There is no kind of facility called '{group}'. Choose one from the list.")
        rows = table[table["group"] == group]
        name = GROUP_LABELS[group]
        if group == "county":  # one bar per county rather than 60 jail names
            rows = rows.assign(facility=rows["county_name"] + " County")
            rows = rows.groupby(["facility", "outcome", "outcome_text", "outcome_rank"], as_index=False)[
                "detainers"
            ].sum()
    else:
        rows = table[table["county_fips"] == selection]
        counties = load("mn_counties").set_index("county_fips")["county_name"]
        if selection not in counties.index:
            raise NoData(f"'{selection}' is not a Minnesota county code. Choose a county from the list.")
        name = f"{counties[selection]} County"
        if rows.empty:
            raise NoData(
                f"ICE's records show no detainer sent to a jail in {name} during the surge period (December 2025 to "
                "early March 2026). People arrested there may have been held in another county's jail. Try Hennepin, "
                "Ramsey, Anoka or Dakota."
            )
    s = _shares(rows)
    closed = (
        f"Of the {n(s['closed'])} with an outcome, {pct(s['declined_share_closed'], 0)} were declined and "
        f"{pct(s['booked_share_closed'], 0)} ended with the person handed to ICE."
        if s["closed"]
        else "None has an outcome recorded yet."
    )
    return _outcome_bars(
        rows,
        title=f"{name}: {n(s['declined'])} of {n(s['total'])} surge detainers declined by the local agency ({pct(s['declined_share'], 0)})",
        subtitle=[
            closed,
            "ICE detainer requests during the surge period (December 2025 to early March 2026), by outcome.",
        ],
        description=(
            f"Stacked bars of surge detainers for {name}: {n(s['total'])} in all, {n(s['declined'])} declined, "
            f"{n(s['booked'])} handed to ICE and {n(s['open'])} still open."
        ),
        height=None if rows["facility"].nunique() > 1 else 60,
    )


# --- what happened to people arrested in the surge ---------------------------------------------------


def surge_outcomes() -> pd.DataFrame:
    """People arrested in the surge by the outcome of their latest detention stay (status early March 2026)."""
    table = load("mn_surge_detention_outcomes").sort_values("people", ascending=False).reset_index(drop=True)
    table["share"] = 100 * table["people"] / table["people"].sum()
    return table


def _hbars(
    table: pd.DataFrame, *, x: str, y: str, color_field: str, colors: dict[str, str], color_title: str, x_title: str
) -> alt.LayerChart:
    """Horizontal bars with their values printed at the end, long labels kept whole."""
    order = table.sort_values(x, ascending=False)[y].tolist()
    y_enc = alt.Y(f"{y}:N", title=None, sort=order, axis=alt.Axis(labelLimit=420))
    x_enc = alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(format=",.0f"))
    tip = [alt.Tooltip(f"{y}:N", title=" "), alt.Tooltip(f"{x}:Q", title=x_title, format=",.0f")]
    bars = (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=x_enc,
            y=y_enc,
            color=alt.Color(
                f"{color_field}:N", title=color_title, scale=alt.Scale(domain=list(colors), range=list(colors.values()))
            ),
            tooltip=tip,
        )
    )
    text = (
        alt.Chart(table)
        .mark_text(align="left", dx=3, fontSize=11, color="#333333")
        .encode(x=x_enc, y=y_enc, text=alt.Text(f"{x}:Q", format=",.0f"))
    )
    return alt.layer(bars, text).properties(width=380, height=22 * len(table))


def surge_outcomes_chart() -> alt.LayerChart:
    """Horizontal bars of people by outcome; removals highlighted."""
    table = surge_outcomes()
    table["kind"] = np.where(table["outcome"] == "Deported from country", "Deported", "Other outcome")
    top = table.iloc[0]
    chart = _hbars(
        table,
        x="people",
        y="outcome",
        color_field="kind",
        colors={"Deported": charts.HIGHLIGHT, "Other outcome": charts.PALETTE[0]},
        color_title="Outcome",
        x_title="People",
    )
    return charts.finish(
        chart,
        title=f"{pct(top['share'], 0)} of the people arrested in the surge and found in detention records had been deported by early March 2026",
        subtitle=[
            f"{n(table['people'].sum())} people arrested in Minnesota from December 2025, by the outcome of their latest ICE "
            "detention stay, as of early March 2026.",
            "Outcome groups are the aggregator's (Alyssa Chen) grouping of ICE's release reasons.",
        ],
        description=(
            "Horizontal bars: "
            + "; ".join(f"{r.outcome} {n(r.people)} ({pct(r.share, 0)})" for r in table.itertuples())
            + "."
        ),
    )


def stay_summary() -> dict[str, float]:
    """Completed detention stays of surge arrestees: median length and shares ending within a week or a month."""
    stays = load("mn_surge_stay_lengths")
    days = np.repeat(stays["stay_length_days"].to_numpy(), stays["people"].to_numpy())
    return {
        "people": int(stays["people"].sum()),
        "median_days": float(np.median(days)),
        "share_within_7": 100 * float((days <= 7).mean()),
        "share_within_30": 100 * float((days <= 30).mean()),
        "longest": int(days.max()),
    }


def held_where(k: int = 12) -> pd.DataFrame:
    """The k facilities that held the most surge arrestees (completed stints), Minnesota or not."""
    table = load("mn_surge_detention_stints_by_facility").nlargest(k, "n_people").copy()
    table["where"] = np.where(table["state_abbr"] == "MN", "In Minnesota", "Outside Minnesota")
    table["label"] = table["facility_name"] + " (" + table["state_abbr"] + ")"
    return table


def held_where_chart(k: int = 12) -> alt.LayerChart:
    """Bars of people per facility, Minnesota facilities in the highlight colour."""
    table = held_where(k)
    outside = table[table["where"] == "Outside Minnesota"].iloc[0]
    state = load("states").set_index("state_abbr")["state_name"].get(outside["state_abbr"], outside["state_abbr"])
    chart = _hbars(
        table,
        x="n_people",
        y="label",
        color_field="where",
        colors={"In Minnesota": charts.HIGHLIGHT, "Outside Minnesota": charts.PALETTE[0]},
        color_title="Facility",
        x_title="People with a completed stint there",
    )
    return charts.finish(
        chart,
        title=f"{n(outside['n_people'])} people arrested in the Minnesota surge passed through one ICE facility in {state}",
        subtitle=[
            f"The {k} facilities where the most people arrested in Minnesota in the surge spent a completed stint, to early "
            "March 2026.",
            "A person can pass through several; most were first held in the Whipple Building hold room at Fort Snelling.",
        ],
        description=(
            "Horizontal bars of people per facility: "
            + "; ".join(f"{r.label} {n(r.n_people)}" for r in table.itertuples())
            + "."
        ),
    )
