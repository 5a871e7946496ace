"""Cite the series' fact sheet from a notebook, with its confidence label attached.

    from helpers.facts import fact
    f"ILRC counted {fact('ilrc_735_counties_2018').cite()}"
    # -> "ILRC counted 735 counties (ILRC, press release, 2018-01-25; verified)"

Numbers and dates come from the `facts` table (built from the fact sheet by `make data`), never from
a notebook's own text, so a corrected sheet corrects every notebook. `cite()` marks every fact that the
sheet does not label `verified` ("reported, not verified"), so a lead is never presented as established.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

import pandas as pd

from . import catalog

RESOURCE = "facts"

# How cite() states each confidence label. Only `verified` facts are established.
CONFIDENCE_PHRASES = {
    "verified": "verified",
    "secondary": "*reported, not verified: secondary source only*",
    "unverified": "*unverified: not found in source text; do not state as fact*",
    "unlabelled": "*reported, not verified: the fact sheet gives no confidence label*",
}


@dataclass(frozen=True)
class Fact:
    """One fact of the sheet: its statement, number, date, confidence and source."""

    key: str
    statement: str
    value: float | None
    value_text: str | None
    unit: str | None
    date: dt.date | None
    date_precision: str | None
    confidence: str
    source_text: str | None
    url: str | None
    section: str
    value_high: float | None = None
    date_text: str | None = None
    confidence_label: str | None = None

    @property
    def established(self) -> bool:
        """True only for facts the sheet labels `verified` (read in the source's own text)."""
        return self.confidence == "verified"

    @property
    def date_as_printed(self) -> str:
        """The date at its precision: an ISO day ('2018-01-25'), else the words as printed ('Spring 2017')."""
        if self.date is None:
            return ""
        if self.date_precision == "day":
            return self.date.isoformat()
        if self.date_text and len(self.date_text) <= 30:
            return self.date_text
        if self.date_precision == "month":
            return self.date.strftime("%Y-%m")
        if self.date_precision == "fiscal_year":
            return f"FY{self.date.year + 1}"
        return str(self.date.year)

    def cite(self) -> str:
        """Markdown: the number (or date) followed by source, date and confidence in parentheses.

        e.g. "735 counties (ILRC, press release, 2018-01-25; verified)" or
        "about 3,000 federal agents (…, 2026-02-12; *reported, not verified: secondary source only*)".
        """
        if self.value_text:
            head = self.value_text
            if self.unit and self.value is not None:
                if "%" in head and self.unit.startswith("percent"):
                    head += self.unit[len("percent") :]
                elif "$" not in head:
                    head += f" {self.unit}"
        else:
            head = self.date_as_printed or self.statement
        where = [self.source_text] if self.source_text else []
        when = self.date_as_printed
        if when and when != head and not any(when in w for w in where):
            where.append(when)
        where.append(CONFIDENCE_PHRASES.get(self.confidence, CONFIDENCE_PHRASES["unlabelled"]))
        return f"{head} ({'; '.join(where)})"

    def quote(self) -> str:
        """Markdown: the whole statement as the fact sheet words it, then its confidence label.

        For facts whose date field is not the date of the figure (e.g. a date mentioned in passing), the
        statement keeps each date beside what it dates, which `cite()` cannot.
        """
        label = CONFIDENCE_PHRASES.get(self.confidence, CONFIDENCE_PHRASES["unlabelled"])
        return f"{self.statement} ({label})"

    def __str__(self) -> str:
        return self.cite()

    def _repr_markdown_(self) -> str:
        return f"{self.cite()}\n\n> {self.statement}"


def _table() -> pd.DataFrame:
    return catalog.load(RESOURCE)


def _none(value: object) -> object:
    return None if value is None or pd.isna(value) else value  # type: ignore[arg-type]


def fact(key: str) -> Fact:
    """The fact with this key: a human key such as 'ilrc_735_counties_2018', or, for a statement the sheet gives
    no key, its item id such as 's3-9'. A keyed statement is found by its key only, not by its item id."""
    table = _table()
    hit = table[table["fact_id"] == key]
    if hit.empty:
        keys = table.loc[table["keyed"].fillna(False).astype(bool), "fact_id"].tolist()
        close = difflib.get_close_matches(str(key), keys, n=5, cutoff=0.5)
        hint = f" Close matches: {', '.join(close)}." if close else ""
        raise KeyError(f"No fact keyed '{key}' in the fact sheet.{hint} `keys()` lists all {len(keys)} keys.")
    row = hit.iloc[0]
    date = _none(row["date"])
    return Fact(
        key=str(row["fact_id"]),
        statement=str(row["statement"]),
        value=_none(row["value"]),  # type: ignore[arg-type]
        value_text=_none(row["value_text"]),  # type: ignore[arg-type]
        unit=_none(row["unit"]),  # type: ignore[arg-type]
        date=pd.Timestamp(date).date() if date is not None else None,  # type: ignore[arg-type]
        date_precision=_none(row["date_precision"]),  # type: ignore[arg-type]
        confidence=str(row["confidence"]),
        source_text=_none(row["source_text"]),  # type: ignore[arg-type]
        url=_none(row["url"]),  # type: ignore[arg-type]
        section=str(row["section"]),
        value_high=_none(row["value_high"]),  # type: ignore[arg-type]
        date_text=_none(row["date_text"]),  # type: ignore[arg-type]
        confidence_label=_none(row["confidence_label"]),  # type: ignore[arg-type]
    )


def keys() -> list[str]:
    """Every human key, in the sheet's order."""
    table = _table()
    return table.loc[table["keyed"].fillna(False).astype(bool), "fact_id"].tolist()


def facts_in_section(section: str) -> pd.DataFrame:
    """The facts of one section ('2.3'); a whole part ('2') includes its subsections (2.1 … 2.5)."""
    table = _table()
    section = str(section)
    inside = (table["section"] == section) | table["section"].str.startswith(section + ".")
    return table[inside].sort_values(["position", "fact_id"]).reset_index(drop=True)


def essay_claims() -> pd.DataFrame:
    """The 2017 essay's claims with the fact sheet's verdicts (the `essay_claims` table)."""
    return catalog.load("essay_claims")
