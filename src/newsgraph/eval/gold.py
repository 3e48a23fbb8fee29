"""The ``gold`` scorer: the project's hand-made keys (``shared/gold/*.json``).

Each document of the key is read from DOCS_DIR with the same readers and stages as an ingest,
then every field the pipeline produces so far is scored by the rules of the gold README.
Fields: ``body`` (starts/ends as the key says, no boilerplate left, headline taken as title).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.eval.matching import contains, normalize, ratio
from newsgraph.ingest.readers import read_file
from newsgraph.model import Article, Skip
from newsgraph.pipeline import DEFAULT_STAGES, process_chunk


def load_key(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else data.get("documents", [])


def process_document(path: Path) -> Article | Skip:
    """The document as an ingest would store it (first article of the file)."""
    for item in read_file(path):
        if isinstance(item, Skip):
            return item
        return process_chunk([item], DEFAULT_STAGES)[0]
    return Skip(str(path), "no article in file")


def score_gold(key_path: Path, docs_dir: Path) -> dict[str, Any]:
    key = load_key(key_path)
    errors: list[dict[str, Any]] = []
    body = {"documents": 0, "starts": 0, "ends": 0, "boilerplate_free": 0, "correct": 0}
    for entry in key:
        result = process_document(docs_dir / entry["doc"])
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
        "documents": len(key),
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
