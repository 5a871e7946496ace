"""Read the pip pins of environment.yml, the series' one source of truth for versions.

Binder builds its conda environment from environment.yml; the Makefile builds `.venv` from
the same file's `pip:` list through this script. It uses only the standard library because it
runs on the machine's bare Python 3.11 before any package is installed.

    python tools/pins.py requirements   # print the pins, one per line, for `pip install -r -`
    python tools/pins.py check          # exit 1 and list differences if this Python's packages differ
    python tools/pins.py fingerprint    # print a short hash of the pins (marks .venv as up to date)
"""

from __future__ import annotations

import hashlib
import re
import sys
from importlib import metadata
from pathlib import Path

ENVIRONMENT_FILE = Path(__file__).resolve().parents[1] / "environment.yml"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;#]+)$")


def _normalise(name: str) -> str:
    """Compare package names the way pip does (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_lines(path: Path = ENVIRONMENT_FILE) -> list[str]:
    """Return the items of the `- pip:` list, in file order, without comments."""
    items: list[str] = []
    pip_indent: int | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip())
        if pip_indent is None:
            if stripped == "- pip:":
                pip_indent = indent
            continue
        if indent <= pip_indent:
            break
        if stripped.startswith("- "):
            items.append(stripped[2:].split(" #")[0].strip())
    return items


def pins(path: Path = ENVIRONMENT_FILE) -> dict[str, str]:
    """Map each pinned package (normalised name) to its exact version; refuse anything unpinned."""
    result: dict[str, str] = {}
    for item in pip_lines(path):
        match = PIN.match(item)
        if not match:
            raise ValueError(
                f"{path.name}: '{item}' is not an exact pin. Write it as name==version so that "
                "Binder and .venv install the same thing."
            )
        result[_normalise(match["name"])] = match["version"]
    if not result:
        raise ValueError(f"{path.name}: found no '- pip:' list of pins.")
    return result


def differences(path: Path = ENVIRONMENT_FILE) -> list[str]:
    """List each pinned package that this interpreter lacks or has at another version."""
    problems = []
    for name, wanted in sorted(pins(path).items()):
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name}: not installed (environment.yml pins {wanted})")
            continue
        if found != wanted:
            problems.append(f"{name}: installed {found}, environment.yml pins {wanted}")
    return problems


def fingerprint(path: Path = ENVIRONMENT_FILE) -> str:
    """A short hash of the pins, so that a changed pin marks .venv as stale."""
    text = "\n".join(f"{k}=={v}" for k, v in sorted(pins(path).items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "requirements":
        print("\n".join(pip_lines()))
        return 0
    if command == "fingerprint":
        print(fingerprint())
        return 0
    if command == "check":
        problems = differences()
        if problems:
            print("The environment does not match environment.yml:", *problems, sep="\n  ")
            print("Run `make venv` (or delete .venv and run `make test`) to rebuild it.")
            return 1
        print(f"All {len(pins())} pins of environment.yml are installed.")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
