"""The county comparison: real treated counties, the naive gap, within-strata gaps that add up, and clear messages."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import county_compare as cc
from helpers.widgets import NoData

VIOLENT = "violent_crime_per_100k"


@pytest.fixture(scope="module")
def frame2017() -> pd.DataFrame:
    return cc.county_frame(2017)


def test_treated_counties_from_the_post_list() -> None:
    assert len(cc.treated_counties_287g(2015)) == 30
    assert len(cc.treated_counties_287g(2017)) == 59
    assert "48439" in cc.treated_counties_287g(2017)  # Tarrant County TX, active 2017-2019
    assert "04013" not in cc.treated_counties_287g(2017)  # Maricopa County AZ ended in 2011
    with pytest.raises(NoData, match="2005-2019"):
        cc.treated_counties_287g(2021)


def test_county_frame_joins_one_row_per_county(frame2017: pd.DataFrame) -> None:
    assert len(frame2017) == 3142 and frame2017["county_fips"].is_unique
    assert int(frame2017["has_287g"].sum()) == 59
    assert frame2017["census_region"].notna().all()
    # low-coverage crime rates (quality 3) are blanked by default, kept on request
    assert int(frame2017[VIOLENT].notna().sum()) == 2604
    assert int(cc.county_frame(2017, quality=(1, 2, 3))[VIOLENT].notna().sum()) == 3135
    hennepin = frame2017.set_index("county_fips").loc["27053"]
    assert hennepin["pop_band"] == "1M+" and hennepin["census_region"] == "Midwest" and not hennepin["has_287g"]


def test_naive_gap_is_the_difference_of_means(frame2017: pd.DataFrame) -> None:
    result = cc.compare(frame2017, VIOLENT, "none")
    assert (result.n_treated, result.n_control) == (56, 2548)
    assert result.naive_gap == pytest.approx(87.56, abs=0.01)
    assert result.adjusted_gap == pytest.approx(result.naive_gap)
    assert result.naive_ci[0] > 0  # among all counties the gap is clearly above zero


def test_within_strata_gap_is_the_treated_weighted_average(frame2017: pd.DataFrame) -> None:
    result = cc.compare(frame2017, VIOLENT, "pop_region")
    used = result.by_stratum[result.by_stratum["used"]]
    assert used["weight"].sum() == pytest.approx(1.0)
    assert result.adjusted_gap == pytest.approx((used["weight"] * used["gap"]).sum())
    assert result.adjusted_gap == pytest.approx(-16.04, abs=0.01)
    assert result.share_confounding > 1  # comparing like with like removes the whole naive gap
    lo, hi = result.adjusted_ci
    assert lo < 0 < hi
    south = used.set_index("stratum").loc["250k-1M · South"]
    assert (south["n_treated"], south["n_control"]) == (18, 62)


def test_population_size_explains_most_of_the_gap(frame2017: pd.DataFrame) -> None:
    table = cc.ladder(frame2017, VIOLENT).set_index("strata")
    assert list(table.index) == list(cc.STRATA)
    assert table.loc["pop", "share_confounding"] == pytest.approx(0.82, abs=0.01)
    assert table.loc["region", "gap"] > table.loc["pop", "gap"]
    assert table.loc["pop_state", "treated_counties_used"] == 54  # two treated counties have no comparison county


def test_confounding_is_removed_exactly_in_a_toy_example() -> None:
    toy = pd.DataFrame(
        {
            "rate": [10, 10, 10, 30, 30, 30, 30],
            "has_287g": [False, False, True, True, True, False, False],
            "size": ["small", "small", "small", "big", "big", "big", "big"],
        }
    )
    result = cc.compare(toy, "rate", ["size"])
    assert result.naive_gap == pytest.approx(70 / 3 - 20)
    assert result.adjusted_gap == pytest.approx(0.0)
    assert result.share_confounding == pytest.approx(1.0)


def test_other_outcomes_work_for_notebook_05(frame2017: pd.DataFrame) -> None:
    result = cc.compare(frame2017, "poverty_pct_acs_2013_2017", "pop_region")
    assert result.n_treated == 59  # every county has a poverty rate
    assert "naive gap in poverty rate" in result.sentence().lower()


def test_empty_selection_raises_nodata() -> None:
    toy = pd.DataFrame({"rate": [1.0, 2.0], "has_287g": [False, False], "size": ["a", "b"]})
    with pytest.raises(NoData):
        cc.compare(toy, "rate", ["size"])


def test_explorer_changes_with_the_outcome() -> None:
    box = cc.explorer(name="test-county-gap")
    first_key = next(iter(box.controls))
    assert first_key == "outcome"
    before = box.current.parts[1].title
    box.controls["outcome"].value = "property_crime_per_100k"
    after = box.current.parts[1].title
    assert before != after and after.startswith("Property crime, 2017")
    box.controls["strata"].value = "none"
    assert "gap" in box.current.parts[1].title


def test_charts_have_titles_that_state_the_numbers(frame2017: pd.DataFrame) -> None:
    ladder = cc.ladder_chart(frame2017, VIOLENT).to_dict()
    assert (
        ladder["title"]["text"]
        == "Violent crime: a naive gap of +88 becomes −16 among counties of similar size and region"
    )
    assert "include zero" in ladder["description"]
    strata = cc.strata_chart(cc.compare(frame2017, VIOLENT, "pop")).to_dict()
    assert strata["title"]["text"].startswith("Violent crime, 2017: naive gap +88, within population size +15")
    assert len(strata["datasets"][cc.STRATA_DATA]) == 5


def test_sentence_never_claims_a_sign_reversal_inside_an_interval_with_zero(frame2017: pd.DataFrame) -> None:
    text = cc.compare(frame2017, VIOLENT, "pop_region").sentence()
    assert "not distinguishable from zero" in text and "reverses" not in text


def test_ladder_sentence_gives_the_range_of_size_adjusted_estimates(frame2017: pd.DataFrame) -> None:
    text = cc.ladder_sentence(frame2017, VIOLENT)
    assert text.startswith("Every comparison that accounts for population size has an interval that includes zero")
    assert "from −26 to +15" in text and "naive +88" in text


def test_profile_table_and_coverage_note(frame2017: pd.DataFrame) -> None:
    assert cc.profile(frame2017).iloc[0, 1] == 241373
    assert "241,373" in cc.profile_table(frame2017).to_html()
    assert cc.coverage_note(frame2017, VIOLENT).startswith("The comparison uses 56 of the 59 counties")


def test_baseline_timing_counts_agreements_older_than_the_acs_period() -> None:
    text = cc.baseline_timing(2017)
    assert text.startswith("Of the 59 county agreements active in 2017, 31 began after the ACS 2011–2015 period")
    assert "1 during it and 27 before it" in text


def test_every_economic_outcome_of_notebook_05_has_a_label() -> None:
    assert cc.outcome_info("unemployment_pct_acs_2011_2015").unit == "percent of the labour force"
