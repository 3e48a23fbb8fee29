"""Events in the store: stored with their article, read back whole, listed with the filters an
analyst uses (who did it, to whom, what, when, news or history), in text or time order."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsgraph.model import Actor, Article, Event, Party, Published, Sentence, SkipArticle
from newsgraph.store import Store

NEWS_ID = "e" * 16
UN_ID = "f" * 16

NEWS_BODY = (
    "Russian troops shelled Kharkiv on Monday. "
    "Kim Jong Un met Vladimir Putin in Vladivostok in September 2023. "
    "In 1950 North Korea invaded South Korea. "
    "Belarus did not send troops to Ukraine. "
    "Putin will visit Pyongyang next year. "
    "Russia could retaliate."
)
UN_BODY = "The United Nations condemned the shelling of Kharkiv."

ACTORS = [
    Actor("RUS", "Russia", "country", country="RUS"),
    Actor("PRK", "North Korea", "country", country="PRK"),
    Actor("KOR", "South Korea", "country", country="KOR"),
    Actor("BLR", "Belarus", "country", country="BLR"),
    Actor("UKR", "Ukraine", "country", country="UKR"),
    Actor("kim_jong_un", "Kim Jong Un", "person", country="PRK", aliases=["Kim Jong-un"]),
    Actor("vladimir_putin", "Vladimir Putin", "person", country="RUS", wikidata="Q7747",
          aliases=["Putin"]),
    Actor("IGO.UNO", "United Nations", "igo", wikidata="Q1065", aliases=["UN"]),
]


def party(body: str, text: str, actor_id: str | None = None, code: str | None = None, *,
          within: str = "") -> Party:
    """A party whose offsets point at ``text`` in ``body``: its first occurrence, or its first
    inside the phrase ``within``."""
    start = body.index(text, body.index(within) if within else 0)
    return Party(text, start, start + len(text), actor_id, code)


def event(body: str, sentence: int, event_type: str, predicate: str, **fields: object) -> Event:
    """An event in sentence ``sentence`` of ``body`` (sentences end with '. ')."""
    bounds = sentence_bounds(body)[sentence]
    start = body.index(predicate, bounds.start)
    return Event(event_type, predicate, start, start + len(predicate), sentence, bounds.start,
                 bounds.end, **fields)  # type: ignore[arg-type]


def sentence_bounds(body: str) -> list[Sentence]:
    sentences, start = [], 0
    while start < len(body):
        end = body.find(". ", start)
        end = len(body) if end < 0 else end + 1
        sentences.append(Sentence(start, end))
        start = end + 1
    return sentences


def news_article() -> Article:
    """An article reporting today's news beside history, a denial and a supposition."""
    body = NEWS_BODY
    events = [
        event(body, 0, "ASSAULT", "shelled", mode="aerial",
              actors=[party(body, "Russian troops", "RUS", "RUS.MIL")],
              recipients=[party(body, "Kharkiv", None, "UKR")],
              time="2024-03-04", earliest="2024-03-04", latest="2024-03-04", granularity="day",
              time_basis="timex", confidence=0.9),
        event(body, 1, "CONSULT", "met", symmetric=True,
              actors=[party(body, "Kim Jong Un", "kim_jong_un", "PRK.GOV"),
                      party(body, "Vladimir Putin", "vladimir_putin", "RUS.GOV")],
              location="Vladivostok", location_start=body.index("Vladivostok"),
              location_end=body.index("Vladivostok") + len("Vladivostok"),
              time="2023-09", earliest="2023-09-01", latest="2023-09-30", granularity="month",
              time_basis="timex", confidence=0.8),
        event(body, 2, "ASSAULT", "invaded",
              actors=[party(body, "North Korea", "PRK", "PRK")],
              recipients=[party(body, "South Korea", "KOR", "KOR")],
              time="1950", earliest="1950-01-01", latest="1950-12-31", granularity="year",
              time_basis="timex", time_status="historical", confidence=0.8),
        event(body, 3, "MOBILIZE", "send", negated=True,
              actors=[party(body, "Belarus", "BLR", "BLR")],
              recipients=[party(body, "Ukraine", "UKR", "UKR")],
              time="2024-03-06", earliest="2024-03-06", latest="2024-03-06", granularity="day",
              time_basis="published", confidence=0.6),
        event(body, 4, "CONSULT", "visit", mode="visit",
              actors=[party(body, "Putin", "vladimir_putin", "RUS.GOV", within="Putin will")],
              recipients=[party(body, "Pyongyang", "PRK", "PRK.GOV")],
              time="2025", earliest="2025-01-01", latest="2025-12-31", granularity="year",
              time_basis="timex", time_status="future", reported_by="KCNA", confidence=0.7),
        event(body, 5, "ASSAULT", "retaliate", hypothetical=True,
              actors=[party(body, "Russia", "RUS", "RUS", within="Russia could")],
              confidence=0.4),
    ]
    return Article(
        id=NEWS_ID, source="mem", format="txt", markup="text", raw=body, raw_sha256="0" * 64,
        outlet="Andes Daily", url="https://andes.example/news", language="en", body=body,
        sentences=sentence_bounds(body), actors=ACTORS,
        published=Published("2024-03-06", "2024-03-06", "2024-03-06", 1.0, "metadata"),
        events=events,
    )


def un_article() -> Article:
    """A second outlet's article, so filters have to pick across articles."""
    body = UN_BODY
    return Article(
        id=UN_ID, source="mem2", format="txt", markup="text", raw=body, raw_sha256="1" * 64,
        outlet="Wire", body=body, sentences=sentence_bounds(body), actors=ACTORS,
        published=Published("2024-03-05", "2024-03-05", "2024-03-05", 1.0, "metadata"),
        events=[event(body, 0, "ACCUSE", "condemned",
                      actors=[party(body, "The United Nations", "IGO.UNO", "IGO.UNO")],
                      recipients=[party(body, "Kharkiv", None, "UKR")],
                      earliest="2024-03-05", latest="2024-03-05", granularity="day",
                      time_basis="published", confidence=0.7)],
    )


@pytest.fixture
def filled(store: Store) -> Store:
    assert store.save_article(news_article()) == "stored"
    assert store.save_article(un_article()) == "stored"
    return store


def predicates(rows: list[dict[str, object]]) -> list[object]:
    return [row["predicate"] for row in rows]


def test_events_survive_the_store_with_parties_negation_and_flags(filled: Store) -> None:
    loaded = filled.load_article(NEWS_ID)
    assert loaded.events == news_article().events
    met = loaded.events[1]
    assert [p.actor_id for p in met.actors] == ["kim_jong_un", "vladimir_putin"]
    assert met.symmetric is True and met.recipients == []
    assert loaded.events[3].negated is True and loaded.events[5].hypothetical is True
    for e in loaded.events:  # evidence: offsets give exactly what the record says
        assert loaded.body[e.predicate_start : e.predicate_end] == e.predicate
        for p in e.actors + e.recipients:
            assert loaded.body[p.start : p.end] == p.text


def test_show_json_carries_the_events(filled: Store) -> None:
    data = filled.load_article(NEWS_ID).to_dict()
    assert data["events"][0]["actors"][0]["code"] == "RUS.MIL"


def test_saving_again_or_rewriting_does_not_duplicate_events(filled: Store) -> None:
    counts = (filled.count("event"), filled.count("event_party"))
    assert counts == (7, 13)
    assert filled.save_article(news_article()) == "exists"
    filled.replace_article(filled.load_article(NEWS_ID))
    filled.replace_dated(filled.load_article(NEWS_ID))
    assert (filled.count("event"), filled.count("event_party")) == counts
    assert filled.load_article(NEWS_ID).events == news_article().events


def test_corpus_dating_rewrites_event_times(filled: Store) -> None:
    article = filled.load_article(NEWS_ID)
    article.events[0] = replace(article.events[0], earliest="2024-03-11", latest="2024-03-11")
    filled.replace_dated(article)
    rows = filled.events(article_id=NEWS_ID, type="ASSAULT", date_from="2024-03-11")
    assert predicates(rows) == ["shelled"]


def test_a_failed_event_write_leaves_the_article_unstored(store: Store) -> None:
    broken = news_article()
    broken.events[0].actors.append(Party(None, 0, 1))  # type: ignore[arg-type]
    with pytest.raises(SkipArticle, match="cannot store"):
        store.save_article(broken)
    assert store.count("article") == 0 and store.count("event") == 0


def test_rows_carry_parties_evidence_sentence_and_both_clocks(filled: Store) -> None:
    row = filled.events(article_id=NEWS_ID, type="assault")[0]
    assert {"text": "Russian troops", "actor_id": "RUS", "code": "RUS.MIL"}.items() <= (
        row["actors"][0].items())
    assert row["recipients"][0]["code"] == "UKR"
    assert row["text"] == "Russian troops shelled Kharkiv on Monday."
    assert (row["earliest"], row["published"], row["outlet"]) == (
        "2024-03-04", "2024-03-06", "Andes Daily")
    visit = filled.events(actor="Putin", status="future")[0]
    assert visit["reported_by"] == "KCNA"
    assert visit["actors"][0]["name"] == "Vladimir Putin"


def test_actor_by_id_name_alias_and_words_as_written(filled: Store) -> None:
    assert predicates(filled.events(actor="vladimir_putin")) == ["met", "visit"]
    assert predicates(filled.events(actor="Vladimir Putin")) == ["met", "visit"]
    assert predicates(filled.events(actor="Kim Jong-un")) == ["met"]  # an alias
    assert predicates(filled.events(actor="troops")) == ["shelled"]  # as written


def test_words_match_parties_as_written_after_rewrites_too(filled: Store) -> None:
    """Party words are found through a trigram index kept in step by triggers: rewriting an
    article's events (reprocessing, corpus dating) neither loses nor doubles matches."""
    before = {w: predicates(filled.events(actor=w)) for w in ("troops", "Pyongyang", "Kim")}
    filled.replace_article(filled.load_article(NEWS_ID))
    filled.replace_dated(filled.load_article(NEWS_ID))
    assert {w: predicates(filled.events(actor=w)) for w in before} == before
    assert before["troops"] == ["shelled"] and before["Kim"] == ["met"]
    indexed = filled.connection.execute(
        "SELECT count(*) FROM event_party_words WHERE text LIKE '%troops%'").fetchone()[0]
    assert indexed == filled.connection.execute(
        "SELECT count(*) FROM event_party WHERE text LIKE '%troops%'").fetchone()[0]


def test_a_country_code_matches_its_sectors_but_not_names_containing_it(filled: Store) -> None:
    assert predicates(filled.events(actor="RUS")) == ["shelled", "met", "visit", "retaliate"]
    assert predicates(filled.events(actor="RUS.MIL")) == ["shelled"]
    # "RUS" is inside "Belarus": a code never matches the middle of a name
    assert "send" not in predicates(filled.events(actor="RUS", include_negated=True))
    assert predicates(filled.events(actor="IGO")) == ["condemned"]


def test_recipient_filter_and_symmetric_acts_count_on_both_sides(filled: Store) -> None:
    assert predicates(filled.events(recipient="UKR")) == ["shelled", "condemned"]
    assert predicates(filled.events(recipient="PRK")) == ["met", "visit"]
    assert predicates(filled.events(actor="RUS", recipient="PRK")) == ["met", "visit"]
    assert filled.events(actor="PRK", recipient="UKR") == []


def test_type_status_and_article_filters(filled: Store) -> None:
    assert predicates(filled.events(type="ASSAULT")) == ["shelled", "invaded", "retaliate"]
    assert predicates(filled.events(status="historical")) == ["invaded"]
    assert predicates(filled.events(article_id=UN_ID)) == ["condemned"]


def test_dates_select_events_whose_interval_overlaps(filled: Store) -> None:
    # a day inside September 2023 finds the month-dated meeting
    assert predicates(filled.events(date_from="2023-09-15", date_to="2023-09-20")) == ["met"]
    assert predicates(filled.events(date_to="1950-06-25")) == ["invaded"]
    # undated events have no interval to overlap: they drop out of dated queries
    assert "retaliate" not in predicates(filled.events(date_from="1900-01-01"))


def test_negated_events_are_listed_only_when_asked(filled: Store) -> None:
    assert "send" not in predicates(filled.events())
    denied = filled.events(actor="Belarus", include_negated=True)
    assert predicates(denied) == ["send"] and denied[0]["negated"] is True
    supposed = filled.events(type="ASSAULT", actor="Russia")
    assert [r["hypothetical"] for r in supposed] == [False, True]


def test_timeline_orders_by_event_time_undated_last(filled: Store) -> None:
    assert predicates(filled.timeline()) == [
        "invaded", "met", "shelled", "condemned", "visit", "retaliate"]
    assert predicates(filled.timeline(limit=2, offset=1)) == ["met", "shelled"]
    assert filled.events(order="time") == filled.timeline()
    with pytest.raises(ValueError, match="unknown order"):
        filled.events(order="random")
