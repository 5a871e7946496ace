"""Notebook 04 keeps its analysis in cells and handles sensitive content and agency statements as the series requires.

These read the notebook as committed (no execution; nbval runs it): what it imports, how its explorers
handle an empty selection, that every mention of a death sits next to a link to the teaching notes, that
agency statements come from the fact sheet's AGENCY STATEMENT items, and that the instructor page covers
the explain and discussion questions.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR, REPO_ROOT

NOTEBOOK = NOTEBOOKS_DIR / "04_minnesota_surge.ipynb"
INSTRUCTOR = REPO_ROOT / "instructor" / "04_minnesota_surge.md"
SENSITIVE_LINK = "../instructor/sensitive_content.md"
OLD_MODULES = ("enforcement_pipeline", "pipeline_context", "pipeline_minnesota", "pipeline_national", "pipeline_stpaul")


@pytest.fixture(scope="module")
def nb() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def _code(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_no_pipeline_module_is_imported(nb) -> None:
    code = "\n".join(c.source for c in _code(nb))
    found = [m for m in OLD_MODULES if re.search(rf"\b{m}\b", code)]
    assert not found, f"04 computes in its own cells; it must not use {found}"
    module = (REPO_ROOT / "helpers" / "questions" / "nb04.py").read_text(encoding="utf-8")
    assert not any(m in module for m in OLD_MODULES)


def test_each_explorer_has_a_render_function_that_says_when_a_selection_is_empty(nb) -> None:
    cells = [c for c in _code(nb) if "widgets.explorer(" in c.source]
    assert 1 <= len(cells) <= 3
    for cell in cells:
        assert "nbval-ignore-output" in cell.metadata.get("tags", [])
        render = re.search(r"widgets\.explorer\(\s*(\w+)", cell.source).group(1)
        definition = next(c.source for c in _code(nb) if f"def {render}(" in c.source)
        assert "raise NoData(" in definition, f"{render} must raise NoData with a plain message"


def test_every_mention_of_a_death_sits_next_to_the_teaching_notes(nb) -> None:
    cells = nb.cells
    mentions = [i for i, c in enumerate(cells) if re.search(r"\b(killed|died|death)\b", c.source, re.I)]
    assert mentions, "the surge's deaths are part of its record; the notebook mentions them with context"
    for i in mentions:
        nearby = " ".join(c.source for c in cells[max(0, i - 1) : i + 2] if c.cell_type == "markdown")
        assert SENSITIVE_LINK in nearby, f"cell {cells[i].id} mentions a death without the link to {SENSITIVE_LINK}"


def test_a_reader_can_skip_each_note_on_harm_without_losing_the_lesson(nb) -> None:
    """Cells that report a death define nothing a later cell uses, print no fact's full statement, and follow
    a Markdown note that says it may be skipped."""
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or not re.search(r"\b(killed|died)\b", cell.source, re.I):
            continue
        assert ".statement" not in cell.source and ".quote(" not in cell.source, "no detail beyond date and label"
        note = next(c.source for c in reversed(cells[:i]) if c.cell_type == "markdown")
        assert "you may skip it" in note and SENSITIVE_LINK in note
        defined = set(re.findall(r"^(\w+)(?:\s*,\s*\w+)*\s*=", cell.source, re.M))
        defined |= {name for line in re.findall(r"^([\w ,]+)=", cell.source, re.M) for name in re.findall(r"\w+", line)}
        later = "\n".join(c.source for c in cells[i + 1 :] if c.cell_type == "code")
        used = sorted(name for name in defined if re.search(rf"\b{name}\b", later))
        assert not used, f"cell {cell.id} defines {used}, which later cells use: a reader who skips it would break them"


def test_facility_explorer_shows_ice_spelling_beside_a_plain_name(nb) -> None:
    code = "\n".join(c.source for c in _code(nb))
    assert "PLAIN = {" in code and '"MINN.C.F.,ST.CLOUD"' in code
    cell = next(c.source for c in _code(nb) if "04-detainer-shares" in c.source)
    assert "PLAIN[f]" in cell and "({f})" in cell, "the dropdown shows the plain name and ICE's spelling"


def test_agency_statements_come_from_the_fact_sheet_in_their_own_words(nb) -> None:
    code = "\n".join(c.source for c in _code(nb))
    for item in ("p2-A2", "p2-A7", "p2-A8"):
        assert f'"{item}"' in code
    cell = next(c.source for c in _code(nb) if '"p2-A7"' in c.source and "say(" in c.source)
    assert "quote_text" in cell and "agency_statement" in cell and "label" in cell


def test_key_terms_reuse_the_detainer_anchor_defined_once() -> None:
    glossary = (NOTEBOOKS_DIR / "glossary.md").read_text(encoding="utf-8")
    anchors = re.findall(r'<a id="([^"]+)"></a>', glossary)
    assert anchors.count("detainer") == 1
    duplicated = sorted({a for a in anchors if anchors.count(a) > 1})
    assert not duplicated, f"glossary anchors defined twice: {duplicated}"


def test_instructor_page_covers_each_explain_and_discussion_question(nb) -> None:
    page = INSTRUCTOR.read_text(encoding="utf-8")
    for tag in ("exercise-explain", "discussion"):
        for cell in nb.cells:
            if tag in cell.metadata.get("tags", []):
                number = re.match(r"\*\*Question (\d+)", cell.source).group(1)
                assert f"## Question {number}" in page, f"instructor page needs a section for question {number}"
    assert "Rubric" in page and "Model answer" in page and "Facilitation notes" in page
    assert "sensitive_content.md" in page
