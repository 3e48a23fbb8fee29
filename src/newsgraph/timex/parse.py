"""`TimexParse`: what the grammar read in a time expression, before any anchoring.

Recognition and resolution are split so that a caller can look at what the text *says* without
knowing when it was written. Publication-date inference is the main such caller: it reads from
the parses which expressions are full dates, month-day dates without a year, weekday names and
bare years, and only then can anything relative be resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class TimexParse:
    """One recognized time expression and the fields the grammar read from it.

    Offsets count characters in the text given to :func:`newsgraph.timex.recognize`, and
    ``text == source[start:end]``. Fields the expression does not state stay ``None``; the
    resolver fills them in from an anchor. ``kind`` names the grammar rule family that matched,
    which is what the resolver dispatches on: ``date`` (a day, with or without its year),
    ``month``, ``season``, ``year``, ``decade``, ``century``, ``quarter``, ``half``, ``holiday``,
    ``weekday``, ``weekend``, ``time`` (clock times, parts of day), ``deictic`` ("yesterday"),
    ``relative`` ("last year", "the same day"), ``offset`` ("three years ago"), ``year_ago``
    ("the year-ago quarter"), ``reference`` ("now"), ``duration``, ``set`` and ``range``.
    """

    start: int
    end: int
    text: str
    kind: str
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    # calendar fields, as written
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO: 1 = Monday .. 7 = Sunday
    hour: int | None = None
    minute: int | None = None
    part_of_day: str | None = None  # TimeML: MO, AF, EV, NI, DT
    season: str | None = None  # TimeML: SP, SU, FA, WI
    quarter: int | None = None
    half: int | None = None
    decade: int | None = None  # first three digits of the decade's years: 194 = the 1940s
    decade_in_century: int | None = None  # "the '80s", "the eighties": century from the anchor
    century: int | None = None  # first two digits of the century's years: 19 = the 20th century
    holiday: str | None = None
    # relative parts
    unit: str | None = None  # calendar unit of "last year" / "two days later" / "three years"
    amount: float | None = None  # number of units; None when vague ("several years")
    relation: int | None = None  # -1 last / 0 this / +1 next ("last year", "next Friday")
    relative_year: int | None = None  # "July last year": -1; "this year's third quarter": 0
    offset: int | None = None  # signed units from the anchor: "three years ago" = -3
    deictic_day: int | None = None  # yesterday = -1, today = 0, tomorrow = +1
    anaphoric: bool = False  # resolved on the narrative reference time ("the same day")
    ref: str | None = None  # PRESENT_REF | PAST_REF | FUTURE_REF
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, LESS_THAN, ...
    share: tuple[float, float] | None = None  # part of the interval a position word keeps
    duration: str | None = None  # ISO 8601 value of a DURATION or SET, known from the text alone
    set_value: str | None = None  # SET value when it is a calendar pattern ("XXXX-WXX-1")
    range_parts: tuple[TimexParse, TimexParse] | None = field(default=None, repr=False)

    @property
    def is_range(self) -> bool:
        return self.range_parts is not None

    @property
    def is_full_date(self) -> bool:
        """An explicit calendar date with its year ("June 25, 1950", "2023-07-27")."""
        return (
            self.kind == "date"
            and self.year is not None
            and self.month is not None
            and self.day is not None
        )

    @property
    def is_month_day(self) -> bool:
        """A month and day without a year ("July 27", "Aug. 9"): the year comes from an anchor."""
        return (
            self.kind == "date" and self.year is None and self.month is not None
            and self.day is not None
        )

    @property
    def is_weekday(self) -> bool:
        """A weekday name standing for one day ("Wednesday", "early Wednesday morning")."""
        return self.kind == "weekday" and self.weekday is not None

    @property
    def is_year(self) -> bool:
        """A year on its own ("1950", "fiscal 1989", "the year 2020")."""
        return self.kind == "year" and self.year is not None

    @property
    def is_absolute(self) -> bool:
        """Needs no anchor: the text states the year (or decade, or century) itself."""
        if self.range_parts is not None:
            return all(part.is_absolute for part in self.range_parts)
        if self.type in ("DURATION", "SET") or self.ref is not None:
            return True
        if self.anaphoric or self.relation is not None or self.offset is not None:
            return False
        if self.deictic_day is not None or self.relative_year is not None:
            return False
        if self.decade_in_century is not None:
            return False
        return self.year is not None or self.decade is not None or self.century is not None
