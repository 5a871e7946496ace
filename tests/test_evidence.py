"""The evidence reader shows findings as published, transforms units correctly where two directions share an
axis, counts studies rather than rows, uses the three confidence labels, and redraws fast from a template."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest

from helpers import charts, cite, evidence, evidence_chart, text
from helpers.catalog import NoData
from helpers.evidence import findings


@pytest.fixture(scope="module")
def everything() -> pd.DataFrame:
    return findings(include_secondary=True)


def _row(df: pd.DataFrame, row_id: str) -> pd.Series:
    return df.set_index("row_id").loc[row_id]


def _made_up(**columns) -> pd.DataFrame:
    """A few made-up findings with the columns `align` reads."""
    base = {"row_id": ["X1"], "study_id": ["s1"], "exposure": ["enforcement_down"], "unit_kind": ["effect"],
            "finding_direction": [evidence.LOWER], "interval_low": [math.nan], "interval_high": [math.nan]}  # fmt: skip
    n = len(next(iter(columns.values())))
    frame = {k: v * n if len(v) == 1 else v for k, v in base.items()}
    frame.update(columns)
    return pd.DataFrame(frame)


# --- the transforms, on made-up numbers -------------------------------------------------------------


def test_percent_change_reverses_by_its_own_formula_not_by_negation() -> None:
    assert evidence.reverse(-52, evidence.PERCENT) == pytest.approx(108.3, abs=0.05)
    assert evidence.reverse(100, evidence.PERCENT) == pytest.approx(-50)
    assert evidence.reverse(evidence.reverse(-30, evidence.PERCENT), evidence.PERCENT) == pytest.approx(-30)


def test_ratio_inverts_and_differences_negate() -> None:
    assert evidence.reverse(0.8, evidence.RATIO) == pytest.approx(1.25)
    assert evidence.reverse(-4, evidence.DIFFERENCE) == 4
    with pytest.raises(ValueError):
        evidence.reverse(1.0, "grams")


def test_intervals_and_ranges_swap_their_ends() -> None:
    low, high = evidence.reverse_interval(-62, -52, evidence.PERCENT)
    assert (round(low, 1), round(high, 1)) == (108.3, 163.2)
    assert evidence.reverse_interval(-0.1, 0.3, evidence.DIFFERENCE) == pytest.approx((-0.3, 0.1))
    assert evidence.reverse_interval(0.8, 1.6, evidence.RATIO) == pytest.approx((0.625, 1.25))


def test_align_transforms_only_rows_about_less_enforcement() -> None:
    rows = _made_up(
        row_id=["pct", "pp", "ratio", "up"],
        exposure=["enforcement_down", "enforcement_down", "enforcement_down", "enforcement_up"],
        transform=[evidence.PERCENT, evidence.DIFFERENCE, evidence.RATIO, evidence.PERCENT],
        effect=[-52.0, -4.0, 0.8, -52.0],
        interval_low=[-62.0, math.nan, 0.5, math.nan],
        interval_high=[-52.0, math.nan, 1.1, math.nan],
    )
    out = evidence.align(rows).set_index("row_id")
    assert out.loc["pct", "aligned_effect"] == pytest.approx(108.33, abs=0.01)
    assert (out.loc["pct", "aligned_low"], out.loc["pct", "aligned_high"]) == pytest.approx((108.33, 163.16), abs=0.01)
    assert out.loc["pp", "aligned_effect"] == 4.0
    assert out.loc["ratio", "aligned_effect"] == pytest.approx(1.25)
    assert out.loc["ratio", "aligned_low"] == pytest.approx(1 / 1.1) and out.loc["ratio", "aligned_high"] == 2.0
    assert out.loc["up", "aligned_effect"] == -52.0 and not out.loc["up", "reversed"]
    assert out.loc["pct", "reversed"] and out.loc["pct", "aligned_direction"] == evidence.HIGHER_WITH_MORE
    assert out.loc["up", "aligned_direction"] == evidence.LOWER_WITH_MORE


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
    by = evidence.count_studies(frame, by="policy_means").set_index("policy_means")
    assert by.loc["more enforcement", "studies"] == 1 and by.loc["more enforcement", "findings"] == 4
    assert evidence.n_of_m(frame.iloc[:4], frame) == "1 of 2 studies"


def test_east_and_colleagues_are_one_study(everything: pd.DataFrame) -> None:
    east = everything[everything["study_id"] == "east2023"]
    assert len(east) >= 4 and evidence.count_studies(east) == 1
    assert set(east["short_cite"]) == {"East et al. (2023)"}  # one study, one name, whatever version a row read


def test_summary_counts_studies_and_never_secondary_rows() -> None:
    trust = findings(domain="trust_reporting", include_secondary=True)
    counts = evidence.summary(trust)
    kept = trust[trust["verification_status"] != "secondary"]
    expected = kept.groupby(["policy_means", "design_family_label"])["study_id"].nunique()
    assert counts["all studies"].to_dict() == expected.to_dict()
    everything_counted = evidence.summary(findings())
    assert everything_counted["all studies"].sum() < len(findings())  # several findings share a study
    with pytest.raises(NoData):
        evidence.summary(findings(rows=["R29"], include_secondary=True))


# --- as published -------------------------------------------------------------------------------------


def test_r30_is_a_range_as_published_and_never_plus_52_on_a_more_enforcement_axis() -> None:
    crime = findings(domain="crime")
    published = evidence_chart.plot_frame(crime).set_index("row_id")
    assert (published.loc["R30", "range_lo"], published.loc["R30", "range_hi"]) == (-62, -52)
    assert published.loc["R30", "panel"].endswith("policy means less enforcement")
    assert pd.isna(published.loc["R30", "ci_lo"]) and pd.isna(published.loc["R30", "x"])
    aligned = evidence_chart.plot_frame(crime, evidence_chart.ALIGNED).set_index("row_id")
    assert aligned.loc["R30", "range_lo"] == pytest.approx(108.33, abs=0.01)
    assert aligned.loc["R30", "range_hi"] == pytest.approx(163.16, abs=0.01)
    assert "reversed: published −62 to −52" in aligned.loc["R30", "note"]


def test_published_panels_never_mix_directions_or_units(everything: pd.DataFrame) -> None:
    drawn = evidence_chart.plot_frame(everything)
    assert (drawn.groupby("panel")["unit_axis"].nunique() == 1).all()
    assert (drawn.groupby("panel")["policy_means"].nunique() == 1).all()


def test_aligned_chart_says_both_directions_share_the_axis() -> None:
    crime = findings(domain="crime")
    published = evidence_chart.forest_chart(crime, title="Crime").to_dict()
    aligned = evidence_chart.forest_chart(crime, title="Crime", view="aligned").to_dict()
    assert published["title"]["subtitle"][0] == evidence_chart.PUBLISHED_NOTE
    assert aligned["title"]["subtitle"][0].startswith("BOTH DIRECTIONS ON ONE AXIS")
    assert "both directions on one axis" in aligned["description"]
    assert aligned["resolve"]["scale"]["x"] == "independent"


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
    text_ = evidence.card_text("R30")
    assert "means less enforcement" in text_ and "range −62 to −52" in text_
    assert "summary only" in text_ and "glossary.md#summary-only" in text_


def test_no_missing_value_marker_reaches_a_reader(everything: pd.DataFrame) -> None:
    texts = [evidence.card_text(r) for r in everything["row_id"]]
    texts.append(evidence.table(everything).frame.to_string())
    for chunk in texts:
        assert "<NA>" not in chunk and "*nan*" not in chunk and " nan." not in chunk


def test_cards_keep_dollar_signs_literal() -> None:
    assert "$" not in evidence.card("R81").data.replace(text.DOLLAR, "")


def test_filters_fail_loudly() -> None:
    with pytest.raises(ValueError, match="Unknown outcome_domain"):
        findings(domain="crimes")
    with pytest.raises(ValueError, match="Unknown design"):
        findings(design="rct")
    with pytest.raises(NoData, match="Raids"):
        findings(domain="crime", policy="raid")


def test_direction_only_rows_are_listed_not_drawn() -> None:
    crime = findings(domain="crime")
    drawn = set(evidence_chart.plot_frame(crime)["row_id"])
    listed = set(evidence.direction_only(crime).frame["Finding"])
    assert {"R07", "R08", "R12", "R25", "R84"} <= listed and not drawn & listed
    with pytest.raises(NoData):
        evidence_chart.forest_chart(findings(rows=["R07", "R12"]))


# --- explorer ------------------------------------------------------------------------------------------------


def test_explorer_draws_what_forest_chart_draws_in_both_views() -> None:
    for view in (evidence_chart.PUBLISHED, evidence_chart.ALIGNED):
        for domain in ("all", "crime", "health", "education"):
            fast = evidence_chart.explorer_view(domain, view=view).parts[1].to_dict()
            title = fast["title"]["text"]  # the explorer's title, wrapped onto lines when long
            title = " ".join(title) if isinstance(title, list) else title
            slow = evidence_chart.forest_chart(findings(domain=domain), view=view, title=title)
            assert fast == slow.to_dict(), (domain, view)


def test_explorer_first_control_is_the_domain_and_counts_studies() -> None:
    box = evidence_chart.explorer(default_domain="crime", name="test-evidence")
    first_key, first = next(iter(box.controls.items()))
    assert first_key == "domain" and isinstance(first, widgets.Dropdown) and first.value == "crime"
    assert "studies**" in box.current.parts[0].data
    box.controls["policy"].value = "raid"
    assert "No data for this selection" in box.current.data
    box.controls["policy"].value = "all"
    box.controls["view"].value = evidence_chart.ALIGNED
    assert box.current.parts[1].to_dict()["title"]["subtitle"][0].startswith("BOTH DIRECTIONS")


# --- fits a narrow notebook (an 800-pixel-wide window leaves about 570 pixels for a chart) -------------


def test_forest_chart_wraps_labels_notes_titles_to_fit_a_narrow_window(everything: pd.DataFrame) -> None:
    ec = evidence_chart
    assert ec.LABEL_LIMIT + ec.PLOT_WIDTH + 10 + ec.NOTE_WIDTH <= charts.NARROW
    for view in (ec.PUBLISHED, ec.ALIGNED):
        drawn = ec.plot_frame(everything, view)
        for column, width in (("note_lines", ec.NOTE_CHARS), ("row_label", ec.LABEL_CHARS)):
            lines = [line for cell in drawn[column] for line in cell.split("\n")]
            assert max(map(len, lines)) <= width, column
        words = [cell.replace("·", " ").split() for cell in drawn["note_lines"]]
        assert words == [cell.replace("·", " ").split() for cell in drawn["note"]]  # nothing dropped, only wrapped
        heads = [line for cell in drawn["panel_label"] for line in cell.split("\n")]
        assert max(map(len, heads)) <= ec.HEADER_CHARS
        spec = ec.forest_chart(everything, view=view, title="A title that states the finding " * 4).to_dict()
        title_chars, subtitle_chars = charts.NARROW / charts.TITLE_CHAR_PX, charts.NARROW / charts.SUBTITLE_CHAR_PX
        assert isinstance(spec["title"]["text"], list) and max(map(len, spec["title"]["text"])) <= title_chars
        assert max(map(len, spec["title"]["subtitle"])) <= subtitle_chars
        assert "Hollow point" in " ".join(spec["title"]["subtitle"])
        most_lines = max(cell.count("\n") + 1 for cell in [*drawn["note_lines"], *drawn["row_label"]])
        assert spec["spec"]["height"]["step"] >= ec.LINE_HEIGHT * most_lines
    crime = ec.plot_frame(findings(domain="crime")).set_index("row_id")
    assert crime.loc["R30", "note_lines"].split("\n")[0].startswith("range, not a CI")
    assert crime.loc["R30", "panel_label"].endswith("\npolicy means less enforcement")
    short = ec.forest_chart(findings(domain="crime"), title="Short title").to_dict()
    assert short["title"]["text"] == "Short title"


def test_table_captions_count_in_words() -> None:
    crime = findings(domain="crime")
    assert evidence.other_numbers(crime[crime["row_id"] == "R28"]).caption.startswith(
        "1 level, total or count from 1 study"
    )
    assert evidence.table(findings(rows=["R16", "R17"])).caption.startswith("2 findings from 1 study")
