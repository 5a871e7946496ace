"""`make bench-class N=30`: a class on one server. N kernels run a notebook at the same time.

Each of N students opens the same notebook and runs it top to bottom at once, the worst case for a
shared JupyterHub server at the start of a lesson. For every kernel this samples its resident memory
(RSS) while it runs and records how long it took; it then prints the peak per kernel, the total of
the peaks, the median and slowest finish, any failure, and what that implies per student for a
class of 30. It prints figures; it is not a test and has no pass mark.

    python tools/bench_class.py 10            # ten kernels, the series' longest notebook
    python tools/bench_class.py 10 05         # ten kernels, notebook 05
"""

from __future__ import annotations

import math
import statistics
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpers import series  # noqa: E402

CLASS_SIZE = 30  # the class the README sizes a hub for
KERNEL_MEMORY_TARGET_MIB = 200


def longest_notebook() -> Path:
    """The notebook of the series with the most code cells (the longest sitting to run)."""
    available = [ROOT / "notebooks" / n.filename for n in series.NOTEBOOKS if n.available]
    return max(available, key=lambda p: sum(c.cell_type == "code" for c in nbformat.read(p, as_version=4).cells))


def _run_one(path_text: str) -> tuple[float, float, float, str]:
    """Run one notebook in a fresh kernel; return (seconds, peak kernel RSS in MiB, kernel CPU seconds, error)."""
    path = Path(path_text)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.comm_open_handlers = {}  # no browser: leave widget comms unanswered, as the bench does
    peak, cpu = [0.0], [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pid = getattr(getattr(client.km, "provisioner", None), "pid", None) if client.km else None
            if pid:
                try:
                    kernel = psutil.Process(pid)
                    peak[0] = max(peak[0], kernel.memory_info().rss / 2**20)
                    times = kernel.cpu_times()
                    cpu[0] = times.user + times.system
                except psutil.Error:
                    pass
            time.sleep(0.1)

    watcher = threading.Thread(target=sample, daemon=True)
    started = time.perf_counter()
    error = ""
    watcher.start()
    try:
        client.execute()
    except Exception as exc:  # report, never stop the class
        error = f"{type(exc).__name__}: {(str(exc).strip().splitlines() or [''])[-1][:120]}"
    finally:
        done.set()
        watcher.join()
    return time.perf_counter() - started, peak[0], cpu[0], error


def main(argv: list[str]) -> int:
    try:
        students = int(argv[1]) if len(argv) > 1 else 10
    except ValueError:
        print(f"N must be a whole number of students, like 10; got {argv[1]!r}.")
        return 2
    if not 1 <= students <= 60:
        print(f"N must be between 1 and 60 (got {students}); this machine is sized for a small class.")
        return 2
    if len(argv) > 2:
        match = [n for n in series.NOTEBOOKS if n.number == argv[2] and n.available]
        if not match:
            print(f"No notebook numbered {argv[2]!r} here; use one of {[n.number for n in series.NOTEBOOKS if n.available]}.")
            return 2
        path = ROOT / "notebooks" / match[0].filename
    else:
        path = longest_notebook()
    print(f"{students} kernels run {path.name} at the same time on {psutil.cpu_count()} cores ...", flush=True)
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=students) as pool:
        results = list(pool.map(_run_one, [str(path)] * students))
    wall = time.perf_counter() - started
    seconds = [r[0] for r in results]
    peaks = [r[1] for r in results]
    cpu = [r[2] for r in results]
    failures = [r[3] for r in results if r[3]]
    print()
    print(f"{'kernels':28} {students}")
    print(f"{'peak RSS per kernel (MiB)':28} median {statistics.median(peaks):.0f}, max {max(peaks):.0f}"
          f"   (target <= {KERNEL_MEMORY_TARGET_MIB})")
    print(f"{'total of the peaks (MiB)':28} {sum(peaks):.0f}")
    print(f"{'time to finish (s)':28} median {statistics.median(seconds):.1f}, slowest {max(seconds):.1f}"
          f"   (whole class: {wall:.1f})")
    print(f"{'failures':28} {len(failures)}" + "".join(f"\n  - {f}" for f in failures))
    print(f"{'kernel CPU time (s)':28} median {statistics.median(cpu):.1f}, max {max(cpu):.1f}")
    per_student = max(peaks)
    class_memory_gib = per_student * CLASS_SIZE * 1.25 / 1024  # a quarter spare for Lab itself and the browser tabs
    cores_for_a_minute = statistics.median(cpu) * CLASS_SIZE / 60  # all 30 run the notebook within a minute
    print()
    print(f"For a class of {CLASS_SIZE} on one server: about {math.ceil(per_student / 50) * 50} MiB of memory per "
          f"student, {class_memory_gib:.1f} GiB for the class with a quarter spare; and about "
          f"{cores_for_a_minute:.1f} cores for everyone's Run All to finish within a minute of the start "
          f"({statistics.median(cpu):.1f} CPU seconds per run).")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
