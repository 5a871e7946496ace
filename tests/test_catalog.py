"""The loader: typed tables, and a clear error (naming the table and the fix) for every broken file."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import catalog, paths
from helpers.catalog import DataFileError

TABLE = "mn_counties"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of one catalogue table, so that tests can break it."""
    package = json.loads(paths.CATALOGUE_FILE.read_text(encoding="utf-8"))
    entry = next(r for r in package["resources"] if r["name"] == TABLE)
    package["resources"] = [entry]
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    shutil.copy(paths.DATA_DIR / entry["path"], tmp_path / entry["path"])
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_load_returns_declared_types() -> None:
    df = catalog.load(TABLE)
    assert len(df) == 87
    assert str(df["county_fips"].dtype) == "string"
    assert df.loc[df["county_name"] == "Hennepin", "county_fips"].item() == "27053"


def test_load_returns_a_fresh_copy() -> None:
    first = catalog.load(TABLE)
    first.loc[0, "county_name"] = "changed"
    assert catalog.load(TABLE).loc[0, "county_name"] != "changed"


def test_unknown_table_suggests_close_names() -> None:
    with pytest.raises(KeyError, match="mn_counties"):
        catalog.load("mn_countie")


def test_missing_file_names_table_and_rebuild_command(data_copy: Path) -> None:
    (data_copy / f"{TABLE}.csv").unlink()
    before = _snapshot(data_copy)
    with pytest.raises(DataFileError) as error:
        catalog.load(TABLE, data_dir=data_copy)
    message = str(error.value)
    assert TABLE in message and "missing" in message and "make data" in message
    assert _snapshot(data_copy) == before, "loading must not write anything"


def test_truncated_file_is_reported(data_copy: Path) -> None:
    path = data_copy / f"{TABLE}.csv"
    path.write_bytes(path.read_bytes()[:200])
    before = _snapshot(data_copy)
    with pytest.raises(DataFileError, match="truncated"):
        catalog.load(TABLE, data_dir=data_copy)
    assert _snapshot(data_copy) == before


def test_corrupted_file_of_same_size_is_reported(data_copy: Path) -> None:
    path = data_copy / f"{TABLE}.csv"
    raw = bytearray(path.read_bytes())
    raw[-5] = ord("X") if raw[-5] != ord("X") else ord("Y")
    path.write_bytes(bytes(raw))
    with pytest.raises(DataFileError, match="sha256"):
        catalog.load(TABLE, data_dir=data_copy)


def _rewrite_with_catalogue(data_copy: Path, text: str) -> None:
    """Replace the file and update its catalogue hash, so only the content check can catch it."""
    payload = text.encode("utf-8")
    (data_copy / f"{TABLE}.csv").write_bytes(payload)
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"][0]["bytes"] = len(payload)
    package["resources"][0]["hash"] = "sha256:" + hashlib.sha256(payload).hexdigest()
    (data_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


def test_wrong_column_type_is_reported(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    fields = package["resources"][0]["schema"]["fields"]
    next(f for f in fields if f["name"] == "county_code")["type"] = "integer"
    (data_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    original = (data_copy / f"{TABLE}.csv").read_text(encoding="utf-8")
    _rewrite_with_catalogue(data_copy, original.replace(",001,", ",one,", 1))
    with pytest.raises(DataFileError) as error:
        catalog.load(TABLE, data_dir=data_copy)
    assert "county_code" in str(error.value) and "'one'" in str(error.value)


def test_wrong_columns_are_reported(data_copy: Path) -> None:
    original = (data_copy / f"{TABLE}.csv").read_text(encoding="utf-8")
    _rewrite_with_catalogue(data_copy, original.replace("county_name_full", "full_name", 1))
    with pytest.raises(DataFileError, match="columns do not match"):
        catalog.load(TABLE, data_dir=data_copy)


def test_missing_catalogue_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="catalogue file is missing"):
        catalog.load(TABLE, data_dir=tmp_path)


def test_describe_gives_source_licence_coverage_and_caveats() -> None:
    d = catalog.describe(TABLE)
    assert d.sources and d.licenses and d.coverage
    assert "census.gov" in d.citation()
    assert d.rows == 87


def test_every_table_loads_with_its_catalogued_row_count() -> None:
    for name in catalog.resource_names():
        entry = catalog.resource(name)
        if "schema" not in entry:
            continue
        df = catalog.load(name)
        assert len(df) == entry["rows"], name
        assert isinstance(df, pd.DataFrame)


# --- Bad inputs answered clearly (see tests/test_bad_inputs.py for the census) ---------------------


def test_a_table_name_forgives_case_and_spaces_and_refuses_what_is_not_text() -> None:
    assert catalog.load(" States ").equals(catalog.load("states"))
    assert catalog.describe("MN_COUNTIES").name == "mn_counties"
    for bad in (None, ["states"], 42):
        with pytest.raises(TypeError, match="data table should be one of"):
            catalog.load(bad)
