"""Exercise checks: right answers are recognised, wrong ones earn staged hints, odd input never raises."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import checks
from helpers.checks import Question


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> dict[str, Question]:
    questions = {
        "t-num": Question("t-num", "number", lambda: 1843, ("Look at the last point.", "It is above 1,800."), "Yes.", example="1843"),
        "t-text": Question("t-text", "text", ("Hennepin", "Hennepin County"), ("Minneapolis is in it.",), "Yes."),
        "t-choice": Question("t-choice", "choice", "b", ("Think about detainers.",), "Yes."),
        "t-many": Question("t-many", "choices", ["a", "c"], ("Two are right.",), "Yes."),
        "t-cite": Question("t-cite", "text", "Novak et al.", ("Read the card.",), "Yes."),
        "t-size": Question("t-size", "number", -58.5, ("The drop.",), "Yes.", tolerance=0.01, size_only=True),
    }
    monkeypatch.setattr(checks, "_REGISTRY", questions)
    monkeypatch.setattr(checks, "_ATTEMPTS", {})
    return questions


def test_right_answers_in_several_forms(toy: dict) -> None:
    assert checks.check("t-num", 1843)
    assert checks.check("t-num", "1,843")
    assert checks.check("t-text", "hennepin county")
    assert checks.check("t-choice", "B")
    assert checks.check("t-choice", "(b)")
    assert checks.check("t-many", ["c", "a"])
    assert checks.check("t-cite", "novak et al") and checks.check("t-cite", "Novak  et. al.")
    assert not checks.check("t-cite", "Novak")
    assert checks.check("t-size", 58.5) and checks.check("t-size", "-58.5") and not checks.check("t-size", 85)


def test_wrong_answers_get_staged_hints(toy: dict) -> None:
    first = checks.check("t-num", 1500)
    second = checks.check("t-num", 1600)
    third = checks.check("t-num", 1700)
    assert not first and "Hint 1 of 2" in first.detail and "last point" in first.detail
    assert "Hint 2 of 2" in second.detail and "above 1,800" in second.detail
    assert "last hint" in third.detail


@pytest.mark.parametrize("answer", [..., None])
def test_placeholder_asks_for_an_answer(toy: dict, answer: object) -> None:
    feedback = checks.check("t-num", answer)
    assert not feedback and "Replace the ..." in feedback.message and "1843" in feedback.message


@pytest.mark.parametrize(("qid", "answer", "expect"), [("t-num", "lots", "a number"), ("t-choice", 2, "one letter"), ("t-text", 5, "text in quotes")])
def test_wrong_type_gets_a_hint_not_a_traceback(toy: dict, qid: str, answer: object, expect: str) -> None:
    feedback = checks.check(qid, answer)
    assert not feedback and expect in feedback.message and feedback.detail


def test_unknown_question_suggests_a_close_id(toy: dict) -> None:
    feedback = checks.check("t-nun", 3)
    assert not feedback and "t-num" in feedback.message


def test_feedback_renders_as_html(toy: dict) -> None:
    assert "Right" in checks.check("t-num", 1843)._repr_html_()


@pytest.mark.parametrize("answer", [float("nan"), "nan", "", "   ", "..."])
def test_a_blank_answer_never_uses_up_a_hint(toy: dict, answer: object) -> None:
    feedback = checks.check("t-num", answer)
    assert not feedback and "Replace the ..." in feedback.message
    assert checks._ATTEMPTS.get("t-num", 0) == 0
    assert "Hint 1 of 2" in checks.check("t-num", 1500).detail  # the first real try still gets the first hint


@pytest.mark.parametrize("answer", [10**400, [1, 2], {"a": 1}, float("inf"), pd.Series([1843, 1844]), "1e400"])
def test_odd_answers_get_a_message_not_a_traceback(toy: dict, answer: object) -> None:
    feedback = checks.check("t-num", answer)
    assert not feedback and "should be a number" in feedback.message
    assert checks._ATTEMPTS.get("t-num", 0) == 0  # a malformed answer is not a wrong try: no hint used up


def test_a_one_element_series_or_array_holding_the_answer_is_accepted(toy: dict) -> None:
    import numpy as np

    assert checks.check("t-num", pd.Series([1843]))
    assert checks.check("t-num", np.array([1843.0]))
    assert checks.check("t-text", pd.Series(["Hennepin"], index=[27053]))
    assert not checks.check("t-num", pd.Series([1843, 1844]))  # two values are not one answer


def test_a_question_id_that_is_not_text_gets_a_message(toy: dict) -> None:
    feedback = checks.check(["t-num"], 1843)
    assert not feedback and "question id should be text" in feedback.message


def test_check_logs_verdicts_for_grading_only_when_asked(toy: dict, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    log = tmp_path / "checks.jsonl"
    monkeypatch.delenv(checks.CHECK_LOG_ENV, raising=False)
    assert checks.check("t-num", 1843)
    assert not log.exists()  # off by default: a normal session writes nothing
    monkeypatch.setenv(checks.CHECK_LOG_ENV, str(log))
    verdicts = [checks.check("t-num", 1843), checks.check("t-num", 1500), checks.check("t-num", ...),
                checks.check("t-text", "Hennepin\ncounty")]
    assert [bool(v) for v in verdicts] == [True, False, False, True]  # the hook changes no verdict
    assert [json.loads(line) for line in log.read_text().splitlines()] == [
        {"qid": "t-num", "correct": True, "blank": False, "answer": "1843"},
        {"qid": "t-num", "correct": False, "blank": False, "answer": "1500"},
        {"qid": "t-num", "correct": False, "blank": True, "answer": "..."},
        {"qid": "t-text", "correct": True, "blank": False, "answer": "'Hennepin\\ncounty'"},
    ]
    assert checks.check.__name__ == "check" and "hint" in (checks.check.__doc__ or "")


def test_a_log_that_cannot_be_written_or_an_odd_answer_never_breaks_a_check(toy: dict, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Odd:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

        __str__ = __repr__

    monkeypatch.setenv(checks.CHECK_LOG_ENV, str(tmp_path / "no-such-folder" / "checks.jsonl"))
    assert checks.check("t-num", 1843)
    monkeypatch.setenv(checks.CHECK_LOG_ENV, str(tmp_path / "checks.jsonl"))
    assert not checks.check("t-num", Odd())
    assert '"answer": "?"' in (tmp_path / "checks.jsonl").read_text()
