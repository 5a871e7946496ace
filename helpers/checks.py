"""Check your understanding: `check("q-id", answer)` says right, or gives the next hint.

After Data 8's labs: a wrong answer earns a hint, not just "wrong", and each further try reveals the
next hint. Expected answers are computed from data/ where they are numbers, so they cannot drift
from what the notebook shows. Questions live in `helpers/questions/`, one module per notebook;
each module exposes `QUESTIONS`, a list of `Question`.
"""

from __future__ import annotations

import contextlib
import difflib
import html
import importlib
import json
import math
import os
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .inputs import number
from .text import one

ANSWER_KINDS = ("number", "text", "choice", "choices", "year", "bool")


@dataclass(frozen=True)
class Question:
    """One exercise: its id, how to get the right answer, how to compare, and staged hints.

    `expected` is a value or a zero-argument function (evaluated when checked, from data/).
    `kind`: "number" (within `tolerance`, relative), "year", "text" (case, punctuation and hyphens
    ignored, one of `expected` if a tuple), "choice" (one letter), "choices" (a set of letters, order
    ignored), "bool". `size_only` accepts a number of either sign, for questions that ask for the size
    of a drop a chart prints as negative.
    """

    qid: str
    kind: str
    expected: Any
    hints: tuple[str, ...]
    explanation: str
    tolerance: float = 0.0
    example: str = ""
    size_only: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ANSWER_KINDS:
            raise ValueError(f"Question {self.qid}: kind must be one of {ANSWER_KINDS}")
        if not self.hints:
            raise ValueError(f"Question {self.qid}: give at least one hint")

    def answer(self) -> Any:
        return self.expected() if callable(self.expected) else self.expected


@dataclass
class Feedback:
    """What `check` returns: shown as a coloured note in Jupyter; `bool(feedback)` is whether it was right."""

    qid: str
    correct: bool
    message: str
    detail: str = ""
    attempts: int = 0

    def __bool__(self) -> bool:
        return self.correct

    def _repr_html_(self) -> str:
        colour, mark = ("#0B6E4F", "✔ Right") if self.correct else ("#8A4B00", "✘ Not yet")
        detail = f"<div style='margin-top:4px'>{html.escape(self.detail)}</div>" if self.detail else ""
        return (
            f"<div role='status' style='border-left:4px solid {colour};padding:6px 10px;margin:4px 0'>"
            f"<strong style='color:{colour}'>{mark}</strong> {html.escape(self.message)}{detail}</div>"
        )

    def __repr__(self) -> str:
        status = "Right" if self.correct else "Not yet"
        return f"{status} ({self.qid}): {self.message}" + (f" {self.detail}" if self.detail else "")


_ATTEMPTS: dict[str, int] = {}
_REGISTRY: dict[str, Question] | None = None


def registry() -> dict[str, Question]:
    """Every question of the series, by id (collected from helpers/questions/*.py)."""
    global _REGISTRY
    if _REGISTRY is None:
        from . import questions

        found: dict[str, Question] = {}
        for info in pkgutil.iter_modules(questions.__path__):
            module = importlib.import_module(f"{questions.__name__}.{info.name}")
            for q in getattr(module, "QUESTIONS", []):
                if q.qid in found:
                    raise ValueError(f"Two questions have the id '{q.qid}'")
                found[q.qid] = q
        _REGISTRY = found
    return _REGISTRY


def _is_blank(answer: Any) -> bool:
    """The placeholder, nothing, an empty or whitespace string, 'nan' or NaN: not an answer yet."""
    if isinstance(answer, str):
        return answer.strip().lower() in {"", "nan", "none", "..."}
    return answer is Ellipsis or answer is None or (isinstance(answer, float) and math.isnan(answer))


# Grading hook, off by default. When the environment variable below names a file, every call of
# `check` appends one JSON line to it: the question id, whether the answer was right, whether it was
# still blank, and the answer shown short. `make grade` (tools/grade.py) sets it in the kernel it starts
# for each submitted notebook, so a grade is the very verdict the student saw; in a normal session
# nothing is written.
CHECK_LOG_ENV = "SERIES_CHECK_LOG"


def _log_verdict(log_path: str, qid: Any, answer: Any, feedback: Feedback) -> None:
    """Append one verdict as a JSON line; logging never breaks a reader's check."""
    try:
        value = one(answer)
        blank = _is_blank(value)
        shown = "..." if value is Ellipsis else (repr(value) if isinstance(value, str) else str(value))
    except Exception:  # an answer whose repr raises is still a verdict
        blank, shown = False, "?"
    record = {"qid": str(qid)[:80], "correct": bool(feedback.correct), "blank": blank,
              "answer": " ".join(shown.split())[:80]}
    with contextlib.suppress(OSError), open(log_path, "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")


def check(qid: str, answer: Any) -> Feedback:
    """Compare a reader's answer with the expected one; a wrong or malformed answer earns a hint.

    Nothing a reader can type raises: a blank answer asks for one without using up a hint, and an
    answer of the wrong kind (a list for a number, a number too large to compare) says what kind is
    expected. With SERIES_CHECK_LOG set, the verdict is also logged for grading.
    """
    feedback = _verdict(qid, answer)
    if os.environ.get(CHECK_LOG_ENV):
        _log_verdict(os.environ[CHECK_LOG_ENV], qid, answer, feedback)
    return feedback


def _verdict(qid: Any, answer: Any) -> Feedback:
    if not isinstance(qid, str):
        return Feedback(str(qid)[:40], False, 'The question id should be text in quotes, like "01-field-model". '
                        "Copy it from the question.")
    questions = registry()
    if qid not in questions:
        close = difflib.get_close_matches(str(qid), list(questions), n=2)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        return Feedback(str(qid), False, f"There is no question called '{qid}'.{hint} Copy the id from the question.")
    q = questions[qid]
    answer = one(answer)
    if _is_blank(answer):
        example = f" For example: {q.example}" if q.example else ""
        return Feedback(qid, False, "Replace the ... with your answer, then run the cell again." + example)
    ok, problem = _compare(q, answer)
    if problem:
        return Feedback(qid, False, problem, q.hints[0])
    if ok:
        _ATTEMPTS.pop(qid, None)
        return Feedback(qid, True, q.explanation)
    n = _ATTEMPTS.get(qid, 0)
    _ATTEMPTS[qid] = n + 1
    hint = q.hints[min(n, len(q.hints) - 1)]
    stage = f"Hint {min(n, len(q.hints) - 1) + 1} of {len(q.hints)}: "
    more = "" if n + 1 < len(q.hints) else " (That was the last hint; the solution is in the box below the question.)"
    return Feedback(qid, False, "That is not it yet.", stage + hint + more, attempts=n + 1)


def _compare(q: Question, answer: Any) -> tuple[bool, str]:
    """Return (is_right, problem); `problem` explains a malformed answer instead of raising."""
    expected = q.answer()
    kind = q.kind
    if kind in ("number", "year"):
        value = _as_number(answer)
        if value is None:
            return False, f"This answer should be a number, like {q.example or '42'}, without quotes or units."
        if kind == "year":
            return round(value) == int(expected), ""
        tol = q.tolerance * abs(float(expected))
        if q.size_only:
            value, expected = abs(value), abs(float(expected))
        return math.isclose(value, float(expected), abs_tol=max(tol, 1e-9)), ""
    if kind == "bool":
        if not isinstance(answer, bool):
            return False, "This answer should be True or False (no quotes)."
        return answer == bool(expected), ""
    if kind == "choice":
        letter = _as_letter(answer)
        if letter is None:
            return False, 'This answer should be one letter in quotes, like "b".'
        return letter == str(expected).strip().lower(), ""
    if kind == "choices":
        letters = _as_letters(answer)
        if letters is None:
            return False, 'This answer should be a list of letters, like ["a", "c"].'
        return letters == {str(e).strip().lower() for e in expected}, ""
    # text
    if not isinstance(answer, str):
        example = q.example or '"Hennepin"'
        return False, f"This answer should be text in quotes, like {example}."
    options = expected if isinstance(expected, (tuple, list, set)) else (expected,)
    return _norm(answer) in {_norm(o) for o in options}, ""


def _as_number(answer: Any) -> float | None:
    """The answer as a finite number, or None (text that is not a number, a list, NaN, a number too large)."""
    try:
        return number(float(answer.replace(",", "").replace("%", "")) if isinstance(answer, str) else answer, "answer")
    except Exception:  # not one finite number (even an object whose repr fails): the caller says what to type
        return None


def _as_letter(answer: Any) -> str | None:
    if isinstance(answer, str) and len(answer.strip().strip("().")) == 1:  # "b", "(b)", "b)", "b."
        return answer.strip().strip("().").lower()
    return None


def _as_letters(answer: Any) -> set[str] | None:
    if isinstance(answer, str):
        answer = [a for a in answer.replace(",", " ").split() if a]
    if not isinstance(answer, (list, tuple, set)):
        return None
    letters = {_as_letter(a) for a in answer}
    return None if None in letters else letters  # type: ignore[return-value]


def _norm(text: str) -> str:
    """Lower case, without the word 'county' and without punctuation, so "Novak et al" matches "Novak et al."."""
    text = str(text).lower().replace("county", "").replace("’", "'")
    return " ".join("".join(ch if ch.isalnum() or ch == "'" else " " for ch in text).split())


@dataclass
class QuestionSet:
    """Convenience for question modules: build Question objects with less repetition."""

    prefix: str
    questions: list[Question] = field(default_factory=list)

    def add(self, name: str, kind: str, expected: Any | Callable[[], Any], hints: list[str], explanation: str,
            **kw: Any) -> None:
        self.questions.append(Question(f"{self.prefix}-{name}", kind, expected, tuple(hints), explanation, **kw))
