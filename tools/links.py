"""Launch links for the series, all built from ONE setting: the repository's GitHub slug.

Why one setting: the Binder badges (in the README and in every notebook's header), the JupyterHub
links a teacher hands out, and CITATION.cff's repository address all name the same repository. Typed
by hand in a dozen places, one of them would be missed the day the series moves; here they are
generated, and tests/test_links.py fails if a copy disagrees with the setting.

    python -m tools.links write               # `make links`: rewrite the badges and CITATION.cff from SLUG
    python -m tools.links check               # exit 1 (and name the files) if a badge disagrees with SLUG
    python -m tools.links hub https://hub...  # `make hub-links HUB=...`: one nbgitpuller link per notebook

The badge image is a small SVG shipped in notebooks/images/, not mybinder.org's badge: a notebook
or a page of the static site opened offline must not fetch anything.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpers import series  # noqa: E402

# The series' public GitHub repository, as "owner/name". It is a PLACEHOLDER until the series has a
# public home. To set it: edit this one line, run `make links` (it rewrites the Binder badges in
# README.md and in every notebook's header, and CITATION.cff's repository-code), then commit.
SLUG = "ice-cooperation-series/notebooks"

BRANCH = "main"  # the branch JupyterHub's nbgitpuller pulls (Binder uses HEAD, the default branch)
BINDER = "https://mybinder.org"
BADGE_IMAGE = "images/launch-binder.svg"  # relative to notebooks/
BADGE_ALT = "Launch on Binder"
LAUNCH_COLUMN = "Launch"  # the README table's badge column

SLUG_PATTERN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
# Any Binder badge this tool writes, whatever slug or image it was written with.
BADGE_PATTERN = re.compile(r"\[!\[[^\]]*\]\([^)\s]*\)\]\(https://mybinder\.org/v2/gh/[^)\s]*\)")


class HubError(ValueError):
    """The HUB address given to `make hub-links` cannot make working links (the message says why)."""


def _checked(slug: str) -> str:
    if not SLUG_PATTERN.fullmatch(slug):
        raise ValueError(f"the repository slug must look like 'owner/name', not {slug!r} (see SLUG in tools/links.py)")
    return slug


def repo_url(slug: str = SLUG) -> str:
    """The repository's https address on GitHub."""
    return f"https://github.com/{_checked(slug)}"


def binder_url(filename: str, slug: str = SLUG) -> str:
    """mybinder.org address that builds the repository and opens `notebooks/<filename>` in JupyterLab."""
    return f"{BINDER}/v2/gh/{_checked(slug)}/HEAD?labpath={quote('notebooks/' + filename, safe='')}"


def binder_badge(filename: str, slug: str = SLUG, image: str = BADGE_IMAGE) -> str:
    """Markdown of the badge that launches `filename` on Binder (`image` relative to the page it sits in)."""
    return f"[![{BADGE_ALT}]({image})]({binder_url(filename, slug)})"


def check_hub(hub: str | None) -> str:
    """The hub's base address without a trailing slash; HubError with what to type if it is unusable."""
    example = "make hub-links HUB=https://hub.example.edu"
    hub = (hub or "").strip()
    if not hub:
        raise HubError(f"Give the address of your JupyterHub, for example: {example}")
    parts = urlsplit(hub)
    if parts.scheme != "https" or not parts.netloc:
        raise HubError(
            f"HUB must be the hub's https:// address (got {hub!r}); students sign in through these links, "
            f"so they must not travel unencrypted. For example: {example}"
        )
    if parts.query or parts.fragment:
        raise HubError(f"HUB must be the hub's plain address, without '?' or '#' (got {hub!r}). For example: {example}")
    if {"hub", "user", "lab", "tree"} & set(parts.path.split("/")):
        raise HubError(
            f"HUB must be the hub's base address, the part before /hub/ or /user/ (got {hub!r}). For example: {example}"
        )
    return hub.rstrip("/")


def hub_link(hub: str, filename: str, slug: str = SLUG, branch: str = BRANCH) -> str:
    """nbgitpuller link: the hub clones (or updates) the repository for the student, then opens the notebook.

    Same form as nbgitpuller's own link generator: `<hub>/hub/user-redirect/git-pull?repo=...&urlpath=
    lab/tree/<repository name>/notebooks/<file>&branch=...`, every value url-encoded. nbgitpuller clones
    into a folder named after the repository, so the path to open starts with that name.
    """
    name = _checked(slug).split("/")[1].removesuffix(".git")
    query = urlencode(
        {"repo": repo_url(slug), "urlpath": f"lab/tree/{name}/notebooks/{filename}", "branch": branch},
        quote_via=quote,
        safe="",
    )
    return f"{check_hub(hub)}/hub/user-redirect/git-pull?{query}"


def _filenames(root: Path) -> dict[str, str]:
    """Number -> file name of the series' notebooks present under root/notebooks."""
    return {nb.number: nb.filename for nb in series.NOTEBOOKS if (root / "notebooks" / nb.filename).exists()}


def header_with_badge(source: str, filename: str, slug: str = SLUG) -> str:
    """A notebook's header cell with its badge on the line after the title (replaced if present, else inserted)."""
    badge = binder_badge(filename, slug)
    lines = source.split("\n")
    for i, line in enumerate(lines):
        if BADGE_PATTERN.search(line):
            lines[i] = badge
            return "\n".join(lines)
    title, _, rest = source.partition("\n")
    rest = rest.lstrip("\n")
    return f"{title}\n\n{badge}" + (f"\n\n{rest}" if rest else "")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def readme_with_badges(text: str, filenames: dict[str, str], slug: str = SLUG) -> str:
    """README text with the top badge (opens 00) and the notebook table's Launch column set from `slug`.

    The table is the one whose header starts `| # | Notebook |`; the Launch column is added after
    Notebook if missing. A row whose notebook is not in this copy gets an empty cell.
    """
    image = f"notebooks/{BADGE_IMAGE}"
    lines = text.split("\n")
    first = filenames.get("00")
    top = next((i for i, line in enumerate(lines) if BADGE_PATTERN.fullmatch(line.strip())), None)
    if first and top is not None:
        lines[top] = binder_badge(first, slug, image)
    elif first:
        h1 = next(i for i, line in enumerate(lines) if line.startswith("# "))
        lines[h1 + 1 : h1 + 1] = ["", binder_badge(first, slug, image)]
    head = next((i for i, line in enumerate(lines) if _cells(line)[:2] == ["#", "Notebook"]), None)
    if head is None:
        raise ValueError("README.md has no notebook table (a header row starting '| # | Notebook |')")
    columns = _cells(lines[head])
    add = LAUNCH_COLUMN not in columns
    at = columns.index("Notebook") + 1 if add else columns.index(LAUNCH_COLUMN)
    if add:
        columns.insert(at, LAUNCH_COLUMN)
        lines[head] = "| " + " | ".join(columns) + " |"
        lines[head + 1] = "|" + "|".join(["---"] * len(columns)) + "|"
    i = head + 2
    while i < len(lines) and lines[i].startswith("|"):
        cells = _cells(lines[i])
        if add:
            cells.insert(at, "")
        name = filenames.get(cells[0])
        cells[at] = binder_badge(name, slug, image) if name else ""
        lines[i] = "| " + " | ".join(cells) + " |"
        i += 1
    return "\n".join(lines)


def citation_with_repository(text: str, slug: str = SLUG) -> str:
    """CITATION.cff text with its `repository-code` line set from `slug`."""
    new, count = re.subn(r"(?m)^repository-code:.*$", f'repository-code: "{repo_url(slug)}"', text)
    if count != 1:
        raise ValueError("CITATION.cff must have exactly one top-level 'repository-code:' line")
    return new


def _rewrites(root: Path, slug: str) -> Iterable[tuple[Path, str, str]]:
    """(path, current text, text as generated from slug) for every generated place."""
    filenames = _filenames(root)
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    yield readme, text, readme_with_badges(text, filenames, slug)
    citation = root / "CITATION.cff"
    if citation.exists():
        text = citation.read_text(encoding="utf-8")
        yield citation, text, citation_with_repository(text, slug)
    for filename in filenames.values():
        path = root / "notebooks" / filename
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        header = nb["cells"][0]
        source = "".join(header["source"])
        if header["cell_type"] != "markdown" or not source.startswith("# "):
            raise ValueError(f"{filename}: the first cell is not the title cell ('# NN · Title')")
        header["source"] = header_with_badge(source, filename, slug).splitlines(keepends=True)
        yield path, text, _notebook_json(nb)


def _notebook_json(nb: dict) -> str:
    """A notebook as nbformat and nbstripout save it (plain json here: importing nbformat takes seconds)."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def stale(root: Path = ROOT, slug: str = SLUG) -> list[Path]:
    """The generated files whose links disagree with `slug` (empty when `make links` has nothing to do)."""
    return [path for path, old, new in _rewrites(root, slug) if old != new]


def write(root: Path = ROOT, slug: str = SLUG) -> list[Path]:
    """Rewrite every generated place from `slug`; return the files that changed."""
    changed = []
    for path, old, new in list(_rewrites(root, slug)):
        if old != new:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def hub_links(hub: str, root: Path = ROOT, slug: str = SLUG) -> list[str]:
    """One line per notebook: its number, its title and its nbgitpuller link."""
    base = check_hub(hub)
    titles = {nb.number: nb.title for nb in series.NOTEBOOKS}
    return [f"{number} {titles[number]}: {hub_link(base, name, slug)}" for number, name in _filenames(root).items()]


def main(argv: list[str]) -> int:
    usage = "usage: python -m tools.links write | check | hub HUB   [--root DIR]"
    root = ROOT
    if "--root" in argv:
        at = argv.index("--root")
        root = Path(argv[at + 1]).resolve()
        argv = argv[:at] + argv[at + 2 :]
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command == "write":
        for path in write(root):
            print(f"rewrote the launch links in {path.relative_to(root)}")
        print(f"Launch links match the repository {SLUG}.")
        return 0
    if command == "check":
        old = stale(root)
        for path in old:
            print(
                f"{path.relative_to(root)}: launch links differ from SLUG = {SLUG!r} in tools/links.py; run `make links`"
            )
        return 1 if old else 0
    if command == "hub":
        try:
            lines = hub_links(args[0] if args else "", root)
        except HubError as error:
            print(error, file=sys.stderr)
            return 2
        print("\n".join(lines))
        return 0
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
