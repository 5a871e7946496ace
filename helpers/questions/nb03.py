"""Questions of notebooks/03_from_arrest_to_deportation.ipynb.

Each expected value is computed from data/ by the pandas a student writes in the notebook.
"""

from __future__ import annotations

from ..catalog import load
from ..checks import QuestionSet

FIRST_HALF = [10, 11, 12, 1, 2, 3]  # October to March: the months FY2026 and FY2025 both have in full


def _bookins_direction() -> tuple[str, ...]:
    """'more' if book-ins after ICE arrests, October to March, were higher in FY2026 than in FY2025."""
    table = load("ice_book_ins_monthly")
    ice = table[(table.arresting_agency == "ICE") & table.month.dt.month.isin(FIRST_HALF)]
    same_point = ice.groupby("fiscal_year").n_book_ins.sum()
    if same_point[2026] > same_point[2025]:
        return ("more", "higher", "above", "up", "more book-ins")
    return ("fewer", "less", "lower", "below", "down", "fewer book-ins")


def _no_conviction_share() -> float:
    """Share (0-100) of people held on an average day in March 2026 without a conviction in ICE's records."""
    held = load("ice_detained_population_monthly")
    march = held[(held.arresting_agency == "Total") & (held.month == "2026-03-01")].set_index("criminality").adp
    return float(100 * (march["Total"] - march["Convicted Criminal"]) / march["Total"])


def _mn_fy2025_adp() -> float:
    """People held for ICE on an average day in FY2025 in the Minnesota jails ICE lists under St. Paul."""
    jails = load("ice_facility_population_by_fy")
    jails = jails[jails.aor == "SPM"]
    return float(jails[(jails.state_abbr == "MN") & (jails.fiscal_year == 2025)].adp_fytd.sum())


_q = QuestionSet("03")
_q.add(
    "predict-bookins",
    "text",
    _bookins_direction,
    [
        'Write "more" or "fewer" in quotes. Then read the sentence above this cell: it adds up October to March '
        "of each year.",
        "Compare the two numbers in that sentence: FY2026 first, FY2025 second. Which is larger?",
    ],
    "Right. The jump came from ICE's own arrests: compare the ICE line of the chart before and after January 2025. "
    "If you guessed wrong, what made you expect the other answer?",
    example='"more"',
)
_q.add(
    "no-conviction-share",
    "number",
    _no_conviction_share,
    [
        '`march` holds one number per class. Subtract march["Convicted Criminal"] from march["Total"], divide by '
        'march["Total"] and multiply by 100.',
        "Give the percent as a number (for example 45.2), not a share between 0 and 1.",
    ],
    'Right. Most people ICE held had no conviction in ICE\'s records: they had a pending charge, or were in the class '
    'ICE calls "Other Immigration Violator". That describes ICE\'s records, not what anyone did.',
    tolerance=0.01,
    example="45.2",
)
_q.add(
    "mn-fy2025-adp",
    "number",
    _mn_fy2025_adp,
    [
        'Keep the rows where jails.state_abbr == "MN" and jails.fiscal_year == 2025, with & between the two '
        "conditions in brackets; then take .adp_fytd.sum().",
        "Did you keep only Minnesota? The other states' jails are in the same table.",
    ],
    "Right. That is an average over the fiscal year; the explorer shows each jail's own numbers.",
    tolerance=0.01,
    example="300",
)
_q.add(
    "superior",
    "choice",
    "b",
    [
        "Read the two sentences printed in section 6: one about Wisconsin's counties, one about a Wisconsin jail.",
        "An Area of Responsibility is a set of counties; a jail ICE lists under an office can lie outside them.",
    ],
    "Right. Wisconsin's counties are in the Chicago area, and ICE still lists the Douglas County jail in Superior "
    "under St. Paul.",
    example='"a"',
)
_q.add(
    "total-definition",
    "choice",
    "b",
    [
        'Compare "Total" with the releases in the sentence at the end of section 5: did releases double?',
        "The data's description says what 'Total' counts from FY2024 on. FY2024 began on 1 October 2023.",
    ],
    'Right. From FY2024 ICE\'s "Total" counts every book-out, removals included: a new definition, not more releases.',
    example='"a"',
)
QUESTIONS = _q.questions
