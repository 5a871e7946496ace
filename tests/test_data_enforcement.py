"""Facts about the enforcement tables, taken from the raw sources' PROVENANCE notes and raw files.

Every number asserted here is printed in a PROVENANCE note or can be read off a raw file; the
tests load the tables through `helpers.catalog.load`, as a notebook does.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths
from helpers.catalog import load, resource

ICE_STATS_COMMIT = "ccc54051362f565e0d4a3f1e8fab4b375ff6d77e"
MN_COMMIT = "37abc581144c7fde8f166631f8e3db83071a9062"

# PROVENANCE (ice-detention-stats): months whose only source was pulled before the month ended.
PARTIAL_MONTHS = {"2020-09", "2021-09", "2022-09", "2023-09", "2025-09", "2026-04"}


def months(series: pd.Series) -> set[str]:
    return set(series.dt.strftime("%Y-%m"))


def unique_key(df: pd.DataFrame, key: list[str]) -> bool:
    return not df.duplicated(key).any()


# --- national ICE detention statistics --------------------------------------------------------------
def test_sources_cite_the_provenance_commits() -> None:
    for name in ("ice_book_ins_monthly", "ice_removals_by_fiscal_year", "ice_facility_population_by_fy"):
        src = resource(name)["sources"][0]
        assert src["repository"] == "deportationdata/ice-detention-management"
        assert src["commit"] == ICE_STATS_COMMIT
        assert src["path"] == "https://www.ice.gov/detain/detention-management"
    for name in ("mn_detainers_monthly", "mn_surge_detainers_by_facility_outcome", "arrests_daily_by_state"):
        src = resource(name)["sources"][0]
        assert (src["repository"], src["commit"]) == ("alyssc/mn-deportation-data", MN_COMMIT)
    assert resource("county_ice_aor")["sources"][0]["commit"] == "bdb224c216bc98216b5f09de32841817b623162d"
    assert resource("county_ice_aor")["licenses"][0]["name"] == "GPL-3.0"
    assert resource("dhs_staffing_monthly")["sources"][0]["commit"] == "069bb73b26ee1410667016980d41ba1893e6f57f"
    assert (
        resource("ice_arrests_by_state_2025_26")["sources"][0]["commit"] == "5c5cfd08b1767f15da6519d43eb029b863f722b4"
    )


def test_book_ins() -> None:
    df = load("ice_book_ins_monthly")
    assert len(df) == 273 and unique_key(df, ["month", "arresting_agency"])
    assert months(df.month[df.is_partial_month]) == PARTIAL_MONTHS
    assert df.loc[df.month == "2025-09-01", "data_as_of"].eq("2025-09-15").all()
    wide = df.pivot(index="month", columns="arresting_agency", values="n_book_ins")
    assert (wide["Total"] == wide["ICE"] + wide["CBP"]).all()
    assert wide.loc["2018-10-01"].to_dict() == {"CBP": 28659, "ICE": 11892, "Total": 40551}
    fy = df.month.dt.year + (df.month.dt.month >= 10)
    assert (fy == df.fiscal_year).all()
    assert df.month.min() == pd.Timestamp("2018-10-01") and df.month.max() == pd.Timestamp("2026-04-01")


def test_detained_population() -> None:
    df = load("ice_detained_population_monthly")
    assert len(df) == 1056 and unique_key(df, ["month", "arresting_agency", "criminality"])
    assert months(df.month[df.is_partial_month]) == PARTIAL_MONTHS
    # PROVENANCE: "Non-Criminal" only in old (FY2019) releases; kept under its own name, never "All".
    assert set(df.fiscal_year[df.criminality == "Non-Criminal"]) == {2019}
    assert "All" not in set(df.criminality)
    assert not ((df.fiscal_year == 2019) & df.criminality.isin(["Other Immigration Violator"])).any()
    row = df[(df.month == "2018-10-01") & (df.arresting_agency == "CBP") & (df.criminality == "Non-Criminal")]
    assert row.adp.item() == pytest.approx(18608.5)
    jan = df[(df.month == "2026-01-01") & (df.arresting_agency == "ICE") & (df.criminality == "Total")]
    assert jan.adp.item() == pytest.approx(61235.2)
    assert (df.adp >= 0).all()


def test_book_outs_partial_months() -> None:
    df = load("ice_book_outs_monthly")
    assert len(df) == 1692 and unique_key(df, ["month", "release_reason", "criminality"])
    assert months(df.month[df.is_partial_month]) == (PARTIAL_MONTHS - {"2020-09"}) | {"2026-02"}
    feb = df[df.month == "2026-02-01"]
    # PROVENANCE: book-outs Feb 2026 partial (data as of 02-05): the 'Paroled' rows, which later sheets dropped.
    assert set(feb.release_reason[feb.is_partial_month]) == {"Paroled"}
    assert feb.loc[feb.is_partial_month, "data_as_of"].eq("2026-02-05").all()
    total = feb[(feb.release_reason == "Total") & (feb.criminality == "Total")]
    assert total.n_book_outs.item() == 36630 and not total.is_partial_month.item()
    assert df.month[df.release_reason == "Court Ordered"].min() == pd.Timestamp("2025-10-01")


def test_removals_by_fiscal_year() -> None:
    df = load("ice_removals_by_fiscal_year").set_index("fiscal_year")
    # PROVENANCE: FY totals from the latest kept release.
    expected = {
        2019: 267258,
        2020: 185884,
        2021: 55590,
        2022: 69019,
        2023: 142580,
        2024: 271484,
        2025: 319980,
        2026: 234236,
    }
    assert df.removals.to_dict() == expected
    assert set(df.index[df.is_partial_year]) == {2021, 2022, 2025, 2026}
    as_of = df.data_as_of.dt.strftime("%Y-%m-%d")
    assert as_of[[2021, 2022, 2025, 2026]].tolist() == ["2021-09-27", "2022-09-19", "2025-09-15", "2026-04-02"]
    assert df.days_short_of_year_end[[2021, 2022, 2025, 2026]].tolist() == [3, 11, 15, 181]
    assert (df.days_short_of_year_end[~df.is_partial_year] == 0).all()


def test_removals_releases_are_kept_releases_only() -> None:
    df = load("ice_removals_fytd_releases")
    fy = load("ice_removals_by_fiscal_year").set_index("fiscal_year")
    assert unique_key(df, ["fiscal_year", "data_as_of"]) and len(df) == 107
    # Dropped releases (e.g. mislabelled copies of the FY2020 total, the 160,024 spike) are not in the table.
    assert set(df.fiscal_year[df.removals_fytd == 185884]) == {2020}
    assert 160024 not in set(df.removals_fytd)
    assert (df.groupby("fiscal_year").removals_fytd.max() == fy.removals).all()
    ordered = df.sort_values(["fiscal_year", "data_as_of"])
    assert (ordered.groupby("fiscal_year").removals_fytd.diff().dropna() >= 0).all()
    # Same 'data as of' printed twice with different numbers: the first file's number is kept.
    assert df.loc[df.data_as_of == "2024-05-13", "removals_fytd"].item() == 164350
    start = pd.to_datetime((df.fiscal_year - 1).astype(str) + "-10-01")
    assert ((df.data_as_of - start).dt.days == df.days_into_fiscal_year).all()


def test_facility_population() -> None:
    df = load("ice_facility_population_by_fy")
    assert unique_key(df, ["fiscal_year", "facility_name", "city", "state_abbr"])
    # PROVENANCE: facilities per FY and St. Paul AOR facility counts.
    counts = df.groupby("fiscal_year").size().to_dict()
    assert counts == {2019: 213, 2020: 170, 2021: 133, 2022: 130, 2023: 119, 2024: 109, 2025: 189, 2026: 203}
    spm = df[df.aor == "SPM"].groupby("fiscal_year").size()
    assert (spm[2019], spm[2024], spm[2026]) == (18, 6, 26)
    assert set(df.aor_name[df.aor == "SPM"]) == {"St. Paul"} and set(df.aor_name[df.aor == "HLG"]) == {"Harlingen"}
    assert df.is_partial_year[df.fiscal_year == 2026].all() and not df.is_partial_year[df.fiscal_year == 2019].any()
    assert df.state_fips.str.fullmatch(r"\d{2}").all() and df.zip.dropna().str.fullmatch(r"\d{5}").all()
    imperial = df[(df.facility_name == "IMPERIAL REGIONAL DETENTION FACILITY") & (df.fiscal_year == 2026)]
    assert imperial.state_abbr.item() == "CA" and imperial.state_fips.item() == "06"
    assert set(df.facility_name[df.name_shared_in_year & (df.fiscal_year == 2019)]) == {
        "ORANGE COUNTY JAIL",
        "BUTLER COUNTY JAIL",
    }


def test_st_paul_facilities() -> None:
    df = load("st_paul_aor_facility_population")
    assert len(df) == 1099 and unique_key(df, ["data_as_of", "facility_name", "city", "state_abbr"])
    assert df.county_fips.dropna().str.fullmatch(r"\d{5}").all()
    assert (df.county_fips.dropna().str[:2] == df.state_fips[df.county_fips.notna()]).all()
    by_name = df.drop_duplicates("facility_name").set_index("facility_name").county_fips
    assert by_name["SHERBURNE COUNTY JAIL"] == "27141"
    assert by_name["FREEBORN COUNTY ADULT DETENTION CENTER"] == by_name["FREEBORN COUNTY JAIL, MN"] == "27047"
    assert by_name["DAKOTA COUNTY JAIL"] == "31043"  # Dakota City, Nebraska, not Dakota County MN
    assert pd.isna(by_name["NORTHWEST REGIONAL CORRECTIONS CENTER"])
    # Fiscal-year-to-date averages start again every 1 October: days are counted from the fiscal year's start.
    start = pd.to_datetime((df.fiscal_year - 1).astype(str) + "-10-01")
    assert ((df.data_as_of - start).dt.days == df.days_into_fiscal_year).all()


# --- Minnesota ----------------------------------------------------------------------------------------
def test_mn_arrests_by_type() -> None:
    df = load("mn_arrests_daily_by_type")
    assert len(df) == 380 and unique_key(df, ["date", "apprehension_type"])
    days = pd.date_range("2025-09-02", "2026-03-10")
    assert set(df.date) == set(days)
    assert df.groupby("apprehension_type").arrests.sum().to_dict() == {"Collateral": 1424, "Targeted": 3007}
    january = df[(df.date >= "2026-01-01") & (df.date < "2026-02-01")].arrests.sum()
    assert january == 2372
    five = load("arrests_daily_by_state")
    mn = five[(five.state_name == "Minnesota") & (five.date >= "2025-09-02")].set_index("date").arrests
    assert (df.groupby("date").arrests.sum() == mn.reindex(days)).all()


def test_mn_detainers_monthly_matches_daily() -> None:
    monthly = load("mn_detainers_monthly")
    daily = load("mn_detainers_daily")
    assert len(monthly) == 42 and len(daily) == 1257
    assert months(monthly.month[monthly.is_partial_month]) == {"2026-03"}
    sums = daily.groupby(daily.date.dt.to_period("M").dt.to_timestamp()).detainers.sum()
    assert (monthly.set_index("month").detainers == sums).all()
    assert monthly.detainers.sum() == daily.detainers.sum() == 6232
    peak = monthly.loc[monthly.detainers.idxmax()]
    assert (peak.month, peak.detainers) == (pd.Timestamp("2026-02-01"), 493)
    assert daily.set_index("date").detainers[pd.Timestamp("2026-02-11")] == 238


def test_surge_detainers_by_facility_outcome() -> None:
    df = load("mn_surge_detainers_by_facility_outcome")
    assert len(df) == 375 and unique_key(df, ["detainer_facility", "outcome"])
    assert df.detainers.sum() == 882
    hennepin = df[df.detainer_facility == "HENNEPIN COUNTY ADC"].set_index("outcome").detainers
    assert hennepin.sum() == 186 and hennepin["declined_by_local_agency"] == 119
    county = df.drop_duplicates("detainer_facility").set_index("detainer_facility").county_fips
    assert county["HENNEPIN COUNTY ADC"] == "27053" and county["RAMSEY COUNTY JAIL"] == "27123"
    assert county["STERNS CO. JAIL"] == county["STEARNS COUNTY SHERIFF/JAIL"] == "27145"
    assert county["ST. LOUIS CO. JAIL"] == "27137"
    for not_a_county_jail in (
        "MINN.C.F.,ST.CLOUD",
        "HENNEPIN COUNTY MED CTR",
        "WASECA FED.CORR.INST.",
        "US MARSHALS, MINNESOTA",
    ):
        assert pd.isna(county[not_a_county_jail])
    mn_counties = set(load("mn_counties").county_fips)
    assert set(county.dropna()) <= mn_counties


def test_surge_detainer_outcomes_add_up_to_raw_total() -> None:
    raw_file = paths.sources_dir() / "enforcement/mn-metro-surge-ddp/mn_surge_detainers_by_facility_and_outcome.csv"
    if not raw_file.exists():
        pytest.skip("raw sources not available")
    raw = pd.read_csv(raw_file).set_index("detainer_facility")["total"]
    built = load("mn_surge_detainers_by_facility_outcome").groupby("detainer_facility").detainers.sum()
    assert built.sort_index().to_dict() == raw.sort_index().to_dict()


def test_mn_facility_population() -> None:
    df = load("mn_ice_facility_daily_population")
    assert len(df) == 11313 and unique_key(df, ["date", "facility_code"])
    assert df.facility_code.nunique() == 9 and df.date.nunique() == 1257
    assert df.date.min() == pd.Timestamp("2022-10-01") and df.date.max() == pd.Timestamp("2026-03-10")
    county = df.drop_duplicates("facility_code").set_index("facility_code").county_fips
    assert county["SHERBMN"] == "27141" and county["RAADCMN"] == "27123" and pd.isna(county["NWRCCMN"])
    assert (df.people_detained >= 0).all()


def test_surge_aggregates() -> None:
    # Totals printed in the PROVENANCE note (mn-metro-surge-ddp).
    assert load("mn_surge_detention_outcomes").people.sum() == 3571
    assert load("mn_surge_stay_lengths").people.sum() == 2688
    assert load("mn_surge_departures_by_country").people.sum() == 1760
    citizenship = load("mn_surge_arrests_by_citizenship")
    assert citizenship.arrests.sum() == 3785 and len(citizenship) == 87
    assert citizenship.set_index("citizenship_country").arrests.idxmax() == "Ecuador"
    stints = load("mn_surge_detention_stints_by_facility").set_index("facility_name")
    assert len(stints) == 81 and stints.n_people.idxmax() == "Bishop Henry Whipple Federal Building"
    assert (stints.n_stints >= stints.n_people).all() and (stints.median_stint_days <= stints.max_stint_days).all()
    weekly = load("mn_surge_detainees_weekly_by_facility")
    assert len(weekly) == 1162 == weekly.facility_name.nunique() * weekly.week_start.nunique()
    assert (weekly.week_start.dt.day_of_week == 0).all()


def test_arrests_daily_by_state() -> None:
    df = load("arrests_daily_by_state")
    assert len(df) == 1105 and unique_key(df, ["state_name", "date"])
    # PROVENANCE: the stray 2026-09-17 row (1 Texas arrest) is gone; data end 2026-03-10.
    assert df.date.max() == pd.Timestamp("2026-03-10") and not (df.date == "2026-09-17").any()
    assert df.groupby("state_name").size().eq(221).all()
    assert df.set_index("state_name").state_fips.to_dict()["Minnesota"] == "27"
    assert df[df.state_name == "Minnesota"].arrests.sum() == 4638


# --- other ---------------------------------------------------------------------------------------------
def test_arrests_by_state() -> None:
    df = load("ice_arrests_by_state_2025_26").set_index("state_name")
    assert len(df) == 51 and df.state_abbr.is_unique and df.state_fips.str.fullmatch(r"\d{2}").all()
    assert df.arrests.sum() == 565539
    mn = df.loc["Minnesota"]
    assert (mn.arrests, mn.rank_by_arrests, mn.rank_per_capita, mn.state_abbr) == (6973, 22, 25, "MN")
    assert round(mn.arrests_per_100k, 1) == 119.6
    tx = df.loc["Texas"]
    assert tx.arrests == 143233 and tx.arrests_per_100k == pytest.approx(451.70, abs=0.005) and tx.rank_per_capita == 1
    assert df.rank_per_capita.notna().sum() == 50 and sorted(df.rank_per_capita.dropna()) == list(range(1, 51))
    dc = df.loc["District of Columbia"]
    assert pd.isna(dc.population_2025) and pd.isna(dc.arrests_per_100k) and pd.isna(dc.rank_per_capita)
    assert df.loc["Hawaii", "state_abbr"] == "HI"


def test_dhs_staffing() -> None:
    df = load("dhs_staffing_monthly")
    assert len(df) == 780 and unique_key(df, ["month", "dhs_component"])
    ice = df[df.component_label == "ICE"].set_index("month").n_employees
    assert set(df.dhs_component[df.component_label == "ICE"]) == {"IMMIGRATION AND CUSTOMS ENFORCEMENT"}
    expected = {
        "2021-01": 20702,
        "2025-08": 20848,
        "2025-09": 22799,
        "2025-10": 24593,
        "2025-11": 26827,
        "2025-12": 28272,
    }
    assert {f"{m:%Y-%m}": v for m, v in ice.items() if f"{m:%Y-%m}" in expected} == expected
    assert df.component_label.nunique() == df.dhs_component.nunique() == 13


def test_county_ice_aor() -> None:
    df = load("county_ice_aor")
    assert len(df) == 3223 and df.county_fips.is_unique and df.county_fips.str.fullmatch(r"\d{5}").all()
    spm = df[df.aor == "SPM"]
    # PROVENANCE: St. Paul AOR = 398 counties, all of MN, IA, NE, ND, SD.
    assert len(spm) == 398 and set(spm.state_fips) == {"27", "19", "31", "38", "46"}
    assert set(df.aor[df.state_fips.isin(["27", "19", "31", "38", "46"])]) == {"SPM"}
    assert set(spm.aor_name) == {"St. Paul"}
    assert set(load("mn_counties").county_fips) <= set(spm.county_fips)


def test_aor_offices() -> None:
    df = load("ice_aor_offices").set_index("aor")
    assert len(df) == 26 and "HLG" in df.index and "HAL" not in df.index
    assert "Fort Snelling, MN" in df.loc["SPM", "field_office_address"]
    used = set(load("ice_facility_population_by_fy").aor) | set(load("county_ice_aor").aor)
    assert used <= set(df.index)
