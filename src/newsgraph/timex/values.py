"""A resolved date: its TimeML value, granularity and interval, and how to build one.

The resolver decides *which* day, month or quarter an expression means; this module knows how
each of those is written in TimeML ("2023-W30", "2023-Q2", "194X") and which inclusive interval
of days it covers, so that the two concerns stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.timex import dates as cal
from newsgraph.timex.lexicon import time_lexicon


@dataclass(slots=True)
class Resolved:
    """A resolved DATE or TIME: its TimeML value, granularity and inclusive interval."""

    value: str
    granularity: str
    earliest: date | None = None
    latest: date | None = None
    anchor: str = "absolute"
    time: str | None = None  # "T02:20" / "TMO" suffix of a TIME value


def day_value(day: date, anchor: str) -> Resolved:
    return Resolved(day.isoformat(), "day", day, day, anchor)


def year_value(year: int, anchor: str = "absolute") -> Resolved:
    if not 1 <= year <= 9999:
        return Resolved(f"{year:04d}"[-4:], "year", anchor=anchor)
    first, last = cal.year_bounds(year)
    return Resolved(f"{year:04d}", "year", first, last, anchor)


def month_value(year: int, month: int, anchor: str = "absolute") -> Resolved:
    first, last = cal.month_bounds(year, month)
    return Resolved(f"{year:04d}-{month:02d}", "month", first, last, anchor)


def quarter_value(year: int, quarter: int, anchor: str) -> Resolved:
    first, last = cal.quarter_bounds(year, quarter)
    return Resolved(f"{year:04d}-Q{quarter}", "quarter", first, last, anchor)


def week_value(day: date, anchor: str, weekend: bool = False) -> Resolved:
    if weekend:
        first, last = cal.weekend_bounds(day)
        return Resolved(cal.iso_week_value(day) + "-WE", "week", first, last, anchor)
    first, last = cal.week_bounds(day)
    return Resolved(cal.iso_week_value(day), "week", first, last, anchor)


TENSE_WINDOW_DAYS = 240
"""How far from the anchor tense may push a year-less date; beyond, the nearest one wins."""


def choose(candidates: list[date], anchor: date, direction: str | None) -> date:
    """Among occurrences around the anchor: by tense, else the nearest (ties to the past).

    Tense only decides within :data:`TENSE_WINDOW_DAYS`: news leaves out the year of dates in
    the recent past or the coming months, so "was signed on March 12", written in February,
    is not the March of eleven months ago.
    """
    if direction == "future":
        ahead = [c for c in candidates if c >= anchor]
        if ahead and (min(ahead) - anchor).days <= TENSE_WINDOW_DAYS:
            return min(ahead)
    elif direction == "past":
        behind = [c for c in candidates if c <= anchor]
        if behind and (anchor - max(behind)).days <= TENSE_WINDOW_DAYS:
            return max(behind)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def season_occurrence(year: int, code: str) -> Resolved:
    months = time_lexicon().season_months[code]
    first, last = cal.season_bounds(year, months)
    return Resolved(f"{year:04d}-{code}", "season", first, last)


def holiday_dates(name: str, year: int) -> list[date]:
    out = []
    for spec in time_lexicon().holidays.get(name, []):
        if "easter" in spec:
            out.append(cal.easter(year) + timedelta(days=spec["easter"]))
        elif "nth" in spec:
            day = cal.nth_weekday(year, spec["month"], spec["weekday"], spec["nth"])
            out.append(day + timedelta(days=spec.get("plus_days", 0)))
        elif (fixed := cal.safe_date(year, spec["month"], spec["day"])) is not None:
            out.append(fixed)
    return out


def unit_at(day: date, unit: str, anchor: str) -> Resolved:
    """The calendar unit containing ``day``, as a resolved value."""
    if unit in ("day", "night", "morning", "afternoon", "evening"):
        return day_value(day, anchor)
    if unit == "week" or unit == "fortnight":
        return week_value(day, anchor)
    if unit == "weekend":
        return week_value(day, anchor, weekend=True)
    if unit == "month":
        return month_value(day.year, day.month, anchor)
    if unit in ("quarter", "quarter_year"):
        return quarter_value(day.year, cal.quarter_of(day), anchor)
    if unit == "decade":
        first, last = cal.span_bounds(day.year - day.year % 10, 10)
        return Resolved(f"{day.year // 10:03d}X", "decade", first, last, anchor)
    if unit == "century":
        first, last = cal.span_bounds(day.year - day.year % 100, 100)
        return Resolved(f"{day.year // 100:02d}XX", "century", first, last, anchor)
    return year_value(day.year, anchor)


_UNKNOWN = {"day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX",
            "quarter_year": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX",
            "hour": "XXXX-XX-XX", "minute": "XXXX-XX-XX", "second": "XXXX-XX-XX",
            "fortnight": "XXXX-WXX"}


_GRANULARITY = {"night": "day", "weekend": "week", "fortnight": "week", "quarter_year": "quarter",
                "hour": "day", "minute": "day", "second": "day"}


def unknown(unit: str | None) -> Resolved:
    unit = unit or "day"
    return Resolved(_UNKNOWN.get(unit, "XXXX-XX-XX"), _GRANULARITY.get(unit, unit))


def copy_as(resolved: Resolved, anchor: str) -> Resolved:
    return Resolved(resolved.value, resolved.granularity, resolved.earliest, resolved.latest,
                    anchor)


def year_back(resolved: Resolved, anchor: str) -> Resolved:
    """The same quarter (or half, month...) one year earlier: "the year-ago quarter"."""
    value = resolved.value
    year = int(value[:4]) - 1
    first = cal.shift(resolved.earliest, "year", -1) if resolved.earliest else None
    last = cal.shift(resolved.latest, "year", -1) if resolved.latest else None
    return Resolved(f"{year:04d}{value[4:]}", resolved.granularity, first, last, anchor)


_ORDER = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "century")


def finer(granularity: str, unit: str) -> bool:
    """Whether ``unit`` is finer than what the reference knows (the "same day" of a month)."""
    unit = {"night": "day", "morning": "day", "weekend": "week"}.get(unit, unit)
    if granularity not in _ORDER or unit not in _ORDER:
        return False
    return _ORDER.index(unit) < _ORDER.index(granularity)
