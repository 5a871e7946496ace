"""The evidence explorer: published findings on cooperation with ICE, on one footing, with their designs.

Notebooks 04 (community stability), 05 (local economies) and 06 (stress on immigrants) read the
`research_findings` table through this module. It does three things a reader needs before
comparing studies:

1. **One footing for signs.** Some studies look at *more* enforcement (287(g), Secure Communities,
   raids), others at *less* (sanctuary policies, detainer refusals). `findings()` adds columns that
   read every number as "the effect of MORE enforcement or cooperation": rows of `enforcement_down`
   studies are flipped (a difference is negated and its interval's ends swap; a ratio is inverted).
   The published numbers stay in `effect`, `ci_low`, ... untouched.
2. **One axis per unit.** `effect_unit` is free text. `UNIT_RULES` (below) sorts it into unit groups;
   two groups never share an axis. Numbers that are levels, totals or counts (a share of survey
   respondents, a city's estimated losses, a count of re-arrests) are not effects on a common scale:
   they are listed "as published" by `other_numbers()`, never plotted in the forest chart.
3. **Design and verification on every row.** `design_family` groups the table's `design_class` into
   seven families from experiments to descriptive counts, with `causal_design` marking the ones that
   can support a causal claim. Rows marked `secondary` (read only in third-party coverage) are left
   out unless asked for, and never counted by `summary()`.

Usage (in a notebook, after `import series_setup`):

    from helpers import evidence
    crime = evidence.findings(domain="crime")            # verified + verified_summary rows, normalised
    evidence.forest_chart(crime, title="...")             # one panel per (outcome domain, unit group)
    evidence.direction_only(crime)                        # findings that state a direction but no number
    evidence.other_numbers(crime)                         # levels, totals and counts, as published
    evidence.table(crime)                                 # every row with its citation and link
    evidence.card("R16")                                  # one finding in plain words (Markdown)
    evidence.summary(crime)                               # counts by design family and direction
    evidence.explorer(default_domain="crime", name="04-evidence")   # filters -> chart + lists
    evidence.card_explorer("crime", name="04-card")                 # pick a finding -> its card

`findings()` raises `helpers.widgets.NoData` when a filter leaves nothing, saying what to change.
The forest chart itself lives in `helpers/evidence_chart.py` (re-exported here as `forest_chart`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd
from IPython.display import Markdown, display

from .catalog import load
from .text import escape_dollars
from .widgets import NoData

RESOURCE = "research_findings"

# --- Labels -------------------------------------------------------------------------------------

# What the `other` outcome domain holds, theme by theme, each with the pattern that finds its rows in the
# `outcome` text. tests/test_evidence.py checks that every `other` row has a theme and every theme has a
# row, so the label below (built from these themes) says what the rows are about.
OTHER_THEMES: dict[str, str] = {
    "costs": r"\bcost|economic and community impact",
    "family separation": r"family separation",
    "housing": r"housing|foreclosure",
    "spending": r"spending",
    "a detainer ruling": r"detainer",
    "program rollout": r"activation",
}
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
STATUS_LABELS: dict[str, str] = {
    "verified": "verified in the source",
    "verified_summary": "read in an official summary",
    "secondary": "secondary: context only",
}
STATUS_OPTIONS: dict[str, tuple[str, ...]] = {
    "Verified, and official summaries": ("verified", "verified_summary"),
    "Verified in the source only": ("verified",),
    "Also secondary reports (context only)": ("verified", "verified_summary", "secondary"),
}
DEFAULT_STATUSES: tuple[str, ...] = ("verified", "verified_summary")


@dataclass(frozen=True)
class DesignFamily:
    """A group of the table's design classes, from the strongest causal designs to plain counts."""

    key: str
    label: str
    classes: tuple[str, ...]
    causal: bool  # can this kind of design, done well, support a causal claim?
    colour: str
    shape: str


# Okabe–Ito colours (helpers.charts.OKABE_ITO) with a distinct shape each, strongest designs first.
DESIGN_FAMILIES: tuple[DesignFamily, ...] = (
    DesignFamily(
        "experiment",
        "Randomised or natural experiment",
        ("randomised_or_natural_experiment",),
        True,
        "#009E73",
        "diamond",
    ),
    DesignFamily(
        "did",
        "Difference-in-differences, event study or synthetic control",
        ("difference_in_differences", "event_study", "synthetic_control"),
        True,
        "#0072B2",
        "circle",
    ),
    DesignFamily(
        "iv_quasi",
        "Instrumental variables or other comparison-group design",
        ("instrumental_variables", "quasi_experiment"),
        True,
        "#56B4E9",
        "square",
    ),
    DesignFamily(
        "panel",
        "Panel regression or before-after",
        ("panel_regression", "before_after"),
        False,
        "#E69F00",
        "triangle-up",
    ),
    DesignFamily(
        "matched", "Matched cross-section (association)", ("matched_cross_section",), False, "#D55E00", "triangle-down"
    ),
    DesignFamily(
        "survey",
        "Survey or survey experiment (what people say)",
        ("survey", "survey_experiment"),
        False,
        "#CC79A7",
        "cross",
    ),
    DesignFamily(
        "descriptive", "Descriptive count or estimate", ("descriptive", "other"), False, "#000000", "triangle-left"
    ),
)
FAMILY_BY_CLASS: dict[str, DesignFamily] = {c: f for f in DESIGN_FAMILIES for c in f.classes}
FAMILY_BY_KEY: dict[str, DesignFamily] = {f.key: f for f in DESIGN_FAMILIES}
DESIGN_CLASS_LABELS: dict[str, str] = {
    "randomised_or_natural_experiment": "natural experiment",
    "difference_in_differences": "difference-in-differences",
    "event_study": "event study",
    "synthetic_control": "synthetic control",
    "instrumental_variables": "instrumental variables",
    "quasi_experiment": "comparison-group quasi-experiment",
    "panel_regression": "panel regression",
    "before_after": "before-after",
    "matched_cross_section": "matched cross-section",
    "survey": "survey",
    "survey_experiment": "survey experiment (stated)",
    "descriptive": "descriptive",
    "other": "other (cost figure, ruling)",
}
CAUSAL = "causal"  # design filter value: every family that can support a causal claim

# --- Units ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRule:
    """How one kind of `effect_unit` text is read.

    kind "effect": a difference or ratio between exposed and comparison groups, plotted in the
    forest chart on an axis of its own group. kind "amount": a level, total or count (survey shares,
    costs, re-arrests) that has no common scale with anything else: listed as published, not plotted.
    `ratio` units have their null at 1 and are flipped by inverting, all others by negating.
    """

    pattern: str
    group: str
    axis: str
    kind: str = "effect"
    ratio: bool = False
    direction: str = ""  # a fixed direction label where the sign is not an effect of enforcement


# The FIRST rule whose pattern matches `effect_unit` (case-insensitive) wins: specific before general.
UNIT_RULES: tuple[UnitRule, ...] = (
    # levels and shares that are not comparisons: survey shares (R32-R34), absence share (R62),
    # share of detainers (R75), share of a decline explained (R49), fold increase over time (R92)
    UnitRule(
        r"percent of respondents|percent absent|percent of detainers|explained|fold increase",
        "level",
        "level or share",
        "amount",
    ),
    # totals in money: costs and estimated losses (R39, R77, R81-R83). Wong's dollar DIFFERENCE (R02) is caught later
    UnitRule(r"(million|billion) us dollars", "money_total", "total in dollars", "amount"),
    # counts of people, jobs, jurisdictions or hours (R13, R28, R38, R78, R79): each counts something else
    UnitRule(
        r"deportations prevented|re-arrests|citizen jobs|jurisdictions|hours of detention", "count", "count", "amount"
    ),
    # per-unit-of-exposure effects: per ICE incident (R58, R59), per yearly rise in enforcement (R47)
    UnitRule(r"class periods missed per incident", "periods_per_incident", "class periods missed per ICE incident"),
    UnitRule(r"percent increase per incident", "pct_per_incident", "percent change per ICE incident"),
    UnitRule(
        r"per average yearly increase",
        "pct_per_enforcement_rise",
        "percent change per average yearly rise in enforcement",
    ),
    # an elasticity (R18): percent change in one outcome per 10 percent change in another
    UnitRule(
        r"elasticity",
        "elasticity",
        "percent change in offending per 10% less reporting",
        direction="a mechanism (elasticity), not an effect of enforcement",
    ),
    # Wong (2017) rate differences he worded as 'percent' (R03-R06): most likely percentage points
    UnitRule(
        r"'percent' as worded",
        "rate_diff_as_percent",
        "difference in rate ('percent' as worded; likely percentage points)",
    ),
    UnitRule(r"percentage points", "pp", "percentage points"),
    UnitRule(r"percent change|percent increase|percent higher likelihood", "pct", "percent change"),
    UnitRule(r"odds ratio|risk ratio|hazard ratio", "ratio", "ratio (1 = no difference)", ratio=True),
    UnitRule(r"log points", "log", "log points (about 0.01 = 1%)"),
    UnitRule(r"grams", "grams", "grams of birth weight"),
    UnitRule(r"crimes per 10,000", "crime_rate_diff", "crimes per 10,000 residents (difference)"),
    UnitRule(r"us dollars", "dollars_diff", "US dollars (difference)"),
)
UNIT_GROUP_AXIS: dict[str, str] = {r.group: r.axis for r in UNIT_RULES}


def unit_rule(effect_unit: str | None) -> UnitRule | None:
    """The rule for one `effect_unit` text (None for rows with no unit: direction-only findings)."""
    if effect_unit is None or pd.isna(effect_unit) or not str(effect_unit).strip():
        return None
    for rule in UNIT_RULES:
        if re.search(rule.pattern, str(effect_unit), re.IGNORECASE):
            return rule
    raise ValueError(f"No unit rule matches effect_unit {effect_unit!r}: add one to helpers.evidence.UNIT_RULES")


# --- Directions ----------------------------------------------------------------------------------

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
HIGHER = "higher with more enforcement"
LOWER = "lower with more enforcement"
NOT_AN_EFFECT = "a level or count, not an effect"


def _direction(row: pd.Series) -> str:
    """A plain label for what a finding found, by a stated rule (see `findings`)."""
    if row["unit_kind"] == "amount":
        return NOT_AN_EFFECT
    rule = unit_rule(row["effect_unit"])
    if rule is not None and rule.direction:
        return rule.direction
    wording = str(row["effect_as_reported"] or "")
    if not row["has_number"]:
        if NULL_WORDS.search(wording):
            rest = NULL_WORDS.sub("", wording)
            return MIXED if EFFECT_WORDS.search(rest) else NO_EFFECT
        return IN_WORDS
    null = 1.0 if row["ratio_unit"] else 0.0
    if row["interval_kind"] in ("ci", "ci_from_se"):
        lo, hi = row["ci_low_more"], row["ci_high_more"]
    elif row["interval_kind"] == "range":
        lo, hi = row["range_low_more"], row["range_high_more"]
    else:
        lo = hi = row["effect_more_enforcement"]
    if lo <= null <= hi and lo != hi:
        return NO_EFFECT
    return HIGHER if hi > null else LOWER


# --- Names and citations -------------------------------------------------------------------------

PARTICLES = {"de", "del", "van", "von", "da", "la", "le"}
ORGANISATION = re.compile(
    r"center|court|network|city of|schools|institute|department|university|project", re.IGNORECASE
)


def _last_name(person: str) -> str:
    person = re.sub(r"\s*\(.*?\)\s*", " ", person).strip()
    words = person.split()
    if len(words) >= 3 and words[-2].lower() in PARTICLES:
        return " ".join(words[-2:])
    return words[-1] if words else person


def short_authors(authors: str) -> str:
    """'Miles & Cox', 'Treyger et al.', or an organisation's name (without its parenthetical)."""
    people = [a.strip() for a in str(authors).split(";") if a.strip()]
    if len(people) == 1 and ORGANISATION.search(people[0]):
        name = re.split(r"\s*\(|,| data as reported", people[0])[0].strip()
        return name
    names = [_last_name(p) for p in people]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def _year_text(year: Any) -> str:
    return "n.d." if year is None or pd.isna(year) else str(int(year))


# --- The table, normalised -----------------------------------------------------------------------


def _flip(value: float, sign: int, ratio: bool) -> float:
    if pd.isna(value) or sign == 1:
        return value
    return 1.0 / value if ratio else -value


@lru_cache(maxsize=1)
def _normalised() -> pd.DataFrame:
    """Every row of research_findings with the derived columns `findings()` documents."""
    df = load(RESOURCE)
    rules = df["effect_unit"].map(unit_rule)
    df["unit_group"] = rules.map(lambda r: r.group if r else None).astype("string")
    df["unit_axis"] = rules.map(lambda r: r.axis if r else None).astype("string")
    df["unit_kind"] = rules.map(lambda r: r.kind if r else "none").astype("string")
    df["ratio_unit"] = rules.map(lambda r: bool(r and r.ratio))
    sign = df["sign_to_more_enforcement"].astype(int)
    df["flipped"] = sign == -1
    for col in ("effect", "ci_low", "ci_high", "range_low", "range_high"):
        df[f"{col}_flip"] = [_flip(v, s, r) for v, s, r in zip(df[col], sign, df["ratio_unit"], strict=True)]
    # levels, totals and counts have no "effect of more enforcement": their normalised columns stay empty
    amount = df["unit_kind"] == "amount"
    for col in ("effect", "ci_low", "ci_high", "range_low", "range_high"):
        df.loc[amount, f"{col}_flip"] = float("nan")
    df["effect_more_enforcement"] = df["effect_flip"]
    # flipping an interval swaps its ends: the new low end is the flipped old high end
    df["ci_low_more"] = df[["ci_low_flip", "ci_high_flip"]].min(axis=1, skipna=False)
    df["ci_high_more"] = df[["ci_low_flip", "ci_high_flip"]].max(axis=1, skipna=False)
    df["range_low_more"] = df[["range_low_flip", "range_high_flip"]].min(axis=1, skipna=False)
    df["range_high_more"] = df[["range_low_flip", "range_high_flip"]].max(axis=1, skipna=False)
    df = df.drop(columns=[c for c in df.columns if c.endswith("_flip")])
    # R14 publishes a standard error but no interval: its 95% CI is the estimate ± 1.96 SE (marked as computed)
    from_se = df["se"].notna() & ~df["has_ci"].astype(bool) & ~df["ratio_unit"] & (df["unit_kind"] == "effect")
    df.loc[from_se, "ci_low_more"] = df.loc[from_se, "effect_more_enforcement"] - 1.96 * df.loc[from_se, "se"]
    df.loc[from_se, "ci_high_more"] = df.loc[from_se, "effect_more_enforcement"] + 1.96 * df.loc[from_se, "se"]
    df["interval_kind"] = "none"
    df.loc[df["has_range"].astype(bool), "interval_kind"] = "range"
    df.loc[from_se, "interval_kind"] = "ci_from_se"
    df.loc[df["has_ci"].astype(bool), "interval_kind"] = "ci"
    df["interval_kind"] = df["interval_kind"].astype("string")
    families = df["design_class"].map(FAMILY_BY_CLASS)
    df["design_family"] = families.map(lambda f: f.key).astype("string")
    df["design_family_label"] = families.map(lambda f: f.label).astype("string")
    df["design_label"] = df["design_class"].map(DESIGN_CLASS_LABELS).astype("string")
    df["causal_design"] = families.map(lambda f: f.causal).astype(bool)
    df["plotted"] = df["has_number"].astype(bool) & (df["unit_kind"] == "effect")
    df["finding_direction"] = df.apply(_direction, axis=1).astype("string")
    df["short_cite"] = [f"{short_authors(a)} ({_year_text(y)})" for a, y in zip(df["authors"], df["year"], strict=True)]
    df["status_label"] = df["verification_status"].map(STATUS_LABELS).astype("string")
    df["domain_label"] = df["outcome_domain"].map(DOMAINS).astype("string")
    df["policy_label"] = df["policy"].map(POLICIES).astype("string")
    return df


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None or value == "all":
        return None
    if isinstance(value, str):
        return {value}
    return set(value)


def design_classes(design: str | Iterable[str] | None) -> set[str] | None:
    """The `design_class` values a design filter stands for, so that every module filters designs alike.

    `design` is a family key of DESIGN_FAMILIES ('did'), a design class of the table ('event_study'),
    'causal' (every family that can support a causal claim), several of these, or None/'all' (no filter:
    returns None). Raises ValueError for an unknown name, so a typo never reads as an empty result.
    Used by `findings()` and by `helpers.immigrant_wellbeing.six_findings()`.
    """
    wanted = _as_set(design)
    if wanted is None:
        return None
    classes: set[str] = set()
    for item in wanted:
        if item == CAUSAL:
            classes |= {c for f in DESIGN_FAMILIES if f.causal for c in f.classes}
        elif item in FAMILY_BY_KEY:
            classes |= set(FAMILY_BY_KEY[item].classes)
        elif item in FAMILY_BY_CLASS:
            classes.add(item)
        else:
            keys = [f.key for f in DESIGN_FAMILIES]
            raise ValueError(f"Unknown design {item!r}: use 'causal', a family key {keys} or a design_class value.")
    return classes


def findings(
    policy: str | Iterable[str] | None = None,
    domain: str | Iterable[str] | None = None,
    design: str | Iterable[str] | None = None,
    statuses: Iterable[str] = DEFAULT_STATUSES,
    include_secondary: bool = False,
    rows: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Findings matching the filters, with every published column plus normalised ones.

    Filters take one value, a list, or None/'all': `policy` (keys of POLICIES), `domain` (keys of
    DOMAINS), `design` ('causal', a key of DESIGN_FAMILIES, or a design_class), `statuses`
    (verification statuses; `include_secondary=True` adds 'secondary'), `rows` (row ids).

    Added columns: `effect_more_enforcement`, `ci_low_more`, `ci_high_more`, `range_low_more`,
    `range_high_more` (sign-normalised: enforcement_down rows negated, or inverted for ratios, with
    interval ends swapped; empty for levels and counts; where only a standard error is published, the
    CI is the estimate ± 1.96 SE), `interval_kind` ('ci', 'ci_from_se', 'range' or 'none'), `flipped`, `unit_group`, `unit_axis`, `unit_kind` ('effect', 'amount' or
    'none'), `ratio_unit`, `plotted` (drawn in the forest chart), `design_family`(`_label`),
    `design_label`, `causal_design`, `finding_direction` (see below), `short_cite`, `status_label`,
    `domain_label`, `policy_label`.

    `finding_direction`, by rule: a number with a 95% CI (or a range, or a published SE) whose
    interval includes no change is "no detectable effect"; otherwise the sign of the normalised
    estimate ("higher/lower with more enforcement"; for a point estimate with no interval this is
    only the sign, not a test). A direction-only row whose wording says "no detectable/measurable/...
    effect" is "no detectable effect", or "mixed" if it also names an effect on another outcome.

    Raises NoData (with what to change) when nothing matches.
    """
    df = _normalised()
    keep = set(statuses) | ({"secondary"} if include_secondary else set())
    mask = df["verification_status"].isin(keep)
    for column, value in (("policy", policy), ("outcome_domain", domain), ("row_id", rows)):
        wanted = _as_set(value)
        if wanted is not None:
            unknown = wanted - set(df[column])
            if unknown and column != "row_id":
                raise ValueError(f"Unknown {column} {sorted(unknown)}; choose from {sorted(set(df[column]))}.")
            mask &= df[column].isin(wanted)
    classes = design_classes(design)
    if classes is not None:
        mask &= df["design_class"].isin(classes)
    out = df[mask].reset_index(drop=True)
    if out.empty:
        raise NoData(_empty_message(policy, domain, design, keep))
    return out.copy()


def _empty_message(policy: Any, domain: Any, design: Any, statuses: set[str]) -> str:
    chosen = []
    if _as_set(domain):
        chosen.append("outcome " + " or ".join(DOMAINS.get(d, d) for d in sorted(_as_set(domain) or [])))
    if _as_set(policy):
        chosen.append("policy " + " or ".join(POLICIES.get(p, p) for p in sorted(_as_set(policy) or [])))
    if _as_set(design):
        items = sorted(_as_set(design) or [])
        chosen.append("design " + " or ".join(FAMILY_BY_KEY[d].label if d in FAMILY_BY_KEY else d for d in items))
    chosen.append("status " + " or ".join(STATUS_LABELS.get(s, s) for s in sorted(statuses)))
    return (
        f"No finding in the table matches {'; '.join(chosen)}. "
        "Set the policy or the design back to 'All', or allow findings read in official summaries."
    )


# --- Text for one number -------------------------------------------------------------------------


def _num(value: float) -> str:
    if pd.isna(value):
        return ""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:g}"


def _signed(value: float) -> str:
    text = _num(value)
    return f"+{text}" if value > 0 else text.replace("-", "−")


def result_text(row: pd.Series, normalised: bool = True) -> str:
    """The number of a finding in words: '+35.5 (as the effect of more enforcement; published −35.5)'."""
    if not row["has_number"]:
        return f"no number published: {row['effect_as_reported']}"
    if row["unit_kind"] == "amount":
        return f"{_num(row['effect'])} {row['effect_unit']} (as published)"
    if normalised:
        eff, lo, hi = row["effect_more_enforcement"], row["ci_low_more"], row["ci_high_more"]
        rlo, rhi = row["range_low_more"], row["range_high_more"]
    else:
        eff, lo, hi, rlo, rhi = row["effect"], row["ci_low"], row["ci_high"], row["range_low"], row["range_high"]
    fmt = _num if row["ratio_unit"] else _signed
    parts = []
    if pd.notna(eff):
        parts.append(fmt(eff))
    if row["has_ci"] or (normalised and row["interval_kind"] == "ci_from_se"):
        computed = "" if row["has_ci"] else ", computed as ±1.96 × the published standard error"
        parts.append(f"95% CI {fmt(lo)} to {fmt(hi)}{computed}")
    if row["has_range"]:
        parts.append(f"range {fmt(rlo)} to {fmt(rhi)} across model versions (not a confidence interval)")
    text = ", ".join(parts) + f" ({row['unit_axis']})"
    if normalised and row["flipped"]:
        text += "; sign flipped from the published figure, which is for less enforcement"
    return text


# --- Tables --------------------------------------------------------------------------------------


class Table:
    """A table shown as wrapped HTML (long text stays readable); `.frame` holds the same rows."""

    def __init__(
        self, frame: pd.DataFrame, caption: str = "", links: dict[int, str] | None = None, link_column: str = ""
    ):
        self.frame = frame.reset_index(drop=True)
        self.caption = caption
        self.links = links or {}
        self.link_column = link_column

    def __len__(self) -> int:
        return len(self.frame)

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th style='text-align:left;padding:3px 6px'>{html.escape(str(c))}</th>" for c in self.frame.columns
        )
        body = []
        for i, row in self.frame.iterrows():
            cells = []
            for col, value in row.items():
                text = (
                    "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))
                )
                if col == self.link_column and self.links.get(int(i)):  # type: ignore[arg-type]
                    url = html.escape(self.links[int(i)], quote=True)  # type: ignore[arg-type]
                    text = f"<a href='{url}' target='_blank' rel='noopener'>{text}</a>"
                cells.append(
                    f"<td style='text-align:left;vertical-align:top;padding:3px 6px;white-space:normal'>{text}</td>"
                )
            body.append("<tr>" + "".join(cells) + "</tr>")
        caption = (
            f"<caption style='text-align:left;font-weight:600;padding:4px 0'>{html.escape(self.caption)}</caption>"
            if self.caption
            else ""
        )
        return (
            "<table style='border-collapse:collapse;font-size:13px;max-width:1100px'>"
            f"{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.frame.to_string(index=False)}"


def _links(df: pd.DataFrame) -> dict[int, str]:
    return {i: str(u) for i, u in enumerate(df["doi_or_url"]) if isinstance(u, str) and u.startswith("http")}


def direction_only(df: pd.DataFrame) -> Table:
    """Findings that state a direction but give no number: never drawn as zero, listed with their marker."""
    rows = df[~df["has_number"].astype(bool)].reset_index(drop=True)
    marker = {NO_EFFECT: "○ ", MIXED: "◐ ", IN_WORDS: "● "}
    frame = pd.DataFrame(
        {
            "Finding": rows["row_id"],
            "Study": rows["short_cite"],
            "Outcome": rows["outcome"],
            "Population": rows["population"],
            "When": rows["period"].map(period_text),
            "Design": rows["design_label"],
            "What it found": [marker.get(d, "") + d for d in rows["finding_direction"]],
            "In the study's words": rows["effect_as_reported"],
            "Status": rows["status_label"],
        }
    )
    return Table(frame, f"Findings with no number ({len(frame)}): a direction only, not plotted", _links(rows), "Study")


def other_numbers(df: pd.DataFrame) -> Table:
    """Numbers that are levels, totals or counts (not effects on a shared scale): as published, not plotted."""
    rows = df[df["has_number"].astype(bool) & (df["unit_kind"] == "amount")].reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "Finding": rows["row_id"],
            "Study": rows["short_cite"],
            "Outcome": rows["outcome"],
            "Number as published": [f"{_num(e)} {u}" for e, u in zip(rows["effect"], rows["effect_unit"], strict=True)],
            "Design": rows["design_label"],
            "Status": rows["status_label"],
        }
    )
    return Table(
        frame,
        f"Levels, totals and counts ({len(frame)}): as published, not effects, not plotted",
        _links(rows),
        "Study",
    )


def _text(value: Any, missing: str = "") -> str:
    """A text field for prose: `missing` where the findings table has no value (never '<NA>' or 'nan')."""
    return value.strip() if isinstance(value, str) and value.strip() else missing


def period_text(value: Any) -> str:
    """The years a finding's data cover, as the table words them, or 'period not stated' where it is blank."""
    return _text(value, "period not stated in the text read")


def source_line(r: pd.Series) -> str:
    """'Authors (year). *Title*. Venue.' with the parts the studies table lacks left out, not printed as '<NA>'."""
    venue = re.sub(r"\s*\(not [^)]*as in the brief\)", "", _text(r["venue"]))  # a compiler's note, not the venue
    parts = [f"{_text(r['authors'], 'Authors not recorded')} ({_year_text(r['year'])})"]
    title = _text(r["title"])
    parts.append(f"*{title}*" if title else "Title not recorded in the findings table")
    if venue:
        parts.append(venue)
    return ". ".join(p.rstrip(".") for p in parts) + "."


def table(df: pd.DataFrame) -> Table:
    """Every finding of `df` with its citation (linked), design, population and result."""
    rows = df.reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "Finding": rows["row_id"],
            "Study": [
                ". ".join(p for p in (c, _text(t), _text(v)) if p)
                for c, t, v in zip(rows["short_cite"], rows["title"], rows["venue"], strict=True)
            ],
            "Policy": rows["policy_label"],
            "Outcome": rows["outcome"],
            "Population": rows["population"],
            "When": rows["period"].map(period_text),
            "Design": rows["design_label"],
            "Result (effect of more enforcement)": [result_text(r) for _, r in rows.iterrows()],
            "Status": rows["status_label"],
        }
    )
    return Table(frame, f"{len(frame)} findings with their sources", _links(rows), "Study")


def caveats_table(df: pd.DataFrame) -> Table:
    """Each finding's claim, design and status beside the caveats the table records for it."""
    rows = df.reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "Finding": rows["row_id"],
            "Study": rows["short_cite"],
            "Claim, in the source's words": rows["effect_as_reported"],
            "Design": rows["design_label"],
            "Status": rows["status_label"],
            "What the source and compiler say about it": [
                f"{d} {c if isinstance(c, str) else ''}".strip()
                for d, c in zip(rows["direction_summary"], rows["notes"], strict=True)
            ],
        }
    )
    return Table(frame, f"{len(frame)} findings and their stated weaknesses", _links(rows), "Study")


def references_markdown(df: pd.DataFrame) -> str:
    """A bulleted list of the studies behind `df` (one line per study, with link and the rows used)."""
    lines = []
    for _, group in df.groupby("study_id", sort=False):
        r = group.iloc[0]
        link = f" <{r['doi_or_url']}>" if str(r["doi_or_url"]).startswith("http") else ""
        statuses = sorted(set(group["verification_status"]))
        weak = " Read only in secondary coverage: context, not established." if statuses == ["secondary"] else ""
        lines.append(f"- {source_line(r)}{link} Findings {', '.join(group['row_id'])}.{weak}")
    return "\n".join(lines)


# --- Summaries -----------------------------------------------------------------------------------


def summary(df: pd.DataFrame) -> pd.DataFrame:
    """Counts of findings by design family and direction. Secondary rows are dropped: never summarised."""
    rows = df[df["verification_status"] != "secondary"]
    if rows.empty:
        raise NoData("Every finding in this selection is secondary (context only); a summary uses none of them.")
    order = [f.label for f in DESIGN_FAMILIES]
    short = rows["finding_direction"].map(SUMMARY_LABELS).fillna(OTHER_SUMMARY)
    counts = pd.crosstab(rows["design_family_label"], short)
    columns = [*dict.fromkeys(SUMMARY_LABELS.values()), OTHER_SUMMARY]
    counts = counts.reindex(
        index=[o for o in order if o in counts.index], columns=[c for c in columns if c in counts.columns]
    )
    counts["all"] = counts.sum(axis=1)
    counts.index.name = "design"
    counts.columns.name = None
    return counts


OTHER_SUMMARY = "level, count or mechanism"
SUMMARY_LABELS = {
    NO_EFFECT: "no detectable effect",
    MIXED: "mixed",
    HIGHER: "higher with more enforcement",
    LOWER: "lower with more enforcement",
    IN_WORDS: "effect in words only",
}


def cite(row_id: str) -> str:
    """A short citation with link for prose: '[Hausman (2020)](https://doi.org/...)' plus its status if weaker."""
    row = _row(row_id)
    text = (
        f"[{row['short_cite']}]({row['doi_or_url']})"
        if str(row["doi_or_url"]).startswith("http")
        else row["short_cite"]
    )
    if row["verification_status"] == "verified_summary":
        text += " (number read in an official summary)"
    elif row["verification_status"] == "secondary":
        text += " (reported in secondary coverage, not verified)"
    return text


def cite_list(row_ids: Iterable[str]) -> str:
    """Several short citations for prose, each linked and marked if weaker: 'A (2014), B (2020) and C (2019)'."""
    items = [cite(r) for r in row_ids]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def rows_with(df: pd.DataFrame, direction: str) -> list[str]:
    """Row ids of `df` whose `finding_direction` is `direction` (e.g. evidence.NO_EFFECT)."""
    return df.loc[df["finding_direction"] == direction, "row_id"].tolist()


def _row(row_id: str) -> pd.Series:
    df = _normalised()
    hit = df[df["row_id"] == row_id]
    if hit.empty:
        raise KeyError(f"No finding {row_id!r} in research_findings; row ids run from R01 to R{len(df):02d}.")
    return hit.iloc[0]


def value(row_id: str, column: str = "effect_more_enforcement") -> Any:
    """One value of one finding, for prose: `value("R16", "effect")` -> -30.0 (as published)."""
    return _row(row_id)[column]


# --- Cards ---------------------------------------------------------------------------------------

HOW_SURE = {
    "verified": "The finding was read in the study's own text (its abstract, full text or an official page). "
    "That is not the same as peer review: check the venue.",
    "verified_summary": "The number was read in an official summary (publisher, authors or their institution), "
    "not in the paper itself: treat it as likely right but check it against the paper.",
    "secondary": "Read only in third-party coverage (news, blogs): a lead, not an established finding.",
}


def card_text(row_id: str) -> str:
    """One finding in plain words (Markdown): who, where, when, how measured, what it found, how sure."""
    r = _row(row_id)
    family = FAMILY_BY_KEY[str(r["design_family"])]
    causal = (
        "a design that, done well, can support a causal claim"
        if family.causal
        else "a design that shows an association or a level, not a cause"
    )
    interval = (
        "a 95% confidence interval is published"
        if r["has_ci"]
        else "a standard error is published, so the 95% interval is the estimate ± 1.96 standard errors"
        if r["interval_kind"] == "ci_from_se"
        else "a range across model versions is published (not a confidence interval)"
        if r["has_range"]
        else "no interval was published with this number"
        if r["has_number"]
        else "no number was published in the text read"
    )
    period = period_text(r["period"])
    lines = [
        f"### {r['row_id']} · {r['short_cite']}: {r['outcome']}",
        "",
        f"- **Who**: {r['population']}",
        f"- **Where**: {r['geography']}",
        f"- **When**: {period}",
        f"- **Policy**: {r['policy_label']} ({'more' if r['exposure'] == 'enforcement_up' else 'less'} enforcement or cooperation)",
        f"- **How measured**: {r['outcome']}; {r['design']} ({r['design_label']}: {causal})",
        f'- **What it found**: {r["direction_summary"]} In the study\'s words: "{r["effect_as_reported"]}".',
        f"- **The number**: {result_text(r)}",
        f"- **How sure**: {STATUS_LABELS[r['verification_status']]}. {HOW_SURE[r['verification_status']]} "
        f"For the uncertainty, {interval}.",
    ]
    if isinstance(r["notes"], str) and r["notes"].strip():
        lines.append(f"- **Caveats noted by the compiler**: {r['notes']}")
    link = f" <{r['doi_or_url']}>" if str(r["doi_or_url"]).startswith("http") else ""
    lines.append(f"- **Source**: {source_line(r)}{link}")
    return "\n".join(lines)


def card(row_id: str) -> Markdown:
    """`card_text` as Markdown for display, dollar signs kept literal (Jupyter would read `$...$` as maths)."""
    return Markdown(escape_dollars(card_text(row_id)))


# --- Explorer views ------------------------------------------------------------------------------


class Tables:
    """Several tables shown as one HTML output, one under the other."""

    def __init__(self, *tables: Table):
        self.tables = list(tables)

    def _repr_html_(self) -> str:
        return "<div style='margin-top:6px'></div>".join(t._repr_html_() for t in self.tables)


class View:
    """Several outputs shown one after another (a sentence, a chart, tables) as one explorer result."""

    def __init__(self, *parts: Any):
        self.parts = [p for p in parts if p is not None]

    def _ipython_display_(self) -> None:
        for part in self.parts:
            display(part)


def _count(k: int, one: str, many: str) -> str:
    """'1 finding', '3 findings'."""
    return f"{k} {one if k == 1 else many}"


def null_clause(nulls: int) -> str:
    """How many findings report no detectable effect, worded for zero, one or many (never 'none report no ...')."""
    if nulls == 0:
        return "no finding reports a null result (no detectable effect)"
    if nulls == 1:
        return "1 reports no detectable effect"
    return f"{nulls} report no detectable effect"


def counts_sentence(df: pd.DataFrame) -> str:
    """How many findings a selection holds, how many are plotted, and how many are from causal designs.

    Worded for any count: "1 finding from 1 study", "no finding reports a null result", "1 comes from a design".
    """
    plotted = int(df["plotted"].sum())
    causal = int(df["causal_design"].sum())
    nulls = int((df["finding_direction"] == NO_EFFECT).sum())
    secondary = int((df["verification_status"] == "secondary").sum())
    direction_only_n = int((~df["has_number"].astype(bool)).sum())
    amounts = int((df["unit_kind"] == "amount").sum())
    causal_text = (
        "None comes from a design that can support a causal claim"
        if causal == 0
        else f"{causal} {'comes' if causal == 1 else 'come'} from {'a design' if causal == 1 else 'designs'} that can "
        "support a causal claim"
    )
    text = (
        f"**{_count(len(df), 'finding', 'findings')}** from {_count(df['study_id'].nunique(), 'study', 'studies')}: "
        f"{plotted} with a number drawn in the chart, {direction_only_n} with a direction only, "
        f"{_count(amounts, 'level or count', 'levels or counts')}. {causal_text}; {null_clause(nulls)}."
    )
    if secondary:
        text += f" {secondary} {'is a secondary report' if secondary == 1 else 'are secondary reports'}, shown for context only."
    return text


@lru_cache(maxsize=512)
def _explorer_parts(domain: str, policy: str, design: str, statuses: tuple[str, ...]) -> tuple[str, Any, Any]:
    """The sentence, chart and tables of one explorer selection, computed once per selection.

    A pure function of the selection tuple (the findings table does not change while a kernel runs),
    so a reader going back to an outcome gets it from the cache. A selection with nothing to show
    raises NoData, which is not cached. The chart is drawn from the cached rows of the whole table
    (`evidence_chart.forest_chart_for_rows`), not rebuilt from the selection's frame.
    """
    from .evidence_chart import forest_chart_for_rows

    df = findings(policy=policy, domain=domain, design=design, statuses=statuses)
    chart = None
    plotted = df["plotted"].astype(bool)
    if bool(plotted.any()):
        label = DOMAINS.get(domain, "all outcomes") if domain != "all" else "all outcomes"
        label = label.split(" (")[0]  # the title has one line; the panels below spell the domain out in full
        chart = forest_chart_for_rows(
            tuple(df.loc[plotted, "row_id"]),
            title=f"{label}: {_count(int(plotted.sum()), 'finding', 'findings')} with a number, effect of more enforcement",
        )
    sentence = counts_sentence(df)
    if chart is None:
        sentence += (
            " *None of these findings gives a number on a shared scale, so there is no chart: see the lists below.*"
        )
    tables = []
    if bool((~df["has_number"].astype(bool)).any()):
        tables.append(direction_only(df))
    if bool((df["unit_kind"] == "amount").any()):
        tables.append(other_numbers(df))
    return sentence, chart, Tables(*tables) if tables else None


def explorer_view(
    domain: str, policy: str = "all", design: str = "all", statuses: Iterable[str] = DEFAULT_STATUSES
) -> View:
    """What the evidence explorer shows for one selection (raises NoData for an empty one).

    The work is cached per selection (`_explorer_parts`); only the View around it is new on each call.
    """
    sentence, chart, tables = _explorer_parts(domain, policy, design, tuple(statuses))
    # at most three outputs per redraw: headless runners (nbclient, used by nbconvert and make bench) mirror every
    # output of a widget back to the kernel, and many quick outputs in one redraw can stall them
    return View(Markdown(sentence), chart, tables)


def domain_options(include_all: bool = True) -> list[tuple[str, str]]:
    """(label, key) pairs for a domain dropdown."""
    return [*([("All outcomes", "all")] if include_all else []), *((v, k) for k, v in DOMAINS.items())]


def policy_options() -> list[tuple[str, str]]:
    return [("All policies", "all"), *((v, k) for k, v in POLICIES.items())]


def design_options() -> list[tuple[str, str]]:
    return [
        ("All designs", "all"),
        ("Designs that can support a causal claim", CAUSAL),
        *((f.label, f.key) for f in DESIGN_FAMILIES),
    ]


def explorer(default_domain: str = "crime", name: str = "evidence", default_policy: str = "all") -> Any:
    """Dropdowns (outcome first, then policy, design, verification) over the forest chart and lists."""
    from . import widgets

    controls = {
        "domain": widgets.dropdown(domain_options(), value=default_domain, description="Outcome", width="520px"),
        "policy": widgets.dropdown(policy_options(), value=default_policy, description="Policy", width="330px"),
        "design": widgets.dropdown(design_options(), value="all", description="Design", width="420px"),
        "statuses": widgets.dropdown(
            list(STATUS_OPTIONS.items()), value=DEFAULT_STATUSES, description="Verification", width="380px"
        ),
    }
    return widgets.explorer(explorer_view, controls, name=name)


def finding_options(
    domain: str | Iterable[str] | None = None, include_secondary: bool = False
) -> list[tuple[str, str]]:
    """(label, row id) pairs for a dropdown of findings."""
    df = findings(domain=domain, include_secondary=include_secondary)
    return [(f"{r.row_id} · {r.short_cite} · {r.outcome}"[:90], r.row_id) for r in df.itertuples()]


def card_explorer(
    domain: str | Iterable[str] | None = None, name: str = "evidence-card", value: str | None = None
) -> Any:
    """A dropdown of the domain's findings; the output is the chosen finding's card."""
    from . import widgets

    options = finding_options(domain)
    control = widgets.dropdown(options, value=value, description="Finding", width="640px")
    return widgets.explorer(card, {"row_id": control}, name=name)


def forest_chart(df: pd.DataFrame, **kwargs: Any) -> Any:
    """See `helpers.evidence_chart.forest_chart` (imported lazily to keep this module light)."""
    from .evidence_chart import forest_chart as _forest

    return _forest(df, **kwargs)
