"""Notebook 05 (local economies): the economic findings, dated; where studies disagree; local costs;
and Wong's (2017) county comparison repeated with the counties that had 287(g) agreements.

The evidence itself is read through `helpers.evidence` (signs on one footing, design families,
verification); the county gaps through `helpers.county_compare`. This module adds what notebook 05
needs beyond them:

- `dated_table` and `disagreement_table`: findings with the period each study covers (a finding
  without its dates cannot be weighed), and the labour-market findings that disagree, side by side
  with their designs and populations;
- `minneapolis_chart`: the City of Minneapolis's own estimate of January 2026 losses, drawn as
  what it is (a city's preliminary figures, not an effect measured against a comparison);
- `gap_summary`, `survival_chart`, `mirror_table`: the naive and within-strata gaps in county
  income, poverty and unemployment between 287(g) counties and the rest, and which survive;
- `treatment_timing`: when those agreements began, relative to the ACS years the outcomes and the
  strata come from (the post-treatment problem);
- `poverty_units`: what "percent" and "percentage points" would each mean for Wong's poverty gap;
- `say`, `card`, `card_explorer`: sentences and finding cards whose dollar amounts show as dollars.
  JupyterLab reads the text between two `$` signs of a Markdown output as mathematics, so a sentence
  quoting "$6 million" and "$81 million" would turn into italic formula text; these escape `$`.

Every number here is computed from data/ or read from `research_findings`; nothing is typed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from . import county_compare as cc
from . import evidence, text
from .catalog import load
from .charts import GREY, HIGHLIGHT, finish
from .text import n
from .widgets import NoData

DOMAINS: tuple[str, ...] = ("labor_market", "income_poverty", "other")
WONG_ROWS: tuple[str, ...] = ("R01", "R02", "R03", "R04", "R05", "R06")
# Findings on jobs and pay under Secure Communities, 287(g) and local laws that do not all agree.
DISAGREEMENT_ROWS: tuple[str, ...] = ("R37", "R38", "R40", "R43", "R44", "R90", "R41")
MINNEAPOLIS_ROWS: tuple[str, ...] = ("R81", "R82", "R83")
COST_ROWS: tuple[str, ...] = ("R78", "R79", "R77", "R39")

HANDS_ON_YEAR = 2015  # 287(g) agreements active in 2015, the last year of Wong's ACS window
ACS_WINDOW: tuple[int, int] = (2011, 2015)  # ACS 2011-2015: outcomes and strata of the hands-on
HANDS_ON_STRATA = "pop_region"


@dataclass(frozen=True)
class HandsOnOutcome:
    """One county outcome of the hands-on comparison and the Wong (2017) finding it mirrors."""

    column: str
    label: str
    unit: str
    wong_row: str
    decimals: int
    short: str  # one word for titles


HANDS_ON_OUTCOMES: tuple[HandsOnOutcome, ...] = (
    HandsOnOutcome(
        "median_household_income_acs_2011_2015", "Median household income", "US dollars (2015)", "R02", 0, "income"
    ),
    HandsOnOutcome("poverty_pct_acs_2011_2015", "Poverty rate", "percentage points", "R03", 1, "poverty"),
    HandsOnOutcome(
        "unemployment_pct_acs_2011_2015", "Unemployment rate", "percentage points", "R04", 1, "unemployment"
    ),
)
# The county explorer's outcomes: every economic column county_compare has a label for.
EXPLORER_OUTCOMES: tuple[str, ...] = (
    "median_household_income_acs_2011_2015",
    "median_household_income_acs_2013_2017",
    "poverty_pct_acs_2011_2015",
    "poverty_pct_acs_2013_2017",
    "unemployment_rate_laus_2015",
    "unemployment_pct_acs_2013_2017",
    "unemployment_rate_laus_2017",
)

NO_PERIOD = "not stated in the text read"


# --- Markdown with dollar amounts ----------------------------------------------------------------------


say = text.say  # kept for notebook 05's import; helpers.text.say keeps dollar signs as dollar signs
escape_dollars = text.escape_dollars


card = evidence.card  # dollar signs kept literal there (cards quote costs and losses in dollars)


def card_explorer(domains: Sequence[str] = DOMAINS, name: str = "05-card", value: str | None = None) -> Any:
    """A dropdown of this notebook's findings (secondary ones included, marked); the output is the chosen card."""
    from . import widgets

    options = [
        (label + (" (secondary)" if evidence.value(row, "verification_status") == "secondary" else ""), row)
        for label, row in evidence.finding_options(list(domains), include_secondary=True)
    ]
    control = widgets.dropdown(options, value=value, description="Finding", width="680px")
    return widgets.explorer(card, {"row_id": control}, name=name)


# --- Findings, dated --------------------------------------------------------------------------------


def economic_findings(include_secondary: bool = False) -> pd.DataFrame:
    """The findings of this notebook's three outcome domains (jobs and wages; income and poverty; other)."""
    return evidence.findings(domain=list(DOMAINS), include_secondary=include_secondary)


def period_text(period: Any, year: Any = None) -> str:
    """The period a study covers, as stated; where the text read gives none, say so and give the publication year."""
    if isinstance(period, str) and period.strip():
        return period.strip()
    published = "" if year is None or pd.isna(year) else f" (published {int(year)})"
    return NO_PERIOD + published


def _status(row: pd.Series) -> str:
    label = str(row["status_label"])
    return label.upper() if row["verification_status"] == "secondary" else label


def dated_table(df: pd.DataFrame, caption: str | None = None) -> evidence.Table:
    """Every finding of `df` with its citation (linked), the period it covers, design, population and result.

    Like `evidence.table`, plus the period studied: a result from 2008-2013 is not a result about 2026.
    """
    rows = df.reset_index(drop=True)
    if rows.empty:
        raise NoData("No finding to list: widen the selection.")
    frame = pd.DataFrame(
        {
            "Finding": rows["row_id"],
            "Study": [
                f"{c}. {t}. {v}"
                for c, t, v in zip(
                    rows["short_cite"], rows["title"].fillna("(title not seen)"), rows["venue"], strict=True
                )
            ],
            "Period studied": [period_text(p, y) for p, y in zip(rows["period"], rows["year"], strict=True)],
            "Policy": rows["policy_label"],
            "Outcome": rows["outcome"],
            "Population": rows["population"],
            "Design": rows["design_label"]
            + [" (can support a causal claim)" if c else " (association or level)" for c in rows["causal_design"]],
            "Result (effect of more enforcement)": [evidence.result_text(r) for _, r in rows.iterrows()],
            "Status": [_status(r) for _, r in rows.iterrows()],
        }
    )
    links = {i: str(u) for i, u in enumerate(rows["doi_or_url"]) if isinstance(u, str) and u.startswith("http")}
    return evidence.Table(frame, caption or f"{len(frame)} findings, dated, with their sources", links, "Study")


def disagreement_table(rows: Sequence[str] = DISAGREEMENT_ROWS) -> evidence.Table:
    """Jobs-and-pay findings that point different ways, side by side: who was studied, when, how, and what was found.

    Ordered as given (immigrant workers first, then citizens, then employers and all workers), so a
    reader sees that the studies mostly disagree about *whom* enforcement costs work, not about whether
    immigrants themselves lost work.
    """
    df = evidence.findings(rows=list(rows))
    df = df.set_index("row_id").loc[[r for r in rows if r in set(df["row_id"])]].reset_index()
    marker = {evidence.NO_EFFECT: "○ ", evidence.MIXED: "◐ "}
    frame = pd.DataFrame(
        {
            "Finding": df["row_id"],
            "Study": df["short_cite"],
            "Who": df["population"],
            "Period studied": [period_text(p, y) for p, y in zip(df["period"], df["year"], strict=True)],
            "Policy": df["policy_label"],
            "Design": df["design_label"] + [" (causal design)" if c else " (association)" for c in df["causal_design"]],
            "Outcome": df["outcome"],
            "What it found, in the study's words": [
                marker.get(d, "") + str(w)
                for d, w in zip(df["finding_direction"], df["effect_as_reported"], strict=True)
            ],
            "Status": [_status(r) for _, r in df.iterrows()],
        }
    )
    links = {i: str(u) for i, u in enumerate(df["doi_or_url"]) if isinstance(u, str) and u.startswith("http")}
    return evidence.Table(
        frame, f"{len(frame)} findings on jobs and pay, side by side (○ no detectable effect, ◐ mixed)", links, "Study"
    )


def secondary_table() -> evidence.Table:
    """The secondary rows of this notebook's domains, each beside its stated weaknesses: leads, not findings."""
    df = economic_findings(include_secondary=True)
    return evidence.caveats_table(df[df["verification_status"] == "secondary"])


# --- Minneapolis, January 2026 -----------------------------------------------------------------------

MINNEAPOLIS_LABELS = {
    "R81": "Total economic and community impact (at least)",
    "R82": "Wages lost by workers who stayed home",
    "R83": "Revenue lost by restaurants and small businesses",
}
STATUS_DOMAIN = ["verified in the source", "secondary: reported, not verified"]


def minneapolis_frame() -> pd.DataFrame:
    """The City of Minneapolis's January 2026 figures (R81-R83) as published, in millions of dollars."""
    df = evidence.findings(rows=list(MINNEAPOLIS_ROWS), include_secondary=True)
    df = df.set_index("row_id").loc[list(MINNEAPOLIS_ROWS)].reset_index()
    secondary = df["verification_status"] == "secondary"
    return pd.DataFrame(
        {
            "row_id": df["row_id"],
            "item": df["row_id"].map(MINNEAPOLIS_LABELS),
            "millions": df["effect"].astype(float),
            "as_reported": df["effect_as_reported"],
            "status": secondary.map({False: STATUS_DOMAIN[0], True: STATUS_DOMAIN[1]}),
            "label": [
                f"{r} million{' (secondary)' if s else ''}"
                for r, s in zip(
                    df["effect_as_reported"].str.replace(" million", "", regex=False), secondary, strict=True
                )
            ],
            "period": df["period"],
        }
    )


def minneapolis_chart() -> alt.LayerChart:
    """Bars of the city's own figures; the secondary one hollow and dashed. Not effects: no comparison group."""
    data = minneapolis_frame()
    total = data.set_index("row_id").loc["R81"]
    parts = data[data["row_id"] != "R81"]
    y = alt.Y("item:N", sort=list(data["item"]), title=None, axis=alt.Axis(labelLimit=320))
    x = alt.X(
        "millions:Q",
        title="Estimated amount, millions of US dollars (January 2026)",
        scale=alt.Scale(domainMax=float(data["millions"].max()) * 1.35),
    )
    status = alt.Scale(domain=STATUS_DOMAIN, range=[HIGHLIGHT, "#FFFFFF"])
    bars = (
        alt.Chart(data)
        .mark_bar(height=22, strokeWidth=2)
        .encode(
            x=x,
            y=y,
            fill=alt.Fill(
                "status:N",
                title="How the figure was checked",
                scale=status,
                legend=alt.Legend(orient="bottom", labelLimit=400),
            ),
            stroke=alt.Stroke("status:N", scale=alt.Scale(domain=STATUS_DOMAIN, range=[HIGHLIGHT, GREY]), legend=None),
            strokeDash=alt.StrokeDash(
                "status:N", scale=alt.Scale(domain=STATUS_DOMAIN, range=[[1, 0], [5, 3]]), legend=None
            ),
            tooltip=[
                alt.Tooltip("row_id:N", title="Finding"),
                alt.Tooltip("item:N", title="What"),
                alt.Tooltip("as_reported:N", title="As the city reported it"),
                alt.Tooltip("status:N", title="Checked"),
                alt.Tooltip("period:N", title="Period"),
            ],
        )
    )
    text = alt.Chart(data).mark_text(align="left", dx=6, fontSize=12, color="#333333").encode(x=x, y=y, text="label:N")
    chart = alt.layer(bars, text).properties(width=440, height=alt.Step(40))
    return finish(
        chart,
        title=f"Minneapolis's own estimate: {total['as_reported']} in impact from one month of the federal surge",
        subtitle=[
            f"City of Minneapolis, preliminary impact assessment; period: {total['period']}. The city's figures, not peer reviewed.",
            "A rapid estimate from administrative figures and voluntary business surveys, with no comparison group:",
            "not an effect estimated by a study. The city calls its totals likely undercounts.",
            "Filled bars: read in the city's own text. Hollow dashed bar: read only in secondary coverage, context only.",
        ],
        description=(
            f"Bar chart of the City of Minneapolis's January 2026 estimates, in millions of dollars: total impact "
            f"{total['as_reported']}; "
            + "; ".join(f"{r.item.lower()} {r.as_reported} ({r.status})" for r in parts.itertuples())
            + ". The total is larger than the parts shown."
        ),
    )


# --- Wong (2017) and the hands-on comparison ------------------------------------------------------


def wong_table() -> evidence.Table:
    """Wong's six findings (two of them secondary): his words, the same number read as more enforcement, and status.

    One study, one design, so the table drops the repeated citation and design and keeps what differs.
    """
    df = evidence.findings(rows=list(WONG_ROWS), include_secondary=True)
    frame = pd.DataFrame(
        {
            "Finding": df["row_id"],
            "Outcome": df["outcome"],
            "Sanctuary minus matched counties, as published": df["effect_as_reported"],
            "Read as the effect of more enforcement": [
                evidence.result_text(r).split("; sign flipped")[0] for _, r in df.iterrows()
            ],
            "Status": [_status(r) for _, r in df.iterrows()],
        }
    )
    first = df.iloc[0]
    caption = (
        f"{first['short_cite']}, {first['venue']}: {len(frame)} findings from one {first['design_label']}; "
        f"period studied: {period_text(first['period'], first['year'])}"
    )
    return evidence.Table(frame, caption, {i: str(first["doi_or_url"]) for i in range(len(frame))}, "Finding")


def poverty_units(column: str = "poverty_pct_acs_2011_2015", row_id: str = "R03") -> dict[str, float]:
    """What Wong's poverty figure would mean in each unit, on the average county's poverty rate.

    'Percent lower' would be a share of the rate (a small change in points); 'percentage points lower'
    a change of the rate itself (a large share of it). The table records the report's word 'percent'.
    """
    mean_rate = float(load("county_indicators")[column].astype(float).mean())
    size = abs(float(evidence.value(row_id, "effect")))
    return {
        "mean_rate": mean_rate,
        "size": size,
        "if_percent_points": mean_rate * size / 100,  # 'percent lower' read literally, in points
        "if_points_percent": 100 * size / mean_rate,  # 'percentage points lower' as a share of the rate
    }


def treatment_timing(year: int = HANDS_ON_YEAR, window: tuple[int, int] = ACS_WINDOW) -> pd.DataFrame:
    """For each county with a county 287(g) agreement active in `year`: first year active, and whether the
    agreement was in force in every year of the ACS `window` (Washington Post list, CC BY-NC-SA 4.0)."""
    treated = cc.treated_counties_287g(year)
    years = load("wapo_287g_agency_years")
    years = years[years["county_fips"].isin(treated)]
    active = years.groupby("county_fips")["year"].apply(lambda s: {int(v) for v in s})
    first = years.groupby("county_fips")["year"].min().astype(int)
    start, end = window
    return pd.DataFrame(
        {
            "county_fips": first.index,
            "first_year_active": first.to_numpy(),
            "active_whole_window": [all(y in active[f] for y in range(start, end + 1)) for f in first.index],
            "began_before_window": (first < start).to_numpy(),
        }
    ).reset_index(drop=True)


@lru_cache(maxsize=4)
def _summary(year: int, strata: str) -> pd.DataFrame:
    frame = cc.county_frame(year)
    rows = []
    for o in HANDS_ON_OUTCOMES:
        c = cc.compare(frame, o.column, strata)
        (nlo, nhi), (alo, ahi) = c.naive_ci, c.adjusted_ci
        naive_clear = nlo > 0 or nhi < 0
        adjusted_clear = alo > 0 or ahi < 0
        survives = naive_clear and adjusted_clear and (c.naive_gap > 0) == (c.adjusted_gap > 0)
        verdict = (
            "survives: still clear among similar counties"
            if survives
            else "does not survive: among similar counties the interval includes zero"
            if naive_clear
            else "no clear gap even before adjusting"
        )
        rows.append(
            {
                "column": o.column,
                "outcome": o.label,
                "short": o.short,
                "unit": o.unit,
                "decimals": o.decimals,
                "wong_row": o.wong_row,
                "n_treated": c.n_treated,
                "n_control": c.n_control,
                "treated_mean": c.treated_mean,
                "control_mean": c.control_mean,
                "naive_gap": c.naive_gap,
                "naive_low": nlo,
                "naive_high": nhi,
                "adjusted_gap": c.adjusted_gap,
                "adjusted_low": alo,
                "adjusted_high": ahi,
                "share_confounding": c.share_confounding,
                "n_treated_used": c.n_treated_used,
                "naive_clear": naive_clear,
                "survives": survives,
                "verdict": verdict,
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["year"] = year
    return out


def gap_summary(year: int = HANDS_ON_YEAR, strata: str = HANDS_ON_STRATA) -> pd.DataFrame:
    """Naive and within-strata gaps (287(g) counties minus the rest) in income, poverty and unemployment.

    `naive_clear`: the naive 95% interval excludes zero. `survives`: so does the within-strata one,
    with the same sign. Neither is causal (see the notebook): this is a description of counties.
    """
    return _summary(int(year), strata).copy()


def survival_chart(summary: pd.DataFrame, strata: str = HANDS_ON_STRATA) -> alt.FacetChart:
    """One panel per outcome (each with its own unit): the naive gap and the gap among similar counties, with 95% intervals."""
    naive_label, within_label = "Naive: all counties", f"Within {cc.STRATA[strata].label.lower()}"
    long = []
    for r in summary.itertuples():
        panel = f"{r.outcome} ({r.unit})"
        long.append(
            {
                "panel": panel,
                "comparison": naive_label,
                "gap": r.naive_gap,
                "low": r.naive_low,
                "high": r.naive_high,
                "zero": 0.0,
                "verdict": r.verdict,
            }
        )
        long.append(
            {
                "panel": panel,
                "comparison": within_label,
                "gap": r.adjusted_gap,
                "low": r.adjusted_low,
                "high": r.adjusted_high,
                "zero": 0.0,
                "verdict": r.verdict,
            }
        )
    data = pd.DataFrame(long)
    domain, colours, shapes = [naive_label, within_label], [cc.TREATED_COLOUR, cc.CONTROL_COLOUR], ["square", "circle"]
    x_title = "Gap: 287(g) counties minus other counties (unit in the panel title)"
    y = alt.Y("comparison:N", sort=domain, title=None, axis=alt.Axis(labelLimit=300))
    base = alt.Chart()
    zero = base.mark_rule(color=GREY, strokeDash=[4, 3]).encode(x=alt.X("zero:Q", title=x_title))
    ci = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("low:Q", title=x_title),
        x2="high:Q",
        y=y,
        color=alt.Color("comparison:N", scale=alt.Scale(domain=domain, range=colours), legend=None),
    )
    points = base.mark_point(size=110, filled=True, opacity=1).encode(
        x=alt.X("gap:Q", title=x_title),
        y=y,
        color=alt.Color("comparison:N", title="Comparison", scale=alt.Scale(domain=domain, range=colours)),
        shape=alt.Shape("comparison:N", title="Comparison", scale=alt.Scale(domain=domain, range=shapes)),
        tooltip=[
            alt.Tooltip("panel:N", title="Outcome"),
            alt.Tooltip("comparison:N", title="Comparison"),
            alt.Tooltip("gap:Q", title="Gap", format=",.2f"),
            alt.Tooltip("low:Q", title="95% interval from", format=",.2f"),
            alt.Tooltip("high:Q", title="95% interval to", format=",.2f"),
            alt.Tooltip("verdict:N", title="Verdict"),
        ],
    )
    layered = alt.layer(zero, ci, points).properties(width=420, height=alt.Step(30))
    facet = layered.facet(
        row=alt.Row(
            "panel:N",
            sort=[f"{o.label} ({o.unit})" for o in HANDS_ON_OUTCOMES],
            title=None,
            header=alt.Header(
                labelAngle=0, labelOrient="top", labelAnchor="start", labelFontSize=13, labelFontWeight=600
            ),
        ),
        data=data,
        spacing=18,
    ).resolve_scale(x="independent")
    clear = summary[summary["naive_clear"]]
    kept = int(clear["survives"].sum())
    year = summary.attrs.get("year", HANDS_ON_YEAR)
    names = " and ".join(clear["short"])
    if clear.empty:
        title = "No outcome shows a clear naive gap between 287(g) counties and the rest"
    elif kept == 0:
        title = f"The clear naive gaps in {names} do not survive among counties of similar size and region"
    else:
        title = f"{n(kept)} of the {n(len(clear))} clear naive gaps ({names}) survive a comparison of similar counties"
    return finish(
        facet,
        title=title,
        subtitle=[
            f"Mean of counties with a county 287(g) agreement active in {year} (Washington Post list) minus mean of all other counties; ACS {ACS_WINDOW[0]}-{ACS_WINDOW[1]}.",
            "Square: all counties (naive). Circle: average of the gaps within groups of similar population size and Census region. Lines: approximate 95% intervals.",
        ],
        description=(
            f"Dot chart in {len(summary)} panels, one per outcome, each with its own unit. "
            + " ".join(
                f"{r.outcome}: naive gap {cc.signed(r.naive_gap, r.decimals)}, within similar counties {cc.signed(r.adjusted_gap, r.decimals)} ({r.verdict})."
                for r in summary.itertuples()
            )
        ),
    )


def _fmt(value: float, unit: str, decimals: int) -> str:
    text = cc.signed(value, decimals)
    return f"{text} dollars" if unit.startswith("US dollars") else f"{text} {'points' if 'points' in unit else unit}"


def mirror_table(year: int = HANDS_ON_YEAR, strata: str = HANDS_ON_STRATA) -> evidence.Table:
    """Wong's three economic gaps beside ours, all read as 'more enforcement minus less'.

    Wong's figures are sanctuary minus matched non-sanctuary counties; flipped, they read as
    non-sanctuary minus sanctuary. Ours are 287(g) counties minus all others. Different treatments:
    the table puts them side by side to compare designs, not to check one result against the other.
    """
    summary = gap_summary(year, strata)
    rows = []
    for r in summary.itertuples():
        unit_word = "dollars" if r.unit.startswith("US dollars") else "'percent' as worded"
        wong_more = float(evidence.value(r.wong_row, "effect_more_enforcement"))
        rows.append(
            {
                "Outcome": f"{r.outcome} (ACS {ACS_WINDOW[0]}-{ACS_WINDOW[1]})",
                "Wong (2017): sanctuary minus matched counties, as published": f"{evidence.value(r.wong_row, 'effect_as_reported')} ({r.wong_row})",
                "Wong, read as more enforcement minus less": f"{cc.signed(wong_more, r.decimals)} {unit_word}",
                f"287(g) counties minus all others, {year} (naive)": _fmt(r.naive_gap, r.unit, r.decimals),
                f"… within {cc.STRATA[strata].label.lower()}": _fmt(r.adjusted_gap, r.unit, r.decimals),
                "Does the naive gap survive?": r.verdict,
            }
        )
    caption = "Wong's published gaps beside the 287(g) comparison, all read as more enforcement minus less"
    return evidence.Table(pd.DataFrame(rows), caption)


def county_explorer(name: str = "05-county-gap") -> Any:
    """The county comparison explorer on the economic outcomes (first control: an Outcome dropdown)."""
    return cc.explorer(
        outcomes=list(EXPLORER_OUTCOMES),
        years=(2015, 2017),
        default_year=HANDS_ON_YEAR,
        quality_control=False,
        name=name,
    )
