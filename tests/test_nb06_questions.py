"""Notebook 06's checked questions: each accepts its own expected answer, rejects the tempting wrong one, and
computes what the notebook computes (the kit's stratified comparison, by a second route)."""

from __future__ import annotations

import pytest

from helpers import checks, compare, load
from helpers.questions import nb06

IDS = {"06-predict-within", "06-stratum-gap", "06-poverty-within", "06-causal-design", "06-wong-unit", "06-job-studies"}


def test_the_notebook_questions_are_registered() -> None:
    assert set(checks.registry()) >= IDS
    assert {q.qid for q in nb06.QUESTIONS} == IDS


@pytest.mark.parametrize("outcome", [nb06.INCOME, nb06.POVERTY])
def test_within_gap_matches_the_kit(outcome: str) -> None:
    """The lines a student writes and `compare.stratified_gap` agree on the naive and within-group gaps."""
    frame = nb06._frame()
    kit = compare.stratified_gap(frame, outcome, "has_287g", ["group"])
    assert nb06.within_gap(outcome) == pytest.approx(kit.within_gap)
    assert nb06.naive_gap(outcome) == pytest.approx(kit.naive_gap)


def test_stratum_gap_is_one_row_of_the_kits_table() -> None:
    kit = compare.stratified_gap(nb06._frame(), nb06.INCOME, "has_287g", ["group"]).table.set_index("group")
    assert nb06.stratum_gap() == pytest.approx(kit.loc[nb06.STRATUM, "gap"])


def test_right_answers_pass_and_tempting_wrong_ones_get_a_hint() -> None:
    right = checks.check("06-stratum-gap", nb06.stratum_gap())
    assert right.correct
    reversed_sign = checks.check("06-stratum-gap", -nb06.stratum_gap())
    assert not reversed_sign.correct and "Hint" in reversed_sign.detail
    assert not checks.check("06-poverty-within", nb06.naive_gap(nb06.POVERTY)).correct  # the naive gap
    assert checks.check("06-poverty-within", nb06.within_gap(nb06.POVERTY)).correct
    findings = load("research_findings")
    jobs = findings[findings.outcome_domain == "labor_market"]
    assert checks.check("06-job-studies", jobs.study_id.nunique()).correct
    assert not checks.check("06-job-studies", len(jobs)).correct  # rows, not studies
    assert checks.check("06-wong-unit", "Percentage points").correct
    assert not checks.check("06-wong-unit", "percent").correct


@pytest.mark.parametrize(
    ("naive", "within", "letter"),
    [(10_000.0, 600.0, "b"), (10_000.0, -4_000.0, "b"), (10_000.0, 8_000.0, "a"), (10_000.0, 12_000.0, "c")],
)
def test_predicted_letter_follows_the_two_gaps(monkeypatch, naive: float, within: float, letter: str) -> None:
    monkeypatch.setattr(nb06, "naive_gap", lambda outcome: naive)
    monkeypatch.setattr(nb06, "within_gap", lambda outcome: within)
    assert nb06.predicted_letter() == letter


def test_poverty_answer_rounded_as_the_gaps_table_shows_it_passes() -> None:
    """The notebook's table `gaps` prints the poverty gap to one decimal; that rounded value is a right answer,
    while the unweighted mean of the group gaps (each group counted once) is not."""
    exact = nb06.within_gap(nb06.POVERTY)
    assert checks.check("06-poverty-within", round(exact, 1)).correct
    frame = nb06._frame()
    by_group = frame.groupby(["group", "has_287g"])[nb06.POVERTY].mean().unstack()
    unweighted = float((by_group[True] - by_group[False]).mean())
    assert not checks.check("06-poverty-within", unweighted).correct
