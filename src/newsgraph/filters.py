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

