"""Build the policy tables of data/ (see core.Resource).

The family is split by source into modules: `policy_ice` (ICE's 287(g) sheets 2021–2026),
`policy_wapo` (the Washington Post's 287(g) list 2005–2019) and `policy_lists` (DOJ's 2025
sanctuary list, ICE's 2017 declined-detainer report, the Minnesota timeline, Pennsylvania detainers).
The order below is the catalogue order; a later resource may read an earlier one with `ctx.table`.
"""

from __future__ import annotations

from .core import Resource
from .policy_ice import RESOURCES as ICE_RESOURCES
from .policy_lists import RESOURCES as LIST_RESOURCES
from .policy_wapo import RESOURCES as WAPO_RESOURCES

RESOURCES: list[Resource] = [*ICE_RESOURCES, *WAPO_RESOURCES, *LIST_RESOURCES]
