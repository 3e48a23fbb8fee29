"""The tagger's word lists, read once per process from ``newsgraph/data/timex_*.json``.

Month names, number words, holidays and cue words are data, not code: keeping them in files lets
them grow (a new holiday, a new abbreviation) without touching the grammar, and keeps the grammar
readable as patterns over named word classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from newsgraph.data import load


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word table the grammar and the resolver use (keys are lower-case)."""

    months: dict[str, int]
    month_abbreviations: frozenset[str]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    weekday_abbreviations: frozenset[str]
    seasons: dict[str, str]
    season_months: dict[str, tuple[int, int]]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    time_zones: tuple[str, ...]
    number_units: dict[str, float]
    number_tens: dict[str, int]
    number_scales: dict[str, int]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    units: dict[str, dict[str, Any]]
    unit_words: dict[str, str]
    plural_unit_words: frozenset[str]
    set_adverbs: dict[str, str]
    attributive_not_sets: frozenset[str]
    refs: dict[str, str]
    position_mods: dict[str, dict[str, Any]]
    quantity_mods: dict[str, str]
    relations: dict[str, int]
    offset_directions: dict[str, int]
    anaphoric_offsets: frozenset[str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    future_in_past: frozenset[str]
    deictic_days: dict[str, int]
    context: dict[str, frozenset[str]]
    abbreviations: frozenset[str]
    holidays: dict[str, list[dict[str, int]]]


@cache
def time_lexicon() -> Lexicon:
    """The word tables, loaded on first use and shared by every later call."""
    cal = load("timex_calendar.json")
    num = load("timex_numbers.json")
    units = load("timex_units.json")
    cues = load("timex_cues.json")
    hol = load("timex_holidays.json")
    return Lexicon(
        months=cal["months"],
        month_abbreviations=frozenset(cal["month_abbreviations"]),
        ambiguous_months=frozenset(cal["ambiguous_months"]),
        weekdays=cal["weekdays"],
        weekday_abbreviations=frozenset(cal["weekday_abbreviations"]),
        seasons=cal["seasons"],
        season_months={k: (v[0], v[1]) for k, v in cal["season_months"].items()},
        parts_of_day=cal["parts_of_day"],
        clock_words=cal["clock_words"],
        time_zones=tuple(cal["time_zones"]),
        number_units=num["units"],
        number_tens=num["tens"],
        number_scales=num["scales"],
        vague_numbers=frozenset(num["vague"]),
        ordinals=num["ordinals"],
        decade_words=num["decade_words"],
        units=units["units"],
        unit_words=units["unit_words"],
        plural_unit_words=frozenset(units["plural_unit_words"]),
        set_adverbs=units["set_adverbs"],
        attributive_not_sets=frozenset(units["attributive_not_sets"]["words"]),
        refs=cues["refs"],
        position_mods=cues["position_mods"],
        quantity_mods=cues["quantity_mods"],
        relations=cues["relations"],
        offset_directions=cues["offset_directions"],
        anaphoric_offsets=frozenset(cues["anaphoric_offsets"]),
        future_cues=tuple(cues["future_cues"]),
        past_cues=tuple(cues["past_cues"]),
        future_in_past=frozenset(cues["future_in_past"]),
        deictic_days=cues["deictic_days"],
        context={k: frozenset(v) for k, v in cues["context"].items() if not k.startswith("_")},
        abbreviations=frozenset(cues["abbreviations"]),
        holidays=hol["holidays"],
    )
