"""Read the series' tables through their catalogue, data/datapackage.json.

`load(name)` returns a typed DataFrame; `describe(name)` returns where a table comes from, under
which licence, for which period and with which caveats. Every check a reader might trip over (a
missing, truncated, edited or mistyped file) ends in a `DataFileError` that names the table and
says how to get it back. Loading never writes anything.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths
from .inputs import (
    NoData,  # noqa: F401  (re-exported: the series raises it from here)
    choice,
)
from .schema import ColumnTypeError, parse_column

LOADED: set[str] = set()  # names read in this session (make bench times a notebook's data loads with it)

REBUILD_HINT = (
    "Run `make data` to rebuild data/ from the raw sources, or `git checkout -- data/` "
    "to restore the copy that ships with the series."
)


class DataFileError(RuntimeError):
    """A table of the series cannot be read as its catalogue describes it."""

    def __init__(self, resource: str, path: Path | None, problem: str):
        self.resource, self.path, self.problem = resource, path, problem
        where = f" ({path.name})" if path is not None else ""
        super().__init__(f"Data table '{resource}'{where}: {problem}. {REBUILD_HINT}")


def catalogue(data_dir: Path | None = None) -> dict[str, Any]:
    """The parsed data/datapackage.json (re-read when the file changes)."""
    path = (Path(data_dir) if data_dir is not None else paths.DATA_DIR) / "datapackage.json"
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise DataFileError("datapackage", path, "the catalogue file is missing") from None
    return _read_catalogue(str(path), stamp)


@lru_cache(maxsize=8)
def _read_catalogue(path: str, _stamp: int) -> dict[str, Any]:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DataFileError("datapackage", Path(path), f"the catalogue is not valid JSON ({error})") from None


def resource_names(data_dir: Path | None = None) -> list[str]:
    """Names of every table and file in the catalogue, in catalogue order."""
    return [r["name"] for r in catalogue(data_dir)["resources"]]


def resource(name: str, data_dir: Path | None = None) -> dict[str, Any]:
    """The catalogue entry of one resource: case and surrounding spaces do not matter ('States' is 'states').

    An unknown name suggests the closest ones; `resource_names()` lists them all.
    """
    entries = {r["name"]: r for r in catalogue(data_dir)["resources"]}
    return entries[choice(name, entries, "The data table")]


def _located(name: str, data_dir: Path | None) -> tuple[dict[str, Any], Path]:
    entry = resource(name, data_dir)
    return entry, (Path(data_dir) if data_dir is not None else paths.DATA_DIR) / entry["path"]


def _verified_bytes(name: str, data_dir: Path | None = None) -> bytes:
    """A resource's bytes, after checking they are the ones the catalogue describes."""
    entry, path = _located(name, data_dir)
    name = entry["name"]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(name, path, "the file is missing") from None
    except OSError as error:
        raise DataFileError(name, path, f"the file cannot be read ({error.strerror})") from None
    expected_bytes = entry.get("bytes")
    if expected_bytes is not None and len(raw) != expected_bytes:
        kind = "truncated" if len(raw) < expected_bytes else "longer than catalogued"
        raise DataFileError(name, path, f"the file is {kind} ({len(raw):,} bytes, expected {expected_bytes:,})")
    expected_hash = str(entry.get("hash", ""))
    if expected_hash.startswith("sha256:") and hashlib.sha256(raw).hexdigest() != expected_hash[7:]:
        raise DataFileError(name, path, "the file's contents differ from the catalogue (sha256 mismatch)")
    return raw


def verified_path(name: str, data_dir: Path | None = None) -> Path:
    """A resource's path, after checking its bytes against the catalogue (cached until the file changes).

    For files a chart names by URL (map geometry): the browser reads them without Python, so a
    truncated or edited file would draw a blank map with no error. Checking first gives the same
    clear message as a table.
    """
    entry, path = _located(name, data_dir)
    _verified_cached(entry["name"], _stat(entry["name"], path), json.dumps(entry, sort_keys=True), data_dir)
    return path


@lru_cache(maxsize=16)
def _verified_cached(name: str, _stat: tuple[int, int], _entry_json: str, data_dir: Path | None) -> None:
    _verified_bytes(name, data_dir)


def load(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """A catalogue table as a DataFrame with the column types its schema declares.

    Strings are pandas strings, integers nullable `Int64`, numbers floats, booleans nullable
    `boolean`, dates `datetime64`. Each call returns a fresh copy, so a notebook may change it.
    """
    entry, path = _located(name, data_dir)
    LOADED.add(entry["name"])
    if "schema" not in entry:
        raise DataFileError(entry["name"], path, "this resource is not a table; use read_json() for it")
    stat = _stat(entry["name"], path)
    return _load_cached(entry["name"], str(path), stat, json.dumps(entry, sort_keys=True), data_dir).copy()


def _stat(name: str, path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataFileError(name, path, "the file is missing") from None
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _load_cached(name: str, path: str, _stat: tuple[int, int], entry_json: str, data_dir: Path | None) -> pd.DataFrame:
    raw = _verified_bytes(name, data_dir)
    fields = json.loads(entry_json)["schema"]["fields"]
    try:
        text = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise DataFileError(name, Path(path), f"the CSV cannot be parsed ({error})") from None
    expected = [f["name"] for f in fields]
    if list(text.columns) != expected:
        missing = [c for c in expected if c not in text.columns]
        extra = [c for c in text.columns if c not in expected]
        raise DataFileError(
            name, Path(path), f"its columns do not match the schema (missing {missing}, unexpected {extra})"
        )
    columns = {}
    for f in fields:
        try:
            columns[f["name"]] = parse_column(text[f["name"]], f["name"], f["type"])
        except ColumnTypeError as error:
            raise DataFileError(name, Path(path), str(error)) from None
    return pd.DataFrame(columns)


def read_json(name: str, data_dir: Path | None = None) -> Any:
    """A non-tabular resource (such as a TopoJSON map file), checked against its hash."""
    entry, path = _located(name, data_dir)
    LOADED.add(entry["name"])
    try:
        return json.loads(_verified_bytes(name, data_dir))
    except json.JSONDecodeError as error:
        raise DataFileError(entry["name"], path, f"not valid JSON ({error})") from None


@dataclass(frozen=True)
class Description:
    """Where a table comes from, for a notebook's Sources section."""

    name: str
    title: str
    description: str
    sources: list[dict[str, Any]]
    licenses: list[dict[str, Any]]
    coverage: str
    caveats: list[str]
    rows: int | None

    def citation(self) -> str:
        """One line: title, publishers with links, coverage and licence."""
        publishers = "; ".join(_source_text(s) for s in self.sources)
        licence = "; ".join(lic.get("title") or lic.get("name", "") for lic in self.licenses)
        return f"**{self.title}** ({self.coverage}). Source: {publishers}. Licence: {licence}."

    def _repr_markdown_(self) -> str:
        lines = [self.citation(), "", self.description]
        if self.rows is not None:
            lines += ["", f"Rows: {self.rows:,}."]
        if self.caveats:
            lines += ["", "Caveats:"] + [f"- {c}" for c in self.caveats]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._repr_markdown_()


def _source_text(source: dict[str, Any]) -> str:
    title = source.get("title", "")
    url = source.get("path")
    text = f"[{title}]({url})" if url else title
    if source.get("repository"):
        commit = f" @ {source['commit'][:7]}" if source.get("commit") else ""
        text += f" (via {source['repository']}{commit})"
    return text


def describe(name: str, data_dir: Path | None = None) -> Description:
    """Source, licence, coverage and caveats of a catalogue resource."""
    entry = resource(name, data_dir)
    return Description(entry["name"], entry.get("title", entry["name"]), entry.get("description", ""),
                       entry.get("sources", []), entry.get("licenses", []), entry.get("coverage", "coverage not stated"),
                       list(entry.get("caveats", [])), entry.get("rows"))
