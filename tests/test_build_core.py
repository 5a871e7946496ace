"""The build machinery: schema checks, byte-identical output, atomic writes, nothing written on failure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.build import core
from helpers.build.core import BuildContext, BuildError, Resource, RowLog, Source
from helpers.schema import Field


def _resource(build, **kw) -> Resource:
    defaults = dict(
        name="toy",
        title="Toy table",
        description="A table for tests.",
        group="context",
        sources=[Source(title="Test source", path="https://example.org")],
        licenses=[core.CC0],
        coverage="2020",
        build=build,
        fields=[
            Field("key", "string", "key", required=True),
            Field("share_pct", "number", "a share", minimum=0, maximum=100, decimals=3),
            Field("n", "integer", "a count"),
            Field("flag", "boolean", "a flag"),
            Field("day", "date", "a day"),
        ],
        primary_key=["key"],
    )
    defaults.update(kw)
    return Resource(**defaults)


def _frame(**overrides) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "key": ["b", "a"],
            "share_pct": [1 / 3, 50.0],
            "n": [3, None],
            "flag": [True, False],
            "day": ["2025-01-02", None],
        }
    )
    for k, v in overrides.items():
        df[k] = v
    return df


def test_csv_is_sorted_typed_and_deterministic() -> None:
    res = _resource(lambda ctx: _frame())
    table = core.conform(res, _frame())
    first = core.to_csv_bytes(res, table)
    assert first == core.to_csv_bytes(res, core.conform(res, _frame()))
    assert first.decode() == "key,share_pct,n,flag,day\na,50,,false,\nb,0.333,3,true,2025-01-02\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"key": ["a", "a"]}, "not unique"),
        ({"share_pct": [120.0, 1.0]}, "beyond 100"),
        ({"key": ["a", None]}, "required column 'key'"),
    ],
)
def test_conform_refuses_bad_tables(change: dict, message: str) -> None:
    res = _resource(lambda ctx: _frame())
    with pytest.raises(BuildError, match=message):
        core.conform(res, _frame(**change))


def test_conform_refuses_columns_in_another_order() -> None:
    res = _resource(lambda ctx: _frame())
    with pytest.raises(BuildError, match="different order"):
        core.conform(res, _frame()[["share_pct", "key", "n", "flag", "day"]])


def test_row_log_demands_a_reason_for_dropped_rows() -> None:
    log = RowLog("toy")
    log.step("no change", 5, 5)
    with pytest.raises(BuildError, match="without saying why"):
        log.step("filter", 5, 3)
    log.step("filter", 5, 3, why="rows outside coverage")
    assert log.lines[-1] == "filter: 5 -> 3 rows (-2: rows outside coverage)"


def test_run_writes_files_catalogue_and_readme(tmp_path: Path) -> None:
    out = tmp_path / "data"
    out.mkdir()
    catalogue = core.run([_resource(lambda ctx: _frame())], tmp_path, out)
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "datapackage.json", "toy.csv"]
    entry = catalogue["resources"][0]
    assert entry["rows"] == 2 and entry["hash"].startswith("sha256:") and entry["bytes"] == (out / "toy.csv").stat().st_size
    assert "## toy" in (out / "README.md").read_text(encoding="utf-8")


def test_run_writes_nothing_when_a_resource_fails(tmp_path: Path) -> None:
    out = tmp_path / "data"
    out.mkdir()
    core.run([_resource(lambda ctx: _frame())], tmp_path, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(ctx: BuildContext) -> pd.DataFrame:
        raise BuildError("toy: the raw file is damaged")

    with pytest.raises(BuildError, match="damaged"):
        core.run([_resource(lambda ctx: _frame(share_pct=[10.0, 20.0])), _resource(broken, name="later")], tmp_path, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_partial_run_keeps_other_catalogue_entries(tmp_path: Path) -> None:
    out = tmp_path / "data"
    out.mkdir()
    core.run([_resource(lambda ctx: _frame()), _resource(lambda ctx: _frame(), name="other", group="policy")], tmp_path, out)
    catalogue = core.run([_resource(lambda ctx: _frame(share_pct=[1.0, 2.0]))], tmp_path, out, partial=True)
    assert [r["name"] for r in catalogue["resources"]] == ["other", "toy"]
    assert (out / "other.csv").exists()


def test_missing_sources_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="shared/sources"):
        core.run([_resource(lambda ctx: _frame())], tmp_path / "absent", tmp_path)


def test_write_atomically_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    assert core.write_atomically(target, b"a\n") is True
    assert core.write_atomically(target, b"a\n") is False
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


# --- a raw source that is not what the build expects, and an interrupted write -------------------


def _raw(tmp_path: Path, text: str) -> Path:
    sources = tmp_path / "sources"
    (sources / "toy").mkdir(parents=True, exist_ok=True)
    (sources / "toy" / "raw.csv").write_text(text, encoding="utf-8")
    return sources


def _from_raw(ctx: BuildContext) -> pd.DataFrame:
    raw = ctx.read_csv("toy/raw.csv")
    return pd.DataFrame({"key": raw["key"], "share_pct": raw["share"].astype(float), "n": 1, "flag": True, "day": None})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("key,share_renamed\na,1\n", "column or key 'share'"),  # a renamed header
        ("key,share\na,8x5\n", "ValueError"),  # a value that is not a number
    ],
)
def test_a_raw_source_with_another_layout_is_a_build_error_naming_the_file(tmp_path: Path, text: str, expected: str) -> None:
    out = tmp_path / "data"
    with pytest.raises(BuildError) as error:
        core.run([_resource(_from_raw)], _raw(tmp_path, text), out)
    message = str(error.value)
    assert "toy/raw.csv" in message and expected in message and "PROVENANCE" in message
    assert not out.exists()  # nothing was written


def test_a_missing_raw_file_is_a_build_error(tmp_path: Path) -> None:
    sources = _raw(tmp_path, "key,share\na,1\n")
    (sources / "toy" / "raw.csv").unlink()
    with pytest.raises(BuildError, match=r"raw source file 'toy/raw\.csv' is missing"):
        core.run([_resource(_from_raw)], sources, tmp_path / "data")


def test_an_interrupted_write_leaves_the_old_folder_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "data"
    core.run([_resource(lambda ctx: _frame())], tmp_path, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_write = core.write_atomically
    written: list[str] = []

    def fails_on_the_catalogue(path: Path, payload: bytes) -> bool:
        if path.name == "datapackage.json":  # the last file: the tables are written, the catalogue is not
            raise OSError("disk full (injected by the test)")
        written.append(path.name)
        return real_write(path, payload)

    monkeypatch.setattr(core, "write_atomically", fails_on_the_catalogue)
    with pytest.raises(OSError, match="injected"):
        core.run([_resource(lambda ctx: _frame(share_pct=[10.0, 20.0]))], tmp_path, out)
    assert "toy.csv" in written  # the new table was written, but only into the folder being prepared
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # no half-built folder left beside it


def test_a_finished_build_swaps_the_whole_folder_in(tmp_path: Path) -> None:
    out = tmp_path / "data"
    core.run([_resource(lambda ctx: _frame()), _resource(lambda ctx: _frame(), name="gone")], tmp_path, out)
    core.run([_resource(lambda ctx: _frame(share_pct=[10.0, 20.0]))], tmp_path, out)
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "datapackage.json", "toy.csv"]  # stale file removed
    assert "10" in (out / "toy.csv").read_text() and [p.name for p in tmp_path.iterdir()] == ["data"]
