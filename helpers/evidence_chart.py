"""The forest chart and the evidence explorer; the rows they draw come from `helpers.evidence`.

One row per finding with a number, one panel per outcome domain and unit (each with its own x axis), so a
percent change is never read against percentage points. A row's note names its outcome and what a value below
the dashed "no difference" line (0, or 1 for a ratio) means. A point is the estimate (shape and colour: design;
filled: verified), a line with caps a 95% confidence interval, a wide pale bar a range across specifications
(never drawn as a CI). Every number is drawn as published, so panels are also split by whether the policy studied
means more or less enforcement: no axis holds both directions (a sanctuary policy is not the mirror image of a
287(g) agreement; `evidence.reverse` re-expresses a number for the other direction where a notebook needs it).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd
from IPython.display import Markdown, display

from . import charts, cite, evidence, widgets
from .charts import GREY, SpecChart
from .inputs import NoData, frame

# Sizes that keep the whole chart within `charts.NARROW` (an 800-pixel-wide window): labels, notes and panel
# headings wrap onto more lines instead.
PLOT_WIDTH, NOTE_WIDTH, LABEL_LIMIT = 200, 190, 150
ROW_STEP, LINE_HEIGHT = 24, 13  # the smallest row; rows grow with the lines their label or note needs
LABEL_CHARS, NOTE_CHARS, HEADER_CHARS = 24, 33, 60  # characters per line: row label, note, panel heading
PUBLISHED_NOTES = ("As published: each number is the effect of the policy its study looked at.",
                   "Panels are split by unit and by whether that policy means more or less enforcement.")
KEY_NOTES = (
    "Line with caps: 95% confidence interval. Wide pale bar: range across specifications, not a confidence "
    "interval. Point alone: no interval published.",
    "Filled point: verified. Hollow point: summary only, or not verified: context only. Dashed line: no difference.",
)
# What "below the dashed line" means, by the policy a row studied.
UNDER = {"287g": "under 287(g)", "secure_communities": "under Secure Communities", "sanctuary": "under sanctuary "
         "policies", "raid": "after raids", "detainer": "under the detainer policy"}  # fmt: skip
# Panels within an outcome: the common units first, per-exposure and one-study units after.
UNIT_ORDER = ["pct", "pp", "ratio", "log", "crime_rate_diff", "dollars_diff", "rate_diff_as_percent", "grams",
              "elasticity", "pct_per_incident", "periods_per_incident", "pct_per_enforcement_rise"]  # fmt: skip
TOOLTIP = {"short_cite": "Study", "row_id": "Finding", "policy_label": "Policy", "policy_means": "Policy means",
           "outcome": "Outcome", "population": "Population", "period_label": "Period studied",
           "effect_as_reported": "In the study's words", "design_label": "Design", "label": "Label"}  # fmt: skip
COLUMNS = [*TOOLTIP, "panel", "panel_label", "panel_order", "order", "row_label", "note", "note_lines",
           "design_family_label", "verified", "unit_axis", "x", "ci_lo", "ci_hi", "range_lo", "range_hi", "has_ci",
           "has_range", "null_value"]  # fmt: skip


def _wrap_parts(parts: Sequence[str], width: int, sep: str = " · ") -> str:
    """Parts joined by `sep`, broken onto new lines between parts (a part longer than `width` wraps inside)."""
    lines: list[str] = []
    for piece in (p for part in parts for p in textwrap.wrap(part, width, break_on_hyphens=False) or [""]):
        if lines and len(lines[-1]) + len(sep) + len(piece) <= width:
            lines[-1] += sep + piece
        else:
            lines.append(piece)
    return "\n".join(lines)


def _flags(row: pd.Series) -> list[str]:
    """The note of one row: its outcome and what below the line means, then how to read its number."""
    under = UNDER.get(row["policy"], f"with {row['policy_means']}")
    flags = [f"{row['outcome']}: below {1 if row['transform'] == evidence.RATIO else 0} = lower {under}"]
    flags += {"range": ["range, not a CI"], "ci_from_se": ["CI from published SE"]}.get(row["interval_kind"], [])
    flags += ["a mechanism, not an effect"] if row["unit_group"] == "elasticity" else []
    flags += [row["label"]] if row["label"] != cite.VERIFIED.label else []
    return [*flags, str(row["design_label"]), str(row["population"])]


def plot_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The rows the chart draws, in drawing order: their panel, label and note, and `x` (point), `ci_lo`/`ci_hi`
    (95% CI) and `range_lo`/`range_hi` (range) as published. NoData if nothing can be drawn."""
    rows = frame(df, "plot_frame", ["plotted", "row_id", "policy_means"])
    rows = rows[rows["plotted"].astype(bool)]
    if rows.empty:
        raise NoData("None of these findings gives a number that can be drawn; see the direction-only list instead.")
    x, lo, hi = rows["effect"], rows["interval_low"], rows["interval_high"]
    has_ci, has_range = rows["interval_kind"].isin(["ci", "ci_from_se"]), rows["interval_kind"] == "range"
    rows = rows.assign(
        x=x, ci_lo=lo.where(has_ci), ci_hi=hi.where(has_ci), range_lo=lo.where(has_range),
        range_hi=hi.where(has_range), has_ci=has_ci.astype(bool), has_range=has_range.astype(bool),
        rank_domain=rows["outcome_domain"].map({d: i for i, d in enumerate(evidence.DOMAINS)}),
        rank_unit=rows["unit_group"].map({g: i for i, g in enumerate(UNIT_ORDER)}).fillna(99),
        rank_means=(rows["policy_means"] == evidence.LESS).astype(int),
        rank_family=rows["design_family"].map({f.key: i for i, f in enumerate(evidence.DESIGN_FAMILIES)}),
        sort_value=x.fillna(lo).astype(float),
    )  # fmt: skip
    rows = rows.sort_values(["rank_domain", "rank_unit", "rank_means", "rank_family", "sort_value"], ignore_index=True)
    head = rows["domain_label"].astype(str).str.split(" \\(").str[0] + " · " + rows["unit_axis"].astype(str)
    tail = "policy means " + rows["policy_means"].astype(str)
    flags = [_flags(r) for _, r in rows.iterrows()]
    rows = rows.assign(
        order=range(len(rows)), panel=head + " · " + tail,  # the heading wraps; the direction gets a line of its own
        panel_label=head.map(lambda h: textwrap.fill(h, HEADER_CHARS, break_on_hyphens=False)) + "\n" + tail,
        row_label=[_wrap_parts([c, i], LABEL_CHARS) for c, i in zip(rows["short_cite"], rows["row_id"], strict=True)],
        note=[" · ".join(f) for f in flags], note_lines=[_wrap_parts(f, NOTE_CHARS) for f in flags],
        period_label=rows["period"].map(evidence.period_text),
        null_value=(rows["transform"] == evidence.RATIO).map({True: 1.0, False: 0.0}),
        verified=(rows["verification_status"] == "verified").astype(bool),
    )  # fmt: skip
    rows["panel_order"] = rows.groupby("panel", sort=False).ngroup()
    return rows[COLUMNS].copy()


@lru_cache(maxsize=1)
def _forest_template() -> SpecChart:
    axis = alt.Axis(labelLimit=LABEL_LIMIT, labelFontSize=11, labelLineHeight=LINE_HEIGHT, domain=False, ticks=False,
                    labelExpr="split(datum.label, '\\n')")  # fmt: skip
    y = alt.Y("row_label:N", sort=alt.EncodingSortField("order", order="ascending"), title=None, axis=axis)
    scale = alt.Scale(zero=False, nice=True, padding=14)
    families = evidence.DESIGN_FAMILIES
    legend = alt.Legend(columns=1, orient="bottom", symbolStrokeWidth=2, symbolOpacity=1, labelLimit=360,
                        direction="vertical")  # fmt: skip
    colour = alt.Color("design_family_label:N", title="Design", legend=legend,
                       scale=alt.Scale(domain=[f.label for f in families], range=[f.colour for f in families]))
    shape = alt.Shape("design_family_label:N", title="Design",
                      scale=alt.Scale(domain=[f.label for f in families], range=[f.shape for f in families]))
    tooltip = [alt.Tooltip(f"{field}:N", title=title) for field, title in TOOLTIP.items()]
    base = alt.Chart()
    x_axis = alt.Axis(tickCount=5, labelOverlap=True, labelFlush=False)
    zero = base.mark_rule(color=GREY, strokeDash=[4, 3]).encode(
        x=alt.X("null_value:Q", scale=scale, title="effect in the unit named above the panel", axis=x_axis))
    with_ci = base.transform_filter(alt.datum.has_ci)
    ci = with_ci.mark_rule(strokeWidth=1.6).encode(x=alt.X("ci_lo:Q", scale=scale), x2="ci_hi:Q", y=y, color=colour)
    caps = [with_ci.mark_tick(thickness=1.6, size=10).encode(x=alt.X(f"{end}:Q", scale=scale), y=y, color=colour)
            for end in ("ci_lo", "ci_hi")]  # fmt: skip
    ranges = base.transform_filter(alt.datum.has_range).mark_bar(
        height=12, opacity=0.35, strokeDash=[3, 2], strokeWidth=1.2, strokeOpacity=1
    ).encode(x=alt.X("range_lo:Q", scale=scale), x2="range_hi:Q", y=y, color=colour, stroke=colour, tooltip=tooltip)
    points = base.transform_filter("isValid(datum.x)").mark_point(size=90, strokeWidth=2, opacity=1).encode(
        x=alt.X("x:Q", scale=scale), y=y, shape=shape, stroke=colour,
        fill=alt.condition(alt.datum.verified, colour, alt.value("white")),
        tooltip=[*tooltip, alt.Tooltip("x:Q", title="Number drawn")])  # fmt: skip
    note = base.mark_text(align="left", baseline="middle", fontSize=11, color="#444444", limit=NOTE_WIDTH,
                          lineBreak="\n", lineHeight=LINE_HEIGHT).encode(
        x=alt.value(PLOT_WIDTH + 10), y=y, text="note_lines:N")  # fmt: skip
    layered = alt.layer(zero, ranges, ci, *caps, points, note).properties(width=PLOT_WIDTH, height=alt.Step(ROW_STEP))
    header = alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start", labelFontSize=13, labelFontWeight=600,
                        labelPadding=6, labelLimit=PLOT_WIDTH + NOTE_WIDTH + 10, labelLineHeight=16,
                        labelExpr="split(datum.value, '\\n')")  # the policy's direction on a line of its own
    panels = alt.Row("panel_label:N", sort=alt.EncodingSortField("panel_order", op="min", order="ascending"),
                     title=None, header=header)
    facet = layered.facet(row=panels, data=pd.DataFrame(columns=COLUMNS), spacing=22)  # rows come with each chart
    chart = facet.resolve_scale(x="independent", y="independent")
    return charts.template(chart.properties(title="template", description="template"))


def forest_chart(df: pd.DataFrame, *, title: str | None = None, subtitle: str | Sequence[str] | None = None,
                 description: str | None = None) -> SpecChart:
    """The forest chart of `df` (a frame from `evidence.findings`); NoData if nothing has a number.

    `subtitle` lines go under the standard notes, which say how the numbers, CIs and ranges are drawn.
    """
    rows, count = plot_frame(df), evidence._count
    panels = rows["panel"].unique()
    description = description or (
        f"Forest chart of {count(len(rows), 'finding')} with a number, in {count(len(panels), 'panel')} "
        f"({'; '.join(panels)}): each number as published, panels split by unit and by whether the policy means "
        f"more or less enforcement. {rows['has_ci'].sum()} with a 95% confidence interval, {rows['has_range'].sum()} "
        "with a range across specifications; the rest give a point only.")
    title = title or f"{count(len(rows), 'finding')} with a number, from {count(rows['short_cite'].nunique(), 'study')}"
    chart = charts.refill(_forest_template(), rows, title=title, description=description, wrap=charts.NARROW,
                          subtitle=[*PUBLISHED_NOTES, *KEY_NOTES, *charts._lines(subtitle)])  # fmt: skip
    lines = max(rows[column].str.count("\n").max() + 1 for column in ("row_label", "note_lines"))
    chart.spec["spec"] = {**chart.spec["spec"], "height": {"step": max(ROW_STEP, LINE_HEIGHT * int(lines) + 8)}}
    return chart


# --- The explorer --------------------------------------------------------------------------------------


class View:
    """Several outputs shown one after another (a sentence, a chart, a table) as one explorer result."""

    def __init__(self, *parts: Any):
        self.parts = [p for p in parts if p is not None]

    def _ipython_display_(self) -> None:
        for part in self.parts:
            display(part)


@lru_cache(maxsize=512)
def _explorer_view(domain: tuple, policy: tuple, design: tuple) -> View:
    """The sentence, chart and list of one canonical selection, computed once (an empty one raises NoData)."""
    df = evidence.findings(policy=list(policy) or None, domain=list(domain) or None, design=list(design) or None)
    k, n_of_m = evidence.count_studies(df), evidence.n_of_m
    causal, nulls = df[df["causal_design"]], df[df["finding_direction"] == evidence.NO_EFFECT]
    sentence = (f"**{evidence._count(k, 'study')}** ({evidence._count(len(df), 'finding')}). {n_of_m(causal, df)} "
                f"{'uses' if k == 1 else 'use'} a design that can support a causal claim; {n_of_m(nulls, df)} "
                f"{'reports' if k == 1 else 'report'} no detectable effect on at least one outcome.")
    label = " and ".join(evidence.DOMAINS[d].split(" (")[0] for d in domain) or "All outcomes"
    try:
        chart = forest_chart(df, title=f"{label}: findings with a number, as published")
    except NoData:
        chart, sentence = None, sentence + " *None of these findings gives a number to draw: see the list below.*"
    rest = df[~df["plotted"]]
    return View(Markdown(sentence), chart, evidence.table(rest, " not drawn: a direction only, or a level or count")
                if len(rest) else None)  # fmt: skip


def explorer_view(domain: Any, policy: Any = "all", design: Any = "all") -> View:
    """What the evidence explorer shows for one selection: a sentence counting studies, the chart, the rest listed."""
    keys, designs = evidence._keys, [evidence.CAUSAL, *(f.key for f in evidence.DESIGN_FAMILIES)]
    return _explorer_view(tuple(keys(domain, evidence.DOMAINS, "domain") or ()),
                          tuple(keys(policy, evidence.POLICIES, "policy") or ()),
                          tuple(keys(design, designs, "design") or ()))


def explorer(default_domain: str = "crime", name: str = "evidence", default_policy: str = "all") -> Any:
    """Dropdowns (outcome first, then policy and design) over what `explorer_view` shows."""
    designs = [("All designs", "all"), ("Designs that can support a causal claim", evidence.CAUSAL),
               *((f.label, f.key) for f in evidence.DESIGN_FAMILIES)]  # fmt: skip
    controls = {
        "domain": widgets.dropdown([("All outcomes", "all"), *((v, k) for k, v in evidence.DOMAINS.items())],
                                   value=default_domain, description="Outcome", width="520px"),
        "policy": widgets.dropdown([("All policies", "all"), *((v, k) for k, v in evidence.POLICIES.items())],
                                   value=default_policy, description="Policy", width="330px"),
        "design": widgets.dropdown(designs, value="all", description="Design", width="420px"),
    }
    return widgets.explorer(explorer_view, controls, name=name)
