"""Facts the boundary files must keep: which counties each edition holds, and that every geometry decodes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from helpers import paths
from helpers.catalog import describe, load, read_json

TERRITORIES = ("60", "66", "69", "72", "78")
NEEDS_SOURCES = pytest.mark.skipif(not paths.sources_dir().is_dir(), reason="raw sources folder not available")
CT_HISTORICAL = {f"09{c:03d}" for c in range(1, 16, 2)}
CT_PLANNING_REGIONS = {f"09{c}" for c in range(110, 191, 10)}


@pytest.fixture(scope="module")
def topo2017() -> dict[str, Any]:
    return read_json("us_counties_2017_topo")


@pytest.fixture(scope="module")
def topo2023() -> dict[str, Any]:
    return read_json("us_counties_2023_topo")


def _ids(topo: dict[str, Any], obj: str) -> list[str]:
    return [g["id"] for g in topo["objects"][obj]["geometries"]]


def _check_topology(topo: dict[str, Any]) -> list[str]:
    """Check every ring: arc indices valid, consecutive arcs joined end to start, ring closed; all arcs used.

    Returns the geometries whose ring closes only to within one quantization step (an upstream rounding
    artefact of us-atlas, which renderers close anyway); any larger gap fails.
    """
    arcs = topo["arcs"]
    ends = [((a[0][0], a[0][1]), (sum(p[0] for p in a), sum(p[1] for p in a))) for a in arcs]
    used: set[int] = set()
    nearly_closed: list[str] = []
    for name, obj in topo["objects"].items():
        for g in obj["geometries"]:
            assert g["type"] in ("Polygon", "MultiPolygon")
            polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
            for ring in (r for polygon in polygons for r in polygon):
                pieces = []
                for i in ring:
                    j = i if i >= 0 else ~i
                    assert 0 <= j < len(arcs), f"{name} {g['id']}: arc index {i} out of range"
                    used.add(j)
                    pieces.append(ends[j] if i >= 0 else (ends[j][1], ends[j][0]))
                for k in range(len(pieces) - 1):
                    assert pieces[k][1] == pieces[k + 1][0], f"{name} {g['id']}: arcs {k} and {k + 1} do not join"
                (x0, y0), (x1, y1) = pieces[0][0], pieces[-1][1]
                assert max(abs(x1 - x0), abs(y1 - y0)) <= 1, f"{name} {g['id']}: ring does not close"
                if (x0, y0) != (x1, y1):
                    nearly_closed.append(f"{name}/{g['id']}")
    assert used == set(range(len(arcs))), "some arcs are used by no geometry"
    return nearly_closed


@pytest.mark.parametrize("name", ["us_counties_2017_topo", "us_counties_2023_topo"])
def test_topology_decodes(name: str) -> None:
    topo = read_json(name)
    assert topo["type"] == "Topology" and set(topo["objects"]) == {"counties", "states"}
    assert set(topo["transform"]) == {"scale", "translate"}
    # us-atlas 3.0.1 itself leaves Illinois' state ring open by one quantization step (same in the raw file).
    assert _check_topology(topo) == (["states/17"] if "2017" in name else [])
    west, south, east, north = topo["bbox"]
    assert -180 <= west < east <= 180 and 17 < south < north < 72  # 50 states + DC (Hawaii's south tip ~18.9)
    assert "Michael Bostock" in topo["license"] and "ISC" in topo["license"]
    assert "ISC" in {lic["name"] for lic in describe(name).licenses}


@NEEDS_SOURCES
@pytest.mark.parametrize("edition", ["2017", "2023"])
def test_pruned_arcs_match_the_raw_file(edition: str) -> None:
    """After pruning and renumbering, every kept geometry references the very same arcs as in the raw file."""
    ours = read_json(f"us_counties_{edition}_topo")
    raw_path = paths.sources_dir() / f"context/us_county_boundaries/us_atlas_{edition}_counties-10m.json"
    raw = json.loads(raw_path.read_text(encoding="utf-8"))
    assert ours["transform"] == raw["transform"]

    def flat(arcs: Any) -> list[int]:
        return [arcs] if isinstance(arcs, int) else [i for a in arcs for i in flat(a)]

    for obj in ("counties", "states"):
        raw_geoms = {g["id"]: g for g in raw["objects"][obj]["geometries"]}
        dropped = [i for i in raw_geoms if i.startswith(TERRITORIES)]
        assert len(dropped) == (89 if obj == "counties" else 5)
        for g in ours["objects"][obj]["geometries"]:
            r = raw_geoms[g["id"]]
            assert (g["type"], g["properties"]) == (r["type"], r["properties"])
            mine, theirs = flat(g["arcs"]), flat(r["arcs"])
            assert len(mine) == len(theirs)
            for i, j in zip(mine, theirs, strict=True):
                assert (i < 0) == (j < 0)
                assert ours["arcs"][i if i >= 0 else ~i] == raw["arcs"][j if j >= 0 else ~j]


def test_editions_hold_50_states_and_dc(topo2017: dict[str, Any], topo2023: dict[str, Any]) -> None:
    states = load("states").set_index("state_fips")["state_name"]
    for topo, n_counties in ((topo2017, 3142), (topo2023, 3144)):
        counties = _ids(topo, "counties")
        assert len(counties) == n_counties == len(set(counties))
        assert not [i for i in counties if i.startswith(TERRITORIES)]
        names = {g["id"]: g["properties"]["name"] for g in topo["objects"]["states"]["geometries"]}
        assert len(names) == 51
        assert names == states.to_dict()


def test_connecticut_and_alaska_editions(topo2017: dict[str, Any], topo2023: dict[str, Any]) -> None:
    ids17, ids23 = set(_ids(topo2017, "counties")), set(_ids(topo2023, "counties"))
    assert {i for i in ids17 if i.startswith("09")} == CT_HISTORICAL
    assert {i for i in ids23 if i.startswith("09")} == CT_PLANNING_REGIONS
    assert "02261" in ids17 and not {"02063", "02066"} & ids17
    assert {"02063", "02066"} <= ids23 and "02261" not in ids23
    assert ids17 - ids23 == CT_HISTORICAL | {"02261"}
    assert ids23 - ids17 == CT_PLANNING_REGIONS | {"02063", "02066"}


def test_county_tables_match_the_2017_edition(topo2017: dict[str, Any]) -> None:
    ids = set(_ids(topo2017, "counties"))
    # No exceptions: every 2017-era county code in the tables has a geometry, and vice versa.
    assert set(load("county_indicators")["county_fips"]) == ids
    assert set(load("county_crime_ucr")["county_fips"]) == ids


def test_nibrs_rows_match_their_edition(topo2017: dict[str, Any], topo2023: dict[str, Any]) -> None:
    nibrs = load("county_crime_nibrs")
    ids = {"2017": set(_ids(topo2017, "counties")), "2023": set(_ids(topo2023, "counties"))}
    recent = set(nibrs.loc[nibrs["year"] >= 2022, "county_fips"])
    assert recent == ids["2023"]  # every 2022-23 county is in the 2023 edition (and all 3,144 appear)
    for edition, group in nibrs.groupby("boundary_edition"):
        assert set(group["county_fips"]) <= ids[str(edition)]


def test_mn_counties_geo() -> None:
    geo = read_json("mn_counties_geo")
    assert geo["type"] == "FeatureCollection"
    features = geo["features"]
    assert len(features) == 87
    counties = load("mn_counties").set_index("county_fips")["county_name"]
    assert [f["id"] for f in features] == sorted(counties.index)
    for f in features:
        assert f["properties"] == {"county_fips": f["id"], "county_name": counties[f["id"]]}
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        rings = [f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"]
        for polygon in rings:
            for ring in polygon:
                assert ring[0] == ring[-1]
                for lon, lat in ring:
                    assert -97.3 < lon < -89.4 and 43.4 < lat < 49.4
    hennepin = next(f for f in features if f["id"] == "27053")
    assert hennepin["properties"]["county_name"] == "Hennepin"
