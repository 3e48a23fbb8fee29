"""Peak memory and time of `newsgraph ingest` (and a POST to the API) on compressed bombs.

Each case is built here, in a temporary folder, and run in a child process whose own peak
resident memory comes from ``wait4``; the floor beside them is the same command on one empty
record (the interpreter and newsgraph's imports). Issue 16's cases:

- ``list-stdin``: about 60 MB of ``{},`` inside a JSON list, gzipped (61 KB), on ``ingest -``;
- ``line-file``: one 500 MB JSON line, gzipped (0.5-2 MB), as a ``.jsonl.gz`` file;
- ``line-post``: the same line posted to ``POST /api/articles`` (in-process client);
- ``record-file``: a ``.json`` list holding one 52 MB record.

    .venv/bin/python benchmarks/hostile_input.py [--cases list-stdin line-file ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MB = 2**20


def build_list(folder: Path) -> tuple[Path, int]:
    path = folder / "list.json.gz"
    data = b"[" + b"{}," * (20 * MB) + b"{}]"
    path.write_bytes(gzip.compress(data, 9))
    return path, len(data)


def build_line(folder: Path) -> tuple[Path, int]:
    path = folder / "line.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        handle.write(b'{"text": "')
        for _ in range(500):
            handle.write(b"a" * MB)
        handle.write(b'"}\n')
    return path, 500 * MB + 13


def build_record(folder: Path) -> tuple[Path, int]:
    path = folder / "record.json"
    path.write_bytes(b'[{"text": "' + b"word " * (52 * MB // 5) + b'"}]')
    return path, path.stat().st_size


def build_floor(folder: Path) -> tuple[Path, int]:
    path = folder / "floor.json"
    path.write_bytes(b"[{}]")
    return path, 4


def ingest(path: Path, db: Path, stdin: bool) -> tuple[list[str], Path | None]:
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", "-" if stdin else str(path),
               "--db", str(db), "--quiet", "--json"]
    return command, path if stdin else None


def post(path: Path, db: Path) -> tuple[list[str], Path | None]:
    script = ("from pathlib import Path; from fastapi.testclient import TestClient;"
              "from newsgraph.store import Store; from newsgraph.web import create_app;"
              f"Store({str(db)!r}).close();"
              f"c = TestClient(create_app({str(db)!r}, allow_ingest=True));"
              f"r = c.post('/api/articles', content=Path({str(path)!r}).read_bytes());"
              "print(r.status_code, r.text[:200])")
    return [sys.executable, "-W", "ignore", "-c", script], None


CASES: dict[str, tuple[Callable[[Path], tuple[Path, int]], Callable[..., tuple]]] = {
    "floor": (build_floor, lambda p, db: ingest(p, db, stdin=True)),
    "list-stdin": (build_list, lambda p, db: ingest(p, db, stdin=True)),
    "line-file": (build_line, lambda p, db: ingest(p, db, stdin=False)),
    "line-post": (build_line, post),
    "record-file": (build_record, lambda p, db: ingest(p, db, stdin=False)),
}


# The command runs as the child of a small launcher that prints the child's peak: a child
# forked from this process would count this process's pages (the bombs it built) in its own
# peak, even after exec.
LAUNCHER = ("import os, subprocess, sys; child = subprocess.Popen(sys.argv[1:]); "
            "_, status, usage = os.wait4(child.pid, 0); print(f'\\npeak_kb={usage.ru_maxrss}')")


def run(command: list[str], stdin: Path | None) -> tuple[float, float, str]:
    """Seconds, the command's peak RSS in MB, and what it answered."""
    with stdin.open("rb") if stdin else open(os.devnull, "rb") as given:
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", LAUNCHER, *command], stdin=given,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - started
    text, _, peak = result.stdout.decode("utf-8", "replace").rpartition("\npeak_kb=")
    return seconds, int(peak) / 1024, _outcome(text.strip())


def _outcome(text: str) -> str:
    try:
        summary = json.loads(text[text.index("{"):])
        if "skipped_by_reason" in summary:
            return f"stored {summary['stored']}, skipped {summary['skipped_count']}: " + \
                ", ".join(f"{k} {v}" for k, v in summary["skipped_by_reason"].items())
    except ValueError:
        pass
    return text.splitlines()[-1][:120] if text else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    args = parser.parse_args()
    print("| case | input MB | unpacked MB | seconds | peak RSS MB | outcome |")
    print("| --- | --: | --: | --: | --: | --- |")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name in args.cases:
            build, command_of = CASES[name]
            path, unpacked = build(folder)
            command, stdin = command_of(path, folder / f"{name}.db")
            seconds, peak, outcome = run(command, stdin)
            print(f"| {name} | {path.stat().st_size / MB:.2f} | {unpacked / MB:.0f} | "
                  f"{seconds:.1f} | {peak:.0f} | {outcome} |", flush=True)


if __name__ == "__main__":
    main()
