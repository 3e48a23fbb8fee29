"""Peak memory of a whole process tree, sampled from ``/proc``.

Why a tree and not just the child: both systems under test fan out. ``nlp.pipe(n_process=N)``
forks N workers and ``newsgraph ingest --workers N`` runs a pool; the memory a user must budget
for is the sum over the parent and every descendant, which ``resource.getrusage`` (max of one
process) and ``ru_maxrss`` of children (max, not sum, and only after exit) cannot give.

Two figures are kept:

* **RSS sum** (``VmRSS``), the number the brief asks for. It double-counts pages that forked
  workers share copy-on-write with their parent (the spaCy model weights, for instance), so it
  overstates what the machine really needs.
* **PSS sum** (``Pss`` from ``smaps_rollup``), which charges each shared page to its sharers in
  proportion and so adds up to the real footprint. It is the fairer figure for comparing a
  forked pool with a single process.

Linux only. Descendants are found by scanning ``/proc/*/stat`` for parent ids, because
``/proc/<pid>/task/*/children`` needs ``CONFIG_PROC_CHILDREN``, which not every kernel has
(this machine's does not).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")


def _ppid_map() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process visible right now."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:  # the process exited between scandir and open
            continue
        # Field 2 (comm) may contain spaces and parentheses; the ppid follows the last ')'.
        rest = stat[stat.rfind(b")") + 2 :].split()
        if len(rest) < 2:
            continue
        children.setdefault(int(rest[1]), []).append(int(entry.name))
    return children


def descendants(root: int) -> list[int]:
    """``root`` and all its live descendants."""
    tree = _ppid_map()
    out, stack = [], [root]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(tree.get(pid, ()))
    return out


def _read_kb(path: str, key: bytes) -> int:
    """The ``key:  N kB`` value of a /proc status-like file, 0 if the process is gone."""
    try:
        with open(path, "rb") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_memory_kb(root: int, *, with_pss: bool = True) -> tuple[int, int, int]:
    """(RSS sum, PSS sum, process count) over ``root``'s tree, in kB."""
    rss = pss = 0
    pids = descendants(root)
    for pid in pids:
        rss += _read_kb(f"/proc/{pid}/status", b"VmRSS:")
        if with_pss:
            pss += _read_kb(f"/proc/{pid}/smaps_rollup", b"Pss:")
    return rss, pss, len(pids)


@dataclass
class PeakSampler:
    """Sample a process tree every ``interval`` seconds in a background thread; keep the peaks.

    Use as a context manager around the wait for the child::

        with PeakSampler(proc.pid) as mem:
            proc.wait()
        mem.peak_rss_mb
    """

    pid: int
    interval: float = 0.1
    with_pss: bool = True
    peak_rss_kb: int = 0
    peak_pss_kb: int = 0
    peak_processes: int = 0
    samples: int = 0
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        """Take one sample now (also called from the thread)."""
        rss, pss, n = tree_memory_kb(self.pid, with_pss=self.with_pss)
        if n and rss:
            self.samples += 1
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.peak_processes = max(self.peak_processes, n)

    def __enter__(self) -> PeakSampler:
        self._thread = threading.Thread(target=self._run, name="peak-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    @property
    def peak_rss_mb(self) -> float:
        """Peak of the summed RSS in MiB (what ``ps`` and ``top`` call MB)."""
        return self.peak_rss_kb / 1024

    @property
    def peak_pss_mb(self) -> float:
        """Peak of the summed PSS, in MiB."""
        return self.peak_pss_kb / 1024
