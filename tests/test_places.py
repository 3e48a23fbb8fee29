"""Events on the map: the gazetteer, each event's place with coordinates and precision, and
the place in the store, the JSON rows and the exports (GeoJSON parsed back)."""

from __future__ import annotations

import io
import json

import pytest

from newsgraph import export as exporter
from newsgraph.actors.kb import load_kb
from newsgraph.model import Actor
from newsgraph.pipeline import process_text
from newsgraph.places.gazetteer import build_gazetteer, default_gazetteer, distance_km
from newsgraph.places.locate import resolve_place
from newsgraph.store import Store


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


def test_a_city_is_found_by_its_other_spellings_with_coordinates(gazetteer) -> None:
    kyiv = gazetteer.candidates("Kyiv")[0]
    assert kyiv.kind == "city" and kyiv.country == "UKR"
    assert gazetteer.candidates("Kiev")[0].id == kyiv.id
    assert gazetteer.candidates("KYIV")[0].id == kyiv.id
    assert distance_km((kyiv.latitude, kyiv.longitude), (50.45, 30.52)) < 5


def test_every_country_has_a_point(gazetteer) -> None:
    for code in ("PRK", "KOR", "USA", "RUS", "BRA", "AUS", "ZAF", "FJI"):
        place = gazetteer.country(code)
        assert place is not None and place.latitude is not None, code


def test_country_centres_lie_near_their_capitals(gazetteer) -> None:
    """A centre with a wrong sign or swapped axes lands thousands of kilometres away."""
    far = []
    for code, capital in (("PRK", "Pyongyang"), ("ARG", "Buenos Aires"), ("NZL", "Wellington"),
                          ("KEN", "Nairobi"), ("DEU", "Berlin"), ("IND", "New Delhi"),
                          ("PER", "Lima"), ("JPN", "Tokyo")):
        centre = gazetteer.country(code)
        city = next(p for p in gazetteer.candidates(capital) if p.country == code)
        if distance_km((centre.latitude, centre.longitude), (city.latitude, city.longitude)) > 1500:
            far.append(code)
    assert far == []


def test_a_shared_name_goes_to_the_country_the_article_is_about(gazetteer) -> None:
    assert resolve_place(gazetteer, "Paris", None, []).country == "FRA"
    assert resolve_place(gazetteer, "Paris", None, ["USA"]).country == "USA"
    actor = Actor("paris_tx", "Paris", "place", country="USA")
    assert resolve_place(gazetteer, "Paris", actor, ["FRA"]).country == "USA"


def test_a_country_mention_is_the_country() -> None:
    gazetteer = default_gazetteer()
    north = Actor("PRK", "North Korea", "country", country="PRK")
    place = resolve_place(gazetteer, "the North", north, [])
    assert place.id == "PRK" and place.kind == "country"


def test_a_city_lies_inside_its_country_and_region(gazetteer) -> None:
    seoul = gazetteer.candidates("Seoul")[0]
    assert gazetteer.contains(gazetteer.country("KOR"), seoul)
    assert not gazetteer.contains(gazetteer.country("PRK"), seoul)
    assert not gazetteer.contains(seoul, gazetteer.country("KOR"))


def test_kb_places_with_coordinates_join_the_gazetteer(tmp_path) -> None:
    extra = tmp_path / "sites.yaml"
    extra.write_text(
        "entries:\n"
        "  - {id: test_range, name: Example Test Range, kind: place, country: PRK,\n"
        "     place_kind: site, coordinates: [41.28, 129.08]}\n", encoding="utf-8")
    kb = load_kb([extra])
    assert kb.validate() == []
    site = build_gazetteer(kb).candidates("Example Test Range")[0]
    assert (site.id, site.kind, site.country) == ("kb:test_range", "site", "PRK")


def test_bad_coordinates_are_a_kb_problem(tmp_path) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text("entries:\n  - {id: nowhere, name: Nowhere, kind: place,"
                     " coordinates: [127.0, 40.0], place_kind: town}\n", encoding="utf-8")
    problems = load_kb([extra]).validate()
    assert any("coordinates" in p for p in problems)
    assert any("place_kind" in p for p in problems)


TEXT = (
    "North Korean leader Kim Jong Un arrived in Hanoi on Tuesday and met U.S. President "
    "Donald Trump.\n\nRussian missiles struck Kyiv overnight.\n"
)


@pytest.fixture(scope="module")
def article():
    return process_text(TEXT, published_given="2019-02-27")


def test_an_event_gets_its_place_coordinates_and_precision(article) -> None:
    places = {p.id: p for p in article.places}
    placed = {e.predicate: e for e in article.events if e.place_id}
    assert {"met", "struck"} <= set(placed)
    met = placed["met"]
    assert places[met.place_id].name == "Hanoi" and met.place_precision == "city"
    assert met.place_basis == "sentence"  # "arrived in Hanoi … and met"
    struck = placed["struck"]
    assert places[struck.place_id].country == "UKR" and struck.place_basis == "clause"


def test_a_dateline_places_an_act_of_its_own_country_only() -> None:
    text = ("SEOUL, July 27 (Yonhap) -- South Korea and Japan signed a trade agreement on "
            "Thursday.\n\nNorth Korea fired two missiles on Thursday.\n")
    result = process_text(text, published_given="2023-07-27")
    places = {p.id: p for p in result.places}
    by_predicate = {e.predicate: e for e in result.events}
    signed = by_predicate["signed"]
    assert signed.place_basis == "dateline" and places[signed.place_id].name == "Seoul"
    assert by_predicate["fired"].place_id is None


def test_the_place_is_stored_listed_and_exported(tmp_path, article) -> None:
    with Store(tmp_path / "t.db") as store:
        store.save_article(article)
        rows = store.events(article_id=article.id)
        placed = [r for r in rows if r["place"]]
        assert placed and all(r["place"]["latitude"] is not None for r in placed)
        assert store.load_article(article.id).places == article.places
        out = io.StringIO()
        exporter.export(store, "events", "geojson", stream=out)
        collection = json.loads(out.getvalue())
        assert collection["type"] == "FeatureCollection"
        assert len(collection["features"]) == len(placed)
        feature = collection["features"][0]
        lon, lat = feature["geometry"]["coordinates"]
        first = placed[0]["place"]
        assert (lat, lon) == (first["latitude"], first["longitude"])  # GeoJSON: lon first
        table = io.StringIO()
        exporter.export(store, "events", "csv", stream=table)
        header = table.getvalue().splitlines()[0].split(",")
        assert {"place", "place_id", "latitude", "longitude", "place_precision",
                "place_country"} <= set(header)
        plover = io.StringIO()
        exporter.export(store, "events", "plover", stream=plover)
        located = [json.loads(line)["event_loc"] for line in plover.getvalue().splitlines()]
        assert any(loc and loc.get("lat") is not None and loc.get("resolution") for loc in
                   located)
