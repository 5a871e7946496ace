"""Build the enforcement tables of data/: ICE detention statistics, Minnesota FOIA data, arrests, staffing, AORs.

The family is split into three modules by source: `enforcement_ice` (ICE's national detention
statistics), `enforcement_mn` (Minnesota FOIA aggregates and daily arrests in five states) and
`enforcement_other` (arrests by state, DHS staffing, ICE Area of Responsibility crosswalks);
`enforcement_common` holds their citations, the AOR code table and the facility-name rule;
state and county look-ups come from `common`, shared with the other families. This module only
lists them, in catalogue order.
"""

from __future__ import annotations

from .core import Resource
from .enforcement_ice import RESOURCES as ICE_RESOURCES
from .enforcement_mn import RESOURCES as MN_RESOURCES
from .enforcement_other import RESOURCES as OTHER_RESOURCES

RESOURCES: list[Resource] = [*ICE_RESOURCES, *MN_RESOURCES, *OTHER_RESOURCES]
