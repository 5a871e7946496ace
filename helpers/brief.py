"""Write a short brief safely: the series' figures and citations, the reader's own words, Markdown and HTML.

A brief has trusted parts, written by notebook code from `data/` (figures, citations, the names of
members of Congress), and one untrusted part: what the reader types. The untrusted text is never
interpreted as markup:

- in Markdown it is cleaned (control characters dropped, length capped with a note), every character
  that could start a link, image, HTML tag, heading, rule, table, list, emphasis, autolink or formula is
  backslash-escaped, and each line is quoted (`> `), so it can only ever show as the words typed;
- in HTML it is passed through `html.escape` and placed in a `<blockquote>`; the trusted Markdown is
  rendered with raw HTML escaped and unsafe link schemes dropped, and the page carries a
  Content-Security-Policy that forbids scripts, images and any network request.

Files are saved to a local folder under a file name built only from letters, digits and hyphens, so a
name such as `../../etc/passwd` cannot leave that folder. Nothing is sent anywhere.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mistune
import pandas as pd

from .catalog import NoData

ARGUMENT_LIMIT = 3_000  # characters of the reader's own text kept in a brief (about one page with the figures)
NAME_LIMIT = 60  # characters of a file name before the timestamp
PLACEHOLDER = "(Your argument goes here: write it in the box above the preview.)"

# Characters that can start Markdown (or GFM, or MathJax) markup anywhere in a line. Parentheses are left alone:
# with every square bracket escaped, no link or image can form around them.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>!|#~$^&@=])")
# Characters that make markup only in some places: a list marker or rule at the start of a line ("- ", "+ ",
# "1. "), a run of dashes (a rule or a heading underline), a URL scheme ("http://"), a dot inside a word
# ("www.evil.com"). A full stop before a space, or a hyphen inside a word, stays as typed.
_LINE_START = re.compile(r"^(\s*)(\d*)([-+.)])")
_DASH_RUN = re.compile(r"-(?=-)|(?<=-)-")
_SCHEME = re.compile(r":(?=//)")
_WORD_DOT = re.compile(r"(?<=[A-Za-z0-9])\.(?=[A-Za-z0-9])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_RENDER = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"
STYLE = (
    "body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}"
    "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.4em;border-bottom:1px solid #ccc}"
    "blockquote{border-left:4px solid #0072B2;margin:0;padding:.3em 1em;background:#f6f8fa;white-space:normal}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}"
    ".note{color:#555;font-size:.9em}@media print{body{margin:0}}"
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
        if not self.truncated:
            return ""
        return (f"The argument was cut to its first {self.limit:,} characters "
                f"(it had {self.original_length:,}); a brief should fit on one page.")


def clean_text(text: Any, limit: int = ARGUMENT_LIMIT) -> CleanText:
    """Strip control and direction-changing characters, normalise line breaks, cap the length.

    Raises EmptyText (with what to do) when nothing but spaces is left.
    """
    raw = "" if text is None else str(text)
    body = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in body.split("\n"))).strip()
    if not body:
        raise EmptyText("Your argument is empty. Write a few sentences in the box: your claim, the evidence for it, "
                        "and the strongest point against it.")
    truncated = len(body) > limit
    if truncated:
        body = body[:limit].rstrip() + " …"
    return CleanText(body, truncated, len(raw), limit)


def escape_markdown(text: str) -> str:
    """Backslash-escape every character that could start Markdown markup, so the text shows as typed."""
    out = _WORD_DOT.sub(r"\\.", _SCHEME.sub(r"\\:", _DASH_RUN.sub(r"\\-", _MARKUP.sub(r"\\\1", text))))
    start = lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}" if m.group(2) or m.group(3) in "-+" else m.group(0)  # noqa: E731
    return "\n".join(_LINE_START.sub(start, line, count=1) for line in out.split("\n"))


def quote_markdown(text: str) -> str:
    """The reader's text as a Markdown block quote of escaped lines (blank lines kept inside the quote)."""
    lines = [escape_markdown(line.strip()) for line in text.split("\n")]
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def pick(items: Sequence[Any], at_least: int, at_most: int, what: str) -> list[Any]:
    """The items, if there are between `at_least` and `at_most` of them; else NoData saying how many to pick."""
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


def to_markdown(brief: Brief) -> str:
    """The brief as one Markdown document; the reader's text is quoted and escaped."""
    argument = brief.cleaned()
    parts = [f"# {escape_markdown(brief.title)}"]
    parts += [f"## {escape_markdown(s.heading)}\n\n{s.markdown.strip()}" for s in brief.sections]
    body = quote_markdown(argument.text) if argument else f"*{PLACEHOLDER}*"
    note = f"\n\n*{argument.note}*" if argument and argument.truncated else ""
    parts.append(f"## {escape_markdown(brief.argument_heading)}\n\n{body}{note}")
    parts += [f"## {escape_markdown(s.heading)}\n\n{s.markdown.strip()}" for s in brief.after]
    return "\n\n".join(parts) + "\n"


def _argument_html(argument: CleanText | None) -> str:
    if argument is None:
        return f"<p class='note'><em>{html.escape(PLACEHOLDER)}</em></p>"
    paragraphs = [p for p in argument.text.split("\n\n") if p.strip()]
    inner = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    note = f"<p class='note'><em>{html.escape(argument.note)}</em></p>" if argument.truncated else ""
    return f"<blockquote class='argument'>{inner}</blockquote>{note}"


def to_html_fragment(brief: Brief) -> str:
    """The brief's body as HTML (for a preview inside a notebook)."""
    section = lambda s: f"<h2>{html.escape(s.heading)}</h2>{_RENDER(s.markdown)}"  # noqa: E731
    return "".join(
        [f"<h1>{html.escape(brief.title)}</h1>", *map(section, brief.sections),
         f"<h2>{html.escape(brief.argument_heading)}</h2>", _argument_html(brief.cleaned()), *map(section, brief.after)]
    )


def to_html(brief: Brief) -> str:
    """The brief as a standalone HTML page to print or send: no scripts, no images, no network requests."""
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        f"<title>{html.escape(brief.title)}</title><style>{STYLE}</style></head>\n"
        f"<body>{to_html_fragment(brief)}</body></html>\n"
    )


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def safe_name(*parts: Any, when: dt.datetime | None = None) -> str:
    """A file name from `parts` (county, a name the reader chose) and a timestamp: letters, digits, hyphens only.

    '../../etc/passwd' becomes 'etc-passwd-...'; an empty result becomes 'brief-...'.
    """
    slug = _slug(" ".join(str(p) for p in parts if p is not None))[:NAME_LIMIT].strip("-") or "brief"
    return f"{slug}-{(when or dt.datetime.now()).strftime('%Y-%m-%d-%H%M%S')}"


def save(brief: Brief, folder: Path, name: str) -> tuple[Path, Path]:
    """Write `name`.md and `name`.html into `folder` (made if missing); never outside it, never over a file.

    Raises EmptyText if the argument is still empty: a brief without the reader's argument is not saved.
    """
    clean_text(brief.argument)  # refuse an empty argument before writing anything
    folder = Path(folder).resolve()
    stem = _slug(str(name))[: NAME_LIMIT + 20] or "brief"  # whatever the caller passed, only letters, digits, hyphens
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, 1000):
        candidate = stem if i == 1 else f"{stem}-{i}"
        md, page = folder / f"{candidate}.md", folder / f"{candidate}.html"
        if not md.exists() and not page.exists():
            break
    else:  # pragma: no cover - a thousand briefs under one name and second
        raise FileExistsError(f"Too many briefs named {stem!r}; choose another name.")
    if md.resolve().parent != folder or page.resolve().parent != folder:
        raise ValueError("A brief is only ever saved inside its folder.")
    md.write_text(to_markdown(brief), encoding="utf-8")
    page.write_text(to_html(brief), encoding="utf-8")
    return md, page


# --- Who represents a county --------------------------------------------------------------------------


def districts_of(crosswalk: pd.DataFrame, county: Any) -> pd.DataFrame:
    """The congressional districts a county's people live in, largest share first.

    `crosswalk` has one row per piece of a county in a district: `county_name`, `district`, `cd_geoid`,
    `pop_2020_part`. Adds `share_pct`, each piece's share of the county's people (summing to 100).
    Raises NoData for an empty or unknown county, saying what to try.
    """
    name = "" if county is None else str(county).strip()
    if not name:
        raise NoData("No county was chosen. Pick a county from the list.")
    pieces = crosswalk[crosswalk.county_name == name].copy()
    if pieces.empty:
        raise NoData(f"There is no county called {name!r} in the crosswalk. Pick one from the list.")
    total = pieces.pop_2020_part.sum()
    if total <= 0:
        raise NoData(f"The crosswalk gives {name} no people, so no district shares can be computed.")
    pieces["share_pct"] = 100 * pieces.pop_2020_part / total
    return pieces.sort_values("share_pct", ascending=False).reset_index(drop=True)


def representatives(crosswalk: pd.DataFrame, members: pd.DataFrame, county: Any) -> pd.DataFrame:
    """A county's senators (the state's) and House members (one per district piece), with shares of its people.

    `members` has `chamber` ('senate' / 'house'), `cd_geoid`, `official_full_name`, `party`. Returns
    columns chamber, district (None for senators), share_pct (of the county's people), member, party.
    """
    pieces = districts_of(crosswalk, county)
    house = {g: (name, party) for g, name, party, chamber in zip(
        members.cd_geoid, members.official_full_name, members.party, members.chamber, strict=True) if chamber == "house"}
    missing = [str(d) for g, d in zip(pieces.cd_geoid, pieces.district, strict=True) if g not in house]
    if missing:
        raise NoData(f"No member is listed for district {', '.join(missing)} in this snapshot (a vacancy?). Check the "
                     "House's own list before writing.")
    senate = members[members.chamber == "senate"]
    rows = [("senate", None, 100.0, name, party) for name, party in zip(senate.official_full_name, senate.party, strict=True)]
    rows += [("house", int(d), float(share), *house[g])
             for g, d, share in zip(pieces.cd_geoid, pieces.district, pieces.share_pct, strict=True)]
    out = pd.DataFrame(rows, columns=["chamber", "district", "share_pct", "member", "party"])
    return out.astype({"district": "Int64"})


# --- The form a reader fills in ----------------------------------------------------------------------


class BriefForm:
    """Controls, a live preview, and a save button: `build(**values) -> Brief` writes the brief.

    `build` raises NoData (or EmptyText / ValueError) with a plain message for a selection it cannot
    use (e.g. too few findings); the preview shows that message. `name_of(values)` gives the parts of
    the file name; `shown_root` is the folder that saved paths are shown relative to.
    """

    def __init__(self, build: Callable[..., Brief], controls: Mapping[str, Any], *, folder: Path,
                 name_of: Callable[[dict[str, Any]], Sequence[Any]], shown_root: Path | None = None,
                 button_label: str = "Save my brief") -> None:
        import ipywidgets as widgets

        self.build, self.controls, self.folder = build, dict(controls), Path(folder)
        self.name_of, self.shown_root = name_of, shown_root
        self.preview = widgets.Output(layout=widgets.Layout(border="1px solid #ccc", padding="4px 12px"))
        self.status = widgets.Output()
        self.button = widgets.Button(description=button_label, button_style="primary", icon="save",
                                     layout=widgets.Layout(width="220px"))
        self.button.on_click(lambda _b: self.save())
        self.saved: tuple[Path, Path] | None = None
        for control in self.controls.values():
            control.observe(lambda _c: self.refresh(), names="value")
        self.widget = widgets.VBox([*self.controls.values(), self.button, self.status, self.preview])
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
        shown = [self._shown(p) for p in self.saved]
        self._show(self.status, f"**Saved** on this computer (nothing was sent anywhere): `{shown[0]}` and "
                                f"`{shown[1]}`. Open the HTML file to print it.")
        return self.saved

    def _shown(self, path: Path) -> str:
        if self.shown_root is not None:
            try:
                return path.resolve().relative_to(Path(self.shown_root).resolve()).as_posix()
            except ValueError:
                pass
        return path.name

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def form(build: Callable[..., Brief], controls: Mapping[str, Any], *, folder: Path,
         name_of: Callable[[dict[str, Any]], Sequence[Any]], shown_root: Path | None = None) -> BriefForm:
    """A brief form: see `BriefForm`."""
    return BriefForm(build, controls, folder=folder, name_of=name_of, shown_root=shown_root)
