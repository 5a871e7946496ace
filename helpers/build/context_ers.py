"""Build county_foreign_born_acs2017_21: the newest county foreign-born shares in the series' sources.

The USDA ERS *Atlas of Rural and Small-Town America* "People" sheet (context/ers_atlas_people_2017_21/)
carries, for every county, ACS 2017-2021 foreign-born counts and shares by region of birth and 2020 Census
Hispanic counts. The other county tables stop at ACS 2012-2016 for foreign-born shares, so this is the one
for "who lives here today" views. Two vintages sit side by side in the sheet; every column here names its
vintage in its description, and the file's own layout quirks (a byte-order mark, state and national rows,
retired county codes with no values, Puerto Rico) are handled by the rules below, each checked.
"""

from __future__ import annotations

import pandas as pd

from ..schema import Field
from .common import ATLAS_2017_SOURCE, ATLAS_2023_SOURCE, TERRITORY_FIPS, read_atlas, to_float, to_int
from .core import PUBLIC_DOMAIN, BuildContext, BuildError, Resource, Source

ERS_PEOPLE_RAW = "context/ers_atlas_people_2017_21/People.csv"
PERCENT = "percent (0-100)"

# County codes in the sheet that are no longer counties and carry no values (PROVENANCE.md, "Shape": the
# '6 retired Alaska codes' are five Alaska codes and Bedford city VA). The build checks they are empty.
RETIRED_CODES = {
    "02010": "Aleutian Islands AK (split in 1987)",
    "02201": "Prince of Wales-Outer Ketchikan AK (recoded 2008)",
    "02232": "Skagway-Hoonah-Angoon AK (split 2007)",
    "02261": "Valdez-Cordova AK (split 2019 into 02063 and 02066)",
    "02280": "Wrangell-Petersburg AK (split 2008)",
    "51515": "Bedford city VA (merged into Bedford County 2013)",
}

# Sheet column -> table column.
COLUMNS = {
    "FIPS": "fips",
    "State": "state_abbr",
    "County": "county_name",
    "TotalPopACS": "acs_population",
    "ForeignBornNum": "foreign_born",
    "ForeignBornPct": "foreign_born_pct",
    "ForeignBornEuropePct": "fb_europe_pct",
    "ForeignBornMexPct": "fb_mexico_pct",
    "ForeignBornCaribPct": "fb_caribbean_pct",
    "ForeignBornCentralSouthAmPct": "fb_central_south_america_pct",
    "ForeignBornAsiaPct": "fb_asia_pct",
    "ForeignBornAfricaPct": "fb_africa_pct",
    "HispanicNum2020": "hispanic_2020",
    "HispanicPct2020": "hispanic_pct_2020",
}
COUNTS = ("acs_population", "foreign_born", "hispanic_2020")


def _keep_counties(ctx: BuildContext, raw: pd.DataFrame) -> pd.DataFrame:
    """Counties of the 50 states and DC: the national row, state rows, Puerto Rico and retired codes go."""
    fips = raw["FIPS"]
    steps = (
        ("drop the United States row (00000) and the state rows (SS000)", fips.str.endswith("000"), "not counties"),
        (
            "drop Puerto Rico",
            fips.str[:2].isin(TERRITORY_FIPS),
            "its 78 municipios have no foreign-born values; outside the 50 states + DC",
        ),
        ("drop retired county codes", fips.isin(list(RETIRED_CODES)), "no longer counties; no values in the sheet"),
    )
    out = raw
    for what, drop, why in steps:
        before = out
        out = out[~drop.loc[out.index]]
        ctx.log.step(what, before, out, why=why)
    retired = raw[fips.isin(list(RETIRED_CODES))]
    if len(retired) != len(RETIRED_CODES) or (retired[["TotalPopACS", "ForeignBornPct"]] != "").any().any():
        raise BuildError(f"{ctx.log.resource}: the retired codes {sorted(RETIRED_CODES)} are no longer as expected")
    return out


def build_county_foreign_born(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(ERS_PEOPLE_RAW, encoding="utf-8-sig")  # the file starts with a byte-order mark
    missing = sorted(set(COLUMNS) - set(raw.columns))
    if missing:
        raise BuildError(f"{ctx.log.resource}: columns {missing} are missing from {ERS_PEOPLE_RAW}")
    counties = _keep_counties(ctx, raw)
    out = counties[list(COLUMNS)].rename(columns=COLUMNS).reset_index(drop=True)
    for column in out.columns[3:]:
        out[column] = to_int(out[column], column) if column in COUNTS else to_float(out[column])
    empty = out.columns[out.isna().any()].tolist()
    if empty:
        raise BuildError(f"{ctx.log.resource}: counties without a value in {empty}")

    states = ctx.table("states").set_index("state_fips")["state_abbr"]
    wrong_state = out[out["fips"].str[:2].map(states) != out["state_abbr"]]
    if len(wrong_state):
        raise BuildError(f"{ctx.log.resource}: USPS code disagrees with the FIPS state: {wrong_state.head().values}")
    # ACS 2017-2021 codes: Connecticut's 8 historical counties (2017 boundary file) with Alaska's 02063/02066
    # (2023 file), the mix county_crime_nibrs has for 2021. Every code must be in one of the two editions.
    editions = {edition: set(read_atlas(ctx, edition).counties) for edition in ("2017", "2023")}
    unknown = sorted(set(out["fips"]) - editions["2017"] - editions["2023"])
    if unknown:
        raise BuildError(f"{ctx.log.resource}: county codes in neither boundary edition: {unknown[:8]}")
    ctx.log.note(
        f"codes not in the 2017 boundary file: {sorted(set(out['fips']) - editions['2017'])}; "
        f"not in the 2023 file: {len(set(out['fips']) - editions['2023'])} (Connecticut's historical counties)"
    )

    # PROVENANCE: ForeignBornNum / TotalPopACS reproduces ForeignBornPct (largest difference 0.005 points).
    gap = (out["foreign_born"] / out["acs_population"] * 100 - out["foreign_born_pct"]).abs().max()
    if gap > 0.01:
        raise BuildError(f"{ctx.log.resource}: foreign_born / acs_population is {gap:.3f} points off foreign_born_pct")
    # The sheet's Central/South America group includes Mexico (ACS counts Mexico in Central America).
    if (out["fb_central_south_america_pct"] < out["fb_mexico_pct"]).any():
        raise BuildError(f"{ctx.log.resource}: Central/South America no longer includes Mexico; re-read the sheet")
    ctx.log.note(f"checked: counts reproduce foreign_born_pct within {gap:.4f} points; Mexico within Central/South")
    return out


def _pct(name: str, description: str) -> Field:
    return Field(name, "number", description, unit=PERCENT, required=True, minimum=0, maximum=100)


ACS_2017_21 = "ACS 2017-2021 5-year estimate"
OF_WHOLE = "as a share of the county's WHOLE population (not of its foreign-born residents)"

COUNTY_FOREIGN_BORN = Resource(
    name="county_foreign_born_acs2017_21",
    title="County foreign-born population by region of birth (ACS 2017-2021) and Hispanic population (2020 Census)",
    description=(
        "One row per county of the 50 states and DC (3,143): total population, foreign-born residents and their "
        "share, the shares born in Europe, Mexico, the Caribbean, Central and South America, Asia and Africa "
        "(each a share of the whole population), and the Hispanic population. Foreign-born columns are American "
        "Community Survey 2017-2021 5-year estimates; the Hispanic columns are 2020 Census counts. Compiled by the "
        "USDA Economic Research Service in its Atlas of Rural and Small-Town America. The newest county "
        "foreign-born figures in the series' sources: use it for 'who lives here today' views."
    ),
    group="context",
    sources=[
        Source(
            title="USDA Economic Research Service, Atlas of Rural and Small-Town America, 'People' data sheet "
            "(2024 release): U.S. Census Bureau ACS 2017-2021 5-year estimates and 2020 Census counts",
            path="https://www.ers.usda.gov/data-products/atlas-of-rural-and-small-town-america/",
            repository="pranvgarg/Rural-America",
            commit="75f580381a2e55852bbe3e9b0c85917b50e3eb4c",
            file="People.csv",
            raw=(ERS_PEOPLE_RAW,),
        ),
        ATLAS_2017_SOURCE,
        ATLAS_2023_SOURCE,
    ],
    licenses=[PUBLIC_DOMAIN],
    coverage=(
        "3,143 counties of the 50 states and DC (ACS 2017-2021 county codes); foreign-born: ACS 2017-2021; "
        "Hispanic: 2020 Census"
    ),
    build=build_county_foreign_born,
    fields=[
        Field(
            "fips",
            "string",
            "5-digit county FIPS code as in ACS 2017-2021: Connecticut's 8 historical counties (map with "
            "us_counties_2017_topo) and Alaska's 02063/02066 (us_counties_2023_topo)",
            required=True,
            pattern=r"\d{5}",
        ),
        Field("state_abbr", "string", "2-letter USPS state code", required=True, pattern=r"[A-Z]{2}"),
        Field(
            "county_name",
            "string",
            "county name as ERS prints it, without 'County'/'Parish' (e.g. 'Hennepin', 'District of Columbia')",
            required=True,
        ),
        Field(
            "acs_population",
            "integer",
            f"total population, {ACS_2017_21} (the denominator of every _pct column except hispanic_pct_2020)",
            unit="people",
            required=True,
            minimum=0,
        ),
        Field(
            "foreign_born",
            "integer",
            f"residents born outside the U.S. (naturalized citizens and noncitizens), {ACS_2017_21}",
            unit="people",
            required=True,
            minimum=0,
        ),
        _pct("foreign_born_pct", f"foreign-born share of all residents, {ACS_2017_21}, as published (0.01)"),
        _pct("fb_europe_pct", f"residents born in Europe, {OF_WHOLE}; {ACS_2017_21}"),
        _pct("fb_mexico_pct", f"residents born in Mexico, {OF_WHOLE}; {ACS_2017_21}"),
        _pct("fb_caribbean_pct", f"residents born in the Caribbean, {OF_WHOLE}; {ACS_2017_21}"),
        _pct(
            "fb_central_south_america_pct",
            f"residents born in Central or South America INCLUDING MEXICO (never add fb_mexico_pct to it), "
            f"{OF_WHOLE}; {ACS_2017_21}",
        ),
        _pct("fb_asia_pct", f"residents born in Asia, {OF_WHOLE}; {ACS_2017_21}"),
        _pct("fb_africa_pct", f"residents born in Africa, {OF_WHOLE}; {ACS_2017_21}"),
        Field(
            "hispanic_2020",
            "integer",
            "Hispanic or Latino residents (of any race), 2020 Census count (a different source and year from the "
            "ACS columns)",
            unit="people",
            required=True,
            minimum=0,
        ),
        _pct(
            "hispanic_pct_2020",
            "Hispanic or Latino share of the 2020 Census population (its own denominator, not acs_population)",
        ),
    ],
    primary_key=["fips"],
    caveats=[
        "Two vintages: the population and foreign-born columns are ACS 2017-2021 5-year estimates (pooled over "
        "five years); the Hispanic columns are 2020 Census counts. Do not divide one by the other.",
        "There is no noncitizen column: foreign-born includes naturalized citizens. Nothing here counts "
        "unauthorized residents.",
        "Small counties have wide margins of error, which are not carried here: say so when comparing small "
        "counties, and prefer differences that are large.",
        "Never join this table with the ACS 2012-2016 or 2011-2015 (Kaggle 'acs2015') columns of "
        "county_indicators or mn_county_indicators, or any other vintage, into one trend: 5-year estimates are "
        "pooled over different, overlapping years, and the compilers differ.",
        "The region columns are shares of the whole population and do not sum to foreign_born_pct: Central/South "
        "America includes Mexico (so Mexico is counted twice if added), and Oceania and Northern America are "
        "not shown.",
        "Puerto Rico, the national and state rows, and six retired county codes with no values (five in Alaska, "
        "Bedford city VA) are left out.",
    ],
)

RESOURCES: list[Resource] = [COUNTY_FOREIGN_BORN]
