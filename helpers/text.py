"""Sentences with numbers in them, written from data so that prose never drifts from the tables.

Notebook prose that states a number is produced by a short code cell, e.g.
`say(f"ICE listed {n(total)} agreements on {day(latest)}.")`, never typed into Markdown.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd
from IPython.display import Markdown, display

DOLLAR = r"<span>\$</span>"
_CODE_SPAN = re.compile(r"(`[^`]*`)")


def escape_dollars(markdown: str) -> str:
    r"""Every `$` outside code spans as a literal dollar sign, so two amounts in one paragraph are not
    typeset as a formula.

    A backslash alone is not enough in JupyterLab: Markdown turns `\$` back into `$` before MathJax
    runs, and MathJax pairs two `$` of one paragraph. An escaped `$` inside its own element is safe at
    both stages (checked in Lab 4.6 and in nbconvert's HTML).
    """
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


def n(value: float | int, decimals: int = 0) -> str:
    """A count or amount with thousands separators: 1843 -> '1,843'."""
    if value is None or pd.isna(value):
        return "no value"
    return f"{value:,.{decimals}f}"


def pct(value: float, decimals: int = 1) -> str:
    """A percentage already in 0–100: 8.25 -> '8.3%'."""
    return "no value" if value is None or pd.isna(value) else f"{value:.{decimals}f}%"


def _timestamp(value: date | datetime | pd.Timestamp | str | None) -> pd.Timestamp | None:
    """A date from a date, timestamp or ISO text; None for a missing one (printed as 'date not shown')."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        return pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ValueError(f"{value!r} is not a date; give a date like '2026-05-18' or a pandas Timestamp.") from None


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
    if ratio is None or pd.isna(ratio):
        return "no value"
    return f"about {ratio:,.0f} times" if ratio >= 3 else f"{ratio:.1f} times"
