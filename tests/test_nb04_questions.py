"""Notebook 04's questions: expected values agree with a second computation, and checks can fail.

Data values themselves are asserted in the data tests; here each expected answer is recomputed by another
route (the long table filtered with masks instead of a pivot, a mask instead of a group-by) so that a slip
in `helpers/questions/nb04.py` shows up, and each check is shown to reject the tempting wrong answer.
"""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from helpers import cite, load
from helpers.checks import check, registry
from helpers.paths import NOTEBOOKS_DIR
from helpers.questions import nb04

NOTEBOOK = NOTEBOOKS_DIR / "04_minnesota_surge.ipynb"
OPEN = "no_lift_reason_recorded"


@pytest.fixture(scope="module")
def surge() -> tuple[pd.Timestamp, pd.Timestamp]:
    return (
        pd.Timestamp(cite.fact("metro_surge_start_2025").date),
        pd.Timestamp(cite.fact("metro_surge_end_announced_2026").date),
    )


@pytest.fixture(scope="module")
def detainers() -> pd.DataFrame:
    return load("mn_surge_detainers_by_facility_outcome")


def test_every_check_in_the_notebook_has_a_question_and_every_question_is_asked() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    ids = {m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'check\(\s*"([^"]+)"', c.source)}
    assert ids == {q.qid for q in nb04.QUESTIONS}
    assert ids <= set(registry())


def test_collateral_trend_matches_the_shares_before_and_during(surge) -> None:
    start, end = surge
    arrests = load("mn_arrests_daily_by_type")
    before = arrests[arrests["date"] < start]
    during = arrests[arrests["date"].between(start, end)]

    def share(rows: pd.DataFrame) -> float:
        return rows.loc[rows["apprehension_type"] == "Collateral", "arrests"].sum() / rows["arrests"].sum()

    word = "rose" if share(during) > share(before) else "fell"
    other = {"rose": "fell", "fell": "rose"}[word]
    assert check("04-collateral-trend", word) and not check("04-collateral-trend", other)
    assert not check("04-collateral-trend", "stayed the same")


def test_anoka_share_uses_the_detainers_with_an_outcome(detainers) -> None:
    anoka = detainers[detainers["county_fips"] == "27003"]
    decided = anoka[anoka["outcome"] != OPEN]
    declined = decided.loc[decided["outcome"] == "declined_by_local_agency", "detainers"].sum()
    with_outcome = 100 * declined / decided["detainers"].sum()
    of_all = 100 * declined / anoka["detainers"].sum()
    assert nb04.QUESTIONS[1].answer() == pytest.approx(with_outcome)
    assert check("04-anoka-declined-share", round(with_outcome, 1))
    assert not check("04-anoka-declined-share", round(of_all, 1))  # the other denominator is not accepted
    hennepin = detainers[detainers["county_fips"] == "27053"]  # the worked example is not the answer
    hennepin_share = 100 * hennepin.loc[hennepin["outcome"] == "declined_by_local_agency", "detainers"].sum() / (
        hennepin.loc[hennepin["outcome"] != OPEN, "detainers"].sum()
    )
    assert not check("04-anoka-declined-share", round(hennepin_share, 1))


def test_transferred_share_uses_the_same_denominator(detainers) -> None:
    decided = detainers[detainers["outcome"] != OPEN]
    transferred = decided.loc[decided["outcome"] == "booked_into_ice_detention", "detainers"].sum()
    share = 100 * transferred / decided["detainers"].sum()
    assert check("04-transferred-share", round(share, 1))
    assert not check("04-transferred-share", round(100 * transferred / detainers["detainers"].sum(), 1))


def test_what_the_data_show_is_the_count_not_the_cause() -> None:
    assert check("04-what-data-show", "b")
    assert not any(check("04-what-data-show", wrong) for wrong in "acd")


def test_minnesota_texas_ratio_divides_rates_in_the_surge_window(surge) -> None:
    start, end = surge
    daily = load("arrests_daily_by_state")
    population = load("ice_arrests_by_state_2025_26").set_index("state_name")["population_2025"]

    def ratio(first: pd.Timestamp, last: pd.Timestamp) -> float:
        window = daily[(daily["date"] >= first) & (daily["date"] <= last)]
        mn = window.loc[window["state_name"] == "Minnesota", "arrests"].sum() / population["Minnesota"]
        tx = window.loc[window["state_name"] == "Texas", "arrests"].sum() / population["Texas"]
        return float(mn / tx)

    during = ratio(start, end)
    assert check("04-mn-tx-surge-ratio", round(during, 2))
    assert not check("04-mn-tx-surge-ratio", round(ratio(daily["date"].min(), start - pd.Timedelta(days=1)), 2))
    counts = daily[daily["date"].between(start, end)].groupby("state_name")["arrests"].sum()
    assert not check("04-mn-tx-surge-ratio", round(counts["Minnesota"] / counts["Texas"], 2))  # counts, not rates
