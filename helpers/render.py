"""How a chart reaches the page: checked for a title and a description, then handed to JupyterLab.

Every chart a notebook displays passes through `series_renderer` (Altair charts) or `SpecChart`
(the filled templates explorers redraw), so the rule that a chart states its point and describes
itself in words holds for charts made with plain Altair too. The renderer hands the spec to Lab's own
bundled Vega, which works offline, with two additions to the output:

- embed options in its metadata, which Lab's Vega reads: the SVG renderer, so the description names
  the chart (`aria-label`; a canvas has no accessible name), and no unnamed "…" actions menu;
- a 1×1 placeholder PNG. Lab's Vega, after drawing a chart, stores a PNG of it in the output unless
  one is there, which makes Lab draw the chart again (an explorer's county map took about three times
  as long). A real image made in the kernel would cost 0.1–2 s per chart. A viewer without JavaScript (nbconvert, GitHub) shows the placeholder with the
  description as alt text; the plain-text part is title and description; the static site draws its
  own images (tools/site_outputs.py).
"""

from __future__ import annotations

import copy
from typing import Any

import altair as alt
from altair.vegalite.v5.display import mimetype_renderer


class UnlabelledChartError(ValueError):
    """A chart without a title, description or axis titles; the message says what to add."""


def _title_of(spec: dict[str, Any]) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title or "").strip()


def check_spec(spec: dict[str, Any]) -> None:
    """Refuse a chart spec that lacks a title or a text description (top level)."""
    missing = [
        what
        for what, ok in (("a title", _title_of(spec)), ("a description", str(spec.get("description") or "").strip()))
        if not ok
    ]
    if missing:
        raise UnlabelledChartError(
            f"This chart has no {' and no '.join(m.split(' ', 1)[1] for m in missing)}. Every chart of the series "
            "states its point in a title and describes itself in words for screen readers: build it with "
            "helpers.charts.finish(chart, title=..., description=...)."
        )


# Data marks are hidden from screen readers (Vega would expose each mark container without a name, axe's
# svg-img-alt); the chart's description names the whole chart, and the sentence under it says the rest.
EMBED_OPTIONS = {"renderer": "svg", "actions": False, "config": {"mark": {"aria": False}}}
PLACEHOLDER_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="


def series_renderer(spec: dict[str, Any], **metadata: Any) -> Any:
    """Altair renderer: check the chart, then hand the spec to JupyterLab's bundled Vega (works offline)."""
    check_spec(spec)
    embed = {**EMBED_OPTIONS, **metadata.pop("embed_options", {})}
    bundle, meta = mimetype_renderer(spec, embed_options=embed, **metadata)
    description = str(spec["description"]).strip()
    bundle["text/plain"] = f"Chart: {_title_of(spec)}. {description}"
    bundle["image/png"] = PLACEHOLDER_PNG
    meta["image/png"] = {"alt": description, "width": 1, "height": 1}
    return bundle, meta


class SpecChart:
    """A finished Vega-Lite spec that displays like an Altair chart, for explorers that redraw fast.

    Altair validates every new chart against the Vega-Lite schema (tens of milliseconds for a county
    map, a few hundred for a faceted chart), which alone would use up an explorer callback's time
    budget. Explorers therefore build a chart once, keep its dict as a template, and wrap each filled
    copy in a `SpecChart`. Displaying one checks its title and description (`check_spec`, whatever
    renderer is active) and then hands the spec to the active Altair renderer, exactly as an Altair
    chart would be shown. `to_dict()` returns a deep copy, so a caller can change it freely.
    """

    def __init__(self, spec: dict[str, Any]):
        self.spec = spec

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.spec)

    @property
    def title(self) -> str:
        """The title's text ('' if none)."""
        return _title_of(self.spec)

    @property
    def description(self) -> str:
        return str(self.spec.get("description", "") or "")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        check_spec(self.spec)
        return alt.renderers.get()(self.spec)
