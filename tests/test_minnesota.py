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
    assert s["Cass"] == s["Crow Wing"] == s["Mille Lacs"] == "Sheriff has 287(g): task force model"
    assert s["Sherburne"] == "Sheriff has 287(g): jail enforcement model"
    assert s["Freeborn"] == s["Kandiyohi"] == "Sheriff has 287(g): warrant service officer only"
    assert s["Koochiching"] == "Only a city police department has 287(g)"
    assert s["Jackson"] == "287(g) dropped from ICE's list"
    assert s["Hennepin"] == s["Ramsey"] == "Jail refuses ICE detainers without a judge's order"
    assert s["Nobles"] == "Court barred holding people for ICE"
    assert set(s) <= set(minnesota.MAP_CATEGORIES)
    check_spec(minnesota.county_map().to_dict())


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
    assert set(e["confidence"]) <= set(minnesota.CONFIDENCE_SHAPES)
    assert set(e["lane"]) <= set(minnesota.LANES)
    assert e["date"].min() == pd.Timestamp("2003-09-26")
    check_spec(minnesota.timeline_chart().to_dict())


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
    p = minnesota.claim_periods()
    licences = p[p["claim"].str.startswith("(g2)")]
    assert licences["start"].iloc[1] == pd.Timestamp("2023-10-01")
    surge = p[p["claim"].str.startswith("(f)")]
    assert surge["start"].iloc[1] == pd.Timestamp("2025-12-01") and surge["status"].iloc[1] == "Does not hold"
    check_spec(minnesota.claims_chart().to_dict())


def test_surge_arrest_rates() -> None:
    r = minnesota.surge_arrest_rates()
    assert r["before_per_day"] == pytest.approx(7.0, abs=0.05)
    assert r["during_total"] == 3771 and r["during_per_day"] > 5 * r["before_per_day"]
