"""The gold README's Entities rule, implemented once for every scorer that needs it.

Each occurrence of a gold surface form in the body (longest match at word boundaries, no
overlaps) is scored. The system mention that covers an occurrence is the one with the same
span, else the one overlapping it most (the shorter on a tie, so that the demonym of "North
Korean leader" does not win over the description when the gold surface is the description).
A system actor maps to the gold id it shares most occurrences with (on a tie, the one whose
occurrences its mentions cover more characters of, then the first seen); an occurrence is right when
its system actor maps to its gold id, and an unresolved occurrence is wrong. Roles: a gold
entity with an ``office`` is right when the office and its country equal the role that the
system actor mapped to it holds on the publication date ("none" when it holds none).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from newsgraph.actors.kb import role_at
from newsgraph.model import Actor

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "‚": "'", "′": "'"})


class _Resolved(Protocol):
    start: int
    end: int
    actor_id: str | None


def occurrences(body: str,
                gold_entities: Sequence[Mapping[str, Any]]) -> list[tuple[int, int, str]]:
    """(start, end, gold id) of every gold surface form in ``body``: longest first, at word
    boundaries, not overlapping; quotes are straightened on both sides, case is kept."""
    text = body.translate(_QUOTES)
    found: list[tuple[int, int, str]] = []
    for entity in gold_entities:
        for surface in entity.get("surface") or []:
            pattern = re.escape(surface.translate(_QUOTES))
            for match in re.finditer(rf"(?<!\w){pattern}(?!\w)", text):
                found.append((match.start(), match.end(), str(entity["id"])))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, gold_id in found:
        if all(end <= s or e <= start for s, e, _ in taken):
            taken.append((start, end, gold_id))
    return sorted(taken)


def system_mention(start: int, end: int, resolved: Sequence[_Resolved]) -> _Resolved | None:
    """The system mention that stands for the stretch start..end (see the module docstring)."""
    best: tuple[int, int, int] | None = None
    choice = None
    for m in resolved:
        overlap = min(end, m.end) - max(start, m.start)
        if overlap <= 0:
            continue
        exact = 1 if (m.start, m.end) == (start, end) else 0
        score = (exact, overlap, -(m.end - m.start))
        if best is None or score > best:
            best, choice = score, m
    return choice


def actor_mapping(body: str, resolved: Sequence[_Resolved],
                  gold_entities: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """System actor id -> the gold id it shares most occurrences with (the rule above), for
    scorers that must judge a system actor elsewhere, such as a quote's speaker."""
    return _align(body, resolved, gold_entities)[3]


def _align(
    body: str, resolved: Sequence[_Resolved], gold_entities: Sequence[Mapping[str, Any]]
) -> tuple[list[tuple[int, int, str]], list[str | None], dict[str, Counter[str]],
           dict[str, str]]:
    """The gold occurrences, the system actor at each, the shared counts and the mapping."""
    occ = occurrences(body, gold_entities)
    system: list[str | None] = []
    covered: list[int] = []  # characters of the occurrence the system mention covers
    for start, end, _ in occ:
        m = system_mention(start, end, resolved)
        system.append(m.actor_id if m is not None else None)
        covered.append(min(end, m.end) - max(start, m.start) if m is not None else 0)
    shared: dict[str, Counter[str]] = defaultdict(Counter)
    shared_chars: Counter[tuple[str, str]] = Counter()
    first_seen: dict[tuple[str, str], int] = {}
    for i, ((_, _, gold_id), actor_id) in enumerate(zip(occ, system, strict=True)):
        if actor_id is not None:
            shared[actor_id][gold_id] += 1
            shared_chars[(actor_id, gold_id)] += covered[i]
            first_seen.setdefault((actor_id, gold_id), i)
    # A tie in occurrences goes to the gold id whose occurrences the actor's mentions cover
    # more of: "US President Harry Truman" holds gold "US" and gold "Harry Truman" once each,
    # and is Truman.
    mapping = {
        actor_id: max(counts, key=lambda g: (counts[g], shared_chars[(actor_id, g)],
                                             -first_seen[(actor_id, g)]))
        for actor_id, counts in shared.items()
    }
    return occ, system, shared, mapping


def score_entities(article_body: str, resolved: Sequence[_Resolved],
                   actors_by_id: Mapping[str, Actor], gold_entities: Sequence[Mapping[str, Any]],
                   published_day: str | None) -> dict[str, Any]:
    """Counts for one article: ``occurrences``, ``correct``, ``unresolved``; ``roles`` /
    ``roles_correct`` over gold entities with an office field, ``offices`` /
    ``offices_correct`` over those whose office is not "none"; and ``misses`` and
    ``role_misses`` (what went wrong, for the error report)."""
    occ, system, shared, mapping = _align(article_body, resolved, gold_entities)
    correct = unresolved = 0
    misses: list[dict[str, Any]] = []
    for (start, end, gold_id), actor_id in zip(occ, system, strict=True):
        if actor_id is None:
            unresolved += 1
        elif mapping[actor_id] == gold_id:
            correct += 1
            continue
        misses.append({"text": article_body[start:end], "start": start, "gold": gold_id,
                       "system": actor_id,
                       "system_maps_to": mapping.get(actor_id) if actor_id else None})
    roles = roles_correct = offices = offices_correct = 0
    role_misses: list[dict[str, Any]] = []
    by_gold: dict[str, Counter[str]] = defaultdict(Counter)
    for actor_id, gold_id in mapping.items():
        by_gold[gold_id][actor_id] = shared[actor_id][gold_id]
    for entity in gold_entities:
        if "office" not in entity:
            continue
        gold_office = entity.get("office") or "none"
        gold_country = entity.get("office_country") if gold_office != "none" else None
        candidates = by_gold.get(str(entity["id"]))
        office, country = "unresolved", None
        if candidates:
            actor = actors_by_id.get(candidates.most_common(1)[0][0])
            role = role_at(actor, published_day) if actor is not None and actor.kind == "person" \
                else None
            office, country = (role.office, role.country) if role else ("none", None)
        right = (office, country) == (gold_office, gold_country)
        roles += 1
        roles_correct += right
        if gold_office != "none":
            offices += 1
            offices_correct += right
        if not right:
            role_misses.append({"gold": entity["id"], "office": gold_office,
                                "country": gold_country, "system_office": office,
                                "system_country": country})
    return {
        "occurrences": len(occ), "correct": correct, "unresolved": unresolved,
        "roles": roles, "roles_correct": roles_correct,
        "offices": offices, "offices_correct": offices_correct,
        "misses": misses, "role_misses": role_misses,
    }
