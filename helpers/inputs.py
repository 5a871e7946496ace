"""Checks on what a reader types, shared by every module so a slip always gets the same kind of answer.

A reader calls the kit with names, codes, tables and numbers typed by hand. Each check below either
returns the value in its canonical form (a harmless variant such as 'mn' for 'MN' is accepted) or
raises a KeyError, TypeError or ValueError whose message shows the bad value and lists what is valid,
so the reader knows what to type next. Nothing here knows about one notebook.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd


class NoData(Exception):
    """A selection (a county, a date, a filter) has nothing to show; the message says why and what to try.

    Raised by the pure functions behind explorers and by notebook code; `widgets.explorer` shows it
    as a polite note instead of a traceback.
    """


def shown(value: Any) -> str:
    """A bad value as an error message shows it: its type and a short repr."""
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '…'}"


def _listed(valid: Sequence[Any], limit: int = 15) -> str:
    return ", ".join(repr(v) for v in list(valid)[:limit]) + (" …" if len(valid) > limit else "")


def choice(value: Any, valid: Iterable[Any], what: str) -> Any:
    """`value` as spelt in `valid`; case and surrounding spaces do not matter. KeyError/TypeError otherwise."""
    valid = list(valid)
    if value in valid and not (isinstance(value, float) and math.isnan(value)):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{what} should be one of {_listed(valid)}; it was given {shown(value)}.")
    folded = {str(v).strip().casefold(): v for v in valid}
    if value.strip().casefold() in folded:
        return folded[value.strip().casefold()]
    close = difflib.get_close_matches(value, [str(v) for v in valid], n=3)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise KeyError(f"{what} {value!r} is not one of the choices.{hint} Choose from: {_listed(valid)}.")


def choices(value: Any, valid: Iterable[Any], what: str) -> list[Any]:
    """A list of choices; one choice given as text is a list of one (never split into letters)."""
    valid = list(valid)
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
        return [choice(value, valid, what)]
    value = list(value)  # a list, tuple, set, Series, Index or array (what `.unique()` gives)
    if len(value) == 0:
        raise NoData(f"{what} is empty: choose at least one of {_listed(valid)}.")
    return [choice(v, valid, what) for v in value]


def frame(data: Any, fn: str, columns: Iterable[Any] = ()) -> pd.DataFrame:
    """A non-empty DataFrame with the columns `fn` reads; a message saying what to pass otherwise."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{fn}() takes a table (a pandas DataFrame, e.g. load('states')); it was given {shown(data)}.")
    if data.empty:
        raise NoData(f"There are no rows: the table given to {fn}() is empty. Check the filter that made it, "
                     "or pick another selection.")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise KeyError(f"{fn}() needs the column(s) {missing}, which this table lacks; give it a table made by "
                       f"the cell above. Its columns are: {_listed([str(c) for c in data.columns])}.")
    return data


def column(data: pd.DataFrame, name: Any, role: str) -> str:
    """A column of `data` (case does not matter); a message listing its columns otherwise."""
    names = [str(c) for c in data.columns]
    if not isinstance(name, str):
        raise TypeError(f"{role} names a column of the table, like {names[0]!r}; it was given {shown(name)}. "
                        f"Its columns are: {_listed(names)}.")
    return choice(name, names, f"{role}: the column")


def number(value: Any, what: str) -> float:
    """A finite number (a one-element Series or array holding one is fine); TypeError/ValueError otherwise."""
    if getattr(value, "size", None) == 1 and hasattr(value, "tolist"):
        value = value.tolist()
        value = value[0] if isinstance(value, list) else value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} should be a number, like 12.5; it was given {shown(value)}.")
    try:
        result = float(value)
    except OverflowError:
        result = math.inf
    if not math.isfinite(result):
        raise ValueError(f"{what} should be a finite number, like 12.5; it was given {shown(value)}.")
    return result


def text(value: Any, what: str, example: str) -> str:
    """Non-blank text, stripped; a message with an example otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise (TypeError if not isinstance(value, str) else ValueError)(
            f"{what} should be text, like {example!r}; it was given {shown(value)}.")
    return value.strip()
