"""The evidence explorer reads the findings table faithfully: signs on one footing, CIs apart from
ranges, one axis per unit, secondary rows kept out of summaries, and clear messages for empty filters."""

from __future__ import annotations

import math

import ipywidgets as widgets
import pandas as pd
import pytest

from helpers import evidence, text
from helpers.evidence import NO_EFFECT, findings
from helpers.evidence_chart import FLIP_NOTE, forest_chart, plotted_frame
from helpers.widgets import NoData


@pytest.fixture(scope="module")
def everything() -> pd.DataFrame:
    return findings(include_secondary=True)


def _row(df: pd.DataFrame, row_id: str) -> pd.Series:
    return df.set_index("row_id").loc[row_id]


# --- filters and counts -----------------------------------------------------------------------


def test_default_filter_keeps_verified_and_summary_rows(everything: pd.DataFrame) -> None:
    assert len(everything) == 93
    default = findings()
    assert len(default) == 93 - 14  # the 14 secondary rows are hidden by default
    assert set(default["verification_status"]) == {"verified", "verified_summary"}


def test_crime_findings_counts() -> None:
    crime = findings(domain="crime")
    assert len(crime) == 17
    assert int((crime["verification_status"] == "verified").sum()) == 15
    assert len(findings(domain="crime", statuses=("verified",))) == 15
    # R29 (Prince William County's 27% drop in assaults) is secondary: hidden unless asked for
    assert "R29" not in set(crime["row_id"])
    assert "R29" in set(findings(domain="crime", include_secondary=True)["row_id"])


def test_design_filter_by_family_and_causal() -> None:
    causal = findings(domain="crime", design="causal")
    assert set(causal["design_family"]) <= {"experiment", "did", "iv_quasi"}
    assert {"R07", "R08", "R12", "R14", "R25", "R84"} <= set(causal["row_id"])
    assert "R01" not in set(causal["row_id"])  # Wong (2017) is a matched cross-section
    assert set(findings(design="matched")["row_id"]) == {"R01", "R02", "R03", "R04", "R22"}


def test_impossible_filter_raises_nodata_that_says_what_to_change() -> None:
    with pytest.raises(NoData) as err:
        findings(domain="crime", policy="raid")
    message = str(err.value)
    assert "Raids" in message and "Crime" in message and "'All'" in message
    with pytest.raises(NoData):
        evidence.explorer_view("crime", policy="detainer")


def test_unknown_filter_value_is_an_error_not_an_empty_result() -> None:
    with pytest.raises(ValueError, match="Unknown outcome_domain"):
        findings(domain="crimes")
    with pytest.raises(ValueError, match="Unknown design"):
        findings(design="rct")


# --- signs on one footing ---------------------------------------------------------------------


def test_sanctuary_rows_are_flipped(everything: pd.DataFrame) -> None:
    wong = _row(everything, "R01")  # Wong (2017): 35.5 fewer crimes per 10,000 in sanctuary counties
    assert wong["effect"] == -35.5 and wong["exposure"] == "enforcement_down"
    assert wong["effect_more_enforcement"] == 35.5 and wong["flipped"]
    sc = _row(everything, "R16")  # Secure Communities is enforcement_up: unchanged
    assert sc["effect_more_enforcement"] == sc["effect"] == -30 and not sc["flipped"]


def test_flipping_an_interval_swaps_its_ends(everything: pd.DataFrame) -> None:
    chaparro = _row(everything, "R50")  # sanctuary, +1.12 pp (0.26 to 1.98)
    assert (chaparro["ci_low"], chaparro["ci_high"]) == (0.26, 1.98)
    assert (chaparro["ci_low_more"], chaparro["ci_high_more"]) == (-1.98, -0.26)
    assert chaparro["ci_low_more"] < chaparro["effect_more_enforcement"] < chaparro["ci_high_more"]
    domestic = _row(everything, "R30")  # sanctuary, range -62 to -52 percent
    assert (domestic["range_low_more"], domestic["range_high_more"]) == (52, 62)


def test_ratios_flip_by_inverting() -> None:
    assert evidence._flip(2.0, -1, True) == 0.5
    assert evidence._flip(2.0, -1, False) == -2.0
    assert evidence._flip(2.0, 1, True) == 2.0


def test_levels_and_counts_get_no_normalised_value(everything: pd.DataFrame) -> None:
    cis = _row(everything, "R28")  # CIS count of re-arrests: no counterfactual, not an effect
    assert cis["unit_kind"] == "amount" and math.isnan(cis["effect_more_enforcement"])
    assert cis["finding_direction"] == "a level or count, not an effect"


# --- CIs apart from ranges --------------------------------------------------------------------


def test_ranges_are_ranges_not_confidence_intervals(everything: pd.DataFrame) -> None:
    ranged = everything[everything["interval_kind"] == "range"]
    assert set(ranged["row_id"]) == {"R30", "R41", "R68", "R90"}
    assert ranged["ci_low_more"].isna().all() and ranged["effect_more_enforcement"].isna().all()
    drawn = plotted_frame(findings(domain="crime")).set_index("row_id")
    assert drawn.loc["R30", "has_range"] and not drawn.loc["R30", "has_ci"]
    assert "range, not a CI" in drawn.loc["R30", "note"]


def test_ci_from_a_published_standard_error_is_marked(everything: pd.DataFrame) -> None:
    alsan = _row(everything, "R14")  # 0.017 log points, SE 0.023, no CI published
    assert alsan["interval_kind"] == "ci_from_se" and not alsan["has_ci"]
    assert alsan["ci_low_more"] == pytest.approx(0.017 - 1.96 * 0.023)
    assert alsan["finding_direction"] == NO_EFFECT
    assert "CI from published SE" in plotted_frame(findings(rows=["R14"])).iloc[0]["note"]


def test_published_cis_are_drawn_as_cis() -> None:
    drawn = plotted_frame(findings(domain="health")).set_index("row_id")
    assert drawn.loc["R64", "has_ci"] and drawn.loc["R64", "ci_low_more"] == -83.52
    assert drawn.loc["R68", "has_range"] and not drawn.loc["R68", "has_ci"]


# --- one axis per unit ------------------------------------------------------------------------


def test_every_unit_in_the_table_has_a_rule(everything: pd.DataFrame) -> None:
    numbered = everything[everything["has_number"].astype(bool)]
    assert numbered["unit_group"].notna().all()
    assert everything.loc[~everything["has_number"].astype(bool), "unit_group"].isna().all()


def test_unit_groups_of_real_rows(everything: pd.DataFrame) -> None:
    groups = everything.set_index("row_id")["unit_group"]
    assert groups["R17"] == groups["R30"] == groups["R16"] == "pct"
    assert groups["R50"] == groups["R68"] == groups["R36"] == "pp"
    assert groups["R63"] == groups["R70"] == "ratio"
    assert groups["R64"] == "grams" and groups["R14"] == "log" and groups["R01"] == "crime_rate_diff"
    assert groups["R03"] == groups["R04"] == "rate_diff_as_percent"  # Wong's 'percent', likely points
    assert groups["R59"] == "pct_per_incident" and groups["R47"] == "pct_per_enforcement_rise"
    amounts = set(everything.loc[everything["unit_kind"] == "amount", "row_id"])
    assert {"R28", "R32", "R13", "R81", "R92"} <= amounts


def test_no_panel_mixes_units() -> None:
    drawn = plotted_frame(findings(include_secondary=True))
    assert (drawn.groupby("panel")["unit_axis"].nunique() == 1).all()
    # the crime panel holds R17 and R30 (percent change) apart from R14 (log points) and R01 (a rate difference)
    crime = plotted_frame(findings(domain="crime")).groupby("panel")["row_id"].apply(set).to_dict()
    assert crime["Crime · percent change"] == {"R17", "R30"}
    assert crime["Crime · log points (about 0.01 = 1%)"] == {"R14"}


def test_direction_only_rows_are_listed_not_plotted() -> None:
    crime = findings(domain="crime")
    drawn = set(plotted_frame(crime)["row_id"])
    listed = set(evidence.direction_only(crime).frame["Finding"])
    assert {"R07", "R08", "R12", "R25", "R84"} <= listed
    assert not drawn & listed
    assert "R28" not in drawn and "R28" in set(evidence.other_numbers(crime).frame["Finding"])
    markers = evidence.direction_only(crime).frame.set_index("Finding")["What it found"]
    assert markers["R12"].endswith(NO_EFFECT) and "mixed" in markers["R21"]


# --- chart, tables, cards ---------------------------------------------------------------------


def test_forest_chart_says_signs_are_flipped_and_has_a_description() -> None:
    chart = forest_chart(findings(domain="crime"), title="Crime")
    spec = chart.to_dict()
    assert FLIP_NOTE in spec["title"]["subtitle"]
    assert spec["description"].startswith("Forest chart of 5 findings with a number, in 4 panels")
    rows = spec["datasets"]["findings"]
    assert {r["row_id"] for r in rows} == {"R01", "R14", "R17", "R18", "R30"}
    assert spec["resolve"]["scale"]["x"] == "independent"


def test_forest_chart_refuses_a_selection_without_numbers() -> None:
    with pytest.raises(NoData):
        forest_chart(findings(rows=["R07", "R12"]))


def test_summary_never_uses_secondary_rows() -> None:
    trust = findings(domain="trust_reporting", include_secondary=True)
    assert (trust["verification_status"] == "secondary").sum() == 4
    counts = evidence.summary(trust)
    assert int(counts["all"].sum()) == len(trust) - 4
    with pytest.raises(NoData):
        evidence.summary(findings(rows=["R29"], include_secondary=True))


def test_card_names_population_design_and_status() -> None:
    text = evidence.card_text("R16")
    assert "Hispanic crime victims" in text and "difference-in-differences" in text
    assert "official summary" in text and "−30 (percent change)" in text
    assert "nber.org" in text
    assert "sign flipped" in evidence.card_text("R01")


def test_citations_mark_weaker_sources() -> None:
    assert evidence.cite("R12").startswith("[Hausman (2020)](https://doi.org/10.1073/pnas.2014673117)")
    assert "not verified" in evidence.cite("R29")
    assert "official summary" in evidence.cite("R16")


def test_short_author_names() -> None:
    assert evidence.short_authors("Thomas J. Miles; Adam B. Cox") == "Miles & Cox"
    assert evidence.short_authors("Elina Treyger; Aaron Chalfin; Charles Loeffler") == "Treyger et al."
    assert evidence.short_authors("Uma De Balanzó; Núria Rodríguez-Planas; Jennifer Roff") == "De Balanzó et al."
    assert evidence.short_authors("City of Minneapolis (Emergency Management)") == "City of Minneapolis"


def test_table_links_every_study() -> None:
    shown = evidence.table(findings(domain="crime"))
    assert len(shown) == 17
    html = shown._repr_html_()
    assert html.count("<a href=") == 17 and "sign flipped" in html


# --- explorers --------------------------------------------------------------------------------


def test_explorer_first_control_is_the_domain_and_an_empty_choice_says_so() -> None:
    box = evidence.explorer(default_domain="crime", name="test-evidence")
    first_key, first = next(iter(box.controls.items()))
    assert first_key == "domain" and isinstance(first, widgets.Dropdown) and first.value == "crime"
    box.controls["policy"].value = "raid"
    assert "No data for this selection" in box.current.data and "Raids" in box.current.data
    box.controls["policy"].value = "all"
    assert isinstance(box.current, evidence.View)


def test_explorer_redraws_for_every_domain() -> None:
    box = evidence.explorer(default_domain="crime", name="test-evidence-speed")
    control = box.controls["domain"]
    values = [v for _, v in evidence.domain_options()]
    for value in values:
        if value == control.value:
            continue
        before = box.current
        control.value = value
        assert box.current is not before and box.current is not None, value


def test_card_explorer_lists_the_domain() -> None:
    box = evidence.card_explorer("crime", name="test-card")
    control = box.controls["row_id"]
    assert len(control.options) == 17
    control.value = "R12"
    assert "Hausman (2020)" in box.current.data


def test_no_missing_value_marker_reaches_a_reader() -> None:
    """Studies without a title in the table (e.g. R45, R62) print a plain note, never '<NA>' or 'nan'."""
    every = evidence.findings(include_secondary=True)
    texts = [evidence.references_markdown(every), *(evidence.card_text(r) for r in every["row_id"])]
    texts.append(evidence.table(every).frame.to_string())
    for chunk in texts:
        assert "<NA>" not in chunk and "*nan*" not in chunk and " nan." not in chunk
    assert "Title not recorded in the findings table" in evidence.card_text("R62")


def test_cards_keep_dollar_signs_literal() -> None:
    card = evidence.card("R81").data
    assert "$" not in card.replace(text.DOLLAR, "")


# --- labels, design filter, counts, periods, explorer cache -----------------------------------


def test_other_domain_label_names_what_its_rows_are_about(everything: pd.DataFrame) -> None:
    other = everything[everything["outcome_domain"] == "other"]
    themes = {t: set(other.loc[other["outcome"].str.contains(p, regex=True), "row_id"]) for t, p in
              evidence.OTHER_THEMES.items()}  # fmt: skip
    assert set().union(*themes.values()) == set(other["row_id"])  # every row has a theme
    assert all(themes.values())  # every theme has a row
    assert themes["family separation"] == {"R72", "R73"} and themes["a detainer ruling"] == {"R78", "R79"}
    label = evidence.DOMAINS["other"]
    assert all(t in label for t in themes) and "family separation" in label


def test_design_classes_is_public_and_strict() -> None:
    assert evidence.design_classes("did") == {"difference_in_differences", "event_study", "synthetic_control"}
    assert evidence.design_classes("all") is None and evidence.design_classes(None) is None
    assert "matched_cross_section" not in (evidence.design_classes("causal") or set())
    assert evidence.design_classes.__doc__
    with pytest.raises(ValueError, match="Unknown design"):
        evidence.design_classes("rct")


def test_counts_sentence_reads_well_at_zero_one_and_many() -> None:
    assert evidence.null_clause(0) == "no finding reports a null result (no detectable effect)"
    assert evidence.null_clause(1) == "1 reports no detectable effect"
    assert evidence.null_clause(3) == "3 report no detectable effect"
    zero = evidence.counts_sentence(findings(rows=["R16"]))  # one finding, with an effect, from a causal design
    assert zero.startswith("**1 finding** from 1 study:") and "1 level or count" not in zero
    assert "1 comes from a design that can support" in zero and "no finding reports a null result" in zero
    assert "none report" not in zero
    one = evidence.counts_sentence(findings(rows=["R14", "R16"]))  # R14's interval includes zero
    assert "; 1 reports no detectable effect." in one
    many = evidence.counts_sentence(findings(domain="crime"))
    assert many.startswith("**17 findings** from") and " report no detectable effect." in many
    none_causal = evidence.counts_sentence(findings(rows=["R01"]))
    assert "None comes from a design that can support a causal claim" in none_causal


def test_period_is_shown_in_tables_lists_and_tooltips() -> None:
    crime = findings(domain="crime")
    listed = evidence.direction_only(crime).frame.set_index("Finding")
    assert listed.loc["R24", "When"].startswith("period not stated")  # R24 states no period
    assert listed.loc["R12", "When"] == evidence.value("R12", "period")
    shown = evidence.table(crime).frame.set_index("Finding")
    assert shown.loc["R01", "When"].startswith("period not stated")
    spec = forest_chart(crime, title="Crime").to_dict()
    rows = {r["row_id"]: r for r in spec["datasets"]["findings"]}
    assert rows["R17"]["period_label"] == evidence.value("R17", "period")
    assert rows["R01"]["period_label"].startswith("period not stated")
    tooltip_fields = {
        t["field"] for layer in spec["spec"]["layer"] for t in layer.get("encoding", {}).get("tooltip", [])
    }
    assert "period_label" in tooltip_fields


def test_explorer_caches_each_selection_and_draws_what_forest_chart_draws() -> None:
    first = evidence.explorer_view("labor_market")
    again = evidence.explorer_view("labor_market", statuses=["verified", "verified_summary"])
    assert again.parts[1] is first.parts[1]  # the chart of a repeated selection comes from the cache
    for domain in ("all", "crime", "health", "other", "education"):
        df = findings(domain=domain)
        fast = evidence.explorer_view(domain).parts[1].to_dict()
        slow = forest_chart(df, title=fast["title"]["text"]).to_dict()
        assert fast == slow, domain


def test_explorer_chart_title_uses_the_short_domain_name() -> None:
    """Long domain labels ("Other (costs, …)") ran past the chart's edge; the title keeps the short name."""
    _, chart, _ = evidence._explorer_parts("other", "all", "all", evidence.DEFAULT_STATUSES)
    title = chart.to_dict()["title"]
    text = title["text"] if isinstance(title, dict) else title
    assert text.startswith("Other: ") and "(" not in text.split(":")[0]
