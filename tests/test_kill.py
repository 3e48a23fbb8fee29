"""Killing an ingest with SIGKILL at random moments and running it again stores every article
exactly once, whole, and linked: 10 trials, with one process and with a pool, the kill landing
while articles are processed, stored or linked."""

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
TRIALS = 10


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM article").fetchone()[0]
    except sqlite3.Error:
        return 0


def ingest_command(corpus: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db),
            "--quiet", "--workers", str(workers)]


def kill_after(process: subprocess.Popen[bytes], db: Path, rng: random.Random) -> None:
    """SIGKILL once a random number of articles is stored, or, in a third of the trials,
    when all are stored: while the corpus is dated and linked."""
    target = ARTICLES if rng.random() < 1 / 3 else rng.randint(1, ARTICLES - 5)
    deadline = time.monotonic() + 180
    while stored(db) < target and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if target == ARTICLES:
        time.sleep(rng.uniform(0, 0.3))  # somewhere in the corpus steps
    process.send_signal(signal.SIGKILL)
    process.wait()


def check_consistent(db: Path) -> None:
    """Every stored article is whole, in one story that exists, and every happening's
    reports are stored events."""
    with Store(db) as store:
        query = store.connection.execute
        for article_id in store.article_ids():
            article = store.load_article(article_id)
            assert article.sentences and article.tokens and article.body
        assert query("SELECT count(*) FROM article a LEFT JOIN article_story s"
                     " ON s.article_id = a.id WHERE s.story_id IS NULL").fetchone()[0] == 0
        assert query("SELECT count(*) FROM article_story s LEFT JOIN story t"
                     " ON t.id = s.story_id WHERE t.id IS NULL").fetchone()[0] == 0
        assert query("SELECT count(*) FROM event_happening h LEFT JOIN event e"
                     " ON e.article_id = h.article_id AND e.seq = h.event"
                     " WHERE e.seq IS NULL").fetchone()[0] == 0
        assert query("SELECT count(*) FROM story s WHERE s.articles !="
                     " (SELECT count(*) FROM article_story a JOIN article r ON r.id ="
                     " a.article_id WHERE a.story_id = s.id AND r.reprint_of IS NULL)"
                     ).fetchone()[0] == 0


@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_9_then_rerun_stores_each_article_once(tmp_path: Path, trial: int) -> None:
    rng = random.Random(trial)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES, seed=trial)
    db = tmp_path / "kill.db"
    workers = 1 + trial % 2
    process = subprocess.Popen(ingest_command(corpus, db, workers), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    kill_after(process, db, rng)
    partial = stored(db)

    rerun = subprocess.run(ingest_command(corpus, db, workers), capture_output=True, text=True,
                           timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"already stored {partial}" in rerun.stdout
    with Store(db) as store:
        assert store.count("article") == ARTICLES
        assert len({row["source"] for row in store.articles()}) == ARTICLES
    check_consistent(db)
