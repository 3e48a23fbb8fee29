"""The HTTP API over a store of the sample corpus: every endpoint, its filters and pages, and
clear 4xx errors for bad requests; posting documents when (and only when) ingest is allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph import settings
from newsgraph.store import Store
from newsgraph.web import create_app


def items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


LISTINGS = ["/api/articles", "/api/actors", "/api/events", "/api/quotes", "/api/claims",
            "/api/stories", "/api/happenings"]


@pytest.mark.parametrize("path", LISTINGS)
def test_every_listing_pages_through_all_its_rows(client: TestClient, path: str) -> None:
    everything = items(client, path, limit=1000)
    assert everything, f"{path} is empty on the sample corpus"
    seen, offset = [], 0
    while offset is not None:
        page = client.get(path, params={"limit": 2, "offset": offset}).json()
        assert len(page["items"]) <= 2
        seen += page["items"]
        offset = page["next_offset"]
    assert seen == everything


@pytest.mark.parametrize("path", LISTINGS)
@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 100000}, {"offset": -1},
                                    {"limit": "many"}])
def test_bad_page_parameters_are_422_naming_the_parameter(client: TestClient, path: str,
                                                          params: dict[str, Any]) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == next(iter(params))


def test_events_filter_as_the_store_does(client: TestClient, demo_store: Store) -> None:
    event = demo_store.events()[0]
    actor = event["actors"][0]["actor_id"] or event["actors"][0]["text"]
    assert items(client, "/api/events", actor=actor, limit=1000) == \
        [dict(r) for r in demo_store.events(actor=actor)]
    for row in items(client, "/api/events", type=event["type"], limit=1000):
        assert row["type"] == event["type"]
    day = next(e["earliest"][:10] for e in demo_store.events() if e["earliest"])
    dated = items(client, "/api/events", **{"from": day, "to": day}, limit=1000)
    assert dated and all(r["earliest"][:10] <= day <= r["latest"][:10] for r in dated)
    timeline = items(client, "/api/events", order="time", limit=1000)
    starts = [r["earliest"] for r in timeline if r["earliest"]]
    assert starts == sorted(starts)


def test_events_by_article_story_and_happening_take_id_prefixes(client: TestClient,
                                                                demo_store: Store) -> None:
    event = next(e for e in demo_store.events() if e["happening"])
    by_article = items(client, "/api/events", article=event["article_id"][:6], limit=1000)
    assert {r["article_id"] for r in by_article} == {event["article_id"]}
    by_happening = items(client, "/api/events", happening=event["happening"][:8])
    assert by_happening and all(r["happening"] == event["happening"] for r in by_happening)
    story = demo_store.load_article(event["article_id"]).story
    assert event["article_id"] in {r["article_id"] for r in items(
        client, "/api/events", story=story, limit=1000)}


def test_negated_events_only_when_asked(client: TestClient, demo_store: Store) -> None:
    everything = items(client, "/api/events", include_negated=True, limit=1000)
    assert len(everything) == len(demo_store.events(include_negated=True))
    assert not any(r["negated"] for r in items(client, "/api/events", limit=1000))


@pytest.mark.parametrize("params, name", [
    ({"type": "BOMBING"}, "type"), ({"from": "yesterday"}, "from"), ({"to": "2024-1-5"}, "to"),
    ({"status": "past"}, "status"), ({"order": "random"}, "order"),
    ({"include_negated": "perhaps"}, "include_negated"), ({"actor": "x" * 300}, "actor"),
])
def test_bad_event_filters_are_422(client: TestClient, params: dict[str, str],
                                   name: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", name]


@pytest.mark.parametrize("params", [{"article": "ffffffffff"}, {"story": "nope"},
                                    {"happening": "nope"}])
def test_unknown_ids_in_filters_are_404(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 404
    assert "no " in response.json()["detail"]


def test_one_record_endpoints(client: TestClient, demo_store: Store) -> None:
    article_id = demo_store.articles()[0]["id"]
    article = client.get(f"/api/articles/{article_id[:7]}").json()
    assert article["id"] == article_id and "tokens" not in article and article["body"]
    assert client.get(f"/api/articles/{article_id}", params={"tokens": True}).json()["tokens"]
    actor = demo_store.actors()[0]
    assert client.get(f"/api/actors/{actor['id']}").json()["name"] == actor["name"]
    story = demo_store.stories()[0]
    assert client.get(f"/api/stories/{story['id']}").json()["articles"]
    happening = demo_store.happenings()[0]
    compared = client.get(f"/api/happenings/{happening['id']}").json()
    assert compared["reports"] and compared["versions"]


@pytest.mark.parametrize("path", ["/api/articles/0000000000", "/api/actors/nobody_at_all",
                                  "/api/stories/none", "/api/happenings/none"])
def test_unknown_records_are_404_with_a_reason(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"].startswith("no ")


def test_only_the_stores_not_found_is_a_404(demo_db: Path, demo_store: Store,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug's KeyError inside a handler is a server error, not "not found"."""
    def broken(self: Store, story_id: str) -> dict[str, Any]:
        raise KeyError("x")

    monkeypatch.setattr(Store, "story", broken)
    client = TestClient(create_app(demo_db), raise_server_exceptions=False)
    story = demo_store.stories()[0]["id"]
    for path in (f"/api/stories/{story}", f"/stories/{story}"):
        assert client.get(path).status_code == 500, path
    for path in ("/api/stories/none", "/api/actors/nobody_at_all"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["detail"].startswith("no ")
    page = client.get("/stories/none")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


def test_speech_filters(client: TestClient, demo_store: Store) -> None:
    quote = next(q for q in demo_store.quotes() if q["actor_id"])
    found = items(client, "/api/quotes", speaker=quote["actor_id"], limit=1000)
    assert found and all(q["actor_id"] == quote["actor_id"] or quote["actor_id"] in
                         (q["speaker"] or "") for q in found)
    assert all(q["kind"] == "direct" for q in items(client, "/api/quotes", kind="direct"))
    assert all(c["kind"] == "numeric" for c in items(client, "/api/claims", kind="numeric"))
    relayed = [q for q in demo_store.quotes() if q["reported_by"]]
    if relayed:  # the demo corpus's agencies relaying a speaker, filtered by who relays
        found = items(client, "/api/quotes", reported_by=relayed[0]["reported_by"], limit=1000)
        assert found and all(q["reported_by"] for q in found)
    assert items(client, "/api/quotes", reported_by="no such agency at all") == []


def test_network_lists_nodes_for_every_edge(client: TestClient) -> None:
    graph = client.get("/api/network").json()
    assert graph["edges"]
    ids = {node["id"] for node in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    kind = graph["edges"][0]["type"]
    assert {e["type"] for e in client.get("/api/network", params={"type": kind}).json()[
        "edges"]} == {kind}
    assert client.get("/api/network", params={"min_events": 0}).status_code == 422


def test_schema_and_reference_are_served_without_a_cdn(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/articles/{article_id}", "/api/network"} <= set(schema["paths"])
    assert "post" not in schema["paths"]["/api/articles"]  # read-only server
    page = client.get("/docs")
    assert page.status_code == 200 and "/api/events" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text


def test_read_only_server_refuses_posts(client: TestClient) -> None:
    assert client.post("/api/articles", content=b"text").status_code == 405


@pytest.fixture
def ingesting(tmp_path: Path) -> TestClient:
    path = tmp_path / "posted.db"
    Store(path).close()
    return TestClient(create_app(path, allow_ingest=True))


NEWS = ("The foreign ministers of Norway and Finland met in Oslo on Thursday to discuss "
        "fishing rights in the Barents Sea, officials said. The talks ended without a deal.")


def test_posted_text_is_ingested_once(ingesting: TestClient) -> None:
    created = ingesting.post("/api/articles", content=NEWS.encode(),
                             headers={"content-type": "text/plain"})
    assert created.status_code == 201 and created.json()["stored"] == 1
    again = ingesting.post("/api/articles", content=NEWS.encode(),
                           headers={"content-type": "text/plain"})
    assert again.status_code == 200 and again.json()["already_stored"] == 1
    assert len(ingesting.get("/api/articles").json()["items"]) == 1
    assert "post" in ingesting.get("/openapi.json").json()["paths"]["/api/articles"]


def test_posted_json_and_html_are_read_as_ingest_reads_them(ingesting: TestClient) -> None:
    record = {"title": "Talks in Oslo", "text": NEWS, "published": "2024-02-01",
              "url": "https://example.org/oslo"}
    assert ingesting.post("/api/articles", json=record).status_code == 201
    html = f"<html><body><article><h1>Fishing talks</h1><p>{NEWS}</p><p>{NEWS}</p>" \
           "</article></body></html>"
    assert ingesting.post("/api/articles", content=html.encode(),
                          headers={"content-type": "text/html"}).status_code == 201
    titles = {a["title"] for a in ingesting.get("/api/articles").json()["items"]}
    assert "Talks in Oslo" in titles


@pytest.mark.parametrize("body, status", [(b"", 422), (b"   \n", 422),
                                          (bytes(range(256)) * 8, 422)])
def test_bad_posts_are_refused_with_the_reason(ingesting: TestClient, body: bytes,
                                               status: int) -> None:
    response = ingesting.post("/api/articles", content=body,
                              headers={"content-type": "application/octet-stream"})
    assert response.status_code == status
    assert response.json()["detail"]
    assert ingesting.get("/api/articles").json()["items"] == []


def test_oversized_posts_are_413(ingesting: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_DOCUMENT_BYTES", 100)
    response = ingesting.post("/api/articles", content=NEWS.encode(),
                              headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert ingesting.get("/api/articles").json()["items"] == []


def test_a_missing_store_is_refused_at_start(tmp_path: Path) -> None:
    from newsgraph.store import StoreError

    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "absent.db")
