"""Build the look-ahead tables of data/: Minnesota baselines for a what-if explorer and a brief to Congress.

Sources: ../shared/sources/lookahead/ (its README.md says which baseline pairs with which published
effect; every folder has a PROVENANCE.md). All tables are Minnesota only and named `mn_…`:

- who represents Minnesota, and where (lookahead_congress.py): members of Congress at a snapshot date,
  their district offices, and the county x congressional district crosswalk with population shares;
- who lives there (lookahead_population.py): Hispanic residents by age (ACS 2018-2022), population by age
  (Census estimates 2020-2022), births by county and year (MDH 2015-2020);
- work and school (lookahead_economy.py): labour force by county and year (LAUS 2015-2023), and public
  school enrollment by district and allocated to counties (MDE 2022-23).

The family builds on its own (`python -m helpers.build --only lookahead`): it reads no other family's table.
"""

from __future__ import annotations

from . import lookahead_congress, lookahead_economy, lookahead_population
from .core import Resource

RESOURCES: list[Resource] = [
    *lookahead_congress.RESOURCES,
    *lookahead_population.RESOURCES,
    *lookahead_economy.RESOURCES,
]
