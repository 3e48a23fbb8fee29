"""The cue lexicon (``data/speech_cues.yaml``): which words attribute content to a source."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsgraph.data import load


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: how a cue word takes its content and how much doubt it leaves."""

    word: str
    cls: str  # speech | report | belief | intent | deny | accuse
    object: bool = False  # the direct object is content ("denied the charges")
    preps: tuple[str, ...] = ()  # the object of these prepositions is content ("called for")
    particle: str | None = None  # a particle that makes it a cue ("pointed out")
    quote_only: bool = False  # a cue only when its content is a quotation ("continued: “…”")
    hedge: float | None = None  # None: a plain statement, not a claim on the source's word
    clause_only: bool = False  # content only from a that-clause ("ordered that …")
    active_only: bool = False  # no cue in the passive ("was shown")
    not_objects: frozenset[str] = frozenset()  # object heads that are no content ("the text")
    relays: bool = False  # the source may pass on another's words (see speech_cues.yaml)
    complements: tuple[str, ...] = ()  # a cue only with one of these words ("made it clear")
    manner: bool = False  # the manner of speaking ("barked"): quote only, second to "said"
    infinitive: bool = False  # a noun whose content may be a to-clause ("his promise to …")

    @property
    def speech(self) -> bool:
        return self.cls == "speech"


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    frames: dict[tuple[str, ...], Cue]  # word sequence, lower-cased
    adverbs: dict[str, float]
    proxies: frozenset[str]
    person_pronouns: frozenset[str]
    bound_person_pronouns: frozenset[str]


def _cue(word: str, entry: dict) -> Cue:
    return Cue(
        word=word,
        cls=entry["class"],
        object=bool(entry.get("object", False)),
        preps=tuple(entry.get("preps", ())),
        particle=entry.get("particle"),
        quote_only=bool(entry.get("quote_only", False) or entry.get("manner", False)),
        hedge=entry.get("hedge"),
        clause_only=bool(entry.get("clause_only", False)),
        active_only=bool(entry.get("active_only", False)),
        not_objects=frozenset(entry.get("not_objects", ())),
        relays=bool(entry.get("relays", False)),
        complements=tuple(entry.get("complements", ())),
        manner=bool(entry.get("manner", False)),
        infinitive=bool(entry.get("infinitive", False)),
    )


@lru_cache(maxsize=1)
def speech_cues() -> Lexicon:
    data = load("speech_cues.yaml")
    return Lexicon(
        verbs={w: _cue(w, e) for w, e in data["verbs"].items()},
        nouns={w: _cue(w, e) for w, e in data["nouns"].items()},
        frames={tuple(w.split()): _cue(w, e) for w, e in data["frames"].items()},
        adverbs={w: float(v) for w, v in data["adverbs"].items()},
        proxies=frozenset(data["proxies"]),
        person_pronouns=frozenset(data["person_pronouns"]),
        bound_person_pronouns=frozenset(data["bound_person_pronouns"]),
    )


def speech_verbs() -> frozenset[str]:
    """Lemmas of the verbs that say something (PolNeAR's ``speech_cue`` subset)."""
    return frozenset(w for w, cue in speech_cues().verbs.items() if cue.speech)
