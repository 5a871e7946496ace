"""The series' shared kit: what a notebook imports.

    import series_setup                      # in a notebook: finds this package and calls setup()
    from helpers import load, describe, check, say, n, pct, day, month, times, cite, charts

`setup()` switches on the offline chart renderer and the series theme; `load(name)` and
`describe(name)` read the tables of data/ through their catalogue; `say(f"...")` shows a sentence
computed in the cell; `cite` cites facts, findings and tables; `check(qid, answer)` marks an
exercise. Charts, maps, widgets and the evidence reader are modules of their own.
"""

from __future__ import annotations

from . import cite
from .catalog import DataFileError, NoData, describe, load
from .checks import check
from .text import day, month, n, pct, say, times

__all__ = ["DataFileError", "NoData", "check", "cite", "day", "describe", "load", "month", "n", "pct", "say", "setup",
           "times"]


def setup() -> None:
    """Prepare a notebook: offline charts with the series theme, and readable tables.

    Altair's default renderer fetches Vega from a CDN and leaves a blank chart offline; the
    series' renderer hands charts to JupyterLab's own bundled Vega instead, and refuses a chart
    that has no title or text description. Every DataFrame a cell shows goes through
    `text.html_table` (no row numbers, keyboard-scrollable, long text wrapped).
    """
    import pandas as pd
    from IPython import get_ipython

    from . import charts, text

    charts.enable()
    shell = get_ipython()
    if shell is not None:  # registering again replaces the same entry: calling setup() twice is harmless
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, text.html_table)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 140)
    pd.set_option("display.max_colwidth", None)  # never cut a citation or a confidence label short
    pd.set_option("display.html.use_mathjax", False)  # "$77 … $2.5M" in a table is money, not a formula
