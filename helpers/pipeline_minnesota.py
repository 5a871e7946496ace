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
from .enforcement_pipeline import Solution, claim_parts, mark_surge, surge_window
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
    "other": "Other (regional jail, youth detention, hospital, Prairie Correctional Facility)",
}


# --- arrests -----------------------------------------------------------------------------------------


@cache
def _arrests() -> pd.DataFrame:
    table = load("mn_arrests_daily_by_type")
    wide = table.pivot(index="date", columns="apprehension_type", values="arrests").fillna(0).astype(int)
    wide["Total"] = wide["Targeted"] + wide["Collateral"]
    return wide


def arrests_daily() -> pd.DataFrame:
    """Long table: arrests per day by type, with a centred 7-day average (the day, three before, three after).

    A trailing average (the day and the six before it) peaks about three days after the bars it
    summarises; centring it keeps the line's peaks over the bars' peaks. The first and last three days
    have no full window and no average.
    """
    wide = _arrests()
    rows = []
    for kind in ("Targeted", "Collateral"):
        part = pd.DataFrame({"date": wide.index, "type": kind, "arrests": wide[kind].to_numpy()})
        part["avg7"] = part["arrests"].rolling(7, min_periods=7, center=True).mean().to_numpy()
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
                title="ICE's apprehension type (7-day average, centred)",
                scale=alt.Scale(domain=names, range=list(TYPE_COLOURS.values())),
                legend=alt.Legend(titleLimit=400),
            ),
            strokeDash=alt.StrokeDash(
                "type:N",
                title="ICE's apprehension type (7-day average, centred)",
                scale=alt.Scale(domain=names, range=[[1, 0], [6, 3]]),
                legend=alt.Legend(titleLimit=400),
            ),
            tooltip=[
                alt.Tooltip("date:T", title="7 days centred on", format="%d %b %Y"),
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
            f"ICE arrests in Minnesota each day (grey bars) and 7-day averages centred on each day, by ICE's "
            f"apprehension type, {day(s['first_day'])} to {day(s['last_day'])} (data end there).",
            '"Collateral": someone ICE came across and arrested who was not the person it was looking for.',
            surge_window().subtitle(),
        ],
        description=(
            f"Daily bars and two centred 7-day average lines of ICE arrests in Minnesota. Arrests were a handful a day until "
            f"December 2025, peaked at {n(s['peak'])} on {day(s['peak_day'])}, and fell in February 2026; collateral "
            f"arrests were {pct(s['collateral_share_before'], 0)} of arrests before the surge and "
            f"{pct(s['collateral_share_during'], 0)} during it."
        ),
    )
    return mark_surge(chart)


HOMAN = 'Tom Homan, the White House "border czar"'  # his role as the series' Minnesota timeline gives it


def surge_timeline_markdown() -> str:
    """The surge's dates and agent counts from the fact sheet, each cited with its source and label."""
    return "\n".join(
        [
            f"- Before the surge: {fact('mn_ice_officers_before_surge').cite()} in Minnesota.",
            f"- Launch: {fact('metro_surge_start_2025').cite()}.",
            f"- Mid-January 2026: {fact('metro_surge_agents_2026_01_12').cite()}.",
            f"- 4 February 2026: {HOMAN}, announced "
            f"{fact('metro_surge_withdrawn_2026_02_04').cite()} withdrawn and tied further drawdown to access to "
            "county jails.",
            f"- End announced by Homan: {fact('metro_surge_end_announced_2026').cite()}. He gave the peak as "
            f"{fact('metro_surge_peak_agents').cite()}.",
            f"- 20 February 2026: {fact('metro_surge_remaining_2026_02_20').cite()} remained.",
        ]
    )


def arrests_text() -> str:
    """The sentence under the arrests chart, stating the surge window this notebook uses."""
    a = arrests_summary()
    window = surge_window()
    return (
        f"This notebook counts the surge from its launch, {day(window.start)}, to its announced end, "
        f"{day(window.end_announced)} (the end date is reported by secondary sources only), the same window as "
        f"notebook 02. Before the surge ICE recorded {n(a['per_day_before'], 1)} arrests a day in Minnesota; in "
        f"the surge window it recorded {n(a['during_total'])}, {n(a['per_day_during'])} a day. Collateral arrests "
        f"were {pct(a['collateral_share_before'], 0)} of arrests before and {pct(a['collateral_share_during'], 0)} "
        f"during the surge. The busiest day was {day(a['peak_day'])}, with {n(a['peak'])} arrests."
    )


def contested_counts() -> pd.DataFrame:
    """Counts of the surge's arrests (and one of detentions), side by side: who counted, what, and how sure.

    Claims keep their source and date, and the label is said in words: a "verified" claim is one the
    fact sheet found in the source's text, not a number anyone checked.
    """
    window = surge_window()
    foia = arrests_between(window.start, window.end_announced)
    foia_all = arrests_between(window.start, _arrests().index.max())
    by_state = load("ice_arrests_by_state_2025_26").set_index("state_abbr").loc["MN"]
    computed = "Computed in this notebook from ICE's records"

    def records(what: str, count: int, table: str) -> dict[str, str]:
        return {
            "Whose number": "ICE's own arrest records (FOIA)",
            "What": what,
            "Count": f"{n(count)} arrests",
            "Source and date": f"table {table}",
            "What the label means": computed,
        }

    return pd.DataFrame(
        [
            {
                "Whose number": f"{HOMAN}, at a press conference",
                "What": "Arrests in the surge, as he claimed",
                **claim_parts("metro_surge_arrests_claimed"),
            },
            {
                "Whose number": "Crowdsourced observers",
                "What": "Arrests they witnessed and logged",
                **claim_parts("metro_surge_arrests_observed"),
            },
            records(
                f"Arrests recorded in Minnesota, {day(window.start)} to {day(window.end_announced)}",
                foia["Total"],
                "mn_arrests_daily_by_type",
            ),
            records(
                f"Same, {day(window.start)} to {day(_arrests().index.max())}",
                foia_all["Total"],
                "mn_arrests_daily_by_type",
            ),
            {
                "Whose number": "Federal officials",
                "What": "People detained in Minnesota since January 2025",
                **claim_parts("mn_detained_claimed_since_2025"),
            },
            records(
                f"Arrests in Minnesota, {day(by_state['window_start'])} to {day(by_state['window_end'])}",
                by_state["arrests"],
                "ice_arrests_by_state_2025_26",
            ),
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


def detainer_peak_text() -> str:
    """The sentence under the detainer chart: the peak month, its busiest day, and what else happened then."""
    p = detainer_peak()
    return (
        f"Detainers peaked in {month(p['month'])} with {n(p['detainers'])}; {n(p['busiest_day_detainers'])} of them "
        f"were prepared on a single day, {day(p['busiest_day'])}, and the records do not say why. Even without that "
        f"day the month had {n(p['without_busiest_day'])}, more than any other month (the next was "
        f"{month(p['second_month'])}, {n(p['second'])}). That month, Homan announced "
        f"{fact('metro_surge_withdrawn_2026_02_04').cite()} withdrawn and tied further drawdown to access to county "
        "jails. The data show the timing, not the reason."
    )


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


# ICE's abbreviations, spelled out for the few facilities whose names do not say what they are.
OTHER_NAMES = {
    "NW REGIONAL CORRECTIONS CENTER": "Northwest Regional Corrections Center",
    "HENNEPIN COUNTY MED CTR": "Hennepin County Medical Center, a hospital",
    "PRAIRIE CORRECT. FACILITY": "Prairie Correctional Facility",
    "PRAIRIE LAKES YOUTH D.F.": "Prairie Lakes youth detention facility",
}


def _place(text: str) -> str:
    """'OAK PARK HGTS' -> 'Oak Park Heights', '.,ST.CLOUD' -> 'St. Cloud': the place part of ICE's facility name."""
    words = []
    for word in text.replace("ST.", "ST. ").replace(",", " ").split():
        if word == "ST.":
            words.append("St.")
        elif word.strip(".") and word.strip(".") != "MN":
            words.append(word.strip(".").title())
    return " ".join(words).replace("Hgts", "Heights")


def readable_name(facility: str, group: str, county_name: object) -> str:
    """What a facility is, in plain words, with ICE's spelling kept in brackets.

    ICE writes 'HENNEPIN COUNTY ADC' (ADC: Adult Detention Center, the county jail) and
    'MINN.C.F.,ST.CLOUD' (Minnesota Correctional Facility: a state prison run by the Minnesota Department
    of Corrections, here the one at St. Cloud). Readers should not have to decode either.
    """
    name = facility.upper()
    if group == "county" and isinstance(county_name, str):
        kind = "jail annex" if "ANNEX" in name else "workhouse" if "WORKHOUSE" in name else "jail"
        plain = f"{county_name} County {kind}"
    elif group == "state_prison":
        plain = f"State prison, {_place(name.split('C.F', 1)[1])}"
    elif "FED.CORR.INST" in name:
        plain = f"Federal prison, {_place(name.split('FED.', 1)[0])}"
    elif "FED.MED.CENTER" in name:
        plain = f"Federal medical prison, {_place(name.split('FED.', 1)[0])}"
    elif "MARSHALS" in name:
        plain = "U.S. Marshals Service, Minnesota"
    elif group == "police":
        plain = f"{_place(name.split('POLICE', 1)[0])} police"
    else:
        plain = OTHER_NAMES.get(name, facility.title())
    return f"{plain} ({facility})"


@cache
def detainer_outcomes() -> pd.DataFrame:
    """Surge detainers by facility and outcome, with the facility's kind and (for county jails) county.

    `facility` keeps ICE's spelling; `label` says in plain words what the facility is (see `readable_name`).
    """
    table = load("mn_surge_detainers_by_facility_outcome")
    counties = load("mn_counties").set_index("county_fips")["county_name"]
    table["group"] = [_group(f, c) for f, c in zip(table["detainer_facility"], table["county_fips"], strict=True)]
    table["county_name"] = table["county_fips"].map(counties)
    table["label"] = [
        readable_name(f, g, c)
        for f, g, c in zip(table["detainer_facility"], table["group"], table["county_name"], strict=True)
    ]
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


def declined_in_county(county_fips: str) -> int:
    """Surge detainers that a county's jail or jails declined (the blue segments of the explorer's bars)."""
    table = detainer_outcomes()
    rows = table[(table["county_fips"] == county_fips) & (table["outcome"] == "declined_by_local_agency")]
    return int(rows["detainers"].sum())


def hennepin_solution() -> Solution:
    """The worked answer to question 3, with its number computed from data/."""
    declined = declined_in_county("27053")
    total = int(detainer_outcomes().query("county_fips == '27053'")["detainers"].sum())
    return Solution(
        f"**{n(declined)}.** Choose *Hennepin County* in the detainer explorer: its title reads "
        f'"{n(declined)} of {n(total)} surge detainers declined by the local agency". In code, '
        f'`mn.declined_in_county("27053")` returns {n(declined)} (27053 is Hennepin\'s county code): it adds up the '
        "rows of `mn.detainer_outcomes()` for that county whose outcome is `declined_by_local_agency`."
    )


def outcome_text() -> str:
    """The sentence under the table of facility kinds: all surge detainers, and county jails' decisions."""
    o = outcome_summary()
    c = o["by_group"]["county"]
    window = surge_window()
    arrests = arrests_between(window.start, window.end_announced)["Total"]
    return (
        f"Across {n(o['n_facilities'])} facilities, ICE sent {n(o['all']['total'])} detainers during the surge "
        f"period: {n(o['all']['declined'])} were declined by the local agency and {n(o['all']['booked'])} ended with "
        f"the person handed to ICE. County jails in {n(o['n_counties'])} of Minnesota's 87 counties received "
        f"{n(c['total'])}; of those with an outcome, {pct(c['declined_share_closed'], 0)} were declined and "
        f"{pct(c['booked_share_closed'], 0)} handed to ICE. ICE recorded {n(arrests)} arrests in Minnesota in the "
        "surge window alone: the surge relied on arrests in the community far more than on transfers from jails."
    )


def _outcome_bars(
    rows: pd.DataFrame, *, title: str, subtitle: list[str], description: str, height: int | None = None
) -> alt.Chart:
    """Stacked bars, one per facility, labelled in plain words with ICE's spelling in brackets."""
    order = rows.groupby("label")["detainers"].sum().sort_values(ascending=False).index.tolist()
    names = list(OUTCOME_COLOURS)
    chart = (
        alt.Chart(rows[rows["detainers"] > 0])
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=360)),
            x=alt.X("detainers:Q", title="Detainer requests during the surge"),
            color=alt.Color(
                "outcome_text:N",
                title="What happened to the detainer",
                scale=alt.Scale(domain=names, range=list(OUTCOME_COLOURS.values())),
                legend=alt.Legend(columns=2, labelLimit=320, titleLimit=300),
            ),
            order=alt.Order("outcome_rank:Q"),
            tooltip=[
                alt.Tooltip("label:N", title="Jail or agency (ICE's spelling in brackets)"),
                alt.Tooltip("outcome_text:N", title="Outcome"),
                alt.Tooltip("detainers:Q", title="Detainers"),
            ],
        )
        .properties(width=charts.WIDTH - 200, height=height or max(60, 24 * len(order)))
    )
    return charts.finish(chart, title=title, subtitle=subtitle, description=description)


def top_facilities_chart(k: int = 12) -> alt.Chart:
    """Stacked bars of the k facilities with the most surge detainers, by outcome."""
    table = detainer_outcomes()
    s = outcome_summary()
    top = table.groupby("facility")["detainers"].sum().nlargest(k).index
    rows = table[table["facility"].isin(top)]
    most = table[table["facility"] == s["most_declined"]]
    shares = _shares(most)
    return _outcome_bars(
        rows,
        title=(
            f"{most['county_name'].iloc[0]} County's jail declined {n(shares['declined'])} of its "
            f"{n(shares['total'])} surge detainers, more than any other Minnesota facility"
        ),
        subtitle=[
            f"ICE detainer requests during the surge period (December 2025 to early March 2026) for the {k} of "
            f"{s['n_facilities']} Minnesota facilities with the most, by outcome.",
            "ICE's spelling in brackets: ADC = Adult Detention Center (a county jail); MINN.C.F. = Minnesota "
            "Correctional Facility (a state prison); FED.CORR.INST. = federal prison.",
            "'Still open' means no outcome was recorded when the data were pulled.",
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
            rows = rows.assign(label=rows["county_name"] + " County")
            rows = rows.groupby(["label", "outcome", "outcome_text", "outcome_rank"], as_index=False)["detainers"].sum()
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
        height=None if rows["label"].nunique() > 1 else 60,
    )


# --- what happened to people arrested in the surge ---------------------------------------------------


# The aggregator's outcome names, with the one about a death said in full.
OUTCOME_NAMES = {"Died": "Died in ICE detention"}


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{n(count)} people"


def surge_outcomes() -> pd.DataFrame:
    """People arrested in the surge by the outcome of their latest detention stay (status early March 2026)."""
    table = load("mn_surge_detention_outcomes").sort_values("people", ascending=False).reset_index(drop=True)
    table["outcome"] = table["outcome"].replace(OUTCOME_NAMES)
    table["share"] = 100 * table["people"] / table["people"].sum()
    return table


def _hbars(
    table: pd.DataFrame,
    *,
    x: str,
    y: str,
    color_field: str,
    colors: dict[str, str],
    color_title: str,
    x_title: str,
    text_field: str | None = None,
) -> alt.LayerChart:
    """Horizontal bars with their values printed at the end (or `text_field`), long labels kept whole."""
    order = table.sort_values(x, ascending=False)[y].tolist()
    y_enc = alt.Y(f"{y}:N", title=None, sort=order, axis=alt.Axis(labelLimit=420))
    # Room to the right of the longest bar for its label ("1,735 people" is wider than "1,735").
    room = alt.Scale(domain=[0, float(table[x].max()) * 1.2]) if text_field else alt.Undefined
    x_enc = alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(format=",.0f"), scale=room)
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
    text = alt.Text(f"{text_field}:N") if text_field else alt.Text(f"{x}:Q", format=",.0f")
    labels = (
        alt.Chart(table).mark_text(align="left", dx=3, fontSize=11, color="#333333").encode(x=x_enc, y=y_enc, text=text)
    )
    return alt.layer(bars, labels).properties(width=380, height=22 * len(table))


def surge_outcomes_chart() -> alt.LayerChart:
    """Horizontal bars of people by outcome; removals highlighted. Each bar is labelled in people, not shares:
    a share printed for one person's death ("0%") would say nothing a reader needs."""
    table = surge_outcomes()
    table["kind"] = np.where(table["outcome"] == "Deported from country", "Deported", "Other outcome")
    table["value_label"] = table["people"].map(_people)
    top = table.iloc[0]
    chart = _hbars(
        table,
        x="people",
        y="outcome",
        color_field="kind",
        colors={"Deported": charts.HIGHLIGHT, "Other outcome": charts.PALETTE[0]},
        color_title="Outcome",
        x_title="People",
        text_field="value_label",
    )
    parts = [
        f"{r.outcome}: {_people(r.people)}" + (f" ({pct(r.share, 0)})" if r.share >= 1 else "")
        for r in table.itertuples()
    ]
    return charts.finish(
        chart,
        title=f"{pct(top['share'], 0)} of the people arrested in the surge and found in detention records had been deported by early March 2026",
        subtitle=[
            f"{n(table['people'].sum())} people arrested in Minnesota from December 2025, by the outcome of their latest ICE "
            "detention stay, as of early March 2026.",
            "Outcome groups are the aggregator's grouping of ICE's release reasons (FOIA data via the Deportation Data "
            "Project, aggregated by a public repository).",
        ],
        description="Horizontal bars of people by outcome: " + "; ".join(parts) + ".",
    )


def surge_outcomes_text() -> str:
    """The sentence under the outcomes chart: the largest groups, and the one death, said plainly."""
    table = surge_outcomes().set_index("outcome")
    died = int(table.loc[OUTCOME_NAMES["Died"], "people"]) if OUTCOME_NAMES["Died"] in table.index else 0
    held = table.loc["Detained as of early March"]
    released = table.loc["Released from detention"]
    death = (
        f" The records show that {'one person' if died == 1 else _people(died)} arrested in the surge died in ICE detention; they give no detail, "
        "and this notebook reports only the count."
        if died
        else ""
    )
    return (
        f"By early March 2026, {pct(held['share'], 0)} were still detained and {pct(released['share'], 0)} had been "
        f"released.{death}"
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


def stay_text() -> str:
    """The sentence on how long completed detention stays lasted."""
    st = stay_summary()
    return (
        f"Of the {n(st['people'])} people whose detention had ended, half were held {n(st['median_days'])} days or "
        f"less; {pct(st['share_within_7'], 0)} left within a week and {pct(st['share_within_30'], 0)} within a month. "
        "People still held are not in these figures, so long stays are under-counted."
    )


def held_where_text() -> str:
    """Where people arrested in the surge were held: the first stop, and the busiest facility outside Minnesota."""
    table = load("mn_surge_detention_stints_by_facility").sort_values("n_people", ascending=False)
    people = int(load("mn_surge_detention_outcomes")["people"].sum())
    first = table.iloc[0]
    outside = table[table["state_abbr"] != "MN"].iloc[0]
    state = load("states").set_index("state_abbr")["state_name"].get(outside["state_abbr"], outside["state_abbr"])
    in_mn = table[(table["state_abbr"] == "MN") & (table.index != first.name)].head(4)
    names = [str(name).replace(" Services", "") for name in in_mn["facility_name"]]
    jails = ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"Of the {n(people)} people, {n(first['n_people'])} passed through the {first['facility_name']} hold room at "
        f"Fort Snelling and {n(outside['n_people'])} through {outside['facility_name']} in {state}, "
        f"{pct(100 * outside['n_people'] / people, 0)} of them. The Minnesota jails used most were {jails}. "
        "(`mn.held_where_chart()` draws the twelve busiest facilities.)"
    )


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
