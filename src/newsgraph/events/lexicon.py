"""The predicate lexicon: which words express which acts.

``data/event_predicates.yaml`` is the core: the word groups, how intents and refusals are
coded, and the commonest predicates. ``data/event_forms/*.yaml`` add the rest of the forms
news uses, one file per family of PLOVER types, each with ``verbs`` and ``nouns`` in the
core's format and free to use its groups. Each lemma has one or more senses; the coder takes
the first whose conditions hold in the parse ("sent a delegation" is a visit, "sent troops" aid,
"sent submarines" a show of force). A lemma's senses from a forms file come after the core's
and those of earlier files (by name), so a file only ever adds readings; a noun's senses under
a modifier come before its bare ones ("a joint patrol", "a hunger strike"). Senses are checked
against the ontology when loaded, so a typo in the data fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.data import load, names
from newsgraph.events.ontology import check


@dataclass(frozen=True, slots=True)
class Sense:
    """One reading of a predicate and the conditions under which the text has it."""

    type: str
    mode: str | None = None
    context: str | None = None
    object: frozenset[str] = frozenset()  # lemmas heading the object, groups expanded
    object_label: str | None = None  # the object must be a mention with this entity label
    subject_not: frozenset[str] = frozenset()  # lemmas the subject must not be headed by
    no_object: bool = False
    complement: bool = False  # only with a clausal complement ("declined to resign")
    # only with a phrase of this preposition headed by one of these lemmas: (preposition,
    # lemmas) — "withdrew from the deal", "placed him under house arrest"
    phrase: tuple[str, frozenset[str]] | None = None
    # only with one of these adjectives predicated of the object ("held Iran responsible")
    predicative: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()  # (nouns) only with one of these ("hunger strike")
    particle: str | None = None
    recipient: tuple[str, ...] = ("dobj",)
    symmetric: bool = False
    swap: bool = False
    needs_recipient: bool = False
    foreign: bool = False
    active_only: bool = False
    light_only: bool = False
    governor: frozenset[str] = frozenset()
    armed: frozenset[str] = frozenset()  # only when a party has one of these sectors: "clashes"
    # of forces (MIL, REB), rockets launched by an armed group (REB)
    named: bool = False  # (nouns) only as the first word of a name: "launched Operation Sindoor"


@dataclass(frozen=True, slots=True)
class Predicates:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    intentions: dict[str, tuple[str, str | None]]  # act type -> (intent type, its mode)
    conditional: tuple[str, str | None]  # the type of an act promised on a condition
    refusals: dict[str, str | None]  # type of a refused act -> REJECT's mode
    groups: dict[str, frozenset[str]]  # the word groups ("troops", "weapons", …)


def _senses(entry: dict[str, Any] | list[dict[str, Any]], groups: dict[str, list[str]],
            word: str) -> tuple[Sense, ...]:
    def expand(names: list[str]) -> frozenset[str]:
        found: set[str] = set()
        for name in names:
            found.update(groups[name[1:]] if name.startswith("@") else [name])
        return frozenset(found)

    senses = []
    for item in entry if isinstance(entry, list) else [entry]:
        sense = Sense(
            type=item["type"],
            mode=item.get("mode"),
            context=item.get("context"),
            object=expand(item.get("object", [])),
            object_label=item.get("object_label"),
            subject_not=expand(item.get("subject_not", [])),
            no_object=bool(item.get("no_object", False)),
            complement=bool(item.get("complement", False)),
            predicative=frozenset(_listed(item.get("predicative"))),
            phrase=_phrase(item.get("phrase"), expand),
            modifier=expand(_listed(item.get("modifier"))),
            particle=item.get("particle"),
            recipient=tuple(item.get("recipient", ("dobj",))),
            symmetric=bool(item.get("symmetric", False)),
            swap=bool(item.get("swap", False)),
            needs_recipient=bool(item.get("needs_recipient", False)),
            foreign=bool(item.get("foreign", False)),
            active_only=bool(item.get("active_only", False)),
            light_only=bool(item.get("light_only", False)),
            governor=expand(item.get("governor", [])),
            armed=frozenset(_listed(item.get("armed"))),
            named=bool(item.get("named", False)),
        )
        try:
            check(sense.type, sense.mode, sense.context)
        except ValueError as error:
            raise ValueError(f"{word}: {error}") from error
        senses.append(sense)
    return tuple(senses)


FORMS_DIR = "event_forms"


@lru_cache(maxsize=1)
def predicates() -> Predicates:
    data = load("event_predicates.yaml")
    groups = data["groups"]
    verbs: dict[str, tuple[Sense, ...]] = {}
    nouns: dict[str, tuple[Sense, ...]] = {}
    for name in ["event_predicates.yaml", *names(FORMS_DIR)]:
        part = load(name)
        for kind, table in (("verbs", verbs), ("nouns", nouns)):
            for word, entry in (part.get(kind) or {}).items():
                table[word] = table.get(word, ()) + _senses(entry, groups, f"{name}: {word}")
    # a noun's reading under its modifier is what the phrase says ("a joint patrol" is
    # cooperation, whichever file lists the bare patrol first)
    nouns = {word: tuple(sorted(senses, key=lambda sense: not sense.modifier))
             for word, senses in nouns.items()}
    return Predicates(
        verbs=verbs,
        nouns=nouns,
        intentions={act: _intent(act, *intent) for act, intent in data["intentions"].items()},
        conditional=_intent("THREATEN", *data["conditional"]),
        refusals={act: _intent(act, "REJECT", mode)[1] for act, mode in data["refusals"].items()},
        groups={name: frozenset(words) for name, words in groups.items()},
    )


def _phrase(value: dict[str, list[str]] | None,
            expand: Callable[[list[str]], frozenset[str]]) -> tuple[str, frozenset[str]] | None:
    """A ``phrase`` key, ``{preposition: [lemmas or @groups]}``, as (preposition, lemmas)."""
    if value is None:
        return None
    if len(value) != 1:
        raise ValueError(f"phrase names one preposition: {value}")
    (preposition, lemmas), = value.items()
    return preposition, expand(lemmas)


def _listed(value: str | list[str] | None) -> list[str]:
    """A key that takes one word or a list of words."""
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _intent(act: str, intent: str, mode: str | None) -> tuple[str, str | None]:
    check(act)
    check(intent, mode)
    return intent, mode
