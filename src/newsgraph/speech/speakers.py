"""Who the source of an attribution is: an actor when the text lets us say, else the phrase.

The source phrase's head decides: a name resolved by the actors stage ("Kim", "the Kremlin",
"North Korean media"), the organisation a proxy speaks for ("a spokesman for the Kremlin"),
or a pronoun's antecedent. "He"/"she" is a person: the speaker of the quote just before (in
this sentence or the one before, so that "“…,” he added" stays with the last speaker even when
another person was named in between), else the person the previous sentence is about (its
subject), else the person last named; "him", "his" and "her" are first the person named
before them in their own sentence. "It" is an organisation or a country named in this
sentence or the one before. Coordinated sources ("Pyongyang and Moscow") and descriptions
("some observers") stay phrases; no gender data is needed.
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
        kinds = {a.id: a.kind for a in article.actors}
        self.person_ids = {m.actor_id for m in self.people} | {
            i for i, kind in kinds.items() if kind == "person"}
        self.bodies = [m for m in self.named if m.label in ("ORG", "GPE", "NORP")
                       and kinds.get(m.actor_id or "") in ("organisation", "igo", "country")]
        self.bodies_starts = [m.start for m in self.bodies]
        # (cue offset, actor id) of the quotes whose speaker is a person, in text order: the
        # events stage reads them off the article, the speech stage adds them as it goes
        self.said: list[tuple[int, str]] = sorted(
            (q.cue_start, q.actor_id) for q in article.quotes
            if q.actor_id and q.actor_id in self.person_ids)

    def spoke(self, cue_start: int, speaker: Speaker) -> None:
        """Note a quote's speaker, which a later "he said" may refer back to."""
        if speaker.actor_id and speaker.actor_id in self.person_ids:
            self.said.append((cue_start, speaker.actor_id))

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
            at = tree.tokens[head].start
            if lower in speech_cues().person_pronouns:
                antecedent = self._person_before(head)
            elif lower in speech_cues().bound_person_pronouns:
                antecedent = self._person_in_sentence(head) or self._person_before(head)
            elif lower in ("it", "its"):  # "its troops" for the events stage
                antecedent = self._body_before(at)
            else:
                antecedent = None
            if antecedent is not None:
                speaker.kind, speaker.actor_id = "actor", antecedent
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

    def _person_before(self, pronoun: int) -> str | None:
        """The person "he"/"she" at token ``pronoun`` refers to (see the module docstring)."""
        tree = self.tree
        offset = tree.tokens[pronoun].start
        sentence = tree.tokens[pronoun].sentence
        since = self._sentence_start(sentence - 1)
        earlier = [actor for cue, actor in self.said if since <= cue < offset]
        if earlier:
            return earlier[-1]
        subject = self._subject_of(sentence - 1)
        if subject is not None:
            return subject
        index = bisect_right(self.people_starts, offset) - 1
        return self.people[index].actor_id if index >= 0 else None

    def _person_in_sentence(self, pronoun: int) -> str | None:
        """The last person named before token ``pronoun`` in its own sentence."""
        offset = self.tree.tokens[pronoun].start
        since = self._sentence_start(self.tree.tokens[pronoun].sentence)
        index = bisect_right(self.people_starts, offset) - 1
        if index >= 0 and self.people[index].start >= since:
            return self.people[index].actor_id
        return None

    def _subject_of(self, sentence: int) -> str | None:
        """The person the main clause of a sentence has as its subject, if any."""
        tokens = self.tree.sentence_tokens.get(sentence)
        if not tokens:
            return None
        root = next((t for t in tokens if self.tree.tokens[t].dep == "ROOT"), None)
        subject = self.tree.subject(root) if root is not None else None
        if subject is None:
            return None
        mention = self._mention_at(self.tree.tokens[subject].start, self.tree.tokens[subject].end)
        return mention.actor_id if mention is not None and mention.label == "PERSON" else None

    def _body_before(self, offset: int) -> str | None:
        """The organisation or country "it" refers to: the last named in this sentence or the
        one before."""
        index = bisect_right(self.bodies_starts, offset) - 1
        if index < 0:
            return None
        mention = self.bodies[index]
        sentence = self.tree.tokens[self.tree.token_at(offset) or 0].sentence
        if mention.start < self._sentence_start(sentence - 1):
            return None
        return mention.actor_id

    def _sentence_start(self, sentence: int) -> int:
        tokens = self.tree.sentence_tokens.get(max(sentence, 0))
        return self.tree.tokens[tokens[0]].start if tokens else 0
