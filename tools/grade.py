"""`make grade SUBMISSIONS=DIR`: run each handed-in notebook in a fresh kernel and collect its check() results.

Why it works this way:

- The series' own `check()` engine marks the answers, so a grade is exactly the verdict (and the
  hints) the student saw. In the kernel it starts, the grader sets SERIES_CHECK_LOG; with it set,
  `helpers.checks.check` appends each verdict to a JSON-lines log, which the grader reads as data.
- Nothing from a submission runs in the grader's own process: notebooks are read with nbformat only,
  their code runs only in the kernel started for them (kernel "python3", whatever the notebook's
  metadata says), and the log is parsed as JSON, never evaluated.
- Each submission gets a fresh kernel in a temporary copy of the series' runtime (helpers/, data/,
  notebooks/series_setup.py), never notebooks/ itself, so no notebook can change the series or the
  next student's run. The kernel's environment holds only what Python needs (no variables of the
  teacher's session, HOME is the temporary folder). Nothing needs the network. The kernel is an
  ordinary process of the teacher's account, as when a notebook is opened in JupyterLab: this keeps
  runs apart, it is not a security sandbox.
- A time limit per notebook (kernel start included) stops a loop; the kernel is then killed. A cell
  that raises is recorded and the run goes on with the next cell, so one broken cell does not cost
  every later answer. A file that is not a notebook is reported; nothing stops the run.

Layout of DIR (both may be mixed):

    DIR/alex__01_nationwide_response.ipynb   one file per student and notebook: STUDENT__NOTEBOOK.ipynb
    DIR/alex/01_nationwide_response.ipynb    or one folder per student

The notebook is recognised by the number its file name starts with ("01_…", "01_… (1).ipynb"), or
else by the notebook's own "# NN · Title" heading. Hidden files and folders are skipped.

Status of a question: "passed" or "failed" is the verdict of the LAST `check` of that question in
the run; "not attempted" when the answer was still `...` (or blank), when no check of it ran (the
cell raised first, the time ran out, the line was deleted), or when the file could not be run.

Writes to --out (default dist/grades/): grades.csv (student × question), summary.csv (per student,
per question), submissions.csv (one row per file: what happened when it ran). Text students typed
is written so that a spreadsheet shows it and never runs it as a formula.

    python -m tools.grade DIR [--out dist/grades] [--time-limit 120] [--jobs 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.checks import CHECK_LOG_ENV  # noqa: E402
from helpers.series import NOTEBOOKS  # noqa: E402
from tools.student import copy_runtime  # noqa: E402

DEFAULT_OUT = ROOT / "dist" / "grades"
DEFAULT_TIME_LIMIT = 120  # seconds per notebook, kernel start included
KERNEL_START_TRIES = 3  # a kernel that dies before answering (a port collision) is started again
MAX_BYTES = 50 * 2**20  # a notebook saved without huge outputs is far smaller
PASSED, FAILED, NOT_ATTEMPTED = "passed", "failed", "not attempted"
CHECK_CALL = re.compile(r"""check\(\s*["']([^"']+)["']""")
HEADING = re.compile(r"^#\s+(\d{2})\b", re.M)
KEEP_ENV = {"PATH", "LANG", "LANGUAGE", "TZ", "TMPDIR", "SYSTEMROOT"}  # what a kernel inherits from the grader
NUMBER = re.compile(r"[-+]?\d[\d,]*(\.\d+)?([eE][-+]?\d+)?")

GRADE_FIELDS = ("student", "notebook", "question", "status", "answer", "note")
SUMMARY_FIELDS = ("scope", "name", "passed", "failed", "not_attempted", "share_passed_pct")
SUBMISSION_FIELDS = ("student", "notebook", "file", "outcome", "code_cells_run", "code_cells", "errors", "detail")


@dataclass
class Graded:
    """One handed-in file and what happened when it ran (plain data, so it crosses process boundaries)."""

    file: str
    student: str
    notebook: str = ""  # the series notebook's stem, e.g. "00_start_here"; "" when not recognised
    outcome: str = ""  # ran / ran with errors / timed out / kernel died / not a notebook / not recognised / duplicate
    code_cells: int = 0
    code_cells_run: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (cell number, "NameError: ...")
    stopped_at: int = 0  # cell number where the time ran out or the kernel died
    check_cells: dict[str, int] = field(default_factory=dict)  # question id → number of the cell that checks it
    verdicts: list[dict[str, Any]] = field(default_factory=list)
    detail: str = ""


def _stems() -> dict[str, str]:
    """Notebook number → file stem, from the series' table of contents."""
    return {nb.number: Path(nb.filename).stem for nb in NOTEBOOKS}


def question_ids(stem: str, root: Path = ROOT) -> list[str]:
    """The question ids a series notebook checks, in order (read from its code, never run)."""
    path = root / "notebooks" / f"{stem}.ipynb"
    if not path.exists():
        return []
    ids: list[str] = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            ids += [q for q in CHECK_CALL.findall(cell.source) if q not in ids]
    return ids


def find_submissions(folder: Path) -> list[Graded]:
    """Every handed-in file under `folder`, with its student and (from its name) its notebook."""
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "__MACOSX")):
            continue
        if entry.is_dir():
            for item in sorted(entry.iterdir()):
                if not item.name.startswith("."):
                    found.append(Graded(file=f"{entry.name}/{item.name}", student=entry.name))
        else:
            student, sep, _ = entry.name.partition("__")
            found.append(Graded(file=entry.name, student=student if sep else ""))
    stems = _stems()
    for graded in found:
        name = Path(graded.file).name.partition("__")[2] if "__" in Path(graded.file).name else Path(graded.file).name
        number = re.match(r"\s*(\d{2})(?!\d)", name)
        graded.notebook = stems.get(number.group(1), "") if number else ""
    return found


def _read(path: Path) -> tuple[nbformat.NotebookNode | None, str]:
    """The notebook, or None and why it is not one."""
    if path.is_dir():
        return None, "a folder, not a notebook file"
    if path.suffix.lower() != ".ipynb":
        kind = f"a {path.suffix} file" if path.suffix else "a file without an extension"
        return None, f"not a notebook: {kind}, not .ipynb"
    if path.stat().st_size > MAX_BYTES:
        return None, f"not graded: larger than {MAX_BYTES // 2**20} MB"
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as problem:  # bad JSON, not a notebook, an unknown version: all reported alike
        first = str(problem).strip().splitlines()[0][:120] if str(problem).strip() else type(problem).__name__
        return None, f"not a notebook: the file could not be read as one ({first})"
    return nb, ""


def kernel_env(work: Path, log: Path) -> dict[str, str]:
    """The kernel's environment: enough to run Python, none of the teacher's own settings or secrets.

    HOME is the temporary work folder, so IPython start-up files and settings of the teacher's
    account are not used either; the kernel gets a fresh profile.
    """
    keep = {k: v for k, v in os.environ.items() if k in KEEP_ENV or k.startswith("LC_")}
    return {**keep, "HOME": str(work), "IPYTHONDIR": str(work / ".ipython"), CHECK_LOG_ENV: str(log)}


class _QuietClient(NotebookClient):
    """Keeps only error outputs: a grader needs no charts, and a loop that prints cannot fill memory."""

    def output(self, outs: list, msg: dict[str, Any], display_id: str | None, cell_index: int) -> Any:
        if msg["msg_type"] != "error":
            return None
        return super().output(outs, msg, display_id, cell_index)


def _run(nb: nbformat.NotebookNode, graded: Graded, time_limit: float, root: Path) -> None:
    """Run the notebook's code cells in a fresh kernel in a temporary copy of the series; fill in `graded`."""
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    graded.code_cells = len(code)
    for index, cell in code:
        cell.outputs, cell.execution_count = [], None
        for qid in CHECK_CALL.findall(cell.source):
            graded.check_cells.setdefault(qid, index + 1)
    deadline = time.monotonic() + time_limit
    with tempfile.TemporaryDirectory(prefix="series-grade-") as tmp:
        work = Path(tmp)
        copy_runtime(work, root)
        log = work / "checks.jsonl"
        for attempt in range(KERNEL_START_TRIES):
            _run_in_kernel(nb, code, graded, work, log, deadline, time_limit)
            # Two kernels starting at once can collide on a port and die before answering: try a fresh one.
            if graded.outcome != "kernel did not start" or graded.code_cells_run or attempt == KERNEL_START_TRIES - 1:
                break
            log.unlink(missing_ok=True)
        graded.verdicts = _read_log(log)


def _run_in_kernel(
    nb: Any, code: list[tuple[int, Any]], graded: Graded, work: Path, log: Path, deadline: float, time_limit: float
) -> None:
    """Run the code cells in one fresh kernel, recording the outcome on `graded` (never raises for the notebook)."""
    graded.errors, graded.code_cells_run, graded.detail = [], 0, ""
    for _, cell in code:
        cell.outputs, cell.execution_count = [], None
    client = _QuietClient(
        nb, kernel_name="python3", allow_errors=True, shutdown_kernel="immediate",
        startup_timeout=60, resources={"metadata": {"path": str(work / "notebooks")}},
    )
    client.comm_open_handlers = {}  # no browser: widget comms stay unanswered
    env = kernel_env(work, log)
    try:
        with client.setup_kernel(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            for index, cell in code:
                graded.stopped_at = index + 1
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CellTimeoutError(f"time limit before cell {index + 1}")
                client.timeout = max(1, math.ceil(remaining))
                client.execute_cell(cell, index)
                graded.code_cells_run += 1
                graded.errors += [(index + 1, f"{o.get('ename', 'Error')}: {str(o.get('evalue', ''))[:120]}")
                                  for o in cell.outputs if o.get("output_type") == "error"]
            graded.stopped_at = 0
        graded.outcome = "ran with errors" if graded.errors else "ran"
    except (CellTimeoutError, TimeoutError):
        graded.outcome = "timed out"
        graded.detail = f"the time limit of {time_limit:g} s ran out in cell {graded.stopped_at}"
    except DeadKernelError:
        graded.outcome = "kernel died"
        graded.detail = f"the kernel stopped in cell {graded.stopped_at} (out of memory, or the notebook ended it)"
    except RuntimeError as problem:
        graded.outcome = "kernel did not start"
        graded.detail = str(problem)[:200]


def _read_log(log: Path) -> list[dict[str, Any]]:
    """The verdicts the kernel logged, as data; a line that is not a well-formed verdict is skipped."""
    verdicts = []
    if log.exists():
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("qid"), str) and isinstance(record.get("correct"), bool):
                verdicts.append({"qid": record["qid"], "correct": record["correct"],
                                 "blank": record.get("blank") is True, "answer": str(record.get("answer", ""))[:80]})
    return verdicts


def grade_one(folder: Path, graded: Graded, time_limit: float, root: Path = ROOT) -> Graded:
    """Read and run one handed-in file; never raises for anything the file contains."""
    nb, problem = _read(folder / graded.file)
    if nb is None:
        graded.outcome = "not a notebook"
        graded.detail = problem
        return graded
    if not graded.notebook:
        heading = next((HEADING.search(c.source) for c in nb.cells if c.cell_type == "markdown" and HEADING.search(c.source)), None)
        graded.notebook = _stems().get(heading.group(1), "") if heading else ""
    if not graded.notebook:
        graded.outcome = "not recognised"
        graded.detail = "could not tell which notebook this is: start its file name with the notebook's number, like 01_"
        return graded
    if not graded.student:
        graded.outcome = "not recognised"
        graded.detail = "could not tell whose it is: name it STUDENT__NOTEBOOK.ipynb or put it in a folder named after the student"
        return graded
    try:
        _run(nb, graded, time_limit, root)
    except Exception as problem:  # a failure of the grader itself is reported for this file only
        graded.outcome = "could not be run"
        graded.detail = f"{type(problem).__name__}: {str(problem)[:160]}"
    return graded


def _grade_in_worker(args: tuple[Path, Graded, float, Path]) -> Graded:
    return grade_one(*args)


def grade_all(folder: Path, time_limit: float = DEFAULT_TIME_LIMIT, jobs: int = 1, root: Path = ROOT) -> list[Graded]:
    """Grade every file in `folder`; `jobs` kernels run at once (one process each)."""
    submissions = find_submissions(folder)
    tasks = [(folder, g, time_limit, root) for g in submissions]
    if jobs <= 1 or len(tasks) <= 1:
        results = [grade_one(*task) for task in tasks]
    else:
        results = []
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(_grade_in_worker, task) for task in tasks]
            for task, future in zip(tasks, futures, strict=True):
                try:
                    results.append(future.result())
                except Exception as problem:  # a worker that died takes only its own file with it
                    graded = task[1]
                    graded.outcome, graded.detail = "could not be run", f"{type(problem).__name__}: {str(problem)[:160]}"
                    results.append(graded)
    seen: dict[tuple[str, str], str] = {}
    for graded in results:
        key = (graded.student, graded.notebook)
        if graded.student and graded.notebook and key in seen:
            graded.outcome = "duplicate"
            graded.detail = f"{graded.student} handed in {graded.notebook} twice; graded {seen[key]} only"
        elif graded.student and graded.notebook:
            seen[key] = graded.file
    return results


def grade_rows(results: list[Graded], root: Path = ROOT) -> list[dict[str, str]]:
    """One row per student and question of each recognised notebook."""
    rows = []
    order = {Path(nb.filename).stem: i for i, nb in enumerate(NOTEBOOKS)}
    graded_files = [g for g in results if g.student and g.notebook and g.outcome not in ("duplicate", "not recognised")]
    for graded in sorted(graded_files, key=lambda g: (g.student.lower(), order.get(g.notebook, 99))):
        errors = dict(graded.errors)
        for qid in question_ids(graded.notebook, root):
            mine = [v for v in graded.verdicts if v["qid"] == qid]
            status, answer, note = NOT_ATTEMPTED, "", ""
            if mine:
                last = mine[-1]
                status = PASSED if last["correct"] else (NOT_ATTEMPTED if last["blank"] else FAILED)
                answer = last["answer"]
                note = "the answer is still ..." if status == NOT_ATTEMPTED else ""
            elif graded.outcome in ("not a notebook", "could not be run", "kernel did not start"):
                note = graded.detail
            elif qid not in graded.check_cells:
                note = "no check of this question in the notebook"
            elif graded.check_cells[qid] in errors:
                note = f"cell {graded.check_cells[qid]} raised {errors[graded.check_cells[qid]]}"
            elif graded.outcome in ("timed out", "kernel died") and graded.check_cells[qid] >= graded.stopped_at:
                note = f"{graded.outcome} before cell {graded.check_cells[qid]}"
            else:
                note = "the check did not run"
            rows.append({"student": graded.student, "notebook": graded.notebook, "question": qid,
                         "status": status, "answer": answer, "note": note})
    return rows


def _share(counts: Counter) -> str:
    total = sum(counts.values())
    return f"{100 * counts[PASSED] / total:.1f}" if total else ""


def summary_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Per student (over all their notebooks), then per question (over the students who handed it in)."""
    out = []
    for scope, key in (("student", "student"), ("question", "question")):
        groups: dict[str, Counter] = {}
        for row in rows:
            groups.setdefault(row[key], Counter())[row["status"]] += 1
        names = sorted(groups, key=str.lower) if scope == "student" else list(groups)
        out += [{"scope": scope, "name": name, "passed": str(groups[name][PASSED]), "failed": str(groups[name][FAILED]),
                 "not_attempted": str(groups[name][NOT_ATTEMPTED]), "share_passed_pct": _share(groups[name])}
                for name in names]
    return out


def submission_rows(results: list[Graded]) -> list[dict[str, str]]:
    return [{"student": g.student, "notebook": g.notebook, "file": g.file, "outcome": g.outcome,
             "code_cells_run": str(g.code_cells_run), "code_cells": str(g.code_cells),
             "errors": "; ".join(f"cell {n}: {e}" for n, e in g.errors), "detail": g.detail}
            for g in sorted(results, key=lambda g: g.file.lower())]


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will show, not run: a cell starting with = + - @ (other than a number) gets a leading '.

    Answers and file names come from students; opened in a spreadsheet, "=HYPERLINK(...)" would be a formula.
    """
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def _write(path: Path, fields: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)


def _table(rows: list[dict[str, str]], fields: tuple[str, ...], headers: tuple[str, ...]) -> str:
    """A plain-text table (no third-party formatting: the grader prints what the CSV holds)."""
    cells = [list(headers)] + [[row[f] for f in fields] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(fields))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)


def report(results: list[Graded], rows: list[dict[str, str]], summary: list[dict[str, str]]) -> str:
    """What `make grade` prints: what happened to each file, then the summary per student and per question."""
    runs = submission_rows(results)
    parts = ["Submissions", _table(runs, ("student", "notebook", "file", "outcome", "code_cells_run", "code_cells"),
                                   ("student", "notebook", "file", "outcome", "code cells run", "of"))]
    problems = [f"  {r['file']}: {r['errors'] or r['detail']}" for r in runs if r["errors"] or r["detail"]]
    if problems:
        parts += ["", "Problems", *problems]
    for scope, title in (("student", "Per student"), ("question", "Per question")):
        part = [r for r in summary if r["scope"] == scope]
        parts += ["", title, _table(part, ("name", "passed", "failed", "not_attempted", "share_passed_pct"),
                                    (scope, "passed", "failed", "not attempted", "% passed"))]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Grade handed-in notebooks with the series' own check().")
    parser.add_argument("submissions", type=Path, help="folder of handed-in notebooks (STUDENT__NOTEBOOK.ipynb, or a folder per student)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the CSV files (default: dist/grades)")
    parser.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, help="seconds per notebook (default: 120)")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default: 1)")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        print(f"{args.submissions} is not a folder. Put the handed-in notebooks in one: make grade SUBMISSIONS=folder",
              file=sys.stderr)
        return 2
    started = time.monotonic()
    results = grade_all(args.submissions, args.time_limit, args.jobs)
    if not results:
        print(f"{args.submissions} holds no files to grade.", file=sys.stderr)
        return 2
    rows = grade_rows(results)
    summary = summary_rows(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    _write(args.out / "grades.csv", GRADE_FIELDS, rows)
    _write(args.out / "summary.csv", SUMMARY_FIELDS, summary)
    _write(args.out / "submissions.csv", SUBMISSION_FIELDS, submission_rows(results))
    print(report(results, rows, summary))
    print(f"\nGraded {len(results)} files in {time.monotonic() - started:.0f} s (time limit {args.time_limit:g} s "
          f"per notebook). Wrote grades.csv, summary.csv and submissions.csv to {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
