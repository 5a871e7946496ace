"""County comparisons: the naive gap between two groups of counties, then the same gap among similar counties.

Counties that signed 287(g) agreements before 2025 were not a random draw: they were larger than
most, mostly in the South, often fast-growing. Comparing their crime rates (or incomes, or jobless
rates) with "all other counties" mixes the agreement with everything else that differs. This module
shows how much: it compares counties *within strata* (groups of similar population size, region,
Hispanic share, or state), averages the within-stratum gaps weighted by the number of treated
counties in each (the treated counties' own mix), and reports

- the **naive gap** (mean of treated counties minus mean of all others, Welch 95% interval),
- the **adjusted gap** (weighted within-stratum gaps, approximate 95% interval), and
- the **share of the naive gap that was confounding** by the strata variables: (naive − adjusted) / naive.

Treated counties in a stratum with no comparison county are dropped from the adjusted gap (and
counted in `n_treated_unmatched`). Means are of counties, not of people: a county of 2,000 residents
counts as much as one of two million. Strata variables come from ACS 2011-2015 and USDA 2013 codes.
They are NOT all measured before treatment: many agreements active in 2015 or 2017 began in 2005-2010,
so for those counties the agreement may already have affected them (`baseline_timing(year)` counts
how many agreements began before, during and after the ACS period, and notebooks print it).

Treatment ("has_287g"): a county- or county-named agency (mostly the sheriff) in the Washington
Post's 287(g) list (CC BY-NC-SA 4.0, The Washington Post) with the agreement marked active in the
chosen year. State agencies and city police without a county are not counted. Crime: FBI UCR Part I
rates of the same year (2015 or 2017, never mixed with NIBRS); by default only counties whose
agencies covering at least 80% of the population reported (quality 1-2).

Usage (notebooks 04 and 05):

    from helpers import county_compare as cc
    frame = cc.county_frame(2017)                               # one row per county
    result = cc.compare(frame, "violent_crime_per_100k", "pop_region")
    result.naive_gap, result.adjusted_gap, result.share_confounding, result.by_stratum
    cc.ladder(frame, "violent_crime_per_100k")                  # every strata definition, as a table
    cc.ladder_chart(frame, "violent_crime_per_100k", year=2017) # ... as a chart
    cc.strata_chart(result)                                     # treated vs comparison means per stratum
    cc.treatment_map(2017)                                      # where the treated counties are
    cc.explorer(name="04-county-gap")                           # outcome, strata, year, data quality
    cc.explorer(outcomes=["poverty_pct_acs_2013_2017"], years=(2017,), quality_control=False, name="05-gap")

Any numeric column of `county_frame` can be an outcome; `OUTCOMES` holds labels and units for the
common ones (crime, and the economic columns of `county_indicators`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
from IPython.display import Markdown

from . import maps
from .catalog import load
from .charts import GREY, OKABE_ITO, finish
from .evidence import View
from .evidence_chart import SpecChart, build_template, fill_template, records
from .text import n
from .widgets import NoData

YEARS = (2015, 2017)  # the years with UCR county crime rates
QUALITY_OPTIONS: dict[str, tuple[int, ...]] = {
    "Counties with good reporting (80%+ coverage)": (1, 2),
    "All counties, including low coverage": (1, 2, 3),
}
DEFAULT_QUALITY = (1, 2)
TREATED_LABEL = "County agency with a 287(g) agreement"
CONTROL_LABEL = "No county 287(g) agreement"
TREATED_COLOUR = OKABE_ITO["vermillion"]
CONTROL_COLOUR = OKABE_ITO["blue"]
CRIME_COLUMNS = ("violent_crime_per_100k", "property_crime_per_100k")


@dataclass(frozen=True)
class Outcome:
    label: str  # short name, e.g. "Violent crime"
    unit: str  # axis title with units
    source: str  # table and vintage, for subtitles
    decimals: int = 0


OUTCOMES: dict[str, Outcome] = {
    "violent_crime_per_100k": Outcome(
        "Violent crime", "reported violent crimes per 100,000 residents", "FBI UCR via county_crime_ucr"
    ),
    "property_crime_per_100k": Outcome(
        "Property crime", "reported property crimes per 100,000 residents", "FBI UCR via county_crime_ucr"
    ),
    "median_household_income_acs_2011_2015": Outcome("Median household income", "US dollars (2015)", "ACS 2011-2015"),
    "median_household_income_acs_2013_2017": Outcome("Median household income", "US dollars (2017)", "ACS 2013-2017"),
    "poverty_pct_acs_2011_2015": Outcome(
        "Poverty rate", "percent of people below the poverty line", "ACS 2011-2015", 1
    ),
    "poverty_pct_acs_2013_2017": Outcome(
        "Poverty rate", "percent of people below the poverty line", "ACS 2013-2017", 1
    ),
    "unemployment_pct_acs_2011_2015": Outcome("Unemployment rate", "percent of the labour force", "ACS 2011-2015", 1),
    "unemployment_pct_acs_2013_2017": Outcome("Unemployment rate", "percent of the labour force", "ACS 2013-2017", 1),
    "unemployment_rate_laus_2015": Outcome("Unemployment rate", "percent of the labour force", "BLS LAUS 2015", 1),
    "unemployment_rate_laus_2017": Outcome("Unemployment rate", "percent of the labour force", "BLS LAUS 2017", 1),
}

# Strata: groups of similar counties. Bands are cut on ACS 2011-2015 values (see the module docstring on timing).
POP_BANDS = (0, 25_000, 100_000, 250_000, 1_000_000, math.inf)
POP_LABELS = ("under 25k", "25k-100k", "100k-250k", "250k-1M", "1M+")
HISPANIC_BANDS = (-0.1, 5, 15, 100.1)
HISPANIC_LABELS = ("Hispanic <5%", "Hispanic 5-15%", "Hispanic 15%+")


@dataclass(frozen=True)
class Strata:
    label: str
    columns: tuple[str, ...]


STRATA: dict[str, Strata] = {
    "none": Strata("No adjustment: all counties", ()),
    "pop": Strata("Population size", ("pop_band",)),
    "region": Strata("Census region", ("census_region",)),
    "pop_region": Strata("Population size × region", ("pop_band", "census_region")),
    "pop_region_hispanic": Strata(
        "Population size × region × Hispanic share", ("pop_band", "census_region", "hispanic_band")
    ),
    "pop_state": Strata("Population size × state", ("pop_band", "state_abbr")),
}


def treated_counties_287g(year: int) -> set[str]:
    """Counties with a county (or county-named) agency whose 287(g) agreement the Post marks active in `year`."""
    years = load("wapo_287g_agency_years")
    if year not in set(years["year"].dropna().astype(int)):
        raise NoData(f"The Washington Post's 287(g) list covers 2005-2019; {year} is outside it.")
    hit = years[(years["year"] == year) & years["county_fips"].notna()]
    return set(hit["county_fips"].astype(str))


@lru_cache(maxsize=8)
def _county_frame(year: int, quality: tuple[int, ...]) -> pd.DataFrame:
    counties = load("county_indicators")
    states = load("states")[["state_fips", "state_name", "census_region", "census_division"]]
    frame = counties.merge(states, on="state_fips", how="left")
    frame["population"] = frame["population_acs_2011_2015"].astype(float)
    frame["hispanic_pct"] = frame["hispanic_pct_acs_2011_2015"].astype(float)
    frame["pop_band"] = pd.cut(frame["population"], POP_BANDS, labels=POP_LABELS, right=False).astype(str)
    frame["hispanic_band"] = pd.cut(frame["hispanic_pct"], HISPANIC_BANDS, labels=HISPANIC_LABELS, right=False).astype(
        str
    )
    treated = treated_counties_287g(year)
    frame["has_287g"] = frame["county_fips"].isin(treated)
    frame["group"] = np.where(frame["has_287g"], TREATED_LABEL, CONTROL_LABEL)
    if year in YEARS:
        crime = load("county_crime_ucr")
        crime = crime[crime["year"] == year].drop(columns="year")
        frame = frame.merge(crime, on="county_fips", how="left")
        low = ~frame["reporting_quality"].isin(list(quality))
        for column in CRIME_COLUMNS:
            frame[column] = frame[column].astype(float).where(~low)
    for column in frame.columns:
        if str(frame[column].dtype) in ("Int64", "Float64"):
            frame[column] = frame[column].astype(float)
    frame.attrs.update(year=year, quality=quality, n_treated_listed=len(treated))
    return frame


def county_frame(year: int = 2017, quality: Sequence[int] = DEFAULT_QUALITY) -> pd.DataFrame:
    """One row per county (2017-era codes): every `county_indicators` column, region, strata bands,
    `has_287g` for `year`, and (for 2015 or 2017) UCR crime rates of that year, blanked where the
    county's `reporting_quality` is not in `quality`. A cached frame: copy it before changing it."""
    return _county_frame(int(year), tuple(sorted(int(q) for q in quality)))


# --- The comparison -----------------------------------------------------------------------------


@dataclass
class Comparison:
    """Naive and within-strata gaps (treated minus comparison counties) for one outcome."""

    outcome: str
    strata: str
    n_treated: int
    n_control: int
    treated_mean: float
    control_mean: float
    naive_gap: float
    naive_se: float
    adjusted_gap: float
    adjusted_se: float
    n_treated_used: int
    n_control_used: int
    n_strata_used: int
    by_stratum: pd.DataFrame = field(repr=False)
    year: int | None = None
    quality: tuple[int, ...] = DEFAULT_QUALITY

    @property
    def n_treated_unmatched(self) -> int:
        return self.n_treated - self.n_treated_used

    @property
    def share_confounding(self) -> float:
        """(naive − adjusted) / naive: above 1 when the adjusted gap has the opposite sign."""
        return (self.naive_gap - self.adjusted_gap) / self.naive_gap if self.naive_gap else float("nan")

    @property
    def naive_ci(self) -> tuple[float, float]:
        return (self.naive_gap - 1.96 * self.naive_se, self.naive_gap + 1.96 * self.naive_se)

    @property
    def adjusted_ci(self) -> tuple[float, float]:
        return (self.adjusted_gap - 1.96 * self.adjusted_se, self.adjusted_gap + 1.96 * self.adjusted_se)

    @property
    def strata_label(self) -> str:
        return STRATA[self.strata].label if self.strata in STRATA else self.strata

    def sentence(self) -> str:
        """The comparison in plain words (Markdown), numbers computed."""
        o = outcome_info(self.outcome)
        d = o.decimals
        lo, hi = self.adjusted_ci
        text = (
            f"**Naive gap in {o.label.lower()}**: the {n(self.n_treated)} counties with a 287(g) agreement averaged "
            f"{n(self.treated_mean, d)} {o.unit}, the {n(self.n_control)} others {n(self.control_mean, d)}: "
            f"a gap of **{signed(self.naive_gap, d)}**. "
        )
        if self.strata == "none":
            return text + "No strata: this is the comparison before any adjustment."
        text += (
            f"**Within {self.strata_label.lower()}** ({n(self.n_strata_used)} groups holding {n(self.n_treated_used)} "
            f"of the treated counties): **{signed(self.adjusted_gap, d)}** (approximate 95% interval "
            f"{signed(lo, d)} to {signed(hi, d)}). "
        )
        share = self.share_confounding
        if not math.isnan(share):
            if lo <= 0 <= hi:
                text += (
                    "Comparing similar counties removes the naive gap: what remains is not distinguishable from zero"
                    + ("." if share > 1 else f" (about {share * 100:.0f}% of the naive gap came from comparing "
                       "different kinds of counties).")
                )
            elif share > 1:
                text += "Comparing similar counties removes all of the naive gap and reverses its sign."
            elif share < 0:
                text += "Comparing similar counties makes the gap larger, not smaller."
            else:
                text += f"About {share * 100:.0f}% of the naive gap came from comparing different kinds of counties."
        if self.n_treated_unmatched:
            text += f" {n(self.n_treated_unmatched)} treated counties had no comparable county and are left out."
        return text


def _group_stats(values: pd.Series, treated: pd.Series) -> tuple[float, float, float, float, int, int]:
    t, c = values[treated], values[~treated]
    return float(t.mean()), float(c.mean()), float(t.var(ddof=1)), float(c.var(ddof=1)), len(t), len(c)


def compare(
    frame: pd.DataFrame, outcome: str, strata: str | Sequence[str] = "pop_region", treatment: str = "has_287g"
) -> Comparison:
    """Naive and within-strata gaps of `outcome` between treated and other counties (see module docstring).

    `strata` is a key of STRATA or a list of column names. Counties missing the outcome or a strata
    variable are left out. NoData if no treated county has a value.
    """
    columns = list(STRATA[strata].columns) if isinstance(strata, str) and strata in STRATA else list(strata)
    key = strata if isinstance(strata, str) else " × ".join(strata)
    if outcome not in frame.columns:
        raise KeyError(f"No column {outcome!r} in the county frame; outcomes include {sorted(OUTCOMES)}.")
    data = frame[[outcome, treatment, *columns]].dropna()
    treated = data[treatment].astype(bool)
    if treated.sum() == 0 or (~treated).sum() == 0:
        raise NoData(
            f"No county with both groups has a value for {outcome_info(outcome).label.lower()} here. "
            "Try including low-coverage counties, or another year."
        )
    tm, cm, tv, cv, nt, nc = _group_stats(data[outcome], treated)
    naive_se = math.sqrt(tv / nt + cv / nc) if nt > 1 else float("nan")
    if columns:
        label = data[columns[0]].astype(str)
        for column in columns[1:]:
            label = label + " · " + data[column].astype(str)
        data = data.assign(stratum=label)
    else:
        data = data.assign(stratum="All counties")
    grouped = data.groupby(["stratum", treatment])[outcome].agg(["mean", "count", "var"]).unstack(treatment)
    by = pd.DataFrame(
        {
            "stratum": grouped.index,
            "n_treated": grouped[("count", True)].fillna(0).astype(int).to_numpy() if ("count", True) in grouped else 0,
            "n_control": grouped[("count", False)].fillna(0).astype(int).to_numpy()
            if ("count", False) in grouped
            else 0,
            "treated_mean": grouped[("mean", True)].to_numpy() if ("mean", True) in grouped else np.nan,
            "control_mean": grouped[("mean", False)].to_numpy() if ("mean", False) in grouped else np.nan,
        }
    )
    # pooled within-group variance of each stratum (falls back to the overall pooled value for tiny strata)
    resid = data[outcome] - data.groupby(["stratum", treatment])[outcome].transform("mean")
    pooled_all = float((resid**2).sum() / max(len(data) - 2 * data["stratum"].nunique(), 1))
    ss = (resid**2).groupby(data["stratum"]).sum()
    size = data.groupby("stratum").size()
    pooled = (ss / (size - 2)).where(size >= 4, pooled_all).reindex(by["stratum"]).to_numpy()
    by["gap"] = by["treated_mean"] - by["control_mean"]
    used = (by["n_treated"] > 0) & (by["n_control"] > 0)
    by["used"] = used
    weights = by["n_treated"].where(used, 0) / by.loc[used, "n_treated"].sum()
    by["weight"] = weights
    var_terms = weights**2 * pooled * (1 / by["n_treated"].clip(lower=1) + 1 / by["n_control"].clip(lower=1))
    adjusted = float((weights * by["gap"]).where(used, 0).sum())
    adjusted_se = float(math.sqrt(var_terms.where(used, 0).sum()))
    by = by[by["n_treated"] > 0].sort_values(["n_treated", "stratum"], ascending=[False, True]).reset_index(drop=True)
    return Comparison(
        outcome=outcome,
        strata=key,
        n_treated=nt,
        n_control=nc,
        treated_mean=tm,
        control_mean=cm,
        naive_gap=tm - cm,
        naive_se=naive_se,
        adjusted_gap=adjusted,
        adjusted_se=adjusted_se,
        n_treated_used=int(by.loc[by["used"], "n_treated"].sum()),
        n_control_used=int(by.loc[by["used"], "n_control"].sum()),
        n_strata_used=int(by["used"].sum()),
        by_stratum=by,
        year=frame.attrs.get("year"),
        quality=tuple(frame.attrs.get("quality", DEFAULT_QUALITY)),
    )


def ladder(frame: pd.DataFrame, outcome: str, strata: Sequence[str] = tuple(STRATA)) -> pd.DataFrame:
    """One row per strata definition: the gap among similar counties, its interval, and how many counties it used."""
    rows = []
    for key in strata:
        c = compare(frame, outcome, key)
        gap, (lo, hi) = (c.naive_gap, c.naive_ci) if key == "none" else (c.adjusted_gap, c.adjusted_ci)
        rows.append(
            {
                "strata": key,
                "comparison": STRATA[key].label,
                "gap": gap,
                "ci_low": lo,
                "ci_high": hi,
                "share_confounding": float("nan") if key == "none" else c.share_confounding,
                "treated_counties_used": c.n_treated if key == "none" else c.n_treated_used,
                "comparison_counties_used": c.n_control if key == "none" else c.n_control_used,
                "groups": 1 if key == "none" else c.n_strata_used,
            }
        )
    return pd.DataFrame(rows)


def baseline_timing(year: int, acs_first: int = 2011, acs_last: int = 2015) -> str:
    """When the county agreements active in `year` began, relative to the ACS period used to group counties.

    Grouping variables are meant to be measured before treatment; for agreements that began before the ACS
    period they were not, and the sentence says how many such agreements there are.
    """
    years = load("wapo_287g_agency_years")
    active = set(years.loc[(years["year"] == year) & years["county_fips"].notna(), "wapo_agency_id"])
    agencies = load("wapo_287g_agencies")
    first = agencies.loc[agencies["wapo_agency_id"].isin(active), "first_year_active"]
    after, before = int((first > acs_last).sum()), int((first < acs_first).sum())
    during = len(first) - after - before
    return (
        f"Of the {n(len(first))} county agreements active in {year}, {n(after)} began after the ACS "
        f"{acs_first}–{acs_last} period, {n(during)} during it and {n(before)} before it: for those "
        f"{n(during + before)}, population and Hispanic share were measured while the agreement was already in force."
    )


def ladder_sentence(frame: pd.DataFrame, outcome: str) -> str:
    """What the ladder shows for the comparisons that account for population size, in words with computed numbers.

    It says whether every such interval includes zero and gives the range of estimates against the naive gap,
    so the prose never calls a wide interval "close to zero".
    """
    o = outcome_info(outcome)
    table = ladder(frame, outcome)
    naive = table.iloc[0]
    sized = table[table["strata"].map(lambda k: "pop_band" in STRATA[k].columns)]
    low, high = signed(sized["gap"].min(), o.decimals), signed(sized["gap"].max(), o.decimals)
    all_zero = bool(((sized["ci_low"] <= 0) & (sized["ci_high"] >= 0)).all())
    span = f"(estimates from {low} to {high} {o.unit}, against a naive {signed(naive['gap'], o.decimals)})"
    if all_zero:
        return (
            f"Every comparison that accounts for population size has an interval that includes zero {span}, though "
            "the intervals are wide enough that a moderate gap either way cannot be ruled out."
        )
    k = int(((sized["ci_low"] > 0) | (sized["ci_high"] < 0)).sum())
    verb = "excludes" if k == 1 else "exclude"
    return f"{n(k)} of the {n(len(sized))} comparisons that account for population size {verb} zero {span}."


def profile(frame: pd.DataFrame, treatment: str = "has_287g") -> pd.DataFrame:
    """How the two groups of counties differ before any outcome is looked at (medians and shares)."""
    groups = frame.groupby(frame[treatment].map({True: TREATED_LABEL, False: CONTROL_LABEL}))
    table = pd.DataFrame(
        {
            "counties": groups.size(),
            "median population (ACS 2011-2015)": groups["population"].median(),
            "share in the South (%)": groups["census_region"].apply(lambda s: 100 * (s == "South").mean()),
            "share in a metro area (%)": groups["is_metro_2013"].apply(lambda s: 100 * s.astype(float).mean()),
            "median Hispanic share (%)": groups["hispanic_pct"].median(),
        }
    )
    table.index.name = None
    table = table.reindex([TREATED_LABEL, CONTROL_LABEL]).round(1)
    table["median population (ACS 2011-2015)"] = table["median population (ACS 2011-2015)"].round().astype(int)
    return table


def profile_table(frame: pd.DataFrame, treatment: str = "has_287g") -> Any:
    """`profile` for display: populations as whole numbers with thousands separators, shares to one decimal."""
    table = profile(frame, treatment)
    fmt = {c: "{:,.0f}" if c in ("counties", "median population (ACS 2011-2015)") else "{:.1f}" for c in table.columns}
    return table.style.format(fmt)


def coverage_note(frame: pd.DataFrame, outcome: str, treatment: str = "has_287g") -> str:
    """How many counties of each group a comparison of `outcome` uses, against all counties in `frame`.

    Crime comparisons leave out counties with poor reporting coverage, so the profile (all counties) and the
    comparison count different sets; this sentence says by how much.
    """
    result = compare(frame, outcome, "none", treatment)
    treated = int(frame[treatment].sum())
    return (
        f"The comparison uses {n(result.n_treated)} of the {n(treated)} counties with an agreement and "
        f"{n(result.n_control)} of the {n(len(frame) - treated)} others: the rest lack the outcome"
        + (" or had poor crime-reporting coverage." if outcome in CRIME_COLUMNS else ".")
    )


# --- Words and labels ---------------------------------------------------------------------------


def outcome_info(outcome: str) -> Outcome:
    return OUTCOMES.get(outcome, Outcome(outcome.replace("_", " "), outcome.replace("_", " "), "county_indicators"))


def signed(value: float, decimals: int = 0) -> str:
    """A gap with its sign: +87.6, −16.0."""
    if value is None or pd.isna(value):
        return "no value"
    text = n(abs(value), decimals)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def _quality_text(quality: Sequence[int], outcome: str) -> str:
    if outcome not in CRIME_COLUMNS:
        return ""
    return (
        " Counties with good reporting (80%+ coverage) only."
        if tuple(quality) == DEFAULT_QUALITY
        else " All counties, including low reporting coverage."
    )


# --- Charts -------------------------------------------------------------------------------------


def ladder_chart(
    frame: pd.DataFrame, outcome: str, *, year: int | None = None, title: str | None = None
) -> alt.LayerChart:
    """The gap under each strata definition, with 95% intervals: how the naive gap shrinks as counties get more alike."""
    o = outcome_info(outcome)
    table = ladder(frame, outcome)
    year = year or frame.attrs.get("year")
    naive, best = table.iloc[0], table.set_index("strata").loc["pop_region"]
    data = table.assign(order=range(len(table)), kind=np.where(table["strata"] == "none", "naive", "within strata"))
    y = alt.Y("comparison:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=320))
    x_title = f"Gap: 287(g) counties minus comparison counties ({o.unit})"
    x = alt.X("gap:Q", title=x_title)
    base = alt.Chart(data)
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color=GREY, strokeDash=[4, 3]).encode(x="zero:Q")
    ci = base.mark_rule(strokeWidth=2, color=CONTROL_COLOUR).encode(
        x=alt.X("ci_low:Q", title=x_title), x2="ci_high:Q", y=y
    )
    points = base.mark_point(size=110, filled=True, opacity=1).encode(
        x=x,
        y=y,
        shape=alt.Shape(
            "kind:N", title="Comparison", scale=alt.Scale(domain=["naive", "within strata"], range=["square", "circle"])
        ),
        color=alt.Color(
            "kind:N",
            title="Comparison",
            scale=alt.Scale(domain=["naive", "within strata"], range=[TREATED_COLOUR, CONTROL_COLOUR]),
        ),
        tooltip=[
            alt.Tooltip("comparison:N", title="Counties compared"),
            alt.Tooltip("gap:Q", title="Gap", format=",.1f"),
            alt.Tooltip("ci_low:Q", title="95% interval from", format=",.1f"),
            alt.Tooltip("ci_high:Q", title="95% interval to", format=",.1f"),
            alt.Tooltip("treated_counties_used:Q", title="287(g) counties used"),
            alt.Tooltip("groups:Q", title="Groups of similar counties"),
        ],
    )
    chart = alt.layer(zero, ci, points).properties(width=520, height=alt.Step(34))
    d = o.decimals
    return finish(
        chart,
        title=title
        or f"{o.label}: a naive gap of {signed(naive.gap, d)} becomes {signed(best.gap, d)} among counties of similar size and region",
        subtitle=[
            f"Mean {o.unit}: counties with a county 287(g) agreement active in {year} (Washington Post list) minus other counties.",
            f"Outcome: {o.source}{f' {year}' if outcome in CRIME_COLUMNS else ''}.",
            f"Square: all counties; circles: averages of the gaps within groups of similar counties. Lines: approximate 95% intervals.{_quality_text(frame.attrs.get('quality', DEFAULT_QUALITY), outcome)}",
        ],
        description=(
            f"Dot chart of the gap in {o.label.lower()} between counties with and without a 287(g) agreement in {year} under "
            f"{len(table)} ways of comparing them. The naive gap is {signed(naive.gap, d)} {o.unit}; within groups of similar "
            f"population size it is {signed(table.set_index('strata').loc['pop', 'gap'], d)}, and within population size and "
            f"region {signed(best.gap, d)}, with intervals that "
            f"{'include' if best.ci_low <= 0 <= best.ci_high else 'exclude'} zero."
        ),
    )


STRATA_DATA = "strata"


def _strata_layers(x_title: str) -> alt.TopLevelMixin:
    y = alt.Y("stratum:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=300))
    base = alt.Chart(alt.NamedData(name=STRATA_DATA))
    link = (
        base.transform_filter("isValid(datum.control_mean)")
        .mark_rule(color=GREY, strokeWidth=2)
        .encode(x=alt.X("control_mean:Q", title=x_title), x2="treated_mean:Q", y=y)
    )
    long = base.transform_fold(["treated_mean", "control_mean"], as_=["which", "mean"]).transform_filter(
        "isValid(datum.mean)"
    )
    long = long.transform_calculate(group=f"datum.which == 'treated_mean' ? '{TREATED_LABEL}' : '{CONTROL_LABEL}'")
    domain, colours = [TREATED_LABEL, CONTROL_LABEL], [TREATED_COLOUR, CONTROL_COLOUR]
    points = long.mark_point(size=100, filled=True, opacity=1).encode(
        x=alt.X("mean:Q", title=x_title),
        y=y,
        color=alt.Color(
            "group:N", title=None, scale=alt.Scale(domain=domain, range=colours), legend=alt.Legend(labelLimit=400)
        ),
        shape=alt.Shape("group:N", title=None, scale=alt.Scale(domain=domain, range=["triangle-up", "circle"])),
        tooltip=[
            alt.Tooltip("stratum:N", title="Group of counties"),
            alt.Tooltip("group:N", title="Counties"),
            alt.Tooltip("mean:Q", title="Mean", format=",.1f"),
            alt.Tooltip("n_treated:Q", title="287(g) counties"),
            alt.Tooltip("n_control:Q", title="Comparison counties"),
        ],
    )
    counts = base.mark_text(align="left", fontSize=11, color="#444444").encode(
        x=alt.value(530), y=y, text="count_label:N"
    )
    layered = alt.layer(link, points, counts).properties(width=520, height=alt.Step(22))
    return layered.properties(title="template", description="template")


@lru_cache(maxsize=16)
def _strata_template(x_title: str) -> dict[str, Any]:
    return build_template(lambda: _strata_layers(x_title))


def strata_chart(result: Comparison, *, max_rows: int = 30) -> SpecChart:
    """Treated and comparison means within each stratum that holds a treated county (a dumbbell per group)."""
    o = outcome_info(result.outcome)
    d = o.decimals
    rows = result.by_stratum.head(max_rows).copy()
    rows["order"] = range(len(rows))
    rows["count_label"] = [
        f"{t} vs {c}" + ("" if c else " (no comparison county: left out)")
        for t, c in zip(rows["n_treated"], rows["n_control"], strict=True)
    ]
    year = result.year or ""
    shown = "" if len(result.by_stratum) <= max_rows else f" (the {max_rows} groups with most 287(g) counties shown)"
    title = (
        f"{o.label}, {year}: naive gap {signed(result.naive_gap, d)}, within {result.strata_label.lower()} {signed(result.adjusted_gap, d)}"
        if result.strata != "none"
        else f"{o.label}, {year}: counties with a 287(g) agreement vs all others, gap {signed(result.naive_gap, d)}"
    )
    subtitle = [
        f"Mean {o.unit} ({o.source}) in each group of similar counties{shown}.{_quality_text(result.quality, result.outcome)}",
        f"Triangle: counties with a county 287(g) agreement active in {year} (Washington Post list); circle: other counties. Right: number of counties.",
    ]
    description = (
        f"Dumbbell chart of {len(rows)} groups of counties ({result.strata_label}), each with the mean {o.label.lower()} of "
        f"counties with a 287(g) agreement and of the other counties. The gap averaged over groups, weighted by 287(g) "
        f"counties, is {signed(result.adjusted_gap, d)} {o.unit}, against a naive gap of {signed(result.naive_gap, d)}."
    )
    data = rows[["stratum", "order", "n_treated", "n_control", "treated_mean", "control_mean", "count_label"]]
    x_title = f"Mean {o.unit}"
    return fill_template(
        _strata_template(x_title), {STRATA_DATA: records(data)}, title=title, subtitle=subtitle, description=description
    )


def treatment_map(year: int = 2017) -> alt.LayerChart:
    """Counties with a county 287(g) agreement active in `year` (Washington Post list), on 2017 boundaries."""
    frame = county_frame(year)
    short = {True: f"287(g) agreement in {year}", False: "none listed"}
    values = frame[["county_fips", "county_name", "state_abbr"]].assign(
        group=frame["has_287g"].map(short),
        place=frame["county_name"].astype(str) + ", " + frame["state_abbr"].astype(str),
    )
    treated = frame[frame["has_287g"]]
    k, south = len(treated), int(treated["census_region"].eq("South").sum())
    top = treated["state_name"].value_counts().head(4)
    top_text = ", ".join(f"{state} {count}" for state, count in top.items())
    return maps.county_choropleth(
        values,
        value="group",
        value_type="N",
        colors={short[True]: TREATED_COLOUR, short[False]: "#DCE9F5"},
        legend_title="",
        edition="2017",
        name_field="place",
        tooltip=[("group", "287(g) in " + str(year), "N")],
        title=f"{k} counties had a county 287(g) agreement in {year}; {south} of them in the South",
        subtitle=f"Counties whose sheriff or county agency the Washington Post lists with an active 287(g) agreement in {year} (CC BY-NC-SA 4.0, The Washington Post)",
        description=(
            f"Map of U.S. counties in 2017 boundaries. {k} counties with a county-level 287(g) agreement in {year} are "
            f"coloured; {south} of them are in the Census South. The states with most: {top_text}."
        ),
    )


# --- The explorer -------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _cached_compare(outcome: str, strata: str, year: int, quality: tuple[int, ...]) -> Comparison:
    return compare(county_frame(year, quality), outcome, strata)


def gap_view(
    outcome: str, strata: str = "pop_region", year: int = 2017, quality: tuple[int, ...] = DEFAULT_QUALITY
) -> View:
    """What the county explorer shows: the comparison in words and the per-stratum chart."""
    result = _cached_compare(outcome, strata, int(year), tuple(quality))
    return View(Markdown(result.sentence()), strata_chart(result))


def explorer(
    outcomes: Sequence[str] = CRIME_COLUMNS,
    *,
    name: str = "county-gap",
    years: Sequence[int] = YEARS,
    default_year: int = 2017,
    default_strata: str = "pop_region",
    quality_control: bool = True,
) -> Any:
    """Dropdowns: outcome (first), strata, year and (for crime) reporting quality."""
    from . import widgets

    controls: dict[str, Any] = {
        "outcome": widgets.dropdown(
            [(outcome_info(o).label + f" ({outcome_info(o).source})", o) for o in outcomes],
            description="Outcome",
            width="380px",
        ),
        "strata": widgets.dropdown(
            [(s.label, k) for k, s in STRATA.items()], value=default_strata, description="Compare within", width="420px"
        ),
        "year": widgets.dropdown([str(y) for y in years], value=str(default_year), description="Year", width="150px"),
    }
    if quality_control:
        controls["quality"] = widgets.dropdown(
            list(QUALITY_OPTIONS.items()), value=DEFAULT_QUALITY, description="Crime data", width="420px"
        )

    def render(outcome: str, strata: str, year: str, quality: tuple[int, ...] = DEFAULT_QUALITY) -> View:
        return gap_view(outcome, strata, int(year), quality)

    return widgets.explorer(render, controls, name=name)
