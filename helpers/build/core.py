"""Machinery shared by every part of the data build.

A *resource* is one file in `data/`: its catalogue entry (title, description, schema, sources,
licence, coverage, caveats) together with the function that derives it from the raw sources.
The build runs every resource's function, checks the result against its schema, serialises it
the same way on every run, and only then writes the files with the catalogue, into a complete new
folder beside the output that is swapped in as a whole: an interruption at any point leaves the old
`data/` and its catalogue intact and consistent.

Cleaning rules live next to the code that applies them, and every step that changes the row
count says so in the build log (`ctx.log.step`), after the UWCHR way of handling FOIA data.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..schema import Field, format_column

GROUPS = ("policy", "enforcement", "context", "research", "boundaries", "lookahead")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class BuildError(RuntimeError):
    """A resource could not be built; the message names it and says why."""


@dataclass(frozen=True)
class Source:
    """Where a resource's numbers come from: the original publisher and the copy that was read."""

    title: str
    path: str | None = None  # the publisher's URL
    repository: str | None = None  # owner/name of the public repository the copy came from
    commit: str | None = None
    file: str | None = None  # path inside that repository, or package and version
    raw: tuple[str, ...] = ()  # files under ../shared/sources this resource reads

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title}
        for key in ("path", "repository", "commit", "file"):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.raw:
            out["raw_files"] = list(self.raw)
        return out


@dataclass(frozen=True)
class License:
    name: str
    title: str
    path: str | None = None

    def descriptor(self) -> dict[str, Any]:
        out = {"name": self.name, "title": self.title}
        if self.path:
            out["path"] = self.path
        return out


PUBLIC_DOMAIN = License("public-domain", "U.S. government work (public domain)")
CC0 = License("CC0-1.0", "CC0 1.0 (public domain dedication)", "https://creativecommons.org/publicdomain/zero/1.0/")
CC_BY_NC_SA = License(
    "CC-BY-NC-SA-4.0",
    "CC BY-NC-SA 4.0: non-commercial, share-alike, attribute The Washington Post",
    "https://creativecommons.org/licenses/by-nc-sa/4.0/",
)
ISC = License(
    "ISC", "ISC licence, Copyright 2013-2019 Michael Bostock (us-atlas)", "https://opensource.org/licenses/ISC"
)
MIT = License("MIT", "MIT licence", "https://opensource.org/licenses/MIT")
GPL3 = License(
    "GPL-3.0", "GPL-3.0 (compilation); underlying data U.S. public domain", "https://www.gnu.org/licenses/gpl-3.0.html"
)
NO_LICENCE_STATED = License(
    "no-licence-stated",
    "No licence stated by the compiler; underlying records are U.S. government works (public domain)",
)


@dataclass
class RowLog:
    """Rows into and out of every step, printed as the build runs and kept for the build report."""

    resource: str
    lines: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # raw files opened, named in a build error

    def read(self, what: str, rows: int) -> None:
        self._emit(f"read {what}: {rows:,} rows")

    def step(self, what: str, before: int | pd.DataFrame, after: int | pd.DataFrame, why: str = "") -> None:
        """Log a step; when rows were dropped or added, `why` must say why."""
        n_before = len(before) if isinstance(before, pd.DataFrame) else int(before)
        n_after = len(after) if isinstance(after, pd.DataFrame) else int(after)
        if n_before != n_after and not why:
            raise BuildError(f"{self.resource}: step '{what}' changed {n_before} rows to {n_after} without saying why")
        change = n_after - n_before
        delta = "" if change == 0 else f" ({change:+,}: {why})"
        self._emit(f"{what}: {n_before:,} -> {n_after:,} rows{delta}")

    def note(self, text: str) -> None:
        self._emit(text)

    def _emit(self, text: str) -> None:
        self.lines.append(text)
        print(f"    {text}", flush=True)


@dataclass
class BuildContext:
    """What a resource's build function gets: the sources folder, a logger and earlier results."""

    sources: Path
    log: RowLog
    built: dict[str, pd.DataFrame]

    def path(self, relative: str) -> Path:
        p = self.sources / relative
        if relative not in self.log.files:
            self.log.files.append(relative)
        if not p.exists():
            raise BuildError(f"{self.log.resource}: raw source file '{relative}' is missing from {self.sources.name}/")
        return p

    def read_csv(self, relative: str, **kwargs: Any) -> pd.DataFrame:
        """Read a raw CSV as text (so codes such as FIPS keep their leading zeros) and log its rows."""
        kwargs.setdefault("dtype", str)
        kwargs.setdefault("keep_default_na", False)
        df = pd.read_csv(self.path(relative), **kwargs)
        self.log.read(relative, len(df))
        return df

    def table(self, name: str) -> pd.DataFrame:
        """A table built earlier in this run (resources are built in catalogue order)."""
        if name not in self.built:
            raise BuildError(f"{self.log.resource}: needs '{name}', which is built later or not at all")
        return self.built[name].copy()


@dataclass
class Resource:
    """One file of data/: its catalogue entry and the function that derives it."""

    name: str
    title: str
    description: str
    group: str
    sources: list[Source]
    licenses: list[License]
    coverage: str
    build: Callable[[BuildContext], Any]
    fields: list[Field] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    sort_by: list[str] | None = None  # default: the primary key
    kind: str = "table"  # "table" -> CSV; "json" -> a JSON document such as TopoJSON
    extension: str = "csv"

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.extension}"

    def check_spec(self) -> None:
        if not NAME_PATTERN.match(self.name):
            raise BuildError(f"resource name '{self.name}' must be snake_case")
        if self.group not in GROUPS:
            raise BuildError(f"{self.name}: group must be one of {GROUPS}")
        if not (self.title and self.description and self.coverage and self.sources and self.licenses):
            raise BuildError(f"{self.name}: title, description, coverage, sources and licence are all required")
        if self.kind == "table":
            names = [f.name for f in self.fields]
            if len(set(names)) != len(names):
                raise BuildError(f"{self.name}: duplicate field names")
            for key in self.primary_key:
                if key not in names:
                    raise BuildError(f"{self.name}: primary key '{key}' is not a field")


def conform(resource: Resource, df: pd.DataFrame) -> pd.DataFrame:
    """Check a built table against its schema and return it sorted, ready to write."""
    expected = [f.name for f in resource.fields]
    if list(df.columns) != expected:
        missing = [c for c in expected if c not in df.columns]
        extra = [c for c in df.columns if c not in expected]
        order = "" if (missing or extra) else " (same columns, different order)"
        raise BuildError(f"{resource.name}: columns differ from the schema{order}: missing {missing}, extra {extra}")
    df = df.reset_index(drop=True)
    for f in resource.fields:
        col = df[f.name]
        nulls = col.isna() | (col.astype("object").map(lambda v: isinstance(v, str) and v == ""))
        if (f.required or f.name in resource.primary_key) and bool(nulls.any()):
            raise BuildError(f"{resource.name}: required column '{f.name}' has {int(nulls.sum())} empty values")
        present = col[~nulls]
        if f.enum is not None:
            bad = sorted(set(present.astype(str)) - set(f.enum))
            if bad:
                raise BuildError(f"{resource.name}: '{f.name}' has values outside {list(f.enum)}: {bad[:5]}")
        if f.pattern is not None:
            bad = present.astype(str)[~present.astype(str).str.fullmatch(f.pattern)]
            if len(bad):
                raise BuildError(f"{resource.name}: '{f.name}' values do not match /{f.pattern}/: {list(bad[:5])}")
        for bound, op in ((f.minimum, "lt"), (f.maximum, "gt")):
            if bound is None or present.empty:
                continue
            vals = pd.to_datetime(present) if f.type == "date" else pd.to_numeric(present)
            limit = pd.Timestamp(bound) if f.type == "date" else bound
            outside = vals[getattr(vals, op)(limit)]
            if len(outside):
                raise BuildError(f"{resource.name}: '{f.name}' has values beyond {bound}: {list(outside[:5])}")
    if resource.primary_key:
        dup = df.duplicated(subset=resource.primary_key, keep=False)
        if bool(dup.any()):
            sample = df.loc[dup, resource.primary_key].head(4).to_dict("records")
            raise BuildError(f"{resource.name}: primary key {resource.primary_key} is not unique, e.g. {sample}")
    order = resource.sort_by if resource.sort_by is not None else resource.primary_key
    if order:
        df = df.sort_values(order, kind="mergesort").reset_index(drop=True)
    return df


def to_csv_bytes(resource: Resource, df: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV text, identical for identical input."""
    text = pd.DataFrame({f.name: format_column(df[f.name], f) for f in resource.fields})
    buffer = io.StringIO()
    text.to_csv(buffer, index=False, lineterminator="\n", encoding="utf-8")
    return buffer.getvalue().encode("utf-8")


def json_bytes(document: Any) -> bytes:
    """Compact, key-sorted JSON so that rebuilt files are byte-identical."""
    return (json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode("utf-8")


def catalogue_entry(resource: Resource, payload: bytes, rows: int | None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": resource.name,
        "path": resource.filename,
        "title": resource.title,
        "description": resource.description,
        "group": resource.group,
        "coverage": resource.coverage,
        "sources": [s.descriptor() for s in resource.sources],
        "licenses": [lic.descriptor() for lic in resource.licenses],
        "caveats": list(resource.caveats),
        "encoding": "utf-8",
        "bytes": len(payload),
        "hash": "sha256:" + hashlib.sha256(payload).hexdigest(),
    }
    if resource.kind == "table":
        entry.update(
            {
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "rows": rows,
                "schema": {
                    "fields": [f.descriptor() for f in resource.fields],
                    "primaryKey": list(resource.primary_key),
                    "missingValues": [""],
                },
            }
        )
    else:
        entry.update({"format": "json", "mediatype": "application/json"})
    return entry


def _merge_with_existing(catalogue_path: Path, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replace the rebuilt entries in an existing catalogue, keeping the others and their order."""
    try:
        existing = json.loads(catalogue_path.read_text(encoding="utf-8"))["resources"]
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        existing = []
    new = {e["name"]: e for e in entries}
    group_order = {g: i for i, g in enumerate(GROUPS)}
    merged = [new.pop(e["name"], e) for e in existing] + list(new.values())
    return sorted(merged, key=lambda e: group_order.get(e.get("group", ""), len(GROUPS)))


RAW_READ_ERRORS = (KeyError, ValueError, TypeError, IndexError, AttributeError, UnicodeDecodeError, pd.errors.ParserError)


def _build_one(resource: Resource, ctx: BuildContext) -> Any:
    """Run one resource's build function; a raw source it cannot read becomes a BuildError naming the file."""
    try:
        return resource.build(ctx)
    except BuildError:
        raise
    except RAW_READ_ERRORS as error:
        files = ", ".join(ctx.log.files) or "its raw source files"
        what = f"column or key {error}" if isinstance(error, KeyError) else f"{type(error).__name__}: {error}"
        raise BuildError(
            f"{resource.name}: a raw source does not have the layout the build expects ({what}). "
            f"Files read: {files}. Check them against their PROVENANCE.md (a renamed header, a value that is not "
            "a number or a date, a missing column), fix the source or the build rule, and run `make data` again."
        ) from error


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 with RENAME_EXCHANGE); False where it is not available."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(out_dir: Path, files: dict[str, bytes], keep: set[str] | None) -> tuple[list[str], list[str]]:
    """Write `files` into a complete new copy of `out_dir` beside it, then swap it in as a whole.

    The new folder starts as a copy of the old one (so files the build does not write, such as the map
    geometry of a partial build, stay), gets every new file, and loses the stale ones (`keep`: the files
    that belong; None keeps everything). Only when it is complete does it replace `out_dir`, in one
    atomic exchange where the system offers it, else by two renames a moment apart. Until then an
    interruption leaves the old folder untouched. Returns (changed files, removed stale files).
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        if out_dir.is_dir():
            shutil.copytree(out_dir, staging, dirs_exist_ok=True)
        changed = [name for name, payload in files.items() if write_atomically(staging / name, payload)]
        stale = sorted(
            p.name for p in staging.iterdir()
            if keep is not None and p.is_file() and p.name not in keep and not p.name.startswith(".")
        )
        for name in stale:
            (staging / name).unlink()
        os.chmod(staging, 0o755)
        if not out_dir.exists():
            os.replace(staging, out_dir)
        elif _exchange(staging, out_dir):
            shutil.rmtree(staging)  # now holds the old folder
        else:
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.replace(out_dir, old)
            os.replace(staging, out_dir)
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    order = {"README.md": 1, "datapackage.json": 2}
    return sorted(changed, key=lambda n: order.get(n, 0)), stale


def write_atomically(path: Path, payload: bytes) -> bool:
    """Write a file through a temporary file and a rename; return True if its bytes changed."""
    if path.exists() and path.read_bytes() == payload:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; data files are meant to be read by anyone
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


PACKAGE_HEADER: dict[str, Any] = {
    "profile": "data-package",
    "name": "ice-cooperation-series-data",
    "title": "Local cooperation with ICE: tidy tables for the teaching series",
    "description": (
        "Tables derived by `make data` (python -m helpers.build) from public raw sources: ICE 287(g) "
        "sheets, ICE detention statistics, FOIA data on Minnesota arrests and detainers, county census "
        "and crime indicators, county boundaries, a table of published research findings, a dated "
        "fact sheet, and Minnesota baselines for looking ahead (members of Congress, a county x district "
        "crosswalk, Hispanic population, births, labour force, school enrollment). Each resource names its "
        "publisher, the copy that was read, its licence, coverage and caveats."
    ),
    "licenses": [
        {
            "name": "various",
            "title": "Each resource carries its own licence; see `licenses` on the resource.",
        }
    ],
}


def run(resources: list[Resource], sources: Path, out_dir: Path, partial: bool = False) -> dict[str, Any]:
    """Build every resource, then write the files and the catalogue. Nothing is written on failure.

    With `partial`, only the given resources are rebuilt: the catalogue keeps every other entry as
    it was, and no file is removed.
    """
    if not sources.is_dir():
        raise BuildError(
            f"The raw sources folder {sources} does not exist. The build reads the public datasets in a "
            "`shared/sources` folder beside the repository (or the folder given with --sources / "
            "SERIES_SOURCES). data/ as committed is complete; you only need the sources to rebuild it."
        )
    seen: set[str] = set()
    built: dict[str, pd.DataFrame] = {}
    payloads: list[tuple[Resource, bytes, int | None]] = []
    total = len(resources)
    started = time.perf_counter()
    for number, resource in enumerate(resources, start=1):
        resource.check_spec()
        if resource.name in seen:
            raise BuildError(f"two resources are called '{resource.name}'")
        seen.add(resource.name)
        print(f"[{number:>2}/{total}] {resource.group}/{resource.name}", flush=True)
        ctx = BuildContext(sources=sources, log=RowLog(resource.name), built=built)
        result = _build_one(resource, ctx)
        if resource.kind == "table":
            if not isinstance(result, pd.DataFrame):
                raise BuildError(f"{resource.name}: the build function must return a DataFrame")
            table = conform(resource, result)
            built[resource.name] = table
            payloads.append((resource, to_csv_bytes(resource, table), len(table)))
            ctx.log.note(f"wrote {len(table):,} rows")
        else:
            payloads.append((resource, json_bytes(result), None))
    catalogue = dict(PACKAGE_HEADER)
    entries = [catalogue_entry(r, p, n) for r, p, n in payloads]
    if partial:
        entries = _merge_with_existing(out_dir / "datapackage.json", entries)
    catalogue["resources"] = entries
    files = {r.filename: p for r, p, _ in payloads}
    files["README.md"] = data_dictionary(catalogue).encode("utf-8")
    files["datapackage.json"] = json.dumps(catalogue, indent=1, ensure_ascii=False).encode() + b"\n"
    expected_files = set(files) | {e["path"] for e in entries}
    changed, stale = swap_in(out_dir, files, keep=expected_files if not partial else None)
    seconds = time.perf_counter() - started
    print(
        f"Built {total} resources in {seconds:.1f} s: {len(changed)} file(s) changed"
        + (f" ({', '.join(changed[:6])}{'...' if len(changed) > 6 else ''})" if changed else "")
        + (f"; removed stale {stale}" if stale else "")
        + ".",
        flush=True,
    )
    return catalogue


def data_dictionary(catalogue: dict[str, Any]) -> str:
    """data/README.md: the catalogue as a page a teacher can read on GitHub or in JupyterLab."""
    lines = [
        "# Data dictionary",
        "",
        "Generated by `make data` from `datapackage.json`; do not edit by hand.",
        'Load any table in a notebook with `load("name")`; `describe("name")` shows its source and caveats.',
        "",
        "| table | group | rows | coverage | licence |",
        "|---|---|---|---|---|",
    ]
    for r in catalogue["resources"]:
        licence = "; ".join(lic["name"] for lic in r["licenses"])
        rows = f"{r['rows']:,}" if r.get("rows") is not None else "(file)"
        lines.append(f"| [`{r['name']}`](#{r['name']}) | {r['group']} | {rows} | {r['coverage']} | {licence} |")
    for r in catalogue["resources"]:
        lines += ["", f"## {r['name']}", "", f"**{r['title']}.** {r['description']}", ""]
        for s in r["sources"]:
            via = (
                f" (copy read: {s['repository']}" + (f" @ {s['commit']}" if s.get("commit") else "") + ")"
                if s.get("repository")
                else ""
            )
            link = f" <{s['path']}>" if s.get("path") else ""
            lines.append(f"- Source: {s['title']}{link}{via}")
        lines.append(f"- Licence: {'; '.join(lic['title'] for lic in r['licenses'])}")
        lines.append(f"- Coverage: {r['coverage']}")
        for c in r["caveats"]:
            lines.append(f"- Caveat: {c}")
        if "schema" in r:
            keys = ", ".join(r["schema"]["primaryKey"]) or "none"
            lines += ["", f"Primary key: {keys}", "", "| column | type | unit | meaning |", "|---|---|---|---|"]
            for f in r["schema"]["fields"]:
                lines.append(f"| `{f['name']}` | {f['type']} | {f.get('unit', '')} | {f['description']} |")
    return "\n".join(lines) + "\n"
