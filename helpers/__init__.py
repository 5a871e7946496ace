"""Shared code of the series: what a notebook imports.

    import series_setup                      # in a notebook: finds this package and calls setup()
    from helpers import load, describe, check

`setup()` switches on the offline chart renderer and the series theme; `load(name)` and
`describe(name)` read the tables of data/ through their catalogue; `check(qid, answer)` marks an
exercise. Topic modules (charts, maps, widgets, facts, evidence, ...) are imported where needed.
"""

from __future__ import annotations

from .catalog import DataFileError, describe, load, sources_markdown
from .checks import check

__all__ = ["DataFileError", "check", "describe", "load", "setup", "sources_markdown"]


def setup() -> None:
    """Prepare a notebook: offline charts with the series theme, and readable tables.

    Altair's default renderer fetches Vega from a CDN and leaves a blank chart offline; the
    series' renderer hands charts to JupyterLab's own bundled Vega instead, and refuses a chart
    that has no title or text description.
    """
    import pandas as pd

    from . import charts

    charts.enable()
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 140)
    pd.set_option("display.max_colwidth", None)  # never cut a citation or a confidence label short
