"""Sentences with numbers in them, written from data so that prose never drifts from the tables.

Notebook prose that states a number is produced by a short code cell, e.g.
`say(f"ICE listed {n(total)} agreements on {day(latest)}.")`, never typed into Markdown. Tables a cell
shows are formatted here too (`html_table`, switched on by `helpers.setup()`).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import numbers
import re
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from .inputs import number
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


def one(value: Any) -> Any:
    """A one-element Series, array or list holding a value is the value (what `df.loc[...]` often gives).

    `check()` reads an answer the same way.
    """
    if not isinstance(value, str | bytes | dict) and getattr(value, "size", None) == 1 and hasattr(value, "tolist"):
        value = value.tolist()
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value


def _missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and not isinstance(value, str) and pd.isna(value))


def _number(value: Any, fn: str) -> float | int | None:
    """A finite number to print, None for a missing one; text such as '1,843' is read as the number it shows."""
    value = one(value)
    if _missing(value):
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").strip())
        except ValueError:
            raise ValueError(f"{fn}() prints a number, but it was given the text {value!r}. "
                             f"Give the number itself, e.g. {fn}(1843).") from None
    number(value, f"{fn}()'s value")  # a TypeError or ValueError naming the value unless it is one finite number
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
    value = one(value)
    if _missing(value):
        return None
    stamp = None
    if isinstance(value, str | date | datetime | pd.Timestamp | np.datetime64):  # a number is never a date
        with contextlib.suppress(ValueError, TypeError, OverflowError):
            stamp = pd.Timestamp(value.strip() if isinstance(value, str) else value)
    if stamp is None or pd.isna(stamp):  # '' and 'NaT' parse as a missing date: say so instead of printing 'nan'
        raise ValueError(f"{_shown(value)} is not a date; give a date like '2026-05-18' or a pandas Timestamp.")
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



WRAP_AT = 30  # characters: longer text wraps inside its column; numbers and shorter text never wrap
TABLE_CSS = ("#{id} table{{table-layout:auto;margin:0 0 1em 0}} "
             "#{id} th,#{id} td{{text-align:left;vertical-align:top;padding:4px 8px;overflow-wrap:anywhere}}")


def html_table(frame: pd.DataFrame, caption: str = "") -> str:
    """A DataFrame as the series shows it: no row numbers, in a box a keyboard can scroll, long text wrapped.

    pandas' own HTML shows row numbers under an empty header (axe's `empty-table-header`), lets a wide
    table overflow a box a keyboard cannot reach (`scrollable-region-focusable`), and under Lab's CSS
    squeezes a long text beside a short one. Here row numbers are dropped and a named index is a normal
    column; numbers and short text keep to one line; long text wraps at a readable width. pandas'
    display.max_rows still truncates, and the plain-text repr is pandas' own.
    """
    if not isinstance(frame, pd.DataFrame) or not isinstance(caption, str):
        raise TypeError(f"html_table() shows a DataFrame with a caption in words, e.g. html_table(load('states'), "
                        f"'The states'); it was given {_shown(frame)} and {_shown(caption)}.")
    if any(frame.index.names):
        shown = frame.reset_index(allow_duplicates=True)
    elif pd.api.types.is_integer_dtype(frame.index):  # row numbers, of this frame or of the one it was cut from
        shown = frame.reset_index(drop=True)
    else:  # labels without a name (what .describe() or .T give): a column with a header, never an empty one
        shown = frame.reset_index(names="row", allow_duplicates=True)
    if isinstance(shown.columns, pd.MultiIndex):
        shown.columns = [" ".join(str(part) for part in c if str(part)) for c in shown.columns]
    caption = caption or (f"Columns: {shown.columns.name}" if shown.columns.name else "")
    shown.columns = [str(c) for c in shown.columns]
    get = pd.get_option
    rows = get("display.min_rows") if len(shown) > (get("display.max_rows") or len(shown)) else len(shown)
    table = shown.to_html(index=False, border=0, max_rows=rows, max_cols=get("display.max_columns"),
                          show_dimensions=get("display.show_dimensions"))
    key = "t" + hashlib.sha1(table.encode()).hexdigest()[:10]  # the same table gives the same output
    rules = [TABLE_CSS.format(id=key)]
    if len(shown.columns) <= (get("display.max_columns") or len(shown.columns)):  # no '...' column shifts them
        for i, (name, values) in enumerate(shown.head(rows).items(), start=1):
            longest = max([len(str(v)) for v in values] + [len(name) // 2])
            if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
                rule = "text-align:right;white-space:nowrap"
            else:
                rule = "white-space:nowrap" if longest <= WRAP_AT else f"min-width:{min(14, 7 + longest // 40)}em;max-width:36em"
            rules.append(f"#{key} tr>:nth-child({i}){{{rule}}}")
    label = caption or "Table of " + ", ".join(shown.columns[:6]) + (" and more" if len(shown.columns) > 6 else "")
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    box = f"id='{key}' class='tex2jax_ignore' style='overflow:auto;max-width:100%' role='region' tabindex='0'"
    return (f"<style>{' '.join(rules)}</style><div {box} aria-label='{html.escape(label, quote=True)}'>"
            f"{table.replace('<thead>', title + '<thead>', 1)}</div>")
