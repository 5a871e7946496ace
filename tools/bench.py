"""`make bench`: how fast the series runs, how big its executed notebooks get, how quickly explorers answer.

For each notebook in the series:
- run: a fresh kernel executes it top to bottom (kernel start included);
- floor: a fresh kernel does only what any run must do (start, the set-up cell, and loading the
  tables that notebook loads), so run / floor shows how much the notebook's own work costs;
- size: the executed notebook with its outputs;
- each explorer's control is then driven 100 times in that kernel, and the median time per change
  (compute, chart and display) is printed.
Targets: run <= 1.5 x floor, whole series <= 60 s, explorer median <= 50 ms, executed size <= 2 MB.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpers import series  # noqa: E402

DRIVE_EXPLORERS = r"""
import json, statistics, time
from helpers.widgets import EXPLORERS
from helpers import catalog
result = {"loaded": sorted(catalog.LOADED), "explorers": []}
for ex in EXPLORERS:
    key, control = next(iter(ex.controls.items()))
    values = list(getattr(control, "_options_values", ()) or [])
    if len(values) < 2:
        continue
    times = []
    for i in range(100):
        value = values[i % len(values)]
        if value == control.value:
            value = values[(i + 1) % len(values)]
        started = time.perf_counter()
        control.value = value
        times.append(time.perf_counter() - started)
    times.sort()
    result["explorers"].append({"name": ex.name, "control": key, "median_ms": 1000 * statistics.median(times),
                                "p90_ms": 1000 * times[int(0.9 * len(times)) - 1]})
print("BENCH" + json.dumps(result))
"""


def _run(nb: nbformat.NotebookNode) -> float:
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    )
    # nbclient imitates ipywidgets' Output widget by default; with many redraws that imitation stalls the
    # run. The bench measures the kernel's work, not a frontend's, so it leaves widget comms unanswered.
    client.comm_open_handlers = {}
    started = time.perf_counter()
    client.execute()
    return time.perf_counter() - started


def _run_and_drive(path: Path) -> tuple[float, int, dict]:
    nb = nbformat.read(path, as_version=4)
    seconds = _run(nb)
    size = len(nbformat.writes(nb).encode("utf-8"))
    probe = nbformat.read(path, as_version=4)
    probe.cells.append(nbformat.v4.new_code_cell(DRIVE_EXPLORERS))
    _run(probe)
    text = "".join(o.get("text", "") for o in probe.cells[-1].outputs if o.get("output_type") == "stream")
    found = json.loads(text.split("BENCH", 1)[1]) if "BENCH" in text else {"loaded": [], "explorers": []}
    return seconds, size, found


def _floor(path: Path, loaded: list[str]) -> float:
    nb = nbformat.read(path, as_version=4)
    setup = next(c for c in nb.cells if c.cell_type == "code" and "import series_setup" in c.source)
    loads = "from helpers import catalog\n" + "\n".join(
        f"catalog.load({n!r})" if "schema" in catalog_entry(n) else f"catalog.read_json({n!r})" for n in loaded
    )
    floor_nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(setup.source), nbformat.v4.new_code_cell(loads)]
    )
    floor_nb.metadata = nb.metadata
    return _run(floor_nb)


def catalog_entry(name: str) -> dict:
    from helpers import catalog

    return catalog.resource(name)


def main(argv: list[str]) -> int:
    only = set(argv[1:])  # optional notebook numbers, e.g. `python tools/bench.py 00 03`
    rows, explorer_rows, failed = [], [], []
    for entry in series.NOTEBOOKS:
        path = ROOT / "notebooks" / entry.filename
        if not entry.available or (only and entry.number not in only):
            continue
        print(f"running {entry.filename} ...", flush=True)
        try:
            seconds, size, found = _run_and_drive(path)
            floor = _floor(path, found["loaded"])
        except Exception as error:  # report and go on: one broken notebook should not hide the others' figures
            failed.append((entry.filename, f"{type(error).__name__}: {(str(error).strip().splitlines() or [''])[-1][:160]}"))
            continue
        rows.append((entry.filename, seconds, floor, size))
        explorer_rows += [(entry.filename, e) for e in found["explorers"]]
    print()
    print(f"{'notebook':36} {'run s':>7} {'floor s':>8} {'ratio':>6} {'executed KB':>12}")
    for name, seconds, floor, size in rows:
        print(f"{name:36} {seconds:7.1f} {floor:8.1f} {seconds / floor:6.2f} {size / 1024:12.0f}")
    total = sum(r[1] for r in rows)
    print(f"{'series':36} {total:7.1f}   (target <= 60 s; ratio target <= 1.5; size target <= 2048 KB)")
    print()
    print(f"{'explorer':40} {'notebook':30} {'median ms':>10} {'p90 ms':>8}")
    for nb_name, e in explorer_rows:
        print(f"{e['name']:40} {nb_name:30} {e['median_ms']:10.1f} {e['p90_ms']:8.1f}")
    print("(explorer target: median <= 50 ms over 100 changes of its first control)")
    for name, why in failed:
        print(f"FAILED {name}: {why}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
