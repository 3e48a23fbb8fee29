"""Find the time expressions of a text: run every grammar rule, keep the longest readings,
then join "between X and Y" / "from X to Y" into one range.

Longest-match-wins is what makes the small rules compose: "early Wednesday morning" beats
"Wednesday", "the fall of 1950" beats "1950", "three years ago" beats "three years". Among
readings of equal length the rule listed first wins, so more specific rules come first.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cache

from newsgraph.timex import rules_dates, rules_relative, rules_spans
from newsgraph.timex.heads import TOKEN, token_heads
from newsgraph.timex.parse import TimexParse
from newsgraph.timex.rule import Rule

_BETWEEN = re.compile(r"(?i)\b(between|from)\s+$")
_GAP = {
    "between": re.compile(r"(?i)\s+and\s+"),
    "from": re.compile(r"(?i)\s*(?:to|through|thru|until|till|-|–|—)\s*"),
}
_DASH = re.compile(r"\s*[-–—]\s*")
_RANGE_KINDS = frozenset(("date", "month", "year", "season", "quarter", "decade", "weekday",
                          "holiday"))


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, most specific first (explicit dates before partial ones before bare words)."""
    return (*rules_spans.RULES[-1:], *rules_dates.RULES, *rules_relative.RULES,
            *rules_spans.RULES[:-1])


@cache
def _rules_by_head() -> dict[str, tuple[tuple[int, Rule], ...]]:
    by_head: dict[str, list[tuple[int, Rule]]] = {}
    for index, item in enumerate(rules()):
        for head in item.heads:
            by_head.setdefault(head, []).append((index, item))
    return {head: tuple(items) for head, items in by_head.items()}


def recognize(text: str) -> list[TimexParse]:
    """Every time expression of ``text``, in order, as structured parses (no anchoring yet)."""
    candidates = _candidates(text)
    candidates.sort(key=lambda c: (c[1], c[0], c[2].start))
    taken: list[TimexParse] = []
    for _, _, parse in candidates:
        if all(parse.end <= other.start or parse.start >= other.end for other in taken):
            taken.append(parse)
    taken.sort(key=lambda p: p.start)
    return _join_ranges(taken, text)


def _candidates(text: str) -> list[tuple[int, int, TimexParse]]:
    """Every reading any rule gives, tried at the word starts just before the rule's heads."""
    by_head = _rules_by_head()
    starts: list[int] = []
    heads: list[tuple[int, frozenset[str]]] = []
    for match in TOKEN.finditer(text):
        position = match.start()
        starts.append(position)
        if position and text[position - 1] in "'’":
            starts.append(position - 1)
        classes = token_heads(match.group(0))
        if classes:
            heads.append((position, classes))
    starts.sort()
    tried: set[tuple[int, int]] = set()
    found: list[tuple[int, int, TimexParse]] = []
    for head, classes in heads:
        for name in classes:
            for index, item in by_head.get(name, ()):
                first = bisect_left(starts, head - item.lookback)
                last = bisect_right(starts, head)
                for start in starts[first:last]:
                    if (index, start) in tried:
                        continue
                    tried.add((index, start))
                    match = item.pattern.match(text, start)
                    if match is None or match.end() <= head:
                        continue
                    parse = item.build(match, text)
                    if parse is not None:
                        found.append((index, -(parse.end - parse.start), parse))
    return found


def _join_ranges(parses: list[TimexParse], text: str) -> list[TimexParse]:
    """"between 1950 and 1953", "from June 25 to July 27, 1950" -> one range parse."""
    out: list[TimexParse] = []
    i = 0
    while i < len(parses):
        first = parses[i]
        second = parses[i + 1] if i + 1 < len(parses) else None
        joined = _range(first, second, text) if second is not None else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(first)
            i += 1
    return out


def _range(first: TimexParse, second: TimexParse, text: str) -> TimexParse | None:
    if not (_rangeable(first) and _rangeable(second)):
        return None
    gap = text[first.end:second.start]
    lead = _BETWEEN.search(text[max(0, first.start - 9):first.start])
    start = first.start
    if lead is not None and _GAP[lead.group(1).lower()].fullmatch(gap):
        start = first.start - (len(lead.group(0)))
    elif not (_DASH.fullmatch(gap) and first.kind == second.kind and first.kind != "weekday"):
        return None
    if first.year is None and second.year is not None and first.kind in ("date", "month"):
        first = replace(first, year=second.year)
    if second.year is None and first.year is not None and second.kind in ("date", "month"):
        second = replace(second, year=first.year)
    return TimexParse(start, second.end, text[start:second.end], "range",
                      range_parts=(first, second))


def _rangeable(parse: TimexParse) -> bool:
    return (parse.type == "DATE" and parse.kind in _RANGE_KINDS and parse.ref is None
            and parse.range_parts is None and not parse.anaphoric)
