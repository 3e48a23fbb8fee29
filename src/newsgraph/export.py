"""Exports: every record kind to JSON Lines, CSV or Parquet, with the CLI's filters; events
also as PLOVER records and as GeoJSON; the actor network as GraphML."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from itertools import islice
from pathlib import Path
from typing import Any, TextIO
from xml.etree import ElementTree

from newsgraph.link import compare
from newsgraph.model import ActorCode
from newsgraph.store import Store

FORMATS = ("jsonl", "csv", "parquet", "graphml", "plover", "geojson")
KINDS = ("articles", "mentions", "actors", "quotes", "claims", "events", "stories",
         "happenings", "sentences", "dropped", "network")
# The kinds that are rows; the actor network is a graph (nodes and edges), not a row per record.
ROW_KINDS = tuple(kind for kind in KINDS if kind != "network")
# Formats that only fit some kinds: PLOVER is an event-data format, GeoJSON puts events on a
# map, GraphML is a graph format. Every other format writes every row kind.
FORMAT_KINDS = {"plover": ("events",), "geojson": ("events",), "graphml": ("network",)}
# Formats whose rows are table rows: an event's place object becomes columns (flat_place).
TABLE_FORMATS = frozenset({"csv", "parquet"})
# Formats that cannot go to a terminal or a text pipe.
BINARY_FORMATS = frozenset({"parquet"})

# The filters each kind takes: the keyword names of the Store method that lists it (what the
# listing command of that kind passes), so the CLI can check a filter against its kind and pass
# the given ones straight through. ``sentences`` and ``dropped`` are read per article.
FILTERS: dict[str, tuple[str, ...]] = {
    "articles": ("outlet", "outlet_kind", "outlet_country", "date_from", "date_to", "search",
                 "reprints"),
    "mentions": ("article_id", "label", "text"),
    "actors": ("country", "kind", "search"),
    "quotes": ("article_id", "speaker", "reported_by", "about", "kind", "outlet_kind",
               "outlet_country"),
    "claims": ("article_id", "claimant", "about", "kind", "outlet_kind", "outlet_country"),
    "events": ("article_id", "actor", "recipient", "type", "date_from", "date_to", "status",
               "include_negated", "story", "happening", "outlet_kind", "outlet_country",
               "near", "within", "bbox", "country"),
    "stories": ("search", "date_from", "date_to"),
    "happenings": ("story", "disputed", "type", "min_sources", "outlet_kind", "outlet_country"),
    "network": ("type", "story", "date_from", "date_to", "min_events"),
    "sentences": ("article_id",),
    "dropped": ("article_id",),
}
# The values the ``kind`` filter takes, by record kind: an actor's kind is not a quote's.
SUBKINDS: dict[str, tuple[str, ...]] = {
    "actors": ("person", "country", "organisation", "igo", "place"),
    "quotes": ("direct", "indirect", "mixed"),
    "claims": ("numeric", "factual"),
}
# Rows per Parquet record batch: what an export holds in memory at once, whatever the store's size.
BATCH_ROWS = 5000


class ExportError(Exception):
    """An export that cannot be written as asked (a missing extra, rows that do not fit)."""


def formats_for(kind: str) -> tuple[str, ...]:
    """The formats that can write ``kind``."""
    return tuple(fmt for fmt in FORMATS if kind in FORMAT_KINDS.get(fmt, ROW_KINDS))


def usage_problem(kind: str, fmt: str, *, to_file: bool) -> str | None:
    """Why ``kind`` cannot be exported as ``fmt`` (to stdout unless ``to_file``), in the CLI's
    words; None when it can. Checked before anything is opened or written."""
    only = FORMAT_KINDS.get(fmt)
    if only and kind not in only:
        return (f"--format {fmt} writes {' and '.join(only)} only: add --kind {only[0]} "
                f"(got --kind {kind})")
    if fmt not in formats_for(kind):
        return (f"--kind {kind} is written as {' or '.join(formats_for(kind))} only: "
                f"add --format {formats_for(kind)[0]}")
    if fmt in BINARY_FORMATS and not to_file:
        return f"--format {fmt} writes a binary file, not to stdout: add --output FILE"
    return None


def export(store: Store, kind: str, fmt: str, /, *, stream: TextIO | None = None,
           path: Path | None = None, **filters: Any) -> str:
    """Write one kind, filtered by the keywords of :data:`FILTERS`, in ``fmt`` to ``path``
    (else ``stream``); return what was written ("7 events", "6 nodes and 7 edges").

    The one place that knows which writer a format needs, so every caller exports alike.
    """
    problem = usage_problem(kind, fmt, to_file=path is not None)
    if problem or (path is None and stream is None):
        raise ExportError(problem or "nowhere to write: give a stream or a path")
    rows = records(store, kind, **filters)
    if kind == "events" and fmt in TABLE_FORMATS:
        rows = (flat_place(row) for row in rows)
    if fmt == "parquet":
        assert path is not None
        return f"{write_parquet(rows, path)} {kind}"
    if path is not None:
        with path.open("w", encoding="utf-8", newline="") as output:
            return export(store, kind, fmt, stream=output, **filters)
    assert stream is not None
    if fmt == "graphml":
        nodes, edges = write_graphml(store.network(**filters), stream)
        return f"{nodes} nodes and {edges} edges"
    if fmt == "geojson":
        written, left_out = write_geojson(rows, stream)
        return f"{written} events ({left_out} without coordinates left out)"
    return f"{write(rows, fmt, stream)} {kind}"


def records(store: Store, kind: str, /, **filters: Any) -> Iterator[dict[str, Any]]:
    """The rows of one record kind, as the export writes them, filtered by the keywords of
    :data:`FILTERS` for that kind (positional ``kind``: a quote's ``kind`` is a filter)."""
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
            yield compare(store, row["id"])
    elif kind == "dropped":
        only = filters.get("article_id")
        yield from store.dropped([only] if only else None)
    elif kind == "sentences":
        only = filters.get("article_id")
        for article_id in [only] if only else store.article_ids():
            article = store.load_article(article_id)
            for seq, sentence in enumerate(article.sentences):
                yield {
                    "article_id": article_id, "seq": seq, "start": sentence.start,
                    "end": sentence.end, "text": article.body[sentence.start : sentence.end],
                }
    elif kind == "network":
        raise ValueError("the network is a graph, not rows: write it with write_graphml")
    else:
        raise ValueError(f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")


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
        raise ValueError(f"write() takes jsonl, csv or plover, not {fmt!r}")
    return count


def write_parquet(rows: Iterable[dict[str, Any]], path: Path,
                  batch_rows: int | None = None) -> int:
    """Write rows to a Parquet file at ``path``, ``batch_rows`` (:data:`BATCH_ROWS`) at a
    time; return how many.

    Memory stays bounded on a large store: one record batch is built at a time. The schema is
    fixed by the first batch, since a Parquet file has one: each column takes its values'
    natural type (bool, int, float, string; float where ints and floats mix), nested values
    (an event's actors, an actor's roles) are JSON strings as in CSV, and a column that is
    empty throughout the first batch is a string column. Rows lacking a column have it null.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise ExportError("Parquet exports need pyarrow: pip install 'newsgraph[parquet]'"
                          ) from error
    count = 0
    writer = None
    schema = None
    iterator = iter(rows)
    batch_rows = batch_rows or BATCH_ROWS
    try:
        while batch := list(islice(iterator, batch_rows)):
            if schema is None:
                schema = pa.schema([(name, _arrow_type(pa, [row.get(name) for row in batch]))
                                    for name in _columns(batch)])
                writer = pq.ParquetWriter(path, schema)
            extra = set(_columns(batch)) - set(schema.names)
            if extra:
                raise ExportError(f"rows after the first batch add columns {sorted(extra)}")
            columns = []
            for field in schema:
                values = [row.get(field.name) for row in batch]
                if field.type == pa.string():
                    values = [_text(value) for value in values]
                try:
                    columns.append(pa.array(values, type=field.type))
                except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError) as error:
                    raise ExportError(f"column {field.name!r} does not fit its type "
                                      f"{field.type} from the first rows: {error}") from error
            assert writer is not None
            writer.write_batch(pa.record_batch(columns, schema=schema))
            count += len(batch)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # nothing to write: still a readable (empty) file
        pq.write_table(pa.table({}), path)
    return count


def _columns(batch: list[dict[str, Any]]) -> list[str]:
    """Every key of the rows, in the order they first appear."""
    return list(dict.fromkeys(name for row in batch for name in row))


def _arrow_type(pa: Any, values: list[Any]) -> Any:
    """A column's natural Arrow type from its values; bool before int (bool is an int)."""
    kinds = {type(value) for value in values if value is not None}
    if kinds == {bool}:
        return pa.bool_()
    if kinds == {int}:
        return pa.int64()
    if kinds and kinds <= {int, float}:
        return pa.float64()
    return pa.string()


def _text(value: Any) -> str | None:
    """A value for a string column: nested values (and any stray number) as JSON, as in CSV."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# GraphML attribute declarations: (element, name, type). Key ids are the names, so a reader
# that shows ids (not attr.name) still reads them.
GRAPHML_KEYS = (("node", "name", "string"), ("node", "kind", "string"),
                ("node", "country", "string"), ("edge", "type", "string"),
                ("edge", "events", "int"), ("edge", "articles", "int"),
                ("edge", "symmetric", "boolean"))


def write_graphml(network: dict[str, list[dict[str, Any]]], stream: TextIO) -> tuple[int, int]:
    """Write :meth:`Store.network` as a GraphML document; return (nodes, edges).

    A directed graph, one edge per source, target and event type (so parallel edges occur:
    readers such as networkx's make it a multigraph). A symmetric act (a meeting) is one edge
    with ``symmetric`` true rather than an undirected edge, because GraphML readers refuse
    undirected edges in a directed graph. ElementTree escapes names with & < > and quotes;
    a missing value (an actor with no country) is left out, as GraphML allows.
    """
    ElementTree.register_namespace("", GRAPHML_NS)
    root = ElementTree.Element(f"{{{GRAPHML_NS}}}graphml")
    for element, name, kind in GRAPHML_KEYS:
        ElementTree.SubElement(root, f"{{{GRAPHML_NS}}}key", {
            "id": name, "for": element, "attr.name": name, "attr.type": kind})
    graph = ElementTree.SubElement(root, f"{{{GRAPHML_NS}}}graph",
                                   {"id": "actors", "edgedefault": "directed"})
    for node in network["nodes"]:
        _graphml_item(graph, "node", {"id": node["id"]}, node)
    for number, edge in enumerate(network["edges"]):
        _graphml_item(graph, "edge", {"id": f"e{number}", "source": edge["source"],
                                      "target": edge["target"]}, edge)
    ElementTree.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(root, encoding="unicode") + "\n")
    return len(network["nodes"]), len(network["edges"])


def _graphml_item(graph: ElementTree.Element, tag: str, attributes: dict[str, str],
                  values: dict[str, Any]) -> None:
    """A node or an edge with a ``data`` element for each declared attribute it has."""
    item = ElementTree.SubElement(graph, f"{{{GRAPHML_NS}}}{tag}", attributes)
    for element, name, _kind in GRAPHML_KEYS:
        value = values.get(name)
        if element != tag or value is None:
            continue
        data = ElementTree.SubElement(item, f"{{{GRAPHML_NS}}}data", {"key": name})
        data.text = str(value).lower() if isinstance(value, bool) else str(value)


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
        "event_loc": plover_location(row),
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


# PLOVER's location ``resolution``: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
PLOVER_RESOLUTION = {"site": 5, "city": 4, "region": 2, "country": 1}


def plover_location(row: dict[str, Any]) -> dict[str, Any] | None:
    """An event row's place as the PLOVER manual's location object (its table of location
    fields, GeoNames' names): ``extracted_place`` as written, ``resolved_place``, ``lat``,
    ``lon``, ``country_code`` (ISO alpha-3, as the actors'), ``resolution``, and
    ``geonameid`` for a GeoNames city; ``location_id`` (the place's actor) is newsgraph's."""
    if not row["location"]:
        return None
    found: dict[str, Any] = {"extracted_place": row["location"],
                             "location_id": row["location_id"]}
    place = row.get("place")
    if place:
        found.update(resolved_place=place["name"], lat=place["latitude"],
                     lon=place["longitude"], country_code=place["country"],
                     resolution=PLOVER_RESOLUTION.get(place["kind"]))
        if place["id"].startswith("gn:"):
            found["geonameid"] = int(place["id"][3:])
    return found


def flat_place(row: dict[str, Any]) -> dict[str, Any]:
    """An event row for a table (CSV, Parquet): its place object as columns of their own —
    ``place`` (the resolved name), ``place_id``, ``latitude``, ``longitude``,
    ``place_precision``, ``place_country`` — beside the place as written (``location``)."""
    flat = {k: v for k, v in row.items() if k != "place"}
    place = row.get("place") or {}
    flat.update(place=place.get("name"), latitude=place.get("latitude"),
                longitude=place.get("longitude"), place_country=place.get("country"))
    return flat


def geojson_feature(row: dict[str, Any]) -> dict[str, Any] | None:
    """An event row as a GeoJSON Feature at its place's point (RFC 7946: longitude first),
    its fields the feature's properties; None for an event without coordinates."""
    place = row.get("place")
    if not place or place["latitude"] is None or place["longitude"] is None:
        return None
    properties = {k: v for k, v in row.items() if k != "place"}
    properties.update(place=place["name"], place_country=place["country"])
    return {"type": "Feature", "id": f"{row['article_id']}-{row['seq']}",
            "geometry": {"type": "Point",
                         "coordinates": [place["longitude"], place["latitude"]]},
            "properties": properties}


def write_geojson(rows: Iterable[dict[str, Any]], stream: TextIO) -> tuple[int, int]:
    """Event rows as one GeoJSON FeatureCollection, written feature by feature so a large
    store is never held in memory; returns (features written, events left out for want of
    coordinates)."""
    written = left_out = 0
    stream.write('{"type": "FeatureCollection", "features": [')
    for row in rows:
        feature = geojson_feature(row)
        if feature is None:
            left_out += 1
            continue
        stream.write((",\n" if written else "\n")
                     + json.dumps(feature, ensure_ascii=False, default=str))
        written += 1
    stream.write("\n]}\n")
    return written, left_out


def _plover_entity(party: dict[str, Any]) -> dict[str, Any]:
    """A party as a PLOVER entity: "RUS.MIL" is code RUS, sector MIL; "IGO.UNO" is UNO."""
    parts = ActorCode.parse(party["code"] or "")
    code, sector = parts.country, parts.sector
    if parts.is_igo:
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
