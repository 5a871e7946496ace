"""Minnesota's members of Congress at a snapshot date, their district offices, and the county x district crosswalk.

A brief to Congress needs three things: who represents Minnesota now (with the date that is true on),
how to reach them, and which counties each House district covers, so county figures can be split by
district. Members of Congress are public officials; the tables name them as the source does.
"""

from __future__ import annotations

import re

import pandas as pd

from ..schema import Field
from .common import to_int
from .core import CC0, PUBLIC_DOMAIN, BuildContext, BuildError, License, Resource, Source
from .lookahead_common import (
    CROSSWALK_RAW,
    LOOKAHEAD,
    MEMBERS_RAW,
    MEMBERS_US_RAW,
    OFFICES_RAW,
    check_counties,
    count_field,
    county_name_field,
    mn_county_fips_field,
    share_field,
)

# The snapshot date is part of the file names (PROVENANCE: the date of the commit read, 2026-06-15).
SNAPSHOT_DATE = re.search(r"(\d{4}-\d{2}-\d{2})\.csv$", MEMBERS_RAW).group(1)  # type: ignore[union-attr]
N_DISTRICTS = 8  # Minnesota's House seats; the crosswalk must have the same districts
CD_GEOID_PATTERN = r"27\d{2}"

CONGRESS_SOURCE = Source(
    title="@unitedstates project, congress-legislators: legislators-current.yaml and legislators-district-offices.yaml "
    "(compiled from the House Clerk, the Senate, the Biographical Directory, GovTrack and members' own sites), "
    f"snapshot {SNAPSHOT_DATE}, converted to CSV by the sources' curator with values unchanged",
    path="https://github.com/unitedstates/congress-legislators",
    repository="unitedstates/congress-legislators",
    commit="dfa9622263dd4c8d08636926e498f1845704d7eb",
    file="legislators-current.yaml; legislators-district-offices.yaml",
    raw=(MEMBERS_RAW, MEMBERS_US_RAW, OFFICES_RAW),
)
SNAPSHOT_CAVEATS = [
    f"A snapshot of {SNAPSHOT_DATE}: resignations, deaths and special elections after that date are not reflected. "
    "Show the snapshot date next to any name in a brief, and refresh from the repository before sending one.",
    "2026 is an election year: all 8 House seats and one Senate seat (Tina Smith's, term ending 2027-01-03) "
    "change on 2027-01-03.",
]


def _snapshot(ctx: BuildContext, df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.insert(0, "snapshot_date", SNAPSHOT_DATE)
    ctx.log.note(f"snapshot date {SNAPSHOT_DATE} (from the file name)")
    return out


def build_members(ctx: BuildContext) -> pd.DataFrame:
    """The Minnesota file, checked row for row against the Minnesota rows of the national file it was cut from."""
    raw = ctx.read_csv(MEMBERS_RAW)
    national = ctx.read_csv(MEMBERS_US_RAW)
    shared = [c for c in national.columns if c != "bioguide_id"]
    ours = raw.set_index("bioguide_id").sort_index()[shared]
    theirs = national[national["state"] == "MN"].set_index("bioguide_id").sort_index()[shared]
    if not ours.equals(theirs):
        raise BuildError(f"{ctx.log.resource}: the Minnesota file differs from the Minnesota rows of the national file")
    chambers = raw["chamber"].value_counts().to_dict()
    if chambers != {"house": N_DISTRICTS, "senate": 2}:
        raise BuildError(f"{ctx.log.resource}: expected 2 senators and {N_DISTRICTS} representatives, got {chambers}")
    house = raw[raw["chamber"] == "house"]
    if (
        sorted(house["district"].astype(int)) != list(range(1, N_DISTRICTS + 1))
        or (house["cd_geoid"] != "27" + house["district"].str.zfill(2)).any()
    ):
        raise BuildError(f"{ctx.log.resource}: House districts or their GEOIDs are not 1-{N_DISTRICTS} / 2701-2708")
    out = _snapshot(ctx, raw.rename(columns={"state": "state_abbr"}))
    for column in ("district", "senate_class"):
        out[column] = to_int(out[column], column)
    ctx.log.step("add the snapshot date; drop cross-reference ids (GovTrack, Ballotpedia, Wikipedia)", raw, out)
    return out[[f.name for f in MEMBERS.fields]]


MEMBERS = Resource(
    name="mn_congress_members",
    title=f"Minnesota's members of Congress (snapshot {SNAPSHOT_DATE})",
    description=(
        "One row per member of Congress from Minnesota at the snapshot date: 2 senators and 8 representatives, "
        "with party, House district, current term, official website, web contact form (senators), and "
        "Washington office. Join House members to `mn_county_cd119_crosswalk` on cd_geoid, and to their district "
        "offices in `mn_congress_district_offices` on bioguide_id."
    ),
    group=LOOKAHEAD,
    sources=[CONGRESS_SOURCE],
    licenses=[CC0],
    coverage=f"Minnesota, 119th Congress, as of {SNAPSHOT_DATE}",
    build=build_members,
    fields=[
        Field(
            "snapshot_date", "date", "date the membership is true on (date of the source commit read)", required=True
        ),
        Field(
            "bioguide_id",
            "string",
            "Congressional Biographical Directory id (stable key)",
            required=True,
            pattern=r"[A-Z]\d{6}",
        ),
        Field("official_full_name", "string", "name as the source prints it", required=True),
        Field("first_name", "string", "first name as in the source", required=True),
        Field("last_name", "string", "last name as in the source", required=True),
        Field("chamber", "string", "senate or house", required=True, enum=("senate", "house")),
        Field("state_abbr", "string", "USPS state code", required=True, enum=("MN",)),
        Field("district", "integer", "House district number 1-8; blank for senators", minimum=1, maximum=N_DISTRICTS),
        Field(
            "cd_geoid",
            "string",
            "4-digit congressional district GEOID ('27' + district), joins mn_county_cd119_crosswalk; blank for "
            "senators",
            pattern=CD_GEOID_PATTERN,
        ),
        Field("senate_class", "integer", "Senate class 1, 2 or 3 (senators only)", minimum=1, maximum=3),
        Field("state_rank", "string", "senior or junior (senators only)", enum=("senior", "junior")),
        Field(
            "party",
            "string",
            "party of the current term as the source spells it ('Democrat' is Minnesota's DFL)",
            required=True,
            enum=("Democrat", "Republican", "Independent"),
        ),
        Field("term_start", "date", "start of the current term", required=True),
        Field("term_end", "date", "end of the current term", required=True),
        Field("first_term_start", "date", "start of the member's first term in either chamber", required=True),
        Field("website_url", "string", "official website", required=True, pattern=r"https://\S+"),
        Field(
            "contact_form_url",
            "string",
            "official web contact form; senators only (the source records none for House members, whose form is "
            "linked from website_url)",
            pattern=r"https://\S+",
        ),
        Field("dc_office_address", "string", "Washington office address", required=True),
        Field("dc_phone", "string", "Washington office phone", required=True, pattern=r"\d{3}-\d{3}-\d{4}"),
    ],
    primary_key=["bioguide_id"],
    sort_by=["chamber", "district", "bioguide_id"],
    caveats=[
        *SNAPSHOT_CAVEATS,
        "`party` 'Democrat' is the source's spelling; Minnesota's party is the Democratic-Farmer-Labor Party (DFL).",
        "House members have no contact-form URL in the source: use the form linked from website_url.",
    ],
)


def build_offices(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(OFFICES_RAW)
    members = set(ctx.read_csv(MEMBERS_RAW, usecols=["bioguide_id"])["bioguide_id"])
    if set(raw["bioguide_id"]) != members or set(raw["state"]) != {"MN"}:
        raise BuildError(f"{ctx.log.resource}: offices are not those of the Minnesota members, all in Minnesota")
    out = _snapshot(ctx, raw.rename(columns={"id": "office_id"}))
    for column in ("latitude", "longitude"):
        out[column] = pd.to_numeric(out[column], errors="raise")
    ctx.log.step("add the snapshot date; rename id -> office_id; drop state (all MN)", raw, out)
    return out[[f.name for f in OFFICES.fields]]


OFFICES = Resource(
    name="mn_congress_district_offices",
    title=f"District and state offices of Minnesota's members of Congress (snapshot {SNAPSHOT_DATE})",
    description=(
        "One row per office in Minnesota of a member in `mn_congress_members`: address, phone, fax, building and "
        "hours as the source has them, with the office's coordinates."
    ),
    group=LOOKAHEAD,
    sources=[CONGRESS_SOURCE],
    licenses=[CC0],
    coverage=f"Minnesota, as of {SNAPSHOT_DATE}",
    build=build_offices,
    fields=[
        Field("snapshot_date", "date", "date the list is true on (date of the source commit read)", required=True),
        Field("office_id", "string", "the source's office id (bioguide id + city)", required=True),
        Field("bioguide_id", "string", "member (see mn_congress_members)", required=True, pattern=r"[A-Z]\d{6}"),
        Field("address", "string", "street address", required=True),
        Field("suite", "string", "suite or room"),
        Field("city", "string", "city", required=True),
        Field("zip", "string", "ZIP code (5 or 9 digits)", required=True, pattern=r"\d{5}(?:-\d{4})?"),
        Field("phone", "string", "office phone (blank where the source has none)"),
        Field("fax", "string", "office fax"),
        Field("building", "string", "building name"),
        Field("hours", "string", "opening hours or note"),
        Field("latitude", "number", "latitude of the office (WGS84)", unit="degrees", minimum=43, maximum=50),
        Field("longitude", "number", "longitude of the office (WGS84)", unit="degrees", minimum=-98, maximum=-89),
    ],
    primary_key=["office_id"],
    sort_by=["bioguide_id", "office_id"],
    caveats=[*SNAPSHOT_CAVEATS, "Offices, phones and hours change more often than membership; check before citing."],
)


def build_crosswalk(ctx: BuildContext) -> pd.DataFrame:
    """The crosswalk with its shares and flags recomputed from the integer populations and checked against the file."""
    raw = ctx.read_csv(CROSSWALK_RAW)
    out = raw.rename(columns={"fips": "county_fips"}).copy()
    for column in ("district", "pop_2020_part", "county_pop_2020", "cd_pop_2020", "n_districts_in_county"):
        out[column] = to_int(out[column], column)
    out["county_name"] = check_counties(ctx, out)
    parts = out.groupby("county_fips")["pop_2020_part"]
    districts = out.groupby("cd_geoid")["pop_2020_part"]
    problems = []
    if (parts.transform("sum") != out["county_pop_2020"]).any():
        problems.append("county parts do not sum to county_pop_2020")
    if (districts.transform("sum") != out["cd_pop_2020"]).any():
        problems.append("district parts do not sum to cd_pop_2020")
    if sorted(out["cd_geoid"].unique()) != [f"27{d:02d}" for d in range(1, N_DISTRICTS + 1)]:
        problems.append("districts are not 2701-2708")
    shares = {
        "share_of_county_pop": out["pop_2020_part"] / out["county_pop_2020"],
        "share_of_district_pop": out["pop_2020_part"] / out["cd_pop_2020"],
    }
    for column, exact in shares.items():
        if (exact - pd.to_numeric(out[column])).abs().max() > 1e-6:
            problems.append(f"{column} is not part / whole")
        out[column] = exact
    n = parts.transform("size")
    primary = out["pop_2020_part"] == parts.transform("max")
    if (n != out["n_districts_in_county"]).any() or (primary != (out["is_primary_district"] == "True")).any():
        problems.append("n_districts_in_county or is_primary_district disagree with the populations")
    if problems:
        raise BuildError(f"{ctx.log.resource}: " + "; ".join(problems))
    out["is_primary_district"] = primary
    out["is_split_county"] = n > 1
    split = out.loc[out["is_split_county"]].drop_duplicates("county_fips")
    ctx.log.note(
        f"checked: parts sum to county and district totals ({int(out['pop_2020_part'].sum()):,} people); "
        f"{len(split)} split counties: {', '.join(split['county_name'])}"
    )
    ctx.log.step("recompute shares from the integer populations; add is_split_county", raw, out)
    return out[[f.name for f in CROSSWALK.fields]]


CROSSWALK = Resource(
    name="mn_county_cd119_crosswalk",
    title="Minnesota counties x congressional districts (2022 plan, 118th-119th Congress), 2020 Census population",
    description=(
        "One row per piece of a county inside a congressional district: 99 pieces of 87 counties in 8 districts. "
        "78 counties lie wholly in one district; 9 are split (`is_split_county`). To give a district its share of "
        "a county figure, multiply the figure by `share_of_county_pop` and sum over the district's pieces. The "
        "shares are 2020 Census population shares, computed from the pieces' whole-person counts."
    ),
    group=LOOKAHEAD,
    sources=[
        Source(
            title="PolicyEngine policyengine-us-data, county_cd_distributions.csv: P(county | district) for each "
            "119th-Congress district, from the Census Bureau's 119th Congress block-to-district assignment and 2020 "
            "Census (PL 94-171) block populations; turned into whole-person counts per piece by the sources' "
            "curator (probability x district population)",
            path="https://github.com/PolicyEngine/policyengine-us-data",
            repository="PolicyEngine/policyengine-us-data",
            commit="d0877e8a6bea3fbe9dc5023b774e4e6686c4e9a2",
            file="policyengine_us_data/storage/county_cd_distributions.csv",
            raw=(CROSSWALK_RAW,),
        )
    ],
    licenses=[
        License(
            PUBLIC_DOMAIN.name,
            "U.S. Census Bureau counts (public domain); the licence of PolicyEngine's intermediate file was not "
            "verified",
        )
    ],
    coverage="Minnesota's 87 counties and 8 districts; 2022 redistricting plan (118th and 119th Congress); 2020 Census",
    build=build_crosswalk,
    fields=[
        mn_county_fips_field(),
        county_name_field(),
        Field("cd_geoid", "string", "4-digit district GEOID ('27' + district)", required=True, pattern=r"27\d{2}"),
        Field("district", "integer", "congressional district number", required=True, minimum=1, maximum=N_DISTRICTS),
        count_field("pop_2020_part", "2020 Census residents of this county who live in this district"),
        count_field("county_pop_2020", "2020 Census residents of the whole county (sum of its pieces)"),
        count_field("cd_pop_2020", "2020 Census residents of the whole district (sum of its pieces)"),
        share_field(
            "share_of_county_pop",
            "pop_2020_part / county_pop_2020: the share of the county's people in this district (sums to 1 per "
            "county); multiply a county figure by it to split the figure across districts; rounded to 1e-6",
            required=True,
            decimals=6,
        ),
        share_field(
            "share_of_district_pop",
            "pop_2020_part / cd_pop_2020: the share of the district's people who live in this county (sums to 1 "
            "per district); rounded to 1e-6",
            required=True,
            decimals=6,
        ),
        Field(
            "n_districts_in_county",
            "integer",
            "number of districts the county is split among (1-3)",
            required=True,
            minimum=1,
            maximum=3,
        ),
        Field("is_split_county", "boolean", "the county lies in more than one district", required=True),
        Field(
            "is_primary_district",
            "boolean",
            "this district holds the largest part of the county's population",
            required=True,
        ),
    ],
    primary_key=["county_fips", "cd_geoid"],
    caveats=[
        "Shares are 2020 Census population shares. Splitting a recent or subgroup figure (e.g. Hispanic residents, "
        "births) with them assumes that group is spread like the whole population, which is not true within "
        "split counties such as Hennepin, Ramsey or Anoka: say so next to any district figure built this way.",
        "The 2022 plan (Wattson v. Simon, Minnesota Special Redistricting Panel) is used unchanged for the 118th "
        "and 119th Congresses; it will change after the 2030 Census.",
        "The whole-person counts were derived by the sources' curator from PolicyEngine's probabilities; they "
        "reproduce the published 2020 county counts (e.g. Hennepin 1,281,565) and district sizes (713,311 or "
        "713,312).",
    ],
)

RESOURCES: list[Resource] = [MEMBERS, OFFICES, CROSSWALK]
