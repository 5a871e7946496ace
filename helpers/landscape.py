"""The national landscape of cooperation with ICE, and of limits on it, 2005–2026 (notebook 01).

What a reader meets in notebook 01, computed here so that the notebook's cells stay short:

- the kinds of cooperation and the path from a local booking to ICE custody (a table and a diagram);
- 287(g) agreements over time: ICE's sheets 2021–2026 by model, with the Washington Post's 2005–2019
  roster drawn as a separate panel (different source, different unit);
- where agreements were in force on a chosen month (county map explorer), and which states hold most
  (ranking, and a state explorer that lists the agencies);
- limits on cooperation: who counted what and when (facts table), DOJ's 2025 list (map and table), and
  the recovered rows of ICE's 2017 table, shown only as the partial sample they are;
- "then and now": the 2017 essay's claims, what the record said in 2017 and what it says in 2026.

Functions that compute return DataFrames and raise `NoData` with a plain message for an empty
selection; chart functions draw with the series' builders. The map explorer redraws from a spec
template (see `_MapTemplate`) because validating a fresh Altair map costs more than the callback budget.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from . import catalog, charts, maps
from .catalog import load
from .charts import SpecChart  # re-exported: helpers.minnesota imports it from here
from .facts import CONFIDENCE_PHRASES, essay_claims, fact
from .policy287g import state_options
from .text import day, n
from .widgets import NoData

ALL_MODELS = "All models"
MODELS: list[str] = list(charts.MODEL_COLOURS)
MODEL_PLAIN: dict[str, str] = {
    "Jail Enforcement Model": "jail enforcement",
    "Task Force Model": "task force",
    "Warrant Service Officer": "warrant service officer",
}


# ---------------------------------------------------------------------------------------------
# 1. The kinds of cooperation, and the path from a booking to ICE custody
# ---------------------------------------------------------------------------------------------


def cooperation_kinds() -> pd.DataFrame:
    """The kinds of cooperation with ICE (and the policies that limit it), in plain words.

    Each row says who acts and whether a state, county or city can decline. The wording paraphrases
    the sources named in the notebook (ICE's 287(g) page, the fact sheet's Secure Communities and
    detainer items, the Oregon court ruling and the study of 287(g) mandates in research_findings).
    Today's fingerprint program is known only from secondary sources, so that row is hedged.
    """
    rows = [
        (
            "Fingerprint sharing at booking (Secure Communities)",
            "Fingerprints taken at booking go to the FBI, which shares them with DHS; ICE sees a match "
            "with immigration records and decides whether to act.",
            "Every jail, automatically, under Secure Communities (2008–2014); secondary sources say the sharing "
            "continues today",
            "No: the sharing happens between federal agencies, and localities could not opt out of Secure Communities.",
        ),
        (
            "Detainers and release notifications",
            "ICE asks a jail to keep a person for a short time after they would be released, or to tell ICE "
            "when they will be released, so that ICE can take custody.",
            "The jail that holds the person",
            "Yes: a detainer is a request. A federal court in Oregon found in 2014 that holding someone only on "
            "a detainer was an unlawful seizure under the Fourth Amendment.",
        ),
        (
            "Jail access and interviews",
            "ICE officers come into the jail to interview people about their immigration status.",
            "The sheriff or jail administrator",
            "Yes: some jails require consent, notice of rights or a warrant.",
        ),
        (
            "287(g): jail enforcement model",
            "Jail officers trained and supervised by ICE check the status of people booked in and start "
            "immigration paperwork.",
            "The sheriff, under a signed agreement with ICE",
            "Yes: agreements are voluntary.",
        ),
        (
            "287(g): task force model",
            "Local officers trained by ICE question and arrest people for immigration violations during "
            "their regular work in the field.",
            "A police or sheriff's department, under an agreement",
            "Yes: agreements are voluntary.",
        ),
        (
            "287(g): warrant service officer",
            "Jail officers trained by ICE serve ICE's administrative warrants on people already in the jail, "
            "so that ICE can take custody at release.",
            "The sheriff, under an agreement",
            "Yes: agreements are voluntary.",
        ),
        (
            "Policies that limit cooperation",
            "Laws, ordinances or sheriffs' policies that decline detainers without a judge's warrant, stop "
            "release notices, limit ICE access to jails, or bar officers from asking about status.",
            "A state, county, city or sheriff",
            "These are the opt-outs; who counts them, and how, differs (see the section on limits).",
        ),
        (
            "State laws that require cooperation",
            'Some states require their local agencies to take part in 287(g); researchers call these "287(g) '
            "mandates\" (research_findings R42). The series' sources do not list which states have such laws.",
            "A state legislature",
            "Not where such a state law applies.",
        ),
    ]
    return pd.DataFrame(rows, columns=["Kind of cooperation", "What happens", "Who acts", "Can a place decline?"])


_LOCAL, _FEDERAL = "Local police and jail", "Federal agencies (FBI, DHS, ICE)"


def booking_path() -> pd.DataFrame:
    """The steps from a local arrest to ICE custody, who acts at each, and where local policy can change the path."""
    steps = [
        (_LOCAL, "Arrest and booking:\nfingerprints are taken", "No local choice: the prints go to the FBI"),
        (
            _FEDERAL,
            "FBI checks the prints; DHS checks\nthem against immigration records",
            "No opt-out under Secure Communities\n(today's program: secondary sources)",
        ),
        (
            _FEDERAL,
            "ICE may send a detainer: hold the\nperson, or tell ICE before release",
            "ICE may also ask to interview\npeople in the jail",
        ),
        (
            _LOCAL,
            "The jail honours the detainer,\nnotifies ICE, or declines",
            "Limiting policies: hold only on a judge's\nwarrant, no release notice, limited access",
        ),
        (
            _FEDERAL,
            "ICE takes custody at the jail,\nor arrests the person later",
            "287(g): ICE-trained local officers do\npart of ICE's work, in jail or in the field",
        ),
        (_FEDERAL, "Immigration detention and court:\nremoval or release", "Notebook 03 follows this part"),
    ]
    df = pd.DataFrame(steps, columns=["who", "step_label", "policy_lever"])
    df.insert(0, "step", range(1, len(df) + 1))
    return df


def booking_path_chart() -> alt.LayerChart:
    """A two-lane flow diagram of `booking_path()`: boxes by who acts, arrows in order, levers at the right."""
    df = booking_path()
    box_w, gap, x_max = 1.0, 0.12, 3.55
    df["x0"] = df["who"].map({_LOCAL: 0.0, _FEDERAL: box_w + gap})
    df["x1"] = df["x0"] + box_w
    df["cx"] = df["x0"] + box_w / 2
    df["y0"], df["y1"] = df["step"] - 0.38, df["step"] + 0.38
    arrows = pd.DataFrame(
        {"xa": df["cx"].iloc[:-1].values, "ya": df["y1"].iloc[:-1].values, "xb": df["cx"].iloc[1:].values}
    )
    arrows["yb"] = df["y0"].iloc[1:].values
    xs = alt.Scale(domain=[0, x_max])
    ys = alt.Scale(domain=[0.2, len(df) + 0.5], reverse=True)
    headers = pd.DataFrame(
        {
            "x": [box_w / 2, box_w + gap + box_w / 2, 2 * box_w + 2 * gap + 0.02],
            "y": [0.3] * 3,
            "text": [_LOCAL, "Federal agencies", "Where local policy can change the path"],
            "align": ["center", "center", "left"],
        }
    )
    lanes = alt.Scale(domain=[_LOCAL, _FEDERAL], range=[charts.OKABE_ITO["sky_blue"], "#DADADA"])
    boxes = (
        alt.Chart(df)
        .mark_rect(cornerRadius=6)
        .encode(
            x=alt.X("x0:Q", scale=xs, axis=None),
            x2="x1",
            y=alt.Y("y0:Q", scale=ys, axis=None),
            y2="y1",
            color=alt.Color("who:N", scale=lanes, legend=None),
            tooltip=[
                alt.Tooltip("step:Q", title="Step"),
                alt.Tooltip("who:N", title="Who acts"),
                alt.Tooltip("policy_lever:N", title="Local policy"),
            ],
        )
    )
    labels = (
        alt.Chart(df)
        .mark_text(lineBreak="\n", fontSize=11.5, dy=-7)
        .encode(x=alt.X("cx:Q", scale=xs), y=alt.Y("step:Q", scale=ys), text="step_label:N")
    )
    levers = (
        alt.Chart(df)
        .mark_text(lineBreak="\n", align="left", fontSize=11, fontStyle="italic", color="#333333", dy=-6)
        .encode(x=alt.datum(2 * box_w + 2 * gap + 0.02, scale=xs), y=alt.Y("step:Q", scale=ys), text="policy_lever:N")
    )
    rules = (
        alt.Chart(arrows)
        .mark_rule(color="#555555", strokeWidth=1.5)
        .encode(x=alt.X("xa:Q", scale=xs), y=alt.Y("ya:Q", scale=ys), x2="xb", y2="yb")
    )
    heads = (
        alt.Chart(arrows)
        .mark_point(shape="triangle-down", filled=True, size=60, color="#555555", opacity=1)
        .encode(x=alt.X("xb:Q", scale=xs), y=alt.Y("yb:Q", scale=ys))
    )
    head_center = (
        alt.Chart(headers[headers["align"] == "center"])
        .mark_text(fontWeight="bold", fontSize=12, color="#222222")
        .encode(x=alt.X("x:Q", scale=xs), y=alt.Y("y:Q", scale=ys), text="text:N")
    )
    head_left = (
        alt.Chart(headers[headers["align"] == "left"])
        .mark_text(fontWeight="bold", fontSize=12, color="#222222", align="left")
        .encode(x=alt.X("x:Q", scale=xs), y=alt.Y("y:Q", scale=ys), text="text:N")
    )
    chart = alt.layer(boxes, rules, heads, labels, levers, head_center, head_left).properties(width=660, height=430)
    return charts.finish(
        chart,
        title="From a local booking to ICE custody: the fingerprint check is federal; the jail decides whether to hold",
        subtitle="Steps after an arrest, who acts at each (blue: local, grey: federal), and where local policy can change the path",
        description=(
            f"Flow diagram in {len(df)} steps: a local arrest and booking; the FBI and DHS check the fingerprints; "
            "ICE may send a detainer; the jail honours, notifies or declines; ICE takes custody at the jail or "
            "arrests the person later; immigration detention and court. Local policy can act at the detainer "
            "and jail-access steps and, through 287(g) agreements, at the custody step."
        ),
    )


# ---------------------------------------------------------------------------------------------
# 2. 287(g) agreements over time
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _month_end_sheets() -> pd.DataFrame:
    """The last ICE sheet of each calendar month (month, snapshot_date), January 2021 – May 2026."""
    by_month = load("agreements_287g_by_state_month")
    out = by_month.groupby("month", as_index=False)["snapshot_date"].max()
    return out.sort_values("month").reset_index(drop=True)


def models_monthly() -> pd.DataFrame:
    """National agreements by model on the last ICE sheet of each month (one row per month and model)."""
    by_model = load("agreements_287g_by_model")
    sheets = _month_end_sheets()
    out = by_model.merge(sheets, on="snapshot_date", how="inner")
    return (
        out[["month", "snapshot_date", "model", "n_agreements"]].sort_values(["month", "model"]).reset_index(drop=True)
    )


def wapo_yearly() -> pd.DataFrame:
    """Agencies the Washington Post marks with an active 287(g) agreement, per year 2005–2019 (2019 partial)."""
    years = load("wapo_287g_agency_years")
    out = years.groupby("year", as_index=False).agg(
        n_agencies=("wapo_agency_id", "nunique"), is_partial_year=("is_partial_year", "any")
    )
    out["year_date"] = pd.to_datetime(out["year"].astype(str) + "-07-01")
    return out


def growth_numbers() -> dict[str, Any]:
    """Key numbers of the growth chart: the January 2025 sheet, the latest sheet, and each model on both."""
    monthly = models_monthly()
    totals = monthly.groupby(["month", "snapshot_date"], as_index=False)["n_agreements"].sum()
    jan = totals[totals["month"] == pd.Timestamp("2025-01-01")].iloc[0]
    last = totals.iloc[-1]
    by_model_last = monthly[monthly["month"] == last["month"]].set_index("model")["n_agreements"]
    by_model_jan = monthly[monthly["month"] == jan["month"]].set_index("model")["n_agreements"]
    growth = (by_model_last - by_model_jan).sort_values(ascending=False)
    return {
        "jan2025_date": jan["snapshot_date"],
        "jan2025": int(jan["n_agreements"]),
        "latest_date": last["snapshot_date"],
        "latest": int(last["n_agreements"]),
        "by_model_latest": by_model_last.astype(int).to_dict(),
        "by_model_jan2025": by_model_jan.astype(int).to_dict(),
        "top_growth_model": str(growth.index[0]),
        "top_growth": int(growth.iloc[0]),
        "wapo_peak_year": int(wapo_yearly().set_index("year")["n_agencies"].idxmax()),
    }


def growth_chart() -> alt.HConcatChart:
    """Two panels: the Washington Post's agencies per year 2005–2019, and ICE's agreements by model 2021–2026.

    They count different things (agencies a newsroom marks active in a year; agreements on ICE's own
    sheets) from different sources, so they are never joined into one line.
    """
    wapo = wapo_yearly()
    wapo["status"] = wapo["is_partial_year"].map({True: "partial year (2019)", False: "full year"})
    g = growth_numbers()
    y_wapo = alt.Y("n_agencies:Q", title="Agencies with an agreement", scale=alt.Scale(zero=True))
    first, last = int(wapo["year"].min()), int(wapo["year"].max())
    x_wapo = alt.X(
        "year:Q",
        title="Year",
        scale=alt.Scale(domain=[first, last]),
        axis=alt.Axis(format="d", values=[first, 2010, 2015, last], labelAngle=0),
    )
    complete = wapo[~wapo["is_partial_year"]]
    partial_seg = wapo[wapo["year"] >= wapo.loc[~wapo["is_partial_year"], "year"].max()]
    tip = [
        alt.Tooltip("year:Q", title="Year", format="d"),
        alt.Tooltip("n_agencies:Q", title="Agencies"),
        alt.Tooltip("status:N", title="Coverage"),
    ]
    left = alt.layer(
        alt.Chart(complete).mark_line(color=charts.GREY).encode(x=x_wapo, y=y_wapo),
        alt.Chart(partial_seg).mark_line(color=charts.GREY, strokeDash=[4, 3]).encode(x=x_wapo, y=y_wapo),
        alt.Chart(wapo)
        .mark_point(size=45, filled=False, stroke=charts.GREY, strokeWidth=1.6, opacity=1)
        .encode(
            x=x_wapo,
            y=y_wapo,
            fill=alt.condition("datum.is_partial_year", alt.value("white"), alt.value(charts.GREY)),
            tooltip=tip,
        ),
    ).properties(
        width=190,
        height=260,
        title=alt.Title(
            f"{first}–{last}: agencies per year",
            subtitle=["The Washington Post's list (CC BY-NC-SA 4.0)", f"Dashed, hollow: {last} is a partial year"],
            fontSize=13,
        ),
    )
    monthly = models_monthly()
    right = (
        alt.Chart(monthly)
        .mark_line()
        .encode(
            x=alt.X(
                "snapshot_date:T",
                title="Date of ICE's sheet (last of each month)",
                axis=alt.Axis(format="%Y", labelAngle=0),
            ),
            y=alt.Y("n_agreements:Q", title="Agreements on the sheet"),
            color=alt.Color(
                "model:N",
                title="Model",
                scale=alt.Scale(domain=MODELS, range=list(charts.MODEL_COLOURS.values())),
                legend=alt.Legend(orient="bottom", direction="horizontal", labelLimit=220),
            ),
            strokeDash=alt.StrokeDash("model:N", title="Model", scale=alt.Scale(domain=MODELS)),
            tooltip=[
                alt.Tooltip("snapshot_date:T", title="ICE sheet of", format="%d %b %Y"),
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("n_agreements:Q", title="Agreements", format=","),
            ],
        )
        .properties(
            width=380,
            height=260,
            title=alt.Title(
                "2021–2026: agreements by model",
                subtitle="ICE's participating-agencies sheets, last sheet of each month",
                fontSize=13,
            ),
        )
    )
    chart = alt.hconcat(left, right, spacing=40).resolve_scale(y="independent", x="independent")
    tf = "Task Force Model"
    return charts.finish(
        chart,
        title=(
            f"287(g) agreements went from {n(g['jan2025'])} in January 2025 to {n(g['latest'])} in "
            f"{g['latest_date']:%B %Y}, led by the {MODEL_PLAIN[g['top_growth_model']]} model"
        ),
        subtitle=[
            f"The title compares ICE's last sheet of January 2025 with its sheet of {day(g['latest_date'])}; the right "
            f"panel runs from January 2021 to {g['latest_date']:%B %Y}",
            "Two sources that count different things, drawn apart on purpose: do not join the panels into one line",
        ],
        description=(
            f"Left panel: agencies with a 287(g) agreement per year in the Washington Post's list, from "
            f"{n(wapo.n_agencies.iloc[0])} in {wapo.year.iloc[0]} to a peak of {n(wapo.n_agencies.max())} in "
            f"{g['wapo_peak_year']} (a partial year). Right panel: agreements by model on ICE's last sheet of each "
            f"month from January 2021 to {g['latest_date']:%B %Y}; the task force model goes from "
            f"{n(g['by_model_jan2025'][tf])} in January 2025 to {n(g['by_model_latest'][tf])}."
        ),
    )


# ---------------------------------------------------------------------------------------------
# 3. Where agreements were in force: county map explorer
# ---------------------------------------------------------------------------------------------

# Four fixed classes (light to dark blue) so the legend means the same on every month of the slider.
COUNT_CLASSES: dict[str, str] = {"1": "#8fbde0", "2": "#4a90c8", "3–4": "#1c5fa3", "5 or more": "#0a2d5e"}


def _count_class(value: int) -> str:
    return "1" if value == 1 else "2" if value == 2 else "3–4" if value <= 4 else "5 or more"


def month_options() -> list[tuple[str, pd.Timestamp]]:
    """Slider options: ('Jan 2021', date of that month's last ICE sheet), oldest first."""
    sheets = _month_end_sheets()
    return [(f"{m:%b %Y}", s) for m, s in zip(sheets["month"], sheets["snapshot_date"], strict=True)]


@lru_cache(maxsize=1)
def _agreement_keys() -> pd.DataFrame:
    """Agreement listings with a counting key: likely re-dated duplicates share one key and count once."""
    rows = load("agreements_287g")
    # Group a duplicate with its agreement by county where ICE gives one, so that a re-spelled copy
    # ('Freedom County' for Freeborn County, MN) joins the agreement it copies.
    place = rows["county_fips"].fillna(rows["agency_key"])
    dup_key = rows["state_abbr"] + "|" + place + "|" + rows["model"]
    rows["agreement_key"] = rows["listing_id"].where(~rows["likely_redated_duplicate"].astype(bool), dup_key)
    return rows


def in_force_on(snapshot: pd.Timestamp | str) -> pd.DataFrame:
    """Agreements in force on an ICE sheet: listed on or before it and still listed on or after it.

    An agreement counts from the first to the last sheet that lists it (ICE's sheets are the only
    record of when agreements start and end); listings of one re-dated agreement count once.
    """
    when = pd.Timestamp(snapshot)
    rows = _agreement_keys()
    first = rows["first_listed"].min()
    if when < first:
        raise NoData(f"ICE's sheets in data/ start on {day(first)}; pick a later month.")
    if when > rows["last_listed"].max():
        raise NoData(f"ICE's sheets in data/ end on {day(rows['last_listed'].max())}; pick an earlier month.")
    on = rows[(rows["first_listed"] <= when) & (rows["last_listed"] >= when)]
    return on.sort_values("listing_id").drop_duplicates("agreement_key")


@lru_cache(maxsize=512)
def _county_records(snapshot: pd.Timestamp, model: str) -> tuple[tuple[dict[str, Any], ...], int, int]:
    """(county rows for the map, agreements in force, agreements without a county) for one sheet and model."""
    on = in_force_on(snapshot)
    if model != ALL_MODELS:
        on = on[on["model"] == model]
    total = len(on)
    placed = on[on["county_fips"].notna()]
    if placed.empty:
        return (), total, total
    models = placed.groupby(["county_fips", "model"]).size().reset_index(name="k")
    models["txt"] = models["model"].map(MODEL_PLAIN) + " " + models["k"].astype(str)
    by_county = placed.groupby("county_fips").agg(
        n_agreements=("agreement_key", "size"),
        n_agencies=("agency_key", "nunique"),
        county=("county_name", "first"),
        state=("state_abbr", "first"),
    )
    by_county["models"] = models.groupby("county_fips")["txt"].agg(", ".join)
    by_county["agreements_class"] = by_county["n_agreements"].map(_count_class)
    by_county["county_label"] = by_county["county"] + ", " + by_county["state"]
    out = by_county.reset_index()[
        ["county_fips", "agreements_class", "county_label", "n_agreements", "n_agencies", "models"]
    ]
    out["n_agreements"] = out["n_agreements"].astype(int)
    out["n_agencies"] = out["n_agencies"].astype(int)
    return tuple(out.to_dict("records")), total, total - len(placed)


class _MapTemplate:
    """A county map spec built once with Altair; each redraw swaps in new values, title and description."""

    def __init__(self) -> None:
        sample = pd.DataFrame(
            [
                {
                    "county_fips": "27001",
                    "agreements_class": "1",
                    "county_label": "x",
                    "n_agreements": 1,
                    "n_agencies": 1,
                    "models": "x",
                }
            ]
        )
        chart = maps.county_choropleth(
            sample,
            value="agreements_class",
            value_type="N",
            colors=COUNT_CLASSES,
            title="template",
            description="template",
            legend_title="Agreements in the county",
            edition="2023",
            name_field="county_label",
            tooltip=[
                ("n_agreements", "Agreements", "Q"),
                ("n_agencies", "Agencies", "Q"),
                ("models", "Models", "N"),
            ],
            value_format=",.0f",
        )
        self.spec = chart.to_dict()
        (self.dataset,) = self.spec["datasets"]

    def fill(self, records: list[dict[str, Any]], title: str, subtitle: list[str], description: str) -> SpecChart:
        spec = copy.copy(self.spec)
        spec["datasets"] = {self.dataset: records}
        spec["title"] = {"text": title, "subtitle": subtitle}
        spec["description"] = description
        return SpecChart(spec)


_TEMPLATE: _MapTemplate | None = None


def county_map_view(model: str, snapshot: pd.Timestamp | str) -> SpecChart:
    """Explorer view: counties with an agreement of `model` in force on the chosen month's last ICE sheet."""
    global _TEMPLATE
    when = pd.Timestamp(snapshot)
    records, total, no_county = _county_records(when, model)
    which = "287(g) agreement" if model == ALL_MODELS else f"{MODEL_PLAIN[model]} agreement"
    if total == 0:
        raise NoData(
            f"ICE's sheet of {day(when)} lists no {which}. (ICE listed no task force agreements from 2021 to "
            "early 2025.) Pick a later month or another model."
        )
    if _TEMPLATE is None:
        _TEMPLATE = _MapTemplate()
    title = f"{n(len(records))} counties had at least one {which} on ICE's sheet of {day(when)}"
    subtitle = [
        f"Agreements in force held by agencies in each county ({'all models' if model == ALL_MODELS else MODEL_PLAIN[model]}); "
        "grey: none listed",
        f"{n(no_county)} of {n(total)} agreements are not on the map: ICE gives no county for them "
        "(city police, state agencies, agreements that ended before 2025)",
    ]
    description = (
        f"County map of the United States for {day(when)}: {n(len(records))} counties are coloured because an agency "
        f"located there held a {which} ({n(total)} agreements in all, {n(no_county)} without a county). "
        "Darker blue means more agreements; grey counties had none listed."
    )
    return _TEMPLATE.fill(list(records), title, subtitle, description)


def counties_with_agreements(snapshot: pd.Timestamp | str, model: str = ALL_MODELS) -> int:
    """How many counties had at least one agreement (of `model`) in force on a sheet."""
    return len(_county_records(pd.Timestamp(snapshot), model)[0])


# ---------------------------------------------------------------------------------------------
# 4. States: ranking and agencies
# ---------------------------------------------------------------------------------------------


def latest_sheet_date() -> pd.Timestamp:
    return pd.Timestamp(load("agreements_287g_totals")["snapshot_date"].max())


def state_ranking() -> pd.DataFrame:
    """Agreements per state on ICE's latest sheet (50 states and DC with at least one), largest first."""
    by_month = load("agreements_287g_by_state_month")
    last = by_month[by_month["snapshot_date"] == by_month["snapshot_date"].max()]
    states = load("states")[["state_abbr"]]
    last = last[last["state_abbr"].isin(states["state_abbr"])]
    wide = last.pivot_table(
        index=["state_name", "state_abbr"], columns="model", values="n_agreements", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(columns=MODELS, fill_value=0)
    wide["n_agreements"] = wide.sum(axis=1)
    out = wide.reset_index().sort_values(["n_agreements", "state_name"], ascending=[False, True]).reset_index(drop=True)
    out.columns.name = None
    out["rank"] = out["n_agreements"].rank(method="min", ascending=False).astype(int)
    return out


def ranking_chart(ranking: pd.DataFrame | None = None) -> alt.Chart:
    """Horizontal bars of agreements per state on the latest sheet, Minnesota highlighted."""
    r = state_ranking() if ranking is None else ranking
    top2 = r.head(2)
    ties = int((r["rank"] == r.loc[r["state_abbr"] == "MN", "rank"].iloc[0]).sum())
    share = 100 * top2["n_agreements"].sum() / r["n_agreements"].sum()
    mn = r[r["state_abbr"] == "MN"].iloc[0]
    when = latest_sheet_date()
    return charts.bar_chart(
        r,
        x="n_agreements",
        y="state_name",
        horizontal=True,
        highlight={"field": "state_name", "value": "Minnesota"},
        title=(
            f"{top2.state_name.iloc[0]} and {top2.state_name.iloc[1]} hold {share:.0f}% of all 287(g) agreements; "
            f"most states' agencies hold a handful"
        ),
        subtitle=f"Agreements held by agencies in each state on ICE's sheet of {day(when)} (states with at least one; Minnesota highlighted)",
        description=(
            f"Horizontal bar chart of {len(r)} states ranked by 287(g) agreements on ICE's sheet of {day(when)}. "
            f"{top2.state_name.iloc[0]} leads with {n(top2.n_agreements.iloc[0])} and {top2.state_name.iloc[1]} follows "
            f"with {n(top2.n_agreements.iloc[1])}; Minnesota has {n(mn['n_agreements'])}"
            f"{f', tied with {ties - 1} other states' if ties > 1 else ''}."
        ),
        x_title="Agreements on ICE's latest sheet",
        y_title="State",
        height=14 * len(r),
        width=520,
    )


@lru_cache(maxsize=1)
def _latest_listings() -> pd.DataFrame:
    rows = _agreement_keys()
    return rows[rows["on_latest_sheet"].astype(bool)]


def state_agencies(state_abbr: str) -> pd.DataFrame:
    """The agreements of one state's agencies on ICE's latest sheet: agency, type, county, model, dates."""
    rows = _latest_listings()
    mine = rows[rows["state_abbr"] == state_abbr]
    names = {abbr: name for name, abbr in state_options()}
    if mine.empty:
        ranking = state_ranking()
        raise NoData(
            f"ICE's sheet of {day(latest_sheet_date())} lists no 287(g) agreement held by an agency in "
            f"{names.get(state_abbr, state_abbr)}. Agencies in {n(len(ranking))} states have one; pick another state."
        )
    out = pd.DataFrame(
        {
            "Agency": mine["agency"],
            "Type (ICE)": mine["agency_type"].fillna("not given"),
            "County": mine["county_name"].fillna("not given"),
            "Model": mine["model"].map(MODEL_PLAIN),
            "Signed": mine["signed_date"].dt.strftime("%Y-%m-%d").fillna("unreadable"),
            "First listed": mine["first_listed"].dt.strftime("%Y-%m-%d"),
        }
    )
    return out.sort_values(["Signed", "Agency"]).reset_index(drop=True)


@dataclass
class HTMLView:
    """A small HTML block (heading sentence and a scrollable table) for an explorer's output."""

    html_text: str

    def _repr_html_(self) -> str:
        return self.html_text


def state_agencies_view(state_abbr: str) -> HTMLView:
    """Explorer view: a sentence and a scrollable table of the chosen state's agreements."""
    table = state_agencies(state_abbr)
    names = {abbr: name for name, abbr in state_options()}
    counts = table["Model"].value_counts()
    parts = ", ".join(f"{n(v)} {k}" for k, v in counts.items())
    dropped = _agreement_keys()
    dropped = dropped[
        (dropped["state_abbr"] == state_abbr)
        & dropped["counts_as_agreement"].astype(bool)
        & ~dropped["on_latest_sheet"].astype(bool)
    ]
    head = (
        f"<p><strong>{html.escape(names.get(state_abbr, state_abbr))}</strong>: {n(len(table))} agreements held by "
        f"{n(table['Agency'].nunique())} agencies on ICE's sheet of {day(latest_sheet_date())} ({html.escape(parts)}). "
        f"{n(len(dropped))} other agreements of the state's agencies were listed at some point since January 2021 "
        "and are no longer on the sheet.</p>"
    )
    body = table.to_html(index=False, border=0, classes="ice-table")
    style = "<style>.ice-table td { white-space: nowrap; }</style>"
    return HTMLView(f"{style}{head}<div style='max-height:340px;overflow-y:auto'>{body}</div>")


# ---------------------------------------------------------------------------------------------
# 5. Limits on cooperation: who counted what
# ---------------------------------------------------------------------------------------------

# (fact key, who counted, what kind of publisher, what exactly was counted)
LIMIT_COUNTS: list[tuple[str, str, str, str]] = [
    (
        "cis_sanctuary_count_2015",
        "Center for Immigration Studies (CIS)",
        "group favouring less immigration",
        '"sanctuary" states, counties and cities',
    ),
    ("ice_noncooperating_2017", "ICE", "federal agency", "jurisdictions ICE counted as not cooperating"),
    (
        "boise_weekly_600_counties_2017",
        "Boise Weekly (likely from ILRC's county data)",
        "newspaper",
        'counties with sanctuary-type policies, mostly limits on detainers: the essay\'s "600"',
    ),
    (
        "ilrc_735_counties_2018",
        "Immigrant Legal Resource Center (ILRC)",
        "immigrant-advocacy group",
        "counties that did not hold people on ICE detainers",
    ),
    (
        "fair_sanctuary_count_2018",
        "FAIR",
        "group favouring less immigration",
        "states and municipalities it calls sanctuaries",
    ),
    (
        "ice_court_noncooperating_jails_2021",
        "ICE, in a federal court filing",
        "federal agency",
        "jails that did not cooperate with detainers",
    ),
    (
        "ice_court_limited_cooperation_jails_2021",
        "ICE, in the same filing",
        "federal agency",
        "further jails that gave limited cooperation",
    ),
    (
        "dhs_sanctuary_list_2025",
        "Department of Homeland Security (DHS)",
        "federal agency",
        '"sanctuary jurisdictions" on a list withdrawn within days',
    ),
    (
        "doj_sanctuary_list_2025",
        "Department of Justice (DOJ)",
        "federal agency",
        '"sanctuary jurisdictions" under Executive Order 14287 (not exhaustive, DOJ says)',
    ),
    (
        "cis_sanctuary_states_2025",
        "Center for Immigration Studies (CIS)",
        "group favouring less immigration",
        "sanctuary states",
    ),
]


def limiting_counts() -> pd.DataFrame:
    """Dated counts of places that limit cooperation, from the facts table: who counted what, and how sure we are.

    The numbers come from `fact(key).cite()`, which also marks every count that the fact sheet does
    not label verified. Counts in different units (counties, jails, jurisdictions, states) are listed,
    never added up or drawn on one axis.
    """
    rows = []
    for key, who, kind, what in LIMIT_COUNTS:
        f = fact(key)
        rows.append(
            {
                "When": f.date_as_printed,
                "Who counted": who,
                "Publisher": kind,
                "What they counted": what,
                "Count (source; confidence)": f.cite(),
                "_date": f.date,
            }
        )
    return pd.DataFrame(rows).sort_values("_date", kind="stable").drop(columns="_date").reset_index(drop=True)


def markdown_table(df: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table (cells keep their Markdown, such as the italics of `cite()`)."""

    def cell(value: Any) -> str:
        return "" if pd.isna(value) else str(value).replace("|", "/").replace("\n", " ")

    head = "| " + " | ".join(df.columns) + " |"
    rule = "|" + "---|" * len(df.columns)
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])


DOJ_CATEGORIES: dict[str, str] = {
    "State listed as a whole": charts.OKABE_ITO["sky_blue"],
    "County listed": charts.OKABE_ITO["blue"],
    "County containing a listed city": charts.OKABE_ITO["orange"],
}


@lru_cache(maxsize=1)
def _counties_2023() -> pd.DataFrame:
    """County FIPS codes and names of the 2023 boundary file (to spread a listed state over its counties)."""
    topo = catalog.read_json(maps.EDITIONS["2023"])
    geoms = topo["objects"]["counties"]["geometries"]
    return pd.DataFrame(
        {"county_fips": [g["id"] for g in geoms], "county_name": [g["properties"]["name"] for g in geoms]}
    )


def doj_by_county() -> pd.DataFrame:
    """Every county touched by DOJ's list of 5 August 2025, with the most specific reason it is coloured.

    Counties of a state listed as a whole get the state's category; a county DOJ named, or one that
    contains a city DOJ named, gets that category instead (cities are shown through their counties).
    """
    listed = load("doj_sanctuary_jurisdictions_2025")
    bridge = load("doj_sanctuary_jurisdiction_counties")
    counties = _counties_2023()
    states = listed[listed["jurisdiction_level"] == "state"]
    rows = []
    for _, st in states.iterrows():
        mine = counties[counties["county_fips"].str[:2] == st["state_fips"]]
        rows += [
            (c, nm, "State listed as a whole", st["jurisdiction"], 3)
            for c, nm in zip(mine.county_fips, mine.county_name, strict=True)
        ]
    label = {"county": "County listed", "city": "County containing a listed city", "state": "State listed as a whole"}
    rank = {"county": 1, "city": 2, "state": 3}
    for _, b in bridge.iterrows():
        rows.append(
            (
                b["county_fips"],
                b["county_name"],
                label[b["jurisdiction_level"]],
                b["jurisdiction"],
                rank[b["jurisdiction_level"]],
            )
        )
    df = pd.DataFrame(rows, columns=["county_fips", "county_name", "category", "jurisdiction", "rank"])
    names = df.groupby("county_fips")["jurisdiction"].agg(lambda s: "; ".join(dict.fromkeys(s)))
    best = df.sort_values(["county_fips", "rank"]).drop_duplicates("county_fips").set_index("county_fips")
    best["listed_as"] = names
    return best.reset_index()[["county_fips", "county_name", "category", "listed_as"]]


def doj_summary() -> dict[str, int]:
    listed = load("doj_sanctuary_jurisdictions_2025")
    counts = listed["jurisdiction_level"].value_counts().to_dict()
    return {"total": len(listed), **{k: int(v) for k, v in counts.items()}}


def doj_map() -> alt.LayerChart:
    """County map of DOJ's 5 August 2025 list: whole states, listed counties, and counties containing listed cities."""
    values = doj_by_county()
    s = doj_summary()
    listed = load("doj_sanctuary_jurisdictions_2025")
    when = listed["list_date"].iloc[0]
    by_cat = values["category"].value_counts()
    return maps.county_choropleth(
        values,
        value="category",
        value_type="N",
        colors=DOJ_CATEGORIES,
        edition="2023",
        name_field="county_name",
        legend_title="On DOJ's list as",
        tooltip=[("category", "On DOJ's list as", "N"), ("listed_as", "DOJ's entry", "N")],
        title=f'DOJ named {n(s["total"])} "sanctuary jurisdictions" on {day(when)}, among them the State of Minnesota',
        subtitle=[
            f"{n(s.get('state', 0))} states (DOJ counts the District of Columbia as one), {n(s.get('county', 0))} counties "
            f"and {n(s.get('city', 0))} cities; cities are shown through the county they lie in",
            "A federal designation under Executive Order 14287, not a measure of local policy",
        ],
        description=(
            f"County map of the DOJ list of {day(when)}: {n(by_cat.get('State listed as a whole', 0))} counties lie in "
            f"states listed as a whole, {n(by_cat.get('County listed', 0))} counties are listed themselves and "
            f"{n(by_cat.get('County containing a listed city', 0))} contain a listed city. Minnesota is listed as a state; "
            "no Minnesota county or city is listed separately."
        ),
    )


def doj_table() -> pd.DataFrame:
    """DOJ's list as a table: level, jurisdiction, state, and the counties a city lies in."""
    listed = load("doj_sanctuary_jurisdictions_2025")
    bridge = load("doj_sanctuary_jurisdiction_counties")
    counties = bridge.sort_values("county_order").groupby("jurisdiction")["county_name"].agg(", ".join)
    out = pd.DataFrame(
        {
            "Level (DOJ)": listed["jurisdiction_level"],
            "Jurisdiction (as printed by DOJ)": listed["jurisdiction"],
            "State": listed["state_name"],
            "County or counties": listed["jurisdiction"].map(counties).fillna("(whole state)"),
        }
    )
    out["_order"] = listed["jurisdiction_level"].map({"state": 0, "county": 1, "city": 2})
    out = out.sort_values(["_order", "State", "Jurisdiction (as printed by DOJ)"]).drop(columns="_order")
    return out.reset_index(drop=True)


EVIDENCE_PLAIN: dict[str, str] = {
    "table_text": "row text seen in a copy of ICE's table",
    "table_text_partial": "row seen, cut off",
    "quoted_secondary": "a news report quotes the row",
    "named_secondary": "a news report names it as listed",
    "named_unclear_section": 'named among ICE\'s "sanctuary jurisdictions"; section unclear',
}


def ddor_sample() -> pd.DataFrame:
    """The recovered rows of ICE's 2017 table of jurisdictions limiting cooperation (a PARTIAL sample)."""
    rows = load("ice_ddor_2017_limited_cooperation")
    if not bool(rows["is_partial_sample"].all()):
        raise ValueError("ice_ddor_2017_limited_cooperation should mark every row as a partial sample")
    out = pd.DataFrame(
        {
            "Jurisdiction (as listed or reported)": rows["jurisdiction_as_listed"],
            "Type": rows["jurisdiction_type"].fillna("not stated"),
            "Enacted": rows["date_enacted"].dt.strftime("%Y-%m").fillna(""),
            "Criteria for honouring detainers (as relayed)": rows["criteria"].fillna("not recovered"),
            "Report(s)": rows["reports"],
            "How the row is known": rows["evidence"].map(EVIDENCE_PLAIN),
        }
    )
    # strongest evidence first (a row seen in the table itself), then by state
    out["_order"] = rows["evidence"].map({k: i for i, k in enumerate(EVIDENCE_PLAIN)})
    out["_state"] = rows["state_name"]
    out = out.sort_values(["_order", "_state", "Jurisdiction (as listed or reported)"]).drop(
        columns=["_order", "_state"]
    )
    return out.reset_index(drop=True)


def ddor_evidence_counts() -> pd.DataFrame:
    """How the recovered rows are known, strongest evidence first."""
    rows = load("ice_ddor_2017_limited_cooperation")
    order = list(EVIDENCE_PLAIN)
    counts = rows["evidence"].value_counts().reindex(order, fill_value=0)
    return pd.DataFrame({"How the row is known": [EVIDENCE_PLAIN[k] for k in order], "Rows": counts.values.astype(int)})


def ddor_coverage() -> str:
    """The catalogue's coverage note for the 2017 table (says how partial the sample is)."""
    return str(catalog.resource("ice_ddor_2017_limited_cooperation")["coverage"])


# ---------------------------------------------------------------------------------------------
# 6. Then and now: the 2017 essay's claims
# ---------------------------------------------------------------------------------------------

# The fact sheet's confidence labels, strongest first: a row is only as sure as its weakest source.
CONFIDENCE_ORDER: list[str] = ["verified", "secondary", "unlabelled", "unverified"]


def _clean_source(text: str) -> str:
    """A source as the sheet prints it, without stray end punctuation ('... work as 1,"' -> '... work as 1"')."""
    text = text.strip().rstrip(",;").strip()
    return re.sub(r',"$', '"', text)


def cite_inline(key: str) -> str:
    """A fact's cite(), with a leading 'About'/'More' lower-cased to sit inside a sentence."""
    f = fact(key)
    text = f.cite()
    if f.source_text:
        text = text.replace(f.source_text, _clean_source(f.source_text), 1)
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first in {"About", "More", "Over", "Fewer"} else text


def source_note(key: str, *, dated: bool = True) -> str:
    """'(source; date; confidence)' of a fact, for a sentence that states the fact in words.

    `dated=False` leaves the fact's own date out: for a sentence about a later state of affairs (the
    sheet dates some items by an earlier event, e.g. the 2017 order for today's fingerprint program),
    or when the sentence gives the period itself.
    """
    f = fact(key)
    parts = [_clean_source(f.source_text)] if f.source_text else []
    if dated and f.date_as_printed and not any(f.date_as_printed in p for p in parts):
        parts.append(f.date_as_printed)
    parts.append(CONFIDENCE_PHRASES.get(f.confidence, CONFIDENCE_PHRASES["unlabelled"]))
    return "(" + "; ".join(parts) + ")"


def short_cite(key: str) -> str:
    """'value unit (confidence)' of a fact, for a sentence whose source is cited elsewhere in the same row."""
    f = fact(key)
    head = str(f.value_text or f.date_as_printed)
    if f.value_text and f.unit and f.value is not None:
        percent = "%" in head and f.unit.startswith("percent")
        head += f.unit[len("percent") :] if percent else f" {f.unit}"
    return f"{head} ({CONFIDENCE_PHRASES.get(f.confidence, CONFIDENCE_PHRASES['unlabelled'])})"


@dataclass
class ClaimRecord:
    """One row of the then-and-now table: the record in 2017 and 2026, the facts cited, and any reworded verdict.

    `verdict` and `label` replace the sheet's one-line verdict where that line states a secondary figure
    as fact or overstates a legal authority; `keys` are the facts the row cites (for its confidence).
    """

    then: str
    now: str
    keys: list[str]
    verdict: str | None = None
    label: str | None = None


class _Cites:
    """Cites facts for one row and remembers which (the row's confidence is that of its weakest source)."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def c(self, key: str) -> str:
        self.keys.append(key)
        return cite_inline(key)

    def s(self, key: str, *, dated: bool = True) -> str:
        self.keys.append(key)
        return source_note(key, dated=dated)

    def short(self, key: str) -> str:
        self.keys.append(key)
        return short_cite(key)


def _last_sentence(text: str) -> str:
    """The last sentence of a verdict (the sheet's caveat), so the series' rewording keeps the sheet's own words."""
    return re.split(r"(?<=\.)\s+(?=[A-Z\"])", text.strip())[-1]


def _then_now_records() -> dict[str, ClaimRecord]:
    """For each claim: what the record said in 2017 and what it says in 2026, written from cited facts."""
    out: dict[str, ClaimRecord] = {}
    sheet = essay_claims().set_index("claim_id")["verdict_text"].astype(str)
    r = _Cites()
    out["a"] = ClaimRecord(
        f"Boise Weekly: {r.c('boise_weekly_600_counties_2017')} had such policies; ICE counted {r.c('ice_noncooperating_2017')}.",
        f"ICE told a court of {r.c('ice_court_noncooperating_jails_2021')} not cooperating with detainers; "
        f"DOJ listed {r.c('doj_sanctuary_list_2025')}.",
        r.keys,
    )
    out["b"] = ClaimRecord("No source for the number was found (fact sheet).", "No source found.", [])
    r = _Cites()
    out["c"] = ClaimRecord(
        f"ILRC: {r.c('ilrc_735_counties_2018')} did not hold people on detainers (published January 2018). "
        f"Hennepin County's jail stopped holding people on detainers alone {r.s('hennepin_detainers_end_2014')}.",
        f"Minnesota's Attorney General issued a formal opinion on {r.c('ag_opinion_detainers_2025')} that state law "
        "bars detainer holds.",
        r.keys,
    )
    r = _Cites()
    out["d"] = ClaimRecord(
        f"Secure Communities covered {r.c('secure_communities_jurisdictions_fy2010')}; localities could not opt out "
        f"{r.s('s1-12')}.",
        "Secondary sources say fingerprint sharing continues and that ICE now describes it under its "
        f'"Criminal Apprehension Program" {r.s("s1-11", dated=False)}.',
        r.keys,
        verdict=(
            "Under Secure Communities, fingerprints taken at booking went to the FBI and were checked automatically "
            "against DHS records, and local agencies could not opt out; that the sharing continues today rests on "
            "secondary sources. " + _last_sentence(sheet["d"])
        ),
    )
    r = _Cites()
    then_e = (
        f"No state law; Minneapolis ordinance since {r.c('mpls_separation_ordinance_2003')}; St. Paul Chapter 44 since "
        f"{r.c('stpaul_chapter44_2004')}."
    )
    now_e = (
        f"Still no statute, but a formal Attorney General opinion of {r.c('ag_opinion_detainers_2025')} says state law "
        f"bars detainer holds; DOJ named the {r.c('doj_sanctuary_list_names_minnesota_2025')}."
    )
    r.keys += ["esparza_v_nobles_2019", "dhs_sanctuary_list_withdrawn_2025"]
    out["e"] = ClaimRecord(
        then_e,
        now_e,
        r.keys,
        verdict=(
            "Accurate in 2017 and still true of state statute in 2026. Since then a formal Attorney General opinion "
            "(2025) says state law bars holding people on ICE detainers, and an unpublished appeals decision (2019) "
            "upheld an injunction against one county, Nobles. DOJ listed the State of Minnesota in August 2025; a DHS "
            "list of May 2025 also named it and was withdrawn within days."
        ),
    )
    r = _Cites()
    then_f = (
        f"ICE had {r.c('ice_deportation_officers_fy2016')} and {r.c('ice_deportation_officers_fy2019')}: the hiring "
        "promise was not met."
    )
    now_f = (
        f"Operation Metro Surge from {fact('metro_surge_start_2025').date_as_printed}: "
        f"{r.c('metro_surge_agents_2026_01_12')} in the Twin Cities, against {r.c('mn_ice_officers_before_surge')} "
        "in Minnesota before."
    )
    r.keys.append("metro_surge_start_2025")
    out["f"] = ClaimRecord(
        then_f,
        now_f,
        r.keys,
        verdict=(
            "As a cause-and-effect claim it cannot be checked. ICE staffing stayed flat in 2017–2020, yet ICE arrests "
            f"in the St. Paul area rose in 2017 {r.s('s1-18', dated=False)}. From {day(fact('metro_surge_start_2025').date)}, "
            f"Operation Metro Surge concentrated federal agents in Minnesota: {r.short('metro_surge_agents_2026_01_12')} "
            f"by mid-January 2026; the peak of {r.short('metro_surge_peak_agents')} is Tom Homan's own figure."
        ),
    )
    r = _Cites()
    out["g1"] = ClaimRecord(
        f"MN Dream Act signed {r.c('mn_dream_act_signed_2013')}.",
        f"Still law; DOJ sued to block it on {r.c('doj_dream_act_lawsuit_2025')}; the outcome was not found.",
        r.keys,
    )
    r = _Cites()
    out["g2"] = ClaimRecord(
        f"Proof of lawful presence was required for a licence from 2003 until a 2023 law {r.s('mn_drivers_licenses_signed_2023')}.",
        f"Licences regardless of status since {r.c('mn_drivers_licenses_effective_2023')}.",
        r.keys,
    )
    r = _Cites()
    out["h"] = ClaimRecord(
        f"The order called for {r.c('eo_13768_10000_officers_2017')}; new deportation-officer hires in the first year: "
        f"{r.c('ice_deportation_officer_hires_2017')}.",
        f"ICE and DHS reported {r.c('ice_new_hires_2026_01')}: the agencies' own claim.",
        r.keys,
        label="True (10,000 figure from secondary sources)",
    )
    return out


VERDICT_PLAIN: dict[str, str] = {
    "broadly_accurate": "Broadly accurate",
    "unverified": "Unverified",
    "accurate": "Accurate",
    "substantially_accurate": "Substantially accurate",
    "overtaken_by_events": "Overtaken by events",
    "true": "True",
    "false_in_2017": "False in 2017",
}
# The sheet words the same verdict two ways ("accurate", "true"); they are counted together.
VERDICT_GROUPS: dict[str, str] = {
    "accurate": "Accurate or true",
    "true": "Accurate or true",
    "broadly_accurate": "Broadly or substantially accurate",
    "substantially_accurate": "Broadly or substantially accurate",
    "overtaken_by_events": "Overtaken by events",
    "false_in_2017": "False in 2017",
    "unverified": "Unverified",
}


def _verdict_cell(verdict: str, text: str, label: str | None = None) -> str:
    """'**Label.** rest of the verdict', never repeating the label inside the text."""
    plain = VERDICT_PLAIN.get(verdict, verdict)
    head = label or plain
    for sentence in (plain, head):
        text = re.sub(rf"(^|(?<=\. )){re.escape(sentence)}\.\s*", "", text, flags=re.IGNORECASE).strip()
    return f"**{head}.** {text}"


def _weakest(labels: list[str]) -> str:
    known = [c if c in CONFIDENCE_ORDER else "unlabelled" for c in labels]
    return max(known, key=CONFIDENCE_ORDER.index) if known else "unlabelled"


def then_and_now() -> pd.DataFrame:
    """Each claim of the 2017 essay: the record in 2017, the record in 2026, the verdict and the weakest confidence.

    The confidence column takes the weaker of the sheet's own label for the claim and the labels of the
    facts the row cites, so a row that quotes a secondary figure never shows as verified.
    """
    claims = essay_claims().sort_values("claim_order")
    records = _then_now_records()
    rows = []
    for _, c in claims.iterrows():
        rec = records.get(str(c["claim_id"]), ClaimRecord("", "", []))
        confidence = _weakest([str(c["confidence"]), *(fact(k).confidence for k in rec.keys)])
        rows.append(
            {
                "Claim": f"({c['claim_id']}) {c['claim_as_listed']}",
                "The record in 2017": rec.then,
                "The record in 2026": rec.now,
                "Verdict": _verdict_cell(str(c["verdict"]), rec.verdict or str(c["verdict_text"]), rec.label),
                "Weakest confidence": confidence,
            }
        )
    return pd.DataFrame(rows)


def then_and_now_keys() -> list[str]:
    """Every fact the then-and-now table cites (for the Sources list)."""
    return sorted({k for rec in _then_now_records().values() for k in rec.keys})


def verdict_counts() -> pd.Series:
    """How many of the essay's claims get each verdict, 'accurate' and 'true' counted together."""
    claims = essay_claims()
    order = list(dict.fromkeys(VERDICT_GROUPS.values()))
    counts = claims["verdict"].map(lambda v: VERDICT_GROUPS.get(str(v), str(v))).value_counts()
    return counts.reindex([g for g in order if g in counts.index])


def verdicts_text() -> str:
    """The verdicts in one sentence: each group, its count and its claims."""
    claims = essay_claims().sort_values("claim_order")
    claims["group"] = claims["verdict"].map(lambda v: VERDICT_GROUPS.get(str(v), str(v)))
    parts = []
    for group, k in verdict_counts().items():
        ids = ", ".join(f"({c})" for c in claims.loc[claims["group"] == group, "claim_id"])
        ids = re.sub(r", ([^,]+)$", r" and \1", ids)
        parts.append(f"{group}, {n(k)} {'claim' if k == 1 else 'claims'}: {ids}")
    return (
        "The fact sheet's verdicts ('accurate' and 'true' counted together; (h) rests on secondary sources): "
        + "; ".join(parts)
        + "."
    )


# ---------------------------------------------------------------------------------------------
# Sentences for the notebook, written from data and facts (so that no number is typed into prose)
# ---------------------------------------------------------------------------------------------


def fingerprints_text() -> str:
    """How fingerprint sharing worked and how far it reached, from the fact sheet; today's program hedged."""
    return (
        "Secure Communities linked the FBI's fingerprint system, IAFIS (the essay's claim also names NGI, Next "
        "Generation Identification, the FBI's newer system), with IDENT, DHS's biometric database. Prints sent to the FBI at "
        f"booking were checked against DHS records, and ICE then decided whether to act {source_note('s1-9')}. The "
        f"program covered {fact('secure_communities_jurisdictions_fy2010').cite()} by the end of fiscal year 2010, and "
        f"DHS said it would take the prints whatever a locality wanted {source_note('s1-12')}. Whether the sharing "
        "works the same way today is known only from secondary sources: they say it continues, under ICE's "
        f'"Criminal Apprehension Program" {source_note("s1-11", dated=False)}.'
    )


def detainer_ruling_text() -> str:
    """The Clackamas County ruling on detainers, the advocates' count that followed, the attorneys general's
    report, and what the series' sources leave out (the federal government's own legal position)."""
    ruling, letter = finding("R78"), finding("R79")
    return (
        f"**A federal court in Oregon ({int(ruling['year'])}, the Clackamas County case):** {ruling['direction_summary']} "
        f"The woman had been {ruling['effect_as_reported']} past her release ({ruling['verification_status']}). After "
        f"the ruling, {letter['authors']}, an advocacy group, counted {letter['effect_as_reported']} that stopped such "
        f"holds within weeks (its own count, {letter['verification_status']}). In {fact('s1-7').cite()}, a group of "
        "state attorneys general led by New York's argued that detainers are voluntary and that honouring them can "
        "breach the Fourth Amendment.\n\n"
        "**What these sources leave out.** This is one ruling by one district court, an advocacy group's count and "
        "a group of state attorneys general. The federal government's own legal position on "
        "detainers is not among the series' sources, so this notebook cannot set it out; read DHS's or DOJ's own "
        "statements before concluding what the law requires everywhere."
    )


def growth_text() -> str:
    """January 2025 against the latest sheet, and reporters' counts to cross-check ICE's sheets."""
    g = growth_numbers()
    tf = "Task Force Model"
    return (
        f"ICE's last sheet of January 2025 ({day(g['jan2025_date'])}) listed **{n(g['jan2025'])} agreements**; the sheet "
        f"of {day(g['latest_date'])} listed **{n(g['latest'])}**, {g['latest'] / g['jan2025']:.0f} times as many. Task "
        f"force agreements went from {n(g['by_model_jan2025'][tf])} to {n(g['by_model_latest'][tf])}. Reporters' counts "
        f"agree with these sheets: {fact('g287_count_2025_01').cite()}; {fact('g287_count_2025_09_17').cite()}; "
        f"{fact('g287_count_2026_03').cite()}."
    )


def counties_text() -> str:
    """Counties with an agreement on the last sheet of January 2025 and on the latest sheet."""
    months = dict(month_options())
    jan, last = months["Jan 2025"], month_options()[-1][1]
    return (
        f"On ICE's sheet of {day(jan)}, agencies in {n(counties_with_agreements(jan))} counties held an agreement; "
        f"on {day(last)}, agencies in {n(counties_with_agreements(last))} counties did."
    )


def mandates_text() -> str:
    """The other side of state policy: laws that require cooperation, from the one study in research_findings."""
    r = finding("R42")
    r2 = state_ranking().head(2)
    return (
        "**Some states require cooperation.** Limits are only one side of state policy: some state laws require local "
        f'agencies to take part in 287(g). Researchers call these "287(g) mandates"; {r["authors"].replace(";", " and")} '
        f"({int(r['year'])}) study their effects on business creation (research_findings R42, {r['verification_status']}; "
        "notebook 05 reads the result). The series' sources do not list which states have such laws or when they "
        f"were passed, so this notebook cannot say how much of {r2.state_name.iloc[0]}'s and {r2.state_name.iloc[1]}'s "
        "lead they explain."
    )


def ddor_intro_text() -> str:
    """What DDOR stands for, how partial the sample is, and what the names in parentheses mean."""
    return (
        "**A partial sample, not the list.** The reports were ICE's weekly *Declined Detainer Outcome Report* (DDOR). "
        f"Coverage of the rows recovered: {ddor_coverage()}. A name in parentheses after a jurisdiction, such as "
        "(Saint Paul) or (Buffalo), is the ICE field office, its *area of responsibility*, under which the table listed "
        "it. Form I-247N, named in one row, is ICE's request to be told before a person is released (no hold). How "
        "each row is known:"
    )


# ---------------------------------------------------------------------------------------------
# Sources: the facts and studies a notebook cites
# ---------------------------------------------------------------------------------------------

FACTS_USED: list[str] = sorted(
    {key for key, *_ in LIMIT_COUNTS}
    | {
        "s1-7",
        "s1-9",
        "s1-11",
        "s1-12",
        "secure_communities_jurisdictions_fy2010",
        "g287_count_2025_01",
        "g287_count_2025_09_17",
        "g287_count_2026_03",
        "boise_weekly_600_counties_2017",
        "ilrc_735_counties_2018",
        "hennepin_detainers_end_2014",
        "ag_opinion_detainers_2025",
        "mpls_separation_ordinance_2003",
        "stpaul_chapter44_2004",
        "doj_sanctuary_list_names_minnesota_2025",
        "ice_deportation_officers_fy2016",
        "ice_deportation_officers_fy2019",
        "metro_surge_start_2025",
        "metro_surge_agents_2026_01_12",
        "metro_surge_peak_agents",
        "mn_ice_officers_before_surge",
        "mn_dream_act_signed_2013",
        "doj_dream_act_lawsuit_2025",
        "mn_drivers_licenses_signed_2023",
        "mn_drivers_licenses_effective_2023",
        "eo_13768_10000_officers_2017",
        "ice_deportation_officer_hires_2017",
        "ice_new_hires_2026_01",
        "esparza_v_nobles_2019",
        "dhs_sanctuary_list_withdrawn_2025",
        "s1-18",
    }
)
FINDINGS_USED: list[str] = ["R78", "R79", "R42"]


def finding(row_id: str) -> pd.Series:
    """One row of research_findings (e.g. 'R78', the Clackamas County detainer ruling)."""
    rows = load("research_findings")
    hit = rows[rows["row_id"] == row_id]
    if hit.empty:
        raise KeyError(f"research_findings has no row '{row_id}'")
    return hit.iloc[0]


def finding_citation(row_id: str) -> str:
    """'Authors (year). Title. Venue. URL (verification status)' for a Sources list."""
    r = finding(row_id)
    return f"{r['authors']} ({r['year']}). *{r['title']}*. {r['venue']}. {r['doi_or_url']} ({r['verification_status']})"


# Private persons named in case titles of the fact sheet: the Sources list names the case by its public party.
PRIVATE_CASE_NAMES: dict[str, str] = {
    "Corey-Gruenes v. Freeborn County": "the taxpayers' case against Freeborn County",
    "Esparza v. Nobles County": "the case against Nobles County",
}


def facts_markdown(keys: list[str]) -> str:
    """A bulleted list of the facts a notebook cites: date, statement (shortened), source, confidence, link.

    Keys that point to the same statement of the sheet (one item cited for two numbers) share one
    bullet, so the list never shows a fact twice.
    """
    lines: list[str] = []
    seen: dict[str, int] = {}
    for key in keys:
        f = fact(key)
        if f.statement in seen:
            i = seen[f.statement]
            lines[i] = lines[i].replace("` (", f"`, `{key}` (", 1)
            continue
        text = f.statement
        for name, plain in PRIVATE_CASE_NAMES.items():
            text = text.replace(name, plain)
        text = text if len(text) <= 220 else text[:217].rsplit(" ", 1)[0] + "…"
        conf = CONFIDENCE_PHRASES.get(f.confidence, CONFIDENCE_PHRASES["unlabelled"])
        link = f" <{f.url}>" if f.url else ""
        seen[f.statement] = len(lines)
        lines.append(f"- `{key}` ({f.date_as_printed or 'undated'}; {conf}): {text}{link}")
    return "\n".join(lines)


def sources_markdown_once(names: list[str]) -> str:
    """`sources_markdown`, with a publisher that the catalogue lists twice for one table (two files) named once."""
    lines = []
    for name in names:
        d = catalog.describe(name)
        unique = list({(s.get("title"), s.get("path"), s.get("repository")): s for s in d.sources}.values())
        lines.append(f"- {replace(d, sources=unique).citation()}")
    return "\n".join(lines)
