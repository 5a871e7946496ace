"""Explorers draw a default view at once, say clearly when a selection is empty, and never show a traceback."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from helpers import NoData
from helpers.widgets import explorer


def _render(choice: str) -> str:
    if choice == "empty":
        raise NoData("No agreements in this state on that date; pick another date.")
    if choice == "broken":
        raise ZeroDivisionError("division by zero")
    return f"view of {choice}"


def test_first_view_is_drawn_and_changes_with_the_control() -> None:
    control = widgets.Dropdown(options=["a", "b", "empty", "broken"], value="a")
    box = explorer(_render, {"choice": control}, name="toy")
    assert box.current == "view of a"
    control.value = "b"
    assert box.current == "view of b"
    assert box.last_seconds is not None  # recorded for make bench, which prints the figures


def test_empty_selection_shows_a_message() -> None:
    control = widgets.Dropdown(options=["a", "empty"], value="a")
    box = explorer(_render, {"choice": control}, name="toy")
    control.value = "empty"
    shown = box.current.data
    assert "No data for this selection" in shown and "pick another date" in shown


def test_unexpected_error_after_first_view_is_shown_politely() -> None:
    control = widgets.Dropdown(options=["a", "broken"], value="a")
    box = explorer(_render, {"choice": control}, name="toy")
    control.value = "broken"
    shown = box.current.data
    assert "Something went wrong" in shown and "ZeroDivisionError" in shown


def test_error_in_first_view_is_raised_so_tests_see_it() -> None:
    control = widgets.Dropdown(options=["broken"], value="broken")
    with pytest.raises(ZeroDivisionError):
        explorer(_render, {"choice": control}, name="toy")


# --- Bad inputs answered clearly (see tests/test_bad_inputs.py for the census) ---------------------


def test_a_value_that_is_not_an_option_lists_the_options() -> None:
    from helpers.widgets import dropdown, selection_slider

    with pytest.raises(ValueError, match=r"str 'Hennepn' is not one of the options.*'Hennepin'"):
        dropdown(["Hennepin", "Ramsey"], value="Hennepn")
    with pytest.raises(ValueError, match="2030"):
        selection_slider([2024, 2025], value=2030, description="Year")
    assert dropdown([("Before", "before"), ("After", "after")], value="after").value == "after"


@pytest.mark.parametrize(("options", "named"), [("abc", "str 'abc'"), (None, "NoneType"), ([], "empty")])
def test_options_must_be_a_list_with_something_in_it(options, named) -> None:
    from helpers.widgets import dropdown

    with pytest.raises((TypeError, ValueError), match=named):
        dropdown(options)


def test_explorer_wiring_slips_say_what_to_give() -> None:
    control = widgets.Dropdown(options=["a", "b"], value="a")
    with pytest.raises(TypeError, match="render function"):
        explorer("_render", {"choice": control}, name="toy")
    with pytest.raises(TypeError, match=r"render takes \['choice'\] but the controls are named \['county'\]"):
        explorer(_render, {"county": control}, name="toy")
    with pytest.raises(TypeError, match="not a control"):
        explorer(_render, {"choice": "a"}, name="toy")
    with pytest.raises(ValueError, match="name like '04-arrests'"):
        explorer(_render, {"choice": control}, name="")


# --- One update per change, and what each chart carries to the page -------------------------------


class _TwoParts:
    """A sentence and a chart shown as one view (like the evidence explorer's View)."""

    def __init__(self, choice: str):
        self.choice = choice

    def _ipython_display_(self) -> None:
        from IPython.display import Markdown, display

        display(Markdown(f"Sentence about {self.choice}."))
        display(_chart(self.choice))


def _chart(choice: str):
    from helpers.render import SpecChart

    return SpecChart({"title": f"Chart of {choice}", "description": f"Dots for {choice}.", "mark": "point",
                      "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}})


@pytest.fixture
def shell():
    """An IPython shell, so that display() gives rich outputs as in a kernel (removed afterwards)."""
    from IPython.core.interactiveshell import InteractiveShell

    yield InteractiveShell.instance()
    InteractiveShell.clear_instance()


def test_a_change_replaces_sentence_and_chart_in_one_update(shell) -> None:
    from helpers import charts

    charts.enable()
    control = widgets.Dropdown(options=["a", "b"], value="a")
    box = explorer(_TwoParts, {"choice": control}, name="toy-two-parts")
    updates: list[tuple] = []
    box.output.observe(lambda change: updates.append(change["new"]), names="outputs")
    control.value = "b"
    assert len(updates) == 1, "the sentence and the chart must reach the page together, in one update"
    outputs = updates[0]
    assert [o["output_type"] for o in outputs] == ["display_data", "display_data"]
    assert outputs[0]["data"]["text/markdown"] == "Sentence about b."
    assert outputs[1]["data"]["application/vnd.vegalite.v5+json"]["title"] == "Chart of b"
    assert "series-explorer" in box._dom_classes and "series-explorer:toy-two-parts" in box._dom_classes


def test_a_chart_is_drawn_as_svg_named_by_its_description_and_drawn_once() -> None:
    from helpers.render import PLACEHOLDER_PNG, series_renderer

    spec = _chart("b").to_dict()
    bundle, metadata = series_renderer(spec)
    embed = metadata["application/vnd.vegalite.v5+json"]["embed_options"]
    assert embed["renderer"] == "svg" and embed["actions"] is False  # named by its description; no unnamed "…" menu
    assert embed["config"] == {"mark": {"aria": False}}  # data marks hidden from screen readers
    assert bundle["image/png"] == PLACEHOLDER_PNG  # Lab's Vega then stores no PNG of its own, so draws once
    assert metadata["image/png"]["alt"] == "Dots for b."  # what nbconvert shows a reader without JavaScript
    assert bundle["text/plain"] == "Chart: Chart of b. Dots for b."
    assert series_renderer(spec, embed_options={"actions": True})[1]["application/vnd.vegalite.v5+json"][
        "embed_options"]["actions"] is True
