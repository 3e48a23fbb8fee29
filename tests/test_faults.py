"""Faults a long ingest meets: a full disk, a store it may not write, a second ingest on the
same store, readers asking while it writes. Each is reported clearly, and what is stored
stays whole."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from newsgraph.pipeline import ingest
from newsgraph.store import Store, StoreError
from newsgraph.web import create_app
from tests.conftest import EXAMPLES, serving
from tests.corpus_maker import write_corpus


def whole(db: Path) -> int:
    """How many articles are stored, checking each has its body and parse (none half-written)."""
    with Store(db) as store:
        for article_id in store.article_ids():
            article = store.load_article(article_id)
            assert article.body and article.sentences and article.tokens, article_id
        return store.count("article")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "corpus"
    write_corpus(path, 30, seed=11)
    return path


def test_a_full_disk_is_reported_and_leaves_no_half_article(tmp_path: Path,
                                                           corpus: Path) -> None:
    db = tmp_path / "full.db"
    with Store(db) as store:
        pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
        # SQLite's own limit on the file's size fails writes as a full disk does (SQLITE_FULL).
        store.connection.execute(f"PRAGMA max_page_count = {pages + 40}")
        with pytest.raises(StoreError, match=r"disk full while writing store .*full\.db"):
            ingest([str(corpus)], store)
    partial = whole(db)
    assert partial < 30
    with Store(db) as store:  # room again: the rerun completes, storing nothing twice
        summary = ingest([str(corpus)], store)
    assert summary.already_stored == partial and whole(db) == 30


def test_a_link_step_cut_short_leaves_nothing_half_linked(tmp_path: Path, corpus: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.link import linker

    def crash(*_args: object) -> None:
        raise RuntimeError("the machine stopped")

    db = tmp_path / "cut.db"
    monkeypatch.setattr(linker, "_write_happenings", crash)  # after stories, before the end
    with Store(db) as store, pytest.raises(RuntimeError):
        ingest([str(corpus)], store)
    monkeypatch.undo()
    with Store(db) as store:
        assert store.count("article") == 30
        assert store.connection.execute("SELECT count(*) FROM article_story").fetchone()[0] == 0
        assert store.stories() == []
        linker.link(store)  # what the next ingest does at its end
        assert store.connection.execute("SELECT count(*) FROM article_story").fetchone()[0] == 30
        assert sum(s["articles"] for s in store.stories()) == 30


def test_a_read_only_store_is_reported(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "ro.db"
    Store(db).close()
    with Store(db) as store:
        store.connection.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreError, match=r"store .*ro\.db is read-only"):
            ingest([str(corpus)], store)
    assert whole(db) == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a file whatever its mode")
def test_a_store_file_without_write_permission_is_reported_by_the_cli(tmp_path: Path,
                                                                     corpus: Path) -> None:
    db = tmp_path / "mode.db"
    Store(db).close()
    db.chmod(0o444)
    result = cli("ingest", str(corpus), "--db", str(db), "--quiet")
    assert result.returncode != 0
    assert "read-only" in result.stderr and "Traceback" not in result.stderr


def test_two_ingests_on_one_store_take_turns(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "both.db"
    Store(db).close()
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", "--db", str(db), "--quiet"]
    first = subprocess.Popen([*command, str(corpus)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (tmp_path / "both.db.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = subprocess.run([*command, str(corpus), str(EXAMPLES)], capture_output=True,
                            text=True, timeout=300, check=False)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, err + second.stderr
    assert "waiting for it to finish" in second.stderr or "stored 0" in out
    total = whole(db)
    with Store(db) as store:
        linked = store.connection.execute("SELECT count(*) FROM article_story").fetchone()[0]
    assert linked == total  # every article in exactly one story
    assert total == 30 + 7


def test_the_server_keeps_answering_while_an_ingest_writes(tmp_path: Path,
                                                          corpus: Path) -> None:
    db = tmp_path / "live.db"
    Store(db).close()
    counts, statuses = [], set()
    with serving(create_app(db)) as address, httpx.Client(base_url=address,
                                                          timeout=10) as client:
        writer = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest",
                                   str(corpus), "--db", str(db), "--quiet"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while writer.poll() is None:
            articles = client.get("/api/articles", params={"limit": 1000})
            events = client.get("/api/events", params={"limit": 5})
            statuses |= {articles.status_code, events.status_code}
            counts.append(len(articles.json()["items"]))
            time.sleep(0.05)
    assert statuses == {200}
    assert len(counts) > 5 and counts == sorted(counts)  # never a step back, never an error
    assert counts[-1] <= 30 == whole(db)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
