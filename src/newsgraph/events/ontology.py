"""The PLOVER ontology (``data/plover.yaml``): event types, modes, contexts, quad categories.

One place says which names are valid, so the event coder can validate its lexicon against it
at load time, scorers can map legacy gold records onto it, and the store and exports never
see a type, mode or context PLOVER does not define. The data file is read once per process.

It also translates two legacy vocabularies the gold records use: the event type names of
PLOVER 0.5b1 (``DEMAND``, ``DISAPPROVE``, ``FIGHT``, ...) and the CAMEO actor codes that are
not ISO 3166 (``data/cameo_actor_codes.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from newsgraph.data import load
from newsgraph.model import ActorCode


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER event type as the manual defines it."""

    name: str
    quad: str  # verbal_cooperation | material_cooperation | verbal_conflict | material_conflict
    requires_recipient: bool
    description: str
    modes: dict[str, str]  # mode name -> what it means


@dataclass(frozen=True, slots=True)
class Ontology:
    version: str
    types: dict[str, EventType]
    contexts: dict[str, str]  # context name -> what it covers
    legacy: dict[str, str | None]  # 0.5b1 type name -> v2 name, None where v2 has none


@cache
def ontology() -> Ontology:
    """The ontology, loaded once: the coder asks for it per sentence, so it must be cheap."""
    data = load("plover.yaml")
    types = {
        name: EventType(
            name=name,
            quad=entry["quad"],
            requires_recipient=bool(entry["requires_recipient"]),
            description=" ".join(str(entry["description"]).split()),
            modes=dict(entry.get("modes") or {}),
        )
        for name, entry in data["types"].items()
    }
    return Ontology(
        version=str(data["version"]),
        types=types,
        contexts=dict(data["contexts"]),
        legacy=dict(data["legacy_types"]),
    )


EVENT_TYPES: tuple[str, ...] = tuple(ontology().types)
QUADS: tuple[str, ...] = (
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"
)


def _type(name: str) -> EventType:
    try:
        return ontology().types[name]
    except KeyError:
        raise ValueError(
            f"unknown PLOVER event type {name!r}; types: {', '.join(EVENT_TYPES)}"
        ) from None


def modes(event_type: str) -> tuple[str, ...]:
    """The modes ``event_type`` allows, in the manual's order (empty for types without
    modes). Raises ValueError for an unknown type."""
    return tuple(_type(event_type).modes)


def contexts() -> tuple[str, ...]:
    """Every context name; a context may go with any event type."""
    return tuple(ontology().contexts)


def requires_recipient(event_type: str) -> bool:
    """Whether the type is incomplete without a recipient (COOPERATE, AID, SANCTION)."""
    return _type(event_type).requires_recipient


def quad(event_type: str) -> str:
    """The quad category of ``event_type``, e.g. ``verbal_cooperation`` for AGREE."""
    return _type(event_type).quad


def description(event_type: str) -> str:
    """A one-line description of the type, for help texts and exports."""
    return _type(event_type).description


def legacy_type(name: str) -> str | None:
    """The v2 type for an event type name of any PLOVER version.

    0.5b1 names are mapped (DEMAND → REQUEST, DISAPPROVE → ACCUSE, FIGHT → ASSAULT), v2 names
    pass through, and names with no v2 type (INVESTIGATE, the GSR file's DOCUMENT header) or
    that no version defines give None, so a caller can drop the record.
    """
    key = name.strip().upper()
    if key in ontology().types:
        return key
    return ontology().legacy.get(key)


def check(event_type: str, mode: str | None = None, context: str | None = None) -> None:
    """Raise ValueError unless ``event_type`` is a PLOVER type, ``mode`` (if given) one of its
    modes and ``context`` (if given) a context. Names are case-sensitive, as the manual
    writes them: a lexicon entry that misspells one should fail loudly at load time."""
    allowed = modes(event_type)
    if mode is not None and mode not in allowed:
        choices = ", ".join(allowed) if allowed else "none"
        raise ValueError(f"unknown mode {mode!r} for {event_type}; its modes: {choices}")
    if context is not None and context not in ontology().contexts:
        raise ValueError(f"unknown PLOVER context {context!r}; contexts: {', '.join(contexts())}")


# -- CAMEO actor codes -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CameoCodes:
    countries: dict[str, str]  # CAMEO country code -> ISO 3166-1 alpha-3
    non_state: frozenset[str]  # codes that name no country (IGO, NGO, IMG)


@cache
def cameo_codes() -> CameoCodes:
    """The CAMEO codes that differ from the project's, loaded once."""
    data = load("cameo_actor_codes.yaml")
    return CameoCodes(
        countries={str(k): str(v) for k, v in data["countries"].items()},
        non_state=frozenset(data["non_state"]),
    )


def project_code(cameo_code: str) -> str:
    """The project's code for a CAMEO actor code: its country part mapped to ISO alpha-3
    (``JAP`` → ``JPN``, ``ITL.GOV`` → ``ITA.GOV``); ISO codes, ``IGO`` and the non-state codes
    ``NGO`` and ``IMG`` (see :func:`has_country`) come back as they are."""
    code = ActorCode.parse(cameo_code.strip().upper())
    return str(replace(code, country=cameo_codes().countries.get(code.country, code.country)))


def has_country(code: str) -> bool:
    """Whether a (project or CAMEO) code's country part names a country or the IGO class,
    i.e. something a system actor code can be compared with. CAMEO's ``NGO`` and ``IMG``
    do not: the project codes such groups by sector alone."""
    country = ActorCode.parse(code.strip().upper()).country
    return bool(country) and (country == "IGO" or country not in cameo_codes().non_state)
