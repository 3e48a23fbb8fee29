"""Helpers the store's queries share: ids in batches for ``IN (...)``, and timestamps."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

BATCH = 500  # ids per IN (...) query: few queries, well under SQLite's parameter limit


def batches(ids: Sequence[str]) -> Iterator[list[str]]:
    """``ids`` in slices of :data:`BATCH`, one query each."""
    for start in range(0, len(ids), BATCH):
        yield list(ids[start : start + BATCH])


def marks(values: Sequence[object]) -> str:
    """SQL: one ``?`` per value, for ``IN (...)``."""
    return ", ".join("?" * len(values))


def now_iso() -> str:
    """The current UTC time, to the second: when a record was written."""
    return datetime.now(UTC).isoformat(timespec="seconds")
