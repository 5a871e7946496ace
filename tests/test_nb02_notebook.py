"""Notebook 02 against notebook 01: one rule for dating a re-dated 287(g) agreement, worded the same way."""

from __future__ import annotations

import re

import nbformat

from helpers.paths import NOTEBOOKS_DIR

RULE = "the earliest sheet that lists it or any of its copies"


def _markdown(name: str) -> str:
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return " ".join(re.sub(r"[*_]", "", text).split())


def test_first_seen_rule_is_worded_as_in_notebook_01() -> None:
    assert RULE in _markdown("01_nationwide_response.ipynb")
    assert RULE in _markdown("02_minnesota_in_context.ipynb")


def test_the_newspaper_count_is_compared_by_the_in_force_rule() -> None:
    nb = nbformat.read(NOTEBOOKS_DIR / "02_minnesota_in_context.ipynb", as_version=4)
    news = next(c.source for c in nb.cells if c.cell_type == "code" and "mn_287g_counties_2025_11" in c.source)
    assert "first_seen <= news_day" in news and "last_seen >= news_day" in news
