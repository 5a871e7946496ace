"""Sentences with numbers in them, written from data so that prose never drifts from the tables.

Notebook prose that states a number is produced by a short code cell, e.g.
`say(f"ICE listed {n(total)} agreements on {day(latest)}.")`, never typed into Markdown.
"""

from __future__ import annotations

import math
import numbers
import re
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from .inputs import shown as _shown

DOLLAR = r"<span>\$</span>"
_CODE_SPAN = re.compile(r"(`[^`]*`)")


def escape_dollars(markdown: str) -> str:
    r"""Every `$` outside code spans as a literal dollar sign, so two amounts in one paragraph are not
    typeset as a formula.

    A backslash alone is not enough in JupyterLab: Markdown turns `\$` back into `$` before MathJax
    runs, and MathJax pairs two `$` of one paragraph. An escaped `$` inside its own element is safe at
    both stages (checked in Lab 4.6 and in nbconvert's HTML).
    """
    if not isinstance(markdown, str):
        raise TypeError(f"escape_dollars() takes Markdown text, but it was given {_shown(markdown)}. "
                        'Give it the sentence, e.g. escape_dollars("It cost $5.").')
    parts = _CODE_SPAN.split(markdown)
    return "".join(p if p.startswith("`") else re.sub(r"\\?\$", lambda _: DOLLAR, p) for p in parts)


def say(text: str) -> None:
    """Show a sentence (Markdown) in the notebook; dollar amounts stay dollar amounts."""
    if not isinstance(text, str):
        raise TypeError(
            f"say() shows a sentence, but it was given {type(text).__name__} {text!r}. "
            'Write the sentence as text, e.g. say(f"There are {n(total)} agreements.").'
        )
    display(Markdown(escape_dollars(text)))


def _one(value: Any) -> Any:
    """A one-element Series, array or list holding the value is the value (what `df.loc[...]` often gives)."""
    if not isinstance(value, str | bytes | dict) and getattr(value, "size", None) == 1 and hasattr(value, "tolist"):
        value = value.tolist()
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value


def _number(value: Any, fn: str) -> float | int | None:
    """A finite number to print, None for a missing one; text such as '1,843' is read as the number it shows.

    Anything else raises a TypeError or ValueError that names the value and says what to give instead.
    """
    value = _one(value)
    if value is None or (pd.api.types.is_scalar(value) and not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").strip())
        except ValueError:
            raise ValueError(f"{fn}() prints a number, but it was given the text {value!r}. "
                             f"Give the number itself, e.g. {fn}(1843).") from None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{fn}() prints one number, but it was given {_shown(value)}. "
                        f"Give one number, e.g. {fn}(1843), or pick one value with .iloc[0] or .sum().")
    try:
        finite = math.isfinite(float(value))
    except OverflowError:
        finite = False
    if not finite:
        raise ValueError(f"{fn}() was given {_shown(value)}, which is too large or not finite to print. "
                         "Give a finite number: check the calculation that made it (a division by zero?).")
    return value


def _decimals(decimals: Any, fn: str) -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, numbers.Integral) or not 0 <= decimals <= 10:
        raise ValueError(f"{fn}(): decimals should be a whole number from 0 to 10 (digits after the point), "
                         f"not {_shown(decimals)}.")
    return int(decimals)


def n(value: float | int, decimals: int = 0) -> str:
    """A count or amount with thousands separators: 1843 -> '1,843'."""
    places = _decimals(decimals, "n")
    number = _number(value, "n")
    return "no value" if number is None else f"{number:,.{places}f}"


def pct(value: float, decimals: int = 1) -> str:
    """A percentage already in 0–100: 8.25 -> '8.3%'."""
    places = _decimals(decimals, "pct")
    number = _number(value, "pct")
    return "no value" if number is None else f"{number:.{places}f}%"


def _timestamp(value: date | datetime | pd.Timestamp | str | None) -> pd.Timestamp | None:
    """A date from a date, timestamp or ISO text; None for a missing one (printed as 'date not shown')."""
    value = _one(value)
    if value is None or (pd.api.types.is_scalar(value) and not isinstance(value, str) and pd.isna(value)):
        return None
    hint = "give a date like '2026-05-18' or a pandas Timestamp."
    if not isinstance(value, str | date | datetime | pd.Timestamp | np.datetime64):  # a number is never a date
        raise ValueError(f"{_shown(value)} is not a date; {hint}")
    try:
        stamp = pd.Timestamp(value.strip() if isinstance(value, str) else value)
    except (ValueError, TypeError, OverflowError):
        raise ValueError(f"{value!r} is not a date; {hint}") from None
    if pd.isna(stamp):  # '' and 'NaT' parse as a missing date: say so instead of printing 'nan'
        raise ValueError(f"{value!r} is not a date; {hint}")
    return stamp


def day(value: date | datetime | pd.Timestamp | str | None) -> str:
    """A date in words: 2026-05-18 -> '18 May 2026'; a missing date -> 'date not shown'."""
    ts = _timestamp(value)
    return "date not shown" if ts is None else f"{ts.day} {ts:%B %Y}"


def month(value: date | datetime | pd.Timestamp | str | None) -> str:
    """A month in words: 2026-01-01 -> 'January 2026'; a missing date -> 'date not shown'."""
    ts = _timestamp(value)
    return "date not shown" if ts is None else f"{ts:%B %Y}"


def times(ratio: float) -> str:
    """A ratio in words: 13.65 -> 'about 14 times'; a missing ratio -> 'no value'."""
    number = _number(ratio, "times")
    if number is None:
        return "no value"
    return f"about {number:,.0f} times" if number >= 3 else f"{number:.1f} times"
