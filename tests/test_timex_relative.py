"""Relative expressions: anchored on the publication date, on a recounted history, or on nothing."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.timex import tag

PUBLISHED = "2024-03-14"  # a Thursday


def values(text: str, published: str | None = PUBLISHED) -> dict[str, tuple[str | None, str]]:
    return {e.text: (e.value, e.anchor) for e in tag(text, published)}


@pytest.mark.parametrize(
    ("text", "span", "value", "granularity"),
    [
        ("The president said Wednesday that aid would follow.", "Wednesday", "2024-03-13", "day"),
        ("Prices rose sharply this month.", "this month", "2024-03", "month"),
        ("Exports fell last year.", "last year", "2023", "year"),
        ("The company was founded three years ago.", "three years ago", "2021", "year"),
        ("Ministers will meet again this week.", "this week", "2024-W11", "week"),
        ("Profits rose in the second quarter.", "the second quarter", "2024-Q2", "quarter"),
        ("Rebels attacked the town yesterday.", "yesterday", "2024-03-13", "day"),
        ("The report is published today.", "today", "2024-03-14", "day"),
        ("Fuel prices will rise next month.", "next month", "2024-04", "month"),
        ("The border was closed last week.", "last week", "2024-W10", "week"),
        ("The agency recently changed its policy.", "recently", "PAST_REF", "ref"),
        ("The economy is now growing.", "now", "PRESENT_REF", "ref"),
        ("Investors expect calmer markets in the near future.", "the near future", "FUTURE_REF",
         "ref"),
        ("The summit will be held on Friday.", "Friday", "2024-03-15", "day"),
        ("The talks resumed on Monday after a pause.", "Monday", "2024-03-11", "day"),
        ("Talks resume on Victory Day.", "Victory Day", "2024-05-09", "day"),
    ],
)
def test_relative_expressions_anchor_on_the_publication_date(
    text: str, span: str, value: str, granularity: str
) -> None:
    found = tag(text, PUBLISHED)
    assert [(e.text, e.value, e.granularity) for e in found] == [(span, value, granularity)]
    if granularity != "ref":
        assert found[0].anchor == "published"
        assert found[0].earliest is not None and found[0].latest is not None


def test_this_week_spans_monday_to_sunday() -> None:
    (expr,) = tag("Ministers will meet again this week.", PUBLISHED)
    assert (expr.earliest, expr.latest) == ("2024-03-11", "2024-03-17")


def test_a_named_day_and_part_of_day() -> None:
    (expr,) = tag("Rescuers arrived early Wednesday morning.", PUBLISHED)
    assert (expr.type, expr.value, expr.mod) == ("TIME", "2024-03-13TMO", "START")


def test_year_ago_counts_back_from_the_reported_quarter() -> None:
    text = ("The retailer reported a third-quarter loss of $4 million. "
            "It had earned $2 million a year earlier.")
    assert values(text, "2024-10-25")["a year earlier"][0] == "2023-Q3"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("On May 3, 1921, the treaty was signed, and on May 5 the troops withdrew.", "May 5",
         "1921-05-05"),
        ("The uprising began on October 23, 1956. Just three days later, the government fell.",
         "three days later", "1956-10-26"),
        ("The union was formed on March 1, 1990. The same day, strikes spread to the ports.",
         "The same day", "1990-03-01"),
        ("Troops crossed the river on September 2, 1939. In early September, the city fell.",
         "early September", "1939-09"),
    ],
)
def test_narrative_anchoring_in_a_recounted_history(text: str, span: str, value: str) -> None:
    assert values(text)[span] == (value, "narrative")


def test_a_bare_date_far_from_the_history_goes_back_to_the_publication_date() -> None:
    text = ("The republic was founded on April 4, 1949. "
            "The ministry announced on March 2 that it would cut taxes.")
    assert values(text)["March 2"] == ("2024-03-02", "published")


def test_a_future_clause_is_not_part_of_the_history() -> None:
    text = "The states invited in 1997 on March 3, 1997 will join the alliance on March 20."
    assert values(text)["March 20"] == ("2024-03-20", "published")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Kim said Wednesday that the talks went well.", "Wednesday", "XXXX-WXX-3"),
        ("Exports fell last year.", "last year", "XXXX"),
        ("The ceremony is held on July 27.", "July 27", "XXXX-07-27"),
        ("Ministers met this week.", "this week", "XXXX-WXX"),
        ("Rebels attacked the town yesterday.", "yesterday", "XXXX-XX-XX"),
        ("The plant closed three years ago.", "three years ago", "XXXX"),
        ("The quake struck at 2:20 a.m. local time.", "2:20 a.m. local time",
         "XXXX-XX-XXT02:20"),
    ],
)
def test_without_a_publication_date_relative_values_stay_underspecified(
    text: str, span: str, value: str
) -> None:
    (expr,) = tag(text, None)
    assert (expr.text, expr.value) == (span, value)
    assert expr.earliest is None and expr.latest is None
    today = date.today()
    assert today.isoformat() not in value and str(today.year) not in value


def test_without_a_publication_date_a_history_still_anchors_itself() -> None:
    text = "On August 8, 1945, war was declared, and on August 9 the offensive began."
    assert values(text, None)["August 9"] == ("1945-08-09", "narrative")
