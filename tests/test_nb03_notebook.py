"""Notebook 03 keeps its analysis in cells, quotes agency statements as the agency's, and redraws its explorer fast.

These read the notebook as committed (no execution; nbval runs it).
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import cite
from helpers.paths import NOTEBOOKS_DIR, REPO_ROOT

NOTEBOOK = NOTEBOOKS_DIR / "03_from_arrest_to_deportation.ipynb"
INSTRUCTOR = REPO_ROOT / "instructor" / "03_from_arrest_to_deportation.md"


@pytest.fixture(scope="module")
def nb() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def _code(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_explorer_refills_one_template_and_says_when_a_jail_has_no_yearly_figure(nb) -> None:
    cell = next(c for c in _code(nb) if "widgets.explorer(" in c.source)
    assert "nbval-ignore-output" in cell.metadata.get("tags", [])
    assert cell.source.count("raise NoData(") >= 2, "an unknown name and a jail without yearly figures each get a message"
    code = "\n".join(c.source for c in _code(nb))
    assert "charts.template(" in code and "charts.refill(" in code
    assert not re.search(r"for \w+ in per_jail\.columns", code), "charts are drawn on demand, not all up front"


def test_the_jail_list_is_not_ordered_by_any_printed_average(nb) -> None:
    cell = next(c for c in _code(nb) if "widgets.explorer(" in c.source)
    order = re.search(r"^order = .*$", cell.source, re.M)
    assert order and "adp" not in order.group(0), "a misprinted sheet must not move a jail up the list"


def test_agency_statements_come_from_the_fact_sheet_items_marked_as_such(nb) -> None:
    keys = set()
    for cell in _code(nb):
        if "Agency statement" in cell.source:
            assert "assert fact.agency_statement" in cell.source
            keys |= set(re.findall(r'"(p2-A\d+)"', cell.source))
    assert keys, "the case for jail transfers is quoted in the agency's words"
    assert all(cite.fact(key).agency_statement for key in keys)


def test_the_per_diem_estimate_is_labelled_as_an_estimate_from_a_news_report(nb) -> None:
    cell = next(c for c in _code(nb) if "per_diem" in c.source and "estimate" in c.source)
    assert "news report" in cell.source and "estimate" in cell.source and ".note()" in cell.source


def test_the_instructor_page_answers_the_explain_and_discussion_questions(nb) -> None:
    page = INSTRUCTOR.read_text(encoding="utf-8")
    tagged = [c for c in nb.cells if {"exercise-explain", "discussion"} & set(c.metadata.get("tags", []))]
    assert len(tagged) == 2
    for cell in tagged:
        number = re.match(r"\*\*Question (\d+)", cell.source).group(1)
        section = page.split(f"## Question {number}")[1].split("\n## ")[0]
        assert "Model answer" in section or "Prompts" in section
        assert "Facilitation" in section or "| Full |" in section
