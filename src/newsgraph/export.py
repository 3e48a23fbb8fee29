"""Exports: every record kind to JSON Lines or CSV, with the CLI's filters; events also as
PLOVER records."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TextIO

from newsgraph.store import Store

FORMATS = ("jsonl", "csv", "plover")
# Formats that only fit some kinds: PLOVER is an event-data format.
FORMAT_KINDS = {"plover": ("events",)}


def records(store: Store, kind: str, **filters: Any) -> Iterator[dict[str, Any]]:
    """The rows of one record kind, as the export writes them."""
    if kind == "articles":
        for row in store.articles(**filters):
            article = store.load_article(row["id"])
            yield {**row, "body": article.body}
    elif kind == "mentions":
        yield from store.mentions(**filters)
    elif kind == "actors":
        for row in store.actors(**filters):
            yield store.actor(row["id"])
    elif kind == "quotes":
        yield from store.quotes(**filters)
    elif kind == "claims":
        yield from store.claims(**filters)
    elif kind == "events":
        # An export is the whole record: denied acts included, flagged by ``negated``.
        yield from store.events(**{"include_negated": True, **filters})
    elif kind == "stories":
        for row in store.stories(**filters):  # each with its articles
            yield {**row, "article_ids": [a["id"] for a in store.story(row["id"])["articles"]]}
    elif kind == "happenings":
        for row in store.happenings(**filters):  # each with its reports and versions
            yield store.compare(row["id"])
    elif kind == "dropped":
        yield from store.dropped()
    elif kind == "sentences":
        for article_id in store.article_ids():
            article = store.load_article(article_id)
            for seq, sentence in enumerate(article.sentences):
                yield {
                    "article_id": article_id, "seq": seq, "start": sentence.start,
                    "end": sentence.end, "text": article.body[sentence.start : sentence.end],
                }
    else:
        raise ValueError(f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")


KINDS = ("articles", "mentions", "actors", "quotes", "claims", "events", "stories",
         "happenings", "sentences", "dropped")


def write(rows: Iterable[dict[str, Any]], fmt: str, stream: TextIO) -> int:
    """Write rows in ``fmt``; return how many were written.

    ``plover`` takes event rows and leaves out the acts the text denies: PLOVER has no field
    for negation, so a consumer would count them as having happened.
    """
    count = 0
    if fmt == "plover":
        rows = (plover_event(row) for row in rows if not row["negated"])
    if fmt in ("jsonl", "plover"):
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
    elif fmt == "csv":
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(stream, fieldnames=list(row))
                writer.writeheader()
            writer.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
    else:
        raise ValueError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    return count


# PLOVER's country field names the UN and the EU apart from other IGOs (manual, table
# "International Non-state actor names"); the knowledge base codes their bodies IGO.X.
UN_BODIES = frozenset({"IGO.WFP", "IGO.OHCHR", "IGO.ICJ", "IGO.WHO"})
EU_BODIES = frozenset({"IGO.EU", "IGO.EC", "IGO.EP", "IGO.EUCO", "IGO.ECB", "IGO.EEC"})


def plover_event(row: dict[str, Any]) -> dict[str, Any]:
    """One event row of :meth:`Store.events` as a PLOVER JSON record.

    Field names are those of the PLOVER manual's "Data Fields" chapter (PLOVER JSON table and
    the entity, text and citation objects): ``actor``/``recipient`` lists of entities with
    ``code`` (country or non-state code), ``sector``, ``entity_text``, ``identifier_id`` (the
    Wikidata id) and ``identifier_text`` (the canonical name); ``event``, ``mode``, ``context``
    and ``event_text`` as lists; ``date``/``enddate`` the event interval's first and last day
    (``time``/``endtime`` when it is that precise). The older GSR files' ``source``/``target``,
    ``actorText`` and ``eventText`` are v1 names and are not used. Fields the manual leaves
    to the provider carry newsgraph's own names and values: ``article_id``, ``published``
    (when it was reported: the other clock), ``time_status``, ``granularity``, ``time_basis``,
    ``hypothetical``, ``reported_by``, ``actor_id`` on each entity, ``confidence``.
    """
    earliest, latest = row["earliest"] or "", row["latest"] or ""
    ends_later = latest[:10] != earliest[:10]
    return {
        "id": f"{row['article_id']}-{row['seq']}",
        "date": earliest[:10] or None,
        "time": earliest[11:] or None,
        "enddate": latest[:10] if latest and ends_later else None,
        "endtime": latest[11:] or None,
        "actor": [_plover_entity(p) for p in row["actors"]],
        "recipient": [_plover_entity(p) for p in row["recipients"]],
        "event": [row["type"]],
        "event_text": [row["predicate"]],
        "mode": [row["mode"]] if row["mode"] else None,
        "context": [c.strip() for c in row["context"].split(",")] if row["context"] else None,
        "event_loc": {"extracted_place": row["location"], "location_id": row["location_id"]}
        if row["location"] else None,
        "text": row["text"],
        "text_info": {"sequence": row["sentence"], "start": row["start"], "end": row["end"]},
        "cite_info": {"url": row["url"], "publication": row["outlet"], "language": row["language"],
                      "coder": CODER, "codebook": "PLOVER"},
        "coder": CODER,
        "article_id": row["article_id"],
        "published": row["published"],
        "time_status": row["time_status"],
        "granularity": row["granularity"],
        "time_basis": row["time_basis"],
        "hypothetical": row["hypothetical"],
        "reported_by": row["reported_by"],
        "confidence": row["confidence"],
    }


def _plover_entity(party: dict[str, Any]) -> dict[str, Any]:
    """A party as a PLOVER entity: "RUS.MIL" is code RUS, sector MIL; "IGO.UNO" is UNO."""
    code, _, sector = (party["code"] or "").partition(".")
    if code == "IGO":
        full = party["code"]
        if full.startswith("IGO.UN") or full in UN_BODIES:
            code = "UNO"
        elif full in EU_BODIES:
            code = "EUR"
        sector = ""
    return {"code": code or None, "sector": sector or None, "entity_text": party["text"],
            "identifier_id": party["wikidata"], "identifier_text": party["name"],
            "actor_id": party["actor_id"]}


def _coder() -> str:
    try:
        return f"newsgraph {version('newsgraph')}"
    except PackageNotFoundError:
        return "newsgraph"


CODER = _coder()


def _cell(value: Any) -> Any:
    """Lists and records (an actor's roles) go into a CSV cell as JSON."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
