"""The static site's parts, on made-up charts, notebooks and pages (the browser test checks the built site)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers import series
from helpers.paths import REPO_ROOT
from tools import site, site_anchors, site_links, site_outputs

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.20.1.json"


def bar_spec(description: str = 'Two bars: "A" is 3 & "B" is 5.') -> dict:
    return {
        "$schema": SCHEMA,
        "title": "B is higher than A",
        "description": description,
        "data": {"values": [{"k": "A", "v": 3}, {"k": "B", "v": 5}]},
        "mark": "bar",
        "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}},
        "width": 120,
        "height": 80,
    }


def square_map(tmp_path: Path) -> tuple[dict, Path]:
    """A map spec whose geometry, like the series' maps, is read from a JSON file by a relative URL."""
    data = tmp_path / "data"
    data.mkdir()
    square = {"type": "Feature", "properties": {"name": "Square"},
              "geometry": {"type": "Polygon", "coordinates": [[[-94, 45], [-93, 45], [-93, 46], [-94, 46], [-94, 45]]]}}
    (data / "shapes.json").write_text(json.dumps({"type": "FeatureCollection", "features": [square]}))
    spec = {"$schema": SCHEMA, "title": "One county", "description": "A map of one square county.",
            "data": {"url": "../data/shapes.json", "format": {"type": "json", "property": "features"}},
            "mark": {"type": "geoshape", "fill": "#0072B2"}, "projection": {"type": "mercator"},
            "width": 100, "height": 100}
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    return spec, notebooks


def test_chart_becomes_an_svg_with_its_description_as_alt_text(tmp_path: Path) -> None:
    image = site_outputs.render_chart(bar_spec(), base=tmp_path, folder=tmp_path / "charts", stem="01-003-0")
    svg = (tmp_path / "charts" / "01-003-0.svg").read_text()
    assert image.filename == "01-003-0.svg" and svg.lstrip().startswith("<svg")
    assert "<rect" in svg or "<path" in svg  # the bars were drawn
    assert image.alt == 'Two bars: "A" is 3 & "B" is 5.'
    markup = image.html("charts/")
    assert 'src="charts/01-003-0.svg"' in markup
    assert 'alt="Two bars: &quot;A&quot; is 3 &amp; &quot;B&quot; is 5."' in markup
    assert f'width="{image.width}"' in markup and image.width and image.width > 100


def test_heavy_chart_becomes_a_png_shown_at_half_its_pixels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_outputs, "SVG_LIMIT", 10)
    image = site_outputs.render_chart(bar_spec(), base=tmp_path, folder=tmp_path, stem="map")
    png = (tmp_path / "map.png").read_bytes()
    assert image.filename == "map.png" and png.startswith(b"\x89PNG")
    assert image.width == site_outputs._png_width(png) // site_outputs.PNG_SCALE


def test_map_geometry_read_by_relative_url_is_inlined_and_drawn(tmp_path: Path) -> None:
    spec, notebooks = square_map(tmp_path)
    inlined = site_outputs.inline_data(spec, notebooks)
    assert "url" not in inlined["data"] and inlined["data"]["values"]["features"][0]["properties"]["name"] == "Square"
    assert spec["data"]["url"] == "../data/shapes.json"  # the notebook's own spec is left alone
    site_outputs.render_chart(spec, base=notebooks, folder=tmp_path / "out", stem="map")
    svg = (tmp_path / "out" / "map.svg").read_text()
    assert 'fill="#0072B2"' in svg or 'fill="#0072b2"' in svg  # the square was drawn, not a blank map


def test_missing_geometry_or_description_is_an_error_not_a_blank_chart(tmp_path: Path) -> None:
    spec, notebooks = square_map(tmp_path)
    spec["data"]["url"] = "../data/missing.json"
    with pytest.raises(site_outputs.ChartError, match=r"missing\.json"):
        site_outputs.render_chart(spec, base=notebooks, folder=tmp_path, stem="x")
    with pytest.raises(site_outputs.ChartError, match="no text description"):
        site_outputs.render_chart(bar_spec(description=" "), base=tmp_path, folder=tmp_path, stem="y")
    remote = {**bar_spec(), "data": {"url": "https://example.org/x.json"}}
    with pytest.raises(site_outputs.ChartError, match="network"):
        site_outputs.render_chart(remote, base=tmp_path, folder=tmp_path, stem="z")


def test_vegalite_version_comes_from_the_schema() -> None:
    assert site_outputs.vegalite_version({"$schema": SCHEMA}) == "5.20"
    assert site_outputs.vegalite_version({}, "application/vnd.vegalite.v5+json") == "5.20"
    with pytest.raises(site_outputs.ChartError):
        site_outputs.vegalite_version({})


def chart_output(spec: dict) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"application/vnd.vegalite.v5+json": spec, "text/plain": "chart"})


def test_charts_to_images_replaces_every_chart_and_names_the_cell_on_error(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("c")])
    nb.cells[1].outputs = [chart_output(bar_spec()), nbformat.v4.new_output("stream", name="stdout", text="hi\n")]

    def render(spec: dict, *, stem: str, mimetype: str) -> site_outputs.ChartImage:
        return site_outputs.render_chart(spec, base=tmp_path, folder=tmp_path, stem=stem, mimetype=mimetype)

    assert site_outputs.charts_to_images(nb, render=render, stem="07", url_prefix="charts/") == 1
    html = nb.cells[1].outputs[0]["data"]["text/html"]
    assert '<img src="charts/07-001-0.svg" alt="Two bars:' in html
    assert nb.cells[1].outputs[1]["text"] == "hi\n" and site_outputs.leftovers(nb) == []
    nb.cells[1].outputs = [chart_output(bar_spec(description=""))]
    with pytest.raises(site_outputs.ChartError, match="07, cell 1"):
        site_outputs.charts_to_images(nb, render=render, stem="07", url_prefix="charts/")


def widget_output(model_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("execute_result", execution_count=1, data={
        site_outputs.WIDGET_VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0}, "text/plain": "VBox()"})


def test_explorer_shows_its_first_view_caption_selection_and_the_note() -> None:
    probe = nbformat.v4.new_code_cell(site_outputs.PROBE_SOURCE)
    info = {"id": "abc", "name": "01-map", "caption": "<em>Pick a month</em>", "shown": {"Month:": "May 2026"}}
    probe.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=site_outputs.PROBE_MARK + json.dumps(info) + "\n"),
        nbformat.v4.new_output("display_data", data={"text/markdown": "**first view**", "text/plain": "x"}),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("explorer"), nbformat.v4.new_code_cell("form"), probe])
    nb.cells[0].outputs = [widget_output("abc")]
    nb.cells[1].outputs = [widget_output("zzz")]
    site_outputs.attach_explorers(nb)
    assert len(nb.cells) == 2  # the probe cell is gone
    caption, view, note = nb.cells[0].outputs
    assert "Pick a month" in caption["data"]["text/html"]
    assert view["data"]["text/markdown"] == "**first view**"
    assert "Shown: Month: May 2026. " + site_outputs.EXPLORER_NOTE in note["data"]["text/html"]
    assert site_outputs.EXPLORER_NOTE == "This explorer moves in the live notebook (Binder or JupyterLab)."
    assert site_outputs.WIDGET_NOTE in nb.cells[1].outputs[0]["data"]["text/html"]
    assert site_outputs.leftovers(nb) == []


def test_probe_finds_a_real_explorer_first_view_in_a_kernel(tmp_path: Path) -> None:
    """Runs a tiny notebook with one explorer in a real kernel, as `make site` does (a few seconds)."""
    path = tmp_path / "explorer.ipynb"
    setup = f"import sys; sys.path.insert(0, {str(REPO_ROOT)!r})\nimport helpers; helpers.setup()"
    make = (
        "from IPython.display import Markdown\nfrom helpers import widgets\n"
        "widgets.explorer(lambda county: Markdown(f'**{county} view**'), "
        "{'county': widgets.dropdown(['Anoka', 'Hennepin'], value='Hennepin', description='County')}, "
        "name='t-one', caption='Pick a county')"
    )
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(setup), nbformat.v4.new_code_cell(make)]), path)
    nb = site.execute(path)
    assert any(site_outputs.WIDGET_VIEW in o.get("data", {}) for o in nb.cells[1].outputs)
    site_outputs.attach_explorers(nb)
    texts = [json.dumps(o.get("data", {})) for o in nb.cells[1].outputs]
    assert any("**Hennepin view**" in t for t in texts)
    assert any("Shown: County: Hennepin. " in t and site_outputs.EXPLORER_NOTE in t for t in texts)
    assert site_outputs.leftovers(nb) == [] and len(nb.cells) == 2


def test_code_is_folded_and_widget_state_dropped() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("a"), nbformat.v4.new_code_cell("b"),
                                         nbformat.v4.new_markdown_cell("text")])
    nb.cells[1].metadata["tags"] = ["remove-cell"]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    site_outputs.fold_code(nb)
    assert nb.cells[0].metadata["tags"] == ["hide-input"]
    assert nb.cells[1].metadata["tags"] == ["remove-cell"]
    assert "tags" not in nb.cells[2].metadata and "widgets" not in nb.metadata


def test_toc_covers_every_notebook_the_glossary_the_data_dictionary_and_the_guide() -> None:
    entries = site.notebooks()
    assert [e.filename for e in entries] == [n.filename for n in series.NOTEBOOKS if n.available]
    assert {e.number for e in entries} >= {f"{i:02d}" for i in range(9)}
    guide = site.instructor_pages()
    toc = site.toc(entries, guide)
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    files += [s["file"] for part in toc["parts"] for c in part["chapters"] for s in c.get("sections", [])]
    for entry in entries:
        assert f"notebooks/{Path(entry.filename).stem}" in files
    assert "notebooks/glossary" in files and "data/README" in files
    assert {f"instructor/{p.stem}" for p in (REPO_ROOT / "instructor").glob("*.md")} <= set(files)
    guide_part = next(p for p in toc["parts"] if p["caption"] == "Instructor guide")
    assert guide_part["chapters"][0]["file"] == "instructor/README"
    assert guide[0] == "README" and guide[-1][:2].isdigit()
    table = site.notebook_table(entries)
    assert all(f"(notebooks/{e.filename})" in table for e in entries)


def test_config_template_is_offline_and_carries_the_licence_footer() -> None:
    config = yaml.safe_load((REPO_ROOT / "site" / "_config.yml").read_text())
    assert config["execute"]["execute_notebooks"] == "off"
    assert "dollarmath" not in config["parse"]["myst_enable_extensions"]  # "$77 … $2.5M" is money
    assert config["launch_buttons"]["thebe"] is False and not config["launch_buttons"]["binderhub_url"]
    assert config["sphinx"]["config"]["nb_ipywidgets_js"] == {}
    assert ("Notebook text and guide: CC BY 4.0; code: MIT; data: each table's own licence (The Washington "
            "Post's 287(g) list: CC BY-NC-SA 4.0, non-commercial)") in config["html"]["extra_footer"]
    assert "{{ notebook_table }}" in (REPO_ROOT / "site" / "index.md").read_text()


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_link_checker_catches_broken_links_anchors_and_network_assets(tmp_path: Path) -> None:
    write(tmp_path / "index.html", (
        '<a href="notebooks/a.html#ok">fine</a> <a href="notebooks/a.html#gone">bad anchor</a>'
        '<a href="notebooks/missing.html">missing</a> <a href="https://example.org">outside link, fine</a>'
        '<a href="#top">same page</a><h1 id="top">t</h1> <a href="notebooks/">folder</a>'
        '<script src="https://cdn.example.org/x.js"></script> <img src="notebooks/charts/c.svg" alt="c">'
        '<a href="mailto:x@example.org">mail</a>'))
    write(tmp_path / "notebooks" / "a.html", '<h2 id="ok">ok</h2><a name="old"></a><img src="charts/gone.svg" alt="g">')
    write(tmp_path / "notebooks" / "index.html", '<a href="a.html#old">named anchor</a>')
    write(tmp_path / "notebooks" / "charts" / "c.svg", "<svg></svg>")
    write(tmp_path / "_static" / "macros.html", "<a href=\"{{ pathto('x') }}\">template</a>")
    found = {(p.page, p.target, p.why.split(" ")[0]) for p in site_links.check_site(tmp_path)}
    assert found == {
        ("index.html", "notebooks/a.html#gone", "no"),
        ("index.html", "notebooks/missing.html", "no"),
        ("index.html", "https://cdn.example.org/x.js", "loads"),
        ("notebooks/a.html", "charts/gone.svg", "no"),
    }
    assert site_links.check_site(tmp_path / "nothing")[0].why == "no HTML pages found"


def test_explicit_anchor_above_a_heading_becomes_its_slug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "glossary.md"
    page.write_text('<a id="attorney-general-opinion"></a>\n### attorney general\'s opinion\nText.\n\n'
                    '<a id="detainer"></a>\n### detainer\nText.\n\n### *plain* heading\n')
    assert site_anchors.explicit_anchors(page.read_text()) == {
        "attorney general's opinion": "attorney-general-opinion", "detainer": "detainer"}
    written = site_anchors.write_anchors(tmp_path, [page])
    assert written == {"attorney general's opinion": "attorney-general-opinion"}  # only where MyST would differ
    monkeypatch.chdir(tmp_path)
    site_anchors._anchors.cache_clear()
    assert site_anchors.slug("attorney general's opinion") == "attorney-general-opinion"
    assert site_anchors.slug("plain heading") == "plain-heading"
    site_anchors._anchors.cache_clear()
