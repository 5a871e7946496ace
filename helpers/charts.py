"""One look for every chart of the series, and builders that refuse an unlabelled chart.

The palette is Okabe–Ito, chosen because readers with the common colour-vision deficiencies can
tell its colours apart; charts with several series also vary dash or shape as a second cue. Every
chart carries a title that states its point and a text `description` (Vega-Lite reads it to
screen-reader users). The series' renderer (see `enable_offline_renderer`) checks both on every chart
a notebook displays, so a chart made with plain Altair is held to the same rule.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from collections.abc import Mapping, Sequence, Sized
from typing import Any

import altair as alt
import pandas as pd

from .catalog import NoData
from .inputs import shown as _shown
from .render import SpecChart, UnlabelledChartError, check_spec, series_renderer  # noqa: F401 (the kit imports them from here)

# Okabe & Ito (2008), "Color Universal Design". Order matters: series take colours in this order.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
PALETTE: list[str] = [
    OKABE_ITO[k]
    for k in ("blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "yellow", "black")
]
GREY = "#9A9A9A"  # context and "no data"; not a data colour
LIGHT_GREY = "#E6E6E6"
HIGHLIGHT = OKABE_ITO["vermillion"]  # Minnesota, or the one thing a chart points at

# Colours with a fixed meaning across the whole series.
MODEL_COLOURS: dict[str, str] = {
    "Jail Enforcement Model": OKABE_ITO["blue"],
    "Task Force Model": OKABE_ITO["vermillion"],
    "Warrant Service Officer": OKABE_ITO["orange"],
}
DIRECTION_COLOURS: dict[str, str] = {
    "more cooperation with ICE": OKABE_ITO["vermillion"],
    "limits on cooperation": OKABE_ITO["blue"],
}
SEQUENTIAL_SCHEME = "blues"  # for choropleths of counts and shares

THEME_NAME = "ice_series"
RENDERER_NAME = "ice_series"
FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
# Lab 4.6's Vega renderer cannot size a chart to its output (width="container" draws 0 px wide, or re-renders
# without end), so charts are sized for the narrowest column a reader meets: FIT pixels at an 800 px window with
# the file browser open. `finish` wraps titles and subtitles to it.
FIT = 350
WIDTH, HEIGHT = 280, 240
TIME_FORMAT = "%b %Y"  # month and year on time axes, so a tick never reads as a bare "April"


def theme() -> dict[str, Any]:
    """The Vega-Lite config shared by every chart."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "range": {"category": PALETTE},
            "title": {
                "anchor": "start",
                "fontSize": 16,
                "fontWeight": 600,
                "subtitleFontSize": 12,
                "subtitleColor": "#444444",
                "offset": 10,
            },
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": 500,
                "labelOverlap": True,  # drop a tick label rather than print two over each other ("-0.50.0")
                "labelFlush": True,  # the end labels sit inside the axis, not past the chart's edge
                "labelLimit": 150,  # a long category name is cut with an ellipsis, not allowed to widen the chart
                "gridColor": "#EDEDED",
                "domainColor": "#888888",
                "tickColor": "#888888",
            },
            # under the chart, one item a line: a row of long labels would widen the chart past a narrow window
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "direction": "vertical"},
            "line": {"strokeWidth": 2.2},
            "point": {"size": 50, "filled": True},
            "bar": {"color": PALETTE[0]},
            "area": {"color": PALETTE[0]},
        }
    }


def enable() -> None:
    """Register and switch on the series theme and the offline, label-checking renderer."""
    alt.theme.register(THEME_NAME, enable=True)(theme)
    alt.renderers.register(RENDERER_NAME, series_renderer)
    alt.renderers.enable(RENDERER_NAME)


def finish(
    chart: alt.TopLevelMixin, *, title: str, description: str, subtitle: str | Sequence[str] | None = None
) -> alt.TopLevelMixin:
    """Give a chart its title (the point it makes), an optional subtitle and its text description."""
    _require_chart(chart, "finish")
    _require_title(title)
    _require_description(description)
    room = int(FIT / TITLE_CHAR_PX)  # a title given as lines keeps its breaks; a line too long is broken again
    text = _wrap_title(title, room) if isinstance(title, str) else _wrap_lines(title, room)
    params: dict[str, Any] = {"text": text if len(text) > 1 or isinstance(text, str) else text[0]}
    lines = _wrap_lines(_lines(subtitle), int(FIT / SUBTITLE_CHAR_PX))
    if lines:
        params["subtitle"] = lines
    return chart.properties(title=alt.Title(**params), description=description)


def _require_axes(x_title: str, y_title: str) -> None:
    for axis_title in (x_title, y_title):
        _require_text(axis_title, "An axis title", "Both axes need a title with units, e.g. y_title='Agreements in force'.")


# --- Checks that turn a reader's slip into a clear message instead of a blank chart ----------------


def _require_text(value: Any, what: str, blank: str, lines: bool = True) -> None:
    """Non-blank text (a title may also be a list of lines); UnlabelledChartError naming the value otherwise."""
    parts = value if lines and isinstance(value, list | tuple) else [value]
    if not parts or not all(isinstance(p, str) for p in parts):
        raise UnlabelledChartError(f"{what} should be text; it was given {_shown(value)}. {blank}")
    if not any(p.strip() for p in parts):
        raise UnlabelledChartError(blank)


def _require_title(title: Any) -> None:
    _require_text(title, "The chart's title", "Give the chart a title that states what it shows, "
                  "e.g. 'Agreements grew tenfold in 2025'.")


def _require_description(description: Any) -> None:
    _require_text(description, "The chart's description", "Give the chart a description: one or two sentences "
                  "a screen reader can read out.", lines=False)


def _lines(subtitle: Any) -> list[str]:
    """A subtitle as a list of lines: text, a list of lines, or nothing."""
    if subtitle is None or (isinstance(subtitle, str) and not subtitle.strip()):
        return []
    if isinstance(subtitle, str):
        return [subtitle]
    if isinstance(subtitle, list | tuple) and all(isinstance(line, str) for line in subtitle):
        return list(subtitle)
    raise TypeError(f"A subtitle is text or a list of lines of text, e.g. 'Monthly, 2017 to 2026'; "
                    f"it was given {_shown(subtitle)}.")


def _require_chart(chart: Any, fn: str) -> None:
    if not (hasattr(chart, "properties") and hasattr(chart, "to_dict")) or isinstance(chart, pd.DataFrame):
        raise TypeError(f"{fn}() takes an Altair chart: give it one made by charts.line_chart(...) or "
                        f"alt.Chart(df).mark_bar().encode(...), not {_shown(chart)}.")


def _require_column(data: pd.DataFrame, column: Any, role: str) -> None:
    """A column the table has; a KeyError or TypeError that lists its columns (and close matches) otherwise."""
    if isinstance(column, str) and column in data.columns:
        return
    names = [str(c) for c in data.columns]
    listed = ", ".join(repr(c) for c in names[:15]) + (" …" if len(names) > 15 else "")
    if not isinstance(column, str):
        raise TypeError(f"{role} names a column of the table, like {names[0]!r}; it was given {_shown(column)}. "
                        f"Its columns are: {listed}.")
    close = difflib.get_close_matches(column, names, n=3) or [c for c in names if c.casefold() == column.strip().casefold()]
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise KeyError(f"The table has no column {column!r} (for {role}).{hint} Its columns are: {listed}.")


def _require_data(data: Any, fn: str, **columns: Any) -> None:
    """Refuse what would draw a blank chart: not a table, an empty table, or a column the table lacks."""
    if isinstance(data, alt.SchemaBase):  # Altair data (a URL, named data) is drawn as given
        return
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{fn}() draws a table (a pandas DataFrame, e.g. load('states')); it was given {_shown(data)}.")
    if data.empty:
        raise NoData(f"There are no rows to draw: the table given to {fn}() is empty. "
                     "Check the filter that made it, or pick another selection.")
    for role, column in columns.items():
        if role != "color" or column not in (None, ""):  # no colour is fine; a missing x or y is not
            _require_column(data, column, role)


_TYPE_CODES = {"t": "T", "temporal": "T", "q": "Q", "quantitative": "Q", "o": "O", "ordinal": "O", "n": "N",
               "nominal": "N"}


def _type_code(value: Any, what: str = "x_type") -> str:
    """'T', 'Q', 'O' or 'N' from a code in either case or its long name ('temporal')."""
    code = _TYPE_CODES.get(value.strip().lower()) if isinstance(value, str) else None
    if code is None:
        raise ValueError(f"{what} should be 'T' (dates), 'Q' (numbers), 'O' (ordered categories) or 'N' (names); "
                         f"it was given {_shown(value)}.")
    return code


def _colors(colors: Any, data: Any, color: Any) -> dict[str, str] | None:
    """A {group: colour} mapping that gives a colour to every group the chart draws (None: the palette's order)."""
    if colors is None or (isinstance(colors, Sized) and not isinstance(colors, Mapping) and len(colors) == 0):
        return None
    if not isinstance(colors, Mapping):
        raise TypeError("colors maps each group to a colour, like {'Minnesota': charts.HIGHLIGHT}; "
                        f"it was given {_shown(colors)}.")
    if color and isinstance(data, pd.DataFrame) and color in data.columns:
        missing = [g for g in pd.unique(data[color].dropna()) if g not in colors]
        if missing:
            raise ValueError(f"colors has no colour for {', '.join(repr(g) for g in missing[:5])} (groups of column "
                             f"{color!r}); give one for each group. It has colours for: "
                             f"{', '.join(repr(k) for k in list(colors)[:8])}.")
    return dict(colors)


def _highlight(highlight: Any, data: Any) -> dict[str, Any] | None:
    """bar_chart's highlight, checked: its field is a column, and its value is spelt as in the data."""
    if highlight is None or (isinstance(highlight, str | Mapping) and len(highlight) == 0):
        return None
    example = "{'field': 'state_name', 'value': 'Minnesota'}"
    if not isinstance(highlight, Mapping):
        raise TypeError(f"highlight is a dict like {example}; it was given {_shown(highlight)}.")
    if "field" not in highlight or "value" not in highlight:
        raise ValueError(f"highlight needs a 'field' and a 'value', like {example}; it was given {highlight!r}.")
    field, value = highlight["field"], highlight["value"]
    if isinstance(data, pd.DataFrame):
        _require_column(data, field, "highlight's field")
        present = pd.unique(data[field].dropna())
        if value not in set(present) and isinstance(value, str):  # 'minnesota' is 'Minnesota'
            value = next((v for v in present if isinstance(v, str) and v.strip().casefold() == value.strip().casefold()),
                         value)
    return {"field": field, "value": value}


def _x_axis(x_type: str, x_format: str | None, tick_interval: str | None) -> Any:
    """Time axes show month and year; `tick_interval` ("month", "year") puts one tick per interval, which
    keeps a chart of a few months from printing the same month twice."""
    if x_type != "T":
        return alt.Axis(format=x_format) if x_format else alt.Undefined
    axis: dict[str, Any] = {"format": x_format or TIME_FORMAT, "labelAngle": 0}
    if tick_interval:
        axis["tickCount"] = {"interval": tick_interval, "step": 1}
    return alt.Axis(**axis)


def line_chart(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    color: str | None = None,
    color_title: str | None = None,
    colors: dict[str, str] | None = None,
    x_type: str = "T",
    x_format: str | None = None,
    x_tick_interval: str | None = None,
    y_format: str = ",.0f",
    subtitle: str | Sequence[str] | None = None,
    tooltip: list[Any] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> alt.Chart:
    """A line chart; with `color`, one line per group, told apart by colour and dash."""
    _require_axes(x_title, y_title)
    _require_data(data, "line_chart", x=x, y=y, color=color)
    x_type, colors = _type_code(x_type), _colors(colors, data, color)
    encoding: dict[str, Any] = {
        "x": alt.X(f"{x}:{x_type}", title=x_title, axis=_x_axis(x_type, x_format, x_tick_interval)),
        "y": alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format)),
    }
    if color:
        scale = alt.Scale(domain=list(colors), range=list(colors.values())) if colors else alt.Undefined
        encoding["color"] = alt.Color(f"{color}:N", title=color_title or color, scale=scale)
        # dash takes the colours' domain, so Vega-Lite merges the two into one legend instead of drawing two
        dash_scale = alt.Scale(domain=list(colors)) if colors else alt.Undefined
        encoding["strokeDash"] = alt.StrokeDash(f"{color}:N", title=color_title or color, scale=dash_scale)
    encoding["tooltip"] = tooltip or [
        alt.Tooltip(f"{x}:{x_type}", title=x_title),
        alt.Tooltip(f"{y}:Q", title=y_title, format=y_format),
    ] + ([alt.Tooltip(f"{color}:N", title=color_title or color)] if color else [])
    chart = alt.Chart(data).mark_line().encode(**encoding).properties(width=width, height=height)
    return finish(chart, title=title, description=description, subtitle=subtitle)


def bar_chart(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    horizontal: bool = False,
    color: str | None = None,
    color_title: str | None = None,
    colors: dict[str, str] | None = None,
    sort: Any = "-x",
    x_type: str = "Q",
    y_type: str = "N",
    value_format: str = ",.0f",
    subtitle: str | Sequence[str] | None = None,
    width: int | None = None,
    height: int | None = None,
    highlight: dict[str, Any] | None = None,
) -> alt.Chart:
    """A bar chart. Horizontal bars (the default reading for rankings) take `x` as the value.

    `highlight={"field": "state_name", "value": "Minnesota"}` colours one bar and greys the rest.
    """
    _require_axes(x_title, y_title)
    _require_data(data, "bar_chart", x=x, y=y, color=color)
    x_type, y_type = _type_code(x_type), _type_code(y_type, "y_type")
    colors, highlight = _colors(colors, data, color), _highlight(highlight, data)
    if horizontal:
        value_enc = alt.X(f"{x}:{x_type}", title=x_title, axis=alt.Axis(format=value_format))
        cat_enc = alt.Y(f"{y}:{y_type}", title=y_title, sort=sort)
        encoding: dict[str, Any] = {"x": value_enc, "y": cat_enc}
        value_field, value_type, value_title = x, x_type, x_title
        cat_field, cat_type, cat_title = y, y_type, y_title
    else:
        encoding = {
            "x": alt.X(f"{x}:{x_type}", title=x_title, sort=sort),
            "y": alt.Y(f"{y}:{y_type}", title=y_title, axis=alt.Axis(format=value_format)),
        }
        value_field, value_type, value_title = y, y_type, y_title
        cat_field, cat_type, cat_title = x, x_type, x_title
    if color:
        scale = alt.Scale(domain=list(colors), range=list(colors.values())) if colors else alt.Undefined
        encoding["color"] = alt.Color(f"{color}:N", title=color_title or color, scale=scale)
    elif highlight:
        encoding["color"] = alt.condition(
            alt.datum[highlight["field"]] == highlight["value"], alt.value(HIGHLIGHT), alt.value(PALETTE[0])
        )
    encoding["tooltip"] = [
        alt.Tooltip(f"{cat_field}:{cat_type}", title=cat_title),
        alt.Tooltip(f"{value_field}:{value_type}", title=value_title, format=value_format),
    ] + ([alt.Tooltip(f"{color}:N", title=color_title or color)] if color else [])
    n = data[cat_field].nunique() if cat_field in data else 10
    props: dict[str, Any] = {"width": width or (FIT - 175 if horizontal else WIDTH)}  # room for the labels
    props["height"] = height if height is not None else (max(120, 18 * n) if horizontal else HEIGHT)
    chart = alt.Chart(data).mark_bar().encode(**encoding).properties(**props)
    return finish(chart, title=title, description=description, subtitle=subtitle)


def mark_period(chart: alt.Chart, start: str, end: str, label: str, *, x_type: str = "T") -> alt.LayerChart:
    """Shade a period (such as the Minnesota surge) behind a time chart and name it.

    Encodings are built as objects, not shorthand strings: Altair parses shorthand slowly, and this
    runs inside explorers. Keep `label` short; it is drawn inside the band's left edge, on top of the
    chart's own marks (a bar never hides it). On a time axis a
    period that reaches past the chart's dates is cut at them (so it never stretches the axis), and a
    period wholly outside them is refused.
    """
    _require_chart(chart, "mark_period")
    x_type = _type_code(x_type)
    if not isinstance(label, str):
        raise TypeError(f"The period's label is text, like 'Surge'; it was given {_shown(label)}.")
    if x_type == "T":
        start, end = _period(chart, start, end)
    band = pd.DataFrame({"start": [start], "end": [end], "label": [label]})
    x = alt.X("start", type=_TYPE_NAMES[x_type])
    rect = alt.Chart(band).mark_rect(color=LIGHT_GREY, opacity=0.7).encode(x=x, x2=alt.X2("end"))
    text = (
        alt.Chart(band)
        .mark_text(align="left", baseline="top", dx=4, dy=4, color="#333333", fontSize=12, fontWeight=600)
        .encode(x=x, y=alt.value(0), text=alt.Text("label", type="nominal"))
    )
    inner = chart.copy(deep=False)
    title, description = inner.title, inner.description
    inner.title = alt.Undefined
    inner.description = alt.Undefined
    return alt.layer(rect, inner, text).properties(title=title, description=description)


_TYPE_NAMES = {"T": "temporal", "Q": "quantitative", "O": "ordinal", "N": "nominal"}


def _date(value: Any, what: str) -> pd.Timestamp:
    hint = "give a date like '2025-12-01'."
    if not isinstance(value, str | pd.Timestamp) and not hasattr(value, "isoformat"):
        raise ValueError(f"The period's {what} should be a date; it was given {_shown(value)}; {hint}")
    try:
        stamp = pd.Timestamp(value.strip() if isinstance(value, str) else value)
    except (ValueError, TypeError, OverflowError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise ValueError(f"The period's {what} {value!r} is not a date; {hint}")
    return stamp


def _dates_drawn(chart: Any) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last date on a chart's x axis, where its data is a DataFrame (None if it cannot tell)."""
    for part in [chart, *(getattr(chart, "layer", None) or [])]:
        data = getattr(part, "data", alt.Undefined)
        data = data if isinstance(data, pd.DataFrame) else getattr(chart, "data", alt.Undefined)
        x = getattr(getattr(part, "encoding", alt.Undefined), "x", alt.Undefined)
        if not isinstance(data, pd.DataFrame) or x is alt.Undefined:
            continue
        field = x.field if isinstance(getattr(x, "field", alt.Undefined), str) else str(getattr(x, "shorthand", ""))
        field = field.split(":")[0]
        if field in data.columns:
            dates = pd.to_datetime(data[field], errors="coerce").dropna()
            if len(dates):
                return dates.min(), dates.max()
    return None


def _period(chart: Any, start: Any, end: Any) -> tuple[Any, Any]:
    """The period's ends, cut at the chart's first and last date; ValueError for a period that is not one."""
    first, last = _date(start, "start"), _date(end, "end")
    if first > last:
        raise ValueError(f"The period starts ({start!r}) after it ends ({end!r}); give the start first.")
    drawn = _dates_drawn(chart)
    if drawn is None:
        return start, end
    lo, hi = drawn
    if first > hi or last < lo:
        raise ValueError(f"The period {start!r} to {end!r} lies outside the chart's dates ({lo:%Y-%m-%d} to "
                         f"{hi:%Y-%m-%d}); give dates inside them.")
    return (lo.isoformat() if first < lo else start), (hi.isoformat() if last > hi else end)


PARTIAL_NOTE = "Hollow points: periods covered only in part."
PARTIAL_NOTE_JOINED = "Hollow points and dashes: periods covered only in part."


def partial_line(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    partial: str,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    color: str | None = None,
    color_title: str | None = None,
    colors: dict[str, str] | None = None,
    join: bool = False,
    note: str | None = None,
    x_type: str = "T",
    x_format: str | None = None,
    y_format: str = ",.0f",
    subtitle: str | Sequence[str] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> alt.LayerChart:
    """A line chart that never draws an incomplete period as if it were complete.

    `partial` names a boolean column: True for rows the source covers only in part (a month printed
    while it was still running, a fiscal year to date). Complete rows form a solid line, which breaks
    at each partial row; partial rows are hollow points. With `join=True` a dashed segment joins each
    partial point to its neighbours (right for an average over fewer days, which is still an average);
    leave it False for a count, whose partial value is too low and would draw a fall that never
    happened. A note saying so is added under the title (`note` replaces it). With `color`, one line
    per group, told apart by colour and dash. A missing `y` (a period the source skipped) breaks the
    line too, instead of being bridged.
    """
    _require_axes(x_title, y_title)
    if isinstance(data, alt.SchemaBase):
        raise TypeError("partial_line() draws a pandas DataFrame (it splits the rows itself), not Altair data.")
    _require_data(data, "partial_line", x=x, y=y, partial=partial, color=color)
    x_type, colors = _type_code(x_type), _colors(colors, data, color)
    frame = data.sort_values(x).copy()
    is_part = frame[partial].fillna(False).astype(bool)
    gap = frame[y].isna()
    groups = frame[color] if color else pd.Series("", index=frame.index)
    frame["_part"] = is_part
    frame["_run"] = groups.astype(str) + "|" + (is_part | gap).groupby(groups).cumsum().astype(str)
    axis = (
        _x_axis(x_type, x_format, None) if x_type == "T" else alt.Axis(labelAngle=0, format=x_format or alt.Undefined)
    )
    x_enc = alt.X(x, type=_TYPE_NAMES[x_type], title=x_title, axis=axis)
    y_enc = alt.Y(y, type="quantitative", title=y_title, axis=alt.Axis(format=y_format))
    tooltip = [
        alt.Tooltip(x, type=_TYPE_NAMES[x_type], title=x_title),
        alt.Tooltip(y, type="quantitative", title=y_title, format=y_format),
        alt.Tooltip("_part", type="nominal", title="Partial period"),
    ]
    styled: dict[str, Any] = {"color": alt.value(PALETTE[0])}
    if color:
        names = list(colors) if colors else list(dict.fromkeys(frame[color]))
        scale = alt.Scale(domain=names, range=list(colors.values()) if colors else PALETTE[: len(names)])
        styled["color"] = alt.Color(color, type="nominal", title=color_title or color, scale=scale)
        dashes = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4]]
        dash_scale = alt.Scale(domain=names, range=[dashes[i % len(dashes)] for i in range(len(names))])
        styled["strokeDash"] = alt.StrokeDash(color, type="nominal", title=color_title or color, scale=dash_scale)
        tooltip.append(alt.Tooltip(color, type="nominal", title=color_title or color))
    colour_only = {"color": styled["color"]}
    run = alt.Detail("_run", type="nominal")
    drawn, shown_part = frame[~gap], is_part[~gap]
    layers = [
        alt.Chart(drawn[~shown_part]).mark_line().encode(x=x_enc, y=y_enc, detail=run, tooltip=tooltip, **styled),
        alt.Chart(drawn[shown_part])
        .mark_point(filled=False, size=70, strokeWidth=2)
        .encode(x=x_enc, y=y_enc, tooltip=tooltip, **colour_only),
    ]
    if join and is_part.any():
        pieces = []
        for _, rows in frame.groupby(groups, sort=False):
            rows = rows.reset_index(drop=True)
            for i in rows.index[rows["_part"]]:
                for j in (i - 1, i + 1):
                    pair = rows.loc[[min(i, j), max(i, j)]] if 0 <= j < len(rows) else rows.head(0)
                    if len(pair) == 2 and pair[y].notna().all():  # never bridge a missing period
                        pieces.append(pair.assign(_join=len(pieces)))
        joins = pd.concat(pieces, ignore_index=True) if pieces else frame.head(0).assign(_join=0)
        dashed = alt.Chart(joins).mark_line(strokeDash=[3, 3], strokeWidth=1.6)
        # after the solid lines: the first layer's colour and dash make the legend, so it must carry both
        layers.insert(1, dashed.encode(x=x_enc, y=y_enc, detail=alt.Detail("_join", type="nominal"), **colour_only))
    lines = _lines(subtitle)
    lines.append(note or (PARTIAL_NOTE_JOINED if join else PARTIAL_NOTE))
    chart = alt.layer(*layers).properties(width=width, height=height)
    return finish(chart, title=title, description=description, subtitle=lines)


def template(chart: alt.TopLevelMixin) -> SpecChart:
    """A finished chart kept as a template for `refill`: Altair builds and validates it once.

    Explorers redraw on every click, and Altair's schema validation alone (tens of milliseconds, more
    on a busy machine) would use up a redraw's time budget. Build the chart once with any builder of
    this module, on rows shaped like the ones each view will show, and refill it per view. The chart
    must draw exactly one data frame (layers of the same frame are fine).
    """
    _require_chart(chart, "template")
    spec = chart.to_dict()
    count = len(spec.get("datasets", {}))
    if count != 1:
        raise ValueError(f"A template must draw exactly one data frame; this chart has {count} data sets.")
    return SpecChart(spec)


def _encoded_fields(node: Any) -> set[str]:
    """Every field a spec's encodings draw or its lookups read (in any layer)."""
    if isinstance(node, list):
        return set().union(*(_encoded_fields(n) for n in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = {node["field"]} if isinstance(node.get("field"), str) else set()
    if isinstance(node.get("fields"), list):  # a map's lookup of the values it colours and names by
        found |= {f for f in node["fields"] if isinstance(f, str)}
    return found.union(*(_encoded_fields(v) for k, v in node.items() if k != "datasets"))


def _require_rows(template: SpecChart, data: Any) -> None:
    """Rows for a template: a non-empty DataFrame with every column the template draws."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"refill() draws a table: give it a pandas DataFrame (e.g. load('states')), not {_shown(data)}.")
    if data.empty:
        raise NoData("There are no rows to draw for this selection. Check the filter that made them, "
                     "or pick another selection.")
    rows = next(iter(template.spec.get("datasets", {}).values()), [])
    drawn = _encoded_fields(template.spec) & set(rows[0] if rows else ())
    missing = sorted(drawn - {str(c) for c in data.columns})
    if missing:
        raise KeyError(f"The rows lack the column(s) {missing} that the template draws; give a table with the "
                       f"columns the template was built from. These rows have: {list(map(str, data.columns))}.")


NARROW = 570  # pixels JupyterLab leaves a chart at an 800-pixel-wide window (file browser closed)
# About how many pixels one character takes in a title (16 px, bold) and in a subtitle (12 px) of `theme`.
TITLE_CHAR_PX, SUBTITLE_CHAR_PX = 9.5, 6.6


def _wrap_lines(lines: Sequence[str], width: int) -> list[str]:
    """Each line broken at spaces into lines of at most `width` characters (never inside a hyphenated word)."""
    return [part for line in lines for part in (textwrap.wrap(str(line), width, break_on_hyphens=False) or [""])]


def _wrap_title(title: str, width: int) -> list[str]:
    """A long title on lines of about equal length (no lone last word on a line of its own)."""
    lines = _wrap_lines([title], width)
    return _wrap_lines([title], min(width, -(-len(title) // len(lines)) + 6)) if len(lines) > 1 else lines


def refill(
    template: SpecChart,
    data: pd.DataFrame,
    *,
    title: str,
    description: str,
    subtitle: str | Sequence[str] | None = None,
    wrap: int | None = FIT,
) -> SpecChart:
    """The template with new rows, title, subtitle and description, without validating again.

    Encodings, scales and axis titles stay as the template built them, so give the template axis titles
    that fit every view and put what changes in the title or subtitle. The template is not changed.
    `wrap` (a width in pixels; `FIT` unless given) breaks a long title into lines of about equal length and
    each subtitle line at spaces, so neither runs off a narrow screen; a title that fits stays one string.
    """
    _require_title(title)
    _require_description(description)
    if not isinstance(template, SpecChart):
        raise TypeError(f"refill() fills a template: give it one made by charts.template(chart), not {_shown(template)}.")
    _require_rows(template, data)
    spec = dict(template.spec)  # nested parts are shared read-only; only top-level keys are replaced
    (name,) = spec["datasets"]
    spec["datasets"] = {name: json.loads(data.to_json(orient="records", date_format="iso"))}
    lines = _lines(subtitle)
    if wrap:
        text = _wrap_title(title, int(wrap / TITLE_CHAR_PX)) if isinstance(title, str) else _wrap_lines(title, int(
            wrap / TITLE_CHAR_PX))  # a title given as lines keeps its breaks
        title, lines = (text if len(text) > 1 else title), _wrap_lines(lines, int(wrap / SUBTITLE_CHAR_PX))
    base = spec.get("title")
    spec["title"] = {**(base if isinstance(base, dict) else {}), "text": title}
    spec["title"].pop("subtitle", None)
    if lines:
        spec["title"]["subtitle"] = lines
    spec["description"] = description
    return SpecChart(spec)
