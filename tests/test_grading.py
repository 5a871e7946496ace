"""`make grade`: made-up submissions of notebook 00 run in fresh kernels and are marked by the series' check().

Three students hand in notebook 00: alex answers everything right, blake answers two questions (one
wrong) and leaves two at `...`, casey's notebook has a cell that raises and an answer that raises.
dana hands in a file that is not JSON and a text file; fay's notebook loops and meets a tiny time limit.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import re
from pathlib import Path

import nbformat
import psutil
import pytest

from helpers import paths
from helpers.checks import registry
from tools import grade

NB = "00_start_here"
SECRET = "SERIES_TEST_GRADER_SECRET"
QIDS = ["00-states-latest", "00-top-state", "00-not-verified", "00-top-model-jan-2025"]


def _literal(value: object) -> str:
    """The right answer as the Python a student would type (the first spelling of a text answer)."""
    if isinstance(value, (tuple, list)):
        value = value[0]
    return repr(value.item() if hasattr(value, "item") else value)


def _answer(nb: nbformat.NotebookNode, qid: str, code: str) -> int:
    """Put `code` in place of the `...` of the cell that checks `qid`; return that cell's number (1-based)."""
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and f'check("{qid}"' in cell.source:
            assert "= ..." in cell.source
            cell.source = cell.source.replace("= ...", f"= {code}", 1)
            return number
    raise AssertionError(f"no check cell for {qid}")


def _check_cell(nb: nbformat.NotebookNode, qid: str) -> int:
    return next(i for i, c in enumerate(nb.cells, start=1) if c.cell_type == "code" and f'check("{qid}"' in c.source)


def _insert_after_setup(nb: nbformat.NotebookNode, code: str) -> int:
    setup = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(code))
    return setup + 2


def _kernels() -> list[psutil.Process]:
    """Kernels still running under this test process."""
    alive = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                alive.append(child)
        except psutil.Error:
            continue
    return alive


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("submissions")
    witness = tmp_path_factory.mktemp("witness") / "kernel_pid.txt"
    original = nbformat.read(paths.NOTEBOOKS_DIR / f"{NB}.ipynb", as_version=4)
    right = {qid: _literal(registry()[qid].answer()) for qid in QIDS}

    alex = copy.deepcopy(original)
    for qid in QIDS:
        _answer(alex, qid, right[qid])
    nbformat.write(alex, folder / f"alex__{NB}.ipynb")

    blake = copy.deepcopy(original)
    _answer(blake, "00-states-latest", "latest_rows.state_abbr.nunique()")
    _answer(blake, "00-top-state", '"Ohio"')
    _insert_after_setup(blake, f"import json, os\nseen = {{'pid': os.getpid(), 'secret': os.environ.get('{SECRET}'), "
                               f"'home': os.environ.get('HOME')}}\nopen({str(witness)!r}, 'w').write(json.dumps(seen))")
    blake.metadata["kernelspec"] = {"name": "no-such-kernel", "display_name": "?", "language": "python"}
    nbformat.write(blake, folder / f"blake__{NB}.ipynb")

    casey = copy.deepcopy(original)
    broken_cell = _insert_after_setup(casey, 'raise ValueError("a broken cell")')
    bad_answer_cell = _answer(casey, "00-states-latest", 'int("forty")')
    _answer(casey, "00-not-verified", right["00-not-verified"])
    nbformat.write(casey, folder / f"casey__{NB}.ipynb")

    (folder / f"dana__{NB}.ipynb").write_text("this is not json", encoding="utf-8")
    (folder / "dana__notes.txt").write_text("my answers: 40, Texas", encoding="utf-8")

    loops = tmp_path_factory.mktemp("loops")
    fay = copy.deepcopy(original)
    fay.cells.insert(0, nbformat.v4.new_code_cell("while True:\n    pass"))
    nbformat.write(fay, loops / f"fay__{NB}.ipynb")

    notebooks_before = sorted(p.name for p in paths.NOTEBOOKS_DIR.iterdir())
    os.environ[SECRET] = "the teacher's token"
    try:
        results = grade.grade_all(folder, time_limit=120, jobs=2)
        loop_results = grade.grade_all(loops, time_limit=4, jobs=1)
    finally:
        del os.environ[SECRET]
    return {
        "results": results, "loop_results": loop_results, "right": right, "witness": witness,
        "casey": (broken_cell, bad_answer_cell), "casey_nb": casey, "fay_nb": fay,
        "notebooks_before": notebooks_before, "kernels": _kernels(),
    }


def test_one_row_per_student_and_question_with_the_verdict_check_gave(graded: dict) -> None:
    right, (_, bad_answer_cell) = graded["right"], graded["casey"]
    unreadable = "not a notebook: the file could not be read as one (Notebook does not appear to be JSON: 'this is not json')"

    def row(student: str, qid: str, status: str, answer: str = "", note: str = "") -> dict[str, str]:
        return {"student": student, "notebook": NB, "question": qid, "status": status, "answer": answer, "note": note}

    still = "the answer is still ..."
    assert grade.grade_rows(graded["results"]) == [
        *[row("alex", qid, "passed", right[qid]) for qid in QIDS],  # the answer as typed: 40, 'Texas', 'b'
        row("blake", "00-states-latest", "passed", right["00-states-latest"]),
        row("blake", "00-top-state", "failed", "'Ohio'"),
        row("blake", "00-not-verified", "not attempted", "...", still),
        row("blake", "00-top-model-jan-2025", "not attempted", "...", still),
        row("casey", "00-states-latest", "not attempted", "",
            f"cell {bad_answer_cell} raised ValueError: invalid literal for int() with base 10: 'forty'"),
        row("casey", "00-top-state", "not attempted", "...", still),
        row("casey", "00-not-verified", "passed", right["00-not-verified"]),
        row("casey", "00-top-model-jan-2025", "not attempted", "...", still),
        *[row("dana", qid, "not attempted", "", unreadable) for qid in QIDS],
    ]


def test_every_file_is_reported_and_none_stops_the_run(graded: dict) -> None:
    broken_cell, bad_answer_cell = graded["casey"]
    runs = {r["file"]: r for r in grade.submission_rows(graded["results"])}
    code_cells = sum(c.cell_type == "code" for c in graded["casey_nb"].cells)
    assert [(f, r["outcome"]) for f, r in runs.items()] == [
        (f"alex__{NB}.ipynb", "ran"), (f"blake__{NB}.ipynb", "ran"), (f"casey__{NB}.ipynb", "ran with errors"),
        (f"dana__{NB}.ipynb", "not a notebook"), ("dana__notes.txt", "not a notebook"),
    ]
    casey = runs[f"casey__{NB}.ipynb"]
    assert casey["code_cells_run"] == casey["code_cells"] == str(code_cells)  # the run went on after the error
    assert casey["errors"] == (f"cell {broken_cell}: ValueError: a broken cell; "
                               f"cell {bad_answer_cell}: ValueError: invalid literal for int() with base 10: 'forty'")
    assert runs["dana__notes.txt"] == {"student": "dana", "notebook": "", "file": "dana__notes.txt",
                                       "outcome": "not a notebook", "code_cells_run": "0", "code_cells": "0",
                                       "errors": "", "detail": "not a notebook: a .txt file, not .ipynb"}


def test_the_summary_counts_per_student_and_per_question(graded: dict) -> None:
    def row(scope: str, name: str, passed: int, failed: int, not_attempted: int, share: str) -> dict[str, str]:
        return {"scope": scope, "name": name, "passed": str(passed), "failed": str(failed),
                "not_attempted": str(not_attempted), "share_passed_pct": share}

    assert grade.summary_rows(grade.grade_rows(graded["results"])) == [
        row("student", "alex", 4, 0, 0, "100.0"), row("student", "blake", 1, 1, 2, "25.0"),
        row("student", "casey", 1, 0, 3, "25.0"), row("student", "dana", 0, 0, 4, "0.0"),
        row("question", "00-states-latest", 2, 0, 2, "50.0"), row("question", "00-top-state", 1, 1, 2, "25.0"),
        row("question", "00-not-verified", 2, 0, 2, "50.0"), row("question", "00-top-model-jan-2025", 1, 0, 3, "25.0"),
    ]


def test_a_loop_meets_the_time_limit_and_its_kernel_is_stopped(graded: dict) -> None:
    (fay,) = graded["loop_results"]
    assert fay.outcome == "timed out" and fay.detail == "the time limit of 4 s ran out in cell 1"
    assert fay.code_cells_run == 0
    rows = grade.grade_rows([fay])
    assert [(r["question"], r["status"], r["note"]) for r in rows] == [
        (qid, "not attempted", f"timed out before cell {_check_cell(graded['fay_nb'], qid)}") for qid in QIDS
    ]
    assert graded["kernels"] == []  # every kernel the grader started, the looping one included, is gone


def test_submissions_run_only_in_their_own_kernel_never_in_the_grader_or_in_notebooks(graded: dict) -> None:
    seen = json.loads(graded["witness"].read_text())
    assert seen["pid"] != os.getpid()  # blake's code ran in another process, despite asking for an unknown kernel
    assert seen["secret"] is None  # the kernel does not see the grader's environment
    assert Path(seen["home"]).name.startswith("series-grade-")  # nor the teacher's home folder
    assert sorted(p.name for p in paths.NOTEBOOKS_DIR.iterdir()) == graded["notebooks_before"]


def test_both_layouts_are_found_and_names_identify_student_and_notebook(tmp_path: Path) -> None:
    (tmp_path / "alex__01_nationwide_response (1).ipynb").write_text("{}")
    (tmp_path / "blake").mkdir()
    (tmp_path / "blake" / "02_minnesota_in_context.ipynb").write_text("{}")
    (tmp_path / "untitled.ipynb").write_text("{}")
    (tmp_path / ".DS_Store").write_text("")
    (tmp_path / "__MACOSX").mkdir()
    found = [(g.file, g.student, g.notebook) for g in grade.find_submissions(tmp_path)]
    assert found == [
        ("alex__01_nationwide_response (1).ipynb", "alex", "01_nationwide_response"),
        ("blake/02_minnesota_in_context.ipynb", "blake", "02_minnesota_in_context"),
        ("untitled.ipynb", "", ""),
    ]


def test_the_log_is_read_as_data_and_odd_lines_are_skipped(tmp_path: Path) -> None:
    log = tmp_path / "checks.jsonl"
    log.write_text('{"qid": "00-top-state", "correct": true, "blank": false, "answer": "\'Texas\'"}\n'
                   '__import__("os").remove("x")\n[1, 2]\n{"qid": 5, "correct": true}\n'
                   '{"qid": "00-top-state", "correct": "yes"}\n', encoding="utf-8")
    assert grade._read_log(log) == [{"qid": "00-top-state", "correct": True, "blank": False, "answer": "'Texas'"}]


def test_the_command_writes_three_csv_files_and_prints_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"gil__{NB}.ipynb").write_text('{"cells": "not a list"}')
    (folder / "hana__essay.docx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "out"
    assert grade.main([str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"gil\s+0\s+0\s+4\s+0\.0", printed) and "hana__essay.docx: not a notebook: a .docx file" in printed
    with (out / "grades.csv").open() as handle:
        assert [(r["student"], r["status"]) for r in csv.DictReader(handle)] == [("gil", "not attempted")] * 4
    assert (out / "summary.csv").read_text().splitlines()[0] == ",".join(grade.SUMMARY_FIELDS)
    assert len((out / "submissions.csv").read_text().splitlines()) == 3
    assert grade.main([str(tmp_path / "missing")]) == 2
    (tmp_path / "empty").mkdir()
    assert grade.main([str(tmp_path / "empty"), "--out", str(out)]) == 2


def test_what_students_typed_reaches_a_spreadsheet_as_text_not_as_a_formula() -> None:
    assert grade.spreadsheet_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert grade.spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)" and grade.spreadsheet_safe("+1+cmd") == "'+1+cmd"
    assert grade.spreadsheet_safe("-58.5") == "-58.5" and grade.spreadsheet_safe("'Texas'") == "'Texas'"
