"""The fact-sheet parser and the key registry, on a fake sheet (the accessor is tested in test_cite.py)."""

from __future__ import annotations

import pytest

from helpers.build.research_fact_keys import KeySpec, read_key, read_keys, redact
from helpers.build.research_factsheet import FactSheetError, parse_sheet

FAKE_SHEET = """# A fake fact sheet

Preamble text.

- **verified (source text)**: a legend bullet in the preamble, not a fact.

## 1. Counts

- **2017-03-20/23**: ICE listed 35 counties (Paper, 2017-03-28 — *verified (source text)*). Later 40 counties (Blog — *secondary*).
- Spring 2018: about 1,200 agreements — *unverified*.
- **Contested figures**:
  - A says 10 officers (X, 2019-05 — *verified (source text)*).
  - B says 12 officers (Y, February 2019 — *verified (source text)*).
- Around FY2016 there were five offices (Z — *secondary*).

### 1.1 Laws
- **2004** (Council File 04-316): created Chapter 44.
  - It bars a thing.
  - Sources: City clerk, https://example.org/x — *verified (source text)*.
"""


@pytest.fixture(scope="module")
def sheet():
    return parse_sheet(FAKE_SHEET)


def test_parser_items(sheet) -> None:
    assert [i.item_id for i in sheet.items] == [
        "s1-1",
        "s1-2",
        "s1-3",
        "s1-4",
        "s1-5",
        "s1-6",
        "s1.1-1",
        "s1.1-2",
        "s1.1-3",
    ]
    first = sheet.items[0]
    assert first.confidence == "secondary"  # weakest of verified and secondary
    assert (first.date.iso, first.date.precision, first.date_basis) == ("2017-03-20", "day", "leading")
    spring = sheet.items[1]
    assert (spring.date.iso, spring.date.precision, spring.date.text) == ("2018-01-01", "year", "Spring 2018")
    assert spring.confidence == "unverified"


def test_children_and_sources_rules(sheet) -> None:
    contested, law, bars = sheet.items[2], sheet.items[6], sheet.items[7]
    assert (contested.confidence, contested.confidence_basis) == ("verified", "children")
    assert sheet.items[4].date.iso == "2019-02-01"  # 'February 2019'
    assert (bars.confidence, bars.confidence_basis) == ("verified", "sources_bullet")
    assert bars.date.iso == "2004-01-01" and bars.date_basis == "parent"
    assert (law.confidence, law.confidence_basis) == ("verified", "children")
    assert law.source_text == bars.source_text == "City clerk"  # from its "Sources:" sub-bullet
    assert sheet.items[8].url == "https://example.org/x"


def test_key_reads_number_from_its_own_statement(sheet) -> None:
    got = read_key(sheet, KeySpec("listed", "1", "ICE listed 35", r"listed (\d+) counties", "counties"))
    assert (got.value, got.value_text, got.confidence) == (35.0, "35", "verified")  # its own segment's label
    assert got.source_text == "Paper, 2017-03-28"
    later = read_key(sheet, KeySpec("later", "1", "Later 40", r"Later (\d+)", "counties"))
    assert later.confidence == "secondary"
    words = read_key(
        sheet, KeySpec("offices", "1", "five offices", r"(five) offices", "offices", date_pattern=r"Around (FY\d{4})")
    )
    assert words.value == 5 and (words.date.iso, words.date.precision) == ("2015-10-01", "fiscal_year")


def test_missing_anchor_fails_loudly(sheet) -> None:
    with pytest.raises(FactSheetError, match="matches 0 items"):
        read_keys(sheet, (KeySpec("gone", "1", "no such phrase"),))


def test_ambiguous_anchor_fails_loudly(sheet) -> None:
    with pytest.raises(FactSheetError, match="matches 2 items"):
        read_keys(sheet, (KeySpec("twice", "1", "says 1"),))


def test_pattern_that_finds_nothing_fails(sheet) -> None:
    with pytest.raises(FactSheetError, match="finds nothing"):
        read_keys(sheet, (KeySpec("nonum", "1", "ICE listed 35", r"(\d+) jails"),))
    with pytest.raises(FactSheetError, match="registered twice"):
        read_keys(sheet, (KeySpec("k", "1", "ICE listed 35"), KeySpec("k", "1", "ICE listed 35")))


def test_redaction_phrase_must_exist() -> None:
    with pytest.raises(FactSheetError, match="occurs 0 times"):
        redact("no names here", (("Somebody", "a person"),))


def test_unexpected_table_fails() -> None:
    with pytest.raises(FactSheetError, match="unexpected table"):
        parse_sheet("## 3. Other\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
