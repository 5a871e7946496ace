"""Apply a published effect to one county's own counts and keep its uncertainty: a what-if is a range.

1. **A range, never one number.** Each end of the published interval (a confidence interval, or a range across
   specifications, never relabelled as one) meets each baseline that could stand for the group studied. A point
   effect needs two baselines.
2. **Units are respected.** A percent change scales a count; percentage points move people into or out of a group;
   a count is added as it is; a change in an average (grams) stays per person. A ratio, log points, an elasticity,
   a rate or a national total cannot become people and is refused with what to try.
3. **Nothing is extrapolated.** A missing baseline is reported, never filled in; a count larger than its baseline
   is refused. The notebook chooses the findings and baselines; this module does the arithmetic and the rounding.
"""

from __future__ import annotations

import difflib
import math
import numbers
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import evidence
from .catalog import NoData
from .text import n

PERCENT, POINTS, COUNT, PER_PERSON = "percent", "points", "count", "per_person"
UNIT_KINDS = (PERCENT, POINTS, COUNT, PER_PERSON)
CI, RANGE, NO_INTERVAL = "ci", "range", "none"
INTERVAL_NAMES = {CI: "95% confidence interval", RANGE: "range across specifications (not a confidence interval)",
                  NO_INTERVAL: "no interval published"}
SMALL = 10  # counts below this are said as "fewer than 10"

_REFUSED = re.compile(r"ratio|log point|elasticit|standard deviation|odds|hazard|per [\d,]+ ")
_NATIONAL = re.compile(r"national|nationwide|united states|\bus\b")


class UnitError(ValueError):
    """A published unit that cannot be applied to a count of people in one county."""


def _need(ok: bool, value: Any, what: str) -> None:
    """Refuse a wrong input with a message that names it and says what to pass (used by brief.py too)."""
    if not ok:
        raise TypeError(f"Expected {what}, not {value!r:.80} ({type(value).__name__}). Pass {what}.")


def _real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and abs(value) < 1e15  # False for NaN


def _whole(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and _real(value)


def unit_kind(effect_unit: str | None) -> str:
    """PERCENT, POINTS, COUNT or PER_PERSON for a published unit, or UnitError saying why not and what to try."""
    text = str(effect_unit or "").strip().lower()
    if text in {"", "nan", "<na>", "none"}:
        raise UnitError(f"This finding has no unit (got {effect_unit!r}: its effect is stated in words), so it cannot "
                        "be applied to a number. Quote it in words instead.")
    if "percentage point" in text:
        return POINTS
    if _REFUSED.search(text.replace("(0.08 standard deviation)", "")):
        raise UnitError(f"A result in '{effect_unit}' cannot be turned into a number of people. "
                        "Use a finding reported as a percent change, percentage points or a count.")
    if text.startswith("percent") and "respondents" not in text:
        return PERCENT
    if "gram" in text or "score" in text or "per person" in text:
        return PER_PERSON
    if _NATIONAL.search(text):
        raise UnitError(f"'{effect_unit}' is a national total: splitting it across counties would invent a local "
                        "number. Use a finding reported as a rate or a percent change.")
    if "count" in text or "per county" in text or re.search(r"\b(people|persons|students|births|jobs)\b", text):
        return COUNT
    raise UnitError(f"The unit '{effect_unit}' is not one this kit can apply. Use a percent change, percentage "
                    "points, a count, or a change in an average (grams).")


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


@dataclass(frozen=True)
class Effect:
    """A published effect: its interval ends as published (low <= high), its unit kind and interval kind."""

    low: float
    high: float
    unit: str
    interval: str = NO_INTERVAL

    def __post_init__(self) -> None:
        if self.unit not in UNIT_KINDS:
            raise UnitError(f"Unit kind must be one of {UNIT_KINDS}, not {self.unit!r}.")
        if self.interval not in INTERVAL_NAMES:
            raise ValueError(f"Interval kind must be one of {tuple(INTERVAL_NAMES)}, not {self.interval!r}.")
        if any(v is None or math.isnan(v) for v in (self.low, self.high)):
            raise NoData("This finding has no number to apply. Quote it in words instead.")
        if self.low > self.high:
            raise ValueError(f"The interval runs from low to high; got {self.low} > {self.high}.")

    @classmethod
    def from_finding(cls, row: Mapping[str, Any] | pd.Series) -> Effect:
        """From a row of `evidence.findings()`: its CI (also one built from a standard error), its range across
        specifications, or its point estimate (low = high) when no interval was published."""
        kind, unit = str(row.get("interval_kind") or NO_INTERVAL), unit_kind(row.get("effect_unit"))
        if kind in ("ci", "ci_from_se", RANGE):
            return cls(_number(row.get("interval_low")), _number(row.get("interval_high")), unit,
                       RANGE if kind == RANGE else CI)
        return cls(_number(row.get("effect")), _number(row.get("effect")), unit)


@dataclass(frozen=True)
class WhatIf:
    """A what-if as a range: the change (people, or per person for PER_PERSON) and the baselines it used."""

    low: float
    high: float
    base_low: float
    base_high: float
    unit: str
    interval: str

    @property
    def per_person(self) -> bool:
        return self.unit == PER_PERSON


def apply(effect: Effect, baselines: float | Iterable[float]) -> WhatIf:
    """Carry `effect` over to one or more baselines (counts that could stand for the group studied).

    Every interval end meets every baseline; the result runs from the smallest to the largest change.
    """
    _need(isinstance(effect, Effect), effect, "an Effect, e.g. scenario.Effect.from_finding(row)")
    bases = [baselines] if isinstance(baselines, numbers.Real) else baselines
    _need(isinstance(bases, (list, tuple, pd.Series)), baselines, "a count of people, or a list of counts")
    if not bases:
        raise NoData("No baseline was given: a what-if needs the county's own number of people to apply the effect to.")
    _need(all(b is None or isinstance(b, numbers.Real) or pd.isna(b) for b in bases), baselines, "counts (numbers)")
    if any(b is None or pd.isna(b) for b in bases):
        raise NoData("This county has no value for that baseline in the series' data, so nothing is estimated. "
                     "Pick another outcome or county.")
    if min(bases) < 0 or max(bases) > 1e10:
        raise ValueError(f"A baseline counts people, so it cannot be negative or above 10 billion (got {min(bases)!r:.15} "
                         f"to {max(bases)!r:.15}). Give a count of people.")
    lo_b, hi_b = float(min(bases)), float(max(bases))
    if effect.low == effect.high and (lo_b == hi_b or effect.unit in (COUNT, PER_PERSON)):
        raise NoData("This finding has no published interval and there is only one baseline, so the what-if would be "
                     "one number. Give two baselines that could stand for the group studied.")
    ends = (effect.low, effect.high)
    if effect.unit in (PERCENT, POINTS):
        corners = [b * e / 100 for b in (lo_b, hi_b) for e in ends]
    elif effect.unit == COUNT and max(map(abs, ends)) > lo_b:
        raise ValueError(f"A change of {n(max(map(abs, ends)))} people is larger than the baseline of {n(lo_b)}: "
                         "applying it would extrapolate beyond the data. Use a percent change instead.")
    else:  # a count is added as it is; a change in an average stays per person, for each of the baseline's people
        corners = list(ends)
    return WhatIf(min(corners), max(corners), lo_b, hi_b, effect.unit, effect.interval)


# --- Honest rounding -----------------------------------------------------------------------------


def _round_people(value: float, how: str = "nearest") -> int:
    """A count rounded as finely as it deserves: to 10 below 1,000, to 100 below 10,000, else to 1,000.

    `how` is "nearest" (halves away from zero), "down" or "up" (towards or away from zero). Counts under 10 round
    to 0; `_people()` says "fewer than 10".
    """
    size = abs(value)
    if size < SMALL:
        return 0
    step = 10 if size < 1_000 else 100 if size < 10_000 else 1_000
    units = {"nearest": math.floor(size / step + 0.5), "down": math.floor(size / step), "up": math.ceil(size / step)}[how]
    return int(math.copysign(max(units, 1) * step, value))


def _people(value: float, how: str = "nearest") -> str:
    """A count in words, rounded honestly: 'fewer than 10', 'about 40', 'about 1,200'."""
    if value is None or pd.isna(value):
        return "no value"
    return f"fewer than {SMALL}" if abs(value) < SMALL else f"about {n(abs(_round_people(value, how)))}"


def change_text(low: float, high: float, noun: str) -> str:
    """A change in people as words, never one number: 'a drop of about 20 to 30 students', 'a rise of fewer than
    10 to about 20 adults', 'from a drop of about 10 to a rise of about 20 births'.

    If both ends round to the same number they are rounded outwards, so the words still hold the result.
    """
    _need(_real(low) and _real(high), (low, high), "two numbers, the ends of the change (low and high)")
    _need(isinstance(noun, str), noun, "a noun in words, e.g. 'students'")
    low, high = sorted((low, high))
    if low < 0 < high:
        if max(-low, high) < SMALL:
            return f"a change of fewer than {SMALL} {noun}, up or down"
        return f"from a drop of {_people(low)} to a rise of {_people(high)} {noun}"
    word = "a drop" if high <= 0 else "a rise"
    near, far = sorted((abs(low), abs(high)))
    if far < SMALL:
        return f"{word} of fewer than {SMALL} {noun}"
    if near < SMALL:
        return f"{word} of fewer than {SMALL} to {_people(far)} {noun}"
    a, b = _round_people(near), _round_people(far)
    if a == b:
        a, b = _round_people(near, "down"), _round_people(far, "up")
    return f"{word} of about {n(a)} to {n(b)} {noun}"


def _shift_text(result: WhatIf, unit_word: str, noun: str) -> str:
    """A per-person change in words: '34 to 84 grams lower on average, for each of about 40 to 120 births a year'."""
    near, far = sorted((abs(result.low), abs(result.high)))
    word = "lower" if result.high <= 0 else "higher" if result.low >= 0 else "lower or higher"
    low, high = _people(result.base_low), _people(result.base_high)
    bases = low if low == high else f"{low} to {high.removeprefix('about ')}"
    return f"{n(near)} to {n(far)} {unit_word} {word} on average, for each of {bases} {noun}"


# --- A what-if table for one county ---------------------------------------------------------------


def county_values(table: pd.DataFrame, county: Any) -> pd.Series:
    """The row of `table` (indexed by county name) for `county`; NoData, saying what to try, if there is none."""
    _need(isinstance(table, pd.DataFrame), table, "a table of baselines indexed by county name (a DataFrame)")
    name = "" if county is None else str(county).strip()
    if not name:
        raise NoData("No county was chosen. Pick a county from the list.")
    if name not in table.index:
        close = difflib.get_close_matches(name, [str(c) for c in table.index], n=2)
        hint = f" Did you mean {' or '.join(close)}?" if close else " Pick one from the list."
        raise NoData(f"There is no county called {name!r} in the series' data.{hint}")
    return table.loc[name]


def _source_of_range(interval: str, two_baselines: bool) -> str:
    bases = "the two baselines" if two_baselines else "the baseline"
    if interval == NO_INTERVAL:
        return f"{bases} only: no interval was published, so the real uncertainty is wider"
    return f"the {INTERVAL_NAMES[interval]} and {bases}"


def what_if_table(plan: pd.DataFrame, values: Mapping[str, Any], labels: Mapping[str, str] | None = None,
                  carry: Iterable[str] = ()) -> pd.DataFrame:
    """One row per finding of `plan`, applied to one county's baselines `values` (column -> number).

    `plan` holds rows of `evidence.findings()` plus the notebook's choices: `topic` (the outcome in plain words),
    `noun` (what is counted), `baselines` (keys of `values`; empty when the series has none) and optionally
    `unit_word` (for a change in an average, e.g. 'grams') and `note` (why there is no baseline). Returns the
    readable columns (who was studied, the effect as published, the baselines, the what-if and where its range
    comes from), the `carry` columns of `plan`, and the numbers behind them (`low`, `high`, `base_low`,
    `base_high`; NaN where nothing could be estimated).
    """
    _need(isinstance(plan, pd.DataFrame), plan, "a plan: rows of evidence.findings() with topic, noun and baselines")
    missing = {"row_id", "short_cite", "label", "population", "geography", "period", "noun"} - set(plan.columns)
    if missing:
        raise ValueError(f"The plan needs the columns {sorted(missing)}: pass rows of evidence.findings() with "
                         "the notebook's topic, noun and baselines.")
    _need(isinstance(values, (Mapping, pd.Series)), values, "the county's baselines (a row of the baseline table)")
    _need(isinstance(labels, (Mapping, type(None))), labels, "labels as a dict (column -> words)")
    labels, rows = dict(labels or {}), []
    for _, r in plan.iterrows():
        keys = list(r.get("baselines") or [])
        label = "" if r["label"] == "verified" else f" ({r['label']})"
        out = {"Outcome": r.get("topic") or r["outcome"], "Finding": f"{r['short_cite']}, {r['row_id']}{label}",
               "Studied": f"{r['population']}; {r['geography']}; {evidence.period_text(r['period'])}",
               "Effect as published": evidence.result_text(r), "Baseline": "", "What-if": "", "Range comes from": "",
               "row_id": r["row_id"], **{c: r.get(c) for c in carry},
               "low": math.nan, "high": math.nan, "base_low": math.nan, "base_high": math.nan}
        try:
            if not keys:
                raise NoData(str(r.get("note") or "The series has no baseline for this finding."))
            result = apply(Effect.from_finding(r), [values.get(k) for k in keys])
        except (NoData, UnitError) as why:
            rows.append({**out, "What-if": f"not estimated: {why}"})
            continue
        what = (_shift_text(result, str(r.get("unit_word") or ""), r["noun"]) if result.per_person
                else change_text(result.low, result.high, r["noun"]))
        rows.append({**out, "Baseline": " or ".join(f"{n(values[k])} {labels.get(k, k)}" for k in keys),
                     "What-if": f"{what}, if the effect carried over",
                     "Range comes from": _source_of_range(result.interval, len(set(keys)) > 1),
                     "low": result.low, "high": result.high, "base_low": result.base_low, "base_high": result.base_high})
    return pd.DataFrame(rows)
