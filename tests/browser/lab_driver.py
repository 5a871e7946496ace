"""Drive a real JupyterLab in Debian's Chromium: shared by the browser test and `make bench-browser`.

Lab runs from the repository root on 127.0.0.1 with its own throwaway settings: notebooks render every
cell (no windowing, so every prompt can be checked) and no news or update checks reach for the network.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    # never save a notebook run in the test back into notebooks/ (they are committed without outputs)
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
RUN_TIMEOUT_S = 240
VISIBLE = ".jp-NotebookPanel:not(.lm-mod-hidden)"
EXPLORER = ".series-explorer"  # the class widgets.Explorer puts on its box (its output: .series-explorer-output)


class LabError(RuntimeError):
    """Lab did not start, or a notebook did not run; the message says what was seen."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(home: Path) -> Iterator[dict[str, str]]:
    """Start JupyterLab with settings under `home`; yield its base URL, token and log path; stop it."""
    settings = home / "settings"
    for name, value in LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={REPO_ROOT}",
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LabApp.extension_manager=readonly",  # no look-ups on the package index
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: the tests read each chart's spec from it
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log_path = home / "lab.log"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    with log_path.open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.time() > deadline:
                    raise LabError("JupyterLab did not start:\n" + log_path.read_text()[-3000:]) from None
                time.sleep(0.5)
        yield {"base": base, "token": token, "log": str(log_path)}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def launch(playwright: object) -> object:
    """Debian's Chromium, headless (the one the browser test uses)."""
    if not Path(CHROMIUM).exists():
        raise LabError(f"Chromium was not found at {CHROMIUM}. Install it with `sudo apt-get install chromium` "
                       "(make browser-deps does this as root).")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def visible(page):
    return page.locator(VISIBLE)


def wait_for_kernel(page, timeout_s: float = 90) -> None:
    page.wait_for_selector(f"{VISIBLE} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=timeout_s * 1000)


def accept_dialogs(page) -> None:
    """Accept a dialog Lab may raise on a fresh start (e.g. "Select Kernel" with Python 3 preselected)."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and dialog.first.is_visible():
        dialog.first.locator(".jp-Dialog-button.jp-mod-accept").first.click()
        page.wait_for_timeout(1000)


def open_notebook(page, lab: dict, notebook: str) -> None:
    page.goto(f"{lab['base']}/lab/tree/notebooks/{notebook}?reset&token={lab['token']}")
    page.wait_for_selector(f"{VISIBLE} .jp-Cell", timeout=60000)
    accept_dialogs(page)


def run_all(page, attempts: int = 4, before_click: str = "") -> None:
    """Run All Cells (the command behind Lab's menu item), and make sure it took.

    On the first start of a fresh environment the kernel can take a while to connect, and a click
    on the menu can land before the notebook accepts it; so check that a prompt changed, else retry.
    `before_click` is JavaScript run in the page just before the command (a timing probe).
    """
    prompts = visible(page).locator(".jp-CodeCell .jp-InputArea-prompt")
    for _ in range(attempts):
        accept_dialogs(page)
        wait_for_kernel(page)
        accept_dialogs(page)
        if before_click:
            page.evaluate(before_click)
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")  # the menu's command
        deadline = time.time() + 45
        while time.time() < deadline:
            if any(t.strip() != "[ ]:" for t in prompts.all_inner_texts()):
                return
            time.sleep(0.5)
    raise LabError(f"Run All Cells did not start after {attempts} tries")


def wait_until_all_ran(page, timeout_s: float = RUN_TIMEOUT_S) -> None:
    prompts = visible(page).locator(".jp-CodeCell .jp-InputArea-prompt")
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        texts = prompts.all_inner_texts()
        if texts and all(re.fullmatch(r"\[\d+\]:", t.strip()) for t in texts):
            return
        time.sleep(0.5)
    pending = [t for t in prompts.all_inner_texts() if not re.fullmatch(r"\[\d+\]:", t.strip())]
    raise LabError(f"cells did not finish within {timeout_s:.0f} s; prompts still pending: {pending[:5]}")


def open_and_run(page, lab: dict, notebook: str, before_click: str = "") -> None:
    """Open a notebook fresh, run all its cells and wait until every prompt shows a number."""
    open_notebook(page, lab, notebook)
    run_all(page, before_click=before_click)
    wait_until_all_ran(page)
    wait_for_kernel(page, 60)
