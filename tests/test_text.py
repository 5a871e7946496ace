"""helpers.text: numbers and dates in words, and sentences shown with dollar signs kept literal."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1843, "1,843"), (1843.6, "1,844"), (None, "no value"), (float("nan"), "no value"), (pd.NA, "no value")],
)
def test_n(value, expected) -> None:
    assert text.n(value) == expected


def test_pct_and_times() -> None:
    assert text.pct(8.26) == "8.3%" and text.pct(12.0, 0) == "12%"
    assert text.pct(None) == "no value"
    assert text.times(13.65) == "about 14 times" and text.times(2.04) == "2.0 times"
    assert text.times(float("nan")) == "no value" and text.times(None) == "no value"


def test_dates_in_words() -> None:
    assert text.day("2026-05-18") == "18 May 2026" and text.month(pd.Timestamp("2026-01-01")) == "January 2026"
    assert text.day(None) == "date not shown" and text.day(pd.NaT) == "date not shown"
    with pytest.raises(ValueError, match="not a date"):
        text.day("next Tuesday")


@pytest.mark.parametrize("bad", [None, 42, ["a sentence"]])
def test_say_refuses_what_is_not_a_sentence(bad) -> None:
    with pytest.raises(TypeError, match="say\\(\\) shows a sentence"):
        text.say(bad)


def test_dollars_stay_dollars_outside_code() -> None:
    out = text.escape_dollars("From $3 to $4, not `$x`.")
    assert out.count(text.DOLLAR) == 2 and "`$x`" in out


# --- Bad inputs answered clearly (see tests/test_bad_inputs.py for the census) ---------------------


def test_numbers_given_as_text_or_one_value_series_are_read_as_the_number() -> None:
    assert text.n("1,843") == "1,843" and text.pct(" 8.25 ") == "8.2%" and text.times("13.6") == "about 14 times"
    assert text.n(pd.Series([1843])) == "1,843"  # what df.loc[mask, "count"] gives for one row


@pytest.mark.parametrize(("bad", "named"), [("abc", "'abc'"), ("", "''"), ([1, 2], r"list \[1, 2\]"),
                                            (10**400, "finite number"), (float("inf"), "finite number")])
def test_a_value_that_is_not_one_number_is_named_in_the_error(bad, named) -> None:
    with pytest.raises((TypeError, ValueError), match=named):
        text.n(bad)


@pytest.mark.parametrize("decimals", [None, -1, 2.5, "two"])
def test_decimals_must_be_a_small_whole_number(decimals) -> None:
    with pytest.raises(ValueError, match="decimals should be a whole number"):
        text.pct(8.25, decimals)


@pytest.mark.parametrize("bad", [42, 2026.5, "", "   ", ["2026-05-18", "2026-05-19"]])
def test_a_number_or_blank_text_is_never_printed_as_a_date(bad) -> None:
    with pytest.raises(ValueError, match="not a date"):
        text.day(bad)
    assert text.day(" 2026-05-18 ") == "18 May 2026" and text.day("1900-01-01") == "1 January 1900"


def test_escape_dollars_refuses_what_is_not_text() -> None:
    with pytest.raises(TypeError, match="NoneType None"):
        text.escape_dollars(None)


# --- Tables as a notebook shows them (issue 15) -----------------------------------------------------

EVENTS = pd.DataFrame({
    "date": ["2025-01-01", "2026-02-03"],
    "Event": ["The county board voted to end its agreement with ICE after a long public hearing " * 2, "short"],
    "Confidence": ["not verified: context only", "verified"],
    "people": [1, 2345],
})


def test_a_table_has_no_row_numbers_and_no_empty_header() -> None:
    html = text.html_table(EVENTS)
    assert "<th></th>" not in html and html.count("<th>") == 4 and "<tbody>\n    <tr>\n      <td>" in html
    named = text.html_table(EVENTS.set_index("date"))  # a named index is an ordinary column
    assert "<th>date</th>" in named and "<th></th>" not in named
    pivot = EVENTS.set_index(["date", "Confidence"])["people"].unstack()  # columns named 'Confidence'
    assert "<th></th>" not in text.html_table(pivot) and "<caption>Columns: Confidence</caption>" in text.html_table(pivot)
    assert "<td>mean</td>" in text.html_table(EVENTS.describe())  # unnamed labels get the header 'row'


def test_a_table_scrolls_with_keyboard_focus_and_is_named() -> None:
    html = text.html_table(EVENTS)
    assert "role='region' tabindex='0' aria-label='Table of date, Event, Confidence, people'" in html
    assert "aria-label='Events in 2025'" in text.html_table(EVENTS, caption="Events in 2025")
    assert text.html_table(EVENTS) == html  # the same table gives the same output (deterministic ids)


def test_long_text_wraps_in_its_column_and_short_text_never_does() -> None:
    html = text.html_table(EVENTS)
    key = html.split("id='")[1].split("'")[0]
    assert f"#{key} tr>:nth-child(2){{min-width:11em;max-width:36em}}" in html  # Event wraps (162 characters)
    assert f"#{key} tr>:nth-child(3){{white-space:nowrap}}" in html  # Confidence is never cut or squeezed
    assert f"#{key} tr>:nth-child(4){{text-align:right;white-space:nowrap}}" in html
    assert "table-layout:auto" in html


def test_a_long_table_is_still_truncated_as_pandas_says() -> None:
    long = pd.DataFrame({"n": range(500)})
    html = text.html_table(long)
    assert html.count("<tr>") == pd.get_option("display.min_rows") + 1  # ten rows and the "..." row
    assert "<td>...</td>" in html and "500 rows × 1 columns" in html


def test_setup_shows_every_frame_through_the_series_table() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    import helpers

    shell = InteractiveShell.instance()
    try:
        helpers.setup()
        helpers.setup()  # twice is harmless
        data, _ = shell.display_formatter.format(EVENTS)
        assert data["text/html"] == text.html_table(EVENTS) and data["text/plain"] == repr(EVENTS)
    finally:
        InteractiveShell.clear_instance()
