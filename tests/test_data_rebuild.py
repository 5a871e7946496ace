"""CI rebuilds data/ from the raw sources and fails if any file differs from the committed one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths


def test_rebuild_from_sources_is_byte_identical(tmp_path: Path) -> None:
    sources = paths.sources_dir()
    if not sources.is_dir():
        pytest.skip(
            f"Raw sources not found at {sources}: the rebuild check needs the shared sources folder beside "
            "the repository (or SERIES_SOURCES). data/ as committed is used as it is."
        )
    out = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "helpers.build", "--sources", str(sources), "--out", str(out)],
        capture_output=True, text=True, cwd=paths.REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    committed = {p.name: p.read_bytes() for p in paths.DATA_DIR.iterdir() if p.is_file()}
    rebuilt = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert sorted(rebuilt) == sorted(committed), "the build writes a different set of files than data/ holds"
    differing = [name for name in committed if committed[name] != rebuilt[name]]
    assert not differing, f"rebuilt files differ from data/: {differing}. Run `make data` and commit the result."
