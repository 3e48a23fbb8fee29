"""When an act happened, and whether that is news, history or an announcement.

The two clocks: an event's time is the time expression governing its clause ("on March 2,
1962"); else the narrative anchor, the last explicit date the article gave before it in the
same stretch of text ("In 1962, … Cairo supplied Yemen"); else the publication date, and
the event says which (``time_basis``). ``time_status`` then follows the gold README's rule:
future when announced or planned or after publication, current within the 31 days before
publication (a day of slack), historical otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newsgraph.data import load
from newsgraph.model import Article, TimeExpr
from newsgraph.syntax import Tree
from newsgraph.timex.published import parse_date, undated

CURRENT_DAYS = 31
# The time status of an act whose status differs across the days its article may be from.
UNDECIDED = "undecided"
SLACK_DAYS = 1
# How far back the narrative anchor reaches, in sentences (never across a paragraph's start).
NARRATIVE_SENTENCES = 4
# Clauses that describe a noun: their dates are the noun's, not the narrative's.
ASIDES = frozenset({"relcl", "acl", "appos"})
PAST_TAGS = frozenset({"VBD"})
PRESENT_TAGS = frozenset({"VBZ", "VBP", "MD"})
# Dependencies through which a non-finite verb takes its tense from the verb above it
# ("began pushing", "helped push", "sending volunteers").
NON_FINITE = frozenset({"xcomp", "advcl", "acl", "conj", "pcomp", "dobj", "pobj", "prep",
                        "nsubj", "nsubjpass", "attr", "npadvmod"})


@dataclass(slots=True)
class When:
    time: str | None = None
    earliest: str | None = None
    latest: str | None = None
    granularity: str | None = None
    basis: str | None = None  # timex | narrative | published


def dated(expr: TimeExpr) -> bool:
    return expr.type in ("DATE", "TIME") and expr.earliest is not None


class Clock:
    """The article's dated expressions, sentence by sentence, and its publication date."""

    def __init__(self, article: Article, tree: Tree) -> None:
        self.tree = tree
        self.body = article.body
        published = None if undated(article.published) else article.published
        self.published_day = published.value if published else None
        # The days the publication may fall on: one for a stated date, an interval for an
        # inferred one, which the acts told relative to it inherit.
        self.published_from = published.earliest or published.value if published else None
        self.published_to = published.latest if published else None
        self.by_sentence: dict[int, list[TimeExpr]] = {}
        for expr in sorted([*article.timexes, *periods(article.body)], key=lambda e: e.start):
            if dated(expr):
                token = tree.token_at(expr.start)
                sentence = tree.tokens[token].sentence if token is not None else expr.sentence
                self.by_sentence.setdefault(sentence, []).append(expr)
        self.sentences = article.sentences

    def when(self, clause: set[int], predicate: int) -> When:
        """The time of the act whose clause holds these tokens."""
        tree = self.tree
        sentence = tree.tokens[predicate].sentence
        inside = [
            e for e in self.by_sentence.get(sentence, [])
            if (t := tree.token_at(e.start)) is not None and t in clause
        ]
        if inside:
            at = tree.tokens[predicate].start
            expr = min(inside, key=lambda e: abs(e.start - at))
            return When(expr.value, expr.earliest, expr.latest, expr.granularity, "timex")
        anchor = self._narrative(sentence, predicate)
        if anchor is not None:
            return When(anchor.value, anchor.earliest, anchor.latest, anchor.granularity,
                        "narrative")
        if self.published_day is None:
            return When()
        return When(self.published_day, self.published_from, self.published_to, "day",
                    "published")

    def _narrative(self, sentence: int, predicate: int) -> TimeExpr | None:
        """The last date before the predicate, in this or the few sentences before it, when
        it is history and the act is told in the past tense ("In 1962 … Cairo supplied").

        The reach crosses into an earlier paragraph only from one that tells history (two
        historical dates or more) and never across a heading: a lone dated aside ("… for the
        last time in February of 2018.") does not date the news that follows it."""
        if not past(self.tree, predicate):
            return None
        for back in range(NARRATIVE_SENTENCES + 1):
            index = sentence - back
            if index < 0 or (back and self._heading(index)):
                return None
            if back and self._paragraph_break(index, index + 1) and not self._history(index):
                return None
            candidates = self._anchors(index, predicate if back == 0 else None)
            if candidates:
                last = candidates[-1]
                historical = self.status(last.earliest, last.latest, False) == "historical"
                return last if historical else None
        return None

    def _anchors(self, sentence: int, predicate: int | None) -> list[TimeExpr]:
        """Dates a sentence sets the narrative to: those outside the clauses that describe a
        noun ("In 1962, …", "After Egypt sent troops in 1962, …", "…, taking part in air
        battles during the Gulf War"), not one in an aside ("a monument to those who died in
        1917"); in the predicate's own sentence the nearest last."""
        tree = self.tree
        asides = {t for i in tree.sentence_tokens.get(sentence, [])
                  if tree.tokens[i].dep in ASIDES for t in tree.subtree(i)}
        found = [e for e in self.by_sentence.get(sentence, [])
                 if tree.token_at(e.start) not in asides]
        if predicate is not None:
            at = tree.tokens[predicate].start
            return sorted(found, key=lambda e: -abs(e.start - at))
        return found

    def _history(self, sentence: int) -> bool:
        """Whether the paragraph ending with this sentence tells history."""
        count = 0
        index = sentence
        while index >= 0:
            count += sum(self.status(e.earliest, e.latest, False) == "historical"
                         for e in self.by_sentence.get(index, []))
            if index == 0 or self._paragraph_break(index - 1, index):
                break
            index -= 1
        return count >= 2

    def _heading(self, sentence: int) -> bool:
        """A line without closing punctuation: a section heading."""
        text = self.body[self.sentences[sentence].start : self.sentences[sentence].end].strip()
        return bool(text) and text[-1] not in ".!?\"'”’)…:"

    def _paragraph_break(self, first: int, second: int) -> bool:
        """Whether a paragraph ends between two sentences: a line break in the whitespace
        that ends the first (a sentence's span may carry its trailing whitespace)."""
        if second >= len(self.sentences):
            return False
        segment = self.body[self.sentences[first].start : self.sentences[second].start]
        return "\n" in segment[len(segment.rstrip()):]

    def status(self, earliest: str | None, latest: str | None, future: bool) -> str:
        """current | historical | future, by the gold README's rule, for every day the
        publication may fall on; ``undecided`` when those days disagree (an act of late
        June in an article of June or August)."""
        if future:
            return "future"
        start, end = parse_date(earliest), parse_date(latest or earliest)
        first, last = parse_date(self.published_from), parse_date(self.published_to)
        if first is None or start is None or end is None:
            return "current"
        statuses = {_status(start, end, first), _status(start, end, last or first)}
        return statuses.pop() if len(statuses) == 1 else UNDECIDED


def _status(start: date, end: date, published: date) -> str:
    if start > published + timedelta(days=SLACK_DAYS):
        return "future"
    window = published - timedelta(days=CURRENT_DAYS + SLACK_DAYS)
    return "current" if end >= window else "historical"



def past(tree: Tree, token: int) -> bool:
    """Whether the clause holding ``token`` is told in the simple past ("assisted", "was
    sent", "had dispatched"; "began pushing" through its finite verb; a noun through the
    verb governing it). The present perfect ("have denied") is not: it reports news."""
    current: int | None = token
    for _ in range(6):
        if current is None:
            return False
        tag = tree.tokens[current].tag
        auxiliaries = [tree.tokens[k].tag for k in tree.kids(current, "aux", "auxpass")]
        if any(t in PRESENT_TAGS for t in auxiliaries):
            return False
        if any(t in PAST_TAGS for t in auxiliaries) or tag in PAST_TAGS:
            return True
        if tag in PRESENT_TAGS:
            return False
        if tree.tokens[current].dep not in NON_FINITE:
            return False
        current = tree.head(current)
    return False


@lru_cache(maxsize=1)
def _period_pattern() -> tuple[re.Pattern[str], dict[str, tuple[int, int]]]:
    years: dict[str, tuple[int, int]] = {}
    for entry in load("historical_periods.yaml"):
        for name in entry["names"]:
            years[name] = (int(entry["from"]), int(entry["to"]))
    names = "|".join(re.escape(n) for n in sorted(years, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:during|in|throughout|amid)\s+(?:the\s+)?({names})\b",
                         re.IGNORECASE)
    return pattern, years


def periods(body: str) -> list[TimeExpr]:
    """Named periods that date what happens in them ("during the Gulf War" → 1990/1991),
    as time expressions for the clock. Only after "during", "in", "throughout" or "amid":
    "after the Gulf War" is not in it."""
    pattern, years = _period_pattern()
    found = []
    for match in pattern.finditer(body):
        first, last = years[match.group(1).lower()]
        found.append(TimeExpr(
            start=match.start(1), end=match.end(1), text=match.group(1), type="DATE",
            value=f"{first}/{last}" if first != last else str(first), granularity="range",
            earliest=f"{first}-01-01", latest=f"{last}-12-31",
        ))
    return found
