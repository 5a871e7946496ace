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
                                            (10**400, "too large"), (float("inf"), "not finite")])
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
