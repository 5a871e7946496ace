"""Maps: geometry by relative URL (offline in Lab, out of the notebook), values embedded, grey where missing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import load, maps, paths


@pytest.fixture(scope="module")
def counties() -> pd.DataFrame:
    return load("county_indicators")[["county_fips", "county_name", "hispanic_pct_acs_2011_2015"]]


def test_geometry_is_referenced_relative_to_the_notebook(counties: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(paths.NOTEBOOKS_DIR)
    spec = maps.county_choropleth(
        counties, value="hispanic_pct_acs_2011_2015", title="t", description="d", legend_title="Hispanic %", edition="2017"
    ).to_dict()
    urls = {layer["data"]["url"] for layer in spec["layer"] if "data" in layer} | ({spec["data"]["url"]} if "data" in spec else set())
    assert urls == {"../data/us_counties_2017_topo.json"}
    assert (paths.NOTEBOOKS_DIR / "../data/us_counties_2017_topo.json").resolve().exists()
    values = next(iter(spec["datasets"].values()))
    assert len(values) == len(counties) and {"county_fips", "hispanic_pct_acs_2011_2015"} <= set(values[0])
    assert spec["title"]["text"] == "t" and spec["description"] == "d"


def test_inline_geometry_for_static_export(counties: pd.DataFrame) -> None:
    spec = maps.minnesota_choropleth(
        counties[counties.county_fips.str.startswith("27")], value="hispanic_pct_acs_2011_2015",
        title="t", description="d", legend_title="x", inline=True,
    ).to_dict()
    geometry = spec.get("data") or spec["layer"][0]["data"]  # Altair hoists data shared by all layers
    assert len(geometry["values"]["features"]) == 87


def test_unknown_edition_and_empty_selection_are_refused(counties: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="edition"):
        maps.county_choropleth(counties, value="hispanic_pct_acs_2011_2015", title="t", description="d", legend_title="x", edition="2020")
    with pytest.raises(ValueError, match="no counties"):
        maps.county_choropleth(counties.iloc[0:0], value="hispanic_pct_acs_2011_2015", title="t", description="d", legend_title="x")


def test_boundary_files_exist_where_maps_expect_them() -> None:
    for resource in (*maps.EDITIONS.values(), maps.MN_GEO):
        assert Path(paths.DATA_DIR / f"{resource}.json").exists()


def test_county_template_refills_values_title_and_description() -> None:
    sample = pd.DataFrame({"county_fips": ["27001"], "band": ["1"], "label": ["Aitkin, MN"]})
    template = maps.county_choropleth_template(
        sample, value="band", value_type="N", colors={"1": "#8fbde0", "2": "#4a90c8"}, legend_title="Agreements",
        name_field="label",
    )
    values = pd.DataFrame({"county_fips": ["27053", "27123"], "band": ["2", "1"], "label": ["Hennepin, MN", "Ramsey, MN"],
                           "extra": [1, 2]})
    spec = template.fill(values, title="Two counties", description="A map of two counties", subtitle="sub").to_dict()
    assert spec["datasets"][template.dataset] == [
        {"band": "2", "county_fips": "27053", "label": "Hennepin, MN"},
        {"band": "1", "county_fips": "27123", "label": "Ramsey, MN"},
    ]
    assert spec["title"] == {"text": "Two counties", "subtitle": ["sub"]} and spec["description"] == "A map of two counties"
    assert template.spec["datasets"][template.dataset][0]["county_fips"] == "27001"  # the template itself is unchanged
    with pytest.raises(ValueError, match="lack"):
        template.fill(values.drop(columns="label"), title="t", description="d")
