"""The /map page: TopoJSON outlines decoded and projected, a marker for every placed event
of the listing's filters, and bad filters answered as the other pages answer them."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from fastapi.testclient import TestClient

from newsgraph.store import Store
from newsgraph.web import pages, worldmap

# Two unit squares side by side sharing the arc x=1 (arc 1), quantized on a 1° grid from
# (0, 0): the left square walks the shared arc down, the right one backwards, up (~1 = -2).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "arcs": [[[1, 0], [-1, 0], [0, 1], [1, 0]],  # (1,0) → (0,0) → (0,1) → (1,1)
             [[1, 1], [0, -1]],                   # (1,1) → (1,0): the shared border
             [[1, 1], [1, 0], [0, -1], [-1, 0]]],  # (1,1) → (2,1) → (2,0) → (1,0)
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "id": "1", "properties": {"name": "West"}, "arcs": [[0, 1]]},
        {"type": "MultiPolygon", "id": "2", "properties": {"name": "East"},
         "arcs": [[[2, -2]]]},
        {"type": "Point", "id": "3", "coordinates": [5, 5]},
    ]}},
}


def test_shared_borders_decode_to_closed_rings_in_degrees() -> None:
    decoded = {geometry["id"]: rings for geometry, rings in worldmap.decode(TOPOLOGY)}
    assert decoded["1"] == [[(1, 0), (0, 0), (0, 1), (1, 1), (1, 0)]]
    assert decoded["2"] == [[(1, 1), (2, 1), (2, 0), (1, 0), (1, 1)]]
    assert decoded["3"] == []  # not an outline


def test_countries_are_drawn_where_they_lie(tmp_path: Path) -> None:
    atlas = tmp_path / "atlas.json"
    atlas.write_text(json.dumps(TOPOLOGY))
    west, east, _ = worldmap.countries(atlas)
    assert (west.name, east.name) == ("West", "East")
    x, y = worldmap.project(0, 0)
    assert west.path.startswith(f"M{x + worldmap.SCALE:.1f},{y:.1f}")
    assert worldmap.countries(tmp_path / "missing.json") == ()
    (tmp_path / "broken.json").write_text("{")
    assert worldmap.countries(tmp_path / "broken.json") == ()


def test_the_projection_puts_north_and_east_up_and_right() -> None:
    pyongyang, canberra = worldmap.project(39.0, 125.8), worldmap.project(-35.3, 149.1)
    assert canberra[0] > pyongyang[0] and canberra[1] > pyongyang[1]
    assert worldmap.project(0, -180) == (0.0, worldmap.NORTH * worldmap.SCALE)


def test_the_map_has_a_marker_for_each_placed_event_of_its_filters(
        client: TestClient, demo_store: Store) -> None:
    placed = demo_store.events(placed=True)
    assert placed
    page = client.get("/map")
    assert page.status_code == 200
    assert page.text.count('<circle class="marker') == len(placed)
    country = placed[0]["place"]["country"]
    page = client.get("/map", params={"country": country})
    assert page.text.count('<circle class="marker') == len(
        demo_store.events(placed=True, country=country))
    assert f'href="/articles/{placed[0]["article_id"]}#event-' in client.get("/map").text


def test_bad_map_filters_are_a_bad_request_page_naming_them(client: TestClient) -> None:
    for bad in ({"within": "5"}, {"bbox": "1,2"}, {"near": "nowhere at all"},
                {"country": "Narnia"}):
        page = client.get("/map", params=bad)
        assert page.status_code == 400 and f"{next(iter(bad))}:" in page.text, bad


def test_the_map_form_keeps_what_was_asked_and_passes_the_rest_on(
        client: TestClient, demo_store: Store) -> None:
    story = demo_store.stories()[0]["id"]
    page = client.get("/map", params={"near": "Seoul", "within": "500", "type": "CONSULT",
                                      "story": story})
    assert page.status_code == 200
    assert 'name="near" value="Seoul"' in page.text and 'value="CONSULT" selected' in page.text
    assert 'value="500"' in page.text  # the radius as typed
    assert f'<input type="hidden" name="story" value="{story}">' in page.text


def test_hostile_place_names_and_filters_are_inert_on_the_map() -> None:
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    row = {"article_id": "a" * 16, "seq": 0, "type": "ASSAULT", "mode": None,
           "place_precision": "city", "actors": [], "recipients": [], "negated": False,
           "hypothetical": False, "symmetric": False, "predicate": hostile,
           "place": {"name": hostile, "kind": "city", "latitude": 10.0, "longitude": 20.0}}
    page = pages.templates.get_template("map.html").render(
        request=SimpleNamespace(url=SimpleNamespace(path="/map")), event_types=[], quads=[],
        markers=worldmap.markers([row]), countries=(), graticule="", width=worldmap.WIDTH,
        height=worldmap.HEIGHT, given={"near": hostile}, form_fields=pages.MAP_FORM,
        list_link="/api/events", more=False, limit=1)
    assert "<script>" not in page and "<img" not in page
    assert page.count('<circle class="marker') == 1
