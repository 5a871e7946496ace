"""Rebuild data/ from the raw public sources.

    python -m helpers.build                  # every table (what `make data` runs)
    python -m helpers.build --only policy    # one family; other catalogue entries are kept as they are
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from . import FAMILIES, resources
from .core import BuildError, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, default=None, help="raw sources folder (default: ../shared/sources)")
    parser.add_argument("--out", type=Path, default=paths.DATA_DIR, help="output folder (default: data/)")
    parser.add_argument("--only", action="append", choices=FAMILIES, help="build only this family (repeatable)")
    args = parser.parse_args(argv)
    sources = (args.sources or paths.sources_dir()).resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        run(resources(tuple(args.only or FAMILIES)), sources, args.out.resolve(), partial=bool(args.only))
    except BuildError as error:
        print(f"\nThe data build stopped; nothing was written.\n{error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
