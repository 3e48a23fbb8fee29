"""The store: migrations, all-or-nothing writes, concurrent ingests, clear errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.model import Article, Mention, Sentence, SkipArticle
from newsgraph.store import SCHEMA_VERSION, NotFound, Store, StoreError
from newsgraph.store.schema import migrations
from tests.corpus_maker import write_corpus


def article(article_id: str = "a" * 16, body: str = "Rain fell on Monday.") -> Article:
    return Article(
        id=article_id, source="mem", format="txt", markup="text", raw=body, raw_sha256="0" * 64,
        body=body, sentences=[Sentence(0, len(body))],
        mentions=[Mention(12, 18, "Monday", "DATE", 0)],
    )


def test_new_store_is_at_the_latest_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        version = store.connection.execute("PRAGMA user_version").fetchone()[0]
        mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert version == SCHEMA_VERSION == migrations()[-1][0]
    assert mode == "wal"


def test_store_from_a_newer_newsgraph_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this newsgraph"):
        Store(path)



def test_no_such_record_is_the_stores_own_not_found(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.save_article(article("a" * 16))
        store.save_article(article("a" * 15 + "b", "Snow fell on Tuesday."))
        lookups = [(store.load_article, "zz", "no article with id zz"),
                   (store.actor, "nobody", "no actor 'nobody'"),
                   (store.story, "zz", "no story with id zz"),
                   (store.happening, "zz", "no happening with id zz"),
                   (store.resolve_id, "zz", "no article with id zz"),
                   (store.resolve_id, "aaa", "id prefix aaa is ambiguous"),
                   (lambda i: store.split_story(i, ["a" * 16]), "zz", "no story with id zz")]
        for lookup, key, message in lookups:
            with pytest.raises(NotFound) as raised:
                lookup(key)
            assert str(raised.value).startswith(message)
    assert not issubclass(NotFound, KeyError) and issubclass(NotFound, LookupError)

def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "text.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        Store(path)


def test_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        broken = article()
        broken.mentions.append(Mention(0, 1, "R", None, 0))  # type: ignore[arg-type]
        with pytest.raises(SkipArticle, match="cannot store"):
            store.save_article(broken)
        assert store.count("article") == 0
        assert store.count("sentence") == 0
        assert store.save_article(article()) == "stored"
        assert store.save_article(article()) == "exists"
        assert store.load_article("a" * 16).mentions == article().mentions


def test_two_ingests_at_once_store_each_article_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30, seed=11)
    db = tmp_path / "shared.db"
    Store(db).close()  # created once, so both processes find the schema in place
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db),
               "--quiet"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    outputs = [p.communicate(timeout=300)[0] for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    with Store(db) as store:
        assert store.count("article") == 30
    stored = sum(int(out.split("stored ")[1].split(" ")[0]) for out in outputs)
    assert stored == 30


def test_old_store_is_migrated_and_keeps_its_articles(tmp_path: Path) -> None:
    from newsgraph.store.schema import _statements

    path = tmp_path / "v1.db"
    with sqlite3.connect(path) as connection:
        for statement in _statements(migrations()[0][2]):
            connection.execute(statement)
        connection.execute("PRAGMA user_version = 1")
        connection.execute(
            "INSERT INTO article (id, source, format, markup, published, body, n_words,"
            " raw_sha256, fingerprint, ingested_at) VALUES ('b', 's', 'json', 'text',"
            " '2024-01-05', 'Snow fell on Monday.', 4, 'x', x'', '2024-01-06')"
        )
    with Store(path) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.load_article("b").published_given == "2024-01-05"
        assert store.count("timex") == 0
