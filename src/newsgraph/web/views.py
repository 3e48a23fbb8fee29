"""What the pages show, computed from store records: plain functions, testable without a
server. Templates only lay these out; the browser's scripts only draw them."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newsgraph.describe import by_name, claim_value, event_kind, event_parties
from newsgraph.events.ontology import quad
from newsgraph.model import Article


@dataclass
class Segment:
    """A stretch of the body covered by the same annotations (``refs``, ids into the notes)."""

    text: str
    refs: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    anchor: str | None = None  # "event-3" on the first piece of event 3's predicate


def annotated_body(article: Article) -> tuple[list[Segment], dict[str, dict[str, Any]]]:
    """The body cut where any annotation starts or ends, and a note for each annotation.

    Annotations overlap (a mention inside a quote inside an event's sentence), so the body is
    cut at every boundary and each piece lists all that cover it; a click on a piece shows
    each of them in the side panel. Notes hold plain values only: the page script writes them
    as text, never as markup.
    """
    spans = list(_annotations(article))
    notes = {ref: note for ref, _layer, _start, _end, note in spans}
    cuts = sorted({0, len(article.body), *(s for _, _, s, _, _ in spans),
                   *(e for _, _, _, e, _ in spans)})
    segments, anchored = [], set()
    for start, end in itertools.pairwise(cuts):
        covering = [(ref, layer) for ref, layer, s, e, _ in spans if s <= start and end <= e]
        refs = [r for r, _ in covering]
        events = [r for r in refs if r.startswith("e") and r not in anchored]
        anchored.update(events)
        segments.append(Segment(article.body[start:end], refs,
                                sorted({layer for _, layer in covering}),
                                f"event-{events[0][1:]}" if events else None))
    return segments, notes


def _annotations(article: Article) -> Iterable[tuple[str, str, int, int, dict[str, Any]]]:
    """``(ref, layer, start, end, note)`` for every mention, time, quote, claim and event."""
    body = article.body
    for i, m in enumerate(article.mentions):
        yield f"m{i}", "mention", m.start, m.end, {
            "layer": "entity", "text": m.text, "label": m.label, "actor": m.actor_id,
            "code": m.code, "how resolved": m.method,
            "confidence": round(m.confidence, 2) if m.confidence is not None else None}
    for i, t in enumerate(article.timexes):
        yield f"t{i}", "time", t.start, t.end, {
            "layer": "time", "text": t.text, "type": t.type, "value": t.value,
            "interval": f"{t.earliest} .. {t.latest}" if t.earliest else None,
            "granularity": t.granularity, "resolved against": t.anchor}
    for i, q in enumerate(article.quotes):
        note = {"layer": "quote", "kind": q.kind, "speaker": q.speaker, "actor": q.actor_id,
                "cue": q.cue, "cue type": q.cue_type, "said": q.time, "content": q.content(body)}
        yield f"q{i}c", "cue", q.cue_start, q.cue_end, note
        for k, (start, end) in enumerate(q.parts or [(q.content_start, q.content_end)]):
            yield f"q{i}p{k}", "quote", start, end, note
    for i, c in enumerate(article.claims):
        yield f"c{i}", "claim", c.evidence_start, c.evidence_end, {
            "layer": "claim", "kind": c.kind, "text": c.text,
            "value": claim_value(c.low, c.high, c.comparator) or None, "unit": c.unit,
            "about": c.about, "claimant": c.claimant, "hedge": c.hedge}
    for i, e in enumerate(article.events):
        note = {"layer": "event", "type": e.type, "mode": e.mode, "predicate": e.predicate,
                "actors": ", ".join(p.text for p in e.actors) or None,
                "recipients": ", ".join(p.text for p in e.recipients) or None,
                "when": _interval(e.earliest, e.latest), "time status": e.time_status,
                "dated by": e.time_basis, "place": e.location, "reported by": e.reported_by,
                "not happened": e.negated or None, "hypothetical": e.hypothetical or None,
                "happening": e.happening, "event": i}
        yield f"e{i}", "event", e.predicate_start, e.predicate_end, note


def _interval(earliest: str | None, latest: str | None) -> str | None:
    if not earliest:
        return None
    return earliest if not latest or latest == earliest else f"{earliest} .. {latest}"


def timeline_items(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dated events as the timeline script draws them: an interval in a lane (the event
    type), coloured by quad category, in the news or the history panel."""
    return [
        {"start": e["earliest"][:10], "end": (e["latest"] or e["earliest"])[:10],
         "lane": e["type"], "group": "history" if e["time_status"] == "historical" else "news",
         "kind": quad(e["type"]),
         "label": f"{event_parties(e, by_name)}: {event_kind(e)} ({e['predicate']})",
         "href": f"/articles/{e['article_id']}#event-{e['seq']}"}
        for e in events if e["earliest"]
    ]


def role_items(actor: dict[str, Any]) -> list[dict[str, Any]]:
    """An actor's roles as timeline intervals, one lane per office (open ends run to the
    last role's start, so a current office still shows)."""
    roles = [r for r in actor["roles"] if r["start"]]
    last = max((r["end"] or r["start"] for r in roles), default=None)
    return [{"start": r["start"][:10], "end": (r["end"] or last or r["start"])[:10],
             "lane": r["title"] or r["office"], "group": "roles", "kind": "role",
             "label": f"{r['title']} ({r['start']} – {r['end'] or 'now'})", "href": None}
            for r in roles]


def comparison_rows(comparison: dict[str, Any]) -> list[dict[str, Any]]:
    """A happening's fields, one row each, with every report's version in its column.

    A row is ``disputed`` when the reports' versions of it conflict (the fields the linker
    checks: date, place, figures), ``differs`` when they only differ in what they name."""
    reports = comparison["reports"]
    rows = []
    fields = [(name, comparison["versions"][name]) for name in
              ("date", "actors", "recipients", "place", "reported_by")]
    fields += [(f"figure: {unit}", versions)
               for unit, versions in comparison["figures"].items()]
    disputes = _disputed_fields(comparison)
    for name, versions in fields:
        of_source = {s: v["value"] for v in versions for s in v["sources"]}
        cells = [of_source.get(r["original"]) for r in reports]
        if not any(cells):
            continue
        rows.append({"field": name, "cells": cells, "differs": len(versions) > 1,
                     "disputed": name.split(":")[0] in disputes})
    return rows


def _disputed_fields(comparison: dict[str, Any]) -> set[str]:
    """The fields a disputed happening's reports conflict on."""
    if not comparison["disputed"]:
        return set()
    fields = {"date", "place"} & {f for f, v in comparison["versions"].items() if len(v) > 1}
    if any(len(v) > 1 for v in comparison["figures"].values()):
        fields.add("figure")
    return fields


def safe_url(url: str | None) -> str | None:
    """A link target only when it is a web address: a ``javascript:`` or ``data:`` URL
    from an article's metadata must never become a link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None
