"""environment.yml is the one source of versions: it parses, pins everything, and .venv matches it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tools import pins

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def env() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_conda_part_is_only_python_and_pip(env: dict) -> None:
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert conda == ["python=3.11", "pip"]


def test_every_pip_package_is_an_exact_pin(env: dict) -> None:
    pip_list = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_list == pins.pip_lines(), "tools/pins.py must read the same list that conda reads"
    assert all(pins.PIN.match(item) for item in pip_list)
    assert len(pins.pins()) == len(pip_list), "a package is pinned twice"


def test_core_versions_are_the_ones_that_render_in_lab() -> None:
    p = pins.pins()
    assert p["jupyterlab"].startswith("4.6.")
    assert p["altair"].startswith("5.5."), "Altair 6 writes Vega-Lite v6, which JupyterLab 4.6 cannot render"
    assert p["ipywidgets"].startswith("8.1.")
    assert p["jupyterlab-widgets"].startswith("3.0.")
    for needed in ("pandas", "nbval", "pytest", "vl-convert-python", "nbstripout", "playwright", "axe-playwright-python",
                   "frictionless"):
        assert needed in p


def test_pins_parser_refuses_a_loose_version(tmp_path: Path) -> None:
    bad = tmp_path / "environment.yml"
    bad.write_text("dependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - pandas>=2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not an exact pin"):
        pins.pins(bad)


def test_the_makefile_takes_versions_only_from_environment_yml() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "tools/pins.py requirements" in makefile
    for name in pins.pins():
        assert f"{name}==" not in makefile.lower()


def test_venv_matches_environment_yml() -> None:
    venv_python = ROOT / ".venv" / "bin" / "python"
    python = str(venv_python) if venv_python.exists() else sys.executable
    result = subprocess.run([python, str(ROOT / "tools" / "pins.py"), "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
