"""Terms of office as dating evidence: "Russian Defence Minister Sergei Shoigu" was written
while Shoigu was defence minister.

A news text names a person with the office they hold when it is written; a "former" or "then"
minister is named for another time, and is left out. The knowledge base says when each office
was held, so every titled mention bounds the publication date to that person's terms in that
office, and the article to where all of them overlap. A title in a sentence that gives its own
dated year tells of that time, not of the writing, and is left out too; so is a description
("the North Korean leader"), which the resolver gives the office's holder at the very date
being sought. Read once the actors stage has resolved the mentions, so this is evidence for
the corpus step, not the first pass.
"""

from __future__ import annotations

import re
from datetime import date

from newsgraph.actors.kb import KB
from newsgraph.actors.lexicon import RoleNoun, actor_lexicon
from newsgraph.actors.normalize import words
from newsgraph.model import Article, Role, TimeExpr
from newsgraph.timex.dates import iso_day

# How far before a name its title may start ("Chairman of the State Council of the DPRK").
_TITLE_CHARS = 80


def term_bounds(article: Article, kb: KB) -> tuple[date | None, date | None, str] | None:
    """``(earliest, latest, why)`` where the article's titled people all held the office it
    names them with; None when no mention carries a title the knowledge base can date."""
    earliest: date | None = None
    latest: date | None = None
    reasons: list[str] = []
    seen: set[tuple[str, RoleNoun]] = set()
    narrated = {t.sentence for t in article.timexes if _dated_narrative(t)}
    for mention in article.mentions:
        if mention.sentence in narrated:
            continue  # "On June 27, 1950, US President Harry Truman": the title of then
        entry = kb.get(mention.actor_id) if mention.actor_id else None
        if entry is None or entry.actor.kind != "person" or not entry.actor.roles:
            continue
        noun = _title_before(article.body, mention.start)
        if noun is None or (entry.id, noun) in seen:
            continue
        seen.add((entry.id, noun))
        terms = [r for r in entry.actor.roles if _holds(r, noun)]
        if not terms:
            continue
        starts = [iso_day(r.start) for r in terms]
        ends = [iso_day(r.end) for r in terms]
        start = min(starts) if None not in starts else None
        end = None if None in ends else max(ends)  # type: ignore[type-var]
        if start and (earliest is None or start > earliest):
            earliest = start
        if end and (latest is None or end < latest):
            latest = end
        reasons.append(f"'{mention.text}' in office {start or '…'}..{end or 'now'}")
    if not reasons or (earliest and latest and earliest > latest):
        return None  # untitled, or offices that never overlapped: the KB cannot say
    return earliest, latest, "; ".join(reasons)


def _dated_narrative(expr: TimeExpr) -> bool:
    """A date the text gives with its year, on its own ("in 1950", "on June 27, 1950")."""
    return expr.anchor == "absolute" and bool(_YEAR.match(expr.value or ""))


_YEAR = re.compile(r"\d{4}")


def _title_before(body: str, start: int) -> RoleNoun | None:
    """The office noun ending right before a name ("Defence Minister Shoigu")."""
    return _noun_ending([w.key for w in words(body[max(0, start - _TITLE_CHARS):start])])


def _noun_ending(keys: list[str]) -> RoleNoun | None:
    """The office noun the words end with, unless a word such as "former" or "then" before
    it puts it at another time."""
    lex = actor_lexicon()
    found = lex.role_nouns.match_ending(keys, len(keys))
    if found is None:
        return None
    at, noun = found
    if any(k in lex.not_current for k in keys[max(0, at - 2):at]):
        return None
    return noun


def _holds(role: Role, noun: RoleNoun) -> bool:
    """Whether a KB role is the office a title names: "leader" is any office a leader holds."""
    if "leader" not in noun.offices and role.office not in noun.offices:
        return False
    return noun.title is None or noun.title in role.title.lower()
