"""After 2017: every later round in order, each zone as the ground changed and its end, the
2018 demilitarised zone and the 2020 M4 corridor, the end in November-December 2024, at
sample dates, in the data, the app's display, the exports and the command line.

Dates checked here come from the sources cited in data/rounds.yaml and data/events.yaml
(research notes: "What became of the zones"; "Later Astana-format rounds").
"""

from __future__ import annotations

import datetime as dt
import itertools
import json

import folium
import pytest
import yaml
from shapely.geometry import LineString, Point, shape

from astana import cli
from astana.data.catalog import find_problems
from astana.exports import snapshot
from astana.geometry import area_km2, buffer_km
from astana.timeline import build_steps, state_on
from astana.views import display, legend, mapview, navigation, style

# (id, first day, last day), in date order: the seven rounds of 2017 are checked elsewhere.
LATER_ROUNDS = [
    ("astana-8", "2017-12-21", "2017-12-22"),
    ("sochi-congress-2018-01-30", "2018-01-30", "2018-01-30"),
    ("astana-9", "2018-05-14", "2018-05-15"),
    ("astana-10", "2018-07-30", "2018-07-31"),
    ("astana-11", "2018-11-28", "2018-11-29"),
    ("astana-12", "2019-04-25", "2019-04-26"),
    ("astana-13", "2019-08-01", "2019-08-02"),
    ("astana-14", "2019-12-10", "2019-12-11"),
    ("astana-15", "2021-02-16", "2021-02-17"),
    ("astana-16", "2021-07-07", "2021-07-08"),
    ("astana-17", "2021-12-21", "2021-12-22"),
    ("astana-18", "2022-06-15", "2022-06-16"),
    ("astana-19", "2022-11-22", "2022-11-23"),
    ("astana-20", "2023-06-20", "2023-06-21"),
    ("astana-21", "2024-01-24", "2024-01-25"),
    ("astana-22", "2024-11-11", "2024-11-12"),
]
# zone -> (last day in force, event that ended it)
ENDS = {
    4: ("2018-04-13", "ghouta-retaken-2018-04-14"),
    2: ("2018-05-15", "northern-homs-retaken-2018-05-16"),
    3: ("2018-07-30", "south-retaken-2018-07-31"),
    # the HTS-led offensive broke the 2020 line of contact (AP, ABC News, 8 December 2024)
    1: ("2024-11-26", "hts-offensive-2024-11-27"),
}
# The end of the story (events of November-December 2024): nothing holds from 27 November.
AFTER_THE_END = ["2024-11-27", "2024-11-30", "2024-12-07", "2024-12-08", "2025-01-01"]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _statuses(atlas, day: str) -> dict[int, str]:
    return {v.zone_id: v.status for v in state_on(atlas, _day(day)).zones}


def _layer_ids(atlas, day: str) -> list[str]:
    return [layer.id for layer in state_on(atlas, _day(day)).layers]


def test_later_rounds_have_their_sourced_dates_in_order(atlas):
    later = [(r.id, r.start_date.isoformat(), r.end_date.isoformat()) for r in atlas.rounds[7:]]
    assert later == LATER_ROUNDS


def test_round_numbers_follow_dates_and_only_the_congress_has_none(atlas):
    numbered = [r for r in atlas.rounds if r.format == "astana"]
    assert [r.number for r in numbered] == list(range(1, 23))
    assert [r.start_date for r in numbered] == sorted(r.start_date for r in numbered)
    assert [r.id for r in atlas.rounds if r.number is None] == ["sochi-congress-2018-01-30"]
    for first, second in zip(atlas.rounds, atlas.rounds[1:], strict=False):
        assert first.end_date < second.start_date  # no two meetings overlap


def test_the_timeline_runs_from_december_2016_to_the_fall_of_the_government(atlas):
    steps = build_steps(atlas)
    assert (steps[0].date, steps[-1].date) == (dt.date(2016, 12, 30), dt.date(2024, 12, 8))
    assert [s.id for s in steps[-6:]] == [
        "astana-22", "hts-offensive-2024-11-27", "aleppo-2024-11-30", "hama-2024-12-05",
        "doha-meetings-2024-12-07", "government-falls-2024-12-08",
    ]  # fmt: skip
    assert atlas.event("doha-meetings-2024-12-07").kind == "meeting"
    assert "No later Astana-format meeting was found" in atlas.event(steps[-1].id).notes


def test_ghouta_under_offensive_is_still_a_zone_on_1_march_2018(atlas):
    # The rule: a zone is in force until the day its end took effect (Douma, 14 April).
    assert _statuses(atlas, "2018-03-01") == {1: "in_force", 2: "in_force", 3: "in_force",
                                              4: "in_force"}  # fmt: skip
    assert _statuses(atlas, "2018-04-14")[4] == "ended"


@pytest.mark.parametrize("zone_id", sorted(ENDS))
def test_each_zone_ends_the_day_after_its_last_day_in_force(atlas, zone_id):
    last_day, event_id = ENDS[zone_id]
    assert _statuses(atlas, last_day)[zone_id] == "in_force"
    after = next(v for v in state_on(atlas, _day(last_day) + dt.timedelta(1)).zones
                 if v.zone_id == zone_id)  # fmt: skip
    assert (after.status, after.basis, after.valid_to) == ("ended", event_id, None)
    assert atlas.event(event_id).date == after.valid_from


def test_only_idlib_is_left_on_1_august_2018(atlas):
    statuses = _statuses(atlas, "2018-08-01")
    assert [zone for zone, status in statuses.items() if status != "ended"] == [1]


def test_the_demilitarised_zone_exists_on_1_october_2018_only(atlas):
    assert _layer_ids(atlas, "2018-10-01") == ["sochi-dmz-2018"]
    assert _layer_ids(atlas, "2018-09-16") == []
    assert _layer_ids(atlas, "2017-09-20") == []


def test_the_corridor_exists_on_10_march_2020(atlas):
    assert _layer_ids(atlas, "2020-03-10") == ["m4-corridor-2020"]
    # the protocol's own step (signed 5 March) shows the corridor it created, not the DMZ
    assert _layer_ids(atlas, "2020-03-05") == ["m4-corridor-2020"]
    assert _layer_ids(atlas, "2020-03-04") == ["sochi-dmz-2018"]


def _pairs(atlas):
    for zone_id in (1, 2, 3, 4):
        versions = sorted((v for v in atlas.zones if v.zone_id == zone_id),
                          key=lambda v: v.valid_from)  # fmt: skip
        yield from itertools.pairwise(versions)


def _version_on(atlas, zone_id: int, day: dt.date):
    (version,) = [v for v in state_on(atlas, day).zones if v.zone_id == zone_id]
    return version


def test_the_state_the_day_before_and_the_day_of_each_turning_point(atlas):
    for before, after in _pairs(atlas):
        assert _version_on(atlas, after.zone_id, after.valid_from - dt.timedelta(1)) == before
        assert _version_on(atlas, after.zone_id, after.valid_from) == after
        basis = atlas.event(after.basis)
        assert after.zone_id in basis.zones, after.id
        assert 0 <= (after.valid_from - basis.date).days <= 2, after.id


def test_the_documented_losses_are_drawn_when_they_happened(atlas):
    # (zone, day, version in force): one per turning point the issue names
    expected = [
        (1, "2018-01-21", "zone-1-2018-01"),  # Abu al-Duhur airbase, 20 January (AFP)
        (1, "2019-05-09", "zone-1-2019-05"),  # Qalaat al-Madiq (Al Jazeera)
        (1, "2019-08-21", "zone-1-2019-08-21"),  # Khan Shaykhun (SOHR via AFP)
        (1, "2020-01-28", "zone-1-2020-01-28"),  # Maarat al-Numan (Reuters)
        (1, "2020-02-25", "zone-1-2020-02-25"),  # Kafranbel (France 24, AFP)
        (1, "2020-03-06", "zone-1-2020-03-05"),  # the Moscow protocol's line of contact
        (1, "2024-11-26", "zone-1-2020-03-05"),  # the same line, the eve of the offensive
        (4, "2018-03-11", "zone-4-2018-03-11"),  # three pockets (TRT World, AFP)
        (4, "2018-03-31", "zone-4-2018-03-31"),  # Douma alone (Gulf Times)
        (3, "2018-06-26", "zone-3-2018-06-26"),  # Lajat and Busr al-Harir (Xinhua)
        (3, "2018-07-12", "zone-3-2018-07-12"),  # Daraa al-Balad (AFP)
        (3, "2018-07-19", "zone-3-2018-07-19"),  # the Quneitra deal (Al Jazeera)
    ]
    for zone_id, day, version_id in expected:
        assert _version_on(atlas, zone_id, _day(day)).id == version_id, day


def test_the_slider_shows_each_new_outline_at_the_step_of_its_event(atlas):
    # A version that began the day after its event's step stayed off the map until the next
    # step: the Moscow protocol's line first appeared in August 2020, five months late.
    steps = build_steps(atlas)
    for version in atlas.zones:
        basis = atlas.event(version.basis)
        shown_at_basis = state_on(atlas, basis.date).zones
        starts_on_a_step = any(step.date == version.valid_from for step in steps)
        assert version in shown_at_basis or starts_on_a_step, version.id


@pytest.mark.parametrize("day", [*AFTER_THE_END, "today"])
def test_no_zone_or_layer_holds_after_the_end(atlas, day):
    state = state_on(atlas, dt.date.today() if day == "today" else _day(day))
    assert {v.zone_id: v.status for v in state.zones} == dict.fromkeys((1, 2, 3, 4), "ended")
    assert state.layers == ()


def test_the_m4_corridor_ends_with_zone_1(atlas):
    assert _layer_ids(atlas, "2024-11-26") == ["m4-corridor-2020"]
    assert _layer_ids(atlas, "2024-11-27") == []
    # the joint patrols stopped in August 2020 (Hürriyet Daily News, 25 August 2020)
    assert atlas.event("m4-joint-patrols-end-2020-08-25").zones == (1,)
    corridor = next(layer for layer in atlas.layers if layer.kind == "corridor")
    assert "25 August 2020" in corridor.notes


def _snapshot_stdout(capsys, day: str) -> dict:
    assert cli.main(["snapshot", "--date", day, "--format", "geojson", "--output", "-"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_snapshot_of_6_march_2020_draws_the_line_of_contact(atlas, capsys):
    collection = _snapshot_stdout(capsys, "2020-03-06")
    (idlib,) = [f for f in collection["features"] if f["properties"].get("zone_id") == 1]
    assert idlib["properties"]["status"] == "in_force"
    outline = shape(idlib["geometry"])
    # held by the army by then: Abu al-Duhur (AFP, 21 January 2018), Khan Shaykhun and the
    # northern Hama pocket (SOHR, Reuters, August 2019), Maarat al-Numan (Reuters, 28
    # January 2020), Saraqib (VOA, 2 March 2020), Kafranbel (France 24, 25 February 2020)
    for town in ("abu-al-duhur", "khan-shaykhun", "morek", "kafr-zita", "maarat-al-numan",
                 "saraqib", "kafranbel", "hish", "tamanah"):  # fmt: skip
        assert not outline.contains(_place(atlas, town)), town
    for town in ("idlib", "ariha", "sarmin", "jisr-al-shughur"):
        assert outline.contains(_place(atlas, town)), town


def test_the_snapshot_of_2025_has_no_zone_in_force(capsys):
    collection = _snapshot_stdout(capsys, "2025-01-01")
    statuses = [f["properties"].get("status") for f in collection["features"]]
    assert statuses == ["ended"] * 4  # four grey zones, no layer


def _place(atlas, place_id):
    place = next(p for p in atlas.places if p.id == place_id)
    return Point(place.lon, place.lat)


def test_the_demilitarised_zone_is_a_band_inside_zone_1(atlas):
    dmz = next(layer for layer in atlas.layers if layer.kind == "dmz")
    # drawn along zone 1's edge as it stood when the memorandum was signed (after the
    # losses of early 2018), not the 2017 edge
    idlib = _version_on(atlas, 1, dmz.valid_from)
    assert idlib.id == "zone-1-2018-07"
    assert area_km2(dmz.geometry.difference(idlib.geometry)) < 0.01
    assert 1_500 < area_km2(dmz.geometry) < 0.7 * area_km2(idlib.geometry)
    # Sinjar and Abu al-Duhur were lost in January 2018 (AP, AFP): outside the band
    for town in ("sinjar-idlib", "abu-al-duhur"):
        assert not dmz.geometry.contains(_place(atlas, town)), town
    # Research notes: the northern Hama pocket lay on the line of contact; Idlib city and
    # the Turkish border (Atmeh, Salqin) did not.
    for town in ("morek", "latamneh", "kafr-zita", "khan-shaykhun", "kabani"):
        assert dmz.geometry.contains(_place(atlas, town)), town
    for town in ("idlib", "atmeh", "salqin", "darat-izza"):
        assert not dmz.geometry.contains(_place(atlas, town)), town


def test_the_corridor_is_6_km_either_side_of_the_m4(atlas):
    corridor = next(layer for layer in atlas.layers if layer.kind == "corridor")
    towns = ("ariha", "mhambal", "jisr-al-shughur", "bdama")
    for town in towns:
        assert corridor.geometry.contains(_place(atlas, town)), town
    road = LineString([_place(atlas, town) for town in towns])
    core = buffer_km(road, 5.5).intersection(atlas.border)
    assert area_km2(core.difference(corridor.geometry)) < 0.5  # rounding of the vertices
    assert not corridor.geometry.contains(_place(atlas, "idlib"))  # about 12 km north
    assert 600 < area_km2(corridor.geometry) < 1_200


def test_layers_lie_inside_the_border(atlas):
    for layer in atlas.layers:
        assert area_km2(layer.geometry.difference(atlas.border)) < 0.01, layer.id


def test_the_app_draws_ended_zones_grey_and_the_layers(atlas):
    state = state_on(atlas, _day("2018-10-01"))
    zones = display.zone_collection(atlas, state)
    ended = [f for f in zones["features"] if f["properties"]["status"] == "ended"]
    assert len(ended) == 3 and "Ended by:" in ended[0]["properties"]["popup"]
    assert "ended on" in ended[0]["properties"]["popup"]
    layers = display.layer_collection(atlas, state)
    assert [f["properties"]["kind"] for f in layers["features"]] == ["dmz"]
    page = legend.legend_html(legend.legend_rows(atlas, zones), layers)
    assert style.ENDED_LABEL in page and style.LAYER_LABELS["dmz"] in page
    fmap = folium.Map()
    mapview.build_zone_layer(zones, layers).add_to(fmap)
    assert fmap.get_root().render().count("L.geoJSON(") == 2


def test_snapshots_list_ended_zones_and_layers_like_the_app(atlas):
    collection = snapshot.snapshot_geojson(atlas, _day("2020-03-10"))
    zones = [f["properties"] for f in collection["features"] if "zone_id" in f["properties"]]
    layers = [f["properties"] for f in collection["features"] if "layer" in f["properties"]]
    assert {z["zone_id"]: z["status"] for z in zones} == {1: "in_force", 2: "ended",
                                                          3: "ended", 4: "ended"}  # fmt: skip
    assert [(p["layer"], p["kind"], p["basis"]) for p in layers] == [
        ("m4-corridor-2020", "corridor", "moscow-protocol-2020-03-05")
    ]
    assert '"layer": "m4-corridor-2020"' in snapshot.dumps_geojson(collection)
    rows = snapshot.snapshot_csv(state_on(atlas, _day("2020-03-10"))).splitlines()[1:]
    assert sum(",ended," in row for row in rows) == 3


def test_jump_menu_offers_every_year_and_round_and_the_default_stays_2017(atlas):
    steps = build_steps(atlas)
    targets = navigation.jump_targets(steps, atlas.rounds)
    years = [label[:4] for label in targets if label.endswith("first step of the year")]
    assert years == [str(year) for year in range(2016, 2025)]
    assert set(targets.values()) >= {r.id for r in atlas.rounds}
    assert navigation.default_step(atlas, steps).id == "memorandum-in-force-2017-05-06"


def _edit_rules(root, change):
    path = root / "geodata/zones.geojson"
    document = json.loads(path.read_text("utf-8"))
    change({f["properties"]["id"]: f["properties"] for f in document["features"]})
    path.write_text(json.dumps(document), "utf-8")


def test_an_ended_zone_must_stay_ended_and_follow_without_a_gap(data_copy):
    def change(versions):
        versions["zone-4-2018-04"]["valid_to"] = "2019-01-01"
        versions["zone-2-2018-05"]["valid_from"] = "2018-05-20"

    _edit_rules(data_copy, change)
    problems = [str(p) for p in find_problems(data_copy)]
    assert "geodata/zones.geojson: zone-4-2018-04: valid_to: an ended zone stays ended: null" in (
        problems
    )
    assert any(p.startswith("geodata/zones.geojson: zone-2-2018-05: valid_from: no earlier")
               for p in problems)  # fmt: skip


def test_a_layer_must_rest_on_a_known_earlier_event(data_copy):
    path = data_copy / "geodata/layers.geojson"
    document = json.loads(path.read_text("utf-8"))
    document["features"][0]["properties"]["basis"] = "no-such-event"
    document["features"][1]["properties"]["valid_from"] = "2020-03-01"
    path.write_text(json.dumps(document), "utf-8")
    problems = [str(p) for p in find_problems(data_copy)]
    assert "geodata/layers.geojson: sochi-dmz-2018: basis: unknown event 'no-such-event'" in (
        problems
    )
    assert any(p.startswith("geodata/layers.geojson: m4-corridor-2020: valid_from: starts")
               for p in problems)  # fmt: skip


def test_the_congress_must_not_carry_a_round_number(data_copy):
    path = data_copy / "data/rounds.yaml"
    document = yaml.safe_load(path.read_text("utf-8"))
    congress = next(r for r in document["rounds"] if r["id"] == "sochi-congress-2018-01-30")
    congress["number"] = 23
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    assert any("sochi-congress-2018-01-30" in str(p) for p in find_problems(data_copy))
