"""Notebook set-up in one line: `import series_setup`.

Jupyter starts each kernel in the notebook's own folder, so this file is always importable from a
notebook. It puts the repository root on the import path (so `import helpers` works without
installing anything, on Binder too) and calls `helpers.setup()`: offline charts, series theme.
"""

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import helpers  # noqa: E402

helpers.setup()
