"""helpers.cite: one way to cite facts, findings and tables, and the three confidence labels readers meet."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import cite, load
from helpers.cite import Fact, fact, facts_in_section


def _fact(**changes) -> Fact:
    base = dict(
        key="k", statement="ICE said a thing.", value=None, value_text=None, unit=None, date=dt.date(2019, 9, 26),
        date_precision="day", confidence="verified", source_text="ICE, web page", url=None, section="p2-A",
    )
    return Fact(**{**base, **changes})


# --- the three labels --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "words", "established"),
    [
        ("verified", "verified", True),
        ("verified_summary", "summary only", True),
        ("secondary", "not verified: context only", False),
        ("unverified", "not verified: context only", False),
        (None, "not verified: context only", False),
        ("something new", "not verified: context only", False),
    ],
)
def test_every_status_maps_onto_one_of_three_labels(status, words, established) -> None:
    conf = cite.label(status)
    assert (conf.label, conf.established) == (words, established)


def test_only_three_labels_exist_and_each_has_a_glossary_anchor() -> None:
    table = cite.confidence_table()
    assert table["Label"].tolist() == ["verified", "summary only", "not verified: context only"]
    glossary = (cite.catalog.paths.NOTEBOOKS_DIR / cite.GLOSSARY).read_text(encoding="utf-8")
    for conf in {c.anchor for c in cite.CONFIDENCE.values()}:
        assert f'<a id="{conf}"></a>' in glossary


def test_weak_labels_are_italic_in_prose() -> None:
    assert cite.label("secondary").markdown() == "*not verified: context only*"
    assert cite.label("verified").markdown() == "verified"


# --- facts, on made-up values --------------------------------------------------------------------


def test_cite_puts_number_source_date_and_label_together() -> None:
    f = _fact(value=735.0, value_text="735", unit="counties", source_text="ILRC, press release", date=dt.date(2018, 1, 25))
    assert f.cite() == "735 counties (ILRC, press release; 2018-01-25; verified)"


def test_a_weak_fact_is_never_established_and_says_so() -> None:
    f = _fact(confidence="secondary", value=3000.0, value_text="about 3,000", unit="agents")
    assert not f.established and f.cite().endswith("*not verified: context only*)")


def test_an_agency_statement_is_quoted_as_the_agency_argument() -> None:
    assert _fact(agency_statement=True).quote() == "*Agency statement:* ICE said a thing (verified)."
    assert _fact().quote() == "ICE said a thing (verified)."
    sheet_words = _fact(agency_statement=True, statement="AGENCY STATEMENT, with figure. ICE claims a thing.")
    assert sheet_words.quote() == "*Agency statement:* ICE claims a thing (verified)."
    own_label = _fact(statement="A court ruled so — *verified (source text)*.", confidence="verified")
    assert own_label.quote() == "A court ruled so (verified)."
    in_brackets = _fact(statement="A sheriff said so (Star Tribune, 2026-02 — verified (source text)).")
    assert in_brackets.quote() == "A sheriff said so (Star Tribune, 2026-02) (verified)."


def test_a_cited_statement_is_one_sentence_with_its_source_date_and_label_once() -> None:
    dated = _fact(statement="2019-09-26: ICE said a thing (ICE, web page, https://ice.gov/x — verified (source text)).",
                  url="https://ice.gov/x")
    assert dated.quote(cited=True) == "ICE said a thing ([ICE, web page](https://ice.gov/x); 2019-09-26; verified)."
    in_words = _fact(statement="A ruling of 2019-09-26 — secondary (single tracker site), verify.", source_text=None,
                     confidence="secondary")
    assert in_words.quote(cited=True) == "A ruling of 2019-09-26 (*not verified: context only*)."
    case = _fact(statement="Decided in Esparza v. Nobles County, A18-2011 (Casetext — verified (source text)).",
                 source_text="Casetext")
    assert case.quote(cited=True) == "Decided in (name withheld) v. Nobles County, A18-2011 (Casetext; 2019-09-26; verified)."


def test_note_can_leave_the_date_out() -> None:
    assert _fact().note(dated=False) == "(ICE, web page; verified)"
    assert _fact().note() == "(ICE, web page; 2019-09-26; verified)"


def test_short_authors() -> None:
    assert cite.short_authors("Thomas J. Miles; Adam B. Cox") == "Miles & Cox"
    assert cite.short_authors("A One; B Two; C Three") == "One et al."
    assert cite.short_authors("Catalina Amuedo-Dorantes; Monica Deza") == "Amuedo-Dorantes & Deza"
    assert cite.short_authors("Maria de la Cruz Garcia; X Y") .startswith("Garcia")
    assert cite.short_authors("Transactional Records Access Clearinghouse (TRAC), Syracuse University") == (
        "Transactional Records Access Clearinghouse"
    )
    assert cite.short_cite("A One", None) == "One (n.d.)"
    assert cite.short_authors("Star Tribune (Minneapolis) staff") == "Star Tribune"
    assert cite.short_authors("CNN data analysis (reporters not named in retrieved text)") == "CNN"


def test_a_study_with_several_rows_is_cited_with_one_year() -> None:
    rows = load("research_findings")
    years = rows.groupby("study_id")["year"].nunique()
    study = years[years > 1].index[0]  # e.g. a working paper and its published version
    names = {cite.finding(r).split("](")[0] for r in rows.loc[rows["study_id"] == study, "row_id"]}
    assert len(names) == 1 and cite.study_cite(study) in next(iter(names))


# --- on the built tables -----------------------------------------------------------------------


def test_fact_by_key_and_by_item_id() -> None:
    ilrc = fact("ilrc_735_counties_2018")
    assert ilrc.value == 735 and ilrc.date == dt.date(2018, 1, 25) and ilrc.established
    assert fact("s3-9").key == "s3-9"
    with pytest.raises(KeyError, match="ilrc_735_counties_2018"):
        fact("ilrc_735_counties")


def test_weak_facts_of_the_sheet_are_marked() -> None:
    assert "not verified" in fact("metro_surge_peak_agents").cite()
    assert "not verified" in fact("s9-1").cite()
    assert fact("mn_v_dhs_lawsuit_2026").established  # a label on a URL alone does not demote the filing


def test_sections() -> None:
    assert facts_in_section("7.2")["item_id"].nunique() == 12
    assert set(facts_in_section("2")["section"]) == {"2.1", "2.2", "2.3", "2.4", "2.5"}


def test_facts_markdown_lists_each_statement_once_without_ids_or_repeated_dates() -> None:
    text = cite.facts_markdown(["ilrc_735_counties_2018", "ilrc_735_counties_2018", "s3-9", "s2.5-9"])
    assert text.count("\n") == 2 and "`" not in text and "s3-9" not in text
    kaxe = text.splitlines()[-1]
    assert kaxe.startswith("- Cass and Itasca boards") and kaxe.endswith("(KAXE, 2026-01-28; verified).")
    assert kaxe.count("2026-01-28") == 1 and "…" not in text  # each statement whole, dated once


def test_finding_citation_links_and_labels() -> None:
    rows = load("research_findings").set_index("row_id")
    strong = rows[rows["verification_status"] == "verified"].index[0]
    weak = rows[rows["verification_status"] == "secondary"].index[0]
    assert "not verified" not in cite.finding(strong) and cite.finding(strong).startswith("[")
    assert cite.finding(weak).endswith("(*not verified: context only*)")
    with pytest.raises(KeyError, match="'R999' is not one of the choices"):
        cite.finding("R999")


def test_references_list_each_study_once() -> None:
    rows = load("research_findings")
    study = rows["study_id"].value_counts().index[0]  # a study with several rows
    ids = rows.loc[rows["study_id"] == study, "row_id"].tolist()
    same_status = rows.loc[rows["row_id"].isin(ids)].drop_duplicates(["study_id", "verification_status"])
    assert cite.references(ids).count("\n") + 1 == len(same_status)
    hausman = cite.references(["R09", "R10"])
    assert hausman.startswith("- David K. Hausman (2020). *[Sanctuary policies") and hausman.endswith(
        "PNAS 117(44):27262-27267 (verified; findings R09, R10).")


def test_sources_lists_each_table() -> None:
    text = cite.sources(["states", "agreements_287g"])
    assert text.count("\n- ") == 1 and text.startswith("- ")


# --- Bad inputs answered clearly (see tests/test_bad_inputs.py for the census) ---------------------


def test_keys_and_row_ids_forgive_case_spaces_and_zero_padding() -> None:
    assert fact(" S1-1 ") == fact("s1-1")
    assert cite.finding("r16") == cite.finding(" R16 ") == cite.finding("R16")
    assert cite.finding("R9") == cite.finding("R09")
    assert cite.label("Verified") is cite.VERIFIED and cite.label(" verified_summary ") is cite.SUMMARY_ONLY
    assert cite.study_cite(load("research_studies")["study_id"].iloc[0].upper())


def test_one_key_given_where_a_list_belongs_is_a_list_of_one() -> None:
    assert cite.references("R16") == cite.references(["R16"])
    assert cite.findings_inline("R16") == cite.finding("R16")
    assert cite.facts_markdown("s1-1") == cite.facts_markdown(["s1-1"])
    assert cite.sources("states") == cite.sources(["states"])


@pytest.mark.parametrize(("call", "named"), [
    (lambda: fact(None), "NoneType None"), (lambda: fact("   "), "should be text"), (lambda: cite.finding(["R16"]), "list"),
    (lambda: cite.references(None), "NoneType None"), (lambda: cite.study_cite("zz-9"), "zz-9"),
    (lambda: facts_in_section("99"), "section of the fact sheets '99' is not one"), (lambda: cite.year_text("zz-9"), "not a year"),
    (lambda: cite.short_authors(42), "int 42"),
])
def test_a_bad_key_is_named_with_what_to_give(call, named) -> None:
    with pytest.raises((KeyError, TypeError, ValueError), match=named):
        call()


def test_missing_authors_and_years_never_print_none_or_nan() -> None:
    assert cite.short_cite(None, float("nan")) == "Authors not recorded (n.d.)"
    assert cite.short_cite("", "2014") == "Authors not recorded (2014)" and cite.year_text(2014.0) == "2014"
