"""Exports: every record kind to JSON Lines or CSV, with the CLI's filters."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from newsgraph.store import Store

FORMATS = ("jsonl", "csv")


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


KINDS = ("articles", "mentions", "actors", "quotes", "claims", "sentences", "dropped")


def write(rows: Iterator[dict[str, Any]], fmt: str, stream: TextIO) -> int:
    """Write rows in ``fmt``; return how many were written."""
    count = 0
    if fmt == "jsonl":
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


def _cell(value: Any) -> Any:
    """Lists and records (an actor's roles) go into a CSV cell as JSON."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
