"""Where the per-article work runs: here, in a local process pool, or on a Dask cluster.

An engine maps a function over chunks of articles and gives the results back in input
order, with at most two chunks per worker in flight, so memory stays the same however large
the input is. One engine serves a whole ingest (the stages, then the re-dating of articles
dated from the corpus), so its workers load the model once. Only per-article functions
travel: the store, and the corpus steps that read many articles, stay with the caller, so a
run on any engine stores and links exactly as a local one does.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from newsgraph import settings

T = TypeVar("T")
ENGINES = ("local", "dask")
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
# Settings for the workers of a local cluster (start the workers of a remote cluster with the
# same: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False and
# DASK_DISTRIBUTED__NANNY__PRE_SPAWN_ENVIRON="{'MALLOC_TRIM_THRESHOLD_': None}"):
# * the statistical profiler samples every stack 100 times a second, and spaCy's are deep;
# * a fixed MALLOC_TRIM_THRESHOLD_ (Dask's default) also fixes glibc's mmap threshold, so every
#   array spaCy allocates over 128 kB is mapped and unmapped again: 2.7x the system time.
DASK_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


class EngineError(Exception):
    """An engine that cannot start: a missing extra, a scheduler that does not answer."""


class Engine(Protocol):
    def map(self, function: Callable[..., T], chunks: Iterable[Any], *args: Any
            ) -> Iterator[T]:
        """``function(chunk, *args)`` for each chunk, in input order."""
        ...


class Here:
    """This process, one chunk after another."""

    def map(self, function: Callable[..., T], chunks: Iterable[Any], *args: Any
            ) -> Iterator[T]:
        for chunk in chunks:
            yield function(chunk, *args)


class Workers:
    """Submits to a pool (local processes, or a Dask client) with a bounded window."""

    def __init__(self, submit: Callable[..., Any], size: int) -> None:
        self.submit = submit
        self.size = size

    def map(self, function: Callable[..., T], chunks: Iterable[Any], *args: Any
            ) -> Iterator[T]:
        window: deque[Any] = deque()
        for chunk in chunks:
            window.append(self.submit(function, chunk, *args))
            if len(window) >= self.size:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


@contextmanager
def running(workers: int = 1, engine: str = "local", scheduler: str | None = None,
            warm_up: Callable[[], None] | None = None) -> Iterator[Engine]:
    """An engine for one job, closed when it ends.

    ``local`` runs in this process with one worker, else in a pool of ``workers`` processes;
    ``dask`` on the cluster at ``scheduler`` or, without one, on a local cluster of
    ``workers`` single-threaded worker processes. ``warm_up`` runs once in every worker before
    its first chunk (loading the spaCy model there, not in the middle of a chunk)."""
    if engine == "dask":
        with _dask(workers, scheduler, warm_up) as client:
            size = 2 * max(len(client.scheduler_info()["workers"]), 1)
            yield Workers(lambda function, *args: client.submit(function, *args, pure=False),
                          size)
    elif engine != "local":
        raise EngineError(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    elif workers <= 1:
        yield Here()
    else:
        pool: Executor
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                 initargs=(warm_up,)) as pool:
            yield Workers(pool.submit, 2 * workers)


def _start_worker(warm_up: Callable[[], None] | None) -> None:
    """A pool worker's first steps: die with its parent (a killed ingest must not leave
    workers holding memory), then warm up."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before the line above ran
            os._exit(1)
    if warm_up:
        warm_up()


@contextmanager
def _dask(workers: int, scheduler: str | None,
          warm_up: Callable[[], None] | None) -> Iterator[Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise EngineError("--engine dask needs the dask extra: "
                          "pip install 'newsgraph[dask]'") from error
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=settings.DASK_CONNECT_TIMEOUT)
        else:
            import dask

            with dask.config.set(DASK_WORKER_CONFIG):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                       processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
            # Results come straight from the workers, not relayed by the scheduler (Dask's
            # default, for clients that cannot reach the workers; these are on this machine).
            client = Client(cluster, direct_to_workers=True)
    except (OSError, TimeoutError) as error:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: "
                          f"{error}") from error
    try:
        if warm_up:
            client.run(warm_up)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
