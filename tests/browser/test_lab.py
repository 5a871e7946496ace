"""Open every notebook in JupyterLab in Chromium, run all cells, and check what a reader sees.

For each notebook, at 1280×800 and then at 800 px wide with the file browser open:
- no error or warning output; every Vega chart drew something (not a blank area), as an <svg> in a
  container whose accessible name (role graphics-document, aria-label) is the chart's description,
  without the unnamed actions menu;
- layout: no output scrolls sideways or is wider than its cell, no chart is wider than its output,
  and every legend a chart's spec defines is drawn (with its title);
- accessibility: axe-core (axe-playwright-python, pinned) inside the series' own outputs; any serious
  or critical violation fails, except the table rules listed in TABLE_RULES while they are pending;
- the first explorer: screenshots of it in view before and after choosing another option; the two
  differ, and the change showed no blank frame between the old and the new chart.
Screenshots and each notebook's axe results (axe-NN.json) land in screenshots/ (git-ignored; CI can
keep the folder as an artifact).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from lab_driver import EXPLORER, VISIBLE, open_and_run, visible

from helpers import series

NOTEBOOKS = [n.filename for n in series.NOTEBOOKS if n.available]
PROBE = (Path(__file__).parent / "probe.js").read_text(encoding="utf-8")
WIDE, NARROW = {"width": 1280, "height": 800}, {"width": 800, "height": 800}
# Lab's own interface is outside the series' outputs and is not the series' to fix; axe runs only inside
# the outputs. What axe reports on Lab's chrome (whole page minus outputs, JupyterLab 4.6.6, axe 4.12):
LAB_CHROME = {  # rule: why it is Lab's (measured on 00–08 after Run All, December 2026)
    "aria-input-field-name": "serious: every cell's CodeMirror editor is a textbox without an accessible name",
    "scrollable-region-focusable": "serious: Lab's own scrolling panes (notebook, editors, side panels) take no focus",
    "aria-allowed-attr": "critical: attributes Lab's toolbar and tab bars put on roles that do not allow them",
    "aria-required-children": "critical: a Lab container declares a role without the children axe expects",
    "button-name": "critical: an icon-only toolbar button without a label (seen in one notebook)",
    "select-name": "critical: an unlabelled select in Lab's toolbar or status bar (seen in one notebook)",
    "region": "moderate: Lab's panels are not inside landmarks",
}
# Tables come from another part of the kit (a table formatter without the index column, in a scroll
# region that takes keyboard focus). Until it lands these rules may still fire inside outputs: they are
# reported, and a notebook failing only on them is marked expected-to-fail with this reason.
# Still open in the accessibility issue, reported on every run: the 800-px check (a few charts are wider
# than the column left with the file browser open) and the rule below. Everything at 1280 px is strict.
OPEN_AXE_RULES = {
    "aria-input-field-name": "ipywidgets' selection slider (01's date slider) gives its handle no accessible name",
}
TABLE_RULES = {
    "scrollable-region-focusable": "a wide DataFrame scrolls in a region that cannot take keyboard focus",
    "empty-table-header": "pandas' index column has an empty header cell",
}
SERIOUS = {"serious", "critical"}
LEGEND_CHANNELS = {"color", "fill", "stroke", "shape", "size", "opacity", "fillOpacity", "strokeDash", "strokeWidth"}
# How much of a chart is data (SVG: data marks drawn, out of 50; canvas: share of non-background pixels):
# a map whose geometry failed to load, or a chart whose data is missing, has none.
INK_JS = """
(el) => {
  const s = el.querySelector('svg.marks');  // the data marks drawn (axes, legends and titles are other roles)
  if (s) return Math.min(1, Array.from(s.querySelectorAll('.role-mark > *')).filter(
    m => m.tagName !== 'path' || (m.getAttribute('d') || '').length > 2).length / 50);
  const c = el.querySelector('canvas');
  if (!c) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 16) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) ink++;
  return ink / (d.length / 16);
}
"""
# Every chart in a cell's own outputs, with its spec (read from Lab's model: window.jupyterapp) and what
# the page drew: its element, accessible name, actions menu, and legend titles.
CHARTS_JS = """
() => {
  const found = [];
  const panel = window.jupyterapp.shell.currentWidget;
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== 'code') continue;
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const spec = outputs.get(i).data['application/vnd.vegalite.v5+json'];
      const child = cell.outputArea.widgets[i];
      if (!spec || !child) continue;
      const embed = child.node.querySelector('.vega-embed');
      const marks = embed && embed.querySelector('.marks');
      found.push({
        spec, cell: panel.content.widgets.indexOf(cell),
        tag: marks ? marks.tagName.toLowerCase() : null,
        label: embed ? embed.getAttribute('aria-label') : null,  // Vega names the container: role graphics-document
        menu: embed ? embed.querySelectorAll('details, summary').length : 0,
        legends: embed ? Array.from(embed.querySelectorAll('.role-legend')).map(
          g => Array.from(g.querySelectorAll('.role-legend-title text')).map(t => t.textContent).join(' ')) : [],
      });
    }
  }
  return found;
}
"""
LAYOUT_JS = """
(panelSelector) => {
  const bad = [];
  for (const out of document.querySelectorAll(panelSelector + ' .jp-OutputArea-output')) {
    const r = out.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const cell = out.closest('.jp-Cell').getBoundingClientRect();
    const where = (out.innerText || '').trim().slice(0, 60) || out.getAttribute('data-mime-type');
    if (out.scrollWidth > out.clientWidth + 1) bad.push(`output scrolls sideways (${out.scrollWidth} > ${out.clientWidth} px): ${where}`);
    if (r.right > cell.right + 1) bad.push(`output wider than its cell (${Math.round(r.right - cell.right)} px): ${where}`);
    for (const m of out.querySelectorAll('.vega-embed .marks')) {
      const mr = m.getBoundingClientRect();
      const name = (m.closest('.vega-embed').getAttribute('aria-label') || where).slice(0, 60);
      if (mr.right > r.right + 1) bad.push(`chart cut on the right by ${Math.round(mr.right - r.right)} px: ${name}`);
    }
  }
  return bad;
}
"""


def _legends_defined(spec: Any) -> list[str | None]:
    """Legend titles the spec asks for (None: a legend without a title), from every layer and view."""
    found: list[str | None] = []
    if isinstance(spec, list):
        for item in spec:
            found += _legends_defined(item)
    if not isinstance(spec, dict):
        return found
    for channel, enc in (spec.get("encoding") or {}).items():
        if channel not in LEGEND_CHANNELS or not isinstance(enc, dict) or not enc.get("field"):
            continue
        if enc.get("legend", {}) is None or enc.get("scale", {}) is None:  # no legend, or colours given as data
            continue
        legend = enc.get("legend") or {}
        title = legend["title"] if "title" in legend else enc.get("title", "")  # "": Vega-Lite's own title
        found.append(" ".join(title) if isinstance(title, list) else title)
    for key, value in spec.items():
        if key not in {"data", "datasets", "encoding", "config"}:
            found += _legends_defined(value)
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


EVERY_CHART_JS = """
(panelSelector) => Array.from(document.querySelectorAll(panelSelector + ' .vega-embed'), (embed) => {
  const marks = embed.querySelector('.marks');
  return [marks ? marks.tagName.toLowerCase() : null, embed.getAttribute('aria-label'),
          embed.querySelectorAll('details, summary').length];
})
"""


def check_charts(page, notebook: str) -> list[str]:
    """Problems with the charts: canvas instead of SVG, no accessible name, a menu, a legend its spec defines missing.

    Every chart on the page (explorers' too) must be an SVG with a name and no menu; charts in cells' own
    outputs are also compared with their spec (description, legends).
    """
    problems = [f"{notebook}: a chart drawn as {tag} with accessible name {label!r} and {menu} menu element(s)"
                for tag, label, menu in page.evaluate(EVERY_CHART_JS, VISIBLE)
                if tag != "svg" or not (label or "").strip() or menu]
    for chart in page.evaluate(CHARTS_JS):
        spec, where = chart["spec"], f"{notebook} cell {chart['cell']}"
        description = str(spec.get("description", "")).strip()
        if chart["tag"] != "svg":
            problems.append(f"{where}: drawn as {chart['tag']}, not an <svg> with an accessible name")
        elif _squash(chart["label"]) != _squash(description):
            problems.append(f"{where}: the chart's aria-label {chart['label']!r} is not its description "
                            f"{description!r}")
        if chart["menu"]:
            problems.append(f"{where}: the chart shows Vega's actions menu (an unnamed <summary>)")
        wanted = set(_legends_defined(spec))
        drawn = [_squash(t) for t in chart["legends"]]
        if wanted and not drawn:
            problems.append(f"{where}: the spec defines a legend ({sorted(map(str, wanted))}) but none is drawn")
        for title in wanted:
            if isinstance(title, str) and title.strip() and _squash(title) not in drawn:
                problems.append(f"{where}: legend {title!r} is not drawn (drawn: {chart['legends']})")
    return problems


def run_axe(page, results: Path) -> tuple[dict[str, Any], list[str]]:
    """axe-core inside the notebook's outputs; (violations by rule, serious or critical ones) and saves the JSON."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"include": [[f"{VISIBLE} .jp-OutputArea-output"]]}
    found = Axe().run(page, context=context, options={"resultTypes": ["violations"]}).response["violations"]
    by_rule = {v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"]), "help": v["help"],
                         "where": [n["target"] for n in v["nodes"][:5]]} for v in found}
    results.write_text(json.dumps(by_rule, indent=1), encoding="utf-8")
    return by_rule, [rule for rule, v in by_rule.items() if v["impact"] in SERIOUS]


def _screenshot_in_view(page, box, path: Path) -> None:
    """Screenshot the explorer with its top in view, cut to the window (so Lab's menus never show inside it)."""
    box.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    r = box.bounding_box()
    size = page.viewport_size
    top = max(r["y"], 0)
    clip = {"x": max(r["x"], 0), "y": top, "width": min(r["width"], size["width"] - r["x"]),
            "height": max(1, min(r["height"], size["height"] - top))}
    page.screenshot(path=str(path), clip=clip)


def change_first_explorer(page, shots: Path, stem: str) -> None:
    box = visible(page).locator(EXPLORER).first
    assert box.count() == 1, "no explorer (a control with an output) found"
    output = box.locator(".widget-output").first
    before_html = output.inner_html()
    before_png = shots / f"{stem}-explorer-before.png"
    _screenshot_in_view(page, box, before_png)
    select = box.locator("select").first
    assert select.count(), "the explorer's first control is not a dropdown"
    options = select.evaluate("s => Array.from(s.options).map(o => o.text)")
    current = select.evaluate("s => s.selectedIndex")
    target = next(i for i in [len(options) // 2, *range(len(options))] if i != current)  # never the default
    t0 = box.evaluate("(box, target) => window.__seriesProbe.choose(box, target)", target)
    deadline = time.time() + 20
    while time.time() < deadline:
        last, now = page.evaluate("() => [window.__seriesProbe.lastDraw, performance.now()]")
        if last > t0 and now - last > 800 and output.inner_html() != before_html:
            break
        time.sleep(0.1)
    frames = page.evaluate("() => window.__seriesProbe.stop()")
    after_png = shots / f"{stem}-explorer-after.png"
    _screenshot_in_view(page, box, after_png)
    assert output.inner_html() != before_html, f"choosing {options[target]!r} did not change the explorer's output"
    assert "Something went wrong" not in output.inner_text()
    assert before_png.read_bytes() != after_png.read_bytes(), "the explorer's screenshots before and after are the same"
    had_chart, has_chart = frames and frames[0][1], frames and frames[-1][1]
    blank = [f for f in frames if not f[1]]
    assert not (had_chart and has_chart and blank), f"no chart shown for {len(blank)} frame(s) while redrawing"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_and_reads_well_in_lab(lab: dict, browser, screenshots: Path, notebook: str) -> None:
    context = browser.new_context(viewport=WIDE)
    context.add_init_script(PROBE)
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    stem = notebook.removesuffix(".ipynb")
    for old in [*screenshots.glob(f"{stem}-*.png"), screenshots / f"axe-{stem[:2]}.json"]:
        old.unlink(missing_ok=True)
    problems: list[str] = []
    try:
        open_and_run(page, lab, notebook)
        panel = visible(page)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(screenshots / f"{stem}-0-top.png"))

        errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, "error or warning output:\n" + "\n---\n".join(errors.all_inner_texts())[:3000]
        charts = panel.locator(".vega-embed")
        assert charts.count() >= 1, "no rendered Vega chart"
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            page.wait_for_timeout(200)
            ink = chart.evaluate(INK_JS)
            chart.screenshot(path=str(screenshots / f"{stem}-chart-{i + 1:02d}.png"))
            assert ink > 0.01, f"chart {i + 1} of {notebook} looks blank (ink {ink:.4f})"
        problems += check_charts(page, notebook)
        problems += [f"1280 px: {p}" for p in page.evaluate(LAYOUT_JS, VISIBLE)]

        by_rule, serious = run_axe(page, screenshots / f"axe-{stem[:2]}.json")
        print(f"axe {stem}: " + (", ".join(f"{r} ({v['impact']}, {v['nodes']})" for r, v in by_rule.items()) or "none"))

        change_first_explorer(page, screenshots, stem)

        page.evaluate("() => window.jupyterapp.shell.activateById('filebrowser')")
        page.set_viewport_size(NARROW)
        page.wait_for_timeout(1500)
        narrow = [f"800 px, file browser open: {p}" for p in page.evaluate(LAYOUT_JS, VISIBLE)]
        narrow += [f"800 px: {p}" for p in check_charts(page, notebook) if "legend" in p]
        for i in range(charts.count()):
            charts.nth(i).scroll_into_view_if_needed()
            page.wait_for_timeout(100)
            charts.nth(i).screenshot(path=str(screenshots / f"{stem}-800-chart-{i + 1:02d}.png"))
        vega_errors = [e for e in console_errors if "vega" in e.lower() or "Error loading" in e]
        assert not vega_errors, vega_errors[:5]
        assert not problems, "\n".join(problems)
        pending = [r for r in serious if r not in TABLE_RULES and r not in OPEN_AXE_RULES]
        found = [by_rule[r] | {"rule": r} for r in pending]
        assert not pending, f"axe: serious or critical violations in the series' outputs: {found}"
        known = [f"axe {r} ({by_rule[r]['nodes']} nodes): {TABLE_RULES.get(r) or OPEN_AXE_RULES[r]}" for r in serious]
        if known or narrow:  # reported, not hidden: the open part of the accessibility issue
            pytest.xfail("open (800-px column and known axe rules): " + "; ".join(known + narrow)[:2000])
    except BaseException:
        page.screenshot(path=str(screenshots / f"{stem}-failure.png"))
        raise
    finally:
        context.close()


def test_08_brief_is_written_and_saved_with_the_county_figures(lab: dict, browser, screenshots: Path) -> None:
    """Notebook 08: drive the brief form (county, findings, an argument with hostile text), press Save, and check
    that the saved Markdown and HTML hold the county's name and its foreign-born share as the notebook prints it,
    and that the hostile text is kept as typed inside a fenced block (Markdown) and escaped (HTML)."""
    from helpers import load, pct
    from helpers.paths import REPO_ROOT

    county = "Kandiyohi"
    fb = load("county_foreign_born_acs2017_21")
    share = pct(fb[(fb.state_abbr == "MN") & (fb.county_name == county)].foreign_born_pct.iloc[0])
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    saved: list[Path] = []
    try:
        open_and_run(page, lab, "08_looking_ahead.ipynb")
        form = visible(page).locator(".series-brief-form").first
        form.scroll_into_view_if_needed()
        form.locator(".widget-dropdown select").first.select_option(label=county)
        findings = form.locator(".widget-select-multiple select").first
        labels = findings.locator("option").all_inner_texts()
        findings.select_option(label=[t for t in labels if t.split()[0] in {"R09", "R12", "R52", "R64"}])  # labels use no-break spaces
        argument = form.locator(".widget-textarea textarea").first
        argument.fill("I argue for a careful choice. <script>alert(1)</script> [click](javascript:alert(1))")
        argument.press("Tab")  # the text box sends its value when it loses focus
        page.wait_for_timeout(1500)
        form.locator("button", has_text="Save my brief").click()
        status = form.locator(".widget-output").first
        deadline = time.time() + 30
        while time.time() < deadline and "Saved" not in status.inner_text():
            time.sleep(0.3)
        form.screenshot(path=str(screenshots / "08_looking_ahead-brief-form.png"))
        text = status.inner_text()
        assert "Saved" in text, text
        saved = [REPO_ROOT / p for p in re.findall(r"briefs/[a-z0-9-]+\.(?:md|html)", text)]
        assert len(saved) == 2 and all(p.exists() for p in saved), text
        markdown, page_html = (p.read_text(encoding="utf-8") for p in saved)
        assert f"{county} County" in markdown and share in markdown, markdown[:1500]
        mine = markdown.split("## My argument", 1)[1].split("\n## ", 1)[0]
        assert "R52" in markdown and markdown.count("<script>") == 1 and "\\" not in mine  # as typed, no escapes
        assert mine.strip().startswith("```text\n") and "<script>alert(1)</script>" in mine  # ...inert in a fence
        assert share in page_html and "&lt;script&gt;" in page_html and "<script>" not in page_html
        assert not dialogs, f"text typed into the brief ran as code: {dialogs}"
    except BaseException:
        page.screenshot(path=str(screenshots / "08_looking_ahead-brief-failure.png"))
        raise
    finally:
        for path in saved:
            path.unlink(missing_ok=True)
        context.close()
