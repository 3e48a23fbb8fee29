"""Events on the map: the gazetteer, each event's place with coordinates and precision, and
the place in the store, the JSON rows and the exports (GeoJSON parsed back)."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsgraph import export as exporter
from newsgraph import filters
from newsgraph.actors.kb import load_kb
from newsgraph.actors.resolve import place_label
from newsgraph.cli import main
from newsgraph.model import Actor, Event, Place
from newsgraph.pipeline import process_text
from newsgraph.places.gazetteer import build_gazetteer, default_gazetteer, distance_km
from newsgraph.places.locate import resolve_place
from newsgraph.store import Store
from newsgraph.web import create_app


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


def placed(text: str, published: str) -> tuple[dict[str, Place], dict[str, Event]]:
    """The article's places by id and its events by predicate."""
    result = process_text(text, published_given=published)
    return {p.id: p for p in result.places}, {e.predicate: e for e in result.events}


def test_a_dateline_places_an_act_of_its_own_country_only() -> None:
    places, by_predicate = placed(
        "SEOUL, July 27 (Yonhap) -- South Korea and Japan signed a trade agreement on "
        "Thursday.\n\nNorth Korea fired two missiles on Thursday.\n", "2023-07-27")
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


@pytest.fixture(scope="module")
def placed_db(tmp_path_factory, article):
    path = tmp_path_factory.mktemp("placed") / "t.db"
    with Store(path) as store:
        store.save_article(article)
    return path


def _predicates(store: Store, **where) -> set[str]:
    return {row["predicate"] for row in store.events(**where)}


def test_events_are_found_near_a_place_in_a_box_and_in_a_country(placed_db) -> None:
    with Store(placed_db) as store:
        assert _predicates(store, near=filters.point("Hanoi")) == {"arrived", "met"}
        assert _predicates(store, near=filters.point("Hanoi"), within=1500) == {"arrived", "met"}
        assert "struck" in _predicates(store, near=filters.point("50.45,30.52"), within=20)
        assert _predicates(store, near=filters.point("Bangkok"), within=100) == set()
        assert _predicates(store, bbox=filters.box("100,5,110,25")) == {"arrived", "met"}
        # A box across the 180th meridian, from 100°E eastwards to 170°W: Asia, not Europe.
        assert _predicates(store, bbox=filters.box("100,-10,-170,60")) == {"arrived", "met"}
        assert _predicates(store, country=filters.country("Ukraine")) == {"struck"}
        assert _predicates(store, country=filters.country("VN")) == {"arrived", "met"}


@pytest.mark.parametrize(("check", "value"), [
    (filters.point, "91,30"), (filters.point, "a place nobody has named"),
    (filters.box, "10,50,20"), (filters.box, "10,60,20,50"), (filters.box, "10,0,200,10"),
    (filters.kilometres, "0"), (filters.kilometres, "-5"), (filters.kilometres, "30000"),
    (filters.kilometres, "far"), (filters.country, "Narnia"), (filters.country, "x" * 5000),
])
def test_bad_place_filters_are_refused_with_what_they_take(check, value) -> None:
    with pytest.raises(ValueError):
        check(value)


def test_a_country_is_named_by_code_or_by_name() -> None:
    assert {filters.country(v) for v in ("PRK", "prk", "KP", "North Korea", "DPRK")} == {"PRK"}
    assert filters.country("SUN") == "SUN"  # a former state the KB knows by its code


def test_the_place_filters_on_the_cli_and_the_api(placed_db) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["events", "--db", str(placed_db), "--near", "Hanoi",
                                  "--within", "30", "--json"])
    assert listed.exit_code == 0, listed.output
    assert {row["predicate"] for row in json.loads(listed.output)} == {"arrived", "met"}
    alone = runner.invoke(main, ["events", "--db", str(placed_db), "--within", "30"])
    assert alone.exit_code == 2 and "--within needs --near" in alone.output
    exported = runner.invoke(main, ["export", "--db", str(placed_db), "--kind", "events",
                                    "--country", "UKR"])
    assert exported.exit_code == 0, exported.output
    assert [json.loads(line)["predicate"] for line in exported.output.splitlines()] == ["struck"]
    client = TestClient(create_app(placed_db))
    answer = client.get("/api/events", params={"bbox": "100,5,110,25"})
    assert {row["predicate"] for row in answer.json()["items"]} == {"arrived", "met"}
    for bad in ({"within": 30}, {"bbox": "1,2,3"}, {"near": "95,0"}, {"country": "Narnia"}):
        assert client.get("/api/events", params=bad).status_code == 422


PARADE = ("The military parade was held in Pyongyang on Thursday.\n\nNorth Korean leader Kim "
          "Jong Un met Chinese Vice Premier Li Hongzhong on Thursday.\n\nIn 1994, North Korea "
          "signed an agreement with the United States.\n")
# A visit with no host named happens away from the visitors' own country (Moscow is named).
VISIT = ("Russian Defence Minister Sergei Shoigu left Moscow on Tuesday.\n\nThe military "
         "parade was held in Pyongyang on Thursday.\n\nThe visit of Mr. Shoigu comes at a time "
         "of tension in the region.\n")


@pytest.mark.parametrize(("text", "predicate"), [(PARADE, "met"), (VISIT, "visit")])
def test_unplaced_acts_happen_at_the_scene_the_article_names(text: str, predicate: str) -> None:
    places, by_predicate = placed(text, "2023-07-28")
    event = by_predicate[predicate]
    assert event.place_basis == "article" and places[event.place_id].name == "Pyongyang"


def test_history_the_article_recounts_is_not_put_at_its_scene() -> None:
    assert placed(PARADE, "2023-07-28")[1]["signed"].place_id is None


def test_a_capital_standing_for_its_government_is_no_scene() -> None:
    text = ("Pyongyang denied the report on Thursday.\n\n"
            "North Korean leader Kim Jong Un met Chinese Vice Premier Li Hongzhong on "
            "Thursday.\n")
    result = process_text(text, published_given="2023-07-28")
    assert all(e.place_basis != "article" for e in result.events)


def test_a_town_the_ner_missed_is_placed_through_the_gazetteer() -> None:
    places, by_predicate = placed("Russian drones hit an energy facility in Kharkiv "
                                  "overnight, the governor said.\n", "2024-05-01")
    hit = by_predicate["hit"]
    assert hit.location == "Kharkiv" and places[hit.place_id].kind == "city"
    assert places[hit.place_id].country == "UKR" and hit.place_basis == "clause"


def test_a_city_the_ner_takes_for_a_person_is_no_person() -> None:
    body = "Fighting raged in Avdiivka while Avdiivka said nothing."
    first = body.index("Avdiivka")
    kb = load_kb()
    assert place_label((first, first + 8, "PERSON", None), body, kb, set())[2] == "GPE"
    second = body.index("Avdiivka", first + 1)  # no locative word before it, one word
    assert place_label((second, second + 8, "PERSON", None), body, kb, set())[2] == "GPE"
    # ... unless a person named in full before bears it
    assert place_label((second, second + 8, "PERSON", None), body, kb,
                       {"olena", "avdiivka"})[2] == "PERSON"
    known = "They met in Austin"  # a city, but the KB knows a person Austin: left to it
    assert place_label((12, 18, "PERSON", None), known, kb, set())[2] == "PERSON"
    person = "He met Lloyd Austin in Moscow"
    assert place_label((7, 19, "PERSON", None), person, kb, set())[2] == "PERSON"
