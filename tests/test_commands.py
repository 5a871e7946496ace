"""The commands a reader types answer bad set-ups with what to do next."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_without_python_311_says_what_to_install() -> None:
    result = subprocess.run(
        ["make", "-s", "check-python", "PY=/nonexistent/python3.11"], capture_output=True, text=True, cwd=paths.REPO_ROOT
    )
    assert result.returncode != 0
    assert "Python 3.11 was not found" in result.stdout and "make lab PY=" in result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_with_another_python_version_says_so(tmp_path: Path) -> None:
    fake = tmp_path / "python3.11"
    fake.write_text("#!/bin/sh\ncase \"$*\" in *platform*) echo 3.10.4;; *) exit 1;; esac\n")
    fake.chmod(0o755)
    result = subprocess.run(["make", "-s", "check-python", f"PY={fake}"], capture_output=True, text=True, cwd=paths.REPO_ROOT)
    assert result.returncode != 0 and "is Python 3.10.4" in result.stdout and "pinned to Python 3.11" in result.stdout


def test_data_build_without_sources_explains_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "helpers.build", "--sources", str(tmp_path / "missing"), "--out", str(out)],
        capture_output=True, text=True, cwd=paths.REPO_ROOT,
    )
    assert result.returncode == 1
    assert "nothing was written" in result.stderr and "shared/sources" in result.stderr
    assert list(out.iterdir()) == []
