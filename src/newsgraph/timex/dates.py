"""Calendar arithmetic the resolver needs: bounds of weeks, quarters, seasons, decades; shifts.

Kept apart from the resolver so that the rules there read as "the week before the anchor" rather
than as date arithmetic, and so that this part can be tested on its own.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Interval = tuple[date, date]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# The years a date may anchor anything in: no news is dated outside them, and the calendar
# arithmetic around an anchor (the week around a day, a story's window) needs room both sides.
NEWS_YEARS = range(1000, 9000)


def iso_day(value: str | None) -> date | None:
    """The day an ISO date or date-time starts with ("2023-07-26", "2023-07-26T09:30Z");
    None for none, a partial one ("2023-07", "XXXX-07-26") or one not on the calendar.

    The one reader of the ISO values the stages, the store and the knowledge base write, so
    that they all agree which values are days; policies such as :data:`NEWS_YEARS` sit on top.
    """
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (30 February), so bad input never raises."""
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """Shift by whole months, clamping the day (31 March - 1 month = 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: date, unit: str, amount: int) -> date:
    """Move a date by a number of calendar units (day, week, month, quarter, year, ...)."""
    if unit in ("day", "night"):
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * amount)
    if unit == "month":
        return add_months(day, amount)
    if unit == "quarter":
        return add_months(day, 3 * amount)
    if unit == "year":
        return add_months(day, 12 * amount)
    if unit == "decade":
        return add_months(day, 120 * amount)
    if unit == "century":
        return add_months(day, 1200 * amount)
    return day


def week_bounds(day: date) -> Interval:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def weekend_bounds(day: date) -> Interval:
    saturday = week_bounds(day)[0] + timedelta(days=5)
    return saturday, saturday + timedelta(days=1)


def iso_week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_bounds(year: int, month: int) -> Interval:
    return date(year, month, 1), month_end(year, month)


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> Interval:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def half_bounds(year: int, half: int) -> Interval:
    first = 6 * (half - 1) + 1
    return date(year, first, 1), month_end(year, first + 5)


def season_bounds(year: int, months: tuple[int, int]) -> Interval:
    """A season's months; winter (December to February) runs into the next year."""
    first, last = months
    end_year = year + 1 if last < first else year
    return date(year, first, 1), month_end(end_year, last)


def year_bounds(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31)


def span_bounds(first_year: int, years: int) -> Interval:
    """Bounds of a run of years: a decade (``years=10``) or a century (``years=100``)."""
    first = max(first_year, 1)
    return date(first, 1, 1), date(min(first_year + years - 1, 9999), 12, 31)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth ISO weekday (1 = Monday) of a month; ``nth=-1`` is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=offset + 7 * (nth - 1))
    last = month_end(year, month)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def sub_interval(bounds: Interval, share: tuple[float, float]) -> Interval:
    """The part of an interval a position modifier keeps ("early" keeps the first third)."""
    start, end = bounds
    days = (end - start).days
    first = start + timedelta(days=round(days * share[0]))
    last = start + timedelta(days=round(days * share[1]))
    return first, max(first, last)
