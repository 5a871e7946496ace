"""National ICE detention statistics: book-ins, detained population, book-outs, removals, facilities.

ICE posts a spreadsheet about every two weeks; each repeats every month of its fiscal year so far.
The raw folder already holds one value per month (the "consensus" across releases, see its
PROVENANCE). Here the tables are renamed, typed and flagged: a month whose only source was pulled
before the month ended is `is_partial_month`, and a fiscal year whose latest release predates 30
September is `is_partial_year`. Nothing partial is dropped.
"""

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
    to_bool,
    to_float,
    to_int,
)
from .core import NO_LICENCE_STATED, BuildContext, BuildError, Resource
from .enforcement_common import (
    AOR_CODES_RAW,
    ICE_STATS_DIR,
    aor_names,
    check_fiscal_year,
    county_from_facility_name,
    fiscal_year_end,
    fiscal_year_start,
    ice_stats_source,
    uwchr_source,
)

BOOK_INS_RAW = "book_ins_monthly_by_arresting_agency.csv"
ADP_RAW = "detention_adp_monthly_by_agency_criminality.csv"
BOOK_OUTS_RAW = "book_outs_monthly_by_release_reason.csv"
REMOVALS_RAW = "removals_fytd_by_release.csv"
FACILITY_RAW = "facility_adp_by_fiscal_year.csv"
ST_PAUL_RAW = "st_paul_aor_facility_adp_by_release.csv"

AGENCIES = ("CBP", "ICE", "Total")
# ICE's own criminality classes. FY2019 sheets had only two: "Convicted Criminal" and "Non-Criminal".
CRIMINALITY = ("Total", "Convicted Criminal", "Pending Criminal Charges", "Other Immigration Violator", "Non-Criminal")
RELEASE_REASONS = (
    "Total",
    "Bond Set by ICE",
    "Bond Set by IJ",
    "Bonded Out",
    "Court Ordered",
    "Order of Recognizance",
    "Order of Supervision",
    "Paroled",
)


# --- shared fields ---------------------------------------------------------------------------------
MONTH = Field("month", "date", "first day of the calendar month counted", required=True)

FISCAL_YEAR = Field(
    "fiscal_year", "integer", "federal fiscal year of the month (Oct-Sep; FY2026 = Oct 2025 - Sep 2026)", required=True
)
PARTIAL_MONTH = Field(
    "is_partial_month",
    "boolean",
    "true if the only ICE spreadsheet giving this value was pulled before the month ended, so it covers only the "
    "days up to `data_as_of` (Sep 2020 as of 2020-09-30, Sep 2021 as of 09-27, Sep 2022 as of 09-19, Sep 2023 as "
    "of 09-30, Sep 2025 as of 09-15, Apr 2026 as of 2026-04-02; book-outs also Feb 2026 'Paroled' as of 02-05). "
    "ICE's next-year spreadsheets do not repeat the previous year, so no complete value exists: mark or leave out",
    required=True,
)
DATA_AS_OF = Field(
    "data_as_of",
    "date",
    "ICE's 'data as of' date (IIDS pull date) of the spreadsheet the value was taken from",
    required=True,
)
N_RELEASES = Field(
    "n_releases_with_value",
    "integer",
    "number of ICE spreadsheets (kept releases) that printed a value for this month and category",
    minimum=1,
)
N_AGREEING = Field(
    "n_releases_agreeing",
    "integer",
    "how many of those printed a value within 3% of their median (later releases revise earlier months)",
    minimum=1,
)
# The last four columns of every monthly table: whether the month is complete and where its value comes from.
CONSENSUS_FIELDS = [PARTIAL_MONTH, DATA_AS_OF, N_RELEASES, N_AGREEING]


def _consensus_table(ctx: BuildContext, raw: pd.DataFrame, columns: dict[str, pd.Series]) -> pd.DataFrame:
    """A monthly table: month and fiscal year, the table's own `columns`, then the CONSENSUS_FIELDS columns."""
    out = pd.DataFrame(index=raw.index)
    out["month"] = pd.to_datetime(raw["date"], format="%Y-%m-%d")
    if bool((out.month.dt.day != 1).any()):
        raise BuildError(f"{ctx.log.resource}: a 'date' is not the first day of a month")
    out["fiscal_year"] = raw["fiscal_year"].astype(int)
    check_fiscal_year(ctx, out.month, raw["fiscal_year"])
    # PROVENANCE: month_complete_in_source = False for months whose only source was pulled before the month ended.
    out["is_partial_month"] = ~to_bool(raw["month_complete_in_source"], "month_complete_in_source")
    out["data_as_of"] = pd.to_datetime(raw["source_pull_date"], format="%Y-%m-%d")
    out["n_releases_with_value"] = to_int(raw["n_releases_with_value"], "n_releases_with_value")
    out["n_releases_agreeing"] = to_int(raw["n_releases_agreeing"], "n_releases_agreeing")
    partial = out.loc[out.is_partial_month, ["month", "data_as_of"]].drop_duplicates()
    ctx.log.note(
        "partial months flagged (month: data as of): "
        + ", ".join(f"{m:%Y-%m}: {d:%Y-%m-%d}" for m, d in partial.itertuples(index=False))
    )
    return pd.DataFrame(
        {
            "month": out.month,
            "fiscal_year": out.fiscal_year,
            **columns,
            **{f.name: out[f.name] for f in CONSENSUS_FIELDS},
        }
    )


# --- 1. book-ins ---------------------------------------------------------------------------------
def build_book_ins(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{ICE_STATS_DIR}/{BOOK_INS_RAW}")
    out = _consensus_table(
        ctx,
        raw,
        {"arresting_agency": raw["arresting_agency"], "n_book_ins": to_int(raw["n_book_ins"], "n_book_ins")},
    )
    wide = out.pivot(index="month", columns="arresting_agency", values="n_book_ins")
    gap = (wide["Total"] - wide["ICE"] - wide["CBP"]).abs().max()
    ctx.log.note(f"checked: Total = ICE + CBP in every month (largest difference {gap})")
    ctx.log.step("rename, type counts, flag partial months", raw, out)
    return out


ICE_BOOK_INS = Resource(
    name="ice_book_ins_monthly",
    title="ICE initial book-ins into detention per month, by arresting agency (FY2019 - April 2026)",
    description=(
        "How many times people were booked into ICE detention for the first time in a detention stay, per month, "
        "split by the agency that made the arrest: ICE itself (interior arrests) or U.S. Customs and Border "
        "Protection (CBP, mostly at the border), plus the Total. Counts are book-ins, not people. Values come from "
        "ICE's biweekly detention statistics spreadsheets; each month's value is the one printed by the latest "
        "release pulled after the month ended (`data_as_of`). Months that ICE only ever printed while they were "
        "still running are flagged `is_partial_month`: September 2020 (data as of 2020-09-30), September 2021 "
        "(2021-09-27), September 2022 (2022-09-19), September 2023 (2023-09-30), September 2025 (2025-09-15, about "
        "half the month) and April 2026 (2026-04-02, two days)."
    ),
    group="enforcement",
    sources=[ice_stats_source(BOOK_INS_RAW, "data/book-ins-by-arresting-agency.parquet")],
    licenses=[NO_LICENCE_STATED],
    coverage="national; monthly Oct 2018 - Apr 2026 (Apr 2026 partial); spreadsheets pulled 2019-10-07 to 2026-04-02",
    build=build_book_ins,
    fields=[
        MONTH,
        FISCAL_YEAR,
        Field(
            "arresting_agency",
            "string",
            "agency that made the arrest leading to the book-in: 'ICE', 'CBP', or 'Total' (= ICE + CBP); "
            "do not add Total to the other two",
            required=True,
            enum=AGENCIES,
        ),
        Field("n_book_ins", "integer", "initial book-ins into ICE detention in the month", unit="book-ins", minimum=0),
        *CONSENSUS_FIELDS,
    ],
    primary_key=["month", "arresting_agency"],
    caveats=[
        "Counts book-ins, not people: one person can be booked in more than once.",
        "Partial months (is_partial_month) are under-counted; leave them out of trends or mark them.",
        "Later ICE releases revise earlier months; the value kept is the latest one pulled after the month ended.",
        "A few ICE spreadsheets were mislabelled (wrong fiscal year or dates); the Deportation Data Project's "
        "parsing was kept and those releases were left out, not corrected.",
    ],
)


# --- 2. detained population ----------------------------------------------------------------------
def build_adp(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{ICE_STATS_DIR}/{ADP_RAW}")
    # "All" is the Deportation Data Project's label for the sum of the criminality classes; ICE's sheets
    # print "Total", which the book-out table also uses, so the three ICE tables share one word.
    criminality = raw["criminality"].replace({"All": "Total"})
    ctx.log.note("criminality 'All' renamed 'Total' (ICE's word, as in the book-out table)")
    # PROVENANCE: "a few old releases used 'Non-Criminal'". In every FY2019 month Non-Criminal equals
    # Total minus Convicted Criminal, i.e. it covers both later classes ("Pending Criminal Charges" and
    # "Other Immigration Violator"), so it is NOT the same as "Other Immigration Violator". Kept as printed.
    old = raw.assign(criminality=criminality, adp=to_float(raw["adp"]))
    old = old[old.fiscal_year == "2019"].pivot_table(
        index=["date", "arresting_agency"], columns="criminality", values="adp"
    )
    gap = (old["Total"] - old["Convicted Criminal"] - old["Non-Criminal"]).abs().max()
    if gap > 0.5:
        raise BuildError(f"{ctx.log.resource}: FY2019 'Non-Criminal' is not Total - Convicted ({gap})")
    ctx.log.note(
        f"kept 'Non-Criminal' (FY2019 only, {int((criminality == 'Non-Criminal').sum())} rows): it equals Total - "
        f"Convicted Criminal (largest difference {gap:.1f}), so it spans pending charges and other violators"
    )
    out = _consensus_table(
        ctx,
        raw,
        {"arresting_agency": raw["arresting_agency"], "criminality": criminality, "adp": to_float(raw["adp"])},
    )
    ctx.log.step("rename, type, flag partial months", raw, out)
    return out


ICE_ADP = Resource(
    name="ice_detained_population_monthly",
    title="People in ICE detention on an average day, per month, by arresting agency and criminality (FY2019 - April 2026)",
    description=(
        "Average daily population (ADP) in ICE detention in each month: how many people were held on an average "
        "day, split by the agency that arrested them (ICE, CBP, Total) and by ICE's criminality class in ICE's own "
        "words: 'Convicted Criminal', 'Pending Criminal Charges', 'Other Immigration Violator' (no criminal "
        "conviction or pending charge recorded) and 'Total'. FY2019 spreadsheets (Oct 2018 - Sep 2019) used only two "
        "classes, 'Convicted Criminal' and 'Non-Criminal'; 'Non-Criminal' equals Total minus Convicted Criminal, so "
        "it spans both later non-conviction classes and is kept under its own name (it is not the same as 'Other "
        "Immigration Violator'). Partial months are flagged: their average covers only the days to `data_as_of`."
    ),
    group="enforcement",
    sources=[ice_stats_source(ADP_RAW, "data/adp-by-agency-criminality.parquet")],
    licenses=[NO_LICENCE_STATED],
    coverage="national; monthly Oct 2018 - Apr 2026 (Apr 2026 partial); spreadsheets pulled 2019-10-07 to 2026-04-02",
    build=build_adp,
    fields=[
        MONTH,
        FISCAL_YEAR,
        Field(
            "arresting_agency",
            "string",
            "agency whose arrest led to the detention: 'ICE', 'CBP', or 'Total' (= both; do not add it to the others)",
            required=True,
            enum=AGENCIES,
        ),
        Field(
            "criminality",
            "string",
            "ICE's criminality class, in ICE's words: 'Convicted Criminal', 'Pending Criminal Charges', 'Other "
            "Immigration Violator' (neither), 'Non-Criminal' (FY2019 only: everyone without a conviction) or 'Total'",
            required=True,
            enum=CRIMINALITY,
        ),
        Field(
            "adp",
            "number",
            "average number of people held on a day in the month",
            unit="people, average daily population",
            minimum=0,
        ),
        *CONSENSUS_FIELDS,
    ],
    primary_key=["month", "arresting_agency", "criminality"],
    caveats=[
        "FY2019 (Oct 2018 - Sep 2019) has 'Non-Criminal' instead of 'Pending Criminal Charges' + 'Other Immigration "
        "Violator'; compare 'Convicted Criminal' and 'Total' across the whole period, not the other classes.",
        "Each value is the latest agreeing release for that month and class, so classes of one month can come from "
        "different releases and may not add up exactly to Total (differences up to about 225 people).",
        "A partial month's average covers only the days up to data_as_of.",
        "The parent agency of each criminality row was assigned from the row order of ICE's table by the Deportation "
        "Data Project's parser.",
    ],
)


# --- 3. book-outs --------------------------------------------------------------------------------
def build_book_outs(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{ICE_STATS_DIR}/{BOOK_OUTS_RAW}")
    out = _consensus_table(
        ctx,
        raw,
        {
            "release_reason": raw["release_reason"],
            "criminality": raw["criminality"],
            "n_book_outs": to_int(raw["n_book_outs"], "n_book_outs"),
        },
    )
    feb = out[(out.month == "2026-02-01") & out.is_partial_month]
    ctx.log.note(
        "Feb 2026: partial only for release reason(s) "
        f"{sorted(feb.release_reason.unique())} (ICE's 2026-04-02 sheet no longer lists them, so the last value is "
        "from the 2026-02-05 sheet); the other Feb 2026 rows come from the 2026-04-02 sheet and are complete"
    )
    _check_total_definition(ctx, out)
    ctx.log.step("rename, type counts, flag partial months", raw, out)
    return out


def _check_total_definition(ctx: BuildContext, out: pd.DataFrame) -> None:
    """Confirm where 'Total' stops being the sum of the listed releases (found while charting notebook 03)."""
    rows = out[out.criminality == "Total"]
    wide = rows.pivot_table(index="month", columns="release_reason", values="n_book_outs", aggfunc="sum")
    parts = [c for c in wide.columns if c not in ("Total", "Bonded Out")]  # Bonded Out = the two bond rows added
    ratio = wide["Total"] / wide[parts].sum(axis=1)
    before = ratio[ratio.index < pd.Timestamp("2023-10-01")]
    after = ratio[ratio.index >= pd.Timestamp("2023-10-01")]
    if not (before.between(0.99, 1.01).all() and (after > 1.5).all()):
        raise BuildError(f"{ctx.log.resource}: 'Total' no longer changes definition at October 2023; re-read the source")
    ctx.log.note("checked: 'Total' = sum of listed releases to Sep 2023 (within 1%), and > 1.5x that sum from Oct 2023")


ICE_BOOK_OUTS = Resource(
    name="ice_book_outs_monthly",
    title="Book-outs (releases) from ICE detention per month, by release reason and criminality (FY2021 - April 2026)",
    description=(
        "How many times people left ICE detention in each month, by ICE's release reason and criminality class. "
        "release_reason 'Total' changes meaning in October 2023: in the FY2021-FY2023 spreadsheets it equals the "
        "sum of the listed release reasons (releases only); from FY2024 on it counts every book-out, removals "
        "included, so it roughly doubles from September to October 2023. The other "
        "reasons are kinds of release into the United States: 'Bonded Out', 'Bond Set by ICE', 'Bond Set by IJ' "
        "(immigration judge), 'Order of Recognizance', 'Order of Supervision', 'Paroled' and, from October 2025, "
        "'Court Ordered'. Removals are not a separate reason here. Partial months are flagged per row: Sep 2021, "
        "Sep 2022, Sep 2023, Sep 2025 and Apr 2026 for every reason, and February 2026 for 'Paroled' only (its last "
        "value is from the sheet pulled 2026-02-05; the reason is missing from later sheets)."
    ),
    group="enforcement",
    sources=[ice_stats_source(BOOK_OUTS_RAW, "data/book-outs-by-reason.parquet")],
    licenses=[NO_LICENCE_STATED],
    coverage="national; monthly Oct 2020 - Apr 2026 (Apr 2026 partial); spreadsheets pulled 2021-02-22 to 2026-04-02",
    build=build_book_outs,
    fields=[
        MONTH,
        FISCAL_YEAR,
        Field(
            "release_reason",
            "string",
            "ICE's book-out reason: 'Total' (FY2021-FY2023: all releases; from FY2024: all book-outs, removals "
            "included) or a kind of release ('Bonded Out', "
            "'Bond Set by ICE', 'Bond Set by IJ', 'Order of Recognizance', 'Order of Supervision', 'Paroled', "
            "'Court Ordered')",
            required=True,
            enum=RELEASE_REASONS,
        ),
        Field(
            "criminality",
            "string",
            "ICE's criminality class: 'Convicted Criminal', 'Pending Criminal Charges', 'Other Immigration Violator' "
            "or 'Total' (all three)",
            required=True,
            enum=CRIMINALITY[:4],
        ),
        Field("n_book_outs", "integer", "book-outs from ICE detention in the month", unit="book-outs", minimum=0),
        *CONSENSUS_FIELDS,
    ],
    primary_key=["month", "release_reason", "criminality"],
    caveats=[
        "'Total' is not one series: through September 2023 it is the sum of the listed releases; from October "
        "2023 (FY2024) it also counts removals, so it jumps. Never draw Total across that break as one trend.",
        "ICE stopped printing 'Paroled' after February 2026 (no rows for March-April 2026); a few criminality rows "
        "with zero book-outs are absent (e.g. Paroled, May and Sep 2025).",
        "'Court Ordered' appears only from October 2025.",
        "Partial months (is_partial_month) are under-counted.",
    ],
)


# --- 4-5. removals -------------------------------------------------------------------------------
def _removals_raw(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{ICE_STATS_DIR}/{REMOVALS_RAW}")
    raw["kept"] = to_bool(raw["kept"], "kept")
    raw["is_latest_kept_release_in_fy"] = to_bool(raw["is_latest_kept_release_in_fy"], "is_latest")
    raw["fiscal_year"] = raw["fiscal_year"].astype(int)
    raw["data_as_of"] = pd.to_datetime(raw["pull_date"], format="%Y-%m-%d")
    raw["file_date"] = pd.to_datetime(raw["file_date"], format="%Y-%m-%d")
    raw["removals_fytd"] = to_int(raw["removals_fytd"], "removals_fytd")
    return raw


def build_removals_fy(ctx: BuildContext) -> pd.DataFrame:
    raw = _removals_raw(ctx)
    latest = raw[raw.is_latest_kept_release_in_fy]
    if not bool(latest.kept.all()) or latest.fiscal_year.duplicated().any():
        raise BuildError(f"{ctx.log.resource}: expected one kept latest release per fiscal year")
    ctx.log.step(
        "keep each fiscal year's latest kept release",
        raw,
        latest,
        why="the other releases are earlier fiscal-year-to-date figures or dropped mislabelled releases",
    )
    end = fiscal_year_end(latest.fiscal_year)
    short = (end - latest.data_as_of).dt.days.clip(lower=0)
    out = pd.DataFrame(
        {
            "fiscal_year": latest.fiscal_year,
            "removals": latest.removals_fytd,
            "data_as_of": latest.data_as_of,
            "is_partial_year": latest.data_as_of < end,
            "days_short_of_year_end": short.astype("int64"),
        }
    )
    ctx.log.note(
        "partial fiscal years: "
        + ", ".join(f"FY{r.fiscal_year} as of {r.data_as_of:%Y-%m-%d}" for r in out[out.is_partial_year].itertuples())
    )
    return out


ICE_REMOVALS_FY = Resource(
    name="ice_removals_by_fiscal_year",
    title="ICE removals per fiscal year, FY2019 - FY2026 to date",
    description=(
        "Removals (deportations) carried out by ICE in each federal fiscal year, as printed in the latest ICE "
        "detention statistics spreadsheet of that year that passed the release checks. Four years are not complete "
        "in this source and are flagged `is_partial_year`: FY2021 (data as of 2021-09-27), FY2022 (2022-09-19), "
        "FY2025 (2025-09-15, about two weeks short) and FY2026 (2026-04-02, the year to date). The FY2019, FY2020, "
        "FY2023 and FY2024 totals match ICE's published annual report totals."
    ),
    group="enforcement",
    sources=[ice_stats_source(REMOVALS_RAW, "data/removals.parquet")],
    licenses=[NO_LICENCE_STATED],
    coverage="national; fiscal years 2019-2026 (FY2026 to 2026-04-02)",
    build=build_removals_fy,
    fields=[
        Field("fiscal_year", "integer", "federal fiscal year (Oct-Sep; FY2026 = Oct 2025 - Sep 2026)", required=True),
        Field("removals", "integer", "removals by ICE in the fiscal year up to data_as_of", unit="removals", minimum=0),
        Field("data_as_of", "date", "ICE's 'data as of' date of the spreadsheet the figure comes from", required=True),
        Field(
            "is_partial_year",
            "boolean",
            "true if that spreadsheet was pulled before the fiscal year ended on 30 September, so the figure is short "
            "of the full year",
            required=True,
        ),
        Field(
            "days_short_of_year_end",
            "integer",
            "days from data_as_of to 30 September of the fiscal year (0 for complete years)",
            unit="days",
            minimum=0,
        ),
    ],
    primary_key=["fiscal_year"],
    caveats=[
        "FY2021, FY2022 and FY2025 stop 3, 11 and 15 days before the year end; FY2026 is the year to 2 April 2026.",
        "Removals count events, not people; ICE's annual report may differ slightly for the partial years.",
    ],
)


def build_removals_releases(ctx: BuildContext) -> pd.DataFrame:
    raw = _removals_raw(ctx)
    dropped = raw[~raw.kept]
    for flag, group in dropped.groupby("flag", sort=True):
        ctx.log.note(
            f"dropped release(s), {flag}: "
            + "; ".join(
                f"FY{r.fiscal_year} as of {r.data_as_of:%Y-%m-%d} (file {r.file_date:%Y-%m-%d}) {r.removals_fytd:,}"
                for r in group.itertuples()
            )
        )
    kept = raw[raw.kept]
    ctx.log.step(
        "keep releases that passed the checks", raw, kept, why="mislabelled or inconsistent releases (listed above)"
    )
    # Several spreadsheets can print the same 'data as of' date. Where they also print the same number they are
    # copies; where a later file prints a larger number under the same date (FY2024 2024-05-13, FY2025
    # 2025-01-21) the later file's date line was not updated, so the first file printed with that date is kept.
    kept = kept.sort_values(["fiscal_year", "data_as_of", "file_date"], kind="mergesort")
    first = kept.drop_duplicates(["fiscal_year", "data_as_of"], keep="first")
    later = kept[kept.duplicated(["fiscal_year", "data_as_of"], keep="first")]
    merged = later.merge(first, on=["fiscal_year", "data_as_of"], suffixes=("", "_first"))
    differing = merged[merged.removals_fytd != merged.removals_fytd_first]
    ctx.log.note(
        "same 'data as of' date, different number (later file kept out): "
        + "; ".join(
            f"FY{r.fiscal_year} {r.data_as_of:%Y-%m-%d}: file {r.file_date:%Y-%m-%d} {r.removals_fytd:,} vs first "
            f"file {r.file_date_first:%Y-%m-%d} {r.removals_fytd_first:,}"
            for r in differing.itertuples()
        )
    )
    ctx.log.step(
        "one row per fiscal year and data-as-of date",
        kept,
        first,
        why=f"{len(later) - len(differing)} later copies with the same number and {len(differing)} later files whose "
        "'data as of' line was not updated",
    )
    out = pd.DataFrame(
        {
            "fiscal_year": first.fiscal_year,
            "data_as_of": first.data_as_of,
            "removals_fytd": first.removals_fytd,
            "days_into_fiscal_year": (first.data_as_of - fiscal_year_start(first.fiscal_year)).dt.days.astype("int64"),
        }
    )
    falls = out.sort_values(["fiscal_year", "data_as_of"]).groupby("fiscal_year").removals_fytd.diff().lt(0).sum()
    ctx.log.note(f"checked: fiscal-year-to-date removals never fall within a fiscal year ({int(falls)} falls)")
    if falls:
        raise BuildError(f"{ctx.log.resource}: fiscal-year-to-date removals fall between kept releases")
    return out


ICE_REMOVALS_RELEASES = Resource(
    name="ice_removals_fytd_releases",
    title="ICE removals so far in the fiscal year, as printed in each ICE detention spreadsheet (FY2019 - FY2026)",
    description=(
        "Cumulative removals since 1 October, as printed in each ICE detention statistics spreadsheet that passed "
        "the release checks (about every two weeks from FY2021; FY2019 and FY2020 only the year-end files). For a "
        "chart of removals by days into the fiscal year, one line per year. Releases left out (mislabelled files "
        "repeating the FY2020 total, pull dates outside the fiscal year, spikes larger than later releases, and later "
        "files repeating an earlier 'data as of' date) are listed in the build log, not in the table."
    ),
    group="enforcement",
    sources=[ice_stats_source(REMOVALS_RAW, "data/removals.parquet")],
    licenses=[NO_LICENCE_STATED],
    coverage="national; releases pulled 2019-10-07 to 2026-04-02",
    build=build_removals_releases,
    fields=[
        Field("fiscal_year", "integer", "federal fiscal year the figure counts (Oct-Sep)", required=True),
        Field("data_as_of", "date", "ICE's 'data as of' date printed in the spreadsheet", required=True),
        Field("removals_fytd", "integer", "removals from 1 October to data_as_of", unit="removals", minimum=0),
        Field(
            "days_into_fiscal_year",
            "integer",
            "days from 1 October to data_as_of (a value above 364 is a year-end file pulled in early October)",
            unit="days",
            minimum=0,
        ),
    ],
    primary_key=["fiscal_year", "data_as_of"],
    caveats=[
        "Figures are cumulative within a fiscal year: take differences only between releases of the same year.",
        "FY2019 and FY2020 have a single year-end release each.",
    ],
)


# --- 6-7. facilities -----------------------------------------------------------------------------
def _facility_numbers(raw: pd.DataFrame) -> dict[str, pd.Series]:
    return {
        "facility_type": raw["type_detailed"],
        "adp_fytd": to_float(raw["adp_fytd"]),
        "adp_level_a": to_float(raw["level_a"]),
        "adp_level_b": to_float(raw["level_b"]),
        "adp_level_c": to_float(raw["level_c"]),
        "adp_level_d": to_float(raw["level_d"]),
        "adp_male_criminal": to_float(raw["male_crim"]),
        "alos_days": to_float(raw["alos"]),
    }


FACILITY_NUMBER_FIELDS = [
    Field(
        "facility_type",
        "string",
        "ICE's detailed facility type as printed, e.g. 'IGSA' (local jail under an intergovernmental service "
        "agreement), 'USMS IGA' (jail used via a U.S. Marshals agreement), 'DIGSA' (dedicated IGSA), 'CDF' (contract "
        "detention facility), 'SPC' (ICE-owned service processing center), 'STAGING', 'FAMILY'",
    ),
    Field(
        "adp_fytd",
        "number",
        "average daily population of ICE detainees from 1 October to data_as_of (sum of the four security levels)",
        unit="people, average daily population",
        minimum=0,
    ),
    Field(
        "adp_level_a",
        "number",
        "of adp_fytd: people in ICE's security class 'Level A' (lowest of A-D)",
        unit="people, average daily population",
        minimum=0,
    ),
    Field(
        "adp_level_b",
        "number",
        "of adp_fytd: people in ICE's security class 'Level B'",
        unit="people, average daily population",
        minimum=0,
    ),
    Field(
        "adp_level_c",
        "number",
        "of adp_fytd: people in ICE's security class 'Level C'",
        unit="people, average daily population",
        minimum=0,
    ),
    Field(
        "adp_level_d",
        "number",
        "of adp_fytd: people in ICE's security class 'Level D' (highest)",
        unit="people, average daily population",
        minimum=0,
    ),
    Field(
        "adp_male_criminal",
        "number",
        "of adp_fytd: men ICE classes as criminal ('Male Crim')",
        unit="people, average daily population",
        minimum=0,
    ),
    Field(
        "alos_days",
        "number",
        "average length of stay of people leaving the facility, as ICE prints it",
        unit="days",
        minimum=0,
    ),
]


def _fill_missing_state(ctx: BuildContext, raw: pd.DataFrame) -> pd.DataFrame:
    """A facility printed without its state takes the state it has in every other year (same name and city)."""
    known = raw[raw.state != ""][["facility_name", "city", "state"]].drop_duplicates()
    unique = known[~known.duplicated(["facility_name", "city"], keep=False)]
    missing = raw.state == ""
    filled = raw.loc[missing, ["facility_name", "city"]].merge(unique, on=["facility_name", "city"], how="left")
    if filled.state.isna().any():
        raise BuildError(f"{ctx.log.resource}: a facility without a state has no state in other years")
    raw = raw.copy()
    raw.loc[missing, "state"] = filled.state.to_numpy()
    for r in raw[missing].itertuples():
        ctx.log.note(
            f"state missing for FY{r.fiscal_year} '{r.facility_name}', {r.city}: set to {r.state} as in other years"
        )
    return raw


def build_facilities(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{ICE_STATS_DIR}/{FACILITY_RAW}")
    raw = _fill_missing_state(ctx, raw)
    fips_by_abbr = state_codes(ctx).fips_by_abbr
    codes = aor_names(ctx)
    # Cities are printed in upper case except in a few releases; upper-case them all so one facility has one key.
    city = raw["city"].str.upper()
    fy = raw["fiscal_year"].astype(int)
    as_of = pd.to_datetime(raw["data_as_of"], format="%Y-%m-%d")
    state_fips = raw["state"].map(fips_by_abbr)
    ctx.log.note(
        f"state_fips: {int(state_fips.isna().sum())} rows without a USPS->FIPS match in the raw look-up files "
        f"(states {sorted(raw.state[state_fips.isna()].unique())}), left blank"
    )
    ctx.log.note(f"ZIP codes with a lost leading zero restored: {int((raw['zip'].str.len() < 5).sum())} rows")
    aor_name = raw["aor"].map(codes.set_index("aor").aor_name)
    if aor_name.isna().any():
        raise BuildError(f"{ctx.log.resource}: AOR codes without a name: {sorted(raw.aor[aor_name.isna()].unique())}")
    # Two different facilities with the same name in one year: in FY2019 both ORANGE COUNTY JAILs (NY, FL) and both
    # BUTLER COUNTY JAILs (OH, KS) carry identical ADP figures, which suggests the parser matched rows by name.
    shared = raw.duplicated(["fiscal_year", "facility_name"], keep=False)
    ctx.log.note(
        "facility names shared by two facilities in one year (values may be copied between them): "
        + "; ".join(sorted({f"FY{r.fiscal_year} {r.facility_name}" for r in raw[shared].itertuples()}))
    )
    out = pd.DataFrame(
        {
            "fiscal_year": fy,
            "data_as_of": as_of,
            "is_partial_year": as_of < fiscal_year_end(fy),
            "facility_name": raw["facility_name"],
            "city": city,
            "state_abbr": raw["state"],
            "state_fips": state_fips,
            # The parser read ZIP codes as numbers, dropping leading zeros (New Jersey '7105' = 07105).
            "zip": raw["zip"].str.zfill(5),
            "aor": raw["aor"],
            "aor_name": aor_name,
            "gender_housed": raw["male_female"].replace("", None),
            **_facility_numbers(raw),
            "name_shared_in_year": shared,
        }
    )
    ctx.log.step("rename, type, add state FIPS, AOR name and partial-year flag", raw, out)
    return out


FACILITY_COMMON_CAVEATS = [
    "ICE lists only facilities it chooses to list (mostly those holding people over 72 hours), so facility ADPs add "
    "up to less than the national ADP.",
    "Facility names vary in spelling between releases (e.g. 'FREEBORN COUNTY ADULT DETENTION CENTER' and 'FREEBORN "
    "COUNTY JAIL, MN'); they were upper-cased by the compiler but not merged.",
]

ICE_FACILITIES = Resource(
    name="ice_facility_population_by_fy",
    title="People held in each ICE detention facility, fiscal-year average (FY2019 - FY2026 to date)",
    description=(
        "One row per facility and fiscal year, from the facilities tab of one ICE detention spreadsheet per year (the "
        "latest release that lists a normal number of facilities): the average daily population of ICE detainees "
        "from 1 October to data_as_of, split by ICE security level, with average length of stay, ICE's facility type "
        "and the ICE Area of Responsibility (AOR, the field office region) that uses it. Facilities listed: 213 "
        "(FY2019), 170, 133, 130, 119, 109, 189 and 203 (FY2026 as of 2026-04-02). `is_partial_year` is true where "
        "the release predates 30 September (FY2021-FY2023 by 3 to 12 days, FY2025 by two weeks, FY2026 by six months)."
    ),
    group="enforcement",
    sources=[
        ice_stats_source(FACILITY_RAW, "data/facilities.parquet"),
        uwchr_source(
            "ICE Area of Responsibility codes and field-office names, compiled by the University of Washington "
            "Center for Human Rights",
            "share/hand/aor_ero_field_office.csv; share/hand/aor_codes.yaml",
            AOR_CODES_RAW,
        ),
        *STATE_LOOKUP_SOURCES,
    ],
    licenses=[NO_LICENCE_STATED],
    coverage="all ICE-listed detention facilities; one release per fiscal year 2019-2026 (FY2026 to 2026-04-02)",
    build=build_facilities,
    fields=[
        Field("fiscal_year", "integer", "federal fiscal year (Oct-Sep)", required=True),
        Field("data_as_of", "date", "ICE's 'data as of' date of the release used for this year", required=True),
        Field(
            "is_partial_year",
            "boolean",
            "true if data_as_of is before 30 September of the fiscal year (FY2026: only Oct 2025 - early Apr 2026)",
            required=True,
        ),
        Field("facility_name", "string", "facility name as ICE prints it (upper case)", required=True),
        Field("city", "string", "city of the facility, upper case", required=True),
        state_abbr_field("USPS state or territory code of the facility"),
        state_fips_field(),
        Field("zip", "string", "5-digit ZIP code (leading zeros restored)", pattern=r"\d{5}"),
        Field(
            "aor",
            "string",
            "ICE Area of Responsibility code (e.g. 'SPM' = St. Paul: MN, IA, NE, ND, SD)",
            required=True,
            pattern=r"[A-Z]{3}",
        ),
        Field("aor_name", "string", "name of the AOR's field office (e.g. 'St. Paul')", required=True),
        Field(
            "gender_housed",
            "string",
            "who the facility holds: 'Male', 'Female' or 'Female/Male' (blank if not printed)",
            enum=("Male", "Female", "Female/Male"),
        ),
        *FACILITY_NUMBER_FIELDS,
        Field(
            "name_shared_in_year",
            "boolean",
            "true if another facility has the same name in the same year (ORANGE COUNTY JAIL NY/FL, BUTLER COUNTY "
            "JAIL OH/KS, CLINTON COUNTY JAIL IN/NY): in FY2019 both pairs show identical ADP figures, so check these",
            required=True,
        ),
    ],
    primary_key=["fiscal_year", "facility_name", "city", "state_abbr"],
    caveats=[
        *FACILITY_COMMON_CAVEATS,
        "adp_fytd is an average over the fiscal year so far: FY2026 covers only October 2025 - early April 2026.",
        "In FY2019 the two ORANGE COUNTY JAILs (Goshen NY, Orlando FL) and the two BUTLER COUNTY JAILs (OH, KS) have "
        "identical ADP figures, probably copied between same-named rows by the parser (name_shared_in_year).",
        "The FY2023 year-end file was truncated; the 2023-09-18 release is used instead.",
        "One FY2026 row (IMPERIAL REGIONAL DETENTION FACILITY, Calexico) was printed without a state; it takes CA, its "
        "state in every other year.",
    ],
)


def build_st_paul(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv(f"{ICE_STATS_DIR}/{ST_PAUL_RAW}")
    if set(raw.aor) != {"SPM"}:
        raise BuildError(f"{ctx.log.resource}: expected only St. Paul AOR rows")
    fips_by_abbr = state_codes(ctx).fips_by_abbr
    atlas = read_atlas(ctx, "2017")
    fy = raw["fiscal_year"].astype(int)
    as_of = pd.to_datetime(raw["data_as_of"], format="%Y-%m-%d")
    state_fips = raw["state"].map(fips_by_abbr)
    if state_fips.isna().any():
        raise BuildError(f"{ctx.log.resource}: a St. Paul AOR state has no FIPS code")
    out = pd.DataFrame(
        {
            "fiscal_year": fy,
            "data_as_of": as_of,
            "days_into_fiscal_year": (as_of - fiscal_year_start(fy)).dt.days.astype("int64"),
            "facility_name": raw["facility_name"],
            "city": raw["city"].str.upper(),
            "state_abbr": raw["state"],
            "state_fips": state_fips,
            "county_fips": county_from_facility_name(ctx, raw["facility_name"], state_fips, atlas),
            **_facility_numbers(raw),
        }
    )
    ctx.log.note("cities upper-cased (a few releases print 'Albert Lea' for 'ALBERT LEA')")
    ctx.log.step("rename, type, add state and county FIPS", raw, out)
    return out


ST_PAUL_FACILITIES = Resource(
    name="st_paul_aor_facility_population",
    title="People held in ICE detention facilities of the St. Paul Area of Responsibility, every release (Oct 2019 - Apr 2026)",
    description=(
        "Jails and detention centers that ICE's St. Paul field office (Minnesota, Iowa, Nebraska, North and South "
        "Dakota; one Wisconsin jail in Superior) used, as listed in every kept ICE detention spreadsheet, roughly "
        "every two weeks. adp_fytd is the average daily population of ICE detainees from 1 October to data_as_of: "
        "it is a fiscal-year-to-date average that starts again every October, so a line across releases jumps at "
        "each new fiscal year; compare releases within one fiscal year, or the last release of each year. Minnesota "
        "facilities include the Sherburne, Kandiyohi, Freeborn, Carver, Crow Wing, Nobles and Washington county "
        "jails and the Northwest Regional Corrections Center. county_fips is filled where the name says which "
        "county runs the facility, which also joins spelling variants of one jail."
    ),
    group="enforcement",
    sources=[ice_stats_source(ST_PAUL_RAW, "data/facilities.parquet"), *STATE_LOOKUP_SOURCES],
    licenses=[NO_LICENCE_STATED],
    coverage="St. Paul AOR facilities; releases pulled 2019-10-07 to 2026-04-02 (FY2019-FY2020 one release each)",
    build=build_st_paul,
    fields=[
        Field("fiscal_year", "integer", "federal fiscal year the averages cover (Oct-Sep)", required=True),
        Field("data_as_of", "date", "ICE's 'data as of' date of the release", required=True),
        Field(
            "days_into_fiscal_year",
            "integer",
            "days from 1 October to data_as_of: how many days the year-to-date average covers",
            unit="days",
            minimum=0,
        ),
        Field(
            "facility_name",
            "string",
            "facility name as ICE prints it (upper case; spellings not merged)",
            required=True,
        ),
        Field("city", "string", "city of the facility, upper case", required=True),
        state_abbr_field(enum=("IA", "MN", "ND", "NE", "SD", "WI")),
        state_fips_field(),
        county_fips_field(
            "5-digit FIPS of the county named in the facility name ('SHERBURNE COUNTY JAIL' -> 27141); blank when the "
            "name names no county (e.g. 'NORTHWEST REGIONAL CORRECTIONS CENTER', 'MCCOOK DETENTION CENTER')"
        ),
        *FACILITY_NUMBER_FIELDS,
    ],
    primary_key=["data_as_of", "facility_name", "city", "state_abbr"],
    caveats=[
        *FACILITY_COMMON_CAVEATS,
        "adp_fytd resets each October (fiscal-year-to-date average): do not read the October drop as a fall in "
        "detention.",
        "One release (2025-06-23) lists CLARKE COUNTY SHERIFF without figures; three rows of 2025-11-10 have no "
        "length of stay.",
    ],
)

RESOURCES: list[Resource] = [
    ICE_BOOK_INS,
    ICE_ADP,
    ICE_BOOK_OUTS,
    ICE_REMOVALS_FY,
    ICE_REMOVALS_RELEASES,
    ICE_FACILITIES,
    ST_PAUL_FACILITIES,
]
