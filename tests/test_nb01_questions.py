"""Notebook 01's questions: each expected answer is what the notebook's own pandas gives, and checks can fail."""

from __future__ import annotations

import pandas as pd

from helpers import checks, load
from helpers.questions import nb01

IDS = {"01-predict-counties", "01-field-model", "01-florida-share", "01-wisconsin-rank", "01-ddor-absence"}


def _latest_by_state() -> pd.DataFrame:
    by_state_month = load("agreements_287g_by_state_month")
    last = by_state_month[by_state_month.snapshot_date == by_state_month.snapshot_date.max()]
    return last.groupby(["state_abbr", "state_name"], as_index=False)["n_agreements"].sum()


def test_every_question_is_registered_with_hints() -> None:
    registry = checks.registry()
    assert {q.qid for q in nb01.QUESTIONS} == IDS
    assert all(len(registry[qid].hints) >= 2 for qid in IDS)


def test_prediction_picks_the_choice_nearest_the_growth_in_counties() -> None:
    listings = load("agreements_287g")
    sheets = load("agreements_287g_totals").snapshot_date
    january = sheets[sheets.between("2025-01-01", "2025-01-31")].max()

    def counties(sheet):  # listings in force that day, copies included: close to the notebook's count
        return listings[(listings.first_listed <= sheet) & (listings.last_listed >= sheet)].county_fips.nunique()

    ratio = counties(sheets.max()) / counties(january)
    truth = min(nb01.COUNTY_GROWTH_LETTERS, key=lambda letter: abs(nb01.COUNTY_GROWTH_LETTERS[letter] - ratio))
    assert checks.check("01-predict-counties", truth)
    for letter in set(nb01.COUNTY_GROWTH_LETTERS) - {truth}:
        wrong = checks.check("01-predict-counties", letter)
        assert not wrong and "Hint" in wrong.detail
    malformed = checks.check("01-predict-counties", 7)
    assert not malformed and "one letter" in malformed.message


def test_florida_share_is_the_students_one_liner_on_by_state() -> None:
    by_state = _latest_by_state()  # as the notebook builds it in section 4
    fl = by_state.loc[by_state.state_abbr == "FL", "n_agreements"].sum()
    share = 100 * fl / by_state.n_agreements.sum()
    assert checks.check("01-florida-share", round(share, 1))
    assert not checks.check("01-florida-share", share / 100)  # a fraction, not a percentage, earns a hint
    totals = load("agreements_287g_totals")
    assert by_state.n_agreements.sum() == totals.loc[totals.snapshot_date.idxmax(), "n_agreements"]


def test_wisconsin_rank_shares_the_best_place_of_a_tie() -> None:
    by_state = _latest_by_state()
    ranked = by_state[by_state.state_abbr.isin(load("states").state_abbr)].copy()
    ranked["rank"] = ranked.n_agreements.rank(method="min", ascending=False)
    ranked["place_counted"] = ranked.n_agreements.rank(method="first", ascending=False)
    wi = ranked.set_index("state_abbr").loc["WI"]
    assert checks.check("01-wisconsin-rank", int(wi["rank"]))
    assert not checks.check("01-wisconsin-rank", int(wi["rank"]) + 1)
    assert wi["place_counted"] >= wi["rank"]


def test_choice_and_true_false_questions() -> None:
    assert checks.check("01-field-model", "b") and not checks.check("01-field-model", "a")
    assert checks.check("01-ddor-absence", False) and not checks.check("01-ddor-absence", True)
    assert load("ice_ddor_2017_limited_cooperation").is_partial_sample.all()
