"""Open every notebook in JupyterLab in Chromium, run all cells, and check what a reader sees.

For each notebook: no error or warning output, at least one Vega chart that actually drew
something (not a blank area), and an explorer whose output changes when its control changes.
Screenshots of each chart and of the explorer before and after land in screenshots/ (git-ignored).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from helpers import series

NOTEBOOKS = [n.filename for n in series.NOTEBOOKS if n.available]
RUN_TIMEOUT_S = 240
# Fraction of a chart's pixels that are not background: a map whose geometry failed to load, or a
# chart whose data is missing, is nearly all white.
INK_JS = """
(el) => {
  const c = el.querySelector('canvas');
  if (c) {
    const ctx = c.getContext('2d');
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 16) {
      if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) ink++;
    }
    return ink / (d.length / 16);
  }
  const s = el.querySelector('svg');
  return s ? Math.min(1, s.querySelectorAll('path, rect, line, circle, text').length / 200) : 0;
}
"""


def _visible(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def _wait_for_kernel(page, timeout_s: float = 90) -> None:
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=timeout_s * 1000)


def _accept_dialogs(page) -> None:
    """Accept a dialog Lab may raise on a fresh start (e.g. "Select Kernel" with Python 3 preselected)."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and dialog.first.is_visible():
        dialog.first.locator(".jp-Dialog-button.jp-mod-accept").first.click()
        page.wait_for_timeout(1000)


def _run_all(page, attempts: int = 4) -> None:
    """Run All Cells through the menu, and make sure it took.

    On the first start of a fresh environment the kernel can take a while to connect, and a click
    on the menu can land before the notebook accepts it; so check that a prompt changed, else retry.
    """
    prompts = _visible(page).locator(".jp-CodeCell .jp-InputArea-prompt")
    for _ in range(attempts):
        _accept_dialogs(page)
        _wait_for_kernel(page)
        _accept_dialogs(page)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        deadline = time.time() + 45
        while time.time() < deadline:
            if any(t.strip() != "[ ]:" for t in prompts.all_inner_texts()):
                return
            time.sleep(0.5)
    pytest.fail(f"Run All Cells did not start after {attempts} tries")


def _wait_until_all_ran(page) -> None:
    prompts = _visible(page).locator(".jp-CodeCell .jp-InputArea-prompt")
    deadline = time.time() + RUN_TIMEOUT_S
    while time.time() < deadline:
        texts = prompts.all_inner_texts()
        if texts and all(re.fullmatch(r"\[\d+\]:", t.strip()) for t in texts):
            return
        time.sleep(0.5)
    pending = [t for t in prompts.all_inner_texts() if not re.fullmatch(r"\[\d+\]:", t.strip())]
    pytest.fail(f"cells did not finish within {RUN_TIMEOUT_S} s; prompts still pending: {pending[:5]}")


def _change_first_explorer(page, shots: Path, stem: str) -> None:
    panel = _visible(page)
    box = panel.locator(".widget-vbox").filter(has=page.locator(".widget-output")).filter(
        has=page.locator(".widget-dropdown select, .widget-slider, .widget-hslider")
    ).first
    assert box.count() == 1, "no explorer (a control with an output) found"
    box.scroll_into_view_if_needed()
    output = box.locator(".widget-output").first
    before = output.inner_html()
    box.screenshot(path=str(shots / f"{stem}-explorer-before.png"))
    select = box.locator(".widget-dropdown select").first
    if select.count():
        options = select.locator("option").all_inner_texts()
        current = select.evaluate("s => s.options[s.selectedIndex].text")
        target = next(o for o in reversed(options) if o != current)
        select.select_option(label=target)
    else:
        handle = box.locator(".noUi-handle").first
        handle.focus()
        for _ in range(3):
            handle.press("ArrowLeft")
        handle.press("Enter")
        page.mouse.click(5, 5)
    deadline = time.time() + 15
    while time.time() < deadline and output.inner_html() == before:
        time.sleep(0.2)
    after = output.inner_html()
    time.sleep(1.0)  # let Vega draw before the screenshot
    box.screenshot(path=str(shots / f"{stem}-explorer-after.png"))
    assert after != before, "changing the control did not change the explorer's output"
    assert "Something went wrong" not in output.inner_text()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_and_renders_in_lab(lab: dict, browser, screenshots: Path, notebook: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    stem = notebook.removesuffix(".ipynb")
    for old in screenshots.glob(f"{stem}-*.png"):
        old.unlink()
    try:
        page.goto(f"{lab['base']}/lab/tree/notebooks/{notebook}?reset&token={lab['token']}")
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=60000)
        _accept_dialogs(page)
        _run_all(page)
        _wait_until_all_ran(page)
        _wait_for_kernel(page, 60)
        panel = _visible(page)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(screenshots / f"{stem}-0-top.png"))

        errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, "error or warning output:\n" + "\n---\n".join(errors.all_inner_texts())[:3000]

        charts = panel.locator(".vega-embed")
        assert charts.count() >= 1, "no rendered Vega chart"
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            ink = chart.evaluate(INK_JS)
            chart.screenshot(path=str(screenshots / f"{stem}-chart-{i + 1:02d}.png"))
            assert ink > 0.01, f"chart {i + 1} of {notebook} looks blank (ink {ink:.4f})"

        _change_first_explorer(page, screenshots, stem)
        vega_errors = [e for e in console_errors if "vega" in e.lower() or "Error loading" in e]
        assert not vega_errors, vega_errors[:5]
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
        page.goto(f"{lab['base']}/lab/tree/notebooks/08_looking_ahead.ipynb?reset&token={lab['token']}")
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=60000)
        _accept_dialogs(page)
        _run_all(page)
        _wait_until_all_ran(page)
        _wait_for_kernel(page, 60)
        form = _visible(page).locator(".series-brief-form").first
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
