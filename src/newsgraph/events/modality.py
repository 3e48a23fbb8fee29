"""Whether an act happened: negation, announced or planned acts, and mere possibilities.

PLOVER codes acts, not talk of acts: "denied supplying arms" is no supply, "will visit" a
future visit (or, when the visitor says so, an intent), "may loosen" a possibility. Each reading
is a named test over the predicate and the verbs that govern it ("plans to visit", "refused to
meet"), with the words in ``data/event_modality.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsgraph.data import load
from newsgraph.speech.cues import speech_cues
from newsgraph.syntax import Tree

# Dependencies by which a verb governs the clause of another ("plans to visit", "denied
# supplying", "said that … would visit").
GOVERNING = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "conj"})


@dataclass(frozen=True, slots=True)
class Words:
    negators: frozenset[str]  # not, never, no
    deniers: frozenset[str]  # verbs whose complement did not happen: deny, refuse, fail
    silences: frozenset[str]  # comment, say: refusing to speak refuses nothing
    future_aux: frozenset[str]  # will, shall
    intenders: frozenset[str]  # agree, promise, plan, willing (to): the intent is coded
    schedulers: frozenset[str]  # scheduled, expected, due (to): the act, in the future
    possible_aux: frozenset[str]  # may, might, could, should
    wishers: frozenset[str]  # want, hope, seek, try (to)
    conditions: frozenset[str]  # if, unless, whether
    threat_conditions: frozenset[str]  # unless
    aims: frozenset[str]  # event types that a purpose clause only aims at
    obligation_aux: frozenset[str]  # must, should: what a source says is owed
    obligation_verbs: frozenset[str]  # have, need (to)
    halters: frozenset[str]  # stop, halt, cease (bombing): the act ends
    unwilling: frozenset[str]  # unwilling, reluctant (to): an intent refused
    mandative: frozenset[str]  # insist, demand (that X do): the subjunctive owes the act


@lru_cache(maxsize=1)
def words() -> Words:
    return Words(**{name: frozenset(values)
                    for name, values in load("event_modality.yaml").items()})


@dataclass(slots=True)
class Modality:
    negated: bool = False
    future: bool = False
    intent: bool = False  # an actor states it will act: PLOVER codes the intent
    hypothetical: bool = False  # might happen: a modal, a wish, the if-clause itself
    conditioned: bool = False  # will happen unless the other side acts ("… unless Chad …")
    purpose: bool = False  # the aim of another act ("… to demand reforms")
    condition: bool = False  # the act is the condition itself ("… if Niger pays")
    topic: bool = False  # the act is only talked of: "lifting the sanctions is out of the
    # question", a gerund subject
    halted: bool = False  # the act is stopped: "stopped attacking ships"


def said(tree: Tree, chain: list[int], depth: int) -> bool:
    """Whether the clause at ``depth`` is what a source says ("Syria said it will …", "… will
    provide aid, the WFP said"): then its future is a stated intent, not the writer's
    forecast."""
    verbs = speech_cues().verbs
    clause = chain[depth]
    if any(tree.tokens[k].lemma.lower() in verbs and k > clause
           for k in tree.kids(clause, "parataxis", "conj")):
        return True  # the reporting clause after the report, parsed as its sibling
    if depth + 1 >= len(chain) or tree.tokens[clause].dep != "ccomp":
        return False
    return tree.tokens[chain[depth + 1]].lemma.lower() in verbs


def governors(tree: Tree, predicate: int) -> list[int]:
    """The predicate and the verbs whose clause holds it, innermost first, up to a clause
    boundary that starts a separate statement (a relative clause, a new sentence root)."""
    chain = [predicate]
    current = predicate
    for _ in range(4):
        head = tree.head(current)
        if head is None or tree.tokens[current].dep not in GOVERNING | {"dobj", "pobj", "prep"} \
                or past_clause(tree, current):
            break
        if tree.tokens[current].dep == "conj" and tree.tokens[head].pos != "VERB":
            break
        chain.append(head)
        current = head
    return chain


def past_clause(tree: Tree, verb: int) -> bool:
    """An adverbial clause in the past tense tells a fact of its own, whatever the clause above
    it plans or asks: "agreed to intensify talks when they met in Brussels" (they met)."""
    return tree.tokens[verb].dep == "advcl" and tree.tokens[verb].tag == "VBD"


def modality(tree: Tree, predicate: int, light: int | None = None) -> Modality:
    """Read negation, future, intent and possibility off the predicate (or the verb carrying
    a noun predicate, "held talks") and the verbs governing it, one named test each."""
    verb = light if light is not None else predicate
    chain = governors(tree, verb)
    result = Modality(purpose=is_purpose(tree, chain), conditioned=is_threat(tree, verb))
    if light is not None:
        carried_by(tree, light, result)
    for depth, current in enumerate(chain):
        if depth == 0 or tree.tokens[chain[depth - 1]].dep == "xcomp":
            auxiliaries(tree, chain, depth, result)
        if depth > 0:
            governed_by(tree, chain, depth, result)
        if {tree.lower(k) for k in tree.kids(current, "mark")} & words().conditions:
            result.condition = True
        dep, head = tree.tokens[current].dep, tree.head(current)
        if dep == "pcomp" and head is not None and tree.lower(head) in words().conditions:
            result.condition = True  # "demanded a truce before allowing aid convoys"
        if dep in ("csubj", "csubjpass"):
            result.topic = True  # "removing the sanctions is out of the question"
        if dep in ("relcl", "ROOT"):
            break
    return result


def carried_by(tree: Tree, light: int, result: Modality) -> None:
    """A noun predicate carried by a verb of planning is ahead: "is preparing an offensive"
    (an intent), "is expected to hold talks" (a forecast)."""
    w = words()
    carrier = tree.tokens[light].lemma.lower()
    result.future = carrier in w.intenders | w.schedulers
    result.intent = carrier in w.intenders


def auxiliaries(tree: Tree, chain: list[int], depth: int, result: Modality) -> None:
    """The clause's own auxiliaries: "not"/"never" negate, "will"/"would" put it ahead (an
    intent when a source says it), "may"/"could" make it possible only."""
    w = words()
    current = chain[depth]
    helpers = [tree.lower(k) for k in tree.kids(current, "aux", "auxpass", "neg", "advmod")]
    lemmas = {tree.tokens[k].lemma.lower() for k in tree.kids(current, "aux", "auxpass")}
    subject = tree.subject(current)
    if subject is not None and depth == 0 and any(
            tree.lower(k) in w.negators for k in tree.kids(subject, "det", "preconj")):
        helpers.append("not")  # "neither Araghchi nor Witkoff offered", "no country sent"
    if any(h in w.negators for h in helpers):
        result.negated = not result.negated
    if lemmas & w.future_aux or "would" in helpers:
        result.future = True
        result.intent = result.intent or said(tree, chain, depth)
    if lemmas & w.possible_aux:
        result.hypothetical = True


def governed_by(tree: Tree, chain: list[int], depth: int, result: Modality) -> None:
    """What the verb above does to the clause below it: "denied …" negates, "plans to …"
    states an intent, "is scheduled to …" forecasts, "demanded that …" only asks."""
    w = words()
    lemma = tree.tokens[chain[depth]].lemma.lower()
    below = chain[depth - 1]
    dep = tree.tokens[below].dep
    # "plans to visit"; the parser makes some such infinitives adverbial ("sworn to fight")
    controlled = dep == "xcomp" or (
        dep == "advcl" and "to" in {tree.lower(k) for k in tree.kids(below, "aux")})
    if lemma in w.deniers:
        result.negated = True
    elif lemma in w.silences and tree.tokens[chain[depth]].dep == "xcomp" \
            and tree.head(chain[depth]) is not None \
            and tree.tokens[tree.head(chain[depth])].lemma.lower() in w.deniers:
        result.topic = True  # "declined to say where the rebels would withdraw"
    elif lemma in w.halters and not tree.kids(chain[depth], "prt"):  # not "ended up doing"
        result.negated = True  # the act is not going on, and the coder may read the halt
        result.halted = result.halted or (depth == 1 and dep in ("xcomp", "dobj", "pcomp"))
    elif controlled and lemma in w.intenders:
        result.future = result.intent = True
    elif controlled and lemma in w.unwilling:
        result.future = result.intent = True
        result.negated = not result.negated
    elif controlled and lemma in w.schedulers:
        result.future = True
    elif dep in ("xcomp", "ccomp") and lemma in w.wishers:
        result.hypothetical = True


def is_purpose(tree: Tree, chain: list[int]) -> bool:
    """A to-infinitive adjunct of another verb is that verb's aim ("staged a strike to demand
    reforms"), unless the verb plans, forecasts or wishes it (then the tests above read it)."""
    w = words()
    clause = chain[0]
    return (tree.tokens[clause].dep in ("advcl", "acl") and len(chain) > 1
            and "to" in {tree.lower(k) for k in tree.kids(clause, "aux")}
            and tree.tokens[chain[1]].lemma.lower() not in w.intenders | w.schedulers | w.wishers)


def is_threat(tree: Tree, verb: int) -> bool:
    """An act promised unless the other side does something ("will withdraw … unless")."""
    return any({tree.lower(m) for m in tree.kids(clause, "mark")} & words().threat_conditions
               for clause in tree.kids(verb, "advcl"))


def obliged(tree: Tree, verb: int) -> bool:
    """Whether a clause says its subject must act ("Sudan must return …", "has to leave",
    "insisted that Israel respect …": the bare subjunctive after a verb of demanding)."""
    w = words()
    if {tree.tokens[k].lemma.lower() for k in tree.kids(verb, "aux")} & w.obligation_aux:
        return True
    head = tree.head(verb)
    if (tree.tokens[verb].tag == "VB" and tree.tokens[verb].dep == "ccomp" and head is not None
            and tree.tokens[head].lemma.lower() in w.mandative
            and not tree.kids(verb, "aux", "auxpass") and tree.subject(verb) is not None):
        return True
    return (tree.tokens[verb].lemma.lower() in w.obligation_verbs
            and any(tree.kid(x, "aux") is not None for x in tree.kids(verb, "xcomp")))
