"""Grammar rules for lengths of time, repetitions, clock times and written year ranges.

Durations and sets need no anchor: their TimeML value ("P3Y", "PT24H", "P1W") is known from the
text alone, so the builders compute it here. Clock times keep their hour and minute and whatever
day the text attaches ("4 a.m. Thursday"); the day itself is the resolver's business.
"""

from __future__ import annotations

import re

from newsgraph.timex.lexicon import time_lexicon
from newsgraph.timex.parse import TimexParse
from newsgraph.timex.rule import (
    Rule,
    amount_of,
    base,
    day_of,
    duration_value,
    following_text,
    licensed,
    month_of,
    norm,
    quantity,
    rule,
    unit_of,
    weekday_of,
)

RULES: list[Rule] = []

_DURATION_REL = (
    r"past|last|next|first|coming|previous|final|latest|remaining|following|initial|ensuing|"
    r"preceding|prior|additional|further|subsequent|succeeding|another|same|better\s+part\s+of\s+the"
)
_FILLER = (
    r"more|additional|full|straight|consecutive|trading|business|calendar|working|long|short|"
    r"extra|further|successive|school|fiscal"
)


@rule(RULES, "duration", "UNIT", 55,
      r"(?:(?P<q>{QUANTITY})\s+)?(?:(?P<the>(?i:the|a|an|another|each\s+of\s+the))\s+)?"
      r"(?:(?P<rel>(?i:" + _DURATION_REL + r"))\s+)?"
      r"(?P<n>{NUM}|(?i:half\s+an?))(?:\s+(?P<n2>(?i:to|or|-)\s+{NUM_STRICT}))?\s+"
      r"(?:(?i:" + _FILLER + r")\s+)*(?P<u>{UNIT})"
      r"(?P<tail>\s+(?i:or\s+so|and\s+a\s+half|or\s+more|or\s+longer|ahead|to\s+come|"
      r"or\s+(?:days|weeks|months|years|decades)))?(?![\w-])")
def _duration(match: re.Match[str], text: str) -> TimexParse | None:
    unit = unit_of(match["u"])
    number = norm(match["n"])
    if re.match(r"\s+old\b", following_text(text, match.end(), 5)) and not match["the"]:
        return None
    if match["the"] and norm(match["q"]) in time_lexicon().context["prepositional_quantity"]:
        return None  # "over the past three years": "over" is the preposition, not "more than"
    if number in ("a", "an", "one") and unit in ("second", "minute"):
        after = following_text(text, match.end(), 3)
        if unit == "second" and after[:1] == " " and after[1:2].isalpha():
            return None
    bare = not match["the"] and not match["rel"] and not match["q"]
    if bare and number in ("a", "an") and _after_amount(text, match.start()):
        return None
    if unit == "quarter" and re.match(r"\s+of\s+(?!(?:the\s+)?(?:fiscal\s+)?(?:year|\d{4}|this|"
                                      r"last|next))", following_text(text, match.end(), 24)):
        return None
    if bare and number in ("a", "an") and licensed(text, match.start(), "repetition"):
        parse = base(match, "set", "SET")
        parse.duration = duration_value(1.0, unit)
        parse.unit = unit
        return parse
    amount = amount_of(match["n"])
    tail = norm(match["tail"])
    if amount is not None and tail == "and a half":
        amount += 0.5
    if match["n2"] or (tail.startswith("or ") and tail not in ("or so", "or more", "or longer")):
        amount = None
    parse = base(match, "duration", "DURATION")
    parse.unit = unit
    parse.amount = amount
    parse.duration = duration_value(amount, unit)
    parse.mod = quantity(match["q"]) or ("APPROX" if tail == "or so" else None)
    if tail in ("or more", "or longer"):
        parse.mod = "EQUAL_OR_MORE"
    return parse


_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|trillion|thousand|hundred|percent|cents?|dollars?|"
    r"shares?|[a-z]+s))\W{0,2}$"
)


def _after_amount(text: str, start: int) -> bool:
    """"$2 million a year", "four flights a week": a rate, which TimeML does not tag."""
    return _AMOUNT_BEFORE.search(text[max(0, start - 20):start].rstrip()) is not None


@rule(RULES, "duration_adjective", "UNIT", 30,
      r"(?<![\w-])(?P<n>{NUM_STRICT}|\d+(?:\.\d+)?)-(?P<u>{UNIT_SG})(?P<suf>-(?i:old|long))?"
      r"(?![\w-])"
      r"|(?<![\w-])(?P<u2>{UNIT})-(?i:long)(?![\w-])")
def _duration_adjective(match: re.Match[str], text: str) -> TimexParse | None:
    """"five-year", "16-hour", "decades-long"; not ages ("6-year-old"), which TimeML leaves out."""
    if match["suf"] and norm(match["suf"]) == "-old":
        return None
    parse = base(match, "duration", "DURATION")
    if match["u2"]:
        word = norm(match["u2"])
        unit = unit_of(word)
        amount = None if word in time_lexicon().plural_unit_words else 1.0
    else:
        unit = unit_of(match["u"])
        amount = amount_of(match["n"])
    parse.unit, parse.amount = unit, amount
    parse.duration = duration_value(amount, unit)
    return parse


_VAGUE_LEAD = (
    r"the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+past\s+several|"
    r"the\s+next\s+several|the\s+last\s+several|the\s+coming|the\s+past|the\s+last|the\s+next|"
    r"the\s+early|recent|coming|past|the\s+intervening"
)


@rule(RULES, "vague_duration", "UNIT", 45,
      r"(?:(?P<lead>(?i:" + _VAGUE_LEAD + r"))\s+)?(?P<u>{UNIT_PL})"
      r"(?:\s+(?P<tail>(?i:ahead|to\s+come|or\s+(?:days|weeks|months|years|decades)|"
      r"and\s+(?:days|weeks|months|years|decades))))?(?![\w-])")
def _vague_duration(match: re.Match[str], text: str) -> TimexParse | None:
    """"recent years", "the coming weeks", "for decades": a length of time left unspecified."""
    lead = norm(match["lead"])
    if not lead and not match["tail"]:
        if not licensed(text, match.start(), "vague_plural"):
            return None
        after = following_text(text, match.end(), 6)
        if re.match(r"\s+(?:of|old|before|after|ago|later|earlier)\b", after):
            return None
    parse = base(match, "duration", "DURATION")
    parse.unit = unit_of(match["u"])
    parse.amount = None
    parse.duration = duration_value(None, parse.unit)
    return parse


@rule(RULES, "set_adverb", "SETADV", 0, r"(?<![\w-])(?P<adv>{SET_ADVERB})(?![\w-])")
def _set_adverb(match: re.Match[str], text: str) -> TimexParse | None:
    word = norm(match["adv"])
    if word in time_lexicon().attributive_not_sets and re.match(
        r"\s+[a-z]", following_text(text, match.end(), 3)
    ):
        return None
    parse = base(match, "set", "SET")
    parse.duration = time_lexicon().set_adverbs[norm(match["adv"])]
    return parse


@rule(RULES, "set_every", "UNIT", 30,
      r"(?<![\w-])(?P<every>(?i:every|each|per))\s+(?:(?P<other>(?i:other))\s+)?"
      r"(?:(?P<n>{NUM_STRICT})\s+)?(?P<u>{UNIT_SG}|(?i:days|weeks|months|years|hours))(?![\w-])")
def _set_every(match: re.Match[str], text: str) -> TimexParse | None:
    """"every week" -> P1W, "every other day" -> P2D, "each year" -> P1Y."""
    unit = unit_of(match["u"])
    amount = amount_of(match["n"]) if match["n"] else 1.0
    if amount is None:
        return None
    if match["other"]:
        amount *= 2
    parse = base(match, "set", "SET")
    parse.unit = unit
    parse.duration = duration_value(amount, unit)
    return parse


@rule(RULES, "set_calendar", "WEEKDAY POD", 15,
      r"(?<![\w-])(?i:every|each)\s+(?:(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}))?|(?P<pod2>{POD}))"
      r"(?![\w-])")
def _set_calendar(match: re.Match[str], text: str) -> TimexParse | None:
    """"every Thursday" -> XXXX-WXX-4, "each morning" -> XXXX-XX-XXTMO."""
    parse = base(match, "set", "SET")
    pod = time_lexicon().parts_of_day.get(norm(match["pod"] or match["pod2"]))
    if match["wd"]:
        parse.weekday = weekday_of(match["wd"])
        parse.set_value = f"XXXX-WXX-{parse.weekday}" + (f"T{pod}" if pod else "")
    else:
        parse.set_value = f"XXXX-XX-XXT{pod}"
    return parse


_DAY_AFTER_TIME = (
    r"(?:\s*,?\s*(?:(?i:on\s+))?(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH_ANY})\s*(?P<d>{DAY})(?!\d)"
    r"|(?P<dd>(?i:yesterday|today|tomorrow|tonight))))?"
)


@rule(RULES, "clock_time", "DIGIT", 25,
      r"(?:(?P<q>(?i:about|around|approximately|roughly|shortly\s+(?:before|after)|"
      r"just\s+(?:before|after)))\s+)?"
      r"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>{AMPM})"
      r"(?:\s+(?P<tz>{TZ}))?" + _DAY_AFTER_TIME)
def _clock_time(match: re.Match[str], text: str) -> TimexParse | None:
    hour = int(match["h"]) % 12
    if match["ampm"].lower().startswith("p"):
        hour += 12
    return _time(match, hour, int(match["mi"] or 0))


@rule(RULES, "clock_24h", "DIGIT", 20,
      r"(?:(?P<q>(?i:about|around|approximately))\s+)?"
      r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3])[:](?P<mi>[0-5]\d)(?![\d:]|\.\d|\s*[-–]\s*\d)"
      r"(?:\s*(?P<tz>{TZ}|(?i:hours|hrs|GMT|local\s+time)))?" + _DAY_AFTER_TIME)
def _clock_24h(match: re.Match[str], text: str) -> TimexParse | None:
    if not match["tz"] and not match["q"] and not licensed(text, match.start(), "clock"):
        return None
    return _time(match, int(match["h"]), int(match["mi"]))


@rule(RULES, "clock_word", "CLOCK", 25,
      r"(?:(?P<q>(?i:about|around|shortly\s+before|shortly\s+after|just\s+before|just\s+after))"
      r"\s+)?(?<![\w-])(?P<cw>(?i:noon|midnight|midday))(?![\w-])" + _DAY_AFTER_TIME)
def _clock_word(match: re.Match[str], text: str) -> TimexParse | None:
    clock = time_lexicon().clock_words[norm(match["cw"])]
    hour, minute = (int(x) for x in clock.split(":"))
    return _time(match, hour, minute)


@rule(RULES, "clock_oclock", "DIGIT CLOCK POD", 25,
      r"(?<![\w:])(?P<h>1[0-2]|0?[1-9]|(?i:one|two|three|four|five|six|seven|eight|nine|ten|"
      r"eleven|twelve))(?:\s+(?i:o['’]clock))?\s+(?i:in\s+the)\s+(?P<pod>(?i:morning|afternoon|"
      r"evening))(?![\w-])"
      r"|(?<![\w:])(?P<h2>1[0-2]|0?[1-9]|(?i:one|two|three|four|five|six|seven|eight|nine|ten|"
      r"eleven|twelve))\s+(?i:o['’]clock)(?![\w-])")
def _clock_oclock(match: re.Match[str], text: str) -> TimexParse | None:
    word = norm(match["h"] or match["h2"])
    hour = int(word) if word.isdigit() else int(amount_of(word) or 0)
    pod = norm(match["pod"])
    if pod in ("afternoon", "evening") and hour < 12:
        hour += 12
    return _time(match, hour, 0)


def _time(match: re.Match[str], hour: int, minute: int) -> TimexParse:
    parse = base(match, "time", "TIME")
    parse.hour, parse.minute = hour, minute
    groups = match.groupdict()
    parse.mod = quantity(groups.get("q")) if groups.get("q") else None
    if groups.get("q") and norm(groups["q"]).startswith(("shortly", "just")):
        parse.mod = "BEFORE" if norm(groups["q"]).endswith("before") else "AFTER"
    if groups.get("wd"):
        parse.weekday = weekday_of(groups["wd"])
    if groups.get("mon"):
        parse.month, parse.day = month_of(groups["mon"]), day_of(groups["d"])
    if groups.get("dd"):
        parse.deictic_day = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[
            norm(groups["dd"])
        ]
    return parse


@rule(RULES, "year_range", "DIGIT4", 0,
      r"(?<![\d,.$£€])(?P<y1>1[0-9]{3}|20[0-9]{2})\s*[-–—]\s*(?P<y2>1[0-9]{3}|20[0-9]{2}|\d{2})"
      r"(?![\d%]|\s*%|-\w)")
def _year_range(match: re.Match[str], text: str) -> TimexParse | None:
    """"1950-53", "1950–1953": one range whose two ends keep their own offsets."""
    first = int(match["y1"])
    second_text = match["y2"]
    second = int(second_text)
    if len(second_text) == 2:
        second += first - first % 100
    if not first < second <= first + 100:
        return None
    start_part = TimexParse(match.start("y1"), match.end("y1"), match["y1"], "year", year=first)
    end_part = TimexParse(match.start("y2"), match.end("y2"), second_text, "year", year=second)
    parse = base(match, "range")
    parse.range_parts = (start_part, end_part)
    return parse
