"""Notebook 04's counted sentences: they count what the findings table holds, in every grammatical case."""

from __future__ import annotations

import pandas as pd

from helpers import community, evidence


def _rows(directions: list[str], family: str = "did", has_number: bool = False) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row_id": [f"X{i}" for i in range(len(directions))],
            "finding_direction": directions,
            "design_family": family,
            "has_number": has_number,
            "verification_status": "verified",
            "short_cite": "A (2020)",
            "year": 2020,
        }
    )


def test_direction_mix_counts_in_a_fixed_order_with_singulars() -> None:
    mix = community.direction_mix(_rows([evidence.MIXED, evidence.NO_EFFECT, evidence.NO_EFFECT, evidence.IN_WORDS]))
    assert mix == "2 report no detectable effect, 1 is mixed (no effect on some outcomes, an effect on others) and " \
        "1 states an effect in words, with no number"
    assert community.direction_mix(_rows([])) == "none is listed"


def test_listed_sentence_names_the_strongest_design_present() -> None:
    df = pd.concat([_rows([evidence.NO_EFFECT] * 2, "panel"), _rows([evidence.MIXED], "iv_quasi")])
    text = community.listed_sentence(df)
    assert text.startswith("Of these 3 findings") and "1 of them uses instrumental variables" in text
    assert "none is listed without one" in community.listed_sentence(_rows([evidence.NO_EFFECT], has_number=True))


def test_crime_findings_counted_from_the_table() -> None:
    crime = evidence.findings(domain="crime")
    listed = crime[~crime["has_number"].astype(bool)]
    nulls = int((listed["finding_direction"] == evidence.NO_EFFECT).sum())
    assert nulls >= 5 and f"{nulls} report no detectable effect" in community.listed_sentence(crime)
    assert community.no_lower_sentence(crime).startswith("None of these")


def test_no_lower_sentence_cites_any_finding_of_less_crime() -> None:
    df = _rows([evidence.LOWER, evidence.NO_EFFECT])
    df.loc[0, "row_id"] = "R12"  # a real row, so the citation can be built
    assert community.no_lower_sentence(df).startswith("1 of these 2 findings point to less crime") and "Hausman" in \
        community.no_lower_sentence(df)


def test_secondary_rows_grouped_by_study() -> None:
    surveys = evidence.findings(domain="trust_reporting", design="survey", include_secondary=True)
    text = community.secondary_sentence(surveys)
    secondary = surveys[surveys["verification_status"] == "secondary"]
    assert text.startswith(f"{len(secondary)} of the {len(surveys)} rows are marked *secondary*")
    assert all(r in text for r in secondary["row_id"])
    assert community.secondary_sentence(_rows([evidence.NO_EFFECT])) == "None of these findings is marked secondary."


def test_publication_years_span_and_single_year() -> None:
    df = _rows([evidence.NO_EFFECT] * 2)
    assert community.publication_years(df) == "studies published 2020"
    df.loc[0, "year"] = 2013
    assert community.publication_years(df) == "studies published 2013–2020"
