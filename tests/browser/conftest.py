"""A real JupyterLab on 127.0.0.1 and Debian's Chromium driven by Playwright, for the browser test.

Starting Lab and the browser lives in lab_driver.py, which `make bench-browser` shares.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from lab_driver import CHROMIUM, REPO_ROOT, LabError, launch, running_lab

SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR", REPO_ROOT / "screenshots"))


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium was not found at {CHROMIUM}. Install it with `sudo apt-get install chromium` "
                    "(make test-browser does this as root).")
    try:
        with running_lab(tmp_path_factory.mktemp("lab")) as started:
            yield started
    except LabError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = launch(p)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder for screenshots (git-ignored, kept for CI to show); each test first removes its own old ones."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
