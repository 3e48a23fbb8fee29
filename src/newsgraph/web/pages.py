"""The web pages: server-rendered HTML over the same Store calls as the API.

Templates are Jinja2 with autoescaping on, so text from articles is always shown as text;
data for the drawings (timelines, the network, the article's notes) goes to the page as JSON
in ``<script type="application/json">`` blocks, which browsers never run, and the page
scripts under ``/static`` write it with ``textContent``. A Content-Security-Policy that
allows only this server's own scripts backs that up.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newsgraph import settings
from newsgraph.describe import (
    by_name,
    claim_value,
    event_date,
    event_kind,
    event_parties,
    published_date,
)
from newsgraph.events.ontology import EVENT_TYPES, QUADS, quad
from newsgraph.ingest.outlets import KINDS as OUTLET_KINDS
from newsgraph.link import compare, compare_claims
from newsgraph.link.compare import outlet_breakdown
from newsgraph.model import Published
from newsgraph.web import views, worldmap
from newsgraph.web.api import event_filters, radius
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
    NamePath,
    Near,
    Offset,
    OutletKind,
    Text,
    TimeStatus,
    Within,
)

router = APIRouter(include_in_schema=False)
PAGE = settings.PAGE_ROWS


def _published(record: Published | dict[str, Any]) -> str:
    """An article's date as :func:`published_date` writes it, from its record or a row."""
    if isinstance(record, Published):
        return published_date(record.value, record.earliest, record.latest, record.source)
    return published_date(record.get("published"), record.get("published_earliest"),
                          record.get("published_latest"), record.get("published_source"))


_environment = Environment(
    loader=FileSystemLoader(FilePath(__file__).parent / "templates"), autoescape=True,
    trim_blocks=True, lstrip_blocks=True,
)
_environment.filters.update(safe_url=views.safe_url, event_date=event_date,
                            event_kind=event_kind, quad=quad,
                            parties=lambda row: event_parties(row, by_name),
                            claim_value=lambda c: claim_value(c["low"], c["high"],
                                                              c["comparator"]),
                            published=_published)
templates = Jinja2Templates(env=_environment)


# Only this server's own scripts, styles and images; no frames, no plugins, no base tag.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    """A page from its template, with the security headers every page carries."""
    response = templates.TemplateResponse(
        request, template, {"event_types": EVENT_TYPES, "quads": QUADS, **context},
        status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


# An error page's heading, by status: what went wrong in a reader's words.
ERROR_TITLES = {400: "Cannot show this", 404: "Not found", 405: "Not allowed"}


def error_page(request: Request, status: int, message: str) -> Response:
    """An HTML error page, with the headers every page carries."""
    return render(request, "error.html", status, message=message,
                  title=ERROR_TITLES.get(status, "Something went wrong"))


def pager(request: Request, offset: int, shown: int) -> dict[str, str | None]:
    """Links to the previous and next page, keeping the page's filters."""
    def link(to: int) -> str:
        query = {k: v for k, v in request.query_params.items() if k != "offset"}
        return f"{request.url.path}?{urlencode({**query, 'offset': to})}"

    return {"previous": link(max(0, offset - PAGE)) if offset else None,
            "next": link(offset + PAGE) if shown > PAGE else None}


@router.get("/", response_class=HTMLResponse)
def stories(request: Request, store: StoreDep, search: Text = None,
            date_from: DateFrom = None,
            date_to: DateTo = None,
            offset: Offset = 0) -> Response:
    rows = store.stories(search=search or None, date_from=date_from or None,
                         date_to=date_to or None, limit=PAGE + 1, offset=offset)
    return render(request, "stories.html", stories=rows[:PAGE], pager=pager(request, offset,
                  len(rows)), search=search, date_from=date_from, date_to=date_to,
                  counts={t: store.count(t) for t in ("article", "event", "quote", "claim")})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, store: StoreDep, story_id: IdPath) -> Response:
    found = store.story(store.resolve_id(story_id, "story"))
    events = store.timeline(story=found["id"])
    return render(request, "story.html", story=found, events=events,
                  timeline=views.timeline_items(events),
                  carriers=outlet_breakdown(found["articles"]),
                  happenings=store.happenings(story=found["id"]),
                  claims=compare_claims(store, story=found["id"]))


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, store: StoreDep, outlet: Text = None, search: Text = None,
             offset: Offset = 0) -> Response:
    rows = store.articles(outlet=outlet or None, search=search or None, limit=PAGE + 1,
                          offset=offset)
    return render(request, "articles.html", articles=rows[:PAGE], outlet=outlet,
                  search=search, pager=pager(request, offset, len(rows)))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, store: StoreDep, article_id: IdPath) -> Response:
    found = store.load_article(store.resolve_id(article_id))
    segments, notes = views.annotated_body(found)
    events = store.events(article_id=found.id, include_negated=True)
    return render(request, "article.html", article=found, segments=segments, notes=notes,
                  events=events, url=views.safe_url(found.url))


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: StoreDep, search: Text = None, country: Text = None,
           offset: Offset = 0) -> Response:
    rows = store.actors(search=search or None, country=country or None, limit=PAGE + 1,
                        offset=offset)
    return render(request, "actors.html", actors=rows[:PAGE], search=search, country=country,
                  pager=pager(request, offset, len(rows)))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, store: StoreDep, actor_id: NamePath) -> Response:
    found = store.actor(actor_id)
    as_actor = store.timeline(actor=found["id"])
    as_recipient = store.timeline(recipient=found["id"])
    # A meeting lists the actor on both sides: drawn once on the timeline.
    acting = {(e["article_id"], e["seq"]) for e in as_actor}
    either = as_actor + [e for e in as_recipient if (e["article_id"], e["seq"]) not in acting]
    return render(request, "actor.html", actor=found, as_actor=as_actor,
                  as_recipient=as_recipient, quotes=store.quotes(speaker=found["id"]),
                  roles=views.role_items(found), timeline=views.timeline_items(either))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, store: StoreDep, type: EventType = None, story: IdFilter = None,
            date_from: DateFrom = None,
            date_to: DateTo = None,
            min_events: Count = 1, actor: Text = None) -> Response:
    """The network of who acts on whom; ``actor`` only marks one node (the actor page's
    link), the filters choose the edges."""
    graph = store.network(type=type or None, story=store.resolve_id(story, "story")
                          if story else None, date_from=date_from or None,
                          date_to=date_to or None, min_events=min_events)
    for edge in graph["edges"]:
        edge["kind"] = quad(edge["type"])
    return render(request, "network.html", graph=graph, type=type, story=story,
                  date_from=date_from, date_to=date_to, min_events=min_events, focus=actor)


# The filters the map's form shows; the others a link gives (story, actor …) pass through.
MAP_FORM = ("type", "actor", "from", "to", "country", "near", "within")


@router.get("/map", response_class=HTMLResponse)
def world_map(request: Request, store: StoreDep, actor: Text = None, recipient: Text = None,
              type: EventType = None, date_from: DateFrom = None, date_to: DateTo = None,
              status: TimeStatus = None, include_negated: bool = False,
              article: IdFilter = None, story: IdFilter = None, happening: IdFilter = None,
              outlet_kind: Text = None, outlet_country: Text = None, near: Near = None,
              within: Within = None, bbox: Bbox = None, country: Country = None) -> Response:
    """Events on a world map, filtered as the API's ``/api/events`` (the same parameters);
    each marker links to its event in its article."""
    filters = event_filters(store, actor or None, recipient or None, type or None,
                            article or None, story or None, happening or None,
                            date_from=date_from or None, date_to=date_to or None,
                            status=status or None, include_negated=include_negated,
                            outlet_kind=outlet_kind or None,
                            outlet_country=outlet_country or None, near=near,
                            within=radius(near, within), bbox=bbox, country=country)
    rows = store.events(**filters, placed=True, limit=settings.MAP_EVENTS + 1)
    given = {k: v for k, v in request.query_params.items() if v}  # as typed, for the form
    return render(request, "map.html", markers=worldmap.markers(rows[:settings.MAP_EVENTS]),
                  more=len(rows) > settings.MAP_EVENTS, limit=settings.MAP_EVENTS,
                  countries=worldmap.countries(settings.atlas_path()),
                  graticule=worldmap.graticule(), width=worldmap.WIDTH,
                  height=worldmap.HEIGHT, given=given, form_fields=MAP_FORM,
                  list_link="/api/events?" + urlencode(given))


@router.get("/happenings", response_class=HTMLResponse)
def happenings(request: Request, store: StoreDep, disputed: bool = False,
               type: EventType = None, offset: Offset = 0) -> Response:
    rows = store.happenings(disputed=disputed, type=type or None, limit=PAGE + 1,
                            offset=offset)
    return render(request, "happenings.html", happenings=rows[:PAGE], disputed=disputed,
                  type=type, pager=pager(request, offset, len(rows)))


@router.get("/happenings/{happening_id}", response_class=HTMLResponse)
def happening(request: Request, store: StoreDep, happening_id: IdPath) -> Response:
    found = compare(store, store.resolve_id(happening_id, "happening"))
    return render(request, "happening.html", happening=found,
                  rows=views.comparison_rows(found))


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, store: StoreDep, about: Text = None, story: IdFilter = None,
           min_sources: Count = 2, only_outlet_kind: OutletKind = None,
           only_outlet_country: Country = None) -> Response:
    groups = compare_claims(store, story=store.resolve_id(story, "story") if story else None,
                            about=about or None, min_sources=min_sources,
                            only_outlet_kind=only_outlet_kind or None,
                            only_outlet_country=only_outlet_country or None)
    return render(request, "claims.html", groups=groups, about=about, story=story,
                  min_sources=min_sources, outlet_kinds=OUTLET_KINDS,
                  only_outlet_kind=only_outlet_kind,
                  only_outlet_country=request.query_params.get("only_outlet_country"))


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> Response:
    """The API reference, rendered here from the OpenAPI schema (no CDN-hosted viewer)."""
    return render(request, "docs.html", schema=request.app.openapi())


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg")
