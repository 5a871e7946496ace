"""The national landscape (notebook 01): real values from data/, and empty selections that say so."""

from __future__ import annotations

import contextlib

import pandas as pd
import pytest

from helpers import landscape, load
from helpers.charts import check_spec
from helpers.widgets import NoData

LATEST = pd.Timestamp("2026-05-18")


def test_kinds_and_booking_path_are_complete() -> None:
    kinds = landscape.cooperation_kinds()
    assert len(kinds) == 8 and kinds["Can a place decline?"].str.len().gt(0).all()
    assert any(k.startswith("Fingerprint") for k in kinds["Kind of cooperation"])
    # today's fingerprint program rests on secondary sources; one Oregon ruling is not "courts"
    prints = kinds.set_index("Kind of cooperation").loc["Fingerprint sharing at booking (Secure Communities)"]
    assert "secondary sources" in prints["Who acts"]
    detainers = kinds.set_index("Kind of cooperation").loc["Detainers and release notifications"]
    assert "federal court in Oregon" in detainers["Can a place decline?"] and "Courts" not in " ".join(detainers)
    assert "State laws that require cooperation" in set(kinds["Kind of cooperation"])
    assert not kinds.apply(lambda c: c.str.contains("refuse")).any().any()
    path = landscape.booking_path()
    assert list(path["step"]) == [1, 2, 3, 4, 5, 6]
    check_spec(landscape.booking_path_chart().to_dict())


def test_growth_numbers_match_ice_sheets() -> None:
    g = landscape.growth_numbers()
    assert g["jan2025"] == 135 and g["jan2025_date"] == pd.Timestamp("2025-01-31")
    assert g["latest"] == 1843 and g["latest_date"] == LATEST
    assert g["by_model_latest"] == {
        "Jail Enforcement Model": 182,
        "Task Force Model": 1162,
        "Warrant Service Officer": 499,
    }
    assert g["by_model_jan2025"]["Task Force Model"] == 0
    assert g["top_growth_model"] == "Task Force Model"
    assert sum(g["by_model_latest"].values()) == g["latest"]


def test_washington_post_series_stays_separate_and_marks_2019_partial() -> None:
    w = landscape.wapo_yearly()
    assert (w["year"].min(), w["year"].max()) == (2005, 2019)
    assert w.set_index("year").loc[2019, "is_partial_year"] and not w.set_index("year").loc[2018, "is_partial_year"]
    assert w.set_index("year").loc[2018, "n_agencies"] == 81
    spec = landscape.growth_chart().to_dict()
    assert len(spec["hconcat"]) == 2  # two panels, never one joined line
    check_spec(spec)


def test_in_force_counts_redated_duplicates_once() -> None:
    on = landscape.in_force_on(LATEST)
    assert len(on) == 1843 and on["agreement_key"].is_unique
    freeborn = landscape.in_force_on("2025-03-27")
    mn_wso = freeborn[(freeborn.state_abbr == "MN") & (freeborn.county_fips == "27047")]
    assert len(mn_wso) == 1  # Freeborn's WSO agreement, re-dated and re-spelled by ICE, counts once


def test_county_map_matches_the_county_rollup() -> None:
    assert landscape.counties_with_agreements(LATEST) == len(load("agreements_287g_county_latest")) == 917
    view = landscape.county_map_view(landscape.ALL_MODELS, LATEST)
    spec = view.to_dict()
    check_spec(spec)
    (rows,) = spec["datasets"].values()
    assert len(rows) == 917
    assert "234 of 1,843 agreements are not on the map" in spec["title"]["subtitle"][1]
    assert {r["agreements_class"] for r in rows} <= set(landscape.COUNT_CLASSES)


def test_county_map_empty_selections_raise_nodata() -> None:
    with pytest.raises(NoData, match="no task force agreement"):
        landscape.county_map_view("Task Force Model", pd.Timestamp("2021-01-31"))
    with pytest.raises(NoData, match="start on 13 January 2021"):
        landscape.county_map_view(landscape.ALL_MODELS, pd.Timestamp("2019-06-30"))
    with pytest.raises(NoData, match="end on"):
        landscape.in_force_on("2027-01-01")


def test_month_options_cover_every_month() -> None:
    months = landscape.month_options()
    assert len(months) == 65 and months[0][0] == "Jan 2021" and months[-1] == ("May 2026", LATEST)


def test_map_callback_draws_every_model_and_month() -> None:
    months = [m for _, m in landscape.month_options()]
    models = [landscape.ALL_MODELS, *landscape.MODELS]
    landscape.county_map_view(landscape.ALL_MODELS, months[-1])  # template and caches
    drawn = 0
    for i in range(40):
        with contextlib.suppress(NoData):
            bundle = landscape.county_map_view(models[i % 4], months[-1 - (i % 12)])._repr_mimebundle_()
            drawn += bool(bundle)
    assert drawn >= 30  # a model with no agreements in a month says so instead of drawing


def test_state_ranking_and_agencies() -> None:
    r = landscape.state_ranking().set_index("state_abbr")
    assert list(r.index[:2]) == ["TX", "FL"]
    assert r.loc["TX", "n_agreements"] == 387 and r.loc["FL", "n_agreements"] == 348
    assert r.loc["MN", "n_agreements"] == 10 and r.loc["MN", "rank"] == 27
    assert "Minnesota ranks" not in landscape.ranking_chart().to_dict()["title"]["text"]  # Q6 is not read off a title
    mn = landscape.state_agencies("MN")
    assert len(mn) == 10 and (mn["Model"] == "task force").sum() == 6
    assert "Isle Police Department" in set(mn["Agency"])
    view = landscape.state_agencies_view("MN")._repr_html_()
    assert "10 agreements" in view and "2 other agreements" in view


def test_state_without_agreements_says_so() -> None:
    with pytest.raises(NoData, match="Vermont"):
        landscape.state_agencies("VT")


def test_limiting_counts_say_who_counted_what() -> None:
    counts = landscape.limiting_counts()
    assert len(counts) == len(landscape.LIMIT_COUNTS)
    assert "restrictionist" not in " ".join(counts.to_numpy().ravel())
    ilrc = counts[counts["Who counted"].str.startswith("Immigrant Legal")].iloc[0]
    assert ilrc["Count (source; confidence)"].startswith("735 counties")
    fair = counts[counts["Who counted"] == "FAIR"].iloc[0]
    assert "reported, not verified" in fair["Count (source; confidence)"]
    assert counts["When"].iloc[0] == "2015" and counts["When"].iloc[-1] == "2025-11-20"  # oldest first


def test_doj_list_by_county() -> None:
    assert landscape.doj_summary() == {"total": 35, "state": 13, "county": 4, "city": 18}
    by_county = landscape.doj_by_county().set_index("county_fips")
    assert by_county.loc["17031", "category"] == "County listed"  # Cook County (also contains Chicago)
    assert by_county.loc["06037", "category"] == "County containing a listed city"  # Los Angeles
    assert by_county.loc["27053", "category"] == "State listed as a whole"  # Hennepin: Minnesota is listed as a state
    assert (by_county.index.str[:2] == "27").sum() == 87
    check_spec(landscape.doj_map().to_dict())
    assert len(landscape.doj_table()) == 35


def test_ddor_rows_are_shown_only_as_a_partial_sample() -> None:
    sample = landscape.ddor_sample()
    assert len(sample) == 44
    assert landscape.ddor_coverage().startswith("PARTIAL")
    counts = landscape.ddor_evidence_counts().set_index("How the row is known")["Rows"]
    assert counts.sum() == 44 and counts.iloc[0] == 3


def test_then_and_now_covers_every_claim_with_dated_sources() -> None:
    t = landscape.then_and_now().set_index(landscape.then_and_now()["Claim"].str.extract(r"^\((\w+)\)")[0])
    assert len(t) == 9
    assert "2023-10-01" in t.loc["g2", "The record in 2026"] and t.loc["g2", "Verdict"].startswith("**False in 2017.**")
    assert "reported, not verified" in t.loc["h", "The record in 2017"]
    # (f): the 3,000 peak is a secondary figure, so the row is no stronger than secondary; the label appears once
    f_verdict = t.loc["f", "Verdict"]
    assert "more than 2,000 federal agents (verified)" in f_verdict
    assert "about 3,000 federal agents (*reported, not verified" in f_verdict
    assert f_verdict.count("Overtaken by events") == 1 and t.loc["f", "Weakest confidence"] == "secondary"
    # (d): no 2017 date on a 2026 statement; (h): verdict names its secondary basis, no unrelated 287(g) count
    assert "2017-01-25" not in t.loc["d", "The record in 2026"]
    assert t.loc["h", "Verdict"].startswith("**True (10,000 figure from secondary sources).**")
    assert "287(g)" not in t.loc["h", "The record in 2026"]
    # legal authority as it is: a formal opinion, one unpublished decision, a withdrawn DHS list
    assert "ruled" not in " ".join(t.to_numpy().ravel()) and "formal opinion" in t.loc["c", "The record in 2026"]
    assert "unpublished" in t.loc["e", "Verdict"] and "withdrawn within days" in t.loc["e", "Verdict"]
    assert set(landscape.then_and_now_keys()) <= set(landscape.FACTS_USED)


def test_verdicts_count_accurate_and_true_together() -> None:
    counts = landscape.verdict_counts()
    assert counts.sum() == 9 and counts["Accurate or true"] == 4 and "True" not in counts.index
    assert "Accurate or true, 4 claims: (c), (e), (g1) and (h)" in landscape.verdicts_text()


def test_sources_lists_resolve_and_never_repeat() -> None:
    text = landscape.facts_markdown(landscape.FACTS_USED)
    assert all(f"`{k}`" in text for k in landscape.FACTS_USED)
    # two keys of one statement share a bullet: DOJ's list, and ICE's 2021 court filing
    assert "`doj_sanctuary_list_2025`, `doj_sanctuary_list_names_minnesota_2025`" in text
    assert "`ice_court_limited_cooperation_jails_2021`, `ice_court_noncooperating_jails_2021`" in text
    bullets = text.splitlines()
    assert len({b.split("): ", 1)[1] for b in bullets}) == len(bullets)
    assert "Miranda-Olivares" in landscape.finding_citation("R78")
    assert "R42" in landscape.FINDINGS_USED and "287(g) mandates" in landscape.mandates_text()
    once = landscape.sources_markdown_once(["mn_arrests_daily_by_type"])
    assert once.count("Deportation Data Project (release") == 1
    assert 'work as 1"' in landscape.fingerprints_text() and ',";' not in landscape.fingerprints_text()


def test_minnesota_rank_question_accepts_the_tie() -> None:
    from helpers.checks import check
    from helpers.questions.nb01 import mn_rank_range

    assert mn_rank_range() == (27, 29)  # Arizona, Minnesota and Nebraska each hold 10
    assert all(check("01-minnesota-rank", k) for k in (27, 28, 29))
    assert not check("01-minnesota-rank", 26) and not check("01-minnesota-rank", 30)
