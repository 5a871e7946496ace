"""Heading anchors for the static site that honour an explicit `<a id="..."></a>` written above a heading.

The glossary (and some guide pages) give each term a fixed anchor with a line `<a id="detainer"></a>`
above its heading, and the notebooks link to `glossary.md#detainer`. GitHub and JupyterLab follow such
a link to the raw anchor. MyST, which Jupyter Book uses, checks a link's `#fragment` against anchors it
makes from heading text, so `### attorney general's opinion` becomes `attorney-generals-opinion` and the
notebooks' `#attorney-general-opinion` would be reported as missing. Given to MyST as its
`heading_slug_func`, `slug` returns the explicit anchor for such a heading (read from `_anchors.json`,
written by tools/site.py into the book folder) and MyST's usual anchor for every other heading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

ANCHORS_FILE = "_anchors.json"
_PAIR = re.compile(r'^<a id="([^"]+)"></a>[ \t]*\n#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$', re.M)
_CLEAN = re.compile(r"[^\w\u4e00-\u9fff\- ]")  # MyST's own rule (GitHub style): keep letters, digits, _, - and spaces


def heading_text(markdown_heading: str) -> str:
    """The heading's text as MyST sees it (emphasis stars and code backticks removed)."""
    return re.sub(r"[*`]", "", markdown_heading).strip()


def default_slug(title: str) -> str:
    """MyST's default anchor for a heading (GitHub style)."""
    return _CLEAN.sub("", title.lower().replace(" ", "-"))


def explicit_anchors(markdown: str) -> dict[str, str]:
    """Map each heading that has an `<a id>` line right above it to that id."""
    return {heading_text(title): anchor for anchor, title in _PAIR.findall(markdown)}


def write_anchors(book: Path, pages: Iterable[Path]) -> dict[str, str]:
    """Collect the explicit anchors of the pages into book/_anchors.json (only those MyST would name otherwise)."""
    found: dict[str, str] = {}
    for page in pages:
        for title, anchor in explicit_anchors(Path(page).read_text(encoding="utf-8")).items():
            if default_slug(title) != anchor:
                found[title] = anchor
    (Path(book) / ANCHORS_FILE).write_text(json.dumps(found, indent=1, sort_keys=True), encoding="utf-8")
    return found


@cache
def _anchors(folder: str) -> dict[str, str]:
    path = Path(folder) / ANCHORS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def slug(title: str) -> str:
    """MyST `heading_slug_func`: the explicit anchor if the page set one for this heading, else the usual one."""
    return _anchors(str(Path.cwd())).get(title.strip()) or default_slug(title)
