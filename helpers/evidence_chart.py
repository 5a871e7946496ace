"""The forest chart and the evidence explorer (the data they draw come from `helpers.evidence`).

One row per finding with a number, one panel per outcome and unit, each panel with its own x axis,
so a percent change is never read against percentage points or grams. On every row:

- a point for the estimate (shape and colour = design family; filled = verified, hollow = summary
  only or not verified: context only);
- a line with caps for a 95% confidence interval, where the source published one (or a standard error);
- a wide pale bar with a dashed outline for a range across specifications, never drawn as a CI
  (such rows have no point estimate, so no point);
- a dashed line at "no difference" (0, or 1 for ratios), and flags, design and population at the right.

Two views, and every chart says which one it is in its subtitle:

- `view="published"` (the default): each number as published, the effect of the policy it studied.
  Panels split by unit AND by whether that policy means more or less enforcement, so no axis holds
  both directions.
- `view="aligned"`: both directions on one axis per unit, as "the effect of more enforcement". Rows
  about policies that mean less enforcement are transformed by `evidence.align` (ratios inverted,
  percent changes p -> 100 × (1/(1+p/100) − 1), differences negated, interval ends swapped) and
  their flag gives the published numbers.

Speed: Altair builds and validates the chart once (`helpers.charts.template`); each call refills it
with rows, title, subtitle and description (`charts.refill`). The explorer draws from rows prepared
once per kernel and remembers each selection it has shown.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd
from IPython.display import HTML, Markdown, display

from . import charts, cite, evidence
from .catalog import NoData
from .charts import GREY, SpecChart

PUBLISHED = "published"
ALIGNED = "aligned"
VIEWS: dict[str, str] = {
    "As published (no axis mixes directions)": PUBLISHED,
    "Both directions on one axis (transformed)": ALIGNED,
}
# Sizes chosen so the whole chart (labels, plot, notes, legend) fits `charts.NARROW`, the room JupyterLab leaves a
# chart at an 800-pixel-wide window: long labels, notes, titles and panel headings wrap onto more lines.
PLOT_WIDTH = 200
ROW_STEP = 24  # the smallest row; rows grow with the number of lines their label or note needs
LINE_HEIGHT = 13
LABEL_LIMIT = 150
LABEL_CHARS = 24  # characters per line of a row label (study · finding)
NOTE_WIDTH = 190
NOTE_CHARS = 33  # characters per line of the note column
HEADER_CHARS = 60  # characters per line of a panel's heading (13 px, bold)
PUBLISHED_NOTE = "As published: each number is the effect of the policy its study looked at."
PUBLISHED_NOTES = (
    PUBLISHED_NOTE,
    "Panels are split by unit and by whether that policy means more or less enforcement.",
)
ALIGNED_NOTES = (
    "BOTH DIRECTIONS ON ONE AXIS: rows about policies that mean less enforcement are re-expressed as the "
    "effect of more enforcement",
    "(ratios inverted; a percent change p becomes 100 × (1/(1+p/100) − 1); differences negated; interval ends "
    "swapped). A sanctuary policy is not the mirror image of a 287(g) agreement.",
)
KEY_NOTE = (
    "Line with caps: 95% confidence interval. Wide pale bar: range across specifications, not a confidence "
    "interval. Point alone: no interval published."
)
FILL_NOTE = (
    "Filled point: verified. Hollow point: summary only, or not verified: context only. Dashed line: no difference."
)
NOTHING_DRAWN = "None of these findings gives a number that can be drawn; see the direction-only list instead."
# Panels within an outcome: the common units first, per-exposure and one-study units after.
UNIT_DISPLAY_ORDER = [
    "pct", "pp", "ratio", "log", "crime_rate_diff", "dollars_diff", "rate_diff_as_percent", "grams",
    "elasticity", "pct_per_incident", "periods_per_incident", "pct_per_enforcement_rise",
]  # fmt: skip
COLUMNS = [
    "panel", "panel_label", "panel_order", "order", "row_id", "row_label", "note", "note_lines", "short_cite",
    "outcome", "population",
    "period_label", "effect_as_reported", "policy_label", "policy_means", "design_family_label", "design_label",
    "label", "verified", "unit_axis", "x", "ci_lo", "ci_hi", "range_lo", "range_hi", "has_ci", "has_range",
    "null_value",
]  # fmt: skip


def _wrap_parts(parts: Sequence[str], width: int, sep: str = " · ") -> str:
    """Parts joined by `sep`, broken onto new lines between parts (a part longer than `width` wraps inside)."""
    lines: list[str] = []
    for part in parts:
        for piece in textwrap.wrap(part, width, break_on_hyphens=False) or [""]:
            if lines and len(lines[-1]) + len(sep) + len(piece) <= width:
                lines[-1] += sep + piece
            else:
                lines.append(piece)
    return "\n".join(lines)


# --- The rows to draw --------------------------------------------------------------------------------


def _flags(row: pd.Series, view: str) -> list[str]:
    ratio = row["transform"] == evidence.RATIO
    flags = []
    if view == ALIGNED and row["reversed"]:
        published = (
            f"{evidence.signed(row['interval_low'], ratio)} to {evidence.signed(row['interval_high'], ratio)}"
            if row["interval_kind"] == "range"
            else evidence.signed(row["effect"], ratio)
        )
        flags.append(f"reversed: published {published}, {row['policy_label'].split(' (')[0].lower()}")
    if row["interval_kind"] == "range":
        flags.append("range, not a CI")
    if row["interval_kind"] == "ci_from_se":
        flags.append("CI from published SE")
    if row["unit_group"] == "elasticity":
        flags.append("a mechanism, not an effect")
    if row["label"] != cite.VERIFIED.label:
        flags.append(row["label"])
    return [*flags, str(row["design_label"]), str(row["population"])]


def plot_frame(df: pd.DataFrame, view: str = PUBLISHED) -> pd.DataFrame:
    """The rows the chart draws, in drawing order, with their panel and generic x columns.

    `x` (point), `ci_lo`/`ci_hi` (95% CI), `range_lo`/`range_hi` (range) hold published numbers in the
    published view and `evidence.align`ed ones in the aligned view. NoData if nothing can be drawn.
    """
    if view not in (PUBLISHED, ALIGNED):
        raise ValueError(f"view must be {PUBLISHED!r} or {ALIGNED!r}, not {view!r}")
    rows = df[df["plotted"].astype(bool)]
    if view == ALIGNED:
        rows = evidence.align(rows)
        rows = rows[rows["aligned_effect"].notna() | rows["aligned_low"].notna()]
        x, lo, hi = rows["aligned_effect"], rows["aligned_low"], rows["aligned_high"]
    else:
        x, lo, hi = rows["effect"], rows["interval_low"], rows["interval_high"]
    if rows.empty:
        raise NoData(NOTHING_DRAWN)
    has_ci, has_range = rows["interval_kind"].isin(["ci", "ci_from_se"]), rows["interval_kind"] == "range"
    rows = rows.assign(
        x=x, ci_lo=lo.where(has_ci), ci_hi=hi.where(has_ci), range_lo=lo.where(has_range),
        range_hi=hi.where(has_range), has_ci=has_ci.astype(bool), has_range=has_range.astype(bool),
        rank_domain=rows["outcome_domain"].map({d: i for i, d in enumerate(evidence.DOMAINS)}),
        rank_unit=rows["unit_group"].map({g: i for i, g in enumerate(UNIT_DISPLAY_ORDER)}).fillna(99),
        rank_means=(rows["policy_means"] == evidence.LESS).astype(int) if view == PUBLISHED else 0,
        rank_family=rows["design_family"].map({f.key: i for i, f in enumerate(evidence.DESIGN_FAMILIES)}),
        sort_value=x.fillna(lo).astype(float),
    )  # fmt: skip
    rows = rows.sort_values(["rank_domain", "rank_unit", "rank_means", "rank_family", "sort_value"])
    rows = rows.reset_index(drop=True)
    head = rows["domain_label"].astype(str).str.split(" \\(").str[0] + " · " + rows["unit_axis"].astype(str)
    tail = (
        "as the effect of more enforcement" if view == ALIGNED else "policy means " + rows["policy_means"].astype(str)
    )
    flags = [_flags(r, view) for _, r in rows.iterrows()]
    rows = rows.assign(
        order=range(len(rows)),
        panel=head + " · " + tail,
        # the heading wraps; the policy's direction goes on a line of its own
        panel_label=["\n".join([*textwrap.wrap(h, HEADER_CHARS, break_on_hyphens=False), t])
                     for h, t in zip(head, pd.Series(tail, index=rows.index), strict=True)],
        row_label=[_wrap_parts([c, i], LABEL_CHARS) for c, i in zip(rows["short_cite"], rows["row_id"], strict=True)],
        note=[" · ".join(f) for f in flags],
        note_lines=[_wrap_parts(f, NOTE_CHARS) for f in flags],
        period_label=rows["period"].map(evidence.period_text),
        null_value=(rows["transform"] == evidence.RATIO).map({True: 1.0, False: 0.0}),
        verified=(rows["verification_status"] == "verified").astype(bool),
    )  # fmt: skip
    rows["panel_order"] = rows.groupby("panel", sort=False).ngroup()
    return rows[COLUMNS].copy()


# --- The chart -----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _forest_template() -> SpecChart:
    y = alt.Y(
        "row_label:N",
        sort=alt.EncodingSortField("order", order="ascending"),
        title=None,
        axis=alt.Axis(
            labelLimit=LABEL_LIMIT,
            labelFontSize=11,
            labelLineHeight=LINE_HEIGHT,
            labelExpr="split(datum.label, '\\n')",
            domain=False,
            ticks=False,
        ),
    )
    x_title = "effect in the unit named above the panel"
    scale = alt.Scale(zero=False, nice=True, padding=14)
    families = evidence.DESIGN_FAMILIES
    colour = alt.Color(
        "design_family_label:N",
        title="Design",
        scale=alt.Scale(domain=[f.label for f in families], range=[f.colour for f in families]),
        legend=alt.Legend(
            columns=1, orient="bottom", symbolStrokeWidth=2, symbolOpacity=1, labelLimit=360, direction="vertical"
        ),
    )
    shape_scale = alt.Scale(domain=[f.label for f in families], range=[f.shape for f in families])
    shape = alt.Shape("design_family_label:N", title="Design", scale=shape_scale)
    tooltip = [alt.Tooltip(f"{field}:N", title=title) for field, title in (
        ("short_cite", "Study"), ("row_id", "Finding"), ("policy_label", "Policy"), ("policy_means", "Policy means"),
        ("outcome", "Outcome"), ("population", "Population"), ("period_label", "Period studied"),
        ("effect_as_reported", "In the study's words"), ("design_label", "Design"), ("label", "Label"),
    )]  # fmt: skip
    base = alt.Chart()
    x_axis = alt.Axis(tickCount=5, labelOverlap=True, labelFlush=False)
    zero = base.mark_rule(color=GREY, strokeDash=[4, 3]).encode(
        x=alt.X("null_value:Q", scale=scale, title=x_title, axis=x_axis)
    )
    with_ci = base.transform_filter(alt.datum.has_ci)
    ci = with_ci.mark_rule(strokeWidth=1.6).encode(x=alt.X("ci_lo:Q", scale=scale), x2="ci_hi:Q", y=y, color=colour)
    caps = [
        with_ci.mark_tick(thickness=1.6, size=10).encode(x=alt.X(f"{end}:Q", scale=scale), y=y, color=colour)
        for end in ("ci_lo", "ci_hi")
    ]
    ranges = (
        base.transform_filter(alt.datum.has_range)
        .mark_bar(height=12, opacity=0.35, strokeDash=[3, 2], strokeWidth=1.2, strokeOpacity=1)
        .encode(x=alt.X("range_lo:Q", scale=scale), x2="range_hi:Q", y=y, color=colour, stroke=colour, tooltip=tooltip)
    )
    points = (
        base.transform_filter("isValid(datum.x)")
        .mark_point(size=90, strokeWidth=2, opacity=1)
        .encode(
            x=alt.X("x:Q", scale=scale),
            y=y,
            shape=shape,
            stroke=colour,
            fill=alt.condition(alt.datum.verified, colour, alt.value("white")),
            tooltip=[*tooltip, alt.Tooltip("x:Q", title="Number drawn")],
        )
    )
    note = base.mark_text(
        align="left",
        baseline="middle",
        fontSize=11,
        color="#444444",
        limit=NOTE_WIDTH,
        lineBreak="\n",
        lineHeight=LINE_HEIGHT,
    ).encode(x=alt.value(PLOT_WIDTH + 10), y=y, text="note_lines:N")
    layered = alt.layer(zero, ranges, ci, *caps, points, note).properties(width=PLOT_WIDTH, height=alt.Step(ROW_STEP))
    facet = layered.facet(
        row=alt.Row(
            "panel_label:N",
            sort=alt.EncodingSortField("panel_order", op="min", order="ascending"),
            title=None,
            header=alt.Header(
                labelAngle=0,
                labelOrient="top",
                labelAnchor="start",
                labelFontSize=13,
                labelFontWeight=600,
                labelPadding=6,
                labelLimit=PLOT_WIDTH + NOTE_WIDTH + 10,
                labelLineHeight=16,
                labelExpr="split(datum.value, '\\n')",  # the policy's direction on a line of its own
            ),
        ),
        data=pd.DataFrame(columns=COLUMNS),  # the rows come with each chart (`charts.refill`)
        spacing=22,
    )
    chart = facet.resolve_scale(x="independent", y="independent")
    return charts.template(chart.properties(title="template", description="template"))


def _draw(
    rows: pd.DataFrame,
    view: str,
    title: str | None = None,
    subtitle: str | Sequence[str] | None = None,
    description: str | None = None,
) -> SpecChart:
    """The forest chart of rows from `plot_frame` (in drawing order)."""
    count = evidence._count
    panels = list(dict.fromkeys(rows["panel"]))
    how = (
        "each number as published, the effect of the policy studied; panels split by unit and by whether the policy "
        "means more or less enforcement"
        if view == PUBLISHED
        else "both directions on one axis per unit: rows about policies that mean less enforcement are transformed "
        "to read as the effect of more enforcement"
    )
    description = description or (
        f"Forest chart of {count(len(rows), 'finding')} with a number, in {count(len(panels), 'panel')} "
        f"({'; '.join(panels)}); {how}. {rows['has_ci'].sum()} with a 95% confidence interval, "
        f"{rows['has_range'].sum()} with a range across specifications; the rest give a point only."
    )
    notes = list(PUBLISHED_NOTES) if view == PUBLISHED else [" ".join(ALIGNED_NOTES)]  # each a line, or wrapped
    extra = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    studies = rows["short_cite"].nunique()
    chart = charts.refill(
        _forest_template(),
        rows,
        title=title or f"{count(len(rows), 'finding')} with a number, from about {studies} studies",
        subtitle=[*notes, KEY_NOTE, FILL_NOTE, *extra],
        description=description,
        wrap=charts.NARROW,
    )
    lines = max(rows[column].str.count("\n").max() + 1 for column in ("row_label", "note_lines"))
    chart.spec["spec"] = {**chart.spec["spec"], "height": {"step": max(ROW_STEP, LINE_HEIGHT * int(lines) + 8)}}
    return chart


def forest_chart(
    df: pd.DataFrame,
    *,
    view: str = PUBLISHED,
    title: str | None = None,
    subtitle: str | Sequence[str] | None = None,
    description: str | None = None,
) -> SpecChart:
    """The forest chart of `df` (a frame from `evidence.findings`); NoData if nothing has a number.

    `view="published"` (default) or `"aligned"` (see the module docstring). `subtitle` lines go under
    the standard notes, which say which view this is and how CIs and ranges are drawn.
    """
    return _draw(plot_frame(df, view), view, title=title, subtitle=subtitle, description=description)


# --- The explorer --------------------------------------------------------------------------------------


class View:
    """Several outputs shown one after another (a sentence, a chart, tables) as one explorer result."""

    def __init__(self, *parts: Any):
        self.parts = [p for p in parts if p is not None]

    def _ipython_display_(self) -> None:
        for part in self.parts:
            display(part)


def _counts_line(df: pd.DataFrame) -> str:
    """What a selection holds, counted in studies (a study with several findings counts once)."""
    studies, count = evidence.count_studies, evidence._count
    numbered = df[df["plotted"].astype(bool)]
    words = df[~df["has_number"].astype(bool)]
    causal = df[df["causal_design"].astype(bool)]
    nulls = df[df["finding_direction"] == evidence.NO_EFFECT]
    weak = df[df["verification_status"] == "secondary"]
    one = studies(df) == 1  # "0 of 1 study uses", "2 of 5 studies use"
    text = (
        f"**{count(studies(df), 'study')}** ({count(len(df), 'finding')}): "
        f"{studies(numbered)} with a number drawn, {studies(words)} with a direction only. "
        f"{evidence.n_of_m(causal, df)} {'uses' if one else 'use'} a design that can support a causal claim; "
        f"{evidence.n_of_m(nulls, df)} {'reports' if one else 'report'} no detectable effect on at least one outcome."
    )
    if len(weak):
        text += f" {evidence.n_of_m(weak, df)} {'is' if one else 'are'} labelled *{cite.NOT_VERIFIED.label}*."
    return text


@lru_cache(maxsize=2)
def _all_drawn(view: str) -> pd.DataFrame:
    """Every drawable row of the whole table in drawing order (a selection keeps this order), prepared once."""
    return plot_frame(evidence.findings(include_secondary=True), view)


@lru_cache(maxsize=512)
def _explorer_parts(domain: str, policy: str, design: str, statuses: tuple[str, ...], view: str) -> tuple:
    """The sentence, chart and tables of one selection, computed once per selection (NoData is not cached)."""
    df = evidence.findings(policy=policy, domain=domain, design=design, statuses=statuses)
    label = "All outcomes" if domain == "all" else evidence.DOMAINS[domain].split(" (")[0]
    drawn = _all_drawn(view)
    drawn = drawn[drawn["row_id"].isin(df["row_id"])].reset_index(drop=True)
    sentence, chart = _counts_line(df), None
    if len(drawn):  # renumbered as `plot_frame` numbers its rows, so the chart equals `forest_chart(df)`
        drawn = drawn.assign(order=range(len(drawn)), panel_order=drawn.groupby("panel", sort=False).ngroup())
        how = "as published" if view == PUBLISHED else "both directions on one axis"
        chart = _draw(drawn, view, title=f"{label}: findings with a number, {how}")
    else:
        sentence += " *None of these findings gives a number that can be drawn: see the lists below.*"
    tables = [
        *([evidence.direction_only(df)] if (~df["has_number"].astype(bool)).any() else []),
        *([evidence.other_numbers(df)] if (df["unit_kind"] == "amount").any() else []),
    ]
    # several tables as one output, one under the other
    both = HTML("<div style='margin-top:6px'></div>".join(t._repr_html_() for t in tables)) if tables else None
    return sentence, chart, both


def explorer_view(
    domain: str,
    policy: str = "all",
    design: str = "all",
    statuses: Iterable[str] = evidence.DEFAULT_STATUSES,
    view: str = PUBLISHED,
) -> View:
    """What the evidence explorer shows for one selection (raises NoData for an empty one)."""
    sentence, chart, tables = _explorer_parts(domain, policy, design, tuple(statuses), view)
    return View(Markdown(sentence), chart, tables)


def explorer(
    default_domain: str = "crime", name: str = "evidence", default_policy: str = "all", default_view: str = PUBLISHED
) -> Any:
    """Dropdowns (outcome first, then policy, design, labels, view) over the forest chart and the lists."""
    from . import widgets

    domains = [("All outcomes", "all"), *((v, k) for k, v in evidence.DOMAINS.items())]
    policies = [("All policies", "all"), *((v, k) for k, v in evidence.POLICIES.items())]
    designs = [("All designs", "all"), ("Designs that can support a causal claim", evidence.CAUSAL),
               *((f.label, f.key) for f in evidence.DESIGN_FAMILIES)]  # fmt: skip
    controls = {
        "domain": widgets.dropdown(domains, value=default_domain, description="Outcome", width="520px"),
        "policy": widgets.dropdown(policies, value=default_policy, description="Policy", width="330px"),
        "design": widgets.dropdown(designs, value="all", description="Design", width="420px"),
        "statuses": widgets.dropdown(
            list(evidence.STATUS_OPTIONS.items()), value=evidence.DEFAULT_STATUSES, description="Labels", width="380px"
        ),
        "view": widgets.dropdown(list(VIEWS.items()), value=default_view, description="View", width="420px"),
    }
    return widgets.explorer(explorer_view, controls, name=name)
