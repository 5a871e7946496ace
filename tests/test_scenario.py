"""Notebook 08's what-if and brief cells: a published effect applied to a county's own counts stays a range, in the
right units, for every county; a unit that cannot become people is refused; a split county gets every member.

The arithmetic lives in the notebook's cells, where a student reads it, so these tests run those cells (every code
cell up to the brief form, in order, as a fresh kernel would) and call the functions they define.
"""

from __future__ import annotations

import io
import math
import sys
from contextlib import redirect_stdout
from functools import cache
from typing import Any

import nbformat
import pandas as pd
import pytest

from helpers import NoData, brief, evidence, load
from helpers.paths import NOTEBOOKS_DIR
from helpers.questions import nb08

NOTEBOOK = NOTEBOOKS_DIR / "08_looking_ahead.ipynb"
LAST_CELL = "nb08-s8-build"  # the cell before the brief form: everything the form calls is defined by then
JAIL = "287(g), jail model"


@cache
def _cells() -> dict[str, Any]:
    if str(NOTEBOOKS_DIR) not in sys.path:
        sys.path.insert(0, str(NOTEBOOKS_DIR))  # `import series_setup`, as in a kernel started in notebooks/
    namespace: dict[str, Any] = {}
    with redirect_stdout(io.StringIO()):  # say() and tables print their text outside a kernel
        for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, cell.id, "exec"), namespace)
            if cell.get("id") == LAST_CELL:
                return namespace
    raise AssertionError(f"notebook 08 has no cell {LAST_CELL!r}")


@pytest.fixture(scope="module")
def nb() -> Any:
    class Cells(dict):
        __getattr__ = dict.__getitem__

    return Cells(_cells())


def _finding(unit_group: str, low: float = math.nan, high: float = math.nan, effect: float = math.nan) -> pd.Series:
    """A made-up row of the findings table: only the columns the what-if reads."""
    return pd.Series({"row_id": "X1", "short_cite": "Made up (2020)", "unit_group": unit_group, "unit_axis": unit_group,
                      "effect": effect, "interval_low": low, "interval_high": high})


# --- people, in words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [(7, "fewer than 10"), (-7, "fewer than 10"), (44, "about 40"), (45, "about 50"), (1_234, "about 1,200"),
     (23_456, "about 23,000"), (-128.1, "about 130")],
)
def test_people_are_rounded_honestly(nb, value: float, words: str) -> None:
    assert nb.people(value) == words


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [(-128.1, -75.8, "a drop of about 80 to 130 students"),
     (6.9, 15.6, "a rise of fewer than 10 to about 20 students"),
     (2.0, 8.0, "a rise of fewer than 10 students"),
     (-24.0, -18.0, "a drop of about 10 to 30 students"),  # both ends round to 20: rounded outwards instead
     (-3.0, 4.0, "a change of fewer than 10 students, up or down"),
     (-5.0, 15.0, "from a drop of fewer than 10 to a rise of about 20 students")],
)
def test_change_text_is_always_a_range_or_a_bound(nb, low: float, high: float, text: str) -> None:
    assert nb.change_text(low, high, "students") == text
    assert nb.change_text(high, low, "students") == text  # the order of the ends does not matter


# --- the arithmetic, on made-up findings -------------------------------------------------------------------


def test_a_percent_change_meets_every_baseline_at_every_end(nb) -> None:
    assert nb.what_if(_finding("pct", -15.0, -5.0), [200, 300]) == (-45.0, -10.0)  # far end x larger baseline


def test_percentage_points_move_people_out_of_a_group(nb) -> None:
    assert nb.what_if(_finding("pp", 1.0, 2.0), [1_000, 1_000]) == (10.0, 20.0)


def test_a_point_effect_gets_its_range_from_the_two_baselines(nb) -> None:
    assert nb.what_if(_finding("pct", effect=-10.0), [758, 1_281]) == pytest.approx((-128.1, -75.8))


def test_a_change_in_an_average_stays_per_person(nb) -> None:
    assert nb.what_if(_finding("grams", -83.5, -33.5), [40, 120]) == (-83.5, -33.5)
    text = nb.grams_text(-83.5, -33.5, [39.4, 125.3], "births a year")
    assert text == "34 to 84 grams lower on average, for each of about 40 to 130 births a year"


@pytest.mark.parametrize(("row_id", "unit"), [("R14", "log points"), ("R18", "per 10% less reporting"),
                                              ("R63", "ratio"), ("R70", "ratio"), ("R09", "words only")])
def test_units_that_cannot_become_people_are_refused_clearly(nb, row_id: str, unit: str) -> None:
    """Log points, an elasticity, ratios and a finding stated in words: each named, with what to use instead."""
    finding = evidence.findings(rows=[row_id]).iloc[0]
    with pytest.raises(NoData, match=rf"{row_id}: its unit, .*{unit}.*, cannot become a number of people") as refused:
        nb.what_if(finding, [100, 200])
    assert "Use a finding given as a percent change, percentage points or grams." in str(refused.value)


# --- the what-if table, for the series' counties -------------------------------------------------------------


def test_sherburne_jail_model_reads_as_the_model_brief(nb) -> None:
    table = nb.what_if_table(nb.plans[JAIL], "Sherburne").set_index("row_id")
    assert table.loc["R52", "What-if"] == "a drop of about 80 to 130 Hispanic students, if the effect carried over"
    assert table.loc["R52", "Range comes from"].startswith("the two baselines only: no interval was published")
    assert table.loc["R52", "Baseline"] == ("758 Hispanic children 5–17 (ACS 2018–22) or 1,281 Hispanic students "
                                            "enrolled (MDE 2022–23)")
    assert table.loc["R64", "What-if"].startswith("34 to 84 grams lower on average, for each of about 40 to 120 births")
    assert table.loc["R64", "Range comes from"] == "the 95% confidence interval and the two baselines"
    assert table.loc["R67", "What-if"].startswith("a rise of fewer than 10 to about 20 adults in fair or poor health")
    assert table.loc["R68", "Range comes from"] == ("the range across specifications (not a confidence interval) "
                                                    "and the two baselines")
    assert table.loc["R68", "Studied"].startswith("Latin American-born adults") and "2000" in table.loc["R68", "Studied"]
    assert math.isnan(table.loc["R42", "low"]) and table.loc["R42", "What-if"].startswith("not estimated: the series")
    assert table.loc["R42", "Range comes from"] == ""  # no range, so no source of one


@pytest.mark.parametrize("county", ["Sherburne", "Hennepin", "Kandiyohi"])
def test_the_school_range_is_the_one_the_questions_expect(nb, county: str) -> None:
    row = nb.what_if_table(nb.plans[JAIL], county).set_index("row_id").loc["R52"]
    assert (row.low, row.high) == pytest.approx(nb08.school_range(county))


def test_every_county_gets_a_range_under_every_scenario(nb) -> None:
    assert len(nb.base) == 87
    small = 0
    for scenario_name, rows in nb.plans.items():
        for county in nb.base.index:
            table = nb.what_if_table(rows, county)
            done = table[table.baselines.map(len) > 0]
            assert done.low.notna().all() and (done.low <= done.high).all(), (county, scenario_name)
            assert done["What-if"].str.endswith(", if the effect carried over").all()
            assert not table["What-if"].str.contains(r"\bnan\b|None|about 0\b").any(), (county, scenario_name)
            for _, row in done[done.unit_group != "grams"].iterrows():
                if min(abs(row.low), abs(row.high)) < 10:
                    small += 1
                    assert "fewer than 10" in row["What-if"], (county, row.row_id, row["What-if"])
    assert small > 0, "some small county's end is said as 'fewer than 10'"


def test_a_county_is_named_in_any_case_and_a_misspelling_gets_a_suggestion(nb) -> None:
    rows = nb.plans[JAIL]
    assert nb.what_if_table(rows, " sherburne ").equals(nb.what_if_table(rows, "Sherburne"))
    with pytest.raises(KeyError, match=r"'Sherburn' is not one of the choices.*Did you mean 'Sherburne'"):
        nb.what_if_table(rows, "Sherburn")
    with pytest.raises(TypeError, match=r"County should be one of .*given NoneType None"):
        nb.what_if_table(rows, None)


def test_the_explorer_names_a_bad_scenario_and_says_when_nothing_fits(nb) -> None:
    with pytest.raises(KeyError, match=r"Scenario 'sanctuary' is not one of the choices"):
        nb.what_if_view("Sherburne", "sanctuary", "All outcomes")
    with pytest.raises(NoData, match="Try another outcome or scenario"):
        nb.what_if_view("Sherburne", "Stops honouring detainers", "All outcomes")
    assert nb.what_if_view("Sherburne", JAIL, "Births").frame.Finding.tolist() == ["Tome et al. (2021), R64"]


# --- who represents a county -----------------------------------------------------------------------------


def test_a_split_county_gets_every_house_member_with_its_share(nb) -> None:
    xwalk = load("mn_county_cd119_crosswalk")
    for county in ["Anoka", "Hennepin"]:
        pieces = nb.house_members(county)
        assert len(pieces) == pieces.n_districts_in_county.iloc[0] > 1
        assert pieces.share_pct.sum() == pytest.approx(100) and pieces.share_pct.is_monotonic_decreasing
        assert pieces.share_pct.to_numpy() == pytest.approx(100 * pieces.share_of_county_pop.to_numpy(), abs=1e-3)
    anoka_6 = xwalk[(xwalk.county_name == "Anoka") & (xwalk.district == 6)].iloc[0]
    assert nb.house_members("Anoka").set_index("district").loc[6, "share_pct"] == pytest.approx(nb08.split_share())
    assert nb08.split_share() == pytest.approx(100 * anoka_6.share_of_county_pop, abs=1e-3)


def test_every_county_has_two_senators_and_a_member_for_each_piece(nb) -> None:
    for county in nb.base.index:
        reps = nb.who_represents(county).frame
        assert (reps.chamber == "Senate").sum() == 2
        assert (reps.chamber == "House").sum() == len(nb.house_members(county)) >= 1
    aitkin = nb.who_represents("Aitkin").frame
    assert aitkin[aitkin.chamber == "House"].represents.str.endswith("the whole county").all()
    with pytest.raises(KeyError, match=r"County 'Atlantis' is not one of the choices"):
        nb.who_represents("Atlantis")


# --- the brief the form builds --------------------------------------------------------------------------------


def _build(nb, findings: Any, county: str = "Sherburne") -> brief.Brief:
    return nb.build_brief(county, JAIL, findings, [], "My claim, my evidence, and the point against me.")


def test_the_brief_holds_the_county_figures_and_the_what_if_ranges(nb) -> None:
    made = _build(nb, ("R52", "R64", "R68"))
    markdown = brief.to_markdown(made)
    share = nb.pct(nb.base.loc["Sherburne", "foreign_born_pct"])
    assert "Sherburne County" in markdown and f"**Foreign-born residents**: {share}" in markdown
    assert "a drop of about 80 to 130 Hispanic students, if the effect carried over" in markdown
    assert "- Representative Tom Emmer (Republican), district 6: the whole county" in markdown
    assert "Senators Amy Klobuchar (DFL) and Tina Smith (DFL)" in markdown


@pytest.mark.parametrize("findings", [("R52", "R64"), ("R52", "R52", "R64"), "R52", ("R09", "R12", "R14", "R16", "R17",
                                                                                     "R18")])
def test_the_brief_needs_three_to_five_findings(nb, findings: Any) -> None:
    with pytest.raises(NoData, match="Pick 3 to 5 findings"):
        _build(nb, findings)


def test_an_unknown_finding_is_named(nb) -> None:
    with pytest.raises(KeyError, match=r"Findings 'R999' is not one of the choices"):
        _build(nb, ("R52", "R64", "R999"))
