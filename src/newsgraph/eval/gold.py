"""The ``gold`` scorer: the project's hand-made keys (``shared/gold/*.json``).

Each document of the key is read from DOCS_DIR with the same readers and stages as an ingest,
then every field the pipeline produces so far is scored by the rules of the gold README.
Fields: ``body`` (starts/ends as the key says, no boilerplate left), ``publication_date``
(share of documents whose inferred date lies within the gold bounds), ``timexes`` (share of
gold expressions normalized to the gold value, matched by order of occurrence of the same text)
``entities`` (gold surface occurrences resolved to the right actor; people's office at the
article's date), ``events`` (the Events rules, :mod:`.events`), ``story`` (B³ of the linker's
stories against the documents' ``story`` labels), ``happenings`` (pairwise F1 of merged events
against the events' ``happening`` labels, over gold events aligned to a system event),
``quotes`` and ``claims``
(the Quotes and Claims rules, :mod:`.speech`; only
documents whose key has that list count, so an unannotated document adds no false positives).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgraph.actors import default_kb
from newsgraph.actors.resolve import resolve_mentions
from newsgraph.eval.clusters import b_cubed, pairwise
from newsgraph.eval.entities import actor_mapping, score_entities
from newsgraph.eval.events import figures as event_figures
from newsgraph.eval.events import happening_labels, score_events
from newsgraph.eval.matching import canonical_value, contains, normalize, ratio, within
from newsgraph.eval.speech import score_claims, score_quotes
from newsgraph.eval.split import select
from newsgraph.ingest.readers import read_file
from newsgraph.link import link
from newsgraph.model import Article, Event, Skip
from newsgraph.pipeline import DEFAULT_STAGES, date_from_corpus, process_chunk
from newsgraph.places.gazetteer import default_gazetteer
from newsgraph.places.locate import context_countries, resolve_place
from newsgraph.store import Store


def load_key(path: Path, split: str = "all") -> list[dict[str, Any]]:
    """The key's entries of the documents of ``split``, decided by each entry's ``doc`` name."""
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data if isinstance(data, list) else data.get("documents", [])
    return select(entries, lambda entry: entry["doc"], split)


def process_document(path: Path) -> Article | Skip:
    """The document as an ingest would store it (first article of the file)."""
    for item in read_file(path):
        if isinstance(item, Skip):
            return item
        return process_chunk([item], DEFAULT_STAGES)[0]
    return Skip(str(path), "no article in file")


def score_gold(key_path: Path, docs_dir: Path, *, split: str = "all") -> dict[str, Any]:
    """Every field of the key's documents of ``split`` (see the module docstring). Only those
    documents are ingested, so they date each other and form stories as a corpus of their own:
    the other part's documents must not lend them dates or links."""
    key = load_key(key_path, split)
    errors: list[dict[str, Any]] = []
    body = {"documents": 0, "starts": 0, "ends": 0, "boilerplate_free": 0, "correct": 0}
    dates = {"documents": 0, "within": 0}
    timexes = {"gold": 0, "found": 0, "right": 0}
    entities: Counter[str] = Counter()
    quotes: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    events: Counter[str] = Counter()
    results = {entry["doc"]: process_document(docs_dir / entry["doc"]) for entry in key}
    _as_a_corpus(results)
    stories: tuple[dict[str, str], dict[str, str]] = ({}, {})
    happenings: tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]] = ({}, {})
    for entry in key:
        result = results[entry["doc"]]
        if isinstance(result, Article):
            if entry.get("publication_date"):
                dates["documents"] += 1
                dates["within"] += _score_date(result, entry, errors)
            for name, count in _score_timexes(result, entry.get("timexes", []), errors).items():
                timexes[name] += count
            if entry.get("entities"):
                entities.update(_score_entities(result, entry, errors))
        _score_speech(result, entry, quotes, claims, errors)
        if "events" in entry:
            article = result if isinstance(result, Article) else _empty(entry["doc"])
            counts, found = score_events(article, entry["events"] or [], place_rule(article))
            events.update(counts)
            errors.extend({"doc": entry["doc"], **e} for e in found)
            for ours, theirs in zip(happenings, happening_labels(
                    entry["doc"], article, entry["events"] or []), strict=True):
                ours.update(theirs)
        if entry.get("story"):
            stories[0][entry["doc"]] = entry["story"]
            stories[1][entry["doc"]] = (result.story if isinstance(result, Article)
                                        else None) or f"unlinked:{entry['doc']}"
        gold_body = entry.get("body")
        if gold_body is None:
            continue
        body["documents"] += 1
        if isinstance(result, Skip):
            errors.append({"doc": entry["doc"], "field": "body", "error": result.reason})
            continue
        checks = body_checks(result, gold_body)
        for name, passed in checks.items():
            body[name] += passed
            if not passed:
                errors.append({"doc": entry["doc"], "field": "body", "error": f"{name} failed",
                               "got_start": result.body[:80], "got_end": result.body[-80:]})
        body["correct"] += all(checks.values())
    return {
        "split": split,
        "documents": len(key),
        "publication_date": {
            "accuracy": ratio(dates["within"], dates["documents"]),
            "documents": dates["documents"],
        },
        "timexes": {
            "value_accuracy": ratio(timexes["right"], timexes["gold"]),
            "recall": ratio(timexes["found"], timexes["gold"]),
            "gold": timexes["gold"],
        },
        "entities": {
            "accuracy": ratio(entities["correct"], entities["occurrences"]),
            "role_accuracy": ratio(entities["offices_correct"], entities["offices"]),
            "occurrences": entities["occurrences"],
            "people_with_office": entities["offices"],
        },
        "quotes": {
            "recall": ratio(quotes["matched"], quotes["gold"]),
            "precision": ratio(quotes["matched"], quotes["system"]),
            "speaker_accuracy": ratio(quotes["speaker_right"], quotes["matched"]),
            "kind_accuracy": ratio(quotes["kind_right"], quotes["matched"]),
            "gold": quotes["gold"],
            "system": quotes["system"],
            "matched": quotes["matched"],
        },
        "claims": {
            "recall": ratio(claims["required_matched"], claims["required"]),
            "precision": ratio(claims["system_matched"], claims["system"]),
            "value_accuracy": ratio(claims["value_right"], claims["value"]),
            "comparator_accuracy": ratio(claims["comparator_right"], claims["comparator"]),
            "unit_accuracy": ratio(claims["unit_right"], claims["unit"]),
            "hedge_accuracy": ratio(claims["hedge_right"], claims["hedge"]),
            "required": claims["required"],
            "gold": claims["gold"],
            "system": claims["system"],
            "matched": claims["system_matched"],
        },
        "events": event_figures(events),
        "story": dict(zip(("b3_precision", "b3_recall", "b3_f1"), b_cubed(*stories),
                          strict=True)) | {"documents": len(stories[0])},
        "happenings": dict(zip(("pairwise_precision", "pairwise_recall", "pairwise_f1"),
                               pairwise(*happenings), strict=True))
                      | {"aligned_events": len(happenings[0])},
        "body": {
            "accuracy": ratio(body["correct"], body["documents"]),
            "starts_accuracy": ratio(body["starts"], body["documents"]),
            "ends_accuracy": ratio(body["ends"], body["documents"]),
            "boilerplate_free": ratio(body["boilerplate_free"], body["documents"]),
        },
        "errors": errors,
    }


def body_checks(article: Article, gold: dict[str, Any]) -> dict[str, bool]:
    """The three body checks of a gold key, on normalized text."""
    text = normalize(article.body)
    return {
        "starts": text.startswith(normalize(gold.get("starts_with", ""))),
        "ends": text.endswith(normalize(gold.get("ends_with", ""))),
        "boilerplate_free": not any(contains(article.body, b) for b in gold.get("boilerplate", [])),
    }


def _as_a_corpus(results: dict[str, Article | Skip]) -> None:
    """Store the key's documents together, as an ingest of them would: they date each other
    from the corpus and are linked into stories and happenings; read back with all of it."""
    articles = [r for r in results.values() if isinstance(r, Article)]
    with tempfile.TemporaryDirectory() as directory, Store(Path(directory) / "g.db") as store:
        for article in articles:
            store.save_article(article)
        date_from_corpus(store)
        link(store)
        for name, result in results.items():
            if isinstance(result, Article):
                results[name] = store.load_article(result.id)


def _score_date(article: Article, entry: dict[str, Any], errors: list[dict[str, Any]]) -> bool:
    gold = entry["publication_date"]
    got = article.published.value if article.published else None
    right = within(got, gold.get("earliest") or gold["value"], gold.get("latest") or gold["value"])
    if not right:
        errors.append({"doc": entry["doc"], "field": "publication_date", "gold": gold["value"],
                       "got": got, "basis": article.published.basis if article.published else ""})
    return right


def _score_timexes(
    article: Article, gold: list[dict[str, Any]], errors: list[dict[str, Any]]
) -> dict[str, int]:
    """The k-th gold expression with a text matches the k-th system expression with it."""
    by_text: dict[str, list[str | None]] = defaultdict(list)
    for expr in article.timexes:
        by_text[normalize(expr.text)].append(expr.value)
    seen: dict[str, int] = defaultdict(int)
    counts = {"gold": 0, "found": 0, "right": 0}
    for item in gold:
        text = normalize(item["text"])
        index = seen[text]
        seen[text] += 1
        counts["gold"] += 1
        values = by_text.get(text, [])
        got = values[index] if index < len(values) else None
        counts["found"] += index < len(values)
        if canonical_value(got) == canonical_value(item.get("value")) and got is not None:
            counts["right"] += 1
        else:
            errors.append({"doc": Path(article.source).name, "field": "timexes",
                           "text": item["text"], "gold": item.get("value"), "got": got})
    return counts


def _score_entities(
    article: Article, entry: dict[str, Any], errors: list[dict[str, Any]]
) -> Counter[str]:
    """Resolve the article's mentions (at its publication date) and count by the gold rule."""
    kb = default_kb()
    published_day = article.published.value if article.published else None
    resolved = resolve_mentions(article.body, article.mentions, published_day, kb,
                                tokens=article.tokens)
    actors = {a.id: a for a in resolved.new_actors}
    for mention in resolved:
        if mention.actor_id and mention.actor_id not in actors:
            actor = kb.actor(mention.actor_id)
            if actor is not None:
                actors[mention.actor_id] = actor
    counts = score_entities(article.body, resolved, actors, entry["entities"], published_day)
    for miss in [*counts.pop("misses", []), *counts.pop("role_misses", [])]:
        errors.append({"doc": entry["doc"], "field": "entities", **miss})
    return Counter({k: v for k, v in counts.items() if isinstance(v, int)})


def _empty(doc: str) -> Article:
    """Stands for a skipped document: its gold items all count as missed."""
    return Article(id=doc, source=doc, format="txt", markup="text", raw="", raw_sha256="")


def place_rule(article: Article) -> Callable[[Event, str], bool]:
    """The events rule for places in ``article``: the gold place, resolved through the
    gazetteer as the events stage resolves a mention (the knowledge base's actor first, then
    the article's countries settle a shared name), is the system's place or contains it (a
    city inside its region or country). A gold place the gazetteer lacks must be the
    system's words, normalized."""
    kb, gazetteer = default_kb(), default_gazetteer()
    places = {place.id: place for place in article.places}
    context = context_countries(article)

    def same_place(event: Event, gold_location: str) -> bool:
        hits = kb.lookup(gold_location)
        gold = resolve_place(gazetteer, gold_location, kb.actor(hits[0].entry) if hits else None,
                             context)
        if gold is None:
            return event.location is not None and (normalize(event.location)
                                                   == normalize(gold_location))
        ours = places.get(event.place_id or "")
        return ours is not None and gazetteer.contains(gold, ours)

    return same_place


def _score_speech(result: Article | Skip, entry: dict[str, Any], quotes: Counter[str],
                  claims: Counter[str], errors: list[dict[str, Any]]) -> None:
    """Quotes and claims of one document, where its key lists them. A skipped document still
    counts its gold items, all missed. Speakers map to gold ids through the article's own
    resolved mentions, the ones the extractor took its speakers' actors from."""
    if "quotes" not in entry and "claims" not in entry:
        return
    article = result if isinstance(result, Article) else _empty(entry["doc"])
    if "quotes" in entry:
        resolved = [m for m in article.mentions if m.actor_id]
        mapping = actor_mapping(article.body, resolved, entry.get("entities") or [])
        counts, found = score_quotes(article, entry["quotes"] or [], mapping)
        quotes.update(counts)
        errors.extend({"doc": entry["doc"], **e} for e in found)
    if "claims" in entry:
        counts, found = score_claims(article, entry["claims"] or [])
        claims.update(counts)
        errors.extend({"doc": entry["doc"], **e} for e in found)
