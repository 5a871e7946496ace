"""What the look-ahead tables share: raw file paths, licences, the Minnesota county list and its checks.

The look-ahead baselines (../shared/sources/lookahead/, see its README.md) are Minnesota county figures
for a later notebook's what-if explorer and brief to Congress. Every table is keyed by the 5-digit county
FIPS code, so each is checked against Minnesota's 87 counties and their names as the series spells them
(context/mn_counties/mn_counties.csv), read here from the raw file so that the family builds on its own
(`python -m helpers.build --only lookahead`).
"""

from __future__ import annotations

import re

import pandas as pd

from ..schema import Field
from .common import MN_COUNTY_FIPS_PATTERN, county_fips_field, county_name_key
from .core import BuildContext, BuildError, License

LOOKAHEAD = "lookahead"
MN_COUNTIES_RAW = "context/mn_counties/mn_counties.csv"
STATE_ROW = "27000"  # the statewide row some look-ahead files carry beside the counties

CONGRESS_DIR = "lookahead/congress_members_current"
MEMBERS_RAW = f"{CONGRESS_DIR}/mn_congress_members_2026-06-15.csv"
MEMBERS_US_RAW = f"{CONGRESS_DIR}/us_congress_members_current_2026-06-15.csv"
OFFICES_RAW = f"{CONGRESS_DIR}/mn_congress_district_offices_2026-06-15.csv"
CROSSWALK_RAW = "lookahead/mn_county_cd119_crosswalk/mn_county_to_cd119_pop2020.csv"
ACS_LONG_RAW = "lookahead/mn_county_acs_2018_2022_mdh/mn_county_populations_acs_2018_2022.csv"
ACS_BASELINES_RAW = "lookahead/mn_county_acs_2018_2022_mdh/mn_county_hispanic_baselines_acs_2018_2022.csv"
PEP_RAW = "lookahead/mn_county_pop_agesex_pep2022/mn_county_pop_agesex_2020_2022.csv"
BIRTHS_RAW = "lookahead/mn_county_births_mdh/mn_county_births_2015_2020.csv"
LAUS_RAW = "lookahead/mn_county_laus_deed/mn_county_laus_annual_2015_2023.csv"
SCHOOL_DIR = "lookahead/mn_school_enrollment_mde_2022_23"
ENROLLMENT_RAW = f"{SCHOOL_DIR}/mn_enrollment_by_district_race_2022_23.csv"
OVERLAP_RAW = f"{SCHOOL_DIR}/mn_school_district_county_overlap.csv"
ENROLLMENT_COUNTY_RAW = f"{SCHOOL_DIR}/mn_enrollment_by_county_derived_2022_23.csv"

LPHMN_REPO = "lphmn/data_publicState"
MNREFERENCE_REPO = "tidy-MN/mnreference"
MNREFERENCE_COMMIT = "474228733280bae9a8468f0eeeaa3aa395b8f3e1"

UNLICENSE = License(
    "Unlicense",
    "Unlicense (public-domain dedication) of the lphmn/data_publicState repository; the statistics are public "
    "Minnesota agency data: cite the agency named in the source",
    "https://unlicense.org/",
)
MNREFERENCE_GPL3 = License(
    "GPL-3.0",
    "GPL-3.0 (the tidy-MN/mnreference repository, its code); the statistics are U.S. Census Bureau public-domain "
    "data: cite the Census Bureau",
    "https://www.gnu.org/licenses/gpl-3.0.html",
)

FRACTION = "fraction (0-1)"
PEOPLE = "people"


def mn_county_names(ctx: BuildContext) -> pd.Series:
    """County name by FIPS code for Minnesota's 87 counties, as the series spells them (e.g. 'Lac qui Parle')."""
    counties = ctx.read_csv(MN_COUNTIES_RAW, usecols=["fips", "county_name"])
    return counties.set_index("fips")["county_name"]


def _name_key(name: str) -> str:
    """A county name for comparison: 'Lac Qui Parle' = 'Lac qui Parle', 'Saint Louis' = 'St. Louis'."""
    return re.sub(r"^SAINT ", "ST ", county_name_key(name))


def check_counties(ctx: BuildContext, df: pd.DataFrame, name_column: str | None = "county_name") -> pd.Series:
    """Every Minnesota county present, no other code, each name the county of its code; the series' names.

    Returns the county name of each row as the series spells it (mn_counties), so that every look-ahead table
    writes 'St. Louis' and 'Lac qui Parle' however its source spelt them.
    """
    names = mn_county_names(ctx)
    codes = set(df["county_fips"])
    if codes != set(names.index):
        extra, missing = sorted(codes - set(names.index)), sorted(set(names.index) - codes)
        raise BuildError(
            f"{ctx.log.resource}: county codes differ from Minnesota's 87: extra {extra}, missing {missing}"
        )
    ours = df["county_fips"].map(names)
    if name_column is not None:
        wrong = df[df[name_column].map(_name_key) != ours.map(_name_key)]
        if len(wrong):
            raise BuildError(
                f"{ctx.log.resource}: county names do not name the county of their code: "
                f"{wrong[['county_fips', name_column]].drop_duplicates().head(5).values.tolist()}"
            )
        respelt = df.loc[df[name_column] != ours, name_column].drop_duplicates().tolist()
        if respelt:
            ctx.log.note(f"names respelt as mn_counties spells them: {respelt}")
    return ours


def recode_by_name(
    ctx: BuildContext, df: pd.DataFrame, fixes: dict[str, str], name_column: str = "county_name"
) -> pd.Series:
    """County codes looked up by name, where a source put the right name on the wrong code.

    `fixes` (wrong code -> right code) must be exactly the rows whose code and name disagree, so a new
    error, or a corrected source, stops the build instead of being silently recoded.
    """
    by_name = {_name_key(n): f for f, n in mn_county_names(ctx).items()}
    right = df[name_column].map(_name_key).map(by_name)
    if right.isna().any():
        raise BuildError(f"{ctx.log.resource}: unknown county names {sorted(set(df.loc[right.isna(), name_column]))}")
    wrong = right != df["county_fips"]
    found = dict(sorted(set(zip(df.loc[wrong, "county_fips"], right[wrong], strict=True))))
    if found != fixes:
        raise BuildError(f"{ctx.log.resource}: codes that disagree with their names are {found}, expected {fixes}")
    ctx.log.note(f"county codes put right by name (wrong -> right): {found}")
    return right


def drop_state_row(ctx: BuildContext, df: pd.DataFrame, key: str = "fips") -> pd.DataFrame:
    """The counties without the statewide row (kept in the raw file as FIPS 27000)."""
    out = df[df[key] != STATE_ROW]
    ctx.log.step("drop the statewide row (27000)", df, out, why="the table holds counties; sum them for the state")
    return out


def mn_county_fips_field(description: str = "5-digit Minnesota county FIPS code (27001-27173)") -> Field:
    return county_fips_field(description, required=True, pattern=MN_COUNTY_FIPS_PATTERN)


def county_name_field() -> Field:
    return Field("county_name", "string", "county name without 'County' (e.g. 'Lac qui Parle')", required=True)


def count_field(name: str, description: str, *, required: bool = True, unit: str = PEOPLE) -> Field:
    return Field(name, "integer", description, unit=unit, required=required, minimum=0)


def share_field(name: str, description: str, *, required: bool = False, decimals: int | None = None) -> Field:
    return Field(name, "number", description, unit=FRACTION, required=required, minimum=0, maximum=1, decimals=decimals)
