"""Killing an ingest with SIGKILL and running it again stores every article exactly once."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.store import Store
from tests.corpus_maker import write_corpus

ARTICLES = 60
TRIALS = 3


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM article").fetchone()[0]
    except sqlite3.Error:
        return 0


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db),
            "--quiet"]


@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_9_then_rerun_stores_each_article_once(tmp_path: Path, trial: int) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES, seed=trial)
    db = tmp_path / "kill.db"
    target = random.Random(trial).randint(1, ARTICLES - 10)
    process = subprocess.Popen(ingest_command(corpus, db), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while stored(db) < target and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = stored(db)
    assert partial < ARTICLES, "the ingest finished before it could be killed"

    # Whatever survived the kill is whole: every stored article has all its records.
    with Store(db) as store:
        for article_id in store.article_ids():
            article = store.load_article(article_id)
            assert article.sentences and article.tokens and article.body

    rerun = subprocess.run(ingest_command(corpus, db), capture_output=True, text=True,
                           timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db) as store:
        assert store.count("article") == ARTICLES
        sources = [row["source"] for row in store.articles()]
        assert len(set(sources)) == ARTICLES
        assert store.count("sentence") == sum(
            len(store.load_article(i).sentences) for i in store.article_ids()
        )
    assert f"already stored {partial}" in rerun.stdout
