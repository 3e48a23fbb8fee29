"""Durations, sets, clock times and ranges (with their TimeML parts)."""

from __future__ import annotations

import pytest

from newsgraph.timex import tag, timeml_parts

PUBLISHED = "2024-03-14"  # a Thursday


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The dispute lasted three years.", "three years", "P3Y"),
        ("Output fell over the past three years.", "the past three years", "P3Y"),
        ("Power was cut for 24 hours.", "24 hours", "PT24H"),
        ("The rebuilding took a decade.", "a decade", "P10Y"),
        ("Several weeks passed without a reply.", "Several weeks", "PXW"),
        ("The flight lasted 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("Repairs took a year and a half.", "a year and a half", "P1Y6M"),
        ("The two sides have been allies for many years.", "many years", "PXY"),
        ("Negotiators agreed on a five-year plan.", "five-year", "P5Y"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    found = tag(text, PUBLISHED)
    assert [(e.text, e.type, e.value, e.granularity) for e in found] == [
        (span, "DURATION", value, "duration")
    ]
    assert found[0].earliest is None and found[0].latest is None


@pytest.mark.parametrize(
    "text",
    [
        "The six-year-old boy was found safe.",  # an age
        "The firm saves $2 million a year in rent.",  # a rate
        "Nearly three quarters of the houses were destroyed.",  # a fraction
    ],
)
def test_ages_rates_and_fractions_are_not_durations(text: str) -> None:
    assert [e for e in tag(text, PUBLISHED) if e.type == "DURATION"] == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The festival is held annually.", "annually", "P1Y"),
        ("Inspectors visit every week.", "every week", "P1W"),
        ("The fund pays out each year.", "each year", "P1Y"),
        ("The paper is printed daily.", "daily", "P1D"),
        ("Buses run every other day.", "every other day", "P2D"),
        ("The market opens every Thursday.", "every Thursday", "XXXX-WXX-4"),
        ("The council meets twice a year.", "a year", "P1Y"),
    ],
)
def test_sets(text: str, span: str, value: str) -> None:
    found = tag(text, PUBLISHED)
    assert [(e.text, e.type, e.value, e.granularity) for e in found] == [
        (span, "SET", value, "set")
    ]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The quake struck at 2:20 a.m. and shook the capital.", "2:20 a.m.",
         "2024-03-14T02:20"),
        ("Crowds gathered on Wednesday morning outside the court.", "Wednesday morning",
         "2024-03-13TMO"),
        ("The deadline expired at noon Saturday.", "noon Saturday", "2024-03-09T12:00"),
        ("The polls closed at 21:30 GMT.", "21:30 GMT", "2024-03-14T21:30"),
        ("Protesters marched through the city last night.", "last night", "2024-03-13TNI"),
    ],
)
def test_times_of_day(text: str, span: str, value: str) -> None:
    found = tag(text, PUBLISHED)
    assert [(e.text, e.type, e.value) for e in found] == [(span, "TIME", value)]


def test_a_clock_time_falls_on_the_day_just_named() -> None:
    text = "The embassy was attacked on Tuesday. The first blast came at 10:40 a.m."
    found = {e.text: e.value for e in tag(text, PUBLISHED)}
    assert found["10:40 a.m."] == "2024-03-12T10:40"


def test_clock_time_interval_is_the_minute() -> None:
    (expr,) = tag("The quake struck at 2:20 a.m. and shook the capital.", PUBLISHED)
    assert expr.granularity == "time"
    assert expr.earliest == expr.latest == "2024-03-14T02:20"


@pytest.mark.parametrize(
    ("text", "span", "ends"),
    [
        ("Bombers struck between 1950 and 1953.", "between 1950 and 1953", ("1950", "1953")),
        ("The war of 1950-53 left the peninsula divided.", "1950-53", ("1950", "53")),
        ("The 1950–1953 conflict ended in an armistice.", "1950–1953", ("1950", "1953")),
        ("Output grew from 1950 to 1953.", "from 1950 to 1953", ("1950", "1953")),
    ],
)
def test_ranges_are_one_expression_with_two_timeml_parts(
    text: str, span: str, ends: tuple[str, str]
) -> None:
    (expr,) = tag(text, PUBLISHED)
    assert (expr.text, expr.type, expr.value, expr.granularity) == (
        span, "DATE", "1950/1953", "range"
    )
    assert (expr.earliest, expr.latest) == ("1950-01-01", "1953-12-31")
    parts = timeml_parts(expr)
    assert [text[start:end] for start, end, _, _ in parts] == list(ends)
    assert [(kind, value) for _, _, kind, value in parts] == [("DATE", "1950"), ("DATE", "1953")]


def test_a_range_of_dates_shares_its_year() -> None:
    text = "The offensive ran from June 25 to July 27, 1950."
    (expr,) = tag(text, PUBLISHED)
    assert expr.value == "1950-06-25/1950-07-27"
    assert [value for _, _, _, value in timeml_parts(expr)] == ["1950-06-25", "1950-07-27"]


def test_timeml_parts_of_a_plain_expression_is_itself() -> None:
    (expr,) = tag("Exports fell last year.", PUBLISHED)
    assert timeml_parts(expr) == [(expr.start, expr.end, "DATE", "2023")]
