"""Read the series' tables through their catalogue, data/datapackage.json.

`load(name)` returns a typed DataFrame; `describe(name)` returns where a table comes from, under
which licence, for which period and with which caveats. Every check a reader might trip over (a
missing, truncated, edited or mistyped file) ends in a `DataFileError` that names the table and
says how to get it back. Loading never writes anything.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths
from .inputs import NoData  # noqa: F401  (re-exported: the series raises it from here)
from .inputs import shown as _shown
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


def _catalogue_path(data_dir: Path | None) -> Path:
    return (Path(data_dir) if data_dir is not None else paths.DATA_DIR) / "datapackage.json"


def catalogue(data_dir: Path | None = None) -> dict[str, Any]:
    """The parsed data/datapackage.json (re-read when the file changes)."""
    path = _catalogue_path(data_dir)
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


def _table_name(name: Any, data_dir: Path | None = None) -> str:
    """The catalogue's spelling of a table's name: case and surrounding spaces do not matter ('States' is 'states')."""
    if not isinstance(name, str):
        raise TypeError(
            f"A data table is named by text in quotes, like 'states'; it was given {_shown(name)}. "
            "`helpers.catalog.resource_names()` lists them all."
        )
    names = resource_names(data_dir)
    return name if name in names else {n.casefold(): n for n in names}.get(name.strip().casefold(), name)


def resource(name: str, data_dir: Path | None = None) -> dict[str, Any]:
    """The catalogue entry of one resource; an unknown name suggests the closest ones."""
    name = _table_name(name, data_dir)
    for entry in catalogue(data_dir)["resources"]:
        if entry["name"] == name:
            return entry
    names = resource_names(data_dir)
    close = difflib.get_close_matches(str(name), names, n=3)
    suggestion = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise KeyError(
        f"There is no data table called '{name}'.{suggestion} "
        f"`helpers.catalog.resource_names()` lists all {len(names)}."
    )


def resource_path(name: str, data_dir: Path | None = None) -> Path:
    """Absolute path of a resource's file."""
    base = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    return base / resource(name, data_dir)["path"]


def read_verified_bytes(name: str, data_dir: Path | None = None) -> bytes:
    """A resource's bytes, after checking they are the ones the catalogue describes."""
    name = _table_name(name, data_dir)
    entry = resource(name, data_dir)
    path = resource_path(name, data_dir)
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
    name = _table_name(name, data_dir)
    path = resource_path(name, data_dir)
    _verified_cached(name, str(path), _stat(name, path), json.dumps(resource(name, data_dir), sort_keys=True), data_dir)
    return path


@lru_cache(maxsize=16)
def _verified_cached(name: str, path: str, _stat: tuple[int, int], _entry_json: str, data_dir: Path | None) -> None:
    read_verified_bytes(name, data_dir)


def load(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """A catalogue table as a DataFrame with the column types its schema declares.

    Strings are pandas strings, integers nullable `Int64`, numbers floats, booleans nullable
    `boolean`, dates `datetime64`. Each call returns a fresh copy, so a notebook may change it.
    """
    name = _table_name(name, data_dir)
    path = resource_path(name, data_dir)
    entry = resource(name, data_dir)
    LOADED.add(name)
    if "schema" not in entry:
        raise DataFileError(name, path, "this resource is not a table; use read_json() for it")
    stat = _stat(name, path)
    return _load_cached(name, str(path), stat, json.dumps(entry, sort_keys=True), data_dir).copy()


def _stat(name: str, path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataFileError(name, path, "the file is missing") from None
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _load_cached(name: str, path: str, _stat: tuple[int, int], entry_json: str, data_dir: Path | None) -> pd.DataFrame:
    entry = json.loads(entry_json)
    raw = read_verified_bytes(name, data_dir)
    fields = entry["schema"]["fields"]
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
    name = _table_name(name, data_dir)
    LOADED.add(name)
    raw = read_verified_bytes(name, data_dir)
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise DataFileError(name, resource_path(name, data_dir), f"not valid JSON ({error})") from None


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
    name = _table_name(name, data_dir)
    entry = resource(name, data_dir)
    return Description(
        name=name,
        title=entry.get("title", name),
        description=entry.get("description", ""),
        sources=entry.get("sources", []),
        licenses=entry.get("licenses", []),
        coverage=entry.get("coverage", "coverage not stated"),
        caveats=list(entry.get("caveats", [])),
        rows=entry.get("rows"),
    )
