"""Minnesota in context (notebook 02): real values from data/, and selections without data that say so."""

from __future__ import annotations

import statistics
import time

import pandas as pd
import pytest

from helpers import minnesota
from helpers.charts import check_spec
from helpers.widgets import NoData


def test_minnesota_agreements_on_the_latest_sheet() -> None:
    a = minnesota.mn_agreements()
    assert len(a) == 12 and int(a["in_force"].sum()) == 10
    dropped = a[~a["in_force"]]
    assert set(dropped["county_name"]) == {"Jackson"} and len(dropped) == 2
    sherburne = a[a["county_name"] == "Sherburne"].iloc[0]
    assert sherburne["model"] == "Jail Enforcement Model" and sherburne["signed_date"] == pd.Timestamp("2025-10-17")
    freeborn = a[a["county_name"] == "Freeborn"].iloc[0]
    assert freeborn["first_listed"] == pd.Timestamp("2025-03-27")  # earliest of ICE's three versions
    assert set(a.loc[a["level"] == "city police", "agency"]) == {
        "Isle Police Department",
        "International Falls Police Department",
    }


def test_county_status_categories() -> None:
    s = minnesota.county_status().set_index("county_name")["category"]
    assert s["Cass"] == s["Crow Wing"] == s["Mille Lacs"] == minnesota.CAT_TASK_FORCE
    assert s["Sherburne"] == minnesota.CAT_JAIL
    assert s["Freeborn"] == s["Kandiyohi"] == minnesota.CAT_WARRANT
    assert s["Koochiching"] == minnesota.CAT_CITY
    assert s["Jackson"] == minnesota.CAT_GONE == "287(g) disappeared from ICE's list"
    assert s["Hennepin"] == s["Ramsey"] == minnesota.CAT_JAIL_POLICY
    assert s["Nobles"] == minnesota.CAT_COURT
    assert set(s) <= set(minnesota.MAP_CATEGORIES)
    assert not any("refuse" in c or "dropped" in c or c.startswith("Sheriff has") for c in minnesota.MAP_CATEGORIES)
    spec = minnesota.county_map().to_dict()
    check_spec(spec)
    assert spec["title"]["text"].startswith("ICE lists 287(g) agreements for 7 sheriffs")
    # Nobles and Jackson touch: Nobles' name goes under its county so the two labels do not run together
    assert minnesota.LABEL_PLACEMENT["Nobles"] == "south"


def test_written_policies_are_not_the_whole_picture() -> None:
    d = minnesota.detainer_practice().set_index("county_name")
    assert d.loc["Anoka", "declined_pct_of_outcomes"] == pytest.approx(69.23, abs=0.01)  # as in notebook 03
    assert list(d.index[:4]) == ["Hennepin", "Ramsey", "Anoka", "Nobles"]
    text = minnesota.detainer_practice_text()
    assert "every county" in text and "Anoka 69%" in text and "27 county jails" in text


def test_november_2025_count_matches_the_news() -> None:
    assert minnesota.sheriff_counties_on("2025-11-01") == 8  # the Star Tribune counted eight counties


def test_cities_and_neighbours() -> None:
    cities = minnesota.city_policies()
    assert {"Minneapolis", "St. Paul", "Isle", "International Falls"} == set(cities["City"])
    assert cities["Since (source; confidence)"].iloc[0].startswith("2003-09-26")
    nb = minnesota.neighbours().set_index("state_abbr")["n_agreements"]
    assert nb["MN"] == 10 and nb["WI"] == 23 and nb["IA"] == 2


def test_timeline_has_sources_and_confidence_for_every_event() -> None:
    e = minnesota.timeline_events()
    assert len(e) == 21 + len(minnesota.FACT_EVENTS)
    assert e["source"].str.len().gt(0).all()
    # the 2008 state agreement comes from a best-guess roster: shown as unverified, agency named once, MOA spelled out
    dps = e[e["event"].str.contains("Department of Public Safety")].iloc[0]
    assert dps["confidence"] == "unverified: the fact sheet doubts it" and dps["event"].startswith("**Unverified.**")
    assert (
        dps["event"].count("Minnesota Department of Public Safety") == 1 and "memorandum of agreement" in dps["event"]
    )
    # no event text cut mid-word; dates in words
    hennepin_2014 = e[(e["date"] == pd.Timestamp("2014-06-01")) & e["event"].str.startswith("Hennepin")].iloc[0]
    assert hennepin_2014["event"].endswith("ICE detainers.") and hennepin_2014["date_as_printed"] == "June 2014"
    assert not e["source"].str.endswith(',"').any()
    assert set(e["confidence"]) <= set(minnesota.CONFIDENCE_SHAPES)
    assert set(e["lane"]) <= set(minnesota.LANES)
    assert e["date"].min() == pd.Timestamp("2003-09-26")
    check_spec(minnesota.timeline_chart().to_dict())


def test_shares_table_reads_plainly_and_names_the_mixed_vintage() -> None:
    t = minnesota.state_shares_table()
    assert not {"state_pct", "weights", "indicator"} & set(t.columns)
    assert "mixed vintages" in t.loc[t["ACS vintage"] == "ACS 2006–2010", "Weighted by"].iloc[0]


def test_population_weighted_state_shares() -> None:
    s = minnesota.state_shares().set_index("column")["state_pct"]
    assert s["foreign_born_pct_acs_2012_2016"] == pytest.approx(7.83, abs=0.01)
    assert s["hispanic_pct_acs_2015_2019"] == pytest.approx(5.38, abs=0.01)
    assert (minnesota.state_shares()["counties"] == 87).all()
    share = minnesota.agreement_counties_share()
    assert share["n_counties"] == 8 and share["with_287g"] < share["others"]


def test_county_comparison_and_its_explorer() -> None:
    hennepin = minnesota.county_vs_state("27053").set_index("label")
    assert hennepin.loc["Born outside the U.S., ACS 2012–2016", "county_pct"] == pytest.approx(13.442, abs=0.001)
    table = minnesota.county_table("27053")
    assert list(table["ACS vintage"]) == [
        "ACS 2006–2010",
        "ACS 2012–2016",
        "ACS 2011–2015",
        "ACS 2012–2016",
        "ACS 2015–2019",
    ]
    spec = minnesota.county_view("27053").to_dict()
    check_spec(spec)
    assert spec["title"]["text"].startswith("Hennepin County: 13.4% born abroad")
    assert sum(len(v) for v in spec["datasets"].values()) == 5 + 10


def test_unknown_county_says_so() -> None:
    with pytest.raises(NoData, match="no Minnesota county"):
        minnesota.county_vs_state("99999")


def test_county_callback_is_fast() -> None:
    options = [f for _, f in minnesota.county_options()]
    minnesota.county_view(options[0])
    times = []
    for f in options[:40]:
        started = time.perf_counter()
        minnesota.county_view(f)._repr_mimebundle_()
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.05


def test_claim_periods_follow_the_fact_sheet() -> None:
    in_2017 = minnesota.status_in("2017-06-30").set_index("claim")["status"]
    assert in_2017["(g2) Driver's licences regardless of status"] == "Does not hold"
    assert in_2017["(g1) In-state tuition for undocumented students"] == "Holds"
    assert in_2017["(f) ICE has not concentrated in Minnesota"] == "Cannot be checked"
    now = minnesota.status_in("2026-01-15").set_index("claim")["status"]
    assert now["(g1) In-state tuition for undocumented students"] == "Holds (challenged in court)"
    assert set(minnesota.claim_periods()["status"]) <= set(minnesota.STATUS_COLOURS)
    p = minnesota.claim_periods()
    licences = p[p["claim"].str.startswith("(g2)")]
    assert licences["start"].iloc[1] == pd.Timestamp("2023-10-01")
    surge = p[p["claim"].str.startswith("(f)")]
    assert surge["start"].iloc[1] == pd.Timestamp("2025-12-01") and surge["status"].iloc[1] == "Does not hold"
    spec = minnesota.claims_chart().to_dict()
    check_spec(spec)
    assert len(spec["vconcat"]) == 2  # the zoomed panel keeps the short recent segments visible


def test_surge_arrest_rates() -> None:
    from helpers.pipeline_minnesota import arrests_summary

    r = minnesota.surge_arrest_rates()
    assert r["before_per_day"] == pytest.approx(7.0, abs=0.05)
    assert (r["during_from"], r["during_to"]) == (pd.Timestamp("2025-12-01"), pd.Timestamp("2026-02-12"))
    assert r["during_total"] == 3681 and r["during_per_day"] == pytest.approx(49.74, abs=0.01)
    assert r["during_per_day"] == pytest.approx(arrests_summary()["per_day_during"])  # notebook 03's window


def test_texts_state_authority_and_periods_as_the_sources_do() -> None:
    push, jails = minnesota.pushback_text(), minnesota.jail_policies_text()
    assert "issued a formal opinion" in push and "ruled" not in push and '"null and void"' in push
    assert "20 January 2025" in jails and "first nine months of 2025" not in jails and "In 2025–26" not in jails
    assert "fewer than 10 detainers a year" in jails and "honored per year" not in jails and "2014-06;" not in jails
    assert "listing is ICE's record, not proof" in minnesota.agreements_text()


def test_plain_average_question() -> None:
    from helpers.checks import check

    assert check("02-plain-average", 3.48) and not check("02-plain-average", 7.8)
