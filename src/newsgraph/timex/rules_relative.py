"""Grammar rules for expressions that need an anchor: weekdays, "yesterday", "last year",
"three years ago", "two days later", "the same day", quarters and halves, holidays, and the
TimeML reference words ("now", "recently", "the near future").

What makes an expression *anaphoric* (resolved on the narrative's last date rather than on the
publication date) is decided here, from its words: "later", "earlier", "that", "the same",
"the following" point back into the text; "ago", "last", "this", "yesterday" point at the moment
of writing.
"""

from __future__ import annotations

import re

from newsgraph.timex.lexicon import time_lexicon
from newsgraph.timex.parse import TimexParse
from newsgraph.timex.rule import (
    Rule,
    amount_of,
    base,
    following_text,
    licensed,
    norm,
    ordinal_of,
    position,
    preceding_words,
    quantity,
    rule,
    unit_of,
    weekday_of,
)

RULES: list[Rule] = []

_ANAPHORIC = ("that", "the same", "that same", "the very same", "the following", "the previous",
              "the preceding", "the prior")
_POD_UNITS = frozenset(("morning", "afternoon", "evening", "night"))


def _pod(word: str | None) -> str | None:
    return time_lexicon().parts_of_day.get(norm(word)) if word else None


@rule(RULES, "deictic_day", "DEICTIC", 25,
      r"(?:(?P<pos>(?i:early|late|earlier|later|mid-?))\s*(?P<pod0>{POD})?\s*)?"
      r"(?P<dd>(?i:yesterday|today|tomorrow|tonight))(?:['’]s)?(?:\s+(?P<pod>{POD}))?(?![\w-])"
      r"|(?P<pod2>{POD})\s+(?P<dd2>(?i:yesterday|today|tomorrow))(?![\w-])"
      r"|(?i:the\s+day\s+(?P<beyond>before\s+yesterday|after\s+tomorrow))")
def _deictic_day(match: re.Match[str], text: str) -> TimexParse | None:
    parse = base(match, "deictic")
    if match["beyond"]:
        parse.deictic_day = -2 if norm(match["beyond"]).startswith("before") else 2
        return parse
    word = norm(match["dd"] or match["dd2"])
    parse.deictic_day = time_lexicon().deictic_days[word]
    pod = _pod(match["pod"] or match["pod0"] or match["pod2"])
    if word == "tonight":
        pod = "NI"
    if pod:
        parse.part_of_day = pod
        parse.type = "TIME"
    parse.mod, parse.share = position(match["pos"])
    return parse


@rule(RULES, "relative_unit", "UNIT POD", 40,
      r"(?P<pos>{POSITION})?(?P<rel>(?i:this\s+past|this\s+coming|the\s+past|the\s+last|the\s+next|"
      r"the\s+coming|the\s+current|the\s+previous|the\s+preceding|the\s+prior|the\s+following|"
      r"the\s+very\s+same|the\s+same|that\s+same|this|last|next|past|coming|current|previous|"
      r"following|that))\s+(?P<u>(?i:week|month|year|weekend|decade|fortnight|day|morning|"
      r"afternoon|evening|night))(?![\w-])")
def _relative_unit(match: re.Match[str], text: str) -> TimexParse | None:
    rel = norm(match["rel"])
    unit = norm(match["u"])
    parse = base(match, "relative")
    parse.mod, parse.share = position(match["pos"])
    if unit in _POD_UNITS:
        parse.type = "TIME"
        parse.part_of_day = _pod(unit)
        if rel in ("last",) and unit in ("night", "evening"):
            parse.deictic_day = -1
        elif rel in ("this", "current"):
            parse.deictic_day = 0
        elif rel in ("next", "the next", "the following"):
            parse.anaphoric = rel != "next"
            parse.unit, parse.offset = "day", 1
        elif rel in ("the previous", "the preceding", "the prior"):
            parse.anaphoric = True
            parse.unit, parse.offset = "day", -1
        elif rel in ("that", "the same", "that same", "the very same"):
            parse.anaphoric = True
            parse.unit, parse.offset = "day", 0
        else:
            return None
        return parse
    parse.unit = unit
    if rel in _ANAPHORIC or (rel == "the next" and unit == "day"):
        parse.anaphoric = True
        parse.unit = unit
        parse.offset = {"the following": 1, "the next": 1, "the previous": -1,
                        "the preceding": -1, "the prior": -1}.get(rel, 0)
        return parse
    if unit == "day":
        return None
    parse.relation = time_lexicon().relations.get(rel, 0)
    return parse


@rule(RULES, "position_of_unit", "UNIT", 35,
      r"(?P<pos>(?i:(?:the\s+)?(?:beginning|start|middle|end|close)\s+of|(?:earlier|later)\s+in))"
      r"\s+(?i:the)\s+(?P<u>(?i:year|month|week|decade|century|day))(?![\w-])")
def _position_of_unit(match: re.Match[str], text: str) -> TimexParse | None:
    """"the end of the year", "earlier in the year": a part of the current unit."""
    parse = base(match, "relative")
    pos = norm(match["pos"]).replace(" in", "")
    parse.mod, parse.share = position(pos)
    parse.unit = norm(match["u"])
    if parse.unit == "day":
        parse.anaphoric = True
        parse.offset = 0
    else:
        parse.relation = 0
    return parse


@rule(RULES, "bare_unit", "UNIT", 35,
      r"(?<![\w-])(?i:the)\s+(?P<adj>(?i:(?:full|whole|entire|current|calendar|fiscal)\s+)*)"
      r"(?P<u>(?i:year|week|month|weekend))(?![\w-]|['’]s|\s+(?i:of|before|after|ago|earlier|"
      r"later|in|to|that|when|since)\b)")
def _bare_unit(match: re.Match[str], text: str) -> TimexParse | None:
    """"the year" after "for"/"over" is a length of time, else the current one ("in the year")."""
    before = preceding_words(text, match.start())
    parse = base(match, "relative")
    unit = norm(match["u"])
    parse.unit = unit
    if unit == "weekend":
        parse.kind = "weekend"
        return parse
    if before and before[0] in time_lexicon().context["length"]:
        parse.type = "DURATION"
        parse.duration = {"year": "P1Y", "week": "P1W", "month": "P1M"}[unit]
        return parse
    current = unit == "year" and "current" in norm(match["adj"])
    if not current and not licensed(text, match.start(), "current_unit"):
        return None
    parse.relation = 0
    return parse


@rule(RULES, "offset", "UNIT", 50,
      r"(?:(?P<q>{QUANTITY})\s+)?(?P<n>{NUM})\s+(?:(?i:more|additional|full|long)\s+)?"
      r"(?P<u>{UNIT})(?P<orso>\s+(?i:or\s+so|or\s+two|or\s+more))?\s+"
      r"(?P<dir>(?i:ago|earlier|later|before|after|from\s+now|hence|afterwards?|previously|on|"
      r"back))(?![\w-])"
      r"|(?P<vq>(?i:some|several|many|a\s+few|few))?\s*(?P<vu>{UNIT_PL})\s+(?P<vdir>(?i:ago|"
      r"earlier|later|from\s+now|hence))(?![\w-])")
def _offset(match: re.Match[str], text: str) -> TimexParse | None:
    """"three years ago" (deictic) and "two days later" (anaphoric)."""
    lex = time_lexicon()
    if match["vu"]:
        parse = base(match, "offset")
        parse.ref = "FUTURE_REF" if norm(match["vdir"]) in ("later", "from now", "hence") \
            else "PAST_REF"
        return parse
    direction = norm(match["dir"])
    if direction in ("before", "after", "on", "back"):
        after = following_text(text, match.end(), 4)
        if after and not re.match(r"\s*(?:[,.;:)!?\"”]|$|and\b|—|–|-)", after):
            return None
    unit = unit_of(match["u"])
    if unit in ("weekend",):
        return None
    amount = amount_of(match["n"])
    parse = base(match, "offset")
    parse.unit = unit
    parse.amount = amount
    parse.mod = quantity(match["q"]) or ("APPROX" if match["orso"] else None)
    sign = lex.offset_directions.get(direction, -1)
    parse.anaphoric = direction in lex.anaphoric_offsets or direction == "on"
    if amount is None:
        parse.ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return parse
    parse.offset = sign * round(amount) if amount >= 1 else 0
    if unit in ("hour", "minute", "second"):
        parse.type = "TIME"
    return parse


@rule(RULES, "year_ago", "UNIT", 35,
      r"(?P<det>(?i:the|a|its|their)\s+)?(?:(?i:comparable|corresponding|same)\s+)?"
      r"(?P<adj>(?i:year-ago|year-earlier|a-year-ago|year-before|prior-year|year-previous))"
      r"(?:\s+(?P<q>(?i:first|second|third|fourth))[\s-]+(?i:quarter)"
      r"|\s+(?P<what>(?i:quarter|period)))?(?![\w-])")
def _year_ago(match: re.Match[str], text: str) -> TimexParse | None:
    """"year-earlier", "the year-ago quarter": the period under discussion, one year back."""
    parse = base(match, "year_ago")
    parse.unit = "year"
    parse.offset = -1
    parse.anaphoric = True
    if match["q"]:
        parse.quarter = ordinal_of(match["q"])
    elif match["what"] and norm(match["what"]) == "quarter":
        parse.unit = "quarter_year"
    return parse


@rule(RULES, "quarter", "QUARTER", 55,
      r"(?P<det>(?i:(?:the|its|their|a|an)\s+))?"
      r"(?P<ry>(?i:(?:this|last|next)\s+year['’]s\s+))?"
      r"(?P<adj>(?i:(?:flat|strong|weak|fiscal|calendar|comparable|same)[\s-]+)*)"
      r"(?:(?P<y1>{YEAR})\s+)?(?:(?i:fiscal)[\s-]+)?"
      r"(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last))[\s-]+(?:(?i:fiscal)\s+)?"
      r"(?i:quarter)(?P<pl>s)?(?:\s+(?i:of)\s+(?:(?i:fiscal|the\s+year)\s+)?(?P<y2>{YEAR}))?"
      r"(?:\s+(?P<ry2>(?i:last|this|next))\s+year)?(?![\w-])")
def _quarter(match: re.Match[str], text: str) -> TimexParse | None:
    word = norm(match["q"])
    year = match["y1"] or match["y2"]
    parse = base(match, "quarter")
    if match["pl"]:
        if year:
            return None
        parse.type = "SET"
        parse.set_value = f"XXXX-Q{ordinal_of(word)}" if word not in ("last", "final") else None
        return parse if parse.set_value else None
    if word in ("last", "final") and not year:
        if norm(match["det"]) in ("a", "an"):
            return None
        parse.kind = "relative"
        parse.unit, parse.relation = "quarter", -1
        return parse
    parse.quarter = 4 if word in ("last", "final") else ordinal_of(word)
    if year:
        parse.year = int(year)
    ry = norm(match["ry"]).split(" ")[0] if match["ry"] else norm(match["ry2"])
    if ry:
        parse.relative_year = time_lexicon().relations[ry]
    return parse


@rule(RULES, "relative_quarter", "QUARTER", 55,
      r"(?P<det>(?i:the|this|that|its|last|next|a|their))\s+"
      r"(?P<adj>(?i:(?:current|latest|most\s+recent|past|previous|prior|preceding|same|"
      r"comparable|following|next|coming|just-ended|just\s+ended|recent|fiscal|latest\s+fiscal)"
      r"[\s-]+)*)(?P<what>(?i:quarter|period))(?![\w-]|\s+(?i:of)\b)")
def _relative_quarter(match: re.Match[str], text: str) -> TimexParse | None:
    """"the quarter", "the latest quarter", "last quarter": a quarter relative to the report."""
    det, adj = norm(match["det"]), norm(match["adj"])
    what = norm(match["what"])
    if det == "a" or (what == "period" and not re.search(r"latest|comparable|same|current", adj)):
        return None
    parse = base(match, "relative")
    parse.unit = "quarter"
    if det == "last" or re.search(r"latest|most recent|past|previous|prior|preceding|just", adj):
        parse.relation = -1
    elif det == "next" or re.search(r"following|next|coming", adj):
        parse.relation = 1
    elif det == "this" or "current" in adj:
        parse.relation = 0
    else:
        parse.anaphoric = True
        parse.offset = 0
    return parse


@rule(RULES, "half", "QUARTER", 25,
      r"(?:(?i:the)\s+)?(?P<h>(?i:first|second|last|latter|back))\s+(?i:half)"
      r"(?:\s+(?i:of)\s+(?:(?P<y>{YEAR})|(?:(?i:the\s+year)|(?P<ry>(?i:this|last|next))\s+"
      r"(?i:year))))?(?![\w-])"
      r"|(?:(?i:the)\s+)?(?i:first\s+two\s+quarters)(?:\s+(?i:of)\s+(?P<y3>{YEAR}))?")
def _half(match: re.Match[str], text: str) -> TimexParse | None:
    parse = base(match, "half")
    if match["h"]:
        after = following_text(text, match.end(), 8)
        if re.match(r"\s+of\b", after):
            return None
        if not (match["y"] or match["ry"] or "year" in match.group(0).lower()) and (
            not licensed(text, match.start(), "half")
        ):
            return None
        parse.half = 1 if norm(match["h"]) == "first" else 2
        if match["y"]:
            parse.year = int(match["y"])
        elif match["ry"]:
            parse.relative_year = time_lexicon().relations[norm(match["ry"])]
        else:
            parse.relative_year = 0
    else:
        parse.half = 1
        if match["y3"]:
            parse.year = int(match["y3"])
        else:
            parse.relative_year = 0
    return parse


@rule(RULES, "weekday", "WEEKDAY", 20,
      r"(?:(?P<pos>(?i:early|late|earlier|later|mid-?))\s*"
      r"|(?P<rel>(?i:last|this\s+coming|this\s+past|this|next|the\s+previous|the\s+following|"
      r"the\s+next|that|the\s+same))\s+)?(?P<wd>{WEEKDAY})(?P<pl>s)?(?![\w-])(?:['’]s)?"
      r"(?:\s+(?P<pod>{POD}))?(?![\w-])")
def _weekday(match: re.Match[str], text: str) -> TimexParse | None:
    parse = base(match, "weekday")
    parse.weekday = weekday_of(match["wd"])
    pod = _pod(match["pod"])
    if match["pl"] or (match["pod"] and norm(match["pod"]).endswith("s")):
        parse.type = "SET"
        parse.set_value = f"XXXX-WXX-{parse.weekday}" + (f"T{pod}" if pod else "")
        return parse
    if pod:
        parse.part_of_day = pod
        parse.type = "TIME"
    parse.mod, parse.share = position(match["pos"])
    rel = norm(match["rel"])
    if rel in ("that", "the same"):
        parse.anaphoric = True
    elif rel in ("the previous", "the following", "the next"):
        parse.anaphoric = True
        parse.relation = -1 if rel == "the previous" else 1
    elif rel:
        parse.relation = time_lexicon().relations.get(rel, 0)
    return parse


@rule(RULES, "holiday", "HOLIDAY", 35,
      r"(?:(?P<rel>(?i:last|this|next|this\s+coming|this\s+past))\s+)?(?P<h>{HOLIDAY})"
      r"(?:\s+(?P<y>{YEAR}))?(?:\s+(?P<wk>(?i:week|weekend)))?(?![\w-])")
def _holiday(match: re.Match[str], text: str) -> TimexParse | None:
    name = norm(match["h"])
    if name == "new year" and not re.search(r"(?i)\bnew year['’]?s?\b", match.group(0)):
        return None
    parse = base(match, "holiday")
    parse.holiday = name
    if match["y"]:
        parse.year = int(match["y"])
    rel = norm(match["rel"])
    if rel:
        parse.relation = time_lexicon().relations.get(rel, 0)
    if match["wk"]:
        parse.unit = norm(match["wk"])
    return parse


@rule(RULES, "reference", "REF", 25,
      r"(?<![\w-])(?P<r>{REFS})(?![\w-])")
def _reference(match: re.Match[str], text: str) -> TimexParse | None:
    word = norm(match["r"])
    parse = base(match, "reference")
    parse.ref = time_lexicon().refs[word]
    if word == "current":
        after = following_text(text, match.end(), 20)
        if not re.match(r"\s+[a-z]", after):
            return None
    return parse


@rule(RULES, "year_end", "UNIT", 15,
      r"(?<![\w-])(?:(?P<q>(?i:around|about))\s+)?(?:(?i:the)\s+)?"
      r"(?i:year[\s-]end|year['’]s\s+end)(?![\w-])")
def _year_end(match: re.Match[str], text: str) -> TimexParse | None:
    """"year-end", "around year end": the end of the current year."""
    parse = base(match, "relative")
    parse.unit, parse.relation = "year", 0
    parse.mod, parse.share = position("end of")
    if match["q"]:
        parse.mod = "APPROX"
    return parse


@rule(RULES, "part_of_day", "POD", 5,
      r"(?<![\w-])(?P<pod>(?i:mid[\s-]?afternoon|mid[\s-]?morning|overnight))(?![\w-])")
def _part_of_day(match: re.Match[str], text: str) -> TimexParse | None:
    """"mid-afternoon", "overnight" on their own: a part of the day being talked about."""
    parse = base(match, "time", "TIME")
    word = norm(match["pod"]).replace("-", " ").replace("mid ", "mid")
    parse.part_of_day = {"midafternoon": "AF", "midmorning": "MO"}.get(word, "NI")
    if word.startswith("mid"):
        parse.mod = "MID"
    return parse
