"""Notebook 05's helpers: real findings, real county gaps, dated tables, and clear messages for empty selections."""

from __future__ import annotations

import ipywidgets
import pandas as pd
import pytest

from helpers import checks, evidence, text
from helpers import economies as ec
from helpers.widgets import NoData


def test_economic_findings_cover_three_domains_without_secondary_rows() -> None:
    df = ec.economic_findings()
    assert set(df["outcome_domain"]) == set(ec.DOMAINS)
    assert len(df) == 21 and "secondary" not in set(df["verification_status"])
    with_secondary = ec.economic_findings(include_secondary=True)
    assert len(with_secondary) == 27
    assert {"R45", "R46", "R77", "R79", "R83", "R05"} == set(
        with_secondary.loc[with_secondary["verification_status"] == "secondary", "row_id"]
    )


def test_every_finding_is_dated_or_says_why_not() -> None:
    table = ec.dated_table(ec.economic_findings())
    periods = dict(zip(table.frame["Finding"], table.frame["Period studied"], strict=True))
    assert periods["R37"] == "SC implementation 2008-2013"
    assert periods["R81"] == "January 2026 (one month of Operation Metro Surge)"
    assert (
        periods["R02"] == "not stated in the text read (published 2017)"
    )  # Wong's report gives no period in the text read
    assert table.links  # studies link to their sources
    with pytest.raises(NoData):
        ec.dated_table(ec.economic_findings().iloc[0:0])


def test_disagreement_table_sets_the_citizen_findings_side_by_side() -> None:
    frame = ec.disagreement_table().frame.set_index("Finding")
    assert list(frame.index) == list(ec.DISAGREEMENT_ROWS)
    assert frame.loc["R40", "What it found, in the study's words"].startswith("○")  # Hines & Peri: no effect
    assert frame.loc["R43", "What it found, in the study's words"].startswith("◐")  # Pearlman: mixed
    assert frame.loc["R38", "Who"].startswith("US citizens") and frame.loc["R40", "Who"] == "unskilled US citizens"
    assert "causal design" in frame.loc["R40", "Design"] and "association" in frame.loc["R43", "Design"]


def test_secondary_rows_are_listed_with_their_caveats_only() -> None:
    frame = ec.secondary_table().frame
    assert set(frame["Status"]) == {"secondary: context only"}
    assert "R83" in set(frame["Finding"])


def test_minneapolis_figures_are_the_citys_own_and_marked() -> None:
    frame = ec.minneapolis_frame().set_index("row_id")
    assert frame.loc["R81", "millions"] == pytest.approx(203.1)
    assert frame.loc["R82", "millions"] == pytest.approx(47.0)
    assert frame.loc["R83", "status"] == ec.STATUS_DOMAIN[1]  # read only in secondary coverage
    spec = ec.minneapolis_chart().to_dict()
    assert "own estimate" in spec["title"]["text"] and "203.1" in spec["title"]["text"]
    assert "secondary" in spec["description"]


def test_hands_on_gaps_from_the_shipped_data() -> None:
    summary = ec.gap_summary().set_index("column")
    income = summary.loc["median_household_income_acs_2011_2015"]
    assert income["n_treated"] == 30
    assert income["naive_gap"] == pytest.approx(10175.26, abs=0.01)
    assert income["adjusted_gap"] == pytest.approx(643.91, abs=0.01)
    assert income["naive_clear"] and not income["survives"]
    assert income["share_confounding"] == pytest.approx(0.937, abs=0.001)
    poverty = summary.loc["poverty_pct_acs_2011_2015"]
    assert poverty["naive_gap"] == pytest.approx(-1.90, abs=0.01) and not poverty["survives"]
    unemployment = summary.loc["unemployment_pct_acs_2011_2015"]
    assert not unemployment["naive_clear"] and unemployment["verdict"] == "no clear gap even before adjusting"


def test_mirror_table_reads_wong_as_more_enforcement_minus_less() -> None:
    table = ec.mirror_table().frame
    assert len(table) == 3
    assert table.iloc[0]["Wong, read as more enforcement minus less"] == "−4,353 dollars"
    assert table.iloc[1]["Wong (2017): sanctuary minus matched counties, as published"] == "2.3 percent lower (R03)"
    assert table.iloc[0]["287(g) counties minus all others, 2015 (naive)"] == "+10,175 dollars"


def test_survival_chart_states_which_gaps_survive() -> None:
    spec = ec.survival_chart(ec.gap_summary()).to_dict()
    assert (
        spec["title"]["text"]
        == "The clear naive gaps in income and poverty do not survive among counties of similar size and region"
    )
    assert "Unemployment rate: naive gap +0.4" in spec["description"]


def test_agreements_were_in_force_before_the_acs_window() -> None:
    timing = ec.treatment_timing()
    assert len(timing) == 30
    assert int(timing["began_before_window"].sum()) == 29
    assert int(timing["active_whole_window"].sum()) == 29
    assert int(timing["first_year_active"].min()) == 2005
    with pytest.raises(NoData, match="2005-2019"):
        ec.treatment_timing(2021)


def test_wong_table_keeps_his_words_and_flags_the_secondary_rows() -> None:
    frame = ec.wong_table().frame.set_index("Finding")
    assert list(frame.index) == list(ec.WONG_ROWS)
    assert frame.loc["R02", "Sanctuary minus matched counties, as published"] == "$4,353 higher"
    assert frame.loc["R02", "Read as the effect of more enforcement"].startswith("−4,353")
    assert (
        frame.loc["R05", "Status"] == "SECONDARY: CONTEXT ONLY"
        and frame.loc["R04", "Status"] == "verified in the source"
    )


def test_poverty_units_show_how_far_apart_the_two_readings_are() -> None:
    u = ec.poverty_units()
    assert u["mean_rate"] == pytest.approx(16.70, abs=0.01)
    assert u["if_percent_points"] == pytest.approx(0.384, abs=0.001)
    assert u["if_points_percent"] == pytest.approx(13.77, abs=0.01)


def test_period_text_falls_back_to_the_publication_year() -> None:
    assert ec.period_text(" 2005-2011 ") == "2005-2011"
    assert ec.period_text(pd.NA, 2024) == "not stated in the text read (published 2024)"
    assert ec.period_text(None) == ec.NO_PERIOD


def test_dollar_amounts_stay_dollar_amounts_in_markdown() -> None:
    assert ec.escape_dollars("from $6 million to $81 million") == f"from {text.DOLLAR}6 million to {text.DOLLAR}81 million"
    assert ec.escape_dollars(r"already \$5") == f"already {text.DOLLAR}5"
    card = ec.card("R83").data
    assert card.count(text.DOLLAR) == 3 and "$" not in card.replace(text.DOLLAR, "")


def test_card_explorer_lists_secondary_findings_marked() -> None:
    explorer = ec.card_explorer(name="test-05-card", value="R81")
    options = dict((v, k) for k, v in explorer.controls["row_id"].options)
    assert options["R83"].endswith("(secondary)") and not options["R81"].endswith("(secondary)")
    assert "City of Minneapolis" in explorer.current.data


def test_empty_evidence_selection_says_what_to_change() -> None:
    with pytest.raises(NoData, match="Set the policy or the design back"):
        evidence.findings(domain="income_poverty", design="experiment")


def _answers_every_choice(explorer, control, values) -> bool:
    """Each choice redraws the explorer (speed is measured by `make bench`, not here)."""
    for value in values:
        if value == control.value:
            continue
        before = explorer.current
        control.value = value
        if explorer.current is before or explorer.current is None:
            return False
    return True


def test_county_explorer_starts_with_an_outcome_dropdown_and_answers_every_choice() -> None:
    explorer = ec.county_explorer(name="test-05-county")
    first = next(iter(explorer.controls.values()))
    assert isinstance(first, ipywidgets.Dropdown)
    before = explorer.current
    first.value = "poverty_pct_acs_2011_2015"
    assert explorer.current is not before
    assert _answers_every_choice(explorer, first, list(ec.EXPLORER_OUTCOMES))


def test_evidence_explorer_for_this_notebook_answers_every_choice() -> None:
    explorer = evidence.explorer(default_domain="labor_market", name="test-05-evidence")
    first = explorer.controls["domain"]
    assert _answers_every_choice(explorer, first, [*ec.DOMAINS])


def test_questions_accept_their_expected_answers() -> None:
    ids = [
        "05-causal-design",
        "05-naive-income-gap",
        "05-income-share",
        "05-income-survives",
        "05-wong-unit",
        "05-jail-null",
        "05-minneapolis",
    ]
    registry = checks.registry()
    for qid in ids:
        q = registry[qid]
        expected = q.answer()
        answer = expected[0] if isinstance(expected, tuple) else expected
        assert checks.check(qid, answer), qid
    assert registry["05-income-survives"].answer() is False
    assert registry["05-income-share"].answer() == pytest.approx(93.7, abs=0.1)
    assert not checks.check("05-wong-unit", "percent")
