"""Notebook 08's questions: expected answers come from data/ by the notebook's own pandas steps, agree with the kit
(scenario.apply, brief.districts_of), and the predict question's letter follows from the two ranges."""

from __future__ import annotations

import pytest

from helpers import brief, checks, evidence, load, scenario
from helpers.questions import nb08


def test_question_ids_are_registered() -> None:
    ids = {q.qid for q in nb08.QUESTIONS}
    assert ids == {f"08-{x}" for x in ("predict-width", "split-share", "kandiyohi-drop", "no-mirror", "interval-kind",
                                       "transfer")}  # fmt: skip
    assert ids <= set(checks.registry())


@pytest.mark.parametrize("county", ["Sherburne", "Hennepin", "Kandiyohi"])
def test_school_range_agrees_with_the_kit(county: str) -> None:
    effect = scenario.Effect.from_finding(evidence.findings(rows=["R52"]).iloc[0])
    kit = scenario.apply(effect, nb08.school_baselines(county))
    assert (kit.low, kit.high) == pytest.approx(nb08.school_range(county))


def test_predict_letter_follows_from_the_ranges() -> None:
    (h_lo, h_hi), (s_lo, s_hi) = nb08.school_range("Hennepin"), nb08.school_range("Sherburne")
    letter = nb08.predict_width()
    wider_count, wider_relative = (h_hi - h_lo) > (s_hi - s_lo), h_lo / h_hi > s_lo / s_hi
    assert letter == ("a" if wider_count and wider_relative else "b" if wider_count else "c")
    assert checks.check("08-predict-width", letter)
    assert not checks.check("08-predict-width", "d")


def test_split_share_matches_the_kit_and_the_crosswalk() -> None:
    pieces = brief.districts_of(load("mn_county_cd119_crosswalk"), "Anoka").set_index("district")
    assert nb08.split_share() == pytest.approx(pieces.loc[6, "share_pct"])
    assert nb08.split_share() == pytest.approx(100 * pieces.loc[6, "share_of_county_pop"], abs=1e-3)
    assert checks.check("08-split-share", round(nb08.split_share(), 2))


def test_kandiyohi_drop_accepts_either_sign_but_not_the_smaller_end() -> None:
    low, high = nb08.school_range("Kandiyohi")
    assert checks.check("08-kandiyohi-drop", -nb08.kandiyohi_drop())
    assert checks.check("08-kandiyohi-drop", abs(low))
    assert not checks.check("08-kandiyohi-drop", abs(high))


def test_choice_answers_follow_the_findings_table() -> None:
    assert evidence.findings(rows=["R68"]).iloc[0].interval_kind == "range"
    assert checks.check("08-interval-kind", "b") and not checks.check("08-interval-kind", "a")
    assert evidence.findings(rows=["R30"]).iloc[0].exposure == "enforcement_down"
    assert checks.check("08-no-mirror", "c") and not checks.check("08-no-mirror", "b")
    assert checks.check("08-transfer", "a")
