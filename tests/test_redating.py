"""Dating from the corpus: what it may decide, and that a re-dated article is the article a
fresh ingest with that date gives (terms, events, story). All texts are made up."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.model import Published
from newsgraph.pipeline import ingest, set_date
from newsgraph.store import Store
from newsgraph.timex.published import USER

DATED = ("Russian Defence Minister Sergei Shoigu met his Chinese counterpart in Beijing on "
         "Thursday and signed a military cooperation agreement with China, the Russian defence "
         "ministry said. Shoigu also visited a Chinese army base outside Beijing, where he "
         "watched joint exercises of Russian and Chinese troops.")
UNDATED = ("Russian Defence Minister Sergei Shoigu arrived in Beijing on October 2 for talks "
           "with Chinese military leaders, the Russian defence ministry said. Shoigu is expected "
           "to visit a Chinese army base and watch joint exercises of Russian and Chinese "
           "troops during the visit to China.")


def stored(folder: Path, records: list[dict[str, str]], db: Path) -> Store:
    folder.mkdir()
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    store = Store(db)
    ingest([str(folder)], store)
    return store


def article_view(store: Store, url: str) -> dict[str, object]:
    """What the corpus step must make of an article: its date, terms, events and story
    company (the urls of the other articles in its story)."""
    row = next(a for a in store.articles() if a["url"] == url)
    article = store.load_article(row["id"])
    story_of = {a["id"]: store.load_article(a["id"]).story for a in store.articles()}
    return {
        "published": row["published"],
        "terms": sorted(article.terms),
        "events": sorted((e["type"], e["earliest"], e["latest"], e["time_status"],
                          tuple(sorted(p["actor_id"] or p["text"] for p in e["actors"])))
                         for e in store.events(article_id=row["id"], include_negated=True)),
        "story": sorted(a["url"] for a in store.articles()
                        if story_of[a["id"]] == article.story and a["id"] != row["id"]),
    }


def test_a_re_dated_article_is_what_a_fresh_ingest_with_its_date_gives(tmp_path: Path) -> None:
    first = {"url": "https://a.example/1", "published": "2019-10-03", "text": DATED}
    second = {"url": "https://b.example/2", "text": UNDATED}
    with stored(tmp_path / "corpus", [first, second], tmp_path / "corpus.db") as corpus:
        redated = article_view(corpus, second["url"])
        row = next(a for a in corpus.articles() if a["url"] == second["url"])
    # The text leaves the years of Shoigu's term as defence minister; the related article
    # falls in one of them.
    assert redated["published"] == "2019-10-02"
    # The same article ingested alone, given that date (and interval) by hand, then the
    # other article: the same terms, events and story.
    with stored(tmp_path / "fresh", [second], tmp_path / "fresh.db") as fresh:
        set_date(fresh, row["id"], Published(row["published"], row["published_earliest"],
                                             row["published_latest"], 1.0, USER, "test"))
        (tmp_path / "later").mkdir()
        (tmp_path / "later" / "a.jsonl").write_text(json.dumps(first) + "\n")
        ingest([str(tmp_path / "later")], fresh)
        assert article_view(fresh, second["url"]) == redated


def test_a_date_set_by_hand_is_kept_and_rederives_what_depends_on_it(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import main

    record = {"url": "https://b.example/2", "text": UNDATED}
    db = tmp_path / "hand.db"
    with stored(tmp_path / "corpus", [record], db) as store:
        assert article_view(store, record["url"])["published"] == "XXXX-10-02"
        article_id = store.articles()[0]["id"]
    runner = CliRunner()
    result = runner.invoke(main, ["set-date", article_id[:6], "2020-10-02", "--latest",
                                  "2020-10-03", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2020-10-02 [2020-10-02..2020-10-03] user" in result.output
    with Store(db) as store:
        by_hand = article_view(store, record["url"])
    assert by_hand["published"] == "2020-10-02"
    assert any(earliest and earliest.startswith("2020-10-02")
               for _type, earliest, *_ in by_hand["events"])  # "arrived … on October 2"
    assert runner.invoke(main, ["reprocess", "--stage", "clean", "--db", str(db),
                                "--quiet"]).exit_code == 0
    with Store(db) as store:
        assert article_view(store, record["url"]) == by_hand  # a later pass keeps it
    bad = runner.invoke(main, ["set-date", article_id, "2020-10-05", "--latest", "2020-10-03",
                               "--db", str(db)])
    assert bad.exit_code == 2 and "between" in bad.output
