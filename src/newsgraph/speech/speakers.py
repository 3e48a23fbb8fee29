"""Who the source of an attribution is: an actor when the text lets us say, else the phrase.

The source phrase's head decides: a name resolved by the actors stage ("Kim", "the Kremlin",
"North Korean media"), the organisation a proxy speaks for ("a spokesman for the Kremlin"),
or, for "he"/"she", the person last named before. Coordinated sources ("Pyongyang and Moscow")
and descriptions ("some observers") stay phrases.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from newsgraph.model import Article, Mention
from newsgraph.speech.cues import speech_cues
from newsgraph.syntax import Tree

# Dependents that describe a source rather than name it: "NK News, a website that …".
DESCRIPTIVE = ("appos", "relcl", "acl", "punct", "advmod")
DASHES = frozenset({"-", "–", "—", "―", "--"})


@dataclass(slots=True)
class Speaker:
    text: str | None = None
    start: int | None = None
    end: int | None = None
    kind: str = "none"  # actor | phrase | none
    actor_id: str | None = None


class Speakers:
    """Resolves source phrases of one article against its resolved mentions."""

    def __init__(self, article: Article, tree: Tree) -> None:
        self.tree = tree
        self.named = sorted((m for m in article.mentions if m.actor_id), key=lambda m: m.start)
        self.starts = [m.start for m in self.named]
        self.people = [m for m in self.named if m.label == "PERSON"]
        self.people_starts = [m.start for m in self.people]

    def resolve(self, source: list[int]) -> Speaker:
        if not source:
            return Speaker()
        tree = self.tree
        inside = set(source)
        head = next(t for t in source if tree.head(t) not in inside)
        phrase = tree.subtree(head, skip=tree.kids(head, *DESCRIPTIVE))
        dashes = [k for k, t in enumerate(phrase) if tree.text(t) in DASHES]
        if dashes and dashes[-1] + 1 < len(phrase):
            phrase = phrase[dashes[-1] + 1 :]  # "MOSCOW, March 3 (Wire) - Putin": the dateline goes
        start, end = tree.span(phrase)
        speaker = Speaker(tree.body[start:end], start, end, "phrase")
        if tree.kids(head, "conj"):
            return speaker  # several speakers at once: keep the phrase
        lower = tree.lower(head)
        if tree.tokens[head].pos == "PRON":
            if lower in speech_cues().person_pronouns:
                antecedent = self._last_person_before(tree.tokens[head].start)
                if antecedent is not None:
                    speaker.kind, speaker.actor_id = "actor", antecedent.actor_id
            return speaker
        mention = self._mention_at(tree.tokens[head].start, tree.tokens[head].end)
        if mention is None:
            for child in tree.kids(head, "appos"):  # "the state agency KCNA"
                mention = self._mention_at(tree.tokens[child].start, tree.tokens[child].end)
                if mention is not None:
                    break
        if mention is None and tree.tokens[head].lemma.lower() in speech_cues().proxies:
            mention = self._first_within(*tree.span(source))
        if mention is not None:
            speaker.kind, speaker.actor_id = "actor", mention.actor_id
        return speaker

    def _mention_at(self, start: int, end: int) -> Mention | None:
        index = bisect_right(self.starts, start) - 1
        for m in self.named[max(index - 2, 0) : index + 2]:
            if m.start <= start and end <= m.end:
                return m
        return None

    def _first_within(self, start: int, end: int) -> Mention | None:
        index = bisect_right(self.starts, start - 1)
        for m in self.named[index:]:
            if m.start >= end:
                return None
            if m.end <= end:
                return m
        return None

    def _last_person_before(self, offset: int) -> Mention | None:
        index = bisect_right(self.people_starts, offset) - 1
        return self.people[index] if index >= 0 else None
