"""The findings table read as published: units, intervals, ranges, populations, designs, and study counts.

Notebooks 05 (community stability), 06 (local economies) and 07 (stress on immigrants) read the
`research_findings` table through this module. What a reader needs before comparing studies:

1. **As published.** `findings()` keeps every number as the study published it: its unit
   (`unit_axis`), its 95% confidence interval or its range across specifications (`interval_kind`,
   `interval_low`, `interval_high`; a range is never a confidence interval), its population and its
   design. `policy_means` says whether the policy studied means more or less enforcement (the table's
   `exposure`), and `finding_direction` reads the sign against *that* policy.
2. **Both directions on one axis only on request.** Adopting a sanctuary policy is not the mirror image
   of signing a 287(g) agreement. `align()` re-expresses rows about policies that mean less
   enforcement as "the effect of more enforcement", transforming each unit correctly (`reverse`):
   a ratio is inverted, a percent change p becomes 100 × (1 / (1 + p/100) − 1), a difference or log
   point is negated, and the ends of an interval or range swap. A view that uses it must say so.
3. **Studies, not rows.** Several rows can come from one study (`study_id`): `count_studies()` and
   `summary()` count studies. East et al. appear as a 2019 working paper and a 2023 article: one study.
4. **Three confidence labels.** `label` is `cite.label(verification_status).label`: "verified",
   "summary only" or "not verified: context only". Rows labelled not verified are left out unless asked
   for, and never counted by `summary()`.

Charts and explorers are in `helpers.evidence_chart` (which imports this module, never the reverse).
`findings()` raises `helpers.catalog.NoData` when a filter leaves nothing, saying what to change.
"""

from __future__ import annotations

import html
import math
import re
from collections import namedtuple
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown

from . import cite
from .catalog import NoData, load
from .text import escape_dollars

RESOURCE = "research_findings"
DEFAULT_STATUSES: tuple[str, ...] = ("verified", "verified_summary")
# (label shown to a reader, statuses kept): the words are the three labels of helpers.cite
STATUS_OPTIONS: dict[str, tuple[str, ...]] = {
    f"{cite.VERIFIED.label} and {cite.SUMMARY_ONLY.label}": DEFAULT_STATUSES,
    f"{cite.VERIFIED.label} only": ("verified",),
    f"all, with {cite.NOT_VERIFIED.label}": ("verified", "verified_summary", "secondary"),
}
MORE = "more enforcement"
LESS = "less enforcement"
POLICY_MEANS: dict[str, str] = {"enforcement_up": MORE, "enforcement_down": LESS}

# --- Labels -------------------------------------------------------------------------------------

# What the rows of the `other` outcome domain are about, named in its label so a reader knows what it holds.
OTHER_THEMES = ("costs", "family separation", "housing", "spending", "a detainer ruling", "program rollout")
DOMAINS: dict[str, str] = {
    "crime": "Crime",
    "trust_reporting": "Trust and crime reporting",
    "labor_market": "Jobs and wages",
    "income_poverty": "Income and poverty",
    "safety_net": "Public programs",
    "health": "Health",
    "education": "Schooling",
    "deportations": "Deportations",
    "other": f"Other ({', '.join(OTHER_THEMES)})",
}
POLICIES: dict[str, str] = {
    "287g": "287(g) agreements",
    "secure_communities": "Secure Communities",
    "detainer": "ICE detainers",
    "sanctuary": "Sanctuary policies (limits on cooperation)",
    "raid": "Raids",
    "enforcement_general": "Enforcement in general",
}

# Groups of the table's design classes, strongest designs first. `causal`: can this kind of design, done
# well, support a causal claim? `classes`: each design class of the family with the words a reader sees.
# Colours are Okabe–Ito (helpers.charts.OKABE_ITO), each family with a distinct shape as a second cue.
DesignFamily = namedtuple("DesignFamily", "key label causal colour shape classes")
DESIGN_FAMILIES: tuple[DesignFamily, ...] = tuple(DesignFamily(*family) for family in (
    ("experiment", "Randomised or natural experiment", True, "#009E73", "diamond",
     {"randomised_or_natural_experiment": "natural experiment"}),
    ("did", "Difference-in-differences, event study or synthetic control", True, "#0072B2", "circle",
     {"difference_in_differences": "difference-in-differences", "event_study": "event study",
      "synthetic_control": "synthetic control"}),
    ("iv_quasi", "Instrumental variables or other comparison-group design", True, "#56B4E9", "square",
     {"instrumental_variables": "instrumental variables", "quasi_experiment": "comparison-group quasi-experiment"}),
    ("panel", "Panel regression or before-after", False, "#E69F00", "triangle-up",
     {"panel_regression": "panel regression", "before_after": "before-after"}),
    ("matched", "Matched cross-section (association)", False, "#D55E00", "triangle-down",
     {"matched_cross_section": "matched cross-section"}),
    ("survey", "Survey or survey experiment (what people say)", False, "#CC79A7", "cross",
     {"survey": "survey", "survey_experiment": "survey experiment (stated)"}),
    ("descriptive", "Descriptive count or estimate", False, "#000000", "triangle-left",
     {"descriptive": "descriptive", "other": "other (cost figure, ruling)"}),
))  # fmt: skip
FAMILY_BY_CLASS: dict[str, DesignFamily] = {c: f for f in DESIGN_FAMILIES for c in f.classes}
DESIGN_CLASS_LABELS: dict[str, str] = {c: words for f in DESIGN_FAMILIES for c, words in f.classes.items()}
CAUSAL = "causal"  # design filter value: every family that can support a causal claim

# --- Units and how each reverses ------------------------------------------------------------------

RATIO = "ratio"  # risk, odds, hazard and rate ratios: null at 1, reversed by inverting
PERCENT = "percent"  # a percent change p: reversed as 100 * (1 / (1 + p/100) - 1)
DIFFERENCE = "difference"  # percentage points, log points, dollars, counts, grams: reversed by negating
TRANSFORMS = (RATIO, PERCENT, DIFFERENCE)

# How one kind of `effect_unit` text is read: (pattern, unit group, axis in words, kind, transform).
# kind "effect": a difference or ratio between exposed and comparison groups, drawn in the forest chart on
# an axis of its own group. kind "amount": a level, total or count (survey shares, costs, re-arrests) with
# no common scale: listed as published, never drawn. `transform` is how the unit reverses (RATIO, PERCENT or
# DIFFERENCE), or "" where it cannot (an elasticity, an amount).
UnitRule = namedtuple("UnitRule", "pattern group axis kind transform", defaults=("effect", DIFFERENCE))
# The FIRST rule whose pattern matches `effect_unit` (case-insensitive) wins: specific before general.
UNIT_RULES: tuple[UnitRule, ...] = tuple(UnitRule(*rule) for rule in (
    # levels and shares that are not comparisons: survey shares (R32-R34), absence share (R62), share of
    # detainers (R75), share of a decline explained (R49), fold increase (R92), shares of arrests (R94, R95)
    (r"percent of respondents|percent absent|percent of detainers|explained|fold increase|percent of ice",
     "level", "level or share", "amount", ""),
    # totals in money: costs and estimated losses (R39, R77, R81-R83, R103). Wong's dollar DIFFERENCE (R02) comes later
    (r"(million|billion) us dollars", "money_total", "total in dollars", "amount", ""),
    # counts of people, jobs, jurisdictions, hours, detainers or arrests: each counts something else
    (r"deportations prevented|re-arrests|citizen jobs|jurisdictions|hours of detention|detainers prepared"
     r"|at-large arrests", "count", "count", "amount", ""),
    # per-unit-of-exposure effects: per ICE incident (R58, R59), per yearly rise in enforcement (R47)
    (r"class periods missed per incident", "periods_per_incident", "class periods missed per ICE incident"),
    (r"percent increase per incident", "pct_per_incident", "percent change per ICE incident", "effect", PERCENT),
    (r"per average yearly increase", "pct_per_enforcement_rise",
     "percent change per average yearly rise in enforcement", "effect", PERCENT),
    # an elasticity (R18): percent change in one outcome per 10 percent change in another; a mechanism
    (r"elasticity", "elasticity", "percent change in offending per 10% less reporting", "effect", ""),
    # Wong (2017) rate differences he worded as 'percent' (R03-R06): most likely percentage points
    (r"'percent' as worded", "rate_diff_as_percent", "difference in rate ('percent' as worded; likely points)"),
    (r"percentage points", "pp", "percentage points"),
    (r"percent change|percent increase|percent higher likelihood", "pct", "percent change", "effect", PERCENT),
    (r"odds ratio|risk ratio|hazard ratio|rate ratio", "ratio", "ratio (1 = no difference)", "effect", RATIO),
    (r"log points", "log", "log points (about 0.01 = 1%)"),
    (r"grams", "grams", "grams of birth weight"),
    (r"crimes per 10,000", "crime_rate_diff", "crimes per 10,000 residents (difference)"),
    (r"us dollars", "dollars_diff", "US dollars (difference)"),
))  # fmt: skip


def _unit_rule(effect_unit: str | None) -> UnitRule | None:
    """The rule for one `effect_unit` text (None for rows with no unit: direction-only findings)."""
    if effect_unit is None or pd.isna(effect_unit) or not str(effect_unit).strip():
        return None
    for rule in UNIT_RULES:
        if re.search(rule.pattern, str(effect_unit), re.IGNORECASE):
            return rule
    raise ValueError(f"No unit rule matches effect_unit {effect_unit!r}: add one to helpers.evidence.UNIT_RULES")


def reverse(value: float, transform: str) -> float:
    """One published number re-expressed for the opposite policy direction.

    RATIO: 1 / value (0.8 -> 1.25). PERCENT: a change of p percent is undone by a change of
    100 * (1 / (1 + p/100) - 1) percent (-52 -> +108.3). DIFFERENCE: -value (-4 points -> +4).
    """
    if value is None or pd.isna(value):
        return math.nan
    if transform == RATIO:
        return 1.0 / value
    if transform == PERCENT:
        return 100.0 * (1.0 / (1.0 + value / 100.0) - 1.0)
    if transform == DIFFERENCE:
        return -value
    raise ValueError(f"Unknown transform {transform!r}: use one of {TRANSFORMS}")


def reverse_interval(low: float, high: float, transform: str) -> tuple[float, float]:
    """An interval or range re-expressed for the opposite direction: each end reversed, the ends swapped.

    (-62, -52) percent -> (+108.3, +163.2); (-0.1, 0.3) log points -> (-0.3, 0.1).
    """
    return reverse(high, transform), reverse(low, transform)


# --- Directions -----------------------------------------------------------------------------------

NULL_WORDS = re.compile(
    r"no (?:detectable|measurable|meaningful|observable|robust|causal|significant|statistically discernible)"
    r"|no (?:effects? found|increase|reduction|change)|not significant|no significant differences",
    re.IGNORECASE,
)
EFFECT_WORDS = re.compile(
    r"\b(?:fewer|more|lower|higher|fell|rose|greater|less|declines?|increased|decreased|reduced)\b", re.IGNORECASE
)

NO_EFFECT = "no detectable effect"
MIXED = "mixed: no effect on some outcomes, an effect on others"
IN_WORDS = "an effect stated in words (no number)"
HIGHER = "higher under the policy studied"
LOWER = "lower under the policy studied"
NOT_AN_EFFECT = "a level or count, not an effect"
MECHANISM = "a mechanism (elasticity), not an effect of a policy"
# what HIGHER and LOWER become once a row is re-expressed as the effect of more enforcement (`align`)
HIGHER_WITH_MORE = "higher with more enforcement"
LOWER_WITH_MORE = "lower with more enforcement"


def _direction(row: pd.Series) -> str:
    """What a finding found, read against the policy it studied (see `findings`)."""
    if row["unit_kind"] == "amount":
        return NOT_AN_EFFECT
    if str(row["unit_group"]) == "elasticity":  # its sign is not the effect of a policy
        return MECHANISM
    wording = str(row["effect_as_reported"] or "")
    if not row["has_number"]:
        if NULL_WORDS.search(wording):
            rest = NULL_WORDS.sub("", wording)
            return MIXED if EFFECT_WORDS.search(rest) else NO_EFFECT
        return IN_WORDS
    null = 1.0 if row["transform"] == RATIO else 0.0
    lo, hi = row["interval_low"], row["interval_high"]
    if pd.isna(lo) or pd.isna(hi):
        lo = hi = row["effect"]
    if lo <= null <= hi and lo != hi:
        return NO_EFFECT
    return HIGHER if hi > null else LOWER


# --- The table, read as published ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _published() -> pd.DataFrame:
    """Every row of research_findings with the derived columns `findings()` documents."""
    df = load(RESOURCE)
    rules = df["effect_unit"].map(_unit_rule)
    df["unit_group"] = rules.map(lambda r: r.group if r else None).astype("string")
    df["unit_axis"] = rules.map(lambda r: r.axis if r else None).astype("string")
    df["unit_kind"] = rules.map(lambda r: r.kind if r else "none").astype("string")
    df["transform"] = rules.map(lambda r: r.transform if r else "").astype("string")
    df["policy_means"] = df["exposure"].map(POLICY_MEANS).astype("string")
    has_ci, has_range = df["has_ci"].astype(bool), df["has_range"].astype(bool)
    # a published standard error with no interval (R14): the 95% CI is the estimate ± 1.96 SE, marked as computed
    from_se = df["se"].notna() & ~has_ci & (df["transform"] == DIFFERENCE) & (df["unit_kind"] == "effect")
    kind = np.select([has_ci, from_se, has_range], ["ci", "ci_from_se", "range"], "none")  # the first that applies
    df["interval_kind"] = pd.Series(kind, index=df.index, dtype="string")
    for end, low_high, sign in (("interval_low", "low", -1), ("interval_high", "high", 1)):
        from_range = df[f"range_{low_high}"].where(has_range)
        df[end] = df[f"ci_{low_high}"].where(has_ci, (df["effect"] + sign * 1.96 * df["se"]).where(from_se, from_range))
    families = df["design_class"].map(FAMILY_BY_CLASS)
    df["design_family"] = families.map(lambda f: f.key).astype("string")
    df["design_family_label"] = families.map(lambda f: f.label).astype("string")
    df["design_label"] = df["design_class"].map(DESIGN_CLASS_LABELS).astype("string")
    df["causal_design"] = families.map(lambda f: f.causal).astype(bool)
    df["plotted"] = df["has_number"].astype(bool) & (df["unit_kind"] == "effect")
    df["finding_direction"] = df.apply(_direction, axis=1).astype("string")
    df["short_cite"] = df["study_id"].map({s: cite.study_cite(s) for s in df["study_id"].unique()})
    df["label"] = df["verification_status"].map(lambda s: cite.label(s).label).astype("string")
    df["domain_label"] = df["outcome_domain"].map(DOMAINS).astype("string")
    df["policy_label"] = df["policy"].map(POLICIES).astype("string")
    return df


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None or value == "all":
        return None
    if isinstance(value, str):
        return {value}
    return set(value)


def _design_classes(design: str | Iterable[str] | None) -> set[str] | None:
    """The `design_class` values a design filter stands for (None: no filter).

    `design` is a family key of DESIGN_FAMILIES ('did'), a design class of the table ('event_study'),
    'causal' (every family that can support a causal claim), several of these, or None/'all'. Raises
    ValueError for an unknown name, so a typo never reads as an empty result.
    """
    wanted = _as_set(design)
    if wanted is None:
        return None
    named = {c: {c} for c in FAMILY_BY_CLASS}  # a family key ('survey') wins over a class of the same name
    named |= {f.key: set(f.classes) for f in DESIGN_FAMILIES}
    named[CAUSAL] = {c for f in DESIGN_FAMILIES if f.causal for c in f.classes}
    for item in wanted - named.keys():
        keys = [f.key for f in DESIGN_FAMILIES]
        raise ValueError(f"Unknown design {item!r}: use 'causal', a family key {keys} or a design_class value.")
    return set().union(*(named[item] for item in wanted))


def findings(
    policy: str | Iterable[str] | None = None,
    domain: str | Iterable[str] | None = None,
    design: str | Iterable[str] | None = None,
    statuses: Iterable[str] = DEFAULT_STATUSES,
    include_secondary: bool = False,
    rows: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Findings matching the filters: every published column, plus columns that read them as published.

    Filters take one value, a list, or None/'all': `policy` (keys of POLICIES), `domain` (keys of
    DOMAINS), `design` ('causal', a key of DESIGN_FAMILIES, or a design_class), `statuses`
    (verification statuses; `include_secondary=True` adds 'secondary', labelled not verified), `rows`.

    Added columns: `unit_group`, `unit_axis` (the unit, in words), `unit_kind` ('effect', 'amount' or
    'none'), `transform` (how the unit would reverse: 'ratio', 'percent', 'difference', or '' where it
    cannot), `policy_means` ('more enforcement' or 'less enforcement'), `interval_kind` ('ci',
    'ci_from_se', 'range' or 'none'), `interval_low`, `interval_high` (as published; a range is a
    range, not a CI), `design_family`(`_label`), `design_label`, `causal_design`, `plotted`,
    `finding_direction`, `short_cite`, `label` (one of the three confidence labels), `domain_label`,
    `policy_label`.

    `finding_direction` reads the published sign against the policy studied: HIGHER or LOWER ("under
    the policy studied"), NO_EFFECT when the interval (CI, SE-based CI, or range) includes no change or
    the words say so, MIXED, IN_WORDS, NOT_AN_EFFECT (levels and counts) or MECHANISM. For a point with
    no interval it is the sign only, not a test.

    Raises NoData (with what to change) when nothing matches.
    """
    df = _published()
    keep = set(statuses) | ({"secondary"} if include_secondary else set())
    mask = df["verification_status"].isin(keep)
    for column, value in (("policy", policy), ("outcome_domain", domain), ("row_id", rows)):
        wanted = _as_set(value)
        if wanted is not None:
            unknown = wanted - set(df[column])
            if unknown and column != "row_id":
                raise ValueError(f"Unknown {column} {sorted(unknown)}; choose from {sorted(set(df[column]))}.")
            mask &= df[column].isin(wanted)
    classes = _design_classes(design)
    if classes is not None:
        mask &= df["design_class"].isin(classes)
    out = df[mask].reset_index(drop=True)
    if out.empty:
        raise NoData(_empty_message(policy, domain, design, keep))
    return out.copy()


def _empty_message(policy: Any, domain: Any, design: Any, statuses: set[str]) -> str:
    families = {f.key: f.label for f in DESIGN_FAMILIES}
    filters = (("outcome", domain, DOMAINS), ("policy", policy, POLICIES), ("design", design, families))
    chosen = [f"{what} " + " or ".join(names.get(v, v) for v in sorted(_as_set(value) or []))
              for what, value, names in filters if _as_set(value)]  # fmt: skip
    chosen.append("label " + " or ".join(dict.fromkeys(cite.label(s).label for s in sorted(statuses))))
    return (
        f"No finding in the table matches {'; '.join(chosen)}. "
        "Set the policy or the design back to 'All', or allow findings labelled summary only."
    )


def align(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with every effect re-expressed as the effect of MORE enforcement, for one-axis views.

    Adds `aligned_effect`, `aligned_low`, `aligned_high` (rows about policies that mean less
    enforcement reversed with `reverse`/`reverse_interval`, by unit; other rows unchanged; empty where
    a row about less enforcement cannot be reversed: an amount or a mechanism), `reversed` (True where a row was transformed)
    and `aligned_direction` (HIGHER_WITH_MORE / LOWER_WITH_MORE in place of HIGHER / LOWER).
    A view that draws these columns must say that both directions share its axis.
    """
    out = df.copy()
    less = (out["exposure"] == "enforcement_down").to_numpy(dtype=bool)
    can = ((out["transform"] != "") & (out["unit_kind"] == "effect")).to_numpy(dtype=bool)

    def aligned(is_less: bool, ok: bool, effect: float, low: float, high: float, transform: str) -> tuple:
        if not is_less:
            return effect, low, high
        # an amount or a mechanism about less enforcement has no reversed value
        return (reverse(effect, transform), *reverse_interval(low, high, transform)) if ok else (math.nan,) * 3

    published = zip(less, can, out["effect"], out["interval_low"], out["interval_high"], out["transform"], strict=True)
    names = ["aligned_effect", "aligned_low", "aligned_high"]
    out[names] = pd.DataFrame([aligned(*row) for row in published], columns=names, index=out.index)
    out["reversed"] = less & can
    swap = {HIGHER: LOWER_WITH_MORE, LOWER: HIGHER_WITH_MORE}
    keep = {HIGHER: HIGHER_WITH_MORE, LOWER: LOWER_WITH_MORE}
    out["aligned_direction"] = [
        (swap if is_less else keep).get(d, d) for d, is_less in zip(out["finding_direction"], less, strict=True)
    ]
    return out


# --- Counting studies, not rows ---------------------------------------------------------------------


def count_studies(df: pd.DataFrame, by: str | list[str] | None = None) -> int | pd.DataFrame:
    """How many studies (distinct `study_id`) `df` holds; several rows of one study count once.

    With `by` (a column or list of columns): a frame with those columns, `studies` and `findings`
    (rows), one line per group. A study with rows in two groups counts once in each.
    """
    if by is None:
        return int(df["study_id"].nunique())
    keys = [by] if isinstance(by, str) else list(by)
    out = df.groupby(keys, observed=True, sort=False).agg(studies=("study_id", "nunique"), findings=("row_id", "size"))
    return out.reset_index()


def n_of_m(part: pd.DataFrame, whole: pd.DataFrame) -> str:
    """'3 of 7 studies': studies in `part` out of studies in `whole` (`part` should be a subset)."""
    k, m = count_studies(part), count_studies(whole)
    return f"{k} of {m} {'study' if m == 1 else 'studies'}"


OTHER_SUMMARY = "level, count or mechanism"
SUMMARY_LABELS = {
    NO_EFFECT: "no detectable effect",
    MIXED: "mixed",
    HIGHER: "higher under the policy",
    LOWER: "lower under the policy",
    IN_WORDS: "effect in words only",
}


def summary(df: pd.DataFrame) -> pd.DataFrame:
    """Studies by what the policy studied means, design family and direction (as published).

    Cells count studies (`study_id`), not rows; rows labelled not verified are never counted. A study
    with findings in two directions counts in both columns, so `all studies` can be less than the sum.
    """
    rows = df[df["verification_status"] != "secondary"]
    if rows.empty:
        raise NoData("Every finding in this selection is labelled not verified (context only); a summary uses none.")
    short = rows.assign(found=rows["finding_direction"].map(SUMMARY_LABELS).fillna(OTHER_SUMMARY))
    index = ["policy_means", "design_family_label"]
    counts = short.pivot_table(index=index, columns="found", values="study_id", aggfunc="nunique", fill_value=0)
    columns = [*dict.fromkeys(SUMMARY_LABELS.values()), OTHER_SUMMARY]
    counts = counts.reindex(columns=[c for c in columns if c in counts.columns])
    counts["all studies"] = short.groupby(index)["study_id"].nunique()
    order = {f.label: i for i, f in enumerate(DESIGN_FAMILIES)}
    counts = counts.sort_index(key=lambda s: s.map(order) if s.name == "design_family_label" else s)
    counts.index.names = ["policy studied means", "design"]
    counts.columns.name = None
    return counts.astype(int)


def _row(row_id: str) -> pd.Series:
    df = _published()
    hit = df[df["row_id"] == row_id]
    if hit.empty:
        raise KeyError(f"No finding {row_id!r} in research_findings; row ids run from R01 to R{len(df):02d}.")
    return hit.iloc[0]


def value(row_id: str, column: str = "effect") -> Any:
    """One value of one finding, for prose: `value("R16", "effect")` -> -30.0 (as published)."""
    return _row(row_id)[column]


# --- Text for one number ----------------------------------------------------------------------------


def _num(value: float) -> str:
    if pd.isna(value):
        return ""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:g}" if abs(value) >= 0.01 or value == 0 else f"{value:.3g}"


def signed(value: float, ratio: bool = False) -> str:
    """'+35.5', '−35.5' (a true minus sign), or a ratio without a sign ('1.24')."""
    text = _num(value)
    if ratio:
        return text
    return f"+{text}" if value > 0 else text.replace("-", "−")


INTERVAL_WORDS = {
    "ci": "95% CI {} to {}",
    "ci_from_se": "95% CI {} to {}, computed as ±1.96 × the published standard error",
    "range": "range {} to {} across specifications (not a confidence interval)",
}


def result_text(row: pd.Series) -> str:
    """A finding's number as published: '−30 (percent change)', '1.24, 95% CI 0.98 to 1.57 (ratio ...)'."""
    if not row["has_number"]:
        return f"no number published: {row['effect_as_reported']}"
    if row["unit_kind"] == "amount":
        return f"{_num(row['effect'])} {row['effect_unit']} (a level or count, as published)"
    ratio = row["transform"] == RATIO
    parts = [signed(row["effect"], ratio)] if pd.notna(row["effect"]) else []
    if row["interval_kind"] in INTERVAL_WORDS:
        low, high = signed(row["interval_low"], ratio), signed(row["interval_high"], ratio)
        parts.append(INTERVAL_WORDS[row["interval_kind"]].format(low, high))
    return ", ".join(parts) + f" ({row['unit_axis']})"


# --- Tables ----------------------------------------------------------------------------------------


def _count(k: int, one: str, many: str = "") -> str:
    """'1 study', '3 studies', '1 finding', '2 findings'."""
    many = many or (one[:-1] + "ies" if one.endswith("y") else one + "s")
    return f"{k} {one if k == 1 else many}"


class Table:
    """A table shown as wrapped HTML (long text stays readable); `.frame` holds the same rows.

    `links` maps a row number to a URL, which the cell of that row in `link_column` links to.
    """

    def __init__(
        self, frame: pd.DataFrame, caption: str = "", links: dict[int, str] | None = None, link_column: str = ""
    ):
        self.frame = frame.reset_index(drop=True)
        self.caption = caption
        self.links = links or {}
        self.link_column = link_column

    def __len__(self) -> int:
        return len(self.frame)

    def _cell(self, i: int, column: Any, value: Any) -> str:
        text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))
        url = self.links.get(i) if column == self.link_column else None
        if url:
            text = f"<a href='{html.escape(url, quote=True)}' target='_blank' rel='noopener'>{text}</a>"
        return f"<td style='text-align:left;vertical-align:top;padding:3px 6px;white-space:normal'>{text}</td>"

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th style='text-align:left;padding:3px 6px'>{html.escape(str(c))}</th>" for c in self.frame.columns
        )
        body = "".join(
            "<tr>" + "".join(self._cell(int(i), c, v) for c, v in row.items()) + "</tr>"  # type: ignore[arg-type]
            for i, row in self.frame.iterrows()
        )
        caption = (
            f"<caption style='text-align:left;font-weight:600;padding:4px 0'>{html.escape(self.caption)}</caption>"
            if self.caption
            else ""
        )
        return (  # a wide table scrolls sideways inside its own box on a narrow screen
            "<div style='overflow-x:auto;max-width:100%'>"
            "<table style='border-collapse:collapse;font-size:13px;max-width:1100px'>"
            f"{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.frame.to_string(index=False)}"


def _text(value: Any, missing: str = "") -> str:
    """A text field for prose: `missing` where the findings table has no value (never '<NA>' or 'nan')."""
    return value.strip() if isinstance(value, str) and value.strip() else missing


def period_text(value: Any) -> str:
    """The years a finding's data cover, as the table words them, or 'period not stated' where it is blank."""
    return _text(value, "period not stated in the text read")


def _findings_table(rows: pd.DataFrame, what: tuple[str, str], caption: str, columns: dict[str, Any]) -> Table:
    """Finding, Study (linked to the source), `columns`, Design and Label of `rows`; the caption counts studies."""
    frame = pd.DataFrame(
        {"Finding": rows["row_id"], "Study": rows["short_cite"], **columns,
         "Design": rows["design_label"], "Label": rows["label"]}
    )  # fmt: skip
    links = {i: str(u) for i, u in enumerate(rows["doi_or_url"]) if isinstance(u, str) and u.startswith("http")}
    counted = f"{_count(len(frame), *what)} from {_count(count_studies(rows), 'study')}{caption}"
    return Table(frame, counted, links, "Study")


def _policy(rows: pd.DataFrame) -> pd.Series:
    return rows["policy_label"] + " (" + rows["policy_means"] + ")"


def table(df: pd.DataFrame) -> Table:
    """Every finding of `df` as published: study (linked), policy and what it means, population, design, result."""
    rows = df.reset_index(drop=True)
    return _findings_table(rows, ("finding", ""), ", as published", {
        "Outcome": rows["outcome"],
        "Result as published": [result_text(r) for _, r in rows.iterrows()],  # early: seen first on a narrow screen
        "Population": rows["population"],
        "When": rows["period"].map(period_text),
        "Policy (means)": _policy(rows),
    })  # fmt: skip


def direction_only(df: pd.DataFrame) -> Table:
    """Findings that state a direction but give no number: never drawn as zero, listed with their marker."""
    rows = df[~df["has_number"].astype(bool)].reset_index(drop=True)
    marker = {NO_EFFECT: "○ ", MIXED: "◐ ", IN_WORDS: "● "}
    return _findings_table(rows, ("finding", ""), " with no number: a direction only, not drawn", {
        # what it found first, so a narrow screen shows it without scrolling sideways
        "What it found": [marker.get(d, "") + d for d in rows["finding_direction"]],
        "In the study's words": rows["effect_as_reported"],
        "Policy (means)": _policy(rows),
        "Outcome": rows["outcome"],
        "Population": rows["population"],
        "When": rows["period"].map(period_text),
    })  # fmt: skip


def other_numbers(df: pd.DataFrame) -> Table:
    """Numbers that are levels, totals or counts (not effects on a shared scale): as published, not drawn."""
    rows = df[df["has_number"].astype(bool) & (df["unit_kind"] == "amount")].reset_index(drop=True)
    what = ("level, total or count", "levels, totals and counts")
    return _findings_table(rows, what, ": as published, not effects", {
        "Outcome": rows["outcome"],
        "Number as published": [f"{_num(e)} {u}" for e, u in zip(rows["effect"], rows["effect_unit"], strict=True)],
    })  # fmt: skip


# --- Cards -----------------------------------------------------------------------------------------


def _source_line(r: pd.Series) -> str:
    """'Authors (year). *Title*. Venue.' with the parts the table lacks left out, not printed as '<NA>'."""
    venue = re.sub(r"\s*\(not [^)]*as in the brief\)", "", _text(r["venue"]))  # a compiler's note, not the venue
    title = _text(r["title"])
    parts = [
        f"{_text(r['authors'], 'Authors not recorded')} ({cite.year_text(r['year'])})",
        f"*{title}*" if title else "Title not recorded in the findings table",
        *([venue] if venue else []),
    ]
    return ". ".join(p.rstrip(".") for p in parts) + "."


def card_text(row_id: str) -> str:
    """One finding in plain words (Markdown): who, where, when, policy, design, the number as published, label."""
    r = _row(row_id)
    causal = (
        "a design that can support a causal claim" if r["causal_design"] else "an association or a level, not a cause"
    )
    conf = cite.label(r["verification_status"])
    lines = [
        f"### {r['row_id']} · {r['short_cite']}: {r['outcome']}",
        "",
        f"- **Who**: {r['population']}",
        f"- **Where**: {r['geography']}",
        f"- **When**: {period_text(r['period'])}",
        f"- **Policy**: {r['policy_label']} (means {r['policy_means']})",
        f"- **Design**: {r['design']} ({r['design_label']}: {causal})",
        f'- **What it found**: {r["direction_summary"]} In the study\'s words: "{r["effect_as_reported"]}".',
        f"- **The number, as published**: {result_text(r)}",
        f"- **Label**: [{conf.label}](glossary.md#{conf.anchor}): {conf.meaning}.",
    ]
    if isinstance(r["notes"], str) and r["notes"].strip():
        lines.append(f"- **Caveats noted by the compiler**: {r['notes']}")
    link = f" <{r['doi_or_url']}>" if str(r["doi_or_url"]).startswith("http") else ""
    lines.append(f"- **Source**: {_source_line(r)}{link}")
    return "\n".join(lines)


def card(row_id: str) -> Markdown:
    """`card_text` as Markdown for display, dollar signs kept literal (Jupyter would read `$...$` as maths)."""
    return Markdown(escape_dollars(card_text(row_id)))
