"""Notebook 08's questions: expected answers come from data/ by the notebook's own pandas steps, agree with the
published effect and the crosswalk, and the predict question's letter follows from the two ranges. (That they agree
with the notebook's own what-if and district cells is tested in test_scenario.py.)"""

from __future__ import annotations

import pytest

from helpers import checks, evidence, load
from helpers.questions import nb08


def test_question_ids_are_registered() -> None:
    ids = {q.qid for q in nb08.QUESTIONS}
    assert ids == {f"08-{x}" for x in ("predict-width", "split-share", "kandiyohi-drop", "no-mirror", "interval-kind",
                                       "transfer")}  # fmt: skip
    assert ids <= set(checks.registry())


@pytest.mark.parametrize("county", ["Sherburne", "Hennepin", "Kandiyohi"])
def test_school_range_applies_the_published_effect_to_both_baselines(county: str) -> None:
    r52 = evidence.findings(rows=["R52"]).iloc[0]
    assert r52.unit_group == "pct" and r52.interval_kind == "none"  # a percent change, no interval: two baselines
    changes = sorted(b * r52.effect / 100 for b in nb08.school_baselines(county))
    assert tuple(changes) == pytest.approx(nb08.school_range(county))
    assert changes[0] < changes[1] < 0


def test_predict_letter_follows_from_the_ranges() -> None:
    (h_lo, h_hi), (s_lo, s_hi) = nb08.school_range("Hennepin"), nb08.school_range("Sherburne")
    letter = nb08.predict_width()
    wider_count, wider_relative = (h_hi - h_lo) > (s_hi - s_lo), h_lo / h_hi > s_lo / s_hi
    assert letter == ("a" if wider_count and wider_relative else "b" if wider_count else "c")
    assert checks.check("08-predict-width", letter)
    assert not checks.check("08-predict-width", "d")


def test_split_share_matches_the_crosswalk() -> None:
    xwalk = load("mn_county_cd119_crosswalk")
    anoka = xwalk[xwalk.county_name == "Anoka"].set_index("district")
    assert nb08.split_share() == pytest.approx(100 * anoka.pop_2020_part[6] / anoka.pop_2020_part.sum())
    assert nb08.split_share() == pytest.approx(100 * anoka.loc[6, "share_of_county_pop"], abs=1e-3)
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
