"""The gold README's matching rules, implemented once for every scorer."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "′": "'"})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed, curly quotes straightened."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text).strip()


def contains(haystack: str, needle: str) -> bool:
    return normalize(needle) in normalize(haystack)


def ratio(hits: int, total: int) -> float | None:
    """hits/total, or None when there is nothing to count (never a made-up 0 or 1)."""
    return hits / total if total else None


_POD = re.compile(r"T(?:MO|AF|EV|NI|DT|MI)$")
_HOUR_ONLY = re.compile(r"T(\d{2})$")
_SECONDS = re.compile(r"(T\d{2}:\d{2}):00$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_UNIT_FACTORS = {"E": ("Y", 10), "C": ("Y", 100), "L": ("Y", 1000), "Q": ("M", 3)}
_DURATION = re.compile(r"^P(\d+|X)([ECLQ])$")
_PADDING = re.compile(r"[X-]+$")


def canonical_value(value: str | None) -> str:
    """A TimeML value in one spelling per meaning, for comparing system and gold values.

    * trailing X's go (TimeML pads unknown digits: ``194X`` = ``194``, ``19XX`` = ``19``), and
      with them the separators between them (``1997-XX-XX`` = ``1997``, ``1989-WXX`` =
      ``1989-W``);
    * a part of day is dropped after a date (``2023-07-26TMO`` = ``2023-07-26``): TimeBank
      annotates "Friday night" both ways, and TempEval-3 scored the date part;
    * clock times are written HH:MM (``T17`` = ``T17:00``, ``T17:00:00`` = ``T17:00``,
      ``T24:00`` kept: midnight);
    * ISO weeks have two digits (``2000-W7`` = ``2000-W07``) and, like a week written as an
      interval of dates, become that interval (``2023-W30`` = ``2023-07-24/2023-07-30``);
    * duration units without their own ISO letter become years or months (``P1E`` = ``P10Y``,
      ``P1C`` = ``P100Y``, ``P2L`` = ``P2000Y``, ``P2Q`` = ``P6M``; vague ones alike:
      ``PXE`` = ``PXY``, ``PXQ`` = ``PXM``).
    """
    text = (value or "").strip().upper()
    if not text:
        return ""
    text = _POD.sub("", text)
    text = _HOUR_ONLY.sub(r"T\1:00", text)
    text = _SECONDS.sub(r"\1", text)
    duration = _DURATION.match(text)
    if duration:
        unit, factor = _UNIT_FACTORS[duration.group(2)]
        amount = duration.group(1)
        text = f"P{int(amount) * factor if amount != 'X' else 'X'}{unit}"
    week = _WEEK.match(text)
    if week:
        text = _week_interval(int(week.group(1)), int(week.group(2)))
    return _PADDING.sub("", text) or text


def _week_interval(year: int, week: int) -> str:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return f"{year:04d}-W{week:02d}"
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def within(value: str | None, earliest: str | None, latest: str | None) -> bool:
    """Whether an ISO date lies inside inclusive ISO bounds (an open bound admits anything)."""
    if not value or value.startswith("X"):
        return False
    day = value[:10]
    return (earliest is None or earliest[:10] <= day) and (latest is None or day <= latest[:10])
