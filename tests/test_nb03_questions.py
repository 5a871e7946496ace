"""Notebook 03's exercises: each check accepts the answer the notebook's pandas gives and teaches on a wrong one.

The expected values come from data/ (helpers/questions/nb03.py); these tests check that the checks work as a
student meets them, not the data's values (those are asserted in the data tests).
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import checks
from helpers.paths import NOTEBOOKS_DIR
from helpers.questions import nb03

NOTEBOOK = NOTEBOOKS_DIR / "03_from_arrest_to_deportation.ipynb"
QUESTIONS = {q.qid: q for q in nb03.QUESTIONS}
OLD_MODULES = ("enforcement_pipeline", "pipeline_context", "pipeline_minnesota", "pipeline_national", "pipeline_stpaul")


@pytest.fixture(autouse=True)
def _fresh_attempts() -> None:
    checks._ATTEMPTS.clear()


def _code(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def test_every_check_in_the_notebook_is_a_question_of_nb03_and_every_question_is_used() -> None:
    ids = set(re.findall(r'check\(\s*"([^"]+)"', _code(nbformat.read(NOTEBOOK, as_version=4))))
    assert ids == set(QUESTIONS)


def test_notebook_and_questions_no_longer_use_the_old_pipeline_modules() -> None:
    source = _code(nbformat.read(NOTEBOOK, as_version=4)) + (NOTEBOOKS_DIR.parent / "helpers/questions/nb03.py").read_text()
    for name in (*OLD_MODULES, "helpers.facts", "sources_markdown"):
        assert name not in source, f"notebook 03 still uses {name}"


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_the_expected_answer_is_accepted(qid: str) -> None:
    expected = QUESTIONS[qid].answer()
    answer = expected[0] if isinstance(expected, tuple) else expected
    assert checks.check(qid, answer).correct


def test_numbers_are_accepted_within_one_percent_and_refused_beyond() -> None:
    share = QUESTIONS["03-no-conviction-share"].answer()
    assert 0 < share < 100  # a percent, not a share between 0 and 1
    assert checks.check("03-no-conviction-share", round(share, 1))
    assert not checks.check("03-no-conviction-share", share / 100)  # a share instead of a percent
    assert not checks.check("03-no-conviction-share", share * 1.05)


def test_the_prediction_accepts_either_word_for_the_true_direction_and_refuses_the_other() -> None:
    accepted = QUESTIONS["03-predict-bookins"].answer()
    opposite = "fewer" if "more" in accepted else "more"
    assert checks.check("03-predict-bookins", accepted[0].upper())
    assert checks.check("03-predict-bookins", accepted[1])
    assert not checks.check("03-predict-bookins", opposite)


def test_a_wrong_answer_gets_a_hint_then_the_next_one() -> None:
    first = checks.check("03-superior", "a")
    second = checks.check("03-superior", "c")
    assert not first and "Hint 1 of 2" in first.detail and "Hint 2 of 2" in second.detail
    assert QUESTIONS["03-superior"].hints[1] in second.detail
    malformed = checks.check("03-mn-fy2025-adp", "about three hundred")
    assert not malformed and "number" in malformed.message
