"""Helpers the store's queries share: ids in batches for ``IN (...)``, and timestamps."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

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


def outlet_filter(where: list[str], params: list[Any], column: str, kind: str | None,
                  country: str | None) -> tuple[list[str], list[Any]]:
    """Add the terms that keep the rows whose article (id in ``column``) has an outlet
    profile of this kind and country."""
    given = {"outlet_kind": kind, "outlet_country": country.upper() if country else None}
    terms = [f"{name} = ?" for name, value in given.items() if value]
    if terms:
        where.append(f"{column} IN (SELECT id FROM article WHERE {' AND '.join(terms)})")
        params += [value for value in given.values() if value]
    return where, params
