"""Notebook 02's questions: expected values agree with an independent computation, and checks can fail.

Data values themselves are asserted in the data tests; here each expected answer is recomputed by a
second route (a weighted mean instead of a ratio of sums, a count instead of a share) so that a slip in
`helpers/questions/nb02.py` shows up.
"""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest

from helpers import load
from helpers.checks import check, registry
from helpers.paths import NOTEBOOKS_DIR, REPO_ROOT
from helpers.questions import nb02

NOTEBOOK = NOTEBOOKS_DIR / "02_minnesota_in_context.ipynb"


@pytest.fixture(scope="module")
def mn_acs():
    acs = load("county_foreign_born_acs2017_21")
    return acs[acs.state_abbr == "MN"]


def test_every_check_in_the_notebook_has_a_question() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    ids = {m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'check\(\s*"([^"]+)"', c.source)}
    assert ids == {q.qid for q in nb02.QUESTIONS}
    assert ids <= set(registry())


def test_notebook_and_questions_use_no_notebook_specific_module() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    module = (REPO_ROOT / "helpers" / "questions" / "nb02.py").read_text(encoding="utf-8")
    for text in (code, module):
        assert not re.search(r"\b(minnesota|landscape)\b", re.sub(r'"[^"]*"', "", text)), "02 must not import them"


def test_weighted_share_is_the_weighted_mean_of_county_shares(mn_acs) -> None:
    weighted_mean = np.average(mn_acs.foreign_born_pct, weights=mn_acs.acs_population)
    assert nb02.statewide_share() == pytest.approx(weighted_mean, abs=0.05)  # county shares are rounded
    expected = "above" if weighted_mean > mn_acs.foreign_born_pct.mean() else "below"
    other = {"above": "below", "below": "above"}[expected]
    assert check("02-weighted-vs-plain", expected) and not check("02-weighted-vs-plain", other)


def test_counties_above_state_choice_matches_the_count(mn_acs) -> None:
    above = int((mn_acs.foreign_born_pct > nb02.statewide_share()).sum())
    letter = nb02.counties_above_state()
    assert letter == ("a" if above > 0.6 * len(mn_acs) else "b" if above >= 0.4 * len(mn_acs) else "c")
    assert check("02-counties-above-state", letter)
    assert not check("02-counties-above-state", "a" if letter != "a" else "b")


def test_sheriff_counties_share_is_a_weighted_mean_and_differs_from_the_plain_one(mn_acs) -> None:
    listings = load("agreements_287g")
    sheriffs = listings[(listings.state_abbr == "MN") & listings.on_latest_sheet & (listings.agency_type == "County")]
    mine = mn_acs[mn_acs.county_name.isin(set(sheriffs.county_name))]
    assert len(mine) == sheriffs.county_name.nunique()  # every sheriff's county is in the ACS table
    weighted_mean = np.average(mine.foreign_born_pct, weights=mine.acs_population)
    assert nb02.sheriff_counties_share() == pytest.approx(weighted_mean, abs=0.05)
    assert check("02-sheriff-counties-share", round(nb02.sheriff_counties_share(), 2))
    assert not check("02-sheriff-counties-share", nb02.statewide_share())


def test_agreements_on_latest_sheet_is_a_count_of_rows() -> None:
    listings = load("agreements_287g")
    expected = int(((listings.state_abbr == "MN") & listings.on_latest_sheet).sum())
    assert check("02-agreements-on-latest", expected)
    assert not check("02-agreements-on-latest", expected + 1)


def test_hints_teach_and_wrong_choices_are_refused() -> None:
    first, second = check("02-ag-opinion", "a"), check("02-ag-opinion", "b")
    assert not first and "Hint 1" in first.detail and "statute" in first.detail
    assert not second and "Hint 2" in second.detail and "reading of the law" in second.detail
    assert check("02-ag-opinion", "(c)")
