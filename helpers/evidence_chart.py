"""The forest-style chart of the evidence explorer (see `helpers.evidence` for the data it draws).

One row per finding with a number; one panel per (outcome domain, unit group), each with its own
x axis, so a percent change is never read against percentage points or grams. On every row:

- a point for the estimate (shape and colour = design family; filled = verified in the source,
  hollow = read only in an official summary or in secondary coverage);
- a line with caps for a 95% confidence interval, where the source published one;
- a wide translucent bar with a dashed outline for a range across model versions, labelled "range,
  not a CI" (never drawn as a confidence interval; such rows have no point estimate, so no point);
- a dashed line at "no difference" (0, or 1 for ratios), and the design and status written at the right.

Every number is the effect of MORE enforcement or cooperation: rows about sanctuary policies and
other limits are flipped (`evidence.findings` does it), and the subtitle says so.

Speed: building an Altair chart and validating it takes a few hundred milliseconds, far too slow for
an explorer. The chart's structure never changes (panels are facet rows of one layered spec), so
Altair builds and validates it once; each call only swaps in the rows, title, subtitle and
description (`helpers.charts.SpecChart`, re-exported here). A `SpecChart` displays through the active
renderer like any Altair chart, so the title and description checks still apply. `helpers.county_compare` uses the same pattern.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from .charts import GREY, SpecChart
from .evidence import DESIGN_FAMILIES, DOMAINS, period_text
from .widgets import NoData

DATA_NAME = "findings"
PLOT_WIDTH = 330
ROW_STEP = 24
LABEL_LIMIT = 250
NOTE_WIDTH = 330
FLIP_NOTE = "Effects shown as the effect of MORE enforcement/cooperation; studies of sanctuary policies are flipped."
KEY_NOTE = (
    "Line with caps: 95% confidence interval. Wide pale bar: range across model versions, not a confidence interval. "
    "Point alone: no interval published."
)
FILL_NOTE = "Filled point: read in the source; hollow: read only in an official summary. Dashed line: no difference."

# Panels within an outcome: the common units first, per-exposure and one-study units after.
UNIT_DISPLAY_ORDER = [
    "pct", "pp", "ratio", "log", "crime_rate_diff", "dollars_diff", "rate_diff_as_percent", "grams",
    "elasticity", "pct_per_incident", "periods_per_incident", "pct_per_enforcement_rise",
]  # fmt: skip
FAMILY_DOMAIN = [f.label for f in DESIGN_FAMILIES]
FAMILY_COLOURS = [f.colour for f in DESIGN_FAMILIES]
FAMILY_SHAPES = [f.shape for f in DESIGN_FAMILIES]
__all__ = [
    "SpecChart", "build_template", "fill_template", "forest_chart", "forest_chart_for_rows", "plotted_frame", "records",
]  # fmt: skip


def fill_template(
    template: dict[str, Any],
    datasets: dict[str, list[dict[str, Any]]],
    *,
    title: str,
    description: str,
    subtitle: Sequence[str] = (),
) -> SpecChart:
    """A copy of a cached spec with new rows (by dataset name), title, subtitle and description."""
    if not str(title).strip() or not str(description).strip():
        raise ValueError("A chart needs a title that states its point and a description for screen readers.")
    spec = dict(template)  # the template's nested parts are shared read-only; only top-level keys change
    spec["datasets"] = datasets
    base_title = template.get("title")
    spec["title"] = {**(base_title if isinstance(base_title, dict) else {}), "text": title}
    if subtitle:
        spec["title"]["subtitle"] = list(subtitle)
    spec["description"] = description
    return SpecChart(spec)


def build_template(make_chart: Callable[[], alt.TopLevelMixin]) -> dict[str, Any]:
    """Altair builds (and validates) a chart once; its dict is the template `fill_template` copies."""
    spec = make_chart().to_dict()
    spec.pop("datasets", None)
    return spec


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (missing values as None)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict(orient="records")


# --- The forest chart ------------------------------------------------------------------------------


def _plot_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The rows to draw, with plain types, a panel title and order, and a row order within panels."""
    rows = df[df["plotted"].astype(bool)].copy()
    if rows.empty:
        raise NoData("None of these findings gives a number on a shared scale; see the direction-only list instead.")
    family_rank = {f.key: i for i, f in enumerate(DESIGN_FAMILIES)}
    domain_rank = {d: i for i, d in enumerate(DOMAINS)}
    rows["family_rank"] = rows["design_family"].map(family_rank)
    rows["domain_rank"] = rows["outcome_domain"].map(domain_rank)
    rows["unit_rank"] = (
        rows["unit_group"].map({g: i for i, g in enumerate(UNIT_DISPLAY_ORDER)}).fillna(len(UNIT_DISPLAY_ORDER))
    )
    rows["sort_value"] = rows["effect_more_enforcement"].fillna(rows["range_low_more"]).astype(float)
    rows = rows.sort_values(["domain_rank", "unit_rank", "family_rank", "sort_value"]).reset_index(drop=True)
    rows["order"] = range(len(rows))
    rows["panel"] = rows["outcome_domain"].map(DOMAINS).astype(str) + " · " + rows["unit_axis"].astype(str)
    rows["panel_order"] = rows.groupby("panel", sort=False).ngroup()
    rows["row_label"] = rows["short_cite"] + " · " + rows["row_id"]
    notes = rows["design_label"].astype(str)
    notes = notes.where(rows["interval_kind"] != "range", notes + "; range, not a CI")
    notes = notes.where(rows["interval_kind"] != "ci_from_se", notes + "; CI from published SE")
    notes = notes.where(rows["unit_group"] != "elasticity", notes + "; a mechanism, not an effect")
    notes = notes.where(~rows["flipped"], notes + "; flipped")
    notes = notes.where(rows["verification_status"] != "verified_summary", notes + "; summary only")
    notes = notes.where(rows["verification_status"] != "secondary", notes + "; SECONDARY, context only")
    rows["note"] = notes
    rows["period_label"] = rows["period"].map(period_text)
    rows["null_value"] = rows["ratio_unit"].map({True: 1.0, False: 0.0})
    rows["has_ci"] = rows["interval_kind"].isin(["ci", "ci_from_se"])
    rows["has_range"] = rows["interval_kind"] == "range"
    columns = [
        "panel", "panel_order", "order", "row_id", "row_label", "note", "short_cite", "outcome", "population",
        "period_label", "effect_as_reported", "design_family_label", "design_label", "verification_status", "status_label",
        "unit_axis", "effect_more_enforcement", "ci_low_more", "ci_high_more", "range_low_more", "range_high_more",
        "has_ci", "has_range", "null_value",
    ]  # fmt: skip
    out = rows[columns].copy()
    for col in ("has_ci", "has_range"):
        out[col] = out[col].astype(bool)
    return out


def _forest_layers() -> alt.FacetChart:
    y = alt.Y(
        "row_label:N",
        sort=alt.EncodingSortField("order", order="ascending"),
        title=None,
        axis=alt.Axis(labelLimit=LABEL_LIMIT, labelFontSize=11, domain=False, ticks=False),
    )
    x_title = "effect of more enforcement (unit above the panel)"
    scale = alt.Scale(zero=False, nice=True, padding=14)
    colour = alt.Color(
        "design_family_label:N",
        title="Design",
        scale=alt.Scale(domain=FAMILY_DOMAIN, range=FAMILY_COLOURS),
        legend=alt.Legend(
            columns=2, orient="bottom", symbolStrokeWidth=2, symbolOpacity=1, labelLimit=400, direction="vertical"
        ),
    )
    shape = alt.Shape(
        "design_family_label:N", title="Design", scale=alt.Scale(domain=FAMILY_DOMAIN, range=FAMILY_SHAPES)
    )
    tooltip = [
        alt.Tooltip("short_cite:N", title="Study"),
        alt.Tooltip("row_id:N", title="Finding"),
        alt.Tooltip("outcome:N", title="Outcome"),
        alt.Tooltip("population:N", title="Population"),
        alt.Tooltip("period_label:N", title="Period studied"),
        alt.Tooltip("effect_as_reported:N", title="In the study's words"),
        alt.Tooltip("design_label:N", title="Design"),
        alt.Tooltip("status_label:N", title="Verification"),
    ]
    base = alt.Chart()
    zero = base.mark_rule(color=GREY, strokeDash=[4, 3]).encode(x=alt.X("null_value:Q", scale=scale, title=x_title))
    with_ci = base.transform_filter(alt.datum.has_ci)
    ci = with_ci.mark_rule(strokeWidth=1.6).encode(
        x=alt.X("ci_low_more:Q", scale=scale), x2="ci_high_more:Q", y=y, color=colour
    )
    caps = [
        with_ci.mark_tick(thickness=1.6, size=10).encode(x=alt.X(f"{end}:Q", scale=scale), y=y, color=colour)
        for end in ("ci_low_more", "ci_high_more")
    ]
    ranges = (
        base.transform_filter(alt.datum.has_range)
        .mark_bar(height=12, opacity=0.35, strokeDash=[3, 2], strokeWidth=1.2, strokeOpacity=1)
        .encode(
            x=alt.X("range_low_more:Q", scale=scale),
            x2="range_high_more:Q",
            y=y,
            color=colour,
            stroke=colour,
            tooltip=tooltip,
        )
    )
    points = (
        base.transform_filter("isValid(datum.effect_more_enforcement)")
        .mark_point(size=90, strokeWidth=2, opacity=1)
        .encode(
            x=alt.X("effect_more_enforcement:Q", scale=scale),
            y=y,
            shape=shape,
            stroke=colour,
            fill=alt.condition(alt.datum.verification_status == "verified", colour, alt.value("white")),
            tooltip=[*tooltip, alt.Tooltip("effect_more_enforcement:Q", title="Effect of more enforcement")],
        )
    )
    note = base.mark_text(align="left", baseline="middle", fontSize=11, color="#444444", limit=NOTE_WIDTH).encode(
        x=alt.value(PLOT_WIDTH + 10), y=y, text="note:N"
    )
    layered = alt.layer(zero, ranges, ci, *caps, points, note).properties(width=PLOT_WIDTH, height=alt.Step(ROW_STEP))
    facet = layered.facet(
        row=alt.Row(
            "panel:N",
            sort=alt.EncodingSortField("panel_order", op="min", order="ascending"),
            title=None,
            header=alt.Header(
                labelAngle=0,
                labelOrient="top",
                labelAnchor="start",
                labelFontSize=13,
                labelFontWeight=600,
                labelPadding=6,
            ),
        ),
        data=alt.NamedData(name=DATA_NAME),
        spacing=22,
    )
    return facet.resolve_scale(x="independent", y="independent").properties(title="template", description="template")


@lru_cache(maxsize=1)
def _forest_template() -> dict[str, Any]:
    return build_template(_forest_layers)


def _plural(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


def _forest_from_records(
    rows: list[dict[str, Any]],
    flipped: int,
    *,
    title: str | None,
    subtitle: str | Sequence[str] | None,
    description: str | None,
) -> SpecChart:
    """Fill the cached template with drawn rows (from `_plot_frame`) and the words that describe them."""
    panels = list(dict.fromkeys(r["panel"] for r in rows))
    n_ci, n_range = sum(bool(r["has_ci"]) for r in rows), sum(bool(r["has_range"]) for r in rows)
    description = description or (
        f"Forest chart of {_plural(len(rows), 'finding', 'findings')} with a number, in "
        f"{_plural(len(panels), 'panel', 'panels')}, one per outcome and unit ({'; '.join(panels)}). Each is shown "
        f"as the effect of more enforcement; {_plural(flipped, 'finding', 'findings')} about sanctuary-type "
        f"policies {'was' if flipped == 1 else 'were'} sign-flipped. {n_ci} {'has' if n_ci == 1 else 'have'} a 95% "
        f"confidence interval and {n_range} a range across model versions; the rest give a point only."
    )
    extra = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    return fill_template(
        _forest_template(),
        {DATA_NAME: rows},
        title=title or f"What {len(rows)} findings with a number found, one panel per unit",
        subtitle=[FLIP_NOTE, KEY_NOTE, FILL_NOTE, *extra],
        description=description,
    )


def forest_chart(
    df: pd.DataFrame,
    *,
    title: str | None = None,
    subtitle: str | Sequence[str] | None = None,
    description: str | None = None,
) -> SpecChart:
    """The forest-style chart of `df` (a frame from `evidence.findings`); NoData if nothing has a number.

    Panels follow the order of `evidence.DOMAINS`, then unit group; rows within a panel go from the
    strongest design family to the weakest, then by effect. `subtitle` lines go under the standard
    notes (which say that sanctuary rows are flipped and how CIs and ranges are drawn).
    """
    data = _plot_frame(df)
    flipped = int(df.loc[df["plotted"].astype(bool), "flipped"].sum())
    return _forest_from_records(records(data), flipped, title=title, subtitle=subtitle, description=description)


@lru_cache(maxsize=1)
def _all_drawn() -> tuple[tuple[dict[str, Any], ...], frozenset[str]]:
    """Every drawable row of the whole findings table, in drawing order, and the ids of the flipped ones.

    Drawing order is global (domain, unit, design family, effect), so the rows of any selection, taken
    in this order and renumbered, are exactly what `_plot_frame` computes for that selection.
    """
    from .evidence import _normalised

    everything = _normalised()
    data = _plot_frame(everything)
    flipped = everything.loc[everything["plotted"].astype(bool) & everything["flipped"].astype(bool), "row_id"]
    return tuple(records(data)), frozenset(flipped)


def forest_chart_for_rows(
    row_ids: Sequence[str],
    *,
    title: str | None = None,
    subtitle: str | Sequence[str] | None = None,
    description: str | None = None,
) -> SpecChart:
    """`forest_chart` of the findings with these row ids, without rebuilding the plot frame: for explorers.

    Takes the rows from `_all_drawn()` (computed once per kernel) and renumbers their order and panels,
    which costs well under a millisecond where `_plot_frame` costs tens. Rows that are not drawn
    (no number, or a level or count) are ignored; NoData if none is left.
    """
    wanted = set(row_ids)
    drawn, flipped_ids = _all_drawn()
    rows = [dict(r) for r in drawn if r["row_id"] in wanted]
    if not rows:
        raise NoData("None of these findings gives a number on a shared scale; see the direction-only list instead.")
    panels: dict[str, int] = {}
    for i, row in enumerate(rows):
        row["order"] = i
        row["panel_order"] = panels.setdefault(row["panel"], len(panels))
    flipped = len(wanted & flipped_ids)
    return _forest_from_records(rows, flipped, title=title, subtitle=subtitle, description=description)


def plotted_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The rows the chart draws, in drawing order, with their panel (for tests and side tables)."""
    return _plot_frame(df)
