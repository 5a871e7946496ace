"""The series' table of contents: the one list that notebook 00, the README and the tests read.

Each entry names the notebook file, its title and the question it answers. `available` is worked
out from the files on disk, so the map of the series never promises a notebook that is not there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .paths import NOTEBOOKS_DIR


@dataclass(frozen=True)
class Notebook:
    number: str
    filename: str
    title: str
    question: str

    @property
    def available(self) -> bool:
        return (NOTEBOOKS_DIR / self.filename).exists()


NOTEBOOKS: tuple[Notebook, ...] = tuple(Notebook(*entry) for entry in (
    ("00", "00_start_here.ipynb", "Start here", "How do these notebooks work, and what will the series cover?"),
    ("01", "01_nationwide_response.ipynb", "Nationwide response", "How do states, counties and cities cooperate "
     "with ICE, or limit cooperation, and how did that change from 2017 to 2026?"),
    ("02", "02_minnesota_in_context.ipynb", "Minnesota in context", "Where does Minnesota stand: its laws, its "
     "counties' 287(g) agreements and detainer policies, and who lives here?"),
    ("03", "03_from_arrest_to_deportation.ipynb", "From a local arrest to deportation", "How does a booking in a "
     "local jail lead to ICE custody, and what do ICE's own numbers show?"),
    ("04", "04_minnesota_surge.ipynb", "Minnesota's 2025–26 surge", "What happened in Minnesota from December 2025 "
     "to March 2026: arrests, detainers, detention and where arrests were made?"),
    ("05", "05_community_stability.ipynb", "Community stability", "Does cooperation with ICE change crime, trust in "
     "police, crime reporting, school enrollment or housing?"),
    ("06", "06_local_economies.ipynb", "Local economies",
     "What happens to jobs, wages, incomes and local budgets when enforcement grows?"),
    ("07", "07_stress_on_immigrants.ipynb", "Stress on immigrants", "What do studies find about health, schooling and "
     "use of public programs among immigrant families, and for whom?"),
    ("08", "08_looking_ahead.ipynb", "Looking ahead", "What might more cooperation mean for a Minnesota county, and how "
     "does one write a sourced brief to one's members of Congress?"),
))


def table() -> pd.DataFrame:
    """The series as a table: number, title, question, and whether the notebook is in this copy yet."""
    return pd.DataFrame([{"Notebook": n.number, "Title": n.title, "The question it answers": n.question,
                          "In this copy": "yes" if n.available else "coming later"} for n in NOTEBOOKS])
