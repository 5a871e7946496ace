"""Notebook 03's helpers compute the real numbers of data/, mark partial periods, and explorers answer fast.

Values asserted here were read from data/ (ICE detention spreadsheets via the Deportation Data Project,
ICE FOIA records aggregated by Alyssa Chen, OPM, Konczal's state counts); if a rebuild of data/ changes
them, the notebook's prose changes with them and these tests say where.
"""

from __future__ import annotations

import ipywidgets as ipw
import pandas as pd
import pytest

from helpers import checks, load
from helpers import enforcement_pipeline as ep
from helpers import pipeline_context as context
from helpers import pipeline_minnesota as mn
from helpers import pipeline_national as national
from helpers import pipeline_stpaul as stpaul
from helpers.charts import check_spec
from helpers.widgets import NoData, explorer

# --- shared pieces -----------------------------------------------------------------------------------


def test_surge_window_comes_from_the_fact_sheet_with_its_confidence() -> None:
    w = ep.surge_window()
    assert w.start == pd.Timestamp("2025-12-01") and w.start_verified
    assert w.drawdown == pd.Timestamp("2026-02-04") and w.drawdown_verified
    assert w.end_announced == pd.Timestamp("2026-02-12") and not w.end_verified
    assert "not verified" in w.subtitle()


def test_partial_line_never_joins_a_partial_month_to_the_line() -> None:
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(["2025-07-01", "2025-08-01", "2025-09-01", "2025-10-01"]),
            "value": [10, 11, 5, 12],
            "partial": [False, False, True, False],
        }
    )
    spec = ep.partial_line(
        frame, x="month", y="value", partial="partial", title="t", description="d", x_title="Month", y_title="Value"
    ).to_dict()
    line, hollow = spec["layer"]
    line_rows = spec["datasets"][line["data"]["name"]]
    hollow_rows = spec["datasets"][hollow["data"]["name"]]
    assert [r["value"] for r in line_rows] == [10, 11, 12]
    assert {r["_run"] for r in line_rows} == {0, 1}  # the line breaks at September
    assert [r["value"] for r in hollow_rows] == [5] and hollow["mark"]["filled"] is False


def test_partial_average_is_joined_by_dotted_segments_not_dropped() -> None:
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(["2025-07-01", "2025-08-01", "2025-09-01", "2025-10-01"]),
            "value": [10.0, 11.0, 9.0, 12.0],
            "partial": [False, False, True, False],
        }
    )
    spec = ep.partial_line(
        frame,
        x="month",
        y="value",
        partial="partial",
        title="t",
        description="d",
        x_title="Month",
        y_title="Value",
        kind="average",
    ).to_dict()
    joins, _line, hollow = spec["layer"]
    assert joins["mark"]["strokeDash"] == [2, 2]
    join_rows = spec["datasets"][joins["data"]["name"]]
    assert sorted((r["_join"], r["value"]) for r in join_rows) == [(0, 9.0), (0, 11.0), (1, 9.0), (1, 12.0)]
    assert [r["value"] for r in spec["datasets"][hollow["data"]["name"]]] == [9.0]
    with pytest.raises(ValueError, match="kind"):
        ep.partial_line(
            frame,
            x="month",
            y="value",
            partial="partial",
            title="t",
            description="d",
            x_title="M",
            y_title="V",
            kind="sum",
        )


def test_show_hides_row_numbers_and_missing_values() -> None:
    html = ep.show(pd.DataFrame({"Jail": ["A", "B"], "Code": ["X", None]})).to_html()
    assert "—" in html and "nan" not in html.lower() and "None" not in html
    assert ">0<" not in html  # no row numbers


def test_claims_are_labelled_in_words() -> None:
    parts = ep.claim_parts("ice_workforce_before_2025")
    assert parts["Count"] == "About 10,000 officers and agents"
    assert "Police1" in parts["Source and date"] and "not checked" in parts["What the label means"]
    assert "not verified" in ep.claim_parts("metro_surge_arrests_claimed")["What the label means"]


def test_solution_is_folded() -> None:
    text = ep.Solution("**42.**")._repr_markdown_()
    assert text.startswith("<details><summary>Solution</summary>") and "**42.**" in text


def test_caveats_table_lists_the_catalogue_caveats() -> None:
    table = ep.caveats_table(["mn_detainers_monthly"])
    assert (table["Table"] == "mn_detainers_monthly").all()
    assert table["Caveat"].str.contains("238 detainers").any()


# --- national ----------------------------------------------------------------------------------------


def test_book_ins_peak_and_partial_months() -> None:
    s = national.book_ins_summary()
    assert s["ice_peak_month"] == pd.Timestamp("2025-12-01") and s["ice_peak"] == 37_828
    assert pd.Timestamp("2025-09-01") in s["partial_months"] and pd.Timestamp("2026-04-01") in s["partial_months"]
    assert round(s["ice_share_fy2019"]) == 27 and round(s["ice_share_last6"]) == 90


def test_no_conviction_population_grew_from_october_2024_to_january_2026() -> None:
    g = national.no_conviction_growth()
    assert g["oiv_since"] == pytest.approx(865.1)
    assert g["oiv_peak_month"] == pd.Timestamp("2026-01-01") and g["oiv_peak"] == pytest.approx(25_024.8)
    assert g["oiv_share_peak"] > g["oiv_share_since"] * 6


def test_fy2019_non_criminal_is_kept_under_its_own_label() -> None:
    frame = national.detained_by_criminality()
    fy2019 = frame[frame["month"] < "2019-10-01"]
    assert set(fy2019["criminality"]) == {"Convicted Criminal", "Non-Criminal"}
    assert "Non-Criminal" not in set(frame[frame["month"] >= "2019-10-01"]["criminality"])


def test_bonded_out_is_the_two_bond_rows_added_so_it_is_left_out() -> None:
    table = load("ice_book_outs_monthly")
    wide = table[table["criminality"] == "Total"].pivot(index="month", columns="release_reason", values="n_book_outs")
    assert (wide["Bonded Out"] == wide["Bond Set by ICE"] + wide["Bond Set by IJ"]).all()
    assert "Bonded Out" not in set(national.releases_by_reason()["release_reason"])


def test_parole_collapsed_after_january_2025_and_is_not_listed_after_february_2026() -> None:
    r = national.releases_summary()
    assert r["parole_2024"] == pytest.approx(4_895) and r["parole_2025"] < 200
    assert r["parole_last_month"] == pd.Timestamp("2026-02-01") and r["parole_last_as_of"] == pd.Timestamp("2026-02-05")
    assert r["low_month"] == pd.Timestamp("2025-08-01") and r["low"] == 1_382
    assert r["latest_month"] == pd.Timestamp("2026-03-01") and r["latest"] == 5_024
    assert round(r["latest_share_of_2024"]) == 62


def test_releases_are_told_as_events_over_the_whole_period() -> None:
    title = national.releases_chart().to_dict()["title"]
    assert "1,382 in August 2025" in title["text"] and "5,024 in March 2026" in title["text"]
    assert any("parole" in line for line in title["subtitle"])
    text = national.releases_text()
    assert "5,024 releases" in text and "people were released" not in text


def test_removals_partial_year_is_compared_at_the_same_point() -> None:
    same = national.removals_same_point()
    assert same["removals"] == 234_236 and same["as_of"] == pd.Timestamp("2026-04-02")
    assert same["prior_removals"] == 134_500 and same["prior_as_of"] == pd.Timestamp("2025-03-31")
    assert round(same["change_pct"]) == 74
    frame = national.removals()
    assert frame.set_index("fiscal_year").loc[2026, "coverage"] == "to 2 Apr"


@pytest.mark.parametrize(
    "build",
    [national.book_ins_chart, national.criminality_chart, national.releases_chart, national.removals_chart],
)
def test_national_charts_are_labelled(build) -> None:
    check_spec(build().to_dict())


# --- St. Paul AOR --------------------------------------------------------------------------------------


def test_facility_table_is_readable() -> None:
    table = stpaul.facility_table()
    assert "label" not in table.columns and "daily_code" not in table.columns
    assert not table.isna().any().any()
    row = table.set_index("Jail (city, state)").loc["Woodbury County Jail (Sioux City, IA)"]
    assert row["In ICE's daily FOIA counts"] == "—" and row["First listed"] == "7 Feb 2022"
    minnesota = stpaul.facility_table("MN")
    assert len(minnesota) == 8 and (minnesota["In ICE's daily FOIA counts"] == "yes").all()


def test_spellings_of_one_jail_are_joined() -> None:
    directory = stpaul.facility_directory().set_index("key")
    assert "FREEBORN COUNTY JAIL, MN" in directory.loc["27047", "spellings"]
    assert "FREEBORN COUNTY ADULT DETENTION CENTER" in directory.loc["27047", "spellings"]
    assert directory.loc["27141", "daily_code"] == "SHERBMN"
    assert directory["state_abbr"].iloc[0] == "MN"  # Minnesota's jails come first


def test_impossible_release_value_is_flagged_not_drawn() -> None:
    releases = stpaul._releases()
    odd = releases[releases["suspect"]]
    assert list(odd["facility_name"]) == ["NORTHWEST REGIONAL CORRECTIONS CENTER"]
    assert odd["data_as_of"].iloc[0] == pd.Timestamp("2025-06-23")
    assert stpaul.facility_directory().set_index("key").loc["CROOKSTON|MN", "peak_adp"] < 20


def test_st_paul_jails_listed_by_fiscal_year() -> None:
    totals = stpaul.aor_totals().set_index("fiscal_year")
    assert totals.loc[2019, "jails"] == 18 and totals.loc[2024, "jails"] == 6 and totals.loc[2026, "jails"] == 26
    assert totals.loc[2026, "adp"] == pytest.approx(893.34)


def test_sherburne_jumped_in_february_2025() -> None:
    s = stpaul.minnesota_summary()
    assert s["sherburne_jan_2025"] < 10 < 80 < s["sherburne_mar_2025"]
    assert "Ramsey County Adult Detention Center" in s["small_jails"]


def test_facility_view_draws_and_says_when_there_is_no_data() -> None:
    check_spec(stpaul.facility_view("27141", "fytd").to_dict())
    check_spec(stpaul.facility_view("27141", "daily").to_dict())
    with pytest.raises(NoData, match="nine Minnesota jails"):
        stpaul.facility_view("55031", "daily")
    with pytest.raises(NoData, match="without any population figures"):
        stpaul.facility_view("19039", "fytd")  # Clarke County Sheriff: listed once, no figures


# --- Minnesota -----------------------------------------------------------------------------------------


def test_surge_arrests_and_collateral_share() -> None:
    a = mn.arrests_summary()
    assert a["peak_day"] == pd.Timestamp("2026-01-09") and a["peak"] == 139
    assert a["during_total"] == 3_681
    assert a["collateral_share_during"] > 2 * a["collateral_share_before"]
    assert "1 December 2025" in mn.arrests_text() and "12 February 2026" in mn.arrests_text()


def test_arrest_averages_are_centred_on_the_day() -> None:
    daily = mn.arrests_daily()
    targeted = daily[daily["type"] == "Targeted"].set_index("date")
    day = pd.Timestamp("2026-01-09")
    window = targeted.loc[day - pd.Timedelta(days=3) : day + pd.Timedelta(days=3), "arrests"]
    assert len(window) == 7 and targeted.loc[day, "avg7"] == pytest.approx(window.mean())
    assert targeted["avg7"].iloc[:3].isna().all() and targeted["avg7"].iloc[-3:].isna().all()


def test_contested_counts_mark_claims_and_name_homan_s_role() -> None:
    table = mn.contested_counts()
    homan = table[table["Whose number"].str.startswith("Tom Homan")].iloc[0]
    assert 'White House "border czar"' in homan["Whose number"] and "DHS" not in homan["Whose number"]
    assert "not verified" in homan["What the label means"]
    assert table["Count"].str.contains("3,681 arrests").any()
    assert 'Tom Homan, the White House "border czar"' in mn.surge_timeline_markdown()


def test_detainers_peaked_in_february_2026_even_without_its_busiest_day() -> None:
    p = mn.detainer_peak()
    assert p["month"] == pd.Timestamp("2026-02-01") and p["detainers"] == 493
    assert p["busiest_day"] == pd.Timestamp("2026-02-11") and p["busiest_day_detainers"] == 238
    assert p["without_busiest_day"] == 255 > p["second"] == 222


def test_detainer_outcomes_hennepin_declined_most() -> None:
    s = mn.outcome_summary()
    assert s["all"]["total"] == 882 and s["all"]["declined"] == 292 and s["all"]["booked"] == 152
    assert s["most_declined"] == "HENNEPIN COUNTY ADC" and s["most_declined_n"] == 119
    assert s["n_counties"] == 52
    assert sum(g["total"] for g in s["by_group"].values()) == 882


def test_facilities_are_named_in_plain_words() -> None:
    labels = mn.detainer_outcomes().drop_duplicates("facility").set_index("facility")["label"]
    assert labels["MINN.C.F.,ST.CLOUD"] == "State prison, St. Cloud (MINN.C.F.,ST.CLOUD)"
    assert labels["HENNEPIN COUNTY ADC"] == "Hennepin County jail (HENNEPIN COUNTY ADC)"
    assert labels["WASECA FED.CORR.INST."] == "Federal prison, Waseca (WASECA FED.CORR.INST.)"
    assert (
        mn.top_facilities_chart()
        .to_dict()["title"]["text"]
        .startswith("Hennepin County's jail declined 119 of its 186")
    )


def test_outcome_view_and_its_empty_county() -> None:
    spec = mn.outcome_view("27053").to_dict()
    check_spec(spec)
    assert "119 of 186" in spec["title"]["text"]
    with pytest.raises(NoData, match="Aitkin County"):
        mn.outcome_view("27001")
    labels = dict((v, k) for k, v in mn.outcome_options())
    assert labels["27001"].endswith("(no detainers recorded)") and labels["27053"] == "Hennepin County"


def test_surge_outcomes_and_stays() -> None:
    table = mn.surge_outcomes().set_index("outcome")
    assert table.loc["Deported from country", "people"] == 1_735 and table["people"].sum() == 3_571
    assert table.loc["Died in ICE detention", "people"] == 1
    stays = mn.stay_summary()
    assert stays["people"] == 2_688 and stays["median_days"] == 17


def test_surge_outcomes_chart_gives_people_not_a_share_for_small_groups() -> None:
    spec = mn.surge_outcomes_chart().to_dict()
    assert "Died in ICE detention: 1 person." in spec["description"] and "(0%)" not in spec["description"]
    assert not any("Chen" in line for line in spec["title"]["subtitle"])
    assert "one person" in mn.surge_outcomes_text()


@pytest.mark.parametrize(
    "build",
    [mn.arrests_chart, mn.detainers_chart, mn.top_facilities_chart, mn.surge_outcomes_chart, mn.held_where_chart],
)
def test_minnesota_charts_are_labelled(build) -> None:
    check_spec(build().to_dict())


# --- context -----------------------------------------------------------------------------------------


def test_minnesota_arrest_rate_and_dc_without_rate() -> None:
    s = context.arrests_summary()
    assert s["mn_rate"] == pytest.approx(119.6) and s["mn_rank"] == 25 and s["n_ranked"] == 50
    assert s["top_state"] == "Texas"
    table = context.arrests_by_state().set_index("state_abbr")
    assert pd.isna(table.loc["DC", "arrests_per_100k"])
    check_spec(context.arrests_map().to_dict())


def test_workforce_claims_say_what_verified_means() -> None:
    table = context.workforce_definitions().set_index("What")
    claim = table.loc["Officers and agents before the 2025 hiring"]
    assert claim["Whose number"] == "DHS and ICE" and "not checked" in claim["What the label means"]
    assert table.loc["All ICE employees, December 2025", "Count"] == "28,272"


def test_ice_headcount_rose_mostly_after_august_2025() -> None:
    h = context.headcount_summary()
    assert h["first"] == 20_702 and h["last"] == 28_272
    assert h["drive_start"] == pd.Timestamp("2025-08-01") and h["before_drive"] == 20_848
    assert h["share_of_rise_in_drive"] > 95
    check_spec(context.headcount_chart().to_dict())


def test_book_out_total_changed_definition_in_october_2023() -> None:
    d = context.book_out_total_definition()
    assert d["max_gap_fy2021_2023"] <= 30 and d["min_gap_from_fy2024"] > 1_000
    assert d["total_oct_2023"] > 1.9 * d["total_sep_2023"]


def test_claims_keep_their_confidence() -> None:
    assert "not verified" in context.claim("mn_detainer_requests_change_2025")
    assert "up 63%" in context.claim("mn_detainer_requests_change_2025")


# --- questions and explorer speed --------------------------------------------------------------------


def test_questions_accept_the_right_answers() -> None:
    for spelling in ("February 2026", "february 2026", "Feb 2026", "February", "2026-02"):
        assert checks.check("03-detainer-peak-month", spelling), spelling
    assert not checks.check("03-detainer-peak-month", "March 2026")
    assert checks.check("03-hennepin-declined", 119)
    assert "**119.**" in mn.hennepin_solution()._repr_markdown_()
    assert context.rate_ratio("MN", "WI") == pytest.approx(119.6 / 43.87)
    assert checks.check("03-mn-wi-ratio", 2.7) and not checks.check("03-mn-wi-ratio", 119.6)
    assert "About 2.7" in context.ratio_solution()._repr_markdown_()
    for qid, letter in [("03-detainer-peak-context", "b"), ("03-oiv-meaning", "b"), ("03-partial-year", "c")]:
        assert checks.check(qid, letter)


def _refreshes(box, control: ipw.Dropdown, values: list) -> int:
    """How many choices redrew the explorer (speed is measured by `make bench`, not here)."""
    redrawn = 0
    for value in values:
        if value == control.value:
            continue
        before = box.current
        control.value = value
        redrawn += box.current is not before and box.current is not None
    return redrawn


def test_stpaul_explorer_redraws_for_every_facility() -> None:
    control = ipw.Dropdown(options=stpaul.facility_options(), value="27141")
    measure = ipw.Dropdown(options=stpaul.measure_options(), value="fytd")
    box = explorer(stpaul.facility_view, {"facility": control, "measure": measure}, name="test-03-stpaul")
    keys = [key for _, key in stpaul.facility_options()]
    assert _refreshes(box, control, keys) == len(keys) - 1


def test_detainer_explorer_redraws_for_every_choice() -> None:
    control = ipw.Dropdown(options=mn.outcome_options(), value="27053")
    box = explorer(mn.outcome_view, {"selection": control}, name="test-03-outcomes")
    values = [value for _, value in mn.outcome_options()][::4]
    assert _refreshes(box, control, values) == len([v for v in values if v != "27053"])
