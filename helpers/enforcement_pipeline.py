"""From a local arrest to deportation: shared pieces of notebook 03.

Notebook 03 follows a person's path from a booking in a local jail to ICE custody and to release or
removal, with ICE's own statistics and FOIA records. Its computations live in four topic modules:

- `pipeline_national`   ICE's national detention statistics (book-ins, population, releases, removals)
- `pipeline_stpaul`     jails of ICE's St. Paul Area of Responsibility and nine Minnesota jails
- `pipeline_minnesota`  Minnesota 2025–26: arrests, detainers and their outcomes, the surge's results
- `pipeline_context`    arrests per resident by state, ICE's headcount, and the data's limits

This module holds what they share: the dates of "Operation Metro Surge" (read from the fact sheet, with
their confidence), a line chart that never draws a partial month as if it were complete, plain-word
labels for cited claims, readable tables, collapsed solutions, and a table of the catalogue's caveats.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

import altair as alt
import pandas as pd
from pandas.io.formats.style import Styler

from . import charts
from .catalog import describe, load
from .facts import fact
from .text import day

# Solid, dashed, dotted, dash-dot, long dash: the second cue (after colour) that tells lines apart.
DASHES: list[list[int]] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4]]
# A partial month of a count (book-ins, releases) is an incomplete count; a partial month of an average
# (people held on an average day) is a complete average over fewer days. The two are drawn and said differently.
PARTIAL_NOTE_COUNT = (
    "Hollow circles: months the source covers only in part, so their counts are incomplete; they are not joined "
    "to the line."
)
PARTIAL_NOTE_AVERAGE = (
    "Hollow circles: months the source covers only in part; each is still a daily average, over the days covered, "
    "so a dotted segment joins it to the line."
)
MISSING = "—"  # what a table shows for a missing value, instead of NaN or <NA>


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
    kind: str = "count",
) -> alt.LayerChart:
    """A line chart of complete months with partial months drawn as hollow circles.

    ICE's spreadsheets print some months only while they are still running (September 2025 to the 15th,
    April 2026 to the 2nd). For a count (`kind="count"`) such a value is incomplete: joining it to its
    neighbours would draw a fall that never happened, so the line stops before it and starts again after.
    For an average (`kind="average"`, people held on an average day) the value is a true average over
    fewer days: it stays marked, but a dotted segment joins it to its neighbours.
    """
    if kind not in ("count", "average"):
        raise ValueError("kind must be 'count' (partial months left off the line) or 'average' (joined, dotted)")
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
    layers: list[alt.Chart] = [line, hollow]
    if kind == "average" and not part.empty:
        style: dict[str, object] = {"strokeDash": [2, 2], "strokeWidth": 1.6}
        if not series:
            style["color"] = charts.PALETTE[0]
        colour = {"color": point_enc["color"]} if series else {}
        joins = _joins(data, x=x, partial=partial, group=group)
        layers.insert(
            0, alt.Chart(joins).mark_line(**style).encode(x=x_enc, y=y_enc, detail=alt.Detail("_join:N"), **colour)
        )
    layered = alt.layer(*layers).properties(width=width, height=height)
    return charts.finish(layered, title=title, description=description, subtitle=subtitle)


def _joins(data: pd.DataFrame, *, x: str, partial: str, group: list[str]) -> pd.DataFrame:
    """Short segments from each partial month to the months either side of it (numbered by `_join`)."""
    pieces = []
    number = 0
    for _, rows in data.groupby(group) if group else [(None, data)]:
        rows = rows.sort_values(x).reset_index(drop=True)
        for i in rows.index[rows[partial].astype(bool)]:
            for j in (i - 1, i + 1):
                if 0 <= j < len(rows):
                    pieces.append(rows.loc[[min(i, j), max(i, j)]].assign(_join=number))
                    number += 1
    return pd.concat(pieces, ignore_index=True) if pieces else data.head(0).assign(_join=0)


def show(table: pd.DataFrame, *, index: bool = False) -> Styler:
    """A table as a reader should see it: no row numbers, text left-aligned, a dash for a missing value.

    Pandas prints row numbers and NaN, which mean nothing to a reader; this keeps the DataFrame itself
    unchanged (tests and readers can still compute with it) and changes only how it is shown. The
    table's CSS id is derived from its columns, so a re-run gives the same output.
    """
    styler = table.style.format(na_rep=MISSING, precision=1, thousands=",")
    styler = styler.set_uuid(hashlib.sha1("|".join(map(str, table.columns)).encode()).hexdigest()[:8])
    if not index:
        styler = styler.hide(axis="index")
    left = [("text-align", "left"), ("vertical-align", "top")]
    styler = styler.set_table_styles([{"selector": "th", "props": left}, {"selector": "td", "props": left}])
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])]
    right = [{"selector": "td", "props": [("text-align", "right")]}]
    return styler.set_table_styles(dict.fromkeys(numeric, right), overwrite=False) if numeric else styler


@dataclass(frozen=True)
class Solution:
    """A worked answer that stays folded until the reader opens it, with its numbers computed from data/."""

    text: str

    def _repr_markdown_(self) -> str:
        return f"<details><summary>Solution</summary>\n\n{self.text}\n\n</details>"


def claim_parts(key: str, *, claim: bool = True) -> dict[str, str]:
    """A fact split for a table: the count, who published it and when, and what its label means in words.

    The fact sheet's label `verified` means its editors read the statement in the source's own text. For a
    number someone claims (an agency, an official, a group of observers), that checks the quotation, not
    the number: the table says so rather than printing a bare "verified" next to a claim.
    """
    f = fact(key)
    count = f.value_text or f.statement
    if f.unit and f.value is not None and "$" not in count:
        count += f" {f.unit}"
    source = f.source_text or ""
    when = f.date_as_printed
    if when and when not in source:
        source = f"{source}; {when}" if source else when
    if f.confidence == "verified":
        label = (
            "Verified quotation: the source reports this claim; the number itself is not checked"
            if claim
            else "Verified: the source's own text says this"
        )
    elif f.confidence == "secondary":
        label = "Reported by secondary sources only: not verified"
    else:
        label = "Not verified: the fact sheet gives no confidence label"
    return {"Count": count, "Source and date": source, "What the label means": label}


def pipeline_rules_markdown() -> str:
    """The dated rules behind steps 2 and 4 of the pipeline (fingerprints, detainers), cited from the fact sheet."""
    return "\n".join(
        [
            f"- **Fingerprints (step 2).** Under the Secure Communities program, ICE's fingerprint matching covered "
            f"{fact('secure_communities_jurisdictions_fy2010').cite()} by the end of fiscal year 2010.",
            f"- **Hennepin County (step 4)** stopped holding people on ICE detainers without a court order: "
            f"{fact('hennepin_detainers_end_2014').cite()}. **Ramsey County** did the same in June 2014 (before "
            f"then: {fact('ramsey_detainers_end_2014').cite()}).",
            f"- **Minnesota's Attorney General** concluded that state law bars state and local agencies from holding "
            f"someone on an ICE detainer once they would otherwise be released: {fact('ag_opinion_detainers_2025').cite()}.",
            f"- **Why jails weigh the risk (a court ruling):** {finding_citation('R78')}",
        ]
    )


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
