"""Every numbered notebook (and the template) follows the series' skeleton.

Title -> Why this matters -> Overview (numbered, matching the sections) -> Prerequisites (with time
to learn) -> one set-up cell -> sections -> Check your understanding (3+ checked questions with
collapsed solutions) -> Summary -> What's next -> Sources. Code cells stay short, notebooks are
committed without outputs, and Markdown never carries a hand-typed statistic.

The countable parts of the lesson standard (../shared/LESSON_STANDARD.md) are measured with the
standard's own tool, `../shared/tools/lesson_report.py`, on the notebooks as committed: reading load
of the Markdown, reading level, cell length, visible analysis steps, the four exercise kinds, a Key
terms box whose links resolve in the glossary, and no sentences written by helper functions.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import checks, series
from helpers.paths import NOTEBOOKS_DIR, REPO_ROOT

NOTEBOOKS = [*sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")), NOTEBOOKS_DIR / "_template.ipynb"]
FRONT = ["Why this matters", "Overview", "Prerequisites"]
BACK = ["Check your understanding", "Summary", "What's next", "Sources"]
MAX_CODE_LINES = 25  # the lesson standard's ceiling (most cells stay under 8)
GLOSSARY = NOTEBOOKS_DIR / "glossary.md"
LESSON_REPORT = REPO_ROOT.parent / "shared" / "tools" / "lesson_report.py"
LESSONS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
# A statistic typed into prose: 1,843 / 8.3% / 12.5 (years, dates, "287(g)" and small counts are fine).
HAND_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(,\d{3})+|\d+(\.\d+)?\s?%|\d+\.\d+)(?![\w.])")


def _heading_text(line: str) -> str:
    return re.sub(r"[*_`]", "", line.lstrip("#").strip())


def _sections(nb: nbformat.NotebookNode) -> list[tuple[str, int]]:
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    found.append((_heading_text(line), i))
    return found


def _cells_between(nb: nbformat.NotebookNode, start: str, end: str | None) -> list[nbformat.NotebookNode]:
    secs = _sections(nb)
    names = [s for s, _ in secs]
    i0 = dict(secs)[start]
    i1 = dict(secs)[end] if end else len(nb.cells)
    assert names.index(start) < (names.index(end) if end else len(names))
    return nb.cells[i0:i1]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request: pytest.FixtureRequest) -> tuple[Path, nbformat.NotebookNode]:
    path: Path = request.param
    return path, nbformat.read(path, as_version=4)


def test_title_is_the_only_h1(notebook) -> None:
    _, nb = notebook
    h1 = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("# ")]
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert len(h1) == 1


def test_sections_come_in_the_series_order(notebook) -> None:
    _, nb = notebook
    names = [s for s, _ in _sections(nb)]
    assert names[:3] == FRONT, names
    assert names[-4:] == BACK, names
    assert len(names) > len(FRONT) + len(BACK), "a notebook needs at least one content section"


def test_overview_lists_the_content_sections(notebook) -> None:
    _, nb = notebook
    names = [s for s, _ in _sections(nb)]
    content = names[3:-4]
    overview = "\n".join(c.source for c in _cells_between(nb, "Overview", "Prerequisites"))
    items = [_heading_text(m) for m in re.findall(r"^\s*\d+\.\s+(.*)$", overview, flags=re.M)]
    assert items == content


def test_prerequisites_give_time_to_learn(notebook) -> None:
    _, nb = notebook
    text = "\n".join(c.source for c in _cells_between(nb, "Prerequisites", None)[:2])
    assert "Time to learn" in text and "|" in text


def test_one_setup_cell_before_the_first_section(notebook) -> None:
    _, nb = notebook
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    setup = [i for i, c in code if "import series_setup" in c.source]
    assert len(setup) == 1 and setup[0] == code[0][0]
    first_content = dict(_sections(nb))[[s for s, _ in _sections(nb)][3]]
    assert setup[0] < first_content


def test_code_cells_are_short(notebook) -> None:
    _, nb = notebook
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.strip().splitlines()) <= MAX_CODE_LINES, cell.source[:80]


def test_exercises_are_checked_and_solutions_collapsed(notebook) -> None:
    _, nb = notebook
    part = _cells_between(nb, "Check your understanding", "Summary")
    ids = [m for c in part if c.cell_type == "code" for m in re.findall(r'check\(\s*"([^"]+)"', c.source)]
    details = sum(c.source.count("<details>") for c in part if c.cell_type == "markdown")
    assert len(ids) >= 3 and details >= 3
    unknown = [q for q in ids if q not in checks.registry()]
    assert not unknown, f"no such question ids in helpers/questions: {unknown}"
    answer_cells = [c for c in part if c.cell_type == "code" and "check(" in c.source]
    assert all("..." in c.source for c in answer_cells), "answer cells start with ... for the reader to replace"


def test_sources_section_is_filled(notebook) -> None:
    _, nb = notebook
    part = _cells_between(nb, "Sources", None)
    assert any(c.cell_type == "code" and "cite.sources(" in c.source for c in part), "list the data tables with cite.sources([...])"


def test_markdown_has_no_hand_typed_statistics(notebook) -> None:
    _, nb = notebook
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"`[^`]*`|\]\([^)]*\)|https?://\S+", "", cell.source)
        found = [m.group(0) for m in HAND_NUMBER.finditer(text)]
        assert not found, f"{found} typed into Markdown; compute it in a code cell (helpers.text.say) or cite the facts table"


def test_notebooks_are_committed_without_outputs() -> None:
    paths = [str(p) for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))]
    result = subprocess.run([sys.executable, "-m", "nbstripout", "--verify", "--keep-id", *paths], capture_output=True, text=True)
    assert result.returncode == 0, f"run `make strip`: {result.stdout}{result.stderr}"


def test_series_map_lists_every_numbered_notebook() -> None:
    listed = {n.filename for n in series.NOTEBOOKS}
    on_disk = {p.name for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")}
    assert on_disk <= listed


def test_readme_lists_every_notebook_honestly() -> None:
    """The README links each notebook that exists and marks the others as coming."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines() if re.match(r"^\| \d\d \|", line)}
    for nb in series.NOTEBOOKS:
        row = rows[nb.number]
        assert nb.filename in row and nb.title in row
        if nb.available:
            assert f"(notebooks/{nb.filename})" in row and "coming" not in row, row
        else:
            assert "coming" in row, row


def test_readme_gives_each_notebook_the_time_its_prerequisites_state() -> None:
    """One number, one value: the README's time column is the notebook's own 'Time to learn'."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines() if re.match(r"^\| \d\d \|", line)}
    for nb in series.NOTEBOOKS:
        if not nb.available:
            continue
        stated = re.search(r"Time to learn\*\*: (about \d+ minutes)", (NOTEBOOKS_DIR / nb.filename).read_text(encoding="utf-8"))
        assert stated, f"{nb.filename}: the Prerequisites give no 'Time to learn**: about N minutes'"
        assert rows[nb.number].rstrip(" |").endswith(stated.group(1)), f"README row {nb.number} should end with {stated.group(1)}"


def test_readme_quick_start_is_two_commands_and_binder_opens_00() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in quick.strip().splitlines()] == ["make lab", "make test"]
    assert "?labpath=notebooks%2F00_start_here.ipynb" in readme


def _lesson_report():
    """The standard's own measuring tool (it ships with the shared sources, beside the repository)."""
    if not LESSON_REPORT.exists():
        pytest.fail(f"{LESSON_REPORT.name} was not found beside the repository (../shared/tools/); clone the series "
                    "with its shared folder next to it, as the README says.")
    spec = importlib.util.spec_from_file_location("lesson_report", LESSON_REPORT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_notebook_meets_the_lesson_standard(path: Path) -> None:
    report = _lesson_report()
    row = report.measure(path, None)
    assert report.shortfalls(row) == [], f"{path.name} falls short of the lesson standard: {report.shortfalls(row)}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_check_your_understanding_has_five_to_eight_questions(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    part = _cells_between(nb, "Check your understanding", "Summary")
    questions = [c for c in part if c.cell_type == "markdown" and re.search(r"\*\*Question \d+", c.source)]
    assert 5 <= len(questions) <= 8, f"{path.name}: {len(questions)} questions (5–8 per lesson)"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_key_terms_link_to_the_glossary(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    box = next((c.source for c in nb.cells if c.cell_type == "markdown" and "Key terms" in c.source), "")
    anchors = re.findall(r"\]\(glossary\.md#([^)]+)\)", box)
    assert 5 <= len(anchors) <= 10, f"{path.name}: the Key terms box links {len(anchors)} terms (5–10)"
    ids = set(re.findall(r'<a id="([^"]+)"></a>', GLOSSARY.read_text(encoding="utf-8")))
    missing = [a for a in anchors if a not in ids]
    assert not missing, f"{path.name}: Key terms link to glossary anchors that do not exist: {missing}"
