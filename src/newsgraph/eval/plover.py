"""The ``plover`` scorer: event types and actors against PLOVER's gold standard records.

The GSR file (``PLOVER_GSR_CAMEO.txt``) is a JSON list of one-sentence records taken from the
CAMEO manual's examples and coded in PLOVER 0.5b1: ``event`` (type), ``mode``, ``context``,
``text``, ``date``, ``source`` (a list of ``{actorText, code, sector}``) and ``target`` (such
a list, or ``""``/a stray string/absent when there is none). Types are mapped to v2
(``DEMAND`` → ``REQUEST``, ...; see :func:`~newsgraph.events.ontology.legacy_type`); the
file's ``DOCUMENT`` header, ``INVESTIGATE`` records (no v2 type) and records without text are
left out. CAMEO actor codes are mapped to the project's (``JAP`` → ``JPN``).

Each record's sentence is run through the system on its own; the figures:

* ``type_accuracy``: records whose sentence yields an event of the gold type / records;
* ``actor_accuracy``: among records with an event of the gold type and a gold source that
  names a country (or IGO), those where that event's actors share a country part (before the
  dot) with the gold sources. A *symmetric* record (two or more sources, no target list) is
  compared as one set: the event's actors ∪ recipients against the sources, as the gold
  README's rule for the seeds says. The best event of the gold type is the one that gets the
  most of actor and recipient right;
* ``recipient_accuracy``: likewise for recipients, over records whose target is a non-empty
  list naming a country;
* ``false_positive_rate``: system events whose type is not the gold type / all system events
  (a GSR sentence is coded for one event, so another type there counts against the system,
  even where a second act is arguably present);
* ``coverage``: records with any event / records.

``type_accuracy_interval``, ``false_positive_rate_interval`` and ``coverage_interval`` are
their 95% bootstrap intervals over records: on a validation part of 55 records a point figure
moves by about ±0.1 by chance alone, and the interval says so beside it.

CAMEO's non-state codes without a country (``NGO``, ``IMG``: al-Qaeda) cannot be compared with
the project's codes, which code such groups by sector alone; they are left out of the actor
sets, and a side left empty is not scored.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph import settings
from newsgraph.eval.bootstrap import ratio_interval
from newsgraph.eval.matching import ratio
from newsgraph.eval.split import select
from newsgraph.events.ontology import EVENT_TYPES, has_country, legacy_type, project_code
from newsgraph.model import ActorCode, Event

Coder = Callable[[str, str | None], list[Event]]


@dataclass(slots=True)
class GoldRecord:
    """One scorable GSR record, in v2 type names and project actor codes."""

    id: str
    type: str  # v2 name
    legacy: str  # the type as the file writes it
    text: str
    date: str | None
    sources: list[str] = field(default_factory=list)  # project codes, "ISR.MIL"
    targets: list[str] = field(default_factory=list)
    symmetric: bool = False

    @property
    def source_countries(self) -> set[str]:
        return _countries(self.sources)

    @property
    def target_countries(self) -> set[str]:
        return _countries(self.targets)


def _countries(codes: Iterable[str | None]) -> set[str]:
    """Country parts (before the dot) of the codes that name a country or IGO."""
    return {ActorCode.parse(c).country for c in codes if c and has_country(c)}


def _codes(side: Any) -> list[str]:
    """Project codes of a GSR source/target field; empty unless it is a list of actors."""
    if not isinstance(side, list):
        return []
    codes = []
    for actor in side:
        if not isinstance(actor, dict) or not actor.get("code"):
            continue
        code = project_code(str(actor["code"]))
        # The GSR writes "***" for an unknown sector; a sector is kept only when it is one.
        sector = str(actor.get("sector") or "").strip()
        codes.append(f"{code}.{sector}" if sector.isalpha() else code)
    return codes


def record_key(raw: dict[str, Any]) -> str:
    """The id the blind split goes by: the record's own id, else its sentence. Unlike the
    record's place in the file, neither moves when records are added or left out."""
    return str(raw.get("id") or "").strip() or str(raw.get("text") or "").strip()


def read_gsr(path: Path, split: str = "all") -> tuple[list[GoldRecord], Counter[str]]:
    """The scorable records of ``split`` (decided by :func:`record_key`) of a GSR file, and
    how many of that split's records were left out, by reason."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of PLOVER records")
    for raw in data:
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: a record is not a JSON object: {str(raw)[:60]!r}")
    records: list[GoldRecord] = []
    skipped: Counter[str] = Counter()
    for raw in select(data, record_key, split):
        name = str(raw.get("event") or "")
        event_type = legacy_type(name) if name else None
        if event_type is None:
            skipped[name or "no event"] += 1
            continue
        text = str(raw.get("text") or "").strip()
        if not text:
            skipped["no text"] += 1
            continue
        source = raw.get("source")
        target = raw.get("target")
        has_target = isinstance(target, list) and bool(target)
        records.append(GoldRecord(
            id=str(raw.get("id") or f"record-{len(records)}"),
            type=event_type,
            legacy=name,
            text=text,
            date=raw.get("date") or None,
            sources=_codes(source),
            targets=_codes(target),
            symmetric=isinstance(source, list) and len(source) >= 2 and not has_target,
        ))
    return records, skipped


# -- running the system -------------------------------------------------------------------------


def pipeline_events(records: Sequence[GoldRecord]) -> list[list[Event]]:
    """The events the full default pipeline finds in each record's text, in record order.

    Records go through in chunks so spaCy batches them; a sentence the pipeline skips
    yields no events.
    """
    from newsgraph.ingest.identity import article_id, sha256
    from newsgraph.model import Article
    from newsgraph.pipeline import DEFAULT_STAGES, process_chunk

    found: dict[str, list[Event]] = {}
    for start in range(0, len(records), settings.CHUNK_SIZE):
        articles = []
        for index, record in enumerate(records[start : start + settings.CHUNK_SIZE], start):
            raw_sha = sha256(record.text.encode("utf-8"))
            articles.append(Article(
                id=article_id(None, raw_sha), source=f"gsr#{index}", format="txt",
                markup="text", raw=record.text, raw_sha256=raw_sha,
                published_given=record.date, encoding="utf-8",
            ))
        for result in process_chunk(articles, DEFAULT_STAGES):
            if isinstance(result, Article):
                found[result.source] = list(result.events)
    return [found.get(f"gsr#{index}", []) for index in range(len(records))]


# -- scoring -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    records: int = 0
    typed: int = 0  # records with an event of the gold type
    covered: int = 0  # records with any event
    actor_scored: int = 0
    actor_right: int = 0
    recipient_scored: int = 0
    recipient_right: int = 0
    events: int = 0
    false_positives: int = 0

    def figures(self) -> dict[str, Any]:
        return {
            "type_accuracy": ratio(self.typed, self.records),
            "actor_accuracy": ratio(self.actor_right, self.actor_scored),
            "recipient_accuracy": ratio(self.recipient_right, self.recipient_scored),
            "false_positive_rate": ratio(self.false_positives, self.events),
            "coverage": ratio(self.covered, self.records),
        }


def _party_countries(event: Event, *, recipients: bool) -> set[str]:
    parties = event.recipients if recipients else event.actors
    return _countries(p.code for p in parties)


def _actor_right(record: GoldRecord, event: Event) -> bool | None:
    """Whether the event's actors overlap the gold sources; None when gold gives no country."""
    gold = record.source_countries
    if not gold:
        return None
    system = _party_countries(event, recipients=False)
    if record.symmetric:
        system |= _party_countries(event, recipients=True)
    return bool(system & gold)


def _recipient_right(record: GoldRecord, event: Event) -> bool | None:
    gold = record.target_countries
    if not gold:
        return None
    return bool(_party_countries(event, recipients=True) & gold)


def _best(record: GoldRecord, events: list[Event]) -> tuple[Event, bool | None, bool | None]:
    """The event of the gold type that gets the most of actor and recipient right."""
    scored = [(e, _actor_right(record, e), _recipient_right(record, e)) for e in events]
    return max(scored, key=lambda s: (bool(s[1]) + bool(s[2]), bool(s[1])))


def _codes_of(event: Event) -> dict[str, list[str | None]]:
    return {"actors": [p.code for p in event.actors],
            "recipients": [p.code for p in event.recipients]}


def _intervals(rows: Sequence[tuple[int, int, int, int]]) -> dict[str, list[float]]:
    """95% bootstrap intervals of the three headline figures, resampling records."""
    typed, covered, events, wrong = (list(column) for column in zip(*rows, strict=True)) \
        if rows else ([], [], [], [])
    ones = [1] * len(rows)
    return {
        "type_accuracy_interval": ratio_interval(typed, ones),
        "false_positive_rate_interval": ratio_interval(wrong, events),
        "coverage_interval": ratio_interval(covered, ones),
    }


def score_plover(path: Path, code: Coder | None = None, *, split: str = "all") -> dict[str, Any]:
    """Score the system's events against the records of ``split`` of the GSR file at ``path``.

    ``code(text, date)`` returns the system's events for one sentence; by default the full
    pipeline runs over every selected record (batched). Returns the figures described in the
    module docstring, overall and per gold type, with ``errors`` listing misses, false
    positives and wrong actors or recipients.
    """
    records, skipped = read_gsr(path, split)
    if code is None:
        found = pipeline_events(records)
    else:
        found = [list(code(record.text, record.date)) for record in records]

    total = _Tally()
    per_type: dict[str, _Tally] = {}
    errors: list[dict[str, Any]] = []
    # per record: (typed, covered, events, false positives), for the bootstrap intervals
    rows: list[tuple[int, int, int, int]] = []
    for record, events in zip(records, found, strict=True):
        tallies = (total, per_type.setdefault(record.type, _Tally()))
        of_type = [e for e in events if e.type == record.type]
        others = [e for e in events if e.type != record.type]
        actor_ok = recipient_ok = None
        best = None
        if of_type:
            best, actor_ok, recipient_ok = _best(record, of_type)
        for tally in tallies:
            tally.records += 1
            tally.typed += bool(of_type)
            tally.covered += bool(events)
            tally.events += len(events)
            tally.false_positives += len(others)
            if actor_ok is not None:
                tally.actor_scored += 1
                tally.actor_right += actor_ok
            if recipient_ok is not None:
                tally.recipient_scored += 1
                tally.recipient_right += recipient_ok
        rows.append((int(bool(of_type)), int(bool(events)), len(events), len(others)))
        kinds = [kind for kind, wrong in (
            ("miss", not of_type), ("false positive", bool(others)),
            ("actor", actor_ok is False), ("recipient", recipient_ok is False),
        ) if wrong]
        if kinds:
            error: dict[str, Any] = {
                "id": record.id, "error": ", ".join(kinds), "gold": record.type,
                "text": record.text, "system": [e.type for e in events],
            }
            if best is not None and (actor_ok is False or recipient_ok is False):
                error["gold_actors"] = record.sources
                error["gold_recipients"] = record.targets
                error["system_parties"] = _codes_of(best)
            errors.append(error)

    order = {name: index for index, name in enumerate(EVENT_TYPES)}
    return {
        "split": split,
        "records": total.records,
        **total.figures(),
        **_intervals(rows),
        "skipped": dict(sorted(skipped.items())),
        "per_type": {
            name: {"records": tally.records, **tally.figures()}
            for name, tally in sorted(per_type.items(), key=lambda item: order[item[0]])
        },
        "errors": errors,
    }
