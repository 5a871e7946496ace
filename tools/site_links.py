"""Check a built static site: every relative link and asset resolves, and no page loads from the network.

Sphinx's own checks (`-W -n`) catch a broken link written in Markdown, but not one inside a notebook's
output (a sentence printed with `say`, an <img> made for a chart) or in the theme's HTML. This check
reads the built HTML instead, so it sees exactly what a reader's browser would follow: for each
relative `href` or `src` it checks that the file exists and that a `#fragment` names an id on that page.
It also refuses a page that would load a script, a style sheet, an image or a frame from another host,
since the site must work offline (links a reader may click to outside sources are fine).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
ASSET_ATTRS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("link", "href")}


@dataclass(frozen=True)
class Problem:
    page: str
    target: str
    why: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target} ({self.why})"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        for key in ("id", "name") if tag == "a" else ("id",):
            if key in values:
                self.ids.add(values[key])
        for attr in ("href", "src"):
            if attr in values:
                if tag == "link" and attr == "href" and "stylesheet" not in values.get("rel", "") and "preload" not in values.get("rel", ""):
                    # a canonical/next/prev link is a link, not an asset
                    self.refs.append(("a", attr, values[attr]))
                else:
                    self.refs.append((tag, attr, values[attr]))


def page_ids(text: str) -> set[str]:
    """The ids (and <a name>s) that a page's HTML defines: the fragments a link may point to."""
    page = _Page()
    page.feed(text)
    return page.ids


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = page
    return cache[path]


def check_site(root: Path) -> list[Problem]:
    """Every problem found in the HTML pages under root (an empty list means the site is sound)."""
    root = Path(root).resolve()
    cache: dict[Path, _Page] = {}
    problems: list[Problem] = []
    # _static/ holds the theme's Jinja fragments (…macros.html), not pages
    pages = sorted(p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts)
    if not pages:
        return [Problem(str(root), "", "no HTML pages found")]
    for path in pages:
        shown = path.relative_to(root).as_posix()
        for tag, attr, value in _parse(path, cache).refs:
            value = value.strip()
            if not value or value.lower().startswith(SKIP_SCHEMES):
                continue
            if SCHEME.match(value) or value.startswith("//"):
                if (tag, attr) in ASSET_ATTRS:
                    problems.append(Problem(shown, value, "loads from the network"))
                continue
            parts = urlsplit(value)
            target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(Problem(shown, value, "no such file"))
                continue
            if root not in target.parents and target != root:
                problems.append(Problem(shown, value, "points outside the site"))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in _parse(target, cache).ids:
                problems.append(Problem(shown, value, f"no id {fragment!r} on that page"))
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tools.site_links SITE_FOLDER")
        return 2
    problems = check_site(Path(argv[1]))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} broken link(s)" if problems else "every internal link resolves")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
