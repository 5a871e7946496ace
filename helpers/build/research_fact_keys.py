"""Keyed facts: the human keys notebooks cite, each tied to one item of the fact sheet.

A key names a section, an exact anchor phrase that picks one bullet or table row there, and
optionally a regular expression that reads the number from that item's text and a unit. Nothing
here types a value: the number, its wording, the date and the confidence label are all read from
the sheet. If an anchor matches no item or several, or a pattern finds nothing, the build stops and
says which key failed, so an edited sheet cannot silently shift a number.

A bullet that holds several statements with different labels (e.g. 'A (X — *verified*). B —
*secondary*.') is cut into segments after each label; a key takes its statement, source and label
from the segment its anchor is in, which is the label the sheet gives that statement. The
bullet-level row in the facts table keeps the weakest label of the whole bullet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .research_factsheet import (
    LABEL_SPAN,
    FactSheetError,
    Item,
    ParsedDate,
    Sheet,
    label_words,
    parse_date_text,
    segments,
    source_of,
    strip_emphasis,
    weakest,
)

# Names of private persons are withheld from the statements (data conventions: no names of private
# persons). Each phrase must occur exactly once in the sheet, so a changed sheet is noticed.
REDACTIONS: tuple[tuple[str, str], ...] = (
    # the U.S. citizen killed on 2026-01-07 (§5)
    ("**Renée Nicole Good**, 37, a U.S. citizen, was shot", "a U.S. citizen, 37, was shot"),
    # the agent named in news reports (§5)
    (" CBS News names the agent as Jonathan Ross.", " CBS News names the agent."),
    # the U.S. citizen killed on 2026-01-24 (§5)
    ("**Alex Jeffrey Pretti**, 37, an ICU nurse at", "an ICU nurse, 37, at"),
)

# The same rule for part 2 of the sheet (facts/balance_facts_2026.md). Public officials and the parties named in
# court cases (a public record, as in part 1's 'Esparza v. Nobles County') are kept.
PART2_REDACTIONS: tuple[tuple[str, str], ...] = (
    # the person whose killing preceded Georgia HB 1105 (§C)
    ("Passed after the killing of Laken Riley.", "Passed after a killing (the victim's name is withheld here)."),
)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
}  # fmt: skip
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)


@dataclass(frozen=True)
class KeySpec:
    """One keyed fact: where it is in the sheet and how its number is read.

    pattern: its first group (or whole match) is `value_text`, the words around the number as printed.
    range_: read a second number in value_text as `value_high` ('about 200–300+').
    numeric: False when value_text is words, not a number (e.g. a list of states).
    date_pattern: its first group is read as the key's date instead of the item's principal date.
    undated: the fact is structural (e.g. the size of a delegation) and the item's date is about something else.
    label_after: where one parenthesis labels two things ('*secondary* for the URL; the filing is *verified*'),
        the key takes the first label printed after this phrase, and the source named after that label.
    """

    key: str
    section: str
    anchor: str
    pattern: str | None = None
    unit: str | None = None
    range_: bool = False
    numeric: bool = True
    date_pattern: str | None = None
    undated: bool = False
    label_after: str | None = None


K = KeySpec
# fmt: off
KEYS: tuple[KeySpec, ...] = (
    # --- §7.1 national counts of jurisdictions limiting cooperation (the essay's "600" and its context)
    K("cis_sanctuary_count_2015", "7.1", "CIS counted about 200–300+", r"(about 200–300\+)", "jurisdictions", range_=True),
    K("ice_noncooperating_2017", "7.1", "ICE counted about 120 non-cooperating", r"(about 120)", "jurisdictions"),
    K("boise_weekly_600_counties_2017", "7.1", "more than 600 counties in 30 states", r"(more than 600) counties", "counties"),
    K("boise_weekly_30_states_2017", "7.1", "more than 600 counties in 30 states", r"counties in (30) states", "states"),
    K("fair_sanctuary_count_2018", "7.1", "FAIR counted 564", r"FAIR counted (564)", "states and municipalities"),
    K("ice_court_noncooperating_jails_2021", "7.1", "463 jails did not cooperate", r"(463) jails", "jails"),
    K("ice_court_limited_cooperation_jails_2021", "7.1", "463 jails did not cooperate", r"and (156 more) gave limited", "jails"),
    K("cis_sanctuary_states_2025", "7.1", "CIS listed 12 sanctuary", r"CIS listed (12) sanctuary", "states"),
    # ILRC's county count, from the §1 detail bullet that carries the press release's own date
    K("ilrc_735_counties_2018", "1", "ILRC, press release, 2018-01-25", r"(735) counties", "counties"),
    K("ilrc_410_localities_2017", "1", "ILRC, press release, 2018-01-25", r"and (410) localities", "localities"),
    # --- §6 federal "sanctuary" lists and lawsuits
    K("eo_14287_2025", "6", "Protecting American Communities from Criminal Aliens"),
    K("dhs_sanctuary_list_2025", "6", "DHS list, 2025-05-29", r"(more than 500) jurisdictions", "jurisdictions"),
    K("dhs_sanctuary_list_mn_counties_2025", "6", "DHS list, 2025-05-29", r"St. Paul and (20) counties", "Minnesota counties"),
    K("dhs_sanctuary_list_withdrawn_2025", "6", "DHS list, 2025-05-29", date_pattern=r"taken down around (\d{4}-\d{2}-\d{2})"),
    K("doj_sanctuary_list_2025", "6", "DOJ list, 2025-08-05", r"(35) jurisdictions", "jurisdictions"),
    K("doj_sanctuary_list_names_minnesota_2025", "6", "DOJ list, 2025-08-05", r"including the (State of Minnesota)", numeric=False),
    K("doj_v_minnesota_2025", "6", "DOJ lawsuit, 2025-09-29"),
    # --- §7.2 287(g) agreements nationally (one key per table row)
    K("g287_count_2017_01", "7.2", "35 agreements (GAO)", r"(35) agreements", "agreements"),
    K("g287_agencies_2017_08", "7.2", "60 agencies in 18 states", r"(60) agencies", "agencies"),
    K("g287_count_2020_09", "7.2", "150 agreements", r"(150) agreements", "agreements"),
    K("g287_count_2025_01", "7.2", "about 134–135", r"(about 134–135)", "agreements", range_=True),
    K("g287_new_2025_03_03", "7.2", "85 new agreements in 9 states", r"(85) new agreements", "new agreements since January 2025"),
    K("g287_count_2025_06", "7.2", "early June 2025:", r": (629)", "agreements"),
    K("g287_count_2025_09_17", "7.2", "about 1,000 (Florida 325, Texas 171)", r"(about 1,000)", "agreements"),
    K("g287_count_2025_11_early", "7.2", "early Nov 2025:", r": (1,097)", "agreements"),
    K("g287_count_2025_11_late", "7.2", "1,202 active", r"(1,202) active", "active agreements"),
    K("g287_task_force_agencies_2025_11_20", "7.2", "task-force model: 620 agencies", r"(620) agencies", "agencies (task-force model)",
      date_pattern=r"as of (\d{4}-\d{2}-\d{2})"),
    K("g287_police_departments_2026_01", "7.2", "1,168 police departments", r"(1,168) police departments", "police departments"),
    K("g287_count_2026_02_13", "7.2", "1,412 active agreements", r"(1,412) active agreements", "active agreements"),
    K("g287_count_2026_03", "7.2", "over 1,500", r"(over 1,500)", "active agreements"),
    # --- §7.3 and §1(f), §1(h) ICE workforce
    K("ice_deportation_officers_fy2016", "7.3", "5,800 deportation officers", r"(About 5,800) deportation officers", "deportation officers", date_pattern=r"around (FY\d{4})"),
    K("ice_deportation_officers_fy2019", "7.3", "5,800 deportation officers", r"(about 5,300) in FY2019", "deportation officers", date_pattern=r"in (FY\d{4})"),
    K("ice_workforce_before_2025", "7.3", "About 10,000 officers and agents", r"(About 10,000) officers and agents", "officers and agents"),
    K("ice_workforce_2026_01", "7.3", "About 10,000 officers and agents", r"became (about 22,000)", "officers and agents", date_pattern=r"by (January \d{4})"),
    K("ice_new_hires_2026_01", "1", "hired more than 12,000 new officers", r"(more than 12,000) new officers", "officers and agents hired"),
    K("ice_deportation_officer_hires_2017", "1", "new deportation-officer hires fell to 371", r"fell to (371)", "deportation officers hired"),
    K("eo_13768_10000_officers_2017", "1", "hire 10,000 additional immigration officers", r"(10,000) additional", "officers"),
    K("eo_13768_federal_register_2017", "1", "Enhancing Public Safety in the Interior of the United States"),
    K("eo_14159_2025", "1", "Protecting the American People Against Invasion"),
    # --- Secure Communities (§1(d))
    K("secure_communities_jurisdictions_fy2010", "1", "658 jurisdictions in 32 states", r"(658) jurisdictions", "jurisdictions", date_pattern=r"end of (FY\d{4})"),
    # --- Minnesota: city ordinances (§2.1, §2.2)
    K("mpls_separation_ordinance_2003", "2.1", "ordinance adopted (ACLU copy"),
    K("mpls_sanctuary_reaffirmed_2016", "2.1", "reaffirmed Minneapolis as a \"sanctuary city\""),
    K("mpls_ordinance_strengthened_2025", "2.1", "the Council voted 13–0", r"voted (13–0)", "council votes (for–against)", numeric=False),
    K("stpaul_chapter44_2004", "2.2", "Council File 04-316"),
    K("stpaul_ordinance_26_5_2026", "2.2", "Ordinance 26-5", r"by (6–0)", "council votes (for–against)", numeric=False),
    # --- Minnesota: county jails and detainers (§2.3)
    K("hennepin_detainers_end_2014", "2.3", "would no longer hold people on ICE detainers"),
    K("hennepin_detainer_share_bookings_2014", "2.3", "would no longer hold people on ICE detainers", r"(About 1.5%) of", "percent of bookings"),
    K("hennepin_bookings_per_year_2014", "2.3", "would no longer hold people on ICE detainers", r"(roughly 36,000) yearly bookings", "bookings per year"),
    K("hennepin_detainer_costs_2012_2014", "2.3", "would no longer hold people on ICE detainers", r"cost (about \$170,000) since 2012", "US dollars"),
    K("mn_ice_stopped_detainer_requests_2015", "2.3", "stopped issuing I-247D detainer requests"),
    K("hennepin_declined_detainer_report_2017", "2.3", "Declined Detainer Outcome Report"),
    K("hennepin_directive_21_02_2021", "2.3", "Administrative Directive 21-02"),
    K("hennepin_declined_ice_requests_2025", "2.3", "declined 181 ICE requests", r"declined (181) ICE requests", "ICE requests declined"),
    K("mn_detainer_requests_change_2025", "2.3", "declined 181 ICE requests", r"(up 63%)", "percent change"),
    K("ramsey_detainers_end_2014", "2.3", "stopped honoring detainers without a judicial order", r"(fewer than 10) honored a year", "detainers honored per year"),
    K("ramsey_ice_housing_end_2018", "2.3", "stopped housing ICE detainees"),
    K("esparza_v_nobles_2019", "2.3", "Esparza v. Nobles County"),
    # --- Minnesota: state legal position (§2.4)
    K("ag_opinion_detainers_2025", "2.4", "Minnesota law prohibits state and local agencies from holding"),
    K("ag_opinion_287g_2025", "2.4", "Sheriffs may not enter 287(g) agreements on their own"),
    # --- Minnesota: 287(g) (§2.5)
    K("pawlenty_287g_2008", "2.5", "Gov. Pawlenty announced executive actions"),
    K("dayton_287g_lapse_2011", "2.5", "let the 2008 directive lapse"),
    K("mn_287g_sheriffs_2025_04", "2.5", "five sheriffs' offices", r"(five) sheriffs' offices", "sheriffs' offices"),
    K("mn_287g_counties_2025_11", "2.5", "eight of 87 counties had agreements", r"(eight) of 87 counties", "counties"),
    K("fl_tx_287g_2025_11", "2.5", "eight of 87 counties had agreements", r"together had (536)", "agreements"),
    K("wi_ia_nd_sd_287g_2025_11", "2.5", "eight of 87 counties had agreements", r"together had (31)", "agreements"),
    K("freeborn_287g_lawsuit_2025", "2.5", "sued Freeborn County over its 287(g) agreement"),
    # --- Minnesota: tuition and driver's licences (§1(g1), §1(g2))
    K("mn_dream_act_signed_2013", "1", "MN Dream Act / Prosperity Act"),
    K("mn_dream_act_tuition_2013", "1", "MN Dream Act / Prosperity Act", date_pattern=r"In-state tuition from (\d{4}-\d{2}-\d{2})"),
    K("doj_dream_act_lawsuit_2025", "1", "DOJ sued on 2025-06-25"),
    K("mn_drivers_licenses_signed_2023", "1", "Signed 2023-03-07"),
    K("mn_drivers_licenses_eligible_2023", "1", "Signed 2023-03-07", r"(About 80,000–81,000) people", "people expected to become eligible", range_=True),
    K("mn_drivers_licenses_effective_2023", "1", "The law is HF4/SF27", date_pattern=r"mostly effective (\d{4}-\d{2}-\d{2})"),
    # --- Minnesota's immigrant population (§3)
    K("mn_foreign_born_2018", "3", "484,192 foreign-born residents", r"(484,192) foreign-born", "people"),
    K("mn_foreign_born_share_2018", "3", "484,192 foreign-born residents", r"\((9%)\)", "percent of residents"),
    K("mn_naturalized_share_2018", "3", "484,192 foreign-born residents", r"(53%) naturalized", "percent of foreign-born residents"),
    K("mn_children_of_immigrants_2018", "3", "484,192 foreign-born residents", r"(417,832) U.S.-born", "U.S.-born residents with an immigrant parent"),
    K("mn_immigrant_share_2015", "3", "8.3% of Minnesotans were immigrants", r"(8.3%) of Minnesotans", "percent of residents"),
    K("us_immigrant_share_2015", "3", "8.3% of Minnesotans were immigrants", r"against (13.5%) nationally", "percent of U.S. residents"),
    K("mn_foreign_born_mncompass", "3", "MN Compass", r"(more than 500,000) people", "people"),
    K("mn_foreign_born_share_mncompass", "3", "MN Compass", r"(about 9%) of Minnesotans", "percent of residents"),
    K("mn_born_in_mexico_2014", "3", "Mexico about 66,000", r"Mexico (about 66,000)", "people"),
    K("mn_mexican_heritage_2019", "3", "Mexican heritage", r"(about 207,000)", "people"),
    K("mn_hmong_heritage_2019", "3", "Hmong heritage", r"(about 88,000)", "people"),
    K("mn_somali_heritage_2019", "3", "Somali heritage", r"(about 74,000)", "people"),
    K("mn_somali_later_reports", "3", "Later reporting cites about 87,000", r"(about 87,000) Somalis", "people"),
    K("mn_unauthorized_pew_2023", "3", "Pew, 2023: about 130,000", r"(about 130,000)", "people"),
    K("mn_unauthorized_share_pew_2023", "3", "Pew, 2023: about 130,000", r"(about 2.2%) of residents", "percent of residents"),
    K("mn_unauthorized_mn_budget_project", "3", "Minnesota Budget Project", r"(about 95,000)", "people"),
    K("mn_unauthorized_pew_2012", "3", "Pew 95,000 and MPI 91,000", r"Pew (95,000)", "people", date_pattern=r"for (\d{4})"),
    K("mn_unauthorized_mpi_2012", "3", "Pew 95,000 and MPI 91,000", r"MPI (91,000)", "people", date_pattern=r"for (\d{4})"),
    K("mn_refugees_fy2000_2010", "3", "35,410 refugees", r"(35,410) refugees", "refugees"),
    K("mn_refugees_2016", "3", "more than 3,000 refugees", r"(more than 3,000) refugees", "refugees"),
    K("somali_tps_holders_us_2025", "3", "Somali TPS holders nationwide", r"(About 705) Somali", "people", date_pattern=r"CRS, (August \d{4})"),
    K("somali_tps_holders_mn_2025", "3", "Somali TPS holders nationwide", r"(about 500–600) in Minnesota", "people", range_=True),
    # --- §4 ICE St. Paul field office
    K("stpaul_aor_states", "4", "Area of responsibility", r"covers (Minnesota, Iowa, Nebraska, North Dakota and South Dakota)", "states", numeric=False),
    K("mn_ice_officers_before_surge", "4", "about 150 federal immigration officers", r"(about 150) federal", "federal immigration officers"),
    # --- §5 Operation Metro Surge and other events
    K("lake_street_raid_2025", "5", "raided a Lake Street business"),
    K("metro_surge_start_2025", "5", "Operation Metro Surge\" in the Twin Cities", r"said (about 100) agents", "federal agents"),
    K("metro_surge_arrests_2025_12_12", "5", "Operation Metro Surge\" in the Twin Cities", r"(more than 400) by", "arrests", date_pattern=r"by about (\d{4}-\d{2}-\d{2})"),
    K("surge_fatal_shooting_2026_01_07", "5", "was shot and killed in her car by an ICE agent"),
    K("metro_surge_agents_2026_01_12", "5", "more than 2,000 federal agents", r"(more than 2,000) federal agents", "federal agents"),
    # The sheet labels the complaint's URL secondary but the filing itself verified (via CBS and Daily Planet).
    K("mn_v_dhs_lawsuit_2026", "5", "sued DHS, Secretary Noem", label_after="the filing is"),
    K("national_guard_mobilized_2026", "5", "mobilized the Minnesota National Guard"),
    K("surge_fatal_shooting_2026_01_24", "5", "was shot and killed by federal agents"),
    K("mn_v_dhs_injunction_denied_2026", "5", "denied the state and cities a preliminary injunction"),
    K("metro_surge_withdrawn_2026_02_04", "5", "700 agents withdrawn", r"(700) agents withdrawn", "federal agents"),
    K("metro_surge_remaining_2026_02_04", "5", "700 agents withdrawn", r"leaving (about 2,000)", "federal agents"),
    K("metro_surge_end_announced_2026", "5", "the surge would end"),
    K("metro_surge_peak_agents", "5", "the surge would end", r"peak of (about 3,000) agents", "federal agents"),
    K("metro_surge_arrests_claimed", "5", "the surge would end", r"(more than 4,000) arrests", "arrests (claimed)"),
    K("metro_surge_remaining_2026_02_20", "5", "fewer than 500 agents remained", r"(fewer than 500) agents", "federal agents"),
    K("metro_surge_arrests_per_day_2026_02_20", "5", "fewer than 500 agents remained", r"(about 20) arrests a day", "arrests per day"),
    K("mn_detained_claimed_since_2025", "5", "claim about 11,000 people detained", r"(about 11,000) people", "people detained (claimed)"),
    K("metro_surge_arrests_observed", "5", "Crowdsourced observers logged 578 arrests", r"logged (578) arrests", "arrests"),
    K("metro_surge_arrests_observed_share", "5", "Crowdsourced observers logged 578 arrests", r"(about 14%) of", "percent of claimed arrests"),
    K("dhs_appropriations_lapse_2026", "5", "DHS appropriations lapsed"),
    # --- §8 Minnesota's congressional delegation
    # (the bullet's only date is the 2020 census behind the district lines, so these are undated)
    K("mn_us_senators", "8", "Minnesota has 2 U.S. senators", r"has (2) U.S. senators", "U.S. senators", undated=True),
    K("mn_us_house_members", "8", "Minnesota has 2 U.S. senators", r"and (8) U.S. House members", "U.S. House members",
      undated=True),
)
# fmt: on


@dataclass(frozen=True)
class KeyedFact:
    """What a key reads from the sheet."""

    spec: KeySpec
    item: Item
    statement: str
    confidence: str
    confidence_label: str
    source_text: str
    date: ParsedDate | None
    date_basis: str
    value: float | None
    value_high: float | None
    value_text: str


def redact(markdown: str, redactions: tuple[tuple[str, str], ...] = REDACTIONS) -> str:
    """The sheet with private persons' names withheld; each phrase must occur exactly once."""
    for phrase, replacement in redactions:
        count = markdown.count(phrase)
        if count != 1:
            raise FactSheetError(f"fact sheet: redaction phrase {phrase!r} occurs {count} times (expected once)")
        markdown = markdown.replace(phrase, replacement)
    return markdown


def parse_number(token: str) -> float:
    """A number as printed ('1,097', '8.3', 'eight') as a float."""
    word = NUMBER_WORDS.get(token.lower())
    return float(word) if word is not None else float(token.replace(",", ""))


def find_item(sheet: Sheet, spec: KeySpec) -> Item:
    """The one item of the key's section whose text contains the anchor; anything else is an error."""
    hits = [i for i in sheet.in_section(spec.section) if spec.anchor in i.statement]
    if len(hits) != 1:
        where = ", ".join(f"{i.item_id}: {i.statement[:60]!r}" for i in hits[:4])
        raise FactSheetError(
            f"fact key '{spec.key}': anchor {spec.anchor!r} matches {len(hits)} items in §{spec.section} "
            f"(expected exactly one){': ' + where if hits else ''}"
        )
    return hits[0]


def read_key(sheet: Sheet, spec: KeySpec) -> KeyedFact:
    """Read one key's statement, label, source, date and number from its item."""
    item = find_item(sheet, spec)
    statement, confidence, label, source = item.statement, item.confidence, "; ".join(item.labels), item.source_text
    if item.cells is None:
        parts = segments(item.raw)
        mine = [p for p in parts if spec.anchor in strip_emphasis(p)]
        if len(parts) > 1 and len(mine) == 1:
            segment = mine[0]
            statement = strip_emphasis(segment)
            labels = [(m.group(1) + (m.group(2) or "")).strip() for m in LABEL_SPAN.finditer(segment)]
            own = weakest([w for lab in labels for w in label_words(lab)])
            if own is not None:
                confidence, label = own, "; ".join(labels)
            source = source_of(segment) or source
    if spec.label_after is not None:
        statement, confidence, label, source = _label_after(item, spec)
    value = value_high = None
    value_text = ""
    if spec.pattern is not None:
        match = re.search(spec.pattern, statement)
        if match is None:
            raise FactSheetError(f"fact key '{spec.key}': pattern {spec.pattern!r} finds nothing in {statement!r}")
        value_text = match.group(1) if match.groups() else match.group(0)
        numbers = NUMBER.findall(value_text)
        if spec.numeric:
            if not numbers:
                raise FactSheetError(f"fact key '{spec.key}': no number in {value_text!r}")
            value = parse_number(numbers[0])
            if spec.range_:
                if len(numbers) < 2:
                    raise FactSheetError(f"fact key '{spec.key}': expected a range in {value_text!r}")
                value_high = parse_number(numbers[1])
    date, date_basis = (None, "none") if spec.undated else (item.date, item.date_basis)
    if spec.date_pattern is not None:
        match = re.search(spec.date_pattern, statement)
        date = parse_date_text(match.group(1)) if match else None
        if date is None:
            raise FactSheetError(f"fact key '{spec.key}': date pattern {spec.date_pattern!r} finds no date")
        date, date_basis = ParsedDate(date.iso, date.precision, match.group(1)), "key"  # type: ignore[union-attr]
    return KeyedFact(spec, item, statement, confidence, label, source, date, date_basis, value, value_high, value_text)


def _label_after(item: Item, spec: KeySpec) -> tuple[str, str, str, str]:
    """The whole item as the statement, with the label (and its source) printed after `spec.label_after`."""
    start = item.raw.find(spec.label_after or "")
    match = LABEL_SPAN.search(item.raw, start) if start >= 0 else None
    if match is None:
        raise FactSheetError(f"fact key '{spec.key}': no label after {spec.label_after!r}")
    label = (match.group(1) + (match.group(2) or "")).strip()
    confidence = weakest(label_words(label))
    if confidence is None:
        raise FactSheetError(f"fact key '{spec.key}': {label!r} is not a confidence label")
    source = item.raw[match.end() :].split(")")[0].strip(" ;,").removeprefix("via ").strip()
    return strip_emphasis(item.raw), confidence, label, source


def read_keys(sheet: Sheet, keys: tuple[KeySpec, ...] = KEYS) -> list[KeyedFact]:
    """Every key read from the sheet; duplicate keys are an error."""
    seen: set[str] = set()
    for spec in keys:
        if spec.key in seen:
            raise FactSheetError(f"fact key '{spec.key}' is registered twice")
        seen.add(spec.key)
    return [read_key(sheet, spec) for spec in keys]
