"""Notebook 04's sentences about the crime and reporting findings, counted from research_findings.

The notebook's prose must not state a count by hand: if the findings table gains or loses a row,
these sentences change with it. The findings themselves come through `helpers.evidence`, so the sign
convention ("effect of more enforcement") and the handling of secondary rows are the explorer's own.
"""

from __future__ import annotations

import pandas as pd

from . import evidence
from .text import n

# How each direction reads after a count ("5 report no detectable effect"): singular, plural.
_DIRECTION_VERBS: dict[str, tuple[str, str]] = {
    evidence.NO_EFFECT: ("reports no detectable effect", "report no detectable effect"),
    evidence.MIXED: ("is mixed (no effect on some outcomes, an effect on others)", "are mixed"),
    evidence.IN_WORDS: ("states an effect in words, with no number", "state an effect in words, with no number"),
    evidence.HIGHER: ("finds more crime with more enforcement", "find more crime with more enforcement"),
    evidence.LOWER: ("finds less crime with more enforcement", "find less crime with more enforcement"),
}


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def direction_mix(df: pd.DataFrame) -> str:
    """What the findings of `df` report, counted: '5 report no detectable effect, 2 are mixed and 1 states ...'.

    Directions are taken in a fixed order (null first) so the sentence reads the same way every time.
    """
    counts = df["finding_direction"].value_counts()
    parts = []
    for direction, (one, many) in _DIRECTION_VERBS.items():
        k = int(counts.get(direction, 0))
        if k:
            parts.append(f"{n(k)} {one if k == 1 else many}")
    other = int(len(df) - sum(counts.get(d, 0) for d in _DIRECTION_VERBS))
    if other:
        parts.append(f"{n(other)} {'is a level, count or mechanism' if other == 1 else 'are levels, counts or mechanisms'}")
    return _join(parts) if parts else "none is listed"


def listed_sentence(df: pd.DataFrame) -> str:
    """For the findings with no number in `df`: what they report and how many use the strongest design present.

    'Strongest' follows the order of `evidence.DESIGN_FAMILIES` (experiments first, descriptive last).
    """
    listed = df[~df["has_number"].astype(bool)]
    if listed.empty:
        return "Every finding in this selection gives a number; none is listed without one."
    present = [f for f in evidence.DESIGN_FAMILIES if f.key in set(listed["design_family"])]
    top = present[0]
    k = int((listed["design_family"] == top.key).sum())
    return (
        f"Of these {n(len(listed))} findings, {direction_mix(listed)}. {n(k)} of them "
        f"{'uses' if k == 1 else 'use'} {top.label.lower()}, the strongest kind of design among them."
    )


def no_lower_sentence(df: pd.DataFrame, what: str = "crime") -> str:
    """Whether any non-secondary finding of `df` points to less `what` under more enforcement, with citations."""
    rows = df[df["verification_status"] != "secondary"]
    lower = evidence.rows_with(rows, evidence.LOWER)
    if not lower:
        return f"None of these {n(len(rows))} findings points to less {what} under more enforcement."
    return f"{n(len(lower))} of these {n(len(rows))} findings point to less {what} under more enforcement: {evidence.cite_list(lower)}."


def secondary_sentence(df: pd.DataFrame) -> str:
    """Which rows of `df` are secondary (read only in third-party coverage), grouped by study."""
    rows = df[df["verification_status"] == "secondary"]
    if rows.empty:
        return "None of these findings is marked secondary."
    groups = [
        f"{cite} ({', '.join(ids)})" for cite, ids in rows.groupby("short_cite", sort=False)["row_id"].agg(list).items()
    ]
    k = len(rows)
    return (
        f"{n(k)} of the {n(len(df))} rows {'is' if k == 1 else 'are'} marked *secondary*, read only in third-party "
        f"coverage: {_join(groups)}. They are leads, not established findings, and the explorer leaves them out unless "
        "asked."
    )


def publication_years(df: pd.DataFrame) -> str:
    """'studies published 2013–2024' for the findings of `df` (years as the findings table gives them)."""
    years = pd.to_numeric(df["year"], errors="coerce").dropna().astype(int)
    if years.empty:
        return "publication years not recorded"
    low, high = int(years.min()), int(years.max())
    return f"studies published {low}" if low == high else f"studies published {low}–{high}"
