"""Apply a published effect to a local baseline and keep its uncertainty: a what-if is a range.

A study reports an effect for the people, places and years it measured ("10 percent fewer Hispanic
students within two years", "4.8 to 7.0 percentage points fewer adults in very good health", "58.5
grams lighter, 95% CI 33.5 to 83.5"). A what-if carries that effect over to one county's own
baseline. Three rules keep it honest:

1. **A range, never one number.** Each end of the published interval (a confidence interval, or a
   range across specifications, never relabelled as one) meets each baseline that could stand for
   the population studied; the what-if runs from the smallest to the largest product.
2. **Units are respected.** A percent change scales a count; a percentage-point change moves people
   out of or into a group of people; a count is added as it is; a change in an average (grams, score
   points) stays per person. A unit that cannot become people (a ratio, log points, an elasticity, a
   national total) is refused with a message that says what to try.
3. **Nothing is extrapolated.** A missing baseline is reported, never filled in; a count larger than
   the baseline it applies to is refused.

The notebook chooses the findings and the baselines (that is the analysis); this module only does
the arithmetic and the honest rounding, for any finding and any table of baselines.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import evidence
from .catalog import NoData
from .text import n

PERCENT = "percent"  # percent change of a count: change = baseline x effect / 100
POINTS = "points"  # percentage-point change in a share of a group of people: change = group x effect / 100
COUNT = "count"  # a number of people for one place like the county: change = effect
PER_PERSON = "per_person"  # a change in an average (grams, score points): stays per person, for `baseline` people
UNIT_KINDS = (PERCENT, POINTS, COUNT, PER_PERSON)

CI, RANGE, NO_INTERVAL = "ci", "range", "none"
INTERVAL_NAMES = {
    CI: "95% confidence interval",
    RANGE: "range across specifications (not a confidence interval)",
    NO_INTERVAL: "no interval published: the range comes from the baselines only, so the real one is wider",
}
SMALL = 10  # counts below this are said as "fewer than 10"

_REFUSED = re.compile(r"ratio|log point|elasticit|standard deviation|odds|hazard|per 10 percent")
_NATIONAL = re.compile(r"national|nationwide|united states|\bus\b")


class UnitError(ValueError):
    """A published unit that cannot be applied to a count of people in one county."""


def unit_kind(effect_unit: str | None) -> str:
    """The kind of a published unit (PERCENT, POINTS, COUNT or PER_PERSON), or UnitError saying why not.

    'percentage points' -> POINTS; 'percent change ...' -> PERCENT; 'grams' or 'score points' ->
    PER_PERSON; a count per place ('students per county') -> COUNT. Ratios, log points, elasticities
    and national totals are refused: none of them turns into a number of people in one county.
    """
    text = str(effect_unit or "").strip().lower()
    if not text or text in {"nan", "<na>", "none"}:
        raise UnitError("This finding has no unit (its effect is stated in words); it cannot be applied to a number. "
                        "Quote it in words instead.")
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


@dataclass(frozen=True)
class Effect:
    """A published effect: its interval ends as published (low <= high), its unit kind and interval kind."""

    low: float
    high: float
    unit: str
    interval: str = NO_INTERVAL
    estimate: float | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNIT_KINDS:
            raise UnitError(f"Unit kind must be one of {UNIT_KINDS}, not {self.unit!r}.")
        if self.interval not in INTERVAL_NAMES:
            raise ValueError(f"Interval kind must be one of {tuple(INTERVAL_NAMES)}, not {self.interval!r}.")
        if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (self.low, self.high)):
            raise NoData("This finding has no number to apply. Quote it in words instead.")
        if self.low > self.high:
            raise ValueError(f"The interval runs from low to high; got {self.low} > {self.high}.")

    @classmethod
    def from_finding(cls, row: Mapping[str, Any] | pd.Series, unit: str | None = None) -> Effect:
        """From a row of `evidence.findings()`: a CI (or one built from a standard error), a range across
        specifications, or a point with no interval (then low = high = the point)."""
        kind = str(row.get("interval_kind") or NO_INTERVAL)
        unit = unit or unit_kind(row.get("effect_unit"))
        estimate = _number(row.get("effect"))
        if kind in ("ci", "ci_from_se", RANGE):
            low, high = _number(row.get("interval_low")), _number(row.get("interval_high"))
            return cls(low, high, unit, CI if kind.startswith("ci") else RANGE, estimate)
        return cls(estimate, estimate, unit, NO_INTERVAL, estimate)


def _number(value: Any) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return float("nan")
    return out


@dataclass(frozen=True)
class WhatIf:
    """A what-if as a range: the change (people, or per person for PER_PERSON) and the baselines used."""

    low: float
    high: float
    base_low: float
    base_high: float
    unit: str
    interval: str

    @property
    def per_person(self) -> bool:
        return self.unit == PER_PERSON


def _baselines(baselines: float | Iterable[float]) -> list[float]:
    values = [baselines] if isinstance(baselines, (int, float)) else list(baselines)
    if not values:
        raise NoData("No baseline was given: a what-if needs the county's own number of people to apply the effect to.")
    out = []
    for v in values:
        if v is None or pd.isna(v):
            raise NoData("This county has no value for that baseline in the series' data, so nothing is estimated. "
                         "Pick another outcome or county.")
        if float(v) < 0:
            raise ValueError(f"A baseline counts people and cannot be negative (got {v}).")
        out.append(float(v))
    return out


def apply(effect: Effect, baselines: float | Iterable[float]) -> WhatIf:
    """Carry `effect` over to one or more baselines (e.g. two counts that could stand for the group studied).

    Every interval end meets every baseline; the result runs from the smallest to the largest change.
    """
    bases = _baselines(baselines)
    lo_b, hi_b = min(bases), max(bases)
    if effect.unit in (PERCENT, POINTS):
        corners = [b * e / 100 for b in bases for e in (effect.low, effect.high)]
    elif effect.unit == COUNT:
        too_big = [e for e in (effect.low, effect.high) if abs(e) > lo_b]
        if too_big:
            raise ValueError(f"A change of {n(abs(too_big[0]))} people is larger than the baseline of {n(lo_b)}: "
                             "applying it would extrapolate beyond the data. Use a percent change instead.")
        corners = [effect.low, effect.high]
    else:  # PER_PERSON: the change stays in the study's unit, for each of the baseline's people
        corners = [effect.low, effect.high]
    return WhatIf(min(corners), max(corners), lo_b, hi_b, effect.unit, effect.interval)


# --- Honest rounding -----------------------------------------------------------------------------


def _step(size: float) -> int:
    return 10 if size < 1_000 else 100 if size < 10_000 else 1_000


def round_people(value: float, how: str = "nearest") -> int:
    """A count of people rounded as finely as it deserves: to 10 below 1,000, to 100 below 10,000, else to 1,000.

    `how` is "nearest" (halves away from zero), "down" or "up" (towards or away from zero, used to keep a
    rounded range around the unrounded one). Counts under 10 round to 0; `people()` says "fewer than 10".
    """
    size = abs(value)
    if size < SMALL:
        return 0
    step = _step(size)
    units = {"nearest": math.floor(size / step + 0.5), "down": math.floor(size / step), "up": math.ceil(size / step)}[how]
    return int(math.copysign(max(units, 1) * step, value))


def people(value: float, how: str = "nearest") -> str:
    """A count in words, rounded honestly: 'fewer than 10', 'about 40', 'about 1,200'."""
    if value is None or pd.isna(value):
        return "no value"
    size = abs(value)
    return f"fewer than {SMALL}" if size < SMALL else f"about {n(abs(round_people(size, how)))}"


def change_text(low: float, high: float, noun: str) -> str:
    """A change in people as words, never one number: 'a drop of about 20 to 30 students',
    'a rise of fewer than 10 to about 20 adults', 'from a drop of about 10 to a rise of about 20 births'.

    Each end is rounded to the nearest step; if both ends round to the same number, they are rounded
    outwards instead (near end down, far end up), so the words still give a range that holds the result.
    """
    if low > high:
        low, high = high, low
    if low < 0 < high:
        if abs(low) < SMALL and abs(high) < SMALL:
            return f"a change of fewer than {SMALL} {noun}, up or down"
        return f"from a drop of {people(low)} to a rise of {people(high)} {noun}"
    word = "a drop" if high <= 0 else "a rise"
    near, far = sorted((abs(low), abs(high)))
    if far < SMALL:
        return f"{word} of fewer than {SMALL} {noun}"
    if near < SMALL:
        return f"{word} of fewer than {SMALL} to {people(far)} {noun}"
    a, b = round_people(near), round_people(far)
    if a == b:
        a, b = round_people(near, "down"), round_people(far, "up")
    return f"{word} of about {n(a)} to {n(b)} {noun}"


def shift_text(result: WhatIf, unit_word: str, noun: str) -> str:
    """A per-person change in words: '34 to 84 grams lower on average, for each of about 20 to 30 births a year'."""
    near, far = sorted((abs(result.low), abs(result.high)))
    word = "lower" if result.high <= 0 else "higher" if result.low >= 0 else "lower or higher"
    span = f"{near:,.0f} to {far:,.0f}" if round(near) != round(far) else f"about {far:,.0f}"
    bases = people(result.base_low) if people(result.base_low) == people(result.base_high) else (
        f"{people(result.base_low)} to {people(result.base_high).removeprefix('about ')}")
    return f"{span} {unit_word} {word} on average, for each of {bases} {noun}"


# --- A what-if table for one county ---------------------------------------------------------------


def county_values(table: pd.DataFrame, county: Any) -> pd.Series:
    """The row of `table` (indexed by county name) for `county`; NoData, saying what to try, if there is none."""
    name = "" if county is None else str(county).strip()
    if not name:
        raise NoData("No county was chosen. Pick a county from the list.")
    if name not in table.index:
        close = difflib.get_close_matches(name, [str(c) for c in table.index], n=2)
        hint = f" Did you mean {' or '.join(close)}?" if close else " Pick one from the list."
        raise NoData(f"There is no county called {name!r} in the series' data.{hint}")
    return table.loc[name]



def what_if_table(
    plan: pd.DataFrame,
    values: Mapping[str, Any],
    labels: Mapping[str, str] | None = None,
    carry: Iterable[str] = (),
) -> pd.DataFrame:
    """One row per finding of `plan`, applied to one county's baselines `values` (column -> number).

    `plan` holds rows of `evidence.findings()` (their columns, e.g. `short_cite`, `label`, `interval_kind`) plus the notebook's choices: `topic` (the outcome in plain words; else the published `outcome`), `noun` (what is
    counted, e.g. 'Hispanic students'), `baselines` (a list of keys of `values`; empty when the series
    has no baseline for the finding) and optionally `unit_word` (for PER_PERSON, e.g. 'grams') and
    `note` (why there is no baseline). Returns the readable columns, the `carry` columns of `plan`
    unchanged, and the numbers behind them (`low`, `high`, `base_low`, `base_high`; NaN where nothing
    could be estimated).
    """
    carry = list(carry)
    labels = dict(labels or {})
    rows = []
    for _, r in plan.iterrows():
        keys = list(r.get("baselines") or [])
        out = {"Outcome": r.get("topic") or r["outcome"], "Finding": f"{r['short_cite']} ({r['row_id']})", "Label": r["label"],
               "row_id": r["row_id"], "Effect as published": evidence.result_text(r), "Interval": "", "Baseline": "",
               "What-if": "", **{c: r.get(c) for c in carry},
               "low": math.nan, "high": math.nan, "base_low": math.nan, "base_high": math.nan}
        try:
            if not keys:
                raise NoData(str(r.get("note") or "The series has no baseline for this finding."))
            effect = Effect.from_finding(r)
            result = apply(effect, [values.get(k) for k in keys])
        except (NoData, UnitError) as why:
            out["What-if"] = f"not estimated: {why}"
            rows.append(out)
            continue
        out["Interval"] = INTERVAL_NAMES[result.interval]
        out["Baseline"] = " or ".join(f"{n(values[k])} {labels.get(k, k)}" for k in keys)
        out["What-if"] = (shift_text(result, str(r.get("unit_word") or ""), r["noun"]) if result.per_person
                          else change_text(result.low, result.high, r["noun"]))
        out.update(low=result.low, high=result.high, base_low=result.base_low, base_high=result.base_high)
        rows.append(out)
    return pd.DataFrame(rows)
