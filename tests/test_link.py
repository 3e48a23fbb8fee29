"""Linking on articles written for these tests: stories as articles arrive, happenings merged
across reports, reprints counted once, disagreements shown with their sources."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.link import compare
from newsgraph.link.stories import (
    Frequencies,
    StoryIndex,
    StoryState,
    bounds_span,
    days_apart,
    join_similarity,
    same_years,
    span_of,
)
from newsgraph.pipeline import ingest
from newsgraph.store import Store

VISIT_1 = (
    "Japan's foreign minister Yoko Kamikawa arrived in Brazil on Tuesday for talks on trade "
    "and climate. Kamikawa met Brazilian officials in Brasilia and discussed a new agreement on "
    "soybean exports. Brazil and Japan agreed to expand cooperation on renewable energy."
)
VISIT_2 = (
    "Yoko Kamikawa, Japan's foreign minister, visited Brazil on Tuesday, where she discussed "
    "soybean exports and renewable energy with officials in Brasilia. The trade talks in "
    "Brasilia were the first of their kind in a decade, Brazilian officials said."
)
QUAKE = (
    "A strong earthquake struck central Chile on Sunday, damaging houses in Talca and cutting "
    "power to thousands of homes. Chilean emergency services said three people were injured "
    "and rescuers searched collapsed buildings through the night."
)
HISTORY_A = (
    "Officials recalled that in 1967, Egypt attacked Israel, a war that shaped the region for "
    "decades. On Monday Egypt's president opened a museum about that time in Cairo."
)
HISTORY_B = (
    "In 1967, Egypt attacked Israel. Historians in Tel Aviv presented new archives on "
    "Wednesday that describe the first days of the fighting and the diplomacy that followed."
)


def feed(path: Path, *records: dict[str, str]) -> str:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return str(path)


def story_of(store: Store, url: str) -> str:
    return store.connection.execute(
        "SELECT s.story_id FROM article_story s JOIN article a ON a.id = s.article_id"
        " WHERE a.url = ?", (url,)).fetchone()[0]


def happening_sources(store: Store, event_type: str, mode: str | None = None) -> list[int]:
    return [row["sources"] for row in store.happenings(type=event_type)
            if mode is None or row["mode"] == mode]


def test_reports_of_one_development_form_one_story_and_another_event_its_own(
        store: Store, inputs: Path) -> None:
    path = feed(inputs / "news.jsonl",
                {"url": "https://a.example/visit", "published": "2024-05-14", "text": VISIT_1},
                {"url": "https://b.example/visit", "published": "2024-05-15", "text": VISIT_2},
                {"url": "https://c.example/quake", "published": "2024-05-13", "text": QUAKE})
    summary = ingest([path], store)
    assert summary.linked is not None and summary.linked.articles == 3
    assert story_of(store, "https://a.example/visit") == story_of(store, "https://b.example/visit")
    assert story_of(store, "https://c.example/quake") != story_of(store, "https://a.example/visit")
    story = store.story(story_of(store, "https://a.example/visit"))
    assert len(story["articles"]) == 2
    assert "2024-05-14" in story["label"] and "2024-05-15" in story["label"]


def test_the_same_words_months_apart_are_another_story(store: Store, inputs: Path) -> None:
    path = feed(inputs / "news.jsonl",
                {"url": "https://a.example/1", "published": "2024-05-14", "text": VISIT_1},
                {"url": "https://a.example/2", "published": "2024-11-20", "text": VISIT_2})
    ingest([path], store)
    assert story_of(store, "https://a.example/1") != story_of(store, "https://a.example/2")


def test_an_article_arriving_later_joins_the_open_story(store: Store, inputs: Path) -> None:
    ingest([feed(inputs / "first.jsonl", {"url": "https://a.example/visit",
                                          "published": "2024-05-14", "text": VISIT_1})], store)
    later = ingest([feed(inputs / "second.jsonl", {"url": "https://b.example/visit",
                                                   "published": "2024-05-15",
                                                   "text": VISIT_2})], store)
    assert later.linked is not None and later.linked.stories_joined == 1
    assert story_of(store, "https://a.example/visit") == story_of(store, "https://b.example/visit")


def test_one_visit_reported_twice_is_one_happening_with_both_sources(
        store: Store, inputs: Path) -> None:
    path = feed(inputs / "news.jsonl",
                {"url": "https://a.example/visit", "published": "2024-05-14", "text": VISIT_1},
                {"url": "https://b.example/visit", "published": "2024-05-15", "text": VISIT_2})
    ingest([path], store)
    assert 2 in happening_sources(store, "CONSULT", "visit")
    visit = next(r for r in store.happenings(type="CONSULT") if r["mode"] == "visit")
    assert visit["first_reported"] == "2024-05-14"
    report_ids = {r["article_id"] for r in compare(store, visit["id"])["reports"]}
    assert len(report_ids) == 2


def test_history_recounted_in_two_stories_is_one_happening(store: Store, inputs: Path) -> None:
    path = feed(inputs / "news.jsonl",
                {"url": "https://a.example/h", "published": "2024-05-14", "text": HISTORY_A},
                {"url": "https://b.example/h", "published": "2024-10-20", "text": HISTORY_B})
    ingest([path], store)
    assert story_of(store, "https://a.example/h") != story_of(store, "https://b.example/h")
    war = [r for r in store.happenings(type="ASSAULT") if r["time_status"] == "historical"]
    assert [r["sources"] for r in war] == [2]


def test_a_reprint_changes_no_count(store: Store, inputs: Path) -> None:
    first = feed(inputs / "news.jsonl",
                 {"url": "https://a.example/visit", "published": "2024-05-14", "text": VISIT_1},
                 {"url": "https://b.example/visit", "published": "2024-05-15", "text": VISIT_2})
    ingest([first], store)
    before_stories = store.stories()
    before_sources = sorted(r["sources"] for r in store.happenings())
    reprint = feed(inputs / "reprint.jsonl", {"url": "https://blog.example/copy",
                                              "published": "2024-05-15", "text": VISIT_1})
    summary = ingest([reprint], store)
    assert summary.reprints == 1
    assert store.stories() == before_stories
    assert sorted(r["sources"] for r in store.happenings()) == before_sources
    assert story_of(store, "https://blog.example/copy") == story_of(store, "https://a.example/visit")
    again = ingest([first, reprint], store)  # re-ingesting adds and links nothing
    assert again.already_stored == 3 and again.linked is not None and again.linked.articles == 0


def test_reports_that_disagree_on_the_date_are_shown_side_by_side(
        store: Store, inputs: Path) -> None:
    one = VISIT_1.replace("on Tuesday", "on May 14")
    other = VISIT_2.replace("on Tuesday", "on May 16")
    path = feed(inputs / "news.jsonl",
                {"url": "https://a.example/1", "published": "2024-05-16", "text": one},
                {"url": "https://b.example/2", "published": "2024-05-17", "text": other})
    ingest([path], store)
    visit = next(r for r in store.happenings(type="CONSULT") if r["mode"] == "visit")
    assert visit["sources"] == 2 and visit["disputed"]
    dates = compare(store, visit["id"])["versions"]["date"]
    assert {d["value"] for d in dates} == {"2024-05-14", "2024-05-16"}
    assert all(len(d["sources"]) == 1 for d in dates)
    assert [r["id"] for r in store.happenings(disputed=True)] == [visit["id"]]


def test_stories_can_be_merged_and_split_from_the_cli(store: Store, inputs: Path) -> None:
    path = feed(inputs / "news.jsonl",
                {"url": "https://a.example/visit", "published": "2024-05-14", "text": VISIT_1},
                {"url": "https://b.example/visit", "published": "2024-05-15", "text": VISIT_2},
                {"url": "https://c.example/quake", "published": "2024-05-13", "text": QUAKE})
    ingest([path], store)
    db = str(store.path)
    visit, quake = story_of(store, "https://a.example/visit"), story_of(store, "https://c.example/quake")
    runner = CliRunner()
    result = runner.invoke(main, ["merge-stories", visit[:6], quake[:6], "--db", db])
    assert result.exit_code == 0, result.output
    assert store.story(visit)["articles"].__len__() == 3
    quake_article = store.connection.execute(
        "SELECT id FROM article WHERE url = 'https://c.example/quake'").fetchone()[0]
    result = runner.invoke(main, ["split-story", visit[:6], quake_article[:8], "--db", db])
    assert result.exit_code == 0, result.output
    assert len(store.story(visit)["articles"]) == 2
    assert story_of(store, "https://c.example/quake") == quake_article
    listed = runner.invoke(main, ["stories", "--db", db, "--json"])
    assert {s["id"] for s in json.loads(listed.output)} == {visit, quake_article}
    shown = runner.invoke(main, ["story", visit[:6], "--db", db])
    assert "Happenings" in shown.output and "News" in shown.output


def test_happenings_and_compare_from_the_cli(store: Store, inputs: Path) -> None:
    path = feed(inputs / "news.jsonl",
                {"url": "https://a.example/visit", "published": "2024-05-14", "text": VISIT_1},
                {"url": "https://b.example/visit", "published": "2024-05-15", "text": VISIT_2})
    ingest([path], store)
    runner = CliRunner()
    listed = runner.invoke(main, ["happenings", "--min-sources", "2", "--db", str(store.path),
                                  "--json"])
    rows = json.loads(listed.output)
    assert rows and all(r["sources"] >= 2 for r in rows)
    compared = runner.invoke(main, ["compare", rows[0]["id"], "--db", str(store.path)])
    assert compared.exit_code == 0 and "distinct sources" in compared.output
    exported = runner.invoke(main, ["export", "--kind", "happenings", "--db", str(store.path)])
    assert all("reports" in json.loads(line) for line in exported.output.splitlines())


def test_tf_idf_vectors_are_unit_length_and_weigh_rare_terms_more() -> None:
    frequencies = Frequencies({"said": 90, "@kamikawa": 2}, 100)
    vector = frequencies.vector([("said", 3), ("@kamikawa", 1)])
    assert abs(sum(w * w for w in vector.values()) - 1) < 1e-9
    assert vector["@kamikawa"] > vector["said"]


def test_time_rules_for_joining_a_story() -> None:
    story = StoryState("s", {"#2013": 1.0}, "2013-05-02", "2013-05-03")
    assert days_apart(story, span_of("2013-05-03")) == 0
    assert days_apart(story, span_of("2013-05-10")) == 7
    assert days_apart(story, span_of("2013-04-30")) == 2
    assert days_apart(story, span_of(None)) is None  # an undated article: time keeps nothing apart
    # Near the story the ordinary threshold; a follow-up weeks later must be closer; months
    # later, nothing joins.
    near, late = join_similarity(days_apart(story, span_of("2013-05-10"))), \
        join_similarity(days_apart(story, span_of("2013-06-10")))
    assert near is not None and late is not None and late > near
    assert join_similarity(days_apart(story, span_of("2013-09-01"))) is None
    assert join_similarity(None) == near
    assert same_years(frozenset({"#2013"}), story) and not same_years(frozenset({"#2008"}), story)
    assert same_years(frozenset(), story)
    # An undated article whose evidence bounds it is kept out of stories of other times.
    assert join_similarity(days_apart(story, bounds_span("2019-03-01", None))) is None
    assert days_apart(story, bounds_span(None, "2013-05-20")) == 0
    assert bounds_span(None, None) is None


def test_a_follow_up_weeks_later_joins_only_a_story_it_is_close_to() -> None:
    terms = [("@kamikawa", 2), ("tokyo", 1), ("soybean", 1)]
    loose = [("@kamikawa", 1), ("brasilia", 3), ("stadium", 3), ("fans", 3)]
    for day, same_joins, loose_joins in (("2013-05-04", True, True),
                                         ("2013-06-10", True, False),
                                         ("2013-09-10", False, False)):
        index = StoryIndex([], Frequencies({}, 10))
        first, _ = index.assign("a", terms, "2013-05-02")
        same, _ = index.assign("b", terms, day)
        index = StoryIndex([], Frequencies({}, 10))
        index.assign("a", terms, "2013-05-02")
        other, _ = index.assign("c", loose, day)
        assert (same == first, other == first) == (same_joins, loose_joins), day


def test_an_article_dated_but_for_the_year_keeps_to_its_time_of_year() -> None:
    terms = [("@kamikawa", 2), ("tokyo", 1)]
    for yearless, joins in (("XXXX-05-04", True), ("XXXX-12-25", False)):
        index = StoryIndex([], Frequencies({}, 10))
        first, _ = index.assign("a", terms, "2013-05-02")
        joined, _ = index.assign("b", terms, yearless)
        assert (joined == first) is joins, yearless
    # Round the turn of the year, and between two articles both without a year.
    story = StoryState("s", {}, "2013-12-30", "2013-12-30")
    assert days_apart(story, span_of("XXXX-01-02")) == 3
    assert days_apart(StoryState("t", {}, month_days={(12, 31)}), span_of("XXXX-01-05")) == 5


def test_an_undated_article_joins_only_stories_its_bounds_allow() -> None:
    terms = [("@kamikawa", 2), ("tokyo", 1)]
    for bounds, joins in (((None, None), True), (("2019-01-01", None), False),
                          (("2013-04-01", "2013-06-01"), True)):
        index = StoryIndex([], Frequencies({}, 10))
        first, _ = index.assign("a", terms, "2013-05-02")
        joined, _ = index.assign("b", terms, None, bounds)
        assert (joined == first) is joins, bounds


def test_bad_story_edits_are_refused_clearly(store: Store, inputs: Path) -> None:
    path = feed(inputs / "news.jsonl",
                {"url": "https://a.example/visit", "published": "2024-05-14", "text": VISIT_1},
                {"url": "https://c.example/quake", "published": "2024-05-13", "text": QUAKE})
    ingest([path], store)
    visit, quake = story_of(store, "https://a.example/visit"), story_of(store, "https://c.example/quake")
    runner = CliRunner()
    db = str(store.path)
    itself = runner.invoke(main, ["merge-stories", visit, visit, "--db", db])
    assert itself.exit_code != 0 and "into itself" in itself.output
    foreign = runner.invoke(main, ["split-story", visit, quake, "--db", db])
    assert foreign.exit_code != 0 and "not in story" in foreign.output
    whole = runner.invoke(main, ["split-story", visit, visit, "--db", db])
    assert whole.exit_code != 0 and "nothing to split from" in whole.output
    unknown = runner.invoke(main, ["compare", "nosuchhappening", "--db", db])
    assert unknown.exit_code != 0 and "no happening" in unknown.output
    assert len(store.stories()) == 2
