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
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.store import NotFound, Store, StoreError

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

    def error(request: Request, status: int, detail: Any,
              headers: dict[str, str] | None = None) -> Response:
        """The API answers errors as JSON, the pages as an HTML page with their headers."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status, headers=headers)
        if not isinstance(detail, str):  # a page's bad parameters: a plain bad request
            detail = "; ".join(f"{problem['loc'][-1]}: {problem['msg']}" for problem in detail)
            status = 400
        return pages.error_page(request, status, detail)

    # Only the store's "no such record" is a 404: any other error, a KeyError among them, is
    # a bug and answers 500.
    @app.exception_handler(NotFound)
    async def not_found(request: Request, problem: NotFound) -> Response:
        return error(request, 404, str(problem) or "not found")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, problem: RequestValidationError) -> Response:
        # Which parameter and why; never the value itself, which may be 50,000 characters.
        return error(request, 422, [
            {"loc": list(e["loc"]), "msg": e["msg"].removeprefix("Value error, "),
             "type": e["type"]} for e in problem.errors()])

    @app.exception_handler(HTTPException)
    async def refused(request: Request, problem: HTTPException) -> Response:
        return error(request, problem.status_code, problem.detail, problem.headers)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, problem: StoreError) -> Response:
        return error(request, 503, str(problem))

    app.add_middleware(HeadAsGet)
    return app


def open_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request (a FastAPI dependency)."""
    store = Store(request.app.state.settings.db, readonly=True)
    try:
        yield store
    finally:
        store.close()


# The store a page or an API endpoint reads, opened for its request.
StoreDep = Annotated[Store, Depends(open_store)]


class HeadAsGet:
    """Answer ``HEAD`` as ``GET`` without the body, as HTTP asks of every GET route."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        answered = False

        async def headers_only(message: Message) -> None:
            nonlocal answered
            if message["type"] == "http.response.body":
                if answered:
                    return
                answered = True
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
