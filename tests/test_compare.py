"""The stratified comparison: right group-by, right weights, a stated interval, charts that redraw."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from helpers import charts, compare
from helpers.catalog import NoData


@pytest.fixture()
def confounded() -> pd.DataFrame:
    """Big units have high outcomes and are mostly treated; within each size the treatment changes nothing."""
    return pd.DataFrame(
        {
            "size": ["big"] * 4 + ["small"] * 6,
            "treated": [True, True, True, False, True, False, False, False, False, False],
            "y": [100.0, 104.0, 96.0, 100.0, 10.0, 8.0, 12.0, 10.0, 9.0, 11.0],
        }
    )


def test_naive_gap_is_large_and_within_gap_is_zero(confounded: pd.DataFrame) -> None:
    result = compare.stratified_gap(confounded, "y", "treated", ["size"])
    assert result.naive_gap == pytest.approx(100 * 3 / 4 + 10 / 4 - (100 + 50) / 6)
    assert result.naive_gap > 40
    assert result.within_gap == pytest.approx(0.0)
    assert result.share_explained == pytest.approx(1.0)


def test_table_per_stratum(confounded: pd.DataFrame) -> None:
    table = compare.stratified_gap(confounded, "y", "treated", ["size"]).table.set_index("size")
    assert table.loc["big", ["n_treated", "n_untreated"]].tolist() == [3, 1]
    assert table.loc["small", ["n_treated", "n_untreated"]].tolist() == [1, 5]
    assert table.loc["big", "mean_treated"] == 100 and table.loc["small", "mean_untreated"] == 10
    assert table["gap"].tolist() == [0.0, 0.0]
    assert table.loc["big", "weight"] == 0.75 and table.loc["small", "weight"] == 0.25


def test_weights_are_the_treated_units_mix() -> None:
    """Gaps of +2 (1 treated) and -1 (2 treated) average to exactly 0 only with treated-count weights."""
    frame = pd.DataFrame(
        {
            "s": ["a", "a", "a", "b", "b", "b", "b", "b", "b"],
            "t": [1, 0, 0, 1, 1, 0, 0, 0, 0],
            "y": [12.0, 10.0, 10.0, 4.0, 4.0, 5.0, 5.0, 5.0, 5.0],
        }
    )
    result = compare.stratified_gap(frame, "y", "t", ["s"])
    assert result.table["gap"].tolist() == [2.0, -1.0]
    assert result.within_gap == pytest.approx(0.0)


def test_strata_without_untreated_units_are_left_out_and_counted(confounded: pd.DataFrame) -> None:
    extra = pd.concat([confounded, pd.DataFrame({"size": ["huge"], "treated": [True], "y": [500.0]})])
    result = compare.stratified_gap(extra, "y", "treated", ["size"])
    assert result.n_treated_unmatched == 1 and result.n_strata_used == 2
    assert result.within_gap == pytest.approx(0.0)


def test_interval_is_the_stated_normal_approximation() -> None:
    frame = pd.DataFrame({"s": ["a"] * 6, "t": [1, 1, 1, 0, 0, 0], "y": [1.0, 2.0, 3.0, 0.0, 1.0, 2.0]})
    result = compare.stratified_gap(frame, "y", "t", ["s"])
    se = (1.0 / 3 + 1.0 / 3) ** 0.5  # each group's variance is 1
    assert result.within_gap == 1.0 and result.se == pytest.approx(se)
    assert (result.low, result.high) == pytest.approx((1 - 1.96 * se, 1 + 1.96 * se))
    assert "1.96" in compare.METHOD
    assert compare.stratified_gap(frame, "y", "t", []).within_gap == result.naive_gap == 1.0


def test_missing_outcomes_are_dropped_and_empty_groups_say_so(confounded: pd.DataFrame) -> None:
    with_gap = confounded.assign(y=confounded["y"].where(confounded.index != 0))
    assert compare.stratified_gap(with_gap, "y", "treated", ["size"]).n_treated == 3
    with pytest.raises(NoData):
        compare.stratified_gap(confounded[~confounded["treated"]], "y", "treated", ["size"])


def test_ladder_and_charts(confounded: pd.DataFrame) -> None:
    steps = compare.ladder(confounded, "y", "treated", {"none": [], "by size": ["size"]})
    assert steps["grouping"].tolist() == ["none", "by size"] and steps["gap"].iloc[1] == pytest.approx(0)
    chart = compare.ladder_chart(steps, title="Gap shrinks", description="d", x_title="points")
    alt.LayerChart.from_dict(chart.to_dict())  # a valid Vega-Lite spec
    result = compare.stratified_gap(confounded, "y", "treated", ["size"])
    bell = compare.dumbbell_chart(result, title="Within", description="d", x_title="points",
                                  treated_label="treated", untreated_label="untreated")  # fmt: skip
    spec = bell.to_dict()
    alt.LayerChart.from_dict(spec)
    (rows,) = spec["datasets"].values()
    assert len(rows) == 4 and spec["layer"][1]["encoding"]["x"]["title"] == "points"
    with pytest.raises(ValueError):
        compare.ladder_chart(steps, title="", description="d", x_title="x")


def test_charts_fit_a_narrow_window_and_wrap_long_titles(confounded: pd.DataFrame) -> None:
    result = compare.stratified_gap(confounded, "y", "treated", ["size"])
    long_title = "Within strata the treated units had the same outcome as the untreated units of the same size"
    spec = compare.dumbbell_chart(result, title=long_title, description="d", x_title="y", treated_label="t",
                                  untreated_label="u").to_dict()  # fmt: skip
    assert isinstance(spec["title"]["text"], list) and " ".join(spec["title"]["text"]) == long_title
    assert max(map(len, spec["title"]["text"])) <= charts.NARROW / charts.TITLE_CHAR_PX
    assert spec["width"] == compare.DUMBBELL_WIDTH and compare.DUMBBELL_WIDTH + 170 + 160 <= 620
    (rows,) = spec["datasets"].values()
    assert "weight 75% (n = 3 vs 1)" in {r["weight_text"] for r in rows}
    ladder = compare.ladder(confounded, "y", "treated", {"none": [], "size": ["size"]})
    short = compare.ladder_chart(ladder, title="Short", description="d", x_title="gap").to_dict()
    assert short["title"]["text"] == "Short" and short["width"] == compare.LADDER_WIDTH
