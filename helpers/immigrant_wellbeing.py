"""Stress on immigrants (notebook 06): health, schooling, public programs and family separation.

The evidence itself lives in `research_findings` and is read through `helpers.evidence` (signs on one
footing, designs, verification, the forest chart). This module adds what notebook 06 needs on top:

- `six_findings()`: the findings the notebook discusses (outcome domains health, education and
  safety_net, plus the two family-separation rows of the `other` domain), each with a `topic`, a
  coarse `population_group` read from the `population` column by stated rules, and the years the
  study covers read from `period`. The population matters most here: nearly every result concerns
  Hispanic residents, or the children of likely unauthorized parents, in the 2000s and early 2010s.
- `population_table()` and the `who_explorer()`: every finding with who, where, when, design and result.
- `who_counts()`: how many findings concern Hispanic people, Secure Communities or 287(g), years before 2016;
  `other_policies_text()`: what the other findings study (raids, sanctuary policies, enforcement in general).
- `secure_communities_rollout()` and `rollout_sentence()`: the rollout's dates, from the one finding that dates
  it to the month, checked against every other finding that gives the rollout's years.
- `period_chart()`: when each study's data were gathered, against the rollout and Minnesota's 2025–26 surge.
- `interval_reading()`: each plotted estimate's 95% interval read against "no difference", in words.
- `forest_chart()`: `evidence.forest_chart` with the family-separation panel named for what it is.
- Minnesota's side, from `facts` and `mn_county_indicators` / `county_indicators`: heritage groups,
  refugee arrivals by origin, countries of birth (`birth_countries_text()`), Hispanic and foreign-born
  shares with vintages,
  `hispanic_map()`, and `transfer_table()`: what may carry over to Somali, Hmong and Karen residents
  and what the studies do not establish.

Every number comes from data/; the only text written here is the labels and the reading of the
transfer table, which names the findings (by row) it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from . import charts, evidence, maps, widgets
from .catalog import load
from .evidence_chart import SpecChart
from .facts import CONFIDENCE_PHRASES, fact
from .widgets import NoData

# --- Which findings the notebook discusses --------------------------------------------------------

TOPICS: dict[str, str] = {
    "health": "Health",
    "education": "Schooling",
    "safety_net": "Public programs",
    "family": "Family separation",
}
DOMAIN_TOPICS = ("health", "education", "safety_net")  # whole outcome domains of research_findings
FAMILY_ROWS = ("R72", "R73")  # family separation: the only rows of the `other` domain this notebook uses
DEPORTATION_ROWS = ("R09", "R10", "R11")  # context: how refusing detainers changed deportations after local arrests
NAMED_PROGRAMS = ("secure_communities", "287g")  # the two federal programs studied by name
# What the findings that do not study a named program study instead, for `other_policies_text()`. The words
# for `enforcement_general` describe this notebook's rows of that policy (indices of enforcement intensity,
# metropolitan ICE arrest rates, and one survey of people's own encounters with enforcement).
OTHER_POLICY_PHRASES: dict[str, str] = {
    "enforcement_general": "enforcement in general ({k}: indices of enforcement intensity, local ICE arrest rates "
    "or people's own encounters with enforcement)",
    "raid": "raids ({k})",
    "sanctuary": "sanctuary policies ({k})",
}
OTHER_PANEL = evidence.DOMAINS["other"]
FAMILY_PANEL = "Family separation"

# --- Who was studied -------------------------------------------------------------------------------

HISPANIC = "Hispanic or Latino people"
IMMIGRANT_FAMILIES = "Immigrants or their children (origin not limited)"
STUDENTS = "All students in the affected schools"
LATINO_ASIAN = "Latino and Asian immigrants"
OTHER_GROUP = "Other"
# The first rule whose pattern matches `population` wins (case-insensitive). Order matters:
# "high school students (all; larger for ... Hispanic ...)" is about all students, and a study of
# "Latinx and Asian immigrants" is the one finding that reaches beyond Hispanic immigrants.
POPULATION_RULES: tuple[tuple[str, str], ...] = (
    (r"\(all;|^k-12 students|^students\b", STUDENTS),
    (r"\basian\b", LATINO_ASIAN),
    (r"hispanic|latin|spanish|mexican", HISPANIC),
    (r"immigrant|non-?citizen|unauthorized|foreign-born", IMMIGRANT_FAMILIES),
)
GROUP_ORDER = [HISPANIC, IMMIGRANT_FAMILIES, LATINO_ASIAN, STUDENTS, OTHER_GROUP]
GROUP_SHAPES = ["circle", "square", "diamond", "triangle-up", "cross"]
GROUP_COLOURS = [charts.PALETTE[0], charts.PALETTE[1], charts.PALETTE[2], charts.PALETTE[3], charts.GREY]


def population_group(population: str) -> str:
    """A coarse label for a finding's `population` text, by the first matching rule of POPULATION_RULES."""
    text = str(population or "")
    for pattern, group in POPULATION_RULES:
        if re.search(pattern, text, re.IGNORECASE):
            return group
    return OTHER_GROUP


def study_years(period: Any) -> tuple[int | None, int | None]:
    """First and last year of data a finding's `period` text names.

    '2000-2012' -> (2000, 2012); '1990s' -> (1990, 1999); school years '2003/04-2012/13' -> (2003, 2013).
    A period that names only the year of the analysis ('analysis 2012') says nothing about the data's
    years, and a missing period says nothing at all: both give (None, None), and such findings are
    listed, never placed on a timeline.
    """
    if period is None or (not isinstance(period, str) and pd.isna(period)):
        return None, None
    if period.strip().lower().startswith("analysis"):
        return None, None
    years: list[int] = []
    for decade in re.findall(r"\b((?:19|20)\d)0s\b", period):
        years += [int(decade) * 10, int(decade) * 10 + 9]
    for first, second in re.findall(r"(?<!\d)((?:19|20)\d{2})[-/](\d{2})(?!\d)", period):
        years += [int(first), int(first) // 100 * 100 + int(second)]
    years += [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?![\ds])", period)]
    return (min(years), max(years)) if years else (None, None)


def _annotate(df: pd.DataFrame, topic: str | None) -> pd.DataFrame:
    out = df.copy()
    out["topic"] = topic if topic else out["outcome_domain"].astype(str)
    out["topic_label"] = out["topic"].map(TOPICS).fillna(out["outcome_domain"].map(evidence.DOMAINS)).astype("string")
    out["population_group"] = out["population"].map(population_group).astype("string")
    years = out["period"].map(study_years)
    out["year_start"] = pd.array([y[0] for y in years], dtype="Int64")
    out["year_end"] = pd.array([y[1] for y in years], dtype="Int64")
    return out


@lru_cache(maxsize=4)
def _six_all(include_secondary: bool) -> pd.DataFrame:
    domains = evidence.findings(domain=list(DOMAIN_TOPICS), include_secondary=include_secondary)
    family = evidence.findings(rows=list(FAMILY_ROWS), include_secondary=include_secondary)
    frame = pd.concat([_annotate(domains, None), _annotate(family, "family")], ignore_index=True)
    order = {t: i for i, t in enumerate(TOPICS)}
    frame["topic_rank"] = frame["topic"].map(order)
    return frame.sort_values(["topic_rank", "row_id"], kind="stable").reset_index(drop=True)


def six_findings(
    topic: str | list[str] | None = None,
    design: str | None = None,
    group: str | None = None,
    include_secondary: bool = False,
) -> pd.DataFrame:
    """The findings notebook 06 discusses, with `topic`, `population_group`, `year_start` and `year_end`.

    `topic` is a key of TOPICS, a list of keys, or None / 'all'; `design` as in `evidence.findings` ('causal', a
    family key); `group` a population group. Secondary rows are left out unless asked for. Raises
    NoData, saying what to change, when nothing matches.
    """
    df = _six_all(include_secondary)
    if topic not in (None, "all"):
        wanted = {topic} if isinstance(topic, str) else set(topic)
        if wanted - set(TOPICS):
            raise ValueError(f"Unknown topic {sorted(wanted - set(TOPICS))}; choose from {list(TOPICS)}.")
        df = df[df["topic"].isin(wanted)]
    if design not in (None, "all"):
        classes = evidence.design_classes(design) or set()
        df = df[df["design_class"].isin(classes)]
    if group not in (None, "all"):
        df = df[df["population_group"] == group]
    if df.empty:
        topics = [topic] if isinstance(topic, str) else list(topic or [])
        what = [f"topic {' or '.join(TOPICS.get(t, t) for t in topics)}" if topic not in (None, "all") else "",
                f"population {group}" if group not in (None, "all") else "",
                f"design {design}" if design not in (None, "all") else ""]  # fmt: skip
        chosen = "; ".join(w for w in what if w)
        raise NoData(
            f"No finding in this notebook's table matches {chosen}. Set the population or the topic back to 'All' "
            "to see which groups were studied for this outcome."
        )
    return df.reset_index(drop=True).copy()


# Which way each plotted finding's outcome is worse for the people studied, as the studies frame it:
# lower birth weight, more distress, worse self-rated health, fewer doctor visits, more delayed care,
# fewer students enrolled, more grade repetition, dropout and absence, more children apart from a parent.
# Public-program use is left out on purpose: less use by eligible families is what the studies call a
# "chilling effect", but whether it is worse is a judgement this table does not make.
WORSE_WHEN: dict[str, str] = {
    "R63": evidence.HIGHER, "R64": evidence.LOWER, "R65": evidence.HIGHER, "R66": evidence.HIGHER,
    "R67": evidence.HIGHER, "R68": evidence.LOWER, "R69": evidence.LOWER, "R70": evidence.HIGHER,
    "R52": evidence.LOWER, "R53": evidence.HIGHER, "R54": evidence.HIGHER, "R55": evidence.HIGHER,
    "R56": evidence.HIGHER, "R58": evidence.HIGHER, "R59": evidence.HIGHER, "R61": evidence.HIGHER,
    "R72": evidence.HIGHER, "R73": evidence.HIGHER,
}  # fmt: skip


def worse_rows(df: pd.DataFrame) -> list[str]:
    """Row ids of `df` whose estimate points to a worse outcome for the people studied (see WORSE_WHEN).

    A finding whose interval includes no effect is not counted (its direction is "no detectable effect").
    """
    return [r for r, d in zip(df["row_id"], df["finding_direction"], strict=True) if WORSE_WHEN.get(r) == d]


def deportation_context() -> pd.DataFrame:
    """Hausman's findings on deportations after local arrests (R09-R11): the channel that links local jails to family separation."""
    return _annotate(evidence.findings(rows=list(DEPORTATION_ROWS)), "deportations")


# --- Counts for prose --------------------------------------------------------------------------------


def who_counts(df: pd.DataFrame | None = None) -> dict[str, int]:
    """How many findings concern Hispanic people, Secure Communities or 287(g), and years before 2016.

    `hispanic`: population group Hispanic or Latino; `programs`: policy Secure Communities or 287(g);
    `before_2016`: the study's last year is 2015 or earlier; `no_period`: no period stated;
    `hispanic_only_or_children`: Hispanic, or children/families of (likely unauthorized) immigrants.
    """
    df = six_findings() if df is None else df
    ends = df["year_end"]
    return {
        "findings": len(df),
        "studies": int(df["study_id"].nunique()),
        "hispanic": int((df["population_group"] == HISPANIC).sum()),
        "immigrant_families": int((df["population_group"] == IMMIGRANT_FAMILIES).sum()),
        "latino_asian": int((df["population_group"] == LATINO_ASIAN).sum()),
        "students": int((df["population_group"] == STUDENTS).sum()),
        "programs": int(df["policy"].isin(NAMED_PROGRAMS).sum()),
        "before_2016": int((ends.notna() & (ends <= 2015)).sum()),
        "after_2024": int((ends.notna() & (ends >= 2025)).sum()),
        "no_period": int(ends.isna().sum()),
        "with_period": int(ends.notna().sum()),
        "causal": int(df["causal_design"].sum()),
    }


def group_counts(df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Findings by topic (rows) and population group (columns), with totals: who the evidence is about."""
    df = six_findings() if df is None else df
    table = pd.crosstab(df["topic_label"], df["population_group"])
    table = table.reindex(
        index=[t for t in TOPICS.values() if t in table.index], columns=[g for g in GROUP_ORDER if g in table.columns]
    )
    table["all"] = table.sum(axis=1)
    table.loc["all"] = table.sum(axis=0)
    table.index.name = "topic"
    table.columns.name = None
    return table


def other_policies_text(df: pd.DataFrame | None = None) -> str:
    """What the findings that study neither Secure Communities nor 287(g) study instead, with counts, largest first.

    e.g. "enforcement in general (10: ...), raids (6) or sanctuary policies (2)". Read from the `policy`
    column, so a reader is never told "raids or indices" when some findings concern sanctuary policies.
    """
    df = six_findings() if df is None else df
    counts = df.loc[~df["policy"].isin(NAMED_PROGRAMS), "policy"].value_counts()
    parts = [
        OTHER_POLICY_PHRASES.get(p, f"{evidence.POLICIES.get(p, p).lower()} ({{k}})").format(k=int(k))
        for p, k in counts.items()
    ]
    if not parts:
        return "no other policy"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


# --- Tables ----------------------------------------------------------------------------------------



def population_table(df: pd.DataFrame, caption: str | None = None) -> evidence.Table:
    """Every finding of `df` with who it applies to, where, when, the design and the result (as the effect of more enforcement)."""
    rows = df.reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "Finding": rows["row_id"],
            "Study": rows["short_cite"],
            "Outcome": rows["outcome"],
            "Who (population studied)": rows["population"],
            "Where": rows["geography"],
            "When": rows["period"].map(evidence.period_text),
            "Design": [
                f"{d} ({'can support a causal claim' if c else 'association or level'})"
                for d, c in zip(rows["design_label"], rows["causal_design"], strict=True)
            ],
            "Result (effect of more enforcement)": [evidence.result_text(r) for _, r in rows.iterrows()],
            "Status": rows["status_label"],
        }
    )
    links = {i: str(u) for i, u in enumerate(rows["doi_or_url"]) if isinstance(u, str) and u.startswith("http")}
    return evidence.Table(
        frame, caption or f"{len(frame)} findings: who, where, when, how designed, what found", links, "Study"
    )


def group_options() -> list[tuple[str, str]]:
    return [("All populations", "all"), *((g, g) for g in GROUP_ORDER[:-1])]


def topic_options() -> list[tuple[str, str]]:
    return [("All topics", "all"), *((v, k) for k, v in TOPICS.items())]


def who_view(topic: str = "all", group: str = "all") -> evidence.Table:
    """Explorer view: the findings of one topic that concern one population group (NoData if none)."""
    df = six_findings(topic=topic, group=group)
    label = "all topics" if topic == "all" else TOPICS[topic]
    who = "all populations" if group == "all" else group
    return population_table(df, f"{len(df)} findings on {label.lower()} about {who.lower()}")


def who_explorer(name: str = "06-who", topic: str = "all", group: str = HISPANIC) -> Any:
    """Dropdowns (topic first, then population group) over the table of findings with who, where and when."""
    controls = {
        "topic": widgets.dropdown(topic_options(), value=topic, description="Topic", width="260px"),
        "group": widgets.dropdown(group_options(), value=group, description="Population studied", width="460px"),
    }
    return widgets.explorer(who_view, controls, name=name)


def card_options() -> list[tuple[str, str]]:
    """(label, row id) for every finding of the notebook, secondary ones marked with the evidence module's status label."""
    df = six_findings(include_secondary=True)
    labels = []
    for r in df.itertuples():
        tag = f" · {evidence.STATUS_LABELS['secondary']}" if r.verification_status == "secondary" else ""
        labels.append((f"{r.row_id} · {r.topic_label} · {r.short_cite} · {r.outcome}"[:95] + tag, r.row_id))
    return labels


def card_explorer(name: str = "06-card", value: str = "R64") -> Any:
    """A dropdown of the notebook's findings; the output is the chosen finding's plain-language card."""
    control = widgets.dropdown(card_options(), value=value, description="Finding", width="720px")
    return widgets.explorer(evidence.card, {"row_id": control}, name=name)


# --- Charts ----------------------------------------------------------------------------------------


def forest_chart(df: pd.DataFrame, *, title: str, subtitle: str) -> SpecChart:
    """`evidence.forest_chart`, with the family-separation rows' panel named 'Family separation'.

    Their outcome domain in research_findings is `other` (`evidence.DOMAINS["other"]`, a list of several
    themes), a label that would mislead here; only the panel name and the description change, not the numbers.
    """
    chart = evidence.forest_chart(df, title=title, subtitle=subtitle)
    spec = chart.spec
    family = set(FAMILY_ROWS)
    rows = []
    for record in spec["datasets"]["findings"]:
        if record["row_id"] in family:
            record = {**record, "panel": str(record["panel"]).replace(OTHER_PANEL, FAMILY_PANEL)}
        rows.append(record)
    spec["datasets"] = {**spec["datasets"], "findings": rows}
    spec["description"] = str(spec["description"]).replace(OTHER_PANEL, FAMILY_PANEL)
    return SpecChart(spec)


def _fmt(value: float, ratio: bool) -> str:
    """A number for prose: ratios as printed ('1.24'), other effects signed with a true minus ('−58.54', '+2.2')."""
    text = f"{value:g}"
    if ratio:
        return text
    return f"+{text}" if value > 0 else text.replace("-", "−")


def interval_reading(df: pd.DataFrame) -> str:
    """Markdown bullets: each plotted estimate's 95% interval read against "no difference", then those without one.

    An interval that lies entirely on one side of no difference (0, or 1 for a ratio) excludes no effect; one
    that includes it does not. Estimates with no published interval (or only a range across model versions,
    which is not a confidence interval) are named by study: only their sign can be read. Designs that cannot
    support a causal claim are marked as associations. Numbers are on the footing of more enforcement.
    """
    rows = df[df["plotted"].astype(bool)]
    lines = []
    for _, r in rows[rows["interval_kind"].isin(["ci", "ci_from_se"])].iterrows():
        ratio, null = bool(r["ratio_unit"]), 1.0 if r["ratio_unit"] else 0.0
        lo, hi = float(r["ci_low_more"]), float(r["ci_high_more"])
        where = "lies entirely below" if hi < null else "lies entirely above" if lo > null else "includes"
        head = f"ratio {_fmt(r['effect_more_enforcement'], True)}" if ratio else (
            f"{_fmt(r['effect_more_enforcement'], False)} {r['unit_axis']}")
        design = "" if r["causal_design"] else f"; a {r['design_label']}, so an association, not a causal estimate"
        lines.append(
            f"- {evidence.cite(r['row_id'])}, {r['outcome']}: {head}, 95% CI {_fmt(lo, ratio)} to {_fmt(hi, ratio)}, "
            f"which {where} {null:g} (no difference){design}."
        )
    bare = rows[~rows["interval_kind"].isin(["ci", "ci_from_se"])]
    studies = []
    for _study, part in bare.groupby("study_id", sort=False):
        k, ranges = len(part), int((part["interval_kind"] == "range").sum())
        what = f"{k} estimate{'s' if k != 1 else ''}"
        if ranges:
            what += f", {ranges} of them only a range across model versions, which is not a confidence interval"
        studies.append(f"{evidence.cite(part['row_id'].iloc[0])} ({what})")
    if studies:
        named = studies[0] if len(studies) == 1 else ", ".join(studies[:-1]) + " and " + studies[-1]
        lines.append(f"- No published confidence interval: {named}. Only the sign of these estimates can be read.")
    return "\n".join(lines)


ROLLOUT_ROW = "R16"  # Goncalves, Jacome & Weisburst: the finding that dates the Secure Communities rollout to the month
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ROLLOUT_YEARS = re.compile(
    r"(?:rollout|implementation|activation)\s+(?:([A-Z][a-z]{2}) )?(\d{4})\s*[-–]\s*(?:([A-Z][a-z]{2}) )?(\d{4})"
)


@dataclass(frozen=True)
class Rollout:
    """The Secure Communities rollout as one finding dates it, and how the other findings that date it agree.

    `start` and `end` are fractional years for a chart axis (Oct 2008 -> 2008.75; Jan 2013 -> the end of
    January 2013); `text` is the dates as words; `agree` / `differ` list the studies (short citations)
    whose periods give the rollout's years with the same or a different last year, and `differ_periods`
    the periods of those that differ, as the table words them.
    """

    start: float
    end: float
    start_year: int
    end_year: int
    text: str
    row_id: str
    agree: tuple[str, ...]
    differ: tuple[str, ...]
    differ_periods: tuple[str, ...]


def _rollout_years(period: Any) -> tuple[str | None, int, str | None, int] | None:
    match = _ROLLOUT_YEARS.search(period) if isinstance(period, str) else None
    if not match:
        return None
    m1, y1, m2, y2 = match.groups()
    return m1, int(y1), m2, int(y2)


def secure_communities_rollout() -> Rollout:
    """The rollout of Secure Communities as dated in finding R16 (month and year), checked against the other findings.

    Every finding of research_findings whose period names the rollout's (or implementation's, activation's)
    first and last year is compared with R16: the studies ending it the same year `agree`, the others
    `differ`. (The fact sheet's completion date, 2013-01-22, is in its "to verify" section, so the series
    dates the rollout from the findings table.)
    """
    period = evidence.value(ROLLOUT_ROW, "period")
    parsed = _rollout_years(period)
    if parsed is None:
        raise ValueError(f"Finding {ROLLOUT_ROW}'s period {period!r} does not name the rollout's years.")
    m1, y1, m2, y2 = parsed
    start = y1 + (_MONTHS.index(m1.lower()) / 12 if m1 else 0.0)
    end = y2 + ((_MONTHS.index(m2.lower()) + 1) / 12 if m2 else 1.0)
    text = f"{m1 + ' ' if m1 else ''}{y1}–{m2 + ' ' if m2 else ''}{y2}"
    sc = evidence.findings(policy="secure_communities", include_secondary=True)
    agree: list[str] = []
    differ: list[str] = []
    periods: list[str] = []
    dated = sc[sc["period"].map(_rollout_years).notna()].drop_duplicates("study_id")
    for r in dated.itertuples():
        if _rollout_years(r.period)[3] == y2:  # type: ignore[index]
            agree.append(r.short_cite)
        else:
            differ.append(r.short_cite)
            periods.append(str(r.period))
    return Rollout(start, end, y1, y2, text, ROLLOUT_ROW, tuple(agree), tuple(differ), tuple(periods))


def rollout_sentence() -> str:
    """Markdown: the rollout's dates with their citation, how the other findings agree, and a verified fact on its spread."""
    ro = secure_communities_rollout()
    others = [c for c in ro.agree if c != evidence.value(ro.row_id, "short_cite")]
    also = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1] if others else ""
    source = f"[{evidence.value(ro.row_id, 'short_cite')}]({evidence.value(ro.row_id, 'doi_or_url')})"
    status = evidence.STATUS_LABELS[str(evidence.value(ro.row_id, "verification_status"))]
    text = (
        f"The grey band is the Secure Communities rollout, from the first county switched on to the last: "
        f"{ro.text.replace('–', ' to ')}, as dated by {source} (finding {ro.row_id}, {status}). "
        f"{len(ro.agree)} of the {len(ro.agree) + len(ro.differ)} studies in the table that give the rollout's years "
        f"end it in {ro.end_year}" + (f" (also {also})" if also else "")
    )
    if ro.differ:
        text += "; " + "; ".join(
            f"the period recorded for {c} reads \"{p}\"" for c, p in zip(ro.differ, ro.differ_periods, strict=True)
        )
    spread = fact("secure_communities_jurisdictions_fy2010")
    return text + f". By the end of FY2010 it was active in {spread.cite()}."


def period_frame(df: pd.DataFrame) -> pd.DataFrame:
    """One row per finding with a stated period: its label, years (end + 1 so that one year has width), group and topic."""
    rows = df[df["year_start"].notna()].copy()
    rows = rows.sort_values(["topic_rank", "year_start", "year_end", "row_id"])
    return pd.DataFrame(
        {
            "label": rows["topic_label"] + " · " + rows["short_cite"] + " · " + rows["row_id"],
            "start": rows["year_start"].astype(int),
            "end": rows["year_end"].astype(int) + 1,
            "years": [
                f"{a}–{b}" if a != b else f"{a}" for a, b in zip(rows["year_start"], rows["year_end"], strict=True)
            ],
            "group": rows["population_group"].astype(str),
            "population": rows["population"].astype(str),
            "period": rows["period"].astype(str),
            "policy": rows["policy_label"].astype(str),
            "order": range(len(rows)),
        }
    )


def period_chart(df: pd.DataFrame | None = None) -> alt.LayerChart:
    """When each finding's data were gathered (years named in `period`), coloured and shaped by who was studied.

    A shaded band marks the Secure Communities rollout as dated in finding R16 (`secure_communities_rollout()`,
    to the month); a rule marks the start of Operation Metro Surge in Minnesota (fact `metro_surge_start_2025`).
    """
    df = six_findings() if df is None else df
    data = period_frame(df)
    ro = secure_communities_rollout()
    ro_cite = f"{evidence.value(ro.row_id, 'short_cite')}, {ro.row_id}"
    surge = fact("metro_surge_start_2025")
    surge_year = surge.date.year + (surge.date.timetuple().tm_yday - 1) / 365  # type: ignore[union-attr]
    groups = [g for g in GROUP_ORDER if g in set(data["group"])]
    legend = alt.Legend(orient="bottom", direction="vertical", values=groups, labelLimit=420)
    colour = alt.Color(
        "group:N", title="Who was studied", scale=alt.Scale(domain=GROUP_ORDER, range=GROUP_COLOURS), legend=legend
    )
    shape = alt.Shape(
        "group:N", title="Who was studied", scale=alt.Scale(domain=GROUP_ORDER, range=GROUP_SHAPES), legend=legend
    )
    scale = alt.Scale(domain=[1990, 2027], zero=False, nice=False)
    x = alt.X(
        "start:Q", title="Years covered by the study's data", scale=scale, axis=alt.Axis(format="d", tickMinStep=1)
    )
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("order"), axis=alt.Axis(labelLimit=420))
    tooltip = [alt.Tooltip("label:N", title="Finding"), alt.Tooltip("population:N", title="Who"),
               alt.Tooltip("period:N", title="When, as stated"), alt.Tooltip("policy:N", title="Policy")]  # fmt: skip
    band = alt.Chart(
        pd.DataFrame(
            [
                {
                    "start": ro.start,
                    "end": ro.end,
                    "label": f"Secure Communities rollout, {ro.text} ({ro_cite})",
                }
            ]
        )
    )
    shade = band.mark_rect(color=charts.LIGHT_GREY, opacity=0.8).encode(x=alt.X("start:Q", scale=scale), x2="end:Q")
    shade_text = band.mark_text(align="left", dx=3, fontSize=11, color="#555555").encode(
        x=alt.X("start:Q", scale=scale), y=alt.value(-6), text="label:N"
    )
    mark = alt.Chart(
        pd.DataFrame([{"x": surge_year, "label": f"Operation Metro Surge begins in Minnesota ({surge.date:%B %Y})"}])
    )
    rule = mark.mark_rule(color=charts.HIGHLIGHT, strokeDash=[4, 3], strokeWidth=2).encode(x=alt.X("x:Q", scale=scale))
    rule_text = mark.mark_text(align="right", dx=-4, fontSize=11, color=charts.HIGHLIGHT).encode(
        x=alt.X("x:Q", scale=scale), y=alt.value(-20), text="label:N"
    )
    base = alt.Chart(data)
    spans = base.mark_rule(strokeWidth=5, opacity=0.85).encode(x=x, x2="end:Q", y=y, color=colour, tooltip=tooltip)
    ends = base.mark_point(size=70, filled=True, opacity=1).encode(
        x=alt.X("end:Q", scale=scale), y=y, color=colour, shape=shape, tooltip=tooltip
    )
    chart = alt.layer(shade, shade_text, rule, rule_text, spans, ends).properties(width=440, height=alt.Step(17))
    counts = who_counts(df)
    return charts.finish(
        chart,
        title=f"{counts['before_2016']} of the {counts['with_period']} findings with a stated period rest on data from 2015 or earlier",
        subtitle=[
            "Years named in each finding's period (research_findings); a bar runs from the first to the end of the last year.",
            f"{counts['no_period']} findings state no period of data in the text read and are not drawn. Secondary reports are left out.",
        ],
        description=(
            f"Timeline of {len(data)} findings on health, schooling, public programs and family separation, one bar per finding "
            f"from the first to the last year of its data. {counts['before_2016']} of {counts['with_period']} findings with a stated period end in 2015 "
            f"or earlier; {counts['after_2024']} cover 2025 or later. Most concern Hispanic people ({counts['hispanic']} findings). "
            f"A grey band marks the Secure Communities rollout, {ro.text} ({ro_cite}); a red line marks the start of Operation Metro Surge "
            f"in Minnesota, {surge.date:%B %Y}."
        ),
    )


# --- Minnesota's side ------------------------------------------------------------------------------

HERITAGE_KEYS = {
    "Mexican": "mn_mexican_heritage_2019",
    "Hmong": "mn_hmong_heritage_2019",
    "Somali": "mn_somali_heritage_2019",
}
NO_FIGURE = "no figure in the series' sources"


def _share_in(statement: str, word: str) -> float | None:
    match = re.search(rf"about (\d+)% (?:\(\d[\d,]*\) )?{word}", statement)
    return float(match.group(1)) if match else None


def heritage_groups() -> pd.DataFrame:
    """Minnesota's Mexican, Hmong and Somali heritage groups (APM Research Lab, 2019) and a Karen row with no figure.

    `people` and the share born abroad are read from the facts table (keys in HERITAGE_KEYS); the
    series has no source for the number of Karen residents, so that row says so instead of a number.
    """
    rows = []
    for group, key in HERITAGE_KEYS.items():
        f = fact(key)
        rows.append(
            {
                "group": group,
                "people": f.value,
                "born_abroad_pct": _share_in(f.statement, "foreign-born"),
                "citation": f.cite(),
                "established": f.established,
            }
        )
    rows.append(
        {"group": "Karen", "people": None, "born_abroad_pct": None, "citation": NO_FIGURE, "established": False}
    )
    return pd.DataFrame(rows)


def heritage_chart() -> alt.LayerChart:
    """Bars of the heritage groups with a number (never a zero bar for Karen), labelled with the share born abroad."""
    d = heritage_groups()
    data = d[d["people"].notna()].copy()
    data["label"] = [
        f"about {p:,.0f} people; about {s:.0f}% born abroad"
        for p, s in zip(data["people"], data["born_abroad_pct"], strict=True)
    ]
    source = fact(HERITAGE_KEYS["Mexican"])
    order = list(data.sort_values("people", ascending=False)["group"])
    y = alt.Y("group:N", title="Heritage group", sort=order)
    x = alt.X(
        "people:Q",
        title="People of this heritage in Minnesota (2019)",
        axis=alt.Axis(format=",.0f"),
        scale=alt.Scale(domain=[0, float(data["people"].max()) * 1.6]),
    )
    bars = (
        alt.Chart(data)
        .mark_bar(color=charts.PALETTE[0], height=26)
        .encode(
            x=x,
            y=y,
            tooltip=[alt.Tooltip("group:N", title="Heritage"), alt.Tooltip("label:N", title="APM Research Lab, 2019")],
        )
    )
    text = alt.Chart(data).mark_text(align="left", dx=5, fontSize=12).encode(x="people:Q", y=y, text="label:N")
    top = data.sort_values("people", ascending=False)
    return charts.finish(
        alt.layer(bars, text).properties(width=520, height=140),
        title=(
            f"About {top.people.iloc[1] + top.people.iloc[2]:,.0f} Minnesotans are of {top.group.iloc[1]} or "
            f"{top.group.iloc[2]} heritage, and about {top.people.iloc[0]:,.0f} of {top.group.iloc[0]} heritage"
        ),
        subtitle=[
            f"People of each heritage in Minnesota, {source.source_text}; verified in the fact sheet.",
            f"No study in this notebook measured {top.group.iloc[1]} or {top.group.iloc[2]} residents on their own.",
            f"Karen residents: {NO_FIGURE}, so no bar is drawn.",
        ],
        description=(
            "Bar chart of three heritage groups in Minnesota in 2019: "
            + "; ".join(
                f"{g} about {p:,.0f} people, about {s:.0f}% born abroad"
                for g, p, s in zip(top.group, top.people, top.born_abroad_pct, strict=True)
            )
            + ". The series has no figure for Karen residents."
        ),
    )


def _counts_after(statement: str, names: list[str], pattern: str) -> list[tuple[str, float]]:
    out = []
    for name in names:
        match = re.search(rf"{re.escape(name)} {pattern}", statement)
        if match:
            out.append((name, float(match.group(1).replace(",", ""))))
    return out


REFUGEE_ORIGINS = ["Somali", "Hmong/Laos", "Burma", "Ethiopia", "Liberia"]
BIRTH_COUNTRIES_2018 = ["Mexico", "Somalia", "India", "Laos", "Ethiopia"]


def refugee_origins() -> pd.DataFrame:
    """Refugees Minnesota took in FY2000–FY2010 by origin, read from the fact `mn_refugees_fy2000_2010` (verified).

    Arrivals from Burma include Karen refugees and other groups; the source does not say how many were Karen.
    """
    f = fact("mn_refugees_fy2000_2010")
    rows = _counts_after(f.statement, REFUGEE_ORIGINS, r"(\d[\d,]*)")
    frame = pd.DataFrame(rows, columns=["Origin", "Refugees, FY2000–FY2010"]).set_index("Origin")
    frame["Share of all refugees (%)"] = (100 * frame["Refugees, FY2000–FY2010"] / float(f.value or 1)).round(1)
    frame["Refugees, FY2000–FY2010"] = frame["Refugees, FY2000–FY2010"].astype(int)
    return frame


def birth_countries_2018() -> pd.DataFrame:
    """Top countries of birth of Minnesota's immigrants in 2018 (AIC; fact item s3-9, verified), as shares of all immigrants."""
    f = fact("s3-9")
    return pd.DataFrame(
        _counts_after(f.statement, BIRTH_COUNTRIES_2018, r"(\d+)%"),
        columns=["Country of birth", "Share of Minnesota's immigrants, 2018 (%)"],
    )


def birth_countries_text() -> str:
    """Markdown: the top countries of birth (2018, fact s3-9) with their combined share, and why 'Laos' is not 'Hmong'.

    The list and the shares are read from the fact, never typed. The fact `mn_born_in_mexico_2014` (verified)
    notes that Census country-of-birth counts split Hmong people between Laos and Thailand; its 2014 counts for
    both countries are printed so that no reader equates one country of birth with one community.
    """
    born = birth_countries_2018()
    share = born.columns[1]
    listing = "; ".join(f"{c} {s:g}%" for c, s in zip(born.iloc[:, 0], born[share], strict=True))
    text = (
        f"The most common countries of birth of Minnesota's immigrants in {fact('s3-9').cite()}: {listing} of all "
        f"immigrants. {born.iloc[0, 0]} comes first with {born[share].iloc[0]:g}%, and these "
        f"{len(born)} countries together account for {born[share].sum():g}%: no single country dominates."
    )
    f = fact("mn_born_in_mexico_2014")
    split = dict(_counts_after(f.statement, ["Laos, including Hmong,", "Thailand, including Hmong,"], r"(\d[\d,]*)"))
    if len(split) == 2:
        laos, thailand = split.values()
        text += (
            " A country of birth is not a community: Census counts of country of birth split Hmong people between "
            f"Laos and Thailand. In {f.date_as_printed}, about {laos:,.0f} Minnesotans had been born in Laos and "
            f"{thailand:,.0f} in Thailand, Hmong people included in both ({f.source_text}; "
            f"{CONFIDENCE_PHRASES.get(f.confidence, f.confidence)})."
        )
    return text


def _weighted(frame: pd.DataFrame, column: str, weight: str) -> float:
    ok = frame[column].notna() & frame[weight].notna()
    return float((frame.loc[ok, column] * frame.loc[ok, weight]).sum() / frame.loc[ok, weight].sum())


@lru_cache(maxsize=1)
def shares() -> dict[str, float]:
    """Hispanic and foreign-born shares, Minnesota against the U.S., each weighted by county population of the same vintage.

    Hispanic: ACS 2015–2019 (weights `population_acs_2015_2019`); foreign-born: ACS 2012–2016 (weights
    from `mn_county_indicators.population_acs_2012_2016` for Minnesota; the U.S. figure uses ACS
    2011–2015 populations, the nearest vintage in `county_indicators`). County shares are rounded, so
    results can differ slightly from the Census Bureau's own state estimates.
    """
    us = load("county_indicators")
    mn = us[us["state_fips"] == "27"].merge(
        load("mn_county_indicators")[["county_fips", "population_acs_2012_2016"]], on="county_fips"
    )
    return {
        "mn_hispanic": _weighted(mn, "hispanic_pct_acs_2015_2019", "population_acs_2015_2019"),
        "us_hispanic": _weighted(us, "hispanic_pct_acs_2015_2019", "population_acs_2015_2019"),
        "mn_foreign_born": _weighted(mn, "foreign_born_pct_acs_2012_2016", "population_acs_2012_2016"),
        "us_foreign_born": _weighted(us, "foreign_born_pct_acs_2012_2016", "population_acs_2011_2015"),
        "mn_counties_above_us_hispanic": float(
            (
                mn["hispanic_pct_acs_2015_2019"]
                > _weighted(us, "hispanic_pct_acs_2015_2019", "population_acs_2015_2019")
            ).sum()
        ),
    }


def top_hispanic_counties(k: int = 5, also: tuple[str, ...] = ("Hennepin", "Ramsey")) -> pd.DataFrame:
    """Minnesota's `k` counties with the largest Hispanic shares (ACS 2015–2019), then the counties in `also` for comparison.

    The foreign-born share (ACS 2012–2016) beside it shows where immigrants are mostly not Hispanic: a county
    whose foreign-born share far exceeds its Hispanic share (which also counts U.S.-born Hispanic residents)
    must have many immigrants from elsewhere. The two shares come from different vintages: compare, don't subtract.
    """
    mn = load("mn_county_indicators").sort_values("hispanic_pct_acs_2015_2019", ascending=False)
    top = pd.concat([mn.head(k), mn[mn["county_name"].isin(also) & ~mn["county_name"].isin(mn.head(k)["county_name"])]])
    return pd.DataFrame(
        {
            "County": top["county_name"],
            "Hispanic or Latino, ACS 2015–2019 (%)": top["hispanic_pct_acs_2015_2019"].round(1),
            "Born abroad, ACS 2012–2016 (%)": top["foreign_born_pct_acs_2012_2016"].round(1),
            "Households speaking Spanish at home, ACS 2015–2019 (%)": top[
                "households_speak_spanish_pct_acs_2015_2019"
            ].round(1),
        }
    ).set_index("County")


def hispanic_map() -> alt.LayerChart:
    """Minnesota's counties shaded by the Hispanic share (ACS 2015–2019): where the population most studies concern lives."""
    mn = load("mn_county_indicators")[["county_fips", "county_name", "hispanic_pct_acs_2015_2019"]].copy()
    mn["hisp_text"] = mn["hispanic_pct_acs_2015_2019"].map(lambda v: f"{v:.1f}%")
    top = mn.sort_values("hispanic_pct_acs_2015_2019", ascending=False).head(3)
    s = shares()
    return maps.minnesota_choropleth(
        mn[["county_fips", "hispanic_pct_acs_2015_2019", "hisp_text"]],
        value="hispanic_pct_acs_2015_2019",
        legend_title="Hispanic or Latino (%)",
        tooltip=[("hisp_text", "Hispanic or Latino, ACS 2015–2019", "N")],
        value_format=".0f",
        title=f"{', '.join(top.county_name.iloc[:2])} and {top.county_name.iloc[2]} counties have the largest Hispanic shares in Minnesota",
        subtitle=(
            f"Share of residents who are Hispanic or Latino, ACS 2015–2019 (Minnesota, population-weighted: {s['mn_hispanic']:.1f}%; "
            f"U.S.: {s['us_hispanic']:.1f}%)"
        ),
        description=(
            "Map of Minnesota's counties shaded by the share of residents who are Hispanic or Latino (ACS 2015–2019). "
            f"The highest shares are in {top.county_name.iloc[0]} ({top.hispanic_pct_acs_2015_2019.iloc[0]:.1f}%), "
            f"{top.county_name.iloc[1]} ({top.hispanic_pct_acs_2015_2019.iloc[1]:.1f}%) and {top.county_name.iloc[2]} "
            f"({top.hispanic_pct_acs_2015_2019.iloc[2]:.1f}%); statewide {s['mn_hispanic']:.1f}%, nationally {s['us_hispanic']:.1f}%."
        ),
    )


# What may carry over, by topic. The text names the mechanism each study describes and what the
# series' sources cannot say; the populations and row ids in the table come from research_findings.
TRANSFER_READING: dict[str, tuple[str, str]] = {
    "safety_net": (
        "Plausible where a household mixes citizens with people whose status is at risk: the studies find that eligible "
        "citizens (children of noncitizens, Hispanic citizen-headed households) used programs less as enforcement rose, "
        "most in mixed-status homes. Minnesota has many U.S.-born children of immigrants (see the facts above).",
        "No study here measured program use in Somali, Hmong or Karen households. Many of their members came as refugees "
        "and many were born in the U.S., so how many of their households include someone at risk of deportation is "
        "unknown in the series' data; Somali TPS holders are a small group whose figure is secondary.",
    ),
    "health": (
        "The mechanism the studies describe (fear and stress, seen as more distress, worse self-rated health, fewer "
        "doctor visits and lower birth weights) is not tied to one origin; one survey also covered Asian immigrants in "
        "California (an association, not a causal estimate).",
        "Every causal health estimate here concerns Latin American-born adults, older Hispanic immigrants, Latina "
        "mothers or births to foreign-born parents, under 287(g), Secure Communities or a 2008 raid. None measured East "
        "African or Southeast Asian communities, or Minnesota.",
    ),
    "education": (
        "Absences rose after raids and ICE arrests in every study here that measured them, including among all students "
        "of the affected districts in 2025 (Dee, a working paper).",
        "Enrollment and dropout effects were measured for Hispanic students and children of likely unauthorized "
        "parents. The only Minnesota figure, which includes Somali-home-language students, is one day of district data "
        "read in news coverage (secondary).",
    ),
    "family": (
        "Separation follows deportation, so it can only happen where a parent can be deported. Hausman's event study "
        "finds that deportations after local arrests fell when counties stopped holding people for ICE, most steeply "
        "for people with no criminal conviction (R09, R10).",
        "Measured for Hispanic U.S.-born children (living apart from both parents, or with a likely undocumented mother "
        "whose spouse is absent). For children whose parents are refugees, permanent residents or citizens the risk is "
        "of a different kind, and no study here measured it.",
    ),
}


def transfer_table() -> evidence.Table:
    """For each topic: who was studied (from the findings), which findings, what may carry over, what is not established."""
    df = six_findings()
    rows = []
    for topic, (plausible, unknown) in TRANSFER_READING.items():
        part = df[df["topic"] == topic]
        groups = part["population_group"].value_counts()
        who = "; ".join(f"{g} ({c})" for g, c in groups.items())
        rows.append(
            {
                "Topic": TOPICS[topic],
                "Who was studied (number of findings)": who,
                "Findings": ", ".join(part["row_id"]),
                "What plausibly carries over": plausible,
                "What the studies do not establish for Somali, Hmong or Karen residents": unknown,
            }
        )
    return evidence.Table(pd.DataFrame(rows), "What the findings can and cannot say about Minnesota's communities")


FACT_KEYS: list[str] = [
    "mn_foreign_born_2018", "mn_foreign_born_share_2018", "mn_naturalized_share_2018", "mn_children_of_immigrants_2018",
    "s3-9", "mn_mexican_heritage_2019", "mn_hmong_heritage_2019", "mn_somali_heritage_2019", "mn_refugees_fy2000_2010",
    "mn_unauthorized_pew_2012", "mn_unauthorized_mpi_2012", "mn_unauthorized_pew_2023", "somali_tps_holders_mn_2025",
    "mn_born_in_mexico_2014", "metro_surge_start_2025",
]  # fmt: skip


def facts_markdown(keys: list[str] | None = None) -> str:
    """The facts a notebook cites as a bulleted list, one line per statement of the fact sheet (keys sharing one are grouped).

    Each line gives the keys, the statement as printed, its confidence label and its link, so that a
    reader sees which figures are verified and which are secondary.
    """
    groups: dict[str, list[str]] = {}
    for key in keys or FACT_KEYS:
        groups.setdefault(fact(key).statement, []).append(key)
    lines = []
    for statement, group in groups.items():
        f = fact(group[0])
        label = CONFIDENCE_LABELS.get(f.confidence, f.confidence)
        link = f" <{f.url}>" if f.url else ""
        lines.append(f"- {', '.join(f'`{k}`' for k in group)} ({label}): {statement}{link}")
    return "\n".join(lines)


CONFIDENCE_LABELS = {
    "verified": "verified",
    "secondary": "secondary: reported, not verified",
    "unverified": "unverified: do not state as fact",
    "unlabelled": "no confidence label",
}
