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
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

import pandas as pd

from . import catalog
from .inputs import choice, choices, number, shown, text
from .text import _missing

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


VERIFIED = Confidence("verified", "verified", True, "read in the source's own text (not a promise that the source is right)")
SUMMARY_ONLY = Confidence("summary only", "summary-only", True,
                          "read in an official summary by the publisher or authors, not in the paper")
NOT_VERIFIED = Confidence("not verified: context only", "not-verified-context-only", False,
                          "read only in news or other third-party coverage, or not found at all; never stated as fact")
CONFIDENCE: dict[str, Confidence] = {"verified": VERIFIED, "verified_summary": SUMMARY_ONLY,
                                     "secondary": NOT_VERIFIED, "unverified": NOT_VERIFIED, "unlabelled": NOT_VERIFIED}


def label(status: Any) -> Confidence:
    """The reader's label for a source's status; anything unknown or missing is `not verified`.

    Case and surrounding spaces do not matter ('Verified' is 'verified').
    """
    return CONFIDENCE.get(status.strip().lower() if isinstance(status, str) else "unlabelled", NOT_VERIFIED)


def _many(values: Any, valid: Iterable[Any], what: str) -> list[Any]:
    """`inputs.choices`, also for an array (what `.unique()` gives); one key given as text is a list of one."""
    return choices(values.tolist() if hasattr(values, "tolist") else values, valid, what)


def confidence_table() -> pd.DataFrame:
    """The three labels and what each means, for a notebook to show once."""
    seen = dict.fromkeys(CONFIDENCE.values())
    return pd.DataFrame(
        [{"Label": c.label, "What it means": c.meaning, "Stated as fact?": "yes" if c.established else "no"} for c in seen]
    )


# --- Facts (the two fact sheets) ----------------------------------------------------------------

# The sheet's own label inside a statement ('… — verified (source text).', '(verified (source text): FOX 9)');
# the series gives its own label, once.
SHEET_LABEL = re.compile(
    r"\s*[—–-]+\s*\*?(?:verified|secondary|unverified)(?: \([^)]*\))?(?:, (?:verify|check|older|consistent "
    r"across many outlets))?\*?(?=[);.]|$)"  # after a dash
    r"|\s*\((?:verified|secondary|unverified)(?: \([^)]*\))?\)|(?<=\()(?:verified|secondary|unverified)"
    r"(?: \([^)]*\))?(?::\s*|, )",  # or as a bracket of its own, or opening one
    re.I,
)
# Private persons named in case titles of the fact sheet: the series names the case by its public party.
PRIVATE_CASE_NAMES: dict[str, str] = {
    "Corey-Gruenes v. Freeborn County": "(names withheld) v. Freeborn County",
    "Esparza v. Nobles County": "(name withheld) v. Nobles County",
}


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

        e.g. "735 counties (ILRC, press release; 2018-01-25; verified)".
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

    def note(self, *, dated: bool = True, linked: bool = False) -> str:
        """'(source; date; confidence)', for a sentence that states the fact in its own words.

        The date is left out when the source already names it (or its month); `linked` links the source.
        """
        where = [self.source_text] if self.source_text else []
        if linked and self.url:
            where = [f"[{where[0] if where else 'source'}]({self.url})"]
        when, named = self.date_as_printed, " ".join(where)  # a source naming the day or its month dates the fact
        if dated and when and when not in named and not any(when.startswith(m) for m in re.findall(r"\d{4}-\d\d(?!-\d)", named)):
            where.append(when)
        where.append(self.label.markdown())
        return f"({'; '.join(where)})"

    def words(self) -> str:
        """The statement as a reader should meet it, without a closing full stop.

        The sheet's own label, its 'AGENCY STATEMENT' tag, a closing note that repeats the source and a
        leading date are left out (the series prints source, date and label once, in its own words);
        private persons named in case titles are withheld.
        """
        words = re.sub(r"^AGENCY STATEMENT(?:, [^.]*)?\.\s*", "", self.statement) if self.agency_statement else self.statement
        if self.url:
            words = re.sub(r",?\s*" + re.escape(self.url), "", words)
        words = re.sub(r"\.(\s*\.)+", ".", SHEET_LABEL.sub("", words))
        if self.source_text:  # a closing '(Star Tribune, 2025-11-01)' repeats the source the note gives
            words = re.sub(r"\s*\(" + re.escape(re.split("[,;]", self.source_text)[0]) + r"[^()]*\)(?=\.?$)", "", words)
        for prefix in (self.date_as_printed, self.source_text):  # '2011-04: Gov. Dayton …' is dated by the note
            if prefix and words.startswith(prefix + ": "):
                words = words[len(prefix) + 2 :]
                words = words[:1].upper() + words[1:]
        for name, withheld in PRIVATE_CASE_NAMES.items():
            words = words.replace(name, withheld)
        return words.rstrip(" .")

    def quote(self, *, cited: bool = False) -> str:
        """Markdown: the statement in full, then its label (with `cited`, its source, date and label).

        An agency statement is introduced as the agency's argument, never as a finding.
        """
        lead = "*Agency statement:* " if self.agency_statement else ""
        words = self.words()
        after = self.note(dated=self.date_as_printed not in words, linked=True) if cited else f"({self.label.markdown()})"
        return f"{lead}{words} {after}."

    def __str__(self) -> str:
        return self.cite()

    def _repr_markdown_(self) -> str:
        return f"{self.cite()}\n\n> {self.quote()}"


def _none(value: object) -> Any:
    return None if _missing(value) else value


def fact(key: str) -> Fact:
    """The fact with this key: a human key such as 'ilrc_735_counties_2018', or an item id ('s3-9', 'p2-A2').

    Case and surrounding spaces do not matter ('P2-A2' is 'p2-A2').
    """
    table = catalog.load(FACTS)
    key = choice(text(key, "A fact's key", "s1-1"), table["fact_id"], "A fact's key")
    row = table[table["fact_id"] == key].iloc[0]
    column = {"key": "fact_id", "quote_text": "quote"}
    values = {f.name: _none(row.get(column.get(f.name, f.name))) for f in fields(Fact)}
    date = values["date"]
    return Fact(**{**values, "date": None if date is None else pd.Timestamp(date).date(),
                   "agency_statement": bool(values["agency_statement"])})  # fmt: skip


def facts_in_section(section: str) -> pd.DataFrame:
    """The facts of one section ('2.3', 'p2-G'); a whole part ('2') includes its subsections (2.1 … 2.5).

    An unknown section raises a KeyError that lists the sections, never an empty table.
    """
    table = catalog.load(FACTS)
    if isinstance(section, numbers.Real) and not isinstance(section, bool) and abs(section) < 1000:
        section = str(section)  # 3 is '3', 2.1 is '2.1'
    sections = sorted(set(table["section"]) | {s.split(".")[0] for s in table["section"]})
    section = choice(text(section, "A section of the fact sheets", "2.3"), sections, "A section of the fact sheets")
    inside = (table["section"] == section) | table["section"].str.startswith(section + ".")
    return table[inside].sort_values(["position", "fact_id"]).reset_index(drop=True)


def facts_markdown(keys: Iterable[str]) -> str:
    """A bulleted Sources list of facts, each a sentence: the statement in full, then (linked source; date; label).

    A statement cited under two keys is listed once.
    """
    ids = _many(keys, catalog.load(FACTS)["fact_id"], "A fact's key")
    return "\n".join(f"- {quoted}" for quoted in dict.fromkeys(fact(key).quote(cited=True) for key in ids))


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
    if _missing(authors):
        return NO_AUTHORS
    if not isinstance(authors, str):
        raise TypeError(f"Give the authors as text, like 'Thomas Miles; Adam Cox'; it was given {shown(authors)}.")
    people = [a.strip() for a in authors.split(";") if a.strip()]
    if not people:
        return NO_AUTHORS
    if len(people) == 1 and ORGANISATION.search(people[0]):
        name = re.split(r"\s*\(|,| data as reported", people[0])[0].strip()
        return ORGANISATION_ROLE.sub("", name).strip() or name
    names = [_last_name(p) for p in people]
    return " & ".join(names) if len(names) <= 2 else f"{names[0]} et al."


NO_AUTHORS = "Authors not recorded"


def year_text(year: Any) -> str:
    """'2014' for a year (a number or its text); 'n.d.' (no date) for a missing one."""
    if _missing(year) or (isinstance(year, str) and not year.strip()):
        return "n.d."
    try:
        value = number(float(year) if isinstance(year, str) else year, "A year")
    except (TypeError, ValueError):
        value = 0.5  # not a number: refused below with the rest
    if not 1000 <= value <= 2999 or value % 1:
        raise ValueError(f"{shown(year)} is not a year; give a year like 2020.")
    return str(int(value))


def short_cite(authors: str, year: Any) -> str:
    """'Hausman (2020)'."""
    return f"{short_authors(authors)} ({year_text(year)})"


def study_cite(study_id: str) -> str:
    """'East et al. (2023)': a study with several rows (a working paper and its published version) is cited
    once, by the authors and year that `research_studies` keeps for it, whichever of its rows is cited."""
    studies = catalog.load(STUDIES).set_index("study_id")
    study = studies.loc[choice(text(study_id, "A study id", "alsan_yang"), studies.index, "A study id")]
    return short_cite(study["authors"], study["year"])


def _findings(row_ids: Any) -> pd.DataFrame:
    """The rows of research_findings for these ids, in the order given: 'r16', ' R16 ' and 'R9' are fine."""
    table = catalog.load(FINDINGS)
    ids = {i: i for i in table["row_id"]} | {re.sub(r"^R0*", "R", i): i for i in table["row_id"]}  # 'R9' is 'R09'
    return table.set_index("row_id", drop=False).loc[[ids[i] for i in _many(row_ids, ids, "A finding's row id")]]


def finding(row_id: str) -> str:
    """A short linked citation for prose, with its label when it is weaker than verified.

    '[Hausman (2020)](https://doi.org/...)', or '... (*not verified: context only*)'.
    """
    row = _findings(text(row_id, "A finding's row id", "R16")).iloc[0]
    name = study_cite(row["study_id"])
    linked = f"[{name}]({row['doi_or_url']})" if str(row["doi_or_url"]).startswith("http") else name
    conf = label(row["verification_status"])
    return linked if conf is VERIFIED else f"{linked} ({conf.markdown()})"


def findings_inline(row_ids: Iterable[str]) -> str:
    """Several short citations for prose: 'A (2014), B (2020) and C (2019)'."""
    items = [finding(r) for r in _findings(row_ids)["row_id"]]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _names(authors: Any) -> str:
    """'A', 'A and B', 'A, B and C'; more than six people are the first three et al."""
    people = [a.strip() for a in str(authors).split(";") if a.strip()] if isinstance(authors, str) else []
    if len(people) > 6:
        return ", ".join(people[:3]) + " et al."
    return " and ".join([", ".join(people[:-1]), people[-1]] if len(people) > 1 else people) or NO_AUTHORS


def references(row_ids: Iterable[str]) -> str:
    """A bulleted Sources list of findings, each study once, as a sentence:

    'Authors (year). *[Title](link)*. Venue (label; findings R09, R10).' The row ids close the line, for a
    reader looking a finding up in the tables and charts that show them.
    """
    lines = []
    for (_study, status), rows in _findings(row_ids).groupby(["study_id", "verification_status"], sort=False, dropna=False):
        r = rows.iloc[0]
        title = r["title"] if isinstance(r["title"], str) and r["title"] else "Title not recorded in the findings table"
        title = f"[{title}]({r['doi_or_url']})" if str(r["doi_or_url"]).startswith("http") else title
        venue = f" {r['venue'].rstrip('.')}" if isinstance(r["venue"], str) and r["venue"] else ""
        stop = "" if title[-1] in "?!." else "."
        row_list = ", ".join(dict.fromkeys(rows["row_id"]))
        found = f"finding{'s' if ',' in row_list else ''} {row_list}"
        lines.append(f"- {_names(r['authors'])} ({year_text(r['year'])}). *{title}*{stop}{venue} "
                     f"({label(status).markdown()}; {found}).")
    return "\n".join(lines)


# --- Tables of data/ ----------------------------------------------------------------------------


def sources(names: Iterable[str]) -> str:
    """A bulleted Sources list of the data tables a notebook used (publisher, licence, link; each publisher once)."""
    lines = []
    for name in _many(names, catalog.resource_names(), "A data table's name"):
        d = catalog.describe(name)
        unique = list({(s.get("title"), s.get("path"), s.get("repository")): s for s in d.sources}.values())
        lines.append(f"- {replace(d, sources=unique).citation()}")
    return "\n".join(lines)
