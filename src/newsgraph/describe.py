"""How records read to a person: the short forms the CLI's tables and the web pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# How many characters of an ISO date show a granularity: 2024-03-05, 2024-03, 2024.
DATE_WIDTH = {"time": 16, "day": 10, "month": 7, "year": 4}


def event_kind(row: dict[str, Any]) -> str:
    """Type and mode, with NOT for an act the text denies and MAYBE for one it supposes."""
    mark = "NOT " if row["negated"] else "MAYBE " if row["hypothetical"] else ""
    return f"{mark}{row['type']}{'/' + row['mode'] if row['mode'] else ''}"


def by_id(party: dict[str, Any]) -> str:
    """A party by its actor id when resolved, else as written (the CLI's terse form)."""
    return party["actor_id"] or party["text"]


def by_name(party: dict[str, Any]) -> str:
    """A party by its actor's name when resolved, else as written (for pages)."""
    return party.get("name") or party["text"]


def event_parties(row: dict[str, Any], name: Callable[[dict[str, Any]], str] = by_id) -> str:
    """Who did it to whom: actors → recipients, or actor ↔ actor for a symmetric act."""
    def names(parties: list[dict[str, Any]], separator: str = ", ") -> str:
        return separator.join(name(p) for p in parties)

    if row["symmetric"]:
        return names(row["actors"], " ↔ ")
    recipients = names(row["recipients"])
    return names(row["actors"]) + (f" → {recipients}" if recipients else "")


def event_date(row: dict[str, Any]) -> str:
    """The event's date at its granularity ("2024-03", "1950", "1950s"), else its interval
    (a day that rests on an inferred publication date spans that date's interval)."""
    earliest, latest = row["earliest"], row["latest"]
    if not earliest:
        return "undated"
    granularity = row["granularity"]
    width = DATE_WIDTH.get(granularity)
    if width and (not latest or latest[:width] == earliest[:width]):
        return earliest[:width].replace("T", " ")
    if granularity == "decade":
        return earliest[:3] + "0s"
    if not latest or latest[:10] == earliest[:10]:
        return earliest[:10]
    return f"{earliest[:10]}..{latest[:10]}"


def published_date(value: str | None, earliest: str | None, latest: str | None,
                   source: str | None) -> str:
    """A publication date as a reader must see it: a day the capture states alone, an
    inferred one with the interval the evidence allows and how it was found
    ("2024-06-19 [2024-06-18..2024-06-21] inferred"), an undated one as what is known."""
    if not value or value.startswith("X"):
        if earliest or latest:
            return f"undated [{earliest or '…'}..{latest or '…'}]"
        return "undated"
    if source == "metadata" and earliest == latest == value:
        return value
    if earliest == latest == value:
        return f"{value} {source}"
    return f"{value} [{earliest or '…'}..{latest or '…'}] {source}"


def claim_value(low: float | None, high: float | None, comparator: str | None) -> str:
    """A claim's figure with its comparator: "over 4", "3 billion–4.5 billion", "about 6"."""
    if low is None:
        return comparator or ""
    number = figure(low) if high in (None, low) else f"{figure(low)}–{figure(high)}"
    return f"{comparator} {number}" if comparator not in (None, "exact", "range") else number


def figure(value: float) -> str:
    """A number as a reader writes it: 12,500; 3.5 million; 4.5 billion."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.3g} {word}"
    return f"{value:,.10g}"
