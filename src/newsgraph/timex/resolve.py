"""Normalize parses into TimeML values with intervals, anchoring what the text leaves relative.

Anchors, decided per expression (the rules are in :mod:`newsgraph.timex.anchors`):

* **absolute** — the text states the year (or decade, century): "June 25, 1950", "the 1940s".
* **published** — deictic words point at the moment of writing: "yesterday", "last year",
  "three years ago", "this week", and, outside a recounted history, bare calendar words:
  "Wednesday", "July 27", "early October", "Victory Day".
* **narrative** — anaphoric words point back into the text ("two days later", "the same day",
  "that year", "the following month"), and bare calendar words inside a recounted history take
  their year (or week) from the history.

Bare calendar words choose among the candidate occurrences around the anchor by tense: in a
future clause the first occurrence on or after the anchor, in a past clause the last on or
before, otherwise the nearest. Without any anchor the value stays underspecified
("XXXX-07-27", "XXXX-WXX-3") and the interval open — never today's date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from newsgraph.model import TimeExpr
from newsgraph.timex import dates as cal
from newsgraph.timex.anchors import (
    NARRATIVE_SENTENCES,
    Doc,
    anaphoric_anchor,
    anchored,
    clock_day,
    remember,
)
from newsgraph.timex.lexicon import time_lexicon
from newsgraph.timex.parse import TimexParse
from newsgraph.timex.values import (
    Resolved,
    choose,
    copy_as,
    day_value,
    finer,
    holiday_dates,
    month_value,
    quarter_value,
    season_occurrence,
    unit_at,
    unknown,
    week_value,
    year_back,
    year_value,
)


def resolve(
    parses: list[TimexParse],
    published_day: str | None,
    *,
    text: str,
    sentences: list[int] | None = None,
) -> list[TimeExpr]:
    """Normalize parses (from :func:`recognize` on ``text``) against ``published_day`` (ISO date).

    ``sentences`` (start offsets, the first 0) may come from a real sentence splitter; then
    each expression's ``sentence`` is its index there. Without it a cheap regex split serves
    the narrative rules and ``sentence`` stays -1. The narrative reference runs through the
    parses in text order, so pass them all, in order.
    """
    doc = Doc(text, published_day, sentences)
    out: list[TimeExpr] = []
    for parse in parses:
        out.append(_resolve_one(parse, doc))
    return out


def _resolve_one(parse: TimexParse, doc: Doc) -> TimeExpr:
    """One expression: ranges by their ends, refs/durations/sets as read, dates by anchor."""
    sentence = doc.sentence(parse.start)
    expr = TimeExpr(parse.start, parse.end, parse.text, parse.type, None, mod=parse.mod,
                    sentence=sentence if doc.given_sentences else -1)
    if parse.range_parts is not None:
        first = _date_of(parse.range_parts[0], doc, sentence)
        second = _date_of(parse.range_parts[1], doc, sentence)
        expr.type = "DATE"
        expr.value = f"{first.value}/{second.value}"
        expr.granularity = "range"
        # The interval spans both ends, whichever way round the text writes them.
        starts = [d for d in (first.earliest, second.earliest) if d]
        ends = [d for d in (first.latest, second.latest) if d]
        expr.earliest = min(starts).isoformat() if first.earliest and starts else None
        expr.latest = max(ends).isoformat() if second.latest and ends else None
        expr.anchor = first.anchor if first.anchor != "absolute" else second.anchor
        remember(doc, second, sentence, parse.range_parts[1].is_absolute, quarter=False)
        return expr
    if parse.ref is not None:
        expr.value, expr.granularity = parse.ref, "ref"
        expr.anchor = "published" if doc.published_day else "absolute"
        return expr
    if parse.type == "DURATION":
        expr.value, expr.granularity = parse.duration, "duration"
        if parse.unit == "month":
            doc.last_quarter = None  # "for the nine months, ... a year earlier": not a quarter
        return expr
    if parse.type == "SET":
        expr.value = parse.set_value or parse.duration
        expr.granularity = "set"
        return expr
    resolved = _date_of(parse, doc, sentence)
    expr.value = resolved.value + (resolved.time or "")
    expr.granularity = "time" if resolved.time and resolved.time[1:2].isdigit() else \
        resolved.granularity
    if resolved.earliest is not None and resolved.latest is not None:
        earliest, latest = resolved.earliest, resolved.latest
        if parse.share is not None and resolved.granularity not in ("day",):
            earliest, latest = cal.sub_interval((earliest, latest), parse.share)
        expr.earliest, expr.latest = earliest.isoformat(), latest.isoformat()
        if resolved.time and resolved.time[1:2].isdigit():
            expr.earliest += resolved.time
            expr.latest += resolved.time
    expr.anchor = resolved.anchor
    if parse.kind == "year_ago" or (parse.anaphoric and (parse.offset or 0) < 0):
        return expr  # a comparison ("a year earlier") looks back without moving the story
    named_period = parse.kind in ("quarter", "half") or (
        parse.kind == "relative" and parse.unit == "quarter"
    )
    remember(doc, resolved, sentence, parse.is_absolute, quarter=named_period)
    return expr


def _date_of(parse: TimexParse, doc: Doc, sentence: int) -> Resolved:
    kind = parse.kind
    if parse.anaphoric:
        resolved = _anaphoric(parse, doc)
    elif kind in _CALENDAR:
        resolved = _CALENDAR[kind](parse, doc, sentence)
    elif kind == "deictic" or parse.deictic_day is not None:
        resolved = _deictic(parse, doc)
    elif kind in _SHIFTS:
        resolved = _SHIFTS[kind](parse, doc, sentence)
    else:
        resolved = Resolved("XXXX-XX-XX", "day", anchor="absolute")
    if parse.part_of_day and resolved.time is None and resolved.granularity == "day":
        resolved.time = "T" + parse.part_of_day
    return resolved


def _month_day(parse: TimexParse, doc: Doc, sentence: int) -> Resolved:
    if parse.unit == "week":
        day_of = _month_day(TimexParse(parse.start, parse.end, parse.text, "date", year=parse.year,
                                       month=parse.month, day=parse.day), doc, sentence)
        if day_of.earliest is None:
            return Resolved("XXXX-WXX", "week")
        return week_value(day_of.earliest, day_of.anchor)
    month, day = parse.month or 1, parse.day or 1
    if parse.year is not None:
        exact = cal.safe_date(parse.year, month, day)
        if exact is None:
            return Resolved(f"{parse.year:04d}-{month:02d}-{day:02d}", "day")
        return day_value(exact, "absolute")
    unknown = Resolved(f"XXXX-{month:02d}-{day:02d}", "day")

    def read(anchor: date, label: str) -> Resolved:
        candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                      if (d := cal.safe_date(y, month, day)) is not None]
        if not candidates:
            return unknown
        direction = _direction(parse, doc) if label == "published" else None
        return day_value(choose(candidates, anchor, direction), label)

    return anchored(parse, doc, sentence, "year", read) or unknown


def _direction(parse: TimexParse, doc: Doc) -> str | None:
    if parse.relation is not None:
        return {-1: "past", 1: "future"}.get(parse.relation)
    return doc.tense(parse)


def _month(parse: TimexParse, doc: Doc, sentence: int) -> Resolved:
    month = parse.month or 1
    if parse.year is not None:
        return month_value(parse.year, month)
    unknown = Resolved(f"XXXX-{month:02d}", "month")
    if parse.relative_year is not None:
        if doc.published_day is None:
            return unknown
        return month_value(doc.published_day.year + parse.relative_year, month, "published")

    def read(anchor: date, label: str) -> Resolved:
        firsts = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        this_month = date(anchor.year, anchor.month, 1)
        if parse.relation == -1:
            chosen = max(d for d in firsts if d < this_month)
        elif parse.relation == 1:
            chosen = min(d for d in firsts if d > this_month)
        elif parse.relation == 0:
            chosen = date(anchor.year, month, 1)
        else:
            direction = _direction(parse, doc) if label == "published" else None
            chosen = choose(firsts, this_month, direction)
        return month_value(chosen.year, month, label)

    return anchored(parse, doc, sentence, "year", read) or unknown


def _season(parse: TimexParse, doc: Doc, sentence: int) -> Resolved:
    code = parse.season or "SU"
    if parse.year is not None:
        return season_occurrence(parse.year, code)

    def read(anchor: date, label: str) -> Resolved:
        options = [season_occurrence(y, code) for y in (anchor.year - 2, anchor.year - 1,
                                                           anchor.year, anchor.year + 1)]
        containing = [o for o in options if o.earliest and o.latest and
                      o.earliest <= anchor <= o.latest]
        if parse.relation == -1:
            chosen = max((o for o in options if o.latest and o.latest < anchor),
                         key=lambda o: o.latest or anchor)
        elif parse.relation == 1:
            chosen = min((o for o in options if o.earliest and o.earliest > anchor),
                         key=lambda o: o.earliest or anchor)
        elif containing:
            chosen = containing[0]
        elif parse.relation == 0:
            chosen = next(o for o in options if o.value.startswith(f"{anchor.year:04d}"))
        else:
            direction = _direction(parse, doc) if label == "published" else None
            starts = [o.earliest for o in options if o.earliest]
            pick = choose(starts, anchor, direction)
            chosen = next(o for o in options if o.earliest == pick)
        chosen.anchor = label
        return chosen

    return anchored(parse, doc, sentence, "year", read) or Resolved(f"XXXX-{code}", "season")


def _decade(parse: TimexParse, doc: Doc) -> Resolved:
    if parse.decade is not None:
        decade, label = parse.decade, "absolute"
    else:
        digit = parse.decade_in_century or 0
        if doc.published_day is None:
            return Resolved(f"XX{digit}X", "decade")
        century = doc.published_day.year // 100
        decade = century * 10 + digit
        if decade * 10 > doc.published_day.year:
            decade -= 10
        label = "published"
    first, last = cal.span_bounds(decade * 10, 10)
    return Resolved(f"{decade:03d}X", "decade", first, last, label)


def _century(parse: TimexParse, doc: Doc) -> Resolved:
    if parse.century is not None:
        century, label = parse.century, "absolute"
    else:
        if doc.published_day is None:
            return Resolved("XXXX", "century")
        century = doc.published_day.year // 100 + (parse.relation or 0)
        label = "published"
    first, last = cal.span_bounds(century * 100, 100)
    return Resolved(f"{century:02d}XX", "century", first, last, label)


def _quarter(parse: TimexParse, doc: Doc) -> Resolved:
    quarter = parse.quarter or 1
    if parse.year is not None:
        return quarter_value(parse.year, quarter, "absolute")
    if doc.published_day is None:
        return Resolved(f"XXXX-Q{quarter}", "quarter")
    year = doc.published_day.year
    if parse.relative_year is not None:
        year += parse.relative_year
    elif cal.quarter_bounds(year, quarter)[0] > cal.add_months(doc.published_day, 6):
        year -= 1
    resolved = quarter_value(year, quarter, "published")
    return resolved


def _half(parse: TimexParse, doc: Doc) -> Resolved:
    half = parse.half or 1
    if parse.year is not None:
        year, label = parse.year, "absolute"
    elif doc.published_day is None:
        return Resolved(f"XXXX-H{half}", "half")
    else:
        year, label = doc.published_day.year + (parse.relative_year or 0), "published"
    first, last = cal.half_bounds(year, half)
    return Resolved(f"{year:04d}-H{half}", "half", first, last, label)


def _holiday(parse: TimexParse, doc: Doc, sentence: int) -> Resolved:
    name = parse.holiday or ""
    if parse.year is not None:
        found = holiday_dates(name, parse.year)
        if not found:
            return year_value(parse.year)
        day, label = found[0], "absolute"
    else:
        def read(anchor: date, label: str) -> Resolved:
            candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                          for d in holiday_dates(name, y)]
            if parse.relation == -1:
                found = max(c for c in candidates if c < anchor)
            elif parse.relation == 1:
                found = min(c for c in candidates if c > anchor)
            else:
                # a name several countries give to different days ("Victory Day") is read as
                # the occurrence nearest the anchor, whatever the tense
                several = len(time_lexicon().holidays.get(name, [])) > 1
                direction = _direction(parse, doc) if label == "published" and not several \
                    else None
                found = choose(candidates, anchor, direction)
            return day_value(found, label)

        resolved = anchored(parse, doc, sentence, "year", read)
        if resolved is None or resolved.earliest is None:
            specs = time_lexicon().holidays.get(name, [])
            if len(specs) == 1 and "day" in specs[0]:
                return Resolved(f"XXXX-{specs[0]['month']:02d}-{specs[0]['day']:02d}", "day")
            return Resolved("XXXX-XX-XX", "day")
        day, label = resolved.earliest, resolved.anchor
    if parse.unit in ("week", "weekend"):
        return week_value(day, label, weekend=parse.unit == "weekend")
    return day_value(day, label)


def _weekday(parse: TimexParse, doc: Doc, sentence: int) -> Resolved:
    weekday = parse.weekday or 1

    def read(anchor: date, label: str) -> Resolved:
        delta = (weekday - anchor.isoweekday()) % 7  # days ahead to the next such weekday
        back = (anchor.isoweekday() - weekday) % 7  # days back to the last one
        relation = parse.relation
        if relation == -1:
            day = anchor - timedelta(days=back or 7)
        elif relation == 1:
            day = anchor + timedelta(days=delta or 7)
        elif relation == 0:
            day = anchor + timedelta(days=delta)
        elif label != "published":
            day = anchor + timedelta(days=delta) if delta <= 3 else anchor - timedelta(days=back)
        elif doc.tense(parse) == "future":
            day = anchor + timedelta(days=delta)
        else:
            day = anchor - timedelta(days=back)
        return day_value(day, label)

    return anchored(parse, doc, sentence, "day", read) or Resolved(f"XXXX-WXX-{weekday}", "day")


def _weekend(parse: TimexParse, doc: Doc) -> Resolved:
    """"the weekend": the coming one in a future clause, else the last one."""
    if doc.published_day is None:
        return Resolved("XXXX-WXX-WE", "week")
    anchor = doc.published_day
    saturday_ahead = (6 - anchor.isoweekday()) % 7
    if doc.tense(parse) == "future" or anchor.isoweekday() >= 6:
        day = anchor + timedelta(days=saturday_ahead)
    else:
        day = anchor - timedelta(days=(anchor.isoweekday() + 1) % 7 or 7)
    return week_value(day, "published", weekend=True)


def _clock(parse: TimexParse, doc: Doc, sentence: int) -> Resolved:
    hour, minute = parse.hour or 0, parse.minute or 0
    if parse.hour is None:
        day = clock_day(doc, sentence)
        day.time = "T" + (parse.part_of_day or "DT")
        return day
    clock = f"T{hour:02d}:{minute:02d}"
    if parse.month is not None and parse.day is not None:
        day = _month_day(TimexParse(parse.start, parse.end, parse.text, "date",
                                    month=parse.month, day=parse.day), doc, sentence)
    elif parse.weekday is not None:
        day = _weekday(TimexParse(parse.start, parse.end, parse.text, "weekday",
                                  weekday=parse.weekday), doc, sentence)
    elif parse.deictic_day is not None:
        day = _deictic(parse, doc)
    else:
        day = clock_day(doc, sentence)
    day.time = clock
    return day


def _deictic(parse: TimexParse, doc: Doc) -> Resolved:
    if doc.published_day is None:
        return Resolved("XXXX-XX-XX", "day")
    return day_value(doc.published_day + timedelta(days=parse.deictic_day or 0), "published")


def _relative(parse: TimexParse, doc: Doc) -> Resolved:
    """"last year", "this week", "next month", "the latest quarter", "the year"."""
    unit = parse.unit or "day"
    if doc.published_day is None:
        return unknown(unit)
    relation = parse.relation or 0
    if unit == "quarter" and parse.relation is None and doc.last_quarter is not None:
        return copy_as(doc.last_quarter, "narrative")
    day = cal.shift(doc.published_day, unit, relation)
    return unit_at(day, unit, "published")


def _offset(parse: TimexParse, doc: Doc, sentence: int) -> Resolved:
    """"three years ago": the publication date moved back, at the unit's granularity."""
    unit = parse.unit or "day"
    if doc.published_day is None:
        return unknown(unit)
    if unit == "year" and parse.offset == -1 and doc.last_quarter is not None:
        near = doc.last is not None and sentence - doc.last.sentence <= NARRATIVE_SENTENCES
        if near and doc.last is not None and doc.last.resolved.granularity in ("quarter", "half"):
            return year_back(doc.last_quarter, "narrative")
    day = cal.shift(doc.published_day, unit, parse.offset or 0)
    return unit_at(day, _GRANULARITY_UNIT.get(unit, unit), "published")


_GRANULARITY_UNIT = {"hour": "day", "minute": "day", "second": "day", "decade": "year",
                     "century": "year"}


def _anaphoric(parse: TimexParse, doc: Doc) -> Resolved:
    """"two days later", "the same day", "that year", "a year earlier", "the year-ago quarter"."""
    if parse.kind == "year_ago":
        return _year_ago(parse, doc)
    ref, label = anaphoric_anchor(doc, parse)
    if ref is None or ref.earliest is None:
        if parse.kind == "weekday":
            return Resolved(f"XXXX-WXX-{parse.weekday or 1}", "day")
        return unknown(parse.unit)
    if parse.kind == "weekday":
        return _weekday_near(parse, ref.earliest, label)
    if parse.kind == "season":
        year = ref.earliest.year + (parse.relation or 0)
        found = season_occurrence(year, parse.season or "SU")
        found.anchor = label
        return found
    unit = parse.unit or "day"
    if unit == "year" and parse.offset == -1 and ref.granularity in ("quarter", "half"):
        return year_back(doc.last_quarter or ref, label)
    if unit == "quarter" and parse.offset == 0 and doc.last_quarter is not None:
        return copy_as(doc.last_quarter, "narrative")
    day = cal.shift(ref.earliest, unit, parse.offset or 0)
    if parse.offset == 0 and finer(ref.granularity, unit):
        return copy_as(ref, label)
    return unit_at(day, _GRANULARITY_UNIT.get(unit, unit), label)


def _weekday_near(parse: TimexParse, anchor: date, label: str) -> Resolved:
    weekday = parse.weekday or 1
    delta = (weekday - anchor.isoweekday()) % 7
    back = (anchor.isoweekday() - weekday) % 7
    if parse.relation == 1:
        day = anchor + timedelta(days=delta or 7)
    elif parse.relation == -1:
        day = anchor - timedelta(days=back or 7)
    else:
        day = anchor + timedelta(days=delta) if delta <= back else anchor - timedelta(days=back)
    return day_value(day, label)


def _year_ago(parse: TimexParse, doc: Doc) -> Resolved:
    if parse.quarter is not None:
        if doc.published_day is None:
            return Resolved(f"XXXX-Q{parse.quarter}", "quarter")
        current = _quarter(TimexParse(0, 0, "", "quarter", quarter=parse.quarter), doc)
        return year_back(current, "published")
    if doc.last_quarter is not None:
        return year_back(doc.last_quarter, "narrative")
    if doc.published_day is None:
        return Resolved("XXXX", "year")
    return year_value(doc.published_day.year - 1, "published")


# How each kind of date parse is resolved, by the rule family that matched it. Calendar kinds
# come first; a parse that names a deictic day ("today") is resolved as such before a shift.
_Resolver = Callable[[TimexParse, Doc, int], Resolved]
_CALENDAR: dict[str, _Resolver] = {
    "date": _month_day,
    "month": _month,
    "season": _season,
    "year": lambda parse, _doc, _sentence: year_value(parse.year or 0),
    "decade": lambda parse, doc, _sentence: _decade(parse, doc),
    "century": lambda parse, doc, _sentence: _century(parse, doc),
    "quarter": lambda parse, doc, _sentence: _quarter(parse, doc),
    "half": lambda parse, doc, _sentence: _half(parse, doc),
    "holiday": _holiday,
    "weekday": _weekday,
    "time": _clock,
    "weekend": lambda parse, doc, _sentence: _weekend(parse, doc),
}
_SHIFTS: dict[str, _Resolver] = {
    "relative": lambda parse, doc, _sentence: _relative(parse, doc),
    "offset": _offset,
}
