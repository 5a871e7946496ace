"""The evidence reader shows findings as published (no axis mixes policy directions), transforms units correctly
when a number is read the other way, counts studies rather than rows, names each row's outcome, uses the three
confidence labels, and answers a reader's slips with clear messages."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest

from helpers import charts, cite, evidence, evidence_chart
from helpers.catalog import NoData
from helpers.evidence import findings


@pytest.fixture(scope="module")
def everything() -> pd.DataFrame:
    return findings(include_secondary=True)


def _row(df: pd.DataFrame, row_id: str) -> pd.Series:
    return df.set_index("row_id").loc[row_id]


# --- the transforms, on made-up numbers -------------------------------------------------------------


def test_percent_change_reverses_by_its_own_formula_not_by_negation() -> None:
    assert evidence.reverse(-52, evidence.PERCENT) == pytest.approx(108.3, abs=0.05)
    assert evidence.reverse(100, evidence.PERCENT) == pytest.approx(-50)
    assert evidence.reverse(evidence.reverse(-30, evidence.PERCENT), evidence.PERCENT) == pytest.approx(-30)


def test_ratio_inverts_and_differences_negate() -> None:
    assert evidence.reverse(0.8, evidence.RATIO) == pytest.approx(1.25)
    assert evidence.reverse(-4, evidence.DIFFERENCE) == 4
    with pytest.raises(KeyError, match="'grams' is not one of the choices"):
        evidence.reverse(1.0, "grams")
    with pytest.raises(ValueError, match="finite"):
        evidence.reverse(10**400, evidence.RATIO)
    assert evidence.reverse(-52, "PERCENT") == evidence.reverse(-52, evidence.PERCENT)  # case does not matter


def test_an_interval_reversed_swaps_its_ends() -> None:
    """R30's fall of 52 to 62 percent, read as the effect of more enforcement, as notebook 05 computes it."""
    low, high = (evidence.reverse(end, evidence.PERCENT) for end in (-52, -62))  # the smaller fall: the lower rise
    assert (round(low, 1), round(high, 1)) == (108.3, 163.2)
    assert [evidence.reverse(end, evidence.RATIO) for end in (1.6, 0.8)] == pytest.approx([0.625, 1.25])
    assert math.isnan(evidence.reverse(None, evidence.RATIO))  # a missing end stays missing


# --- counting studies, not rows ---------------------------------------------------------------------


def test_count_studies_counts_one_study_with_four_rows_once() -> None:
    frame = pd.DataFrame(
        {
            "row_id": ["A", "B", "C", "D", "E"],
            "study_id": ["east", "east", "east", "east", "other"],
            "policy_means": ["more enforcement"] * 4 + ["less enforcement"],
        }
    )
    assert evidence.count_studies(frame) == 2
    assert evidence.count_studies(frame.iloc[:4]) == 1
    assert evidence.n_of_m(frame.iloc[:4], frame) == "1 of 2 studies"
    assert evidence.n_of_m(frame.iloc[0:0], frame) == "0 of 2 studies"  # an empty selection counts none
    with pytest.raises(KeyError, match="study_id"):
        evidence.count_studies(pd.DataFrame({"row_id": ["A"]}))


def test_east_and_colleagues_are_one_study(everything: pd.DataFrame) -> None:
    east = everything[everything["study_id"] == "east2023"]
    assert len(east) >= 4 and evidence.count_studies(east) == 1
    assert set(east["short_cite"]) == {"East et al. (2023)"}  # one study, one name, whatever version a row read


def test_captions_count_studies_and_never_count_rows_twice() -> None:
    health = findings(domain="health")
    caption = evidence.table(health).caption
    assert caption.startswith(f"{len(health)} findings from {health['study_id'].nunique()} studies")
    assert health["study_id"].nunique() < len(health)  # several findings share a study


# --- as published -------------------------------------------------------------------------------------


def test_r30_is_a_range_as_published_and_never_plus_52_on_a_more_enforcement_axis() -> None:
    crime = findings(domain="crime")
    published = evidence_chart.plot_frame(crime).set_index("row_id")
    assert (published.loc["R30", "range_lo"], published.loc["R30", "range_hi"]) == (-62, -52)
    assert published.loc["R30", "panel"].endswith("policy means less enforcement")
    assert pd.isna(published.loc["R30", "ci_lo"]) and pd.isna(published.loc["R30", "x"])


def test_every_row_names_its_outcome_and_what_below_the_line_means() -> None:
    crime = findings(domain="crime")
    published = evidence_chart.plot_frame(crime).set_index("row_id")
    assert published.loc["R30", "note"].startswith(
        "domestic homicides with a Hispanic female victim: below 0 = lower under sanctuary policies")
    assert published.loc["R14", "note"].startswith("log offenses known to law enforcement (county): below 0 = lower "
                                                   "under Secure Communities")
    ratios = evidence_chart.plot_frame(findings(domain="health"))
    assert ratios.loc[ratios["null_value"] == 1, "note"].str.contains(": below 1 = lower").all()


def test_published_panels_never_mix_directions_or_units(everything: pd.DataFrame) -> None:
    drawn = evidence_chart.plot_frame(everything)
    assert (drawn.groupby("panel")["unit_axis"].nunique() == 1).all()
    assert (drawn.groupby("panel")["policy_means"].nunique() == 1).all()


def test_every_chart_says_it_shows_numbers_as_published() -> None:
    spec = evidence_chart.forest_chart(findings(domain="crime"), title="Crime").to_dict()
    assert spec["title"]["subtitle"][0] == evidence_chart.PUBLISHED_NOTES[0]
    assert "each number as published" in spec["description"] and spec["resolve"]["scale"]["x"] == "independent"


def test_intervals_as_published(everything: pd.DataFrame) -> None:
    chaparro = _row(everything, "R50")  # sanctuary, +1.12 pp (0.26 to 1.98), as published
    assert (chaparro["interval_kind"], chaparro["interval_low"], chaparro["interval_high"]) == ("ci", 0.26, 1.98)
    alsan = _row(everything, "R14")  # 0.017 log points, SE 0.023, no CI published
    assert alsan["interval_kind"] == "ci_from_se"
    assert alsan["interval_low"] == pytest.approx(0.017 - 1.96 * 0.023)
    assert alsan["finding_direction"] == evidence.NO_EFFECT
    assert set(everything.loc[everything["interval_kind"] == "range", "row_id"]) == {"R30", "R41", "R68", "R90"}


def test_units_and_policy_direction_of_real_rows(everything: pd.DataFrame) -> None:
    rows = everything.set_index("row_id")
    assert rows.loc["R30", "transform"] == evidence.PERCENT and rows.loc["R63", "transform"] == evidence.RATIO
    assert rows.loc["R14", "transform"] == evidence.DIFFERENCE and rows.loc["R18", "transform"] == ""
    assert rows.loc["R30", "policy_means"] == evidence.LESS and rows.loc["R16", "policy_means"] == evidence.MORE
    assert rows.loc["R30", "finding_direction"] == evidence.LOWER  # fewer homicides under sanctuary, as published
    numbered = everything[everything["has_number"].astype(bool)]
    assert numbered["unit_group"].notna().all()
    assert {"R28", "R32", "R13", "R81", "R92"} <= set(everything.loc[everything["unit_kind"] == "amount", "row_id"])


def test_result_text_is_as_published(everything: pd.DataFrame) -> None:
    assert evidence.result_text(_row(everything, "R16")) == "−30 (percent change)"
    r30 = evidence.result_text(_row(everything, "R30"))
    assert "range −62 to −52" in r30 and "not a confidence interval" in r30
    assert "95% CI 0.98 to 1.57" in evidence.result_text(_row(everything, "R63"))


# --- labels and citations -------------------------------------------------------------------------------


def test_only_the_three_labels_reach_a_reader(everything: pd.DataFrame) -> None:
    three = {cite.VERIFIED.label, cite.SUMMARY_ONLY.label, cite.NOT_VERIFIED.label}
    assert set(everything["label"]) == three
    assert set(evidence.table(everything).frame["Label"]) == three
    for path in ("helpers/evidence.py", "helpers/evidence_chart.py"):
        source = Path(path).read_text(encoding="utf-8").lower()
        for spelling in ("secondary: context only", "reported, not verified", "read in an official summary",
                         "verified in the source"):  # fmt: skip
            assert spelling not in source, (path, spelling)


def test_evidence_does_not_import_the_chart_module() -> None:
    tree = ast.parse(Path("helpers/evidence.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any("evidence_chart" in name for name in imported)
    assert not hasattr(evidence, "short_authors") and not hasattr(evidence, "cite_list")


def test_card_names_population_design_policy_and_label() -> None:
    card = evidence.card("r30").frame.iloc[0]  # a row id in any case
    assert "less enforcement" in card["Policy (means)"] and "range −62 to −52" in card["Result as published"]
    assert card["Label"] == "summary only" and card["Population"] == "Hispanic women"


def test_no_missing_value_marker_reaches_a_reader(everything: pd.DataFrame) -> None:
    texts = [evidence.table(everything).frame.to_string(), evidence.table(everything)._repr_html_()]
    for chunk in texts:
        assert "<NA>" not in chunk and "*nan*" not in chunk and " nan." not in chunk


def test_tables_keep_dollar_signs_literal() -> None:
    html = evidence.card("R81")._repr_html_()
    assert "class='tex2jax_ignore'" in html  # Jupyter's maths typesetting leaves a "$" alone


def test_filters_fail_loudly() -> None:
    with pytest.raises(KeyError, match=r"domain 'crimes' is not one of the choices\. Did you mean 'crime'"):
        findings(domain="crimes")
    with pytest.raises(KeyError, match="design 'rct'"):
        findings(design="rct")
    with pytest.raises(KeyError, match=r"In rows=\['R16', 'R999'\], the value 'R999'"):
        findings(rows=["R16", "R999"])
    with pytest.raises(NoData, match="Raids"):
        findings(domain="crime", policy="raid")
    assert findings(domain="TRUST_REPORTING", rows="r16").equals(findings(domain="trust_reporting", rows=["R16"]))


def test_direction_only_rows_are_listed_not_drawn() -> None:
    crime = findings(domain="crime")
    drawn = set(evidence_chart.plot_frame(crime)["row_id"])
    listed = set(evidence.table(crime[~crime["has_number"]]).frame["Finding"])
    assert {"R07", "R08", "R12", "R25", "R84"} <= listed and not drawn & listed
    with pytest.raises(NoData):
        evidence_chart.forest_chart(findings(rows=["R07", "R12"]))


# --- explorer ------------------------------------------------------------------------------------------------


def test_explorer_draws_what_forest_chart_draws() -> None:
    for domain in ("all", "crime", "health", "education"):
        fast = evidence_chart.explorer_view(domain).parts[1].to_dict()
        title = fast["title"]["text"]  # the explorer's title, wrapped onto lines when long
        title = " ".join(title) if isinstance(title, list) else title
        slow = evidence_chart.forest_chart(findings(domain=domain), title=title)
        assert fast == slow.to_dict(), domain
    assert evidence_chart.explorer_view(" Crime ", "ALL") is evidence_chart.explorer_view("crime")  # one selection


def test_explorer_first_control_is_the_domain_and_counts_studies() -> None:
    box = evidence_chart.explorer(default_domain="crime", name="test-evidence")
    first_key, first = next(iter(box.controls.items()))
    assert first_key == "domain" and isinstance(first, widgets.Dropdown) and first.value == "crime"
    assert "studies**" in box.current.parts[0].data
    box.controls["policy"].value = "raid"
    assert "No data for this selection" in box.current.data
    box.controls["policy"].value = "all"
    assert list(box.controls) == ["domain", "policy", "design"]  # every view is as published: no view control


# --- fits a narrow notebook (an 800-pixel-wide window leaves about 570 pixels for a chart) -------------


def test_forest_chart_wraps_labels_notes_titles_to_fit_a_narrow_window(everything: pd.DataFrame) -> None:
    ec = evidence_chart
    assert ec.LABEL_LIMIT + ec.PLOT_WIDTH + 10 + ec.NOTE_WIDTH <= charts.NARROW
    drawn = ec.plot_frame(everything)
    for column, width in (("note_lines", ec.NOTE_CHARS), ("row_label", ec.LABEL_CHARS)):
        lines = [line for cell in drawn[column] for line in cell.split("\n")]
        assert max(map(len, lines)) <= width, column
    words = [cell.replace("·", " ").split() for cell in drawn["note_lines"]]
    assert words == [cell.replace("·", " ").split() for cell in drawn["note"]]  # nothing dropped, only wrapped
    heads = [line for cell in drawn["panel_label"] for line in cell.split("\n")]
    assert max(map(len, heads)) <= ec.HEADER_CHARS
    spec = ec.forest_chart(everything, title="A title that states the finding " * 4).to_dict()
    title_chars, subtitle_chars = charts.NARROW / charts.TITLE_CHAR_PX, charts.NARROW / charts.SUBTITLE_CHAR_PX
    assert isinstance(spec["title"]["text"], list) and max(map(len, spec["title"]["text"])) <= title_chars
    assert max(map(len, spec["title"]["subtitle"])) <= subtitle_chars
    assert "Hollow point" in " ".join(spec["title"]["subtitle"])
    most_lines = max(cell.count("\n") + 1 for cell in [*drawn["note_lines"], *drawn["row_label"]])
    assert spec["spec"]["height"]["step"] >= ec.LINE_HEIGHT * most_lines
    crime = ec.plot_frame(findings(domain="crime")).set_index("row_id")
    assert "\nrange, not a CI" in crime.loc["R30", "note_lines"]
    assert crime.loc["R30", "panel_label"].endswith("\npolicy means less enforcement")
    short = ec.forest_chart(findings(domain="crime"), title="Short title").to_dict()
    assert short["title"]["text"] == "Short title"


def test_table_captions_count_in_words() -> None:
    crime = findings(domain="crime")
    assert evidence.table(crime[crime["row_id"] == "R28"]).caption.startswith("1 finding from 1 study")
    assert evidence.table(findings(rows=["R16", "R17"])).caption.startswith("2 findings from 1 study")
