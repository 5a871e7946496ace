"""Other enforcement tables: ICE arrests by state, DHS staffing, and ICE Area of Responsibility crosswalks."""

from __future__ import annotations

import pandas as pd

from ..schema import Field
from .common import (
    STATE_LOOKUP_SOURCES,
    county_fips_field,
    read_atlas,
    state_abbr_field,
    state_codes,
    state_fips_field,
    to_float,
    to_int,
)
from .core import GPL3, NO_LICENCE_STATED, BuildContext, BuildError, Resource, Source
from .enforcement_common import AOR_CODES_RAW, AOR_DIR, DDP_URL, aor_names, uwchr_source

# --- 14. ICE arrests by state, Jan 2025 - Jul 2026 --------------------------------------------------
STATE_ARRESTS_RAW = "enforcement/ddp-arrests-by-state-2025-26/ice_arrests_by_state_jan2025_jul2026.csv"


def build_state_arrests(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(STATE_ARRESTS_RAW)
    states = state_codes(ctx).table
    matched = raw.merge(states, on="state_name", how="left", validate="one_to_one")
    if matched.state_fips.isna().any() or matched.state_abbr.isna().any():
        raise BuildError(
            f"{ctx.log.resource}: states without FIPS or USPS code: {list(matched.state_name[matched.state_fips.isna()])}"
        )
    arrests = to_int(matched["arrests"], "arrests")
    population = to_int(matched["population_2025"], "population_2025")  # blank for DC: no estimate in the source
    per_100k = (arrests.astype("float64") / population.astype("float64") * 100_000).astype("float64")
    source_rate = to_float(matched["arrests_per_100k"])
    ctx.log.note(
        f"arrests_per_100k recomputed from arrests and population (largest difference from the source column {(per_100k - source_rate).abs().max():.4f})"
    )
    rank = arrests.rank(method="min", ascending=False).astype("int64")
    if bool((rank != to_int(matched["rank"], "rank")).any()):
        raise BuildError(f"{ctx.log.resource}: recomputed rank by arrests differs from the source's rank")
    ctx.log.note("checked: rank by arrests equals the source's rank")
    rank_pc = per_100k.rank(method="min", ascending=False).astype("Int64")  # DC (no population) gets no rank
    out = pd.DataFrame(
        {
            "state_name": matched.state_name,
            "state_abbr": matched.state_abbr,
            "state_fips": matched.state_fips,
            "arrests": arrests,
            "population_2025": population,
            "arrests_per_100k": per_100k,
            "rank_by_arrests": rank,
            "rank_per_capita": rank_pc,
            "window_start": pd.to_datetime(matched["window_start"], format="%Y-%m-%d"),
            "window_end": pd.to_datetime(matched["window_end"], format="%Y-%m-%d"),
        }
    )
    ctx.log.note(
        f"total arrests {int(out.arrests.sum()):,}; states with a per-capita rank: {int(out.rank_per_capita.notna().sum())}"
    )
    ctx.log.step("add USPS and FIPS codes, recompute rate and ranks", raw, out)
    return out


STATE_ARRESTS = Resource(
    name="ice_arrests_by_state_2025_26",
    title="ICE arrests by state and per 100,000 residents, January 2025 - July 2026",
    description=(
        "ICE administrative arrests with an arrest date from 1 January 2025 to 31 July 2026, counted by the state "
        "where ICE recorded the arrest (50 states and DC), with the state's 2025 population (Census Bureau estimate), "
        "arrests per 100,000 residents and two ranks: by number of arrests (1 = most, of 51) and by arrests per "
        "capita (1 = highest rate, of 50: DC has no population figure in the source, so no rate and no per-capita "
        "rank). One cross-section, no monthly split."
    ),
    group="enforcement",
    sources=[
        Source(
            title="ICE (ERO) administrative-arrest records released under FOIA to the Deportation Data Project "
            "(deportationdata/ice, data/arrests-latest.parquet), counted by state by Mike Konczal; population: Census "
            "Bureau 2025 state estimates from the same repository (data/state_hypothesis_panel.csv)",
            path=DDP_URL,
            repository="mtkonczal/blogs_2026_09_deportations_any_native_benefit",
            commit="5c5cfd08b1767f15da6519d43eb029b863f722b4",
            file="data/ice_arrests_by_state.csv; data/state_hypothesis_panel.csv (script R/51_load_ice_state.R)",
            raw=(STATE_ARRESTS_RAW,),
        ),
        *STATE_LOOKUP_SOURCES,
    ],
    licenses=[NO_LICENCE_STATED],
    coverage="50 states and DC; arrests 2025-01-01 to 2026-07-31; population 2025",
    build=build_state_arrests,
    fields=[
        Field("state_name", "string", "state name", required=True),
        state_abbr_field(),
        state_fips_field(),
        Field(
            "arrests",
            "integer",
            "ICE administrative arrests recorded in the state in the window (de-duplicated)",
            unit="arrests",
            minimum=0,
        ),
        Field(
            "population_2025",
            "integer",
            "resident population, Census Bureau 2025 estimate (blank for DC)",
            unit="people",
            minimum=0,
        ),
        Field(
            "arrests_per_100k",
            "number",
            "arrests per 100,000 residents = arrests / population_2025 x 100,000 (blank for DC)",
            unit="arrests per 100,000 residents",
            minimum=0,
            decimals=2,
        ),
        Field("rank_by_arrests", "integer", "rank by number of arrests, 1 = most (of 51)", required=True, minimum=1),
        Field(
            "rank_per_capita",
            "integer",
            "rank by arrests per 100,000 residents, 1 = highest (of 50; blank for DC)",
            minimum=1,
        ),
        Field("window_start", "date", "first arrest date counted", required=True),
        Field("window_end", "date", "last arrest date counted", required=True),
    ],
    primary_key=["state_fips"],
    sort_by=["rank_by_arrests", "state_name"],
    caveats=[
        "Location is where ICE recorded the arrest (or a duty-site state filled in by the Deportation Data Project), "
        "not where the person lived; about 1.5% of arrests had no state and are not counted.",
        "The window is 19 months; population is a 2025 estimate.",
        "Arrests count events, not people.",
    ],
)


# --- 15. DHS staffing -------------------------------------------------------------------------------
OPM_RAW = "enforcement/opm-dhs-staffing/dhs_employees_monthly_by_component.csv"
# Short labels for OPM's DHS sub-element names (the acronyms the components use for themselves).
COMPONENT_LABELS = {
    "CITIZENSHIP AND IMMIGRATION SERVICES": "USCIS",
    "CUSTOMS AND BORDER PROTECTION": "CBP",
    "CYBERSECURITY AND INFRASTRUCTURE SECURITY AGENCY": "CISA",
    "DHS HEADQUARTERS": "DHS HQ",
    "DOMESTIC NUCLEAR DETECTION OFFICE": "DNDO",
    "FEDERAL EMERGENCY MANAGEMENT AGENCY": "FEMA",
    "FEDERAL LAW ENFORCEMENT TRAINING CENTERS": "FLETC",
    "IMMIGRATION AND CUSTOMS ENFORCEMENT": "ICE",
    "OFFICE OF THE INSPECTOR GENERAL": "OIG",
    "SCIENCE AND TECHNOLOGY DIRECTORATE": "S&T",
    "TRANSPORTATION SECURITY ADMINISTRATION": "TSA",
    "U.S. COAST GUARD": "Coast Guard",
    "U.S. SECRET SERVICE": "Secret Service",
}


def build_staffing(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(OPM_RAW)
    unknown = sorted(set(raw.dhs_component) - set(COMPONENT_LABELS))
    if unknown:
        raise BuildError(f"{ctx.log.resource}: components without a short label: {unknown}")
    month = pd.to_datetime(raw["month"] + "-01", format="%Y-%m-%d")
    if bool((month.dt.year.astype(str) != raw["year"]).any()):
        raise BuildError(f"{ctx.log.resource}: 'year' does not match 'month'")
    out = pd.DataFrame(
        {
            "month": month,
            "dhs_component": raw["dhs_component"],
            "component_label": raw["dhs_component"].map(COMPONENT_LABELS),
            "n_employees": to_int(raw["n_employees"], "n_employees"),
        }
    )
    ctx.log.step("month as a date, short labels added, redundant 'year' dropped", raw, out)
    ice = out[out.component_label == "ICE"].set_index("month").n_employees
    ctx.log.note(
        f"ICE on-board employees: {ice.iloc[0]:,} ({ice.index[0]:%Y-%m}) -> {ice.iloc[-1]:,} ({ice.index[-1]:%Y-%m})"
    )
    return out


DHS_STAFFING = Resource(
    name="dhs_staffing_monthly",
    title="Employees of each DHS component per month, including ICE (Jan 2021 - Dec 2025)",
    description=(
        "On-board civilian employees of each of the 13 Department of Homeland Security components in OPM's monthly "
        "federal workforce files, all occupations. For ICE this is every employee (deportation officers, "
        "investigators, lawyers, support staff), not only officers. ICE grew from 20,702 (January 2021) and 20,848 "
        "(August 2025) to 28,272 (December 2025) in the hiring drive that began in September 2025. `dhs_component` is "
        "OPM's name; `component_label` the short name for charts."
    ),
    group="enforcement",
    sources=[
        Source(
            title="U.S. Office of Personnel Management (OPM), federal workforce data (monthly employment files), "
            "compiled by the Deportation Data Project",
            path="https://data.opm.gov",
            repository="deportationdata/opm-dhs",
            commit="069bb73b26ee1410667016980d41ba1893e6f57f",
            file="data/opm-employee-counts-dhs.parquet (code/counts.R)",
            raw=(OPM_RAW,),
        )
    ],
    licenses=[NO_LICENCE_STATED],
    coverage="national; monthly Jan 2021 - Dec 2025; 13 DHS components; March-2026 compilation",
    build=build_staffing,
    fields=[
        Field(
            "month",
            "date",
            "first day of the month (OPM's monthly snapshot)",
            required=True,
            minimum="2021-01-01",
            maximum="2025-12-01",
        ),
        Field(
            "dhs_component", "string", "DHS sub-element as OPM names it", required=True, enum=tuple(COMPONENT_LABELS)
        ),
        Field(
            "component_label",
            "string",
            "short name for charts (e.g. 'ICE', 'CBP', 'USCIS')",
            required=True,
            enum=tuple(COMPONENT_LABELS.values()),
        ),
        Field(
            "n_employees", "integer", "on-board employees in the month, all occupations", unit="employees", minimum=0
        ),
    ],
    primary_key=["month", "dhs_component"],
    caveats=[
        "All ICE employees, not only deportation officers; contractors and some excepted positions are not counted.",
        "Coast Guard: civilian employees only (military members are not in OPM's files).",
        "OPM revises monthly files; this is the March 2026 compilation.",
    ],
)


# --- 16-17. AOR crosswalks --------------------------------------------------------------------------
COUNTY_AOR_RAW = f"{AOR_DIR}/county_fips_to_aor_uwchr.csv"
DDP_AOR_RAW = f"{AOR_DIR}/aor_state_county_ddp.csv"


def _key(name: str) -> str:
    return name.replace(".", "").strip().lower()


def build_county_aor(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(COUNTY_AOR_RAW)
    if bool((raw.geoid.str[:2] != raw.geoid_state).any()):
        raise BuildError(f"{ctx.log.resource}: geoid and geoid_state disagree")
    codes = aor_names(ctx)
    out = pd.DataFrame(
        {
            "county_fips": raw["geoid"],
            "state_fips": raw["geoid_state"],
            "aor": raw["aor"],
            "aor_name": raw["aor"].map(codes.set_index("aor").aor_name),
        }
    )
    if out.aor_name.isna().any():
        raise BuildError(
            f"{ctx.log.resource}: AOR codes without a name: {sorted(out.aor[out.aor_name.isna()].unique())}"
        )
    # Cross-check against the Deportation Data Project's state-level AOR list: where DDP assigns a whole state to
    # one office, UWCHR should assign every county of that state to the same office.
    ddp = ctx.read_csv(DDP_AOR_RAW)
    whole = ddp[ddp.county_name == ""]
    fips_by_name = read_atlas(ctx, "2017").state_fips_by_name()
    checked, differ = 0, []
    for row in whole.itertuples():
        fips = fips_by_name.get(row.state_name.upper())
        names = set(out.aor_name[out.state_fips == fips].map(_key))
        if not names:
            continue
        checked += 1
        if names != {_key(row.office_name)}:
            differ.append(f"{row.state_name}: DDP {row.office_name}, UWCHR {sorted(names)}")
    ctx.log.note(
        f"cross-check with DDP's whole-state AOR list: {checked} states compared; differences: {differ or 'none'}"
    )
    ctx.log.step("rename, add AOR name", raw, out)
    return out


UWCHR_SOURCE_TITLE = (
    "County to ICE Area of Responsibility crosswalk, compiled by hand by the University of Washington Center for "
    "Human Rights from ICE's published field-office jurisdictions"
)

COUNTY_AOR = Resource(
    name="county_ice_aor",
    title="Which ICE Area of Responsibility (field office) covers each U.S. county",
    description=(
        "One row per county (3,223, including Puerto Rico's municipios): the ICE Enforcement and Removal Operations "
        "Area of Responsibility (AOR) whose field office covers it. The St. Paul AOR (SPM) has 398 counties: all of "
        "Minnesota, Iowa, Nebraska, North Dakota and South Dakota. States split between AORs (e.g. New York, Texas, "
        "California) are assigned county by county."
    ),
    group="enforcement",
    sources=[
        uwchr_source(
            UWCHR_SOURCE_TITLE,
            "share/hand/county_aor.csv; share/hand/aor_ero_field_office.csv",
            COUNTY_AOR_RAW,
            AOR_CODES_RAW,
        ),
        Source(
            title="ICE Areas of Responsibility by state (Deportation Data Project), used only to cross-check",
            path=DDP_URL,
            repository="deportationdata/ice",
            commit="1f01e8fd30a9c18a8c8348c9fbfdf1475643a7c8",
            file="inputs/ice-areas-of-responsibility.csv",
            raw=(DDP_AOR_RAW,),
        ),
        *STATE_LOOKUP_SOURCES[:1],
    ],
    licenses=[GPL3],
    coverage="3,223 counties and equivalents (Connecticut as 9 planning regions); AOR boundaries as of 2024-2025",
    build=build_county_aor,
    fields=[
        county_fips_field(required=True),
        state_fips_field(),
        Field(
            "aor",
            "string",
            "ICE Area of Responsibility code (e.g. 'SPM' = St. Paul)",
            required=True,
            pattern=r"[A-Z]{3}",
        ),
        Field("aor_name", "string", "city of the AOR's field office (e.g. 'St. Paul')", required=True),
    ],
    primary_key=["county_fips"],
    caveats=[
        "AOR boundaries change occasionally (e.g. Harlingen split from San Antonio; its counties are under SNA here).",
        "Connecticut appears as its 9 planning regions (09110-09190), and Alaska has both Valdez-Cordova (02261) and "
        "its 2019 successors (02063, 02066): match the county boundary edition.",
    ],
)


def build_aor_offices(ctx: BuildContext) -> pd.DataFrame:
    codes = aor_names(ctx)
    out = pd.DataFrame(
        {
            "aor": codes["aor"],
            "aor_name": codes["aor_name"],
            "field_office_address": codes["field_office_addr"],
            "latitude": to_float(codes["lat"]),
            "longitude": to_float(codes["long"]),
        }
    )
    ctx.log.step("rename and type", codes, out)
    return out


AOR_OFFICES = Resource(
    name="ice_aor_offices",
    title="ICE Enforcement and Removal Operations field offices: AOR codes, names, addresses and coordinates",
    description=(
        "The 25 ICE ERO Areas of Responsibility with their field office's address and coordinates, plus ICE "
        "headquarters (code 'HQ', not an AOR). The St. Paul field office (SPM) is at 1 Federal Drive, Fort Snelling, "
        "MN, in the Bishop Henry Whipple Federal Building. Harlingen uses ICE's own code 'HLG' (as in ICE's detention "
        "spreadsheets) instead of the hand-added 'HAL' of the compiled table."
    ),
    group="enforcement",
    sources=[
        uwchr_source(
            "ICE ERO field offices and AOR codes, compiled by the University of Washington Center for Human Rights",
            "share/hand/aor_ero_field_office.csv; share/hand/aor_codes.yaml",
            AOR_CODES_RAW,
        )
    ],
    licenses=[GPL3],
    coverage="26 rows: 25 field offices and headquarters; addresses as of 2024-2025",
    build=build_aor_offices,
    fields=[
        Field(
            "aor",
            "string",
            "ICE Area of Responsibility code ('HQ' = headquarters)",
            required=True,
            pattern=r"[A-Z]{2,3}",
        ),
        Field("aor_name", "string", "city of the field office (AOR name)", required=True),
        Field("field_office_address", "string", "street address of the ERO field office", required=True),
        Field("latitude", "number", "latitude of the field office", unit="degrees", minimum=-90, maximum=90),
        Field("longitude", "number", "longitude of the field office", unit="degrees", minimum=-180, maximum=180),
    ],
    primary_key=["aor"],
    caveats=["The 'HLG' (Harlingen) and 'HQ' rows were added to the compiled table by hand (PROVENANCE)."],
)

RESOURCES: list[Resource] = [STATE_ARRESTS, DHS_STAFFING, COUNTY_AOR, AOR_OFFICES]
