"""Shared fixtures: the sample corpus, a fresh store, a store of the sample corpus with hostile
articles, and the shared data (skipped if absent)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from newsgraph import settings
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.web import create_app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
SHARED = REPO.parent / "shared"


def shared_path(relative: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (tests read ../shared in place)")
    return path


@pytest.fixture(autouse=True)
def own_resources() -> Iterator[None]:
    """Each test starts with the resources the environment gives: a CLI run's ``--kb`` in one
    test is not another's knowledge base."""
    kept = settings.resources()
    yield
    settings.use_resources(kept)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """An empty input directory, apart from the store's."""
    path = tmp_path / "inputs"
    path.mkdir()
    return path


# Markup that runs script if a page ever writes article text as HTML: each payload counts its
# runs in window.__xss, so a browser test can tell whether anything executed.
XSS_PAYLOADS = (
    "<script>window.__xss=(window.__xss||0)+1</script>",
    "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\">",
    "<a href=\"javascript:window.__xss=(window.__xss||0)+1\">click for details</a>",
    "<svg onload=\"window.__xss=(window.__xss||0)+1\"></svg>",
    "\"><iframe src=\"javascript:parent.__xss=1\"></iframe>",
)


def write_hostile_corpus(directory: Path) -> None:
    """News-like articles whose text, title, outlet and link carry script payloads: one as
    JSON Lines (plain text fields), one as an HTML page whose text shows the markup escaped."""
    directory.mkdir(parents=True, exist_ok=True)
    body = (
        "Officials in Valmora said on Monday that the regional council had approved a new "
        "budget after a long debate. Critics posted the following comment online: "
        f"{XSS_PAYLOADS[0]} and later {XSS_PAYLOADS[1]}. The council's spokesman said the "
        f"vote was final. A reader wrote {XSS_PAYLOADS[2]} under the report, and another "
        f"added {XSS_PAYLOADS[3]} {XSS_PAYLOADS[4]}. The council will meet again in June."
    )
    record = {"title": f"Council approves budget {XSS_PAYLOADS[0]}", "text": body,
              "url": "javascript:window.__xss=1", "published": "2024-04-08",
              "outlet": f"Valmora Post {XSS_PAYLOADS[1]}"}
    (directory / "hostile.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    escaped = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    (directory / "hostile.html").write_text(
        "<html><head><title>Valmora council &lt;script&gt;alert(1)&lt;/script&gt;</title>"
        "<script>window.__xss=1</script></head><body><article><h1>Budget row in Valmora "
        f"&lt;img src=x onerror=alert(1)&gt;</h1><p>{escaped.replace('Monday', 'Tuesday')}</p>"
        "</article></body></html>", encoding="utf-8")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the sample corpus and the hostile articles, as `newsgraph ingest` makes it
    (shared by the API, page and browser tests, which only read it)."""
    root = tmp_path_factory.mktemp("demo")
    write_hostile_corpus(root / "hostile")
    path = root / "demo.db"
    with Store(path) as opened:
        ingest([str(EXAMPLES), str(root / "hostile")], opened)
    return path


@pytest.fixture(scope="module")
def client(demo_db: Path) -> TestClient:
    """The web app over the demo store, called in-process."""
    return TestClient(create_app(demo_db))


@pytest.fixture(scope="module")
def demo_store(demo_db: Path) -> Iterator[Store]:
    with Store(demo_db, readonly=True) as opened:
        yield opened


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port in a thread of this process, as
    ``newsgraph serve`` serves it; yields its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
