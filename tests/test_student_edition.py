"""`make student`: the copy handed to a class has no solutions and no instructor guide, and check() still teaches."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import paths, series
from tools import pins, student


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> student.Edition:
    return student.build(tmp_path_factory.mktemp("dist") / "student")


def _originals() -> list[Path]:
    return [paths.NOTEBOOKS_DIR / nb.filename for nb in series.NOTEBOOKS if nb.available]


def test_the_copy_holds_the_lessons_and_what_they_need_but_no_instructor_guide(edition: student.Edition) -> None:
    out = edition.out
    assert sorted(edition.notebooks) == sorted(p.name for p in _originals()) and len(edition.notebooks) >= 9
    for name in ("notebooks/glossary.md", "notebooks/series_setup.py", "helpers/checks.py", "helpers/questions/nb00.py",
                 "data/datapackage.json", "environment.yml", "requirements.txt", "LICENSE", "README.md"):
        assert (out / name).is_file(), name
    assert not (out / "instructor").exists()
    assert not (out / "helpers" / "build").exists() and not (out / "tests").exists() and not (out / "tools").exists()
    assert not (out / "notebooks" / "_template.ipynb").exists()
    assert (out / "requirements.txt").read_text().split() == pins.pip_lines()


def test_no_solution_is_left_and_every_other_cell_keeps_its_id(edition: student.Edition) -> None:
    removed = 0
    for original in _originals():
        before = nbformat.read(original, as_version=4)
        after = nbformat.read(edition.out / "notebooks" / original.name, as_version=4)
        text = "\n".join(c.source for c in after.cells)
        assert "<summary>Solution" not in text and "**Solution**" not in text, original.name
        kept = {c.id for c in after.cells}
        assert [c.id for c in before.cells if c.id in kept] == [c.id for c in after.cells]  # same ids, same order
        for cell in before.cells:
            if cell.id not in kept:  # only cells that held nothing but a solution are dropped
                assert cell.cell_type == "markdown" and not student.SOLUTION_BLOCK.sub("", cell.source).strip()
            elif cell.source.startswith("**Question"):
                assert next(c for c in after.cells if c.id == cell.id).source.startswith("**Question")
        assert all(c.outputs == [] and c.execution_count is None for c in after.cells if c.cell_type == "code")
        removed += sum(c.source.count("<summary>Solution</summary>") for c in before.cells)
    assert removed > 0 and edition.solutions_removed == removed


def test_every_link_in_the_copy_leads_somewhere_inside_it(edition: student.Edition) -> None:
    assert student.broken_links(edition.out) == []
    linked = "\n".join(c.source for p in (edition.out / "notebooks").glob("*.ipynb")
                       for c in nbformat.read(p, as_version=4).cells)
    assert "../instructor/" not in linked
    assert "](sensitive_content.md)" in linked and (edition.out / "notebooks" / "sensitive_content.md").is_file()


CHECK_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
import helpers
from helpers import check, load
by_month = load("agreements_287g_by_state_month")
latest_rows = by_month[by_month.month == by_month.month.max()]
right = check("00-states-latest", latest_rows.state_abbr.nunique())
wrong = [check("00-top-state", "Ohio") for _ in range(3)]
print(json.dumps({"kit": helpers.__file__, "right": repr(right), "wrong": [repr(w) for w in wrong]}))
"""


def test_check_in_the_copy_gives_hints_and_says_right(edition: student.Edition, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", CHECK_SCRIPT, str(edition.out)], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(seen["kit"]).resolve().is_relative_to(edition.out.resolve())  # the copy's own kit, not the repo's
    assert seen["right"].startswith("Right (00-states-latest)")
    first, second, last = seen["wrong"]
    assert first.startswith("Not yet") and "Hint 1 of 2" in first and "groupby" in first
    assert "Hint 2 of 2" in second
    assert "last hint" in last and "ask your teacher" in last and "box below" not in last


def test_a_student_notebook_runs_from_the_copy(edition: student.Edition) -> None:
    path = edition.out / "notebooks" / "00_start_here.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.comm_open_handlers = {}
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    hints = [o for c in nb.cells if "check(" in c.source for o in c.outputs]
    assert hints and all("Replace the ..." in json.dumps(o.get("data", {})) for o in hints)  # unanswered: asks, no error


def test_solutions_are_removed_but_the_question_in_the_same_cell_stays() -> None:
    text, count = student.strip_solutions(
        "<details><summary>Solution</summary>\n\n(b), because.\n</details>\n\n**Question 2.** Which one?")
    assert count == 1 and text.strip() == "**Question 2.** Which one?"
    with pytest.raises(ValueError, match="no closing"):
        student.strip_solutions("<details><summary>Solution</summary>\n(b)")
    other = "<details><summary>Data tables (3)</summary>a table</details>"
    assert student.strip_solutions(other) == (other, 0)  # only Solution boxes go


def test_a_link_to_a_page_of_the_guide_that_does_not_travel_stops_the_build() -> None:
    shared = "see the [notes](../instructor/sensitive_content.md#norms)"
    assert student.rewrite_instructor_links(shared, "nb") == "see the [notes](sensitive_content.md#norms)"
    with pytest.raises(ValueError, match=re.escape("instructor/04_minnesota_surge.md")):
        student.rewrite_instructor_links("[rubric](../instructor/04_minnesota_surge.md)", "notebooks/04")


def test_the_build_never_deletes_a_folder_it_did_not_write(tmp_path: Path) -> None:
    foreign = tmp_path / "homework"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    with pytest.raises(ValueError, match="not an earlier student copy"):
        student.build(foreign)
    assert (foreign / "keep.txt").read_text() == "mine"
    with pytest.raises(ValueError, match="goes under dist/"):
        student.build(paths.REPO_ROOT / "notebooks" / "student")
    with pytest.raises(ValueError, match="Refusing"):
        student.build(paths.REPO_ROOT)
