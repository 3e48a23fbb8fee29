"""Grammar rules for calendar dates: explicit dates, months, seasons, years, decades, centuries.

Each rule reads what the text states and nothing more: "July 27" keeps ``year=None`` (the
resolver picks the year from an anchor), "early October" keeps its position word as a TimeML mod
plus the share of the month it covers. Ambiguous words are checked against their context here:
"May" and "March" are months only after a preposition or with a day or year, "the fall of the
empire" is not a season.
"""

from __future__ import annotations

import re

from newsgraph.timex.lexicon import time_lexicon
from newsgraph.timex.parse import TimexParse
from newsgraph.timex.rule import (
    Rule,
    base,
    day_of,
    following_text,
    licensed,
    month_of,
    norm,
    ordinal_of,
    position,
    preceding_words,
    rule,
    weekday_of,
    year_of,
)

RULES: list[Rule] = []

_WEEKDAY_PREFIX = r"(?:(?P<wd>{WEEKDAY})\s*,?\s+)?"


def _date(match: re.Match[str], year: int | None, month: int, day: int) -> TimexParse | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    parse = base(match, "date")
    parse.year, parse.month, parse.day = year, month, day
    weekday = match.groupdict().get("wd")
    if weekday:
        parse.weekday = weekday_of(weekday)
    return parse


@rule(RULES, "iso_date", "DIGIT4", 0,
      r"(?<![\d-])(?P<y>1\d{3}|20\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
      r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?![\d-])")
def _iso_date(match: re.Match[str], text: str) -> TimexParse | None:
    parse = _date(match, int(match["y"]), int(match["m"]), int(match["d"]))
    if parse is not None and match["h"]:
        parse.type = "TIME"
        parse.hour, parse.minute = int(match["h"]), int(match["mi"])
    return parse


@rule(RULES, "numeric_date", "DIGIT", 0,
      r"(?<![\d/.\w])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
      r"(?![\d/]|\.\d)")
def _numeric_date(match: re.Match[str], text: str) -> TimexParse | None:
    """27/7/2023 (day first when the first number cannot be a month, or with dots), else M/D/Y."""
    a, b = int(match["a"]), int(match["b"])
    year = int(match["y"])
    if year < 100:
        year += 1900 if year >= 50 else 2000
    if a > 12 or match["sep"] == ".":
        day, month = a, b
    else:
        month, day = a, b
        if month > 12 and day <= 12:
            month, day = day, month
    return _date(match, year, month, day)


@rule(RULES, "month_day_year", "MONTH", 30,
      _WEEKDAY_PREFIX + r"(?P<mon>{MONTH_ANY})\s*(?P<d>{DAY})(?!\d)(?:\s*,\s*|\s+)(?:of\s+)?"
      r"(?P<y>{YEAR})")
def _mdy(match: re.Match[str], text: str) -> TimexParse | None:
    return _date(match, int(match["y"]), month_of(match["mon"]), day_of(match["d"]))


@rule(RULES, "day_month_year", "MONTH", 35,
      _WEEKDAY_PREFIX + r"(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH_ANY}),?\s+"
      r"(?P<y>{YEAR})")
def _dmy(match: re.Match[str], text: str) -> TimexParse | None:
    return _date(match, int(match["y"]), month_of(match["mon"]), day_of(match["d"]))


@rule(RULES, "month_day", "MONTH", 40,
      r"(?:(?i:this\s+coming|this|next|last)\s+)?" + _WEEKDAY_PREFIX
      + r"(?:(?P<mon>{MONTH_ANY})\s*(?P<d>{DAY})(?!\d|[:.,]\d|\s*(?i:%|percent))"
      r"|(?P<mon2>{MONTH})\s+(?P<od>{ORDINAL_DAY})(?![\w-])"
      r"|(?:the\s+)?(?P<d2>{DAY}|{ORDINAL_DAY})\s+(?:of\s+)?(?P<mon3>{MONTH_ANY})(?![\w]))")
def _month_day(match: re.Match[str], text: str) -> TimexParse | None:
    if match["mon"]:
        month, day = month_of(match["mon"]), day_of(match["d"])
    elif match["mon2"]:
        month, day = month_of(match["mon2"]), day_of(match["od"])
    else:
        month, day = month_of(match["mon3"]), day_of(match["d2"])
        if not match["d2"][0].isdigit() and not match.group(0).lower().startswith("the"):
            return None
    return _date(match, None, month, day)


@rule(RULES, "month_year", "MONTH", 35,
      r"(?P<pos>{POSITION})?(?P<mon>{MONTH_ANY})\s*,?\s+(?:(?i:of)\s+)?(?P<y>{YEAR}|{YEAR_WORDS})")
def _month_year(match: re.Match[str], text: str) -> TimexParse | None:
    year = year_of(match["y"])
    if year is None:
        return None
    parse = base(match, "month")
    parse.year, parse.month = year, month_of(match["mon"])
    parse.mod, parse.share = position(match["pos"])
    return parse


@rule(RULES, "month", "MONTH", 30,
      r"(?:(?P<pos>{POSITION})|(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|each|every))"
      r"\s+)?(?P<mon>{MONTH})(?:\s+(?:(?i:of)\s+)?(?P<ry>(?i:last|this|next))\s+(?i:year))?"
      r"(?![\w-])")
def _month(match: re.Match[str], text: str) -> TimexParse | None:
    word = norm(match["mon"])
    bare = not (match["pos"] or match["rel"] or match["ry"])
    if bare and word in time_lexicon().ambiguous_months and (
        match["mon"].isupper() or not licensed(text, match.start(), "month")
    ):
        return None
    if bare and _inside_name(text, match):
        return None
    parse = base(match, "month")
    parse.month = month_of(word)
    parse.mod, parse.share = position(match["pos"])
    rel = norm(match["rel"])
    if rel in ("each", "every"):
        parse.type = "SET"
        parse.set_value = f"XXXX-{parse.month:02d}"
        return parse
    if rel:
        parse.relation = time_lexicon().relations.get(rel, 0)
    if match["ry"]:
        parse.relative_year = time_lexicon().relations[norm(match["ry"])]
    return parse


def _inside_name(text: str, match: re.Match[str]) -> bool:
    """A bare month between two capitalized words is part of a name ("Operation August Storm")."""
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, match.start() - 30):match.start()])
    after = re.match(r"\s+([A-Za-z]+)", text[match.end():match.end() + 30])
    if not before or not after:
        return False
    return before.group(1)[0].isupper() and after.group(1)[0].isupper() and (
        after.group(1).lower() not in time_lexicon().months
    )




@rule(RULES, "season", "SEASON", 35,
      r"(?:(?P<pos>{POSITION})|(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|"
      r"the\s+following|the\s+previous|that|the|each|every))\s+)?(?P<s>{SEASON})"
      r"(?:\s+(?:(?i:of)\s+)?(?P<y>{YEAR}|{YEAR_WORDS}))?(?![\w-])")
def _season(match: re.Match[str], text: str) -> TimexParse | None:
    word = norm(match["s"])
    year = year_of(match["y"]) if match["y"] else None
    rel = norm(match["rel"])
    if year is None:
        after = following_text(text, match.end(), 12)
        loose = not match["pos"] and rel in ("", "the")
        if loose and word in ("fall", "spring") and re.match(
            r"\s+of\b|\s*-\w|\s+(?:in|from|to|by)\s", after
        ):
            return None
        if not match["pos"] and rel in ("", "the"):
            if not licensed(text, match.start() if not rel else match.start("rel"), "season"):
                return None
            if word in ("fall", "spring") and rel != "the":
                return None
    parse = base(match, "season")
    parse.season = time_lexicon().seasons[word]
    parse.year = year
    parse.mod, parse.share = position(match["pos"])
    if rel in ("each", "every"):
        parse.type = "SET"
        parse.set_value = f"XXXX-{parse.season}"
    elif rel in ("that", "the following", "the previous"):
        parse.anaphoric = True
        parse.relation = {"that": 0, "the following": 1, "the previous": -1}[rel]
    elif rel and rel != "the":
        parse.relation = time_lexicon().relations.get(rel, 0)
    return parse


@rule(RULES, "year", "DIGIT4 YEARWORDS", 35,
      r"(?:(?P<pos>{POSITION})|(?P<pre>(?i:the\s+(?:calendar\s+|fiscal\s+)?year|fiscal(?:\s+year)?|"
      r"calendar|FY|post-|pre-|mid-?))\s*)?"
      r"(?:(?P<y>{YEAR})|(?P<yw>{YEAR_WORDS}))"
      r"(?P<post>\s+(?i:or\s+later|and\s+beyond|or\s+earlier|or\s+before))?(?![\w%]|-\w|\s*%)")
def _year(match: re.Match[str], text: str) -> TimexParse | None:
    if match["yw"]:
        words = norm(match["yw"])
        pre = norm(match["pre"])
        if words.startswith("two thousand") and not pre.startswith("the") and not licensed(
            text, match.start(), "spelled_year"
        ):
            return None
        year = year_of(words)
    else:
        year = int(match["y"])
    if year is None:
        return None
    parse = base(match, "year")
    parse.year = year
    parse.mod, parse.share = position(match["pos"])
    pre = norm(match["pre"])
    if pre.startswith("mid"):
        parse.mod, parse.share = position("mid")
    elif pre == "post-":
        parse.mod = "AFTER"
    elif pre == "pre-":
        parse.mod = "BEFORE"
    post = norm(match["post"])
    if post:
        parse.mod = "ON_OR_AFTER" if ("later" in post or "beyond" in post) else "ON_OR_BEFORE"
    return parse


@rule(RULES, "decade", "DIGIT4 DIGIT DECADE", 25,
      r"(?:(?P<pos>{POSITION})|(?P<the>(?i:the))\s+)?"
      r"(?:(?P<dec>1[0-9]{2}|20[0-9])0\s?['’]?s|['’](?P<short>\d)0\s?['’]?s|(?P<word>{DECADE_WORD}))"
      r"(?![\w-])")
def _decade(match: re.Match[str], text: str) -> TimexParse | None:
    parse = base(match, "decade")
    if match["dec"]:
        parse.decade = int(match["dec"])
    else:
        if match["word"]:
            before = preceding_words(text, match.start("word"), 2)
            ages = time_lexicon().context["age_possessives"]
            if any(w in ages for w in before) or not (match["the"] or match["pos"]):
                return None
            parse.decade_in_century = time_lexicon().decade_words[norm(match["word"])]
        else:
            parse.decade_in_century = int(match["short"])
    parse.mod, parse.share = position(match["pos"])
    return parse


@rule(RULES, "century", "CENTURY", 40,
      r"(?:(?P<pos>{POSITION})|(?P<rel>(?i:this|last|next|the\s+last|the\s+next|the\s+previous|"
      r"the\s+past|the\s+current))\s+|(?i:the)\s+)?"
      r"(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>{ORDINAL_DAY}))?[\s-]*(?i:century)(?![\w-])")
def _century(match: re.Match[str], text: str) -> TimexParse | None:
    parse = base(match, "century")
    parse.mod, parse.share = position(match["pos"])
    number = match["n"] or match["w"]
    if number:
        ordinal = ordinal_of(number)
        if ordinal <= 0:
            return None
        parse.century = ordinal - 1
        return parse
    rel = norm(match["rel"])
    if not rel:
        return None
    parse.unit = "century"
    parse.relation = time_lexicon().relations.get(rel, 0)
    return parse


@rule(RULES, "week_of", "MONTH", 15,
      r"(?i:the\s+week\s+of)\s+(?P<mon>{MONTH_ANY})\s*(?P<d>{DAY})(?!\d)(?:,?\s+(?P<y>{YEAR}))?")
def _week_of(match: re.Match[str], text: str) -> TimexParse | None:
    """"the week of March 6": the ISO week holding that date."""
    year = int(match["y"]) if match["y"] else None
    parse = _date(match, year, month_of(match["mon"]), day_of(match["d"]))
    if parse is not None:
        parse.unit = "week"
    return parse
