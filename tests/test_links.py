"""Launch links: Binder badges and JupyterHub links are built from one setting, and they agree with it.

tools/links.py holds the repository slug (SLUG). These tests check the addresses it builds (Binder,
nbgitpuller), that a bad HUB gets a clear message, that `make links` rewrites the README, the notebook
headers and CITATION.cff (on copies, in a temporary folder), that the slug is typed nowhere else in
the repository, and that CITATION.cff is valid CFF 1.2.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
import yaml

from helpers import series
from helpers.paths import REPO_ROOT
from tools import links

NOTEBOOK_FILES = [nb.filename for nb in series.NOTEBOOKS]
OTHER_SLUG = "example-org/ice-series"  # a made-up repository, to see every link follow the setting


@pytest.mark.parametrize("filename", NOTEBOOK_FILES)
def test_binder_url_is_well_formed_and_url_encoded(filename: str) -> None:
    url = links.binder_url(filename)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "mybinder.org", f"/v2/gh/{links.SLUG}/HEAD")
    assert parts.query == f"labpath=notebooks%2F{filename}", "the path to open is one url-encoded value"
    assert parse_qs(parts.query) == {"labpath": [f"notebooks/{filename}"]}
    assert " " not in url and parts.fragment == ""


def test_binder_badge_is_a_linked_local_image() -> None:
    badge = links.binder_badge("05_community_stability.ipynb", OTHER_SLUG)
    assert badge == (
        "[![Launch on Binder](images/launch-binder.svg)]"
        "(https://mybinder.org/v2/gh/example-org/ice-series/HEAD?labpath=notebooks%2F05_community_stability.ipynb)"
    )
    assert links.BADGE_PATTERN.fullmatch(badge)
    assert (REPO_ROOT / "notebooks" / links.BADGE_IMAGE).is_file(), "the badge image ships with the series (no fetch)"


@pytest.mark.parametrize("slug", ["", "no-slash", "a/b/c", "owner/na me", "https://github.com/a/b"])
def test_a_malformed_slug_is_refused(slug: str) -> None:
    with pytest.raises(ValueError, match="owner/name"):
        links.binder_url("00_start_here.ipynb", slug)


def test_hub_link_has_nbgitpullers_format() -> None:
    link = links.hub_link("https://hub.example.edu", "04_minnesota_surge.ipynb", OTHER_SLUG)
    assert link == (
        "https://hub.example.edu/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fexample-org%2Fice-series"
        "&urlpath=lab%2Ftree%2Fice-series%2Fnotebooks%2F04_minnesota_surge.ipynb"
        "&branch=main"
    )


@pytest.mark.parametrize("filename", NOTEBOOK_FILES)
def test_hub_link_for_each_notebook_opens_it_in_the_clone(filename: str) -> None:
    parts = urlsplit(links.hub_link("https://hub.example.edu/", filename))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    name = links.SLUG.split("/")[1]
    assert parse_qs(parts.query) == {
        "repo": [f"https://github.com/{links.SLUG}"],
        "urlpath": [f"lab/tree/{name}/notebooks/{filename}"],
        "branch": [links.BRANCH],
    }
    assert "/" not in parts.query and ":" not in parts.query, "every value is url-encoded"


def test_hub_link_keeps_a_hub_served_under_a_path() -> None:
    link = links.hub_link("https://example.edu/jupyter/", "00_start_here.ipynb", OTHER_SLUG)
    assert link.startswith("https://example.edu/jupyter/hub/user-redirect/git-pull?repo=")


@pytest.mark.parametrize(
    ("hub", "says"),
    [
        ("", "Give the address of your JupyterHub"),
        (None, "Give the address of your JupyterHub"),
        ("   ", "Give the address of your JupyterHub"),
        ("http://hub.example.edu", "https://"),
        ("hub.example.edu", "https://"),
        ("https://", "https://"),
        ("https://hub.example.edu/?next=x", "without '?' or '#'"),
        ("https://hub.example.edu/hub/login", "base address"),
        ("https://hub.example.edu/user/someone/lab", "base address"),
    ],
)
def test_a_missing_or_unusable_hub_gets_a_clear_message(hub: str | None, says: str) -> None:
    with pytest.raises(links.HubError) as error:
        links.check_hub(hub)
    assert says in str(error.value) and "make hub-links HUB=https://hub.example.edu" in str(error.value)


def test_hub_command_prints_one_link_per_notebook(capsys: pytest.CaptureFixture[str]) -> None:
    assert links.main(["hub", "https://hub.example.edu"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    present = [nb for nb in series.NOTEBOOKS if nb.available]
    assert len(lines) == len(present) >= 1
    for line, nb in zip(lines, present, strict=True):
        assert line == f"{nb.number} {nb.title}: {links.hub_link('https://hub.example.edu', nb.filename)}"


def test_hub_command_without_hub_explains_and_prints_no_links(capsys: pytest.CaptureFixture[str]) -> None:
    assert links.main(["hub"]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "make hub-links HUB=https://hub.example.edu" in out.err


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.skipif(not (REPO_ROOT / ".venv" / "bin" / "python").exists(), reason="needs the series' .venv")
def test_make_hub_links_refuses_a_plain_http_hub() -> None:
    # -o venv: take .venv as it is (a test must never reinstall it)
    result = subprocess.run(
        ["make", "-s", "-o", "venv", "hub-links", "HUB=http://hub.example.edu"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode != 0 and "must be the hub's https:// address" in result.stderr
    assert "git-pull" not in result.stdout


def _copy_of_the_series(tmp_path: Path, filenames: list[str]) -> Path:
    (tmp_path / "notebooks").mkdir()
    for name in ["README.md", "CITATION.cff"]:
        shutil.copy(REPO_ROOT / name, tmp_path / name)
    for name in filenames:
        shutil.copy(REPO_ROOT / "notebooks" / name, tmp_path / "notebooks" / name)
    return tmp_path


def test_links_command_rewrites_every_generated_place_from_the_setting(tmp_path: Path) -> None:
    present = ["00_start_here.ipynb", "03_from_arrest_to_deportation.ipynb"]
    root = _copy_of_the_series(tmp_path, present)
    before = {name: nbformat.read(root / "notebooks" / name, as_version=4) for name in present}

    changed = links.write(root, OTHER_SLUG)

    assert {p.relative_to(root).as_posix() for p in changed} == {"README.md", "CITATION.cff"} | {
        f"notebooks/{n}" for n in present
    }
    for name in present:
        old, new = before[name], nbformat.read(root / "notebooks" / name, as_version=4)
        assert [c.id for c in new.cells] == [c.id for c in old.cells], "cell ids stay stable"
        assert new.cells[1:] == old.cells[1:], "only the header cell changes"
        title, blank, badge = new.cells[0].source.split("\n")[:3]
        assert title == old.cells[0].source.split("\n")[0] and blank == ""
        assert badge == links.binder_badge(name, OTHER_SLUG)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert links.binder_badge("00_start_here.ipynb", OTHER_SLUG, "notebooks/images/launch-binder.svg") in readme
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines() if line.startswith("| 0")}
    assert "| # | Notebook | Launch |" in readme
    assert links.binder_url("03_from_arrest_to_deportation.ipynb", OTHER_SLUG) in rows["03"]
    assert "mybinder" not in rows["05"], "no badge for a notebook missing from this copy"
    citation = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["repository-code"] == f"https://github.com/{OTHER_SLUG}"
    for path in changed:
        assert links.SLUG not in path.read_text(encoding="utf-8"), f"{path.name} still names the old slug"
    assert links.write(root, OTHER_SLUG) == [] and links.stale(root, OTHER_SLUG) == [], "a second run changes nothing"


def test_a_readme_without_the_notebook_table_is_reported() -> None:
    with pytest.raises(ValueError, match="notebook table"):
        links.readme_with_badges("# Title\n\nNo table here.\n", {"00": "00_start_here.ipynb"})


def _walk(root: Path) -> list[Path]:
    """Every file under root, skipping hidden and built folders (for a copy of the series without git)."""
    skip = {"dist", "_build", "__pycache__", "screenshots", "build-logs"}
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in skip]
        found += [Path(folder) / f for f in files]
    return found


def _repository_files() -> list[Path]:
    """Tracked files plus new ones not yet committed (never ignored ones such as .venv or dist/)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            capture_output=True,
            check=True,
            cwd=REPO_ROOT,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return _walk(REPO_ROOT)
    return [REPO_ROOT / name for name in out.split("\0") if name and (REPO_ROOT / name).is_file()]


def test_the_slug_is_set_in_one_place_and_only_generated_files_repeat_it() -> None:
    generated = {"README.md", "CITATION.cff"} | {f"notebooks/{name}" for name in NOTEBOOK_FILES}
    files = [p for p in _repository_files() if p.relative_to(REPO_ROOT).parts[0] != "dist"]  # dist/: build output
    holders = {p.relative_to(REPO_ROOT).as_posix() for p in files if links.SLUG.encode() in p.read_bytes()}
    assert "tools/links.py" in holders
    assert (REPO_ROOT / "tools" / "links.py").read_text(encoding="utf-8").count(links.SLUG) == 1
    elsewhere = sorted(holders - generated - {"tools/links.py"})
    assert not elsewhere, (
        f"the repository slug is typed into {elsewhere}; import tools.links (SLUG, repo_url, binder_url) instead"
    )


def test_readme_notebooks_and_citation_agree_with_the_setting() -> None:
    stale = [p.relative_to(REPO_ROOT).as_posix() for p in links.stale()]
    assert not stale, f"launch links in {stale} differ from SLUG in tools/links.py: run `make links`"


def test_citation_cff_is_valid_cff_1_2() -> None:
    cff = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert {"cff-version", "message", "title", "authors"} <= cff.keys(), "the keys CFF 1.2 requires"
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "software"
    assert isinstance(cff["title"], str) and cff["title"].strip()
    assert isinstance(cff["authors"], list) and cff["authors"]
    for author in cff["authors"]:
        assert set(author) == {"name"} and author["name"].strip(), "an organisation-style author, no private names"
    assert cff["license"] == "MIT", "CFF reads a list of licences as a choice (OR), so the text licence goes in message"
    assert "CC BY 4.0" in cff["message"] and "CC BY-NC-SA 4.0" in cff["message"]
    assert cff["repository-code"] == links.repo_url()
    released = cff["date-released"]
    assert isinstance(released, str), "quote the date so YAML keeps it a string, as the CFF schema expects"
    assert datetime.date.fromisoformat(released) == datetime.date(2026, 12, 2)
    assert isinstance(cff["keywords"], list) and all(isinstance(k, str) and k for k in cff["keywords"])


def test_licence_file_names_each_licence_and_what_it_covers() -> None:
    text = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    for phrase in [
        "CC BY 4.0",
        "instructor guide",
        "data/README.md",
        "CC BY-NC-SA 4.0",
        "NON-COMMERCIAL",
        "Washington Post",
    ]:
        assert phrase in text, phrase
