"""Questions of notebooks/07_stress_on_immigrants.ipynb.

Expected values are computed from data/ with the few lines of pandas the notebook shows, so an answer
can never drift from what the reader computed.
"""

from __future__ import annotations

import pandas as pd

from ..catalog import load
from ..checks import QuestionSet

# Region columns of county_foreign_born_acs2017_21: shares of a county's WHOLE population (0-100).
# Central and South America already includes Mexico, so Mexico is not added again.
REGION_COLUMNS: dict[str, list[str]] = {
    "Asia": ["fb_asia_pct"],
    "Africa": ["fb_africa_pct"],
    "Europe": ["fb_europe_pct"],
    "Latin America": ["fb_central_south_america_pct", "fb_caribbean_pct"],
}


def minnesota_counties() -> pd.DataFrame:
    fb = load("county_foreign_born_acs2017_21")
    return fb[fb.state_abbr == "MN"]


def region_people(counties: pd.DataFrame) -> pd.Series:
    """People born in each region, added up over counties: share / 100 x population."""
    return pd.Series(
        {
            region: sum((counties[col] / 100 * counties.acs_population).sum() for col in cols)
            for region, cols in REGION_COLUMNS.items()
        }
    )


def top_region() -> str:
    return str(region_people(minnesota_counties()).idxmax())


def africa_share() -> float:
    mn = minnesota_counties()
    return float(100 * (mn.fb_africa_pct / 100 * mn.acs_population).sum() / mn.foreign_born.sum())


def _health_rows() -> pd.DataFrame:
    """Health findings with a number, leaving out rows read only in news coverage (as the notebook's chart)."""
    rf = load("research_findings")
    return rf[(rf.outcome_domain == "health") & (rf.verification_status != "secondary") & rf.has_number.astype(bool)]


def health_studies() -> int:
    return int(_health_rows().study_id.nunique())


def null_health() -> tuple[str, ...]:
    """Row id and first author of each health estimate whose 95% CI includes 'no difference' (1 for ratios, else 0)."""
    rows = _health_rows()
    rows = rows[rows.has_ci.astype(bool)]
    none = rows.effect_unit.str.contains("ratio", case=False).map({True: 1.0, False: 0.0})
    hits = rows[(rows.ci_low <= none) & (rows.ci_high >= none)]
    answers: list[str] = []
    for r in hits.itertuples():
        first = str(r.authors).split(";")[0].strip().split()[-1]
        answers += [r.row_id, first, f"{first} et al", f"{first} et al ({r.year})"]
    return tuple(answers)


_q = QuestionSet("07")
_q.add(
    "top-region",
    "text",
    lambda: (top_region(),),
    [
        "Look at the bar chart of regions of birth: which bar is longest?",
        'Write the region as the chart names it, in quotes, for example "Europe".',
    ],
    "Right. Most of Minnesota's immigrants were born in Asia or Africa. Nationally, Latin America comes first, "
    "which is why studies of Hispanic residents fit the U.S. better than Minnesota.",
    example='"Europe"',
)
_q.add(
    "africa-share",
    "number",
    africa_share,
    [
        "`fb_africa_pct` is a share of the county's whole population. Multiply it by `acs_population` / 100 to get "
        "people, add up over counties, then divide by the sum of `foreign_born`.",
        "Averaging the county percentages gives a small county as much weight as Hennepin, and it divides by the "
        "whole population, not by the foreign-born. Add up people first.",
    ],
    "Right: more than a quarter of Minnesota's immigrants were born in Africa, far more than the national share.",
    tolerance=0.01,
    example="12.5",
)
_q.add(
    "health-studies",
    "number",
    health_studies,
    [
        "`len(drawn)` counts rows (findings). Which column names the study each row comes from?",
        "Count the distinct values of `study_id`: `drawn.study_id.nunique()`.",
    ],
    "Right: several estimates come from one study. A headline such as 'most health estimates point one way' would "
    "count that study several times; count studies instead.",
    example="3",
)
_q.add(
    "null-health",
    "text",
    null_health,
    [
        "In the health forest chart, look for a line with caps (a 95% interval) that crosses the dashed line.",
        "In a ratio panel, 'no difference' is 1, not 0. The cell after the chart reads each interval in words.",
    ],
    "Right: Novak and co-authors' risk ratio for low birth weight after a 2008 raid has a 95% interval that "
    "includes 1, so the data also fit no effect, although the point estimate is above 1.",
    example='"R12"',
)
_q.add(
    "who-snap",
    "choice",
    "b",
    [
        "Find R15 in the list under the programs chart, or run `evidence.card(\"R15\")`, and read its population and period.",
        "The study is remarkable because the households it measured could not themselves be deported.",
    ],
    "Alsan and Yang's estimate applies to Hispanic citizen-headed households in U.S. counties while Secure "
    "Communities was switched on, most of all mixed-status homes. It says nothing direct about other groups, "
    "places or years.",
    example='"a"',
)
QUESTIONS = _q.questions
