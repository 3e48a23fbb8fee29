"""The web application: the JSON API (``/api``) and the pages, both thin over :class:`Store`.

As in datasette, one SQLite file serves the CLI, the API and the pages alike: every request
opens the store read-only, so a server never holds a write lock and keeps answering while an
ingest writes (SQLite's WAL lets readers and one writer work at once). Only ``POST
/api/articles``, present when the server was started with ``--allow-ingest``, writes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from newsgraph.store import Store, StoreError

STATIC = Path(__file__).parent / "static"


@dataclass
class Settings:
    """What a running server was started with."""

    db: Path
    allow_ingest: bool = False
    # One ingest at a time: posts queue here instead of on SQLite's write lock.
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)


def create_app(db: str | Path, *, allow_ingest: bool = False) -> FastAPI:
    """The app serving the store at ``db``; refuses a store that does not exist."""
    from newsgraph.web import api, pages

    settings = Settings(Path(db), allow_ingest)
    Store(settings.db, readonly=True).close()  # a missing or old store fails here, not later
    app = FastAPI(
        title="newsgraph",
        version=version("newsgraph"),
        description="Who did what to whom, when and where, who said what, and which outlets "
        "report the same thing: the records of one newsgraph store. Read-only unless the "
        "server was started with `--allow-ingest`.",
        docs_url=None,  # /docs is a page of ours: the stock viewer loads its code from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.include_router(api.router)
    if allow_ingest:
        app.include_router(api.ingest_router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(KeyError)
    async def not_found(request: Request, error: KeyError) -> JSONResponse:
        if not request.url.path.startswith("/api/"):
            return pages.error_page(request, 404, error.args[0] if error.args else "not found")
        return JSONResponse({"detail": error.args[0] if error.args else "not found"}, 404)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, 503)

    return app


def open_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request (a FastAPI dependency)."""
    store = Store(request.app.state.settings.db, readonly=True)
    try:
        yield store
    finally:
        store.close()
