"""Questions of notebooks/08_looking_ahead.ipynb.

Expected values are computed from data/ with the few lines of pandas the notebook shows, so an answer
can never drift from what the reader computed.
"""

from __future__ import annotations

from ..catalog import load
from ..checks import QuestionSet

SCHOOL_BASELINES = ["pop_age5_17_hispanic", "hispanic_enrollment_area_alloc"]


def _r52_effect() -> float:
    rf = load("research_findings")
    return float(rf.loc[rf.row_id == "R52", "effect"].iloc[0])


def school_baselines(county: str) -> list[float]:
    """The two counts that stand for a county's Hispanic students: ACS children 5-17 and MDE enrollment."""
    acs = load("mn_county_hispanic_acs2018_22").set_index("county_name")
    mde = load("mn_county_school_enrollment_2022_23").set_index("county_name")
    return [float(acs.loc[county, SCHOOL_BASELINES[0]]), float(mde.loc[county, SCHOOL_BASELINES[1]])]


def school_range(county: str) -> tuple[float, float]:
    """The what-if change in Hispanic students (R52 applied to both baselines): (larger drop, smaller drop)."""
    changes = [b * _r52_effect() / 100 for b in school_baselines(county)]
    return min(changes), max(changes)


def predict_width() -> str:
    """a: Hennepin wider in students and relative to size; b: wider in students only; c: Sherburne in both; d: same."""
    (h_lo, h_hi), (s_lo, s_hi) = school_range("Hennepin"), school_range("Sherburne")
    wider_count = abs(h_hi - h_lo) > abs(s_hi - s_lo)
    wider_relative = abs(h_lo / h_hi) > abs(s_lo / s_hi)
    if abs(abs(h_hi - h_lo) - abs(s_hi - s_lo)) < 1:
        return "d"
    if wider_count:
        return "a" if wider_relative else "b"
    return "c"


def split_share() -> float:
    x = load("mn_county_cd119_crosswalk")
    piece = x[(x.county_name == "Anoka") & (x.district == 6)].iloc[0]
    return float(100 * piece.pop_2020_part / piece.county_pop_2020)


def kandiyohi_drop() -> float:
    return float(max(abs(c) for c in school_range("Kandiyohi")))


def r68_interval_kind() -> str:
    rf = load("research_findings")
    r = rf[rf.row_id == "R68"].iloc[0]
    return "b" if bool(r.has_range) and not bool(r.has_ci) else "a"


_q = QuestionSet("08")
_q.add(
    "predict-width",
    "choice",
    predict_width,
    [
        "Look at the table after the explorer: compare the `width` column (in students), then `far_over_near` "
        "(the far end divided by the near end).",
        "A big county has a wide range in students even when its two baselines agree closely. Relative width "
        "depends on how much the two baselines disagree.",
    ],
    "Right. Hennepin's range is wider in students because it has many more students, but its two baselines agree "
    "closely. Sherburne's two baselines disagree more, so its range is wider relative to its size.",
    example='"b"',
)
_q.add(
    "split-share",
    "number",
    split_share,
    [
        "Filter `xwalk` to the row where county_name is Anoka and district is 6.",
        "Divide that row's pop_2020_part by its county_pop_2020, then multiply by 100.",
    ],
    "Right. About three in five of Anoka's people live in district 6; the rest are split between districts 3 and 5.",
    tolerance=0.005,
    example="45.2",
)
_q.add(
    "kandiyohi-drop",
    "number",
    kandiyohi_drop,
    [
        'Take base.loc["Kandiyohi", [...]] with the two school columns: pop_age5_17_hispanic and '
        "hispanic_enrollment_area_alloc.",
        "Multiply both by r52.effect / 100, take the absolute values, and keep the larger one.",
    ],
    "Right. Rounded honestly, that is the far end of Kandiyohi's range, from the larger of its two baselines.",
    tolerance=0.01,
    size_only=True,
    example="120.5",
)
_q.add(
    "no-mirror",
    "choice",
    "c",
    [
        "Section 2 says which findings each scenario takes, and why one is never flipped into another.",
        "Reversing a percent change correctly is arithmetic; whether two policies are opposites is a different "
        "question. Look at R30's line in the plan, too.",
    ],
    "Right. A sanctuary policy and a 287(g) agreement are different programs, and R30 has no county baseline here.",
    example='"c"',
)
_q.add(
    "interval-kind",
    "choice",
    r68_interval_kind,
    [
        "Run evidence.findings(rows=['R68']).interval_kind, or read the 'Range comes from' column of Sherburne's "
        "table.",
        "A range across specifications is the lowest and highest result over a study's models.",
    ],
    "Right. It is a range across specifications, so it is never labelled a confidence interval.",
    example='"a"',
)
_q.add(
    "transfer",
    "choice",
    "a",
    [
        "Read the list of four reasons under the table of whom the findings describe (section 2).",
        "Who lives in Minnesota differs from who was studied: notebook 07 showed where Minnesota's immigrants were born.",
    ],
    "Right. The studies mostly measured Hispanic residents; Minnesota's immigrants come mostly from Asia and Africa.",
    example='"a"',
)

QUESTIONS = _q.questions
