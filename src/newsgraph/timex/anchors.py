"""Which anchor an expression takes: the publication date, a recounted history, or the
last date talked about; and the per-document state that tracks them.

Anchors, decided per expression:

* **absolute** — the text states the year (or decade, century): "June 25, 1950", "the 1940s".
* **published** — deictic words point at the moment of writing: "yesterday", "last year",
  "three years ago", "this week", and, outside a recounted history, bare calendar words:
  "Wednesday", "July 27", "early October", "Victory Day".
* **narrative** — anaphoric words point back into the text ("two days later", "the same day",
  "that year", "the following month"), and bare calendar words inside a recounted history take
  their year (or week) from the history. The reference is the last DATE resolved before.

The historical-passage rule (for bare calendar words: month-day dates, months, seasons,
holidays, weekdays) reads the word against the last *explicit full date* ("On August 8, 1945")
when all of these hold:

* that date is in the same sentence or one of the :data:`NARRATIVE_SENTENCES` before (for a
  weekday: the same sentence), and lies at least :data:`HISTORY_DAYS` before the publication
  date (or there is no publication date);
* the word's clause is not in the future tense (what is still to come is not history);
* read against that date, the word lands at most a week before it and at most
  :data:`NARRATIVE_STEP_DAYS` after it, as a narration moves forward in small steps.

Otherwise the publication date anchors it. So "on August 9" after "On August 8, 1945" is
1945-08-09 and "In early October" after "on October 1, 1950" is 1950-10, while "announced on
March 2" two sentences after "founded on April 4, 1949" is this year's March 2, and a year or a
month mentioned in passing ("the August 1988 cease-fire") never starts a history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.timex.context import sentence_of, sentence_starts, tense
from newsgraph.timex.dates import NEWS_YEARS, iso_day
from newsgraph.timex.parse import TimexParse
from newsgraph.timex.values import Resolved, day_value

HISTORY_DAYS = 183
"""How far before publication an explicit date must lie for its passage to count as history."""


NARRATIVE_SENTENCES = 2
"""How many sentences back an explicit date keeps anchoring bare calendar words."""


NARRATIVE_STEP_DAYS = 120
"""How far past the history's last date a bare date may lie and still continue the history."""


@dataclass(slots=True)
class Ref:
    """The narrative reference: the last resolved date, and where it was."""

    resolved: Resolved
    sentence: int
    explicit: bool


class Doc:
    """Per-document state: anchor, sentences, the narrative reference so far."""

    def __init__(self, text: str, published_day: str | None, starts: list[int] | None
                 ) -> None:
        self.text = text
        self.published_day = parse_iso(published_day)
        self.starts = starts if starts is not None else sentence_starts(text)
        self.given_sentences = starts is not None
        self.last: Ref | None = None
        self.last_explicit: Ref | None = None
        self.last_quarter: Resolved | None = None

    def sentence(self, offset: int) -> int:
        return sentence_of(self.starts, offset)

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end

    def tense(self, parse: TimexParse) -> str | None:
        index = self.sentence(parse.start)
        return tense(self.text, parse.start, parse.end, self.sentence_bounds(index))


def parse_iso(value: str | None) -> date | None:
    """An ISO date string as a date; None for missing, underspecified or malformed ones.

    Years outside 1000-8999 count as malformed: no news is dated there, and the calendar
    arithmetic around an anchor needs room on both sides.
    """
    day = iso_day(value)
    return day if day is not None and day.year in NEWS_YEARS else None


def remember(
    doc: Doc, resolved: Resolved, sentence: int, explicit: bool, *, quarter: bool
) -> None:
    """Move the narrative reference on; a quarter named as such becomes the report period.

    Only quarters the text names ("the third quarter", "the latest quarter") set the report
    period that "a year earlier" and "the year-ago quarter" count back from, so that a
    year-ago quarter never becomes the period a second "year-ago" counts back from again.
    A date outside the years :func:`parse_iso` accepts ("12/31/9999") anchors nothing either.
    """
    if resolved.earliest is None:
        return
    last = resolved.latest or resolved.earliest
    if resolved.earliest.year not in NEWS_YEARS or last.year not in NEWS_YEARS:
        return  # no room around it for the arithmetic ("the next day" after 9999-12-31)
    ref = Ref(resolved, sentence, explicit)
    doc.last = ref
    if explicit:
        doc.last_explicit = ref
    if quarter and resolved.granularity in ("quarter", "half"):
        doc.last_quarter = resolved


def narrative(doc: Doc, parse: TimexParse, sentence: int, need: str) -> Resolved | None:
    """The history's last explicit date when the passage is a recounted history, else None.

    ``need`` is the finest granularity the expression must borrow: ``year`` (month-day dates,
    months, seasons, holidays) or ``day`` (weekdays, clock times, only in the date's own
    sentence). The history's date must be a day ("On August 8, 1945"): a year or a month
    mentioned in passing ("the August 1988 cease-fire") does not make a narrative, and a clause
    in the future tense is about what is still to come, not about the history.
    """
    ref = doc.last_explicit
    if ref is None or ref.resolved.latest is None or ref.resolved.granularity != "day":
        return None
    if sentence - ref.sentence > NARRATIVE_SENTENCES:
        return None
    if need == "day" and ref.sentence != sentence:
        return None
    day = doc.published_day
    if day is not None and (day - ref.resolved.latest).days < HISTORY_DAYS:
        return None
    if doc.tense(parse) == "future":
        return None
    return ref.resolved


def continues(history: date, found: Resolved) -> bool:
    """Whether a date read against the history stays close after it, as a narration moves on."""
    if found.earliest is None or found.latest is None:
        return False
    return found.latest >= history - timedelta(days=7) and (
        (found.earliest - history).days <= NARRATIVE_STEP_DAYS
    )


def anchored(
    parse: TimexParse, doc: Doc, sentence: int, need: str,
    read: Callable[[date, str], Resolved],
) -> Resolved | None:
    """Read a bare calendar word against the history if it continues it, else publication.

    Returns None when there is no anchor at all (the caller writes an underspecified value).
    """
    history = narrative(doc, parse, sentence, need)
    if history is not None and history.earliest is not None:
        found = read(history.earliest, "narrative")
        if continues(history.earliest, found):
            return found
    if doc.published_day is not None:
        return read(doc.published_day, "published")
    return None


def anaphoric_anchor(doc: Doc, parse: TimexParse) -> tuple[Resolved | None, str]:
    """What "two days later" / "the same day" count from: the last date, else publication.

    A counted offset ("two days later", "a year earlier") reaches back only to a date in its
    own or the previous :data:`NARRATIVE_SENTENCES` sentences; further away, "a year earlier"
    compares with the time of writing, as in financial reports. Demonstratives ("that day",
    "the following year") always refer to the last date, however far back.
    """
    last = doc.last
    if last is not None and (
        parse.kind != "offset" or doc.sentence(parse.start) - last.sentence <= NARRATIVE_SENTENCES
    ):
        return last.resolved, "narrative"
    if doc.published_day is not None:
        day = doc.published_day
        return Resolved(day.isoformat(), "day", day, day, "published"), "published"
    return None, "absolute"


def clock_day(doc: Doc, sentence: int) -> Resolved:
    """The day a bare clock time falls on: the day just talked about, else publication day.

    "Bombs exploded Friday ... at about 10:35 a.m." puts the time on that Friday, so a day
    named in the same or the previous sentence wins over the publication date.
    """
    last = doc.last
    if last is not None and last.resolved.granularity == "day" and last.resolved.earliest and (
        sentence - last.sentence <= 1
    ):
        label = "narrative" if last.explicit else last.resolved.anchor
        return day_value(last.resolved.earliest, label)
    if doc.published_day is not None:
        return day_value(doc.published_day, "published")
    return Resolved("XXXX-XX-XX", "day")
