"""Jails of ICE's St. Paul Area of Responsibility (MN, IA, NE, ND, SD) and the people ICE holds in them.

ICE has few detention centres of its own in the Upper Midwest: it rents beds in county jails. Two
sources show which jails and how many people: ICE's detention spreadsheets (a fiscal-year-to-date
average daily population per facility, in every spreadsheet since October 2019) and ICE's daily facility
counts released under FOIA for nine Minnesota jails (October 2022 – 10 March 2026).

ICE prints a jail's name differently from one spreadsheet to the next ('KANDIYOHI CO. JAIL' and
'KANDIYOHI COUNTY JAIL'); `facility_directory` joins spellings by the county the name names (or by
city where it names none), so one jail is one line.
"""

from __future__ import annotations

from functools import cache

import altair as alt
import pandas as pd

from . import charts
from .catalog import load
from .enforcement_pipeline import MISSING, PARTIAL_NOTE_AVERAGE, mark_surge, partial_line, surge_window
from .text import day, month, n
from .widgets import NoData

AOR = "SPM"
STATE_ORDER = ["MN", "IA", "NE", "ND", "SD", "WI"]  # Minnesota first: the series' worked case
STATE_NAMES = {
    "MN": "Minnesota",
    "IA": "Iowa",
    "NE": "Nebraska",
    "ND": "North Dakota",
    "SD": "South Dakota",
    "WI": "Wisconsin",
}
MEASURES = {
    "fytd": "ICE's fiscal-year average, each spreadsheet (all St. Paul-area jails)",
    "daily": "People held each day, FOIA records (nine Minnesota jails)",
}
# A jail's monthly mean must reach this many people for it to get its own line in the Minnesota chart.
MIN_PEOPLE_FOR_LINE = 5


def _key(county_fips: object, city: str, state: str) -> str:
    return str(county_fips) if isinstance(county_fips, str) and county_fips else f"{city}|{state}"


def _tidy_name(name: str) -> str:
    """ICE's upper-case name in title case, without the state notes ICE sometimes appends."""
    words = name.title().replace(" Co. ", " County ").replace("(Ne)", "").replace("(South Dakota)", "")
    words = words.replace(", Mn", "").replace(" Of ", " of ").replace("Mccook", "McCook")
    return " ".join(words.split())


@cache
def _releases() -> pd.DataFrame:
    """Every release's figures, with a jail key and a flag on values that cannot be right (see `SUSPECT_RATIO`)."""
    table = load("st_paul_aor_facility_population")
    table["key"] = [
        _key(c, city, s) for c, city, s in zip(table["county_fips"], table["city"], table["state_abbr"], strict=True)
    ]
    table["suspect"] = _suspect(table)
    return table


# A year-to-date average cannot jump tenfold between releases two weeks apart and fall back: such a value
# (NORTHWEST REGIONAL CORRECTIONS CENTER, 23 June 2025: 111.89 between releases under 5) is a misprint or a
# parsing slip. It is shown, marked, and left out of lines and rankings.
SUSPECT_RATIO = 10


def _suspect(table: pd.DataFrame) -> pd.Series:
    groups = table.groupby(["key", "fiscal_year"])["adp_fytd"]
    median = groups.transform("median")
    enough = groups.transform("count") >= 3
    return (enough & (table["adp_fytd"] > 1) & (table["adp_fytd"] > SUSPECT_RATIO * median.clip(lower=0.1))).fillna(
        False
    )


@cache
def _daily() -> pd.DataFrame:
    table = load("mn_ice_facility_daily_population")
    crookston = table["facility_code"] == "NWRCCMN"  # multi-county centre: no county in its name
    table["key"] = table["county_fips"].astype(object).where(~crookston, "CROOKSTON|MN")
    return table


@cache
def facility_directory() -> pd.DataFrame:
    """One row per jail: key, readable label, state, the spellings ICE used, and its FOIA daily code if any."""
    rel = _releases().sort_values("data_as_of")
    daily_codes = _daily().groupby("key")["facility_code"].first()
    rows = []
    for key, group in rel.groupby("key", sort=False):
        last = group.iloc[-1]
        rows.append(
            {
                "key": key,
                "label": f"{_tidy_name(last['facility_name'])} ({_tidy_name(last['city'])}, {last['state_abbr']})",
                "state_abbr": last["state_abbr"],
                "city": last["city"],
                "spellings": "; ".join(sorted(group["facility_name"].unique())),
                "n_releases": group["data_as_of"].nunique(),
                "first_listed": group["data_as_of"].min(),
                "last_listed": group["data_as_of"].max(),
                "peak_adp": group.loc[~group["suspect"], "adp_fytd"].max(),
                "daily_code": daily_codes.get(key),
            }
        )
    table = pd.DataFrame(rows)
    table["state_rank"] = table["state_abbr"].map({s: i for i, s in enumerate(STATE_ORDER)})
    return table.sort_values(["state_rank", "peak_adp"], ascending=[True, False]).reset_index(drop=True)


def facility_table(state: str | None = None) -> pd.DataFrame:
    """The jail directory with a reader's headers: the jail, ICE's spellings, when ICE listed it, daily counts or not.

    `state` ('MN') keeps one state's jails. `facility_directory` keeps the working columns (key, FOIA
    facility code); this is what a reader sees.
    """
    table = facility_directory()
    if state:
        table = table[table["state_abbr"] == state]
    short = "{0.day} {0:%b %Y}".format
    return pd.DataFrame(
        {
            "Jail (city, state)": table["label"],
            "How ICE spelled it": table["spellings"],
            "ICE spreadsheets listing it": table["n_releases"],
            "First listed": table["first_listed"].map(short),
            "Last listed": table["last_listed"].map(short),
            "In ICE's daily FOIA counts": table["daily_code"].notna().map({True: "yes", False: MISSING}),
        }
    ).reset_index(drop=True)


def facility_options() -> list[tuple[str, str]]:
    """(label, key) for the explorer: Minnesota's jails first, then each state's, busiest first."""
    return list(zip(facility_directory()["label"], facility_directory()["key"], strict=True))


@cache
def fiscal_year_panel() -> pd.DataFrame:
    """Each jail's average daily ICE population for each fiscal year (ICE's one release per year)."""
    fy = load("ice_facility_population_by_fy")
    fy = fy[fy["aor"] == AOR].copy()
    names = (
        _releases()
        .drop_duplicates(["facility_name", "city", "state_abbr"])
        .set_index(["facility_name", "city", "state_abbr"])["key"]
    )
    fy["key"] = [
        names.get((f, c, s), _key(None, c, s))
        for f, c, s in zip(fy["facility_name"], fy["city"], fy["state_abbr"], strict=True)
    ]
    labels = facility_directory().set_index("key")["label"]
    fy["label"] = fy["key"].map(labels).fillna(fy["facility_name"].str.title() + " (" + fy["state_abbr"] + ")")
    fy["fy_label"] = [
        f"FY{y}*" if partial else f"FY{y}" for y, partial in zip(fy["fiscal_year"], fy["is_partial_year"], strict=True)
    ]
    fy["covers_to"] = fy["data_as_of"]
    panel = fy.groupby(
        ["key", "label", "state_abbr", "fiscal_year", "fy_label", "is_partial_year", "covers_to"], as_index=False
    )["adp_fytd"].sum()
    return panel


def aor_totals() -> pd.DataFrame:
    """Per fiscal year: how many St. Paul AOR jails ICE listed and their summed average daily population."""
    panel = fiscal_year_panel()
    return (
        panel.groupby(["fiscal_year", "fy_label", "is_partial_year", "covers_to"], as_index=False)
        .agg(jails=("key", "nunique"), adp=("adp_fytd", "sum"))
        .sort_values("fiscal_year")
        .reset_index(drop=True)
    )


def aor_totals_text() -> str:
    """The sentence under the heat map: jails listed and people held, first year, low year, latest year."""
    totals = aor_totals()
    first, low, last = totals.iloc[0], totals.loc[totals["jails"].idxmin()], totals.iloc[-1]
    return (
        f"ICE listed {n(first['jails'])} St. Paul-area jails in FY{first['fiscal_year']}, holding {n(first['adp'])} "
        f"people on an average day between them; {n(low['jails'])} in FY{low['fiscal_year']} ({n(low['adp'])} "
        f"people); and {n(last['jails'])} in FY{last['fiscal_year']} to {day(last['covers_to'])} ({n(last['adp'])} "
        "people). ICE lists only the facilities it chooses, mostly those holding people more than three days, so "
        "these sums are below the true number held."
    )


def heatmap_chart(panel: pd.DataFrame | None = None) -> alt.LayerChart:
    """Grid of jails by fiscal year, shaded by average daily population; blank where ICE did not list a jail."""
    panel = fiscal_year_panel() if panel is None else panel
    totals = aor_totals()
    low = totals.loc[totals["jails"].idxmin()]
    partial = totals[totals["is_partial_year"]]
    partial_note = ", ".join(f"FY{r.fiscal_year} to {r.covers_to.day} {r.covers_to:%b}" for r in partial.itertuples())
    last = totals.iloc[-1]
    first = totals.iloc[0]
    order = facility_directory()["label"].tolist()
    order += [lbl for lbl in panel["label"].unique() if lbl not in order]
    order = [lbl for lbl in order if lbl in set(panel["label"])]
    fy_order = panel.sort_values("fiscal_year")["fy_label"].unique().tolist()
    x = alt.X("fy_label:O", title="Federal fiscal year", sort=fy_order, axis=alt.Axis(labelAngle=0, orient="top"))
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=320))
    tip = [
        alt.Tooltip("label:N", title="Jail"),
        alt.Tooltip("fy_label:O", title="Fiscal year"),
        alt.Tooltip("adp_fytd:Q", title="People on an average day", format=",.1f"),
        alt.Tooltip("covers_to:T", title="Average up to", format="%d %b %Y"),
    ]
    cells = (
        alt.Chart(panel)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "adp_fytd:Q",
                title="People held for ICE on an average day",
                scale=alt.Scale(scheme=charts.SEQUENTIAL_SCHEME, type="sqrt"),
                legend=alt.Legend(orient="bottom", gradientLength=260, titleLimit=400),
            ),
            tooltip=tip,
        )
    )
    text = (
        alt.Chart(panel)
        .mark_text(fontSize=10)
        .encode(
            x=x,
            y=y,
            text=alt.Text("adp_fytd:Q", format=",.0f"),
            color=alt.condition("datum.adp_fytd > 60", alt.value("white"), alt.value("#222222")),
            tooltip=tip,
        )
    )
    chart = alt.layer(cells, text).properties(width=480, height=16 * len(order))
    return charts.finish(
        chart,
        title=(
            f"ICE listed {n(last['jails'])} St. Paul-area jails in FY{last['fiscal_year']} so far, against "
            f"{n(low['jails'])} in FY{low['fiscal_year']}"
        ),
        subtitle=[
            "Average number of people held for ICE on a day, by jail and federal fiscal year (October to September).",
            "Blank: ICE did not list the jail that year.",
            f"* Partial years: {partial_note}.",
            "Minnesota's jails first, then Iowa, Nebraska, the Dakotas and one Wisconsin jail; ICE's spellings of one "
            "jail are joined.",
        ],
        description=(
            f"Heat map of {panel['label'].nunique()} jails by fiscal year. ICE's listed St. Paul-area jails held about "
            f"{n(first['adp'])} people on an average day in FY{first['fiscal_year']}, {n(low['adp'])} in "
            f"FY{low['fiscal_year']} and {n(last['adp'])} in FY{last['fiscal_year']} to date; Sherburne, Kandiyohi "
            "and Freeborn county jails in Minnesota are among the largest in most years."
        ),
    )


def minnesota_monthly() -> pd.DataFrame:
    """Monthly mean of ICE's daily count per Minnesota jail; the last month (to 10 March 2026) is partial."""
    daily = _daily()
    daily = daily.assign(month=daily["date"].dt.to_period("M").dt.to_timestamp())
    monthly = daily.groupby(["month", "facility_code", "facility_name"], as_index=False).agg(
        people=("people_detained", "mean"), days=("date", "nunique")
    )
    last_day = daily["date"].max()
    monthly["is_partial_month"] = monthly["month"] == last_day.to_period("M").to_timestamp()
    if last_day == last_day + pd.offsets.MonthEnd(0):
        monthly["is_partial_month"] = False
    monthly["jail"] = monthly["facility_name"].str.replace(" (inferred)", "", regex=False)
    return monthly


def minnesota_summary(monthly: pd.DataFrame | None = None) -> dict[str, object]:
    """Numbers for the prose: each big jail's monthly mean in January 2025 and at its peak."""
    monthly = minnesota_monthly() if monthly is None else monthly
    complete = monthly[~monthly["is_partial_month"]]
    wide = complete.pivot(index="month", columns="jail", values="people")
    total = wide.sum(axis=1)
    small = [j for j in wide.columns if wide[j].max() < MIN_PEOPLE_FOR_LINE]
    return {
        "sherburne_jan_2025": wide.loc["2025-01-01", "Sherburne County Jail"],
        "sherburne_mar_2025": wide.loc["2025-03-01", "Sherburne County Jail"],
        "total_peak_month": total.idxmax(),
        "total_peak": total.max(),
        "total_first": total.iloc[0],
        "first_month": total.index.min(),
        "small_jails": small,
        "last_day": _daily()["date"].max(),
    }


def minnesota_text() -> str:
    """The sentence under the Minnesota jails chart."""
    m = minnesota_summary()
    return (
        f"Together these jails held about {n(m['total_first'])} people for ICE on an average day in "
        f"{month(m['first_month'])} and about {n(m['total_peak'])} in {month(m['total_peak_month'])}, the busiest "
        "month. People arrested in the surge were first held in the Whipple Building at Fort Snelling, which is "
        "not among them."
    )


def minnesota_chart(monthly: pd.DataFrame | None = None) -> alt.LayerChart:
    """Lines of people held for ICE in the Minnesota jails that held at least a few, with the surge shaded."""
    monthly = minnesota_monthly() if monthly is None else monthly
    s = minnesota_summary(monthly)
    big = monthly[~monthly["jail"].isin(s["small_jails"])]
    order = big.groupby("jail")["people"].max().sort_values(ascending=False).index.tolist()
    palette = [charts.PALETTE[i] for i in (0, 1, 2, 3, 5)]
    chart = partial_line(
        big,
        x="month",
        y="people",
        partial="is_partial_month",
        series="jail",
        series_title="Jail",
        colors=dict(zip(order, palette, strict=False)),
        title=(
            f"Sherburne County Jail went from about {n(s['sherburne_jan_2025'])} people held for ICE in January 2025 "
            f"to about {n(s['sherburne_mar_2025'])} in March 2025"
        ),
        subtitle=[
            f"Average number of people ICE held each day in each Minnesota jail, by month, {month(monthly['month'].min())} "
            f"to {month(s['last_day'])} (data end {day(s['last_day'])}).",
            f"Not drawn (never {MIN_PEOPLE_FOR_LINE} or more): {', '.join(s['small_jails'])}.",
            PARTIAL_NOTE_AVERAGE,
            surge_window().subtitle(),
        ],
        description=(
            f"Lines of ICE's daily counts averaged by month for {len(order)} Minnesota jails. Kandiyohi holds the most "
            f"for most of the period; Sherburne jumps in February 2025; Crow Wing starts in autumn 2025; together they "
            f"peak at about {n(s['total_peak'])} people in {month(s['total_peak_month'])}."
        ),
        x_title="Month",
        y_title="People held for ICE (daily average)",
        kind="average",
    )
    return mark_surge(chart)


# --- explorer: one jail at a time ------------------------------------------------------------------


def _label(key: str) -> str:
    labels = facility_directory().set_index("key")["label"]
    if key not in labels.index:
        raise NoData(f"There is no St. Paul-area jail with the key '{key}'. Choose a jail from the list.")
    return str(labels[key])


def _fytd_view(key: str, label: str) -> alt.LayerChart:
    rows = _releases()
    rows = rows[(rows["key"] == key) & rows["adp_fytd"].notna()][["data_as_of", "fiscal_year", "adp_fytd", "suspect"]]
    if rows.empty:
        raise NoData(
            f"ICE listed {label} without any population figures. Choose another jail, such as Sherburne or Kandiyohi."
        )
    rows = rows.sort_values("data_as_of")
    odd = rows[rows["suspect"]]
    rows = rows[~rows["suspect"]]
    last = rows.iloc[-1]
    x = alt.X("data_as_of:T", title="Date of ICE's spreadsheet", axis=alt.Axis(format=charts.TIME_FORMAT, labelAngle=0))
    y = alt.Y("adp_fytd:Q", title="People on an average day, year to date", axis=alt.Axis(format=",.0f"))
    tip = [
        alt.Tooltip("data_as_of:T", title="Data as of", format="%d %b %Y"),
        alt.Tooltip("fiscal_year:O", title="Fiscal year"),
        alt.Tooltip("adp_fytd:Q", title="Average so far", format=",.1f"),
    ]
    line = (
        alt.Chart(rows)
        .mark_line(point=alt.OverlayMarkDef(size=30, filled=True))
        .encode(x=x, y=y, detail=alt.Detail("fiscal_year:O"), tooltip=tip)
    )
    layers = [line]
    notes = ["Each fiscal year is its own line: the average starts again every October (not a fall in detention)."]
    if not odd.empty:
        layers.append(
            alt.Chart(odd).mark_point(shape="cross", size=90, color=charts.HIGHLIGHT).encode(x=x, y=y, tooltip=tip)
        )
        notes.append(
            f"Cross: the value ICE printed on {', '.join(day(d) for d in odd['data_as_of'])} cannot be right; left out of the line."
        )
    chart = (alt.layer(*layers) if len(layers) > 1 else line).properties(width=charts.WIDTH, height=240)
    return charts.finish(
        chart,
        title=(
            f"{label}: about {n(last['adp_fytd'])} people a day on average in FY{last['fiscal_year']} "
            f"(ICE's spreadsheet of {day(last['data_as_of'])})"
        ),
        subtitle=[
            "ICE's fiscal-year-to-date average daily population, as printed in "
            + (
                "the one spreadsheet that lists this jail."
                if len(rows) == 1
                else f"each of the {len(rows)} spreadsheets that list this jail."
            ),
            *notes,
        ],
        description=(
            f"Points and lines of ICE's year-to-date average population at {label} across {len(rows)} spreadsheets from "
            f"{day(rows['data_as_of'].min())} to {day(last['data_as_of'])}; the highest printed average is "
            f"{n(rows['adp_fytd'].max())}."
        ),
    )


@cache
def _weekly(key: str) -> pd.DataFrame:
    """ICE's daily count for one jail as weekly means (Monday to Sunday, complete weeks only), plus the peak day.

    A week is the finest detail a 620-pixel chart of three and a half years can show, and 180 points
    keep the explorer fast where 1,257 daily points would not.
    """
    daily = _daily()
    rows = daily[daily["key"] == key].set_index("date")["people_detained"]
    if rows.empty:
        return pd.DataFrame(columns=["week", "people", "days"])
    weekly = rows.resample("W-MON", label="left", closed="left").agg(["mean", "size"])
    weekly = weekly[weekly["size"] == 7].reset_index()
    weekly.columns = ["week", "people", "days"]
    weekly.attrs = {
        "peak_day": rows.idxmax(),
        "peak": int(rows.max()),
        "first_day": rows.index.min(),
        "last_day": rows.index.max(),
        "last": int(rows.iloc[-1]),
    }
    return weekly


def _daily_view(key: str, label: str) -> alt.LayerChart:
    weekly = _weekly(key)
    if weekly.empty:
        names = ", ".join(sorted(_daily()["facility_name"].str.replace(" (inferred)", "", regex=False).unique()))
        raise NoData(
            f"ICE's daily FOIA counts cover only nine Minnesota jails ({names}); {label} is not one of them. "
            "Choose one of those jails, or switch the measure to ICE's fiscal-year average."
        )
    a = weekly.attrs
    chart = charts.line_chart(
        weekly,
        x="week",
        y="people",
        title=f"{label}: {n(a['peak'])} people held for ICE at the most, on {day(a['peak_day'])}",
        subtitle=[
            f"People ICE held in this jail each day, averaged by week (weeks from Monday), {day(a['first_day'])} to "
            f"{day(a['last_day'])}; {n(a['last'])} on the last day.",
            "ICE's daily facility counts released under FOIA, via the Deportation Data Project.",
            surge_window().subtitle(),
        ],
        description=(
            f"Line of weekly averages of the people in ICE custody each day at {label} from {day(a['first_day'])} to "
            f"{day(a['last_day'])}; the highest single day is {n(a['peak'])} on {day(a['peak_day'])}."
        ),
        x_title="Week",
        y_title="People held for ICE (weekly average)",
        y_format=",.0f",
        height=240,
    )
    return mark_surge(chart)


def facility_view(facility: str, measure: str = "fytd") -> alt.LayerChart:
    """What the St. Paul AOR explorer shows: one jail, by ICE's yearly average or by FOIA daily counts."""
    label = _label(facility)
    if measure == "daily":
        return _daily_view(facility, label)
    if measure != "fytd":
        raise NoData(f"Unknown measure '{measure}'. Choose one from the list.")
    return _fytd_view(facility, label)


def measure_options() -> list[tuple[str, str]]:
    return [(text, key) for key, text in MEASURES.items()]
