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


def test_county_map_is_refilled_by_the_charts_template_mechanism() -> None:
    from helpers import charts

    sample = pd.DataFrame({"county_fips": ["27001"], "band": ["1"], "label": ["Aitkin, MN"]})
    template = charts.template(maps.county_choropleth(
        sample, value="band", value_type="N", colors={"1": "#8fbde0", "2": "#4a90c8"}, legend_title="Agreements",
        name_field="label", title="template", description="template"))
    values = pd.DataFrame({"county_fips": ["27053", "27123"], "band": ["2", "1"], "label": ["Hennepin, MN", "Ramsey, MN"]})
    spec = charts.refill(template, values, title="Two counties", description="A map of two counties", subtitle="sub").to_dict()
    assert list(spec["datasets"].values()) == [[
        {"county_fips": "27053", "band": "2", "label": "Hennepin, MN"},
        {"county_fips": "27123", "band": "1", "label": "Ramsey, MN"},
    ]]
    assert spec["title"]["text"] == "Two counties" and spec["title"]["subtitle"] == ["sub"]
    assert spec["description"] == "A map of two counties"
    assert next(iter(template.spec["datasets"].values()))[0]["county_fips"] == "27001"  # the template is unchanged
    with pytest.raises(KeyError, match="label"):
        charts.refill(template, values.drop(columns="label"), title="t", description="d")


def test_a_truncated_map_file_gives_the_same_clear_message_as_a_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser reads geometry by URL, so the kit checks the file against the catalogue before naming it."""
    from helpers.catalog import DataFileError

    data = tmp_path / "data"
    data.mkdir()
    (data / "datapackage.json").write_bytes((paths.DATA_DIR / "datapackage.json").read_bytes())
    topo = (paths.DATA_DIR / "us_counties_2023_topo.json").read_bytes()
    (data / "us_counties_2023_topo.json").write_bytes(topo[: len(topo) // 2])
    monkeypatch.setattr(paths, "DATA_DIR", data)
    frame = pd.DataFrame({"county_fips": ["27053"], "v": [1.0]})
    with pytest.raises(DataFileError, match="truncated"):
        maps.county_choropleth(frame, value="v", title="t", description="d", legend_title="x", edition="2023")


def test_minnesota_legend_can_sit_under_the_map(counties: pd.DataFrame) -> None:
    mn = counties[counties.county_fips.str.startswith("27")].assign(kind="a")
    def legend(chart):
        return next(layer["encoding"]["color"]["legend"] for layer in chart.to_dict()["layer"] if "color" in layer.get("encoding", {}))
    default = maps.minnesota_choropleth(mn, value="kind", value_type="N", colors={"a": "#000000"},
                                        title="t", description="d", legend_title="x", legend_orient="right")
    below = maps.minnesota_choropleth(mn, value="kind", value_type="N", colors={"a": "#000000"},
                                      title="t", description="d", legend_title="x", legend_orient="bottom")
    assert legend(default)["orient"] == "right" and legend(below)["orient"] == "bottom"
    assert legend(maps.minnesota_choropleth(mn, value="kind", value_type="N", colors={"a": "#000000"}, title="t",
                                            description="d", legend_title="x"))["orient"] == "bottom"  # the default


# --- Bad inputs answered clearly (see tests/test_bad_inputs.py for the census) ---------------------

MN = pd.DataFrame({"county_fips": ["27053", "27123"], "share": [1.5, 2.5]})
WORDS = {"title": "t", "description": "d", "legend_title": "n"}


def test_an_unknown_county_is_named_with_what_to_give() -> None:
    with pytest.raises(ValueError, match=r"no Minnesota county str 'Hennepn'.*'Hennepin'"):
        maps.minnesota_choropleth(MN, value="share", highlight="Hennepn", **WORDS)


def test_a_county_is_highlighted_by_code_or_name() -> None:
    by_code = maps.minnesota_choropleth(MN, value="share", highlight="27053", **WORDS).to_dict()
    for county in ("Hennepin", "hennepin county", " HENNEPIN ", 27053, "053"):
        assert maps.minnesota_choropleth(MN, value="share", highlight=county, **WORDS).to_dict() == by_code


def test_fips_codes_stored_as_numbers_still_colour_their_areas() -> None:
    as_numbers = maps.minnesota_choropleth(MN.assign(county_fips=MN.county_fips.astype(int)), value="share", **WORDS)
    assert as_numbers.to_dict() == maps.minnesota_choropleth(MN, value="share", **WORDS).to_dict()


def test_a_missing_column_or_a_table_name_is_refused_clearly() -> None:
    with pytest.raises(KeyError, match=r"no column 'Share'.*Did you mean 'share'"):
        maps.minnesota_choropleth(MN, value="Share", **WORDS)
    with pytest.raises(TypeError, match="give it a pandas DataFrame"):
        maps.minnesota_choropleth("mn_counties", value="share", **WORDS)
    with pytest.raises(TypeError, match="triples"):
        maps.minnesota_choropleth(MN, value="share", tooltip=["share"], **WORDS)
    assert maps.county_choropleth(MN, value="share", edition=2017, **WORDS).to_dict() == maps.county_choropleth(
        MN, value="share", edition="2017", **WORDS).to_dict()
