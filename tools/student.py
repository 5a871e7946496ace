"""`make student`: the series as a student copy, ready to hand out, in dist/student/.

Why a separate copy: a class gets the notebooks without the collapsed solutions and without the
teacher's guide, while every `check()` keeps giving its hints. What travels, and why:

- the notebooks 00–08 and the pages beside them (glossary, images), each notebook with every
  `<details><summary>Solution</summary>…</details>` block removed and its outputs stripped; cell ids
  are kept, so a handed-in notebook still lines up with the series;
- `helpers/` without `build/` (the data build needs the raw sources, which students do not get):
  the question modules in `helpers/questions/` compute each expected value from `data/` when a student
  checks, so they need the kit and the data beside them;
- `data/`, `notebooks/series_setup.py`, `environment.yml` (Binder, conda), a `requirements.txt` made
  from the same pins (pip), `LICENSE`, and a short README for students;
- of `instructor/`, only the pages listed in SHARED_INSTRUCTOR_PAGES (the page on teaching sensitive
  material, which the notebooks link to and which holds no answers) go beside the notebooks, and the
  links are rewritten. A link to any other instructor page stops the build: it would be broken, or it
  would hand out answers.

Sentences that point at the solutions (the "Solution" box, check()'s last hint) are reworded in the
copy. The copy is rebuilt from scratch each time; a folder that is not an earlier student copy is
never deleted.

    python -m tools.student                 # writes dist/student/
    python -m tools.student /some/folder    # anywhere else
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.pins import pip_lines  # noqa: E402

DEFAULT_OUT = ROOT / "dist" / "student"
MARKER = ".student-edition"  # marks a folder this tool wrote, so that a rebuild may delete it
SKIP_NOTEBOOKS = {"_template.ipynb"}  # the authoring skeleton is not a lesson
SHARED_INSTRUCTOR_PAGES = ("sensitive_content.md",)  # instructor pages the notebooks link to and students may read

SOLUTION_BLOCK = re.compile(r"[ \t]*<details>\s*<summary>\s*Solution\s*</summary>.*?</details>[ \t]*\n?", re.S | re.I)
INSTRUCTOR_LINK = re.compile(r"\]\(\.\./instructor/([^)#\s]+)(#[^)\s]*)?\)")
RELATIVE_LINK = re.compile(r"\]\(([^)\s]+)\)|(?:src|href)=[\"']([^\"']+)[\"']")

# Sentences of the full series that point at the solutions, and what the student copy says instead.
NOTEBOOK_POINTERS = ((re.compile(r"Click \*\*Solution\*\* for\s+the\s+answer\."), "Your teacher has the solutions."),)
CHECK_POINTER = ("the solution is in the box below the question", "ask your teacher, or reread the section it is about")

STUDENT_README = """# Local cooperation with ICE: student copy

Jupyter notebooks on how U.S. states, counties and cities cooperate with Immigration and Customs
Enforcement (ICE), or limit it, and what research finds that cooperation does, with Minnesota as the
worked case. Start with `notebooks/00_start_here.ipynb`. Key terms are in `notebooks/glossary.md`.

## Set up

With conda: `conda env create -f environment.yml`, then `conda activate ice-cooperation-series` and
`jupyter lab notebooks/00_start_here.ipynb`.

With Python 3.11 and pip:

```bash
python3.11 -m venv .venv
.venv/bin/pip install -r requirements.txt
.venv/bin/jupyter lab notebooks/00_start_here.ipynb
```

Nothing needs the internet once the packages are installed: the data are in `data/`.

## Checked questions

Replace the `...` in an answer cell with your answer and run the cell. `check()` says whether it is
right; a wrong answer gets a hint, and each further try the next hint.

## Handing in

Save the notebook (with your answers in it) and hand in the `.ipynb` file the way your teacher asks,
named `yourname__` followed by the notebook's file name, for example
`alex__01_nationwide_response.ipynb`. Keep the question ids in the `check(...)` lines as they are.
"""


@dataclass(frozen=True)
class Edition:
    """What a build wrote: the folder, the notebooks and how many solutions it removed."""

    out: Path
    notebooks: tuple[str, ...]
    solutions_removed: int


def strip_solutions(markdown: str) -> tuple[str, int]:
    """The Markdown without its collapsed solutions, and how many were removed."""
    text, count = SOLUTION_BLOCK.subn("", markdown)
    if re.search(r"<summary>\s*Solution", text, re.I):
        raise ValueError("A Solution box has no closing </details>; close it in the notebook, then build again.")
    return text, count


def rewrite_instructor_links(markdown: str, where: str) -> str:
    """Point links to a shared instructor page at its copy beside the notebooks; refuse any other."""

    def replace(match: re.Match[str]) -> str:
        page, anchor = match.group(1), match.group(2) or ""
        if page not in SHARED_INSTRUCTOR_PAGES:
            raise ValueError(
                f"{where} links to instructor/{page}, which the student copy leaves out. Link to a page "
                f"students may read, or add it to SHARED_INSTRUCTOR_PAGES in tools/student.py if it holds no answers."
            )
        return f"]({page}{anchor})"

    return INSTRUCTOR_LINK.sub(replace, markdown)


def student_notebook(nb: nbformat.NotebookNode, where: str) -> tuple[nbformat.NotebookNode, int]:
    """A copy of a notebook for students: no solutions, no outputs; every other cell keeps its id."""
    nb = copy.deepcopy(nb)
    cells, removed = [], 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text, count = strip_solutions(cell.source)
            for pattern, replacement in NOTEBOOK_POINTERS:
                text = pattern.sub(replacement, text)
            removed += count
            if count and not text.strip():
                continue  # the cell held only the solution
            cell.source = rewrite_instructor_links(text.strip("\n") if count else text, where)
        elif cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in ("execution", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb, removed


def copy_runtime(dest: Path, root: Path = ROOT) -> None:
    """Copy what a notebook needs to run: helpers/ (without the data build), data/ and series_setup.py.

    `make grade` runs each submission in such a copy, so that nothing a student's notebook does can
    change the series itself.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
    shutil.copytree(root / "helpers", dest / "helpers", ignore=shutil.ignore_patterns("build", "__pycache__", "*.pyc"))
    shutil.copytree(root / "data", dest / "data", ignore=ignore)
    (dest / "notebooks").mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "notebooks" / "series_setup.py", dest / "notebooks" / "series_setup.py")


def broken_links(folder: Path) -> list[str]:
    """Relative links and images in the Markdown of notebooks and pages under `folder` that lead nowhere."""
    problems = []
    for page in sorted([*folder.rglob("*.ipynb"), *folder.rglob("*.md")]):
        if page.suffix == ".ipynb":
            texts = [c.source for c in nbformat.read(page, as_version=4).cells if c.cell_type == "markdown"]
        else:
            texts = [page.read_text(encoding="utf-8")]
        for text in texts:
            for match in RELATIVE_LINK.finditer(text):
                target = (match.group(1) or match.group(2)).split("#")[0].split("?")[0]
                if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or "{" in target:
                    continue  # an anchor, a web or mail address, or a template
                if not (page.parent / target).exists():
                    problems.append(f"{page.relative_to(folder)} → {target}")
    return problems


def _check_may_delete(out: Path, root: Path) -> None:
    """Refuse to write over the repository, or over a folder that is not an earlier student copy."""
    out, root = out.resolve(), root.resolve()
    if out == root or out in root.parents:
        raise ValueError(f"Refusing to write the student copy over {out}.")
    if root in out.parents and out.relative_to(root).parts[0] != "dist":
        raise ValueError(f"Inside the repository the student copy goes under dist/, not {out}.")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ValueError(f"{out} exists and is not an earlier student copy; choose an empty or new folder.")


def build(out: Path = DEFAULT_OUT, root: Path = ROOT) -> Edition:
    """Write the student copy to `out` (deleting an earlier student copy there first)."""
    out = Path(out)
    _check_may_delete(out, root)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_runtime(out, root)

    names, removed = [], 0
    for path in sorted((root / "notebooks").iterdir()):
        if path.name.startswith((".", "_")) or path.name in SKIP_NOTEBOOKS or path.name == "series_setup.py":
            continue
        target = out / "notebooks" / path.name
        if path.is_dir():
            shutil.copytree(path, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        elif path.suffix == ".ipynb":
            nb, count = student_notebook(nbformat.read(path, as_version=4), f"notebooks/{path.name}")
            nbformat.write(nb, target)
            names.append(path.name)
            removed += count
        elif path.suffix == ".md":
            target.write_text(rewrite_instructor_links(path.read_text(encoding="utf-8"), f"notebooks/{path.name}"))
        else:
            shutil.copy2(path, target)
    for page in SHARED_INSTRUCTOR_PAGES:
        text = (root / "instructor" / page).read_text(encoding="utf-8")
        (out / "notebooks" / page).write_text(text.replace("](../notebooks/", "]("), encoding="utf-8")

    checks = out / "helpers" / "checks.py"
    source = checks.read_text(encoding="utf-8")
    if CHECK_POINTER[0] not in source:
        raise ValueError("check()'s last hint no longer says where the solution is; update CHECK_POINTER in tools/student.py.")
    checks.write_text(source.replace(*CHECK_POINTER), encoding="utf-8")

    for name in ("environment.yml", "LICENSE"):
        shutil.copy2(root / name, out / name)
    (out / "requirements.txt").write_text("\n".join(pip_lines(root / "environment.yml")) + "\n", encoding="utf-8")
    (out / "README.md").write_text(STUDENT_README, encoding="utf-8")
    (out / MARKER).write_text("Written by `make student` (tools/student.py); rebuilt from scratch each time.\n")
    return Edition(out, tuple(names), removed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the student copy of the series (no solutions, no instructor guide).")
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help="folder to write (default: dist/student)")
    args = parser.parse_args(argv)
    try:
        edition = build(args.out)
    except ValueError as problem:
        print(problem, file=sys.stderr)
        return 1
    for link in broken_links(edition.out):
        print(f"Warning: a link in the student copy leads nowhere: {link}", file=sys.stderr)
    print(f"Wrote the student copy to {edition.out}: {len(edition.notebooks)} notebooks, "
          f"{edition.solutions_removed} solutions removed, no instructor guide.")
    print("Hand out the whole folder (zip it, or push it to a repository of its own); students open notebooks/00_start_here.ipynb.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
