"""Notebook 07's checked questions: each accepts its own expected answer, rejects the tempting wrong one, and
computes what the notebook computes (the evidence reader's counts, by a second route)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import checks, evidence
from helpers.questions import nb07

IDS = {"07-top-region", "07-africa-share", "07-health-studies", "07-null-health", "07-who-snap"}


def test_the_notebook_questions_are_registered() -> None:
    assert set(checks.registry()) >= IDS
    assert {q.qid for q in nb07.QUESTIONS} == IDS


def test_region_people_turn_whole_population_shares_into_people() -> None:
    """Made-up counties: shares are of the whole population; Central/South America already holds Mexico."""
    counties = pd.DataFrame(
        {
            "acs_population": [1000, 3000],
            "foreign_born": [100, 300],
            "fb_asia_pct": [2.0, 4.0],
            "fb_africa_pct": [3.0, 1.0],
            "fb_europe_pct": [1.0, 1.0],
            "fb_mexico_pct": [2.0, 2.0],
            "fb_central_south_america_pct": [3.0, 3.0],
            "fb_caribbean_pct": [1.0, 0.0],
        }
    )
    people = nb07.region_people(counties)
    assert people["Asia"] == pytest.approx(20 + 120)
    assert people["Africa"] == pytest.approx(30 + 30)
    assert people["Latin America"] == pytest.approx((30 + 90) + 10)  # Mexico is not added a second time
    assert people.idxmax() == "Asia"


def test_africa_share_adds_people_not_percentages() -> None:
    right = nb07.africa_share()
    assert checks.check("07-africa-share", right).correct
    mn = nb07.minnesota_counties()
    assert not checks.check("07-africa-share", mn.fb_africa_pct.mean()).correct  # averaged county shares


def test_health_studies_counts_studies_not_rows() -> None:
    health = evidence.findings(domain="health")
    drawn = health[health.plotted]
    assert nb07.health_studies() == evidence.count_studies(drawn)
    assert checks.check("07-health-studies", drawn.study_id.nunique()).correct
    assert len(drawn) != drawn.study_id.nunique()
    assert not checks.check("07-health-studies", len(drawn)).correct  # rows, not studies


def test_null_health_is_the_interval_that_includes_no_difference() -> None:
    health = evidence.findings(domain="health")
    with_ci = health[health.interval_kind == "ci"]
    none = (with_ci["transform"] == evidence.RATIO).map({True: 1.0, False: 0.0})
    includes = with_ci[(with_ci.interval_low <= none) & (with_ci.interval_high >= none)]
    expected = set(nb07.null_health())
    assert set(includes.row_id) <= expected
    for row_id in includes.row_id:
        assert checks.check("07-null-health", row_id).correct
    excludes = with_ci[~with_ci.row_id.isin(includes.row_id)]
    assert len(excludes) and not any(checks.check("07-null-health", r).correct for r in excludes.row_id)


def test_top_region_and_choices() -> None:
    assert checks.check("07-top-region", nb07.top_region().lower()).correct
    assert not checks.check("07-top-region", "Latin America" if nb07.top_region() != "Latin America" else "Asia").correct
    assert checks.check("07-who-snap", "(b)").correct and not checks.check("07-who-snap", "a").correct
