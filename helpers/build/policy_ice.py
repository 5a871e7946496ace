"""ICE's 287(g) sheets, Jan 2021 – May 2026: agreements, national and state counts, counties, pending agencies.

Raw files: `policy/ice_287g_sheets_2021_2026/` (see its PROVENANCE.md), tables that the source
compiler derived from every archived copy of ICE's "287(g) Participating Agencies" and "Pending
Agencies" workbooks. This module keeps their rows and fixes what ICE misprinted: a state printed for
an agency in another state, a county misspelt, a signing date that could not be read. Each fix is a
row of a table below with its reason, and is logged, so a reader can see what changed and why.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

import pandas as pd

from ..schema import Field
from .common import (
    ATLAS_2023_NAMES_SOURCE,
    ICE_287G_COMMIT,
    ICE_287G_REPO,
    ICE_287G_URL,
    ICE_AGREEMENTS_RAW,
    blank_to_none,
    check_county_in_state,
    county_fips_field,
    county_name_key,
    county_names,
    read_atlas,
    state_abbr_field,
    state_codes,
    state_fips_field,
    to_bool,
)
from .core import ISC, PUBLIC_DOMAIN, BuildContext, BuildError, Resource, Source

FOLDER = "policy/ice_287g_sheets_2021_2026"
AGREEMENTS_RAW = ICE_AGREEMENTS_RAW  # also read by the state look-up (common.state_codes)
TOTALS_RAW = f"{FOLDER}/snapshot_totals.csv"
STATE_MODEL_RAW = f"{FOLDER}/snapshot_counts_by_state_model.csv"
ROLLUP_RAW = f"{FOLDER}/county_rollup_2026-05-18.csv"
PENDING_RAW = f"{FOLDER}/pending_agencies_2025_2026.csv"

FIRST_SNAPSHOT, LATEST_SNAPSHOT = "2021-01-13", "2026-05-18"
MODELS = ("Jail Enforcement Model", "Task Force Model", "Warrant Service Officer")
MODEL_CODES = {"Jail Enforcement Model": "JEM", "Task Force Model": "TFM", "Warrant Service Officer": "WSO"}
AGENCY_TYPES = ("County", "Municipality", "State Agency", "State")
REDATE_WINDOW_DAYS = 60  # the source compiler's window for same_agency_model_signed_within_60d

ICE_SOURCE = Source(
    title="U.S. Immigration and Customs Enforcement (ICE), 287(g) Participating Agencies and Pending Agencies sheets",
    path=ICE_287G_URL,
    repository=ICE_287G_REPO,
    commit=ICE_287G_COMMIT,
    file="participatingAgencies/ (975 .xlsx files) and pendingAgencies/ (316 .xlsx files)",
    raw=(),
)


def ice_source(*raw: str) -> Source:
    """The ICE source entry, naming the derived raw files a resource reads."""
    return replace(ICE_SOURCE, raw=raw)


# --- fixes to ICE's printed rows -------------------------------------------------------------------

# ICE printed the wrong state for two agreements for a few weeks (PROVENANCE: county_fips_note
# "state misprinted ..."). The county FIPS the compiler found is in the right state, and the same
# agreement (same agency, model and signing date) is listed under the right state on later sheets,
# so the misprinted listing is folded into that row: listing windows are combined and the state
# counts of the snapshots concerned are moved to the right state (see `state_model_counts`).
STATE_MISPRINTS: dict[tuple[str, str, str, str], tuple[str, str]] = {
    # (printed state, agency_key, model, signed_date): (right state, reason)
    ("MA", "CROW WING COUNTY SHERIFFS OFFICE", "Warrant Service Officer", "2025-03-27"): (
        "MN",
        "ICE listed this agreement under Massachusetts on 12 sheets (2025-03-27 to 2025-04-10); Crow Wing County "
        "is in Minnesota, where the same agreement is listed from 2025-04-29; the two listings are merged here",
    ),
    ("OK", "WICHITA COUNTY SHERIFFS OFFICE", "Warrant Service Officer", "2025-04-16"): (
        "TX",
        "ICE listed this agreement under Oklahoma on 5 sheets (2025-04-29 to 2025-05-12); Wichita County is in "
        "Texas, where the same agreement is listed from 2025-05-16; the two listings are merged here",
    ),
}

# The compiler's county note for Scranton Police Department says "state misprinted; Scranton PD is in
# Lackawanna County, Pennsylvania", but ICE lists the agency under South Carolina on every sheet and
# its participating sheets print Florence County, SC, where the town of Scranton, South Carolina lies;
# the county FIPS (45041) agrees with the state. The note, not the data, is wrong: it is replaced.
COUNTY_NOTE_FIXES: dict[tuple[str, str], str] = {
    ("SC", "SCRANTON POLICE DEPARTMENT"): (
        "ICE lists the agency under South Carolina with Florence County on its participating sheets (the town "
        "of Scranton, SC is in Florence County); the compiler's note 'state misprinted; Lackawanna County, "
        "Pennsylvania' was replaced by this build"
    ),
}

# "Freedom County Sheriff's Office" is ICE's misspelling of Freeborn County, Minnesota (PROVENANCE:
# "Freedom County" = Freeborn County MN; the compiler mapped its county FIPS to 27047 but kept ICE's
# county name). Its agreement is the Freeborn County WSO agreement re-spelled for two sheets, so it
# joins the Freeborn listings when re-dated duplicates are grouped; the row keeps ICE's spelling.
AGENCY_ALIASES: dict[tuple[str, str], tuple[str, str]] = {
    ("MN", "FREEDOM COUNTY SHERIFFS OFFICE"): (
        "FREEBORN COUNTY SHERIFFS OFFICE",
        "'Freedom County' is ICE's misspelling of Freeborn County, MN (27047): county name set to Freeborn and "
        "the listing grouped with Freeborn County's WSO agreement as a re-spelled duplicate",
    ),
}


def snapshot_dates(ctx: BuildContext) -> list[str]:
    """The 780 snapshot dates (sorted), the calendar against which listing windows are counted."""
    totals = ctx.read_csv(TOTALS_RAW)
    dates = sorted(totals["snapshot_date"])
    if len(set(dates)) != len(dates):
        raise BuildError("snapshot_totals.csv repeats a snapshot date")
    return dates


def _read_counts(ctx: BuildContext, relative: str) -> pd.DataFrame:
    """A count table of the compiler (totals or state x model per snapshot), with the series' `model` name."""
    df = ctx.read_csv(relative).rename(columns={"support_type": "model"})
    df["n_agreements"] = df["n_agreements"].astype(int)
    df["n_agencies"] = df["n_agencies"].astype(int)
    return df


def _is_listing(df: pd.DataFrame, state: str, agency_key: str, model: str, signed: str | None = None) -> pd.Series:
    """The rows of one agency's listings of a model in a state (and, if given, with that printed signing date)."""
    hit = (df["state_abbr"] == state) & (df["agency_key"] == agency_key) & (df["model"] == model)
    return hit if signed is None else hit & (df["signed_date"] == signed)


def _window(dates: list[str], first: str, last: str) -> int:
    """Number of snapshot dates from `first` to `last`, both included."""
    return bisect.bisect_right(dates, last) - bisect.bisect_left(dates, first)


def _read_agreements(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(AGREEMENTS_RAW)
    df = raw.rename(columns={"support_type": "model"}).copy()
    for col in ("n_snapshots", "n_snapshots_in_window", "missing_snapshots_in_window"):
        df[col] = df[col].astype(int)
    for col in ("on_latest_sheet", "signed_date_typo_fixed", "same_agency_model_signed_within_60d"):
        df[col] = to_bool(df[col], f"agreements {col}")
    for col in ("county_fips", "county_fips_note", "agency_type", "signed_date", "moa_status_latest", "county"):
        df[col] = blank_to_none(df[col])
    return df


def _merge_listings(keep: pd.Series, other: pd.Series, dates: list[str]) -> pd.Series:
    """Two listings of one agreement as one: combined window, snapshots added, gaps recounted."""
    out = keep.copy()
    out["first_listed"] = min(keep["first_listed"], other["first_listed"])
    out["last_listed"] = max(keep["last_listed"], other["last_listed"])
    out["n_snapshots"] = int(keep["n_snapshots"]) + int(other["n_snapshots"])
    out["n_snapshots_in_window"] = _window(dates, out["first_listed"], out["last_listed"])
    out["missing_snapshots_in_window"] = out["n_snapshots_in_window"] - out["n_snapshots"]
    later = keep if keep["last_listed"] >= other["last_listed"] else other
    out["moa_status_latest"] = later["moa_status_latest"]
    out["on_latest_sheet"] = bool(keep["on_latest_sheet"] or other["on_latest_sheet"])
    out["signed_date_typo_fixed"] = bool(keep["signed_date_typo_fixed"] or other["signed_date_typo_fixed"])
    return out


def _fix_state_misprints(
    ctx: BuildContext, df: pd.DataFrame, dates: list[str], fips_by_abbr: dict[str, str]
) -> pd.DataFrame:
    """Fold each misprinted-state listing into the listing of the same agreement under the right state."""
    before = df.copy()
    df = df.copy()
    for (state, agency_key, model, signed), (right, reason) in STATE_MISPRINTS.items():
        hit = _is_listing(df, state, agency_key, model, signed)
        if int(hit.sum()) != 1:
            raise BuildError(f"agreements_287g: state misprint fix for {agency_key} ({state}) matches {int(hit.sum())}")
        wrong = df[hit].iloc[0]
        if str(wrong["county_fips"])[:2] != fips_by_abbr[right]:
            raise BuildError(f"agreements_287g: {agency_key}: county {wrong['county_fips']} is not in {right}")
        target = _is_listing(df, right, agency_key, model, signed)
        if int(target.sum()) == 1:
            idx = df.index[target][0]
            if not (wrong["last_listed"] < df.at[idx, "first_listed"] or df.at[idx, "last_listed"] < wrong["first_listed"]):
                raise BuildError(f"agreements_287g: {agency_key}: the two listings overlap; cannot merge them")
            merged = _merge_listings(df.loc[idx], wrong, dates)
            merged["build_fix_note"] = reason
            df.loc[idx] = merged
            df = df[~hit]
        else:
            df.loc[hit, ["state_abbr", "state_fips", "build_fix_note"]] = [right, fips_by_abbr[right], reason]
    ctx.log.step(
        "fold misprinted-state listings into the same agreement under the right state",
        before,
        df,
        why="ICE printed the wrong state for 2 agreements for a few weeks; each is merged with its correct listing",
    )
    return df.reset_index(drop=True)


def _group_redated(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Which listing counts as the agreement, and which agreement each listing belongs to.

    Returns (counts, stands_for): `counts` is true for one listing per group of re-dated (or re-spelled,
    or undated) listings; `stands_for` gives, for every listing, the index of the listing that counts
    for its group (itself, for a listing with no copies).

    Listings of the same state, agency and model whose signing dates lie within 60 days of each other
    (chained) are one agreement that ICE re-dated. The listing ICE kept longest (most snapshots; then the
    latest last listing; then the earliest signing date) stands for the group. Undated listings (a
    signing date ICE printed unreadably) join their agency and model's group and never stand for it.
    """
    key = df["resolved_agency_key"]
    counts = pd.Series(True, index=df.index)
    stands_for = pd.Series(df.index, index=df.index)
    for _, grp in df.groupby([df["state_abbr"], key, df["model"]], sort=True):
        dated = grp[grp["signed_date"].notna()].sort_values("signed_date")
        undated = grp[grp["signed_date"].isna()]
        if len(undated) and dated.empty:
            raise BuildError(f"agreements_287g: undated listing without a dated one: {undated['agency'].tolist()}")
        counts[undated.index] = False
        undated_home = None  # an undated listing belongs to its agency and model's (first) group
        cluster, clusters, previous = -1, {}, None
        for idx, date in zip(dated.index, pd.to_datetime(dated["signed_date"]), strict=True):
            if previous is None or (date - previous).days > REDATE_WINDOW_DAYS:
                cluster += 1
            clusters.setdefault(cluster, []).append(idx)
            previous = date
        for members in clusters.values():
            rows = df.loc[members]
            best = rows.sort_values(
                ["n_snapshots", "last_listed", "signed_date"], ascending=[False, False, True], kind="mergesort"
            ).index[0]
            stands_for[members] = best
            undated_home = best if undated_home is None else undated_home
            counts[[m for m in members if m != best]] = False
        if len(undated):
            stands_for[undated.index] = undated_home
    return counts, stands_for


def build_agreements(ctx: BuildContext) -> pd.DataFrame:
    dates = snapshot_dates(ctx)
    atlas = read_atlas(ctx, "2023")
    df = _read_agreements(ctx)
    # Check the compiler's window counts against the snapshot calendar, so the merges below recount alike.
    recount = [_window(dates, f, la) for f, la in zip(df["first_listed"], df["last_listed"], strict=True)]
    if list(df["n_snapshots_in_window"]) != recount:
        raise BuildError("agreements_287g: n_snapshots_in_window disagrees with snapshot_totals.csv")
    df["build_fix_note"] = None

    for (state, agency_key), note in COUNTY_NOTE_FIXES.items():
        hit = (df["state_abbr"] == state) & (df["agency_key"] == agency_key)
        if not bool(hit.any()):
            raise BuildError(f"agreements_287g: county note fix for {agency_key} matches no row")
        df.loc[hit, "county_fips_note"] = note
        df.loc[hit, "build_fix_note"] = "county note corrected (see county_fips_note)"
        ctx.log.note(f"replaced the county note of {agency_key} ({state}): {int(hit.sum())} row(s)")

    df = _fix_state_misprints(ctx, df, dates, state_codes(ctx).fips_by_abbr)

    df["resolved_agency_key"] = df["agency_key"]
    redated = df["same_agency_model_signed_within_60d"].copy()
    for (state, agency_key), (resolved, reason) in AGENCY_ALIASES.items():
        hit = (df["state_abbr"] == state) & (df["agency_key"] == agency_key)
        if not bool(hit.any()):
            raise BuildError(f"agreements_287g: alias {agency_key} matches no row")
        df.loc[hit, "resolved_agency_key"] = resolved
        df.loc[hit, "build_fix_note"] = reason
        redated[hit] = True
        ctx.log.note(f"{agency_key} ({state}) treated as {resolved}: {int(hit.sum())} row(s)")

    undated = df["signed_date"].isna()
    df.loc[undated, "build_fix_note"] = (
        "ICE printed a signing date that could not be read (the compiler left it blank and set "
        "signed_date_typo_fixed); the same agency and model is listed with a readable date just before or "
        "after, so this listing is treated as a duplicate of that agreement"
    )
    redated[undated] = True
    ctx.log.note(f"{int(undated.sum())} listings without a readable signing date marked as duplicates")

    df["counts_as_agreement"], stands_for = _group_redated(df)
    # The chained 60-day grouping must reproduce the compiler's flag for every dated listing.
    grouped = pd.Series(False, index=df.index)
    for _, grp in df[df["signed_date"].notna()].groupby(["state_abbr", "resolved_agency_key", "model"]):
        d = pd.to_datetime(grp["signed_date"]).sort_values()
        gaps = d.diff().dt.days
        near = (gaps <= REDATE_WINDOW_DAYS) | (gaps.shift(-1) <= REDATE_WINDOW_DAYS)
        grouped[near.index] = near.to_numpy()
    dated = df["signed_date"].notna()
    if bool((grouped[dated] != redated[dated]).any()):
        bad = df[dated & (grouped != redated)][["state_abbr", "agency", "model", "signed_date"]]
        raise BuildError(f"agreements_287g: 60-day grouping disagrees with the compiler's flag: {bad.head()}")
    df["likely_redated_duplicate"] = redated
    ctx.log.note(
        f"{int(redated.sum())} listings flagged as likely re-dated duplicates; "
        f"{int(df['counts_as_agreement'].sum()):,} listings count as distinct agreements"
    )

    df["moa_status_latest"] = df["moa_status_latest"].str.lower()
    df["county_name"] = county_names(atlas, df["county_fips"])
    df["state_name"] = df["state_fips"].map(atlas.state_name)
    check_county_in_state(df, "agreements_287g")
    df["listing_id"] = (
        df["state_abbr"]
        + "|"
        + df["agency_key"]
        + "|"
        + df["model"].map(MODEL_CODES)
        + "|"
        + df["signed_date"].fillna("undated")
    )
    df["agreement_id"] = df.loc[stands_for.to_numpy(), "listing_id"].to_numpy()
    if df["agreement_id"].nunique() != int(df["counts_as_agreement"].sum()):
        raise BuildError("agreements_287g: agreement ids do not match the listings that count as agreements")
    out = df[[f.name for f in AGREEMENTS.fields]]
    ctx.log.step("select and rename columns", df, out)
    return out


AGREEMENTS = Resource(
    name="agreements_287g",
    title="287(g) agreements listed by ICE, Jan 2021 – May 2026 (one row per listing)",
    description=(
        "Every 287(g) agreement that ICE listed on its 'Participating Agencies' sheets between 13 January 2021 "
        "and 18 May 2026: the state or local agency, its county, the model (jail, task force or warrant "
        "service), the signing date ICE printed, and when ICE first and last listed it. One row per listing, "
        "identified by state, agency, model and printed signing date. ICE often re-dates or re-spells an "
        "agreement, so one agreement can appear as two or three listings a few days or weeks apart: these are "
        "flagged `likely_redated_duplicate` (all listings of such a group carry the flag) and should be counted "
        "once. `counts_as_agreement` marks exactly one listing per agreement (the one ICE kept longest), so "
        "summing it counts agreements rather than listings."
    ),
    group="policy",
    sources=[ice_source(AGREEMENTS_RAW, TOTALS_RAW), ATLAS_2023_NAMES_SOURCE],
    licenses=[PUBLIC_DOMAIN, ISC],
    coverage="ICE sheets 2021-01-13 to 2026-05-18, 780 snapshot dates; agencies in 42 states, Guam and the Northern Mariana Islands",
    build=build_agreements,
    fields=[
        Field("listing_id", "string", "key of the listing: state|agency key|model code|signed date ('undated' if ICE's date was unreadable)", required=True),
        Field("agreement_id", "string", "the agreement this listing belongs to: the listing_id of the listing that counts for it (`counts_as_agreement`); the re-dated, re-spelled or undated copies of one agreement share it, so `groupby('agreement_id')` gives one row per agreement", required=True),
        Field("state_name", "string", "state (or territory) the agency is in", required=True),
        state_abbr_field(),
        state_fips_field(),
        county_fips_field("5-digit FIPS of the county the agency is in (ICE's COUNTY column, 2025+ sheets; blank for most municipal police, state agencies and agreements that ended before 2025)"),
        Field("county_name", "string", "county name without 'County', from the 2023 Census boundary file (ICE's own spelling has typos)"),
        Field("county_fips_note", "string", "how the county was matched when ICE's county cell was misspelt or misleading (source compiler's note)"),
        Field("agency", "string", "agency name as ICE last printed it", required=True),
        Field("agency_type", "string", "ICE's TYPE column (2025+ sheets only; blank for listings that ended earlier)", enum=AGENCY_TYPES),
        Field("model", "string", "287(g) model: jail enforcement (screening in the jail), task force (in the field) or warrant service officer (serving ICE warrants in the jail)", required=True, enum=MODELS),
        Field("signed_date", "date", "memorandum of agreement signing date as printed by ICE; blank where ICE's date could not be read"),
        Field("first_listed", "date", "first snapshot date on which ICE listed it", required=True, minimum=FIRST_SNAPSHOT, maximum=LATEST_SNAPSHOT),
        Field("last_listed", "date", "last snapshot date on which ICE listed it", required=True, minimum=FIRST_SNAPSHOT, maximum=LATEST_SNAPSHOT),
        Field("n_snapshots", "integer", "number of snapshot dates that list it", unit="snapshots", required=True, minimum=1),
        Field("missing_snapshots_in_window", "integer", "snapshot dates between first and last listing that do not list it (gaps)", unit="snapshots", required=True, minimum=0),
        Field("on_latest_sheet", "boolean", "listed on ICE's sheet of 2026-05-18", required=True),
        Field("moa_status_latest", "string", "MOA cell on the last sheet listing it: 'link' = signed agreement posted, 'link pending' = not yet posted", enum=("link", "link pending")),
        Field("signed_date_typo_fixed", "boolean", "ICE's printed signing date was impossible (e.g. year 5025) and was corrected or left blank", required=True),
        Field("likely_redated_duplicate", "boolean", "another listing of the same agency and model has a signing date within 60 days (usually ICE re-dating one agreement), or the listing is a re-spelled or undated copy of one: count such groups once", required=True),
        Field("counts_as_agreement", "boolean", "one listing per agreement: true for every listing that is not a duplicate and for the longest-listed listing of each duplicate group", required=True),
        Field("agency_key", "string", "agency name upper-cased without punctuation, used to match the agency across sheets", required=True),
        Field("build_fix_note", "string", "what this build changed in the row and why (blank if nothing)"),
    ],
    primary_key=["listing_id"],
    sort_by=["state_abbr", "agency_key", "model", "signed_date", "listing_id"],
    caveats=[
        "ICE's sheets are the only source: a listing that disappears may have ended, been re-signed, or been dropped by error; some agencies disappear and reappear (missing_snapshots_in_window).",
        "ICE often re-dates or re-spells one agreement; count agreements with counts_as_agreement (or count likely_redated_duplicate groups once), not rows.",
        "Jan 2021 – Feb 2025 comes from Wayback Machine captures of ICE's page, with gaps of days to weeks; agreements that ended before Jan 2021 are not here (see wapo_287g_agencies).",
        "County = the county the agency is in; municipal police, state agencies and regional jails may serve other or several counties. Agreements that ended before 2025 have a county only if the same agency appears on a later sheet.",
        "Signing dates are ICE's printed dates; first_listed and last_listed are archive dates, not effective dates.",
        "Fixed by this build: 2 agreements ICE printed under the wrong state (merged into the right state's listing), 'Freedom County' (= Freeborn County, MN), the county note of Scranton PD (SC), 5 listings with unreadable signing dates (marked as duplicates).",
    ],
)


# --- national totals and counts by model -------------------------------------------------------------

SOURCE_KINDS = {
    "ParticipatingEntities-": "web page capture (Wayback)",
    "participatingAgencies-": "ICE workbook (Wayback)",
    "participatingAgencies": "ICE workbook (downloaded)",
}


def _file_date(name: str) -> tuple[str, str]:
    """Source kind and the date written in an ICE file name (capture timestamp or ICE's MMDDYYYY)."""
    for prefix, kind in SOURCE_KINDS.items():
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            if prefix.endswith("-"):
                m = re.match(r"(\d{4})(\d{2})(\d{2})\d{6}", rest)
                if m:
                    return kind, f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
            else:
                m = re.match(r"(\d{2})(\d{2})(\d{4})", rest)
                if m:
                    return kind, f"{m.group(3)}-{m.group(1)}-{m.group(2)}"
    raise BuildError(f"agreements_287g_totals: unrecognised source file name {name!r}")


def build_totals(ctx: BuildContext) -> pd.DataFrame:
    df = _read_counts(ctx, TOTALS_RAW)
    parsed = df["source_file"].map(_file_date)
    df["source_kind"] = parsed.str[0]
    # PROVENANCE: three ICE files named 0105/0106/0109 2025 pm hold January 2026 sheets (ICE's year typo);
    # the compiler moved their snapshot dates +1 year. Flag every snapshot whose date differs from its file name.
    df["snapshot_date_corrected"] = parsed.str[1] != df["snapshot_date"]
    ctx.log.note(f"{int(df['snapshot_date_corrected'].sum())} snapshot dates differ from the date in the file name")
    out = df[[f.name for f in TOTALS.fields]]
    ctx.log.step("type and select columns", df, out)
    return out


TOTALS = Resource(
    name="agreements_287g_totals",
    title="287(g) agreements and agencies on each ICE sheet, Jan 2021 – May 2026",
    description=(
        "National totals of ICE's 287(g) participating list on each of 780 snapshot dates: agreements listed "
        "and distinct agencies (an agency with two models is one agency and two agreements). Use for the "
        "growth line from about 150 agreements in 2021 to 1,843 in May 2026."
    ),
    group="policy",
    sources=[ice_source(TOTALS_RAW)],
    licenses=[PUBLIC_DOMAIN],
    coverage="ICE sheets 2021-01-13 to 2026-05-18, 780 snapshot dates",
    build=build_totals,
    fields=[
        Field("snapshot_date", "date", "date of the ICE sheet (date in the file name; for 2021–Feb 2025 the Wayback capture date)", required=True, minimum=FIRST_SNAPSHOT, maximum=LATEST_SNAPSHOT),
        Field("n_agreements", "integer", "agreements (rows) on the sheet", unit="agreements", required=True, minimum=0),
        Field("n_agencies", "integer", "distinct agencies on the sheet", unit="agencies", required=True, minimum=0),
        Field("source_file", "string", "file read for that date (the last file of the date)", required=True),
        Field("source_kind", "string", "how the sheet was obtained", required=True, enum=tuple(SOURCE_KINDS.values())),
        Field("snapshot_date_corrected", "boolean", "the file name's date is wrong (ICE wrote 2025 for January 2026) and was corrected", required=True),
    ],
    primary_key=["snapshot_date"],
    caveats=[
        "Counts are listings: ICE sometimes lists one agreement twice under two signing dates for a while.",
        "2021 to Feb 2025 comes from Wayback captures (days to weeks apart); near-daily from March 2025.",
        "Two truncated or swapped ICE files (2025-04-21 am, 2025-09-22 pm) are excluded.",
        "Snapshot dates are file dates, not ICE effective dates.",
    ],
)


def build_by_model(ctx: BuildContext) -> pd.DataFrame:
    df = _read_counts(ctx, STATE_MODEL_RAW)
    if set(df["model"]) - set(MODELS):
        raise BuildError(f"agreements_287g_by_model: unknown models {set(df['model']) - set(MODELS)}")
    national = df.groupby(["snapshot_date", "model"], as_index=False)[["n_agreements", "n_agencies"]].sum()
    ctx.log.step(
        "sum states to national counts per snapshot and model",
        df,
        national,
        why="one row per snapshot and model instead of per state",
    )
    dates = snapshot_dates(ctx)
    grid = pd.MultiIndex.from_product([dates, MODELS], names=["snapshot_date", "model"]).to_frame(index=False)
    out = grid.merge(national, on=["snapshot_date", "model"], how="left").fillna({"n_agreements": 0, "n_agencies": 0})
    ctx.log.step(
        "add zero rows for models absent from a sheet",
        national,
        out,
        why="a model missing from a complete national sheet is a true zero (e.g. no task force agreements in 2021–24)",
    )
    return out[[f.name for f in BY_MODEL.fields]]


BY_MODEL = Resource(
    name="agreements_287g_by_model",
    title="287(g) agreements by model on each ICE sheet, Jan 2021 – May 2026",
    description=(
        "National count of 287(g) agreements and agencies per model (jail enforcement, task force, warrant "
        "service officer) on each ICE snapshot date, summed over the state counts of the source compiler. "
        "Agreements summed over the three models equal the sheet's total; agencies do not, because an agency "
        "holding two or three models is counted once under each model."
    ),
    group="policy",
    sources=[ice_source(STATE_MODEL_RAW, TOTALS_RAW)],
    licenses=[PUBLIC_DOMAIN],
    coverage="ICE sheets 2021-01-13 to 2026-05-18, 780 snapshot dates x 3 models",
    build=build_by_model,
    fields=[
        Field("snapshot_date", "date", "date of the ICE sheet", required=True, minimum=FIRST_SNAPSHOT, maximum=LATEST_SNAPSHOT),
        Field("model", "string", "287(g) model", required=True, enum=MODELS),
        Field("n_agreements", "integer", "agreements of this model on the sheet (0 if none)", unit="agreements", required=True, minimum=0),
        Field("n_agencies", "integer", "distinct agencies holding this model on the sheet; an agency with several models is counted under each", unit="agencies", required=True, minimum=0),
    ],
    primary_key=["snapshot_date", "model"],
    caveats=[
        "Do not add n_agencies over models: agencies with several models would be counted more than once (use agreements_287g_totals).",
        "Zero rows are real: a model with no agreement on a complete national sheet (the task force model was not in use 2021–2024).",
        "Counts are listings: re-dated agreements can be counted twice for a while.",
    ],
)


# --- state x model at month end -------------------------------------------------------------------------


def state_model_counts(ctx: BuildContext) -> pd.DataFrame:
    """State x model counts per snapshot, with the misprinted-state listings moved to the right state."""
    df = _read_counts(ctx, STATE_MODEL_RAW)[["snapshot_date", "state_abbr", "model", "n_agreements", "n_agencies"]]
    dates = snapshot_dates(ctx)
    agreements = _read_agreements(ctx)
    counts = df.set_index(["snapshot_date", "state_abbr", "model"])[["n_agreements", "n_agencies"]].copy()
    moved = 0
    for (state, agency_key, model, signed), (right, _reason) in STATE_MISPRINTS.items():
        row = agreements[_is_listing(agreements, state, agency_key, model, signed)].iloc[0]
        if int(row["missing_snapshots_in_window"]) != 0:
            raise BuildError(f"{agency_key}: the misprinted listing has gaps; its snapshots cannot be placed")
        others = agreements[_is_listing(agreements, right, agency_key, model)]
        for d in dates[bisect.bisect_left(dates, row["first_listed"]) : bisect.bisect_right(dates, row["last_listed"])]:
            # The agency must not already be counted under the right state and model on that date.
            if bool(((others["first_listed"] <= d) & (others["last_listed"] >= d)).any()):
                raise BuildError(f"{agency_key}: also listed under {right} on {d}; agency count would be wrong")
            counts.loc[(d, state, model)] -= 1
            if (d, right, model) in counts.index:
                counts.loc[(d, right, model)] += 1
            else:
                counts.loc[(d, right, model), ["n_agreements", "n_agencies"]] = [1, 1]
            moved += 1
    out = counts[counts["n_agreements"] > 0].reset_index().astype({"n_agreements": int, "n_agencies": int})
    ctx.log.step(
        f"move {moved} state-snapshot counts of misprinted-state listings to the right state",
        df,
        out,
        why="rows whose only agreement was the misprinted one drop out; rows for the right state are added",
    )
    return out


def build_by_state_month(ctx: BuildContext) -> pd.DataFrame:
    atlas = read_atlas(ctx, "2023")
    counts = state_model_counts(ctx)
    dates = pd.Series(snapshot_dates(ctx))
    last_of_month = dates.groupby(dates.str[:7]).max()
    keep = counts[counts["snapshot_date"].isin(set(last_of_month))].copy()
    ctx.log.step(
        "keep the last snapshot of each calendar month",
        counts,
        keep,
        why="one sheet per month keeps the file small; earlier sheets of the month are dropped",
    )
    keep["month"] = keep["snapshot_date"].str[:7] + "-01"
    keep["state_fips"] = keep["state_abbr"].map(state_codes(ctx).fips_by_abbr)
    keep["state_name"] = keep["state_fips"].map(atlas.state_name)
    # The series ends on 18 May 2026: May 2026's "last sheet of the month" is not the month's end.
    keep["is_partial_month"] = (keep["snapshot_date"] == dates.max()) & (
        pd.to_datetime(keep["snapshot_date"]) < pd.to_datetime(keep["month"]) + pd.offsets.MonthEnd(0)
    )
    return keep[[f.name for f in BY_STATE_MONTH.fields]]


BY_STATE_MONTH = Resource(
    name="agreements_287g_by_state_month",
    title="287(g) agreements by state and model at each month's last ICE sheet, Jan 2021 – May 2026",
    description=(
        "For each calendar month, the agreements and agencies ICE listed per state and model on the last sheet "
        "of that month. Only state-model combinations that the sheet lists appear: there are no zero rows, so a "
        "state with no agreement of a model in a month is simply absent."
    ),
    group="policy",
    sources=[ice_source(STATE_MODEL_RAW, TOTALS_RAW, AGREEMENTS_RAW), ATLAS_2023_NAMES_SOURCE],
    licenses=[PUBLIC_DOMAIN, ISC],
    coverage="ICE sheets, last snapshot of each month Jan 2021 – May 2026 (65 months)",
    build=build_by_state_month,
    fields=[
        Field("month", "date", "first day of the calendar month", required=True, minimum="2021-01-01", maximum="2026-05-01"),
        Field("snapshot_date", "date", "the month's last ICE sheet, whose counts are shown", required=True, minimum=FIRST_SNAPSHOT, maximum=LATEST_SNAPSHOT),
        Field("state_name", "string", "state or territory", required=True),
        state_abbr_field(),
        state_fips_field(),
        Field("model", "string", "287(g) model", required=True, enum=MODELS),
        Field("n_agreements", "integer", "agreements of this model in this state on the sheet", unit="agreements", required=True, minimum=1),
        Field("n_agencies", "integer", "distinct agencies holding this model in this state on the sheet", unit="agencies", required=True, minimum=1),
        Field("is_partial_month", "boolean", "the month's last sheet is before the month's end because the series ends (May 2026: sheet of 18 May)", required=True),
    ],
    primary_key=["month", "state_abbr", "model"],
    caveats=[
        "No zero rows: a missing state-model-month means ICE listed no such agreement on that sheet.",
        "The month's last sheet can be well before month end in 2021–2024 (Wayback captures); snapshot_date says which sheet.",
        "Two agreements that ICE printed under the wrong state for a few weeks in spring 2025 are counted under the right state (Minnesota, Texas).",
        "Agencies with several models are counted under each model.",
    ],
)


# --- counties on the latest sheet -----------------------------------------------------------------


def build_county_latest(ctx: BuildContext) -> pd.DataFrame:
    atlas = read_atlas(ctx, "2023")
    raw = ctx.read_csv(ROLLUP_RAW)
    df = raw.copy()
    missing = sorted(set(df["county_fips"]) - set(atlas.counties))
    # The latest sheet is a 2026 vintage, so the 2023 boundary file (Connecticut planning regions) applies.
    if missing:
        raise BuildError(f"agreements_287g_county_latest: counties not in the 2023 boundary file: {missing}")
    ctx.log.note("all county FIPS codes are in the 2023 boundary file")
    df["county_name"] = county_names(atlas, df["county_fips"])
    df["state_fips"] = df["county_fips"].str[:2]
    df["state_name"] = df["state_fips"].map(atlas.state_name)
    df["state_abbr"] = df["state_fips"].map(state_codes(ctx).abbr_by_fips)
    printed = df["state"].str.upper()
    if bool((printed != df["state_name"].str.upper()).any()):
        raise BuildError("agreements_287g_county_latest: the county's state differs from the printed state")
    for col in ("n_agencies", "n_agreements"):
        df[col] = df[col].astype(int)
    renames = {
        "has_jem": "has_jail_enforcement",
        "has_tfm": "has_task_force",
        "has_wso": "has_warrant_service",
    }
    df = df.rename(columns=renames)
    for col in [*renames.values(), "county_level_agency"]:
        df[col] = to_bool(df[col], f"county rollup {col}")
    out = df[[f.name for f in COUNTY_LATEST.fields]]
    ctx.log.step("name counties from the boundary file and rename columns", raw, out)
    return out


COUNTY_LATEST = Resource(
    name="agreements_287g_county_latest",
    title="Counties with a 287(g) agreement on ICE's sheet of 18 May 2026",
    description=(
        "One row per county that has at least one agency with a 287(g) agreement on ICE's latest sheet "
        "(18 May 2026): how many agencies and agreements, which models, whether a county-level agency (usually "
        "the sheriff, who runs the jail) holds one, and the earliest and latest signing dates. Ready for a "
        "county choropleth with the 2023 boundary file."
    ),
    group="policy",
    sources=[ice_source(ROLLUP_RAW), ATLAS_2023_NAMES_SOURCE],
    licenses=[PUBLIC_DOMAIN, ISC],
    coverage="ICE sheet of 2026-05-18; counties as in the 2023 Census boundary file",
    build=build_county_latest,
    fields=[
        county_fips_field("5-digit county FIPS code (2023 boundaries)", required=True),
        Field("state_name", "string", "state or territory", required=True),
        state_abbr_field(),
        state_fips_field(),
        Field("county_name", "string", "county name without 'County', from the 2023 Census boundary file", required=True),
        Field("n_agencies", "integer", "distinct agencies located in the county with at least one agreement", unit="agencies", required=True, minimum=1),
        Field("n_agreements", "integer", "agreements held by agencies located in the county", unit="agreements", required=True, minimum=1),
        Field("has_jail_enforcement", "boolean", "some agency in the county has a Jail Enforcement Model agreement", required=True),
        Field("has_task_force", "boolean", "some agency in the county has a Task Force Model agreement", required=True),
        Field("has_warrant_service", "boolean", "some agency in the county has a Warrant Service Officer agreement", required=True),
        Field("county_level_agency", "boolean", "a County-type agency (usually the sheriff's office) has an agreement", required=True),
        Field("earliest_signed", "date", "earliest signing date among the county's agreements (ICE's printed date)"),
        Field("latest_signed", "date", "latest signing date among the county's agreements", maximum=LATEST_SNAPSHOT),
    ],
    primary_key=["county_fips"],
    caveats=[
        "Counts agencies located in the county; a state agency or a regional jail may work in several counties and is counted where ICE places it.",
        "234 agreements on the latest sheet have no county (municipal police whose county ICE left blank, state agencies) and are not in this table.",
        "Counties absent from the table had no agency on the 18 May 2026 sheet; that is not a measure of cooperation or non-cooperation.",
        "County names follow the Census file; ICE's own spellings contain typos.",
    ],
)


# --- pending agencies -----------------------------------------------------------------------------------

NOT_STATED = "Not stated"
PENDING_STATE_SPELLINGS = {"MCHIGAN": "MICHIGAN", "WEST VIRIGINA": "WEST VIRGINIA"}

# ICE printed the wrong state for four pending agencies; each is listed with a county of the right state
# and, in three cases, on the participating sheets of the right state (agreements_287g).
PENDING_STATE_FIXES: dict[tuple[str, str], tuple[str, str]] = {
    # (printed state, agency_key): (right state, reason)
    ("FLORIDA", "KERSHAW COUNTY SHERIFFS OFFICE"): ("SC", "state printed as Florida; Kershaw County is in South Carolina"),
    ("TEXAS", "MCINTOSH COUNTY SHERIFFS OFFICE"): ("OK", "state printed as Texas; McIntosh County's sheriff is listed under Oklahoma on the participating sheets"),
    ("TEXAS", "MCKENZIE COUNTY SHERIFFS OFFICE"): ("ND", "state printed as Texas; McKenzie County's sheriff is listed under North Dakota on the participating sheets"),
    ("TEXAS", "TROUSDALE COUNTY SHERIFFS OFFICE"): ("TN", "state printed as Texas; Trousdale County's sheriff is listed under Tennessee on the participating sheets"),
}

# County cells the compiler could not match (typos, a misprinted state) or matched wrongly.
PENDING_COUNTY_FIXES: dict[tuple[str, str], tuple[str | None, str]] = {
    # (state, agency_key): (county FIPS or None, reason)
    ("AR", "LAFAYETTE COUNTY SHERIFFS OFFICE"): ("05073", "typo for Lafayette County ('Lafaytte County')"),
    ("KS", "SEDGWICK COUNTY SHERIFFS OFFICE"): ("20173", "typo for Sedgwick County ('Sedgqick County')"),
    ("MS", "DEPARTMENT OF PUBLIC SAFETY"): ("28049", "typo for Hinds County (state agency headquarters county)"),
    ("SC", "SCRANTON POLICE DEPARTMENT"): (
        "45041",
        "ICE's pending sheet printed Lackawanna County (Pennsylvania) under South Carolina; its participating "
        "sheets print Florence County, SC, where the town of Scranton lies",
    ),
    ("PA", "DAMASCUS COUNTY CONSTABLE"): (None, "ICE printed 'Damascus County', which does not exist (Damascus Township is in Wayne County); left blank"),
    ("TX", "SPLENDORA POLICE DEPARTMENT"): (None, "ICE printed '#n?A' (a spreadsheet error value); left blank"),
}


def _merge_pending_duplicates(ctx: BuildContext, df: pd.DataFrame) -> pd.DataFrame:
    """Merge a misprinted-state pending listing into the listing of the same agency under the right state.

    Kershaw (SC), Trousdale (TN) and the two West Virginia agencies printed under 'WEST VIRIGINA' were
    also listed under the right state just before or after: one request, two listings. Their windows
    must not overlap; snapshots are added.
    """
    key = ["state_abbr", "agency_key", "model"]
    dup = df.duplicated(key, keep=False)
    if not bool(dup.any()):
        return df
    for _, grp in df[dup].groupby(key):
        if int(grp["state_fixed"].sum()) != 1:
            raise BuildError(f"agreements_287g_pending: unexpected duplicate listings {grp['agency'].tolist()}")
    before = df
    keep_rows = []
    for _, grp in df[dup].groupby(key, sort=True):
        grp = grp.sort_values("first_listed_pending")
        if len(grp) != 2 or grp["last_listed_pending"].iloc[0] >= grp["first_listed_pending"].iloc[1]:
            raise BuildError(f"agreements_287g_pending: cannot merge {grp['agency'].tolist()}")
        right = grp[~grp["state_fixed"]]
        wrong = grp[grp["state_fixed"]]
        row = right.iloc[0].copy()
        row["first_listed_pending"] = grp["first_listed_pending"].min()
        row["last_listed_pending"] = grp["last_listed_pending"].max()
        row["n_pending_snapshots"] = int(grp["n_pending_snapshots"].astype(int).sum())
        row["on_latest_pending_sheet"] = "True" if (grp["on_latest_pending_sheet"] == "True").any() else "False"
        row["county_fips_note"] = (
            f"{wrong['county_fips_note'].iloc[0]} (listed so from {wrong['first_listed_pending'].iloc[0]} to "
            f"{wrong['last_listed_pending'].iloc[0]}); merged with the listing under the right state"
        )
        keep_rows.append(row)
    df = pd.concat([df[~dup], pd.DataFrame(keep_rows)], ignore_index=True)
    ctx.log.step(
        "merge misprinted-state pending listings with the same agency's listing under the right state",
        before,
        df,
        why="ICE listed 4 agencies under a wrong or misspelt state for a few days before or after the right one",
    )
    return df


def build_pending(ctx: BuildContext) -> pd.DataFrame:
    atlas = read_atlas(ctx, "2023")
    raw = ctx.read_csv(PENDING_RAW)
    df = raw.rename(columns={"support_type": "model", "n_snapshots": "n_pending_snapshots"}).copy()
    for col in ("county", "county_fips", "agency_type", "first_listed_participating", "state_abbr", "state_fips"):
        df[col] = blank_to_none(df[col])
    df["county_fips_note"] = None

    # States: fix two misspellings the compiler left (their rows have no state code) ...
    misspelt = df["state"].isin(list(PENDING_STATE_SPELLINGS))
    df.loc[misspelt, "county_fips_note"] = "state printed as '" + df.loc[misspelt, "state"] + "'"
    df["state"] = df["state"].replace(PENDING_STATE_SPELLINGS)
    df["state_fixed"] = misspelt
    by_name = atlas.state_fips_by_name()
    fips_from_name = df["state"].map(by_name)
    if bool(fips_from_name.isna().any()):
        raise BuildError(f"agreements_287g_pending: unknown states {sorted(set(df['state'][fips_from_name.isna()]))}")
    known = df["state_fips"].notna()
    if bool((df.loc[known, "state_fips"] != fips_from_name[known]).any()):
        raise BuildError("agreements_287g_pending: state name and state FIPS disagree")
    ctx.log.note(f"state code filled for {int((~known).sum())} rows with a misspelt state ({sorted(PENDING_STATE_SPELLINGS)})")
    df["state_fips"] = fips_from_name
    codes = state_codes(ctx)
    # ... and the four agencies ICE placed in the wrong state.
    for (state, agency_key), (right, reason) in PENDING_STATE_FIXES.items():
        hit = (df["state"] == state) & (df["agency_key"] == agency_key)
        if not bool(hit.any()):
            raise BuildError(f"agreements_287g_pending: state fix for {agency_key} matches no row")
        df.loc[hit, "state_fips"] = codes.fips_by_abbr[right]
        df.loc[hit, "county_fips_note"] = reason
        df.loc[hit, "state_fixed"] = True
        ctx.log.note(f"{agency_key}: state {state} -> {right} ({int(hit.sum())} row(s))")
    df["state_abbr"] = df["state_fips"].map(codes.abbr_by_fips)
    df = _merge_pending_duplicates(ctx, df)

    # Counties: explicit fixes first, then ICE's county cell matched to the boundary file by name.
    for (state, agency_key), (fips, reason) in PENDING_COUNTY_FIXES.items():
        hit = (df["state_abbr"] == state) & (df["agency_key"] == agency_key)
        if not bool(hit.any()):
            raise BuildError(f"agreements_287g_pending: county fix for {agency_key} matches no row")
        df.loc[hit, "county_fips"] = fips
        df.loc[hit, "county_fips_note"] = reason
    county_by_name = atlas.county_fips_by_name()
    explicit = pd.Series(
        [(s, k) in PENDING_COUNTY_FIXES for s, k in zip(df["state_abbr"], df["agency_key"], strict=True)],
        index=df.index,
    )
    open_rows = df["county_fips"].isna() & df["county"].notna() & ~explicit
    for idx in df.index[open_rows]:
        stem = re.sub(r"\s+(County|Parish)$", "", str(df.at[idx, "county"]).strip(), flags=re.I)
        fips = county_by_name.get((df.at[idx, "state_fips"], county_name_key(stem)))
        if fips is None:
            raise BuildError(f"agreements_287g_pending: county {df.at[idx, 'county']!r} ({df.at[idx, 'state']}) unmatched")
        df.at[idx, "county_fips"] = fips
        note = "county name matched to the 2023 boundary file by this build"
        prior = df.at[idx, "county_fips_note"]
        df.at[idx, "county_fips_note"] = note if pd.isna(prior) else f"{prior}; {note}"
    ctx.log.note(f"county FIPS filled from ICE's county name for {int(open_rows.sum())} rows")
    check_county_in_state(df, "agreements_287g_pending")
    df["county_name"] = county_names(atlas, df["county_fips"])
    df["state_name"] = df["state_fips"].map(atlas.state_name)

    # Four rows have no model ('nan' in the compiler's file: ICE left the cell empty).
    df["model"] = df["model"].replace({"nan": NOT_STATED, "": NOT_STATED})
    df["on_latest_pending_sheet"] = to_bool(df["on_latest_pending_sheet"], "pending on_latest_pending_sheet")
    df["n_pending_snapshots"] = df["n_pending_snapshots"].astype(int)

    # first_listed_participating = first listing of the same state, agency and model in agreements_287g.
    # Recomputed (it reproduces the compiler's values) so that the state fixes above find their agreements.
    agreements = ctx.table("agreements_287g")
    first = agreements.groupby(["state_abbr", "agency_key", "model"])["first_listed"].min().rename("recomputed")
    df = df.join(first, on=["state_abbr", "agency_key", "model"])
    recomputed = df["recomputed"].map(lambda v: None if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d"))
    changed = recomputed.fillna("") != df["first_listed_participating"].fillna("")
    ctx.log.note(
        f"first_listed_participating recomputed from agreements_287g: {int(changed.sum())} rows changed "
        "(state fixes here, and the merged misprinted-state listings there)"
    )
    df["first_listed_participating"] = recomputed
    out = df[[f.name for f in PENDING.fields]]
    ctx.log.step("select columns", df, out)
    return out


PENDING = Resource(
    name="agreements_287g_pending",
    title="Agencies on ICE's 287(g) 'Pending Agencies' lists, Feb 2025 – Feb 2026",
    description=(
        "Every agency and model that ICE listed as pending (agreement requested, not yet in force) on its "
        "'Pending Agencies' sheets from 21 February 2025 to 27 February 2026, with when it was first and last "
        "listed as pending and when the same agency and model first appeared on the participating list."
    ),
    group="policy",
    sources=[ice_source(PENDING_RAW, AGREEMENTS_RAW), ATLAS_2023_NAMES_SOURCE],
    licenses=[PUBLIC_DOMAIN, ISC],
    coverage="ICE pending sheets 2025-02-21 to 2026-02-27 (ICE stopped updating the pending list after that)",
    build=build_pending,
    fields=[
        Field("state_name", "string", "state or territory", required=True),
        state_abbr_field(),
        state_fips_field(),
        county_fips_field("5-digit FIPS of the county ICE names for the agency (blank where ICE gives none)"),
        Field("county_name", "string", "county name without 'County', from the 2023 Census boundary file"),
        Field("county_fips_note", "string", "how a misprinted state or county was fixed by this build (blank if nothing)"),
        Field("agency", "string", "agency name as ICE last printed it on the pending list", required=True),
        Field("agency_type", "string", "ICE's TYPE column", enum=AGENCY_TYPES),
        Field("model", "string", "287(g) model requested ('Not stated' where ICE left the cell empty)", required=True, enum=(*MODELS, NOT_STATED)),
        Field("first_listed_pending", "date", "first pending sheet listing it", required=True, minimum="2025-02-21", maximum="2026-02-27"),
        Field("last_listed_pending", "date", "last pending sheet listing it", required=True, minimum="2025-02-21", maximum="2026-02-27"),
        Field("n_pending_snapshots", "integer", "number of pending sheets listing it", unit="snapshots", required=True, minimum=1),
        Field("on_latest_pending_sheet", "boolean", "on the last pending sheet (2026-02-27)", required=True),
        Field("first_listed_participating", "date", "first participating sheet listing the same state, agency and model (blank if never)", maximum=LATEST_SNAPSHOT),
        Field("agency_key", "string", "agency name upper-cased without punctuation (matches agreements_287g)", required=True),
    ],
    primary_key=["state_abbr", "agency_key", "model"],
    caveats=[
        "ICE stopped updating the pending list after 27 February 2026; 'pending' after that date is unknown.",
        "An agency that never reached the participating list may have withdrawn, been refused, or still be waiting.",
        "Fixed by this build: two misspelt states, four agencies printed under the wrong state, several misspelt counties (see county_fips_note).",
    ],
)

RESOURCES: list[Resource] = [AGREEMENTS, TOTALS, BY_MODEL, BY_STATE_MONTH, COUNTY_LATEST, PENDING]
