"""Write a short brief safely: the series' figures and citations, the reader's own words, Markdown and HTML.

A brief has trusted parts, written by notebook code from `data/` (figures, citations, members of Congress),
and one untrusted part: what the reader types, which is never interpreted as markup.

- In Markdown it sits in a fenced block (longer than any run of backticks in it), where nothing is a link,
  tag, heading or formula: the file shows the words exactly as typed, without backslashes.
- In HTML it is passed through `html.escape`; the trusted Markdown is rendered with raw HTML escaped and
  unsafe link schemes dropped, and the page's Content-Security-Policy forbids scripts, images and requests.

Files are saved in one local folder under a name of letters, digits and hyphens only, so a name such as
`../../etc/passwd` cannot leave it. Nothing is sent anywhere.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import textwrap
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mistune
import pandas as pd

from .catalog import NoData
from .scenario import _need, _whole

ARGUMENT_LIMIT = 3_000  # characters of the reader's own text kept in a brief (about half a page)
NAME_LIMIT = 60  # characters of a file name before the timestamp
PLACEHOLDER = "(Your argument goes here: write it in the box above the preview.)"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_RENDER = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"
STYLE = (
    "body{font-family:Georgia,serif;max-width:46em;margin:1.5em auto;padding:0 1em;line-height:1.3;color:#111}"
    "h1{font-size:1.35em;margin:0 0 .3em}h2{font-size:1.05em;margin:.8em 0 .25em;border-bottom:1px solid #ccc}"
    "ul{margin:.2em 0;padding-left:1.3em}li{margin:.1em 0}p{margin:.3em 0}"
    "blockquote{border-left:4px solid #0072B2;margin:0;padding:.1em .8em;background:#f6f8fa}.note{color:#555}"
    "@page{margin:1cm}@media print{body{margin:0;padding:0;max-width:none;font-size:9.5pt;line-height:1.22}blockquote{background:none}}"
)


class EmptyText(ValueError):
    """The reader's text is empty or only spaces."""


@dataclass(frozen=True)
class CleanText:
    """The reader's text after cleaning: what is kept, and whether it was cut to the limit."""

    text: str
    truncated: bool
    original_length: int
    limit: int

    @property
    def note(self) -> str:
        return (f"The argument was cut to its first {self.limit:,} characters (it had {self.original_length:,}); "
                "a brief should fit on one page.") if self.truncated else ""


def clean_text(text: Any, limit: int = ARGUMENT_LIMIT) -> CleanText:
    """Drop control and direction-changing characters, normalise line breaks, cap the length.

    Raises EmptyText (with what to do) when nothing but spaces is left.
    """
    _need(_whole(limit) and limit > 0, limit, "a limit in characters (a positive whole number)")
    raw = "" if text is None else str(text)
    body = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in body.split("\n"))).strip()
    if not body:
        raise EmptyText("Your argument is empty. Write a few sentences in the box: your claim, the evidence for it, "
                        "and the strongest point against it.")
    cut = len(body) > limit
    return CleanText(body[:limit].rstrip() + " …" if cut else body, cut, len(raw), limit)


def _fenced(text: str, width: int = 88) -> str:
    """The reader's text in a fenced block, where Markdown is inert; long lines wrapped at word boundaries."""
    lines = [textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) for line in text.split("\n")]
    ticks = "`" * max(3, 1 + max(map(len, re.findall(r"`+", text)), default=0))  # nothing typed can close it
    return "\n".join([f"{ticks}text", *lines, ticks])


def pick(items: Sequence[Any], at_least: int, at_most: int, what: str) -> list[Any]:
    """The items, if there are between `at_least` and `at_most` of them; else NoData saying how many to pick."""
    _need(isinstance(items, (list, tuple, pd.Series)), items, "a list of the items picked")
    _need(_whole(at_least) and _whole(at_most), (at_least, at_most), "whole numbers for at_least and at_most")
    chosen = list(dict.fromkeys(items))
    if not at_least <= len(chosen) <= at_most:
        raise NoData(f"Pick {at_least} to {at_most} {what}; you picked {len(chosen)}. "
                     f"Hold Ctrl (or Cmd on a Mac) and click to select several.")
    return chosen


@dataclass
class Section:
    """A part of a brief written by notebook code from data/: a heading and trusted Markdown."""

    heading: str
    markdown: str


@dataclass
class Brief:
    """A brief: a title, trusted sections, and the reader's own argument (untrusted, shown as typed)."""

    title: str
    sections: list[Section] = field(default_factory=list)
    argument: str = ""
    argument_heading: str = "My argument"
    after: list[Section] = field(default_factory=list)  # sections after the argument (limits, sources)

    def cleaned(self) -> CleanText | None:
        """The cleaned argument, or None while it is empty (the preview then shows a placeholder)."""
        try:
            return clean_text(self.argument)
        except EmptyText:
            return None


def _check(brief: Any) -> Brief:
    _need(isinstance(brief, Brief), brief, "a brief.Brief (made by the notebook's build function)")
    return brief


def to_markdown(brief: Brief) -> str:
    """The brief as one Markdown document; the reader's text is in a fenced block, exactly as typed."""
    argument = _check(brief).cleaned()
    body = f"*{PLACEHOLDER}*" if argument is None else _fenced(argument.text)
    body += f"\n\n*{argument.note}*" if argument and argument.truncated else ""
    parts = [f"# {brief.title}", *(f"## {s.heading}\n\n{s.markdown.strip()}" for s in brief.sections),
             f"## {brief.argument_heading}\n\n{body}", *(f"## {s.heading}\n\n{s.markdown.strip()}" for s in brief.after)]
    return "\n\n".join(parts) + "\n"


def to_html_fragment(brief: Brief) -> str:
    """The brief's body as HTML (for a preview inside a notebook)."""
    argument = _check(brief).cleaned()
    if argument is None:
        mine = f"<p class='note'><em>{html.escape(PLACEHOLDER)}</em></p>"
    else:
        paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in argument.text.split("\n\n"))
        note = f"<p class='note'><em>{html.escape(argument.note)}</em></p>" if argument.truncated else ""
        mine = f"<blockquote class='argument'>{paragraphs}</blockquote>{note}"
    section = lambda s: f"<h2>{html.escape(s.heading)}</h2>{_RENDER(s.markdown)}"  # noqa: E731
    return "".join([f"<h1>{html.escape(brief.title)}</h1>", *map(section, brief.sections),
                    f"<h2>{html.escape(brief.argument_heading)}</h2>", mine, *map(section, brief.after)])


def to_html(brief: Brief) -> str:
    """The brief as a standalone HTML page to print or send: no scripts, no images, no network requests."""
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
            f"<title>{html.escape(_check(brief).title)}</title><style>{STYLE}</style></head>\n"
            f"<body>{to_html_fragment(brief)}</body></html>\n")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def safe_name(*parts: Any, when: dt.datetime | None = None) -> str:
    """A file name from `parts` (county, a name the reader chose) and a timestamp: letters, digits, hyphens only.

    '../../etc/passwd' becomes 'etc-passwd-...'; an empty result becomes 'brief-...'.
    """
    words = " ".join(str(p) for p in parts if p is not None and p == p)  # not None or NaN
    return f"{_slug(words)[:NAME_LIMIT].strip('-') or 'brief'}-{(when or dt.datetime.now()).strftime('%Y-%m-%d-%H%M%S')}"


def save(brief: Brief, folder: Path, name: str) -> tuple[Path, Path]:
    """Write `name`.md and `name`.html into `folder` (made if missing); never outside it, never over a file.

    Raises EmptyText if the argument is still empty: a brief without the reader's argument is not saved.
    """
    clean_text(_check(brief).argument)  # refuse an empty argument before writing anything
    _need(isinstance(folder, (str, Path)), folder, "a folder path (text or a pathlib.Path)")
    folder = Path(folder).resolve()
    stem = _slug(str(name))[: NAME_LIMIT + 20] or "brief"  # whatever the caller passed, only letters, digits, hyphens
    folder.mkdir(parents=True, exist_ok=True)
    candidates = (folder / (stem if i == 1 else f"{stem}-{i}") for i in range(1, 1000))
    base = next(c for c in candidates if not c.with_suffix(".md").exists() and not c.with_suffix(".html").exists())
    md, page = base.with_suffix(".md"), base.with_suffix(".html")
    if md.resolve().parent != folder or page.resolve().parent != folder:
        raise ValueError("A brief is only ever saved inside its folder; give a plain file name.")
    md.write_text(to_markdown(brief), encoding="utf-8")
    page.write_text(to_html(brief), encoding="utf-8")
    return md, page


# --- Who represents a county --------------------------------------------------------------------------


def _frame(df: Any, columns: list[str], what: str) -> pd.DataFrame:
    _need(isinstance(df, pd.DataFrame), df, f"the {what} table as a DataFrame (load it with load(...))")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"The {what} table needs the columns {missing}; it has {list(df.columns)[:8]}. "
                         f"Pass the table loaded with load(...).")
    return df


def districts_of(crosswalk: pd.DataFrame, county: Any) -> pd.DataFrame:
    """The congressional districts a county's people live in, largest share first.

    `crosswalk` has one row per piece of a county in a district: `county_name`, `district`, `cd_geoid`,
    `pop_2020_part`. Adds `share_pct`, each piece's share of the county's people (summing to 100).
    Raises NoData for an empty or unknown county, saying what to try.
    """
    xwalk = _frame(crosswalk, ["county_name", "district", "cd_geoid", "pop_2020_part"], "county-district crosswalk")
    name = "" if county is None else str(county).strip()
    if not name:
        raise NoData("No county was chosen. Pick a county from the list.")
    pieces = xwalk[xwalk.county_name == name].copy()
    if pieces.empty:
        raise NoData(f"There is no county called {name!r} in the crosswalk. Pick one from the list.")
    if pieces.pop_2020_part.sum() <= 0:
        raise NoData(f"The crosswalk gives {name} no people, so no district shares can be computed.")
    pieces["share_pct"] = 100 * pieces.pop_2020_part / pieces.pop_2020_part.sum()
    return pieces.sort_values("share_pct", ascending=False).reset_index(drop=True)


def representatives(crosswalk: pd.DataFrame, members: pd.DataFrame, county: Any) -> pd.DataFrame:
    """A county's senators (the state's) and House members (one per district piece), with shares of its people.

    `members` has `chamber` ('senate' / 'house'), `cd_geoid`, `official_full_name`, `party`. Returns columns
    chamber, district (missing for senators), share_pct (of the county's people), member, party.
    """
    people = _frame(members, ["chamber", "cd_geoid", "official_full_name", "party"], "members of Congress")
    pieces = districts_of(crosswalk, county)
    house = people[people.chamber == "house"].drop_duplicates("cd_geoid").set_index("cd_geoid")
    missing = pieces.loc[~pieces.cd_geoid.isin(house.index), "district"].astype(str).tolist()
    if missing:
        raise NoData(f"No member is listed for district {', '.join(missing)} in this snapshot (a vacancy?). Check the "
                     "House's own list before writing.")
    senate = people[people.chamber == "senate"].assign(district=pd.NA, share_pct=100.0)
    house = pieces.assign(chamber="house", official_full_name=pieces.cd_geoid.map(house.official_full_name),
                          party=pieces.cd_geoid.map(house.party))
    out = pd.concat([senate, house])[["chamber", "district", "share_pct", "official_full_name", "party"]]
    return out.rename(columns={"official_full_name": "member"}).astype({"district": "Int64"}).reset_index(drop=True)


# --- The form a reader fills in ----------------------------------------------------------------------


class BriefForm:
    """Controls, a live preview, and a save button: `build(**values) -> Brief` writes the brief.

    `build` raises NoData (or EmptyText / ValueError) with a plain message for a selection it cannot use (too
    few findings); the preview shows that message. `name_of(values)` gives the parts of the file name;
    `shown_root` is the folder that saved paths are shown relative to.
    """

    def __init__(self, build: Callable[..., Brief], controls: Mapping[str, Any], *, folder: Path,
                 name_of: Callable[[dict[str, Any]], Sequence[Any]], shown_root: Path | None = None,
                 button_label: str = "Save my brief") -> None:
        import ipywidgets as widgets

        self.build, self.controls, self.folder = build, dict(controls), Path(folder)
        self.name_of, self.shown_root, self.saved = name_of, shown_root, None
        self.preview = widgets.Output(layout=widgets.Layout(border="1px solid #ccc", padding="4px 12px"))
        self.status = widgets.Output()
        self.button = widgets.Button(description=button_label, button_style="primary", icon="save",
                                     layout=widgets.Layout(width="220px"))
        self.button.on_click(lambda _b: self.save())
        for control in self.controls.values():
            control.observe(lambda _c: self.refresh(), names="value")
        self.widget = widgets.VBox([*self.controls.values(), self.button, self.status, self.preview],
                                   layout=widgets.Layout(max_width="100%"))
        self.widget.add_class("series-brief-form")
        self.refresh()

    def values(self) -> dict[str, Any]:
        return {key: control.value for key, control in self.controls.items()}

    def _show(self, area: Any, content: Any) -> None:
        from IPython.display import HTML, Markdown, display

        with area:
            area.clear_output(wait=True)
            display(Markdown(content) if isinstance(content, str) else HTML(to_html_fragment(content)))

    def refresh(self) -> Brief | None:
        try:
            brief = self.build(**self.values())
        except (NoData, ValueError) as why:
            self._show(self.preview, f"**This brief cannot be written yet.** {why}")
            return None
        self._show(self.preview, brief)
        return brief

    def save(self) -> tuple[Path, Path] | None:
        brief = self.refresh()
        if brief is None:
            self._show(self.status, "**Not saved.** Fix what the preview asks for, then press the button again.")
            return None
        try:
            self.saved = save(brief, self.folder, safe_name(*self.name_of(self.values())))
        except (EmptyText, ValueError) as why:
            self._show(self.status, f"**Not saved.** {why}")
            return None
        md, page = (self._shown(p) for p in self.saved)
        self._show(self.status, f"**Saved** on this computer (nothing was sent anywhere): `{md}` and `{page}`. "
                                "Open the HTML file to print it.")
        return self.saved

    def _shown(self, path: Path) -> str:
        root = Path(self.shown_root).resolve() if self.shown_root else None
        return path.resolve().relative_to(root).as_posix() if root and path.resolve().is_relative_to(root) else path.name

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


form = BriefForm  # form(build, controls, folder=..., name_of=..., shown_root=...): see BriefForm
