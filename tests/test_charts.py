"""Charts: one palette, one theme, and no chart without a title, a description and axis titles."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from helpers import charts
from helpers.charts import UnlabelledChartError

DATA = pd.DataFrame({"month": pd.to_datetime(["2025-01-01", "2025-02-01"]), "n": [135, 200], "model": ["a", "a"]})


def test_palette_is_okabe_ito() -> None:
    assert charts.PALETTE[:4] == ["#0072B2", "#E69F00", "#009E73", "#D55E00"]
    assert set(charts.PALETTE) == set(charts.OKABE_ITO.values())
    assert set(charts.MODEL_COLOURS.values()) <= set(charts.PALETTE)


def test_line_chart_carries_title_description_and_axis_titles() -> None:
    spec = charts.line_chart(
        DATA, x="month", y="n", title="Agreements grew", description="A line rising from 135 to 200.",
        x_title="Month", y_title="Agreements in force",
    ).to_dict()
    assert spec["title"]["text"] == "Agreements grew"
    assert spec["description"] == "A line rising from 135 to 200."
    assert spec["encoding"]["y"]["title"] == "Agreements in force"


def test_builders_refuse_missing_labels() -> None:
    with pytest.raises(UnlabelledChartError, match="title"):
        charts.line_chart(DATA, x="month", y="n", title=" ", description="d", x_title="Month", y_title="n")
    with pytest.raises(UnlabelledChartError, match="description"):
        charts.bar_chart(DATA, x="n", y="model", title="t", description="", x_title="n", y_title="m", horizontal=True)
    with pytest.raises(UnlabelledChartError, match="axes"):
        charts.line_chart(DATA, x="month", y="n", title="t", description="d", x_title="", y_title="n")


def test_renderer_refuses_plain_altair_chart_without_description() -> None:
    spec = alt.Chart(DATA).mark_line().encode(x="month:T", y="n:Q").properties(title="Only a title").to_dict()
    with pytest.raises(UnlabelledChartError, match="description"):
        charts.series_renderer(spec)


def test_renderer_hands_labelled_chart_to_labs_vega() -> None:
    spec = charts.finish(alt.Chart(DATA).mark_line().encode(x="month:T", y="n:Q"), title="t", description="d").to_dict()
    bundle = charts.series_renderer(spec)
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.vegalite.v5+json" in bundle


def test_enable_switches_theme_and_renderer() -> None:
    charts.enable()
    assert alt.renderers.active == charts.RENDERER_NAME
    assert alt.theme.active == charts.THEME_NAME


def test_mark_period_keeps_title_and_description() -> None:
    base = charts.line_chart(DATA, x="month", y="n", title="t", description="d", x_title="Month", y_title="n")
    spec = charts.mark_period(base, "2025-01-15", "2025-02-01", "surge").to_dict()
    assert spec["title"]["text"] == "t" and spec["description"] == "d" and len(spec["layer"]) == 3


def test_spec_chart_is_one_class_that_checks_labels_and_copies() -> None:
    from helpers import county_compare, evidence_chart, immigrant_wellbeing, landscape, minnesota

    for module in (landscape, evidence_chart, minnesota, county_compare, immigrant_wellbeing):
        assert module.SpecChart is charts.SpecChart
    labelled = charts.SpecChart({"title": {"text": "t", "subtitle": ["s"]}, "description": "d", "mark": "point"})
    assert (labelled.title, labelled.description) == ("t", "d")
    copied = labelled.to_dict()
    copied["title"]["text"] = "changed"
    assert labelled.title == "t"  # to_dict is a copy: a caller cannot change the chart by accident
    charts.enable()
    bundle = labelled._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.vegalite.v5+json" in bundle
    with pytest.raises(UnlabelledChartError, match="description"):
        charts.SpecChart({"title": "only a title", "mark": "point"})._repr_mimebundle_()
