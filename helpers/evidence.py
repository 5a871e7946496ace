"""The findings table read as published: units, intervals, ranges, populations, designs, and study counts.

`findings()` keeps every number of `research_findings` as its study published it and adds the columns that
read it (listed in its docstring). Adopting a sanctuary policy is not the mirror image of signing a 287(g)
agreement, so no view here puts both directions on one axis. Where a notebook reads a number the other way,
`reverse` transforms it by unit: a ratio is inverted, a percent change p becomes 100 × (1 / (1 + p/100) − 1),
a difference is negated (and the notebook swaps an interval's ends). Several rows can come from one study
(`study_id`): `count_studies` and `n_of_m` count studies, not rows. Charts are in `helpers.evidence_chart`.
"""

from __future__ import annotations

import math
import re
from collections import namedtuple
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from . import cite
from .catalog import load
from .inputs import NoData, choice, choices, frame, number, shown
from .inputs import column as _column
from .text import html_table

DEFAULT_STATUSES: tuple[str, ...] = ("verified", "verified_summary")
STATUSES = (*DEFAULT_STATUSES, "secondary")  # 'secondary' is labelled not verified: context only
MORE, LESS = "more enforcement", "less enforcement"
POLICY_MEANS: dict[str, str] = {"enforcement_up": MORE, "enforcement_down": LESS}
DOMAINS: dict[str, str] = {
    "crime": "Crime", "trust_reporting": "Trust and crime reporting", "labor_market": "Jobs and wages",
    "income_poverty": "Income and poverty", "safety_net": "Public programs", "health": "Health",
    "education": "Schooling", "deportations": "Deportations",
    "other": "Other (costs, family separation, housing, spending, a detainer ruling, program rollout)",
}  # fmt: skip
POLICIES: dict[str, str] = {
    "287g": "287(g) agreements", "secure_communities": "Secure Communities", "detainer": "ICE detainers",
    "sanctuary": "Sanctuary policies (limits on cooperation)", "raid": "Raids",
    "enforcement_general": "Enforcement in general",
}  # fmt: skip

# Groups of the table's design classes, strongest first: can such a design, done well, support a causal claim;
# each class with the words a reader sees; an Okabe–Ito colour (helpers.charts) and a shape as a second cue.
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
CAUSAL = "causal"  # design filter value: every family that can support a causal claim

# --- Units and how each reverses ------------------------------------------------------------------

RATIO = "ratio"  # risk, odds, hazard and rate ratios: null at 1, reversed by inverting
PERCENT = "percent"  # a percent change p: reversed as 100 * (1 / (1 + p/100) - 1)
DIFFERENCE = "difference"  # percentage points, log points, dollars, counts, grams: reversed by negating
TRANSFORMS = (RATIO, PERCENT, DIFFERENCE)

# How one kind of `effect_unit` text is read: (pattern, unit group, axis in words, kind, transform); the FIRST
# matching rule wins. Kind "effect" (a difference or ratio between groups) is drawn on an axis of its own group;
# kind "amount" (a level, total or count) is listed as published, never drawn. `transform`: how it reverses.
UnitRule = namedtuple("UnitRule", "pattern group axis kind transform", defaults=("effect", DIFFERENCE))
UNIT_RULES: tuple[UnitRule, ...] = tuple(UnitRule(*rule) for rule in (
    # levels, not comparisons: shares (R32-R34, R49, R62, R75, R94, R95), a fold increase (R92), money totals
    # (R39, R77, R81-R83, R103; Wong's dollar DIFFERENCE, R02, comes later) and counts of people or things
    (r"percent of respondents|percent absent|percent of detainers|explained|fold increase|percent of ice"
     r"|(million|billion) us dollars|deportations prevented|re-arrests|citizen jobs|jurisdictions"
     r"|hours of detention|detainers prepared|at-large arrests", "amount", "level, total or count", "amount", ""),
    # per unit of exposure: per ICE incident (R58, R59), per yearly rise in enforcement (R47)
    (r"class periods missed per incident", "periods_per_incident", "class periods missed per ICE incident"),
    (r"percent increase per incident", "pct_per_incident", "percent change per ICE incident", "effect", PERCENT),
    (r"per average yearly increase", "pct_per_enforcement_rise",
     "percent change per average yearly rise in enforcement", "effect", PERCENT),
    # an elasticity (R18): a mechanism, not the effect of a policy
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


def _unit_rule(effect_unit: Any) -> UnitRule | None:
    """The rule for one `effect_unit` text (None for rows with no unit: direction-only findings)."""
    if not isinstance(effect_unit, str) or not effect_unit.strip():
        return None
    rule = next((r for r in UNIT_RULES if re.search(r.pattern, effect_unit, re.IGNORECASE)), None)
    if rule is None:
        raise ValueError(f"No unit rule matches effect_unit {effect_unit!r}: add one to helpers.evidence.UNIT_RULES")
    return rule


def _missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def reverse(value: float, transform: str) -> float:
    """One number re-expressed for the opposite policy direction (a missing number stays missing).

    RATIO: 1 / value (0.8 -> 1.25). PERCENT: p becomes 100 * (1 / (1 + p/100) - 1) (-52 -> +108.3). DIFFERENCE:
    -value (-4 points -> +4)."""
    transform = choice(transform, TRANSFORMS, "transform")
    if _missing(value):
        return math.nan
    value = number(value, "The value to reverse")
    if transform == RATIO:
        return 1.0 / value
    return 100.0 * (1.0 / (1.0 + value / 100.0) - 1.0) if transform == PERCENT else -value


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


def _direction(row: pd.Series) -> str:
    """What a finding found, read against the policy it studied (see `findings`)."""
    if row["unit_kind"] == "amount":
        return NOT_AN_EFFECT
    if str(row["unit_group"]) == "elasticity":  # its sign is not the effect of a policy
        return MECHANISM
    if not row["has_number"]:
        words = str(row["effect_as_reported"] or "")
        if NULL_WORDS.search(words):
            return MIXED if EFFECT_WORDS.search(NULL_WORDS.sub("", words)) else NO_EFFECT
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
    """Every row of research_findings with the derived columns the module docstring names."""
    df = load("research_findings")
    rules = df["effect_unit"].map(_unit_rule)
    for name, field, missing in (("unit_group", "group", None), ("unit_axis", "axis", None),
                                 ("unit_kind", "kind", "none"), ("transform", "transform", "")):  # fmt: skip
        df[name] = rules.map(lambda r, f=field, m=missing: getattr(r, f) if r else m).astype("string")
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
    df["design_label"] = [FAMILY_BY_CLASS[c].classes[c] for c in df["design_class"]]
    df["causal_design"] = families.map(lambda f: f.causal).astype(bool)
    df["plotted"] = df["has_number"].astype(bool) & (df["unit_kind"] == "effect")
    df["finding_direction"] = df.apply(_direction, axis=1).astype("string")
    df["short_cite"] = df["study_id"].map({s: cite.study_cite(s) for s in df["study_id"].unique()})
    df["label"] = df["verification_status"].map(lambda s: cite.label(s).label).astype("string")
    df["domain_label"] = df["outcome_domain"].map(DOMAINS).astype("string")
    df["policy_label"] = df["policy"].map(POLICIES).astype("string")
    return df


def _keys(value: Any, valid: Any, what: str) -> list[str] | None:
    """A filter's values in canonical spelling (helpers.inputs.choices); None or 'all' is no filter."""
    if value is None or (isinstance(value, str) and value.strip().casefold() == "all"):
        return None
    named = f"In {what}={value!r}, the value" if isinstance(value, list | tuple | set) else what
    return choices(value, valid, named)


def findings(
    policy: Any = None, domain: Any = None, design: Any = None, include_secondary: bool = False, rows: Any = None
) -> pd.DataFrame:
    """Findings matching the filters (one value, a list, or None/'all'; any case), as published, plus columns:

    `unit_axis` (the unit in words), `unit_kind` ('effect', 'amount', 'none'), `transform` ('' where it cannot
    reverse), `policy_means`, `interval_kind` ('ci', 'ci_from_se', 'range' (never a CI), 'none'), `interval_low`/
    `_high`, `design_family`(`_label`), `design_label`, `causal_design`, `plotted`, `short_cite`, `label` (the
    three labels of helpers.cite), `domain_label`, `policy_label` and `finding_direction`: HIGHER or LOWER under
    the policy studied (a point with no interval: its sign only), NO_EFFECT (the interval includes no change, or
    the words say so), MIXED, IN_WORDS, NOT_AN_EFFECT or MECHANISM. Rows labelled not verified: context only come
    only with `include_secondary=True`. NoData, saying what to change, if nothing matches.
    """
    df = _published()
    families = {f.key: f.label for f in DESIGN_FAMILIES}
    design = _keys(design, [CAUSAL, *families], "design")
    if design and CAUSAL in design:
        design += [f.key for f in DESIGN_FAMILIES if f.causal]
    chosen = {"outcome_domain": _keys(domain, DOMAINS, "domain"), "policy": _keys(policy, POLICIES, "policy"),
              "design_family": design, "row_id": _keys(rows, df["row_id"], "rows")}  # fmt: skip
    mask = df["verification_status"].isin(STATUSES if include_secondary else DEFAULT_STATUSES)
    for name, values in chosen.items():
        mask &= df[name].isin(values) if values else True
    if not mask.any():
        names = {**DOMAINS, **POLICIES, **families, CAUSAL: "designs that can support a causal claim"}
        said = "; ".join(" or ".join(names.get(v, v) for v in values) for values in chosen.values() if values)
        labels = "any label" if include_secondary else "labelled verified or summary only"
        raise NoData(f"No finding in the table matches {said} ({labels}). Set the policy or the design back to "
                     "'all', or choose another outcome.")
    return df[mask].reset_index(drop=True)


# --- Counting studies, not rows ---------------------------------------------------------------------


def count_studies(df: pd.DataFrame) -> int:
    """How many studies (distinct `study_id`) `df` holds; several rows of one study count once."""
    if not (isinstance(df, pd.DataFrame) and df.empty and "study_id" in df):  # an empty selection counts 0
        frame(df, "count_studies", ["study_id"])
    return int(df["study_id"].nunique())


def n_of_m(part: pd.DataFrame, whole: pd.DataFrame) -> str:
    """'3 of 7 studies': studies in `part` out of studies in `whole` (`part` should be a subset)."""
    k, m = count_studies(part), count_studies(whole)
    return f"{k} of {m} {'study' if m == 1 else 'studies'}"


def _row_id(row_id: Any) -> str:
    return choice(row_id, _published()["row_id"], "row_id")


def value(row_id: str, column: str = "effect") -> Any:
    """One value of one finding, for prose: `value("R16", "effect")` -> -30.0 (as published)."""
    df = _published()
    return df.loc[df["row_id"] == _row_id(row_id), _column(df, column, "column")].iloc[0]


# --- Text for one number ----------------------------------------------------------------------------


def _num(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:g}" if abs(value) >= 0.01 or value == 0 else f"{value:.3g}"


def signed(value: float, ratio: bool = False) -> str:
    """'+35.5', '−35.5' (a true minus sign), or a ratio without a sign ('1.24'); '' for a missing number."""
    if _missing(value):
        return ""
    value = number(value, "The number to sign")
    return _num(value) if ratio else f"+{_num(value)}" if value > 0 else _num(value).replace("-", "−")


INTERVAL_WORDS = {"ci": "95% CI {} to {}", "ci_from_se": "95% CI {} to {}, computed as ±1.96 × the published "
                  "standard error", "range": "range {} to {} across specifications (not a confidence interval)"}


def result_text(row: pd.Series) -> str:
    """A finding's number as published: '−30 (percent change)', '1.24, 95% CI 0.98 to 1.57 (ratio ...)'."""
    if not isinstance(row, pd.Series):
        raise TypeError("result_text() takes one finding: give it a row of evidence.findings(), like "
                        f"findings(rows=['R16']).iloc[0]; it was given {shown(row)}.")
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


def period_text(value: Any) -> str:
    """The years a finding's data cover, as the table words them, or 'period not stated' where it is blank."""
    return value.strip() if isinstance(value, str) and value.strip() else "period not stated in the text read"


# --- Tables ----------------------------------------------------------------------------------------


def _count(k: int, one: str) -> str:
    """'1 study', '3 studies', '1 finding', '2 findings'."""
    return f"{k} {one if k == 1 else one[:-1] + 'ies' if one.endswith('y') else one + 's'}"


class Table:
    """Rows shown as the series shows every table (`text.html_table`: no index, long text wrapped, a caption).

    `.frame` holds the rows; notebook 08 shows its own frames this way too.
    """

    def __init__(self, frame: pd.DataFrame, caption: str = ""):
        self.frame, self.caption = frame.reset_index(drop=True), caption

    def __eq__(self, other: object) -> bool:  # the same rows and caption
        return isinstance(other, Table) and other.caption == self.caption and other.frame.equals(self.frame)

    def _repr_html_(self) -> str:
        return html_table(self.frame.astype(object).where(self.frame.notna(), ""), self.caption)

    def __repr__(self) -> str:  # a text-only front end
        return f"{self.caption}\n{self.frame.to_string(index=False)}"


TABLE_COLUMNS = ["row_id", "short_cite", "outcome", "finding_direction", "has_number", "population", "period",
                 "policy_label", "policy_means", "design_label", "label"]  # fmt: skip


def table(df: pd.DataFrame, caption: str = ", as published") -> Table:
    """Every finding of `df` as published: study, outcome, result, population, period, policy, design, label.

    The caption counts findings and studies, then says `caption`.
    """
    rows = frame(df, "table", TABLE_COLUMNS).reset_index(drop=True)
    if not isinstance(caption, str):
        raise TypeError(f"caption is text after the count, like ', as published'; it was given {shown(caption)}.")
    shown_ = pd.DataFrame({
        "Finding": rows["row_id"], "Study": rows["short_cite"], "Outcome": rows["outcome"],
        "What it found": rows["finding_direction"],  # early: seen first on a narrow screen
        "Result as published": [result_text(r) for _, r in rows.iterrows()],
        "Population": rows["population"], "When": rows["period"].map(period_text),
        "Policy (means)": rows["policy_label"] + " (" + rows["policy_means"] + ")",
        "Design": rows["design_label"], "Label": rows["label"],
    })  # fmt: skip
    return Table(shown_, f"{_count(len(rows), 'finding')} from {_count(count_studies(rows), 'study')}{caption}")


def card(row_id: str) -> Table:
    """One finding, as published, with its population, period, policy, design and label (any label)."""
    return table(findings(rows=[_row_id(row_id)], include_secondary=True), ": one finding, as published")
