"""A comparison of two groups, first naive, then within strata (groups of similar units).

A naive gap (mean of treated units minus mean of untreated units) mixes the treatment with every other way
the two groups differ. Comparing like with like splits the units into strata, takes the gap inside each
stratum, and averages those gaps weighted by the number of treated units in each stratum (the treated units'
own mix); strata with no untreated unit are left out. Means are plain means of units: each unit counts once,
whatever its size. Notebooks 05 and 06 take these steps in cells, then check them against `stratified_gap`.
"""

from __future__ import annotations

import math
from collections import namedtuple
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from . import charts
from .charts import GREY, OKABE_ITO, SpecChart
from .inputs import NoData, column, frame, shown, text

Z95 = 1.96
METHOD = (
    "95% interval by normal approximation: the gap ± 1.96 standard errors, where each stratum adds its weight "
    "squared × (variance of treated ÷ number treated + variance of untreated ÷ number untreated)."
)


class StratifiedGap(namedtuple("Gap", "outcome treatment strata table naive_gap naive_low naive_high within_gap "
                                     "se low high n_treated n_untreated n_treated_unmatched n_strata_used method")):
    """The naive and the within-stratum gap (treated minus untreated) of one outcome; see `stratified_gap`."""


def stratified_gap(df: pd.DataFrame, outcome: str, treatment: str, strata: Sequence[str] = ()) -> StratifiedGap:
    """Naive and weighted within-stratum gaps of `outcome` between `treatment` True and False units.

    `table` has one row per stratum: the strata columns, `n_treated`, `n_untreated`, `mean_treated`, `mean_untreated`,
    `gap`, `used` (both groups present) and `weight` (n_treated ÷ treated units in used strata). The within gap is
    Σ weight × gap; its interval is stated in `METHOD` (a group of one unit borrows the variance of its stratum).
    """
    data = frame(df, "stratified_gap")
    outcome, treatment = column(data, outcome, "outcome"), column(data, treatment, "treatment")
    strata = [strata] if isinstance(strata, str) else [] if strata is None else strata  # one column: a list of one
    if not isinstance(strata, list | tuple):
        raise TypeError(f"strata is a list of columns to group by, like ['pop_band']; it was given {shown(strata)}.")
    strata = tuple(column(data, s, "strata") for s in strata)
    data = data[[outcome, treatment, *strata]].dropna(subset=[outcome])
    treated = data[treatment].astype(bool).rename("_treated")
    if not treated.any() or treated.all():
        raise NoData("Both groups need at least one unit with a value: try another outcome, year or grouping.")
    y = pd.to_numeric(data[outcome]).astype(float)
    y_t, y_c = y[treated], y[~treated]
    naive = float(y_t.mean() - y_c.mean())
    naive_se = math.sqrt(np.nan_to_num(y_t.var()) / len(y_t) + np.nan_to_num(y_c.var()) / len(y_c))  # var of one: NaN
    keys = [data[s] for s in strata] or [pd.Series("all units", index=data.index, name="stratum")]
    cells = y.groupby([*keys, treated], observed=True).agg(["size", "mean", "var"]).unstack("_treated")
    pooled = y.groupby(keys, observed=True).var().to_numpy()  # a group of one borrows its stratum's variance
    n_t, n_c = (cells[("size", g)].fillna(0).to_numpy() for g in (True, False))
    var_t, var_c = (np.nan_to_num(np.where(n > 1, cells[("var", g)], pooled)) for n, g in ((n_t, True), (n_c, False)))
    table = cells.index.to_frame(index=False)
    table["n_treated"], table["n_untreated"] = n_t.astype(int), n_c.astype(int)
    table["mean_treated"], table["mean_untreated"] = cells[("mean", True)].to_numpy(), cells[("mean", False)].to_numpy()
    table["gap"] = table["mean_treated"] - table["mean_untreated"]
    table["used"] = (table["n_treated"] > 0) & (table["n_untreated"] > 0)
    used_treated = table.loc[table["used"], "n_treated"].sum()
    if used_treated == 0:
        raise NoData("No stratum holds both groups: choose a coarser grouping.")
    table["weight"] = (table["n_treated"] / used_treated).where(table["used"])
    within = float((table["weight"] * table["gap"]).sum())
    se = math.sqrt(float((table["weight"] ** 2 * (var_t / np.maximum(n_t, 1) + var_c / np.maximum(n_c, 1))).sum()))
    return StratifiedGap(
        outcome, treatment, strata, table, naive, naive - Z95 * naive_se, naive + Z95 * naive_se, within, se,
        within - Z95 * se, within + Z95 * se, int(treated.sum()), int((~treated).sum()),
        int(table.loc[~table["used"], "n_treated"].sum()), int(table["used"].sum()), METHOD,
    )  # fmt: skip


# --- Charts: one template built once (a span and points per row, a note at the right), refilled per call ----

WIDTH = 280  # the plot, with row labels and notes, fits an 800-pixel-wide window (`charts.NARROW`)
ROWS = ["label", "order", "x", "lo", "hi", "group", "null", "note"]


@lru_cache(maxsize=1)
def _template() -> SpecChart:
    sample = pd.DataFrame([["a", 0, 1.0, 0.0, 1.0, "g", 0.0, "n"]], columns=ROWS)
    y = alt.Y("label:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=170))
    axis = alt.Axis(tickCount=6, labelOverlap=True)  # a narrow plot: few ticks, never overlapping labels
    base = alt.Chart(sample)  # every x title below is "x", replaced per chart by `_chart`
    zero = base.transform_filter("isValid(datum.null)").mark_rule(color=GREY, strokeDash=[4, 3]).encode(
        x=alt.X("null:Q", title="x", axis=axis))
    span = base.transform_filter("isValid(datum.lo)").mark_rule(color=GREY, strokeWidth=2).encode(
        x=alt.X("lo:Q", title="x"), x2="hi:Q", y=y)
    group = {"scale": alt.Scale(domain=["g"]), "title": None, "legend": alt.Legend(orient="top")}  # scale: per chart
    points = base.mark_point(size=110, filled=True, opacity=1).encode(
        x=alt.X("x:Q", title="x"), y=y, color=alt.Color("group:N", **group), shape=alt.Shape("group:N", **group),
        tooltip=["label:N", "group:N", alt.Tooltip("x:Q", format=",.1f"), "note:N"])
    note = base.transform_filter("isValid(datum.note)").mark_text(align="left", dx=8, color="#444444").encode(
        x=alt.value(WIDTH + 2), y=y, text="note:N")
    chart = alt.layer(zero, span, points, note).properties(width=WIDTH, height=alt.Step(28))
    return charts.template(chart.properties(title="template", description="template"))


def _chart(rows: pd.DataFrame, groups: list[str], shapes: list[str], x_title: Any, **words: Any) -> SpecChart:
    """The template refilled with `rows`, with the x axis title and the groups' colours and shapes set."""
    x_title = text(x_title, "x_title", "violent crimes per 100,000 residents")
    chart = charts.refill(_template(), rows[ROWS], wrap=charts.NARROW, **words)
    colours = [OKABE_ITO["vermillion"], OKABE_ITO["blue"]]
    chart.spec["layer"] = layers = [dict(layer, encoding=dict(layer["encoding"])) for layer in chart.spec["layer"]]
    for layer in layers[:3]:  # the zero line, the spans and the points draw x; the points also colour and shape
        layer["encoding"]["x"] = {**layer["encoding"]["x"], "title": x_title}
    points = layers[2]["encoding"]
    for channel, values in (("color", colours), ("shape", shapes)):
        points[channel] = {**points[channel], "scale": {"domain": groups, "range": values}}
    return chart


def dumbbell_chart(result: StratifiedGap, *, title: str, description: str, x_title: str, treated_label: str,
                   untreated_label: str, subtitle: str | Sequence[str] | None = None) -> SpecChart:
    """Treated and untreated means in each used stratum (one row each), joined, with each stratum's weight."""
    if not isinstance(result, StratifiedGap):
        raise TypeError("dumbbell_chart() draws what compare.stratified_gap(...) returns: give it that result, like "
                        f"stratified_gap(frame, 'y', 'treated', ['size']); it was given {shown(result)}.")
    table = result.table[result.table["used"]].reset_index(drop=True)
    strata = table[list(result.strata) or ["stratum"]].astype(str).apply(" · ".join, axis=1)
    weights = [f"weight {r.weight:.0%} (n = {r.n_treated} vs {r.n_untreated})" for r in table.itertuples()]
    treated = pd.DataFrame({"label": strata, "order": table.index, "x": table["mean_treated"], "group": treated_label,
                            "lo": table["mean_untreated"], "hi": table["mean_treated"], "null": None, "note": weights})
    untreated = treated.assign(x=table["mean_untreated"], group=untreated_label, lo=None, hi=None, note=None)
    rows = pd.concat([treated, untreated]).sort_values("order", kind="stable")  # each stratum's two rows together
    return _chart(rows, [treated_label, untreated_label], ["triangle-up", "circle"], x_title, title=title,
                  description=description, subtitle=subtitle)  # fmt: skip


def ladder_chart(gaps: dict[str, StratifiedGap], *, title: str, description: str, x_title: str,
                 subtitle: str | Sequence[str] | None = None) -> SpecChart:
    """The within-stratum gap and its 95% interval under each grouping: `gaps` maps a label to a `stratified_gap`
    result, the first with no strata (the naive gap)."""
    if not isinstance(gaps, dict) or not gaps or not all(isinstance(r, StratifiedGap) for r in gaps.values()):
        raise TypeError("ladder_chart() takes a dict of gaps, like {'none': stratified_gap(frame, 'y', 't', []), "
                        f"'size': stratified_gap(frame, 'y', 't', ['size'])}}; it was given {shown(gaps)}.")
    kinds, used = ["naive gap", "within-stratum gap"], [r.n_strata_used for r in gaps.values()]
    rows = pd.DataFrame([{"label": label, "order": i, "x": r.within_gap, "lo": r.low, "hi": r.high, "null": 0.0,
                          "group": kinds[i > 0], "note": f"{used[i]} strat{'um' if used[i] == 1 else 'a'}"}
                         for i, (label, r) in enumerate(gaps.items())])  # fmt: skip
    return _chart(rows, kinds, ["square", "circle"], x_title, title=title, description=description, subtitle=subtitle)
