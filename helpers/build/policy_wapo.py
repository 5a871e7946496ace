"""The Washington Post's curated list of 287(g) agencies, 2005–2019 (CC BY-NC-SA 4.0, The Washington Post).

Raw file: `policy/wapo_287g_sheriffs_2005_2019/287g_curated_2019.csv`, the newsroom's working sheet.
It has two sections (agencies on the 2018–19 lists, then "COUNTIES THAT ENDED 287(g)") separated by a
blank row and a second header row, cells left blank under merged state cells, agencies entered in both
sections, and wrong FIPS codes. This module turns it into one row per agency plus one row per agency
and active year, fixing each of those problems in a table below with its reason.
"""

from __future__ import annotations

import re

import pandas as pd

from ..schema import Field
from .common import (
    ATLAS_2017_NAMES_SOURCE,
    blank_to_none,
    check_county_in_state,
    county_fips_field,
    county_in_name,
    county_names,
    read_atlas,
    state_abbr_field,
    state_codes,
    state_fips_field,
)
from .core import CC_BY_NC_SA, ISC, BuildContext, BuildError, Resource, Source

WAPO_RAW = "policy/wapo_287g_sheriffs_2005_2019/287g_curated_2019.csv"
YEARS = list(range(2005, 2020))
LICENCE_TEXT = "CC BY-NC-SA 4.0, The Washington Post"

WAPO_SOURCE = Source(
    title=f"The Washington Post, curated list of agencies with 287(g) agreements 2005–2019 ({LICENCE_TEXT})",
    path="https://github.com/wpinvestigative/sheriffs_287g",
    repository="wpinvestigative/sheriffs_287g",
    commit="78d5c427cd2c6950792b08cab1858e5e3c2c3ed4",
    file="data/raw_data/287g_curated_2019.xlsx",
    raw=(WAPO_RAW,),
)

# Raw rows are numbered 1, 2, ... after the header row (row 1 = the first agency). These numbers are
# the stable identity of an agency: wapo_agency_id = "wapo_" + the agency's first raw row number.

# Rows that are not agencies: a blank separator and the header row of the second section.
NOT_AGENCY_ROWS = {147: "blank separator row", 148: "header row of the section 'COUNTIES THAT ENDED 287(g)'"}

# Rows 195-198 sit under a merged 'Virginia' cell (row 194, Prince William-Manassas jail), so their
# State cell is blank: Manassas Park PD, Manassas PD, Prince William County PD and Sheriff's Office.
STATE_FILL = {195: "Virginia", 196: "Virginia", 197: "Virginia", 198: "Virginia"}

# The same agency entered twice, once in each section of the sheet (or twice in one): merged into the
# first row; active years are the union of both rows' X marks.
DUPLICATE_ROWS = {
    172: (75, "Bristol County Sheriff's Office (MA) is entered in both sections (rows 75 and 172)"),
    185: (101, "Butler County Sheriff's Office (OH) is entered in both sections (rows 101 and 185)"),
    80: (79, "Gallatin County Sheriff's Office (MT) is entered twice (rows 79 and 80)"),
}

# FIPS codes in the sheet that are wrong, checked against the 2017 boundary file (ids, names, state
# prefix) and the agency's name. PROVENANCE names La Paz; the systematic check found the other three.
FIPS_FIXES = {
    # raw row: (printed FIPS, correct FIPS, reason)
    7: ("20701", "04012", "La Paz County, AZ is 04012; 20701 is not a county code (PROVENANCE note)"),
    17: ("12023", "12021", "Collier County, FL is 12021; 12023 is Columbia County (the sheet's row 18)"),
    31: ("30051", "12077", "Liberty County, FL is 12077; 30051 is Liberty County, Montana"),
    146: ("12013", "48273", "Kleberg County, TX is 48273; 12013 is Calhoun County, FL (copied from row 145)"),
}

# Blank FIPS filled by this build where the agency name does not match a county name exactly.
FIPS_FILLS = {
    160: ("06071", "FIPS blank; filled from the agency name ('San Bernadino' is San Bernardino County)"),
    194: ("51153", "FIPS blank; regional jail in Manassas serving Prince William County and the cities of Manassas and Manassas Park; placed in Prince William County"),
}

# The ORI (FBI agency code) begins with the state's code (NB for Nebraska). Codes that do not are blanked.
ORI_STATE_EXCEPTIONS = {"NE": "NB"}

# The Post's notes are about agencies' agreements, not about private persons, and are kept. Two notes
# name officials, whose names the series does not need; they are replaced by their office.
NOTE_EDITS = {
    "In 2017, Mayor Stanton said Phoenix": "In 2017, the mayor said Phoenix",
    "in 2017 sheriff asked Trump to reinstate": "in 2017 sheriff asked the President to reinstate",
}

DROPPED_COLUMNS = (
    "Sheriff",
    "Unnamed: 4",
    "bsu",
    "SUBSET",
    "ignore",
    "Joined after 2018? (Y/N)",
    "SHERIFF? (for counties that ended agreements)",
)


# The Post's spellings of two county names in agency names, as the boundary file spells them.
COUNTY_SPELLINGS = {"DE SOTO": "DESOTO", "MANTIOWOC": "MANITOWOC"}


def _county_from_name(agency: str, state_fips: str, county_by_name: dict[tuple[str, str], str | None]) -> str | None:
    """The county an agency's name points to ("X County Sheriff's Office" -> county X in that state)."""
    stem = county_in_name(agency)
    if stem is None:
        return None
    for printed, right in COUNTY_SPELLINGS.items():
        stem = stem.replace(printed, right)
    return county_by_name.get((state_fips, stem))


def read_wapo(ctx: BuildContext) -> pd.DataFrame:
    """The Post's sheet as one row per agency, with state, FIPS and ORI checked and fixed, ids and county names."""
    atlas = read_atlas(ctx, "2017")
    raw = ctx.read_csv(WAPO_RAW)
    df = raw.copy()
    df.insert(0, "raw_row", range(1, len(df) + 1))
    for row, what in NOT_AGENCY_ROWS.items():
        text = " ".join(df.loc[df["raw_row"] == row, ["State", "County"]].iloc[0]).strip()
        if row == 147 and text:
            raise BuildError(f"wapo: row 147 should be blank ({what}) but holds {text!r}")
        if row == 148 and "ENDED" not in text:
            raise BuildError(f"wapo: row 148 should be the section header but holds {text!r}")
    agencies = df[~df["raw_row"].isin(NOT_AGENCY_ROWS)].copy()
    ctx.log.step("drop the blank separator and the second section's header row", df, agencies, why="not agencies")
    agencies["in_ended_list"] = agencies["raw_row"] > max(NOT_AGENCY_ROWS)

    # States: fill the blanks under a merged cell, then look names up in the boundary file.
    for row, state in STATE_FILL.items():
        if agencies.loc[agencies["raw_row"] == row, "State"].iloc[0].strip():
            raise BuildError(f"wapo: row {row} already has a state")
        agencies.loc[agencies["raw_row"] == row, "State"] = state
    by_name = atlas.state_fips_by_name()
    agencies["state_fips"] = agencies["State"].str.strip().str.upper().map(by_name)
    if bool(agencies["state_fips"].isna().any()):
        raise BuildError(f"wapo: unknown states {agencies.loc[agencies['state_fips'].isna(), 'State'].tolist()}")
    agencies["state_abbr"] = agencies["state_fips"].map(state_codes(ctx).abbr_by_fips)
    agencies["state_name"] = agencies["state_fips"].map(atlas.state_name)
    agencies["agency"] = agencies["County"].str.strip()

    # FIPS: zero-pad, apply the fixes, then check every code against the boundary file and the name.
    agencies["county_fips"] = blank_to_none(agencies["FIPS"]).map(lambda v: v.zfill(5) if isinstance(v, str) else v)
    agencies["county_fips_note"] = None
    for row, (printed, right, reason) in FIPS_FIXES.items():
        hit = agencies["raw_row"] == row
        if agencies.loc[hit, "county_fips"].iloc[0] != printed:
            raise BuildError(f"wapo: row {row} no longer has FIPS {printed}")
        agencies.loc[hit, ["county_fips", "county_fips_note"]] = [right, f"printed {printed}: {reason}"]
    county_by_name = atlas.county_fips_by_name()
    from_name = pd.Series(
        [_county_from_name(a, s, county_by_name) for a, s in zip(agencies["agency"], agencies["state_fips"], strict=True)],
        index=agencies.index,
    )
    given = agencies["county_fips"].notna()
    unknown = given & ~agencies["county_fips"].isin(list(atlas.counties))
    wrong_state = given & (agencies["county_fips"].str[:2] != agencies["state_fips"])
    wrong_name = given & from_name.notna() & (from_name != agencies["county_fips"])
    bad = agencies[unknown | wrong_state | wrong_name]
    if len(bad):
        raise BuildError(f"wapo: FIPS codes still wrong: {bad[['raw_row', 'agency', 'county_fips']].values.tolist()}")
    ctx.log.note(f"{len(FIPS_FIXES)} wrong FIPS fixed; all {int(given.sum())} given FIPS match the 2017 boundary file and the name")
    for row, (fips, reason) in FIPS_FILLS.items():
        hit = (agencies["raw_row"] == row) & agencies["county_fips"].isna()
        if not bool(hit.any()):
            raise BuildError(f"wapo: FIPS fill for row {row} matches no blank FIPS")
        agencies.loc[hit, ["county_fips", "county_fips_note"]] = [fips, reason]
    fill = agencies["county_fips"].isna() & from_name.notna()
    agencies.loc[fill, "county_fips"] = from_name[fill]
    agencies.loc[fill, "county_fips_note"] = "FIPS blank; filled from the agency name ('X County ...')"
    ctx.log.note(f"{int(fill.sum()) + len(FIPS_FILLS)} blank FIPS filled from the agency name")
    check_county_in_state(agencies, "wapo_287g_agencies")

    # ORI: blank placeholders ('x', '0') and codes of another state.
    ori = blank_to_none(agencies["ori"])
    ori = ori.where(~ori.isin(["x", "0"]), None)
    prefix = agencies["state_abbr"].map(lambda s: ORI_STATE_EXCEPTIONS.get(s, s))
    off = ori.notna() & (ori.str[:2] != prefix)
    if len(agencies[off]):
        ctx.log.note(f"ORI codes of another state blanked: {agencies.loc[off, ['agency', 'ori']].values.tolist()}")
    agencies["ori"] = ori.where(~off, None)

    notes = blank_to_none(agencies["NOTES"]).map(lambda v: re.sub(r"\s*\n\s*", "; ", v) if isinstance(v, str) else v)
    for old, new in NOTE_EDITS.items():
        if not bool(notes.fillna("").str.contains(old, regex=False).any()):
            raise BuildError(f"wapo: note edit {old!r} matches no note")
        notes = notes.str.replace(old, new, regex=False)
    agencies["notes"] = notes

    marks = agencies[[f"y{y}" for y in YEARS]].apply(lambda col: col.str.strip().str.upper())
    if set(marks.to_numpy().ravel()) - {"", "X"}:
        raise BuildError("wapo: year columns hold values other than X")
    agencies[[f"y{y}" for y in YEARS]] = marks == "X"
    out = _merge_duplicates(ctx, agencies)
    out["wapo_agency_id"] = out["raw_row"].map(lambda r: f"wapo_{r:03d}")
    out["county_name"] = county_names(atlas, out["county_fips"])
    return out


def _merge_duplicates(ctx: BuildContext, agencies: pd.DataFrame) -> pd.DataFrame:
    """Fold the rows that repeat an agency into its first row (years: union; notes: both)."""
    before = agencies
    agencies = agencies.set_index("raw_row", drop=False)
    agencies["source_rows"] = agencies["raw_row"].astype(str)
    for dup, (keep, reason) in DUPLICATE_ROWS.items():
        a, b = agencies.loc[keep], agencies.loc[dup]
        if a["state_abbr"] != b["state_abbr"] or (
            pd.notna(a["county_fips"]) and pd.notna(b["county_fips"]) and a["county_fips"] != b["county_fips"]
        ):
            raise BuildError(f"wapo: rows {keep} and {dup} are not the same agency")
        for y in YEARS:
            agencies.at[keep, f"y{y}"] = bool(a[f"y{y}"] or b[f"y{y}"])
        if pd.isna(a["county_fips"]) and pd.notna(b["county_fips"]):
            agencies.at[keep, "county_fips"] = b["county_fips"]
            agencies.at[keep, "county_fips_note"] = b["county_fips_note"]
        if pd.isna(a["ori"]) and pd.notna(b["ori"]):
            agencies.at[keep, "ori"] = b["ori"]
        agencies.at[keep, "notes"] = "; ".join(n for n in (a["notes"], b["notes"]) if isinstance(n, str)) or None
        agencies.at[keep, "in_ended_list"] = bool(a["in_ended_list"] or b["in_ended_list"])
        agencies.at[keep, "source_rows"] = ";".join(str(r) for r in sorted((keep, dup)))
        ctx.log.note(f"merged row {dup} into row {keep}: {reason}")
    out = agencies.drop(index=list(DUPLICATE_ROWS)).reset_index(drop=True)
    ctx.log.step("merge agencies entered twice", before, out, why="the same agency appears in two rows of the sheet")
    return out


def build_wapo_agencies(ctx: BuildContext) -> pd.DataFrame:
    df = read_wapo(ctx)
    active = df[[f"y{y}" for y in YEARS]]
    years = active.apply(lambda r: [y for y, on in zip(YEARS, r, strict=True) if on], axis=1)
    df["first_year_active"] = years.map(lambda v: min(v) if v else None)
    df["last_year_active"] = years.map(lambda v: max(v) if v else None)
    df["n_years_active"] = years.map(len)
    ctx.log.note(f"dropped columns {list(DROPPED_COLUMNS)} (officials' names and undocumented working flags)")
    return df[[f.name for f in WAPO_AGENCIES.fields]]


WAPO_CAVEATS = [
    f"Licence: {LICENCE_TEXT} – non-commercial use, share alike, attribute The Washington Post. This table adapts the Post's sheet (rows merged, codes corrected, two notes edited).",
    "A newsroom's working file, not a formal dataset: years are the Post's reading of ICE lists and reporting; 2019 is a partial year.",
    "The Post's sheet enters Bristol County (MA), Butler County (OH) and Gallatin County (MT) twice; each is one agency here, so yearly counts are 1–2 below counts of the sheet's rows (2008–2019).",
    "Agencies the Post lists with no marked year (mostly 'JOINED 2020') are kept in wapo_287g_agencies but have no rows in wapo_287g_agency_years.",
    "Dropped: the sheriff's name (officials' names are not needed) and the Post's undocumented working flags (bsu, SUBSET, ignore, an unnamed numeric column, 'Joined after 2018?', 'SHERIFF?'), whose meaning the Post does not explain.",
    "Four wrong FIPS codes fixed (La Paz AZ, Collier FL, Liberty FL, Kleberg TX); blank FIPS filled from the agency name where it names a county.",
]


WAPO_AGENCIES = Resource(
    name="wapo_287g_agencies",
    title=f"Agencies with 287(g) agreements 2005–2019, Washington Post list ({LICENCE_TEXT})",
    description=(
        "The Washington Post's hand-curated roster of state and local agencies (mostly county sheriffs) that "
        "held 287(g) agreements between 2005 and 2019, built for its 2021 story on ICE recruiting sheriffs. One "
        "row per agency, with its county, FBI agency code, the years marked active and the Post's notes. "
        f"Licence {LICENCE_TEXT}: non-commercial, share alike, attribute The Washington Post."
    ),
    group="policy",
    sources=[WAPO_SOURCE, ATLAS_2017_NAMES_SOURCE],
    licenses=[CC_BY_NC_SA, ISC],
    coverage="agreements in force 2005–2019 (2019 partial); 197 agencies in 35 states",
    build=build_wapo_agencies,
    fields=[
        Field("wapo_agency_id", "string", "stable id: 'wapo_' + the agency's first row number in the Post's sheet", required=True, pattern=r"wapo_\d{3}"),
        Field("state_name", "string", "state", required=True),
        state_abbr_field(),
        state_fips_field(),
        Field("agency", "string", "agency name as the Post wrote it (spelling kept)", required=True),
        Field("ori", "string", "FBI ORI agency code given by the Post (blank if none or if it belongs to another state)"),
        county_fips_field("5-digit FIPS of the agency's county (2017 boundaries), corrected or filled by this build where noted"),
        Field("county_name", "string", "county name without 'County', from the 2017 Census boundary file"),
        Field("county_fips_note", "string", "how county_fips was corrected or filled (blank: as the Post gave it)"),
        Field("in_ended_list", "boolean", "listed in the Post's section 'COUNTIES THAT ENDED 287(g)'", required=True),
        Field("first_year_active", "integer", "first year the Post marks the agreement active", minimum=2005, maximum=2019),
        Field("last_year_active", "integer", "last year the Post marks the agreement active", minimum=2005, maximum=2019),
        Field("n_years_active", "integer", "number of years marked active, 2005–2019 (0 = none, e.g. joined in 2020)", unit="years", required=True, minimum=0, maximum=15),
        Field("notes", "string", "the Post's notes on the agreement (joined, ended, sources); two officials' names replaced by their office"),
        Field("source_rows", "string", "row number(s) in the Post's sheet (after the header); two numbers where the Post entered the agency twice", required=True),
    ],
    primary_key=["wapo_agency_id"],
    caveats=WAPO_CAVEATS,
)


def build_wapo_years(ctx: BuildContext) -> pd.DataFrame:
    df = read_wapo(ctx)
    long = df.melt(
        id_vars=["wapo_agency_id", "state_abbr", "county_fips"],
        value_vars=[f"y{y}" for y in YEARS],
        var_name="year",
        value_name="active",
    )
    ctx.log.step("one row per agency and year 2005–2019", df, long, why="reshape wide year columns to long")
    out = long[long["active"].astype(bool)].copy()
    ctx.log.step("keep the years marked active (X)", long, out, why="unmarked years are not agency-years")
    out["year"] = out["year"].str[1:].astype(int)
    out["is_partial_year"] = out["year"] == max(YEARS)  # PROVENANCE: 2019 coverage is partial-year
    return out[[f.name for f in WAPO_YEARS.fields]]


WAPO_YEARS = Resource(
    name="wapo_287g_agency_years",
    title=f"Agency-years of 287(g) agreements 2005–2019, Washington Post list ({LICENCE_TEXT})",
    description=(
        "One row per agency and year the Washington Post marks its 287(g) agreement active, 2005–2019: count "
        "rows per year to chart how many agencies held an agreement. Join to wapo_287g_agencies on "
        f"wapo_agency_id for names. Licence {LICENCE_TEXT}."
    ),
    group="policy",
    sources=[WAPO_SOURCE, ATLAS_2017_NAMES_SOURCE],
    licenses=[CC_BY_NC_SA, ISC],
    coverage="2005–2019, 2019 partial; Washington Post list",
    build=build_wapo_years,
    fields=[
        Field("wapo_agency_id", "string", "agency (see wapo_287g_agencies)", required=True, pattern=r"wapo_\d{3}"),
        Field("year", "integer", "calendar year the Post marks the agreement active", required=True, minimum=2005, maximum=2019),
        state_abbr_field("USPS state code of the agency"),
        county_fips_field("5-digit FIPS of the agency's county (2017 boundaries), blank for state and city agencies without one"),
        Field("is_partial_year", "boolean", "the Post's 2019 coverage is partial-year", required=True),
    ],
    primary_key=["wapo_agency_id", "year"],
    caveats=WAPO_CAVEATS[:3],
)

RESOURCES: list[Resource] = [WAPO_AGENCIES, WAPO_YEARS]
