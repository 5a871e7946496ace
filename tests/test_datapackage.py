"""data/ is a valid Frictionless Data Package, and every resource says where it comes from."""

from __future__ import annotations

import json

import pytest

from helpers import paths

CATALOGUE = json.loads(paths.CATALOGUE_FILE.read_text(encoding="utf-8"))
RESOURCES = CATALOGUE["resources"]


def test_frictionless_validate_passes() -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(paths.CATALOGUE_FILE))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]


@pytest.mark.parametrize("entry", RESOURCES, ids=[r["name"] for r in RESOURCES])
def test_every_resource_is_documented(entry: dict) -> None:
    assert entry["title"] and entry["description"] and entry["coverage"]
    assert entry["sources"] and all(s.get("title") for s in entry["sources"])
    assert entry["licenses"] and all(lic.get("name") for lic in entry["licenses"])
    assert entry["hash"].startswith("sha256:") and entry["bytes"] > 0
    if "schema" in entry:
        assert entry["rows"] > 0
        assert all(f.get("description") for f in entry["schema"]["fields"])
        names = [f["name"] for f in entry["schema"]["fields"]]
        assert all(n == n.lower() and " " not in n for n in names), "snake_case columns"


def test_data_folder_holds_only_catalogued_files() -> None:
    listed = {r["path"] for r in RESOURCES} | {"datapackage.json", "README.md"}
    on_disk = {p.name for p in paths.DATA_DIR.iterdir() if p.is_file()}
    assert on_disk == listed


def test_non_commercial_licence_is_visible_where_it_applies() -> None:
    for entry in RESOURCES:
        if any("NC" in lic["name"] for lic in entry["licenses"]):
            assert "non-commercial" in (entry["description"] + " ".join(entry["caveats"])).lower(), entry["name"]
