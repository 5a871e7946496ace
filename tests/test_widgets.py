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
