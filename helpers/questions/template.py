"""Questions of notebooks/_template.ipynb: examples of the three common kinds of answer."""

from __future__ import annotations

from ..catalog import load
from ..checks import QuestionSet

_q = QuestionSet("tpl")
_q.add(
    "counties",
    "number",
    lambda: len(load("mn_counties")),
    ["Each row of `mn_counties` is one county: count the rows with `len(...)`."],
    "Minnesota has 87 counties; the table has one row for each.",
    example="50",
)
_q.add(
    "hennepin-fips",
    "text",
    lambda: load("mn_counties").set_index("county_name").loc["Hennepin", "county_fips"],
    [
        'Filter the table on `county_name == "Hennepin"` and read the `county_fips` column.',
        'Minnesota\'s state code is 27, so the answer starts with "27".',
    ],
    "Hennepin's code is 27053: 27 for Minnesota, 053 for the county.",
    example='"27001"',
)
_q.add(
    "describe",
    "choice",
    "b",
    ["One function returns data, one marks answers; the third explains a table."],
    "`describe` shows a table's source, licence, coverage and caveats.",
    example='"a"',
)
QUESTIONS = _q.questions
