"""Build the research tables of data/: published findings, their studies, the fact sheet and the essay's claims.

Sources (all under ../shared/sources, compiled for this series from archived public pages):
- research/findings.csv with its README.md, and research/findings_balance_2026.csv with its page
  findings_balance_2026.md (R94 onward, same columns): one row per published finding on local cooperation
  with ICE, the two files read as one table;
- facts/minnesota_and_national_facts.md (part 1) and facts/balance_facts_2026.md (part 2): dated facts
  with sources and confidence labels;
- seed_essay_2017.txt: the 2017 essay the series grew from.

The findings table is copied row for row and typed; the columns a chart needs (interval flags, a coarse
design class, the sign that turns an effect into "effect of more enforcement") are derived by rules
written out below. The fact sheet is parsed by research_factsheet.py and keyed by research_fact_keys.py;
part 2 of the sheet, whose items have one line per field, is parsed by research_factsheet_part2.py.
"""

from __future__ import annotations

import re

import pandas as pd

from ..schema import Field
from .common import to_float, to_int
from .core import BuildContext, BuildError, License, Resource, Source
from .research_fact_keys import KEYS, PART2_REDACTIONS, read_keys, redact
from .research_factsheet import (
    CONFIDENCES,
    DATE_PRECISIONS,
    FactSheetError,
    Item,
    Sheet,
    label_words,
    parse_sheet,
    strip_emphasis,
    weakest,
)
from .research_factsheet_part2 import Part2Item, parse_part2
from .research_findings_docs import VERIFICATION, FindingsFile, check_findings

FINDINGS_RAW = "research/findings.csv"
FINDINGS_README = "research/README.md"
FINDINGS_BALANCE_RAW = "research/findings_balance_2026.csv"
FINDINGS_BALANCE_DOC = "research/findings_balance_2026.md"
# The evidence table is both files read as one (README.md says so); each has its own documenting page.
FINDINGS_FILES = (
    FindingsFile(FINDINGS_RAW, FINDINGS_README),
    FindingsFile(FINDINGS_BALANCE_RAW, FINDINGS_BALANCE_DOC),
)
FACTS_RAW = "facts/minnesota_and_national_facts.md"
FACTS_PART2_RAW = "facts/balance_facts_2026.md"
ESSAY_RAW = "seed_essay_2017.txt"

COMPILATION = License("compilation", "Compiled from public sources; each row cites its source")
ESSAY_QUOTATION = License(
    "quotation", "Short quotations of the series' 2017 seed essay, quoted for commentary and fact-checking"
)

# --- research_findings ------------------------------------------------------------------------

POLICIES = ("sanctuary", "287g", "secure_communities", "detainer", "raid", "enforcement_general")
EXPOSURES = ("enforcement_up", "enforcement_down")
OUTCOME_DOMAINS = (
    "crime", "trust_reporting", "labor_market", "income_poverty", "health", "education", "safety_net",
    "deportations", "other",
)  # fmt: skip
SUITABILITY = ("high", "medium", "low", "context_only", "not_suitable")
NUMBER_COLUMNS = ("effect", "ci_low", "ci_high", "se", "range_low", "range_high")

# The sign that turns a row's effect into "the effect of MORE enforcement" (README: flip the sign of
# enforcement_down rows before plotting everything on one axis). The table itself keeps the published sign.
SIGN_TO_MORE_ENFORCEMENT = {"enforcement_up": 1, "enforcement_down": -1}

# Coarse design classes read from the free-text `design` column. The FIRST rule whose pattern matches
# (case-insensitive) wins, so specific designs come before general words such as "survey" or "panel".
# A design that no rule matches stops the build: a new kind of study must be classed by a person.
# (No row is a regression discontinuity, so that class is not offered.)
DESIGN_RULES: tuple[tuple[str, str], ...] = (
    # R85, R86: respondents randomly told whether local police work with ICE (stated intentions)
    (r"survey experiment", "survey_experiment"),
    # R36: the 1986 amnesty as a natural experiment
    (r"natural experiment|randomi[sz]ed (?:controlled|trial|experiment)", "randomised_or_natural_experiment"),
    # R09-R13: "event study / difference-in-differences" -> the event-study label, as the design leads with it
    (r"event study", "event_study"),
    # R84: synthetic control on a state panel (synthetic DiD, R91, is a difference-in-differences below)
    (r"synthetic control", "synthetic_control"),
    # staggered, triple, contiguous-pair and synthetic difference-in-differences
    (r"difference-in-differences|triple difference", "difference_in_differences"),
    # R24, R25, R40
    (r"instrumental", "instrumental_variables"),
    # R01-R06 (Wong 2017) and R22: matched comparisons of places at one time
    (r"matched comparison|matching", "matched_cross_section"),
    # counts, levels and before-after tallies with no comparison group; official rapid estimates (R81-R83)
    (
        r"descriptive|administrative data|administrative estimate|compilation of|count compiled|vital-records",
        "descriptive",
    ),
    # R48, R63, R87: comparison-group designs the sources call quasi-experimental
    (r"quasi-experiment", "quasi_experiment"),
    # R19, R29, R61, R89: one group before and after an event, or a time series
    (r"before-after|time series", "before_after"),
    # R20, R32-R35, R70: regressions on survey answers (self-reports; R20 uses the NCVS victimization survey)
    (r"survey|ncvs", "survey"),
    # fixed-effects, panel and intensity-index regressions
    (
        r"panel|fixed effects|fixed-effects|regression|generalized linear|intensity index|variation by",
        "panel_regression",
    ),
    # R39 (a cost figure cited by authors), R78 (a court ruling), R80 (how a rollout was ordered)
    (r"cost figure|court ruling|activation order", "other"),
)
DESIGN_CLASSES = tuple(dict.fromkeys(label for _, label in DESIGN_RULES))


def design_class(design: str) -> str:
    """The coarse design class of a free-text design description (first matching rule)."""
    for pattern, label in DESIGN_RULES:
        if re.search(pattern, design, re.IGNORECASE):
            return label
    raise BuildError(f"research_findings: no design-class rule matches design {design!r}; add one to DESIGN_RULES")


def read_findings(ctx: BuildContext) -> pd.DataFrame:
    """Both findings files as one table of raw text, after checking each against its documenting page."""
    frames = {f.csv: ctx.read_csv(f.csv) for f in FINDINGS_FILES}
    texts = {f.doc: ctx.path(f.doc).read_text(encoding="utf-8") for f in FINDINGS_FILES}
    check_findings(frames, texts, FINDINGS_FILES)
    ctx.log.note(
        "checked against " + " and ".join(f.doc for f in FINDINGS_FILES) + ": row statuses and headline counts agree"
    )
    raw = pd.concat(list(frames.values()), ignore_index=True)
    ctx.log.step(
        "append " + FINDINGS_BALANCE_RAW,
        len(frames[FINDINGS_RAW]),
        raw,
        why=f"{len(frames[FINDINGS_BALANCE_RAW])} findings added in December 2026 (R94 onward)",
    )
    return raw


def build_research_findings(ctx: BuildContext) -> pd.DataFrame:
    raw = read_findings(ctx)
    out = raw.copy()
    for column in NUMBER_COLUMNS:
        out[column] = to_float(out[column])
    out["year"] = to_int(out["year"], "year")
    out["has_ci"] = out["ci_low"].notna() & out["ci_high"].notna()
    out["has_range"] = out["range_low"].notna() & out["range_high"].notna()
    out["has_number"] = out["effect"].notna() | out["has_range"]
    out["design_class"] = out["design"].map(design_class)
    out["sign_to_more_enforcement"] = out["exposure"].map(SIGN_TO_MORE_ENFORCEMENT)
    ctx.log.step("type numbers, add interval flags, design class and sign", raw, out)
    counts = out["design_class"].value_counts().sort_index()
    ctx.log.note("design classes: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    # Row ids in their numeric order (R09, R10, …, R99, R100): a text sort would put R100 after R10.
    out = out.sort_values("row_id", key=lambda ids: ids.str[1:].astype(int), kind="mergesort")
    return out[[f.name for f in RESEARCH_FINDINGS.fields]]


def _text(name: str, description: str, **kw: object) -> Field:
    return Field(name, "string", description, **kw)  # type: ignore[arg-type]


RESEARCH_FINDINGS = Resource(
    name="research_findings",
    title="Published findings on local cooperation with ICE and its effects",
    description=(
        "One row per published quantitative finding (one outcome, one population, one estimate) on sanctuary "
        "policies, 287(g), Secure Communities, ICE detainers, raids and enforcement intensity, with the estimate, "
        "its interval or range as the source gave it, the design and how well the number was verified. Signs are "
        "as published; `sign_to_more_enforcement` turns every effect into the effect of more enforcement. Built from "
        "the evidence table's two files read as one: findings.csv (R01-R93) and findings_balance_2026.csv (R94-R103, "
        "added December 2026: where ICE makes its arrests, community arrests in 2025, the published East et al., "
        "E-Verify studies on both sides, Minnesota jail revenue from ICE)."
    ),
    group="research",
    sources=[
        Source(
            title=(
                "Evidence table compiled for this series from archived public pages (abstracts, publisher and "
                "institutional summaries, court summaries, news); each row cites its source in `doi_or_url`"
            ),
            raw=(FINDINGS_RAW, FINDINGS_README, FINDINGS_BALANCE_RAW, FINDINGS_BALANCE_DOC),
        )
    ],
    licenses=[COMPILATION],
    coverage="103 findings from 72 studies and sources published 2010–2026; U.S. nation, states, counties and cities",
    build=build_research_findings,
    fields=[
        _text("row_id", "stable key of the finding (R01 …)", required=True, pattern=r"R\d{2,3}"),
        _text("study_id", "short key of the study or source; several findings can share one", required=True),
        _text("authors", "authors as shown in the source text"),
        Field(
            "year",
            "integer",
            "publication year (or working-paper year where only that was seen); blank if not shown",
            minimum=1990,
            maximum=2030,
        ),
        _text("title", "title of the study or source"),
        _text("venue", "journal, report series or publisher; says so where the item is a working paper or report"),
        _text("doi_or_url", "DOI where one was visible, otherwise the best public URL of the source"),
        _text(
            "policy",
            "the policy studied: sanctuary, 287g, secure_communities, detainer, raid or "
            "enforcement_general (intensity indices, PEP, federal surges, survey framings)",
            required=True,
            enum=POLICIES,
        ),
        _text(
            "exposure",
            "which way the policy moves enforcement: enforcement_up (more cooperation or "
            "enforcement) or enforcement_down (sanctuary, detainer refusal, de-prioritisation)",
            required=True,
            enum=EXPOSURES,
        ),
        _text("outcome_domain", "broad kind of outcome", required=True, enum=OUTCOME_DOMAINS),
        _text("outcome", "short description of the measured outcome", required=True),
        _text("population", "the group the estimate applies to (often Hispanic or immigrant people, not everyone)"),
        _text("geography", "where, as stated by the source"),
        _text("period", "when, as stated by the source"),
        _text("design", "study design in words, as compiled (e.g. 'difference-in-differences on staggered rollout')"),
        Field(
            "effect",
            "number",
            "point estimate as published, signed: negative means the outcome fell in the "
            "exposed group relative to the comparison; blank where the source gave no number",
            unit="see effect_unit",
        ),
        _text(
            "effect_unit",
            "unit of effect, ci_low/ci_high and range_low/range_high (percent change, percentage "
            "points, odds ratio, dollars, counts …); units differ between rows",
        ),
        Field(
            "ci_low",
            "number",
            "lower end of the 95% confidence interval, where the source gave one",
            unit="see effect_unit",
        ),
        Field(
            "ci_high",
            "number",
            "upper end of the 95% confidence interval, where the source gave one",
            unit="see effect_unit",
        ),
        Field("se", "number", "standard error, where the source gave one", unit="see effect_unit"),
        Field(
            "range_low",
            "number",
            "low end of a range the source reports across specifications or subgroups; NOT a confidence interval",
            unit="see effect_unit",
        ),
        Field(
            "range_high",
            "number",
            "high end of that range across specifications or subgroups; NOT a confidence interval",
            unit="see effect_unit",
        ),
        _text("effect_as_reported", "the source's own wording of the magnitude, for audit"),
        _text("direction_summary", "one plain sentence summarising the finding (written for this table)"),
        _text("evidence_quote_location", "where in the source the number or finding appears"),
        _text("verified_from", "the public page(s) where the number or finding was read"),
        _text(
            "verification_status",
            "verified: read in the source's own text (not the same as peer reviewed); "
            "verified_summary: read in an official summary; secondary: read only in third-party coverage, "
            "context only",
            required=True,
            enum=VERIFICATION,
        ),
        _text(
            "mn_whatif_suitability",
            "compiler's judgement of fitness for the Minnesota what-if tool (causal "
            "design, clear unit, population that transfers)",
            required=True,
            enum=SUITABILITY,
        ),
        _text("notes", "caveats, conflicting figures, items still to confirm"),
        Field("has_ci", "boolean", "derived: both ends of a 95% confidence interval are given", required=True),
        Field(
            "has_range",
            "boolean",
            "derived: both ends of a range across specifications are given (draw as a range, not a CI)",
            required=True,
        ),
        Field(
            "has_number",
            "boolean",
            "derived: a point estimate or a range is given; false rows state a "
            "direction only and must not be drawn as zero",
            required=True,
        ),
        _text(
            "design_class",
            "derived: coarse design category from `design` by a rule table in the build code "
            "(descriptive, survey and matched rows are associations, not causal effects)",
            required=True,
            enum=DESIGN_CLASSES,
        ),
        Field(
            "sign_to_more_enforcement",
            "integer",
            "derived: +1 for enforcement_up rows, −1 for enforcement_down "
            "rows; multiply effect, interval and range by it to read every row as the effect of more "
            "enforcement (swap low and high after multiplying by −1)",
            required=True,
            minimum=-1,
            maximum=1,
        ),
    ],
    primary_key=["row_id"],
    sort_by=[],  # keep the build's numeric order of row ids (R99 before R100)
    caveats=[
        "Rows marked `secondary` were read only in third-party coverage: use them for context only until the "
        "primary source is checked.",
        "`verified` means the number was read in the source's own text, not that the study was peer reviewed; "
        "working papers and reports say so in `venue`. `verified_summary` numbers come from an official summary "
        "and should be checked against the paper.",
        "Everything was read in archived copies of public pages; no paper was read in full.",
        "37 of 103 rows give a direction only (`has_number` false): show them as labelled markers, never as zeros "
        "with invented intervals.",
        "Count studies (`study_id`), not rows, when saying how many findings point one way: R97 is the published "
        "version of East et al. (2023), the same study as R37-R39 (study_id east2023).",
        "R98-R101 study state E-Verify mandates (worksite enforcement, not police cooperation); R94-R96, R102 and "
        "R103 are descriptive counts (where ICE arrests people, detainers issued, what Minnesota jails charged "
        "ICE), context only.",
        "Signs are as published. Multiply by `sign_to_more_enforcement` before plotting sanctuary and "
        "enforcement rows as one 'effect of more enforcement'.",
        "`range_low`/`range_high` are spreads across specifications or subgroups, not confidence intervals.",
        "Units differ (percent change, percentage points, ratios, dollars, counts): never put different units "
        "on one axis.",
        "Cross-sectional, descriptive and survey rows describe associations or levels, not causal effects; the "
        "survey experiments (R85, R86) measure what people say they would do.",
        "Many effects apply to Hispanic or immigrant groups, not to everyone: read `population`.",
        "`design_class` is this series' coarse grouping of the free-text `design`, not the authors' own label.",
    ],
)

# --- research_studies -------------------------------------------------------------------------


def build_research_studies(ctx: BuildContext) -> pd.DataFrame:
    findings = ctx.table("research_findings")
    # Several rows of one study can cite different versions (east2023: R38 cites the 2019 working paper).
    # The study row takes the bibliographic data of its newest version; ties go to the lowest row_id.
    varied = [
        s for s, g in findings.groupby("study_id") if g[["authors", "year", "title", "venue"]].nunique().max() > 1
    ]
    if varied:
        ctx.log.note(f"studies citing more than one version (newest kept): {', '.join(varied)}")
    newest = findings.sort_values(["study_id", "year", "row_id"], ascending=[True, False, True], na_position="last")
    studies = newest.drop_duplicates("study_id")[["study_id", "authors", "year", "title", "venue", "doi_or_url"]]
    grouped = findings.groupby("study_id")
    studies = (
        studies.set_index("study_id")
        .assign(
            n_findings=grouped.size(),
            n_with_number=grouped["has_number"].sum(),
            verification_statuses=grouped["verification_status"].agg(
                lambda s: "; ".join(v for v in VERIFICATION if v in set(s))
            ),
            policies=grouped["policy"].agg(lambda s: "; ".join(sorted(set(s)))),
            outcome_domains=grouped["outcome_domain"].agg(lambda s: "; ".join(sorted(set(s)))),
            first_row_id=grouped["row_id"].min(),
        )
        .reset_index()
    )
    ctx.log.step("one row per study", findings, studies, why="findings grouped by study_id")
    return studies[[f.name for f in RESEARCH_STUDIES.fields]]


RESEARCH_STUDIES = Resource(
    name="research_studies",
    title="Studies and sources behind the published findings",
    description=(
        "One row per study or source of research_findings, with its bibliographic data and how many findings "
        "it contributes, for a notebook's Sources section."
    ),
    group="research",
    sources=RESEARCH_FINDINGS.sources,
    licenses=[COMPILATION],
    coverage="72 studies and sources published 2010–2026",
    build=build_research_studies,
    fields=[
        _text("study_id", "short key of the study or source (as in research_findings)", required=True),
        _text("authors", "authors as shown in the source text"),
        Field(
            "year",
            "integer",
            "publication year of the newest version cited; blank if not shown",
            minimum=1990,
            maximum=2030,
        ),
        _text("title", "title of the newest version cited"),
        _text("venue", "journal, report series or publisher of the newest version cited"),
        _text("doi_or_url", "DOI or best public URL"),
        Field(
            "n_findings",
            "integer",
            "number of findings (rows of research_findings) from this study",
            required=True,
            minimum=1,
        ),
        Field(
            "n_with_number",
            "integer",
            "how many of those findings give a point estimate or a range",
            required=True,
            minimum=0,
        ),
        _text(
            "verification_statuses",
            "verification statuses of its findings, strongest first, '; '-separated",
            required=True,
        ),
        _text("policies", "policies its findings concern, '; '-separated", required=True),
        _text("outcome_domains", "outcome domains of its findings, '; '-separated", required=True),
        _text("first_row_id", "its first row in research_findings", required=True),
    ],
    primary_key=["study_id"],
    caveats=[
        "Bibliographic data come from the source pages as read; where a study's findings cite different "
        "versions (a working paper and the journal article), the newest is shown.",
        *RESEARCH_FINDINGS.caveats[:2],
    ],
)

# --- facts ------------------------------------------------------------------------------------


def read_sheet(ctx: BuildContext) -> Sheet:
    """The fact sheet, with private persons' names withheld, parsed into items."""
    text = ctx.path(FACTS_RAW).read_text(encoding="utf-8")
    ctx.log.note(f"read {FACTS_RAW}: {len(text.splitlines()):,} lines")
    try:
        return parse_sheet(redact(text))
    except FactSheetError as error:
        raise BuildError(str(error)) from None


def build_facts(ctx: BuildContext) -> pd.DataFrame:
    sheet = read_sheet(ctx)
    try:
        keyed = read_keys(sheet, KEYS)
    except FactSheetError as error:
        raise BuildError(str(error)) from None
    ctx.log.note(f"parsed {len(sheet.items)} items (bullets, sub-bullets, §7.2 table rows); {len(keyed)} keys")
    keyed_items = {k.item.position for k in keyed}
    rows = []
    for item in sheet.items:
        if item.position not in keyed_items:
            rows.append(
                _fact_row(
                    item.item_id,
                    _item_columns(sheet, item),
                    item.statement,
                    item.date,
                    item.date_basis,
                    item.confidence,
                    item.confidence_basis,
                    "; ".join(item.labels),
                    item.source_text,
                )
            )
    for k in keyed:
        item = k.item
        basis = item.confidence_basis if k.confidence == item.confidence else "key_segment"
        rows.append(
            _fact_row(
                k.spec.key,
                _item_columns(sheet, item),
                k.statement,
                k.date,
                k.date_basis,
                k.confidence,
                basis,
                k.confidence_label,
                k.source_text,
                k.value,
                k.value_high,
                k.value_text,
                k.spec.unit,
            )
        )
    ctx.log.step(
        "items to fact rows (one per unkeyed item, one per key)",
        len(sheet.items),
        len(rows),
        why="an item with several keys gives one row per key",
    )
    part2 = read_part2(ctx)
    counts = pd.Series([i.section for i in part2]).value_counts().sort_index()
    ctx.log.note("part 2 bullets by section: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    out = pd.DataFrame(rows + [_part2_row(item, len(sheet.items) + n) for n, item in enumerate(part2, start=1)])
    ctx.log.step(f"append part 2 ({FACTS_PART2_RAW})", len(rows), out, why="one row per top-level bullet of part 2")
    ctx.log.note(
        "part 2 confidence: " + ", ".join(f"{k} {v}" for k, v in out["confidence"][len(rows) :].value_counts().items())
    )
    return out[[f.name for f in FACTS.fields]]


def read_part2(ctx: BuildContext) -> list[Part2Item]:
    """Part 2 of the fact sheet, with private persons' names withheld, one item per top-level bullet."""
    text = ctx.path(FACTS_PART2_RAW).read_text(encoding="utf-8")
    ctx.log.note(f"read {FACTS_PART2_RAW}: {len(text.splitlines()):,} lines")
    try:
        return parse_part2(redact(text, PART2_REDACTIONS))
    except FactSheetError as error:
        raise BuildError(str(error)) from None


def _part2_row(item: Part2Item, position: int) -> dict[str, object]:
    """A fact row for one bullet of part 2: cited by its id (never keyed), with its quote and agency flag."""
    confidence, basis, label = item.confidence()
    date = item.date()
    source, url = item.source()
    base = {
        "item_id": item.fact_id,
        "parent_item_id": None,
        "position": position,
        "section": item.section,
        "section_title": item.section_title,
        "kind": "bullet",
        "url": url or None,
    }
    row = _fact_row(
        item.fact_id, base, item.statement, date, "date_line" if date else "none", confidence, basis, label, source
    )
    row.update(keyed=False, agency_statement=item.agency_statement, quote=item.quote() or None)
    return row


def _item_columns(sheet: Sheet, item: Item) -> dict[str, object]:
    """The columns of a fact row that say where in the sheet it was read."""
    return {
        "item_id": item.item_id,
        "parent_item_id": sheet.by_position(item.parent).item_id if item.parent else None,
        "position": item.position,
        "section": item.section,
        "section_title": item.section_title,
        "kind": item.kind,
        "url": item.url or None,
    }


def _fact_row(
    fact_id: str,
    base: dict[str, object],
    statement: str,
    date: object,
    date_basis: str,
    confidence: str,
    confidence_basis: str,
    label: str,
    source: str,
    value: float | None = None,
    value_high: float | None = None,
    value_text: str = "",
    unit: str | None = None,
) -> dict[str, object]:
    return {
        "fact_id": fact_id,
        **base,
        "keyed": re.fullmatch(r"s[\d.]+-\d+", fact_id) is None,
        "statement": statement,
        "date": getattr(date, "iso", None),
        "date_precision": getattr(date, "precision", None),
        "date_text": getattr(date, "text", None),
        "date_basis": date_basis,
        "confidence": confidence,
        "confidence_label": label or None,
        "confidence_basis": confidence_basis,
        "source_text": source or None,
        "value": value,
        "value_high": value_high,
        "value_text": value_text or None,
        "unit": unit,
        "agency_statement": None,
        "quote": None,
    }


FACTS = Resource(
    name="facts",
    title="Fact sheet: dated facts on Minnesota and national cooperation with ICE, with confidence labels",
    description=(
        "The series' fact sheet as a table: one row per bullet, sub-bullet and row of the 287(g) count table "
        "(§7.2), with its section, statement, principal date, confidence label and source. Facts that notebooks "
        "cite have a human key as `fact_id` and a number read from the sheet's text. Use "
        "`helpers.cite.fact(key).cite()` in notebooks: it marks facts that are not verified. Part 2 of the sheet "
        "(December 2026: the case for cooperation as agencies make it, detainer law, state mandates to cooperate, "
        "Secure Communities and 287(g) history, the oversight record, Minnesota jail revenue from ICE) follows as "
        "one row per top-level bullet, `fact_id` p2-<section letter><n> (e.g. 'p2-A3'), with the sentence read "
        "in `quote`; rows with `agency_statement` true are what an agency says, an argument, not a fact."
    ),
    group="research",
    sources=[
        Source(
            title=(
                "Fact sheet compiled for this series from archived copies of public web pages (news, official "
                "releases, court records, research summaries); each statement names its source"
            ),
            raw=(FACTS_RAW,),
        ),
        Source(
            title=(
                "Fact sheet, part 2 (compiled December 2026 from archived copies of public pages: agency pages and "
                "releases, court opinions, statutes and bill summaries, audit reports, news); each item names its "
                "source and quotes the sentence read"
            ),
            raw=(FACTS_PART2_RAW,),
        ),
    ],
    licenses=[COMPILATION],
    coverage=(
        "part 1: facts dated 2000 to February 2026 (newest items late February 2026); part 2: items dated 2009 to "
        "2025, compiled December 2026; Minnesota and U.S."
    ),
    build=build_facts,
    fields=[
        _text(
            "fact_id",
            "key of the fact: a human key for facts notebooks cite (e.g. 'ilrc_735_counties_2018'), "
            "else s<section>-<n>, the n-th item of that section; in part 2, p2-<section letter><n>, the n-th "
            "top-level bullet of that lettered section (e.g. 'p2-A3')",
            required=True,
            pattern=r"[a-z0-9_.\-]+|p2-[A-Z]\d+",
        ),
        _text(
            "item_id",
            "s<section>-<n>: the bullet or table row the fact was read from (several keys can share one); in "
            "part 2 the same as fact_id",
            required=True,
            pattern=r"s\d+(?:\.\d+)?-\d+|p2-[A-Z]\d+",
        ),
        _text("parent_item_id", "item_id of the bullet this sub-bullet belongs to"),
        Field(
            "position",
            "integer",
            "order of the item in the sheet (1 = first; part 2's items follow part 1's)",
            required=True,
            minimum=1,
        ),
        _text(
            "section",
            "section number of the sheet (e.g. '2.3'); in part 2, p2-<letter> (e.g. 'p2-A')",
            required=True,
            pattern=r"\d+(?:\.\d+)?|p2-[A-Z]",
        ),
        _text("section_title", "title of that section (part 2: the heading text after the letter)", required=True),
        _text("kind", "bullet, sub_bullet or table_row", required=True, enum=("bullet", "sub_bullet", "table_row")),
        Field("keyed", "boolean", "true for facts with a human key that notebooks cite", required=True),
        _text(
            "statement",
            "the text as printed (the compiler's paraphrase), emphasis removed, sources kept; for a "
            "keyed fact in a bullet with several labelled statements, the statement the key is in",
            required=True,
        ),
        Field(
            "date",
            "date",
            "principal date: the date that starts the item; else the first date in its text "
            "(which can be the publication date of the source); else the parent's; months and years are "
            "given as their first day. Part 2: the first ISO day on the item's 'Date:'/'Dates:' line, else the "
            "first month or year there; blank where the item has no such line",
        ),
        _text(
            "date_precision",
            "how precise `date` is: day, month, year, or fiscal_year (federal FY, starts 1 October of the year before)",
            enum=DATE_PRECISIONS,
        ),
        _text("date_text", "the date as printed (e.g. 'Spring 2017', '2017-03-20/23', 'Dec 2024 / Jan 2025')"),
        _text(
            "date_basis",
            "where `date` comes from: leading (starts the item), first_in_text, parent, table "
            "(§7.2 Date column), key (a date the key's rule reads from the text), date_line (part 2: the "
            "item's 'Date:'/'Dates:' line), none",
            required=True,
            enum=("leading", "first_in_text", "parent", "table", "key", "date_line", "none"),
        ),
        _text(
            "confidence",
            "verified (read in the source), secondary (read only in secondary sources: a lead, "
            "not established), unverified (not found in source text: do not publish as fact), unlabelled (no "
            "label in the sheet)",
            required=True,
            enum=CONFIDENCES,
        ),
        _text(
            "confidence_label",
            "the label(s) as printed, e.g. 'verified (page exists); figure secondary' or 'secondary (weak)'",
        ),
        _text(
            "confidence_basis",
            "why this confidence: own_label (weakest label printed in the item), "
            "key_segment (the label of the statement the key is in), sources_bullet (from a sibling "
            "'Sources:' bullet), children (all sub-bullets agree), section (§9 'Not found'; part 2 §G, whose "
            "heading labels every item secondary), statement_label (part 2: the statement is labelled verified and only a "
            "detail weaker; `confidence_label` names the detail), none",
            required=True,
            enum=("own_label", "key_segment", "sources_bullet", "children", "section", "statement_label", "none"),
        ),
        _text(
            "source_text",
            "source attribution as printed (publisher, date), best effort; part 2: the item's 'Source:' line, "
            "a web address in brackets ('copy: …') shortened to its host name",
        ),
        _text("url", "first web address in the item, if any (part 2: the first on its 'Source:' line)"),
        Field(
            "value",
            "number",
            "keyed facts only: the number read from the text (the low end of a range)",
            unit="see unit",
        ),
        Field("value_high", "number", "keyed facts only: the high end when the text gives a range", unit="see unit"),
        _text(
            "value_text",
            "keyed facts only: the words around the number as printed (e.g. 'about 3,000', 'more than 600')",
        ),
        _text("unit", "keyed facts only: what the number counts"),
        Field(
            "agency_statement",
            "boolean",
            "part 2 only: true where the item starts 'AGENCY STATEMENT', i.e. what an agency or official says. "
            "Present it as that ('ICE says …'), an argument, never as established fact; blank for part 1",
        ),
        _text(
            "quote",
            "part 2 only: the sentence the compiler read in the source (the item's 'Quote:' line, quotation "
            "marks removed), for an editor to check; blank where none is given and for part 1",
        ),
    ],
    primary_key=["fact_id"],
    sort_by=["position", "fact_id"],
    caveats=[
        "Only `verified` facts are established. `secondary` facts are leads from secondary sources and "
        "`unverified` ones were not found in source text: never present them as fact (fact(key).cite() marks "
        "them).",
        "Statements are the compiler's paraphrases of archived pages, not quotations; newest items are dated late "
        "February 2026 and later events may be missing.",
        "A bullet with several labels carries the weakest; a keyed fact carries the label of its own statement.",
        "`date` is read by rule: where no date starts the item it is the first date in the text, which can be "
        "the source's publication date. Check `date_text` and `date_basis`.",
        "Counts of 'sanctuary' jurisdictions depend on who counts; there is no legal definition. CIS and FAIR are "
        "restrictionist groups; ILRC is an immigrant-advocacy group.",
        "287(g) counts mix agreements and agencies; one agency can hold several agreement models.",
        "Names of the two people killed during Operation Metro Surge and of the agent named in news reports are "
        "withheld from the statements (no names of private persons); so is, in part 2, the name of the person "
        "whose killing preceded Georgia HB 1105. Public officials and the parties named in court cases are kept.",
        "Part 2 items marked AGENCY STATEMENT (`agency_statement` true, section p2-A) are arguments an agency "
        "makes, some with figures that cannot be checked (e.g. ICE's 46% recidivism for 'one group'): quote them "
        "as the agency's words, never as fact. Every part 2 item in section p2-G comes from news coverage and is "
        "secondary.",
        "Part 2 carries the weakest label printed anywhere in an item, so an item whose main statement is "
        "verified but whose date or one figure is secondary is `secondary`: read `confidence_label` and the item. "
        "Part 2 items without a 'Date:' line are undated (the dates in their text are publication dates).",
    ],
)

# --- essay_claims -----------------------------------------------------------------------------

# Known flaws of the essay's plain-text copy, fixed before sentences are found (see ESSAY_RAW): a lost space
# after the heading word "Nationwide", and footnote marker 1 glued to the next sentence.
ESSAY_FIXES: tuple[tuple[str, str], ...] = (
    ("Nationwideover 600", "Nationwide over 600"),
    ("(ICE) officers.1At least", "(ICE) officers. At least"),
)
# A distinctive phrase per claim; the claim is the essay sentence that contains it.
ESSAY_CLAIM_PHRASES: dict[str, str] = {
    "a": "over 600 states, counties, and municipalities",
    "b": "At least 53 counties",
    "c": "refuse to hold individuals in custody",
    "d": "share fingerprint data",
    "e": "does not have a policy of noncooperation",
    "f": "ICE has not concentrated in MN",
    "g1": "allows in state tuition",
    "g2": "issues drivers' licenses",
    "h": "10,000 additional ICE officers",
}
# Verdict labels from the sheet's bold verdict, first matching rule wins (order matters: "FALSE in 2017"
# and "Overtaken by events" before the generic words; "Unverifiable … Overtaken by events" is overtaken).
VERDICT_RULES: tuple[tuple[str, str], ...] = (
    (r"^false in 2017", "false_in_2017"),
    (r"overtaken by events", "overtaken_by_events"),
    (r"^unverifi", "unverified"),
    (r"^broadly accurate", "broadly_accurate"),
    (r"^substantially accurate", "substantially_accurate"),
    (r"^accurate", "accurate"),
    (r"^true\b", "true"),
)
VERDICTS = tuple(label for _, label in VERDICT_RULES)


def essay_sentences(text: str) -> list[str]:
    """The essay's sentences, after the fixes above."""
    for wrong, right in ESSAY_FIXES:
        if wrong not in text:
            raise BuildError(f"essay_claims: expected essay text {wrong!r} not found; review ESSAY_FIXES")
        text = text.replace(wrong, right)
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = re.sub(r"\s+", " ", paragraph).strip()
        # a full stop ends a sentence unless it ends an abbreviation such as "St." (St. Paul)
        sentences += [s.strip() for s in re.split(r"(?<!\bSt\.)(?<!U\.S\.)(?<=[.!?])\s+(?=[A-Z])", flat) if s.strip()]
    return sentences


def verdict_label(bold_verdict: str) -> str:
    for pattern, label in VERDICT_RULES:
        if re.search(pattern, bold_verdict.strip(), re.IGNORECASE):
            return label
    raise BuildError(f"essay_claims: no verdict rule matches {bold_verdict!r}; add one to VERDICT_RULES")


def build_essay_claims(ctx: BuildContext) -> pd.DataFrame:
    sheet = read_sheet(ctx)
    essay = ctx.path(ESSAY_RAW).read_text(encoding="utf-8")
    ctx.log.note(f"read {ESSAY_RAW}: {len(essay.split()):,} words")
    sentences = essay_sentences(essay)
    details: dict[str, list] = {}
    current = None
    for item in sheet.in_section("1"):
        mark = re.match(r"^\*\*\((\w+)\)\*\*\s*", item.raw)
        if item.kind == "bullet":
            current = mark.group(1) if mark else None
        if current is not None:
            details.setdefault(current, []).append(item)
    rows = []
    for order, cells in enumerate(sheet.claim_rows, start=1):
        claim_id = cells["#"].strip("()")
        phrase = ESSAY_CLAIM_PHRASES.get(claim_id)
        hits = [s for s in sentences if phrase and phrase in s]
        if len(hits) != 1:
            raise BuildError(f"essay_claims: claim ({claim_id}) phrase {phrase!r} is in {len(hits)} essay sentences")
        items = details.get(claim_id)
        if not items:
            raise BuildError(f"essay_claims: no 'Details and sources' bullet for claim ({claim_id})")
        bold = re.match(r"^\*\*(.+?)\*\*", cells["Verdict"])
        if bold is None:
            raise BuildError(f"essay_claims: claim ({claim_id}) verdict has no bold lead: {cells['Verdict']!r}")
        detail_lines = []
        for item in items:
            text = re.sub(r"^\((\w+)\)\s*", "", item.statement)
            detail_lines.append(("  - " if item.kind == "sub_bullet" else "- ") + text)
        labels = [w for item in items for label in item.labels for w in label_words(label)]
        key_dates = strip_emphasis(cells["Key date(s)"])
        rows.append(
            {
                "claim_id": claim_id,
                "claim_order": order,
                "claim": hits[0],
                "claim_as_listed": strip_emphasis(cells["Claim in the essay"]),
                "verdict": verdict_label(bold.group(1)),
                "verdict_text": strip_emphasis(cells["Verdict"]),
                "key_dates": None if key_dates in ("—", "-", "") else key_dates,
                "detail": "\n".join(detail_lines),
                "confidence": weakest(labels) or "unlabelled",
                "detail_item_ids": "; ".join(i.item_id for i in items),
            }
        )
    out = pd.DataFrame(rows)
    ctx.log.step("claims table joined to essay sentences and detail bullets", len(sheet.claim_rows), out)
    return out[[f.name for f in ESSAY_CLAIMS.fields]]


ESSAY_CLAIMS = Resource(
    name="essay_claims",
    title="The 2017 essay's claims, checked",
    description=(
        "One row per factual claim of the 2017 essay the series grew from: the essay's sentence, the fact "
        "sheet's verdict (as printed and as a short label), key dates, the sheet's details and sources, and the "
        "weakest confidence label among them."
    ),
    group="research",
    sources=[
        Source(
            title="Seed essay 'Nationwide Response to ICE Policies' (2017), the text the series grew from",
            raw=(ESSAY_RAW,),
        ),
        FACTS.sources[0],
    ],
    licenses=[ESSAY_QUOTATION, COMPILATION],
    coverage="the essay of 2017, checked against sources up to February 2026",
    build=build_essay_claims,
    fields=[
        _text("claim_id", "the sheet's claim letter: a, b, c, d, e, f, g1, g2, h", required=True, pattern=r"[a-z]\d?"),
        Field(
            "claim_order", "integer", "order of the claim in the sheet's table (1 = first)", required=True, minimum=1
        ),
        _text("claim", "the essay sentence that makes the claim, quoted (g1 and g2 share one sentence)", required=True),
        _text("claim_as_listed", "the claim as the fact sheet lists it", required=True),
        _text(
            "verdict",
            "short label derived from the verdict by a rule table in the build code",
            required=True,
            enum=VERDICTS,
        ),
        _text("verdict_text", "the sheet's verdict as printed, emphasis removed", required=True),
        _text("key_dates", "the sheet's key date(s) for the claim, as printed"),
        _text("detail", "the sheet's 'Details and sources' bullets for the claim, as a Markdown list", required=True),
        _text(
            "confidence", "weakest confidence label printed in those detail bullets", required=True, enum=CONFIDENCES
        ),
        _text("detail_item_ids", "item_ids (in the facts table) of those detail bullets", required=True),
    ],
    primary_key=["claim_id"],
    sort_by=["claim_order"],
    caveats=[
        "Verdicts are the fact sheet's; `verdict` is a short label for charts and tables, so read "
        "`verdict_text` before quoting a verdict.",
        "Claim (b), '53 counties', was not found in any source: cite it only as 'the essay states'.",
        "The essay's plain-text copy lost a space ('Nationwideover') and glued footnote 1 to the next sentence; "
        "both are fixed in the quoted sentences.",
    ],
)

RESOURCES: list[Resource] = [RESEARCH_FINDINGS, RESEARCH_STUDIES, FACTS, ESSAY_CLAIMS]
