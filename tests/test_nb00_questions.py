"""Notebook 00 and the template: their question modules match the check() calls of their notebooks.

A question that no cell checks, or a check() whose id has no question, is a broken exercise. Expected
answers are computed from data/ by pandas a student could write; these tests check that they compute,
that they are accepted, and that a wrong answer earns a hint, without restating data values.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers import catalog, checks
from helpers.paths import NOTEBOOKS_DIR
from helpers.questions import nb00, template

CASES = [("00_start_here.ipynb", nb00), ("_template.ipynb", template)]


def _checked_ids(filename: str) -> list[str]:
    nb = nbformat.read(NOTEBOOKS_DIR / filename, as_version=4)
    return [m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'check\(\s*"([^"]+)"', c.source)]


@pytest.mark.parametrize(("filename", "module"), CASES, ids=[c[0] for c in CASES])
def test_every_question_is_checked_once_and_every_check_has_a_question(filename: str, module) -> None:
    used = _checked_ids(filename)
    defined = [q.qid for q in module.QUESTIONS]
    assert sorted(used) == sorted(defined)
    assert len(set(used)) == len(used)


@pytest.mark.parametrize(("filename", "module"), CASES, ids=[c[0] for c in CASES])
def test_each_question_accepts_its_answer_and_hints_at_a_wrong_one(filename: str, module, monkeypatch) -> None:
    questions = {q.qid: q for q in module.QUESTIONS}
    monkeypatch.setattr(checks, "_REGISTRY", questions)
    monkeypatch.setattr(checks, "_ATTEMPTS", {})
    wrong = {"number": -1, "choice": "z", "text": "Atlantis"}
    for qid, q in questions.items():
        answer = q.answer()
        right = answer[0] if isinstance(answer, tuple) else answer
        assert checks.check(qid, right), qid
        feedback = checks.check(qid, wrong[q.kind])
        assert not feedback and feedback.detail.startswith("Hint 1 of"), qid


@pytest.mark.parametrize("module", [nb00, template], ids=["nb00", "template"])
def test_model_letters_cover_every_model_in_the_data(module) -> None:
    models = set(catalog.load("agreements_287g_by_model")["model"])
    assert set(module.MODEL_LETTERS) == models
    assert sorted(module.MODEL_LETTERS.values()) == ["a", "b", "c"]


def test_top_state_accepts_the_name_or_the_postal_code() -> None:
    q = next(q for q in nb00.QUESTIONS if q.qid == "00-top-state")
    name, abbr = q.answer()
    assert len(abbr) == 2 and abbr.isupper() and len(name) > 2
    assert checks._compare(q, name.lower())[0] and checks._compare(q, abbr)[0]


def test_the_prediction_hint_points_at_the_chart_revealed_after_it() -> None:
    q = next(q for q in nb00.QUESTIONS if q.qid == "00-top-model-jan-2025")
    assert "chart" in q.hints[0]
    nb = nbformat.read(NOTEBOOKS_DIR / "00_start_here.ipynb", as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and q.qid in c.source)
    assert "charts.line_chart" in nb.cells[at + 1].source
    assert "exercise-predict" in nb.cells[at - 1].metadata.get("tags", [])


def test_question_modules_use_only_the_shared_kit() -> None:
    for module in (nb00, template):
        source = Path(module.__file__).read_text(encoding="utf-8")
        imports = re.findall(r"^from \.\.(\w+) import", source, flags=re.M)
        assert set(imports) <= {"catalog", "checks"}, imports
