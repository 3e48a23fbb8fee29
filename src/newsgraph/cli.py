"""The ``newsgraph`` command line: a thin layer over the pipeline, the store and the scorers."""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import click

from newsgraph import export as exporter
from newsgraph import filters, settings
from newsgraph import train as trainers
from newsgraph.describe import (
    claim_value,
    event_date,
    event_kind,
    event_parties,
    published_date,
)
from newsgraph.engines import ENGINES, EngineError
from newsgraph.eval import SCORERS, ScorerError, render, timeml_hidden_dct
from newsgraph.eval.split import SPLITS
from newsgraph.ingest.estimate import estimate_items
from newsgraph.ingest.outlets import KINDS as OUTLET_KINDS
from newsgraph.link import compare
from newsgraph.link.compare import outlet_group
from newsgraph.model import Article, Published, Skip
from newsgraph.output import emit
from newsgraph.pipeline import DEFAULT_STAGES, IngestSummary, ingest, reprocess, set_date
from newsgraph.store import NotFound, Store, StoreError
from newsgraph.timex.published import USER
from newsgraph.timex.timeml import to_timeml

MENTION_COLOURS = {"PERSON": "cyan", "ORG": "magenta", "GPE": "green", "NORP": "yellow",
                   "LOC": "green", "DATE": "blue", "TIME": "blue", "EVENT": "red"}


class Checked(click.ParamType):
    """A click type from a check of :mod:`newsgraph.filters`: a bad value is a usage error
    naming the option and what it accepts, as the API's 422 and the pages' error page are."""

    def __init__(self, check: Callable[[str], Any], name: str) -> None:
        self.check, self.name = check, name

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        try:
            return self.check(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


DATE = Checked(filters.iso_date, "DATE")
EVENT_TYPE = Checked(filters.event_type, "TYPE")
TEXT = Checked(filters.text, "TEXT")
ID = Checked(filters.identifier, "ID")
PLACE = Checked(filters.point, "PLACE")
KM = Checked(filters.kilometres, "KM")
BOX = Checked(filters.box, "W,S,E,N")
COUNTRY = Checked(filters.country, "COUNTRY")
COUNT = click.IntRange(1, filters.MAX_COUNT)
COUNT_FROM_0 = click.IntRange(0, filters.MAX_COUNT)


def db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="NEWSGRAPH_DB",
        default=settings.DEFAULT_DB,
        show_default=True,
        help="The store (SQLite file); also $NEWSGRAPH_DB.",
    )(function)


def output_options(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.option("--jsonl", "fmt", flag_value="jsonl", help="One JSON object a line.")(
        function
    )
    function = click.option("--json", "fmt", flag_value="json", help="A JSON array of objects.")(
        function
    )
    return click.option("--table", "fmt", flag_value="table", default=True, hidden=True)(function)


def page_options(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.option("--offset", type=COUNT_FROM_0, default=0)(function)
    limit = click.option("--limit", type=COUNT_FROM_0, help="At most N rows.")
    return limit(function)


def outlet_filters(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--outlet-kind``, ``--outlet-country``: only records of articles whose outlet profile
    is of this kind or country."""
    function = click.option("--outlet-country", type=TEXT,
                            help="Only from outlets of this country (ISO alpha-3).")(function)
    return click.option("--outlet-kind", type=click.Choice(OUTLET_KINDS),
                        help="Only from outlets of this kind (state, wire, …).")(function)


def kb_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--kb FILE``: user KB files on top of the built-in one, for this run and its workers."""

    def use_files(_ctx: click.Context, _param: click.Parameter, files: tuple[str, ...]) -> None:
        if files:
            current = settings.resources()
            settings.use_resources(replace(current, kb_files=(*current.kb_files, *files)))

    return click.option("--kb", "kb_files", multiple=True, expose_value=False,
                        type=click.Path(exists=True, dir_okay=False), callback=use_files,
                        help="A user KB file (repeatable; also $NEWSGRAPH_KB).")(function)


def outlets_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--outlets FILE``: user outlet profiles on top of the built-in ones, as ``--kb``."""

    def use_files(_ctx: click.Context, _param: click.Parameter, files: tuple[str, ...]) -> None:
        if files:
            current = settings.resources()
            settings.use_resources(replace(current,
                                           outlet_files=(*current.outlet_files, *files)))

    return click.option("--outlets", "outlet_files", multiple=True, expose_value=False,
                        type=click.Path(exists=True, dir_okay=False), callback=use_files,
                        help="A user outlet file (repeatable; also $NEWSGRAPH_OUTLETS)."
                        )(function)


def engine_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Where the per-article stages run: ``--workers``, ``--engine``, ``--scheduler``."""
    options = [
        click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Processes for the per-article stages (local pool or Dask cluster)."),
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="local: this machine's processes; dask: Dask workers (the dask "
                     "extra)."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="A Dask scheduler (tcp://host:8786); without it --engine dask "
                     "starts a local cluster of --workers processes."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def open_store(db: Path, *, readonly: bool = False) -> Store:
    try:
        return Store(db, readonly=readonly)
    except StoreError as error:
        raise click.ClickException(str(error)) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: news articles in, a sourced, time-anchored knowledge base out.

    Start with `newsgraph ingest FOLDER`, then `newsgraph articles` and `newsgraph show ID`.
    """
    # Notices from the library (an ingest waiting for another) go to stderr, one line each.
    logging.basicConfig(format="newsgraph: %(message)s", level=logging.WARNING)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@engine_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--skipped", "skipped_file", type=click.File("w", encoding="utf-8"),
              help="Write every skipped input to FILE, one JSON line each (the summary shows "
              f"the first {settings.SKIPS_SHOWN} and a count by reason).")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links that point out of the folders given.")
@kb_option
@outlets_option
def ingest_command(paths: tuple[str, ...], db: Path, as_json: bool, quiet: bool,
                   skipped_file: TextIO | None, follow_symlinks: bool, **engine: Any) -> None:
    """Read, clean, annotate and store articles.

    PATHS are files, directories (read recursively), globs, or - for stdin, in any of the
    formats .txt, .html/.htm(.gz), .json/.jsonl, .warc(.gz). Articles already in the store are
    not read twice; an interrupted ingest resumes where it stopped. Exits non-zero only when
    nothing could be read.
    """
    with open_store(db) as store:
        summary = _with_progress(
            "ingest", quiet,
            lambda tick: ingest(paths, store, on_progress=tick, skipped_to=skipped_file,
                                follow_symlinks=follow_symlinks, **engine),
            total=lambda: estimate_items(paths),
        )
    _print_summary(summary, as_json, verb="ingest")
    if not summary.ok:
        sys.exit(1)


@main.command("reprocess")
@db_option
@click.option("--stage", type=click.Choice(DEFAULT_STAGES), default="annotate", show_default=True,
              help="Re-derive this stage's records and every later stage's.")
@click.option("--id", "ids", type=ID, multiple=True, help="Only these articles (repeatable).")
@engine_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@kb_option
@outlets_option
def reprocess_command(db: Path, stage: str, ids: tuple[str, ...], as_json: bool, quiet: bool,
                      **engine: Any) -> None:
    """Re-derive records from stored articles after the code or metadata changed.

    `--stage clean` cleans the stored raw captures again; later stages start from the stored
    bodies. Running it twice gives the same store.
    """
    with open_store(db) as store:
        article_ids = [_resolve(store, i) for i in ids] or None
        summary = _with_progress(
            "reprocess", quiet,
            lambda tick: reprocess(store, first_stage=stage, article_ids=article_ids,
                                   on_progress=tick, **engine),
            total=lambda: len(article_ids) if article_ids else store.count("article"),
        )
    _print_summary(summary, as_json, verb="reprocess")


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 opens it to the network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-ingest", is_flag=True,
              help="Add POST /api/articles, which ingests a posted document.")
def serve_command(db: Path, host: str, port: int, allow_ingest: bool) -> None:
    """Serve the web pages and the HTTP API over a store (read-only unless --allow-ingest).

    Pages at http://HOST:PORT/, the API under /api, its reference at /docs and its schema at
    /openapi.json.
    """
    import uvicorn

    from newsgraph.web import create_app

    try:
        app = create_app(db, allow_ingest=allow_ingest)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"newsgraph: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _with_progress(label: str, quiet: bool,
                   run: Callable[[Callable[[Article | Skip | None], None]], IngestSummary],
                   total: Callable[[], int | None] = lambda: None) -> IngestSummary:
    """Run an ingest with a progress bar: articles done, rate, and, once ``total`` (counted
    in a background thread) is known, the share done and the time left."""
    from tqdm import tqdm

    with tqdm(desc=label, unit=" articles", disable=quiet or None, file=sys.stderr,
              dynamic_ncols=True) as bar:
        def count() -> None:
            bar.total = total()
            bar.refresh()

        if not bar.disable:
            threading.Thread(target=count, daemon=True).start()
        try:
            return run(lambda _result: bar.update())
        except (StoreError, EngineError) as error:
            raise click.ClickException(str(error)) from error


def _print_summary(summary: IngestSummary, as_json: bool, *, verb: str) -> None:
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return
    stored = "stored" if verb == "ingest" else "reprocessed"
    line = f"{verb}: read {summary.read}, {stored} {summary.stored}"
    if verb == "ingest":
        line += (f" ({summary.reprints} reprints), already stored {summary.already_stored}")
    line += f", skipped {len(summary.skipped)} in {summary.seconds:.1f}s"
    click.echo(line)
    if summary.linked is not None and summary.linked.articles:
        linked = summary.linked
        click.echo(f"linked: {linked.articles} articles into {linked.stories_new} new and "
                   f"{linked.stories_joined} earlier stories; {linked.happenings_new} new "
                   f"happenings, {linked.events_merged} reports merged into one")
    skipped = summary.skipped
    for skip in skipped.first:
        click.echo(f"  skipped {skip.source}: {skip.reason}")
    if len(skipped) > len(skipped.first):
        by_reason = ", ".join(f"{reason} {count}" for reason, count
                              in skipped.by_reason.most_common(10))
        more = "" if skipped.to else " (--skipped FILE lists every one)"
        click.echo(f"  … {len(skipped) - len(skipped.first)} more; all skips by reason: "
                   f"{by_reason}{more}")


@main.command("articles")
@db_option
@click.option("--outlet", type=TEXT,
              help="Only this outlet: its name as stored, or its profile's id (carrier or wire).")
@click.option("--outlet-kind", type=click.Choice(OUTLET_KINDS),
              help="Only articles whose outlet profile is of this kind.")
@click.option("--outlet-country", type=TEXT,
              help="Only articles whose outlet profile is of this country (ISO alpha-3).")
@click.option("--from", "date_from", type=DATE, help="Published on or after (ISO 8601).")
@click.option("--to", "date_to", type=DATE, help="Published on or before (ISO 8601).")
@click.option("--search", type=TEXT, help="Title or body contains this text.")
@click.option("--no-reprints", is_flag=True, help="Leave reprints out.")
@page_options
@output_options
def articles_command(db: Path, outlet: str | None, outlet_kind: str | None,
                     outlet_country: str | None, date_from: str | None, date_to: str | None,
                     search: str | None, no_reprints: bool, limit: int | None, offset: int,
                     fmt: str) -> None:
    """List stored articles."""
    with open_store(db, readonly=True) as store:
        rows = store.articles(outlet=outlet, outlet_kind=outlet_kind,
                              outlet_country=outlet_country, date_from=date_from,
                              date_to=date_to, search=search, reprints=not no_reprints,
                              limit=limit, offset=offset)
    if fmt == "table":
        for row in rows:
            row["published"] = published_date(row["published"], row["published_earliest"],
                                              row["published_latest"], row["published_source"])
    emit(rows, ("id", "published", "published_basis", "outlet", "title", "n_words",
                "reprint_of", "source"),
         fmt=fmt, stream=sys.stdout,
         widths={"title": 50, "source": -40, "outlet": 20, "published_basis": 50})


@main.command("show")
@click.argument("article_id", type=ID)
@db_option
@click.option("--json", "as_json", is_flag=True, help="The full record as JSON.")
@click.option("--timeml", is_flag=True, help="The article as a TimeML document.")
def show_command(article_id: str, db: Path, as_json: bool, timeml: bool) -> None:
    """Show one article: metadata, publication date and its basis, the clean text with
    mentions highlighted, its time expressions, and what cleaning dropped.

    ARTICLE_ID is an id as `newsgraph articles` prints it (a unique prefix is enough).
    """
    with open_store(db, readonly=True) as store:
        article = store.load_article(_resolve(store, article_id))
    if as_json:
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        return
    if timeml:
        click.echo(to_timeml(article))
        return
    for name in ("id", "title", "subtitle", "byline", "outlet", "url", "source", "reprint_of"):
        value = getattr(article, name)
        if value:
            click.echo(f"{name + ':':12}{value}")
    for caption in article.captions:
        click.echo(f"{'caption:':12}{caption}")
    if article.published:
        published = article.published
        dated = published_date(published.value, published.earliest, published.latest,
                               published.source)
        click.echo(f"{'published:':12}{dated} (confidence {published.confidence:.2f})")
        click.echo(f"{'':12}basis: {published.basis}")
    click.echo(f"{'words:':12}{article.n_words}   sentences: {len(article.sentences)}   "
               f"mentions: {len(article.mentions)}   quotes: {len(article.quotes)}   "
               f"claims: {len(article.claims)}   events: {len(article.events)}\n")
    click.echo(highlight(article), color=None)
    _show_speech(article)
    _show_events(article)
    if article.timexes:
        click.echo("\ntime expressions:")
        for expr in article.timexes:
            interval = f" {expr.earliest}..{expr.latest}" if expr.earliest else ""
            click.echo(f"  {expr.text!r:32} {expr.type:8} {expr.value or '?':22} "
                       f"{expr.granularity or '':9} {expr.anchor}{interval}")
    if article.dropped:
        click.echo("\ndropped by cleaning:")
        by_rule: dict[str, list[str]] = {}
        for dropped in article.dropped:
            by_rule.setdefault(dropped.rule, []).append(" ".join(dropped.text.split()))
        for rule, texts in by_rule.items():
            for text in texts[:3]:
                click.echo(f"  [{rule}] {text[:100]}{'…' if len(text) > 100 else ''}")
            if len(texts) > 3:
                click.echo(f"  [{rule}] … and {len(texts) - 3} more (--json lists all)")


def highlight(article: Article) -> str:
    """The body with mentions coloured by label, quote cues, claim evidence and event
    predicates underlined (plain text when not on a terminal)."""
    marks = [(m.start, m.end, {"fg": MENTION_COLOURS.get(m.label, "white"), "bold": True})
             for m in article.mentions]
    marks += [(q.cue_start, q.cue_end, {"fg": "red", "underline": True}) for q in article.quotes]
    marks += [(c.evidence_start, c.evidence_end, {"underline": True}) for c in article.claims]
    marks += [(e.predicate_start, e.predicate_end, {"fg": "yellow", "underline": True})
              for e in article.events]
    parts, position = [], 0
    for start, end, style in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < position:
            continue
        parts.append(article.body[position:start])
        parts.append(click.style(article.body[start:end], **style))
        position = end
    parts.append(article.body[position:])
    return "".join(parts)


def _show_speech(article: Article) -> None:
    if article.quotes:
        click.echo("\nquotes:")
        for quote in article.quotes:
            who = quote.actor_id or quote.speaker or "(no source)"
            via = quote.reported_actor_id or quote.reported_by
            who += f" (via {via})" if via else ""
            content = " ".join(quote.content(article.body).split())
            click.echo(f"  [{quote.kind}] {who} · {quote.cue!r} · "
                       f"{content[:90]}{'…' if len(content) > 90 else ''}")
    if article.claims:
        click.echo("\nclaims:")
        for claim in article.claims:
            value = claim_value(claim.low, claim.high, claim.comparator)
            hedge = f" · hedge {claim.hedge!r}" if claim.hedge else ""
            click.echo(f"  [{claim.kind}] {claim.claimant or '?'} · {claim.text!r}"
                       f"{' · ' + value if value else ''}{hedge}")


def _show_events(article: Article) -> None:
    """The article's events under its speech, one line each in the `events` listing's terms."""
    if not article.events:
        return
    click.echo("\nevents:")
    for event in article.events:
        row = asdict(event)
        reported = f" · reported by {event.reported_by}" if event.reported_by else ""
        click.echo(f"  [{event_kind(row)}] {event_parties(row)} · {event.predicate!r} · "
                   f"{event_date(row)} {event.time_status}{reported}")


def _resolve(store: Store, prefix: str, table: str = "article") -> str:
    try:
        return store.resolve_id(prefix, table)
    except NotFound as error:
        raise click.ClickException(str(error)) from error


@main.command("times")
@db_option
@click.option("--article", "article_id", type=ID, help="Only this article's time expressions.")
@click.option("--from", "date_from", type=DATE, help="Interval overlaps from this date.")
@click.option("--to", "date_to", type=DATE, help="Interval overlaps up to this date.")
@click.option("--anchor", type=click.Choice(["absolute", "published", "narrative"]),
              help="Only expressions resolved this way.")
@page_options
@output_options
def times_command(db: Path, article_id: str | None, date_from: str | None, date_to: str | None,
                  anchor: str | None, limit: int | None, offset: int, fmt: str) -> None:
    """List time expressions with their normalized values and intervals."""
    with open_store(db, readonly=True) as store:
        resolved = _resolve(store, article_id) if article_id else None
        rows = store.timexes(article_id=resolved, date_from=date_from, date_to=date_to,
                             anchor=anchor, limit=limit, offset=offset)
    emit(rows, ("article_id", "text", "type", "value", "granularity", "earliest", "latest",
                "anchor"), fmt=fmt, stream=sys.stdout, widths={"text": 40})


@main.command("actors")
@db_option
@click.option("--country", type=TEXT, help="Only actors of this country code (RUS, PRK, SUN, …).")
@click.option("--kind", type=click.Choice(["person", "country", "organisation", "igo", "place"]))
@click.option("--search", type=TEXT, help="Name or id contains this.")
@page_options
@output_options
def actors_command(db: Path, country: str | None, kind: str | None, search: str | None,
                   limit: int | None, offset: int, fmt: str) -> None:
    """List the actors the stored articles mention, most mentioned first."""
    with open_store(db, readonly=True) as store:
        rows = store.actors(country=country, kind=kind, search=search, limit=limit,
                            offset=offset)
    emit(rows, ("id", "name", "kind", "country", "sector", "mentions", "articles"), fmt=fmt,
         stream=sys.stdout, widths={"name": 40})


@main.command("actor")
@click.argument("name_or_id", type=TEXT)
@db_option
@click.option("--json", "as_json", is_flag=True, help="The full record as JSON.")
def actor_command(name_or_id: str, db: Path, as_json: bool) -> None:
    """Show one actor: codes, aliases, roles over time, and its mentions by article."""
    with open_store(db, readonly=True) as store:
        try:
            actor = store.actor(name_or_id)
        except NotFound as error:
            raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(actor, ensure_ascii=False, indent=2))
        return
    code = ".".join(p for p in (actor["country"], actor["sector"]) if p)
    click.echo(f"{actor['name']}  [{actor['id']}]  {actor['kind']}  {code}")
    if actor["wikipedia"] or actor["wikidata"]:
        click.echo(f"  {actor['wikipedia'] or ''} {actor['wikidata'] or ''}".rstrip())
    if actor["aliases"]:
        click.echo(f"  aliases: {', '.join(actor['aliases'])}")
    if actor["roles"]:
        click.echo("\nroles:")
        for role in actor["roles"]:
            click.echo(f"  {role['start'] or '?':10} .. {role['end'] or 'now':10}  "
                       f"{role['title']} ({role['office']}, {role['country']})")
    click.echo("\nmentioned in:")
    emit(actor["mentions"], ("article_id", "published", "mentions", "codes", "texts", "title"),
         fmt="table", stream=sys.stdout, widths={"texts": 40, "title": 40})


@main.group("kb")
def kb_group() -> None:
    """The knowledge base of actors: the built-in YAML files plus your own."""


@kb_group.command("list")
@click.option("--kb", "kb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Also read this user KB file (repeatable; also $NEWSGRAPH_KB).")
@click.option("--kind", type=click.Choice(["person", "country", "organisation", "igo", "place"]))
@click.option("--country", type=TEXT, help="Only entries of this country code.")
@click.option("--search", type=TEXT, help="Name, id or alias contains this.")
@page_options
@output_options
def kb_list_command(kb_files: tuple[str, ...], kind: str | None, country: str | None,
                    search: str | None, limit: int | None, offset: int, fmt: str) -> None:
    """List knowledge-base entries."""
    from newsgraph.actors.kb import kb_for

    rows = []
    for entry in kb_for(tuple(kb_files)):
        actor = entry.actor
        names = [actor.id, actor.name, *actor.aliases]
        if (kind and actor.kind != kind) or (country and actor.country != country.upper()):
            continue
        if search and not any(search.lower() in n.lower() for n in names):
            continue
        rows.append({"id": actor.id, "name": actor.name, "kind": actor.kind,
                     "country": actor.country, "sector": actor.sector,
                     "roles": len(actor.roles), "aliases": ", ".join(actor.aliases)})
    rows = rows[offset:][:limit] if limit is not None else rows[offset:]
    emit(rows, ("id", "name", "kind", "country", "sector", "roles", "aliases"), fmt=fmt,
         stream=sys.stdout, widths={"name": 32, "aliases": 50})


@kb_group.command("add")
@click.argument("kb_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="The actor's usual name.")
@click.option("--id", "entry_id", help="A stable id (default: from the name).")
@click.option("--kind", required=True,
              type=click.Choice(["person", "country", "organisation", "igo", "place"]))
@click.option("--country", help="Country code (ISO 3166 alpha-3, SUN, …).")
@click.option("--sector", help="Sector code (GOV, MIL, MED, PTY, …).")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable).")
@click.option("--role", "roles", multiple=True, metavar="OFFICE,COUNTRY,TITLE,START[,END]",
              help="A role held between two ISO dates (repeatable).")
@click.option("--wikidata", help="Wikidata id (Q…).")
@click.option("--wikipedia", help="English Wikipedia title.")
def kb_add_command(kb_file: Path, name: str, entry_id: str | None, kind: str,
                   country: str | None, sector: str | None, aliases: tuple[str, ...],
                   roles: tuple[str, ...], wikidata: str | None, wikipedia: str | None) -> None:
    """Add an entry to a user KB file (created if missing); use it with --kb or $NEWSGRAPH_KB."""
    from newsgraph.actors.kb import add_entry

    entry: dict[str, Any] = {"name": name, "kind": kind}
    optional = {"id": entry_id, "country": country, "sector": sector, "wikidata": wikidata,
                "wikipedia": wikipedia}
    entry.update({k: v for k, v in optional.items() if v})
    if aliases:
        entry["aliases"] = list(aliases)
    if roles:
        entry["roles"] = [_role(text) for text in roles]
    problems = add_entry(kb_file, entry)
    if problems:
        raise click.ClickException("not added: " + "; ".join(problems))
    click.echo(f"added {name} to {kb_file}")


def _role(text: str) -> dict[str, str]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) not in (4, 5):
        raise click.BadParameter(f"--role {text!r}: expected OFFICE,COUNTRY,TITLE,START[,END]")
    keys = ("office", "country", "title", "start", "end")
    return {k: v for k, v in zip(keys, parts, strict=False) if v}


@main.group("outlets")
def outlets_group() -> None:
    """Outlet profiles: who publishes, of what kind and country; built-in files plus yours."""


@outlets_group.command("list")
@click.option("--outlets", "outlet_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Also read this user outlet file (repeatable; also $NEWSGRAPH_OUTLETS).")
@click.option("--kind", type=click.Choice(OUTLET_KINDS))
@click.option("--country", type=TEXT, help="Only outlets of this country code.")
@click.option("--search", type=TEXT, help="Name, id, alias or domain contains this.")
@page_options
@output_options
def outlets_list_command(outlet_files: tuple[str, ...], kind: str | None, country: str | None,
                         search: str | None, limit: int | None, offset: int, fmt: str) -> None:
    """List outlet profiles."""
    from newsgraph.ingest.outlets import outlets_for

    files = (*settings.resources().outlet_files, *outlet_files)
    rows = []
    for o in outlets_for(tuple(files)):
        words = [o.id, o.name, *o.aliases, *o.domains]
        if (kind and o.kind != kind) or (country and o.country != country.upper()):
            continue
        if search and not any(search.lower() in w.lower() for w in words):
            continue
        rows.append({"id": o.id, "name": o.name, "kind": o.kind, "country": o.country,
                     "agency": o.agency, "owner": o.owner_in(None),
                     "domains": ", ".join(o.domains), "source": o.source})
    rows = rows[offset:][:limit] if limit is not None else rows[offset:]
    emit(rows, ("id", "name", "kind", "country", "owner", "domains"), fmt=fmt,
         stream=sys.stdout, widths={"name": 30, "owner": 30, "domains": 40})


@outlets_group.command("add")
@click.argument("outlet_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="The outlet's name.")
@click.option("--id", "outlet_id", help="A stable id (default: from the name).")
@click.option("--kind", required=True, type=click.Choice(OUTLET_KINDS))
@click.option("--country", help="Country code (ISO 3166 alpha-3).")
@click.option("--domain", "domains", multiple=True, help="A web domain (repeatable).")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable).")
@click.option("--owner", help="Owner or controlling affiliation.")
@click.option("--agency", is_flag=True, help="A news agency whose copy others carry.")
@click.option("--source", required=True, help="The public page the facts come from.")
def outlets_add_command(outlet_file: Path, name: str, outlet_id: str | None, kind: str,
                        country: str | None, domains: tuple[str, ...],
                        aliases: tuple[str, ...], owner: str | None, agency: bool,
                        source: str) -> None:
    """Add a profile to a user outlet file (created if missing); use it with --outlets or
    $NEWSGRAPH_OUTLETS."""
    from newsgraph.actors.normalize import slug
    from newsgraph.ingest.outlets import add_outlet

    entry: dict[str, Any] = {"id": outlet_id or slug(name), "name": name, "kind": kind,
                             "source": source}
    optional: dict[str, Any] = {"country": country.upper() if country else None,
                                "domains": list(domains), "aliases": list(aliases),
                                "owners": [{"name": owner}] if owner else None,
                                "agency": agency or None}
    entry.update({k: v for k, v in optional.items() if v})
    problems = add_outlet(outlet_file, entry)
    if problems:
        raise click.ClickException("not added: " + "; ".join(problems))
    click.echo(f"added {name} to {outlet_file}")


@main.command("mentions")
@db_option
@click.option("--article", "article_id", type=ID, help="Only this article's mentions.")
@click.option("--label", type=TEXT, help="Only this NER label (PERSON, ORG, GPE, ...).")
@click.option("--text", type=TEXT, help="Mention text contains this.")
@page_options
@output_options
def mentions_command(db: Path, article_id: str | None, label: str | None, text: str | None,
                     limit: int | None, offset: int, fmt: str) -> None:
    """List entity mentions with their offsets into the article body."""
    with open_store(db, readonly=True) as store:
        resolved = _resolve(store, article_id) if article_id else None
        rows = store.mentions(article_id=resolved, label=label, text=text, limit=limit,
                              offset=offset)
    emit(rows, ("article_id", "start", "end", "label", "text"), fmt=fmt, stream=sys.stdout,
         widths={"text": 50})


@main.command("quotes")
@db_option
@click.option("--speaker", type=TEXT,
              help="Actor id, name or alias, or words of the source phrase.")
@click.option("--reported-by", type=TEXT,
              help="As --speaker, for who passed the words on (\"KCNA reported\").")
@click.option("--about", type=TEXT, help="Words of the quoted content.")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]))
@click.option("--article", "article_id", type=ID, help="Only this article's quotes.")
@outlet_filters
@page_options
@output_options
def quotes_command(db: Path, speaker: str | None, reported_by: str | None, about: str | None,
                   kind: str | None, article_id: str | None, outlet_kind: str | None,
                   outlet_country: str | None, limit: int | None, offset: int,
                   fmt: str) -> None:
    """List quotes and attributions: who said (or reported) what, with the cue."""
    with open_store(db, readonly=True) as store:
        resolved = _resolve(store, article_id) if article_id else None
        rows = store.quotes(article_id=resolved, speaker=speaker, reported_by=reported_by,
                            about=about, kind=kind, outlet_kind=outlet_kind,
                            outlet_country=outlet_country, limit=limit, offset=offset)
    for row in rows:
        row["who"] = row["actor_id"] or row["speaker"] or ""
        row["via"] = row["reported_actor_id"] or row["reported_by"] or ""
    emit(rows, ("article_id", "kind", "who", "via", "cue", "content"), fmt=fmt,
         stream=sys.stdout, widths={"content": 56, "who": 22, "via": 14, "cue": 16})


@main.command("claims")
@db_option
@click.option("--claimant", type=TEXT,
              help="Actor id, name or alias, or words of the claimant phrase.")
@click.option("--about", type=TEXT, help="Words of what the claim is about, its unit or evidence.")
@click.option("--kind", type=click.Choice(["numeric", "factual"]))
@click.option("--article", "article_id", type=ID, help="Only this article's claims.")
@outlet_filters
@page_options
@output_options
def claims_command(db: Path, claimant: str | None, about: str | None, kind: str | None,
                   article_id: str | None, outlet_kind: str | None, outlet_country: str | None,
                   limit: int | None, offset: int, fmt: str) -> None:
    """List claims: numbers with what they count, and hedged facts, with who vouches for them."""
    with open_store(db, readonly=True) as store:
        resolved = _resolve(store, article_id) if article_id else None
        rows = store.claims(article_id=resolved, claimant=claimant, about=about, kind=kind,
                            outlet_kind=outlet_kind, outlet_country=outlet_country,
                            limit=limit, offset=offset)
    for row in rows:
        row["value"] = claim_value(row["low"], row["high"], row["comparator"])
    emit(rows, ("article_id", "kind", "claimant", "text", "value", "unit", "hedge"), fmt=fmt,
         stream=sys.stdout, widths={"text": 40, "claimant": 20, "hedge": 24, "unit": 20})


def _place_options(help_prefix: Callable[[str], str] = lambda keyword: "") -> list[Any]:
    """Where events happened: the same options on `events`, `timeline` and `export`."""
    return [
        click.option("--near", type=PLACE,
                     help=help_prefix("near") + "Placed near this place (a name or id the "
                     "gazetteer knows, or LAT,LON)."),
        click.option("--within", type=KM,
                     help=help_prefix("within") + "How near --near is, in km "
                     f"[default: {settings.NEAR_KM:g}]."),
        click.option("--bbox", type=BOX,
                     help=help_prefix("bbox") + "Placed inside this box: WEST,SOUTH,EAST,NORTH "
                     "in degrees."),
        click.option("--country", type=COUNTRY,
                     help=help_prefix("country") + "Of this country: ISO 3166 code or name "
                     "(an event: placed there; an actor: its country)."),
    ]


PLACE_OPTIONS = _place_options()


def event_filters(function: Callable[..., Any]) -> Callable[..., Any]:
    """The filters `events` and `timeline` share (the keywords of Store.events)."""
    options = [
        click.option("--actor", type=TEXT,
                     help="A party doing the act: actor id, code (RUS matches "
                     "RUS.MIL), name or alias, or words as written."),
        click.option("--recipient", type=TEXT,
                     help="A party the act is done to, matched as --actor."),
        click.option("--type", "event_type", type=EVENT_TYPE,
                     help="Only this PLOVER event type (ASSAULT, CONSULT, …)."),
        click.option("--from", "date_from", type=DATE,
                     help="Event time overlaps from this date (ISO 8601)."),
        click.option("--to", "date_to", type=DATE,
                     help="Event time overlaps up to this date (ISO 8601)."),
        click.option("--status", type=click.Choice(filters.TIME_STATUSES),
                     help="Only events of this time status."),
        click.option("--include-negated", is_flag=True,
                     help="Also list acts the text says did not happen (marked NOT)."),
        click.option("--article", "article_id", type=ID, help="Only this article's events."),
        *PLACE_OPTIONS,
    ]
    for option in reversed(options):
        function = option(function)
    return outlet_filters(function)



def _events(db: Path, order: str, article_id: str | None, event_type: str | None,
            **given: Any) -> list[dict[str, Any]]:
    _near_filters(given)
    with open_store(db, readonly=True) as store:
        resolved = _resolve(store, article_id) if article_id else None
        return store.events(article_id=resolved, type=event_type, order=order, **given)


def _near_filters(given: dict[str, Any]) -> None:
    """``--within`` measures from ``--near``, by default :data:`settings.NEAR_KM`."""
    if "near" in given or "within" in given:
        try:
            given["within"] = filters.nearness(given.get("near"), given.get("within"))
        except ValueError as error:  # the check's words name the API's parameters
            raise click.UsageError("--within needs --near: the place it measures "
                                   "from") from error


EVENT_WIDTHS = {"who": 40, "predicate": 30, "reported_by": 20}


@main.command("events")
@db_option
@event_filters
@page_options
@output_options
def events_command(db: Path, fmt: str, **filters: Any) -> None:
    """List events: who did what to whom and when, with who reports it.

    Events the text denies are left out unless --include-negated (then marked NOT); acts it
    only supposes are marked MAYBE.
    """
    rows = _events(db, "text", **filters)
    for row in rows:
        row.update(date=event_date(row), kind=event_kind(row), who=event_parties(row))
    emit(rows, ("article_id", "date", "time_status", "kind", "who", "reported_by", "predicate"),
         fmt=fmt, stream=sys.stdout, widths=EVENT_WIDTHS)


@main.command("timeline")
@db_option
@event_filters
@page_options
@output_options
def timeline_command(db: Path, fmt: str, **filters: Any) -> None:
    """Events in time order: the news (current and future events), then the history the
    articles recount, each oldest first, undated last.
    """
    _print_timeline(_events(db, "time", **filters), fmt, filters["status"])


def _print_timeline(rows: list[dict[str, Any]], fmt: str, status: str | None = None) -> None:
    """Events in time order in two sections, the news and the history it recounts."""
    sections = {"News": [r for r in rows if r["time_status"] != "historical"],
                "History": [r for r in rows if r["time_status"] == "historical"]}
    if status:
        sections = {name: part for name, part in sections.items()
                    if (name == "History") == (status == "historical")}
    if fmt != "table":
        emit([{**row, "section": name.lower()} for name, part in sections.items()
              for row in part], (), fmt=fmt, stream=sys.stdout)
        return
    for number, (name, part) in enumerate(sections.items()):
        for row in part:
            row.update(date=event_date(row), kind=event_kind(row), who=event_parties(row),
                       article=row["article_id"][:8])
        click.echo(("\n" if number else "") + name)
        emit(part, ("date", "kind", "who", "predicate", "article"), fmt="table",
             stream=sys.stdout, widths=EVENT_WIDTHS)


# -- stories and happenings -------------------------------------------------------------------


@main.command("stories")
@db_option
@click.option("--search", type=TEXT, help="Label contains this (an actor, a place).")
@click.option("--from", "date_from", type=DATE, help="Active on or after (ISO 8601).")
@click.option("--to", "date_to", type=DATE, help="Active on or before (ISO 8601).")
@page_options
@output_options
def stories_command(db: Path, fmt: str, **filters: Any) -> None:
    """List stories (the real-world developments articles report), largest first."""
    with open_store(db, readonly=True) as store:
        rows = store.stories(**filters)
    for row in rows:
        row["dates"] = _span(row["first_date"], row["last_date"])
    emit(rows, ("id", "dates", "articles", "happenings", "label"), fmt=fmt, stream=sys.stdout,
         widths={"label": 70})


@main.command("story")
@click.argument("story_id", type=ID)
@db_option
@click.option("--json", "as_json", is_flag=True, help="The story, its articles, happenings and "
              "events as JSON.")
def story_command(story_id: str, db: Path, as_json: bool) -> None:
    """One story: its articles, its happenings, and its timeline (news apart from history)."""
    with open_store(db, readonly=True) as store:
        story = store.story(_resolve(store, story_id, "story"))
        happenings = store.happenings(story=story["id"])
        events = store.events(story=story["id"], order="time")
    if as_json:
        click.echo(json.dumps({**story, "happenings": happenings, "events": events},
                              ensure_ascii=False, indent=2, default=str))
        return
    click.secho(story["label"], bold=True)
    click.echo(f"{story['id']} · {_span(story['first_date'], story['last_date'])}"
               f"{' · edited' if story['edited'] else ''}\n")
    for row in story["articles"]:
        row["reprint"] = "reprint" if row["reprint_of"] else ""
    emit(story["articles"], ("id", "published", "outlet", "reprint", "title"), fmt="table",
         stream=sys.stdout, widths={"title": 60})
    click.echo("\nHappenings")
    _print_happenings(happenings)
    click.echo()
    _print_timeline(events, "table")


@main.command("set-date")
@click.argument("article_id", type=ID)
@click.argument("day", type=DATE)
@click.option("--earliest", type=DATE, help="The earliest day it may be (default: DAY).")
@click.option("--latest", type=DATE, help="The latest day it may be (default: DAY).")
@db_option
def set_date_command(article_id: str, day: str, earliest: str | None, latest: str | None,
                     db: Path) -> None:
    """Correct an article's publication date by hand: DAY (YYYY-MM-DD) is stored as the
    date, with the interval given, and everything that depends on it (time expressions,
    actors' roles, events, linking) is derived again. Later passes keep it."""
    earliest, latest = earliest or day, latest or day
    if len(day) != 10 or not earliest[:10] <= day <= latest[:10]:
        raise click.UsageError("DAY must be a YYYY-MM-DD day between --earliest and --latest")
    published = Published(day, earliest[:10], latest[:10], 1.0, USER,
                          f"set by hand on {date.today().isoformat()}")
    with open_store(db) as store:
        resolved = _resolve(store, article_id)
        set_date(store, resolved, published)
    click.echo(f"{resolved}: {published_date(day, published.earliest, published.latest, USER)}")


@main.command("merge-stories")
@click.argument("target", type=ID)
@click.argument("others", type=ID, nargs=-1, required=True)
@db_option
def merge_stories_command(target: str, others: tuple[str, ...], db: Path) -> None:
    """Merge stories into TARGET: one development the linker took for several."""
    with open_store(db) as store:
        target_id = _resolve(store, target, "story")
        try:
            moved = store.merge_stories(target_id,
                                        [_resolve(store, o, "story") for o in others])
        except ValueError as error:
            raise click.ClickException(str(error)) from error
    click.echo(f"moved {moved} articles into story {target_id}")


@main.command("split-story")
@click.argument("story_id", type=ID)
@click.argument("articles", type=ID, nargs=-1, required=True)
@db_option
def split_story_command(story_id: str, articles: tuple[str, ...], db: Path) -> None:
    """Move ARTICLES out of a story into a new one: two developments taken for one."""
    with open_store(db) as store:
        try:
            new_id = store.split_story(_resolve(store, story_id, "story"),
                                       [_resolve(store, a) for a in articles])
        except ValueError as error:
            raise click.ClickException(str(error)) from error
    click.echo(f"new story {new_id}")


@main.command("happenings")
@db_option
@click.option("--story", type=ID, help="Only this story's happenings.")
@click.option("--disputed", is_flag=True, help="Only those whose reports differ (date, place, "
              "figures).")
@click.option("--type", "event_type", type=EVENT_TYPE, help="Only this PLOVER event type.")
@click.option("--min-sources", type=COUNT, default=1, show_default=True,
              help="Only those reported by at least N distinct articles.")
@outlet_filters
@page_options
@output_options
def happenings_command(db: Path, fmt: str, story: str | None, event_type: str | None,
                       **filters: Any) -> None:
    """List happenings: events merged across reports, most corroborated first."""
    with open_store(db, readonly=True) as store:
        resolved = _resolve(store, story, "story") if story else None
        rows = store.happenings(story=resolved, type=event_type, **filters)
    if fmt != "table":
        emit(rows, (), fmt=fmt, stream=sys.stdout)
        return
    _print_happenings(rows)


def _print_happenings(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        row["dates"] = _span(row["earliest"], row["latest"])
        row["flag"] = "DISPUTED" if row["disputed"] else ""
    emit(rows, ("id", "dates", "time_status", "sources", "flag", "label"), fmt="table",
         stream=sys.stdout, widths={"label": 70})


@main.command("compare")
@click.argument("happening_id", type=ID)
@db_option
@click.option("--json", "as_json", is_flag=True, help="The comparison as JSON.")
def compare_command(happening_id: str, db: Path, as_json: bool) -> None:
    """How the reports of one happening agree and differ: each version with its sources."""
    with open_store(db, readonly=True) as store:
        result = compare(store, _resolve(store, happening_id, "happening"))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return
    click.secho(result["label"], bold=True)
    click.echo(f"{result['id']} · first reported {result['first_reported']} · "
               f"{result['sources']} distinct sources"
               f"{' · DISPUTED' if result['disputed'] else ''}\n")
    click.echo("reported by: " + " · ".join(
        f"{row['kind']} {row['articles']}" + (" (" + ", ".join(
            f"{country} {n}" for country, n in row["countries"]) + ")"
            if row["kind"] != "unknown" else "") for row in result["outlets"]) + "\n")
    for report in result["reports"]:
        report["profile"] = outlet_group(report)
    emit(result["reports"], ("article_id", "published", "outlet", "profile", "time",
                             "location", "reported_by", "predicate"), fmt="table",
         stream=sys.stdout, widths={"predicate": 30, "reported_by": 20})
    fields = {**result["versions"], **{f"figures: {u}": v for u, v in result["figures"].items()}}
    for name, versions in fields.items():
        if not versions:
            continue
        # dates, places and figures can disagree; actors named by one report only are coverage
        disputable = name in ("date", "place") or name.startswith("figures")
        marker = "  ← reports differ" if disputable and len(versions) > 1 else ""
        click.echo(f"\n{name}{marker}")
        for version in versions:
            click.echo(f"  {version['value']}  ({', '.join(s[:8] for s in version['sources'])};"
                       f" {', '.join(version['outlets'])})")


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first[:10] if not last or last[:10] == first[:10] else f"{first[:10]}..{last[:10]}"


# -- export -----------------------------------------------------------------------------------

# Export filters given as id prefixes, and the table each is resolved in.
EXPORT_IDS = {"article_id": "article", "story": "story", "happening": "happening"}


def _taking(keyword: str) -> str:
    """The kinds an export filter applies to, from the exporter's table, to head its help."""
    return f"[{', '.join(k for k, names in exporter.FILTERS.items() if keyword in names)}] "


def export_filters(function: Callable[..., Any]) -> Callable[..., Any]:
    """The listing commands' filters, each named by its Store keyword so that the given ones
    pass straight through; which kinds take which is :data:`exporter.FILTERS`."""
    subkinds = list(dict.fromkeys(v for values in exporter.SUBKINDS.values() for v in values))
    options = [
        click.option("--outlet", type=TEXT, help=_taking("outlet") + "Only this outlet."),
        click.option("--from", "date_from", type=DATE, help=_taking("date_from") +
                     "Published, happened or active on or after this date (ISO 8601)."),
        click.option("--to", "date_to", type=DATE, help=_taking("date_to") +
                     "Published, happened or active on or before this date (ISO 8601)."),
        click.option("--search", type=TEXT,
                     help=_taking("search") + "Title or body, name or id, or "
                     "label contains this."),
        click.option("--reprints/--no-reprints", default=None,
                     help=_taking("reprints") + "--no-reprints leaves reprints out."),
        click.option("--article", "article_id", type=ID,
                     help=_taking("article_id") + "Only this article's records."),
        click.option("--label", type=TEXT,
                     help=_taking("label") + "Only this NER label (PERSON, ORG, …)."),
        click.option("--text", type=TEXT, help=_taking("text") + "Mention text contains this."),
        *_place_options(_taking),
        click.option("--subkind", "kind", type=click.Choice(subkinds), help=_taking("kind") +
                     "The listings' --kind: " + "; ".join(
                         f"{', '.join(values)} ({kind})"
                         for kind, values in exporter.SUBKINDS.items()) + "."),
        click.option("--speaker", type=TEXT,
                     help=_taking("speaker") + "Actor id, name or alias, or words "
                     "of the source phrase."),
        click.option("--outlet-kind", type=click.Choice(OUTLET_KINDS),
                     help=_taking("outlet_kind") + "Only this kind of outlet profile."),
        click.option("--outlet-country", type=TEXT,
                     help=_taking("outlet_country") + "Only outlet profiles of this country."),
        click.option("--reported-by", type=TEXT,
                     help=_taking("reported_by") + "As --speaker, for who passed it on."),
        click.option("--claimant", type=TEXT,
                     help=_taking("claimant") + "As --speaker, for claims."),
        click.option("--about", type=TEXT, help=_taking("about") + "Words of the content."),
        click.option("--actor", type=TEXT,
                     help=_taking("actor") + "A party doing the act (id, code, name "
                     "or words as written)."),
        click.option("--recipient", type=TEXT,
                     help=_taking("recipient") + "A party the act is done to."),
        click.option("--type", "type", type=EVENT_TYPE,
                     help=_taking("type") + "Only this PLOVER event type."),
        click.option("--status", type=click.Choice(filters.TIME_STATUSES),
                     help=_taking("status") + "Only events of this time status."),
        click.option("--include-negated/--exclude-negated", default=None,
                     help=_taking("include_negated") + "Acts the text denies are exported, "
                     "flagged negated, unless --exclude-negated."),
        click.option("--story", type=ID, help=_taking("story") + "Only this story's records."),
        click.option("--happening", type=ID,
                     help=_taking("happening") + "Only the reports of this happening."),
        click.option("--disputed", is_flag=True,
                     help=_taking("disputed") + "Only those whose reports differ."),
        click.option("--min-sources", type=COUNT,
                     help=_taking("min_sources") + "Reported by at least N distinct articles."),
        click.option("--min-events", type=COUNT,
                     help=_taking("min_events") + "Only edges of at least N acts."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@main.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(exporter.FORMATS), default="jsonl",
              show_default=True, help="plover: events as PLOVER JSON records; graphml: the "
              "actor network; parquet: needs --output and pyarrow (newsgraph[parquet]).")
@click.option("--kind", "record_kind", type=click.Choice(exporter.KINDS),
              help="What to export  [default: articles, or the one kind --format writes]")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout.")
@export_filters
@click.pass_context
def export_command(ctx: click.Context, db: Path, fmt: str, record_kind: str | None,
                   output: Path | None, **filters: Any) -> None:
    """Export one record kind as JSON Lines, CSV or Parquet, events as PLOVER JSON Lines, or
    the actor network (--kind network) as GraphML.

    Filters are those of the kind's listing command; each option's help names the kinds that
    take it. --subkind is the listings' --kind (an actor's, quote's or claim's kind), since
    --kind here is what to export.
    """
    kind = record_kind or exporter.FORMAT_KINDS.get(fmt, ("articles",))[0]
    problem = exporter.usage_problem(kind, fmt, to_file=output is not None)
    if problem:
        raise click.UsageError(problem)
    default = click.core.ParameterSource.DEFAULT
    given = {name: value for name, value in filters.items()
             if ctx.get_parameter_source(name) not in (None, default)}
    names = {p.name: "/".join([*p.opts, *p.secondary_opts]) for p in ctx.command.params}
    taken = exporter.FILTERS[kind]
    if wrong := [name for name in given if name not in taken]:
        raise click.UsageError(
            f"--kind {kind} takes no {', '.join(names[w] for w in wrong)}; its filters: "
            f"{', '.join(names[t] for t in taken)}")
    if "kind" in given and given["kind"] not in exporter.SUBKINDS[kind]:
        raise click.UsageError(f"--subkind for {kind} is one of: "
                               f"{', '.join(exporter.SUBKINDS[kind])}")
    _near_filters(given)
    with open_store(db, readonly=True) as store:
        for name, table in EXPORT_IDS.items():
            if name in given:
                given[name] = _resolve(store, given[name], table)
        try:
            written = exporter.export(store, kind, fmt, stream=sys.stdout, path=output,
                                      **given)
        except exporter.ExportError as error:
            raise click.ClickException(str(error)) from error
    if output:
        click.echo(f"wrote {written} to {output}", err=True)


TRAIN_HELP = (
    "Rebuild a learned model from its training data (by default under ../shared or "
    "$NEWSGRAPH_SHARED): " + "; ".join(f"{n}: {t.summary}" for n, t in trainers.MODELS.items())
    + ".\n\nDeterministic: the same data gives the same weights. The model's card "
    "(newsgraph/models/NAME/card.md) records its data, split, seed and figures.")


@main.command("train", help=TRAIN_HELP)
@click.argument("name", type=click.Choice(sorted(trainers.MODELS)))
@click.argument("data", required=False,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write the model here  [default: the package's models/NAME, in place]")
def train_command(name: str, data: Path | None, out: Path | None) -> None:
    trainer = trainers.MODELS[name]
    directory = data or trainers.shared_dir() / trainer.data
    if not directory.is_dir():
        raise click.UsageError(f"no training data at {directory}: give DATA")
    info = trainer.build(directory, out or trainers.model_dir(name),
                         log=lambda line: click.echo(line, err=True))
    click.echo(json.dumps({k: v for k, v in info.items() if not isinstance(v, dict)}, indent=2))


@main.command("eval")
@click.argument("scorer", type=click.Choice(sorted(SCORERS)))
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object with every figure.")
@click.option("--split", type=click.Choice(SPLITS), default="all",
              show_default=True, help="Score only this part of the gold set: tune on one, "
              "report the other (a fixed hash of each document's id decides).")
@click.option("--hide-dct", is_flag=True, help="timeml only: withhold the creation times, "
              "ingest the files as undated articles of one corpus and score the inferred "
              "publication dates too.")
def eval_command(scorer: str, paths: tuple[str, ...], as_json: bool, split: str,
                 hide_dct: bool) -> None:
    """Score newsgraph against gold keys.

    \b
    content DIR            article-body extraction (ScrapingHub benchmark layout)
    timeml DIR             time expressions in TimeML files (TempEval-3 figures)
    gum DIR                entity types and knowledge-base links (GUM news, CoNLL-U)
    polnear DIR [LIMIT]    quotes and attributions against PolNeAR brat files
    gold KEY.json DOCS_DIR the project's gold keys (see shared/gold/README.md)
    plover FILE            PLOVER-coded sentences (gold-standard records)
    probes [DIR]           event types on the project's probe sentences (bundled by default)
    """
    if hide_dct and scorer != "timeml":
        raise click.UsageError(f"--hide-dct is for the timeml scorer, not {scorer}")
    try:
        result = (timeml_hidden_dct if hide_dct else SCORERS[scorer])(list(paths), split=split)
    except ScorerError as error:
        raise click.ClickException(str(error)) from error
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else render(result))


if __name__ == "__main__":
    main()
