"""Read part 2 of the fact sheet (facts/balance_facts_2026.md) into one record per top-level bullet.

Part 2 is laid out differently from part 1, so it has its own small parser. Sections are lettered
('## A. The case for cooperation …'; there is no section F), and every item is one top-level bullet:
a first line with a bold lead and one or more sentences, then one line per field, indented under it:
'Date:'/'Dates:', 'Source:', 'Confidence:', 'Quote …:', and free notes ('Balance note:', '(WaPo …)').
The rules, each applied where it is written below:

- id: `p2-<letter><n>`, n counting the top-level bullets of the lettered section from 1.
- statement: the bullet's first line (its bold lead and the sentences after it), emphasis removed.
- confidence: the weakest label printed anywhere in the bullet or in its section's heading (§G's heading
  says every item is *secondary*); verified > secondary > unverified. A bullet with no italic label
  that says 'not verified' in plain words is `unverified`. Exception, `STATEMENT_LABELS`: where the
  Confidence line labels the statement itself verified and only a detail weaker (a date, a side figure),
  the row carries the statement's label and says which detail is weaker.
- date: on the 'Date:'/'Dates:' line, the first ISO day (YYYY-MM-DD); else the first month or year
  there ('July 2025' is a month). Where the line names several events (`DATE_OF`), the day of the
  event the statement is about ('decided 2017-07-24', not 'argued 2017-04-04'). A bullet without such a line is undated: a date elsewhere in its text
  is a source's publication date, not the date of the fact.
- source and url: the 'Source:' line (a URL in brackets shown as its host name, others dropped) and its
  first URL; without one, part 1's best-effort attribution (`source_of`) and the bullet's first URL.
- agency statement: the bullet starts with 'AGENCY STATEMENT' (an argument an agency makes, not a fact).
- quote: the text of the 'Quote …:' line without its quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .research_factsheet import (
    DATE_DAY,
    DATE_FISCAL,
    DATE_MONTH,
    DATE_MONTH_NAME,
    DATE_YEAR,
    LABEL_SPAN,
    URL,
    FactSheetError,
    ParsedDate,
    clean_source,
    first_url,
    label_words,
    parse_date_text,
    source_of,
    strip_emphasis,
    weakest,
)

PART = "p2"

# Items whose statement the sheet labels verified while a detail is weaker: (label, what is weaker).
# The build checks that each item still carries a weaker label somewhere, so an edited sheet is noticed.
STATEMENT_LABELS: dict[str, tuple[str, str]] = {
    "p2-A1": ("verified", "the statement verified (source text); its date secondary"),
    "p2-C1": ("verified", "the bill summary verified (source text); the signing date secondary"),
    "p2-C2": ("verified", "the bill's content verified (source text); the signing date secondary"),
    "p2-D1": ("verified", "the memo verified (source text); the PEP rollout date secondary"),
    "p2-E3": ("verified", "the letter and its scope verified (source text); the 'four to nine times' figure secondary"),
    "p2-E5": ("verified", "complaint, findings letter and judgment verified (source text); the appeal's withdrawal secondary"),
}
# Items whose Date(s) line names several events: the word before the day the statement is about.
DATE_OF: dict[str, str] = {"p2-B2": "decided"}
SECTION_HEADING = re.compile(r"^## ([A-Z])\.\s+(.+?)\s*$")
TOP_BULLET = re.compile(r"^- (.*)$")
FIELD_LINE = re.compile(r"^(Dates?|Source|Confidence|Quote)(?: \(([^)]*)\))?:\s*(.*)$")
AGENCY_STATEMENT = re.compile(r"^\**AGENCY STATEMENT\b")
# A bullet with no italic label can still say in plain words that it was not verified (§C 'Other states').
PLAIN_UNVERIFIED = re.compile(r"\bnot verified\b", re.IGNORECASE)


@dataclass
class Part2Item:
    """One top-level bullet of part 2, with what the rules above derive from it."""

    letter: str
    section_title: str
    n: int
    lines: list[str]  # the bullet's first line, then its indented lines, as printed
    section_labels: list[str] = field(default_factory=list)  # labels printed in the section heading

    @property
    def fact_id(self) -> str:
        return f"{PART}-{self.letter}{self.n}"

    @property
    def section(self) -> str:
        return f"{PART}-{self.letter}"

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    def field_lines(self, name: str) -> list[tuple[str, str]]:
        """(note in brackets, text) of every line of this field ('Date' matches 'Date:' and 'Dates:')."""
        out = []
        for line in self.lines[1:]:
            match = FIELD_LINE.match(line)
            if match and match.group(1).rstrip("s") == name:
                out.append((match.group(2) or "", match.group(3)))
        return out

    @property
    def statement(self) -> str:
        return strip_emphasis(self.lines[0])

    @property
    def agency_statement(self) -> bool:
        return AGENCY_STATEMENT.match(self.lines[0]) is not None

    @property
    def labels(self) -> list[str]:
        """Confidence labels printed in the bullet, as printed ('verified (source text)')."""
        return [(m.group(1) + (m.group(2) or "")).strip() for m in LABEL_SPAN.finditer(self.text)]

    def confidence(self) -> tuple[str, str, str]:
        """(confidence, basis, label as printed): the weakest of the bullet's and its section heading's labels."""
        own = weakest([w for label in self.labels for w in label_words(label)])
        heading = weakest([w for label in self.section_labels for w in label_words(label)])
        printed = "; ".join(self.labels)
        if own is None and heading is None:
            plain = PLAIN_UNVERIFIED.search(self.text)
            if plain:
                return "unverified", "own_label", plain.group(0)
            return "unlabelled", "none", ""
        overall = weakest([w for w in (own, heading) if w is not None])
        assert overall is not None
        if self.fact_id in STATEMENT_LABELS:
            label, why = STATEMENT_LABELS[self.fact_id]
            if overall == label:
                raise FactSheetError(
                    f"fact sheet part 2 {self.fact_id}: STATEMENT_LABELS expects a weaker detail, but every label is "
                    f"'{label}'; remove the entry or check the sheet"
                )
            return label, "statement_label", why
        return overall, "own_label" if own == overall else "section", printed

    def date(self) -> ParsedDate | None:
        """The first ISO day on the Date(s) line, else its first month or year (see the module docstring)."""
        lines = self.field_lines("Date")
        if len(lines) > 1:
            raise FactSheetError(f"fact sheet part 2 {self.fact_id}: more than one Date line")
        if not lines:
            return None
        text = URL.sub(" ", lines[0][1])
        if self.fact_id in DATE_OF:
            chosen = re.search(rf"\b{DATE_OF[self.fact_id]}\s+({DATE_DAY.pattern})", text)
            if not chosen:
                raise FactSheetError(f"fact sheet part 2 {self.fact_id}: no '{DATE_OF[self.fact_id]} YYYY-MM-DD' on its Date line")
            return parse_date_text(chosen.group(1))
        day = DATE_DAY.search(text)
        found = (
            [day]
            if day
            else [m for p in (DATE_MONTH, DATE_MONTH_NAME, DATE_FISCAL, DATE_YEAR) if (m := p.search(text))]
        )
        if not found:
            return None
        return parse_date_text(min(found, key=lambda m: m.start()).group(0))

    def source(self) -> tuple[str, str]:
        """(source_text, url): from the Source line, else part 1's best-effort attribution of the bullet."""
        lines = self.field_lines("Source")
        if len(lines) > 1:
            raise FactSheetError(f"fact sheet part 2 {self.fact_id}: more than one Source line")
        if lines:
            text = re.sub(r",\s*\(", " (", clean_source(_shorten_urls(lines[0][1])))  # ', (quoting …)' left by a URL
            return text, first_url(lines[0][1])
        return source_of(self.lines[0]), first_url(self.text)

    def quote(self) -> str:
        """The Quote line's text without the quotation marks around it ('' if the bullet has none)."""
        lines = self.field_lines("Quote")
        if len(lines) > 1:
            raise FactSheetError(f"fact sheet part 2 {self.fact_id}: more than one Quote line")
        if not lines:
            return ""
        text = lines[0][1].strip()
        if not (text.startswith('"') and text.endswith('"')):
            raise FactSheetError(f"fact sheet part 2 {self.fact_id}: the quote is not in quotation marks: {text!r}")
        return text[1:-1].strip()


def _shorten_urls(text: str) -> str:
    """A Source line's text with each URL in brackets shown as its host name; other URLs are dropped.

    'Publisher, URL' needs no address (the first one is in the url column), but '(copy: URL)' would read
    '(copy: )' without one, so it becomes '(copy: tr.scribd.com)'.
    """

    def replace(url: re.Match[str]) -> str:
        before = text[: url.start()]
        in_brackets = before.count("(") > before.count(")")
        return urlsplit(url.group(0)).netloc.removeprefix("www.") if in_brackets else " "

    return URL.sub(replace, text)


def parse_part2(markdown: str) -> list[Part2Item]:
    """The top-level bullets of part 2, in document order; anything of another shape stops the build."""
    items: list[Part2Item] = []
    letter = title = None
    heading_labels: list[str] = []
    counters: dict[str, int] = {}
    current: Part2Item | None = None
    for line in markdown.splitlines():
        heading = SECTION_HEADING.match(line)
        if heading:
            letter, title, current = heading.group(1), strip_emphasis(heading.group(2)), None
            if letter in counters:
                raise FactSheetError(f"fact sheet part 2: section {letter} appears twice")
            counters[letter] = 0
            heading_labels = [m.group(1).strip() for m in LABEL_SPAN.finditer(heading.group(2))]
            continue
        if line.startswith("#") and letter is not None:
            raise FactSheetError(f"fact sheet part 2: heading not of the form '## A. Title': {line[:60]!r}")
        if letter is None or title is None:
            continue  # the preamble: title, purpose and the label legend
        bullet = TOP_BULLET.match(line)
        if bullet:
            counters[letter] += 1
            current = Part2Item(letter, title, counters[letter], [bullet.group(1).strip()], list(heading_labels))
            items.append(current)
        elif line.startswith(" ") and line.strip():
            if current is None:
                raise FactSheetError(f"fact sheet part 2 §{letter}: indented text outside a bullet: {line[:60]!r}")
            if line.lstrip().startswith("- "):
                raise FactSheetError(f"fact sheet part 2 §{letter}: sub-bullets are not expected: {line[:60]!r}")
            current.lines.append(line.strip())
        elif line.strip():
            raise FactSheetError(f"fact sheet part 2 §{letter}: text outside a bullet: {line[:60]!r}")
    if not items:
        raise FactSheetError("fact sheet part 2: no lettered sections with bullets found")
    return items
