"""Shared pieces of the enforcement tables: source citations, state and county look-ups, date helpers.

The look-ups are derived from raw files (never typed): state FIPS codes and names come from the
Census-based us-atlas TopoJSON, USPS state codes from the series' policy sources that print both
the code and the FIPS number, and county names from the same TopoJSON. Facility names are turned
into counties only where the name itself says "<name> County" (or "Co.") and that county exists in
the facility's state, plus a short, commented table of exceptions.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from .core import BuildContext, BuildError, Source

# --- raw files -----------------------------------------------------------------------------------
ICE_STATS_DIR = "enforcement/ice-detention-stats"
MN_DIR = "enforcement/mn-metro-surge-ddp"
AOR_DIR = "enforcement/ice-aor-crosswalks"
ATLAS_2017 = "context/us_county_boundaries/us_atlas_2017_counties-10m.json"
# Files that print a USPS state code next to its FIPS code (checked to agree one-to-one below).
STATE_CODE_FILES = (
    "policy/ice_287g_sheets_2021_2026/agreements_2021_2026.csv",
    "policy/doj_sanctuary_list_2025/doj_sanctuary_jurisdictions_2025-08-05.csv",
)

# USPS codes of the two jurisdictions the enforcement tables need that no raw file pairs with a FIPS code (Hawaii
# has no 287(g) agreement and no DOJ listing; Puerto Rico neither). From the Census Bureau's ANSI/FIPS state code
# list, https://www.census.gov/library/reference/code-lists/ansi.html (Hawaii = HI, Puerto Rico = PR); the same
# gap-filling as the `states` table of the context family.
USPS_CODES_NOT_IN_RAW_FILES = {"Hawaii": "HI", "Puerto Rico": "PR"}

# --- citations (publisher, URL, repository and commit exactly as the PROVENANCE notes give them) ---
DDP_URL = "https://deportationdata.org"
ICE_STATS_REPO = "deportationdata/ice-detention-management"
ICE_STATS_COMMIT = "ccc54051362f565e0d4a3f1e8fab4b375ff6d77e"
ICE_STATS_URL = "https://www.ice.gov/detain/detention-management"
ICE_STATS_TITLE = (
    "U.S. Immigration and Customs Enforcement (ICE), Enforcement and Removal Operations: detention statistics "
    "spreadsheets (FYxx_detentionStats.xlsx), collected and parsed by the Deportation Data Project; one value per "
    "month chosen across releases as described in the raw folder's PROVENANCE"
)
MN_REPO = "alyssc/mn-deportation-data"
MN_COMMIT = "37abc581144c7fde8f166631f8e3db83071a9062"
MN_TITLE = (
    "ICE (ERO, LESA Statistical Tracking Unit) records released under FOIA to the Deportation Data Project "
    "(release 2026-ICLI-00005, data through about 10 March 2026), de-duplicated and aggregated by Alyssa Chen"
)
UWCHR_REPO = "UWCHR/ice-enforce"
UWCHR_COMMIT = "bdb224c216bc98216b5f09de32841817b623162d"
UWCHR_URL = "https://github.com/UWCHR/ice-enforce"


def ice_stats_source(raw_file: str, parquet: str) -> Source:
    """Citation of one table of ICE detention statistics (DDP parquet file -> raw CSV read here)."""
    return Source(
        title=ICE_STATS_TITLE,
        path=ICE_STATS_URL,
        repository=ICE_STATS_REPO,
        commit=ICE_STATS_COMMIT,
        file=parquet,
        raw=(f"{ICE_STATS_DIR}/{raw_file}",),
    )


def mn_source(raw_file: str, output_file: str) -> Source:
    """Citation of one of Alyssa Chen's aggregates of the DDP's Minnesota FOIA data."""
    return Source(
        title=MN_TITLE,
        path=DDP_URL,
        repository=MN_REPO,
        commit=MN_COMMIT,
        file=output_file,
        raw=(f"{MN_DIR}/{raw_file}",),
    )


STATE_LOOKUP_SOURCES = [
    Source(
        title="U.S. Census Bureau cartographic boundaries (2017): state and county FIPS codes and names, "
        "via the us-atlas TopoJSON (used only to look up codes and names)",
        path="https://www.census.gov/geographies/mapping-files/time-series/geo/cartographic-boundary.html",
        repository="topojson/us-atlas",
        file="npm us-atlas@3.0.1 counties-10m.json",
        raw=(ATLAS_2017,),
    ),
    Source(
        title="USPS state codes paired with state FIPS codes as printed in the series' policy sources (ICE 287(g) "
        "sheets as cleaned for the series; DOJ sanctuary list of 2025-08-05); used only to look up codes. Hawaii's "
        "and Puerto Rico's codes (HI, PR), absent from both, are supplied in the build code",
        raw=STATE_CODE_FILES,
    ),
]


# --- numbers and dates ---------------------------------------------------------------------------
def to_int(values: pd.Series, name: str) -> pd.Series:
    """Counts printed as '28659.0' -> whole numbers; anything fractional is a build error, not a rounding."""
    numbers = pd.to_numeric(values.replace("", None), errors="raise")
    fractional = numbers.notna() & (numbers % 1 != 0)
    if bool(fractional.any()):
        raise BuildError(f"column '{name}' should hold whole counts but has {list(numbers[fractional][:3])}")
    return numbers.astype("Int64")


def to_float(values: pd.Series) -> pd.Series:
    """Decimal values printed as text ('' = missing) -> floats."""
    return pd.to_numeric(values.replace("", None), errors="raise").astype("float64")


def to_bool_text(values: pd.Series, name: str) -> pd.Series:
    """'True'/'False' as written by pandas in the raw files -> booleans; anything else is an error."""
    mapped = values.map({"True": True, "False": False})
    if bool(mapped.isna().any()):
        raise BuildError(f"column '{name}' should hold True/False but has {sorted(set(values[mapped.isna()]))[:3]}")
    return mapped.astype(bool)


def fiscal_year_of(dates: pd.Series) -> pd.Series:
    """Federal fiscal year of each date (FY2026 = 1 Oct 2025 - 30 Sep 2026)."""
    return (dates.dt.year + (dates.dt.month >= 10).astype(int)).astype("int64")


def fiscal_year_end(fiscal_year: pd.Series) -> pd.Series:
    """30 September of each fiscal year."""
    return pd.to_datetime(fiscal_year.astype(int).astype(str) + "-09-30")


def fiscal_year_start(fiscal_year: pd.Series) -> pd.Series:
    """1 October before each fiscal year."""
    return pd.to_datetime((fiscal_year.astype(int) - 1).astype(str) + "-10-01")


def check_fiscal_year(ctx: BuildContext, dates: pd.Series, printed: pd.Series) -> None:
    """The printed fiscal year must match the month; a mismatch would mean a mislabelled release leaked in."""
    bad = fiscal_year_of(dates) != printed.astype(int)
    if bool(bad.any()):
        raise BuildError(f"{ctx.log.resource}: fiscal_year does not match the month in {int(bad.sum())} rows")
    ctx.log.note("checked: every fiscal_year matches its month (Oct-Sep)")


# --- states and counties -------------------------------------------------------------------------
def _atlas(ctx: BuildContext) -> dict[str, Any]:
    with ctx.path(ATLAS_2017).open(encoding="utf-8") as handle:
        return json.load(handle)


def state_names(ctx: BuildContext) -> pd.DataFrame:
    """state_fips and state_name (Census spelling, e.g. 'District of Columbia') from the TopoJSON `states` object."""
    geometries = _atlas(ctx)["objects"]["states"]["geometries"]
    states = pd.DataFrame(
        {"state_fips": [g["id"] for g in geometries], "state_name": [g["properties"]["name"] for g in geometries]}
    )
    ctx.log.read(f"{ATLAS_2017} (states object)", len(states))
    return states


def state_lookup(ctx: BuildContext) -> pd.DataFrame:
    """state_fips, state_name (Census spelling) and state_abbr (USPS), derived from raw files.

    Names come from the TopoJSON `states` object (56 states, DC and territories). USPS codes come
    from the two policy files that print a code next to each FIPS number; they must agree one to
    one. Hawaii and Puerto Rico are missing there; their USPS letters are supplied in
    `USPS_CODES_NOT_IN_RAW_FILES` (American Samoa and the Virgin Islands are not needed and stay blank).
    """
    states = state_names(ctx)
    pairs = pd.concat([ctx.read_csv(f, usecols=["state_abbr", "state_fips"]) for f in STATE_CODE_FILES])
    pairs = pairs[(pairs.state_abbr != "") & (pairs.state_fips != "")].drop_duplicates()
    if pairs.state_abbr.duplicated().any() or pairs.state_fips.duplicated().any():
        raise BuildError(f"{ctx.log.resource}: the USPS code files disagree on which code goes with which FIPS")
    out = states.merge(pairs, on="state_fips", how="left", validate="one_to_one")
    unknown = sorted(set(pairs.state_fips) - set(states.state_fips))
    if unknown:
        raise BuildError(f"{ctx.log.resource}: USPS code files name state FIPS {unknown} absent from the TopoJSON")
    # No raw file pairs these two with a code, yet ICE's tables use them (a Honolulu facility, San Juan facilities,
    # Hawaii in the 50-state arrest table). Only the USPS letters are supplied here; their FIPS codes still come
    # from the TopoJSON by name. Replace with a source file if one is added to the raw sources.
    for name, abbr in USPS_CODES_NOT_IN_RAW_FILES.items():
        if abbr in set(out.state_abbr.dropna()) or out.loc[out.state_name == name, "state_abbr"].notna().any():
            raise BuildError(f"{ctx.log.resource}: USPS code {abbr} for {name} is now in the raw files; drop it here")
        out.loc[out.state_name == name, "state_abbr"] = abbr
    ctx.log.note(
        f"state look-up: {len(out)} states/territories, {int(out.state_abbr.notna().sum())} with a USPS code "
        f"(none in the raw files for: {', '.join(out.loc[out.state_abbr.isna(), 'state_name'])})"
    )
    return out


def county_lookup(ctx: BuildContext) -> pd.DataFrame:
    """county_fips, state_fips and county_name (no 'County') for every county in the 2017 TopoJSON."""
    geometries = _atlas(ctx)["objects"]["counties"]["geometries"]
    counties = pd.DataFrame(
        {"county_fips": [g["id"] for g in geometries], "county_name": [g["properties"]["name"] for g in geometries]}
    )
    counties["state_fips"] = counties.county_fips.str[:2]
    ctx.log.read(f"{ATLAS_2017} (counties object)", len(counties))
    return counties


def _name_key(text: str) -> str:
    """Upper case, punctuation to spaces, single spaces: 'St. Louis' and 'ST. LOUIS CO.' compare equal."""
    return " ".join(re.sub(r"[^A-Z0-9 ]", " ", text.upper().replace("'", "")).split())


COUNTY_WORD = re.compile(r"^(?P<county>.+?) (COUNTY|CO)( |$)")


def county_from_facility_name(
    ctx: BuildContext,
    names: pd.Series,
    state_fips: pd.Series,
    counties: pd.DataFrame,
    aliases: dict[str, str] | None = None,
    not_county_facilities: frozenset[str] = frozenset(),
) -> pd.Series:
    """County FIPS of facilities whose name says which county runs them; missing otherwise.

    Rule: the words before the first 'COUNTY' or 'CO.' must be the name of a county in the
    facility's state ('HENNEPIN COUNTY ADC' -> Hennepin, 27053; 'DAKOTA COUNTY JAIL' in Nebraska
    -> Dakota County, NE). `aliases` maps a facility name (as printed) to the county name it
    means when the rule cannot see it (a misspelling, an abbreviation); `not_county_facilities` lists
    names that contain a county but are not that county's jail (e.g. a county hospital).
    """
    aliases = aliases or {}
    index = {(row.state_fips, _name_key(row.county_name)): row.county_fips for row in counties.itertuples()}
    result: list[str | None] = []
    unmatched: set[str] = set()
    for name, fips in zip(names, state_fips, strict=True):
        county: str | None = None
        if name in not_county_facilities:
            county = None
        elif name in aliases:
            county = index.get((fips, _name_key(aliases[name])))
            if county is None:
                raise BuildError(f"{ctx.log.resource}: alias for '{name}' names no county in state {fips}")
        else:
            found = COUNTY_WORD.match(_name_key(name))
            if found:
                county = index.get((fips, found.group("county")))
                if county is None:
                    unmatched.add(name)
        result.append(county)
    out = pd.Series(result, index=names.index, dtype="object")
    matched = names[out.notna()].nunique()
    ctx.log.note(
        f"county from facility name: {matched} of {names.nunique()} names give a county; "
        f"'County'-like names with no such county in their state (left blank): {sorted(unmatched) or 'none'}"
    )
    return out
