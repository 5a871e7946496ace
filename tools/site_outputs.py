"""Turn an executed notebook into one that a static site shows in full, without a kernel or a network.

Jupyter Book 1 cannot draw the Vega-Lite mimetype that the series' charts use, and ipywidgets need a
live kernel, so a page built from the executed notebook as it is would have blank charts and empty
explorers. This module rewrites the executed copy (never the notebook in `notebooks/`):

- each chart becomes an image made offline with the pinned vl-convert (SVG; PNG for a chart whose SVG
  would be heavy, such as a county map), with the chart's text description as the image's alt text;
- each explorer shows the first view it drew, its caption and default selection, and a note that it
  moves in the live notebook; any other widget (a form) gets a note saying where it works;
- every code cell is tagged `hide-input`, so the code is folded and shows on click.

The functions are pure (spec in, files and outputs out) so that the tests can run them on made-up specs.
"""

from __future__ import annotations

import html
import json
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

VEGALITE = re.compile(r"^application/vnd\.vegalite\.v(\d+)\+json$")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXPLORER_NOTE = "This explorer moves in the live notebook (Binder or JupyterLab)."
WIDGET_NOTE = "This form works in the live notebook (Binder or JupyterLab)."
PROBE_MARK = "@@series-site-explorer "
SVG_LIMIT = 400_000  # bytes: above this (a county map is ~1.9 MB as SVG) the chart is written as a PNG
PNG_SCALE = 2  # sharp on screens and in print; shown at half its pixel size
FOLD_TAG = "hide-input"
KEEP_TAGS = {"remove-input", "remove-cell", "hide-cell", FOLD_TAG}

# Run as the last cell of an executed copy: prints, for every explorer, its widget id, caption and
# default selection, then displays the first view it drew (Explorer.current). The outputs between two
# marks belong to one explorer; `attach_explorers` moves them to the explorer's own cell.
PROBE_SOURCE = f"""
import json as _json
from IPython.display import display as _display
from ipywidgets.widgets.widget import _instances as _widgets
from helpers.widgets import Explorer as _Explorer
for _id, _w in list(_widgets.items()):
    if isinstance(_w, _Explorer):
        _head = _w.children[0] if _w.children and hasattr(_w.children[0], "value") and "<em>" in str(_w.children[0].value) else None
        _shown = {{(getattr(c, "description", "") or k): str(getattr(c, "label", None) or c.value) for k, c in _w.controls.items()}}
        print({PROBE_MARK!r} + _json.dumps({{"id": _id, "name": _w.name, "caption": _head.value if _head else "", "shown": _shown}}), flush=True)
        _display(_w.current)
"""


class ChartError(RuntimeError):
    """A chart could not be turned into an image; the message names the notebook cell."""


@dataclass(frozen=True)
class ChartImage:
    """A chart written to disk: its file name, its alt text and the width to show it at (CSS pixels)."""

    filename: str
    alt: str
    width: int | None

    def html(self, url_prefix: str) -> str:
        width = f' width="{self.width}"' if self.width else ""
        return (
            f'<figure class="series-chart"><img src="{html.escape(url_prefix + self.filename)}" '
            f'alt="{html.escape(self.alt, quote=True)}"{width}></figure>'
        )


def inline_data(spec: Any, base: Path) -> Any:
    """A copy of the spec with every relative data URL replaced by the file's content.

    vl-convert cannot read local files (a relative URL is resolved against a remote base, a file URL
    gives a blank map), so map geometry referenced as `../data/...json` is put into the spec itself.
    """
    if isinstance(spec, dict):
        url = spec.get("url")
        if isinstance(url, str) and not re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
            path = (base / url).resolve()
            if not path.is_file():
                raise ChartError(f"A chart reads {url!r}, which is not a file next to the notebooks.")
            values = json.loads(path.read_text(encoding="utf-8"))
            spec = {**{k: v for k, v in spec.items() if k != "url"}, "values": values}
        return {key: inline_data(value, base) for key, value in spec.items()}
    if isinstance(spec, list):
        return [inline_data(item, base) for item in spec]
    return spec


def remote_urls(spec: Any) -> list[str]:
    """Data URLs left in a spec that would need a network (after `inline_data` there must be none)."""
    found: list[str] = []
    if isinstance(spec, dict):
        if isinstance(spec.get("url"), str):
            found.append(spec["url"])
        for value in spec.values():
            found += remote_urls(value)
    elif isinstance(spec, list):
        for item in spec:
            found += remote_urls(item)
    return found


def vegalite_version(spec: dict[str, Any], mimetype: str = "") -> str:
    """The Vega-Lite version ("5.20") that the spec's $schema names, for vl-convert."""
    match = re.search(r"/v(\d+)\.(\d+)(?:\.\d+)?\.json", str(spec.get("$schema", "")))
    if match:
        return f"{match[1]}.{match[2]}"
    major = VEGALITE.match(mimetype)
    if major:
        return {"5": "5.20", "6": "6.4"}.get(major[1], f"{major[1]}.0")
    raise ChartError("The chart names no Vega-Lite version ($schema).")


def alt_text(spec: dict[str, Any]) -> str:
    """The chart's text description, which becomes the image's alt text (the series' renderer requires it)."""
    description = " ".join(str(spec.get("description") or "").split())
    if not description:
        raise ChartError("A chart has no text description, so its image would have no alt text.")
    return description


def _svg_width(svg: str) -> int | None:
    match = re.search(r'<svg[^>]*?\swidth="([\d.]+)', svg)
    return round(float(match[1])) if match else None


def _png_width(png: bytes) -> int | None:
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">I", png[16:20])[0]


def render_chart(spec: dict[str, Any], *, base: Path, folder: Path, stem: str, mimetype: str = "") -> ChartImage:
    """Write the chart as `stem.svg` (or `stem.png` when the SVG is heavy) into folder; return the image."""
    import vl_convert as vlc

    alt = alt_text(spec)
    full = inline_data(spec, base)
    left = remote_urls(full)
    if left:
        raise ChartError(f"The chart loads {left[0]!r} from the network; the static site must not.")
    version = vegalite_version(spec, mimetype)
    folder.mkdir(parents=True, exist_ok=True)
    svg = vlc.vegalite_to_svg(full, vl_version=version)
    if len(svg.encode("utf-8")) <= SVG_LIMIT:
        (folder / f"{stem}.svg").write_text(svg, encoding="utf-8")
        return ChartImage(f"{stem}.svg", alt, _svg_width(svg))
    png = vlc.vegalite_to_png(full, vl_version=version, scale=PNG_SCALE)
    (folder / f"{stem}.png").write_bytes(png)
    pixels = _png_width(png)
    return ChartImage(f"{stem}.png", alt, pixels // PNG_SCALE if pixels else None)


def html_output(markup: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/html": markup, "text/plain": re.sub(r"<[^>]+>", "", markup)})


def explorer_note(info: dict[str, Any]) -> str:
    """The sentence under an explorer's first view: the selection shown, then where it moves."""
    shown = "; ".join(f"{html.escape(str(k).rstrip(': '))}: {html.escape(str(v))}" for k, v in (info.get("shown") or {}).items())
    prefix = f"Shown: {shown}. " if shown else ""
    return f'<p class="series-explorer-note">{prefix}{EXPLORER_NOTE}</p>'


def split_probe(outputs: Iterable[dict[str, Any]]) -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Group the probe cell's outputs by explorer: widget id -> (its details, the outputs of its first view)."""
    groups: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    current: list[dict[str, Any]] | None = None
    for output in outputs:
        if output.get("output_type") == "stream":
            rest: list[str] = []
            for line in str(output.get("text", "")).splitlines(keepends=True):
                if line.startswith(PROBE_MARK):
                    info = json.loads(line[len(PROBE_MARK):])
                    current = []
                    groups[info["id"]] = (info, current)
                else:
                    rest.append(line)
            if rest and current is not None and "".join(rest).strip():
                current.append(nbformat.v4.new_output("stream", name=output.get("name", "stdout"), text="".join(rest)))
            continue
        if current is not None:
            current.append(output)
    return groups


def attach_explorers(nb: nbformat.NotebookNode) -> None:
    """Replace each widget output with the explorer's first view and the note (or a note for a form).

    Expects the probe cell (PROBE_SOURCE) as the notebook's last cell, and removes it.
    """
    probe = nb.cells[-1] if nb.cells and nb.cells[-1].get("source", "").strip() == PROBE_SOURCE.strip() else None
    groups = split_probe(probe.outputs) if probe is not None else {}
    if probe is not None:
        nb.cells.pop()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                outputs.append(output)
                continue
            group = groups.get(view.get("model_id", ""))
            if group is None:
                outputs.append(html_output(f'<p class="series-explorer-note">{WIDGET_NOTE}</p>'))
                continue
            info, first_view = group
            if info.get("caption"):
                outputs.append(html_output(f'<p class="series-explorer-caption">{info["caption"]}</p>'))
            outputs += [nbformat.from_dict(o) for o in first_view]
            outputs.append(html_output(explorer_note(info)))
        cell.outputs = outputs


def charts_to_images(nb: nbformat.NotebookNode, *, render: Callable[..., ChartImage], stem: str, url_prefix: str) -> int:
    """Replace every Vega-Lite output with an <img> made by `render`; return how many were replaced."""
    count = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for k, output in enumerate(cell.outputs):
            data = output.get("data", {})
            mimetype = next((m for m in data if VEGALITE.match(m)), None)
            if mimetype is None:
                continue
            try:
                image = render(data[mimetype], stem=f"{stem}-{index:03d}-{k}", mimetype=mimetype)
            except ChartError as error:
                raise ChartError(f"{stem}, cell {index}: {error}") from error
            cell.outputs[k] = html_output(image.html(url_prefix))
            count += 1
    return count


def fold_code(nb: nbformat.NotebookNode) -> None:
    """Tag every code cell `hide-input` (folded, shows on click) unless it already says how to show.

    Also drops saved widget state: with it, the page would load the widget manager from a CDN.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = list(cell.metadata.get("tags", []))
        if not KEEP_TAGS & set(tags):
            tags.append(FOLD_TAG)
        cell.metadata["tags"] = tags


def leftovers(nb: nbformat.NotebookNode) -> list[str]:
    """Outputs a static page cannot show: Vega-Lite or widget mimetypes still present."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            for mimetype in output.get("data", {}):
                if VEGALITE.match(mimetype) or mimetype == WIDGET_VIEW:
                    found.append(f"cell {index}: {mimetype}")
    return found
