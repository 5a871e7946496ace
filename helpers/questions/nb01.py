"""Questions of notebooks/01_nationwide_response.ipynb."""

from __future__ import annotations

from ..catalog import load
from ..checks import QuestionSet
from ..landscape import growth_numbers, state_ranking

_q = QuestionSet("01")
_q.add(
    "field-model",
    "choice",
    "b",
    [
        "Reread the table of the kinds of cooperation: which model works outside the jail?",
        "Two of the three models act on people already in a jail.",
    ],
    "The task force model lets ICE-trained local officers question and arrest people for immigration "
    "violations during their regular work in the field; the other two act inside the jail.",
    example='"a"',
)


def _task_force_latest() -> int:
    return growth_numbers()["by_model_latest"]["Task Force Model"]


_q.add(
    "task-force-latest",
    "number",
    _task_force_latest,
    [
        "Look at the right panel of the growth chart: which line ends highest, and at what value?",
        "Hover over the last point of the dashed red line, or read the sentence printed under the chart.",
    ],
    "Right: that is the number of task force agreements on ICE's latest sheet, none of which existed before 2025.",
    example="100",
)


def mn_rank_range() -> tuple[int, int]:
    """Minnesota's place on the latest sheet: (best, worst) within its tie, e.g. (27, 29) for a three-way tie.

    Tied states share the best place (the `rank` column), but counting bars from the top gives any place
    inside the tie, so the check accepts the whole range.
    """
    r = state_ranking()
    best = int(r.loc[r["state_abbr"] == "MN", "rank"].iloc[0])
    return best, best + int((r["rank"] == best).sum()) - 1


def _mn_rank_middle() -> float:
    low, high = mn_rank_range()
    return (low + high) / 2


def _mn_rank_tolerance() -> float:
    low, high = mn_rank_range()
    return ((high - low) / 2 + 0.01) / _mn_rank_middle()


_q.add(
    "minnesota-rank",
    "number",
    _mn_rank_middle,
    [
        "The ranking chart lists the states from most agreements to fewest; Minnesota's bar is highlighted.",
        "Count the bars from the top down to the highlighted one. Hover over the bars next to it: states with the "
        "same count are tied, and tied states share the best place among them.",
    ],
    "Right. Minnesota is tied with other states that hold the same number of agreements: tied states share the "
    "best place among them (the `rank` column of `landscape.state_ranking()`), and any place inside the tie is "
    "accepted here, because counting bars gives one of them.",
    tolerance=_mn_rank_tolerance(),
    example="10",
)
_q.add(
    "compare-counts",
    "choice",
    "c",
    [
        "Look at the column 'What they counted' in the table of counts: are the units the same?",
        "Who published each count, and under which definition? Is either list meant to be complete?",
    ],
    "Neither comparison works: ILRC counted counties that would not hold people on detainers; DOJ named "
    "the jurisdictions it calls sanctuaries and says its list is not exhaustive. Different publishers, "
    "units and criteria: a fall from one number to the other says nothing about a trend.",
    example='"a"',
)


def _doj_states() -> int:
    listed = load("doj_sanctuary_jurisdictions_2025")
    return int((listed["jurisdiction_level"] == "state").sum())


_q.add(
    "doj-states",
    "number",
    _doj_states,
    [
        "The map's subtitle, or the table of DOJ's list, gives the number of states.",
        "DOJ counts the District of Columbia among the states.",
    ],
    "Right: DOJ listed that many states, counting the District of Columbia as one of them.",
    example="5",
)
_q.add(
    "ddor-absence",
    "bool",
    False,
    [
        "How many rows of ICE's 2017 table were recovered, out of how many?",
        "The table's title says what kind of sample it is; what does a missing row tell you about a sample?",
    ],
    "Right: only a partial sample of ICE's table was recovered, mostly from news coverage, so a place that "
    "is missing may simply not have been reported. Absence from a partial sample means nothing.",
    example="True",
)
QUESTIONS = _q.questions
