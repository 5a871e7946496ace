"""ICE's national detention statistics, FY2019 – April 2026: who is booked in, who is held, who leaves.

All numbers come from ICE's biweekly detention spreadsheets as parsed by the Deportation Data Project
(see data/README.md). They count book-ins, average daily population and book-outs, not people. Months
and fiscal years that the spreadsheets print only in part are flagged and drawn as partial.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import charts
from .catalog import load
from .enforcement_pipeline import PARTIAL_NOTE_AVERAGE, PARTIAL_NOTE_COUNT, partial_line
from .text import day, month, n, pct, times

AGENCY_LABELS = {"ICE": "ICE (arrests inside the U.S.)", "CBP": "CBP (mostly at the border)"}
AGENCY_COLOURS = {AGENCY_LABELS["ICE"]: charts.OKABE_ITO["blue"], AGENCY_LABELS["CBP"]: charts.OKABE_ITO["orange"]}

# ICE's criminality classes, in ICE's own words (quoted), in the order a reader meets them.
CRIMINALITY_LABELS = {
    "Convicted Criminal": '"Convicted Criminal"',
    "Pending Criminal Charges": '"Pending Criminal Charges"',
    "Other Immigration Violator": '"Other Immigration Violator" (neither)',
    "Non-Criminal": '"Non-Criminal" (FY2019 only)',
}
CRIMINALITY_COLOURS = {
    CRIMINALITY_LABELS["Convicted Criminal"]: charts.OKABE_ITO["blue"],
    CRIMINALITY_LABELS["Pending Criminal Charges"]: charts.OKABE_ITO["orange"],
    CRIMINALITY_LABELS["Other Immigration Violator"]: charts.OKABE_ITO["vermillion"],
    CRIMINALITY_LABELS["Non-Criminal"]: charts.GREY,
}
# 'Bonded Out' is ICE's sum of the two bond rows, so it is left out to avoid counting bonds twice.
RELEASE_REASONS = [
    "Order of Recognizance",
    "Paroled",
    "Order of Supervision",
    "Bond Set by IJ",
    "Bond Set by ICE",
    "Court Ordered",
]
INAUGURATION = pd.Timestamp("2025-01-20")


def book_ins() -> pd.DataFrame:
    """Monthly initial book-ins by arresting agency (ICE, CBP), with the partial-month flag."""
    table = load("ice_book_ins_monthly")
    rows = table[table["arresting_agency"].isin(list(AGENCY_LABELS))].copy()
    rows["agency"] = rows["arresting_agency"].map(AGENCY_LABELS)
    return rows[["month", "fiscal_year", "arresting_agency", "agency", "n_book_ins", "is_partial_month", "data_as_of"]]


def book_ins_summary(frame: pd.DataFrame | None = None) -> dict[str, object]:
    """Numbers for the prose: ICE's share of book-ins in FY2019 and in the latest complete months."""
    frame = book_ins() if frame is None else frame
    complete = frame[~frame["is_partial_month"]]
    wide = complete.pivot(index="month", columns="arresting_agency", values="n_book_ins")
    fy2019 = wide.loc["2018-10-01":"2019-09-01"].sum()
    last6 = wide.tail(6)
    peak_month = wide["ICE"].idxmax()
    return {
        "ice_share_fy2019": 100 * fy2019["ICE"] / fy2019.sum(),
        "ice_share_last6": 100 * last6["ICE"].sum() / last6.to_numpy().sum(),
        "last6_first": last6.index.min(),
        "last6_last": last6.index.max(),
        "ice_2024_monthly_mean": wide.loc["2024-01-01":"2024-12-01", "ICE"].mean(),
        "ice_last6_monthly_mean": last6["ICE"].mean(),
        "ice_peak_month": peak_month,
        "ice_peak": int(wide.loc[peak_month, "ICE"]),
        "partial_months": sorted(frame.loc[frame["is_partial_month"], "month"].unique()),
    }


def book_ins_text(frame: pd.DataFrame | None = None) -> str:
    """The sentence under the book-ins chart (numbers from `book_ins_summary`)."""
    s = book_ins_summary(frame)
    ratio = s["ice_last6_monthly_mean"] / s["ice_2024_monthly_mean"]
    return (
        f"ICE's own arrests made up {pct(s['ice_share_fy2019'], 0)} of book-ins in FY2019 and "
        f"{pct(s['ice_share_last6'], 0)} in the six full months from {month(s['last6_first'])} to "
        f"{month(s['last6_last'])}. Book-ins after ICE arrests averaged {n(s['ice_2024_monthly_mean'])} a month in "
        f"2024 and {n(s['ice_last6_monthly_mean'])} in those six months, {times(ratio)} as many; the highest month "
        f"was {month(s['ice_peak_month'])} with {n(s['ice_peak'])}."
    )


def _inauguration_rule(label: str = "20 Jan 2025: new administration") -> alt.LayerChart:
    rule = pd.DataFrame({"date": [INAUGURATION], "label": [label]})
    line = alt.Chart(rule).mark_rule(color="#555555", strokeDash=[2, 3]).encode(x=alt.X("date:T"))
    text = (
        alt.Chart(rule)
        .mark_text(align="right", baseline="top", dx=-4, dy=4, color="#555555", fontSize=11)
        .encode(x=alt.X("date:T"), y=alt.value(0), text=alt.Text("label:N"))
    )
    return alt.layer(line, text)


def _with_inauguration(chart: alt.LayerChart) -> alt.LayerChart:
    inner = chart.copy(deep=False)
    title, description = inner.title, inner.description
    inner.title = alt.Undefined
    inner.description = alt.Undefined
    return alt.layer(_inauguration_rule(), inner).properties(title=title, description=description)


def book_ins_chart(frame: pd.DataFrame | None = None) -> alt.LayerChart:
    """Lines of monthly book-ins after ICE and CBP arrests; partial months hollow."""
    frame = book_ins() if frame is None else frame
    s = book_ins_summary(frame)
    chart = partial_line(
        frame,
        x="month",
        y="n_book_ins",
        partial="is_partial_month",
        series="agency",
        series_title="Arresting agency",
        colors=AGENCY_COLOURS,
        title=(
            f"ICE's own arrests made up {pct(s['ice_share_last6'], 0)} of book-ins in the latest six full months, "
            f"against {pct(s['ice_share_fy2019'], 0)} in FY2019"
        ),
        subtitle=[
            f"Initial book-ins into ICE detention per month by the agency that made the arrest, "
            f"{month(frame['month'].min())} to {month(frame['month'].max())}. Book-ins, not people.",
            PARTIAL_NOTE_COUNT,
        ],
        description=(
            f"Two lines of monthly book-ins into ICE detention. Book-ins after CBP arrests dominate in FY2019 and "
            f"again in 2021–2024; after January 2025 they fall while book-ins after ICE arrests climb to a peak of "
            f"{n(s['ice_peak'])} in {month(s['ice_peak_month'])}."
        ),
        x_title="Month",
        y_title="Book-ins per month",
    )
    return _with_inauguration(chart)


def detained_by_criminality(agency: str = "ICE") -> pd.DataFrame:
    """Average daily population by ICE's criminality class, for people one agency arrested."""
    table = load("ice_detained_population_monthly")
    rows = table[(table["arresting_agency"] == agency) & (table["criminality"] != "Total")].copy()
    rows["class"] = rows["criminality"].map(CRIMINALITY_LABELS)
    return rows[["month", "criminality", "class", "adp", "is_partial_month"]].reset_index(drop=True)


def no_conviction_growth(agency: str = "ICE", since: str = "2024-10-01") -> dict[str, object]:
    """How the 'Other Immigration Violator' population (no conviction, no pending charge) grew after a month."""
    table = load("ice_detained_population_monthly")
    rows = table[(table["arresting_agency"] == agency) & ~table["is_partial_month"]]
    wide = rows.pivot(index="month", columns="criminality", values="adp")
    base = wide.loc[since]
    peak_month = wide["Other Immigration Violator"].idxmax()
    peak = wide.loc[peak_month]
    latest_month = wide.index.max()
    return {
        "since": pd.Timestamp(since),
        "oiv_since": base["Other Immigration Violator"],
        "oiv_peak": peak["Other Immigration Violator"],
        "oiv_peak_month": peak_month,
        "oiv_ratio": peak["Other Immigration Violator"] / base["Other Immigration Violator"],
        "convicted_since": base["Convicted Criminal"],
        "convicted_at_peak": peak["Convicted Criminal"],
        "oiv_share_since": 100 * base["Other Immigration Violator"] / base["Total"],
        "oiv_share_peak": 100 * peak["Other Immigration Violator"] / peak["Total"],
        "total_since": base["Total"],
        "total_at_peak": peak["Total"],
        "latest_month": latest_month,
        "oiv_latest": wide.loc[latest_month, "Other Immigration Violator"],
    }


def no_conviction_text(agency: str = "ICE") -> str:
    """The sentence under the criminality chart (numbers from `no_conviction_growth`)."""
    g = no_conviction_growth(agency)
    return (
        f"After {agency} arrests, ICE held {n(g['oiv_since'])} people with no conviction and no pending charge on an "
        f"average day in {month(g['since'])}, {pct(g['oiv_share_since'], 0)} of everyone it held; in "
        f"{month(g['oiv_peak_month'])} it held {n(g['oiv_peak'])}, {pct(g['oiv_share_peak'], 0)}. Over the same months "
        f'the "Convicted Criminal" population grew from {n(g["convicted_since"])} to {n(g["convicted_at_peak"])}. By '
        f"{month(g['latest_month'])}, the latest full month, the no-conviction group was down to {n(g['oiv_latest'])}."
    )


def criminality_chart(frame: pd.DataFrame | None = None, agency: str = "ICE") -> alt.LayerChart:
    """Lines of people held on an average day by ICE's criminality class (ICE arrests by default)."""
    frame = detained_by_criminality(agency) if frame is None else frame
    g = no_conviction_growth(agency)
    chart = partial_line(
        frame,
        x="month",
        y="adp",
        partial="is_partial_month",
        series="class",
        series_title="ICE's class",
        colors=CRIMINALITY_COLOURS,
        title=(
            f"ICE held {times(g['oiv_ratio'])} as many people with no conviction or charge in "
            f"{month(g['oiv_peak_month'])} as in {month(g['since'])}"
        ),
        subtitle=[
            f"People held in ICE detention on an average day after an {agency} arrest, by ICE's criminality class, "
            f"{month(frame['month'].min())} to {month(frame['month'].max())}.",
            '"Other Immigration Violator": neither a conviction nor a pending charge. FY2019 had one "Non-Criminal" '
            "class (grey) for both.",
            PARTIAL_NOTE_AVERAGE,
        ],
        description=(
            f"Lines of average daily detained population after {agency} arrests by ICE's criminality class. "
            f"'Convicted Criminal' is the largest group until 2025; 'Other Immigration Violator' (no conviction or "
            f"pending charge) rises from about {n(g['oiv_since'])} in {month(g['since'])} to {n(g['oiv_peak'])} in "
            f"{month(g['oiv_peak_month'])}, the largest group."
        ),
        x_title="Month",
        y_title="People held on an average day",
        height=320,
        kind="average",
    )
    return _with_inauguration(chart)


def releases_by_reason() -> pd.DataFrame:
    """Monthly releases from ICE detention by ICE's release reason (all criminality classes)."""
    table = load("ice_book_outs_monthly")
    rows = table[(table["criminality"] == "Total") & table["release_reason"].isin(RELEASE_REASONS)]
    columns = ["month", "fiscal_year", "release_reason", "n_book_outs", "is_partial_month", "data_as_of"]
    return rows[columns].reset_index(drop=True)


def releases_summary(frame: pd.DataFrame | None = None) -> dict[str, object]:
    """Monthly releases (all reasons) in 2024, in 2025 and lately, and when ICE last printed parole.

    Each value counts releases (book-outs into the United States), not people. ICE's spreadsheets stop
    listing 'Paroled' after February 2026 (and February's figure runs only to the 5th), so totals from
    then on leave parole out: `parole_last_month` and `parole_last_as_of` say where it stops.
    """
    frame = releases_by_reason() if frame is None else frame
    complete = frame[~frame["is_partial_month"]]
    total = complete.groupby("month")["n_book_outs"].sum()
    parole = complete[complete["release_reason"] == "Paroled"].set_index("month")["n_book_outs"]
    all_parole = frame[frame["release_reason"] == "Paroled"].sort_values("month")
    low_month = total.loc["2025-01-01":].idxmin()
    latest_month = total.index.max()
    mean_2024 = total.loc["2024-01-01":"2024-12-01"].mean()
    return {
        "mean_2024": mean_2024,
        "mean_2025": total.loc["2025-02-01":"2025-12-01"].mean(),
        "low_month": low_month,
        "low": int(total.loc[low_month]),
        "parole_2024": parole.loc["2024-01-01":"2024-12-01"].mean(),
        "parole_2025": parole.loc["2025-02-01":"2025-12-01"].mean(),
        "parole_last_month": all_parole["month"].iloc[-1],
        "parole_last_as_of": all_parole["data_as_of"].iloc[-1],
        "latest_month": latest_month,
        "latest": int(total.iloc[-1]),
        "latest_share_of_2024": 100 * total.iloc[-1] / mean_2024,
        "court_ordered_latest": int(
            complete[(complete["release_reason"] == "Court Ordered") & (complete["month"] == latest_month)][
                "n_book_outs"
            ].sum()
        ),
    }


def releases_text(frame: pd.DataFrame | None = None) -> str:
    """The sentence under the releases chart: releases (events), not people; parole's disappearance said."""
    r = releases_summary(frame)
    return (
        f"Releases of all kinds averaged {n(r['mean_2024'])} a month in 2024 and {n(r['mean_2025'])} from February "
        f"to December 2025, with a low of {n(r['low'])} in {month(r['low_month'])}. Parole alone went from "
        f"{n(r['parole_2024'])} a month to {n(r['parole_2025'])}. Releases then rose again: {month(r['latest_month'])}, "
        f"the latest full month, had {n(r['latest'])} releases ({pct(r['latest_share_of_2024'], 0)} of the 2024 "
        f"average), {n(r['court_ordered_latest'])} of them by court order. ICE's spreadsheets stop listing parole "
        f"after {month(r['parole_last_month'])} (whose figure runs only to {day(r['parole_last_as_of'])}), so that "
        "total leaves parole out. These are releases, not people: one person can be released more than once."
    )


def releases_chart(frame: pd.DataFrame | None = None) -> alt.FacetChart:
    """Small multiples: one panel per release reason, each on its own scale, partial months hollow."""
    frame = releases_by_reason() if frame is None else frame
    s = releases_summary(frame)
    data = frame.copy()
    data["_run"] = data.groupby("release_reason")["is_partial_month"].transform(lambda p: p.astype(bool).cumsum())
    data["_y_line"] = data["n_book_outs"].where(~data["is_partial_month"])
    data["_y_part"] = data["n_book_outs"].where(data["is_partial_month"])
    x_enc = alt.X("month:T", title="Month", axis=alt.Axis(format=charts.TIME_FORMAT, labelAngle=0))
    tip = [
        alt.Tooltip("release_reason:N", title="Reason"),
        alt.Tooltip("month:T", title="Month", format="%B %Y"),
        alt.Tooltip("n_book_outs:Q", title="Releases", format=",.0f"),
        alt.Tooltip("is_partial_month:N", title="Partial month"),
    ]
    base = alt.Chart().encode(x=x_enc)
    line = base.mark_line(color=charts.PALETTE[0]).encode(
        y=alt.Y("_y_line:Q", title="Per month", axis=alt.Axis(format=",.0f", tickCount=3)),
        detail=alt.Detail("_run:N"),
        tooltip=tip,
    )
    hollow = base.mark_point(filled=False, size=50, strokeWidth=2, color=charts.PALETTE[0]).encode(
        y=alt.Y("_y_part:Q"), tooltip=tip
    )
    when = alt.DateTime(year=INAUGURATION.year, month=INAUGURATION.month, date=INAUGURATION.day)
    rule = alt.Chart().mark_rule(color="#555555", strokeDash=[2, 3]).encode(x=alt.datum(when, type="temporal"))
    panel = alt.layer(rule, line, hollow, data=data).properties(width=charts.WIDTH, height=80)
    chart = panel.facet(
        row=alt.Row(
            "release_reason:N",
            title=None,
            sort=RELEASE_REASONS,
            header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=12),
        )
    ).resolve_scale(y="independent")
    return charts.finish(
        chart,
        title=(
            f"Releases from ICE detention fell from about {n(s['mean_2024'])} a month in 2024 to {n(s['low'])} in "
            f"{month(s['low_month'])}, then rose to {n(s['latest'])} in {month(s['latest_month'])}"
        ),
        subtitle=[
            f"Releases from ICE detention into the United States (book-outs, not people) per month by ICE's release "
            f"reason, {month(data['month'].min())} to {month(data['month'].max())}; each panel has its own scale.",
            f"ICE stops listing parole after {month(s['parole_last_month'])}, so later totals leave it out. Dotted "
            "line: 20 January 2025. 'Bonded Out' (the two bond rows added) is not repeated.",
            PARTIAL_NOTE_COUNT,
        ],
        description=(
            f"Six small line charts of monthly releases by reason. Parole averaged {n(s['parole_2024'])} a month in "
            f"2024 and {n(s['parole_2025'])} in February–December 2025 and is not listed after "
            f"{month(s['parole_last_month'])}; releases on recognizance collapsed and then recovered, bonds set by "
            f"immigration judges rose, and 'Court Ordered' releases, new in October 2025, reached "
            f"{n(s['court_ordered_latest'])} in {month(s['latest_month'])}. All releases together fell to "
            f"{n(s['low'])} in {month(s['low_month'])} and rose to {n(s['latest'])} in {month(s['latest_month'])}."
        ),
    )


def removals() -> pd.DataFrame:
    """ICE removals per fiscal year, with the partial-year flag and a label saying how far a partial year runs."""
    table = load("ice_removals_by_fiscal_year").copy()
    table["fy_label"] = "FY" + table["fiscal_year"].astype(str)
    table["coverage"] = [
        f"to {d.day} {d:%b}" if partial else "full year"
        for d, partial in zip(table["data_as_of"], table["is_partial_year"], strict=True)
    ]
    table["status"] = table["is_partial_year"].map({True: "partial year", False: "full year"})
    return table


def removals_same_point(fiscal_year: int = 2026) -> dict[str, object]:
    """A fair comparison for a partial year: removals by the same day of the previous fiscal year."""
    releases = load("ice_removals_fytd_releases")
    this = releases[releases["fiscal_year"] == fiscal_year].sort_values("data_as_of").iloc[-1]
    last = releases[releases["fiscal_year"] == fiscal_year - 1].copy()
    last["gap"] = (last["days_into_fiscal_year"] - this["days_into_fiscal_year"]).abs()
    match = last.sort_values("gap").iloc[0]
    return {
        "fiscal_year": fiscal_year,
        "as_of": this["data_as_of"],
        "days": int(this["days_into_fiscal_year"]),
        "removals": int(this["removals_fytd"]),
        "prior_as_of": match["data_as_of"],
        "prior_days": int(match["days_into_fiscal_year"]),
        "prior_removals": int(match["removals_fytd"]),
        "change_pct": 100 * (this["removals_fytd"] / match["removals_fytd"] - 1),
    }


def removals_text(fiscal_year: int = 2026) -> str:
    """The sentence under the removals chart: a partial year compared at the same point of the previous one."""
    same = removals_same_point(fiscal_year)
    return (
        f"A partial year must be compared at the same point: by {day(same['as_of'])} ({same['days']} days into the "
        f"year) ICE had carried out {n(same['removals'])} removals in FY{same['fiscal_year']}, against "
        f"{n(same['prior_removals'])} by {day(same['prior_as_of'])} in FY{same['fiscal_year'] - 1}, a rise of "
        f"{pct(same['change_pct'], 0)}. Removals count events, not people."
    )


def removals_chart(frame: pd.DataFrame | None = None) -> alt.LayerChart:
    """Bars of removals per fiscal year; partial years hatched-looking (pale with a dashed outline) and labelled."""
    frame = removals() if frame is None else frame
    full = frame[~frame["is_partial_year"]]
    top = full.loc[full["removals"].idxmax()]
    same = removals_same_point()
    x = alt.X("fy_label:N", title="Federal fiscal year (October to September)", axis=alt.Axis(labelAngle=0))
    y = alt.Y("removals:Q", title="Removals", axis=alt.Axis(format=",.0f"))
    tip = [
        alt.Tooltip("fy_label:N", title="Fiscal year"),
        alt.Tooltip("removals:Q", title="Removals", format=",.0f"),
        alt.Tooltip("coverage:N", title="Covers"),
    ]
    bars = (
        alt.Chart(frame)
        .mark_bar(strokeWidth=1.5)
        .encode(
            x=x,
            y=y,
            tooltip=tip,
            fillOpacity=alt.FillOpacity(
                "status:N", title="Fiscal year", scale=alt.Scale(domain=["full year", "partial year"], range=[1, 0.35])
            ),
            strokeDash=alt.StrokeDash(
                "status:N", scale=alt.Scale(domain=["full year", "partial year"], range=[[1, 0], [4, 2]]), legend=None
            ),
            stroke=alt.value(charts.PALETTE[0]),
        )
    )
    labels = (
        alt.Chart(frame[frame["is_partial_year"]])
        .mark_text(dy=-6, baseline="bottom", fontSize=11, color="#444444")
        .encode(x=x, y=y, text=alt.Text("coverage:N"))
    )
    chart = alt.layer(bars, labels).properties(width=charts.WIDTH, height=280)
    return charts.finish(
        chart,
        title=(
            f"Removals in FY{same['fiscal_year']} to {day(same['as_of'])} ran "
            f"{pct(abs(same['change_pct']), 0)} {'above' if same['change_pct'] >= 0 else 'below'} the same point of "
            f"FY{same['fiscal_year'] - 1}"
        ),
        subtitle=[
            "Removals by ICE per federal fiscal year, FY2019 to FY2026. Removals are events, not people.",
            "Pale bars with dashed outlines are partial years (ICE's last spreadsheet of the year was pulled early); "
            "the label says how far each runs.",
        ],
        description=(
            f"Bar chart of ICE removals by fiscal year. The largest complete year is {top['fy_label']} with "
            f"{n(top['removals'])}; FY{same['fiscal_year']} reached {n(same['removals'])} by {day(same['as_of'])}, "
            f"against {n(same['prior_removals'])} at the same point of the previous year."
        ),
    )
