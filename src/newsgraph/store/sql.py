"""Helpers the store's queries share: ids in batches for ``IN (...)``, timestamps, and the
filters several listings take (an outlet's profile, an event's place)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from newsgraph.filters import Box, Point
from newsgraph.places.gazetteer import distance_km

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


def place_filter(where: list[str], params: list[Any], column: str, *, near: Point | None,
                 within: float, bbox: Box | None,
                 country: str | None) -> tuple[list[str], list[Any]]:
    """Add the terms that keep the rows whose place (id in ``column``) lies within ``within``
    km of ``near``, inside ``bbox`` and in ``country``: rows with no place drop out.

    The distance is the SQL function :func:`sql_distance_km` (the store registers it); a box
    around the circle first lets SQLite skip the far places without computing it."""
    terms: list[str] = []
    if near is not None:
        lat, lon = near
        spread = within / 111.2  # degrees of latitude per km; longitude's shrink with cos(lat)
        terms.append("latitude BETWEEN ? AND ?")
        params += [lat - spread, lat + spread]
        cos = math.cos(math.radians(lat))
        if cos * 180 > spread:  # not at a pole, nor wider than the world
            west, east = _wrapped(lon - spread / cos), _wrapped(lon + spread / cos)
            terms.append(_longitude_between(west, east))
            params += [west, east]
        terms.append("distance_km(latitude, longitude, ?, ?) <= ?")
        params += [lat, lon, within]
    if bbox is not None:
        terms += ["latitude BETWEEN ? AND ?", _longitude_between(bbox.west, bbox.east)]
        params += [bbox.south, bbox.north, bbox.west, bbox.east]
    if country:
        terms.append("country = ?")
        params.append(country.upper())
    if terms:
        where.append(f"{column} IN (SELECT id FROM place WHERE {' AND '.join(terms)})")
    return where, params


def sql_distance_km(lat1: float | None, lon1: float | None, lat2: float,
                    lon2: float) -> float | None:
    """SQL's ``distance_km(lat, lon, lat, lon)``: NULL for a place with no point."""
    if lat1 is None or lon1 is None:
        return None
    return distance_km((lat1, lon1), (lat2, lon2))


def _wrapped(longitude: float) -> float:
    return (longitude + 180) % 360 - 180


def _longitude_between(west: float, east: float) -> str:
    """SQL keeping longitudes from ``west`` eastwards to ``east`` (two ``?``, for them),
    across the 180th meridian when ``west`` > ``east``."""
    return ("longitude BETWEEN ? AND ?" if west <= east
            else "(longitude >= ? OR longitude <= ?)")
