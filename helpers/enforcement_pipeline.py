"""From a local arrest to deportation: shared pieces of notebook 03.

Notebook 03 follows a person's path from a booking in a local jail to ICE custody and to release or
removal, with ICE's own statistics and FOIA records. Its computations live in four topic modules:

- `pipeline_national`   ICE's national detention statistics (book-ins, population, releases, removals)
- `pipeline_stpaul`     jails of ICE's St. Paul Area of Responsibility and nine Minnesota jails
- `pipeline_minnesota`  Minnesota 2025–26: arrests, detainers and their outcomes, the surge's results
- `pipeline_context`    arrests per resident by state, ICE's headcount, and the data's limits

This module holds what they share: the dates of "Operation Metro Surge" (read from the fact sheet, with
their confidence), a line chart that never draws a partial month as if it were complete, and a table
of the catalogue's caveats.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import altair as alt
import pandas as pd

from . import charts
from .catalog import describe, load
from .facts import fact
from .text import day

# Solid, dashed, dotted, dash-dot, long dash: the second cue (after colour) that tells lines apart.
DASHES: list[list[int]] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4]]
PARTIAL_NOTE = "Hollow circles mark months the source covers only in part: they are not complete counts."


@dataclass(frozen=True)
class SurgeWindow:
    """Dates of "Operation Metro Surge" from the fact sheet, each with whether it is verified."""

    start: pd.Timestamp
    start_verified: bool
    drawdown: pd.Timestamp
    drawdown_verified: bool
    end_announced: pd.Timestamp
    end_verified: bool

    def band_label(self) -> str:
        return "Surge"

    def subtitle(self) -> str:
        """One line for a chart subtitle that says where the shaded band's dates come from."""
        start_note = "" if self.start_verified else " (not verified)"
        end_note = "verified" if self.end_verified else "secondary reports, not verified"
        return (
            f"Shaded: Operation Metro Surge, launched {day(self.start)}{start_note}; end announced "
            f"{day(self.end_announced)} ({end_note})."
        )


@cache
def surge_window() -> SurgeWindow:
    """The surge's launch, first drawdown and announced end, as the fact sheet dates them."""
    start = fact("metro_surge_start_2025")
    drawdown = fact("metro_surge_withdrawn_2026_02_04")
    end = fact("metro_surge_end_announced_2026")
    return SurgeWindow(
        start=pd.Timestamp(start.date),
        start_verified=start.established,
        drawdown=pd.Timestamp(drawdown.date),
        drawdown_verified=drawdown.established,
        end_announced=pd.Timestamp(end.date),
        end_verified=end.established,
    )


@cache
def _surge_band() -> tuple[alt.Chart, alt.Chart]:
    """The shaded band and its label, made once by `charts.mark_period` and reused.

    Building the band costs about 50 ms (its encodings are written as shorthand strings, which Altair
    parses slowly); explorers redraw in well under that by reusing the two finished layers.
    """
    window = surge_window()
    probe = alt.Chart(pd.DataFrame({"d": [window.start]})).mark_point().encode(x=alt.X("d:T"))
    # Times written out so that browsers read them as local midnight, like the data's own dates.
    layered = charts.mark_period(
        probe.properties(title="probe", description="probe"),
        window.start.strftime("%Y-%m-%dT00:00:00"),
        window.end_announced.strftime("%Y-%m-%dT00:00:00"),
        window.band_label(),
    )
    return layered.layer[0], layered.layer[1]


def mark_surge(chart: alt.TopLevelMixin) -> alt.LayerChart:
    """Shade the surge (launch to announced end) behind a time chart, keeping its title and description."""
    rect, text = _surge_band()
    inner = chart.copy(deep=False)
    title, description = inner.title, inner.description
    inner.title = alt.Undefined
    inner.description = alt.Undefined
    return alt.layer(rect, text, inner).properties(title=title, description=description)


def _runs(partial: pd.Series) -> pd.Series:
    """Number the stretches of complete months between partial ones, so a line breaks at each partial month."""
    return partial.astype(bool).cumsum()


def partial_line(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    partial: str,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    subtitle: str | list[str] | None = None,
    series: str | None = None,
    series_title: str | None = None,
    colors: dict[str, str] | None = None,
    y_format: str = ",.0f",
    x_format: str = charts.TIME_FORMAT,
    width: int = charts.WIDTH,
    height: int = charts.HEIGHT,
) -> alt.LayerChart:
    """A line chart of complete months, broken at partial months, which are drawn as hollow circles.

    ICE's spreadsheets print some months only while they are still running (September 2025 to the 15th,
    April 2026 to the 2nd). Joining such a value to its neighbours would draw a fall that never happened,
    so the line stops before a partial month and starts again after it.
    """
    data = frame.copy()
    group = [series] if series else []
    data["_run"] = data.groupby(group)[partial].transform(_runs) if group else _runs(data[partial])
    complete = data[~data[partial].astype(bool)]
    part = data[data[partial].astype(bool)]
    x_enc = alt.X(f"{x}:T", title=x_title, axis=alt.Axis(format=x_format, labelAngle=0))
    y_enc = alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format))
    tooltip = [
        alt.Tooltip(f"{x}:T", title=x_title, format="%B %Y"),
        alt.Tooltip(f"{y}:Q", title=y_title, format=y_format),
    ]
    line_enc: dict[str, object] = {}
    point_enc: dict[str, object] = {}
    if series:
        names = list(colors) if colors else sorted(data[series].dropna().unique())
        legend = alt.Legend(labelLimit=420, columns=2 if len(names) > 2 else alt.Undefined)
        colour_scale = alt.Scale(domain=names, range=list(colors.values())) if colors else alt.Scale(domain=names)
        dash_scale = alt.Scale(domain=names, range=[DASHES[i % len(DASHES)] for i in range(len(names))])
        title_ = series_title or series
        line_enc = {
            "color": alt.Color(f"{series}:N", title=title_, scale=colour_scale, legend=legend),
            "strokeDash": alt.StrokeDash(f"{series}:N", title=title_, scale=dash_scale, legend=legend),
        }
        point_enc = {"color": alt.Color(f"{series}:N", scale=colour_scale, legend=None)}
        tooltip.append(alt.Tooltip(f"{series}:N", title=title_))
    line = (
        alt.Chart(complete)
        .mark_line()
        .encode(x=x_enc, y=y_enc, detail=alt.Detail("_run:N"), tooltip=tooltip, **line_enc)
    )
    hollow = (
        alt.Chart(part)
        .mark_point(filled=False, size=70, strokeWidth=2, color=charts.PALETTE[0])
        .encode(x=x_enc, y=y_enc, tooltip=[*tooltip, alt.Tooltip(f"{partial}:N", title="Partial month")], **point_enc)
    )
    layered = alt.layer(line, hollow).properties(width=width, height=height)
    return charts.finish(layered, title=title, description=description, subtitle=subtitle)


def caveats_table(names: list[str]) -> pd.DataFrame:
    """Every caveat the catalogue records for these tables, one row each, for a 'limits' section."""
    rows = [{"Table": name, "Caveat": caveat} for name in names for caveat in describe(name).caveats]
    return pd.DataFrame(rows)


def finding_citation(row_id: str) -> str:
    """A research finding as a reader should see it: who, when, what, where published and how it was checked."""
    row = load("research_findings").set_index("row_id").loc[row_id]
    return (
        f"{row['authors']} ({row['year']}), *{row['title']}*, {row['venue']} "
        f"([link]({row['doi_or_url']}); {row['verification_status']}). Finding: {row['direction_summary']}"
    )


def facts_markdown(keys: list[str]) -> str:
    """A bulleted list of the fact-sheet entries a notebook cites, each with its source and confidence."""
    return "\n".join(f"- {fact(key).statement} (fact `{key}`; label: {fact(key).confidence})" for key in keys)


def findings_markdown(row_ids: list[str]) -> str:
    """A bulleted list of the research findings a notebook cites."""
    return "\n".join(f"- {finding_citation(r)}" for r in row_ids)
