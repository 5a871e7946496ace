"""Explorers: a control or two, and an output that redraws when they change.

The pattern keeps logic testable: a pure function computes the view from the selection (and
raises `NoData` with a plain message when the selection has nothing to show), and `explorer`
wires it to ipywidgets. The first view is drawn when the cell runs, so the notebook shows a
static default before anyone touches a control. Every explorer is registered so that
`make bench` can drive it and time its callbacks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as widgets
from IPython.display import Markdown, display

from .catalog import NoData

EXPLORERS: list[Explorer] = []


class Explorer(widgets.VBox):
    """Controls above an output area; `render(**values)` draws what the controls select."""

    def __init__(
        self, render: Callable[..., Any], controls: Mapping[str, widgets.ValueWidget], *, name: str, caption: str = ""
    ):
        self.render = render
        self.controls = dict(controls)
        self.name = name
        self.output = widgets.Output(layout=widgets.Layout(min_height="60px"))
        self.last_seconds: float | None = None
        self.current: Any = None  # what the output shows now (kept for tests and the benchmark)
        header = [widgets.HTML(f"<em>{caption}</em>")] if caption else []
        row = widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([*header, row, self.output])
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh(first=True)
        EXPLORERS.append(self)

    def values(self) -> dict[str, Any]:
        return {key: control.value for key, control in self.controls.items()}

    def _on_change(self, _change: Any) -> None:
        self.refresh()

    def refresh(self, first: bool = False) -> None:
        """Redraw. On the first draw errors propagate (so tests see them); later ones are shown politely."""
        started = time.perf_counter()
        try:
            result = self.render(**self.values())
            message = None
        except NoData as empty:
            result, message = None, f"**No data for this selection.** {empty}"
        except Exception as error:  # a reader's click must never end in a traceback
            if first:
                raise
            result = None
            message = (
                f"**Something went wrong drawing this view** ({type(error).__name__}: {error}). "
                "Try another selection, or run the cell again; if it keeps happening, please report it."
            )
        self.current = Markdown(message) if message else result
        with self.output:
            self.output.clear_output(wait=True)
            display(self.current)
        self.last_seconds = time.perf_counter() - started


def explorer(
    render: Callable[..., Any], controls: Mapping[str, widgets.ValueWidget], *, name: str, caption: str = ""
) -> Explorer:
    """Wire `render(**control values)` to the controls; see the module docstring."""
    return Explorer(render, controls, name=name, caption=caption)


def dropdown(options: Any, value: Any = None, description: str = "", width: str = "320px") -> widgets.Dropdown:
    """A labelled dropdown; `options` may be values or (label, value) pairs."""
    options = list(options)
    if value is None and options:
        first = options[0]
        value = first[1] if isinstance(first, tuple) else first
    return widgets.Dropdown(
        options=options,
        value=value,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=width),
    )


def selection_slider(options: list[Any], value: Any, description: str, width: str = "560px") -> widgets.SelectionSlider:
    """A slider over a list of values (dates, years), updating when the handle is released."""
    return widgets.SelectionSlider(
        options=options,
        value=value,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=width),
    )
