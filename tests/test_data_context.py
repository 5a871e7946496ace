"""Facts the context tables must keep: states, county indicators, crime rates, Minnesota indicators.

Expected values come from the sources' PROVENANCE notes and the raw files; a few checks read the
raw files directly (skipped when the raw sources folder is not beside the repository).
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths
from helpers.catalog import describe, load, resource

SOURCES = paths.sources_dir()
NEEDS_SOURCES = pytest.mark.skipif(not SOURCES.is_dir(), reason="raw sources folder not available")
NYC_COUNTIES = {"36005", "36047", "36061", "36081", "36085"}
CT_HISTORICAL = {f"09{c:03d}" for c in range(1, 16, 2)}
CT_PLANNING_REGIONS = {f"09{c}" for c in range(110, 191, 10)}


@pytest.fixture(scope="module")
def states() -> pd.DataFrame:
    return load("states")


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return load("county_indicators")


@pytest.fixture(scope="module")
def ucr() -> pd.DataFrame:
    return load("county_crime_ucr")


@pytest.fixture(scope="module")
def nibrs() -> pd.DataFrame:
    return load("county_crime_nibrs")


@pytest.fixture(scope="module")
def mn() -> pd.DataFrame:
    return load("mn_county_indicators")


def _raw(relative: str, **kwargs) -> pd.DataFrame:
    return pd.read_csv(SOURCES / relative, dtype=str, keep_default_na=False, **kwargs)


# --- states -----------------------------------------------------------------------------------


def test_states_are_50_plus_dc(states: pd.DataFrame) -> None:
    assert len(states) == 51
    assert states["state_fips"].is_unique and states["state_abbr"].is_unique
    assert states["state_fips"].str.fullmatch(r"\d{2}").all()
    assert not states["state_fips"].isin(["60", "66", "69", "72", "78"]).any()
    assert set(states.loc[states["state_fips"] == "11", "state_name"]) == {"District of Columbia"}


def test_minnesota_region_and_division(states: pd.DataFrame) -> None:
    mn = states.set_index("state_fips").loc["27"]
    assert (mn["state_abbr"], mn["state_name"]) == ("MN", "Minnesota")
    assert (mn["census_region"], mn["census_division"]) == ("Midwest", "West North Central")


def test_census_regions_have_their_published_sizes(states: pd.DataFrame) -> None:
    assert states["census_region"].value_counts().to_dict() == {"South": 17, "West": 13, "Midwest": 12, "Northeast": 9}
    assert states["census_division"].nunique() == 9
    assert states.groupby("census_division")["census_region"].nunique().eq(1).all()
    assert set(states.loc[states["census_division"] == "Pacific", "state_abbr"]) == {"AK", "CA", "HI", "OR", "WA"}


@NEEDS_SOURCES
def test_state_codes_agree_with_ice_and_doj(states: pd.DataFrame) -> None:
    ice = _raw("policy/ice_287g_sheets_2021_2026/agreements_2021_2026.csv")
    doj = _raw("policy/doj_sanctuary_list_2025/doj_sanctuary_jurisdictions_2025-08-05.csv")
    codes = dict(zip(states["state_fips"], states["state_abbr"], strict=True))
    for raw in (ice, doj):
        for fips, abbr in raw[["state_fips", "state_abbr"]].drop_duplicates().itertuples(index=False):
            if fips in codes:
                assert codes[fips] == abbr


# --- county_indicators ------------------------------------------------------------------------


def test_county_indicators_cover_2017_era_counties(indicators: pd.DataFrame, states: pd.DataFrame) -> None:
    assert len(indicators) == 3142
    assert indicators["county_fips"].is_unique
    assert indicators["county_fips"].str.fullmatch(r"\d{5}").all()
    assert (indicators["county_fips"].str[:2] == indicators["state_fips"]).all()
    assert set(indicators["state_fips"]) == set(states["state_fips"])
    assert set(indicators.loc[indicators["state_fips"] == "09", "county_fips"]) == CT_HISTORICAL
    fips = set(indicators["county_fips"])
    assert "46102" in fips and "46113" not in fips  # Oglala Lakota under its 2015 code
    assert not fips & {"36000", "51515"}  # MEDSL rows that are not counties
    assert "02261" in fips and not fips & {"02063", "02066"}


def test_every_column_carries_a_vintage(indicators: pd.DataFrame) -> None:
    for column in indicators.columns[4:]:
        assert any(tag in column for tag in ("_acs_", "_laus_", "_2013")), column
    assert not [c for c in indicators.columns if "2019" in c and "poverty" in c]  # usdata poverty_2019 left out


def test_percentages_within_0_100(indicators: pd.DataFrame, mn: pd.DataFrame) -> None:
    for table in (indicators, mn):
        for column in [c for c in table.columns if "_pct_" in c or c.startswith("unemployment_rate")]:
            values = table[column].dropna()
            assert values.between(0, 100).all(), column


def test_indicator_coverage_counts(indicators: pd.DataFrame) -> None:
    filled = indicators.notna().sum()
    assert filled["foreign_born_pct_acs_2006_2010"] == 3142
    # MEDSL: 3,114 rows - 2 non-counties = 3,112 counties; Oglala Lakota has no demographics.
    assert filled["rural_urban_code_2013"] == 3112
    assert filled["foreign_born_pct_acs_2012_2016"] == 3111
    alaska = indicators[indicators["state_fips"] == "02"]
    assert len(alaska) == 29 and alaska["foreign_born_pct_acs_2012_2016"].isna().all()
    assert filled["unemployment_rate_laus_2015"] == 3139
    missing_laus = set(indicators.loc[indicators["unemployment_rate_laus_2015"].isna(), "county_fips"])
    assert missing_laus == {"02158", "15005", "46102"}
    assert set(indicators.loc[indicators["median_household_income_acs_2011_2015"].isna(), "county_fips"]) == {"48301"}
    assert set(indicators.loc[indicators["child_poverty_pct_acs_2011_2015"].isna(), "county_fips"]) == {"15005"}
    assert indicators["rural_urban_code_2013"].dropna().between(1, 9).all()


def test_known_county_rows(indicators: pd.DataFrame) -> None:
    rows = indicators.set_index("county_fips")
    hennepin = rows.loc["27053"]
    assert hennepin["county_name"] == "Hennepin County" and hennepin["state_abbr"] == "MN"
    assert hennepin["foreign_born_pct_acs_2012_2016"] == pytest.approx(13.442)
    assert hennepin["foreign_born_pct_acs_2006_2010"] == pytest.approx(12.6)
    assert hennepin["hispanic_pct_acs_2011_2015"] == pytest.approx(6.8)
    assert hennepin["population_acs_2011_2015"] == 1197776
    assert hennepin["rural_urban_code_2013"] == 1 and bool(hennepin["is_metro_2013"])
    autauga = rows.loc["01001"]
    assert autauga["median_household_income_acs_2011_2015"] == 51281  # Kaggle 2015, nominal dollars
    assert autauga["poverty_pct_acs_2013_2017"] == pytest.approx(13.7)
    assert autauga["unemployment_rate_laus_2015"] == pytest.approx(5.19)
    oglala = rows.loc["46102"]
    assert oglala["rural_urban_code_2013"] == 6 and pd.isna(oglala["foreign_born_pct_acs_2012_2016"])


@NEEDS_SOURCES
def test_poverty_2013_2017_matches_usdata_poverty_2017(indicators: pd.DataFrame) -> None:
    usdata = _raw("context/usdata_county_acs_laus/county_complete.csv")
    usdata = usdata[usdata["poverty_2017"] != ""].set_index("fips5")["poverty_2017"].astype(float)
    ours = indicators.set_index("county_fips")["poverty_pct_acs_2013_2017"].reindex(usdata.index)
    assert len(usdata) == 3140
    assert (ours - usdata).abs().max() < 1e-9


def test_county_indicators_catalogue_lists_each_licence() -> None:
    names = {lic["name"] for lic in describe("county_indicators").licenses}
    assert {"CC0-1.0", "MIT", "GPL-3.0"} <= names
    repos = {s.get("repository") for s in describe("county_indicators").sources}
    assert {"OpenIntroStat/usdata", "MEDSL/2018-elections-unoffical", "ryanschaub/US-Census-Demographic-Data"} <= repos


# --- crime ------------------------------------------------------------------------------------


def test_ucr_table(ucr: pd.DataFrame, indicators: pd.DataFrame) -> None:
    assert len(ucr) == 6284
    assert not ucr.duplicated(["county_fips", "year"]).any()
    assert ucr["year"].value_counts().to_dict() == {2015: 3142, 2017: 3142}
    assert set(ucr["county_fips"]) == set(indicators["county_fips"])
    missing = ucr["violent_crime_per_100k"].isna()
    assert missing.sum() == 14
    assert (missing == ucr["reporting_quality"].isna()).all()
    assert set(ucr.loc[missing, "county_fips"]) == {"02068", "02158", "02164", "02195", "02240", "02282", "15005"}
    assert set(ucr.loc[ucr["reporting_quality"] == 1, "county_fips"]) == NYC_COUNTIES
    assert ucr["reporting_quality"].value_counts().to_dict() == {2: 5267, 3: 993, 1: 10}
    row = ucr.set_index(["county_fips", "year"]).loc[("01001", 2015)]
    assert row["violent_crime_per_100k"] == pytest.approx(276.44)


def test_nibrs_table(nibrs: pd.DataFrame) -> None:
    assert len(nibrs) == 9431
    assert not nibrs.duplicated(["county_fips", "year"]).any()
    assert nibrs["year"].value_counts().sort_index().to_dict() == {2021: 3143, 2022: 3144, 2023: 3144}
    missing = nibrs["crimes_against_persons_per_100k"].isna()
    assert missing.groupby(nibrs["year"]).sum().to_dict() == {2021: 286, 2022: 247, 2023: 232}
    assert (missing == nibrs["crimes_against_persons_quality"].isna()).all()
    assert (nibrs["crimes_against_property_per_100k"].isna() == nibrs["crimes_against_property_quality"].isna()).all()
    assert not [c for c in nibrs.columns if "violent" in c]  # never confusable with UCR violent crime


def test_nibrs_county_code_editions(nibrs: pd.DataFrame) -> None:
    ct = nibrs[nibrs["county_fips"].str.startswith("09")]
    assert set(ct.loc[ct["year"] == 2021, "county_fips"]) == CT_HISTORICAL
    assert set(ct.loc[ct["year"] == 2022, "county_fips"]) == CT_PLANNING_REGIONS
    assert set(ct.loc[ct["year"] == 2023, "county_fips"]) == CT_PLANNING_REGIONS
    assert (nibrs.loc[nibrs["year"] >= 2022, "boundary_edition"] == "2023").all()
    y2021 = nibrs[nibrs["year"] == 2021]
    assert set(y2021.loc[y2021["boundary_edition"] == "2023", "county_fips"]) == {"02063", "02066"}
    assert "02261" not in set(nibrs["county_fips"])


def test_nibrs_persons_rate_is_not_ucr_violent_rate(nibrs: pd.DataFrame, ucr: pd.DataFrame) -> None:
    # PROVENANCE: NIBRS crimes against persons run about 2-3x UCR violent crime (median ~710 vs ~237).
    ratio = nibrs["crimes_against_persons_per_100k"].median() / ucr["violent_crime_per_100k"].median()
    assert 2 < ratio < 4
    for name in ("county_crime_ucr", "county_crime_nibrs"):
        d = describe(name)
        assert "never join" in d.description and any("never join" in c for c in d.caveats)
        assert {lic["name"] for lic in d.licenses} >= {"no-licence-stated"}


# --- mn_county_indicators ---------------------------------------------------------------------


def test_mn_indicators_shape(mn: pd.DataFrame) -> None:
    assert len(mn) == 87 and mn["county_fips"].is_unique
    assert set(mn["county_fips"]) == set(load("mn_counties")["county_fips"])
    assert mn.drop(columns=["county_fips", "county_name"]).notna().all().all()


@NEEDS_SOURCES
@pytest.mark.parametrize("fips", ["27053", "27075", "27155"])  # Hennepin, Lake, Traverse (smallest)
def test_mn_indicators_match_raw_file(mn: pd.DataFrame, fips: str) -> None:
    raw = _raw("context/mn_counties/mn_county_immigration_indicators.csv").set_index("fips").loc[fips]
    ours = mn.set_index("county_fips").loc[fips]
    assert ours["county_name"] == raw["county_name"]
    assert ours["population_acs_2012_2016"] == int(raw["total_population_2012_2016"])
    for source_column in raw.index.drop(["county_name", "total_population_2012_2016"]):
        vintage = source_column.rsplit("_", 2)
        ours_column = f"{vintage[0]}_acs_{vintage[1]}_{vintage[2]}"
        assert ours[ours_column] == pytest.approx(float(raw[source_column])), source_column


def test_hennepin_and_traverse_values(mn: pd.DataFrame) -> None:
    rows = mn.set_index("county_fips")
    assert rows.loc["27053", "foreign_born_pct_acs_2012_2016"] == pytest.approx(13.442)
    assert rows.loc["27053", "population_acs_2012_2016"] == 1209265
    assert rows.loc["27155", "population_acs_2012_2016"] == 3397
    assert rows.loc["27155", "hispanic_pct_acs_2015_2019"] == pytest.approx(3.1)


def test_mn_indicators_agree_with_national_table(mn: pd.DataFrame, indicators: pd.DataFrame) -> None:
    national = indicators.set_index("county_fips")
    ours = mn.set_index("county_fips")
    for column in ("foreign_born_pct_acs_2006_2010", "foreign_born_pct_acs_2012_2016", "hispanic_pct_acs_2011_2015"):
        assert (ours[column] - national.loc[ours.index, column]).abs().max() < 1e-9, column


# --- county_foreign_born_acs2017_21 (USDA ERS atlas) ------------------------------------------

# PROVENANCE.md "Checks made when this copy was taken": foreign-born % (ACS 2017-21), Hispanic % (2020 Census).
ERS_CHECKS = {
    "27053": ("MN", "Hennepin", 13.79, 7.67),
    "27123": ("MN", "Ramsey", 15.76, 8.15),
    "27067": ("MN", "Kandiyohi", 8.12, 13.53),
    "06037": ("CA", "Los Angeles", 33.47, 47.98),
    "17031": ("IL", "Cook", 20.93, 26.21),
}
ERS_RAW = "context/ers_atlas_people_2017_21/People.csv"


@pytest.fixture(scope="module")
def foreign_born() -> pd.DataFrame:
    return load("county_foreign_born_acs2017_21")


def test_foreign_born_columns_and_rows(foreign_born: pd.DataFrame, states: pd.DataFrame) -> None:
    assert list(foreign_born.columns) == [
        "fips", "state_abbr", "county_name", "acs_population", "foreign_born", "foreign_born_pct", "fb_europe_pct",
        "fb_mexico_pct", "fb_caribbean_pct", "fb_central_south_america_pct", "fb_asia_pct", "fb_africa_pct",
        "hispanic_2020", "hispanic_pct_2020",
    ]  # fmt: skip
    assert len(foreign_born) == 3143 and foreign_born["fips"].is_unique
    assert foreign_born["fips"].str.fullmatch(r"\d{5}").all()
    assert (foreign_born["state_abbr"] == "MN").sum() == 87
    assert set(foreign_born.loc[foreign_born["state_abbr"] == "MN", "fips"]) == set(load("mn_counties")["county_fips"])
    assert set(foreign_born["state_abbr"]) == set(states["state_abbr"])
    fips = set(foreign_born["fips"])
    assert not {f for f in fips if f.endswith("000") or f.startswith("72")}  # no US, state or Puerto Rico rows
    assert not fips & {"02010", "02201", "02232", "02261", "02280", "51515"}  # retired codes
    assert fips >= {"02063", "02066"} | CT_HISTORICAL
    assert foreign_born.notna().all().all()


@pytest.mark.parametrize("fips", sorted(ERS_CHECKS))
def test_foreign_born_provenance_checks(foreign_born: pd.DataFrame, fips: str) -> None:
    state, name, fb_pct, hispanic_pct = ERS_CHECKS[fips]
    row = foreign_born.set_index("fips").loc[fips]
    assert (row["state_abbr"], row["county_name"]) == (state, name)
    assert row["foreign_born_pct"] == pytest.approx(fb_pct)
    assert row["hispanic_pct_2020"] == pytest.approx(hispanic_pct)


def test_foreign_born_counts(foreign_born: pd.DataFrame) -> None:
    share = foreign_born["foreign_born"] / foreign_born["acs_population"] * 100
    assert (share - foreign_born["foreign_born_pct"]).abs().max() <= 0.01
    for column in ("acs_population", "foreign_born", "hispanic_2020"):
        assert str(foreign_born[column].dtype) == "Int64"
    hennepin = foreign_born.set_index("fips").loc["27053"]
    assert (hennepin["acs_population"], hennepin["foreign_born"], hennepin["hispanic_2020"]) == (1270283, 175190, 98250)
    # the national row of the sheet: 44,844,267 foreign-born of 329,725,481 (13.60%); the counties sum to it
    assert int(foreign_born["foreign_born"].sum()) == 44844267
    assert int(foreign_born["acs_population"].sum()) == 329725481


def test_foreign_born_regions_are_shares_of_everyone(foreign_born: pd.DataFrame) -> None:
    regions = [c for c in foreign_born.columns if c.startswith("fb_")]
    for column in [*regions, "foreign_born_pct", "hispanic_pct_2020"]:
        assert foreign_born[column].between(0, 100).all(), column
    # Central/South America includes Mexico in this sheet
    assert (foreign_born["fb_central_south_america_pct"] >= foreign_born["fb_mexico_pct"]).all()
    hennepin = foreign_born.set_index("fips").loc["27053"]
    assert hennepin["fb_africa_pct"] == pytest.approx(4.59) and hennepin["fb_asia_pct"] == pytest.approx(4.62)


def test_foreign_born_catalogue_states_vintages_and_limits() -> None:
    d = describe("county_foreign_born_acs2017_21")
    fields = {f["name"]: f["description"] for f in resource("county_foreign_born_acs2017_21")["schema"]["fields"]}
    for column in ("acs_population", "foreign_born", "foreign_born_pct", "fb_mexico_pct", "fb_africa_pct"):
        assert "ACS 2017-2021" in fields[column], column
    for column in ("hispanic_2020", "hispanic_pct_2020"):
        assert "2020 Census" in fields[column], column
    caveats = " ".join(d.caveats)
    assert "ACS 2017-2021" in caveats and "2020 Census" in caveats
    assert "no noncitizen column" in caveats
    assert "Small counties have wide margins of error" in caveats
    assert "Never join" in caveats and "2012-2016" in caveats


@NEEDS_SOURCES
def test_foreign_born_raw_file_is_the_documented_copy() -> None:
    import hashlib

    digest = hashlib.sha256((SOURCES / ERS_RAW).read_bytes()).hexdigest()
    assert digest == "726248fe1c21c827fe8e487128e5d44dfef0a1b060e452e995d51478a2e8f7f4"  # PROVENANCE.md
