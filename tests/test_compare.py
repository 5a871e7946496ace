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


def _gaps(frame: pd.DataFrame) -> dict[str, compare.StratifiedGap]:
    """The ladder a notebook computes in a cell: the gap under each grouping, the first the naive gap."""
    return {"none": compare.stratified_gap(frame, "y", "treated", []),
            "by size": compare.stratified_gap(frame, "y", "treated", ["size"])}  # fmt: skip


def test_bad_inputs_name_the_value_and_what_is_valid(confounded: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match=r"'no_such_column' is not one of the choices.*'size', 'treated', 'y'"):
        compare.stratified_gap(confounded, "y", "treated", ["no_such_column"])
    with pytest.raises(TypeError, match="strata is a list of columns"):
        compare.stratified_gap(confounded, "y", "treated", {"a": 1})
    # a column in any case, and one stratum column given as text, are harmless
    assert compare.stratified_gap(confounded, "Y", "treated", "size").within_gap == pytest.approx(0.0)
    with pytest.raises(TypeError, match=r"draws what compare.stratified_gap\(...\) returns.*given str 'text'"):
        compare.dumbbell_chart("text", title="t", description="d", x_title="x", treated_label="a", untreated_label="b")


def test_ladder_and_charts(confounded: pd.DataFrame) -> None:
    chart = compare.ladder_chart(_gaps(confounded), title="Gap shrinks", description="d", x_title="points")
    (ladder,) = chart.to_dict()["datasets"].values()
    assert [r["x"] for r in ladder] == pytest.approx([52.5, 0.0]) and ladder[0]["group"] == "naive gap"
    alt.LayerChart.from_dict(chart.to_dict())  # a valid Vega-Lite spec
    result = compare.stratified_gap(confounded, "y", "treated", ["size"])
    bell = compare.dumbbell_chart(result, title="Within", description="d", x_title="points",
                                  treated_label="treated", untreated_label="untreated")  # fmt: skip
    spec = bell.to_dict()
    alt.LayerChart.from_dict(spec)
    (rows,) = spec["datasets"].values()
    assert len(rows) == 4 and spec["layer"][1]["encoding"]["x"]["title"] == "points"
    colour = spec["layer"][2]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["treated", "untreated"] and colour["range"] == [charts.OKABE_ITO["vermillion"],
                                                                               charts.OKABE_ITO["blue"]]
    with pytest.raises(ValueError):
        compare.ladder_chart(_gaps(confounded), title="", description="d", x_title="x")
    with pytest.raises(TypeError, match="takes a dict of gaps"):
        compare.ladder_chart(pd.DataFrame({"gap": [1.0]}), title="t", description="d", x_title="x")


def test_charts_fit_a_narrow_window_and_wrap_long_titles(confounded: pd.DataFrame) -> None:
    result = compare.stratified_gap(confounded, "y", "treated", ["size"])
    long_title = "Within strata the treated units had the same outcome as the untreated units of the same size"
    spec = compare.dumbbell_chart(result, title=long_title, description="d", x_title="y", treated_label="t",
                                  untreated_label="u").to_dict()  # fmt: skip
    assert isinstance(spec["title"]["text"], list) and " ".join(spec["title"]["text"]) == long_title
    assert max(map(len, spec["title"]["text"])) <= charts.NARROW / charts.TITLE_CHAR_PX
    assert spec["width"] == compare.WIDTH and compare.WIDTH + 170 + 160 <= 620
    (rows,) = spec["datasets"].values()
    assert "weight 75% (n = 3 vs 1)" in {r["note"] for r in rows}
    short = compare.ladder_chart(_gaps(confounded), title="Short", description="d", x_title="gap").to_dict()
    assert short["title"]["text"] == "Short" and short["width"] == compare.WIDTH
