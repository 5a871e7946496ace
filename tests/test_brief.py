"""helpers/brief.py: what a reader types can never become markup, a file outside its folder, or a network request.

What goes into notebook 08's brief (the county's figures, the what-if ranges, its members of Congress) is computed in
the notebook's cells and tested in test_scenario.py.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from helpers import NoData, brief

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "# Heading",
    "---",
    "Title\n===",
    "see www.evil.com or mail a@evil.com, or <http://evil>",
    "`code` and ```fence``` and $x^2$ and | a | b |",
    "> quote\n    indented code\n* bullet",
]
BLANK = ["", "   ", "\n\t\n", None, "\u200b\u200b"]


def _brief(argument: str) -> brief.Brief:
    return brief.Brief(
        "Cooperation with ICE in Testing County",
        [brief.Section("The county's figures", "- **Foreign-born residents**: 4.2% ([source](https://example.org/a))")],
        argument=argument,
        after=[brief.Section("Sources", "- A study. https://doi.org/10.1/x (verified)")],
    )


def _rendered_markdown_html(markdown: str, preset: str = "commonmark") -> str:
    """What a Markdown viewer would make of the file: CommonMark with raw HTML allowed, or GFM with autolinks."""
    from markdown_it import MarkdownIt

    return MarkdownIt(preset, {"html": True}).render(markdown)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_in_the_html(text: str) -> None:
    page = brief.to_html(_brief(text))
    argument = page.split("<blockquote class='argument'>", 1)[1].split("</blockquote>", 1)[0]
    assert "<script" not in page and "<img" not in page and "javascript:" not in page.replace("javascript:alert", "")
    assert not re.search(r"<(?!/?(p|br)\b)", argument), argument  # only paragraphs and line breaks inside
    assert "href" not in argument and "src=" not in argument.replace("src=x", "")


@pytest.mark.parametrize("preset", ["commonmark", "gfm-like"])
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_cannot_inject_markup_in_the_markdown(text: str, preset: str) -> None:
    markdown = brief.to_markdown(_brief(text))
    rendered = _rendered_markdown_html(markdown, preset)
    argument = rendered.split("<h2>My argument</h2>", 1)[1].split("<h2>", 1)[0].strip()
    # one inert code block, and nothing else: no link, image, tag, heading, rule, list, table or emphasis
    assert argument.startswith('<pre><code class="language-text">') and argument.endswith("</code></pre>"), argument
    inside = argument.removeprefix('<pre><code class="language-text">').removesuffix("</code></pre>")
    assert "<" not in inside, inside
    assert rendered.count("<h2>") == 3  # the argument added no heading of its own
    # the words typed are all still there, shown as text
    shown = html.unescape(inside)
    for word in re.findall(r"[A-Za-z]{3,}", text):
        assert word in shown


def test_the_argument_is_kept_as_typed_without_backslashes() -> None:
    typed = "In the U.S., e.g. www.evil.com or a@b.com: <b>x</b> [a](b) costs $5 -- # not a heading.\n\n- a list"
    markdown = brief.to_markdown(_brief(typed))
    assert "In the U.S., e.g. www.evil.com or a@b.com: <b>x</b> [a](b) costs $5 -- # not a heading." in markdown
    assert "\n\n- a list\n```\n" in markdown
    argument = markdown.split("## My argument", 1)[1].split("## ", 1)[0]
    assert "\\" not in argument


def test_the_fence_is_longer_than_any_run_of_backticks_typed() -> None:
    markdown = brief.to_markdown(_brief("A fence: ```` and ```"))
    assert "\n`````text\nA fence: ```` and ```\n`````\n" in markdown


def test_long_lines_are_wrapped_at_word_boundaries_and_keep_every_word() -> None:
    typed = " ".join(f"word{i}" for i in range(80))
    markdown = brief.to_markdown(_brief(typed))
    lines = markdown.split("```text\n", 1)[1].split("\n```", 1)[0].split("\n")
    assert len(lines) > 1 and all(len(line) <= 88 for line in lines)
    assert " ".join(lines) == typed


@pytest.mark.parametrize("text", BLANK)
def test_an_empty_argument_gets_a_clear_message(text) -> None:
    with pytest.raises(brief.EmptyText, match="Write a few sentences"):
        brief.clean_text(text)


def test_an_empty_argument_shows_a_placeholder_and_is_not_saved(tmp_path: Path) -> None:
    empty = _brief("   ")
    assert brief.PLACEHOLDER in brief.to_markdown(empty)
    with pytest.raises(brief.EmptyText):
        brief.save(empty, tmp_path / "briefs", "testing")
    assert not (tmp_path / "briefs").exists()


def test_a_very_long_argument_is_cut_with_a_note() -> None:
    clean = brief.clean_text("x" * 100_000)
    assert clean.truncated and len(clean.text) <= brief.ARGUMENT_LIMIT + 2
    assert f"{brief.ARGUMENT_LIMIT:,}" in clean.note and "100,000" in clean.note
    assert clean.note in brief.to_markdown(_brief("x" * 100_000))
    assert "cut to its first" in brief.to_html(_brief("x" * 100_000))


def test_control_and_direction_characters_are_dropped() -> None:
    assert brief.clean_text("a\x00b\u202ec\r\nd").text == "abc\nd"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [(("../../etc/passwd",), "etc-passwd"), (("Sherburne", "../../etc/passwd"), "sherburne-etc-passwd"),
     (("Lac qui Parle", "Ana María"), "lac-qui-parle-ana-maria"), (("", "   "), "brief"), (("/", "..", "\\"), "brief"),
     (("a" * 500,), "a" * brief.NAME_LIMIT)],
)
def test_file_names_are_safe(parts: tuple[str, ...], expected: str) -> None:
    name = brief.safe_name(*parts, when=dt.datetime(2026, 6, 20, 9, 30, 5))
    assert name == f"{expected}-2026-06-20-093005"
    assert re.fullmatch(r"[a-z0-9-]+", name)


def test_save_writes_both_files_inside_the_folder_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "briefs"
    md, page = brief.save(_brief("I argue <b>this</b>."), folder, "../../etc/passwd")
    assert md.parent == folder.resolve() and page.parent == folder.resolve()
    assert md.name == "etc-passwd.md" and page.name == "etc-passwd.html"
    assert "4.2%" in md.read_text(encoding="utf-8") and "I argue <b>this</b>." in md.read_text(encoding="utf-8")
    assert "<b>" not in _rendered_markdown_html(md.read_text(encoding="utf-8"))
    assert "&lt;b&gt;" in page.read_text(encoding="utf-8")
    md2, _ = brief.save(_brief("Again."), folder, "etc-passwd")
    assert md2.name == "etc-passwd-2.md" and "I argue" in md.read_text(encoding="utf-8")


def test_the_page_forbids_scripts_images_and_network_requests() -> None:
    page = brief.to_html(_brief("Fine."))
    assert "default-src 'none'" in page and "<script" not in page and "http-equiv='Content-Security-Policy'" in page
    assert "<a href=\"https://example.org/a\">source</a>" in page  # trusted links from the series still work


def test_trusted_sections_cannot_smuggle_html_or_script_links() -> None:
    sneaky = brief.Brief("T", [brief.Section("S", "<script>x</script> [j](javascript:alert(1))")], argument="ok")
    page = brief.to_html(sneaky)
    assert "<script>" not in page and 'href="javascript' not in page


# --- the form ------------------------------------------------------------------------------------------


def _form(tmp_path: Path):
    import ipywidgets as ipw

    def build(county, findings, argument):
        if len(findings) < 3:
            raise NoData(f"Pick 3 to 5 findings; you picked {len(findings)}.")
        if county == "Atlantis":
            raise KeyError("County 'Atlantis' is not one of the choices.")
        return brief.Brief(f"A brief for {county}", [brief.Section("Findings", ", ".join(findings))], argument=argument)

    controls = {"county": ipw.Dropdown(options=["Sherburne", "../../etc/passwd", "Atlantis"], value="Sherburne"),
                "findings": ipw.SelectMultiple(options=list("abcdef"), value=("a", "b", "c")),
                "argument": ipw.Textarea(value="")}
    return brief.Form(build, controls, folder=tmp_path / "briefs", shown_root=tmp_path,
                      name_of=lambda v: [v["county"]]), controls


def test_the_form_refuses_to_save_an_empty_argument_or_too_few_findings(tmp_path: Path, monkeypatch) -> None:
    shown: list = []  # what the form displays (outside a kernel, an Output widget captures nothing)
    monkeypatch.setattr(brief, "display", shown.append)
    form, controls = _form(tmp_path)
    assert form.save() is None and not (tmp_path / "briefs").exists()
    controls["argument"].value = "My claim."
    controls["findings"].value = ("a",)
    assert form.save() is None and form.refresh() is None
    assert "Pick 3 to 5 findings" in shown[-1].data
    controls["findings"].value = ("a", "b", "c")
    controls["county"].value = "Atlantis"  # a KeyError from the series' checks is shown as its message, not quoted
    assert form.refresh() is None
    assert "**This brief cannot be written yet.** County 'Atlantis' is not" in shown[-1].data
    assert not (tmp_path / "briefs").exists()


def test_the_form_saves_inside_its_folder_and_shows_a_relative_path(tmp_path: Path) -> None:
    form, controls = _form(tmp_path)
    controls["county"].value = "../../etc/passwd"
    controls["argument"].value = "<script>alert(1)</script> is shown as text."
    md, page = form.save()
    assert md.parent == (tmp_path / "briefs").resolve() and md.name.startswith("etc-passwd-")
    assert "&lt;script&gt;" in page.read_text(encoding="utf-8")
    assert form._shown(md) == f"briefs/{md.name}"
