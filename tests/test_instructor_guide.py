"""The instructor guide covers every notebook, and its links hold.

Why a test: the guide is read by teachers who grade with it. A notebook that gains a written or
discussion question without a model answer and a rubric in its teacher page leaves a teacher with
nothing to grade against, and a page that names a renamed notebook sends them nowhere. The static
site also refuses to build on a broken internal link, so the links are checked here first.

What is checked:
- every cell tagged `exercise-explain` or `discussion` has, in `instructor/<notebook>.md`, a section
  whose heading names the same question ("Question 6"; a cell without a number is matched by its bold
  label, e.g. "**Your brief.**" -> "brief") and that holds a model answer and a rubric table;
- every notebook has a teacher page with objectives, timing, set-up, misconceptions, and what to do
  when the notebook will not run;
- the overview lists every notebook with its page and the time its Prerequisites state, and links
  the pages on sensitive material, evidence quality and the assessment;
- every relative link of every guide page resolves (file, and anchor for Markdown targets);
- no page names a notebook that does not exist;
- the assessment has 8 to 10 items, each with an entry in the answer key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from helpers import cite
from helpers.paths import NOTEBOOKS_DIR, REPO_ROOT

GUIDE = REPO_ROOT / "instructor"
OVERVIEW = GUIDE / "README.md"
ASSESSMENT = GUIDE / "assessment.md"
EVIDENCE = GUIDE / "evidence_quality.md"
PAGES = sorted(GUIDE.glob("*.md"))
LESSONS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
GRADED_TAGS = ("exercise-explain", "discussion")
OVERVIEW_MUST_LINK = ("sensitive_content.md", "evidence_quality.md", "assessment.md")
# Parts every teacher page needs, found in its headings (case-insensitive).
PAGE_PARTS = {
    "objectives": r"objectives",
    "timing": r"timing",
    "set-up": r"set-?up",
    "what to do when the notebook will not run": r"(will|does) not run|won't run",
    "misconceptions": r"misconceptions",
}
MODEL = re.compile(r"model (answer|brief|contribution)s?", re.I)
RUBRIC = re.compile(r"rubric", re.I)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]*`")
TIME = re.compile(r"\*\*Time to learn\*\*:?\s*about (\d+) minutes")


@dataclass(frozen=True)
class Section:
    level: int
    heading: str
    body: str  # the text up to the next heading of the same or a higher level (subsections included)


def sections(markdown: str) -> list[Section]:
    """Every heading of a Markdown page with the text it governs (code fences are not headings)."""
    lines = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown).splitlines()
    raw = markdown.splitlines()
    heads = [
        (i, len(m.group(1)), m.group(2).strip())
        for i, line in enumerate(lines)
        if (m := re.match(r"(#{1,6})\s+(.*)", line))
    ]
    found = []
    for k, (i, level, heading) in enumerate(heads):
        end = next((j for j, lvl, _ in heads[k + 1 :] if lvl <= level), len(raw))
        found.append(Section(level, heading, "\n".join(raw[i + 1 : end])))
    return found


def question_key(cell_source: str) -> str | None:
    """'Question 6' for a question cell; for a cell without a number, its bold label ('brief' for '**Your brief.**').

    A cell may open with the collapsed solution of the question before it, so <details> blocks are skipped.
    """
    text = re.sub(r"<details>.*?</details>", "", cell_source, flags=re.S)
    if m := re.search(r"\*\*Question (\d+)", text):
        return f"Question {m.group(1)}"
    if m := re.match(r"\s*\*\*([^*]+?)[.:]?\*\*", text):
        return re.sub(r"^(your|the|a|an)\s+", "", m.group(1).strip(), flags=re.I).lower()
    return None


def _names(heading: str, key: str) -> bool:
    return re.search(rf"\b{re.escape(key)}\b", re.sub(r"[*_`]", "", heading), flags=re.I) is not None


def _table_rows(text: str) -> int:
    rows = [line for line in text.splitlines() if line.lstrip().startswith("|")]
    body = [r for r in rows if not re.fullmatch(r"\s*\|[\s:|-]+\|?\s*", r)]
    return max(len(body) - 1, 0)  # minus the header row


def coverage_problems(page_text: str, key: str) -> list[str]:
    """What the page lacks for one question: a section naming it, a model answer, a rubric table."""
    found = [s for s in sections(page_text) if _names(s.heading, key)]
    if not found:
        return [f"no heading names {key!r}"]
    gaps = []
    for s in found:
        text = f"{s.heading}\n{s.body}"
        missing = [
            what
            for what, ok in (
                ("a model answer", MODEL.search(text)),
                ("a rubric", RUBRIC.search(text)),
                ("a table of at least three levels", _table_rows(s.body) >= 3),
            )
            if not ok
        ]
        if not missing:
            return []
        gaps.append((len(missing), s.heading, missing))
    _, heading, missing = min(gaps)
    return [f"the section {heading!r} lacks {', '.join(missing)}"]


def graded_cells(path: Path) -> list[tuple[str, str | None]]:
    """(tag, question key) of every cell tagged exercise-explain or discussion."""
    nb = nbformat.read(path, as_version=4)
    out = []
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        for tag in GRADED_TAGS:
            if tag in tags:
                out.append((tag, question_key(cell.source)))
    return out


def anchors(markdown: str) -> set[str]:
    """Anchors a Markdown page defines: <a id="..."> and GitHub-style heading slugs."""
    ids = set(re.findall(r"""id=["']([^"']+)["']""", markdown))
    for s in sections(markdown):
        slug = re.sub(r"[^\w\- ]", "", re.sub(r"[*_`]", "", s.heading).lower()).replace(" ", "-")
        ids.add(slug)
    return ids


def broken_links(page: Path) -> list[str]:
    text = INLINE_CODE.sub("", FENCE.sub("", page.read_text(encoding="utf-8")))
    # web and mail links are not fetched
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t) and not _resolves(page, t)]


def _resolves(page: Path, target: str) -> bool:
    file_part, _, anchor = target.partition("#")
    dest = (page.parent / file_part).resolve() if file_part else page
    if not dest.exists():
        return False
    return not anchor or dest.suffix != ".md" or anchor in anchors(dest.read_text(encoding="utf-8"))


def named_notebooks(text: str) -> tuple[set[str], set[str]]:
    """Notebook file names ('03_from_arrest_to_deportation.ipynb') and numbers ('notebooks 05–07') a page names."""
    files = set(re.findall(r"\b(\d\d_[A-Za-z0-9_]+\.ipynb)\b", text))
    numbers: set[str] = set()
    for run in re.findall(r"\bnotebooks?\s+((?:\d{2}\b(?:\s*(?:,|–|-|and|or|to)\s*)?)+)", text, flags=re.I):
        numbers |= set(re.findall(r"\d{2}", run))
    return files, numbers


# --- the matcher itself can fail ------------------------------------------------------------------

PAGE_OK = """# 09 page
## Question 4 (discussion): prompts
**Model answer.** Either side.

**Rubric.**

| level | what |
|---|---|
| 3 | both sides |
| 2 | one side |
| 1 | neither |

## Common misconceptions
"""


def test_matcher_finds_a_complete_section() -> None:
    assert coverage_problems(PAGE_OK, "Question 4") == []


@pytest.mark.parametrize(
    ("page", "key", "expected"),
    [
        (PAGE_OK, "Question 5", "no heading names"),
        (PAGE_OK.replace("Question 4", "Question 40"), "Question 4", "no heading names"),
        (PAGE_OK.replace("**Rubric.**", "").replace("| 2 | one side |\n| 1 | neither |\n", ""), "Question 4", "rubric"),
        (PAGE_OK.replace("**Model answer.**", "**Prompts.**"), "Question 4", "model answer"),
    ],
)
def test_matcher_flags_what_is_missing(page: str, key: str, expected: str) -> None:
    problems = coverage_problems(page, key)
    assert problems and expected in problems[0]


def test_question_key_skips_the_previous_solution_and_reads_labels() -> None:
    cell = "<details><summary>Solution</summary>\n\n**Question 4.** no\n</details>\n\n**Question 5.** In two..."
    assert question_key(cell) == "Question 5"
    assert question_key("**Your brief.** Pick your county.") == "brief"
    assert question_key("Discuss with a partner.") is None


def test_link_and_name_checks_catch_a_bad_page(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "<a id='here'></a>\n# Top\n[ok](#here) [bad](missing.md) [anchor](page.md#nowhere) [web](https://example.org)"
    )
    assert broken_links(page) == ["missing.md", "page.md#nowhere"]
    files, numbers = named_notebooks("See notebooks 05–07 and notebook 12, and `99_nothing.ipynb`.")
    assert files == {"99_nothing.ipynb"} and numbers == {"05", "07", "12"}


# --- the guide as it stands -----------------------------------------------------------------------


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_written_and_discussion_question_has_a_model_answer_and_rubric(path: Path) -> None:
    page = GUIDE / f"{path.stem}.md"
    assert page.exists(), f"no teacher page {page.name}"
    text = page.read_text(encoding="utf-8")
    cells = graded_cells(path)
    assert cells, f"{path.name} has no cell tagged {' or '.join(GRADED_TAGS)}"
    problems = []
    for tag, key in cells:
        if key is None:
            problems.append(f"a cell tagged {tag} names no question number or bold label")
            continue
        problems += [f"{key} ({tag}): {p}" for p in coverage_problems(text, key)]
    assert not problems, f"{page.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_teacher_page_has_its_parts(path: Path) -> None:
    page = GUIDE / f"{path.stem}.md"
    assert page.exists(), f"no teacher page {page.name}"
    headings = [s.heading for s in sections(page.read_text(encoding="utf-8"))]
    missing = [part for part, pattern in PAGE_PARTS.items() if not any(re.search(pattern, h, re.I) for h in headings)]
    assert not missing, f"{page.name} has no heading for: {', '.join(missing)}"


def test_overview_lists_every_notebook_with_its_page_and_time() -> None:
    text = OVERVIEW.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.lstrip().startswith("|")]
    for path in LESSONS:
        nb_text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
        minutes = TIME.search(nb_text)
        assert minutes, f"{path.name} states no 'Time to learn'"
        row = [r for r in rows if f"(../notebooks/{path.name})" in r and f"({path.stem}.md)" in r]
        assert row, f"the overview's table has no row linking {path.name} and {path.stem}.md"
        assert f"about {minutes.group(1)} minutes" in row[0], (
            f"{path.name}: the overview's time differs from the notebook's"
        )
    for page in OVERVIEW_MUST_LINK:
        assert f"]({page})" in text, f"the overview does not link {page}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_resolve(page: Path) -> None:
    assert broken_links(page) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_name_only_notebooks_that_exist(page: Path) -> None:
    files, numbers = named_notebooks(page.read_text(encoding="utf-8"))
    on_disk = {p.name for p in LESSONS}
    assert files <= on_disk | {"_template.ipynb"}, sorted(files - on_disk)
    assert numbers <= {p.name[:2] for p in LESSONS}, sorted(numbers - {p.name[:2] for p in LESSONS})


def test_assessment_has_eight_to_ten_items_each_with_a_key() -> None:
    text = ASSESSMENT.read_text(encoding="utf-8")
    parts = {s.heading: s.body for s in sections(text) if s.level == 2}
    items = [s for s in sections(text) if s.level == 3 and re.match(r"Item \d+", s.heading)]
    numbers = [int(re.match(r"Item (\d+)", s.heading).group(1)) for s in items]
    assert 8 <= len(items) <= 10 and numbers == list(range(1, len(items) + 1)), numbers
    key = next(body for heading, body in parts.items() if heading.lower().startswith("answer key"))
    keyed = {int(n) for n in re.findall(r"^\*\*Item (\d+)\.?\*\*", key, flags=re.M)}
    assert keyed == set(numbers), f"items without a key entry: {sorted(set(numbers) - keyed)}"


def test_evidence_page_uses_the_three_labels_and_their_glossary_entries() -> None:
    text = EVIDENCE.read_text(encoding="utf-8")
    for c in {c.label: c for c in cite.CONFIDENCE.values()}.values():
        assert c.label in text, c.label
        assert f"glossary.md#{c.anchor})" in text, c.anchor
