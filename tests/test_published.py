"""Publication dates: metadata first; from the text, anniversaries, datelines, weekdays; the
corpus for a missing year; never the ingest day. All sentences here are made up."""

from __future__ import annotations

from datetime import date

from newsgraph.actors.kb import default_kb
from newsgraph.actors.terms import term_bounds
from newsgraph.model import Article, Mention, TimeExpr
from newsgraph.timex.published import (
    CorpusEvidence,
    anniversaries,
    dateline,
    from_url,
    infer_published,
    needs_year,
    parse_date,
)


def article(body: str, **fields: str) -> Article:
    return Article(id="x", source="t", format=fields.pop("format", "txt"), markup="text",
                   raw=body, raw_sha256="0" * 64, body=body, **fields)


def timex(body: str, text: str, value: str, granularity: str = "day") -> TimeExpr:
    start = body.index(text)
    return TimeExpr(start, start + len(text), text, "DATE", value, granularity, sentence=0)


def test_metadata_wins_and_is_normalized() -> None:
    dates = ("2024-03-08T09:30:00+01:00", "Fri, 08 Mar 2024 09:30:00 GMT", "March 8, 2024")
    for given in dates:
        published = infer_published(article("Text.", published_given=given), [])
        assert (published.value, published.source) == ("2024-03-08", "metadata")


def test_url_path_date() -> None:
    assert from_url("https://news.example/world/2021/11/05/talks-end").value == "2021-11-05"
    assert from_url("https://news.example/20211105-talks").value == "2021-11-05"
    assert from_url("https://news.example/world/talks-end") is None


def test_dateline() -> None:
    assert dateline("LISBON, March 3 (Examplewire) - Ministers met.")[:3] == (None, 3, 3)
    assert dateline("NEW DELHI, Aug. 14, 2022 — Crowds gathered.")[:3] == (2022, 8, 14)
    assert dateline("Ministers met in Lisbon, March 3.") is None


def test_anniversary_gives_the_year_and_the_day() -> None:
    body = ("Veterans gathered in Normandy on Thursday to mark the 80th anniversary of the D-Day "
            "landings, and the king laid a wreath on Wednesday.")
    (found,) = anniversaries(body)
    assert found.ordinal == 80 and found.event_date.isoformat() == "1944-06-06"
    timexes = [timex(body, "Thursday", "XXXX-WXX-4"), timex(body, "Wednesday", "XXXX-WXX-3")]
    published = infer_published(article(body), timexes)
    assert published.source == "inferred"
    # 6 June 2024 is a Thursday: written that day or just after, not before Wednesday 5 June.
    assert "2024-06-05" <= published.value <= "2024-06-07"
    assert "1944 + 80" in published.basis


def test_context_words_keep_two_armistices_apart() -> None:
    body = "Leaders marked the 100th anniversary of the armistice that ended the First World War."
    assert anniversaries(body)[0].event_date.year == 1918


def test_future_weekday_bounds_the_date_from_above() -> None:
    body = ("SOFIA, May 9 (Examplewire) - Protesters marched on Monday and say they will return "
            "on Friday if the law is not withdrawn.")
    timexes = [timex(body, "May 9", "XXXX-05-09"), timex(body, "Monday", "XXXX-WXX-1"),
               timex(body, "Friday", "XXXX-WXX-5")]
    same = CorpusEvidence(same_acts=("2025-05-01", "a1"))
    published = infer_published(article(body), timexes, corpus=same)
    assert published.value == "2025-05-09"
    assert published.latest < "2025-05-16"


def test_a_month_and_day_take_the_year_of_a_report_of_the_same_acts() -> None:
    body = "The ministry announced on October 2 that the border would reopen."
    timexes = [timex(body, "October 2", "XXXX-10-02")]
    assert needs_year(infer_published(article(body), timexes))
    same = CorpusEvidence(same_acts=("2019-09-28", "a1"))
    completed = infer_published(article(body), timexes, corpus=same)
    assert completed.value == "2019-10-02" and "a1" in completed.basis
    assert completed.confidence < 0.7  # borrowed: never given as sure
    # A report of the same acts months away says nothing about this day.
    far = CorpusEvidence(same_acts=("2019-03-01", "a1"))
    assert needs_year(infer_published(article(body), timexes, corpus=far))


def test_sharing_names_chooses_only_among_the_years_the_text_leaves() -> None:
    body = "The ministry announced on October 2 that the border would reopen."
    timexes = [timex(body, "October 2", "XXXX-10-02")]
    related = ((2019, "a1"), (2019, "a2"))
    # Nothing bounds the year: related articles do not set it.
    assert needs_year(infer_published(article(body), timexes,
                                      corpus=CorpusEvidence(related_years=related)))
    # A term of office leaves a few years, and the related articles fall in one of them.
    terms = (date(2016, 1, 1), date(2021, 12, 31), "'Minister X' in office 2016..2021")
    chosen = infer_published(article(body), timexes,
                             corpus=CorpusEvidence(related_years=related, terms=terms))
    assert chosen.value == "2019-10-02" and chosen.confidence <= 0.5
    # ... but not when they fall in two of them, or outside them.
    for years in (((2019, "a1"), (2020, "a2")), ((2023, "a1"),)):
        open_year = infer_published(article(body), timexes,
                                    corpus=CorpusEvidence(related_years=years, terms=terms))
        assert needs_year(open_year) and open_year.earliest == "2016-01-01"


def test_weekdays_alone_take_the_week_of_a_report_of_the_same_acts_only() -> None:
    body = "Two ferries collided on Tuesday night; divers resumed the search on Wednesday."
    timexes = [timex(body, "Tuesday", "XXXX-WXX-2"), timex(body, "Wednesday", "XXXX-WXX-3")]
    assert infer_published(article(body), timexes).value is None
    related = CorpusEvidence(related_years=((2024, "a1"),))
    assert infer_published(article(body), timexes, corpus=related).value is None
    same = CorpusEvidence(same_acts=("2024-03-07", "a1"))
    published = infer_published(article(body), timexes, corpus=same)
    assert published.value == "2024-03-06"  # the Wednesday of that week
    assert published.confidence < 0.5


def person(body: str, text: str, actor_id: str) -> Mention:
    start = body.index(text)
    return Mention(start, start + len(text), text, "PERSON", 0, actor_id)


def test_titled_people_bound_the_date_to_their_terms() -> None:
    body = "Russian Defence Minister Sergei Shoigu arrived in the capital."
    titled = article(body, mentions=[person(body, "Sergei Shoigu", "sergei_shoigu")])
    earliest, latest, why = term_bounds(titled, default_kb())
    assert (earliest, latest) == (date(2012, 11, 6), date(2024, 5, 12))
    assert "Sergei Shoigu" in why
    for other in ("Former Defence Minister Sergei Shoigu arrived in the capital.",
                  "Sergei Shoigu arrived in the capital."):
        untitled = article(other, mentions=[person(other, "Sergei Shoigu", "sergei_shoigu")])
        assert term_bounds(untitled, default_kb()) is None


def test_titles_in_a_dated_past_are_of_that_time() -> None:
    body = "On June 27, 1950, US President Harry Truman ordered air and naval support."
    history = article(body, mentions=[person(body, "Harry Truman", "harry_s_truman")],
                      timexes=[timex(body, "June 27, 1950", "1950-06-27")])
    assert term_bounds(history, default_kb()) is None


def test_nothing_to_go_on_is_unknown_never_today() -> None:
    body = "The committee will meet again to discuss the proposal."
    published = infer_published(article(body), [])
    assert published.value is None
    assert published.source == "unknown"
    assert published.basis


def test_old_dates_only_give_a_lower_bound() -> None:
    body = "The treaty was signed on June 1, 1921, and ratified two years later."
    published = infer_published(article(body), [timex(body, "June 1, 1921", "1921-06-01")])
    assert published.value is None
    assert published.earliest == "1921-06-01"


def test_parse_date_rejects_partial_dates() -> None:
    assert parse_date("sometime in spring") is None
    assert parse_date("") is None


def test_a_past_month_is_a_lower_bound() -> None:
    body = "Prices have risen since February 2022, officials said on Tuesday."
    published = infer_published(article(body), [
        timex(body, "February 2022", "2022-02", "month"), timex(body, "Tuesday", "XXXX-WXX-2")])
    assert published.value is None and published.earliest == "2022-02-01"
