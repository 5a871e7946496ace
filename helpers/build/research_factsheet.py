"""Read the fact sheet (a Markdown file) into items with a date, a confidence label and a source.

The sheet is prose written for people: numbered sections, bullets and sub-bullets, two tables, and
confidence labels in italics (`*verified (source text)*`, `*secondary*`, `*unverified*`). This module
turns it into one record per bullet, sub-bullet and row of the §7.2 table by rules that are written
down here, so that nothing is copied by hand and a changed sheet either rebuilds the same way or
fails loudly. The registry of keyed facts (research_fact_keys.py) then picks single items by an
anchor phrase and reads their numbers from the text.

Rules in brief (each is explained where it is applied):
- section: the most specific numbered heading above the item ("2.3"); the preamble is skipped.
- confidence: the weakest label printed in the item; else a label carried by a "Source(s):" or
  "— *label*" sibling bullet; else, for a heading bullet ("Contested figures:") or one whose sources
  are in a "Sources:" sub-bullet, the label its sub-bullets share; else `unlabelled` (§9, "Not
  found / to verify", is `unverified`).
- date: the date that starts the item (bold or followed by a colon); else the first date in its text
  (day, then month, then year); else its parent's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .core import BuildError

CONFIDENCE_ORDER = ("unverified", "secondary", "verified")  # weakest first
CONFIDENCES = (*CONFIDENCE_ORDER, "unlabelled")
DATE_PRECISIONS = ("day", "month", "year", "fiscal_year")

# Sections whose tables are data: §7.2 rows become items; the §1 table is the essay-claims table.
ITEM_TABLE_SECTIONS = ("7.2",)
CLAIMS_TABLE_SECTION = "1"

HEADING = re.compile(r"^(#{2,3})\s+(\d+(?:\.\d+)?)\.?\s+(.+?)\s*$")
BULLET = re.compile(r"^( *)- (.*)$")
URL = re.compile(r"https?://[^\s)]+")
# A confidence label is an italic span whose text starts with one of the three label words.
LABEL_SPAN = re.compile(
    r"(?<!\*)\*(?!\*)((?:verified|secondary|unverified)\b[^*]*)\*(?!\*)(\s+as an? (?:[\w-]+ )*?claim)?"
)
LABEL_WORD = re.compile(r"\b(unverified|verified|secondary)\b")
BOLD_START = re.compile(r"^\*\*(.+?)\*\*")

MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_MONTH_NAME = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_QUALIFIER = r"(?:(?:early|late|mid|end|spring|summer|fall|autumn|winter|in|around|by)\s+)?"
# Date shapes, most precise first. Years are 19xx/20xx and never part of a longer number or code
# (case numbers such as A18-2011 or bill numbers such as SF2724 are not years).
DATE_DAY = re.compile(r"(?<![\d-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?:/\d{2})?(?!\d)")
DATE_MONTH = re.compile(r"(?<![\d-])((?:19|20)\d{2})-(\d{2})(?![\d-])")
DATE_MONTH_NAME = re.compile(r"\b(" + _MONTH_NAME + r")\s+((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
DATE_FISCAL = re.compile(r"\bFY\s?((?:19|20)\d{2})(?:[–-]FY\s?(?:19|20)\d{2})?(?!\d)")
DATE_YEAR = re.compile(r"(?<![\w/.§:-])((?:19|20)\d{2})(?:[–-](?:\d{4}|\d{2}))?(?![\d/-])")
_DATE_EXPR = (
    _QUALIFIER
    + r"(?:(?:19|20)\d{2}-\d{2}-\d{2}(?:/\d{2})?|(?:19|20)\d{2}-\d{2}|"
    + _MONTH_NAME
    + r"\s+(?:19|20)\d{2}|FY\s?(?:19|20)\d{2}(?:[–-]FY\s?(?:19|20)\d{2})?|(?:19|20)\d{2}(?:[–-](?:\d{4}|\d{2}))?)"
)
# 'DATE: …' or 'DATE (note): …' at the start of an item.
LEADING_DATE = re.compile(r"^(" + _DATE_EXPR + r")(?:\s*\(([^)]*)\))?\s*:", re.IGNORECASE)
# A bold span that starts an item is its date when it is a date ('**2014-06**') or 'Name, date'
# ('**DHS list, 2025-05-29**'); a bold sentence that merely mentions a year is not.
BOLD_DATE = re.compile(r"^(?:[^,*]{1,40},\s*)?(" + _DATE_EXPR + r")$", re.IGNORECASE)


class FactSheetError(BuildError):
    """The fact sheet does not have the shape this parser expects, or a key does not fit it."""


@dataclass(frozen=True)
class ParsedDate:
    """A date read from the text: ISO day, its precision and the words as printed."""

    iso: str
    precision: str
    text: str


@dataclass
class Item:
    """One bullet, sub-bullet or table row of the sheet, with what the rules derive from it."""

    position: int  # order in the document, 1-based
    section: str
    section_title: str
    n: int  # order within the section, 1-based
    kind: str  # bullet / sub_bullet / table_row
    raw: str  # the Markdown text as printed, bullet marker removed
    parent: int | None = None  # position of the parent bullet
    children: list[int] = field(default_factory=list)
    cells: dict[str, str] | None = None  # table rows only
    statement: str = ""
    labels: list[str] = field(default_factory=list)  # label texts printed in the item
    confidence: str = "unlabelled"
    confidence_basis: str = "none"
    date: ParsedDate | None = None
    date_basis: str = "none"
    source_text: str = ""
    url: str = ""

    @property
    def item_id(self) -> str:
        return f"s{self.section}-{self.n}"


@dataclass
class Sheet:
    """The parsed sheet: its items in document order and the raw rows of the §1 claims table."""

    items: list[Item]
    claim_rows: list[dict[str, str]]

    def by_position(self, position: int) -> Item:
        return self.items[position - 1]

    def in_section(self, section: str) -> list[Item]:
        return [i for i in self.items if i.section == section]


# --- text helpers ---------------------------------------------------------------------------


def strip_emphasis(text: str) -> str:
    """Markdown text without emphasis or code marks (the sheet uses no literal asterisks)."""
    return re.sub(r"\s+", " ", text.replace("**", "").replace("*", "").replace("`", "")).strip()


def weakest(labels: list[str]) -> str | None:
    """The weakest of confidence words (unverified < secondary < verified); None for none."""
    found = [w for w in labels if w in CONFIDENCE_ORDER]
    return min(found, key=CONFIDENCE_ORDER.index) if found else None


def label_words(text: str) -> list[str]:
    """Every label word in a label text, e.g. 'verified (page exists); figure secondary'."""
    return LABEL_WORD.findall(text)


def first_url(text: str) -> str:
    match = URL.search(text)
    return match.group(0).rstrip(".,;") if match else ""


def parse_date_text(text: str) -> ParsedDate | None:
    """Read one date expression (e.g. '2017-03-20/23', 'February 2017', 'In 2025–26', 'FY2016').

    The first date of a range is taken. A month is its first day; a year its 1 January; a federal
    fiscal year its first day, 1 October of the year before.
    """
    for pattern, kind in (
        (DATE_DAY, "day"),
        (DATE_MONTH, "month"),
        (DATE_MONTH_NAME, "month_name"),
        (DATE_FISCAL, "fiscal_year"),
        (DATE_YEAR, "year"),
    ):
        match = pattern.search(text)
        if match:
            return _to_date(match, kind, text.strip())
    return None


def first_date_in_text(text: str) -> ParsedDate | None:
    """The first full date in the text; else the first month; else the first year (URLs ignored)."""
    text = URL.sub(" ", text)
    day = DATE_DAY.search(text)
    if day:
        return _to_date(day, "day", day.group(0))
    months = [m for m in (DATE_MONTH.search(text), DATE_MONTH_NAME.search(text)) if m]
    if months:
        match = min(months, key=lambda m: m.start())
        return _to_date(match, "month" if match.re is DATE_MONTH else "month_name", match.group(0))
    fiscal = DATE_FISCAL.search(text)
    year = DATE_YEAR.search(text)
    if fiscal and (not year or fiscal.start() < year.start()):
        return _to_date(fiscal, "fiscal_year", fiscal.group(0))
    if year:
        return _to_date(year, "year", year.group(0))
    return None


def _to_date(match: re.Match[str], kind: str, printed: str) -> ParsedDate:
    try:
        if kind == "day":
            y, m, d = int(match.group(1)), int(match.group(2)), int(match.group(3))
            return ParsedDate(dt.date(y, m, d).isoformat(), "day", printed)
        if kind == "month":
            return ParsedDate(dt.date(int(match.group(1)), int(match.group(2)), 1).isoformat(), "month", printed)
        if kind == "month_name":
            month = MONTHS[match.group(1).lower().rstrip(".")]
            return ParsedDate(dt.date(int(match.group(2)), month, 1).isoformat(), "month", printed)
        if kind == "fiscal_year":
            return ParsedDate(dt.date(int(match.group(1)) - 1, 10, 1).isoformat(), "fiscal_year", printed)
        return ParsedDate(dt.date(int(match.group(1)), 1, 1).isoformat(), "year", printed)
    except ValueError as error:
        raise FactSheetError(f"fact sheet: '{match.group(0)}' is not a valid date ({error})") from None


def leading_date(raw: str) -> ParsedDate | None:
    """The date that starts an item: a bold span at the start holding a date, or 'DATE:' / 'DATE (…):'."""
    bold = BOLD_START.match(raw)
    if bold:
        if BOLD_DATE.match(bold.group(1).strip()):
            found = parse_date_text(bold.group(1))
            if found is not None:
                return ParsedDate(found.iso, found.precision, bold.group(1).strip())
        return None
    match = LEADING_DATE.match(raw)
    if match:
        found = parse_date_text(match.group(1))
        if found is not None:
            return ParsedDate(found.iso, found.precision, match.group(1).strip())
    return None


def top_level_groups(text: str) -> list[str]:
    """Contents of the outermost (…) groups of a text, in order."""
    groups, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
    return groups


LABEL_TOKEN = "\x00"  # stands in for a removed label while parentheses are matched


def has_date(text: str) -> bool:
    """Whether a text names a day, a month or a year."""
    return any(p.search(text) for p in (DATE_DAY, DATE_MONTH, DATE_MONTH_NAME, DATE_YEAR))


def clean_source(text: str) -> str:
    """A source attribution without labels, URLs, emphasis or the punctuation they leave behind."""
    text = LABEL_SPAN.sub(" ", text.replace(LABEL_TOKEN, " "))
    text = URL.sub(" ", text)
    text = strip_emphasis(text)
    text = re.sub(r"\s*—\s*(?=[,;:]|$)", "", text)  # a dash that introduced a removed label
    text = re.sub(r"\s+([,;.])", r"\1", text)
    text = re.sub(r"([,;])(?=[,;])", "", text)
    return text.strip(" ,;:.—").strip()


def source_of(raw: str) -> str:
    """Best-effort source attribution of an item (what a citation would name).

    The sheet's habit is '(Publisher, date — *label*)'. In order: the last parenthesised group that
    holds a label; the last group with a URL or a date; the last group that ends the item; the text
    after 'Source(s):'; a short 'Publisher, date:' prefix. Groups that are only a date, a number or a
    cross-reference ('see §2.3') are not sources.
    """
    marked = LABEL_SPAN.sub(LABEL_TOKEN, raw)
    groups = [g for g in top_level_groups(marked) if _looks_like_source(g)]
    for test in (
        lambda g: LABEL_TOKEN in g,
        lambda g: URL.search(g) is not None or has_date(URL.sub(" ", g)),
        lambda g: re.search(re.escape("(" + g + ")") + r"[\s.;,—" + LABEL_TOKEN + r"]*$", marked) is not None,
    ):
        for group in reversed(groups):
            if test(group):
                return clean_source(group)
    plain = LABEL_SPAN.sub(" ", raw)
    if re.match(r"^Sources?:", strip_emphasis(plain)):
        return clean_source(re.sub(r"^\W*Sources?:\s*", "", plain))
    lead = LEADING_DATE.match(raw)
    if lead and lead.group(2):  # '2014 (State Demographic Center via ILCM): …'
        return clean_source(lead.group(2))
    prefix = re.match(r"^([^:(*]{3,80}):\s", raw)
    if prefix and has_date(prefix.group(1)) and "," in prefix.group(1):  # 'ILRC, press release, 2018-01-25: …'
        return clean_source(prefix.group(1))
    return ""


def _looks_like_source(group: str) -> bool:
    cleaned = clean_source(group)
    return bool(re.search(r"[A-Za-z]{2}", cleaned)) and not re.match(r"^(see|e\.g\.)\b", cleaned, re.IGNORECASE)


def segments(raw: str) -> list[str]:
    """An item cut after each confidence label: the stretch of text each label vouches for.

    'A (X — *verified*). B — *secondary*.' gives ['A (X — *verified*).', 'B — *secondary*.'].
    Text after the last label (a comment with no label of its own) stays with the last segment.
    """
    cuts = [0]
    for match in LABEL_SPAN.finditer(raw):
        end = match.end()
        while end < len(raw) and raw[end] in ").];,: ":
            end += 1
        if raw.startswith("(", end) and not raw[match.end() : end].strip(" "):
            # '*verified (source text)* (Publisher …)': the source named right after the label belongs to it
            group = top_level_groups(raw[end:])
            if group:
                end += len(group[0]) + 2
                while end < len(raw) and raw[end] in ").];,: ":
                    end += 1
        cuts.append(end)
    pieces = [raw[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(raw)], strict=True)]
    pieces = [p for p in pieces if p]
    if len(pieces) > 1 and not LABEL_SPAN.search(pieces[-1]):
        pieces[-2:] = [pieces[-2] + " " + pieces[-1]]
    return pieces or [raw]


# --- parsing --------------------------------------------------------------------------------


def parse_sheet(markdown: str) -> Sheet:
    """Split the sheet into items and the claims table, then derive confidence, date and source."""
    items: list[Item] = []
    claim_rows: list[dict[str, str]] = []
    section = title = None
    counters: dict[str, int] = {}
    stack: list[Item] = []  # open bullets by level
    table: list[list[str]] = []

    def flush_table() -> None:
        if not table:
            return
        header, body = table[0], table[2:]
        if len(table) < 2 or not set("".join(table[1])) <= set("-: "):
            raise FactSheetError(f"fact sheet §{section}: a table has no header separator row")
        rows = [dict(zip(header, cells, strict=True)) for cells in body]
        if section == CLAIMS_TABLE_SECTION:
            claim_rows.extend(rows)
        elif section in ITEM_TABLE_SECTIONS:
            for row in rows:
                add_item("table_row", " | ".join(row.values()), None, cells=row)
        else:
            raise FactSheetError(f"fact sheet §{section}: unexpected table (header {header}); teach the parser")
        table.clear()

    def add_item(kind: str, raw: str, parent: Item | None, cells: dict[str, str] | None = None) -> Item:
        assert section is not None and title is not None
        counters[section] = counters.get(section, 0) + 1
        item = Item(len(items) + 1, section, title, counters[section], kind, raw, cells=cells)
        if parent is not None:
            item.parent = parent.position
            parent.children.append(item.position)
        items.append(item)
        return item

    for line in markdown.splitlines():
        heading = HEADING.match(line)
        if line.startswith("|"):
            table.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        flush_table()
        if heading:
            section, title = heading.group(2), heading.group(3)
            stack.clear()
            continue
        if line.startswith("#") or section is None:
            continue  # unnumbered headings and the preamble (title, label legend) are not facts
        bullet = BULLET.match(line)
        if bullet:
            level = len(bullet.group(1)) // 2
            if level > 1 or level > len(stack):
                raise FactSheetError(f"fact sheet §{section}: bullet nested deeper than expected: {line[:60]!r}")
            del stack[level:]
            parent = stack[-1] if stack else None
            stack.append(add_item("sub_bullet" if level else "bullet", bullet.group(2).strip(), parent))
        elif line.startswith(" ") and line.strip() and stack:
            stack[-1].raw += " " + line.strip()  # a wrapped line continues the open bullet
        elif line.strip():
            stack.clear()  # a paragraph (e.g. "Note: …") ends the list; paragraphs are not items
    flush_table()
    sheet = Sheet(items, claim_rows)
    for item in sheet.items:
        _read_item(item)
    _resolve_confidence(sheet)
    _resolve_dates(sheet)
    _resolve_sources(sheet)
    return sheet


def _read_item(item: Item) -> None:
    """Statement, printed labels and URL of one item, from its own text only."""
    if item.cells is not None:
        cells = item.cells
        item.statement = strip_emphasis(f"{cells['Date']}: {cells['Count']} ({cells['Source']})")
        item.labels = [cells["Confidence"]]
        item.url = first_url(" ".join(cells.values()))
        item.source_text = clean_source(cells["Source"])
        return
    item.statement = strip_emphasis(item.raw)
    item.labels = [(m.group(1) + (m.group(2) or "")).strip() for m in LABEL_SPAN.finditer(item.raw)]
    item.url = first_url(item.raw)


def _own_confidence(item: Item) -> str | None:
    return weakest([w for label in item.labels for w in label_words(label)])


def _carrier_label(item: Item) -> str | None:
    """The label a 'Sources:' bullet or a bullet that starts '— *label*' lends its siblings.

    A 'Sources:' bullet lends its weakest label; a '— *label*. Later …' bullet lends only the label
    it starts with (the rest of it is a separate statement with its own label).
    """
    if item.kind != "sub_bullet":
        return None
    if re.match(r"^Sources?:", item.statement):
        return _own_confidence(item)
    lead = re.match(r"^—\s*" + LABEL_SPAN.pattern, item.raw)
    if lead:
        return weakest(label_words(lead.group(1)))
    return None


def _resolve_confidence(sheet: Sheet) -> None:
    """Apply the confidence rules (module docstring) to every item."""
    for item in sheet.items:
        own = _own_confidence(item)
        if own is not None:
            item.confidence, item.confidence_basis = own, "own_label"
    # Siblings: unlabelled sub-bullets take the label of a 'Sources:' or '— *label*' sibling.
    for parent in sheet.items:
        kids = [sheet.by_position(p) for p in parent.children]
        lent = {c for c in (_carrier_label(k) for k in kids) if c is not None}
        if len(lent) == 1:
            for kid in kids:
                if kid.confidence_basis == "none":
                    kid.confidence, kid.confidence_basis = next(iter(lent)), "sources_bullet"
    # Children (deepest first): a bullet with no label takes its sub-bullets' label if they all agree.
    # Only for bullets whose content is in their sub-bullets: a heading bullet ending in ':' ("Contested
    # figures:") or one whose sources sit in a 'Sources:' sub-bullet. A bullet that makes a statement of its
    # own and is merely followed by another dated statement (e.g. §5 2026-01-07) stays unlabelled.
    for item in reversed(sheet.items):
        if item.confidence_basis != "none" or not item.children:
            continue
        kids = [sheet.by_position(p) for p in item.children]
        if not (item.statement.endswith(":") or any(re.match(r"^Sources?:", k.statement) for k in kids)):
            continue
        seen = {_carrier_label(k) or k.confidence for k in kids}
        if len(seen) == 1 and "unlabelled" not in seen:
            item.confidence, item.confidence_basis = next(iter(seen)), "children"
    # A section whose heading says its items were not found ("Not found / to verify") is unverified.
    for item in sheet.items:
        if item.confidence_basis == "none" and item.section_title.lower().startswith("not found"):
            item.confidence, item.confidence_basis = "unverified", "section"


def _resolve_dates(sheet: Sheet) -> None:
    """Apply the date rules (module docstring) to every item, parents before their sub-bullets."""
    for item in sheet.items:
        if item.cells is not None:
            item.date, item.date_basis = parse_date_text(item.cells["Date"]), "table"
            if item.date is not None:
                item.date = ParsedDate(item.date.iso, item.date.precision, item.cells["Date"])
            continue
        lead = leading_date(item.raw)
        if lead is not None:
            item.date, item.date_basis = lead, "leading"
            continue
        found = first_date_in_text(strip_emphasis(item.raw))
        if found is not None:
            item.date, item.date_basis = found, "first_in_text"
        elif item.parent is not None and sheet.by_position(item.parent).date is not None:
            item.date, item.date_basis = sheet.by_position(item.parent).date, "parent"


def _resolve_sources(sheet: Sheet) -> None:
    """Source attribution: the item's own; else a 'Sources:' sibling's or sub-bullet's; else the parent's."""
    for item in sheet.items:
        if item.cells is None:
            item.source_text = source_of(item.raw)
    for item in sheet.items:
        if item.source_text:
            continue
        family = item.children[:]
        if item.parent is not None:
            family += [p for p in sheet.by_position(item.parent).children if p != item.position]
        for pos in family:
            other = sheet.by_position(pos)
            if re.match(r"^Sources?:", other.statement) and other.source_text:
                item.source_text = other.source_text
                break
        else:
            # A sub-bullet that carries no label of its own continues its parent's statement.
            if item.parent is not None and item.confidence_basis != "own_label":
                item.source_text = sheet.by_position(item.parent).source_text
