"""newsgraph as a system for the ECB+ scorer: ingest the documents, link them, report.

Each document goes through the same stages as an ingest, into a temporary store, in the order
given; linking then assigns stories and happenings exactly as after a real ingest. Event
offsets are mapped from the cleaned body back to the document's text (cleaning may take the
first line as a headline), by finding each event's sentence in the text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from newsgraph import settings
from newsgraph.eval.ecbplus import EcbDocument, SystemOutput
from newsgraph.ingest.identity import article_id, sha256
from newsgraph.link import link
from newsgraph.model import Article
from newsgraph.pipeline import DEFAULT_STAGES, process_chunk
from newsgraph.store import Store


def ecbplus_system(documents: list[EcbDocument]) -> SystemOutput:
    """Stories and happening-labelled event mentions for the given documents."""
    output = SystemOutput()
    by_source = {d.id: d for d in documents}
    with tempfile.TemporaryDirectory() as directory, Store(Path(directory) / "e.db") as store:
        for start in range(0, len(documents), settings.CHUNK_SIZE):
            chunk = [_article(d) for d in documents[start : start + settings.CHUNK_SIZE]]
            for result in process_chunk(chunk, DEFAULT_STAGES):
                if isinstance(result, Article):
                    store.save_article(result)
        link(store)
        for row in store.connection.execute(
            "SELECT a.source, s.story_id FROM article_story s JOIN article a"
            " ON a.id = s.article_id"):
            output.stories[row[0]] = row[1]
        for row in store.events(include_negated=True):
            source = store.connection.execute(
                "SELECT source FROM article WHERE id = ?", (row["article_id"],)).fetchone()[0]
            text = by_source[source].text
            at = text.find(row["text"].strip())
            if at < 0 or row["happening"] is None:
                continue
            shift = at - row["start"] - (len(row["text"]) - len(row["text"].lstrip()))
            output.events.append((source, row["predicate_start"] + shift,
                                  row["predicate_end"] + shift, row["happening"]))
    return output


def _article(document: EcbDocument) -> Article:
    raw_sha = sha256(document.text.encode("utf-8"))
    return Article(id=article_id(None, sha256(f"{document.id}\n".encode() + raw_sha.encode())),
                   source=document.id, format="txt", markup="text", raw=document.text,
                   raw_sha256=raw_sha, encoding="utf-8")
