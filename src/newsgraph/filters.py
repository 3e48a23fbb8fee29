"""The parameters a user may pass to a listing, declared once for the CLI, the API and the pages.

Each check takes the text a user typed and returns the value the store is asked with, or
raises :class:`ValueError` saying what the parameter accepts. The CLI wraps the checks in click
types (``cli.py``), the API and the pages in FastAPI query types (``web/params.py``), so a bad
date, an unknown event type, a number past what SQLite can hold or a 50,000-character id is
refused the same way in all three faces, naming the parameter, instead of a traceback, a 500
or an empty answer.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NamedTuple

from newsgraph import settings
from newsgraph.events.ontology import EVENT_TYPES

# Free-text filters (a search, an actor's name, an outlet): longer is no one's query, and
# SQLite refuses LIKE patterns over 50,000 bytes.
MAX_TEXT_CHARS = 200
# Ids and id prefixes: an article id has 16 characters, a happening's a few more.
MAX_ID_CHARS = 64
# Offsets and minimum counts: any real store has fewer rows; SQLite's integers end at 2**63.
MAX_COUNT = 10**9
TIME_STATUSES = ("current", "historical", "future", "undecided")
ORDERS = ("text", "time")
# Half the Earth's circumference: no two points are farther apart.
MAX_KM = 20_038.0
_NUMBER = r"\s*(-?\d+(?:\.\d+)?)\s*"
_POINT = re.compile(f"{_NUMBER},{_NUMBER}")
_BBOX = re.compile(",".join([_NUMBER] * 4))

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2}))?)?)?)?)?")
DATE_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]"


def iso_date(value: str) -> str:
    """A date as ISO 8601 writes it, at any granularity from a year to a second, that exists
    on the calendar ("2024-02-30" does not)."""
    match = _ISO.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"{value!r} is not a date: use {DATE_FORMS}")
    year, month, day, hour, minute, second = (int(part) if part else None
                                              for part in match.groups())
    try:
        if hour is not None:
            datetime(year, month or 1, day or 1, hour, minute or 0, second or 0)  # type: ignore[arg-type]
        else:
            date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError as error:
        raise ValueError(f"{value!r} is not a date on the calendar ({error})") from error
    return match.group(0)


def event_type(value: str) -> str:
    """One of PLOVER's event types, in any case."""
    upper = value.strip().upper()
    if upper not in EVENT_TYPES:
        raise ValueError(f"unknown event type {value!r}; types: {', '.join(EVENT_TYPES)}")
    return upper


def text(value: str) -> str:
    """Free text of at most :data:`MAX_TEXT_CHARS` characters."""
    return _bounded(value, MAX_TEXT_CHARS, "text")


def identifier(value: str) -> str:
    """An id or a prefix of one, at most :data:`MAX_ID_CHARS` characters."""
    return _bounded(value, MAX_ID_CHARS, "an id")


def _bounded(value: str, most: int, what: str) -> str:
    if len(value) > most:
        raise ValueError(f"{what} of {len(value)} characters; at most {most}")
    return value


class Point(NamedTuple):
    """A point on the map, in decimal degrees."""

    latitude: float
    longitude: float


class Box(NamedTuple):
    """A bounding box in GeoJSON's order; ``west`` > ``east`` when it crosses the 180th
    meridian (Fiji, the Bering Strait)."""

    west: float
    south: float
    east: float
    north: float


def point(value: str) -> Point:
    """``LAT,LON`` in decimal degrees, or a place the gazetteer knows (its id or its name; of
    several places so called, the largest): the centre ``--near`` measures from."""
    match = _POINT.fullmatch(value)
    if match:
        return _checked_point(float(match.group(1)), float(match.group(2)), value)
    from newsgraph.places.gazetteer import default_gazetteer  # the gazetteer only when asked

    place = default_gazetteer().find(_bounded(value, MAX_TEXT_CHARS, "a place"))
    if place is None or place.latitude is None or place.longitude is None:
        raise ValueError(f"no place called {value!r} in the gazetteer: "
                         "give its name, its id or LAT,LON")
    return Point(place.latitude, place.longitude)


def nearness(near: Point | None, within: float | None) -> float:
    """The radius ``near`` is measured with: ``within``, else the default
    (:data:`newsgraph.settings.NEAR_KM`); a radius without a centre is refused."""
    if within is not None and near is None:
        raise ValueError("within needs near: the place it measures from")
    return settings.NEAR_KM if within is None else within


def kilometres(value: str) -> float:
    """A distance in kilometres, above 0 and at most half the Earth's circumference."""
    try:
        km = float(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a number of kilometres") from None
    if not 0 < km <= MAX_KM:
        raise ValueError(f"{value!r}: a distance above 0 and at most {MAX_KM:,.0f} km")
    return km


def box(value: str) -> Box:
    """``WEST,SOUTH,EAST,NORTH`` in decimal degrees (GeoJSON's bbox order)."""
    match = _BBOX.fullmatch(value)
    if match is None:
        raise ValueError(f"{value!r} is not a box: use WEST,SOUTH,EAST,NORTH in degrees")
    west, south, east, north = map(float, match.groups())
    _checked_point(south, west, value)
    _checked_point(north, east, value)
    if south > north:
        raise ValueError(f"{value!r}: the south edge is north of the north edge")
    return Box(west, south, east, north)


def country(value: str) -> str:
    """A country as its ISO 3166-1 alpha-3 code, given that code, its alpha-2 code or a name
    the knowledge base knows ("DPRK", "North Korea", "KP" and "prk" are PRK); any other
    three letters are taken as a code, as the knowledge base's former states (SUN) are."""
    from newsgraph.places.gazetteer import default_gazetteer  # the gazetteer only when asked

    given = _bounded(value.strip(), MAX_TEXT_CHARS, "a country")
    found = default_gazetteer().find(given, kinds=("country",))
    if found is not None:
        return found.id
    if re.fullmatch(r"[A-Za-z]{3}", given):  # a code ISO lacks: a former state (SUN), a group
        return given.upper()
    raise ValueError(f"unknown country {value!r}: give its ISO 3166 code or its name")


def _checked_point(latitude: float, longitude: float, value: str) -> Point:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"{value!r}: latitude runs from -90 to 90, longitude from -180 to 180")
    return Point(latitude, longitude)
