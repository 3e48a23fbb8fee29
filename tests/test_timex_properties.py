"""Properties every output of the tagger keeps, whatever the text: no crash, honest offsets."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.timex import recognize, tag, timeml_parts

WORDS = [
    "the", "on", "in", "between", "and", "from", "to", "last", "next", "this", "early", "late",
    "mid-", "ago", "later", "earlier", "same", "day", "week", "weekend", "month", "year",
    "years", "quarter", "third", "century", "20th", "1940s", "'80s", "1950", "1953", "-", "–",
    "53", "June", "25,", "May", "Aug.", "9", "27/7/2023", "2023-07-27", "Wednesday", "morning",
    "at", "2:20", "a.m.", "noon", "yesterday", "today", "now", "recently", "three", "a", "half",
    "every", "each", "annually", "daily", "fall", "of", "Victory", "Day", "Christmas", ".",
    ",", "said", "will", "was", "twenty-four", "hours", "several", "Early", "the year", "o'clock",
]


def check(text: str, published: str | None) -> None:
    for expr in tag(text, published):
        assert 0 <= expr.start < expr.end <= len(text)
        assert expr.text == text[expr.start:expr.end]
        assert expr.type in ("DATE", "TIME", "DURATION", "SET")
        assert expr.value
        if expr.earliest is not None and expr.latest is not None:
            assert expr.earliest <= expr.latest
        for start, end, _, _ in timeml_parts(expr):
            assert expr.start <= start < end <= expr.end


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "2024-03-14", "1999-12-31", "2000-02-29"]))
def test_tag_never_raises_on_arbitrary_text(text: str, published: str | None) -> None:
    check(text, published)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=40),
    st.sampled_from([None, "2024-03-14", "2023-01-01", "1989-10-26"]),
)
def test_tag_never_raises_on_time_words_in_any_order(
    words: list[str], published: str | None
) -> None:
    check(" ".join(words), published)


def test_offsets_match_text_on_a_news_paragraph() -> None:
    text = (
        "MOSCOW, Feb. 3 — The delegation arrived early Wednesday morning, three years after the "
        "last visit, and will stay until Friday. Between 1950 and 1953 the two armies fought; "
        "on June 25, 1950 the war began and two days later the capital fell. Prices rose 4% "
        "in the second quarter, and the summit is held annually."
    )
    check(text, "2024-02-03")
    assert len(tag(text, "2024-02-03")) >= 9


def test_parses_and_expressions_line_up() -> None:
    text = "Officials met on Aug. 9 and again last week, for 24 hours."
    parses = recognize(text)
    exprs = tag(text, "2024-08-20")
    assert [(p.start, p.end) for p in parses] == [(e.start, e.end) for e in exprs]


def test_a_thousand_word_article_is_tagged_quickly() -> None:
    sentence = (
        "The minister said on Wednesday that exports fell 3% last year and would recover by "
        "early 2025, after talks held between 2019 and 2021 failed to settle a dispute that "
        "began on June 25, 2018. "
    )
    text = sentence * (1000 // len(sentence.split()) + 1)
    tag(text, "2024-03-14")
    best = min(_timed(text) for _ in range(3))
    assert best < 0.05, f"{best * 1000:.1f} ms for about 1,000 words"


def _timed(text: str) -> float:
    start = time.perf_counter()
    tag(text, "2024-03-14")
    return time.perf_counter() - start


def test_given_sentences_number_the_expressions() -> None:
    text = "Talks began on Monday. They ended three days later."
    exprs = tag(text, "2024-03-14", sentences=[0, text.index("They")])
    assert [(e.text, e.sentence) for e in exprs] == [("Monday", 0), ("three days later", 1)]
    assert exprs[1].value == "2024-03-14"
    assert all(e.sentence == -1 for e in tag(text, "2024-03-14"))
