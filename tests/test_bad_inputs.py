"""A census of bad inputs: every public function of the kit, called with what a reader might type by mistake.

The functions are found by introspection (every module of `helpers/` except `build/` and `questions/`,
every function defined there whose name does not start with `_`), so a function added to the kit joins
the census; `test_every_public_function_is_in_the_census` fails until it has a valid baseline call here
(or an entry in EXEMPT saying why a reader never calls it).

For each parameter a reader types, the census swaps in bad inputs chosen by the parameter's name (or
its annotation): None, '', spaces, the wrong type (a list, a dict, an int for a name, a string where a
list or a table belongs), NaN, a huge number, an unknown key, lower-case and long forms of codes ('mn'
and 'Minnesota' for a state), dates outside the data, and a day between two of ICE's sheets for a
parameter named `sheet_date` or `snapshot_date` (no kit function takes one yet). Every call must do
one of three things:

- accept a harmless variant ('r16' for 'R16'), giving the same result as the canonical value, and say
  nothing false (no 'None' or 'nan' in a sentence, no chart drawing a column its data lacks, no map
  whose keys match no area, no number printed as a date);
- return a message view (a `check` Feedback) that says what to do;
- raise the series' own error (`NoData`, `DataFileError`, `UnlabelledChartError`) or a KeyError,
  ValueError or TypeError whose message names the bad value and says what is valid.

Anything else (a bare `KeyError: 'x'`, `'float' object has no attribute ...`, a pandas or Altair
internal error) is a failure. Calls into modules owned by engineers still editing them are marked
xfail ("pending owner") one by one in PENDING, so the census still lists them. The census table
prints at the end of the run (`pytest_terminal_summary`), with or without `-s`.
"""

from __future__ import annotations

import collections
import copy
import datetime as dt
import importlib
import inspect
import itertools
import math
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import pytest
from IPython.display import HTML, Markdown

import helpers
from helpers import DataFileError, NoData
from helpers.charts import SpecChart, UnlabelledChartError

SKIPPED_PACKAGES = {"build", "questions"}
MODULES = sorted(i.name for i in pkgutil.iter_modules(helpers.__path__) if i.name not in SKIPPED_PACKAGES)
PENDING_OWNERS = {  # modules whose owners are still editing them; fixes were requested from them
}

# Functions whose inputs a reader never types: no input at all, the renderer, build internals.
EXEMPT: dict[str, str] = {
    "catalog.catalogue": "no input (data_dir is for tests)",
    "catalog.resource_names": "no input (data_dir is for tests)",
    "charts.enable": "no input",
    "charts.theme": "no input",
    "render.series_renderer": "the renderer Altair calls with a finished spec",
    "render.check_spec": "called by the renderer on a finished spec",
    "checks.registry": "no input",
    "cite.confidence_table": "no input",
    "series.table": "no input",
    "paths.sources_dir": "no input (reads an environment variable for make data)",
    "text.one": "unwraps a one-element Series or list for n(), day() and check(); any other value passes through",
    "paths.url_from_notebook": "called by maps with a catalogue path",
    "schema.format_column": "data build internal (writes data/)",
    "schema.parse_column": "loader internal (reads a catalogued column)",
    "inputs.shown": "the kit's own check on a reader's value; the census reaches it through the functions that call it",
    "inputs.choice": "the kit's own check on a reader's value; the census reaches it through the functions that call it",
    "inputs.choices": "the kit's own check on a reader's value; the census reaches it through the functions that call it",
    "inputs.frame": "the kit's own check on a reader's value; the census reaches it through the functions that call it",
    "inputs.column": "the kit's own check on a reader's value; the census reaches it through the functions that call it",
    "inputs.number": "the kit's own check on a reader's value; the census reaches it through the functions that call it",
    "inputs.text": "the kit's own check on a reader's value; the census reaches it through the functions that call it",
}


def public_functions(module_name: str) -> list[tuple[str, Callable[..., Any]]]:
    module = importlib.import_module(f"helpers.{module_name}")
    return [
        (name, fn)
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    ]


# --- Bad inputs ------------------------------------------------------------------------------------

NAN = math.nan
HUGE = 10**400
GUIDANCE = re.compile(
    r"did you mean|close match|choose|one of|\buse\b|\bgive\b|\bpick\b|e\.g\.|\blike\b|\bshould\b|\bmust\b|\btry\b|"
    r"\blists?\b|\bvalid\b|\bexpected\b|\brun\b|\bwrite\b|\breplace\b|\bpass\b|\bcopy\b|instead|\bavailable\b|"
    r"\bits columns\b|\bruns? from\b|\bfor example\b|\bload\(|\bset\b|\bneeds?\b|\bexpects?\b|\bcheck\b",
    re.IGNORECASE,
)


@dataclass
class Bad:
    """One bad input. `make(good)` builds it from the parameter's valid value; `kind` decides what may happen.

    kind: "missing", "blank", "type", "nan", "huge" (accepting is fine if nothing false is said);
    "unknown" (a key that does not exist: must be refused unless the function documents a fallback);
    "variant" (a harmless spelling of `canonical(good)`: if accepted, the result must equal the canonical one);
    "date" (a real date outside the data: accepting is fine). `mentions`: patterns, one of which an error
    message must contain to name the bad value.
    """

    label: str
    make: Callable[[Any], Any]
    kind: str
    mentions: tuple[str, ...] = ()
    canonical: Callable[[Any], Any] | None = None

    def value(self, good: Any) -> Any:
        return self.make(good)


def const(value: Any) -> Callable[[Any], Any]:
    return lambda _good: copy.deepcopy(value)


def _string_mentions(text: str) -> tuple[str, ...]:
    return (re.escape(text.strip()) if text.strip() else "''",)


def bad_text(value: str, kind: str = "unknown", canonical: Callable[[Any], Any] | None = None) -> Bad:
    return Bad(repr(value), const(value), kind, _string_mentions(value), canonical)


MISSING = Bad("None", const(None), "missing", (r"\bNone\b", "nothing", "empty", "missing", "no value", "not chosen"))
BLANK = Bad("''", const(""), "blank", ("''", '""', "empty", "blank", "nothing", "only spaces"))
SPACES = Bad("'   '", const("   "), "blank", ("'   '", "empty", "blank", "nothing", "only spaces", "spaces"))
A_LIST = Bad("a list", const(["a", "b"]), "type", (re.escape("['a', 'b']"), r"\blist\b"))
A_DICT = Bad("a dict", const({"a": 1}), "type", (re.escape("{'a': 1}"), r"\bdict\b", "'a'"))  # 'a': its key
A_NAN = Bad("NaN", const(NAN), "nan", (r"\bnan\b", "NaN", "missing", "no value", "not a number"))
A_HUGE = Bad("10**400", const(HUGE), "huge", (str(HUGE)[:12], "too large", "too big", r"\bint\b"))
AN_INT = Bad("42", const(42), "type", (r"\b42\b", r"\bint\b"))
CORE = [MISSING, BLANK, SPACES, A_LIST, A_DICT, A_NAN, A_HUGE]


def variant(label: str, make: Callable[[Any], Any], canonical: Callable[[Any], Any] = lambda good: good) -> Bad:
    return Bad(label, make, "variant", (), canonical)


def key_category(*unknown: str, lower: bool = True, upper: bool = False) -> Callable[[], list[Bad]]:
    """A lookup key (a table name, a row id, a fact id): the core, an int, unknown keys, case and padding variants."""

    def bads() -> list[Bad]:
        out = [*CORE, AN_INT, *(bad_text(u) for u in unknown)]
        if lower:
            out.append(variant("lower case", lambda g: g.lower()))
        if upper:
            out.append(variant("upper case", lambda g: g.upper()))
        out.append(variant("padded with spaces", lambda g: f"  {g} "))
        return out

    return bads


def list_category(unknown: str) -> Callable[[], list[Bad]]:
    """A list of keys: the core (minus the list, which is the right type), one key as a bare string, an unknown key."""

    def bads() -> list[Bad]:
        return [
            MISSING, BLANK, SPACES, A_DICT, A_NAN, A_HUGE, AN_INT,
            variant("one key as a string", lambda g: next(iter(g)), lambda g: list(g)[:1]),
            Bad(f"[{unknown!r}]", const([unknown]), "unknown", (re.escape(unknown),)),
            Bad("[None]", const([None]), "missing", (r"\bNone\b", "nothing", "empty", "missing")),
        ]

    return bads


def frame_category(*, variants: tuple[Bad, ...] = ()) -> Callable[[], list[Bad]]:
    """A DataFrame: the core, a table's name where its frame belongs, an empty frame, a frame of another table."""

    def bads() -> list[Bad]:
        return [
            *CORE, AN_INT,
            Bad("'no_such_table'", const("no_such_table"), "type", ("no_such_table", r"\bstr\b")),
            Bad("an empty frame", lambda g: g.iloc[0:0], "blank", ("empty", "no rows", r"no [\w ]+ to draw", "nothing")),
            Bad("another table's frame", const(pd.DataFrame({"other": [1, 2]})), "type", ("column",)),
            *variants,
        ]

    return bads


def column_category() -> list[Bad]:
    """A column name: the core, an int, an unknown column, a case variant."""
    return [*CORE, AN_INT, bad_text("no_such_column"), variant("upper case", lambda g: g.upper())]


def text_category() -> list[Bad]:
    """Words a reader writes (a title, a description, an axis title)."""
    return [*CORE, AN_INT]


def number_category() -> list[Bad]:
    return [*CORE, Bad("'abc'", const("abc"), "type", ("abc",)), variant("'1,843' as text", lambda g: f"{g:,}")]


def decimals_category() -> list[Bad]:
    return [
        MISSING, BLANK, A_LIST, A_NAN, A_HUGE,
        Bad("'two'", const("two"), "type", ("two",)),
        Bad("-1", const(-1), "type", ("-1",)),
        Bad("2.5", const(2.5), "type", (r"2\.5",)),
    ]


def date_category() -> list[Bad]:
    """A date to print: the core, an int (never a date), text that is not a date, dates outside the data."""
    return [
        *CORE, AN_INT,
        bad_text("zz-9"),
        bad_text("2026-02-30"),
        Bad("'1900-01-01'", const("1900-01-01"), "date"),
        Bad("'2099-01-01'", const("2099-01-01"), "date"),
    ]


def period_category() -> list[Bad]:
    """A date that starts or ends a shaded period on a time chart."""
    return [
        *CORE, AN_INT,
        bad_text("zz-9"),
        bad_text("2026-02-30"),
        Bad("'1900-01-01' (before the data)", const("1900-01-01"), "date"),
        Bad("'2099-01-01' (after the data)", const("2099-01-01"), "date"),
    ]


@cache
def _sheet_dates() -> tuple[str, str]:
    """A day between two of ICE's saved sheets, and the sheet before it."""
    dates = sorted(helpers.load("agreements_287g_totals")["snapshot_date"].unique())
    for before, after in itertools.pairwise(dates):
        if (after - before).days > 2:
            between = before + pd.Timedelta(days=1)
            return f"{between:%Y-%m-%d}", f"{before:%Y-%m-%d}"
    raise AssertionError("no gap between sheets")


def sheet_date_category() -> list[Bad]:
    """The date of one of ICE's sheets: a day between two sheets is a variant of the sheet before it (or refused)."""
    return [
        *date_category(),
        variant("a day between two sheets", lambda _g: _sheet_dates()[0], lambda _g: _sheet_dates()[1]),
    ]


def state_category() -> list[Bad]:
    """A state to highlight (its FIPS code): codes, names and lower case are harmless variants of '27'."""
    mn = const("27")
    return [
        BLANK, SPACES, A_LIST, A_DICT, A_NAN, A_HUGE,
        variant("'MN'", const("MN"), mn),
        variant("'mn'", const("mn"), mn),
        variant("'Minnesota'", const("Minnesota"), mn),
        variant("'minnesota'", const("minnesota"), mn),
        variant("27 (an int)", const(27), mn),
        bad_text("zz-9"),
        bad_text("99"),
    ]


def county_fips_category() -> list[Bad]:
    """A Minnesota county to highlight (its FIPS code): its name and an int are harmless variants."""
    hennepin = const("27053")
    return [
        BLANK, SPACES, A_LIST, A_DICT, A_NAN, A_HUGE,
        variant("'Hennepin'", const("Hennepin"), hennepin),
        variant("'hennepin county'", const("hennepin county"), hennepin),
        variant("27053 (an int)", const(27053), hennepin),
        bad_text("zz-9"),
        bad_text("27999"),
    ]


def chart_category() -> list[Bad]:
    """An Altair chart: the core, a frame where the chart belongs, a table name."""
    return [
        *CORE,
        Bad("a DataFrame", const(pd.DataFrame({"a": [1]})), "type", ("DataFrame",)),
        Bad("'no_such_table'", const("no_such_table"), "type", ("no_such_table", r"\bstr\b")),
    ]


def mapping_category() -> list[Bad]:
    """A {group: colour} mapping."""
    return [
        BLANK, A_LIST, A_NAN, A_HUGE,
        Bad("'orange'", const("orange"), "type", ("orange", r"\bstr\b")),
        Bad("{'a': 1} (no such group)", const({"no_such_group": "#000000"}), "unknown", ("no_such_group",)),
    ]


def highlight_category() -> list[Bad]:
    """bar_chart's highlight: {"field": column, "value": a value of it}."""
    return [
        BLANK, SPACES, A_LIST, A_NAN, A_HUGE,
        Bad("'Minnesota' (a value, not a dict)", const("Minnesota"), "type", ("Minnesota", r"\bstr\b")),
        Bad("{'field': 'no_such_column'}", const({"field": "no_such_column", "value": "Minnesota"}), "unknown",
            ("no_such_column",)),
        Bad("{'value': ...} without a field", const({"value": "Minnesota"}), "type", ("field",)),
        variant("a value in lower case", const({"field": "state_name", "value": "minnesota"}),
                const({"field": "state_name", "value": "Minnesota"})),
    ]


def options_category() -> list[Bad]:
    """A list of choices for a control."""
    return [
        MISSING, BLANK, A_NAN, A_HUGE, AN_INT,
        Bad("'abc' (a string, not a list)", const("abc"), "type", ("abc", r"\bstr\b")),
        Bad("[] (no options)", const([]), "blank", (r"no options", "empty", r"\[\]")),
    ]


def choice_category() -> list[Bad]:
    """The chosen value of a control: it must be one of the options."""
    return [BLANK, A_LIST, A_DICT, A_NAN, A_HUGE, bad_text("zz-9")]


def label_text_category() -> list[Bad]:
    """A control's label: text or nothing."""
    return [A_LIST, A_DICT, A_NAN, A_HUGE, AN_INT]


def callable_category() -> list[Bad]:
    return [*CORE, AN_INT, Bad("'render' (a name, not a function)", const("render"), "type", ("render", r"\bstr\b"))]


def controls_category() -> list[Bad]:
    return [
        MISSING, BLANK, A_NAN, A_HUGE, AN_INT,
        Bad("a list of controls", lambda g: list(g.values()), "type", (r"\blist\b",)),
        Bad("{'x': 'a'} (not a control)", const({"x": "a"}), "type", (r"'a'", r"\bstr\b")),
        Bad("{} (no controls)", const({}), "blank", ("no controls", "empty", r"\{\}")),
    ]


def choose_category(*unknown: str, long: tuple[tuple[str, str], ...] = ()) -> Callable[[], list[Bad]]:
    """One of a few codes ('Q'/'N', '2017'/'2023'): the core, unknown codes, lower case and long forms."""

    def bads() -> list[Bad]:
        out = [*CORE, *(bad_text(u) for u in unknown), variant("lower case", lambda g: g.lower())]
        out += [variant(repr(text), const(text), const(code)) for text, code in long]
        return out

    return bads


def tooltip_category() -> list[Bad]:
    return [
        BLANK, A_DICT, A_NAN, A_HUGE, AN_INT,
        Bad("'no_such_column'", const("no_such_column"), "type", ("no_such_column", r"\bstr\b")),
        Bad("['a', 'b'] (not triples)", const(["a", "b"]), "type", (r"'a'", "triples?")),
        Bad("[('no_such_column', 'T', 'Q')]", const([("no_such_column", "T", "Q")]), "unknown", ("no_such_column",)),
    ]


def status_category() -> list[Bad]:
    verified = const("verified")
    return [
        *CORE, AN_INT, bad_text("zz-9"),
        variant("'Verified'", const("Verified"), verified),
        variant("' verified '", const(" verified "), verified),
    ]


def year_category() -> list[Bad]:
    return [
        BLANK, SPACES, A_LIST, A_DICT, A_HUGE, bad_text("zz-9"),
        variant("'2020' as text", const("2020"), const(2020)),
        variant("2020.0", const(2020.0), const(2020)),
    ]


def answer_category() -> list[Bad]:
    return [*CORE, AN_INT, bad_text("zz-9")]


def any_category() -> list[Bad]:
    return [*CORE, AN_INT]


def row_series_category() -> list[Bad]:
    return [*CORE, AN_INT, Bad("'R16' (an id, not a row)", const("R16"), "type", ("R16", r"\bstr\b"))]


def object_category() -> list[Bad]:
    """An object the kit built (an Effect, a Brief, a result): a reader might pass text or nothing."""
    return [*CORE, AN_INT, Bad("'text'", const("some text"), "type", ("some text", r"\bstr\b"))]


CATEGORIES: dict[str, Callable[[], list[Bad]]] = {
    "table": key_category("no_such_table", lower=False, upper=True),
    "tables": list_category("no_such_table"),
    "fact_key": key_category("zz-9", "no_such_fact", lower=False, upper=True),
    "fact_keys": list_category("zz-9"),
    "row_id": key_category("R999", "zz-9"),
    "row_ids": list_category("R999"),
    "study_id": key_category("zz-9", lower=False, upper=True),
    "section": key_category("zz-9", "99", lower=False),
    "qid": key_category("zz-9", lower=False, upper=True),
    "status": status_category,
    "year": year_category,
    "text": text_category,
    "number": number_category,
    "decimals": decimals_category,
    "date": date_category,
    "period": period_category,
    "sheet_date": sheet_date_category,
    "state": state_category,
    "county_fips": county_fips_category,
    "frame": frame_category(),
    "county_frame": frame_category(variants=(
        variant("county FIPS as integers", lambda g: g.assign(county_fips=g["county_fips"].astype(int))),)),
    "state_frame": frame_category(variants=(
        variant("state FIPS as integers", lambda g: g.assign(state_fips=g["state_fips"].astype(int))),)),
    "column": column_category,
    "chart": chart_category,
    "spec_chart": chart_category,
    "colors": mapping_category,
    "highlight": highlight_category,
    "options": options_category,
    "choice": choice_category,
    "label": label_text_category,
    "callable": callable_category,
    "controls": controls_category,
    "edition": choose_category("zz-9", "2020", long=(("2017 (an int)", "2017"),)),
    "value_type": choose_category("X", long=(("quantitative", "Q"), ("nominal", "N"))),
    "x_type": choose_category("Z", long=(("temporal", "T"),)),
    "tooltip": tooltip_category,
    "answer": answer_category,
    "any": any_category,
    "row": row_series_category,
    "object": object_category,
    # the evidence reader and notebook 08's kit (pending their owners)
    "domain": key_category("zz-9", lower=False, upper=True),
    "policy": key_category("zz-9", lower=False, upper=True),
    "design": key_category("zz-9", lower=False, upper=True),
    "statuses": list_category("zz-9"),
    "view": key_category("zz-9", lower=False, upper=True),
    "transform": key_category("zz-9", lower=False, upper=True),
    "direction": key_category("zz-9", lower=False, upper=True),
    "how": key_category("zz-9", lower=False, upper=True),
    "county": key_category("zz-9", lower=True),
    "baselines": lambda: [*CORE, AN_INT, Bad("['a', 'b'] (text)", const(["a", "b"]), "type", (r"'a'",)),
                          Bad("-5", const(-5), "type", ("-5", "negative"))],
    "mapping": lambda: [*CORE, AN_INT],
    "items": lambda: [MISSING, BLANK, A_NAN, A_HUGE, AN_INT, A_DICT, Bad("'abc'", const("abc"), "type", ("abc",))],
    "folder": lambda: [MISSING, A_LIST, A_DICT, A_NAN, A_HUGE, AN_INT],
    "groupings": lambda: [*CORE, AN_INT, Bad("{'x': 'no_such_column'}", const({"x": ["no_such_column"]}), "unknown",
                                            ("no_such_column",))],
    "strata": lambda: [MISSING, A_DICT, A_NAN, A_HUGE, AN_INT, Bad("['no_such_column']", const(["no_such_column"]),
                                                                     "unknown", ("no_such_column",))],
}

# The category of a parameter: by function and name first, then by name, then by annotation.
BY_FUNCTION: dict[tuple[str, str], str] = {
    ("cite.fact", "key"): "fact_key",
    ("cite.facts_markdown", "keys"): "fact_keys",
    ("cite.findings_inline", "row_ids"): "row_ids",
    ("cite.references", "row_ids"): "row_ids",
    ("cite.sources", "names"): "tables",
    ("text.day", "value"): "date",
    ("text.month", "value"): "date",
    ("text.n", "value"): "number",
    ("text.pct", "value"): "number",
    ("text.say", "text"): "text",
    ("maps.minnesota_choropleth", "highlight"): "county_fips",
    ("maps.county_choropleth", "values"): "county_frame",
    ("maps.minnesota_choropleth", "values"): "county_frame",
    ("charts.refill", "template"): "spec_chart",
    ("charts.line_chart", "colors"): "colors",
    ("charts.bar_chart", "colors"): "colors",
    ("charts.partial_line", "colors"): "colors",
    ("widgets.dropdown", "value"): "choice",
    ("widgets.selection_slider", "value"): "choice",
    ("widgets.explorer", "name"): "text",
    ("evidence_chart.explorer", "name"): "text",
    ("evidence.value", "column"): "column",
    ("evidence.reverse", "value"): "number",
    ("evidence.signed", "value"): "number",
    ("evidence.period_text", "value"): "any",
    ("evidence_chart.explorer", "default_domain"): "domain",
    ("evidence_chart.explorer", "default_policy"): "policy",
    ("compare.dumbbell_chart", "result"): "object",
    ("brief.save", "brief"): "object",
    ("brief.save", "name"): "text",
    ("brief.to_html", "brief"): "object",
    ("brief.to_markdown", "brief"): "object",
    ("brief.safe_name", "parts"): "any",
    ("brief.clean_text", "text"): "any",
}
BY_NAME: dict[str, str] = {
    "name": "table", "key": "column", "row_id": "row_id", "study_id": "study_id", "section": "section",
    "qid": "qid", "answer": "answer", "status": "status", "year": "year", "authors": "text",
    "text": "text", "markdown": "text", "title": "text", "description": "text", "x_title": "text", "y_title": "text",
    "legend_title": "text", "subtitle": "text", "label": "text", "caption": "text", "noun": "text",
    "unit_word": "text", "what": "text",
    "decimals": "decimals", "ratio": "number", "low": "number", "high": "number",
    "start": "period", "end": "period", "sheet_date": "sheet_date", "snapshot_date": "sheet_date",
    "data": "frame", "df": "frame", "values": "frame", "table": "frame", "frame": "frame", "steps": "frame",
    "part": "frame", "whole": "frame", "plan": "frame", "crosswalk": "frame", "members": "frame",
    "x": "column", "y": "column", "color": "column", "value": "column", "name_field": "column",
    "partial": "column", "outcome": "column", "treatment": "column",
    "chart": "chart", "colors": "colors", "highlight": "highlight", "options": "options",
    "render": "callable", "controls": "controls", "edition": "edition",
    "value_type": "value_type", "x_type": "x_type", "tooltip": "tooltip",
    "domain": "domain", "policy": "policy", "design": "design", "statuses": "statuses", "rows": "row_ids",
    "row_ids": "row_ids", "view": "view", "transform": "transform", "direction": "direction", "how": "how",
    "county": "county", "baselines": "baselines", "labels": "mapping", "items": "items", "folder": "folder",
    "groupings": "groupings", "strata": "strata", "row": "row", "r": "row",
}
# Controls' labels are `description` too: a widget's description is a label, a chart's is required text.
LABEL_FUNCTIONS = {"widgets.dropdown", "widgets.selection_slider"}
# Parameters a reader does not type (layout, formats) or that only tests pass.
SKIPPED_PARAMS = {
    "data_dir", "width", "height", "y_format", "x_format", "value_format", "sort", "x_tick_interval", "color_title",
    "join", "note", "horizontal", "inline", "scheme", "legend_orient", "y_type", "include_secondary", "include_all",
    "shown_root", "when", "carry", "treated_label", "untreated_label", "wrap",
}
SKIPPED_BY_FUNCTION = {("charts.line_chart", "tooltip"),
                       # colours apply only with `color` (bars) or value_type='N' (maps), which the baselines leave out
                       ("charts.bar_chart", "colors"), ("maps.county_choropleth", "colors"),
                       ("maps.minnesota_choropleth", "colors"),
                       ("evidence.signed", "ratio"), ("charts.mark_period", "x_type")}
# Functions that document an answer for anything (e.g. an unknown status is 'not verified').
ACCEPTS_UNKNOWN = {("cite.label", "status")}


def category_of(qualname: str, param: inspect.Parameter) -> str | None:
    if param.name in SKIPPED_PARAMS and (qualname, param.name) not in BY_FUNCTION:
        return None
    if (qualname, param.name) in SKIPPED_BY_FUNCTION or param.kind is inspect.Parameter.VAR_KEYWORD:
        return None
    if (qualname, param.name) in BY_FUNCTION:
        return BY_FUNCTION[(qualname, param.name)]
    if param.name == "description" and qualname in LABEL_FUNCTIONS:
        return "label"
    if param.name in BY_NAME:
        return BY_NAME[param.name]
    annotation = str(param.annotation)
    if "DataFrame" in annotation:
        return "frame"
    if annotation.startswith(("float", "int")):
        return "number"
    if annotation.startswith("str"):
        return "text"
    return "any"


# --- Valid calls, which the census spoils one parameter at a time ---------------------------------


@cache
def _data() -> dict[str, Any]:
    """Small made-up frames for the kit's own functions, made once."""
    months = pd.date_range("2025-01-01", periods=6, freq="MS")
    return {
        "line": pd.DataFrame(
            {"month": list(months) * 2, "arrests": [10, 20, 15, 30, 25, 40, 5, 8, 6, 9, 7, 12],
             "group": ["a"] * 6 + ["b"] * 6, "partial": [False] * 5 + [True] + [False] * 5 + [True]}
        ),
        "bar": pd.DataFrame({"state_name": ["Minnesota", "Texas", "Ohio"], "agreements": [5, 300, 40]}),
        "counties": pd.DataFrame({"county_fips": ["27053", "27123", "48201"], "share": [1.5, 2.5, 30.0],
                                  "county_name": ["Hennepin", "Ramsey", "Harris"]}),
        "states": pd.DataFrame({"state_fips": ["27", "48"], "state_name": ["Minnesota", "Texas"], "agreements": [5, 300]}),
        "mn": pd.DataFrame({"county_fips": ["27053", "27123"], "share": [1.5, 2.5]}),
        "study": str(helpers.load("research_studies")["study_id"].iloc[0]),
        "question": next(q for q in helpers.checks.registry().values() if q.kind == "number"),
    }


@cache
def _others() -> dict[str, Any]:
    """Frames and objects for the modules of other owners (the evidence reader, notebook 08's kit)."""
    from helpers import brief, compare, evidence

    confounded = pd.DataFrame(
        {"size": ["big"] * 4 + ["small"] * 6, "treated": [True, True, True, False, True, False, False, False, False, False],
         "y": [100.0, 104.0, 96.0, 100.0, 10.0, 8.0, 12.0, 10.0, 9.0, 11.0]}
    )
    return {
        "confounded": confounded,
        "gap": compare.stratified_gap(confounded, "y", "treated", ["size"]),
        "ladder": {"no grouping": compare.stratified_gap(confounded, "y", "treated", []),
                   "size": compare.stratified_gap(confounded, "y", "treated", ["size"])},
        "crime": evidence.findings(domain="crime"),
        "r16": evidence.findings(rows=["R16"]).iloc[0],
        "brief": brief.Brief("A brief", [brief.Section("Findings", "Two studies.")], argument="My argument."),
    }


def _line_chart() -> alt.Chart:
    from helpers import charts

    return charts.line_chart(_data()["line"], x="month", y="arrests", title="Arrests rose", description="A line.",
                             x_title="Month", y_title="Arrests", color="group")


def _render(choice: str) -> Markdown:
    return Markdown(f"You chose {choice}.")


CHART_TEXT = {"title": "Arrests rose", "description": "A line chart of arrests by month."}


@dataclass(frozen=True)
class Fresh:
    """A baseline argument made anew for every call (a chart or a control the call may change)."""

    make: Callable[[], Any]


def _baseline(qualname: str) -> dict[str, Any] | None:
    """Keyword arguments of a valid call of `qualname` (None: no baseline, the coverage test says so)."""
    calls = _calls()
    if qualname not in calls:
        return None
    out = {}
    for key, value in calls[qualname].items():
        if isinstance(value, Fresh):
            value = value.make()
        elif isinstance(value, pd.DataFrame | pd.Series):
            value = value.copy()
        elif isinstance(value, list | dict):
            value = copy.copy(value)
        out[key] = value
    return out


@cache
def _calls() -> dict[str, dict[str, Any]]:
    from helpers import charts, widgets

    d = _data()
    palette = {"a": charts.PALETTE[0], "b": charts.PALETTE[1]}
    line = {"data": d["line"], "x": "month", "y": "arrests", **CHART_TEXT, "x_title": "Month", "y_title": "Arrests",
            "color": "group", "colors": palette, "subtitle": "By month", "x_type": "T"}
    maps_text = {"title": "Shares differ", "description": "A map of shares.", "legend_title": "Share (%)",
                 "subtitle": "By county"}
    table = {"name": "states"}
    table_geo = {"name": "mn_counties_geo"}
    calls: dict[str, dict[str, Any]] = {
        "catalog.describe": table, "catalog.load": table, "catalog.resource": table,
        "catalog.read_json": table_geo, "catalog.verified_path": table_geo,
        "charts.line_chart": line,
        "charts.partial_line": {**line, "partial": "partial"},
        "charts.bar_chart": {"data": d["bar"], "x": "agreements", "y": "state_name", **CHART_TEXT, "horizontal": True,
                             "x_title": "Agreements", "y_title": "State", "subtitle": "In force",
                             "highlight": {"field": "state_name", "value": "Minnesota"}},
        "charts.finish": {"chart": Fresh(lambda: alt.Chart(d["line"]).mark_line().encode(x="month:T", y="arrests:Q")),
                          **CHART_TEXT, "subtitle": "By month"},
        "charts.mark_period": {"chart": Fresh(_line_chart), "start": "2025-02-01", "end": "2025-03-01",
                               "label": "Surge"},
        "charts.template": {"chart": Fresh(_line_chart)},
        "charts.refill": {"template": charts.template(_line_chart()), "data": d["line"], **CHART_TEXT,
                          "subtitle": "By month"},
        "maps.county_choropleth": {"values": d["counties"], "value": "share", **maps_text, "edition": "2023",
                                   "key": "county_fips", "name_field": "county_name", "value_type": "Q",
                                   "tooltip": [("share", "Share", "Q")]},
        "maps.minnesota_choropleth": {"values": d["mn"], "value": "share", **maps_text, "highlight": "27053",
                                      "key": "county_fips", "value_type": "Q"},
        "widgets.dropdown": {"options": ["a", "b"], "value": "a", "description": "Pick"},
        "widgets.selection_slider": {"options": [2024, 2025, 2026], "value": 2025, "description": "Year"},
        "widgets.explorer": {"render": _render, "controls": Fresh(lambda: {"choice": widgets.dropdown(["a", "b"])}),
                             "name": "census-toy", "caption": "A toy explorer"},
        "checks.check": {"qid": d["question"].qid, "answer": d["question"].answer()},
        "cite.fact": {"key": "s1-1"},
        "cite.facts_in_section": {"section": "2.1"},
        "cite.facts_markdown": {"keys": ["s1-1"]},
        "cite.finding": {"row_id": "R16"},
        "cite.findings_inline": {"row_ids": ["R16", "R09"]},
        "cite.references": {"row_ids": ["R16", "R09"]},
        "cite.label": {"status": "verified"},
        "cite.short_authors": {"authors": "Thomas Miles; Adam Cox"},
        "cite.short_cite": {"authors": "Thomas Miles; Adam Cox", "year": 2014},
        "cite.sources": {"names": ["states", "mn_counties"]},
        "cite.study_cite": {"study_id": d["study"]},
        "cite.year_text": {"year": 2014},
        "text.day": {"value": "2026-05-18"}, "text.month": {"value": "2026-05-18"},
        "text.n": {"value": 1843, "decimals": 0}, "text.pct": {"value": 8.25, "decimals": 1},
        "text.times": {"ratio": 13.6}, "text.say": {"text": "A sentence."},
        "text.escape_dollars": {"markdown": "It cost $5 and $6."},
        "text.html_table": {"frame": d["bar"], "caption": "Agreements by state"},
    }
    try:
        calls.update(_other_calls())
    except Exception as error:  # a module being rewritten: its functions show as uncovered, the rest still run
        BASELINE_ERRORS.append(f"{type(error).__name__}: {error}")
    return calls


BASELINE_ERRORS: list[str] = []


def _other_calls() -> dict[str, dict[str, Any]]:
    d = _others()
    return {
        # the evidence reader
        "evidence.findings": {"domain": "crime"},
        "evidence.count_studies": {"df": d["crime"]},
        "evidence.table": {"df": d["crime"]},
        "evidence.n_of_m": {"part": d["crime"].head(3), "whole": d["crime"]},
        "evidence.card": {"row_id": "R16"},
        "evidence.value": {"row_id": "R16", "column": "effect"},
        "evidence.period_text": {"value": "2005-2011"},
        "evidence.result_text": {"row": d["r16"]},
        "evidence.reverse": {"value": -52.0, "transform": "percent"},
        "evidence.signed": {"value": 35.5},
        "evidence_chart.plot_frame": {"df": d["crime"]},
        "evidence_chart.forest_chart": {"df": d["crime"]},
        "evidence_chart.explorer_view": {"domain": "crime", "policy": "all", "design": "all"},
        "evidence_chart.explorer": {"default_domain": "crime", "name": "census-evidence"},
        "compare.stratified_gap": {"df": d["confounded"], "outcome": "y", "treatment": "treated", "strata": ["size"]},
        "compare.dumbbell_chart": {"result": d["gap"], **CHART_TEXT, "x_title": "Outcome", "treated_label": "With",
                                   "untreated_label": "Without"},
        "compare.ladder_chart": {"gaps": d["ladder"], **CHART_TEXT, "x_title": "Gap"},
        # the brief writer (notebook 08's what-if and members of Congress are computed in its own cells)
        "brief.clean_text": {"text": "My argument."},
        "brief.safe_name": {"parts": ("Hennepin",), "when": dt.datetime(2026, 6, 20, 9, 30, 5)},
        "brief.save": {"brief": d["brief"], "folder": _tmp_folder(), "name": "my brief"},
        "brief.to_html": {"brief": d["brief"]},
        "brief.to_markdown": {"brief": d["brief"]},
    }


@cache
def _tmp_folder() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="census-briefs-"))



# --- The census ------------------------------------------------------------------------------------

ACCEPTED, MESSAGE, CLEAR = "accepted", "message view", "clear error"
BARE, FALSE = "bare exception", "false statement"
OUTCOMES = (ACCEPTED, MESSAGE, CLEAR, BARE, FALSE)
RESULTS: dict[str, tuple[str, str, str, bool]] = {}  # row id -> (module, outcome, detail, pending owner)


@dataclass(frozen=True)
class Row:
    module: str
    function: str
    param: str
    category: str
    index: int
    label: str

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.function}"

    @property
    def id(self) -> str:
        return f"{self.qualname}({self.param}={self.label})"


def _function(qualname: str) -> Callable[..., Any]:
    module, name = qualname.split(".")
    return getattr(importlib.import_module(f"helpers.{module}"), name)


def _good(qualname: str, param: inspect.Parameter, base: dict[str, Any]) -> Any:
    return base.get(param.name, None if param.default is inspect.Parameter.empty else param.default)


def _rows() -> list[Row]:
    rows = []
    for module in MODULES:
        for name, fn in public_functions(module):
            qualname = f"{module}.{name}"
            base = _baseline(qualname)
            if qualname in EXEMPT or base is None:
                continue
            for param in inspect.signature(fn).parameters.values():
                category = category_of(qualname, param)
                if category is None:
                    continue
                good = _good(qualname, param, base)
                for i, bad in enumerate(CATEGORIES[category]()):
                    try:
                        value = bad.value(good)
                        if bad.canonical is not None:
                            bad.canonical(good)
                    except Exception:  # a variant of a value the baseline leaves out (None)
                        continue
                    if bad.kind == "variant" and isinstance(value, str) and value == good:
                        continue  # 'states'.lower() is no variant of 'states'
                    rows.append(Row(module, name, param.name, category, i, bad.label))
    return rows


def _invoke(fn: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    positional = [p.name for p in inspect.signature(fn).parameters.values() if p.kind is p.VAR_POSITIONAL]
    args = tuple(kwargs.pop(positional[0])) if positional else ()
    return fn(*args, **kwargs)


def _message(error: BaseException) -> str:
    return str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)


def _mentions(bad: Bad, value: Any) -> tuple[str, ...]:
    if bad.mentions:
        return bad.mentions
    if isinstance(value, str):
        return _string_mentions(value)
    if isinstance(value, dict):
        return tuple(re.escape(str(v)) for v in value.values() if isinstance(v, str)) or (r"\bdict\b",)
    return (re.escape(str(value))[:40], type(value).__name__)


def _text_of(result: Any) -> str:
    from helpers.checks import Feedback

    if isinstance(result, str):
        return result
    if isinstance(result, Markdown | HTML):
        return str(result.data)
    if isinstance(result, Feedback):
        return f"{result.message} {result.detail}"
    for method in ("_repr_markdown_", "_repr_html_"):
        if hasattr(result, method) and not isinstance(result, pd.DataFrame):
            try:
                return str(getattr(result, method)())
            except Exception:
                return ""
    return ""


LEAKS = {
    "missing": re.compile(r"\bNone\b|<NA>"),
    "nan": re.compile(r"\bnan\b|\bNaN\b|<NA>"),
}


def _leak(text: str, bad: Bad) -> str:
    """Junk the bad input left in a sentence: 'None', 'nan', a list's or a dict's repr."""
    pattern = LEAKS.get(bad.kind)
    if pattern is not None and pattern.search(text):
        return pattern.search(text).group(0)  # type: ignore[union-attr]
    for junk in ("['a', 'b']", "{'a': 1}", "<NA>"):
        if junk in text:
            return junk
    return ""


def _views(node: dict[str, Any], data: Any = None, transforms: tuple = ()) -> list[tuple[dict, Any, tuple]]:
    data = node.get("data", data)
    transforms = (*transforms, *node.get("transform", []))
    out = [(node, data, transforms)] if "mark" in node else []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in node.get(key, []):
            out += _views(child, data, transforms)
    if isinstance(node.get("spec"), dict):
        out += _views(node["spec"], data, transforms)
    return out


def _strings(node: Any) -> list[str]:
    """Every string inside a title, subtitle or description (a title may be a dict of lists)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for v in node.values() for t in _strings(v)]
    if isinstance(node, list | tuple):
        return [t for v in node for t in _strings(v)]
    return []


def _chart_problem(spec: dict[str, Any]) -> str:
    """A chart that cannot be right: a column drawn that the data lacks, map keys that match no area."""
    datasets = spec.get("datasets", {})
    for view, data, transforms in _views(spec):
        for t in transforms:
            if "lookup" in t:
                rows = datasets.get(t["from"]["data"].get("name"), [])
                keys = [r.get(t["from"]["key"]) for r in rows]
                if any(not (isinstance(k, str) and k.isdigit() and len(k) in (2, 5)) for k in keys):
                    return f"its map keys {keys[:2]} match no area (FIPS codes are text like '27053'): a blank map"
                missing = [f for f in t["from"].get("fields", []) if rows and f not in rows[0]]
                if missing:
                    return f"it looks up {missing}, which its values lack: a blank map"
        if not isinstance(data, dict) or data.get("name") not in datasets or not datasets[data["name"]]:
            continue
        columns = set().union(*(r.keys() for r in datasets[data["name"]][:5]))
        columns |= {t.get("as") for t in transforms if isinstance(t.get("as"), str)}
        for t in transforms:
            for key in ("aggregate", "window", "joinaggregate"):
                columns |= {a.get("as") for a in t.get(key, [])}
        for channel, enc in view.get("encoding", {}).items():
            for item in enc if isinstance(enc, list) else [enc]:
                name = item.get("field") if isinstance(item, dict) else None
                if isinstance(name, str) and name.split(".")[0] not in columns:
                    return f"its {channel} draws column {name!r}, which the data lacks: a blank chart"
    return ""


def _same(a: Any, b: Any) -> bool:
    from helpers.checks import Feedback

    if isinstance(a, pd.DataFrame | pd.Series):
        return isinstance(b, type(a)) and a.equals(b)
    if hasattr(a, "to_dict") and hasattr(b, "to_dict") and not isinstance(a, dict):
        return a.to_dict() == b.to_dict()
    if hasattr(a, "spec") and hasattr(b, "spec"):  # a map template
        return a.spec == b.spec
    if isinstance(a, Feedback):
        return (a.correct, a.message) == (b.correct, b.message)
    if isinstance(a, Markdown | HTML):
        return a.data == b.data
    if hasattr(a, "options") and hasattr(a, "value"):
        return (tuple(a.options), a.value) == (tuple(b.options), b.value)
    try:
        return bool(a == b)
    except Exception:
        return True


def _period_problem(result: Any, kwargs: dict[str, Any]) -> str:
    """mark_period: a period that reaches outside the chart's dates stretches its time axis."""
    spec = result.to_dict()
    bands = [rows for rows in spec.get("datasets", {}).values() if rows and "start" in rows[0]]
    data = kwargs["chart"].data
    lo, hi = data["month"].min().isoformat()[:10], data["month"].max().isoformat()[:10]
    for rows in bands:
        start, end = str(rows[0]["start"])[:10], str(rows[0]["end"])[:10]
        if start < lo or end > hi:
            return f"the shaded period {start} to {end} stretches the time axis beyond the data ({lo} to {hi})"
    return ""


def _date_problem(result: Any, value: Any) -> str:
    """day()/month(): a number is never a date."""
    if isinstance(value, int | float) and not isinstance(value, bool) and not (
            isinstance(value, float) and math.isnan(value)):
        return f"printed the number {str(value)[:12]} as the date {result!r}"
    return ""


def _run(row: Row) -> tuple[str, str]:
    from helpers import widgets
    from helpers.checks import _ATTEMPTS, Feedback

    fn = _function(row.qualname)
    base = _baseline(row.qualname)
    assert base is not None
    param = inspect.signature(fn).parameters[row.param]
    good = _good(row.qualname, param, base)
    bad = CATEGORIES[row.category]()[row.index]
    value = bad.value(good)
    kwargs = {**base, row.param: (value,) if param.kind is param.VAR_POSITIONAL else value}
    explorers = len(widgets.EXPLORERS)
    try:
        result = _invoke(fn, dict(kwargs))
    except (NoData, DataFileError, UnlabelledChartError) as error:
        return CLEAR, f"{type(error).__name__}: {error}"
    except (KeyError, ValueError, TypeError) as error:
        text = _message(error)
        named = any(re.search(p, text, re.IGNORECASE) for p in _mentions(bad, value))
        if named and GUIDANCE.search(text):
            return CLEAR, f"{type(error).__name__}: {text}"
        what = "does not name the bad value" if not named else "does not say what is valid"
        return BARE, f"{type(error).__name__} ({what}): {text[:200]}"
    except Exception as error:
        return BARE, f"{type(error).__name__}: {str(error)[:200]}"
    finally:
        del widgets.EXPLORERS[explorers:]
        _ATTEMPTS.pop(str(kwargs.get("qid")), None)
    if isinstance(result, Feedback) and not result.correct:
        text = _text_of(result)
        return (MESSAGE, text) if GUIDANCE.search(text) else (FALSE, f"a message that does not say what to do: {text}")
    return _accepted(row, fn, base, good, bad, value, kwargs, result)


def _accepted(row: Row, fn: Callable[..., Any], base: dict[str, Any], good: Any, bad: Bad, value: Any,
              kwargs: dict[str, Any], result: Any) -> tuple[str, str]:
    """An accepted call: harmless only if it says nothing false."""
    if bad.kind == "unknown" and (row.qualname, row.param) not in ACCEPTS_UNKNOWN:
        return FALSE, f"accepted an unknown value {value!r} and returned {str(result)[:120]!r}"
    if hasattr(result, "to_dict") and not isinstance(result, pd.DataFrame | pd.Series | dict):
        try:
            spec = result.to_dict()
            if isinstance(result, SpecChart):
                helpers.charts.check_spec(spec)
        except Exception as error:
            return FALSE, f"returned a chart that cannot be drawn ({type(error).__name__}: {str(error)[:160]})"
        problem = _chart_problem(spec)
        if problem:
            return FALSE, problem
        text = "\n".join(_strings([spec.get("title"), spec.get("description")]))
    else:
        text = _text_of(result)
    leak = _leak(text, bad)
    if leak:
        return FALSE, f"its output shows {leak!r}: {text[:160]!r}"
    if row.qualname == "charts.mark_period" and bad.kind == "date":
        problem = _period_problem(result, kwargs)
        if problem:
            return FALSE, problem
    if row.qualname in ("text.day", "text.month"):
        problem = _date_problem(result, value)
        if problem:
            return FALSE, problem
    if bad.kind == "variant" and bad.canonical is not None:
        canonical = bad.canonical(good)
        try:
            expected = _invoke(fn, {**_baseline(row.qualname), row.param: canonical})  # type: ignore[dict-item]
        except Exception:
            return ACCEPTED, ""
        if not _same(result, expected):
            return FALSE, f"accepted {value!r} but gave a different result than {canonical!r}"
    return ACCEPTED, f"returned {type(result).__name__}"


ROWS = _rows()

# Calls into modules whose owners are still editing them that fail today, by function(parameter): the bad inputs'
# labels. Each is an xfail (not strict), so the census still counts and lists it; remove a line once it passes.
PENDING: dict[str, tuple[str, ...]] = {
}


def _pending(row: Row) -> bool:
    return row.module in PENDING_OWNERS and row.label in PENDING.get(f"{row.qualname}({row.param})", ())


def _params() -> list[Any]:
    out = []
    for row in ROWS:
        marks = []
        if _pending(row):
            reason = f"pending owner ({PENDING_OWNERS[row.module]}): {row.qualname}({row.param}) with {row.label}"
            marks.append(pytest.mark.xfail(strict=False, reason=reason))
        out.append(pytest.param(row, id=row.id, marks=marks))
    return out


class CensusReport:
    """Prints the census table at the end of the run, whatever the capture and verbosity."""

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not RESULTS:
            return
        counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for module, outcome, _detail, pending in RESULTS.values():
            for key in (module, "total"):
                counts[key]["tried"] += 1
                counts[key][outcome] += 1
                counts[key]["pending owner"] += pending and outcome in (BARE, FALSE)
        exempt = collections.Counter(m for m in MODULES for name, _ in public_functions(m) if f"{m}.{name}" in EXEMPT)
        columns = ["tried", ACCEPTED, MESSAGE, CLEAR, BARE, FALSE, "pending owner"]
        heads = ["tried", "accepted", "message", "clear error", "bare exc.", "false stmt", "pending", "exempt fns"]
        tr = terminalreporter
        tr.write_sep("=", "bad-input census")
        tr.write_line(f"{'module':<15}" + "".join(f"{h:>12}" for h in heads))
        for module in [*MODULES, "total"]:
            c = counts.get(module, collections.Counter())
            ex = exempt.get(module, 0) if module != "total" else sum(exempt.values())
            tr.write_line(f"{module:<15}" + "".join(f"{c[k]:>12}" for k in columns) + f"{ex:>12}")
        tr.write_line("Failures are bare exceptions and false statements; 'pending' counts those in modules whose "
                      "owners were asked to fix them (xfail).")
        failures = sorted((rid, d) for rid, (_m, o, d, p) in RESULTS.items() if o in (BARE, FALSE) and not p)
        if failures:
            tr.write_line(f"{len(failures)} failures in modules without a pending owner:")
            for rid, detail in failures[:40]:
                tr.write_line(f"  {rid}: {detail}")


@pytest.fixture(scope="module", autouse=True)
def _census_report(request: pytest.FixtureRequest) -> None:
    manager = request.config.pluginmanager
    if not manager.has_plugin("bad-input-census"):
        manager.register(CensusReport(), "bad-input-census")


@pytest.mark.parametrize("row", _params())
def test_bad_input_is_answered_clearly(row: Row) -> None:
    outcome, detail = _run(row)
    RESULTS[row.id] = (row.module, outcome, detail, _pending(row))
    if outcome not in (ACCEPTED, MESSAGE, CLEAR):
        pytest.fail(f"{row.id}: {outcome}: {detail}", pytrace=False)  # the message says it all; no traceback


def test_every_public_function_is_in_the_census() -> None:
    """A new public function needs a baseline call in `_calls()` (and categories for its parameters) or an EXEMPT reason."""
    censused = {r.qualname for r in ROWS}
    missing = [
        f"{m}.{name}" for m in MODULES for name, _ in public_functions(m)
        if f"{m}.{name}" not in EXEMPT and f"{m}.{name}" not in censused
    ]
    assert not missing, f"Add a baseline call (or an EXEMPT reason) for: {missing} {BASELINE_ERRORS}"


def test_the_census_is_large_enough() -> None:
    assert len(ROWS) >= 150
    kinds = {CATEGORIES[r.category]()[r.index].kind for r in ROWS}
    assert {"missing", "blank", "type", "nan", "huge", "unknown", "variant", "date"} <= kinds


def test_the_census_itself_tells_clear_from_bare() -> None:
    """The classifier must be able to fail: a bare KeyError and a leaked 'None' are failures."""
    bad = bad_text("zz-9")
    assert not any(re.search(p, _message(KeyError("x")), re.I) for p in _mentions(bad, "zz-9"))
    clear = _message(KeyError("No fact 'zz-9'. Close matches: s1-1."))
    assert any(re.search(p, clear) for p in _mentions(bad, "zz-9")) and GUIDANCE.search(clear)
    assert _leak("The author is None.", MISSING) == "None"
    spec = {"mark": "line", "data": {"name": "d"}, "datasets": {"d": [{"a": 1}]},
            "encoding": {"x": {"field": "b", "type": "quantitative"}}}
    assert "lacks" in _chart_problem(spec)
