"""Dating from the corpus on a realistic mixed feed: half the articles dated, half not.

The documents are real news captures whose text states its own publication date (a stamp
such as "PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM" above the body, read by
:mod:`newsgraph.ingest.stamps`): that date is the key. They go into one JSON Lines feed in
their order, every other one with its date as the record's ``published`` and the others with
their stamp lines taken out and no date, and the feed is ingested as a user's would be. The
undated half is then scored: the stored day right, the stored interval holding the true day,
an interval that excludes it (wrong, by confidence), and dates left unknown.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from newsgraph.eval.ecbplus import read_ecbplus
from newsgraph.ingest.text import clean_text
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.timex.published import parse_date

MAX_ERRORS = 30
CONFIDENCES = (0.9, 0.7, 0.5, 0.3)


def score_dating(directory: Path, split: str = "all") -> dict[str, Any]:
    """Figures for the undated half of a mixed feed of the ECB+ documents under
    ``directory`` (the ``split`` by topic) that state their own date."""
    records: list[dict[str, str]] = []
    truth = {}
    for document in read_ecbplus(directory, split=split):
        cleaned = clean_text(document.text)
        day = parse_date(cleaned.published_given)
        if day is None:
            continue  # its text does not state its date: no key
        url = f"https://doc.example/{document.id}"
        if len(records) % 2 == 0:
            records.append({"url": url, "text": document.text, "published": day.isoformat()})
        else:
            stamps = {d.text for d in cleaned.dropped if d.rule == "leading_metadata"}
            text = "\n".join(line for line in document.text.split("\n") if line not in stamps)
            records.append({"url": url, "text": text})
            truth[url] = day
    with tempfile.TemporaryDirectory() as scratch:
        feed = Path(scratch) / "feed.jsonl"
        feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        with Store(Path(scratch) / "d.db") as store:
            ingest([str(feed)], store)
            rows = [r for r in store.articles() if r["url"] in truth]
    return {"split": split, **_figures(rows, truth)}


def _figures(rows: list[dict[str, Any]], truth: dict[str, Any]) -> dict[str, Any]:
    files = len(rows)
    right = within = wrong = unknown = 0
    by_confidence = {f">={c}": {"files": 0, "wrong": 0} for c in CONFIDENCES}
    errors = []
    for row in rows:
        true = truth[row["url"]].isoformat()
        value = row["published"] if row["published"] and row["published"][:1] != "X" else None
        earliest, latest = row["published_earliest"], row["published_latest"]
        if value is None and earliest is None and latest is None:
            unknown += 1
            continue
        inside = (earliest or "0000") <= true <= (latest or "9999")
        right += value == true
        within += bool(value) and inside
        wrong += not inside
        for level in CONFIDENCES:
            if value and (row["published_confidence"] or 0) >= level:
                by_confidence[f">={level}"]["files"] += 1
                by_confidence[f">={level}"]["wrong"] += not inside
        if not inside and len(errors) < MAX_ERRORS:
            errors.append({"url": row["url"], "true": true, "published": row["published"],
                           "earliest": earliest, "latest": latest,
                           "confidence": row["published_confidence"],
                           "basis": row["published_basis"]})

    def share(count: int) -> float:
        return count / files if files else 0.0

    return {"undated_files": files, "day_accuracy": share(right),
            "within_accuracy": share(within), "wrong_rate": share(wrong),
            "unknown_rate": share(unknown), "by_confidence": by_confidence, "errors": errors}
