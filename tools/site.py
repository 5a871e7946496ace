"""`make site` and `make handouts`: the series as a static website and as printable PDF handouts.

    python -m tools.site build       # execute 00–08, make the charts images, build the book into dist/site/
    python -m tools.site handouts    # print each notebook's page to dist/handouts/NN_name.pdf
    python -m tools.site check-links dist/site

Why it works this way:
- Jupyter Book 1 (`jupyter-book<2`) builds offline; 2.x fetches its theme at build time.
- The notebooks are executed here with nbclient (widget comms left unanswered, as in tools/bench.py, so
  explorers cannot stall the run) and Jupyter Book only renders them. Executing here lets the executed
  copies be rewritten first (tools/site_outputs.py): charts become SVG/PNG images with their description
  as alt text, each explorer shows its first view and a note, and code is folded.
- The build fails on any Sphinx warning (`-W -n`: a broken cross-reference or anchor) and then on any
  relative link or asset in the built HTML that does not resolve (tools/site_links.py).
- Everything is written under dist/ (git-ignored); notebooks/ is only read.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers import series  # noqa: E402
from tools import site_anchors, site_links, site_outputs  # noqa: E402

TEMPLATES = ROOT / "site"
DIST = ROOT / "dist"
BOOK = DIST / "build" / "book"  # the book's source: executed, rewritten notebooks and the Markdown pages
EXECUTED = DIST / "build" / "executed"  # executed notebooks as nbclient left them (reused with --reuse)
SITE = DIST / "site"
HANDOUTS = DIST / "handouts"
CHARTS = "charts"  # chart images sit beside the notebook pages: notebooks/charts/NN-...svg
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TIMEOUT = 600  # seconds per cell: a stuck notebook fails the build instead of hanging it


class SiteError(RuntimeError):
    """The site could not be built; the message says what to fix."""


def notebooks() -> list[series.Notebook]:
    """The series' notebooks present in this copy, in order (helpers/series.py is the table of contents)."""
    return [entry for entry in series.NOTEBOOKS if entry.available]


def instructor_pages(folder: Path = ROOT / "instructor") -> list[str]:
    """The guide's pages in reading order: the overview (README), other general pages, then one per notebook."""
    names = sorted(p.stem for p in folder.glob("*.md"))
    general = [n for n in names if n != "README" and not n[:2].isdigit()]
    numbered = [n for n in names if n[:2].isdigit()]
    return (["README"] if "README" in names else []) + general + numbered


def toc(entries: list[series.Notebook], guide: list[str]) -> dict:
    """The book's table of contents: the notebooks, the reference pages, the instructor guide."""
    guide_root, *guide_rest = [f"instructor/{name}" for name in guide] or [None]
    parts = [
        {"caption": "The notebooks", "chapters": [{"file": f"notebooks/{Path(e.filename).stem}"} for e in entries]},
        {"caption": "Reference", "chapters": [{"file": "notebooks/glossary"}, {"file": "data/README"}]},
    ]
    if guide_root:
        chapter: dict = {"file": guide_root}
        if guide_rest:
            chapter["sections"] = [{"file": f} for f in guide_rest]
        parts.append({"caption": "Instructor guide", "chapters": [chapter]})
    return {"format": "jb-book", "root": "index", "parts": parts}


def notebook_table(entries: list[series.Notebook]) -> str:
    """The index page's list of notebooks (from helpers/series.py), as a Markdown table."""
    rows = ["| # | Notebook | The question it answers |", "|---|---|---|"]
    rows += [f"| {e.number} | [{e.title}](notebooks/{e.filename}) | {e.question} |" for e in entries]
    return "\n".join(rows)


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, as JupyterLab would, plus the explorer probe."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(site_outputs.PROBE_SOURCE))
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    # nbclient imitates the ipywidgets Output widget by default, which can stall a run with many redraws;
    # the site shows each explorer's first view from the probe instead, so widget comms go unanswered.
    client.comm_open_handlers = {}
    client.execute()
    return nb


def _execute_to_file(source: str, target: str) -> str:
    started = time.perf_counter()
    nbformat.write(execute(Path(source)), target)
    return f"{Path(source).name}: {time.perf_counter() - started:.1f} s"


def execute_all(entries: list[series.Notebook], jobs: int, reuse: bool) -> None:
    """Execute the notebooks into EXECUTED, two at a time by default (kernels are separate processes)."""
    EXECUTED.mkdir(parents=True, exist_ok=True)
    todo = []
    for entry in entries:
        source, target = ROOT / "notebooks" / entry.filename, EXECUTED / entry.filename
        if reuse and target.exists() and target.stat().st_mtime > source.stat().st_mtime:
            print(f"  {entry.filename}: reused the executed copy", flush=True)
            continue
        todo.append((str(source), str(target)))
    if not todo:
        return
    failed = []
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(_execute_to_file, s, t): Path(s).name for s, t in todo}
        for future, name in futures.items():
            try:
                print(f"  {future.result()}", flush=True)
            except Exception as error:  # go on: one report of every notebook that fails
                why = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip()[-1200:]  # no terminal colour codes
                print(f"  {name}: FAILED", flush=True)
                failed.append(f"--- {name} ---\n{why}")
    if failed:
        raise SiteError(f"{len(failed)} notebook(s) failed to run, so the site was not built:\n" + "\n".join(failed))


def stage(entries: list[series.Notebook]) -> int:
    """Write the book's source folder from the templates, the executed notebooks and the Markdown pages."""
    import yaml

    if BOOK.exists():
        shutil.rmtree(BOOK)
    (BOOK / "notebooks").mkdir(parents=True)
    shutil.copy2(TEMPLATES / "_config.yml", BOOK / "_config.yml")
    shutil.copytree(TEMPLATES / "_static", BOOK / "_static")
    index = (TEMPLATES / "index.md").read_text(encoding="utf-8")
    (BOOK / "index.md").write_text(index.replace("{{ notebook_table }}", notebook_table(entries)), encoding="utf-8")
    guide = instructor_pages()
    (BOOK / "_toc.yml").write_text(yaml.safe_dump(toc(entries, guide), sort_keys=False), encoding="utf-8")
    shutil.copy2(ROOT / "notebooks" / "glossary.md", BOOK / "notebooks" / "glossary.md")
    if (ROOT / "notebooks" / "images").is_dir():  # the Binder badge each notebook's header shows
        shutil.copytree(ROOT / "notebooks" / "images", BOOK / "notebooks" / "images")
    (BOOK / "data").mkdir()
    shutil.copy2(ROOT / "data" / "README.md", BOOK / "data" / "README.md")
    (BOOK / "instructor").mkdir()
    for name in guide:
        shutil.copy2(ROOT / "instructor" / f"{name}.md", BOOK / "instructor" / f"{name}.md")
    site_anchors.write_anchors(BOOK, sorted(BOOK.rglob("*.md")))

    charts_folder = BOOK / "_extra" / "notebooks" / CHARTS
    total = 0
    for entry in entries:
        nb = nbformat.read(EXECUTED / entry.filename, as_version=4)
        site_outputs.attach_explorers(nb)

        def render(spec: dict, *, stem: str, mimetype: str) -> site_outputs.ChartImage:
            return site_outputs.render_chart(spec, base=ROOT / "notebooks", folder=charts_folder, stem=stem,
                                             mimetype=mimetype)

        total += site_outputs.charts_to_images(nb, render=render, stem=entry.number, url_prefix=f"{CHARTS}/")
        site_outputs.fold_code(nb)
        left = site_outputs.leftovers(nb)
        if left:
            raise SiteError(f"{entry.filename} still has outputs a static page cannot show: {left}")
        nbformat.write(nb, BOOK / "notebooks" / entry.filename)
    return total


def jupyter_book(book: Path) -> None:
    """Render the book (no execution), treating every Sphinx warning as an error."""
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(book), "-W", "-n", "--keep-going"]
    if not Path(command[0]).exists():
        raise SiteError("Jupyter Book 1 is not installed in this environment. Install the series' pins "
                        "(make venv) once environment.yml lists jupyter-book.")
    # PYTHONPATH: Sphinx imports the heading-anchor function from tools/site_anchors.py
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(command, cwd=book, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        warnings = [line for line in result.stdout.splitlines() + result.stderr.splitlines()
                    if "WARNING" in line or "ERROR" in line]
        shown = "\n".join(warnings[:40]) or (result.stdout + result.stderr)[-3000:]
        raise SiteError(f"Jupyter Book reported problems (a broken link or reference fails the build):\n{shown}")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(jobs: int = 2, reuse: bool = False) -> Path:
    """Build the whole site into dist/site and check its links; return the site folder."""
    started = time.perf_counter()
    entries = notebooks()
    print(f"Executing {len(entries)} notebooks...", flush=True)
    execute_all(entries, jobs, reuse)
    print("Turning charts into images and explorers into their first views...", flush=True)
    charts = stage(entries)
    print(f"  {charts} charts", flush=True)
    print("Building the book with Jupyter Book...", flush=True)
    jupyter_book(BOOK)
    if SITE.exists():
        shutil.rmtree(SITE)
    shutil.copytree(BOOK / "_build" / "html", SITE)
    problems = site_links.check_site(SITE)
    if problems:
        listing = "\n".join(f"  {p}" for p in problems[:40])
        raise SiteError(f"{len(problems)} broken link(s) in the built site:\n{listing}")
    print(f"Site ready: {SITE.relative_to(ROOT)}/index.html ({folder_size(SITE) / 1e6:.1f} MB, "
          f"{time.perf_counter() - started:.0f} s). Every internal link resolves.")
    return SITE


def page_of(entry: series.Notebook, site: Path = SITE) -> Path:
    return site / "notebooks" / f"{Path(entry.filename).stem}.html"


FOOTER_TEMPLATE = ('<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="title"></span>'
                   ' · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


def block_outside(context: Any, allowed: tuple[str, ...]) -> list[str]:
    """Abort every request of a Playwright browser context whose URL starts with none of `allowed`.

    Returns the list that collects the blocked URLs, so a caller can fail if a page asked the network.
    """
    blocked: list[str] = []

    def route(route: Any, request: Any) -> None:  # Playwright's Route and Request
        if request.url.startswith(allowed):
            route.continue_()
        else:
            blocked.append(request.url)
            route.abort()

    context.route("**/*", route)
    return blocked


def print_pages(browser: Any, entries: list[series.Notebook], site: Path, out: Path, paper: str) -> list[Path]:
    """Print the notebooks' pages to PDF in a running Playwright browser; fail if a page asks the network."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    context = browser.new_context()
    blocked = block_outside(context, ("file:", "data:", "blob:"))
    page = context.new_page()
    try:
        for entry in entries:
            page.goto(page_of(entry, site).as_uri(), wait_until="load")
            page.emulate_media(media="print")
            target = out / f"{Path(entry.filename).stem}.pdf"
            page.pdf(path=str(target), format=paper, print_background=True, display_header_footer=True,
                     header_template="<div></div>", footer_template=FOOTER_TEMPLATE,
                     margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
            written.append(target)
            print(f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}", flush=True)
    finally:
        context.close()
    if blocked:
        raise SiteError(f"A page asked for something from the network while printing: {sorted(set(blocked))[:5]}")
    return written


def handouts(site: Path = SITE, out: Path = HANDOUTS, paper: str = "Letter",
             entries: list[series.Notebook] | None = None, browser: Any = None) -> list[Path]:
    """Print each notebook's page to PDF with Chromium (code folded, charts as images); nothing is fetched.

    Pass `browser` (a launched Playwright browser) to reuse one, as the browser test does.
    """
    entries = notebooks() if entries is None else entries
    missing = [page_of(e, site) for e in entries if not page_of(e, site).exists()]
    if missing:
        raise SiteError(f"The site has no page {missing[0].name}: run `make site` first.")
    if browser is not None:
        return print_pages(browser, entries, site, out, paper)
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SiteError(f"Chromium was not found at {CHROMIUM}: sudo apt-get install chromium (or set CHROMIUM).")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            return print_pages(launched, entries, site, out, paper)
        finally:
            launched.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="execute the notebooks and build dist/site")
    b.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default 2)")
    b.add_argument("--reuse", action="store_true", help="reuse executed copies newer than their notebooks")
    h = sub.add_parser("handouts", help="print each notebook's page to dist/handouts (builds the site if missing)")
    h.add_argument("--paper", default=os.environ.get("PAPER", "Letter"), choices=["Letter", "A4"])
    c = sub.add_parser("check-links", help="check the relative links of a built site")
    c.add_argument("folder", nargs="?", default=str(SITE))
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            build(jobs=args.jobs, reuse=args.reuse)
        elif args.command == "handouts":
            if not (SITE / "index.html").exists():
                build()
            started = time.perf_counter()
            written = handouts(paper=args.paper)
            print(f"{len(written)} handouts ({args.paper}) in {HANDOUTS.relative_to(ROOT)}/, "
                  f"{folder_size(HANDOUTS) / 1e6:.1f} MB, {time.perf_counter() - started:.0f} s")
        else:
            return site_links.main(["site_links", args.folder])
    except site_outputs.ChartError as error:
        print(f"A chart could not be drawn as an image: {error}", file=sys.stderr)
        return 1
    except SiteError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
