"""The gold README's Events rules, in one place: candidates, alignment, actors, dates, status.

A system event and a gold event of one document are candidates when the gold ``cue``
(normalized) occurs in the system event's evidence sentence. Alignment is one-to-one, greedy
by score (same type first, then actor overlap). Recall counts required gold events aligned
with the same type; precision counts system events aligned with the same type to any gold
event (required or acceptable); a second alignment ignoring type gives ``type_accuracy``.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable
from typing import Any

from newsgraph.eval.matching import canonical_value, normalize, ratio
from newsgraph.model import ActorCode, Article, Event

SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # months; 14 = Feb next


def country(code: str) -> str:
    """The country part of a code ("RUS.MIL" → "RUS"); an IGO keeps its organisation, and an
    old key's bare "UNO" means "IGO.UNO"."""
    return "IGO.UNO" if code == "UNO" else ActorCode.parse(code).party


def set_f1(system: set[str], gold: set[str]) -> float:
    if not system and not gold:
        return 1.0
    if not system or not gold:
        return 0.0
    hits = len(system & gold)
    return 2 * hits / (len(system) + len(gold))


def actor_f1(event: Event, gold: dict[str, Any]) -> float:
    """Set F1 over country parts: one set for symmetric gold events (no recipient, two or more
    actors), else actor and recipient sides averaged."""
    system_actors = {country(p.code) for p in event.actors if p.code}
    system_recipients = {country(p.code) for p in event.recipients if p.code}
    gold_actors = {country(c) for c in gold.get("actor") or []}
    gold_recipients = {country(c) for c in gold.get("recipient") or []}
    if not gold_recipients and len(gold_actors) >= 2:
        return set_f1(system_actors | system_recipients, gold_actors)
    return (set_f1(system_actors, gold_actors) + set_f1(system_recipients, gold_recipients)) / 2


def sector_hits(event: Event, gold: dict[str, Any]) -> tuple[int, int]:
    """(right, scored) over gold codes that carry a sector: right when the system gives the
    same code on the same side (either side for a symmetric event)."""
    symmetric = not gold.get("recipient") and len(gold.get("actor") or []) >= 2
    sides = [("actor", event.actors), ("recipient", event.recipients)]
    right = scored = 0
    for name, parties in sides:
        pool = event.actors + event.recipients if symmetric else parties
        codes = {p.code for p in pool if p.code}
        for code in gold.get(name) or []:
            parts = ActorCode.parse(code)
            if parts.sector and not parts.is_igo:
                scored += 1
                right += code in codes
    return right, scored


def gold_interval(value: str | None) -> tuple[str, str] | None:
    """A gold date value as inclusive ISO bounds: a day, month, year, decade ("194X"),
    century ("19XX"), season ("1950-FA"), week, or a range "A/B" of any of these."""
    text = canonical_value(value)
    if not text:
        return None
    if "/" in text:
        first, second = text.split("/", 1)
        low, high = gold_interval(first), gold_interval(second)
        return (low[0], high[1]) if low and high else None
    parts = text.split("-")
    if not parts[0].isdigit():
        return None
    if len(parts[0]) < 4:  # decade or century: "194" (194X), "19" (19XX)
        span = 10 ** (4 - len(parts[0]))
        year = int(parts[0]) * span
        return f"{year:04d}-01-01", f"{year + span - 1:04d}-12-31"
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if parts[1] in SEASONS:
        first_month, last_month = SEASONS[parts[1]]
        end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
        last_day = calendar.monthrange(end_year, end_month)[1]
        return f"{year:04d}-{first_month:02d}-01", f"{end_year:04d}-{end_month:02d}-{last_day:02d}"
    if not parts[1].isdigit():
        return None
    month = int(parts[1])
    if len(parts) == 2:
        last_day = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last_day:02d}"
    day = parts[2][:2]
    return f"{year:04d}-{month:02d}-{day}", f"{year:04d}-{month:02d}-{day}"


def date_result(event: Event, gold: dict[str, Any]) -> str | None:
    """``right`` (system interval inside gold's), ``coarser`` (holds gold's, but wider),
    ``wrong``; None where gold gives no date."""
    bounds = gold_interval(gold.get("date"))
    if bounds is None:
        return None
    if not event.earliest:
        return "wrong"
    low, high = event.earliest[:10], (event.latest or event.earliest)[:10]
    if bounds[0] <= low and high <= bounds[1]:
        return "right"
    if low <= bounds[0] and bounds[1] <= high:
        return "coarser"
    return "wrong"


def align(
    events: list[Event], gold: list[dict[str, Any]], body: str, *, same_type: bool
) -> list[tuple[int, int]]:
    """One-to-one (system index, gold index) pairs, greedy by (same type, actor F1)."""
    sentences = [normalize(body[e.start : e.end]) for e in events]
    scored: list[tuple[tuple[bool, float], int, int]] = []
    for g, item in enumerate(gold):
        cue = normalize(item.get("cue") or "")
        if not cue:
            continue
        for s, event in enumerate(events):
            if cue not in sentences[s]:
                continue
            typed = event.type == item.get("type")
            if same_type and not typed:
                continue
            scored.append(((typed, actor_f1(event, item)), s, g))
    scored.sort(key=lambda x: x[0], reverse=True)
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, s, g in scored:
        if s not in used_s and g not in used_g:
            used_s.add(s)
            used_g.add(g)
            pairs.append((s, g))
    return pairs


def score_events(
    article: Article, gold: list[dict[str, Any]], same_place: Callable[[Event, str], bool]
) -> tuple[Counter[str], list[dict[str, Any]]]:
    """Counts for one document by the Events rules, and its misses for ``errors``."""
    counts: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    events = article.events
    counts["system"] += len(events)
    points = {p.id for p in article.places if p.latitude is not None}
    counts["placed"] += sum(bool(e.location or e.place_id) for e in events)
    counts["placed_with_coordinates"] += sum(e.place_id in points for e in events)
    counts["required"] += sum(g.get("status") == "required" for g in gold)
    counts["gold"] += len(gold)
    pairs = align(events, gold, article.body, same_type=True)
    matched_gold = {g for _, g in pairs}
    counts["system_matched"] += len(pairs)
    for s, g in pairs:
        event, item = events[s], gold[g]
        counts["required_matched"] += item.get("status") == "required"
        counts["actor_f1_sum"] += round(actor_f1(event, item) * 1000)
        right, scored = sector_hits(event, item)
        counts["sector_right"] += right
        counts["sector"] += scored
        result = date_result(event, item)
        if result is not None:
            counts["date"] += 1
            counts["date_right"] += result == "right"
            counts["date_coarser"] += result == "coarser"
        counts["time_status_right"] += event.time_status == item.get("time_status")
        counts["negation_right"] += event.negated == bool(item.get("negated"))
        if item.get("location"):
            counts["location"] += 1
            counts["location_right"] += same_place(event, item["location"])
        if result == "wrong" or event.time_status != item.get("time_status"):
            errors.append({"field": "events", "error": "time", "gold": item.get("id"),
                           "cue": item.get("cue"), "gold_date": item.get("date"),
                           "gold_status": item.get("time_status"), "got_date": event.time,
                           "got_status": event.time_status})
    for g, item in enumerate(gold):
        if g not in matched_gold and item.get("status") == "required":
            errors.append({"field": "events", "error": "missed", "gold": item.get("id"),
                           "type": item.get("type"), "cue": item.get("cue")})
    matched_system = {s for s, _ in pairs}
    for s, event in enumerate(events):
        if s not in matched_system:
            errors.append({"field": "events", "error": "false positive", "type": event.type,
                           "predicate": event.predicate,
                           "sentence": article.body[event.start : event.end][:160]})
    untyped = align(events, gold, article.body, same_type=False)
    counts["typed_pairs"] += len(untyped)
    counts["type_right"] += sum(events[s].type == gold[g].get("type") for s, g in untyped)
    return counts, errors


def figures(counts: Counter[str]) -> dict[str, Any]:
    """The ``events`` block of the gold scorer's result."""
    recall = ratio(counts["required_matched"], counts["required"])
    precision = ratio(counts["system_matched"], counts["system"])
    f1 = (2 * recall * precision / (recall + precision)
          if recall is not None and precision is not None and recall + precision else None)
    matched = counts["system_matched"]
    return {
        "recall": recall,
        "precision": precision,
        "f1": round(f1, 4) if f1 is not None else None,
        "type_accuracy": ratio(counts["type_right"], counts["typed_pairs"]),
        "actor_f1": round(counts["actor_f1_sum"] / 1000 / matched, 4) if matched else None,
        "sector_accuracy": ratio(counts["sector_right"], counts["sector"]),
        "date_accuracy": ratio(counts["date_right"], counts["date"]),
        "date_coarser": counts["date_coarser"],
        "time_status_accuracy": ratio(counts["time_status_right"], matched),
        "negation_accuracy": ratio(counts["negation_right"], matched),
        "location_accuracy": ratio(counts["location_right"], counts["location"]),
        # Of the system's events with a place (as written or resolved), those on the map.
        "coordinates_share": ratio(counts["placed_with_coordinates"], counts["placed"]),
        "required": counts["required"],
        "gold": counts["gold"],
        "system": counts["system"],
        "matched": matched,
    }


def happening_labels(
    doc: str, article: Article, gold: list[dict[str, Any]]
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """Gold and system happening labels of the gold events aligned (same type) to a system
    event, for pairwise scoring across documents: a gold event without a ``happening`` and a
    system event merged into none are each a happening of their own."""
    gold_labels: dict[tuple[str, str], str] = {}
    system_labels: dict[tuple[str, str], str] = {}
    for s, g in align(article.events, gold, article.body, same_type=True):
        item = (doc, str(gold[g].get("id", g)))
        gold_labels[item] = gold[g].get("happening") or f"{doc}#{item[1]}"
        system_labels[item] = article.events[s].happening or f"{doc}@{s}"
    return gold_labels, system_labels
