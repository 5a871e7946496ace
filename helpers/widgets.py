"""Explorers: a control or two, and an output that redraws when they change.

The pattern keeps logic testable: a pure function computes the view from the selection (and
raises `NoData` with a plain message when the selection has nothing to show), and `explorer`
wires it to ipywidgets. The first view is drawn when the cell runs, so the notebook shows a
static default before anyone touches a control. Every explorer is registered so that
`make bench` can drive it and time its callbacks.
"""

from __future__ import annotations

import difflib
import inspect
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as widgets
from IPython.display import Markdown, display
from IPython.utils.capture import capture_output

from .inputs import NoData
from .inputs import shown as _shown

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
        self.output.add_class("series-explorer-output")
        self.last_seconds: float | None = None
        self.current: Any = None  # what the output shows now (kept for tests and the benchmark)
        header = [widgets.HTML(f"<em>{caption}</em>")] if caption else []
        row = widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([*header, row, self.output])
        self.add_class("series-explorer")  # found by the browser test and make bench-browser, with its name:
        self.add_class("series-explorer:" + "-".join(name.split()))
        for control in self.controls.values():
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh(first=True)
        EXPLORERS.append(self)

    def refresh(self, first: bool = False) -> None:
        """Redraw. On the first draw errors propagate (so tests see them); later ones are shown politely."""
        started = time.perf_counter()
        try:
            result = self.render(**{key: control.value for key, control in self.controls.items()})
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
        self.output.outputs = _outputs(self.current)
        self.last_seconds = time.perf_counter() - started


def _outputs(shown: Any) -> tuple[dict[str, Any], ...]:
    """What displaying `shown` prints, as output records, so that the view is replaced in one update.

    Displaying into the output sends one message per part (a sentence, then a chart): the first one
    clears the old view, so the page showed the sentence alone, and the area collapsed, until the chart came.
    """
    with capture_output() as captured:
        display(shown)
    streams = [("stdout", captured.stdout), ("stderr", captured.stderr)]
    text = [{"output_type": "stream", "name": name, "text": t} for name, t in streams if t]
    return (*text, *({"output_type": "display_data", "data": o.data, "metadata": o.metadata} for o in captured.outputs))


def explorer(
    render: Callable[..., Any], controls: Mapping[str, widgets.ValueWidget], *, name: str, caption: str = ""
) -> Explorer:
    """Wire `render(**control values)` to the controls; see the module docstring.

    A slip in wiring (render not a function, a control that is not a widget, controls named unlike
    render's parameters, no name) raises a TypeError or ValueError that says what to give instead.
    """
    _check_wiring(render, controls, name, caption)
    return Explorer(render, controls, name=name, caption=caption or "")


def _check_wiring(render: Any, controls: Any, name: Any, caption: Any) -> None:
    example = "{'county': widgets.dropdown(counties)}"
    if not callable(render):
        raise TypeError("explorer() needs a render function that takes the controls' values and returns what to "
                        f"show; give it the function itself (no quotes, no brackets), not {_shown(render)}.")
    if not isinstance(controls, Mapping):
        raise TypeError(f"controls is a dict of named controls, like {example}; it was given {_shown(controls)}.")
    if not controls:
        raise ValueError(f"explorer() needs at least one control, but the dict of controls is empty ({{}}); "
                         f"give one like {example}.")
    for key, control in controls.items():
        if not isinstance(control, widgets.ValueWidget):
            raise TypeError(f"Control {key!r} is {_shown(control)}, not a control; use "
                            "widgets.dropdown(...) or widgets.selection_slider(...) to make one.")
    try:
        inspect.signature(render).bind(**dict.fromkeys(controls))
    except TypeError:
        wanted = list(inspect.signature(render).parameters)
        raise TypeError(f"render takes {wanted} but the controls are named {list(controls)}; name each control "
                        "after a parameter of render.") from None
    except ValueError:  # a callable without a signature: its first draw will tell
        pass
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"Give the explorer a name like '04-arrests' (notebook number, then what it explores); "
                         f"it was given {_shown(name)}.")
    if caption is not None and not isinstance(caption, str):
        raise TypeError(f"caption is shown above the controls: give a sentence of text (or leave it out), "
                        f"not {_shown(caption)}.")


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # an array compared with a value: not the same
        return False


def _options(options: Any, value: Any, fn: str) -> tuple[list[Any], Any]:
    """The options as a list and the chosen value (the first option's when none is given), checked.

    A string, a number or nothing is not a list of options; an empty list has nothing to choose; a
    value that is not among the options raises a ValueError listing them (ipywidgets would say only
    "Invalid selection: value not found").
    """
    if isinstance(options, str) or not isinstance(options, Iterable):
        raise TypeError(f"{fn}() needs a list of options, like ['Hennepin', 'Ramsey'] or [('Label', value)]; "
                        f"it was given {_shown(options)}.")
    options = list(options.items()) if isinstance(options, Mapping) else list(options)
    if not options:
        raise ValueError(f"{fn}() needs at least one option, but the list of options is empty ([]); build it "
                         "from the data, e.g. sorted(df['county_name'].unique()).")
    values = [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options]
    if value is None:
        return options, values[0]
    if not any(_same(value, v) for v in values):
        shown = [repr(v) for v in values]
        close = difflib.get_close_matches(repr(value), shown, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        listed = ", ".join(shown[:12]) + (" …" if len(shown) > 12 else "")
        raise ValueError(f"{_shown(value)} is not one of the options.{hint} Choose one of: {listed}.")
    return options, value


def _control(kind: type, fn: str, options: Any, value: Any, description: Any, width: str, **extra: Any) -> Any:
    """A control of `kind` over the checked options, its label in full (not cut to ipywidgets' default width)."""
    options, value = _options(options, value, fn)
    if description is not None and not isinstance(description, str):
        raise TypeError(f"description is the control's label, text like 'County'; it was given {_shown(description)}.")
    return kind(options=options, value=value, description=description or "", style={"description_width": "initial"},
                layout=widgets.Layout(width=width, max_width="100%"), **extra)  # narrower in a narrow window


def dropdown(options: Any, value: Any = None, description: str = "", width: str = "320px") -> widgets.Dropdown:
    """A labelled dropdown; `options` may be values or (label, value) pairs."""
    return _control(widgets.Dropdown, "dropdown", options, value, description, width)


def selection_slider(options: list[Any], value: Any, description: str, width: str = "560px") -> widgets.SelectionSlider:
    """A slider over a list of values (dates, years), updating when the handle is released."""
    return _control(widgets.SelectionSlider, "selection_slider", options, value, description, width,
                    continuous_update=False)
