"""Where the per-article stages run: here, in a local process pool, or on a Dask cluster.

Each engine maps one function over chunks of articles and gives the results back in input
order, with at most two chunks per worker in flight, so memory stays the same however large
the input is. Only the stages travel: the store, the corpus-wide dating and linking stay with
the caller, so a run on any engine stores and links exactly as a local one does.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from newsgraph import settings

T = TypeVar("T")
R = TypeVar("R")
ENGINES = ("local", "dask")
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


class EngineError(Exception):
    """An engine that cannot start: a missing extra, a scheduler that does not answer."""


def map_ordered(
    function: Callable[..., R],
    chunks: Iterable[T],
    *args: Any,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    warm_up: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``function(chunk, *args)`` for each chunk, in order, on ``engine``.

    ``local`` runs in this process with one worker, else in a pool of ``workers`` processes;
    ``dask`` on the cluster at ``scheduler`` or, without one, on a local cluster of
    ``workers`` single-threaded worker processes. ``warm_up`` runs once in every worker before
    its first chunk (loading the spaCy model there, not in the middle of a chunk)."""
    if engine == "dask":
        yield from _dask(function, chunks, args, workers, scheduler, warm_up)
    elif engine != "local":
        raise EngineError(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    elif workers <= 1:
        for chunk in chunks:
            yield function(chunk, *args)
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                 initargs=(warm_up,)) as pool:
            yield from _windowed(lambda chunk: pool.submit(function, chunk, *args), chunks,
                                 2 * workers)


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


def _windowed(submit: Callable[[T], Any], chunks: Iterable[T], size: int) -> Iterator[Any]:
    """Submit chunks keeping ``size`` in flight; yield each result in submission order."""
    window: deque[Any] = deque()
    for chunk in chunks:
        window.append(submit(chunk))
        if len(window) >= size:
            yield window.popleft().result()
    while window:
        yield window.popleft().result()


def _dask(function: Callable[..., R], chunks: Iterable[T], args: tuple[Any, ...], workers: int,
          scheduler: str | None, warm_up: Callable[[], None] | None) -> Iterator[R]:
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
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: "
                          f"{error}") from error
    try:
        if warm_up:
            client.run(warm_up)
        size = 2 * max(len(client.scheduler_info()["workers"]), 1)
        yield from _windowed(lambda chunk: client.submit(function, chunk, *args, pure=False),
                             chunks, size)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
