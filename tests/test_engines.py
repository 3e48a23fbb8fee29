"""Where the stages run does not change what is stored: a process pool and a Dask local
cluster give the same store as one process; an engine that cannot start says why."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from newsgraph import settings
from newsgraph.engines import EngineError, running
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from tests.conftest import EXAMPLES
from tests.corpus_maker import write_corpus


def contents(db: Path) -> dict[str, Any]:
    """What a store holds, without what depends on when it was written (ingest times) or
    on naming (story and happening ids): stories and happenings as partitions."""
    with Store(db, readonly=True) as store:
        query = store.connection.execute
        tables = {table: sorted(tuple(row) for row in query(f"SELECT * FROM {table}"))
                  for table in ("mention", "timex", "quote", "claim", "event", "event_party",
                                "article_term", "sentence")}
        articles = sorted(tuple(v for k, v in dict(row).items() if k != "ingested_at")
                          for row in query("SELECT * FROM article"))
        stories = sorted(sorted(r[0].split(",")) for r in query(
            "SELECT group_concat(article_id) FROM article_story GROUP BY story_id"))
        happenings = sorted(sorted(r[0].split(",")) for r in query(
            "SELECT group_concat(article_id || '/' || event) FROM event_happening"
            " GROUP BY happening_id"))
    return {"articles": articles, **tables, "stories": stories, "happenings": happenings}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("engines")
    write_corpus(root / "made", 24, seed=3)
    return root


@pytest.fixture(scope="module")
def serial(corpus: Path) -> dict[str, Any]:
    db = corpus / "serial.db"
    with Store(db) as store:
        ingest([str(EXAMPLES), str(corpus / "made")], store)
    return contents(db)


def test_a_process_pool_stores_what_one_process_does(corpus: Path,
                                                     serial: dict[str, Any]) -> None:
    db = corpus / "pool.db"
    with Store(db) as store:
        ingest([str(EXAMPLES), str(corpus / "made")], store, workers=2)
    assert contents(db) == serial


def test_a_dask_local_cluster_stores_what_one_process_does(corpus: Path,
                                                           serial: dict[str, Any]) -> None:
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    db = corpus / "dask.db"
    with Store(db) as store:
        summary = ingest([str(EXAMPLES), str(corpus / "made")], store, workers=2,
                         engine="dask")
    assert summary.stored == len(serial["articles"])
    assert contents(db) == serial


def worker_settings(names: list[str]) -> dict[str, Any]:
    """What a worker runs with: environment variables and, for the profiler, Dask's config."""
    import dask

    return {"profiler": dask.config.get("distributed.worker.profile.enabled"),
            **{name: os.environ.get(name) for name in names}}


def test_dask_local_workers_run_without_the_settings_that_slow_spacy() -> None:
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    with running(2, "dask") as engine:
        [seen] = engine.map(worker_settings, [["MALLOC_TRIM_THRESHOLD_"]])
    assert seen == {"profiler": False, "MALLOC_TRIM_THRESHOLD_": None}


def test_results_come_back_in_input_order_on_every_engine() -> None:
    chunks = [[n] for n in range(20)]
    for workers in (1, 2):
        with running(workers) as engine:
            assert list(engine.map(sorted, chunks)) == chunks
            assert list(engine.map(sorted, chunks[:3])) == chunks[:3]  # one engine, many maps


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    monkeypatch.setattr(settings, "DASK_CONNECT_TIMEOUT", "2s")
    with pytest.raises(EngineError, match=r"cannot reach the Dask scheduler tcp://127\.0\.0\.1:9"),\
            running(engine="dask", scheduler="tcp://127.0.0.1:9"):
        pass


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(EngineError, match="unknown engine 'spark'"), running(engine="spark"):
        pass
