"""A comparison of two groups, first naive, then within strata (groups of similar units).

A naive gap (mean of treated units minus mean of untreated units) mixes the treatment with every
other way the two groups differ. Comparing like with like means splitting the units into strata,
taking the gap inside each stratum, and averaging those gaps. Here the average is weighted by the
number of treated units in each stratum (the treated units' own mix), and strata with no untreated
unit are left out (their treated units are counted in `n_treated_unmatched`). Means are plain means
of units: each unit counts once, whatever its size.

    from helpers import compare
    result = compare.stratified_gap(frame, "violent_crime_per_100k", "has_287g", ["pop_band", "census_region"])
    result.table                      # one row per stratum: n, means, gap, weight
    result.naive_gap, result.within_gap, (result.low, result.high)
    compare.ladder(frame, outcome, treatment, {"none": [], "size": ["pop_band"]})
    compare.dumbbell_chart(result, title=..., description=..., x_title=..., treated_label=..., untreated_label=...)

Charts are refilled from a template built once (`helpers.charts.template`), fast enough for explorers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from . import charts
from .catalog import NoData
from .charts import GREY, OKABE_ITO, SpecChart

Z95 = 1.96
METHOD = (
    "95% interval by normal approximation: the gap ± 1.96 standard errors, where each stratum adds its weight "
    "squared × (variance of treated ÷ number treated + variance of untreated ÷ number untreated)."
)
TREATED_COLOUR = OKABE_ITO["vermillion"]
UNTREATED_COLOUR = OKABE_ITO["blue"]


@dataclass
class StratifiedGap:
    """The naive and the within-stratum gap (treated minus untreated) of one outcome."""

    outcome: str
    treatment: str
    strata: tuple[str, ...]
    table: pd.DataFrame = field(repr=False)
    naive_gap: float
    naive_low: float
    naive_high: float
    within_gap: float
    se: float
    low: float
    high: float
    n_treated: int
    n_untreated: int
    n_treated_unmatched: int
    n_strata_used: int
    method: str = METHOD

    @property
    def share_explained(self) -> float:
        """(naive − within) ÷ naive: the share of the naive gap that the strata account for."""
        return (self.naive_gap - self.within_gap) / self.naive_gap if self.naive_gap else math.nan


def stratified_gap(df: pd.DataFrame, outcome: str, treatment: str, strata: Sequence[str] = ()) -> StratifiedGap:
    """Naive and weighted within-stratum gaps of `outcome` between `treatment` True and False units.

    `table` has one row per stratum: the strata columns, `n_treated`, `n_untreated`, `mean_treated`,
    `mean_untreated`, `gap`, `used` (both groups present) and `weight` (n_treated ÷ treated units in used
    strata; NaN where unused). The within gap is Σ weight × gap; its interval is stated in `METHOD`
    (a group of one unit borrows the variance of its whole stratum). NoData if a group is empty.
    """
    strata = tuple(strata)
    data = df[[outcome, treatment, *strata]].dropna(subset=[outcome])
    treated = data[treatment].astype(bool)
    if not treated.any() or treated.all():
        raise NoData("Both groups need at least one unit with a value: try another outcome, year or grouping.")
    y_t, y_c = data.loc[treated, outcome].astype(float), data.loc[~treated, outcome].astype(float)
    naive = float(y_t.mean() - y_c.mean())
    naive_se = math.sqrt(np.nan_to_num(y_t.var()) / len(y_t) + np.nan_to_num(y_c.var()) / len(y_c))  # var of one: NaN
    # sums per stratum and group with numpy (an explorer redraws this): n, mean and variance of each cell
    if strata:
        grouped = data.groupby(list(strata), observed=True, sort=True)
        code, table = grouped.ngroup().to_numpy(), grouped.size().index.to_frame(index=False)
    else:
        code, table = np.zeros(len(data), dtype=int), pd.DataFrame({"stratum": ["all units"]})
    y, is_t, k = data[outcome].to_numpy(dtype=float), treated.to_numpy(), len(table)

    def moments(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        count = np.bincount(code[mask], minlength=k).astype(float)
        total = np.bincount(code[mask], weights=y[mask], minlength=k)
        squares = np.bincount(code[mask], weights=y[mask] ** 2, minlength=k)
        with np.errstate(invalid="ignore", divide="ignore"):
            return count, total / count, (squares - total**2 / count) / (count - 1)

    n_t, mean_t, var_t = moments(is_t)
    n_c, mean_c, var_c = moments(~is_t)
    _, _, pooled = moments(np.ones(len(y), dtype=bool))
    var_t = np.nan_to_num(np.where(n_t > 1, var_t, pooled))  # a group of one borrows its stratum's variance
    var_c = np.nan_to_num(np.where(n_c > 1, var_c, pooled))
    table["n_treated"], table["n_untreated"] = n_t.astype(int), n_c.astype(int)
    table["mean_treated"], table["mean_untreated"] = mean_t, mean_c
    table["var_part"] = var_t / np.maximum(n_t, 1) + var_c / np.maximum(n_c, 1)
    table["gap"] = table["mean_treated"] - table["mean_untreated"]
    table["used"] = (table["n_treated"] > 0) & (table["n_untreated"] > 0)
    used_treated = table.loc[table["used"], "n_treated"].sum()
    if used_treated == 0:
        raise NoData("No stratum holds both groups: choose a coarser grouping.")
    table["weight"] = (table["n_treated"] / used_treated).where(table["used"])
    within = float((table["weight"] * table["gap"]).sum())
    se = math.sqrt(float((table["weight"] ** 2 * table["var_part"]).sum()))
    return StratifiedGap(
        outcome=outcome,
        treatment=treatment,
        strata=strata,
        table=table.drop(columns="var_part"),
        naive_gap=naive,
        naive_low=naive - Z95 * naive_se,
        naive_high=naive + Z95 * naive_se,
        within_gap=within,
        se=se,
        low=within - Z95 * se,
        high=within + Z95 * se,
        n_treated=int(treated.sum()),
        n_untreated=int((~treated).sum()),
        n_treated_unmatched=int(table.loc[~table["used"], "n_treated"].sum()),
        n_strata_used=int(table["used"].sum()),
    )


def ladder(df: pd.DataFrame, outcome: str, treatment: str, groupings: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """The within-stratum gap under each grouping (label -> strata columns; [] is the naive gap)."""
    results = {label: stratified_gap(df, outcome, treatment, columns) for label, columns in groupings.items()}
    return pd.DataFrame(
        [{"grouping": label, "gap": r.within_gap, "low": r.low, "high": r.high, "n_strata": r.n_strata_used,
          "n_treated_used": r.n_treated - r.n_treated_unmatched} for label, r in results.items()]
    )  # fmt: skip


# --- Charts (templates built once, refilled per call) -------------------------------------------------

# Plot widths that keep a chart whole in a notebook at an 800-pixel-wide window (`charts.NARROW`).
DUMBBELL_WIDTH = 280
LADDER_WIDTH = 380


def _finish(template: SpecChart, rows: pd.DataFrame, x_title: str, layers: slice, **words: Any) -> SpecChart:
    """The template refilled with `rows` and words; the x axis title, set on the x encoding of `layers`, replaced."""
    chart = charts.refill(template, rows, wrap=charts.NARROW, **words)
    chart.spec["layer"] = [dict(layer) for layer in chart.spec["layer"]]
    for layer in chart.spec["layer"][layers]:
        layer["encoding"] = {**layer["encoding"], "x": {**layer["encoding"]["x"], "title": x_title}}
    return chart


@lru_cache(maxsize=1)
def _dumbbell_template() -> SpecChart:
    sample = pd.DataFrame({"stratum": ["a"], "order": [0], "mean_treated": [1.0], "mean_untreated": [0.0],
                           "group": ["treated"], "group_label": ["t"], "mean": [1.0], "n": [1], "weight_text": ["w"]})  # fmt: skip
    y = alt.Y("stratum:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=170))
    base = alt.Chart(sample)
    line = (
        base.transform_filter("datum.group == 'treated'")
        .mark_rule(color=GREY, strokeWidth=2)
        .encode(x=alt.X("mean_untreated:Q", title="x"), x2="mean_treated:Q", y=y)
    )
    points = base.mark_point(size=110, filled=True, opacity=1).encode(
        x=alt.X("mean:Q", title="x"),
        y=y,
        color=alt.Color("group_label:N", title=None, scale=alt.Scale(range=[TREATED_COLOUR, UNTREATED_COLOUR])),
        shape=alt.Shape("group_label:N", title=None, scale=alt.Scale(range=["triangle-up", "circle"])),
        tooltip=["stratum:N", "group_label:N", alt.Tooltip("mean:Q", format=",.1f"), "n:Q", "weight_text:N"],
    )
    weight = (
        base.transform_filter("datum.group == 'treated'")
        .mark_text(align="left", dx=8, color="#444444")
        .encode(x=alt.value(DUMBBELL_WIDTH + 2), y=y, text="weight_text:N")
    )
    chart = alt.layer(line, points, weight).properties(width=DUMBBELL_WIDTH, height=alt.Step(26))
    return charts.template(chart.properties(title="template", description="template"))


def dumbbell_chart(
    result: StratifiedGap,
    *,
    title: str,
    description: str,
    x_title: str,
    treated_label: str,
    untreated_label: str,
    subtitle: str | Sequence[str] | None = None,
) -> SpecChart:
    """Treated and untreated means in each used stratum (one row each), with each stratum's weight at the right."""
    table = result.table[result.table["used"]].reset_index(drop=True)
    if table.empty:
        raise NoData("No stratum holds both groups: choose a coarser grouping.")
    strata = table[list(result.strata) or ["stratum"]].astype(str)
    weights = zip(table["weight"], table["n_treated"], table["n_untreated"], strict=True)
    common = table[["mean_treated", "mean_untreated"]].assign(
        stratum=strata.apply(" · ".join, axis=1),
        order=range(len(table)),
        weight_text=[f"weight {w:.0%} (n = {t} vs {u})" for w, t, u in weights],
    )
    groups = {"treated": treated_label, "untreated": untreated_label}
    rows = pd.concat(
        common.assign(group=g, group_label=label, mean=table[f"mean_{g}"], n=table[f"n_{g}"])
        for g, label in groups.items()
    ).sort_values("order", kind="stable")  # each stratum's two rows together, treated first
    words = {"title": title, "description": description, "subtitle": subtitle}
    return _finish(_dumbbell_template(), rows, x_title, slice(0, 2), **words)


@lru_cache(maxsize=1)
def _ladder_template() -> SpecChart:
    sample = pd.DataFrame({"grouping": ["a"], "order": [0], "gap": [0.0], "low": [0.0], "high": [0.0],
                           "n_strata": [1], "kind": ["naive gap"]})  # fmt: skip
    y = alt.Y("grouping:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=260))
    base = alt.Chart(sample)
    zero = base.mark_rule(color=GREY, strokeDash=[4, 3]).encode(x=alt.datum(0))
    axis = alt.Axis(tickCount=6, labelOverlap=True)  # a narrow plot: fewer ticks, never overlapping labels
    ci = base.mark_rule(strokeWidth=2, color=OKABE_ITO["blue"]).encode(
        x=alt.X("low:Q", title="x", axis=axis), x2="high:Q", y=y
    )
    point = base.mark_point(size=110, filled=True, color=OKABE_ITO["blue"], opacity=1).encode(
        x=alt.X("gap:Q", title="x"),
        y=y,
        shape=alt.Shape("kind:N", title=None, scale=alt.Scale(range=["square", "circle"])),
        tooltip=["grouping:N", alt.Tooltip("gap:Q", format=",.1f"), alt.Tooltip("low:Q", format=",.1f"),
                 alt.Tooltip("high:Q", format=",.1f"), "n_strata:Q"],
    )  # fmt: skip
    chart = alt.layer(zero, ci, point).properties(width=LADDER_WIDTH, height=alt.Step(30))
    return charts.template(chart.properties(title="template", description="template"))


def ladder_chart(
    steps: pd.DataFrame, *, title: str, description: str, x_title: str, subtitle: str | Sequence[str] | None = None
) -> SpecChart:
    """The gap and its 95% interval under each grouping of `ladder()` (first row: no grouping = naive)."""
    frame = steps.reset_index(drop=True).assign(order=lambda d: range(len(d)))
    frame["kind"] = np.where(frame["order"] == 0, "naive gap", "within-stratum gap")
    words = {"title": title, "description": description, "subtitle": subtitle}
    return _finish(_ladder_template(), frame, x_title, slice(1, None), **words)
