"""Whether an act happened: negation, announced or planned acts, and mere possibilities.

PLOVER codes acts, not talk of acts: "denied supplying arms" is no supply, "will visit" a
future visit, "may loosen" a possibility. Each reading is a named test over the predicate and
the verbs that govern it ("plans to visit", "refused to meet"), with the words in
``data/event_modality.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import srsly

from newsgraph.syntax import Tree

# Dependencies by which a verb governs the clause of another ("plans to visit", "denied
# supplying", "said that … would visit").
GOVERNING = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "conj"})


@dataclass(frozen=True, slots=True)
class Words:
    negators: frozenset[str]  # not, never, no
    deniers: frozenset[str]  # verbs whose complement did not happen: deny, refuse, fail
    future_aux: frozenset[str]  # will, shall
    planners: frozenset[str]  # plan, schedule, expect, intend, prepare (to)
    possible_aux: frozenset[str]  # may, might, could, should
    wishers: frozenset[str]  # want, hope, seek, try (to)
    conditions: frozenset[str]  # if, unless, whether


@lru_cache(maxsize=1)
def words() -> Words:
    path = resources.files("newsgraph") / "data" / "event_modality.yaml"
    data = srsly.yaml_loads(path.read_text(encoding="utf-8"))
    return Words(**{name: frozenset(values) for name, values in data.items()})


@dataclass(slots=True)
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False


def governors(tree: Tree, predicate: int) -> list[int]:
    """The predicate and the verbs whose clause holds it, innermost first, up to a clause
    boundary that starts a separate statement (a relative clause, a new sentence root)."""
    chain = [predicate]
    current = predicate
    for _ in range(4):
        head = tree.head(current)
        if head is None or tree.tokens[current].dep not in GOVERNING | {"dobj", "pobj", "prep"}:
            break
        if tree.tokens[current].dep == "conj" and tree.tokens[head].pos != "VERB":
            break
        chain.append(head)
        current = head
    return chain


def modality(tree: Tree, predicate: int, light: int | None = None) -> Modality:
    """Read negation, future and possibility off the predicate (or the light verb carrying a
    noun predicate, "held talks") and the verbs governing it."""
    w = words()
    verb = light if light is not None else predicate
    result = Modality()
    chain = governors(tree, verb)
    for depth, current in enumerate(chain):
        lemma = tree.tokens[current].lemma.lower()
        helpers = [tree.lower(k) for k in tree.kids(current, "aux", "auxpass", "neg", "advmod")]
        lemmas = {tree.tokens[k].lemma.lower() for k in tree.kids(current, "aux", "auxpass")}
        if depth == 0 or tree.tokens[chain[depth - 1]].dep == "xcomp":
            if any(h in w.negators for h in helpers):
                result.negated = not result.negated
            if lemmas & w.future_aux:
                result.future = True
            if lemmas & w.possible_aux:
                result.hypothetical = True
            if "would" in helpers:
                result.future = True
        if depth > 0:
            controlled = tree.tokens[chain[depth - 1]].dep == "xcomp"  # "plans to visit"
            if lemma in w.deniers:
                result.negated = True
            elif controlled and lemma in w.planners:
                result.future = True
            elif controlled and lemma in w.wishers:
                result.hypothetical = True
        marks = {tree.lower(k) for k in tree.kids(current, "mark")}
        if marks & w.conditions:
            result.hypothetical = True
        if tree.tokens[current].dep in ("relcl", "ROOT"):
            break
    return result
