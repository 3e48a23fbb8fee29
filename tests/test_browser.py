"""The pages in a real browser: Debian's Chromium, headless and kept off the network, loads each
page of a store built from the sample corpus, checks what it draws and saves a screenshot;
articles carrying script payloads render inert.

Chromium comes from Debian's ``chromium`` and ``chromium-driver`` packages (``make test``
installs them), never from a test tool's download. Without them these tests are skipped,
unless ``NEWSGRAPH_REQUIRE_BROWSER`` is set (CI sets it), when they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph import settings
from newsgraph.link import compare, compare_claims
from newsgraph.store import Store
from newsgraph.web import create_app
from tests.conftest import serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Headless, no GPU, and nothing that phones home: the machine has no network to reach.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-quic", "--window-size=1400,1000")

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    if os.environ.get("NEWSGRAPH_REQUIRE_BROWSER"):
        raise RuntimeError("browser tests need Debian's chromium and chromium-driver "
                           "(apt-get install chromium chromium-driver)")
    pytest.skip("Debian's chromium and chromium-driver are not installed",
                allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    with serving(create_app(demo_db)) as address:
        yield address


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    os.environ["SE_OFFLINE"] = "true"  # selenium must not look for a driver online
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $NEWSGRAPH_SCREENSHOTS (the README's come from there) or a
    temporary folder."""
    given = os.environ.get("NEWSGRAPH_SCREENSHOTS")
    folder = Path(given) if given else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def visit(browser: WebDriver, url: str, screenshots: Path, name: str) -> None:
    """Load a page, fail on any script error it logs, and save a full-height screenshot."""
    browser.set_window_size(1400, 1000)
    browser.get(url)
    browser.execute_script("return document.readyState")
    errors = [entry["message"] for entry in browser.get_log("browser")
              if entry["level"] == "SEVERE"]
    assert not errors, errors
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1400, min(max(height + 80, 600), 4000))
    browser.save_screenshot(str(screenshots / f"{name}.png"))


def test_stories_page(browser: WebDriver, server: str, screenshots: Path,
                      demo_store: Store) -> None:
    visit(browser, f"{server}/", screenshots, "stories")
    links = browser.find_elements(By.CSS_SELECTOR, "table.stories a")
    assert len(links) == len(demo_store.stories())


def test_story_timeline_draws_each_dated_event_and_zooms(browser: WebDriver, server: str,
                                                         screenshots: Path,
                                                         demo_store: Store) -> None:
    story = max(demo_store.stories(), key=lambda s: s["happenings"])
    dated = [e for e in demo_store.timeline(story=story["id"])
             if e["earliest"] and e["time_status"] != "historical"]
    visit(browser, f"{server}/stories/{story['id']}", screenshots, "story")
    marks = browser.find_elements(By.CSS_SELECTOR, "#timeline-news rect.item")
    assert len(marks) == len(dated)
    first = browser.find_element(By.CSS_SELECTOR, "#timeline-news rect.item")
    before = float(first.get_attribute("width"))
    browser.find_element(By.CSS_SELECTOR, '[data-for="timeline-news"] [data-zoom="in"]').click()
    after = float(browser.find_element(By.CSS_SELECTOR, "#timeline-news rect.item")
                  .get_attribute("width"))
    assert after > before or before >= 6 == after  # wider, unless drawn at its minimum size


def test_article_panel_explains_a_clicked_event(browser: WebDriver, server: str,
                                                screenshots: Path, demo_store: Store) -> None:
    event = demo_store.events()[0]
    browser.get(f"{server}/articles/{event['article_id']}")
    browser.find_element(By.ID, f"event-{event['seq']}").click()
    notes = browser.find_element(By.ID, "explain-notes").text
    assert event["type"] in notes and event["predicate"] in notes
    visit(browser, f"{server}/articles/{event['article_id']}#event-{event['seq']}",
          screenshots, "article")
    toggle = browser.find_element(By.CSS_SELECTOR, 'input[data-layer="mention"]')
    toggle.click()
    assert "hide-mention" in browser.find_element(By.ID, "article-body").get_attribute("class")


def test_actor_page(browser: WebDriver, server: str, screenshots: Path, demo_store: Store) -> None:
    actor = next(e["actors"][0]["actor_id"] for e in demo_store.events()
                 if e["actors"][0]["actor_id"] and e["earliest"])
    visit(browser, f"{server}/actors/{actor}", screenshots, "actor")
    assert demo_store.actor(actor)["name"] in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline-actor rect.item")


def test_network_draws_every_actor_and_link(browser: WebDriver, server: str,
                                            screenshots: Path, demo_store: Store) -> None:
    graph = demo_store.network()
    visit(browser, f"{server}/network", screenshots, "network")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#network g.node")) == len(graph["nodes"])
    assert len(browser.find_elements(By.CSS_SELECTOR, "#network path.edge")) == \
        len(graph["edges"])
    kind = graph["edges"][0]["type"]
    browser.get(f"{server}/network?type={kind}")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#network path.edge")) == \
        len(demo_store.network(type=kind)["edges"])


def test_comparison_pages(browser: WebDriver, server: str, screenshots: Path,
                          demo_store: Store) -> None:
    happening = max(demo_store.happenings(), key=lambda h: h["reports"])
    visit(browser, f"{server}/happenings/{happening['id']}", screenshots, "happening")
    columns = browser.find_elements(By.CSS_SELECTOR, "table.compare thead th")
    assert len(columns) == 1 + len(compare(demo_store, happening["id"])["reports"])
    visit(browser, f"{server}/claims?min_sources=2", screenshots, "claims")
    groups = compare_claims(demo_store, min_sources=2)
    assert len(browser.find_elements(By.CSS_SELECTOR, "section.claim-group")) == len(groups)
    disagreeing = [g for g in groups if not g["agree"]]
    assert len(browser.find_elements(By.CSS_SELECTOR, ".claim-group.disagree")) == \
        len(disagreeing)


def test_script_in_articles_never_runs(browser: WebDriver, server: str, screenshots: Path,
                                       demo_store: Store) -> None:
    hostile = [a["id"] for a in demo_store.articles(search="__xss")]
    assert hostile
    pages = [f"/articles/{i}" for i in hostile] + [
        "/articles", "/", f"/stories/{demo_store.load_article(hostile[0]).story}",
        "/api/articles/" + hostile[0]]
    for path in pages:
        browser.get(server + path)
        for segment in browser.find_elements(By.CSS_SELECTOR, ".seg")[:40]:
            segment.click()  # every note the panel shows is written as text
        for link in browser.find_elements(By.PARTIAL_LINK_TEXT, "click for details"):
            link.click()
        assert browser.execute_script("return window.__xss") is None, path
        assert not browser.find_elements(By.CSS_SELECTOR,
                                         "main img, main iframe, [onerror], [onload]"), path
        assert not browser.find_elements(By.CSS_SELECTOR, 'a[href^="javascript:"]'), path
    browser.get(f"{server}/articles/{hostile[0]}")
    assert "<script>window.__xss" in browser.find_element(By.ID, "article-body").text
    visit(browser, f"{server}/articles/{hostile[0]}", screenshots, "xss-article")


def test_map_draws_a_marker_for_each_placed_event_and_filters(
        browser: WebDriver, server: str, screenshots: Path, demo_store: Store) -> None:
    placed = demo_store.events(placed=True)
    assert placed, "the sample corpus places no event"
    visit(browser, f"{server}/map", screenshots, "map")
    markers = browser.find_elements(By.CSS_SELECTOR, "#worldmap circle.marker")
    assert len(markers) == len(placed)
    if settings.atlas_path().is_file() or os.environ.get("NEWSGRAPH_REQUIRE_ATLAS"):
        assert len(browser.find_elements(By.CSS_SELECTOR, "#worldmap .countries path")) > 150
    country = placed[0]["place"]["country"]
    browser.get(f"{server}/map?country={country}")
    filtered = browser.find_elements(By.CSS_SELECTOR, "#worldmap circle.marker")
    assert len(filtered) == len(demo_store.events(placed=True, country=country))
    # The last marker drawn lies on top of any it overlaps: a reader's click reaches it.
    browser.find_elements(By.CSS_SELECTOR, "#worldmap circle.marker")[-1].click()
    assert "/articles/" in browser.current_url and "#event-" in browser.current_url
