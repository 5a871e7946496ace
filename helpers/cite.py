"""One way to cite a fact, a finding and a table, and one table of confidence labels.

    from helpers import cite
    f"ILRC counted {cite.fact('ilrc_735_counties_2018').cite()}"   # a fact of the fact sheets
    f"... as {cite.finding('R16')} found"                           # a row of research_findings
    say(cite.sources(["agreements_287g", "states"]))                # a Sources list of data tables
    say(cite.facts_markdown(["ilrc_735_counties_2018", "p2-A2"]))   # a Sources list of facts
    say(cite.references(["R09", "R16"]))                            # a Sources list of findings

Numbers and dates come from the `facts` and `research_findings` tables (built by `make data`), never
from a notebook's own text, so a corrected sheet corrects every notebook.

Readers meet exactly three confidence labels (`CONFIDENCE`), each with one glossary entry. The
sources use more spellings (`verified_summary`, `secondary`, `unverified`, a missing label);
`label()` maps each onto the three, and only `verified` is ever stated as established.
"""

from __future__ import annotations

import datetime as dt
import difflib
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from . import catalog
from .text import _shown

FACTS = "facts"
FINDINGS = "research_findings"
GLOSSARY = "glossary.md"  # beside the notebooks


@dataclass(frozen=True)
class Confidence:
    """One of the three labels a reader meets: its words, its glossary anchor, and whether it is established."""

    label: str
    anchor: str
    established: bool
    meaning: str

    def markdown(self) -> str:
        """The label as prose shows it: plain when established, in italics when not."""
        return self.label if self.established else f"*{self.label}*"


VERIFIED = Confidence(
    "verified", "verified", True, "read in the source's own text (not a promise that the source is right)"
)
SUMMARY_ONLY = Confidence(
    "summary only", "summary-only", True, "read in an official summary by the publisher or authors, not in the paper"
)
NOT_VERIFIED = Confidence(
    "not verified: context only",
    "not-verified-context-only",
    False,
    "read only in news or other third-party coverage, or not found at all; never stated as fact",
)
CONFIDENCE: dict[str, Confidence] = {
    "verified": VERIFIED,
    "verified_summary": SUMMARY_ONLY,
    "secondary": NOT_VERIFIED,
    "unverified": NOT_VERIFIED,
    "unlabelled": NOT_VERIFIED,
}


def label(status: Any) -> Confidence:
    """The reader's label for a source's status; anything unknown or missing is `not verified`.

    Case and surrounding spaces do not matter ('Verified' is 'verified').
    """
    return CONFIDENCE.get(status.strip().lower() if isinstance(status, str) else "unlabelled", NOT_VERIFIED)


def _key(value: Any, what: str, example: str) -> str:
    """A key a reader typed, without surrounding spaces; a clear TypeError or KeyError if it is not one."""
    if not isinstance(value, str):
        raise TypeError(f"{what} is text in quotes, like {example!r}; it was given {_shown(value)}.")
    if not value.strip():
        raise KeyError(f"{what} is empty ({value!r}); give one like {example!r}.")
    return value.strip()


def _many(values: Any, what: str, example: str) -> list[Any]:
    """A list of keys (any iterable: a dict gives its keys); one key given on its own (a string) is a list of one."""
    if isinstance(values, str):
        return [values]
    if not isinstance(values, Iterable):
        raise TypeError(f"Give a list of {what}, like [{example!r}]; it was given {_shown(values)}.")
    return list(values)


def confidence_table() -> pd.DataFrame:
    """The three labels and what each means, for a notebook to show once."""
    seen = dict.fromkeys(CONFIDENCE.values())
    return pd.DataFrame(
        [{"Label": c.label, "What it means": c.meaning, "Stated as fact?": "yes" if c.established else "no"} for c in seen]
    )


# --- Facts (the two fact sheets) ----------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One fact of the sheets: its statement, number, date, confidence and source."""

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
    quote_text: str | None = None
    agency_statement: bool = False

    @property
    def established(self) -> bool:
        """True only for facts the sheet labels `verified` (read in the source's own text)."""
        return label(self.confidence).established

    @property
    def label(self) -> Confidence:
        return label(self.confidence)

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

        e.g. "735 counties (ILRC, press release, 2018-01-25; verified)".
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
        return f"{head} {self.note()}"

    def note(self, *, dated: bool = True) -> str:
        """'(source; date; confidence)', for a sentence that states the fact in its own words."""
        where = [self.source_text] if self.source_text else []
        when = self.date_as_printed
        if dated and when and not any(when in w for w in where):
            where.append(when)
        where.append(self.label.markdown())
        return f"({'; '.join(where)})"

    def quote(self) -> str:
        """Markdown: the whole statement as the sheet words it, then its confidence label.

        An agency statement is introduced as the agency's argument, never as a finding.
        """
        statement = re.sub(r"^AGENCY STATEMENT(?:, [^.]*)?\.\s*", "", self.statement) if self.agency_statement else self.statement
        statement = SHEET_LABEL_AT_END.sub("", statement).rstrip() or statement  # the label follows, in the series' words
        lead = "*Agency statement:* " if self.agency_statement else ""
        return f"{lead}{statement} ({self.label.markdown()})"

    def __str__(self) -> str:
        return self.cite()

    def _repr_markdown_(self) -> str:
        return f"{self.cite()}\n\n> {self.statement}"


# A statement that ends with the sheet's own label ('… — verified (source text).'); quote() gives the series' label.
SHEET_LABEL_AT_END = re.compile(
    r"\s*[—–-]+\s*\*?(?:verified|secondary|unverified)(?: \([^)]*\))?\*?(?=\)\.?$)"  # inside a closing bracket
    r"|\s*[—–-]+\s*\*?(?:verified|secondary|unverified)(?: \([^)]*\))?\*?\.?$",  # or at the very end
    re.I,
)


def _none(value: object) -> Any:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value  # type: ignore[arg-type]


def fact(key: str) -> Fact:
    """The fact with this key: a human key such as 'ilrc_735_counties_2018', or an item id ('s3-9', 'p2-A2').

    Case and surrounding spaces do not matter ('P2-A2' is 'p2-A2').
    """
    key = _key(key, "A fact's key", "s1-1")
    table = catalog.load(FACTS)
    hit = table[table["fact_id"] == key]
    if hit.empty:
        folded = table[table["fact_id"].str.casefold() == key.casefold()]
        hit = folded if len(folded) == 1 else hit
    if hit.empty:
        ids = table["fact_id"].tolist()
        close = difflib.get_close_matches(str(key), ids, n=5, cutoff=0.5)
        hint = f" Close matches: {', '.join(close)}." if close else ""
        raise KeyError(f"No fact '{key}' in the fact sheets.{hint} `cite.keys()` lists the human keys.")
    row = hit.iloc[0]
    date = _none(row["date"])
    get = row.get
    return Fact(
        key=str(row["fact_id"]),
        statement=str(row["statement"]),
        value=_none(row["value"]),
        value_text=_none(row["value_text"]),
        unit=_none(row["unit"]),
        date=pd.Timestamp(date).date() if date is not None else None,
        date_precision=_none(row["date_precision"]),
        confidence=str(row["confidence"]),
        source_text=_none(row["source_text"]),
        url=_none(row["url"]),
        section=str(row["section"]),
        value_high=_none(row["value_high"]),
        date_text=_none(row["date_text"]),
        confidence_label=_none(row["confidence_label"]),
        quote_text=_none(get("quote")),
        agency_statement=bool(_none(get("agency_statement")) or False),
    )


def keys() -> list[str]:
    """Every human key, in the sheet's order."""
    table = catalog.load(FACTS)
    return table.loc[table["keyed"].fillna(False).astype(bool), "fact_id"].tolist()


def facts_in_section(section: str) -> pd.DataFrame:
    """The facts of one section ('2.3', 'p2-G'); a whole part ('2') includes its subsections (2.1 … 2.5).

    An unknown section raises a KeyError that lists the sections, never an empty table.
    """
    table = catalog.load(FACTS)
    if isinstance(section, numbers.Real) and not isinstance(section, bool) and abs(section) < 1000:
        section = str(section)  # 3 is '3', 2.1 is '2.1'
    section = _key(section, "A section of the fact sheets", "2.3")
    sections = sorted(set(table["section"]))
    section = {s.casefold(): s for s in sections}.get(section.casefold(), section)
    inside = (table["section"] == section) | table["section"].str.startswith(section + ".")
    if not inside.any():
        close = difflib.get_close_matches(section, sections, n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise KeyError(f"No section {section!r} in the fact sheets.{hint} Choose one of the sections: {', '.join(sections)}.")
    return table[inside].sort_values(["position", "fact_id"]).reset_index(drop=True)


# Private persons named in case titles of the fact sheet: a Sources list names the case by its public party.
PRIVATE_CASE_NAMES: dict[str, str] = {
    "Corey-Gruenes v. Freeborn County": "the taxpayers' case against Freeborn County",
    "Esparza v. Nobles County": "the case against Nobles County",
}


def facts_markdown(keys: Iterable[str]) -> str:
    """A bulleted Sources list of facts: id, date, confidence, statement (shortened), link; each statement once."""
    lines: list[str] = []
    seen: dict[str, int] = {}
    for key in _many(keys, "fact keys", "s1-1"):
        f = fact(key)
        if f.statement in seen:
            i = seen[f.statement]
            lines[i] = lines[i].replace("` (", f"`, `{f.key}` (", 1)
            continue
        text = f.statement
        for name, plain in PRIVATE_CASE_NAMES.items():
            text = text.replace(name, plain)
        text = text if len(text) <= 220 else text[:217].rsplit(" ", 1)[0] + "…"
        link = f" <{f.url}>" if f.url else ""
        seen[f.statement] = len(lines)
        lines.append(f"- `{f.key}` ({f.date_as_printed or 'undated'}; {f.label.markdown()}): {text}{link}")
    return "\n".join(lines)


# --- Findings (research_findings) ---------------------------------------------------------------

STUDIES = "research_studies"
PARTICLES = {"de", "del", "van", "von", "da", "la", "le"}
ORGANISATION = re.compile(
    r"center|court|network|city of|schools|institute|department|university|project|staff|analysis|tribune|news|"
    r"post\b|times\b|clearinghouse|office|agency",
    re.I,
)
# Trailing words that describe who at an organisation wrote it, not the organisation: 'Star Tribune staff'.
ORGANISATION_ROLE = re.compile(r"\s+(?:staff|data analysis|analysis|reporters?|editors?)$", re.I)


def _last_name(person: str) -> str:
    person = re.sub(r"\s*\(.*?\)\s*", " ", person).strip()
    words = person.split()
    if len(words) >= 3 and words[-2].lower() in PARTICLES:
        return " ".join(words[-2:])
    return words[-1] if words else person


def short_authors(authors: str) -> str:
    """'Miles & Cox', 'Treyger et al.', or an organisation's name (without its parenthetical).

    Missing or empty authors read 'Authors not recorded', never 'nan' or 'None'.
    """
    if authors is None or (pd.api.types.is_scalar(authors) and not isinstance(authors, str) and pd.isna(authors)):
        return NO_AUTHORS
    if not isinstance(authors, str):
        raise TypeError(f"Give the authors as text, like 'Thomas Miles; Adam Cox'; it was given {_shown(authors)}.")
    people = [a.strip() for a in authors.split(";") if a.strip()]
    if not people:
        return NO_AUTHORS
    if len(people) == 1 and ORGANISATION.search(people[0]):
        name = re.split(r"\s*\(|,| data as reported", people[0])[0].strip()
        return ORGANISATION_ROLE.sub("", name).strip() or name
    names = [_last_name(p) for p in people]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


NO_AUTHORS = "Authors not recorded"


def year_text(year: Any) -> str:
    """'2014' for a year (a number or its text); 'n.d.' (no date) for a missing one."""
    if year is None or (pd.api.types.is_scalar(year) and not isinstance(year, str) and pd.isna(year)):
        return "n.d."
    number = year
    if isinstance(year, str):
        if not year.strip():
            return "n.d."
        try:
            number = float(year.strip())
        except ValueError:
            number = None
    if isinstance(number, bool) or not isinstance(number, numbers.Real) or not 1000 <= number <= 2999 or number % 1:
        raise ValueError(f"{_shown(year)} is not a year; give a year like 2020.")
    return str(int(number))


def short_cite(authors: str, year: Any) -> str:
    """'Hausman (2020)'."""
    return f"{short_authors(authors)} ({year_text(year)})"


def study_cite(study_id: str) -> str:
    """'East et al. (2023)': one name and year per study, whichever of its rows (a working paper's year) is cited.

    A study with several rows (a working paper and its published version) is cited once, by the
    authors and year that `research_studies` keeps for it.
    """
    study_id = _key(study_id, "A study id", "alsan_yang")
    studies = catalog.load(STUDIES).set_index("study_id")
    study_id = {str(s).casefold(): s for s in studies.index}.get(study_id.casefold(), study_id)
    if study_id not in studies.index:
        close = difflib.get_close_matches(study_id, [str(s) for s in studies.index], n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise KeyError(f"No study {study_id!r} in research_studies.{hint} "
                       "`load('research_studies')` lists every study_id.")
    study = studies.loc[study_id]
    return short_cite(study["authors"], study["year"])


def _row_id(row_id: Any) -> str:
    """A finding's row id as the table writes it: 'r16', ' R16 ' and 'R016' are 'R16'; 'R5' is 'R05'."""
    key = _key(row_id, "A finding's row id", "R16")
    number = re.fullmatch(r"[Rr]\s*0*(\d{1,3})", key)
    return f"R{int(number.group(1)):02d}" if number else key


def _finding_row(row_id: str) -> pd.Series:
    row_id = _row_id(row_id)
    df = catalog.load(FINDINGS)
    hit = df[df["row_id"] == row_id]
    if hit.empty:
        raise KeyError(f"No finding {row_id!r} in research_findings; row ids run from R01 to R{len(df):02d}.")
    return hit.iloc[0]


def finding(row_id: str) -> str:
    """A short linked citation for prose, with its label when it is weaker than verified.

    '[Hausman (2020)](https://doi.org/...)', or '... (*not verified: context only*)'.
    """
    row = _finding_row(row_id)
    name = study_cite(row["study_id"])
    text = f"[{name}]({row['doi_or_url']})" if str(row["doi_or_url"]).startswith("http") else name
    conf = label(row["verification_status"])
    return text if conf is VERIFIED else f"{text} ({conf.markdown()})"


def findings_inline(row_ids: Iterable[str]) -> str:
    """Several short citations for prose: 'A (2014), B (2020) and C (2019)'."""
    items = [finding(r) for r in _many(row_ids, "finding row ids", "R16")]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def references(row_ids: Iterable[str]) -> str:
    """A bulleted Sources list of findings: 'Authors (year). *Title*. Venue. URL (label)', each study once."""
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for row_id in _many(row_ids, "finding row ids", "R16"):
        r = _finding_row(row_id)
        study = (str(r["study_id"]), str(r["verification_status"]))
        if study in seen:
            continue
        seen.add(study)
        title = r["title"] if isinstance(r["title"], str) and r["title"] else "Title not recorded in the findings table"
        venue = f" {r['venue']}." if isinstance(r["venue"], str) and r["venue"] else ""
        conf = label(r["verification_status"]).markdown()
        lines.append(f"- {r['authors']} ({year_text(r['year'])}). *{title}*.{venue} {r['doi_or_url']} ({conf}; `{r['row_id']}`)")
    return "\n".join(lines)


# --- Tables of data/ ----------------------------------------------------------------------------


def sources(names: Iterable[str]) -> str:
    """A bulleted Sources list of the data tables a notebook used (publisher, licence, link; each publisher once)."""
    lines = []
    for name in _many(names, "table names", "states"):
        d = catalog.describe(name)
        unique = list({(s.get("title"), s.get("path"), s.get("repository")): s for s in d.sources}.values())
        lines.append(f"- {replace(d, sources=unique).citation()}")
    return "\n".join(lines)
