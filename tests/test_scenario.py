"""helpers/scenario.py: a published effect applied to a baseline stays a range, in the right units."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import NoData, evidence, scenario
from helpers.scenario import COUNT, PER_PERSON, PERCENT, POINTS, Effect, UnitError


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("percent change", PERCENT),
        ("percent change within 2 years", PERCENT),
        ("percentage points", POINTS),
        ("percentage points (range across models)", POINTS),
        ("grams", PER_PERSON),
        ("students per county", COUNT),
    ],
)
def test_unit_kind_reads_published_units(unit: str, kind: str) -> None:
    assert scenario.unit_kind(unit) == kind


@pytest.mark.parametrize(
    "unit",
    ["risk ratio", "log points", "percent increase in offending per 10 percent decline in reporting (elasticity)",
     "citizen jobs nationally (approximate)", "percent of respondents", None, "", "furlongs"],
)
def test_unit_kind_refuses_what_cannot_become_people(unit) -> None:
    with pytest.raises(UnitError, match=r"\w"):
        scenario.unit_kind(unit)


def test_percent_change_propagates_every_corner() -> None:
    result = scenario.apply(Effect(-15.0, -5.0, PERCENT, "ci"), [200, 300])
    assert (result.low, result.high) == (-45.0, -10.0)  # far end x larger baseline, near end x smaller
    assert (result.base_low, result.base_high) == (200, 300)


def test_percentage_points_move_people_out_of_a_group() -> None:
    result = scenario.apply(Effect(1.0, 2.0, POINTS, "ci"), 1_000)
    assert (result.low, result.high) == (10.0, 20.0)


def test_a_count_is_added_as_it_is_not_scaled() -> None:
    result = scenario.apply(Effect(-30.0, -10.0, COUNT, "range"), [100, 5_000])
    assert (result.low, result.high) == (-30.0, -10.0)


def test_a_count_larger_than_the_baseline_is_refused() -> None:
    with pytest.raises(ValueError, match="extrapolate"):
        scenario.apply(Effect(-300.0, -100.0, COUNT, "range"), [150, 400])


def test_a_change_in_an_average_stays_per_person() -> None:
    result = scenario.apply(Effect(-83.5, -33.5, PER_PERSON, "ci"), [50, 120])
    assert (result.low, result.high) == (-83.5, -33.5)
    assert result.per_person and (result.base_low, result.base_high) == (50, 120)


def test_an_interval_across_zero_stays_across_zero() -> None:
    result = scenario.apply(Effect(-0.5, 1.5, PERCENT, "ci"), 1_000)
    assert result.low < 0 < result.high
    assert scenario.change_text(result.low, result.high, "births") == "from a drop of fewer than 10 to a rise of about 20 births"


@pytest.mark.parametrize("bad", [[float("nan")], [None], [], [pd.NA, 10]])
def test_a_missing_baseline_is_reported_not_filled(bad) -> None:
    with pytest.raises(NoData, match=r"baseline|value"):
        scenario.apply(Effect(-10.0, -10.0, PERCENT), bad)


def test_a_negative_baseline_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        scenario.apply(Effect(-10.0, -10.0, PERCENT), [-5])


def test_an_effect_needs_ordered_ends_and_a_known_unit() -> None:
    with pytest.raises(ValueError, match="low to high"):
        Effect(-5.0, -15.0, PERCENT)
    with pytest.raises(UnitError):
        Effect(1.0, 2.0, "ratio")
    with pytest.raises(NoData):
        Effect(float("nan"), float("nan"), PERCENT)


def test_effects_read_from_findings_keep_their_interval_kind() -> None:
    rows = evidence.findings(rows=["R52", "R64", "R68"]).set_index("row_id")
    point, ci, spec_range = (Effect.from_finding(rows.loc[r]) for r in ["R52", "R64", "R68"])
    assert (point.low, point.high, point.interval, point.unit) == (-10.0, -10.0, "none", PERCENT)
    assert (ci.low, ci.high, ci.interval, ci.unit) == (-83.52, -33.54, "ci", PER_PERSON)
    assert (spec_range.low, spec_range.high, spec_range.interval, spec_range.unit) == (-7.0, -4.8, "range", POINTS)
    assert spec_range.interval != "ci"  # a range across specifications is never relabelled as a CI


def test_a_finding_in_log_points_is_refused() -> None:
    row = evidence.findings(rows=["R14"]).iloc[0]
    with pytest.raises(UnitError):
        Effect.from_finding(row)


@pytest.mark.parametrize(
    ("value", "rounded", "words"),
    [(7, 0, "fewer than 10"), (-7, 0, "fewer than 10"), (44, 40, "about 40"), (45, 50, "about 50"),
     (1_234, 1_200, "about 1,200"), (23_456, 23_000, "about 23,000"), (-128.1, -130, "about 130")],
)
def test_people_are_rounded_honestly(value: float, rounded: int, words: str) -> None:
    assert scenario._round_people(value) == rounded
    assert scenario._people(value) == words


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [(-128.1, -75.8, "a drop of about 80 to 130 students"),
     (6.9, 15.6, "a rise of fewer than 10 to about 20 students"),
     (2.0, 8.0, "a rise of fewer than 10 students"),
     (-24.0, -18.0, "a drop of about 10 to 30 students"),  # both ends round to 20: rounded outwards instead
     (-3.0, 4.0, "a change of fewer than 10 students, up or down")],
)
def test_change_text_is_always_a_range_or_a_bound(low: float, high: float, text: str) -> None:
    assert scenario.change_text(low, high, "students") == text
    assert scenario.change_text(high, low, "students") == text  # order of the ends does not matter


def _plan(values_for: dict[str, list[str]]) -> pd.DataFrame:
    rows = evidence.findings(rows=list(values_for))
    rows["topic"] = "a topic"
    rows["noun"] = "people"
    rows["unit_word"] = "grams"
    rows["baselines"] = [values_for[r] for r in rows.row_id]
    rows["note"] = "no county count of this in the series."
    rows["why"] = "carried"
    return rows


def test_what_if_table_applies_each_finding_to_made_up_baselines() -> None:
    plan = _plan({"R52": ["kids_a", "kids_b"], "R64": ["births"], "R68": ["adults"], "R90": []})
    values = {"kids_a": 200, "kids_b": 300, "births": 40, "adults": 1_000}
    table = scenario.what_if_table(plan, values, {"kids_a": "children"}, carry=["why"]).set_index("row_id")
    assert (table.loc["R52", "low"], table.loc["R52", "high"]) == (-30.0, -20.0)
    assert table.loc["R52", "What-if"] == "a drop of about 20 to 30 people, if the effect carried over"
    assert table.loc["R52", "Baseline"] == "200 children or 300 kids_b"
    assert table.loc["R52", "Range comes from"].startswith("the two baselines only: no interval was published")
    assert table.loc["R52", "Studied"].startswith("Hispanic students")  # to whom the effect applies
    assert "2000" in table.loc["R52", "Studied"]  # and when
    assert table.loc["R64", "What-if"].startswith("34 to 84 grams lower on average")
    assert (table.loc["R68", "low"], table.loc["R68", "high"]) == (-70.0, -48.0)
    assert table.loc["R68", "Range comes from"] == ("the range across specifications (not a confidence interval) "
                                                    "and the baseline")
    assert table.loc["R64", "Range comes from"] == "the 95% confidence interval and the baseline"
    assert math.isnan(table.loc["R90", "low"]) and "no county count" in table.loc["R90", "What-if"]
    assert (table["why"] == "carried").all()


def test_a_point_effect_on_one_baseline_is_not_one_number() -> None:
    with pytest.raises(NoData, match="one number"):
        scenario.apply(Effect(-10.0, -10.0, PERCENT), [200, 200])
    table = scenario.what_if_table(_plan({"R52": ["kids_a"]}), {"kids_a": 200})
    assert "one number" in table.loc[0, "What-if"] and math.isnan(table.loc[0, "low"])


@pytest.mark.parametrize(("call", "args"), [(scenario.apply, ("not an effect", [10])), (scenario.apply, (None, None)),
                                            (scenario.change_text, ("abc", 1, "people")),
                                            (scenario.what_if_table, (None, {})), (scenario.county_values, (42, "x"))])
def test_wrong_inputs_are_named_with_what_to_pass(call, args) -> None:
    with pytest.raises(TypeError, match=r"Expected .*Pass"):
        call(*args)


def test_what_if_table_says_when_a_county_has_no_value() -> None:
    plan = _plan({"R52": ["kids_a", "kids_b"]})
    table = scenario.what_if_table(plan, {"kids_a": 200, "kids_b": float("nan")})
    assert table.loc[0, "What-if"].startswith("not estimated") and math.isnan(table.loc[0, "low"])


@pytest.mark.parametrize("county", ["Atlantis", "", "   ", None])
def test_an_unknown_or_empty_county_says_what_to_try(county) -> None:
    table = pd.DataFrame({"x": [1, 2]}, index=["Hennepin", "Sherburne"])
    with pytest.raises(NoData, match="county"):
        scenario.county_values(table, county)


def test_a_misspelt_county_gets_a_suggestion() -> None:
    table = pd.DataFrame({"x": [1, 2]}, index=["Hennepin", "Sherburne"])
    with pytest.raises(NoData, match="Did you mean Sherburne"):
        scenario.county_values(table, "Sherburn")
    assert scenario.county_values(table, " Hennepin ").x == 1
