"""Facts the look-ahead tables must keep: values read from the raw files and their PROVENANCE notes.

Sources: ../shared/sources/lookahead/ (README.md and each folder's PROVENANCE.md). A few checks rebuild the
family on its own from the raw files (skipped when the raw sources folder is not beside the repository).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.build import resources
from helpers.build.core import BuildError, run
from helpers.catalog import describe, load, resource, resource_names

SOURCES = paths.sources_dir()
NEEDS_SOURCES = pytest.mark.skipif(not SOURCES.is_dir(), reason="raw sources folder not available")
LOOKAHEAD_TABLES = (
    "mn_congress_members",
    "mn_congress_district_offices",
    "mn_county_cd119_crosswalk",
    "mn_county_hispanic_acs2018_22",
    "mn_county_population_pep2022",
    "mn_county_births",
    "mn_county_labour_force",
    "mn_county_school_enrollment_2022_23",
    "mn_school_district_enrollment_2022_23",
)
MN_FIPS = set(load("mn_counties")["county_fips"])


def _by_county(name: str) -> pd.DataFrame:
    return load(name).set_index("county_fips")


# --- the family ---------------------------------------------------------------------------------


def test_lookahead_tables_are_catalogued_as_their_own_group() -> None:
    names = [n for n in resource_names() if resource(n)["group"] == "lookahead"]
    assert names == list(LOOKAHEAD_TABLES)
    for name in names:
        d = describe(name)
        assert d.sources and d.licenses and d.caveats and name.startswith("mn_")


@NEEDS_SOURCES
def test_family_builds_on_its_own(tmp_path: Path) -> None:
    out = tmp_path / "data"
    out.mkdir()
    catalogue = run(resources(("lookahead",)), SOURCES, out)
    assert [r["name"] for r in catalogue["resources"]] == list(LOOKAHEAD_TABLES)
    for name in LOOKAHEAD_TABLES:
        assert (out / f"{name}.csv").read_bytes() == (paths.DATA_DIR / f"{name}.csv").read_bytes(), name


# --- members of Congress -----------------------------------------------------------------------


def test_members_at_the_snapshot() -> None:
    members = load("mn_congress_members").set_index("bioguide_id")
    assert len(members) == 10 and (members["snapshot_date"] == pd.Timestamp("2026-06-15")).all()
    assert members["chamber"].value_counts().to_dict() == {"house": 8, "senate": 2}
    senators = members[members["chamber"] == "senate"]
    assert set(senators["official_full_name"]) == {"Amy Klobuchar", "Tina Smith"}
    assert senators.loc["K000367", ["state_rank", "term_end"]].tolist() == ["senior", pd.Timestamp("2031-01-03")]
    assert senators.loc["S001203", "term_end"] == pd.Timestamp("2027-01-03")
    assert senators["contact_form_url"].notna().all() and senators["district"].isna().all()
    house = members[members["chamber"] == "house"].set_index("district")
    assert house["contact_form_url"].isna().all()
    assert house.loc[5, ["official_full_name", "party", "cd_geoid"]].tolist() == ["Ilhan Omar", "Democrat", "2705"]
    assert house.loc[1, ["official_full_name", "party"]].tolist() == ["Brad Finstad", "Republican"]
    assert house["party"].value_counts().to_dict() == {"Democrat": 4, "Republican": 4}
    assert (house["term_end"] == pd.Timestamp("2027-01-03")).all()
    assert set(house["cd_geoid"]) == set(load("mn_county_cd119_crosswalk")["cd_geoid"])
    assert members["website_url"].str.startswith("https://").all()


def test_district_offices() -> None:
    offices = load("mn_congress_district_offices")
    assert len(offices) == 22 and offices["office_id"].is_unique
    assert set(offices["bioguide_id"]) == set(load("mn_congress_members")["bioguide_id"])
    assert offices.groupby("bioguide_id").size()["K000367"] == 4
    omar = offices.set_index("office_id").loc["O000173-minneapolis"]
    assert (omar["city"], omar["zip"], omar["phone"]) == ("Minneapolis", "55409", "612-333-1272")


# --- county x district crosswalk ---------------------------------------------------------------


@pytest.fixture(scope="module")
def crosswalk() -> pd.DataFrame:
    return load("mn_county_cd119_crosswalk")


def test_crosswalk_shape_and_totals(crosswalk: pd.DataFrame) -> None:
    assert len(crosswalk) == 99 and set(crosswalk["county_fips"]) == MN_FIPS
    assert not crosswalk.duplicated(["county_fips", "cd_geoid"]).any()
    assert int(crosswalk["pop_2020_part"].sum()) == 5706494
    districts = crosswalk.groupby("cd_geoid")["pop_2020_part"].sum().to_dict()
    assert districts == {f"27{d:02d}": 713311 if d in (1, 3) else 713312 for d in range(1, 9)}
    counties = crosswalk.groupby("county_fips")["pop_2020_part"].sum()
    published = {"27053": 1281565, "27123": 552352, "27003": 363887, "27037": 439882, "27137": 200231, "27109": 162847}
    assert {f: counties[f] for f in published} == published  # PROVENANCE: 2020 Census county counts


def test_crosswalk_shares_sum_to_one(crosswalk: pd.DataFrame) -> None:
    by_county = crosswalk.groupby("county_fips")["share_of_county_pop"].sum()
    by_district = crosswalk.groupby("cd_geoid")["share_of_district_pop"].sum()
    assert (by_county - 1).abs().max() < 1e-5 and (by_district - 1).abs().max() < 1e-5
    exact = crosswalk["pop_2020_part"] / crosswalk["county_pop_2020"]
    assert (exact - crosswalk["share_of_county_pop"]).abs().max() <= 5e-7


def test_split_counties_are_visible(crosswalk: pd.DataFrame) -> None:
    split = crosswalk[crosswalk["is_split_county"]]
    names = split.drop_duplicates("county_fips").set_index("county_name")["n_districts_in_county"].to_dict()
    assert names == {
        "Anoka": 3, "Becker": 2, "Brown": 2, "Hennepin": 3, "Hubbard": 2, "Ramsey": 2, "Rice": 2, "Stearns": 2,
        "Washington": 3,
    }  # fmt: skip
    assert (crosswalk.groupby("county_fips")["is_primary_district"].sum() == 1).all()
    anoka = crosswalk[crosswalk["county_fips"] == "27003"].set_index("cd_geoid")
    assert anoka["pop_2020_part"].to_dict() == {"2703": 83030, "2705": 59504, "2706": 221353}
    assert anoka.loc["2706", "is_primary_district"] and anoka.loc["2706", "share_of_county_pop"] == pytest.approx(
        0.608301
    )


# --- population -------------------------------------------------------------------------------


def test_hispanic_baselines() -> None:
    acs = _by_county("mn_county_hispanic_acs2018_22")
    assert len(acs) == 87 and set(acs.index) == MN_FIPS
    # PROVENANCE: statewide 5,695,292 people, 327,049 Hispanic, 88,855 Hispanic children aged 5-17
    assert int(acs["pop_total"].sum()) == 5695292
    assert int(acs["pop_hispanic"].sum()) == 327049
    assert int(acs["pop_age5_17_hispanic"].sum()) == 88855
    hennepin = acs.loc["27053"]
    assert hennepin[["pop_total", "pop_hispanic", "pop_age5_17_hispanic", "pop_age16plus_hispanic"]].tolist() == [
        1270787, 89878, 23772, 61480,
    ]  # fmt: skip
    assert hennepin["pop_age18_49_hispanic"] == 44404 and hennepin["hispanic_share"] == pytest.approx(0.0707)
    assert (acs["pop_age16plus_hispanic"] >= acs["pop_age18plus_hispanic"]).all()
    assert (acs["pop_age5_17_hispanic"] <= acs["pop_age5_17_total"]).all()


def test_population_estimates() -> None:
    pep = load("mn_county_population_pep2022")
    assert len(pep) == 348 and set(pep["county_fips"]) == MN_FIPS
    july_2022 = pep[pep["estimate_date"] == pd.Timestamp("2022-07-01")]
    assert int(july_2022["population"].sum()) == 5717184  # PROVENANCE: statewide July 1, 2022
    assert pep["is_estimates_base"].sum() == 87
    aitkin = pep.set_index(["county_fips", "estimate_date"]).loc[("27001", pd.Timestamp("2022-07-01"))]
    assert aitkin[["population", "age5_17", "women_15_44"]].tolist() == [16126, 1205 + 707, 1981]


# --- births ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def births() -> pd.DataFrame:
    return load("mn_county_births").set_index(["county_fips", "year"])


def test_births_shape_and_statewide_2019(births: pd.DataFrame) -> None:
    assert len(births) == 522 and set(births.index.get_level_values(0)) == MN_FIPS
    y2019 = births.xs(2019, level="year")
    # PROVENANCE: 66,022 births; 4,989 to Hispanic mothers; 12,778 to foreign-born mothers; 3,415 low birth weight
    sums = y2019[["births", "births_hispanic_mother", "births_foreign_born_mother", "births_low_birth_weight"]].sum()
    assert sums.astype(int).tolist() == [66022, 4989, 12778, 3415]


def test_births_known_county(births: pd.DataFrame) -> None:
    hennepin = births.loc[("27053", 2019)]
    assert hennepin[["births", "births_hispanic_mother", "births_foreign_born_mother", "births_medicaid"]].tolist() == [
        15430, 1346, 4429, 6276,
    ]  # fmt: skip
    assert hennepin["low_birth_weight_share"] == pytest.approx(0.061)
    assert hennepin["foreign_born_mother_share"] == pytest.approx(0.287)


def test_births_codes_put_right_by_name(births: pd.DataFrame) -> None:
    """The raw file has St. Louis, Scott, Sherburne and Sibley on each other's codes; the table does not."""
    y2019 = births.xs(2019, level="year")
    assert y2019.loc["27137", ["county_name", "births"]].tolist() == ["St. Louis", 1899]
    assert y2019.loc["27139", ["county_name", "births"]].tolist() == ["Scott", 1691]
    assert y2019.loc["27141", ["county_name", "births"]].tolist() == ["Sherburne", 1202]
    assert y2019.loc["27143", ["county_name", "births"]].tolist() == ["Sibley", 164]


def test_births_gaps_are_blank_not_zero(births: pd.DataFrame) -> None:
    years = births.index.get_level_values("year")
    assert births.loc[years < 2017, "births_hispanic_mother"].isna().all()
    assert births.loc[years == 2020, "births_medicaid"].isna().all()  # not published (COVID-19 staffing)
    assert births.loc[(years >= 2017) & (years <= 2019), "births_medicaid"].notna().all()
    assert births["births"].notna().all() and births["births_low_birth_weight"].notna().all()


@NEEDS_SOURCES
def test_births_raw_file_still_has_the_code_error() -> None:
    raw = pd.read_csv(SOURCES / "lookahead/mn_county_births_mdh/mn_county_births_2015_2020.csv", dtype=str)
    assert raw.loc[raw["fips"] == "27137", "county_name"].unique().tolist() == ["Scott"]


def test_a_new_code_error_stops_the_build() -> None:
    from helpers.build.core import BuildContext, RowLog
    from helpers.build.lookahead_common import recode_by_name

    if not SOURCES.is_dir():
        pytest.skip("raw sources folder not available")
    ctx = BuildContext(sources=SOURCES, log=RowLog("test"), built={})
    rows = pd.DataFrame({"county_fips": ["27001", "27003"], "county_name": ["Anoka", "Aitkin"]})
    with pytest.raises(BuildError, match="disagree with their names"):
        recode_by_name(ctx, rows, {})


# --- labour force and schools ------------------------------------------------------------------


def test_labour_force() -> None:
    laus = load("mn_county_labour_force")
    assert len(laus) == 783 and set(laus["county_fips"]) == MN_FIPS
    assert sorted(laus["year"].unique()) == list(range(2015, 2024))
    assert (laus["labour_force"] == laus["employed"] + laus["unemployed"]).all()
    assert int(laus.loc[laus["year"] == 2023, "labour_force"].sum()) == 3099931  # PROVENANCE: 2023 statewide
    hennepin = laus.set_index(["county_fips", "year"]).loc[("27053", 2023)]
    assert hennepin[["labour_force", "employed", "unemployed"]].tolist() == [708159, 689878, 18281]
    assert hennepin["unemployment_rate"] == pytest.approx(2.6)
    assert laus.loc[laus["county_fips"] == "27137", "county_name"].unique().tolist() == ["St. Louis"]


def test_county_enrollment() -> None:
    schools = _by_county("mn_county_school_enrollment_2022_23")
    assert len(schools) == 87 and set(schools.index) == MN_FIPS
    hennepin = schools.loc["27053"]
    assert hennepin[["total_enrollment_area_alloc", "hispanic_enrollment_area_alloc"]].tolist() == [151112, 21945]
    assert hennepin[["total_enrollment_primary", "hispanic_enrollment_primary", "n_districts_primary"]].tolist() == [
        142114, 21388, 16,
    ]  # fmt: skip
    # 830,179 students in the 389 districts minus 37,782 in charters, which are not allocated
    assert int(schools["total_enrollment_primary"].sum()) == 830179 - 37782
    assert int(schools["n_districts_primary"].sum()) == 321
    assert "area" in " ".join(describe("mn_county_school_enrollment_2022_23").caveats)


def test_district_enrollment() -> None:
    districts = load("mn_school_district_enrollment_2022_23").set_index("district_id")
    assert len(districts) == 389
    assert districts["district_type"].value_counts().to_dict() == {"independent": 319, "charter": 68, "special": 2}
    assert int(districts["total_enrollment"].sum()) == 830179 and int(districts["hispanic"].sum()) == 100114
    assert districts.loc["30001000000", "total_enrollment"] == 30079  # Minneapolis
    assert districts.loc["10625000000", "total_enrollment"] == 32750  # St. Paul
    assert districts.loc["10011000000", ["total_enrollment", "primary_county_fips"]].tolist() == [38336, "27003"]
    worthington = districts.loc["10518000000"]
    assert round(worthington["hispanic"] / worthington["total_enrollment"], 2) == 0.57
    charters = districts["district_type"] == "charter"
    assert districts.loc[charters, "primary_county_fips"].isna().all()
    assert districts.loc[~charters, "primary_county_fips"].isin(MN_FIPS).all()
