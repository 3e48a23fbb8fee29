"""What a capture says about itself in its first lines: bylines, date stamps, wire datelines.

Cleaning takes these lines out of the body (:func:`newsgraph.ingest.text.leading_metadata`);
the time stage reads them as the capture's own dates, which win over any inference
(:mod:`newsgraph.timex.published`). One parser for both, so a form learnt here is learnt for
both. Dates are returned as written: normalizing them is the time grammar's job.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newsgraph.model import Article

# A line that ends a sentence (with closing quotes or brackets after the stop).
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")

_NAME_CONNECTORS = frozenset(
    {
        "de",
        "van",
        "von",
        "der",
        "den",
        "du",
        "da",
        "dos",
        "del",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "of",
        "the",
        "a",
        "our",
        "and",
        "&",
        "in",
        "for",
    }
)
_NAME_ROLE_WORDS = frozenset(
    {
        "staff",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "writer",
        "writers",
        "editor",
        "editors",
        "desk",
        "team",
        "agencies",
        "agency",
    }
)
_BYLINE_PREFIX = re.compile(r"(?:by|written by|posted by|words by|author\s*:)\s+", re.IGNORECASE)


def is_byline(line: str) -> bool:
    """Whether a line is only an author credit: "By Jane Doe and John Roe, Reuters".

    Every word after the prefix must look like part of a name (capitalized, a particle such as
    "van" or "al", or a role word such as "staff"), so "By Wednesday, the talks had ..." is a
    sentence, not a byline.
    """
    text = line.strip()
    match = _BYLINE_PREFIX.match(text)
    if not match or (SENTENCE_END.search(text) and not text.endswith(".")):
        return False
    rest = text[match.end() :].rstrip(".")
    words = re.findall(r"[^\s,;|/]+", rest)
    if not words or len(words) > 12:
        return False
    has_name = False
    for word in words:
        if word[0].isupper() or word.lower() in _NAME_ROLE_WORDS:
            has_name = True
        elif word.lower() not in _NAME_CONNECTORS:
            return False
    return has_name


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?"
_DATE = (
    rf"(?:{_WEEKDAY}\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
# A clock time, with a zone; "1: 32 PM" too, as copied text often spaces it.
_CLOCK = (
    r"\d{1,2}[:.]\s?\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?"
    r"(?:\s*\(?(?:gmt|utc|[a-z]{2,4}t)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?"
)
_TIME = rf"(?:\s*(?:,|at|-|–|\|)?\s*{_CLOCK})?"
_DATELINE = re.compile(
    rf"(?P<prefix>(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|date)"
    rf"(?:\s+by\s+[\w.'’ -]{{1,40}}?)?(?:\s+on)?\s*:?\s*)?)(?P<date>{_DATE}{_TIME})",
    re.IGNORECASE,
)


def parse_dateline(line: str) -> tuple[str, bool] | None:
    """``(date text, is_update)`` when the whole line is a date stamp, else ``None``.

    The date is returned as written: normalizing it is the time stage's job. ``is_update`` says
    the stamp is an "Updated ..." one, which is not the publication date.
    """
    match = _DATELINE.fullmatch(line.strip())
    if not match:
        return None
    prefix = match.group("prefix").lower()
    return match.group("date").strip(), "updated" in prefix or "modified" in prefix


_READING_TIME = re.compile(r"\d+\s*(?:min|mins|minute|minutes)\.?(?:\s+read)?", re.IGNORECASE)

_BARE_TIME = re.compile(_CLOCK, re.IGNORECASE)
# A short name beside a date on a stamp line: the outlet or the section ("RT", "World News").
_SHORT_NAME = re.compile(r"[A-Z][\w&'’.-]*(?:\s+[A-Z&][\w&'’.-]*){0,3}")
_METADATA_SEPARATORS = re.compile(r"\s+[|•·]\s+|\s+[—–-]\s+")


def metadata_line(line: str) -> list[tuple[str, bool]] | None:
    """The date stamps ``(date text, is_update)`` of a line made only of metadata, else None.

    Split on "|", "•" or a dash, every part must be a byline, a date stamp, a reading time or
    a clock time ("By Jane Doe | 26 July 2023 - 11:01 | 4 min read"); beside a date, a short
    capitalized name (the outlet) may stand too. A line of names alone is not metadata.
    """
    parts = [p.strip() for p in _METADATA_SEPARATORS.split(line) if p.strip()]
    stamps = [parse_dateline(p) for p in parts]
    found = [stamp for stamp in stamps if stamp is not None]
    for part, stamp in zip(parts, stamps, strict=True):
        if stamp is None and not (is_byline(part) or _READING_TIME.fullmatch(part)
                                  or (found and (_BARE_TIME.fullmatch(part)
                                                 or _SHORT_NAME.fullmatch(part)))):
            return None
    return found if parts else None


def bylines(line: str) -> list[str]:
    """The author credits of a metadata line, without their "By": "Jane Doe and John Roe"."""
    return [_BYLINE_PREFIX.sub("", part.strip(), count=1).strip(" .")
            for part in _METADATA_SEPARATORS.split(line) if is_byline(part.strip())]


# A wire dateline opening the body: "SEOUL, July 27 (Yonhap) --", "NEW DELHI, Aug. 14, 2022 —",
# "MOSCOW, July 26. /TASS/.".
_WIRE_DATELINE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Za-z .'’-]{{1,40}}),\s+(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})"
    r"(?:,?\s+(?P<year>\d{4}))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\)\s*[-–—]+|[-–—]+|\.?\s*/(?P<slashed>[A-Za-z .-]{2,30})/\.?)",
    re.IGNORECASE,
)


class Dateline(NamedTuple):
    """A wire dateline: its date as written (the year only when given), where it ends, the
    agency it names ("Yonhap" in "(Yonhap) --", "TASS" in "/TASS/"), if any, and the place it
    was filed from ("SEOUL"), as written."""

    year: int | None
    month: str
    day: int
    text: str
    end: int
    agency: str | None = None
    place: str | None = None


def wire_dateline(body: str) -> Dateline | None:
    """The wire dateline opening ``body``, if any."""
    match = _WIRE_DATELINE.match(body[:160])
    if not match:
        return None
    year = int(match["year"]) if match["year"] else None
    agency = (match["agency"] or match["slashed"] or "").strip() or None
    return Dateline(year, match["month"], int(match["day"]), match.group(0).strip(),
                    match.end(), agency, match["place"].strip())


# A place and an agency credit opening a paragraph, with or without a date: "WASHINGTON (AP) —",
# "Washington (AFP) –", "LONDON (Reuters) -", "CLEVELAND, July 19 (UPI) —".
_PLACE_CREDIT = re.compile(
    r"\s*[A-Z][A-Za-z.'’-]*(?:[ ][A-Z][A-Za-z.'’-]*){0,3}(?:,[ ][A-Za-z0-9., ]{1,30})?"
    r"[ ]?\([A-Z][A-Za-z .&/-]{0,29}\)[ ]?[-–—]+",
)


# A newspaper's dateline, a place in capitals with its country or state and a dash but no
# date or credit: "ISLAMABAD, Pakistan —", "GAZA CITY —", "KHARTOUM, Sudan -".
_PLACE_STAMP = re.compile(
    r"\s*[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
    r"(?:,[ ][A-Z][A-Za-z.'’-]*(?:[ ][A-Z][A-Za-z.'’-]*){0,2})?[ ]?[-–—]+[ ]",
)


def opening_stamp(paragraph: str) -> int | None:
    """Where a wire dateline or a place-and-agency credit opening ``paragraph`` ends, if one
    does: the words after it begin a sentence of their own ("WASHINGTON (AP) — Donald Trump
    said …" is Trump's saying, not Washington's)."""
    found = (_WIRE_DATELINE.match(paragraph[:160]) or _PLACE_CREDIT.match(paragraph[:120])
             or _PLACE_STAMP.match(paragraph[:80]))
    return found.end() if found else None


def filed(article: Article) -> str:
    """Where the article's wire dateline is: cut off the body by cleaning (``dropped``), or
    still opening it (an HTML page's body, a JSON record's text)."""
    return next((d.text for d in article.dropped if d.rule == "dateline"), article.body)


def article_dateline(article: Article) -> Dateline | None:
    """The wire dateline the article was filed under, wherever cleaning left it."""
    return wire_dateline(filed(article))
