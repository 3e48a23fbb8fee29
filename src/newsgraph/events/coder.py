"""The event coder: predicates of the lexicon, read with their arguments off the parse.

For each verb or noun of ``data/event_predicates.yaml`` the reader (:mod:`.readings`) picks
the sense whose conditions the parse meets and finds the actor and recipient phrases; the
coder keeps the event only when a named actor does it — precision first: a sentence that codes
nothing is better than a wrong event — decides what the act is (done, stated as an intent,
refused, only asked for: :mod:`.modality`), when (:mod:`.timing`), where, and who reports it
(the speech layer's quotes and hedged claims).
"""

from __future__ import annotations

from dataclasses import replace

from newsgraph.events.arguments import Parties, country, merge
from newsgraph.events.lexicon import Sense, predicates
from newsgraph.events.modality import Modality, modality, past_clause
from newsgraph.events.modality import words as modal_words
from newsgraph.events.readings import SCENE_PREPS, Reader, Reading
from newsgraph.events.timing import Clock
from newsgraph.model import ActorCode, Article, Event, Mention, Party
from newsgraph.places.gazetteer import default_gazetteer
from newsgraph.syntax import Tree

# Prepositions whose object places the act ("met in Lima", "landed on the coast").
PLACING = frozenset({"in", "at", "to", "into", "on", "near", "across", "inside"})
# Clauses an act shares its setting with: coordinated ("arrived in Hanoi and met"), an open
# complement ("went to Hanoi to meet"), an adverbial one ("met … , arriving in Hanoi").
LINKED_CLAUSES = frozenset({"conj", "xcomp", "advcl"})
# Adverbial clauses of another time or a condition, whose places are not the act's ("met …
# before leaving for Hanoi").
OTHER_TIME_MARKS = frozenset({"before", "until", "till", "unless", "if"})
# Acts a state does through its armed forces, with the modes it does not (crowd control and
# police deployments are the police's); see state_sector.
ARMED_ACTS = {"ASSAULT": frozenset({"crowd-control"}),
              "MOBILIZE": frozenset({"police", "militia"})}
# Types whose object or complement is an act talked about, not done (see Coder.content).
CONTENT_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"})
COMPLEMENTS = ("dobj", "xcomp", "ccomp", "acl", "pcomp")
# The sector of a crowd whose noun names none ("protesters", "mothers"): see Coder.crowd.
CROWD_SECTOR = "CVL"
CONTENT_PREPS = frozenset({"of", "for", "to", "on", "against", "about", "over", "with"})


class Coder:
    """Codes one article; built once per article from its parse, mentions, times, speech."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.tree = Tree(article)
        self.parties = Parties(article, self.tree)
        self.reader = Reader(self.tree, self.parties)
        self.clock = Clock(article, self.tree)

    def events(self) -> list[Event]:
        tree = self.tree
        lexicon = predicates()
        coded: list[tuple[Reading, list[Event]]] = []
        carried: set[int] = set()
        for i, token in enumerate(tree.tokens):
            if token.pos == "VERB" and (senses := verb_senses(tree, i)) \
                    and not tree.hyphened_modifier(i):
                alternatives = self.reader.verb_readings(i, senses)
                if first := self.first_coded(alternatives):
                    coded.append(first)
                if alternatives:  # its nouns are its objects even where no sense fit
                    carried.add(i)
        readings: list[Reading] = []
        for i, token in enumerate(tree.tokens):
            if token.pos == "VERB" and i not in carried:
                reading = self.reader.demand_reading(i)
                if reading is not None:
                    readings.append(reading)
        verbs_coded = {reading.predicate for reading, _ in coded}
        for i, token in enumerate(tree.tokens):
            gerund = i not in verbs_coded and self.reader.gerund(i)
            senses = lexicon.nouns.get(tree.lower(i) if gerund else token.lemma.lower())
            if not senses or not (token.pos == "NOUN" or gerund or self.reader.opening_noun(i)
                                  or self.reader.names(i) is not None):
                continue
            # a verb that carries its object noun codes it itself ("launched attacks"), but not
            # its subject ("talks resumed")
            alternatives = [r for r in self.reader.noun_readings(i, senses)
                            if r.light not in carried or token.dep == "nsubj"]
            if first := self.first_coded(alternatives):
                coded.append(first)
        coded += [(r, self.event(r)) for r in readings]
        coded = self.one_act_each(coded)
        contents = [self.content(r) for r, events in coded
                    if any(e.type in CONTENT_TYPES for e in events)]
        events = [e for r, found in coded for e in found
                  if not any(r.predicate in content for content in contents)]
        return sorted(events, key=lambda e: (e.predicate_start, e.type))

    def one_act_each(self, coded: list[tuple[Reading, list[Event]]]
                     ) -> list[tuple[Reading, list[Event]]]:
        """Without the act a noun names where it is the subject of a verb coding the same act:
        "An Israeli drone strike killed a Hezbollah member" tells one attack, not two."""
        tree = self.tree
        events_at = {r.predicate: events for r, events in coded}
        kept = []
        for reading, events in coded:
            token = tree.tokens[reading.predicate]
            head = tree.head(reading.predicate)
            told = events_at.get(head, []) if head is not None else []
            if (token.pos == "NOUN" and token.dep in ("nsubj", "nsubjpass")
                    and reading.light is None
                    and {e.type for e in events} <= {e.type for e in told}):
                for event in told:  # "Israeli drone strikes on Gaza killed 20": on Gaza, drones
                    named = next(e for e in events if e.type == event.type)
                    if not event.recipients and not event.symmetric:
                        event.recipients = named.recipients
                    event.mode = event.mode or named.mode
                continue
            kept.append((reading, events))
        return kept

    def first_coded(self, alternatives: list[Reading]) -> tuple[Reading, list[Event]] | None:
        """The first reading whose parties make it the act, with its events ("launched
        missiles at Seoul" is an attack; with no target, the next sense, a show of force)."""
        for reading in alternatives:
            if found := self.event(reading):
                return reading, found
        return None

    def content(self, reading: Reading) -> set[int]:
        """What a request, refusal, threat, promise or charge is about: its complement and
        object, the act in it not done but asked for, refused, threatened ("demanded that
        Israel ease restrictions" is a request, not an easing), less a past clause's fact."""
        tree = self.tree
        verbs = [reading.predicate] + ([reading.light] if reading.light is not None else [])
        heads = [reading.predicate] if reading.light is not None else []
        for verb in verbs:
            heads += tree.kids(verb, *COMPLEMENTS)
            heads += [p for p in tree.kids(verb, "prep") if tree.lower(p) in CONTENT_PREPS]
        facts = [t for head in heads for t in tree.subtree(head) if past_clause(tree, t)]
        return {t for head in heads for t in tree.subtree(head, skip=facts)} - {reading.predicate}

    # -- events ---------------------------------------------------------------------------

    def event(self, reading: Reading) -> list[Event]:
        """The reading's event, or one per actor for a distributive subject ("Russia and
        China each sent delegations": two acts); none without a named actor, none for an act
        that is only a condition, an aim of another or a topic of talk."""
        tree = self.tree
        sense = replace(reading.sense, symmetric=True) if reading.reciprocal else reading.sense
        actors, recipients = self.roles(reading)
        verb = reading.light if reading.light is not None else reading.predicate
        if not actors:
            actors = self.crowd(reading, verb)
            if actors and sense.type == "ASSAULT":
                # rioters who burn or storm riot: PLOVER's PROTEST riot, not an armed attack
                sense = replace(sense, type="PROTEST", mode="riot", armed=frozenset(),
                                needs_recipient=False, foreign=False)
        if not actors:
            return []
        mood = modality(tree, reading.predicate, reading.light)
        if mood.condition or mood.topic or (mood.purpose and sense.type in modal_words().aims):
            return []
        said = sorted({reading.predicate, verb})
        start, end = tree.tokens[said[0]].start, tree.tokens[said[-1]].end
        if mood.future and self.quote_at(start) is not None:
            mood.intent = True  # "… would visit Peru", as her office announced
        if mood.negated and mood.hypothetical and sense.type in predicates().refusals \
                and self.quote_at(start) is not None:
            # "said it could not accept more refugees": a refusal stated, not a possibility
            mood.intent, mood.hypothetical = True, False
        kind, mode = intended(sense, mood)
        if kind == "REJECT" and sense.symmetric and not reading.reciprocal:
            # "will not negotiate with the US": the refusal is the subject's, made to the other
            actors, recipients = self.roles(replace(reading, sense=replace(sense,
                                                                       symmetric=False)))
        # "the visiting delegation" (not "an official, speaking on condition of anonymity",
        # "a base hosting U.S. troops": a clause after its noun has its own parties)
        attributive = tree.tokens[reading.predicate].dep == "amod" \
            and tree.tokens[reading.predicate].tag == "VBG"
        if kind == sense.type and not fits(sense, actors, recipients, attributive):
            return []
        # only now: an armed sense needs a side the text names as armed, not one coded so
        if (sector := state_sector(kind, mode)) is not None:
            actors = self.parties.organ_of(actors, sector)
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
        actors = self.reader.side(reading.actor_heads)
        recipients = self.reader.side(reading.recipient_heads)
        if reading.swap:
            actors, recipients = recipients, actors
        if reading.sense.symmetric and recipients:
            actors, recipients = merge(actors, recipients), []
        ids = {a.actor_id for a in actors}
        return actors, [p for p in recipients if p.actor_id not in ids]

    def place(self, event: Event, verb: int, recipients: list[Party]) -> None:
        """Where: a place of the act's own clause, else one its sentence ties to it.

        The clause: a place among the recipients ("visited Lima"), else in one of the
        predicate's locative phrases ("met in Lima"). The sentence: a locative phrase of a
        verb the act is coordinated with or subordinate to ("arrived in Hanoi and met …"), a
        scene the act is set in ("after arriving in Hanoi", "during his visit to Hanoi"), or
        the place a "where" clause hangs from ("Hanoi, where he met …"). A clause the act is
        reported in ("officials in Seoul said the North fired …") places the saying, not the
        act, and is not followed."""
        places, basis = self.places_of(verb, recipients)
        if places:
            where = places[0]
            event.location, event.location_id = where.text, where.actor_id
            event.location_start, event.location_end = where.start, where.end
            event.place_basis = basis

    def places_of(self, verb: int, recipients: list[Party]) -> tuple[list[Mention], str]:
        """The places :meth:`place` reads, best first, and whether the act's own clause
        (``clause``) or its sentence (``sentence``) gives them."""
        tree = self.tree
        mentions = []
        for party in recipients:
            mentions += [m for m in self.parties.places(party.start, party.end)
                         if m.actor_id == party.actor_id]
        # The act's own locative phrases, and its object's ("struck a plant in Kharkiv").
        preps = [prep for holder in (verb, *tree.kids(verb, "dobj"))
                 for prep in tree.kids(holder, "prep") if tree.lower(prep) in PLACING]
        for prep in preps:
            mentions += self.parties.places(*tree.span(tree.subtree(prep)))
        if not mentions:  # a town the NER missed or took for a person: the gazetteer knows it
            mentions = [m for prep in preps if (m := self.named_place(prep)) is not None]
        basis = "clause"
        if not mentions:
            mentions, basis = self.tied_places(verb), "sentence"
        places = [m for m in mentions if self.parties.actors.get(m.actor_id or "") is None
                  or self.parties.actors[m.actor_id].kind == "place"] or mentions
        return places, basis

    def crowd(self, reading: Reading, verb: int) -> list[Party]:
        """Protesters named only by what they are ("hundreds of protesters rallied outside
        parliament in Nairobi", "teachers across Zimbabwe walked off the job") are the people
        of the country they protest in, as PLOVER codes a crowd: its country, with the
        sector its noun names (students, doctors, lawmakers), else civilians. So are rioters
        who attack ("demonstrators in Jakarta set fire to a parliament building")."""
        tree, groups = self.tree, predicates().groups
        heads = reading.actor_heads
        crowds = {"PROTEST": groups["crowds"], "ASSAULT": groups["rioters"]}.get(
            reading.sense.type, frozenset())
        if len(heads) != 1 or not self.reader.object_lemmas(heads[0]) & crowds:
            return []
        head = heads[0]
        places, _ = self.places_of(verb, [])
        places += self.parties.places(*tree.span(tree.subtree(head)))  # "… in Jakarta"
        side = next((country(m.code) for m in places if country(m.code)), None)
        if side is None or side.startswith("IGO"):
            return []
        phrase = tree.span(self.parties.phrase(head))
        sector = self.parties.sector_of(head) or CROWD_SECTOR
        return [Party(self.article.body[phrase[0]:phrase[1]], *phrase, side, f"{side}.{sector}")]

    def named_place(self, prep: int) -> Mention | None:
        """The proper name a locative preposition governs ("in Nikopol") as a place mention,
        where it is no resolved name and the gazetteer knows a city, region or site by it."""
        tree = self.tree
        for pobj in tree.kids(prep, "pobj"):
            if tree.tokens[pobj].pos != "PROPN":
                continue
            start, end = tree.span([pobj, *tree.kids(pobj, "compound")])
            text = self.article.body[start:end]
            if any(m.start < end and start < m.end and m.actor_id
                   for m in self.parties.mentions):
                continue
            if any(p.kind != "country" for p in default_gazetteer().candidates(text)):
                return Mention(start, end, text, "GPE", tree.tokens[pobj].sentence)
        return None

    def tied_places(self, verb: int) -> list[Mention]:
        """The places a sentence ties to the act at ``verb`` outside its own clause."""
        tree, found = self.tree, []
        node = verb
        while tree.tokens[node].dep in LINKED_CLAUSES and (head := tree.head(node)) is not None:
            node = head
            for prep in tree.kids(node, "prep"):
                if tree.lower(prep) in PLACING:
                    found += self.parties.places(*tree.span(tree.subtree(prep)))
        for kid in tree.kids(verb, "prep", "advcl"):
            if tree.tokens[kid].dep == "advcl":
                setting = not any(tree.lower(m) in OTHER_TIME_MARKS
                                  for m in tree.kids(kid, "mark"))
            else:
                setting = tree.lower(kid) in SCENE_PREPS
            if setting:
                found += self.parties.places(*tree.span(tree.subtree(kid)))
        head = tree.head(verb)
        if (head is not None and tree.tokens[verb].dep == "relcl"
                and any(tree.lower(k) == "where" for k in tree.kids(verb, "advmod"))):
            token = tree.tokens[head]
            found += self.parties.places(token.start, token.end)
        return found

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


def verb_senses(tree: Tree, i: int) -> tuple[Sense, ...] | None:
    """The senses of verb ``i`` by its lemma, or, where the small model's lemma of a past
    form is no verb of the lexicon ("raped" → "rap"), by the form's stem ("rape", "bomb",
    "pummel")."""
    verbs = predicates().verbs
    token = tree.tokens[i]
    found = verbs.get(token.lemma.lower())
    text = tree.lower(i)
    if found or token.tag not in ("VBD", "VBN") or not text.endswith("ed"):
        return found
    return next((verbs[stem] for stem in (text[:-1], text[:-2], text[:-3]) if stem in verbs),
                None)


def state_sector(kind: str, mode: str | None) -> str | None:
    """Who acts for a state the text names only by its country, as the README's sector
    convention says and the gold keys code it: its military in an armed act ("Pakistan struck
    …" is ``PAK.MIL``), its government in any other ("India expelled …", "Egypt hosted …"
    are ``.GOV``); a protest is its people's, trade and other cooperation as often its
    economy's, and crowd control or a police deployment no army's, so those keep the bare
    country."""
    if kind in ("PROTEST", "COOPERATE"):
        return None
    if kind in ARMED_ACTS:
        return None if mode in ARMED_ACTS[kind] else "MIL"
    return "GOV"


def intended(sense: Sense, mood: Modality) -> tuple[str, str | None]:
    """The type and mode to code: the act's own, or for an act an actor says it will do, the
    intent PLOVER codes instead — a refusal (REJECT), a promise on a condition the other side
    must meet (THREATEN), an intent to cooperate (AGREE) or to harm (THREATEN). The statement
    is today's news: the intent is not future. An attack stopped is a ceasefire (RETREAT), and
    one said to be stopping a concession (CONCEDE), as the manual has them."""
    lexicon = predicates()
    if mood.halted and mood.negated and not mood.hypothetical and sense.type == "ASSAULT":
        # "stopped attacking ships" is a ceasefire kept; "will stop bombing" one announced
        announced = mood.intent or mood.future
        mood.future = mood.intent = mood.negated = False
        return ("CONCEDE", None) if announced else ("RETREAT", "ceasefire")
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


def fits(sense: Sense, actors: list[Party], recipients: list[Party],
         attributive: bool = False) -> bool:
    """Whether the parties found are those the sense needs to be the act it names. A
    participle naming its noun's role ("the visiting delegation") leaves the recipient to the
    scene the article is set in; an armed sense needs an armed party, and talks with the
    media are interviews."""
    if (sense.needs_recipient and not recipients and not attributive
            and not (sense.symmetric and len(actors) > 1)):
        return False
    if sense.armed and not any(_sector(p) in sense.armed for p in (*actors, *recipients)):
        return False  # politicians clash in words; forces and rebels with arms
    if sense.type == "CONSULT" and any(_sector(p) == "MED" for p in (*actors, *recipients)):
        return False  # "speaking with Al Jazeera" is an interview, no consultation
    return not (sense.foreign and recipients and not foreign(actors, recipients))


def _sector(party: Party) -> str:
    return ActorCode.parse(party.code).sector if party.code else ""


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
