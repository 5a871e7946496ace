"""County and state choropleths from the boundary files shipped in data/.

In JupyterLab the map geometry is referenced by a relative URL, so the ~0.8 MB boundary file stays
out of the saved notebook and loads from the reader's own disk (offline). The values are small and
are embedded in the chart. Counties with no value are drawn in grey and listed as "no data" in the
tooltip, never as zero. Pick the boundary edition that matches the data's vintage: "2017" for
ACS 2011–2021-era tables, "2023" for 2022-and-later tables (Connecticut's planning regions).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import catalog, paths
from .charts import HIGHLIGHT, LIGHT_GREY, SEQUENTIAL_SCHEME, SpecChart, finish

EDITIONS = {"2017": "us_counties_2017_topo", "2023": "us_counties_2023_topo"}
MN_GEO = "mn_counties_geo"
MAP_WIDTH, MAP_HEIGHT = 540, 340  # fits an 800 px window with the file browser closed; albersUsa keeps its aspect


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
    `tooltip` lists (field, title, type) triples shown on hover.
    """
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {sorted(EDITIONS)}: match it to the data's vintage")
    if values.empty:
        raise ValueError("There are no counties to draw for this selection.")
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
            legend=alt.Legend(format=value_format, orient="bottom", gradientLength=260),
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


def state_choropleth(
    values: pd.DataFrame,
    *,
    value: str,
    title: str,
    description: str,
    legend_title: str,
    key: str = "state_fips",
    name_field: str = "state_name",
    highlight: str | None = None,
    value_type: str = "Q",
    colors: dict[str, str] | None = None,
    scheme: str = SEQUENTIAL_SCHEME,
    value_format: str = ",.0f",
    tooltip: list[tuple[str, str, str]] | None = None,
    subtitle: str | list[str] | None = None,
    inline: bool = False,
) -> alt.LayerChart:
    """States coloured by `value`; `highlight` (a state FIPS) gets a thick outline in the highlight colour."""
    if values.empty:
        raise ValueError("There are no states to draw for this selection.")
    fields = sorted({value, name_field, *(f for f, _, _ in tooltip or [])} - {key})
    states = _geometry(EDITIONS["2023"], "states", inline)
    if value_type == "Q":
        color = alt.Color(
            f"{value}:Q",
            title=legend_title,
            scale=alt.Scale(scheme=scheme),
            legend=alt.Legend(format=value_format, orient="bottom", gradientLength=260),
        )
    else:
        color = alt.Color(
            f"{value}:N",
            title=legend_title,
            scale=alt.Scale(domain=list(colors or {}), range=list((colors or {}).values())),
            legend=alt.Legend(orient="bottom"),
        )
    background = alt.Chart(states).mark_geoshape(fill=LIGHT_GREY, stroke="white", strokeWidth=0.6)
    filled = (
        alt.Chart(states)
        .mark_geoshape(stroke="white", strokeWidth=0.6)
        .transform_lookup(lookup="id", from_=_lookup_data(values, key, fields))
        .transform_filter(f"isValid(datum['{value}'])")
        .transform_calculate(name_label=f"datum.{name_field}")
        .encode(color=color, tooltip=_tooltips(tooltip, value, legend_title, value_format))
    )
    layers = [background, filled]
    if highlight:
        layers.append(
            alt.Chart(states)
            .mark_geoshape(fill=None, stroke=HIGHLIGHT, strokeWidth=2.5)
            .transform_filter(f"datum.id === '{highlight}'")
        )
    chart = alt.layer(*layers).project(type="albersUsa").properties(width=MAP_WIDTH, height=MAP_HEIGHT)
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
    legend_orient: str = "right",
) -> alt.LayerChart:
    """Minnesota's 87 counties coloured by `value` (grey where a county has no value).

    `legend_orient="bottom"` puts the legend under the map, which keeps a map with long category
    labels narrow enough for a small screen.
    """
    if values.empty:
        raise ValueError("There are no Minnesota counties to draw for this selection.")
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
    chart = alt.layer(*layers).project(type="mercator").properties(width=420, height=480)
    return finish(chart, title=title, description=description, subtitle=subtitle)


class ChoroplethTemplate:
    """A map built once with Altair, refilled with new values for each redraw of an explorer.

    Altair validates a new county map against the Vega-Lite schema on every build (tens of
    milliseconds), which alone would use up an explorer's time budget. A template keeps the finished
    spec and swaps in the values, title, subtitle and description, returning a `charts.SpecChart`.
    The values must have the columns the template was built with.
    """

    def __init__(self, chart: alt.TopLevelMixin):
        self.spec = chart.to_dict()
        datasets = self.spec.get("datasets", {})
        if len(datasets) != 1:
            raise ValueError("A map template needs exactly one embedded table of values (the lookup data).")
        (self.dataset,) = datasets
        self.columns = set(datasets[self.dataset][0])

    def fill(
        self, values: pd.DataFrame, *, title: str, description: str, subtitle: str | list[str] | None = None
    ) -> SpecChart:
        """A copy of the map showing `values`, with its own title, subtitle and description."""
        missing = self.columns - set(values.columns)
        if missing:
            raise ValueError(f"The values lack the template's columns {sorted(missing)}.")
        spec = dict(self.spec)
        spec["datasets"] = {self.dataset: values[sorted(self.columns)].to_dict("records")}
        spec["title"] = {"text": title, **({"subtitle": [subtitle] if isinstance(subtitle, str) else subtitle} if subtitle else {})}
        spec["description"] = description
        return SpecChart(spec)


def county_choropleth_template(sample: pd.DataFrame, **options: object) -> ChoroplethTemplate:
    """A `county_choropleth` made once from `sample` (a row or two with every column), to refill fast.

    `options` are those of `county_choropleth` except the title and description, which `fill` sets.
    """
    chart = county_choropleth(sample, title="template", description="template", **options)  # type: ignore[arg-type]
    return ChoroplethTemplate(chart)
