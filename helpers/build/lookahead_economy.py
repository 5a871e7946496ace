"""Minnesota county labour force (LAUS 2015-2023) and public school enrollment (MDE 2022-23) baselines.

LAUS gives the employment base against which an employment effect on likely undocumented workers is set;
school enrollment gives the Hispanic enrollment base for the 287(g) enrollment effect. The county
enrollment rollup is re-derived here from the district counts and the district x county overlap, and
checked against the rollup the sources' curator made, so its method is written down in code.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import Field
from .common import to_float, to_int
from .core import MIT, BuildContext, BuildError, License, Resource, Source
from .lookahead_common import (
    ENROLLMENT_COUNTY_RAW,
    ENROLLMENT_RAW,
    LAUS_RAW,
    LOOKAHEAD,
    LPHMN_REPO,
    MNREFERENCE_COMMIT,
    MNREFERENCE_GPL3,
    MNREFERENCE_REPO,
    OVERLAP_RAW,
    STATE_ROW,
    UNLICENSE,
    check_counties,
    count_field,
    county_name_field,
    drop_state_row,
    mn_county_fips_field,
)

# --- mn_county_labour_force ----------------------------------------------------------------------------

LAUS_COLUMNS = {
    "ann_labor_force_ct": "labour_force",
    "ann_employment_ct": "employed",
    "ann_unemployment_ct": "unemployed",
}


def build_labour_force(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(LAUS_RAW)
    typed = raw.rename(columns={"fips": "county_fips"}).rename(columns=LAUS_COLUMNS)
    typed["year"] = to_int(typed["year"], "year")
    for column in LAUS_COLUMNS.values():
        typed[column] = to_int(typed[column], column)
    typed["unemployment_rate"] = to_float(typed["ann_unemployment_rate"])
    if (typed["labour_force"] != typed["employed"] + typed["unemployed"]).any():
        raise BuildError(f"{ctx.log.resource}: labour force is not employed + unemployed in every row")
    out = drop_state_row(ctx, typed, key="county_fips")
    state = typed[typed["county_fips"] == STATE_ROW].set_index("year")[list(LAUS_COLUMNS.values())]
    sums = out.groupby("year")[list(LAUS_COLUMNS.values())].sum()
    if not sums.equals(state.loc[sums.index]):
        raise BuildError(f"{ctx.log.resource}: the counties do not sum to the statewide row in every year")
    out["county_name"] = check_counties(ctx, out)
    ctx.log.note("checked: labour force = employed + unemployed; counties sum to the statewide row every year")
    return out[[f.name for f in LABOUR_FORCE.fields]]


LABOUR_FORCE = Resource(
    name="mn_county_labour_force",
    title="Minnesota counties: labour force, employment and unemployment, annual averages 2015-2023 (LAUS)",
    description=(
        "One row per Minnesota county and year: civilian labour force, employed and unemployed residents and the "
        "unemployment rate, annual averages from the Local Area Unemployment Statistics programme that the "
        "Minnesota Department of Employment and Economic Development (DEED) runs with the U.S. Bureau of Labor "
        "Statistics. The employment base for a what-if on employment effects; sum the counties for Minnesota."
    ),
    group=LOOKAHEAD,
    sources=[
        Source(
            title="Minnesota DEED and U.S. Bureau of Labor Statistics, Local Area Unemployment Statistics, annual "
            "averages by county, as copied in the lphmn/data_publicState repository (location renamed county_name, "
            "rows sorted, values unchanged)",
            path="https://www.bls.gov/lau/",
            repository=LPHMN_REPO,
            commit="24bf65d498d467feee4ee3bc846ed2c36efb581b",
            file="MN_DEED/Annual/employment_unemployment_laborForce.csv",
            raw=(LAUS_RAW,),
        )
    ],
    licenses=[UNLICENSE],
    coverage="Minnesota's 87 counties, annual averages 2015-2023",
    build=build_labour_force,
    fields=[
        mn_county_fips_field(),
        county_name_field(),
        Field("year", "integer", "calendar year (annual average)", required=True, minimum=2015, maximum=2023),
        count_field("labour_force", "civilian labour force, annual average, by place of residence"),
        count_field("employed", "employed residents, annual average"),
        count_field("unemployed", "unemployed residents, annual average"),
        Field(
            "unemployment_rate",
            "number",
            "unemployed / labour force, percent, as published (rounded)",
            unit="percent (0-100)",
            required=True,
            minimum=0,
            maximum=100,
        ),
    ],
    primary_key=["county_fips", "year"],
    caveats=[
        "LAUS counts residents by place of residence, whatever their immigration status: it is not a count of "
        "immigrant or likely undocumented workers, and no such county count exists in the sources.",
        "Annual averages, not seasonally adjusted; a model-based estimate for small counties.",
        "BLS re-benchmarks LAUS each spring: the 2022-2023 values may differ slightly from the current series.",
        "Not the same measure as the ACS unemployment columns of county_indicators (a survey average over 5 years).",
    ],
)

# --- school enrollment -------------------------------------------------------------------------------

RACE_GROUPS = {  # column -> group as MDE reports it (every group but Hispanic is non-Hispanic)
    "hispanic": "Hispanic or Latino (any race)",
    "white": "White, non-Hispanic",
    "black": "Black or African American, non-Hispanic",
    "asian": "Asian, non-Hispanic",
    "native_american": "American Indian or Alaska Native, non-Hispanic",
    "pacific_islander": "Native Hawaiian or Pacific Islander, non-Hispanic",
    "multiracial": "two or more races, non-Hispanic",
}
RACE_COLUMNS = tuple(RACE_GROUPS)
DISTRICT_TYPES = {"01": "independent", "03": "special", "07": "charter"}
GEOGRAPHIC_TYPES = ("01", "03")  # charters have no boundaries, so they are not allocated to counties


def _districts(ctx: BuildContext) -> pd.DataFrame:
    """District enrollment, typed; the state row dropped after checking the groups sum to each total."""
    raw = ctx.read_csv(ENROLLMENT_RAW)
    if set(raw["school_year"]) != {"2022-23"}:
        raise BuildError(f"{ctx.log.resource}: expected school year 2022-23 only")
    out = raw.copy()
    for column in ("total_enrollment", *RACE_COLUMNS):
        out[column] = to_int(out[column], column)
    groups = out[list(RACE_COLUMNS)].fillna(0).sum(axis=1)
    if (groups != out["total_enrollment"]).any():
        raise BuildError(f"{ctx.log.resource}: enrollment groups do not sum to the total in every row")
    districts = out[out["district_id"] != "STATE"]
    ctx.log.step("drop the state total row", out, districts, why="it also counts district types not listed here")
    unknown = sorted(set(districts["district_type_code"]) - set(DISTRICT_TYPES))
    if unknown:
        raise BuildError(f"{ctx.log.resource}: district type codes {unknown} are new; teach DISTRICT_TYPES")
    return districts


def _overlap(ctx: BuildContext) -> pd.DataFrame:
    overlap = ctx.read_csv(OVERLAP_RAW)
    overlap["share_of_district_area"] = to_float(overlap["share_of_district_area"])
    overlap["is_primary_county"] = overlap["is_primary_county"].map({"True": True, "False": False})
    totals = overlap.groupby("district_id")["share_of_district_area"].sum()
    if not totals.between(0.999, 1.001).all() or (overlap.groupby("district_id")["is_primary_county"].sum() != 1).any():
        raise BuildError(
            f"{ctx.log.resource}: overlap shares do not sum to 1, or a district has not one primary county"
        )
    return overlap


def build_county_enrollment(ctx: BuildContext) -> pd.DataFrame:
    """Two county allocations of district enrollment (by area share and by primary county), checked against the file."""
    districts = _districts(ctx)
    geographic = districts[districts["district_type_code"].isin(GEOGRAPHIC_TYPES)]
    ctx.log.step("keep independent and special districts", districts, geographic, why="charters have no boundaries")
    overlap = _overlap(ctx)
    missing = sorted(set(geographic["district_id"]) - set(overlap["district_id"]))
    if missing:
        raise BuildError(f"{ctx.log.resource}: districts without a boundary overlap: {missing[:5]}")
    pieces = overlap.merge(geographic[["district_id", "total_enrollment", "hispanic"]], on="district_id")
    pieces["hispanic"] = pieces["hispanic"].fillna(0)  # blank = no row for the group in the source (small or zero)
    area = (
        pieces.assign(
            total=pieces["total_enrollment"] * pieces["share_of_district_area"],
            hisp=pieces["hispanic"] * pieces["share_of_district_area"],
        )
        .groupby("fips")[["total", "hisp"]]
        .sum()
    )
    primary = (
        pieces[pieces["is_primary_county"]]
        .groupby("fips")
        .agg(total=("total_enrollment", "sum"), hisp=("hispanic", "sum"), n=("district_id", "size"))
    )
    names = overlap.drop_duplicates("fips").set_index("fips")["county_name"]
    out = pd.DataFrame({"county_fips": sorted(names.index)})
    out["county_name"] = out["county_fips"].map(names)
    out["school_year"] = "2022-23"
    out["total_enrollment_area_alloc"] = np.rint(out["county_fips"].map(area["total"]).fillna(0)).astype("int64")
    out["hispanic_enrollment_area_alloc"] = np.rint(out["county_fips"].map(area["hisp"]).fillna(0)).astype("int64")
    for column, source in (
        ("total_enrollment_primary", "total"),
        ("hispanic_enrollment_primary", "hisp"),
        ("n_districts_primary", "n"),
    ):
        out[column] = out["county_fips"].map(primary[source]).fillna(0).astype("int64")
    out["county_name"] = check_counties(ctx, out)

    theirs = ctx.read_csv(ENROLLMENT_COUNTY_RAW).rename(columns={"fips": "county_fips"}).set_index("county_fips")
    ours = out.set_index("county_fips")
    differ = [c for c in ours.columns[2:] if not (to_int(theirs[c], c).reindex(ours.index) == ours[c]).all()]
    if differ or len(theirs) != len(ours):
        raise BuildError(f"{ctx.log.resource}: re-derived rollup differs from {ENROLLMENT_COUNTY_RAW} in {differ}")
    charters = districts[districts["district_type_code"] == "07"]
    ctx.log.note(
        f"re-derived from {len(geographic)} districts x {len(overlap)} overlap pieces; equals {ENROLLMENT_COUNTY_RAW}. "
        f"Not allocated: {len(charters)} charters, {int(charters['total_enrollment'].sum()):,} students "
        f"({int(charters['hispanic'].fillna(0).sum()):,} Hispanic)"
    )
    return out[[f.name for f in COUNTY_ENROLLMENT.fields]]


ENROLLMENT_SOURCES = [
    Source(
        title="Minnesota Department of Education, MARSS enrollment by district and race/ethnicity, school year "
        "2022-23, as bundled in the mnschooldata package (data/enr_2023_example.rda, read with pyreadr and pivoted "
        "wide by the sources' curator)",
        path="https://github.com/almartin82/mnschooldata",
        repository="almartin82/mnschooldata",
        commit="43d3d4a43dbaf308baed962c6465c997311e6ee6",
        file="data/enr_2023_example.rda",
        raw=(ENROLLMENT_RAW,),
    ),
    Source(
        title="District x county overlap computed by the sources' curator: Minnesota Department of Education school "
        "district boundaries (school year 2023-24, Minnesota Geospatial Commons) intersected with counties built "
        "from simplified 2020 Census tract polygons (NAD83 / UTM 15N), from the tidy-MN/mnreference repository",
        path="https://github.com/tidy-MN/mnreference",
        repository=MNREFERENCE_REPO,
        commit=MNREFERENCE_COMMIT,
        file="data/school_districts.zip; data/Census Tract polygons 2020 simplified.zip",
        raw=(OVERLAP_RAW, ENROLLMENT_COUNTY_RAW),
    ),
]
MNSCHOOLDATA_MIT = License(
    MIT.name,
    "MIT licence of the mnschooldata package; the enrollment counts are public Minnesota Department of Education data",
    MIT.path,
)
ENROLLMENT_CAVEATS = [
    "The counts reach the series through a third-party package's example data (spot checks agree: Minneapolis "
    "30,079; St. Paul 32,750): verify against MDE before quoting a district figure.",
    "Race groups are non-Hispanic except `hispanic` (any race); a blank group means the source had no row for it "
    "(a small or zero count).",
]

COUNTY_ENROLLMENT = Resource(
    name="mn_county_school_enrollment_2022_23",
    title="Minnesota counties: public school enrollment and Hispanic enrollment, 2022-23 (allocated from districts)",
    description=(
        "One row per Minnesota county: students of the independent and special school districts allocated to "
        "counties two ways. `_area_alloc`: each district's total and Hispanic enrollment split across the counties "
        "it covers in proportion to the share of its area in each, rounded to whole students. `_primary`: each "
        "district counted wholly in the county holding most of its area. Charter schools are not allocated."
    ),
    group=LOOKAHEAD,
    sources=ENROLLMENT_SOURCES,
    licenses=[MNSCHOOLDATA_MIT, MNREFERENCE_GPL3],
    coverage="Minnesota's 87 counties; 321 independent and special districts; school year 2022-23",
    build=build_county_enrollment,
    fields=[
        mn_county_fips_field(),
        county_name_field(),
        Field("school_year", "string", "school year", required=True, enum=("2022-23",)),
        count_field(
            "total_enrollment_area_alloc",
            "students of the districts covering the county, each district split by the share of its area in the "
            "county, rounded",
            unit="students",
        ),
        count_field(
            "hispanic_enrollment_area_alloc",
            "Hispanic students allocated the same way (the base for the 287(g) enrollment effect)",
            unit="students",
        ),
        count_field(
            "total_enrollment_primary",
            "students of the districts whose largest part lies in the county",
            unit="students",
        ),
        count_field("hispanic_enrollment_primary", "Hispanic students of those districts", unit="students"),
        Field(
            "n_districts_primary",
            "integer",
            "number of districts whose largest part lies in the county (0 for some small counties)",
            unit="districts",
            required=True,
            minimum=0,
        ),
    ],
    primary_key=["county_fips"],
    caveats=[
        "Derived, not published: district enrollment from MDE, split across counties by the share of each "
        "district's AREA in each county (`_area_alloc`) or counted in its primary county (`_primary`). Students "
        "live mostly in a district's towns, not spread over its area, so both are crude. For a county's Hispanic "
        "school-age base prefer pop_age5_17_hispanic in mn_county_hispanic_acs2018_22; use enrollment for "
        "district-level illustration (mn_school_district_enrollment_2022_23).",
        "Charter schools (68 in 2022-23; 37,782 students, 4,709 Hispanic statewide) have no boundaries and are not "
        "allocated, nor are intermediate, cooperative and state schools: the `_primary` columns sum to 792,397 "
        "students (the area allocation 792,400, after rounding), not the state's 873,175.",
        "District boundaries are those of school year 2023-24 and counties are built from simplified tract shapes; "
        "overlap pieces under 0.1% of a district were dropped as slivers, and overlaps under about 1% may be "
        "artefacts.",
        *ENROLLMENT_CAVEATS,
    ],
)


def build_district_enrollment(ctx: BuildContext) -> pd.DataFrame:
    districts = _districts(ctx)
    overlap = _overlap(ctx)
    primary = overlap[overlap["is_primary_county"]].set_index("district_id")["fips"]
    out = districts.copy()
    out["district_type"] = out["district_type_code"].map(DISTRICT_TYPES)
    out["primary_county_fips"] = out["district_id"].map(primary)
    out["n_counties"] = out["district_id"].map(overlap.groupby("district_id").size()).astype("Int64")
    geographic = out["district_type_code"].isin(GEOGRAPHIC_TYPES)
    if (
        out.loc[geographic, "primary_county_fips"].isna().any()
        or out.loc[~geographic, "primary_county_fips"].notna().any()
    ):
        raise BuildError(f"{ctx.log.resource}: every district but the charters must have a primary county")
    ctx.log.step("add district type and primary county", districts, out)
    return out[[f.name for f in DISTRICT_ENROLLMENT.fields]]


DISTRICT_ENROLLMENT = Resource(
    name="mn_school_district_enrollment_2022_23",
    title="Minnesota school districts: enrollment by race and Hispanic origin, 2022-23",
    description=(
        "One row per Minnesota school district and charter school (389): total enrollment and students by group "
        "(Hispanic of any race; non-Hispanic white, Black, Asian, American Indian, Pacific Islander, multiracial), "
        "with the county holding most of the district's area. For district-level illustration of the Hispanic "
        "enrollment base (e.g. Worthington, 57% Hispanic)."
    ),
    group=LOOKAHEAD,
    sources=ENROLLMENT_SOURCES,
    licenses=[MNSCHOOLDATA_MIT, MNREFERENCE_GPL3],
    coverage="389 districts (319 independent, 2 special, 68 charter); school year 2022-23",
    build=build_district_enrollment,
    fields=[
        Field(
            "district_id",
            "string",
            "MDE 11-digit organisation id as the package stores it (type, 4-digit number, '000000'; leading zero "
            "dropped), e.g. '10001000000' = ISD 0001",
            required=True,
            pattern=r"\d{11}",
        ),
        Field("district_number", "string", "4-digit district number", required=True, pattern=r"\d{4}"),
        Field("district_type_code", "string", "MDE district type code", required=True, enum=tuple(DISTRICT_TYPES)),
        Field(
            "district_type",
            "string",
            "independent, special or charter",
            required=True,
            enum=tuple(DISTRICT_TYPES.values()),
        ),
        Field("district_name", "string", "district name as MDE publishes it", required=True),
        count_field("total_enrollment", "students enrolled", unit="students"),
        *(
            count_field(
                column,
                f"{group} students; blank = no row in the source (a small or zero count)",
                required=False,
                unit="students",
            )
            for column, group in RACE_GROUPS.items()
        ),
        Field(
            "primary_county_fips",
            "string",
            "5-digit FIPS of the county holding most of the district's area; blank for charter schools",
            pattern=r"27\d{3}",
        ),
        Field(
            "n_counties",
            "integer",
            "number of counties the district's area touches (pieces under 0.1% dropped); blank for charters",
            unit="counties",
            minimum=1,
        ),
    ],
    primary_key=["district_id"],
    caveats=[
        "Charter schools have no boundaries: they have no county here.",
        "The 389 districts hold 830,179 students (100,114 Hispanic); MDE's state total (873,175; 105,538 Hispanic) "
        "also counts intermediate, cooperative and state schools, which are not listed.",
        *ENROLLMENT_CAVEATS,
    ],
)

RESOURCES: list[Resource] = [LABOUR_FORCE, COUNTY_ENROLLMENT, DISTRICT_ENROLLMENT]
