"""Explicit and partial dates: what the text states, normalized to TimeML values and intervals."""

from __future__ import annotations

import pytest

from newsgraph.model import TimeExpr
from newsgraph.timex import recognize, tag

PUBLISHED = "2024-03-14"  # a Thursday


def one(text: str, published: str | None = PUBLISHED) -> TimeExpr:
    found = tag(text, published)
    assert len(found) == 1, [(e.text, e.value) for e in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The treaty was signed on June 25, 1950, in the capital.", "June 25, 1950", "1950-06-25"),
        ("Elections were held on 25 June 1950 across the country.", "25 June 1950", "1950-06-25"),
        ("The ministry published the figures on 27/7/2023.", "27/7/2023", "2023-07-27"),
        ("The data, dated 2023-07-27, showed a decline.", "2023-07-27", "2023-07-27"),
        ("Parliament reconvened on Monday, Oct. 7, 2019, after the recess.",
         "Monday, Oct. 7, 2019", "2019-10-07"),
    ],
)
def test_explicit_dates(text: str, span: str, value: str) -> None:
    expr = one(text)
    assert (expr.text, expr.type, expr.value, expr.granularity) == (span, "DATE", value, "day")
    assert expr.earliest == expr.latest == value
    assert expr.anchor == "absolute"


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        ("The minister arrived on July 27 for talks.", "2024-08-02", "July 27", "2024-07-27"),
        ("Officials met on Aug. 9 to discuss the plan.", "2024-08-20", "Aug. 9", "2024-08-09"),
        ("The finance chief resigned on Dec. 29.", "2025-01-04", "Dec. 29", "2024-12-29"),
        ("The new law takes effect on January 2.", "2024-12-20", "January 2", "2025-01-02"),
    ],
)
def test_month_day_takes_its_year_from_the_publication_date(
    text: str, published: str, span: str, value: str
) -> None:
    expr = one(text, published)
    assert (expr.text, expr.value, expr.anchor) == (span, value, "published")


@pytest.mark.parametrize(
    ("text", "span", "value", "granularity", "earliest", "latest", "mod"),
    [
        ("The factory opened in August 1945.", "August 1945", "1945-08", "month",
         "1945-08-01", "1945-08-31", None),
        ("The bridge reopened in August of 1961.", "August of 1961", "1961-08", "month",
         "1961-08-01", "1961-08-31", None),
        ("The offensive began in the fall of 1950.", "the fall of 1950", "1950-FA", "season",
         "1950-09-01", "1950-11-30", None),
        ("Tensions grew in the mid-to-late 1940s.", "the mid-to-late 1940s", "194X", "decade",
         None, "1949-12-31", "MID"),
        ("Trade boomed in the 1950s.", "the 1950s", "195X", "decade",
         "1950-01-01", "1959-12-31", None),
        ("Early in the year 2020, the port closed.", "Early in the year 2020", "2020", "year",
         "2020-01-01", None, "START"),
        ("Railways spread across the region in the 19th century.", "the 19th century", "18XX",
         "century", "1800-01-01", "1899-12-31", None),
        ("The dam was finished in 1950.", "1950", "1950", "year", "1950-01-01", "1950-12-31",
         None),
    ],
)
def test_partial_dates(
    text: str, span: str, value: str, granularity: str, earliest: str | None,
    latest: str | None, mod: str | None,
) -> None:
    expr = one(text)
    assert (expr.text, expr.value, expr.granularity, expr.mod) == (span, value, granularity, mod)
    if earliest:
        assert expr.earliest == earliest
    if latest:
        assert expr.latest == latest
    assert expr.earliest is not None and expr.latest is not None
    assert expr.earliest <= expr.latest


def test_position_words_narrow_the_interval() -> None:
    expr = one("Talks are expected to resume in early October.", "2024-09-10")
    assert (expr.text, expr.value, expr.mod) == ("early October", "2024-10", "START")
    assert expr.earliest == "2024-10-01"
    assert expr.latest is not None and expr.latest < "2024-10-15"


@pytest.mark.parametrize(
    "text",
    [
        "Voters may decide the matter next spring.",  # "may" the verb
        "Thousands joined the march through the city.",  # not the month
        "Shares slid after the fall of the old government.",  # not the season
        "He spent his eighties writing memoirs.",  # an age, not a decade
        "Soldiers took part in Operation August Storm.",  # a name
    ],
)
def test_ambiguous_words_are_not_taken_for_dates(text: str) -> None:
    assert all(e.value not in ("2024-05", "2024-03", "2024-08") for e in tag(text, PUBLISHED))
    assert "FA" not in "".join(e.value or "" for e in tag(text, PUBLISHED))
    assert all("8X" not in (e.value or "") for e in tag(text, PUBLISHED))


def test_parses_say_what_kind_of_date_they_are() -> None:
    text = ("The armistice of July 27, 1953 is marked on July 27 every year; "
            "officials spoke on Wednesday about 1953.")
    parses = recognize(text)
    kinds = {p.text: (p.is_full_date, p.is_month_day, p.is_weekday, p.is_year) for p in parses}
    assert kinds["July 27, 1953"] == (True, False, False, False)
    assert kinds["July 27"] == (False, True, False, False)
    assert kinds["Wednesday"] == (False, False, True, False)
    assert kinds["1953"] == (False, False, False, True)
    full = next(p for p in parses if p.is_full_date)
    assert (full.year, full.month, full.day) == (1953, 7, 27)
    assert next(p for p in parses if p.is_weekday).weekday == 3
