"""Facts the policy tables must keep: counts from the sources' PROVENANCE notes, fixes of known errors,
keys, FIPS codes and the partial flags. Each expected number says where it comes from."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.catalog import describe, load, read_json, resource_names

LATEST = pd.Timestamp("2026-05-18")
MN_LATEST = {  # PROVENANCE (ice_287g_sheets, notebook ideas; mn timeline key facts)
    ("Itasca County Sheriff's Office", "Task Force Model"),
    ("Cass County Sheriff's Office", "Task Force Model"),
    ("Crow Wing County Sheriff's Office", "Task Force Model"),
    ("Crow Wing County Sheriff's Office", "Warrant Service Officer"),
    ("Freeborn County Sheriff's Office", "Warrant Service Officer"),
    ("Kandiyohi County Sheriff's Office", "Warrant Service Officer"),
    ("Mille Lacs County Sheriff's Office", "Task Force Model"),
    ("Sherburne County Sheriff's Office", "Jail Enforcement Model"),
    ("Isle Police Department", "Task Force Model"),
    ("International Falls Police Department", "Task Force Model"),
}


TERRITORIES = {"60", "66", "69", "72", "78"}  # the series' map files drop Puerto Rico and the island areas


def _off_map(fips: pd.Series, topo: str) -> set[str]:
    """County codes of the 50 states and DC that are not in the series' map file of that edition."""
    if topo not in resource_names():
        pytest.skip(f"{topo} is not in the catalogue")
    ids = {g["id"] for g in read_json(topo)["objects"]["counties"]["geometries"]}
    return {f for f in set(fips.dropna()) if f[:2] not in TERRITORIES} - ids


@pytest.fixture(scope="module")
def agreements() -> pd.DataFrame:
    return load("agreements_287g")


@pytest.fixture(scope="module")
def totals() -> pd.DataFrame:
    return load("agreements_287g_totals")


# --- agreements_287g ------------------------------------------------------------------------------------


def test_agreement_rows_are_the_raw_listings_less_two_merged(agreements):
    # PROVENANCE: 2,124 rows; the two listings ICE printed under the wrong state are merged into their twins.
    merged = agreements["build_fix_note"].str.contains("two listings are merged", na=False)
    assert int(merged.sum()) == 2
    assert len(agreements) + int(merged.sum()) == 2124
    assert agreements["listing_id"].is_unique
    dated = agreements[agreements["signed_date"].notna()]
    assert not dated.duplicated(["state_abbr", "agency_key", "model", "signed_date"]).any()


def test_latest_sheet(agreements, totals):
    latest = agreements[agreements["on_latest_sheet"]]
    assert len(latest) == 1843  # PROVENANCE: 1,843 agreements on 2026-05-18
    assert latest.groupby(["state_abbr", "agency_key"]).ngroups == 1551  # PROVENANCE: 1,551 agencies
    assert latest["county_fips"].isna().sum() == 234  # PROVENANCE: 234 rows without county FIPS
    top = latest["state_abbr"].value_counts().head(5).to_dict()
    assert top == {"TX": 387, "FL": 348, "MO": 103, "PA": 102, "AR": 86}  # PROVENANCE top states
    assert (latest["last_listed"] == LATEST).all()
    # No agreement is listed twice on the latest sheet: every listing on it counts as an agreement.
    assert latest["counts_as_agreement"].all()
    assert int(totals.loc[totals["snapshot_date"] == LATEST, "n_agreements"].iloc[0]) == len(latest)


def test_minnesota_agreements(agreements):
    mn = agreements[agreements["state_abbr"] == "MN"]
    latest = mn[mn["on_latest_sheet"]]
    assert set(zip(latest["agency"], latest["model"], strict=True)) == MN_LATEST
    assert len(latest) == 10
    jackson = mn[mn["agency"] == "Jackson County Sheriff's Office"].set_index("model")
    assert not jackson["on_latest_sheet"].any()  # PROVENANCE: Jackson County's two MOAs were dropped
    assert jackson.loc["Jail Enforcement Model", "last_listed"] == pd.Timestamp("2025-07-09")
    assert jackson.loc["Warrant Service Officer", "last_listed"] == pd.Timestamp("2025-12-12")
    # 12 distinct Minnesota agreements ever listed: the 10 above and Jackson's two.
    assert int(mn["counts_as_agreement"].sum()) == 12
    assert (mn["county_fips"].str[:2] == "27").all()


def test_freedom_county_is_freeborn(agreements):
    # PROVENANCE: "Freedom County" = Freeborn County MN; the raw row keeps ICE's county name "Freedom County".
    row = agreements[agreements["agency"] == "Freedom County Sheriff's Office"].iloc[0]
    assert row["county_fips"] == "27047"
    assert row["county_name"] == "Freeborn"
    assert bool(row["likely_redated_duplicate"]) and not bool(row["counts_as_agreement"])
    freeborn = agreements[
        (agreements["county_fips"] == "27047") & (agreements["model"] == "Warrant Service Officer")
    ]
    assert len(freeborn) == 3 and int(freeborn["counts_as_agreement"].sum()) == 1


def test_misprinted_states_are_fixed(agreements):
    assert (agreements["county_fips"].dropna().str[:2] == agreements.loc[agreements["county_fips"].notna(), "state_fips"]).all()
    crow = agreements[agreements["agency_key"] == "CROW WING COUNTY SHERIFFS OFFICE"]
    assert set(crow["state_abbr"]) == {"MN"}
    merged = crow[crow["signed_date"] == pd.Timestamp("2025-03-27")].iloc[0]
    assert merged["first_listed"] == pd.Timestamp("2025-03-27") and merged["n_snapshots"] == 12 + 36
    assert set(agreements.loc[agreements["agency_key"] == "WICHITA COUNTY SHERIFFS OFFICE", "state_abbr"]) == {"TX"}
    scranton = agreements[agreements["agency_key"] == "SCRANTON POLICE DEPARTMENT"].iloc[0]
    assert scranton["state_abbr"] == "SC" and scranton["county_fips"] == "45041"
    assert scranton["county_fips_note"].startswith("ICE lists the agency under South Carolina with Florence County")


def test_agreement_flags(agreements):
    # PROVENANCE: one printed date 5025-07-07 (Grundy County) corrected to 2025-07-07.
    grundy = agreements[(agreements["agency"] == "Grundy County Sheriff's Office") & (agreements["state_abbr"] == "TN")]
    assert (grundy["signed_date"] == pd.Timestamp("2025-07-07")).all() and grundy["signed_date_typo_fixed"].all()
    undated = agreements[agreements["signed_date"].isna()]
    assert len(undated) == 5 and undated["likely_redated_duplicate"].all() and not undated["counts_as_agreement"].any()
    assert agreements.loc[~agreements["likely_redated_duplicate"], "counts_as_agreement"].all()
    assert set(agreements["model"]) == {"Jail Enforcement Model", "Task Force Model", "Warrant Service Officer"}
    assert agreements["first_listed"].min() == pd.Timestamp("2021-01-13")
    assert agreements["last_listed"].max() == LATEST
    assert (agreements["first_listed"] <= agreements["last_listed"]).all()


def test_agreement_counties_exist_in_2023_boundaries(agreements):
    assert _off_map(agreements["county_fips"], "us_counties_2023_topo") == set()


# --- national and state counts ---------------------------------------------------------------------------


def test_snapshot_totals(totals):
    assert len(totals) == 780  # PROVENANCE: 780 snapshot dates
    assert totals["snapshot_date"].is_unique
    first = totals.iloc[0]
    assert first["snapshot_date"] == pd.Timestamp("2021-01-13") and first["n_agreements"] == 150  # PROVENANCE
    assert set(totals.loc[totals["snapshot_date_corrected"], "snapshot_date"]) == {
        pd.Timestamp("2026-01-06"),
        pd.Timestamp("2026-01-09"),
    }  # PROVENANCE: ICE files named ...2025pm hold January 2026 sheets


def test_by_model_sums_to_totals(totals, agreements):
    by_model = load("agreements_287g_by_model")
    assert len(by_model) == 780 * 3
    summed = by_model.groupby("snapshot_date")[["n_agreements", "n_agencies"]].sum()
    joined = totals.set_index("snapshot_date").join(summed.add_suffix("_models"))
    assert (joined["n_agreements"] == joined["n_agreements_models"]).all()
    assert (joined["n_agencies_models"] >= joined["n_agencies"]).all()  # an agency is counted once per model
    latest = by_model[by_model["snapshot_date"] == LATEST].set_index("model")["n_agreements"]
    from_rows = agreements[agreements["on_latest_sheet"]].groupby("model").size()
    assert latest.to_dict() == from_rows.to_dict()
    tfm_2021 = by_model[(by_model["snapshot_date"].dt.year == 2021) & (by_model["model"] == "Task Force Model")]
    assert (tfm_2021["n_agreements"] == 0).all()  # the task force model was not in use until 2025


def test_by_state_month(totals, agreements):
    months = load("agreements_287g_by_state_month")
    assert months["month"].nunique() == 65  # Jan 2021 – May 2026
    assert (months["n_agreements"] >= 1).all()  # no zero rows
    last = totals.groupby(totals["snapshot_date"].dt.to_period("M"))["snapshot_date"].max()
    assert set(months["snapshot_date"]) == set(last)
    summed = months.groupby("snapshot_date")["n_agreements"].sum()
    assert (summed == totals.set_index("snapshot_date").loc[summed.index, "n_agreements"]).all()
    assert set(months.loc[months["is_partial_month"], "month"]) == {pd.Timestamp("2026-05-01")}
    may = months[months["snapshot_date"] == LATEST].set_index(["state_abbr", "model"])["n_agreements"]
    rows = agreements[agreements["on_latest_sheet"]].groupby(["state_abbr", "model"]).size()
    assert may.sort_index().to_dict() == rows.sort_index().to_dict()
    # Crow Wing's WSO agreement, printed under Massachusetts in March 2025, counts for Minnesota.
    march = months[months["month"] == pd.Timestamp("2025-03-01")]
    assert march[(march["state_abbr"] == "MA") & (march["model"] == "Warrant Service Officer")].empty
    mn_wso = march[(march["state_abbr"] == "MN") & (march["model"] == "Warrant Service Officer")]
    assert int(mn_wso["n_agreements"].iloc[0]) >= 3  # Crow Wing, Freeborn, Jackson


def test_county_latest(agreements):
    counties = load("agreements_287g_county_latest")
    assert len(counties) == 917  # PROVENANCE
    assert int(counties["county_level_agency"].sum()) == 779  # PROVENANCE
    assert counties["county_fips"].is_unique
    assert _off_map(counties["county_fips"], "us_counties_2023_topo") == set()
    assert int(counties["n_agreements"].sum()) == 1843 - 234
    per_county = agreements[agreements["on_latest_sheet"]].groupby("county_fips").size()
    assert counties.set_index("county_fips")["n_agreements"].sort_index().to_dict() == per_county.sort_index().to_dict()
    assert (counties["county_fips"].str[:2] == counties["state_fips"]).all()
    assert counties.loc[counties["county_fips"] == "27047", "county_name"].iloc[0] == "Freeborn"


def test_pending():
    pending = load("agreements_287g_pending")
    # PROVENANCE: 958 rows; 4 agencies ICE printed under a wrong or misspelt state are merged with their twins.
    merged = pending["county_fips_note"].str.contains("merged with the listing", na=False)
    assert int(merged.sum()) == 4 and len(pending) == 958 - 4
    assert pending["first_listed_pending"].min() == pd.Timestamp("2025-02-21")
    assert pending["last_listed_pending"].max() == pd.Timestamp("2026-02-27")
    assert int(pending["first_listed_participating"].notna().sum()) >= 896 - 4  # PROVENANCE: 896 reached the list
    assert (pending["county_fips"].dropna().str[:2] == pending.loc[pending["county_fips"].notna(), "state_fips"]).all()
    kershaw = pending[pending["agency_key"] == "KERSHAW COUNTY SHERIFFS OFFICE"]
    assert list(kershaw["state_abbr"]) == ["SC"] and list(kershaw["county_fips"]) == ["45055"]
    assert pending["state_abbr"].notna().all() and pending["state_name"].notna().all()


# --- Washington Post 2005–2019 ---------------------------------------------------------------------------


def test_wapo_agencies_and_fixes():
    agencies = load("wapo_287g_agencies").set_index("wapo_agency_id")
    assert len(agencies) == 197  # 202 sheet rows - blank row - second header - 3 repeated agencies
    assert "Sheriff" not in agencies.columns and "bsu" not in agencies.columns
    fixed = {"wapo_007": "04012", "wapo_017": "12021", "wapo_031": "12077", "wapo_146": "48273"}
    for wid, fips in fixed.items():
        assert agencies.loc[wid, "county_fips"] == fips
    assert agencies.loc["wapo_007", "agency"].startswith("La Paz")  # PROVENANCE: 20701 -> 04012
    assert (agencies["county_fips"].dropna().str[:2] == agencies.loc[agencies["county_fips"].notna(), "state_fips"]).all()
    assert _off_map(agencies["county_fips"], "us_counties_2017_topo") == set()
    mn = agencies[agencies["state_abbr"] == "MN"]  # PROVENANCE: only MN DPS, 2008–2012
    assert list(mn["agency"]) == ["Minnesota Department of Public Safety"]
    assert (mn["first_year_active"].iloc[0], mn["last_year_active"].iloc[0]) == (2008, 2012)
    notes = " ".join(agencies["notes"].dropna())
    assert "Stanton" not in notes and "Trump" not in notes
    assert set(agencies.loc[agencies["source_rows"].str.contains(";"), "agency"]) == {
        "Bristol County Sheriff's Office",
        "Butler County Sheriff's Office",
        "Gallatin County Sherrifs Office",
    }


def test_wapo_yearly_counts():
    years = load("wapo_287g_agency_years")
    counts = years.groupby("year").size().to_dict()
    provenance = {2005: 6, 2007: 32, 2009: 64, 2012: 62, 2013: 40, 2015: 36, 2017: 66, 2018: 83, 2019: 128}
    # The Post's sheet enters Butler County OH (2008–2019 in one row) and Bristol County MA (2017–2019) twice;
    # counted once here, each year loses one agency per repeated row marking it.
    repeats = {y: (2008 <= y <= 2019) + (2017 <= y <= 2019) for y in provenance}
    assert {y: counts[y] for y in provenance} == {y: provenance[y] - repeats[y] for y in provenance}
    assert set(years.loc[years["is_partial_year"], "year"]) == {2019}
    assert set(years["wapo_agency_id"]) <= set(load("wapo_287g_agencies")["wapo_agency_id"])


def test_wapo_licence_is_stated():
    for name in ("wapo_287g_agencies", "wapo_287g_agency_years"):
        d = describe(name)
        assert "CC BY-NC-SA 4.0, The Washington Post" in d.title
        assert "CC BY-NC-SA 4.0, The Washington Post" in d.description
        assert any("CC BY-NC-SA 4.0, The Washington Post" in c for c in d.caveats)
        assert d.licenses[0]["name"] == "CC-BY-NC-SA-4.0"


# --- DOJ, DDOR, Minnesota timeline, Pennsylvania ---------------------------------------------------------------


def test_doj_list():
    doj = load("doj_sanctuary_jurisdictions_2025")
    assert len(doj) == 35  # PROVENANCE: 13 states incl. DC, 4 counties, 18 cities
    assert doj["jurisdiction_level"].value_counts().to_dict() == {"city": 18, "state": 13, "county": 4}
    states = doj[doj["jurisdiction_level"] == "state"]
    assert "District of Columbia" in set(states["state_name"]) and "MN" in set(states["state_abbr"])
    bridge = load("doj_sanctuary_jurisdiction_counties")
    assert set(bridge["jurisdiction"]) == set(doj.loc[doj["n_counties"] > 0, "jurisdiction"])
    assert len(bridge) == int(doj["n_counties"].sum())
    assert len(bridge[bridge["jurisdiction"] == "New York City, NY"]) == 5
    assert _off_map(bridge["county_fips"], "us_counties_2023_topo") == set()
    assert not bridge.duplicated(["jurisdiction", "county_fips"]).any()
    assert any("not a measure" in c for c in describe("doj_sanctuary_jurisdictions_2025").caveats)


def test_ddor_is_partial():
    ddor = load("ice_ddor_2017_limited_cooperation")
    assert len(ddor) == 44  # PROVENANCE: 44 recovered rows
    assert ddor["evidence"].value_counts().to_dict() == {
        "named_secondary": 21,
        "quoted_secondary": 12,
        "named_unclear_section": 7,
        "table_text": 3,
        "table_text_partial": 1,
    }
    assert ddor["is_partial_sample"].all()
    d = describe("ice_ddor_2017_limited_cooperation")
    assert "PARTIAL" in d.title and "PARTIAL" in d.description
    assert "MN" not in set(ddor["state_abbr"])  # PROVENANCE: no Minnesota row was recovered
    iowa_city = ddor[ddor["jurisdiction_as_listed"].str.startswith("Iowa City")].iloc[0]
    assert iowa_city["aor"] == "Saint Paul" and iowa_city["county_fips"] == "19103"
    assert _off_map(ddor["county_fips"], "us_counties_2017_topo") == set()


def test_mn_timeline(agreements):
    tl = load("mn_cooperation_timeline")
    assert len(tl) == 21 and tl["event_id"].is_unique  # PROVENANCE: 21 rows
    signed = tl[(tl["event_type"] == "287g_signed") & (tl["date"].dt.year >= 2025)]
    mn = agreements[(agreements["state_abbr"] == "MN") & agreements["counts_as_agreement"]]
    # The timeline shows, per agreement, the signing date of the listing ICE kept longest: the same rows.
    assert set(zip(signed["jurisdiction"], signed["date"], strict=True)) == set(
        zip(mn["agency"], mn["signed_date"], strict=True)
    )
    text = " ".join(tl["description"])
    for name in ("Stanek", "Freeman", "Hutchinson", "Witt", "Homan"):
        assert name not in text
    approx = tl[tl["date_precision"] != "day"]
    assert (approx["date"].dt.day == 1).all()
    assert _off_map(tl["county_fips"], "us_counties_2023_topo") == set()


def test_pa_detainers_aggregated():
    pa = load("pa_detainers_by_facility_fy")
    assert len(pa) == 713  # PROVENANCE: 713 rows
    # PROVENANCE: 32,757 records; 18,143 booked into detention; 225 declined by the local agency.
    assert int(pa["n_detainers"].sum()) == 32757
    assert int(pa["n_booked_into_ice_detention"].sum()) == 18143
    assert int(pa["n_declined_by_lea"].sum()) == 225
    assert set(pa.loc[pa["is_partial_year"], "fiscal_year"]) == {2015}
    assert "date" not in pa.columns and "lift_reason" not in pa.columns  # no record-level fields
    assert (pa["county_fips"].dropna().str[:2] == "42").all()


def test_sources_carry_provenance():
    ice = describe("agreements_287g").sources[0]
    assert ice["repository"] == "RelevantResearch/287g-DetentionData"
    assert ice["commit"] == "4f9d1c35b402db277e61c03bc85f8230713c4f3b"
    assert ice["path"] == "https://www.ice.gov/identify-and-arrest/287g"
    wapo = describe("wapo_287g_agencies").sources[0]
    assert wapo["commit"] == "78d5c427cd2c6950792b08cab1858e5e3c2c3ed4"
    pa = describe("pa_detainers_by_facility_fy").sources[0]
    assert pa["commit"] == "ecc87ce3bda4eb3d7bc5cfa9cb943eb319d405d2"


def test_copies_of_one_agreement_share_its_agreement_id() -> None:
    """ICE re-dated Freeborn's warrant service agreement and once re-spelled it 'Freedom County': one agreement."""
    listings = load("agreements_287g")
    assert listings["agreement_id"].nunique() == int(listings["counts_as_agreement"].sum())
    kept = listings[listings["counts_as_agreement"]]
    assert (kept["agreement_id"] == kept["listing_id"]).all()
    freeborn = listings[(listings["state_abbr"] == "MN") & listings["agency"].str.contains("Free(?:born|dom) County", regex=True)
                        & (listings["model"] == "Warrant Service Officer")]
    assert len(freeborn) == 3 and freeborn["agreement_id"].nunique() == 1
    assert freeborn["first_listed"].min() == pd.Timestamp("2025-03-27")
