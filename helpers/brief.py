"""Write a short brief safely: the series' figures and citations, the reader's own words, Markdown and HTML.

A brief has trusted parts, written by notebook code from `data/` (figures, citations, members of Congress),
and one untrusted part: what the reader types, which is never interpreted as markup.

- In Markdown it sits in a fenced block (longer than any run of backticks in it), where nothing is a link,
  tag, heading or formula: the file shows the words exactly as typed, without backslashes.
- In HTML it is passed through `html.escape`; the trusted Markdown is rendered with raw HTML escaped and
  unsafe link schemes dropped, and the page's Content-Security-Policy forbids scripts, images and requests.

Files are saved in one local folder under a name of letters, digits and hyphens only, so a name such as
`../../etc/passwd` cannot leave it. Nothing is sent anywhere. What goes into a brief (the county's figures,
the what-if ranges, the members of Congress) is computed in the notebook's own cells, not here.
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

import ipywidgets as widgets
import mistune
from IPython.display import HTML, Markdown, display

from .inputs import NoData, shown

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

    @property
    def note(self) -> str:
        return (f"The argument was cut to its first {ARGUMENT_LIMIT:,} characters (it had {self.original_length:,}); "
                "a brief should fit on one page.") if self.truncated else ""


def clean_text(text: Any) -> CleanText:
    """Drop control and direction-changing characters, normalise line breaks, cap the length at ARGUMENT_LIMIT.

    Raises EmptyText (with what to do) when nothing but spaces is left.
    """
    raw = "" if text is None else str(text)
    body = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in body.split("\n"))).strip()
    if not body:
        raise EmptyText("Your argument is empty. Write a few sentences in the box: your claim, the evidence for it, "
                        "and the strongest point against it.")
    cut = len(body) > ARGUMENT_LIMIT
    return CleanText(body[:ARGUMENT_LIMIT].rstrip() + " …" if cut else body, cut, len(raw))


def _fenced(text: str, width: int = 88) -> str:
    """The reader's text in a fenced block, where Markdown is inert; long lines wrapped at word boundaries."""
    lines = [textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) for line in text.split("\n")]
    ticks = "`" * max(3, 1 + max(map(len, re.findall(r"`+", text)), default=0))  # nothing typed can close it
    return "\n".join([f"{ticks}text", *lines, ticks])


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
    if not isinstance(brief, Brief):
        raise TypeError(f"Expected a brief.Brief (made by the notebook's build function); it was given {shown(brief)}.")
    return brief


def to_markdown(brief: Brief) -> str:
    """The brief as one Markdown document; the reader's text is in a fenced block, exactly as typed."""
    argument = _check(brief).cleaned()
    body = f"*{PLACEHOLDER}*" if argument is None else _fenced(argument.text)
    body += f"\n\n*{argument.note}*" if argument and argument.truncated else ""
    parts = [f"# {brief.title}", *(f"## {s.heading}\n\n{s.markdown.strip()}" for s in brief.sections),
             f"## {brief.argument_heading}\n\n{body}", *(f"## {s.heading}\n\n{s.markdown.strip()}" for s in brief.after)]
    return "\n\n".join(parts) + "\n"


def _body_html(brief: Brief) -> str:
    """The brief's body as HTML (the page's body, and the preview inside a notebook)."""
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
            f"<body>{_body_html(brief)}</body></html>\n")


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
    if not isinstance(folder, str | Path):
        raise TypeError(f"The folder should be a path, like 'briefs'; it was given {shown(folder)}.")
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


class Form(widgets.VBox):
    """The reader's controls, a save button, a status line and a live preview of the brief `build(**values)` writes.

    `build` raises NoData, or the series' KeyError / TypeError / ValueError, with a plain message for a selection it
    cannot use (too few findings); the preview shows that message. `name_of(values)` gives the parts of the file
    name; saved paths are shown relative to `shown_root`.
    """

    def __init__(self, build: Callable[..., Brief], controls: Mapping[str, Any], *, folder: Path,
                 name_of: Callable[[dict[str, Any]], Sequence[Any]], shown_root: Path | None = None,
                 button_label: str = "Save my brief") -> None:
        self.build, self.controls, self.folder = build, dict(controls), Path(folder)
        self.name_of, self.shown_root, self.saved = name_of, shown_root, None
        self.preview = widgets.Output(layout=widgets.Layout(border="1px solid #ccc", padding="4px 12px"))
        self.status = widgets.Output()
        button = widgets.Button(description=button_label, button_style="primary", icon="save",
                                layout=widgets.Layout(width="220px"))
        button.on_click(lambda _b: self.save())
        super().__init__([*self.controls.values(), button, self.status, self.preview],
                         layout=widgets.Layout(max_width="100%"))
        self.add_class("series-brief-form")
        for control in self.controls.values():
            control.observe(lambda _c: self.refresh(), names="value")
        self.refresh()

    def _show(self, area: widgets.Output, content: str | Brief) -> None:
        with area:
            area.clear_output(wait=True)
            display(Markdown(content) if isinstance(content, str) else HTML(_body_html(content)))

    def refresh(self) -> Brief | None:
        """Build the brief from the controls and show it, or show why it cannot be written yet."""
        try:
            brief = self.build(**{key: control.value for key, control in self.controls.items()})
        except (NoData, KeyError, TypeError, ValueError) as why:
            self._show(self.preview, f"**This brief cannot be written yet.** {why.args[0] if why.args else why}")
            return None
        self._show(self.preview, brief)
        return brief

    def save(self) -> tuple[Path, Path] | None:
        """Write the brief into the folder, or say in the status line why it was not saved."""
        brief = self.refresh()
        if brief is None:
            self._show(self.status, "**Not saved.** Fix what the preview asks for, then press the button again.")
            return None
        values = {key: control.value for key, control in self.controls.items()}
        try:
            self.saved = save(brief, self.folder, safe_name(*self.name_of(values)))
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
