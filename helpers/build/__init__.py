"""The data build: `python -m helpers.build` (or `make data`) turns ../shared/sources into data/.

Each module of this package covers one family of sources and exposes `RESOURCES`, a list of
`core.Resource`. The order of `FAMILIES` is the order of the catalogue.
"""

from __future__ import annotations

import importlib

from .core import Resource

FAMILIES = ("policy", "enforcement", "context", "research", "boundaries", "lookahead")


def resources(families: tuple[str, ...] | list[str] = FAMILIES) -> list[Resource]:
    """The resources of the given families, in catalogue order (modules are imported on demand)."""
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown:
        raise ValueError(f"unknown families {unknown}; choose from {list(FAMILIES)}")
    out: list[Resource] = []
    for family in FAMILIES:
        if family in families:
            out.extend(importlib.import_module(f"{__name__}.{family}").RESOURCES)
    return out
