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


def test_spec_chart_checks_labels_and_copies() -> None:
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


PARTIAL = pd.DataFrame(
    {
        "month": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"] * 2),
        "n": [10, 12, 3, 14, 20, 22, 24, 5],
        "part": [False, False, True, False, False, False, False, True],
        "group": ["a"] * 4 + ["b"] * 4,
    }
)


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def _rows(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def test_partial_line_draws_partial_periods_hollow_and_off_the_solid_line() -> None:
    spec = charts.partial_line(
        PARTIAL, x="month", y="n", partial="part", color="group", title="t", description="d",
        x_title="Month", y_title="Count",
    ).to_dict()
    solid, hollow = _layers(spec)
    assert solid["mark"]["type"] == "line" and hollow["mark"] == {"type": "point", "filled": False, "size": 70, "strokeWidth": 2}
    assert sorted(r["n"] for r in _rows(spec, hollow)) == [3, 5]
    assert 3 not in [r["n"] for r in _rows(spec, solid)] and 5 not in [r["n"] for r in _rows(spec, solid)]
    # the solid line breaks at a partial month: February and April of group a are in different runs
    runs = {(r["group"], r["n"]): r["_run"] for r in _rows(spec, solid)}
    assert runs[("a", 12)] != runs[("a", 14)] and runs[("b", 20)] == runs[("b", 24)]
    assert spec["title"]["subtitle"][-1] == charts.PARTIAL_NOTE


def test_partial_line_can_join_partial_points_with_dashes_and_keeps_labels() -> None:
    one = PARTIAL[PARTIAL["group"] == "a"]
    spec = charts.partial_line(
        one, x="month", y="n", partial="part", join=True, title="t", description="d", x_title="Month",
        y_title="Count", subtitle="s", note="Hollow: part of a month.",
    ).to_dict()
    solid, joins, _hollow = _layers(spec)  # the solid line first: its colour and dash make the legend
    assert solid["mark"]["type"] == "line" and joins["mark"]["strokeDash"] == [3, 3]
    assert sorted(r["n"] for r in _rows(spec, joins)) == [3, 3, 12, 14]  # March joined to February and to April
    assert spec["title"]["subtitle"] == ["s", "Hollow: part of a month."] and spec["description"] == "d"
    with pytest.raises(UnlabelledChartError, match="axes"):
        charts.partial_line(one, x="month", y="n", partial="part", title="t", description="d", x_title="", y_title="n")


def test_line_chart_with_fixed_colours_gives_dash_the_same_domain_so_one_legend_is_drawn() -> None:
    two = pd.DataFrame({"month": pd.to_datetime(["2025-01-01", "2025-01-01"]), "n": [1, 2], "model": ["b", "a"]})
    colours = {"a": charts.PALETTE[0], "b": charts.PALETTE[1]}
    enc = charts.line_chart(
        two, x="month", y="n", color="model", colors=colours, title="t", description="d", x_title="Month", y_title="n"
    ).to_dict()["encoding"]
    assert enc["strokeDash"]["scale"]["domain"] == enc["color"]["scale"]["domain"] == ["a", "b"]
    plain = charts.line_chart(two, x="month", y="n", color="model", title="t", description="d", x_title="Month", y_title="n")
    assert "scale" not in plain.to_dict()["encoding"]["strokeDash"]


def test_partial_line_draws_a_lone_partial_period_without_failing() -> None:
    lone = PARTIAL[PARTIAL["part"]].head(1)
    spec = charts.partial_line(
        lone, x="month", y="n", partial="part", join=True, title="t", description="d", x_title="Month", y_title="n"
    ).to_dict()
    assert [len(_rows(spec, layer)) for layer in _layers(spec)] == [0, 0, 1]  # no solid line, no joins, one point


def test_partial_line_breaks_at_a_missing_value_instead_of_bridging_it() -> None:
    years = pd.DataFrame({"fy": ["FY1", "FY2", "FY3", "FY4"], "v": [5.0, None, 7.0, 9.0], "p": [False, False, False, True]})
    spec = charts.partial_line(
        years, x="fy", y="v", partial="p", join=True, x_type="O", title="t", description="d", x_title="Year",
        y_title="v",
    ).to_dict()
    solid, joins, hollow = _layers(spec)
    runs = {r["fy"]: r["_run"] for r in _rows(spec, solid)}
    assert set(runs) == {"FY1", "FY3"} and runs["FY1"] != runs["FY3"]  # FY2 is missing: no line across it
    assert [r["fy"] for r in _rows(spec, hollow)] == ["FY4"]
    assert sorted(r["fy"] for r in _rows(spec, joins)) == ["FY3", "FY4"]
    assert solid["encoding"]["color"] == {"value": charts.PALETTE[0]}


# --- template / refill (fast explorer redraws) ----------------------------------------------------------------

REFILL_ROWS = pd.DataFrame({"what": ["a", "b"], "share": [60.0, 40.0]})


def _refill_template() -> charts.SpecChart:
    return charts.template(
        charts.bar_chart(
            REFILL_ROWS, x="share", y="what", horizontal=True, highlight={"field": "what", "value": "a"},
            title="first", subtitle="first sub", description="first d", x_title="Share (%)", y_title="What",
        )
    )


def test_refill_swaps_rows_and_words_and_leaves_the_template_alone() -> None:
    base = _refill_template()
    before = base.to_dict()
    rows = pd.DataFrame({"what": ["a", "c", "d"], "share": [10.0, None, 85.5]})
    spec = charts.refill(base, rows, title="New point", description="New words", subtitle=["one", "two"]).to_dict()
    (values,) = spec["datasets"].values()
    assert values == [{"what": "a", "share": 10.0}, {"what": "c", "share": None}, {"what": "d", "share": 85.5}]
    assert spec["title"]["text"] == "New point" and spec["title"]["subtitle"] == ["one", "two"]
    assert spec["description"] == "New words"
    assert spec["encoding"] == before["encoding"]  # axes and the highlight stay as built
    assert base.to_dict() == before


def test_refill_drops_the_template_subtitle_when_none_is_given_and_writes_dates_as_iso_text() -> None:
    days = pd.DataFrame({"day": pd.to_datetime(["2026-02-11"]), "n": [238]})
    line = charts.template(charts.line_chart(days, x="day", y="n", title="t", subtitle="old", description="d",
                                             x_title="Day", y_title="n"))
    spec = charts.refill(line, days, title="t2", description="d2").to_dict()
    assert "subtitle" not in spec["title"]
    (values,) = spec["datasets"].values()
    assert values[0]["day"].startswith("2026-02-11T00:00:00") and values[0]["n"] == 238


def test_refill_refuses_a_chart_without_words_and_template_refuses_two_data_frames() -> None:
    with pytest.raises(UnlabelledChartError):
        charts.refill(_refill_template(), REFILL_ROWS, title=" ", description="d")
    other = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    both = alt.layer(alt.Chart(REFILL_ROWS).mark_bar().encode(x="share:Q"), other)
    with pytest.raises(ValueError, match="exactly one data frame"):
        charts.template(charts.finish(both, title="t", description="d"))


def test_refill_wraps_a_long_title_and_subtitle_to_the_width_asked_and_to_fit_by_default() -> None:
    long_title = "Within strata the treated units had the same outcome as the untreated units of the same size"
    note = "A subtitle line long enough that it would run past the right edge of a chart in a narrow notebook window."
    spec = charts.refill(_refill_template(), REFILL_ROWS, title=long_title, description="d", subtitle=[note, "short"],
                         wrap=charts.NARROW).to_dict()
    text = spec["title"]["text"]
    assert isinstance(text, list) and len(text) == 2 and " ".join(text) == long_title
    assert max(map(len, text)) <= charts.NARROW / charts.TITLE_CHAR_PX and abs(len(text[0]) - len(text[1])) < 15
    assert " ".join(spec["title"]["subtitle"]) == f"{note} short" and len(spec["title"]["subtitle"]) == 3
    assert max(map(len, spec["title"]["subtitle"])) <= charts.NARROW / charts.SUBTITLE_CHAR_PX
    assert charts.refill(_refill_template(), REFILL_ROWS, title="Short", description="d",
                         wrap=charts.NARROW).to_dict()["title"]["text"] == "Short"  # a title that fits stays a string
    unwrapped = charts.refill(_refill_template(), REFILL_ROWS, title=long_title, description="d", subtitle=note, wrap=None)
    assert unwrapped.to_dict()["title"] == {"text": long_title, "subtitle": [note]}
    fitted = charts.refill(_refill_template(), REFILL_ROWS, title=long_title, description="d").to_dict()["title"]["text"]
    assert max(map(len, fitted)) <= charts.FIT / charts.TITLE_CHAR_PX  # by default it fits the narrowest window
    lines = charts.refill(_refill_template(), REFILL_ROWS, title=["One line", long_title], description="d").to_dict()
    assert lines["title"]["text"][0] == "One line" and " ".join(lines["title"]["text"][1:]) == long_title


# --- Bad inputs answered clearly (see tests/test_bad_inputs.py for the census) ---------------------

LABELS = {"title": "t", "description": "d", "x_title": "Month", "y_title": "n"}


def test_a_column_the_data_lacks_is_named_with_close_matches_not_drawn_blank() -> None:
    with pytest.raises(KeyError, match=r"no column 'N'.*Did you mean 'n'"):
        charts.line_chart(DATA, x="month", y="N", **LABELS)
    with pytest.raises(TypeError, match="names a column"):
        charts.bar_chart(DATA, x="n", y=None, horizontal=True, **LABELS)
    with pytest.raises(TypeError, match="draws a table"):
        charts.line_chart("states", x="month", y="n", **LABELS)


def test_an_empty_table_is_no_data_not_a_blank_chart() -> None:
    from helpers import NoData

    with pytest.raises(NoData, match="no rows to draw"):
        charts.line_chart(DATA.head(0), x="month", y="n", **LABELS)


def test_labels_must_be_text_and_codes_may_be_spelt_out() -> None:
    with pytest.raises(UnlabelledChartError, match="int 42"):
        charts.line_chart(DATA, x="month", y="n", **{**LABELS, "title": 42})
    with pytest.raises(TypeError, match="subtitle"):
        charts.line_chart(DATA, x="month", y="n", subtitle=42, **LABELS)
    spelt = charts.line_chart(DATA, x="month", y="n", x_type="temporal", **LABELS).to_dict()
    assert spelt == charts.line_chart(DATA, x="month", y="n", **LABELS).to_dict()
    with pytest.raises(ValueError, match="'T' \\(dates\\)"):
        charts.line_chart(DATA, x="month", y="n", x_type="Z", **LABELS)


def test_colours_must_cover_every_group_drawn() -> None:
    with pytest.raises(ValueError, match="no colour for 'a'"):
        charts.line_chart(DATA, x="month", y="n", color="model", colors={"b": charts.PALETTE[0]}, **LABELS)
    with pytest.raises(TypeError, match="maps each group to a colour"):
        charts.line_chart(DATA, x="month", y="n", color="model", colors="orange", **LABELS)


def test_highlight_finds_the_value_as_the_data_spells_it() -> None:
    bars = pd.DataFrame({"state_name": ["Minnesota", "Texas"], "n": [5, 300]})
    kw = {"x": "n", "y": "state_name", "horizontal": True, **LABELS}
    lower = charts.bar_chart(bars, highlight={"field": "state_name", "value": "minnesota"}, **kw).to_dict()
    assert lower == charts.bar_chart(bars, highlight={"field": "state_name", "value": "Minnesota"}, **kw).to_dict()
    with pytest.raises(TypeError, match="highlight is a dict"):
        charts.bar_chart(bars, highlight="Minnesota", **kw)


def test_a_period_is_cut_at_the_charts_dates_and_refused_outside_them() -> None:
    base = charts.line_chart(DATA, x="month", y="n", **LABELS)
    band = charts.mark_period(base, "1900-01-01", "2025-01-15", "before").to_dict()
    rows = next(r for r in band["datasets"].values() if "start" in r[0])
    assert rows[0]["start"].startswith("2025-01-01") and rows[0]["end"] == "2025-01-15"
    with pytest.raises(ValueError, match="outside the chart's dates"):
        charts.mark_period(base, "2099-01-01", "2099-02-01", "later")
    with pytest.raises(ValueError, match=r"starts .* after it ends"):
        charts.mark_period(base, "2025-02-01", "2025-01-01", "backwards")
    with pytest.raises(ValueError, match="'zz-9' is not a date"):
        charts.mark_period(base, "zz-9", "2025-02-01", "typo")


def test_refill_needs_a_template_and_rows_with_the_columns_it_draws() -> None:
    template = _refill_template()
    with pytest.raises(TypeError, match=r"charts\.template"):
        charts.refill(DATA, REFILL_ROWS, title="t", description="d")
    with pytest.raises(KeyError, match="lack the column"):
        charts.refill(template, pd.DataFrame({"other": [1]}), title="t", description="d")
