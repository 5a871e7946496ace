"""Questions of notebooks/06_stress_on_immigrants.ipynb."""

from __future__ import annotations

from .. import evidence
from .. import immigrant_wellbeing as iw
from ..checks import QuestionSet

_q = QuestionSet("06")
_q.add(
    "causal-design",
    "choice",
    "b",
    [
        "A causal claim needs a comparison that stands in for 'the same people without the policy'. Which design "
        "compares births before and after a change with births that the change did not touch?",
        "A survey links each person's own encounters with enforcement to their answers (an association); one day of "
        "attendance data has no comparison group; a regression across counties cannot rule out other differences "
        "between sanctuary and other counties.",
    ],
    "Tome and co-authors compare birth weights before and after 287(g) arrived in North Carolina counties with the "
    "change among births to families the program did not target (difference-in-differences and triple differences). "
    "Young et al. and Chaparro et al. report associations; the Saint Paul figure is a single day, read only in news coverage.",
    example='"a"',
)


def _grams() -> float:
    return abs(float(evidence.value("R64", "effect")))


_q.add(
    "grams",
    "number",
    _grams,
    [
        "Find the panel 'grams of birth weight' in the health forest chart, or open the card of finding R64.",
        "The answer is the size of the drop, as a positive number of grams (the point, not an end of the interval).",
    ],
    "Right. Notice the interval too: the whole 95% confidence interval lies below zero, unlike Novak's ratio for "
    "low birth weight, whose interval includes 1.",
    tolerance=0.02,
    example="100",
    size_only=True,
)
_q.add(
    "who-snap",
    "choice",
    "b",
    [
        "Open the card of finding R15 in the card explorer and read the line 'Who' and 'When'.",
        "The study is remarkable because the households it measured could not themselves be deported.",
    ],
    "Alsan and Yang's estimate applies to Hispanic citizen-headed households in U.S. counties while Secure "
    "Communities was being switched on (the period chart dates the rollout), most of all mixed-status homes. It says "
    "nothing direct about other groups, places or years.",
    example='"a"',
)


def _null_health() -> tuple[str, ...]:
    health = iw.six_findings("health")
    rows = health[(health["finding_direction"] == evidence.NO_EFFECT) & health["has_ci"].astype(bool)]
    answers: list[str] = []
    for r in rows.itertuples():
        answers += [r.row_id, r.short_cite, r.short_cite.split(" (")[0], r.short_cite.split(" ")[0]]
    return tuple(answers)


_q.add(
    "null-health",
    "text",
    _null_health,
    [
        "In the health forest chart, look for the finding whose line with caps (its 95% interval) crosses the dashed "
        "line of 'no difference'.",
        "In a ratio panel, 'no difference' is 1, not 0.",
    ],
    "Right: Novak and co-authors' risk ratio for low birth weight after the 2008 Postville raid has a 95% interval "
    "that includes 1, so the data are also consistent with no effect, although the point estimate is above 1.",
    example='"R12"',
)
_q.add(
    "transfer",
    "choice",
    "b",
    [
        "Read the population of each finding in the transfer table: which groups were measured?",
        "A finding about one group can suggest a question about another group; it does not answer it.",
    ],
    "The chilling effect on program use was measured among Hispanic and mixed-status households. For Somali, Hmong "
    "or Karen households it is a plausible hypothesis wherever someone in the home is at risk of deportation, to be "
    "checked with data on those households, not a finding.",
    example='"a"',
)


def _mn_hispanic() -> float:
    return round(iw.shares()["mn_hispanic"], 1)


_q.add(
    "mn-hispanic",
    "number",
    _mn_hispanic,
    [
        "The subtitle of the Minnesota map gives it, and the sentence above the map prints it.",
        "It is the population-weighted share of Minnesota's residents who are Hispanic or Latino, ACS 2015–2019, in percent.",
    ],
    "Right: Hispanic residents are a much smaller share of Minnesota's population than of the U.S. population, and "
    "they are concentrated in a few counties.",
    tolerance=0.03,
    example="10.5",
)
QUESTIONS = _q.questions
