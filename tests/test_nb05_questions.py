"""Notebook 05's questions: expected answers come from data/ by the notebook's own pandas steps, agree with the kit,
and the predict question's letter follows from the two gaps."""

from __future__ import annotations

import pytest

from helpers import checks, compare, evidence
from helpers.questions import nb05


@pytest.fixture(scope="module")
def frame():
    return nb05.county_frame()


def test_question_ids_are_registered() -> None:
    ids = {q.qid for q in nb05.QUESTIONS}
    assert ids == {f"05-{x}" for x in ("predict-gap", "gap-one-stratum", "naive-gap", "reverse-percent",
                                       "causal-design", "who")}  # fmt: skip
    assert ids <= set(checks.registry())


def test_hand_steps_agree_with_the_kit(frame) -> None:
    kit = compare.stratified_gap(frame, "violent_crime_per_100k", "has_287g", ["pop_band", "census_region"])
    assert kit.naive_gap == pytest.approx(nb05.naive_gap())
    assert kit.within_gap == pytest.approx(nb05.within_size_region())
    row = compare.stratified_gap(frame, "violent_crime_per_100k", "has_287g", ["pop_band"]).table
    assert row.set_index("pop_band").loc["100k-250k", "gap"] == pytest.approx(nb05.gap_one_stratum())


def test_predict_letter_follows_from_the_gaps() -> None:
    naive, within = abs(nb05.naive_gap()), abs(nb05.within_size_region())
    letter = nb05.predicted_letter()
    assert letter == ("a" if within > 1.1 * naive else "c" if within < 0.5 * naive else "b")
    assert checks.check("05-predict-gap", letter)
    assert not checks.check("05-predict-gap", {"a": "b", "b": "c", "c": "a"}[letter])


def test_reverse_percent_question_matches_the_kit_rule() -> None:
    expected = checks.registry()["05-reverse-percent"].answer()
    assert expected == pytest.approx(evidence.reverse(-40, evidence.PERCENT))
    assert not checks.check("05-reverse-percent", 40)  # flipping the sign is the mistake the question catches


def test_who_question_matches_the_findings_table() -> None:
    assert "Hispanic" in evidence.value("R16", "population")
    assert checks.check("05-who", "b") and not checks.check("05-who", "a")
