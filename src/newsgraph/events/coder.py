"""The event coder: predicates of the lexicon, read with their arguments off the parse.

For each verb or noun of ``data/event_predicates.yaml`` the coder picks the sense whose
conditions the parse meets, finds the actor side (subject, passive agent, possessor, the
subject of a light verb: "held talks") and the recipient side (the slots the sense names),
and keeps the event only when a named actor does it — precision first: a sentence that codes
nothing is better than a wrong event. Modality, time, place and the speech layer's
attributions are added by their own modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsgraph.events.arguments import Parties, country
from newsgraph.events.lexicon import Sense, predicates
from newsgraph.events.modality import Modality, modality, obliged
from newsgraph.events.modality import words as modal_words
from newsgraph.events.timing import Clock
from newsgraph.model import Article, Event, Party
from newsgraph.speech.cues import lexicon as speech_lexicon
from newsgraph.syntax import Tree

# Prepositions whose object places the act ("met in Pyongyang", "landed on the peninsula").
PLACING = frozenset({"in", "at", "to", "into", "on", "near", "across", "inside"})
# Verbs whose subject receives what their object names ("received backing from Moscow").
RECEIVERS = frozenset({"receive", "get", "obtain", "gain", "win", "accept"})
RELATIVE_PRONOUNS = frozenset({"WDT", "WP", "WP$"})
# Prepositions through which a noun predicate hangs from the verb that carries it.
CARRYING_PREPS = frozenset({"of", "for", "in"})
# What a source says someone must do (see Coder.demand_reading).
DEMAND = Sense(type="REQUEST", recipient=())
# Types whose object or complement is an act talked about, not done (see Coder.content).
CONTENT_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"})
COMPLEMENTS = ("dobj", "xcomp", "ccomp", "acl", "pcomp")
CONTENT_PREPS = frozenset({"of", "for", "to", "on", "against", "about", "over", "with"})


@dataclass(slots=True)
class Reading:
    """A predicate with the sense the parse gives it and the phrases filling its roles."""

    predicate: int
    sense: Sense
    actor_heads: list[int]
    recipient_heads: list[int] = field(default_factory=list)
    light: int | None = None  # the verb carrying a noun predicate ("held" talks)
    swap: bool = False


class Coder:
    """Codes one article; built once per article from its parse, mentions, times, speech."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.tree = Tree(article)
        self.parties = Parties(article, self.tree)
        self.clock = Clock(article, self.tree)

    def events(self) -> list[Event]:
        tree = self.tree
        lexicon = predicates()
        readings: list[Reading] = []
        carried: set[int] = set()
        for i, token in enumerate(tree.tokens):
            if token.pos == "VERB" and (senses := lexicon.verbs.get(token.lemma.lower())):
                reading = self.verb_reading(i, senses)
                if reading is not None:
                    readings.append(reading)
                    carried.add(i)
        for i, token in enumerate(tree.tokens):
            if token.pos == "VERB" and i not in carried:
                reading = self.demand_reading(i)
                if reading is not None:
                    readings.append(reading)
        for i, token in enumerate(tree.tokens):
            if token.pos == "NOUN" and (senses := lexicon.nouns.get(token.lemma.lower())):
                reading = self.noun_reading(i, senses)
                if reading is not None and reading.light not in carried:
                    readings.append(reading)
        coded = [(r, self.event(r)) for r in readings]
        contents = [self.content(r) for r, events in coded
                    if any(e.type in CONTENT_TYPES for e in events)]
        events = [e for r, found in coded for e in found
                  if not any(r.predicate in content for content in contents)]
        return sorted(events, key=lambda e: (e.predicate_start, e.type))

    def content(self, reading: Reading) -> set[int]:
        """What a request, refusal, threat, promise or charge is about: its complement and
        object, the act in it not done but asked for, refused, threatened ("demanded that
        Israel ease restrictions" is a request, not an easing)."""
        tree = self.tree
        verbs = [reading.predicate] + ([reading.light] if reading.light is not None else [])
        heads = [reading.predicate] if reading.light is not None else []
        for verb in verbs:
            heads += tree.kids(verb, *COMPLEMENTS)
            heads += [p for p in tree.kids(verb, "prep") if tree.lower(p) in CONTENT_PREPS]
        return {t for head in heads for t in tree.subtree(head)} - {reading.predicate}

    # -- readings -----------------------------------------------------------------------

    def verb_reading(self, i: int, senses: tuple[Sense, ...]) -> Reading | None:
        tree = self.tree
        passive = tree.passive(i)
        theme = tree.kid(i, "nsubjpass") if passive else tree.kid(i, "dobj")
        objects = self.object_lemmas(theme)
        particles = {tree.lower(k) for k in tree.kids(i, "prt")}
        for sense in senses:
            if sense.particle and sense.particle not in particles:
                continue
            if sense.object and not objects & sense.object:
                continue
            if sense.object_label and (theme is None
                                       or self.parties.label(theme) != sense.object_label):
                continue
            if sense.no_object and theme is not None:
                continue
            if sense.complement and not tree.kids(i, "xcomp", "ccomp"):
                continue
            if sense.active_only and passive:
                continue
            actor = self.agent(i) if passive else self.subject(i)
            if actor is not None and self.object_lemmas(actor) & sense.subject_not:
                continue  # "a first contingent of peacekeeping troops arrived"
            return Reading(i, sense, [actor] if actor is not None else [],
                           self.slots(i, sense, theme), swap=sense.swap)
        return None

    def demand_reading(self, i: int) -> Reading | None:
        """A source saying someone must act makes a demand of them: "Russia said Sudan must
        return the helicopter" is Russia's REQUEST to Sudan, whatever the act asked for."""
        tree = self.tree
        if tree.tokens[i].lemma.lower() not in speech_lexicon().verbs:
            return None
        for clause in tree.kids(i, "ccomp"):
            if obliged(tree, clause):
                speaker, subject = self.subject(i), tree.subject(clause)
                return Reading(i, DEMAND, [speaker] if speaker is not None else [],
                               [subject] if subject is not None else [])
        return None

    def noun_reading(self, i: int, senses: tuple[Sense, ...]) -> Reading | None:
        tree = self.tree
        light = self.carrier(i)
        of = self.prep_objects(i, "of")
        objects = self.object_lemmas(of[0] if of else None)
        for sense in senses:
            if sense.light_only and light is None:
                continue
            if sense.governor and (light is None or tree.tokens[light].lemma.lower()
                                   not in sense.governor):
                continue
            if sense.object and not objects & sense.object:
                continue
            if sense.modifier and sense.modifier not in {
                    tree.lower(k) for k in tree.kids(i, "compound", "amod", "nmod")}:
                continue
            recipient_slots = set(sense.recipient)
            actors = tree.kids(i, "poss") + self.prep_objects(i, "by")
            if "prep:of" not in recipient_slots and not sense.object:
                actors += of
            if light is not None and tree.tokens[light].lemma.lower() in RECEIVERS:
                return Reading(i, sense, self.prep_objects(i, "from")
                               + self.prep_objects(light, "from"),
                               [s] if (s := self.subject(light)) is not None else [],
                               light=light)
            if not self.side(actors):  # "Palestinian riots", "the Russian invasion"
                actors = tree.kids(i, "amod", "compound", "nmod")
            if light is not None and not self.side(actors):
                # "held talks", "mounted its invasion": the light verb's subject acts
                subject = self.agent(light) if tree.passive(light) else self.subject(light)
                actors = [subject] if subject is not None else []
            recipients = self.slots(i, sense, None)
            if not recipients and light is not None:
                recipients = self.slots(light, sense, None)
            return Reading(i, sense, actors, recipients, light=light, swap=sense.swap)
        return None

    def carrier(self, noun: int) -> int | None:
        """The verb a noun predicate is the object of, which carries its actor and tense:
        "held talks", "launched 10 days of war games", "returned to Geneva for talks"."""
        tree = self.tree
        current = noun
        for _ in range(3):
            head = tree.head(current)
            if head is None:
                return None
            dep = tree.tokens[current].dep
            if dep in ("dobj", "nsubjpass") and tree.tokens[head].pos == "VERB":
                return head
            if dep != "pobj" or tree.lower(head) not in CARRYING_PREPS:
                return None
            above = tree.head(head)
            if above is None:
                return None
            if tree.tokens[above].pos == "VERB" and tree.lower(head) != "of":
                return above  # "returned for talks", "took part in talks"
            current = above  # "10 days of war games": go on through the quantity
        return None

    def object_lemmas(self, theme: int | None) -> set[str]:
        """The object's head lemma, and the head of its "of" phrase ("a contingent of
        pilots", "a total of 64,000 sorties"), and of conjoined objects."""
        if theme is None:
            return set()
        tree = self.tree
        heads = [theme, *tree.kids(theme, "conj"), *self.prep_objects(theme, "of")]
        return {tree.tokens[h].lemma.lower() for h in heads}

    def prep_objects(self, i: int, preposition: str) -> list[int]:
        tree = self.tree
        objects = []
        for prep in tree.kids(i, "prep", "agent", "dative"):
            if tree.lower(prep) == preposition:
                objects += tree.kids(prep, "pobj", "pcomp")
        return objects

    def slots(self, i: int, sense: Sense, theme: int | None) -> list[int]:
        """The first recipient slot the sense names that the parse fills with a named party
        ("imposed sanctions on Venezuela on Monday": "on Venezuela", not "on Monday")."""
        tree = self.tree
        for slot in sense.recipient:
            if slot == "dobj":
                found = [theme] if theme is not None else []
            elif slot == "ccomp_subject":
                found = [s for c in tree.kids(i, "ccomp") if (s := tree.subject(c)) is not None]
            elif slot == "dative":
                found = [k for k in tree.kids(i, "dative") if tree.tokens[k].pos != "ADP"]
                found += self.prep_objects(i, "to") if not found else []
            else:
                word = slot.split(":", 1)[1]
                found = self.prep_objects(i, word)
                if theme is not None:
                    found += self.prep_objects(theme, word)
            found = [head for head in found if self.side([head])]
            if found:
                return found
        return []

    def subject(self, verb: int) -> int | None:
        """The verb's subject. A relative pronoun stands for the noun its clause modifies
        ("troops who died liberating Korea"); a participle modifying a noun has that noun
        ("Washington sending submarines"); a participle or purpose infinitive in a phrase
        ("in addition to inviting …", "met Shoigu to demonstrate …") has the subject of the
        verb above it."""
        tree = self.tree
        subject = tree.subject(verb)
        if subject is not None and tree.tokens[subject].tag in RELATIVE_PRONOUNS:
            clause = tree.head(subject)
            if clause is None or tree.tokens[clause].dep != "relcl":
                return None
            antecedent = tree.head(clause)
            return self.owner(antecedent) if antecedent is not None else None
        if subject is not None:
            return subject
        token = tree.tokens[verb]
        head = tree.head(verb)
        if token.dep == "xcomp" and head is not None and tree.kid(head, "nsubjpass") is not None:
            return tree.kid(head, "nsubjpass")  # "India is scheduled to deploy troops"
        if token.dep == "xcomp" and head is not None and tree.tokens[head].dep == "acomp":
            # "is willing to withdraw", "is prepared to lift": the subject of "is"
            above = tree.head(head)
            return self.subject(above) if above is not None else None
        if token.dep == "acl" and token.tag == "VBG":
            noun = tree.head(verb)
            return self.owner(noun) if noun is not None else None
        if token.tag in ("VBG", "VB") and token.dep in ("pcomp", "advcl", "xcomp"):
            for above in tree.ancestors(verb):
                if tree.tokens[above].pos in ("VERB", "AUX"):
                    return self.subject(above)
                if tree.tokens[above].dep not in ("pobj", "prep", "pcomp"):
                    return None
        return None

    def owner(self, noun: int) -> int | None:
        """Who acts through a noun a clause modifies: the noun when it names a party, else,
        for an object, the subject of its verb ("the US mobilized a coalition, which landed
        …"; "issued a declaration demanding …"; "sent a letter requesting …")."""
        tree = self.tree
        verb = tree.head(noun)
        if self.parties.of(noun) or verb is None or tree.tokens[noun].dep != "dobj":
            return noun
        return self.subject(verb)

    def agent(self, verb: int) -> int | None:
        """The "by" phrase of a passive verb."""
        tree = self.tree
        for agent in tree.kids(verb, "agent"):
            pobj = tree.kid(agent, "pobj")
            if pobj is not None:
                return pobj
        return None

    # -- events ---------------------------------------------------------------------------

    def event(self, reading: Reading) -> list[Event]:
        """The reading's event, or one per actor for a distributive subject ("Russia and
        China each sent delegations": two acts); none without a named actor, none for an act
        that is only a condition or an aim of another."""
        tree = self.tree
        sense = reading.sense
        actors, recipients = self.roles(reading)
        if not actors:
            return []
        verb = reading.light if reading.light is not None else reading.predicate
        mood = modality(tree, reading.predicate, reading.light)
        if mood.condition or (mood.purpose and sense.type in modal_words().aims):
            return []
        said = sorted({reading.predicate, verb})
        start, end = tree.tokens[said[0]].start, tree.tokens[said[-1]].end
        if mood.future and self.quote_at(start) is not None:
            mood.intent = True  # "… would visit Russia", as the Kremlin announced
        kind, mode = intended(sense, mood)
        if kind == sense.type and not fits(sense, actors, recipients):
            return []
        if kind != sense.type:  # announced, not done: the intent is coded, and is news now
            when = self.clock.when(set(), verb)
        else:
            when = self.clock.when(set(tree.clause(verb)), verb)
        if (mood.future or mood.hypothetical) and when.basis == "published":
            when.time = when.earliest = when.latest = when.granularity = when.basis = None
        sentence = tree.tokens[reading.predicate].sentence
        bounds = self.article.sentences[sentence]
        event = Event(
            type=kind, mode=mode, context=sense.context,
            predicate=self.article.body[start:end], predicate_start=start, predicate_end=end,
            sentence=sentence, start=bounds.start, end=bounds.end,
            actors=actors, recipients=recipients,
            symmetric=sense.symmetric and len(actors) > 1 and not recipients,
            time=when.time, earliest=when.earliest, latest=when.latest,
            granularity=when.granularity, time_basis=when.basis,
            time_status=self.clock.status(when.earliest, when.latest,
                                          mood.future or mood.hypothetical),
            negated=mood.negated, hypothetical=mood.hypothetical,
            confidence=confidence(sense, mood, recipients),
        )
        self.place(event, verb, recipients)
        self.attribute(event)
        if len(actors) > 1 and not event.symmetric and self.distributive(reading):
            return [replace(event, actors=[actor]) for actor in actors]
        return [event]

    def distributive(self, reading: Reading) -> bool:
        """Whether "each" distributes the act over the actors."""
        tree = self.tree
        for head in reading.actor_heads:
            if any(tree.lower(k) == "each" for k in tree.kids(head)):
                return True
        return any(tree.lower(k) == "each" for k in tree.kids(reading.predicate))

    def roles(self, reading: Reading) -> tuple[list[Party], list[Party]]:
        """Actors and recipients of a reading: swapped where the sense says, merged for a
        symmetric act, a party never on both sides."""
        actors = self.side(reading.actor_heads)
        recipients = self.side(reading.recipient_heads)
        if reading.swap:
            actors, recipients = recipients, actors
        if reading.sense.symmetric and recipients:
            actors, recipients = merge(actors, recipients), []
        ids = {a.actor_id for a in actors}
        return actors, [p for p in recipients if p.actor_id not in ids]

    def side(self, heads: list[int]) -> list[Party]:
        parties: list[Party] = []
        for head in heads:
            found = self.parties.of(head)
            if not found and self.tree.tokens[head].pos == "PRON":
                found = self.side(self.speaker_of(head))
            parties = merge(parties, found)
        return parties

    def speaker_of(self, pronoun: int) -> list[int]:
        """ "Switzerland said it had expelled …", "the Serbs said their forces had completed
        …": a pronoun in what a source says is the source."""
        tree = self.tree
        verb = next((a for a in tree.ancestors(pronoun)
                     if tree.tokens[a].pos in ("VERB", "AUX")), None)
        if verb is None or tree.tokens[verb].dep != "ccomp":
            return []
        cue = tree.head(verb)
        if cue is None or tree.tokens[cue].lemma.lower() not in speech_lexicon().verbs:
            return []
        subject = tree.subject(cue)
        return [subject] if subject is not None and subject != pronoun else []

    def place(self, event: Event, verb: int, recipients: list[Party]) -> None:
        """Where: a place among the recipients ("visited Pyongyang"), else a place in one of
        the predicate's locative phrases ("met in Pyongyang")."""
        tree = self.tree
        mentions = []
        for party in recipients:
            mentions += [m for m in self.parties.places(party.start, party.end)
                         if m.actor_id == party.actor_id]
        for prep in tree.kids(verb, "prep"):
            if tree.lower(prep) in PLACING:
                mentions += self.parties.places(*tree.span(tree.subtree(prep)))
        places = [m for m in mentions if self.parties.actors.get(m.actor_id or "") is None
                  or self.parties.actors[m.actor_id].kind == "place"] or mentions
        if places:
            where = places[0]
            event.location, event.location_id = where.text, where.actor_id
            event.location_start, event.location_end = where.start, where.end

    def quote_at(self, offset: int) -> int | None:
        """The index of the quote whose content holds an offset."""
        for index, quote in enumerate(self.article.quotes):
            if any(s <= offset < e for s, e in quote.parts or [(quote.content_start,
                                                               quote.content_end)]):
                return index
        return None

    def attribute(self, event: Event) -> None:
        """Kept apart from the act: the source the speech layer gives its words to."""
        at = event.predicate_start
        index = self.quote_at(at)
        if index is not None:
            quote = self.article.quotes[index]
            event.reported_by, event.reported_actor_id = quote.speaker, quote.actor_id
            event.quote = index
            return
        for claim in self.article.claims:
            if claim.kind == "factual" and claim.start <= at < claim.end:
                event.reported_by = claim.claimant or claim.hedge
                event.reported_actor_id = claim.actor_id
                return


def intended(sense: Sense, mood: Modality) -> tuple[str, str | None]:
    """The type and mode to code: the act's own, or for an act an actor says it will do, the
    intent PLOVER codes instead — a refusal (REJECT), a promise on a condition the other side
    must meet (THREATEN), an intent to cooperate (AGREE) or to harm (THREATEN). The statement
    is today's news: the intent is not future."""
    lexicon = predicates()
    if not mood.intent or mood.hypothetical:
        return sense.type, sense.mode
    if mood.negated and sense.type in lexicon.refusals:
        mood.negated = mood.future = False
        return "REJECT", lexicon.refusals[sense.type]
    if mood.conditioned and not mood.negated:
        mood.future = False
        return lexicon.conditional
    if not mood.negated and sense.type in lexicon.intentions:
        mood.future = False
        return lexicon.intentions[sense.type]
    return sense.type, sense.mode


def fits(sense: Sense, actors: list[Party], recipients: list[Party]) -> bool:
    """Whether the parties found are those the sense needs to be the act it names."""
    if sense.needs_recipient and not recipients and not (sense.symmetric and len(actors) > 1):
        return False
    return not (sense.foreign and recipients and not foreign(actors, recipients))


def merge(first: list[Party], second: list[Party]) -> list[Party]:
    """Parties of both sides, one per actor, in order."""
    seen = {p.actor_id for p in first}
    return first + [p for p in second if p.actor_id not in seen]


def foreign(actors: list[Party], recipients: list[Party]) -> bool:
    """Whether the recipient is of a known country other than every actor's (a visit abroad;
    an actor of unknown country is taken to be foreign to it)."""
    theirs = {country(p.code) for p in recipients} - {None}
    ours = {country(p.code) for p in actors} - {None}
    return bool(theirs) and not theirs & ours


def confidence(sense: Sense, mood: Modality, recipients: list[Party]) -> float:
    """How sure the reading is: a named recipient and a plain assertion score higher."""
    score = 0.6
    if recipients or sense.symmetric:
        score += 0.2
    if sense.object:
        score += 0.1
    if mood.hypothetical:
        score -= 0.2
    return round(min(score, 0.95), 2)
