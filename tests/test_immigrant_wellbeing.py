"""Notebook 06's helpers read the findings and facts faithfully: who was studied, when, what transfers to Minnesota."""

from __future__ import annotations

import pytest

from helpers import evidence
from helpers import immigrant_wellbeing as iw
from helpers.widgets import NoData


def test_the_notebook_discusses_health_schooling_programs_and_family_rows() -> None:
    six = iw.six_findings()
    assert len(six) == 28
    assert six.groupby("topic").size().to_dict() == {"health": 9, "education": 13, "safety_net": 4, "family": 2}
    assert set(iw.six_findings("family")["row_id"]) == {"R72", "R73"}
    # secondary rows (SPPS absences R62, Wong's public assistance R06) only when asked for
    assert not {"R62", "R06"} & set(six["row_id"])
    assert {"R62", "R06"} <= set(iw.six_findings(include_secondary=True)["row_id"])
    assert set(iw.six_findings(["safety_net", "family"])["row_id"]) == {"R15", "R49", "R50", "R51", "R72", "R73"}


def test_population_rules_sort_each_finding_into_a_group() -> None:
    assert iw.population_group("Hispanic citizen-headed households") == iw.HISPANIC
    assert (
        iw.population_group("Latin American-born adults 18-60 in households with at least one noncitizen")
        == iw.HISPANIC
    )
    assert iw.population_group("high school students (all; larger for migrant, Hispanic, EL students)") == iw.STUDENTS
    assert iw.population_group("Latinx and Asian immigrants in California (n=1,681)") == iw.LATINO_ASIAN
    assert iw.population_group("children of non-citizen parents") == iw.IMMIGRANT_FAMILIES
    assert iw.population_group("SPPS students whose home language is Spanish") == iw.HISPANIC
    counts = iw.who_counts()
    assert counts["hispanic"] == 18
    assert counts["immigrant_families"] == 5
    assert counts["students"] == 4
    assert counts["latino_asian"] == 1
    assert counts["programs"] == 10  # Secure Communities or 287(g)
    assert counts["causal"] == 11
    assert iw.group_counts().loc["all", "all"] == 28


def test_study_years_read_periods_and_refuse_to_guess() -> None:
    assert iw.study_years("2000-2012") == (2000, 2012)
    assert iw.study_years("1990s (around 1996 welfare reform)") == (1990, 1999)
    assert iw.study_years("2003/04-2012/13") == (2003, 2013)
    assert iw.study_years("August 2018 raid; school years 2011-12 to 2021-22") == (2011, 2022)
    assert iw.study_years("analysis 2012") == (None, None)  # the year of the analysis, not of the data
    assert iw.study_years(None) == (None, None)
    counts = iw.who_counts()
    assert counts["with_period"] == 20 and counts["no_period"] == 8
    assert counts["before_2016"] == 14
    assert counts["after_2024"] == 1  # Dee (2025), the January 2025 Central Valley raids
    frame = iw.period_frame(iw.six_findings())
    assert len(frame) == 20 and (frame["end"] > frame["start"]).all()


def test_worse_rows_follow_the_published_directions() -> None:
    health = iw.six_findings("health")
    plotted = health[health["plotted"]]
    assert iw.worse_rows(plotted) == ["R64", "R65", "R66", "R67", "R68", "R69", "R70"]
    assert evidence.rows_with(plotted, evidence.NO_EFFECT) == ["R63"]  # Novak: RR 1.24, 95% CI 0.98-1.57
    school = iw.six_findings("education")
    assert len(iw.worse_rows(school[school["plotted"]])) == 8
    assert evidence.rows_with(iw.six_findings("safety_net"), evidence.LOWER) == ["R50", "R51"]  # Chaparro, flipped


def test_forest_chart_names_the_family_panel() -> None:
    chart = iw.forest_chart(iw.six_findings(["safety_net", "family"]), title="t", subtitle="s")
    panels = {r["row_id"]: r["panel"] for r in chart.spec["datasets"]["findings"]}
    assert panels["R72"].startswith(iw.FAMILY_PANEL) and panels["R50"].startswith("Public programs")
    assert iw.OTHER_PANEL not in chart.description


def test_charts_have_titles_and_descriptions() -> None:
    for chart in (iw.period_chart(), iw.heritage_chart(), iw.hispanic_map()):
        spec = chart.to_dict()
        assert spec["title"]["text"] and spec["description"]
    assert "14 of the 20" in iw.period_chart().to_dict()["title"]["text"]


def test_minnesota_side_comes_from_facts_and_county_tables() -> None:
    heritage = iw.heritage_groups().set_index("group")
    assert heritage.loc["Mexican", "people"] == 207000
    assert heritage.loc["Somali", "born_abroad_pct"] == 62
    assert heritage.loc["Hmong", "born_abroad_pct"] == 32
    assert heritage.loc["Karen"].isna()["people"]  # no source: no number, never a zero
    refugees = iw.refugee_origins()
    assert refugees.loc["Burma", "Refugees, FY2000–FY2010"] == 3546
    assert refugees.loc["Somali", "Refugees, FY2000–FY2010"] == 14312
    born = iw.birth_countries_2018().set_index("Country of birth")
    assert born.iloc[0].name == "Mexico" and born.loc["Mexico"].iloc[0] == 12
    s = iw.shares()
    assert s["mn_hispanic"] == pytest.approx(5.38, abs=0.01)
    assert s["us_hispanic"] == pytest.approx(18.01, abs=0.01)
    assert s["mn_counties_above_us_hispanic"] == 2  # Nobles and Watonwan
    top = iw.top_hispanic_counties()
    assert list(top.index[:2]) == ["Nobles", "Watonwan"]
    assert {"Hennepin", "Ramsey"} <= set(top.index)


def test_transfer_table_names_populations_from_the_findings() -> None:
    table = iw.transfer_table().frame.set_index("Topic")
    assert table.loc["Public programs", "Findings"] == "R15, R49, R50, R51"
    assert "Hispanic or Latino people (3)" in table.loc["Public programs", "Who was studied (number of findings)"]
    assert (
        "secondary" in table.loc["Schooling", "What the studies do not establish for Somali, Hmong or Karen residents"]
    )


def test_facts_markdown_groups_keys_and_marks_secondary() -> None:
    text = iw.facts_markdown()
    assert text.count("484,192 foreign-born residents") == 1
    assert "secondary: reported, not verified" in text


def test_empty_selections_raise_nodata_with_advice() -> None:
    with pytest.raises(NoData, match="back to 'All'"):
        iw.who_view("safety_net", iw.STUDENTS)
    with pytest.raises(NoData):
        iw.six_findings("family", design="causal")
    with pytest.raises(ValueError):
        iw.six_findings("housing")
    assert len(iw.who_view("all", iw.HISPANIC)) == 18


def test_explorers_answer_every_choice() -> None:
    for explorer, values in (
        (iw.who_explorer(name="test-who"), [t for _, t in iw.topic_options()]),
        (iw.card_explorer(name="test-card"), [r for _, r in iw.card_options()]),
    ):
        control = next(iter(explorer.controls.values()))
        for value in values:
            if value == control.value:
                continue
            before = explorer.current
            control.value = value
            assert explorer.current is not before and explorer.current is not None, value
    card_labels = dict((r, label) for label, r in iw.card_options())
    secondary = evidence.STATUS_LABELS["secondary"]  # one label for secondary reports across the series
    assert card_labels["R62"].endswith(secondary) and secondary not in card_labels["R64"]


def test_other_policies_are_counted_from_the_policy_column() -> None:
    six = iw.six_findings()
    text = iw.other_policies_text(six)
    # 28 findings: 10 on Secure Communities or 287(g); the other 18 on enforcement in general, raids, sanctuary policies
    assert text.startswith("enforcement in general (10: ")
    assert text.endswith("raids (6) or sanctuary policies (2)")
    assert iw.other_policies_text(six[six["policy"] == "raid"]) == "raids (6)"
    assert iw.other_policies_text(six[six["policy"] == "287g"]) == "no other policy"


def test_interval_reading_says_which_intervals_exclude_no_difference() -> None:
    text = iw.interval_reading(iw.six_findings("health"))
    lines = text.splitlines()
    assert len(lines) == 4
    novak, tome, young, bare = lines
    assert "Novak" in novak and "0.98 to 1.57, which includes 1" in novak
    assert "Tome" in tome and "−83.52 to −33.54, which lies entirely below 0" in tome
    assert "Young" in young and "1.1 to 1.5, which lies entirely above 1" in young and "association" in young
    assert "Wang & Kaushal (2019)" in bare and "4 estimates, 1 of them only a range" in bare
    assert "Herring & Barnow (2025)" in bare and "(1 estimate)" in bare
    assert "association" not in tome  # a difference-in-differences can support a causal claim


def test_secure_communities_rollout_is_dated_by_the_findings() -> None:
    ro = iw.secure_communities_rollout()
    assert ro.text == "Oct 2008–Jan 2013" and ro.row_id == "R16"
    assert ro.start == pytest.approx(2008.75) and ro.end == pytest.approx(2013 + 1 / 12)
    assert ro.agree == ("Goncalves et al. (2024)", "Hines & Peri (2019)", "East et al. (2023)")
    assert ro.differ == ("Alsan & Yang (2022)",)  # its period reads "Secure Communities rollout 2008-2014"
    sentence = iw.rollout_sentence()
    assert "3 of the 4 studies" in sentence and "658 jurisdictions" in sentence and "verified" in sentence
    spec = iw.period_chart().to_dict()
    assert "Oct 2008–Jan 2013 (Goncalves et al. (2024), R16)" in spec["description"]


def test_birth_countries_text_lists_the_fact_and_splits_hmong() -> None:
    text = iw.birth_countries_text()
    assert "Mexico 12%; Somalia 8%; India 6%; Laos 5%; Ethiopia 5%" in text
    assert "together account for 36%" in text
    assert "about 28,000 Minnesotans had been born in Laos and 17,000 in Thailand" in text
