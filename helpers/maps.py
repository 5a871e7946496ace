"""County and state choropleths from the boundary files shipped in data/.

In JupyterLab the map geometry is referenced by a relative URL, so the ~0.8 MB boundary file stays
out of the saved notebook and loads from the reader's own disk (offline). The values are small and
are embedded in the chart. Counties with no value are drawn in grey and listed as "no data" in the
tooltip, never as zero. Pick the boundary edition that matches the data's vintage: "2017" for
ACS 2011–2021-era tables, "2023" for 2022-and-later tables (Connecticut's planning regions).
"""

from __future__ import annotations

import difflib
import numbers
from typing import Any

import altair as alt
import pandas as pd

from . import catalog, paths
from .charts import (
    HIGHLIGHT,
    LIGHT_GREY,
    SEQUENTIAL_SCHEME,
    _colors,
    _require_column,
    _require_text,
    _type_code,
    finish,
)
from .inputs import shown as _shown

EDITIONS = {"2017": "us_counties_2017_topo", "2023": "us_counties_2023_topo"}
MN_GEO = "mn_counties_geo"
MAP_WIDTH, MAP_HEIGHT = 340, 215  # fits charts.FIT (an 800 px window, file browser open); albersUsa's aspect


def _geometry(resource: str, feature: str | None, inline: bool) -> alt.Data:
    """Boundary data by relative URL (JupyterLab) or inline (static exports such as PNG)."""
    if feature is not None:
        fmt = alt.DataFormat(type="topojson", feature=feature)
    else:
        fmt = alt.DataFormat(type="json", property="features")
    if inline:
        return alt.Data(values=catalog.read_json(resource), format=fmt)
    return alt.Data(url=paths.url_from_notebook(catalog.verified_path(resource)), format=fmt)


def _lookup_data(values: pd.DataFrame, key: str, fields: list[str]) -> alt.LookupData:
    """Lookup data for a transform, cheaply.

    Passing a DataFrame straight to `alt.LookupData` validates every row (about 0.4 s for 3,000
    counties, too slow for an explorer). Built with a placeholder and given the frame afterwards,
    Altair still moves the rows into the spec's top-level `datasets` when the chart is drawn, and
    drawing stays near 40 ms.
    """
    lookup = alt.LookupData(data=alt.NamedData(name="placeholder"), key=key, fields=fields)
    lookup.data = values[[key, *fields]].reset_index(drop=True)
    return lookup


def _values(values: Any, fn: str, key: str, width: int, empty: str, **columns: Any) -> pd.DataFrame:
    """The table a map colours areas by, checked; FIPS codes stored as numbers become text ('27053').

    Numbers match no area (the boundary files name areas by text codes), so without this a map of
    integer codes would draw every area grey with no error.
    """
    if not isinstance(values, pd.DataFrame):
        raise TypeError(f"{fn}() colours areas by a table: give it a pandas DataFrame "
                        f"(e.g. load('mn_county_indicators')), not {_shown(values)}.")
    if values.empty:
        raise ValueError(f"{empty} Pick another selection, or check the filter that made the table.")
    _require_column(values, key, "key")
    for role, column in columns.items():
        _require_column(values, column, role)
    codes = values[key]
    if pd.api.types.is_numeric_dtype(codes) and not pd.api.types.is_bool_dtype(codes):
        values = values.assign(**{key: codes.map(lambda c: None if pd.isna(c) else f"{int(c):0{width}d}")})
    return values


def _value_type(value_type: Any) -> str:
    code = _type_code(value_type, "value_type")
    if code not in ("Q", "N"):
        raise ValueError(f"value_type should be 'Q' (a number, drawn on a colour scale) or 'N' (categories, drawn "
                         f"with `colors`); it was given {_shown(value_type)}.")
    return code


def _legend_title(legend_title: Any) -> None:
    _require_text(legend_title, "The legend's title", "Give the legend a title with units, "
                  "e.g. legend_title='Share of residents (%)'.", lines=False)


def _tooltip(tooltip: Any, values: pd.DataFrame) -> list[tuple[str, str, str]] | None:
    """Hover fields as (column, title, type) triples, each column one the values have."""
    if tooltip is None:
        return None
    example = "[('share', 'Share (%)', 'Q')]"
    triples = list(tooltip) if isinstance(tooltip, list | tuple) else None
    if not triples or not all(isinstance(t, list | tuple) and len(t) == 3 for t in triples):
        raise TypeError(f"tooltip is a list of (column, title, type) triples, like {example}; "
                        f"it was given {_shown(tooltip)}.")
    for field, _title, _type in triples:
        _require_column(values, field, "a tooltip")
    return [tuple(t) for t in triples]  # type: ignore[misc]


def _mn_county_fips(county: Any) -> str | None:
    """A Minnesota county's FIPS code from its code ('27053', 27053, '053') or its name ('Hennepin', 'hennepin county')."""
    if county is None or (isinstance(county, str) and not county.strip()):
        return None
    hint = "Give a Minnesota county's FIPS code ('27053') or its name ('Hennepin')."
    if isinstance(county, bool) or not isinstance(county, str | numbers.Integral):
        raise TypeError(f"highlight names one county; it was given {_shown(county)}. {hint}")
    counties = catalog.load("mn_counties")
    text = str(county).strip()
    if text.isdigit():
        text = f"27{text.zfill(3)}" if len(text) <= 3 else text
    else:
        text = text.casefold().removesuffix(" county").strip()
    codes = {**{f: f for f in counties["county_fips"]}, **{n.casefold(): f for n, f in zip(
        counties["county_name"], counties["county_fips"], strict=True)}}
    if text not in codes:
        close = difflib.get_close_matches(str(county).strip(), list(counties["county_name"]), n=3)
        maybe = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"There is no Minnesota county {_shown(county)}.{maybe} {hint}")
    return codes[text]


def _edition(edition: Any) -> str:
    text = str(edition).strip() if isinstance(edition, str | numbers.Integral) and not isinstance(edition, bool) else ""
    if text not in EDITIONS:
        raise ValueError(f"edition must be one of {sorted(EDITIONS)} (match it to the data's vintage); "
                         f"it was given {_shown(edition)}.")
    return text


def _tooltips(tooltip: list[tuple[str, str, str]] | None, value: str, legend_title: str, fmt: str) -> list[alt.Tooltip]:
    items = [alt.Tooltip("name_label:N", title="Place")]
    for field, title, ftype in tooltip or [(value, legend_title, "Q")]:
        items.append(
            alt.Tooltip(f"{field}:{ftype}", title=title, format=fmt)
            if ftype == "Q"
            else alt.Tooltip(f"{field}:{ftype}", title=title)
        )
    return items


def county_choropleth(
    values: pd.DataFrame,
    *,
    value: str,
    title: str,
    description: str,
    legend_title: str,
    edition: str = "2023",
    key: str = "county_fips",
    name_field: str | None = None,
    tooltip: list[tuple[str, str, str]] | None = None,
    value_type: str = "Q",
    scheme: str = SEQUENTIAL_SCHEME,
    colors: dict[str, str] | None = None,
    value_format: str = ",.1f",
    subtitle: str | list[str] | None = None,
    inline: bool = False,
) -> alt.LayerChart:
    """U.S. counties coloured by `value`; counties absent from `values` (or with a missing value) are grey.

    `value_type` "Q" draws a sequential scale; "N" draws categories with `colors` ({label: colour}).
    `tooltip` lists (field, title, type) triples shown on hover. An explorer builds the map once and
    refills it per view like any chart: `charts.refill(charts.template(county_choropleth(...)), rows, ...)`.
    """
    edition, value_type = _edition(edition), _value_type(value_type)
    _legend_title(legend_title)
    values = _values(values, "county_choropleth", key, 5, "There are no counties to draw for this selection.",
                     value=value, **({"name_field": name_field} if name_field is not None else {}))
    tooltip = _tooltip(tooltip, values)
    colors = _colors(colors, values, value) if value_type == "N" else colors
    fields = sorted({value, *(f for f, _, _ in tooltip or []), *([name_field] if name_field else [])})
    fields = [f for f in fields if f != key]
    resource = EDITIONS[edition]
    counties = _geometry(resource, "counties", inline)
    states = _geometry(resource, "states", inline)
    label = f"datum.{name_field}" if name_field else "datum.id"
    background = alt.Chart(counties).mark_geoshape(fill=LIGHT_GREY, stroke="white", strokeWidth=0.2)
    if value_type == "Q":
        color = alt.Color(
            f"{value}:Q",
            title=legend_title,
            scale=alt.Scale(scheme=scheme),
            legend=alt.Legend(format=value_format, orient="bottom", gradientLength=240),
        )
    else:
        domain = list(colors) if colors else alt.Undefined
        rng = list(colors.values()) if colors else alt.Undefined
        color = alt.Color(
            f"{value}:N",
            title=legend_title,
            scale=alt.Scale(domain=domain, range=rng),
            legend=alt.Legend(orient="bottom"),
        )
    filled = (
        alt.Chart(counties)
        .mark_geoshape(stroke="white", strokeWidth=0.2)
        .transform_lookup(lookup="id", from_=_lookup_data(values, key, fields))
        .transform_filter(f"isValid(datum['{value}'])")
        .transform_calculate(name_label=label)
        .encode(color=color, tooltip=_tooltips(tooltip, value, legend_title, value_format))
    )
    outline = alt.Chart(states).mark_geoshape(fill=None, stroke="#555555", strokeWidth=0.5)
    chart = (
        alt.layer(background, filled, outline).project(type="albersUsa").properties(width=MAP_WIDTH, height=MAP_HEIGHT)
    )
    return finish(chart, title=title, description=description, subtitle=subtitle)


def minnesota_choropleth(
    values: pd.DataFrame,
    *,
    value: str,
    title: str,
    description: str,
    legend_title: str,
    key: str = "county_fips",
    value_type: str = "Q",
    colors: dict[str, str] | None = None,
    scheme: str = SEQUENTIAL_SCHEME,
    value_format: str = ",.1f",
    tooltip: list[tuple[str, str, str]] | None = None,
    highlight: str | None = None,
    subtitle: str | list[str] | None = None,
    inline: bool = False,
    legend_orient: str = "bottom",
) -> alt.LayerChart:
    """Minnesota's 87 counties coloured by `value` (grey where a county has no value).

    The legend sits under the map (`legend_orient="right"` beside it, for a wide screen only), which keeps
    a map with long category labels narrow enough for a small screen. `highlight` is a county's FIPS code ('27053') or its name
    ('Hennepin').
    """
    value_type, highlight = _value_type(value_type), _mn_county_fips(highlight)
    _legend_title(legend_title)
    values = _values(values, "minnesota_choropleth", key, 5,
                     "There are no Minnesota counties to draw for this selection.", value=value)
    tooltip = _tooltip(tooltip, values)
    colors = _colors(colors, values, value) if value_type == "N" else colors
    fields = sorted({value, *(f for f, _, _ in tooltip or [])} - {key})
    geo = _geometry(MN_GEO, None, inline)
    if value_type == "Q":
        color = alt.Color(
            f"{value}:Q",
            title=legend_title,
            scale=alt.Scale(scheme=scheme),
            legend=alt.Legend(format=value_format, orient=legend_orient, direction="vertical"),
        )
    else:
        color = alt.Color(
            f"{value}:N",
            title=legend_title,
            scale=alt.Scale(domain=list(colors or {}), range=list((colors or {}).values())),
            legend=alt.Legend(orient=legend_orient, direction="vertical", labelLimit=320),
        )
    background = (
        alt.Chart(geo)
        .mark_geoshape(fill=LIGHT_GREY, stroke="white", strokeWidth=0.5)
        .encode(tooltip=[alt.Tooltip("properties.county_name:N", title="County")])
    )
    filled = (
        alt.Chart(geo)
        .mark_geoshape(stroke="white", strokeWidth=0.5)
        .transform_calculate(county_fips_key="datum.properties.county_fips", name_label="datum.properties.county_name")
        .transform_lookup(
            lookup="county_fips_key",
            from_=_lookup_data(values, key, fields),
        )
        .transform_filter(f"isValid(datum['{value}'])")
        .encode(
            color=color,
            tooltip=[
                alt.Tooltip("name_label:N", title="County"),
                *_tooltips(tooltip, value, legend_title, value_format)[1:],
            ],
        )
    )
    layers = [background, filled]
    if highlight:
        layers.append(
            alt.Chart(geo)
            .mark_geoshape(fill=None, stroke=HIGHLIGHT, strokeWidth=2.5)
            .transform_filter(f"datum.properties.county_fips === '{highlight}'")
        )
    chart = alt.layer(*layers).project(type="mercator").properties(width=300, height=340)
    return finish(chart, title=title, description=description, subtitle=subtitle)
