"""Short policy lists: DOJ's 2025 'sanctuary' list, ICE's 2017 limited-cooperation table (partial),
the Minnesota cooperation timeline, and ICE detainers at Pennsylvania facilities (aggregated).

Each is small and hand-compiled or transcribed (see each folder's PROVENANCE.md); the build types
the columns, names states and counties from the boundary files, and checks every FIPS code.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..schema import Field
from .common import (
    ATLAS_2017_NAMES_SOURCE,
    ATLAS_2023_NAMES_SOURCE,
    DOJ_LIST_RAW,
    DOJ_LIST_URL,
    MN_FIPS,
    blank_to_none,
    check_county_in_state,
    county_fips_field,
    county_names,
    read_atlas,
    state_abbr_field,
    state_codes,
    state_fips_field,
)
from .core import ISC, NO_LICENCE_STATED, PUBLIC_DOMAIN, BuildContext, BuildError, License, Resource, Source
from .policy_ice import ice_source
from .policy_wapo import WAPO_SOURCE

# Length of a date's text when it is known to the day, the month or the year ("2017-03-20", "2017-03", "2017").
DATE_LENGTHS = {"day": 10, "month": 7, "year": 4}
PRECISION_OF_LENGTH = {length: precision for precision, length in DATE_LENGTHS.items()}


def first_day(text: str) -> str:
    """A date known to the day, month or year as the ISO date of its first day ('2017-03' -> '2017-03-01')."""
    return {10: text, 7: f"{text}-01", 4: f"{text}-01-01"}[len(text)]


# --- DOJ list of "sanctuary jurisdictions", 5 August 2025 -----------------------------------------------

DOJ_RAW = DOJ_LIST_RAW  # also read by the state look-up (common.state_codes)
DOJ_SOURCE = Source(
    title="U.S. Department of Justice, Office of Public Affairs: 'Justice Department Publishes List of Sanctuary Jurisdictions' (5 Aug 2025)",
    path=DOJ_LIST_URL,
    file="list transcribed from archived copies of the release; FIPS codes added by the compiler",
    raw=(DOJ_RAW,),
)
LEVELS = ("state", "county", "city")
DOJ_CAVEATS = [
    "A federal political designation under Executive Order 14287, not a measure of actual policy; there is no legal definition of 'sanctuary'.",
    "Baltimore County publicly said its inclusion was an error.",
    "DOJ lists the District of Columbia among the 13 states; some press summaries count 12 states + DC or put DC among cities.",
    "DOJ said the list would be updated; later revisions are not captured. The larger DHS list of May 2025 (withdrawn after errors) is not available as data.",
    "Minnesota is listed as a state; no Minnesota county or city is listed individually.",
]


def _read_doj(ctx: BuildContext) -> pd.DataFrame:
    atlas = read_atlas(ctx, "2023")
    raw = ctx.read_csv(DOJ_RAW)
    df = raw.rename(columns={"jurisdiction_as_listed": "jurisdiction"}).copy()
    if set(df["jurisdiction_level"]) - set(LEVELS):
        raise BuildError(f"doj: unknown levels {set(df['jurisdiction_level']) - set(LEVELS)}")
    if bool((df["state_abbr"] != df["state_fips"].map(state_codes(ctx).abbr_by_fips)).any()):
        raise BuildError("doj: state code and state FIPS disagree")
    df["state_name"] = df["state_fips"].map(atlas.state_name)
    df["county_list"] = df["county_fips"].map(lambda v: [c.strip() for c in v.split(";")] if v.strip() else [])
    every = [c for lst in df["county_list"] for c in lst]
    # The list is of 2025, so the 2023 boundary file applies (no Connecticut county is listed).
    county_names(atlas, pd.Series(every))
    for state, lst in zip(df["state_fips"], df["county_list"], strict=True):
        if any(c[:2] != state for c in lst):
            raise BuildError(f"doj: a county outside its state: {lst}")
    df.attrs["atlas"] = atlas
    return df


def build_doj(ctx: BuildContext) -> pd.DataFrame:
    df = _read_doj(ctx)
    df["n_counties"] = df["county_list"].map(len)
    df["county_fips"] = df["county_list"].map(lambda lst: lst[0] if len(lst) == 1 else None)
    df["place_geoid"] = blank_to_none(df["place_geoid"])
    df["county_fips_note"] = blank_to_none(df["county_fips_note"])
    out = df[[f.name for f in DOJ.fields]]
    ctx.log.step("type columns; county list moved to doj_sanctuary_jurisdiction_counties", df, out)
    return out


DOJ = Resource(
    name="doj_sanctuary_jurisdictions_2025",
    title="U.S. Justice Department list of 'sanctuary jurisdictions', 5 August 2025",
    description=(
        "The 35 jurisdictions the U.S. Department of Justice named as 'sanctuary jurisdictions' on 5 August 2025 "
        "under Executive Order 14287: 13 states (DOJ counts the District of Columbia among them), 4 counties and "
        "18 cities, with codes for mapping. A jurisdiction that lies in one county carries that county's FIPS "
        "code; cities spanning several counties (Chicago, East Lansing, New York City, Portland) have a blank "
        "county_fips here and one row per county in doj_sanctuary_jurisdiction_counties. A federal designation, "
        "not a measure of policy."
    ),
    group="policy",
    sources=[DOJ_SOURCE, ATLAS_2023_NAMES_SOURCE],
    licenses=[PUBLIC_DOMAIN, ISC],
    coverage="DOJ list of 2025-08-05 (first version only)",
    build=build_doj,
    fields=[
        Field("jurisdiction", "string", "name as printed by DOJ", required=True),
        Field("jurisdiction_level", "string", "DOJ's grouping: state, county or city", required=True, enum=LEVELS),
        Field("state_name", "string", "state (or District of Columbia)", required=True),
        state_abbr_field(),
        state_fips_field(),
        county_fips_field("5-digit FIPS of the county the jurisdiction is or lies in, when that is a single county (DC: 11001); blank for states and multi-county cities"),
        Field("n_counties", "integer", "number of counties the jurisdiction maps to (0 for states; see doj_sanctuary_jurisdiction_counties)", unit="counties", required=True, minimum=0),
        Field("place_geoid", "string", "7-digit Census place code of a city (added by the compiler; verify before relying on it)", pattern=r"\d{7}"),
        Field("county_fips_note", "string", "how a city maps to counties (compiler's note)"),
        Field("list_date", "date", "date of DOJ's list", required=True, minimum="2025-08-05", maximum="2025-08-05"),
    ],
    primary_key=["jurisdiction"],
    sort_by=["jurisdiction_level", "state_abbr", "jurisdiction"],
    caveats=DOJ_CAVEATS,
)


def build_doj_counties(ctx: BuildContext) -> pd.DataFrame:
    df = _read_doj(ctx)
    atlas = df.attrs["atlas"]
    long = df.drop(columns=["county_fips"]).explode("county_list").rename(columns={"county_list": "county_fips"})
    long = long[long["county_fips"].notna()].reset_index(drop=True)
    ctx.log.step(
        "one row per jurisdiction and county",
        df,
        long,
        why="states have no county rows; multi-county cities get one row per county",
    )
    long["county_order"] = long.groupby("jurisdiction").cumcount() + 1
    long["county_name"] = county_names(atlas, long["county_fips"]).to_numpy()
    return long[[f.name for f in DOJ_COUNTIES.fields]]


DOJ_COUNTIES = Resource(
    name="doj_sanctuary_jurisdiction_counties",
    title="Counties of the DOJ 'sanctuary jurisdictions' of 5 August 2025 (one row per jurisdiction and county)",
    description=(
        "Bridge table from each county- or city-level jurisdiction on DOJ's 5 August 2025 list (and the District "
        "of Columbia) to the county or counties it is or lies in, for county maps. New York City has five rows "
        "(its five boroughs are counties); Chicago, East Lansing and Portland lie mostly in their first-listed "
        "county. States are not expanded to their counties."
    ),
    group="policy",
    sources=[DOJ_SOURCE, ATLAS_2023_NAMES_SOURCE],
    licenses=[PUBLIC_DOMAIN, ISC],
    coverage="DOJ list of 2025-08-05; counties as in the 2023 Census boundary file",
    build=build_doj_counties,
    fields=[
        Field("jurisdiction", "string", "name as printed by DOJ (see doj_sanctuary_jurisdictions_2025)", required=True),
        Field("jurisdiction_level", "string", "DOJ's grouping", required=True, enum=LEVELS),
        state_abbr_field(),
        county_fips_field("5-digit county FIPS code (2023 boundaries)", required=True),
        Field("county_name", "string", "county name without 'County', from the 2023 Census boundary file", required=True),
        Field("county_order", "integer", "order in the compiler's list: 1 = the county holding most of the city (for NYC, the Bronx; the boroughs are equal parts)", required=True, minimum=1),
    ],
    primary_key=["jurisdiction", "county_fips"],
    sort_by=["state_abbr", "jurisdiction", "county_order"],
    caveats=[
        "Colouring a whole county for a city overstates the city's area; for cities, say 'county containing a listed city'.",
        *DOJ_CAVEATS[:1],
    ],
)


# --- ICE Declined Detainer Outcome Report 2017, Section III (partial) ---------------------------------------

DDOR_RAW = "policy/ice_ddor_2017_limited_cooperation/jurisdictions.csv"
EVIDENCE = ("table_text", "table_text_partial", "quoted_secondary", "named_secondary", "named_unclear_section")
JURISDICTION_TYPES = ("state", "county", "city", "county_and_city", "agency")
DDOR_SOURCE = Source(
    title=(
        "U.S. Immigration and Customs Enforcement, Enforcement and Removal Operations: Weekly Declined Detainer "
        "Outcome Report (reports 1–3, March–April 2017), Section III – PARTIAL reconstruction from an archived "
        "transcription and news coverage"
    ),
    path="https://assets.documentcloud.org/documents/3520992/ICE-Enforcement-and-Removal-Operations.txt",
    file="rows from nationalpoliceassociation.com/enforcement.php (HTML transcription of report 1, Section III) and news articles cited per row in seen_in",
    raw=(DDOR_RAW,),
)


def build_ddor(ctx: BuildContext) -> pd.DataFrame:
    atlas = read_atlas(ctx, "2017")
    raw = ctx.read_csv(DDOR_RAW)
    df = raw.rename(columns={"state": "state_name"}).copy()
    for col in ("jurisdiction_type", "county_name", "county_fips", "aor", "date_enacted", "policy", "criteria"):
        df[col] = blank_to_none(df[col])
    # "not recovered" in the raw file means the criteria were not found: stored as a blank.
    df["criteria"] = df["criteria"].where(df["criteria"] != "not recovered", None)
    if bool((df["state_fips"].map(atlas.state_name) != df["state_name"]).any()):
        raise BuildError("ice_ddor: state names and FIPS disagree")
    df["state_abbr"] = df["state_fips"].map(state_codes(ctx).abbr_by_fips)
    # A 2017 table: the 2017 boundary file applies (Connecticut's old counties 09003, 09009).
    atlas_names = county_names(atlas, df["county_fips"])
    named = df["county_fips"].notna()
    if bool((atlas_names[named] != df.loc[named, "county_name"]).any()):
        bad = df[named & (atlas_names != df["county_name"])][["jurisdiction_as_listed", "county_name"]]
        raise BuildError(f"ice_ddor: county names disagree with the 2017 boundary file: {bad.values.tolist()}")
    check_county_in_state(df, "ice_ddor_2017_limited_cooperation")
    dated = df["date_enacted"].notna()
    precision = df["date_enacted"].map(lambda v: PRECISION_OF_LENGTH.get(len(v), "?") if isinstance(v, str) else None)
    if not bool(precision[dated].isin(["month", "year"]).all()):
        raise BuildError("ice_ddor: date_enacted must be YYYY-MM or YYYY")
    df["date_enacted_precision"] = precision
    df["date_enacted"] = df["date_enacted"].map(lambda v: first_day(v) if isinstance(v, str) else None)
    df["is_partial_sample"] = True
    out = df[[f.name for f in DDOR.fields]]
    ctx.log.step("type columns, add date precision and the partial-sample flag", raw, out)
    return out


DDOR = Resource(
    name="ice_ddor_2017_limited_cooperation",
    title="PARTIAL: 44 recovered rows of ICE's 2017 table of jurisdictions that limit cooperation (Declined Detainer Outcome Report, Section III)",
    description=(
        "PARTIAL – 44 of roughly 96–140+ rows. ICE's weekly Declined Detainer Outcome Report (March–April 2017, "
        "three issues, then suspended) had a Section III, 'Table of Jurisdictions that have Enacted Policies "
        "which Limit Cooperation with ICE'. The table itself was not obtainable: these 44 rows were recovered from "
        "an archived transcription (4 rows) and from news coverage that named or quoted entries (40 rows). The "
        "`evidence` column says how each row is known. A jurisdiction's absence means nothing; every row carries "
        "is_partial_sample = true so that no chart presents it as the full list."
    ),
    group="policy",
    sources=[DDOR_SOURCE, ATLAS_2017_NAMES_SOURCE],
    licenses=[PUBLIC_DOMAIN, ISC],
    coverage="PARTIAL: 44 of ~96–140+ rows of ICE DDOR reports 1–3 (20 Mar – 5 Apr 2017)",
    build=build_ddor,
    fields=[
        Field("jurisdiction_as_listed", "string", "ICE's wording for rows seen in the table text; otherwise the name as the news source gives it", required=True),
        Field("jurisdiction_type", "string", "state, county (incl. sheriff's offices), city, county_and_city, or agency (corrections departments, detention centres, associations); blank where the source does not say", enum=JURISDICTION_TYPES),
        Field("state_name", "string", "state", required=True),
        state_abbr_field(),
        state_fips_field(),
        Field("county_name", "string", "county name without 'County' (2017 boundaries)"),
        county_fips_field("5-digit county FIPS (2017 boundaries), only where the jurisdiction is or lies in a single county"),
        Field("aor", "string", "ICE Area of Responsibility (field office) as printed or stated by the source; not inferred"),
        Field("date_enacted", "date", "when the policy was enacted per ICE or the source (first day of the month or year; see precision)"),
        Field("date_enacted_precision", "string", "precision of date_enacted", enum=("month", "year")),
        Field("policy", "string", "policy name or type as printed or reported"),
        Field("criteria", "string", "ICE's criteria for honoring detainers, short (blank = not recovered); quoted phrases are the table's words as relayed by the source"),
        Field("seen_in", "string", "archived copies and articles that show the row", required=True),
        Field("reports", "string", "weekly report(s) the row is attested in (1, 2, 3), or how it is dated", required=True),
        Field("evidence", "string", "how the row is known: table_text (row text seen), table_text_partial (seen, cut off), quoted_secondary (news quotes the row), named_secondary (news names the jurisdiction as listed), named_unclear_section (named among '118 sanctuary jurisdictions'; section unconfirmed)", required=True, enum=EVIDENCE),
        Field("is_partial_sample", "boolean", "always true: this is a partial sample of ICE's table, never the full list", required=True),
    ],
    primary_key=["jurisdiction_as_listed"],
    sort_by=["state_abbr", "jurisdiction_as_listed"],
    caveats=[
        "PARTIAL: at most about a third of report 1's table, less of reports 2–3; biased toward places whose local press covered the list (New England, Kansas, Colorado, Washington, Georgia). Absence means nothing.",
        "Most rows do not give ICE's exact wording, date or criteria; treat named_unclear_section rows as leads only.",
        "ICE built the table from public statements, news reports and field staff; it mixed cities, counties, sheriffs, prisons and states, and several places disputed their listing. ICE suspended the report after three issues.",
        "No Minnesota row was recovered; whether any Minnesota jurisdiction was in Section III could not be checked.",
        "Criteria are short paraphrases or brief quotations relayed by the cited outlets; check the original report before quoting.",
    ],
)


# --- Minnesota cooperation timeline -----------------------------------------------------------------------

MN_RAW = "policy/mn_local_ice_policy_timeline/mn_ice_cooperation_timeline.csv"
EVENT_TYPES = ("287g_signed", "detainer_policy", "federal_listing", "news_report", "cooperation_negotiation")
MN_LICENCE = License(
    "compiled-facts",
    "Dated facts compiled by the series from the cited public sources; descriptions paraphrase them (check each source before quoting)",
)

# Officials' names are not needed in the series' tables: the descriptions name the office instead.
# Each replacement must match (a changed raw file stops the build rather than leaking a name).
MN_NAME_EDITS = {
    "Sheriff Rich Stanek and County Attorney Mike Freeman announce": "The sheriff and the county attorney announce",
    "Sheriff David Hutchinson stops": "The sheriff (new in office in 2019) stops",
    'Sheriff Dawanna Witt: "Our policy has not changed"': 'The sheriff: "Our policy has not changed"',
    "border czar Tom Homan announces": "the White House border czar announces",
}
MN_PRECISION_EDITS = {
    "year (approximate; source excerpt gives no date, Sheriff Hutchinson took office Jan 2019)": (
        "year",
        "approximate: the source gives no date; the sheriff who made the change took office in January 2019",
    ),
}


def build_mn_timeline(ctx: BuildContext) -> pd.DataFrame:
    atlas = read_atlas(ctx, "2023")
    raw = ctx.read_csv(MN_RAW)
    df = raw.copy()
    df["event_id"] = [f"mn_{i:02d}" for i in range(1, len(df) + 1)]  # raw row order (the file is in date order)
    for old, new in MN_NAME_EDITS.items():
        hit = df["description"].str.contains(old, regex=False)
        if int(hit.sum()) != 1:
            raise BuildError(f"mn_cooperation_timeline: name edit {old!r} matches {int(hit.sum())} rows")
        df["description"] = df["description"].str.replace(old, new, regex=False)
    ctx.log.note(f"{len(MN_NAME_EDITS)} officials' names replaced by their office in descriptions")
    df["date_note"] = None
    for old, (precision, note) in MN_PRECISION_EDITS.items():
        hit = df["date_precision"] == old
        if int(hit.sum()) != 1:
            raise BuildError(f"mn_cooperation_timeline: precision edit matches {int(hit.sum())} rows")
        df.loc[hit, ["date_precision", "date_note"]] = [precision, note]
    if bool((df["date"].str.len() != df["date_precision"].map(DATE_LENGTHS)).any()):
        raise BuildError("mn_cooperation_timeline: date and date_precision disagree")
    df["date"] = df["date"].map(first_day)
    df["county_fips"] = blank_to_none(df["county_fips"])
    df["county_name"] = county_names(atlas, df["county_fips"])
    check_county_in_state(df, "mn_cooperation_timeline")
    out = df[[f.name for f in MN_TIMELINE.fields]]
    ctx.log.step("type columns, add event ids and county names", raw, out)
    return out


MN_TIMELINE = Resource(
    name="mn_cooperation_timeline",
    title="Minnesota: timeline of local cooperation and non-cooperation with ICE, 2008–2026",
    description=(
        "A short, hand-compiled table of dated events for the Minnesota case: every Minnesota 287(g) agreement "
        "on ICE's lists (one row per agreement, with the signing date ICE kept longest), Hennepin and Ramsey "
        "counties' detainer policies, federal listings and news reports, each with its source. Dates known only "
        "to the month or year are set to the first day and marked by date_precision."
    ),
    group="policy",
    sources=[
        Source(
            title="Minnesota ICE cooperation timeline compiled for the series from ICE sheets, news articles and DOJ (sources per row)",
            raw=(MN_RAW,),
        ),
        ice_source(),
        Source(
            title="Deportation Data Project, pre-2018 287(g) agreements (best guess), citing Migration Policy Institute 2010 appendices",
            path="https://github.com/deportationdata/ice-287g",
            repository="deportationdata/ice-287g",
            commit="92556ed51e6084d8672c45611063fc2e2956160a",
            file="data/pre2018-agreements-best-guess.csv",
        ),
        replace(WAPO_SOURCE, raw=()),
        ATLAS_2023_NAMES_SOURCE,
    ],
    licenses=[MN_LICENCE, PUBLIC_DOMAIN, ISC],
    coverage="Minnesota, 2008 – April 2026; 21 events",
    build=build_mn_timeline,
    fields=[
        Field("event_id", "string", "stable id: 'mn_' + row number in the compiled file", required=True, pattern=r"mn_\d{2}"),
        Field("date", "date", "date of the event (first day of the month or year when only that is known)", required=True, minimum="2008-01-01", maximum="2026-05-18"),
        Field("date_precision", "string", "how precisely the date is known", required=True, enum=("day", "month", "year")),
        Field("date_note", "string", "why a date is approximate"),
        Field("jurisdiction", "string", "agency or government concerned", required=True),
        county_fips_field("5-digit FIPS of the county (blank for state-level events)"),
        Field("county_name", "string", "county name without 'County' (2023 boundaries)"),
        state_fips_field("2-digit state FIPS code (27 = Minnesota)", enum=(MN_FIPS,)),
        Field("event_type", "string", "287g_signed, detainer_policy, federal_listing, news_report or cooperation_negotiation", required=True, enum=EVENT_TYPES),
        Field("description", "string", "what happened (paraphrase of the source; officials named by office)", required=True),
        Field("source_name", "string", "where the event is reported", required=True),
        Field("source_url", "string", "link to the source", required=True, pattern=r"https?://\S+"),
    ],
    primary_key=["event_id"],
    sort_by=["date", "event_id"],
    caveats=[
        "Hand-compiled and not exhaustive: other counties' detainer practices, city separation ordinances (Minneapolis, St. Paul) and state law are not covered.",
        "287(g) rows follow ICE's sheets; ICE re-dated some agreements, and the row shows the signing date ICE kept longest.",
        "Descriptions paraphrase news articles; check the source before quoting. The 2019 Hennepin date is approximate.",
    ],
)


# --- ICE detainers at Pennsylvania facilities, aggregated -------------------------------------------------

PA_RAW = "policy/pa_ice_detainers_2007_2015/pa_detainers_by_facility_fy.csv"
FACILITY_TYPES = ("county/local", "state prison", "federal", "other")


def build_pa(ctx: BuildContext) -> pd.DataFrame:
    atlas = read_atlas(ctx, "2017")
    raw = ctx.read_csv(PA_RAW)
    df = raw.rename(
        columns={"det_facility": "facility", "fy": "fiscal_year", "county_fips_guess": "county_fips"}
    ).copy()
    for col in ("fiscal_year", "n_detainers", "n_booked_into_ice_detention", "n_declined_by_lea"):
        df[col] = df[col].astype(int)
    df["county_fips"] = blank_to_none(df["county_fips"])
    df["county_name"] = county_names(atlas, df["county_fips"])
    guessed = df["county_guess"].str.strip()
    if bool((df["county_fips"].notna() & (df["county_name"].str.lower() != guessed.str.lower())).any()):
        raise BuildError("pa_detainers: county_guess and county_fips_guess disagree")
    if bool((df["county_fips"].notna() & (df["county_fips"].str[:2] != "42")).any()):
        raise BuildError("pa_detainers: a county outside Pennsylvania")
    if bool((df["n_booked_into_ice_detention"] + df["n_declined_by_lea"] > df["n_detainers"]).any()):
        raise BuildError("pa_detainers: outcomes exceed detainers")
    # PROVENANCE: records run 2007-10-02 to 2015-07-18, so FY2015 (Oct 2014 – Sep 2015) is partial.
    df["is_partial_year"] = df["fiscal_year"] == 2015
    out = df[[f.name for f in PA.fields]]
    ctx.log.step("rename and type columns, name counties, flag FY2015", raw, out)
    return out


PA = Resource(
    name="pa_detainers_by_facility_fy",
    title="ICE detainers at Pennsylvania jails and prisons by facility and fiscal year, FY2008–FY2015",
    description=(
        "Counts of ICE immigration detainers (requests to hold a person for ICE) lodged with each jail or prison "
        "in Pennsylvania per federal fiscal year, and how many ended with the person booked into ICE detention "
        "or with the detainer declined by the local agency. Aggregated from ICE detainer records released under "
        "FOIA (no individual records here). Facility types and counties are name-based guesses."
    ),
    group="policy",
    sources=[
        Source(
            title="ICE Enforcement and Removal Operations detainer records for Pennsylvania facilities (FOIA release; exact provenance undocumented), compiled by David Eads",
            path="https://github.com/eads/geocode-pa-detainers",
            repository="eads/geocode-pa-detainers",
            commit="ecc87ce3bda4eb3d7bc5cfa9cb943eb319d405d2",
            file="pa_detainers.csv (aggregated by facility and fiscal year)",
            raw=(PA_RAW,),
        ),
        ATLAS_2017_NAMES_SOURCE,
    ],
    licenses=[NO_LICENCE_STATED, ISC],
    coverage="Pennsylvania facilities, detainers dated 2007-10-02 to 2015-07-18 (FY2008 – part of FY2015)",
    build=build_pa,
    fields=[
        Field("facility", "string", "facility name as in ICE's data", required=True),
        Field("city", "string", "facility city", required=True),
        Field("fiscal_year", "integer", "federal fiscal year of the detainer (Oct–Sep; FY2010 = Oct 2009 – Sep 2010)", required=True, minimum=2008, maximum=2015),
        Field("n_detainers", "integer", "detainers lodged with the facility that year", unit="detainers", required=True, minimum=1),
        Field("n_booked_into_ice_detention", "integer", "of these, detainers that ended with the person booked into ICE detention", unit="detainers", required=True, minimum=0),
        Field("n_declined_by_lea", "integer", "of these, detainers the local agency declined ('Detainer Declined by LEA')", unit="detainers", required=True, minimum=0),
        Field("facility_type_guess", "string", "facility type guessed from its name", required=True, enum=FACILITY_TYPES),
        county_fips_field("5-digit FIPS of the facility's county, guessed from its name (blank where no guess)"),
        Field("county_name", "string", "county name without 'County' (2017 boundaries)"),
        Field("is_partial_year", "boolean", "FY2015 is partial: the records end on 18 July 2015", required=True),
    ],
    primary_key=["facility", "city", "fiscal_year"],
    caveats=[
        "Exact provenance undocumented: the compiler's repository has no README or licence; the fields are those of ICE's FOIA detainer data.",
        "FY2015 is partial (records end 18 July 2015). Detainers at federal and state prisons are included.",
        "Outcomes other than booked or declined (open, lifted, transferred, closed, blank) are not broken out; blank outcomes are open or unrecorded cases.",
        "Facility type and county are guesses from the facility name; 'other' facilities and unmapped names have no county.",
        "Pennsylvania only; many Pennsylvania counties stopped honoring detainers without a warrant in 2014.",
    ],
)

RESOURCES: list[Resource] = [DOJ, DOJ_COUNTIES, DDOR, MN_TIMELINE, PA]
