"""Shared pieces of the enforcement tables: source citations, the AOR code table, date helpers, county matching.

State and county look-ups come from `common` (derived from raw files, never typed). Facility names are
turned into counties only where the name itself says "<name> County" (or "Co.") and that county exists
in the facility's state, plus a short, commented table of exceptions per table.
"""

from __future__ import annotations

import pandas as pd

from .common import Atlas, county_in_name, county_name_key
from .core import BuildContext, BuildError, Source

# --- raw files -----------------------------------------------------------------------------------
ICE_STATS_DIR = "enforcement/ice-detention-stats"
MN_DIR = "enforcement/mn-metro-surge-ddp"
AOR_DIR = "enforcement/ice-aor-crosswalks"
AOR_CODES_RAW = f"{AOR_DIR}/aor_codes_and_field_offices_uwchr.csv"

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


def uwchr_source(title: str, file: str, *raw: str) -> Source:
    """Citation of the University of Washington Center for Human Rights' hand-compiled AOR tables."""
    return Source(title=title, path=UWCHR_URL, repository=UWCHR_REPO, commit=UWCHR_COMMIT, file=file, raw=raw)


# --- dates ---------------------------------------------------------------------------------------
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


# --- ICE Areas of Responsibility -----------------------------------------------------------------
def aor_names(ctx: BuildContext) -> pd.DataFrame:
    """AOR code -> AOR name from the UWCHR field-office table, with Harlingen's code corrected to ICE's 'HLG'."""
    codes = ctx.read_csv(AOR_CODES_RAW)
    # PROVENANCE (ice-aor-crosswalks): the Harlingen row (HAL) was "added by hand" by the compiler; ICE's own
    # detention spreadsheets code Harlingen facilities (Port Isabel, El Valle, ...) as 'HLG'. Use ICE's code.
    codes["aor"] = codes["aor"].replace({"HAL": "HLG"})
    ctx.log.note("AOR code table: Harlingen 'HAL' (added by hand, PROVENANCE) -> ICE's code 'HLG'")
    return codes


# --- counties named in facility names ------------------------------------------------------------
def county_from_facility_name(
    ctx: BuildContext,
    names: pd.Series,
    state_fips: pd.Series,
    atlas: Atlas,
    aliases: dict[str, str] | None = None,
    not_county_facilities: frozenset[str] = frozenset(),
) -> pd.Series:
    """County FIPS of facilities whose name says which county runs them; missing otherwise.

    Rule (`common.county_in_name`): the words before the first 'COUNTY' or 'CO.' must be the name of a
    county in the facility's state ('HENNEPIN COUNTY ADC' -> Hennepin, 27053; 'DAKOTA COUNTY JAIL' in
    Nebraska -> Dakota County, NE). `aliases` maps a facility name (as printed) to the county name it
    means when the rule cannot see it (a misspelling, an abbreviation); `not_county_facilities` lists
    names that contain a county but are not that county's jail (e.g. a county hospital).
    """
    aliases = aliases or {}
    index = atlas.county_fips_by_name()
    result: list[str | None] = []
    unmatched: set[str] = set()
    for name, fips in zip(names, state_fips, strict=True):
        county: str | None = None
        if name in not_county_facilities:
            county = None
        elif name in aliases:
            county = index.get((fips, county_name_key(aliases[name])))
            if county is None:
                raise BuildError(f"{ctx.log.resource}: alias for '{name}' names no county in state {fips}")
        else:
            stem = county_in_name(name)
            if stem is not None:
                county = index.get((fips, stem))
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
