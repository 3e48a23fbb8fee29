"""The web pages as HTML: each page renders from the store, links to the records it names,
escapes article text, and carries a script policy that allows only the server's own code."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newsgraph.link import compare
from newsgraph.store import Store
from newsgraph.web import views
from tests.conftest import XSS_PAYLOADS


def page(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    return response.text


def test_stories_page_lists_every_story(client: TestClient, demo_store: Store) -> None:
    html = page(client, "/")
    for story in demo_store.stories():
        assert f'href="/stories/{story["id"]}"' in html


def test_story_page_has_timeline_articles_and_happenings(client: TestClient,
                                                         demo_store: Store) -> None:
    story = max(demo_store.stories(), key=lambda s: s["happenings"])
    html = page(client, f"/stories/{story['id']}")
    assert 'id="timeline-news"' in html
    for article in demo_store.story(story["id"])["articles"]:
        assert f'href="/articles/{article["id"]}"' in html
    for happening in demo_store.happenings(story=story["id"]):
        assert f'href="/happenings/{happening["id"]}"' in html
    carried = re.search(r'<p class="carriers">Carried by: (.*?)</p>', html)
    assert carried is not None  # every article counted once, under its outlet's kind
    counts = [int(n) for n in re.findall(r"</strong> (\d+)", carried.group(1))]
    assert sum(counts) == len(demo_store.story(story["id"])["articles"])


def test_outlet_breakdown_counts_kinds_and_their_countries() -> None:
    from newsgraph.link.compare import outlet_breakdown

    rows = outlet_breakdown([
        {"outlet_kind": "state", "outlet_country": "RUS"},
        {"outlet_kind": "state", "outlet_country": "PRK"},
        {"outlet_kind": "state", "outlet_country": "RUS"},
        {"outlet_kind": None, "outlet_country": None},
        {"outlet_kind": "wire", "outlet_country": "GBR"},
    ])
    assert [(r["kind"], r["articles"], r["countries"]) for r in rows] == [
        ("state", 3, [("RUS", 2), ("PRK", 1)]), ("wire", 1, [("GBR", 1)]),
        ("unknown", 1, [("?", 1)])]


def test_article_page_marks_every_event_and_explains_it(client: TestClient,
                                                        demo_store: Store) -> None:
    article_id = demo_store.events()[0]["article_id"]
    html = page(client, f"/articles/{article_id}")
    for event in demo_store.events(article_id=article_id, include_negated=True):
        assert f'id="event-{event["seq"]}"' in html
    assert 'id="article-notes"' in html and 'class="seg' in html


def test_actor_page_shows_roles_events_and_quotes(client: TestClient, demo_store: Store) -> None:
    speaker = next(q["actor_id"] for q in demo_store.quotes() if q["actor_id"])
    html = page(client, f"/actors/{speaker}")
    assert demo_store.actor(speaker)["name"] in html
    assert 'id="timeline-actor"' in html and "Quotes" in html


@pytest.mark.parametrize("path", ["/articles", "/actors", "/network", "/happenings",
                                  "/claims", "/docs", "/network?type=CONSULT",
                                  "/happenings?disputed=true", "/claims?min_sources=1",
                                  "/map", "/map?type=CONSULT&near=Seoul&within=500"])
def test_listing_pages_render(client: TestClient, path: str) -> None:
    page(client, path)


def test_happening_page_sets_reports_side_by_side(client: TestClient, demo_store: Store) -> None:
    happening = max(demo_store.happenings(), key=lambda h: h["reports"])
    html = page(client, f"/happenings/{happening['id']}")
    compared = compare(demo_store, happening["id"])
    for report in compared["reports"]:
        assert f'href="/articles/{report["article_id"]}#event-{report["event"]}"' in html


@pytest.mark.parametrize("path, status", [("/articles/0000000000", 404),
                                          ("/stories/nope", 404), ("/actors/nobody_x", 404),
                                          ("/happenings/nope", 404),
                                          ("/network?type=BOMBING", 400),
                                          ("/map?bbox=1,2,3", 400)])
def test_bad_pages_say_why(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert '<p class="error">' in response.text


def test_article_text_is_escaped_everywhere(client: TestClient, demo_store: Store) -> None:
    hostile = [a["id"] for a in demo_store.articles(search="__xss")]
    assert len(hostile) == 2
    for path in [*(f"/articles/{i}" for i in hostile), "/articles", "/",
                 f"/stories/{demo_store.load_article(hostile[0]).story}"]:
        html = page(client, path)
        for payload in XSS_PAYLOADS:
            assert payload not in html
        assert not re.search(r"<(img|svg|iframe)\b", html)
        assert 'href="javascript:' not in html
        assert len(re.findall(r"<script\b", html)) == html.count("<script src=\"/static/") + \
            html.count('<script type="application/json"')


def test_only_web_addresses_become_links() -> None:
    assert views.safe_url("https://example.org/a") == "https://example.org/a"
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "", None,
                "vbscript:x"):
        assert views.safe_url(url) is None
