"""What a grammar rule is, and the small readers every rule's builder shares.

A rule is a pattern over the word classes of :mod:`newsgraph.timex.fragments` plus a builder that
turns one match into a :class:`TimexParse` (or rejects it, returning None, when the context shows
the words are not a time: "may" the verb, "the fall of the empire").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.timex.fragments import expand
from newsgraph.timex.lexicon import time_lexicon
from newsgraph.timex.numbers import parse_amount
from newsgraph.timex.parse import TimexParse

Builder = Callable[[re.Match[str], str], TimexParse | None]

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, its builder, and where to try it: ``lookback`` characters before a head.

    ``heads`` are the head classes of :mod:`newsgraph.timex.heads` (``MONTH``, ``UNIT``,
    ``DIGIT4``...): every match of the pattern contains a word of one of them, at most
    ``lookback`` characters after the match's start.
    """

    name: str
    pattern: re.Pattern[str]
    build: Builder
    heads: frozenset[str]
    lookback: int


def rule(
    registry: list[Rule], name: str, heads: str, lookback: int, template: str
) -> Callable[[Builder], Builder]:
    """Register a builder under a pattern template; rules earlier in a list win ties."""

    def register(build: Builder) -> Builder:
        registry.append(
            Rule(name, re.compile(expand(template)), build, frozenset(heads.split()), lookback)
        )
        return build

    return register


def norm(word: str | None) -> str:
    """Lower-cased, single-spaced, without a trailing period: the key form of the lexicon."""
    if not word:
        return ""
    return _SPACES.sub(" ", word.strip().lower().replace("\u2019", "'")).rstrip(".")


def base(match: re.Match[str], kind: str, type_: str = "DATE") -> TimexParse:
    return TimexParse(match.start(), match.end(), match.group(0), kind, type_)


def month_of(word: str) -> int:
    return time_lexicon().months[norm(word)]


def weekday_of(word: str) -> int:
    return time_lexicon().weekdays[norm(word)]


def day_of(word: str) -> int:
    """A day of the month written as digits ("27", "27th") or as an ordinal word ("eighth")."""
    text = norm(word)
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group(0))
    ordinals = time_lexicon().ordinals
    parts = re.split(r"[\s-]+", text)
    if len(parts) == 2 and parts[0] in ("twenty", "thirty"):
        return (20 if parts[0] == "twenty" else 30) + ordinals.get(parts[1], 0)
    return ordinals.get(text, 0)


def ordinal_of(word: str) -> int:
    """An ordinal as digits ("20th") or a word ("twentieth", "last" = -1)."""
    return day_of(word) if norm(word) not in ("last", "final") else -1


def year_of(word: str) -> int | None:
    """A year written as digits ("1950") or spelled out ("nineteen ninety-six", "two thousand")."""
    text = norm(word)
    if text.isdigit():
        return int(text)
    parts = re.split(r"[\s-]+", text, maxsplit=1)
    if parts[0] == "two" and text.startswith("two thousand"):
        rest = text[len("two thousand"):].replace("and", "").strip()
        return 2000 + int(parse_amount(rest) or 0) if rest else 2000
    head = {"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}.get(parts[0])
    if head is None or len(parts) < 2:
        return None
    tail = parts[1].replace("oh", "").strip()
    if tail == "hundred":
        return head * 100
    amount = parse_amount(tail)
    return None if amount is None else head * 100 + int(amount)


def position(word: str | None) -> tuple[str | None, tuple[float, float] | None]:
    """TimeML mod and kept share for a position word ("early" -> START, first third)."""
    key = norm(word)
    if not key:
        return None, None
    key = re.sub(r"^the\s+|^very\s+", "", key)
    key = re.sub(r"\s*-\s*$", "", key)
    key = re.sub(r"\s+the\s+year$", "", key)
    key = re.sub(r"\s+in(?:\s+the\s+year)?$", "", key)
    entry = time_lexicon().position_mods.get(key)
    if entry is None:
        return None, None
    share = entry["share"]
    return entry["mod"], (float(share[0]), float(share[1]))


def quantity(word: str | None) -> str | None:
    """TimeML mod for an amount modifier ("about" -> APPROX, "at least" -> EQUAL_OR_MORE)."""
    return time_lexicon().quantity_mods.get(norm(word)) if word else None


def unit_of(word: str) -> str:
    return time_lexicon().unit_words[norm(word)]


def amount_of(word: str | None) -> float | None:
    return parse_amount(word) if word else 1.0


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "Q": ("M", 3)}
_SMALLER_TIME = {"H": ("M", 60), "M": ("S", 60)}


def duration_value(amount: float | None, unit: str) -> str:
    """ISO 8601 / TimeML duration for an amount of a unit: 3 years -> P3Y, 24 hours -> PT24H.

    Vague amounts give X (``PXY``); fractions spill into the next smaller unit (5 1/2 hours ->
    PT5H30M), as TimeBank writes them.
    """
    spec = time_lexicon().units.get(unit, {"code": "X", "time": False})
    code, is_time = spec["code"], spec["time"]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{code}"
    amount *= spec.get("factor", 1)
    whole = int(amount)
    rest = amount - whole
    if rest < 1e-9:
        return f"{prefix}{whole}{code}"
    smaller = (_SMALLER_TIME if is_time else _SMALLER).get(code)
    if smaller is None:
        return f"{prefix}{amount:g}{code}"
    small_code, factor = smaller
    small = round(rest * factor)
    if not is_time and code == "D":
        head = f"P{whole}D" if whole else "P"
        return f"{head}T{small}H"
    head = f"{whole}{code}" if whole else ""
    return f"{prefix}{head}{small}{small_code}"


def preceding_words(text: str, start: int, count: int = 1) -> list[str]:
    """The last ``count`` words before ``start``, lower-cased (context checks in builders)."""
    window = text[max(0, start - 40):start]
    return [w.lower() for w in re.findall(r"[A-Za-z']+", window)][-count:]


def licensed(text: str, start: int, context: str) -> bool:
    """Whether the word before ``start`` is one of the lexicon's licensors for ``context``."""
    before = preceding_words(text, start)
    return bool(before) and before[0] in time_lexicon().context[context]


def following_text(text: str, end: int, size: int = 30) -> str:
    return text[end:end + size]
