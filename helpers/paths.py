"""Where the series' files are, worked out from this package, never from the working directory.

JupyterLab, nbval, nbconvert and Voilà all start a notebook's kernel in the notebook's own
folder, and tests start wherever pytest was called; anchoring every path to this file keeps them
all pointing at the same data.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parents[1]
DATA_DIR: Path = REPO_ROOT / "data"
NOTEBOOKS_DIR: Path = REPO_ROOT / "notebooks"
CATALOGUE_FILE: Path = DATA_DIR / "datapackage.json"


def sources_dir() -> Path:
    """The folder of raw public sources the data build reads (only `make data` and its test need it).

    `SERIES_SOURCES` overrides the default, a `shared/sources` folder beside the repository.
    """
    return Path(os.environ.get("SERIES_SOURCES", REPO_ROOT.parent / "shared" / "sources")).resolve()


def url_from_notebook(path: Path, start: Path | None = None) -> str:
    """A relative URL from the kernel's folder to a file of the repo, for charts that load files.

    JupyterLab's Vega renderer resolves relative URLs against the notebook's folder, which is the
    kernel's working directory; a relative URL keeps the file out of the saved notebook.
    """
    here = Path(start) if start is not None else Path.cwd()
    return Path(os.path.relpath(Path(path).resolve(), here.resolve())).as_posix()
