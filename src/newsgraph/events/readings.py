"""Readings: a predicate of the lexicon with the sense the parse gives it and the phrases that
fill its roles.

The :class:`Reader` knows the grammar of arguments — subjects through relative clauses,
participles and control ("is willing to withdraw"), passive agents, possessors of nouns ("Rojas's
visit"), the verb that carries a noun ("held talks", "returned for talks"), recipient slots
("on Venezuela", "to the DPRK", "that the US …") — and resolves each phrase to the parties it
names. What the act then is (its modality, time, place, source) is the coder's business.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.events.arguments import Parties, merge
from newsgraph.events.lexicon import Sense, predicates
from newsgraph.events.modality import obliged
from newsgraph.events.modality import words as modal_words
from newsgraph.model import Party
from newsgraph.speech.cues import speech_cues
from newsgraph.syntax import Tree

# Verbs whose subject receives or undergoes what their object names ("received backing from
# Cairo", "drew protests from", "faced sanctions"): the subject is no actor of that act.
RECEIVERS = frozenset({"receive", "get", "obtain", "gain", "win", "accept", "draw", "attract",
                       "earn", "face", "suffer", "incur",
                       # an attack the subject holds off is made on it ("repelled an RSF attack")
                       "repel", "repulse", "withstand", "endure", "sustain", "survive"})
RELATIVE_PRONOUNS = frozenset({"WDT", "WP", "WP$"})
# "They" and its forms point back to a plural subject: the one of the clause above them ("the
# leaders of Armenia and Azerbaijan agreed … when they met"), else the previous sentence's.
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Acts whose noun "between" two sides mostly names one made before ("the ceasefire agreement
# between Israel and Hamas"), not one made in the sentence.
REFERRED = frozenset({"AGREE", "SUPPORT"})
# Verbs by which an act named by their subject comes about ("the ceasefire took effect",
# "came into force", "talks began", "clashes broke out"): the verb, and the object, "into"
# phrase or particle it needs.
COMING_INTO_FORCE: dict[str, frozenset[str]] = {
    "take": frozenset({"effect", "place"}), "come": frozenset({"effect", "force"}),
    "go": frozenset({"effect"}), "enter": frozenset({"force"}),
    "begin": frozenset(), "start": frozenset(), "hold": frozenset(),
    # acts going on: "heavy fighting continues between …", "talks resumed in Oman"
    "resume": frozenset(), "continue": frozenset(), "erupt": frozenset(), "rage": frozenset(),
    "intensify": frozenset(), "escalate": frozenset(), "persist": frozenset(),
    "flare": frozenset(), "break": frozenset({"out"})}
# Prepositions that set the scene of an act ("during his visit to Hanoi", "after talks in Lima").
SCENE_PREPS = frozenset({"during", "after", "upon", "following", "while"})
# Prepositions through which a noun predicate hangs from the verb that carries it.
CARRYING_PREPS = frozenset({"of", "for"})
# particles the parser sometimes attaches as an adverb or preposition right after their verb
# ("pulled back from", "pulled out of")
LOOSE_PARTICLES = frozenset({"out", "back", "off", "away", "down", "up", "over"})
# means by which people talk at a distance ("spoke by telephone with …")
MEANS = frozenset({"telephone", "phone", "video", "videolink", "videoconference",
                   "teleconference", "videocall"})
# verbs whose phrase of a preposition is their act: "resorted to firing", "returned to
# fighting", "warned of a strong response", "came under fire", "went on strike", "took part
# in talks"
PREP_CARRIERS = {"to": frozenset({"resort", "return", "turn"}), "of": frozenset({"warn"}),
                 "under": frozenset({"come"}), "on": frozenset({"go"}),
                 "in": frozenset({"participate", "engage", "take", "join"})}
# verbs whose subject perceives or oversees the act its object names, and does not do it
# ("observe" is also to keep: "observed the truce"; "will monitor the ceasefire" is the
# monitors', not a truce of theirs)
PERCEIVERS = frozenset({"hear", "see", "witness", "watch", "notice", "spot", "film",
                        "record", "feel", "photograph", "monitor", "oversee", "supervise",
                        "verify"})
# where the adjective a verb predicates of its object hangs ("held Iran responsible"): the
# small model attaches it as any of these
PREDICATIVE_DEPS = ("acomp", "oprd", "advcl", "ccomp", "xcomp")
# lines a list of measures may run under the line that announces it
LIST_REACH = 12
# What a source says someone must do (see Reader.demand_reading).
DEMAND = Sense(type="REQUEST", recipient=())
# What a source says someone did wrong (see Reader.demand_reading): the verbs of a breach
ACCUSATION = Sense(type="ACCUSE", mode="allege", recipient=())
BREACHES = frozenset({"violate", "breach"})


@dataclass(slots=True)
class Reading:
    """A predicate with the sense the parse gives it and the phrases filling its roles."""

    predicate: int
    sense: Sense
    actor_heads: list[int]
    recipient_heads: list[int] = field(default_factory=list)
    light: int | None = None  # the verb carrying a noun predicate ("held" talks)
    swap: bool = False
    reciprocal: bool = False  # the act's object is "each other": its actors do it mutually


@lru_cache(maxsize=1)
def troop_senders() -> frozenset[str]:
    """The verbs with a sense that readies or gives troops (MOBILIZE or AID over the whole
    troops group): "sent volunteers who pushed …" makes the volunteers the sender's."""
    lexicon = predicates()
    troops = lexicon.groups["troops"]
    return frozenset(word for word, senses in lexicon.verbs.items()
                     if any(s.type in ("MOBILIZE", "AID") and troops <= s.object for s in senses))


def each_reading(read: Callable[[int, tuple[Sense, ...]], Reading | None], i: int,
                 senses: tuple[Sense, ...]) -> list[Reading]:
    """Every reading ``read`` finds for word ``i``, each among the senses after the last's."""
    readings: list[Reading] = []
    rest = senses
    while rest and (reading := read(i, rest)) is not None:
        readings.append(reading)
        rest = rest[rest.index(reading.sense) + 1:]
    return readings


class Reader:
    """Reads predicates and their arguments off one article's parse."""

    def __init__(self, tree: Tree, parties: Parties) -> None:
        self.tree = tree
        self.parties = parties
        self.troops = predicates().groups["troops"]
        self.conditions = predicates().groups["conditions"]
        self.senders = troop_senders()

    def verb_readings(self, i: int, senses: tuple[Sense, ...]) -> list[Reading]:
        """Every reading whose conditions the parse meets, in the senses' order: the coder
        takes the first whose parties make it the act ("launched missiles at Seoul" is an
        attack; with no target, the next sense, a show of force)."""
        if self.declines_to_say(i):
            return []
        return each_reading(self.verb_reading, i, senses)

    def declines_to_say(self, i: int) -> bool:
        """ "Declined to comment", "refused to say where they would go": a refusal to speak,
        which refuses nothing."""
        tree, modal = self.tree, modal_words()
        return tree.tokens[i].lemma.lower() in modal.deniers and any(
            tree.tokens[k].lemma.lower() in modal.silences for k in tree.kids(i, "xcomp"))

    def verb_reading(self, i: int, senses: tuple[Sense, ...]) -> Reading | None:
        tree = self.tree
        passive = tree.passive(i)
        theme = tree.kid(i, "nsubjpass") if passive else tree.kid(i, "dobj")
        if theme is None and not passive:
            theme = self.named_object(i)
        # "the treaty, signed by Kim and Putin": the noun a participle modifies is its theme,
        # for the senses that name what that theme must be
        modified = tree.tokens[i].dep == "acl" and tree.tokens[i].tag == "VBN" \
            and bool(tree.kids(i, "agent"))
        if modified:
            passive, theme = True, tree.head(i)
        objects = self.object_lemmas(theme)
        particles = {tree.lower(k) for k in tree.kids(i, "prt")} | {
            tree.lower(k) for k in tree.kids(i, "advmod", "prep")
            if k == i + 1 and tree.lower(k) in LOOSE_PARTICLES}
        for sense in senses:
            if sense.particle and sense.particle not in particles:
                continue
            if modified and not sense.object:
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
            if sense.phrase and not sense.phrase[1] & {
                    tree.tokens[h].lemma.lower() for h in self.prep_objects(i, sense.phrase[0])}:
                continue
            if sense.predicative and not sense.predicative & {
                    tree.tokens[k].lemma.lower() for k in tree.kids(i, *PREDICATIVE_DEPS)}:
                continue
            if sense.active_only and passive:
                continue
            actor = self.agent(i) if passive else self.subject(i)
            if actor is None and passive and (sense.type == "MOBILIZE"
                                              or objects & self.troops):
                # "Indian troops have been deployed", "North Korean troops were sent to
                # Russia": a side readies and sends its own
                actor = theme
            if actor is not None and (self.object_lemmas(actor) | {
                    self.tree.tokens[k].lemma.lower() for k in self.tree.kids(actor, "compound")}
                    ) & sense.subject_not:
                continue  # "a first contingent of peacekeeping troops arrived", "Hurricane Ian"
            if self.reciprocal(theme):  # "accused each other": both sides, one act
                return Reading(i, sense, [actor] if actor is not None else [],
                               reciprocal=True)
            return Reading(i, sense, [actor] if actor is not None else [],
                           self.slots(i, sense, theme), swap=sense.swap)
        return None

    def reciprocal(self, theme: int | None) -> bool:
        """Whether an object is "each other" or "one another"."""
        tree = self.tree
        if theme is None:
            return False
        words = {tree.lower(theme), *(tree.lower(k) for k in tree.kids(theme))}
        return words >= {"each", "other"} or words >= {"one", "another"}

    def demand_reading(self, i: int) -> Reading | None:
        """A source saying someone must act makes a demand of them: "Russia said Sudan must
        return the helicopter" is Russia's REQUEST to Sudan, whatever the act asked for. A
        source saying someone breached something accuses them: "Hamas said Israel had
        violated the ceasefire" is Hamas's ACCUSE of Israel, the breach what it alleges."""
        tree = self.tree
        if tree.tokens[i].lemma.lower() not in speech_cues().verbs:
            return None
        for clause in tree.kids(i, "ccomp"):
            sense = DEMAND if obliged(tree, clause) else (
                ACCUSATION if tree.tokens[clause].lemma.lower() in BREACHES
                and not tree.kids(clause, "neg") else None)
            if sense is not None:
                speaker, subject = self.subject(i), tree.subject(clause)
                return Reading(i, sense, [speaker] if speaker is not None else [],
                               [subject] if subject is not None else [])
        return None

    def noun_readings(self, i: int, senses: tuple[Sense, ...]) -> list[Reading]:
        """Every reading of a noun whose conditions the parse meets, in the senses' order, as
        :meth:`verb_readings` gives a verb's ("a ban on Indian flights" is a sanction; with no
        foreign party, "the Taliban's ban on girls' education", the next sense, a restriction)."""
        return each_reading(self.noun_reading, i, senses)

    def noun_reading(self, i: int, senses: tuple[Sense, ...]) -> Reading | None:
        tree = self.tree
        name = self.names(i)
        light = self.carrier(name if name is not None else i)
        of = self.prep_objects(i, "of")
        objects = self.object_lemmas(of[0] if of else None)
        scene = self.scene(i) if light is None else None
        for sense in senses:
            if sense.named != (name is not None):
                continue  # "Operation Sindoor" reads only as a name, "the operation" not so
            carried = light is not None or (scene is not None and sense.symmetric)
            if sense.light_only and not carried and not (
                    tree.kids(i, "poss") or self.prep_objects(i, "by")):
                continue  # a bare "strikes" is a topic; "an airstrike by Pakistani forces" an act
            if sense.governor and (light is None or tree.tokens[light].lemma.lower()
                                   not in sense.governor):
                continue
            if sense.object and not objects & sense.object:
                continue
            if sense.object_label and (not of or self.parties.label(of[0]) != sense.object_label):
                continue  # "control of Goma"
            if sense.modifier and not sense.modifier & {
                    tree.lower(k) for k in tree.kids(i, "compound", "amod", "nmod")}:
                continue
            recipient_slots = set(sense.recipient)
            actors = tree.kids(i, "poss") + self.prep_objects(i, "by")
            if "prep:of" not in recipient_slots and not sense.object:
                actors += of
            if not self.side(actors):  # "Palestinian riots", "the Russian invasion"
                actors = [k for k in tree.kids(i, "amod", "compound", "nmod")
                          if not self.parties.names_town(k)]
            if light is not None and self.receives(i, light):
                # "drew criticism from Turkey", "repelled an RSF attack": the subject undergoes
                givers = self.prep_objects(i, "from") + self.prep_objects(light, "from")
                return Reading(i, sense, givers if self.side(givers) else actors,
                               [s] if (s := self.subject(light)) is not None else [],
                               light=light)
            between = [h for h in self.prep_objects(i, "between")
                       + (self.prep_objects(of[0], "between") if of else [])
                       if self.side([h])]
            if sense.symmetric and between and "prep:between" in sense.recipient:
                # "presided over the signing of an agreement between Congo and Rwanda",
                # "announced a ceasefire between India and Pakistan": the sides named are the
                # act's, the one who presides or announces is none
                return Reading(i, sense, [], between, light=light, swap=sense.swap)
            if sense.symmetric and between and sense.type not in REFERRED \
                    and not self.side(actors):
                # "the meeting between Prabowo and Albanese took place", "said talks between
                # Kinshasa and the M23 resumed": the sides named hold them
                return Reading(i, sense, between, [], light=light, swap=sense.swap)
            if light is not None and not self.side(actors):
                # "held talks", "mounted its invasion": the light verb's subject acts
                subject = self.agent(light) if tree.passive(light) else self.subject(light)
                actors = [subject] if subject is not None else []
            recipients = self.slots(i, sense, None)
            if scene is not None and sense.symmetric and not self.side(actors):
                # "signed a statement following talks in Moscow", "spoke during a meeting with
                # Shoigu": talks the scene's subject had; "their talks" the object's too (not
                # "surrendered following a government offensive": another side's act)
                actors = [s] if (s := self.subject(scene)) is not None else []
                if any(tree.lower(k) in ("their", "our") for k in tree.kids(i, "poss")):
                    recipients = recipients or tree.kids(scene, "dobj")
            if light is None and not self.side(actors):
                actors = self.list_lead(i)
            if not recipients and light is not None:
                recipients = self.slots(light, sense, None)
            return Reading(i, sense, actors, recipients, light=light, swap=sense.swap)
        return None

    def scene(self, noun: int) -> int | None:
        """The verb a noun sets the scene of ("signed … following talks in Moscow"), if it is
        the object of such a preposition; not for "the visit", "this meeting", which refer
        back to an act told before ("During the visit, Shoigu laid flowers …")."""
        tree = self.tree
        prep = tree.head(noun)
        if prep is None or not ((tree.tokens[noun].dep == "pobj"
                                 and tree.lower(prep) in SCENE_PREPS)
                                or (tree.tokens[noun].dep == "dobj" and self.preposition(prep))):
            return None
        if any(tree.lower(k) in ("the", "this", "that", "these", "those")
               for k in tree.kids(noun, "det")):
            return None
        verb = tree.head(prep)
        return verb if verb is not None and tree.tokens[verb].pos == "VERB" else None

    def preposition(self, i: int) -> bool:
        """Whether a word the parser took for a verb is the preposition "following" (an
        "-ing" form of a scene preposition: "surrendered following a government offensive")."""
        return self.tree.tokens[i].tag == "VBG" and self.tree.lower(i) in SCENE_PREPS

    def receives(self, noun: int, light: int) -> bool:
        """Whether the carrier's subject undergoes the noun's act: "drew criticism from",
        "came under fire from Hezbollah" (the act by the "from" phrase)."""
        tree = self.tree
        head = tree.head(noun)
        return tree.tokens[light].lemma.lower() in RECEIVERS or (
            head is not None and tree.lower(head) == "under")

    def list_lead(self, noun: int) -> list[int]:
        """Who takes the measures a list names: a verbless line headed by the act's noun
        ("Closure of the Wagah border crossing.", "Suspension of all bilateral trade.") under
        a line ending in a colon ("Khan announced a series of retaliatory measures:") is an
        act of that line's subject, as is every line between them."""
        tree = self.tree
        if tree.tokens[noun].dep != "ROOT":
            return []
        sentence = tree.tokens[noun].sentence
        for back in range(sentence - 1, max(-1, sentence - LIST_REACH), -1):
            tokens = tree.sentence_tokens.get(back, [])
            root = next((t for t in tokens if tree.tokens[t].dep == "ROOT"), None)
            if root is None:
                return []
            if next((tree.lower(t) for t in reversed(tokens) if tree.text(t).strip()), "") == ":":
                subject = tree.subject(root) if tree.tokens[root].pos in ("VERB", "AUX") \
                    else None
                return [subject] if subject is not None else []
            if tree.tokens[root].pos in ("VERB", "AUX"):
                return []  # a line with its own verb between: no list
        return []

    def gerund(self, i: int) -> bool:
        """Whether a verb's "-ing" form stands as a noun ("Fighting between the army and the
        RSF killed 40"): in a noun's place, with no subject or object of its own. It reads
        through the noun senses of its form."""
        tree = self.tree
        token = tree.tokens[i]
        return (token.tag == "VBG" and token.dep in ("nsubj", "nsubjpass", "dobj", "pobj")
                and not tree.kids(i, "nsubj", "dobj", "aux"))

    def opening_noun(self, i: int) -> bool:
        """Whether a proper noun is a common noun the tagger took for a name because it opens
        its line ("Ban on Indian flights.", "Reduction of diplomatic staff."): the line's
        head, and the start of no longer name ("Ban Ki-moon")."""
        tree = self.tree
        token = tree.tokens[i]
        return (token.pos == "PROPN" and token.dep == "ROOT"
                and tree.sentence_tokens[token.sentence][0] == i)

    def names(self, i: int) -> int | None:
        """The head of the proper name a noun of the lexicon starts ("Operation" of "Operation
        Sindoor"), if it starts one."""
        tree = self.tree
        token = tree.tokens[i]
        head = tree.head(i)
        if token.pos != "PROPN" or token.dep != "compound" or head is None \
                or tree.tokens[head].pos != "PROPN" or head <= i:
            return None
        if any(k < i for k in tree.kids(head, "compound")):
            return None  # not the name's first word
        return head

    def carrier(self, noun: int) -> int | None:
        """The verb a noun predicate is the object of, which carries its actor and tense:
        "held talks", "launched 10 days of war games", "returned to Geneva for talks" (not
        "conducted in cooperation with …": a manner, not an act)."""
        tree = self.tree
        current = noun
        for _ in range(3):
            head = tree.head(current)
            if head is None:
                return None
            dep = tree.tokens[current].dep
            if dep == "nsubj" and current == noun and self.comes_into_force(head):
                return head
            if dep == "conj" and current == noun and tree.tokens[head].pos == "NOUN":
                current = head  # "maintained drone and artillery attacks": the first's verb
                continue
            if dep in ("dobj", "nsubjpass") and tree.tokens[head].pos == "VERB":
                if self.preposition(head):
                    return None  # "surrendered following a government offensive"
                if tree.tokens[head].lemma.lower() in PERCEIVERS:
                    return None  # "we heard two air strikes": witnesses, not strikers
                return None if self.names_object(head) else head
            above = tree.head(head)
            if dep != "pobj" or above is None:
                return None
            prep, verb = tree.lower(head), tree.tokens[above].lemma.lower()
            if verb in PREP_CARRIERS.get(prep, ()):
                return above  # "resorted to firing", "warned of a strong response"
            if prep not in CARRYING_PREPS:
                return None
            if tree.tokens[above].pos == "VERB" and prep != "of":
                return above  # "returned for talks"
            current = above  # "10 days of war games": go on through the quantity
        return None

    def names_object(self, verb: int) -> bool:
        """Whether a verb says what its object is rather than doing it: "called the strikes an
        act of war" (a predicate for the object), "described the ceasefire as fragile" (a verb
        of saying or thinking whose "as" phrase says what the object is)."""
        tree = self.tree
        if tree.kids(verb, "oprd"):
            return True
        cue = speech_cues().verbs.get(tree.tokens[verb].lemma.lower())
        if cue is None or "as" not in cue.preps:
            return False
        return any(tree.lower(k) == "as" for k in tree.kids(verb, "prep")) or any(
            tree.lower(m) == "as" for c in tree.kids(verb, "advcl") for m in tree.kids(c, "mark"))

    def comes_into_force(self, verb: int) -> bool:
        """Whether a verb says that its subject came about (:data:`COMING_INTO_FORCE`)."""
        tree = self.tree
        needed = COMING_INTO_FORCE.get(tree.tokens[verb].lemma.lower())
        if needed is None:
            return False
        if not needed:
            return True
        words = {tree.tokens[k].lemma.lower() for k in tree.kids(verb, "dobj", "prt")}
        words |= {tree.tokens[o].lemma.lower() for k in tree.kids(verb, "prep")
                  if tree.lower(k) == "into" for o in tree.kids(k, "pobj")}
        return bool(words & needed)

    def object_lemmas(self, theme: int | None) -> set[str]:
        """The object's head lemma, and the head of its "of" phrase ("a contingent of
        pilots", "a total of 64,000 sorties"), and of conjoined objects."""
        if theme is None:
            return set()
        tree = self.tree
        heads = [theme, *tree.kids(theme, "conj"), *self.prep_objects(theme, "of")]
        return {tree.tokens[h].lemma.lower() for h in heads}

    def prep_objects(self, i: int, preposition: str) -> list[int]:
        """The objects of ``i``'s phrases of a preposition, also where the parser hangs the
        phrase from a particle it took for a preposition ("pulled out of the bloc") or from a
        means of speaking ("spoke by telephone with")."""
        tree = self.tree
        objects = []
        preps = tree.kids(i, "prep", "agent", "dative")
        preps += [k for loose in preps if loose == i + 1 and tree.lower(loose) in LOOSE_PARTICLES
                  for k in tree.kids(loose, "prep")]
        # "spoke by telephone with Pezeshkian": the phrase hangs from the means
        preps += [k for by in preps if tree.lower(by) == "by" for means in tree.kids(by, "pobj")
                  if tree.tokens[means].lemma.lower() in MEANS for k in tree.kids(means, "prep")]
        for prep in preps:
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
            # an act or a deal named by the slot is its sides': "condemned the military
            # cooperation between Russia and North Korea", "withdrew from a deal between …"
            found = [head for found_head in found
                     for head in ([found_head] if self.side([found_head])
                                  else self.prep_objects(found_head, "between"))
                     if self.side([head])]
            if found:
                return found
        return []

    def subject(self, verb: int) -> int | None:
        """The verb's subject. A relative pronoun stands for the noun its clause modifies
        ("troops who died liberating the town"); a participle modifying a noun has that noun
        ("Washington sending submarines", "the visiting delegation"); a participle or purpose
        infinitive in a phrase ("in addition to inviting …", "met Rojas to sign …") has the
        subject of the verb above it."""
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
        if token.dep in ("acl", "amod") and token.tag == "VBG":
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
        lemma = tree.tokens[noun].lemma.lower()
        if self.parties.of(noun) or verb is None or tree.tokens[noun].dep != "dobj" \
                or lemma in self.conditions \
                or (lemma in self.troops and not self.sends_troops(verb)):
            # "defuse tensions, which threaten …": the tensions threaten; "trainers to
            # instruct troops fighting Boko Haram": the troops fight ("sending volunteers
            # who pushed …": the sender's)
            return noun
        return self.subject(verb)

    def named_object(self, verb: int) -> int | None:
        """The object a free relative names as someone calls it: "condemned what it called
        reckless incursions", "struck what the military described as weapons depots",
        "attacked what Kyiv said was a hospital" (the parser makes the naming clause the
        verb's complement and "what" its object)."""
        tree = self.tree
        for clause in tree.kids(verb, "ccomp"):
            inner = [clause, *tree.kids(clause, "ccomp")]
            if not any(tree.lower(k) == "what"
                       for c in inner for k in tree.kids(c, "dobj", "nsubj")):
                continue
            for c in inner:
                named = [k for k in tree.kids(c, "dobj", "attr", "oprd")
                         if tree.lower(k) != "what"]
                named += self.prep_objects(c, "as")
                if named:
                    return named[0]
        return None

    def sends_troops(self, verb: int) -> bool:
        """Whether a verb sends or deploys the troops it has as object, so that they are its
        subject's own (:func:`troop_senders`)."""
        return self.tree.tokens[verb].lemma.lower() in self.senders

    def agent(self, verb: int) -> int | None:
        """The "by" phrase of a passive verb."""
        tree = self.tree
        for agent in tree.kids(verb, "agent"):
            pobj = tree.kid(agent, "pobj")
            if pobj is not None:
                return pobj
        return None

    def side(self, heads: list[int]) -> list[Party]:
        parties: list[Party] = []
        for head in heads:
            found = []
            if self.tree.tokens[head].pos == "PRON":
                # "Pakistan's military said Indian missiles hit six sites and that it shot
                # down five jets": the source, not the country named last
                found = self.side(self.speaker_of(head))
                if not found and self.tree.lower(head) in PLURAL_PRONOUNS:
                    found = self.side(self.plural_antecedent(head))
            parties = merge(parties, found or self.parties.of(head))
        return parties

    def plural_antecedent(self, pronoun: int) -> list[int]:
        """The subject "they" points back to (see PLURAL_PRONOUNS): the nearest subject above
        the pronoun's own, else the main subject of the sentence before; none where that
        subject is not plural parties ("residents said they fled" names no party)."""
        tree = self.tree
        for verb in tree.ancestors(pronoun):
            if tree.tokens[verb].pos not in ("VERB", "AUX"):
                continue
            subject = self.subject(verb)
            if subject is None or subject == pronoun or pronoun in tree.subtree(subject):
                continue
            return [subject] if self.plural(subject) else []
        sentence = tree.tokens[pronoun].sentence
        root = next((t for t in tree.sentence_tokens.get(sentence - 1, [])
                     if tree.tokens[t].dep == "ROOT"), None)
        subject = tree.subject(root) if root is not None else None
        return [subject] if subject is not None and self.plural(subject) else []

    def plural(self, head: int) -> bool:
        """Whether a phrase names several parties, or one by a plural noun ("the Houthis")."""
        tree = self.tree
        if tree.tokens[head].pos == "PRON":
            return False
        parties = self.parties.of(head)
        return len(parties) > 1 or (bool(parties) and tree.tokens[head].tag in PLURAL_TAGS)

    def speaker_of(self, pronoun: int) -> list[int]:
        """ "Switzerland said it had expelled …", "the Serbs said their forces had completed
        …": a pronoun in what a source says is the source."""
        tree = self.tree
        verb = next((a for a in tree.ancestors(pronoun)
                     if tree.tokens[a].pos in ("VERB", "AUX")), None)
        while verb is not None and tree.tokens[verb].dep == "conj":
            verb = tree.head(verb)  # "said X hit …, and that it shot down …"
        if verb is None or tree.tokens[verb].dep != "ccomp":
            return []
        cue = tree.head(verb)
        if cue is None or tree.tokens[cue].lemma.lower() not in speech_cues().verbs:
            return []
        subject = tree.subject(cue)
        return [subject] if subject is not None and subject != pronoun else []
