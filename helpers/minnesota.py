"""Minnesota in context (notebook 02): agreements, limits, a dated timeline, who lives here, the essay's claims.

- `county_status()` / `county_map()`: which counties' agencies ICE lists with 287(g) agreements (model and
  since when), whose listings disappeared from ICE's list, which county jails have written policies
  declining detainers without a judge's order; `detainer_practice_text()` adds what ICE's own surge
  records show jails across the state doing;
  `city_policies()` lists the cities (Minneapolis and St. Paul ordinances, two city police 287(g)
  agreements) in a table beside the map, because data/ holds no city coordinates.
- `timeline_events()` / `timeline_chart()`: events 2003–2026 from the compiled timeline table and the
  fact sheet, each with its source and confidence.
- `state_shares()`, `county_vs_state()` and `county_view()`: foreign-born and Hispanic shares of each
  county against a population-weighted statewide share, every number with its ACS vintage (the data
  end with ACS 2015–2019, so they describe Minnesota a decade ago).
- `claim_periods()` / `claims_chart()`: when each of the essay's Minnesota claims held, from dated facts.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from . import catalog, charts, maps
from .catalog import load
from .enforcement_pipeline import surge_window
from .facts import CONFIDENCE_PHRASES, fact
from .landscape import (
    MODEL_PLAIN,
    SpecChart,
    _agreement_keys,
    _clean_source,
    in_force_on,
    latest_sheet_date,
    short_cite,
    state_ranking,
)
from .text import day, n
from .widgets import NoData

STATE_FIPS = "27"

# ---------------------------------------------------------------------------------------------
# 1. The county map: 287(g) agreements and detainer policies
# ---------------------------------------------------------------------------------------------

TASK_FORCE, JAIL, WARRANT = "Task Force Model", "Jail Enforcement Model", "Warrant Service Officer"
CAT_TASK_FORCE = "ICE lists a sheriff's 287(g): task force model"
CAT_JAIL = "ICE lists a sheriff's 287(g): jail enforcement model"
CAT_WARRANT = "ICE lists a sheriff's 287(g): warrant service officer only"
CAT_CITY = "ICE lists only a city police department's 287(g)"
CAT_GONE = "287(g) disappeared from ICE's list"
CAT_JAIL_POLICY = "Jail policy: no detainer hold without a judge's order"
CAT_COURT = "Court injunction: no holds for ICE (one county, 2019)"
MAP_CATEGORIES: dict[str, str] = {
    CAT_TASK_FORCE: charts.MODEL_COLOURS[TASK_FORCE],
    CAT_JAIL: charts.MODEL_COLOURS[JAIL],
    CAT_WARRANT: charts.MODEL_COLOURS[WARRANT],
    CAT_CITY: charts.OKABE_ITO["reddish_purple"],
    CAT_GONE: charts.OKABE_ITO["yellow"],
    CAT_JAIL_POLICY: charts.OKABE_ITO["bluish_green"],
    CAT_COURT: charts.OKABE_ITO["sky_blue"],
}
# Where a county's name goes when the centre would collide with a neighbour's label: "west" (right-aligned
# at the county's west edge), "east" (left-aligned at its east edge) or "south" (under its south edge).
LABEL_PLACEMENT: dict[str, str] = {"Hennepin": "west", "Ramsey": "east", "Nobles": "south", "Sherburne": "east"}
# Court rulings about one county, from the fact sheet (the fact names the county in words).
COURT_RULINGS: dict[str, str] = {"esparza_v_nobles_2019": "Nobles"}


def mn_agreements() -> pd.DataFrame:
    """Every 287(g) agreement of a Minnesota agency on ICE's sheets, counted once, with its status.

    `first_listed` is the earliest listing of any version of the agreement (ICE re-dated some), and
    `signed_date` the date ICE kept longest. `status` says whether it is on ICE's latest sheet or when
    ICE last listed it.
    """
    rows = _agreement_keys()
    rows = rows[rows["state_abbr"] == "MN"]
    first = rows.groupby("agreement_key")["first_listed"].min()
    kept = rows[rows["counts_as_agreement"].astype(bool)].copy()
    kept["first_listed"] = kept["agreement_key"].map(first)
    latest = latest_sheet_date()
    kept["status"] = [
        "on ICE's latest sheet" if on else f"no longer on ICE's list: last listed {day(last)}"
        for on, last in zip(kept["on_latest_sheet"].astype(bool), kept["last_listed"], strict=True)
    ]
    kept["in_force"] = kept["on_latest_sheet"].astype(bool)
    kept["level"] = kept["agency_type"].map({"County": "sheriff", "Municipality": "city police"}).fillna("other")
    cols = ["agency", "level", "county_fips", "county_name", "model", "signed_date", "first_listed", "last_listed"]
    out = kept[[*cols, "in_force", "status"]].sort_values(["signed_date", "agency", "model"]).reset_index(drop=True)
    out.attrs["latest_sheet"] = latest
    return out


def agreements_table() -> pd.DataFrame:
    """`mn_agreements()` for reading: agency, county, model, signed, first listed by ICE, status."""
    a = mn_agreements()
    return pd.DataFrame(
        {
            "Agency": a["agency"],
            "County": a["county_name"],
            "Model": a["model"].map(MODEL_PLAIN),
            "Signed (ICE's date)": a["signed_date"].dt.strftime("%Y-%m-%d"),
            "First listed by ICE": a["first_listed"].dt.strftime("%Y-%m-%d"),
            "Status": a["status"],
        }
    )


def _detainer_counties() -> pd.DataFrame:
    """Counties whose jail policy on detainers is in the compiled timeline, with the earliest such event."""
    t = load("mn_cooperation_timeline")
    d = t[(t["event_type"] == "detainer_policy") & t["county_fips"].notna()].sort_values("date")
    return d.drop_duplicates("county_fips")[["county_fips", "county_name", "date", "description", "source_name"]]


def county_status() -> pd.DataFrame:
    """One row per Minnesota county with a 287(g) agreement or a known detainer policy: category and details.

    A county whose sheriff holds agreements is coloured by the most far-reaching model (task force, then
    jail enforcement, then warrant service only); a county where only a city police department holds one
    gets its own colour, so a city's agreement is never shown as the sheriff's.
    """
    a = mn_agreements()
    counties = load("mn_counties").set_index("county_name")["county_fips"]
    rows: dict[str, dict[str, Any]] = {}
    for fips, grp in a.groupby("county_fips"):
        live = grp[grp["in_force"]]
        sheriff = live[live["level"] == "sheriff"]
        if not sheriff.empty:
            models = set(sheriff["model"])
            cat = next(
                c
                for c, m in (
                    (CAT_TASK_FORCE, TASK_FORCE),
                    (CAT_JAIL, JAIL),
                    (CAT_WARRANT, WARRANT),
                )
                if m in models
            )
        elif not live.empty:
            cat = CAT_CITY
        else:
            cat = CAT_GONE
        detail = "; ".join(
            f"{r.agency}: {MODEL_PLAIN[r.model]}, signed {r.signed_date:%Y-%m-%d}"
            + ("" if r.in_force else f" ({r.status})")
            for r in grp.itertuples()
        )
        rows[str(fips)] = {"county_name": grp["county_name"].iloc[0], "category": cat, "detail": detail}
    for d in _detainer_counties().itertuples():
        rows.setdefault(str(d.county_fips), {"county_name": d.county_name, "detail": ""})
        rows[str(d.county_fips)]["category"] = CAT_JAIL_POLICY
        rows[str(d.county_fips)]["detail"] = f"Since {d.date:%B %Y}: {d.description} ({d.source_name})"
    for key, name in COURT_RULINGS.items():
        f = fact(key)
        fips = str(counties[name])
        if fips not in rows:
            rows[fips] = {"county_name": name, "category": CAT_COURT, "detail": ""}
        rows[fips]["detail"] = (rows[fips]["detail"] + "; " if rows[fips]["detail"] else "") + f.statement[:220]
    out = pd.DataFrame.from_dict(rows, orient="index").rename_axis("county_fips").reset_index()
    out["order"] = out["category"].map({c: i for i, c in enumerate(MAP_CATEGORIES)})
    return out.sort_values(["order", "county_name"]).drop(columns="order").reset_index(drop=True)


def county_map() -> alt.LayerChart:
    """Minnesota's counties by their 287(g) status and detainer policy (categorical colours; grey: neither known)."""
    status = county_status()
    a = mn_agreements()
    live = a[a["in_force"]]
    n_counties = live.loc[live["level"] == "sheriff", "county_fips"].nunique()
    gone = status.loc[status["category"] == CAT_GONE, "county_name"].tolist()
    declining = set(status.loc[status["category"] == CAT_JAIL_POLICY, "county_name"])
    largest = set(_indicators().nlargest(len(declining), "population_acs_2012_2016")["county_name"])
    words = {1: "one", 2: "two", 3: "three"}
    who = (
        f"the {words.get(len(declining), n(len(declining)))} largest counties"
        if declining == largest
        else " and ".join(sorted(declining))
    )
    chart = maps.minnesota_choropleth(
        status,
        value="category",
        value_type="N",
        colors=MAP_CATEGORIES,
        legend_title="County",
        tooltip=[("category", "Status", "N"), ("detail", "Details", "N")],
        title=f"ICE lists 287(g) agreements for {n(n_counties)} sheriffs; {who} decline detainers by written policy",
        subtitle=[
            f"Agreements as ICE's sheet of {day(latest_sheet_date())} lists them (a listing is not proof an agreement "
            "is in force); written jail policies from the compiled timeline",
            "Grey: no agreement listed and no written policy compiled here; many grey jails also decline detainers",
        ],
        description=(
            f"Map of Minnesota's 87 counties. ICE's latest sheet lists a sheriff's 287(g) agreement in {n(n_counties)} "
            f"counties, all outside the Twin Cities core; in {', '.join(gone) or 'no county'} the agreements disappeared "
            "from ICE's list; Hennepin and Ramsey county jails have written policies not to hold people on ICE "
            "detainers without a judge's order; a court injunction bars Nobles County from holding people for ICE."
        ),
    )
    points = status.merge(county_label_points(), on="county_fips")
    place = points["county_name"].map(LABEL_PLACEMENT).fillna("center")
    spots = {
        "center": ("lon", "lat", "center", "middle", 0, 0),
        "west": ("lon_min", "lat", "right", "middle", -3, 0),
        "east": ("lon_max", "lat", "left", "middle", 3, 0),
        "south": ("lon", "lat_min", "center", "top", 0, 3),
    }
    for where, (lon, lat, align, baseline, dx, dy) in spots.items():
        if (place == where).any():
            chart.layer.append(
                alt.Chart(points[place == where])
                .mark_text(
                    fontSize=10, fontWeight="bold", color="#111111", align=align, baseline=baseline, dx=dx, dy=dy
                )
                .encode(longitude=f"{lon}:Q", latitude=f"{lat}:Q", text="county_name:N")
            )
    # The series theme lays legends out horizontally (for legends under a chart); this one sits at the right.
    return chart.configure_legend(direction="vertical", labelLimit=320, orient="right")


@lru_cache(maxsize=1)
def county_label_points() -> pd.DataFrame:
    """Label positions for each Minnesota county from its boundary in mn_counties_geo: the centre of its
    bounding box (lon, lat), its west and east edges and its south edge (for labels set beside a county)."""
    geo = catalog.read_json(maps.MN_GEO)
    rows = []
    for feature in geo["features"]:
        g = feature["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        ring = max((p[0] for p in polys), key=len)
        lons, lats = [pt[0] for pt in ring], [pt[1] for pt in ring]
        rows.append(
            {
                "county_fips": feature["properties"]["county_fips"],
                "lon": (min(lons) + max(lons)) / 2,
                "lat": (min(lats) + max(lats)) / 2,
                "lon_min": min(lons),
                "lon_max": max(lons),
                "lat_min": min(lats),
            }
        )
    return pd.DataFrame(rows)


def _dated(key: str) -> str:
    """'date (source; confidence)' of a fact, for tables that give the date of an event."""
    f = fact(key)
    where = [f.source_text] if f.source_text else []
    where.append(CONFIDENCE_PHRASES.get(f.confidence, CONFIDENCE_PHRASES["unlabelled"]))
    return f"{f.date_as_printed} ({'; '.join(where)})"


def city_policies() -> pd.DataFrame:
    """Cities in the picture, with their policy and date (a table beside the map: data/ has no city coordinates)."""
    rows = [
        (
            "Minneapolis",
            "Hennepin",
            "Separation ordinance (Code ch. 19): police may not ask about immigration status or detain people "
            "for civil immigration violations",
            _dated("mpls_separation_ordinance_2003"),
        ),
        (
            "Minneapolis",
            "Hennepin",
            "Ordinance strengthened: no city staff, property, data or agreements for civil immigration enforcement",
            _dated("mpls_ordinance_strengthened_2025"),
        ),
        (
            "St. Paul",
            "Ramsey",
            "Chapter 44: no city programs to enforce civil immigration law; services regardless of status",
            _dated("stpaul_chapter44_2004"),
        ),
        (
            "St. Paul",
            "Ramsey",
            "Ordinance 26-5: no staging of immigration operations on city property",
            _dated("stpaul_ordinance_26_5_2026"),
        ),
    ]
    a = mn_agreements()
    for r in a[(a["level"] == "city police") & a["in_force"]].itertuples():
        rows.append(
            (
                r.agency.replace(" Police Department", ""),
                r.county_name,
                f"287(g) {MODEL_PLAIN[r.model]} agreement of the {r.agency}",
                f"signed {r.signed_date:%Y-%m-%d} (ICE's 287(g) sheets; on the sheet of {day(latest_sheet_date())})",
            )
        )
    return pd.DataFrame(rows, columns=["City", "County", "Policy", "Since (source; confidence)"])


def sheriff_counties_on(when: str) -> int:
    """How many Minnesota counties had a sheriff's 287(g) agreement in force on a date (by ICE's listings)."""
    on = in_force_on(when)
    mine = on[(on["state_abbr"] == "MN") & (on["agency_type"] == "County")]
    return int(mine["county_fips"].nunique())


def neighbours() -> pd.DataFrame:
    """Agreements on ICE's latest sheet in Minnesota and the states of ICE's St. Paul area and Wisconsin."""
    r = state_ranking().set_index("state_abbr")
    keep = [s for s in ("MN", "WI", "IA", "ND", "SD", "NE") if s in r.index]
    out = r.loc[keep, ["state_name", "n_agreements"]].reset_index()
    return out.sort_values("n_agreements", ascending=False).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# 2. The timeline, 2003–2026
# ---------------------------------------------------------------------------------------------

LANES: list[str] = [
    "City ordinances",
    "County jails and detainers",
    "287(g) agreements",
    "State law, courts, Attorney General",
    "Federal government",
]
TIMELINE_LANE: dict[str, str] = {
    "287g_signed": "287(g) agreements",
    "news_report": "287(g) agreements",
    "detainer_policy": "County jails and detainers",
    "federal_listing": "Federal government",
    "cooperation_negotiation": "Federal government",
}
# Fact-sheet events not already rows of the compiled timeline: key -> (lane, short label).
FACT_EVENTS: dict[str, tuple[str, str]] = {
    "mpls_separation_ordinance_2003": ("City ordinances", "Minneapolis adopts its separation ordinance"),
    "stpaul_chapter44_2004": ("City ordinances", "St. Paul creates Chapter 44"),
    "mpls_sanctuary_reaffirmed_2016": ("City ordinances", "Minneapolis reaffirms its ordinance"),
    "mpls_ordinance_strengthened_2025": ("City ordinances", "Minneapolis strengthens its ordinance"),
    "stpaul_ordinance_26_5_2026": ("City ordinances", "St. Paul bars immigration staging on city property"),
    "pawlenty_287g_2008": ("State law, courts, Attorney General", "Gov. Pawlenty orders state 287(g) cooperation"),
    "dayton_287g_lapse_2011": ("State law, courts, Attorney General", "Gov. Dayton lets the 2008 directive lapse"),
    "mn_dream_act_signed_2013": ("State law, courts, Attorney General", "MN Dream Act signed (in-state tuition)"),
    "mn_ice_stopped_detainer_requests_2015": (
        "County jails and detainers",
        "ICE's Minnesota office stops issuing one kind of detainer",
    ),
    "ramsey_ice_housing_end_2018": ("County jails and detainers", "Ramsey jail stops housing ICE detainees"),
    "esparza_v_nobles_2019": (
        "State law, courts, Attorney General",
        "Unpublished appeals decision upholds an injunction: Nobles County may not hold people for ICE",
    ),
    "hennepin_directive_21_02_2021": ("County jails and detainers", "Hennepin directive 21-02"),
    "mn_drivers_licenses_signed_2023": ("State law, courts, Attorney General", "Driver's licences for all signed"),
    "mn_drivers_licenses_effective_2023": ("State law, courts, Attorney General", "Driver's licences for all in force"),
    "ag_opinion_detainers_2025": (
        "State law, courts, Attorney General",
        "Attorney General's formal opinion: no holds on ICE detainers",
    ),
    "dhs_sanctuary_list_mn_counties_2025": (
        "Federal government",
        "DHS list names the state, two cities and 20 counties (withdrawn within days)",
    ),
    "doj_dream_act_lawsuit_2025": ("Federal government", "DOJ sues to block the MN Dream Act"),
    "doj_v_minnesota_2025": ("Federal government", "DOJ sues Minnesota, Minneapolis, St. Paul, Hennepin"),
    "metro_surge_start_2025": ("Federal government", "Operation Metro Surge begins"),
    "ag_opinion_287g_2025": (
        "State law, courts, Attorney General",
        "Attorney General's formal opinion: sheriffs need county-board approval for 287(g)",
    ),
    "freeborn_287g_lawsuit_2025": ("287(g) agreements", "ACLU-MN sues Freeborn County over its agreement"),
    "mn_v_dhs_lawsuit_2026": ("State law, courts, Attorney General", "Minnesota and the two cities sue DHS"),
    "metro_surge_end_announced_2026": ("Federal government", "End of the surge announced"),
}
CONFIDENCE_SHAPES: dict[str, str] = {
    "verified (fact sheet)": "circle",
    "reported, not verified (fact sheet)": "triangle-up",
    "compiled timeline (source in each row)": "square",
    "unverified: the fact sheet doubts it": "cross",
}
# Rows of the compiled timeline that the fact sheet marks as unverified: event_id -> why.
UNVERIFIED_ROWS: dict[str, str] = {
    "mn_01": (
        "The source is a best-guess roster of pre-2018 agreements; the fact sheet (§2.5) says whether a state "
        "287(g) agreement was ever signed and put into effect is unverified."
    ),
}
GLOSSARY: dict[str, str] = {"MOA": "MOA (memorandum of agreement: the written 287(g) agreement)"}


def _plain_confidence(confidence: str) -> str:
    return "verified (fact sheet)" if confidence == "verified" else "reported, not verified (fact sheet)"


def _when(date: pd.Timestamp, precision: str | None, printed: str = "") -> str:
    """A date in words at the precision the source gives: '11 June 2014', 'June 2014', '2004'."""
    if precision == "day":
        return day(date)
    if precision == "month":
        return f"{date:%B %Y}"
    if precision == "year":
        return f"{date:%Y}"
    return printed or day(date)


def _compiled_event(r: Any) -> str:
    """A compiled-timeline row as one readable sentence: the agency once, terms spelled out, doubts stated."""
    text = str(r.description)
    if text.startswith(str(r.jurisdiction)):
        text = text[len(str(r.jurisdiction)) :].strip()
    for term, plain in GLOSSARY.items():
        text = re.sub(rf"\b{term}\b", plain, text, count=1)
    text = f"{r.jurisdiction}: {text}"
    if r.event_id in UNVERIFIED_ROWS:
        text = f"**Unverified.** {text.rstrip('.')}. {UNVERIFIED_ROWS[r.event_id]}"
    return text


def timeline_events() -> pd.DataFrame:
    """Dated Minnesota events from the compiled timeline and the fact sheet, each with its source and confidence."""
    t = load("mn_cooperation_timeline")
    rows = []
    for r in t.itertuples():
        unverified = r.event_id in UNVERIFIED_ROWS
        rows.append(
            {
                "date": r.date,
                "date_as_printed": _when(r.date, str(r.date_precision)),
                "lane": TIMELINE_LANE.get(str(r.event_type), "Federal government"),
                "event": _compiled_event(r),
                "description": str(r.description),
                "source": str(r.source_name),
                "confidence": (
                    "unverified: the fact sheet doubts it" if unverified else "compiled timeline (source in each row)"
                ),
            }
        )
    for key, (lane, label) in FACT_EVENTS.items():
        f = fact(key)
        rows.append(
            {
                "date": pd.Timestamp(f.date),
                "date_as_printed": _when(pd.Timestamp(f.date), f.date_precision, f.date_as_printed),
                "lane": lane,
                "event": label,
                "description": f.statement[:400],
                "source": _clean_source(f.source_text) if f.source_text else (f.url or ""),
                "confidence": _plain_confidence(f.confidence),
            }
        )
    out = pd.DataFrame(rows).sort_values(["date", "lane"]).reset_index(drop=True)
    return out


def timeline_table() -> pd.DataFrame:
    """The events as a table for reading: date, what happened, source, confidence."""
    e = timeline_events()
    return pd.DataFrame(
        {
            "Date": e["date_as_printed"],
            "Kind": e["lane"],
            "Event": e["event"],
            "Source": e["source"],
            "Confidence": e["confidence"],
        }
    )


def _timeline_panel(
    events: pd.DataFrame, domain: list[str], width: int, height: int, title: str, fmt: str
) -> alt.Chart:
    lane_scale = alt.Scale(domain=LANES, range=charts.PALETTE[: len(LANES)])
    return (
        alt.Chart(events)
        .mark_point(size=95, filled=True, opacity=0.85, strokeWidth=1.2)
        .encode(
            x=alt.X(
                "date:T",
                title="Date",
                scale=alt.Scale(domain=domain),
                axis=alt.Axis(format=fmt, labelAngle=0),
            ),
            y=alt.Y("lane:N", title=None, sort=LANES, axis=alt.Axis(labelLimit=230)),
            yOffset=alt.YOffset("jitter:Q", scale=alt.Scale(domain=[-1, 1])),
            color=alt.Color("lane:N", title="Kind of event", scale=lane_scale, legend=None),
            shape=alt.Shape(
                "confidence:N",
                title="Confidence",
                scale=alt.Scale(domain=list(CONFIDENCE_SHAPES), range=list(CONFIDENCE_SHAPES.values())),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320),
            ),
            tooltip=[
                alt.Tooltip("date_as_printed:N", title="Date"),
                alt.Tooltip("event:N", title="Event"),
                alt.Tooltip("description_short:N", title="What happened"),
                alt.Tooltip("source:N", title="Source"),
                alt.Tooltip("confidence:N", title="Confidence"),
            ],
        )
        .properties(width=width, height=height, title=alt.Title(title, fontSize=13, anchor="start"))
    )


def timeline_chart() -> alt.VConcatChart:
    """Events on a time axis, one lane per kind, shape by confidence; a second panel zooms into 2025–2026."""
    e = timeline_events()
    plain = e["event"].str.replace("**", "", regex=False)
    e["description_short"] = [t if len(t) <= 180 else t[:177].rsplit(" ", 1)[0] + "…" for t in plain]
    # spread events of one lane that fall close together, so that they do not hide each other
    e["jitter"] = 0.0
    for _, idx in e.groupby("lane").groups.items():
        prev, k = None, 0
        for i in idx:
            d = e.at[i, "date"]
            k = k + 1 if prev is not None and (d - prev).days < 45 else 0
            e.at[i, "jitter"] = [0.0, -0.55, 0.55][k % 3]
            prev = d
    start = f"{e['date'].min().year}-01-01"
    end = (latest_sheet_date() + pd.Timedelta(days=20)).strftime("%Y-%m-%d")
    zoom_start = "2025-01-01"
    full = _timeline_panel(
        e, [start, end], 640, 190, f"All events, {e['date'].min().year}–{latest_sheet_date().year}", "%Y"
    )
    recent = e[e["date"] >= pd.Timestamp(zoom_start)]
    zoom = _timeline_panel(recent, [zoom_start, end], 640, 190, "Zoom: January 2025 onwards", "%b %Y")
    surge = pd.DataFrame({"start": [_d("metro_surge_start_2025")], "end": [_d("metro_surge_end_announced_2026")]})
    band = alt.Chart(surge).mark_rect(color=charts.LIGHT_GREY, opacity=0.8).encode(x="start:T", x2="end:T")
    band_label = (
        alt.Chart(surge.assign(label="Operation Metro Surge"))
        .mark_text(align="left", baseline="top", dx=3, dy=2, fontSize=10, color="#555555")
        .encode(x="start:T", y=alt.value(0), text="label:N")
    )
    zoom_layer = alt.layer(band, band_label, zoom)
    chart = alt.vconcat(full, zoom_layer, spacing=24).resolve_scale(x="independent")
    n_total, n_recent = len(e), len(recent)
    n_287g = int((recent["lane"] == "287(g) agreements").sum())
    first, last = e["date"].min(), e["date"].max()
    return charts.finish(
        chart,
        title="Since 2025 the record crowds: 287(g) agreements and federal action, and new limits from cities and the state",
        subtitle=[
            f"Dated Minnesota events, {first:%B %Y} to {last:%B %Y}. Colour: kind of event; shape: confidence. Each "
            "287(g) agreement is its own event,",
            "so the number of points is not a measure of activity. Hover for the description and source; the table "
            "below lists them all",
        ],
        description=(
            f"Timeline of {n(n_total)} Minnesota events from {first:%B %Y} to {last:%B %Y} in five lanes (city ordinances, "
            "county jails and detainers, 287(g) agreements, state law and courts, federal government). Before 2025 events "
            f"are sparse; {n(n_recent)} fall from January 2025 on, {n(n_287g)} of them in the 287(g) lane (one point per "
            "agreement), shown again in a zoomed panel with the Operation Metro Surge period shaded."
        ),
    )


# ---------------------------------------------------------------------------------------------
# 3. Who lives here
# ---------------------------------------------------------------------------------------------

# (column, what it measures, ACS vintage, population column used as weights, note on the weights)
INDICATORS: list[tuple[str, str, str, str, str]] = [
    (
        "foreign_born_pct_acs_2006_2010",
        "Born outside the U.S.",
        "ACS 2006–2010",
        "population_acs_2011_2015",
        "ACS 2011–2015 population (data/ has none for 2006–2010: mixed vintages, approximate)",
    ),
    (
        "foreign_born_pct_acs_2012_2016",
        "Born outside the U.S.",
        "ACS 2012–2016",
        "population_acs_2012_2016",
        "weighted by ACS 2012–2016 population",
    ),
    (
        "hispanic_pct_acs_2011_2015",
        "Hispanic or Latino",
        "ACS 2011–2015",
        "population_acs_2011_2015",
        "weighted by ACS 2011–2015 population",
    ),
    (
        "hispanic_pct_acs_2012_2016",
        "Hispanic or Latino",
        "ACS 2012–2016",
        "population_acs_2012_2016",
        "weighted by ACS 2012–2016 population",
    ),
    (
        "hispanic_pct_acs_2015_2019",
        "Hispanic or Latino",
        "ACS 2015–2019",
        "population_acs_2015_2019",
        "weighted by ACS 2015–2019 population",
    ),
]


@lru_cache(maxsize=1)
def _indicators() -> pd.DataFrame:
    """Minnesota county indicators joined to the populations of `county_indicators` (for weights)."""
    mn = load("mn_county_indicators")
    pops = load("county_indicators")
    pops = pops[pops["state_fips"] == STATE_FIPS][
        ["county_fips", "population_acs_2011_2015", "population_acs_2015_2019"]
    ]
    return mn.merge(pops, on="county_fips", how="left")


def state_shares() -> pd.DataFrame:
    """Statewide shares computed from the counties: sum of (share x population) / sum of population, per vintage.

    Each county's ACS share is weighted by its population of the same vintage where data/ has it. The
    one exception, said in the `weights` note and in the notebook: data/ has no 2006–2010 population, so
    the 2006–2010 foreign-born share uses 2011–2015 populations (an approximation). Because the county
    shares are rounded, the result can differ slightly from the Census Bureau's own state estimate.
    """
    d = _indicators()
    rows = []
    for col, what, vintage, weight, note in INDICATORS:
        ok = d[col].notna() & d[weight].notna()
        share = float((d.loc[ok, col] * d.loc[ok, weight]).sum() / d.loc[ok, weight].sum())
        rows.append(
            {
                "indicator": what,
                "vintage": vintage,
                "column": col,
                "state_pct": share,
                "weights": note,
                "counties": int(ok.sum()),
            }
        )
    return pd.DataFrame(rows)


def state_shares_table() -> pd.DataFrame:
    """`state_shares()` for reading: plain column names, one decimal, and the weights each figure uses."""
    s = state_shares()
    return pd.DataFrame(
        {
            "Share of residents": s["indicator"],
            "ACS vintage": s["vintage"],
            "Minnesota, population-weighted (%)": s["state_pct"].round(1),
            "Weighted by": s["weights"].str.replace("weighted by ", "", regex=False),
            "Counties": s["counties"],
        }
    )


def county_options() -> list[tuple[str, str]]:
    """(county name, FIPS) for Minnesota's 87 counties, alphabetical."""
    c = load("mn_counties").sort_values("county_name")
    return list(zip(c["county_name"], c["county_fips"], strict=True))


def county_vs_state(county_fips: str) -> pd.DataFrame:
    """One county's shares against the statewide shares, one row per indicator and vintage."""
    d = _indicators().set_index("county_fips")
    if county_fips not in d.index:
        raise NoData(f"There is no Minnesota county with the code {county_fips!r}; pick a county from the list.")
    row = d.loc[county_fips]
    state = state_shares()
    out = state.assign(county_pct=[row[c] for c in state["column"]], county=row["county_name"])
    out["label"] = out["indicator"] + ", " + out["vintage"]
    if out["county_pct"].isna().all():
        raise NoData(
            f"data/ has no foreign-born or Hispanic share for {row['county_name']} County; pick another county."
        )
    return out[["label", "indicator", "vintage", "county", "county_pct", "state_pct", "weights"]]


def county_table(county_fips: str) -> pd.DataFrame:
    """`county_vs_state` for reading, with the vintage on every number."""
    c = county_vs_state(county_fips)
    name = c["county"].iloc[0]
    return pd.DataFrame(
        {
            "Share of residents": c["indicator"],
            "ACS vintage": c["vintage"],
            f"{name} County (%)": c["county_pct"].round(1),
            "Minnesota, population-weighted (%)": c["state_pct"].round(1),
            "State figure weighted by": c["weights"].str.replace("weighted by ", "", regex=False),
        }
    )


PLACES = ["This county", "Minnesota (weighted)"]


def _county_view_data(c: pd.DataFrame) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for the two layers of the county dot chart: one rule per indicator, two dots per indicator."""
    name = str(c["county"].iloc[0])
    rules = c[["label", "county_pct", "state_pct"]].to_dict("records")
    dots = []
    for r in c.itertuples():
        for place, pct in ((PLACES[0], r.county_pct), (PLACES[1], r.state_pct)):
            if pd.notna(pct):
                where = f"{name} County" if place == PLACES[0] else place
                dots.append(
                    {"label": r.label, "place": place, "where": where, "pct": float(pct), "pct_text": f"{pct:.1f}%"}
                )
    return rules, dots


@lru_cache(maxsize=1)
def _county_view_template() -> tuple[dict[str, Any], str, str]:
    """The county dot chart built once with Altair; returns (spec, rules dataset name, dots dataset name)."""
    c = county_vs_state(county_options()[0][1])
    rules_rows, dots_rows = _county_view_data(c)
    y = alt.Y("label:N", title=None, sort=list(c["label"]), axis=alt.Axis(labelLimit=260))
    rules = (
        alt.Chart(pd.DataFrame(rules_rows))
        .mark_rule(color="#BBBBBB", strokeWidth=2)
        .encode(y=y, x=alt.X("county_pct:Q"), x2="state_pct:Q")
    )
    dots = (
        alt.Chart(pd.DataFrame(dots_rows))
        .mark_point(size=120, filled=True, opacity=1)
        .encode(
            y=y,
            x=alt.X("pct:Q", title="Share of residents (%)", scale=alt.Scale(zero=True)),
            color=alt.Color(
                "place:N", title=None, scale=alt.Scale(domain=PLACES, range=[charts.HIGHLIGHT, charts.GREY])
            ),
            shape=alt.Shape("place:N", title=None, scale=alt.Scale(domain=PLACES, range=["circle", "diamond"])),
            tooltip=[
                alt.Tooltip("where:N", title="Place"),
                alt.Tooltip("label:N", title="Share, vintage"),
                alt.Tooltip("pct_text:N", title="Share"),
            ],
        )
    )
    chart = charts.finish(alt.layer(rules, dots).properties(width=460, height=200), title="t", description="d")
    spec = chart.to_dict()
    names = [layer["data"]["name"] for layer in spec["layer"]]
    return spec, names[0], names[1]


def county_view(county_fips: str) -> SpecChart:
    """Explorer view: a dot chart of one county's shares against the state's, every row labelled with its vintage.

    Drawn from a spec template (see `landscape.SpecChart`) so that a change of county answers in a few
    milliseconds.
    """
    c = county_vs_state(county_fips)
    name = str(c["county"].iloc[0])
    rules_rows, dots_rows = _county_view_data(c)
    template, rules_name, dots_name = _county_view_template()
    spec = copy.copy(template)
    spec["datasets"] = {rules_name: rules_rows, dots_name: dots_rows}
    fb = c[c["vintage"] == "ACS 2012–2016"].iloc[0]
    hisp = c[c["vintage"] == "ACS 2015–2019"].iloc[0]
    spec["title"] = {
        "text": f"{name} County: {fb.county_pct:.1f}% born abroad (ACS 2012–2016), against {fb.state_pct:.1f}% statewide",
        "subtitle": [
            "Shares of all residents by ACS 5-year vintage; red circle: the county; grey diamond: Minnesota, weighted by county population"
        ],
    }
    spec["description"] = (
        f"Dot chart comparing {name} County with Minnesota on five shares. Born outside the U.S., ACS 2012–2016: "
        f"{fb.county_pct:.1f}% in the county, {fb.state_pct:.1f}% statewide. Hispanic or Latino, ACS 2015–2019: "
        f"{hisp.county_pct:.1f}% in the county, {hisp.state_pct:.1f}% statewide."
    )
    return SpecChart(spec)


def foreign_born_map() -> alt.LayerChart:
    """Minnesota counties shaded by the foreign-born share (ACS 2012–2016), with the 287(g) counties outlined in text."""
    d = _indicators()
    top = d.sort_values("foreign_born_pct_acs_2012_2016", ascending=False).head(3)
    state = state_shares().set_index("column").loc["foreign_born_pct_acs_2012_2016", "state_pct"]
    d["county_label"] = d["county_name"]
    d["fb_text"] = d["foreign_born_pct_acs_2012_2016"].map(lambda v: f"{v:.1f}%")
    return maps.minnesota_choropleth(
        d[["county_fips", "foreign_born_pct_acs_2012_2016", "fb_text"]],
        value="foreign_born_pct_acs_2012_2016",
        legend_title="Born abroad (%)",
        tooltip=[("fb_text", "Born outside the U.S., ACS 2012–2016", "N")],
        value_format=".0f",
        title=(
            f"In 2012–2016, {', '.join(top.county_name.iloc[:2])} and {top.county_name.iloc[2]} counties had the largest "
            "shares born abroad"
        ),
        subtitle=f"Share of residents born outside the U.S., ACS 2012–2016 (statewide, population-weighted: {state:.1f}%)",
        description=(
            f"Map of Minnesota's counties shaded by the share of residents born outside the U.S. (ACS 2012–2016). "
            f"The highest shares are in {top.county_name.iloc[0]} ({top.foreign_born_pct_acs_2012_2016.iloc[0]:.1f}%), "
            f"{top.county_name.iloc[1]} ({top.foreign_born_pct_acs_2012_2016.iloc[1]:.1f}%) and {top.county_name.iloc[2]} "
            f"({top.foreign_born_pct_acs_2012_2016.iloc[2]:.1f}%); the statewide share is {state:.1f}%."
        ),
    )


def agreement_counties_share() -> dict[str, float]:
    """Population-weighted foreign-born share (ACS 2012–2016) of counties whose sheriff ever held a 287(g) agreement, and of the rest."""
    d = _indicators()
    a = mn_agreements()
    sheriff = set(a.loc[a["level"] == "sheriff", "county_fips"])
    col, w = "foreign_born_pct_acs_2012_2016", "population_acs_2012_2016"

    def share(rows: pd.DataFrame) -> float:
        return float((rows[col] * rows[w]).sum() / rows[w].sum())

    inside = d[d["county_fips"].isin(sheriff)]
    return {"with_287g": share(inside), "others": share(d[~d["county_fips"].isin(sheriff)]), "n_counties": len(inside)}


# ---------------------------------------------------------------------------------------------
# 4. The essay's Minnesota claims, with dates
# ---------------------------------------------------------------------------------------------

HOLDS, CHALLENGED, QUALIFIED, NOT_HOLD, UNCHECKABLE = (
    "Holds",
    "Holds (challenged in court)",
    "Holds, with qualifications",
    "Does not hold",
    "Cannot be checked",
)
STATUS_COLOURS: dict[str, str] = {
    HOLDS: charts.OKABE_ITO["bluish_green"],
    CHALLENGED: "#8FD3BE",  # a light tint of the same green: still holds, with a lawsuit pending
    QUALIFIED: charts.OKABE_ITO["orange"],
    NOT_HOLD: charts.OKABE_ITO["vermillion"],
    UNCHECKABLE: "#9A9A9A",
}


def _d(key: str) -> pd.Timestamp:
    return pd.Timestamp(fact(key).date)


def _src(key: str) -> str:
    f = fact(key)
    where = _clean_source(f.source_text) if f.source_text else "fact sheet"
    return f"{where}; {CONFIDENCE_PHRASES.get(f.confidence, CONFIDENCE_PHRASES['unlabelled'])}"


def newest_minnesota_fact() -> pd.Timestamp:
    """Date of the newest item in the fact sheet's Minnesota sections (city, county, state, 287(g), surge, federal)."""
    f = load("facts")
    mn = f[f["section"].str.match(r"^(2\.\d|5|6)$") & f["date"].notna()]
    return pd.Timestamp(mn["date"].max())


def claim_periods() -> pd.DataFrame:
    """When each of the essay's Minnesota claims held, as dated segments built from the fact sheet.

    Every boundary is the date of a fact in the `facts` table; the status of each segment follows the
    fact sheet's verdict on the claim (`essay_claims`), with two refinements the review asked for: a
    claim still in force but under a lawsuit "holds (challenged in court)", and the causal part of
    claim (f), which the sheet calls unverifiable, "cannot be checked". The chart ends at the newest
    fact it uses.
    """
    keys = [
        "mpls_separation_ordinance_2003",
        "stpaul_chapter44_2004",
        "ag_opinion_detainers_2025",
        "mn_dream_act_tuition_2013",
        "doj_dream_act_lawsuit_2025",
        "mn_drivers_licenses_effective_2023",
        "metro_surge_start_2025",
        "metro_surge_agents_2026_01_12",
    ]
    start = pd.Timestamp(f"{_d('mpls_separation_ordinance_2003').year}-01-01")
    end = max(max(_d(k) for k in keys), newest_minnesota_fact())
    spec = [
        (
            "(e) Minnesota has no statewide policy of non-cooperation",
            [
                (
                    start,
                    _d("ag_opinion_detainers_2025"),
                    HOLDS,
                    "No state law limits cooperation",
                    "fact sheet, claim (e)",
                ),
                (
                    _d("ag_opinion_detainers_2025"),
                    end,
                    QUALIFIED,
                    "Still no statute, but a formal Attorney General opinion (2025) says state law bars holds on ICE "
                    "detainers",
                    _src("ag_opinion_detainers_2025"),
                ),
            ],
        ),
        (
            "(e) Minneapolis and St. Paul have such policies",
            [
                (
                    start,
                    _d("mpls_separation_ordinance_2003"),
                    NOT_HOLD,
                    "Neither city had an ordinance yet",
                    "fact sheet, §2.1",
                ),
                (
                    _d("mpls_separation_ordinance_2003"),
                    _d("stpaul_chapter44_2004"),
                    QUALIFIED,
                    "Minneapolis only",
                    _src("mpls_separation_ordinance_2003"),
                ),
                (_d("stpaul_chapter44_2004"), end, HOLDS, "Both cities", _src("stpaul_chapter44_2004")),
            ],
        ),
        (
            "(f) ICE has not concentrated in Minnesota",
            [
                (
                    start,
                    _d("metro_surge_start_2025"),
                    UNCHECKABLE,
                    "No surge, but the essay's reason (too few officers) cannot be checked as cause and effect",
                    "fact sheet, claim (f)",
                ),
                (
                    _d("metro_surge_start_2025"),
                    end,
                    NOT_HOLD,
                    "Operation Metro Surge: thousands of federal agents in the Twin Cities; drawdown announced in February 2026",
                    _src("metro_surge_agents_2026_01_12"),
                ),
            ],
        ),
        (
            "(g1) In-state tuition for undocumented students",
            [
                (
                    start,
                    _d("mn_dream_act_tuition_2013"),
                    NOT_HOLD,
                    "Before the MN Dream Act",
                    _src("mn_dream_act_tuition_2013"),
                ),
                (
                    _d("mn_dream_act_tuition_2013"),
                    _d("doj_dream_act_lawsuit_2025"),
                    HOLDS,
                    "MN Dream Act in force",
                    _src("mn_dream_act_tuition_2013"),
                ),
                (
                    _d("doj_dream_act_lawsuit_2025"),
                    end,
                    CHALLENGED,
                    "Still in force; DOJ sued to block it (outcome not found)",
                    _src("doj_dream_act_lawsuit_2025"),
                ),
            ],
        ),
        (
            "(g2) Driver's licences regardless of status",
            [
                (
                    start,
                    _d("mn_drivers_licenses_effective_2023"),
                    NOT_HOLD,
                    "Proof of lawful presence required",
                    _src("mn_drivers_licenses_signed_2023"),
                ),
                (
                    _d("mn_drivers_licenses_effective_2023"),
                    end,
                    HOLDS,
                    "Driver's Licenses for All in force",
                    _src("mn_drivers_licenses_effective_2023"),
                ),
            ],
        ),
    ]
    rows = [
        {"claim": claim, "start": s, "end": e, "status": st, "note": note, "source": src}
        for claim, segs in spec
        for s, e, st, note, src in segs
    ]
    out = pd.DataFrame(rows)
    out["from_to"] = out["start"].dt.strftime("%Y-%m-%d") + " to " + out["end"].dt.strftime("%Y-%m-%d")
    return out


def status_in(year_date: str) -> pd.DataFrame:
    """The status of each Minnesota claim on a given date (e.g. '2017-06-30', when the essay was written)."""
    p = claim_periods()
    when = pd.Timestamp(year_date)
    hit = p[(p["start"] <= when) & (p["end"] > when)]
    return hit[["claim", "status", "note"]].reset_index(drop=True)


ZOOM_FROM = "2023-01-01"


def _claims_panel(
    p: pd.DataFrame, domain: list[pd.Timestamp], width: int, title: str, fmt: str, ticks: dict[str, Any]
) -> alt.Chart:
    """One panel of the claims chart: a bar per claim and period, coloured by status, over a date range."""
    order = list(dict.fromkeys(p["claim"]))
    bars = alt.Chart(p).mark_bar(height=20, cornerRadius=2, stroke="white", strokeWidth=0.5)
    return bars.encode(
        x=alt.X(
            "start:T",
            title="Date",
            scale=alt.Scale(domain=[d.isoformat() for d in domain]),
            axis=alt.Axis(format=fmt, labelAngle=0, tickCount=ticks),
        ),
        x2="end:T",
        y=alt.Y("claim:N", title=None, sort=order, axis=alt.Axis(labelLimit=330)),
        color=alt.Color(
            "status:N",
            title="The claim",
            scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
            legend=alt.Legend(orient="bottom", direction="horizontal", columns=3, labelLimit=240),
        ),
        tooltip=[
            alt.Tooltip("claim:N", title="Claim"),
            alt.Tooltip("from_to:N", title="Period"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("note:N", title="Why"),
            alt.Tooltip("source:N", title="Source"),
        ],
    ).properties(width=width, height=175, title=alt.Title(title, fontSize=13, anchor="start"))


def claims_chart() -> alt.VConcatChart:
    """A bar per claim across time, coloured by whether it held; a dashed box marks 2017, the essay's year.

    A second panel zooms into 2023 onwards, where the recent changes (a few weeks to a few months
    long on a 23-year axis) would otherwise be slivers.
    """
    p = claim_periods()
    end = p["end"].max()
    first = p["start"].min()
    essay = pd.DataFrame({"start": ["2017-01-01"], "end": ["2017-12-31"], "label": ["the essay (2017)"]})
    band = (
        alt.Chart(essay)
        .mark_rect(fill=None, stroke="#222222", strokeDash=[3, 2], strokeWidth=1.2)
        .encode(x="start:T", x2="end:T")
    )
    band_text = (
        alt.Chart(essay)
        .mark_text(align="center", baseline="bottom", dy=-2, fontSize=11, color="#222222")
        .encode(x=alt.X("start:T"), y=alt.value(0), text="label:N")
    )
    full = alt.layer(
        _claims_panel(p, [first, end], 520, f"{first.year}–{end.year}", "%Y", {"interval": "year", "step": 2}),
        band,
        band_text,
    )
    recent = p[p["end"] > pd.Timestamp(ZOOM_FROM)].copy()
    recent["start"] = recent["start"].clip(lower=pd.Timestamp(ZOOM_FROM))
    zoom = _claims_panel(
        recent,
        [pd.Timestamp(ZOOM_FROM), end],
        520,
        f"Zoom: January 2023 to {end:%B %Y}",
        "%b %Y",
        {"interval": "month", "step": 6},
    )
    chart = alt.vconcat(full, zoom, spacing=22).resolve_scale(x="independent")
    in_2017 = status_in("2017-06-30").set_index("claim")["status"]
    at_end = p.sort_values("end").groupby("claim")["status"].last()
    n_held = int((in_2017 == HOLDS).sum())
    n_changed = int((at_end.reindex(in_2017.index) != in_2017).sum())
    return charts.finish(
        chart,
        title=(
            f"In 2017, {n(n_held)} of the {n(len(in_2017))} Minnesota claims held; by {end.year}, {n(n_changed)} had "
            "changed status"
        ),
        subtitle=[
            f"When each claim of the essay held, from dated facts in the fact sheet (to {day(end)}); the lower panel "
            "zooms into 2023 onwards",
        ],
        description=(
            f"Timeline bars for {n(len(in_2017))} claims from {first.year} to {day(end)}, coloured by whether the claim "
            "held, with a zoomed panel from 2023. Driver's licences regardless of status did not hold until October "
            "2023; in-state tuition has held since July 2013 and has been challenged in court since June 2025; whether "
            "ICE stayed away for lack of officers cannot be checked, and the statement that ICE had not concentrated in "
            "Minnesota stopped holding when Operation Metro Surge began in December 2025."
        ),
    )


def surge_arrest_rates() -> dict[str, Any]:
    """ICE arrests per day in Minnesota before and during Operation Metro Surge.

    The surge window is notebook 03's (`enforcement_pipeline.surge_window`): from the launch on 1 December
    2025 to the announced end on 12 February 2026 (the end date is a secondary fact), so both notebooks
    give the same rate. "Before" is every day of the data before the launch.
    """
    window = surge_window()
    a = load("mn_arrests_daily_by_type")
    daily = a.groupby("date")["arrests"].sum()
    before = daily[daily.index < window.start]
    during = daily[(daily.index >= window.start) & (daily.index <= window.end_announced)]
    return {
        "before_per_day": float(before.mean()),
        "during_per_day": float(during.mean()),
        "before_from": before.index.min(),
        "before_to": before.index.max(),
        "during_from": during.index.min(),
        "during_to": during.index.max(),
        "during_total": int(during.sum()),
        "end_verified": window.end_verified,
    }


FACTS_USED: list[str] = sorted(
    set(FACT_EVENTS)
    | {
        "mpls_separation_ordinance_2003",
        "mpls_ordinance_strengthened_2025",
        "stpaul_chapter44_2004",
        "stpaul_ordinance_26_5_2026",
        "mn_287g_counties_2025_11",
        "ag_opinion_287g_2025",
        "ag_opinion_detainers_2025",
        "s2.5-9",
        "s2.5-13",
        "freeborn_287g_lawsuit_2025",
        "hennepin_detainers_end_2014",
        "hennepin_detainer_share_bookings_2014",
        "hennepin_directive_21_02_2021",
        "hennepin_declined_ice_requests_2025",
        "ramsey_detainers_end_2014",
        "ramsey_ice_housing_end_2018",
        "mn_immigrant_share_2015",
        "us_immigrant_share_2015",
        "mn_foreign_born_share_2018",
        "mn_foreign_born_share_mncompass",
        "esparza_v_nobles_2019",
        "mn_dream_act_tuition_2013",
        "mn_dream_act_signed_2013",
        "doj_dream_act_lawsuit_2025",
        "mn_drivers_licenses_signed_2023",
        "mn_drivers_licenses_effective_2023",
        "metro_surge_start_2025",
        "metro_surge_agents_2026_01_12",
        "metro_surge_peak_agents",
        "metro_surge_end_announced_2026",
        "mn_ice_officers_before_surge",
        "ice_deportation_officers_fy2016",
        "ice_deportation_officers_fy2019",
        "s1-18",
        "doj_sanctuary_list_names_minnesota_2025",
        "dhs_sanctuary_list_withdrawn_2025",
    }
)
CLAIMS_SHOWN: list[str] = ["e", "f", "g1", "g2"]  # the essay's Minnesota claims, shown again in notebook 02


# ---------------------------------------------------------------------------------------------
# Sentences for the notebook, written from data and facts (so that no number is typed into prose)
# ---------------------------------------------------------------------------------------------


def agreements_text() -> str:
    """Minnesota's agreements on ICE's latest sheet, its neighbours', and the news count of November 2025."""
    a = mn_agreements()
    live = a[a["in_force"]]
    sheriffs = live[live["level"] == "sheriff"]
    nb = neighbours().set_index("state_abbr")["n_agreements"]
    return (
        f"ICE's sheet of {day(latest_sheet_date())} lists **{n(len(live))} agreements** of Minnesota agencies: "
        f"{n(len(sheriffs))} of the sheriffs of {n(sheriffs['county_fips'].nunique())} counties and "
        f"{n((live['level'] == 'city police').sum())} of city police departments, all signed since "
        f"{a['signed_date'].min():%B %Y}. Wisconsin's agencies have {n(nb['WI'])} on the same sheet, Iowa's {n(nb['IA'])}. "
        f"The Star Tribune counted {fact('mn_287g_counties_2025_11').cite()} with agreements; ICE's sheets list "
        f"sheriffs' agreements in {n(sheriff_counties_on('2025-11-01'))} counties on that date. A listing is ICE's "
        "record, not proof that an agreement is in force: see Cass and Itasca below."
    )


def pushback_text() -> str:
    """State law and courts on 287(g) agreements since December 2025 (fact sheet), and what ICE's list still shows."""
    a = mn_agreements()
    still = sorted(set(a.loc[a["in_force"] & a["county_name"].isin(["Cass", "Itasca"]), "county_name"]))
    listed = (
        f" ICE's sheet of {day(latest_sheet_date())} still lists {' and '.join(still)}."
        if still
        else " Neither is on ICE's latest sheet."
    )
    return (
        f"- Minnesota's Attorney General issued a formal opinion on {fact('ag_opinion_287g_2025').cite()} that "
        "sheriffs may not sign 287(g) agreements on their own: only county boards can. (A formal opinion is the "
        "Attorney General's reading of state law, not a court ruling.)\n"
        '- Cass and Itasca county boards had never approved their agreements; Cass treats its agreement as "null '
        f'and void", and Itasca says it does not need one {_note("s2.5-9")}.{listed}\n'
        f"- The ACLU of Minnesota sued Freeborn County over its agreement {_note('freeborn_287g_lawsuit_2025')}; "
        f"a reported injunction {_note('s2.5-13')} could not be confirmed."
    )


def jail_policies_text() -> str:
    """Hennepin's and Ramsey's jail policies on detainers, with dates and sources (fact sheet)."""
    hennepin = fact("hennepin_declined_ice_requests_2025")
    ramsey = fact("ramsey_detainers_end_2014")
    return (
        "- **Hennepin County** stopped holding people on ICE detainers without a court order on "
        f"{day(fact('hennepin_detainers_end_2014').date)} {_note('hennepin_detainers_end_2014', dated=False)}; before "
        f"that, {short_cite('hennepin_detainer_share_bookings_2014')[0].lower()}"
        f"{short_cite('hennepin_detainer_share_bookings_2014')[1:]} had carried a detainer. A 2021 directive also stopped notices to ICE of releases "
        f"{_note('hennepin_directive_21_02_2021')}. In the first nine months of President Trump's second term (which "
        f"began on 20 January 2025), the office declined {n(hennepin.value)} ICE requests, a Star Tribune analysis "
        f"reported {_note('hennepin_declined_ice_requests_2025', dated=False)}.\n"
        f"- **Ramsey County** stopped honouring detainers without a judicial order in {ramsey.date:%B %Y}; before, it "
        f"had honoured {ramsey.value_text} detainers a year {_note('ramsey_detainers_end_2014', dated=False)}. Its jail stopped "
        f"housing ICE detainees on {day(fact('ramsey_ice_housing_end_2018').date)} "
        f"{_note('ramsey_ice_housing_end_2018', dated=False)}."
    )


def detainer_practice() -> pd.DataFrame:
    """County jails that declined ICE detainers during the surge period, from ICE's own records (as in notebook 03).

    One row per county with at least one declined detainer: detainers, declined, and the declined share of
    those with a recorded outcome (open detainers left out), most declined first.
    """
    from .pipeline_minnesota import detainer_outcomes

    t = detainer_outcomes()
    t = t[t["group"] == "county"]
    wide = t.pivot_table(index="county_name", columns="outcome", values="detainers", aggfunc="sum", fill_value=0)
    out = pd.DataFrame(
        {
            "detainers": wide.sum(axis=1),
            "declined": wide.get("declined_by_local_agency", 0),
            "with_outcome": wide.sum(axis=1) - wide.get("no_lift_reason_recorded", 0),
        }
    )
    out["declined_pct_of_outcomes"] = 100 * out["declined"] / out["with_outcome"]
    out = out[out["declined"] > 0].sort_values(["declined", "detainers"], ascending=False)
    return out.reset_index()


def detainer_practice_text(k: int = 4) -> str:
    """Under the map: written policies are not the whole picture (the AG opinion, and what jails did in the surge)."""
    d = detainer_practice()
    top = d.head(k)
    named = ", ".join(f"{r.county_name} {r.declined_pct_of_outcomes:.0f}%" for r in top.itertuples())
    named = re.sub(r", ([^,]+)$", r" and \1", named)
    return (
        "**Written policies are not the whole picture.** The Attorney General's formal opinion of "
        f"{day(fact('ag_opinion_detainers_2025').date)} {_note('ag_opinion_detainers_2025', dated=False)} reads state "
        "law as barring holds on ICE detainers in every county, not only in Hennepin and Ramsey. ICE's own records for "
        "the surge period (December 2025 to early March 2026, as in notebook 03) show jails across the state declining "
        f"detainers: {n(len(d))} county jails declined at least one. Of the detainers with a recorded outcome, the "
        f"share declined was {named}."
    )


def population_range_text() -> str:
    """How unequal the counties are in size (ACS 2012–2016): why a plain average of shares would mislead."""
    d = _indicators().sort_values("population_acs_2012_2016")
    small, big = d.iloc[0], d.iloc[-1]
    return (
        f"In ACS 2012–2016, {big['county_name']} County had {n(big['population_acs_2012_2016'])} residents and "
        f"{small['county_name']} County {n(small['population_acs_2012_2016'])}: a plain average of county shares would "
        "give them the same weight."
    )


def state_share_text() -> str:
    """The population-weighted foreign-born share, against later statewide figures (the county data are old)."""
    fb = state_shares().set_index("column").loc["foreign_born_pct_acs_2012_2016", "state_pct"]
    return (
        f"Weighted this way, {fb:.1f}% of Minnesotans were born abroad in ACS 2012–2016, a survey of the years "
        "2012 to 2016. Later statewide figures, from other sources, are higher: the State Demographic Center, quoted "
        f"by ILCM, gave {fact('mn_immigrant_share_2015').cite()} for 2015, and {short_cite('us_immigrant_share_2015')} "
        f"nationally; the American Immigration Council {fact('mn_foreign_born_share_2018').cite()} for 2018; and MN "
        f"Compass {fact('mn_foreign_born_share_mncompass').cite()} in an undated recent page. The county figures "
        "in data/ stop at ACS 2012–2016 for the foreign-born share, so read them as a picture of a decade ago."
    )


def agreement_counties_text() -> str:
    """Foreign-born share of the counties whose sheriffs signed, against the rest (a description, not an effect)."""
    s = agreement_counties_share()
    return (
        f"The {n(s['n_counties'])} counties whose sheriffs signed 287(g) agreements had {s['with_287g']:.1f}% of "
        f"residents born abroad (ACS 2012–2016, population-weighted), against {s['others']:.1f}% in the other counties. "
        "That describes where agreements were signed; it says nothing about what they do."
    )


def surge_text() -> str:
    """ICE arrests per day in Minnesota before and during Operation Metro Surge (Deportation Data Project)."""
    r = surge_arrest_rates()
    end_note = "" if r["end_verified"] else " (the date of that announcement comes from secondary reporting)"
    return (
        "ICE's own arrest records (obtained by the Deportation Data Project) show what changed for claim (f): "
        f"{r['before_per_day']:.0f} arrests a day in Minnesota from {day(r['before_from'])} to {day(r['before_to'])}, "
        f"and {r['during_per_day']:.0f} a day from {day(r['during_from'])}, when the surge began, to "
        f"{day(r['during_to'])}, when its end was announced{end_note}: {n(r['during_total'])} arrests in that window, "
        "the same one notebook 03 uses."
    )


def _note(key: str, *, dated: bool = True) -> str:
    from .landscape import source_note

    return source_note(key, dated=dated)


def _inline(key: str) -> str:
    from .landscape import cite_inline

    return cite_inline(key)
