"""Events on the map: each event's place resolved to a gazetteer entry, with its precision.

The events stage finds where an act happened as the text writes it (its clause, else what its
sentence ties to it: :meth:`newsgraph.events.coder.Coder.place`). Here that phrase becomes a
:class:`~newsgraph.model.Place`:

1. a mention the actors stage resolved to a country is that country; one it resolved to a
   knowledge-base place with coordinates is that place;
2. any other name is looked up in the gazetteer, and a name several places share ("Paris",
   "Georgia") is settled by the article: the place in the resolved actor's country, else in the
   countries the article names most, else the largest;
3. an event with no place of its own is put at the wire dateline it was filed under
   ("SEOUL, July 27 (Yonhap) --") only when one of its parties is of the dateline's country:
   a Seoul desk's report of a South Korean act, not of a North Korean launch;
4. else a current or coming act is put at the article's scene in its parties' countries:
   the city or site the article names most as a place among those of the parties' countries
   (at least :data:`~newsgraph.settings.SCENE_MIN_MENTIONS` times; a visit's in the host's
   country, or with no host named in any but the visitor's), not counting names that stand
   for a government as an act's party ("Pyongyang denied …"). A story of a delegation in
   Pyongyang names the city where the parade is held while the talks and the gifts go
   unplaced in their own sentences; history the article recounts happened elsewhere, and is
   left alone.

``place_basis`` says which of clause, sentence, dateline or article gave the place, as
``time_basis`` says where an event's time came from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from newsgraph import settings
from newsgraph.ingest.stamps import article_dateline
from newsgraph.model import PLACE_LABELS, Actor, ActorCode, Article, Event, Place
from newsgraph.places.gazetteer import Gazetteer, default_gazetteer


def context_countries(article: Article) -> list[str]:
    """The countries an article is about, most named first: those of its resolved mentions'
    actors (a person's country counts), which settle names several places share."""
    actors = {a.id: a for a in article.actors}
    counts: Counter[str] = Counter()
    for mention in article.mentions:
        actor = actors.get(mention.actor_id or "")
        if actor is not None and actor.country:
            counts[actor.country] += 1
    return [country for country, _ in counts.most_common()]


def resolve_place(gazetteer: Gazetteer, text: str, actor: Actor | None,
                  context: Sequence[str]) -> Place | None:
    """The gazetteer entry a place phrase means in an article about ``context``'s countries;
    ``actor`` is what the actors stage resolved the phrase to, if anything."""
    if actor is not None:
        if actor.kind == "country":
            return gazetteer.country(actor.country)
        known = gazetteer.get(f"kb:{actor.id}")
        if known is not None:
            return known
    names = [text.removeprefix("the ").removeprefix("The ")]
    if actor is not None:
        names += [actor.name, *actor.aliases]
    rank = {country: i for i, country in enumerate(context)}
    for name in names:
        candidates = gazetteer.candidates(name)
        if actor is not None and actor.country:
            candidates = [p for p in candidates
                          if actor.country in gazetteer.countries_of(p)] or candidates
        if not candidates:
            continue
        return min(candidates, key=lambda p: (
            min((rank[c] for c in gazetteer.countries_of(p) if c in rank), default=len(rank)),
            candidates.index(p)))
    return None


def _party_countries(event: Event) -> set[str]:
    return {ActorCode.parse(party.code).party for party in (*event.actors, *event.recipients)
            if party.code}


def _scene_countries(event: Event, scenes: Iterable[str]) -> set[str]:
    """The countries an act may have happened in: its parties'; a visit's host's (PLOVER's
    visit mode: the actor travels to the recipient), or with no host named ("Shoigu's
    visit"), any country with a scene but the visitors' own."""
    if event.mode != "visit":
        return _party_countries(event)
    hosts = {ActorCode.parse(p.code).party for p in event.recipients if p.code}
    visitors = {ActorCode.parse(p.code).party for p in event.actors if p.code}
    return hosts or set(scenes) - visitors


def _scenes(article: Article, gazetteer: Gazetteer,
            context: Sequence[str]) -> dict[str, tuple[Place, int]]:
    """Each country's scene in the article and how often it is named: the city or site of it
    the article names most (at least :data:`~newsgraph.settings.SCENE_MIN_MENTIONS` times)
    where the name is not an act's party, as a capital standing for its government is."""
    parties = {(party.start, party.end) for event in article.events
               for party in (*event.actors, *event.recipients)}
    actors = {a.id: a for a in article.actors}
    counts: Counter[str] = Counter()
    found: dict[str, Place] = {}
    for mention in article.mentions:
        if mention.label not in PLACE_LABELS or (mention.start, mention.end) in parties:
            continue
        actor = actors.get(mention.actor_id or "")
        if actor is not None and actor.kind != "place":
            continue
        place = resolve_place(gazetteer, mention.text, actor, context)
        if place is not None and place.kind in ("city", "site") and place.country:
            counts[place.id] += 1
            found[place.id] = place
    scenes: dict[str, tuple[Place, int]] = {}
    for place_id, count in counts.most_common():  # ties: the first named
        place = found[place_id]
        if count >= settings.SCENE_MIN_MENTIONS and place.country not in scenes:
            scenes[place.country] = (place, count)  # type: ignore[index]
    return scenes


def place_events(article: Article, gazetteer: Gazetteer | None = None) -> Article:
    """Give each of the article's events its gazetteer place, precision and basis, and the
    article the list of those places (stored once, shared by every article placed there)."""
    gazetteer = gazetteer or default_gazetteer()
    actors = {a.id: a for a in article.actors}
    context = context_countries(article)
    filed = article_dateline(article)
    dateline = (resolve_place(gazetteer, filed.place, None, context)
                if filed is not None and filed.place else None)
    scenes = _scenes(article, gazetteer, context)
    places: dict[str, Place] = {}
    for event in article.events:
        place = None
        if event.location:
            place = resolve_place(gazetteer, event.location,
                                  actors.get(event.location_id or ""), context)
        elif (dateline is not None and filed is not None and dateline.country
              and dateline.country in _party_countries(event)):
            place, event.place_basis = dateline, "dateline"  # no words of the body to point at
        elif event.time_status != "historical" and (scene := max(
                (scenes[c] for c in _scene_countries(event, scenes) if c in scenes),
                key=lambda found: found[1], default=None)):
            place, event.place_basis = scene[0], "article"
        if place is None:
            continue
        event.place_id, event.place_precision = place.id, place.kind
        places[place.id] = place
    article.places = list(places.values())
    return article
