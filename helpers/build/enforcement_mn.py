"""Minnesota: ICE arrests, detainers and detention from the Deportation Data Project's FOIA data.

The raw files are Alyssa Chen's aggregates (alyssc/mn-deportation-data) of record-level ICE data the
Deportation Data Project obtained under FOIA (data through about 10 March 2026). They are typed,
renamed and made long here; days with no records, which the aggregates leave out, are filled with
zero after checking against a second file; county FIPS codes are added where a jail's name names
its county. "Operation Metro Surge" tables are aggregates of people arrested in Minnesota after
1 December 2025 and contain no individual records.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..schema import Field
from .common import (
    MN_COUNTY_FIPS_PATTERN,
    MN_FIPS,
    STATE_LOOKUP_SOURCES,
    county_fips_field,
    read_atlas,
    state_abbr_field,
    state_fips_field,
    to_float,
    to_int,
)
from .core import NO_LICENCE_STATED, BuildContext, BuildError, Resource
from .enforcement_common import MN_DIR, county_from_facility_name, mn_source

# The FOIA release's files are dated 2026-03-11 (PROVENANCE); no record can be dated later than that.
RELEASE_DATE = pd.Timestamp("2026-03-11")
SURGE_NOTE = (
    "Aggregates of people ICE arrested in Minnesota after 1 December 2025 (the period of 'Operation Metro Surge'), "
    "matched by the aggregator to ICE detention records booked in after that date that passed through the "
    "Bishop Henry Whipple Federal Building hold room or the St. Paul Area of Responsibility; status as of early "
    "March 2026."
)
MN_CAVEATS = [
    "Data end about 10 March 2026: March 2026 is partial.",
    "Counts rely on the Deportation Data Project's duplicate flags; ICE FOIA data have known gaps and redactions.",
    "These are third-party aggregates of FOIA data, not an official ICE publication; the aggregator's R code is in "
    "the cited repository.",
]


def _complete_days(
    ctx: BuildContext, df: pd.DataFrame, date_col: str, keys: list[str], value: str, reason: str = "no records"
) -> pd.DataFrame:
    """Add the days the aggregate leaves out (no records that day) with a count of zero, for every key."""
    days = pd.date_range(df[date_col].min(), df[date_col].max(), freq="D")
    grid = pd.MultiIndex.from_product([days, *[sorted(df[k].unique()) for k in keys]], names=[date_col, *keys])
    full = grid.to_frame(index=False).merge(df, on=[date_col, *keys], how="left", validate="one_to_one")
    added = int(full[value].isna().sum())
    full[value] = full[value].fillna(0).astype("int64")
    ctx.log.step(
        f"add days without records as zero ({value})",
        df,
        full,
        why=f"{added} day rows absent from the aggregate ({reason})",
    )
    return full


# --- 8. arrests by apprehension type ---------------------------------------------------------------
ARRESTS_TYPE_RAW = "mn_arrests_daily_by_apprehension_type.csv"
FIVE_STATES_RAW = "arrests_daily_five_states.csv"


def build_mn_arrests_by_type(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{MN_DIR}/{ARRESTS_TYPE_RAW}")
    counts = {c: to_int(raw[c], c) for c in ("collateral", "targeted", "total")}
    if bool((counts["total"] != counts["collateral"] + counts["targeted"]).any()):
        raise BuildError(f"{ctx.log.resource}: total != collateral + targeted")
    long = pd.DataFrame(
        {
            "date": pd.to_datetime(raw["apprehension_date"], format="%Y-%m-%d").repeat(2).to_numpy(),
            "apprehension_type": ["Collateral", "Targeted"] * len(raw),
            "arrests": pd.concat([counts["collateral"], counts["targeted"]], axis=1).to_numpy().ravel(),
        }
    )
    ctx.log.step(
        "long: one row per day and apprehension type (the raw 'total' is their sum)", raw, long, why="two types per day"
    )
    out = _complete_days(ctx, long, "date", ["apprehension_type"], "arrests")
    # Cross-check: the five-state file counts every Minnesota arrest per day (0 where none); it must equal the sum
    # of the two types on every day, which also confirms that the days absent above had no arrests.
    five = ctx.read_csv(f"{MN_DIR}/{FIVE_STATES_RAW}")
    mn = (
        five[five.apprehension_state == "MINNESOTA"]
        .assign(date=lambda d: pd.to_datetime(d.apprehension_date), arrests=lambda d: to_int(d.arrests, "arrests"))
        .set_index("date")
        .arrests
    )
    daily = out.groupby("date").arrests.sum()
    diff = (daily - mn.reindex(daily.index)).abs()
    if bool(diff.isna().any() or (diff > 0).any()):
        raise BuildError(
            f"{ctx.log.resource}: Minnesota daily arrests differ from the five-state file on {int((diff != 0).sum())} days"
        )
    ctx.log.note(f"checked: Collateral + Targeted = Minnesota arrests in the five-state file on all {len(daily)} days")
    return out[["date", "apprehension_type", "arrests"]]


MN_ARRESTS_BY_TYPE = Resource(
    name="mn_arrests_daily_by_type",
    title="ICE arrests in Minnesota per day, targeted vs collateral (2 Sep 2025 - 10 Mar 2026)",
    description=(
        "ICE administrative arrests recorded in Minnesota each day, split by ICE's apprehension type: 'Targeted' (the "
        "person ICE set out to arrest) and 'Collateral' (someone else ICE came across and arrested). ICE began "
        "recording the field in August 2025. Totals are left to the reader: a day's total is the sum of its two "
        "rows (there is no Total row to double-count). Days with no arrests are included with 0. The last month, "
        "March 2026, is partial (data end 10 March). The surge of December 2025 - February 2026 is 'Operation Metro "
        "Surge'."
    ),
    group="enforcement",
    sources=[
        mn_source(ARRESTS_TYPE_RAW, "output/mn_collateral.csv"),
        mn_source(FIVE_STATES_RAW, "output/daily_arrests.csv"),
    ],
    licenses=[NO_LICENCE_STATED],
    coverage="Minnesota; daily 2025-09-02 to 2026-03-10 (March 2026 partial)",
    build=build_mn_arrests_by_type,
    fields=[
        Field(
            "date",
            "date",
            "day of the arrest (ICE's apprehension date)",
            required=True,
            minimum="2025-09-02",
            maximum="2026-03-10",
        ),
        Field(
            "apprehension_type",
            "string",
            "ICE's apprehension type: 'Targeted' (the person sought) or 'Collateral' (a person ICE encountered and "
            "arrested who was not the target)",
            required=True,
            enum=("Collateral", "Targeted"),
        ),
        Field(
            "arrests",
            "integer",
            "ICE administrative arrests of this type that day (de-duplicated)",
            unit="arrests",
            minimum=0,
        ),
    ],
    primary_key=["date", "apprehension_type"],
    caveats=[*MN_CAVEATS, "Arrest location is where ICE recorded the arrest, not where the person lives."],
)


# --- 9. detainers ---------------------------------------------------------------------------------
DETAINERS_DAILY_RAW = "mn_detainers_daily.csv"
DETAINERS_MONTHLY_RAW = "mn_detainers_monthly.csv"
DETAINER_NOTE = (
    "Detainer requests (forms I-247A and similar: ICE asks a jail to hold a person, or to tell ICE before releasing "
    "them) that ICE prepared for people held in Minnesota facilities, by the date ICE prepared them."
)


def build_mn_detainers_daily(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{MN_DIR}/{DETAINERS_DAILY_RAW}")
    df = pd.DataFrame(
        {
            "date": pd.to_datetime(raw["detainer_prepare_date"], format="%Y-%m-%d"),
            "detainers": to_int(raw["detainers"], "detainers"),
        }
    )
    ctx.log.step("rename and type", raw, df)
    out = _complete_days(ctx, df, "date", [], "detainers", "PROVENANCE: days with none are absent from the raw file")
    ctx.log.note(
        f"total detainers {int(out.detainers.sum()):,}; busiest day {out.loc[out.detainers.idxmax(), 'date']:%Y-%m-%d}"
    )
    return out


MN_DETAINERS_DAILY = Resource(
    name="mn_detainers_daily",
    title="ICE detainer requests for people held in Minnesota, per day (Oct 2022 - 10 Mar 2026)",
    description=(
        DETAINER_NOTE + " One row per day; days without any are included with 0. 11 February 2026 stands out with "
        "238 detainers in one day (the aggregator's own script asks why; the records do not say)."
    ),
    group="enforcement",
    sources=[mn_source(DETAINERS_DAILY_RAW, "output/mn_detainers_over_time.csv")],
    licenses=[NO_LICENCE_STATED],
    coverage="Minnesota facilities; daily 2022-10-01 to 2026-03-10 (March 2026 partial)",
    build=build_mn_detainers_daily,
    fields=[
        Field(
            "date", "date", "day ICE prepared the detainer", required=True, minimum="2022-10-01", maximum="2026-03-10"
        ),
        Field("detainers", "integer", "detainer requests prepared that day", unit="detainers", minimum=0),
    ],
    primary_key=["date"],
    caveats=[*MN_CAVEATS, "A detainer is a request; it says nothing about whether the jail honored it."],
)


def build_mn_detainers_monthly(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{MN_DIR}/{DETAINERS_MONTHLY_RAW}")
    month = pd.to_datetime(raw["month"] + "-01", format="%Y-%m-%d")
    daily = ctx.table("mn_detainers_daily")
    data_end = daily.date.max()
    out = pd.DataFrame(
        {
            "month": month,
            "detainers": to_int(raw["detainers"], "detainers"),
            # A month is partial if the data end before its last day (the release ends 2026-03-10).
            "is_partial_month": (month + pd.offsets.MonthEnd(0)) > data_end,
        }
    )
    sums = daily.groupby(daily.date.dt.to_period("M").dt.to_timestamp()).detainers.sum()
    diff = out.set_index("month").detainers - sums.reindex(out.month).to_numpy()
    if bool((diff != 0).any()) or len(sums) != len(out):
        raise BuildError(
            f"{ctx.log.resource}: monthly detainers differ from the sum of daily detainers: {diff[diff != 0]}"
        )
    ctx.log.note(
        f"checked: each of {len(out)} months equals the sum of mn_detainers_daily (total {int(out.detainers.sum()):,})"
    )
    ctx.log.note(
        f"partial months (data end {data_end:%Y-%m-%d}): {', '.join(f'{m:%Y-%m}' for m in out.month[out.is_partial_month])}"
    )
    ctx.log.step("rename, type, flag partial month", raw, out)
    return out


MN_DETAINERS_MONTHLY = Resource(
    name="mn_detainers_monthly",
    title="ICE detainer requests for people held in Minnesota, per month (Oct 2022 - Mar 2026)",
    description=(
        DETAINER_NOTE + " One row per month; each month equals the sum of mn_detainers_daily (checked in the build). "
        "March 2026 is partial (data end 10 March 2026) and flagged."
    ),
    group="enforcement",
    sources=[mn_source(DETAINERS_MONTHLY_RAW, "output/mn_detainers_by_month.csv")],
    licenses=[NO_LICENCE_STATED],
    coverage="Minnesota facilities; monthly Oct 2022 - Mar 2026 (March 2026 partial, to the 10th)",
    build=build_mn_detainers_monthly,
    fields=[
        Field("month", "date", "first day of the month ICE prepared the detainers", required=True),
        Field("detainers", "integer", "detainer requests prepared in the month", unit="detainers", minimum=0),
        Field("is_partial_month", "boolean", "true for March 2026: the data end on 10 March", required=True),
    ],
    primary_key=["month"],
    caveats=[*MN_CAVEATS, "February 2026 includes 238 detainers prepared on a single day, 11 February."],
)


# --- 10. surge detainers by facility and outcome --------------------------------------------------
SURGE_DETAINERS_RAW = "mn_surge_detainers_by_facility_and_outcome.csv"
OUTCOMES = {
    # raw column: readable label (DDP's `detainer_lift_reason` grouped by the aggregator)
    "booked_into_ice_detention": "Booked into ICE detention",
    "declined_by_local_agency": "Declined by local agency",
    "no_longer_in_custody": "No longer in custody",
    "other_lift_reasons": "Other lift reason",
    "no_lift_reason_recorded": "No lift reason recorded",
}
# Code table: detainer facilities whose county the general rule ("<name> COUNTY|CO." + a Minnesota county) misses.
DETAINER_FACILITY_COUNTY_ALIASES = {
    "STERNS CO. JAIL": "Stearns",  # ICE's misspelling of Stearns County (the file also has STEARNS COUNTY SHERIFF/JAIL)
    "RAMSEY ADC ANNEX, SPM": "Ramsey",  # annex of the Ramsey County Adult Detention Center, St. Paul
}
# Names that contain a county but are not that county's jail: left without a county.
DETAINER_NOT_COUNTY_JAILS = frozenset(
    {
        "HENNEPIN COUNTY MED CTR",  # Hennepin County Medical Center, a hospital (person held under guard)
    }
)
# Kept by the rule on purpose: "RAMSEY CO. WORKHOUSE, MN" (Ramsey County's correctional facility),
# "JACKSON COUNTY L.E.C." (law enforcement center = county jail), "DOUGLAS CO. MN" and "CLAY CO. MINNESOTA"
# (county sheriff/jail), "PINE COUNTY DETENTION CTR", "POLK COUNTY JAIL" (the file covers Minnesota facilities,
# so Polk County, MN). Left blank by the rule: state prisons ("MINN.C.F., ..."), federal prisons, the U.S. Marshals,
# city police departments, the multi-county NW Regional Corrections Center and Prairie Lakes youth centre, and the
# private Prairie Correctional Facility.


def build_surge_detainers(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{MN_DIR}/{SURGE_DETAINERS_RAW}")
    numbers = pd.DataFrame({c: to_int(raw[c], c) for c in ["total", *OUTCOMES]})
    mismatch = numbers[list(OUTCOMES)].sum(axis=1) != numbers.total
    if bool(mismatch.any()):
        raise BuildError(
            f"{ctx.log.resource}: outcomes do not add up to total for {list(raw.detainer_facility[mismatch])}"
        )
    ctx.log.note(
        f"checked: the five outcomes add up to the raw total for all {len(raw)} facilities ({int(numbers.total.sum()):,} detainers)"
    )
    county = county_from_facility_name(
        ctx,
        raw["detainer_facility"],
        pd.Series(MN_FIPS, index=raw.index),
        read_atlas(ctx, "2017"),
        aliases=DETAINER_FACILITY_COUNTY_ALIASES,
        not_county_facilities=DETAINER_NOT_COUNTY_JAILS,
    )
    wide = pd.concat([raw[["detainer_facility"]], county.rename("county_fips"), numbers[list(OUTCOMES)]], axis=1)
    long = wide.melt(id_vars=["detainer_facility", "county_fips"], var_name="outcome", value_name="detainers")
    long["outcome_label"] = long.outcome.map(OUTCOMES)
    ctx.log.step(
        "long: one row per facility and outcome (raw 'total' = their sum, dropped)",
        raw,
        long,
        why="five outcomes per facility",
    )
    hennepin = long[long.detainer_facility == "HENNEPIN COUNTY ADC"].set_index("outcome").detainers
    ctx.log.note(f"Hennepin County ADC: {hennepin['declined_by_local_agency']} of {hennepin.sum()} declined")
    return long[["detainer_facility", "county_fips", "outcome", "outcome_label", "detainers"]]


MN_SURGE_DETAINERS = Resource(
    name="mn_surge_detainers_by_facility_outcome",
    title="ICE detainers during Operation Metro Surge, by Minnesota jail or agency and outcome (Dec 2025 - Mar 2026)",
    description=(
        "Detainer requests ICE sent during the Metro Surge period (from December 2025 to early March 2026) for "
        "people held by each Minnesota jail, prison or agency, by what happened to the detainer (DDP field "
        "`detainer_lift_reason`, grouped by the aggregator): 'booked_into_ice_detention' (the person was handed to "
        "ICE: 'Booked into Detention'), 'declined_by_local_agency' (the jail or police refused: 'Detainer Declined by "
        "LEA'), 'no_longer_in_custody' (the person had already left the agency's custody), 'other_lift_reasons' "
        "(all other recorded reasons) and 'no_lift_reason_recorded' (no reason yet: the detainer is still open). The "
        "five outcomes of a facility add up to all its detainers. county_fips is filled where the facility name "
        "names a Minnesota county (county jails and sheriffs), blank for state and federal prisons, police "
        "departments, the U.S. Marshals and multi-county centres."
    ),
    group="enforcement",
    sources=[mn_source(SURGE_DETAINERS_RAW, "output/surge_detainers_by_liftreason.csv"), STATE_LOOKUP_SOURCES[0]],
    licenses=[NO_LICENCE_STATED],
    coverage="Minnesota jails, prisons and agencies; Metro Surge period Dec 2025 - early Mar 2026",
    build=build_surge_detainers,
    fields=[
        Field(
            "detainer_facility", "string", "jail, prison or agency holding the person, as ICE writes it", required=True
        ),
        county_fips_field(
            "5-digit FIPS of the Minnesota county named in the facility name (e.g. 'HENNEPIN COUNTY ADC' -> 27053); "
            "blank if the name names no county jail",
            pattern=MN_COUNTY_FIPS_PATTERN,
        ),
        Field(
            "outcome",
            "string",
            "what happened to the detainer: booked_into_ice_detention, declined_by_local_agency, no_longer_in_custody, "
            "other_lift_reasons, no_lift_reason_recorded (still open)",
            required=True,
            enum=tuple(OUTCOMES),
        ),
        Field(
            "outcome_label",
            "string",
            "readable label of the outcome for charts",
            required=True,
            enum=tuple(OUTCOMES.values()),
        ),
        Field("detainers", "integer", "detainer requests with this outcome", unit="detainers", minimum=0),
    ],
    primary_key=["detainer_facility", "outcome"],
    caveats=[
        *MN_CAVEATS,
        "The aggregator's script uses a 'surge_detainers' table whose date filter is not in the repository; the "
        "exact start of the surge period (December 2025) cannot be checked.",
        "'No lift reason recorded' means the detainer was still open when the data were pulled, not that it was "
        "honored.",
        "County jails, state prisons and police departments are mixed; use county_fips to keep county jails only.",
    ],
)


# --- 11. Minnesota ICE facilities' daily population ------------------------------------------------
FACILITY_POP_RAW = "mn_facilities_daily_detained_population.csv"


def build_mn_facility_population(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{MN_DIR}/{FACILITY_POP_RAW}")
    county = county_from_facility_name(
        ctx, raw["facility_name"], pd.Series(MN_FIPS, index=raw.index), read_atlas(ctx, "2017")
    )
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(raw["date"], format="%Y-%m-%d"),
            "facility_code": raw["detention_facility_code"],
            "facility_name": raw["facility_name"],
            "county_fips": county,
            "people_detained": to_int(raw["n_detained"], "n_detained"),
        }
    )
    ctx.log.step("rename, type, add county FIPS", raw, out)
    return out


MN_FACILITY_POPULATION = Resource(
    name="mn_ice_facility_daily_population",
    title="People in ICE custody each day in nine Minnesota jails (Oct 2022 - 10 Mar 2026)",
    description=(
        "How many people ICE held each day in each of nine Minnesota facilities it uses (ICE's daily facility "
        "population records), by ICE's facility code. county_fips is the county named in the facility name (blank "
        "for the Northwest Regional Corrections Center in Crookston, run by several counties). The Ramsey County "
        "Adult Detention Center name for code RAADCMN was inferred by the compiler (it held one person, on one day)."
    ),
    group="enforcement",
    sources=[mn_source(FACILITY_POP_RAW, "output/detention_pop.csv"), STATE_LOOKUP_SOURCES[0]],
    licenses=[NO_LICENCE_STATED],
    coverage="nine Minnesota facilities; daily 2022-10-01 to 2026-03-10 (March 2026 partial)",
    build=build_mn_facility_population,
    fields=[
        Field("date", "date", "day", required=True, minimum="2022-10-01", maximum="2026-03-10"),
        Field(
            "facility_code",
            "string",
            "ICE's detention facility code (e.g. SHERBMN = Sherburne County Jail)",
            required=True,
            pattern=r"[A-Z]{7}",
        ),
        Field(
            "facility_name",
            "string",
            "facility name matched to the code by the compiler from ICE facility lists",
            required=True,
        ),
        county_fips_field("5-digit FIPS of the county named in the facility name", pattern=MN_COUNTY_FIPS_PATTERN),
        Field("people_detained", "integer", "people in ICE custody in the facility that day", unit="people", minimum=0),
    ],
    primary_key=["date", "facility_code"],
    caveats=[
        *MN_CAVEATS,
        "Only these nine facilities; the Bishop Henry Whipple Federal Building hold room at Fort Snelling, where "
        "most people arrested in the surge were first held, is not among them.",
    ],
)


# --- 12. Metro Surge aggregates --------------------------------------------------------------------
def _simple(
    ctx: BuildContext, raw_file: str, renames: dict[str, str], ints: tuple[str, ...] = (), floats: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Read a small aggregate, keep and rename its columns, type its numbers."""
    raw = ctx.read_csv(f"{MN_DIR}/{raw_file}")
    out = raw[list(renames)].rename(columns=renames)
    for c in ints:
        out[c] = to_int(out[c], c)
    for c in floats:
        out[c] = to_float(out[c])
    ctx.log.step("rename and type", raw, out)
    return out


def build_surge_outcomes(ctx: BuildContext) -> pd.DataFrame:
    out = _simple(ctx, "mn_surge_detention_outcomes.csv", {"outcome": "outcome", "people": "people"}, ints=("people",))
    ctx.log.note(f"total people: {int(out.people.sum()):,}")
    return out


def build_stay_lengths(ctx: BuildContext) -> pd.DataFrame:
    return _simple(
        ctx,
        "mn_surge_stay_length_distribution.csv",
        {"stay_length_days": "stay_length_days", "people": "people"},
        ints=("stay_length_days", "people"),
    )


def build_stints(ctx: BuildContext) -> pd.DataFrame:
    out = _simple(
        ctx,
        "mn_surge_detention_stints_by_facility.csv",
        {
            "facility_name": "facility_name",
            "state": "state_abbr",
            "n_people": "n_people",
            "n_stints": "n_stints",
            "avg_stint_days": "mean_stint_days",
            "median_stint_days": "median_stint_days",
            "max_stint_days": "max_stint_days",
        },
        ints=("n_people", "n_stints"),
        floats=("mean_stint_days", "median_stint_days", "max_stint_days"),
    )
    return out


def build_citizenship(ctx: BuildContext) -> pd.DataFrame:
    return _simple(
        ctx,
        "mn_surge_arrests_by_citizenship.csv",
        {"citizenship_country": "citizenship_country", "arrests": "arrests"},
        ints=("arrests",),
    )


def build_departures(ctx: BuildContext) -> pd.DataFrame:
    return _simple(
        ctx,
        "mn_surge_departures_by_country.csv",
        {"departure_country": "departure_country", "people": "people"},
        ints=("people",),
    )


def build_weekly(ctx: BuildContext) -> pd.DataFrame:
    out = _simple(
        ctx,
        "mn_surge_detainees_weekly_by_facility.csv",
        {
            "week_start": "week_start",
            "facility_name": "facility_name",
            "facility_state": "state_abbr",
            "latitude": "latitude",
            "longitude": "longitude",
            "people_detained": "people_detained",
        },
        ints=("people_detained",),
        floats=("latitude", "longitude"),
    )
    out["week_start"] = pd.to_datetime(out.week_start, format="%Y-%m-%d")
    if bool((out.week_start.dt.day_of_week != 0).any()):
        raise BuildError(f"{ctx.log.resource}: a week does not start on a Monday")
    missing = out.loc[out.latitude.isna(), "facility_name"].unique()
    ctx.log.note(f"{len(missing)} facilities without coordinates in the source: {', '.join(sorted(missing))}")
    return out


def _surge_resource(
    name: str,
    title: str,
    description: str,
    raw_file: str,
    output_file: str,
    build: Callable[[BuildContext], pd.DataFrame],
    fields: list[Field],
    key: list[str],
    caveats: tuple[str, ...] | list[str] = (),
) -> Resource:
    """A Metro Surge aggregate: same source, licence, coverage and shared caveats."""
    return Resource(
        name=name,
        title=title,
        description=f"{description} {SURGE_NOTE}",
        group="enforcement",
        sources=[mn_source(raw_file, output_file)],
        licenses=[NO_LICENCE_STATED],
        coverage="people arrested in Minnesota 2025-12-02 to early March 2026; status as of early March 2026",
        build=build,
        fields=fields,
        primary_key=key,
        caveats=[*MN_CAVEATS, *caveats],
    )


SURGE_OUTCOMES = _surge_resource(
    "mn_surge_detention_outcomes",
    "What happened to people arrested in Minnesota during Operation Metro Surge (status early March 2026)",
    "Outcome of the most recent ICE detention stay of each of 3,571 people, grouped by the aggregator from ICE's "
    "release reason: deported ('Removed'), still detained, released (bond, recognizance, supervision, parole, "
    "relief granted, proceedings terminated and similar), voluntary departure, left the country otherwise, unclear "
    "(transfers to other agencies, 'Withdrawal') and died.",
    "mn_surge_detention_outcomes.csv",
    "output/detention_by_outcome.csv",
    build_surge_outcomes,
    [
        Field("outcome", "string", "outcome group as the aggregator names it", required=True),
        Field(
            "people",
            "integer",
            "people whose latest detention stay ended this way (or who were still held)",
            unit="people",
            minimum=0,
        ),
    ],
    ["outcome"],
    ["The grouping of ICE's release reasons into outcomes is the aggregator's (see detentions_analysis.R)."],
)

SURGE_STAY_LENGTHS = _surge_resource(
    "mn_surge_stay_lengths",
    "How long people arrested in Minnesota during Operation Metro Surge were held by ICE (completed stays)",
    "Completed ICE detention stays (book-in to final book-out, across all facilities) in whole days, rounded down, "
    "and how many people had a stay of that length (2,688 people; those still held are not included).",
    "mn_surge_stay_length_distribution.csv",
    "output/stay_lengths.csv",
    build_stay_lengths,
    [
        Field(
            "stay_length_days",
            "integer",
            "length of the completed detention stay in whole days (0 = under a day)",
            unit="days",
            minimum=0,
        ),
        Field("people", "integer", "people whose completed stay had this length", unit="people", minimum=0),
    ],
    ["stay_length_days"],
    ["People still detained in early March 2026 are left out, so long stays are under-represented."],
)

SURGE_STINTS = _surge_resource(
    "mn_surge_detention_stints_by_facility",
    "Detention facilities that held people arrested in Minnesota during Operation Metro Surge, with stint lengths",
    "Every facility where people arrested in the surge spent a completed stint (a stay is made of stints, one per "
    "facility): number of stints and of distinct people, and the mean, median and longest stint in days. Most "
    "people passed through the Bishop Henry Whipple Federal Building hold room at Fort Snelling, then facilities in "
    "Texas, Louisiana and elsewhere.",
    "mn_surge_detention_stints_by_facility.csv",
    "output/stint_lengths.csv",
    build_stints,
    [
        Field(
            "facility_name",
            "string",
            "facility name from the Deportation Data Project's facility list, as printed",
            required=True,
        ),
        state_abbr_field("USPS code of the facility's state"),
        Field("n_people", "integer", "distinct people with a completed stint there", unit="people", minimum=0),
        Field("n_stints", "integer", "completed stints there (one person can have several)", unit="stints", minimum=0),
        Field("mean_stint_days", "number", "mean length of a completed stint", unit="days", minimum=0),
        Field("median_stint_days", "number", "median length of a completed stint", unit="days", minimum=0),
        Field("max_stint_days", "number", "longest completed stint", unit="days", minimum=0),
    ],
    ["facility_name"],
    [
        "Only completed stints (with a book-out) are counted.",
        "Two names carry stray digits from the source list ('Karnes County Residential Center2', 'South Texas Family "
        "Residential Center1'); they are kept as printed.",
    ],
)

SURGE_CITIZENSHIP = _surge_resource(
    "mn_surge_arrests_by_citizenship",
    "ICE arrests in Minnesota during Operation Metro Surge, by country of citizenship",
    "ICE administrative arrests in Minnesota after 1 December 2025 by the arrested person's country of "
    "citizenship (3,785 arrests of 3,625 distinct people).",
    "mn_surge_arrests_by_citizenship.csv",
    "output/metro_surge_by_country.csv",
    build_citizenship,
    [
        Field("citizenship_country", "string", "country of citizenship as ICE records it (title case)", required=True),
        Field("arrests", "integer", "arrests of citizens of that country", unit="arrests", minimum=0),
    ],
    ["citizenship_country"],
    ["Counts arrests, not people: 3,785 arrests were of 3,625 distinct people."],
)

SURGE_DEPARTURES = _surge_resource(
    "mn_surge_departures_by_country",
    "People arrested in Minnesota during Operation Metro Surge who were deported or left, by country of departure",
    "Of the people arrested in the surge and found in detention records, those removed, granted voluntary departure "
    "or otherwise recorded as leaving the country, by the country they were sent to (1,760 people; 'No Country "
    "Listed' where ICE recorded a removal or voluntary departure without a country).",
    "mn_surge_departures_by_country.csv",
    "output/deportation_by_country.csv",
    build_departures,
    [
        Field("departure_country", "string", "country of departure as ICE records it (title case)", required=True),
        Field("people", "integer", "people who left for that country", unit="people", minimum=0),
    ],
    ["departure_country"],
)

SURGE_WEEKLY = _surge_resource(
    "mn_surge_detainees_weekly_by_facility",
    "Where people arrested in Minnesota during Operation Metro Surge were held, week by week (Dec 2025 - Mar 2026)",
    "For each facility and week (Monday to Sunday, weeks starting 1 December 2025 to 2 March 2026): how many "
    "detention stints of people arrested in the surge overlapped the week, with the facility's coordinates for a map. "
    "Stints still open are counted to 10 March 2026. Roughly the number of surge arrestees held there that week; a "
    "person with two stints in one facility in the same week counts twice.",
    "mn_surge_detainees_weekly_by_facility.csv",
    "output/heatmap.csv",
    build_weekly,
    [
        Field(
            "week_start", "date", "Monday starting the week", required=True, minimum="2025-12-01", maximum="2026-03-02"
        ),
        Field("facility_name", "string", "facility name as printed", required=True),
        state_abbr_field("USPS code of the facility's state"),
        Field(
            "latitude",
            "number",
            "facility latitude (blank for 12 facilities without coordinates in the source)",
            unit="degrees",
        ),
        Field("longitude", "number", "facility longitude", unit="degrees"),
        Field(
            "people_detained",
            "integer",
            "stints of surge arrestees overlapping the week in this facility",
            unit="people (stints)",
            minimum=0,
        ),
    ],
    ["week_start", "facility_name"],
    ["Counts stints overlapping a week, not distinct people; weeks overlap stints, so do not add weeks up."],
)


# --- 13. daily arrests in five states --------------------------------------------------------------
def build_arrests_five_states(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{MN_DIR}/{FIVE_STATES_RAW}")
    dates = pd.to_datetime(raw["apprehension_date"], format="%Y-%m-%d")
    # PROVENANCE: "one stray row dated 2026-09-17 (1 Texas arrest, a data error) dropped". Verify, and drop any
    # row dated after the release (files dated 2026-03-11) should one reappear.
    kept = raw[dates <= RELEASE_DATE]
    ctx.log.step(
        "drop rows dated after the FOIA release (2026-03-11)", raw, kept, why="impossible future dates (data errors)"
    )
    ctx.log.note(
        f"checked: latest date {dates.max():%Y-%m-%d}; no stray 2026-09-17 row: {not (dates == '2026-09-17').any()}"
    )
    atlas = read_atlas(ctx, "2017")
    state_fips = kept["apprehension_state"].map(atlas.state_fips_by_name())
    if state_fips.isna().any():
        raise BuildError(
            f"{ctx.log.resource}: unknown state names {sorted(kept.apprehension_state[state_fips.isna()].unique())}"
        )
    out = pd.DataFrame(
        {
            "state_name": state_fips.map(atlas.state_name),
            "state_fips": state_fips,
            "date": dates[kept.index],
            "arrests": to_int(kept["arrests"], "arrests"),
        }
    )
    per_state = out.groupby("state_name").date.agg(["min", "max", "size"])
    ctx.log.note("days per state: " + ", ".join(f"{s} {r['size']}" for s, r in per_state.iterrows()))
    ctx.log.step("state names in Census spelling, add state FIPS", kept, out)
    return out


ARRESTS_FIVE_STATES = Resource(
    name="arrests_daily_by_state",
    title="ICE arrests per day in Minnesota, Illinois, Oregon, Texas and Wisconsin (2 Aug 2025 - 10 Mar 2026)",
    description=(
        "ICE administrative arrests recorded each day in five states, from a filtered download of the Deportation "
        "Data Project's FOIA arrest records (de-duplicated). Days with no arrests are included with 0. Use it to "
        "compare Minnesota's surge with other states; the other 45 states are not in the file. March 2026 is partial "
        "(data end 10 March)."
    ),
    group="enforcement",
    sources=[mn_source(FIVE_STATES_RAW, "output/daily_arrests.csv"), STATE_LOOKUP_SOURCES[0]],
    licenses=[NO_LICENCE_STATED],
    coverage="Illinois, Minnesota, Oregon, Texas, Wisconsin; daily 2025-08-02 to 2026-03-10 (March 2026 partial)",
    build=build_arrests_five_states,
    fields=[
        Field(
            "state_name",
            "string",
            "state where ICE recorded the arrest",
            required=True,
            enum=("Illinois", "Minnesota", "Oregon", "Texas", "Wisconsin"),
        ),
        state_fips_field(),
        Field("date", "date", "day of the arrest", required=True, minimum="2025-08-02", maximum="2026-03-10"),
        Field("arrests", "integer", "ICE administrative arrests that day (de-duplicated)", unit="arrests", minimum=0),
    ],
    primary_key=["state_name", "date"],
    caveats=[
        *MN_CAVEATS,
        "A stray row dated 2026-09-17 (one Texas arrest, a data error) was dropped when the raw file was made; the "
        "build checks that no date after the release remains.",
        "Arrest state is where ICE recorded the arrest, not residence.",
    ],
)

RESOURCES: list[Resource] = [
    MN_ARRESTS_BY_TYPE,
    MN_DETAINERS_DAILY,
    MN_DETAINERS_MONTHLY,
    MN_SURGE_DETAINERS,
    MN_FACILITY_POPULATION,
    SURGE_OUTCOMES,
    SURGE_STAY_LENGTHS,
    SURGE_STINTS,
    SURGE_CITIZENSHIP,
    SURGE_DEPARTURES,
    SURGE_WEEKLY,
    ARRESTS_FIVE_STATES,
]
