"""The JSON API: every record kind with the CLI's filters, paginated, schema at ``/docs``.

Each endpoint is one call of a :class:`Store` method; parameters are validated here (dates,
event types, statuses, page sizes) so a bad request gets a 422 naming the parameter instead
of an empty or wrong answer. Lists come as ``{"items", "limit", "offset", "next_offset"}``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from newsgraph import settings
from newsgraph.filters import Point, nearness
from newsgraph.ingest.readers import read_bytes
from newsgraph.link import compare
from newsgraph.pipeline import ingest_items
from newsgraph.store import Store
from newsgraph.web.app import StoreDep
from newsgraph.web.params import (
    Bbox,
    Count,
    Country,
    DateFrom,
    DateTo,
    EventType,
    IdFilter,
    IdPath,
    Limit,
    NamePath,
    Near,
    Offset,
    Order,
    Text,
    TimeStatus,
    Within,
)

router = APIRouter(prefix="/api")
ingest_router = APIRouter(prefix="/api")



class Page(BaseModel):
    """One page of a listing: ask again with ``offset=next_offset`` for the next."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None


def page(listing: Callable[..., list[dict[str, Any]]], limit: int, offset: int,
         **filters: Any) -> Page:
    """Call a Store listing for one page; one row more than asked tells whether more follow."""
    rows = listing(**filters, limit=limit + 1, offset=offset)
    more = len(rows) > limit
    return Page(items=rows[:limit], limit=limit, offset=offset,
                next_offset=offset + limit if more else None)


def resolved(store: Store, prefix: str | None, table: str = "article") -> str | None:
    """A full id from a unique prefix, as the CLI takes them; an unknown one is a 404."""
    return store.resolve_id(prefix, table) if prefix else None


@router.get("/articles", response_model=Page, tags=["articles"])
def articles(store: StoreDep, outlet: Text = None, outlet_kind: Text = None,
             outlet_country: Text = None, date_from: DateFrom = None,
             date_to: DateTo = None, search: Text = None, reprints: bool = True,
             limit: Limit = settings.API_LIMIT, offset: Offset = 0) -> Page:
    """Stored articles without their body, oldest ingest first, with their outlet profile's
    kind and country."""
    return page(store.articles, limit, offset, outlet=outlet, outlet_kind=outlet_kind,
                outlet_country=outlet_country, date_from=date_from, date_to=date_to,
                search=search, reprints=reprints)


@router.get("/articles/{article_id}", tags=["articles"])
def article(store: StoreDep, article_id: IdPath,
            tokens: bool = False) -> dict[str, Any]:
    """One article with every record the stages made (tokens only when asked)."""
    record = store.load_article(store.resolve_id(article_id)).to_dict()
    if not tokens:
        record.pop("tokens")
    return record


@router.get("/actors", response_model=Page, tags=["actors"])
def actors(store: StoreDep, country: Text = None, kind: Text = None, search: Text = None,
           limit: Limit = settings.API_LIMIT, offset: Offset = 0) -> Page:
    """Actors, most mentioned first."""
    return page(store.actors, limit, offset, country=country, kind=kind, search=search)


@router.get("/actors/{actor_id}", tags=["actors"])
def actor(store: StoreDep, actor_id: NamePath) -> dict[str, Any]:
    """One actor by id, name or alias: roles, aliases and the articles mentioning it."""
    return store.actor(actor_id)


def event_filters(store: Store, actor: str | None, recipient: str | None,
                  type: str | None, article: str | None, story: str | None,
                  happening: str | None, **rest: Any) -> dict[str, Any]:
    """The event listing's filters as the store takes them, ids resolved from prefixes (the
    API's and the map page's)."""
    return {"actor": actor, "recipient": recipient, "type": type,
            "article_id": resolved(store, article), "story": resolved(store, story, "story"),
            "happening": resolved(store, happening, "happening"), **rest}


def radius(near: Point | None, within: float | None) -> float:
    """``within`` as the store takes it; without ``near``, a bad parameter as any other is
    (the API's 422, a page's 400)."""
    try:
        return nearness(near, within)
    except ValueError as error:
        raise RequestValidationError([{"loc": ("query", "within"), "msg": str(error),
                                       "type": "value_error"}]) from error


@router.get("/events", response_model=Page, tags=["events"])
def events(store: StoreDep, actor: Text = None, recipient: Text = None,
           type: EventType = None, date_from: DateFrom = None, date_to: DateTo = None,
           status: TimeStatus = None, include_negated: bool = False,
           article: IdFilter = None, story: IdFilter = None, happening: IdFilter = None,
           outlet_kind: Text = None, outlet_country: Text = None,
           near: Near = None, within: Within = None, bbox: Bbox = None,
           country: Country = None,
           order: Order = "text", limit: Limit = settings.API_LIMIT,
           offset: Offset = 0) -> Page:
    """Events: who did what to whom, when and where, with the sentence that says so.

    ``actor``/``recipient`` take an actor id, a code (RUS matches RUS.MIL), a name or alias,
    or words as written; ``from``/``to`` keep events whose time overlaps the range;
    ``outlet_kind``/``outlet_country`` keep those reported by outlets of that profile;
    ``near``/``within``, ``bbox`` and ``country`` those placed there;
    ``order=time`` gives a timeline (earliest first, undated last)."""
    filters = event_filters(store, actor, recipient, type, article, story, happening,
                            date_from=date_from, date_to=date_to, status=status,
                            outlet_kind=outlet_kind, outlet_country=outlet_country,
                            near=near, within=radius(near, within), bbox=bbox,
                            country=country, include_negated=include_negated, order=order)
    return page(store.events, limit, offset, **filters)


@router.get("/network", tags=["events"])
def network(store: StoreDep, type: EventType = None, story: IdFilter = None,
            date_from: DateFrom = None, date_to: DateTo = None,
            min_events: Count = 1) -> dict[str, list[dict[str, Any]]]:
    """The actor network: nodes and edges (source, target, type, events, articles)."""
    return store.network(type=type,
                         story=resolved(store, story, "story"), date_from=date_from,
                         date_to=date_to, min_events=min_events)


@router.get("/quotes", response_model=Page, tags=["speech"])
def quotes(store: StoreDep, speaker: Text = None, reported_by: Text = None, about: Text = None,
           kind: Text = None, article: IdFilter = None, outlet_kind: Text = None,
           outlet_country: Text = None, limit: Limit = settings.API_LIMIT,
           offset: Offset = 0) -> Page:
    """Quotes and attributions: who said what, and who passed it on, in text order."""
    return page(store.quotes, limit, offset, speaker=speaker, reported_by=reported_by,
                about=about, kind=kind, outlet_kind=outlet_kind, outlet_country=outlet_country,
                article_id=resolved(store, article))


@router.get("/claims", response_model=Page, tags=["speech"])
def claims(store: StoreDep, claimant: Text = None, about: Text = None, kind: Text = None,
           article: IdFilter = None, outlet_kind: Text = None, outlet_country: Text = None,
           limit: Limit = settings.API_LIMIT, offset: Offset = 0) -> Page:
    """Claims: figures and hedged statements with who makes them."""
    return page(store.claims, limit, offset, claimant=claimant, about=about, kind=kind,
                outlet_kind=outlet_kind, outlet_country=outlet_country,
                article_id=resolved(store, article))


@router.get("/stories", response_model=Page, tags=["linking"])
def stories(store: StoreDep, search: Text = None, date_from: DateFrom = None,
            date_to: DateTo = None, limit: Limit = settings.API_LIMIT,
            offset: Offset = 0) -> Page:
    """Stories, largest and latest first."""
    return page(store.stories, limit, offset, search=search, date_from=date_from,
                date_to=date_to)


@router.get("/stories/{story_id}", tags=["linking"])
def story(store: StoreDep, story_id: IdPath) -> dict[str, Any]:
    """One story with its articles, earliest first."""
    return store.story(store.resolve_id(story_id, "story"))


@router.get("/happenings", response_model=Page, tags=["linking"])
def happenings(store: StoreDep, story: IdFilter = None, disputed: bool = False,
               type: EventType = None,
               min_sources: Count = 1, outlet_kind: Text = None, outlet_country: Text = None,
               limit: Limit = settings.API_LIMIT, offset: Offset = 0) -> Page:
    """Happenings (one real-world event however many reports), most corroborated first;
    ``outlet_kind``/``outlet_country`` keep those an outlet of that profile reports."""
    return page(store.happenings, limit, offset, story=resolved(store, story, "story"),
                disputed=disputed, type=type, min_sources=min_sources,
                outlet_kind=outlet_kind, outlet_country=outlet_country)


@router.get("/happenings/{happening_id}", tags=["linking"])
def happening(store: StoreDep,
              happening_id: IdPath) -> dict[str, Any]:
    """A happening with each report and, field by field, the versions they give."""
    return compare(store, store.resolve_id(happening_id, "happening"))


# Content types a POST may declare, and the reader each calls for; others are guessed.
UPLOAD_FORMATS = {"text/plain": "txt", "text/html": "html", "application/json": "json",
                  "application/x-ndjson": "json", "application/jsonl": "json"}


@ingest_router.post("/articles", status_code=201, tags=["articles"])
async def post_article(request: Request, response: Response) -> dict[str, Any]:
    """Ingest one document (text, HTML, or JSON records as `newsgraph ingest` reads them).

    At most ``MAX_DOCUMENT_BYTES``; 201 with the ingest summary when something was stored,
    200 when everything was already stored, 422 with the reasons when nothing could be."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media.startswith("multipart/"):  # a form's envelope is not an article
        raise HTTPException(415, "multipart uploads are not read: post the document itself "
                            "as the body (curl --data-binary @FILE -H 'Content-Type: "
                            "text/plain', text/html or application/json)")
    too_large = HTTPException(413, f"document over {settings.MAX_DOCUMENT_BYTES} bytes")
    if int(request.headers.get("content-length") or 0) > settings.MAX_DOCUMENT_BYTES:
        raise too_large
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > settings.MAX_DOCUMENT_BYTES:
            raise too_large
    if not data.strip():
        raise HTTPException(422, "empty document")
    server = request.app.state.settings

    def run() -> dict[str, Any]:
        with server.ingest_lock, Store(server.db) as store:
            items = read_bytes(bytes(data), "<upload>", UPLOAD_FORMATS.get(media))
            return ingest_items(items, store).to_dict()

    summary = await run_in_threadpool(run)
    if not summary["stored"] and not summary["already_stored"]:
        few = summary["skipped_count"] <= 3  # else by reason: a reply stays small
        reasons = "; ".join(
            [s["reason"] for s in summary["skipped"]] if few else
            [f"{reason} ({count})" for reason, count in summary["skipped_by_reason"].items()]
        ) or "nothing to ingest"
        raise HTTPException(422, f"nothing stored: {reasons}")
    if not summary["stored"]:
        response.status_code = 200
    return summary
