"""Time expressions: find them, read them, anchor them (TimeML TIMEX3 values).

Three steps, public so callers can stop in between:

* :func:`recognize` finds the expressions and reads what they say (:class:`TimexParse`: year,
  month, day, weekday, part of day, relative offset and unit, decade, season, quarter, duration,
  range ends, mod) without anchoring anything;
* :func:`resolve` normalizes them against the publication date, or inside a recounted history
  against the history's own dates (see :mod:`newsgraph.timex.resolve` for the rules);
* :func:`tag` does both.

A range ("between 1950 and 1953", "1950-53") is one :class:`~newsgraph.model.TimeExpr` with
granularity ``range`` and value ``START/END`` (the two ends' TimeML values joined by a slash,
ISO 8601 interval notation), its interval spanning both; :func:`timeml_parts` splits it back
into the two TimeML expressions.
"""

from __future__ import annotations

from newsgraph.model import TimeExpr
from newsgraph.timex.parse import TimexParse
from newsgraph.timex.recognize import recognize
from newsgraph.timex.resolve import resolve

__all__ = ["TimexParse", "recognize", "resolve", "tag", "timeml_parts"]


def tag(text: str, published_day: str | None, *, sentences: list[int] | None = None
        ) -> list[TimeExpr]:
    """Every time expression of ``text``, normalized against ``published_day`` (ISO date or
    None).

    Without a publication date relative expressions stay underspecified ("XXXX-WXX-3" for
    "Wednesday") with open intervals: the tagger never falls back on the current date.
    """
    return resolve(recognize(text), published_day, text=text, sentences=sentences)


def timeml_parts(expr: TimeExpr) -> list[tuple[int, int, str, str]]:
    """``(start, end, type, value)`` of the TimeML expressions ``expr`` stands for.

    A range gives its two ends with their own offsets and values ("between 1950 and 1953" ->
    "1950" and "1953"); anything else gives itself.
    """
    whole = [(expr.start, expr.end, expr.type, expr.value or "")]
    if expr.granularity != "range" or not expr.value or expr.value.count("/") != 1:
        return whole
    found = [p for p in recognize(expr.text) if p.range_parts is not None]
    if len(found) != 1 or found[0].range_parts is None:
        return whole
    first, second = found[0].range_parts
    first_value, second_value = expr.value.split("/")
    return [
        (expr.start + first.start, expr.start + first.end, "DATE", first_value),
        (expr.start + second.start, expr.start + second.end, "DATE", second_value),
    ]
