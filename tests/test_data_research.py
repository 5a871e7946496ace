"""Checks of the research tables against facts stated in their sources (findings README, fact sheet)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.build.core import BuildError
from helpers.build.research import design_class, verdict_label
from helpers.build.research_fact_keys import KEYS
from helpers.catalog import load


@pytest.fixture(scope="module")
def findings() -> pd.DataFrame:
    return load("research_findings").set_index("row_id")


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return load("facts")


@pytest.fixture(scope="module")
def keyed(facts: pd.DataFrame) -> pd.DataFrame:
    return facts.set_index("fact_id")


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return load("essay_claims").set_index("claim_id")


# --- research_findings: counts the README states -----------------------------------------------


def test_findings_rows_and_studies(findings: pd.DataFrame) -> None:
    assert len(findings) == 103  # findings.csv (R01-R93) and findings_balance_2026.csv (R94-R103)
    assert findings.index.is_unique
    assert findings["study_id"].nunique() == 72
    assert list(findings.index) == [f"R{n:02d}" for n in range(1, 104)]


def test_verification_counts_match_readme(findings: pd.DataFrame) -> None:
    counts = findings["verification_status"].value_counts().to_dict()
    # README.md: 71 / 8 / 14 in findings.csv; findings_balance_2026.md: 6 / 0 / 4 in the new file
    assert counts == {"verified": 77, "verified_summary": 8, "secondary": 18}


# findings_balance_2026.md, "Status of each row": row -> (study, verification status, MN what-if suitability)
BALANCE_STATUS = {
    "R94": ("trac2018_arrests", "verified", "context_only"),
    "R95": ("cnn2025_arrests", "secondary", "context_only"),
    "R96": ("wapo2025_atlarge", "secondary", "context_only"),
    "R97": ("east2023", "verified", "medium"),
    "R98": ("orrenius_zavodny2014", "verified", "low"),
    "R99": ("orrenius_zavodny2014", "secondary", "context_only"),
    "R100": ("ayromloo2020", "verified", "low"),
    "R101": ("bohn_lofstrom_raphael2015", "verified", "low"),
    "R102": ("trac2018_detainers", "verified", "context_only"),
    "R103": ("startribune2017_mnjails", "secondary", "context_only"),
}


def test_balance_rows_keep_their_status(findings: pd.DataFrame) -> None:
    got = findings.loc[list(BALANCE_STATUS), ["study_id", "verification_status", "mn_whatif_suitability"]]
    assert {k: tuple(v) for k, v in got.iterrows()} == BALANCE_STATUS
    assert set(findings.loc[["R37", "R38", "R39", "R97"], "study_id"]) == {"east2023"}
    assert findings.loc["R94", "effect"] == 25 and findings.loc["R102", "effect"] == 142474
    assert int(findings.loc[list(BALANCE_STATUS), "has_number"].sum()) == 5
    assert findings.loc["R101", "design_class"] == "synthetic_control"
    assert (findings.loc[["R94", "R95", "R96", "R102", "R103"], "design_class"] == "descriptive").all()


def test_a_findings_page_that_disagrees_stops_the_build() -> None:
    import re

    from helpers import paths
    from helpers.build.research import FINDINGS_FILES
    from helpers.build.research_findings_docs import check_findings

    sources = paths.sources_dir()
    if not sources.is_dir():
        pytest.skip("raw sources folder not available")
    frames = {f.csv: pd.read_csv(sources / f.csv, dtype=str, keep_default_na=False) for f in FINDINGS_FILES}
    texts = {f.doc: (sources / f.doc).read_text(encoding="utf-8") for f in FINDINGS_FILES}
    check_findings(frames, texts, FINDINGS_FILES)  # as published: no error
    balance = FINDINGS_FILES[1]
    edited = dict(texts)
    edited[balance.doc] = re.sub(
        r"\| R97 \| east2023 \| labor_market \| verified \|",
        "| R97 | east2023 | labor_market | secondary |",
        texts[balance.doc],
    )
    with pytest.raises(BuildError, match="R97"):
        check_findings(frames, edited, FINDINGS_FILES)


def test_rows_with_a_number(findings: pd.DataFrame) -> None:
    assert int(findings["has_number"].sum()) == 66
    direction_only = findings[~findings["has_number"]]
    assert direction_only["effect"].isna().all() and direction_only["range_low"].isna().all()


def test_ranges_are_not_confidence_intervals(findings: pd.DataFrame) -> None:
    ranged = findings.loc[["R30", "R41", "R68", "R90"]]
    assert ranged["has_range"].all() and not ranged["has_ci"].any()
    assert set(findings.index[findings["has_range"]]) == {"R30", "R41", "R68", "R90"}
    assert findings.loc["R30", ["range_low", "range_high"]].tolist() == [-62, -52]
    assert pd.isna(findings.loc["R30", "effect"])


def test_confidence_intervals(findings: pd.DataFrame) -> None:
    with_ci = ["R50", "R51", "R63", "R64", "R70"]
    assert findings.loc[with_ci, "has_ci"].all()
    assert set(findings.index[findings["has_ci"]]) == set(with_ci)
    assert findings.loc["R64", ["effect", "ci_low", "ci_high"]].tolist() == [-58.54, -83.52, -33.54]
    ci = findings[findings["has_ci"]]
    assert ((ci["ci_low"] <= ci["effect"]) & (ci["effect"] <= ci["ci_high"])).all()
    assert (findings.loc[findings["has_range"], "range_low"] <= findings.loc[findings["has_range"], "range_high"]).all()


def test_standard_error_only_on_alsan_yang(findings: pd.DataFrame) -> None:
    assert findings["se"].notna().sum() == 1
    assert findings.loc["R14", "se"] == pytest.approx(0.023)


def test_sign_to_more_enforcement(findings: pd.DataFrame) -> None:
    down = findings["exposure"] == "enforcement_down"
    assert (findings.loc[down, "sign_to_more_enforcement"] == -1).all()
    assert (findings.loc[~down, "sign_to_more_enforcement"] == 1).all()
    assert down.sum() == 28  # 26 in findings.csv, R95 and R96 in findings_balance_2026.csv
    # the table keeps the published sign: Wong's sanctuary crime gap stays negative
    assert findings.loc["R01", "effect"] == -35.5


def test_every_row_has_a_design_class(findings: pd.DataFrame) -> None:
    assert findings["design_class"].notna().all()
    assert (findings.loc[["R01", "R02", "R03", "R04", "R05", "R06"], "design_class"] == "matched_cross_section").all()
    assert (findings.loc[["R85", "R86"], "design_class"] == "survey_experiment").all()
    assert findings.loc["R09", "design_class"] == "event_study"
    assert findings.loc["R25", "design_class"] == "instrumental_variables"
    assert findings.loc["R84", "design_class"] == "synthetic_control"
    assert findings.loc["R91", "design_class"] == "difference_in_differences"
    assert findings.loc["R28", "design_class"] == "descriptive"


def test_unknown_design_stops_the_build() -> None:
    with pytest.raises(BuildError, match="no design-class rule"):
        design_class("astrology")


def test_findings_types(findings: pd.DataFrame) -> None:
    assert str(findings["year"].dtype) == "Int64"
    assert findings["year"].dropna().between(2010, 2026).all()
    assert findings["year"].isna().sum() == 2  # R31 and R77 show no year
    assert findings["effect"].dtype == "float64"


def test_studies_table() -> None:
    studies = load("research_studies").set_index("study_id")
    assert len(studies) == 72
    assert studies["n_findings"].sum() == 103
    assert studies.loc["east2023", "n_findings"] == 4  # R37-R39 and R97
    assert studies.loc["east2023", "year"] == 2023  # the journal version, not R38's 2019 working paper
    assert studies.loc["east2023", "first_row_id"] == "R37"
    assert studies["n_with_number"].sum() == 66
    assert studies.loc["orrenius_zavodny2014", "n_findings"] == 2
    assert studies.loc["startribune2017_mnjails", "verification_statuses"] == "secondary"


# --- facts -------------------------------------------------------------------------------------


def test_fact_ids_unique_and_every_key_present(facts: pd.DataFrame, keyed: pd.DataFrame) -> None:
    assert facts["fact_id"].is_unique
    assert {k.key for k in KEYS} <= set(keyed.index)
    assert int(facts["keyed"].sum()) == len(KEYS)


def test_every_item_appears(facts: pd.DataFrame) -> None:
    items = facts.drop_duplicates("item_id")
    assert items["position"].tolist() == list(range(1, len(items) + 1))
    assert (facts["kind"] == "table_row").groupby(facts["item_id"]).any().sum() == 12  # §7.2 has 12 rows
    assert (facts.drop_duplicates("item_id")["section"] == "7.2").sum() == 12


def test_ilrc_735(keyed: pd.DataFrame) -> None:
    row = keyed.loc["ilrc_735_counties_2018"]
    assert row["value"] == 735 and row["value_text"] == "735" and row["unit"] == "counties"
    assert row["date"] == pd.Timestamp("2018-01-25") and row["date_precision"] == "day"
    assert row["confidence"] == "verified"
    assert keyed.loc["ilrc_410_localities_2017", "value"] == 410


def test_287g_table_rows(keyed: pd.DataFrame) -> None:
    weak = keyed.loc["g287_count_2026_02_13"]
    assert weak["value"] == 1412 and weak["confidence"] == "secondary"
    assert weak["confidence_label"] == "secondary (weak)"
    assert weak["date"] == pd.Timestamp("2026-02-13")
    assert keyed.loc["g287_count_2017_01", "value"] == 35
    assert keyed.loc["g287_count_2017_01", "confidence"] == "verified"
    assert keyed.loc["g287_count_2025_01", ["value", "value_high"]].tolist() == [134, 135]
    assert keyed.loc["g287_count_2026_03", "value"] == 1500
    assert keyed.loc["g287_count_2026_03", "confidence"] == "verified"


def test_national_counts(keyed: pd.DataFrame) -> None:
    boise = keyed.loc["boise_weekly_600_counties_2017"]
    assert boise["value"] == 600 and boise["value_text"] == "more than 600"
    assert boise["date_text"] == "Spring 2017" and boise["date_precision"] == "year"
    assert keyed.loc["fair_sanctuary_count_2018", ["value", "confidence"]].tolist() == [564, "secondary"]
    assert keyed.loc["cis_sanctuary_states_2025", ["value", "confidence"]].tolist() == [12, "secondary"]
    assert keyed.loc["ice_court_noncooperating_jails_2021", "value"] == 463
    assert keyed.loc["ice_court_limited_cooperation_jails_2021", "value"] == 156
    assert keyed.loc["doj_sanctuary_list_2025", "date"] == pd.Timestamp("2025-08-05")
    assert keyed.loc["dhs_sanctuary_list_withdrawn_2025", "date"] == pd.Timestamp("2025-06-01")


def test_minnesota_events(keyed: pd.DataFrame) -> None:
    vote = keyed.loc["mpls_ordinance_strengthened_2025"]
    assert vote["date"] == pd.Timestamp("2025-12-11") and vote["value_text"] == "13–0"
    assert keyed.loc["mpls_separation_ordinance_2003", "date"] == pd.Timestamp("2003-09-26")
    assert keyed.loc["mpls_separation_ordinance_2003", "confidence"] == "verified"
    assert keyed.loc["hennepin_detainers_end_2014", "date"] == pd.Timestamp("2014-06-11")
    assert keyed.loc["hennepin_detainer_share_bookings_2014", "value"] == 1.5
    assert keyed.loc["hennepin_detainer_costs_2012_2014", "value"] == 170000
    assert keyed.loc["esparza_v_nobles_2019", "date"] == pd.Timestamp("2019-09-23")
    assert keyed.loc["mn_drivers_licenses_signed_2023", "date"] == pd.Timestamp("2023-03-07")
    assert keyed.loc["mn_drivers_licenses_effective_2023", "date"] == pd.Timestamp("2023-10-01")
    assert keyed.loc["mn_drivers_licenses_eligible_2023", ["value", "value_high"]].tolist() == [80000, 81000]
    assert keyed.loc["mn_287g_counties_2025_11", "value"] == 8
    assert keyed.loc["fl_tx_287g_2025_11", "value"] == 536


def test_surge_figures_keep_their_labels(keyed: pd.DataFrame) -> None:
    assert keyed.loc["metro_surge_peak_agents", ["value", "confidence"]].tolist() == [3000, "secondary"]
    assert keyed.loc["metro_surge_withdrawn_2026_02_04", ["value", "confidence"]].tolist() == [700, "verified"]
    assert keyed.loc["metro_surge_remaining_2026_02_20", "value"] == 500
    # the sheet prints no label on the Hennepin '181 requests' bullet
    assert keyed.loc["hennepin_declined_ice_requests_2025", ["value", "confidence"]].tolist() == [181, "unlabelled"]
    # §4 'Staff' bullet: 150 officers is verified; the same bullet's second statement is secondary
    officers = keyed.loc["mn_ice_officers_before_surge"]
    assert officers["value"] == 150 and officers["confidence"] == "verified"
    assert officers["confidence_basis"] == "key_segment"


def test_population_facts(keyed: pd.DataFrame) -> None:
    assert keyed.loc["mn_foreign_born_2018", "value"] == 484192
    assert keyed.loc["mn_foreign_born_share_2018", "value"] == 9
    assert keyed.loc["mn_immigrant_share_2015", "value"] == 8.3
    assert keyed.loc["us_immigrant_share_2015", "value"] == 13.5
    heritage = keyed.loc["mn_mexican_heritage_2019"]
    assert heritage["value"] == 207000 and heritage["confidence"] == "verified"  # from the '— *verified*' sub-bullet
    assert keyed.loc["mn_unauthorized_pew_2023", "confidence"] == "secondary"
    assert keyed.loc["mn_unauthorized_pew_2012", ["value", "confidence"]].tolist() == [95000, "verified"]


def test_not_found_section_is_unverified(facts: pd.DataFrame) -> None:
    assert (facts.loc[facts["section"] == "9", "confidence"] == "unverified").all()


def test_dates_and_precision_go_together(facts: pd.DataFrame) -> None:
    assert (facts["date"].isna() == facts["date_precision"].isna()).all()
    assert facts["date"].dropna().between(pd.Timestamp("1999-10-01"), pd.Timestamp("2026-03-31")).all()


def test_private_names_withheld(facts: pd.DataFrame) -> None:
    text = " ".join(facts["statement"].tolist())
    for name in ("Renée", "Pretti", "Jonathan Ross"):
        assert name not in text


# --- facts, part 2 (facts/balance_facts_2026.md) ----------------------------------------------

# Top-level bullets per lettered section, counted in the file (there is no section F).
PART2_COUNTS = {"p2-A": 8, "p2-B": 3, "p2-C": 8, "p2-D": 4, "p2-E": 5, "p2-G": 8}


@pytest.fixture(scope="module")
def part2(facts: pd.DataFrame) -> pd.DataFrame:
    return facts[facts["section"].str.startswith("p2-")].set_index("fact_id")


def test_part2_ids_and_counts_per_section(part2: pd.DataFrame) -> None:
    assert part2["section"].value_counts().to_dict() == PART2_COUNTS
    expected = [f"{section}{n}" for section, count in PART2_COUNTS.items() for n in range(1, count + 1)]
    assert list(part2.index) == expected  # in document order
    assert (part2["item_id"] == part2.index).all()
    assert not part2["keyed"].any() and (part2["kind"] == "bullet").all()
    assert part2.loc["p2-A1", "section_title"].startswith("The case for cooperation: agency statements")
    assert part2.loc["p2-G1", "section_title"].startswith("Minnesota county revenue from ICE jail beds")


def test_part2_follows_part1_and_leaves_it_unchanged(facts: pd.DataFrame, part2: pd.DataFrame) -> None:
    part1 = facts[~facts["section"].str.startswith("p2-")]
    assert len(part1) == 215 and len(facts) == 251
    assert part2["position"].min() == part1["position"].max() + 1
    assert part1["agency_statement"].isna().all() and part1["quote"].isna().all()
    assert part2["agency_statement"].notna().all()


def test_agency_statements(part2: pd.DataFrame) -> None:
    assert set(part2.index[part2["agency_statement"].astype(bool)]) == {f"p2-A{n}" for n in range(1, 9)}
    a2 = part2.loc["p2-A2"]
    assert bool(a2["agency_statement"]) and a2["confidence"] == "verified"
    assert a2["date"] == pd.Timestamp("2017-03-24") and a2["date_basis"] == "date_line"
    assert "recidivism rate of 46%" in part2.loc["p2-A3", "quote"]
    assert pd.isna(part2.loc["p2-A3", "date"])  # 'undated web page'
    assert part2.loc["p2-A3", "url"] == "https://www.ice.gov/spotlight/declined-detainers"


def test_part2_confidence_is_the_weakest_label_unless_only_a_detail_is_weaker(part2: pd.DataFrame) -> None:
    assert (part2.loc[part2["section"] == "p2-G", "confidence"] == "secondary").all()  # the heading says so
    assert (part2.loc[part2["section"] == "p2-G", "confidence_basis"] == "section").all()
    # the sheet labels the statement verified and only its date secondary: the statement's label, the detail named
    assert part2.loc["p2-A1", ["confidence", "confidence_basis"]].tolist() == ["verified", "statement_label"]
    assert "date secondary" in part2.loc["p2-A1", "confidence_label"]
    # the statement itself (the warrant requirement) was read only in summaries: the weakest label stands
    assert part2.loc["p2-B3", "confidence"] == "secondary"
    assert part2.loc["p2-A7", "confidence"] == "secondary"
    assert part2.loc["p2-B1", "confidence"] == "verified"
    assert part2.loc["p2-C8", "confidence"] == "unverified"  # 'Other states: not verified.'
    assert part2["confidence"].value_counts().to_dict() == {"secondary": 20, "verified": 15, "unverified": 1}


def test_part2_dates_from_the_date_line(part2: pd.DataFrame) -> None:
    homan = part2.loc["p2-A7"]
    assert homan["date"] == pd.Timestamp("2025-07-01") and homan["date_precision"] == "month"
    assert homan["date_text"] == "July 2025"
    assert part2.loc["p2-C3", ["date_precision", "date_text"]].tolist() == ["year", "2022"]  # created 2022
    assert part2.loc["p2-E1", "date"] == pd.Timestamp("2009-01-30")
    assert part2.loc["p2-B2", "date"] == pd.Timestamp("2017-07-24")  # decided, not argued (2017-04-04)
    assert part2.loc["p2-A6", "date"] == pd.Timestamp("2017-01-28")  # first ISO day on 'Dates: covered …'
    undated = set(part2.index[part2["date"].isna()])
    assert undated == {"p2-A3", "p2-C7", "p2-C8", "p2-G2", "p2-G6", "p2-G7", "p2-G8"}
    assert (part2.loc[list(undated), "date_basis"] == "none").all()


def test_alamance_says_doj_lost(part2: pd.DataFrame) -> None:
    e5 = part2.loc["p2-E5"]
    assert "DOJ v. Alamance County" in e5["statement"] and "DOJ lost" in e5["statement"]
    assert "judgment for Sheriff Johnson" in e5["quote"]


def test_part2_sources_and_quotes(part2: pd.DataFrame) -> None:
    assert part2.loc["p2-B2", "source_text"] == "masscases.com; Justia"
    assert part2.loc["p2-G1", "url"].startswith("https://mprnews.org/story/2009/06/16/")
    assert not part2["quote"].fillna("").str.startswith('"').any()
    assert part2["quote"].isna().sum() == 4  # C8, G6, G7, G8 quote nothing


def test_part2_withholds_private_names(part2: pd.DataFrame) -> None:
    text = " ".join(part2["statement"].tolist() + part2["quote"].dropna().tolist())
    assert "Laken Riley" not in text and "name is withheld" in part2.loc["p2-C5", "statement"]
    assert "Matthew Albence" in part2.loc["p2-A1", "statement"]  # public officials stay named


# --- essay_claims ------------------------------------------------------------------------------


def test_essay_claims(claims: pd.DataFrame) -> None:
    assert list(claims.index) == ["a", "b", "c", "d", "e", "f", "g1", "g2", "h"]
    assert claims.loc["g2", "verdict"] == "false_in_2017"
    assert claims.loc["b", "verdict"] == "unverified" and claims.loc["b", "confidence"] == "unverified"
    assert claims.loc["a", "verdict"] == "broadly_accurate"
    assert claims.loc["f", "verdict"] == "overtaken_by_events"
    assert claims.loc["b", "claim"].startswith("At least 53 counties")
    assert claims.loc["e", "claim"].endswith("Minneapolis and St. Paul do have such policies.")
    assert claims.loc["g1", "claim"] == claims.loc["g2", "claim"]
    assert claims["detail"].str.startswith("- ").all()


def test_verdict_rules() -> None:
    assert verdict_label("Unverifiable as a causal claim. Overtaken by events.") == "overtaken_by_events"
    assert verdict_label("True.") == "true"
    with pytest.raises(BuildError):
        verdict_label("Maybe.")
