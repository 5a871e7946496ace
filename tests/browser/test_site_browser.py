"""Open the built static site in Chromium and check what a reader without a network sees.

The site (dist/site, from `make site`; built here first if it is missing) is served on 127.0.0.1 and
every other request is aborted and recorded. On the index and two notebook pages: charts are images
that loaded and have ink and alt text, the explorer shows its first view and the note, code is folded,
every internal link resolves (to a page that exists, and to an id on it), the licence footer is there,
and nothing was asked of the network. Then one handout is printed to PDF.
Screenshots land in screenshots/ (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from tools import site, site_links, site_outputs

PAGES = ["index.html", "notebooks/01_nationwide_response.html", "notebooks/04_minnesota_surge.html"]
FOOTER = ("Notebook text and guide: CC BY 4.0; code: MIT; data: each table's own licence (The Washington "
          "Post's 287(g) list: CC BY-NC-SA 4.0, non-commercial)")
# Share of an image's pixels that are not near-white once drawn on a canvas (same origin, so readable).
INK_JS = """
(img) => {
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, c.width, c.height);
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 16) { if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++; }
  return ink / (d.length / 16);
}
"""


@pytest.fixture(scope="module")
def built_site() -> Path:
    if not (site.SITE / "index.html").exists():
        site.build()
    return site.SITE


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def offline_page(browser, server: str):
    """A page that may reach only the local server; every other request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    outside = site.block_outside(context, (server, "data:", "blob:"))
    page = context.new_page()
    yield page, outside
    context.close()


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8", errors="replace")


@pytest.mark.parametrize("path", PAGES)
def test_page_is_complete_offline(offline_page, server: str, screenshots: Path, path: str) -> None:
    page, outside = offline_page
    page.goto(server + path, wait_until="networkidle")
    licence = page.locator("footer .series-licence")
    assert licence.count() == 1 and FOOTER in licence.inner_text().replace("’", "'")
    shot = screenshots / f"site_{Path(path).stem}.png"
    page.screenshot(path=str(shot))

    charts = page.locator(".series-chart img")
    if path.startswith("notebooks/"):
        assert charts.count() >= 3, f"{path}: expected its charts as images"
        assert page.locator(".series-explorer-note").count() >= 1
        assert site_outputs.EXPLORER_NOTE in page.locator(".series-explorer-note").first.inner_text()
        folded = page.locator("details.hide.above-input")
        assert folded.count() >= 5 and not folded.first.evaluate("d => d.open")
        assert not folded.first.locator(".cell_input").is_visible()  # code shows only on click
        folded.first.locator("summary").click()
        assert folded.first.locator(".cell_input").is_visible()
    for i in range(charts.count()):
        image = charts.nth(i)
        image.scroll_into_view_if_needed()
        assert image.is_visible()
        alt = image.get_attribute("alt") or ""
        assert len(alt.split()) >= 4, f"{path}: chart {i} has no real alt text"
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), f"{path}: chart {i} did not load"
        assert image.evaluate(INK_JS) > 0.01, f"{path}: chart {i} is blank"

    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    internal = sorted({h for h in hrefs if h.startswith(server)})
    assert len(internal) >= 10
    ids: dict[str, set[str]] = {}
    for href in internal:
        target, fragment = urldefrag(href)
        if target not in ids:
            ids[target] = site_links.page_ids(_fetch(target)) if target.endswith(".html") or target.endswith("/") else set()
            if not (target.endswith(".html") or target.endswith("/")):
                _fetch(target)
        if fragment:
            assert fragment in ids[target], f"{path}: {href} points to no id on its page"
    page.wait_for_load_state("networkidle")
    assert outside == [], f"requests left the machine: {outside[:5]}"


def test_a_handout_prints_with_its_charts(browser, built_site: Path, tmp_path: Path) -> None:
    entry = next(e for e in site.notebooks() if e.number == "01")
    (pdf,) = site.handouts(site=built_site, out=tmp_path, paper="A4", entries=[entry], browser=browser)
    data = pdf.read_bytes()
    assert pdf.name == "01_nationwide_response.pdf" and data.startswith(b"%PDF")
    assert len(data) > 200_000  # text alone is far smaller: the chart images are in it
