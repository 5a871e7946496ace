"""`make bench-browser`: how fast the series answers where the student sees it, in JupyterLab in Chromium.

`make bench` times explorers inside the kernel; this times them in the page. For each notebook it opens
JupyterLab (on 127.0.0.1, offline) in the browser test's Chromium, runs all cells and reports:
- run all: seconds from clicking Run All Cells to the last chart drawn, with how many charts there
  are and how many times Vega drew one (more draws than charts means a chart was drawn twice);
- for each explorer: its first control is changed 30 times (every other option in turn), and a probe
  in the page (performance.now(), see tests/browser/probe.js) times each change until the new view
  is drawn and the page is quiet again: median, p90 and max;
- blank frames: changes during which, for at least one frame, the output showed no chart between
  the old and the new one; jumps: changes during which the output shrank below both its old and new
  height (the content below moved), with the largest such drop in pixels.
Target per explorer: median <= 150 ms and p90 <= 300 ms. Not a test: it prints figures and exits 0.

    python tools/bench_browser.py              # every notebook
    python tools/bench_browser.py 01 04        # only these
    python tools/bench_browser.py --changes 10 # fewer changes per explorer
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

from lab_driver import EXPLORER, VISIBLE, LabError, launch, open_and_run, running_lab  # noqa: E402

from helpers import series  # noqa: E402

PROBE = (ROOT / "tests" / "browser" / "probe.js").read_text(encoding="utf-8")
TARGET_MEDIAN_MS, TARGET_P90_MS = 150, 300
QUIET_S = 0.6  # a change is over when nothing has been drawn for this long
CHANGE_TIMEOUT_S = 20

# Each explorer's name, from the class widgets.Explorer gives it ("series-explorer:01-map").
NAMES_JS = (f"() => Array.from(document.querySelectorAll('{VISIBLE} {EXPLORER}'), "
            "b => ([...b.classList].find(c => c.startsWith('series-explorer:')) || '').slice(16))")


def _quiet(page, since: float, timeout_s: float) -> float | None:
    """Wait until nothing has been drawn for QUIET_S after `since`; return the last draw's time (ms)."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        last, now = page.evaluate("() => [window.__seriesProbe.lastDraw, performance.now()]")
        if last > since and now - last > QUIET_S * 1000:
            return last
        time.sleep(0.05)
    return None


def _frames(frames: list, t0: float, t1: float) -> tuple[bool, float]:
    """(a blank frame happened, the largest drop below both the old and new height) between t0 and t1."""
    if not frames:
        return False, 0.0
    before, after = frames[0], frames[-1]
    during = [f for f in frames if t0 <= f[0] <= t1]
    blank = before[1] and after[1] and any(not f[1] for f in during)
    floor = min(before[2], after[2])
    drop = max((floor - f[2] for f in during), default=0.0)
    return bool(blank), max(drop, 0.0)


def bench_explorer(page, index: int, changes: int) -> dict | None:
    boxes = page.locator(f"{VISIBLE} {EXPLORER}")
    box = boxes.nth(index)
    select = box.locator("select").first
    if not select.count():
        return None
    box.scroll_into_view_if_needed()
    n = select.evaluate("s => s.options.length")
    current = select.evaluate("s => s.selectedIndex")
    times, blanks, drops = [], 0, []
    for k in range(changes):
        target = (current + 1 + k % max(n - 1, 1)) % n
        if target == current:
            target = (target + 1) % n
        t0 = box.evaluate("(box, target) => window.__seriesProbe.choose(box, target)", target)
        done = _quiet(page, t0, CHANGE_TIMEOUT_S)
        frames = page.evaluate("() => window.__seriesProbe.stop()")
        if done is None:
            times.append(CHANGE_TIMEOUT_S * 1000)
            continue
        times.append(done - t0)
        blank, drop = _frames(frames, t0, done)
        blanks += blank
        if drop > 2:
            drops.append(drop)
        current = target
    times.sort()
    return {
        "median": statistics.median(times),
        "p90": times[max(0, int(0.9 * len(times)) - 1)] if len(times) >= 10 else max(times),
        "max": max(times),
        "blank": blanks,
        "jumps": len(drops),
        "jump_px": max(drops, default=0.0),
        "changes": len(times),
    }


def bench_notebook(page, lab: dict, notebook: str, changes: int) -> dict:
    open_and_run(page, lab, notebook, before_click="window.__seriesProbe.runAt = performance.now()")
    started = page.evaluate("() => window.__seriesProbe.runAt")
    last = _quiet(page, started, 60) or started
    print(f"  run all: {(last - started) / 1000:.1f} s to the last chart", flush=True)
    charts = page.locator(f"{VISIBLE} .vega-embed").count()
    draws = page.evaluate("() => window.__seriesProbe.draws")
    names = page.evaluate(NAMES_JS)
    explorers = []
    for i in range(page.locator(f"{VISIBLE} {EXPLORER}").count()):
        print(f"  explorer {names[i] if i < len(names) else i + 1}: {changes} changes ...", flush=True)
        result = bench_explorer(page, i, changes)
        if result is not None:
            explorers.append((names[i] if i < len(names) and names[i] else f"explorer {i + 1}", result))
    return {"run_s": (last - started) / 1000, "charts": charts, "draws": draws, "explorers": explorers}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="notebook numbers, e.g. 01 04")
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args(argv[1:])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: still shut Lab and the browser down
    from playwright.sync_api import sync_playwright

    rows, failed = [], []
    with tempfile.TemporaryDirectory() as home, running_lab(Path(home)) as lab, sync_playwright() as p:
        browser = launch(p)
        for entry in series.NOTEBOOKS:
            if not entry.available or (args.only and entry.number not in args.only):
                continue
            print(f"running {entry.filename} in JupyterLab ...", flush=True)
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.add_init_script(PROBE)
            page = context.new_page()
            try:
                rows.append((entry.filename, bench_notebook(page, lab, entry.filename, args.changes)))
            except (LabError, Exception) as error:  # report and go on: one notebook should not hide the rest
                failed.append((entry.filename, f"{type(error).__name__}: {str(error).strip()[:200]}"))
            finally:
                context.close()
        browser.close()
    print()
    print(f"{'notebook':36} {'run all s':>10} {'charts':>7} {'draws':>6}")
    for name, r in rows:
        print(f"{name:36} {r['run_s']:10.1f} {r['charts']:7d} {r['draws']:6d}")
    print("(run all: Run All Cells clicked -> last chart drawn; draws > charts means charts drawn twice)")
    print()
    print(f"{'explorer':22} {'notebook':32} {'median ms':>9} {'p90 ms':>7} {'max ms':>7} "
          f"{'blank':>6} {'jumps':>6} {'max px':>7}")
    within = total = 0
    for name, r in rows:
        for ex, e in r["explorers"]:
            total += 1
            ok = e["median"] <= TARGET_MEDIAN_MS and e["p90"] <= TARGET_P90_MS
            within += ok
            print(f"{ex:22} {name:32} {e['median']:9.0f} {e['p90']:7.0f} {e['max']:7.0f} "
                  f"{e['blank']:6d} {e['jumps']:6d} {e['jump_px']:7.0f}{'' if ok else '  (over target)'}")
    print(f"(each explorer: its first control changed {args.changes} times; change -> new view drawn; "
          f"blank/jumps count changes; target: median <= {TARGET_MEDIAN_MS} ms, p90 <= {TARGET_P90_MS} ms)")
    for name, why in failed:
        print(f"FAILED {name}: {why}")
    print(f"explorers within target: {within} of {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
