"""Outlet profiles: who publishes what a corpus holds — state media, public broadcasters,
private papers and broadcasters, wire services, aggregators and blogs.

The profiles are data written from public facts (``data/outlets/*.yaml``, each entry with a
``source``), extended by user files as the knowledge base is. An article's outlet is found by
its URL's domain (a subdomain counts as its parent: ``en.kremlin.ru`` is ``kremlin.ru``) or by
the outlet's name or alias as the capture writes it ("TASS", "Yonhap News Agency").

Each entry:

    id          slug, stable (``tass``)
    name        as the outlet calls itself
    aliases     other names a capture may credit it by
    domains     web domains, without ``www.``
    country     ISO 3166-1 alpha-3 code of the country it is based in
    kind        state | public-broadcaster | private | wire | aggregator | blog
    agency      true for a news agency whose copy others carry (the wire services, and state
                agencies such as TASS or Xinhua, whose kind stays ``state``)
    owners      [{name, from, to}]: the owner or controlling affiliation, with the years it
                held (``to`` null while it holds)
    languages   ISO 639-1 codes of the editions
    source      URL of the public page the facts were taken from
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import srsly

from newsgraph.actors.kb import valid_codes
from newsgraph.actors.normalize import key
from newsgraph.data import append_checked, load, names
from newsgraph.ingest.stamps import article_dateline
from newsgraph.model import Article

KINDS: tuple[str, ...] = ("state", "public-broadcaster", "private", "wire", "aggregator", "blog")
KEYS: frozenset[str] = frozenset({"id", "name", "aliases", "domains", "country", "kind",
                                  "agency", "owners", "languages", "source", "note"})
FOLDER = "outlets"


@dataclass(slots=True)
class Owner:
    """Who owns or controls an outlet, over the years it held (inclusive; ``end`` None while
    it holds)."""

    name: str
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Outlet:
    """One outlet's profile."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    agency: bool = False
    owners: list[Owner] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    source: str = ""
    file: str = ""

    def owner_in(self, year: int | None) -> str | None:
        """The owner in ``year`` (the latest when no year is given)."""
        held = [o for o in self.owners if year is None
                or ((o.start or 0) <= year and (o.end is None or year <= o.end))]
        return held[-1].name if held else None


class Outlets:
    """The profiles, with lookups by domain and by name."""

    def __init__(self, outlets: Iterable[Outlet], problems: Sequence[str] = ()) -> None:
        self.by_id: dict[str, Outlet] = {}
        self.problems = list(problems)
        for outlet in outlets:
            if outlet.id in self.by_id:
                self.problems.append(f"{outlet.file}: {outlet.id}: duplicate id "
                                     f"(first in {self.by_id[outlet.id].file})")
                continue
            self.by_id[outlet.id] = outlet
        self.by_domain: dict[str, str] = {}
        self.by_name: dict[tuple[str, ...], str] = {}
        for outlet in self.by_id.values():
            for domain in outlet.domains:
                other = self.by_domain.setdefault(domain.lower(), outlet.id)
                if other != outlet.id:
                    self.problems.append(f"{outlet.file}: {outlet.id}: domain {domain} is "
                                         f"also {other}'s")
            for written in (outlet.name, *outlet.aliases):
                self.by_name.setdefault(key(written), outlet.id)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, outlet_id: str) -> Outlet | None:
        return self.by_id.get(outlet_id)

    def for_url(self, url: str | None) -> Outlet | None:
        """The outlet whose domain serves ``url``: the host or the nearest parent domain."""
        host = (urlsplit(url).hostname or "") if url else ""
        parts = host.lower().removeprefix("www.").split(".")
        for k in range(len(parts) - 1):
            found = self.by_domain.get(".".join(parts[k:]))
            if found is not None:
                return self.by_id[found]
        return None

    def named(self, text: str | None) -> Outlet | None:
        """The outlet a capture credits by this name or alias, case and punctuation aside."""
        found = self.by_name.get(key(text)) if text else None
        return self.by_id[found] if found is not None else None

    def validate(self) -> list[str]:
        """Every problem with the profiles, as readable lines (empty when they are sound)."""
        codes = valid_codes()
        problems = list(self.problems)
        for o in self.by_id.values():
            where = f"{o.file}: {o.id}"
            if o.kind not in KINDS:
                problems.append(f"{where}: unknown kind {o.kind!r}")
            if o.country is not None and o.country not in codes:
                problems.append(f"{where}: unknown country code {o.country!r}")
            if not o.source:
                problems.append(f"{where}: an outlet needs a source")
            for d in o.domains:
                if "/" in d or d.startswith("www.") or "." not in d:
                    problems.append(f"{where}: a domain is a bare host name, not {d!r}")
            for owner in o.owners:
                if owner.start and owner.end and owner.start > owner.end:
                    problems.append(f"{where}: {owner.name} held from {owner.start} to "
                                    f"{owner.end}")
        return problems


# A credit that names only an agency: "— Reuters", "(AFP)", "Source: Xinhua", "By TASS".
_CREDIT = re.compile(r"^[\s(\[—–-]*(?:(?:source|sources|via|by)\s*:?\s+)?(?P<name>[^()\[\]]{2,40}?)"
                     r"[\s)\].]*$", re.IGNORECASE)
# Where a capture credits the wire it carries, besides its dateline: dropped closing credits.
CREDIT_RULES = frozenset({"trailing-credit", "photo_credits"})


def resolve_outlet(article: Article, outlets: Outlets) -> None:
    """Set the article's outlet profile: the carrier by its URL's domain, else by the name the
    capture gives; the wire it carries by the agency its dateline names ("SEOUL, July 27
    (Yonhap) --", "/TASS/"), its byline ("By Reuters") or a credit closing the text ("—
    AFP"); kind and country from the carrier's profile, else the origin's. A site carrying
    wire copy keeps both."""
    carrier = outlets.for_url(article.url) or outlets.named(article.outlet)
    origin = None
    for text in _credits(article):
        found = _CREDIT.match(text)
        agency = outlets.named(found["name"]) if found is not None else None
        if agency is not None and agency.agency and agency is not carrier:
            origin = agency
            break
    profile = carrier or origin
    article.outlet_id = carrier.id if carrier else None
    article.origin_outlet_id = origin.id if origin else None
    article.outlet_kind = profile.kind if profile else None
    article.outlet_country = profile.country if profile else None
    if carrier is not None and not article.outlet:
        article.outlet = carrier.name


def add_outlet(path: Path | str, entry: dict[str, Any]) -> list[str]:
    """Append ``entry`` to the user outlet file ``path`` (created when missing), as ``kb add``
    does for actors: checked with the built-in profiles first; the problems are returned and
    nothing is written when there are any."""
    path = Path(path)
    existing = srsly.read_yaml(path) if path.exists() else None
    existing = existing if isinstance(existing, dict) else {"outlets": []}
    existing.setdefault("outlets", [])
    existing["outlets"].append(entry)
    problems = append_checked(path, existing, lambda tmp: [
        p for p in load_outlets([tmp]).validate()
        if str(tmp) in p or f": {entry.get('id')}:" in p])
    outlets_for.cache_clear()
    return problems


def _credits(article: Article) -> Iterator[str]:
    """The places a capture names the wire it carries, most telling first."""
    found = article_dateline(article)
    if found is not None and found.agency:
        yield found.agency
    if article.byline:
        yield article.byline
    for dropped in article.dropped:
        if dropped.rule in CREDIT_RULES:
            yield dropped.text
    lines = article.body.rstrip().rsplit("\n", 1)
    if lines and len(lines[-1]) <= 48:
        yield lines[-1]


def _owner(raw: Any) -> Owner:
    if isinstance(raw, str):
        return Owner(raw)
    return Owner(str(raw["name"]), raw.get("from"), raw.get("to"))


def read_entries(data: Any, file: str) -> tuple[list[Outlet], list[str]]:
    """The outlets of one parsed file, and its problems."""
    outlets: list[Outlet] = []
    problems: list[str] = []
    for raw in (data or {}).get("outlets") or []:
        try:
            unknown = set(raw) - KEYS
            if unknown:
                problems.append(f"{file}: {raw.get('id')}: unknown keys {sorted(unknown)}")
            outlets.append(Outlet(
                id=str(raw["id"]), name=str(raw["name"]), kind=str(raw["kind"]),
                country=raw.get("country"), aliases=[str(a) for a in raw.get("aliases") or []],
                domains=[str(d).lower() for d in raw.get("domains") or []],
                agency=bool(raw.get("agency", False)),
                owners=[_owner(o) for o in raw.get("owners") or []],
                languages=[str(x) for x in raw.get("languages") or []],
                source=str(raw.get("source") or ""), file=file))
        except (KeyError, TypeError, AttributeError) as error:
            problems.append(f"{file}: bad outlet {raw!r}: {error}")
    return outlets, problems


def load_outlets(extra_files: Sequence[Path | str] = ()) -> Outlets:
    """The built-in profiles, then those of ``extra_files`` (user files)."""
    outlets: list[Outlet] = []
    problems: list[str] = []
    for name in names(FOLDER):
        found, bad = read_entries(load(name), name)
        outlets += found
        problems += bad
    for path in extra_files:
        found, bad = read_entries(srsly.read_yaml(path), str(path))
        outlets += found
        problems += bad
    return Outlets(outlets, problems)


@cache
def outlets_for(extra_files: tuple[str, ...] = ()) -> Outlets:
    """The built-in profiles with these user files on top, loaded once per process."""
    return load_outlets(extra_files)
