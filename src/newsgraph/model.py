"""Record types: the one vocabulary of newsgraph.

An :class:`Article` is the data carrier that flows through the per-article stages, the way a
spaCy ``Doc`` flows through pipeline components. Readers create it with the raw input, ``clean``
fills in the body and metadata, ``annotate`` adds sentences, tokens and mentions. Every offset in
every record counts characters in :attr:`Article.body`, the text the store keeps.

Later records (actors, time expressions, events, quotes, claims, stories, happenings) are added
here as their stages land, under the names DESIGN.md gives them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar): each
# character counts as a word, so a Chinese article is not "one word" long.
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
                       "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# The NER labels of names that can stand for an actor: the resolver links these, events take
# their parties from them, stories compare them, and the store indexes them (migration 0003
# writes the same list in SQL; a test holds the two together).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# The entity labels a place name may carry (where an act happened, a place on the map).
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def count_words(text: str) -> int:
    """Words in ``text``: runs between spaces, and each character of an unspaced script."""
    return len(_UNSPACED.sub(" w ", text).split())


@dataclass(slots=True)
class Dropped:
    """A piece of the input that cleaning removed, kept so a user can see what was dropped."""

    rule: str
    text: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token within the article
    sentence: int


@dataclass(slots=True)
class Mention:
    """An entity mention, with offsets into the body and, once resolved, its actor.

    ``method`` says how the actor was found (alias, chain, role, metonym, demonym, context,
    new) and ``code`` is the actor's code at the publication date ("PRK.GOV", "RUS.MIL").
    """

    start: int
    end: int
    text: str
    label: str
    sentence: int
    actor_id: str | None = None
    method: str | None = None
    confidence: float | None = None
    code: str | None = None


@dataclass(slots=True)
class TimeExpr:
    """A time expression in the body, normalized TimeML-style.

    ``value`` is the TimeML value ("2023-07-26", "1950", "195X", "2023-Q2", "P3Y",
    "XXXX-WXX-3", "PRESENT_REF", …). Dates and times also carry the interval they denote,
    ``earliest``..``latest`` as inclusive ISO dates (or date-times), and its ``granularity``
    (time, day, week, month, quarter, half, season, year, decade, century; ``range`` for
    "between 1950 and 1953"; ``duration``, ``set`` and ``ref`` for the other types).
    ``anchor`` says what a relative expression was resolved against: ``absolute`` (nothing),
    ``published`` (the publication date) or ``narrative`` (the last explicit date before it).
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    granularity: str | None = None
    earliest: str | None = None
    latest: str | None = None
    anchor: str = "absolute"
    mod: str | None = None  # TimeML 1.2.1 modifier: START, MID, END, APPROX, LESS_THAN, …
    sentence: int = -1


@dataclass(slots=True)
class Published:
    """When an article was published: a value with bounds, how sure, and why.

    ``source`` is ``metadata`` (the capture said so), ``inferred`` (from the text or other
    articles), ``user`` (set by hand with ``newsgraph set-date``) or ``unknown`` (nothing
    supports a date: ``value`` is None, never the ingest time).
    """

    value: str | None  # ISO date
    earliest: str | None = None
    latest: str | None = None
    confidence: float = 0.0
    source: str = "unknown"
    basis: str = ""


@dataclass(slots=True)
class Role:
    """An office held between two dates (ISO; ``end`` None while it is held)."""

    office: str  # head_of_state, head_of_government, foreign_minister, defence_minister, ...
    country: str  # the office's country code (ISO 3166 alpha-3, SUN, IGO.X)
    title: str  # as a reader says it: "President of Russia", "Minister of Defence"
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class Actor:
    """A stable identity: a person, country, organisation or place, with codes and roles."""

    id: str  # stable slug, e.g. "kim_jong_un", "RUS", "IGO.NATO"
    name: str
    kind: str  # person | country | organisation | igo | place
    country: str | None = None  # ISO 3166 alpha-3, SUN for the USSR; None for IGOs
    sector: str | None = None  # GOV, MIL, MED, PTY, ...
    wikidata: str | None = None
    wikipedia: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Place:
    """A point on the map an event is placed at: a gazetteer entry (newsgraph.places).

    ``kind`` is how large it is, and so how precise an event placed there is: ``site`` (a
    base, a crossing, a plant), ``city``, ``region`` (a province, a sea, a peninsula) or
    ``country``. ``admin1`` is the first-level division a city lies in (GeoNames' country and
    admin1 code, "UA.05"), which says whether a city lies inside a region.
    """

    id: str  # "gn:<GeoNames id>" for a city, an ISO 3166 code for a country or region, "kb:<id>"
    name: str
    kind: str  # site | city | region | country
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(slots=True)
class Quote:
    """Who said what: one attribution of content to a source, with its evidence offsets.

    Covers speech ("Kim said …"), quotation ("…," he said) and reported facts ("according to
    KCNA, …"): PolNeAR's notion of an attribution. ``kind`` is ``direct`` when the content is
    edged by quotation marks, ``mixed`` when a paraphrase holds quoted words, else ``indirect``.
    Content may be discontinuous (a direct quote interrupted by its cue): ``parts`` holds every
    piece, ``content_start``/``content_end`` their hull.
    """

    kind: str  # direct | indirect | mixed
    cue: str
    cue_start: int
    cue_end: int
    cue_type: str  # verb | noun | frame ("according to") | mark (a byline dash, a transcript colon)
    content_start: int
    content_end: int
    parts: list[tuple[int, int]] = field(default_factory=list)
    speaker: str | None = None  # the source as written ("he", "state media", "some observers")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: str = "none"  # actor | phrase | none
    actor_id: str | None = None  # the speaker resolved ("he" → the person he refers to)
    # Who passes the words on, when the text says so: "KCNA" in "Kim wrote …, KCNA reported",
    # "X quoted Y as saying", "according to X" around Y's words; resolved like the speaker.
    reported_by: str | None = None
    reported_actor_id: str | None = None
    sentence: int = -1
    time: str | None = None  # when it was said: a time expression's value, else publication
    time_basis: str | None = None  # timex | published
    confidence: float = 0.0

    def content(self, body: str) -> str:
        """The content as written, pieces joined by a space."""
        pieces = self.parts or [(self.content_start, self.content_end)]
        return " ".join(body[start:end] for start, end in pieces)


@dataclass(slots=True)
class Claim:
    """A statement someone vouches for: a number about something, or a hedged fact.

    ``start``/``end`` is the claim's statement (the clause holding it); ``evidence_start`` /
    ``evidence_end`` the words that make it a claim (the number phrase, or the hedge). A
    ``numeric`` claim has ``low``/``high`` (equal unless a range; both None for a comparison
    without a figure, "more tonnage than …") and a ``comparator``.
    """

    kind: str  # numeric | factual
    start: int
    end: int
    evidence_start: int
    evidence_end: int
    text: str  # the evidence as written
    low: float | None = None
    high: float | None = None
    comparator: str | None = None  # exact | over | under | about | range
    unit: str | None = None  # what is counted, as written ("combat sorties", "people")
    about: str | None = None  # the phrase the number or fact is about
    claimant: str | None = None  # as written ("some estimates", "KCNA"); the outlet when unsaid
    claimant_kind: str = "outlet"  # actor | phrase | outlet
    actor_id: str | None = None
    hedge: str | None = None  # "according to some estimates", "reportedly", "nearly"
    hedge_start: int | None = None
    hedge_end: int | None = None
    hedge_strength: float | None = None  # how far the hedge weakens the claim: 0 none … 1 full
    sentence: int = -1
    quote: int | None = None  # index of the Quote whose content holds it


@dataclass(frozen=True, slots=True)
class ActorCode:
    """An actor code taken apart at its dot, so every reader splits codes the same way.

    ``"RUS.MIL"`` is country ``RUS`` and sector ``MIL``; ``"RUS"`` (or CAMEO's one-block
    ``"IGOUNO"``) has no sector; ``"IGO.UNO"`` is the IGO class with the organisation in the
    sector place. ``str()`` gives the code back.
    """

    country: str
    sector: str = ""

    @classmethod
    def parse(cls, code: str) -> ActorCode:
        """The parts of ``code`` as written (no case folding: a caller reading foreign codes
        normalizes them first)."""
        country, _, sector = code.partition(".")
        return cls(country, sector)

    @property
    def is_igo(self) -> bool:
        """Whether the code names an international organisation (``IGO.X``)."""
        return self.country == "IGO"

    @property
    def party(self) -> str:
        """What tells two sides apart: the country, but an organisation's whole code, since
        ``IGO.UNO`` and ``IGO.NATO`` are different parties while ``RUS`` and ``RUS.MIL`` are
        one side."""
        return str(self) if self.is_igo else self.country

    def __str__(self) -> str:
        return f"{self.country}.{self.sector}" if self.sector else self.country


@dataclass(slots=True)
class Party:
    """One side of an event as written, and the actor it resolves to (if any).

    ``code`` is the actor's event code at the article's date: a country with an optional
    sector ("RUS.MIL", "PRK.GOV"), or an organisation ("IGO.UNO").
    """

    text: str
    start: int
    end: int
    actor_id: str | None = None
    code: str | None = None


@dataclass(slots=True)
class Event:
    """Who did what to whom, when and where: one PLOVER-coded act with its evidence.

    ``actors`` do the act to ``recipients``; a symmetric act (a meeting, an agreement between
    parties) lists every party under ``actors`` and sets ``symmetric``. Time is an interval
    (``earliest``..``latest`` with ``granularity``) and says where it came from
    (``time_basis``: ``timex`` governing the clause, ``narrative`` anchor, ``published``).
    ``time_status`` is current, historical or future (``undecided`` when the days its article
    may be from disagree); ``negated`` and ``hypothetical`` mark acts
    the text says did not or might happen; ``reported_by`` is the source the speech layer
    attributes the act to ("KCNA", "charges"), kept apart from the act's own actors.
    """

    type: str  # one of PLOVER's 16 event types
    predicate: str  # the words that express the act, as written
    predicate_start: int
    predicate_end: int
    sentence: int
    start: int  # the evidence sentence
    end: int
    mode: str | None = None
    context: str | None = None
    actors: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    symmetric: bool = False
    time: str | None = None  # TimeML value of the governing expression, or the date used
    earliest: str | None = None
    latest: str | None = None
    granularity: str | None = None
    time_basis: str | None = None  # timex | narrative | published
    time_status: str = "current"  # current | historical | future | undecided
    negated: bool = False
    hypothetical: bool = False
    reported_by: str | None = None
    reported_actor_id: str | None = None
    quote: int | None = None  # index of the Quote whose content holds the act
    location: str | None = None  # the place as written
    location_id: str | None = None  # the place resolved to an actor
    location_start: int | None = None
    location_end: int | None = None
    place_id: str | None = None  # the gazetteer entry the place resolves to (Article.places)
    place_precision: str | None = None  # site | city | region | country: that entry's kind
    place_basis: str | None = None  # clause | sentence | dateline | article: what gave the place
    confidence: float = 0.0
    happening: str | None = None  # the happening it was merged into, once linked


@dataclass(slots=True)
class Skip:
    """An input that was not stored, with the reason a user can act on."""

    source: str
    reason: str


@dataclass(slots=True)
class Article:
    """One news article, from its raw capture to its annotations.

    ``id`` comes from the source (canonical URL when known, else a hash of the raw input), so it
    stays put when cleaning improves and re-ingesting the same capture adds nothing.
    """

    id: str
    source: str  # where it was read from: a path, ``path#record`` for JSONL/WARC, or ``-``
    format: str  # the reader that read it: txt | html | json | warc
    markup: str  # what ``raw`` holds, which decides the cleaner: html | text
    raw: str  # the decoded input: plain text or HTML
    raw_sha256: str
    url: str | None = None
    title: str | None = None
    subtitle: str | None = None  # the dek under the headline, kept out of the body
    byline: str | None = None  # who wrote it, as the capture credits them
    captions: list[str] = field(default_factory=list)  # photo captions and credits
    outlet: str | None = None
    # The outlet's profile (newsgraph.ingest.outlets), when one is known: the site that carries the
    # article, the wire it carries (origin_outlet_id: "(Yonhap)", "/TASS/"), and the kind and
    # country of the carrier's profile, else the origin's.
    outlet_id: str | None = None
    origin_outlet_id: str | None = None
    outlet_kind: str | None = None
    outlet_country: str | None = None
    published_given: str | None = None  # the date the capture's metadata gives, as written
    captured: str | None = None  # when an archive captured the page (WARC-Date): an upper bound
    encoding: str | None = None
    language: str | None = None
    body: str = ""
    dropped: list[Dropped] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    published: Published | None = None  # set by the time stage
    timexes: list[TimeExpr] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)  # the actors its mentions resolve to
    places: list[Place] = field(default_factory=list)  # the places its events are placed at
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    terms: list[tuple[str, int]] = field(default_factory=list)  # content terms, for linking
    story: str | None = None  # the story it was assigned to, once linked
    fingerprint: bytes = b""  # MinHash signature of the body, for reprint detection
    reprint_of: str | None = None

    @property
    def n_words(self) -> int:
        return count_words(self.body)

    def to_dict(self, *, with_raw: bool = False) -> dict[str, Any]:
        """A JSON-ready dict: the shape of ``show --json`` and of the JSONL export."""
        data = asdict(self)
        data.pop("fingerprint")
        if not with_raw:
            data.pop("raw")
        data["n_words"] = self.n_words
        return data


class SkipArticle(Exception):
    """Raised by a stage when an article cannot or should not be stored (e.g. not English)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
