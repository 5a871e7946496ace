"""Minnesota county population baselines: Hispanic residents by age (ACS 2018-2022), age groups (Census
estimates 2020-2022) and births (MDH 2015-2020).

These are the 'exposed' populations a what-if multiplies a published effect by: Hispanic children aged
5-17 for school enrollment, Hispanic adults for employment and crime reporting, births to Hispanic and
foreign-born mothers for birth outcomes. The ACS baselines are summed here from the long MDH table and
checked against the compact file the sources' curator derived from it.
"""

from __future__ import annotations

import pandas as pd

from ..schema import Field
from .common import to_float, to_int
from .core import PUBLIC_DOMAIN, BuildContext, BuildError, Resource, Source
from .lookahead_common import (
    ACS_BASELINES_RAW,
    ACS_LONG_RAW,
    BIRTHS_RAW,
    LOOKAHEAD,
    LPHMN_REPO,
    MNREFERENCE_COMMIT,
    MNREFERENCE_GPL3,
    MNREFERENCE_REPO,
    PEP_RAW,
    UNLICENSE,
    check_counties,
    count_field,
    county_name_field,
    drop_state_row,
    mn_county_fips_field,
    recode_by_name,
    share_field,
)

# --- mn_county_hispanic_acs2018_22 -----------------------------------------------------------------

# Baseline column -> (race and ethnicity, age rows summed) in the long table (sex 'Total' throughout).
ACS_BASELINES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pop_total": ("Total", ("Total",)),
    "pop_hispanic": ("Hispanic", ("Total",)),
    "pop_under5_hispanic": ("Hispanic", ("0 to 0.4 yrs", "0.5 to 4 yrs")),  # MDH's split of under-5 is not ACS's
    "pop_age5_17_total": ("Total", ("5 to 11 yrs", "12 to 15 yrs", "16 to 17 yrs")),
    "pop_age5_17_hispanic": ("Hispanic", ("5 to 11 yrs", "12 to 15 yrs", "16 to 17 yrs")),
    "pop_age16plus_total": ("Total", ("16+",)),
    "pop_age16plus_hispanic": ("Hispanic", ("16+",)),
    "pop_age18_49_total": ("Total", ("18 to 49 yrs",)),
    "pop_age18_49_hispanic": ("Hispanic", ("18 to 49 yrs",)),
    "pop_age18plus_hispanic": ("Hispanic", ("18+",)),
}


def build_hispanic_acs(ctx: BuildContext) -> pd.DataFrame:
    long = ctx.read_csv(ACS_LONG_RAW)
    if set(long["year"]) != {"2018-2022"}:
        raise BuildError(f"{ctx.log.resource}: expected ACS period 2018-2022 only, got {sorted(set(long['year']))}")
    long = long[long["sex"] == "Total"].assign(estimate=lambda d: to_int(d["estimate"], "estimate"))
    cells = long.set_index(["county_fips", "race and ethnicity", "age"])["estimate"]
    if not cells.index.is_unique:
        raise BuildError(f"{ctx.log.resource}: the long table has duplicate (county, race, age) cells")
    names = long.drop_duplicates("county_fips").set_index("county_fips")["county_name"]
    out = pd.DataFrame({"county_fips": names.index, "county_name": names.to_numpy()})
    for column, (race, ages) in ACS_BASELINES.items():
        out[column] = sum(cells.xs((race, age), level=[1, 2]).reindex(out["county_fips"]).to_numpy() for age in ages)
    out["hispanic_share"] = (out["pop_hispanic"] / out["pop_total"]).round(4)
    ctx.log.step("sum the long table's age rows into one row per county", len(long), out, why="long -> wide")
    out["county_name"] = check_counties(ctx, out)

    compact = ctx.read_csv(ACS_BASELINES_RAW).rename(columns={"fips": "county_fips"}).set_index("county_fips")
    ours = out.set_index("county_fips")
    differ = [
        c
        for c in [*ACS_BASELINES, "hispanic_share"]
        if not (to_float(compact[c]).reindex(ours.index) - ours[c].astype(float)).abs().max() < 1e-9
    ]
    if differ or len(compact) != len(ours):
        raise BuildError(f"{ctx.log.resource}: sums differ from {ACS_BASELINES_RAW} in {differ}")
    if (ours["pop_age16plus_hispanic"] < ours["pop_age18plus_hispanic"]).any():
        raise BuildError(f"{ctx.log.resource}: Hispanic 16+ smaller than 18+ somewhere")
    ctx.log.note(
        f"checked against {ACS_BASELINES_RAW}: all {len(ACS_BASELINES) + 1} columns equal; statewide "
        f"{int(ours['pop_total'].sum()):,} people, {int(ours['pop_hispanic'].sum()):,} Hispanic"
    )
    return out[[f.name for f in HISPANIC_ACS.fields]]


ACS_VINTAGE = "ACS 2018-2022 5-year estimate"

HISPANIC_ACS = Resource(
    name="mn_county_hispanic_acs2018_22",
    title="Minnesota counties: Hispanic population by age, ACS 2018-2022 (look-ahead baselines)",
    description=(
        "One row per Minnesota county: total and Hispanic residents overall and in the age groups the published "
        "effects apply to: children aged 5-17 (school enrollment), 16 and over (employment), 18-49 and 18 and over "
        "(adults, crime reporting), and under 5. American Community Survey 2018-2022 5-year estimates as tabulated "
        "by the Minnesota Department of Health, summed here from its long table (sex 'Total')."
    ),
    group=LOOKAHEAD,
    sources=[
        Source(
            title="U.S. Census Bureau, American Community Survey 2018-2022 5-year estimates (sex-by-age tables "
            "B01001, B01001I for Hispanic), as tabulated by the Minnesota Department of Health (mdhcensus) in "
            "the tidy-MN/mnreference repository",
            path="https://github.com/tidy-MN/mnreference",
            repository=MNREFERENCE_REPO,
            commit=MNREFERENCE_COMMIT,
            file="data/county_populations_acs_2018_2022.csv",
            raw=(ACS_LONG_RAW, ACS_BASELINES_RAW),
        )
    ],
    licenses=[MNREFERENCE_GPL3],
    coverage="Minnesota's 87 counties; ACS 2018-2022 5-year estimates",
    build=build_hispanic_acs,
    fields=[
        mn_county_fips_field(),
        county_name_field(),
        count_field("pop_total", f"all residents, {ACS_VINTAGE}"),
        count_field("pop_hispanic", f"Hispanic or Latino residents (any race), {ACS_VINTAGE}"),
        share_field(
            "hispanic_share",
            "pop_hispanic / pop_total, rounded to 0.0001 (a fraction: 0.0707 = 7.07%)",
            required=True,
            decimals=4,
        ),
        count_field("pop_under5_hispanic", f"Hispanic residents under 5, {ACS_VINTAGE}"),
        count_field("pop_age5_17_total", f"residents aged 5-17 (school age), {ACS_VINTAGE}"),
        count_field(
            "pop_age5_17_hispanic",
            f"Hispanic residents aged 5-17 (5-11 + 12-15 + 16-17): the base for the school-enrollment effect, "
            f"{ACS_VINTAGE}",
        ),
        count_field("pop_age16plus_total", f"residents aged 16 and over (working age), {ACS_VINTAGE}"),
        count_field("pop_age16plus_hispanic", f"Hispanic residents aged 16 and over, {ACS_VINTAGE}"),
        count_field("pop_age18_49_total", f"residents aged 18-49, {ACS_VINTAGE}"),
        count_field("pop_age18_49_hispanic", f"Hispanic residents aged 18-49, {ACS_VINTAGE}"),
        count_field("pop_age18plus_hispanic", f"Hispanic adults (18 and over), {ACS_VINTAGE}"),
    ],
    primary_key=["county_fips"],
    caveats=[
        "No margins of error: small-county Hispanic counts (tens to hundreds) carry large ACS error. Say so when "
        "a what-if is run for a small county.",
        "5-year estimates are pooled over 2018-2022, not a count for one year; never join them with other ACS "
        "vintages (county_indicators, county_foreign_born_acs2017_21) into one trend.",
        "No nativity, citizenship, labour-force or programme variables: Hispanic residents are not a count of "
        "immigrants or of people exposed to enforcement; most are U.S. citizens.",
        "MDH splits under-5 into '0 to 0.4' and '0.5 to 4' years by an undocumented method; only their sum "
        "(pop_under5_hispanic) is used.",
    ],
)

# --- mn_county_population_pep2022 --------------------------------------------------------------------

PEP_COLUMNS = {
    "POPESTIMATE": "population",
    "UNDER5_TOT": "age_under5",
    "AGE1824_TOT": "age18_24",
    "AGE16PLUS_TOT": "age16plus",
    "AGE18PLUS_TOT": "age18plus",
    "AGE1544_TOT": "age15_44",
    "AGE1544_FEM": "women_15_44",
    "AGE2544_TOT": "age25_44",
    "AGE4564_TOT": "age45_64",
    "AGE65PLUS_TOT": "age65plus",
}


def build_pep(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(PEP_RAW)
    out = pd.DataFrame(
        {
            "county_fips": raw["fips"],
            "county_name": raw["CTYNAME"].str.removesuffix(" County"),
            "estimate_date": raw["estimate_date"].str[:10],
            "is_estimates_base": raw["estimate_date"].str.endswith(" base"),
        }
    )
    if (
        set(raw["estimate_date"].str[10:]) - {"", " base"}
        or not out["estimate_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    ):
        raise BuildError(f"{ctx.log.resource}: estimate dates not as 'YYYY-MM-DD' or 'YYYY-MM-DD base'")
    for source, column in PEP_COLUMNS.items():
        out[column] = to_int(raw[source], source)
    out["age5_17"] = to_int(raw["AGE513_TOT"], "AGE513_TOT") + to_int(raw["AGE1417_TOT"], "AGE1417_TOT")
    out["median_age"] = to_float(raw["MEDIAN_AGE_TOT"])
    out["county_name"] = check_counties(ctx, out)
    if (out["women_15_44"] > out["age15_44"]).any() or (out["age18plus"] > out["age16plus"]).any():
        raise BuildError(f"{ctx.log.resource}: an age group is larger than the group that contains it")
    ctx.log.step("rename; age5_17 = 5-13 + 14-17; county name without 'County'", raw, out)
    return out[[f.name for f in PEP.fields]]


PEP = Resource(
    name="mn_county_population_pep2022",
    title="Minnesota counties: population by age group, Census Bureau estimates 2020-2022 (Vintage 2022)",
    description=(
        "One row per Minnesota county and estimate date (the April 2020 estimates base, and 1 July 2020, 2021, "
        "2022): total population and age groups, including women aged 15-44 (the denominator of fertility rates) "
        "and children aged 5-17. No race or Hispanic detail."
    ),
    group=LOOKAHEAD,
    sources=[
        Source(
            title="U.S. Census Bureau, Population Estimates Program, Vintage 2022 county characteristics by age and "
            "sex (cc-est2022-agesex-27.csv), as copied in the lphmn/data_publicState repository (17 of 96 columns)",
            path="https://www.census.gov/programs-surveys/popest.html",
            repository=LPHMN_REPO,
            commit="1d4869361f66e40402dd13c833f589784a2d5af0",
            file="CDC Places/2020 to 2022 Pop. Estimates/cc-est2022-agesex.csv",
            raw=(PEP_RAW,),
        )
    ],
    licenses=[PUBLIC_DOMAIN],
    coverage="Minnesota's 87 counties; estimates base 2020-04-01 and 1 July 2020, 2021 and 2022 (Vintage 2022)",
    build=build_pep,
    fields=[
        mn_county_fips_field(),
        county_name_field(),
        Field("estimate_date", "date", "date the estimate refers to", required=True, minimum="2020-04-01"),
        Field(
            "is_estimates_base",
            "boolean",
            "true for the 2020-04-01 estimates base (Census 2020 adjusted), not a July estimate",
            required=True,
        ),
        count_field("population", "total resident population"),
        count_field("age_under5", "residents under 5"),
        count_field("age5_17", "residents aged 5-17 (school age; 5-13 + 14-17)"),
        count_field("age18_24", "residents aged 18-24"),
        count_field("age16plus", "residents aged 16 and over"),
        count_field("age18plus", "residents aged 18 and over"),
        count_field("age15_44", "residents aged 15-44"),
        count_field("women_15_44", "women aged 15-44 (the denominator of a fertility rate)"),
        count_field("age25_44", "residents aged 25-44"),
        count_field("age45_64", "residents aged 45-64"),
        count_field("age65plus", "residents aged 65 and over"),
        Field("median_age", "number", "median age", unit="years", required=True, minimum=0, maximum=100),
    ],
    primary_key=["county_fips", "estimate_date"],
    caveats=[
        "Vintage 2022: later vintages (2023, 2024) revise 2020-2022; do not mix vintages.",
        "No race or Hispanic detail; for Hispanic residents use mn_county_hispanic_acs2018_22 (a survey estimate "
        "pooled over 2018-2022, not a July estimate).",
    ],
)

# --- mn_county_births --------------------------------------------------------------------------------

BIRTH_COUNTS = {
    "count_birth": "births",
    "count_birthSingleton": "births_singleton",
    "count_birthMotherHispanic": "births_hispanic_mother",
    "count_birthToForeignBornMothers": "births_foreign_born_mother",
    "count_birthLowBirthWeight": "births_low_birth_weight",
    "count_birthPreterm": "births_preterm",
    "count_birthOnMedicaid": "births_medicaid",
}
BIRTH_SHARES = {
    "percent_birthToForeignBornMothers": "foreign_born_mother_share",
    "percent_birthLowBirthWeight": "low_birth_weight_share",
    "percent_birthPreterm": "preterm_share",
    "percent_birthOnMedicaid": "medicaid_share",
}
BIRTH_RATES = {"rate_birth": "birth_rate_per_1000", "rate_fertility": "fertility_rate_per_1000"}
MOTHER_GROUPS = (  # non-Hispanic race groups + Hispanic: they sum to all births (2017-2020)
    "count_birthMotherWhite",
    "count_birthMotherAfricanAmerican",
    "count_birthMotherAmericanIndian",
    "count_birthMotherAsianPacificIslander",
    "count_birthMotherOtherUnknown",
    "count_birthMotherHispanic",
)
NOT_PUBLISHED = "*"  # MDH did not publish (Medicaid 2020: COVID-19 staffing)


# The births file puts four names on the wrong codes, as if 'St. Louis' were sorted after 'Sibley': its rows coded
# 27137-27143 are named Scott, Sherburne, Sibley and St. Louis, whose codes are 27139, 27141, 27143 and 27137.
# The names are right and the codes wrong: births / birth rate gives each row's population, which matches the
# Census estimate of the NAMED county (within 7%) and is 12 times Sibley's for the row coded 27143.
BIRTHS_FIPS_FIXES = {"27137": "27139", "27139": "27141", "27141": "27143", "27143": "27137"}
IMPLIED_POPULATION_TOLERANCE = 0.10


def _check_implied_population(ctx: BuildContext, births: pd.DataFrame) -> None:
    """births / births per 1,000 residents, for 2020, must be within 10% of the county's July 2020 Census estimate."""
    pep = ctx.read_csv(PEP_RAW, usecols=["fips", "estimate_date", "POPESTIMATE"])
    population = pep[pep["estimate_date"] == "2020-07-01"].set_index("fips")["POPESTIMATE"].astype(float)
    y2020 = births[births["year"] == 2020]
    implied = y2020["births"].astype(float) / y2020["birth_rate_per_1000"] * 1000
    gap = (implied / y2020["county_fips"].map(population).to_numpy() - 1).abs()
    if not (gap <= IMPLIED_POPULATION_TOLERANCE).all():
        bad = y2020.loc[gap > IMPLIED_POPULATION_TOLERANCE, ["county_fips", "county_name"]].values.tolist()
        raise BuildError(f"{ctx.log.resource}: births / birth rate does not give the county's population for {bad}")
    ctx.log.note(f"checked: 2020 births / birth rate within {gap.max():.1%} of each county's July 2020 estimate")


def build_births(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(BIRTHS_RAW)
    counties = drop_state_row(ctx, raw)
    cells = counties.replace(NOT_PUBLISHED, "")
    ctx.log.note(
        f"'{NOT_PUBLISHED}' (not published) read as missing: {int((counties == NOT_PUBLISHED).sum().sum())} cells"
    )
    out = pd.DataFrame({"county_fips": counties["fips"], "county_name": counties["county_name"]})
    out["year"] = to_int(counties["year"], "year")
    for source, column in {**BIRTH_COUNTS}.items():
        out[column] = to_int(cells[source], source)
    for source, column in {**BIRTH_SHARES, **BIRTH_RATES}.items():
        out[column] = to_float(cells[source])
    out["county_fips"] = recode_by_name(ctx, out, BIRTHS_FIPS_FIXES)
    out["county_name"] = check_counties(ctx, out)
    _check_implied_population(ctx, out)
    groups = sum(to_int(cells[c], c) for c in MOTHER_GROUPS)
    known = groups.notna()
    if not (groups[known] == out.loc[known, "births"]).all():
        raise BuildError(f"{ctx.log.resource}: births by mother's race and Hispanic origin do not sum to all births")
    ctx.log.note(f"checked: births by mother's group sum to all births in the {int(known.sum())} rows that have them")
    ctx.log.step("rename; keep births, mothers' groups, outcomes, Medicaid and rates", counties, out)
    return out[[f.name for f in BIRTHS.fields]]


MDH_SOURCE = Source(
    title="Minnesota Department of Health, Center for Health Statistics, Minnesota County Health Tables "
    "(births), as transcribed in the lphmn/data_publicState repository (MN_CHT/cht.csv; 27 of 136 columns "
    "kept, Community Health Board rows dropped, values unchanged)",
    path="https://www.health.state.mn.us/data/mchs/genstats/countytables/",
    repository=LPHMN_REPO,
    commit="24bf65d498d467feee4ee3bc846ed2c36efb581b",
    file="MN_CHT/cht.csv",
    raw=(BIRTHS_RAW,),
)

BIRTHS = Resource(
    name="mn_county_births",
    title="Minnesota births by county of the mother's residence, 2015-2020 (MDH County Health Tables)",
    description=(
        "One row per Minnesota county and year: live births to Minnesota residents, births to Hispanic mothers "
        "and to foreign-born mothers (the 'exposed' births for enforcement and birth-weight effects), low birth "
        "weight and preterm births (outcome baselines), and births paid by Medicaid (the only county programme "
        "count found). Shares as MDH publishes them."
    ),
    group=LOOKAHEAD,
    sources=[MDH_SOURCE],
    licenses=[UNLICENSE],
    coverage="Minnesota's 87 counties, calendar years 2015-2020 (mothers' groups 2017-2020, Medicaid 2017-2019)",
    build=build_births,
    fields=[
        mn_county_fips_field("5-digit FIPS of the county of the mother's residence"),
        county_name_field(),
        Field("year", "integer", "calendar year of birth", required=True, minimum=2015, maximum=2020),
        count_field("births", "live births to residents of the county", unit="births"),
        count_field(
            "births_singleton",
            "singleton births (the denominator of the two shares below); 2017-2020",
            required=False,
            unit="births",
        ),
        count_field(
            "births_hispanic_mother", "births to Hispanic mothers (any race); 2017-2020", required=False, unit="births"
        ),
        count_field(
            "births_foreign_born_mother",
            "births to mothers born outside the U.S.; 2017-2020",
            required=False,
            unit="births",
        ),
        share_field(
            "foreign_born_mother_share",
            "share of births to foreign-born mothers as MDH publishes it (of all births; 2016-2020); blank where "
            "the table gives none (some counts under 20)",
        ),
        count_field("births_low_birth_weight", "births under 2,500 g", unit="births"),
        share_field(
            "low_birth_weight_share",
            "low-birth-weight share as MDH publishes it, of SINGLETON births (not of all births); blank where the "
            "table gives none (some counts under 20)",
        ),
        count_field("births_preterm", "births before 37 weeks", unit="births"),
        share_field("preterm_share", "preterm share as MDH publishes it, of singleton births; blank for small counts"),
        count_field(
            "births_medicaid",
            "births paid by Medicaid; 2017-2019 (2020 not published by MDH: COVID-19 staffing)",
            required=False,
            unit="births",
        ),
        share_field("medicaid_share", "share of births paid by Medicaid as MDH publishes it (of all births)"),
        Field("birth_rate_per_1000", "number", "births per 1,000 residents", unit="births per 1,000", minimum=0),
        Field(
            "fertility_rate_per_1000",
            "number",
            "births per 1,000 women aged 15-44",
            unit="births per 1,000 women 15-44",
            minimum=0,
        ),
    ],
    primary_key=["county_fips", "year"],
    caveats=[
        "Latest year is 2020, a COVID-affected year; MDH has published 2021-2023 tables that are not in the "
        "offline sources.",
        "Births to Hispanic and to foreign-born mothers, singleton births and Medicaid births are blank before "
        "2017; Medicaid is also blank for 2020 (MDH did not publish it).",
        "Shares are blank for many small counts (every blank share has a count under 20), and counts that small "
        "give unstable rates: pool years or counties before comparing them.",
        "Low-birth-weight and preterm shares are of singleton births; dividing the counts by all births gives a "
        "slightly smaller number.",
        "The county sums differ from MDH's statewide row by a few births in some years (2015: 3, 2016: 5; "
        "foreign-born mothers 2017: 1; Medicaid 2017: 4, 2019: 9): use the counties' sum for a Minnesota total.",
        "Values were transcribed from MDH's PDF tables by the repository's author, who notes some were updated with "
        "corrected data and may differ from the PDFs by small amounts.",
        "The copy read puts Scott, Sherburne, Sibley and St. Louis counties on the wrong FIPS codes (27137-27143 in "
        "alphabetical order); this build gives them their right codes by name, checked against their populations.",
    ],
)

RESOURCES: list[Resource] = [HISPANIC_ACS, PEP, BIRTHS]
