"""Check the findings CSVs against the Markdown pages written with them, before anything is built.

The evidence table comes in two files with the same columns: `research/findings.csv` (R01-R93,
documented in `research/README.md`) and `research/findings_balance_2026.csv` (R94 onward, documented
in `research/findings_balance_2026.md`). Each page has a per-row status table (study, domain,
verification status, kind of number, Minnesota what-if suitability) and headline counts. They were
written with the tables; if a page and its CSV disagree, one of them was edited alone, so the build
stops and says where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .core import BuildError

VERIFICATION = ("verified", "verified_summary", "secondary")

# '| R01 | wong2017 | crime | verified | point | low |' in either page's status table.
STATUS_ROW = re.compile(r"^\| (R\d+) \| (\S+) \| (\S+) \| (\S+) \| ([^|]+?) \| (\S+) \|$", re.MULTILINE)


@dataclass(frozen=True)
class FindingsFile:
    """One findings CSV and the page that documents it."""

    csv: str
    doc: str


def number_kind(row: pd.Series) -> str:
    """The status tables' 'number' column: point / range / none, then '+ SE' and '+ CI' where given."""
    kind = "range" if row["range_low"] else ("point" if row["effect"] else "none")
    kind += " + SE" if row["se"] else ""
    kind += " + CI" if row["ci_low"] else ""
    return kind


def status_problems(table: pd.DataFrame, text: str, doc: str) -> list[str]:
    """Differences between a page's per-row status table and the rows of its CSV (raw text columns)."""
    rows = STATUS_ROW.findall(text)
    if len(rows) != len(table):
        return [f"{doc} status table has {len(rows)} rows, its CSV {len(table)}"]
    by_id = table.set_index("row_id")
    problems = []
    for row_id, study, domain, status, number, suitability in rows:
        if row_id not in by_id.index:
            problems.append(f"{row_id}: in {doc} but not in its CSV")
            continue
        r = by_id.loc[row_id]
        got = (r["study_id"], r["outcome_domain"], r["verification_status"], number_kind(r), r["mn_whatif_suitability"])
        if got != (study, domain, status, number.strip(), suitability):
            problems.append(f"{row_id}: {doc} {(study, domain, status, number, suitability)} vs CSV {got}")
    return problems


def _has_number(table: pd.DataFrame) -> pd.Series:
    return (table["effect"] != "") | (table["range_low"] != "")


def _count_problems(expected: dict[str, tuple[int, int]], doc: str) -> list[str]:
    return [f"{k}: {doc} {a}, CSV {b}" for k, (a, b) in expected.items() if a != b]


def readme_problems(table: pd.DataFrame, text: str, doc: str) -> list[str]:
    """README.md's headline counts ('93 rows from 64 study keys … 61 rows have a number'; statuses) vs findings.csv."""
    headline = re.search(r"(\d+) rows from (\d+) study keys.*?(\d+) rows have a number", text, re.DOTALL)
    statuses = re.search(r"\*\*(\d+) `verified`\*\*, \*\*(\d+) `verified_summary`\*\*, \*\*(\d+) `secondary`\*\*", text)
    if headline is None or statuses is None:
        return [f"{doc} headline counts not found"]
    n_rows, n_studies, n_number = (int(g) for g in headline.groups())
    counts = table["verification_status"].value_counts()
    return _count_problems(
        {
            "rows": (n_rows, len(table)),
            "study keys": (n_studies, table["study_id"].nunique()),
            "rows with a number": (n_number, int(_has_number(table).sum())),
            **{s: (int(n), int(counts.get(s, 0))) for s, n in zip(VERIFICATION, statuses.groups(), strict=True)},
        },
        doc,
    )


def balance_problems(part: pd.DataFrame, whole: pd.DataFrame, text: str, doc: str) -> list[str]:
    """findings_balance_2026.md's counts: its own file ('In this file: …') and the whole table ('holds … findings')."""
    own = re.search(
        r"In this file: (\d+) findings, (\d+) with a number; (\d+) verified, (\d+) verified_summary, (\d+) secondary",
        text,
    )
    total = re.search(r"whole table holds (\d+) findings from\s+(\d+) study keys, (\d+) with a number", text)
    start = re.search(r"Row ids continue from (R\d+)", text)
    if own is None or total is None or start is None:
        return [f"{doc} headline counts not found"]
    n_rows, n_number, *statuses = (int(g) for g in own.groups())
    counts = part["verification_status"].value_counts()
    problems = _count_problems(
        {
            "rows in this file": (n_rows, len(part)),
            "rows with a number in this file": (n_number, int(_has_number(part).sum())),
            **{s: (n, int(counts.get(s, 0))) for s, n in zip(VERIFICATION, statuses, strict=True)},
            "rows in the whole table": (int(total.group(1)), len(whole)),
            "study keys in the whole table": (int(total.group(2)), whole["study_id"].nunique()),
            "rows with a number in the whole table": (int(total.group(3)), int(_has_number(whole).sum())),
        },
        doc,
    )
    first = int(start.group(1)[1:]) + 1
    expected_ids = [f"R{n:02d}" for n in range(first, first + len(part))]
    if part["row_id"].tolist() != expected_ids:
        problems.append(f"{doc}: row ids should run {expected_ids[0]}-{expected_ids[-1]} in order")
    return problems


def check_findings(frames: dict[str, pd.DataFrame], texts: dict[str, str], files: tuple[FindingsFile, ...]) -> None:
    """Every check above; raise one BuildError listing the first differences."""
    first, *rest = files
    columns = list(frames[first.csv].columns)
    problems = [f"{f.csv}: columns differ from {first.csv}" for f in rest if list(frames[f.csv].columns) != columns]
    whole = pd.concat([frames[f.csv] for f in files], ignore_index=True)
    duplicated = sorted(set(whole.loc[whole["row_id"].duplicated(), "row_id"]))
    if duplicated:
        problems.append(f"row ids in more than one file: {duplicated[:5]}")
    for f in files:
        problems += status_problems(frames[f.csv], texts[f.doc], f.doc)
    problems += readme_problems(frames[first.csv], texts[first.doc], first.doc)
    for f in rest:
        problems += balance_problems(frames[f.csv], whole, texts[f.doc], f.doc)
    if problems:
        raise BuildError("research_findings: the findings files and their pages disagree: " + "; ".join(problems[:5]))
