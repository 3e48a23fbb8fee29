"""Publication dates: from metadata when a capture has them, else inferred from the text.

Evidence is gathered by small named functions, strongest first, and combined by
:func:`infer_published` into a :class:`~newsgraph.model.Published` with bounds, a confidence and
a basis a reader can check. What the text cannot pin down stays open: a year-less result keeps
its month and day as ``XXXX-MM-DD`` for the corpus step (:class:`CorpusEvidence`) to
finish, and an article with no evidence at all is ``unknown`` — never the day it
happened to be ingested.

How the text is read (news convention):
- a dateline ("MOSCOW, July 27 (Reuters) -") gives the day of writing;
- "the 70th anniversary of the armistice" gives the year (event year + 70) and, for widely
  commemorated events (``data/anniversaries.json``), the day the coverage centres on;
- a month and day without a year ("announced on September 11") that is not part of a recounted
  history means this year's date, and the article was written after it;
- a bare weekday refers to the week around that day: in the past tense ("Kim said Wednesday")
  the article is from that day or later, in the future ("is scheduled to close on Thursday")
  from before it;
- an explicit full date in the past tense is a lower bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache

from newsgraph.data import load
from newsgraph.ingest.stamps import filed, metadata_line, wire_dateline
from newsgraph.model import Article, Published, TimeExpr
from newsgraph.timex import tag
from newsgraph.timex.dates import NEWS_YEARS, safe_date
from newsgraph.timex.lexicon import time_lexicon

_CALENDAR = time_lexicon()  # the time grammar's own month and weekday tables
_FULL_WEEKDAYS = [w for w in _CALENDAR.weekdays if w not in _CALENDAR.weekday_abbreviations]
# Written ordinals an anniversary is counted in: the tagger's ("first", "twentieth"; not its
# "last" = -1) and the anniversary words (``anniversaries.json``: "seventieth", "centenary").
ORDINAL_WORDS: dict[str, int] = {
    **{word: n for word, n in _CALENDAR.ordinals.items() if n > 0},
    **load("anniversaries.json")["ordinals"],
}
FUTURE_CUES = re.compile(
    r"\b(" + "|".join(re.escape(cue) for cue in load("timex_cues.json")["clause_future_cues"])
    + r")\b",
    re.I,
)
_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_YEARLESS = re.compile(r"^XXXX-(\d{2})-(\d{2})")
_MONTH_VALUE = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_WEEKDAY = re.compile(r"\b(" + "|".join(_FULL_WEEKDAYS) + r")\b", re.I)
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)"
)
_ANNIVERSARY = re.compile(
    r"\b(?:the\s+)?(?P<ord>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)?\s*anniversary\s+of\s+"
    r"(?:the\s+)?(?P<what>[^.;:!?]{3,80})",
    re.I,
)
_ANNIVERSARY_BEFORE = re.compile(r"\b(?:the\s+)?(?P<what>[A-Za-z' -]{3,40}?)\s+anniversary\b", re.I)


# The source of a date a user set by hand: no later pass replaces it.
USER = "user"


@dataclass(frozen=True, slots=True)
class Anniversary:
    event: str
    event_date: date
    ordinal: int | None  # "70th" → 70; None for "the armistice anniversary"
    text: str


@cache
def _events() -> list[dict[str, object]]:
    return load("anniversaries.json")["events"]


def parse_date(value: str | None) -> date | None:
    """A metadata date string (ISO 8601, RFC 2822, or written out) as a date, else None.

    Years outside 1000-8999 count as malformed, as for :func:`anchors.parse_iso`: callers do
    date arithmetic around the day (story windows, report lags), which needs room either side.
    """
    day = _read_date(value)
    return day if day is not None and day.year in NEWS_YEARS else None


def _read_date(value: str | None) -> date | None:
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    # Written out ("March 8, 2024", "8 Mar 2024 09:30"): our own grammar reads it.
    for expr in tag(text, None):
        if (full := _FULL.match(expr.value or "")) and (
            day := safe_date(int(full[1]), int(full[2]), int(full[3]))  # not "February 31"
        ):
            return day
    return None


def from_metadata(article: Article) -> Published | None:
    """The date the capture itself gives (HTML meta, JSON field, reader metadata)."""
    day = parse_date(article.published_given)
    if day is None:
        return None
    iso = day.isoformat()
    return Published(iso, iso, iso, 0.95, "metadata", f"publication date in the {_where(article)}")


def _where(article: Article) -> str:
    return {"json": "JSON record", "warc": "archived page's metadata"}.get(
        article.format, "page metadata"
    )


def from_url(url: str | None) -> Published | None:
    """A date in the URL path (/2024/03/08/, /20240308/), as many news sites publish them."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    iso = day.isoformat()
    return Published(iso, iso, iso, 0.9, "metadata", f"date in the URL path ({match.group(0)})")


def dateline(body: str) -> tuple[int | None, int, int, str] | None:
    """``(year or None, month, day, text)`` of a wire-style dateline opening the body."""
    found = wire_dateline(body)
    if found is None:
        return None
    return found.year, _CALENDAR.months[found.month[:3].lower()], found.day, found.text


def from_dateline(article: Article) -> Published | None:
    """The day a dateline with a year gives ("NEW DELHI, Aug. 14, 2022 —"): the day of
    writing, as the capture states it."""
    line = dateline(filed(article))
    if line is None or line[0] not in NEWS_YEARS:
        return None
    year, month, day, text = line
    on = safe_date(year, month, day)
    if on is None:
        return None
    iso = on.isoformat()
    return Published(iso, iso, iso, 0.9, "metadata", f"dateline '{text}'")


def updated_on(article: Article) -> date | None:
    """The earliest "Updated …" stamp cleaning took from the top of the capture: the article
    was published on or before it."""
    days = [parse_date(text) for d in article.dropped if d.rule == "leading_metadata"
            for text, is_update in metadata_line(d.text) or () if is_update]
    return min(filter(None, days), default=None)


def anniversaries(body: str) -> list[Anniversary]:
    """Anniversaries of widely commemorated events the text mentions, with their ordinals."""
    lowered = body.lower()
    found = []
    for match in [*_ANNIVERSARY.finditer(body), *_ANNIVERSARY_BEFORE.finditer(body)]:
        what = match["what"].lower()
        ordinal = _ordinal(match.groupdict().get("ord"))
        for event in _events():
            phrases: list[str] = event["phrases"]  # type: ignore[assignment]
            context: list[str] = event["context"]  # type: ignore[assignment]
            if any(p in what for p in phrases) and (
                not context or any(c in lowered for c in context)
            ):
                found.append(Anniversary(
                    str(event["event"]), date.fromisoformat(str(event["date"])), ordinal,
                    match.group(0).strip(),
                ))
                break
    return found


def _ordinal(token: str | None) -> int | None:
    if not token:
        return None
    token = token.lower()
    if token[:-2].isdigit():
        return int(token[:-2])
    return ORDINAL_WORDS.get(token)


def is_future(expr: TimeExpr, body: str) -> bool:
    """Whether the clause around a time expression presents it as still to come."""
    start = max(body.rfind(".", 0, expr.start), body.rfind("\n", 0, expr.start)) + 1
    end = min(x for x in (body.find(".", expr.end), body.find("\n", expr.end), len(body))
              if x >= 0)
    return bool(FUTURE_CUES.search(body[start:end]))


@dataclass(slots=True)
class _Evidence:
    """What the text says, before a year is known."""

    month_day: tuple[int, int] | None = None
    month_day_basis: str = ""
    reference_is_past: bool = True  # the article was written on or after the reference day
    year: int | None = None
    year_basis: str = ""
    past_weekdays: tuple[tuple[int, str], ...] = ()
    future_weekdays: tuple[tuple[int, str], ...] = ()
    lower_bound: date | None = None
    lower_basis: str = ""


def gather(article: Article, timexes: list[TimeExpr]) -> _Evidence:
    """Collect the text's dating evidence (see the module docstring for how it is read)."""
    body = article.body
    evidence = _Evidence()
    line = dateline(filed(article))
    if line:
        year, month, day, text = line
        evidence.month_day, evidence.month_day_basis = (month, day), f"dateline '{text}'"
        if year in NEWS_YEARS:  # as parse_iso: room for the week around the day
            evidence.year, evidence.year_basis = year, f"dateline '{text}'"
    past_full, yearless = [], []
    for expr in timexes:
        value = expr.value or ""
        future = is_future(expr, body)
        if (full := _FULL.match(value)) and expr.type in ("DATE", "TIME") and not future:
            on = safe_date(int(full[1]), int(full[2]), int(full[3]))  # None: "February 31"
            if on and expr.granularity in ("day", "time") and expr.anchor != "published":
                past_full.append((on, expr.text))
        elif (month := _MONTH_VALUE.fullmatch(value)) and not future and (
                expr.anchor != "published"):  # "since February 2022": on or after its first day
            past_full.append((date(int(month[1]), int(month[2]), 1), expr.text))
        elif (partial := _YEARLESS.match(value)) and not future:
            yearless.append(((int(partial[1]), int(partial[2])), expr.text))
        weekday = _WEEKDAY.search(expr.text)
        if weekday and expr.granularity in ("day", "time", None) and not _FULL.match(value):
            entry = (_CALENDAR.weekdays[weekday[1].lower()] - 1, expr.text)  # Monday = 0
            if future:
                evidence.future_weekdays += (entry,)
            else:
                evidence.past_weekdays += (entry,)
    found = anniversaries(body)
    commemorated = {(a.event_date.month, a.event_date.day) for a in found}
    # A month and day that is a commemoration the text marks ("the miracle of July 27" beside
    # "the armistice anniversary") names the day, not this year's date in the past.
    yearless = [(day, text) for day, text in yearless if day not in commemorated]
    if evidence.month_day is None and yearless:
        (month_day, text) = max(yearless)
        evidence.month_day, evidence.month_day_basis = month_day, f"'{text}' (past, no year)"
    for anniversary in found:
        if evidence.year is None and anniversary.ordinal:
            evidence.year = anniversary.event_date.year + anniversary.ordinal
            evidence.year_basis = (
                f"'{anniversary.text}' ({anniversary.event}, {anniversary.event_date.year} "
                f"+ {anniversary.ordinal})"
            )
        if evidence.month_day is None:
            event_day = anniversary.event_date
            evidence.month_day = (event_day.month, event_day.day)
            evidence.month_day_basis = (
                f"'{anniversary.text}' ({anniversary.event}, {event_day:%d %B})"
            )
            evidence.reference_is_past = False
    if past_full:
        evidence.lower_bound, text = max(past_full)
        evidence.lower_basis = f"'{text}'"
    return evidence


@dataclass(frozen=True, slots=True)
class CorpusEvidence:
    """What the rest of the corpus and the knowledge base add to a text that cannot date
    itself. Other articles only choose among the dates the text allows (see
    :func:`_from_text`): sharing people never sets a year, a week or a day."""

    # (published, id) of the dated article that reports most of the same acts
    same_acts: tuple[str, str] | None = None
    # (year, id) of dated articles sharing the text's names
    related_years: tuple[tuple[int, str], ...] = ()
    # (earliest, latest, why): where the offices the text names its people with overlap
    terms: tuple[date | None, date | None, str] | None = None


def infer_published(
    article: Article,
    timexes: list[TimeExpr],
    *,
    corpus: CorpusEvidence | None = None,
) -> Published:
    """The article's publication date: metadata first, else what the text supports.

    ``timexes`` are the body's time expressions normalized without a publication date;
    ``corpus`` is what the corpus step found (see :class:`CorpusEvidence`).
    """
    if article.published is not None and article.published.source == USER:
        return article.published  # set by hand (newsgraph set-date): kept
    for found in (from_metadata(article), from_url(article.url), from_dateline(article)):
        if found:
            return found
    published = _from_text(article, timexes, corpus or CorpusEvidence())
    published = _capped(published, updated_on(article), "updated")
    return _capped(published, parse_date(article.captured), "captured by an archive")


def _capped(published: Published, cap_day: date | None, why: str) -> Published:
    """An upper bound from the capture (an archive's capture date, an "Updated" stamp): a
    page cannot be published after it."""
    if cap_day is None:
        return published
    cap = cap_day.isoformat()
    if published.latest is None or published.latest > cap:
        published.latest = cap
        published.basis += f"; {why} on {cap}"
        if published.value and not published.value.startswith("X") and published.value > cap:
            published.value = cap
    return published


def _from_text(article: Article, timexes: list[TimeExpr], corpus: CorpusEvidence
               ) -> Published:
    """Date a text from its own evidence; the corpus only chooses among what it allows.

    The text's bounds are its past dates (the article is written after them), the terms of
    office its people are named with, and the day it is read (never later). A month and day
    without a year take the year of a dated report of the same acts, if that falls within a
    month of it, or, when the bounds leave a finite set of candidate years, the one year in
    which the related articles of the corpus were published, if there is exactly one. Bare
    weekdays take the week of a dated report of the same acts. Anything else stays open.
    """
    evidence = gather(article, timexes)
    lower, upper = evidence.lower_bound, date.today()
    bounds = [f"after {evidence.lower_basis}"] if lower else []
    if corpus.terms:
        start, end, why = corpus.terms
        lower = max(filter(None, (lower, start)), default=None)
        upper = min(upper, end) if end else upper
        bounds.append(why)
    year, year_basis = evidence.year, evidence.year_basis
    confidence = 0.7
    same = _same_acts_day(corpus)
    if evidence.month_day and year is None:
        year, year_basis, confidence = _choose_year(evidence.month_day, lower, upper, same,
                                                   corpus.related_years)
    if same and evidence.month_day is None and (
            evidence.past_weekdays or evidence.future_weekdays):
        # Only weekdays: they name days of the week the same acts were reported in.
        evidence.month_day = (same[0].month, same[0].day)
        evidence.month_day_basis = f"the week of {same[1]}"
        evidence.reference_is_past = False
        year, year_basis, confidence = same[0].year, "", 0.45
    if evidence.month_day is None:
        if year is not None:
            return Published(None, f"{year}-01-01", f"{year}-12-31", 0.3, "inferred",
                             f"year from {year_basis}; no month or day in the text")
        if lower:
            return Published(None, lower.isoformat(), None, 0.0, "unknown",
                             "no date in the metadata; " + "; ".join(bounds))
        return Published(None, None, None, 0.0, "unknown", "nothing in the capture dates it")
    month, day = evidence.month_day
    if year is None:
        return Published(f"XXXX-{month:02d}-{day:02d}", lower.isoformat() if lower else None,
                         None, 0.1, "inferred",
                         f"month and day from {evidence.month_day_basis}; no year in the text"
                         + "".join(f"; {b}" for b in bounds))
    return _settle(evidence, _safe_date(year, month, day), year_basis, confidence)


def _same_acts_day(corpus: CorpusEvidence) -> tuple[date, str] | None:
    if corpus.same_acts is None:
        return None
    published, article_id = corpus.same_acts
    return (date.fromisoformat(published[:10]),
            f"a report of the same acts ({article_id}, published {published[:10]})")


def _choose_year(month_day: tuple[int, int], lower: date | None, upper: date,
                 same: tuple[date, str] | None, related: tuple[tuple[int, str], ...]
                 ) -> tuple[int | None, str, float]:
    """``(year, why, confidence)`` for a month and day, or ``(None, "", 0)``."""
    month, day = month_day
    candidates = ([y for y in range(lower.year, upper.year + 1)
                   if lower <= _safe_date(y, month, day) <= upper] if lower else None)
    if same:
        year = _year_nearest(month_day, same[0])
        near = abs((_safe_date(year, month, day) - same[0]).days) <= _SAME_ACTS_DAYS
        if near and (candidates is None or year in candidates):
            return year, same[1], 0.6
    if candidates is not None and len(candidates) == 1:
        return candidates[0], "the only year the text's bounds leave", 0.6
    if candidates and len(candidates) <= _FEW_YEARS:
        years = {y: i for y, i in related if y in candidates}
        if len(years) == 1:
            (year, article_id), = years.items()
            return year, (f"the one of {len(candidates)} candidate years ({candidates[0]}-"
                          f"{candidates[-1]}) in which related articles of the corpus were "
                          f"published (nearest: {article_id})"), 0.5
    return None, "", 0.0


# A report of the same acts dates a month and day only when it falls this close to it.
_SAME_ACTS_DAYS = 31
# Related articles may choose among this many candidate years at most: about a generation,
# the span of a head of state's years in office.
_FEW_YEARS = 30


def _settle(evidence: _Evidence, reference: date, year_basis: str, confidence: float
            ) -> Published:
    """Place the publication day around ``reference`` using weekdays and bounds."""
    earliest = reference if evidence.reference_is_past else reference - timedelta(days=7)
    latest = reference + timedelta(days=7)
    reasons = [f"year from {year_basis}"] if year_basis else []
    reasons.append(f"reference day {reference.isoformat()} from {evidence.month_day_basis}")
    for weekday, text in evidence.past_weekdays:
        day = _nearest_weekday(reference, weekday)
        if day > earliest:
            earliest = day
            reasons.append(f"'{text}' in the past = {day:%A %d %B %Y}")
    for weekday, text in evidence.future_weekdays:
        day = _nearest_weekday(reference, weekday)
        if day - timedelta(days=1) < latest:
            latest = max(day - timedelta(days=1), earliest)
            reasons.append(f"'{text}' still to come = {day:%A %d %B %Y}")
    if evidence.lower_bound and earliest < evidence.lower_bound <= latest:
        earliest = evidence.lower_bound
        reasons.append(f"after {evidence.lower_basis}")
    latest = max(latest, earliest)
    value = earliest if (evidence.reference_is_past or evidence.past_weekdays) else reference
    value = min(max(value, earliest), latest)
    return Published(value.isoformat(), earliest.isoformat(), latest.isoformat(), confidence,
                     "inferred", "; ".join(reasons))


def _nearest_weekday(reference: date, weekday: int) -> date:
    """The date with ``weekday`` nearest to ``reference`` (after it on a tie)."""
    ahead = (weekday - reference.weekday()) % 7
    return reference + timedelta(days=ahead) if ahead <= 3 else reference - timedelta(
        days=7 - ahead
    )


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February of a common year
        return date(year, month, 28)


def needs_year(published: Published) -> bool:
    """A text-inferred date whose year only the corpus can supply."""
    return bool(published.value and published.value.startswith("XXXX"))


def month_day(value: str | None) -> tuple[int, int] | None:
    """(month, day) of a stored yearless date ("XXXX-12-25"), else None."""
    found = _YEARLESS.match(value or "")
    return (int(found[1]), int(found[2])) if found else None


def undated(published: Published | None) -> bool:
    """No full publication date yet: the corpus may still help (see :class:`CorpusEvidence`);
    the store's SQL twin is :func:`newsgraph.store.store.dated`."""
    return published is None or published.value is None or needs_year(published)


def dated_value(published: Published | None) -> str | None:
    """The full publication date an article's stages read (who held an office then), or None
    while it is :func:`undated`."""
    return None if undated(published) else published.value  # type: ignore[union-attr]


def reprint_published(published: str, original_id: str) -> Published:
    """The date of an undated reprint: no earlier than its first dated copy, usually the same."""
    day = published[:10]
    return Published(day, day, None, 0.6, "inferred",
                     f"reprint of {original_id}, published {day}")


def _year_nearest(month_day: tuple[int, int], anchor: date) -> int:
    """The year that puts a month and day nearest to ``anchor``."""
    month, day = month_day
    return min(
        (anchor.year - 1, anchor.year, anchor.year + 1),
        key=lambda year: abs((_safe_date(year, month, day) - anchor).days),
    )
